//! `maslihat districts`: a multi-district election: seats to the districts (given, by the
//! Czech rounded national quota, or by a method over their sizes), a national threshold, then
//! each district's seats among the parties that passed it; the seat matrix with totals.

use std::fmt::Write;
use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use anyhow::{Context, anyhow};
use clap::Args;
use maslihat_apportion::multi_district::{
    MultiError, NationalThenDistricts, NationalThreshold, national_threshold_with_base, seats_by_rounded_quota,
};
use maslihat_apportion::{
    AllocError, Divisor, Method, ParseError, Ratio, Rules, Tally, Threshold, Tie, TiePolicy, explain,
};
use maslihat_ingest::matrix_table::MatrixTable;
use maslihat_ingest::vote_table::{TableError, TableErrorKind};
use maslihat_render::allocation::{TieDoc, tie_doc};
use maslihat_render::text::{Align, CsvWriter, align_columns};
use serde::Serialize;

use crate::biproportional_cmd::{in_table_order, order, read_districts, read_votes};
use crate::exit::Failure;
use crate::input::{display_name, failure};
use crate::output::Format;

/// Allocate seats district by district among the parties that passed a national threshold.
///
/// VOTES is CSV with a header holding the columns `district`, `party` and `votes` (other columns
/// ignored), one row per district and party; a party without a row in a district has no votes
/// there. Use `-` for stdin. The district seats come from --district-seats (a `district,seats`
/// table) or from --district-sizes with --house (seats apportioned by size: by default the
/// Czech rule, a national quota rounded to units then largest remainders).
///
/// Example: maslihat districts --threshold 5% --district-seats seats.csv votes.csv
#[derive(Debug, Args)]
pub struct DistrictsArgs {
    /// The long vote table (`district,party,votes`), or `-` for stdin.
    #[arg(value_name = "VOTES")]
    pub votes: PathBuf,
    /// A `district,seats` table: each district's seats.
    #[arg(long, value_name = "FILE", conflicts_with = "district_sizes")]
    pub district_seats: Option<PathBuf>,
    /// A `district,size` table (valid votes, population or electorate): the districts get
    /// --house seats by --district-method.
    #[arg(long, value_name = "FILE", requires = "house")]
    pub district_sizes: Option<PathBuf>,
    /// The seats of the house, with --district-sizes.
    #[arg(long, value_name = "N", value_parser = crate::options::parse_seats)]
    pub house: Option<NonZeroU32>,
    /// How --house seats go to the districts by size: czech (size ÷ the national quota, all
    /// sizes ÷ house rounded to units, then the largest remainders; Act 247/1995 Coll. § 48 as
    /// amended in 2021) or any method name as for --method [default: czech]
    #[arg(long, value_name = "RULE")]
    pub district_method: Option<DistrictRule>,
    /// The method within each district: any method of `maslihat allocate --method` [default:
    /// dhondt]
    #[arg(long, value_name = "NAME")]
    pub method: Option<Method>,
    /// The national threshold: a share of all valid votes such as 5% (exact; reaching it
    /// passes), a number of votes such as "1000 votes", or none [default: none]
    #[arg(long, value_name = "T")]
    pub threshold: Option<Threshold>,
    /// The base of a --threshold share: all valid votes, when more than the votes in VOTES
    /// (independents, lists left out) [default: the sum of the votes column]
    #[arg(long, value_name = "N", value_parser = crate::options::parse_count)]
    pub valid_votes: Option<u64>,
    /// Tie policy within the districts and for district seats by a method (error, registration,
    /// votes, lot:SEED); every tie is reported. Equal remainders under the Czech rule are
    /// always an error (the law draws lots) [default: registration]
    #[arg(long, value_name = "POLICY")]
    pub tie_break: Option<TiePolicy>,
    /// Output format: table, json (`maslihat.districts/1`, docs/json.md) or csv (one row per
    /// district and party).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Explain every stage (with --format table or json): the district seats, who passed the
    /// national threshold, each district's allocation.
    #[arg(long)]
    pub explain: bool,
}

/// How seats go to the districts by size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DistrictRule {
    /// The Czech first stage: a national quota rounded to units, then the largest remainders.
    Czech,
    /// One of the core's methods over the sizes.
    Method(Method),
}

impl FromStr for DistrictRule {
    type Err = String;

    fn from_str(text: &str) -> Result<DistrictRule, String> {
        if text.trim().eq_ignore_ascii_case("czech") {
            return Ok(DistrictRule::Czech);
        }
        text.parse().map(DistrictRule::Method).map_err(|err: ParseError| {
            let message = err.to_string();
            format!("expected czech or {}", message.strip_prefix("expected ").unwrap_or(&message))
        })
    }
}

