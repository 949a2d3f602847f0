//! The report as HTML: `index.html` (totals, the summary table, the diagrams, links to every
//! election) and one detail page per election.
//!
//! Every page is self-contained: inline CSS, SVG diagrams inlined, no script, no font, no image
//! or style loaded from anywhere; links go only to other files of the report.

use std::fmt::Write as _;
use std::io::{self, Write};

use maslihat_analysis::SweepRow;

use super::page::{ElectionReport, StatusKind, WhatIfRow, index_facts, seats_differ};
use super::summary::{SummaryRow, Totals};
use crate::text::{self, xml};

/// The diagrams of one election, rendered, for inlining in the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElectionSvgs {
    pub election: String,
    /// `(kind, svg)`: `published` or `recomputed`, and the SVG document.
    pub svgs: Vec<(&'static str, String)>,
}

/// What `index.html` shows.
#[derive(Debug, Clone, Copy)]
pub struct IndexPage<'a> {
    pub title: &'a str,
    /// Where the data came from, for people (e.g. `datasets/`).
    pub data: &'a str,
    pub rows: &'a [SummaryRow],
    /// The diagrams to inline; elections with diagrams not given here have them on their page.
    pub diagrams: &'a [ElectionSvgs],
    /// The loader's warnings.
    pub warnings: &'a [String],
}

