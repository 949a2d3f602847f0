//! The conditions under which a seat vector is what a method gives, as linear rows in the
//! votes: largest remainder with a quota `T/(S+k)` (whole quotas and remainder contests) and
//! divisor methods with rational divisors (last seat won against next seat claimed).

use maslihat_apportion::{Divisor, Method, Quota};

use super::simplex::Row;
use super::{OutcomeError, TieMode};

/// A method in the form the exact conditions need.
#[derive(Debug, Clone)]
pub(crate) enum Exact {
    /// Largest remainder with the quota `T / (S + extra)`.
    Remainder { extra: u32 },
    /// A divisor method; `divisors[s]` is `d(s)` as `(num, den)`, for `s` up to the house.
    Divisor { divisors: Vec<(i128, i128)> },
}

/// The exact form of `method` for a house of `house` seats, or why there is none.
pub(crate) fn exact_form(method: &Method, house: u32) -> Result<Exact, OutcomeError> {
    let not_exact = |reason: &'static str| OutcomeError::NotExact { method: method.name(), reason };
    match method {
        Method::LargestRemainder(Quota::Hare) => Ok(Exact::Remainder { extra: 0 }),
        Method::LargestRemainder(Quota::HagenbachBischoff) => Ok(Exact::Remainder { extra: 1 }),
        Method::LargestRemainder(Quota::Imperiali) => Ok(Exact::Remainder { extra: 2 }),
        Method::LargestRemainder(Quota::Droop) => Err(not_exact(
            "the Droop quota floor(V/(S+1))+1 is not a linear function of the votes, so its seat conditions are \
             not linear rows",
        )),
        Method::Divisor(Divisor::PowerMean(maslihat_apportion::PowerMean::Whole(p))) if !matches!(p, 1 | -1) => {
            Err(not_exact(
                "the power-mean divisors ((s^p+(s+1)^p)/2)^(1/p) are irrational for this p, so its seat conditions \
                 are not linear rows with rational coefficients",
            ))
        }
        Method::Divisor(Divisor::HuntingtonHill) => Err(not_exact(
            "Huntington-Hill's divisors √(s(s+1)) are irrational, so its seat conditions are not linear rows with \
             rational coefficients",
        )),
        Method::Divisor(divisor) => {
            let divisors = (0..=house)
                .map(|s| divisor_ratio(divisor, s))
                .collect::<Option<Vec<_>>>()
                .ok_or(OutcomeError::TooLarge { context: "a divisor of the method" })?;
            Ok(Exact::Divisor { divisors })
        }
    }
}

/// `d(s)` as `(num, den)`: the core's own divisor (`None` for Huntington–Hill).
fn divisor_ratio(divisor: &Divisor, seats: u32) -> Option<(i128, i128)> {
    let (num, den) = divisor.divisor(seats)?;
    Some((i128::try_from(num).ok()?, i128::try_from(den).ok()?))
}

/// The participants of a candidate: their list indices (ascending) and vote weights.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Participants {
    pub lists: Vec<usize>,
    /// Each participant's weight on its votes (1; 10 and 7 under the coefficient reading).
    pub weights: Vec<i128>,
    /// The number of variables of the problem.
    pub vars: usize,
}

impl Participants {
    /// The weighted votes of participant `p`, as a row of coefficients.
    pub fn weight(&self, p: usize) -> Vec<i128> {
        let mut coef = vec![0; self.vars];
        coef[self.lists[p]] = self.weights[p];
        coef
    }

    /// The weighted total `T`.
    pub fn total(&self) -> Vec<i128> {
        let mut coef = vec![0; self.vars];
        for (list, weight) in self.lists.iter().zip(&self.weights) {
            coef[*list] = *weight;
        }
        coef
    }
}

/// `a·x + b·y` for coefficient rows.
pub(crate) fn combine(a: i128, x: &[i128], b: i128, y: &[i128]) -> Vec<i128> {
    x.iter().zip(y).map(|(x, y)| a * x + b * y).collect()
}

/// `winner ≥ loser` as a contest: a tie is allowed when the tie mode lets the winner have it.
pub(crate) fn contest(difference: Vec<i128>, winner: usize, loser: usize, mode: TieMode) -> Row {
    let tie_allowed = match mode {
        TieMode::Registration => winner < loser,
        TieMode::Forbid => false,
        TieMode::Any => true,
    };
    Row::at_least_zero(difference, !tie_allowed)
}

/// The whole quotas `h` and the final seats of a largest-remainder candidate.
#[derive(Debug, Clone)]
pub(crate) struct RemainderCandidate {
    pub whole: Vec<u32>,
    pub seats: Vec<u32>,
}

impl RemainderCandidate {
    /// The two sides of its remainder contests, each in list order: the lists that won a
    /// remainder seat and those that did not; or, with whole quotas above the house, the
    /// holders that kept their seat in the partial round and those that gave one back. Every
    /// list of the first side beats every list of the second.
    pub(crate) fn contest_sides(&self, house: u32) -> (Vec<usize>, Vec<usize>) {
        let n = self.whole.len();
        let given: u32 = self.whole.iter().sum();
        if given <= house {
            return (0..n).partition(|p| self.seats[*p] > self.whole[*p]);
        }
        let after = after_full_withdrawals(&self.whole, house);
        let keepers = (0..n).filter(|p| after[*p] > 0 && self.seats[*p] == after[*p]).collect();
        let givers = (0..n).filter(|p| self.seats[*p] < after[*p]).collect();
        (keepers, givers)
    }
}

