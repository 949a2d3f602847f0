//! The lower apportionment: the seat matrix whose row sums are the district seats and whose
//! column sums are the party seats, every cell the standard rounding of
//! `votes / (district divisor × party divisor)`.
//!
//! Alternating scaling comes first (each district, then each party, given a divisor strictly
//! inside its interval: the roundest decimal there, as election offices publish them); when it
//! meets a divisor interval that is a single point (a tie) or does not settle, exact shortest
//! transfer paths finish the job (a primal–dual method like Pukelsheim's tie-and-transfer: seats
//! move along the cheapest path of cells, the cost of a path being the product of its
//! `(x ± 1/2) / votes` factors, compared exactly). Every cell of the answer is then verified with
//! exact fractions, and ties are found as cycles of cells sitting on a rounding boundary: exactly
//! the cells in which another matrix honouring both margins and the same divisors differs.

use std::cmp::Ordering;

use num_bigint::BigUint;
use serde::Serialize;

use super::fraction::{Fraction, Small, shortest_decimal_between, shortest_decimal_between_big};

/// Alternating scaling hands over to transfer paths after this many passes (rows or columns):
/// it usually settles within a few, and when it does not, it closes in slowly while a few
/// transfers finish the job.
const MAX_SCALING_PASSES: u32 = 6;

/// The largest house a seat matrix is made for. Scaling moves a line's seats one at a time
/// from the last pass's, and transfer paths move one seat per search: the work grows with the
/// seats, and a house of hundreds of millions of seats would run for hours. Real
/// biproportional houses have a few hundred seats (Zurich's city council 125).
pub const MAX_MATRIX_SEATS: u64 = 100_000;

/// The seat matrix with the divisors that prove it.
#[derive(Debug, Clone, Serialize)]
pub struct SeatMatrix {
    /// Seats per district (rows) and party (columns).
    pub seats: Vec<Vec<u32>>,
    /// One divisor per district.
    pub district_divisors: Vec<Fraction>,
    /// One divisor per party.
    pub party_divisors: Vec<Fraction>,
    /// How the matrix was found.
    pub method: LowerMethod,
    /// Groups of cells that could change together without breaking either margin or the
    /// divisors: each group is a tie, empty when the matrix is the only one.
    pub ties: Vec<MatrixTie>,
}

/// How the lower apportionment was computed: passes of alternating scaling, then (when it
/// had not settled) seats moved along exact shortest transfer paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LowerMethod {
    /// Passes over the districts or the parties (0: scaling met a tie at once).
    pub scaling_passes: u32,
    /// Seats moved along transfer paths afterwards (0: scaling settled by itself).
    pub transfers: u32,
    /// True when the transfers started afresh (scaling met a tie or a number too large),
    /// false when they went on from where scaling stopped.
    pub restarted: bool,
}

/// A tie in the matrix: every cell listed can take the other value shown, all at once, and
/// the margins and divisors still hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatrixTie {
    pub cells: Vec<TiedCell>,
}

/// One cell of a tie: its quotient is exactly half-way, so it rounds to `seats` or to `other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TiedCell {
    pub district: usize,
    pub party: usize,
    pub seats: u32,
    pub other: u32,
}

/// Why no seat matrix could be given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LowerError {
    /// The district seats and the party seats do not add up to the same house.
    #[error("the district seats add up to {districts} but the party seats to {parties}")]
    MarginsDiffer { districts: u64, parties: u64 },
    /// No matrix gives seats only where there are votes and meets both margins: a party is
    /// due seats but has no votes, or districts cannot be given enough seats.
    #[error(
        "no seat matrix meets both the district seats and the party seats with seats only where a party has votes \
         ({})",
        infeasible_text(parties, districts)
    )]
    Infeasible {
        /// Parties (0-based) due seats without any votes.
        parties: Vec<usize>,
        /// Districts (0-based) that could not be given enough seats.
        districts: Vec<usize>,
    },
    /// A house of more than [`MAX_MATRIX_SEATS`] seats: refused rather than searched for hours.
    #[error("a house of {seats} seats: a seat matrix is made for at most {limit} seats")]
    HouseTooLarge { seats: u64, limit: u64 },
    /// The matrix found failed its exact check: a defect of this program, reported, not hidden.
    #[error("internal check failed: the seat matrix does not verify against its divisors ({0})")]
    Unverified(String),
}

