//! Multi-district and mixed-member allocations: Denmark's Folketing 2022 reproduced from its
//! national counts, hand-worked examples of each overhang rule and of the Czech first stage,
//! and properties of the mixed-member rules.

use maslihat_apportion::multi_district::{
    MultiError, NationalThreshold, OverhangRule, denmark_folketing, mixed_member, national_threshold_then_districts,
    national_threshold_with_base, seats_by_rounded_quota,
};
use maslihat_apportion::{Divisor, Method, Percentage, Quota, Rules, Threshold, TiePolicy};
use proptest::prelude::*;

/// Folketingsvalget 1 November 2022, Denmark proper: national votes and seats per party as
/// Statistics Denmark published them, taken from Den Store Danske
/// (<https://denstoredanske.lex.dk/folketingsvalg_2022>, "Resultatet af folketingsvalget 1.
/// november 2022"; the same figures in ISPD's summary citing Statistics Denmark,
/// <https://ispd.org.cy/denmark-2>). Valid votes in all: 3,533,951 (Kristendemokraterne
/// 18,276, Frie Grønne 31,787, independents 4,288 included).
const DENMARK_2022: [(&str, u64, u32); 14] = [
    ("A", 971_995, 50),
    ("B", 133_931, 7),
    ("C", 194_820, 10),
    ("D", 129_524, 6),
    ("F", 293_186, 15),
    ("I", 278_656, 14),
    ("M", 327_699, 16),
    ("O", 93_428, 5),
    ("V", 470_546, 23),
    ("Æ", 286_796, 14),
    ("Ø", 181_452, 9),
    ("Å", 117_567, 6),
    ("K", 18_276, 0),
    ("Q", 31_787, 0),
];
const DENMARK_2022_VALID: u64 = 3_533_951;

#[test]
fn denmark_2022_totals_are_reproduced_with_the_overhang_rule() {
    // Statistics Denmark (press release of 3 November 2022, <https://www.dst.dk/da/presse/Pressemeddelelser/2022/2022-11-03-valideret-mandatfordeling-klar-senest-fredag>):
    // Socialdemokratiet (A) won more constituency seats than its national share, so § 77(4)
    // applied for the first time since 1947: A keeps its constituency seats and takes no
    // compensatory seat, so its 50 seats are all constituency seats. The other parties'
    // constituency seats are not in our sources; each is at most the party's total, and
    // below that they do not change the totals (only the split into constituency and
    // compensatory seats, which is not asserted here), so they are given as 0.
    let votes: Vec<u64> = DENMARK_2022.iter().map(|(_, v, _)| *v).collect();
    let mut constituency = vec![0u32; votes.len()];
    constituency[0] = 50;
    let result =
        denmark_folketing(&votes, &constituency, &vec![false; votes.len()], DENMARK_2022_VALID, TiePolicy::Error)
            .unwrap();
    let totals: Vec<u32> = result.parties.iter().map(|p| p.total).collect();
    let published: Vec<u32> = DENMARK_2022.iter().map(|(_, _, s)| *s).collect();
    assert_eq!(totals, published);
    assert_eq!(result.house_size, 175);
    // A's share of 175 by largest remainders is 49 (48.88 seats): one seat of overhang.
    assert_eq!((result.parties[0].entitlement, result.parties[0].overhang, result.parties[0].list_seats), (49, 1, 0));
    // K and Q are under 2 % (2 % of 3,533,951 is 70,679.02).
    assert!(!result.parties[12].qualified && !result.parties[13].qualified);
    // Without the overhang rule, V would have had 24 seats: the seat A kept came from V.
    assert_eq!(result.parties[8].entitlement, 24);
}

/// Party A won 7 of 10 constituencies with half of the list votes (5,000 / 3,000 / 2,000).
/// Sainte-Laguë of 10: 5, 3, 2 (quotients at divisor 1,000: 5, 3, 2 exactly).
fn seven_of_ten(rule: OverhangRule, method: &Method) -> Vec<u32> {
    let result = mixed_member(&[5000, 3000, 2000], &[7, 0, 0], &[true; 3], 10, method, rule, TiePolicy::Error).unwrap();
    result.parties.iter().map(|p| p.total).collect()
}

