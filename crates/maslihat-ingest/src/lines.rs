//! Where each election's figures were read: the positions the warnings point at.

use hashbrown::HashMap;
use std::num::NonZeroU32;
use std::path::PathBuf;

use maslihat_model::{Election, ElectionFigure, ElectionId, PartyId, ResultFigure};

use crate::error::Position;
use crate::sheet::Sheet;

/// Where each election's figures were read, for the positions of warnings.
#[derive(Debug, Default)]
pub(crate) struct Lines {
    pub elections_file: PathBuf,
    /// The sheets of `election_figures.csv` and `results.csv`, for the cells of the lines below.
    pub figures_sheet: Option<Sheet>,
    pub results_sheet: Option<Sheet>,
    /// Each election's place in `of`.
    index: HashMap<ElectionId, usize>,
    of: Vec<ElectionLines>,
}

/// A line of a file, in 32 bits: a dataset file holds at most
/// [`MAX_FILE_BYTES`](crate::MAX_FILE_BYTES) (256 MiB), so fewer than 2^29 lines. A load keeps one
/// per figure read, so the narrow type is a fifth of the memory of an `Option<u64>` per figure.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Line(Option<NonZeroU32>);

impl Line {
    /// `line`, or none for a line beyond 32 bits (which a file within the size limit never has;
    /// a warning would then point at the election's line instead).
    fn new(line: u64) -> Line {
        Line(u32::try_from(line).ok().and_then(NonZeroU32::new))
    }

    fn get(self) -> Option<u64> {
        self.0.map(|n| u64::from(n.get()))
    }

    /// Records `line` unless a line is recorded.
    fn first(&mut self, line: u64) {
        if self.0.is_none() {
            *self = Line::new(line);
        }
    }
}

/// The lines of one election.
#[derive(Debug)]
pub(crate) struct ElectionLines {
    /// Its line in `elections.csv`.
    line: u64,
    /// The first line of `election_figures.csv` giving each figure, by [`ElectionFigure::index`].
    figures: [Line; ElectionFigure::ALL.len()],
    /// For each of the election's results (in the same order), the first line of `results.csv`
    /// giving each figure, by [`ResultFigure::index`].
    results: Vec<[Line; ResultFigure::ALL.len()]>,
}

impl ElectionLines {
    /// Records `line` as giving `figure`, unless an earlier line did.
    pub fn saw_figure(&mut self, figure: ElectionFigure, line: u64) {
        self.figures[figure.index()].first(line);
    }

    /// Makes room for `results` more results, exactly.
    pub fn reserve_results(&mut self, results: usize) {
        self.results.reserve_exact(results);
    }

    /// Records `line` as giving `figure` of the election's result number `at`, unless an
    /// earlier line did.
    pub fn saw_result(&mut self, at: usize, figure: ResultFigure, line: u64) {
        if self.results.len() <= at {
            self.results.resize(at + 1, Default::default());
        }
        self.results[at][figure.index()].first(line);
    }
}

impl Lines {
    /// Makes room for `elections` more elections, exactly.
    pub fn reserve(&mut self, elections: usize) {
        self.index.reserve(elections);
        self.of.reserve_exact(elections);
    }

    /// Adds an election at `line` of `elections.csv`; its place in `of` is the next.
    pub fn push(&mut self, id: ElectionId, line: u64) {
        self.index.insert(id, self.of.len());
        self.of.push(ElectionLines { line, figures: Default::default(), results: Vec::new() });
    }

    /// The lines of the election in place `at` (the order of [`Lines::push`]).
    pub fn at_mut(&mut self, at: usize) -> &mut ElectionLines {
        &mut self.of[at]
    }

    fn of(&self, id: &ElectionId) -> Option<&ElectionLines> {
        self.index.get(id).map(|i| &self.of[*i])
    }

    /// The line of an election in `elections.csv`.
    pub fn election(&self, id: &ElectionId) -> Position {
        Position::line(self.elections_file.clone(), self.of(id).map_or(0, |e| e.line))
    }

    /// The first cell of `election_figures.csv` giving a figure of an election.
    pub fn figure(&self, id: &ElectionId, figure: ElectionFigure) -> Position {
        let found = || {
            let line = self.of(id)?.figures[figure.index()].get()?;
            Some(self.figures_sheet.as_ref()?.at(line, figure.name()))
        };
        found().unwrap_or_else(|| self.election(id))
    }

    /// The first cell of `results.csv` giving a figure of a party in an election.
    pub fn result(&self, election: &Election, party: &PartyId, figure: ResultFigure) -> Position {
        let found = || {
            let at = election.results.iter().position(|r| r.party() == Some(party))?;
            let line = self.of(&election.id)?.results.get(at)?[figure.index()].get()?;
            Some(self.results_sheet.as_ref()?.at(line, figure.name()))
        };
        found().unwrap_or_else(|| self.election(&election.id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A line within 32 bits is kept as it was read; the first line recorded stays.
        #[test]
        fn a_line_is_kept_exactly(line in 1u64..=u64::from(u32::MAX), later in 1u64..=u64::from(u32::MAX)) {
            let mut kept = Line::default();
            kept.first(line);
            kept.first(later);
            prop_assert_eq!(kept.get(), Some(line));
        }

        /// No line is made up: none for 0 or beyond 32 bits.
        #[test]
        fn a_line_beyond_32_bits_is_none(line in (u64::from(u32::MAX) + 1)..=u64::MAX) {
            prop_assert_eq!(Line::new(line).get(), None);
            prop_assert_eq!(Line::new(0).get(), None);
        }
    }
}
