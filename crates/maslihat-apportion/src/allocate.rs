//! The whole procedure: threshold, runner-up rule, the method and its ties, then the result
//! with what explains it.

use crate::divisor::{self, DivisorScratch, DivisorStart, SeatStep};
use crate::error::AllocError;
use crate::exact::Ratio;
use crate::fast::{self, FastScratch};
use crate::largest_remainder::{self, LargestRemainderScratch, Limits};
use crate::method::{Divisor, Method};
use crate::participants::Participants;
use crate::result::{
    Allocation, Award, Bound, BoundApplied, ListDetail, ListResult, ListStatus, MajorityApplied, Procedure,
    RunnerUpApplied,
};
use crate::rules::{Rules, RunnerUp};
use crate::tally::Tally;
use crate::threshold::Threshold;
use crate::tie::{Tie, TieBreaker, TiePolicy, TieStage};

/// Allocates `house` seats among the lists of `tally` under `rules`.
pub fn allocate(tally: &Tally, house: u32, rules: &Rules) -> Result<Allocation, AllocError> {
    allocate_with_start(tally, house, rules, DivisorStart::Estimate)
}

/// As [`allocate`], with divisor methods starting from `start`: [`DivisorStart::Empty`]
/// records every seat in order (up to [`EVERY_SEAT_LIMIT`] seats).
pub fn allocate_with_start(
    tally: &Tally,
    house: u32,
    rules: &Rules,
    start: DivisorStart,
) -> Result<Allocation, AllocError> {
    let start = if house > EVERY_SEAT_LIMIT { DivisorStart::Estimate } else { start };
    let mut workspace = Workspace::default();
    run(&mut workspace, tally, house, rules, start)?;
    Ok(into_allocation(workspace, tally, house, rules))
}

/// The largest house for which [`DivisorStart::Empty`] records every seat; larger ones start
/// from [`DivisorStart::Estimate`].
pub const EVERY_SEAT_LIMIT: u32 = 10_000;

/// Allocates election after election without building explanations, reusing its buffers: for
/// batch runs and simulations. It gives the seats [`allocate`] gives.
#[derive(Debug, Default)]
pub struct Apportioner {
    workspace: Workspace,
}

impl Apportioner {
    pub fn new() -> Apportioner {
        Apportioner::default()
    }

    /// Seats per list, in registration order. [`Apportioner::ties`] then tells the ties met.
    pub fn seats(&mut self, tally: &Tally, house: u32, rules: &Rules) -> Result<&[u32], AllocError> {
        if fast_seats(&mut self.workspace, tally, house, rules) == fast::Outcome::Done {
            return Ok(&self.workspace.seats);
        }
        run(&mut self.workspace, tally, house, rules, DivisorStart::Estimate)?;
        Ok(&self.workspace.seats)
    }

    /// As [`Apportioner::seats`], always by the general path (for the tests of the fast path).
    #[cfg(test)]
    pub(crate) fn seats_by_general_path(
        &mut self,
        tally: &Tally,
        house: u32,
        rules: &Rules,
    ) -> Result<&[u32], AllocError> {
        run(&mut self.workspace, tally, house, rules, DivisorStart::Estimate)?;
        Ok(&self.workspace.seats)
    }

    /// As [`Apportioner::seats`] by the fast path alone: `None` when it declines (for the
    /// tests of what it takes on).
    #[cfg(test)]
    pub(crate) fn seats_by_fast_path(&mut self, tally: &Tally, house: u32, rules: &Rules) -> Option<&[u32]> {
        (fast_seats(&mut self.workspace, tally, house, rules) == fast::Outcome::Done).then_some(&self.workspace.seats)
    }

    /// The ties met by the last allocation (empty when none).
    pub fn ties(&self) -> &[Tie] {
        &self.workspace.ties.ties
    }

    /// How each list fared at the threshold in the last allocation.
    pub fn statuses(&self) -> &[ListStatus] {
        &self.workspace.status
    }

    /// The lists that took part in the last allocation, ascending.
    pub fn participants(&self) -> &[usize] {
        &self.workspace.participants
    }

