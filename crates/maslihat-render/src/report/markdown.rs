//! The report as Markdown, for places where Markdown is read: `report.md` (totals, the summary
//! table, the diagrams as linked SVG files) and one page per election.

use std::fmt::Write as _;
use std::io::{self, Write};

use maslihat_analysis::SweepRow;

use super::html::IndexPage;
use maslihat_model::Status as ElectionStatus;

use super::index::SummaryPage;
use super::page::{ElectionReport, StatusKind, ThresholdBaseLine, WhatIfRow, WrittenCells, index_facts};
use super::summary::{SummaryRow, summary_page_file, summary_pages};
use crate::text::{self, Markdown as Md};

/// A status in words, as `format!` wrote it: part of the reference summary row.
#[cfg(test)]
fn status(kind: StatusKind, documented: bool, reason: &str) -> String {
    let mut out = match (kind, documented) {
        (StatusKind::Verdict(ElectionStatus::Mismatch), true) => "**mismatch** (documented)".to_owned(),
        (StatusKind::Verdict(ElectionStatus::Mismatch), false) => "**mismatch**".to_owned(),
        _ => kind.label().to_owned(),
    };
    if !reason.is_empty() {
        let _ = write!(out, ": {}", Md(reason));
    }
    out
}

/// Writes `report.md`: the same content as `index.html`, with the diagrams linked as images.
pub fn write_index(out: &mut dyn Write, page: &IndexPage<'_>) -> io::Result<()> {
    let summary = page.summary;
    let totals = summary.totals();
    let mut buf = String::new();
    let _ = write!(
        buf,
        "# {}\n\nEvery election in `{}` recomputed from its list votes under its own rules and compared with the \
         published seats. For 2023 only the party-list half of each mäslihat is allocated by list: its diagrams show \
         list seats only.\n\n{} elections: {} match, {} determined match, {} mismatch ({} not documented in the data), {} \
         consistent, {} inconsistent, {} not published, {} with no data, {} errors.\n\n## Summary\n\n",
        Md(page.title),
        Md(page.data),
        totals.elections,
        totals.matched,
        totals.determined_match,
        totals.mismatched,
        totals.mismatched_undocumented,
        totals.consistent,
        totals.inconsistent,
        totals.not_published,
        totals.no_data,
        totals.errors
    );
    match summary.rows() {
        Some(rows) => {
            buf.push_str(TABLE_HEAD);
            out.write_all(buf.as_bytes())?;
            for row in rows {
                buf.clear();
                push_summary_row(&mut buf, row);
                out.write_all(buf.as_bytes())?;
            }
        }
        None => {
            let pages = summary_pages(summary.elections());
            let _ = writeln!(
                buf,
                "{} elections, in the dataset's order, on {pages} pages (the whole table is in `summary.csv`):\n",
                summary.elections()
            );
            for number in 1..=pages {
                let _ = write!(buf, "{number}. [Page {number}]({})", summary_page_file("report", number, "md"));
                if let Some(ends) = summary.page_ends().get(number - 1) {
                    let (first, last) = (&ends.first, &ends.last);
                    let _ = write!(buf, ": {} {} – {} {}", Md(&first.0), first.1, Md(&last.0), last.1);
                }
                buf.push('\n');
            }
            out.write_all(buf.as_bytes())?;
        }
    }
    let mut buf = String::from("\n## Parliament diagrams\n\n");
    let cards = summary.cards();
    if cards.is_empty() {
        buf.push_str("No diagram could be drawn.\n");
    }
    for card in cards {
        let election = &card.svgs.election;
        let _ = writeln!(buf, "### [{election}](elections/{election}/report.md)\n");
        for (kind, _) in &card.svgs.svgs {
            let _ = writeln!(buf, "![{election} {kind}](elections/{election}/{kind}.svg)\n");
        }
    }
    if summary.with_diagrams() > cards.len() {
        let _ = writeln!(
            buf,
            "The diagrams of the other {} elections are on their pages.\n",
            summary.with_diagrams() - cards.len()
        );
    }
    if !page.warnings.is_empty() {
        let _ = writeln!(buf, "## Data notes\n");
        for warning in page.warnings {
            let _ = writeln!(buf, "- {}", Md(warning));
        }
        buf.push('\n');
    }
    buf.push_str(
        "Made by `cargo xtask recompute`. Exact integer arithmetic decides every seat; the indices are descriptive.\n",
    );
    out.write_all(buf.as_bytes())
}

