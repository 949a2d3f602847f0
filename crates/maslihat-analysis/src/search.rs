//! The exact search behind the margins: the first number of votes `k` at which a vote change
//! changes seats, by event stepping (largest remainder) or by segmented bisection (divisors).
//!
//! A change adds `δ_j · k` votes to each list `j` (`δ` is +1, −1 or 0): one list gaining or
//! losing votes, or `k` ballots moving from one list to another. Everything the allocation
//! depends on is the sign of a finite set of functions that are affine in `k`:
//!
//! - *configuration*: each list's threshold test `votes·den − num·base`, the base itself, the
//!   lists' votes (zero or not), and the differences of votes between lists whose votes change
//!   differently (they decide the runner-up and the `votes` tie order);
//! - *largest remainder* (for the participants of the moment): each participant's whole quotas
//!   (`w·q_den − (whole+1)·q_num` and `w·q_den − whole·q_num`), the differences between the
//!   remainder numerators of every two participants, and for Droop the step of the quota.
//!
//! Between two consecutive points where one of these signs changes, the allocation cannot
//! change. **Largest remainder** is searched by stepping from one such point to the next and
//! allocating there; this needs no monotonicity at all, and it matters: when the participants'
//! total changes (votes come from or go to a list below the threshold, or a Droop quota steps),
//! a list's seats are *not* monotone in `k` (the Alabama effect), and a bisection could miss
//! the first change.
//!
//! **Divisor methods** are bisected within each segment where the configuration is fixed.
//! There the search is monotone: the other lists' quotients do not depend on `k`, so a list
//! gaining votes can only gain seats, a list losing votes only lose them, and with a move from
//! A to B, A's seats can only fall and B's only rise while the other lists' seats are a
//! function of A's and B's (a fixed tie order: `registration` or `votes`). So once the seats
//! differ from those at the start of the segment they keep differing, and a bisection finds
//! the first difference. Across segments nothing is assumed: each segment is checked at its
//! start and its end.
//!
//! Ties under `lot` are drawn afresh at each vote count, and `error` stops at them, so those
//! policies are searched under `registration` (the margins say so).

use std::cmp::Ordering;

use maslihat_apportion::{
    AllocError, Apportioner, Divisor, ListStatus, Method, Quota, Rules, RunnerUp, SeatClaim, Tally, Threshold,
    TiePolicy,
};

use crate::error::AnalysisError;

/// The most vote counts one event-stepping search examines before giving up with
/// [`AnalysisError::TooLarge`] (only Droop over very large elections comes near).
const MAX_EVENTS: u64 = 5_000_000;

/// Up to this many participants, the search jumps over the Droop quota's steps.
const DROOP_JUMP_LISTS: usize = 64;

/// Which of the vote-order lines a step weighs (see [`Searcher::vote_order_at`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VoteOrder {
    All,
    /// Those between the runner-up and another list below the threshold.
    RunnerUp,
    /// Those between two lists below the threshold.
    BelowThreshold,
    None,
}

/// A vote change to search along.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    /// The list gains `k` votes.
    Gain(usize),
    /// The list loses `k` votes.
    Loss(usize),
    /// `k` ballots move from one list to another.
    Move { from: usize, to: usize },
}

/// `a + b·k`, exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Line {
    a: i128,
    b: i128,
}

fn too_large() -> AnalysisError {
    AnalysisError::TooLarge { context: "vote-change search" }
}

impl Line {
    fn value(self, k: u64) -> Result<i128, AnalysisError> {
        self.b.checked_mul(i128::from(k)).and_then(|bk| self.a.checked_add(bk)).ok_or_else(too_large)
    }

    fn sub(self, other: Line) -> Result<Line, AnalysisError> {
        Ok(Line {
            a: self.a.checked_sub(other.a).ok_or_else(too_large)?,
            b: self.b.checked_sub(other.b).ok_or_else(too_large)?,
        })
    }

    fn scale(self, factor: i128) -> Result<Line, AnalysisError> {
        Ok(Line {
            a: self.a.checked_mul(factor).ok_or_else(too_large)?,
            b: self.b.checked_mul(factor).ok_or_else(too_large)?,
        })
    }

    /// The first `k' > k` where the sign differs from the sign at `k`.
    fn next_change(self, k: u64) -> Result<Option<u64>, AnalysisError> {
        if self.b == 0 {
            return Ok(None);
        }
        let value = self.value(k)?;
        let steps = match (value.signum(), self.b > 0) {
            (0, _) => 1,
            (1, false) => ceil_div(value, -self.b),
            (-1, true) => ceil_div(-value, self.b),
            _ => return Ok(None),
        };
        Ok(u64::try_from(steps).ok().and_then(|s| k.checked_add(s)))
    }
}

/// `⌈num / den⌉` for `num ≥ 0` and `den > 0`; in 64 bits when both fit (the usual case: a
/// 128-bit division is a library call several times slower).
fn ceil_div(num: i128, den: i128) -> i128 {
    if let (Ok(num), Ok(den)) = (u64::try_from(num), u64::try_from(den)) {
        return i128::from(num.div_ceil(den));
    }
    num / den + i128::from(num % den != 0)
}

/// The quota as a denominator and a numerator line: affine in k for the proportional quotas;
/// for Droop constant until the quota steps, the two step lines around `total_now` pushed onto
/// `lines` unless the search jumps the steps.
fn quota_lines(
    lines: &mut Vec<Line>,
    quota: Quota,
    house: i128,
    total: Line,
    total_now: i128,
    jumps_droop_steps: bool,
) -> Result<(i128, Line), AnalysisError> {
    Ok(match quota {
        Quota::Hare => (house, total),
        Quota::HagenbachBischoff => (house + 1, total),
        Quota::Imperiali => (house + 2, total),
        Quota::Droop => {
            let step = house + 1;
            let m = total_now / step;
            if !jumps_droop_steps {
                lines.push(total.sub(Line { a: step * (m + 1), b: 0 })?);
                lines.push(total.sub(Line { a: step * m, b: 0 })?);
            }
            (1, Line { a: m + 1, b: 0 })
        }
    })
}

/// A participant's remainder line and the line where its whole quotas step, each pushed onto
/// `lines` when it moves with k.
fn push_remainder_lines(lines: &mut Vec<Line>, remainder: Line, q_num: Line) -> Result<(), AnalysisError> {
    if remainder.b != 0 {
        lines.push(remainder);
    }
    let next_whole = remainder.sub(q_num)?;
    if next_whole.b != 0 {
        lines.push(next_whole);
    }
    Ok(())
}

/// `num / den` rounded toward zero, as `i128` division gives it, in 64 bits when both fit.
fn truncating_div(num: i128, den: i128) -> i128 {
    if let (Ok(num), Ok(den)) = (i64::try_from(num), i64::try_from(den))
        && let Some(quotient) = num.checked_div(den)
    {
        return i128::from(quotient);
    }
    num / den
}

