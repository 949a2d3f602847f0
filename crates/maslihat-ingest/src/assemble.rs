//! Checks across files and the building of the model: references, unique keys, consistency of
//! seats, and the merging of every source's figures.

use std::cmp::Ordering;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::Hash;
use std::path::PathBuf;

use maslihat_model::body::ElectoralSystem;
use maslihat_model::election::{Discrepancy, PartyResult};
use maslihat_model::figure::{Agreement, Source};
use maslihat_model::party::{Party, PartyKind, PartyName};
use maslihat_model::{
    Affiliation, BodyId, Dataset, Decimal, Election, ElectionId, Figure, PartyId, ProfileFacts, SourceId, Sourced,
};

use crate::body_file::{BodyFile, Target};
use crate::error::{Error, ErrorKind, Position};
use crate::sheet::Sheet;
use crate::tables::{ELECTION_FIGURES, FigureRow, RESULT_FIGURES, ResultRow, Table, Tables};

/// Where each election's figures were read, for the positions of warnings.
#[derive(Debug, Default)]
pub(crate) struct Lines {
    pub elections_file: PathBuf,
    /// The sheets of `election_figures.csv` and `results.csv`, for the cells of the lines below.
    figures_sheet: Option<Sheet>,
    results_sheet: Option<Sheet>,
    /// Each election's place in `of`.
    index: HashMap<ElectionId, usize>,
    of: Vec<ElectionLines>,
}

/// The lines of one election.
#[derive(Debug)]
struct ElectionLines {
    /// Its line in `elections.csv`.
    line: u64,
    /// The first line of `election_figures.csv` giving each of [`ELECTION_FIGURES`].
    figures: [Option<u64>; ELECTION_FIGURES.len()],
    /// For each of the election's results (in the same order), the first line of `results.csv`
    /// giving each of [`RESULT_FIGURES`].
    results: Vec<[Option<u64>; RESULT_FIGURES.len()]>,
}

impl Lines {
    /// Adds an election at `line` of `elections.csv`; its place in `of` is the next.
    fn push(&mut self, id: ElectionId, line: u64) {
        self.index.insert(id, self.of.len());
        self.of.push(ElectionLines { line, figures: Default::default(), results: Vec::new() });
    }

    fn of(&self, id: &ElectionId) -> Option<&ElectionLines> {
        self.index.get(id).map(|i| &self.of[*i])
    }

    /// The line of an election in `elections.csv`.
    pub fn election(&self, id: &ElectionId) -> Position {
        Position::line(self.elections_file.clone(), self.of(id).map_or(0, |e| e.line))
    }

    /// The first cell of `election_figures.csv` giving a figure of an election.
    pub fn figure(&self, id: &ElectionId, figure: &'static str) -> Position {
        let found = || {
            let column = ELECTION_FIGURES.iter().position(|f| *f == figure)?;
            let line = self.of(id)?.figures[column]?;
            Some(self.figures_sheet.as_ref()?.at(line, figure))
        };
        found().unwrap_or_else(|| self.election(id))
    }

    /// The first cell of `results.csv` giving a figure of a party in an election.
    pub fn result(&self, election: &Election, party: &PartyId, figure: &'static str) -> Position {
        let found = || {
            let column = RESULT_FIGURES.iter().position(|f| *f == figure)?;
            let at = election.results.iter().position(|r| r.party() == Some(party))?;
            let line = self.of(&election.id)?.results.get(at)?[column]?;
            Some(self.results_sheet.as_ref()?.at(line, figure))
        };
        found().unwrap_or_else(|| self.election(&election.id))
    }
}

/// The ids known in each table; `None` when the table could not be read (references to it are
/// then not checked, so that one broken file does not flood the report).
struct Known<'t> {
    sources: Option<HashSet<&'t str>>,
    parties: Option<HashSet<&'t str>>,
    elections: Option<HashSet<&'t str>>,
    bodies: Option<HashSet<String>>,
}