fn infeasible_text(parties: &[usize], districts: &[usize]) -> String {
    let numbers = |items: &[usize]| items.iter().map(|i| (i + 1).to_string()).collect::<Vec<_>>().join(", ");
    match (parties.is_empty(), districts.is_empty()) {
        (false, _) => format!("party {} is due seats but has no votes", numbers(parties)),
        (true, false) => format!("district(s) {} cannot be given enough seats", numbers(districts)),
        (true, true) => "no seat can be placed".to_owned(),
    }
}

/// The votes and both margins of one lower apportionment.
pub(crate) struct Problem<'a> {
    pub(crate) votes: &'a [Vec<u64>],
    pub(crate) district_seats: &'a [u32],
    pub(crate) party_seats: &'a [u32],
}

impl Problem<'_> {
    fn districts(&self) -> usize {
        self.district_seats.len()
    }

    fn parties(&self) -> usize {
        self.party_seats.len()
    }

    fn vote(&self, district: usize, party: usize) -> u64 {
        self.votes[district][party]
    }
}

/// Computes the seat matrix of `problem`.
pub(crate) fn lower_apportionment(problem: &Problem<'_>) -> Result<SeatMatrix, LowerError> {
    let districts: u64 = problem.district_seats.iter().map(|s| u64::from(*s)).sum();
    let parties: u64 = problem.party_seats.iter().map(|s| u64::from(*s)).sum();
    if districts != parties {
        return Err(LowerError::MarginsDiffer { districts, parties });
    }
    if districts > MAX_MATRIX_SEATS {
        return Err(LowerError::HouseTooLarge { seats: districts, limit: MAX_MATRIX_SEATS });
    }
    let (seats, district_divisors, party_divisors, method) = match alternating_scaling(problem) {
        Scaling::Settled(found) => {
            let district = found.district_divisors.iter().map(|d| d.to_fraction()).collect();
            let party = found.party_divisors.iter().map(|e| e.to_fraction()).collect();
            let method = LowerMethod { scaling_passes: found.passes, transfers: 0, restarted: false };
            (found.seats, district, party, method)
        }
        Scaling::Unsettled { seats, passes } => {
            let found = transfer_paths(problem, seats)?;
            let method = LowerMethod { scaling_passes: passes, transfers: found.transfers, restarted: false };
            (found.seats, found.district_divisors, found.party_divisors, method)
        }
        Scaling::Stuck { passes } => {
            let found = transfer_paths(problem, spread_columns(problem)?)?;
            let method = LowerMethod { scaling_passes: passes, transfers: found.transfers, restarted: true };
            (found.seats, found.district_divisors, found.party_divisors, method)
        }
    };
    let boundary = verify(problem, &seats, &district_divisors, &party_divisors).map_err(LowerError::Unverified)?;
    let ties = ties_from_boundary(problem, &seats, &boundary);
    Ok(SeatMatrix { seats, district_divisors, party_divisors, method, ties })
}

/// The outcome of alternating scaling.
struct Scaled {
    seats: Vec<Vec<u32>>,
    district_divisors: Vec<Small>,
    party_divisors: Vec<Small>,
    passes: u32,
}

/// Where alternating scaling ended.
enum Scaling {
    /// Both margins met, with round divisors.
    Settled(Scaled),
    /// Not settled within [`MAX_SCALING_PASSES`]; the last pass was over the parties, so the
    /// columns are right and the matrix is biproportional for its own row sums.
    Unsettled { seats: Vec<Vec<u32>>, passes: u32 },
    /// A divisor interval shrank to a point (a tie), or a number outgrew 128 bits.
    Stuck { passes: u32 },
}

