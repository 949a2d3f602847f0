//! An election to a mäslihat: seats by kind, list results with their sources, turnout, district
//! winners, known discrepancies, and the input it gives the apportionment core.

use std::fmt;

use maslihat_apportion::{AllocError, Allocation, ListStatus, Preset, Rules, Tally, TiePolicy, allocate};
use serde::Serialize;

use crate::body::ElectoralSystem;
use crate::column::{DiscrepancyFigure, ResultFigure};
use crate::date::Date;
use crate::figure::{Agreement, Decimal, Figure, Sourced};
use crate::id::{BodyId, ElectionId, PartyId, SourceId};
use crate::naming::named;
use crate::profile::ProfileFacts;

/// Who holds or won a seat.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", content = "party", rename_all = "kebab-case")]
pub enum Affiliation {
    Party(PartyId),
    /// A district candidate without a party nomination (the dataset's `self-nominated`).
    SelfNominated,
}

/// One party's result (or the self-nominated candidates'), merged over its sources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartyResult {
    pub affiliation: Affiliation,
    /// Position in the commission's registration order (1 = first), when known.
    pub registration: Figure<u32>,
    /// Position on the ballot (1 = first), as drawn by lot: not the registration order.
    pub ballot_order: Figure<u32>,
    /// Sources naming the list as one on the ballot (without other figures, perhaps).
    pub on_ballot: Vec<SourceId>,
    pub votes: Figure<u64>,
    /// Vote shares as printed, in per cent; checked against the counts, never used to compute.
    pub printed_share: Figure<Decimal>,
    /// Party-list seats as published.
    pub list_seats: Figure<u32>,
    /// Single-member district seats won, as published.
    pub district_seats: Figure<u32>,
    pub notes: Vec<Sourced<String>>,
}

impl PartyResult {
    /// The party's id; `None` for the self-nominated.
    pub fn party(&self) -> Option<&PartyId> {
        match &self.affiliation {
            Affiliation::Party(p) => Some(p),
            Affiliation::SelfNominated => None,
        }
    }

    /// Whether this is a list: a party with a vote count, printed share, list seats,
    /// registration number or ballot position, or that a source names as on the ballot.
    pub fn is_list(&self) -> bool {
        self.party().is_some()
            && !(self.votes.is_unknown()
                && self.printed_share.is_unknown()
                && self.list_seats.is_unknown()
                && self.registration.is_unknown()
                && self.ballot_order.is_unknown()
                && self.on_ballot.is_empty())
    }
}

/// A single-member district's winner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DistrictWinner {
    /// The district's number or name as the source gives it.
    pub district: String,
    pub winner: Option<String>,
    pub affiliation: Affiliation,
    pub source: SourceId,
}

/// Whether a value of a discrepancy is printed by a source or computed from the tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    Printed,
    Computed,
}

named!(Basis, "printed or computed", Basis::Printed => "printed", Basis::Computed => "computed");

/// One side of a known disagreement between sources (rows sharing `id` are its sides).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Discrepancy {
    pub id: String,
    pub party: Option<PartyId>,
    /// The figure of the tables the value belongs to, or the sum of the printed shares.
    pub figure: DiscrepancyFigure,
    /// A count (no decimals) or a printed percentage.
    pub value: Decimal,
    pub basis: Basis,
    pub source: SourceId,
    /// Whether this exact value is in the tables under that source.
    pub in_tables: bool,
    pub note: String,
}

/// An election.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Election {
    pub id: ElectionId,
    pub body: BodyId,
    pub date: Date,
    /// The rules that governed the party-list seats.
    pub profile: Preset,
    pub system: ElectoralSystem,
    /// Whether the results name every list on the ballot: `Some(false)` when evidence shows
    /// some are missing, `None` when not known.
    pub lists_complete: Option<bool>,
    /// The evidence for `lists_complete`.
    pub lists_basis: Option<String>,
    pub note: Option<String>,
    pub total_seats: Figure<u32>,
    pub list_seats: Figure<u32>,
    pub district_seats: Figure<u32>,
    /// How many lists were on the ballot.
    pub lists_on_ballot: Figure<u32>,
    pub registered_voters: Figure<u64>,
    pub ballots_cast: Figure<u64>,
    pub valid_ballots: Figure<u64>,
    pub invalid_ballots: Figure<u64>,
    pub against_all: Figure<u64>,
    /// Turnout as printed, in per cent.
    pub turnout_printed: Figure<Decimal>,
    /// Notes of the election-level figures, with their sources.
    pub figure_notes: Vec<Sourced<String>>,
    /// Per party, in the order of first appearance in the data (the source's printing order,
    /// which is not the registration order).
    pub results: Vec<PartyResult>,
    pub districts: Vec<DistrictWinner>,
    pub discrepancies: Vec<Discrepancy>,
}

