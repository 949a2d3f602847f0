//! The analysis commands: `margins`, `simulate`, `sweep`, and the paradox checks that
//! `allocate --check-paradoxes` adds.

use std::fmt::Write as _;
use std::num::NonZeroU32;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use maslihat_analysis::{
    AnalysisError, Margins, Model, ParadoxReport, QuotaBound, Shares, check_paradoxes, margins, simulate, sweep,
};
use maslihat_apportion::{Allocation, Method, Rules, Tally, Threshold};
use maslihat_render::allocation::outcome_text;
use maslihat_render::allocation::{MarginsDoc, ProjectionDoc, SweepDoc};
use maslihat_render::projection::projection_svg;
use maslihat_render::sweep::sweep_csv;

use crate::exit::{Failure, alloc_failure};
use crate::input::{display_name, read_share_table};
use crate::options::{BallotArgs, MethodArgs, parse_seats};
use crate::output::{Format, print};
use crate::votes::{Votes, VotesArgs, election_votes};

fn analysis_failure(err: AnalysisError, context: &str, names: &[String]) -> Failure {
    match err {
        AnalysisError::Allocation(err) => alloc_failure(err, context, |i| names[i].clone()),
        other => Failure::Input(anyhow::Error::new(other).context(context.to_owned())),
    }
}

fn missing_seats() -> Failure {
    Failure::Input(anyhow::anyhow!("give the number of seats with --seats N (or name an election with --election)"))
}

/// How close the result was: the vote margins of every list and of the composition.
///
/// For each list, the fewest extra votes that win it one more seat and the fewest lost votes
/// that cost it one (with the list that loses or gains that seat), and the margin of the
/// composition: the fewest ballots that, moved from one list to another, change any list's
/// seats. Exact, for any method, threshold and rule reading.
#[derive(Debug, Args)]
pub struct MarginsArgs {
    #[command(flatten)]
    pub votes: VotesArgs,
    /// The number of seats [default with --election: its list seats].
    #[arg(long, value_parser = parse_seats, allow_hyphen_values = true)]
    pub seats: Option<NonZeroU32>,
    #[command(flatten)]
    pub method: MethodArgs,
    /// Output: table (aligned columns), json (the schema `maslihat.margins/1`, documented in
    /// docs/json.md) or csv (one row per list).
    #[arg(long, value_enum, default_value_t = Format::Table, hide_possible_values = true)]
    pub format: Format,
}

pub fn margins_cmd(args: &MarginsArgs) -> crate::CmdResult {
    let Votes { names, tally, origin, seats, rules, .. } = args.votes.read()?;
    let house = args.seats.map(NonZeroU32::get).or(seats).ok_or_else(missing_seats)?;
    let rules = args.method.rules_over(rules);
    let found = margins(&tally, house, &rules).map_err(|err| analysis_failure(err, &origin, &names))?;
    let text = match args.format {
        Format::Json => serde_json::to_string_pretty(&MarginsDoc::new(&names, &found)).context("JSON")? + "\n",
        Format::Table | Format::Csv => margins_table(&found, &names, args.format),
    };
    print(&text)
}

fn margins_table(found: &Margins, names: &[String], format: Format) -> String {
    let header = ["party", "votes", "seats", "gain: +votes", "then", "loss: -votes", "then"];
    let rows: Vec<Vec<String>> = found
        .lists
        .iter()
        .map(|m| {
            let shift = |s: &Option<maslihat_analysis::Shift>| match s {
                Some(s) => (s.votes.to_string(), outcome_text(&s.outcome, names)),
                None => ("-".to_owned(), String::new()),
            };
            let (gain, gain_then) = shift(&m.gain);
            let (loss, loss_then) = shift(&m.loss);
            vec![names[m.list].clone(), m.votes.to_string(), m.seats.to_string(), gain, gain_then, loss, loss_then]
        })
        .collect();
    if format == Format::Csv {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let _ = writer.write_record([
            "party",
            "votes",
            "seats",
            "gain_votes",
            "gain_outcome",
            "loss_votes",
            "loss_outcome",
        ]);
        for row in &rows {
            let _ = writer.write_record(row);
        }
        return writer.into_inner().ok().and_then(|b| String::from_utf8(b).ok()).unwrap_or_default();
    }
    let mut text = crate::output::columns(&header, &rows);
    match &found.election {
        Some(m) => {
            let _ = writeln!(
                text,
                "\nmargin of the composition: {} ballot(s) moved from {} to {} change it: {}",
                m.ballots,
                names[m.from],
                names[m.to],
                outcome_text(&m.outcome, names)
            );
        }
        None => {
            let _ = writeln!(text, "\nno move of ballots between lists changes the composition");
        }
    }
    for note in &found.notes {
        let _ = writeln!(text, "note: {note}");
    }
    text
}

