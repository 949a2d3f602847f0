//! The summary of a run: one row per election, written as CSV and JSON, and the totals.
//!
//! Both files are byte-identical for the same rows: fields in a fixed order, floats with fixed
//! decimals (CSV) or rounded to 4 decimals (JSON), no timestamps.

use std::io::{self, Write};

use serde::Serialize;

use maslihat_model::Status as ElectionStatus;

use super::page::{Closest, ElectionReport, StatusKind};
use crate::decimal::Fixed;
use crate::text;

mod json;

/// Elections per summary page when the index is split: an index over this many elections or
/// fewer holds its summary table itself (one page, as the bundled report).
pub const SUMMARY_PAGE_ROWS: usize = 1000;

/// How many summary pages an index over `rows` elections has: none when it holds the table.
pub fn summary_pages(rows: usize) -> usize {
    if rows <= SUMMARY_PAGE_ROWS { 0 } else { rows.div_ceil(SUMMARY_PAGE_ROWS) }
}

/// The rows of summary page `number` (1-based).
pub fn summary_page_rows(rows: &[SummaryRow], number: usize) -> &[SummaryRow] {
    let start = number.saturating_sub(1).saturating_mul(SUMMARY_PAGE_ROWS).min(rows.len());
    &rows[start..(start + SUMMARY_PAGE_ROWS).min(rows.len())]
}

/// The file of summary page `number` beside the index: `index-3.html`, `report-3.md`.
pub fn summary_page_file(stem: &str, number: usize, extension: &str) -> String {
    format!("{stem}-{number}.{extension}")
}

/// One election in the summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryRow {
    pub election: String,
    pub maslihat: String,
    /// The mäslihat's name in the election's year.
    pub name: String,
    pub year: u16,
    pub rules: String,
    /// The seats allocated by list (all seats in 2021, the list half in 2023).
    pub list_seats: Option<u32>,
    pub total_seats: Option<u32>,
    pub status: StatusKind,
    pub reason: String,
    /// For a mismatch: whether `discrepancies.csv` documents every differing list.
    pub mismatch_documented: Option<bool>,
    /// Per list, recomputed and published seats.
    pub parties: Vec<PartySeats>,
    pub closest_margin: Option<Closest>,
    pub gallagher: Option<f64>,
    pub loosemore_hanby: Option<f64>,
    pub enp_votes: Option<f64>,
    pub enp_seats: Option<f64>,
    /// Votes for lists below the threshold, and their share of the threshold base.
    pub wasted_votes: Option<u64>,
    pub wasted_percent: Option<f64>,
    /// Seats decided by a tie or a narrow margin.
    pub marked_seats: usize,
    /// The diagrams drawn: `published`, `recomputed`.
    pub diagrams: Vec<&'static str>,
}

/// One list's seats in the summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartySeats {
    pub party: String,
    pub name: String,
    pub colour: String,
    pub votes: Option<u64>,
    pub recomputed: Option<u32>,
    /// Distinct published values (empty: not published; several: sources disagree).
    pub published: Vec<u32>,
}

impl SummaryRow {
    /// The summary of an analysed election.
    pub fn of(report: &ElectionReport) -> SummaryRow {
        let ix = report.indices.as_ref();
        let mut diagrams = Vec::new();
        if report.published.is_some() {
            diagrams.push("published");
        }
        if report.recomputed.is_some() {
            diagrams.push("recomputed");
        }
        SummaryRow {
            election: report.id.clone(),
            maslihat: report.body.clone(),
            name: report.name.clone(),
            year: report.year,
            rules: report.rules.clone(),
            list_seats: report.list_seats,
            total_seats: report.total_seats,
            status: report.status.kind(),
            reason: report.status.reason.clone(),
            mismatch_documented: (report.status.verdict == ElectionStatus::Mismatch)
                .then_some(report.status.documented()),
            parties: report
                .lists
                .iter()
                .map(|l| PartySeats {
                    party: l.party.clone(),
                    name: l.name.clone(),
                    colour: l.colour.clone(),
                    votes: l.votes,
                    recomputed: l.recomputed,
                    published: l.published.clone(),
                })
                .collect(),
            closest_margin: report.closest.clone(),
            gallagher: ix.and_then(|i| text::round4(i.gallagher)),
            loosemore_hanby: ix.and_then(|i| text::round4(i.loosemore_hanby)),
            enp_votes: ix.and_then(|i| text::round4(i.enp_votes)),
            enp_seats: ix.and_then(|i| text::round4(i.enp_seats)),
            wasted_votes: ix.map(|i| i.wasted_votes),
            wasted_percent: ix.and_then(|i| text::round4(i.wasted_percent)),
            marked_seats: report.seat_notes.len(),
            diagrams,
        }
    }

