//! `/calculator`: an editable table of lists and votes and the options of an allocation, all
//! in the URL (a GET form), so a result is a link. The result shows the seats, the hemicycle,
//! each list's margins and the composition's, what-ifs by method and by threshold, the
//! explanation, and downloads (SVG, CSV, JSON, infobox wikitext). Without JavaScript the form
//! works on submit; `calculator.js` refreshes the result as one types.

use std::fmt::Write as _;
use std::path::Path;

use maslihat_analysis::{Margins, SweepRow, margins, sweep};
use maslihat_apportion::{Allocation, DivisorStart, ListStatus, Method, Threshold, allocate_with_start, explain};
use maslihat_ingest::vote_table::{Separator, TotalRows, read_vote_table};
use maslihat_model::infobox::{Infobox, Link};
use maslihat_model::{Affiliation, Composition, PartyId};
use maslihat_render::allocation::{allocation_csv, allocation_doc, allocation_svg};
use maslihat_render::infobox;
use maslihat_render::report::html::inline_svg;
use maslihat_report::WHAT_IF_THRESHOLDS;
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;
use serde_json::Value;

use crate::error::ApiError;
use crate::pages::{Text, page};
use crate::request::{PartyField, Problem, Request, election_votes};
use crate::site::Site;

/// The longest vote table the calculator reads, in bytes (the table travels in the URL).
pub const MAX_TABLE_BYTES: usize = 16 * 1024;

/// The calculator's inputs, as the form sends them (every field text, possibly empty).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Form {
    #[serde(default)]
    pub table: String,
    #[serde(default)]
    pub seats: String,
    #[serde(default)]
    pub rules: String,
    #[serde(default)]
    pub method: String,
    #[serde(default)]
    pub threshold: String,
    #[serde(default)]
    pub threshold_base: String,
    #[serde(default)]
    pub against_all: String,
    #[serde(default)]
    pub invalid: String,
    #[serde(default)]
    pub tie_break: String,
    #[serde(default)]
    pub runner_up: String,
    /// Start from this election of the dataset (fills the fields left empty).
    #[serde(default)]
    pub election: String,
}

/// An allocation computed for the calculator, with everything its page shows.
#[derive(Debug)]
pub struct Computed {
    pub problem: Problem,
    pub allocation: Allocation,
    pub explanation: String,
    pub margins: Option<Margins>,
    pub by_method: Vec<SweepRow>,
    pub by_threshold: Vec<SweepRow>,
}

/// What the form's inputs come to: nothing yet, errors, or a result.
#[derive(Debug)]
pub enum Calculation {
    Empty,
    Errors(Vec<ApiError>),
    Result(Box<Computed>),
}

