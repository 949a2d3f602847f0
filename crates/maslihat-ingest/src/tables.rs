//! The CSV tables of a dataset, each read into typed rows with their line numbers.

use std::path::Path;
use std::sync::Arc;

use maslihat_apportion::Preset;
use maslihat_model::body::ElectoralSystem;
use maslihat_model::election::Basis;
use maslihat_model::party::{Colour, PartyKind};
use maslihat_model::{Date, Decimal, DiscrepancyFigure, ElectionFigure, ResultFigure};

use crate::error::{Error, ErrorKind};
use crate::sheet::{self, Cells, Interner, Sheet};

pub(crate) struct SourceRow {
    pub line: u64,
    pub id: String,
    /// A public page's address, or the path of a note kept in the dataset folder.
    pub url: String,
    pub publisher: String,
    pub description: String,
}

pub(crate) struct PartyRow {
    pub line: u64,
    pub id: String,
    pub kind: PartyKind,
    pub colour: Colour,
    pub note: Option<String>,
}

pub(crate) struct PartyNameRow {
    pub line: u64,
    pub party: String,
    pub from_year: Option<u16>,
    pub to_year: Option<u16>,
    pub name: String,
    pub label: String,
    pub short: String,
    pub source: Option<String>,
}

pub(crate) struct ElectionRow {
    pub line: u64,
    pub election: String,
    pub maslihat: String,
    pub date: Date,
    pub rules: Preset,
    pub system: ElectoralSystem,
    pub lists_complete: Option<bool>,
    pub lists_basis: Option<String>,
    pub note: Option<String>,
}

/// A row of `election_figures.csv`.
#[derive(Clone)]
pub(crate) struct FigureRow {
    pub line: u64,
    pub election: String,
    pub source: String,
    pub total_seats: Option<u32>,
    pub list_seats: Option<u32>,
    pub district_seats: Option<u32>,
    pub lists_on_ballot: Option<u32>,
    pub registered_voters: Option<u64>,
    pub ballots_cast: Option<u64>,
    pub valid_ballots: Option<u64>,
    pub invalid_ballots: Option<u64>,
    pub against_all: Option<u64>,
    pub turnout: Option<Decimal>,
    pub note: Option<String>,
}

impl FigureRow {
    /// Whether the row gives a figure.
    pub fn gives(&self, figure: ElectionFigure) -> bool {
        self.value(figure).is_some()
    }

    /// The value the row gives for a figure (a count as a decimal without places).
    pub fn value(&self, figure: ElectionFigure) -> Option<Decimal> {
        let count = |n: Option<u64>| n.and_then(|n| Decimal::new(n, 0));
        match figure {
            ElectionFigure::TotalSeats => count(self.total_seats.map(u64::from)),
            ElectionFigure::ListSeats => count(self.list_seats.map(u64::from)),
            ElectionFigure::DistrictSeats => count(self.district_seats.map(u64::from)),
            ElectionFigure::ListsOnBallot => count(self.lists_on_ballot.map(u64::from)),
            ElectionFigure::RegisteredVoters => count(self.registered_voters),
            ElectionFigure::BallotsCast => count(self.ballots_cast),
            ElectionFigure::ValidBallots => count(self.valid_ballots),
            ElectionFigure::InvalidBallots => count(self.invalid_ballots),
            ElectionFigure::AgainstAll => count(self.against_all),
            ElectionFigure::TurnoutPrinted => self.turnout,
        }
    }
}

/// A row of `results.csv`.
#[derive(Clone)]
pub(crate) struct ResultRow {
    pub line: u64,
    /// Ids, each shared by the rows that repeat it.
    pub election: Arc<str>,
    pub party: Arc<str>,
    pub source: Arc<str>,
    pub registration: Option<u32>,
    pub ballot_order: Option<u32>,
    /// The source names the list as one on the ballot (`on_ballot = yes`).
    pub on_ballot: bool,
    pub votes: Option<u64>,
    pub share: Option<Decimal>,
    pub list_seats: Option<u32>,
    pub district_seats: Option<u32>,
    pub note: Option<String>,
}

impl ResultRow {
    /// Whether the row gives a figure.
    pub fn gives(&self, figure: ResultFigure) -> bool {
        self.value(figure).is_some()
    }

    /// The value the row gives for a figure (a count as a decimal without places).
    pub fn value(&self, figure: ResultFigure) -> Option<Decimal> {
        let count = |n: Option<u64>| n.and_then(|n| Decimal::new(n, 0));
        match figure {
            ResultFigure::Registration => count(self.registration.map(u64::from)),
            ResultFigure::BallotOrder => count(self.ballot_order.map(u64::from)),
            ResultFigure::OnBallot => count(self.on_ballot.then_some(1)),
            ResultFigure::Votes => count(self.votes),
            ResultFigure::SharePrinted => self.share,
            ResultFigure::ListSeats => count(self.list_seats.map(u64::from)),
            ResultFigure::DistrictSeats => count(self.district_seats.map(u64::from)),
        }
    }
}

