//! `maslihat mixed`: a mixed-member election: constituency seats compensated with list seats,
//! with overhang kept (New Zealand), balanced (Germany 2013–2021) or kept while the others
//! share the rest (Denmark's Folketing).

use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow};
use clap::{Args, ValueEnum};
use maslihat_apportion::multi_district::{
    DENMARK_SEATS, MixedParty, MixedResult, MultiError, OverhangRule, denmark_folketing, mixed_member,
};
use maslihat_apportion::{AllocError, Divisor, Method, Threshold, TiePolicy};
use maslihat_ingest::mixed_table::{MixedRow, read_mixed_table};
use maslihat_ingest::vote_table::{TableError, TableErrorKind};
use maslihat_render::text::{Align, align_columns};
use serde::Serialize;

use crate::exit::Failure;
use crate::input::{display_name, failure, open};
use crate::output::Format;

/// Compensate constituency seats with list seats (mixed-member proportional systems).
///
/// FILE is CSV with a header holding `party`, `votes` (list votes) and `constituency_seats`
/// (seats won in constituencies), one row per party; independents and parties below the
/// threshold keep their constituency seats, set aside first. Use `-` for stdin.
///
/// Example: maslihat mixed --rule denmark folketing-2022.csv
#[derive(Debug, Args)]
pub struct MixedArgs {
    /// The table (`party,votes,constituency_seats`), or `-` for stdin.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// What happens to a party with more constituency seats than its share: new-zealand (kept,
    /// the house grows), balanced (the house grows until every share covers them: Germany
    /// 2013–2021, national level), denmark (kept, the others share the rest; with Denmark's
    /// 175 seats, largest remainders and 2 % threshold unless given)
    #[arg(long, value_enum, value_name = "RULE")]
    pub rule: RuleArg,
    /// The seats of the house before any overhang [default with --rule denmark: 175]
    #[arg(long, value_name = "N", value_parser = crate::options::parse_seats)]
    pub house: Option<std::num::NonZeroU32>,
    /// The proportional method [default: sainte-lague; hare with --rule denmark]
    #[arg(long, value_name = "NAME")]
    pub method: Option<Method>,
    /// The list-vote share a party needs, such as 5% (or a constituency seat, see
    /// --constituencies-to-qualify) [default: none; 2% with --rule denmark]
    #[arg(long, value_name = "SHARE")]
    pub threshold: Option<Threshold>,
    /// The constituency seats that qualify a party whatever its share (0: none do) [default: 1]
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub constituencies_to_qualify: u32,
    /// The base of the threshold: all valid votes, if more than the parties' votes in FILE
    /// (independents, blank lists) [default: the sum of the votes column]
    #[arg(long, value_name = "N", value_parser = crate::options::parse_count)]
    pub valid_votes: Option<u64>,
    /// Tie policy for the proportional allocations (error, registration, votes, lot:SEED)
    /// [default: registration]
    #[arg(long, value_name = "POLICY")]
    pub tie_break: Option<TiePolicy>,
    /// Output format: table or json (`maslihat.mixed/1`, docs/json.md).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// The command-line names of [`OverhangRule`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RuleArg {
    NewZealand,
    Balanced,
    Denmark,
}

pub fn run(args: &MixedArgs) -> crate::CmdResult {
    if args.format == Format::Csv {
        return Err(Failure::Input(anyhow!("maslihat mixed writes --format table or json")));
    }
    let rows = read(&args.file)?;
    let file = display_name(&args.file);
    let votes: Vec<u64> = rows.iter().map(|r| r.votes).collect();
    let mut constituency = Vec::with_capacity(rows.len());
    for row in &rows {
        let Ok(seats) = u32::try_from(row.constituency_seats) else {
            let kind = TableErrorKind::BadSeats { found: row.constituency_seats.to_string() };
            return Err(failure(&[TableError::at(&PathBuf::from(&file), Some(row.line), None, kind)]));
        };
        constituency.push(seats);
    }
    let listed: u64 = votes.iter().sum();
    let valid = args.valid_votes.unwrap_or(listed).max(listed);
    let tie_policy = args.tie_break.unwrap_or(TiePolicy::Registration);
    let threshold = match args.threshold {
        None | Some(Threshold::None) => None,
        Some(Threshold::Percent(share)) => Some(share),
        Some(Threshold::Votes { .. }) => {
            return Err(Failure::Input(anyhow!("--threshold takes a share such as 5%, not a number of votes")));
        }
    };
    let plain_denmark = args.rule == RuleArg::Denmark
        && args.house.is_none_or(|h| h.get() == DENMARK_SEATS)
        && args.method.is_none()
        && threshold.is_none()
        && args.constituencies_to_qualify == 1;
    let result = if plain_denmark {
        denmark_folketing(&votes, &constituency, &vec![false; votes.len()], valid, tie_policy)
    } else {
        let (house, method, share) = match args.rule {
            RuleArg::Denmark => (
                args.house.map_or(DENMARK_SEATS, std::num::NonZeroU32::get),
                args.method.clone().unwrap_or(Method::LargestRemainder(maslihat_apportion::Quota::Hare)),
                threshold.or(maslihat_apportion::Percentage::new(2, 100).ok()),
            ),
            _ => {
                let house = args.house.map(std::num::NonZeroU32::get).ok_or_else(|| {
                    Failure::Input(anyhow!("give the house size with --house N (before any overhang)"))
                })?;
                (house, args.method.clone().unwrap_or(Method::Divisor(Divisor::SainteLague)), threshold)
            }
        };
        let qualified: Vec<bool> = votes
            .iter()
            .zip(&constituency)
            .map(|(v, c)| {
                let by_seats = args.constituencies_to_qualify > 0 && *c >= args.constituencies_to_qualify;
                let by_share = share.is_none_or(|p| {
                    u128::from(*v) * u128::from(p.denominator()) >= u128::from(p.numerator()) * u128::from(valid)
                });
                by_seats || by_share
            })
            .collect();
        let rule = match args.rule {
            RuleArg::NewZealand => OverhangRule::KeptHouseEnlarged,
            RuleArg::Balanced => OverhangRule::Balanced,
            RuleArg::Denmark => OverhangRule::KeptOthersShareRest,
        };
        mixed_member(&votes, &constituency, &qualified, house, &method, rule, tie_policy)
    };
    let names: Vec<String> = rows.iter().map(|r| r.party.clone()).collect();
    let result = result.map_err(|err| mixed_failure(err, &file, &names))?;
    let text = match args.format {
        Format::Json => {
            let doc = MixedDoc::new(&result, &names);
            let mut text = serde_json::to_string_pretty(&doc).context("cannot write JSON")?;
            text.push('\n');
            text
        }
        _ => table(&result, &names),
    };
    crate::output::print(&text)
}

