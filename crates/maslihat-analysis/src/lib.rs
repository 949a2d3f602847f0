//! Analysis on top of the exact apportionment core: vote margins and the seats they make narrow, paradox and quota checks,
//! seat projections, what-if sweeps and disproportionality indices.
//!
//! Everything here is pure (no I/O) and every result is `serde`-serialisable, for the CLI's
//! `--format json`. Margins and paradox checks are exact: they decide with
//! [`maslihat_apportion::allocate`] (or its buffer-reusing [`maslihat_apportion::Apportioner`]
//! in the inner loops) and integer arithmetic. Projections draw integer vote counts, so each drawn allocation is exact
//! too; only the reported probabilities and the indices are floating point.
//!
//! ```
//! use maslihat_analysis::margins;
//! use maslihat_apportion::{Preset, Tally};
//!
//! // Shymkent city mäslihat, 10 January 2021: 30 seats, 7 % threshold.
//! let tally = Tally::new(vec![261_213, 31_876, 31_355, 4_351, 3_411]);
//! let found = margins(&tally, 30, &Preset::Kz2021.rules()).unwrap();
//! assert_eq!(found.seats, [24, 3, 3, 0, 0]);
//! // The closest call: 4,034 ballots moved from the third list to the first would have
//! // moved the last remainder seat.
//! let closest = found.election.unwrap();
//! assert_eq!((closest.from, closest.to, closest.ballots), (2, 0, 4_034));
//! ```

mod error;
mod indices;
mod margins;
mod move_bound;
mod narrow;
mod outcomes;
mod paradox;
mod search;
mod simulate;
mod sweep;

pub use error::AnalysisError;
pub use indices::{Indices, ListOutcome, indices, indices_of};
pub use margins::{ListMargin, MAX_MARGIN_LISTS, Margins, Move, Outcome, SeatChange, Shift, margins};
pub use narrow::{
    NARROW_MARGIN_PERCENT_OF_QUOTA, NarrowCause, NarrowSeat, is_narrow, margin_quota, narrow_seats, percent_of_quota,
};
pub use outcomes::{
    Evidence, Figure, FigureParseError, Figures, ImpliedShare, Limits, ListFigures, ListsMissing, MAX_SHARE_DECIMALS,
    OTHER_LISTS, OutcomeError, OutcomeQuestions, OutcomeSet, PrintedShare, Rounding, SeatOutcome, ShareBound,
    ShareInterval, Subject, TableFigures, explain_inconsistency, implied_shares, outcome_for, outcome_set,
    table_figures,
};
pub use paradox::{
    AlabamaFinding, NewListFinding, ParadoxReport, PopulationFinding, QuotaBound, QuotaViolation, alabama,
    check_paradoxes, new_list_paradox, population_paradox, quota_violations,
};
pub use simulate::{
    CHUNK_RUNS, ListProjection, MAX_COUNT_CELLS, MAX_DRAWS, Model, Projection, SCENARIO_VOTES, Shares, simulate,
};
pub use sweep::{SweepRow, sweep};

#[cfg(test)]
mod tests;