/// Alternating scaling with round decimal divisors.
fn alternating_scaling(problem: &Problem<'_>) -> Scaling {
    let (rows, cols) = (problem.districts(), problem.parties());
    let mut district_divisors = vec![Small::ONE; rows];
    let mut party_divisors = vec![Small::ONE; cols];
    let mut seats = vec![vec![0u32; cols]; rows];
    let mut weights = Vec::with_capacity(rows.max(cols));
    let mut column = Vec::with_capacity(rows);
    let mut passes = 0;
    while passes < MAX_SCALING_PASSES {
        passes += 1;
        for (district, row) in seats.iter_mut().enumerate() {
            weights.clear();
            for (party, divisor) in party_divisors.iter().enumerate() {
                let vote = u128::from(problem.vote(district, party));
                let Some(num) = vote.checked_mul(divisor.den) else { return Scaling::Stuck { passes } };
                weights.push(Small { num, den: divisor.num });
            }
            let Some((divisor, row_seats)) = vector_step(&weights, problem.district_seats[district], row) else {
                return Scaling::Stuck { passes };
            };
            district_divisors[district] = divisor;
            row.copy_from_slice(&row_seats);
        }
        if (0..cols).all(|party| column_sum(&seats, party) == problem.party_seats[party]) {
            return Scaling::Settled(Scaled { seats, district_divisors, party_divisors, passes });
        }
        passes += 1;
        for party in 0..cols {
            weights.clear();
            for (district, divisor) in district_divisors.iter().enumerate() {
                let vote = u128::from(problem.vote(district, party));
                let Some(num) = vote.checked_mul(divisor.den) else { return Scaling::Stuck { passes } };
                weights.push(Small { num, den: divisor.num });
            }
            column.clear();
            column.extend(seats.iter().map(|row| row[party]));
            let Some((divisor, column_seats)) = vector_step(&weights, problem.party_seats[party], &column) else {
                return Scaling::Stuck { passes };
            };
            party_divisors[party] = divisor;
            for (row, seats_here) in seats.iter_mut().zip(column_seats) {
                row[party] = seats_here;
            }
        }
        if seats.iter().zip(problem.district_seats).all(|(row, target)| row.iter().sum::<u32>() == *target) {
            return Scaling::Settled(Scaled { seats, district_divisors, party_divisors, passes });
        }
    }
    Scaling::Unsettled { seats, passes }
}

fn column_sum(seats: &[Vec<u32>], party: usize) -> u32 {
    seats.iter().map(|row| row[party]).sum()
}

/// One vector apportionment by standard rounding: `target` seats among `weights`, with a
/// divisor strictly between the first claim left out and the last claim served (so no weight
/// sits on a rounding boundary). It starts from `start` (the line's seats in the previous
/// pass, usually close): seats are added to the largest claims or taken from the smallest
/// until the count is right, then moved while a claim left out beats a claim served. `None`
/// when those two claims are equal (a tie), when no weight is positive but seats are due, or
/// when a number overflows.
fn vector_step(weights: &[Small], target: u32, start: &[u32]) -> Option<(Small, Vec<u32>)> {
    let mut seats: Vec<u32> =
        weights.iter().zip(start).map(|(weight, held)| if weight.num == 0 { 0 } else { *held }).collect();
    let mut total: u64 = seats.iter().map(|s| u64::from(*s)).sum();
    let target_total = u64::from(target);
    while total < target_total {
        let (best, _) = extreme_claim(weights, &seats, Claim::Next)??;
        seats[best] += 1;
        total += 1;
    }
    while total > target_total {
        let (worst, _) = extreme_claim(weights, &seats, Claim::Last)??;
        seats[worst] -= 1;
        total -= 1;
    }
    loop {
        let Some(next) = extreme_claim(weights, &seats, Claim::Next)? else {
            // No weight at all: only a target of zero can be met, with any divisor.
            return (target == 0).then_some((Small::ONE, seats));
        };
        let Some(last) = extreme_claim(weights, &seats, Claim::Last)? else {
            // Nothing served: any divisor above the largest claim; the roundest below twice it.
            let high = Small { num: next.1.num.checked_mul(2)?, den: next.1.den };
            return Some((shortest_decimal_between(next.1, high)?, seats));
        };
        match next.1.cmp(last.1) {
            Ordering::Less => return Some((shortest_decimal_between(next.1, last.1)?, seats)),
            Ordering::Equal => return None,
            Ordering::Greater => {
                seats[next.0] += 1;
                seats[last.0] -= 1;
            }
        }
    }
}

/// Which claim of a line [`extreme_claim`] looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Claim {
    /// The largest claim to a next seat, `weight / (seats + 1/2)`.
    Next,
    /// The smallest claim of a seat held, `weight / (seats − 1/2)`.
    Last,
}