    /// The row of an election whose report could not be made.
    pub fn failed(election: &str, maslihat: &str, name: &str, year: u16, rules: &str, reason: String) -> SummaryRow {
        SummaryRow {
            election: election.to_owned(),
            maslihat: maslihat.to_owned(),
            name: name.to_owned(),
            year,
            rules: rules.to_owned(),
            list_seats: None,
            total_seats: None,
            status: StatusKind::Error,
            reason,
            mismatch_documented: None,
            parties: Vec::new(),
            closest_margin: None,
            gallagher: None,
            loosemore_hanby: None,
            enp_votes: None,
            enp_seats: None,
            wasted_votes: None,
            wasted_percent: None,
            marked_seats: 0,
            diagrams: Vec::new(),
        }
    }

    /// The path of the election's detail page, relative to the report folder.
    pub fn detail_page(&self) -> String {
        format!("elections/{}/report.html", self.election)
    }

    /// Whether the row is a mismatch that the data does not document.
    pub fn is_undocumented_mismatch(&self) -> bool {
        self.status == StatusKind::Verdict(ElectionStatus::Mismatch) && self.mismatch_documented != Some(true)
    }
}

/// Counts over a run's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Totals {
    pub elections: usize,
    pub matched: usize,
    pub determined_match: usize,
    pub mismatched: usize,
    /// Mismatches that `discrepancies.csv` does not document.
    pub mismatched_undocumented: usize,
    pub consistent: usize,
    pub inconsistent: usize,
    pub not_published: usize,
    pub no_data: usize,
    /// Elections whose report could not be made.
    pub errors: usize,
}

impl Totals {
    pub fn of(rows: &[SummaryRow]) -> Totals {
        let mut totals = Totals { elections: rows.len(), ..Totals::default() };
        for row in rows {
            match row.status {
                StatusKind::Verdict(status) => *totals.count_mut(status) += 1,
                StatusKind::Error => totals.errors += 1,
            }
            totals.mismatched_undocumented += usize::from(row.is_undocumented_mismatch());
        }
        totals
    }

    /// These counts and `other`'s together (the totals of two runs of rows).
    pub fn plus(&self, other: &Totals) -> Totals {
        Totals {
            elections: self.elections + other.elections,
            matched: self.matched + other.matched,
            determined_match: self.determined_match + other.determined_match,
            mismatched: self.mismatched + other.mismatched,
            mismatched_undocumented: self.mismatched_undocumented + other.mismatched_undocumented,
            consistent: self.consistent + other.consistent,
            inconsistent: self.inconsistent + other.inconsistent,
            not_published: self.not_published + other.not_published,
            no_data: self.no_data + other.no_data,
            errors: self.errors + other.errors,
        }
    }

    /// The number of elections with `status`.
    pub fn count(&self, status: ElectionStatus) -> usize {
        let mut copy = *self;
        *copy.count_mut(status)
    }

    fn count_mut(&mut self, status: ElectionStatus) -> &mut usize {
        match status {
            ElectionStatus::Match => &mut self.matched,
            ElectionStatus::DeterminedMatch => &mut self.determined_match,
            ElectionStatus::Mismatch => &mut self.mismatched,
            ElectionStatus::Consistent => &mut self.consistent,
            ElectionStatus::Inconsistent => &mut self.inconsistent,
            ElectionStatus::NotPublished => &mut self.not_published,
            ElectionStatus::NoData => &mut self.no_data,
        }
    }
}

/// The header of `summary.csv`.
pub const CSV_HEADER: [&str; 17] = [
    "election",
    "maslihat",
    "year",
    "rules",
    "list_seats",
    "status",
    "reason",
    "recomputed",
    "published",
    "closest_margin_ballots",
    "closest_margin",
    "gallagher",
    "loosemore_hanby",
    "enp_votes",
    "enp_seats",
    "wasted_votes",
    "wasted_percent",
];

/// Writes `summary.csv`: [`CSV_HEADER`], then one line per row. Seats per list are written as
/// `party=seats` pairs joined by `; ` (`?` for seats not published, `4|15` when sources
/// disagree); indices with 4 decimals; an unknown value is an empty field.
pub fn write_csv(out: &mut dyn Write, rows: &[SummaryRow]) -> io::Result<()> {
    let mut csv = SummaryCsv::new(out)?;
    csv.rows(rows)?;
    csv.finish()
}

