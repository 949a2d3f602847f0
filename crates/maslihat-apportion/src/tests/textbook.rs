//! Textbook cases with published answers, for every method.
//!
//! Sources: the worked examples of the English Wikipedia articles "D'Hondt method",
//! "Sainte-Laguë method", "Largest remainder method" and "Alabama paradox"; the "Republic of
//! Parador" example of Tannenbaum, *Excursions in Modern Mathematics*, ch. 4; an exercise of
//! the same chapter (six states, 200 seats) with its published answers; and the 2010 United
//! States apportionment (apportionment populations of the Census Bureau as tabulated by The
//! Green Papers, "Census10/ApportionMath"; seats as enacted), with COMAP, *For All Practical
//! Purposes*, ch. 14, example 22: Webster would have given the 435th seat to North Carolina
//! instead of Rhode Island. Where a method's answer is not in the source, it is worked out by
//! hand in the comment (for divisor methods, by a common divisor that rounds to the house size).

use crate::{Tally, allocate};

use super::rules;

#[track_caller]
fn check(case: &str, votes: &[u64], house: u32, method: &str, expected: &[u32]) {
    let result = allocate(&Tally::new(votes.to_vec()), house, &rules(method))
        .unwrap_or_else(|err| panic!("{case}, {method}: {err}"));
    assert_eq!(result.seats(), expected, "{case}, {method}, {house} seats");
    assert!(result.ties.is_empty(), "{case}, {method}: unexpected tie {:?}", result.ties);
}

// A 100,000, B 80,000, C 30,000, D 20,000; 8 seats (Wikipedia's D'Hondt and Sainte-Laguë
// examples: D'Hondt 4, 3, 1, 0; Sainte-Laguë 3, 3, 1, 1).
//   Hare: quota 28,750: 3.478, 2.783, 1.043, 0.696 → 3, 2, 1, 0 + B (.783), D (.696).
//   Droop: quota 230,000 / 9 + 1 = 25,556: 3.913, 3.130, 1.174, 0.783 → 7 whole + A (.913).
//   Hagenbach-Bischoff: quota 25,555.6: the same quotients to three places → 4, 3, 1, 0.
//   Imperiali quota: 23,000: 4.348, 3.478, 1.304, 0.870 → exactly 8 whole seats.
//   Danish (1, 4, 7): A 100,000, 25,000, 14,286; B 80,000, 20,000, 11,429; C 30,000; D 20,000:
//     the top eight are A, B, C, A, B, D (B and D tie at 20,000, both in), A, B.
//   Imperiali (2, 3, 4, …): A 50,000, 33,333, 25,000, 20,000, 16,667; B 40,000, 26,667,
//     20,000; the top eight are A, B, A, B, A, A, B, A; C's best 15,000 is ninth.
//   Adams: one seat each, then A 100,000, B 80,000, A/2 50,000, B/2 40,000 (C's 30,000 is next).
//   Dean: one each, then ÷ 4/3: A 75,000, B 60,000; ÷ 12/5: A 41,667, B 33,333 (C 22,500).
//   Huntington-Hill: one each, then ÷ √2: A 70,711, B 56,569; ÷ √6: A 40,825, B 32,660
//     (C 21,213).
// Modified Sainte-Laguë ties on this input (see the ties tests).
#[test]
fn four_parties_eight_seats() {
    let votes = [100_000, 80_000, 30_000, 20_000];
    for (method, expected) in [
        ("dhondt", [4, 3, 1, 0]),
        ("sainte-lague", [3, 3, 1, 1]),
        ("hare", [3, 3, 1, 1]),
        ("droop", [4, 3, 1, 0]),
        ("hagenbach-bischoff", [4, 3, 1, 0]),
        ("imperiali-quota", [4, 3, 1, 0]),
        ("danish", [3, 3, 1, 1]),
        ("imperiali", [5, 3, 0, 0]),
        ("adams", [3, 3, 1, 1]),
        ("dean", [3, 3, 1, 1]),
        ("huntington-hill", [3, 3, 1, 1]),
    ] {
        check("four parties", &votes, 8, method, &expected);
    }
}

