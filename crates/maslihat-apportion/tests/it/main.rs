//! Property tests of the apportionment core, against an independent reference implementation.
//!
//! The reference (`reference.rs`) is written from the textbook definitions, as plainly as
//! possible: seat by seat for divisor methods, quotas and remainders as integers, ties to the
//! list registered earlier. The properties are those of STYLE.md: seats add up to the house,
//! largest remainder stays within quota, divisor methods are house-monotone, relabelling lists
//! relabels seats, a bigger vote never gets fewer seats, a list below the threshold gets
//! nothing; and the fast start of divisor methods gives what seat-by-seat gives.

mod reference;
mod restricted;

use maslihat_apportion::{
    AllocError, Apportioner, DivisorStart, ListStatus, Method, Percentage, Rules, RunnerUp, Tally, Threshold,
    ThresholdBase, TiePolicy, allocate, allocate_with_start,
};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, TestCaseError};

const LARGEST_REMAINDER: [&str; 4] = ["hare", "droop", "hagenbach-bischoff", "imperiali-quota"];
const DIVISOR: [&str; 11] = [
    "dhondt",
    "sainte-lague",
    "modified-sainte-lague",
    "danish",
    "imperiali",
    "adams",
    "dean",
    "huntington-hill",
    "custom:1,2,3",
    "custom:1.4,3,5",
    "custom:0.5,1.5",
];

fn method(name: &str) -> Method {
    name.parse().unwrap_or_else(|err| panic!("{name}: {err}"))
}

fn any_method() -> impl Strategy<Value = &'static str> {
    select(LARGEST_REMAINDER.iter().chain(DIVISOR.iter()).copied().collect::<Vec<_>>())
}

fn divisor_method() -> impl Strategy<Value = &'static str> {
    select(DIVISOR.to_vec())
}

/// Votes of 1 to 7 lists: often small (so that ties happen), sometimes zero, sometimes large.
fn votes() -> impl Strategy<Value = Vec<u64>> {
    let one = prop_oneof![3 => 0u64..40, 4 => 0u64..200_000, 1 => Just(0u64), 1 => (u64::MAX / 8)..=u64::MAX];
    prop::collection::vec(one, 1..8)
}

/// Votes small enough for the reference's plain `u128` arithmetic; a third of the time one
/// list dominates, so that often only it passes a threshold and the runner-up rule applies.
fn small_votes() -> impl Strategy<Value = Vec<u64>> {
    let one = prop_oneof![3 => 0u64..40, 4 => 0u64..200_000, 1 => Just(0u64)];
    let spread = prop::collection::vec(one, 1..8);
    let dominated = (1_000u64..200_000, prop::collection::vec(0u64..60, 0..6)).prop_flat_map(|(leader, rest)| {
        let mut votes = rest;
        votes.push(leader * 20);
        Just(votes).prop_shuffle()
    });
    prop_oneof![2 => spread, 1 => dominated]
}

fn tie_policy() -> impl Strategy<Value = TiePolicy> {
    prop_oneof![Just(TiePolicy::Registration), Just(TiePolicy::Votes), any::<u64>().prop_map(TiePolicy::Lot)]
}

fn threshold() -> impl Strategy<Value = Threshold> {
    prop_oneof![
        Just(Threshold::None),
        (0u64..=12).prop_map(|whole| percent(whole, 100)),
        (0u64..=120).prop_map(|tenths| percent(tenths, 1000)),
    ]
}

fn runner_up() -> impl Strategy<Value = Option<RunnerUp>> {
    select(vec![None, Some(RunnerUp::Admit), Some(RunnerUp::AdmitMinTwo), Some(RunnerUp::Coefficient)])
}

/// Rules with thresholds and the runner-up rule, and a tie policy.
fn full_rules(name: &'static str) -> impl Strategy<Value = Rules> {
    (threshold(), runner_up(), tie_policy()).prop_map(move |(threshold, runner_up, tie_policy)| Rules {
        method: method(name),
        threshold,
        tie_policy,
        runner_up,
        ..Rules::default()
    })
}

fn config(cases: u32) -> Config {
    Config { cases, failure_persistence: None, ..Config::default() }
}

