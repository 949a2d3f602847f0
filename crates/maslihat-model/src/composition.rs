//! Seats per party, and the majority and opposition groups as reference works show them.

use std::fmt::Write;

use serde::Serialize;

use crate::body::ElectoralSystem;
use crate::election::{Affiliation, Election};
use crate::figure::Agreement;
use crate::id::PartyId;

/// Seats per holder in a house of `size` seats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Composition {
    pub size: u32,
    /// Holders with at least one seat, most seats first, then by affiliation.
    pub seats: Vec<(Affiliation, u32)>,
}

/// The groups of a composition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Groups {
    /// The party holding more than half of all seats, if any.
    pub majority: Option<(PartyId, u32)>,
    /// Everyone else, most seats first.
    pub opposition: Vec<(Affiliation, u32)>,
    /// Seats neither held by anyone known (vacant or unknown).
    pub unaccounted: u32,
}

impl Groups {
    /// The seats of the opposition together.
    pub fn opposition_seats(&self) -> u32 {
        self.opposition.iter().fold(0u32, |sum, (_, n)| sum.saturating_add(*n))
    }
}

/// Why a composition cannot be built from an election.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum CompositionError {
    #[error("the number of seats is not known")]
    UnknownSize,
    #[error("the seats of {} are {}", who_text(who), if *disputed { "disputed" } else { "not known" })]
    UnknownSeats { who: Affiliation, disputed: bool },
    #[error("the parties' seats add up to {sum}, more than the {size} seats of the house")]
    TooManySeats { sum: u32, size: u32 },
    #[error("no seats per party are known")]
    Empty,
}

fn who_text(who: &Affiliation) -> &str {
    match who {
        Affiliation::Party(p) => &p.0,
        Affiliation::SelfNominated => "the self-nominated",
    }
}

impl Composition {
    /// A composition from seats per holder; holders with no seats are left out, equal holders
    /// are added up.
    pub fn new(size: u32, seats: impl IntoIterator<Item = (Affiliation, u32)>) -> Composition {
        let mut merged: Vec<(Affiliation, u32)> = Vec::new();
        for (who, n) in seats {
            match merged.iter_mut().find(|(w, _)| *w == who) {
                Some((_, total)) => *total = total.saturating_add(n),
                None => merged.push((who, n)),
            }
        }
        merged.retain(|(_, n)| *n > 0);
        merged.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Composition { size, seats: merged }
    }

    /// The composition an election produced: published list and district seats per party and
    /// for the self-nominated, in a house of all its seats.
    pub fn of_election(election: &Election) -> Result<Composition, CompositionError> {
        let size = election.seats().ok_or(CompositionError::UnknownSize)?;
        let districts = election.system != ElectoralSystem::PartyList && election.district_seats.value() != Some(&0);
        Composition::collect(election, size, districts)
    }

    /// The party-list half of an election: published list seats per list, in a house of the
    /// list seats.
    pub fn of_list_seats(election: &Election) -> Result<Composition, CompositionError> {
        let size = election.house().map_err(|_| CompositionError::UnknownSize)?;
        Composition::collect(election, size, false)
    }

    fn collect(election: &Election, size: u32, districts: bool) -> Result<Composition, CompositionError> {
        let mut seats = Vec::new();
        for result in &election.results {
            let list = result.is_list().then_some(&result.list_seats);
            let district = districts.then_some(&result.district_seats);
            for figure in [list, district].into_iter().flatten() {
                match figure.agreement() {
                    Agreement::Agreed(n) => seats.push((result.affiliation.clone(), *n)),
                    agreement => {
                        return Err(CompositionError::UnknownSeats {
                            who: result.affiliation.clone(),
                            disputed: agreement == Agreement::Conflict,
                        });
                    }
                }
            }
        }
        if districts {
            for winner in &election.districts {
                if !election.results.iter().any(|r| r.affiliation == winner.affiliation) {
                    seats.push((winner.affiliation.clone(), 1));
                }
            }
        }
        if seats.is_empty() {
            return Err(CompositionError::Empty);
        }
        let composition = Composition::new(size, seats);
        let sum = composition.filled();
        if sum > size {
            return Err(CompositionError::TooManySeats { sum, size });
        }
        Ok(composition)
    }

    /// Seats held by someone known.
    pub fn filled(&self) -> u32 {
        self.seats.iter().fold(0u32, |sum, (_, n)| sum.saturating_add(*n))
    }

    /// The seats of `who`.
    pub fn seats_of(&self, who: &Affiliation) -> u32 {
        self.seats.iter().find(|(w, _)| w == who).map_or(0, |(_, n)| *n)
    }

    /// The majority group (a party with more than half of all seats) and the opposition.
    pub fn groups(&self) -> Groups {
        let majority = self.seats.iter().find_map(|(who, n)| match who {
            Affiliation::Party(p) if u64::from(*n) * 2 > u64::from(self.size) => Some((p.clone(), *n)),
            _ => None,
        });
        let opposition = self
            .seats
            .iter()
            .filter(|(who, _)| !matches!((who, &majority), (Affiliation::Party(p), Some((m, _))) if p == m))
            .cloned()
            .collect();
        Groups { majority, opposition, unaccounted: self.size.saturating_sub(self.filled()) }
    }

    /// The groups in words, names from `name`: `Majority (29): Nur Otan (29); Opposition (9):
    /// Ak Zhol (3), Auyl (3), People's Party (3)`, or `No majority group (36 seats): …`.
    pub fn describe(&self, name: &dyn Fn(&Affiliation) -> String) -> String {
        let groups = self.groups();
        let list = |holders: &[(Affiliation, u32)]| {
            holders.iter().map(|(who, n)| format!("{} ({n})", name(who))).collect::<Vec<_>>().join(", ")
        };
        let mut out = String::new();
        match &groups.majority {
            Some((party, n)) => {
                let _ = write!(out, "Majority ({n}): {} ({n})", name(&Affiliation::Party(party.clone())));
                if !groups.opposition.is_empty() {
                    let total = groups.opposition_seats();
                    let _ = write!(out, "; Opposition ({total}): {}", list(&groups.opposition));
                }
            }
            None => {
                let _ = write!(out, "No majority group ({} seats): {}", self.size, list(&groups.opposition));
            }
        }
        if groups.unaccounted > 0 {
            let _ = write!(out, "; Vacant or unknown ({})", groups.unaccounted);
        }
        out
    }
}
