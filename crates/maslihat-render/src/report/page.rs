//! What the report shows about one election, decided before any page is laid out: the status
//! (the model's [`Verdict`]), the lists, the explanation, the margins, the indices, the what-if
//! tables and the diagrams. `maslihat-report` fills it in from a dataset; the formats here
//! ([`super::html`], [`super::markdown`], [`super::summary`]) only lay it out.

use maslihat_analysis::{Indices, SweepRow};
use maslihat_apportion::ListStatus;
use maslihat_model::Status as ElectionStatus;
use maslihat_model::election::VoteStatus;
use serde::Serialize;

use crate::svg::Diagram;
use crate::text;

/// An election's status in the report: its verdict, or an error when its report failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    /// The verdict the published figures support.
    Verdict(ElectionStatus),
    /// The report of the election could not be made (an I/O error, a bug); never the status of
    /// an analysed election, only of one whose report failed.
    Error,
}

impl StatusKind {
    /// The name in the summary: `match`, `determined-match`, …, `no-data`, `error`.
    pub fn name(self) -> &'static str {
        match self {
            StatusKind::Verdict(status) => status.id(),
            StatusKind::Error => "error",
        }
    }

    /// The name for people: `match`, `determined match`, `not published`, …
    pub fn label(self) -> &'static str {
        match self {
            StatusKind::Verdict(status) => status.words(),
            StatusKind::Error => "error",
        }
    }
}

impl Serialize for StatusKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// The status of an election with its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub verdict: ElectionStatus,
    /// For a mismatch: whether `discrepancies.csv` documents every differing list.
    pub documented: bool,
    /// Why, in words (empty for a plain match).
    pub reason: String,
    /// For a verdict from uncertain figures: the figures used, the outcomes they allow, each
    /// list's implied share and what contradicts the published seats, one line each.
    pub evidence: Vec<String>,
}

impl Status {
    /// The status's kind in the summary.
    pub fn kind(&self) -> StatusKind {
        StatusKind::Verdict(self.verdict)
    }

    /// For a mismatch: whether `discrepancies.csv` documents every differing list.
    pub fn documented(&self) -> bool {
        self.documented
    }
}

/// One list of the election.
#[derive(Debug, Clone, PartialEq)]
pub struct ListLine {
    /// The party's id.
    pub party: String,
    pub name: String,
    pub short: String,
    pub colour: String,
    pub votes: Option<u64>,
    /// The share of the threshold base computed from the votes (2 decimals), or else the share
    /// as printed (then `share_printed`).
    pub share: Option<String>,
    pub share_printed: bool,
    pub status: Option<ListStatus>,
    pub recomputed: Option<u32>,
    /// The distinct published list seats (several when sources disagree; empty when unknown).
    pub published: Vec<u32>,
    /// The remainder after whole quotas, as a fraction of one quota (largest remainder only).
    pub remainder: Option<Exact>,
    /// The fewest extra votes that give the list one more seat.
    pub gain: Option<u64>,
    /// The fewest lost votes that cost the list a seat (it could lose one vote fewer and keep
    /// every seat).
    pub loss: Option<u64>,
}

/// The election's closest call: the fewest ballots that, moved from one list to another,
/// change the composition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Closest {
    pub ballots: u64,
    /// The party ids of the lists the ballots move from and to.
    pub from: String,
    pub to: String,
    /// In words: `4034 ballots from Auyl to Nur Otan: Auyl 3 → 2, Nur Otan 24 → 25`.
    pub text: String,
}

/// Everything the report says about one election.
#[derive(Debug, Clone)]
pub struct ElectionReport {
    pub id: String,
    /// The mäslihat's id and its name in the election's year.
    pub body: String,
    pub name: String,
    pub year: u16,
    pub date: String,
    /// The rule preset, e.g. `kz-2021`.
    pub rules: String,
    /// The threshold of the rules, e.g. `7 %`.
    pub threshold: String,
    pub mixed: bool,
    /// The seats allocated by list, and the size of the house, when known.
    pub list_seats: Option<u32>,
    pub total_seats: Option<u32>,
    pub vote_status: VoteStatus,
    pub status: Status,
    /// The lists: in the recomputation's order when recomputed, else in the data's order.
    pub lists: Vec<ListLine>,
    /// What the recomputation assumed because the data does not say.
    pub caveats: Vec<String>,
    /// The loader's warnings about this election.
    pub warnings: Vec<String>,
    /// The data's note on the election, and the evidence that every list is known.
    pub note: Option<String>,
    pub lists_basis: Option<String>,
    /// The core's explanation of the recomputed allocation.
    pub explanation: Option<String>,
    /// The quota in votes per seat.
    pub quota: Option<Exact>,
    /// The total the shares and the threshold are taken of, with "against all" when it counts.
    pub base: Option<ThresholdBaseLine>,
    pub closest: Option<Closest>,
    /// Notes of the margin search, or why it failed.
    pub margin_notes: Vec<String>,
    pub margins_error: Option<String>,
    /// The seats decided by a tie or a narrow margin.
    pub seat_notes: Vec<String>,
    pub indices: Option<Indices>,
    /// The same votes under every standard method at the election's threshold, and under the
    /// election's method at a few other thresholds.
    pub methods: Vec<SweepRow>,
    pub thresholds: Vec<SweepRow>,
    /// The list names heading the what-if tables' seat columns (the recomputation's order).
    pub what_if_names: Vec<String>,
    pub published: Option<Diagram>,
    /// Why the published seats are not drawn.
    pub published_missing: Option<String>,
    pub recomputed: Option<Diagram>,
    /// The pages the election's figures were read from.
    pub sources: Vec<SourceLink>,
    /// Where sources disagree, or a figure is doubtful.
    pub discrepancies: Vec<DiscrepancyLine>,
}

