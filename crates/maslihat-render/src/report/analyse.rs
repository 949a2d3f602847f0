//! One election analysed for the report: the recomputation and its verdict, the explanation,
//! the vote margins, the disproportionality indices, the what-if tables and the diagrams.
//!
//! Pure: no I/O. Everything a page shows is decided here, so the formats only lay it out.

use maslihat_analysis::{Indices, Margins, SweepRow, indices, margins, sweep};
use maslihat_apportion::{ListStatus, Method, Threshold, explain};
use maslihat_model::body::ElectoralSystem;
use maslihat_model::election::VoteStatus;
use maslihat_model::{Dataset, Election, Recomputation, RecomputeError, Verdict};
use serde::Serialize;

use super::diagram::{self, SeatNote};
use crate::svg::Diagram;
use crate::text;

/// The thresholds of the what-if table, in whole per cent.
pub const WHAT_IF_THRESHOLDS: [u64; 5] = [0, 3, 5, 7, 10];

/// How a recomputation compares with what was published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StatusKind {
    /// Every published list seat equals the recomputed one (lists without published seats aside).
    Match,
    /// Some published list seats differ from the recomputed ones.
    Mismatch,
    /// Recomputed, but no list seats were published to compare with.
    NotPublished,
    /// The data does not allow a recomputation (the reason says why).
    CannotRecompute,
    /// The report of the election could not be made (an I/O error, a bug); never produced by
    /// [`analyse`], only by a caller that failed to write it.
    Error,
}

impl StatusKind {
    /// The name in the summary: `match`, `mismatch`, `not-published`, `cannot-recompute`, `error`.
    pub fn name(self) -> &'static str {
        match self {
            StatusKind::Match => "match",
            StatusKind::Mismatch => "mismatch",
            StatusKind::NotPublished => "not-published",
            StatusKind::CannotRecompute => "cannot-recompute",
            StatusKind::Error => "error",
        }
    }

    /// The name for people: `match`, `not published`, `cannot recompute`.
    pub fn label(self) -> &'static str {
        match self {
            StatusKind::Match => "match",
            StatusKind::Mismatch => "mismatch",
            StatusKind::NotPublished => "not published",
            StatusKind::CannotRecompute => "cannot recompute",
            StatusKind::Error => "error",
        }
    }
}

/// The status of an election with its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub kind: StatusKind,
    /// Why, in words (empty for a plain match).
    pub reason: String,
    /// For a mismatch: whether `discrepancies.csv` documents every differing list.
    pub documented: bool,
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
    /// The quota in votes per seat, as the explanation shows it.
    pub quota: Option<String>,
    pub closest: Option<Closest>,
    /// Notes of the margin search, or why it failed.
    pub margin_notes: Vec<String>,
    pub margins_error: Option<String>,
    /// The seats decided by a tie or a narrow margin.
    pub seat_notes: Vec<String>,
    pub indices: Option<Indices>,
    /// The same votes under every standard method at the election's threshold, and under the
    /// election's method at each of [`WHAT_IF_THRESHOLDS`].
    pub methods: Vec<SweepRow>,
    pub thresholds: Vec<SweepRow>,
    /// The list names heading the what-if tables' seat columns (the recomputation's order).
    pub what_if_names: Vec<String>,
    pub published: Option<Diagram>,
    /// Why the published seats are not drawn.
    pub published_missing: Option<String>,
    pub recomputed: Option<Diagram>,
}

/// Analyses one election of `dataset`; `warnings` are the loader's warnings about it, as text.
pub fn analyse(dataset: &Dataset, election: &Election, warnings: Vec<String>) -> ElectionReport {
    let year = election.date.year();
    let name = dataset.body(&election.body).map_or_else(|| election.body.0.clone(), |b| b.name_in(year).to_owned());
    let recomputation = election.recompute();
    let mut report = ElectionReport {
        id: election.id.0.clone(),
        body: election.body.0.clone(),
        name,
        year,
        date: election.date.to_string(),
        rules: election.profile.name().to_owned(),
        threshold: text::threshold(election.rules().threshold),
        mixed: election.system == ElectoralSystem::Mixed,
        list_seats: election.house().ok(),
        total_seats: election.seats(),
        vote_status: election.vote_status(),
        status: status(&recomputation),
        lists: Vec::new(),
        caveats: Vec::new(),
        warnings,
        note: election.note.clone(),
        lists_basis: election.lists_basis.clone(),
        explanation: None,
        quota: None,
        closest: None,
        margin_notes: Vec::new(),
        margins_error: None,
        seat_notes: Vec::new(),
        indices: None,
        methods: Vec::new(),
        thresholds: Vec::new(),
        what_if_names: Vec::new(),
        published: None,
        published_missing: None,
        recomputed: None,
    };
    let notes = match &recomputation {
        Ok(rc) => recomputed_parts(dataset, election, rc, &mut report),
        Err(_) => {
            report.lists = data_lists(dataset, election);
            Vec::new()
        }
    };
    match diagram::published(dataset, election, recomputation.as_ref().ok(), &notes) {
        Ok(diagram) => report.published = Some(diagram),
        Err(reason) => report.published_missing = Some(reason.to_string()),
    }
    report
}

