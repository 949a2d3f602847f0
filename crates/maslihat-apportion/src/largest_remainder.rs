//! Largest-remainder allocation: whole quotas, then the seats left over by remainder, exactly.

use std::cmp::Ordering;

use crate::error::AllocError;
use crate::exact::{Ratio, cmp_products};
use crate::method::Quota;
use crate::participants::Participants;
use crate::result::Bound;
use crate::rules::QuotaRounding;
use crate::threshold::Percentage;
use crate::tie::{TieBreaker, TieStage};

/// What a largest-remainder allocation applies besides its quota.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Options {
    pub rounding: QuotaRounding,
    /// Kieswet P 8: only lists whose votes reach this share of the quota get a remainder seat,
    /// one each, then highest averages one per list per round.
    pub remainder_threshold: Option<Percentage>,
}

/// Per-participant seat restrictions: `floor` (at least, base seats included), `cap` (at
/// most, `u32::MAX` for none) and `base` (held before the proportional share).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits<'a> {
    pub floor: &'a [u32],
    pub cap: &'a [u32],
    pub base: &'a [u32],
}

/// Buffers of a largest-remainder allocation, per participant (same order as the weights);
/// reused between allocations.
#[derive(Debug, Default)]
pub(crate) struct LargestRemainderScratch {
    /// The quota as an exact fraction of (weighted) votes.
    pub quota: Option<Ratio>,
    pub whole: Vec<u32>,
    /// Remainder numerators: participant `i`'s remainder is `remainders[i] / quota.num()` quotas.
    pub remainders: Vec<u128>,
    /// Participants in the order they received remainder seats.
    pub remainder_order: Vec<usize>,
    /// Whole rounds of one seat to every list with votes, when the house had more seats left
    /// than lists (only with a quota far above the votes, e.g. Droop with fewer votes than seats).
    pub full_rounds: u32,
    /// Participants in the order seats were taken back when whole quotas exceeded the house.
    pub withdrawn: Vec<usize>,
    /// Under a remainder threshold: participants given a seat by highest averages, in order.
    pub average_order: Vec<usize>,
    /// Under a remainder threshold: participants whose votes fell short of it.
    pub below_threshold: Vec<usize>,
    /// Under restrictions: participants fixed at a bound, in order, with their seats.
    pub bounds: Vec<(usize, Bound, u32)>,
    ranked: Vec<usize>,
}

const OVERFLOW: &str = "largest-remainder quota";

fn overflow() -> AllocError {
    AllocError::Overflow { context: OVERFLOW }
}

/// Shares the house among `participants` by largest remainders with `quota`, into `seats`
/// (per participant); the steps are kept in `scratch`.
pub(crate) fn allocate(
    quota: Quota,
    options: Options,
    participants: Participants<'_>,
    ties: &mut TieBreaker,
    scratch: &mut LargestRemainderScratch,
    seats: &mut Vec<u32>,
) -> Result<(), AllocError> {
    let total = participants.total_weight(OVERFLOW)?;
    if total == 0 {
        return Err(AllocError::NoVotes);
    }
    let house = participants.house;
    let (num, den) = quota_fraction(quota, total, house);
    let (num, den) = options.rounding.apply(num, den);
    if num == 0 {
        return Err(AllocError::Infeasible {
            reason: format!("the quota rounds to zero votes ({total} votes for {house} seats)"),
        });
    }
    scratch.quota = Some(Ratio::of(num, den));
    whole_quotas(participants.weights, total, num, den, scratch)?;
    seats.clear();
    seats.extend_from_slice(&scratch.whole);
    let given: u64 = scratch.whole.iter().map(|w| u64::from(*w)).sum();
    if given <= u64::from(house) {
        let left = (u64::from(house) - given) as u32;
        match options.remainder_threshold {
            None => hand_out_remainder_seats(participants, left, ties, scratch, seats),
            Some(share) => hand_out_above_share(participants, left, share, (num, den), ties, scratch, seats),
        }
    } else {
        let excess = given - u64::from(house);
        // Taken back one by one and recorded for the explanation, so bounded (fuzz `core`: a
        // quota rounded down to a vote or two gave billions of whole seats too many).
        if excess > u64::from(MAX_AVERAGE_SEATS) {
            return Err(AllocError::Infeasible {
                reason: format!(
                    "the quota of {} votes gives {excess} whole seats more than the house of {house}, more than the \
                     {MAX_AVERAGE_SEATS} that are taken back one by one (is the quota rounded too far?)",
                    Ratio::of(num, den).decimal_trimmed()
                ),
            });
        }
        take_back_excess_seats(participants, excess as u32, ties, scratch, seats)
    }
}

