//! Biproportional apportionment (`maslihat_apportion::biproportional`): any small vote matrix
//! (votes small or near `u64::MAX`), district seats given or apportioned by size, any voter
//! numbers, threshold and tie policy. No panic; a result's matrix has the district seats as row
//! sums and the parties' seats as column sums, no seat in a cell without votes or for a party
//! below the threshold, and the lower apportionment alone gives the same matrix.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use maslihat_apportion::biproportional::{
    BiRules, BiThreshold, DistrictSeats, PartyStatus, VoteMatrix, VoterNumbers, biproportional, lower_apportionment,
};
use maslihat_apportion::{Divisor, Method, Percentage, Quota, TiePolicy};

/// The largest house a seat matrix is made for, as a seat count.
const MAX_SEATS: u32 = 100_000;

#[derive(Debug)]
struct Input {
    votes: Vec<Vec<u64>>,
    districts: DistrictSeats,
    rules: BiRules,
}

/// A vote: mostly small (ties and empty cells), sometimes huge (the overflow paths).
fn vote(u: &mut Unstructured<'_>) -> arbitrary::Result<u64> {
    Ok(match u.int_in_range(0..=9u8)? {
        0 => 0,
        1 => u64::MAX - u64::from(u.arbitrary::<u8>()?),
        2 => u.arbitrary()?,
        _ => u64::from(u.int_in_range(0..=200u16)?),
    })
}

fn percentage(u: &mut Unstructured<'_>) -> arbitrary::Result<Option<Percentage>> {
    if !u.arbitrary::<bool>()? {
        return Ok(None);
    }
    let numerator = u.int_in_range(0..=100u64)?;
    Ok(Percentage::new(numerator, 100).ok())
}

impl<'a> Arbitrary<'a> for Input {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Input> {
        let districts = u.int_in_range(0..=5usize)?;
        let parties = u.int_in_range(0..=6usize)?;
        let votes = (0..districts).map(|_| (0..parties).map(|_| vote(u)).collect()).collect::<Result<_, _>>()?;
        let seats = |u: &mut Unstructured<'a>| -> arbitrary::Result<u32> {
            // Mostly small; sometimes a few thousand (the transfer paths' many steps, slow
            // under the fuzzer's instrumentation beyond that); sometimes past the limit of a
            // seat matrix (refused at once).
            Ok(match u.int_in_range(0..=19u8)? {
                0 => u.int_in_range(MAX_SEATS + 1..=u32::MAX)?,
                1 => u.int_in_range(0..=3000)?,
                _ => u32::from(u.int_in_range(0..=12u8)?),
            })
        };
        // Sometimes one number too many or too few.
        let count = (districts + u.int_in_range(0..=2usize)?).saturating_sub(1);
        let district_seats = if u.arbitrary()? {
            DistrictSeats::Given((0..count).map(|_| seats(u)).collect::<Result<_, _>>()?)
        } else {
            let method = u.choose(&[
                Method::Divisor(Divisor::SainteLague),
                Method::Divisor(Divisor::DHondt),
                Method::LargestRemainder(Quota::Hare),
            ])?
            .clone();
            DistrictSeats::BySize { sizes: (0..count).map(|_| vote(u)).collect::<Result<_, _>>()?, house: seats(u)?, method }
        };
        let voter_numbers = *u.choose(&[VoterNumbers::Votes, VoterNumbers::PerSeat, VoterNumbers::PerSeatRounded])?;
        let threshold = BiThreshold { in_some_district: percentage(u)?, overall: percentage(u)? };
        let tie_policy = match u.int_in_range(0..=3u8)? {
            0 => TiePolicy::Error,
            1 => TiePolicy::Registration,
            2 => TiePolicy::Votes,
            _ => TiePolicy::Lot(u.arbitrary()?),
        };
        Ok(Input { votes, districts: district_seats, rules: BiRules { voter_numbers, threshold, tie_policy } })
    }
}

fuzz_target!(|input: Input| {
    assert_eq!(u64::from(MAX_SEATS), maslihat_apportion::biproportional::MAX_MATRIX_SEATS);
    let Ok(matrix) = VoteMatrix::new(input.votes.clone()) else { return };
    let result = match biproportional(&matrix, &input.districts, &input.rules) {
        Ok(result) => result,
        Err(err) => {
            let _ = err.to_string();
            return;
        }
    };
    let seats = &result.seats;
    assert_eq!(seats.len(), matrix.districts());
    assert_eq!(result.district_seats.iter().map(|s| u64::from(*s)).sum::<u64>(), u64::from(result.house_size));
    for (district, row) in seats.iter().enumerate() {
        assert_eq!(row.len(), matrix.parties());
        let sum: u64 = row.iter().map(|s| u64::from(*s)).sum();
        assert_eq!(sum, u64::from(result.district_seats[district]), "district {district}'s row sum");
        for (party, cell) in row.iter().enumerate() {
            if matrix.vote(district, party) == 0 {
                assert_eq!(*cell, 0, "a seat without votes at ({district}, {party})");
            }
        }
    }
    for (party, figures) in result.parties.iter().enumerate() {
        let column: u64 = seats.iter().map(|row| u64::from(row[party])).sum();
        assert_eq!(column, u64::from(figures.seats), "party {party}'s column sum");
        if figures.status == PartyStatus::BelowThreshold {
            assert_eq!(figures.seats, 0, "party {party} below the threshold has seats");
        }
    }
    // The lower apportionment alone, over the qualified parties, finds the same matrix.
    let qualified: Vec<Vec<u64>> =
        matrix.rows().iter().map(|row| result.qualified.iter().map(|p| row[*p]).collect()).collect();
    let party_seats: Vec<u32> = result.qualified.iter().map(|p| result.parties[*p].seats).collect();
    let alone = lower_apportionment(&VoteMatrix::new(qualified).expect("a matrix"), &result.district_seats, &party_seats)
        .expect("the lower apportionment of a result");
    for (row, found) in seats.iter().zip(&alone.seats) {
        let picked: Vec<u32> = result.qualified.iter().map(|p| row[*p]).collect();
        assert_eq!(&picked, found, "the lower apportionment alone differs");
    }
});
