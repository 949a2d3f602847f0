//! The apportionment methods: largest-remainder quotas and divisor sequences, with their names.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::exact::Ratio;
use crate::parse::{ParseError, parse_scaled_decimal};

/// How seats are shared among the lists that take part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Method {
    /// Whole quotas first, the seats left over to the largest remainders.
    LargestRemainder(Quota),
    /// Seats one by one to the highest quotient `votes / divisor(seats so far)`.
    Divisor(Divisor),
}

/// The quota of a largest-remainder method, for `V` votes and `S` seats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Quota {
    /// `V / S`.
    Hare,
    /// `floor(V / (S + 1)) + 1`.
    Droop,
    /// `V / (S + 1)`.
    HagenbachBischoff,
    /// `V / (S + 2)`.
    Imperiali,
}

/// The divisor sequence of a highest-averages method; `d(s)` is the divisor for a list
/// that already holds `s` seats.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Divisor {
    /// 1, 2, 3, … (`s + 1`); Jefferson.
    DHondt,
    /// 1, 3, 5, … (`2s + 1`); Webster.
    SainteLague,
    /// 1.4, 3, 5, 7, …
    ModifiedSainteLague,
    /// 1, 4, 7, 10, … (`3s + 1`).
    Danish,
    /// 2, 3, 4, … (`s + 2`).
    Imperiali,
    /// 0, 1, 2, … (`s`); every list with votes gets a seat before any gets two.
    Adams,
    /// Harmonic mean of `s` and `s + 1`: `2s(s+1)/(2s+1)`; zero for the first seat.
    Dean,
    /// Geometric mean of `s` and `s + 1`: `√(s(s+1))`; zero for the first seat.
    HuntingtonHill,
    /// A user's sequence of positive divisors; past its end it goes on with the step between
    /// its last two divisors (or repeats a single divisor's value as the step).
    Custom(CustomDivisors),
    /// The stationary divisors `s + q` for a fixed `q` from 0 to 1 (`stationary:0.5`): 0 is
    /// Adams, 1/2 Sainte-Laguë, 1 D'Hondt.
    Stationary(Stationary),
    /// The power-mean divisors `((s^p + (s+1)^p) / 2)^(1/p)` (`power-mean:P`): 1 is
    /// Sainte-Laguë, 0 (the limit) Huntington–Hill, -1 Dean, `inf` D'Hondt, `-inf` Adams.
    PowerMean(PowerMean),
}

/// The parameter `q` of the stationary divisors `s + q`: an exact decimal from 0 to 1, kept as
/// `num / den` with `den` a power of ten up to 10^9.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Stationary {
    num: u128,
    den: u128,
}

impl Stationary {
    /// Parses `0.5`, `1`, `0.25` (at most 9 decimals, from 0 to 1).
    pub fn parse(text: &str) -> Result<Stationary, ParseError> {
        let expected =
            "stationary:Q with Q an exact decimal from 0 to 1 with at most 9 decimals, such as stationary:0.5";
        let text = text.trim();
        let decimals = text.split_once('.').map_or(0, |(_, frac)| frac.len());
        if decimals > 9 {
            return Err(ParseError::new(text, expected));
        }
        let mut den = 10u128.pow(u32::try_from(decimals).unwrap_or(9));
        let mut num = parse_scaled_decimal(text, den).ok_or_else(|| ParseError::new(text, expected))?;
        if num > den {
            return Err(ParseError::new(text, expected));
        }
        while den > 1 && num % 10 == 0 {
            num /= 10;
            den /= 10;
        }
        Ok(Stationary { num, den })
    }

    /// `q` as `(num, den)`.
    pub fn q(self) -> (u128, u128) {
        (self.num, self.den)
    }
}

impl fmt::Display for Stationary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&exact_text(self.num, self.den))
    }
}