/// The head of the summary table.
const TABLE_HEAD: &str = "| Election | List seats | Status | Seats: recomputed / published | Closest margin | Gallagher | \
                          L–H | ENP votes / seats | Wasted votes |\n|---|--:|---|---|---|--:|--:|--:|--:|\n";

/// Writes summary page `number` (1-based) of a split `report.md`: its rows of the summary table.
pub fn write_summary_page(out: &mut dyn Write, page: &SummaryPage<'_>) -> io::Result<()> {
    let SummaryPage { number, pages, .. } = *page;
    let mut buf =
        format!("# {}: summary, page {number} of {pages}\n\n[Totals and diagrams](report.md)", Md(page.title));
    for other in 1..=pages {
        if other == number {
            let _ = write!(buf, " · {other}");
        } else {
            let _ = write!(buf, " · [{other}]({})", summary_page_file("report", other, "md"));
        }
    }
    buf.push_str("\n\n");
    buf.push_str(TABLE_HEAD);
    out.write_all(buf.as_bytes())?;
    for row in page.rows {
        buf.clear();
        push_summary_row(&mut buf, row);
        out.write_all(buf.as_bytes())?;
    }
    Ok(())
}

/// A row of the summary table, pushed onto `out` (the text `format!` wrote, without a string
/// per cell: the summary pages write a thousand rows each).
fn push_summary_row(out: &mut String, row: &SummaryRow) {
    let md = text::push_markdown;
    let mut numbers = itoa::Buffer::new();
    let fixed = |out: &mut String, value: Option<f64>| {
        if let Some(value) = value.filter(|v| v.is_finite()) {
            crate::decimal::Fixed(value, 2).push_to(out);
        }
    };
    out.push_str("| [");
    md(out, &row.name);
    out.push(' ');
    out.push_str(numbers.format(row.year));
    out.push_str("](elections/");
    out.push_str(&row.election);
    out.push_str("/report.md) | ");
    match (row.list_seats, row.total_seats) {
        (Some(list), Some(total)) if list != total => {
            out.push_str(numbers.format(list));
            out.push_str(" of ");
            out.push_str(numbers.format(total));
        }
        (Some(list), _) => out.push_str(numbers.format(list)),
        (None, _) => out.push('—'),
    }
    out.push_str(" | ");
    push_status(out, row.status, row.mismatch_documented == Some(true), &row.reason);
    out.push_str(" | ");
    for (i, party) in row.parties.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        md(out, &party.name);
        out.push(' ');
        match party.recomputed {
            Some(seats) => out.push_str(numbers.format(seats)),
            None => out.push('—'),
        }
        out.push('/');
        if party.published.is_empty() {
            out.push('—');
        }
        for (j, seats) in party.published.iter().enumerate() {
            if j > 0 {
                out.push_str(" or ");
            }
            out.push_str(numbers.format(*seats));
        }
    }
    out.push_str(" | ");
    if let Some(closest) = &row.closest_margin {
        md(out, &closest.text);
    }
    out.push_str(" | ");
    fixed(out, row.gallagher);
    out.push_str(" | ");
    fixed(out, row.loosemore_hanby);
    out.push_str(" | ");
    if let (Some(votes), Some(seats)) = (row.enp_votes, row.enp_seats) {
        fixed(out, Some(votes));
        out.push_str(" / ");
        fixed(out, Some(seats));
    }
    out.push_str(" | ");
    if let (Some(votes), Some(percent)) = (row.wasted_votes, row.wasted_percent) {
        text::push_grouped(out, votes);
        out.push_str(" (");
        fixed(out, Some(percent));
        out.push_str(" %)");
    }
    out.push_str(" |\n");
}