/// `summary.csv` written as rows come, for a run that does not keep every row whole: the same
/// bytes as [`write_csv`] over all the rows.
#[derive(Debug)]
pub struct SummaryCsv<W: Write> {
    writer: text::CsvWriter<W>,
    cell: String,
}

impl<W: Write> SummaryCsv<W> {
    /// Starts the file with its header.
    pub fn new(out: W) -> io::Result<SummaryCsv<W>> {
        let mut writer = text::CsvWriter::new(out);
        writer.record(CSV_HEADER)?;
        Ok(SummaryCsv { writer, cell: String::new() })
    }

    /// Writes the next rows.
    pub fn rows(&mut self, rows: &[SummaryRow]) -> io::Result<()> {
        rows.iter().try_for_each(|row| write_csv_row(&mut self.writer, row, &mut self.cell))
    }

    /// Flushes the file.
    pub fn finish(self) -> io::Result<()> {
        self.writer.finish().map(drop)
    }
}

/// One row's fields, each written as it is made (the numbers and the seat lists through one
/// reused `cell`): the same fields as the former string per field (`csv_fields`, kept as the
/// test's reference), without a string each.
fn write_csv_row<W: Write>(writer: &mut text::CsvWriter<W>, row: &SummaryRow, cell: &mut String) -> io::Result<()> {
    let mut number = itoa::Buffer::new();
    let mut opt = |writer: &mut text::CsvWriter<W>, value: Option<u64>| match value {
        Some(value) => writer.field(number.format(value)),
        None => writer.field(""),
    };
    let fixed = |writer: &mut text::CsvWriter<W>, value: Option<f64>, cell: &mut String| {
        cell.clear();
        if let Some(value) = value.filter(|v| v.is_finite()) {
            Fixed(value, 4).push_to(cell);
        }
        writer.field(cell)
    };
    writer.field(&row.election)?;
    writer.field(&row.maslihat)?;
    opt(writer, Some(u64::from(row.year)))?;
    writer.field(&row.rules)?;
    opt(writer, row.list_seats.map(u64::from))?;
    writer.field(row.status.name())?;
    writer.field(&row.reason)?;
    cell.clear();
    if row.parties.iter().any(|p| p.recomputed.is_some()) {
        for (i, party) in row.parties.iter().enumerate() {
            if i > 0 {
                cell.push_str("; ");
            }
            cell.push_str(&party.party);
            cell.push('=');
            match party.recomputed {
                Some(seats) => cell.push_str(itoa::Buffer::new().format(seats)),
                None => cell.push('?'),
            }
        }
    }
    writer.field(cell)?;
    cell.clear();
    if row.parties.iter().any(|p| !p.published.is_empty()) {
        for (i, party) in row.parties.iter().enumerate() {
            if i > 0 {
                cell.push_str("; ");
            }
            cell.push_str(&party.party);
            cell.push('=');
            if party.published.is_empty() {
                cell.push('?');
            }
            for (j, seats) in party.published.iter().enumerate() {
                if j > 0 {
                    cell.push('|');
                }
                cell.push_str(itoa::Buffer::new().format(*seats));
            }
        }
    }
    writer.field(cell)?;
    opt(writer, row.closest_margin.as_ref().map(|c| c.ballots))?;
    writer.field(row.closest_margin.as_ref().map_or("", |c| c.text.as_str()))?;
    fixed(writer, row.gallagher, cell)?;
    fixed(writer, row.loosemore_hanby, cell)?;
    fixed(writer, row.enp_votes, cell)?;
    fixed(writer, row.enp_seats, cell)?;
    opt(writer, row.wasted_votes)?;
    fixed(writer, row.wasted_percent, cell)?;
    writer.end_record()
}

