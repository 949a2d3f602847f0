//! The fast path of [`crate::Apportioner::seats`]: largest remainder and the linear divisor
//! methods (D'Hondt, Sainte-Laguë and its modified form, Danish, Imperiali) in 64-bit
//! integers, for the common election where every product fits, without building any step.
//!
//! It is exact, not approximate: the same integers as the general path, only narrower. With
//! `V` the votes of the lists taking part and `S` the seats, every quantity it forms is at most
//! `V·(S + 2)` (largest remainder) or `V·10·(S + 1)` (divisors), so it runs only when that
//! product fits 64 bits (votes below 2^32 and houses below 2^27 always do). Remainders are the
//! integers `votes·den − whole·num` over the common denominator `num` (the quota is `num / den`
//! votes), so ranking them is comparing integers. Quotients come from one division per
//! election (a reciprocal of the divisor) and a multiplication per list, corrected by
//! comparisons to the exact floor.
//!
//! Whatever it does not handle it declines, and the general path runs instead: a tie at the
//! cut (the general path settles and records it), the runner-up rule's coefficient reading or a
//! tie for the runner-up (readings (a) and (b) admit it in `allocate.rs` first), whole
//! quotas that exceed the house or leave more seats than lists, the divisor methods with a
//! zero or custom divisor, and numbers beyond 64 bits. A property test checks it against the
//! general path.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::method::{Divisor, Method, Quota};
use crate::rules::Rules;

/// Whether the fast path produced the seats or left the election to the general path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Done,
    Declined,
}

/// Buffers of the fast path, reused between elections.
#[derive(Debug, Default)]
pub(crate) struct FastScratch {
    /// Each participant's remainder, for the remainder seats of many lists.
    remainders: Vec<u64>,
    /// The remainders of the bucket holding the cut, reordered to find it.
    selection: Vec<u64>,
    /// D'Hondt's claims for many lists.
    claims: BinaryHeap<Claim>,
    /// Lists sharing the best claim.
    group: Vec<usize>,
}

/// Up to this many lists, D'Hondt hands out its last seats by scanning the claims; above, from
/// a heap.
const DHONDT_SCAN_LIMIT: usize = 32;

/// Exact division by a fixed divisor: one division for its reciprocal, then per quotient a
/// multiplication and at most two corrections.
#[derive(Debug, Clone, Copy)]
struct Divider {
    divisor: u64,
    /// `floor((2^64 − 1) / divisor)`.
    reciprocal: u64,
}

impl Divider {
    /// For a divisor above zero.
    fn new(divisor: u64) -> Divider {
        Divider { divisor, reciprocal: u64::MAX / divisor }
    }

    /// `(x / divisor, x % divisor)`. With `m` the reciprocal, `m ≥ (2^64 − divisor) / divisor`,
    /// so the estimate `x·m / 2^64` is at most `x / divisor` and above
    /// `x / divisor − x / 2^64 > x / divisor − 1`: its floor is the quotient or one less, and
    /// one comparison (no branch) corrects it.
    #[inline]
    fn div_rem(self, x: u64) -> (u64, u64) {
        let quotient = ((u128::from(x) * u128::from(self.reciprocal)) >> 64) as u64;
        let remainder = x - quotient * self.divisor;
        // One short: the remainder less the divisor is the smaller; otherwise it wraps above.
        let short = remainder >= self.divisor;
        (quotient + u64::from(short), remainder.min(remainder.wrapping_sub(self.divisor)))
    }

    /// `x / divisor` alone, as [`Divider::div_rem`] finds it.
    #[inline]
    fn quotient(self, x: u64) -> u64 {
        let quotient = ((u128::from(x) * u128::from(self.reciprocal)) >> 64) as u64;
        quotient + u64::from(x - quotient * self.divisor >= self.divisor)
    }
}