pub(crate) struct DiscrepancyRow {
    pub line: u64,
    pub id: String,
    pub election: String,
    pub party: Option<String>,
    pub figure: DiscrepancyFigure,
    pub value: Decimal,
    pub basis: Basis,
    pub source: String,
    pub in_tables: bool,
    pub note: String,
}

/// A table read: the sheet (for positions), the rows without errors, and the ids of every row
/// (also those with an error elsewhere, so that references to them are not reported too; only
/// for the tables referred to: sources, parties and elections).
pub(crate) struct Table<T> {
    pub sheet: Sheet,
    pub rows: Vec<T>,
    pub ids: Vec<String>,
}

/// Every table; `None` for a file that could not be read at all.
pub(crate) struct Tables {
    pub sources: Option<Table<SourceRow>>,
    pub parties: Option<Table<PartyRow>>,
    pub party_names: Option<Table<PartyNameRow>>,
    pub elections: Option<Table<ElectionRow>>,
    pub figures: Option<Table<FigureRow>>,
    pub results: Option<Table<ResultRow>>,
    pub discrepancies: Option<Table<DiscrepancyRow>>,
}

/// Reads a table; `id` names the column whose ids are collected (`None` for a table nothing
/// refers to).
fn table<T>(
    dir: &Path,
    name: &str,
    columns: &'static [&'static str],
    id: Option<&'static str>,
    errors: &mut Vec<Error>,
    mut row: impl FnMut(&mut Cells<'_>) -> Option<T>,
) -> Option<Table<T>> {
    let mut rows = Vec::new();
    let mut ids = Vec::new();
    let sheet = Sheet::read(dir, name, columns, errors, |sheet, line, record, errors| {
        let mut cells = sheet.cells(line, record, errors);
        let before = cells.errors.len();
        let parsed = row(&mut cells);
        if let Some(id) = id.and_then(|id| cells.raw(id)).filter(|raw| sheet::slug(raw).is_ok()) {
            ids.push(id.to_owned());
        }
        // A row with an error is dropped; the error is reported, so the load fails anyway.
        if let Some(parsed) = parsed.filter(|_| cells.errors.len() == before) {
            rows.push(parsed);
        }
    })?;
    rows.shrink_to_fit();
    Some(Table { sheet, rows, ids })
}

fn enumeration<T: std::str::FromStr<Err = maslihat_model::NameError>>(text: &str) -> Result<T, &'static str> {
    text.parse().map_err(|e: maslihat_model::NameError| e.expected)
}

/// A rule profile by its exact name (the core's parser also takes other cases and spaces).
fn preset(text: &str) -> Result<Preset, &'static str> {
    text.parse::<Preset>().ok().filter(|preset| preset.name() == text).ok_or("kz-2021 or kz-2023")
}

fn list_system(text: &str) -> Result<ElectoralSystem, &'static str> {
    match text {
        "party-list" => Ok(ElectoralSystem::PartyList),
        "mixed" => Ok(ElectoralSystem::Mixed),
        _ => Err("party-list or mixed"),
    }
}

/// A value of `discrepancies.csv`: a count or a printed percentage.
fn count_or_percent(text: &str) -> Result<Decimal, &'static str> {
    const EXPECTED: &str = "a whole number or a printed percentage";
    match sheet::count_u64(text) {
        Ok(n) => Decimal::new(n, 0).ok_or(EXPECTED),
        Err(_) if text.contains('.') => sheet::percent(text).map_err(|_| EXPECTED),
        Err(_) => Err(EXPECTED),
    }
}

/// `on_ballot`: only `yes` (a source that does not name the list leaves the cell empty).
fn yes(text: &str) -> Result<bool, &'static str> {
    if text == "yes" { Ok(true) } else { Err("yes (or empty)") }
}