/// An exact value shown as a readable decimal (`10 814.8`), with its exact fraction
/// (`54074/5`) for a hover or a footnote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exact {
    pub decimal: String,
    pub fraction: String,
}

/// The threshold base of a recomputed election: what the lists' shares are taken of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThresholdBaseLine {
    /// What the base counts: `valid ballots`, `list votes`, `ballots cast`.
    pub name: String,
    pub votes: u128,
    /// The votes against all when they count in the base, with their share of it (`None`
    /// when they do not count).
    pub against_all: Option<Counted>,
    /// The invalid ballots when they count in the base (ballots cast), with their share.
    pub invalid: Option<Counted>,
}

/// Votes that count in the threshold base without being a list's: their number, when known,
/// and their share of the base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    pub votes: Option<u64>,
    pub share: String,
}

/// A source of an election's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLink {
    /// A public page's address, or a note kept with the dataset (`notes/…`).
    pub url: String,
    pub publisher: String,
    pub description: String,
}

impl SourceLink {
    /// Whether the address is a public web page (else a note kept with the dataset).
    pub fn is_web_page(&self) -> bool {
        self.url.starts_with("https://") || self.url.starts_with("http://")
    }
}

/// A discrepancy of an election's figures, for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscrepancyLine {
    /// What it is about: `Ak Zhol: published list seats`, `valid ballots`.
    pub about: String,
    pub value: String,
    /// The source's publisher.
    pub source: String,
    /// Whether the tables (and so the recomputation) use this value.
    pub in_tables: bool,
    pub note: String,
}

impl ListLine {
    /// The share as shown: `78.63 %`, or `78.6 % (printed)` when only a printed share is known.
    pub fn share_text(&self) -> String {
        match (&self.share, self.share_printed) {
            (Some(share), false) => format!("{share} %"),
            (Some(share), true) => format!("{share} % (printed)"),
            (None, _) => String::new(),
        }
    }

    /// The recomputed seats, or `—`.
    pub fn recomputed_text(&self) -> String {
        text::seats(self.recomputed)
    }

    /// The published seats (`4 or 15` when sources disagree), or `—`.
    pub fn published_text(&self) -> String {
        text::seat_alternatives(&self.published)
    }

    /// Whether the recomputed seats are none of the published ones (both known).
    pub fn differs(&self) -> bool {
        seats_differ(self.recomputed, &self.published)
    }

    /// How the list fared at the threshold: `passed`, `runner-up, admitted`, `below`; empty
    /// when not recomputed.
    pub fn status_text(&self) -> &'static str {
        match self.status {
            Some(ListStatus::Qualified) => "passed",
            Some(ListStatus::RunnerUp) => "runner-up, admitted",
            Some(ListStatus::BelowThreshold) => "below",
            None => "",
        }
    }

    /// The votes that win the list one more seat: `+1 234`, or `—`.
    pub fn gain_text(&self) -> String {
        let mut out = String::new();
        self.push_gain_text(&mut out);
        out
    }

    /// [`ListLine::gain_text`] appended to `out`.
    pub fn push_gain_text(&self, out: &mut String) {
        match self.gain {
            Some(votes) => {
                out.push('+');
                text::push_grouped(out, votes);
            }
            None => out.push('—'),
        }
    }

    /// The votes that cost the list a seat: `−1 715` (the phrasing of the CLI's margins),
    /// `no seat to lose`, or `—` when no loss of votes does.
    pub fn loss_text(&self) -> String {
        let mut out = String::new();
        self.push_loss_text(&mut out);
        out
    }

    /// [`ListLine::loss_text`] appended to `out`.
    pub fn push_loss_text(&self, out: &mut String) {
        match (self.loss, self.recomputed) {
            (Some(votes), _) => {
                out.push('−');
                text::push_grouped(out, votes);
            }
            (None, Some(0)) => out.push_str("no seat to lose"),
            (None, _) => out.push('—'),
        }
    }
}

