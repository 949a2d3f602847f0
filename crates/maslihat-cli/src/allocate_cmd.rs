//! `maslihat allocate`: one election's seats from a `party,votes` table.

use std::io::Write;
use std::num::NonZeroU32;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use maslihat_apportion::{DivisorStart, Tally, ThresholdBase, allocate_with_start, explain};
use maslihat_ingest::vote_table::TotalRows;

use crate::analysis_cmds::{paradox_text, paradoxes};
use crate::exit::{Failure, alloc_failure};
use crate::input::display_name;
use crate::options::{BallotArgs, MethodArgs, parse_seats};
use crate::output::{Format, allocation_doc, csv, table};
use crate::uncertain::allocate_uncertain;
use crate::votes::{UncertainVotes, VoteInput, Votes, VotesArgs, file_votes};

/// Allocate the seats of one election from a CSV of lists and votes.
///
/// FILE is CSV with a header holding at least the columns `party` and `votes` (other columns
/// are ignored); rows are lists in registration order. Use `-` for stdin.
///
/// Example: maslihat allocate --rules kz-2021 --seats 30 datasets/examples/shymkent-2021.csv
#[derive(Debug, Args)]
pub struct AllocateArgs {
    /// The number of seats to allocate (at least 1) [default with --election: its list seats].
    #[arg(long, value_parser = parse_seats, allow_hyphen_values = true)]
    pub seats: Option<NonZeroU32>,
    #[command(flatten)]
    pub votes: VotesArgs,
    #[command(flatten)]
    pub method: MethodArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Explain the allocation (with --format table or json): quota or divisors, each list's whole seats and remainder (or
    /// quotients), the order of the seats, exclusions, the rule reading and tie policy applied.
    #[arg(long)]
    pub explain: bool,
    /// Check the result for quota-rule violations, the Alabama paradox (house sizes S-1, S,
    /// S+1) and the new-list paradox (drop each list and re-allocate); with --compare, the
    /// population paradox too.
    #[arg(long)]
    pub check_paradoxes: bool,
    /// A second count of the same lists (`party,votes`, same parties in the same order) to
    /// check the population paradox against; implies --check-paradoxes.
    #[arg(long, value_name = "FILE")]
    pub compare: Option<PathBuf>,
    /// Also draw the result as a parliament diagram (SVG) into this file.
    #[arg(long, value_name = "FILE")]
    pub diagram: Option<PathBuf>,
    /// What the printed shares in the votes column (`83.61%`) are shares of: valid (list votes
    /// + against all), lists (list votes only) or cast (valid + invalid) [default: valid]
    #[arg(long, value_name = "BASE", default_value = "valid")]
    pub shares_base: ThresholdBase,
}

pub fn run(args: &AllocateArgs) -> crate::CmdResult {
    if args.explain && args.format == Format::Csv {
        return Err(Failure::Input(anyhow::anyhow!(
            "--explain needs --format table or json: an explanation does not fit a CSV table"
        )));
    }
    let votes = match args.votes.read_figures()? {
        VoteInput::Counts(votes) => votes,
        VoteInput::Figures(uncertain) => return run_uncertain(args, &uncertain),
    };
    // --seats, else the election's list seats, else the house the preset's law fixes.
    let preset_house = args.method.rules.and_then(maslihat_apportion::Preset::house);
    let house = votes.house(args.seats).or_else(|err| preset_house.ok_or(err))?;
    let rules = args.method.rules_over(votes.rules.clone());
    // The preset named in the output: the one asked for, else the election's own.
    let preset = args.method.rules.or(votes.preset);
    let Votes { names, tally, origin: file, .. } = votes;
    let start = if args.explain { DivisorStart::Empty } else { DivisorStart::Estimate };
    let allocation = allocate_with_start(&tally, house, &rules, start)
        .map_err(|err| alloc_failure(err, &file, |i| names[i].clone()))?;
    let explanation = args.explain.then(|| explain(&allocation, &names));
    let paradoxes = if args.check_paradoxes || args.compare.is_some() {
        let compare = match &args.compare {
            Some(other) => Some(read_compare(other, &names, args.votes.total_rows())?),
            None => None,
        };
        Some(paradoxes(&allocation, &tally, &rules, compare.as_ref(), &names, &file)?)
    } else {
        None
    };
    if let Some(target) = &args.diagram {
        let title =
            std::path::Path::new(&file).file_stem().map_or_else(|| file.clone(), |s| s.to_string_lossy().into_owned());
        let svg = crate::diagram::allocation_svg(&allocation, &tally, &rules, &names, &title);
        std::fs::write(target, svg).with_context(|| format!("cannot write the diagram to {}", target.display()))?;
    }
    let text = match args.format {
        Format::Table => {
            let mut text = table(&allocation, &names);
            if let Some(explanation) = &explanation {
                text.push('\n');
                text.push_str(explanation);
            }
            if let Some(report) = &paradoxes {
                text.push('\n');
                text.push_str(&paradox_text(report, &names));
            }
            text
        }
        Format::Json => {
            let mut doc = allocation_doc(&allocation, &names, preset.map(|p| p.name().to_owned()), explanation);
            doc.paradoxes = paradoxes.as_ref();
            let mut text = serde_json::to_string_pretty(&doc).context("cannot write JSON")?;
            text.push('\n');
            text
        }
        Format::Csv => csv(&allocation, &names),
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}

/// `allocate` over figures that are not all counts: the outcome set they allow.
fn run_uncertain(args: &AllocateArgs, votes: &UncertainVotes) -> crate::CmdResult {
    let count_only = [
        (args.explain, "--explain"),
        (args.check_paradoxes || args.compare.is_some(), "--check-paradoxes"),
        (args.diagram.is_some(), "--diagram"),
    ];
    if let Some((_, option)) = count_only.iter().find(|(given, _)| *given) {
        return Err(Failure::Input(anyhow::anyhow!(
            "{}: {option} needs a vote count for every list; this table has printed shares, ranges or ? (the outcome \
             set is shown without it)",
            votes.origin
        )));
    }
    let house = args
        .seats
        .map(NonZeroU32::get)
        .or_else(|| args.method.rules.and_then(maslihat_apportion::Preset::house))
        .ok_or_else(|| {
            Failure::Input(anyhow::anyhow!("give the number of seats to allocate with --seats N (at least 1)"))
        })?;
    let rules = args.method.rules_over(None);
    let text = allocate_uncertain(votes, args.votes.ballots, args.shares_base, house, &rules, args.format)?;
    crate::output::print(&text)
}

/// Reads the `--compare` count: the same parties, in the same order.
fn read_compare(path: &std::path::Path, names: &[String], total_rows: TotalRows) -> Result<Tally, Failure> {
    let other = file_votes(path, BallotArgs { against_all: 0, invalid: 0 }, total_rows)?;
    if other.names != names {
        return Err(Failure::Input(anyhow::anyhow!(
            "{}: --compare needs the same parties in the same order as the main file (found {}; expected {})",
            display_name(path),
            other.names.join(", "),
            names.join(", ")
        )));
    }
    Ok(other.tally)
}