/// `observed` when the count examined last was the observed one, else `working`: the
/// apportioner that holds that count's allocation (a function of the fields, so that the
/// searcher's other fields stay free to change while it is read).
fn held<'s>(observed: &'s Apportioner, working: &'s Apportioner, at_start: bool) -> &'s Apportioner {
    if at_start { observed } else { working }
}

fn int(value: u128) -> Result<i128, AnalysisError> {
    i128::try_from(value).map_err(|_| too_large())
}

/// The searcher for one election: the observed votes, the rules searched, the seats to compare
/// with. Every vote count it examines is allocated by the core's [`Apportioner`] into one
/// reused [`Tally`].
#[derive(Debug)]
pub(crate) struct Searcher<'a> {
    votes: &'a [u64],
    against_all: u64,
    invalid: u64,
    house: u32,
    rules: Rules,
    /// The threshold base of the observed votes.
    base: u128,
    /// Allocates the counts examined (other than the observed one).
    apportioner: Apportioner,
    /// Holds the observed allocation (count 0 of every change) from the start on, so that each
    /// search begins without allocating it again.
    observed: Apportioner,
    /// The votes of the count being examined (refilled in place).
    tally: Tally,
    start: Vec<u32>,
    start_status: Vec<ListStatus>,
    /// The seats of the count examined last, when it had an allocation.
    now: Vec<u32>,
    /// The change and size of the count allocated last, when that allocation succeeded
    /// ([`Searcher::held`] holds it, `now` its seats).
    allocated: Option<(Change, u64)>,
    /// Whether the count examined last was the observed one (every change of size 0 is): then
    /// `observed`, not `apportioner`, holds its allocation (see [`Searcher::held`]).
    at_start: bool,
    lines: Vec<Line>,
    /// Where the configuration lines of the vote order begin (they run to the end of the
    /// configuration lines).
    vote_order_lines: usize,
    /// The two lists of each vote-order line, in the same order.
    vote_pairs: Vec<(usize, usize)>,
    /// Per participant of the count examined last: its remainder line and its seats beyond
    /// its whole quotas.
    remainders: Vec<(Line, i64)>,
    /// The participants (indices into `remainders`) whose remainder moves with `k`.
    moving: Vec<usize>,
    /// Per participant, like `remainders`: its weight (affine in `k`) and whole quotas.
    wholes: Vec<(Line, i128)>,
    /// Per participant: its weight (a buffer kept between counts).
    weights: Vec<Line>,
    /// The observed count's share of the remainder lines, the same for every change (see
    /// [`ObservedShares`]): built at the first search, `None` inside when it could not be.
    observed_shares: Option<Option<ObservedShares>>,
    /// Whether the remainder lines at the observed count start from `observed_shares` (always,
    /// but in the test that compares them with lines built in full).
    share_observed: bool,
    /// Under Droop, the first count past the quota's current stretch where the allocation can
    /// change (see [`Searcher::droop_jump`]).
    jump: Option<u64>,
    /// Divisor methods: the observed allocation's cut, which decides most counts without
    /// allocating (see [`DivisorCut`]).
    cut: Option<DivisorCut>,
}

