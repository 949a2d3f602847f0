//! The fast path of `Apportioner::seats` against the general path: the same seats, statuses,
//! participants, multipliers, ties and errors, on inputs made to tie often, to sit at the edge of
//! 64 bits, and to trigger every case the fast path declines.

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::Config;

use crate::{Apportioner, Method, Percentage, Rules, RunnerUp, Tally, Threshold, TiePolicy};

use super::parse_method;

/// The methods the fast path handles, and two it declines.
const METHODS: [&str; 11] = [
    "hare",
    "droop",
    "hagenbach-bischoff",
    "imperiali-quota",
    "dhondt",
    "sainte-lague",
    "modified-sainte-lague",
    "danish",
    "imperiali",
    "huntington-hill",
    "custom:1,2,3",
];

/// Small votes (ties), large ones (products near and beyond 64 bits), and zeros.
fn votes() -> impl Strategy<Value = Vec<u64>> {
    let one = prop_oneof![
        4 => 0u64..12,
        4 => 0u64..300_000,
        1 => Just(0u64),
        1 => (1u64 << 28)..(1u64 << 34),
        1 => (u64::MAX / 64)..=u64::MAX,
    ];
    // Up to 8 lists (the sorting networks), 9 to 12 (ranking by counting) and 30 to 39 (a
    // selection).
    prop_oneof![
        4 => prop::collection::vec(one.clone(), 1..9),
        1 => prop::collection::vec(one.clone(), 9..13),
        1 => prop::collection::vec(one, 30..40),
    ]
}

fn rules() -> impl Strategy<Value = Rules> {
    let threshold = prop_oneof![
        Just(Threshold::None),
        (0u64..=15).prop_map(|whole| Threshold::Percent(Percentage::new(whole, 100).unwrap_or_else(|e| panic!("{e}")))),
        (0u64..50).prop_map(|votes| Threshold::Votes { votes }),
    ];
    let runner_up = select(vec![None, Some(RunnerUp::Admit), Some(RunnerUp::AdmitMinTwo), Some(RunnerUp::Coefficient)]);
    let tie_policy = prop_oneof![Just(TiePolicy::Registration), Just(TiePolicy::Votes), Just(TiePolicy::Error)];
    (select(METHODS.to_vec()), threshold, runner_up, tie_policy).prop_map(|(name, threshold, runner_up, tie_policy)| {
        let method: Method = parse_method(name);
        Rules { method, threshold, runner_up, tie_policy, ..Rules::default() }
    })
}

proptest! {
    #![proptest_config(Config { cases: 3_000, failure_persistence: None, ..Config::default() })]

    #[test]
    fn the_fast_path_gives_what_the_general_path_gives(
        rules in rules(),
        votes in votes(),
        against_all in prop_oneof![Just(0u64), 0u64..1_000],
        house in prop_oneof![1u32..8, 8u32..120, Just(u32::MAX - 1)],
    ) {
        let tally = Tally::new(votes).with_against_all(against_all);
        let (mut fast, mut general) = (Apportioner::new(), Apportioner::new());
        let by_fast = fast.seats(&tally, house, &rules).map(<[u32]>::to_vec);
        let by_general = general.seats_by_general_path(&tally, house, &rules).map(<[u32]>::to_vec);
        prop_assert_eq!(&by_fast, &by_general);
        if by_fast.is_ok() {
            prop_assert_eq!(fast.ties(), general.ties());
            prop_assert_eq!(fast.statuses(), general.statuses());
            prop_assert_eq!(fast.participants(), general.participants());
            for list in 0..tally.votes().len() {
                prop_assert_eq!(fast.weight_multiplier(list), general.weight_multiplier(list));
            }
        }
    }
}

proptest! {
    #![proptest_config(Config { cases: 400, failure_persistence: None, ..Config::default() })]

    /// One apportioner reused over a sequence of elections (different list counts, thresholds
    /// and methods, some declined by the fast path, some errors): what it keeps from one call
    /// (statuses and participants without a threshold, seats of lists below one) never leaks
    /// into the next.
    #[test]
    fn a_reused_apportioner_gives_what_a_fresh_general_path_gives(
        elections in prop::collection::vec((rules(), votes(), 0u64..1_000, 1u32..60), 2..12),
    ) {
        let mut reused = Apportioner::new();
        for (rules, votes, against_all, house) in elections {
            let tally = Tally::new(votes).with_against_all(against_all);
            let mut general = Apportioner::new();
            let by_reused = reused.seats(&tally, house, &rules).map(<[u32]>::to_vec);
            let by_general = general.seats_by_general_path(&tally, house, &rules).map(<[u32]>::to_vec);
            prop_assert_eq!(&by_reused, &by_general);
            if by_reused.is_ok() {
                prop_assert_eq!(reused.ties(), general.ties());
                prop_assert_eq!(reused.statuses(), general.statuses());
                prop_assert_eq!(reused.participants(), general.participants());
            }
        }
    }
}

/// Ties the fast path must leave to the general path, found among small votes (a list of one
/// vote sharing the best D'Hondt claim, equal remainders at the cut, a cut at remainder 0):
/// both paths give the same seats and record the same ties, and the ties are there.
#[test]
fn small_ties_at_the_cut_are_settled_by_the_general_path() {
    let cases: [(&str, Vec<u64>, u32); 5] = [
        ("dhondt", vec![2, 1], 2),
        ("dhondt", vec![0, 2, 0, 1], 2),
        ("hare", vec![1, 1, 1], 2),
        ("hare", vec![3, 3, 0, 2], 1),
        ("hare", vec![0, 4, 4], 1),
    ];
    for (name, votes, house) in cases {
        let rules = Rules { method: parse_method(name), ..Rules::default() };
        let tally = Tally::new(votes.clone());
        let (mut fast, mut general) = (Apportioner::new(), Apportioner::new());
        let by_fast = fast.seats(&tally, house, &rules).map(<[u32]>::to_vec);
        let by_general = general.seats_by_general_path(&tally, house, &rules).map(<[u32]>::to_vec);
        assert_eq!(by_fast, by_general, "{name} {votes:?} {house}");
        assert!(!fast.ties().is_empty(), "{name} {votes:?} {house}: a tie expected");
        assert_eq!(fast.ties(), general.ties(), "{name} {votes:?} {house}");
    }
}

