//! Edge cases: numbers floats cannot tell apart, the largest votes, zero-divisor methods with
//! few seats, the runner-up rule in its three readings, no list passing, the plain errors, and
//! custom divisor sequences.

use crate::{AllocError, ListStatus, Method, Preset, Rules, RunnerUp, Tally, TiePolicy, allocate};

use super::{all_methods, parse_method, rules, rules_with_ties};

// 16,777,216 = 2^24 and 16,777,217 are the same f32: a float comparison cannot see which list
// is larger. Registered smaller first, so that registration cannot explain the result.
#[test]
fn the_larger_list_wins_where_f32_sees_a_tie() {
    assert_eq!(16_777_216_f32.to_bits(), (16_777_217_u32 as f32).to_bits());
    let tally = Tally::new(vec![16_777_216, 16_777_217]);
    for method in all_methods() {
        let rules = Rules { method: method.clone(), tie_policy: TiePolicy::Error, ..Rules::default() };
        // One seat: the larger list. Three seats: every method gives each list one and the
        // third to the larger (Hare: quotients 1.49999997 and 1.50000003).
        for (house, expected) in [(1, [0, 1]), (3, [1, 2])] {
            let result = allocate(&tally, house, &rules).unwrap_or_else(|err| panic!("{method}, {house}: {err}"));
            assert_eq!(result.seats(), expected, "{method}, {house} seats");
            assert!(result.ties.is_empty(), "{method}: not a tie");
        }
    }
}

// The largest votes a list can have: every method either allocates exactly, without a panic,
// or says that a number is too large. With plain votes all comparisons fit 256 bits, so every
// method must succeed; the seats must add up and respect the order of the votes.
#[test]
fn largest_votes_every_method() {
    let max = u64::MAX;
    let tallies = [vec![max], vec![max, max], vec![max, max - 1, 1], vec![max, 1], vec![max, 0, max / 2]];
    for method in all_methods() {
        let rules = Rules { method: method.clone(), ..Rules::default() };
        for votes in &tallies {
            for house in [1, 2, 3, 7, 100, 10_000] {
                let result = allocate(&Tally::new(votes.clone()), house, &rules)
                    .unwrap_or_else(|err| panic!("{method}, {votes:?}, {house}: {err}"));
                let seats = result.seats();
                assert_eq!(seats.iter().sum::<u32>(), house, "{method}, {votes:?}, {house}");
                for i in 0..votes.len() {
                    for j in 0..votes.len() {
                        if votes[i] > votes[j] {
                            assert!(seats[i] >= seats[j], "{method}, {votes:?}, {house}: {seats:?}");
                        }
                    }
                }
            }
        }
    }
    // u64::MAX against 1 for three seats: the zero-divisor methods give the small list its
    // seat first; every other method gives all three to the large one.
    for method in all_methods() {
        let zero_first = matches!(&method, Method::Divisor(divisor) if divisor.has_zero_first_divisor());
        let expected = if zero_first { [2, 1] } else { [3, 0] };
        let result =
            allocate(&Tally::new(vec![max, 1]), 3, &Rules { method: method.clone(), ..Rules::default() }).unwrap();
        assert_eq!(result.seats(), expected, "{method}");
    }
}

// Reading (c) multiplies votes by 10 (leader) and 7 (runner-up); Huntington-Hill then squares
// them: (10 × u64::MAX)² does not fit 128 bits. That must be a clear error, not a panic or a
// wrong answer. The other methods still work.
#[test]
fn largest_votes_with_the_coefficient() {
    let tally = Tally::new(vec![u64::MAX, 1]);
    for method in all_methods() {
        let rules = Rules { method: method.clone(), runner_up: Some(RunnerUp::Coefficient), ..Preset::Kz2021.rules() };
        let result = allocate(&tally, 5, &rules);
        if method == parse_method("huntington-hill") {
            assert!(matches!(result, Err(AllocError::Overflow { .. })), "{method}: {result:?}");
            let message = result.unwrap_err().to_string();
            assert_eq!(message, "the numbers are too large to compare exactly in 128 bits (divisor quotient)");
        } else {
            let result = result.unwrap_or_else(|err| panic!("{method}: {err}"));
            assert_eq!(result.seats().iter().sum::<u32>(), 5, "{method}");
        }
    }
}