/// Seats for `participants` (list indices, ascending, whose votes sum to `total`) into `seats`
/// (per list; the participants' entries are overwritten), or [`Outcome::Declined`] with
/// `seats` in any state.
pub(crate) fn seats(
    votes: &[u64],
    participants: &[usize],
    total: u64,
    house: u32,
    rules: &Rules,
    scratch: &mut FastScratch,
    seats: &mut [u32],
) -> Outcome {
    let s = u64::from(house);
    // Every product below is at most total·(S + 2).
    if total == 0 || total.checked_mul(s + 2).is_none() {
        return Outcome::Declined;
    }
    match &rules.method {
        Method::LargestRemainder(quota) => {
            let (num, den) = match quota {
                Quota::Hare => (total, s),
                Quota::HagenbachBischoff => (total, s + 1),
                Quota::Imperiali => (total, s + 2),
                Quota::Droop => (total / (s + 1) + 1, 1),
            };
            largest_remainder(votes, participants, house, Divider::new(num), den, scratch, seats)
        }
        Method::Divisor(Divisor::DHondt) => dhondt(votes, participants, house, Divider::new(total), scratch, seats),
        Method::Divisor(divisor) => match Sequence::of(divisor) {
            // Claims compare votes by divisors up to 10·(S + 1).
            Some(sequence) if total.checked_mul(10 * (s + 1)).is_some() => {
                linear_divisor(votes, participants, house, sequence, Divider::new(total), scratch, seats)
            }
            _ => Outcome::Declined,
        },
    }
}

/// Whole quotas `votes·den / num`, then one seat to each of the largest remainders.
///
/// Equal remainders need no order: a tie at the cut is declined, and equal remainders on the
/// same side of it fare alike. So the cut is a remainder value `r*`, the `left`-th largest:
/// the lists at or above it take a seat, and there is no tie when exactly `left` lists are at
/// or above it. A list without votes has remainder 0 and never wins: a cut at 0 is always a
/// tie (more lists than seats left have remainder 0 or more).
fn largest_remainder(
    votes: &[u64],
    participants: &[usize],
    house: u32,
    quota: Divider,
    den: u64,
    scratch: &mut FastScratch,
    seats: &mut [u32],
) -> Outcome {
    let election = SmallElection { votes, participants, house: u64::from(house), quota, den };
    match participants.len() {
        1 => election.largest_remainder::<1>(seats),
        2 => election.largest_remainder::<2>(seats),
        3 => election.largest_remainder::<3>(seats),
        4 => election.largest_remainder::<4>(seats),
        5 => election.largest_remainder::<5>(seats),
        6 => election.largest_remainder::<6>(seats),
        7 => election.largest_remainder::<7>(seats),
        8 => election.largest_remainder::<8>(seats),
        count => {
            debug_assert!(count > RANK_BY_NETWORK, "the caller declines an election without participants");
            many_lists(votes, participants, house, quota, den, scratch, seats)
        }
    }
}

/// A largest-remainder election of at most [`RANK_BY_NETWORK`] participants.
#[derive(Clone, Copy)]
struct SmallElection<'a> {
    votes: &'a [u64],
    participants: &'a [usize],
    house: u64,
    quota: Divider,
    den: u64,
}

/// Up to this many lists, the remainder seats are found by a sorting network (no branches, no
/// loops: every list's figures stay in registers).
const RANK_BY_NETWORK: usize = 8;

