//! Seat restrictions, base seats, rounded quotas and the divisor families against a reference
//! written here from the definitions, as plainly as possible, with exact fractions over `u128`
//! (the small votes of these tests keep every product far below 2^128):
//!
//! - divisor methods with restrictions: every list starts at its floor (its minimum, at least its
//!   base seats); then seat by seat to the highest claim `votes / d(seats − base)` among the lists
//!   below their maximum, equal claims to the list registered earlier;
//! - largest remainder with restrictions: base seats, then the method on the rest; every list over
//!   its maximum is held there and the rest recomputed, then every list under its minimum likewise;
//! - the divisor families at their special parameters against the named methods, seats and ties.

use std::cmp::Ordering;

use maslihat_apportion::{
    AllocError, DivisorStart, ListLimits, Method, QuotaRounding, Rules, SeatLimits, Tally, TiePolicy, allocate,
    allocate_with_start,
};
use proptest::prelude::*;
use proptest::sample::select;

use super::config;

/// An exact claim: `num / den`, or infinite (a zero divisor) ranked by votes.
#[derive(Clone, Copy, Debug)]
enum Claim {
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

/// `v / d(s)` for the methods of these tests.
fn claim(method: &str, v: u128, s: u128) -> Claim {
    match method {
        "dhondt" => Claim::Finite(v, s + 1),
        "sainte-lague" => Claim::Finite(2 * v, 2 * s + 1),
        "adams" if s == 0 => Claim::Infinite(v),
        "adams" => Claim::Finite(v, s),
        "huntington-hill" if s == 0 => Claim::Infinite(v),
        // Compared squared: v² / (s(s+1)).
        "huntington-hill" => Claim::Finite(v * v, s * (s + 1)),
        // d(s) = s + 3/10.
        "stationary:0.3" => Claim::Finite(10 * v, 10 * s + 3),
        // ((s² + (s+1)²)/2)^(1/2): compared squared, v² / ((s² + (s+1)²)/2).
        "power-mean:2" => Claim::Finite(2 * v * v, s * s + (s + 1) * (s + 1)),
        other => panic!("not a divisor method here: {other}"),
    }
}

struct Bounds {
    base: Vec<u32>,
    floor: Vec<u32>,
    cap: Vec<u32>,
}

fn bounds(limits: &[ListLimits], uniform: SeatLimits) -> Bounds {
    let base: Vec<u32> = limits.iter().map(|l| l.base + uniform.base).collect();
    let floor = limits.iter().zip(&base).map(|(l, b)| l.min.max(uniform.min).max(*b)).collect();
    let cap = limits
        .iter()
        .map(|l| match (l.max, uniform.max) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => u32::MAX,
        })
        .collect();
    Bounds { base, floor, cap }
}

/// The reference divisor allocation with restrictions; `None` when it cannot be made.
fn divisor_reference(method: &str, votes: &[u64], house: u32, b: &Bounds) -> Option<Vec<u32>> {
    if b.floor.iter().zip(&b.cap).any(|(f, c)| f > c) || votes.iter().all(|v| *v == 0) {
        return None;
    }
    let mut seats = b.floor.clone();
    let given: u32 = seats.iter().sum();
    if given > house {
        return None;
    }
    for _ in given..house {
        let mut best: Option<(usize, Claim)> = None;
        for i in 0..votes.len() {
            if votes[i] == 0 || seats[i] >= b.cap[i] {
                continue;
            }
            let c = claim(method, u128::from(votes[i]), u128::from(seats[i] - b.base[i]));
            if best.is_none_or(|(_, current)| compare(c, current) == Ordering::Greater) {
                best = Some((i, c));
            }
        }
        seats[best?.0] += 1;
    }
    Some(seats)
}

/// Plain largest remainder (Hare or Hagenbach-Bischoff, the quota rounded as asked) of `house`
/// seats among `votes`, ties to the earlier list; `None` without votes or with a zero quota.
fn largest_remainder(quota: &str, rounding: QuotaRounding, votes: &[u128], house: u32) -> Option<Vec<u32>> {
    let total: u128 = votes.iter().sum();
    if house == 0 {
        return Some(vec![0; votes.len()]);
    }
    if total == 0 {
        return None;
    }
    let s = u128::from(house);
    let (mut num, mut den) = if quota == "hare" { (total, s) } else { (total, s + 1) };
    match rounding {
        QuotaRounding::Exact => {}
        QuotaRounding::Down => (num, den) = (num / den, 1),
        QuotaRounding::Up => (num, den) = (num.div_ceil(den), 1),
        QuotaRounding::Nearest => (num, den) = ((2 * num + den) / (2 * den), 1),
    }
    if num == 0 {
        return None;
    }
    let mut seats: Vec<u128> = votes.iter().map(|v| v * den / num).collect();
    let remainder: Vec<u128> = votes.iter().map(|v| v * den % num).collect();
    let given: u128 = seats.iter().sum();
    if given <= s {
        let mut order: Vec<usize> = (0..votes.len()).filter(|i| votes[*i] > 0).collect();
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
        let mut excess = given - s;
        while excess > 0 {
            let mut order: Vec<usize> = (0..votes.len()).filter(|i| seats[*i] > 0).collect();
            order.sort_by(|a, b| remainder[*a].cmp(&remainder[*b]).then(b.cmp(a)));
            let round = excess.min(order.len() as u128) as usize;
            for i in &order[..round] {
                seats[*i] -= 1;
            }
            excess -= round as u128;
        }
    }
    Some(seats.into_iter().map(|s| s as u32).collect())
}