    /// What the last allocation multiplied `list`'s votes by: 1, or under the runner-up
    /// coefficient reading 10 (7 for the runner-up admitted).
    pub fn weight_multiplier(&self, list: usize) -> u64 {
        match self.workspace.runner_up {
            Some(RunnerUpApplied { reading: RunnerUp::Coefficient, runner_up: Some(second), .. }) => {
                if list == second {
                    7
                } else {
                    10
                }
            }
            _ => 1,
        }
    }
}

/// Every buffer of one allocation; reused by [`Apportioner`].
#[derive(Debug)]
struct Workspace {
    /// The threshold base in votes.
    base: u128,
    /// Per list.
    status: Vec<ListStatus>,
    /// Lists taking part, ascending; `weights` and `participant_seats` are indexed like it.
    participants: Vec<usize>,
    /// `Some(n)` while `status` and `participants` hold `n` lists that all take part without a
    /// threshold (as the fast path last set them): the next such call need not rewrite them.
    all_qualified: Option<usize>,
    weights: Vec<u128>,
    participant_seats: Vec<u32>,
    /// Seats per list.
    seats: Vec<u32>,
    runner_up: Option<RunnerUpApplied>,
    /// Per participant under restrictions (empty without): base seats, floor (base included),
    /// cap (`u32::MAX` for none).
    bases: Vec<u32>,
    floors: Vec<u32>,
    caps: Vec<u32>,
    bounds: Vec<BoundApplied>,
    majority: Option<MajorityApplied>,
    ties: TieBreaker,
    largest_remainder: LargestRemainderScratch,
    divisor: DivisorScratch,
    fast: FastScratch,
}

impl Default for Workspace {
    fn default() -> Workspace {
        Workspace {
            base: 0,
            status: Vec::new(),
            participants: Vec::new(),
            all_qualified: None,
            weights: Vec::new(),
            participant_seats: Vec::new(),
            seats: Vec::new(),
            runner_up: None,
            bases: Vec::new(),
            floors: Vec::new(),
            caps: Vec::new(),
            bounds: Vec::new(),
            majority: None,
            ties: TieBreaker::new(TiePolicy::Registration),
            largest_remainder: LargestRemainderScratch::default(),
            divisor: DivisorScratch::default(),
            fast: FastScratch::default(),
        }
    }
}

/// The procedure: threshold, runner-up rule, method, two-seat minimum; results in `ws`.
fn run(ws: &mut Workspace, tally: &Tally, house: u32, rules: &Rules, start: DivisorStart) -> Result<(), AllocError> {
    if house == 0 {
        return Err(AllocError::NoSeats);
    }
    let votes = tally.votes();
    if votes.is_empty() {
        return Err(AllocError::NoLists);
    }
    ws.base = tally.base(rules.threshold_base);
    ws.ties.policy = rules.tie_policy;
    ws.ties.ties.clear();
    ws.runner_up = None;
    ws.bounds.clear();
    ws.majority = None;
    apply_threshold(ws, tally, rules)?;
    if let (Some(reading), [leader]) = (rules.runner_up, ws.participants.as_slice()) {
        let leader = *leader;
        let admitted = pick_runner_up(votes, &ws.status, &mut ws.ties)?;
        if let Some(second) = admitted {
            ws.status[second] = ListStatus::RunnerUp;
            ws.participants.clear();
            ws.participants.extend([leader.min(second), leader.max(second)]);
        }
        ws.runner_up = Some(RunnerUpApplied { reading, leader, runner_up: admitted, seats_moved: 0 });
    }
    let coefficient = matches!(ws.runner_up, Some(RunnerUpApplied { reading: RunnerUp::Coefficient, .. }));
    ws.weights.clear();
    ws.weights.extend(ws.participants.iter().map(|i| {
        let v = u128::from(votes[*i]);
        match (coefficient, ws.status[*i]) {
            (false, _) => v,
            (true, ListStatus::RunnerUp) => v * 7,
            (true, _) => v * 10,
        }
    }));
    let restricted = set_limits(ws, tally, rules)?;
    let participants = Participants { weights: &ws.weights, lists: &ws.participants, votes, house };
    let limits = restricted.then_some(Limits { floor: &ws.floors, cap: &ws.caps, base: &ws.bases });
    let options =
        largest_remainder::Options { rounding: rules.quota_rounding, remainder_threshold: rules.remainder_threshold };
    ws.largest_remainder.bounds.clear();
    match (&rules.method, limits) {
        (Method::LargestRemainder(quota), None) => largest_remainder::allocate(
            *quota,
            options,
            participants,
            &mut ws.ties,
            &mut ws.largest_remainder,
            &mut ws.participant_seats,
        )?,
        (Method::LargestRemainder(quota), Some(limits)) => largest_remainder::allocate_restricted(
            *quota,
            options,
            participants,
            limits,
            &mut ws.ties,
            &mut ws.largest_remainder,
            &mut ws.participant_seats,
        )?,
        (Method::Divisor(divisor), limits) => divisor::allocate(
            divisor,
            participants,
            limits,
            start,
            &mut ws.ties,
            &mut ws.divisor,
            &mut ws.participant_seats,
        )?,
    }
    if restricted {
        record_bounds(ws, &rules.method);
    }
    if rules.majority_clause {
        apply_majority_clause(ws, tally, rules, house)?;
    }
    ws.seats.clear();
    ws.seats.resize(votes.len(), 0);
    for (list, seats) in ws.participants.iter().zip(&ws.participant_seats) {
        ws.seats[*list] = *seats;
    }
    if let Some(applied) = ws.runner_up.as_mut() {
        apply_two_seat_minimum(applied, &mut ws.seats, house);
    }
    Ok(())
}

