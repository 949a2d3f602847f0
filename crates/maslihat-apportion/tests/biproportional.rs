//! Biproportional apportionment: Zurich's published city-council results reproduced exactly,
//! properties checked with an independent exact reference (big rationals from `num-rational`),
//! and a brute-force differential test over small matrices.
//!
//! Sources of the worked examples (Stadt Zürich, official result pages of the Gemeinderat
//! elections, "Herleitung der Oberzuteilung / Unterzuteilung"):
//! - 4 March 2018: <https://stadt-zuerich.ch/misc/de/archiv-wahlen/stadtrat-gemeinderat/180304/resultate_erneuerungswahlen.html?context=standalone&path=wp_herleitung_unterzuteilung>
//!   and `…&path=wp_herleitung_oberzuteilung` (voter numbers, Wahlschlüssel 770);
//! - 9 February 2014: <https://stadt-zuerich.ch/misc/de/archiv-wahlen/stadtrat-gemeinderat/140209/resultate_erneuerungswahlen.html?context=standalone&path=wp_herleitung_unterzuteilung>.
//!
//! Both pages list only the parties that passed the 5 % threshold (the 2018 page names the
//! five that did not, without their district votes), so the threshold step is not part of
//! these examples; everything after it is.

use maslihat_apportion::TiePolicy;
use maslihat_apportion::biproportional::{
    BiError, BiRules, BiThreshold, Biproportional, DistrictSeats, Fraction, LowerError, VoteMatrix, VoterNumbers,
    biproportional, lower_apportionment,
};
use num_bigint::BigInt;
use num_rational::BigRational;
use proptest::prelude::*;

/// Zurich's nine districts (Wahlkreise), in the published order.
const ZURICH_DISTRICTS: [&str; 9] = ["1+2", "3", "4+5", "6", "7+8", "9", "10", "11", "12"];

/// Published district seats 2014 and 2018 (unchanged between them).
const ZURICH_SEATS: [u32; 9] = [12, 15, 13, 10, 16, 16, 12, 22, 9];

/// A published election: votes per party (rows of the source) across the districts, the seat
/// matrix per party across districts, and the published divisors as decimal text.
struct Published {
    parties: &'static [&'static str],
    votes_by_party: &'static [[u64; 9]],
    seats_by_party: &'static [[u32; 9]],
    party_divisors: &'static [&'static str],
    district_divisors: [&'static str; 9],
    precision: DivisorPrecision,
}

/// Whether the published divisors prove the matrix as printed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DivisorPrecision {
    /// Every cell rounds to its seats with the printed divisors.
    Exact,
    /// The divisors were rounded for print: a few quotients land a hair on the wrong side of
    /// a half (2014: SVP in Kreis 10 2.5008, FDP in Kreis 11 3.5012, glp in Kreis 11 2.4998),
    /// so only our own divisors are checked.
    RoundedForPrint,
}

const ZURICH_2018: Published = Published {
    parties: &["SP", "SVP", "FDP", "Grüne", "glp", "AL", "EVP/BDP"],
    votes_by_party: &[
        [37360, 67129, 49212, 34296, 71164, 60063, 52231, 89477, 13192],
        [15856, 19340, 8339, 8974, 28050, 33783, 17789, 55160, 8980],
        [23990, 20529, 13844, 16857, 69536, 26712, 23098, 40194, 3826],
        [15007, 26471, 19388, 12571, 31442, 20296, 15534, 28713, 4191],
        [12551, 19573, 16442, 11613, 28414, 16488, 14630, 31911, 2931],
        [7668, 22692, 22136, 7612, 13659, 10164, 12054, 12435, 1954],
        [1841, 2939, 1152, 2101, 5655, 9777, 3374, 13901, 2568],
    ],
    seats_by_party: &[
        [4, 6, 5, 4, 4, 5, 5, 7, 3],
        [2, 1, 1, 1, 2, 3, 1, 4, 2],
        [2, 2, 1, 2, 5, 3, 2, 3, 1],
        [2, 2, 2, 1, 2, 2, 2, 2, 1],
        [1, 2, 2, 1, 2, 1, 1, 3, 1],
        [1, 2, 2, 1, 1, 1, 1, 1, 0],
        [0, 0, 0, 0, 0, 1, 0, 2, 1],
    ],
    party_divisors: &["1", "1.0708", "0.973", "0.934", "1.02", "1", "0.73"],
    district_divisors: ["9870", "12100", "10000", "9000", "15850", "10950", "11080", "12400", "5000"],
    precision: DivisorPrecision::Exact,
};

