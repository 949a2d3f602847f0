//! National systems and apportionments whose published results the presets and restrictions
//! reproduce, each with its source; and worked examples of the rules they need (rounded quotas,
//! the Dutch remainder threshold and majority clause, restrictions), checked by hand.
//!
//! Every figure below was transcribed from the source named next to it (date of access in
//! docs/presets.md); the expected seats are the published ones, never the code's own output.

use crate::{
    Bound, ListLimits, Preset, Procedure, QuotaRounding, Rules, SeatLimits, Tally, TiePolicy, allocate, explain,
};

use super::{parse_method, rules};

/// Slovakia, National Council, 30 September 2023 (150 seats, 5 % of valid votes).
///
/// Votes of the seven lists that passed: IFES ElectionGuide, "Slovak Republic, Election for
/// Národná rada, Sept. 30, 2023" (electionguide.org/elections/id/4119), which also gives the
/// valid votes, 2,967,896; the other 18 lists' 496,036 votes are below 5 % each (the largest,
/// Republika, had 4.75 %: TASR, 1 October 2023) and are passed as valid ballots that win no
/// seat. Seats: State Commission, as reported by TASR (newsnow.tasr.sk, 1 October 2023):
/// 42, 32, 27, 16, 12, 11, 10.
///
/// By hand: the seven lists have 2,471,860 votes; 2,471,860 / 151 = 16,369.93, rounded 16,370
/// (and 16,369 rounded down, or the exact fraction: the same seats). Whole quotas 41, 32, 26,
/// 16, 12, 11, 10 = 148; remainders (of 16,370): Smer 681,017 − 671,170 = 9,847, PS 9,296, Hlas
/// 10,795, OĽaNO 2,217, KDH 6,075, SaS 7,575, SNS 3,295: the two seats left go to Hlas and Smer.
#[test]
fn slovakia_2023_reproduces_the_published_seats() {
    let votes = vec![681_017, 533_136, 436_415, 264_137, 202_515, 187_645, 166_995];
    let tally = Tally::new(votes).with_against_all(2_967_896 - 2_471_860);
    let result = allocate(&tally, 150, &Preset::Sk2023.rules()).unwrap();
    assert_eq!(result.seats(), [42, 32, 27, 16, 12, 11, 10]);
    let Procedure::LargestRemainder { quota, remainder_order, .. } = &result.procedure else { panic!() };
    assert_eq!((quota.num(), quota.den()), (16_370, 1));
    assert_eq!(remainder_order, &[2, 0]);
    for rounding in [QuotaRounding::Exact, QuotaRounding::Down, QuotaRounding::Up] {
        let rules = Rules { quota_rounding: rounding, ..Preset::Sk2023.rules() };
        assert_eq!(allocate(&tally, 150, &rules).unwrap().seats(), [42, 32, 27, 16, 12, 11, 10], "{rounding}");
    }
}

/// The example of the issue: 682,263 / 732,631 / 336,805 / 720,797 / 787,765 votes for 150
/// seats. V = 3,260,261; V / 151 = 21,591.1325.
///
/// Rounded to the nearest whole number (the Slovak rule), the quota is 21,591: whole quotas 31,
/// 33, 15, 33, 36 = 148 with remainders 682,263 − 669,321 = 12,942; 732,631 − 712,503 = 20,128;
/// 336,805 − 323,865 = 12,940; 720,797 − 712,503 = 8,294; 787,765 − 777,276 = 10,489. The two seats
/// left go to lists 2 (20,128) and 1 (12,942), which beats list 3 by 2 votes: 32, 34, 15, 33, 36.
///
/// With the exact quota 3,260,261/151 every remainder is smaller by its whole quotas × 0.1325:
/// list 1 by 31 × 20/151 = 4.106 (12,937.894), list 3 by 15 × 20/151 = 1.987 (12,938.013): list 3
/// now beats list 1, and the seats are 31, 34, 16, 33, 36. Rounding the quota up (21,592) gives the
/// same as the exact one (list 1: 12,911, list 3: 12,925).
#[test]
fn the_rounded_slovak_quota_changes_the_issue_example() {
    let tally = Tally::new(vec![682_263, 732_631, 336_805, 720_797, 787_765]);
    let rounded = allocate(&tally, 150, &Preset::Sk2023.rules()).unwrap();
    assert_eq!(rounded.seats(), [32, 34, 15, 33, 36]);
    let exact = Rules { quota_rounding: QuotaRounding::Exact, ..Preset::Sk2023.rules() };
    assert_eq!(allocate(&tally, 150, &exact).unwrap().seats(), [31, 34, 16, 33, 36]);
    let up = Rules { quota_rounding: QuotaRounding::Up, ..Preset::Sk2023.rules() };
    assert_eq!(allocate(&tally, 150, &up).unwrap().seats(), [31, 34, 16, 33, 36]);
    let down = Rules { quota_rounding: QuotaRounding::Down, ..Preset::Sk2023.rules() };
    assert_eq!(allocate(&tally, 150, &down).unwrap().seats(), [32, 34, 15, 33, 36]);
    let text = explain(&rounded, &[]);
    assert!(text.contains("quota: 21591 votes per seat (the exact quota rounded to the nearest"), "{text}");
}