/// How much of an election's list vote is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum VoteStatus {
    /// Every list on the ballot is known and has one vote count: it can be recomputed.
    Complete,
    /// Some vote counts are known.
    Partial,
    /// No vote count is known (printed shares alone do not count).
    None,
}

/// Which order the lists of a recount are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OrderBasis {
    /// The commission's registration order, from the data.
    Registration,
    /// The data's order (the source's printing order): the registration order is unknown.
    RowOrder,
}

/// Why an election's list seats cannot be recomputed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum NotRecomputable {
    /// The election had no party-list seats.
    #[error("the election had no party-list seats")]
    NoListSeats,
    /// The number of list seats is not known, or sources disagree on it.
    #[error("the number of party-list seats is {}", if *disputed { "disputed" } else { "not known" })]
    UnknownListSeats { disputed: bool },
    /// No list is known.
    #[error("no list results are known")]
    NoLists,
    /// The data does not show that every list on the ballot is known.
    #[error("{}", if *missing { "some lists on the ballot are missing from the data" } else { "it is not known whether the data names every list on the ballot" })]
    ListsNotComplete { missing: bool },
    /// Some lists' votes are not known.
    #[error("votes are not known for {}", join(parties))]
    MissingVotes { parties: Vec<PartyId> },
    /// Sources disagree on some lists' votes.
    #[error("sources disagree on the votes of {}", join(parties))]
    ConflictingVotes { parties: Vec<PartyId> },
    /// Sources disagree on the "against all" count.
    #[error("sources disagree on the number of votes against all")]
    ConflictingAgainstAll,
    /// Some lists have a registration number and others not.
    #[error("the registration order is given for some lists only")]
    PartialRegistrationOrder,
}

fn join(parties: &[PartyId]) -> String {
    parties.iter().map(|p| p.0.as_str()).collect::<Vec<_>>().join(", ")
}

/// What a recomputation assumed or changed because the data does not say.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Caveat {
    /// The registration order is unknown: the lists are in the data's order, and a tie the
    /// registration rule would settle stops the allocation instead (tie policy `error`).
    RegistrationOrderUnknown,
    /// "Against all" was on the ballot but its count is unknown; the base is list votes only.
    /// It only raises the base, so the lists passing stay the same up to `holds_up_to` such
    /// votes (`None`: whatever the count).
    AgainstAllUnknown { holds_up_to: Option<u64> },
}

impl fmt::Display for Caveat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Caveat::RegistrationOrderUnknown => f.write_str(
                "registration order unknown: lists in the source's order; a tie the registration rule would settle is \
                 reported as unresolved",
            ),
            Caveat::AgainstAllUnknown { holds_up_to: Some(n) } => write!(
                f,
                "votes against all unknown: threshold base is list votes only; the same lists pass with up to {n} \
                 votes against all"
            ),
            Caveat::AgainstAllUnknown { holds_up_to: None } => f.write_str(
                "votes against all unknown: threshold base is list votes only; no such count changes which lists pass",
            ),
        }
    }
}

/// The input of a recomputation: a tally and what it stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recount {
    pub tally: Tally,
    /// The seats to allocate: all seats (`party-list`) or the list seats (`mixed`).
    pub house: u32,
    /// `parties[i]` is list `i` of the tally.
    pub parties: Vec<PartyId>,
    pub order: OrderBasis,
    pub caveats: Vec<Caveat>,
}

/// A recomputation compared with the published seats.
#[derive(Debug, Clone, Serialize)]
pub struct Recomputation {
    pub recount: Recount,
    /// The rules applied (the tie policy may differ from those asked for: see the caveats).
    pub rules: Rules,
    pub allocation: Allocation,
    /// Per list (tally order): the distinct published list seats (several when sources differ).
    pub published: Vec<Vec<u32>>,
    pub verdict: Verdict,
}

/// How a recomputation compares with what was published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Verdict {
    /// Every list's published seats equal the recomputed ones.
    Matches,
    /// Some differ; `documented` tells whether `discrepancies.csv` lists every one of them.
    Differs { lists: Vec<SeatDifference>, documented: bool },
    /// Seats were published for some lists only, and those match.
    PartlyPublished,
    /// No list seats were published.
    NotPublished,
}

