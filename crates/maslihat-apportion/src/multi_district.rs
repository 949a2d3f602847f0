//! Elections over several districts: seats to districts by a national quota (the Czech first
//! stage), a national threshold with the seats allocated district by district, and mixed
//! systems that compensate constituency seats with list seats (overhang kept with the house
//! enlarged as in New Zealand, balance seats as in Germany 2013–2021, overhang kept with the
//! others sharing the rest as in Denmark's Folketing).
//!
//! ```
//! use maslihat_apportion::multi_district::{OverhangRule, mixed_member};
//! use maslihat_apportion::{Divisor, Method, TiePolicy};
//!
//! // Party A won 7 of 10 constituencies with half the list votes.
//! let result = mixed_member(
//!     &[5000, 3000, 2000],
//!     &[7, 0, 0],
//!     &[true, true, true],
//!     10,
//!     &Method::Divisor(Divisor::SainteLague),
//!     OverhangRule::KeptHouseEnlarged,
//!     TiePolicy::Registration,
//! )
//! .unwrap();
//! assert_eq!(result.house_size, 12); // two overhang seats
//! ```

use serde::Serialize;

use crate::error::AllocError;
use crate::method::{Method, Quota};
use crate::result::Allocation;
use crate::rules::Rules;
use crate::tally::Tally;
use crate::threshold::{Percentage, Threshold};
use crate::tie::{Tie, TiePolicy};

/// Why a multi-district computation could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MultiError {
    #[error("{what}: {found} values for {expected} parties or districts")]
    Lengths { what: &'static str, found: usize, expected: usize },
    #[error("there are no votes to divide the seats by")]
    NoVotes,
    #[error("the house has no seats")]
    NoSeats,
    /// Whole quotas of a rounded quota gave more seats than there are: the law provides only
    /// for seats left over.
    #[error("whole quotas give {given} seats but there are only {seats}: the rule provides only for seats left over")]
    TooManyWholeSeats { given: u64, seats: u32 },
    /// Equal remainders contend for the last seats: the law decides (by lot); nothing is guessed.
    #[error("districts {} have equal remainders and contend for {seats} seat(s)", districts_text(districts))]
    TieAtCut { districts: Vec<usize>, seats: u32 },
    #[error("no party reached the threshold")]
    NoPartyPasses,
    #[error("the house would have to grow past {limit} seats to balance the overhang")]
    NoBalance { limit: u32 },
    #[error("allocating seats: {0}")]
    Alloc(#[from] AllocError),
    /// One district's allocation failed (`district` is its index); a tie's lists are parties.
    #[error("district {}: {error}", district + 1)]
    InDistrict { district: usize, error: AllocError },
    /// The threshold base (all valid votes) is smaller than the parties' votes.
    #[error("the valid votes ({base}) are fewer than the parties' votes ({votes})")]
    BaseBelowVotes { base: u64, votes: u128 },
    /// A party's votes over all districts exceed what a count holds (`u64::MAX`): its national
    /// share cannot be compared exactly.
    #[error("party {} has {votes} votes over all districts, more than a count holds ({})", party + 1, u64::MAX)]
    PartyVotesTooLarge { party: usize, votes: u128 },
}

fn districts_text(districts: &[usize]) -> String {
    let numbers: Vec<String> = districts.iter().map(|d| (d + 1).to_string()).collect();
    numbers.join(", ")
}

/// Seats to districts by a national quota rounded to a whole number, whole quotas first and
/// the seats left over to the largest remainders: the first stage of the election to the
/// Czech Chamber of Deputies (Act 247/1995 Coll., § 48 as amended by Act 189/2021 Coll.: the
/// valid votes of the whole country divided by 200 and rounded to units is the "republic
/// mandate number"; each region gets as many seats as the number goes into its valid votes,
/// the seats left over go to the regions with the largest remainders).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DistrictQuotaSeats {
    /// The quota: all votes ÷ seats, rounded half up to a whole number.
    pub quota: u64,
    pub seats: Vec<u32>,
    /// Each district's remainder (votes minus whole quotas × quota).
    pub remainders: Vec<u64>,
    /// Districts that got a seat for their remainder, in order.
    pub remainder_order: Vec<usize>,
}