/// Seats and whether the zero-divisor note was made.
#[track_caller]
fn check_zero_divisor(method: &str, votes: &[u64], house: u32, expected: &[u32], note: bool) {
    let result = allocate(&Tally::new(votes.to_vec()), house, &rules(method)).unwrap();
    assert_eq!(result.seats(), expected, "{method}, {votes:?}, {house}");
    let noted = result.notes.iter().any(|n| n.contains("zero divisor") && n.contains("ranked by votes"));
    assert_eq!(noted, note, "{method}, {votes:?}, {house}: notes {:?}", result.notes);
}

// Adams, Dean and Huntington-Hill give every list with votes an infinite claim to its first
// seat; with fewer seats than such lists, the largest lists get one each and a note says why.
#[test]
fn zero_divisor_methods_with_few_seats() {
    for method in ["adams", "dean", "huntington-hill"] {
        check_zero_divisor(method, &[10, 50, 30, 40, 20], 3, &[0, 1, 1, 1, 0], true);
        check_zero_divisor(method, &[10, 50, 30, 40, 20], 1, &[0, 1, 0, 0, 0], true);
        check_zero_divisor(method, &[10, 50, 30, 40, 20], 5, &[1, 1, 1, 1, 1], false);
        // A list without votes has no claim at all, and does not count for the note.
        check_zero_divisor(method, &[10, 0, 5], 2, &[1, 0, 1], false);
        check_zero_divisor(method, &[10, 0, 5], 1, &[1, 0, 0], true);
    }
    // Other divisor methods make no such note (D'Hondt: 50, 40, 30, then 50 / 2 = 25 > 20).
    check_zero_divisor("dhondt", &[10, 50, 30, 40, 20], 4, &[0, 2, 1, 1, 0], false);
}

struct RunnerUpCase {
    reading: Option<RunnerUp>,
    house: u32,
    seats: [u32; 3],
    moved: u32,
}

// 2021 rules (7 %), votes 90, 6, 4 of 100: only the first list passes; the runner-up is the
// second (6 votes).
//   (a) admit: Hare over 96 votes for 10 seats: 9.375 and 0.625 → 9 + 0, the last seat to the
//       runner-up (.625 > .375): 9, 1.
//   (b) admit, at least two: 9, 1 → 8, 2 (one seat moved).
//   (c) coefficient: weights 900 and 42, quota 94.2: 9.554 and 0.446 → the last seat to the
//       leader: 10, 0.
// With 2 seats, (b) still leaves the leader one: Hare gives 1.875 / 0.125 → 2, 0; (b) moves
// one. With 1 seat, (b) moves nothing. With 3 seats, (b) gives the runner-up two of the three
// seats (Hare: 2.8125 / 0.1875 → 3, 0; two moved), although it has fifteen times fewer votes:
// the literal reading of docs/rules.md (only one list passes, reading b).
#[test]
fn runner_up_readings() {
    let cases = [
        RunnerUpCase { reading: Some(RunnerUp::Admit), house: 10, seats: [9, 1, 0], moved: 0 },
        RunnerUpCase { reading: Some(RunnerUp::AdmitMinTwo), house: 10, seats: [8, 2, 0], moved: 1 },
        RunnerUpCase { reading: Some(RunnerUp::Coefficient), house: 10, seats: [10, 0, 0], moved: 0 },
        RunnerUpCase { reading: Some(RunnerUp::Admit), house: 2, seats: [2, 0, 0], moved: 0 },
        RunnerUpCase { reading: Some(RunnerUp::AdmitMinTwo), house: 2, seats: [1, 1, 0], moved: 1 },
        RunnerUpCase { reading: Some(RunnerUp::AdmitMinTwo), house: 1, seats: [1, 0, 0], moved: 0 },
        RunnerUpCase { reading: Some(RunnerUp::AdmitMinTwo), house: 3, seats: [1, 2, 0], moved: 2 },
        // No runner-up rule: the single list takes everything.
        RunnerUpCase { reading: None, house: 10, seats: [10, 0, 0], moved: 0 },
    ];
    let tally = Tally::new(vec![90, 6, 4]);
    for case in &cases {
        let rules = Rules { runner_up: case.reading, ..Preset::Kz2021.rules() };
        let result = allocate(&tally, case.house, &rules).unwrap();
        let what = format!("{:?}, {} seats", case.reading, case.house);
        assert_eq!(result.seats(), case.seats, "{what}");
        match case.reading {
            Some(reading) => {
                let applied = result.runner_up.as_ref().unwrap_or_else(|| panic!("{what}: not applied"));
                assert_eq!(applied.reading, reading, "{what}");
                assert_eq!(applied.leader, 0, "{what}");
                assert_eq!(applied.runner_up, Some(1), "{what}");
                assert_eq!(applied.seats_moved, case.moved, "{what}");
                let statuses: Vec<ListStatus> = result.lists.iter().map(|l| l.status).collect();
                assert_eq!(statuses, [ListStatus::Qualified, ListStatus::RunnerUp, ListStatus::BelowThreshold]);
                let text = crate::explain(&result, &[]);
                assert!(text.contains(reading.describe()), "{what}: the reading is not named:\n{text}");
            }
            None => assert!(result.runner_up.is_none(), "{what}"),
        }
    }
}