/// A list whose published seats differ from the recomputation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeatDifference {
    pub party: PartyId,
    pub published: Vec<u32>,
    pub recomputed: u32,
    /// The id of the known discrepancy about these seats, if any.
    pub discrepancy: Option<String>,
}

/// Why a recomputation failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RecomputeError {
    #[error("cannot recompute: {0}")]
    NotRecomputable(#[from] NotRecomputable),
    #[error("{0}")]
    Alloc(#[from] AllocError),
}

impl Election {
    /// The rules of the election's profile.
    pub fn rules(&self) -> Rules {
        self.profile.rules()
    }

    /// Whether "against all" was on the ballot (from 2023).
    pub fn has_against_all(&self) -> bool {
        self.profile.against_all_on_ballot()
    }

    /// The lists: parties (not the self-nominated) with a list figure.
    pub fn lists(&self) -> impl Iterator<Item = &PartyResult> {
        self.results.iter().filter(|r| r.is_list())
    }

    /// The result of a party.
    pub fn result(&self, party: &PartyId) -> Option<&PartyResult> {
        self.results.iter().find(|r| r.party() == Some(party))
    }

    /// Whether the votes are complete, partial or absent.
    pub fn vote_status(&self) -> VoteStatus {
        let known = |r: &&PartyResult| r.votes.value().is_some();
        let lists: Vec<&PartyResult> = self.lists().collect();
        if self.lists_complete == Some(true) && !lists.is_empty() && lists.iter().all(known) {
            VoteStatus::Complete
        } else if lists.iter().any(|r| !r.votes.is_unknown()) {
            VoteStatus::Partial
        } else {
            VoteStatus::None
        }
    }

    /// The total seats: as given, or list plus district seats.
    pub fn seats(&self) -> Option<u32> {
        self.total_seats.value().copied().or_else(|| match self.system {
            ElectoralSystem::Mixed => self.list_seats.value()?.checked_add(*self.district_seats.value()?),
            ElectoralSystem::PartyList => None,
            ElectoralSystem::SingleMemberDistricts => self.district_seats.value().copied(),
        })
    }

    /// The seats to allocate by list: the total for a party-list election, the list seats for a
    /// mixed one.
    pub fn house(&self) -> Result<u32, NotRecomputable> {
        let figure = match self.system {
            ElectoralSystem::PartyList => &self.total_seats,
            ElectoralSystem::Mixed => &self.list_seats,
            ElectoralSystem::SingleMemberDistricts => return Err(NotRecomputable::NoListSeats),
        };
        match figure.agreement() {
            Agreement::Agreed(0) => Err(NotRecomputable::NoListSeats),
            Agreement::Agreed(seats) => Ok(*seats),
            Agreement::Unknown => Err(NotRecomputable::UnknownListSeats { disputed: false }),
            Agreement::Conflict => Err(NotRecomputable::UnknownListSeats { disputed: true }),
        }
    }

    /// The core's input: list votes in registration order (or the data's order, flagged),
    /// "against all" and invalid ballots; or why it cannot be built.
    pub fn tally(&self) -> Result<Tally, NotRecomputable> {
        self.recount().map(|r| r.tally)
    }

    /// The core's input with the seats to allocate, the parties and the caveats.
    pub fn recount(&self) -> Result<Recount, NotRecomputable> {
        let mut lists: Vec<&PartyResult> = self.lists().collect();
        if lists.is_empty() {
            return Err(NotRecomputable::NoLists);
        }
        if self.lists_complete == Some(false) {
            return Err(NotRecomputable::ListsNotComplete { missing: true });
        }
        let parties_where = |test: fn(&PartyResult) -> bool| -> Vec<PartyId> {
            lists.iter().filter(|r| test(r)).filter_map(|r| r.party().cloned()).collect()
        };
        let conflicting = parties_where(|r| r.votes.agreement() == Agreement::Conflict);
        if !conflicting.is_empty() {
            return Err(NotRecomputable::ConflictingVotes { parties: conflicting });
        }
        let missing = parties_where(|r| r.votes.is_unknown());
        if !missing.is_empty() {
            return Err(NotRecomputable::MissingVotes { parties: missing });
        }
        if self.lists_complete != Some(true) {
            return Err(NotRecomputable::ListsNotComplete { missing: false });
        }
        let house = self.house()?;
        let registered = lists.iter().filter(|r| r.registration.value().is_some()).count();
        let order = match registered {
            0 => OrderBasis::RowOrder,
            n if n == lists.len() => OrderBasis::Registration,
            _ => return Err(NotRecomputable::PartialRegistrationOrder),
        };
        if order == OrderBasis::Registration {
            lists.sort_by_key(|r| r.registration.value().copied());
        }
        let mut caveats = Vec::new();
        if order == OrderBasis::RowOrder {
            caveats.push(Caveat::RegistrationOrderUnknown);
        }
        let votes = lists.iter().filter_map(|r| r.votes.value().copied()).collect();
        let mut tally = Tally::new(votes);
        match self.against_all.agreement() {
            Agreement::Agreed(n) => tally = tally.with_against_all(*n),
            Agreement::Conflict => return Err(NotRecomputable::ConflictingAgainstAll),
            Agreement::Unknown if self.has_against_all() => {
                caveats.push(Caveat::AgainstAllUnknown { holds_up_to: None })
            }
            Agreement::Unknown => {}
        }
        if let Some(invalid) = self.invalid_ballots.value() {
            tally = tally.with_invalid(*invalid);
        }
        let parties = lists.iter().filter_map(|r| r.party().cloned()).collect();
        Ok(Recount { tally, house, parties, order, caveats })
    }

    /// Recomputes the list seats under the election's own rules and compares them with the
    /// published ones.
    pub fn recompute(&self) -> Result<Recomputation, RecomputeError> {
        self.recompute_with(&self.rules())
    }

    /// As [`Election::recompute`], under other rules. When the registration order is unknown,
    /// the `registration` tie policy becomes `error`: a tie is reported, never settled by the
    /// data's row order.
    pub fn recompute_with(&self, rules: &Rules) -> Result<Recomputation, RecomputeError> {
        let mut recount = self.recount()?;
        let rules = rules_for_order(rules.clone(), recount.order);
        let allocation = allocate(&recount.tally, recount.house, &rules)?;
        for caveat in &mut recount.caveats {
            if let Caveat::AgainstAllUnknown { holds_up_to } = caveat {
                *holds_up_to = against_all_margin(&recount.tally, &rules, &allocation);
            }
        }
        let published: Vec<Vec<u32>> = recount
            .parties
            .iter()
            .map(|p| self.result(p).map(|r| r.list_seats.distinct().into_iter().copied().collect()).unwrap_or_default())
            .collect();
        let mut differences = Vec::new();
        for ((party, published), list) in recount.parties.iter().zip(&published).zip(&allocation.lists) {
            if !published.is_empty() && !published.contains(&list.seats) {
                let discrepancy = self
                    .discrepancies
                    .iter()
                    .find(|d| {
                        d.party.as_ref() == Some(party)
                            && d.figure == DiscrepancyFigure::Result(ResultFigure::ListSeats)
                    })
                    .map(|d| d.id.clone());
                differences.push(SeatDifference {
                    party: party.clone(),
                    published: published.clone(),
                    recomputed: list.seats,
                    discrepancy,
                });
            }
        }
        let verdict = if !differences.is_empty() {
            let documented = differences.iter().all(|d| d.discrepancy.is_some());
            Verdict::Differs { lists: differences, documented }
        } else if published.iter().all(|p| !p.is_empty()) {
            Verdict::Matches
        } else if published.iter().any(|p| !p.is_empty()) {
            Verdict::PartlyPublished
        } else {
            Verdict::NotPublished
        };
        Ok(Recomputation { recount, rules, allocation, published, verdict })
    }
}

/// `rules` for lists in `order`: when the registration order is unknown, the `registration` tie
/// policy becomes `error`, so a tie is reported, never settled by the data's row order.
pub fn rules_for_order(mut rules: Rules, order: OrderBasis) -> Rules {
    if order == OrderBasis::RowOrder && rules.tie_policy == TiePolicy::Registration {
        rules.tie_policy = TiePolicy::Error;
    }
    rules
}

/// The most "against all" votes that keep the same lists above the threshold, when the tally
/// counted none: they only raise the base, so only passing lists can drop out.
fn against_all_margin(tally: &Tally, rules: &Rules, allocation: &Allocation) -> Option<u64> {
    let weakest = allocation.lists.iter().filter(|l| l.status == ListStatus::Qualified).map(|l| l.votes).min()?;
    let passes = |against: u64| {
        let base = tally.clone().with_against_all(against).base(rules.threshold_base);
        rules.threshold.is_met(weakest, base)
    };
    if passes(u64::MAX) {
        return None;
    }
    // The largest count that passes: passes(lo) holds, passes(hi) does not.
    let (mut lo, mut hi) = (0u64, u64::MAX);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if passes(mid) { lo = mid } else { hi = mid }
    }
    Some(lo)
}