fn text(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

impl Form {
    /// Fills the fields left empty from the dataset's election named in `election`.
    pub fn with_election(mut self, site: &Site) -> Result<Form, ApiError> {
        let Some(name) = text(&self.election) else { return Ok(self) };
        let votes = election_votes(&site.source.dataset, &name)?;
        if self.table.trim().is_empty() {
            let mut table = String::from("party\tvotes\n");
            for (name, votes) in votes.names.iter().zip(votes.tally.votes()) {
                let _ = writeln!(table, "{}\t{votes}", name.replace(['\t', '\n', '\r'], " "));
            }
            self.table = table;
            if votes.tally.against_all() > 0 && self.against_all.trim().is_empty() {
                self.against_all = votes.tally.against_all().to_string();
            }
            if votes.tally.invalid() > 0 && self.invalid.trim().is_empty() {
                self.invalid = votes.tally.invalid().to_string();
            }
        }
        if self.seats.trim().is_empty() {
            self.seats = votes.seats.map(|s| s.to_string()).unwrap_or_default();
        }
        if let (true, Some(preset)) = (self.rules.trim().is_empty(), votes.preset) {
            self.rules = preset.name().to_owned();
            if let Some(rules) = &votes.rules
                && rules.tie_policy != preset.rules().tie_policy
                && self.tie_break.trim().is_empty()
            {
                self.tie_break = rules.tie_policy.name();
            }
        }
        Ok(self)
    }

    /// The query string that gives this form again (for links and downloads).
    pub fn query(&self) -> String {
        let fields = [
            ("table", &self.table),
            ("seats", &self.seats),
            ("rules", &self.rules),
            ("method", &self.method),
            ("threshold", &self.threshold),
            ("threshold_base", &self.threshold_base),
            ("against_all", &self.against_all),
            ("invalid", &self.invalid),
            ("tie_break", &self.tie_break),
            ("runner_up", &self.runner_up),
        ];
        let parts: Vec<String> =
            fields.iter().filter(|(_, v)| !v.trim().is_empty()).map(|(k, v)| format!("{k}={}", encode(v))).collect();
        parts.join("&")
    }

    /// The request these inputs make, with the table's rows as its lists; errors for the table.
    fn request(&self, site: &Site) -> Result<Request, Vec<ApiError>> {
        if self.table.len() > MAX_TABLE_BYTES {
            return Err(vec![ApiError::too_large(
                "table".to_owned(),
                format!("the table is longer than {} KiB: this calculator takes smaller ones", MAX_TABLE_BYTES / 1024),
            )]);
        }
        let rows = read_table(&self.table)?;
        crate::request::check_list_count(rows.len(), &site.limits).map_err(|e| vec![e])?;
        let parties = rows
            .into_iter()
            .map(|(party, votes)| PartyField { party, votes: Some(Value::from(votes)), share: None })
            .collect();
        let string = |v: &str| text(v).map(Value::String);
        Ok(Request {
            seats: string(&self.seats),
            rules: text(&self.rules),
            method: text(&self.method),
            threshold: text(&self.threshold),
            threshold_base: text(&self.threshold_base),
            against_all: string(&self.against_all),
            invalid: string(&self.invalid),
            tie_break: text(&self.tie_break),
            runner_up: text(&self.runner_up),
            parties: Some(parties),
            ..Request::default()
        })
    }

    /// Computes the result of these inputs.
    pub fn compute(&self, site: &Site) -> Calculation {
        if self.table.trim().is_empty() {
            return Calculation::Empty;
        }
        let request = match self.request(site) {
            Ok(request) => request,
            Err(errors) => return Calculation::Errors(errors),
        };
        let problem = match request.problem(&site.source.dataset, &site.limits) {
            Ok(problem) => problem,
            Err(error) => return Calculation::Errors(vec![error]),
        };
        match compute(problem) {
            Ok(computed) => Calculation::Result(Box::new(computed)),
            Err(error) => Calculation::Errors(vec![error]),
        }
    }
}

/// Percent-encodes a query value.
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            b' ' => out.push('+'),
            _ => {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

/// Reads a pasted table: with or without its `party,votes` header (a first row of two cells
/// whose second is no number is taken as a header), separated by commas, semicolons or tabs.
pub fn read_table(table: &str) -> Result<Vec<(String, u64)>, Vec<ApiError>> {
    let table = table.trim_start_matches('\u{feff}').trim_matches(['\n', '\r']);
    let separator = Separator::detect(table.as_bytes());
    let first = table.lines().next().unwrap_or_default().to_lowercase();
    let has_header = first.split(separator.byte() as char).any(|cell| {
        let cell = cell.trim().trim_matches('"');
        cell == "party" || cell == "votes"
    });
    let text = if has_header {
        table.to_owned()
    } else {
        let sep = separator.byte() as char;
        format!("party{sep}votes\n{table}")
    };
    let read = read_vote_table(text.as_bytes(), Path::new("table"), TotalRows::Refuse).map_err(|errors| {
        errors
            .iter()
            .map(|e| {
                // Without a header of its own, the reader's line numbers are one past the pasted ones.
                let message = if has_header { e.to_string() } else { shift_line(&e.to_string()) };
                ApiError::bad("table".to_owned(), message)
            })
            .collect::<Vec<_>>()
    })?;
    Ok(read.rows.into_iter().map(|row| (row.party, row.votes)).collect())
}

/// `table:5:2: …` → `table:4:2: …` (the line of the pasted text, before the header we added).
fn shift_line(message: &str) -> String {
    let Some(rest) = message.strip_prefix("table:") else { return message.to_owned() };
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    match digits.parse::<u64>() {
        Ok(line) if line > 1 => format!("table:{}{}", line - 1, &rest[digits.len()..]),
        _ => message.to_owned(),
    }
}

/// The allocation of `problem` with its explanation, margins and what-ifs.
pub fn compute(problem: Problem) -> Result<Computed, ApiError> {
    let Problem { names, tally, house, rules, .. } = &problem;
    let allocation = allocate_with_start(tally, *house, rules, DivisorStart::Empty)
        .map_err(|err| ApiError::allocation(err, names))?;
    let explanation = explain(&allocation, names);
    let margins = margins(tally, *house, rules).ok();
    let by_method = sweep(tally, &Method::all_standard(), std::slice::from_ref(&rules.threshold), &[*house], rules);
    let thresholds: Vec<Threshold> = WHAT_IF_THRESHOLDS.iter().filter_map(|t| Threshold::percent(*t).ok()).collect();
    let by_threshold = sweep(tally, std::slice::from_ref(&rules.method), &thresholds, &[*house], rules);
    Ok(Computed { problem, allocation, explanation, margins, by_method, by_threshold })
}

/// The result as a download: the diagram, the seats as CSV, the JSON of `maslihat allocate
/// --format json --explain`, or the infobox wikitext of the composition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Download {
    Svg,
    Csv,
    Json,
    Wikitext,
}

impl Download {
    pub fn from_name(name: &str) -> Option<Download> {
        match name {
            "result.svg" => Some(Download::Svg),
            "result.csv" => Some(Download::Csv),
            "result.json" => Some(Download::Json),
            "infobox.txt" => Some(Download::Wikitext),
            _ => None,
        }
    }

    pub fn file_name(self) -> &'static str {
        match self {
            Download::Svg => "result.svg",
            Download::Csv => "result.csv",
            Download::Json => "result.json",
            Download::Wikitext => "infobox.txt",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Download::Svg => "image/svg+xml; charset=utf-8",
            Download::Csv => "text/csv; charset=utf-8",
            Download::Json => "application/json",
            Download::Wikitext => "text/plain; charset=utf-8",
        }
    }

    /// The file's contents.
    pub fn render(self, computed: &Computed) -> String {
        let Computed { problem, allocation, explanation, .. } = computed;
        match self {
            Download::Svg => allocation_svg(allocation, &problem.tally, &problem.rules, &problem.names, "Result"),
            Download::Csv => allocation_csv(allocation, &problem.names),
            Download::Json => {
                let preset = problem.preset.map(|p| p.name().to_owned());
                let doc = allocation_doc(allocation, &problem.names, preset, Some(explanation.clone()));
                serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
            }
            Download::Wikitext => infobox::write(&result_infobox(computed)),
        }
    }
}

