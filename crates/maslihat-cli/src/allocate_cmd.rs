//! `maslihat allocate`: one election's seats from a `party,votes` table.

use std::io::{IsTerminal, Write};
use std::num::NonZeroU32;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use maslihat_apportion::{Tally, Trace, allocate_traced, explain};

use crate::exit::{Failure, alloc_failure};
use crate::input::{display_name, read_vote_table};
use crate::options::{MethodArgs, parse_count, parse_seats};
use crate::output::{Format, allocation_doc, csv, table};

/// Allocate the seats of one election from a CSV of lists and votes.
///
/// FILE is CSV with a header holding at least the columns `party` and `votes` (other columns
/// are ignored); rows are lists in registration order. Use `-` for stdin.
///
/// Example: maslihat allocate --rules kz-2021 --seats 30 datasets/examples/shymkent-2021.csv
#[derive(Debug, Args)]
pub struct AllocateArgs {
    /// The number of seats to allocate (at least 1).
    #[arg(long, value_parser = parse_seats, allow_hyphen_values = true)]
    pub seats: NonZeroU32,
    /// The vote table, or - for stdin [default: stdin, when it is not a terminal].
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    pub method: MethodArgs,
    /// "Against all" votes: they count in the valid-ballot threshold base, never win a seat.
    #[arg(long, value_name = "N", default_value_t = 0, value_parser = parse_count, allow_hyphen_values = true)]
    pub against_all: u64,
    /// Invalid ballots: they count only in the `cast` threshold base.
    #[arg(long, value_name = "N", default_value_t = 0, value_parser = parse_count, allow_hyphen_values = true)]
    pub invalid: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Explain the allocation (with --format table or json): quota or divisors, each list's whole seats and remainder (or
    /// quotients), the order of the seats, exclusions, the rule reading and tie policy applied.
    #[arg(long)]
    pub explain: bool,
}

pub fn run(args: &AllocateArgs) -> crate::CmdResult {
    if args.explain && args.format == Format::Csv {
        return Err(Failure::Input(anyhow::anyhow!(
            "--explain needs --format table or json: an explanation does not fit a CSV table"
        )));
    }
    let path = match &args.file {
        Some(path) => path.clone(),
        None if std::io::stdin().is_terminal() => {
            return Err(Failure::Input(anyhow::anyhow!(
                "no input: give a CSV FILE with the columns party and votes, or pipe one to stdin (see --help)"
            )));
        }
        None => PathBuf::from("-"),
    };
    let rows = read_vote_table(&path).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        Failure::Input(anyhow::anyhow!("{}", lines.join("\nerror: ")))
    })?;
    let names: Vec<String> = rows.iter().map(|row| row.party.clone()).collect();
    let tally = Tally::new(rows.iter().map(|row| row.votes).collect())
        .with_against_all(args.against_all)
        .with_invalid(args.invalid);
    let rules = args.method.rules();
    let trace = if args.explain { Trace::EverySeat } else { Trace::Fast };
    let file = display_name(&path);
    let allocation = allocate_traced(&tally, args.seats.get(), &rules, trace)
        .map_err(|err| alloc_failure(err, &file, |i| names[i].clone()))?;
    let explanation = args.explain.then(|| explain(&allocation, &names));
    let text = match args.format {
        Format::Table => {
            let mut text = table(&allocation, &names);
            if let Some(explanation) = &explanation {
                text.push('\n');
                text.push_str(explanation);
            }
            text
        }
        Format::Json => {
            let doc = allocation_doc(&allocation, &names, args.method.rules.map(|p| p.name().to_owned()), explanation);
            let mut text = serde_json::to_string_pretty(&doc).context("cannot write JSON")?;
            text.push('\n');
            text
        }
        Format::Csv => csv(&allocation, &names).map_err(Failure::Failed)?,
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}