/// A row's fields one string each: the reference [`write_csv_row`] is tested against.
#[cfg(test)]
fn csv_fields(row: &SummaryRow) -> [String; 17] {
    let opt = |v: Option<u64>| v.map(|v| v.to_string()).unwrap_or_default();
    let recomputed = if row.parties.iter().any(|p| p.recomputed.is_some()) {
        row.parties
            .iter()
            .map(|p| format!("{}={}", p.party, p.recomputed.map_or_else(|| "?".to_owned(), |n| n.to_string())))
            .collect::<Vec<_>>()
            .join("; ")
    } else {
        String::new()
    };
    let published = if row.parties.iter().any(|p| !p.published.is_empty()) {
        row.parties
            .iter()
            .map(|p| {
                let seats = if p.published.is_empty() {
                    "?".to_owned()
                } else {
                    p.published.iter().map(u32::to_string).collect::<Vec<_>>().join("|")
                };
                format!("{}={seats}", p.party)
            })
            .collect::<Vec<_>>()
            .join("; ")
    } else {
        String::new()
    };
    [
        row.election.clone(),
        row.maslihat.clone(),
        row.year.to_string(),
        row.rules.clone(),
        opt(row.list_seats.map(u64::from)),
        row.status.name().to_owned(),
        row.reason.clone(),
        recomputed,
        published,
        opt(row.closest_margin.as_ref().map(|c| c.ballots)),
        row.closest_margin.as_ref().map_or_else(String::new, |c| c.text.clone()),
        text::fixed(row.gallagher, 4),
        text::fixed(row.loosemore_hanby, 4),
        text::fixed(row.enp_votes, 4),
        text::fixed(row.enp_seats, 4),
        opt(row.wasted_votes),
        text::fixed(row.wasted_percent, 4),
    ]
}

/// Writes the next `rows` of `summary.json`'s `elections` array into `out`, after `before` rows
/// written so far, for [`write_json_around`] to put after the totals: the file is the same as
/// [`write_json`]'s, and a run need not keep every row until the totals are known.
///
/// Each row is written as serde_json's pretty printer writes its derived `Serialize` two levels
/// deep (the tests hold the two byte-identical), by hand, without its generic formatter.
pub fn write_json_rows<W: Write>(out: &mut W, rows: &[SummaryRow], before: usize) -> io::Result<()> {
    for (i, row) in rows.iter().enumerate() {
        out.write_all(if before == 0 && i == 0 { b"\n    " } else { b",\n    " })?;
        json::write_row(out, row)?;
    }
    Ok(())
}

/// `summary.json` from the run's totals and the `rows` elements [`write_json_rows`] wrote into
/// `elements`.
pub fn write_json_around(
    out: &mut dyn Write,
    totals: &Totals,
    rows: usize,
    elements: &mut dyn io::Read,
) -> io::Result<()> {
    write_json_head(out, totals)?;
    io::copy(elements, out)?;
    write_json_tail(out, rows)
}

/// `summary.json` up to its `elections` array's `[`: the totals.
fn write_json_head(out: &mut dyn Write, totals: &Totals) -> io::Result<()> {
    let totals = serde_json::to_vec_pretty(totals).map_err(io::Error::other)?;
    out.write_all(b"{\n  \"totals\": ")?;
    write_indented(out, &totals, b"\n  ")?;
    out.write_all(b",\n  \"elections\": [")
}

/// `summary.json` after its `rows` elements.
fn write_json_tail(out: &mut dyn Write, rows: usize) -> io::Result<()> {
    out.write_all(if rows == 0 { b"]\n}\n" } else { b"\n  ]\n}\n" })
}

/// `json` with `indent` in place of each line break.
fn write_indented(out: &mut dyn Write, json: &[u8], indent: &[u8]) -> io::Result<()> {
    let mut lines = json.split(|b| *b == b'\n');
    if let Some(first) = lines.next() {
        out.write_all(first)?;
    }
    for line in lines {
        out.write_all(indent)?;
        out.write_all(line)?;
    }
    Ok(())
}

/// Writes `summary.json`: `{"totals": …, "elections": [rows]}`, pretty-printed as serde_json
/// prints it, ending in a line break.
pub fn write_json(out: &mut dyn Write, rows: &[SummaryRow]) -> io::Result<()> {
    // The rows are written in many small pieces: a buffer here takes them without a call
    // through `dyn Write` each.
    let mut buffered = io::BufWriter::with_capacity(1 << 16, out);
    write_json_head(&mut buffered, &Totals::of(rows))?;
    write_json_rows(&mut buffered, rows, 0)?;
    write_json_tail(&mut buffered, rows.len())?;
    buffered.flush()
}

