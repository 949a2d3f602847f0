//! Exact seat apportionment for party-list elections.
//!
//! Every standard largest-remainder and divisor method, percentage and vote thresholds over a
//! chosen base, Kazakhstan's runner-up rule in its three readings, explicit tie policies, and a
//! result that explains itself. Votes are integers; every comparison of quotas, remainders and
//! quotients is an exact cross-multiplication (into 256 bits where 128 do not suffice). No
//! floating point decides anything, and no input makes it panic.
//!
//! ```
//! use maslihat_apportion::{Preset, Tally, allocate};
//!
//! // Shymkent city mäslihat, 10 January 2021: 30 seats, 7 % threshold.
//! let tally = Tally::new(vec![261_213, 31_876, 31_355, 4_351, 3_411]);
//! let result = allocate(&tally, 30, &Preset::Kz2021.rules()).unwrap();
//! assert_eq!(result.seats(), [24, 3, 3, 0, 0]);
//! ```

mod allocate;
pub mod biproportional;
mod divisor;
mod error;
mod exact;
mod explain;
mod fast;
mod largest_remainder;
mod method;
pub mod multi_district;
mod parse;
mod participants;
mod result;
mod rules;
mod tally;
mod threshold;
mod tie;

pub use allocate::{Apportioner, EVERY_SEAT_LIMIT, allocate, allocate_with_start};
pub use divisor::DivisorStart;
pub use error::{AllocError, ValueError};
pub use exact::{Ratio, cmp_products};
pub use explain::explain;
pub use method::{CustomDivisors, Divisor, Method, PowerMean, Quota, SeatClaim, Stationary};
pub use parse::ParseError;
pub use result::{
    Allocation, Award, Bound, BoundApplied, ListDetail, ListResult, ListStatus, MajorityApplied, Procedure,
    RunnerUpApplied,
};
pub use rules::{Preset, QuotaRounding, Rules, RunnerUp, SeatLimits};
pub use tally::{ListLimits, Tally};
pub use threshold::{Percentage, Threshold, ThresholdBase};
pub use tie::{Tie, TiePolicy, TieStage};

#[cfg(test)]
mod tests;
