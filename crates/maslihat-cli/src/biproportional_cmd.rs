//! `maslihat biproportional`: the seat matrix of a biproportional apportionment (Zurich's
//! "doppelter Pukelsheim") from a long `district,party,votes` table and the district seats.

use std::path::{Path, PathBuf};

use anyhow::{Context, anyhow};
use clap::{Args, ValueEnum};
use maslihat_apportion::biproportional::{
    BiError, BiRules, Biproportional, DistrictSeats, LowerError, PartyStatus, VoteMatrix, VoterNumbers, biproportional,
    explain,
};
use maslihat_apportion::{Method, Percentage, Threshold, TiePolicy};
use maslihat_ingest::matrix_table::{DistrictRow, MatrixTable, read_district_table, read_matrix_table};
use maslihat_ingest::vote_table::{TableError, TableErrorKind};
use maslihat_render::text::{Align, CsvWriter, align_columns};
use serde::Serialize;

use crate::exit::Failure;
use crate::input::{display_name, failure, open};
use crate::output::Format;

/// Apportion seats biproportionally: seats to parties over all districts (the upper
/// apportionment), then the seat matrix that gives every district its seats and every party
/// its seats, each cell the standard rounding of votes ÷ (district divisor × party divisor).
///
/// VOTES is CSV with a header holding the columns `district`, `party` and `votes` (other columns
/// ignored), one row per district and party; a party without a row in a district has no votes
/// there. Use `-` for stdin. The district seats come from --district-seats (a `district,seats`
/// table) or from --district-sizes with --house (seats apportioned by size).
///
/// Example: maslihat biproportional --rules zurich --district-seats seats.csv votes.csv
#[derive(Debug, Args)]
pub struct BiproportionalArgs {
    /// The long vote table (`district,party,votes`), or `-` for stdin.
    #[arg(value_name = "VOTES")]
    pub votes: PathBuf,
    /// A `district,seats` table: each district's seats.
    #[arg(long, value_name = "FILE", conflicts_with = "district_sizes")]
    pub district_seats: Option<PathBuf>,
    /// A `district,size` table (population or electorate): the districts get --house seats in
    /// proportion, by --district-method.
    #[arg(long, value_name = "FILE", requires = "house")]
    pub district_sizes: Option<PathBuf>,
    /// The seats of the house, with --district-sizes.
    #[arg(long, value_name = "N", value_parser = crate::options::parse_seats)]
    pub house: Option<std::num::NonZeroU32>,
    /// The method that apportions --house seats to the districts by size [default: sainte-lague]
    #[arg(long, value_name = "NAME")]
    pub district_method: Option<Method>,
    /// Rule preset: zurich (voter numbers per district rounded to whole numbers, 5 % of the votes
    /// in at least one district). Explicit options override it.
    #[arg(long, value_enum, value_name = "PRESET")]
    pub rules: Option<BiPreset>,
    /// What a party's weight in the upper apportionment is [default: per-seat, or the preset's]
    #[arg(long, value_enum, value_name = "KIND")]
    pub voter_numbers: Option<VoterNumbersArg>,
    /// A party takes part if it has this share of the votes in at least one district, such as
    /// 5% (exact; reaching it passes), or none [default: none, or the preset's]
    #[arg(long, value_name = "SHARE")]
    pub district_threshold: Option<Threshold>,
    /// A party takes part (also) if it has this share of all votes, such as 3%, or none.
    #[arg(long, value_name = "SHARE")]
    pub overall_threshold: Option<Threshold>,
    /// Tie policy for the district seats and the upper apportionment (error, registration,
    /// votes, lot:SEED); with error, a tie in the seat matrix also stops (exit 3). A tie in the
    /// matrix is always reported [default: registration]
    #[arg(long, value_name = "POLICY")]
    pub tie_break: Option<TiePolicy>,
    /// Output format: table, json (`maslihat.biproportional/1`, docs/json.md) or csv (one row per
    /// district and party).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Explain every step (with --format table or json): district seats, threshold, voter numbers
    /// and the upper divisor, the matrix with its divisors, the ties.
    #[arg(long)]
    pub explain: bool,
}

/// A named set of biproportional rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BiPreset {
    /// The Zurich rules (city council and cantonal council).
    Zurich,
}

/// The command-line names of [`VoterNumbers`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VoterNumbersArg {
    /// The sum of the party's votes.
    Votes,
    /// The sum of its votes ÷ the district's seats, exact.
    PerSeat,
    /// As per-seat, each district's quotient rounded to a whole number (Zurich).
    PerSeatRounded,
}

impl From<VoterNumbersArg> for VoterNumbers {
    fn from(arg: VoterNumbersArg) -> VoterNumbers {
        match arg {
            VoterNumbersArg::Votes => VoterNumbers::Votes,
            VoterNumbersArg::PerSeat => VoterNumbers::PerSeat,
            VoterNumbersArg::PerSeatRounded => VoterNumbers::PerSeatRounded,
        }
    }
}

