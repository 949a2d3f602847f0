//! A whole dataset in memory, with look-ups by id and by name.

use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

use serde::Serialize;

use crate::body::{Head, Maslihat};
use crate::composition::{Composition, CompositionError};
use crate::date::Date;
use crate::election::{Affiliation, Election};
use crate::figure::Source;
use crate::id::{BodyId, ElectionId, PartyId, SourceId};
use crate::party::{Party, PartyKind};

/// Everything a dataset folder holds.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Dataset {
    pub sources: Vec<Source>,
    pub parties: Vec<Party>,
    pub bodies: Vec<Maslihat>,
    /// Sorted by date, then body.
    pub elections: Vec<Election>,
    /// Where each source, body and election sits, built at the first look-up by id.
    #[serde(skip)]
    places: Places,
}

/// The place of each id in a dataset's lists, each map built at its first use: a report
/// looks up every election's sources and body, and a scan of the lists made that quadratic
/// in the number of elections.
///
/// The lists are public and may change after a map was built, so a place is only a hint: the
/// item found there must carry the id asked for, or the list is scanned as before. With the
/// unique ids of a loaded dataset the answer is always the scan's.
#[derive(Clone, Default)]
struct Places {
    sources: OnceLock<HashMap<String, usize>>,
    bodies: OnceLock<HashMap<String, usize>>,
    elections: OnceLock<HashMap<String, usize>>,
}

/// Derived data: every two are equal, so datasets compare by their lists alone.
impl PartialEq for Places {
    fn eq(&self, _: &Places) -> bool {
        true
    }
}

impl Eq for Places {}

impl fmt::Debug for Places {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Places")
    }
}

/// The item of `items` whose key is `id`: at its place in `places` (built on first use, the
/// first item of each key), or by a scan when the place does not hold it.
fn find<'a, T>(
    places: &OnceLock<HashMap<String, usize>>,
    items: &'a [T],
    key: impl Fn(&T) -> &str,
    id: &str,
) -> Option<&'a T> {
    let places = places.get_or_init(|| {
        let mut map = HashMap::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            map.entry(key(item).to_owned()).or_insert(i);
        }
        map
    });
    let placed = places.get(id).and_then(|&i| items.get(i)).filter(|item| key(item) == id);
    placed.or_else(|| items.iter().find(|item| key(item) == id))
}

/// A name that finds no body, or more than one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FindError {
    #[error("no mäslihat is called {query:?}")]
    NotFound { query: String },
    #[error("{query:?} could be any of {}", candidates.iter().map(|c| c.0.as_str()).collect::<Vec<_>>().join(", "))]
    Ambiguous { query: String, candidates: Vec<BodyId> },
    /// The body has no election (in that year); `years` are those it has.
    #[error("{body} has no election{}{}", year.map(|y| format!(" in {y}")).unwrap_or_default(), held_in(years))]
    NoElection { body: BodyId, year: Option<u16>, years: Vec<u16> },
}

/// ": it has elections in 2021 and 2023", or nothing without years.
fn held_in(years: &[u16]) -> String {
    let years: Vec<String> = years.iter().map(u16::to_string).collect();
    match years.as_slice() {
        [] => String::new(),
        [one] => format!(": it has an election in {one}"),
        [rest @ .., last] => format!(": it has elections in {} and {last}", rest.join(", ")),
    }
}