/// The infobox of the result's composition: each list as a party of its own name.
fn result_infobox(computed: &Computed) -> Infobox {
    let names = &computed.problem.names;
    let seats: Vec<(Affiliation, u32)> = names
        .iter()
        .zip(&computed.allocation.lists)
        .filter(|(_, list)| list.seats > 0)
        .map(|(name, list)| (Affiliation::Party(PartyId(name.clone())), list.seats))
        .collect();
    let composition = Composition::new(computed.allocation.house_size, seats);
    let mut infobox = Infobox { voting_system: Some(computed.problem.rules.method.name()), ..Infobox::default() };
    infobox::set_composition(&mut infobox, &composition, &|who| match who {
        Affiliation::Party(id) => (Link::plain(&id.0), None),
        Affiliation::SelfNominated => (Link::plain("Self-nominated"), None),
    });
    infobox
}

/// The calculator's page for `form` and what it came to.
pub fn calculator_page(site: &Site, form: &Form, outcome: &Calculation) -> String {
    let body = html! {
        h1 { "Seat calculator" } "\n"
        p class="lede" {
            "Paste a table of lists and votes (from a spreadsheet or a web page: tabs, semicolons or commas; "
            "thousands grouped with spaces, dots or commas), choose the rules, and see the seats. Exact integer "
            "arithmetic; the link of the page is the result."
        } "\n"
        (start_from(site, form))
        (form_markup(form))
        div id="result" { (result_markup(form, outcome)) } "\n"
        script src="/assets/calculator.js" defer {} "\n"
    };
    page("Seat calculator", body)
}