#[test]
fn the_three_overhang_rules_by_hand() {
    let sainte_lague = Method::Divisor(Divisor::SainteLague);
    // New Zealand: A keeps 7 (2 overhang), B and C keep 3 and 2: house 12.
    assert_eq!(seven_of_ten(OverhangRule::KeptHouseEnlarged, &sainte_lague), [7, 3, 2]);
    // Balanced: 13 seats give 6.5, 3.9, 2.6 → at divisor 780: 6.41, 3.85, 2.56 → 6, 4, 3 (A
    // short); 14 seats give exactly 7, 4.2, 2.8 → 7, 4, 3.
    assert_eq!(seven_of_ten(OverhangRule::Balanced, &sainte_lague), [7, 4, 3]);
    // On the way, 15 seats (7.5, 4.5, 3) tie A and B for the last seat: recorded, not hidden.
    let balanced = mixed_member(
        &[5000, 3000, 2000],
        &[7, 0, 0],
        &[true; 3],
        10,
        &sainte_lague,
        OverhangRule::Balanced,
        TiePolicy::Error,
    )
    .unwrap();
    assert!(
        balanced.search_ties.iter().any(|(size, tie)| *size == 15 && tie.lists == [0, 1]),
        "{:?}",
        balanced.search_ties
    );
    assert!(balanced.ties.is_empty());
    // Denmark: A keeps 7; B and C share 3 by Hare: 1.8 and 1.2 → 1 + 1, the last seat to the
    // larger remainder (0.8): 2 and 1.
    assert_eq!(seven_of_ten(OverhangRule::KeptOthersShareRest, &Method::LargestRemainder(Quota::Hare)), [7, 2, 1]);
}

#[test]
fn a_constituency_seat_of_a_party_below_the_threshold_is_set_aside() {
    // C is below the threshold but won a constituency: 9 seats are shared between A and B.
    let result = mixed_member(
        &[6000, 3000, 500],
        &[0, 0, 1],
        &[true, true, false],
        10,
        &Method::Divisor(Divisor::SainteLague),
        OverhangRule::KeptHouseEnlarged,
        TiePolicy::Error,
    )
    .unwrap();
    let totals: Vec<u32> = result.parties.iter().map(|p| p.total).collect();
    assert_eq!(totals, [6, 3, 1]);
    assert_eq!(result.house_size, 10);
}

#[test]
fn the_czech_first_stage_by_hand() {
    // 6,000 votes, 6 seats: quota 1,000; whole quotas 1, 2, 1; remainders 500, 600, 900 → the
    // two seats left to the third and the second region.
    let found = seats_by_rounded_quota(&[1500, 2600, 1900], 6).unwrap();
    assert_eq!((found.quota, found.seats.clone(), found.remainder_order.clone()), (1000, vec![1, 3, 2], vec![2, 1]));
    // 6,003 votes for 6 seats: 1,000.5 rounds half up to 1,001 (the law: "rounded to units").
    assert_eq!(seats_by_rounded_quota(&[1001, 2002, 3000], 6).unwrap().quota, 1001);
    // Equal remainders at the cut are an error, never settled silently.
    let err = seats_by_rounded_quota(&[1500, 1500, 3000], 6).unwrap_err();
    assert_eq!(err, MultiError::TieAtCut { districts: vec![0, 1], seats: 1 });
    // A rounded-down quota can hand out too many whole seats (12 votes, 5 seats: 2.4 → 2;
    // whole quotas 1, 1, 1, 1, 2): the law provides only for seats left over, so an error.
    assert_eq!(seats_by_rounded_quota(&[2, 2, 2, 2, 4], 5), Err(MultiError::TooManyWholeSeats { given: 6, seats: 5 }));
}

#[test]
fn a_national_threshold_then_each_district() {
    // Party 3 has 4 % nationally and is out everywhere, even in district 2 where it is strong.
    let votes = vec![vec![600, 350, 0], vec![300, 300, 80], vec![500, 500, 20]];
    let rules = Rules { method: Method::Divisor(Divisor::DHondt), ..Rules::default() };
    let result =
        national_threshold_then_districts(&votes, &[5, 3, 4], Percentage::new(5, 100).unwrap(), &rules).unwrap();
    assert_eq!(result.qualified, [0, 1]);
    assert_eq!(result.seats[2], 0);
    assert_eq!(result.seats.iter().sum::<u32>(), 12);
}