impl Dataset {
    /// A dataset of these lists (elections sorted by date, then body).
    pub fn new(sources: Vec<Source>, parties: Vec<Party>, bodies: Vec<Maslihat>, elections: Vec<Election>) -> Dataset {
        Dataset { sources, parties, bodies, elections, places: Places::default() }
    }

    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        find(&self.places.sources, &self.sources, |s| &s.id.0, &id.0)
    }

    pub fn party(&self, id: &PartyId) -> Option<&Party> {
        self.parties.iter().find(|p| &p.id == id)
    }

    pub fn body(&self, id: &BodyId) -> Option<&Maslihat> {
        find(&self.places.bodies, &self.bodies, |b| &b.id.0, &id.0)
    }

    pub fn election(&self, id: &ElectionId) -> Option<&Election> {
        find(&self.places.elections, &self.elections, |e| &e.id.0, &id.0)
    }

    /// Bodies whose id or any name starts with `query`, case-insensitively and ignoring
    /// diacritics, in English or Kazakh ("karag", "Қарағанды", "nur-sultan").
    pub fn find_bodies(&self, query: &str) -> Vec<&Maslihat> {
        self.bodies.iter().filter(|b| b.matches(query)).collect()
    }

    /// The one body `query` names; a name given in full wins over names it only begins.
    pub fn find_body(&self, query: &str) -> Result<&Maslihat, FindError> {
        let found = self.find_bodies(query);
        match found.as_slice() {
            [one] => Ok(one),
            [] => Err(FindError::NotFound { query: query.to_owned() }),
            many => {
                let exact: Vec<&&Maslihat> = many.iter().filter(|b| b.is_called(query)).collect();
                match exact.as_slice() {
                    [one] => Ok(one),
                    _ => Err(FindError::Ambiguous {
                        query: query.to_owned(),
                        candidates: many.iter().map(|b| b.id.clone()).collect(),
                    }),
                }
            }
        }
    }

    /// The election `query` names: an election id (`karaganda-region-2021`), or a body's name
    /// followed by a year (`Karaganda 2021`, `Қарағанды 2023`), or a body alone (its latest).
    pub fn find_election(&self, query: &str) -> Result<&Election, FindError> {
        let query = query.trim();
        if let Some(election) = self.elections.iter().find(|e| e.id.0.eq_ignore_ascii_case(query)) {
            return Ok(election);
        }
        let year = query
            .rsplit_once([' ', '-'])
            .and_then(|(name, year)| Some((name, year.parse::<u16>().ok().filter(|_| year.len() == 4)?)));
        match year {
            Some((name, year)) => {
                let body = self.find_body(name)?;
                self.election_in(&body.id, year).ok_or_else(|| FindError::NoElection {
                    body: body.id.clone(),
                    year: Some(year),
                    years: self.years_of(&body.id),
                })
            }
            None => {
                let body = self.find_body(query)?;
                self.last_election(&body.id).ok_or_else(|| FindError::NoElection {
                    body: body.id.clone(),
                    year: None,
                    years: Vec::new(),
                })
            }
        }
    }

    /// The party (or the self-nominated) a name stands for: an id, a name, a label or an
    /// abbreviation, as in an infobox.
    pub fn resolve_party(&self, name: &str) -> Option<Affiliation> {
        let party = self.parties.iter().find(|p| p.is_named(name))?;
        Some(match party.kind {
            PartyKind::Party => Affiliation::Party(party.id.clone()),
            PartyKind::SelfNominated => Affiliation::SelfNominated,
        })
    }

    /// A body's elections, earliest first.
    pub fn elections_of(&self, body: &BodyId) -> Vec<&Election> {
        self.elections.iter().filter(|e| &e.body == body).collect()
    }

    /// The years of a body's elections, earliest first.
    pub fn years_of(&self, body: &BodyId) -> Vec<u16> {
        let mut years: Vec<u16> = self.elections_of(body).iter().map(|e| e.date.year()).collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// A body's election in `year`.
    pub fn election_in(&self, body: &BodyId, year: u16) -> Option<&Election> {
        self.elections.iter().find(|e| &e.body == body && e.date.year() == year)
    }

    /// A body's latest election.
    pub fn last_election(&self, body: &BodyId) -> Option<&Election> {
        self.elections_of(body).into_iter().max_by_key(|e| e.date)
    }

    /// The year the body's next regular election is due: its last election plus the term.
    pub fn next_election(&self, body: &Maslihat) -> Option<Date> {
        self.last_election(&body.id).and_then(|e| body.next_election_after(e.date))
    }

    /// The party entry standing for a holder (the `self-nominated` pseudo-party for those).
    pub fn party_of(&self, who: &Affiliation) -> Option<&Party> {
        match who {
            Affiliation::Party(id) => self.party(id),
            Affiliation::SelfNominated => self.parties.iter().find(|p| p.kind == PartyKind::SelfNominated),
        }
    }

    /// How reference works name a holder of seats in `year`: "Nur Otan", "Amanat", "People's Party".
    pub fn label(&self, who: &Affiliation, year: Option<u16>) -> String {
        match (self.party_of(who), who) {
            (Some(party), _) => party.label_in(year).to_owned(),
            (None, Affiliation::Party(id)) => id.0.clone(),
            (None, Affiliation::SelfNominated) => "Self-nominated".to_owned(),
        }
    }

    /// The groups in words: `Majority (29): Nur Otan (29); Opposition (9): Ak Zhol (3), …`.
    pub fn describe(&self, election: &Election, composition: &Composition) -> String {
        composition.describe(&|who| self.label(who, Some(election.date.year())))
    }

    /// The composition an election produced (all seats).
    pub fn composition(&self, election: &Election) -> Result<Composition, CompositionError> {
        Composition::of_election(election)
    }

    /// The head (secretary or chair) of the convocation an election elected: the one elected
    /// last in that convocation (by its number, or by the election a head names); else the latest
    /// known in office from the election's day and before the body's next election, among those
    /// who name no other election.
    pub fn head_after<'a>(&self, body: &'a Maslihat, election: &Election) -> Option<&'a Head> {
        let latest = |h: &&Head| h.known_from().map(Date::earliest);
        let convocation = body.convocations.iter().find(|c| c.election.as_ref() == Some(&election.id));
        let number = convocation.and_then(|c| c.number);
        let of_convocation =
            |h: &&Head| h.election.as_ref() == Some(&election.id) || (number.is_some() && h.convocation == number);
        if let Some(head) = body.heads.iter().filter(of_convocation).max_by_key(latest) {
            return Some(head);
        }
        let next = self.elections.iter().filter(|e| e.body == body.id && e.date > election.date).map(|e| e.date).min();
        let in_term = |h: &&Head| {
            h.election.is_none()
                && h.known_from()
                    .is_some_and(|from| from.latest() >= election.date && next.is_none_or(|n| from.earliest() < n))
        };
        body.heads.iter().filter(in_term).max_by_key(latest)
    }
}
