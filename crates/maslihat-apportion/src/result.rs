//! The result of an allocation: each list's outcome, the procedure's steps, the ties, and the
//! notes that explain it.

use serde::Serialize;

use crate::exact::Ratio;
use crate::rules::{Rules, RunnerUp};
use crate::tie::Tie;

/// How a list fared at the threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ListStatus {
    /// Reached the threshold and took part.
    Qualified,
    /// Below the threshold, admitted because it was the runner-up when only one list passed.
    RunnerUp,
    /// Below the threshold: excluded.
    BelowThreshold,
}

/// One list's result, in registration order.
#[derive(Debug, Clone, Serialize)]
pub struct ListResult {
    pub votes: u64,
    /// The list's share of the threshold base.
    pub share: Ratio,
    pub status: ListStatus,
    pub seats: u32,
    /// Largest remainder: the seats from whole quotas, and the remainder as a fraction of a
    /// quota. Divisor methods: the quotient that won the list's last seat and the one its next
    /// seat would need (as decimals; exact fractions except for Huntington–Hill).
    #[serde(flatten)]
    pub detail: ListDetail,
}

/// The method-specific part of a list's result.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum ListDetail {
    /// Not in the allocation.
    None {},
    LargestRemainder {
        /// Votes ÷ quota, exact.
        quotient: Ratio,
        whole_seats: u32,
        /// The remainder as a fraction of one quota.
        remainder: Ratio,
        remainder_seat: bool,
    },
    Divisor {
        /// The quotient that won the list's last seat (absent without seats).
        last_quotient: Option<String>,
        /// The quotient the list's next seat would have had.
        next_quotient: String,
    },
}

/// The runner-up rule as it was applied.
#[derive(Debug, Clone, Serialize)]
pub struct RunnerUpApplied {
    pub reading: RunnerUp,
    /// The list that alone reached the threshold.
    pub leader: usize,
    /// The admitted runner-up, if any list had votes to admit.
    pub runner_up: Option<usize>,
    /// Seats moved to the runner-up by the two-seat minimum of reading (b).
    pub seats_moved: u32,
}

/// Which restriction held a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Bound {
    /// Its minimum (or its base seats) held it up.
    Min,
    /// Its maximum held it down.
    Max,
}

/// A list the seat restrictions held at a bound, in the order the procedure fixed them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BoundApplied {
    pub list: usize,
    pub bound: Bound,
    /// The seats it was held at.
    pub seats: u32,
}

/// The majority clause as it was applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MajorityApplied {
    /// The list with a majority of the votes that got one more seat.
    pub list: usize,
    /// The list that gave it up: the one that won the last seat by remainder or average.
    pub from: usize,
}

/// The order in which seats beyond the starting point were handed out or taken back.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Procedure {
    LargestRemainder {
        /// The quota in (weighted) votes, exact.
        quota: Ratio,
        /// Lists (indices) in the order they got a remainder seat.
        remainder_order: Vec<usize>,
        /// Lists that gave back a seat because whole quotas exceeded the house, in order.
        withdrawn: Vec<usize>,
        /// Under a remainder threshold: lists that got a seat by highest averages once every
        /// list allowed a remainder seat had one, in order.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        average_order: Vec<usize>,
        /// Under a remainder threshold: lists whose votes fell short of it.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        below_remainder_threshold: Vec<usize>,
    },
    Divisor {
        /// Under restrictions with every seat listed: the seats the minimums and base seats gave
        /// first (included in `start_seats`).
        #[serde(skip_serializing_if = "is_zero")]
        floor_seats: u64,
        /// Seats handed out at once by the starting divisor (0 when every seat is listed).
        start_seats: u64,
        /// The seats after the start, in order.
        awards: Vec<Award>,
        /// Seats taken back from the start, in order.
        withdrawals: Vec<Award>,
    },
}

/// One seat of a divisor method.
#[derive(Debug, Clone, Serialize)]
pub struct Award {
    pub list: usize,
    /// The list's seat number this award made (1 = its first seat).
    pub list_seat: u32,
    pub divisor: String,
    pub quotient: String,
}

/// The result of an allocation, with everything needed to explain it.
#[derive(Debug, Clone, Serialize)]
pub struct Allocation {
    pub house_size: u32,
    pub rules: Rules,
    /// The threshold base in votes (serialised as a string: it may exceed 2^64).
    #[serde(serialize_with = "crate::exact::serialize_as_string")]
    pub base_votes: u128,
    /// The fewest votes that reached the threshold (serialised as a string).
    #[serde(serialize_with = "crate::exact::serialize_as_string")]
    pub threshold_votes: u128,
    pub against_all: u64,
    pub invalid: u64,
    pub lists: Vec<ListResult>,
    /// Every tie met, whatever the policy: a seat decided by a tie is never silent.
    pub ties: Vec<Tie>,
    pub runner_up: Option<RunnerUpApplied>,
    pub procedure: Procedure,
    /// Each list's own restrictions, base seats and exemption, as given (empty when none).
    pub list_limits: Vec<crate::tally::ListLimits>,
    /// Lists held at a seat restriction (empty when none was).
    pub bounds: Vec<BoundApplied>,
    /// The majority clause, when it moved a seat.
    pub majority: Option<MajorityApplied>,
    /// Plain-language notes on unusual cases (zero-divisor methods with few seats, …).
    pub notes: Vec<String>,
}

impl Allocation {
    /// Seats per list, in registration order.
    pub fn seats(&self) -> Vec<u32> {
        self.lists.iter().map(|l| l.seats).collect()
    }
}

fn is_zero(value: &u64) -> bool {
    *value == 0
}
