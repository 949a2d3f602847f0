//! Divisor (highest-averages) allocation, started near the answer so large houses do not loop
//! seat by seat, with exact quotients and tie detection at the cut.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::error::AllocError;
use crate::exact::Ratio;
use crate::largest_remainder::Limits;
use crate::method::{Divisor, PowerMean, Priority};
use crate::participants::Participants;
use crate::tie::{TieBreaker, TieStage};

/// Where a divisor method starts handing out seats, and so how much of the seat order its
/// result records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DivisorStart {
    /// Start from the seats every list earns at the common divisor `votes ÷ seats`, then add
    /// or take back seats one by one: fast for any house size; the result records only those
    /// steps.
    #[default]
    Estimate,
    /// Start from no seats and hand out every seat one by one, recording each (for
    /// explanations).
    Empty,
}

/// One seat handed out (or taken back) in order.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SeatStep {
    pub participant: usize,
    /// The list's seats before this step.
    pub seats_before: u32,
}

/// Buffers of a divisor allocation, reused between allocations.
#[derive(Debug, Default)]
pub(crate) struct DivisorScratch {
    /// Seats handed out by the start (zero when started from nothing).
    pub start_seats: u64,
    /// Under restrictions started from nothing: the seats the minimums and base seats gave first.
    pub floor_seats: u64,
    pub awards: Vec<SeatStep>,
    pub withdrawals: Vec<SeatStep>,
    next_claims: Claims<Priority>,
    last_claims: Claims<Reverse<Priority>>,
    /// The lists whose claims tie for the best, ascending.
    group: Vec<usize>,
    /// The participants a tie favoured.
    winners: Vec<usize>,
}

/// Lists' claims, best first: a heap for many lists, a plain scan for few (cheaper below a few
/// dozen lists, where the heap's bookkeeping costs more than it saves).
#[derive(Debug)]
struct Claims<K> {
    heap: BinaryHeap<(K, Reverse<usize>)>,
    scan: Vec<Option<K>>,
    use_heap: bool,
}

impl<K> Default for Claims<K> {
    fn default() -> Claims<K> {
        Claims { heap: BinaryHeap::new(), scan: Vec::new(), use_heap: false }
    }
}

/// Up to this many lists, claims are scanned rather than kept in a heap.
const SCAN_LIMIT: usize = 32;

impl<K: Ord + Copy> Claims<K> {
    fn reset(&mut self, lists: usize) {
        self.use_heap = lists > SCAN_LIMIT;
        self.heap.clear();
        self.scan.clear();
        if !self.use_heap {
            self.scan.resize(lists, None);
        }
    }

    fn push(&mut self, list: usize, claim: K) {
        if self.use_heap {
            self.heap.push((claim, Reverse(list)));
        } else {
            self.scan[list] = Some(claim);
        }
    }

    /// Takes out every list whose claim equals the best one, into `group` (ascending).
    fn pop_best(&mut self, group: &mut Vec<usize>) {
        group.clear();
        if self.use_heap {
            let Some((best, Reverse(first))) = self.heap.pop() else { return };
            group.push(first);
            while self.heap.peek().is_some_and(|(claim, _)| *claim == best) {
                if let Some((_, Reverse(list))) = self.heap.pop() {
                    group.push(list);
                }
            }
            group.sort_unstable();
            return;
        }
        let Some(best) = self.scan.iter().flatten().max().copied() else { return };
        for (list, claim) in self.scan.iter_mut().enumerate() {
            if *claim == Some(best) {
                group.push(list);
                *claim = None;
            }
        }
    }
}

fn overflow() -> AllocError {
    AllocError::Overflow { context: "divisor quotient" }
}

fn priority(divisor: &Divisor, weight: u128, seats: u32) -> Result<Priority, AllocError> {
    divisor.priority(weight, seats).ok_or_else(overflow)
}