pub fn run(args: &BiproportionalArgs) -> crate::CmdResult {
    if args.explain && args.format == Format::Csv {
        return Err(Failure::Input(anyhow!(
            "--explain needs --format table or json: an explanation does not fit a CSV table"
        )));
    }
    let rules = rules(args)?;
    let table = read_votes(&args.votes)?;
    let districts = district_seats(args, &table)?;
    let votes = VoteMatrix::new(table.votes.clone())
        .map_err(|err| Failure::Input(anyhow!("{}: {err}", display_name(&args.votes))))?;
    let result = biproportional(&votes, &districts, &rules).map_err(|err| bi_failure(err, &args.votes, &table))?;
    let explanation = args.explain.then(|| explain(&result, &table.districts, &table.parties));
    let text = match args.format {
        Format::Table => {
            let mut text = matrix_text(&result, &table);
            if let Some(explanation) = explanation {
                text.push('\n');
                text.push_str(&explanation);
            }
            text
        }
        Format::Json => {
            let doc = BiproportionalDoc::new(&result, &table, explanation);
            let mut text = serde_json::to_string_pretty(&doc).context("cannot write JSON")?;
            text.push('\n');
            text
        }
        Format::Csv => matrix_csv(&result, &table)?,
    };
    crate::output::print(&text)
}

/// The rules: the preset (or the defaults) with the explicit options on top.
fn rules(args: &BiproportionalArgs) -> Result<BiRules, Failure> {
    let mut rules = match args.rules {
        Some(BiPreset::Zurich) => BiRules::zurich(),
        None => BiRules::default(),
    };
    if let Some(kind) = args.voter_numbers {
        rules.voter_numbers = kind.into();
    }
    if let Some(threshold) = args.district_threshold {
        rules.threshold.in_some_district = share(threshold, "--district-threshold")?;
    }
    if let Some(threshold) = args.overall_threshold {
        rules.threshold.overall = share(threshold, "--overall-threshold")?;
    }
    if let Some(policy) = args.tie_break {
        rules.tie_policy = policy;
    }
    Ok(rules)
}

/// A threshold option as a share (or none); a number of votes is refused.
fn share(threshold: Threshold, option: &str) -> Result<Option<Percentage>, Failure> {
    match threshold {
        Threshold::None => Ok(None),
        Threshold::Percent(share) => Ok(Some(share)),
        Threshold::Votes { .. } => {
            Err(Failure::Input(anyhow!("{option} takes a share such as 5% (or none), not a number of votes")))
        }
    }
}

pub(crate) fn read_votes(path: &Path) -> Result<MatrixTable, Failure> {
    let name = PathBuf::from(display_name(path));
    let input = open(path).map_err(|err| cannot_open(&name, &err))?;
    read_matrix_table(input, &name).map_err(|errors| failure(&errors))
}

pub(crate) fn read_districts(path: &Path, column: &'static str) -> Result<Vec<DistrictRow>, Failure> {
    let name = PathBuf::from(display_name(path));
    let input = open(path).map_err(|err| cannot_open(&name, &err))?;
    read_district_table(input, &name, column).map_err(|errors| failure(&errors))
}

fn cannot_open(file: &Path, err: &std::io::Error) -> Failure {
    failure(&[TableError::file(file, TableErrorKind::CannotOpen { message: err.to_string() })])
}

/// The district seats from --district-seats or --district-sizes, in the order of the vote table.
fn district_seats(args: &BiproportionalArgs, table: &MatrixTable) -> Result<DistrictSeats, Failure> {
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
    let rows = read_districts(path, column)?;
    let values = in_table_order(&rows, table, path, &args.votes)?;
    if column == "size" {
        let house = args.house.map_or(0, std::num::NonZeroU32::get);
        let method = args.district_method.clone().unwrap_or(Method::Divisor(maslihat_apportion::Divisor::SainteLague));
        return Ok(DistrictSeats::BySize { sizes: values, house, method });
    }
    let mut seats = Vec::with_capacity(values.len());
    for (value, row) in values.iter().zip(order(&rows, table)) {
        let Ok(value) = u32::try_from(*value) else {
            let kind = TableErrorKind::BadSeats { found: value.to_string() };
            return Err(failure(&[TableError::at(
                &PathBuf::from(display_name(path)),
                Some(row.line),
                Some(row.column as usize),
                kind,
            )]));
        };
        seats.push(value);
    }
    Ok(DistrictSeats::Given(seats))
}

/// The district rows in the order of the vote table's districts (each present, as checked).
pub(crate) fn order<'a>(rows: &'a [DistrictRow], table: &MatrixTable) -> Vec<&'a DistrictRow> {
    table.districts.iter().filter_map(|name| rows.iter().find(|row| row.district == *name)).collect()
}