impl Known<'_> {
    fn has(&self, target: Target, id: &str) -> bool {
        match target {
            Target::Source => self.sources.as_ref().is_none_or(|s| s.contains(id)),
            Target::Party => self.parties.as_ref().is_none_or(|p| p.contains(id)),
            Target::Election => self.elections.as_ref().is_none_or(|e| e.contains(id)),
            Target::Maslihat => self.bodies.as_ref().is_none_or(|b| b.contains(id)),
        }
    }
}

fn what(target: Target) -> &'static str {
    match target {
        Target::Source => "source",
        Target::Party => "party",
        Target::Election => "election",
        Target::Maslihat => "mäslihat",
    }
}

/// Records `key` as first given on `line`, in row `at` of its table, or an error if it was
/// given before.
fn unique<K: Hash + Eq>(
    seen: &mut HashMap<K, (u64, usize)>,
    key: K,
    (line, at): (u64, usize),
    describe: impl FnOnce() -> String,
    position: impl FnOnce() -> Position,
    errors: &mut Vec<Error>,
) {
    match seen.entry(key) {
        Entry::Occupied(first) => errors.push(Error {
            position: position(),
            kind: ErrorKind::Duplicate { key: describe(), first_line: first.get().0 },
        }),
        Entry::Vacant(entry) => {
            entry.insert((line, at));
        }
    }
}

/// The rows of a table sorted by their key (rows with one key in file order), and for each row
/// the first row with its key: duplicates found by sorting, with no map of every key.
struct Firsts {
    order: Vec<usize>,
    first: Vec<usize>,
}

impl Firsts {
    fn new<R>(rows: &[R], cmp: impl Fn(&R, &R) -> Ordering) -> Firsts {
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_unstable_by(|a, b| cmp(&rows[*a], &rows[*b]).then(a.cmp(b)));
        let mut first = vec![0; rows.len()];
        let mut group = None;
        for &at in &order {
            match group {
                Some(g) if cmp(&rows[g], &rows[at]).is_eq() => first[at] = g,
                _ => {
                    group = Some(at);
                    first[at] = at;
                }
            }
        }
        Firsts { order, first }
    }

    /// The first row given before `at` with its key.
    fn earlier(&self, at: usize) -> Option<usize> {
        Some(self.first[at]).filter(|first| *first != at)
    }

    /// The first row whose key `cmp` finds equal to the one sought.
    fn find<'r, R>(&self, rows: &'r [R], cmp: impl Fn(&R) -> Ordering) -> Option<&'r R> {
        let at = self.order.partition_point(|i| cmp(&rows[*i]).is_lt());
        self.order.get(at).map(|i| &rows[*i]).filter(|r| cmp(r).is_eq())
    }
}

fn figure_key(row: &FigureRow) -> (&str, &str) {
    (&row.election, &row.source)
}

fn result_key(row: &ResultRow) -> (&str, &str, &str) {
    (&row.election, &row.party, &row.source)
}

/// Reports a row whose key was given before, on `first_line`.
fn duplicate(first_line: u64, describe: impl FnOnce() -> String, position: Position, errors: &mut Vec<Error>) {
    errors.push(Error { position, kind: ErrorKind::Duplicate { key: describe(), first_line } });
}

struct Ctx<'t, 'e> {
    known: Known<'t>,
    errors: &'e mut Vec<Error>,
}

impl Ctx<'_, '_> {
    fn resolve(&mut self, target: Target, id: &str, position: impl FnOnce() -> Position) {
        if !self.known.has(target, id) {
            let kind = ErrorKind::UnknownReference { what: what(target), id: id.to_owned() };
            self.errors.push(Error { position: position(), kind });
        }
    }

    fn error(&mut self, position: Position, kind: ErrorKind) {
        self.errors.push(Error { position, kind });
    }
}