#[test]
fn a_national_threshold_over_all_valid_votes_and_ties_named_as_parties() {
    // 1,000 votes in the matrix; C has 45 (4.5 % of them, 4.09 % of 1,100 valid votes).
    // With a threshold of 4 % of the matrix C passes; of 1,100 valid votes it still passes
    // (44 needed); with 5 % of 1,100 (55 needed) it is out.
    let votes = vec![vec![300, 200, 45], vec![255, 200, 0]];
    let rules = Rules { method: Method::Divisor(Divisor::DHondt), tie_policy: TiePolicy::Error, ..Rules::default() };
    let four = NationalThreshold { threshold: Threshold::percent(4).unwrap(), valid_votes: Some(1100) };
    let result = national_threshold_with_base(
        &votes,
        &[2, 2],
        four,
        &Rules { tie_policy: TiePolicy::Registration, ..rules.clone() },
    )
    .unwrap();
    assert_eq!((result.base_votes, result.threshold_votes), (1100, 44));
    assert_eq!(result.qualified, [0, 1, 2]);
    let five = NationalThreshold { threshold: Threshold::percent(5).unwrap(), valid_votes: Some(1100) };
    // District 1 (A 300, B 200; C out): A 300, B 200, A 150 → A 1, B 1. District 2 (A 255,
    // B 200): A 255, B 200, A 127.5 → A 1, B 1. No tie, C out.
    let result = national_threshold_with_base(&votes, &[2, 2], five, &rules).unwrap();
    assert_eq!(result.qualified, [0, 1]);
    assert_eq!(result.seats, [2, 2, 0]);
    // A tie in district 2 (A 200, C 200 for one seat, B below the threshold as a party that
    // never passes): its lists are named as parties 0 and 2, not as the district's lists.
    let tied = vec![vec![400, 10, 100], vec![200, 0, 200]];
    let error = national_threshold_with_base(&tied, &[1, 1], five, &rules).unwrap_err();
    let MultiError::InDistrict { district: 1, error: maslihat_apportion::AllocError::UnresolvedTie(tie) } = error
    else {
        panic!("expected a tie in district 2, got {error:?}");
    };
    assert_eq!(tie.lists, [0, 2]);
    let settled = Rules { tie_policy: TiePolicy::Registration, ..rules };
    let result = national_threshold_with_base(&tied, &[1, 1], five, &settled).unwrap();
    assert_eq!(result.ties.len(), 1);
    assert_eq!((result.ties[0].district, result.ties[0].tie.lists.clone()), (1, vec![0, 2]));
    // A base below the matrix's votes is refused.
    let short = NationalThreshold { threshold: Threshold::percent(5).unwrap(), valid_votes: Some(999) };
    assert!(matches!(
        national_threshold_with_base(&votes, &[2, 2], short, &settled),
        Err(MultiError::BaseBelowVotes { base: 999, votes: 1000 })
    ));
}

proptest! {
    /// Every rule gives each party at least its constituency seats; the balanced rule gives a
    /// proportional house; New Zealand's keeps every entitlement.
    #[test]
    fn overhang_rules_keep_constituency_seats(
        votes in prop::collection::vec(1u64..100_000, 2..5),
        won in prop::collection::vec(0u32..6, 2..5),
        house in 5u32..30,
    ) {
        let parties = votes.len().min(won.len());
        let (votes, won) = (&votes[..parties], &won[..parties]);
        let qualified = vec![true; parties];
        let method = Method::Divisor(Divisor::SainteLague);
        for rule in [OverhangRule::KeptHouseEnlarged, OverhangRule::Balanced, OverhangRule::KeptOthersShareRest] {
            let result = mixed_member(votes, won, &qualified, house, &method, rule, TiePolicy::Registration).unwrap();
            for party in &result.parties {
                prop_assert!(party.total >= party.constituency_seats);
                prop_assert_eq!(party.list_seats, party.total - party.constituency_seats);
            }
            prop_assert!(result.house_size >= house);
            if rule == OverhangRule::KeptHouseEnlarged {
                for party in &result.parties {
                    prop_assert_eq!(party.total, party.entitlement.max(party.constituency_seats));
                }
            }
            if rule == OverhangRule::KeptOthersShareRest {
                prop_assert_eq!(result.house_size, house.max(won.iter().sum()));
            }
        }
    }
}

/// A party whose votes over all districts pass `u64::MAX` is named, with its total, instead
/// of an overflow of "128 bits" that no number here reaches.
#[test]
fn a_party_with_more_national_votes_than_a_count_holds_is_named() {
    let votes = vec![vec![10, u64::MAX], vec![20, 1]];
    let rules = Rules { method: Method::Divisor(Divisor::DHondt), ..Rules::default() };
    let error = national_threshold_then_districts(&votes, &[3, 2], Percentage::new(5, 100).unwrap(), &rules)
        .expect_err("party 2 has 2^64 votes in all");
    assert_eq!(error, MultiError::PartyVotesTooLarge { party: 1, votes: u128::from(u64::MAX) + 1 });
    assert_eq!(
        error.to_string(),
        "party 2 has 18446744073709551616 votes over all districts, more than a count holds (18446744073709551615)"
    );
}