/// [`DistrictQuotaSeats`] for `votes` per district and `seats` in all.
pub fn seats_by_rounded_quota(votes: &[u64], seats: u32) -> Result<DistrictQuotaSeats, MultiError> {
    if seats == 0 {
        return Err(MultiError::NoSeats);
    }
    let total: u128 = votes.iter().map(|v| u128::from(*v)).sum();
    let seats_wide = u128::from(seats);
    // round(total / seats), half up.
    let quota = (2 * total + seats_wide) / (2 * seats_wide);
    let Ok(quota) = u64::try_from(quota) else { return Err(MultiError::NoVotes) };
    if quota == 0 {
        return Err(MultiError::NoVotes);
    }
    let mut district_seats: Vec<u32> = Vec::with_capacity(votes.len());
    let mut remainders = Vec::with_capacity(votes.len());
    for vote in votes {
        district_seats.push(u32::try_from(vote / quota).unwrap_or(u32::MAX));
        remainders.push(vote % quota);
    }
    let given: u64 = district_seats.iter().map(|s| u64::from(*s)).sum();
    if given > u64::from(seats) {
        return Err(MultiError::TooManyWholeSeats { given, seats });
    }
    let left = u32::try_from(u64::from(seats) - given).unwrap_or(u32::MAX);
    let mut order: Vec<usize> = (0..votes.len()).collect();
    order.sort_by(|a, b| remainders[*b].cmp(&remainders[*a]).then(a.cmp(b)));
    let cut = left as usize;
    if cut > 0 && cut < order.len() && remainders[order[cut - 1]] == remainders[order[cut]] {
        let tied = remainders[order[cut]];
        let districts: Vec<usize> = order.iter().copied().filter(|d| remainders[*d] == tied).collect();
        let above = order[..cut].iter().filter(|d| remainders[**d] > tied).count();
        return Err(MultiError::TieAtCut { districts, seats: left - u32::try_from(above).unwrap_or(0) });
    }
    let remainder_order: Vec<usize> = order.into_iter().take(cut).collect();
    for district in &remainder_order {
        district_seats[*district] += 1;
    }
    Ok(DistrictQuotaSeats { quota, seats: district_seats, remainders, remainder_order })
}

/// A national threshold, then each district's seats among the parties that passed it.
#[derive(Debug, Clone, Serialize)]
pub struct NationalThenDistricts {
    /// Each party's votes over all districts.
    pub national_votes: Vec<u64>,
    /// The threshold base in votes: all valid votes (serialised as a string).
    #[serde(serialize_with = "crate::exact::serialize_as_string")]
    pub base_votes: u128,
    /// The fewest national votes that reached the threshold (serialised as a string).
    #[serde(serialize_with = "crate::exact::serialize_as_string")]
    pub threshold_votes: u128,
    /// Parties that reached the national threshold, in input order.
    pub qualified: Vec<usize>,
    /// One allocation per district over the qualified parties (list `k` is `qualified[k]`).
    pub districts: Vec<Allocation>,
    /// Seats per party over all districts, in input order.
    pub seats: Vec<u32>,
    /// Every tie met in the districts, with its lists as party indices (input order).
    pub ties: Vec<DistrictTie>,
}

/// A tie met in one district's allocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DistrictTie {
    pub district: usize,
    /// The tie, its lists numbered as parties (input order), not as the district's lists.
    pub tie: Tie,
}

/// The national threshold of [`national_threshold_with_base`]: who takes part in every district.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NationalThreshold {
    /// A share of `valid_votes`, a number of votes, or none (every party takes part).
    pub threshold: Threshold,
    /// The base of a share: all valid votes, when more than the parties' votes in the matrix
    /// (independents, lists left out); `None` is the sum of the matrix.
    pub valid_votes: Option<u64>,
}

/// Parties reaching `threshold` of all votes (`votes[district][party]`, summed) take part;
/// each district's `district_seats` are allocated among them under `rules` (its own threshold
/// is not applied again).
pub fn national_threshold_then_districts(
    votes: &[Vec<u64>],
    district_seats: &[u32],
    threshold: Percentage,
    rules: &Rules,
) -> Result<NationalThenDistricts, MultiError> {
    let national = NationalThreshold { threshold: Threshold::Percent(threshold), valid_votes: None };
    national_threshold_with_base(votes, district_seats, national, rules)
}