impl<'a> Searcher<'a> {
    pub(crate) fn new(
        votes: &'a [u64],
        against_all: u64,
        invalid: u64,
        house: u32,
        rules: &Rules,
    ) -> Result<Searcher<'a>, AnalysisError> {
        let tally = Tally::new(votes.to_vec()).with_against_all(against_all).with_invalid(invalid);
        let mut observed = Apportioner::new();
        let start = observed.seats(&tally, house, rules)?.to_vec();
        let start_status = observed.statuses().to_vec();
        let cut = DivisorCut::of(votes, &start, &start_status, tally.base(rules.threshold_base), rules);
        Ok(Searcher {
            votes,
            against_all,
            invalid,
            house,
            rules: rules.clone(),
            base: tally.base(rules.threshold_base),
            apportioner: Apportioner::new(),
            observed,
            tally,
            now: start.clone(),
            start,
            start_status,
            allocated: None,
            at_start: true,
            lines: Vec::new(),
            vote_order_lines: 0,
            vote_pairs: Vec::new(),
            remainders: Vec::new(),
            moving: Vec::new(),
            wholes: Vec::new(),
            weights: Vec::new(),
            observed_shares: None,
            share_observed: true,
            jump: None,
            cut,
        })
    }

    pub(crate) fn start(&self) -> &[u32] {
        &self.start
    }

    /// How each list fared at the threshold in the observed allocation.
    pub(crate) fn start_status(&self) -> &[ListStatus] {
        &self.start_status
    }

    /// The threshold base of the observed votes.
    pub(crate) fn base(&self) -> u128 {
        self.base
    }

    fn rules(&self) -> &Rules {
        &self.rules
    }

    /// The apportioner holding the allocation of the count examined last.
    fn held(&self) -> &Apportioner {
        held(&self.observed, &self.apportioner, self.at_start)
    }

    fn delta(change: Change, list: usize) -> i8 {
        match change {
            Change::Gain(i) if i == list => 1,
            Change::Loss(i) if i == list => -1,
            Change::Move { from, .. } if from == list => -1,
            Change::Move { to, .. } if to == list => 1,
            _ => 0,
        }
    }

    /// The largest `k` the change can take: all of a list's votes, or for a gain a horizon
    /// beyond which a list's seats no longer change under any standard method: every other
    /// list that will ever fall below a percentage threshold has fallen, and then the list's
    /// share grows by `16·(house+2)` times the whole base more, so that its quotients beat
    /// every other list's first one under any standard divisor sequence.
    pub(crate) fn horizon(&self, change: Change) -> u64 {
        match change {
            Change::Gain(i) => {
                let base: u128 = self.votes.iter().map(|v| u128::from(*v)).sum::<u128>()
                    + u128::from(self.against_all)
                    + u128::from(self.invalid);
                let mut last_fall: u128 = 0;
                if let Threshold::Percent(percentage) = self.rules().threshold
                    && let (numerator, denominator) = (percentage.numerator(), percentage.denominator())
                    && numerator > 0
                {
                    for (j, v) in self.votes.iter().enumerate() {
                        // j fails once v·den < num·(base + x).
                        let limit = u128::from(*v).saturating_mul(u128::from(denominator)) / u128::from(numerator);
                        if j != i && limit >= base {
                            last_fall = last_fall.max(limit - base + 1);
                        }
                    }
                }
                let growth = (base + 1).saturating_mul(16 * (u128::from(self.house) + 2));
                let horizon = last_fall.saturating_add(growth);
                u64::try_from(horizon).unwrap_or(u64::MAX).min(u64::MAX - self.votes[i])
            }
            Change::Loss(i) => self.votes[i],
            Change::Move { from, to } => self.votes[from].min(u64::MAX - self.votes[to]),
        }
    }

    /// The votes after the change of size `k` (which must be within the horizon), into
    /// `votes` (cleared first).
    pub(crate) fn fill_votes_at(&self, change: Change, k: u64, votes: &mut Vec<u64>) {
        votes.clear();
        votes.extend_from_slice(self.votes);
        apply(votes, change, k);
    }

    /// Whether the change of size `k` achieves what is searched for.
    fn achieved(&mut self, change: Change, k: u64) -> Result<bool, AnalysisError> {
        if let Some(cut) = &self.cut {
            match cut.verdict(self.votes, &self.start, change, k) {
                Verdict::Unchanged => return Ok(false),
                Verdict::Changed => return Ok(true),
                Verdict::Unsure => {}
            }
        }
        Ok(self.check(change, k)?.0)
    }

    /// Allocates after the change of size `k`: whether the change achieves its aim, and whether
    /// it leaves a lawful allocation ([`Searcher::held`] then holds it). The observed count
    /// (`k = 0`) is not allocated again: `observed` holds it, and no change achieves anything
    /// there.
    fn check(&mut self, change: Change, k: u64) -> Result<(bool, bool), AnalysisError> {
        if k == 0 {
            if !self.at_start {
                self.now.clear();
                self.now.extend_from_slice(&self.start);
                self.at_start = true;
                self.allocated = None;
            }
            return Ok((false, true));
        }
        self.at_start = false;
        self.allocated = None;
        let votes = self.tally.votes_mut();
        votes.clear();
        votes.extend_from_slice(self.votes);
        apply(votes, change, k);
        match self.apportioner.seats(&self.tally, self.house, &self.rules) {
            Ok(seats) => {
                self.now.clear();
                self.now.extend_from_slice(seats);
                self.allocated = Some((change, k));
                let achieved = match change {
                    Change::Gain(i) => seats[i] > self.start[i],
                    Change::Loss(i) => seats[i] < self.start[i],
                    Change::Move { .. } => seats != self.start.as_slice(),
                };
                Ok((achieved, true))
            }
            // No lawful allocation: every list loses its seats.
            Err(AllocError::NoListPasses { .. } | AllocError::NoVotes) => {
                Ok((!matches!(change, Change::Gain(_)), false))
            }
            Err(other) => Err(AnalysisError::Allocation(other)),
        }
    }

    /// The seats of the count after the change of size `k` (`k ≥ 1`) and whether a tie
    /// settled them, when the count examined last was that one and it was allocated: the
    /// core's own allocation of it, kept, so a margin just found need not be allocated again.
    pub(crate) fn allocated_at(&self, change: Change, k: u64) -> Option<(&[u32], bool)> {
        (k > 0 && self.allocated == Some((change, k)))
            .then(|| (self.now.as_slice(), !self.apportioner.ties().is_empty()))
    }

    /// The least `k` in `1..=limit` (and within the horizon) at which the change achieves its
    /// aim: a gain wins the list a seat, a loss costs it one, a move changes any list's seats.
    pub(crate) fn first(&mut self, change: Change, limit: u64) -> Result<Option<u64>, AnalysisError> {
        let hi = self.horizon(change).min(limit);
        if hi == 0 || self.cannot_gain(change) || self.cannot_lose(change) {
            return Ok(None);
        }
        match self.rules().method {
            Method::LargestRemainder(quota) => self.step_events(change, quota, hi),
            Method::Divisor(_) => self.bisect_segments(change, hi),
        }
    }

    /// Whether a gain is impossible whatever the votes: the list holds every seat, or it is the
    /// only list above the threshold and reading (b) keeps two seats for the runner-up (more
    /// votes only push the others further down).
    fn cannot_gain(&self, change: Change) -> bool {
        let Change::Gain(i) = change else { return false };
        if self.start[i] >= self.house {
            return true;
        }
        let qualified = self.start_status.iter().filter(|s| **s == ListStatus::Qualified).count();
        let runner_up = self.start_status.contains(&ListStatus::RunnerUp);
        self.rules().runner_up == Some(RunnerUp::AdmitMinTwo)
            && runner_up
            && qualified == 1
            && self.start_status[i] == ListStatus::Qualified
            && self.start[i] + 2 == self.house
    }

    /// Whether a loss is impossible whatever the votes: the list has no seat to lose, and
    /// another list passed the threshold with votes, so some lawful allocation is always left.
    /// That list keeps its votes and its pass (the threshold base, which counts every list's
    /// votes, only shrinks; a threshold in votes does not move), so some list with votes takes
    /// part: neither "no list passes" nor "no votes". Other allocation errors cannot arise
    /// from fewer votes under the plain methods searched here. So the search could only end
    /// without a count, or stop at [`AnalysisError::TooLarge`]: which it cannot with a base
    /// below 2^48 votes (every line then stays far inside 128 bits), unless Droop steps
    /// through its quota (past [`DROOP_JUMP_LISTS`] participants) up to [`MAX_EVENTS`]; those
    /// are searched as before.
    fn cannot_lose(&self, change: Change) -> bool {
        let Change::Loss(i) = change else { return false };
        if self.base >= 1 << 48 {
            return false;
        }
        let droop_stepping = self.rules.method == Method::LargestRemainder(Quota::Droop)
            && self.start_status.iter().filter(|s| **s != ListStatus::BelowThreshold).count() > DROOP_JUMP_LISTS;
        self.start[i] == 0
            && !droop_stepping
            && self
                .start_status
                .iter()
                .zip(self.votes)
                .enumerate()
                .any(|(j, (status, votes))| j != i && *status == ListStatus::Qualified && *votes > 0)
    }

    /// The configuration lines (see the module documentation) for a change.
    fn config_lines(&mut self, change: Change) -> Result<(), AnalysisError> {
        self.lines.clear();
        let n = self.votes.len();
        let delta = |j: usize| i128::from(Searcher::delta(change, j));
        let delta_base: i128 = (0..n).map(delta).sum();
        let base = int(self.base)?;
        self.lines.push(Line { a: base, b: delta_base });
        match self.rules().threshold {
            Threshold::None => {}
            Threshold::Percent(percentage) => {
                let (num, den) = (i128::from(percentage.numerator()), i128::from(percentage.denominator()));
                for (j, v) in self.votes.iter().enumerate() {
                    let votes = Line { a: i128::from(*v), b: delta(j) };
                    let share = votes.scale(den)?.sub(Line { a: base, b: delta_base }.scale(num)?)?;
                    if share.b != 0 {
                        self.lines.push(share);
                    }
                }
            }
            Threshold::Votes { votes: needed } => {
                for (j, v) in self.votes.iter().enumerate() {
                    if delta(j) != 0 {
                        self.lines.push(Line { a: i128::from(*v) - i128::from(needed), b: delta(j) });
                    }
                }
            }
        }
        for j in 0..n {
            if delta(j) != 0 {
                self.lines.push(Line { a: i128::from(self.votes[j]), b: delta(j) });
            }
        }
        // The order of two lists' votes matters only to the runner-up rule and to ties settled
        // by votes. These lines come last (from `vote_order_lines` on), so that a step where
        // neither can apply leaves them out (see `Searcher::vote_order_at`).
        self.vote_order_lines = self.lines.len();
        self.vote_pairs.clear();
        let votes_order_matters = self.rules.runner_up.is_some() || self.rules.tie_policy == TiePolicy::Votes;
        if !votes_order_matters {
            return Ok(());
        }
        for j in 0..n {
            if delta(j) == 0 {
                continue;
            }
            for l in 0..n {
                if l != j && delta(l) != delta(j) {
                    self.lines.push(Line {
                        a: i128::from(self.votes[j]) - i128::from(self.votes[l]),
                        b: delta(j) - delta(l),
                    });
                    self.vote_pairs.push((j, l));
                }
            }
        }
        Ok(())
    }

    /// Adds the largest-remainder lines of the allocation just made at `k` (the apportioner
    /// holds it).
    fn remainder_lines(&mut self, change: Change, quota: Quota, k: u64) -> Result<(), AnalysisError> {
        self.jump = None;
        if k == 0 && self.at_start && self.share_observed {
            if self.observed_shares.is_none() {
                self.observed_shares =
                    Some(ObservedShares::of(&self.observed, self.votes, self.house, quota, &self.start));
            }
            if let Some(Some(shares)) = self.observed_shares.take() {
                let done = self.observed_remainder_lines(&shares, change, quota);
                self.observed_shares = Some(Some(shares));
                return done;
            }
        }
        let held = held(&self.observed, &self.apportioner, self.at_start);
        let participants = held.participants();
        let house = i128::from(self.house);
        let mut weights = std::mem::take(&mut self.weights);
        weights.clear();
        for &list in participants {
            // The multiplier the method applied to the list's votes: 1, or 10 and 7 under the
            // runner-up coefficient reading.
            let factor = i128::from(held.weight_multiplier(list));
            let line = Line { a: i128::from(self.votes[list]), b: i128::from(Searcher::delta(change, list)) };
            weights.push(line.scale(factor)?);
        }
        let mut total = Line { a: 0, b: 0 };
        for w in &weights {
            total = Line {
                a: total.a.checked_add(w.a).ok_or_else(too_large)?,
                b: total.b.checked_add(w.b).ok_or_else(too_large)?,
            };
        }
        let total_now = total.value(k)?;
        if total_now <= 0 {
            return Ok(());
        }
        // Remainder numerators: w·q_den − whole·q_num, with q_num affine in k (proportional
        // quotas) or constant until the Droop quota steps.
        let jumps = matches!(quota, Quota::Droop) && self.jumps_droop_steps(total);
        let (q_den, q_num) = quota_lines(&mut self.lines, quota, house, total, total_now, jumps)?;
        let q_num_now = q_num.value(k)?;
        self.remainders.clear();
        self.wholes.clear();
        for (w, list) in weights.iter().zip(participants) {
            let scaled = w.scale(q_den)?;
            let whole = truncating_div(scaled.value(k)?, q_num_now);
            let remainder = scaled.sub(q_num.scale(whole)?)?;
            push_remainder_lines(&mut self.lines, remainder, q_num)?;
            let bonus = i64::from(self.now[*list]) - i64::try_from(whole).map_err(|_| too_large())?;
            self.remainders.push((remainder, bonus));
            self.wholes.push((*w, whole));
        }
        self.weights = weights;
        self.jump = match quota {
            Quota::Droop if self.jumps_droop_steps(total) => self.droop_jump(total, house + 1, k)?,
            _ => None,
        };
        self.remainder_pair_lines(change)
    }

    /// [`Searcher::remainder_lines`] at the observed count, from its share of the lines that
    /// is the same for every change: only the rates (`b`) are computed here, with the same
    /// checked arithmetic, so the lines, whole quotas, seat bonuses and errors are those the
    /// full computation gives (a test compares them).
    fn observed_remainder_lines(
        &mut self,
        shares: &ObservedShares,
        change: Change,
        quota: Quota,
    ) -> Result<(), AnalysisError> {
        let house = i128::from(self.house);
        let mut weights = std::mem::take(&mut self.weights);
        weights.clear();
        let mut total = Line { a: shares.total, b: 0 };
        for share in &shares.participants {
            let rate =
                i128::from(Searcher::delta(change, share.list)).checked_mul(share.factor).ok_or_else(too_large)?;
            weights.push(Line { a: share.weight, b: rate });
            total.b = total.b.checked_add(rate).ok_or_else(too_large)?;
        }
        if shares.total <= 0 {
            self.weights = weights;
            return Ok(());
        }
        let jumps = matches!(quota, Quota::Droop) && self.jumps_droop_steps(total);
        let (q_den, q_num) = quota_lines(&mut self.lines, quota, house, total, shares.total, jumps)?;
        self.remainders.clear();
        self.wholes.clear();
        for (w, share) in weights.iter().zip(&shares.participants) {
            let scaled_rate = w.b.checked_mul(q_den).ok_or_else(too_large)?;
            let whole_rate = q_num.b.checked_mul(share.whole).ok_or_else(too_large)?;
            let remainder = Line { a: share.remainder, b: scaled_rate.checked_sub(whole_rate).ok_or_else(too_large)? };
            push_remainder_lines(&mut self.lines, remainder, q_num)?;
            self.remainders.push((remainder, share.bonus));
            self.wholes.push((*w, share.whole));
        }
        self.weights = weights;
        self.jump = match quota {
            Quota::Droop if self.jumps_droop_steps(total) => self.droop_jump(total, house + 1, 0)?,
            _ => None,
        };
        self.remainder_pair_lines(change)
    }

    /// The lines between two participants' remainders that can decide what `change` looks for
    /// (after [`Searcher::remainder_lines`] set `remainders`).
    fn remainder_pair_lines(&mut self, change: Change) -> Result<(), AnalysisError> {
        let held = held(&self.observed, &self.apportioner, self.at_start);
        let participants = held.participants();
        // Two remainders decide something only when their lists fared differently by them
        // (one took a remainder seat, the other did not), and their order can change only
        // when they move at different rates. The two-seat minimum of the runner-up rule moves
        // seats after the remainders, so there every pair counts.
        // Pairs of constant remainders are skipped without being visited: often (moves, Droop
        // between two steps of its quota) only one or two remainders move.
        //
        // A gain or a loss looks only at its own list's seats. Those are its whole quotas
        // (lines above), plus one when fewer than the seats left over (fixed by the whole
        // quotas of all) beat its remainder (minus one, when whole quotas exceed the house,
        // when it is among the smallest): only the pairs that include the list can change
        // that. A list that does not take part has no seats to change by remainders at all.
        let every_pair = held.statuses().contains(&ListStatus::RunnerUp);
        let focus = match change {
            Change::Gain(list) | Change::Loss(list) if !every_pair => Some(participants.binary_search(&list).ok()),
            _ => None,
        };
        self.moving.clear();
        self.moving.extend((0..self.remainders.len()).filter(|p| self.remainders[*p].0.b != 0));
        for (m, &p) in self.moving.iter().enumerate() {
            let (first, first_bonus) = self.remainders[p];
            let later_moving = self.moving[m + 1..].iter().map(|q| (*q, self.remainders[*q]));
            let constant = self.remainders.iter().copied().enumerate().filter(|(_, (line, _))| line.b == 0);
            for (q, (second, second_bonus)) in later_moving.chain(constant) {
                let weighed = focus.is_none_or(|own| own.is_some_and(|own| own == p || own == q));
                if weighed && first.b != second.b && (every_pair || first_bonus != second_bonus) {
                    self.lines.push(first.sub(second)?);
                }
            }
        }
        Ok(())
    }

    /// Whether the remainders of the allocation just made can decide what the change looks
    /// for before the next event. A gain or a loss looks only at its own list's seats; a list
    /// that does not take part has none, whatever the remainders, until its threshold status
    /// or the runner-up changes (configuration and vote-order lines, always weighed), so its
    /// steps need no remainder lines. A move looks at every list.
    fn remainders_matter(&self, change: Change) -> bool {
        match change {
            Change::Gain(list) | Change::Loss(list) => self.held().participants().binary_search(&list).is_ok(),
            Change::Move { .. } => true,
        }
    }

    /// Whether the Droop quota's steps are jumped over (see [`Searcher::droop_jump`]) rather
    /// than stopped at: when the total moves by one vote at a time, for up to
    /// [`DROOP_JUMP_LISTS`] participants (the jump weighs every pair of them).
    fn jumps_droop_steps(&self, total: Line) -> bool {
        total.b.abs() == 1 && self.held().participants().len() <= DROOP_JUMP_LISTS
    }

    /// The first count, past the current stretch of the Droop quota, at which the allocation
    /// can change; `None` when none can.
    ///
    /// The quota `q = floor(T / (S+1)) + 1` steps once every `S + 1` votes of the total `T`.
    /// Every quantity the remainders decide by is `A(k) − C·q` (`A` affine in `k`): a whole
    /// quota `w − whole·q`, or two remainders' difference. Within one stretch it is affine in
    /// `k`; at the start and at the end of stretch `j` it is affine in `j`. So its sign cannot
    /// change before the first stretch where the sign at the start or at the end differs,
    /// and the search jumps there instead of stopping at every step of the quota.
    fn droop_jump(&self, total: Line, step: i128, k: u64) -> Result<Option<u64>, AnalysisError> {
        let total_now = total.value(k)?;
        let m = total_now / step;
        let q_now = m + 1;
        let t = total.b;
        // The first count of the next stretch, and (for a shrinking total) how many stretches
        // remain with a quota of at least one.
        let (first, stretches) = if t > 0 {
            (k as i128 + step * (m + 1) - total_now, i128::MAX)
        } else {
            (k as i128 + total_now - step * m + 1, m)
        };
        if stretches == 0 {
            return Ok(u64::try_from(first).ok());
        }
        let first_k = u64::try_from(first).map_err(|_| too_large())?;
        let mut jump: Option<u64> = None;
        let mut consider = |a: Line, c: i128| -> Result<(), AnalysisError> {
            if a.b == 0 && c == 0 {
                return Ok(());
            }
            let now = a.value(k)?.checked_sub(c.checked_mul(q_now).ok_or_else(too_large)?).ok_or_else(too_large)?;
            let start = Line {
                a: a.value(first_k)? - c.checked_mul(q_now + t).ok_or_else(too_large)?,
                b: a.b.checked_mul(step).ok_or_else(too_large)? - c * t,
            };
            let end = Line { a: start.a.checked_add(a.b * (step - 1)).ok_or_else(too_large)?, b: start.b };
            for line in [start, end] {
                let at = if line.a.signum() != now.signum() { Some(0) } else { line.next_change(0)? };
                if let Some(u) = at {
                    jump = Some(jump.map_or(u, |j| j.min(u)));
                }
            }
            Ok(())
        };
        let every_pair = self.held().statuses().contains(&ListStatus::RunnerUp);
        for (p, &(weight, whole)) in self.wholes.iter().enumerate() {
            consider(weight, whole)?;
            consider(weight, whole + 1)?;
            for (q, &(other, other_whole)) in self.wholes.iter().enumerate().skip(p + 1) {
                if every_pair || self.remainders[p].1 != self.remainders[q].1 {
                    consider(weight.sub(other)?, whole - other_whole)?;
                }
            }
        }
        let Some(u) = jump else { return Ok(None) };
        // Not past the last stretch with a quota of at least one.
        let u = i128::from(u).min(stretches - 1);
        let at = u.checked_mul(step).and_then(|d| d.checked_add(first)).ok_or_else(too_large)?;
        Ok(u64::try_from(at).ok())
    }

    /// The first event after `k`: every line but the vote-order ones (`vote_order_lines` up
    /// to `config`), of which only those `order` weighs.
    fn next_event(&self, k: u64, config: usize, order: VoteOrder) -> Result<Option<u64>, AnalysisError> {
        let mut next: Option<u64> = self.jump;
        let mut consider = |line: &Line| -> Result<(), AnalysisError> {
            if let Some(at) = line.next_change(k)? {
                next = Some(next.map_or(at, |n| n.min(at)));
            }
            Ok(())
        };
        for line in self.lines[..self.vote_order_lines].iter().chain(&self.lines[config..]) {
            consider(line)?;
        }
        if order == VoteOrder::None {
            return Ok(next);
        }
        let statuses = self.held().statuses();
        let status = |list: usize| statuses.get(list).copied();
        let below = |list: usize| status(list).is_some_and(|s| s != ListStatus::Qualified);
        let admitted = |list: usize| status(list) == Some(ListStatus::RunnerUp);
        for (line, &(one, other)) in self.lines[self.vote_order_lines..config].iter().zip(&self.vote_pairs) {
            let weighed = match order {
                VoteOrder::All => true,
                VoteOrder::RunnerUp => (admitted(one) || admitted(other)) && below(one) && below(other),
                VoteOrder::BelowThreshold => below(one) && below(other),
                VoteOrder::None => false,
            };
            if weighed {
                consider(line)?;
            }
        }
        Ok(next)
    }

    /// Which vote-order lines can decide anything between the count just allocated and the
    /// next event. Under the `votes` tie policy, or without an allocation, all. Otherwise the
    /// votes' order decides only the runner-up: the list with the most votes (and at least
    /// one) among those below the threshold, picked when exactly one list passed it. The
    /// threshold statuses cannot change before the next event (their lines are always
    /// weighed), so with two or more lists qualified no runner-up is picked until then (none
    /// of the lines); with one, the runner-up stays until another list below the threshold
    /// reaches its votes (the lines between it and those lists) or it loses its last vote (a
    /// line always weighed). Without a runner-up (no list below has votes), the lines between
    /// any two lists below the threshold.
    fn vote_order_at(&self, allocated: bool) -> VoteOrder {
        if self.rules.tie_policy == TiePolicy::Votes || !allocated {
            return VoteOrder::All;
        }
        let statuses = self.held().statuses();
        if statuses.iter().filter(|s| **s == ListStatus::Qualified).nth(1).is_some() {
            VoteOrder::None
        } else if statuses.contains(&ListStatus::RunnerUp) {
            VoteOrder::RunnerUp
        } else {
            VoteOrder::BelowThreshold
        }
    }

    fn step_events(&mut self, change: Change, quota: Quota, hi: u64) -> Result<Option<u64>, AnalysisError> {
        let mut k = 0;
        let mut allocated = self.check(change, 0)?.1;
        self.config_lines(change)?;
        let config = self.lines.len();
        for _ in 0..MAX_EVENTS {
            self.lines.truncate(config);
            self.jump = None;
            if allocated && self.remainders_matter(change) {
                self.remainder_lines(change, quota, k)?;
            }
            let order = self.vote_order_at(allocated);
            let Some(next) = self.next_event(k, config, order)? else { return Ok(None) };
            if next > hi {
                return Ok(None);
            }
            k = next;
            let (achieved, now_allocated) = self.check(change, k)?;
            if achieved {
                return Ok(Some(k));
            }
            allocated = now_allocated;
        }
        Err(AnalysisError::TooLarge { context: "more than 5,000,000 vote counts to examine" })
    }

    fn bisect_segments(&mut self, change: Change, hi: u64) -> Result<Option<u64>, AnalysisError> {
        self.config_lines(change)?;
        let mut starts = vec![1u64];
        for line in &self.lines {
            let mut at = 0;
            for _ in 0..2 {
                match line.next_change(at)? {
                    Some(point) if point <= hi => {
                        starts.push(point);
                        at = point;
                    }
                    _ => break,
                }
            }
        }
        starts.sort_unstable();
        starts.dedup();
        for (s, &lo) in starts.iter().enumerate() {
            let end = starts.get(s + 1).map_or(hi, |next| next - 1);
            if self.achieved(change, lo)? {
                return Ok(Some(lo));
            }
            if end == lo || !self.achieved(change, end)? {
                continue;
            }
            // Not achieved at `lo`, achieved at `end`, monotone in between.
            let (mut no, mut yes) = (lo, end);
            while yes - no > 1 {
                let mid = no + (yes - no) / 2;
                if self.achieved(change, mid)? { yes = mid } else { no = mid }
            }
            return Ok(Some(yes));
        }
        Ok(None)
    }
}