/// Whether `recomputed` seats are none of the `published` ones, both being known.
pub(crate) fn seats_differ(recomputed: Option<u32>, published: &[u32]) -> bool {
    matches!(recomputed, Some(n) if !published.is_empty() && !published.contains(&n))
}

/// One point of an election's margins, as a sentence.
#[cfg(test)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MarginPoint {
    pub text: String,
    /// A note of the margin search, shown less prominently.
    pub note: bool,
}

/// One row of a what-if table, as text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WhatIfRow<'a> {
    /// The method or the threshold.
    pub label: &'a str,
    /// The seats per list, the Gallagher index and the wasted votes; or why there is no
    /// allocation.
    pub cells: Result<WhatIfCells<'a>, &'a str>,
}

/// The cells of a what-if row with an allocation.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WhatIfCells<'a> {
    pub(crate) seats: &'a [u32],
    pub(crate) gallagher: f64,
    pub(crate) wasted_votes: u64,
}

impl WhatIfCells<'_> {
    /// Hands each cell's text to `cell`, in order: the seats per list, the Gallagher index
    /// (2 decimals) and the wasted votes (grouped). One buffer serves every cell. The
    /// reference of [`WhatIfCells::write_to`], which the pages use.
    #[cfg(test)]
    pub(crate) fn each(&self, mut cell: impl FnMut(&str)) {
        let mut text = String::with_capacity(24);
        for seats in self.seats {
            text.clear();
            text.push_str(itoa::Buffer::new().format(*seats));
            cell(&text);
        }
        text.clear();
        if self.gallagher.is_finite() {
            crate::decimal::Fixed(self.gallagher, 2).push_to(&mut text);
        }
        cell(&text);
        text.clear();
        text::push_grouped(&mut text, self.wasted_votes);
        cell(&text);
    }
}

impl<'a> WhatIfCells<'a> {
    /// Whether `self` and `other` show the same text: the same seats, the same Gallagher index
    /// bit for bit (`-0.0` and `0.0` print differently) and the same wasted votes.
    pub(crate) fn same_text(&self, other: &WhatIfCells<'_>) -> bool {
        self.seats == other.seats
            && self.gallagher.to_bits() == other.gallagher.to_bits()
            && self.wasted_votes == other.wasted_votes
    }

    /// Appends every cell to `out` as `before`, the cell's text, `after` (the text of
    /// [`WhatIfCells::each`], none of which XML or Markdown escaping changes: digits, `.`, `-`
    /// and the narrow no-break space). `written` holds the cells appended to `out` before by
    /// this writer with the same `before` and `after`, and where: a row that shows the same text
    /// as one of them (sweeps often give several methods or thresholds the same seats) is a copy
    /// of it.
    pub(crate) fn write_to(&self, out: &mut String, before: &str, after: &str, written: &mut WrittenCells<'a>) {
        if let Some((_, range)) =
            written.0.iter().find(|(cells, range)| cells.same_text(self) && range.end <= out.len())
        {
            out.extend_from_within(range.clone());
            return;
        }
        let start = out.len();
        // Between two cells: `after` then `before`, joined once.
        let between = &mut written.1;
        if between.len() != after.len() + before.len() || !between.starts_with(after) || !between.ends_with(before) {
            between.clear();
            between.push_str(after);
            between.push_str(before);
        }
        let mut integers = itoa::Buffer::new();
        out.push_str(before);
        for seats in self.seats {
            match u8::try_from(*seats) {
                // Most cells are a seat count of one digit.
                Ok(digit @ 0..=9) => out.push(char::from(b'0' + digit)),
                _ => out.push_str(integers.format(*seats)),
            }
            out.push_str(between);
        }
        if self.gallagher.is_finite() {
            crate::decimal::Fixed(self.gallagher, 2).push_to(out);
        }
        out.push_str(between);
        text::push_grouped(out, self.wasted_votes);
        out.push_str(after);
        // A few distinct rows per table: the search stays short.
        if written.0.len() < MAX_WRITTEN_ROWS {
            written.0.push((self.clone(), start..out.len()));
        }
    }
}

/// The most distinct rows [`WrittenCells`] holds (a sweep's tables have a few dozen rows).
const MAX_WRITTEN_ROWS: usize = 32;

/// The what-if cells already written into one text, and where (see [`WhatIfCells::write_to`]);
/// and the text between two cells as last written.
#[derive(Debug, Default)]
pub(crate) struct WrittenCells<'a>(Vec<(WhatIfCells<'a>, std::ops::Range<usize>)>, String);