/// Where the district seats came from, for the explanation and the JSON document.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum DistrictSeatsSource {
    /// A `district,seats` table.
    Given { file: String },
    /// The Czech rule over the sizes.
    Czech {
        file: String,
        house: u32,
        /// All sizes ÷ house, rounded half up.
        quota: u64,
        sizes: Vec<u64>,
        remainders: Vec<u64>,
        /// Districts (by name) that got a seat for their remainder, in order.
        remainder_seats: Vec<String>,
    },
    /// A method over the sizes.
    Method {
        file: String,
        house: u32,
        method: Method,
        sizes: Vec<u64>,
        /// Ties met, lists named as districts.
        ties: Vec<TieNamed>,
    },
}

/// A tie with its lists named.
#[derive(Debug, Clone, Serialize)]
pub struct TieNamed {
    pub stage: maslihat_apportion::TieStage,
    pub lists: Vec<String>,
    pub seats_in_contention: u32,
    pub winners: Vec<String>,
    pub policy: String,
    pub draw: Option<Vec<String>>,
    /// The sentence as the table prints it.
    #[serde(skip)]
    pub sentence: String,
}

impl TieNamed {
    fn new(tie: &Tie, names: &[String]) -> TieNamed {
        let doc: TieDoc<'_> = tie_doc(tie, names);
        let owned = |names: Vec<&str>| names.into_iter().map(str::to_owned).collect::<Vec<_>>();
        TieNamed {
            stage: doc.stage,
            lists: owned(doc.parties),
            seats_in_contention: doc.seats_in_contention,
            winners: owned(doc.winners),
            policy: doc.policy,
            draw: doc.draw.map(owned),
            sentence: tie.describe(|i| names.get(i).cloned().unwrap_or_default()),
        }
    }
}

pub fn run(args: &DistrictsArgs) -> crate::CmdResult {
    if args.explain && args.format == Format::Csv {
        return Err(Failure::Input(anyhow!(
            "--explain needs --format table or json: an explanation does not fit a CSV table"
        )));
    }
    let table = read_votes(&args.votes)?;
    let tie_policy = args.tie_break.unwrap_or(TiePolicy::Registration);
    let (district_seats, source) = district_seats(args, &table, tie_policy)?;
    let rules = Rules {
        method: args.method.clone().unwrap_or(Method::Divisor(Divisor::DHondt)),
        tie_policy,
        ..Rules::default()
    };
    let national =
        NationalThreshold { threshold: args.threshold.unwrap_or(Threshold::None), valid_votes: args.valid_votes };
    let result = national_threshold_with_base(&table.votes, &district_seats, national, &rules)
        .map_err(|err| multi_failure(err, &args.votes, &table, &source))?;
    let computed =
        Computed { table: &table, district_seats: &district_seats, source: &source, result: &result, national };
    let explanation = args.explain.then(|| computed.explanation());
    let text = match args.format {
        Format::Table => {
            let mut text = computed.matrix_text();
            if let Some(explanation) = explanation {
                text.push('\n');
                text.push_str(&explanation);
            }
            text
        }
        Format::Json => {
            let doc = computed.doc(&rules, explanation);
            let mut text = serde_json::to_string_pretty(&doc).context("cannot write JSON")?;
            text.push('\n');
            text
        }
        Format::Csv => computed.csv()?,
    };
    crate::output::print(&text)
}