impl SmallElection<'_> {
    /// [`largest_remainder`] for exactly `N` participants: the whole quotas, then the cut by
    /// sorting a copy of the remainders with the network for `N` (ascending): with `left`
    /// seats left, the cut is the `left`-th largest, `sorted[N − left]`, and there is a tie at
    /// it exactly when the next one down, `sorted[N − left − 1]`, is equal. That also declines
    /// a cut at remainder 0 (with `left < N` the next one down exists and is 0 too), and so
    /// every case with as many seats left as lists with votes or more, except the one where
    /// each list with votes has a remainder above 0 and takes one seat (as the general path's
    /// whole round gives it).
    #[inline]
    fn largest_remainder<const N: usize>(self, seats: &mut [u32]) -> Outcome {
        let mut list_votes = [0u64; N];
        // Participants are ascending and distinct: as many as the lists means every list, in
        // order.
        let every_list = self.votes.len() == N;
        if every_list {
            list_votes.copy_from_slice(self.votes);
        } else {
            for (slot, &list) in list_votes.iter_mut().zip(self.participants) {
                let Some(&v) = self.votes.get(list) else { return Outcome::Declined };
                *slot = v;
            }
        }
        let mut whole = [0u64; N];
        let mut remainders = [0u64; N];
        let mut given = 0u64;
        for ((whole, remainder), &v) in whole.iter_mut().zip(remainders.iter_mut()).zip(&list_votes) {
            // v·den ≤ total·den: within 64 bits (checked by the caller); whole ≤ S + 2.
            (*whole, *remainder) = self.quota.div_rem(v * self.den);
            given += *whole;
        }
        let Some(left) = self.house.checked_sub(given) else { return Outcome::Declined };
        // From here every whole quota is at most the house, below 2^32.
        let mut won = whole.map(|w| w as u32);
        if left > 0 {
            let Some(cut_index) = usize::try_from(left).ok().and_then(|left| N.checked_sub(left)) else {
                return Outcome::Declined;
            };
            let Some(below_index) = cut_index.checked_sub(1) else { return Outcome::Declined };
            let mut sorted = remainders;
            sort_small(&mut sorted);
            let (cut, below) = (sorted[cut_index], sorted[below_index]);
            if below == cut {
                return Outcome::Declined;
            }
            for (won, remainder) in won.iter_mut().zip(&remainders) {
                *won += u32::from(*remainder >= cut);
            }
        }
        if every_list {
            let Some(seats) = seats.get_mut(..N) else { return Outcome::Declined };
            seats.copy_from_slice(&won);
        } else {
            for (&won, &list) in won.iter().zip(self.participants) {
                let Some(slot) = seats.get_mut(list) else { return Outcome::Declined };
                *slot = won;
            }
        }
        Outcome::Done
    }
}

/// Sorts up to [`RANK_BY_NETWORK`] values ascending with a fixed network of compare-exchanges
/// (optimal in size for each `N`, from Knuth and Dobbelaere's list; `network_sorts_every_input`
/// checks each by the 0-1 principle), written out straight so that every value stays in a
/// register.
#[inline]
fn sort_small<const N: usize>(values: &mut [u64; N]) {
    /// Each pair in order: the smaller value to the first place, the larger to the second.
    macro_rules! exchange {
        ($values:ident; $(($low:literal, $high:literal)),* $(,)?) => {{
            $(
                let (a, b) = ($values[$low], $values[$high]);
                $values[$low] = a.min(b);
                $values[$high] = a.max(b);
            )*
        }};
    }
    let values = values.as_mut_slice();
    if let Ok(v) = <&mut [u64; 2]>::try_from(&mut *values) {
        exchange!(v; (0, 1));
    } else if let Ok(v) = <&mut [u64; 3]>::try_from(&mut *values) {
        exchange!(v; (0, 2), (0, 1), (1, 2));
    } else if let Ok(v) = <&mut [u64; 4]>::try_from(&mut *values) {
        exchange!(v; (0, 1), (2, 3), (0, 2), (1, 3), (1, 2));
    } else if let Ok(v) = <&mut [u64; 5]>::try_from(&mut *values) {
        exchange!(v; (0, 3), (1, 4), (0, 2), (1, 3), (0, 1), (2, 4), (1, 2), (3, 4), (2, 3));
    } else if let Ok(v) = <&mut [u64; 6]>::try_from(&mut *values) {
        exchange!(v; (0, 5), (1, 3), (2, 4), (1, 2), (3, 4), (0, 3), (2, 5), (0, 1), (2, 3), (4, 5), (1, 2), (3, 4));
    } else if let Ok(v) = <&mut [u64; 7]>::try_from(&mut *values) {
        exchange!(v; (0, 6), (2, 3), (4, 5), (0, 2), (1, 4), (3, 6), (0, 1), (2, 5), (3, 4), (1, 2), (4, 6), (2, 3),
            (4, 5), (1, 2), (3, 4), (5, 6));
    } else if let Ok(v) = <&mut [u64; 8]>::try_from(&mut *values) {
        exchange!(v; (0, 2), (1, 3), (4, 6), (5, 7), (0, 4), (1, 5), (2, 6), (3, 7), (0, 1), (2, 3), (4, 5), (6, 7),
            (2, 4), (3, 5), (1, 4), (3, 6), (1, 2), (3, 4), (5, 6));
    }
}