fn read(path: &Path) -> Result<Vec<MixedRow>, Failure> {
    let name = PathBuf::from(display_name(path));
    let input = open(path)
        .map_err(|err| failure(&[TableError::file(&name, TableErrorKind::CannotOpen { message: err.to_string() })]))?;
    read_mixed_table(input, &name).map_err(|errors| failure(&errors))
}

fn mixed_failure(err: MultiError, file: &str, names: &[String]) -> Failure {
    match err {
        MultiError::Alloc(AllocError::UnresolvedTie(tie)) => Failure::Undetermined(anyhow!(
            "{file}: {} (tie policy: error)",
            tie.describe_unresolved(|i| names.get(i).cloned().unwrap_or_default())
        )),
        other => Failure::Input(anyhow!("{file}: {other}")),
    }
}

/// The parties with their constituency, proportional, overhang, balance, list and total seats.
fn table(result: &MixedResult, names: &[String]) -> String {
    let mut rows = vec![
        ["party", "votes", "qualified", "constituency", "entitlement", "overhang", "balance", "list", "total"]
            .map(str::to_owned)
            .to_vec(),
    ];
    for (party, name) in result.parties.iter().zip(names) {
        rows.push(vec![
            name.clone(),
            party.votes.to_string(),
            if party.qualified { "yes" } else { "no" }.to_owned(),
            party.constituency_seats.to_string(),
            party.entitlement.to_string(),
            party.overhang.to_string(),
            party.balance.to_string(),
            party.list_seats.to_string(),
            party.total.to_string(),
        ]);
    }
    let mut align = vec![Align::Right; 9];
    align[0] = Align::Left;
    align[2] = Align::Left;
    let mut out = align_columns(&rows, &align);
    out.push_str(&format!("house: {} seats\n", result.house_size));
    let name = |i: usize| names.get(i).cloned().unwrap_or_default();
    for tie in &result.ties {
        out.push_str(&format!("tie: {}\n", tie.describe(name)));
    }
    for (size, tie) in &result.search_ties {
        out.push_str(&format!("tie at {size} seats, tried on the way: {}\n", tie.describe(name)));
    }
    out
}

/// The JSON document `maslihat.mixed/1` (docs/json.md).
#[derive(Debug, Serialize)]
pub struct MixedDoc<'a> {
    pub schema: &'static str,
    pub rule: OverhangRule,
    pub house_size: u32,
    pub parties: Vec<MixedPartyDoc<'a>>,
    pub ties: &'a [maslihat_apportion::Tie],
    pub search_ties: &'a [(u32, maslihat_apportion::Tie)],
}

#[derive(Debug, Serialize)]
pub struct MixedPartyDoc<'a> {
    pub name: &'a str,
    #[serde(flatten)]
    pub figures: &'a MixedParty,
}

impl<'a> MixedDoc<'a> {
    pub fn new(result: &'a MixedResult, names: &'a [String]) -> MixedDoc<'a> {
        let parties = result.parties.iter().zip(names).map(|(figures, name)| MixedPartyDoc { name, figures }).collect();
        MixedDoc {
            schema: "maslihat.mixed/1",
            rule: result.rule,
            house_size: result.house_size,
            parties,
            ties: &result.ties,
            search_ties: &result.search_ties,
        }
    }
}
