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

use super::fraction::{Fraction, Small, shortest_decimal_between};

/// Alternating scaling gives up after this many passes (rows or columns) and hands over to
/// transfer paths.
const MAX_SCALING_PASSES: u32 = 64;

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

/// How the lower apportionment was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum LowerMethod {
    /// Alternating scaling settled after this many passes over the districts or the parties.
    AlternatingScaling { passes: u32 },
    /// Alternating scaling did not settle (a tie, or too many passes); this many seats were
    /// moved along exact shortest transfer paths.
    TransferPaths { transfers: u32 },
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
    /// No matrix gives seats only where there are votes and meets both margins.
    #[error(
        "no seat matrix meets both the district seats and the party seats with seats only where a party has votes \
         ({detail})"
    )]
    Infeasible { detail: String },
    /// The matrix found failed its exact check: a defect of this program, reported, not hidden.
    #[error("internal check failed: the seat matrix does not verify against its divisors ({0})")]
    Unverified(String),
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
    let (seats, district_divisors, party_divisors, method) = match alternating_scaling(problem) {
        Some(found) => {
            let district = found.district_divisors.iter().map(|d| d.to_fraction()).collect();
            let party = found.party_divisors.iter().map(|e| e.to_fraction()).collect();
            (found.seats, district, party, LowerMethod::AlternatingScaling { passes: found.passes })
        }
        None => {
            let found = transfer_paths(problem)?;
            (
                found.seats,
                found.district_divisors,
                found.party_divisors,
                LowerMethod::TransferPaths { transfers: found.transfers },
            )
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

/// Alternating scaling with round decimal divisors; `None` when it meets a tie, a number too
/// large for 128 bits, or does not settle within [`MAX_SCALING_PASSES`].
fn alternating_scaling(problem: &Problem<'_>) -> Option<Scaled> {
    let (rows, cols) = (problem.districts(), problem.parties());
    let mut district_divisors = vec![Small::ONE; rows];
    let mut party_divisors = vec![Small::ONE; cols];
    let mut seats = vec![vec![0u32; cols]; rows];
    let mut weights = Vec::with_capacity(rows.max(cols));
    let mut passes = 0;
    while passes < MAX_SCALING_PASSES {
        passes += 1;
        for (district, row) in seats.iter_mut().enumerate() {
            weights.clear();
            for (party, divisor) in party_divisors.iter().enumerate() {
                let vote = u128::from(problem.vote(district, party));
                weights.push(Small { num: vote.checked_mul(divisor.den)?, den: divisor.num });
            }
            let (divisor, row_seats) = vector_step(&weights, problem.district_seats[district])?;
            district_divisors[district] = divisor;
            row.copy_from_slice(&row_seats);
        }
        if (0..cols).all(|party| column_sum(&seats, party) == problem.party_seats[party]) {
            return Some(Scaled { seats, district_divisors, party_divisors, passes });
        }
        passes += 1;
        for party in 0..cols {
            weights.clear();
            for (district, divisor) in district_divisors.iter().enumerate() {
                let vote = u128::from(problem.vote(district, party));
                weights.push(Small { num: vote.checked_mul(divisor.den)?, den: divisor.num });
            }
            let (divisor, column_seats) = vector_step(&weights, problem.party_seats[party])?;
            party_divisors[party] = divisor;
            for (row, seats_here) in seats.iter_mut().zip(column_seats) {
                row[party] = seats_here;
            }
        }
        if seats.iter().zip(problem.district_seats).all(|(row, target)| row.iter().sum::<u32>() == *target) {
            return Some(Scaled { seats, district_divisors, party_divisors, passes });
        }
    }
    None
}

fn column_sum(seats: &[Vec<u32>], party: usize) -> u32 {
    seats.iter().map(|row| row[party]).sum()
}

/// One vector apportionment by standard rounding: `target` seats among `weights`, with a
/// divisor strictly between the last claim served and the first claim left out (so no weight
/// sits on a rounding boundary). `None` when those two claims are equal (a tie), when no weight
/// is positive but seats are due, or when a number overflows.
fn vector_step(weights: &[Small], target: u32) -> Option<(Small, Vec<u32>)> {
    let mut seats = vec![0u32; weights.len()];
    let mut last_served = None;
    for _ in 0..target {
        let (best, claim) = best_claim(weights, &seats)??;
        seats[best] += 1;
        last_served = Some(claim);
    }
    let Some(first_left_out) = best_claim(weights, &seats)? else {
        // No weight at all: only a target of zero can be met, with any divisor.
        return (target == 0).then_some((Small::ONE, seats));
    };
    let high = match last_served {
        Some(claim) => claim,
        // Nothing to serve: any divisor above the largest claim; the roundest below twice it.
        None => Small { num: first_left_out.1.num.checked_mul(2)?, den: first_left_out.1.den },
    };
    if high.cmp(first_left_out.1) != Ordering::Greater {
        return None;
    }
    Some((shortest_decimal_between(first_left_out.1, high)?, seats))
}

/// The largest claim `weight / (seats + 1/2)` and whose it is: `Some(None)` when no weight is
/// positive, `None` on overflow. Equal claims go to the first.
#[allow(clippy::type_complexity)]
fn best_claim(weights: &[Small], seats: &[u32]) -> Option<Option<(usize, Small)>> {
    let mut best: Option<(usize, Small)> = None;
    for (index, (weight, held)) in weights.iter().zip(seats).enumerate() {
        if weight.num == 0 {
            continue;
        }
        let claim = Small { num: weight.num.checked_mul(2)?, den: weight.den.checked_mul(2 * u128::from(*held) + 1)? };
        if best.is_none_or(|(_, current)| claim.cmp(current) == Ordering::Greater) {
            best = Some((index, claim));
        }
    }
    Some(best)
}

/// The outcome of transfer paths.
struct Transferred {
    seats: Vec<Vec<u32>>,
    district_divisors: Vec<Fraction>,
    party_divisors: Vec<Fraction>,
    transfers: u32,
}

/// Exact shortest transfer paths. Start: each party's seats spread over the districts by
/// standard rounding (district divisors all 1), a matrix that is already biproportional for
/// its own row sums. Then, while a district has too many seats, one seat moves along the
/// cheapest path to a district with too few; the path's cost is the product of
/// `votes / (x − 1/2)` for each cell losing a seat and `(x + 1/2) / votes` for each cell
/// gaining one, so the matrix stays biproportional for its row sums at every step.
fn transfer_paths(problem: &Problem<'_>) -> Result<Transferred, LowerError> {
    let (rows, cols) = (problem.districts(), problem.parties());
    let mut seats = vec![vec![0u32; cols]; rows];
    for party in 0..cols {
        let column: Vec<u64> = (0..rows).map(|district| problem.vote(district, party)).collect();
        let spread =
            spread_by_standard_rounding(&column, problem.party_seats[party]).ok_or_else(|| LowerError::Infeasible {
                detail: format!("party {} is due {} seats but has no votes", party + 1, problem.party_seats[party]),
            })?;
        for (row, seats_here) in seats.iter_mut().zip(spread) {
            row[party] = seats_here;
        }
    }
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
            let short: Vec<String> = (0..rows).filter(|i| excess[*i] < 0).map(|i| (i + 1).to_string()).collect();
            return Err(LowerError::Infeasible {
                detail: format!("district(s) {} cannot be given enough seats", short.join(", ")),
            });
        };
        // Walk the path back: a column → row edge added a seat, a row → column edge took one.
        let mut node = target;
        while let Some(previous) = paths.pred[node] {
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
    let potentials = shortest_paths_from_all(problem, &seats, &all);
    let mut district_divisors = Vec::with_capacity(rows);
    for distance in &potentials[..rows] {
        let inverse = distance.inverse().ok_or_else(|| LowerError::Unverified("a zero potential".to_owned()))?;
        district_divisors.push(inverse);
    }
    let party_divisors = potentials[rows..].to_vec();
    Ok(Transferred { seats, district_divisors, party_divisors, transfers })
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

/// Shortest-path distances (products of factors) and predecessors over the residual graph:
/// nodes `0..rows` are districts, `rows..rows + cols` parties.
struct Paths {
    dist: Vec<Option<Fraction>>,
    pred: Vec<Option<usize>>,
}

/// Bellman–Ford from `sources` (distance 1) with multiplicative exact weights: district `i` →
/// party `j` takes a seat from cell `(i, j)` (factor `2v / (2x − 1)`, needs `x ≥ 1`), party `j`
/// → district `k` gives one to `(k, j)` (factor `(2x + 1) / 2v`, needs `v > 0`). The matrix is
/// biproportional for its own margins, so no cycle has a product below 1.
fn shortest_paths(problem: &Problem<'_>, seats: &[Vec<u32>], sources: &[usize]) -> Paths {
    let (rows, cols) = (problem.districts(), problem.parties());
    let mut dist: Vec<Option<Fraction>> = vec![None; rows + cols];
    let mut pred = vec![None; rows + cols];
    for source in sources {
        dist[*source] = Some(Fraction::whole(1));
    }
    for _ in 0..rows + cols {
        let mut changed = false;
        for (district, row) in seats.iter().enumerate() {
            let Some(from) = dist[district].clone() else { continue };
            for (party, held) in row.iter().copied().enumerate() {
                if held == 0 {
                    continue;
                }
                let vote = problem.vote(district, party);
                let factor = Fraction::of(BigUint::from(vote) * 2u32, BigUint::from(2 * held - 1));
                changed |= relax(&mut dist, &mut pred, district, rows + party, &from, &factor);
            }
        }
        for party in 0..cols {
            let Some(from) = dist[rows + party].clone() else { continue };
            for (district, row) in seats.iter().enumerate() {
                let vote = problem.vote(district, party);
                if vote == 0 {
                    continue;
                }
                let held = row[party];
                let factor = Fraction::of(BigUint::from(2 * u64::from(held) + 1), BigUint::from(vote) * 2u32);
                changed |= relax(&mut dist, &mut pred, rows + party, district, &from, &factor);
            }
        }
        if !changed {
            break;
        }
    }
    Paths { dist, pred }
}

/// Distances from a virtual source joined to every node with factor 1: the potentials that
/// become the divisors (district `i`: `1 / dist`, party `j`: `dist`).
fn shortest_paths_from_all(problem: &Problem<'_>, seats: &[Vec<u32>], all: &[usize]) -> Vec<Fraction> {
    let paths = shortest_paths(problem, seats, all);
    paths.dist.into_iter().map(|d| d.unwrap_or_else(|| Fraction::whole(1))).collect()
}

fn relax(
    dist: &mut [Option<Fraction>],
    pred: &mut [Option<usize>],
    from: usize,
    to: usize,
    from_dist: &Fraction,
    factor: &Fraction,
) -> bool {
    let candidate = from_dist.times(factor);
    if dist[to].as_ref().is_some_and(|current| candidate >= *current) {
        return false;
    }
    dist[to] = Some(candidate.reduced());
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
            let vote = BigUint::from(problem.vote(district, party));
            let (d, e) = (&district_divisors[district], &party_divisors[party]);
            // q = v / (d e) = (v · d.den · e.den) / (d.num · e.num); compare 2q with 2x ± 1.
            let twice_numerator = vote * d.den() * e.den() * 2u32;
            let denominator = d.num() * e.num();
            let upper = &denominator * BigUint::from(2 * u64::from(*held) + 1);
            match twice_numerator.cmp(&upper) {
                Ordering::Greater => return Err(format!("cell ({}, {}) should round up", district + 1, party + 1)),
                Ordering::Equal => boundary.push((district, party, Boundary::Up)),
                Ordering::Less => {}
            }
            if *held == 0 {
                continue;
            }
            let lower = &denominator * BigUint::from(2 * u64::from(*held) - 1);
            match twice_numerator.cmp(&lower) {
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
