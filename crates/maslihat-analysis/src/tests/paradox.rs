//! Paradox and quota checks: the published examples, and properties.

use maslihat_apportion::{Method, Rules, Tally, allocate};
use proptest::prelude::*;

use crate::paradox::{QuotaBound, alabama, new_list_paradox, population_paradox, quota_violations};

fn rules(method: &str) -> Rules {
    let method: Method = method.parse().unwrap_or_else(|e| panic!("{e}"));
    Rules { method, ..Rules::default() }
}

fn tally(votes: &[u64]) -> Tally {
    Tally::new(votes.to_vec())
}

/// (list, house before, seats before, house after, seats after)
fn check_alabama(votes: &[u64], house: u32, method: &str, expected: &[(usize, u32, u32, u32, u32)]) {
    let found = alabama(&tally(votes), house, &rules(method)).unwrap_or_else(|e| panic!("{e}"));
    let found: Vec<_> =
        found.iter().map(|f| (f.list, f.house_before, f.seats_before, f.house_after, f.seats_after)).collect();
    assert_eq!(found, expected, "votes {votes:?} house {house} {method}");
}

#[test]
fn alabama_paradox_published_examples() {
    // Wikipedia, "Apportionment paradox": states of 6, 6 and 2, Hamilton; 10 seats give
    // 4, 4, 2 and 11 seats give 5, 5, 1.
    check_alabama(&[6, 6, 2], 10, "hamilton", &[(2, 10, 2, 11, 1)]);
    // Wikipedia, "Alabama paradox": 5670, 3850, 420, 60 with 323 and 324 seats: C falls from 14 to 13.
    check_alabama(&[5670, 3850, 420, 60], 323, "hamilton", &[(2, 323, 14, 324, 13)]);
    check_alabama(&[5670, 3850, 420, 60], 324, "hamilton", &[(2, 323, 14, 324, 13)]);
    // Divisor methods are house-monotone: no finding on the same data.
    check_alabama(&[5670, 3850, 420, 60], 323, "dhondt", &[]);
    check_alabama(&[6, 6, 2], 10, "sainte-lague", &[]);
}

#[test]
fn population_paradox_published_example() {
    // "A Survey of Mathematics with Applications" (Pearson), chapter 14, the Republic of
    // Alexandria (Table 14.48): its states grow from 23,527 / 5,548 / 70,925 to 23,926 /
    // 5,648 / 71,110; B grows by 1.802 %, A by 1.696 %, yet with 100 seats (Hamilton) B loses
    // a seat to A.
    let before = tally(&[23_527, 5_548, 70_925]);
    let after = tally(&[23_926, 5_648, 71_110]);
    let found = population_paradox(&before, &after, 100, &rules("hamilton")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(found.len(), 1);
    let f = &found[0];
    assert_eq!((f.loser, f.gainer), (1, 0));
    assert_eq!((f.loser_seats, f.gainer_seats), ([6, 5], [23, 24]));
    assert_eq!((f.loser_votes, f.gainer_votes), ([5_548, 5_648], [23_527, 23_926]));
    assert!(f.loser_growth > f.gainer_growth);
    // Mismatched lists are an error, not a guess.
    let short = tally(&[1, 2]);
    assert!(population_paradox(&before, &short, 100, &rules("hamilton")).is_err());
}

#[test]
fn new_states_paradox_published_example() {
    // A textbook exercise (worked on edu.com's homework helper, question 908175): states of
    // 99,000, 214,000 and 487,000 share 50 seats as 6, 13, 31 (Hamilton); state D with
    // 116,000 joins with 7 more seats, and the 57 seats go 6, 14, 30, 7: C loses a seat to B.
    let votes = [99_000, 214_000, 487_000, 116_000];
    let found = new_list_paradox(&tally(&votes), 57, &rules("hamilton")).unwrap_or_else(|e| panic!("{e}"));
    let d: Vec<_> = found.iter().filter(|f| f.list == 3).collect();
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].list_seats, d[0].house_without), (7, 50));
    let changes: Vec<_> = d[0].changes.iter().map(|c| (c.list, c.before, c.after)).collect();
    assert_eq!(changes, [(1, 13, 14), (2, 31, 30)]);
    // D'Hondt has no new-states paradox without a threshold (uniform and consistent).
    let dhondt = new_list_paradox(&tally(&votes), 57, &rules("dhondt")).unwrap_or_else(|e| panic!("{e}"));
    assert!(dhondt.is_empty(), "{dhondt:?}");
}