/// The part of the remainder lines at the observed count (`k = 0`) that is the same for every
/// change: each participant's weighted votes, whole quotas, remainder numerator and seats
/// beyond its whole quotas, and their total. A change alters only the rates (`b`) of the
/// lines; [`Searcher::observed_remainder_lines`] adds those.
#[derive(Debug)]
struct ObservedShares {
    /// The participants' weighted votes together.
    total: i128,
    participants: Vec<ObservedShare>,
}

#[derive(Debug)]
struct ObservedShare {
    list: usize,
    /// What the method multiplied the list's votes by (see `Apportioner::weight_multiplier`).
    factor: i128,
    /// The list's votes times `factor`.
    weight: i128,
    /// Whole quotas (undefined, and unused, when `total` is not above zero).
    whole: i128,
    /// `weight·q_den − whole·q_num` at the observed count.
    remainder: i128,
    /// Observed seats beyond the whole quotas.
    bonus: i64,
}

impl ObservedShares {
    /// As [`Searcher::remainder_lines`] computes them at `k = 0` from the observed allocation
    /// (`observed`, `start`); `None` when a number overflows (the full computation then
    /// runs, and meets the same overflow).
    fn of(observed: &Apportioner, votes: &[u64], house: u32, quota: Quota, start: &[u32]) -> Option<ObservedShares> {
        let house = i128::from(house);
        let mut participants = Vec::with_capacity(observed.participants().len());
        let mut total: i128 = 0;
        for &list in observed.participants() {
            let factor = i128::from(observed.weight_multiplier(list));
            let weight = i128::from(*votes.get(list)?).checked_mul(factor)?;
            total = total.checked_add(weight)?;
            participants.push(ObservedShare { list, factor, weight, whole: 0, remainder: 0, bonus: 0 });
        }
        if total <= 0 {
            return Some(ObservedShares { total, participants });
        }
        let (q_den, q_num) = match quota {
            Quota::Hare => (house, total),
            Quota::HagenbachBischoff => (house + 1, total),
            Quota::Imperiali => (house + 2, total),
            Quota::Droop => (1, total / (house + 1) + 1),
        };
        for share in &mut participants {
            let scaled = share.weight.checked_mul(q_den)?;
            share.whole = truncating_div(scaled, q_num);
            share.remainder = scaled.checked_sub(q_num.checked_mul(share.whole)?)?;
            // As the full computation: the seats beyond the whole quotas, in 64 bits.
            share.bonus = i64::from(*start.get(share.list)?) - i64::try_from(share.whole).ok()?;
        }
        Some(ObservedShares { total, participants })
    }
}