/// The extreme claim of the kind asked and whose it is (equal claims: the first); `Some(None)`
/// when there is none, `None` on overflow.
#[allow(clippy::type_complexity)]
fn extreme_claim(weights: &[Small], seats: &[u32], kind: Claim) -> Option<Option<(usize, Small)>> {
    let mut found: Option<(usize, Small)> = None;
    for (index, (weight, held)) in weights.iter().zip(seats).enumerate() {
        if weight.num == 0 || (kind == Claim::Last && *held == 0) {
            continue;
        }
        let odd = match kind {
            Claim::Next => 2 * u128::from(*held) + 1,
            Claim::Last => 2 * u128::from(*held) - 1,
        };
        let claim = Small { num: weight.num.checked_mul(2)?, den: weight.den.checked_mul(odd)? };
        let better = match kind {
            Claim::Next => Ordering::Greater,
            Claim::Last => Ordering::Less,
        };
        if found.is_none_or(|(_, current)| claim.cmp(current) == better) {
            found = Some((index, claim));
        }
    }
    Some(found)
}

/// The outcome of transfer paths.
struct Transferred {
    seats: Vec<Vec<u32>>,
    district_divisors: Vec<Fraction>,
    party_divisors: Vec<Fraction>,
    transfers: u32,
}

/// Each party's seats spread over the districts by standard rounding (district divisors all
/// 1): a matrix that is biproportional for its own row sums, to start transfer paths from.
fn spread_columns(problem: &Problem<'_>) -> Result<Vec<Vec<u32>>, LowerError> {
    let (rows, cols) = (problem.districts(), problem.parties());
    let mut seats = vec![vec![0u32; cols]; rows];
    for party in 0..cols {
        let column: Vec<u64> = (0..rows).map(|district| problem.vote(district, party)).collect();
        let spread = spread_by_standard_rounding(&column, problem.party_seats[party])
            .ok_or_else(|| LowerError::Infeasible { parties: vec![party], districts: Vec::new() })?;
        for (row, seats_here) in seats.iter_mut().zip(spread) {
            row[party] = seats_here;
        }
    }
    Ok(seats)
}

/// Exact shortest transfer paths from `seats`, a matrix with the right column sums that is
/// biproportional for its own row sums. While a district has too many seats, one seat moves
/// along the cheapest path to a district with too few; the path's cost is the product of
/// `votes / (x − 1/2)` for each cell losing a seat and `(x + 1/2) / votes` for each cell
/// gaining one, so the matrix stays biproportional for its row sums at every step. The
/// divisors come from the final shortest-path potentials, then are rounded to the roundest
/// decimals their intervals allow.
fn transfer_paths(problem: &Problem<'_>, mut seats: Vec<Vec<u32>>) -> Result<Transferred, LowerError> {
    let (rows, cols) = (problem.districts(), problem.parties());
    let mut transfers = 0u32;
    loop {
        let excess: Vec<i64> = seats
            .iter()
            .zip(problem.district_seats)
            .map(|(row, target)| i64::from(row.iter().sum::<u32>()) - i64::from(*target))
            .collect();
        if excess.iter().all(|e| *e == 0) {
            break;
        }
        let sources: Vec<usize> = (0..rows).filter(|i| excess[*i] > 0).collect();
        let paths = shortest_paths(problem, &seats, &sources);
        let target = (0..rows)
            .filter(|i| excess[*i] < 0)
            .filter_map(|i| paths.dist[i].as_ref().map(|d| (i, d)))
            .min_by(|a, b| a.1.cmp(b.1))
            .map(|(i, _)| i);
        let Some(target) = target else {
            let short: Vec<usize> = (0..rows).filter(|i| excess[*i] < 0).collect();
            return Err(LowerError::Infeasible { parties: Vec::new(), districts: short });
        };
        // Walk the path back: a column → row edge added a seat, a row → column edge took one.
        // A shortest path visits each node at most once; a longer walk would mean a cycle of
        // predecessors (a defect), reported rather than followed for ever.
        let mut node = target;
        let mut steps = 0;
        while let Some(previous) = paths.pred[node] {
            steps += 1;
            if steps > rows + cols {
                return Err(LowerError::Unverified("a transfer path runs in a cycle".to_owned()));
            }
            if node < rows {
                seats[node][previous - rows] += 1;
            } else {
                seats[previous][node - rows] -= 1;
            }
            node = previous;
        }
        transfers += 1;
    }
    let all: Vec<usize> = (0..rows + cols).collect();
    let potentials = shortest_paths(problem, &seats, &all).dist;
    let mut district_divisors = Vec::with_capacity(rows);
    for distance in &potentials[..rows] {
        let distance = distance.as_ref().map_or_else(|| Fraction::whole(1), Dist::to_fraction);
        let inverse = distance.inverse().ok_or_else(|| LowerError::Unverified("a zero potential".to_owned()))?;
        district_divisors.push(inverse);
    }
    let party_divisors: Vec<Fraction> =
        potentials[rows..].iter().map(|d| d.as_ref().map_or_else(|| Fraction::whole(1), Dist::to_fraction)).collect();
    let (district_divisors, party_divisors) = round_divisors(problem, &seats, district_divisors, party_divisors);
    Ok(Transferred { seats, district_divisors, party_divisors, transfers })
}