/// The district seats in the order of the vote table, and where they came from.
fn district_seats(
    args: &DistrictsArgs,
    table: &MatrixTable,
    tie_policy: TiePolicy,
) -> Result<(Vec<u32>, DistrictSeatsSource), Failure> {
    let (path, column) = match (&args.district_seats, &args.district_sizes) {
        (Some(path), _) => (path, "seats"),
        (None, Some(path)) => (path, "size"),
        (None, None) => {
            return Err(Failure::Input(anyhow!(
                "give the district seats: --district-seats FILE (district,seats) or --district-sizes FILE (district,size) \
                 with --house N"
            )));
        }
    };
    if column == "seats" && (args.house.is_some() || args.district_method.is_some()) {
        return Err(Failure::Input(anyhow!(
            "--house and --district-method apportion seats to the districts by size: they go with --district-sizes, \
             not with --district-seats"
        )));
    }
    let file = display_name(path);
    let rows = read_districts(path, column)?;
    let values = in_table_order(&rows, table, path, &args.votes)?;
    if column == "seats" {
        let mut seats = Vec::with_capacity(values.len());
        for (value, row) in values.iter().zip(order(&rows, table)) {
            let Some(value) = u32::try_from(*value).ok().filter(|seats| *seats > 0) else {
                let kind = TableErrorKind::BadSeats { found: value.to_string() };
                let at = TableError::at(&PathBuf::from(&file), Some(row.line), Some(row.column as usize), kind);
                return Err(failure(&[at]));
            };
            seats.push(value);
        }
        return Ok((seats, DistrictSeatsSource::Given { file }));
    }
    let house = args.house.map_or(0, NonZeroU32::get);
    match args.district_method.clone().unwrap_or(DistrictRule::Czech) {
        DistrictRule::Czech => {
            let found = seats_by_rounded_quota(&values, house).map_err(|err| match err {
                MultiError::TieAtCut { districts, seats } => Failure::Undetermined(anyhow!(
                    "{file}: districts {} have equal remainders and contend for {seats} {}; the law draws lots: give \
                     the seats drawn with --district-seats",
                    names(&districts, &table.districts),
                    if seats == 1 { "seat" } else { "seats" }
                )),
                other => Failure::Input(anyhow!("{file}: the Czech rule: {other}")),
            })?;
            let remainder_seats = found.remainder_order.iter().map(|d| table.districts[*d].clone()).collect();
            let source = DistrictSeatsSource::Czech {
                file,
                house,
                quota: found.quota,
                sizes: values,
                remainders: found.remainders,
                remainder_seats,
            };
            Ok((found.seats, source))
        }
        DistrictRule::Method(method) => {
            let rules = Rules { method: method.clone(), tie_policy, ..Rules::default() };
            let allocation =
                maslihat_apportion::allocate(&Tally::new(values.clone()), house, &rules).map_err(|err| {
                    crate::exit::alloc_failure(err, &format!("{file}: district seats by {method}"), |i| {
                        table.districts.get(i).cloned().unwrap_or_default()
                    })
                })?;
            let ties = allocation.ties.iter().map(|tie| TieNamed::new(tie, &table.districts)).collect();
            Ok((allocation.seats(), DistrictSeatsSource::Method { file, house, method, sizes: values, ties }))
        }
    }
}

/// `1 seat`, `5 seats`.
fn seats_text(seats: u32) -> String {
    if seats == 1 { "1 seat".to_owned() } else { format!("{seats} seats") }
}

fn names(indices: &[usize], all: &[String]) -> String {
    indices.iter().map(|i| all.get(*i).cloned().unwrap_or_default()).collect::<Vec<_>>().join(", ")
}

/// A library error as a failure: a tie under the error policy is undetermined (exit 3), the
/// rest are input errors (exit 2); districts and parties named.
fn multi_failure(err: MultiError, votes: &Path, table: &MatrixTable, source: &DistrictSeatsSource) -> Failure {
    let file = display_name(votes);
    match (err, source) {
        (
            MultiError::InDistrict { district, error: AllocError::NoSeats },
            DistrictSeatsSource::Czech { file: sizes, .. } | DistrictSeatsSource::Method { file: sizes, .. },
        ) => Failure::Input(anyhow!(
            "{sizes}: district {} gets no seat from its size, and every district needs one: a larger --house, or \
             the seats with --district-seats",
            table.districts[district]
        )),
        (MultiError::InDistrict { district, error }, _) => {
            let context = format!("{file}: district {}", table.districts[district]);
            crate::exit::alloc_failure(error, &context, |i| table.parties.get(i).cloned().unwrap_or_default())
        }
        (MultiError::NoPartyPasses, _) => {
            Failure::Input(anyhow!("{file}: no party reached the national threshold, so no seat can be allocated"))
        }
        (MultiError::BaseBelowVotes { base, votes }, _) => Failure::Input(anyhow!(
            "--valid-votes {base} is fewer than the {votes} votes of {file}: the valid votes include every party's"
        )),
        (MultiError::PartyVotesTooLarge { party, votes }, _) => Failure::Input(anyhow!(
            "{file}: {} has {votes} votes over all districts, more than a count holds ({})",
            table.parties.get(party).cloned().unwrap_or_default(),
            u64::MAX
        )),
        (other, _) => Failure::Input(anyhow!("{file}: {other}")),
    }
}

/// Everything computed, for the output formats.
struct Computed<'a> {
    table: &'a MatrixTable,
    district_seats: &'a [u32],
    source: &'a DistrictSeatsSource,
    result: &'a NationalThenDistricts,
    national: NationalThreshold,
}

