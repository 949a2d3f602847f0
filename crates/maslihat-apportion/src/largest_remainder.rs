//! Largest-remainder allocation: whole quotas, then the seats left over by remainder, exactly.

use crate::error::AllocError;
use crate::exact::Ratio;
use crate::method::Quota;
use crate::tie::{TieBreaker, TieStage};

/// Buffers of a largest-remainder allocation, per participant (same order as the weights);
/// reused between allocations.
#[derive(Debug, Default)]
pub(crate) struct LrScratch {
    /// The quota as an exact fraction of (weighted) votes.
    pub quota: Option<Ratio>,
    pub whole: Vec<u32>,
    /// Remainder numerators: participant `i`'s remainder is `remainders[i] / quota.num` quotas.
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

fn overflow() -> AllocError {
    AllocError::Overflow { context: "largest-remainder quota" }
}

/// Allocates `house` seats among participants with `weights` into `seats`; `lists[i]` is
/// participant `i`'s list index (ascending, registration order) and `votes` ranks lists for the
/// `votes` tie policy.
#[allow(clippy::too_many_arguments)]
pub(crate) fn allocate(
    quota: Quota,
    weights: &[u128],
    lists: &[usize],
    votes: &[u64],
    house: u32,
    ties: &mut TieBreaker,
    scratch: &mut LrScratch,
    seats: &mut Vec<u32>,
) -> Result<(), AllocError> {
    let total: u128 = weights.iter().try_fold(0u128, |sum, w| sum.checked_add(*w)).ok_or_else(overflow)?;
    if total == 0 {
        return Err(AllocError::NoVotes);
    }
    let s = u128::from(house);
    // quota = num / den; whole = floor(w × den / num); remainder = (w × den mod num) / num.
    let (num, den) = match quota {
        Quota::Hare => (total, s),
        Quota::HagenbachBischoff => (total, s + 1),
        Quota::Imperiali => (total, s + 2),
        Quota::Droop => (total / (s + 1) + 1, 1),
    };
    scratch.quota = Some(Ratio::new(num, den));
    let LrScratch { whole, remainders, remainder_order, withdrawn, ranked, full_rounds, .. } = scratch;
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
    seats.clear();
    seats.extend_from_slice(whole);
    let given: u64 = whole.iter().map(|w| u64::from(*w)).sum();
    let n = weights.len();
    let remainders = &*remainders;
    if given <= u64::from(house) {
        let mut left = (u64::from(house) - given) as u32;
        ranked.clear();
        ranked.extend((0..n).filter(|i| weights[*i] > 0));
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
            pick(ranked, remainders, left, lists, votes, ties, Direction::Largest, remainder_order)?;
            left -= (remainder_order.len() - start) as u32;
            for &i in &remainder_order[start..] {
                seats[i] += 1;
            }
        }
    } else {
        // A small quota (Hagenbach-Bischoff, Imperiali) handed out more whole seats than the
        // house has: take them back from the smallest remainders among lists holding a seat.
        let mut excess = (given - u64::from(house)) as u32;
        while excess > 0 {
            ranked.clear();
            ranked.extend((0..n).filter(|i| seats[*i] > 0));
            ranked.sort_unstable_by(|a, b| remainders[*a].cmp(&remainders[*b]).then(a.cmp(b)));
            let start = withdrawn.len();
            pick(ranked, remainders, excess, lists, votes, ties, Direction::Smallest, withdrawn)?;
            excess -= (withdrawn.len() - start) as u32;
            for &i in &withdrawn[start..] {
                seats[i] -= 1;
            }
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

/// Appends to `picked` the first `count` of `ranked` (ranked best first for `direction`),
/// settling a tie at the cut. When `count` covers all of `ranked`, every one is picked. For
/// `Smallest`, the tie is settled over who *keeps* a seat, so a policy favours the same lists
/// either way.
#[allow(clippy::too_many_arguments)]
fn pick(
    ranked: &[usize],
    keys: &[u128],
    count: u32,
    lists: &[usize],
    votes: &[u64],
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
    let tied: Vec<usize> = ranked.iter().copied().filter(|i| keys[*i] == boundary).collect();
    let tied_lists: Vec<usize> = tied.iter().map(|i| lists[*i]).collect();
    match direction {
        Direction::Largest => {
            let winners = ties
                .settle(TieStage::Remainder, &tied_lists, places as u32, votes)
                .map_err(AllocError::UnresolvedTie)?;
            picked.extend(tied.iter().copied().filter(|i| winners.contains(&lists[*i])));
        }
        Direction::Smallest => {
            let keepers = (tied.len() - places) as u32;
            let keep =
                ties.settle(TieStage::Withdrawal, &tied_lists, keepers, votes).map_err(AllocError::UnresolvedTie)?;
            picked.extend(tied.iter().copied().filter(|i| !keep.contains(&lists[*i])));
        }
    }
    Ok(())
}
