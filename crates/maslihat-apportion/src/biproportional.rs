//! Biproportional apportionment (Pukelsheim's double proportionality, Zurich's "doppelter
//! Pukelsheim"): seats to districts, seats to parties over all districts (the upper
//! apportionment), then the seat matrix that honours both (the lower apportionment), with the
//! divisors that prove it and every tie reported.
//!
//! ```
//! use maslihat_apportion::biproportional::{BiRules, DistrictSeats, VoteMatrix, biproportional};
//!
//! // Two districts of 4 and 6 seats, three parties.
//! let votes = VoteMatrix::new(vec![vec![5100, 9800, 4500], vec![6000, 10000, 12000]]).unwrap();
//! let result = biproportional(&votes, &DistrictSeats::Given(vec![4, 6]), &BiRules::default()).unwrap();
//! let row_sums: Vec<u32> = result.seats.iter().map(|row| row.iter().sum()).collect();
//! assert_eq!(row_sums, [4, 6]);
//! ```

mod explain;
mod fraction;
mod lower;

use std::cmp::Ordering;

use serde::Serialize;

pub use explain::explain;
pub use fraction::Fraction;
pub use lower::{LowerError, LowerMethod, MAX_MATRIX_SEATS, MatrixTie, SeatMatrix, TiedCell};

use crate::error::AllocError;
use crate::exact::{Ratio, cmp_products};
use crate::method::{Divisor, Method};
use crate::result::Allocation;
use crate::rules::Rules;
use crate::tally::Tally;
use crate::threshold::{Percentage, Threshold};
use crate::tie::TiePolicy;
use fraction::{Small, shortest_decimal_between};

/// Votes per district (rows) and party (columns), every row as long as the first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VoteMatrix {
    votes: Vec<Vec<u64>>,
}

impl VoteMatrix {
    /// A matrix from its rows; at least one district and one party, rows of equal length.
    pub fn new(votes: Vec<Vec<u64>>) -> Result<VoteMatrix, BiError> {
        let parties = votes.first().map_or(0, Vec::len);
        if parties == 0 {
            return Err(BiError::Empty);
        }
        if let Some((index, row)) = votes.iter().enumerate().find(|(_, row)| row.len() != parties) {
            return Err(BiError::Ragged { district: index + 1, found: row.len(), expected: parties });
        }
        Ok(VoteMatrix { votes })
    }

    pub fn districts(&self) -> usize {
        self.votes.len()
    }

    pub fn parties(&self) -> usize {
        self.votes[0].len()
    }

    /// The votes of `party` in `district`.
    pub fn vote(&self, district: usize, party: usize) -> u64 {
        self.votes[district][party]
    }

    /// The rows, one per district.
    pub fn rows(&self) -> &[Vec<u64>] {
        &self.votes
    }

    /// Districts and parties swapped.
    #[must_use]
    pub fn transposed(&self) -> VoteMatrix {
        let votes = (0..self.parties()).map(|party| self.votes.iter().map(|row| row[party]).collect()).collect();
        VoteMatrix { votes }
    }
}

/// How many seats each district has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum DistrictSeats {
    /// Fixed in advance, one number per district.
    Given(Vec<u32>),
    /// `house` seats apportioned to the districts by their sizes (population, electorate)
    /// with `method`, before the election (Zurich: by population).
    BySize { sizes: Vec<u64>, house: u32, method: Method },
}

/// What a party's national weight in the upper apportionment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VoterNumbers {
    /// The sum of its votes (when every voter has one vote).
    Votes,
    /// The sum over districts of its votes divided by the district's seats (voters there have
    /// as many votes as seats), exactly.
    PerSeat,
    /// As `PerSeat`, each district's quotient first rounded to a whole number (half up), as the
    /// Zurich law prescribes ("Wählerzahl").
    #[default]
    PerSeatRounded,
}

