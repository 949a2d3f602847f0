//! The method options shared by `allocate`, `batch` and the analysis commands.

use std::num::{NonZeroU32, NonZeroUsize};

use clap::Args;
use maslihat_apportion::{
    Method, Percentage, Preset, QuotaRounding, Rules, RunnerUp, Threshold, ThresholdBase, TiePolicy,
};

/// How seats are allocated. Without `--rules`, the defaults are: hare, no threshold, base
/// valid, ties to the list registered earlier, no runner-up rule. With `--rules`, the preset's
/// values apply and any option given explicitly overrides them.
#[derive(Debug, Clone, Args)]
pub struct MethodArgs {
    /// Apportionment method: hare, droop, hagenbach-bischoff (exact-droop), imperiali-quota,
    /// dhondt, sainte-lague, modified-sainte-lague, danish, imperiali, adams, dean,
    /// huntington-hill, custom:D1,D2,... (a divisor sequence; past its end it goes on by the step
    /// between its last two divisors), stationary:Q (divisors s+Q, Q from 0 to 1) or power-mean:P
    /// (divisors ((s^P+(s+1)^P)/2)^(1/P), P a whole number from -8 to 8, inf or -inf)
    /// [default: hare]
    #[arg(long, value_name = "NAME")]
    pub method: Option<Method>,
    /// Threshold: a percentage such as 7% or 5.5% (exact: 5.5% is 55/1000), a number of votes
    /// such as "1000 votes", or none; a bare number is refused (7% or 7 votes?). A list exactly
    /// at the threshold passes [default: none]
    #[arg(long, value_name = "T")]
    pub threshold: Option<Threshold>,
    /// What the threshold is a share of: valid (list votes + against all), lists (list votes
    /// only) or cast (valid + invalid) [default: valid]
    #[arg(long, value_name = "BASE")]
    pub threshold_base: Option<ThresholdBase>,
    /// Tie policy: error (stop, exit 3), registration (the list registered earlier, i.e. the
    /// earlier row, wins), votes (more votes, then registration), lot:SEED (a reproducible
    /// seeded lot, recorded in the output). Every tie is reported whatever the policy
    /// [default: registration]
    #[arg(long, value_name = "POLICY")]
    pub tie_break: Option<TiePolicy>,
    /// Rule preset: kz-2021 (Hare over qualifying lists, 7 % of valid ballots, runner-up rule
    /// admit-min-two, ties to registration), kz-2023 (the same with 5 %), sk-2023 (Slovakia),
    /// nl-2023 (the Netherlands), nl-council-2022 (Dutch councils under 19 seats) or de-2025
    /// (Germany's upper apportionment); see docs/presets.md
    #[arg(long, value_name = "PRESET")]
    pub rules: Option<Preset>,
    /// When only one list passes: admit (a: admit the runner-up), admit-min-two (b: ... and
    /// give it at least two seats; the presets' default) or coefficient (c: ... with its votes
    /// weighted 0.7), or none
    #[arg(long, value_name = "READING")]
    pub runner_up: Option<RunnerUpChoice>,
    /// Every list ends with at least N seats (a minimum restriction, e.g. 1 per US state); a
    /// list's own `min` column adds to it (the larger applies) [default: 0]
    #[arg(long, value_name = "N", value_parser = parse_seat_count)]
    pub min_seats: Option<u32>,
    /// No list ends with more than N seats (a maximum restriction, e.g. 96 per member state);
    /// a list's own `max` column (its candidates) adds to it (the smaller applies), or none
    /// [default: none]
    #[arg(long, value_name = "N")]
    pub max_seats: Option<MaxSeats>,
    /// Every list holds N seats before the proportional allocation, which shares the rest (base
    /// seats, e.g. 5 in the Cambridge Compromise); a list's own `base` column adds to them
    /// [default: 0]
    #[arg(long, value_name = "N", value_parser = parse_seat_count)]
    pub base_seats: Option<u32>,
    /// How a largest-remainder quota is rounded: exact (the fraction), down, up or nearest (a
    /// half up; Slovakia) [default: exact]
    #[arg(long, value_name = "ROUNDING")]
    pub quota_rounding: Option<QuotaRounding>,
    /// Largest remainder: a remainder seat only for a list whose votes reach this share of the
    /// quota, one each, the seats still left by highest averages (Kieswet P 8: 75%), or none
    /// [default: none]
    #[arg(long, value_name = "SHARE", value_parser = parse_remainder_threshold)]
    pub remainder_threshold: Option<RemainderThreshold>,
    /// on: a list with more than half of the list votes and no more than half of the seats gets
    /// one more, from the list that won the last seat by remainder or average (Kieswet P 9);
    /// off [default: off]
    #[arg(long, value_name = "on|off", value_parser = parse_on_off)]
    pub majority_clause: Option<bool>,
}

/// `--max-seats`: a whole number of seats, or none.
#[derive(Debug, Clone, Copy)]
pub struct MaxSeats(pub Option<u32>);

