//! Reading `maslihats/<id>.toml`: institution facts, every key checked, every error reported.

use std::cell::OnceCell;
use std::ops::Range;
use std::path::{Path, PathBuf};

use maslihat_model::body::{
    BodyName, ChangeKind, Convocation, DeputyGroup, ElectoralSystem, Head, HeadTitle, HouseType, Level, Maslihat,
    TerritorialChange,
};
use maslihat_model::{BodyId, Date, ElectionId, NameError, PartyId, SourceId};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::{Error, ErrorKind, Position};
use crate::sheet::read_text;

/// What an id in a TOML file refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    Source,
    Party,
    Election,
    Maslihat,
}

/// Whether a key must be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Presence {
    Required,
    Optional,
}

use Presence::{Optional, Required};

/// An id to resolve once every file is read.
#[derive(Debug)]
pub(crate) struct Reference {
    pub target: Target,
    pub id: String,
    pub position: Position,
}

/// A read mäslihat file.
#[derive(Debug)]
pub(crate) struct BodyFile {
    pub body: Maslihat,
    pub references: Vec<Reference>,
    /// Convocations giving both `seats` and `election`: checked against the election's size.
    pub convocation_seats: Vec<(ElectionId, u32, Position)>,
}

/// Reads every `*.toml` of `dir/maslihats`, in file-name order; also gives the file stems (the
/// ids of the bodies, even of files with errors), or `None` when the folder cannot be read.
pub(crate) fn read_all(dir: &Path, errors: &mut Vec<Error>) -> (Vec<BodyFile>, Option<Vec<String>>) {
    let folder = dir.join("maslihats");
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) => {
            let kind = if e.kind() == std::io::ErrorKind::NotFound {
                ErrorKind::MissingFile
            } else {
                ErrorKind::Io { message: e.to_string() }
            };
            errors.push(Error { position: Position::file(folder), kind });
            return (Vec::new(), None);
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    paths.sort();
    let stems = paths.iter().filter_map(|p| p.file_stem()).map(|s| s.to_string_lossy().into_owned()).collect();
    (paths.iter().filter_map(|path| read_one(path, errors)).collect(), Some(stems))
}

fn char_column(prefix: &[u8]) -> u64 {
    String::from_utf8_lossy(prefix).chars().count() as u64 + 1
}

fn read_one(path: &Path, errors: &mut Vec<Error>) -> Option<BodyFile> {
    let text = read_text(path, errors, char_column)?;
    let (document, syntax) = DeTable::parse_recoverable(&text);
    let mut file =
        File { path, text: &text, newlines: OnceCell::new(), errors, references: Vec::new(), checks: Vec::new() };
    if !syntax.is_empty() {
        let mut syntax = syntax;
        syntax.sort_by_key(|e| e.span().map_or(0, |s| s.start));
        for e in syntax {
            let position = file.position(e.span().unwrap_or(0..0));
            let message = e.message().trim_end_matches('\n').to_owned();
            file.errors.push(Error { position, kind: ErrorKind::Toml { message } });
        }
        return None;
    }
    let before = file.errors.len();
    let body = file.body(document.get_ref(), document.span());
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    if let Some(body) = &body
        && body.id.0 != stem
    {
        let position = file.position(file.span_of(document.get_ref(), "id").unwrap_or(0..0));
        let kind = ErrorKind::IdNotFileName { id: body.id.0.clone(), stem };
        file.errors.push(Error { position, kind });
    }
    let failed = file.errors.len() > before;
    let File { references, checks, .. } = file;
    body.filter(|_| !failed).map(|body| BodyFile { body, references, convocation_seats: checks })
}

struct File<'a> {
    path: &'a Path,
    text: &'a str,
    /// The offset of every newline of `text`, for the lines of positions.
    newlines: OnceCell<Vec<usize>>,
    errors: &'a mut Vec<Error>,
    references: Vec<Reference>,
    checks: Vec<(ElectionId, u32, Position)>,
}

type Value<'i> = Spanned<DeValue<'i>>;

