//! Where each election's figures were read: the positions the warnings point at.

use hashbrown::HashMap;
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

/// The lines of one election.
#[derive(Debug)]
pub(crate) struct ElectionLines {
    /// Its line in `elections.csv`.
    line: u64,
    /// The first line of `election_figures.csv` giving each figure, by [`ElectionFigure::index`].
    figures: [Option<u64>; ElectionFigure::ALL.len()],
    /// For each of the election's results (in the same order), the first line of `results.csv`
    /// giving each figure, by [`ResultFigure::index`].
    results: Vec<[Option<u64>; ResultFigure::ALL.len()]>,
}

impl ElectionLines {
    /// Records `line` as giving `figure`, unless an earlier line did.
    pub fn saw_figure(&mut self, figure: ElectionFigure, line: u64) {
        self.figures[figure.index()].get_or_insert(line);
    }

    /// Records `line` as giving `figure` of the election's result number `at`, unless an
    /// earlier line did.
    pub fn saw_result(&mut self, at: usize, figure: ResultFigure, line: u64) {
        if self.results.len() <= at {
            self.results.resize(at + 1, Default::default());
        }
        self.results[at][figure.index()].get_or_insert(line);
    }
}

impl Lines {
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
            let line = self.of(id)?.figures[figure.index()]?;
            Some(self.figures_sheet.as_ref()?.at(line, figure.name()))
        };
        found().unwrap_or_else(|| self.election(id))
    }

    /// The first cell of `results.csv` giving a figure of a party in an election.
    pub fn result(&self, election: &Election, party: &PartyId, figure: ResultFigure) -> Position {
        let found = || {
            let at = election.results.iter().position(|r| r.party() == Some(party))?;
            let line = self.of(&election.id)?.results.get(at)?[figure.index()]?;
            Some(self.results_sheet.as_ref()?.at(line, figure.name()))
        };
        found().unwrap_or_else(|| self.election(&election.id))
    }
}
