//! The report as Markdown, for places where Markdown is read: `report.md` (totals, the summary
//! table, the diagrams as linked SVG files) and one page per election.

use std::fmt::Write as _;
use std::io::{self, Write};

use maslihat_analysis::SweepRow;
use maslihat_apportion::ListStatus;

use super::analyse::{ElectionReport, StatusKind};
use super::html::IndexPage;
use super::summary::{SummaryRow, Totals};
use super::text::{self, markdown as md};

fn status(kind: StatusKind, documented: bool, reason: &str) -> String {
    let mut out = match (kind, documented) {
        (StatusKind::Mismatch, true) => "**mismatch** (documented)".to_owned(),
        (StatusKind::Mismatch, false) => "**mismatch**".to_owned(),
        _ => kind.label().to_owned(),
    };
    if !reason.is_empty() {
        let _ = write!(out, ": {}", md(reason));
    }
    out
}

/// Writes `report.md`: the same content as `index.html`, with the diagrams linked as images.
pub fn write_index(out: &mut dyn Write, page: &IndexPage<'_>) -> io::Result<()> {
    let totals = Totals::of(page.rows);
    let mut buf = String::new();
    let _ = write!(
        buf,
        "# {}\n\nEvery election in `{}` recomputed from its list votes under its own rules and compared with the \
         published seats. For 2023 only the party-list half of each mäslihat is allocated by list: its diagrams show \
         list seats only.\n\n{} elections: {} match, {} mismatch ({} not documented in the data), {} not published, {} \
         cannot be recomputed, {} errors.\n\n## Summary\n\n\
         | Election | List seats | Status | Seats: recomputed / published | Closest margin | Gallagher | L–H | ENP votes / seats | Wasted votes |\n\
         |---|--:|---|---|---|--:|--:|--:|--:|\n",
        md(page.title),
        md(page.data),
        totals.elections,
        totals.matched,
        totals.mismatched,
        totals.mismatched_undocumented,
        totals.not_published,
        totals.cannot_recompute,
        totals.errors
    );
    out.write_all(buf.as_bytes())?;
    for row in page.rows {
        out.write_all(summary_row(row).as_bytes())?;
    }
    let mut buf = String::from("\n## Parliament diagrams\n\n");
    if page.diagrams.is_empty() {
        buf.push_str("No diagram could be drawn.\n");
    }
    for election in page.diagrams {
        let _ = writeln!(buf, "### [{0}](elections/{0}/report.md)\n", election.election);
        for (kind, _) in &election.svgs {
            let _ = writeln!(buf, "![{0} {kind}](elections/{0}/{kind}.svg)\n", election.election);
        }
    }
    let with_diagrams = page.rows.iter().filter(|r| !r.diagrams.is_empty()).count();
    if with_diagrams > page.diagrams.len() {
        let _ = writeln!(
            buf,
            "The diagrams of the other {} elections are on their pages.\n",
            with_diagrams - page.diagrams.len()
        );
    }
    if !page.warnings.is_empty() {
        let _ = writeln!(buf, "## What the loader warned about\n");
        for warning in page.warnings {
            let _ = writeln!(buf, "- {}", md(warning));
        }
        buf.push('\n');
    }
    buf.push_str(
        "Made by `cargo xtask recompute`. Exact integer arithmetic decides every seat; the indices are descriptive.\n",
    );
    out.write_all(buf.as_bytes())
}

fn summary_row(row: &SummaryRow) -> String {
    let seats = match (row.list_seats, row.total_seats) {
        (Some(list), Some(total)) if list != total => format!("{list} of {total}"),
        (Some(list), _) => list.to_string(),
        (None, _) => "—".to_owned(),
    };
    let parties: Vec<String> = row
        .parties
        .iter()
        .map(|p| {
            let recomputed = p.recomputed.map_or_else(|| "—".to_owned(), |n| n.to_string());
            let published = if p.published.is_empty() {
                "—".to_owned()
            } else {
                p.published.iter().map(u32::to_string).collect::<Vec<_>>().join(" or ")
            };
            format!("{} {recomputed}/{published}", md(&p.name))
        })
        .collect();
    let float = |v: Option<f64>| v.map(|v| text::fixed(v, 2)).unwrap_or_default();
    let enp = match (row.enp_votes, row.enp_seats) {
        (Some(v), Some(s)) => format!("{} / {}", text::fixed(v, 2), text::fixed(s, 2)),
        _ => String::new(),
    };
    let wasted = match (row.wasted_votes, row.wasted_percent) {
        (Some(v), Some(p)) => format!("{} ({} %)", text::grouped(v), text::fixed(p, 2)),
        _ => String::new(),
    };
    format!(
        "| [{} {}](elections/{}/report.md) | {seats} | {} | {} | {} | {} | {} | {enp} | {wasted} |\n",
        md(&row.name),
        row.year,
        row.election,
        status(row.status, row.mismatch_documented == Some(true), &row.reason),
        parties.join(", "),
        row.closest_margin.as_ref().map_or_else(String::new, |c| md(&c.text)),
        float(row.gallagher),
        float(row.loosemore_hanby)
    )
}