/// Builds the dataset from the tables and the mäslihat files, recording every error.
///
/// `stems` names the mäslihat files found (`None` when the folder could not be read). Checks of
/// consistency between figures (seat sums, registration order, values of `discrepancies.csv`)
/// run only when every file was read without error (`clean`), since a row dropped for an error
/// would distort them.
pub(crate) fn assemble(
    tables: Tables,
    files: Vec<BodyFile>,
    stems: Option<Vec<String>>,
    clean: bool,
    errors: &mut Vec<Error>,
) -> (Dataset, Lines) {
    let Tables { sources, parties, party_names, elections, figures, results, discrepancies } = tables;
    let mut lines = Lines::default();

    // Ids of each table, with duplicates reported.
    if let Some(Table { sheet, rows, .. }) = &sources {
        let mut seen = HashMap::with_capacity(rows.len());
        for (at, row) in rows.iter().enumerate() {
            let describe = || format!("source id {:?}", row.id);
            unique(&mut seen, row.id.as_str(), (row.line, at), describe, || sheet.at(row.line, "id"), errors);
        }
    }
    // The first row of each party id, which is also its place in `model_parties`.
    let mut party_index: HashMap<&str, (u64, usize)> = HashMap::new();
    if let Some(Table { sheet, rows, .. }) = &parties {
        for (at, row) in rows.iter().enumerate() {
            let describe = || format!("party id {:?}", row.id);
            unique(&mut party_index, row.id.as_str(), (row.line, at), describe, || sheet.at(row.line, "id"), errors);
        }
    }
    if let Some(Table { sheet, rows, .. }) = &elections {
        lines.elections_file = sheet.path.clone();
        let mut seen = HashMap::with_capacity(rows.len());
        for (at, row) in rows.iter().enumerate() {
            let describe = || format!("election {:?}", row.election);
            let position = || sheet.at(row.line, "election");
            unique(&mut seen, row.election.as_str(), (row.line, at), describe, position, errors);
        }
    }
    fn ids(table: Option<&Vec<String>>) -> Option<HashSet<&str>> {
        table.map(|ids| ids.iter().map(String::as_str).collect())
    }
    let known = Known {
        sources: ids(sources.as_ref().map(|t| &t.ids)),
        parties: ids(parties.as_ref().map(|t| &t.ids)),
        elections: ids(elections.as_ref().map(|t| &t.ids)),
        bodies: stems.map(|stems| stems.into_iter().collect()),
    };
    let mut cx = Ctx { known, errors };

    // Sources.
    let model_sources: Vec<Source> = sources
        .as_ref()
        .map(|Table { rows, .. }| {
            rows.iter()
                .map(|r| Source {
                    id: SourceId(r.id.clone()),
                    url: r.url.clone(),
                    publisher: r.publisher.clone(),
                    description: r.description.clone(),
                })
                .collect()
        })
        .unwrap_or_default();

    // Parties and their names.
    let mut model_parties: Vec<Party> = parties
        .as_ref()
        .map(|Table { rows, .. }| {
            rows.iter()
                .map(|r| Party {
                    id: PartyId(r.id.clone()),
                    kind: r.kind,
                    colour: r.colour,
                    names: Vec::new(),
                    note: r.note.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    let party_at = |id: &str| party_index.get(id).map(|(_, at)| *at);
    let kind_of = |id: &str, parties: &[Party]| party_at(id).map(|at| parties[at].kind);
    if let Some(Table { sheet, rows, .. }) = &party_names {
        let mut seen = HashMap::new();
        for (at, row) in rows.iter().enumerate() {
            let describe = || {
                format!(
                    "name of {:?} from year {}",
                    row.party,
                    row.from_year.map_or("(open)".into(), |y| y.to_string())
                )
            };
            unique(
                &mut seen,
                (row.party.as_str(), row.from_year),
                (row.line, at),
                describe,
                || sheet.at(row.line, "from_year"),
                cx.errors,
            );
            cx.resolve(Target::Party, &row.party, || sheet.at(row.line, "party"));
            match &row.source {
                Some(source) => cx.resolve(Target::Source, source, || sheet.at(row.line, "source")),
                None if kind_of(&row.party, &model_parties).is_some_and(|k| k != PartyKind::SelfNominated) => {
                    cx.error(sheet.at(row.line, "source"), ErrorKind::MissingValue { field: "source".into() });
                }
                None => {}
            }
            if let Some(at) = party_at(&row.party) {
                model_parties[at].names.push(PartyName {
                    from_year: row.from_year,
                    to_year: row.to_year,
                    name: row.name.clone(),
                    label: row.label.clone(),
                    short: row.short.clone(),
                    source: row.source.clone().map(SourceId),
                });
            }
        }
    }

    // Elections, each once (at its first row); `index` gives each id's place in `model_elections`
    // (and in `lines.of`).
    let capacity = elections.as_ref().map_or(0, |t| t.rows.len());
    let mut model_elections: Vec<Election> = Vec::with_capacity(capacity);
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(capacity);
    if let Some(Table { sheet, rows, .. }) = &elections {
        for row in rows {
            cx.resolve(Target::Maslihat, &row.maslihat, || sheet.at(row.line, "maslihat"));
            let expected = format!("{}-{}", row.maslihat, row.date.year());
            if row.election != expected {
                let kind = ErrorKind::ElectionId { found: row.election.clone(), expected };
                cx.error(sheet.at(row.line, "election"), kind);
            }
            let system = row.rules.system();
            if row.system != system {
                let kind = ErrorKind::RulesSystem {
                    rules: row.rules.to_string(),
                    expected: system.name(),
                    found: row.system.name().into(),
                };
                cx.error(sheet.at(row.line, "system"), kind);
            }
            let Entry::Vacant(place) = index.entry(row.election.as_str()) else { continue };
            place.insert(model_elections.len());
            lines.push(ElectionId(row.election.clone()), row.line);
            model_elections.push(Election {
                id: ElectionId(row.election.clone()),
                body: BodyId(row.maslihat.clone()),
                date: row.date,
                profile: row.rules,
                system: row.system,
                lists_complete: row.lists_complete,
                lists_basis: row.lists_basis.clone(),
                note: row.note.clone(),
                total_seats: Figure::default(),
                list_seats: Figure::default(),
                district_seats: Figure::default(),
                registered_voters: Figure::default(),
                ballots_cast: Figure::default(),
                valid_ballots: Figure::default(),
                invalid_ballots: Figure::default(),
                against_all: Figure::default(),
                turnout_printed: Figure::default(),
                figure_notes: Vec::new(),
                results: Vec::new(),
                districts: Vec::new(),
                discrepancies: Vec::new(),
            });
        }
    }

    // Election figures. `figure_rows` finds the first row of each election and source.
    let figure_rows = figures.as_ref().map(|t| Firsts::new(&t.rows, |a, b| figure_key(a).cmp(&figure_key(b))));
    if let (Some(Table { sheet, rows, .. }), Some(firsts)) = (&figures, &figure_rows) {
        lines.figures_sheet = Some(sheet.clone());
        for (at, row) in rows.iter().enumerate() {
            if let Some(first) = firsts.earlier(at) {
                let describe = || format!("row for election {:?} and source {:?}", row.election, row.source);
                duplicate(rows[first].line, describe, sheet.at(row.line, "source"), cx.errors);
            }
            cx.resolve(Target::Election, &row.election, || sheet.at(row.line, "election"));
            cx.resolve(Target::Source, &row.source, || sheet.at(row.line, "source"));
            let Some(&i) = index.get(row.election.as_str()) else { continue };
            let election = &mut model_elections[i];
            if election.system == ElectoralSystem::PartyList {
                for (column, value) in [("list_seats", row.list_seats), ("district_seats", row.district_seats)] {
                    if value.is_some() {
                        cx.error(sheet.at(row.line, column), ErrorKind::SeatKindInPartyList { column });
                    }
                }
            }
            // In the order of `ELECTION_FIGURES`.
            let known = [
                row.total_seats.is_some(),
                row.list_seats.is_some(),
                row.district_seats.is_some(),
                row.registered_voters.is_some(),
                row.ballots_cast.is_some(),
                row.valid_ballots.is_some(),
                row.invalid_ballots.is_some(),
                row.against_all.is_some(),
                row.turnout.is_some(),
            ];
            for (first, known) in lines.of[i].figures.iter_mut().zip(known) {
                if known && first.is_none() {
                    *first = Some(row.line);
                }
            }
            let source = SourceId(row.source.clone());
            add(&mut election.total_seats, row.total_seats, &source);
            add(&mut election.list_seats, row.list_seats, &source);
            add(&mut election.district_seats, row.district_seats, &source);
            add(&mut election.registered_voters, row.registered_voters, &source);
            add(&mut election.ballots_cast, row.ballots_cast, &source);
            add(&mut election.valid_ballots, row.valid_ballots, &source);
            add(&mut election.invalid_ballots, row.invalid_ballots, &source);
            add(&mut election.against_all, row.against_all, &source);
            add(&mut election.turnout_printed, row.turnout, &source);
            if let Some(note) = &row.note {
                election.figure_notes.push(Sourced { value: note.clone(), source });
            }
        }
        for election in model_elections.iter().filter(|_| clean) {
            check_seat_kinds(election, &lines, &mut cx);
        }
    }

    // Results. `result_rows` finds the first row of each election, party and source.
    let result_rows = results.as_ref().map(|t| Firsts::new(&t.rows, |a, b| result_key(a).cmp(&result_key(b))));
    if let (Some(Table { sheet, rows, .. }), Some(firsts)) = (&results, &result_rows) {
        lines.results_sheet = Some(sheet.clone());
        // The place of each row's election in `model_elections` (`usize::MAX` for none).
        let mut election_of = Vec::with_capacity(rows.len());
        for (at, row) in rows.iter().enumerate() {
            if let Some(first) = firsts.earlier(at) {
                let describe = || {
                    format!("row for election {:?}, party {:?} and source {:?}", row.election, row.party, row.source)
                };
                duplicate(rows[first].line, describe, sheet.at(row.line, "source"), cx.errors);
            }
            cx.resolve(Target::Election, &row.election, || sheet.at(row.line, "election"));
            cx.resolve(Target::Party, &row.party, || sheet.at(row.line, "party"));
            cx.resolve(Target::Source, &row.source, || sheet.at(row.line, "source"));
            if kind_of(&row.party, &model_parties) == Some(PartyKind::SelfNominated) {
                let list_figures = [
                    ("votes", row.votes.is_some()),
                    ("vote_pct_printed", row.share.is_some()),
                    ("list_seats_published", row.list_seats.is_some()),
                    ("registration_order", row.registration.is_some()),
                ];
                for (column, given) in list_figures {
                    if given {
                        cx.error(sheet.at(row.line, column), ErrorKind::SelfNominatedList { column });
                    }
                }
            }
            election_of.push(index.get(row.election.as_str()).copied().unwrap_or(usize::MAX));
        }
        // The rows of each election, in file order: those of election `i` are
        // `grouped[starts[i]..starts[i + 1]]`.
        let mut starts = vec![0; model_elections.len() + 1];
        for &i in election_of.iter().filter(|i| **i != usize::MAX) {
            starts[i + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut grouped = vec![0; starts[model_elections.len()]];
        let mut next = starts.clone();
        for (at, &i) in election_of.iter().enumerate().filter(|(_, i)| **i != usize::MAX) {
            grouped[next[i]] = at;
            next[i] += 1;
        }
        drop((election_of, next));
        let rows_of = |i: usize| &grouped[starts[i]..starts[i + 1]];
        // Each election's results from its rows in file order (the same as row by row), with room
        // for as many results as rows (exactly enough when each list has one row).
        for (i, (election, lines)) in model_elections.iter_mut().zip(&mut lines.of).enumerate() {
            let of = rows_of(i);
            election.results.reserve_exact(of.len());
            lines.results.reserve_exact(of.len());
            for row in of.iter().map(|at| &rows[*at]) {
                let self_nominated = kind_of(&row.party, &model_parties) == Some(PartyKind::SelfNominated);
                add_result(election, lines, row, self_nominated);
            }
            election.results.shrink_to_fit();
            lines.results.shrink_to_fit();
        }
        for (i, election) in model_elections.iter().enumerate().filter(|_| clean) {
            check_registration(election, sheet, rows_of(i).iter().map(|at| &rows[*at]), &mut cx);
            check_list_seats(election, &lines, &mut cx);
        }
    }

    // Party names for each election's year.
    for election in model_elections.iter().filter(|_| clean) {
        let year = election.date.year();
        for result in &election.results {
            let Some(party) = result.party().and_then(|p| party_at(&p.0)).map(|at| &model_parties[at]) else {
                continue;
            };
            if party.names.iter().filter(|n| n.covers(year)).count() > 1 {
                let kind =
                    ErrorKind::AmbiguousPartyName { party: party.id.clone(), year, election: election.id.clone() };
                cx.error(lines.election(&election.id), kind);
            }
        }
    }

    // Discrepancies.
    if let Some(Table { sheet, rows, .. }) = &discrepancies {
        for row in rows {
            cx.resolve(Target::Election, &row.election, || sheet.at(row.line, "election"));
            cx.resolve(Target::Source, &row.source, || sheet.at(row.line, "source"));
            if let Some(party) = &row.party {
                cx.resolve(Target::Party, party, || sheet.at(row.line, "party"));
            }
            let fits = match &row.party {
                Some(_) => RESULT_FIGURES.contains(&row.figure.as_str()),
                None => ELECTION_FIGURES.contains(&row.figure.as_str()) || row.figure == "vote_pct_sum",
            };
            if !fits {
                let expected = if row.party.is_some() {
                    "a column of results.csv, as a party is given"
                } else {
                    "a column of election_figures.csv or vote_pct_sum, as no party is given"
                };
                cx.error(
                    sheet.at(row.line, "figure"),
                    ErrorKind::BadValue { field: "figure".into(), expected, found: row.figure.clone() },
                );
            }
            if clean && row.in_tables && fits {
                let figure_row = || {
                    let key = (row.election.as_str(), row.source.as_str());
                    figure_rows.as_ref()?.find(&figures.as_ref()?.rows, |r| figure_key(r).cmp(&key))
                };
                let result_row = |party: &str| {
                    let key = (row.election.as_str(), party, row.source.as_str());
                    result_rows.as_ref()?.find(&results.as_ref()?.rows, |r| result_key(r).cmp(&key))
                };
                let found = match row.party.as_deref() {
                    Some(party) => result_row(party).and_then(|r| result_figure(r, &row.figure)),
                    None => figure_row().and_then(|r| election_figure(r, &row.figure)),
                };
                if found != Some(row.value) {
                    let kind = ErrorKind::NotInTables {
                        figure: row.figure.clone(),
                        value: row.value,
                        source_id: SourceId(row.source.clone()),
                    };
                    cx.error(sheet.at(row.line, "value"), kind);
                }
            }
            if let Some(&i) = index.get(row.election.as_str()) {
                model_elections[i].discrepancies.push(Discrepancy {
                    id: row.id.clone(),
                    party: row.party.clone().map(PartyId),
                    figure: row.figure.clone(),
                    value: row.value,
                    basis: row.basis,
                    source: SourceId(row.source.clone()),
                    in_tables: row.in_tables,
                    note: row.note.clone(),
                });
            }
        }
    }

    // Free what is no longer needed before the dataset grows further.
    drop(figure_rows);
    drop(result_rows);
    drop((figures, results, discrepancies, party_names));

    // The mäslihat files' references and convocation sizes.
    let mut bodies = Vec::with_capacity(files.len());
    for file in files {
        for reference in &file.references {
            cx.resolve(reference.target, &reference.id, || reference.position.clone());
        }
        for (election, seats, position) in file.convocation_seats.iter().filter(|_| clean) {
            let total = index.get(election.0.as_str()).and_then(|i| model_elections[*i].total_seats.value().copied());
            if let Some(total) = total
                && total != *seats
            {
                cx.error(
                    position.clone(),
                    ErrorKind::ConvocationSeats { seats: *seats, election: election.clone(), total },
                );
            }
        }
        bodies.push(file.body);
    }

    drop(cx);
    drop(index);
    drop(party_index);
    drop((sources, parties, elections));

    // By date, then mäslihat: a stable sort, as `sort_by` would be, but sorting keys and moving
    // each election once instead of allocating room for half of them.
    model_elections.sort_by_cached_key(|e| (e.date, e.body.clone()));
    let dataset = Dataset { sources: model_sources, parties: model_parties, bodies, elections: model_elections };
    (dataset, lines)
}

fn add<T: PartialEq>(figure: &mut Figure<T>, value: Option<T>, source: &SourceId) {
    if let Some(value) = value {
        // Most figures have one source: room for one, not for the four a first push makes.
        if figure.0.is_empty() {
            figure.0.reserve_exact(1);
        }
        figure.push(value, source.clone());
    }
}

fn add_result(election: &mut Election, lines: &mut ElectionLines, row: &ResultRow, self_nominated: bool) {
    let affiliation =
        if self_nominated { Affiliation::SelfNominated } else { Affiliation::Party(PartyId(row.party.clone())) };
    let at = match election.results.iter().position(|r| r.affiliation == affiliation) {
        Some(at) => at,
        None => {
            election.results.push(PartyResult {
                affiliation,
                registration: Figure::default(),
                votes: Figure::default(),
                printed_share: Figure::default(),
                list_seats: Figure::default(),
                district_seats: Figure::default(),
                notes: Vec::new(),
            });
            election.results.len() - 1
        }
    };
    if lines.results.len() < election.results.len() {
        lines.results.push(Default::default());
    }
    // In the order of `RESULT_FIGURES`.
    let known = [
        row.registration.is_some(),
        row.votes.is_some(),
        row.share.is_some(),
        row.list_seats.is_some(),
        row.district_seats.is_some(),
    ];
    for (first, known) in lines.results[at].iter_mut().zip(known) {
        if known && first.is_none() {
            *first = Some(row.line);
        }
    }
    let source = SourceId(row.source.clone());
    let result = &mut election.results[at];
    add(&mut result.registration, row.registration, &source);
    add(&mut result.votes, row.votes, &source);
    add(&mut result.printed_share, row.share, &source);
    add(&mut result.list_seats, row.list_seats, &source);
    add(&mut result.district_seats, row.district_seats, &source);
    if let Some(note) = &row.note {
        result.notes.push(Sourced { value: note.clone(), source });
    }
}

/// `total_seats = list_seats + district_seats` when all three are known.
fn check_seat_kinds(election: &Election, lines: &Lines, cx: &mut Ctx<'_, '_>) {
    let (Some(total), Some(list), Some(district)) =
        (election.total_seats.value(), election.list_seats.value(), election.district_seats.value())
    else {
        return;
    };
    if u64::from(*total) != u64::from(*list) + u64::from(*district) {
        let kind = ErrorKind::SeatKinds { total: *total, list: *list, district: *district };
        cx.error(lines.figure(&election.id, "total_seats"), kind);
    }
}

/// Registration numbers: all lists or none, each number once. `rows` are the election's rows of
/// `results.csv`, in file order.
fn check_registration<'r>(
    election: &Election,
    sheet: &Sheet,
    rows: impl Iterator<Item = &'r ResultRow> + Clone,
    cx: &mut Ctx<'_, '_>,
) {
    let lists: Vec<&PartyResult> = election.lists().collect();
    let given = lists.iter().filter(|r| !r.registration.is_unknown()).count();
    let rows_of = || rows.clone();
    if given > 0 && given < lists.len() {
        let missing = lists.iter().find(|r| r.registration.is_unknown()).and_then(|r| r.party().cloned());
        let line = rows_of().find(|r| Some(&r.party) == missing.as_ref().map(|p| &p.0)).map_or(0, |r| r.line);
        cx.error(
            sheet.at(line, "registration_order"),
            ErrorKind::PartialRegistrationOrder { election: election.id.clone() },
        );
    }
    let mut seen: HashMap<u32, &str> = HashMap::new();
    for row in rows_of() {
        let Some(order) = row.registration else { continue };
        match seen.get(&order) {
            Some(party) if *party != row.party => {
                let kind = ErrorKind::DuplicateRegistration { election: election.id.clone(), order };
                cx.error(sheet.at(row.line, "registration_order"), kind);
            }
            _ => {
                seen.insert(order, &row.party);
            }
        }
    }
}

/// Published list seats add up to at most the seats to allocate (exactly, when every list is
/// known and has them); district seats won to at most the district seats.
fn check_list_seats(election: &Election, lines: &Lines, cx: &mut Ctx<'_, '_>) {
    let first_party = election.lists().find_map(|r| r.party().cloned());
    let position = |figure| match &first_party {
        Some(p) => lines.result(election, p, figure),
        None => lines.election(&election.id),
    };
    if let Ok(house) = election.house() {
        let seats: Vec<Agreement<'_, u32>> = election.lists().map(|r| r.list_seats.agreement()).collect();
        let sum: u64 =
            seats.iter().filter_map(|a| if let Agreement::Agreed(n) = a { Some(u64::from(**n)) } else { None }).sum();
        let all = seats.iter().all(|a| matches!(a, Agreement::Agreed(_)));
        let must_equal = election.lists_complete == Some(true) && all;
        if sum > u64::from(house) || (must_equal && sum != u64::from(house)) {
            let what = format!("the published list seats of {}", election.id);
            let of = "seats to allocate";
            cx.error(
                position("list_seats_published"),
                ErrorKind::SeatSum { what, sum, limit: u64::from(house), of, must_equal },
            );
        }
    }
    if let Some(district) = election.district_seats.value() {
        let sum: u64 = election.results.iter().filter_map(|r| r.district_seats.value()).map(|n| u64::from(*n)).sum();
        if sum > u64::from(*district) {
            let what = format!("the published district seats of {}", election.id);
            let first =
                election.results.iter().find(|r| !r.district_seats.is_unknown()).and_then(|r| r.party().cloned());
            let at = match first {
                Some(p) => lines.result(election, &p, "district_seats_published"),
                None => lines.election(&election.id),
            };
            let kind =
                ErrorKind::SeatSum { what, sum, limit: u64::from(*district), of: "district seats", must_equal: false };
            cx.error(at, kind);
        }
    }
}

/// The value a row of `results.csv` gives for a figure.
fn result_figure(row: &ResultRow, figure: &str) -> Option<Decimal> {
    let count = |n: Option<u64>| n.and_then(|n| Decimal::new(n, 0));
    match figure {
        "registration_order" => count(row.registration.map(u64::from)),
        "votes" => count(row.votes),
        "vote_pct_printed" => row.share,
        "list_seats_published" => count(row.list_seats.map(u64::from)),
        "district_seats_published" => count(row.district_seats.map(u64::from)),
        _ => None,
    }
}

/// The value a row of `election_figures.csv` gives for a figure.
fn election_figure(row: &FigureRow, figure: &str) -> Option<Decimal> {
    let count = |n: Option<u64>| n.and_then(|n| Decimal::new(n, 0));
    match figure {
        "total_seats" => count(row.total_seats.map(u64::from)),
        "list_seats" => count(row.list_seats.map(u64::from)),
        "district_seats" => count(row.district_seats.map(u64::from)),
        "registered_voters" => count(row.registered_voters),
        "ballots_cast" => count(row.ballots_cast),
        "valid_ballots" => count(row.valid_ballots),
        "invalid_ballots" => count(row.invalid_ballots),
        "against_all" => count(row.against_all),
        "turnout_pct_printed" => row.turnout,
        _ => None,
    }
}