/// The divisors made round. Shortest-path potentials put many cells exactly on a rounding
/// boundary, so first each divisor moves to the middle of the interval the other side's
/// divisors allow it (districts, parties, districts again); then each party's divisor becomes
/// the roundest decimal strictly inside its interval, then each district's likewise. A divisor whose interval is a single point (a
/// tie) stays as it is; if the new divisors did not verify (they always should), the exact
/// ones are kept.
fn round_divisors(
    problem: &Problem<'_>,
    seats: &[Vec<u32>],
    districts: Vec<Fraction>,
    parties: Vec<Fraction>,
) -> (Vec<Fraction>, Vec<Fraction>) {
    let mut new_d = districts.clone();
    let mut new_e = parties.clone();
    // Middles first, until no line is pinned by tight cells on both sides; then round numbers.
    let steps = [
        (Line::District, Pick::Middle),
        (Line::Party, Pick::Middle),
        (Line::District, Pick::Middle),
        (Line::Party, Pick::Roundest),
        (Line::District, Pick::Roundest),
    ];
    for (line, pick) in steps {
        match line {
            Line::District => {
                for (district, divisor) in new_d.iter_mut().enumerate() {
                    let cells: Vec<(u64, u32, &Fraction)> = (0..problem.parties())
                        .map(|party| (problem.vote(district, party), seats[district][party], &new_e[party]))
                        .collect();
                    if let Some(better) = pick_inside(&cells, pick) {
                        *divisor = better;
                    }
                }
            }
            Line::Party => {
                for (party, divisor) in new_e.iter_mut().enumerate() {
                    let cells: Vec<(u64, u32, &Fraction)> = (0..problem.districts())
                        .map(|district| (problem.vote(district, party), seats[district][party], &new_d[district]))
                        .collect();
                    if let Some(better) = pick_inside(&cells, pick) {
                        *divisor = better;
                    }
                }
            }
        }
    }
    if verify(problem, seats, &new_d, &new_e).is_ok() { (new_d, new_e) } else { (districts, parties) }
}

/// A row (district) or a column (party) of the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    District,
    Party,
}

/// Which divisor of an interval to take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pick {
    /// The midpoint, exactly.
    Middle,
    /// The decimal with the fewest significant digits strictly inside.
    Roundest,
}

/// For one line of cells `(votes, seats, other divisor)`: a divisor `t` with every
/// `votes / (t × other)` strictly inside `(seats − 1/2, seats + 1/2)`, as `pick` says; `None`
/// when the interval is a point or empty.
fn pick_inside(cells: &[(u64, u32, &Fraction)], pick: Pick) -> Option<Fraction> {
    if let Some(found) = interval_small(cells) {
        let (low, high) = found?;
        let picked = match pick {
            // (a/b + c/d) / 2 = (ad + cb) / 2bd
            Pick::Middle => low.num.checked_mul(high.den).and_then(|ad| {
                let cb = high.num.checked_mul(low.den)?;
                Some(Small { num: ad.checked_add(cb)?, den: low.den.checked_mul(high.den)?.checked_mul(2)? })
            }),
            Pick::Roundest => shortest_decimal_between(low, high),
        };
        if let Some(picked) = picked {
            return Some(picked.reduced().to_fraction());
        }
    }
    let (low, high) = interval_big(cells)?;
    match pick {
        Pick::Middle => {
            Some(Fraction::of(low.num() * high.den() + high.num() * low.den(), low.den() * high.den() * 2u32).reduced())
        }
        Pick::Roundest => shortest_decimal_between_big(&low, &high),
    }
}

