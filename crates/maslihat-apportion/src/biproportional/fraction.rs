//! Exact non-negative fractions of unbounded size for divisors of the seat matrix, and the
//! shortest decimal inside an interval (the "round" divisors that election offices publish).

use std::cmp::Ordering;
use std::fmt;

use num_bigint::BigUint;
use num_integer::Integer;
use num_traits::{One, ToPrimitive, Zero};
use serde::{Serialize, Serializer};

/// A non-negative fraction `num / den` with `den > 0`, of any size.
#[derive(Debug, Clone)]
pub struct Fraction {
    num: BigUint,
    den: BigUint,
}

impl Fraction {
    /// `num / den`; `None` for a zero denominator.
    pub fn new(num: impl Into<BigUint>, den: impl Into<BigUint>) -> Option<Fraction> {
        let den = den.into();
        if den.is_zero() {
            return None;
        }
        Some(Fraction { num: num.into(), den })
    }

    /// `num / den` where the caller guarantees `den > 0`.
    pub(crate) fn of(num: BigUint, den: BigUint) -> Fraction {
        debug_assert!(!den.is_zero(), "a zero denominator");
        Fraction { num, den }
    }

    /// The whole number `value`.
    pub fn whole(value: u128) -> Fraction {
        Fraction { num: BigUint::from(value), den: BigUint::one() }
    }

    pub fn num(&self) -> &BigUint {
        &self.num
    }

    /// Never zero.
    pub fn den(&self) -> &BigUint {
        &self.den
    }

    pub fn is_zero(&self) -> bool {
        self.num.is_zero()
    }

    /// The fraction in lowest terms.
    #[must_use]
    pub fn reduced(&self) -> Fraction {
        let divisor = self.num.gcd(&self.den);
        if divisor.is_zero() || divisor.is_one() {
            return self.clone();
        }
        Fraction { num: &self.num / &divisor, den: &self.den / &divisor }
    }

    /// `self × other`.
    #[must_use]
    pub fn times(&self, other: &Fraction) -> Fraction {
        Fraction { num: &self.num * &other.num, den: &self.den * &other.den }
    }

    /// The fraction as `u128`s, when both fit.
    pub(crate) fn to_small(&self) -> Option<Small> {
        Some(Small { num: self.num.to_u128()?, den: self.den.to_u128()? })
    }

    /// `1 / self`; `None` for zero.
    pub fn inverse(&self) -> Option<Fraction> {
        Fraction::new(self.den.clone(), self.num.clone())
    }

    /// The value rounded half-up to `places` decimals, computed without floats.
    pub fn decimal(&self, places: u32) -> String {
        let scale = BigUint::from(10u32).pow(places);
        let scaled = &self.num * &scale;
        let (whole, rest) = scaled.div_rem(&self.den);
        let rounded = if &rest * 2u32 >= self.den { whole + 1u32 } else { whole };
        let digits = rounded.to_string();
        if places == 0 {
            return digits;
        }
        let places = places as usize;
        let padded = format!("{digits:0>width$}", width = places + 1);
        let (int_part, frac_part) = padded.split_at(padded.len() - places);
        format!("{int_part}.{frac_part}")
    }

    /// Up to `places` decimals, trailing zeros removed: `1.0708`, `9870`.
    pub fn decimal_trimmed(&self, places: u32) -> String {
        let text = self.decimal(places);
        if !text.contains('.') {
            return text;
        }
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }

    /// True when the fraction is exactly a decimal with at most `places` decimals.
    pub fn is_decimal_within(&self, places: u32) -> bool {
        let scaled = &self.num * BigUint::from(10u32).pow(places);
        (scaled % &self.den).is_zero()
    }
}

impl PartialEq for Fraction {
    fn eq(&self, other: &Fraction) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Fraction {}

impl PartialOrd for Fraction {
    fn partial_cmp(&self, other: &Fraction) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Fraction {
    fn cmp(&self, other: &Fraction) -> Ordering {
        (&self.num * &other.den).cmp(&(&other.num * &self.den))
    }
}

impl fmt::Display for Fraction {
    /// The exact value: `3/2`, `9870`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reduced = self.reduced();
        if reduced.den.is_one() { write!(f, "{}", reduced.num) } else { write!(f, "{}/{}", reduced.num, reduced.den) }
    }
}

/// Serialised as `{"num": "…", "den": "…", "decimal": "…"}` (numbers as strings, like the
/// core's `Ratio`), the decimal with 6 places.
impl Serialize for Fraction {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let reduced = self.reduced();
        let mut state = serializer.serialize_struct("Fraction", 3)?;
        state.serialize_field("num", &reduced.num.to_string())?;
        state.serialize_field("den", &reduced.den.to_string())?;
        state.serialize_field("decimal", &reduced.decimal(6))?;
        state.end()
    }
}

/// A fraction of `u128`s for the fast path; `None` in any computation means "too large".
#[derive(Debug, Clone, Copy)]
pub(crate) struct Small {
    pub(crate) num: u128,
    pub(crate) den: u128,
}

impl Small {
    pub(crate) const ONE: Small = Small { num: 1, den: 1 };

