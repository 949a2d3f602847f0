//! The input of an allocation: votes per list in registration order, and the ballots that are
//! never lists ("against all", invalid).

use serde::Serialize;

use crate::threshold::ThresholdBase;

/// Votes of one election's lists, in registration order, with the ballots that are not lists.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Tally {
    votes: Vec<u64>,
    against_all: u64,
    invalid: u64,
    /// Per list (registration order), or empty when no list has any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    limits: Vec<ListLimits>,
}

/// What one list brings besides its votes: seat restrictions, seats it holds before the
/// proportional allocation, and an exemption from the threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct ListLimits {
    /// The fewest seats the list ends with (a minimum restriction), 0 for none.
    pub min: u32,
    /// The most seats the list can take (a maximum restriction, e.g. its number of candidates:
    /// list exhaustion); `None` for no limit.
    pub max: Option<u32>,
    /// Seats the list holds before the proportional allocation (base seats, a prior
    /// allocation): the method shares the rest and these are added to the list's share.
    pub base: u32,
    /// The threshold does not apply to the list (a national-minority party such as Germany's
    /// SSW, or a party that qualifies otherwise, e.g. by constituency seats).
    pub exempt: bool,
}

impl ListLimits {
    /// Whether the list has no restriction, base seats or exemption.
    pub fn is_none(&self) -> bool {
        *self == ListLimits::default()
    }
}

impl Tally {
    /// A tally of list votes; index 0 is the list registered first.
    pub fn new(votes: Vec<u64>) -> Tally {
        Tally { votes, against_all: 0, invalid: 0, limits: Vec::new() }
    }

    /// Adds each list's limits (same order as the votes; missing ones are no limits). Kept only
    /// when some list has one.
    #[must_use]
    pub fn with_limits(mut self, limits: Vec<ListLimits>) -> Tally {
        self.limits = if limits.iter().all(ListLimits::is_none) { Vec::new() } else { limits };
        self
    }

    /// Each list's limits, or an empty slice when no list has any.
    pub fn limits(&self) -> &[ListLimits] {
        &self.limits
    }

    /// List `list`'s limits (none when not given).
    pub fn list_limits(&self, list: usize) -> ListLimits {
        self.limits.get(list).copied().unwrap_or_default()
    }

    /// Adds "against all" votes: they count in the valid-ballot base and never win a seat.
    #[must_use]
    pub fn with_against_all(mut self, against_all: u64) -> Tally {
        self.against_all = against_all;
        self
    }

    /// Adds invalid ballots: they count only in the ballots-cast base.
    #[must_use]
    pub fn with_invalid(mut self, invalid: u64) -> Tally {
        self.invalid = invalid;
        self
    }

    /// The list votes, to refill a tally in place (for [`crate::Apportioner`] loops).
    pub fn votes_mut(&mut self) -> &mut Vec<u64> {
        &mut self.votes
    }

    pub fn set_against_all(&mut self, against_all: u64) {
        self.against_all = against_all;
    }

    pub fn set_invalid(&mut self, invalid: u64) {
        self.invalid = invalid;
    }

    pub fn votes(&self) -> &[u64] {
        &self.votes
    }

    pub fn against_all(&self) -> u64 {
        self.against_all
    }

    pub fn invalid(&self) -> u64 {
        self.invalid
    }

    /// The sum of all list votes.
    pub fn list_votes(&self) -> u128 {
        self.votes.iter().map(|v| u128::from(*v)).sum()
    }

    /// The threshold base: what shares are measured against.
    pub fn base(&self, base: ThresholdBase) -> u128 {
        let lists = self.list_votes();
        match base {
            ThresholdBase::Lists => lists,
            ThresholdBase::Valid => lists + u128::from(self.against_all),
            ThresholdBase::Cast => lists + u128::from(self.against_all) + u128::from(self.invalid),
        }
    }
}