/// [`largest_remainder`] for more than [`RANK_BY_NETWORK`] participants.
fn many_lists(
    votes: &[u64],
    participants: &[usize],
    house: u32,
    quota: Divider,
    den: u64,
    scratch: &mut FastScratch,
    seats: &mut [u32],
) -> Outcome {
    let count = participants.len();
    let mut few = [0u64; RANK_BY_COUNTING];
    let remainders = if count <= RANK_BY_COUNTING {
        &mut few[..count]
    } else {
        // Every slot is written below: the length alone is set.
        if scratch.remainders.len() != count {
            scratch.remainders.clear();
            scratch.remainders.resize(count, 0);
        }
        scratch.remainders.as_mut_slice()
    };
    // Participants are ascending and distinct: as many as the lists means every list, in order,
    // and the lists' slices are walked without looking indices up.
    let every_list = count == votes.len();
    let mut given = 0u64;
    // Each whole quota is at most total·den / num ≤ S + 2, so `given` cannot wrap, and once
    // `given` is found within the house each is below 2^32 and its cast exact (before that,
    // a declined election may leave any seats).
    if every_list {
        for ((remainder_slot, &list_votes), list_seats) in remainders.iter_mut().zip(votes).zip(seats.iter_mut()) {
            let (whole, remainder) = quota.div_rem(list_votes * den);
            *list_seats = whole as u32;
            given += whole;
            *remainder_slot = remainder;
        }
    } else {
        for (remainder_slot, &list) in remainders.iter_mut().zip(participants) {
            let (whole, remainder) = quota.div_rem(votes[list] * den);
            seats[list] = whole as u32;
            given += whole;
            *remainder_slot = remainder;
        }
    }
    let Some(left) = u64::from(house).checked_sub(given) else { return Outcome::Declined };
    let left = left as usize;
    if left == 0 {
        return Outcome::Done;
    }
    if left >= count {
        // Every list gets a remainder seat, perhaps several rounds of them.
        return Outcome::Declined;
    }
    // With `left < count`, a tie at the cut also covers more seats left than lists with votes
    // or a cut at remainder 0: the lists without votes (remainder 0) then reach the cut too.
    if count <= RANK_BY_COUNTING {
        return by_counting(remainders, participants, left, seats);
    }
    let cut = cut_by_buckets(remainders, left, quota.divisor, &mut scratch.selection);
    // Exactly `left` remainders at or above the cut, or a tie at it (`left < count`, so a cut
    // at 0 with lists below it is one).
    let mut winners = 0usize;
    if every_list {
        for (remainder, list_seats) in remainders.iter().zip(seats.iter_mut()) {
            let wins = *remainder >= cut;
            winners += usize::from(wins);
            *list_seats += u32::from(wins);
        }
    } else {
        for (remainder, &list) in remainders.iter().zip(participants) {
            let wins = *remainder >= cut;
            winners += usize::from(wins);
            seats[list] += u32::from(wins);
        }
    }
    if winners == left { Outcome::Done } else { Outcome::Declined }
}

/// Buckets of remainders for [`cut_by_buckets`].
const BUCKETS: usize = 64;