/// What a divisor method's observed cut says about a count, without allocating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// The observed seats still hold, strictly: the count changes nothing.
    Unchanged,
    /// A claim not held now beats one held, so the observed seats no longer hold: the change
    /// achieves its aim (for a gain or a loss, in the list's own seats: see [`DivisorCut`]).
    Changed,
    /// A claim held now equals one not held (a tie the policy settles), or a list loses its
    /// last vote, or a number overflows: the core decides.
    Unsure,
}

/// How many of the lowest claims held and of the highest claims not held [`DivisorCut`] keeps:
/// enough to leave out the one or two lists a change touches.
const CUT_DEPTH: usize = 3;

/// The observed allocation of a divisor method seen as a cut through the participants' claims.
///
/// Kept when the lists that take part are the qualified ones with their votes as weight (the
/// runner-up rule not applied: it would weight or add a list). Their seats are a divisor
/// allocation exactly when the lowest claim held (`votes / d(seats − 1)`) is at least the
/// highest claim not held (`votes / d(seats)`); the cut is kept only when that holds strictly
/// (no tie), and then these seats are the only divisor allocation of those votes.
///
/// A change of `k` votes alters only the claims of the one or two lists it touches, and the
/// threshold base by `k` for a gain or a loss. When every list keeps its threshold status
/// (for a gain: the list itself and the weakest other qualified list; for a loss: the list and
/// the strongest other list below the threshold; for a move, whose base is unchanged: the two
/// lists), the participants and their weights are the observed ones, so whether the observed
/// seats still hold is decided by a few comparisons of the touched lists' new claims with the
/// lowest held and the highest not held among the other participants:
///
/// - all strict: the observed seats are still the only allocation, nothing changes;
/// - a claim held now below a claim not held: the observed seats are no longer a divisor
///   allocation under any tie policy, so the seats change. For a gain the list's seats can
///   only rise (its claims rose, the others' stayed), so it gains; for a loss they can only
///   fall; a move changes some list's seats, which is its aim;
/// - an equality, a status that changes, a list losing its last vote: the core decides
///   ([`Verdict::Unsure`]).
///
/// The comparisons are the core's own ([`Divisor::claim`], [`Threshold::is_met`]), so they
/// are as exact as the core.
#[derive(Debug)]
pub(crate) struct DivisorCut {
    divisor: Divisor,
    threshold: Threshold,
    /// The threshold base of the observed votes.
    base: u128,
    /// Per list: whether it takes part (passed the threshold).
    qualified: Vec<bool>,
    /// The two qualified lists with the fewest votes, fewest first.
    weakest_qualified: Vec<(u64, usize)>,
    /// The two lists below the threshold with the most votes, most first.
    strongest_below: Vec<(u64, usize)>,
    /// The lowest claims held, lowest first, with their lists.
    lowest_held: Vec<(SeatClaim, usize)>,
    /// The highest claims not held (participants with votes), highest first, with their lists.
    highest_unheld: Vec<(SeatClaim, usize)>,
}