/// The exponent `p` of the power-mean divisors: a whole number from -8 to 8, or ±infinity.
///
/// Only these are decided exactly: for a whole `p` the claim `v / d(s)` is compared through its
/// `|p|`-th power, a fraction of integers (`v^p / (s^p + (s+1)^p)` up to a constant factor), so
/// two claims are compared by cross-multiplication; for a fractional `p` the divisors are
/// sums of irrational powers, which no integer cross-multiplication decides. Past 8 the powers
/// of real vote counts no longer fit 128 bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PowerMean {
    /// A whole exponent from -8 to 8.
    Whole(i8),
    /// `+∞`: the maximum of `s` and `s + 1`, D'Hondt's divisors.
    PlusInfinity,
    /// `-∞`: the minimum, Adams's divisors.
    MinusInfinity,
}

impl PowerMean {
    /// The largest `|p|` accepted.
    pub const LIMIT: i8 = 8;

    /// Parses `1`, `-1`, `0`, `2`, `inf`, `+inf`, `-inf`.
    pub fn parse(text: &str) -> Result<PowerMean, ParseError> {
        let expected = "power-mean:P with P a whole number from -8 to 8, inf or -inf (a fractional P makes the \
                        divisors irrational, which cannot be compared exactly)";
        let text = text.trim();
        match text.to_ascii_lowercase().as_str() {
            "inf" | "+inf" | "infinity" | "+infinity" => return Ok(PowerMean::PlusInfinity),
            "-inf" | "-infinity" => return Ok(PowerMean::MinusInfinity),
            _ => {}
        }
        let value: i64 = text.strip_prefix('+').unwrap_or(text).parse().map_err(|_| ParseError::new(text, expected))?;
        if value.unsigned_abs() > PowerMean::LIMIT.unsigned_abs().into() {
            return Err(ParseError::new(text, expected));
        }
        Ok(PowerMean::Whole(value as i8))
    }
}

impl fmt::Display for PowerMean {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PowerMean::Whole(p) => write!(f, "{p}"),
            PowerMean::PlusInfinity => f.write_str("inf"),
            PowerMean::MinusInfinity => f.write_str("-inf"),
        }
    }
}

/// `base^exp` in 128 bits, or `None`.
fn checked_pow(base: u128, exp: u32) -> Option<u128> {
    base.checked_pow(exp)
}

/// A validated custom divisor sequence: exact decimals, strictly increasing, first one positive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CustomDivisors {
    /// The divisors scaled by `scale` (so `1.4` with scale 10 is 14).
    scaled: Vec<u128>,
    scale: u128,
}

impl CustomDivisors {
    /// Parses `"1.4,3,5,7"`.
    pub fn parse(text: &str) -> Result<CustomDivisors, ParseError> {
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        let decimals =
            parts.iter().map(|part| part.split_once('.').map_or(0, |(_, frac)| frac.len())).max().unwrap_or(0);
        if decimals > 9 {
            return Err(ParseError::new(text, "divisors with at most 9 decimal places"));
        }
        let scale = 10u128.pow(u32::try_from(decimals).unwrap_or(9));
        let mut scaled = Vec::with_capacity(parts.len());
        for part in &parts {
            let value = parse_scaled_decimal(part, scale)
                .ok_or_else(|| ParseError::new(part, "a positive decimal number such as 1.4 in the divisor list"))?;
            if scaled.last().is_some_and(|last| *last >= value) {
                return Err(ParseError::new(text, "a strictly increasing divisor sequence"));
            }
            scaled.push(value);
        }
        if scaled.first().is_none_or(|first| *first == 0) {
            return Err(ParseError::new(text, "a divisor sequence whose first divisor is above zero"));
        }
        // Trailing zeros do not make other divisors: `0.860` is `0.86`, and equal to it.
        let mut scale = scale;
        while scale > 1 && scaled.iter().all(|value| value % 10 == 0) {
            scaled.iter_mut().for_each(|value| *value /= 10);
            scale /= 10;
        }
        Ok(CustomDivisors { scaled, scale })
    }

