//! Building the model from the tables read: one method per table, each checking the table's
//! keys and references and adding its rows to the dataset. Checks of consistency between figures
//! (seat sums, registration order, the values of `discrepancies.csv`) run only on clean data.

use hashbrown::hash_map::Entry;
use hashbrown::{HashMap, HashSet};
use std::hash::Hash;
use std::sync::Arc;

use maslihat_model::election::{Discrepancy, PartyResult};
use maslihat_model::figure::{Agreement, Source};
use maslihat_model::party::{Party, PartyKind, PartyName};
use maslihat_model::{
    Affiliation, BodyId, Dataset, Decimal, DiscrepancyFigure, Election, ElectionFigure, ElectionId, Figure, PartyId,
    ProfileFacts, ResultFigure, SourceId, Sourced,
};

use crate::body_file::{BodyFile, Target};
use crate::error::{Error, ErrorKind, Position};
use crate::lines::{ElectionLines, Lines};
use crate::sheet::Sheet;
use crate::tables::{
    DiscrepancyRow, ElectionRow, FigureRow, PartyNameRow, PartyRow, ResultRow, SourceRow, Table, Tables,
};

/// Whether the files were read without error: checks of consistency between figures run only
/// then, since a row dropped for an error would distort them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    Clean,
    WithErrors,
}

/// Builds the dataset from the tables and the mäslihat files, recording every error.
///
/// `stems` names the mäslihat files found (`None` when the folder could not be read).
pub(crate) fn assemble(
    tables: Tables,
    files: Vec<BodyFile>,
    stems: Option<Vec<String>>,
    reading: Reading,
    errors: &mut Vec<Error>,
) -> (Dataset, Lines) {
    let Tables { mut sources, parties, party_names, mut elections, figures, results, discrepancies } = tables;
    let results = results.map(ResultRows::group);
    // What the discrepancies need of the figure tables is taken first: the results' rows are let
    // go as each election's results are built.
    let in_tables = discrepancies.as_ref().map(|t| InTables::new(&t.rows, figures.as_ref(), results.as_ref()));
    // The ids of the sources and elections are kept for the references; their rows are moved
    // into the dataset.
    let source_ids = sources.as_mut().map(|t| std::mem::take(&mut t.ids));
    let election_ids = elections.as_mut().map(|t| std::mem::take(&mut t.ids));
    let mut builder =
        Builder::new(source_ids.as_deref(), parties.as_ref(), election_ids.as_deref(), stems, reading, errors);
    builder.unique_ids_of(sources.as_ref(), parties.as_ref(), elections.as_ref());
    builder.sources(sources);
    builder.parties(parties.as_ref());
    builder.party_names(party_names.as_ref());
    builder.elections(elections);
    builder.election_figures(figures.as_ref());
    drop(figures);
    builder.results(results);
    builder.check_party_names();
    builder.discrepancies(discrepancies.as_ref(), in_tables.as_ref());
    builder.bodies(files);
    builder.finish()
}

/// The rows of `results.csv` grouped by election, so that each election's rows can be let go
/// as soon as its results are built (the rows of a large dataset are a third of what its load
/// holds), with the file's order kept for the checks that report in it.
struct ResultRows {
    sheet: Sheet,
    /// Per election id (known or not), its rows in file order.
    groups: Vec<(Arc<str>, Vec<ResultRow>)>,
    /// Every row, in file order, as its group and its place there.
    order: Vec<(usize, usize)>,
}

impl ResultRows {
    fn group(table: Table<ResultRow>) -> ResultRows {
        // Each row's group, the groups numbered in order of first sight; then each group made
        // with the room it needs, so that the rows are held twice only while they move.
        let mut place: HashMap<&str, usize> = HashMap::new();
        let mut firsts: Vec<(Arc<str>, usize)> = Vec::new();
        let mut order = Vec::with_capacity(table.rows.len());
        for row in &table.rows {
            let group = *place.entry(&*row.election).or_insert_with(|| {
                firsts.push((Arc::clone(&row.election), 0));
                firsts.len() - 1
            });
            order.push((group, firsts[group].1));
            firsts[group].1 += 1;
        }
        drop(place);
        let mut groups: Vec<(Arc<str>, Vec<ResultRow>)> =
            firsts.into_iter().map(|(id, size)| (id, Vec::with_capacity(size))).collect();
        for (row, &(group, _)) in table.rows.into_iter().zip(&order) {
            groups[group].1.push(row);
        }
        ResultRows { sheet: table.sheet, groups, order }
    }