impl DivisorCut {
    /// The cut of the observed seats (`statuses` as the core set them, `base` the threshold
    /// base); `None` when the rules are not a divisor method, when the runner-up rule could
    /// apply (fewer than two lists qualified), or with a tie at the cut or a claim beyond 128
    /// bits.
    pub(crate) fn of(
        votes: &[u64],
        seats: &[u32],
        statuses: &[ListStatus],
        base: u128,
        rules: &Rules,
    ) -> Option<DivisorCut> {
        let Method::Divisor(divisor) = &rules.method else { return None };
        if rules.has_refinements() || statuses.len() != votes.len() || seats.len() != votes.len() {
            return None;
        }
        let qualified: Vec<bool> = statuses.iter().map(|s| *s == ListStatus::Qualified).collect();
        let taking_part = qualified.iter().filter(|q| **q).count();
        let below = statuses.iter().filter(|s| **s == ListStatus::BelowThreshold).count();
        if taking_part + below != votes.len() || (rules.runner_up.is_some() && taking_part < 2) {
            return None;
        }
        let mut weakest_qualified: Vec<(u64, usize)> = Vec::with_capacity(3);
        let mut strongest_below: Vec<(u64, usize)> = Vec::with_capacity(3);
        let mut lowest_held: Vec<(SeatClaim, usize)> = Vec::with_capacity(CUT_DEPTH + 1);
        let mut highest_unheld: Vec<(SeatClaim, usize)> = Vec::with_capacity(CUT_DEPTH + 1);
        for (list, (&v, &s)) in votes.iter().zip(seats).enumerate() {
            if !qualified[list] {
                if s > 0 {
                    return None;
                }
                keep(&mut strongest_below, (v, list), Ordering::Greater, 2);
                continue;
            }
            keep(&mut weakest_qualified, (v, list), Ordering::Less, 2);
            if v == 0 {
                if s > 0 {
                    return None;
                }
                continue;
            }
            if s > 0 {
                keep(&mut lowest_held, (divisor.claim(u128::from(v), s - 1)?, list), Ordering::Less, CUT_DEPTH);
            }
            keep(&mut highest_unheld, (divisor.claim(u128::from(v), s)?, list), Ordering::Greater, CUT_DEPTH);
        }
        if let (Some(held), Some(unheld)) = (lowest_held.first(), highest_unheld.first())
            && held.0 <= unheld.0
        {
            return None;
        }
        Some(DivisorCut {
            divisor: divisor.clone(),
            threshold: rules.threshold,
            base,
            qualified,
            weakest_qualified,
            strongest_below,
            lowest_held,
            highest_unheld,
        })
    }