/// Whether a source's `url` is a page's address rather than a note of the dataset folder.
fn is_address(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// Every source that is not a public page must be a note kept in the dataset folder (its path,
/// relative to the folder, given as `url`), so that whoever has the data has its sources.
fn check_notes(dir: &Path, sources: &Table<SourceRow>, errors: &mut Vec<Error>) {
    for row in sources.rows.iter().filter(|row| !is_address(&row.url)) {
        if !dir.join(&row.url).is_file() {
            errors.push(Error { position: sources.sheet.at(row.line, "url"), kind: ErrorKind::MissingFile });
        }
    }
}

const SOURCE_COLUMNS: [&str; 4] = ["id", "url", "publisher", "description"];
const PARTY_COLUMNS: [&str; 4] = ["id", "kind", "colour", "note"];
const NAME_COLUMNS: [&str; 7] = ["party", "from_year", "to_year", "name", "label", "short", "source"];
const ELECTION_COLUMNS: [&str; 8] =
    ["election", "maslihat", "date", "rules", "system", "lists_complete", "lists_basis", "note"];
const FIGURE_COLUMNS: [&str; 13] = [
    "election",
    "source",
    "total_seats",
    "list_seats",
    "district_seats",
    "lists_on_ballot",
    "registered_voters",
    "ballots_cast",
    "valid_ballots",
    "invalid_ballots",
    "against_all",
    "turnout_pct_printed",
    "note",
];
const RESULT_COLUMNS: [&str; 11] = [
    "election",
    "party",
    "source",
    "registration_order",
    "ballot_order",
    "on_ballot",
    "votes",
    "vote_pct_printed",
    "list_seats_published",
    "district_seats_published",
    "note",
];
const DISCREPANCY_COLUMNS: [&str; 9] =
    ["id", "election", "party", "figure", "value", "basis", "source", "in_tables", "note"];

// Every cell of a row is read before the row is assembled, so that all its errors are reported.
impl Tables {
    /// Every table of the dataset folder `dir`; their errors are added to `errors`.
    pub fn read(dir: &Path, errors: &mut Vec<Error>) -> Tables {
        let sources = read_sources(dir, errors);
        if let Some(sources) = &sources {
            check_notes(dir, sources, errors);
        }
        Tables {
            sources,
            parties: read_parties(dir, errors),
            party_names: read_party_names(dir, errors),
            elections: read_elections(dir, errors),
            figures: read_figures(dir, errors),
            results: read_results(dir, errors),
            discrepancies: read_discrepancies(dir, errors),
        }
    }
}

fn read_sources(dir: &Path, errors: &mut Vec<Error>) -> Option<Table<SourceRow>> {
    table(dir, "sources.csv", &SOURCE_COLUMNS, Some("id"), errors, |c| {
        let id = c.req("id", sheet::slug);
        let url = c.req("url", sheet::text);
        let publisher = c.req("publisher", sheet::text);
        let description = c.req("description", sheet::text);
        Some(SourceRow { line: c.line, id: id?, url: url?, publisher: publisher?, description: description? })
    })
}

fn read_parties(dir: &Path, errors: &mut Vec<Error>) -> Option<Table<PartyRow>> {
    table(dir, "parties.csv", &PARTY_COLUMNS, Some("id"), errors, |c| {
        let id = c.req("id", sheet::slug);
        let kind = c.req("kind", enumeration);
        let colour = c.req("colour", sheet::colour);
        let note = c.opt("note", sheet::text);
        Some(PartyRow { line: c.line, id: id?, kind: kind?, colour: colour?, note })
    })
}

fn read_party_names(dir: &Path, errors: &mut Vec<Error>) -> Option<Table<PartyNameRow>> {
    table(dir, "party_names.csv", &NAME_COLUMNS, None, errors, |c| {
        let party = c.req("party", sheet::slug);
        let from_year = c.opt("from_year", sheet::year);
        let to_year = c.opt("to_year", sheet::year);
        let name = c.req("name", sheet::text);
        let label = c.req("label", sheet::text);
        let short = c.req("short", sheet::text);
        let source = c.opt("source", sheet::slug);
        Some(PartyNameRow {
            line: c.line,
            party: party?,
            from_year,
            to_year,
            name: name?,
            label: label?,
            short: short?,
            source,
        })
    })
}

fn read_elections(dir: &Path, errors: &mut Vec<Error>) -> Option<Table<ElectionRow>> {
    table(dir, "elections.csv", &ELECTION_COLUMNS, Some("election"), errors, |c| {
        let election = c.req("election", sheet::slug);
        let maslihat = c.req("maslihat", sheet::slug);
        let date = c.req("date", sheet::full_date);
        let rules = c.req("rules", preset);
        let system = c.req("system", list_system);
        let lists_complete = c.opt("lists_complete", sheet::yes_no);
        let lists_basis = c.opt("lists_basis", sheet::text);
        let note = c.opt("note", sheet::text);
        if c.has("lists_complete") && !c.has("lists_basis") {
            c.error("lists_basis", ErrorKind::MissingBasis);
        }
        Some(ElectionRow {
            line: c.line,
            election: election?,
            maslihat: maslihat?,
            date: date?,
            rules: rules?,
            system: system?,
            lists_complete,
            lists_basis,
            note,
        })
    })
}

fn read_figures(dir: &Path, errors: &mut Vec<Error>) -> Option<Table<FigureRow>> {
    table(dir, "election_figures.csv", &FIGURE_COLUMNS, None, errors, |c| {
        let row = FigureRow {
            line: c.line,
            election: c.req("election", sheet::slug).unwrap_or_default(),
            source: c.req("source", sheet::slug).unwrap_or_default(),
            total_seats: c.opt("total_seats", sheet::count_u32),
            list_seats: c.opt("list_seats", sheet::count_u32),
            district_seats: c.opt("district_seats", sheet::count_u32),
            lists_on_ballot: c.opt("lists_on_ballot", sheet::count_u32),
            registered_voters: c.opt("registered_voters", sheet::count_u64),
            ballots_cast: c.opt("ballots_cast", sheet::count_u64),
            valid_ballots: c.opt("valid_ballots", sheet::count_u64),
            invalid_ballots: c.opt("invalid_ballots", sheet::count_u64),
            against_all: c.opt("against_all", sheet::count_u64),
            turnout: c.opt("turnout_pct_printed", sheet::percent),
            note: c.opt("note", sheet::text),
        };
        if !ElectionFigure::ALL.iter().any(|f| c.has(f.name())) {
            c.line_error(ErrorKind::NoFigure);
        }
        Some(row)
    })
}

fn read_results(dir: &Path, errors: &mut Vec<Error>) -> Option<Table<ResultRow>> {
    let mut ids = Interner::default();
    table(dir, "results.csv", &RESULT_COLUMNS, None, errors, |c| {
        let row = ResultRow {
            line: c.line,
            election: c.req_id("election", &mut ids).unwrap_or_default(),
            party: c.req_id("party", &mut ids).unwrap_or_default(),
            source: c.req_id("source", &mut ids).unwrap_or_default(),
            registration: c.opt("registration_order", sheet::position),
            ballot_order: c.opt("ballot_order", sheet::position),
            on_ballot: c.opt("on_ballot", yes).unwrap_or(false),
            votes: c.opt("votes", sheet::count_u64),
            share: c.opt("vote_pct_printed", sheet::percent),
            list_seats: c.opt("list_seats_published", sheet::count_u32),
            district_seats: c.opt("district_seats_published", sheet::count_u32),
            note: c.opt("note", sheet::text),
        };
        if !ResultFigure::ALL.iter().any(|f| c.has(f.name())) {
            c.line_error(ErrorKind::NoFigure);
        }
        Some(row)
    })
}

fn read_discrepancies(dir: &Path, errors: &mut Vec<Error>) -> Option<Table<DiscrepancyRow>> {
    table(dir, "discrepancies.csv", &DISCREPANCY_COLUMNS, None, errors, |c| {
        let id = c.req("id", sheet::slug);
        let election = c.req("election", sheet::slug);
        let party = c.opt("party", sheet::slug);
        let figure = c.req("figure", enumeration);
        let value = c.req("value", count_or_percent);
        let basis = c.req("basis", enumeration);
        let source = c.req("source", sheet::slug);
        let in_tables = c.req("in_tables", sheet::yes_no);
        let note = c.req("note", sheet::text);
        Some(DiscrepancyRow {
            line: c.line,
            id: id?,
            election: election?,
            party,
            figure: figure?,
            value: value?,
            basis: basis?,
            source: source?,
            in_tables: in_tables?,
            note: note?,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::{FIGURE_COLUMNS, RESULT_COLUMNS};
    use maslihat_model::{ElectionFigure, ResultFigure};

    /// The figure enums and the documented columns name the same figures.
    #[test]
    fn every_figure_is_a_column() {
        for figure in ElectionFigure::ALL {
            assert!(FIGURE_COLUMNS.contains(&figure.name()), "{figure}");
        }
        for figure in ResultFigure::ALL {
            assert!(RESULT_COLUMNS.contains(&figure.name()), "{figure}");
        }
        assert_eq!(FIGURE_COLUMNS.len(), ElectionFigure::ALL.len() + 3); // election, source, note
        assert_eq!(RESULT_COLUMNS.len(), ResultFigure::ALL.len() + 4); // election, party, source, note
    }

    proptest::proptest! {
        /// An id is accepted exactly when it is words of lower-case letters and digits joined by
        /// single dashes, as splitting at the dashes tells.
        #[test]
        fn ids_are_slugs_as_their_words_tell(text in "[a-c0-2A\\-_ é]{0,12}") {
            let words = !text.is_empty()
                && text.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
            proptest::prop_assert_eq!(crate::sheet::slug(&text).ok(), words.then(|| text.clone()));
            // An interned id reads as itself and is kept once.
            let mut ids = crate::sheet::Interner::default();
            let (first, again) = (ids.intern(&text), ids.intern(&text.clone()));
            proptest::prop_assert!(std::sync::Arc::ptr_eq(&first, &again));
            proptest::prop_assert_eq!(&*first, text.as_str());
        }
    }
}