const ZURICH_2014: Published = Published {
    parties: &["SP", "SVP", "FDP", "Grüne", "glp", "CVP", "AL"],
    votes_by_party: &[
        [30933, 54797, 40953, 29882, 62554, 46248, 40979, 79160, 11448],
        [18882, 25663, 9836, 11132, 34834, 41366, 24261, 70002, 10635],
        [24403, 17918, 10238, 15090, 69163, 21307, 21957, 37123, 3412],
        [13239, 21915, 15880, 10034, 28630, 15001, 13598, 22448, 2433],
        [12202, 17746, 12416, 11024, 26498, 14738, 13901, 29648, 2151],
        [5936, 6873, 3645, 3692, 11017, 10816, 4898, 14852, 2786],
        [5650, 16680, 17323, 6650, 10082, 8020, 8543, 11655, 1061],
    ],
    seats_by_party: &[
        [3, 5, 5, 4, 4, 5, 4, 6, 3],
        [2, 2, 1, 1, 2, 4, 2, 6, 3],
        [3, 2, 1, 2, 4, 2, 3, 3, 1],
        [1, 2, 2, 1, 2, 2, 1, 2, 1],
        [1, 2, 2, 1, 2, 1, 1, 3, 0],
        [1, 1, 0, 0, 1, 1, 0, 1, 1],
        [1, 1, 2, 1, 1, 1, 1, 1, 0],
    ],
    party_divisors: &["1.027", "0.988", "0.894", "1", "1", "1", "1"],
    district_divisors: ["10000", "11500", "8000", "8000", "17300", "10000", "9819", "11860", "4303"],
    precision: DivisorPrecision::RoundedForPrint,
};

impl Published {
    /// Districts as rows, parties as columns.
    fn matrix(&self) -> VoteMatrix {
        let rows = (0..9).map(|i| self.votes_by_party.iter().map(|party| party[i]).collect()).collect();
        VoteMatrix::new(rows).unwrap()
    }

    fn seats(&self) -> Vec<Vec<u32>> {
        (0..9).map(|i| self.seats_by_party.iter().map(|party| party[i]).collect()).collect()
    }

    fn party_seats(&self) -> Vec<u32> {
        self.seats_by_party.iter().map(|row| row.iter().sum()).collect()
    }
}

/// Zurich's rules without the threshold step (the published tables hold only the parties that
/// passed it).
fn zurich_after_threshold() -> BiRules {
    BiRules { threshold: BiThreshold::default(), ..BiRules::zurich() }
}

/// A decimal such as "1.0708" as an exact big rational.
fn decimal(text: &str) -> BigRational {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits: BigInt = format!("{whole}{fraction}").parse().unwrap();
    let scale = BigInt::from(10u32).pow(u32::try_from(fraction.len()).unwrap());
    BigRational::new(digits, scale)
}

fn rational(fraction: &Fraction) -> BigRational {
    BigRational::new(BigInt::from(fraction.num().clone()), BigInt::from(fraction.den().clone()))
}

/// The reference check, independent of the library's arithmetic: every cell is a standard
/// rounding of `votes / (d_i × e_j)` (a quotient exactly half-way allows both neighbours).
fn rounds_to(votes: u64, district: &BigRational, party: &BigRational, seats: u32) -> bool {
    let quotient = BigRational::from_integer(BigInt::from(votes)) / (district * party);
    let half = BigRational::new(BigInt::from(1), BigInt::from(2));
    let seats = BigRational::from_integer(BigInt::from(seats));
    let at_most = quotient <= &seats + &half;
    let at_least = seats == BigRational::from_integer(BigInt::from(0)) || quotient >= &seats - &half;
    at_most && at_least
}

fn every_cell_rounds(
    votes: &VoteMatrix,
    seats: &[Vec<u32>],
    districts: &[BigRational],
    parties: &[BigRational],
) -> bool {
    seats.iter().enumerate().all(|(i, row)| {
        row.iter().enumerate().all(|(j, s)| rounds_to(votes.vote(i, j), &districts[i], &parties[j], *s))
    })
}