/// The threshold: a party takes part if it reaches any of the conditions set (none set: all
/// parties take part). Reaching a share exactly passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct BiThreshold {
    /// This share of a district's votes in at least one district (Zurich: 5 %).
    pub in_some_district: Option<Percentage>,
    /// This share of all votes.
    pub overall: Option<Percentage>,
}

/// Everything that decides a biproportional apportionment besides the votes and the seats.
/// Both apportionments use standard rounding (Sainte-Laguë).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BiRules {
    pub voter_numbers: VoterNumbers,
    pub threshold: BiThreshold,
    /// For ties in the district seats and the upper apportionment (settled as in the core and
    /// recorded); for ties in the matrix `Error` makes them an error, any other policy keeps
    /// the matrix found and reports the tie (no policy of the core says which matrix is meant).
    pub tie_policy: TiePolicy,
}

impl Default for BiRules {
    /// Exact voter numbers per seat, no threshold, ties recorded (registration order).
    fn default() -> BiRules {
        BiRules {
            voter_numbers: VoterNumbers::PerSeat,
            threshold: BiThreshold::default(),
            tie_policy: TiePolicy::Registration,
        }
    }
}

impl BiRules {
    /// The Zurich rules (the canton's Gesetz über die politischen Rechte, GPR, LS 161, in force
    /// since 1 January 2005, applied to the city council too): voter numbers per district
    /// rounded to whole numbers, 5 % of the votes in at least one district, standard rounding
    /// throughout (docs/biproportional.md).
    pub fn zurich() -> BiRules {
        BiRules {
            voter_numbers: VoterNumbers::PerSeatRounded,
            threshold: BiThreshold { in_some_district: Some(Percentage::whole(5)), overall: None },
            tie_policy: TiePolicy::Registration,
        }
    }
}

/// Whether a party took part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartyStatus {
    Qualified,
    BelowThreshold,
}

/// One party's figures and seats, in input order.
#[derive(Debug, Clone, Serialize)]
pub struct PartyResult {
    /// Its votes over all districts.
    pub votes: u64,
    /// Its weight in the upper apportionment (see [`VoterNumbers`]).
    pub voter_number: Fraction,
    /// Its largest share of a district's votes.
    pub best_district_share: Ratio,
    /// Its share of all votes.
    pub overall_share: Ratio,
    pub status: PartyStatus,
    pub seats: u32,
}

/// The result: district seats, party seats, the seat matrix and its divisors.
#[derive(Debug, Clone, Serialize)]
pub struct Biproportional {
    pub rules: BiRules,
    pub house_size: u32,
    pub district_seats: Vec<u32>,
    /// The apportionment of seats to districts, when made from their sizes.
    pub district_allocation: Option<Allocation>,
    pub parties: Vec<PartyResult>,
    /// The upper apportionment over the qualified parties (indices into `qualified`).
    pub upper: Allocation,
    /// The parties that took part, in input order.
    pub qualified: Vec<usize>,
    /// A divisor of the upper apportionment: every qualified party's voter number divided by
    /// it rounds to its seats (the roundest number in the open interval, or the interval's
    /// single point when the upper apportionment had a tie); `None` if too large for 128 bits.
    pub upper_divisor: Option<Fraction>,
    /// Seats per district (rows) and party (columns, every party, zero for those below the
    /// threshold).
    pub seats: Vec<Vec<u32>>,
    pub district_divisors: Vec<Fraction>,
    /// `None` for parties below the threshold.
    pub party_divisors: Vec<Option<Fraction>>,
    pub lower_method: LowerMethod,
    /// Ties in the matrix (cells as district and party indices of the whole input).
    pub ties: Vec<MatrixTie>,
}