/// Runs every paradox check on `allocation` of `tally`; `compare` is a second count of the same
/// lists. Errors name `context` and the lists.
pub fn paradoxes(
    allocation: &Allocation,
    tally: &Tally,
    rules: &Rules,
    compare: Option<&Tally>,
    names: &[String],
    context: &str,
) -> Result<ParadoxReport, Failure> {
    check_paradoxes(allocation, tally, rules, compare).map_err(|err| analysis_failure(err, context, names))
}

/// The findings in words, one per line.
pub fn paradox_text(report: &ParadoxReport, names: &[String]) -> String {
    let mut text = String::from("paradox and quota checks:\n");
    let mut line = |s: String| {
        let _ = writeln!(text, "  {s}");
    };
    if report.quota_violations.is_empty() {
        line("quota rule: every list is within its quota (rounded down or up)".to_owned());
    }
    for v in &report.quota_violations {
        let side = match v.bound {
            QuotaBound::Lower => format!("below its lower quota {}", v.lower),
            QuotaBound::Upper => format!("above its upper quota {}", v.upper),
        };
        line(format!(
            "quota rule violated: {} has {} seats, {side} (quota {} = {})",
            names[v.list],
            v.seats,
            v.quota,
            v.quota.decimal(4)
        ));
    }
    if report.alabama.is_empty() {
        line("Alabama paradox: none between house sizes S-1, S and S+1".to_owned());
    }
    for f in &report.alabama {
        line(format!(
            "Alabama paradox: {} has {} seats of {} but {} of {}",
            names[f.list], f.seats_before, f.house_before, f.seats_after, f.house_after
        ));
    }
    if report.new_list.is_empty() {
        line("new-list paradox: dropping any one list (and its seats) leaves the others' seats as they are".to_owned());
    }
    for f in &report.new_list {
        let changes: Vec<String> = f
            .changes
            .iter()
            .map(|c| format!("{} {} without it, {} with it", names[c.list], c.before, c.after))
            .collect();
        line(format!(
            "new-list paradox: with {} ({} seats) in the race, {}",
            names[f.list],
            f.list_seats,
            changes.join("; ")
        ));
    }
    match &report.population {
        None => line("population paradox: not checked (give --compare FILE with a second count)".to_owned()),
        Some(findings) if findings.is_empty() => line("population paradox: none against the second count".to_owned()),
        Some(findings) => {
            for f in findings {
                line(format!(
                    "population paradox: {} grew from {} to {} votes but went from {} to {} seats, while {} grew from \
                     {} to {} votes and went from {} to {} seats",
                    names[f.loser],
                    f.loser_votes[0],
                    f.loser_votes[1],
                    f.loser_seats[0],
                    f.loser_seats[1],
                    names[f.gainer],
                    f.gainer_votes[0],
                    f.gainer_votes[1],
                    f.gainer_seats[0],
                    f.gainer_seats[1]
                ));
            }
        }
    }
    text
}