/// Largest remainder under seat restrictions: base seats first, the rest shared by the method;
/// every list whose total would exceed its maximum is held at its maximum and the others'
/// shares recomputed (quota included), then likewise every list below its minimum is held at
/// its minimum; until no restriction is broken. The scratch ends with the last round's quota
/// and each participant's figures (a held list shows its seats as whole seats).
pub(crate) fn allocate_restricted(
    quota: Quota,
    options: Options,
    participants: Participants<'_>,
    limits: Limits<'_>,
    ties: &mut TieBreaker,
    scratch: &mut LargestRemainderScratch,
    seats: &mut Vec<u32>,
) -> Result<(), AllocError> {
    let n = participants.len();
    let house = participants.house;
    let mut fixed: Vec<Option<u32>> = vec![None; n];
    let mut bounds: Vec<(usize, Bound, u32)> = Vec::new();
    let mut round_seats: Vec<u32> = Vec::new();
    loop {
        let active: Vec<usize> = (0..n).filter(|p| fixed[*p].is_none()).collect();
        let held: u64 = fixed.iter().flatten().map(|s| u64::from(*s)).sum::<u64>()
            + active.iter().map(|p| u64::from(limits.base[*p])).sum::<u64>();
        let Some(share_house) = u64::from(house).checked_sub(held) else {
            return Err(AllocError::Infeasible {
                reason: format!("minimums and base seats come to {held} seats, more than the house of {house}"),
            });
        };
        let share_house = share_house as u32;
        let weights: Vec<u128> = active.iter().map(|p| participants.weights[*p]).collect();
        let lists: Vec<usize> = active.iter().map(|p| participants.lists[*p]).collect();
        round_seats.clear();
        round_seats.resize(active.len(), 0);
        reset(scratch);
        if share_house > 0 {
            if active.is_empty() || weights.iter().all(|w| *w == 0) {
                return Err(AllocError::Infeasible {
                    reason: format!(
                        "{share_house} seat(s) are left once the lists held at their maximum have it, and no other \
                         list with votes can take them"
                    ),
                });
            }
            let sub = Participants { weights: &weights, lists: &lists, votes: participants.votes, house: share_house };
            allocate(quota, options, sub, ties, scratch, &mut round_seats)?;
        }
        let total = |k: usize| limits.base[active[k]] + round_seats[k];
        let over: Vec<usize> = (0..active.len()).filter(|k| total(*k) > limits.cap[active[*k]]).collect();
        let broken: Vec<(usize, Bound)> = if over.is_empty() {
            (0..active.len()).filter(|k| total(*k) < limits.floor[active[*k]]).map(|k| (k, Bound::Min)).collect()
        } else {
            over.into_iter().map(|k| (k, Bound::Max)).collect()
        };
        if broken.is_empty() {
            seats.clear();
            seats.resize(n, 0);
            for (p, fixed_seats) in fixed.iter().enumerate() {
                if let Some(held_seats) = fixed_seats {
                    seats[p] = *held_seats;
                }
            }
            for (k, p) in active.iter().enumerate() {
                seats[*p] = total(k);
            }
            spread_scratch(scratch, &active, &fixed, limits.base, n);
            scratch.bounds = bounds;
            return Ok(());
        }
        for (k, bound) in broken {
            let p = active[k];
            let held_at = if bound == Bound::Max { limits.cap[p] } else { limits.floor[p] };
            fixed[p] = Some(held_at);
            bounds.push((p, bound, held_at));
        }
    }
}

