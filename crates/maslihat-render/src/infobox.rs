//! The `Infobox legislature` wikitext of a mäslihat: the infobox a dataset gives for a body
//! after an election (size, head, elections, the groups of its composition), and its
//! wikitext. Reading wikitext back is `maslihat_ingest::read_infobox`.

use std::fmt::Write;

use maslihat_model::body::ElectoralSystem;
use maslihat_model::infobox::{Group, GroupEntry, Infobox, Link};
use maslihat_model::party::{Colour, PartyKind};
use maslihat_model::{Affiliation, Composition, Dataset, Date, Election, Maslihat};

use crate::text::wikitext;

/// The infobox of a body after `election` (its latest when `None`): size, head (secretary or
/// chair), last and next election, and the groups of the composition that election produced.
/// The groups are left empty when the composition is not known.
pub fn of(dataset: &Dataset, body: &Maslihat, election: Option<&Election>) -> Infobox {
    let election = election.or_else(|| dataset.last_election(&body.id));
    let year = election.map(|e| e.date.year());
    let head = election.and_then(|e| dataset.head_after(body, e));
    let party_year = head.and_then(|h| h.known_from()).map(|d| d.year()).or(year);
    let mut infobox = Infobox {
        name: Some(body.name.clone()),
        native_name: body.native_name.clone(),
        house_type: Some(body.house_type),
        foundation: body.founded,
        members: election.and_then(Election::seats),
        leader_type: head.map(|h| h.title.capitalised().to_owned()),
        leader: head.map(|h| Link::plain(&h.name)),
        leader_party: head
            .and_then(|h| h.party.clone())
            .map(|p| party_link(dataset, &Affiliation::Party(p), party_year).0),
        last_election: election.map(|e| e.date),
        next_election: election.and_then(|e| body.next_election_after(e.date)),
        voting_system: election.map(|e| voting_system(e.system).to_owned()),
        ..Infobox::default()
    };
    if let Some(composition) = election.and_then(|e| Composition::of_election(e).ok()) {
        set_composition(&mut infobox, &composition, &|who| party_link(dataset, who, year));
    }
    infobox
}

/// A holder's wiki link (the full name as target, the label as text) and colour.
pub fn party_link(dataset: &Dataset, who: &Affiliation, year: Option<u16>) -> (Link, Option<Colour>) {
    match dataset.party_of(who) {
        Some(party) => match party.name_in(year) {
            Some(name) if party.kind == PartyKind::Party => {
                (Link { text: name.label.clone(), target: Some(name.name.clone()) }, Some(party.colour))
            }
            _ => (Link::plain(party.label_in(year)), Some(party.colour)),
        },
        None => (Link::plain(&dataset.label(who, year)), None),
    }
}

/// An electoral system in words, as an infobox's `voting_system1` gives it.
pub fn voting_system(system: ElectoralSystem) -> &'static str {
    match system {
        ElectoralSystem::SingleMemberDistricts => "First-past-the-post in single-member districts",
        ElectoralSystem::PartyList => "Party-list proportional representation, Largest remainder method",
        ElectoralSystem::Mixed => {
            "Mixed: party-list proportional representation (largest remainder) and first-past-the-post"
        }
    }
}

/// Replaces the groups and the number of members with those of `composition`; `entry`
/// gives each holder's link and colour.
pub fn set_composition(
    infobox: &mut Infobox,
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
    infobox.groups = match groups.majority {
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
        infobox.groups.push(Group {
            label: "Vacant or unknown".into(),
            seats: Some(groups.unaccounted),
            entries: vec![],
        });
    }
    infobox.members = Some(composition.size);
}

/// The wikitext of the infobox: known fields in the template's order, then the others.
pub fn write(infobox: &Infobox) -> String {
    let mut out = String::from("{{Infobox legislature\n");
    let mut field = |key: &str, value: Option<String>| {
        if let Some(value) = value {
            let _ = writeln!(out, "| {key} = {value}");
        }
    };
    field("name", infobox.name.as_deref().map(wikitext));
    field("native_name", infobox.native_name.as_deref().map(wikitext));
    field("house_type", infobox.house_type.map(|_| "Unicameral".to_owned()));
    field("foundation", infobox.foundation.map(Date::long));
    field("members", infobox.members.map(|n| n.to_string()));
    field("leader1_type", infobox.leader_type.as_deref().map(wikitext));
    field("leader1", infobox.leader.as_ref().map(write_link));
    field("party1", infobox.leader_party.as_ref().map(write_link));
    field("political_groups1", (!infobox.groups.is_empty()).then(|| write_groups(&infobox.groups)));
    field("voting_system1", infobox.voting_system.clone());
    field("last_election1", infobox.last_election.map(Date::long));
    field("next_election1", infobox.next_election.map(Date::long));
    field("structure1", infobox.structure.clone());
    for (key, value) in &infobox.other {
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

/// A part without a name: positional (`| value`), or named by the empty name (`| = a = b`)
/// when the value holds a `=` that would otherwise read as the name's end.
fn field_raw(out: &mut String, value: &str) {
    let _ = if value.contains('=') { writeln!(out, "| = {value}") } else { writeln!(out, "| {value}") };
}

fn write_link(link: &Link) -> String {
    let text = wikitext(&link.text);
    match &link.target {
        Some(target) if *target == link.text => format!("[[{text}]]"),
        Some(target) => format!("[[{}|{text}]]", wikitext(target)),
        None => text,
    }
}

fn write_groups(groups: &[Group]) -> String {
    let mut out = String::new();
    for (i, group) in groups.iter().enumerate() {
        if !out.is_empty() {
            out.push('\n');
        }
        match group.seats {
            // Entries before any heading read as a group without a label; any other group
            // without one (empty, or after another group) keeps its empty heading ``.
            None if group.label.is_empty() && i == 0 && !group.entries.is_empty() => {}
            Some(n) => {
                let _ = write!(out, "'''{} ({n})'''", wikitext(&group.label));
            }
            None => {
                let _ = write!(out, "'''{}'''", wikitext(&group.label));
            }
        }
        for entry in &group.entries {
            out.push_str("\n* ");
            if let Some(colour) = entry.colour {
                let _ = write!(out, "{{{{Color box|{colour}|border=darkgray}}}} ");
            }
            let _ = write!(out, "{} ({})", write_link(&entry.party), entry.seats);
        }
    }
    out
}