// The runner-up is registered before the leader: the seats still go to the right lists.
#[test]
fn runner_up_registered_before_the_leader() {
    let result = allocate(&Tally::new(vec![4, 6, 90]), 10, &Preset::Kz2021.rules()).unwrap();
    assert_eq!(result.seats(), [0, 2, 8]);
    let applied = result.runner_up.unwrap();
    assert_eq!((applied.leader, applied.runner_up, applied.seats_moved), (2, Some(1), 1));
}

// When two or more lists pass, the rule is not applied, and the explanation says so.
#[test]
fn runner_up_not_needed() {
    let result = allocate(&Tally::new(vec![80, 13, 7]), 10, &Preset::Kz2021.rules()).unwrap();
    assert!(result.runner_up.is_none());
    let text = crate::explain(&result, &[]);
    assert!(text.contains("runner-up rule: admit-min-two (not needed: more than one list passed)"), "{text}");
}

// Only one list passes and no other list has votes: it takes every seat.
#[test]
fn runner_up_without_candidates() {
    let result = allocate(&Tally::new(vec![100, 0]), 5, &Preset::Kz2021.rules()).unwrap();
    assert_eq!(result.seats(), [5, 0]);
    let applied = result.runner_up.unwrap();
    assert_eq!((applied.leader, applied.runner_up, applied.seats_moved), (0, None, 0));
}

#[test]
fn runner_up_reading_names() {
    for (text, reading) in [
        ("admit", RunnerUp::Admit),
        ("a", RunnerUp::Admit),
        ("admit-min-two", RunnerUp::AdmitMinTwo),
        ("B", RunnerUp::AdmitMinTwo),
        ("coefficient", RunnerUp::Coefficient),
        ("c", RunnerUp::Coefficient),
    ] {
        assert_eq!(text.parse::<RunnerUp>(), Ok(reading), "{text}");
    }
    assert_eq!(RunnerUp::AdmitMinTwo.to_string(), "admit-min-two");
    assert!("d".parse::<RunnerUp>().is_err());
    assert_eq!(Preset::Kz2021.rules().runner_up, Some(RunnerUp::AdmitMinTwo), "reading (b) is the default");
}

#[track_caller]
fn check_error(what: &str, tally: &Tally, house: u32, rules: &Rules, expected: &AllocError, message: &str) {
    let result = allocate(tally, house, rules);
    match &result {
        Err(err) => {
            assert_eq!(err, expected, "{what}");
            assert_eq!(err.to_string(), message, "{what}");
        }
        Ok(allocation) => panic!("{what}: an error expected, got seats {:?}", allocation.seats()),
    }
}