/// A percentage threshold of `numerator / denominator` (the strategies keep it valid).
fn percent(numerator: u64, denominator: u64) -> Threshold {
    Threshold::Percent(Percentage::new(numerator, denominator).unwrap_or_else(|err| panic!("{err}")))
}

/// Whether `votes` reach `threshold` over `base`, by cross-multiplication written out here
/// (in 128 bits where it fits, else by the 256-bit comparison the core's unit tests check).
fn passes(threshold: Threshold, votes: u64, base: u128) -> bool {
    match threshold {
        Threshold::None => true,
        Threshold::Percent(percentage) => {
            let (den, num) = (u128::from(percentage.denominator()), u128::from(percentage.numerator()));
            match (u128::from(votes).checked_mul(den), num.checked_mul(base)) {
                (Some(left), Some(right)) => left >= right,
                _ => maslihat_apportion::cmp_products(u128::from(votes), den, num, base).is_ge(),
            }
        }
        Threshold::Votes { votes: needed } => votes >= needed,
    }
}

/// Asserts that `err` is the failure these inputs must give, worked out here from the inputs:
/// no seats, no lists, no list reaching the threshold, lists taking part without votes, a tie
/// under the `error` policy, or an overflow where only reading (c) of Huntington-Hill squares
/// ten times a vote beyond 64 bits.
fn assert_expected_failure(err: &AllocError, tally: &Tally, house: u32, rules: &Rules) -> Result<(), TestCaseError> {
    let votes = tally.votes();
    let lists: u128 = votes.iter().map(|v| u128::from(*v)).sum();
    let base = match rules.threshold_base {
        ThresholdBase::Lists => lists,
        ThresholdBase::Valid => lists + u128::from(tally.against_all()),
        ThresholdBase::Cast => lists + u128::from(tally.against_all()) + u128::from(tally.invalid()),
    };
    let passing: Vec<u64> = votes.iter().copied().filter(|v| passes(rules.threshold, *v, base)).collect();
    match err {
        AllocError::NoSeats => prop_assert_eq!(house, 0),
        AllocError::NoLists => prop_assert!(votes.is_empty()),
        AllocError::NoListPasses { .. } => prop_assert!(passing.is_empty(), "{:?} pass", passing),
        AllocError::NoVotes => prop_assert!(passing.iter().all(|v| *v == 0), "{:?} pass", passing),
        AllocError::UnresolvedTie(_) => prop_assert_eq!(rules.tie_policy, TiePolicy::Error),
        AllocError::Overflow { .. } => {
            prop_assert_eq!(&rules.method, &method("huntington-hill"));
            prop_assert_eq!(rules.runner_up, Some(RunnerUp::Coefficient));
            prop_assert!(votes.iter().any(|v| u128::from(*v) * 10 > u128::from(u64::MAX)));
        }
        other => prop_assert!(false, "an error no input here should give: {}", other),
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(400))]

    /// The core agrees with the reference, seat for seat, with thresholds, "against all", the
    /// runner-up rule in every reading, and ties settled by registration.
    #[test]
    fn agrees_with_the_reference(
        name in any_method(),
        votes in small_votes(),
        against_all in prop_oneof![Just(0u64), 0u64..20_000],
        house in prop_oneof![1 => 1u32..4, 3 => 1u32..60],
        threshold in threshold(),
        runner_up in runner_up(),
    ) {
        let rules = Rules { method: method(name), threshold, runner_up, ..Rules::default() };
        let tally = Tally::new(votes.clone()).with_against_all(against_all);
        let expected = reference::allocate(name, &votes, against_all, house, threshold, runner_up);
        match (allocate(&tally, house, &rules), expected) {
            (Ok(result), Some(seats)) => prop_assert_eq!(result.seats(), seats),
            (Err(err), None) => assert_expected_failure(&err, &tally, house, &rules)?,
            (Ok(result), None) => prop_assert!(false, "the reference finds no allocation, the core {:?}", result.seats()),
            (Err(err), Some(seats)) => prop_assert!(false, "the reference gives {:?}, the core {}", seats, err),
        }
    }

    /// With many lists the divisor methods keep claims in a heap instead of scanning them: the
    /// reference must agree there too (33 to 60 lists, up to 400 seats).
    #[test]
    fn many_lists_agree_with_the_reference(
        name in divisor_method(),
        votes in prop::collection::vec(0u64..50_000, 33..60),
        house in 1u32..400,
    ) {
        let rules = Rules { method: method(name), ..Rules::default() };
        let expected = reference::allocate(name, &votes, 0, house, Threshold::None, None);
        let tally = Tally::new(votes.clone());
        match (allocate(&tally, house, &rules), expected) {
            (Ok(result), Some(seats)) => prop_assert_eq!(result.seats(), seats),
            (Err(err), None) => assert_expected_failure(&err, &tally, house, &rules)?,
            (got, want) => prop_assert!(false, "core {:?}, reference {:?}", got.map(|r| r.seats()), want),
        }
    }

    /// Seats add up to the house for every method, rule set and tie policy (short of `error`),
    /// with votes up to u64::MAX; the only errors are "no votes" and "no list passes".
    #[test]
    fn seats_sum_to_the_house(
        rules in any_method().prop_flat_map(full_rules),
        votes in votes(),
        against_all in prop_oneof![Just(0u64), any::<u64>()],
        house in prop_oneof![1u32..80, 80u32..5_000],
    ) {
        let tally = Tally::new(votes).with_against_all(against_all);
        match allocate(&tally, house, &rules) {
            Ok(result) => prop_assert_eq!(result.seats().iter().sum::<u32>(), house),
            Err(err) => assert_expected_failure(&err, &tally, house, &rules)?,
        }
    }

    /// Hare never gives a list fewer seats than the floor, or more than the ceiling, of its
    /// exact quota share votes × S / V, V the votes of the lists that take part.
    #[test]
    fn hare_stays_within_quota(
        votes in votes(),
        house in 1u32..200,
        percent in 0u64..=15,
        policy in tie_policy(),
    ) {
        let rules = Rules { threshold: self::percent(percent, 100), tie_policy: policy, ..Rules::default() };
        let tally = Tally::new(votes.clone());
        let result = match allocate(&tally, house, &rules) {
            Ok(result) => result,
            Err(err) => return assert_expected_failure(&err, &tally, house, &rules),
        };
        let taking_part: u128 = result
            .lists
            .iter()
            .filter(|l| l.status != ListStatus::BelowThreshold)
            .map(|l| u128::from(l.votes))
            .sum();
        for list in &result.lists {
            if list.status == ListStatus::BelowThreshold {
                prop_assert_eq!(list.seats, 0);
                continue;
            }
            let exact = u128::from(list.votes) * u128::from(house);
            let (floor, ceil) = (exact / taking_part, exact.div_ceil(taking_part));
            let seats = u128::from(list.seats);
            prop_assert!(floor <= seats && seats <= ceil, "{} votes: {} seats, quota {}..{}", list.votes, seats, floor, ceil);
        }
    }

    /// Divisor methods are house-monotone: one more seat never takes a seat from anyone
    /// (registration and votes settle ties the same way at every house size).
    #[test]
    fn divisor_methods_are_house_monotone(
        name in divisor_method(),
        votes in votes(),
        house in 1u32..120,
        policy in select(vec![TiePolicy::Registration, TiePolicy::Votes]),
    ) {
        let rules = Rules { method: method(name), tie_policy: policy, ..Rules::default() };
        let tally = Tally::new(votes);
        let (smaller, larger) = match (allocate(&tally, house, &rules), allocate(&tally, house + 1, &rules)) {
            (Ok(smaller), Ok(larger)) => (smaller, larger),
            (Err(a), Err(b)) => {
                prop_assert_eq!(&a, &b);
                return assert_expected_failure(&a, &tally, house, &rules);
            }
            (a, b) => {
                let message = format!("{:?} against {:?}", a.map(|r| r.seats()), b.map(|r| r.seats()));
                return Err(TestCaseError::fail(message));
            }
        };
        for (a, b) in smaller.seats().iter().zip(larger.seats()) {
            prop_assert!(*a <= b, "{} → {}: {:?} → {:?}", house, house + 1, smaller.seats(), larger.seats());
        }
    }

    /// Relabelling the lists relabels the seats, when no tie had to be settled.
    #[test]
    fn relabelling_lists_relabels_seats(
        rules in any_method().prop_flat_map(full_rules),
        (votes, order) in votes().prop_flat_map(|v| {
            let n = v.len();
            (Just(v), Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
        }),
        against_all in 0u64..50_000,
        house in 1u32..100,
    ) {
        let permuted: Vec<u64> = order.iter().map(|i| votes[*i]).collect();
        let run = |v: Vec<u64>| allocate(&Tally::new(v).with_against_all(against_all), house, &rules);
        match (run(votes), run(permuted)) {
            (Ok(a), Ok(b)) => {
                if a.ties.is_empty() && b.ties.is_empty() {
                    let seats = a.seats();
                    let relabelled: Vec<u32> = order.iter().map(|i| seats[*i]).collect();
                    prop_assert_eq!(b.seats(), relabelled);
                }
            }
            (Err(a), Err(b)) => prop_assert_eq!(std::mem::discriminant(&a), std::mem::discriminant(&b)),
            (a, b) => prop_assert!(false, "{:?} against {:?}", a.map(|r| r.seats()), b.map(|r| r.seats())),
        }
    }

    /// Within one election, more votes never means fewer seats: every method, thresholds, and
    /// the runner-up readings (a) and (c). (Reading (b) can break it on purpose: with three
    /// seats the runner-up gets two; see the unit tests.)
    #[test]
    fn more_votes_never_fewer_seats(
        name in any_method(),
        votes in votes(),
        house in 1u32..150,
        threshold in threshold(),
        runner_up in select(vec![None, Some(RunnerUp::Admit), Some(RunnerUp::Coefficient)]),
        policy in tie_policy(),
    ) {
        let rules = Rules { method: method(name), threshold, runner_up, tie_policy: policy, ..Rules::default() };
        let tally = Tally::new(votes.clone());
        let result = match allocate(&tally, house, &rules) {
            Ok(result) => result,
            Err(err) => return assert_expected_failure(&err, &tally, house, &rules),
        };
        let seats = result.seats();
        for i in 0..votes.len() {
            for j in 0..votes.len() {
                if votes[i] > votes[j] {
                    prop_assert!(seats[i] >= seats[j], "{:?} → {:?}", votes, seats);
                }
            }
        }
    }

    /// A list below the threshold gets nothing (unless admitted as the runner-up), and the
    /// threshold is met exactly when votes × den ≥ num × base.
    #[test]
    fn below_the_threshold_gets_nothing(
        rules in any_method().prop_flat_map(full_rules),
        votes in small_votes(),
        against_all in 0u64..50_000,
        house in 1u32..60,
    ) {
        let tally = Tally::new(votes.clone()).with_against_all(against_all);
        let result = match allocate(&tally, house, &rules) {
            Ok(result) => result,
            Err(err) => return assert_expected_failure(&err, &tally, house, &rules),
        };
        let base = votes.iter().map(|v| u128::from(*v)).sum::<u128>() + u128::from(against_all);
        for list in &result.lists {
            let passes = passes(rules.threshold, list.votes, base);
            prop_assert_eq!(passes, list.status == ListStatus::Qualified, "{} votes of {}", list.votes, base);
            if list.status == ListStatus::BelowThreshold {
                prop_assert_eq!(list.seats, 0);
            }
        }
    }

    /// The fast start and seat-by-seat give the same seats, the same ties and the same errors,
    /// under every tie policy.
    #[test]
    fn fast_start_equals_every_seat(
        name in divisor_method(),
        votes in votes(),
        house in prop_oneof![1u32..60, 60u32..400],
        policy in prop_oneof![Just(TiePolicy::Error), tie_policy()],
    ) {
        let rules = Rules { method: method(name), tie_policy: policy, ..Rules::default() };
        let tally = Tally::new(votes);
        let fast = allocate_with_start(&tally, house, &rules, DivisorStart::Estimate);
        let slow = allocate_with_start(&tally, house, &rules, DivisorStart::Empty);
        match (fast, slow) {
            (Ok(fast), Ok(slow)) => {
                prop_assert_eq!(fast.seats(), slow.seats());
                prop_assert_eq!(fast.ties, slow.ties);
            }
            (Err(fast), Err(slow)) => prop_assert_eq!(fast, slow),
            (fast, slow) => prop_assert!(false, "{:?} against {:?}", fast.map(|r| r.seats()), slow.map(|r| r.seats())),
        }
    }

    /// Custom sequences equal to standard ones allocate identically, ties included.
    #[test]
    fn custom_sequences_equal_standard_methods(
        (custom, standard) in select(vec![
            ("custom:1,2,3", "dhondt"),
            ("custom:1.4,3,5", "modified-sainte-lague"),
            ("custom:1,3", "sainte-lague"),
            ("custom:1,4,7", "danish"),
            ("custom:2,3", "imperiali"),
        ]),
        votes in votes(),
        house in 1u32..200,
        policy in prop_oneof![Just(TiePolicy::Error), tie_policy()],
    ) {
        let run = |name| allocate(&Tally::new(votes.clone()), house, &Rules { method: method(name), tie_policy: policy, ..Rules::default() });
        match (run(custom), run(standard)) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(a.seats(), b.seats());
                prop_assert_eq!(a.ties, b.ties);
            }
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "{:?} against {:?}", a.map(|r| r.seats()), b.map(|r| r.seats())),
        }
    }

    /// A lot with the same seed draws the same, every time.
    #[test]
    fn a_lot_is_reproducible(
        name in any_method(),
        votes in small_votes(),
        house in 1u32..40,
        seed in any::<u64>(),
    ) {
        let rules = Rules { method: method(name), tie_policy: TiePolicy::Lot(seed), ..Rules::default() };
        let tally = Tally::new(votes);
        match (allocate(&tally, house, &rules), allocate(&tally, house, &rules)) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(a.seats(), b.seats());
                prop_assert_eq!(a.ties, b.ties);
            }
            (Err(a), Err(b)) => {
                prop_assert_eq!(&a, &b);
                assert_expected_failure(&a, &tally, house, &rules)?;
            }
            (a, b) => prop_assert!(false, "{:?} against {:?}", a.map(|r| r.seats()), b.map(|r| r.seats())),
        }
    }

    /// The fewest votes that reach a threshold reach it, and one vote fewer does not.
    #[test]
    fn votes_needed_is_the_exact_boundary(
        numerator in 0u64..=1000,
        base in 0u128..=u128::from(u64::MAX),
    ) {
        let threshold = percent(numerator, 1000);
        let needed = threshold.votes_needed(base);
        let needed = u64::try_from(needed).expect("at most the base");
        prop_assert!(threshold.is_met(needed, base));
        if needed > 0 {
            prop_assert!(!threshold.is_met(needed - 1, base));
        }
    }
}