/// A row of the summary table as it was written by `format!`: the reference of the test of
/// `push_summary_row`.
#[cfg(test)]
fn summary_row(row: &SummaryRow) -> String {
    let seats = match (row.list_seats, row.total_seats) {
        (Some(list), Some(total)) if list != total => format!("{list} of {total}"),
        (Some(list), _) => list.to_string(),
        (None, _) => "—".to_owned(),
    };
    let parties: Vec<String> = row
        .parties
        .iter()
        .map(|p| format!("{} {}/{}", Md(&p.name), text::seats(p.recomputed), text::seat_alternatives(&p.published)))
        .collect();
    let wasted = match (row.wasted_votes, row.wasted_percent) {
        (Some(v), Some(p)) => format!("{} ({} %)", text::grouped(v), text::fixed(p, 2)),
        _ => String::new(),
    };
    format!(
        "| [{} {}](elections/{}/report.md) | {seats} | {} | {} | {} | {} | {} | {} | {wasted} |\n",
        Md(&row.name),
        row.year,
        row.election,
        status(row.status, row.mismatch_documented == Some(true), &row.reason),
        parties.join(", "),
        row.closest_margin.as_ref().map_or_else(String::new, |c| Md(&c.text).to_string()),
        text::fixed(row.gallagher, 2),
        text::fixed(row.loosemore_hanby, 2),
        text::fixed_pair(row.enp_votes, row.enp_seats)
    )
}