fn start_from(site: &Site, form: &Form) -> Markup {
    html! {
        form class="calc-start" method="get" action="/calculator" {
            label for="election" { "Start from an election: " }
            select id="election" name="election" {
                option value="" { "—" }
                @for e in &site.source.dataset.elections {
                    option value=(Text(&e.id.0)) selected[e.id.0 == form.election] { (Text(&e.id.0)) }
                }
            }
            " " button type="submit" { "Load" }
        } "\n"
    }
}

fn select(name: &str, label: &str, current: &str, options: &[(&str, &str)]) -> Markup {
    html! {
        label { (label) br;
            select name=(name) {
                @for (value, text) in options {
                    option value=(value) selected[current.trim() == *value] { (text) }
                }
            }
        }
    }
}

fn form_markup(form: &Form) -> Markup {
    let methods: Vec<(String, String)> = std::iter::once((String::new(), "— (the rules')".to_owned()))
        .chain(Method::all_standard().iter().map(|m| (m.name(), m.name())))
        .collect();
    let methods: Vec<(&str, &str)> = methods.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    html! {
        form id="calc" class="calc" method="get" action="/calculator" {
            div class="calc-table" {
                label for="table" { "Lists and votes, one list a row, in registration order" }
                textarea id="table" name="table" rows="12" spellcheck="false"
                    placeholder="party\tvotes\nNur Otan\t261213\nAk Zhol\t32101" { (Text(&form.table)) }
            }
            div class="calc-options" {
                label { "Seats" br; input name="seats" inputmode="numeric" value=(Text(&form.seats)) placeholder="30"; }
                (select("rules", "Preset", &form.rules, &[("", "— (none)"), ("kz-2021", "kz-2021 (7 %)"), ("kz-2023", "kz-2023 (5 %)"), ("sk-2023", "sk-2023 (Slovakia)"), ("nl-2023", "nl-2023 (Netherlands)"), ("nl-council-2022", "nl-council-2022 (Dutch councils < 19 seats)"), ("de-2025", "de-2025 (Germany, upper apportionment)")]))
                (select("method", "Method", &form.method, &methods))
                label { "Threshold" br; input name="threshold" value=(Text(&form.threshold)) placeholder="7% or 1000 votes"; }
                (select("threshold_base", "Threshold base", &form.threshold_base, &[("", "—"), ("valid", "valid ballots"), ("lists", "list votes"), ("cast", "ballots cast")]))
                label { "Against all" br; input name="against_all" inputmode="numeric" value=(Text(&form.against_all)) placeholder="0"; }
                label { "Invalid ballots" br; input name="invalid" inputmode="numeric" value=(Text(&form.invalid)) placeholder="0"; }
                label { "Ties" br; input name="tie_break" value=(Text(&form.tie_break)) placeholder="registration, votes, error, lot:SEED" list="ties"; }
                datalist id="ties" { option value="registration" {} option value="votes" {} option value="error" {} option value="lot:1" {} }
                (select("runner_up", "Runner-up rule", &form.runner_up, &[("", "—"), ("none", "none"), ("admit", "admit (a)"), ("admit-min-two", "admit, at least two (b)"), ("coefficient", "coefficient 0.7 (c)")]))
                button type="submit" { "Allocate" }
            }
        } "\n"
    }
}

fn result_markup(form: &Form, outcome: &Calculation) -> Markup {
    match outcome {
        Calculation::Empty => html! { p class="muted" { "Paste a table above, or start from an election." } },
        Calculation::Errors(errors) => html! {
            div class="calc-errors" role="alert" {
                h2 { "The table or the options cannot be read" }
                ul { @for e in errors { li { @if let Some(f) = &e.field { code { (Text(f)) } ": " } (Text(&e.message)) } } }
            }
        },
        Calculation::Result(computed) => computed_markup(form, computed),
    }
}