    /// The divisor for a list holding `seats` seats, as `num / scale`.
    fn scaled_divisor(&self, seats: u32) -> Option<u128> {
        let index = seats as usize;
        if let Some(value) = self.scaled.get(index) {
            return Some(*value);
        }
        let last = *self.scaled.last()?;
        let step = match self.scaled.len() {
            1 => last,
            n => last - self.scaled[n - 2],
        };
        let beyond = u128::try_from(index + 1 - self.scaled.len()).ok()?;
        step.checked_mul(beyond)?.checked_add(last)
    }
}

impl fmt::Display for CustomDivisors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, value) in self.scaled.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(&exact_text(*value, self.scale))?;
        }
        Ok(())
    }
}

/// `value / scale` written out exactly (the scale is a power of ten up to 10^9), trailing
/// zeros removed; [`Ratio::decimal_trimmed`] keeps only 6 places, and a custom divisor may have 9.
fn exact_text(value: u128, scale: u128) -> String {
    let text = Ratio::of(value, scale).decimal(9);
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// A list's claim to its next seat under a divisor method, comparable exactly.
///
/// For Huntington–Hill the value compared is the square of `votes / √(s(s+1))`, which orders
/// lists the same way without an irrational number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Priority {
    /// `votes / divisor` with a positive divisor.
    Finite(Ratio),
    /// The divisor is zero (Adams, Dean, Huntington–Hill for a list without a seat): the
    /// claim is infinite, and infinite claims are ranked by the list's votes.
    Infinite(u128),
}

/// A list's claim to its next seat under a divisor method, ordered exactly as the core ranks
/// claims when it hands out seats: `votes / d(seats)` (for Huntington–Hill through its square),
/// and above every finite claim the infinite ones of a zero divisor, ranked by votes. Lets a
/// caller decide whether an allocation still holds after a change of a few lists' votes
/// without allocating again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct SeatClaim(Priority);

impl Divisor {
    /// The claim of a list with `weight` (its votes, without the runner-up coefficient) that
    /// holds `seats` to its next seat; `None` when the exact value does not fit 128 bits (the
    /// core then fails with an overflow too).
    pub fn claim(&self, weight: u128, seats: u32) -> Option<SeatClaim> {
        self.priority(weight, seats).map(SeatClaim)
    }

    /// The divisor `d(seats)` as an exact fraction `(numerator, denominator)`: the value a list
    /// holding `seats` seats divides its votes by for the next one. `None` for Huntington–Hill,
    /// whose divisor √(s(s+1)) is irrational, and for a custom sequence past 128 bits.
    pub fn divisor(&self, seats: u32) -> Option<(u128, u128)> {
        let s = u128::from(seats);
        Some(match self {
            Divisor::DHondt => (s + 1, 1),
            Divisor::SainteLague => (2 * s + 1, 2),
            Divisor::ModifiedSainteLague if seats == 0 => (7, 10),
            Divisor::ModifiedSainteLague => (2 * s + 1, 2),
            Divisor::Danish => (3 * s + 1, 1),
            Divisor::Imperiali => (s + 2, 1),
            Divisor::Adams => (s, 1),
            Divisor::Dean => (2 * s * (s + 1), 2 * s + 1),
            Divisor::HuntingtonHill => return None,
            Divisor::Custom(custom) => (custom.scaled_divisor(seats)?, custom.scale),
            Divisor::Stationary(Stationary { num, den }) => (s.checked_mul(*den)?.checked_add(*num)?, *den),
            Divisor::PowerMean(PowerMean::PlusInfinity) => (s + 1, 1),
            Divisor::PowerMean(PowerMean::MinusInfinity) => (s, 1),
            Divisor::PowerMean(PowerMean::Whole(1)) => (2 * s + 1, 2),
            Divisor::PowerMean(PowerMean::Whole(-1)) => (2 * s * (s + 1), 2 * s + 1),
            // Irrational for every other whole p (p = 0 is Huntington–Hill's √(s(s+1))).
            Divisor::PowerMean(PowerMean::Whole(_)) => return None,
        })
    }

