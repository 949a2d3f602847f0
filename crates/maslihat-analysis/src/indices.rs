//! Descriptive indices of an allocation: disproportionality, fragmentation, wasted votes.
//!
//! Floating point is fine here: these numbers describe a result, they decide nothing. With
//! `v_i` a list's share of all list votes and `s_i` its share of the seats, both in per cent:
//!
//! - Gallagher's least-squares index: `LSq = √(½ Σ (v_i − s_i)²)`;
//! - Loosemore–Hanby: `D = ½ Σ |v_i − s_i|`;
//! - the effective number of parties (Laakso–Taagepera) by votes, `1 / Σ (v_i/100)²`, and by
//!   seats, `1 / Σ (s_i/100)²`;
//! - wasted votes: the votes of lists below the threshold (an admitted runner-up's are not
//!   wasted), also as a share of the threshold base. "Against all" and invalid ballots are
//!   not list votes and are not counted as wasted.
//!
//! Vote shares are of list votes only (the usual convention for these indices).

use maslihat_apportion::{Allocation, ListStatus};
use serde::Serialize;

/// The indices of one allocation.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Indices {
    /// Gallagher's least-squares index, in percentage points.
    pub gallagher: f64,
    /// Loosemore–Hanby index, in percentage points.
    pub loosemore_hanby: f64,
    /// Effective number of parties by votes (0 without votes).
    pub enp_votes: f64,
    /// Effective number of parties by seats.
    pub enp_seats: f64,
    /// Votes for lists below the threshold.
    pub wasted_votes: u64,
    /// Those votes as a percentage of the threshold base (0 for an empty base).
    pub wasted_percent: f64,
}

/// Computes the indices of an allocation.
pub fn indices(allocation: &Allocation) -> Indices {
    let lists = allocation.lists.iter().map(|l| ListOutcome { votes: l.votes, seats: l.seats, status: l.status });
    indices_of(lists, allocation.base_votes)
}

/// What the indices read of one list: its votes, seats and threshold status.
#[derive(Debug, Clone, Copy)]
pub struct ListOutcome {
    pub votes: u64,
    pub seats: u32,
    pub status: ListStatus,
}

/// The indices of lists as [`indices`] computes them from an allocation (the same numbers, bit
/// for bit), for callers that allocate seats only (an `Apportioner`); `base_votes` is the
/// threshold base.
pub fn indices_of(lists: impl Iterator<Item = ListOutcome> + Clone, base_votes: u128) -> Indices {
    let list_votes: u128 = lists.clone().map(|l| u128::from(l.votes)).sum();
    let seats: u64 = lists.clone().map(|l| u64::from(l.seats)).sum();
    let share = |part: f64, whole: f64| if whole > 0.0 { 100.0 * part / whole } else { 0.0 };
    let (mut squares, mut absolute, mut votes_hhi, mut seats_hhi) = (0.0, 0.0, 0.0, 0.0);
    for list in lists.clone() {
        let v = share(list.votes as f64, list_votes as f64);
        let s = share(f64::from(list.seats), seats as f64);
        squares += (v - s) * (v - s);
        absolute += (v - s).abs();
        votes_hhi += (v / 100.0) * (v / 100.0);
        seats_hhi += (s / 100.0) * (s / 100.0);
    }
    let wasted_votes: u64 =
        lists.filter(|l| l.status == ListStatus::BelowThreshold).map(|l| l.votes).fold(0u64, u64::saturating_add);
    Indices {
        gallagher: (squares / 2.0).sqrt(),
        loosemore_hanby: absolute / 2.0,
        enp_votes: if votes_hhi > 0.0 { 1.0 / votes_hhi } else { 0.0 },
        enp_seats: if seats_hhi > 0.0 { 1.0 / seats_hhi } else { 0.0 },
        wasted_votes,
        wasted_percent: share(wasted_votes as f64, base_votes as f64),
    }
}
