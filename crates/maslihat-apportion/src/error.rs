//! The errors of the apportionment core.

use std::fmt;

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
    /// An exact intermediate value does not fit 128 bits.
    #[error("the numbers are too large to compare exactly in 128 bits ({context})")]
    Overflow { context: &'static str },
}

/// A value on the command line or in a file that is not of the expected form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The text as given.
    pub found: String,
    /// What was expected, in words.
    pub expected: &'static str,
}

impl ParseError {
    pub(crate) fn new(found: &str, expected: &'static str) -> ParseError {
        ParseError { found: found.to_owned(), expected }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected {}, found {:?}", self.expected, self.found)
    }
}

impl std::error::Error for ParseError {}
