//! A mäslihat as an institution: names, level, seats, convocations, heads, territory.

use serde::Serialize;

use crate::date::Date;
use crate::id::{BodyId, ElectionId, PartyId, SourceId};
use crate::naming::named;

/// The territorial level of a mäslihat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Region,
    /// A city of republican significance (Almaty, Shymkent).
    CityOfRepublicanSignificance,
    /// The capital (Astana, called Nur-Sultan 2019–2022).
    Capital,
    District,
    City,
}

/// A house type; every mäslihat is unicameral.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HouseType {
    Unicameral,
}

/// How members are elected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ElectoralSystem {
    /// First past the post in single-member districts (1994–2016, and lower levels from 2023).
    SingleMemberDistricts,
    /// Party lists in one constituency, largest remainder (2021).
    PartyList,
    /// Half by party list, half in single-member districts (regional level from 2023).
    Mixed,
}

named!(Level, "region, city-of-republican-significance, capital, district or city",
    Level::Region => "region", Level::CityOfRepublicanSignificance => "city-of-republican-significance",
    Level::Capital => "capital", Level::District => "district", Level::City => "city");
named!(HouseType, "unicameral", HouseType::Unicameral => "unicameral");
named!(ElectoralSystem, "single-member-districts, party-list or mixed",
    ElectoralSystem::SingleMemberDistricts => "single-member-districts", ElectoralSystem::PartyList => "party-list",
    ElectoralSystem::Mixed => "mixed");

/// A deputy group of a convocation, as a source gives it ("majority", "opposition").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeputyGroup {
    pub name: String,
    pub parties: Vec<PartyId>,
    pub seats: Option<u32>,
    pub sources: Vec<SourceId>,
    pub note: Option<String>,
}

/// One convocation (term) of a mäslihat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Convocation {
    /// 1 for the first convocation (1994).
    pub number: Option<u32>,
    /// Polling day.
    pub elected: Option<Date>,
    pub first_session: Option<Date>,
    pub seats: Option<u32>,
    pub system: Option<ElectoralSystem>,
    /// The election that elected it.
    pub election: Option<ElectionId>,
    pub groups: Vec<DeputyGroup>,
    pub sources: Vec<SourceId>,
    pub note: Option<String>,
}

/// The title of a mäslihat's presiding officer: "secretary" until April 2023, when Presidential
/// Decree No. 190 of 10 April 2023 renamed the office "chair".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeadTitle {
    Secretary,
    Chair,
}

named!(HeadTitle, "secretary or chair", HeadTitle::Secretary => "secretary", HeadTitle::Chair => "chair");

impl HeadTitle {
    /// The title as a heading or an infobox's `leader_type` gives it ("Secretary", "Chair").
    pub fn capitalised(self) -> &'static str {
        match self {
            HeadTitle::Secretary => "Secretary",
            HeadTitle::Chair => "Chair",
        }
    }
}

/// One election of a head (the presiding officer, secretary or chair), not a whole tenure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Head {
    pub title: HeadTitle,
    pub name: String,
    pub party: Option<PartyId>,
    /// The session that elected them: the day they took office, unless `re_elected`.
    pub elected: Option<Date>,
    /// They held the office before `elected`.
    pub re_elected: bool,
    /// A day (or month, or year) on which a source shows them in office.
    pub in_office: Option<Date>,
    pub convocation: Option<u32>,
    /// The election of the convocation that elected them, when its number is not known.
    pub election: Option<ElectionId>,
    pub sources: Vec<SourceId>,
    pub note: Option<String>,
}

impl Head {
    /// The earliest day known in office: the election, else the day a source shows them in
    /// office.
    pub fn known_from(&self) -> Option<Date> {
        self.elected.or(self.in_office)
    }
}

/// What happened to the territory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// Another region was merged into this one (Zhezkazgan into Karaganda, 1997).
    MergedIn,
    /// That region's mäslihat members joined this mäslihat.
    MembersJoined,
    /// A new region was formed from part of this one (Ulytau off Karaganda, 2022).
    SplitOff,
    /// This region was formed from part of another.
    CreatedFrom,
}

named!(ChangeKind, "merged-in, members-joined, split-off or created-from",
    ChangeKind::MergedIn => "merged-in", ChangeKind::MembersJoined => "members-joined",
    ChangeKind::SplitOff => "split-off", ChangeKind::CreatedFrom => "created-from");

