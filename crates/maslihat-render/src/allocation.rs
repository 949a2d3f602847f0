//! One allocation (or an analysis of one) as the documents a program reads: the stable JSON
//! documents `maslihat.allocation/1`, `maslihat.margins/1`, `maslihat.sweep/1` and
//! `maslihat.projection/1` (documented in docs/json.md), the CSV of the seats, and the
//! parliament diagram of an allocation. The CLI prints them; the web server answers with them.

use maslihat_analysis::{Figure, Margins, OutcomeSet, Projection, SweepRow, margins};
use maslihat_apportion::{
    AllocError, Allocation, Bound, ListDetail, ListLimits, ListStatus, Procedure, QuotaRounding, Ratio, Rules,
    SeatLimits, Tally, Tie,
};
use serde::Serialize;

use crate::hemicycle::LayoutOptions;
use crate::report::diagram::palette_colour;
use crate::report::{DiagramList, allocation_diagram};
use crate::svg::parliament_svg;
use crate::text::csv_text;

/// The stable JSON document of one allocation (`maslihat.allocation/1`).
#[derive(Debug, Serialize)]
pub struct AllocationDoc<'a> {
    pub schema: &'static str,
    pub seats: u32,
    pub method: String,
    pub rules: RulesDoc,
    /// The threshold base in votes (a string: it may exceed 2^53).
    pub base_votes: String,
    pub threshold_votes: String,
    pub against_all: u64,
    pub invalid: u64,
    pub parties: Vec<PartyDoc<'a>>,
    pub ties: Vec<TieDoc<'a>>,
    pub runner_up: Option<RunnerUpDoc<'a>>,
    pub procedure: &'a Procedure,
    /// Lists held at a seat restriction, in order (absent when none was).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub bounds: Vec<BoundDoc<'a>>,
    /// The majority clause, when it moved a seat.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub majority: Option<MajorityDoc<'a>>,
    pub notes: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// The paradox and quota checks, with `--check-paradoxes`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paradoxes: Option<&'a maslihat_analysis::ParadoxReport>,
}

#[derive(Debug, Serialize)]
pub struct RulesDoc {
    pub preset: Option<String>,
    pub method: String,
    pub threshold: String,
    pub threshold_base: &'static str,
    pub tie_break: String,
    pub runner_up: Option<&'static str>,
    /// Uniform restrictions and base seats (absent when none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seat_limits: Option<SeatLimits>,
    /// `down`, `up` or `nearest` (absent for the exact quota).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quota_rounding: Option<&'static str>,
    /// The remainder threshold as a share of the quota, e.g. `75%` (absent when none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remainder_threshold: Option<String>,
    /// Present and true when the majority clause applies.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub majority_clause: bool,
}

/// A list held at a restriction.
#[derive(Debug, Serialize)]
pub struct BoundDoc<'a> {
    pub party: &'a str,
    pub bound: Bound,
    pub seats: u32,
}

/// The majority clause as applied.
#[derive(Debug, Serialize)]
pub struct MajorityDoc<'a> {
    pub party: &'a str,
    pub from: &'a str,
}

#[derive(Debug, Serialize)]
pub struct PartyDoc<'a> {
    pub party: &'a str,
    pub votes: u64,
    pub share: Ratio,
    pub qualified: bool,
    pub status: ListStatus,
    pub seats: u32,
    /// The list's own `min`, `max`, `base` and `exempt` (absent when it has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limits: Option<ListLimits>,
    #[serde(flatten)]
    pub detail: &'a ListDetail,
}

#[derive(Debug, Serialize)]
pub struct TieDoc<'a> {
    pub stage: maslihat_apportion::TieStage,
    pub parties: Vec<&'a str>,
    pub seats_in_contention: u32,
    pub winners: Vec<&'a str>,
    pub policy: String,
    pub draw: Option<Vec<&'a str>>,
}

#[derive(Debug, Serialize)]
pub struct RunnerUpDoc<'a> {
    pub reading: &'static str,
    pub leader: &'a str,
    pub runner_up: Option<&'a str>,
    pub seats_moved: u32,
}

/// Names the lists of a tie.
pub fn tie_doc<'a>(tie: &Tie, names: &'a [String]) -> TieDoc<'a> {
    let name = |i: &usize| names[*i].as_str();
    TieDoc {
        stage: tie.stage,
        parties: tie.lists.iter().map(name).collect(),
        seats_in_contention: tie.seats_in_contention,
        winners: tie.winners.iter().map(name).collect(),
        policy: tie.policy.name(),
        draw: tie.draw.as_ref().map(|draw| draw.iter().map(name).collect()),
    }
}

