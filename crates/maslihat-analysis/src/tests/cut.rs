//! The divisor cut of the search (`search::DivisorCut`) against the core: wherever it decides
//! a count without allocating, the core's allocation of that count agrees.

use maslihat_apportion::{
    Apportioner, ListStatus, Method, Rules, RunnerUp, Tally, Threshold, ThresholdBase, TiePolicy, allocate,
};
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
fn seats_after(tally: &Tally, change: Change, k: u64, house: u32, rules: &Rules) -> Option<Vec<u32>> {
    let mut changed = tally.votes().to_vec();
    match change {
        Change::Gain(i) => changed[i] += k,
        Change::Loss(i) => changed[i] -= k,
        Change::Move { from, to } => {
            changed[from] -= k;
            changed[to] += k;
        }
    }
    let changed = Tally::new(changed).with_against_all(tally.against_all()).with_invalid(tally.invalid());
    allocate(&changed, house, rules).ok().map(|a| a.seats())
}

/// The observed seats and the cut, as the search builds them.
fn observed(tally: &Tally, house: u32, rules: &Rules) -> Option<(Vec<u32>, Option<DivisorCut>, Vec<ListStatus>)> {
    let mut apportioner = Apportioner::new();
    let seats = apportioner.seats(tally, house, rules).ok()?.to_vec();
    let statuses = apportioner.statuses().to_vec();
    let cut = DivisorCut::of(tally.votes(), &seats, &statuses, tally.base(rules.threshold_base), rules);
    Some((seats, cut, statuses))
}

/// Checks a verdict against the core; returns whether the cut decided it.
fn agrees(tally: &Tally, start: &[u32], cut: &DivisorCut, change: Change, k: u64, house: u32, rules: &Rules) -> bool {
    let after = seats_after(tally, change, k, house, rules);
    let votes = tally.votes();
    let context = format!("{change:?} k {k} {tally:?} house {house} {rules:?}");
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

fn threshold() -> impl Strategy<Value = Threshold> {
    prop_oneof![
        3 => Just(Threshold::None),
        2 => (0u64..=30).prop_map(|whole| Threshold::percent(whole).unwrap_or(Threshold::None)),
        1 => (0u64..40).prop_map(|votes| Threshold::Votes { votes }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4_000))]

    #[test]
    fn the_cut_agrees_with_the_core(
        method in select(divisor_methods()),
        votes in prop_oneof![
            prop::collection::vec(0u64..30, 2..7),
            prop::collection::vec(0u64..1_000_000, 2..40),
        ],
        against_all in prop_oneof![Just(0u64), 0u64..50],
        invalid in prop_oneof![Just(0u64), 0u64..50],
        house in prop_oneof![1u32..12, 12u32..80],
        threshold in threshold(),
        threshold_base in select(vec![ThresholdBase::Valid, ThresholdBase::Lists, ThresholdBase::Cast]),
        runner_up in select(vec![None, Some(RunnerUp::Admit), Some(RunnerUp::AdmitMinTwo), Some(RunnerUp::Coefficient)]),
        ties in select(vec![TiePolicy::Registration, TiePolicy::Votes]),
        changes in prop::collection::vec((0usize..40, 0usize..40, 0u8..3, any::<u64>()), 1..24),
    ) {
        let rules = Rules { method, threshold, threshold_base, runner_up, tie_policy: ties, ..Rules::default() };
        let tally = Tally::new(votes.clone()).with_against_all(against_all).with_invalid(invalid);
        let Some((seats, cut, statuses)) = observed(&tally, house, &rules) else { return Ok(()) };
        let Some(cut) = cut else {
            // Only a tie at the cut or a runner-up rule that could apply turn it down (claims
            // past 128 bits are not reached here).
            let qualified = statuses.iter().filter(|s| **s == ListStatus::Qualified).count();
            let tied = allocate(&tally, house, &rules).is_ok_and(|a| !a.ties.is_empty());
            prop_assert!(tied || (runner_up.is_some() && qualified < 2), "no cut for {tally:?} {rules:?} {house}");
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
            agrees(&tally, &seats, &cut, change, k, house, &rules);
        }
    }
}

/// Along moves of an eight-list election with a 5 % threshold, the cut decides all but the
/// counts where a list crosses the threshold, ties and last votes, and agrees with the core.
#[test]
fn the_cut_decides_almost_every_count_of_a_real_election() {
    let votes = [412_345u64, 98_765, 87_654, 54_321, 43_210, 32_109, 21_098, 10_987];
    for method in divisor_methods() {
        let rules = Rules {
            method: method.clone(),
            threshold: Threshold::percent(5).unwrap_or(Threshold::None),
            ..Rules::default()
        };
        let tally = Tally::new(votes.to_vec()).with_against_all(15_432);
        let (seats, cut, _) = observed(&tally, 38, &rules).unwrap_or_else(|| panic!("{method:?}"));
        let cut = cut.unwrap_or_else(|| panic!("a tie at the cut? {method:?}"));
        let (mut decided, mut unchanged, mut changed) = (0u32, 0u32, 0u32);
        // The threshold is 5 % of 775,921 valid ballots: 38,796.1 votes. Lists 0 to 4 pass.
        for (from, to) in [(1, 0), (0, 2), (7, 6), (2, 1)] {
            let change = Change::Move { from, to };
            for k in (1..=votes[from]).step_by(97).chain([votes[from] - 1, votes[from]]) {
                if agrees(&tally, &seats, &cut, change, k, 38, &rules) {
                    decided += 1;
                    match cut.verdict(&votes, &seats, change, k) {
                        Verdict::Unchanged => unchanged += 1,
                        _ => changed += 1,
                    }
                }
            }
        }
        // About 6,290 counts sampled (98765/97 + 412345/97 + 10987/97 + 87654/97 + 8). Left to
        // the core: list 1 below the threshold past k = 59,969 (about 400 counts), list 2 past
        // k = 48,858 (about 400), list 0 past k = 373,549 (about 400), and ties.
        assert!(decided > 4_500, "{method:?}: {decided}");
        assert!(unchanged > 0 && changed > 0, "{method:?}: {unchanged} / {changed}");
    }
}