// Wikipedia's largest remainder example: 100,000 votes, 10 seats. Hare 5, 2, 1, 1, 1, 0;
// Droop 5, 2, 2, 1, 0, 0.
//   D'Hondt: 47,000 23,500 16,000 15,800 15,667 12,000 11,750 9,400 8,000 7,900 → 5, 2, 2, 1.
//   Sainte-Laguë: 47,000 16,000 15,800 15,667 12,000 9,400 6,714 6,100 5,333 5,267 →
//     4, 2, 2, 1, 1, 0.
//   Modified Sainte-Laguë: 33,571 15,667 11,429 11,286 9,400 8,571 6,714 5,333 5,267 5,222 →
//     5, 2, 2, 1, 0, 0 (Blues' 6,100 / 1.4 = 4,357 misses).
#[test]
fn largest_remainder_example_ten_seats() {
    let votes = [47_000, 16_000, 15_800, 12_000, 6_100, 3_100];
    for (method, expected) in [
        ("hare", [5, 2, 1, 1, 1, 0]),
        ("droop", [5, 2, 2, 1, 0, 0]),
        ("dhondt", [5, 2, 2, 1, 0, 0]),
        ("sainte-lague", [4, 2, 2, 1, 1, 0]),
        ("modified-sainte-lague", [5, 2, 2, 1, 0, 0]),
    ] {
        check("ten seats", &votes, 10, method, &expected);
    }
}

// Wikipedia's Alabama paradox: populations 6, 6, 2. Hamilton with 10 seats: quotas 4.286,
// 4.286, 1.429 → 4, 4, 1 + C → 4, 4, 2. With 11: 4.714, 4.714, 1.571 → 4, 4, 1 + A, B → 5, 5, 1:
// C loses a seat when the house grows. Divisor methods cannot do that (house-monotone).
#[test]
fn alabama_paradox() {
    check("Alabama paradox", &[6, 6, 2], 10, "hamilton", &[4, 4, 2]);
    check("Alabama paradox", &[6, 6, 2], 11, "hamilton", &[5, 5, 1]);
}

// Tannenbaum, ch. 4 exercise: six states, 200 seats, standard divisor 150. Published answers:
// Hamilton, Webster and Huntington-Hill 23, 16, 77, 30, 21, 33; Jefferson 22, 16, 78, 30, 21, 33
// (divisor 148.5: 22.97, 16.30, 78.02, 30.26, 21.05, 33.41).
#[test]
fn six_states_two_hundred_seats() {
    let votes = [3_411, 2_421, 11_586, 4_494, 3_126, 4_962];
    for (method, expected) in [
        ("hamilton", [23, 16, 77, 30, 21, 33]),
        ("jefferson", [22, 16, 78, 30, 21, 33]),
        ("webster", [23, 16, 77, 30, 21, 33]),
        ("huntington-hill", [23, 16, 77, 30, 21, 33]),
    ] {
        check("six states", &votes, 200, method, &expected);
    }
}

// The Republic of Parador: 12,500,000 people, 250 seats, standard divisor 50,000, standard
// quotas 32.92, 138.72, 3.08, 41.82, 13.70, 19.76.
//   Hamilton: lower quotas 32, 138, 3, 41, 13, 19 (246) + A (.92), D (.82), F (.76), B (.72).
//   Jefferson, divisor 49,500: 33.25, 140.12, 3.11, 42.24, 13.84, 19.96 → rounded down
//     33, 140, 3, 42, 13, 19 (B above its upper quota: the textbook's point).
//   Adams, divisor 50,700: 32.47, 136.80, 3.04, 41.24, 13.51, 19.49 → rounded up
//     33, 137, 4, 42, 14, 20 (B below its lower quota).
//   Webster, divisor 50,100: 32.85, 138.44, 3.07, 41.74, 13.67, 19.72 → rounded to nearest
//     33, 138, 3, 42, 14, 20.
//   Huntington-Hill, same divisor: cut points √(32·33) = 32.50, √(138·139) = 138.50,
//     √(3·4) = 3.46, √(41·42) = 41.50, √(13·14) = 13.49, √(19·20) = 19.49 → the same.
//   Dean, same divisor: cut points 2n(n+1)/(2n+1) = 32.49, 138.50, 3.43, 41.49, 13.48, 19.49 →
//     the same.
#[test]
fn parador() {
    let votes = [1_646_000, 6_936_000, 154_000, 2_091_000, 685_000, 988_000];
    for (method, expected) in [
        ("hamilton", [33, 139, 3, 42, 13, 20]),
        ("jefferson", [33, 140, 3, 42, 13, 19]),
        ("adams", [33, 137, 4, 42, 14, 20]),
        ("webster", [33, 138, 3, 42, 14, 20]),
        ("huntington-hill", [33, 138, 3, 42, 14, 20]),
        ("dean", [33, 138, 3, 42, 14, 20]),
    ] {
        check("Parador", &votes, 250, method, &expected);
    }
}