/// Fills in everything that comes from a recomputation; returns the seat notes (tally order).
fn recomputed_parts(
    dataset: &Dataset,
    election: &Election,
    rc: &Recomputation,
    report: &mut ElectionReport,
) -> Vec<SeatNote> {
    let allocation = &rc.allocation;
    let (tally, house, rules) = (&rc.recount.tally, rc.recount.house, &rc.rules);
    let names = diagram::list_names(dataset, election, rc);
    let found = margins(tally, house, rules);
    let found_margins: Option<&Margins> = found.as_ref().ok();
    match &found {
        Ok(m) => report.margin_notes.clone_from(&m.notes),
        Err(error) => report.margins_error = Some(error.to_string()),
    }
    report.lists = rc
        .recount
        .parties
        .iter()
        .enumerate()
        .map(|(i, party)| {
            let style = diagram::style_of(dataset, election, party);
            let list = &allocation.lists[i];
            let margin = found_margins.and_then(|m| m.lists.get(i));
            ListLine {
                party: party.0.clone(),
                name: style.name,
                short: style.short,
                colour: style.colour,
                votes: Some(list.votes),
                share: Some(list.share.percent(2)),
                share_printed: false,
                status: Some(list.status),
                recomputed: Some(list.seats),
                published: rc.published.get(i).cloned().unwrap_or_default(),
                gain: margin.and_then(|m| m.gain.as_ref()).map(|s| s.votes),
                loss: margin.and_then(|m| m.loss.as_ref()).map(|s| s.votes),
            }
        })
        .collect();
    report.caveats = rc.recount.caveats.iter().map(ToString::to_string).collect();
    report.explanation = Some(explain(allocation, &names));
    let quota = diagram::quota(allocation);
    report.quota = (quota.num() > 0).then(|| quota.decimal(4));
    report.closest = found_margins.and_then(|m| m.election.as_ref()).map(|closest| {
        let changes: Vec<String> =
            closest.outcome.changes.iter().map(|c| format!("{} {} → {}", names[c.list], c.before, c.after)).collect();
        let effect = match &closest.outcome.error {
            Some(error) => format!("no allocation left ({error})"),
            None => changes.join(", "),
        };
        Closest {
            ballots: closest.ballots,
            from: rc.recount.parties[closest.from].0.clone(),
            to: rc.recount.parties[closest.to].0.clone(),
            text: format!(
                "{} ballot{} from {} to {}: {effect}",
                closest.ballots,
                if closest.ballots == 1 { "" } else { "s" },
                names[closest.from],
                names[closest.to]
            ),
        }
    });
    let notes = diagram::seat_notes(allocation, found_margins, &names);
    report.seat_notes = notes.iter().map(|n| n.text.clone()).collect();
    report.indices = Some(indices(allocation));
    report.methods = sweep(tally, &Method::all_standard(), &[rules.threshold], &[house], rules);
    let thresholds: Vec<Threshold> = WHAT_IF_THRESHOLDS.iter().filter_map(|t| Threshold::percent(*t).ok()).collect();
    report.thresholds = sweep(tally, std::slice::from_ref(&rules.method), &thresholds, &[house], rules);
    report.recomputed = Some(diagram::recomputed(dataset, election, rc, &notes));
    report.what_if_names = names;
    notes
}

/// The lists as the data gives them, for an election that cannot be recomputed.
fn data_lists(dataset: &Dataset, election: &Election) -> Vec<ListLine> {
    election
        .lists()
        .filter_map(|result| {
            let party = result.party()?;
            let style = diagram::style_of(dataset, election, party);
            let printed = result.printed_share.printed_agreement();
            let share = match printed {
                maslihat_model::Agreement::Agreed(p) => Some(p.to_string()),
                _ => None,
            };
            Some(ListLine {
                party: party.0.clone(),
                name: style.name,
                short: style.short,
                colour: style.colour,
                votes: result.votes.value().copied(),
                share_printed: share.is_some(),
                share,
                status: None,
                recomputed: None,
                published: result.list_seats.distinct().into_iter().copied().collect(),
                gain: None,
                loss: None,
            })
        })
        .collect()
}