/// Each participant's base seats, floor and cap from the rules and the tally; `false` (and
/// empty vectors) when there are none. A floor above a cap is refused.
fn set_limits(ws: &mut Workspace, tally: &Tally, rules: &Rules) -> Result<bool, AllocError> {
    ws.bases.clear();
    ws.floors.clear();
    ws.caps.clear();
    let uniform = rules.seat_limits;
    let has_list_limits = tally.limits().iter().any(|l| l.min > 0 || l.max.is_some() || l.base > 0);
    if uniform == crate::rules::SeatLimits::NONE && !has_list_limits {
        return Ok(false);
    }
    for &list in &ws.participants {
        let own = tally.list_limits(list);
        let base = uniform.base.checked_add(own.base).ok_or(AllocError::Overflow { context: "base seats" })?;
        let floor = uniform.min.max(own.min).max(base);
        let cap = match (uniform.max, own.max) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => u32::MAX,
        };
        if floor > cap {
            return Err(AllocError::Infeasible {
                reason: format!(
                    "list {} must have at least {floor} seat(s) (minimum and base seats) but at most {cap}",
                    list + 1
                ),
            });
        }
        ws.bases.push(base);
        ws.floors.push(floor);
        ws.caps.push(cap);
    }
    Ok(true)
}

/// The lists the restrictions held: largest remainder records them as it fixes them; under a
/// divisor method, every list ending at a maximum it has, or at a minimum above its base seats,
/// whose unrestricted claim would have moved it (a list at its maximum that would win the next
/// seat, a list at its minimum whose last seat would be taken back).
fn record_bounds(ws: &mut Workspace, method: &Method) {
    match method {
        Method::LargestRemainder(_) => {
            ws.bounds = ws
                .largest_remainder
                .bounds
                .iter()
                .map(|(p, bound, seats)| BoundApplied { list: ws.participants[*p], bound: *bound, seats: *seats })
                .collect();
        }
        Method::Divisor(_) => {
            for (p, &seats) in ws.participant_seats.iter().enumerate() {
                let bound = if ws.caps[p] != u32::MAX && seats == ws.caps[p] {
                    Bound::Max
                } else if seats == ws.floors[p] && ws.floors[p] > ws.bases[p] {
                    Bound::Min
                } else {
                    continue;
                };
                ws.bounds.push(BoundApplied { list: ws.participants[p], bound, seats });
            }
        }
    }
}

