//! Parliament diagrams from the command line: `allocate --diagram` and `maslihat diagram`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
pub use maslihat_render::allocation::allocation_svg;
use maslihat_render::hemicycle::LayoutOptions;
use maslihat_render::report::{Which, election_svg};

use crate::data::DataArgs;
use crate::exit::Failure;

/// Which composition `maslihat diagram` draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Composition {
    /// The published seats, or the recomputed ones when none were published.
    #[default]
    Auto,
    Published,
    Recomputed,
}

/// Draw a mäslihat's composition as a parliament diagram (SVG on stdout).
///
/// Party colours come from the dataset; threshold losers are listed in the legend, and seats
/// decided by a tie or by a margin under 1 % of a quota are marked.
#[derive(Debug, Args)]
pub struct DiagramArgs {
    /// The mäslihat or election ("karaganda", "astana 2023", "shymkent-city-2021").
    pub name: String,
    /// The election year [default: the latest].
    #[arg(long)]
    pub year: Option<u16>,
    #[arg(long, value_enum, default_value_t = Composition::Auto)]
    pub composition: Composition,
    /// Write to this file instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
}

pub fn diagram(args: &DiagramArgs) -> crate::CmdResult {
    let dataset = args.data.load()?;
    let query = match args.year {
        Some(year) => format!("{} {year}", args.name),
        None => args.name.clone(),
    };
    let election = dataset.find_election(&query).map_err(|err| Failure::Input(err.into()))?;
    let options = LayoutOptions::default();
    let draw = |which| election_svg(&dataset, election, which, &options);
    let svg = match args.composition {
        Composition::Published => draw(Which::Published),
        Composition::Recomputed => draw(Which::Recomputed),
        Composition::Auto => draw(Which::Published).or_else(|_| draw(Which::Recomputed)),
    }
    .map_err(|err| Failure::Input(err.into()))?;
    match &args.output {
        Some(path) => std::fs::write(path, svg)
            .map_err(|err| Failure::Failed(anyhow::anyhow!("cannot write {}: {err}", path.display()))),
        None => crate::output::print(&svg),
    }
}