/// The open interval of [`interval_big`] in `u128`s: `Some(None)` when it is a point or empty,
/// `None` when a number does not fit.
fn interval_small(cells: &[(u64, u32, &Fraction)]) -> Option<Option<(Small, Small)>> {
    let mut low: Option<Small> = None;
    let mut high: Option<Small> = None;
    for (votes, held, other) in cells {
        if *votes == 0 {
            continue;
        }
        let other = other.to_small()?;
        let twice = (u128::from(*votes) * 2).checked_mul(other.den)?;
        let bound = Small { num: twice, den: other.num.checked_mul(2 * u128::from(*held) + 1)? };
        if low.is_none_or(|current| bound.cmp(current) == Ordering::Greater) {
            low = Some(bound);
        }
        if *held > 0 {
            let bound = Small { num: twice, den: other.num.checked_mul(2 * u128::from(*held) - 1)? };
            if high.is_none_or(|current| bound.cmp(current) == Ordering::Less) {
                high = Some(bound);
            }
        }
    }
    let Some(low) = low else { return Some(None) };
    let high = match high {
        Some(high) => high,
        None => Small { num: low.num.checked_mul(2)?, den: low.den },
    };
    if low.cmp(high) != Ordering::Less {
        return Some(None);
    }
    Some(Some((low, high)))
}

/// The open interval of divisors a line allows, with unbounded fractions (no seat held: up
/// to twice the lower end); `None` when it is a point or empty.
fn interval_big(cells: &[(u64, u32, &Fraction)]) -> Option<(Fraction, Fraction)> {
    let mut low: Option<Fraction> = None;
    let mut high: Option<Fraction> = None;
    for (votes, held, other) in cells {
        if *votes == 0 {
            continue;
        }
        let twice = BigUint::from(*votes) * 2u32;
        // t > 2v / (other (2x + 1))
        let bound = Fraction::of(&twice * other.den(), other.num() * BigUint::from(2 * u64::from(*held) + 1));
        if low.as_ref().is_none_or(|current| bound > *current) {
            low = Some(bound);
        }
        if *held > 0 {
            // t < 2v / (other (2x − 1))
            let bound = Fraction::of(&twice * other.den(), other.num() * BigUint::from(2 * u64::from(*held) - 1));
            if high.as_ref().is_none_or(|current| bound < *current) {
                high = Some(bound);
            }
        }
    }
    let low = low?;
    let high = high.unwrap_or_else(|| low.times(&Fraction::whole(2)));
    (low < high).then_some((low, high))
}

/// `seats` spread over `votes` by standard rounding (a plain divisor 1 per row; equal claims
/// go to the first); `None` when seats are due and no vote is positive.
fn spread_by_standard_rounding(votes: &[u64], seats_due: u32) -> Option<Vec<u32>> {
    let mut seats = vec![0u32; votes.len()];
    for _ in 0..seats_due {
        let mut best: Option<usize> = None;
        for (index, vote) in votes.iter().enumerate() {
            if *vote == 0 {
                continue;
            }
            let beats = best.is_none_or(|current| {
                // 2v / (2s + 1), compared exactly.
                crate::exact::cmp_products(
                    u128::from(*vote),
                    2 * u128::from(seats[current]) + 1,
                    u128::from(votes[current]),
                    2 * u128::from(seats[index]) + 1,
                ) == Ordering::Greater
            });
            if beats {
                best = Some(index);
            }
        }
        seats[best?] += 1;
    }
    Some(seats)
}

/// A path's product of factors: `u128`s while they hold it, unbounded after.
#[derive(Debug, Clone)]
enum Dist {
    Small(Small),
    Big(Fraction),
}

impl Dist {
    const ONE: Dist = Dist::Small(Small::ONE);

    /// `self × num / den`.
    fn times(&self, num: u128, den: u128) -> Dist {
        if let Dist::Small(small) = self {
            if let (Some(n), Some(d)) = (small.num.checked_mul(num), small.den.checked_mul(den)) {
                return Dist::Small(Small { num: n, den: d });
            }
            // Reduce, then try once more before going unbounded.
            let Small { num: n, den: d } = small.reduced();
            if let (Some(n), Some(d)) = (n.checked_mul(num), d.checked_mul(den)) {
                return Dist::Small(Small { num: n, den: d });
            }
        }
        Dist::Big(self.to_fraction().times(&Fraction::of(BigUint::from(num), BigUint::from(den))).reduced())
    }