/// Kieswet P 9: a list with more than half of all list votes and no more than half of the
/// seats gets one more, taken from the list that won the last seat by remainder or average
/// (largest remainder: the last remainder or average seat; divisor methods: the lowest claim
/// among the last seats held), never from itself.
fn apply_majority_clause(ws: &mut Workspace, tally: &Tally, rules: &Rules, house: u32) -> Result<(), AllocError> {
    let votes = tally.votes();
    let total = tally.list_votes();
    let Some(p) = (0..ws.participants.len()).find(|p| u128::from(votes[ws.participants[*p]]) * 2 > total) else {
        return Ok(());
    };
    if u64::from(ws.participant_seats[p]) * 2 > u64::from(house) {
        return Ok(());
    }
    let floor = |q: usize| ws.floors.get(q).copied().unwrap_or(0);
    let from = match &rules.method {
        Method::LargestRemainder(_) => {
            let scratch = &ws.largest_remainder;
            scratch
                .remainder_order
                .iter()
                .chain(&scratch.average_order)
                .rev()
                .copied()
                .find(|q| *q != p && ws.participant_seats[*q] > floor(*q))
        }
        Method::Divisor(divisor) => {
            let base = |q: usize| ws.bases.get(q).copied().unwrap_or(0);
            let mut lowest: Option<(crate::method::Priority, Vec<usize>)> = None;
            for q in
                (0..ws.participants.len()).filter(|q| *q != p && ws.participant_seats[*q] > floor(*q).max(base(*q)))
            {
                let claim = divisor
                    .priority(ws.weights[q], ws.participant_seats[q] - 1 - base(q))
                    .ok_or(AllocError::Overflow { context: "divisor quotient" })?;
                match &mut lowest {
                    Some((best, group)) if claim == *best => group.push(q),
                    Some((best, _)) if claim > *best => {}
                    _ => lowest = Some((claim, vec![q])),
                }
            }
            match lowest {
                Some((_, group)) if group.len() == 1 => Some(group[0]),
                Some((_, group)) => {
                    // Equal last claims: the tie is settled over who keeps its seat.
                    let participants = Participants { weights: &ws.weights, lists: &ws.participants, votes, house };
                    let mut keep = Vec::new();
                    participants.settle_tie(
                        &mut ws.ties,
                        TieStage::Quotient,
                        &group,
                        group.len() as u32 - 1,
                        &mut keep,
                    )?;
                    group.iter().copied().find(|q| !keep.contains(q))
                }
                None => None,
            }
        }
    };
    let Some(from) = from else { return Ok(()) };
    ws.participant_seats[p] += 1;
    ws.participant_seats[from] -= 1;
    ws.majority = Some(MajorityApplied { list: ws.participants[p], from: ws.participants[from] });
    Ok(())
}

