//! A reference implementation written from the textbook definitions, as plainly as possible:
//! divisor methods seat by seat from nothing, largest remainder with integer quotients and
//! remainders, every tie to the list registered earlier. Plain `u128` arithmetic: for the
//! small votes the property tests give it (below 2^18, house below 64), nothing overflows.

use std::cmp::Ordering;

use maslihat_apportion::{RunnerUp, Threshold};

/// Seats per list under the named method, a threshold over valid ballots (lists plus "against
/// all") and a runner-up reading; `None` where there is no allocation (no list passes, or the
/// lists taking part have no votes).
pub fn allocate(
    method: &str,
    votes: &[u64],
    against_all: u64,
    house: u32,
    threshold: Threshold,
    runner_up: Option<RunnerUp>,
) -> Option<Vec<u32>> {
    let base: u128 = votes.iter().map(|v| u128::from(*v)).sum::<u128>() + u128::from(against_all);
    let passes = |v: u64| match threshold {
        Threshold::None => true,
        Threshold::Percent(percentage) => {
            u128::from(v) * u128::from(percentage.denominator()) >= u128::from(percentage.numerator()) * base
        }
        Threshold::Votes { votes } => v >= votes,
    };
    let mut taking_part: Vec<usize> = (0..votes.len()).filter(|i| passes(votes[*i])).collect();
    if taking_part.is_empty() {
        return None;
    }
    let mut weights: Vec<u128> = votes.iter().map(|v| u128::from(*v)).collect();
    let mut at_least_two = None;
    if let (Some(reading), [leader]) = (runner_up, taking_part.as_slice()) {
        // Only one list passed: admit the one with the most votes among the others (with
        // votes), the earlier registered on equal votes.
        let leader = *leader;
        let mut second: Option<usize> = None;
        for i in 0..votes.len() {
            if i != leader && votes[i] > 0 && second.is_none_or(|s| votes[i] > votes[s]) {
                second = Some(i);
            }
        }
        if let Some(second) = second {
            taking_part = vec![leader.min(second), leader.max(second)];
            match reading {
                // Runner-up's votes × 0.7 is, up to a common factor, leader × 10 and runner-up × 7.
                RunnerUp::Coefficient => {
                    weights[leader] *= 10;
                    weights[second] *= 7;
                }
                RunnerUp::AdmitMinTwo => at_least_two = Some((leader, second)),
                RunnerUp::Admit => {}
            }
        }
    }
    let part: Vec<u128> = taking_part.iter().map(|i| weights[*i]).collect();
    if part.iter().all(|w| *w == 0) {
        return None;
    }
    let part_seats = match method {
        "hare" | "droop" | "hagenbach-bischoff" | "imperiali-quota" => largest_remainder(method, &part, house),
        _ => divisor(method, &part, house),
    };
    let mut seats = vec![0u32; votes.len()];
    for (k, i) in taking_part.iter().enumerate() {
        seats[*i] = part_seats[k];
    }
    if let Some((leader, second)) = at_least_two {
        // At least two seats for the runner-up, and at least one left to the leader.
        let minimum = 2.min(house - 1);
        if seats[second] < minimum {
            let moved = minimum - seats[second];
            seats[second] += moved;
            seats[leader] -= moved;
        }
    }
    Some(seats)
}