/// The reference largest remainder with restrictions (see the module text).
fn remainder_reference(
    quota: &str,
    rounding: QuotaRounding,
    votes: &[u64],
    house: u32,
    b: &Bounds,
) -> Option<Vec<u32>> {
    let n = votes.len();
    if b.floor.iter().zip(&b.cap).any(|(f, c)| f > c) {
        return None;
    }
    let mut fixed: Vec<Option<u32>> = vec![None; n];
    loop {
        let active: Vec<usize> = (0..n).filter(|i| fixed[*i].is_none()).collect();
        let held: u32 = fixed.iter().flatten().sum::<u32>() + active.iter().map(|i| b.base[*i]).sum::<u32>();
        let rest = house.checked_sub(held)?;
        let weights: Vec<u128> = active.iter().map(|i| u128::from(votes[*i])).collect();
        if rest > 0 && weights.iter().all(|w| *w == 0) {
            return None;
        }
        let share = largest_remainder(quota, rounding, &weights, rest)?;
        let total = |k: usize| b.base[active[k]] + share[k];
        let over: Vec<usize> = (0..active.len()).filter(|k| total(*k) > b.cap[active[*k]]).collect();
        if !over.is_empty() {
            for k in over {
                fixed[active[k]] = Some(b.cap[active[k]]);
            }
            continue;
        }
        let under: Vec<usize> = (0..active.len()).filter(|k| total(*k) < b.floor[active[*k]]).collect();
        if !under.is_empty() {
            for k in under {
                fixed[active[k]] = Some(b.floor[active[k]]);
            }
            continue;
        }
        let mut seats: Vec<u32> = fixed.iter().map(|f| f.unwrap_or(0)).collect();
        for (k, i) in active.iter().enumerate() {
            seats[*i] = total(k);
        }
        return Some(seats);
    }
}

/// 1 to 6 lists with small votes (often equal, sometimes zero), each with maybe a minimum, a
/// maximum and base seats.
fn lists() -> impl Strategy<Value = Vec<(u64, ListLimits)>> {
    let one = (
        prop_oneof![3 => 0u64..30, 3 => 0u64..5_000, 1 => Just(0u64)],
        prop_oneof![3 => Just(0u32), 1 => 0u32..4],
        prop_oneof![3 => Just(None), 1 => (0u32..12).prop_map(Some)],
        prop_oneof![4 => Just(0u32), 1 => 0u32..3],
    )
        .prop_map(|(votes, min, max, base)| (votes, ListLimits { min, max, base, exempt: false }));
    prop::collection::vec(one, 1..7)
}

fn uniform() -> impl Strategy<Value = SeatLimits> {
    (
        prop_oneof![3 => Just(0u32), 1 => 0u32..3],
        prop_oneof![3 => Just(None), 1 => (1u32..15).prop_map(Some)],
        prop_oneof![3 => Just(0u32), 1 => 0u32..3],
    )
        .prop_map(|(min, max, base)| SeatLimits { min, max, base })
}

fn method(name: &str) -> Method {
    name.parse().unwrap_or_else(|err| panic!("{name}: {err}"))
}