/// The seats by the fast path ([`fast`]) when it applies: the threshold as in [`run`], the
/// runner-up rule (readings (a) and (b), a runner-up picked without a tie), and a method and
/// numbers it handles; the workspace then holds what [`run`] would leave for [`Apportioner`]
/// (seats, statuses, participants, no ties, the runner-up applied).
/// [`fast::Outcome::Declined`] leaves the rest to [`run`].
fn fast_seats(ws: &mut Workspace, tally: &Tally, house: u32, rules: &Rules) -> fast::Outcome {
    let votes = tally.votes();
    if house == 0 || votes.is_empty() || rules.has_refinements() || !tally.limits().is_empty() {
        return fast::Outcome::Declined;
    }
    let lists = votes.len();
    // Every list's seat is written below (a participant's by the method, the others' zero).
    if ws.seats.len() != lists {
        ws.seats.clear();
        ws.seats.resize(lists, 0);
    }
    let participating_votes = if rules.threshold == Threshold::None {
        // Everyone takes part: the statuses and participants of the last call stand when it
        // had as many lists and no threshold.
        if ws.all_qualified != Some(lists) {
            ws.status.clear();
            ws.status.resize(lists, ListStatus::Qualified);
            ws.participants.clear();
            ws.participants.extend(0..lists);
            ws.all_qualified = Some(lists);
        }
        // Summed in 128 bits without a branch per list, then checked once.
        u64::try_from(votes.iter().map(|v| u128::from(*v)).sum::<u128>()).ok()
    } else {
        fast_threshold(ws, tally, rules)
    };
    let Some(mut participating_votes) = participating_votes else { return fast::Outcome::Declined };
    let mut runner_up = None;
    if let (Some(reading), [leader]) = (rules.runner_up, ws.participants.as_slice()) {
        // The runner-up rule as `run` applies it, when it admits a list by its votes alone
        // (readings (a) and (b): the coefficient of (c) weights the votes) and no tie picks it.
        let leader = *leader;
        if reading == RunnerUp::Coefficient {
            return fast::Outcome::Declined;
        }
        let Some(second) = sole_runner_up(votes, &ws.status) else { return fast::Outcome::Declined };
        let Some(both) = participating_votes.checked_add(votes[second]) else { return fast::Outcome::Declined };
        participating_votes = both;
        ws.status[second] = ListStatus::RunnerUp;
        ws.participants.clear();
        ws.participants.extend([leader.min(second), leader.max(second)]);
        runner_up = Some(RunnerUpApplied { reading, leader, runner_up: Some(second), seats_moved: 0 });
    }
    if ws.participants.is_empty() {
        return fast::Outcome::Declined;
    }
    let outcome = fast::seats(votes, &ws.participants, participating_votes, house, rules, &mut ws.fast, &mut ws.seats);
    if outcome == fast::Outcome::Declined {
        return fast::Outcome::Declined;
    }
    // Nothing to drop in the common case (the last call met no tie): no call to clear.
    if !ws.ties.ties.is_empty() {
        ws.ties.ties.clear();
    }
    if let Some(applied) = runner_up.as_mut() {
        apply_two_seat_minimum(applied, &mut ws.seats, house);
    }
    ws.runner_up = runner_up;
    fast::Outcome::Done
}

/// The runner-up [`pick_runner_up`] admits when no tie decides it: the one list below the
/// threshold with the most votes (and at least one); `None` when there is none or several share
/// the most votes (the general path settles that tie and records it).
fn sole_runner_up(votes: &[u64], status: &[ListStatus]) -> Option<usize> {
    let mut best: Option<(usize, u64)> = None;
    let mut shared = false;
    for (list, (&v, &s)) in votes.iter().zip(status).enumerate() {
        if s != ListStatus::BelowThreshold || v == 0 {
            continue;
        }
        match best {
            Some((_, most)) if v < most => {}
            Some((_, most)) if v == most => shared = true,
            _ => {
                best = Some((list, v));
                shared = false;
            }
        }
    }
    best.filter(|_| !shared).map(|(list, _)| list)
}

/// Each list's status at a threshold (other than none), the participants (those that passed)
/// and a zero seat count for the others, as [`apply_threshold`] sets them; returns the votes
/// of the participants, or `None` (declined, nothing promised about the workspace) when the
/// base or those votes exceed 64 bits or a percentage has a zero base.
fn fast_threshold(ws: &mut Workspace, tally: &Tally, rules: &Rules) -> Option<u64> {
    ws.all_qualified = None;
    let votes = tally.votes();
    // The base holds the list votes, so within 64 bits every sum below is too.
    let base = u64::try_from(tally.base(rules.threshold_base)).ok()?;
    // A list passes when votes·den ≥ num·base, both products in 128 bits as they stand; a
    // number of votes is the same test with num = votes needed, den = 1 and base = 1.
    let (needed, denominator): (u128, u64) = match rules.threshold {
        Threshold::None => (0, 1),
        Threshold::Votes { votes: needed } => (u128::from(needed), 1),
        Threshold::Percent(_) if base == 0 => return None,
        Threshold::Percent(percentage) => {
            (u128::from(percentage.numerator()) * u128::from(base), percentage.denominator())
        }
    };
    if ws.status.len() != votes.len() {
        ws.status.clear();
        ws.status.resize(votes.len(), ListStatus::Qualified);
    }
    ws.participants.clear();
    let mut participating_votes = 0u64;
    for (list, v) in votes.iter().enumerate() {
        if u128::from(*v) * u128::from(denominator) >= needed {
            ws.status[list] = ListStatus::Qualified;
            ws.participants.push(list);
            // At most the base: no overflow.
            participating_votes += *v;
        } else {
            ws.status[list] = ListStatus::BelowThreshold;
            ws.seats[list] = 0;
        }
    }
    Some(participating_votes)
}