fn computed_markup(form: &Form, computed: &Computed) -> Markup {
    let Computed { problem, allocation, explanation, margins, by_method, by_threshold } = computed;
    let names = &problem.names;
    let svg = allocation_svg(allocation, &problem.tally, &problem.rules, names, "Result");
    let query = form.query();
    html! {
        h2 { "Seats" } "\n"
        div class="cards calc-result" {
            figure { (PreEscaped(inline_svg(&svg))) figcaption { (allocation.house_size) " seats · " (Text(&problem.rules.method.name())) " · threshold " (Text(&problem.rules.threshold.to_string())) } }
            div class="scroll" { table id="seats" {
                tr { th { "List" } th class="num" { "Votes" } th class="num" { "Share" } th { "Status" } th class="num" { "Seats" } th class="num" { "Gain: +votes" } th class="num" { "Loss: −votes" } } "\n"
                @for (i, (list, name)) in allocation.lists.iter().zip(names).enumerate() {
                    @let m = margins.as_ref().and_then(|m| m.lists.get(i));
                    tr {
                        td class="party" { (Text(name)) }
                        td class="num" { (list.votes) }
                        td class="num" { (Text(&list.share.percent(2))) " %" }
                        td { (status(list.status)) }
                        td class="num seats" data-seats=(list.seats) { (list.seats) }
                        td class="num" { @if let Some(s) = m.and_then(|m| m.gain.as_ref()) { span title=(outcome_text(&s.outcome, names)) { (s.votes) } } @else { "–" } }
                        td class="num" { @if let Some(s) = m.and_then(|m| m.loss.as_ref()) { span title=(outcome_text(&s.outcome, names)) { (s.votes) } } @else { "–" } }
                    } "\n"
                }
            } }
        } "\n"
        @for tie in &allocation.ties { p class="calc-tie" { "Tie: " (Text(&tie.describe(|i| names[i].clone()))) } }
        @if let Some(m) = margins {
            p id="composition-margin" {
                @match &m.election {
                    Some(mv) => { "Margin of the composition: " b { (mv.ballots) } " ballot(s) moved from " (Text(&names[mv.from])) " to " (Text(&names[mv.to])) " change it: " (Text(&outcome_text(&mv.outcome, names))) "." }
                    None => { "No move of ballots between lists changes the composition." }
                }
            } "\n"
        }
        p class="calc-downloads" {
            "Download: "
            a href={ "/calculator/result.svg?" (query) } download="result.svg" { "SVG" } " · "
            a href={ "/calculator/result.csv?" (query) } download="result.csv" { "CSV" } " · "
            a href={ "/calculator/result.json?" (query) } download="result.json" { "JSON" } " · "
            a href={ "/calculator/infobox.txt?" (query) } download="infobox.txt" { "infobox wikitext" } " · "
            a href={ "/calculator?" (query) } { "link to this result" }
        } "\n"
        h2 { "What if" } "\n"
        h3 { "Every standard method at the threshold of " (Text(&problem.rules.threshold.to_string())) } "\n"
        (what_if(by_method, names, |row| row.method.clone()))
        h3 { (Text(&problem.rules.method.name())) " at other thresholds" } "\n"
        (what_if(by_threshold, names, |row| row.threshold.clone()))
        h2 { "How the seats were allocated" } "\n"
        pre { (Text(explanation)) } "\n"
    }
}

fn status(status: ListStatus) -> &'static str {
    match status {
        ListStatus::Qualified => "qualified",
        ListStatus::RunnerUp => "runner-up",
        ListStatus::BelowThreshold => "below threshold",
    }
}

pub use maslihat_render::allocation::outcome_text;

fn what_if(rows: &[SweepRow], names: &[String], label: impl Fn(&SweepRow) -> String) -> Markup {
    html! {
        div class="scroll" { table {
            tr { th {} @for name in names { th class="num" { (Text(name)) } } } "\n"
            @for row in rows {
                tr {
                    td { (Text(&label(row))) }
                    @match &row.seats {
                        Some(seats) => { @for s in seats { td class="num" { (s) } } }
                        None => { td colspan=(names.len()) class="muted" { (Text(row.error.as_deref().unwrap_or(""))) } }
                    }
                } "\n"
            }
        } } "\n"
    }
}