proptest! {
    #![proptest_config(config(60))]

    /// One `Apportioner` reused election after election (its buffers refilled, the tally
    /// refilled in place) gives the seats, ties and errors a fresh `allocate` gives.
    #[test]
    fn a_reused_apportioner_gives_what_allocate_gives(
        elections in prop::collection::vec(
            (any_method().prop_flat_map(full_rules), votes(), 0u64..50_000, 0u64..1_000, 1u32..120),
            1..12,
        ),
        ties_stop in any::<bool>(),
    ) {
        let mut apportioner = Apportioner::new();
        let mut tally = Tally::default();
        for (mut rules, votes, against_all, invalid, house) in elections {
            if ties_stop {
                rules.tie_policy = TiePolicy::Error;
            }
            tally.votes_mut().clear();
            tally.votes_mut().extend_from_slice(&votes);
            tally.set_against_all(against_all);
            tally.set_invalid(invalid);
            let fresh = Tally::new(votes).with_against_all(against_all).with_invalid(invalid);
            prop_assert_eq!(&tally, &fresh);
            let expected = allocate(&fresh, house, &rules);
            match (apportioner.seats(&tally, house, &rules), expected) {
                (Ok(seats), Ok(result)) => {
                    prop_assert_eq!(seats.to_vec(), result.seats());
                    prop_assert_eq!(apportioner.ties(), result.ties.as_slice());
                }
                (Err(a), Err(b)) => prop_assert_eq!(a, b),
                (a, b) => prop_assert!(false, "{:?} against {:?}", a.map(<[u32]>::to_vec), b.map(|r| r.seats())),
            }
        }
    }
}

