//! The report as HTML: `index.html` (totals, the summary table, the diagrams, links to every
//! election) and one detail page per election.
//!
//! Every page is self-contained: inline CSS, SVG diagrams inlined, no font, no image or style
//! loaded from anywhere; links go only to other files of the report. No page has a script but
//! the summary pages of an index split over more than 1,000 elections, which sort and filter
//! their table in the browser with a small inline one (and read the same without it).
//!
//! Pages are `maud` templates: every interpolated text goes through [`Text`] (our
//! [`text::xml`] escaping, the same as the SVG's), markup we made ourselves (the SVG, the CSS) through
//! [`PreEscaped`]. Newlines between elements are written as `"\n"` literals so that the pages
//! keep their line structure.

use std::cell::RefCell;
use std::io::{self, Write};

use maslihat_analysis::SweepRow;
use maud::{DOCTYPE, Markup, PreEscaped, Render, html};

use super::glossary::{anchor, push_href};
use maslihat_model::Status as ElectionStatus;

use super::index::{IndexSummary, SummaryPage};
use super::page::{
    ElectionReport, Exact, ListLine, StatusKind, ThresholdBaseLine, WhatIfRow, WrittenCells, index_facts, seats_differ,
};
use super::summary::{SummaryRow, summary_page_file, summary_pages};
use crate::text::{self, push_xml};

#[cfg(test)]
pub(crate) mod reference;

/// Text for a page, escaped by [`text::xml`] when rendered (maud's own escaping leaves `'` as is).
#[derive(Debug, Clone, Copy)]
struct Text<'a>(&'a str);

impl Render for Text<'_> {
    fn render_to(&self, buffer: &mut String) {
        push_xml(buffer, self.0);
    }
}

/// Text appended to the page by a function, for text that XML escaping leaves as it is (digits,
/// grouped numbers, `+`, `−`, `—`): the page holds it as [`Text`] would, without a string of its
/// own.
struct Pushed<F: Fn(&mut String)>(F);

impl<F: Fn(&mut String)> Render for Pushed<F> {
    fn render_to(&self, buffer: &mut String) {
        (self.0)(buffer);
    }
}

/// [`ListLine::share_text`] escaped into the page: the share (from the data) escaped, the rest
/// (` %`, ` % (printed)`) having nothing to escape.
fn push_share(out: &mut String, list: &ListLine) {
    if let Some(share) = &list.share {
        push_xml(out, share);
        out.push_str(if list.share_printed { " % (printed)" } else { " %" });
    }
}

/// [`text::seats`] pushed: a count or `—`, nothing to escape.
fn push_seats(out: &mut String, seats: Option<u32>) {
    match seats {
        Some(seats) => out.push_str(itoa::Buffer::new().format(seats)),
        None => out.push('—'),
    }
}

/// [`text::seat_alternatives`] pushed: counts joined by ` or `, or `—`, nothing to escape.
fn push_seat_alternatives(out: &mut String, seats: &[u32]) {
    if seats.is_empty() {
        out.push('—');
    }
    for (i, seats) in seats.iter().enumerate() {
        if i > 0 {
            out.push_str(" or ");
        }
        out.push_str(itoa::Buffer::new().format(*seats));
    }
}

/// The margin points as list items (`li`, a note's `class="muted"`), written straight into
/// the page piece by piece.
struct MarginPoints<'a>(&'a ElectionReport);