/// As [`national_threshold_then_districts`], with any threshold and base. A district's error
/// (a tie under the `error` policy, a district without seats) is [`MultiError::InDistrict`],
/// its tie's lists numbered as parties.
pub fn national_threshold_with_base(
    votes: &[Vec<u64>],
    district_seats: &[u32],
    national: NationalThreshold,
    rules: &Rules,
) -> Result<NationalThenDistricts, MultiError> {
    if votes.len() != district_seats.len() {
        return Err(MultiError::Lengths { what: "district seats", found: district_seats.len(), expected: votes.len() });
    }
    let parties = votes.first().map_or(0, Vec::len);
    if let Some(row) = votes.iter().find(|row| row.len() != parties) {
        return Err(MultiError::Lengths { what: "a district's votes", found: row.len(), expected: parties });
    }
    let national_sums: Vec<u128> = (0..parties).map(|p| votes.iter().map(|row| u128::from(row[p])).sum()).collect();
    let total: u128 = national_sums.iter().sum();
    if total == 0 {
        return Err(MultiError::NoVotes);
    }
    let base = match national.valid_votes {
        None => total,
        Some(valid) if u128::from(valid) < total => {
            return Err(MultiError::BaseBelowVotes { base: valid, votes: total });
        }
        Some(valid) => u128::from(valid),
    };
    let mut national_votes = Vec::with_capacity(parties);
    for (party, votes) in national_sums.iter().enumerate() {
        let fits = u64::try_from(*votes).map_err(|_| MultiError::PartyVotesTooLarge { party, votes: *votes })?;
        national_votes.push(fits);
    }
    let qualified: Vec<usize> = (0..parties).filter(|p| national.threshold.is_met(national_votes[*p], base)).collect();
    if qualified.is_empty() {
        return Err(MultiError::NoPartyPasses);
    }
    let as_parties = |mut tie: Tie| {
        tie.lists = tie.lists.iter().map(|i| qualified[*i]).collect();
        tie.winners = tie.winners.iter().map(|i| qualified[*i]).collect();
        tie.draw = tie.draw.map(|draw| draw.iter().map(|i| qualified[*i]).collect());
        tie
    };
    let district_rules = Rules { threshold: Threshold::None, ..rules.clone() };
    let mut seats = vec![0u32; parties];
    let mut districts = Vec::with_capacity(votes.len());
    let mut ties = Vec::new();
    for (district, (row, district_total)) in votes.iter().zip(district_seats).enumerate() {
        let tally = Tally::new(qualified.iter().map(|p| row[*p]).collect());
        let allocation = match crate::allocate(&tally, *district_total, &district_rules) {
            Ok(allocation) => allocation,
            Err(AllocError::UnresolvedTie(tie)) => {
                let error = AllocError::UnresolvedTie(Box::new(as_parties(*tie)));
                return Err(MultiError::InDistrict { district, error });
            }
            Err(error) => return Err(MultiError::InDistrict { district, error }),
        };
        for (position, party) in qualified.iter().enumerate() {
            seats[*party] += allocation.lists[position].seats;
        }
        ties.extend(allocation.ties.iter().cloned().map(|tie| DistrictTie { district, tie: as_parties(tie) }));
        districts.push(allocation);
    }
    let threshold_votes = national.threshold.votes_needed(base);
    Ok(NationalThenDistricts { national_votes, base_votes: base, threshold_votes, qualified, districts, seats, ties })
}

/// What happens when a party wins more constituency seats than its proportional share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OverhangRule {
    /// It keeps them as overhang seats and the house grows by as many; the other parties keep
    /// their proportional share (New Zealand, Electoral Act 1993).
    KeptHouseEnlarged,
    /// The house grows until every party's proportional share covers its constituency seats;
    /// the seats added are balance seats (Germany 2013–2021, here at the national level only:
    /// the federal law also apportioned within the Länder).
    Balanced,
    /// It keeps them and drops out; the others share the remaining seats in proportion,
    /// repeated until no party has more constituency seats than its share (Denmark,
    /// folketingsvalgloven § 77(4)).
    KeptOthersShareRest,
}

/// One party of a mixed-member result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MixedParty {
    pub votes: u64,
    pub qualified: bool,
    pub constituency_seats: u32,
    /// Its proportional share of the original house (qualified parties; 0 otherwise).
    pub entitlement: u32,
    /// Seats beyond the entitlement kept because constituency seats exceeded it.
    pub overhang: u32,
    /// Seats added to its share by enlarging the house (the balanced rule).
    pub balance: u32,
    /// Seats from the list (compensatory seats): total − constituency seats.
    pub list_seats: u32,
    pub total: u32,
}

/// The result of a mixed-member allocation.
#[derive(Debug, Clone, Serialize)]
pub struct MixedResult {
    pub rule: OverhangRule,
    /// The house as it came out (larger than asked with overhang or balance seats).
    pub house_size: u32,
    pub parties: Vec<MixedParty>,
    /// Every tie met in the proportional allocations (list indices are party indices).
    pub ties: Vec<Tie>,
    /// The balanced rule: ties met at smaller house sizes tried on the way to the answer
    /// (house size, tie), settled by registration order for the search; they matter only if
    /// the tied party's seat decided whether that house was large enough.
    pub search_ties: Vec<(u32, Tie)>,
}