/// An allocation error in words, naming the lists (`name(i)` names list `i`): the sentence the
/// CLI and the Python package show after their own context. An unresolved tie is described as
/// unresolved; the hint on how to settle it is the caller's (its options have their own names).
pub fn alloc_error_text(err: &AllocError, name: impl Fn(usize) -> String) -> String {
    match err {
        AllocError::UnresolvedTie(tie) => tie.describe_unresolved(&name),
        AllocError::NoListPasses { threshold, largest, share, base } => format!(
            "no lawful allocation: no list reached the threshold of {threshold}; the largest, {}, has {share} % of \
             the {base}",
            name(largest.saturating_sub(1))
        ),
        other => other.to_string(),
    }
}

/// The JSON document of `allocation` with `names` for the lists.
pub fn allocation_doc<'a>(
    allocation: &'a Allocation,
    names: &'a [String],
    preset: Option<String>,
    explanation: Option<String>,
) -> AllocationDoc<'a> {
    let rules = &allocation.rules;
    AllocationDoc {
        schema: "maslihat.allocation/1",
        seats: allocation.house_size,
        method: rules.method.name(),
        rules: RulesDoc {
            preset,
            method: rules.method.name(),
            threshold: rules.threshold.to_string(),
            threshold_base: rules.threshold_base.name(),
            tie_break: rules.tie_policy.name(),
            runner_up: rules.runner_up.map(|r| r.name()),
            seat_limits: (rules.seat_limits != SeatLimits::NONE).then_some(rules.seat_limits),
            quota_rounding: (rules.quota_rounding != QuotaRounding::Exact).then(|| rules.quota_rounding.name()),
            remainder_threshold: rules.remainder_threshold.map(|share| format!("{}%", share.per_cent_text())),
            majority_clause: rules.majority_clause,
        },
        base_votes: allocation.base_votes.to_string(),
        threshold_votes: allocation.threshold_votes.to_string(),
        against_all: allocation.against_all,
        invalid: allocation.invalid,
        parties: allocation
            .lists
            .iter()
            .zip(names)
            .enumerate()
            .map(|(i, (list, name))| PartyDoc {
                party: name,
                votes: list.votes,
                share: list.share,
                qualified: list.status != ListStatus::BelowThreshold,
                status: list.status,
                seats: list.seats,
                limits: allocation.list_limits.get(i).copied().filter(|limits| !limits.is_none()),
                detail: &list.detail,
            })
            .collect(),
        ties: allocation.ties.iter().map(|tie| tie_doc(tie, names)).collect(),
        runner_up: allocation.runner_up.as_ref().map(|applied| RunnerUpDoc {
            reading: applied.reading.name(),
            leader: &names[applied.leader],
            runner_up: applied.runner_up.map(|i| names[i].as_str()),
            seats_moved: applied.seats_moved,
        }),
        procedure: &allocation.procedure,
        bounds: allocation
            .bounds
            .iter()
            .map(|b| BoundDoc { party: names[b.list].as_str(), bound: b.bound, seats: b.seats })
            .collect(),
        majority: allocation
            .majority
            .as_ref()
            .map(|m| MajorityDoc { party: names[m.list].as_str(), from: names[m.from].as_str() }),
        notes: &allocation.notes,
        explanation,
        paradoxes: None,
    }
}

/// The result as CSV: `party,votes,share_percent,qualified,seats`.
pub fn allocation_csv(allocation: &Allocation, names: &[String]) -> String {
    let header = ["party", "votes", "share_percent", "qualified", "seats"].map(str::to_owned);
    let lines = allocation.lists.iter().zip(names).map(|(list, name)| {
        [
            name.clone(),
            list.votes.to_string(),
            list.share.percent(4),
            if list.status == ListStatus::BelowThreshold { "false" } else { "true" }.to_owned(),
            list.seats.to_string(),
        ]
    });
    csv_text(std::iter::once(header).chain(lines))
}

/// `maslihat.margins/1`: the vote margins of every list and of the composition.
#[derive(Debug, Serialize)]
pub struct MarginsDoc<'a> {
    pub schema: &'static str,
    pub parties: &'a [String],
    pub margins: &'a Margins,
}

impl<'a> MarginsDoc<'a> {
    pub fn new(parties: &'a [String], margins: &'a Margins) -> MarginsDoc<'a> {
        MarginsDoc { schema: "maslihat.margins/1", parties, margins }
    }
}

