//! Paradox and quota checks: the quota rule, the Alabama paradox, the population paradox and
//! the new-list (new-states) paradox, each finding naming the lists and the numbers.
//!
//! - **Quota rule**: a list's exact quota is `house × votes ÷ participating votes`, over the
//!   lists that take part (reached the threshold or were admitted as runner-up); it should get
//!   its quota rounded down (lower quota) or up (upper quota). Compared exactly.
//! - **Alabama paradox**: allocating `house − 1`, `house` and `house + 1` seats; a list that
//!   holds fewer seats in the larger house.
//! - **Population paradox**: the observed counts against a second set of counts for the same
//!   lists and house: a list whose votes grew faster (as a ratio, compared exactly) loses a seat
//!   while a slower-growing list gains one.
//! - **New-list paradox** (the new-states paradox, read backwards): each list is dropped in
//!   turn (its votes gone, as if it had not run) and its seats taken out of the house; the other
//!   lists should keep their seats. Any list that gains or loses is a finding. Dropping a list
//!   also lowers the threshold base, so a threshold can take part in the effect.

use maslihat_apportion::{Allocation, ListStatus, Ratio, Rules, Tally, allocate, cmp_products};
use serde::Serialize;

use crate::error::AnalysisError;
use crate::margins::SeatChange;

/// Which side of the quota a list fell off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuotaBound {
    /// Fewer seats than the quota rounded down.
    Lower,
    /// More seats than the quota rounded up.
    Upper,
}

/// A list whose seats are outside its quota rounded down or up.
#[derive(Debug, Clone, Serialize)]
pub struct QuotaViolation {
    pub list: usize,
    pub seats: u32,
    /// `house × votes ÷ participating votes`, exact.
    pub quota: Ratio,
    pub lower: u32,
    pub upper: u32,
    pub bound: QuotaBound,
}

/// Checks the quota rule over the lists that took part in `allocation`.
pub fn quota_violations(allocation: &Allocation) -> Vec<QuotaViolation> {
    let participates = |status: ListStatus| status != ListStatus::BelowThreshold;
    let total: u128 = allocation.lists.iter().filter(|l| participates(l.status)).map(|l| u128::from(l.votes)).sum();
    if total == 0 {
        return Vec::new();
    }
    let house = u128::from(allocation.house_size);
    let mut found = Vec::new();
    for (i, list) in allocation.lists.iter().enumerate() {
        if !participates(list.status) {
            continue;
        }
        let scaled = house * u128::from(list.votes);
        let lower = scaled / total;
        let upper = lower + u128::from(scaled % total != 0);
        let seats = u128::from(list.seats);
        let bound = if seats < lower {
            QuotaBound::Lower
        } else if seats > upper {
            QuotaBound::Upper
        } else {
            continue;
        };
        // `total` is above zero (checked above), so the quota is a fraction.
        let Ok(quota) = Ratio::new(scaled, total) else { continue };
        found.push(QuotaViolation {
            list: i,
            seats: list.seats,
            quota,
            lower: u32::try_from(lower).unwrap_or(u32::MAX),
            upper: u32::try_from(upper).unwrap_or(u32::MAX),
            bound,
        });
    }
    found
}

/// A list that holds fewer seats when the house grows by one.
#[derive(Debug, Clone, Serialize)]
pub struct AlabamaFinding {
    pub list: usize,
    pub house_before: u32,
    pub seats_before: u32,
    pub house_after: u32,
    pub seats_after: u32,
}

/// Allocates `house − 1`, `house` and `house + 1` seats and reports every list that loses a
/// seat as the house grows. A neighbouring house size whose allocation fails is skipped.
pub fn alabama(tally: &Tally, house: u32, rules: &Rules) -> Result<Vec<AlabamaFinding>, AnalysisError> {
    let middle = allocate(tally, house, rules)?.seats();
    let smaller = house.checked_sub(1).filter(|h| *h > 0).and_then(|h| allocate(tally, h, rules).ok());
    let larger = house.checked_add(1).and_then(|h| allocate(tally, h, rules).ok());
    let mut found = Vec::new();
    let mut compare = |house_before: u32, before: &[u32], after: &[u32]| {
        for (i, (b, a)) in before.iter().zip(after).enumerate() {
            if a < b {
                found.push(AlabamaFinding {
                    list: i,
                    house_before,
                    seats_before: *b,
                    house_after: house_before + 1,
                    seats_after: *a,
                });
            }
        }
    };
    if let Some(smaller) = smaller {
        compare(house - 1, &smaller.seats(), &middle);
    }
    if let Some(larger) = larger {
        compare(house, &middle, &larger.seats());
    }
    Ok(found)
}

/// A list that grew faster than another but lost a seat to it.
#[derive(Debug, Clone, Serialize)]
pub struct PopulationFinding {
    /// The faster-growing list that lost a seat.
    pub loser: usize,
    /// The slower-growing list that gained one.
    pub gainer: usize,
    /// Votes before and after.
    pub loser_votes: [u64; 2],
    pub gainer_votes: [u64; 2],
    /// Seats before and after.
    pub loser_seats: [u32; 2],
    pub gainer_seats: [u32; 2],
    /// Votes after ÷ votes before (absent when there were none before).
    pub loser_growth: Option<Ratio>,
    pub gainer_growth: Option<Ratio>,
}

