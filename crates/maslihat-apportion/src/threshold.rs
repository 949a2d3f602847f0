//! Electoral thresholds: an exact percentage or a number of votes, over a chosen base.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::error::ValueError;
use crate::exact::{Ratio, cmp_products};
use crate::parse::{ParseError, parse_scaled_decimal};

/// The least support a list needs to take part in the allocation. Reaching it exactly passes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Threshold {
    /// Every list takes part.
    None,
    /// A share of the base: `"7%"` is 7/100 of one hundred per cent, `"5.5%"` is 55/1000.
    Percent(Percentage),
    /// An absolute number of votes.
    Votes { votes: u64 },
}

/// A percentage from 0 % to 100 %, `numerator / denominator` of one hundred per cent; the
/// denominator is never zero. Serialised as `{"numerator": 7, "denominator": 100}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Percentage {
    numerator: u64,
    denominator: u64,
}

impl Percentage {
    /// `numerator / denominator` of 100 %: `Percentage::new(55, 1000)` is 5.5 %. A zero
    /// denominator or a value above 100 % is an error.
    pub const fn new(numerator: u64, denominator: u64) -> Result<Percentage, ValueError> {
        if denominator == 0 {
            return Err(ValueError::ZeroDenominator);
        }
        if numerator > denominator {
            return Err(ValueError::PercentAboveHundred { numerator, denominator });
        }
        Ok(Percentage { numerator, denominator })
    }

    /// One hundred-and-fiftieth: the Dutch quota (kiesdeler) of a 150-seat house as a threshold.
    pub(crate) const ONE_HUNDRED_FIFTIETH: Percentage = Percentage { numerator: 1, denominator: 150 };

    /// `whole` per cent, for the presets' constants (at most 100).
    pub(crate) const fn whole(whole: u64) -> Percentage {
        debug_assert!(whole <= 100, "a percentage above 100");
        Percentage { numerator: whole, denominator: 100 }
    }

    pub const fn numerator(self) -> u64 {
        self.numerator
    }

    /// Never zero.
    pub const fn denominator(self) -> u64 {
        self.denominator
    }

    /// The percentage as a number of per cent, up to 6 decimals, e.g. `"5.5"` for 55/1000.
    pub fn per_cent_text(self) -> String {
        let hundredfold = u128::from(self.numerator) * 100;
        let denominator = u128::from(self.denominator);
        // A whole number of per cent (the usual case) is its digits: what the trimmed decimal
        // gives, without the rounding and trimming.
        if hundredfold % denominator == 0 {
            return (hundredfold / denominator).to_string();
        }
        Ratio::of(hundredfold, denominator).decimal_trimmed()
    }
}

/// What a list's share is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThresholdBase {
    /// Valid ballots: the votes for all lists plus "against all" (the election commissions'
    /// practice, and the default).
    #[default]
    Valid,
    /// The votes for all lists only.
    Lists,
    /// All ballots cast: valid ballots plus invalid ones (the older law text's "voters who
    /// took part").
    Cast,
}

impl ThresholdBase {
    /// The base's name in messages.
    pub fn describe(self) -> &'static str {
        match self {
            ThresholdBase::Valid => "valid ballots",
            ThresholdBase::Lists => "list votes",
            ThresholdBase::Cast => "ballots cast",
        }
    }

    /// The command-line name.
    pub fn name(self) -> &'static str {
        match self {
            ThresholdBase::Valid => "valid",
            ThresholdBase::Lists => "lists",
            ThresholdBase::Cast => "cast",
        }
    }
}

impl FromStr for ThresholdBase {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<ThresholdBase, ParseError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "valid" => Ok(ThresholdBase::Valid),
            "lists" => Ok(ThresholdBase::Lists),
            "cast" => Ok(ThresholdBase::Cast),
            _ => {
                Err(ParseError::new(text, "a threshold base: valid, lists or cast")
                    .suggesting(["valid", "lists", "cast"]))
            }
        }
    }
}

impl Threshold {
    /// A percentage threshold given in whole per cent, e.g. `Threshold::percent(7)`.
    /// Whole per cent above 100 are an error.
    pub const fn percent(whole_percent: u64) -> Result<Threshold, ValueError> {
        match Percentage::new(whole_percent, 100) {
            Ok(percentage) => Ok(Threshold::Percent(percentage)),
            Err(err) => Err(err),
        }
    }