/// The Netherlands, House of Representatives, 22 November 2023 (150 seats, D'Hondt among the
/// lists that reach the quota). Valid votes 10,432,726 and the seats: Kiesraad, "Kiesraad stelt
/// uitslag Tweede Kamerverkiezing 22 november 2023 vast" (kiesraad.nl, 1 and 4 December 2023):
/// PVV 37, GL-PvdA 25, VVD 24, NSC 20, D66 9, BBB 7, CDA 5, SP 5, FvD 3, PvdD 3, CU 3, SGP 3, DENK
/// 3, Volt 2, JA21 1. Votes of the 15 lists with seats, in list-number order: the Kiesraad's
/// result as reproduced in a public repository's worked example (the proces-verbaal itself,
/// a PDF, could not be opened here); the 11 lists without a seat have the other 195,254 votes,
/// each below the quota 10,432,726 / 150 = 69,551.5 (none won a seat), and are passed as valid
/// ballots that win no seat. The last seat went to SP, not D66 (Kiesraad; ANP, 1 December 2023).
#[test]
fn netherlands_2023_reproduces_the_published_seats() {
    let votes = vec![
        1_589_519, 656_292, 1_643_073, 2_450_878, 345_822, 328_225, 232_963, 235_148, 212_532, 178_802, 71_345,
        217_270, 246_765, 485_551, 1_343_287,
    ];
    let tally = Tally::new(votes).with_against_all(10_432_726 - 10_237_472);
    let result = allocate(&tally, 150, &Preset::Nl2023.rules()).unwrap();
    assert_eq!(result.seats(), [24, 9, 25, 37, 5, 5, 3, 3, 3, 2, 1, 3, 3, 7, 20]);
    assert!(result.majority.is_none());
    // JA21 (71,345) passes the quota; a list with 69,551 votes would not: 69,551 × 150 < 10,432,726.
    assert_eq!(result.threshold_votes, 69_552);
}

/// Germany, Bundestag, 23 February 2025: the upper apportionment of 630 seats by
/// Sainte-Laguë/Schepers. Second votes (final result of 14 March 2025): the Federal Returning
/// Officer's `kerg2.csv` (bundeswahlleiterin.de, Bundestagswahl 2025, Ergebnisse), federal rows,
/// as transcribed in a public repository: CDU 11,196,374, AfD 10,328,780, SPD 8,149,124, GRÜNE
/// 5,762,380, Die Linke 4,356,532, CSU 2,964,028, SSW 76,138, BSW 2,472,947, FDP 2,148,757 of
/// 49,649,512 valid second votes (the other lists: 2,194,452). BSW's 4.981 % matches the Federal
/// Returning Officer's press release 29/25 of 14 March 2025. Seats (same release, and the
/// Bundestag's report of 14 March 2025): CDU 164, AfD 152, SPD 120, GRÜNE 85, Die Linke 64, CSU
/// 44, SSW 1. The SSW is exempt from the 5 % clause (BWahlG § 4(2), a national-minority party).
#[test]
fn germany_2025_upper_apportionment_reproduces_the_published_seats() {
    let votes = vec![11_196_374, 10_328_780, 8_149_124, 5_762_380, 4_356_532, 2_964_028, 76_138, 2_472_947, 2_148_757];
    let named: u64 = votes.iter().sum();
    let mut limits = vec![ListLimits::default(); votes.len()];
    limits[6].exempt = true;
    let tally = Tally::new(votes).with_against_all(49_649_512 - named).with_limits(limits.clone());
    let result = allocate(&tally, 630, &Preset::De2025.rules()).unwrap();
    assert_eq!(result.seats(), [164, 152, 120, 85, 64, 44, 1, 0, 0]);
    // Without its exemption the SSW takes no part, and its seat goes elsewhere.
    let plain = Tally::new(tally.votes().to_vec()).with_against_all(49_649_512 - named);
    assert_eq!(allocate(&plain, 630, &Preset::De2025.rules()).unwrap().seats()[6], 0);
    let text = explain(&result, &[]);
    assert!(text.contains("exempt from the threshold: list 7"), "{text}");
}