/// Shares the house among `participants` by `divisor`, starting from `start`, into `seats`
/// (per participant); the steps are kept in `scratch`.
pub(crate) fn allocate(
    divisor: &Divisor,
    participants: Participants<'_>,
    limits: Option<Limits<'_>>,
    start: DivisorStart,
    ties: &mut TieBreaker,
    scratch: &mut DivisorScratch,
    seats: &mut Vec<u32>,
) -> Result<(), AllocError> {
    let (weights, house) = (participants.weights, participants.house);
    if weights.iter().all(|w| *w == 0) {
        return Err(AllocError::NoVotes);
    }
    // A custom sequence can make the search for a common divisor creep (huge first divisors,
    // tiny steps after them: fuzz `margins`); in a small house seat by seat is cheaper.
    let start = match divisor {
        Divisor::Custom(_) if house <= SEAT_BY_SEAT_CUSTOM_HOUSE => DivisorStart::Empty,
        _ => start,
    };
    seats.clear();
    seats.resize(weights.len(), 0);
    scratch.floor_seats = 0;
    if let Some(limits) = limits {
        let floors: u64 = limits.floor.iter().map(|f| u64::from(*f)).sum();
        if floors > u64::from(house) {
            return Err(AllocError::Infeasible {
                reason: format!("minimums and base seats come to {floors} seats, more than the house of {house}"),
            });
        }
        let most: u64 = (0..weights.len())
            .map(|i| u64::from(if weights[i] > 0 { limits.cap[i] } else { limits.floor[i] }))
            .fold(0u64, u64::saturating_add);
        if most < u64::from(house) {
            return Err(AllocError::Infeasible {
                reason: format!(
                    "the lists can take at most {most} seats (their maximums; minimums for lists without votes), \
                     fewer than the house of {house}"
                ),
            });
        }
        seats.copy_from_slice(limits.floor);
        if start == DivisorStart::Empty {
            scratch.floor_seats = floors;
        }
    }
    if start == DivisorStart::Estimate {
        start_near(divisor, weights, limits, house, seats)?;
    }
    scratch.awards.clear();
    scratch.withdrawals.clear();
    scratch.start_seats = seats.iter().map(|s| u64::from(*s)).sum();
    if scratch.start_seats <= u64::from(house) {
        let left = (u64::from(house) - scratch.start_seats) as u32;
        award_seats(divisor, participants, limits, left, ties, scratch, seats)
    } else {
        let excess = (scratch.start_seats - u64::from(house)) as u32;
        withdraw_seats(divisor, participants, limits, excess, ties, scratch, seats)
    }
}

/// Participant `i`'s base seats, floor and cap (none without restrictions).
fn bounds_of(limits: Option<Limits<'_>>, i: usize) -> (u32, u32, u32) {
    match limits {
        Some(limits) => (limits.base[i], limits.floor[i], limits.cap[i]),
        None => (0, 0, u32::MAX),
    }
}

/// Hands out `left` more seats one by one, each to the highest claim.
fn award_seats(
    divisor: &Divisor,
    participants: Participants<'_>,
    limits: Option<Limits<'_>>,
    mut left: u32,
    ties: &mut TieBreaker,
    scratch: &mut DivisorScratch,
    seats: &mut [u32],
) -> Result<(), AllocError> {
    let DivisorScratch { awards, next_claims, group, winners, .. } = scratch;
    let weights = participants.weights;
    // Each list's claim to its next seat, the highest first (a list at its maximum claims none).
    next_claims.reset(weights.len());
    for (i, weight) in weights.iter().enumerate().filter(|(_, w)| **w > 0) {
        let (base, _, cap) = bounds_of(limits, i);
        if seats[i] < cap {
            next_claims.push(i, priority(divisor, *weight, seats[i] - base)?);
        }
    }
    while left > 0 {
        next_claims.pop_best(group);
        if group.is_empty() {
            return Err(AllocError::Infeasible {
                reason: format!("{left} seat(s) are left and every list with votes is at its maximum"),
            });
        }
        let tied = group.len() as u32 > left;
        if tied {
            winners.clear();
            participants.settle_tie(ties, TieStage::Quotient, group, left, winners)?;
        }
        for &i in group.iter() {
            if !tied || winners.contains(&i) {
                awards.push(SeatStep { participant: i, seats_before: seats[i] });
                seats[i] += 1;
                left -= 1;
            }
            let (base, _, cap) = bounds_of(limits, i);
            if seats[i] < cap {
                next_claims.push(i, priority(divisor, weights[i], seats[i] - base)?);
            }
        }
    }
    Ok(())
}

/// Takes back `excess` seats one by one, each from the lowest claim to a seat held.
fn withdraw_seats(
    divisor: &Divisor,
    participants: Participants<'_>,
    limits: Option<Limits<'_>>,
    mut excess: u32,
    ties: &mut TieBreaker,
    scratch: &mut DivisorScratch,
    seats: &mut [u32],
) -> Result<(), AllocError> {
    let DivisorScratch { withdrawals, last_claims, group, winners, .. } = scratch;
    let weights = participants.weights;
    // Each list's claim to the last seat it holds, the lowest first (a list at its minimum
    // gives none back).
    last_claims.reset(weights.len());
    for (i, weight) in weights.iter().enumerate() {
        let (base, floor, _) = bounds_of(limits, i);
        if seats[i] > floor.max(base) {
            last_claims.push(i, Reverse(priority(divisor, *weight, seats[i] - 1 - base)?));
        }
    }
    while excess > 0 {
        last_claims.pop_best(group);
        if group.is_empty() {
            return Err(AllocError::Internal { context: "divisor withdrawal below the minimums" });
        }
        let tied = group.len() as u32 > excess;
        if tied {
            // The tie is settled over who keeps a seat.
            winners.clear();
            let keepers = group.len() as u32 - excess;
            participants.settle_tie(ties, TieStage::Quotient, group, keepers, winners)?;
        }
        for &i in group.iter() {
            if !tied || !winners.contains(&i) {
                seats[i] -= 1;
                excess -= 1;
                withdrawals.push(SeatStep { participant: i, seats_before: seats[i] + 1 });
            }
            let (base, floor, _) = bounds_of(limits, i);
            if seats[i] > floor.max(base) {
                last_claims.push(i, Reverse(priority(divisor, weights[i], seats[i] - 1 - base)?));
            }
        }
    }
    Ok(())
}