/// A territorial change, such as the 1997 mergers or the 2022 new regions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TerritorialChange {
    pub date: Date,
    pub kind: ChangeKind,
    /// The English name of the other region.
    pub region: String,
    /// The other region's mäslihat, when it is in the dataset.
    pub maslihat: Option<BodyId>,
    /// The members this body had right after the change, when a source gives them.
    pub members_after: Option<u32>,
    /// The members who moved between the two bodies.
    pub members_moved: Option<u32>,
    /// The parties of the members who moved.
    pub parties_moved: Vec<PartyId>,
    pub sources: Vec<SourceId>,
    pub note: Option<String>,
}

/// A name the body had for a period (years inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BodyName {
    pub name: String,
    pub from_year: Option<u16>,
    pub to_year: Option<u16>,
    pub sources: Vec<SourceId>,
    pub note: Option<String>,
}

/// A mäslihat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Maslihat {
    pub id: BodyId,
    /// The current English name, e.g. "Karaganda Regional Mäslihat".
    pub name: String,
    /// The native (Kazakh) name, e.g. "Қарағанды облыстық мәслихаты".
    pub native_name: Option<String>,
    pub level: Level,
    pub house_type: HouseType,
    /// Where it meets.
    pub meets_in: Option<String>,
    pub founded: Option<Date>,
    /// The term of office in years (5).
    pub term_years: u16,
    pub note: Option<String>,
    /// The sources of top-level facts, by key (`founded`, `name_kk`, …), in file order.
    pub provenance: Vec<(String, Vec<SourceId>)>,
    /// Names over time (Nur-Sultan City Mäslihat 2019–2022).
    pub names: Vec<BodyName>,
    pub convocations: Vec<Convocation>,
    /// Heads (secretaries, from 2023 chairs), in file order.
    pub heads: Vec<Head>,
    pub changes: Vec<TerritorialChange>,
}

impl Maslihat {
    /// The sources of a top-level fact, by its key in the data (`founded`, `name_kk`, …);
    /// empty for general facts.
    pub fn sources_of(&self, key: &str) -> &[SourceId] {
        self.provenance.iter().find(|(k, _)| k == key).map_or(&[], |(_, s)| s.as_slice())
    }

    /// The name in use in `year` (the current name when no period matches).
    pub fn name_in(&self, year: u16) -> &str {
        let covers = |n: &&BodyName| n.from_year.is_none_or(|f| f <= year) && n.to_year.is_none_or(|t| year <= t);
        self.names.iter().filter(covers).max_by_key(|n| n.from_year).map_or(&self.name, |n| &n.name)
    }

    fn all_names(&self) -> impl Iterator<Item = &String> {
        [&self.id.0, &self.name].into_iter().chain(&self.native_name).chain(self.names.iter().map(|n| &n.name))
    }

    /// Whether `query` names this body: case-insensitively, ignoring diacritics and the difference
    /// between `-` and a space, in full or as the start of its id, any English name, or its
    /// native name ("karag", "Қарағанды", "nur-sultan").
    pub fn matches(&self, query: &str) -> bool {
        let query = crate::fold(query.trim());
        !query.is_empty() && self.all_names().any(|name| crate::fold(name).starts_with(&query))
    }

    /// Whether `query` is, in full, the id or one of the names of this body.
    pub fn is_called(&self, query: &str) -> bool {
        let query = crate::fold(query.trim());
        self.all_names().any(|name| crate::fold(name) == query)
    }

    /// The head in office on `date` (the latest known in office by then), or the latest known.
    pub fn head_on(&self, date: Option<Date>) -> Option<&Head> {
        self.heads
            .iter()
            .filter(|h| match (date, h.known_from()) {
                (Some(date), Some(from)) => from.earliest() <= date.latest(),
                _ => true,
            })
            .max_by_key(|h| h.known_from().map(Date::earliest))
    }

    /// The year the next regular election is due: the last election's year plus the term.
    /// (The data has no scheduled dates; early elections, as in 2023, are not foreseen.)
    pub fn next_election_after(&self, last: Date) -> Option<Date> {
        last.year().checked_add(self.term_years).and_then(Date::y)
    }
}