    fn to_fraction(&self) -> Fraction {
        match self {
            Dist::Small(small) => small.to_fraction(),
            Dist::Big(big) => big.clone(),
        }
    }

    fn cmp(&self, other: &Dist) -> Ordering {
        match (self, other) {
            (Dist::Small(a), Dist::Small(b)) => a.cmp(*b),
            _ => self.to_fraction().cmp(&other.to_fraction()),
        }
    }
}

/// Shortest-path distances (products of factors) and predecessors over the residual graph:
/// nodes `0..rows` are districts, `rows..rows + cols` parties.
struct Paths {
    dist: Vec<Option<Dist>>,
    pred: Vec<Option<usize>>,
}

/// Bellman–Ford from `sources` (distance 1) with multiplicative exact weights: district `i` →
/// party `j` takes a seat from cell `(i, j)` (factor `2v / (2x − 1)`, needs `x ≥ 1`), party `j`
/// → district `k` gives one to `(k, j)` (factor `(2x + 1) / 2v`, needs `v > 0`). The matrix is
/// biproportional for its own margins, so no cycle has a product below 1.
fn shortest_paths(problem: &Problem<'_>, seats: &[Vec<u32>], sources: &[usize]) -> Paths {
    let (rows, cols) = (problem.districts(), problem.parties());
    let mut dist: Vec<Option<Dist>> = vec![None; rows + cols];
    let mut pred = vec![None; rows + cols];
    for source in sources {
        dist[*source] = Some(Dist::ONE);
    }
    for _ in 0..rows + cols {
        let mut changed = false;
        for (district, row) in seats.iter().enumerate() {
            let Some(from) = dist[district].clone() else { continue };
            for (party, held) in row.iter().copied().enumerate() {
                if held == 0 {
                    continue;
                }
                let vote = u128::from(problem.vote(district, party));
                let candidate = from.times(2 * vote, 2 * u128::from(held) - 1);
                changed |= relax(&mut dist, &mut pred, district, rows + party, candidate);
            }
        }
        for party in 0..cols {
            let Some(from) = dist[rows + party].clone() else { continue };
            for (district, row) in seats.iter().enumerate() {
                let vote = u128::from(problem.vote(district, party));
                if vote == 0 {
                    continue;
                }
                let candidate = from.times(2 * u128::from(row[party]) + 1, 2 * vote);
                changed |= relax(&mut dist, &mut pred, rows + party, district, candidate);
            }
        }
        if !changed {
            break;
        }
    }
    Paths { dist, pred }
}

fn relax(dist: &mut [Option<Dist>], pred: &mut [Option<usize>], from: usize, to: usize, candidate: Dist) -> bool {
    if dist[to].as_ref().is_some_and(|current| candidate.cmp(current) != Ordering::Less) {
        return false;
    }
    dist[to] = Some(candidate);
    pred[to] = Some(from);
    true
}

/// Where a cell's quotient sits exactly on a rounding boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Boundary {
    /// `votes / (d × e) = x + 1/2`: the cell could round up.
    Up,
    /// `votes / (d × e) = x − 1/2`: the cell could round down.
    Down,
}

/// Checks exactly that the margins hold and that every cell is a standard rounding of its
/// quotient; returns the cells on a boundary. An `Err` names the first failure.
pub(crate) fn verify(
    problem: &Problem<'_>,
    seats: &[Vec<u32>],
    district_divisors: &[Fraction],
    party_divisors: &[Fraction],
) -> Result<Vec<(usize, usize, Boundary)>, String> {
    let mut boundary = Vec::new();
    for (district, row) in seats.iter().enumerate() {
        if row.iter().sum::<u32>() != problem.district_seats[district] {
            return Err(format!("district {} has the wrong number of seats", district + 1));
        }
        for (party, held) in row.iter().enumerate() {
            let vote = problem.vote(district, party);
            let (d, e) = (&district_divisors[district], &party_divisors[party]);
            let (up, down) = match cell_position_small(vote, *held, d, e) {
                Some(position) => position,
                None => cell_position_big(vote, *held, d, e),
            };
            match up {
                Ordering::Greater => return Err(format!("cell ({}, {}) should round up", district + 1, party + 1)),
                Ordering::Equal => boundary.push((district, party, Boundary::Up)),
                Ordering::Less => {}
            }
            match down {
                Ordering::Less => return Err(format!("cell ({}, {}) should round down", district + 1, party + 1)),
                Ordering::Equal => boundary.push((district, party, Boundary::Down)),
                Ordering::Greater => {}
            }
        }
    }
    for party in 0..problem.parties() {
        if column_sum(seats, party) != problem.party_seats[party] {
            return Err(format!("party {} has the wrong number of seats", party + 1));
        }
    }
    Ok(boundary)
}

