//! What each rule profile (the core's [`Preset`]) says about an election beyond its allocation
//! rules, stated once: the electoral system it governed and whether "against all" was on the
//! ballot. The thresholds, their base, the quota, the runner-up rule and the tie policy are the
//! core's [`Preset::rules`].

use maslihat_apportion::Preset;

use crate::body::ElectoralSystem;

/// The facts of a rule profile that the model, the loader and the tools share.
pub trait ProfileFacts: Copy {
    /// The electoral system of the elections the profile governed: all seats by party list
    /// (2021), or half by list and half in single-member districts (2023).
    fn system(self) -> ElectoralSystem;

    /// Whether "against all" was on the ballot (from 2023); its votes then count in the
    /// threshold base.
    fn against_all_on_ballot(self) -> bool;
}

impl ProfileFacts for Preset {
    fn system(self) -> ElectoralSystem {
        match self {
            Preset::Kz2021 | Preset::Sk2023 | Preset::Nl2023 | Preset::NlCouncil2022 => ElectoralSystem::PartyList,
            // Germany: constituency seats within the party's proportional share.
            Preset::Kz2023 | Preset::De2025 => ElectoralSystem::Mixed,
        }
    }

    fn against_all_on_ballot(self) -> bool {
        match self {
            Preset::Kz2023 => true,
            Preset::Kz2021 | Preset::Sk2023 | Preset::Nl2023 | Preset::NlCouncil2022 | Preset::De2025 => false,
        }
    }
}