impl std::str::FromStr for MaxSeats {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        if text.trim().eq_ignore_ascii_case("none") {
            return Ok(MaxSeats(None));
        }
        parse_seat_count(text).map(|n| MaxSeats(Some(n)))
    }
}

/// `--remainder-threshold`: a share of the quota, or none.
#[derive(Debug, Clone, Copy)]
pub struct RemainderThreshold(pub Option<Percentage>);

/// A whole number of seats, 0 or more.
fn parse_seat_count(text: &str) -> Result<u32, String> {
    text.trim()
        .parse::<u32>()
        .map_err(|_| format!("expected a whole number of seats from 0 to {}, found {text:?}", u32::MAX))
}

fn parse_remainder_threshold(text: &str) -> Result<RemainderThreshold, String> {
    match text.parse::<Threshold>() {
        Ok(Threshold::None) => Ok(RemainderThreshold(None)),
        Ok(Threshold::Percent(share)) => Ok(RemainderThreshold(Some(share))),
        _ => Err(format!("expected a share of the quota such as 75%, or none, found {text:?}")),
    }
}

fn parse_on_off(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "on" | "yes" | "true" => Ok(true),
        "off" | "no" | "false" => Ok(false),
        _ => Err(format!("expected on or off, found {text:?}")),
    }
}

impl MethodArgs {
    /// The rules: the preset (or the plain defaults) with explicit options on top.
    pub fn rules(&self) -> Rules {
        self.rules_over(None)
    }

    /// As [`MethodArgs::rules`], starting from `base` (an election's own rules) unless a
    /// preset is given.
    pub fn rules_over(&self, base: Option<Rules>) -> Rules {
        let mut rules = match (self.rules, base) {
            (Some(preset), _) => preset.rules(),
            (None, Some(base)) => base,
            (None, None) => Rules::default(),
        };
        if let Some(method) = &self.method {
            rules.method = method.clone();
        }
        if let Some(threshold) = self.threshold {
            rules.threshold = threshold;
        }
        if let Some(base) = self.threshold_base {
            rules.threshold_base = base;
        }
        if let Some(policy) = self.tie_break {
            rules.tie_policy = policy;
        }
        if let Some(RunnerUpChoice(reading)) = self.runner_up {
            rules.runner_up = reading;
        }
        if let Some(min) = self.min_seats {
            rules.seat_limits.min = min;
        }
        if let Some(MaxSeats(max)) = self.max_seats {
            rules.seat_limits.max = max;
        }
        if let Some(base) = self.base_seats {
            rules.seat_limits.base = base;
        }
        if let Some(rounding) = self.quota_rounding {
            rules.quota_rounding = rounding;
        }
        if let Some(RemainderThreshold(share)) = self.remainder_threshold {
            rules.remainder_threshold = share;
        }
        if let Some(on) = self.majority_clause {
            rules.majority_clause = on;
        }
        rules
    }
}

/// The ballots that are never lists.
#[derive(Debug, Clone, Copy, Args)]
pub struct BallotArgs {
    /// "Against all" votes: they count in the valid-ballot threshold base, never win a seat.
    #[arg(long, value_name = "N", default_value_t = 0, value_parser = parse_count, allow_hyphen_values = true)]
    pub against_all: u64,
    /// Invalid ballots: they count only in the `cast` threshold base.
    #[arg(long, value_name = "N", default_value_t = 0, value_parser = parse_count, allow_hyphen_values = true)]
    pub invalid: u64,
}

/// `--seats`: a whole number from 1 to 4294967295.
pub fn parse_seats(text: &str) -> Result<NonZeroU32, String> {
    text.trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| u32::try_from(n).ok())
        .and_then(NonZeroU32::new)
        .ok_or_else(|| format!("expected a whole number of seats from 1 to {}, found {text:?}", u32::MAX))
}

/// `--jobs`: a whole number of threads from 1.
pub fn parse_jobs(text: &str) -> Result<NonZeroUsize, String> {
    text.trim()
        .parse::<usize>()
        .ok()
        .and_then(NonZeroUsize::new)
        .ok_or_else(|| format!("expected a whole number of threads, 1 or more, found {text:?}"))
}

/// A count of ballots (`--against-all`, `--invalid`): a whole number of zero or more.
pub fn parse_count(text: &str) -> Result<u64, String> {
    maslihat_ingest::vote_table::parse_whole(text.trim())
        .ok_or_else(|| format!("expected a whole number of ballots, 0 or more (no sign or separator), found {text:?}"))
}

/// A runner-up reading, or none.
#[derive(Debug, Clone, Copy)]
pub struct RunnerUpChoice(pub Option<RunnerUp>);

impl std::str::FromStr for RunnerUpChoice {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        if text.trim().eq_ignore_ascii_case("none") {
            return Ok(RunnerUpChoice(None));
        }
        text.parse().map(|r| RunnerUpChoice(Some(r))).map_err(|_: maslihat_apportion::ParseError| {
            format!(
                "expected a runner-up reading: admit (a), admit-min-two (b), coefficient (c) or none, found {text:?}"
            )
        })
    }
}