const STYLE: &str = r#"
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;background:#f5f6f8;color:#1b1f24;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}
main{max-width:1300px;margin:0 auto;padding:24px 20px 48px}
h1{font-size:28px;margin:0 0 4px}
h2{font-size:20px;margin:36px 0 12px;padding-bottom:4px;border-bottom:1px solid #d3d7dd}
h3{font-size:16px;margin:20px 0 8px}
a{color:#0b57d0}
.lede{color:#4a525c;margin:4px 0 16px;max-width:900px}
.totals{display:flex;flex-wrap:wrap;gap:10px;margin:18px 0}
.total{background:#fff;border:1px solid #d8dce2;border-radius:8px;padding:8px 16px;min-width:120px}
.total b{display:block;font-size:24px;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto;background:#fff;border:1px solid #d8dce2;border-radius:8px}
table{border-collapse:collapse;width:100%;font-size:14px;background:#fff}
th,td{padding:6px 10px;border-bottom:1px solid #e6e8ec;text-align:left;vertical-align:top}
th{background:#eef0f3;font-weight:600}
tr:last-child td{border-bottom:0}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.muted,.reason{color:#5b6470}
.reason{font-size:12px;margin-top:3px;max-width:200px}
.small{font-size:12px;color:#5b6470}
.badge{display:inline-block;border-radius:10px;padding:1px 9px;font-size:12px;font-weight:600;white-space:nowrap}
.match{background:#dcf2e1;color:#1b5e20}
.mismatch{background:#fde1e1;color:#b71c1c}
.documented{background:#fff0d6;color:#8a5300}
.not-published{background:#e4e8f7;color:#283593}
.cannot-recompute{background:#eceff1;color:#455a64}
.error{background:#b71c1c;color:#fff}
.dot{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:5px;border:1px solid rgba(0,0,0,.25)}
.party{white-space:nowrap;line-height:1.5}
td.election{min-width:170px}
td.closest{min-width:140px;max-width:190px}
td.election a{font-weight:600}
.diff{color:#b71c1c;font-weight:600}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:16px}
figure{margin:0;background:#fff;border:1px solid #d8dce2;border-radius:8px;padding:10px}
figure svg{display:block;width:100%;height:auto}
figcaption{font-size:13px;color:#4a525c;margin-top:6px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;background:#fff;border:1px solid #d8dce2;border-radius:8px;padding:12px 16px;margin:0}
dl.facts dt{color:#5b6470}
dl.facts dd{margin:0}
pre{background:#fff;border:1px solid #d8dce2;border-radius:8px;padding:12px;overflow-x:auto;font-size:13px;line-height:1.35}
ul.notes{background:#fff;border:1px solid #d8dce2;border-radius:8px;padding:10px 10px 10px 30px;margin:0}
footer{margin-top:40px;color:#5b6470;font-size:13px}
"#;

fn head(out: &mut String, title: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n\
         <style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        xml(title)
    );
}

const TAIL: &str = "</main>\n</body>\n</html>\n";

/// An SVG document made fit for inlining in HTML: the XML namespace declaration (which HTML
/// does not need) is dropped.
pub fn inline_svg(svg: &str) -> String {
    svg.replacen(r#" xmlns="http://www.w3.org/2000/svg""#, "", 1)
}

fn badge(kind: StatusKind, documented: bool) -> String {
    match (kind, documented) {
        (StatusKind::Mismatch, true) => r#"<span class="badge documented">mismatch (documented)</span>"#.to_owned(),
        _ => format!(r#"<span class="badge {}">{}</span>"#, kind.name(), kind.label()),
    }
}

fn dot(colour: &str) -> String {
    format!(r#"<span class="dot" style="background:{}"></span>"#, xml(colour))
}

/// Writes `index.html`.
pub fn write_index(out: &mut dyn Write, page: &IndexPage<'_>) -> io::Result<()> {
    let totals = Totals::of(page.rows);
    let mut buf = String::new();
    head(&mut buf, page.title);
    let _ = write!(
        buf,
        "<h1>{}</h1>\n<p class=\"lede\">Every election in <code>{}</code> recomputed from its list votes under its own \
         rules (threshold, Hare quota over the lists that pass, largest remainders) and compared with the published \
         seats. For 2023 only the party-list half of each mäslihat is allocated by list: its diagrams show list seats \
         only.</p>\n",
        xml(page.title),
        xml(page.data)
    );
    buf.push_str("<div class=\"totals\">\n");
    for (label, n) in [
        ("elections", totals.elections),
        ("match", totals.matched),
        ("mismatch", totals.mismatched),
        ("not published", totals.not_published),
        ("cannot recompute", totals.cannot_recompute),
        ("errors", totals.errors),
    ] {
        let _ = writeln!(buf, "<div class=\"total\"><b>{n}</b>{label}</div>");
    }
    buf.push_str("</div>\n<h2 id=\"summary\">Summary</h2>\n<div class=\"scroll\">\n<table>\n<thead><tr>");
    buf.push_str(
        "<th>Election</th><th class=\"num\">List seats</th><th>Status</th><th>Seats: recomputed / published</th>\
         <th>Closest margin</th>\
         <th class=\"num\" title=\"Gallagher least-squares index / Loosemore–Hanby index\">Gallagher / L–H</th>\
         <th class=\"num\" title=\"Effective number of parties by votes / by seats\">ENP votes / seats</th>\
         <th class=\"num\" title=\"Votes for lists below the threshold\">Wasted votes</th></tr></thead>\n<tbody>\n",
    );
    out.write_all(buf.as_bytes())?;
    for row in page.rows {
        out.write_all(summary_row(row).as_bytes())?;
    }
    let mut buf = String::from("</tbody>\n</table>\n</div>\n");
    let _ = write!(
        buf,
        "<p class=\"muted\">Seats per list: recomputed / published (— unknown; a red pair differs). Closest margin: the \
         fewest ballots that, moved from one list to another, change the seats. Indices are in percentage points over \
         list votes.</p>\n<h2 id=\"diagrams\">Parliament diagrams</h2>\n"
    );
    let with_diagrams = page.rows.iter().filter(|r| !r.diagrams.is_empty()).count();
    if page.diagrams.is_empty() {
        buf.push_str("<p class=\"muted\">No diagram could be drawn.</p>\n");
    } else {
        buf.push_str(
            "<p class=\"muted\">Ringed seats were decided by a tie (solid ring) or by fewer votes than 1 % of the quota \
             (dashed ring); the black triangle outside the ring points to where a majority is reached.</p>\n<div class=\"cards\">\n",
        );
    }
    out.write_all(buf.as_bytes())?;
    let rows: std::collections::BTreeMap<&str, &SummaryRow> =
        page.rows.iter().map(|row| (row.election.as_str(), row)).collect();
    for election in page.diagrams {
        let row = rows.get(election.election.as_str());
        let name = row.map_or_else(|| election.election.clone(), |r| format!("{} {}", r.name, r.year));
        let seats = row.map(|r| seat_note(r)).unwrap_or_default();
        for (kind, svg) in &election.svgs {
            let card = format!(
                "<figure>\n{}<figcaption><b>{}</b>, {kind}{seats} · <a href=\"elections/{2}/report.html\">details</a> · \
                 <a href=\"elections/{2}/{kind}.svg\">SVG</a></figcaption>\n</figure>\n",
                inline_svg(svg),
                xml(&name),
                xml(&election.election),
            );
            out.write_all(card.as_bytes())?;
        }
    }
    let mut buf = String::new();
    if !page.diagrams.is_empty() {
        buf.push_str("</div>\n");
    }
    if with_diagrams > page.diagrams.len() {
        let _ = writeln!(
            buf,
            "<p class=\"muted\">The diagrams of the other {} elections are on their pages (linked from the \
             summary).</p>",
            with_diagrams - page.diagrams.len()
        );
    }
    if !page.warnings.is_empty() {
        let _ = writeln!(
            buf,
            "<h2 id=\"warnings\">What the loader warned about</h2>\n<p class=\"muted\">{} warning{}: the data loads, \
             but a reader must know.</p>\n<ul class=\"notes\">",
            page.warnings.len(),
            if page.warnings.len() == 1 { "" } else { "s" }
        );
        for warning in page.warnings {
            let _ = writeln!(buf, "<li>{}</li>", xml(warning));
        }
        buf.push_str("</ul>\n");
    }
    buf.push_str(
        "<footer>Made by <code>cargo xtask recompute</code>. Exact integer arithmetic decides every seat; the indices \
         are descriptive. The same data always gives the same report.</footer>\n",
    );
    buf.push_str(TAIL);
    out.write_all(buf.as_bytes())
}

/// `: 21 list seats of 42 (district seats not shown)` for a mixed election, else nothing.
fn seat_note(row: &SummaryRow) -> String {
    match (row.list_seats, row.total_seats) {
        (Some(list), Some(total)) if list != total => {
            format!(": {list} list seats of {total} (district seats not shown)")
        }
        _ => String::new(),
    }
}

fn summary_row(row: &SummaryRow) -> String {
    let mut out = String::from("<tr>");
    let _ = write!(
        out,
        "<td class=\"election\"><a href=\"{}\">{}</a> <span class=\"muted\">{}</span></td>",
        xml(&row.detail_page()),
        xml(&row.name),
        row.year
    );
    let seats = match (row.list_seats, row.total_seats) {
        (Some(list), Some(total)) if list != total => format!("{list} <span class=\"muted\">of {total}</span>"),
        (Some(list), _) => list.to_string(),
        (None, _) => "—".to_owned(),
    };
    let _ = write!(out, "<td class=\"num\">{seats}</td>");
    let _ = write!(out, "<td>{}", badge(row.status, row.mismatch_documented == Some(true)));
    if !row.reason.is_empty() {
        let _ = write!(out, "<div class=\"reason\">{}</div>", xml(&row.reason));
    }
    out.push_str("</td><td>");
    for party in &row.parties {
        let class = if seats_differ(party.recomputed, &party.published) { " diff" } else { "" };
        let _ = write!(
            out,
            "<div class=\"party\">{}{} <span class=\"num{class}\">{} / {}</span></div>",
            dot(&party.colour),
            xml(&party.name),
            text::seats(party.recomputed),
            text::seat_alternatives(&party.published)
        );
    }
    out.push_str("</td>");
    let closest = row.closest_margin.as_ref().map_or_else(String::new, |c| {
        // "4034 ballots from Auyl to Nur Otan: Nur Otan 24 → 25, Auyl 3 → 2", in two lines.
        let (head, effect) = c.text.split_once(": ").unwrap_or((&c.text, ""));
        format!("{}<div class=\"small\">{}</div>", xml(head), xml(effect))
    });
    let _ = write!(out, "<td class=\"closest\">{closest}</td>");
    let wasted = match (row.wasted_votes, row.wasted_percent) {
        (Some(v), Some(p)) => format!("{}<div class=\"muted\">{} %</div>", text::grouped(v), text::fixed(p, 2)),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{wasted}</td></tr>",
        text::fixed_pair(row.gallagher, row.loosemore_hanby),
        text::fixed_pair(row.enp_votes, row.enp_seats)
    );
    out
}

/// The detail page of one election; `svgs` are its rendered diagrams (`(kind, svg)`), linked
/// as `<kind>.svg` beside the page.
pub fn election_html(report: &ElectionReport, svgs: &[(&'static str, String)]) -> String {
    let title = format!("{} {}", report.name, report.year);
    let mut out = String::new();
    head(&mut out, &title);
    let _ = write!(
        out,
        "<p><a href=\"../../index.html\">← all elections</a></p>\n<h1>{}</h1>\n<p class=\"lede\">Election of {}, \
         rules <code>{}</code> (threshold {}). <code>{}</code></p>\n",
        xml(&title),
        xml(&report.date),
        xml(&report.rules),
        xml(&report.threshold),
        xml(&report.id)
    );
    facts(&mut out, report);
    out.push_str("<h2>Diagrams</h2>\n");
    if svgs.is_empty() {
        out.push_str("<p class=\"muted\">No composition of this election is known well enough to draw.</p>\n");
    } else {
        out.push_str("<div class=\"cards\">\n");
        for (kind, svg) in svgs {
            let _ = write!(
                out,
                "<figure>\n{}<figcaption>{kind} · <a href=\"{kind}.svg\">SVG file</a></figcaption>\n</figure>\n",
                inline_svg(svg)
            );
        }
        out.push_str("</div>\n");
    }
    if let Some(missing) = &report.published_missing {
        let _ = writeln!(out, "<p class=\"muted\">Published seats not drawn: {}.</p>", xml(missing));
    }
    lists_table(&mut out, report);
    if report.explanation.is_some() {
        margins(&mut out, report);
    }
    if let Some(explanation) = &report.explanation {
        let _ = write!(out, "<h2>How the seats were allocated</h2>\n<pre>{}</pre>\n", xml(explanation));
    }
    if !report.methods.is_empty() {
        let _ = write!(
            out,
            "<h2>What if</h2>\n<h3>Every standard method at the threshold of {}</h3>\n",
            xml(&report.threshold)
        );
        what_if(&mut out, &report.methods, &report.what_if_names, true);
        out.push_str("<h3>The election's method at other thresholds</h3>\n");
        what_if(&mut out, &report.thresholds, &report.what_if_names, false);
    }
    if !report.warnings.is_empty() {
        out.push_str("<h2>What the loader warned about</h2>\n<ul class=\"notes\">\n");
        for warning in &report.warnings {
            let _ = writeln!(out, "<li>{}</li>", xml(warning));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("<h2>Files</h2>\n<p>");
    let mut files = vec!["report.md", "explain.txt"];
    if report.explanation.is_some() {
        files.extend(["margins.csv", "what-if-methods.csv", "what-if-thresholds.csv"]);
    }
    let svg_files: Vec<String> = svgs.iter().map(|(kind, _)| format!("{kind}.svg")).collect();
    let links: Vec<String> = files
        .iter()
        .map(|f| (*f).to_owned())
        .chain(svg_files)
        .map(|f| format!("<a href=\"{0}\">{0}</a>", xml(&f)))
        .collect();
    out.push_str(&links.join(" · "));
    out.push_str("</p>\n");
    out.push_str(TAIL);
    out
}

fn facts(out: &mut String, report: &ElectionReport) {
    out.push_str("<dl class=\"facts\">\n");
    let mut fact = |term: &str, value: String| {
        let _ = writeln!(out, "<dt>{term}</dt><dd>{value}</dd>");
    };
    let mut status = badge(report.status.kind(), report.status.documented());
    if !report.status.reason.is_empty() {
        let _ = write!(status, " {}", xml(&report.status.reason));
    }
    fact("Status", status);
    fact("Seats", report.seats_text());
    let votes = match report.vote_status {
        maslihat_model::election::VoteStatus::Complete => "complete: every list's votes are known",
        maslihat_model::election::VoteStatus::Partial => "partial: some lists' votes are known",
        maslihat_model::election::VoteStatus::None => "no vote counts known",
    };
    fact("Votes", votes.to_owned());
    if let Some(quota) = &report.quota {
        fact("Quota", format!("{} votes per seat", xml(quota)));
    }
    for caveat in &report.caveats {
        fact("Assumed", xml(caveat));
    }
    if let Some(note) = &report.note {
        fact("Data note", xml(note));
    }
    if let Some(basis) = &report.lists_basis {
        fact("Lists known from", xml(basis));
    }
    out.push_str("</dl>\n");
}

fn lists_table(out: &mut String, report: &ElectionReport) {
    if report.lists.is_empty() {
        out.push_str("<h2>Lists</h2>\n<p class=\"muted\">No list results are known.</p>\n");
        return;
    }
    let margins = report.explanation.is_some();
    out.push_str(
        "<h2>Lists</h2>\n<div class=\"scroll\">\n<table>\n<thead><tr><th>List</th><th class=\"num\">Votes</th>",
    );
    out.push_str("<th class=\"num\">Share</th><th>Threshold</th><th class=\"num\">Recomputed</th><th class=\"num\">Published</th>");
    if margins {
        out.push_str("<th class=\"num\">Votes to gain a seat</th><th class=\"num\">Could lose and keep its seats</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for list in &report.lists {
        let short = if list.short.is_empty() || list.short == list.name {
            String::new()
        } else {
            format!(" <span class=\"muted\">{}</span>", xml(&list.short))
        };
        let differs = list.differs();
        let _ = write!(
            out,
            "<tr><td class=\"party\">{}{}{short}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td>\
             <td class=\"num{}\">{}</td><td class=\"num{}\">{}</td>",
            dot(&list.colour),
            xml(&list.name),
            list.votes.map(text::grouped).unwrap_or_default(),
            xml(&list.share_text()),
            list.status_text(),
            if differs { " diff" } else { "" },
            list.recomputed_text(),
            if differs { " diff" } else { "" },
            list.published_text()
        );
        if margins {
            let _ = write!(
                out,
                "<td class=\"num\">{}</td><td class=\"num\">{}</td>",
                list.gain_text(),
                list.could_lose_text()
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

fn margins(out: &mut String, report: &ElectionReport) {
    out.push_str("<h2>Margins</h2>\n<ul class=\"notes\">\n");
    for point in report.margin_points() {
        let class = if point.note { " class=\"muted\"" } else { "" };
        let _ = writeln!(out, "<li{class}>{}</li>", xml(&point.text));
    }
    out.push_str("</ul>\n");
    if let Some(ix) = &report.indices {
        out.push_str("<h3>Disproportionality</h3>\n<dl class=\"facts\">\n");
        for (term, value) in index_facts(ix) {
            let _ = writeln!(out, "<dt>{term}</dt><dd>{}</dd>", xml(&value));
        }
        out.push_str("</dl>\n");
    }
}

fn what_if(out: &mut String, rows: &[SweepRow], names: &[String], by_method: bool) {
    out.push_str("<div class=\"scroll\">\n<table>\n<thead><tr>");
    out.push_str(if by_method { "<th>Method</th>" } else { "<th>Threshold</th>" });
    for name in names {
        let _ = write!(out, "<th class=\"num\">{}</th>", xml(name));
    }
    out.push_str("<th class=\"num\">Gallagher</th><th class=\"num\">Wasted votes</th></tr></thead>\n<tbody>\n");
    for row in rows {
        let row = WhatIfRow::of(row, by_method);
        let _ = write!(out, "<tr><td>{}</td>", xml(row.label));
        match row.cells {
            Ok(cells) => {
                for cell in cells {
                    let _ = write!(out, "<td class=\"num\">{cell}</td>");
                }
            }
            Err(error) => {
                let _ = write!(out, "<td colspan=\"{}\" class=\"muted\">{}</td>", names.len() + 2, xml(error));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}