#[track_caller]
fn check_published(election: &Published, year: u32) -> Biproportional {
    let votes = election.matrix();
    // The published divisors prove the published matrix (a check of the transcription).
    let districts: Vec<BigRational> = election.district_divisors.iter().map(|d| decimal(d)).collect();
    let parties: Vec<BigRational> = election.party_divisors.iter().map(|d| decimal(d)).collect();
    let proven = every_cell_rounds(&votes, &election.seats(), &districts, &parties);
    assert_eq!(proven, election.precision == DivisorPrecision::Exact, "{year}: published divisors");

    let result = biproportional(&votes, &DistrictSeats::Given(ZURICH_SEATS.to_vec()), &zurich_after_threshold())
        .unwrap_or_else(|err| panic!("{year}: {err}"));
    assert_eq!(
        result.parties.iter().map(|p| p.seats).collect::<Vec<_>>(),
        election.party_seats(),
        "{year}: party seats"
    );
    assert_eq!(result.seats, election.seats(), "{year}: seat matrix");
    assert!(result.ties.is_empty(), "{year}: no tie");
    // Our divisors prove our matrix too, checked by the reference arithmetic.
    let ours_d: Vec<BigRational> = result.district_divisors.iter().map(rational).collect();
    let ours_e: Vec<BigRational> = result.party_divisors.iter().map(|e| rational(e.as_ref().unwrap())).collect();
    assert!(every_cell_rounds(&votes, &result.seats, &ours_d, &ours_e), "{year}: our divisors");
    result
}

#[test]
fn zurich_2018_city_council_is_reproduced_with_its_voter_numbers_and_divisor() {
    let result = check_published(&ZURICH_2018, 2018);
    // The published voter numbers (Wählerzahlen): each district's quotient rounded, summed.
    let voter_numbers: Vec<String> = result.parties.iter().map(|p| p.voter_number.to_string()).collect();
    assert_eq!(voter_numbers, ["32892", "12999", "16312", "12064", "10580", "7892", "2810"]);
    // The published Wahlschlüssel 770 gives the same party seats by standard rounding.
    let seats = ZURICH_2018.party_seats();
    for (party, figures) in result.parties.iter().enumerate() {
        assert!(rounds_to(
            1,
            &decimal("770"),
            &(BigRational::from_integer(BigInt::from(1)) / rational(&figures.voter_number)),
            seats[party]
        ));
    }
    // Ours lies in the same interval (758.7…, 773.9…) and is the roundest number there.
    assert_eq!(result.upper_divisor.as_ref().unwrap().decimal_trimmed(6), "760");
}

#[test]
fn zurich_2014_city_council_is_reproduced() {
    check_published(&ZURICH_2014, 2014);
}