/// The `left`-th largest of `remainders` (`1 ≤ left < remainders.len()`, every remainder
/// below `num`), without sorting them: each remainder falls into one of [`BUCKETS`] buckets by
/// its leading bits (`r >> shift`, which keeps the order: a larger remainder is never in a
/// lower bucket), the buckets are counted from the top down to the one holding the cut, and
/// only that bucket's remainders (about `lists / 64` of them) are ranked.
fn cut_by_buckets(remainders: &[u64], left: usize, num: u64, bucket: &mut Vec<u64>) -> u64 {
    // r < num < 2^bits, so r >> (bits − 6) < 64.
    let bits = u64::BITS - num.leading_zeros();
    let shift = bits.saturating_sub(BUCKETS.trailing_zeros());
    let mut counts = [0u32; BUCKETS];
    for r in remainders {
        if let Some(count) = counts.get_mut((r >> shift) as usize) {
            *count += 1;
        }
    }
    // From the top: `above` remainders lie in the buckets above the cut's.
    let mut above = 0usize;
    let mut cut_bucket = 0u64;
    for (index, count) in counts.iter().enumerate().rev() {
        let count = *count as usize;
        if above + count >= left {
            cut_bucket = index as u64;
            break;
        }
        above += count;
    }
    bucket.clear();
    for r in remainders {
        if r >> shift == cut_bucket {
            bucket.push(*r);
        }
    }
    // The cut is the (left − above)-th largest of its bucket.
    let Some(rank) = bucket.len().checked_sub(left - above) else { return 0 };
    *bucket.select_nth_unstable(rank).1
}

/// From [`RANK_BY_NETWORK`] lists to this many, the remainder seats are found by counting, for
/// each list, the remainders above its own (no sorting, no branches to mispredict).
const RANK_BY_COUNTING: usize = 12;

/// The remainder seats for few lists: a list wins when fewer than `left` remainders exceed its
/// own (counted without branches). Without a tie at the cut exactly `left` lists do; with one,
/// the lists sharing the `left`-th largest remainder all do, more than `left`.
fn by_counting(remainders: &[u64], participants: &[usize], left: usize, seats: &mut [u32]) -> Outcome {
    let mut winners = 0usize;
    for (own, &list) in remainders.iter().zip(participants) {
        let above = remainders.iter().fold(0usize, |above, other| above + usize::from(other > own));
        let wins = above < left;
        winners += usize::from(wins);
        seats[list] += u32::from(wins);
    }
    if winners == left { Outcome::Done } else { Outcome::Declined }
}

/// D'Hondt from the seats at a common level `V / X` (`floor(votes·X / V)` each: the D'Hondt
/// seats of their own sum, all claims held at or above the level, all others below), then seat
/// by seat to the highest quotient `votes / (seats + 1)`. `X = S` never gives more than the
/// house but leaves about half a seat per list; `X = S + (lists − 2) / 2` leaves about one
/// and is tried first, `X = S` when it gives too many.
fn dhondt(
    votes: &[u64],
    participants: &[usize],
    house: u32,
    total: Divider,
    scratch: &mut FastScratch,
    seats: &mut [u32],
) -> Outcome {
    let s = u64::from(house);
    let lead = (participants.len() as u64).saturating_sub(2) / 2;
    let raised = s
        .checked_add(lead)
        .filter(|x| *x <= u64::from(u32::MAX) && total.divisor.checked_mul(*x).is_some())
        .unwrap_or(s);
    for level in [raised, s] {
        let mut given = 0u64;
        for &list in participants {
            let whole = total.quotient(votes[list] * level);
            // whole ≤ X ≤ u32::MAX.
            let Ok(whole_seats) = u32::try_from(whole) else { return Outcome::Declined };
            seats[list] = whole_seats;
            given += whole;
        }
        let Some(left) = s.checked_sub(given) else { continue };
        if participants.len() > DHONDT_SCAN_LIMIT {
            return by_heap(votes, participants, left, Sequence::DHONDT, scratch, seats);
        }
        return dhondt_by_scanning(votes, participants, left, seats);
    }
    Outcome::Declined
}

/// A divisor sequence in integers, up to a common scale: `first` for a list without seats,
/// then `step·s + offset`.
#[derive(Debug, Clone, Copy)]
struct Sequence {
    first: u64,
    step: u64,
    offset: u64,
}

impl Sequence {
    const DHONDT: Sequence = Sequence { first: 1, step: 1, offset: 1 };

    /// The sequences of the linear divisor methods: 1, 2, 3 (D'Hondt); 1, 3, 5 (Sainte-Laguë);
    /// 1.4, 3, 5 as 7, 15, 25 (modified Sainte-Laguë); 1, 4, 7 (Danish); 2, 3, 4 (Imperiali).
    fn of(divisor: &Divisor) -> Option<Sequence> {
        let (first, step, offset) = match divisor {
            Divisor::DHondt => (1, 1, 1),
            Divisor::SainteLague => (1, 2, 1),
            Divisor::ModifiedSainteLague => (7, 10, 5),
            Divisor::Danish => (1, 3, 1),
            Divisor::Imperiali => (2, 1, 2),
            _ => return None,
        };
        Some(Sequence { first, step, offset })
    }

