//! The `maslihat` command-line tool: allocate, check and explain seats.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

use maslihat_cli::{
    allocate_cmd, analysis_cmds, batch, biproportional_cmd, dataset_cmds, diagram, districts_cmd, mixed_cmd, serve_cmd,
};

/// mimalloc: the report's pages (also served by `maslihat serve`) make ~2,000 small allocations
/// per election, and the system allocator took a fifth of their instructions (docs/performance.md §8).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Recompute, check and explain how seats are apportioned in party-list elections: exact
/// integer arithmetic, every standard method, Kazakhstan's mäslihat rules as presets.
///
/// Exit codes: 0 success; 1 failure (an I/O error, a check that failed); 2 usage or input
/// error (a bad option, a malformed file); 3 result undetermined (an unresolved tie under
/// `--tie-break error`).
#[derive(Debug, Parser)]
#[command(name = "maslihat", version, max_term_width = 100)]
struct Cli {
    /// More log output on stderr (-v info, -vv debug, -vvv trace); RUST_LOG overrides.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Allocate(allocate_cmd::AllocateArgs),
    Batch(batch::BatchArgs),
    Biproportional(biproportional_cmd::BiproportionalArgs),
    Districts(districts_cmd::DistrictsArgs),
    Mixed(mixed_cmd::MixedArgs),
    Margins(analysis_cmds::MarginsArgs),
    Simulate(analysis_cmds::SimulateArgs),
    Sweep(analysis_cmds::SweepArgs),
    List(dataset_cmds::ListArgs),
    Show(dataset_cmds::ShowArgs),
    Recompute(dataset_cmds::RecomputeArgs),
    Validate(dataset_cmds::ValidateArgs),
    Infobox(dataset_cmds::InfoboxArgs),
    Diagram(diagram::DiagramArgs),
    Serve(serve_cmd::ServeArgs),
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
    init_logging(cli.verbose);
    let result = match cli.command {
        Command::Allocate(args) => allocate_cmd::run(&args),
        Command::Batch(args) => batch::run(&args),
        Command::Biproportional(args) => biproportional_cmd::run(&args),
        Command::Districts(args) => districts_cmd::run(&args),
        Command::Mixed(args) => mixed_cmd::run(&args),
        Command::Margins(args) => analysis_cmds::margins_cmd(&args),
        Command::Simulate(args) => analysis_cmds::simulate_cmd(&args),
        Command::Sweep(args) => analysis_cmds::sweep_cmd(&args),
        Command::List(args) => dataset_cmds::list(&args),
        Command::Show(args) => dataset_cmds::show(&args),
        Command::Recompute(args) => dataset_cmds::recompute(&args),
        Command::Validate(args) => dataset_cmds::validate(&args),
        Command::Infobox(args) => dataset_cmds::infobox(&args),
        Command::Diagram(args) => diagram::diagram(&args),
        Command::Serve(args) => serve_cmd::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failure.report(),
    }
}

fn init_logging(verbose: u8) {
    let default = match verbose {
        0 => "warn",
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_ansi(colour).init();
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
