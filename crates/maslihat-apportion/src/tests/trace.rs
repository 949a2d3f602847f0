//! Divisor methods traced seat by seat: the same seats as the fast start, awards in order of
//! non-increasing quotient, and quotients that are the votes divided by the divisor shown.

use crate::method::Priority;
use crate::{Allocation, DivisorStart, ListDetail, Method, Procedure, Tally, TiePolicy, allocate_with_start};

use super::{DIVISOR_METHODS, parse_method, rules, rules_with_ties};

fn inputs() -> Vec<Vec<u64>> {
    vec![
        vec![100_000, 80_000, 30_000, 20_000],
        vec![47_000, 16_000, 15_800, 12_000, 6_100, 3_100],
        vec![1_646_000, 6_936_000, 154_000, 2_091_000, 685_000, 988_000],
        vec![3_411, 2_421, 11_586, 4_494, 3_126, 4_962],
        vec![261_213, 31_876, 31_355, 4_351, 3_411],
        vec![227_307, 2_147, 5_401, 18_174, 18_154, 56_045],
        vec![10, 10, 10],
        vec![6, 6, 2],
        vec![0, 5, 0, 7],
        vec![16_777_216, 16_777_217],
        vec![u64::MAX, 1, u64::MAX / 3],
        super::textbook::us_2010_votes(),
    ]
}

/// The exact priority with which `award` was made.
fn priority(method: &Method, votes: u64, seats_before: u32) -> Priority {
    let Method::Divisor(divisor) = method else { panic!("{method} is not a divisor method") };
    divisor.priority(u128::from(votes), seats_before).expect("fits")
}

#[track_caller]
fn check_every_seat(method: &Method, votes: &[u64], house: u32, policy: TiePolicy) {
    let what = format!("{method}, {house} seats, {policy}, {votes:?}");
    let rules = rules_with_ties(&method.name(), policy);
    let tally = Tally::new(votes.to_vec());
    let fast = allocate_with_start(&tally, house, &rules, DivisorStart::Estimate)
        .unwrap_or_else(|err| panic!("{what}: {err}"));
    let slow =
        allocate_with_start(&tally, house, &rules, DivisorStart::Empty).unwrap_or_else(|err| panic!("{what}: {err}"));
    assert_eq!(fast.seats(), slow.seats(), "{what}: fast and seat-by-seat differ");
    assert_eq!(fast.ties, slow.ties, "{what}: the ties differ");
    let Procedure::Divisor { start_seats, awards, withdrawals, .. } = &slow.procedure else { panic!("{what}") };
    assert_eq!(*start_seats, 0, "{what}");
    assert!(withdrawals.is_empty(), "{what}");
    assert_eq!(awards.len(), house as usize, "{what}: every seat is listed");
    let mut held = vec![0u32; votes.len()];
    let mut previous: Option<Priority> = None;
    for award in awards {
        held[award.list] += 1;
        assert_eq!(award.list_seat, held[award.list], "{what}: seat numbers within the list");
        let claim = priority(method, votes[award.list], award.list_seat - 1);
        if let Some(previous) = previous {
            assert!(claim <= previous, "{what}: award {award:?} has a higher quotient than the one before");
        }
        previous = Some(claim);
    }
    assert_eq!(held, slow.seats(), "{what}: the awards add up to the seats");
    // Every seat won has at least the claim of every seat not won: the divisor-method condition.
    let won = slow.seats();
    let lowest_won = (0..votes.len()).filter(|i| won[*i] > 0).map(|i| priority(method, votes[i], won[i] - 1)).min();
    let highest_lost = (0..votes.len()).filter(|i| votes[*i] > 0).map(|i| priority(method, votes[i], won[i])).max();
    if let (Some(lowest_won), Some(highest_lost)) = (lowest_won, highest_lost) {
        assert!(lowest_won >= highest_lost, "{what}: a list was passed over for a smaller quotient");
    }
}

#[test]
fn every_seat_matches_fast_and_awards_in_order() {
    for name in DIVISOR_METHODS {
        let method = parse_method(name);
        for votes in inputs() {
            let houses: Vec<u32> =
                if votes.len() == 50 { vec![50, 100, 435] } else { (1..=45).chain([100, 250]).collect() };
            for house in houses {
                for policy in [TiePolicy::Registration, TiePolicy::Votes, TiePolicy::Lot(9)] {
                    check_every_seat(&method, &votes, house, policy);
                }
            }
        }
    }
}