proptest! {
    #![proptest_config(config(2_000))]

    /// Divisor methods under restrictions give the reference's seats from either start, respect
    /// every restriction and fill the house; or both find no allocation.
    #[test]
    fn restricted_divisor_methods_match_the_reference(
        lists in lists(),
        uniform in uniform(),
        house in 1u32..40,
        name in select(vec!["dhondt", "sainte-lague", "adams", "huntington-hill", "stationary:0.3", "power-mean:2"]),
        start in select(vec![DivisorStart::Estimate, DivisorStart::Empty]),
    ) {
        let (votes, limits): (Vec<u64>, Vec<ListLimits>) = lists.into_iter().unzip();
        let b = bounds(&limits, uniform);
        let expected = divisor_reference(name, &votes, house, &b);
        let rules = Rules { method: method(name), seat_limits: uniform, ..Rules::default() };
        let tally = Tally::new(votes.clone()).with_limits(limits);
        match (allocate_with_start(&tally, house, &rules, start), expected) {
            (Ok(result), Some(expected)) => {
                let seats = result.seats();
                prop_assert_eq!(&seats, &expected);
                prop_assert_eq!(seats.iter().sum::<u32>(), house);
                for (i, got) in seats.iter().enumerate() {
                    prop_assert!(*got >= b.floor[i] && *got <= b.cap[i]);
                }
            }
            (Err(AllocError::Infeasible { .. } | AllocError::NoVotes), None) => {}
            (got, expected) => prop_assert!(false, "core {:?}, reference {:?}", got.map(|r| r.seats()), expected),
        }
    }

    /// Largest remainder under restrictions, with rounded quotas too, gives the reference's seats.
    #[test]
    fn restricted_largest_remainder_matches_the_reference(
        lists in lists(),
        uniform in uniform(),
        house in 1u32..40,
        quota in select(vec!["hare", "hagenbach-bischoff"]),
        rounding in select(vec![QuotaRounding::Exact, QuotaRounding::Down, QuotaRounding::Up, QuotaRounding::Nearest]),
    ) {
        let (votes, limits): (Vec<u64>, Vec<ListLimits>) = lists.into_iter().unzip();
        let b = bounds(&limits, uniform);
        let expected = remainder_reference(quota, rounding, &votes, house, &b);
        let rules = Rules { method: method(quota), seat_limits: uniform, quota_rounding: rounding, ..Rules::default() };
        let tally = Tally::new(votes.clone()).with_limits(limits);
        match (allocate(&tally, house, &rules), expected) {
            (Ok(result), Some(expected)) => {
                let seats = result.seats();
                prop_assert_eq!(&seats, &expected);
                prop_assert_eq!(seats.iter().sum::<u32>(), house);
                for (i, got) in seats.iter().enumerate() {
                    prop_assert!(*got >= b.floor[i] && *got <= b.cap[i]);
                }
            }
            (Err(AllocError::Infeasible { .. } | AllocError::NoVotes), None) => {}
            (got, expected) => prop_assert!(false, "core {:?}, reference {:?}", got.map(|r| r.seats()), expected),
        }
    }

    /// The families at their special parameters are the named methods: the same seats and the
    /// same ties (or the same error), under every tie policy.
    #[test]
    fn family_members_are_the_named_methods(
        votes in prop::collection::vec(prop_oneof![0u64..20, 0u64..100_000], 1..8),
        house in 1u32..60,
        pair in select(vec![
            ("stationary:0", "adams"),
            ("stationary:0.5", "sainte-lague"),
            ("stationary:1", "dhondt"),
            ("power-mean:1", "sainte-lague"),
            ("power-mean:0", "huntington-hill"),
            ("power-mean:-1", "dean"),
            ("power-mean:inf", "dhondt"),
            ("power-mean:-inf", "adams"),
        ]),
        policy in prop_oneof![Just(TiePolicy::Registration), Just(TiePolicy::Votes), Just(TiePolicy::Error), any::<u64>().prop_map(TiePolicy::Lot)],
    ) {
        let tally = Tally::new(votes);
        let run = |name: &str| allocate(&tally, house, &Rules { method: method(name), tie_policy: policy, ..Rules::default() });
        match (run(pair.0), run(pair.1)) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(a.seats(), b.seats());
                prop_assert_eq!(a.ties, b.ties);
            }
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "{} {:?} vs {} {:?}", pair.0, a.map(|r| r.seats()), pair.1, b.map(|r| r.seats())),
        }
    }

    /// Stationary and power-mean divisors are house-monotone: one more seat never costs a list one.
    #[test]
    fn family_members_are_house_monotone(
        votes in prop::collection::vec(1u64..50_000, 1..7),
        house in 1u32..60,
        name in select(vec!["stationary:0.3", "stationary:0.75", "power-mean:2", "power-mean:-2", "power-mean:3"]),
    ) {
        let tally = Tally::new(votes);
        let rules = Rules { method: method(name), ..Rules::default() };
        let (Ok(smaller), Ok(larger)) = (allocate(&tally, house, &rules), allocate(&tally, house + 1, &rules)) else {
            return Ok(());
        };
        for (a, b) in smaller.seats().iter().zip(larger.seats()) {
            prop_assert!(*a <= b, "{name}: {:?} then {:?}", smaller.seats(), larger.seats());
        }
    }
}