/// The United States House of Representatives, 2020 census: 435 seats by Huntington–Hill, at
/// least one per state. Apportionment populations and seats: U.S. Census Bureau,
/// apportionment-2020-tableA.xlsx and apportionment-2020-table01.xlsx
/// (www2.census.gov/programs-surveys/decennial/2020/data/apportionment/), as transcribed in a
/// public repository; states in alphabetical order.
#[test]
fn us_house_2020_reproduces_the_census_apportionment() {
    let populations = vec![
        5_030_053, 736_081, 7_158_923, 3_013_756, 39_576_757, 5_782_171, 3_608_298, 990_837, 21_570_527, 10_725_274,
        1_460_137, 1_841_377, 12_822_739, 6_790_280, 3_192_406, 2_940_865, 4_509_342, 4_661_468, 1_363_582, 6_185_278,
        7_033_469, 10_084_442, 5_709_752, 2_963_914, 6_160_281, 1_085_407, 1_963_333, 3_108_462, 1_379_089, 9_294_493,
        2_120_220, 20_215_751, 10_453_948, 779_702, 11_808_848, 3_963_516, 4_241_500, 13_011_844, 1_098_163, 5_124_712,
        887_770, 6_916_897, 29_183_290, 3_275_252, 643_503, 8_654_542, 7_715_946, 1_795_045, 5_897_473, 577_719,
    ];
    let seats = [
        7, 1, 9, 4, 52, 8, 5, 1, 28, 14, 2, 2, 17, 9, 4, 4, 6, 6, 2, 8, 9, 13, 8, 4, 8, 2, 3, 4, 2, 12, 3, 26, 14, 1,
        15, 5, 6, 17, 2, 7, 1, 9, 38, 4, 1, 11, 10, 2, 8, 1,
    ];
    let tally = Tally::new(populations);
    let min_one = Rules { seat_limits: SeatLimits { min: 1, ..SeatLimits::NONE }, ..rules("huntington-hill") };
    for start in [crate::DivisorStart::Empty, crate::DivisorStart::Estimate] {
        let result = crate::allocate_with_start(&tally, 435, &min_one, start).unwrap();
        assert_eq!(result.seats(), seats, "{start:?}");
    }
    // The minimum changes nothing here: Huntington–Hill's zero first divisor gives every state a
    // seat first anyway. The power mean with p = 0 is the same method.
    assert_eq!(allocate(&tally, 435, &rules("huntington-hill")).unwrap().seats(), seats);
    assert_eq!(allocate(&tally, 435, &rules("power-mean:0")).unwrap().seats(), seats);
    // Every seat listed from the 50 minimums: 385 more, seat 51 to California.
    let every = crate::allocate_with_start(&tally, 435, &min_one, crate::DivisorStart::Empty).unwrap();
    let Procedure::Divisor { floor_seats, awards, .. } = &every.procedure else { panic!() };
    assert_eq!((*floor_seats, awards.len(), awards[0].list), (50, 385, 4));
}

/// Dutch councils under 19 seats (Kieswet P 8): remainder seats only to lists with 75 % of the
/// quota. 15 seats, votes 5,000, 3,000, 1,400, 700, 400: quota 10,500 / 15 = 700. Whole quotas
/// 7, 4, 2, 1, 0 = 14, remainders 100, 200, 0, 0, 400. The last list's 400 votes are 57 % of the
/// quota, below 75 %: the seat goes to the next largest remainder, list 2. Without the rule the
/// last list would take it.
#[test]
fn the_dutch_remainder_threshold_passes_over_small_lists() {
    let tally = Tally::new(vec![5_000, 3_000, 1_400, 700, 400]);
    let result = allocate(&tally, 15, &Preset::NlCouncil2022.rules()).unwrap();
    assert_eq!(result.seats(), [7, 5, 2, 1, 0]);
    let Procedure::LargestRemainder { below_remainder_threshold, .. } = &result.procedure else { panic!() };
    assert_eq!(below_remainder_threshold, &[4]);
    assert_eq!(allocate(&tally, 15, &rules("hare")).unwrap().seats(), [7, 4, 2, 1, 1]);
}