/// The 2010 apportionment populations (total 309,183,463) and the seats enacted for 2013–2023.
pub(super) const US_2010: [(&str, u64, u32); 50] = [
    ("Alabama", 4_802_982, 7),
    ("Alaska", 721_523, 1),
    ("Arizona", 6_412_700, 9),
    ("Arkansas", 2_926_229, 4),
    ("California", 37_341_989, 53),
    ("Colorado", 5_044_930, 7),
    ("Connecticut", 3_581_628, 5),
    ("Delaware", 900_877, 1),
    ("Florida", 18_900_773, 27),
    ("Georgia", 9_727_566, 14),
    ("Hawaii", 1_366_862, 2),
    ("Idaho", 1_573_499, 2),
    ("Illinois", 12_864_380, 18),
    ("Indiana", 6_501_582, 9),
    ("Iowa", 3_053_787, 4),
    ("Kansas", 2_863_813, 4),
    ("Kentucky", 4_350_606, 6),
    ("Louisiana", 4_553_962, 6),
    ("Maine", 1_333_074, 2),
    ("Maryland", 5_789_929, 8),
    ("Massachusetts", 6_559_644, 9),
    ("Michigan", 9_911_626, 14),
    ("Minnesota", 5_314_879, 8),
    ("Mississippi", 2_978_240, 4),
    ("Missouri", 6_011_478, 8),
    ("Montana", 994_416, 1),
    ("Nebraska", 1_831_825, 3),
    ("Nevada", 2_709_432, 4),
    ("New Hampshire", 1_321_445, 2),
    ("New Jersey", 8_807_501, 12),
    ("New Mexico", 2_067_273, 3),
    ("New York", 19_421_055, 27),
    ("North Carolina", 9_565_781, 13),
    ("North Dakota", 675_905, 1),
    ("Ohio", 11_568_495, 16),
    ("Oklahoma", 3_764_882, 5),
    ("Oregon", 3_848_606, 5),
    ("Pennsylvania", 12_734_905, 18),
    ("Rhode Island", 1_055_247, 2),
    ("South Carolina", 4_645_975, 7),
    ("South Dakota", 819_761, 1),
    ("Tennessee", 6_375_431, 9),
    ("Texas", 25_268_418, 36),
    ("Utah", 2_770_765, 4),
    ("Vermont", 630_337, 1),
    ("Virginia", 8_037_736, 11),
    ("Washington", 6_753_369, 10),
    ("West Virginia", 1_859_815, 3),
    ("Wisconsin", 5_698_230, 8),
    ("Wyoming", 568_300, 1),
];

pub(super) fn us_2010_votes() -> Vec<u64> {
    US_2010.iter().map(|(_, population, _)| *population).collect()
}

/// The enacted seats with some states changed: `(state, seats)`.
fn us_2010_seats_with(changes: &[(&str, u32)]) -> Vec<u32> {
    for (state, _) in changes {
        assert!(US_2010.iter().any(|(name, ..)| name == state), "no state {state}");
    }
    US_2010
        .iter()
        .map(|(name, _, seats)| changes.iter().find(|(state, _)| state == name).map_or(*seats, |(_, s)| *s))
        .collect()
}

// The House has been apportioned by Huntington-Hill since 1941: the method must reproduce the
// enacted 2010 seats exactly. Webster differs only on the 435th seat (COMAP): North Carolina
// 9,565,781 at 13.5 seats (divisor 708,000 → 13.51) beats Rhode Island 1,055,247 at 1.5 (1.49).
// Dean differs only on Montana and California: Montana's claim to a second seat,
// 994,416 ÷ 4/3 = 745,812, beats California's claim to a 53rd, 37,341,989 ÷ (2·52·53/105) =
// 711,340.5; under Huntington-Hill they are 994,416 ÷ √2 = 703,158 against
// 37,341,989 ÷ √(52·53) = 711,308, the other way round. (That no other seat moves was checked
// with an independent exact computation.)
#[test]
fn us_house_2010() {
    let votes = us_2010_votes();
    assert_eq!(votes.iter().sum::<u64>(), 309_183_463);
    assert_eq!(US_2010.iter().map(|(.., seats)| seats).sum::<u32>(), 435);
    check("US 2010", &votes, 435, "huntington-hill", &us_2010_seats_with(&[]));
    check("US 2010", &votes, 435, "webster", &us_2010_seats_with(&[("North Carolina", 14), ("Rhode Island", 1)]));
    check("US 2010", &votes, 435, "dean", &us_2010_seats_with(&[("California", 52), ("Montana", 2)]));
}
