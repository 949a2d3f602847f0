//! Repository tasks: `cargo xtask recompute` (every election into a report), `cargo xtask
//! synth` (a synthetic dataset for scale tests) and `cargo xtask fuzz` (the fuzz targets).
//!
//! Exit codes: 0 success; 1 a recomputation differs from its published result without a
//! documented reason, or an election's report failed; 2 usage or input error (a dataset that
//! does not load). `fuzz` exits 1 when a target finds a failure.

mod fuzz;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};

use xtask::progress::{Progress, Style};
use xtask::{repo_root, synth};

/// mimalloc: the report makes ~2,000 small allocations per election, and the system allocator
/// took a fifth of its instructions (docs/performance.md §8).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
#[command(name = "cargo xtask", max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Recompute every election of a dataset in parallel and write a report: summary.csv,
    /// summary.json, index.html, report.md and a folder per election (explanation, what-if
    /// tables, margins, parliament diagrams).
    Recompute(RecomputeArgs),
    /// Write a synthetic dataset in the datasets/ format, for scale tests.
    Synth(SynthArgs),
    /// Run the coverage-guided fuzz targets of fuzz/ (installs cargo-fuzz when missing), each
    /// for the given time; inputs that fail are kept in fuzz/artifacts/TARGET/.
    Fuzz(FuzzArgs),
}

#[derive(Debug, clap::Args)]
struct FuzzArgs {
    /// Seconds per target
    #[arg(long, value_name = "N", default_value_t = 60, value_parser = clap::value_parser!(u32).range(1..))]
    seconds: u32,
    /// Only this target [default: every target, one after the other]
    #[arg(value_name = "TARGET")]
    target: Option<String>,
}

#[derive(Debug, clap::Args)]
struct RecomputeArgs {
    /// The dataset folder [default: datasets/ of the repository]
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// The report folder [default: target/report/ of the repository]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Worker threads [default: the number of CPUs]
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// Only the elections of this year
    #[arg(long, value_name = "Y")]
    year: Option<u16>,
    /// How to show progress on stderr
    #[arg(long, value_enum, default_value_t = ProgressArg::Auto)]
    progress: ProgressArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ProgressArg {
    /// A bar when stderr is a terminal, plain lines otherwise
    Auto,
    Bar,
    Lines,
    None,
}

#[derive(Debug, clap::Args)]
struct SynthArgs {
    /// Number of mäslihats
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=99_999))]
    councils: u32,
    /// Elections per mäslihat (alternately under the kz-2021 and kz-2023 rules)
    #[arg(long, value_name = "M", value_parser = clap::value_parser!(u32).range(1..=1_000))]
    elections_per: u32,
    /// Seed of the random numbers: the same seed gives the same files
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// The folder to write (created if missing)
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Recompute(args) => run_recompute(args),
        Command::Synth(args) => run_synth(&args).map(|()| ExitCode::SUCCESS),
        Command::Fuzz(args) => fuzz::run(&repo_root(), args.seconds, args.target.as_deref()),
    };
    result.unwrap_or_else(|error| {
        eprintln!("error: {error:#}");
        ExitCode::from(2)
    })
}

fn run_recompute(args: RecomputeArgs) -> anyhow::Result<ExitCode> {
    let root = repo_root();
    let jobs = args.jobs.map_or_else(|| std::thread::available_parallelism().map_or(1, usize::from), usize::from);
    let options = maslihat_report::Options {
        data: args.data.unwrap_or_else(|| root.join("datasets")),
        out: args.out.unwrap_or_else(|| root.join("target").join("report")),
        jobs,
        year: args.year,
    };
    let progress = Progress::new(
        "elections",
        match args.progress {
            ProgressArg::Auto => Style::Auto,
            ProgressArg::Bar => Style::Bar,
            ProgressArg::Lines => Style::Lines,
            ProgressArg::None => Style::Quiet,
        },
    );
    eprintln!("recompute: {} with {jobs} thread{}", options.data.display(), if jobs == 1 { "" } else { "s" });
    let outcome = maslihat_report::write_report(&options, &progress).context("recompute")?;
    eprintln!("recompute: {}", outcome.summary_line());
    eprintln!("recompute: report in {}", outcome.index.display());
    if outcome.is_success() {
        return Ok(ExitCode::SUCCESS);
    }
    for id in &outcome.undocumented {
        eprintln!("error: {id}: the recomputed seats differ from the published ones, and the data does not say why");
    }
    for id in &outcome.failed {
        eprintln!("error: {id}: the report of this election failed (see its row in summary.csv)");
    }
    Ok(ExitCode::from(1))
}

fn run_synth(args: &SynthArgs) -> anyhow::Result<()> {
    let start = Instant::now();
    let options = synth::Options { councils: args.councils, elections_per: args.elections_per, seed: args.seed };
    let data = synth::generate(&options);
    let written = synth::write(&data, &args.out).context("synth")?;
    eprintln!(
        "synth: {} mäslihats, {} elections, {} lists in {} ({:.2} s)",
        written.councils,
        written.elections,
        written.lists,
        args.out.display(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