/// `summary.json` as serde_json prints it from the derived `Serialize`: the reference
/// [`write_json`] is tested against.
#[cfg(test)]
fn json_by_serde(rows: &[SummaryRow]) -> String {
    #[derive(Serialize)]
    struct Summary<'a> {
        totals: Totals,
        elections: &'a [SummaryRow],
    }
    serde_json::to_string_pretty(&Summary { totals: Totals::of(rows), elections: rows }).unwrap() + "\n"
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Text with what CSV must quote or defuse (commas, quotes, line breaks, a leading `=`) and
    /// what Markdown and HTML escape.
    fn cell() -> impl Strategy<Value = String> {
        "[a-z=+,\"\\n ;|?*_`<>&\\[\\]-]{0,8}"
    }

    fn party() -> impl Strategy<Value = PartySeats> {
        (cell(), cell(), any::<Option<u64>>(), any::<Option<u32>>(), proptest::collection::vec(any::<u32>(), 0..3))
            .prop_map(|(party, name, votes, recomputed, published)| PartySeats {
                party,
                name,
                colour: String::new(),
                votes,
                recomputed,
                published,
            })
    }

    fn number() -> impl Strategy<Value = Option<f64>> {
        prop_oneof![Just(None), Just(Some(f64::NAN)), (-1e6f64..1e6).prop_map(Some), any::<f64>().prop_map(Some)]
    }

    prop_compose! {
        /// A summary row of any shape, with texts that need quoting or escaping.
        pub(crate) fn row()(
            texts in (cell(), cell(), cell(), cell(), cell()),
            year in any::<u16>(),
            list_seats in any::<Option<u32>>(),
            status in prop_oneof![
                Just(StatusKind::Error),
                Just(StatusKind::Verdict(ElectionStatus::Match)),
                Just(StatusKind::Verdict(ElectionStatus::Mismatch)),
            ],
            documented in any::<Option<bool>>(),
            total_seats in any::<Option<u32>>(),
            parties in proptest::collection::vec(party(), 0..4),
            closest in proptest::option::of((any::<u64>(), cell())),
            indices in (number(), number(), number(), number(), number()),
            wasted_votes in any::<Option<u64>>(),
        ) -> SummaryRow {
            let (election, maslihat, name, rules, reason) = texts;
            let mut row = SummaryRow::failed(&election, &maslihat, &name, year, &rules, reason);
            row.list_seats = list_seats;
            row.total_seats = total_seats;
            row.status = status;
            row.mismatch_documented = documented;
            row.parties = parties;
            row.closest_margin = closest.map(|(ballots, text)| Closest { ballots, from: String::new(), to: String::new(), text });
            (row.gallagher, row.loosemore_hanby, row.enp_votes, row.enp_seats, row.wasted_percent) = indices;
            row.wasted_votes = wasted_votes;
            row
        }
    }

    proptest! {
        /// `summary.json` put together from its totals and rows written in pieces is the file
        /// written at once, and serde_json's file of the derived `Serialize`; `summary.csv` put
        /// together from pieces is the file written at once.
        #[test]
        fn summary_files_written_in_pieces_are_the_files_written_at_once(
            rows in proptest::collection::vec(row(), 0..5),
            cut in 0usize..5,
        ) {
            let cut = cut.min(rows.len());
            let mut elements = Vec::new();
            write_json_rows(&mut elements, &rows[..cut], 0).unwrap();
            write_json_rows(&mut elements, &rows[cut..], cut).unwrap();
            let mut pieces = Vec::new();
            write_json_around(&mut pieces, &Totals::of(&rows), rows.len(), &mut elements.as_slice()).unwrap();
            let mut whole = Vec::new();
            write_json(&mut whole, &rows).unwrap();
            let whole = String::from_utf8(whole).unwrap();
            prop_assert_eq!(String::from_utf8(pieces).unwrap(), whole.as_str());
            prop_assert_eq!(whole, json_by_serde(&rows));

            let mut csv = SummaryCsv::new(Vec::new()).unwrap();
            csv.rows(&rows[..cut]).unwrap();
            csv.rows(&rows[cut..]).unwrap();
            let pieces = csv.writer.finish().unwrap();
            let mut whole = Vec::new();
            write_csv(&mut whole, &rows).unwrap();
            prop_assert_eq!(pieces, whole);
        }

        /// The summary CSV written field by field is the CSV of the former string per field.
        #[test]
        fn summary_csv_is_its_fields(rows in proptest::collection::vec(row(), 0..4)) {
            let mut written = Vec::new();
            write_csv(&mut written, &rows).unwrap();
            let mut reference = text::CsvWriter::new(Vec::new());
            reference.record(CSV_HEADER).unwrap();
            for row in &rows {
                reference.record(csv_fields(row)).unwrap();
            }
            prop_assert_eq!(String::from_utf8(written).unwrap(), reference.into_text());
        }
    }
}
