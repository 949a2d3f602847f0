//! Narrow seats: the seats of an allocation that fewer votes than [`NARROW_MARGIN_PERCENT_OF_QUOTA`]
//! per cent of the quota would have moved, found from the election's [`Margins`].
//!
//! A seat is narrow when the list holding it would lose it with that few fewer votes, or when
//! another list would take it with that few more. The quota is the largest-remainder quota, or
//! for divisor methods the votes of the lists taking part per seat.

use maslihat_apportion::{Allocation, ListStatus, Procedure, Ratio};
use serde::Serialize;

use crate::margins::Margins;

/// A seat counts as decided by a narrow margin when fewer votes than this share of the quota
/// (in per cent) would have moved it.
pub const NARROW_MARGIN_PERCENT_OF_QUOTA: u32 = 1;

/// What would move a narrow seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NarrowCause {
    /// The holder losing `votes` votes.
    Loss,
    /// List `by` (an index in the allocation) gaining `votes` votes.
    GainBy { by: usize },
}

/// A seat that a narrow margin decided: the `seat`-th (last) seat of list `list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NarrowSeat {
    /// The list holding the seat, by index in the allocation (registration order).
    pub list: usize,
    /// The seat's number in the list's seats (its last one).
    pub seat: u32,
    /// The votes that would move it.
    pub votes: u64,
    pub cause: NarrowCause,
}

/// The quota an allocation's margins are measured against: the largest-remainder quota, or
/// votes of the lists taking part per seat for divisor methods.
pub fn margin_quota(allocation: &Allocation) -> Ratio {
    match &allocation.procedure {
        Procedure::LargestRemainder { quota, .. } if quota.num() > 0 => *quota,
        _ => {
            let votes: u128 = allocation
                .lists
                .iter()
                .filter(|l| l.status != ListStatus::BelowThreshold)
                .map(|l| u128::from(l.votes))
                .sum();
            Ratio::new(votes, u128::from(allocation.house_size.max(1))).unwrap_or(Ratio::ZERO)
        }
    }
}

/// `votes` as a percentage of `quota` with 2 decimals, e.g. `0.45`; empty for a zero quota.
pub fn percent_of_quota(votes: u64, quota: Ratio) -> String {
    let percent = Ratio::new(u128::from(votes).saturating_mul(100).saturating_mul(quota.den()), quota.num());
    percent.map_or_else(|_| String::new(), |percent| percent.decimal(2))
}

/// Whether `votes` are fewer than [`NARROW_MARGIN_PERCENT_OF_QUOTA`] % of `quota`.
pub fn is_narrow(votes: u64, quota: Ratio) -> bool {
    let scaled = u128::from(votes).saturating_mul(100).saturating_mul(quota.den());
    scaled < quota.num().saturating_mul(u128::from(NARROW_MARGIN_PERCENT_OF_QUOTA))
}

/// The seats of `allocation` that a narrow margin decided, by the `margins` of the same votes
/// and rules: for each list, its last seat when losing few votes costs it; and the last seat
/// of every other list that a list gaining few votes would take; in the order of `margins.lists`.
pub fn narrow_seats(allocation: &Allocation, margins: &Margins) -> Vec<NarrowSeat> {
    let quota = margin_quota(allocation);
    let mut seats = Vec::new();
    for margin in &margins.lists {
        if let Some(loss) = margin.loss.as_ref().filter(|l| is_narrow(l.votes, quota)) {
            seats.push(NarrowSeat {
                list: margin.list,
                seat: margin.seats,
                votes: loss.votes,
                cause: NarrowCause::Loss,
            });
        }
        let Some(gain) = margin.gain.as_ref().filter(|g| is_narrow(g.votes, quota)) else { continue };
        for change in gain.outcome.changes.iter().filter(|c| c.after < c.before && c.list != margin.list) {
            seats.push(NarrowSeat {
                list: change.list,
                seat: change.before,
                votes: gain.votes,
                cause: NarrowCause::GainBy { by: margin.list },
            });
        }
    }
    seats
}