/// One list of 1,000 votes wins 3 seats: the divisors and quotients shown for each award.
#[track_caller]
fn check_award_text(method: &str, expected: [(&str, &str); 3], next: &str) {
    let result: Allocation =
        allocate_with_start(&Tally::new(vec![1_000]), 3, &rules(method), DivisorStart::Empty).unwrap();
    let Procedure::Divisor { awards, .. } = &result.procedure else { panic!("{method}") };
    let shown: Vec<(&str, &str)> = awards.iter().map(|a| (a.divisor.as_str(), a.quotient.as_str())).collect();
    assert_eq!(shown, expected, "{method}");
    let ListDetail::Divisor { last_quotient, next_quotient } = &result.lists[0].detail else { panic!("{method}") };
    assert_eq!(last_quotient.as_deref(), Some(expected[2].1), "{method}: last quotient");
    assert_eq!(next_quotient, next, "{method}: next quotient");
    let text = crate::explain(&result, &[]);
    for (n, (divisor, quotient)) in expected.iter().enumerate() {
        let line = format!("{}. list 1 (seat {} of the list): 1000 ÷ {divisor} = {quotient}", n + 1, n + 1);
        assert!(text.contains(&line), "{method}: explanation lacks {line:?}:\n{text}");
    }
}

// The quotient shown is the votes divided by the divisor shown, rounded half-up to 4 places.
#[test]
fn quotients_are_votes_over_the_divisor_shown() {
    check_award_text("dhondt", [("1", "1000.0000"), ("2", "500.0000"), ("3", "333.3333")], "250.0000");
    check_award_text("sainte-lague", [("1", "1000.0000"), ("3", "333.3333"), ("5", "200.0000")], "142.8571");
    check_award_text("modified-sainte-lague", [("1.4", "714.2857"), ("3", "333.3333"), ("5", "200.0000")], "142.8571");
    check_award_text("custom:1.4,3,5", [("1.4", "714.2857"), ("3", "333.3333"), ("5", "200.0000")], "142.8571");
    check_award_text("custom:0.5,1.5", [("0.5", "2000.0000"), ("1.5", "666.6667"), ("2.5", "400.0000")], "285.7143");
    check_award_text("danish", [("1", "1000.0000"), ("4", "250.0000"), ("7", "142.8571")], "100.0000");
    check_award_text("imperiali", [("2", "500.0000"), ("3", "333.3333"), ("4", "250.0000")], "200.0000");
    check_award_text("adams", [("0", "∞"), ("1", "1000.0000"), ("2", "500.0000")], "333.3333");
    // Dean's divisors: 2·1·2/3 = 1.333333, 2·2·3/5 = 2.4, then 2·3·4/7 = 3.428571.
    check_award_text("dean", [("0", "∞"), ("1.333333", "750.0000"), ("2.4", "416.6667")], "291.6667");
}

// Huntington-Hill's quotients are irrational: 1000/√2 = 707.10678…, 1000/√6 = 408.24829…,
// 1000/√12 = 288.67513…. The text may round or truncate the fifth decimal, no more.
#[test]
fn huntington_hill_quotients() {
    let result =
        allocate_with_start(&Tally::new(vec![1_000]), 3, &rules("huntington-hill"), DivisorStart::Empty).unwrap();
    let Procedure::Divisor { awards, .. } = &result.procedure else { panic!() };
    let divisors: Vec<&str> = awards.iter().map(|a| a.divisor.as_str()).collect();
    assert_eq!(divisors, ["√0", "√2", "√6"]);
    assert_eq!(awards[0].quotient, "∞");
    for (shown, (low, high)) in
        [(&awards[1].quotient, ("707.1067", "707.1068")), (&awards[2].quotient, ("408.2482", "408.2483"))]
    {
        assert!(shown == low || shown == high, "{shown} is not 707.10678… or 408.24829… to 4 places");
    }
    let ListDetail::Divisor { next_quotient, .. } = &result.lists[0].detail else { panic!() };
    assert!(next_quotient == "288.6751" || next_quotient == "288.6752", "{next_quotient}");
}

/// An `Allocation` is plain data anyone can change: an award naming a list that is not there
/// is explained (with no votes for it), not a panic.
#[test]
fn an_explanation_of_altered_data_does_not_panic() {
    let mut result = allocate_with_start(&Tally::new(vec![10, 20]), 3, &rules("dhondt"), DivisorStart::Empty).unwrap();
    let Procedure::Divisor { awards, .. } = &mut result.procedure else { panic!("a divisor procedure") };
    awards[0].list = 99;
    let text = crate::explain(&result, &[]);
    assert!(text.contains("list 100 (seat 1 of the list): 0 ÷ "), "{text}");
}