fn reset(scratch: &mut LargestRemainderScratch) {
    scratch.quota = None;
    scratch.whole.clear();
    scratch.remainders.clear();
    scratch.remainder_order.clear();
    scratch.average_order.clear();
    scratch.below_threshold.clear();
    scratch.withdrawn.clear();
    scratch.full_rounds = 0;
}

/// Maps the last round's figures (over the active participants) back to every participant:
/// a held list shows its seats (less base seats) as whole seats and no remainder.
fn spread_scratch(
    scratch: &mut LargestRemainderScratch,
    active: &[usize],
    fixed: &[Option<u32>],
    base: &[u32],
    n: usize,
) {
    let mut whole = vec![0u32; n];
    let mut remainders = vec![0u128; n];
    for (p, held) in fixed.iter().enumerate() {
        if let Some(held) = held {
            whole[p] = held.saturating_sub(base[p]);
        }
    }
    for (k, p) in active.iter().enumerate() {
        whole[*p] = scratch.whole.get(k).copied().unwrap_or(0);
        remainders[*p] = scratch.remainders.get(k).copied().unwrap_or(0);
    }
    let remap = |order: &mut Vec<usize>| order.iter_mut().for_each(|k| *k = active[*k]);
    remap(&mut scratch.remainder_order);
    remap(&mut scratch.withdrawn);
    remap(&mut scratch.average_order);
    remap(&mut scratch.below_threshold);
    scratch.whole = whole;
    scratch.remainders = remainders;
}

/// The quota as `num / den` (weighted) votes for a house of `house` seats.
fn quota_fraction(quota: Quota, total: u128, house: u32) -> (u128, u128) {
    let s = u128::from(house);
    match quota {
        Quota::Hare => (total, s),
        Quota::HagenbachBischoff => (total, s + 1),
        Quota::Imperiali => (total, s + 2),
        Quota::Droop => (total / (s + 1) + 1, 1),
    }
}

/// Each participant's whole quotas and remainder: with quota `num / den`, whole =
/// floor(w × den / num) and remainder = (w × den mod num) / num; into `scratch`.
fn whole_quotas(
    weights: &[u128],
    total: u128,
    num: u128,
    den: u128,
    scratch: &mut LargestRemainderScratch,
) -> Result<(), AllocError> {
    let LargestRemainderScratch {
        whole,
        remainders,
        remainder_order,
        withdrawn,
        full_rounds,
        average_order,
        below_threshold,
        ..
    } = scratch;
    *full_rounds = 0;
    whole.clear();
    remainders.clear();
    remainder_order.clear();
    withdrawn.clear();
    average_order.clear();
    below_threshold.clear();
    let small = u64::try_from(total).ok().zip(u64::try_from(den).ok()).filter(|(t, d)| t.checked_mul(*d).is_some());
    for weight in weights {
        let (seat_count, remainder) = match small {
            // Every product fits 64 bits: the cheaper division.
            Some((_, den64)) => {
                let scaled = *weight as u64 * den64;
                let num64 = num as u64;
                (u128::from(scaled / num64), u128::from(scaled % num64))
            }
            None => {
                let scaled = weight.checked_mul(den).ok_or_else(overflow)?;
                (scaled / num, scaled % num)
            }
        };
        whole.push(u32::try_from(seat_count).map_err(|_| overflow())?);
        remainders.push(remainder);
    }
    Ok(())
}

