//! Parliament diagrams of an election's compositions: the published seats and the recomputed
//! ones, in the dataset's party colours, with the lists that won nothing, the majority marker, and
//! the seats decided by a tie or by a margin under 1 % of the quota marked.
//!
//! Parties are drawn left to right in the order of the dataset's `parties.csv`, so one party
//! sits in the same place in every diagram of a dataset.

use maslihat_analysis::{Margins, NarrowCause, margin_quota, narrow_seats, percent_of_quota};
use maslihat_apportion::{Allocation, ListStatus, TieStage};
use maslihat_model::body::ElectoralSystem;
use maslihat_model::{
    Affiliation, Composition, CompositionError, Dataset, Election, PartyId, Recomputation, RecomputeError, Verdict,
};

use crate::hemicycle::LayoutOptions;
use crate::svg::{Diagram, ExcludedList, FALLBACK_COLOUR, SeatGroup, SeatMark, parliament_svg};
use crate::text;

/// Colour of the seats whose holder is not known.
pub const UNKNOWN_COLOUR: &str = "#D0D0D0";

/// Which composition of an election to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// The list seats as published.
    Published,
    /// The list seats recomputed from the votes under the election's rules.
    Recomputed,
}

impl Which {
    /// `published` or `recomputed` (also the diagram's file stem in the report).
    pub fn name(self) -> &'static str {
        match self {
            Which::Published => "published",
            Which::Recomputed => "recomputed",
        }
    }
}

/// Why a composition cannot be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DiagramError {
    /// The published seats are not known well enough to draw.
    #[error("{election}: the published seats cannot be drawn: {reason}")]
    Published { election: String, reason: CompositionError },
    /// The seats cannot be recomputed.
    #[error("{election}: {reason}")]
    Recomputed { election: String, reason: RecomputeError },
}

/// How to draw one list of an allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagramList {
    pub name: String,
    /// An abbreviation shown after the name in the legend; empty for none.
    pub short: String,
    /// `#RRGGBB`; see [`palette_colour`] for lists without one.
    pub colour: String,
}

/// A seat decided by a tie or a narrow margin: the last seat of list `list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatNote {
    /// The list, by index in the allocation (registration order).
    pub list: usize,
    pub mark: SeatMark,
    /// What decided it, in words.
    pub text: String,
}

pub use crate::colour::{PALETTE, palette_colour};

/// The diagram of an allocation, lists drawn in the order given; `margins` (from
/// [`maslihat_analysis::margins`] for the same votes and rules) marks the seats decided by a
/// narrow margin, the allocation's own ties those decided by a tie.
pub fn allocation_diagram(
    title: &str,
    allocation: &Allocation,
    lists: &[DiagramList],
    margins: Option<&Margins>,
) -> Diagram {
    let names: Vec<String> = (0..allocation.lists.len())
        .map(|i| lists.get(i).map_or_else(|| format!("list {}", i + 1), |l| l.name.clone()))
        .collect();
    let notes = seat_notes(allocation, margins, &names);
    let style = |i: usize| {
        lists.get(i).cloned().unwrap_or_else(|| DiagramList {
            name: names[i].clone(),
            short: String::new(),
            colour: palette_colour(i).to_owned(),
        })
    };
    let order: Vec<usize> = (0..allocation.lists.len()).collect();
    build_recomputed(title, allocation, &order, &style, &notes)
}

/// The diagram of one composition of an election (see [`Which`]).
pub fn election_diagram(dataset: &Dataset, election: &Election, which: Which) -> Result<Diagram, DiagramError> {
    let recomputation = election.recompute();
    let names = recomputation.as_ref().map(|rc| list_names(dataset, election, rc)).unwrap_or_default();
    let notes = match &recomputation {
        Ok(rc) => {
            let margins = maslihat_analysis::margins(&rc.recount.tally, rc.recount.house, &rc.rules).ok();
            seat_notes(&rc.allocation, margins.as_ref(), &names)
        }
        Err(_) => Vec::new(),
    };
    match which {
        Which::Published => published(dataset, election, recomputation.as_ref().ok(), &notes)
            .map_err(|reason| DiagramError::Published { election: election.id.0.clone(), reason }),
        Which::Recomputed => match recomputation {
            Ok(rc) => Ok(recomputed(dataset, election, &rc, &notes)),
            Err(reason) => Err(DiagramError::Recomputed { election: election.id.0.clone(), reason }),
        },
    }
}

/// [`election_diagram`] drawn as a standalone SVG document.
pub fn election_svg(
    dataset: &Dataset,
    election: &Election,
    which: Which,
    options: &LayoutOptions,
) -> Result<String, DiagramError> {
    election_diagram(dataset, election, which).map(|diagram| parliament_svg(&diagram, options))
}