/// Any threshold the public API can build: none, any number of votes, a percentage from any
/// two numbers (kept when the constructor accepts them), or any short text that parses.
fn any_threshold() -> impl Strategy<Value = Threshold> {
    let from_numbers = (any::<u64>(), prop_oneof![Just(0u64), 1u64..1000, any::<u64>()]).prop_map(|(n, d)| {
        match Percentage::new(n, d) {
            Ok(percentage) => Threshold::Percent(percentage),
            Err(err) => {
                // The constructor refuses exactly a zero denominator and more than 100 %.
                let expected = if d == 0 {
                    maslihat_apportion::ValueError::ZeroDenominator
                } else {
                    maslihat_apportion::ValueError::PercentAboveHundred { numerator: n, denominator: d }
                };
                assert_eq!(err, expected, "{n}/{d}");
                assert!(d == 0 || n > d, "{n}/{d} refused");
                Threshold::None
            }
        }
    });
    prop_oneof![
        Just(Threshold::None),
        any::<u64>().prop_map(|votes| Threshold::Votes { votes }),
        from_numbers,
        "[0-9]{0,4}(\\.[0-9]{0,8})?%?".prop_map(|text| text.parse().unwrap_or(Threshold::None)),
    ]
}

/// Any method the public API can build: a standard one, or whatever a custom sequence parses to.
fn any_public_method() -> impl Strategy<Value = Method> {
    let standard: Vec<Method> = Method::all_standard();
    prop_oneof![
        select(standard),
        "custom:[0-9]{0,3}(\\.[0-9]{0,10})?(,[0-9]{0,3}(\\.[0-9]{0,3})?){0,4}"
            .prop_map(|text| text.parse().unwrap_or_else(|_| method("dhondt"))),
    ]
}

