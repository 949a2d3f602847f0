//! Members of a mäslihat, the early termination of their powers, and eligibility checks.

use std::cmp::Ordering;

use serde::Serialize;

use crate::body::{BodyId, named};
use crate::date::{Date, age_on};
use crate::election::Affiliation;
use crate::figure::SourceId;

/// How a member won the seat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "district", rename_all = "kebab-case")]
pub enum SeatKind {
    PartyList,
    /// A single-member district, by number or name when known.
    District(Option<String>),
}

/// The nine legal grounds for the early termination of a member's powers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TerminationGround {
    /// Appointment or election to an office incompatible with the mandate.
    IncompatibleOffice,
    /// A court ruling of incapacity or limited capacity.
    Incapacity,
    /// The termination of the mäslihat's own powers.
    BodyTerminated,
    /// Death, or a court declaring the member dead.
    Death,
    LossOfCitizenship,
    /// A criminal conviction entering into force.
    Conviction,
    /// Moving permanently out of the territory.
    MovedAway,
    Resignation,
    /// Missing sessions or meetings without good reason more than three times in a row.
    Absence,
}

named!(TerminationGround,
    "a termination ground: incompatible-office, incapacity, body-terminated, death, loss-of-citizenship, conviction, moved-away, resignation or absence",
    TerminationGround::IncompatibleOffice => "incompatible-office", TerminationGround::Incapacity => "incapacity",
    TerminationGround::BodyTerminated => "body-terminated", TerminationGround::Death => "death",
    TerminationGround::LossOfCitizenship => "loss-of-citizenship", TerminationGround::Conviction => "conviction",
    TerminationGround::MovedAway => "moved-away", TerminationGround::Resignation => "resignation",
    TerminationGround::Absence => "absence");

/// The early end of a member's powers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Termination {
    pub date: Option<Date>,
    pub ground: TerminationGround,
    /// Who took the seat next, when known.
    pub successor: Option<String>,
}

/// A member of one convocation of a mäslihat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    pub name: String,
    /// An identifier of the person across bodies, when the data has one (names are not unique).
    pub person: Option<String>,
    pub body: BodyId,
    pub convocation: Option<u32>,
    pub affiliation: Option<Affiliation>,
    pub seat: SeatKind,
    pub born: Option<Date>,
    /// When the commission registered the member.
    pub registered: Option<Date>,
    /// The day the member was elected (for the age check).
    pub elected: Option<Date>,
    /// The end of the term when it ended regularly.
    pub term_end: Option<Date>,
    pub termination: Option<Termination>,
    pub source: SourceId,
}

impl Member {
    /// The last day in office, when it is over.
    pub fn until(&self) -> Option<Date> {
        self.termination.as_ref().and_then(|t| t.date).or(self.term_end)
    }

    /// The first day in office as far as known.
    pub fn from(&self) -> Option<Date> {
        self.registered.or(self.elected)
    }

    fn same_person(&self, other: &Member) -> bool {
        match (&self.person, &other.person) {
            (Some(a), Some(b)) => a == b,
            _ => crate::fold(&self.name) == crate::fold(&other.name) && self.born == other.born,
        }
    }
}

/// The least age to sit in a mäslihat.
pub const MIN_AGE: u16 = 20;

/// A problem found by an eligibility check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Finding {
    /// Younger than 20 on election day.
    UnderAge { name: String, body: BodyId, born: Date, elected: Date, age: u16 },
    /// Partial dates leave open whether the member was 20 on election day.
    AgeUncertain { name: String, body: BodyId, born: Date, elected: Date, youngest: u16, oldest: u16 },
    /// The same person sat in two mäslihats at once (`certain` is false when only partial or
    /// missing dates allow the overlap).
    TwoBodies { name: String, first: BodyId, second: BodyId, certain: bool },
}

/// Checks that every member with a known birth date and election day was at least 20 on it.
/// Members without these dates are not checked.
pub fn check_age(members: &[Member]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for m in members {
        let (Some(born), Some(elected)) = (m.born, m.elected) else { continue };
        let (name, body) = (m.name.clone(), m.body.clone());
        match age_on(born, elected) {
            Ok(age) if age < MIN_AGE => findings.push(Finding::UnderAge { name, body, born, elected, age }),
            Ok(_) => {}
            Err((youngest, oldest)) if youngest < MIN_AGE => {
                findings.push(if oldest < MIN_AGE {
                    Finding::UnderAge { name, body, born, elected, age: oldest }
                } else {
                    Finding::AgeUncertain { name, body, born, elected, youngest, oldest }
                });
            }
            Err(_) => {}
        }
    }
    findings
}

/// Checks that nobody sits in two mäslihats at once. The same person is the same `person` id or,
/// without ids, the same name (ignoring case and diacritics) and birth date. A missing start date
/// or a partial date makes an overlap only possible (`certain: false`); no end date means still
/// sitting.
pub fn check_one_body(members: &[Member]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, a) in members.iter().enumerate() {
        for b in &members[i + 1..] {
            if a.body == b.body || !a.same_person(b) {
                continue;
            }
            let overlap = overlaps(a, b);
            if overlap != Overlap::No {
                findings.push(Finding::TwoBodies {
                    name: a.name.clone(),
                    first: a.body.clone(),
                    second: b.body.clone(),
                    certain: overlap == Overlap::Certain,
                });
            }
        }
    }
    findings
}

#[derive(PartialEq)]
enum Overlap {
    No,
    Possible,
    Certain,
}

fn overlaps(a: &Member, b: &Member) -> Overlap {
    // Periods overlap when each starts before the other ends (a term ending the day another
    // begins is a hand-over, not an overlap).
    let starts_before_end = |x: &Member, y: &Member| match (x.from(), y.until()) {
        (Some(start), Some(end)) => match start.certain_cmp(end) {
            Some(Ordering::Less) => Overlap::Certain,
            Some(_) => Overlap::No,
            None => Overlap::Possible,
        },
        (_, None) if y.termination.is_none() && y.term_end.is_none() => {
            if x.from().is_some() {
                Overlap::Certain
            } else {
                Overlap::Possible
            }
        }
        _ => Overlap::Possible,
    };
    match (starts_before_end(a, b), starts_before_end(b, a)) {
        (Overlap::No, _) | (_, Overlap::No) => Overlap::No,
        (Overlap::Certain, Overlap::Certain) => Overlap::Certain,
        _ => Overlap::Possible,
    }
}
