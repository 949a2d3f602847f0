//! The HTML page of an election as the templates wrote it before its parts were written
//! straight into the page: the reference that the page is held to.

use maslihat_analysis::SweepRow;
use maud::{Markup, Render, html};

use super::super::glossary::anchor;
use super::super::page::{ElectionReport, Exact, ThresholdBaseLine, WhatIfRow, index_facts};
use super::{ELECTION_PAGE_ROOM, InlineSvg, PAGE_END, PageStart, Text, badge, data_notes, diff_class, dot, term};
use crate::text::{self, push_xml};

/// The cells of a what-if row, each a `td class="num"`, written straight into the page.
struct NumberCells<'a>(&'a super::super::page::WhatIfCells<'a>);

impl Render for NumberCells<'_> {
    fn render_to(&self, buffer: &mut String) {
        self.0.each(|cell| {
            buffer.push_str(r#"<td class="num">"#);
            push_xml(buffer, cell);
            buffer.push_str("</td>");
        });
    }
}

/// The detail page of one election; `svgs` are its rendered diagrams (`(kind, svg)`), linked
/// as `<kind>.svg` beside the page.
pub(crate) fn election_html(report: &ElectionReport, svgs: &[(&'static str, String)]) -> String {
    let title = format!("{} {}", report.name, report.year);
    let page = html! {
        (PageStart { title: &title, room: ELECTION_PAGE_ROOM })
        p { a href="../../index.html" { "← all elections" } " · " a href="../../glossary.html" { "words used" } } "\n"
        h1 { (Text(&title)) } "\n"
        p class="lede" {
            "Election of " (Text(&report.date)) ", rules " code { (Text(&report.rules)) }
            " (threshold " (Text(&report.threshold)) "). " code { (Text(&report.id)) }
        } "\n"
        (facts(report))
        (evidence(report))
        h2 { "Diagrams" } "\n"
        @if svgs.is_empty() {
            p class="muted" { "No composition of this election is known well enough to draw." } "\n"
        } @else {
            div class="cards" {
                "\n"
                @for (kind, svg) in svgs {
                    figure {
                        "\n" (InlineSvg(svg))
                        figcaption { (kind) " · " a href={ (kind) ".svg" } { "SVG file" } } "\n"
                    } "\n"
                }
            } "\n"
        }
        @if let Some(missing) = &report.published_missing {
            p class="muted" { "Published seats not drawn: " (Text(missing)) "." } "\n"
        }
        (lists_table(report))
        (discrepancies(report))
        @if report.explanation.is_some() { (margins(report)) }
        @if let Some(explanation) = &report.explanation {
            h2 { "How the seats were allocated" } "\n" pre { (Text(explanation)) } "\n"
        }
        @if !report.methods.is_empty() {
            h2 { "What if" } "\n"
            h3 { "Every standard method at the threshold of " (Text(&report.threshold)) } "\n"
            (what_if(&report.methods, &report.what_if_names, WhatIfBy::Method))
            h3 { "The election's method at other thresholds" } "\n"
            (what_if(&report.thresholds, &report.what_if_names, WhatIfBy::Threshold))
        }
        (sources(report))
        (data_notes(&report.warnings))
        h2 { "Files" } "\n"
        p { (file_links(report, svgs)) } "\n"
        (PAGE_END)
    };
    page.into_string()
}

/// Where the election's sources disagree: each value, who printed it, whether the tables use it.
fn discrepancies(report: &ElectionReport) -> Markup {
    html! {
        @if !report.discrepancies.is_empty() {
            h2 id="discrepancies" { "Where sources disagree" } "\n"
            div class="scroll" {
                "\n"
                table {
                    "\n"
                    thead { tr {
                        th { "Figure" } th class="num" { "Value" } th { "Source" } th { "Used here" } th { "Note" }
                    } } "\n"
                    tbody {
                        "\n"
                        @for d in &report.discrepancies {
                            tr {
                                td { (Text(&d.about)) } td class="num" { (Text(&d.value)) } td { (Text(&d.source)) }
                                td { (if d.in_tables { "yes" } else { "no" }) } td { (Text(&d.note)) }
                            } "\n"
                        }
                    } "\n"
                } "\n"
            } "\n"
        }
    }
}

/// The pages the election's figures were read from, linked, with who published them.
fn sources(report: &ElectionReport) -> Markup {
    html! {
        @if !report.sources.is_empty() {
            h2 id="sources" { "Sources" } "\n"
            ul class="notes" {
                "\n"
                @for source in &report.sources {
                    li {
                        @if source.is_web_page() {
                            a href=(Text(&source.url)) { (Text(&source.publisher)) }
                        } @else {
                            (Text(&source.publisher))
                        }
                        @if !source.description.is_empty() { ": " (Text(&source.description)) }
                        @if !source.is_web_page() && !source.url.is_empty() {
                            " " span class="muted" { "(a note kept with the data: " code { (Text(&source.url)) } ")" }
                        }
                    } "\n"
                }
            } "\n"
        }
    }
}

/// The data's note on an election; its pointer to the discrepancies file becomes a link to the
/// page's own section on them.
fn data_note(note: &str, report: &ElectionReport) -> Markup {
    const FILE_POINTER: &str = "see discrepancies.csv";
    match note.split_once(FILE_POINTER) {
        Some((before, after)) if !report.discrepancies.is_empty() => html! {
            (Text(before)) a href="#discrepancies" { "see where sources disagree" } (Text(after))
        },
        _ => html! { (Text(note)) },
    }
}

/// An index's name in the election's Disproportionality facts, linked to the glossary.
fn index_term(name: &str) -> super::Term<'_> {
    let anchor = match name {
        "Gallagher" => anchor::GALLAGHER,
        "Loosemore–Hanby" => anchor::LOOSEMORE_HANBY,
        "Effective number of parties" => anchor::ENP,
        _ => anchor::WASTED,
    };
    term(anchor, 2, name)
}

/// The links to the files beside an election's page, separated by ` · `.
fn file_links(report: &ElectionReport, svgs: &[(&'static str, String)]) -> Markup {
    let mut files: Vec<String> = vec!["report.md".to_owned(), "explain.txt".to_owned()];
    if report.explanation.is_some() {
        files.extend(["margins.csv", "what-if-methods.csv", "what-if-thresholds.csv"].map(str::to_owned));
    }
    files.extend(svgs.iter().map(|(kind, _)| format!("{kind}.svg")));
    html! {
        @for (i, file) in files.iter().enumerate() {
            @if i > 0 { " · " }
            a href=(Text(file)) { (Text(file)) }
        }
    }
}

fn facts(report: &ElectionReport) -> Markup {
    let votes = match report.vote_status {
        maslihat_model::election::VoteStatus::Complete => "complete: every list's votes are known",
        maslihat_model::election::VoteStatus::Partial => "partial: some lists' votes are known",
        maslihat_model::election::VoteStatus::None => "no vote counts known",
    };
    let fact = |term: Markup, value: Markup| html! { dt { (term) } dd { (value) } "\n" };
    html! {
        dl class="facts" {
            "\n"
            (fact(html! { "Status" }, html! {
                (badge(report.status.kind(), report.status.documented()))
                @if !report.status.reason.is_empty() { " " (Text(&report.status.reason)) }
            }))
            (fact(html! { "Seats" }, html! { (Text(&report.seats_text())) }))
            (fact(html! { "Votes" }, html! { (votes) }))
            @if let Some(quota) = &report.quota {
                (fact(html! { (term(anchor::QUOTA, 2, "Quota")) }, html! { (exact(quota)) " votes per seat" }))
            }
            @for caveat in &report.caveats { (fact(html! { "Assumed" }, html! { (Text(caveat)) })) }
            @if let Some(note) = &report.note { (fact(html! { "Data note" }, data_note(note, report))) }
            @if let Some(basis) = &report.lists_basis { (fact(html! { "Lists known from" }, html! { (Text(basis)) })) }
        } "\n"
    }
}

/// What the published figures allow, for a verdict that does not rest on complete counts: the
/// figures used, the outcomes, each list's implied share, what contradicts the published seats.
fn evidence(report: &ElectionReport) -> Markup {
    if report.status.evidence.is_empty() {
        return html! {};
    }
    html! {
        h2 { "What the published figures allow" } "\n"
        div class="evidence" {
            @for line in &report.status.evidence { div { (Text(line)) } "\n" }
        } "\n"
    }
}

/// A readable decimal with its exact fraction on hover.
fn exact(value: &Exact) -> Markup {
    html! { span class="exact" title={ "exactly " (Text(&value.fraction)) } { (Text(&value.decimal)) } }
}

fn lists_table(report: &ElectionReport) -> Markup {
    if report.lists.is_empty() {
        return html! { h2 { "Lists" } "\n" p class="muted" { "No list results are known." } "\n" };
    }
    let margins = report.explanation.is_some();
    let remainders = report.lists.iter().any(|l| l.remainder.is_some());
    let columns = ListColumns { margins, remainders };
    html! {
        h2 { "Lists" } "\n"
        div class="scroll" {
            "\n"
            table {
                "\n"
                thead { tr {
                    th { "List" } th class="num" { "Votes" }
                    th class="num" { (term(anchor::THRESHOLD_BASE, 2, "Share")) } th { (term(anchor::THRESHOLD, 2, "Threshold")) }
                    @if remainders { th class="num" { (term(anchor::REMAINDER, 2, "Remainder")) } }
                    th class="num" { "Recomputed" } th class="num" { "Published" }
                    @if margins {
                        th class="num" { (term(anchor::GAIN, 2, "Votes to gain a seat")) }
                        th class="num" { (term(anchor::LOSS, 2, "Votes to lose a seat")) }
                    }
                } } "\n"
                tbody {
                    "\n"
                    @for list in &report.lists {
                        @let differs = diff_class(list.differs());
                        tr {
                            td class="party" {
                                (dot(&list.colour)) (Text(&list.name))
                                @if !list.short.is_empty() && list.short != list.name {
                                    " " span class="muted" { (Text(&list.short)) }
                                }
                            }
                            td class="num" { (Text(&list.votes.map(text::grouped).unwrap_or_default())) }
                            td class="num" { (Text(&list.share_text())) }
                            td { (Text(list.status_text())) }
                            @if remainders {
                                td class="num" { @if let Some(remainder) = &list.remainder { (exact(remainder)) } }
                            }
                            td class={ "num" (differs) } { (Text(&list.recomputed_text())) }
                            td class={ "num" (differs) } { (Text(&list.published_text())) }
                            @if margins {
                                td class="num" { (Text(&list.gain_text())) }
                                td class="num" { (Text(&list.loss_text())) }
                            }
                        } "\n"
                    }
                    @if let Some(base) = &report.base { (base_rows(base, columns)) }
                } "\n"
            } "\n"
        } "\n"
        @if let Some(base) = &report.base {
            p class="small" {
                "Shares are of the " (term(anchor::THRESHOLD_BASE, 2, "threshold base")) ", the " (Text(&base.name))
                @if base.against_all.is_some() { ", which count the votes against all as well as the lists'" }
                ": so the lists' shares alone do not add up to 100 %."
                @if remainders { " Remainders are fractions of one quota; hover for the exact fraction." }
            } "\n"
        }
    }
}

/// Which optional columns a lists table has.
#[derive(Debug, Clone, Copy)]
struct ListColumns {
    margins: bool,
    remainders: bool,
}

/// The rows under the lists: "against all" (and invalid ballots) when they count in the
/// threshold base, then the base itself, that the shares are taken of.
fn base_rows(base: &ThresholdBaseLine, columns: ListColumns) -> Markup {
    // The cells after Votes and Share: threshold, remainder, recomputed, published, margins.
    let blank = 3 + usize::from(columns.remainders) + if columns.margins { 2 } else { 0 };
    let row = |class: &str, label: &str, votes: Option<String>, share: &str| {
        html! {
            tr class=(class) {
                td { (Text(label)) }
                td class="num" { (Text(&votes.unwrap_or_else(|| "not known".to_owned()))) }
                td class="num" { (Text(share)) }
                td colspan=(blank) {}
            } "\n"
        }
    };
    html! {
        @if let Some(against) = &base.against_all {
            (row("base", "Against all", against.votes.map(text::grouped), &against.share))
        }
        @if let Some(invalid) = &base.invalid {
            (row("base", "Invalid ballots", invalid.votes.map(text::grouped), &invalid.share))
        }
        (row("base total", &format!("Total: {} (threshold base)", base.name), Some(grouped_wide(base.votes)), "100.00 %"))
    }
}

/// A vote total that may exceed `u64`, digits grouped.
fn grouped_wide(votes: u128) -> String {
    u64::try_from(votes).map_or_else(|_| votes.to_string(), text::grouped)
}

fn margins(report: &ElectionReport) -> Markup {
    html! {
        h2 { "Margins" } "\n"
        ul class="notes" {
            "\n"
            @for point in report.margin_points() {
                li class=[point.note.then_some("muted")] { (Text(&point.text)) } "\n"
            }
        } "\n"
        @if let Some(ix) = &report.indices {
            h3 { "Disproportionality" } "\n"
            dl class="facts" {
                "\n"
                @for (name, value) in index_facts(ix) { dt { (index_term(name)) } dd { (Text(&value)) } "\n" }
            } "\n"
        }
    }
}

/// What labels the rows of a what-if table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WhatIfBy {
    Method,
    Threshold,
}

fn what_if(rows: &[SweepRow], names: &[String], by: WhatIfBy) -> Markup {
    let by_method = by == WhatIfBy::Method;
    html! {
        div class="scroll" {
            "\n"
            table {
                "\n"
                thead { tr {
                    th { (if by_method { "Method" } else { "Threshold" }) }
                    @for name in names { th class="num" { (Text(name)) } }
                    th class="num" { (term(anchor::GALLAGHER, 2, "Gallagher")) }
                    th class="num" { (term(anchor::WASTED, 2, "Wasted votes")) }
                } } "\n"
                tbody {
                    "\n"
                    @for row in rows {
                        @let row = WhatIfRow::of(row, by_method);
                        tr {
                            td { (Text(row.label)) }
                            @match &row.cells {
                                Ok(cells) => { (NumberCells(cells)) }
                                Err(error) => { td colspan=(names.len() + 2) class="muted" { (Text(error)) } }
                            }
                        } "\n"
                    }
                } "\n"
            } "\n"
        } "\n"
    }
}