/// Compensates constituency seats with list seats. `qualified[p]` says whether party `p` takes
/// part in the proportional allocation (its threshold, decided by the caller's law); a party
/// that does not keeps its constituency seats, which the house sets aside first. The
/// proportional shares use `method`; ties are settled by `tie_policy` and recorded.
pub fn mixed_member(
    list_votes: &[u64],
    constituency_seats: &[u32],
    qualified: &[bool],
    house: u32,
    method: &Method,
    rule: OverhangRule,
    tie_policy: TiePolicy,
) -> Result<MixedResult, MultiError> {
    let parties = list_votes.len();
    for (what, found) in [("constituency seats", constituency_seats.len()), ("qualified", qualified.len())] {
        if found != parties {
            return Err(MultiError::Lengths { what, found, expected: parties });
        }
    }
    if house == 0 {
        return Err(MultiError::NoSeats);
    }
    let members: Vec<usize> = (0..parties).filter(|p| qualified[*p]).collect();
    if members.is_empty() {
        return Err(MultiError::NoPartyPasses);
    }
    let set_aside: u32 = (0..parties).filter(|p| !qualified[*p]).map(|p| constituency_seats[p]).sum();
    let rules = Rules { method: method.clone(), threshold: Threshold::None, tie_policy, ..Rules::default() };
    let mut ties = Vec::new();
    // The proportional seats of `group` out of `seats`, with the ties met (party indices).
    let share = |group: &[usize], seats: u32| -> Result<(Vec<u32>, Vec<Tie>), MultiError> {
        if seats == 0 {
            return Ok((vec![0; group.len()], Vec::new()));
        }
        let tally = Tally::new(group.iter().map(|p| list_votes[*p]).collect());
        let allocation = crate::allocate(&tally, seats, &rules)?;
        let mapped = allocation
            .ties
            .iter()
            .cloned()
            .map(|mut tie| {
                tie.lists = tie.lists.iter().map(|i| group[*i]).collect();
                tie.winners = tie.winners.iter().map(|i| group[*i]).collect();
                tie.draw = tie.draw.map(|draw| draw.iter().map(|i| group[*i]).collect());
                tie
            })
            .collect();
        Ok((allocation.seats(), mapped))
    };
    let registration_rules = Rules { tie_policy: TiePolicy::Registration, ..rules.clone() };
    let share_by_registration = |group: &[usize], seats: u32| -> Result<(Vec<u32>, Vec<Tie>), MultiError> {
        let tally = Tally::new(group.iter().map(|p| list_votes[*p]).collect());
        let allocation = crate::allocate(&tally, seats, &registration_rules)?;
        Ok((allocation.seats(), Vec::new()))
    };
    let mut search_ties: Vec<(u32, Tie)> = Vec::new();
    let base = house.saturating_sub(set_aside);
    let (entitlement, entitlement_ties) = share(&members, base)?;
    let mut result: Vec<MixedParty> = (0..parties)
        .map(|p| MixedParty {
            votes: list_votes[p],
            qualified: qualified[p],
            constituency_seats: constituency_seats[p],
            entitlement: 0,
            overhang: 0,
            balance: 0,
            list_seats: 0,
            total: constituency_seats[p],
        })
        .collect();
    for (position, party) in members.iter().enumerate() {
        result[*party].entitlement = entitlement[position];
    }
    match rule {
        OverhangRule::KeptHouseEnlarged => {
            ties.extend(entitlement_ties);
            for party in &members {
                let figures = &mut result[*party];
                figures.total = figures.entitlement.max(figures.constituency_seats);
                figures.overhang = figures.constituency_seats.saturating_sub(figures.entitlement);
            }
        }
        OverhangRule::Balanced => {
            let covers = |seats: &[u32]| members.iter().zip(seats).all(|(p, s)| *s >= constituency_seats[*p]);
            let (size, (seats, final_ties)) = if covers(&entitlement) {
                (base, (entitlement.clone(), entitlement_ties))
            } else {
                smallest_covering_house(base, method, |size| {
                    let found = match share(&members, size) {
                        Err(MultiError::Alloc(AllocError::UnresolvedTie(tie))) => {
                            // A tie at a house size tried on the way: settled by registration
                            // for the search only, and recorded.
                            search_ties.push((size, *tie));
                            share_by_registration(&members, size)?
                        }
                        other => other?,
                    };
                    Ok(covers(&found.0).then_some(found))
                })?
            };
            ties.extend(final_ties);
            for (position, party) in members.iter().enumerate() {
                let figures = &mut result[*party];
                figures.total = seats[position];
                figures.balance = seats[position].saturating_sub(figures.entitlement);
            }
            let _ = size;
        }
        OverhangRule::KeptOthersShareRest => {
            let mut sharing = members.clone();
            let mut pool = base;
            let mut round_ties = entitlement_ties;
            let mut seats = entitlement.clone();
            loop {
                let over: Vec<usize> = sharing
                    .iter()
                    .zip(&seats)
                    .filter(|(p, s)| constituency_seats[**p] > **s)
                    .map(|(p, _)| *p)
                    .collect();
                if over.is_empty() {
                    for (position, party) in sharing.iter().enumerate() {
                        result[*party].total = seats[position];
                    }
                    ties.extend(round_ties);
                    break;
                }
                for party in &over {
                    result[*party].total = constituency_seats[*party];
                    result[*party].overhang = constituency_seats[*party].saturating_sub(result[*party].entitlement);
                    pool = pool.saturating_sub(constituency_seats[*party]);
                }
                sharing.retain(|p| !over.contains(p));
                if sharing.is_empty() {
                    break;
                }
                (seats, round_ties) = share(&sharing, pool)?;
            }
        }
    }
    for figures in &mut result {
        figures.list_seats = figures.total.saturating_sub(figures.constituency_seats);
    }
    let house_size = result.iter().map(|p| p.total).sum();
    Ok(MixedResult { rule, house_size, parties: result, ties, search_ties })
}