fn largest_remainder(quota: &str, weights: &[u128], house: u32) -> Vec<u32> {
    let total: u128 = weights.iter().sum();
    let s = u128::from(house);
    // The quota is num / den votes; a list's quotient is w × den / num.
    let (num, den) = match quota {
        "hare" => (total, s),
        "droop" => (total / (s + 1) + 1, 1),
        "hagenbach-bischoff" => (total, s + 1),
        "imperiali-quota" => (total, s + 2),
        other => panic!("not a quota: {other}"),
    };
    let remainder: Vec<u128> = weights.iter().map(|w| w * den % num).collect();
    let mut seats: Vec<u128> = weights.iter().map(|w| w * den / num).collect();
    let given: u128 = seats.iter().sum();
    if given <= s {
        // The seats left go to the largest remainders, the earlier registered first on equal
        // remainders; if more are left than there are lists with votes, round after round.
        let mut order: Vec<usize> = (0..weights.len()).filter(|i| weights[*i] > 0).collect();
        order.sort_by(|a, b| remainder[*b].cmp(&remainder[*a]).then(a.cmp(b)));
        let mut left = s - given;
        while left > 0 {
            let round = left.min(order.len() as u128) as usize;
            for i in &order[..round] {
                seats[*i] += 1;
            }
            left -= round as u128;
        }
    } else {
        // Too many whole quotas: the smallest remainders among lists holding a seat give one
        // back, the later registered first on equal remainders.
        let mut excess = given - s;
        while excess > 0 {
            let mut order: Vec<usize> = (0..weights.len()).filter(|i| seats[*i] > 0).collect();
            order.sort_by(|a, b| remainder[*a].cmp(&remainder[*b]).then(b.cmp(a)));
            let round = excess.min(order.len() as u128) as usize;
            for i in &order[..round] {
                seats[*i] -= 1;
            }
            excess -= round as u128;
        }
    }
    seats.into_iter().map(|s| u32::try_from(s).expect("small")).collect()
}

/// A list's claim to its next seat: votes over the divisor, or infinite for a zero divisor
/// (infinite claims rank by votes).
#[derive(Clone, Copy)]
enum Claim {
    /// `num / den`.
    Finite(u128, u128),
    Infinite(u128),
}

fn compare(a: Claim, b: Claim) -> Ordering {
    match (a, b) {
        (Claim::Infinite(x), Claim::Infinite(y)) => x.cmp(&y),
        (Claim::Infinite(_), Claim::Finite(..)) => Ordering::Greater,
        (Claim::Finite(..), Claim::Infinite(_)) => Ordering::Less,
        (Claim::Finite(p, q), Claim::Finite(r, t)) => (p * t).cmp(&(r * q)),
    }
}

/// The claim of a list of weight `w` holding `s` seats. Huntington-Hill's is squared,
/// w² / (s(s + 1)), which orders the same way as w / √(s(s + 1)).
fn claim(method: &str, w: u128, s: u128) -> Claim {
    match method {
        "dhondt" | "custom:1,2,3" => Claim::Finite(w, s + 1),
        "sainte-lague" | "custom:0.5,1.5" | "custom:1,3" => Claim::Finite(w, 2 * s + 1),
        // 1.4, 3, 5, …: w / 1.4 = 5w / 7.
        "modified-sainte-lague" | "custom:1.4,3,5" if s == 0 => Claim::Finite(5 * w, 7),
        "modified-sainte-lague" | "custom:1.4,3,5" => Claim::Finite(w, 2 * s + 1),
        "danish" | "custom:1,4,7" => Claim::Finite(w, 3 * s + 1),
        "imperiali" | "custom:2,3" => Claim::Finite(w, s + 2),
        "adams" | "dean" | "huntington-hill" if s == 0 => Claim::Infinite(w),
        "adams" => Claim::Finite(w, s),
        // Divisor 2s(s + 1) / (2s + 1).
        "dean" => Claim::Finite(w * (2 * s + 1), 2 * s * (s + 1)),
        "huntington-hill" => Claim::Finite(w * w, s * (s + 1)),
        other => panic!("not a divisor method: {other}"),
    }
}

fn divisor(method: &str, weights: &[u128], house: u32) -> Vec<u32> {
    let mut seats = vec![0u32; weights.len()];
    for _ in 0..house {
        let mut best: Option<(usize, Claim)> = None;
        for (i, w) in weights.iter().enumerate().filter(|(_, w)| **w > 0) {
            let c = claim(method, *w, u128::from(seats[i]));
            // Strictly greater only: on equal claims the earlier registered keeps the seat.
            if best.is_none_or(|(_, b)| compare(c, b) == Ordering::Greater) {
                best = Some((i, c));
            }
        }
        let (i, _) = best.expect("some list has votes");
        seats[i] += 1;
    }
    seats
}