#[test]
fn jefferson_violates_upper_quota_textbook() {
    // "A Survey of Mathematics with Applications" (Pearson), section 14.3, Example 4, the
    // Republic of Hydrangea (Table 14.31): 250 seats; state C's standard quota is 141.78, but
    // Jefferson's method (D'Hondt) gives it 143.
    let votes = [1_003_200, 1_228_600, 4_990_700, 813_000, 764_500];
    let allocation = allocate(&tally(&votes), 250, &rules("jefferson")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(allocation.seats(), [28, 35, 143, 23, 21]);
    let found = quota_violations(&allocation);
    assert_eq!(found.len(), 1);
    let v = &found[0];
    assert_eq!((v.list, v.seats, v.lower, v.upper, v.bound), (2, 143, 141, 142, QuotaBound::Upper));
    assert_eq!(v.quota.decimal(2), "141.78");
    // Hamilton satisfies the quota rule on the same data.
    let hamilton = allocate(&tally(&votes), 250, &rules("hamilton")).unwrap_or_else(|e| panic!("{e}"));
    assert!(quota_violations(&hamilton).is_empty());
}

#[test]
fn adams_violates_lower_quota() {
    // Adams gives every list a first seat: the big list falls below its lower quota.
    let allocation = allocate(&tally(&[900, 30, 30, 30, 10]), 10, &rules("adams")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(allocation.seats(), [6, 1, 1, 1, 1]);
    let found = quota_violations(&allocation);
    let found: Vec<_> = found.iter().map(|v| (v.list, v.lower, v.bound)).collect();
    assert_eq!(found, [(0, 9, QuotaBound::Lower)]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    /// Largest remainder (Hare, no threshold) always stays within quota.
    #[test]
    fn hare_stays_within_quota(votes in prop::collection::vec(0u64..10_000, 1..8), house in 1u32..60) {
        if let Ok(allocation) = allocate(&tally(&votes), house, &rules("hare")) {
            prop_assert!(quota_violations(&allocation).is_empty());
        }
    }

    /// Divisor methods are house-monotone: never an Alabama finding.
    #[test]
    fn divisor_methods_have_no_alabama_paradox(
        votes in prop::collection::vec(1u64..10_000, 1..8),
        house in 1u32..60,
        method in prop::sample::select(vec!["dhondt", "sainte-lague", "danish", "adams", "huntington-hill"]),
    ) {
        let found = alabama(&tally(&votes), house, &rules(method));
        prop_assert!(found.is_ok_and(|f| f.is_empty()));
    }

    /// Every Alabama finding is real: re-allocating shows the loss.
    #[test]
    fn alabama_findings_are_real(votes in prop::collection::vec(1u64..200, 2..6), house in 2u32..30) {
        let rules = rules("hamilton");
        let found = alabama(&tally(&votes), house, &rules).unwrap_or_default();
        for f in found {
            let before = allocate(&tally(&votes), f.house_before, &rules).map(|a| a.seats()[f.list]);
            let after = allocate(&tally(&votes), f.house_after, &rules).map(|a| a.seats()[f.list]);
            prop_assert_eq!(before, Ok(f.seats_before));
            prop_assert_eq!(after, Ok(f.seats_after));
            prop_assert!(f.seats_after < f.seats_before);
        }
    }
}