/// Seat projections from poll shares: seat distributions, thresholds and majorities.
///
/// Draws vote scenarios around poll shares, allocates each, and reports per list the chance of
/// each seat count, the median and 90 % interval, the chance of passing the threshold, and the
/// chance of a majority. Seeded: the same seed gives the same output on any number of cores.
///
/// Models: --sample-size N (default 1000): shares drawn from Dirichlet(N·p), the uncertainty
/// of a poll of N respondents; --voters N: a multinomial ballot count of N voters; --error PP:
/// an independent normal error of PP percentage points on each share. Each scenario is
/// allocated exactly as whole votes (1,000,000 for the Dirichlet and normal models).
#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// A `party,share` table (shares on any scale, e.g. per cent), or - for stdin.
    #[arg(long, value_name = "FILE", required_unless_present = "election")]
    pub shares: Option<PathBuf>,
    /// Centre the scenarios on an election of the dataset instead (its vote shares, with
    /// "against all"); its list seats and rules become the defaults.
    #[arg(long, value_name = "NAME", conflicts_with = "shares")]
    pub election: Option<String>,
    #[command(flatten)]
    pub data: crate::data::DataArgs,
    /// The number of seats [default with --election: its list seats].
    #[arg(long, value_parser = parse_seats, allow_hyphen_values = true)]
    pub seats: Option<NonZeroU32>,
    /// Dirichlet model: the poll's sample size.
    #[arg(long, value_name = "N", group = "model")]
    pub sample_size: Option<u32>,
    /// Multinomial model: the number of voters.
    #[arg(long, value_name = "N", group = "model")]
    pub voters: Option<u64>,
    /// Normal model: the standard error of each share, in percentage points.
    #[arg(long, value_name = "PP", group = "model")]
    pub error: Option<f64>,
    /// The share of "against all" on the scale of the shares (counts in the valid-ballot base).
    #[arg(long, value_name = "SHARE", conflicts_with = "election")]
    pub against_all_share: Option<f64>,
    #[arg(long, default_value_t = 100_000)]
    pub runs: u64,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    #[command(flatten)]
    pub method: MethodArgs,
    /// Output: table (aligned columns; csv gives the same), or json (the schema
    /// `maslihat.projection/1`, documented in docs/json.md).
    #[arg(long, value_enum, default_value_t = Format::Table, hide_possible_values = true)]
    pub format: Format,
    /// Also write the seat distributions as an SVG chart to this file.
    #[arg(long, value_name = "FILE")]
    pub chart: Option<PathBuf>,
    /// Worker threads [default: the number of cores]; the result is the same for any number.
    #[arg(long, value_name = "N", value_parser = crate::options::parse_jobs)]
    pub jobs: Option<std::num::NonZeroUsize>,
}

pub fn simulate_cmd(args: &SimulateArgs) -> crate::CmdResult {
    let (names, shares, origin, seats, rules) = match (&args.election, &args.shares) {
        (Some(name), _) => {
            let none = BallotArgs { against_all: 0, invalid: 0 };
            let Votes { names, tally, origin, seats, rules, .. } = election_votes(&args.data, name, none)?;
            let lists = tally.votes().iter().map(|v| *v as f64).collect();
            (names, Shares::new(lists).with_against_all(tally.against_all() as f64), origin, seats, rules)
        }
        (None, path) => {
            let path = path.clone().unwrap_or_else(|| PathBuf::from("-"));
            let rows = read_share_table(&path)?;
            let names: Vec<String> = rows.iter().map(|(name, _)| name.clone()).collect();
            let shares = Shares::new(rows.iter().map(|(_, share)| *share).collect())
                .with_against_all(args.against_all_share.unwrap_or(0.0));
            (names, shares, display_name(&path), None, None)
        }
    };
    let house = args.seats.map(NonZeroU32::get).or(seats).ok_or_else(missing_seats)?;
    let model = match (args.sample_size, args.voters, args.error) {
        (_, Some(voters), _) => Model::Multinomial { sample_size: voters },
        (_, _, Some(points)) => Model::Normal { sd_points: points },
        (sample, _, _) => Model::Dirichlet { sample_size: f64::from(sample.unwrap_or(1000)) },
    };
    let rules = args.method.rules_over(rules);
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(jobs) = args.jobs {
        pool = pool.num_threads(jobs.get());
    }
    let pool = pool.build().map_err(|err| Failure::Failed(err.into()))?;
    let projection = pool
        .install(|| simulate(&shares, house, &rules, &model, args.runs, args.seed))
        .map_err(|err| analysis_failure(err, &origin, &names))?;
    if let Some(path) = &args.chart {
        std::fs::write(path, projection_svg(&projection, &names))
            .with_context(|| format!("cannot write the chart to {}", path.display()))?;
    }
    let text = match args.format {
        Format::Json => {
            let doc = ProjectionDoc::new(&names, &projection);
            serde_json::to_string_pretty(&doc).context("JSON")? + "\n"
        }
        Format::Table | Format::Csv => {
            let header = ["party", "share", "mean seats", "median", "90 % interval", "passes", "majority"];
            let rows: Vec<Vec<String>> = projection
                .lists
                .iter()
                .map(|l| {
                    vec![
                        names[l.list].clone(),
                        format!("{:.2} %", l.share * 100.0),
                        format!("{:.2}", l.mean_seats),
                        l.median_seats.map_or_else(|| "-".to_owned(), |m| m.to_string()),
                        l.interval_90.map_or_else(|| "-".to_owned(), |[lo, hi]| format!("{lo}–{hi}")),
                        format!("{:.1} %", l.passes_threshold * 100.0),
                        format!("{:.1} %", l.majority * 100.0),
                    ]
                })
                .collect();
            let mut text = crate::output::columns(&header, &rows);
            let _ = writeln!(
                text,
                "\n{} runs (seed {}), {} allocated; no lawful allocation in {}, unresolved tie in {}; a single list \
                 holds a majority in {:.1} % of the allocated runs",
                projection.runs,
                projection.seed,
                projection.determined,
                projection.no_lawful_allocation,
                projection.unresolved_tie,
                projection.majority_any * 100.0
            );
            text
        }
    };
    print(&text)
}

