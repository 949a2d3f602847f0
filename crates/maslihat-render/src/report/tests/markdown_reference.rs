//! The Markdown page of an election as it was written before it was built by pushes (every
//! piece through `write!` and a formatter): the reference that the page is held to.

use std::fmt::Write as _;

use maslihat_analysis::SweepRow;
use maslihat_model::Status as ElectionStatus;

use super::super::page::{ElectionReport, StatusKind, ThresholdBaseLine, WhatIfRow, index_facts};
use crate::text::{self, Markdown as Md};

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

/// The Markdown page of one election; `kinds` are the diagrams drawn beside it (`published`,
/// `recomputed`), linked as `<kind>.svg`.
pub(crate) fn election_markdown(report: &ElectionReport, kinds: &[&str]) -> String {
    // Most pages are 3–8 KB: room made once, not grown a piece at a time.
    let mut out = String::with_capacity(8 * 1024);
    let _ = write!(
        out,
        "# {} {}\n\n[← all elections](../../report.md)\n\nElection of {}, rules `{}` (threshold {}), id `{}`.\n\n",
        Md(&report.name),
        report.year,
        Md(&report.date),
        report.rules,
        Md(&report.threshold),
        report.id
    );
    let _ =
        writeln!(out, "- Status: {}", status(report.status.kind(), report.status.documented(), &report.status.reason));
    let _ = writeln!(out, "- Seats: {}", Md(&report.seats_text()));
    if !report.status.evidence.is_empty() {
        let _ = writeln!(out, "- What the published figures allow:");
        for line in &report.status.evidence {
            let _ = writeln!(out, "  - {}", Md(line.trim_start()));
        }
    }
    if let Some(quota) = &report.quota {
        let _ = writeln!(out, "- Quota: {} votes per seat (exactly {})", Md(&quota.decimal), Md(&quota.fraction));
    }
    for caveat in &report.caveats {
        let _ = writeln!(out, "- Assumed: {}", Md(caveat));
    }
    if let Some(note) = &report.note {
        let _ = writeln!(out, "- Data note: {}", Md(note));
    }
    out.push('\n');
    for kind in kinds {
        let _ = writeln!(out, "![{kind}]({kind}.svg)\n");
    }
    if let Some(missing) = &report.published_missing {
        let _ = writeln!(out, "Published seats not drawn: {}.\n", Md(missing));
    }
    if !report.lists.is_empty() {
        let margins = report.explanation.is_some();
        out.push_str("## Lists\n\n| List | Votes | Share | Threshold | Recomputed | Published |");
        out.push_str(if margins { " Votes to gain a seat | Votes to lose a seat |\n" } else { "\n" });
        out.push_str("|---|--:|--:|---|--:|--:|");
        out.push_str(if margins { "--:|--:|\n" } else { "\n" });
        for list in &report.lists {
            let _ = write!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                Md(&list.name),
                list.votes.map(text::grouped).unwrap_or_default(),
                Md(&list.share_text()),
                Md(list.status_text()),
                Md(&list.recomputed_text()),
                Md(&list.published_text())
            );
            if margins {
                let _ = write!(out, " {} | {} |", list.gain_text(), list.loss_text());
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
        for point in report.margin_points() {
            let _ = writeln!(out, "- {}", Md(&point.text));
        }
        if let Some(ix) = &report.indices {
            for (term, value) in index_facts(ix) {
                let _ = writeln!(out, "- {term}: {}", Md(&value));
            }
        }
        out.push('\n');
    }
    if let Some(explanation) = &report.explanation {
        let fence = text::code_fence(explanation);
        let _ = write!(out, "## How the seats were allocated\n\n{fence}text\n{explanation}{fence}\n\n");
    }
    if !report.methods.is_empty() {
        let _ = write!(out, "## What if\n\nEvery standard method at the threshold of {}:\n\n", Md(&report.threshold));
        what_if(&mut out, &report.methods, &report.what_if_names, true);
        out.push_str("The election's method at other thresholds:\n\n");
        what_if(&mut out, &report.thresholds, &report.what_if_names, false);
    }
    sources_and_discrepancies(&mut out, report);
    if !report.warnings.is_empty() {
        out.push_str("## Data notes\n\n");
        for warning in &report.warnings {
            let _ = writeln!(out, "- {}", Md(warning));
        }
        out.push('\n');
    }
    out
}

fn what_if(out: &mut String, rows: &[SweepRow], names: &[String], by_method: bool) {
    out.push_str(if by_method { "| Method |" } else { "| Threshold |" });
    for name in names {
        let _ = write!(out, " {} |", Md(name));
    }
    out.push_str(" Gallagher | Wasted votes |\n|---|");
    out.push_str(&"--:|".repeat(names.len() + 2));
    out.push('\n');
    for row in rows {
        let row = WhatIfRow::of(row, by_method);
        let _ = write!(out, "| {} |", Md(row.label));
        match row.cells {
            Ok(cells) => cells.each(|cell| {
                out.push(' ');
                out.push_str(cell);
                out.push_str(" |");
            }),
            Err(error) => {
                let _ = write!(out, " {} |", Md(error));
                out.push_str(&" |".repeat(names.len() + 1));
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
        let votes = votes.map_or_else(|| "not known".to_owned(), text::grouped);
        let _ = writeln!(out, "| {} | {} | {} |{}", Md(label), Md(&votes), Md(share), " |".repeat(blank));
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