const TOP: &[&str] = &[
    "id",
    "name",
    "name_kk",
    "level",
    "house",
    "meets_in",
    "founded",
    "term_years",
    "note",
    "provenance",
    "names",
    "convocations",
    "heads",
    "territorial_changes",
];
/// Top-level facts a `[provenance]` entry may source.
const FACTS: &[&str] = &["id", "name", "name_kk", "level", "house", "meets_in", "founded", "term_years", "note"];

impl File<'_> {
    fn position(&self, span: Range<usize>) -> Position {
        let at = span.start.min(self.text.len());
        let before = &self.text.as_bytes()[..at];
        // The newlines before `at`, found in the offsets of every newline (listed once a file).
        let newlines = self
            .newlines
            .get_or_init(|| self.text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i).collect());
        let count = newlines.partition_point(|i| *i < at);
        let line_start = if count == 0 { 0 } else { newlines[count - 1] + 1 };
        let line = 1 + count as u64;
        Position::cell(self.path.to_owned(), line, char_column(&before[line_start..]))
    }

    fn error(&mut self, span: Range<usize>, kind: ErrorKind) {
        let position = self.position(span);
        self.errors.push(Error { position, kind });
    }

    fn span_of(&self, table: &DeTable<'_>, key: &str) -> Option<Range<usize>> {
        table.iter().find(|(k, _)| k.get_ref() == key).map(|(_, v)| v.span())
    }

    fn get<'t, 'i>(&self, table: &'t DeTable<'i>, key: &str) -> Option<&'t Value<'i>> {
        table.iter().find(|(k, _)| k.get_ref() == key).map(|(_, v)| v)
    }

    /// Reports keys not in `allowed`, in file order.
    fn check_keys(&mut self, table: &DeTable<'_>, allowed: &[&str], path: &str) {
        let mut unknown: Vec<(Range<usize>, String)> = table
            .iter()
            .filter(|(k, _)| !allowed.contains(&k.get_ref().as_ref()))
            .map(|(k, _)| (k.span(), format!("{path}{}", k.get_ref())))
            .collect();
        unknown.sort_by_key(|(span, _)| span.start);
        for (span, key) in unknown {
            self.error(span, ErrorKind::UnknownKey { key });
        }
    }

    fn missing(&mut self, span: Range<usize>, field: String) {
        self.error(span, ErrorKind::MissingValue { field });
    }

    fn bad(&mut self, value: &Value<'_>, field: String, expected: &'static str) {
        let found = match value.get_ref() {
            DeValue::String(s) => s.to_string(),
            other => self.text.get(value.span()).map_or_else(|| other.type_str().to_owned(), str::to_owned),
        };
        self.error(value.span(), ErrorKind::BadValue { field, expected, found });
    }

    /// The value of `key`, or `None` when absent (an error if it is required).
    fn given<'t, 'i>(
        &mut self,
        table: &'t DeTable<'i>,
        at: &Range<usize>,
        field: &str,
        key: &str,
        presence: Presence,
    ) -> Option<&'t Value<'i>> {
        let value = self.get(table, key);
        if value.is_none() && presence == Required {
            self.missing(at.clone(), field.to_owned());
        }
        value
    }

    /// A non-empty string; `None` when absent (reported if required) or bad.
    fn string(
        &mut self,
        table: &DeTable<'_>,
        at: &Range<usize>,
        path: &str,
        key: &str,
        presence: Presence,
    ) -> Option<String> {
        let field = format!("{path}{key}");
        let value = self.given(table, at, &field, key, presence)?;
        match value.get_ref() {
            DeValue::String(s) if !s.trim().is_empty() => Some(s.to_string()),
            _ => {
                self.bad(value, field, "a non-empty string");
                None
            }
        }
    }

    fn date(
        &mut self,
        table: &DeTable<'_>,
        at: &Range<usize>,
        path: &str,
        key: &str,
        presence: Presence,
    ) -> Option<Date> {
        let text = self.string(table, at, path, key, presence)?;
        let parsed = text.parse::<Date>().ok();
        if parsed.is_none()
            && let Some(value) = self.get(table, key)
        {
            self.bad(value, format!("{path}{key}"), "a date string such as \"2021-01-10\", \"1997-05\" or \"1997\"");
        }
        parsed
    }

    fn integer(
        &mut self,
        table: &DeTable<'_>,
        at: &Range<usize>,
        path: &str,
        key: &str,
        presence: Presence,
    ) -> Option<u32> {
        let field = format!("{path}{key}");
        let value = self.given(table, at, &field, key, presence)?;
        let parsed = match value.get_ref() {
            DeValue::Integer(i) => u32::from_str_radix(i.as_str(), i.radix()).ok().filter(|n| *n > 0),
            _ => None,
        };
        if parsed.is_none() {
            self.bad(value, field, "a whole number from 1 on");
        }
        parsed
    }

    fn boolean(&mut self, table: &DeTable<'_>, path: &str, key: &str) -> Option<bool> {
        let value = self.get(table, key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.bad(value, format!("{path}{key}"), "true or false");
                None
            }
        }
    }

    fn enumeration<T: std::str::FromStr<Err = NameError>>(
        &mut self,
        table: &DeTable<'_>,
        at: &Range<usize>,
        path: &str,
        key: &str,
        presence: Presence,
    ) -> Option<T> {
        let text = self.string(table, at, path, key, presence)?;
        match text.parse::<T>() {
            Ok(value) => Some(value),
            Err(e) => {
                if let Some(value) = self.get(table, key) {
                    self.bad(value, format!("{path}{key}"), e.expected);
                }
                None
            }
        }
    }

    /// An id, remembered for resolution.
    fn id(&mut self, value: &Value<'_>, field: String, target: Target) -> Option<String> {
        match value.get_ref() {
            DeValue::String(s) if crate::sheet::slug(s).is_ok() => {
                let position = self.position(value.span());
                if target != Target::Maslihat || field != "id" {
                    self.references.push(Reference { target, id: s.to_string(), position });
                }
                Some(s.to_string())
            }
            _ => {
                self.bad(value, field, "an id: lower-case letters and digits, words joined by single dashes");
                None
            }
        }
    }

    fn id_key(
        &mut self,
        table: &DeTable<'_>,
        at: &Range<usize>,
        path: &str,
        key: &str,
        presence: Presence,
        target: Target,
    ) -> Option<String> {
        let field = format!("{path}{key}");
        let value = self.given(table, at, &field, key, presence)?;
        self.id(value, field, target)
    }

    /// An array of ids.
    fn ids(
        &mut self,
        table: &DeTable<'_>,
        at: &Range<usize>,
        path: &str,
        key: &str,
        presence: Presence,
        target: Target,
    ) -> Vec<String> {
        let field = format!("{path}{key}");
        let Some(value) = self.given(table, at, &field, key, presence) else { return Vec::new() };
        match value.get_ref() {
            DeValue::Array(items) if !items.is_empty() => {
                items.iter().filter_map(|item| self.id(item, field.clone(), target)).collect()
            }
            _ => {
                self.bad(value, field, "a non-empty array of ids");
                Vec::new()
            }
        }
    }

    fn sources(&mut self, table: &DeTable<'_>, at: &Range<usize>, path: &str) -> Vec<SourceId> {
        self.ids(table, at, path, "sources", Required, Target::Source)
            .iter()
            .map(|id| SourceId::from(id.as_str()))
            .collect()
    }

    /// The tables of an array of tables.
    fn tables<'t, 'i>(
        &mut self,
        table: &'t DeTable<'i>,
        path: &str,
        key: &str,
    ) -> Vec<(&'t DeTable<'i>, Range<usize>)> {
        let Some(value) = self.get(table, key) else { return Vec::new() };
        let DeValue::Array(items) = value.get_ref() else {
            self.bad(value, format!("{path}{key}"), "an array of tables");
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(t) => out.push((t, item.span())),
                _ => self.bad(item, format!("{path}{key}"), "a table"),
            }
        }
        out
    }

    fn body(&mut self, top: &DeTable<'_>, at: Range<usize>) -> Option<Maslihat> {
        self.check_keys(top, TOP, "");
        let id = self.id_key(top, &at, "", "id", Required, Target::Maslihat);
        let name = self.string(top, &at, "", "name", Required);
        let native_name = self.string(top, &at, "", "name_kk", Optional);
        let level = self.enumeration::<Level>(top, &at, "", "level", Required);
        let house = self.enumeration::<HouseType>(top, &at, "", "house", Required);
        let meets_in = self.string(top, &at, "", "meets_in", Optional);
        let founded = self.date(top, &at, "", "founded", Optional);
        let term_years = self.integer(top, &at, "", "term_years", Required);
        let note = self.string(top, &at, "", "note", Optional);
        let provenance = self.provenance(top);
        let names = self.names(top);
        let convocations = self.convocations(top);
        let heads = self.heads(top);
        let changes = self.changes(top);
        let term_years = term_years.and_then(|t| u16::try_from(t).ok());
        Some(Maslihat {
            id: BodyId(id?),
            name: name?,
            native_name,
            level: level?,
            house_type: house?,
            meets_in,
            founded,
            term_years: term_years?,
            note,
            provenance,
            names,
            convocations,
            heads,
            changes,
        })
    }

    fn provenance(&mut self, top: &DeTable<'_>) -> Vec<(String, Vec<SourceId>)> {
        let Some(value) = self.get(top, "provenance") else { return Vec::new() };
        let DeValue::Table(table) = value.get_ref() else {
            self.bad(value, "provenance".into(), "a table of arrays of source ids");
            return Vec::new();
        };
        self.check_keys(table, FACTS, "provenance.");
        let mut keys: Vec<(usize, String)> =
            table.iter().map(|(k, _)| (k.span().start, k.get_ref().to_string())).collect();
        keys.sort();
        let span = value.span();
        keys.into_iter()
            .filter(|(_, k)| FACTS.contains(&k.as_str()))
            .map(|(_, key)| {
                let sources = self.ids(table, &span, "provenance.", &key, Required, Target::Source);
                (key, sources.iter().map(|id| SourceId::from(id.as_str())).collect())
            })
            .collect()
    }

    fn names(&mut self, top: &DeTable<'_>) -> Vec<BodyName> {
        let mut out = Vec::new();
        for (t, at) in self.tables(top, "", "names") {
            self.check_keys(t, &["name", "from_year", "to_year", "sources", "note"], "names.");
            let name = self.string(t, &at, "names.", "name", Required);
            let from_year = self.integer(t, &at, "names.", "from_year", Optional).and_then(|y| u16::try_from(y).ok());
            let to_year = self.integer(t, &at, "names.", "to_year", Optional).and_then(|y| u16::try_from(y).ok());
            let sources = self.sources(t, &at, "names.");
            let note = self.string(t, &at, "names.", "note", Optional);
            if let Some(name) = name {
                out.push(BodyName { name, from_year, to_year, sources, note });
            }
        }
        out
    }

    fn convocations(&mut self, top: &DeTable<'_>) -> Vec<Convocation> {
        let keys = ["number", "elected", "first_session", "seats", "system", "election", "sources", "note", "groups"];
        let mut out = Vec::new();
        for (t, at) in self.tables(top, "", "convocations") {
            let p = "convocations.";
            self.check_keys(t, &keys, p);
            let number = self.integer(t, &at, p, "number", Optional);
            let elected = self.date(t, &at, p, "elected", Optional);
            let first_session = self.date(t, &at, p, "first_session", Optional);
            let seats = self.integer(t, &at, p, "seats", Optional);
            let system = self.enumeration::<ElectoralSystem>(t, &at, p, "system", Optional);
            let election = self.id_key(t, &at, p, "election", Optional, Target::Election).map(ElectionId);
            let sources = self.sources(t, &at, p);
            let note = self.string(t, &at, p, "note", Optional);
            let mut groups = Vec::new();
            for (g, g_at) in self.tables(t, p, "groups") {
                let p = "convocations.groups.";
                self.check_keys(g, &["name", "parties", "seats", "sources", "note"], p);
                let name = self.string(g, &g_at, p, "name", Required);
                let parties = self.ids(g, &g_at, p, "parties", Required, Target::Party);
                let group_seats = self.integer(g, &g_at, p, "seats", Optional);
                let sources = self.sources(g, &g_at, p);
                let note = self.string(g, &g_at, p, "note", Optional);
                if let Some(name) = name {
                    let parties = parties.into_iter().map(PartyId).collect();
                    groups.push(DeputyGroup { name, parties, seats: group_seats, sources, note });
                }
            }
            let sum: u64 = groups.iter().filter_map(|g| g.seats).map(u64::from).sum();
            if let Some(seats) = seats
                && sum > u64::from(seats)
            {
                let kind = ErrorKind::SeatSum {
                    what: "the seats of the convocation's groups".into(),
                    sum,
                    limit: u64::from(seats),
                    of: "seats of the convocation",
                    must_equal: false,
                };
                self.error(self.span_of(t, "seats").unwrap_or(at.clone()), kind);
            }
            if let (Some(seats), Some(election)) = (seats, &election) {
                let position = self.position(self.span_of(t, "seats").unwrap_or(at.clone()));
                self.checks.push((election.clone(), seats, position));
            }
            out.push(Convocation { number, elected, first_session, seats, system, election, groups, sources, note });
        }
        out
    }

    fn heads(&mut self, top: &DeTable<'_>) -> Vec<Head> {
        let keys = [
            "title",
            "name",
            "party",
            "elected",
            "re_elected",
            "in_office",
            "convocation",
            "election",
            "sources",
            "note",
        ];
        let mut out = Vec::new();
        for (t, at) in self.tables(top, "", "heads") {
            let p = "heads.";
            self.check_keys(t, &keys, p);
            let title = self.enumeration::<HeadTitle>(t, &at, p, "title", Required);
            let name = self.string(t, &at, p, "name", Required);
            let party = self.id_key(t, &at, p, "party", Optional, Target::Party).map(PartyId);
            let elected = self.date(t, &at, p, "elected", Optional);
            let re_elected = self.boolean(t, p, "re_elected").unwrap_or(false);
            let in_office = self.date(t, &at, p, "in_office", Optional);
            let convocation = self.integer(t, &at, p, "convocation", Optional);
            let election = self.id_key(t, &at, p, "election", Optional, Target::Election).map(ElectionId);
            let sources = self.sources(t, &at, p);
            let note = self.string(t, &at, p, "note", Optional);
            if let (Some(title), Some(name)) = (title, name) {
                let head =
                    Head { title, name, party, elected, re_elected, in_office, convocation, election, sources, note };
                out.push(head);
            }
        }
        out
    }

    fn changes(&mut self, top: &DeTable<'_>) -> Vec<TerritorialChange> {
        let keys = [
            "date",
            "kind",
            "region",
            "maslihat",
            "members_after",
            "members_moved",
            "parties_moved",
            "sources",
            "note",
        ];
        let mut out = Vec::new();
        for (t, at) in self.tables(top, "", "territorial_changes") {
            let p = "territorial_changes.";
            self.check_keys(t, &keys, p);
            let date = self.date(t, &at, p, "date", Required);
            let kind = self.enumeration::<ChangeKind>(t, &at, p, "kind", Required);
            let region = self.string(t, &at, p, "region", Required);
            let maslihat = self.id_key(t, &at, p, "maslihat", Optional, Target::Maslihat).map(BodyId);
            let members_after = self.integer(t, &at, p, "members_after", Optional);
            let members_moved = self.integer(t, &at, p, "members_moved", Optional);
            let parties_moved =
                self.ids(t, &at, p, "parties_moved", Optional, Target::Party).into_iter().map(PartyId).collect();
            let sources = self.sources(t, &at, p);
            let note = self.string(t, &at, p, "note", Optional);
            if let (Some(date), Some(kind), Some(region)) = (date, kind, region) {
                out.push(TerritorialChange {
                    date,
                    kind,
                    region,
                    maslihat,
                    members_after,
                    members_moved,
                    parties_moved,
                    sources,
                    note,
                });
            }
        }
        out
    }
}
