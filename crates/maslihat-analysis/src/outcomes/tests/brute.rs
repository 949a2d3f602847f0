//! The engine against brute force: every integer vote vector inside small intervals, filtered
//! by printed shares, run through the core; the engine's set must be exactly the core's.

use std::collections::BTreeSet;

use maslihat_apportion::{AllocError, Rules, Tally, Threshold, ThresholdBase, TiePolicy, allocate};
use proptest::prelude::*;

use crate::outcomes::*;

/// The methods the engine is exact for.
const EXACT_METHODS: [&str; 10] = [
    "hare",
    "hagenbach-bischoff",
    "imperiali-quota",
    "dhondt",
    "sainte-lague",
    "modified-sainte-lague",
    "danish",
    "imperiali",
    "adams",
    "dean",
];

#[derive(Debug, Clone)]
struct Case {
    house: u32,
    rules: Rules,
    figures: Figures,
    /// Per variable (lists, against all, invalid): the inclusive box brute force walks.
    boxes: Vec<(u64, u64)>,
}

fn rules() -> impl Strategy<Value = Rules> {
    super::rules_of(
        &EXACT_METHODS,
        prop_oneof![
            Just(Threshold::None),
            Just(Threshold::percent(5).unwrap()),
            Just(Threshold::percent(10).unwrap()),
            Just(Threshold::percent(20).unwrap()),
            Just(Threshold::percent(30).unwrap()),
            Just(Threshold::Votes { votes: 3 }),
        ],
    )
}

/// A printed share of `count` over `base` with `decimals` decimals.
fn print_share(count: u64, base: u64, decimals: u32, rounding: Rounding, of: ThresholdBase) -> Figure {
    let scale = 100 * 10u64.pow(decimals);
    let digits = match rounding {
        Rounding::Round => (2 * count * scale + base) / (2 * base),
        Rounding::Truncate => count * scale / base,
    };
    Figure::Share(PrintedShare { digits, decimals, rounding, base: of })
}

fn case() -> impl Strategy<Value = Case> {
    let list = (0u64..12, 0u64..4, 0u64..4, 0u8..6, 0u32..2, any::<bool>());
    (1u32..7, rules(), prop::collection::vec(list, 2..4), 0u64..3, 0u64..3, 0u8..4, any::<bool>()).prop_map(
        |(house, rules, lists, against_all, invalid, base_pick, truncate)| {
            let true_votes: Vec<u64> = lists.iter().map(|l| l.0).collect();
            let valid = true_votes.iter().sum::<u64>() + against_all;
            let base_kind = [ThresholdBase::Valid, ThresholdBase::Lists, ThresholdBase::Cast, ThresholdBase::Valid]
                [base_pick as usize];
            let base = match base_kind {
                ThresholdBase::Lists => true_votes.iter().sum::<u64>(),
                ThresholdBase::Valid => valid,
                ThresholdBase::Cast => valid + invalid,
            };
            let rounding = if truncate { Rounding::Truncate } else { Rounding::Round };
            let mut boxes = Vec::new();
            let mut figures = Figures::new(vec![Figure::Unknown; lists.len()]);
            for (i, (v, below, above, kind, decimals, _)) in lists.iter().enumerate() {
                let (lo, hi) = (v.saturating_sub(*below), v + above);
                boxes.push((lo, hi));
                figures.lists[i].figures = vec![Figure::Range { lo, hi }];
                // Kinds 0–2 add a printed share of the true count; 3 an exact count.
                if *kind < 3 && base > 0 {
                    figures.lists[i].figures.push(print_share(*v, base, *decimals, rounding, base_kind));
                }
                if *kind == 3 {
                    figures.lists[i].figures = vec![Figure::exact(*v)];
                    boxes[i] = (*v, *v);
                }
            }
            let against_box = (against_all.saturating_sub(1), against_all + 1);
            figures.against_all = vec![Figure::Range { lo: against_box.0, hi: against_box.1 }];
            boxes.push(against_box);
            figures.invalid = vec![Figure::Range { lo: 0, hi: invalid }];
            boxes.push((0, invalid));
            Case { house, rules, figures, boxes }
        },
    )
}

/// Every permutation of `0..n`.
fn permutations(n: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![Vec::new()];
    }
    let mut all = Vec::new();
    for rest in permutations(n - 1) {
        for at in 0..=rest.len() {
            let mut p = rest.clone();
            p.insert(at, n - 1);
            all.push(p);
        }
    }
    all
}