/// The district table's values in the vote table's district order; every district of either
/// file must be in the other.
pub(crate) fn in_table_order(
    rows: &[DistrictRow],
    table: &MatrixTable,
    path: &Path,
    votes: &Path,
) -> Result<Vec<u64>, Failure> {
    let file = PathBuf::from(display_name(path));
    let votes_name = display_name(votes);
    let mut errors = Vec::new();
    for row in rows {
        if !table.districts.contains(&row.district) {
            let kind = TableErrorKind::UnknownDistrict { district: row.district.clone(), other: votes_name.clone() };
            errors.push(TableError::at(&file, Some(row.line), Some(1), kind));
        }
    }
    let mut values = Vec::with_capacity(table.districts.len());
    for (district, line) in table.districts.iter().zip(&table.district_lines) {
        match rows.iter().find(|row| row.district == *district) {
            Some(row) => values.push(row.value),
            None => {
                let kind = TableErrorKind::MissingDistrict {
                    district: district.clone(),
                    line: *line,
                    other: votes_name.clone(),
                };
                errors.push(TableError::file(&file, kind));
            }
        }
    }
    if errors.is_empty() { Ok(values) } else { Err(failure(&errors)) }
}

/// A core error as a failure: a tie under the error policy is undetermined (exit 3), the rest
/// are input errors (exit 2).
fn bi_failure(err: BiError, votes: &Path, table: &MatrixTable) -> Failure {
    let file = display_name(votes);
    match err {
        BiError::UnresolvedTie(ties) => {
            let cells: Vec<String> = ties
                .iter()
                .flat_map(|tie| &tie.cells)
                .map(|cell| {
                    format!(
                        "{} / {}: {} or {}",
                        table.districts[cell.district], table.parties[cell.party], cell.seats, cell.other
                    )
                })
                .collect();
            Failure::Undetermined(anyhow!(
                "{file}: the seat matrix is not determined (tie policy: error): {}; another --tie-break keeps the matrix \
                 found and reports the tie",
                cells.join("; ")
            ))
        }
        BiError::Upper(maslihat_apportion::AllocError::UnresolvedTie(tie)) => Failure::Undetermined(anyhow!(
            "{file}: the upper apportionment: {} (tie policy: error)",
            tie.describe_unresolved(|i| table.parties.get(i).cloned().unwrap_or_default())
        )),
        BiError::Lower(LowerError::Infeasible { parties, districts }) => {
            let names = |items: &[usize], all: &[String]| {
                items.iter().map(|i| all.get(*i).cloned().unwrap_or_default()).collect::<Vec<_>>().join(", ")
            };
            let why = if parties.is_empty() {
                format!("{} cannot be given enough seats", names(&districts, &table.districts))
            } else {
                format!("{} is due seats but has no votes", names(&parties, &table.parties))
            };
            Failure::Input(anyhow!(
                "{file}: no seat matrix meets both the district seats and the party seats with seats only where a \
                 party has votes: {why}"
            ))
        }
        other => Failure::Input(anyhow!("{file}: {other}")),
    }
}

/// The matrix as aligned columns: a row per district with its seats and divisor, the party
/// seats and divisors below, then the upper divisor, the excluded parties and the ties.
fn matrix_text(result: &Biproportional, table: &MatrixTable) -> String {
    let mut header = vec!["district".to_owned()];
    header.extend(result.qualified.iter().map(|j| table.parties[*j].clone()));
    header.extend(["seats".to_owned(), "divisor".to_owned()]);
    let mut rows = vec![header];
    for (i, row) in result.seats.iter().enumerate() {
        let mut cells = vec![table.districts[i].clone()];
        cells.extend(result.qualified.iter().map(|j| row[*j].to_string()));
        cells.push(result.district_seats[i].to_string());
        cells.push(result.district_divisors[i].decimal_trimmed(6));
        rows.push(cells);
    }
    let mut seats = vec!["seats".to_owned()];
    seats.extend(result.qualified.iter().map(|j| result.parties[*j].seats.to_string()));
    seats.extend([result.house_size.to_string(), String::new()]);
    rows.push(seats);
    let mut divisors = vec!["divisor".to_owned()];
    divisors.extend(
        result
            .qualified
            .iter()
            .map(|j| result.party_divisors[*j].as_ref().map(|d| d.decimal_trimmed(6)).unwrap_or_default()),
    );
    divisors.extend([String::new(), String::new()]);
    rows.push(divisors);
    let mut align = vec![Align::Right; rows[0].len()];
    align[0] = Align::Left;
    let mut out = align_columns(&rows, &align);
    if let Some(divisor) = &result.upper_divisor {
        out.push_str(&format!("upper apportionment: voter numbers ÷ {} rounded\n", divisor.decimal_trimmed(6)));
    }
    let excluded: Vec<String> = result
        .parties
        .iter()
        .enumerate()
        .filter(|(_, p)| p.status == PartyStatus::BelowThreshold)
        .map(|(j, p)| format!("{} (best district {} %)", table.parties[j], p.best_district_share.percent(2)))
        .collect();
    if !excluded.is_empty() {
        out.push_str(&format!("below the threshold: {}\n", excluded.join(", ")));
    }
    for tie in &result.ties {
        let cells: Vec<String> = tie
            .cells
            .iter()
            .map(|cell| {
                format!(
                    "{} / {}: {} or {}",
                    table.districts[cell.district], table.parties[cell.party], cell.seats, cell.other
                )
            })
            .collect();
        out.push_str(&format!("tie in the matrix (the cells change together): {}\n", cells.join("; ")));
    }
    out
}