impl Computed<'_> {
    /// `matrix[district][party]`, every party (zero below the threshold).
    fn matrix(&self) -> Vec<Vec<u32>> {
        self.result
            .districts
            .iter()
            .map(|allocation| {
                let mut row = vec![0; self.table.parties.len()];
                for (position, party) in self.result.qualified.iter().enumerate() {
                    row[*party] = allocation.lists[position].seats;
                }
                row
            })
            .collect()
    }

    fn share(&self, party: usize) -> Option<Ratio> {
        Ratio::new(u128::from(self.result.national_votes[party]), self.result.base_votes).ok()
    }

    fn passed(&self, party: usize) -> bool {
        self.result.qualified.contains(&party)
    }

    fn tie_sentences(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if let DistrictSeatsSource::Method { ties, .. } = self.source {
            lines.extend(ties.iter().map(|tie| format!("tie in the district seats: {}", tie.sentence)));
        }
        for tie in &self.result.ties {
            let sentence = tie.tie.describe(|i| self.table.parties.get(i).cloned().unwrap_or_default());
            lines.push(format!("tie in {}: {sentence}", self.table.districts[tie.district]));
        }
        lines
    }

    /// The matrix as aligned columns: a row per district with its seats, the party totals
    /// below, then the parties below the national threshold and the ties.
    fn matrix_text(&self) -> String {
        let mut header = vec!["district".to_owned()];
        header.extend(self.table.parties.iter().cloned());
        header.push("seats".to_owned());
        let mut rows = vec![header];
        for (i, row) in self.matrix().iter().enumerate() {
            let mut cells = vec![self.table.districts[i].clone()];
            cells.extend(row.iter().map(ToString::to_string));
            cells.push(self.district_seats[i].to_string());
            rows.push(cells);
        }
        let mut totals = vec!["seats".to_owned()];
        totals.extend(self.result.seats.iter().map(ToString::to_string));
        totals.push(self.district_seats.iter().map(|s| u64::from(*s)).sum::<u64>().to_string());
        rows.push(totals);
        let mut align = vec![Align::Right; rows[0].len()];
        align[0] = Align::Left;
        let mut out = align_columns(&rows, &align);
        let below: Vec<String> = (0..self.table.parties.len())
            .filter(|p| !self.passed(*p))
            .map(|p| {
                let share = self.share(p).map_or_else(String::new, |share| format!(", {} %", share.percent(2)));
                format!("{} ({} votes{share})", self.table.parties[p], self.result.national_votes[p])
            })
            .collect();
        if !below.is_empty() {
            let _ = writeln!(out, "below the national threshold of {}: {}", self.national.threshold, below.join("; "));
        }
        for line in self.tie_sentences() {
            let _ = writeln!(out, "{line}");
        }
        out
    }

    /// The explanation, stage by stage.
    fn explanation(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "1. district seats");
        match self.source {
            DistrictSeatsSource::Given { file } => {
                let _ = writeln!(out, "given in {file}:");
                for (name, seats) in self.table.districts.iter().zip(self.district_seats) {
                    let _ = writeln!(out, "  {name}: {seats}");
                }
            }
            DistrictSeatsSource::Czech { file, house, quota, sizes, remainders, remainder_seats } => {
                let total: u128 = sizes.iter().map(|s| u128::from(*s)).sum();
                let _ = writeln!(
                    out,
                    "the Czech rule over the sizes in {file} (Act 247/1995 Coll. § 48 as amended by Act 189/2021 \
                     Coll.): quota {total} ÷ {house} rounded to units = {quota}; each district gets the whole quotas \
                     in its size, the seats left over go to the largest remainders ({})",
                    if remainder_seats.is_empty() { "none left over".to_owned() } else { remainder_seats.join(", ") }
                );
                for (i, name) in self.table.districts.iter().enumerate() {
                    let whole = sizes[i] / quota;
                    let seats = seats_text(self.district_seats[i]);
                    let given = if remainder_seats.contains(name) {
                        format!("{whole} + 1 for the remainder = {seats}")
                    } else {
                        seats
                    };
                    let _ = writeln!(out, "  {name}: {} = {whole} × {quota} + {} → {given}", sizes[i], remainders[i]);
                }
            }
            DistrictSeatsSource::Method { file, house, method, sizes, .. } => {
                let _ = writeln!(out, "{house} seats by {method} over the sizes in {file}:");
                for (i, name) in self.table.districts.iter().enumerate() {
                    let _ = writeln!(out, "  {name}: size {}, {}", sizes[i], seats_text(self.district_seats[i]));
                }
            }
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "2. national threshold");
        match self.national.threshold {
            Threshold::None => {
                let _ = writeln!(out, "none: every party takes part");
            }
            threshold => {
                let _ = writeln!(
                    out,
                    "{threshold} of {} valid votes: {} votes or more pass (compared exactly)",
                    self.result.base_votes, self.result.threshold_votes
                );
            }
        }
        for (party, name) in self.table.parties.iter().enumerate() {
            let share = self.share(party).map_or_else(String::new, |share| format!(" ({} %)", share.percent(2)));
            let verdict = if self.passed(party) { "passes" } else { "below the threshold" };
            let _ = writeln!(out, "  {name}: {}{share}, {verdict}", self.result.national_votes[party]);
        }
        let names: Vec<String> = self.result.qualified.iter().map(|p| self.table.parties[*p].clone()).collect();
        for (i, allocation) in self.result.districts.iter().enumerate() {
            let _ = writeln!(out);
            let _ = writeln!(out, "3.{} district {}", i + 1, self.table.districts[i]);
            out.push_str(&explain(allocation, &names));
        }
        out
    }

    /// One row per district and party: `district,party,votes,seats`.
    fn csv(&self) -> Result<String, Failure> {
        let mut writer = CsvWriter::new(Vec::new());
        writer.record(["district", "party", "votes", "seats"])?;
        for (i, (district, row)) in self.table.districts.iter().zip(self.matrix()).enumerate() {
            for (j, party) in self.table.parties.iter().enumerate() {
                writer.record([
                    district.clone(),
                    party.clone(),
                    self.table.votes[i][j].to_string(),
                    row[j].to_string(),
                ])?;
            }
        }
        let bytes = writer.finish()?;
        String::from_utf8(bytes).map_err(|err| Failure::Failed(err.into()))
    }

    fn doc(&self, rules: &Rules, explanation: Option<String>) -> DistrictsDoc<'_> {
        let districts = self
            .table
            .districts
            .iter()
            .enumerate()
            .map(|(i, name)| DistrictDoc {
                name,
                seats: self.district_seats[i],
                votes: self.table.votes[i].iter().map(|v| u128::from(*v)).sum::<u128>().to_string(),
            })
            .collect();
        let parties = self
            .table
            .parties
            .iter()
            .enumerate()
            .map(|(j, name)| PartyDoc {
                name,
                votes: self.result.national_votes[j],
                share: self.share(j),
                passed: self.passed(j),
                seats: self.result.seats[j],
            })
            .collect();
        let ties = self
            .result
            .ties
            .iter()
            .map(|tie| DistrictTieDoc {
                district: &self.table.districts[tie.district],
                tie: TieNamed::new(&tie.tie, &self.table.parties),
            })
            .collect();
        DistrictsDoc {
            schema: "maslihat.districts/1",
            house_size: self.district_seats.iter().map(|s| u64::from(*s)).sum(),
            method: rules.method.name(),
            threshold: self.national.threshold.to_string(),
            base_votes: self.result.base_votes.to_string(),
            threshold_votes: self.result.threshold_votes.to_string(),
            tie_break: rules.tie_policy.name(),
            district_seats: self.source,
            districts,
            parties,
            seats: self.matrix(),
            ties,
            explanation,
        }
    }
}