impl Render for MarginPoints<'_> {
    fn render_to(&self, buffer: &mut String) {
        self.0.each_margin_point(|pieces, note| {
            buffer.push_str(if note { r#"<li class="muted">"# } else { "<li>" });
            for piece in pieces {
                push_xml(buffer, piece);
            }
            buffer.push_str("</li>\n");
        });
    }
}

/// A what-if table (labelled by method or threshold), written straight into the page: each
/// cell of numbers a `td class="num"`, a row that shows the same numbers as one before it (in
/// this table or in another of the page sharing `written`) a copy of its cells.
struct WhatIfTable<'a, 'w> {
    rows: &'a [SweepRow],
    names: &'a [String],
    by: WhatIfBy,
    written: &'w RefCell<WrittenCells<'a>>,
}

impl Render for WhatIfTable<'_, '_> {
    fn render_to(&self, buffer: &mut String) {
        let by_method = self.by == WhatIfBy::Method;
        buffer.push_str("<div class=\"scroll\">\n<table>\n<thead><tr><th>");
        buffer.push_str(if by_method { "Method" } else { "Threshold" });
        buffer.push_str("</th>");
        for name in self.names {
            buffer.push_str(r#"<th class="num">"#);
            push_xml(buffer, name);
            buffer.push_str("</th>");
        }
        buffer.push_str(r#"<th class="num">"#);
        term(anchor::GALLAGHER, 2, "Gallagher").render_to(buffer);
        buffer.push_str(r#"</th><th class="num">"#);
        term(anchor::WASTED, 2, "Wasted votes").render_to(buffer);
        buffer.push_str("</th></tr></thead>\n<tbody>\n");
        // The tables of a page are written one after the other, so the record is free; were it
        // not, a record of this table alone serves (the same text, fewer copies).
        let mut own = WrittenCells::default();
        let mut shared = self.written.try_borrow_mut();
        let written = match &mut shared {
            Ok(shared) => &mut **shared,
            Err(_) => &mut own,
        };
        for row in self.rows {
            let row = WhatIfRow::of(row, by_method);
            buffer.push_str("<tr><td>");
            push_xml(buffer, row.label);
            buffer.push_str("</td>");
            match &row.cells {
                Ok(cells) => cells.write_to(buffer, r#"<td class="num">"#, "</td>", written),
                Err(error) => {
                    buffer.push_str(r#"<td colspan=""#);
                    buffer.push_str(itoa::Buffer::new().format(self.names.len() + 2));
                    buffer.push_str(r#"" class="muted">"#);
                    push_xml(buffer, error);
                    buffer.push_str("</td>");
                }
            }
            buffer.push_str("</tr>\n");
        }
        buffer.push_str("</tbody>\n</table>\n</div>\n");
    }
}

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
    /// The totals, the summary table (or its pages) and the diagrams to inline; elections with
    /// diagrams not inlined have them on their page.
    pub summary: &'a IndexSummary,
    /// The loader's warnings.
    pub warnings: &'a [String],
}

pub(crate) const STYLE: &str = r#"
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;background:#f5f6f8;color:#1b1f24;overflow-wrap:break-word;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}
main{max-width:1300px;margin:0 auto;padding:24px 20px 48px}
h1{font-size:28px;margin:0 0 4px}
h2{font-size:20px;margin:36px 0 12px;padding-bottom:4px;border-bottom:1px solid #d3d7dd}
h3{font-size:16px;margin:20px 0 8px}
a{color:#0b57d0}
a.term{color:inherit;text-decoration:underline dotted;text-underline-offset:2px}
dl.glossary{background:#fff;border:1px solid #d8dce2;border-radius:8px;padding:12px 16px;margin:0;max-width:900px}
dl.glossary dt{font-weight:600;margin-top:12px}
dl.glossary dt:first-child{margin-top:0}
dl.glossary dd{margin:2px 0 0}
.lede{color:#4a525c;margin:4px 0 16px;max-width:900px}
.totals{display:flex;flex-wrap:wrap;gap:10px;margin:18px 0}
.total{background:#fff;border:1px solid #d8dce2;border-radius:8px;padding:8px 16px;min-width:120px}
.total b{display:block;font-size:24px;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto;background:#fff;border:1px solid #d8dce2;border-radius:8px}
table{border-collapse:collapse;width:100%;font-size:14px;background:#fff}
th,td{padding:6px 10px;border-bottom:1px solid #e6e8ec;text-align:left;vertical-align:top}
th{background:#eef0f3;font-weight:600}
tr:last-child td{border-bottom:0}
tr.base td{background:#f8f9fb;color:#4a525c}
tr.total td{font-weight:600}
.exact{text-decoration:underline dotted #9aa3ad;text-underline-offset:2px;cursor:help}
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
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(520px,100%),1fr));gap:16px}
figure{margin:0;min-width:0;background:#fff;border:1px solid #d8dce2;border-radius:8px;padding:10px}
figure svg{display:block;width:100%;height:auto}
figcaption{font-size:13px;color:#4a525c;margin-top:6px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;background:#fff;border:1px solid #d8dce2;border-radius:8px;padding:12px 16px;margin:0}
dl.facts dt{color:#5b6470}
dl.facts dd{margin:0}
.evidence{background:#fff;border:1px solid #d8dce2;border-radius:8px;padding:12px;font-size:14px;line-height:1.4}
.evidence div{white-space:pre-wrap;overflow-wrap:anywhere}
pre{background:#fff;border:1px solid #d8dce2;border-radius:8px;padding:12px;overflow-x:auto;font-size:13px;line-height:1.35}
details summary{cursor:pointer;color:#4a525c;margin-bottom:8px}
ul.notes{background:#fff;border:1px solid #d8dce2;border-radius:8px;padding:10px 10px 10px 30px;margin:0}
footer{margin-top:40px;color:#5b6470;font-size:13px}
@media (max-width:600px){main{padding:16px 10px 32px}h1{font-size:23px}dl.facts{grid-template-columns:1fr;gap:0 0}dl.facts dd{margin-bottom:6px}}
"#;

/// The start of a page, up to and with `<main>`: the head with the title and the style. Rendered
/// first into a page's buffer, it makes room there for the whole page, so that the page is not
/// copied again and again as it grows (a report writes thousands of pages of ~20 KB).
pub(crate) struct PageStart<'a> {
    pub title: &'a str,
    /// The room to make for the whole page, in bytes.
    pub room: usize,
}

impl Render for PageStart<'_> {
    fn render_to(&self, buffer: &mut String) {
        buffer.reserve(self.room);
        buffer.push_str(DOCTYPE.0);
        buffer.push_str("\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        buffer.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
        Text(self.title).render_to(buffer);
        buffer.push_str("</title>\n<style>");
        buffer.push_str(STYLE);
        buffer.push_str("</style>\n</head>\n<body>\n<main>\n");
    }
}

/// The end of a page begun by [`PageStart`].
pub(crate) const PAGE_END: PreEscaped<&str> = PreEscaped("</main>\n</body>\n</html>\n");

/// Room for an election's page: most are 15–30 KB.
const ELECTION_PAGE_ROOM: usize = 32 * 1024;

/// A whole page: the head with the style, and `body` inside `<main>`.
pub(crate) fn document(title: &str, body: Markup) -> Markup {
    let mut page = String::new();
    // An escaped title is at most six times as long (`"` becomes `&quot;`); 256 holds the tags.
    let room = STYLE.len() + 6 * title.len() + body.0.len() + 256;
    PageStart { title, room }.render_to(&mut page);
    page.push_str(&body.0);
    page.push_str(PAGE_END.0);
    PreEscaped(page)
}

/// A whole page in the report's look (its head and style), `body` inside `<main>`: for a
/// program that shows more pages beside the report's (the web server's calculator).
pub fn standalone_page(title: &str, body: Markup) -> String {
    document(title, body).into_string()
}

/// An SVG document made fit for inlining in HTML: the XML namespace declaration (which HTML
/// does not need) is dropped.
pub fn inline_svg(svg: &str) -> String {
    let mut inline = String::with_capacity(svg.len());
    InlineSvg(svg).render_to(&mut inline);
    inline
}

/// The namespace declaration [`inline_svg`] drops.
const SVG_NAMESPACE: &str = r#" xmlns="http://www.w3.org/2000/svg""#;

/// An SVG document rendered straight into a page as [`inline_svg`] gives it, without a copy of
/// its own.
struct InlineSvg<'a>(&'a str);

impl Render for InlineSvg<'_> {
    fn render_to(&self, buffer: &mut String) {
        // Our diagrams declare it first, right after `<svg`: found there without a search.
        if let Some(rest) = self.0.strip_prefix("<svg").and_then(|rest| rest.strip_prefix(SVG_NAMESPACE)) {
            buffer.push_str("<svg");
            buffer.push_str(rest);
            return;
        }
        match self.0.split_once(SVG_NAMESPACE) {
            Some((before, after)) => {
                buffer.push_str(before);
                buffer.push_str(after);
            }
            None => buffer.push_str(self.0),
        }
    }
}

fn badge(kind: StatusKind, documented: bool) -> Markup {
    match (kind, documented) {
        (StatusKind::Verdict(ElectionStatus::Mismatch), true) => {
            html! { span class="badge documented" { "mismatch (documented)" } }
        }
        _ => html! { span class={ "badge " (kind.name()) } { (kind.label()) } },
    }
}

fn dot(colour: &str) -> Markup {
    html! { span class="dot" style={ "background:" (Text(colour)) } {} }
}

/// `" diff"` when a list's recomputed seats differ from the published ones, else nothing: the
/// suffix of a seat cell's class.
fn diff_class(differs: bool) -> &'static str {
    if differs { " diff" } else { "" }
}

/// Writes `index.html`.
pub fn write_index(out: &mut dyn Write, page: &IndexPage<'_>) -> io::Result<()> {
    out.write_all(document(page.title, index_body(page)).into_string().as_bytes())
}

fn index_body(page: &IndexPage<'_>) -> Markup {
    let summary = page.summary;
    let totals = summary.totals();
    let (with_diagrams, inlined) = (summary.with_diagrams(), summary.cards().len());
    let total_cells = [
        ("elections", totals.elections),
        ("match", totals.matched),
        ("determined match", totals.determined_match),
        ("mismatch", totals.mismatched),
        ("consistent", totals.consistent),
        ("inconsistent", totals.inconsistent),
        ("not published", totals.not_published),
        ("no data", totals.no_data),
        ("errors", totals.errors),
    ];
    html! {
        h1 { (Text(page.title)) } "\n"
        p class="lede" {
            "Every election in " code { (Text(page.data)) } " recomputed from its list votes under its own \
             rules (threshold, Hare quota over the lists that pass, largest remainders) and compared with the published \
             seats. For 2023 only the party-list half of each mäslihat is allocated by list: its diagrams show list seats \
             only."
        } "\n"
        div class="totals" {
            "\n"
            @for (label, n) in total_cells {
                div class="total" { b { (n) } (label) } "\n"
            }
        } "\n"
        h2 id="summary" { "Summary" } "\n"
        @if let Some(rows) = summary.rows() {
            (summary_table(rows))
        } @else {
            (page_list(summary))
        }
        h2 id="diagrams" { "Parliament diagrams" } "\n"
        @if inlined == 0 {
            p class="muted" { "No diagram could be drawn." } "\n"
        } @else {
            p class="muted" {
                "Ringed seats were settled by a tie (solid ring) or by fewer votes than 1 % of the quota \
                 (dashed ring); the black triangle outside the ring points to where a majority is reached. The " a href="glossary.html" { "words used in this report" } " are explained on a page of their own."
            } "\n"
            div class="cards" { "\n" (index_cards(summary)) } "\n"
        }
        @if with_diagrams > inlined {
            p class="muted" {
                "The diagrams of the other " (with_diagrams - inlined) " elections are on their pages \
                 (linked from the summary)."
            } "\n"
        }
        (data_notes(page.warnings))
        footer {
            "Made by " code { "cargo xtask recompute" } ". Exact integer arithmetic decides every seat; the indices \
             are descriptive. The same data always gives the same report."
        } "\n"
    }
}

/// The index's diagram cards, each with a caption linking the election's page and the SVG file.
fn index_cards(summary: &IndexSummary) -> Markup {
    html! {
        @for card in summary.cards() {
            @let id = Text(&card.svgs.election);
            @for (kind, svg) in &card.svgs.svgs {
                figure {
                    "\n" (InlineSvg(svg))
                    figcaption {
                        b { (Text(&card.name)) } ", " (kind) (card.seats) " · "
                        a href={ "elections/" (id) "/report.html" } { "details" } " · "
                        a href={ "elections/" (id) "/" (kind) ".svg" } { "SVG" }
                    } "\n"
                } "\n"
            }
        }
    }
}

/// The summary table over `rows`, and the note that reads it.
fn summary_table(rows: &[SummaryRow]) -> Markup {
    html! {
    div class="scroll" {
        "\n"
        table {
            "\n"
            thead { tr {
                th { "Election" } th class="num" { "List seats" } th { "Status" } th { "Seats: recomputed / published" }
                th { (term(anchor::CLOSEST_MARGIN, 0, "Closest margin")) }
                th class="num" title="Gallagher least-squares index / Loosemore–Hanby index" {
                    (term(anchor::GALLAGHER, 0, "Gallagher")) " / " (term(anchor::LOOSEMORE_HANBY, 0, "L–H"))
                }
                th class="num" title="Effective number of parties by votes / by seats" {
                    (term(anchor::ENP, 0, "ENP votes / seats"))
                }
                th class="num" title="Votes for lists below the threshold" { (term(anchor::WASTED, 0, "Wasted votes")) }
            } } "\n"
            tbody { "\n" @for row in rows { (summary_row(row)) } } "\n"
        } "\n"
    } "\n"
    p class="muted" {
        "Seats per list: recomputed / published (— unknown; a red pair differs). Closest margin: the \
         fewest ballots that, moved from one list to another, change the seats. Indices are in percentage points over \
         list votes."
    } "\n"
    }
}

/// The index's list of summary pages, each named by its first and last election.
fn page_list(summary: &IndexSummary) -> Markup {
    let pages = summary_pages(summary.elections());
    html! {
        p class="lede" {
            (summary.elections()) " elections, in the dataset's order, on " (pages) " pages of up to "
            (super::summary::SUMMARY_PAGE_ROWS) "; each page sorts and filters its table in the browser (the \
             whole table is in " a href="summary.csv" { "summary.csv" } " and " a href="summary.json" { "summary.json" } ")."
        } "\n"
        ol class="pages" {
            "\n"
            @for number in 1..=pages {
                li {
                    a href=(summary_page_file("index", number, "html")) { "Page " (number) }
                    @if let Some(ends) = summary.page_ends().get(number - 1) {
                        ": " (Text(&ends.first.0)) " " (ends.first.1) " – " (Text(&ends.last.0)) " " (ends.last.1)
                    }
                } "\n"
            }
        } "\n"
    }
}

/// Sorts a summary page's table by a clicked heading and filters its rows by a typed text;
/// without it the page reads the same, in the dataset's order.
const TABLE_SCRIPT: &str = r#"
(function(){var t=document.querySelector("table");if(!t)return;var b=t.tBodies[0];
var f=document.createElement("input");f.type="search";f.placeholder="Filter rows";f.style.margin="0 0 10px";
t.parentNode.parentNode.insertBefore(f,t.parentNode);
f.addEventListener("input",function(){var q=f.value.toLowerCase();for(var r of b.rows){r.hidden=q&&r.textContent.toLowerCase().indexOf(q)<0;}});
var key=function(c,num){var s=c.textContent.trim();if(!num)return s.toLowerCase();var n=parseFloat(s.replace(/[\s\u00a0\u202f]/g,""));return isNaN(n)?-Infinity:n;};
Array.prototype.forEach.call(t.tHead.rows[0].cells,function(h,i){h.style.cursor="pointer";h.title=(h.title?h.title+" · ":"")+"click to sort";var up=true;
h.addEventListener("click",function(){var num=h.classList.contains("num");var rows=Array.prototype.slice.call(b.rows);
rows.sort(function(x,y){var a=key(x.cells[i],num),c=key(y.cells[i],num);return (a<c?-1:a>c?1:0)*(up?1:-1);});up=!up;rows.forEach(function(r){b.appendChild(r);});});});
})();
"#;

/// Writes a summary page (see [`summary_pages`]) of a split index: its rows
/// of the summary table, links to the other pages, and a script to sort and filter.
pub fn write_summary_page(out: &mut dyn Write, page: &SummaryPage<'_>) -> io::Result<()> {
    let SummaryPage { number, pages, .. } = *page;
    let title = format!("{}: summary, page {number} of {pages}", page.title);
    let nav = html! {
        p class="lede" {
            a href="index.html" { "Totals and diagrams" } " · pages:"
            @for other in 1..=pages {
                " "
                @if other == number { b { (other) } } @else { a href=(summary_page_file("index", other, "html")) { (other) } }
            }
        } "\n"
    };
    let body = html! {
        h1 { (Text(&title)) } "\n"
        (nav)
        (summary_table(page.rows))
        (nav)
        script { (PreEscaped(TABLE_SCRIPT)) } "\n"
    };
    out.write_all(document(&title, body).into_string().as_bytes())
}

fn summary_row(row: &SummaryRow) -> Markup {
    html! {
        tr {
            td class="election" {
                a href=(Text(&row.detail_page())) { (Text(&row.name)) } " " span class="muted" { (row.year) }
            }
            td class="num" {
                @match (row.list_seats, row.total_seats) {
                    (Some(list), Some(total)) if list != total => { (list) " " span class="muted" { "of " (total) } }
                    (Some(list), _) => { (list) }
                    (None, _) => { "—" }
                }
            }
            td {
                (badge(row.status, row.mismatch_documented == Some(true)))
                @if !row.reason.is_empty() { div class="reason" { (Text(&row.reason)) } }
            }
            td {
                @for party in &row.parties {
                    div class="party" {
                        (dot(&party.colour)) (Text(&party.name)) " "
                        span class={ "num" (diff_class(seats_differ(party.recomputed, &party.published))) } {
                            (Text(&text::seats(party.recomputed))) " / " (Text(&text::seat_alternatives(&party.published)))
                        }
                    }
                }
            }
            td class="closest" {
                @if let Some(closest) = &row.closest_margin {
                    // "4034 ballots from Auyl to Nur Otan: Nur Otan 24 → 25, Auyl 3 → 2", in two lines.
                    @let (head, effect) = closest.text.split_once(": ").unwrap_or((&closest.text, ""));
                    (Text(head)) div class="small" { (Text(effect)) }
                }
            }
            td class="num" { (Text(&text::fixed_pair(row.gallagher, row.loosemore_hanby))) }
            td class="num" { (Text(&text::fixed_pair(row.enp_votes, row.enp_seats))) }
            td class="num" {
                @if let (Some(votes), Some(percent)) = (row.wasted_votes, row.wasted_percent) {
                    (Text(&text::grouped(votes))) div class="muted" { (Text(&text::fixed(percent, 2))) " %" }
                }
            }
        } "\n"
    }
}

/// The detail page of one election; `svgs` are its rendered diagrams (`(kind, svg)`), linked
/// as `<kind>.svg` beside the page.
pub fn election_html(report: &ElectionReport, svgs: &[(&'static str, String)]) -> String {
    let title = format!("{} {}", report.name, report.year);
    // The what-if rows written into the page, for both tables: they share rows.
    let written = RefCell::new(WrittenCells::default());
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
            (WhatIfTable { rows: &report.methods, names: &report.what_if_names, by: WhatIfBy::Method, written: &written })
            h3 { "The election's method at other thresholds" } "\n"
            (WhatIfTable {
                rows: &report.thresholds,
                names: &report.what_if_names,
                by: WhatIfBy::Threshold,
                written: &written,
            })
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

/// A term of the glossary as a link to its entry, from a page `depth` folders below the top.
fn term<'a>(anchor: &'a str, depth: usize, text: &'a str) -> Term<'a> {
    Term { anchor, depth, text }
}

/// [`term`]'s link, written straight into the page (no string for the link's target or for
/// the link); the text is escaped as `html!` escapes it.
struct Term<'a> {
    anchor: &'a str,
    depth: usize,
    text: &'a str,
}

impl Render for Term<'_> {
    fn render_to(&self, buffer: &mut String) {
        buffer.push_str(r#"<a class="term" href=""#);
        push_href(buffer, self.anchor, self.depth);
        buffer.push_str(r#"">"#);
        self.text.render_to(buffer);
        buffer.push_str("</a>");
    }
}

/// An index's name in the election's Disproportionality facts, linked to the glossary.
fn index_term(name: &str) -> Term<'_> {
    let anchor = match name {
        "Gallagher" => anchor::GALLAGHER,
        "Loosemore–Hanby" => anchor::LOOSEMORE_HANBY,
        "Effective number of parties" => anchor::ENP,
        _ => anchor::WASTED,
    };
    term(anchor, 2, name)
}

/// The loader's warnings, folded away under "Data notes": they name files and lines of the
/// dataset, which matter to whoever maintains it, not to a reader of the figures.
fn data_notes(warnings: &[String]) -> Markup {
    html! {
        @if !warnings.is_empty() {
            h2 id="data-notes" { "Data notes" } "\n"
            details {
                summary {
                    (warnings.len()) " note" @if warnings.len() != 1 { "s" }
                    " from loading the data files, by file and line (for whoever maintains the data)"
                } "\n"
                ul class="notes" { "\n" @for warning in warnings { li { (Text(warning)) } "\n" } } "\n"
            } "\n"
        }
    }
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
    html! {
        dl class="facts" {
            "\n"
            dt { "Status" }
            dd {
                (badge(report.status.kind(), report.status.documented()))
                @if !report.status.reason.is_empty() { " " (Text(&report.status.reason)) }
            } "\n"
            dt { "Seats" } dd { (Text(&report.seats_text())) } "\n"
            dt { "Votes" } dd { (votes) } "\n"
            @if let Some(quota) = &report.quota {
                dt { (term(anchor::QUOTA, 2, "Quota")) } dd { (ExactValue(quota)) " votes per seat" } "\n"
            }
            @for caveat in &report.caveats { dt { "Assumed" } dd { (Text(caveat)) } "\n" }
            @if let Some(note) = &report.note { dt { "Data note" } dd { (data_note(note, report)) } "\n" }
            @if let Some(basis) = &report.lists_basis { dt { "Lists known from" } dd { (Text(basis)) } "\n" }
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

/// A readable decimal with its exact fraction on hover, written straight into the page (as
/// `span class="exact" title={ "exactly " (fraction) } { (decimal) }` renders).
struct ExactValue<'a>(&'a Exact);

impl Render for ExactValue<'_> {
    fn render_to(&self, buffer: &mut String) {
        buffer.push_str(r#"<span class="exact" title="exactly "#);
        push_xml(buffer, &self.0.fraction);
        buffer.push_str(r#"">"#);
        push_xml(buffer, &self.0.decimal);
        buffer.push_str("</span>");
    }
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
                            td class="num" {
                                (Pushed(|out: &mut String| if let Some(votes) = list.votes { text::push_grouped(out, votes) }))
                            }
                            td class="num" { (Pushed(|out: &mut String| push_share(out, list))) }
                            td { (Text(list.status_text())) }
                            @if remainders {
                                td class="num" { @if let Some(remainder) = &list.remainder { (ExactValue(remainder)) } }
                            }
                            td class={ "num" (differs) } { (Pushed(|out: &mut String| push_seats(out, list.recomputed))) }
                            td class={ "num" (differs) } { (Pushed(|out: &mut String| push_seat_alternatives(out, &list.published))) }
                            @if margins {
                                td class="num" { (Pushed(|out: &mut String| list.push_gain_text(out))) }
                                td class="num" { (Pushed(|out: &mut String| list.push_loss_text(out))) }
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
            (MarginPoints(report))
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
