//! Where a command's votes come from: a `party,votes` file (or stdin), or an election of the
//! dataset (`--election`), which also brings its seats and rules.

use std::io::IsTerminal;
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};

use clap::Args;
use maslihat_analysis::Figure;
use maslihat_apportion::{Preset, Rules, Tally};
use maslihat_ingest::vote_table::TotalRows;
use maslihat_model::{Affiliation, election::rules_for_order};

use crate::data::DataArgs;
use crate::exit::Failure;
use crate::input::{display_name, read_figure_table, read_vote_table};
use crate::options::BallotArgs;

/// The votes of one election.
#[derive(Debug, Args)]
pub struct VotesArgs {
    /// The vote table: CSV with the columns `party` and `votes`, rows in registration order
    /// (other columns ignored); - for stdin [default: stdin, when it is not a terminal].
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Take the votes from an election of the dataset instead, e.g. "astana 2023" or
    /// "shymkent-city-2021"; its list seats and rules become the defaults of --seats and the
    /// method options.
    #[arg(long, value_name = "NAME", conflicts_with = "file")]
    pub election: Option<String>,
    #[command(flatten)]
    pub ballots: BallotArgs,
    /// Take a row named like a total (Total, Итого, Барлығы, …) or holding the sum of the
    /// other rows' votes as a list; without it such a row is refused.
    #[arg(long, conflicts_with = "election")]
    pub allow_total_row: bool,
    #[command(flatten)]
    pub data: DataArgs,
}

/// Votes read, with what an election of the dataset adds.
#[derive(Debug)]
pub struct Votes {
    /// The list names, in registration order.
    pub names: Vec<String>,
    pub tally: Tally,
    /// Where the votes came from, for messages.
    pub origin: String,
    /// The election's list seats, rules and rule preset (with `--election`).
    pub seats: Option<u32>,
    pub rules: Option<Rules>,
    pub preset: Option<Preset>,
}

impl Votes {
    /// The house size: `--seats`, or the election's list seats.
    pub fn house(&self, seats: Option<NonZeroU32>) -> Result<u32, Failure> {
        seats.map(NonZeroU32::get).or(self.seats).ok_or_else(|| {
            Failure::Input(anyhow::anyhow!("give the number of seats to allocate with --seats N (at least 1)"))
        })
    }
}

impl VotesArgs {
    pub fn read(&self) -> Result<Votes, Failure> {
        if let Some(name) = &self.election {
            return election_votes(&self.data, name, self.ballots);
        }
        let path = self.path()?;
        file_votes(&path, self.ballots, self.total_rows())
    }

    /// The vote file: as given, or stdin when it is not a terminal.
    fn path(&self) -> Result<PathBuf, Failure> {
        match &self.file {
            Some(path) => Ok(path.clone()),
            None if std::io::stdin().is_terminal() => Err(Failure::Input(anyhow::anyhow!(
                "no input: give a CSV FILE with the columns party and votes, pipe one to stdin, or name an election of \
                 the dataset with --election (see --help)"
            ))),
            None => Ok(PathBuf::from("-")),
        }
    }

    /// Whether a row that reads as a total is refused (the default) or taken as a list.
    pub fn total_rows(&self) -> TotalRows {
        if self.allow_total_row { TotalRows::Allow } else { TotalRows::Refuse }
    }
}

/// What a vote file holds: a count for every list, or figures of which some are uncertain.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)] // one value per command run
pub enum VoteInput {
    Counts(Votes),
    Figures(UncertainVotes),
}

/// The lists of a vote file whose votes are not all counts.
#[derive(Debug, Clone)]
pub struct UncertainVotes {
    pub names: Vec<String>,
    /// Per list, in registration order.
    pub figures: Vec<Figure>,
    pub origin: String,
}

impl VotesArgs {
    /// The votes, where a file's votes column may also hold printed shares (`83.61%`), ranges
    /// (`27000..28000`) and `?`; an election of the dataset gives counts.
    pub fn read_figures(&self) -> Result<VoteInput, Failure> {
        if self.election.is_some() {
            return self.read().map(VoteInput::Counts);
        }
        let path = self.path()?;
        let rows = read_figure_table(&path, self.total_rows())?;
        let counts: Option<Vec<u64>> =
            rows.iter().map(|row| if let Figure::Exact { count } = row.figure { Some(count) } else { None }).collect();
        let origin = display_name(&path);
        let names: Vec<String> = rows.iter().map(|row| row.party.clone()).collect();
        Ok(match counts {
            Some(counts) => {
                let tally = Tally::new(counts)
                    .with_against_all(self.ballots.against_all)
                    .with_invalid(self.ballots.invalid)
                    .with_limits(rows.iter().map(|row| row.limits).collect());
                VoteInput::Counts(Votes { names, tally, origin, seats: None, rules: None, preset: None })
            }
            None if rows.iter().any(|row| !row.limits.is_none()) => {
                return Err(Failure::Input(anyhow::anyhow!(
                    "{origin}: the min, max, base and exempt columns need a vote count for every list (this table has \
                     printed shares, ranges or ?)"
                )));
            }
            None => VoteInput::Figures(UncertainVotes {
                names,
                figures: rows.into_iter().map(|row| row.figure).collect(),
                origin,
            }),
        })
    }
}

/// The votes of a `party,votes` file (`-` for stdin); every bad row is reported at once.
pub fn file_votes(path: &Path, ballots: BallotArgs, total_rows: TotalRows) -> Result<Votes, Failure> {
    let rows = read_vote_table(path, total_rows)?;
    let tally = Tally::new(rows.iter().map(|row| row.votes).collect())
        .with_against_all(ballots.against_all)
        .with_invalid(ballots.invalid)
        .with_limits(rows.iter().map(|row| row.limits).collect());
    let names = rows.into_iter().map(|row| row.party).collect();
    Ok(Votes { names, tally, origin: display_name(path), seats: None, rules: None, preset: None })
}

/// The votes, list seats and rules of an election of the dataset; `ballots` given on the
/// command line replace the data's "against all" and invalid counts.
pub fn election_votes(data: &DataArgs, name: &str, ballots: BallotArgs) -> Result<Votes, Failure> {
    {
        let dataset = data.load()?;
        let election = dataset.find_election(name).map_err(|err| Failure::Input(err.into()))?;
        let recount = election.recount().map_err(|reason| {
            Failure::Input(anyhow::anyhow!("{}: the votes are not complete: {reason}", election.id.0))
        })?;
        let year = election.date.year();
        let names = recount.parties.iter().map(|p| dataset.label(&Affiliation::Party(p.clone()), Some(year))).collect();
        // As `maslihat recompute` does: a tie is reported, not settled by the data's row order.
        let rules = rules_for_order(election.rules(), recount.order);
        let mut tally = recount.tally;
        if ballots.against_all > 0 {
            tally.set_against_all(ballots.against_all);
        }
        if ballots.invalid > 0 {
            tally.set_invalid(ballots.invalid);
        }
        Ok(Votes {
            names,
            tally,
            origin: election.id.0.clone(),
            seats: Some(recount.house),
            rules: Some(rules),
            preset: Some(election.profile),
        })
    }
}