/// The largest house the balanced rule will try.
pub const BALANCE_LIMIT: u32 = 1_000_000;

/// The smallest house from `base` up whose allocation `fits` (returns `Some`): doubling then
/// bisection for divisor methods (their seats never fall as the house grows), one seat at a
/// time for largest-remainder methods (which can lose a seat as the house grows, the Alabama
/// paradox); an error past [`BALANCE_LIMIT`].
#[allow(clippy::type_complexity)]
fn smallest_covering_house<T>(
    base: u32,
    method: &Method,
    mut fits: impl FnMut(u32) -> Result<Option<T>, MultiError>,
) -> Result<(u32, T), MultiError> {
    let limit = MultiError::NoBalance { limit: BALANCE_LIMIT };
    if let Method::LargestRemainder(_) = method {
        for size in base.saturating_add(1)..=BALANCE_LIMIT {
            if let Some(found) = fits(size)? {
                return Ok((size, found));
            }
        }
        return Err(limit);
    }
    // `low` never fits; find a `high` that does.
    let mut low = base;
    let mut high = base.max(1).saturating_mul(2);
    let mut found = loop {
        if high > BALANCE_LIMIT {
            return Err(limit);
        }
        if let Some(found) = fits(high)? {
            break found;
        }
        low = high;
        high = high.saturating_mul(2);
    };
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        match fits(middle)? {
            Some(smaller) => {
                high = middle;
                found = smaller;
            }
            None => low = middle,
        }
    }
    Ok((high, found))
}

/// Denmark's Folketing (folketingsvalgloven § 77): the 175 seats of Denmark proper go to the
/// parties in proportion to their national votes by the largest-remainder (Hare) method; a
/// party takes part with at least 2 % of the valid votes or a constituency seat (the law's
/// third way in, enough votes in two of the three regions, is not modelled: mark such a party
/// in `also_qualified`); a party with more constituency seats than its share keeps them and
/// the others share the rest (§ 77(4)); each party's compensatory seats are its total minus
/// its constituency seats. `valid_votes` is the base of the 2 % (all valid votes, independents
/// included).
pub fn denmark_folketing(
    votes: &[u64],
    constituency_seats: &[u32],
    also_qualified: &[bool],
    valid_votes: u64,
    tie_policy: TiePolicy,
) -> Result<MixedResult, MultiError> {
    if also_qualified.len() != votes.len() || constituency_seats.len() != votes.len() {
        return Err(MultiError::Lengths {
            what: "constituency seats or qualifications",
            found: constituency_seats.len().min(also_qualified.len()),
            expected: votes.len(),
        });
    }
    let qualified: Vec<bool> = votes
        .iter()
        .zip(constituency_seats)
        .zip(also_qualified)
        .map(|((v, c), also)| *also || *c > 0 || u128::from(*v) * 50 >= u128::from(valid_votes))
        .collect();
    mixed_member(
        votes,
        constituency_seats,
        &qualified,
        DENMARK_SEATS,
        &Method::LargestRemainder(Quota::Hare),
        OverhangRule::KeptOthersShareRest,
        tie_policy,
    )
}

/// The seats of the Folketing elected in Denmark proper (135 constituency, 40 compensatory).
pub const DENMARK_SEATS: u32 = 175;