/// One row per district and party: `district,party,votes,seats`.
fn matrix_csv(result: &Biproportional, table: &MatrixTable) -> Result<String, Failure> {
    let mut writer = CsvWriter::new(Vec::new());
    writer.record(["district", "party", "votes", "seats"])?;
    for (i, district) in table.districts.iter().enumerate() {
        for (j, party) in table.parties.iter().enumerate() {
            writer.record([
                district.clone(),
                party.clone(),
                table.votes[i][j].to_string(),
                result.seats[i][j].to_string(),
            ])?;
        }
    }
    let bytes = writer.finish()?;
    String::from_utf8(bytes).map_err(|err| Failure::Failed(err.into()))
}

/// The JSON document `maslihat.biproportional/1` (docs/json.md).
#[derive(Debug, Serialize)]
pub struct BiproportionalDoc<'a> {
    pub schema: &'static str,
    pub house_size: u32,
    pub rules: &'a BiRules,
    pub districts: Vec<DistrictDoc<'a>>,
    pub parties: Vec<PartyDoc<'a>>,
    pub upper_divisor: Option<&'a maslihat_apportion::biproportional::Fraction>,
    /// `seats[district][party]`, every party (zero below the threshold).
    pub seats: &'a [Vec<u32>],
    pub lower_method: &'a maslihat_apportion::biproportional::LowerMethod,
    pub ties: Vec<Vec<TiedCellDoc<'a>>>,
    pub explanation: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct DistrictDoc<'a> {
    pub name: &'a str,
    pub seats: u32,
    pub divisor: &'a maslihat_apportion::biproportional::Fraction,
}

#[derive(Debug, Serialize)]
pub struct PartyDoc<'a> {
    pub name: &'a str,
    pub votes: u64,
    pub voter_number: &'a maslihat_apportion::biproportional::Fraction,
    pub best_district_share: maslihat_apportion::Ratio,
    pub overall_share: maslihat_apportion::Ratio,
    pub status: PartyStatus,
    pub seats: u32,
    pub divisor: Option<&'a maslihat_apportion::biproportional::Fraction>,
}

#[derive(Debug, Serialize)]
pub struct TiedCellDoc<'a> {
    pub district: &'a str,
    pub party: &'a str,
    pub seats: u32,
    pub other: u32,
}

impl<'a> BiproportionalDoc<'a> {
    pub fn new(
        result: &'a Biproportional,
        table: &'a MatrixTable,
        explanation: Option<String>,
    ) -> BiproportionalDoc<'a> {
        let districts = table
            .districts
            .iter()
            .enumerate()
            .map(|(i, name)| DistrictDoc {
                name,
                seats: result.district_seats[i],
                divisor: &result.district_divisors[i],
            })
            .collect();
        let parties = table
            .parties
            .iter()
            .zip(&result.parties)
            .zip(&result.party_divisors)
            .map(|((name, figures), divisor)| PartyDoc {
                name,
                votes: figures.votes,
                voter_number: &figures.voter_number,
                best_district_share: figures.best_district_share,
                overall_share: figures.overall_share,
                status: figures.status,
                seats: figures.seats,
                divisor: divisor.as_ref(),
            })
            .collect();
        let ties = result
            .ties
            .iter()
            .map(|tie| {
                tie.cells
                    .iter()
                    .map(|cell| TiedCellDoc {
                        district: &table.districts[cell.district],
                        party: &table.parties[cell.party],
                        seats: cell.seats,
                        other: cell.other,
                    })
                    .collect()
            })
            .collect();
        BiproportionalDoc {
            schema: "maslihat.biproportional/1",
            house_size: result.house_size,
            rules: &result.rules,
            districts,
            parties,
            upper_divisor: result.upper_divisor.as_ref(),
            seats: &result.seats,
            lower_method: &result.lower_method,
            ties,
            explanation,
        }
    }
}