/// `maslihat.sweep/1`: one election under every method × threshold × house size.
#[derive(Debug, Serialize)]
pub struct SweepDoc<'a> {
    pub schema: &'static str,
    pub parties: &'a [String],
    pub scenarios: &'a [SweepRow],
}

impl<'a> SweepDoc<'a> {
    pub fn new(parties: &'a [String], scenarios: &'a [SweepRow]) -> SweepDoc<'a> {
        SweepDoc { schema: "maslihat.sweep/1", parties, scenarios }
    }
}

/// `maslihat.projection/1`: seat projections from poll shares.
#[derive(Debug, Serialize)]
pub struct ProjectionDoc<'a> {
    pub schema: &'static str,
    pub parties: &'a [String],
    pub projection: &'a Projection,
}

impl<'a> ProjectionDoc<'a> {
    pub fn new(parties: &'a [String], projection: &'a Projection) -> ProjectionDoc<'a> {
        ProjectionDoc { schema: "maslihat.projection/1", parties, projection }
    }
}

/// The allocation as an SVG hemicycle, parties left to right in registration order, seats
/// decided by a tie or a margin under 1 % of a quota marked.
pub fn allocation_svg(allocation: &Allocation, tally: &Tally, rules: &Rules, names: &[String], title: &str) -> String {
    let lists: Vec<DiagramList> = names
        .iter()
        .enumerate()
        .map(|(i, name)| DiagramList { name: name.clone(), short: String::new(), colour: palette_colour(i).to_owned() })
        .collect();
    let found = margins(tally, allocation.house_size, rules).ok();
    parliament_svg(&allocation_diagram(title, allocation, &lists, found.as_ref()), &LayoutOptions::default())
}

/// What a margin's outcome does, in words: "Ak Zhol 3→2, Auyl 3→4" (with "(settled by a tie)"
/// when a tie decides it).
pub fn outcome_text(outcome: &maslihat_analysis::Outcome, names: &[String]) -> String {
    if let Some(error) = &outcome.error {
        return format!("no lawful allocation ({error})");
    }
    let changes: Vec<String> =
        outcome.changes.iter().map(|c| format!("{} {}→{}", names[c.list], c.before, c.after)).collect();
    let tie = if outcome.tie { " (settled by a tie)" } else { "" };
    format!("{}{tie}", changes.join(", "))
}

/// `maslihat.outcomes/1`: the outcome set of a table of uncertain figures.
#[derive(Debug, Serialize)]
pub struct OutcomesDoc<'a> {
    pub schema: &'static str,
    pub seats: u32,
    pub method: String,
    pub threshold: String,
    pub tie_break: String,
    pub parties: Vec<OutcomePartyDoc<'a>>,
    pub determined: bool,
    pub outcomes: Vec<OutcomeDoc<'a>>,
}

#[derive(Debug, Serialize)]
pub struct OutcomePartyDoc<'a> {
    pub party: &'a str,
    pub votes: String,
    pub seats_min: Option<u32>,
    pub seats_max: Option<u32>,
}

#[derive(Debug, Serialize)]
pub struct OutcomeDoc<'a> {
    pub seats: &'a [u32],
    pub example_votes: &'a [u64],
    pub through_tie: bool,
}

/// The document of `set`, the outcomes of the lists `names` with the figures `figures`.
pub fn outcomes_doc<'a>(
    names: &'a [String],
    figures: &[Figure],
    set: &'a OutcomeSet,
    house: u32,
    rules: &Rules,
) -> OutcomesDoc<'a> {
    let ranges = set.seat_ranges();
    OutcomesDoc {
        schema: "maslihat.outcomes/1",
        seats: house,
        method: rules.method.to_string(),
        threshold: rules.threshold.to_string(),
        tie_break: rules.tie_policy.to_string(),
        parties: names
            .iter()
            .zip(figures)
            .enumerate()
            .map(|(i, (name, figure))| OutcomePartyDoc {
                party: name,
                votes: figure.to_string(),
                seats_min: ranges.as_ref().map(|r| r[i].0),
                seats_max: ranges.as_ref().map(|r| r[i].1),
            })
            .collect(),
        determined: set.determined(),
        outcomes: set
            .outcomes
            .iter()
            .map(|o| OutcomeDoc { seats: &o.seats, example_votes: &o.example_votes, through_tie: o.through_tie })
            .collect(),
    }
}