    /// Whether `list` with `votes` over `base` has the threshold status it had.
    fn keeps_status(&self, list: usize, votes: u64, base: u128) -> bool {
        self.threshold.is_met(votes, base) == self.qualified[list]
    }

    /// Whether every list keeps its threshold status after the change of size `k`.
    fn statuses_hold(&self, votes: &[u64], change: Change, k: u64) -> bool {
        if self.threshold == Threshold::None {
            return true;
        }
        match change {
            Change::Gain(list) => {
                // The base grows: another list can only fall below, the weakest first.
                let Some(base) = self.base.checked_add(u128::from(k)) else { return false };
                let weakest = self.weakest_qualified.iter().find(|(_, other)| *other != list);
                votes[list].checked_add(k).is_some_and(|v| self.keeps_status(list, v, base))
                    && weakest.is_none_or(|(v, other)| self.keeps_status(*other, *v, base))
            }
            Change::Loss(list) => {
                // The base shrinks: another list can only pass, the strongest first.
                let Some(base) = self.base.checked_sub(u128::from(k)).filter(|b| *b > 0) else { return false };
                let strongest = self.strongest_below.iter().find(|(_, other)| *other != list);
                votes[list].checked_sub(k).is_some_and(|v| self.keeps_status(list, v, base))
                    && strongest.is_none_or(|(v, other)| self.keeps_status(*other, *v, base))
            }
            // The base is unchanged.
            Change::Move { from, to } => {
                votes[from].checked_sub(k).is_some_and(|v| self.keeps_status(from, v, self.base))
                    && votes[to].checked_add(k).is_some_and(|v| self.keeps_status(to, v, self.base))
            }
        }
    }

