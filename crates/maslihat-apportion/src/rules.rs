//! A complete rule set for one allocation, and Kazakhstan's rules as named presets.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::method::{Divisor, Method, Quota};
use crate::parse::ParseError;
use crate::threshold::{Percentage, Threshold, ThresholdBase};
use crate::tie::TiePolicy;

/// Everything that decides an allocation besides the votes and the house size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rules {
    pub method: Method,
    pub threshold: Threshold,
    pub threshold_base: ThresholdBase,
    pub tie_policy: TiePolicy,
    /// What happens when only one list reaches the threshold; `None` for no such rule.
    pub runner_up: Option<RunnerUp>,
    /// Seat restrictions and base seats for every list (a list's own, from the tally, add to
    /// them: the larger minimum, the smaller maximum, the sum of base seats).
    pub seat_limits: SeatLimits,
    /// How a largest-remainder quota is rounded (the exact fraction by default).
    pub quota_rounding: QuotaRounding,
    /// Largest remainder: a list gets a remainder seat only if its votes reach this share of
    /// the quota; each such list gets at most one, and seats still left go by highest averages
    /// (D'Hondt), at most one more per list in a round (Kieswet P 8, Dutch councils under 19
    /// seats: 75 %). `None`: the usual remainder seats.
    pub remainder_threshold: Option<Percentage>,
    /// A list with more than half of all list votes that gets no more than half of the seats
    /// gets one more, taken from the list that won the last seat by remainder or average
    /// (Kieswet P 9).
    pub majority_clause: bool,
}

impl Default for Rules {
    /// Hare, no threshold, ties to the list registered earlier, no runner-up rule.
    fn default() -> Rules {
        Rules {
            method: Method::LargestRemainder(Quota::Hare),
            threshold: Threshold::None,
            threshold_base: ThresholdBase::Valid,
            tie_policy: TiePolicy::Registration,
            runner_up: None,
            seat_limits: SeatLimits::NONE,
            quota_rounding: QuotaRounding::Exact,
            remainder_threshold: None,
            majority_clause: false,
        }
    }
}

impl Rules {
    /// Whether the rules use anything beyond the method, the threshold, ties and the runner-up
    /// rule: seat limits, a rounded quota, a remainder threshold or the majority clause.
    pub fn has_refinements(&self) -> bool {
        self.seat_limits != SeatLimits::NONE
            || self.quota_rounding != QuotaRounding::Exact
            || self.remainder_threshold.is_some()
            || self.majority_clause
    }
}

/// Seat restrictions and base seats that apply to every list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SeatLimits {
    /// Every list ends with at least this many seats (e.g. one per US state).
    pub min: u32,
    /// No list ends with more (e.g. 96 per member state in the European Parliament).
    pub max: Option<u32>,
    /// Seats every list holds before the proportional allocation (e.g. the Cambridge
    /// Compromise's five per member state).
    pub base: u32,
}

impl SeatLimits {
    /// No restriction and no base seats.
    pub const NONE: SeatLimits = SeatLimits { min: 0, max: None, base: 0 };
}

impl Default for SeatLimits {
    fn default() -> SeatLimits {
        SeatLimits::NONE
    }
}

/// How a largest-remainder quota is rounded to a whole number of votes, as some laws prescribe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuotaRounding {
    /// The exact fraction (the default).
    #[default]
    Exact,
    /// Down to a whole number.
    Down,
    /// Up to a whole number.
    Up,
    /// To the nearest whole number, a half up (Slovakia's republic electoral number).
    Nearest,
}