/// The labels of a recomputation's lists (tally order), as the dataset names them that year.
pub fn list_names(dataset: &Dataset, election: &Election, rc: &Recomputation) -> Vec<String> {
    rc.recount.parties.iter().map(|p| style_of(dataset, election, p).name).collect()
}

/// A party's label, abbreviation and colour in the election's year.
pub fn style_of(dataset: &Dataset, election: &Election, party: &PartyId) -> DiagramList {
    let year = Some(election.date.year());
    let found = dataset.party(party);
    DiagramList {
        name: dataset.label(&Affiliation::Party(party.clone()), year),
        short: found.and_then(|p| p.name_in(year)).map(|n| n.short.clone()).unwrap_or_default(),
        colour: found.map_or_else(|| FALLBACK_COLOUR.to_owned(), |p| p.colour.to_string()),
    }
}

/// The position of a party in the dataset (unknown parties last).
fn party_order(dataset: &Dataset, party: &PartyId) -> usize {
    dataset.parties.iter().position(|p| &p.id == party).unwrap_or(usize::MAX)
}

/// The title of a diagram: body, year, which seats; "list seats" for a mixed election, whose
/// district half is not drawn. Kept short: the diagram widens to fit its title.
pub(crate) fn title(dataset: &Dataset, election: &Election, which: Which) -> String {
    let year = election.date.year();
    let name = dataset.body(&election.body).map_or_else(|| election.body.0.clone(), |b| b.name_in(year).to_owned());
    if election.system == ElectoralSystem::Mixed {
        format!("{name} {year}: list seats, {}", which.name())
    } else {
        format!("{name} {year}: {}", which.name())
    }
}

/// The recomputed composition of an election, parties in dataset order.
pub fn recomputed(dataset: &Dataset, election: &Election, rc: &Recomputation, notes: &[SeatNote]) -> Diagram {
    let mut order: Vec<usize> = (0..rc.recount.parties.len()).collect();
    order.sort_by_key(|i| party_order(dataset, &rc.recount.parties[*i]));
    let style = |i: usize| style_of(dataset, election, &rc.recount.parties[i]);
    build_recomputed(&title(dataset, election, Which::Recomputed), &rc.allocation, &order, &style, notes)
}

fn build_recomputed(
    title: &str,
    allocation: &Allocation,
    order: &[usize],
    style: &dyn Fn(usize) -> DiagramList,
    notes: &[SeatNote],
) -> Diagram {
    let threshold = text::threshold(allocation.rules.threshold);
    let mut groups = Vec::new();
    let mut excluded = Vec::new();
    for &i in order {
        let list = &allocation.lists[i];
        let style = style(i);
        if list.seats > 0 {
            groups.push(SeatGroup {
                name: style.name,
                short_name: style.short,
                colour: style.colour,
                seats: list.seats,
                marks: marks_of(notes, i),
            });
        } else {
            excluded.push(ExcludedList { name: style.name, reason: loser_reason(allocation, i, &threshold) });
        }
    }
    Diagram { title: title.to_owned(), groups, excluded, majority_line: true }
}

/// Why a list of an allocation won nothing: `1.31 %, below 7 %`.
fn loser_reason(allocation: &Allocation, list: usize, threshold: &str) -> String {
    let result = &allocation.lists[list];
    let share = result.share.percent(2);
    match result.status {
        ListStatus::BelowThreshold => format!("{share} %, below {threshold}"),
        ListStatus::Qualified | ListStatus::RunnerUp => format!("{share} %, no seat won"),
    }
}

/// The published list seats of an election, parties in dataset order. When the recomputation
/// gives every list its published seats, its tie and margin marks are drawn too.
pub fn published(
    dataset: &Dataset,
    election: &Election,
    rc: Option<&Recomputation>,
    notes: &[SeatNote],
) -> Result<Diagram, CompositionError> {
    let composition = Composition::of_list_seats(election)?;
    let matches = rc.filter(|rc| rc.verdict == Verdict::Matches);
    let index_of = |party: &PartyId| rc.and_then(|rc| rc.recount.parties.iter().position(|p| p == party));
    let mut held: Vec<(&PartyId, u32)> = composition
        .seats
        .iter()
        .filter_map(|(who, n)| match who {
            Affiliation::Party(p) => Some((p, *n)),
            Affiliation::SelfNominated => None,
        })
        .collect();
    held.sort_by_key(|(p, _)| party_order(dataset, p));
    let mut groups: Vec<SeatGroup> = held
        .iter()
        .map(|(party, seats)| {
            let style = style_of(dataset, election, party);
            let marks = match (matches, index_of(party)) {
                (Some(_), Some(i)) => marks_of(notes, i),
                _ => Vec::new(),
            };
            SeatGroup { name: style.name, short_name: style.short, colour: style.colour, seats: *seats, marks }
        })
        .collect();
    let unknown = composition.size.saturating_sub(composition.filled());
    if unknown > 0 {
        groups.push(SeatGroup {
            name: "Not known".to_owned(),
            short_name: String::new(),
            colour: UNKNOWN_COLOUR.to_owned(),
            seats: unknown,
            marks: Vec::new(),
        });
    }
    let rules = election.rules();
    let threshold = text::threshold(rules.threshold);
    let mut losers: Vec<&PartyId> =
        election.lists().filter(|r| r.list_seats.distinct() == [&0]).filter_map(|r| r.party()).collect();
    losers.sort_by_key(|p| party_order(dataset, p));
    let excluded = losers
        .into_iter()
        .map(|party| {
            let reason = match (rc, index_of(party)) {
                (Some(rc), Some(i)) => loser_reason(&rc.allocation, i, &threshold),
                _ => printed_reason(election, party, rules.threshold, &threshold),
            };
            ExcludedList { name: style_of(dataset, election, party).name, reason }
        })
        .collect();
    Ok(Diagram { title: title(dataset, election, Which::Published), groups, excluded, majority_line: true })
}