/// The Markdown page of one election; `kinds` are the diagrams drawn beside it (`published`,
/// `recomputed`), linked as `<kind>.svg`. Built by pushes into one string, text escaped
/// straight into it ([`text::push_markdown`]): no formatter, no string per piece.
pub fn election_markdown(report: &ElectionReport, kinds: &[&str]) -> String {
    // Most pages are 3–8 KB: room made once, not grown a piece at a time.
    let mut out = String::with_capacity(8 * 1024);
    let md = text::push_markdown;
    let mut integers = itoa::Buffer::new();
    out.push_str("# ");
    md(&mut out, &report.name);
    out.push(' ');
    out.push_str(integers.format(report.year));
    out.push_str("\n\n[← all elections](../../report.md)\n\nElection of ");
    md(&mut out, &report.date);
    out.push_str(", rules `");
    out.push_str(&report.rules);
    out.push_str("` (threshold ");
    md(&mut out, &report.threshold);
    out.push_str("), id `");
    out.push_str(&report.id);
    out.push_str("`.\n\n- Status: ");
    push_status(&mut out, report.status.kind(), report.status.documented(), &report.status.reason);
    out.push_str("\n- Seats: ");
    md(&mut out, &report.seats_text());
    out.push('\n');
    if !report.status.evidence.is_empty() {
        out.push_str("- What the published figures allow:\n");
        for line in &report.status.evidence {
            out.push_str("  - ");
            md(&mut out, line.trim_start());
            out.push('\n');
        }
    }
    if let Some(quota) = &report.quota {
        out.push_str("- Quota: ");
        md(&mut out, &quota.decimal);
        out.push_str(" votes per seat (exactly ");
        md(&mut out, &quota.fraction);
        out.push_str(")\n");
    }
    for caveat in &report.caveats {
        out.push_str("- Assumed: ");
        md(&mut out, caveat);
        out.push('\n');
    }
    if let Some(note) = &report.note {
        out.push_str("- Data note: ");
        md(&mut out, note);
        out.push('\n');
    }
    out.push('\n');
    for kind in kinds {
        out.push_str("![");
        out.push_str(kind);
        out.push_str("](");
        out.push_str(kind);
        out.push_str(".svg)\n\n");
    }
    if let Some(missing) = &report.published_missing {
        out.push_str("Published seats not drawn: ");
        md(&mut out, missing);
        out.push_str(".\n\n");
    }
    if !report.lists.is_empty() {
        let margins = report.explanation.is_some();
        out.push_str("## Lists\n\n| List | Votes | Share | Threshold | Recomputed | Published |");
        out.push_str(if margins { " Votes to gain a seat | Votes to lose a seat |\n" } else { "\n" });
        out.push_str("|---|--:|--:|---|--:|--:|");
        out.push_str(if margins { "--:|--:|\n" } else { "\n" });
        for list in &report.lists {
            out.push_str("| ");
            md(&mut out, &list.name);
            out.push_str(" | ");
            if let Some(votes) = list.votes {
                text::push_grouped(&mut out, votes);
            }
            out.push_str(" | ");
            md(&mut out, &list.share_text());
            out.push_str(" | ");
            md(&mut out, list.status_text());
            out.push_str(" | ");
            md(&mut out, &list.recomputed_text());
            out.push_str(" | ");
            md(&mut out, &list.published_text());
            out.push_str(" |");
            if margins {
                out.push(' ');
                list.push_gain_text(&mut out);
                out.push_str(" | ");
                list.push_loss_text(&mut out);
                out.push_str(" |");
            }
            out.push('\n');
        }
        if let Some(base) = &report.base {
            base_rows(&mut out, base, if margins { 5 } else { 3 });
        }
        out.push('\n');
    }
    if report.explanation.is_some() {
        out.push_str("## Margins\n\n");
        report.each_margin_point(|pieces, _| {
            out.push_str("- ");
            for piece in pieces {
                md(&mut out, piece);
            }
            out.push('\n');
        });
        if let Some(ix) = &report.indices {
            for (term, value) in index_facts(ix) {
                out.push_str("- ");
                out.push_str(term);
                out.push_str(": ");
                md(&mut out, &value);
                out.push('\n');
            }
        }
        out.push('\n');
    }
    if let Some(explanation) = &report.explanation {
        let fence = text::code_fence(explanation);
        out.push_str("## How the seats were allocated\n\n");
        out.push_str(&fence);
        out.push_str("text\n");
        out.push_str(explanation);
        out.push_str(&fence);
        out.push_str("\n\n");
    }
    if !report.methods.is_empty() {
        out.push_str("## What if\n\nEvery standard method at the threshold of ");
        md(&mut out, &report.threshold);
        out.push_str(":\n\n");
        // One record of the rows written for both tables: they share rows (the election's own
        // method and threshold is in each).
        let mut written = WrittenCells::default();
        what_if(&mut out, &report.methods, &report.what_if_names, true, &mut written);
        out.push_str("The election's method at other thresholds:\n\n");
        what_if(&mut out, &report.thresholds, &report.what_if_names, false, &mut written);
    }
    sources_and_discrepancies(&mut out, report);
    if !report.warnings.is_empty() {
        out.push_str("## Data notes\n\n");
        for warning in &report.warnings {
            out.push_str("- ");
            md(&mut out, warning);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// [`status`] appended to `out`.
fn push_status(out: &mut String, kind: StatusKind, documented: bool, reason: &str) {
    out.push_str(match (kind, documented) {
        (StatusKind::Verdict(ElectionStatus::Mismatch), true) => "**mismatch** (documented)",
        (StatusKind::Verdict(ElectionStatus::Mismatch), false) => "**mismatch**",
        _ => kind.label(),
    });
    if !reason.is_empty() {
        out.push_str(": ");
        text::push_markdown(out, reason);
    }
}

fn what_if<'a>(
    out: &mut String,
    rows: &'a [SweepRow],
    names: &[String],
    by_method: bool,
    written: &mut WrittenCells<'a>,
) {
    out.push_str(if by_method { "| Method |" } else { "| Threshold |" });
    for name in names {
        out.push(' ');
        text::push_markdown(out, name);
        out.push_str(" |");
    }
    out.push_str(" Gallagher | Wasted votes |\n|---|");
    for _ in 0..names.len() + 2 {
        out.push_str("--:|");
    }
    out.push('\n');
    for row in rows {
        let row = WhatIfRow::of(row, by_method);
        out.push_str("| ");
        text::push_markdown(out, row.label);
        out.push_str(" |");
        match row.cells {
            Ok(cells) => cells.write_to(out, " ", " |", written),
            Err(error) => {
                out.push(' ');
                text::push_markdown(out, error);
                out.push_str(" |");
                for _ in 0..names.len() + 1 {
                    out.push_str(" |");
                }
            }
        }
        out.push('\n');
    }
    out.push('\n');
}

fn sources_and_discrepancies(out: &mut String, report: &ElectionReport) {
    if !report.discrepancies.is_empty() {
        out.push_str(
            "## Where sources disagree\n\n| Figure | Value | Source | Used here | Note |\n|---|--:|---|---|---|\n",
        );
        for d in &report.discrepancies {
            let used = if d.in_tables { "yes" } else { "no" };
            let _ =
                writeln!(out, "| {} | {} | {} | {used} | {} |", Md(&d.about), Md(&d.value), Md(&d.source), Md(&d.note));
        }
        out.push('\n');
    }
    if !report.sources.is_empty() {
        out.push_str("## Sources\n\n");
        for source in &report.sources {
            let description =
                if source.description.is_empty() { String::new() } else { format!(": {}", Md(&source.description)) };
            if source.is_web_page() {
                let _ = writeln!(out, "- [{}]({}){description}", Md(&source.publisher), link_target(&source.url));
            } else {
                let _ = writeln!(
                    out,
                    "- {}{description} (a note kept with the data: {})",
                    Md(&source.publisher),
                    Md(&source.url)
                );
            }
        }
        out.push('\n');
    }
}

/// A web address made safe as a Markdown link target: the characters that would end the
/// target or start markup are percent-encoded.
fn link_target(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '[' => out.push_str("%5B"),
            ']' => out.push_str("%5D"),
            '`' => out.push_str("%60"),
            '\\' => out.push_str("%5C"),
            '"' => out.push_str("%22"),
            '|' => out.push_str("%7C"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The rows under the lists: "against all" (and invalid ballots) when they count in the
/// threshold base, then the base that the shares are taken of; `blank` empty cells close each.
fn base_rows(out: &mut String, base: &ThresholdBaseLine, blank: usize) {
    let mut row = |label: &str, votes: Option<u64>, share: &str| {
        out.push_str("| ");
        text::push_markdown(out, label);
        out.push_str(" | ");
        // Grouped digits and `not known` have nothing to escape.
        match votes {
            Some(votes) => text::push_grouped(out, votes),
            None => out.push_str("not known"),
        }
        out.push_str(" | ");
        text::push_markdown(out, share);
        out.push_str(" |");
        for _ in 0..blank {
            out.push_str(" |");
        }
        out.push('\n');
    };
    if let Some(against) = &base.against_all {
        row("Against all", against.votes, &against.share);
    }
    if let Some(invalid) = &base.invalid {
        row("Invalid ballots", invalid.votes, &invalid.share);
    }
    let total = u64::try_from(base.votes).unwrap_or(u64::MAX);
    row(&format!("Total: {} (threshold base)", base.name), Some(total), "100.00 %");
}

#[cfg(test)]
mod summary_row_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A summary row pushed is the row `format!` wrote.
        #[test]
        fn a_summary_row_pushed_is_the_row_formatted(row in crate::report::summary::tests::row()) {
            let mut pushed = String::new();
            push_summary_row(&mut pushed, &row);
            prop_assert_eq!(pushed, summary_row(&row));
        }
    }
}