/// What-if: one election under every method × threshold × house size, as CSV.
///
/// One row per scenario, a column of seats per list, then the disproportionality indices; a
/// spreadsheet opens it as it is.
#[derive(Debug, Args)]
pub struct SweepArgs {
    #[command(flatten)]
    pub votes: VotesArgs,
    /// House sizes: a list and ranges, e.g. `30` or `20-50` or `17,18,30-32` [default with
    /// --election: its list seats].
    #[arg(long, value_name = "SIZES", value_parser = parse_sizes)]
    pub seats: Option<HouseSizes>,
    /// Methods [default: every standard method].
    #[arg(long, value_name = "NAMES", value_delimiter = ',')]
    pub methods: Vec<String>,
    /// Thresholds [default: 0%,3%,5%,7%,10%].
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    pub thresholds: Vec<String>,
    /// The other rules (base, ties, runner-up reading) as for `allocate`.
    #[command(flatten)]
    pub method: MethodArgs,
    /// Output: csv (table gives the same), or json (the schema `maslihat.sweep/1`, documented in
    /// docs/json.md: the rows as an array).
    #[arg(long, value_enum, default_value_t = Format::Csv, hide_possible_values = true)]
    pub format: Format,
}

/// The house sizes of a sweep.
#[derive(Debug, Clone)]
pub struct HouseSizes(pub Vec<u32>);

/// `30`, `20-50`, `17,18,30-32`: the house sizes of a sweep.
fn parse_sizes(text: &str) -> Result<HouseSizes, String> {
    let mut sizes = Vec::new();
    for part in text.split(',') {
        let bad = || format!("expected house sizes such as 30, 20-50 or 17,18,30-32, found {text:?}");
        let (from, to) = part.split_once('-').unwrap_or((part, part));
        let from: u32 = from.trim().parse().map_err(|_| bad())?;
        let to: u32 = to.trim().parse().map_err(|_| bad())?;
        if from == 0 || to < from || to - from > 10_000 {
            return Err(bad());
        }
        sizes.extend(from..=to);
    }
    Ok(HouseSizes(sizes))
}

pub fn sweep_cmd(args: &SweepArgs) -> crate::CmdResult {
    let Votes { names, tally, seats, rules, .. } = args.votes.read()?;
    let house_sizes = match (&args.seats, seats) {
        (Some(sizes), _) => sizes.0.clone(),
        (None, Some(seats)) => vec![seats],
        (None, None) => return Err(missing_seats()),
    };
    let methods: Vec<Method> = if args.methods.is_empty() {
        Method::all_standard()
    } else {
        args.methods
            .iter()
            .map(|m| m.parse().map_err(|e: maslihat_apportion::ParseError| Failure::Input(e.into())))
            .collect::<Result<_, _>>()?
    };
    let thresholds: Vec<Threshold> = if args.thresholds.is_empty() {
        ["0%", "3%", "5%", "7%", "10%"].iter().filter_map(|t| t.parse().ok()).collect()
    } else {
        args.thresholds
            .iter()
            .map(|t| t.parse().map_err(|e: maslihat_apportion::ParseError| Failure::Input(e.into())))
            .collect::<Result<_, _>>()?
    };
    let rows = sweep(&tally, &methods, &thresholds, &house_sizes, &args.method.rules_over(rules));
    match args.format {
        Format::Json => {
            let doc = SweepDoc::new(&names, &rows);
            print(&(serde_json::to_string_pretty(&doc).context("JSON")? + "\n"))
        }
        Format::Table | Format::Csv => print(&sweep_csv(&rows, &names)),
    }
}
