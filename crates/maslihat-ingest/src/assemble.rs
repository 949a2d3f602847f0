//! Checks across files and the building of the model: references, unique keys, consistency of
//! seats, and the merging of every source's figures.

use std::collections::HashMap;
use std::path::PathBuf;

use maslihat_apportion::Preset;
use maslihat_model::body::ElectoralSystem;
use maslihat_model::election::{Discrepancy, PartyResult};
use maslihat_model::figure::{Agreement, Source};
use maslihat_model::party::{Party, PartyKind, PartyName};
use maslihat_model::{Affiliation, BodyId, Dataset, Decimal, Election, ElectionId, Figure, PartyId, SourceId, Sourced};

use crate::body_file::{BodyFile, Target};
use crate::error::{Error, ErrorKind, Position};
use crate::sheet::Sheet;
use crate::tables::{ELECTION_FIGURES, FigureRow, RESULT_FIGURES, ResultRow, Table, Tables};

/// Where each election's figures were read, for the positions of warnings.
#[derive(Debug, Default)]
pub(crate) struct Lines {
    pub elections_file: PathBuf,
    /// The line of each election in `elections.csv`.
    pub election: HashMap<ElectionId, u64>,
    /// The first cell of `election_figures.csv` giving a figure of an election.
    pub figure: HashMap<(ElectionId, &'static str), Position>,
    /// The first cell of `results.csv` giving a figure of a party in an election.
    pub result: HashMap<(ElectionId, PartyId, &'static str), Position>,
}

impl Lines {
    pub fn election(&self, id: &ElectionId) -> Position {
        Position::line(self.elections_file.clone(), self.election.get(id).copied().unwrap_or(0))
    }

    pub fn figure(&self, id: &ElectionId, figure: &'static str) -> Position {
        self.figure.get(&(id.clone(), figure)).cloned().unwrap_or_else(|| self.election(id))
    }

    pub fn result(&self, id: &ElectionId, party: &PartyId, figure: &'static str) -> Position {
        self.result.get(&(id.clone(), party.clone(), figure)).cloned().unwrap_or_else(|| self.election(id))
    }
}

/// The ids known in each table; `None` when the table could not be read (references to it are
/// then not checked, so that one broken file does not flood the report).
struct Known {
    sources: Option<HashMap<String, u64>>,
    parties: Option<HashMap<String, u64>>,
    elections: Option<HashMap<String, u64>>,
    bodies: Option<Vec<String>>,
}

impl Known {
    fn has(&self, target: Target, id: &str) -> bool {
        match target {
            Target::Source => self.sources.as_ref().is_none_or(|s| s.contains_key(id)),
            Target::Party => self.parties.as_ref().is_none_or(|p| p.contains_key(id)),
            Target::Election => self.elections.as_ref().is_none_or(|e| e.contains_key(id)),
            Target::Maslihat => self.bodies.as_ref().is_none_or(|b| b.iter().any(|x| x == id)),
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

/// Records `key` at `line`, or an error if it was seen before.
fn unique<K: std::hash::Hash + Eq>(
    seen: &mut HashMap<K, u64>,
    key: K,
    line: u64,
    describe: impl FnOnce() -> String,
    position: Position,
    errors: &mut Vec<Error>,
) {
    match seen.get(&key) {
        Some(first) => {
            errors.push(Error { position, kind: ErrorKind::Duplicate { key: describe(), first_line: *first } })
        }
        None => {
            seen.insert(key, line);
        }
    }
}

struct Ctx<'a> {
    known: Known,
    errors: &'a mut Vec<Error>,
}

impl Ctx<'_> {
    fn resolve(&mut self, target: Target, id: &str, position: Position) {
        if !self.known.has(target, id) {
            self.errors
                .push(Error { position, kind: ErrorKind::UnknownReference { what: what(target), id: id.to_owned() } });
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
        let mut seen = HashMap::new();
        for row in rows {
            let describe = || format!("source id {:?}", row.id);
            unique(&mut seen, row.id.clone(), row.line, describe, sheet.at(row.line, "id"), errors);
        }
    }
    let mut party_ids: HashMap<String, (u64, PartyKind)> = HashMap::new();
    if let Some(Table { sheet, rows, .. }) = &parties {
        let mut seen = HashMap::new();
        for row in rows {
            let describe = || format!("party id {:?}", row.id);
            unique(&mut seen, row.id.clone(), row.line, describe, sheet.at(row.line, "id"), errors);
            party_ids.entry(row.id.clone()).or_insert((row.line, row.kind));
        }
    }
    if let Some(Table { sheet, rows, .. }) = &elections {
        lines.elections_file = sheet.path.clone();
        let mut seen = HashMap::new();
        for row in rows {
            let describe = || format!("election {:?}", row.election);
            unique(&mut seen, row.election.clone(), row.line, describe, sheet.at(row.line, "election"), errors);
            lines.election.entry(ElectionId(row.election.clone())).or_insert(row.line);
        }
    }
    let ids =
        |table: Option<&Vec<String>>| table.map(|ids| ids.iter().map(|id| (id.clone(), 0)).collect::<HashMap<_, _>>());
    let known = Known {
        sources: ids(sources.as_ref().map(|t| &t.ids)),
        parties: ids(parties.as_ref().map(|t| &t.ids)),
        elections: ids(elections.as_ref().map(|t| &t.ids)),
        bodies: stems,
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
    if let Some(Table { sheet, rows, .. }) = &party_names {
        let mut seen = HashMap::new();
        for row in rows {
            let describe = || {
                format!(
                    "name of {:?} from year {}",
                    row.party,
                    row.from_year.map_or("(open)".into(), |y| y.to_string())
                )
            };
            unique(
                &mut seen,
                (row.party.clone(), row.from_year),
                row.line,
                describe,
                sheet.at(row.line, "from_year"),
                cx.errors,
            );
            cx.resolve(Target::Party, &row.party, sheet.at(row.line, "party"));
            match &row.source {
                Some(source) => cx.resolve(Target::Source, source, sheet.at(row.line, "source")),
                None if party_ids.get(&row.party).is_some_and(|(_, k)| *k != PartyKind::SelfNominated) => {
                    cx.error(sheet.at(row.line, "source"), ErrorKind::MissingValue { field: "source".into() });
                }
                None => {}
            }
            if let Some(party) = model_parties.iter_mut().find(|p| p.id.0 == row.party) {
                party.names.push(PartyName {
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

    // Elections.
    let mut model_elections: Vec<Election> = Vec::new();
    if let Some(Table { sheet, rows, .. }) = &elections {
        for row in rows {
            cx.resolve(Target::Maslihat, &row.maslihat, sheet.at(row.line, "maslihat"));
            let expected = format!("{}-{}", row.maslihat, row.date.year());
            if row.election != expected {
                let kind = ErrorKind::ElectionId { found: row.election.clone(), expected };
                cx.error(sheet.at(row.line, "election"), kind);
            }
            let system = match row.rules {
                Preset::Kz2021 => ElectoralSystem::PartyList,
                Preset::Kz2023 => ElectoralSystem::Mixed,
            };
            if row.system != system {
                let kind = ErrorKind::RulesSystem {
                    rules: row.rules.to_string(),
                    expected: system.name(),
                    found: row.system.name().into(),
                };
                cx.error(sheet.at(row.line, "system"), kind);
            }
            if model_elections.iter().any(|e| e.id.0 == row.election) {
                continue;
            }
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
    let index: HashMap<String, usize> = model_elections.iter().enumerate().map(|(i, e)| (e.id.0.clone(), i)).collect();

    // Election figures.
    if let Some(Table { sheet, rows, .. }) = &figures {
        let mut seen = HashMap::new();
        for row in rows {
            let describe = || format!("row for election {:?} and source {:?}", row.election, row.source);
            let key = (row.election.clone(), row.source.clone());
            unique(&mut seen, key, row.line, describe, sheet.at(row.line, "source"), cx.errors);
            cx.resolve(Target::Election, &row.election, sheet.at(row.line, "election"));
            cx.resolve(Target::Source, &row.source, sheet.at(row.line, "source"));
            let Some(election) = index.get(&row.election).map(|i| &mut model_elections[*i]) else { continue };
            if election.system == ElectoralSystem::PartyList {
                for (column, value) in [("list_seats", row.list_seats), ("district_seats", row.district_seats)] {
                    if value.is_some() {
                        cx.error(sheet.at(row.line, column), ErrorKind::SeatKindInPartyList { column });
                    }
                }
            }
            let source = SourceId(row.source.clone());
            let id = election.id.clone();
            let mut put = |figure: &'static str, known: bool| {
                if known {
                    lines.figure.entry((id.clone(), figure)).or_insert_with(|| sheet.at(row.line, figure));
                }
            };
            put("total_seats", row.total_seats.is_some());
            put("list_seats", row.list_seats.is_some());
            put("district_seats", row.district_seats.is_some());
            put("registered_voters", row.registered_voters.is_some());
            put("ballots_cast", row.ballots_cast.is_some());
            put("valid_ballots", row.valid_ballots.is_some());
            put("invalid_ballots", row.invalid_ballots.is_some());
            put("against_all", row.against_all.is_some());
            put("turnout_pct_printed", row.turnout.is_some());
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

    // Results.
    if let Some(Table { sheet, rows, .. }) = &results {
        let mut seen = HashMap::new();
        for row in rows {
            let describe =
                || format!("row for election {:?}, party {:?} and source {:?}", row.election, row.party, row.source);
            let key = (row.election.clone(), row.party.clone(), row.source.clone());
            unique(&mut seen, key, row.line, describe, sheet.at(row.line, "source"), cx.errors);
            cx.resolve(Target::Election, &row.election, sheet.at(row.line, "election"));
            cx.resolve(Target::Party, &row.party, sheet.at(row.line, "party"));
            cx.resolve(Target::Source, &row.source, sheet.at(row.line, "source"));
            let self_nominated = party_ids.get(&row.party).is_some_and(|(_, k)| *k == PartyKind::SelfNominated);
            if self_nominated {
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
            let Some(election) = index.get(&row.election).map(|i| &mut model_elections[*i]) else { continue };
            add_result(election, row, self_nominated, sheet, &mut lines);
        }
        for election in model_elections.iter().filter(|_| clean) {
            check_registration(election, sheet, rows, &mut cx);
            check_list_seats(election, &lines, &mut cx);
        }
    }

    // Party names for each election's year.
    for election in model_elections.iter().filter(|_| clean) {
        let year = election.date.year();
        for result in &election.results {
            let Some(party) = result.party().and_then(|p| model_parties.iter().find(|x| &x.id == p)) else { continue };
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
            cx.resolve(Target::Election, &row.election, sheet.at(row.line, "election"));
            cx.resolve(Target::Source, &row.source, sheet.at(row.line, "source"));
            if let Some(party) = &row.party {
                cx.resolve(Target::Party, party, sheet.at(row.line, "party"));
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
            if clean
                && row.in_tables
                && fits
                && !in_tables(
                    &figures,
                    &results,
                    row.election.as_str(),
                    row.party.as_deref(),
                    &row.figure,
                    &row.source,
                    row.value,
                )
            {
                let kind = ErrorKind::NotInTables {
                    figure: row.figure.clone(),
                    value: row.value,
                    source_id: SourceId(row.source.clone()),
                };
                cx.error(sheet.at(row.line, "value"), kind);
            }
            if let Some(election) = index.get(&row.election).map(|i| &mut model_elections[*i]) {
                election.discrepancies.push(Discrepancy {
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

    // The mäslihat files' references and convocation sizes.
    let mut bodies = Vec::new();
    for file in files {
        for reference in &file.references {
            cx.resolve(reference.target, &reference.id, reference.position.clone());
        }
        for (election, seats, position) in file.convocation_seats.iter().filter(|_| clean) {
            let total = model_elections.iter().find(|e| &e.id == election).and_then(|e| e.total_seats.value().copied());
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

    model_elections.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.body.cmp(&b.body)));
    let dataset = Dataset {
        sources: model_sources,
        parties: model_parties,
        bodies,
        elections: model_elections,
        members: Vec::new(),
    };
    (dataset, lines)
}

fn add<T: PartialEq>(figure: &mut Figure<T>, value: Option<T>, source: &SourceId) {
    if let Some(value) = value {
        figure.push(value, source.clone());
    }
}

fn add_result(election: &mut Election, row: &ResultRow, self_nominated: bool, sheet: &Sheet, lines: &mut Lines) {
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
    let source = SourceId(row.source.clone());
    let party = PartyId(row.party.clone());
    for (figure, known) in [
        ("registration_order", row.registration.is_some()),
        ("votes", row.votes.is_some()),
        ("vote_pct_printed", row.share.is_some()),
        ("list_seats_published", row.list_seats.is_some()),
        ("district_seats_published", row.district_seats.is_some()),
    ] {
        if known {
            lines
                .result
                .entry((election.id.clone(), party.clone(), figure))
                .or_insert_with(|| sheet.at(row.line, figure));
        }
    }
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
fn check_seat_kinds(election: &Election, lines: &Lines, cx: &mut Ctx<'_>) {
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

/// Registration numbers: all lists or none, each number once.
fn check_registration(election: &Election, sheet: &Sheet, rows: &[ResultRow], cx: &mut Ctx<'_>) {
    let lists: Vec<&PartyResult> = election.lists().collect();
    let given = lists.iter().filter(|r| !r.registration.is_unknown()).count();
    let rows_of = || rows.iter().filter(|r| r.election == election.id.0);
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
fn check_list_seats(election: &Election, lines: &Lines, cx: &mut Ctx<'_>) {
    let first_party = election.lists().find_map(|r| r.party().cloned());
    let position = |figure| match &first_party {
        Some(p) => lines.result(&election.id, p, figure),
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
                Some(p) => lines.result(&election.id, &p, "district_seats_published"),
                None => lines.election(&election.id),
            };
            let kind =
                ErrorKind::SeatSum { what, sum, limit: u64::from(*district), of: "district seats", must_equal: false };
            cx.error(at, kind);
        }
    }
}

/// Whether the tables hold `value` for this figure, election, party and source.
fn in_tables(
    figures: &Option<Table<FigureRow>>,
    results: &Option<Table<ResultRow>>,
    election: &str,
    party: Option<&str>,
    figure: &str,
    source: &str,
    value: Decimal,
) -> bool {
    let count = |n: Option<u64>| n.and_then(|n| Decimal::new(n, 0));
    let found = match party {
        Some(party) => results.as_ref().and_then(|Table { rows, .. }| {
            let row = rows.iter().find(|r| r.election == election && r.party == party && r.source == source)?;
            match figure {
                "registration_order" => count(row.registration.map(u64::from)),
                "votes" => count(row.votes),
                "vote_pct_printed" => row.share,
                "list_seats_published" => count(row.list_seats.map(u64::from)),
                "district_seats_published" => count(row.district_seats.map(u64::from)),
                _ => None,
            }
        }),
        None => figures.as_ref().and_then(|Table { rows, .. }| {
            let row = rows.iter().find(|r| r.election == election && r.source == source)?;
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
        }),
    };
    found == Some(value)
}