    /// The divisor for a list holding `seats`.
    fn at(self, seats: u64) -> u64 {
        if seats == 0 { self.first } else { self.step * seats + self.offset }
    }

    /// How many divisors are at most `y`: the seats of a list whose votes are `y` times the
    /// common level.
    fn count_up_to(self, y: u64) -> u64 {
        if y < self.first {
            0
        } else if y < self.step + self.offset {
            1
        } else {
            1 + (y - self.offset) / self.step
        }
    }
}

/// The other linear divisor methods: every list's seats at a common level `V / X` (a valid
/// divisor allocation of its own size: all claims at or above the level held, all below it
/// not), with `X = step·S`, or `X = step·(S − lists)` when that gives more than the house
/// (this one never does), then seat by seat from a heap.
fn linear_divisor(
    votes: &[u64],
    participants: &[usize],
    house: u32,
    sequence: Sequence,
    total: Divider,
    scratch: &mut FastScratch,
    seats: &mut [u32],
) -> Outcome {
    let s = u64::from(house);
    // The level V / S first (often exact or close), then one low enough never to overshoot.
    for x in [sequence.step * s, sequence.step * s.saturating_sub(participants.len() as u64)] {
        let mut given = 0u64;
        for &list in participants {
            let level_multiple = total.quotient(votes[list] * x);
            let count = sequence.count_up_to(level_multiple);
            let Ok(count_seats) = u32::try_from(count) else { return Outcome::Declined };
            seats[list] = count_seats;
            given += count;
        }
        if let Some(left) = s.checked_sub(given) {
            return by_heap(votes, participants, left, sequence, scratch, seats);
        }
    }
    Outcome::Declined
}

/// A list's claim to its next seat, `votes / divisor`, ordered exactly (both products are at
/// most `V·10·(S + 1)`), equal claims with the earlier list first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Claim {
    votes: u64,
    divisor: u64,
    list: usize,
}

impl Claim {
    fn value_cmp(&self, other: &Claim) -> Ordering {
        (self.votes * other.divisor).cmp(&(other.votes * self.divisor))
    }
}

impl Ord for Claim {
    fn cmp(&self, other: &Claim) -> Ordering {
        self.value_cmp(other).then(other.list.cmp(&self.list))
    }
}