impl QuotaRounding {
    /// The command-line name.
    pub fn name(self) -> &'static str {
        match self {
            QuotaRounding::Exact => "exact",
            QuotaRounding::Down => "down",
            QuotaRounding::Up => "up",
            QuotaRounding::Nearest => "nearest",
        }
    }

    /// `num / den` rounded as `self` says, as `(numerator, denominator)`.
    pub(crate) fn apply(self, num: u128, den: u128) -> (u128, u128) {
        if self == QuotaRounding::Exact {
            return (num, den);
        }
        let (whole, rest) = (num / den, num % den);
        match self {
            QuotaRounding::Exact => (num, den),
            QuotaRounding::Down => (whole, 1),
            QuotaRounding::Up => (whole + u128::from(rest > 0), 1),
            QuotaRounding::Nearest => (whole + u128::from(rest >= den - rest && rest > 0), 1),
        }
    }
}

impl fmt::Display for QuotaRounding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for QuotaRounding {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<QuotaRounding, ParseError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "exact" => Ok(QuotaRounding::Exact),
            "down" => Ok(QuotaRounding::Down),
            "up" => Ok(QuotaRounding::Up),
            "nearest" => Ok(QuotaRounding::Nearest),
            _ => Err(ParseError::new(text, "a quota rounding: exact, down, up or nearest")
                .suggesting(["exact", "down", "up", "nearest"])),
        }
    }
}

/// The three readings of Kazakhstan's "only one list passes" rule (docs/rules.md, "only one list passes").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RunnerUp {
    /// (a) Admit the list with the next-largest vote and allocate between the two.
    Admit,
    /// (b) As (a), but the runner-up gets at least two seats (never all of them: the leading
    /// list keeps at least one). The documented default.
    AdmitMinTwo,
    /// (c) As (a), with the runner-up's votes multiplied by a correction coefficient of 0.7
    /// when quotients are computed.
    Coefficient,
}

impl RunnerUp {
    /// The command-line name.
    pub fn name(self) -> &'static str {
        match self {
            RunnerUp::Admit => "admit",
            RunnerUp::AdmitMinTwo => "admit-min-two",
            RunnerUp::Coefficient => "coefficient",
        }
    }

    /// A sentence saying what the reading does.
    pub fn describe(self) -> &'static str {
        match self {
            RunnerUp::Admit => "reading (a): the runner-up is admitted and seats are shared between the two lists",
            RunnerUp::AdmitMinTwo => {
                "reading (b): the runner-up is admitted and gets at least two seats (the leader keeps at least one)"
            }
            RunnerUp::Coefficient => {
                "reading (c): the runner-up is admitted with a correction coefficient of 0.7 on its votes"
            }
        }
    }
}

impl fmt::Display for RunnerUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for RunnerUp {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<RunnerUp, ParseError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "admit" | "a" => Ok(RunnerUp::Admit),
            "admit-min-two" | "b" => Ok(RunnerUp::AdmitMinTwo),
            "coefficient" | "c" => Ok(RunnerUp::Coefficient),
            _ => Err(ParseError::new(text, "a runner-up reading: admit (a), admit-min-two (b) or coefficient (c)")
                .suggesting(["admit", "admit-min-two", "coefficient"])),
        }
    }
}

/// Named rule sets: Kazakhstan's mäslihat rules, and national systems whose published results
/// the tests reproduce (docs/presets.md gives each one's law and source).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Preset {
    /// 10 January 2021: Hare over qualifying lists, 7 % of valid ballots, runner-up rule,
    /// ties to the list registered earlier.
    Kz2021,
    /// 19 March 2023 (list seats): the same with 5 %; "against all" counts in the base.
    Kz2023,
    /// Slovakia, National Council (Act 180/2014, as in 2023): 150 seats, 5 % of valid votes
    /// for a party, the Hagenbach-Bischoff quota rounded to a whole number, largest remainders,
    /// equal remainders to the list with more votes.
    Sk2023,
    /// The Netherlands, House of Representatives (Kieswet P 5–P 9, as in 2023): 150 seats,
    /// D'Hondt among the lists that reach one quota (1/150 of the votes), the majority clause;
    /// the law settles ties by lot, so a tie is reported (`--tie-break lot:SEED` draws one).
    Nl2023,
    /// The Netherlands, municipal councils under 19 seats (Kieswet P 6–P 9, as in 2022): Hare
    /// quota, one remainder seat per list to lists reaching 75 % of the quota, the rest by
    /// highest averages, the majority clause.
    NlCouncil2022,
    /// Germany, Bundestag, the upper apportionment (BWahlG § 4, as in 2025): 630 seats by
    /// Sainte-Laguë/Schepers among parties with 5 % of the valid second votes; parties exempt
    /// from the threshold (national minorities, three constituency seats) are marked in the
    /// vote table's `exempt` column.
    De2025,
}