/// Hands out the `left` seats the whole quotas did not fill, largest remainder first.
fn hand_out_remainder_seats(
    participants: Participants<'_>,
    mut left: u32,
    ties: &mut TieBreaker,
    scratch: &mut LargestRemainderScratch,
    seats: &mut [u32],
) -> Result<(), AllocError> {
    let LargestRemainderScratch { remainders, remainder_order, ranked, full_rounds, .. } = scratch;
    let remainders = &*remainders;
    ranked.clear();
    ranked.extend((0..participants.len()).filter(|i| participants.weights[*i] > 0));
    ranked.sort_unstable_by(|a, b| remainders[*b].cmp(&remainders[*a]).then(a.cmp(b)));
    // More seats left than lists: every list gets whole rounds first, in one step.
    let lists_with_votes = u32::try_from(ranked.len()).unwrap_or(u32::MAX).max(1);
    *full_rounds = left / lists_with_votes;
    if *full_rounds > 0 {
        for &i in ranked.iter() {
            seats[i] += *full_rounds;
        }
        left -= *full_rounds * lists_with_votes;
    }
    while left > 0 {
        let start = remainder_order.len();
        pick(ranked, remainders, left, participants, ties, Direction::Largest, remainder_order)?;
        left -= (remainder_order.len() - start) as u32;
        for &i in &remainder_order[start..] {
            seats[i] += 1;
        }
    }
    Ok(())
}

/// The most seats [`hand_out_above_share`] gives by highest averages after the remainder seats,
/// and the most whole seats over the house that a small (or rounded) quota may give.
pub(crate) const MAX_AVERAGE_SEATS: u32 = 100_000;

/// Kieswet P 8: the `left` seats go one each, largest remainder first, to the lists whose votes
/// reach `share` of the quota `num / den`; seats still left go by highest averages (D'Hondt,
/// `votes / (seats + 1)`) among those lists, at most one more each per round.
fn hand_out_above_share(
    participants: Participants<'_>,
    mut left: u32,
    share: Percentage,
    (num, den): (u128, u128),
    ties: &mut TieBreaker,
    scratch: &mut LargestRemainderScratch,
    seats: &mut [u32],
) -> Result<(), AllocError> {
    let LargestRemainderScratch { remainders, remainder_order, ranked, below_threshold, average_order, .. } = scratch;
    let weights = participants.weights;
    // votes ≥ share × quota: votes × den × share.den ≥ share.num × num.
    let eligible = |i: usize| {
        weights[i] > 0
            && weights[i].checked_mul(den).is_some_and(|scaled| {
                cmp_products(scaled, u128::from(share.denominator()), u128::from(share.numerator()), num).is_ge()
            })
    };
    ranked.clear();
    ranked.extend((0..participants.len()).filter(|i| eligible(*i)));
    below_threshold.extend((0..participants.len()).filter(|i| weights[*i] > 0 && !eligible(*i)));
    if left > 0 && ranked.is_empty() {
        return Err(AllocError::Infeasible {
            reason: format!(
                "{left} seat(s) are left after whole quotas and no list reaches {}% of the quota for a remainder seat",
                share.per_cent_text()
            ),
        });
    }
    let remainders = &*remainders;
    ranked.sort_unstable_by(|a, b| remainders[*b].cmp(&remainders[*a]).then(a.cmp(b)));
    let first = left.min(u32::try_from(ranked.len()).unwrap_or(u32::MAX));
    if first > 0 {
        pick(ranked, remainders, first, participants, ties, Direction::Largest, remainder_order)?;
        for &i in remainder_order.iter() {
            seats[i] += 1;
        }
        left -= first;
    }
    // Highest averages, one seat per list per round, among the same lists; every seat is
    // recorded for the explanation, so their number is bounded (fuzz `core`: billions of seats).
    if left > MAX_AVERAGE_SEATS {
        return Err(AllocError::Infeasible {
            reason: format!(
                "the remainder threshold leaves {left} seats to highest averages, more than the {MAX_AVERAGE_SEATS} \
                 this rule hands out (it is meant for councils of fewer than 19 seats)"
            ),
        });
    }
    let eligible_lists: Vec<usize> = ranked.clone();
    while left > 0 {
        let round = left.min(u32::try_from(eligible_lists.len()).unwrap_or(u32::MAX));
        let claim = |i: usize| Ratio::of(weights[i], u128::from(seats[i]) + 1);
        let mut order = eligible_lists.clone();
        order.sort_by(|a, b| claim(*b).cmp(&claim(*a)).then(a.cmp(b)));
        let cut = claim(order[round as usize - 1]);
        let mut winners: Vec<usize> = order.iter().copied().filter(|i| claim(*i) > cut).collect();
        let tied: Vec<usize> = {
            let mut tied: Vec<usize> =
                order.iter().copied().filter(|i| claim(*i).cmp(&cut) == Ordering::Equal).collect();
            tied.sort_unstable();
            tied
        };
        let places = round - winners.len() as u32;
        if tied.len() as u32 > places {
            participants.settle_tie(ties, TieStage::Quotient, &tied, places, &mut winners)?;
        } else {
            winners.extend(tied);
        }
        // In the order of the averages.
        let ordered: Vec<usize> = order.iter().copied().filter(|i| winners.contains(i)).collect();
        for &i in &ordered {
            seats[i] += 1;
            average_order.push(i);
        }
        left -= round;
    }
    Ok(())
}