/// Every whole-quota vector `h` (within `ranges`) from which the core's largest-remainder
/// procedure can end at `seats`.
pub(crate) fn whole_quota_options(
    seats: &[u32],
    ranges: &[(u32, u32)],
    house: u32,
    extra: u32,
) -> Vec<RemainderCandidate> {
    let options: Vec<Vec<u32>> = seats
        .iter()
        .zip(ranges)
        .map(|(a, (lo, hi))| {
            (a.saturating_sub(1)..=a + 2).filter(|h| (*lo..=*hi).contains(h) && *h + 1 >= *a).collect()
        })
        .collect();
    let mut found = Vec::new();
    let mut whole = Vec::with_capacity(seats.len());
    walk_options(&options, &mut whole, &mut |whole| {
        if ends_at(whole, seats, house, extra) {
            found.push(RemainderCandidate { whole: whole.to_vec(), seats: seats.to_vec() });
        }
    });
    found
}

fn walk_options(options: &[Vec<u32>], prefix: &mut Vec<u32>, visit: &mut dyn FnMut(&[u32])) {
    let Some(first) = options.get(prefix.len()) else {
        visit(prefix);
        return;
    };
    for value in first {
        prefix.push(*value);
        walk_options(options, prefix, visit);
        prefix.pop();
    }
}

/// Whether the seat changes from `whole` to `seats` are the shape the core's procedure
/// takes: one remainder seat each to some lists, or (whole quotas above the house) whole
/// rounds taken back from every holder and then one seat each from some holders.
fn ends_at(whole: &[u32], seats: &[u32], house: u32, extra: u32) -> bool {
    let given: u32 = whole.iter().sum();
    if given > house + extra {
        return false;
    }
    if given <= house {
        return whole.iter().zip(seats).all(|(h, a)| *a == *h || *a == h + 1);
    }
    let after = after_full_withdrawals(whole, house);
    after.iter().zip(seats).all(|(h, a)| *a == *h || (*h > 0 && *a + 1 == *h))
}

/// The seats after the rounds in which every holder gives back one seat, while the excess is
/// at least the number of holders; the partial round is left to the remainders.
pub(crate) fn after_full_withdrawals(whole: &[u32], house: u32) -> Vec<u32> {
    let mut seats = whole.to_vec();
    let mut excess = seats.iter().sum::<u32>().saturating_sub(house);
    loop {
        let holders = seats.iter().filter(|s| **s > 0).count() as u32;
        if excess == 0 || excess < holders || holders == 0 {
            return seats;
        }
        for s in seats.iter_mut().filter(|s| **s > 0) {
            *s -= 1;
        }
        excess -= holders;
    }
}

/// The rows of a largest-remainder candidate.
pub(crate) fn remainder_rows(
    parts: &Participants,
    candidate: &RemainderCandidate,
    house: u32,
    extra: u32,
    mode: TieMode,
) -> Vec<Row> {
    let k = i128::from(house + extra);
    let total = parts.total();
    let n = parts.lists.len();
    let remainder: Vec<Vec<i128>> =
        (0..n).map(|p| combine(k, &parts.weight(p), -i128::from(candidate.whole[p]), &total)).collect();
    let mut rows = Vec::new();
    for (p, rem) in remainder.iter().enumerate() {
        let h = i128::from(candidate.whole[p]);
        rows.push(Row::at_least_zero(rem.clone(), false));
        rows.push(Row::at_least_zero(combine(h + 1, &total, -k, &parts.weight(p)), true));
    }
    let lists = &parts.lists;
    let (winners, losers) = candidate.contest_sides(house);
    for &w in &winners {
        for &l in &losers {
            rows.push(contest(combine(1, &remainder[w], -1, &remainder[l]), lists[w], lists[l], mode));
        }
    }
    rows
}

/// The rows of a divisor candidate: every seated list's last seat beats every list's next claim.
pub(crate) fn divisor_rows(parts: &Participants, seats: &[u32], divisors: &[(i128, i128)], mode: TieMode) -> Vec<Row> {
    let n = parts.lists.len();
    let lists = &parts.lists;
    let mut rows = Vec::new();
    for p in (0..n).filter(|p| seats[*p] > 0) {
        rows.push(Row::at_least_zero(parts.weight(p), true));
        let (last_num, last_den) = divisors[seats[p] as usize - 1];
        for q in (0..n).filter(|q| *q != p) {
            let Some(&(next_num, next_den)) = divisors.get(seats[q] as usize) else { continue };
            match (last_num == 0, next_num == 0) {
                // Both claims infinite: ranked by weight.
                (true, true) => {
                    rows.push(contest(combine(1, &parts.weight(p), -1, &parts.weight(q)), lists[p], lists[q], mode))
                }
                // An infinite last seat beats any finite claim.
                (true, false) => {}
                // A finite last seat against an infinite claim: the other list has no votes.
                (false, true) => {
                    rows.push(Row::at_least_zero(combine(-1, &parts.weight(q), 0, &parts.weight(q)), false))
                }
                (false, false) => rows.push(contest(
                    combine(last_den * next_num, &parts.weight(p), -(next_den * last_num), &parts.weight(q)),
                    lists[p],
                    lists[q],
                    mode,
                )),
            }
        }
    }
    rows
}