    /// The priority of a list with `votes` (weight) that holds `seats` seats; `None` when the
    /// exact value does not fit 128 bits.
    pub(crate) fn priority(&self, votes: u128, seats: u32) -> Option<Priority> {
        if let Divisor::PowerMean(PowerMean::Whole(p)) = self {
            return power_mean_priority(*p, votes, seats);
        }
        if let Divisor::HuntingtonHill = self {
            if seats == 0 {
                return Some(Priority::Infinite(votes));
            }
            let s = u128::from(seats);
            let squared = votes.checked_mul(votes)?;
            return Some(Priority::Finite(Ratio::of(squared, s * (s + 1))));
        }
        let (num, den) = self.divisor(seats)?;
        if num == 0 {
            return Some(Priority::Infinite(votes));
        }
        Some(Priority::Finite(Ratio::of(votes.checked_mul(den)?, num)))
    }

    /// The divisor itself as a display string (for explanations).
    pub(crate) fn divisor_text(&self, seats: u32) -> String {
        let s = u128::from(seats);
        let ratio = match self {
            Divisor::DHondt => Ratio::of(s + 1, 1),
            Divisor::SainteLague => Ratio::of(2 * s + 1, 1),
            Divisor::ModifiedSainteLague if seats == 0 => Ratio::of(14, 10),
            Divisor::ModifiedSainteLague => Ratio::of(2 * s + 1, 1),
            Divisor::Danish => Ratio::of(3 * s + 1, 1),
            Divisor::Imperiali => Ratio::of(s + 2, 1),
            Divisor::Adams => Ratio::of(s, 1),
            Divisor::Dean => Ratio::of(2 * s * (s + 1), 2 * s + 1),
            Divisor::HuntingtonHill => return format!("√{}", s * (s + 1)),
            Divisor::Custom(custom) => match custom.scaled_divisor(seats) {
                Some(value) => return exact_text(value, custom.scale),
                None => return "∞".to_owned(),
            },
            Divisor::Stationary(_) | Divisor::PowerMean(_) => match self.divisor(seats) {
                Some((num, den)) => Ratio::of(num, den),
                None => return power_mean_divisor_text(self, seats),
            },
        };
        ratio.decimal_trimmed()
    }

    /// The quotient `votes ÷ d(seats)` as a decimal with 4 places (`∞` for a zero divisor).
    /// Huntington–Hill's is irrational: shown via integer square roots, still without floats.
    /// `scale` divides the weight back into votes (10 under the runner-up coefficient reading,
    /// where votes are weighted ×10 and ×7).
    pub(crate) fn quotient_text(&self, votes: u128, seats: u32, scale: u128) -> String {
        if let Divisor::PowerMean(PowerMean::Whole(p)) = self
            && !matches!(p, 1 | -1)
        {
            return power_mean_quotient_text(*p, votes, seats, scale);
        }
        match self.priority(votes, seats) {
            None => "overflow".to_owned(),
            Some(Priority::Infinite(_)) => "∞".to_owned(),
            Some(Priority::Finite(ratio)) if matches!(self, Divisor::HuntingtonHill) => {
                // The priority is the square of the quotient: floor(√(x·10¹⁰)) has five exact
                // decimals, enough to round the fourth correctly.
                let den = ratio.den().saturating_mul(scale * scale);
                match ratio.num().checked_mul(10_000_000_000) {
                    Some(scaled) => {
                        let fifth = (scaled / den).isqrt();
                        Ratio::of(fifth / 10 + u128::from(fifth % 10 >= 5), 10_000).decimal(4)
                    }
                    None => (ratio.num() / den).isqrt().to_string(),
                }
            }
            // The priority divides by the halved divisors (0.5, 1.5, …; 0.7 for 1.4); the text
            // divides by the divisors shown (1, 3, …; 1.4), so halve it back.
            Some(Priority::Finite(ratio)) if matches!(self, Divisor::SainteLague | Divisor::ModifiedSainteLague) => {
                Ratio::of(ratio.num(), ratio.den().saturating_mul(2 * scale)).decimal(4)
            }
            Some(Priority::Finite(ratio)) => Ratio::of(ratio.num(), ratio.den().saturating_mul(scale)).decimal(4),
        }
    }

