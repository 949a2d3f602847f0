//! Largest-remainder allocation: whole quotas, then the seats left over by remainder, exactly.

use crate::error::AllocError;
use crate::exact::Ratio;
use crate::method::Quota;
use crate::tie::{TieBreaker, TieStage};

/// What a largest-remainder allocation computed, per participant (same order as the weights).
#[derive(Debug)]
pub(crate) struct LrOutcome {
    /// The quota as an exact fraction of (weighted) votes.
    pub quota: Ratio,
    pub seats: Vec<u32>,
    pub whole: Vec<u32>,
    /// The remainder of each participant as a fraction of the quota.
    pub remainders: Vec<Ratio>,
    /// Participants in the order they received remainder seats.
    pub remainder_order: Vec<usize>,
    /// Participants in the order seats were taken back when whole quotas exceeded the house.
    pub withdrawn: Vec<usize>,
}

/// Allocates `house` seats among participants with `weights`; `lists[i]` is participant `i`'s
/// list index (ascending, registration order) and `votes` ranks lists for the `votes` policy.
pub(crate) fn allocate(
    quota: Quota,
    weights: &[u128],
    lists: &[usize],
    votes: &[u64],
    house: u32,
    ties: &mut TieBreaker,
) -> Result<LrOutcome, AllocError> {
    let overflow = AllocError::Overflow { context: "largest-remainder quota" };
    let total: u128 = weights.iter().try_fold(0u128, |sum, w| sum.checked_add(*w)).ok_or(overflow.clone())?;
    if total == 0 {
        return Err(AllocError::NoVotes);
    }
    let s = u128::from(house);
    // quota = quota_num / quota_den; whole = floor(w × den / num); remainder = (w × den mod num) / num.
    let (quota_num, quota_den) = match quota {
        Quota::Hare => (total, s),
        Quota::HagenbachBischoff => (total, s + 1),
        Quota::Imperiali => (total, s + 2),
        Quota::Droop => (total / (s + 1) + 1, 1),
    };
    let n = weights.len();
    let mut whole = Vec::with_capacity(n);
    let mut remainder_nums = Vec::with_capacity(n);
    for weight in weights {
        let scaled = weight.checked_mul(quota_den).ok_or(overflow.clone())?;
        let seats = u32::try_from(scaled / quota_num).map_err(|_| overflow.clone())?;
        whole.push(seats);
        remainder_nums.push(scaled % quota_num);
    }
    let mut seats = whole.clone();
    let given: u64 = whole.iter().map(|w| u64::from(*w)).sum();
    let mut remainder_order = Vec::new();
    let mut withdrawn = Vec::new();
    let by_remainder = |ascending: bool| {
        let mut order: Vec<usize> = (0..n).filter(|i| weights[*i] > 0).collect();
        order.sort_by(|a, b| {
            let ord = remainder_nums[*b].cmp(&remainder_nums[*a]);
            if ascending { ord.reverse() } else { ord }.then(a.cmp(b))
        });
        order
    };
    if given <= u64::from(house) {
        let mut left = house - given as u32;
        let ranked = by_remainder(false);
        while left > 0 {
            let round = pick_top(&ranked, &remainder_nums, left, lists, votes, ties, TieStage::Remainder)?;
            left -= round.len() as u32;
            for i in round {
                seats[i] += 1;
                remainder_order.push(i);
            }
        }
    } else {
        // A small quota (Hagenbach-Bischoff, Imperiali) handed out more whole seats than the
        // house has: take them back from the smallest remainders among lists holding a seat.
        let mut excess = (given - u64::from(house)) as u32;
        while excess > 0 {
            let ranked: Vec<usize> = by_remainder(true).into_iter().filter(|i| seats[*i] > 0).collect();
            let round = pick_top_ascending(&ranked, &remainder_nums, excess, lists, votes, ties)?;
            excess -= round.len() as u32;
            for i in round {
                seats[i] -= 1;
                withdrawn.push(i);
            }
        }
    }
    let remainders = remainder_nums.iter().map(|r| Ratio::new(*r, quota_num)).collect();
    Ok(LrOutcome { quota: Ratio::new(quota_num, quota_den), seats, whole, remainders, remainder_order, withdrawn })
}

/// The first `count` of `ranked` (best first), settling a tie at the cut. When `count` covers
/// all of `ranked`, every one is picked.
fn pick_top(
    ranked: &[usize],
    keys: &[u128],
    count: u32,
    lists: &[usize],
    votes: &[u64],
    ties: &mut TieBreaker,
    stage: TieStage,
) -> Result<Vec<usize>, AllocError> {
    let count = count as usize;
    if count >= ranked.len() {
        return Ok(ranked.to_vec());
    }
    let boundary = keys[ranked[count - 1]];
    if keys[ranked[count]] != boundary {
        return Ok(ranked[..count].to_vec());
    }
    // Lists with the boundary key contend for the places not already taken above it.
    let above: Vec<usize> = ranked[..count].iter().copied().filter(|i| keys[*i] != boundary).collect();
    let tied: Vec<usize> = ranked.iter().copied().filter(|i| keys[*i] == boundary).collect();
    let places = (count - above.len()) as u32;
    let tied_lists: Vec<usize> = tied.iter().map(|i| lists[*i]).collect();
    let winners = ties.settle(stage, &tied_lists, places, votes).map_err(AllocError::UnresolvedTie)?;
    let mut picked = above;
    picked.extend(tied.iter().copied().filter(|i| winners.contains(&lists[*i])));
    Ok(picked)
}

/// As [`pick_top`] for a ranking by smallest key: the `count` participants that lose a seat.
/// The tie is settled over who *keeps* a seat, so the same policy favours the same lists.
fn pick_top_ascending(
    ranked: &[usize],
    keys: &[u128],
    count: u32,
    lists: &[usize],
    votes: &[u64],
    ties: &mut TieBreaker,
) -> Result<Vec<usize>, AllocError> {
    let count = count as usize;
    if count >= ranked.len() {
        return Ok(ranked.to_vec());
    }
    let boundary = keys[ranked[count - 1]];
    if keys[ranked[count]] != boundary {
        return Ok(ranked[..count].to_vec());
    }
    let below: Vec<usize> = ranked[..count].iter().copied().filter(|i| keys[*i] != boundary).collect();
    let tied: Vec<usize> = ranked.iter().copied().filter(|i| keys[*i] == boundary).collect();
    let losing = count - below.len();
    let keepers = (tied.len() - losing) as u32;
    let tied_lists: Vec<usize> = tied.iter().map(|i| lists[*i]).collect();
    let keep = ties.settle(TieStage::Withdrawal, &tied_lists, keepers, votes).map_err(AllocError::UnresolvedTie)?;
    let mut picked = below;
    picked.extend(tied.iter().copied().filter(|i| !keep.contains(&lists[*i])));
    Ok(picked)
}
