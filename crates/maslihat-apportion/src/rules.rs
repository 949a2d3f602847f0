//! A complete rule set for one allocation, and Kazakhstan's rules as named presets.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::method::{Method, Quota};
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

/// Kazakhstan's mäslihat rules as named presets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Preset {
    /// 10 January 2021: Hare over qualifying lists, 7 % of valid ballots, runner-up rule,
    /// ties to the list registered earlier.
    Kz2021,
    /// 19 March 2023 (list seats): the same with 5 %; "against all" counts in the base.
    Kz2023,
}

impl Preset {
    /// The preset's rules.
    pub fn rules(self) -> Rules {
        let threshold = match self {
            Preset::Kz2021 => Threshold::Percent(Percentage::whole(7)),
            Preset::Kz2023 => Threshold::Percent(Percentage::whole(5)),
        };
        Rules {
            method: Method::LargestRemainder(Quota::Hare),
            threshold,
            threshold_base: ThresholdBase::Valid,
            tie_policy: TiePolicy::Registration,
            runner_up: Some(RunnerUp::AdmitMinTwo),
        }
    }

    /// The preset's name, e.g. `kz-2021`.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Kz2021 => "kz-2021",
            Preset::Kz2023 => "kz-2023",
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
        match text.trim().to_ascii_lowercase().as_str() {
            "kz-2021" => Ok(Preset::Kz2021),
            "kz-2023" => Ok(Preset::Kz2023),
            _ => Err(ParseError::new(text, "a rule preset: kz-2021 or kz-2023").suggesting(["kz-2021", "kz-2023"])),
        }
    }
}
