//! The figures of the tables, named by their columns: what `election_figures.csv` gives of an
//! election, what `results.csv` gives of a party's result, and what a discrepancy is about. Code
//! names a figure with these enums; the column name is only for files and messages.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use crate::naming::{NameError, named};

/// A figure of an election, a column of `election_figures.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ElectionFigure {
    TotalSeats,
    ListSeats,
    DistrictSeats,
    /// How many lists were on the ballot.
    ListsOnBallot,
    RegisteredVoters,
    BallotsCast,
    ValidBallots,
    InvalidBallots,
    AgainstAll,
    TurnoutPrinted,
}

impl ElectionFigure {
    /// Every election figure, in the order of the columns.
    pub const ALL: [ElectionFigure; 10] = [
        ElectionFigure::TotalSeats,
        ElectionFigure::ListSeats,
        ElectionFigure::DistrictSeats,
        ElectionFigure::ListsOnBallot,
        ElectionFigure::RegisteredVoters,
        ElectionFigure::BallotsCast,
        ElectionFigure::ValidBallots,
        ElectionFigure::InvalidBallots,
        ElectionFigure::AgainstAll,
        ElectionFigure::TurnoutPrinted,
    ];

    /// The figure's place in [`ElectionFigure::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

named!(ElectionFigure, "a column of election_figures.csv",
    ElectionFigure::TotalSeats => "total_seats", ElectionFigure::ListSeats => "list_seats",
    ElectionFigure::DistrictSeats => "district_seats", ElectionFigure::ListsOnBallot => "lists_on_ballot",
    ElectionFigure::RegisteredVoters => "registered_voters",
    ElectionFigure::BallotsCast => "ballots_cast", ElectionFigure::ValidBallots => "valid_ballots",
    ElectionFigure::InvalidBallots => "invalid_ballots", ElectionFigure::AgainstAll => "against_all",
    ElectionFigure::TurnoutPrinted => "turnout_pct_printed");

/// A figure of a party's result, a column of `results.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResultFigure {
    Registration,
    /// The list's place on the ballot (drawn by lot), never the registration order.
    BallotOrder,
    /// The source names the list as one on the ballot.
    OnBallot,
    Votes,
    SharePrinted,
    ListSeats,
    DistrictSeats,
}

impl ResultFigure {
    /// Every result figure, in the order of the columns.
    pub const ALL: [ResultFigure; 7] = [
        ResultFigure::Registration,
        ResultFigure::BallotOrder,
        ResultFigure::OnBallot,
        ResultFigure::Votes,
        ResultFigure::SharePrinted,
        ResultFigure::ListSeats,
        ResultFigure::DistrictSeats,
    ];

    /// The figure's place in [`ResultFigure::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

named!(ResultFigure, "a column of results.csv",
    ResultFigure::Registration => "registration_order", ResultFigure::BallotOrder => "ballot_order",
    ResultFigure::OnBallot => "on_ballot", ResultFigure::Votes => "votes",
    ResultFigure::SharePrinted => "vote_pct_printed", ResultFigure::ListSeats => "list_seats_published",
    ResultFigure::DistrictSeats => "district_seats_published");

/// What a discrepancy is about: a figure of the tables, or the sum of the printed shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DiscrepancyFigure {
    Election(ElectionFigure),
    Result(ResultFigure),
    /// The printed shares of an election's lists added up (`vote_pct_sum`).
    ShareSum,
}

impl DiscrepancyFigure {
    /// The name used in `discrepancies.csv`: the column's, or `vote_pct_sum`.
    pub fn name(self) -> &'static str {
        match self {
            DiscrepancyFigure::Election(figure) => figure.name(),
            DiscrepancyFigure::Result(figure) => figure.name(),
            DiscrepancyFigure::ShareSum => "vote_pct_sum",
        }
    }

    /// Whether the figure belongs to a party's result (and a discrepancy about it names the party).
    pub fn is_of_a_party(self) -> bool {
        matches!(self, DiscrepancyFigure::Result(_))
    }
}

impl fmt::Display for DiscrepancyFigure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for DiscrepancyFigure {
    type Err = NameError;

    fn from_str(text: &str) -> Result<DiscrepancyFigure, NameError> {
        if text == DiscrepancyFigure::ShareSum.name() {
            return Ok(DiscrepancyFigure::ShareSum);
        }
        let error = || NameError {
            found: text.to_owned(),
            expected: "a figure column of results.csv or election_figures.csv, or vote_pct_sum",
        };
        (text.parse().map(DiscrepancyFigure::Result))
            .or_else(|_| text.parse().map(DiscrepancyFigure::Election))
            .map_err(|_| error())
    }
}

impl Serialize for DiscrepancyFigure {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}