impl<'a> WhatIfRow<'a> {
    /// The text of `row`, labelled by its method (`by_method`) or its threshold.
    pub(crate) fn of(row: &'a SweepRow, by_method: bool) -> WhatIfRow<'a> {
        let label = if by_method { &row.method } else { &row.threshold };
        let cells = match (&row.seats, &row.indices) {
            (Some(seats), Some(ix)) => {
                Ok(WhatIfCells { seats, gallagher: ix.gallagher, wasted_votes: ix.wasted_votes })
            }
            _ => Err(row.error.as_deref().unwrap_or("no allocation")),
        };
        WhatIfRow { label, cells }
    }
}

impl ElectionReport {
    /// The seats for people: `21 by list, of 42 (the others in single-member districts)`,
    /// `30, all by list`, `not known`.
    pub fn seats_text(&self) -> String {
        match (self.list_seats, self.total_seats, self.mixed) {
            (Some(list), Some(total), true) => {
                format!("{list} by list, of {total} (the others in single-member districts)")
            }
            (Some(list), None, true) => format!("{list} by list (district seats not known)"),
            (Some(list), _, false) => format!("{list}, all by list"),
            (None, _, _) => "not known".to_owned(),
        }
    }

    /// The margins as sentences: the closest call (or why there is none), the seats decided by
    /// a tie or a narrow margin (or that there are none), then the notes of the margin search.
    /// The pages write them by [`ElectionReport::each_margin_point`]; this is the reference
    /// (kept with the pages' references).
    #[cfg(test)]
    pub(crate) fn margin_points(&self) -> Vec<MarginPoint> {
        let point = |text: String| MarginPoint { text, note: false };
        let mut points = vec![point(match (&self.closest, &self.margins_error) {
            (Some(closest), _) => format!("Closest call: {}.", closest.text),
            (None, Some(error)) => format!("Margins could not be computed: {error}."),
            (None, None) => "No move of ballots between lists changes any seat.".to_owned(),
        })];
        if self.seat_notes.is_empty() && self.margins_error.is_none() {
            points.push(point(
                "No seat was settled by a tie or decided by fewer votes than 1 % of the quota.".to_owned(),
            ));
        }
        points.extend(self.seat_notes.iter().map(|note| point(format!("{}.", text::sentence(note)))));
        points.extend(
            self.margin_notes.iter().map(|note| MarginPoint { text: format!("{}.", text::sentence(note)), note: true }),
        );
        points
    }

    /// Hands [`ElectionReport::margin_points`] to `point` in order, each as its pieces (the
    /// point's text is their concatenation) and whether it is a note: no string but a note's
    /// capitalised text. Escaping goes character by character, so the pieces escaped one after
    /// the other read as the text escaped whole.
    pub(crate) fn each_margin_point(&self, mut point: impl FnMut([&str; 3], bool)) {
        match (&self.closest, &self.margins_error) {
            (Some(closest), _) => point(["Closest call: ", &closest.text, "."], false),
            (None, Some(error)) => point(["Margins could not be computed: ", error, "."], false),
            (None, None) => point(["No move of ballots between lists changes any seat.", "", ""], false),
        }
        if self.seat_notes.is_empty() && self.margins_error.is_none() {
            point(["No seat was settled by a tie or decided by fewer votes than 1 % of the quota.", "", ""], false);
        }
        for note in &self.seat_notes {
            point(["", &text::sentence(note), "."], false);
        }
        for note in &self.margin_notes {
            point(["", &text::sentence(note), "."], true);
        }
    }
}

/// The disproportionality indices for people, as `(term, value)` pairs.
pub(crate) fn index_facts(ix: &Indices) -> [(&'static str, String); 4] {
    // Each value pushed into its own string (no formatter): `fixed` gives the empty text for a
    // value not finite, as `text::fixed` does.
    let fixed = |out: &mut String, value: f64| {
        if value.is_finite() {
            crate::decimal::Fixed(value, 2).push_to(out);
        }
    };
    let mut enp = String::with_capacity(32);
    fixed(&mut enp, ix.enp_votes);
    enp.push_str(" by votes, ");
    fixed(&mut enp, ix.enp_seats);
    enp.push_str(" by seats");
    let mut wasted = String::with_capacity(80);
    text::push_grouped(&mut wasted, ix.wasted_votes);
    wasted.push_str(" (");
    fixed(&mut wasted, ix.wasted_percent);
    wasted.push_str(" % of the threshold base), for lists below the threshold");
    [
        ("Gallagher", text::fixed(ix.gallagher, 2)),
        ("Loosemore–Hanby", text::fixed(ix.loosemore_hanby, 2)),
        ("Effective number of parties", enp),
        ("Wasted votes", wasted),
    ]
}
