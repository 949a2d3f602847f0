//! The `Infobox legislature` of a mäslihat as typed fields, and the composition its groups
//! show. Reading wikitext into it is `maslihat-ingest`'s job (`read_infobox`), writing it
//! `maslihat-render`'s (`infobox::write`).

use serde::Serialize;

use crate::body::HouseType;
use crate::composition::Composition;
use crate::date::Date;
use crate::election::Affiliation;
use crate::party::Colour;

/// A wiki link `[[target|text]]`, `[[text]]`, or plain text (no target).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub text: String,
    pub target: Option<String>,
}

impl Link {
    pub fn plain(text: &str) -> Link {
        Link { text: text.to_owned(), target: None }
    }
}

/// One party in a political group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupEntry {
    pub party: Link,
    pub colour: Option<Colour>,
    pub seats: u32,
}

/// A political group as the infobox shows it: `'''Majority (29)'''` and its parties.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    /// "Majority", "Opposition", "No majority group", …
    pub label: String,
    pub seats: Option<u32>,
    pub entries: Vec<GroupEntry>,
}

/// The fields of an `Infobox legislature` this project knows, typed, plus every other field
/// kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Infobox {
    pub name: Option<String>,
    pub native_name: Option<String>,
    pub house_type: Option<HouseType>,
    pub foundation: Option<Date>,
    pub members: Option<u32>,
    pub leader_type: Option<String>,
    pub leader: Option<Link>,
    pub leader_party: Option<Link>,
    /// `last_election1` (also read from `election1`).
    pub last_election: Option<Date>,
    pub next_election: Option<Date>,
    pub voting_system: Option<String>,
    pub groups: Vec<Group>,
    /// The diagram's file name.
    pub structure: Option<String>,
    /// Every other field, in order, as written.
    pub other: Vec<(String, String)>,
}

impl Infobox {
    /// The composition the groups show: every party line, named by `resolve` (given the link
    /// target, or the text when there is none), in a house of `members` seats (or the seats
    /// listed, when `members` is absent). `Err` names the first party line `resolve` does not
    /// know.
    pub fn composition(&self, resolve: &dyn Fn(&str) -> Option<Affiliation>) -> Result<Composition, String> {
        let mut seats = Vec::new();
        for entry in self.groups.iter().flat_map(|g| &g.entries) {
            let name = entry.party.target.as_deref().unwrap_or(&entry.party.text);
            let who = resolve(name).or_else(|| resolve(&entry.party.text)).ok_or_else(|| name.to_owned())?;
            seats.push((who, entry.seats));
        }
        let listed = seats.iter().fold(0u32, |sum, (_, n)| sum.saturating_add(*n));
        Ok(Composition::new(self.members.unwrap_or(listed), seats))
    }
}