    /// The verdict on the count after the change of size `k` (within the horizon).
    pub(crate) fn verdict(&self, votes: &[u64], seats: &[u32], change: Change, k: u64) -> Verdict {
        if !self.statuses_hold(votes, change, k) {
            return Verdict::Unsure;
        }
        let claim = |v: u64, s: u32| self.divisor.claim(u128::from(v), s);
        // Pairs (below, above): the observed seats hold when every `below` is under its `above`.
        let mut pairs: [(Option<SeatClaim>, Option<SeatClaim>); 3] = [(None, None); 3];
        match change {
            Change::Gain(list) => {
                if !self.qualified[list] {
                    // Below the threshold before and after, the others unchanged.
                    return Verdict::Unchanged;
                }
                let Some(v) = votes[list].checked_add(k) else { return Verdict::Unsure };
                let Some(unheld) = claim(v, seats[list]) else { return Verdict::Unsure };
                pairs[0] = (Some(unheld), first_other(&self.lowest_held, list, list));
            }
            Change::Loss(list) => {
                if seats[list] == 0 {
                    return Verdict::Unchanged;
                }
                let v = votes[list].saturating_sub(k);
                if v == 0 {
                    return Verdict::Unsure;
                }
                let Some(held) = claim(v, seats[list] - 1) else { return Verdict::Unsure };
                pairs[0] = (first_other(&self.highest_unheld, list, list), Some(held));
            }
            Change::Move { from, to } => {
                let mut to_unheld = None;
                if self.qualified[to] {
                    let Some(to_votes) = votes[to].checked_add(k) else { return Verdict::Unsure };
                    let Some(unheld) = claim(to_votes, seats[to]) else { return Verdict::Unsure };
                    to_unheld = Some(unheld);
                    pairs[0] = (to_unheld, first_other(&self.lowest_held, from, to));
                }
                if seats[from] > 0 {
                    let from_votes = votes[from].saturating_sub(k);
                    if from_votes == 0 {
                        return Verdict::Unsure;
                    }
                    let Some(from_held) = claim(from_votes, seats[from] - 1) else { return Verdict::Unsure };
                    pairs[1] = (first_other(&self.highest_unheld, from, to), Some(from_held));
                    pairs[2] = (to_unheld, Some(from_held));
                }
            }
        }
        let mut verdict = Verdict::Unchanged;
        for pair in pairs {
            if let (Some(below), Some(above)) = pair {
                match below.cmp(&above) {
                    Ordering::Less => {}
                    Ordering::Equal => verdict = Verdict::Unsure,
                    Ordering::Greater => return Verdict::Changed,
                }
            }
        }
        verdict
    }
}

/// Adds `entry` to `kept` (ordered with `first` = `Less` for lowest first, `Greater` for
/// highest first; equal values in list order), keeping the first `depth`.
fn keep<T: Ord + Copy>(kept: &mut Vec<(T, usize)>, entry: (T, usize), first: Ordering, depth: usize) {
    let at = kept.iter().position(|other| entry.0.cmp(&other.0) == first).unwrap_or(kept.len());
    if at < depth {
        kept.insert(at, entry);
        kept.truncate(depth);
    }
}

/// The first claim kept that belongs to neither list.
fn first_other(kept: &[(SeatClaim, usize)], one: usize, other: usize) -> Option<SeatClaim> {
    kept.iter().find(|(_, list)| *list != one && *list != other).map(|(claim, _)| *claim)
}

fn apply(votes: &mut [u64], change: Change, k: u64) {
    match change {
        Change::Gain(i) => votes[i] = votes[i].saturating_add(k),
        Change::Loss(i) => votes[i] = votes[i].saturating_sub(k),
        Change::Move { from, to } => {
            votes[from] = votes[from].saturating_sub(k);
            votes[to] = votes[to].saturating_add(k);
        }
    }
}

#[cfg(test)]
mod tests {
    use maslihat_apportion::{Method, Percentage, Quota, Rules, RunnerUp, Threshold, TiePolicy};
    use proptest::prelude::*;

    use super::{Change, Searcher};

    fn rules() -> impl Strategy<Value = Rules> {
        let quota = prop::sample::select(vec![Quota::Hare, Quota::Droop, Quota::HagenbachBischoff, Quota::Imperiali]);
        let threshold = prop_oneof![
            Just(Threshold::None),
            (0u64..=30)
                .prop_map(|whole| Threshold::Percent(Percentage::new(whole, 100).unwrap_or_else(|e| panic!("{e}")))),
            (0u64..40).prop_map(|votes| Threshold::Votes { votes }),
        ];
        let runner_up = prop::sample::select(vec![
            None,
            Some(RunnerUp::Admit),
            Some(RunnerUp::AdmitMinTwo),
            Some(RunnerUp::Coefficient),
        ]);
        let ties = prop::sample::select(vec![TiePolicy::Registration, TiePolicy::Votes]);
        (quota, threshold, runner_up, ties).prop_map(|(quota, threshold, runner_up, tie_policy)| Rules {
            method: Method::LargestRemainder(quota),
            threshold,
            runner_up,
            tie_policy,
            ..Rules::default()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1_500))]

        /// The remainder lines at the observed count, from the shares kept for every change,
        /// are the lines (whole quotas, seat bonuses, Droop jump, errors) built in full, for
        /// every gain, loss and move, each searched twice, with other counts in between.
        #[test]
        fn observed_remainder_lines_are_the_full_ones(
            votes in prop::collection::vec(prop_oneof![0u64..60, 0u64..3_000_000, (1u64 << 60)..u64::MAX], 1..7),
            against_all in 0u64..50,
            house in prop_oneof![1u32..12, 12u32..200],
            rules in rules(),
        ) {
            let Method::LargestRemainder(quota) = rules.method else { return Err(TestCaseError::fail("a quota")) };
            let Ok(mut shared) = Searcher::new(&votes, against_all, 0, house, &rules) else { return Ok(()) };
            let Ok(mut full) = Searcher::new(&votes, against_all, 0, house, &rules) else {
                return Err(TestCaseError::fail("one searcher but not the other"));
            };
            full.share_observed = false;
            let n = votes.len();
            let mut changes: Vec<Change> = (0..n).flat_map(|i| [Change::Gain(i), Change::Loss(i)]).collect();
            changes.extend((0..n).flat_map(|from| (0..n).filter(move |to| *to != from).map(move |to| Change::Move { from, to })));
            for change in changes.iter().chain(&changes).copied() {
                for searcher in [&mut shared, &mut full] {
                    // Off the observed count and back, as a search does.
                    let _ = searcher.check(change, 1);
                    let _ = searcher.check(change, 0);
                    searcher.lines.clear();
                }
                let by_shares = shared.remainder_lines(change, quota, 0).map_err(|e| e.to_string());
                let in_full = full.remainder_lines(change, quota, 0).map_err(|e| e.to_string());
                prop_assert_eq!(&by_shares, &in_full);
                prop_assert_eq!(&shared.lines, &full.lines);
                if in_full.is_ok() {
                    prop_assert_eq!(&shared.remainders, &full.remainders);
                    prop_assert_eq!(&shared.wholes, &full.wholes);
                    prop_assert_eq!(shared.jump, full.jump);
                }
            }
            prop_assert!(shared.observed_shares.is_some());
        }
    }
}