/// The seats each list earns at a common divisor near `total ÷ house`: a valid divisor
/// allocation for its own total, from which the house size is reached in few steps.
fn start_near(
    divisor: &Divisor,
    weights: &[u128],
    limits: Option<Limits<'_>>,
    house: u32,
    seats: &mut [u32],
) -> Result<(), AllocError> {
    let total: u128 = weights.iter().try_fold(0u128, |sum, w| sum.checked_add(*w)).ok_or_else(overflow)?;
    let n = weights.len() as u64;
    let house_seats = u64::from(house);
    let mut target = Ratio::of(total, u128::from(house));
    // The closest start seen: any level's counts are a valid start, so a miss costs only the
    // seats between it and the house, handed out (or taken back) one by one.
    let mut best: Option<(u64, Ratio, Priority)> = None;
    // The largest divisor seen that gives too many seats and the smallest that gives too few:
    // once both are known, the answer lies between them.
    let (mut too_many, mut too_few): (Option<Ratio>, Option<Ratio>) = (None, None);
    for round in 0..START_ROUNDS {
        let Some(level) = level_priority(divisor, target) else { break };
        let given = count_all_at_or_above(divisor, weights, limits, level, target, seats)?;
        let off = given.abs_diff(house_seats);
        if off <= n {
            return Ok(());
        }
        if best.is_none_or(|(closest, _, _)| off < closest) {
            best = Some((off, target, level));
        }
        if given > house_seats {
            too_many = too_many.max(Some(target));
        } else {
            too_few = Some(too_few.map_or(target, |t| t.min(target)));
        }
        // Far off (an unusual custom sequence, or the offset of a sequence such as Danish's
        // 1, 4, 7, … in a huge house): scale the divisor by how far (by the house when no
        // seat was given), or halve the bracket when the scaled divisor leaves it, and every
        // other round (scaling alone can creep towards the answer in tiny steps).
        let scaled = rescaled(target, given.max(1), house);
        let next = match (too_many, too_few) {
            (Some(low), Some(high)) => match scaled.filter(|t| round % 2 == 0 && low < *t && *t < high) {
                Some(inside) => Some(inside),
                None => midpoint(low, high).filter(|mid| low < *mid && *mid < high),
            },
            _ => scaled,
        };
        let Some(next) = next else { break };
        target = next;
    }
    match best {
        Some((_, target, level)) => {
            count_all_at_or_above(divisor, weights, limits, level, target, seats)?;
        }
        None => match limits {
            Some(limits) => seats.copy_from_slice(limits.floor),
            None => seats.fill(0),
        },
    }
    Ok(())
}

/// Rounds of [`start_near`] before it settles for the closest start seen.
const START_ROUNDS: usize = 96;

/// The largest house a custom divisor sequence allocates seat by seat, without searching for
/// a common divisor first.
const SEAT_BY_SEAT_CUSTOM_HOUSE: u32 = 256;

/// About halfway between two positive fractions, in 63-bit precision (only an estimate).
fn midpoint(low: Ratio, high: Ratio) -> Option<Ratio> {
    let shrink = |r: Ratio| {
        let shift = (128 - r.num().max(r.den()).leading_zeros()).saturating_sub(63);
        (r.num() >> shift, (r.den() >> shift).max(1))
    };
    let ((a, b), (c, d)) = (shrink(low), shrink(high));
    let num = a.checked_mul(d)?.checked_add(c.checked_mul(b)?)?;
    let den = b.checked_mul(d)?.checked_mul(2)?;
    Some(Ratio::of(num, den).reduced())
}

/// Sets each list's count of seats whose priority is at or above `level`; returns their sum.
fn count_all_at_or_above(
    divisor: &Divisor,
    weights: &[u128],
    limits: Option<Limits<'_>>,
    level: Priority,
    target: Ratio,
    seats: &mut [u32],
) -> Result<u64, AllocError> {
    for (i, (seat_count, weight)) in seats.iter_mut().zip(weights).enumerate() {
        *seat_count = count_at_or_above(divisor, *weight, level, target)?;
        if let Some(limits) = limits {
            // The restricted seats at this level: base plus the level's share, within the bounds.
            let (base, floor, cap) = (limits.base[i], limits.floor[i], limits.cap[i]);
            *seat_count = seat_count.saturating_add(base).clamp(floor, cap.max(floor));
        }
    }
    Ok(seats.iter().map(|s| u64::from(*s)).sum())
}