    /// Whether the first divisor is zero, so every list with votes is served before any
    /// list gets a second seat.
    pub fn has_zero_first_divisor(&self) -> bool {
        match self {
            Divisor::Adams | Divisor::Dean | Divisor::HuntingtonHill => true,
            Divisor::Stationary(stationary) => stationary.num == 0,
            Divisor::PowerMean(PowerMean::Whole(p)) => *p <= 0,
            Divisor::PowerMean(PowerMean::MinusInfinity) => true,
            _ => false,
        }
    }
}

/// The claim of a list with `votes` holding `seats` under the power-mean divisors with a whole
/// exponent `p`, as an exact fraction ordered like `votes / d(seats)`:
/// for `p = k > 0`, `votes^k / (s^k + (s+1)^k)` (`(v/d)^k / 2`); for `p = -k < 0`,
/// `votes^k · ((s+1)^k + s^k) / (s^k (s+1)^k)` (`2 (v/d)^k`), infinite for `s = 0`; for
/// `p = 0`, Huntington–Hill's `votes² / (s(s+1))`. `None` when a power does not fit 128 bits.
fn power_mean_priority(p: i8, votes: u128, seats: u32) -> Option<Priority> {
    let s = u128::from(seats);
    let k = u32::from(p.unsigned_abs());
    if p == 0 {
        return Divisor::HuntingtonHill.priority(votes, seats);
    }
    let powered = checked_pow(votes, k)?;
    let (low, high) = (checked_pow(s, k)?, checked_pow(s + 1, k)?);
    if p > 0 {
        return Some(Priority::Finite(Ratio::of(powered, low.checked_add(high)?)));
    }
    if seats == 0 {
        return Some(Priority::Infinite(votes));
    }
    Some(Priority::Finite(Ratio::of(powered.checked_mul(low.checked_add(high)?)?, low.checked_mul(high)?)))
}

/// The power-mean divisor `((s^p + (s+1)^p)/2)^(1/p)` for display only (`≈` and 4 decimals):
/// irrational, so shown approximately; no seat is decided by it.
fn power_mean_divisor_text(divisor: &Divisor, seats: u32) -> String {
    match divisor {
        Divisor::PowerMean(PowerMean::Whole(p)) => {
            let value = power_mean_value(*p, seats);
            if value == 0.0 { "0".to_owned() } else { format!("≈{value:.4}") }
        }
        _ => "∞".to_owned(),
    }
}

/// `d(s)` of the power mean as a float, for display.
fn power_mean_value(p: i8, seats: u32) -> f64 {
    let s = f64::from(seats);
    if p == 0 {
        return (s * (s + 1.0)).sqrt();
    }
    if p < 0 && seats == 0 {
        return 0.0;
    }
    let p = f64::from(p);
    ((s.powf(p) + (s + 1.0).powf(p)) / 2.0).powf(1.0 / p)
}

/// `votes ÷ d(seats)` of the power mean, for display only.
fn power_mean_quotient_text(p: i8, votes: u128, seats: u32, scale: u128) -> String {
    let divisor = power_mean_value(p, seats);
    if divisor <= 0.0 {
        return "∞".to_owned();
    }
    #[allow(clippy::cast_precision_loss)]
    let quotient = votes as f64 / scale as f64 / divisor;
    format!("≈{quotient:.4}")
}

/// The one table of method names: every standard method with its command-line name, in the
/// order `--help` lists them.
static STANDARD_METHODS: [(&str, Method); 12] = [
    ("hare", Method::LargestRemainder(Quota::Hare)),
    ("droop", Method::LargestRemainder(Quota::Droop)),
    ("hagenbach-bischoff", Method::LargestRemainder(Quota::HagenbachBischoff)),
    ("imperiali-quota", Method::LargestRemainder(Quota::Imperiali)),
    ("dhondt", Method::Divisor(Divisor::DHondt)),
    ("sainte-lague", Method::Divisor(Divisor::SainteLague)),
    ("modified-sainte-lague", Method::Divisor(Divisor::ModifiedSainteLague)),
    ("danish", Method::Divisor(Divisor::Danish)),
    ("imperiali", Method::Divisor(Divisor::Imperiali)),
    ("adams", Method::Divisor(Divisor::Adams)),
    ("dean", Method::Divisor(Divisor::Dean)),
    ("huntington-hill", Method::Divisor(Divisor::HuntingtonHill)),
];