/// The Markdown page of one election; `kinds` are the diagrams drawn beside it (`published`,
/// `recomputed`), linked as `<kind>.svg`.
pub fn election_markdown(report: &ElectionReport, kinds: &[&str]) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "# {} {}\n\n[← all elections](../../report.md)\n\nElection of {}, rules `{}` (threshold {}), id `{}`.\n\n",
        md(&report.name),
        report.year,
        report.date,
        report.rules,
        md(&report.threshold),
        report.id
    );
    let _ = writeln!(out, "- Status: {}", status(report.status.kind, report.status.documented, &report.status.reason));
    let seats = match (report.list_seats, report.total_seats, report.mixed) {
        (Some(list), Some(total), true) => format!("{list} by list, of {total}"),
        (Some(list), None, true) => format!("{list} by list (district seats not known)"),
        (Some(list), _, false) => format!("{list}, all by list"),
        (None, _, _) => "not known".to_owned(),
    };
    let _ = writeln!(out, "- Seats: {seats}");
    if let Some(quota) = &report.quota {
        let _ = writeln!(out, "- Quota: {quota} votes per seat");
    }
    for caveat in &report.caveats {
        let _ = writeln!(out, "- Assumed: {}", md(caveat));
    }
    if let Some(note) = &report.note {
        let _ = writeln!(out, "- Data note: {}", md(note));
    }
    out.push('\n');
    for kind in kinds {
        let _ = writeln!(out, "![{kind}]({kind}.svg)\n");
    }
    if let Some(missing) = &report.published_missing {
        let _ = writeln!(out, "Published seats not drawn: {}.\n", md(missing));
    }
    if !report.lists.is_empty() {
        let margins = report.explanation.is_some();
        out.push_str("## Lists\n\n| List | Votes | Share | Threshold | Recomputed | Published |");
        out.push_str(if margins { " Votes to gain a seat | Could lose and keep its seats |\n" } else { "\n" });
        out.push_str("|---|--:|--:|---|--:|--:|");
        out.push_str(if margins { "--:|--:|\n" } else { "\n" });
        for list in &report.lists {
            let status = match list.status {
                Some(ListStatus::Qualified) => "passed",
                Some(ListStatus::RunnerUp) => "runner-up, admitted",
                Some(ListStatus::BelowThreshold) => "below",
                None => "",
            };
            let _ = write!(
                out,
                "| {} | {} | {} | {status} | {} | {} |",
                md(&list.name),
                list.votes.map(text::grouped).unwrap_or_default(),
                list.share_text(),
                list.recomputed_text(),
                list.published_text()
            );
            if margins {
                let gain = list.gain.map_or_else(|| "—".to_owned(), |v| format!("+{}", text::grouped(v)));
                let loss = match (list.loss, list.recomputed) {
                    (Some(v), _) => text::grouped(v.saturating_sub(1)),
                    (None, Some(0)) => "no seat to lose".to_owned(),
                    (None, _) => "every vote".to_owned(),
                };
                let _ = write!(out, " {gain} | {loss} |");
            }
            out.push('\n');
        }
        out.push('\n');
    }
    if report.explanation.is_some() {
        out.push_str("## Margins\n\n");
        match (&report.closest, &report.margins_error) {
            (Some(closest), _) => {
                let _ = writeln!(out, "- Closest call: {}.", md(&closest.text));
            }
            (None, Some(error)) => {
                let _ = writeln!(out, "- Margins could not be computed: {}.", md(error));
            }
            (None, None) => out.push_str("- No move of ballots between lists changes any seat.\n"),
        }
        if report.seat_notes.is_empty() && report.margins_error.is_none() {
            out.push_str("- No seat was decided by a tie or by fewer votes than 1 % of the quota.\n");
        }
        for note in &report.seat_notes {
            let _ = writeln!(out, "- {}.", md(&text::sentence(note)));
        }
        for note in &report.margin_notes {
            let _ = writeln!(out, "- {}.", md(&text::sentence(note)));
        }
        if let Some(ix) = &report.indices {
            let _ = writeln!(
                out,
                "- Gallagher {}, Loosemore–Hanby {}, effective number of parties {} by votes and {} by seats; \
                 {} votes ({} %) for lists below the threshold.",
                text::fixed(ix.gallagher, 2),
                text::fixed(ix.loosemore_hanby, 2),
                text::fixed(ix.enp_votes, 2),
                text::fixed(ix.enp_seats, 2),
                text::grouped(ix.wasted_votes),
                text::fixed(ix.wasted_percent, 2)
            );
        }
        out.push('\n');
    }
    if let Some(explanation) = &report.explanation {
        let _ = write!(out, "## How the seats were allocated\n\n```text\n{explanation}```\n\n");
    }
    if !report.methods.is_empty() {
        let _ = write!(out, "## What if\n\nEvery standard method at the threshold of {}:\n\n", md(&report.threshold));
        what_if(&mut out, &report.methods, &report.what_if_names, true);
        out.push_str("The election's method at other thresholds:\n\n");
        what_if(&mut out, &report.thresholds, &report.what_if_names, false);
    }
    if !report.warnings.is_empty() {
        out.push_str("## What the loader warned about\n\n");
        for warning in &report.warnings {
            let _ = writeln!(out, "- {}", md(warning));
        }
        out.push('\n');
    }
    out
}

fn what_if(out: &mut String, rows: &[SweepRow], names: &[String], by_method: bool) {
    out.push_str(if by_method { "| Method |" } else { "| Threshold |" });
    for name in names {
        let _ = write!(out, " {} |", md(name));
    }
    out.push_str(" Gallagher | Wasted votes |\n|---|");
    out.push_str(&"--:|".repeat(names.len() + 2));
    out.push('\n');
    for row in rows {
        let label = if by_method { &row.method } else { &row.threshold };
        let _ = write!(out, "| {} |", md(label));
        match (&row.seats, &row.indices) {
            (Some(seats), Some(ix)) => {
                for n in seats {
                    let _ = write!(out, " {n} |");
                }
                let _ = write!(out, " {} | {} |", text::fixed(ix.gallagher, 2), text::grouped(ix.wasted_votes));
            }
            _ => {
                let _ = write!(out, " {} |", md(row.error.as_deref().unwrap_or("no allocation")));
                out.push_str(&" |".repeat(names.len() + 1));
            }
        }
        out.push('\n');
    }
    out.push('\n');
}