/// The JSON document `maslihat.districts/1` (docs/json.md).
#[derive(Debug, Serialize)]
pub struct DistrictsDoc<'a> {
    pub schema: &'static str,
    pub house_size: u64,
    pub method: String,
    pub threshold: String,
    /// The threshold base in votes, as a string (it may exceed 2^53).
    pub base_votes: String,
    pub threshold_votes: String,
    pub tie_break: String,
    pub district_seats: &'a DistrictSeatsSource,
    pub districts: Vec<DistrictDoc<'a>>,
    pub parties: Vec<PartyDoc<'a>>,
    /// `seats[district][party]`, every party (zero below the threshold).
    pub seats: Vec<Vec<u32>>,
    pub ties: Vec<DistrictTieDoc<'a>>,
    pub explanation: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct DistrictDoc<'a> {
    pub name: &'a str,
    pub seats: u32,
    /// The votes of the district's rows, as a string.
    pub votes: String,
}

#[derive(Debug, Serialize)]
pub struct PartyDoc<'a> {
    pub name: &'a str,
    pub votes: u64,
    /// Its votes over the threshold base (null only when the base is zero).
    pub share: Option<Ratio>,
    pub passed: bool,
    pub seats: u32,
}

#[derive(Debug, Serialize)]
pub struct DistrictTieDoc<'a> {
    pub district: &'a str,
    #[serde(flatten)]
    pub tie: TieNamed,
}