/// Why a biproportional apportionment could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BiError {
    #[error("the vote matrix has no district or no party")]
    Empty,
    #[error("district {district} has {found} party columns, the first district {expected}")]
    Ragged { district: usize, found: usize, expected: usize },
    #[error("{given} district seat numbers (or sizes) for {districts} districts")]
    DistrictCount { given: usize, districts: usize },
    #[error("the districts have no seats between them")]
    NoSeats,
    #[error("apportioning seats to the districts: {0}")]
    DistrictSeats(AllocError),
    #[error("no party reached the threshold")]
    NoPartyPasses,
    #[error("the upper apportionment (seats to parties): {0}")]
    Upper(AllocError),
    #[error("the lower apportionment (the seat matrix): {0}")]
    Lower(#[from] LowerError),
    #[error("the numbers are too large to handle exactly ({context})")]
    Overflow { context: &'static str },
    /// The matrix has a tie and the tie policy is `error`.
    #[error("the seat matrix is not determined: {} tie(s) between cells on a rounding boundary", .0.len())]
    UnresolvedTie(Vec<MatrixTie>),
}

/// The lower apportionment alone: the seat matrix for `votes` with the given district seats
/// (rows) and party seats (columns).
pub fn lower_apportionment(
    votes: &VoteMatrix,
    district_seats: &[u32],
    party_seats: &[u32],
) -> Result<SeatMatrix, BiError> {
    if district_seats.len() != votes.districts() {
        return Err(BiError::DistrictCount { given: district_seats.len(), districts: votes.districts() });
    }
    if party_seats.len() != votes.parties() {
        return Err(BiError::DistrictCount { given: party_seats.len(), districts: votes.parties() });
    }
    let problem = lower::Problem { votes: votes.rows(), district_seats, party_seats };
    Ok(lower::lower_apportionment(&problem)?)
}

/// The whole biproportional apportionment of `votes` under `rules`.
pub fn biproportional(
    votes: &VoteMatrix,
    districts: &DistrictSeats,
    rules: &BiRules,
) -> Result<Biproportional, BiError> {
    let (district_seats, district_allocation) = district_seats(votes, districts, rules.tie_policy)?;
    let house_size = district_seats
        .iter()
        .try_fold(0u32, |house, seats| house.checked_add(*seats))
        .ok_or(BiError::Overflow { context: "the house, the sum of the district seats" })?;
    if house_size == 0 {
        return Err(BiError::NoSeats);
    }
    let (mut parties, qualified) = party_figures(votes, &district_seats, rules)?;
    if qualified.is_empty() {
        return Err(BiError::NoPartyPasses);
    }
    let (weights, scale) = upper_weights(votes, &district_seats, rules.voter_numbers, &qualified)?;
    let upper_rules =
        Rules { method: Method::Divisor(Divisor::SainteLague), tie_policy: rules.tie_policy, ..Rules::default() };
    let upper = crate::allocate(&Tally::new(weights.clone()), house_size, &upper_rules).map_err(BiError::Upper)?;
    let party_seats = upper.seats();
    for (position, party) in qualified.iter().enumerate() {
        parties[*party].seats = party_seats[position];
    }
    let upper_divisor = upper_divisor(&weights, scale, &party_seats);
    let qualified_votes: Vec<Vec<u64>> =
        votes.rows().iter().map(|row| qualified.iter().map(|party| row[*party]).collect()).collect();
    let problem =
        lower::Problem { votes: &qualified_votes, district_seats: &district_seats, party_seats: &party_seats };
    let matrix = lower::lower_apportionment(&problem).map_err(|err| match err {
        // Party numbers of the lower problem count only the qualified parties.
        LowerError::Infeasible { parties, districts } => {
            LowerError::Infeasible { parties: parties.iter().map(|p| qualified[*p]).collect(), districts }
        }
        other => other,
    })?;
    let ties: Vec<MatrixTie> = matrix
        .ties
        .iter()
        .map(|tie| MatrixTie {
            cells: tie.cells.iter().map(|cell| TiedCell { party: qualified[cell.party], ..*cell }).collect(),
        })
        .collect();
    if !ties.is_empty() && rules.tie_policy == TiePolicy::Error {
        return Err(BiError::UnresolvedTie(ties));
    }
    let mut seats = vec![vec![0u32; votes.parties()]; votes.districts()];
    for (row, found) in seats.iter_mut().zip(&matrix.seats) {
        for (position, party) in qualified.iter().enumerate() {
            row[*party] = found[position];
        }
    }
    let mut party_divisors = vec![None; votes.parties()];
    for (position, party) in qualified.iter().enumerate() {
        party_divisors[*party] = Some(matrix.party_divisors[position].clone());
    }
    Ok(Biproportional {
        rules: *rules,
        house_size,
        district_seats,
        district_allocation,
        parties,
        upper,
        qualified,
        upper_divisor,
        seats,
        district_divisors: matrix.district_divisors,
        party_divisors,
        lower_method: matrix.method,
        ties,
    })
}

/// The district seats, given or apportioned by size.
fn district_seats(
    votes: &VoteMatrix,
    districts: &DistrictSeats,
    tie_policy: TiePolicy,
) -> Result<(Vec<u32>, Option<Allocation>), BiError> {
    match districts {
        DistrictSeats::Given(seats) => {
            if seats.len() != votes.districts() {
                return Err(BiError::DistrictCount { given: seats.len(), districts: votes.districts() });
            }
            Ok((seats.clone(), None))
        }
        DistrictSeats::BySize { sizes, house, method } => {
            if sizes.len() != votes.districts() {
                return Err(BiError::DistrictCount { given: sizes.len(), districts: votes.districts() });
            }
            let rules = Rules { method: method.clone(), tie_policy, threshold: Threshold::None, ..Rules::default() };
            let allocation =
                crate::allocate(&Tally::new(sizes.clone()), *house, &rules).map_err(BiError::DistrictSeats)?;
            Ok((allocation.seats(), Some(allocation)))
        }
    }
}

/// Each party's totals, shares and threshold status; the qualified parties in input order.
fn party_figures(
    votes: &VoteMatrix,
    district_seats: &[u32],
    rules: &BiRules,
) -> Result<(Vec<PartyResult>, Vec<usize>), BiError> {
    let district_totals: Vec<u128> = votes.rows().iter().map(|row| row.iter().map(|v| u128::from(*v)).sum()).collect();
    let grand_total: u128 = district_totals.iter().sum();
    let mut parties = Vec::with_capacity(votes.parties());
    let mut qualified = Vec::new();
    for party in 0..votes.parties() {
        let total: u128 = votes.rows().iter().map(|row| u128::from(row[party])).sum();
        let total =
            u64::try_from(total).map_err(|_| BiError::Overflow { context: "a party's votes over all districts" })?;
        let mut best = Ratio::ZERO;
        for (district, row) in votes.rows().iter().enumerate() {
            if district_totals[district] > 0 {
                best = best.max(Ratio::of(u128::from(row[party]), district_totals[district]));
            }
        }
        let overall = if grand_total > 0 { Ratio::of(u128::from(total), grand_total) } else { Ratio::ZERO };
        let passes = passes_threshold(&rules.threshold, best, overall);
        if passes {
            qualified.push(party);
        }
        parties.push(PartyResult {
            votes: total,
            voter_number: Fraction::whole(0),
            best_district_share: best,
            overall_share: overall,
            status: if passes { PartyStatus::Qualified } else { PartyStatus::BelowThreshold },
            seats: 0,
        });
    }
    for (party, result) in parties.iter_mut().enumerate() {
        result.voter_number = voter_number(votes, district_seats, rules.voter_numbers, party)?;
    }
    Ok((parties, qualified))
}

/// True when `share` reaches `threshold` (exactly reaching passes).
fn reaches(share: Ratio, threshold: Percentage) -> bool {
    // share.num / share.den ≥ numerator / denominator
    cmp_products(share.num(), u128::from(threshold.denominator()), u128::from(threshold.numerator()), share.den())
        != Ordering::Less
}

fn passes_threshold(threshold: &BiThreshold, best_district: Ratio, overall: Ratio) -> bool {
    match (threshold.in_some_district, threshold.overall) {
        (None, None) => true,
        (district, whole) => {
            district.is_some_and(|p| reaches(best_district, p)) || whole.is_some_and(|p| reaches(overall, p))
        }
    }
}

/// `vote / seats` rounded half up to a whole number.
fn rounded_quotient(vote: u64, seats: u32) -> u64 {
    let (vote, seats) = (u128::from(vote), u128::from(seats));
    // floor((2v + s) / 2s) < 2^64 because v < 2^64.
    u64::try_from((2 * vote + seats) / (2 * seats)).unwrap_or(u64::MAX)
}

/// A party's voter number as an exact fraction (for display).
fn voter_number(
    votes: &VoteMatrix,
    district_seats: &[u32],
    kind: VoterNumbers,
    party: usize,
) -> Result<Fraction, BiError> {
    let overflow = BiError::Overflow { context: "a voter number" };
    let (weights, scale) = upper_weights(votes, district_seats, kind, &[party]).map_err(|_| overflow)?;
    Fraction::new(weights[0], scale).ok_or(BiError::Overflow { context: "a voter number" })
}

/// The qualified parties' weights as whole numbers and the scale they are in (the weight
/// divided by the scale is the voter number): the least common multiple of the district
/// seats for exact voter numbers, 1 otherwise. Districts without seats count for nothing.
fn upper_weights(
    votes: &VoteMatrix,
    district_seats: &[u32],
    kind: VoterNumbers,
    parties: &[usize],
) -> Result<(Vec<u64>, u64), BiError> {
    let overflow = BiError::Overflow { context: "the voter numbers of the upper apportionment" };
    let scale = match kind {
        VoterNumbers::PerSeat => {
            let mut lcm = 1u64;
            for seats in district_seats.iter().filter(|s| **s > 0) {
                let seats = u64::from(*seats);
                lcm = (lcm / num_integer::gcd(lcm, seats)).checked_mul(seats).ok_or(overflow.clone())?;
            }
            lcm
        }
        VoterNumbers::Votes | VoterNumbers::PerSeatRounded => 1,
    };
    let mut weights = Vec::with_capacity(parties.len());
    for party in parties {
        let mut sum = 0u64;
        for (row, seats) in votes.rows().iter().zip(district_seats) {
            if *seats == 0 {
                continue;
            }
            let vote = row[*party];
            let term = match kind {
                VoterNumbers::Votes => vote,
                VoterNumbers::PerSeatRounded => rounded_quotient(vote, *seats),
                VoterNumbers::PerSeat => {
                    let per = u128::from(vote) * u128::from(scale / u64::from(*seats));
                    u64::try_from(per).map_err(|_| overflow.clone())?
                }
            };
            sum = sum.checked_add(term).ok_or(overflow.clone())?;
        }
        weights.push(sum);
    }
    Ok((weights, scale))
}

/// A divisor for the upper apportionment in voter-number units: strictly between the largest
/// claim left out and the smallest claim served (standard rounding: `w / (s ± 1/2)`).
fn upper_divisor(weights: &[u64], scale: u64, seats: &[u32]) -> Option<Fraction> {
    let mut low: Option<Small> = None;
    let mut high: Option<Small> = None;
    for (weight, held) in weights.iter().zip(seats) {
        if *weight == 0 {
            continue;
        }
        let twice = u128::from(*weight) * 2;
        let scale = u128::from(scale);
        // Next seat's claim: 2w / (scale (2s + 1)).
        let next = Small { num: twice, den: scale.checked_mul(2 * u128::from(*held) + 1)? };
        if low.is_none_or(|current| next.cmp(current) == Ordering::Greater) {
            low = Some(next);
        }
        if *held > 0 {
            let last = Small { num: twice, den: scale.checked_mul(2 * u128::from(*held) - 1)? };
            if high.is_none_or(|current| last.cmp(current) == Ordering::Less) {
                high = Some(last);
            }
        }
    }
    let (low, high) = (low?, high?);
    match low.cmp(high) {
        Ordering::Less => shortest_decimal_between(low, high).map(Small::to_fraction),
        _ => Some(high.to_fraction()),
    }
}