impl PartialOrd for Claim {
    fn partial_cmp(&self, other: &Claim) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The last `left` seats, one by one to the highest claim kept in a heap; equal claims are
/// taken together, and more of them than seats left is a tie.
fn by_heap(
    votes: &[u64],
    participants: &[usize],
    mut left: u64,
    sequence: Sequence,
    scratch: &mut FastScratch,
    seats: &mut [u32],
) -> Outcome {
    let heap = &mut scratch.claims;
    heap.clear();
    let claim =
        |list: usize, seats: &[u32]| Claim { votes: votes[list], divisor: sequence.at(u64::from(seats[list])), list };
    heap.extend(participants.iter().filter(|list| votes[**list] > 0).map(|list| claim(*list, seats)));
    let group = &mut scratch.group;
    while left > 0 {
        let Some(best) = heap.pop() else { return Outcome::Declined };
        group.clear();
        group.push(best.list);
        while let Some(next) = heap.peek().filter(|next| next.value_cmp(&best).is_eq()) {
            group.push(next.list);
            heap.pop();
        }
        if group.len() as u64 > left {
            return Outcome::Declined;
        }
        for &list in group.iter() {
            seats[list] += 1;
            heap.push(claim(list, seats));
        }
        left -= group.len() as u64;
    }
    Outcome::Done
}

/// The last `left` D'Hondt seats for few lists, one by one to the highest claim; the scan
/// picks the leader by comparisons, not branches.
fn dhondt_by_scanning(votes: &[u64], participants: &[usize], mut left: u64, seats: &mut [u32]) -> Outcome {
    let Some((&first, rest)) = participants.split_first() else { return Outcome::Declined };
    while left > 0 {
        // The best claim, and how many lists share it. A list without votes never leads once
        // one with votes is met (its claim is 0), and never shares a claim.
        let mut leader = first;
        let mut sharing = 1u64;
        for &list in rest {
            // votes_l / (seats_l + 1) against votes_b / (seats_b + 1), both products ≤ V·(X + 1).
            let claim = votes[list] * (u64::from(seats[leader]) + 1);
            let leading = votes[leader] * (u64::from(seats[list]) + 1);
            let better = claim > leading;
            let shares = claim == leading && votes[list] > 0;
            leader = if better { list } else { leader };
            sharing = if better { 1 } else { sharing + u64::from(shares) };
        }
        if sharing > left {
            // More lists share the best claim than seats are left: a tie.
            return Outcome::Declined;
        }
        if sharing == 1 {
            seats[leader] += 1;
            left -= 1;
            continue;
        }
        let (leader_votes, leader_next) = (votes[leader], u64::from(seats[leader]) + 1);
        for &list in participants.iter().filter(|list| votes[**list] > 0) {
            if votes[list] * leader_next == leader_votes * (u64::from(seats[list]) + 1) {
                seats[list] += 1;
            }
        }
        left -= sharing;
    }
    Outcome::Done
}

#[cfg(test)]
mod tests {
    use super::{Divider, RANK_BY_NETWORK, cut_by_buckets, sort_small};

    /// The cut by buckets is the `left`-th largest remainder, as a full sort finds it: for
    /// quotas from 1 to near `u64::MAX` (one bucket per value, or 64 wide ones), with many
    /// equal remainders, every `left`.
    #[test]
    fn the_cut_by_buckets_is_the_left_th_largest() {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            state >> 11
        };
        let mut bucket = Vec::new();
        for num in [1u64, 2, 7, 64, 65, 1_000, 1 << 40, (1 << 40) + 1, u64::MAX / 3, u64::MAX - 1] {
            for lists in [13usize, 50, 200] {
                for spread in [num, num.div_ceil(1_000).max(1), 3.min(num)] {
                    let remainders: Vec<u64> =
                        (0..lists).map(|_| (next() % spread) * (num / spread).max(1) % num).collect();
                    let mut sorted = remainders.clone();
                    sorted.sort_unstable_by(|a, b| b.cmp(a));
                    for left in 1..lists {
                        let cut = cut_by_buckets(&remainders, left, num, &mut bucket);
                        assert_eq!(cut, sorted[left - 1], "num {num}, {lists} lists, left {left}");
                    }
                }
            }
        }
    }

    /// The 0-1 principle: a network of compare-exchanges that sorts every input of zeros and
    /// ones sorts every input.
    #[test]
    fn network_sorts_every_input() {
        fn check<const N: usize>() {
            for bits in 0u32..(1 << N) {
                let mut values: [u64; N] = std::array::from_fn(|i| u64::from(bits >> i & 1));
                sort_small(&mut values);
                assert!(values.is_sorted(), "{N} values, input {bits:b}: {values:?}");
            }
        }
        check::<1>();
        check::<2>();
        check::<3>();
        check::<4>();
        check::<5>();
        check::<6>();
        check::<7>();
        check::<8>();
        assert_eq!(RANK_BY_NETWORK, 8);
    }

    #[test]
    fn the_reciprocal_divides_exactly() {
        for divisor in [1u64, 2, 3, 7, 38, 1_000_003, u64::MAX / 3, u64::MAX - 1, u64::MAX] {
            let divider = Divider::new(divisor);
            for x in [0u64, 1, 2, divisor - 1, divisor, divisor.wrapping_add(1), u64::MAX / 2, u64::MAX - 1, u64::MAX] {
                assert_eq!(divider.div_rem(x), (x / divisor, x % divisor), "{x} / {divisor}");
                assert_eq!(divider.quotient(x), x / divisor, "{x} / {divisor}");
            }
        }
    }
}
