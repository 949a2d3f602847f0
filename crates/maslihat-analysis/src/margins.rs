//! Vote margins: the fewest votes a list needs to win one more seat or can lose before it
//! gives one up, and the fewest ballots that, moved from one list to another, change the
//! composition. Exact for every method, threshold and rule set of the core.
//!
//! The search is described in `search.rs`: largest-remainder methods step from one point where
//! any quantity the allocation depends on changes sign to the next, divisor methods bisect
//! within the stretches where the set of participating lists is fixed. Every reported margin
//! is then re-checked with the core's [`maslihat_apportion::Apportioner`] (the seats, ties
//! and errors of [`maslihat_apportion::allocate`]) at `k` and at `k − 1`; at `k` the
//! search's own allocation of that count is used when it was the search's last.
//!
//! What "votes" mean here:
//! - a **gain** adds votes to one list, the others keep theirs, so the threshold base grows
//!   and other lists may fall below the threshold; a list below the threshold gains by passing
//!   it and winning a seat;
//! - a **loss** removes votes from one list (to abstention), so the base shrinks;
//! - a **move** takes ballots from one list and gives them to another, so the base is
//!   unchanged; the election's margin is the smallest move over all ordered pairs of lists.
//!   "Against all" and invalid ballots stay as they are.

use maslihat_apportion::{AllocError, Apportioner, Rules, Tally, TiePolicy};
use serde::Serialize;

use crate::error::AnalysisError;
use crate::move_bound::MoveBounds;
use crate::search::{Change, Searcher};

/// The margins of one election.
#[derive(Debug, Clone, Serialize)]
pub struct Margins {
    pub house_size: u32,
    /// The observed seats, in registration order.
    pub seats: Vec<u32>,
    /// The tie policy the search used: the rules' own, or `registration` in place of `lot`
    /// and `error` (see `notes`).
    pub tie_policy: TiePolicy,
    pub notes: Vec<String>,
    /// Each list's margins, in registration order.
    pub lists: Vec<ListMargin>,
    /// The margin of the composition; absent when no move between lists changes any seat.
    pub election: Option<Move>,
}

/// One list's margins.
#[derive(Debug, Clone, Serialize)]
pub struct ListMargin {
    pub list: usize,
    pub votes: u64,
    pub seats: u32,
    /// The fewest extra votes that give the list at least one more seat, the other lists'
    /// votes unchanged; absent when no number of votes does (it holds every seat it can).
    pub gain: Option<Shift>,
    /// The fewest lost votes that cost the list at least one seat; absent without seats to
    /// lose or when even losing every vote keeps them.
    pub loss: Option<Shift>,
}

/// A number of votes gained or lost, and what it does.
#[derive(Debug, Clone, Serialize)]
pub struct Shift {
    pub votes: u64,
    pub outcome: Outcome,
}

/// Ballots moved from one list to another, and what they do.
#[derive(Debug, Clone, Serialize)]
pub struct Move {
    pub from: usize,
    pub to: usize,
    pub ballots: u64,
    pub outcome: Outcome,
}

/// The allocation after a change.
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    /// The seats after the change; absent when no lawful allocation is left.
    pub seats: Option<Vec<u32>>,
    /// Every list whose seats changed (a list losing its seat to the list that gained it,
    /// or several when a threshold is crossed).
    pub changes: Vec<SeatChange>,
    /// The allocation after the change met a tie, settled by the tie policy: under another
    /// policy the same change might need one vote more.
    pub tie: bool,
    /// Why no allocation is left, when none is.
    pub error: Option<String>,
}

/// A list's seats before and after a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SeatChange {
    pub list: usize,
    pub before: u32,
    pub after: u32,
}

/// The most lists [`margins`] examines: the election margin tries pairs of lists, so its cost
/// grows with the square of the lists (docs/performance.md); more is [`AnalysisError::Invalid`].
pub const MAX_MARGIN_LISTS: usize = 500;