/// Why a list without votes in the data won nothing, from its printed share.
fn printed_reason(
    election: &Election,
    party: &PartyId,
    threshold: maslihat_apportion::Threshold,
    threshold_text: &str,
) -> String {
    let printed = election.result(party).and_then(|r| r.printed_share.value().copied());
    match (printed, threshold) {
        (Some(share), maslihat_apportion::Threshold::Percent(percentage)) => {
            let (numerator, denominator) = (percentage.numerator(), percentage.denominator());
            // Below even at the top of its rounding interval: (2u + 1) / (2·10^s) < 100·n/d.
            let pow = 10u128.pow(u32::from(share.scale()));
            let top = (2 * u128::from(share.units()) + 1) * u128::from(denominator);
            let limit = 200 * u128::from(numerator) * pow;
            if top < limit {
                format!("{share} % (printed), below {threshold_text}")
            } else {
                format!("{share} % (printed), no seat won")
            }
        }
        (Some(share), _) => format!("{share} % (printed), no seat won"),
        (None, _) => "no seat won".to_owned(),
    }
}

/// The marks of list `list`'s last seat (a tie wins over a narrow margin).
fn marks_of(notes: &[SeatNote], list: usize) -> Vec<SeatMark> {
    let mut marks: Vec<SeatMark> = notes.iter().filter(|n| n.list == list).map(|n| n.mark).collect();
    marks.sort_by_key(|m| match m {
        SeatMark::Tie => 0,
        SeatMark::NarrowMargin => 1,
    });
    marks.truncate(1);
    marks
}

/// The seats decided by a tie (the allocation's own ties) or by a narrow margin (fewer votes
/// than [`maslihat_analysis::NARROW_MARGIN_PERCENT_OF_QUOTA`] % of the quota, lost by the list or gained by
/// another list, would move them), one note per reason, in list order.
pub fn seat_notes(allocation: &Allocation, margins: Option<&Margins>, names: &[String]) -> Vec<SeatNote> {
    let name = |i: usize| names.get(i).cloned().unwrap_or_else(|| format!("list {}", i + 1));
    let seats = |i: usize| allocation.lists.get(i).map_or(0, |l| l.seats);
    let mut notes = Vec::new();
    for tie in &allocation.ties {
        if tie.stage == TieStage::RunnerUp {
            continue;
        }
        for &winner in &tie.winners {
            if seats(winner) == 0 {
                continue;
            }
            let others: Vec<String> = tie.lists.iter().filter(|l| **l != winner).map(|l| name(*l)).collect();
            notes.push(SeatNote {
                list: winner,
                mark: SeatMark::Tie,
                text: format!(
                    "{}'s seat {} was settled by a tie with {} (tie policy {})",
                    name(winner),
                    seats(winner),
                    others.join(", "),
                    tie.policy
                ),
            });
        }
    }
    let Some(margins) = margins else { return sorted(notes) };
    let quota = margin_quota(allocation);
    for seat in narrow_seats(allocation, margins) {
        let percent = percent_of_quota(seat.votes, quota);
        let text = match seat.cause {
            NarrowCause::Loss => format!(
                "{} would lose seat {} with {} fewer votes ({percent} % of the quota)",
                name(seat.list),
                seat.seat,
                seat.votes
            ),
            NarrowCause::GainBy { by } => format!(
                "{} keeps seat {} unless {} gains {} votes ({percent} % of the quota)",
                name(seat.list),
                seat.seat,
                name(by),
                seat.votes
            ),
        };
        notes.push(SeatNote { list: seat.list, mark: SeatMark::NarrowMargin, text });
    }
    sorted(notes)
}

fn sorted(mut notes: Vec<SeatNote>) -> Vec<SeatNote> {
    notes.sort_by(|a, b| a.list.cmp(&b.list).then_with(|| a.text.cmp(&b.text)));
    notes.dedup();
    notes
}