/// When more seats are left than lists may take one (Kieswet P 8, second sentence): 7 seats,
/// votes 600 and five lists of 100: quota 1,100/7 = 157.14; list 1 has 3 whole quotas, the others
/// none and 100 votes each (64 % of the quota, below 75 %). List 1 gets the one remainder seat
/// (4); the three seats left go by highest averages among the lists allowed a remainder seat,
/// one a round: list 1 again, 5, 6, 7 (the law does not say what follows one round; rounds go on).
#[test]
fn seats_left_after_the_remainder_seats_go_by_averages() {
    let tally = Tally::new(vec![600, 100, 100, 100, 100, 100]);
    let result = allocate(&tally, 7, &Preset::NlCouncil2022.rules()).unwrap();
    assert_eq!(result.seats(), [7, 0, 0, 0, 0, 0]);
    let Procedure::LargestRemainder { remainder_order, average_order, .. } = &result.procedure else { panic!() };
    assert_eq!((remainder_order.as_slice(), average_order.as_slice()), (&[0][..], &[0, 0, 0][..]));
}

/// The majority clause (Kieswet P 9). Hare, 10 seats, votes 5,100, 2,460, 2,440 (51 % for list 1):
/// quota 1,000, whole quotas 5, 2, 2, remainders 100, 460, 440: the last seat to list 2, so
/// 5, 3, 2. List 1 has half the seats, not more: it gets one, from list 2 (the last remainder
/// seat): 6, 2, 2. Sainte-Laguë on the same votes: quotients 5,100, 2,460, 2,440, 1,700, 1,020,
/// 820 (list 2), 813.3 (list 3), 728.6, 566.7, 492 (list 2): 5, 3, 2 again; the lowest last seat
/// of another list is list 2's 492, so again 6, 2, 2.
#[test]
fn the_majority_clause_gives_a_majority_of_the_votes_a_majority_of_the_seats() {
    let tally = Tally::new(vec![5_100, 2_460, 2_440]);
    for method in ["hare", "sainte-lague"] {
        let plain = allocate(&tally, 10, &rules(method)).unwrap();
        assert_eq!(plain.seats(), [5, 3, 2], "{method}");
        let with_clause = Rules { majority_clause: true, ..rules(method) };
        let result = allocate(&tally, 10, &with_clause).unwrap();
        assert_eq!(result.seats(), [6, 2, 2], "{method}");
        let applied = result.majority.as_ref().unwrap();
        assert_eq!((applied.list, applied.from), (0, 1), "{method}");
    }
    // 50 % exactly is not more than half: no seat moves.
    let even = Tally::new(vec![5_000, 2_560, 2_440]);
    let result = allocate(&even, 10, &Rules { majority_clause: true, ..rules("hare") }).unwrap();
    assert!(result.majority.is_none());
}

/// List exhaustion: a list with fewer candidates than its share keeps only as many seats. D'Hondt,
/// 10 seats, votes 6,000, 3,000, 1,000 give 6, 3, 1; with at most 4 candidates on list 1, the
/// two seats go on by the highest quotients among the others: list 2's 3,000/4 = 750 and
/// list 3's 1,000/2 = 500 against list 2's 3,000/5 = 600: list 2 then list 2 (750, 600): 4, 5, 1.
/// Hare "held at the maximum, the rest recomputed": list 1 fixed at 4, 6 seats for 4,000 votes,
/// quota 666.7: list 2 has 4 whole (rem 333.3), list 3 one (rem 333.3): a tie for the last seat,
/// settled by registration to list 2: 4, 5, 1.
#[test]
fn a_list_with_too_few_candidates_keeps_only_its_candidates_seats() {
    let limits =
        vec![ListLimits { max: Some(4), ..ListLimits::default() }, ListLimits::default(), ListLimits::default()];
    let tally = Tally::new(vec![6_000, 3_000, 1_000]).with_limits(limits);
    let dhondt = allocate(&tally, 10, &rules("dhondt")).unwrap();
    assert_eq!(dhondt.seats(), [4, 5, 1]);
    assert_eq!(dhondt.bounds.len(), 1);
    assert_eq!((dhondt.bounds[0].list, dhondt.bounds[0].bound, dhondt.bounds[0].seats), (0, Bound::Max, 4));
    let hare = allocate(&tally, 10, &rules("hare")).unwrap();
    assert_eq!(hare.seats(), [4, 5, 1]);
    assert_eq!(hare.ties.len(), 1);
    let strict = allocate(&tally, 10, &Rules { tie_policy: TiePolicy::Error, ..rules("hare") });
    assert!(matches!(strict, Err(crate::AllocError::UnresolvedTie(_))));
    let text = explain(&hare, &[]);
    assert!(text.contains("restriction 1: list 1 held at its maximum of 4 seat(s)"), "{text}");
}