/// `target × given ÷ house`, with less precision where the exact product does not fit 128 bits
/// (it is only an estimate); `None` when it is zero or cannot be formed.
fn rescaled(target: Ratio, given: u64, house: u32) -> Option<Ratio> {
    let (mut num, mut den) = (target.num(), target.den());
    loop {
        if let (Some(num), Some(den)) = (num.checked_mul(u128::from(given)), den.checked_mul(u128::from(house))) {
            return (num > 0 && den > 0).then(|| Ratio::of(num, den).reduced());
        }
        if den <= 1 {
            return None;
        }
        num >>= 1;
        den >>= 1;
    }
}

fn level_priority(divisor: &Divisor, target: Ratio) -> Option<Priority> {
    if target.num() == 0 {
        return None;
    }
    match divisor {
        Divisor::HuntingtonHill | Divisor::PowerMean(PowerMean::Whole(0)) => Some(powered_level(target, 2, 1, 1)),
        // The power-mean claims are (v/d)^k / 2 (p = k > 0) and 2 (v/d)^k (p = -k < 0).
        Divisor::PowerMean(PowerMean::Whole(p)) if *p > 1 => {
            Some(powered_level(target, u32::from(p.unsigned_abs()), 1, 2))
        }
        Divisor::PowerMean(PowerMean::Whole(p)) if *p < -1 => {
            Some(powered_level(target, u32::from(p.unsigned_abs()), 2, 1))
        }
        _ => Some(Priority::Finite(target)),
    }
}

/// The level `factor_num / factor_den × target^k`: any level is a valid start, so when the power
/// does not fit 128 bits an approximate one (the fraction shifted down) does.
fn powered_level(target: Ratio, k: u32, factor_num: u128, factor_den: u128) -> Priority {
    let (mut num, mut den) = (target.num(), target.den());
    loop {
        let powered = num
            .checked_pow(k)
            .and_then(|n| n.checked_mul(factor_num))
            .zip(den.checked_pow(k).and_then(|d| d.checked_mul(factor_den)));
        if let Some((n, d)) = powered {
            return Priority::Finite(Ratio::of(n, d.max(1)));
        }
        num >>= 1;
        den = (den >> 1).max(1);
    }
}

/// How many seats a list of `weight` earns at priority level `level`: the number of `s` with
/// `priority(weight, s) ≥ level`, found from the guess `weight ÷ target` by galloping.
fn count_at_or_above(divisor: &Divisor, weight: u128, level: Priority, target: Ratio) -> Result<u32, AllocError> {
    if weight == 0 {
        return Ok(0);
    }
    let guess = seats_guess(weight, target);
    let at_or_above = |s: u32| -> Result<bool, AllocError> { Ok(priority(divisor, weight, s)? >= level) };
    // The answer is the first `s` where `at_or_above` fails; it holds below and fails above.
    let (mut lo, mut hi);
    if at_or_above(guess)? {
        lo = guess.checked_add(1).ok_or_else(overflow)?;
        hi = lo;
        let mut step = 1u32;
        while at_or_above(hi)? {
            lo = hi.checked_add(1).ok_or_else(overflow)?;
            hi = hi.saturating_add(step);
            step = step.saturating_mul(2);
        }
    } else {
        hi = guess;
        let mut step = 1u32;
        loop {
            let probe = hi.saturating_sub(step);
            if at_or_above(probe)? {
                lo = probe + 1;
                break;
            }
            if probe == 0 {
                return Ok(0);
            }
            hi = probe;
            step = step.saturating_mul(2);
        }
    }
    // Invariant: at_or_above(lo - 1) holds and at_or_above(hi) fails; the answer is in lo..=hi.
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if at_or_above(mid)? { lo = mid + 1 } else { hi = mid }
    }
    Ok(hi)
}

/// `floor(weight ÷ target)`, clamped to `u32`.
fn seats_guess(weight: u128, target: Ratio) -> u32 {
    let quotient = weight.checked_mul(target.den()).map_or(u128::from(u32::MAX), |scaled| {
        // u128 division is slow; most elections fit 64 bits.
        match (u64::try_from(scaled), u64::try_from(target.num())) {
            (Ok(scaled), Ok(num)) => u128::from(scaled / num),
            _ => scaled / target.num(),
        }
    });
    u32::try_from(quotient).unwrap_or(u32::MAX)
}
