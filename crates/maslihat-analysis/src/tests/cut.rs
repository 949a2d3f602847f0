//! The divisor cut of the search (`search::DivisorCut`) against the core: wherever it decides
//! a count without allocating, the core's allocation of that count agrees.

use maslihat_apportion::{Method, Rules, Tally, TiePolicy, allocate};
use proptest::prelude::*;
use proptest::sample::select;

use crate::search::{Change, DivisorCut, Verdict};

/// Every standard divisor method and two custom sequences.
fn divisor_methods() -> Vec<Method> {
    let mut methods: Vec<Method> =
        Method::all_standard().into_iter().filter(|m| matches!(m, Method::Divisor(_))).collect();
    for name in ["custom:1,2,3", "custom:0.5,1.5,2.5", "stationary:0.3", "power-mean:-2"] {
        methods.push(name.parse().unwrap_or_else(|e| panic!("{name}: {e}")));
    }
    methods
}

/// The core's seats after `change` of size `k`; `None` without a lawful allocation.
fn seats_after(votes: &[u64], change: Change, k: u64, house: u32, rules: &Rules) -> Option<Vec<u32>> {
    let mut changed = votes.to_vec();
    match change {
        Change::Gain(i) => changed[i] += k,
        Change::Loss(i) => changed[i] -= k,
        Change::Move { from, to } => {
            changed[from] -= k;
            changed[to] += k;
        }
    }
    allocate(&Tally::new(changed), house, rules).ok().map(|a| a.seats())
}

/// Checks a verdict against the core; returns whether the cut decided it.
fn agrees(votes: &[u64], start: &[u32], cut: &DivisorCut, change: Change, k: u64, house: u32, rules: &Rules) -> bool {
    let after = seats_after(votes, change, k, house, rules);
    let context = format!("{change:?} k {k} votes {votes:?} house {house} {:?}", rules.method);
    match cut.verdict(votes, start, change, k) {
        Verdict::Unsure => return false,
        Verdict::Unchanged => assert_eq!(after.as_deref(), Some(start), "unchanged? {context}"),
        Verdict::Changed => {
            let after = after.unwrap_or_else(|| panic!("no allocation: {context}"));
            let achieved = match change {
                Change::Gain(i) => after[i] > start[i],
                Change::Loss(i) => after[i] < start[i],
                Change::Move { .. } => after != start,
            };
            assert!(achieved, "changed? {context}: {after:?} from {start:?}");
        }
    }
    true
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    #[test]
    fn the_cut_agrees_with_the_core(
        method in select(divisor_methods()),
        votes in prop_oneof![
            prop::collection::vec(0u64..30, 2..7),
            prop::collection::vec(0u64..1_000_000, 2..40),
        ],
        house in prop_oneof![1u32..12, 12u32..80],
        ties in select(vec![TiePolicy::Registration, TiePolicy::Votes]),
        changes in prop::collection::vec((0usize..40, 0usize..40, 0u8..3, any::<u64>()), 1..24),
    ) {
        let rules = Rules { method, tie_policy: ties, ..Rules::default() };
        let Ok(start) = allocate(&Tally::new(votes.clone()), house, &rules) else { return Ok(()) };
        let seats = start.seats();
        let Some(cut) = DivisorCut::of(&votes, &seats, &rules) else {
            // Only a tie at the cut (or a claim past 128 bits, not reached here) turns it down.
            prop_assert!(!start.ties.is_empty(), "no cut for {:?} {:?} {}", votes, rules.method, house);
            return Ok(());
        };
        let n = votes.len();
        let total: u64 = votes.iter().sum();
        for (i, j, kind, raw) in changes {
            let (a, b) = (i % n, j % n);
            let (change, k) = match kind {
                0 => (Change::Gain(a), 1 + raw % (2 * total + 10)),
                1 if votes[a] > 0 => (Change::Loss(a), 1 + raw % votes[a]),
                2 if votes[a] > 0 && a != b => (Change::Move { from: a, to: b }, 1 + raw % votes[a]),
                _ => continue,
            };
            agrees(&votes, &seats, &cut, change, k, house, &rules);
        }
    }
}

/// Along every move of an eight-list election, k by k, the cut decides all but the ties and
/// agrees with the core at each count.
#[test]
fn the_cut_decides_almost_every_count_of_a_real_election() {
    let votes = [412_345u64, 98_765, 87_654, 54_321, 43_210, 32_109, 21_098, 10_987];
    for method in divisor_methods() {
        let rules = Rules { method: method.clone(), ..Rules::default() };
        let seats = allocate(&Tally::new(votes.to_vec()), 38, &rules).unwrap_or_else(|e| panic!("{e}")).seats();
        let cut = DivisorCut::of(&votes, &seats, &rules).unwrap_or_else(|| panic!("a tie at the cut? {method:?}"));
        let (mut decided, mut unchanged, mut changed) = (0u32, 0u32, 0u32);
        for (from, to) in [(1, 0), (0, 7), (7, 6), (3, 4)] {
            let change = Change::Move { from, to };
            for k in (1..=votes[from]).step_by(97).chain([votes[from] - 1, votes[from]]) {
                if agrees(&votes, &seats, &cut, change, k, 38, &rules) {
                    decided += 1;
                    match cut.verdict(&votes, &seats, change, k) {
                        Verdict::Unchanged => unchanged += 1,
                        _ => changed += 1,
                    }
                }
            }
        }
        // About 5,950 counts sampled (412345/97 + 98765/97 + 10987/97 + 54321/97 + 8); ties and
        // the last vote of a list with seats are the only ones left to the core.
        assert!(decided > 5_000, "{method:?}: {decided}");
        assert!(unchanged > 0 && changed > 0, "{method:?}: {unchanged} / {changed}");
    }
}
