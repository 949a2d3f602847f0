//! The errors of the analysis functions.

use maslihat_apportion::AllocError;

/// Why an analysis could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AnalysisError {
    /// The observed allocation itself failed (no list passes, an unresolved tie, …).
    #[error("the allocation the analysis starts from failed: {0}")]
    Allocation(#[from] AllocError),
    /// A number is too large for the exact arithmetic of the search.
    #[error("the numbers are too large for an exact search ({context})")]
    TooLarge { context: &'static str },
    /// An input value is outside its domain.
    #[error("{name} must be {expected}, found {found}")]
    Invalid {
        /// The parameter, e.g. `shares[2]` or `runs`.
        name: String,
        expected: &'static str,
        found: String,
    },
    /// Two inputs that must match in length do not.
    #[error("{what}: expected {expected} values, found {found}")]
    LengthMismatch { what: &'static str, expected: usize, found: usize },
    /// The observed allocation settled a tie by lot in a way the search's fixed order (the list
    /// registered earlier) would not, so there is no fixed starting point to measure from.
    #[error(
        "the observed allocation settled a tie by {policy}, not as registration order would; margins need a \
         fixed tie order (registration or votes)"
    )]
    TieAtStart { policy: String },
    /// The rules use something the analysis does not model exactly (seat restrictions, a rounded
    /// quota, a remainder threshold, the majority clause).
    #[error("{analysis} are not computed under {what}")]
    Unsupported { analysis: &'static str, what: &'static str },
    /// The fast evaluator and the core disagree: a bug, reported instead of a wrong answer.
    #[error("internal inconsistency, please report it: {0}")]
    Internal(String),
}

impl AnalysisError {
    pub(crate) fn invalid(name: impl Into<String>, expected: &'static str, found: impl ToString) -> AnalysisError {
        AnalysisError::Invalid { name: name.into(), expected, found: found.to_string() }
    }
}
