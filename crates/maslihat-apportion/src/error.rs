//! The errors of the apportionment core.

use crate::tie::Tie;

/// Why an allocation could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AllocError {
    /// The house has no seats.
    #[error("the number of seats must be at least 1")]
    NoSeats,
    /// There is no list to allocate to.
    #[error("there are no lists to allocate seats to")]
    NoLists,
    /// Every list has zero votes (after the threshold), so no share can be computed.
    #[error("the lists taking part have no votes between them")]
    NoVotes,
    /// No list reached the threshold: no rule says what then, so nothing is guessed.
    #[error(
        "no lawful allocation: no list reached the threshold of {threshold} (the largest list, \
         number {largest}, has {share} % of the {base})"
    )]
    NoListPasses {
        threshold: String,
        /// Position (1-based) of the largest list in registration order.
        largest: usize,
        share: String,
        base: &'static str,
    },
    /// Tied lists contend for fewer seats than they are, and the tie policy is `error`.
    #[error("{0}")]
    UnresolvedTie(Box<Tie>),
    /// The seat restrictions, base seats or remainder rule cannot be met with this house and
    /// these lists (say, minimums adding up to more than the house, or every list with votes
    /// at its maximum while seats are left).
    #[error("no allocation meets the rules: {reason}")]
    Infeasible { reason: String },
    /// A state the procedure should never reach: reported instead of a wrong answer.
    #[error("internal inconsistency, please report it ({context})")]
    Internal { context: &'static str },
    /// An exact intermediate value does not fit 128 bits.
    #[error("the numbers are too large to compare exactly in 128 bits ({context})")]
    Overflow { context: &'static str },
}

/// A value that the core's types do not allow: the constructors check it, so no later
/// computation divides by zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ValueError {
    /// A fraction with a zero denominator.
    #[error("a fraction's denominator must not be zero")]
    ZeroDenominator,
    /// A percentage above 100 %.
    #[error("a percentage must not exceed 100 % (found {numerator}/{denominator} of 100 %)")]
    PercentAboveHundred { numerator: u64, denominator: u64 },
}