/// Other names the parser accepts, and the names in [`STANDARD_METHODS`] they stand for.
/// `exact-droop` is the quota `V / (S + 1)` without rounding, which is Hagenbach-Bischoff's
/// (`droop` is the rounded `floor(V / (S + 1)) + 1`).
const ALIASES: [(&str, &str); 5] = [
    ("hamilton", "hare"),
    ("d'hondt", "dhondt"),
    ("jefferson", "dhondt"),
    ("webster", "sainte-lague"),
    ("exact-droop", "hagenbach-bischoff"),
];

/// What the parser expects, in words; a unit test checks it against [`STANDARD_METHODS`].
const METHOD_CHOICES: &str = "a method: hare, droop, hagenbach-bischoff, imperiali-quota, dhondt, sainte-lague, \
                              modified-sainte-lague, danish, imperiali, adams, dean, huntington-hill, \
                              custom:D1,D2,…, stationary:Q or power-mean:P";

impl Method {
    /// Every standard method (custom divisors aside) with its command-line name, in the order
    /// `--help` lists them.
    pub fn standard() -> impl Iterator<Item = (&'static str, &'static Method)> {
        STANDARD_METHODS.iter().map(|(name, method)| (*name, method))
    }

    /// Every standard method (custom divisors aside), in the order of [`Method::standard`].
    pub fn all_standard() -> Vec<Method> {
        STANDARD_METHODS.iter().map(|(_, method)| method.clone()).collect()
    }

    /// The method's command-line name, e.g. `hare` or `custom:1.4,3,5`.
    pub fn name(&self) -> String {
        match self {
            Method::Divisor(Divisor::Custom(custom)) => return format!("custom:{custom}"),
            Method::Divisor(Divisor::Stationary(q)) => return format!("stationary:{q}"),
            Method::Divisor(Divisor::PowerMean(p)) => return format!("power-mean:{p}"),
            _ => {}
        }
        Method::standard().find(|(_, method)| *method == self).map_or_else(String::new, |(name, _)| name.to_owned())
    }
}

/// Serialised as its command-line name (`"hare"`, `"dhondt"`, `"custom:1.4,3,5"`).
impl Serialize for Method {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.name())
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

impl FromStr for Method {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Method, ParseError> {
        let lower = text.trim().to_ascii_lowercase();
        if let Some(sequence) = lower.strip_prefix("custom:") {
            return Ok(Method::Divisor(Divisor::Custom(CustomDivisors::parse(sequence)?)));
        }
        if let Some(q) = lower.strip_prefix("stationary:") {
            return Ok(Method::Divisor(Divisor::Stationary(Stationary::parse(q)?)));
        }
        if let Some(p) = lower.strip_prefix("power-mean:") {
            return Ok(Method::Divisor(Divisor::PowerMean(PowerMean::parse(p)?)));
        }
        let name = ALIASES.iter().find(|(alias, _)| *alias == lower).map_or(lower.as_str(), |(_, name)| name);
        Method::standard()
            .find(|(standard, _)| *standard == name)
            .map(|(_, method)| method.clone())
            .ok_or_else(|| ParseError::new(text, METHOD_CHOICES).suggesting(Method::standard().map(|(name, _)| name)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_expected_choices_name_every_standard_method_in_order() {
        let names: Vec<&str> = Method::standard().map(|(name, _)| name).collect();
        let listed = format!("a method: {}, custom:D1,D2,…, stationary:Q or power-mean:P", names.join(", "));
        assert_eq!(METHOD_CHOICES, listed);
    }

    #[test]
    fn every_alias_names_a_standard_method() {
        for (alias, name) in ALIASES {
            let method: Method = alias.parse().unwrap_or_else(|err| panic!("{alias}: {err}"));
            assert_eq!(method.name(), name);
        }
    }
}