/// Compares the allocation of `before` with that of `after` (same lists, same house).
pub fn population_paradox(
    before: &Tally,
    after: &Tally,
    house: u32,
    rules: &Rules,
) -> Result<Vec<PopulationFinding>, AnalysisError> {
    let (old, new) = (before.votes(), after.votes());
    if old.len() != new.len() {
        return Err(AnalysisError::LengthMismatch {
            what: "the second set of counts",
            expected: old.len(),
            found: new.len(),
        });
    }
    let seats_before = allocate(before, house, rules)?.seats();
    let seats_after = allocate(after, house, rules)?.seats();
    let growth = |i: usize| Ratio::new(u128::from(new[i]), u128::from(old[i])).ok();
    let mut found = Vec::new();
    for loser in 0..old.len() {
        if seats_after[loser] >= seats_before[loser] {
            continue;
        }
        for gainer in 0..old.len() {
            if seats_after[gainer] <= seats_before[gainer] {
                continue;
            }
            // new_l / old_l > new_g / old_g, cross-multiplied (a list from zero grows fastest).
            let faster = cmp_products(
                u128::from(new[loser]),
                u128::from(old[gainer]),
                u128::from(new[gainer]),
                u128::from(old[loser]),
            )
            .is_gt();
            if faster {
                found.push(PopulationFinding {
                    loser,
                    gainer,
                    loser_votes: [old[loser], new[loser]],
                    gainer_votes: [old[gainer], new[gainer]],
                    loser_seats: [seats_before[loser], seats_after[loser]],
                    gainer_seats: [seats_before[gainer], seats_after[gainer]],
                    loser_growth: growth(loser),
                    gainer_growth: growth(gainer),
                });
            }
        }
    }
    Ok(found)
}

/// Dropping one list (and its seats from the house) changes the other lists' seats.
#[derive(Debug, Clone, Serialize)]
pub struct NewListFinding {
    /// The list dropped.
    pub list: usize,
    /// Its seats in the observed allocation, taken out of the house.
    pub list_seats: u32,
    pub house_without: u32,
    /// The other lists whose seats differ: `before` without the list, `after` with it (as
    /// observed), so the finding reads as the list's arrival.
    pub changes: Vec<SeatChange>,
}

/// Drops each list in turn and re-allocates the house less its seats among the others.
/// A list holding every seat, or a reduced election whose allocation fails, is skipped.
pub fn new_list_paradox(tally: &Tally, house: u32, rules: &Rules) -> Result<Vec<NewListFinding>, AnalysisError> {
    let observed = allocate(tally, house, rules)?.seats();
    let votes = tally.votes();
    let mut found = Vec::new();
    for (dropped, &list_seats) in observed.iter().enumerate() {
        let house_without = house - list_seats;
        if house_without == 0 || votes.len() < 2 {
            continue;
        }
        let others: Vec<u64> = votes.iter().enumerate().filter(|(i, _)| *i != dropped).map(|(_, v)| *v).collect();
        // The other lists keep their own restrictions, base seats and exemptions.
        let limits = (0..votes.len()).filter(|i| *i != dropped).map(|i| tally.list_limits(i)).collect();
        let reduced =
            Tally::new(others).with_against_all(tally.against_all()).with_invalid(tally.invalid()).with_limits(limits);
        let Ok(without) = allocate(&reduced, house_without, rules) else { continue };
        let without = without.seats();
        let changes: Vec<SeatChange> = (0..votes.len())
            .filter(|i| *i != dropped)
            .zip(without)
            .filter(|(i, before)| observed[*i] != *before)
            .map(|(i, before)| SeatChange { list: i, before, after: observed[i] })
            .collect();
        if !changes.is_empty() {
            found.push(NewListFinding { list: dropped, list_seats, house_without, changes });
        }
    }
    Ok(found)
}

/// The paradox and quota checks of one allocation.
#[derive(Debug, Clone, Serialize)]
pub struct ParadoxReport {
    pub quota_violations: Vec<QuotaViolation>,
    pub alabama: Vec<AlabamaFinding>,
    pub new_list: Vec<NewListFinding>,
    /// Against a second count of the same lists, when one was given.
    pub population: Option<Vec<PopulationFinding>>,
}

/// Runs every check on `allocation` of `tally`; `compare` is a second count of the same lists.
pub fn check_paradoxes(
    allocation: &Allocation,
    tally: &Tally,
    rules: &Rules,
    compare: Option<&Tally>,
) -> Result<ParadoxReport, AnalysisError> {
    let house = allocation.house_size;
    Ok(ParadoxReport {
        quota_violations: quota_violations(allocation),
        alabama: alabama(tally, house, rules)?,
        new_list: new_list_paradox(tally, house, rules)?,
        population: compare.map(|after| population_paradox(tally, after, house, rules)).transpose()?,
    })
}