/// Every way the core's ties can fall for these votes: the core under `registration` with
/// the lists in every order (ties at most once per stage, so every combination is an order).
fn every_tie_resolution(tally: &Tally, house: u32, rules: &Rules) -> BTreeSet<Vec<u32>> {
    let n = tally.votes().len();
    let registration = Rules { tie_policy: TiePolicy::Registration, ..rules.clone() };
    let mut found = BTreeSet::new();
    for order in permutations(n) {
        let votes: Vec<u64> = order.iter().map(|i| tally.votes()[*i]).collect();
        let permuted = Tally::new(votes).with_against_all(tally.against_all()).with_invalid(tally.invalid());
        if let Ok(result) = allocate(&permuted, house, &registration) {
            let mut seats = vec![0; n];
            for (position, list) in order.iter().enumerate() {
                seats[*list] = result.seats()[position];
            }
            found.insert(seats);
        }
    }
    found
}

/// Whether the vote vector meets every figure (written independently of the engine's rows).
fn meets(figures: &Figures, votes: &[u64], against_all: u64, invalid: u64) -> bool {
    let lists: u64 = votes.iter().sum();
    let base_of = |base: ThresholdBase| match base {
        ThresholdBase::Lists => lists,
        ThresholdBase::Valid => lists + against_all,
        ThresholdBase::Cast => lists + against_all + invalid,
    };
    let ok = |figure: &Figure, count: u64| match *figure {
        Figure::Exact { count: c } => count == c,
        Figure::Range { lo, hi } => lo <= count && count <= hi,
        Figure::Unknown => true,
        Figure::Share(share) => {
            let base = base_of(share.base);
            if base == 0 {
                return false;
            }
            let unit = 10u64.pow(share.decimals + 2);
            // share = count/base; printed digits/unit·100…: compare 2·unit·count with (2d±1)·base.
            let (twice, d) = (2 * unit * count, share.digits);
            match share.rounding {
                Rounding::Round => twice + base >= 2 * d * base && twice < (2 * d + 1) * base,
                Rounding::Truncate => unit * count >= d * base && unit * count < (d + 1) * base,
            }
        }
    };
    figures.lists.iter().zip(votes).all(|(l, v)| l.figures.iter().all(|f| ok(f, *v)))
        && figures.against_all.iter().all(|f| ok(f, against_all))
        && figures.invalid.iter().all(|f| ok(f, invalid))
        && figures.valid_ballots.iter().all(|f| ok(f, lists + against_all))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn outcome_set_equals_brute_force(case in case()) {
        let (tie_free, through) = brute_force_box(&case);
        let set = outcome_set(&case.figures, case.house, &case.rules, &Limits::default()).unwrap();
        let engine_free: BTreeSet<Vec<u32>> = set.outcomes.iter().filter(|o| !o.through_tie).map(|o| o.seats.clone()).collect();
        let engine_tie: BTreeSet<Vec<u32>> = set.outcomes.iter().filter(|o| o.through_tie).map(|o| o.seats.clone()).collect();
        prop_assert_eq!(&engine_free, &tie_free, "tie-free outcomes differ; engine {:?}", set);
        prop_assert_eq!(&engine_tie, &through, "outcomes through a tie differ");
        // Membership agrees for every outcome, and for one vector outside the set.
        for outcome in &set.outcomes {
            let found = outcome_for(&case.figures, case.house, &case.rules, &outcome.seats, &Limits::default()).unwrap();
            prop_assert!(found.is_some_and(|f| f.through_tie == outcome.through_tie));
        }
    }
}

/// The brute-force outcome set: (tie-free outcomes, outcomes through a tie only).
fn brute_force_box(case: &Case) -> (BTreeSet<Vec<u32>>, BTreeSet<Vec<u32>>) {
    let n = case.figures.lists.len();
    let mut tie_free = BTreeSet::new();
    let mut with_tie = BTreeSet::new();
    let mut point: Vec<u64> = case.boxes.iter().map(|b| b.0).collect();
    'walk: loop {
        if meets(&case.figures, &point[..n], point[n], point[n + 1]) {
            let tally = Tally::new(point[..n].to_vec()).with_against_all(point[n]).with_invalid(point[n + 1]);
            match (case.rules.tie_policy, allocate(&tally, case.house, &case.rules)) {
                (TiePolicy::Registration | TiePolicy::Error, Ok(result)) => {
                    tie_free.insert(result.seats());
                }
                (TiePolicy::Lot(_), Ok(result)) if result.ties.is_empty() => {
                    tie_free.insert(result.seats());
                }
                (TiePolicy::Lot(_), Ok(_)) | (TiePolicy::Error, Err(AllocError::UnresolvedTie(_))) => {
                    with_tie.extend(every_tie_resolution(&tally, case.house, &case.rules));
                }
                _ => {}
            }
        }
        for (value, (lo, hi)) in point.iter_mut().zip(&case.boxes) {
            if *value < *hi {
                *value += 1;
                continue 'walk;
            }
            *value = *lo;
        }
        break;
    }
    let through = with_tie.difference(&tie_free).cloned().collect();
    (tie_free, through)
}