/// The Cambridge Compromise's form (Grimmett et al., 2011): five base seats per member, the rest
/// by Adams (rounding up), at most 96 in all. Four members of 83, 67, 10 and 0.5 (millions),
/// 200 seats: 20 base seats, 180 by Adams. Unrestricted, member 1 would pass 91 proportional
/// seats, so it is held at 96 (91 + 5); the other 89 seats by Adams among the rest, seat by seat
/// in an independent Python script with exact fractions: 76, 12 and 1 beyond their base seats,
/// so 96, 81, 17, 6. (The European Parliament's actual compositions were negotiated, not
/// computed by this rule: see docs/presets.md.)
#[test]
fn base_seats_and_a_maximum_make_the_cambridge_compromise() {
    let limits = SeatLimits { min: 0, max: Some(96), base: 5 };
    let tally = Tally::new(vec![83_000_000, 67_000_000, 10_000_000, 500_000]);
    let result = allocate(&tally, 200, &Rules { seat_limits: limits, ..rules("adams") }).unwrap();
    let seats = result.seats();
    assert_eq!(seats, [96, 81, 17, 6]);
    assert_eq!((result.bounds[0].list, result.bounds[0].bound), (0, Bound::Max));
    // The same seats from an empty start, every seat listed.
    let listed = crate::allocate_with_start(
        &tally,
        200,
        &Rules { seat_limits: limits, ..rules("adams") },
        crate::DivisorStart::Empty,
    )
    .unwrap();
    assert_eq!(listed.seats(), seats);
}

/// Restrictions that cannot be met are refused with the reason, never bent.
#[test]
fn impossible_restrictions_are_refused() {
    let tally = Tally::new(vec![100, 50]);
    let too_many_minimums = Rules { seat_limits: SeatLimits { min: 3, ..SeatLimits::NONE }, ..rules("dhondt") };
    assert!(matches!(allocate(&tally, 5, &too_many_minimums), Err(crate::AllocError::Infeasible { .. })));
    let too_few_places = Rules { seat_limits: SeatLimits { max: Some(2), ..SeatLimits::NONE }, ..rules("hare") };
    assert!(matches!(allocate(&tally, 5, &too_few_places), Err(crate::AllocError::Infeasible { .. })));
    assert!(matches!(
        allocate(&tally, 5, &Rules { seat_limits: SeatLimits { max: Some(2), ..SeatLimits::NONE }, ..rules("dhondt") }),
        Err(crate::AllocError::Infeasible { .. })
    ));
}

/// The divisor families at their special parameters are the named methods, on a fixed example
/// (the property test in tests/it checks random ones).
#[test]
fn family_members_have_the_named_methods_seats() {
    let tally = Tally::new(vec![47_000, 16_000, 15_800, 12_000, 6_100, 3_100]);
    for (family, named) in [
        ("stationary:0", "adams"),
        ("stationary:0.5", "sainte-lague"),
        ("stationary:1", "dhondt"),
        ("power-mean:1", "sainte-lague"),
        ("power-mean:0", "huntington-hill"),
        ("power-mean:-1", "dean"),
        ("power-mean:inf", "dhondt"),
        ("power-mean:-inf", "adams"),
    ] {
        for house in [1, 5, 10, 37] {
            let a = allocate(&tally, house, &rules(family)).unwrap();
            let b = allocate(&tally, house, &rules(named)).unwrap();
            assert_eq!(a.seats(), b.seats(), "{family} vs {named}, {house} seats");
        }
    }
    assert_eq!(parse_method("stationary:0.50").to_string(), "stationary:0.5");
    assert_eq!(parse_method("power-mean:+2").to_string(), "power-mean:2");
    assert_eq!(parse_method("exact-droop").to_string(), "hagenbach-bischoff");
    for bad in ["stationary:1.5", "stationary:-0.1", "power-mean:0.5", "power-mean:9", "power-mean:x"] {
        assert!(bad.parse::<crate::Method>().is_err(), "{bad}");
    }
}