    pub(crate) fn cmp(self, other: Small) -> Ordering {
        crate::exact::cmp_products(self.num, other.den, other.num, self.den)
    }

    /// In lowest terms.
    pub(crate) fn reduced(self) -> Small {
        let (mut a, mut b) = (self.num, self.den);
        while b != 0 {
            (a, b) = (b, a % b);
        }
        let common = a.max(1);
        Small { num: self.num / common, den: self.den / common }
    }

    pub(crate) fn to_fraction(self) -> Fraction {
        Fraction::of(BigUint::from(self.num), BigUint::from(self.den))
    }
}

/// The decimal with the fewest significant digits strictly between `low` and `high`
/// (`low < high`), such as 770 between 758.7 and 773.9; `None` when a number overflows.
pub(crate) fn shortest_decimal_between(low: Small, high: Small) -> Option<Small> {
    // From the power of ten at or above `high` down to 10^-30: the first power with a multiple
    // strictly inside wins.
    for exponent in (-30i32..=decimal_magnitude(high)?).rev() {
        let candidate = if exponent >= 0 {
            let step = 10u128.checked_pow(exponent.unsigned_abs())?;
            // The least multiple of `step` above `low`: (floor(low / step) + 1) × step.
            let multiple = low.num / low.den.checked_mul(step)? + 1;
            Small { num: multiple.checked_mul(step)?, den: 1 }
        } else {
            let scale = 10u128.checked_pow(exponent.unsigned_abs())?;
            let multiple = low.num.checked_mul(scale)? / low.den + 1;
            Small { num: multiple, den: scale }
        };
        if candidate.cmp(low) == Ordering::Greater && candidate.cmp(high) == Ordering::Less {
            return Some(candidate);
        }
    }
    None
}

/// An exponent `k` with `10^k` above `value`: the number of digits of its whole part (at
/// most 38), or 0 below 1.
fn decimal_magnitude(value: Small) -> Option<i32> {
    let whole = value.num / value.den;
    let digits = if whole == 0 { 0 } else { whole.ilog10() + 1 };
    i32::try_from(digits).ok()
}

/// [`shortest_decimal_between`] for fractions of any size (`low < high`).
pub(crate) fn shortest_decimal_between_big(low: &Fraction, high: &Fraction) -> Option<Fraction> {
    let ten = BigUint::from(10u32);
    // Start at a power of ten at or above `high` (2^10 > 10^3), go down to 10^-60.
    let magnitude = i64::try_from(high.num.bits()).ok()? - i64::try_from(high.den.bits()).ok()?;
    let mut exponent = i32::try_from(magnitude * 3 / 10 + 2).ok()?;
    while exponent >= -60 {
        let candidate = if exponent >= 0 {
            let step = ten.pow(exponent.unsigned_abs());
            let multiple = &low.num / (&low.den * &step) + 1u32;
            Fraction::of(multiple * step, BigUint::one())
        } else {
            let scale = ten.pow(exponent.unsigned_abs());
            let multiple = &low.num * &scale / &low.den + 1u32;
            Fraction::of(multiple, scale)
        };
        if candidate > *low && candidate < *high {
            return Some(candidate);
        }
        exponent -= 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small(num: u128, den: u128) -> Small {
        Small { num, den }
    }

    #[test]
    fn the_shortest_decimal_is_the_roundest_number_inside() {
        // 758.7… < D < 773.9… (Zurich 2018, upper apportionment): 760 has two significant digits.
        let found = shortest_decimal_between(small(16312 * 2, 43), small(32892 * 2, 85)).unwrap();
        assert_eq!((found.num, found.den), (760, 1));
        // Between 1.07 and 1.071 the answer needs four decimals.
        let found = shortest_decimal_between(small(107, 100), small(1071, 1000)).unwrap();
        assert_eq!(found.to_fraction().decimal_trimmed(6), "1.0701");
        // Nothing strictly between equal bounds.
        assert!(shortest_decimal_between(small(1, 3), small(1, 3)).is_none());
        // The unbounded version agrees.
        let big = shortest_decimal_between_big(&small(107, 100).to_fraction(), &small(1071, 1000).to_fraction());
        assert_eq!(big.unwrap().decimal_trimmed(6), "1.0701");
        let big = shortest_decimal_between_big(&small(32624, 43).to_fraction(), &small(65784, 85).to_fraction());
        assert_eq!(big.unwrap().to_string(), "760");
    }

    #[test]
    fn decimals_round_half_up_and_trim() {
        let third = Fraction::new(1u32, 3u32).unwrap();
        assert_eq!(third.decimal(3), "0.333");
        assert_eq!(Fraction::new(2u32, 3u32).unwrap().decimal(0), "1");
        assert_eq!(Fraction::new(10708u32, 10000u32).unwrap().decimal_trimmed(6), "1.0708");
        assert_eq!(Fraction::whole(9870).decimal_trimmed(6), "9870");
        assert_eq!(Fraction::new(6u32, 4u32).unwrap().to_string(), "3/2");
        assert!(Fraction::new(1u32, 0u32).is_none());
    }
}