fn status(recomputation: &Result<Recomputation, RecomputeError>) -> Status {
    let plain = |kind: StatusKind, reason: String| Status { kind, reason, documented: false };
    let rc = match recomputation {
        Ok(rc) => rc,
        Err(RecomputeError::NotRecomputable(reason)) => return plain(StatusKind::CannotRecompute, reason.to_string()),
        Err(error) => return plain(StatusKind::CannotRecompute, error.to_string()),
    };
    let lists = rc.recount.parties.len();
    match &rc.verdict {
        Verdict::Matches => plain(StatusKind::Match, String::new()),
        Verdict::PartlyPublished => {
            let published = rc.published.iter().filter(|p| !p.is_empty()).count();
            plain(StatusKind::Match, format!("seats published for {published} of {lists} lists; those match"))
        }
        Verdict::NotPublished => plain(StatusKind::NotPublished, "no list seats were published".to_owned()),
        Verdict::Differs { lists: differences, documented } => {
            let parts: Vec<String> = differences
                .iter()
                .map(|d| {
                    let published: Vec<String> = d.published.iter().map(u32::to_string).collect();
                    let known =
                        d.discrepancy.as_ref().map(|id| format!(" (known discrepancy {id})")).unwrap_or_default();
                    format!("{} published {} recomputed {}{known}", d.party, published.join(" or "), d.recomputed)
                })
                .collect();
            Status { kind: StatusKind::Mismatch, reason: parts.join("; "), documented: *documented }
        }
    }
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
        self.gain.map_or_else(|| "—".to_owned(), |votes| format!("+{}", text::grouped(votes)))
    }

    /// The most votes the list could lose and keep every seat, in words when no number does.
    pub fn could_lose_text(&self) -> String {
        match (self.loss, self.recomputed) {
            (Some(votes), _) => text::grouped(votes.saturating_sub(1)),
            (None, Some(0)) => "no seat to lose".to_owned(),
            (None, _) => "every vote".to_owned(),
        }
    }
}

/// Whether `recomputed` seats are none of the `published` ones, both being known.
pub(crate) fn seats_differ(recomputed: Option<u32>, published: &[u32]) -> bool {
    matches!(recomputed, Some(n) if !published.is_empty() && !published.contains(&n))
}

/// One point of an election's margins, as a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MarginPoint {
    pub text: String,
    /// A note of the margin search, shown less prominently.
    pub note: bool,
}

/// One row of a what-if table, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WhatIfRow<'a> {
    /// The method or the threshold.
    pub label: &'a str,
    /// The seats per list, the Gallagher index and the wasted votes; or why there is no
    /// allocation.
    pub cells: Result<Vec<String>, &'a str>,
}

impl<'a> WhatIfRow<'a> {
    /// The text of `row`, labelled by its method (`by_method`) or its threshold.
    pub(crate) fn of(row: &'a SweepRow, by_method: bool) -> WhatIfRow<'a> {
        let label = if by_method { &row.method } else { &row.threshold };
        let cells = match (&row.seats, &row.indices) {
            (Some(seats), Some(ix)) => Ok(seats
                .iter()
                .map(u32::to_string)
                .chain([text::fixed(ix.gallagher, 2), text::grouped(ix.wasted_votes)])
                .collect()),
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
    pub(crate) fn margin_points(&self) -> Vec<MarginPoint> {
        let point = |text: String| MarginPoint { text, note: false };
        let mut points = vec![point(match (&self.closest, &self.margins_error) {
            (Some(closest), _) => format!("Closest call: {}.", closest.text),
            (None, Some(error)) => format!("Margins could not be computed: {error}."),
            (None, None) => "No move of ballots between lists changes any seat.".to_owned(),
        })];
        if self.seat_notes.is_empty() && self.margins_error.is_none() {
            points.push(point("No seat was decided by a tie or by fewer votes than 1 % of the quota.".to_owned()));
        }
        points.extend(self.seat_notes.iter().map(|note| point(format!("{}.", text::sentence(note)))));
        points.extend(
            self.margin_notes.iter().map(|note| MarginPoint { text: format!("{}.", text::sentence(note)), note: true }),
        );
        points
    }
}

/// The disproportionality indices for people, as `(term, value)` pairs.
pub(crate) fn index_facts(ix: &Indices) -> [(&'static str, String); 4] {
    [
        ("Gallagher", text::fixed(ix.gallagher, 2)),
        ("Loosemore–Hanby", text::fixed(ix.loosemore_hanby, 2)),
        (
            "Effective number of parties",
            format!("{} by votes, {} by seats", text::fixed(ix.enp_votes, 2), text::fixed(ix.enp_seats, 2)),
        ),
        (
            "Wasted votes",
            format!(
                "{} ({} % of the threshold base), for lists below the threshold",
                text::grouped(ix.wasted_votes),
                text::fixed(ix.wasted_percent, 2)
            ),
        ),
    ]
}