#[test]
fn errors() {
    let kz21 = Preset::Kz2021.rules();
    let kz23 = Preset::Kz2023.rules();
    let no_list_passes = |largest, share: &str, threshold: &str| AllocError::NoListPasses {
        threshold: threshold.to_owned(),
        largest,
        share: share.to_owned(),
        base: "valid ballots",
    };
    let cases = [
        // Both lists below 7 % of 100 valid ballots ("against all" 89).
        (
            "no list passes",
            Tally::new(vec![6, 5]).with_against_all(89),
            5,
            kz21.clone(),
            no_list_passes(1, "6.00", "7%"),
            "no lawful allocation: no list reached the threshold of 7% (the largest list, number 1, has 6.00 % of the valid ballots)",
        ),
        (
            "no list passes, the largest registered second",
            Tally::new(vec![5, 6]).with_against_all(89),
            5,
            kz21.clone(),
            no_list_passes(2, "6.00", "7%"),
            "no lawful allocation: no list reached the threshold of 7% (the largest list, number 2, has 6.00 % of the valid ballots)",
        ),
        // 4.99 % each under 5 %: the runner-up rule needs one list that passed.
        (
            "no list passes 5 %",
            Tally::new(vec![499, 499, 1]).with_against_all(9_001),
            5,
            kz23.clone(),
            no_list_passes(1, "4.99", "5%"),
            "no lawful allocation: no list reached the threshold of 5% (the largest list, number 1, has 4.99 % of the valid ballots)",
        ),
        (
            "no seats",
            Tally::new(vec![1, 2]),
            0,
            kz21.clone(),
            AllocError::NoSeats,
            "the number of seats must be at least 1",
        ),
        (
            "no lists",
            Tally::new(vec![]),
            5,
            kz21.clone(),
            AllocError::NoLists,
            "there are no lists to allocate seats to",
        ),
        (
            "no votes",
            Tally::new(vec![0, 0]),
            5,
            kz21.clone(),
            AllocError::NoVotes,
            "the lists taking part have no votes between them",
        ),
        (
            "no votes, no threshold",
            Tally::new(vec![0, 0]),
            5,
            rules("dhondt"),
            AllocError::NoVotes,
            "the lists taking part have no votes between them",
        ),
        (
            "no votes, largest remainder, no threshold",
            Tally::new(vec![0]),
            5,
            rules("hare"),
            AllocError::NoVotes,
            "the lists taking part have no votes between them",
        ),
    ];
    for (what, tally, house, rules, expected, message) in &cases {
        check_error(what, tally, *house, rules, expected, message);
    }
}

// A custom sequence equal to a standard one gives the same seats, whatever the input; past its
// end it continues with its last step.
#[test]
fn custom_sequences_match_the_standard_methods() {
    let inputs: Vec<Vec<u64>> = vec![
        vec![100_000, 80_000, 30_000, 20_000],
        vec![47_000, 16_000, 15_800, 12_000, 6_100, 3_100],
        vec![1_646_000, 6_936_000, 154_000, 2_091_000, 685_000, 988_000],
        vec![261_213, 31_876, 31_355, 4_351, 3_411],
        super::textbook::us_2010_votes(),
    ];
    for (custom, standard) in [
        ("custom:1,2,3", "dhondt"),
        ("custom:1", "dhondt"),
        ("custom:1.4,3,5", "modified-sainte-lague"),
        ("custom:1,3", "sainte-lague"),
        ("custom:0.5,1.5", "sainte-lague"),
        ("custom:1,4,7", "danish"),
        ("custom:2,3", "imperiali"),
    ] {
        for votes in &inputs {
            for house in (1..=60).chain([250, 435]) {
                for policy in [TiePolicy::Registration, TiePolicy::Votes, TiePolicy::Lot(5)] {
                    let run = |method| allocate(&Tally::new(votes.clone()), house, &rules_with_ties(method, policy));
                    let (a, b) = (run(custom).unwrap(), run(standard).unwrap());
                    assert_eq!(a.seats(), b.seats(), "{custom} vs {standard}, {house} seats, {votes:?}");
                    assert_eq!(a.ties, b.ties, "{custom} vs {standard}, {house} seats");
                }
            }
        }
    }
}

