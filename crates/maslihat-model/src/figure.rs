//! Figures with their sources: every number in the data says where it was read, and two sources
//! that disagree are both kept.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use crate::id::SourceId;

/// A source a figure was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub id: SourceId,
    /// A public page's address as collected, or the path of a note kept in the dataset folder
    /// (`notes/…`, relative to the folder).
    pub url: String,
    pub publisher: String,
    /// What the page is and what it gives.
    pub description: String,
}

/// One value as one source gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sourced<T> {
    pub value: T,
    pub source: SourceId,
}

/// Every value the sources give for one figure: empty when unknown, several when sources
/// disagree (or agree: each source is kept).
///
/// A boxed slice, not a vector: a dataset holds a dozen figures per election and six per list,
/// nearly all with one value or none, so the room for growth a vector keeps is never used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Figure<T>(pub Box<[Sourced<T>]>);

impl<T> Default for Figure<T> {
    fn default() -> Figure<T> {
        Figure(Box::default())
    }
}

/// What the sources of a figure say together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement<'a, T> {
    Unknown,
    /// One value, from one source or several that agree.
    Agreed(&'a T),
    /// Sources disagree.
    Conflict,
}

impl<T: PartialEq> Figure<T> {
    /// A figure from one source.
    pub fn one(value: T, source: SourceId) -> Figure<T> {
        Figure(Box::new([Sourced { value, source }]))
    }

    pub fn is_unknown(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds a value from a source: the values are remade one longer, exactly (most figures have
    /// one source, and a loaded dataset holds hundreds of thousands of figures).
    pub fn push(&mut self, value: T, source: SourceId) {
        let mut values = std::mem::take(&mut self.0).into_vec();
        values.reserve_exact(1);
        values.push(Sourced { value, source });
        self.0 = values.into_boxed_slice();
    }

    pub fn agreement(&self) -> Agreement<'_, T> {
        match self.0.split_first() {
            None => Agreement::Unknown,
            Some((first, rest)) if rest.iter().all(|s| s.value == first.value) => Agreement::Agreed(&first.value),
            Some(_) => Agreement::Conflict,
        }
    }

    /// The value, when known and not disputed (values compared exactly; for printed
    /// percentages, whose rounding intervals may overlap, see [`Figure::printed_agreement`]).
    pub fn value(&self) -> Option<&T> {
        match self.agreement() {
            Agreement::Agreed(value) => Some(value),
            _ => None,
        }
    }

    /// As [`Figure::agreement`], with values the same when `same` says so; the value returned
    /// for agreeing values is the first one `prefer` does not rank below another.
    pub fn agreement_by(&self, same: impl Fn(&T, &T) -> bool, prefer: impl Fn(&T) -> u32) -> Agreement<'_, T> {
        let Some(first) = self.0.first() else { return Agreement::Unknown };
        if self.0.iter().all(|a| self.0.iter().all(|b| same(&a.value, &b.value))) {
            let best = self.0.iter().max_by_key(|s| prefer(&s.value)).unwrap_or(first);
            Agreement::Agreed(&best.value)
        } else {
            Agreement::Conflict
        }
    }

    /// The distinct values, in the order first given.
    pub fn distinct(&self) -> Vec<&T> {
        let mut out: Vec<&T> = Vec::new();
        for s in &self.0 {
            if !out.contains(&&s.value) {
                out.push(&s.value);
            }
        }
        out
    }
}

/// A decimal number exactly as printed (`"75"`, `"8.9"`, `"5.50"`): digits and the number of
/// decimals, so a printed precision is never lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal {
    /// The number times 10^`scale`.
    units: u64,
    scale: u8,
}

/// A text that is not a plain decimal such as `68.11`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a decimal number with a point, such as 68.11, found {found:?}")]
pub struct DecimalError {
    pub found: String,
}

impl FromStr for Decimal {
    type Err = DecimalError;

    fn from_str(text: &str) -> Result<Decimal, DecimalError> {
        let error = || DecimalError { found: text.to_owned() };
        let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(frac) || (text.contains('.') && frac.is_empty()) {
            return Err(error());
        }
        let scale = u8::try_from(frac.len()).ok().filter(|s| *s <= Decimal::MAX_SCALE).ok_or_else(error)?;
        // The digits of both parts as one number, as `{whole}{frac}` would parse.
        let units = whole
            .bytes()
            .chain(frac.bytes())
            .try_fold(0u64, |units, digit| units.checked_mul(10)?.checked_add(u64::from(digit - b'0')))
            .ok_or_else(error)?;
        Ok(Decimal { units, scale })
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pow = 10u64.pow(u32::from(self.scale));
        match self.scale {
            0 => write!(f, "{}", self.units),
            s => write!(f, "{}.{:0width$}", self.units / pow, self.units % pow, width = usize::from(s)),
        }
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl Figure<Decimal> {
    /// Printed percentages agree when their rounding intervals overlap (`30.3` and `30.25`);
    /// the agreed value is the most precise one.
    pub fn printed_agreement(&self) -> Agreement<'_, Decimal> {
        self.agreement_by(|a, b| a.agrees_with(*b), |d| u32::from(d.scale()))
    }
}

impl Decimal {
    /// The most decimals a printed number may have.
    pub const MAX_SCALE: u8 = 12;

    /// `units / 10^scale`, when `scale` is at most [`Decimal::MAX_SCALE`].
    pub fn new(units: u64, scale: u8) -> Option<Decimal> {
        (scale <= Decimal::MAX_SCALE).then_some(Decimal { units, scale })
    }

    /// The number times 10^[`Decimal::scale`].
    pub fn units(self) -> u64 {
        self.units
    }

    /// The number of decimals printed.
    pub fn scale(self) -> u8 {
        self.scale
    }

    /// Whether the rounding intervals of two printed numbers overlap: each stands for any value
    /// within half a unit of its last digit (`45.1` and `44.86` do not).
    pub fn agrees_with(self, other: Decimal) -> bool {
        let scale = self.scale.max(other.scale) + 1;
        let at = |d: Decimal| u128::from(d.units) * 10u128.pow(u32::from(scale - d.scale));
        let half = |d: Decimal| 5 * 10u128.pow(u32::from(scale - d.scale - 1));
        at(self).abs_diff(at(other)) <= half(self) + half(other)
    }

    /// Whether `num / den` (a fraction of one, e.g. votes over the base), in per cent, rounds to
    /// this printed percentage: it lies within half a unit of the last printed digit. Exact.
    pub fn is_percent_of(self, num: u128, den: u128) -> bool {
        if den == 0 {
            return false;
        }
        // |num/den × 100 − units/10^s| ≤ 1/(2 × 10^s)  ⇔  |200·10^s·num − 2·units·den| ≤ den
        let pow = 10u128.pow(u32::from(self.scale));
        let (Some(a), Some(b)) =
            (num.checked_mul(200).and_then(|x| x.checked_mul(pow)), u128::from(self.units).checked_mul(2 * den))
        else {
            return false;
        };
        a.abs_diff(b) <= den
    }
}