/// A small quota (Hagenbach-Bischoff, Imperiali) handed out `excess` whole seats more than the
/// house has: takes them back from the smallest remainders among lists holding a seat.
fn take_back_excess_seats(
    participants: Participants<'_>,
    mut excess: u32,
    ties: &mut TieBreaker,
    scratch: &mut LargestRemainderScratch,
    seats: &mut [u32],
) -> Result<(), AllocError> {
    let LargestRemainderScratch { remainders, withdrawn, ranked, .. } = scratch;
    let remainders = &*remainders;
    while excess > 0 {
        ranked.clear();
        ranked.extend((0..participants.len()).filter(|i| seats[*i] > 0));
        ranked.sort_unstable_by(|a, b| remainders[*a].cmp(&remainders[*b]).then(a.cmp(b)));
        let start = withdrawn.len();
        pick(ranked, remainders, excess, participants, ties, Direction::Smallest, withdrawn)?;
        excess -= (withdrawn.len() - start) as u32;
        for &i in &withdrawn[start..] {
            seats[i] -= 1;
        }
    }
    Ok(())
}

/// Whether [`pick`] chooses who gains a seat (largest remainders) or who loses one (smallest).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Largest,
    Smallest,
}

/// Appends to `picked` the first `count` of `ranked` (participants ranked best first for
/// `direction` by `keys`), settling a tie at the cut. When `count` covers all of `ranked`,
/// every one is picked. For `Smallest`, the tie is settled over who *keeps* a seat, so a policy
/// favours the same lists either way.
fn pick(
    ranked: &[usize],
    keys: &[u128],
    count: u32,
    participants: Participants<'_>,
    ties: &mut TieBreaker,
    direction: Direction,
    picked: &mut Vec<usize>,
) -> Result<(), AllocError> {
    let count = count as usize;
    if count >= ranked.len() {
        picked.extend_from_slice(ranked);
        return Ok(());
    }
    let boundary = keys[ranked[count - 1]];
    if keys[ranked[count]] != boundary {
        picked.extend_from_slice(&ranked[..count]);
        return Ok(());
    }
    let above = ranked[..count].iter().copied().filter(|i| keys[*i] != boundary);
    let places = count - above.clone().count();
    picked.extend(above);
    // Ranked by key, then ascending: the tied participants come out ascending.
    let tied: Vec<usize> = ranked.iter().copied().filter(|i| keys[*i] == boundary).collect();
    match direction {
        Direction::Largest => participants.settle_tie(ties, TieStage::Remainder, &tied, places as u32, picked),
        Direction::Smallest => {
            let keepers = (tied.len() - places) as u32;
            let mut keep = Vec::with_capacity(tied.len());
            participants.settle_tie(ties, TieStage::Withdrawal, &tied, keepers, &mut keep)?;
            picked.extend(tied.iter().copied().filter(|i| !keep.contains(i)));
            Ok(())
        }
    }
}