/// Sets each list's status at the threshold and the participants (those that passed), or
/// says why none can take part.
fn apply_threshold(ws: &mut Workspace, tally: &Tally, rules: &Rules) -> Result<(), AllocError> {
    let votes = tally.votes();
    let base = ws.base;
    ws.all_qualified = None;
    ws.status.clear();
    match rules.threshold {
        Threshold::None => ws.status.resize(votes.len(), ListStatus::Qualified),
        Threshold::Percent(_) if base == 0 => {
            // Every base includes the list votes, so a zero base means no votes at all.
            return Err(AllocError::NoVotes);
        }
        threshold => ws.status.extend(votes.iter().enumerate().map(|(i, v)| {
            if threshold.is_met(*v, base) || tally.list_limits(i).exempt {
                ListStatus::Qualified
            } else {
                ListStatus::BelowThreshold
            }
        })),
    }
    ws.participants.clear();
    ws.participants.extend((0..votes.len()).filter(|i| ws.status[*i] == ListStatus::Qualified));
    if !ws.participants.is_empty() {
        return Ok(());
    }
    let largest = (0..votes.len()).max_by(|a, b| votes[*a].cmp(&votes[*b]).then(b.cmp(a))).unwrap_or(0);
    Err(AllocError::NoListPasses {
        threshold: rules.threshold.to_string(),
        largest: largest + 1,
        share: Ratio::of(u128::from(votes[largest]), base.max(1)).percent(2),
        base: rules.threshold_base.describe(),
    })
}

/// The full result with what explains it, from a finished workspace.
fn into_allocation(ws: Workspace, tally: &Tally, house: u32, rules: &Rules) -> Allocation {
    let votes = tally.votes();
    let mut notes = Vec::new();
    let mut details: Vec<ListDetail> = vec![ListDetail::None {}; votes.len()];
    // Under the coefficient reading the weights are votes ×10 (×7 for the runner-up): shown
    // quotas and quotients are divided back into votes.
    let scale: u128 = match ws.runner_up {
        Some(RunnerUpApplied { reading: RunnerUp::Coefficient, runner_up: Some(_), .. }) => 10,
        _ => 1,
    };
    let procedure = match &rules.method {
        Method::LargestRemainder(_) => largest_remainder_steps(&ws, scale, &mut details, &mut notes),
        Method::Divisor(divisor) => {
            let steps = divisor_steps(&ws, divisor, scale, &mut details);
            let with_votes = ws.weights.iter().filter(|w| **w > 0).count();
            if divisor.has_zero_first_divisor() && (house as usize) < with_votes {
                notes.push(format!(
                    "{} gives a list without seats a zero divisor, so every list with votes has an infinite claim to \
                     its first seat; with {house} seats for {with_votes} lists with votes, those claims were ranked \
                     by votes (the limit of a divisor shrinking to zero)",
                    rules.method
                ));
            }
            steps
        }
    };
    let base = ws.base;
    let lists = votes
        .iter()
        .zip(details)
        .enumerate()
        .map(|(i, (v, detail))| ListResult {
            votes: *v,
            share: Ratio::of(u128::from(*v), base.max(1)),
            status: ws.status[i],
            seats: ws.seats[i],
            detail,
        })
        .collect();
    Allocation {
        house_size: house,
        rules: rules.clone(),
        base_votes: base,
        threshold_votes: rules.threshold.votes_needed(base),
        against_all: tally.against_all(),
        invalid: tally.invalid(),
        lists,
        ties: ws.ties.ties,
        runner_up: ws.runner_up,
        procedure,
        list_limits: tally.limits().to_vec(),
        bounds: ws.bounds,
        majority: ws.majority,
        notes,
    }
}