/// Every preset, in the order `--help` lists them.
const PRESETS: [Preset; 6] =
    [Preset::Kz2021, Preset::Kz2023, Preset::Sk2023, Preset::Nl2023, Preset::NlCouncil2022, Preset::De2025];

impl Preset {
    /// Every preset.
    pub fn all() -> &'static [Preset] {
        &PRESETS
    }

    /// The preset's rules.
    pub fn rules(self) -> Rules {
        let base = Rules::default();
        match self {
            Preset::Kz2021 | Preset::Kz2023 => Rules {
                method: Method::LargestRemainder(Quota::Hare),
                threshold: Threshold::Percent(Percentage::whole(if self == Preset::Kz2021 { 7 } else { 5 })),
                threshold_base: ThresholdBase::Valid,
                tie_policy: TiePolicy::Registration,
                runner_up: Some(RunnerUp::AdmitMinTwo),
                ..base
            },
            Preset::Sk2023 => Rules {
                method: Method::LargestRemainder(Quota::HagenbachBischoff),
                threshold: Threshold::Percent(Percentage::whole(5)),
                threshold_base: ThresholdBase::Valid,
                tie_policy: TiePolicy::Votes,
                quota_rounding: QuotaRounding::Nearest,
                ..base
            },
            Preset::Nl2023 => Rules {
                method: Method::Divisor(Divisor::DHondt),
                threshold: Threshold::Percent(Percentage::ONE_HUNDRED_FIFTIETH),
                threshold_base: ThresholdBase::Valid,
                tie_policy: TiePolicy::Error,
                majority_clause: true,
                ..base
            },
            Preset::NlCouncil2022 => Rules {
                method: Method::LargestRemainder(Quota::Hare),
                tie_policy: TiePolicy::Error,
                remainder_threshold: Some(Percentage::whole(75)),
                majority_clause: true,
                ..base
            },
            Preset::De2025 => Rules {
                method: Method::Divisor(Divisor::SainteLague),
                threshold: Threshold::Percent(Percentage::whole(5)),
                threshold_base: ThresholdBase::Valid,
                tie_policy: TiePolicy::Error,
                ..base
            },
        }
    }

    /// The preset's name, e.g. `kz-2021`.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Kz2021 => "kz-2021",
            Preset::Kz2023 => "kz-2023",
            Preset::Sk2023 => "sk-2023",
            Preset::Nl2023 => "nl-2023",
            Preset::NlCouncil2022 => "nl-council-2022",
            Preset::De2025 => "de-2025",
        }
    }

    /// The house size the law fixes, if it fixes one (a default for `--seats`).
    pub fn house(self) -> Option<u32> {
        match self {
            Preset::Sk2023 | Preset::Nl2023 => Some(150),
            Preset::De2025 => Some(630),
            Preset::Kz2021 | Preset::Kz2023 | Preset::NlCouncil2022 => None,
        }
    }
}

impl fmt::Display for Preset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Preset {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Preset, ParseError> {
        let lower = text.trim().to_ascii_lowercase();
        Preset::all().iter().copied().find(|preset| preset.name() == lower).ok_or_else(|| {
            ParseError::new(text, "a rule preset: kz-2021, kz-2023, sk-2023, nl-2023, nl-council-2022 or de-2025")
                .suggesting(Preset::all().iter().map(|preset| preset.name()))
        })
    }
}