/// Computes every list's gain and loss margins and the election's margin.
///
/// Errors when the election has more than [`MAX_MARGIN_LISTS`] lists, when the observed
/// allocation itself fails (an unresolved tie under the `error` policy included), when a lot
/// settled a tie at the observed votes differently from registration order, or when the
/// numbers exceed the exact arithmetic of the search (products beyond 127 bits).
pub fn margins(tally: &Tally, house: u32, rules: &Rules) -> Result<Margins, AnalysisError> {
    if tally.votes().len() > MAX_MARGIN_LISTS {
        return Err(AnalysisError::invalid("lists", "at most 500 for margins", tally.votes().len()));
    }
    if rules.has_refinements() || !tally.limits().is_empty() {
        // The event search follows quotas and claims as the plain methods form them.
        return Err(AnalysisError::Unsupported {
            analysis: "vote margins",
            what: "seat restrictions, base seats, exemptions, a rounded quota, a remainder threshold or the majority \
                   clause",
        });
    }
    // The observed allocation under the rules as given: an unresolved tie stops here.
    // The core's `Apportioner` gives the seats and errors of `allocate`, without building
    // an explanation.
    // When the search keeps the rules' own tie policy, the searcher's first allocation is
    // that very call (same votes, house and rules), so it is not made twice.
    let (search_rules, notes) = search_rules(rules);
    let observed = match search_rules == *rules {
        true => None,
        false => Some(Apportioner::new().seats(tally, house, rules)?.to_vec()),
    };
    let votes = tally.votes();
    let mut searcher = Searcher::new(votes, tally.against_all(), tally.invalid(), house, &search_rules)?;
    let seats = searcher.start().to_vec();
    if observed.is_some_and(|observed| seats != observed) {
        return Err(AnalysisError::TieAtStart { policy: rules.tie_policy.to_string() });
    }
    let mut verify = Verifier::new(tally, house, &search_rules, &seats);
    let mut lists = Vec::with_capacity(votes.len());
    for (i, &v) in votes.iter().enumerate() {
        let gain = match searcher.first(Change::Gain(i), u64::MAX)? {
            Some(k) => Some(Shift { votes: k, outcome: verify.outcome(&searcher, Change::Gain(i), k)? }),
            None => None,
        };
        let loss = match searcher.first(Change::Loss(i), u64::MAX)? {
            Some(k) => Some(Shift { votes: k, outcome: verify.outcome(&searcher, Change::Loss(i), k)? }),
            None => None,
        };
        lists.push(ListMargin { list: i, votes: v, seats: seats[i], gain, loss });
    }
    let bounds = MoveBounds::of(votes, &seats, searcher.start_status(), searcher.base(), house, &search_rules);
    let election = election_margin(&mut searcher, &lists, bounds.as_ref())?;
    let election = match election {
        Some((k, from, to)) => {
            let change = Change::Move { from, to };
            Some(Move { from, to, ballots: k, outcome: verify.outcome(&searcher, change, k)? })
        }
        None => None,
    };
    Ok(Margins { house_size: house, seats, tie_policy: search_rules.tie_policy, notes, lists, election })
}

/// The rules the search uses: a lot or a stop at ties has no fixed order, so registration
/// order stands in.
fn search_rules(rules: &Rules) -> (Rules, Vec<String>) {
    let mut notes = Vec::new();
    let mut search = rules.clone();
    if matches!(rules.tie_policy, TiePolicy::Lot(_) | TiePolicy::Error) {
        search.tie_policy = TiePolicy::Registration;
        notes.push(format!(
            "the rules settle ties by {}; margins assume ties go to the list registered earlier, so a margin \
             whose seat is settled by a tie lands on an exact tie that the real policy might settle the other way",
            rules.tie_policy
        ));
    }
    (search, notes)
}

/// The smallest move over all ordered pairs; equal moves go to the smallest `(from, to)`.
///
/// Each pair has a lower bound on its move ([`MoveBounds`], 1 when there is none); the pairs
/// are tried by increasing bound (then by their own margins, small first), so that the search
/// stops at the first pair whose bound exceeds the best move found: no later pair can beat it.
/// A pair whose bound equals the best move is searched only when it would win the tie.
pub(crate) fn election_margin(
    searcher: &mut Searcher<'_>,
    lists: &[ListMargin],
    bounds: Option<&MoveBounds>,
) -> Result<Option<(u64, usize, usize)>, AnalysisError> {
    let n = lists.len();
    let mut pairs: Vec<(u64, u64, usize, usize)> = Vec::with_capacity(n * n.saturating_sub(1));
    for from in 0..n {
        if lists[from].votes == 0 {
            continue;
        }
        let loss = lists[from].loss.as_ref().map_or(u64::MAX, |s| s.votes);
        for (to, list) in lists.iter().enumerate() {
            if to != from {
                let gain = list.gain.as_ref().map_or(u64::MAX, |s| s.votes);
                let bound = bounds.map_or(1, |b| b.bound(from, to));
                pairs.push((bound, loss.min(gain), from, to));
            }
        }
    }
    pairs.sort_unstable();
    let mut best: Option<(u64, usize, usize)> = None;
    for (bound, _, from, to) in pairs {
        if let Some((bk, bf, bt)) = best {
            if bound > bk {
                break;
            }
            if bound == bk && (from, to) > (bf, bt) {
                continue;
            }
        }
        let limit = best.map_or(u64::MAX, |(k, _, _)| k);
        if let Some(k) = searcher.first(Change::Move { from, to }, limit)? {
            let better = best.is_none_or(|(bk, bf, bt)| k < bk || (k == bk && (from, to) < (bf, bt)));
            if better {
                best = Some((k, from, to));
            }
        }
    }
    Ok(best)
}

