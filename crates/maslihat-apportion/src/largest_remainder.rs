//! Largest-remainder allocation: whole quotas, then the seats left over by remainder, exactly.

use crate::error::AllocError;
use crate::exact::Ratio;
use crate::method::Quota;
use crate::participants::Participants;
use crate::tie::{TieBreaker, TieStage};

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
    scratch.quota = Some(Ratio::of(num, den));
    whole_quotas(participants.weights, total, num, den, scratch)?;
    seats.clear();
    seats.extend_from_slice(&scratch.whole);
    let given: u64 = scratch.whole.iter().map(|w| u64::from(*w)).sum();
    if given <= u64::from(house) {
        let left = (u64::from(house) - given) as u32;
        hand_out_remainder_seats(participants, left, ties, scratch, seats)
    } else {
        let excess = (given - u64::from(house)) as u32;
        take_back_excess_seats(participants, excess, ties, scratch, seats)
    }
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
    let LargestRemainderScratch { whole, remainders, remainder_order, withdrawn, full_rounds, .. } = scratch;
    *full_rounds = 0;
    whole.clear();
    remainders.clear();
    remainder_order.clear();
    withdrawn.clear();
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