    /// Whether `votes` reach the threshold over `base` (compared exactly, `≥`).
    pub fn is_met(self, votes: u64, base: u128) -> bool {
        match self {
            Threshold::None => true,
            Threshold::Votes { votes: needed } => votes >= needed,
            Threshold::Percent(Percentage { numerator, denominator }) => {
                cmp_products(u128::from(votes), u128::from(denominator), u128::from(numerator), base).is_ge()
            }
        }
    }

    /// The fewest votes that reach the threshold over `base`.
    pub fn votes_needed(self, base: u128) -> u128 {
        match self {
            Threshold::None => 0,
            Threshold::Votes { votes } => u128::from(votes),
            Threshold::Percent(Percentage { numerator, denominator }) => {
                // ceil(base × num / den), without overflow: split base into quotient and rest
                // (rest < den and num ≤ den both fit 64 bits, so their product fits 128).
                let (num, den) = (u128::from(numerator), u128::from(denominator));
                let whole = (base / den).saturating_mul(num);
                let rest = (base % den) * num;
                whole.saturating_add(rest.div_ceil(den))
            }
        }
    }
}

impl fmt::Display for Threshold {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Threshold::None => f.write_str("none"),
            Threshold::Votes { votes } => write!(f, "{votes} votes"),
            Threshold::Percent(percentage) => write!(f, "{}%", percentage.per_cent_text()),
        }
    }
}

impl FromStr for Threshold {
    type Err = ParseError;

    /// `"7%"`, `"5.5%"`, `"0%"`, `"none"` or a whole number of votes such as `"1000 votes"`.
    /// A bare number is refused: `7` may mean 7 % or 7 votes.
    fn from_str(text: &str) -> Result<Threshold, ParseError> {
        let trimmed = text.trim();
        if trimmed.eq_ignore_ascii_case("none") {
            return Ok(Threshold::None);
        }
        if let Some(percent) = trimmed.strip_suffix('%') {
            let percent = percent.trim();
            let decimals = percent.split_once('.').map_or(0, |(_, frac)| frac.len());
            let expected = "a percentage from 0% to 100% with at most 6 decimals, such as 7% or 5.5%";
            if decimals > 6 {
                return Err(ParseError::new(text, expected));
            }
            let scale = 10u128.pow(u32::try_from(decimals).unwrap_or(6));
            let scaled = parse_scaled_decimal(percent, scale).ok_or_else(|| ParseError::new(text, expected))?;
            if scaled > 100 * scale {
                return Err(ParseError::new(text, "a percentage no higher than 100%"));
            }
            // Keep the decimal form without trailing zeros, as documented: "5.5%" is 55/1000 and
            // "5%" (or "5.0%") is 5/100, equal to `Threshold::percent(5)`; not 11/200 or 1/20.
            let (mut numerator, mut denominator) = (scaled, scale * 100);
            while denominator > 100 && numerator % 10 == 0 {
                numerator /= 10;
                denominator /= 10;
            }
            let numerator = u64::try_from(numerator).map_err(|_| ParseError::new(text, expected))?;
            let denominator = u64::try_from(denominator).map_err(|_| ParseError::new(text, expected))?;
            let percentage = Percentage::new(numerator, denominator).map_err(|_| ParseError::new(text, expected))?;
            return Ok(Threshold::Percent(percentage));
        }
        let expected = "a percentage such as 7%, a number of votes such as 1000 votes, or none";
        let count = trimmed.strip_suffix("votes").or_else(|| trimmed.strip_suffix("vote"));
        if let Some(count) = count {
            return count
                .trim_end()
                .parse::<u64>()
                .map(|votes| Threshold::Votes { votes })
                .map_err(|_| ParseError::new(text, "a whole number of votes such as 1000 votes"));
        }
        if parse_scaled_decimal(trimmed, 1_000_000).is_some() {
            // A bare number: a share to some, a count to others.
            let hint = if trimmed.bytes().all(|b| b.is_ascii_digit()) {
                format!("a bare number is ambiguous: write {trimmed}% for a share or {trimmed} votes for a count")
            } else {
                format!("a bare number is ambiguous: write {trimmed}% for a share")
            };
            return Err(ParseError::new(text, expected).with_hint(hint));
        }
        Err(ParseError::new(text, expected))
    }
}