proptest! {
    #![proptest_config(config(300))]

    /// Whatever the public API lets anyone build (no lists, no seats, votes up to u64::MAX,
    /// any threshold, base, tie policy, lot seed, runner-up reading, custom sequence), an
    /// allocation gives seats that add up to the house or the error the inputs call for, and
    /// its explanation and JSON are written: nothing panics.
    #[test]
    fn any_public_input_gives_seats_or_the_expected_error(
        votes in prop::collection::vec(prop_oneof![0u64..100, any::<u64>()], 0..8),
        against_all in prop_oneof![Just(0u64), any::<u64>()],
        invalid in prop_oneof![Just(0u64), any::<u64>()],
        house in prop_oneof![Just(0u32), 1u32..100, 100u32..1_000_000],
        method in any_public_method(),
        threshold in any_threshold(),
        threshold_base in select(vec![ThresholdBase::Valid, ThresholdBase::Lists, ThresholdBase::Cast]),
        tie_policy in prop_oneof![Just(TiePolicy::Error), Just(TiePolicy::Registration), Just(TiePolicy::Votes), any::<u64>().prop_map(TiePolicy::Lot)],
        runner_up in runner_up(),
        start in select(vec![DivisorStart::Estimate, DivisorStart::Empty]),
    ) {
        let rules = Rules { method, threshold, threshold_base, tie_policy, runner_up, ..Rules::default() };
        let tally = Tally::new(votes).with_against_all(against_all).with_invalid(invalid);
        match allocate_with_start(&tally, house, &rules, start) {
            Ok(result) => {
                prop_assert_eq!(result.seats().iter().map(|s| u64::from(*s)).sum::<u64>(), u64::from(house));
                let names: Vec<String> = Vec::new();
                prop_assert!(!maslihat_apportion::explain(&result, &names).is_empty());
                prop_assert!(serde_json::to_string(&result).is_ok());
                for tie in &result.ties {
                    let sentence = tie.describe(|i| format!("list {}", i + 1));
                    prop_assert!(sentence.contains(" contended for "), "{}", sentence);
                }
            }
            Err(err) => {
                assert_expected_failure(&err, &tally, house, &rules)?;
                prop_assert!(!err.to_string().is_empty());
            }
        }
    }
}