#[test]
fn method_names() {
    for (text, name) in [
        ("hamilton", "hare"),
        ("Hare", "hare"),
        ("jefferson", "dhondt"),
        ("d'hondt", "dhondt"),
        ("webster", "sainte-lague"),
        ("imperiali-quota", "imperiali-quota"),
        ("custom:1.4,3,5", "custom:1.4,3,5"),
        ("custom: 1.40 , 3 ,5", "custom:1.4,3,5"),
        ("custom:0.000000001,1", "custom:0.000000001,1"),
    ] {
        let method: Method = text.parse().unwrap_or_else(|err| panic!("{text}: {err}"));
        assert_eq!(method.name(), name, "{text}");
        let again: Method = method.name().parse().unwrap_or_else(|err| panic!("{text}: {err}"));
        assert_eq!(again.name(), name, "{text}: the name parses back");
    }
    let names: Vec<&str> = Method::standard().map(|(name, _)| name).collect();
    assert_eq!(names.len(), 12);
    assert_eq!(Method::all_standard().iter().map(Method::name).collect::<Vec<_>>(), names);
    for (bad, message) in [
        ("custom:3,2", r#"expected a strictly increasing divisor sequence, found "3,2""#),
        ("custom:1,1", r#"expected a strictly increasing divisor sequence, found "1,1""#),
        ("custom:0,1", r#"expected a divisor sequence whose first divisor is above zero, found "0,1""#),
        ("custom:1,x", r#"expected a positive decimal number such as 1.4 in the divisor list, found "x""#),
        ("custom:-1,2", r#"expected a positive decimal number such as 1.4 in the divisor list, found "-1""#),
        ("custom:", r#"expected a positive decimal number such as 1.4 in the divisor list, found """#),
        ("custom:1.0000000001", r#"expected divisors with at most 9 decimal places, found "1.0000000001""#),
    ] {
        assert_eq!(bad.parse::<Method>().map_err(|err| err.to_string()), Err(message.to_owned()), "{bad}");
    }
    assert!("borda".parse::<Method>().is_err());
}

// Droop with fewer votes than seats: the quota is 1 vote, whole quotas give 3 + 2 + 1 seats and
// the 994 left go in whole rounds (331 each) before one seat by remainder (all remainders are
// 0: a tie settled by registration, so the first list). A house of u32::MAX seats must finish
// at once, not loop seat by seat.
#[test]
fn seats_far_beyond_the_votes_go_in_whole_rounds() {
    let result = allocate(&Tally::new(vec![3, 2, 1]), 1000, &rules("droop")).unwrap();
    assert_eq!(result.seats(), [3 + 331 + 1, 2 + 331, 1 + 331]);
    assert!(result.notes.iter().any(|n| n.contains("331 more seat(s) in whole rounds")), "{:?}", result.notes);
    for method in ["droop", "hare", "dhondt", "sainte-lague", "adams", "huntington-hill"] {
        let result = allocate(&Tally::new(vec![3, 2, 1]), u32::MAX, &rules(method)).unwrap();
        let total: u64 = result.seats().iter().map(|s| u64::from(*s)).sum();
        assert_eq!(total, u64::from(u32::MAX), "{method}");
    }
}

// Reading (c): votes are weighted ×10 and ×7 inside; what is shown is in votes. Quota over the
// two lists: (80000 + 0.7 × 5000) / 20 = 83500 / 20 = 4175.
#[test]
fn the_coefficient_reading_shows_its_quota_in_votes() {
    let mut kz = Preset::Kz2021.rules();
    kz.runner_up = Some(RunnerUp::Coefficient);
    let result = allocate(&Tally::new(vec![80_000, 5_000, 4_000, 3_000]), 20, &kz).unwrap();
    let crate::Procedure::LargestRemainder { quota, .. } = &result.procedure else { panic!("largest remainder") };
    assert_eq!(quota.to_string(), "4175");
    assert_eq!(result.seats(), [19, 1, 0, 0]);
}