/// Re-checks a found margin with the core and describes it. The core's [`Apportioner`] gives
/// the seats, ties and errors [`maslihat_apportion::allocate`] gives, without building an
/// explanation; the votes of each count examined are refilled into one [`Tally`].
struct Verifier<'a> {
    house: u32,
    rules: &'a Rules,
    start: &'a [u32],
    apportioner: Apportioner,
    /// The votes of the count being checked, with the observed "against all" and invalid.
    scratch: Tally,
}

impl<'a> Verifier<'a> {
    fn new(tally: &Tally, house: u32, rules: &'a Rules, start: &'a [u32]) -> Verifier<'a> {
        let scratch =
            Tally::new(tally.votes().to_vec()).with_against_all(tally.against_all()).with_invalid(tally.invalid());
        Verifier { house, rules, start, apportioner: Apportioner::new(), scratch }
    }

    /// Allocates the count after the change of size `k`: the seats, or the core's error.
    fn seats_at(&mut self, searcher: &Searcher<'_>, change: Change, k: u64) -> Result<&[u32], AllocError> {
        searcher.fill_votes_at(change, k, self.scratch.votes_mut());
        self.apportioner.seats(&self.scratch, self.house, self.rules)
    }

    fn allocate(&mut self, searcher: &Searcher<'_>, change: Change, k: u64) -> Outcome {
        let start = self.start;
        // The search's last count is usually the margin itself, allocated by the same core
        // call on the same votes and rules: its seats and ties are taken as they stand.
        if let Some((seats, tie)) = searcher.allocated_at(change, k) {
            return settled(start, seats.to_vec(), tie);
        }
        match self.seats_at(searcher, change, k) {
            Ok(seats) => {
                let seats = seats.to_vec();
                let tie = !self.apportioner.ties().is_empty();
                settled(start, seats, tie)
            }
            Err(error) => {
                let changes = (0..start.len())
                    .filter(|i| start[*i] > 0)
                    .map(|i| SeatChange { list: i, before: start[i], after: 0 })
                    .collect();
                Outcome { seats: None, changes, tie: false, error: Some(error.to_string()) }
            }
        }
    }

    fn outcome(&mut self, searcher: &Searcher<'_>, change: Change, k: u64) -> Result<Outcome, AnalysisError> {
        let outcome = self.allocate(searcher, change, k);
        let start = self.start;
        let achieved_at_k = achieved(start, change, outcome.seats.as_deref());
        let achieved_before = achieved(start, change, self.seats_at(searcher, change, k - 1).ok());
        if !achieved_at_k || achieved_before {
            return Err(AnalysisError::Internal(format!(
                "the search found {k} votes for {change:?}, which the core does not confirm"
            )));
        }
        Ok(outcome)
    }
}

/// The outcome of a count that has an allocation: its seats, the lists whose seats differ from
/// the observed `start`, and whether a tie settled it.
fn settled(start: &[u32], seats: Vec<u32>, tie: bool) -> Outcome {
    let changes = (0..seats.len())
        .filter(|i| seats[*i] != start[*i])
        .map(|i| SeatChange { list: i, before: start[i], after: seats[i] })
        .collect();
    Outcome { seats: Some(seats), changes, tie, error: None }
}

/// Whether seats (`None`: no lawful allocation) achieve what the change aims at, against the
/// observed `start`.
fn achieved(start: &[u32], change: Change, seats: Option<&[u32]>) -> bool {
    match (change, seats) {
        (Change::Gain(i), Some(seats)) => seats[i] > start[i],
        (Change::Gain(_), None) => false,
        (Change::Loss(i), Some(seats)) => seats[i] < start[i],
        (Change::Move { .. }, Some(seats)) => seats != start,
        (Change::Loss(_) | Change::Move { .. }, None) => true,
    }
}