/// A largest-remainder allocation's steps, with each list's quotas and remainder in
/// `details` and its unusual cases in `notes`.
fn largest_remainder_steps(
    ws: &Workspace,
    scale: u128,
    details: &mut [ListDetail],
    notes: &mut Vec<String>,
) -> Procedure {
    let scratch = &ws.largest_remainder;
    let participants = &ws.participants;
    let weighted_quota = scratch.quota.unwrap_or(Ratio::of(0, 1));
    let quota = Ratio::of(weighted_quota.num(), weighted_quota.den().saturating_mul(scale));
    for (p, &list) in participants.iter().enumerate() {
        details[list] = ListDetail::LargestRemainder {
            quotient: Ratio::of(ws.weights[p].saturating_mul(weighted_quota.den()), weighted_quota.num().max(1)),
            whole_seats: scratch.whole[p],
            remainder: Ratio::of(scratch.remainders[p], weighted_quota.num().max(1)),
            remainder_seat: scratch.remainder_order.contains(&p),
        };
    }
    if scratch.full_rounds > 0 {
        notes.push(format!(
            "the house has more seats than whole quotas and remainders can fill: every list with votes got {} \
             more seat(s) in whole rounds before the remainders were ranked",
            scratch.full_rounds
        ));
    }
    if !scratch.withdrawn.is_empty() {
        notes.push(format!(
            "the quota handed out {} whole seat(s) more than the house has; they were taken back from the \
             lists with the smallest remainders",
            scratch.withdrawn.len()
        ));
    }
    Procedure::LargestRemainder {
        quota,
        remainder_order: scratch.remainder_order.iter().map(|p| participants[*p]).collect(),
        withdrawn: scratch.withdrawn.iter().map(|p| participants[*p]).collect(),
        average_order: scratch.average_order.iter().map(|p| participants[*p]).collect(),
        below_remainder_threshold: scratch.below_threshold.iter().map(|p| participants[*p]).collect(),
    }
}

/// A divisor allocation's steps, with each list's last and next quotient in `details`.
fn divisor_steps(ws: &Workspace, divisor: &Divisor, scale: u128, details: &mut [ListDetail]) -> Procedure {
    let (participants, weights) = (&ws.participants, &ws.weights);
    let award = |step: &SeatStep, seat_number: u32| Award {
        list: participants[step.participant],
        list_seat: seat_number,
        divisor: divisor.divisor_text(step.seats_before),
        quotient: divisor.quotient_text(weights[step.participant], step.seats_before, scale),
    };
    for (p, &list) in participants.iter().enumerate() {
        let won = ws.participant_seats[p];
        details[list] = ListDetail::Divisor {
            last_quotient: won.checked_sub(1).map(|s| divisor.quotient_text(weights[p], s, scale)),
            next_quotient: divisor.quotient_text(weights[p], won, scale),
        };
    }
    let scratch = &ws.divisor;
    Procedure::Divisor {
        floor_seats: scratch.floor_seats,
        start_seats: scratch.start_seats,
        awards: scratch.awards.iter().map(|s| award(s, s.seats_before + 1)).collect(),
        withdrawals: scratch.withdrawals.iter().map(|s| award(s, s.seats_before)).collect(),
    }
}

/// The list with the most votes below the threshold, if any has votes; equal votes are a tie.
fn pick_runner_up(votes: &[u64], status: &[ListStatus], ties: &mut TieBreaker) -> Result<Option<usize>, AllocError> {
    let below = || (0..votes.len()).filter(|i| status[*i] == ListStatus::BelowThreshold && votes[*i] > 0);
    let Some(best) = below().map(|i| votes[i]).max() else { return Ok(None) };
    let tied: Vec<usize> = below().filter(|i| votes[*i] == best).collect();
    if tied.len() == 1 {
        return Ok(Some(tied[0]));
    }
    let winners = ties.settle(TieStage::RunnerUp, &tied, 1, votes).map_err(AllocError::UnresolvedTie)?;
    Ok(winners.first().copied())
}

/// Reading (b): the runner-up gets at least two seats, the leader keeps at least one.
fn apply_two_seat_minimum(applied: &mut RunnerUpApplied, seats: &mut [u32], house: u32) {
    let (RunnerUp::AdmitMinTwo, Some(second)) = (applied.reading, applied.runner_up) else { return };
    let minimum = 2.min(house.saturating_sub(1));
    let moved = minimum.saturating_sub(seats[second]);
    seats[second] += moved;
    seats[applied.leader] -= moved;
    applied.seats_moved = moved;
}