/// As many seats left after the whole quotas as lists with votes, each with a remainder above 0,
/// and lists without votes: the fast path gives each list with votes one more seat (what the
/// general path's whole round gives), and never one to a list without votes. Droop, 4 seats,
/// votes 3, 3, 0 and 0, 3, 0, 3 and 3, 3 and eight zeros (quota 2: one whole seat and remainder
/// 1 each, two seats left). With a remainder of 0 among them (5 seats, votes 4, 3, 0: quota 2,
/// remainders 0, 1, 0, two seats left) the cut is at 0, a tie for the fast path, and the
/// general path's whole round gives 3, 2, 0.
#[test]
fn as_many_seats_left_as_lists_with_votes_give_one_each() {
    let rules = Rules { method: parse_method("droop"), ..Rules::default() };
    let cases: [(Vec<u64>, u32, Vec<u32>); 4] = [
        (vec![3, 3, 0], 4, vec![2, 2, 0]),
        (vec![0, 3, 0, 3], 4, vec![0, 2, 0, 2]),
        (vec![3, 3, 0, 0, 0, 0, 0, 0, 0, 0], 4, vec![2, 2, 0, 0, 0, 0, 0, 0, 0, 0]),
        (vec![4, 3, 0], 5, vec![3, 2, 0]),
    ];
    for (votes, house, expected) in cases {
        let tally = Tally::new(votes.clone());
        let (mut fast, mut general) = (Apportioner::new(), Apportioner::new());
        let by_fast = fast.seats(&tally, house, &rules).map(<[u32]>::to_vec);
        let by_general = general.seats_by_general_path(&tally, house, &rules).map(<[u32]>::to_vec);
        assert_eq!(by_fast, Ok(expected), "{votes:?}");
        assert_eq!(by_fast, by_general, "{votes:?}");
        assert_eq!(fast.ties(), general.ties(), "{votes:?}");
    }
}

/// The runner-up rule in the fast path: readings (a) and (b) with a runner-up picked without a
/// tie are allocated there (seats worked by hand), the coefficient reading and a tie for the
/// runner-up are left to the general path; both paths agree on every case.
#[test]
fn the_runner_up_rule_is_taken_by_the_fast_path_unless_a_coefficient_or_a_tie() {
    let with = |reading, threshold| Rules {
        method: parse_method("hare"),
        threshold: Threshold::Percent(Percentage::new(threshold, 100).unwrap_or_else(|e| panic!("{e}"))),
        runner_up: Some(reading),
        ..Rules::default()
    };
    // Only the first list reaches 30 %; the second (31,876) is the runner-up. Hare, 30 seats
    // between 261,213 and 31,876 (293,089 votes): 261,213·30 = 26·293,089 + 216,076 and
    // 31,876·30 = 3·293,089 + 77,013, so 26 and 3 whole quotas and the last seat to the first.
    let tally = Tally::new(vec![261_213, 31_876, 31_355, 4_351, 3_411]);
    // Only the first reaches 5 %; the runner-up's 10 votes give it no seat by Hare (1,000·10 =
    // 9·1,010 + 910, 10·10 = 0·1,010 + 100: 9 and 0 whole, the last seat to the first), and
    // reading (b) moves two seats to it.
    let small = Tally::new(vec![1_000, 10, 0]);
    let cases = [
        (&tally, 30, with(RunnerUp::Admit, 30), Some(vec![27, 3, 0, 0, 0])),
        (&tally, 30, with(RunnerUp::AdmitMinTwo, 30), Some(vec![27, 3, 0, 0, 0])),
        (&small, 10, with(RunnerUp::Admit, 5), Some(vec![10, 0, 0])),
        (&small, 10, with(RunnerUp::AdmitMinTwo, 5), Some(vec![8, 2, 0])),
        (&tally, 30, with(RunnerUp::Coefficient, 30), None),
    ];
    for (tally, house, rules, expected) in cases {
        let mut fast = Apportioner::new();
        let by_fast = fast.seats_by_fast_path(tally, house, &rules).map(<[u32]>::to_vec);
        assert_eq!(by_fast, expected, "{rules:?}");
        let mut general = Apportioner::new();
        let by_general = general.seats_by_general_path(tally, house, &rules).map(<[u32]>::to_vec);
        if let Some(seats) = by_fast {
            assert_eq!(by_general.as_ref(), Ok(&seats));
            assert_eq!((fast.statuses(), fast.participants()), (general.statuses(), general.participants()));
        }
    }
    // Two lists share the most votes below the threshold: a tie picks the runner-up.
    let tied = Tally::new(vec![1_000, 10, 10]);
    assert_eq!(Apportioner::new().seats_by_fast_path(&tied, 10, &with(RunnerUp::AdmitMinTwo, 5)), None);
    let mut apportioner = Apportioner::new();
    assert!(apportioner.seats(&tied, 10, &with(RunnerUp::AdmitMinTwo, 5)).is_ok());
    assert_eq!(apportioner.ties().len(), 1);
}