#[test]
fn zurich_2018_explanation_shows_every_step() {
    let result = check_published(&ZURICH_2018, 2018);
    let districts: Vec<String> = ZURICH_DISTRICTS.iter().map(|d| format!("Kreis {d}")).collect();
    let parties: Vec<String> = ZURICH_2018.parties.iter().map(|p| (*p).to_owned()).collect();
    let text = maslihat_apportion::biproportional::explain(&result, &districts, &parties);
    for needle in [
        "1. district seats (given)",
        "3. upper apportionment",
        "divisor 760",
        "4. lower apportionment",
        "Kreis 11",
        "EVP/BDP",
        "ties in the matrix: none",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
}

#[test]
fn the_zurich_threshold_needs_five_per_cent_in_one_district() {
    // Party 3 has 5 % exactly in district 1 (50 of 1000) and passes; party 4 has 4.99 % at most.
    let votes = VoteMatrix::new(vec![vec![600, 350, 50, 0], vec![5000, 4500, 0, 499]]).unwrap();
    let rules = BiRules { voter_numbers: VoterNumbers::Votes, ..BiRules::zurich() };
    let result = biproportional(&votes, &DistrictSeats::Given(vec![5, 10]), &rules).unwrap();
    assert_eq!(result.qualified, [0, 1, 2]);
    assert_eq!(result.seats.iter().map(|row| row[3]).sum::<u32>(), 0);
    assert!(result.party_divisors[3].is_none());
}

#[test]
fn a_tie_in_the_matrix_is_reported_and_is_an_error_under_the_error_policy() {
    // Two districts of 8 and 4 seats, three parties of 4 seats, votes 1000 / 500 in every
    // cell: every column must hold 4, rows 8 and 4, and the quotients are equal within a row,
    // so which party gets the odd seat in each district is undetermined.
    let votes = VoteMatrix::new(vec![vec![1000, 1000, 1000], vec![500, 500, 500]]).unwrap();
    let matrix = lower_apportionment(&votes, &[8, 4], &[4, 4, 4]).unwrap();
    assert_eq!(matrix.ties.len(), 1);
    assert!(matrix.ties[0].cells.len() >= 4, "{:?}", matrix.ties);
    assert!(matrix.method.restarted && matrix.method.transfers > 0, "{:?}", matrix.method);
    let rules = BiRules { tie_policy: TiePolicy::Error, voter_numbers: VoterNumbers::Votes, ..BiRules::default() };
    let err = biproportional(&votes, &DistrictSeats::Given(vec![8, 4]), &rules).unwrap_err();
    assert!(err.to_string().contains("not determined"), "{err}");
}

#[test]
fn impossible_margins_are_an_error_not_a_panic() {
    // Party 2 has votes only in district 1 (1 seat) but is due 2 seats.
    let votes = VoteMatrix::new(vec![vec![10, 10], vec![10, 0]]).unwrap();
    let err = lower_apportionment(&votes, &[1, 2], &[1, 2]).unwrap_err();
    assert!(err.to_string().contains("no seat matrix"), "{err}");
    let err = lower_apportionment(&votes, &[1, 2], &[1, 1]).unwrap_err();
    assert!(err.to_string().contains("add up"), "{err}");
    assert!(VoteMatrix::new(vec![vec![1, 2], vec![3]]).is_err());
    assert!(VoteMatrix::new(vec![]).is_err());
}

#[test]
fn district_seats_can_be_apportioned_by_size() {
    let votes = VoteMatrix::new(vec![vec![100, 50], vec![300, 100], vec![60, 60]]).unwrap();
    let districts =
        DistrictSeats::BySize { sizes: vec![1000, 3000, 1000], house: 10, method: "sainte-lague".parse().unwrap() };
    let result = biproportional(&votes, &districts, &BiRules::default()).unwrap();
    assert_eq!(result.district_seats, [2, 6, 2]);
    assert_eq!(result.seats.iter().map(|r| r.iter().sum::<u32>()).collect::<Vec<_>>(), [2, 6, 2]);
}

/// Every matrix with these margins and seats only where there are votes.
fn all_matrices(votes: &[Vec<u64>], rows: &[u32], cols: &[u32]) -> Vec<Vec<Vec<u32>>> {
    fn fill(
        votes: &[Vec<u64>],
        rows: &[u32],
        cols: &mut Vec<u32>,
        current: &mut Vec<Vec<u32>>,
        cell: usize,
        out: &mut Vec<Vec<Vec<u32>>>,
    ) {
        let width = cols.len();
        if cell == rows.len() * width {
            if cols.iter().all(|c| *c == 0) {
                out.push(current.clone());
            }
            return;
        }
        let (i, j) = (cell / width, cell % width);
        let used: u32 = current[i][..j].iter().sum();
        let left_in_row = rows[i] - used;
        let max = if votes[i][j] == 0 { 0 } else { left_in_row.min(cols[j]) };
        let last_in_row = j + 1 == width;
        for seats in 0..=max {
            if last_in_row && seats != left_in_row {
                continue;
            }
            current[i][j] = seats;
            cols[j] -= seats;
            fill(votes, rows, cols, current, cell + 1, out);
            cols[j] += seats;
            current[i][j] = 0;
        }
    }
    let mut out = Vec::new();
    let mut current = vec![vec![0; cols.len()]; rows.len()];
    fill(votes, rows, &mut cols.to_vec(), &mut current, 0, &mut out);
    out
}

/// The objective that biproportional apportionments minimise (Gaffke & Pukelsheim): the product
/// over cells of ∏_{k=1..x} (k − 1/2) / v, exactly.
fn objective(votes: &[Vec<u64>], seats: &[Vec<u32>]) -> BigRational {
    let mut product = BigRational::from_integer(BigInt::from(1));
    for (row_votes, row_seats) in votes.iter().zip(seats) {
        for (v, x) in row_votes.iter().zip(row_seats) {
            for k in 1..=*x {
                product *= BigRational::new(BigInt::from(2 * k - 1), BigInt::from(2 * v));
            }
        }
    }
    product
}

/// A small election: 2–3 districts, 2–3 parties, votes 0..60 (some zero), margins from a
/// feasible matrix so that a solution exists.
fn small_election() -> impl Strategy<Value = (Vec<Vec<u64>>, Vec<u32>, Vec<u32>)> {
    (2usize..=3, 2usize..=3).prop_flat_map(|(rows, cols)| {
        (
            prop::collection::vec(prop::collection::vec(0u64..60, cols), rows),
            prop::collection::vec(prop::collection::vec(0u32..3, cols), rows),
        )
            .prop_map(|(votes, seed)| {
                // Seats only where there are votes, so the margins are feasible.
                let feasible: Vec<Vec<u32>> = votes
                    .iter()
                    .zip(&seed)
                    .map(|(vr, sr)| vr.iter().zip(sr).map(|(v, s)| if *v == 0 { 0 } else { *s }).collect())
                    .collect();
                let rows: Vec<u32> = feasible.iter().map(|r| r.iter().sum()).collect();
                let cols: Vec<u32> = (0..feasible[0].len()).map(|j| feasible.iter().map(|r| r[j]).sum()).collect();
                (votes, rows, cols)
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Against brute force: the matrix found minimises the objective, and a tie is reported
    /// exactly when more than one matrix does.
    #[test]
    fn the_matrix_is_the_optimum_and_ties_are_the_other_optima((votes, rows, cols) in small_election()) {
        let matrix = VoteMatrix::new(votes.clone()).unwrap();
        let found = lower_apportionment(&matrix, &rows, &cols).unwrap();
        let candidates = all_matrices(&votes, &rows, &cols);
        let best = candidates.iter().map(|m| objective(&votes, m)).min().unwrap();
        let optima: Vec<&Vec<Vec<u32>>> = candidates.iter().filter(|m| objective(&votes, m) == best).collect();
        prop_assert!(optima.contains(&&found.seats), "found {:?}, optima {:?}", found.seats, optima);
        prop_assert_eq!(found.ties.is_empty(), optima.len() == 1, "ties {:?} optima {:?}", found.ties, optima);
    }

    /// Margins hold and every cell rounds correctly under the divisors returned, checked by
    /// the reference arithmetic; transposing the input transposes the matrix when it is unique.
    #[test]
    fn margins_divisors_and_transposition((votes, rows, cols) in small_election()) {
        let matrix = VoteMatrix::new(votes.clone()).unwrap();
        let found = lower_apportionment(&matrix, &rows, &cols).unwrap();
        let row_sums: Vec<u32> = found.seats.iter().map(|r| r.iter().sum()).collect();
        let col_sums: Vec<u32> = (0..cols.len()).map(|j| found.seats.iter().map(|r| r[j]).sum()).collect();
        prop_assert_eq!(&row_sums, &rows);
        prop_assert_eq!(&col_sums, &cols);
        let d: Vec<BigRational> = found.district_divisors.iter().map(rational).collect();
        let e: Vec<BigRational> = found.party_divisors.iter().map(rational).collect();
        prop_assert!(every_cell_rounds(&matrix, &found.seats, &d, &e));
        let transposed = lower_apportionment(&matrix.transposed(), &cols, &rows).unwrap();
        prop_assert_eq!(transposed.ties.is_empty(), found.ties.is_empty());
        if found.ties.is_empty() {
            let back: Vec<Vec<u32>> = (0..rows.len()).map(|i| transposed.seats.iter().map(|r| r[i]).collect()).collect();
            prop_assert_eq!(back, found.seats);
        }
    }
}

/// Council-sized elections: 3–8 districts, 3–8 parties, votes up to 200,000 (a few cells
/// empty), district seats 1–20, party seats from the upper apportionment.
fn council_election() -> impl Strategy<Value = (Vec<Vec<u64>>, Vec<u32>)> {
    (3usize..=8, 3usize..=8).prop_flat_map(|(rows, cols)| {
        (
            prop::collection::vec(prop::collection::vec(prop_oneof![1 => Just(0u64), 9 => 1u64..200_000], cols), rows),
            prop::collection::vec(1u32..=20, rows),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The whole procedure on council-sized elections: when a matrix exists, its margins hold
    /// and every cell rounds under the divisors returned (reference arithmetic), whichever way
    /// it was found (scaling alone, or with transfer paths); transposed input agrees.
    #[test]
    fn council_sized_elections_verify((votes, seats) in council_election()) {
        let matrix = VoteMatrix::new(votes).unwrap();
        let rules = BiRules { voter_numbers: VoterNumbers::PerSeat, ..BiRules::default() };
        let Ok(result) = biproportional(&matrix, &DistrictSeats::Given(seats.clone()), &rules) else {
            // No matrix meets both margins with seats only where there are votes (zero cells).
            return Ok(());
        };
        let party_seats: Vec<u32> = result.parties.iter().map(|p| p.seats).collect();
        let row_sums: Vec<u32> = result.seats.iter().map(|r| r.iter().sum()).collect();
        prop_assert_eq!(&row_sums, &seats);
        let col_sums: Vec<u32> = (0..party_seats.len()).map(|j| result.seats.iter().map(|r| r[j]).sum()).collect();
        prop_assert_eq!(&col_sums, &party_seats);
        let d: Vec<BigRational> = result.district_divisors.iter().map(rational).collect();
        let e: Vec<BigRational> = result.party_divisors.iter().map(|e| rational(e.as_ref().unwrap())).collect();
        prop_assert!(every_cell_rounds(&matrix, &result.seats, &d, &e));
        let transposed = lower_apportionment(&matrix.transposed(), &party_seats, &seats).unwrap();
        if result.ties.is_empty() {
            let back: Vec<Vec<u32>> =
                (0..seats.len()).map(|i| transposed.seats.iter().map(|r| r[i]).collect()).collect();
            prop_assert_eq!(back, result.seats);
        }
    }
}

/// Fuzz finding (`biproportional`): a house of 608,117,796 seats in one district of three ran
/// for minutes (scaling places a line's seats one at a time); it is refused at once.
#[test]
fn fuzz_biproportional_a_huge_house_is_refused_at_once() {
    let votes = VoteMatrix::new(vec![vec![190, 6, 54], vec![36, 40, 0], vec![0, 0, 4]]).unwrap();
    let rules = BiRules { voter_numbers: VoterNumbers::Votes, tie_policy: TiePolicy::Error, ..BiRules::default() };
    let result = biproportional(&votes, &DistrictSeats::Given(vec![0, 608_117_796, 0]), &rules);
    let limit = maslihat_apportion::biproportional::MAX_MATRIX_SEATS;
    assert_eq!(
        result.unwrap_err(),
        BiError::Lower(LowerError::HouseTooLarge { seats: 608_117_796, limit }),
        "refused with the house and the limit"
    );
    // At the limit, a matrix is still made, and meets both margins.
    let seats = u32::try_from(limit).unwrap();
    let votes = VoteMatrix::new(vec![vec![300, 100], vec![100, 300]]).unwrap();
    let done = biproportional(&votes, &DistrictSeats::Given(vec![seats / 2, seats / 2]), &BiRules::default()).unwrap();
    assert_eq!(done.seats.iter().map(|row| row.iter().sum::<u32>()).collect::<Vec<_>>(), [seats / 2, seats / 2]);
    assert_eq!(done.parties.iter().map(|p| p.seats).sum::<u32>(), seats);
}

/// District seats whose sum passes `u32::MAX` are an overflow error, not a wrapped house.
#[test]
fn fuzz_biproportional_district_seats_past_u32_are_an_overflow() {
    let votes = VoteMatrix::new(vec![vec![10, 5], vec![3, 8]]).unwrap();
    let result = biproportional(&votes, &DistrictSeats::Given(vec![u32::MAX, 5]), &BiRules::default());
    assert!(matches!(result, Err(BiError::Overflow { .. })), "{result:?}");
}
