//! The formats of the report of recomputed elections: what the report shows about an election
//! ([`ElectionReport`], filled in by `maslihat-report`), its compositions drawn ([`diagram`]),
//! and the pages that show it: HTML ([`html`]), Markdown ([`markdown`]), the summary as CSV and
//! JSON ([`summary`]), and per election a set of files ([`election_files`]).
//!
//! Everything here returns or writes text and is deterministic: the same data gives the same
//! bytes (fixed decimals, data order, no clock). Writing files is the caller's job.

pub mod diagram;
pub mod glossary;
pub mod html;
pub mod index;
pub mod markdown;
mod page;
pub mod summary;

#[cfg(test)]
mod tests;

pub use diagram::{
    DiagramError, DiagramList, SeatNote, Which, allocation_diagram, election_diagram, election_svg, seat_notes,
};
pub use glossary::glossary_html;
pub use html::{ElectionSvgs, IndexPage};
pub use index::IndexSummary;
pub use page::{
    Closest, Counted, DiscrepancyLine, ElectionReport, Exact, ListLine, SourceLink, Status, StatusKind,
    ThresholdBaseLine,
};
pub use summary::{SummaryRow, Totals};

use crate::hemicycle::LayoutOptions;
use crate::svg::parliament_svg;
use crate::text;

/// One file of an election's folder in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ElectionFile {
    /// The file name, e.g. `report.html`.
    pub name: &'static str,
    pub contents: String,
}

/// Every file name [`election_files`] may give, in its order.
pub const ELECTION_FILE_NAMES: [&str; 8] = [
    "report.html",
    "report.md",
    "explain.txt",
    "margins.csv",
    "what-if-methods.csv",
    "what-if-thresholds.csv",
    "published.svg",
    "recomputed.svg",
];

/// The files of one election, in a fixed order: `report.html`, `report.md`, `explain.txt`,
/// then for a recomputed election `margins.csv`, `what-if-methods.csv`,
/// `what-if-thresholds.csv`, then `published.svg` and `recomputed.svg` when drawn.
pub fn election_files(report: &ElectionReport) -> Vec<ElectionFile> {
    let options = LayoutOptions::default();
    let mut svgs: Vec<(&'static str, String)> = Vec::new();
    if let Some(diagram) = &report.published {
        svgs.push((Which::Published.name(), parliament_svg(diagram, &options)));
    }
    if let Some(diagram) = &report.recomputed {
        svgs.push((Which::Recomputed.name(), parliament_svg(diagram, &options)));
    }
    let kinds: Vec<&str> = svgs.iter().map(|(kind, _)| *kind).collect();
    let mut files = vec![
        ElectionFile { name: "report.html", contents: html::election_html(report, &svgs) },
        ElectionFile { name: "report.md", contents: markdown::election_markdown(report, &kinds) },
        ElectionFile { name: "explain.txt", contents: explain_text(report) },
    ];
    if report.explanation.is_some() {
        files.push(ElectionFile { name: "margins.csv", contents: margins_csv(report) });
        files.push(ElectionFile {
            name: "what-if-methods.csv",
            contents: crate::sweep::sweep_csv(&report.methods, &report.what_if_names),
        });
        files.push(ElectionFile {
            name: "what-if-thresholds.csv",
            contents: crate::sweep::sweep_csv(&report.thresholds, &report.what_if_names),
        });
    }
    for (kind, svg) in svgs {
        let name = if kind == Which::Published.name() { "published.svg" } else { "recomputed.svg" };
        files.push(ElectionFile { name, contents: svg });
    }
    files
}

/// `explain.txt`: the status, what was assumed, the core's explanation, the margins. Built by
/// pushes into one string.
pub fn explain_text(report: &ElectionReport) -> String {
    let explanation_len = report.explanation.as_ref().map_or(0, String::len);
    let mut out = String::with_capacity(512 + explanation_len);
    let line = |out: &mut String, pieces: &[&str]| {
        for piece in pieces {
            out.push_str(piece);
        }
        out.push('\n');
    };
    line(
        &mut out,
        &[&report.name, " ", itoa::Buffer::new().format(report.year), " (", &report.id, "), rules ", &report.rules],
    );
    out.push_str("status: ");
    out.push_str(report.status.kind().label());
    if report.status.verdict == maslihat_model::Status::Mismatch {
        out.push_str(if report.status.documented() { " (documented)" } else { " (not documented)" });
    }
    if !report.status.reason.is_empty() {
        out.push_str(": ");
        out.push_str(&report.status.reason);
    }
    out.push('\n');
    for evidence in &report.status.evidence {
        line(&mut out, &[evidence]);
    }
    for caveat in &report.caveats {
        line(&mut out, &["assumed: ", caveat]);
    }
    let Some(explanation) = &report.explanation else { return out };
    out.push('\n');
    out.push_str(explanation);
    out.push('\n');
    match (&report.closest, &report.margins_error) {
        (Some(closest), _) => line(&mut out, &["closest call: ", &closest.text]),
        (None, Some(error)) => line(&mut out, &["margins: not computed: ", error]),
        (None, None) => out.push_str("closest call: no move of ballots between lists changes any seat\n"),
    }
    for note in &report.seat_notes {
        line(&mut out, &["marked seat: ", note]);
    }
    for note in &report.margin_notes {
        line(&mut out, &["note: ", note]);
    }
    out
}

/// `margins.csv`: per list (the recomputation's order) its votes and seats, the fewest votes
/// that would win it one more seat (`gain_votes`), the fewest lost votes that cost it a seat
/// (`loss_votes`) and so the most it could lose keeping every seat (`could_lose`). Empty cells:
/// no number of votes does it.
pub fn margins_csv(report: &ElectionReport) -> String {
    let mut writer = text::CsvWriter::new(Vec::new());
    // Writing into memory does not fail.
    let _ = write_margins(&mut writer, report);
    writer.into_text()
}

/// The header and a record per list of [`margins_csv`], field by field, numbers by `itoa`: no
/// string per field.
fn write_margins(writer: &mut text::CsvWriter<Vec<u8>>, report: &ElectionReport) -> std::io::Result<()> {
    writer.record([
        "party",
        "name",
        "votes",
        "share_percent",
        "recomputed_seats",
        "published_seats",
        "gain_votes",
        "loss_votes",
        "could_lose",
    ])?;
    let mut integers = itoa::Buffer::new();
    let mut published = String::new();
    for list in &report.lists {
        writer.field(&list.party)?;
        writer.field(&list.name)?;
        match list.votes {
            Some(votes) => writer.integer(votes)?,
            None => writer.field("")?,
        }
        writer.field(if list.share_printed { "" } else { list.share.as_deref().unwrap_or_default() })?;
        match list.recomputed {
            Some(seats) => writer.integer(seats)?,
            None => writer.field("")?,
        }
        published.clear();
        for (i, seats) in list.published.iter().enumerate() {
            if i > 0 {
                published.push('|');
            }
            published.push_str(integers.format(*seats));
        }
        writer.field(&published)?;
        match list.gain {
            Some(gain) => writer.integer(gain)?,
            None => writer.field("")?,
        }
        match list.loss {
            Some(loss) => {
                writer.integer(loss)?;
                writer.integer(loss.saturating_sub(1))?;
            }
            None => {
                writer.field("")?;
                writer.field("")?;
            }
        }
        writer.end_record()?;
    }
    Ok(())
}