/// How `2q` (with `q = v / (d e)`) compares with `2x + 1` and with `2x − 1` (`Greater` for the
/// latter when `x = 0`), in `u128`s; `None` when a product does not fit.
fn cell_position_small(vote: u64, held: u32, d: &Fraction, e: &Fraction) -> Option<(Ordering, Ordering)> {
    let (d, e) = (d.to_small()?, e.to_small()?);
    let numerator = u128::from(vote) * 2;
    let scale = d.den.checked_mul(e.den)?;
    let denominator = d.num.checked_mul(e.num)?;
    let up = crate::exact::cmp_products(numerator, scale, 2 * u128::from(held) + 1, denominator);
    let down = if held == 0 {
        Ordering::Greater
    } else {
        crate::exact::cmp_products(numerator, scale, 2 * u128::from(held) - 1, denominator)
    };
    Some((up, down))
}

/// [`cell_position_small`] with unbounded integers.
fn cell_position_big(vote: u64, held: u32, d: &Fraction, e: &Fraction) -> (Ordering, Ordering) {
    let twice_numerator = BigUint::from(vote) * d.den() * e.den() * 2u32;
    let denominator = d.num() * e.num();
    let up = twice_numerator.cmp(&(&denominator * BigUint::from(2 * u64::from(held) + 1)));
    let down = if held == 0 {
        Ordering::Greater
    } else {
        twice_numerator.cmp(&(&denominator * BigUint::from(2 * u64::from(held) - 1)))
    };
    (up, down)
}

/// Ties: boundary cells on a cycle (an "up" cell leads from its district to its party, a
/// "down" cell from its party to its district; moving one seat around a cycle keeps both
/// margins). Grouped by strongly connected component.
fn ties_from_boundary(
    problem: &Problem<'_>,
    seats: &[Vec<u32>],
    boundary: &[(usize, usize, Boundary)],
) -> Vec<MatrixTie> {
    if boundary.is_empty() {
        return Vec::new();
    }
    let rows = problem.districts();
    let nodes = rows + problem.parties();
    let edge = |&(district, party, side): &(usize, usize, Boundary)| match side {
        Boundary::Up => (district, rows + party),
        Boundary::Down => (rows + party, district),
    };
    let mut adjacency = vec![Vec::new(); nodes];
    for cell in boundary {
        let (from, to) = edge(cell);
        adjacency[from].push(to);
    }
    let reach: Vec<Vec<bool>> = (0..nodes).map(|start| reachable(&adjacency, start)).collect();
    // A component is named by its least node.
    let component = |node: usize| (0..nodes).find(|other| reach[node][*other] && reach[*other][node]).unwrap_or(node);
    let mut groups: Vec<(usize, MatrixTie)> = Vec::new();
    for cell in boundary {
        let (from, to) = edge(cell);
        if !reach[to][from] {
            continue;
        }
        let (district, party, side) = *cell;
        let held = seats[district][party];
        let other = match side {
            Boundary::Up => held + 1,
            Boundary::Down => held - 1,
        };
        let tied = TiedCell { district, party, seats: held, other };
        let name = component(from);
        match groups.iter_mut().find(|(id, _)| *id == name) {
            Some((_, tie)) => tie.cells.push(tied),
            None => groups.push((name, MatrixTie { cells: vec![tied] })),
        }
    }
    groups.into_iter().map(|(_, tie)| tie).collect()
}

fn reachable(adjacency: &[Vec<usize>], start: usize) -> Vec<bool> {
    let mut seen = vec![false; adjacency.len()];
    let mut stack = vec![start];
    seen[start] = true;
    while let Some(node) = stack.pop() {
        for next in &adjacency[node] {
            if !seen[*next] {
                seen[*next] = true;
                stack.push(*next);
            }
        }
    }
    seen
}
