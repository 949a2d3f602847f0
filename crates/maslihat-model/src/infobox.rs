//! The `Infobox legislature` wikitext that reference works show for a mäslihat: read into typed
//! fields, and written back with the composition recomputed. Pure text processing.

use std::fmt::Write;

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

    fn parse(text: &str) -> Link {
        let text = text.trim();
        match text.strip_prefix("[[").and_then(|t| t.strip_suffix("]]")).filter(|t| !t.contains("]]")) {
            Some(inner) => match inner.split_once('|') {
                Some((target, shown)) => Link { text: shown.trim().to_owned(), target: Some(target.trim().to_owned()) },
                None => Link { text: inner.trim().to_owned(), target: Some(inner.trim().to_owned()) },
            },
            None => Link::plain(text),
        }
    }

    fn write(&self) -> String {
        match &self.target {
            Some(target) if *target == self.text => format!("[[{target}]]"),
            Some(target) => format!("[[{target}|{}]]", self.text),
            None => self.text.clone(),
        }
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

/// Why an infobox could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InfoboxError {
    #[error("no {{{{Infobox legislature}}}} template found")]
    NotFound,
    #[error("the infobox template is not closed with }}}}")]
    Unclosed,
    #[error("infobox field {field}: expected {expected}, found {found:?}")]
    Field { field: String, expected: &'static str, found: String },
    #[error("infobox field {field} is given twice")]
    Duplicate { field: String },
    #[error("political_groups1 line {line}: expected {expected}, found {found:?}")]
    Groups { line: usize, expected: &'static str, found: String },
}

const TEMPLATE: &str = "infobox legislature";

impl Infobox {
    /// Reads the first `{{Infobox legislature …}}` in `wikitext`.
    pub fn read(wikitext: &str) -> Result<Infobox, InfoboxError> {
        let start = find_template(wikitext).ok_or(InfoboxError::NotFound)?;
        let body = template_body(&wikitext[start..]).ok_or(InfoboxError::Unclosed)?;
        let mut parts = split_top_level(body).into_iter();
        parts.next(); // the template name
        let mut infobox = Infobox::default();
        let mut seen: Vec<String> = Vec::new();
        for part in parts {
            let Some((key, value)) = part.split_once('=') else {
                infobox.other.push((String::new(), part.trim().to_owned()));
                continue;
            };
            let (key, value) = (key.trim().to_owned(), value.trim());
            let canonical = if key == "election1" { "last_election1".to_owned() } else { key.clone() };
            if seen.contains(&canonical) {
                return Err(InfoboxError::Duplicate { field: key });
            }
            seen.push(canonical.clone());
            infobox.set(&canonical, value)?;
        }
        Ok(infobox)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), InfoboxError> {
        let text = || (!value.is_empty()).then(|| value.to_owned());
        let field = |expected| InfoboxError::Field { field: key.to_owned(), expected, found: value.to_owned() };
        let date = || -> Result<Option<Date>, InfoboxError> {
            if value.is_empty() {
                return Ok(None);
            }
            parse_date(value).map(Some).ok_or_else(|| field("a date such as 10 January 2021, 2021-01-10 or 2026"))
        };
        match key {
            "name" => self.name = text(),
            "native_name" => self.native_name = text(),
            "house_type" if value.is_empty() => self.house_type = None,
            "house_type" if value.eq_ignore_ascii_case("unicameral") => self.house_type = Some(HouseType::Unicameral),
            "house_type" => return Err(field("Unicameral")),
            "foundation" => self.foundation = date()?,
            "members" if value.is_empty() => self.members = None,
            "members" => self.members = Some(value.parse().map_err(|_| field("a whole number of seats"))?),
            "leader1_type" => self.leader_type = text(),
            "leader1" => self.leader = text().map(|t| Link::parse(&t)),
            "party1" => self.leader_party = text().map(|t| Link::parse(&t)),
            "last_election1" => self.last_election = date()?,
            "next_election1" => self.next_election = date()?,
            "voting_system1" => self.voting_system = text(),
            "political_groups1" => self.groups = parse_groups(value)?,
            "structure1" => self.structure = text(),
            _ => self.other.push((key.to_owned(), value.to_owned())),
        }
        Ok(())
    }

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

    /// Replaces the groups and the number of members with those of `composition`; `entry`
    /// gives each holder's link and colour.
    pub fn set_composition(
        &mut self,
        composition: &Composition,
        entry: &dyn Fn(&Affiliation) -> (Link, Option<Colour>),
    ) {
        let groups = composition.groups();
        let make = |who: &Affiliation, seats: u32| {
            let (party, colour) = entry(who);
            GroupEntry { party, colour, seats }
        };
        let opposition: Vec<GroupEntry> = groups.opposition.iter().map(|(w, n)| make(w, *n)).collect();
        let opposition_seats = groups.opposition_seats();
        self.groups = match groups.majority {
            Some((party, n)) => {
                let mut out = vec![Group {
                    label: "Majority".into(),
                    seats: Some(n),
                    entries: vec![make(&Affiliation::Party(party), n)],
                }];
                if !opposition.is_empty() {
                    out.push(Group { label: "Opposition".into(), seats: Some(opposition_seats), entries: opposition });
                }
                out
            }
            None => {
                vec![Group { label: "No majority group".into(), seats: Some(opposition_seats), entries: opposition }]
            }
        };
        if groups.unaccounted > 0 {
            self.groups.push(Group {
                label: "Vacant or unknown".into(),
                seats: Some(groups.unaccounted),
                entries: vec![],
            });
        }
        self.members = Some(composition.size);
    }

    /// The wikitext of the infobox: known fields in the template's order, then the others.
    pub fn write(&self) -> String {
        let mut out = String::from("{{Infobox legislature\n");
        let mut field = |key: &str, value: Option<String>| {
            if let Some(value) = value {
                let _ = writeln!(out, "| {key} = {value}");
            }
        };
        field("name", self.name.clone());
        field("native_name", self.native_name.clone());
        field("house_type", self.house_type.map(|_| "Unicameral".to_owned()));
        field("foundation", self.foundation.map(Date::long));
        field("members", self.members.map(|n| n.to_string()));
        field("leader1_type", self.leader_type.clone());
        field("leader1", self.leader.as_ref().map(Link::write));
        field("party1", self.leader_party.as_ref().map(Link::write));
        field("political_groups1", (!self.groups.is_empty()).then(|| write_groups(&self.groups)));
        field("voting_system1", self.voting_system.clone());
        field("last_election1", self.last_election.map(Date::long));
        field("next_election1", self.next_election.map(Date::long));
        field("structure1", self.structure.clone());
        for (key, value) in &self.other {
            match key.as_str() {
                "" => field_raw(&mut out, value),
                key => {
                    let _ = writeln!(out, "| {key} = {value}");
                }
            }
        }
        out.push_str("}}\n");
        out
    }
}

fn field_raw(out: &mut String, value: &str) {
    let _ = writeln!(out, "| {value}");
}

fn find_template(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(offset) = text[from..].find("{{") {
        let at = from + offset;
        let rest = text[at + 2..].trim_start();
        let matches = rest.get(..TEMPLATE.len()).is_some_and(|head| {
            head.eq_ignore_ascii_case(TEMPLATE) || head.replace('_', " ").eq_ignore_ascii_case(TEMPLATE)
        });
        if matches {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// The text between the opening `{{` and its matching `}}`.
fn template_body(text: &str) -> Option<&str> {
    let mut depth = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        match &bytes[i..i + 2] {
            b"{{" => {
                depth += 1;
                i += 2;
            }
            b"}}" => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return text.get(2..i);
                }
                i += 2;
            }
            _ => i += 1,
        }
    }
    None
}

/// Splits on `|` outside nested `{{ }}` and `[[ ]]`.
fn split_top_level(body: &str) -> Vec<&str> {
    let bytes = body.as_bytes();
    let (mut braces, mut brackets, mut start, mut i) = (0usize, 0usize, 0usize, 0usize);
    let mut parts = Vec::new();
    while i < bytes.len() {
        let pair = bytes.get(i..i + 2);
        match pair {
            Some(b"{{") => {
                braces += 1;
                i += 2;
                continue;
            }
            Some(b"}}") => {
                braces = braces.saturating_sub(1);
                i += 2;
                continue;
            }
            Some(b"[[") => {
                brackets += 1;
                i += 2;
                continue;
            }
            Some(b"]]") => {
                brackets = brackets.saturating_sub(1);
                i += 2;
                continue;
            }
            _ => {}
        }
        if bytes[i] == b'|' && braces == 0 && brackets == 0 {
            parts.push(&body[start..i]);
            start = i + 1;
        }
        i += 1;
    }
    parts.push(&body[start..]);
    parts
}

/// `10 January 2021`, `2021-01-10`, `2026`, or `{{Start date|1993|12|10}}`.
fn parse_date(value: &str) -> Option<Date> {
    let inner = value.strip_prefix("{{").and_then(|v| v.strip_suffix("}}"));
    if let Some(inner) = inner {
        let mut parts = inner.split('|').map(str::trim);
        let name = parts.next()?.to_lowercase();
        if name != "start date" && name != "start date and age" {
            return None;
        }
        let nums: Vec<&str> = parts.filter(|p| !p.contains('=')).collect();
        let iso = nums.iter().enumerate().map(|(i, p)| if i == 0 { p.to_string() } else { format!("{p:0>2}") });
        return iso.collect::<Vec<_>>().join("-").parse().ok();
    }
    Date::parse_long(value).ok()
}

/// `(29)` at the end of a line, and the text before it.
fn trailing_count(text: &str) -> Option<(&str, u32)> {
    let text = text.trim_end();
    let open = text.strip_suffix(')')?.rfind('(')?;
    let count = text[open + 1..text.len() - 1].trim().parse().ok()?;
    Some((text[..open].trim_end(), count))
}

fn parse_groups(value: &str) -> Result<Vec<Group>, InfoboxError> {
    let mut groups: Vec<Group> = Vec::new();
    for (i, line) in value.lines().enumerate() {
        let line = line.trim().trim_end_matches("<br>").trim_end_matches("<br />").trim();
        if line.is_empty() {
            continue;
        }
        let error = |expected| InfoboxError::Groups { line: i + 1, expected, found: line.to_owned() };
        if let Some(header) = line.strip_prefix("'''").and_then(|l| l.strip_suffix("'''")) {
            let (label, seats) = match trailing_count(header) {
                Some((label, n)) => (label, Some(n)),
                None => (header.trim(), None),
            };
            groups.push(Group { label: label.to_owned(), seats, entries: Vec::new() });
        } else if let Some(entry) = line.strip_prefix('*') {
            let (rest, seats) = trailing_count(entry).ok_or_else(|| error("a party followed by its seats, as (3)"))?;
            let mut rest = rest.trim();
            let mut colour = None;
            if rest.starts_with("{{") {
                let end = rest.find("}}").ok_or_else(|| error("a closed {{Color box|#rrggbb}}"))?;
                let args: Vec<&str> = rest[2..end].split('|').map(str::trim).collect();
                let hex = args.get(1).ok_or_else(|| error("a colour in {{Color box|#rrggbb}}"))?;
                let hex = if hex.starts_with('#') { (*hex).to_owned() } else { format!("#{hex}") };
                colour = Some(hex.parse().map_err(|_| error("a colour in {{Color box|#rrggbb}}"))?);
                rest = rest[end + 2..].trim();
            }
            let group = match groups.last_mut() {
                Some(group) => group,
                None => {
                    groups.push(Group { label: String::new(), seats: None, entries: Vec::new() });
                    groups.last_mut().ok_or_else(|| error("a group"))?
                }
            };
            group.entries.push(GroupEntry { party: Link::parse(rest), colour, seats });
        } else {
            return Err(error("a group header such as '''Majority (29)''' or a party line starting with *"));
        }
    }
    Ok(groups)
}

fn write_groups(groups: &[Group]) -> String {
    let mut out = String::new();
    for group in groups {
        if !out.is_empty() {
            out.push('\n');
        }
        match group.seats {
            None if group.label.is_empty() => {}
            Some(n) => {
                let _ = write!(out, "'''{} ({n})'''", group.label);
            }
            None => {
                let _ = write!(out, "'''{}'''", group.label);
            }
        }
        for entry in &group.entries {
            out.push_str("\n* ");
            if let Some(colour) = entry.colour {
                let _ = write!(out, "{{{{Color box|{colour}|border=darkgray}}}} ");
            }
            let _ = write!(out, "{} ({})", entry.party.write(), entry.seats);
        }
    }
    out
}