    /// The rows in the file's order (of the groups not yet taken).
    fn in_file_order(&self) -> impl Iterator<Item = &ResultRow> {
        self.order.iter().filter_map(|&(group, at)| self.groups[group].1.get(at))
    }

    /// The rows (by group and place) that give the party and source of an earlier row of their
    /// election, with the line of the first such row. Found election by election (a row's
    /// election is its group), so no map of every row's key is held: such a map was the
    /// largest thing a large load held. Small groups are scanned, larger ones hashed.
    fn repeated_keys(&self) -> HashMap<(usize, usize), u64> {
        const SCANNED: usize = 32;
        let mut repeats = HashMap::new();
        for (group, (_, rows)) in self.groups.iter().enumerate() {
            if rows.len() <= SCANNED {
                for (at, row) in rows.iter().enumerate() {
                    let same = |earlier: &&ResultRow| earlier.party == row.party && earlier.source == row.source;
                    if let Some(first) = rows[..at].iter().find(same) {
                        repeats.insert((group, at), first.line);
                    }
                }
                continue;
            }
            let mut seen = FirstLines::new();
            for (at, row) in rows.iter().enumerate() {
                if let Some(first_line) = seen.repeat((&*row.party, &*row.source), row.line) {
                    repeats.insert((group, at), first_line);
                }
            }
        }
        repeats
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

/// The ids of a table (every row's, also of rows with errors).
fn ids(ids: Option<&[String]>) -> Option<HashSet<&str>> {
    ids.map(|ids| ids.iter().map(String::as_str).collect())
}

/// The first line of each key of a table, reporting the keys given again.
struct FirstLines<K>(HashMap<K, u64>);

impl<K: Hash + Eq> FirstLines<K> {
    fn new() -> FirstLines<K> {
        FirstLines(HashMap::new())
    }

    /// Records `key` as given on `line`; `Some(first line)` when it was given before.
    fn repeat(&mut self, key: K, line: u64) -> Option<u64> {
        match self.0.entry(key) {
            Entry::Occupied(first) => Some(*first.get()),
            Entry::Vacant(entry) => {
                entry.insert(line);
                None
            }
        }
    }
}

/// The dataset under construction, with the errors found so far.
struct Builder<'t, 'e> {
    known: Known<'t>,
    reading: Reading,
    errors: &'e mut Vec<Error>,
    lines: Lines,
    sources: Vec<Source>,
    /// Each source's id, shared by every figure that cites it.
    source_ids: HashMap<Arc<str>, SourceId>,
    parties: Vec<Party>,
    /// The place of each party id in `parties`.
    party_index: HashMap<&'t str, usize>,
    elections: Vec<Election>,
    /// The place of each election id in `elections` (and in `lines`).
    election_index: HashMap<Box<str>, usize>,
    bodies: Vec<maslihat_model::Maslihat>,
}

impl<'t, 'e> Builder<'t, 'e> {
    /// Starts with the ids of the tables referred to.
    fn new(
        sources: Option<&'t [String]>,
        parties: Option<&'t Table<PartyRow>>,
        elections: Option<&'t [String]>,
        stems: Option<Vec<String>>,
        reading: Reading,
        errors: &'e mut Vec<Error>,
    ) -> Builder<'t, 'e> {
        let known = Known {
            sources: ids(sources),
            parties: ids(parties.map(|t| &t.ids[..])),
            elections: ids(elections),
            bodies: stems.map(|stems| stems.into_iter().collect()),
        };
        Builder {
            known,
            reading,
            errors,
            lines: Lines::default(),
            sources: Vec::new(),
            source_ids: HashMap::new(),
            parties: Vec::new(),
            party_index: HashMap::new(),
            elections: Vec::new(),
            election_index: HashMap::new(),
            bodies: Vec::new(),
        }
    }

    /// Reports the ids given twice, first of all.
    fn unique_ids_of(
        &mut self,
        sources: Option<&Table<SourceRow>>,
        parties: Option<&Table<PartyRow>>,
        elections: Option<&Table<ElectionRow>>,
    ) {
        if let Some(table) = sources {
            self.unique_ids(table, "id", |row| (row.line, format!("source id {:?}", row.id), &row.id));
        }
        if let Some(table) = parties {
            self.unique_ids(table, "id", |row| (row.line, format!("party id {:?}", row.id), &row.id));
        }
        if let Some(table) = elections {
            self.unique_ids(table, "election", |row| (row.line, format!("election {:?}", row.election), &row.election));
        }
    }

    /// Reports the rows whose id (in `column`) was given before; `key` gives a row's line, its
    /// description in the error, and its id.
    fn unique_ids<R>(&mut self, table: &Table<R>, column: &str, key: impl Fn(&R) -> (u64, String, &String)) {
        let mut seen = FirstLines::new();
        for row in &table.rows {
            let (line, describe, id) = key(row);
            if let Some(first_line) = seen.repeat(id.as_str(), line) {
                self.error(table.sheet.at(line, column), ErrorKind::Duplicate { key: describe, first_line });
            }
        }
    }

    fn error(&mut self, position: Position, kind: ErrorKind) {
        self.errors.push(Error { position, kind });
    }

    fn resolve(&mut self, target: Target, id: &str, position: impl FnOnce() -> Position) {
        if !self.known.has(target, id) {
            let kind = ErrorKind::UnknownReference { what: what(target), id: id.to_owned() };
            self.error(position(), kind);
        }
    }

    fn clean(&self) -> bool {
        self.reading == Reading::Clean
    }

    fn party_kind(&self, id: &str) -> Option<PartyKind> {
        self.party_index.get(id).map(|at| self.parties[*at].kind)
    }

    /// The sources, their rows moved into the dataset; an id given twice is its first row's.
    fn sources(&mut self, table: Option<Table<SourceRow>>) {
        let rows = table.map_or_else(Vec::new, |t| t.rows);
        self.sources.reserve_exact(rows.len());
        for row in rows {
            let id = SourceId::from(row.id.as_str());
            self.source_ids.entry(Arc::clone(&id.0)).or_insert_with(|| id.clone());
            self.sources.push(Source { id, url: row.url, publisher: row.publisher, description: row.description });
        }
    }

    /// The shared id of source `id` (a new one for an id the sources do not have, which is an
    /// error reported elsewhere).
    fn source_id(&self, id: &str) -> SourceId {
        self.source_ids.get(id).cloned().unwrap_or_else(|| SourceId::from(id))
    }

    /// The parties; a party id given twice keeps its first row's place.
    fn parties(&mut self, table: Option<&'t Table<PartyRow>>) {
        let rows = table.map_or(&[][..], |t| &t.rows);
        for (at, row) in rows.iter().enumerate() {
            self.party_index.entry(row.id.as_str()).or_insert(at);
        }
        self.parties = rows
            .iter()
            .map(|r| Party {
                id: PartyId(r.id.clone()),
                kind: r.kind,
                colour: r.colour,
                names: Vec::new(),
                note: r.note.clone(),
            })
            .collect();
    }

    fn party_names(&mut self, table: Option<&Table<PartyNameRow>>) {
        let Some(Table { sheet, rows, .. }) = table else { return };
        let mut seen = FirstLines::new();
        for row in rows {
            if let Some(first_line) = seen.repeat((row.party.as_str(), row.from_year), row.line) {
                let from = row.from_year.map_or("(open)".into(), |y| y.to_string());
                let key = format!("name of {:?} from year {from}", row.party);
                self.error(sheet.at(row.line, "from_year"), ErrorKind::Duplicate { key, first_line });
            }
            self.resolve(Target::Party, &row.party, || sheet.at(row.line, "party"));
            match &row.source {
                Some(source) => self.resolve(Target::Source, source, || sheet.at(row.line, "source")),
                None if self.party_kind(&row.party).is_some_and(|k| k != PartyKind::SelfNominated) => {
                    self.error(sheet.at(row.line, "source"), ErrorKind::MissingValue { field: "source".into() });
                }
                None => {}
            }
            if let Some(&at) = self.party_index.get(row.party.as_str()) {
                let source = row.source.as_deref().map(|id| self.source_id(id));
                self.parties[at].names.push(PartyName {
                    from_year: row.from_year,
                    to_year: row.to_year,
                    name: row.name.clone(),
                    label: row.label.clone(),
                    short: row.short.clone(),
                    source,
                });
            }
        }
    }

    /// The elections, each once (at its first row), their rows moved into the dataset.
    fn elections(&mut self, table: Option<Table<ElectionRow>>) {
        let Some(Table { sheet, rows, .. }) = table else { return };
        // At most one election per row: the list is made once, not grown by doubling.
        self.elections.reserve_exact(rows.len());
        self.lines.reserve(rows.len());
        self.lines.elections_file = sheet.path.clone();
        for row in rows {
            self.resolve(Target::Maslihat, &row.maslihat, || sheet.at(row.line, "maslihat"));
            let expected = format!("{}-{}", row.maslihat, row.date.year());
            if row.election != expected {
                let kind = ErrorKind::ElectionId { found: row.election.clone(), expected };
                self.error(sheet.at(row.line, "election"), kind);
            }
            let system = row.rules.system();
            if row.system != system {
                let kind = ErrorKind::RulesSystem {
                    rules: row.rules.to_string(),
                    expected: system.name(),
                    found: row.system.name().into(),
                };
                self.error(sheet.at(row.line, "system"), kind);
            }
            if self.election_index.contains_key(row.election.as_str()) {
                continue;
            }
            self.election_index.insert(Box::from(row.election.as_str()), self.elections.len());
            self.lines.push(ElectionId(row.election.clone()), row.line);
            self.elections.push(new_election(row));
        }
    }

    fn election_figures(&mut self, table: Option<&Table<FigureRow>>) {
        let Some(Table { sheet, rows, .. }) = table else { return };
        self.lines.figures_sheet = Some(sheet.clone());
        let mut seen = FirstLines::new();
        for row in rows {
            if let Some(first_line) = seen.repeat((row.election.as_str(), row.source.as_str()), row.line) {
                let key = format!("row for election {:?} and source {:?}", row.election, row.source);
                self.error(sheet.at(row.line, "source"), ErrorKind::Duplicate { key, first_line });
            }
            self.resolve(Target::Election, &row.election, || sheet.at(row.line, "election"));
            self.resolve(Target::Source, &row.source, || sheet.at(row.line, "source"));
            let Some(&at) = self.election_index.get(row.election.as_str()) else { continue };
            if self.elections[at].system == maslihat_model::body::ElectoralSystem::PartyList {
                for figure in [ElectionFigure::ListSeats, ElectionFigure::DistrictSeats] {
                    if row.gives(figure) {
                        let column = figure.name();
                        self.error(sheet.at(row.line, column), ErrorKind::SeatKindInPartyList { column });
                    }
                }
            }
            let source = self.source_id(&row.source);
            add_figures(&mut self.elections[at], self.lines.at_mut(at), row, source);
        }
        if self.clean() {
            for at in 0..self.elections.len() {
                check_seat_kinds(&self.elections[at], &self.lines, self.errors);
            }
        }
    }

    fn results(&mut self, rows: Option<ResultRows>) {
        let Some(mut rows) = rows else { return };
        let sheet = rows.sheet.clone();
        self.lines.results_sheet = Some(sheet.clone());
        let repeats = rows.repeated_keys();
        for place in &rows.order {
            let row = &rows.groups[place.0].1[place.1];
            if let Some(&first_line) = repeats.get(place) {
                let key =
                    format!("row for election {:?}, party {:?} and source {:?}", row.election, row.party, row.source);
                self.error(sheet.at(row.line, "source"), ErrorKind::Duplicate { key, first_line });
            }
            self.resolve(Target::Election, &row.election, || sheet.at(row.line, "election"));
            self.resolve(Target::Party, &row.party, || sheet.at(row.line, "party"));
            self.resolve(Target::Source, &row.source, || sheet.at(row.line, "source"));
            if self.party_kind(&row.party) == Some(PartyKind::SelfNominated) {
                let list_figures = [
                    ResultFigure::Votes,
                    ResultFigure::SharePrinted,
                    ResultFigure::ListSeats,
                    ResultFigure::Registration,
                    ResultFigure::BallotOrder,
                    ResultFigure::OnBallot,
                ];
                for figure in list_figures.into_iter().filter(|f| row.gives(*f)) {
                    let column = figure.name();
                    self.error(sheet.at(row.line, column), ErrorKind::SelfNominatedList { column });
                }
            }
        }
        // The group of each election (by its place); the rows of an unknown election stay
        // unused, reported above.
        let mut group_of: Vec<Option<usize>> = vec![None; self.elections.len()];
        for (group, (id, _)) in rows.groups.iter().enumerate() {
            if let Some(&at) = self.election_index.get(&**id) {
                group_of[at] = Some(group);
            }
        }
        // Each election built and checked from its rows, which then go: the checks of an
        // election read only its own figures, so they report in the same order as when every
        // election was built first.
        for (at, group) in group_of.into_iter().enumerate() {
            let mut election_rows = group.map(|g| std::mem::take(&mut rows.groups[g].1)).unwrap_or_default();
            // A list per row at most (a list given by several sources has several rows).
            self.elections[at].results.reserve_exact(election_rows.len());
            self.lines.at_mut(at).reserve_results(election_rows.len());
            for row in &mut election_rows {
                let self_nominated = self.party_kind(&row.party) == Some(PartyKind::SelfNominated);
                let source = self.source_id(&row.source);
                add_result(&mut self.elections[at], self.lines.at_mut(at), row, source, self_nominated);
            }
            if self.clean() {
                let election = &self.elections[at];
                check_registration(election, &sheet, &election_rows, self.errors);
                check_ballot_order(election, &sheet, &election_rows, self.errors);
                check_list_seats(election, &self.lines, self.errors);
                check_lists_on_ballot(election, &self.lines, self.errors);
            }
        }
    }

    /// One name per party for each election's year.
    fn check_party_names(&mut self) {
        if !self.clean() {
            return;
        }
        for election in &self.elections {
            let year = election.date.year();
            for party in election.results.iter().filter_map(|r| self.party_index.get(r.party()?.0.as_str())) {
                let party = &self.parties[*party];
                if party.names.iter().filter(|n| n.covers(year)).count() > 1 {
                    let kind =
                        ErrorKind::AmbiguousPartyName { party: party.id.clone(), year, election: election.id.clone() };
                    self.errors.push(Error { position: self.lines.election(&election.id), kind });
                }
            }
        }
    }

    fn discrepancies(&mut self, table: Option<&Table<DiscrepancyRow>>, in_tables: Option<&InTables<'_>>) {
        let Some(Table { sheet, rows, .. }) = table else { return };
        for row in rows {
            self.resolve(Target::Election, &row.election, || sheet.at(row.line, "election"));
            self.resolve(Target::Source, &row.source, || sheet.at(row.line, "source"));
            if let Some(party) = &row.party {
                self.resolve(Target::Party, party, || sheet.at(row.line, "party"));
            }
            let fits = row.figure.is_of_a_party() == row.party.is_some();
            if !fits {
                let expected = if row.party.is_some() {
                    "a column of results.csv, as a party is given"
                } else {
                    "a column of election_figures.csv or vote_pct_sum, as no party is given"
                };
                let found = row.figure.name().to_owned();
                self.error(
                    sheet.at(row.line, "figure"),
                    ErrorKind::BadValue { field: "figure".into(), expected, found },
                );
            }
            if self.clean() && row.in_tables && fits && in_tables.and_then(|t| t.value(row)) != Some(row.value) {
                let kind = ErrorKind::NotInTables {
                    figure: row.figure.name().to_owned(),
                    value: row.value,
                    source_id: self.source_id(&row.source),
                };
                self.error(sheet.at(row.line, "value"), kind);
            }
            if let Some(&at) = self.election_index.get(row.election.as_str()) {
                let source = self.source_id(&row.source);
                self.elections[at].discrepancies.push(Discrepancy {
                    id: row.id.clone(),
                    party: row.party.clone().map(PartyId),
                    figure: row.figure,
                    value: row.value,
                    basis: row.basis,
                    source,
                    in_tables: row.in_tables,
                    note: row.note.clone(),
                });
            }
        }
    }

    /// The mäslihat files: their references, and their convocation sizes against the elections.
    fn bodies(&mut self, files: Vec<BodyFile>) {
        for file in files {
            for reference in &file.references {
                self.resolve(reference.target, &reference.id, || reference.position.clone());
            }
            let convocation_seats = if self.clean() { &file.convocation_seats[..] } else { &[] };
            for (election, seats, position) in convocation_seats {
                let at = self.election_index.get(election.0.as_str());
                let Some(&total) = at.and_then(|at| self.elections[*at].total_seats.value()) else { continue };
                if total != *seats {
                    let kind = ErrorKind::ConvocationSeats { seats: *seats, election: election.clone(), total };
                    self.error(position.clone(), kind);
                }
            }
            self.bodies.push(file.body);
        }
    }

    /// The dataset, its elections by date then mäslihat, and where their figures were read.
    fn finish(self) -> (Dataset, Lines) {
        let mut elections = self.elections;
        // The keys are unique in a dataset that loads (an election's id is its mäslihat and year,
        // and ids are unique), so an unstable sort gives the stable order, without its buffer of
        // half the elections.
        elections.sort_unstable_by(|a, b| (a.date, &a.body).cmp(&(b.date, &b.body)));
        // Room was made for a list per row; a list given by several sources took fewer places,
        // and what stays in memory for the whole run is kept tight.
        for election in &mut elections {
            election.results.shrink_to_fit();
        }
        let dataset = Dataset::new(self.sources, self.parties, self.bodies, elections);
        (dataset, self.lines)
    }
}

/// An election as `elections.csv` gives it, before its figures.
fn new_election(row: ElectionRow) -> Election {
    Election {
        id: ElectionId(row.election),
        body: BodyId(row.maslihat),
        date: row.date,
        profile: row.rules,
        system: row.system,
        lists_complete: row.lists_complete,
        lists_basis: row.lists_basis,
        note: row.note,
        total_seats: Figure::default(),
        list_seats: Figure::default(),
        district_seats: Figure::default(),
        lists_on_ballot: Figure::default(),
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
    }
}

fn add<T: PartialEq>(figure: &mut Figure<T>, value: Option<T>, source: &SourceId) {
    if let Some(value) = value {
        figure.push(value, source.clone());
    }
}

/// Adds a row of `election_figures.csv` to its election.
fn add_figures(election: &mut Election, lines: &mut ElectionLines, row: &FigureRow, source: SourceId) {
    for figure in ElectionFigure::ALL.into_iter().filter(|f| row.gives(*f)) {
        lines.saw_figure(figure, row.line);
    }
    add(&mut election.total_seats, row.total_seats, &source);
    add(&mut election.list_seats, row.list_seats, &source);
    add(&mut election.district_seats, row.district_seats, &source);
    add(&mut election.lists_on_ballot, row.lists_on_ballot, &source);
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

/// Adds a row of `results.csv` to its election: to the party's result, made at its first row.
/// The row's note is moved into the result (the checks that follow read only its other cells).
fn add_result(
    election: &mut Election,
    lines: &mut ElectionLines,
    row: &mut ResultRow,
    source: SourceId,
    self_nominated: bool,
) {
    let affiliation = if self_nominated {
        Affiliation::SelfNominated
    } else {
        Affiliation::Party(PartyId(String::from(&*row.party)))
    };
    let at = match election.results.iter().position(|r| r.affiliation == affiliation) {
        Some(at) => at,
        None => {
            election.results.push(PartyResult {
                affiliation,
                registration: Figure::default(),
                ballot_order: Figure::default(),
                on_ballot: Vec::new(),
                votes: Figure::default(),
                printed_share: Figure::default(),
                list_seats: Figure::default(),
                district_seats: Figure::default(),
                notes: Vec::new(),
            });
            election.results.len() - 1
        }
    };
    for figure in ResultFigure::ALL.into_iter().filter(|f| row.gives(*f)) {
        lines.saw_result(at, figure, row.line);
    }
    let result = &mut election.results[at];
    add(&mut result.registration, row.registration, &source);
    add(&mut result.ballot_order, row.ballot_order, &source);
    if row.on_ballot {
        result.on_ballot.push(source.clone());
    }
    add(&mut result.votes, row.votes, &source);
    add(&mut result.printed_share, row.share, &source);
    add(&mut result.list_seats, row.list_seats, &source);
    add(&mut result.district_seats, row.district_seats, &source);
    if let Some(note) = row.note.take() {
        result.notes.push(Sourced { value: note, source });
    }
}

/// The first row of the figure tables for each key a discrepancy asks about (a copy), to find
/// the value a discrepancy says is in the tables. Only those keys are kept: a dataset has a few
/// discrepancies and hundreds of thousands of rows.
struct InTables<'d> {
    figures: HashMap<(&'d str, &'d str), FigureRow>,
    results: HashMap<(&'d str, &'d str, &'d str), ResultRow>,
}

impl<'d> InTables<'d> {
    fn new(
        discrepancies: &'d [DiscrepancyRow],
        figures: Option<&Table<FigureRow>>,
        results: Option<&ResultRows>,
    ) -> InTables<'d> {
        let mut figure_keys: HashSet<(&'d str, &'d str)> = HashSet::new();
        let mut result_keys: HashSet<(&'d str, &'d str, &'d str)> = HashSet::new();
        for row in discrepancies {
            let (election, source) = (row.election.as_str(), row.source.as_str());
            match (row.figure, row.party.as_deref()) {
                (DiscrepancyFigure::Result(_), Some(party)) => result_keys.insert((election, party, source)),
                (DiscrepancyFigure::Election(_), None) => figure_keys.insert((election, source)),
                _ => false,
            };
        }
        let mut index = InTables { figures: HashMap::new(), results: HashMap::new() };
        let mut first_figures = HashMap::new();
        for row in figures.map_or(&[][..], |t| &t.rows) {
            let key = (row.election.as_str(), row.source.as_str());
            if figure_keys.contains(&key) {
                first_figures.entry(key).or_insert(row);
            }
        }
        let mut first_results = HashMap::new();
        for row in results.into_iter().flat_map(ResultRows::in_file_order) {
            let key = (&*row.election, &*row.party, &*row.source);
            if result_keys.contains(&key) {
                first_results.entry(key).or_insert(row);
            }
        }
        for key in figure_keys {
            if let Some(row) = first_figures.get(&key) {
                index.figures.insert(key, (*row).clone());
            }
        }
        for key in result_keys {
            if let Some(row) = first_results.get(&key) {
                index.results.insert(key, (*row).clone());
            }
        }
        index
    }

    /// The value the tables give for a discrepancy's figure under its source.
    fn value(&self, row: &DiscrepancyRow) -> Option<Decimal> {
        let (election, source) = (row.election.as_str(), row.source.as_str());
        match (row.figure, row.party.as_deref()) {
            (DiscrepancyFigure::Result(figure), Some(party)) => {
                self.results.get(&(election, party, source))?.value(figure)
            }
            (DiscrepancyFigure::Election(figure), None) => self.figures.get(&(election, source))?.value(figure),
            _ => None,
        }
    }
}

/// `total_seats = list_seats + district_seats` when all three are known.
fn check_seat_kinds(election: &Election, lines: &Lines, errors: &mut Vec<Error>) {
    let (Some(total), Some(list), Some(district)) =
        (election.total_seats.value(), election.list_seats.value(), election.district_seats.value())
    else {
        return;
    };
    if u64::from(*total) != u64::from(*list) + u64::from(*district) {
        let kind = ErrorKind::SeatKinds { total: *total, list: *list, district: *district };
        errors.push(Error { position: lines.figure(&election.id, ElectionFigure::TotalSeats), kind });
    }
}

/// Registration numbers: all lists or none, each number once. `rows` are the election's rows of
/// `results.csv`, in file order.
fn check_registration(election: &Election, sheet: &Sheet, rows: &[ResultRow], errors: &mut Vec<Error>) {
    let lists: Vec<&PartyResult> = election.lists().collect();
    let given = lists.iter().filter(|r| !r.registration.is_unknown()).count();
    let column = ResultFigure::Registration.name();
    if given > 0 && given < lists.len() {
        let missing = lists.iter().find(|r| r.registration.is_unknown()).and_then(|r| r.party().cloned());
        let line =
            rows.iter().find(|r| Some(&*r.party) == missing.as_ref().map(|p| p.0.as_str())).map_or(0, |r| r.line);
        let kind = ErrorKind::PartialRegistrationOrder { election: election.id.clone() };
        errors.push(Error { position: sheet.at(line, column), kind });
    }
    let mut seen: HashMap<u32, &str> = HashMap::new();
    for row in rows {
        let Some(order) = row.registration else { continue };
        match seen.get(&order) {
            Some(party) if *party != &*row.party => {
                let kind = ErrorKind::DuplicateRegistration { election: election.id.clone(), order };
                errors.push(Error { position: sheet.at(row.line, column), kind });
            }
            _ => {
                seen.insert(order, &row.party);
            }
        }
    }
}

/// Ballot positions: each given to one list of an election (several sources may give a list's).
fn check_ballot_order(election: &Election, sheet: &Sheet, rows: &[ResultRow], errors: &mut Vec<Error>) {
    let mut seen: HashMap<u32, &str> = HashMap::new();
    for row in rows {
        let Some(order) = row.ballot_order else { continue };
        match seen.get(&order) {
            Some(party) if *party != &*row.party => {
                let kind = ErrorKind::DuplicateBallotOrder { election: election.id.clone(), order };
                errors.push(Error { position: sheet.at(row.line, ResultFigure::BallotOrder.name()), kind });
            }
            _ => {
                seen.insert(order, &row.party);
            }
        }
    }
}

/// The lists known are at most those on the ballot, and all of them when `lists_complete = yes`.
fn check_lists_on_ballot(election: &Election, lines: &Lines, errors: &mut Vec<Error>) {
    let Some(&on_ballot) = election.lists_on_ballot.value() else { return };
    let lists = election.lists().count() as u64;
    let kind = if lists > u64::from(on_ballot) {
        ErrorKind::MoreListsThanOnBallot { election: election.id.clone(), lists, on_ballot }
    } else if lists < u64::from(on_ballot) && election.lists_complete == Some(true) {
        ErrorKind::CompleteWithFewerLists { election: election.id.clone(), lists, on_ballot }
    } else {
        return;
    };
    errors.push(Error { position: lines.figure(&election.id, ElectionFigure::ListsOnBallot), kind });
}

/// Published list seats add up to at most the seats to allocate (exactly, when every list is
/// known and has them); district seats won to at most the district seats.
fn check_list_seats(election: &Election, lines: &Lines, errors: &mut Vec<Error>) {
    if let Ok(house) = election.house() {
        let seats: Vec<Agreement<'_, u32>> = election.lists().map(|r| r.list_seats.agreement()).collect();
        let sum: u64 =
            seats.iter().filter_map(|a| if let Agreement::Agreed(n) = a { Some(u64::from(**n)) } else { None }).sum();
        let all = seats.iter().all(|a| matches!(a, Agreement::Agreed(_)));
        let must_equal = election.lists_complete == Some(true) && all;
        if sum > u64::from(house) || (must_equal && sum != u64::from(house)) {
            let what = format!("the published list seats of {}", election.id);
            let of = "seats to allocate";
            let first = election.lists().find_map(|r| r.party().cloned());
            let position = match first {
                Some(p) => lines.result(election, &p, ResultFigure::ListSeats),
                None => lines.election(&election.id),
            };
            errors.push(Error {
                position,
                kind: ErrorKind::SeatSum { what, sum, limit: u64::from(house), of, must_equal },
            });
        }
    }
    if let Some(district) = election.district_seats.value() {
        let sum: u64 = election.results.iter().filter_map(|r| r.district_seats.value()).map(|n| u64::from(*n)).sum();
        if sum > u64::from(*district) {
            let what = format!("the published district seats of {}", election.id);
            let first =
                election.results.iter().find(|r| !r.district_seats.is_unknown()).and_then(|r| r.party().cloned());
            let position = match first {
                Some(p) => lines.result(election, &p, ResultFigure::DistrictSeats),
                None => lines.election(&election.id),
            };
            let kind =
                ErrorKind::SeatSum { what, sum, limit: u64::from(*district), of: "district seats", must_equal: false };
            errors.push(Error { position, kind });
        }
    }
}
