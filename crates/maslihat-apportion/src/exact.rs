//! Exact rational arithmetic for seat decisions: fractions of `u128`, compared by
//! cross-multiplying into 256 bits, so no comparison can overflow or round.

use std::cmp::Ordering;
use std::fmt;

use serde::{Serialize, Serializer};

use crate::error::ValueError;

/// Multiplies two `u128` into a 256-bit product, returned as `(high, low)`.
#[inline(never)]
fn widening_mul(a: u128, b: u128) -> (u128, u128) {
    const LOW: u128 = u64::MAX as u128;
    let (a_hi, a_lo) = (a >> 64, a & LOW);
    let (b_hi, b_lo) = (b >> 64, b & LOW);
    let lo_lo = a_lo * b_lo;
    let hi_lo = a_hi * b_lo;
    let lo_hi = a_lo * b_hi;
    let hi_hi = a_hi * b_hi;
    let middle = (lo_lo >> 64) + (hi_lo & LOW) + (lo_hi & LOW);
    let low = (middle << 64) | (lo_lo & LOW);
    let high = hi_hi + (hi_lo >> 64) + (lo_hi >> 64) + (middle >> 64);
    (high, low)
}

/// Compares `a × b` with `c × d` exactly.
#[inline]
pub fn cmp_products(a: u128, b: u128, c: u128, d: u128) -> Ordering {
    // Fast path: four 64-bit factors cannot overflow a 128-bit product.
    if (a | b | c | d) >> 64 == 0 {
        return (a * b).cmp(&(c * d));
    }
    if let (Some(left), Some(right)) = (a.checked_mul(b), c.checked_mul(d)) {
        return left.cmp(&right);
    }
    widening_mul(a, b).cmp(&widening_mul(c, d))
}

/// A non-negative exact fraction `num / den`; its denominator is never zero.
#[derive(Debug, Clone, Copy)]
pub struct Ratio {
    num: u128,
    den: u128,
}

impl Ratio {
    /// Zero, as `0/1`.
    pub const ZERO: Ratio = Ratio { num: 0, den: 1 };

    /// The fraction `num / den`, or an error for a zero denominator.
    pub const fn new(num: u128, den: u128) -> Result<Ratio, ValueError> {
        if den == 0 {
            return Err(ValueError::ZeroDenominator);
        }
        Ok(Ratio { num, den })
    }

    /// The fraction `num / den` where this crate's arithmetic guarantees `den > 0`.
    pub(crate) const fn of(num: u128, den: u128) -> Ratio {
        debug_assert!(den > 0, "a zero denominator");
        Ratio { num, den }
    }

    /// The numerator, as given (not reduced).
    pub const fn num(self) -> u128 {
        self.num
    }

    /// The denominator, as given (not reduced); never zero.
    pub const fn den(self) -> u128 {
        self.den
    }

    /// The fraction in lowest terms.
    #[must_use]
    pub fn reduced(self) -> Ratio {
        let divisor = gcd(self.num, self.den);
        if divisor <= 1 {
            return self;
        }
        Ratio::of(self.num / divisor, self.den / divisor)
    }

    /// The value rounded half-up to `places` decimal places, as text, computed without floats.
    pub fn decimal(self, places: u32) -> String {
        let whole = self.num / self.den;
        let rest = self.num % self.den;
        if places == 0 {
            let round_up = rest >= self.den - rest;
            return (whole + u128::from(round_up)).to_string();
        }
        match self.decimal_by_one_division(places) {
            Some(text) => text,
            None => self.decimal_by_digits(places),
        }
    }

    /// [`Ratio::decimal`] for `places > 0` by one division, when `2·num·10^places + den` fits
    /// 128 bits (the usual case): rounding half-up is `⌊(2·num·10^places + den) / (2·den)⌋`.
    fn decimal_by_one_division(self, places: u32) -> Option<String> {
        let power = 10u128.checked_pow(places)?;
        let twice = self.num.checked_mul(power)?.checked_mul(2)?.checked_add(self.den)?;
        let scaled = twice / self.den.checked_mul(2)?;
        let mut out = String::with_capacity(48 + places as usize);
        push_digits(&mut out, scaled / power, 1);
        out.push('.');
        push_digits(&mut out, scaled % power, places as usize);
        Some(out)
    }

    /// [`Ratio::decimal`] for `places > 0` by long division, one digit at a time, so nothing
    /// overflows.
    fn decimal_by_digits(self, places: u32) -> String {
        let whole = self.num / self.den;
        let rest = self.num % self.den;
        let mut digits = Vec::with_capacity(places as usize + 1);
        let mut remainder = rest;
        for _ in 0..=places {
            let (digit, next) = times_ten_div(remainder, self.den);
            digits.push(digit);
            remainder = next;
        }
        let last = digits.pop().unwrap_or(0);
        let mut whole = whole;
        if last >= 5 {
            let mut carry = true;
            for digit in digits.iter_mut().rev() {
                if !carry {
                    break;
                }
                *digit += 1;
                carry = *digit == 10;
                if carry {
                    *digit = 0;
                }
            }
            if carry {
                whole += 1;
            }
        }
        let fraction: String = digits.iter().map(|d| char::from(b'0' + *d)).collect();
        format!("{whole}.{fraction}")
    }

    /// The value as a percentage, rounded to `places` decimals, e.g. `"6.79"`.
    pub fn percent(self, places: u32) -> String {
        match self.num.checked_mul(100) {
            Some(num) => Ratio::of(num, self.den).decimal(places),
            None => Ratio::of(self.num, self.den / 100 + u128::from(self.den < 100)).decimal(places),
        }
    }

    /// The value with up to 6 decimals, trailing zeros removed: `1.4`, `3`, `1.333333`.
    pub fn decimal_trimmed(self) -> String {
        let text = self.decimal(6);
        let text = text.trim_end_matches('0');
        text.trim_end_matches('.').to_owned()
    }
}

/// Appends the decimal digits of `value`, zero-padded to at least `width` (at most 39) digits.
fn push_digits(out: &mut String, value: u128, width: usize) {
    let mut buffer = [0u8; 39];
    let digits = decimal_digits(value, &mut buffer);
    for _ in digits.len()..width.min(39) {
        out.push('0');
    }
    out.push_str(digits);
}

/// `(10 × remainder) / den` and its remainder, for `remainder < den`, without overflow.
fn times_ten_div(remainder: u128, den: u128) -> (u8, u128) {
    if let Some(product) = remainder.checked_mul(10) {
        // The quotient is below 10 because remainder < den.
        return ((product / den) as u8, product % den);
    }
    // Add `remainder` ten times modulo `den`, counting the wrap-arounds.
    let (mut digit, mut acc) = (0u8, 0u128);
    for _ in 0..10 {
        if acc >= den - remainder {
            acc -= den - remainder;
            digit += 1;
        } else {
            acc += remainder;
        }
    }
    (digit, acc)
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    // In 64 bits when both fit (the usual case: a 128-bit remainder is a library call).
    if let (Ok(mut a), Ok(mut b)) = (u64::try_from(a), u64::try_from(b)) {
        while b != 0 {
            (a, b) = (b, a % b);
        }
        return u128::from(a);
    }
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl PartialEq for Ratio {
    fn eq(&self, other: &Ratio) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ratio {}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Ratio) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ratio {
    #[inline]
    fn cmp(&self, other: &Ratio) -> Ordering {
        cmp_products(self.num, other.den, other.num, self.den)
    }
}

impl fmt::Display for Ratio {
    /// `num/den` in lowest terms, or the whole number alone.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reduced = self.reduced();
        let mut digits = [0u8; 39];
        f.write_str(decimal_digits(reduced.num, &mut digits))?;
        if reduced.den != 1 {
            f.write_str("/")?;
            f.write_str(decimal_digits(reduced.den, &mut digits))?;
        }
        Ok(())
    }
}

/// The decimal digits of `value`, written at the end of `buffer`.
fn decimal_digits(value: u128, buffer: &mut [u8; 39]) -> &str {
    let mut at = buffer.len();
    // The low digits of a value beyond 64 bits by 128-bit divisions (a library call), the
    // rest by 64-bit ones.
    let mut rest = value;
    let mut small = loop {
        match u64::try_from(rest) {
            Ok(small) => break small,
            Err(_) => {
                at -= 1;
                buffer[at] = b'0' + (rest % 10) as u8;
                rest /= 10;
            }
        }
    };
    loop {
        at -= 1;
        buffer[at] = b'0' + (small % 10) as u8;
        small /= 10;
        if small == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    std::str::from_utf8(&buffer[at..]).unwrap_or_default()
}

/// Appends the decimal digits of `value` (as `{}` writes it, without the formatting machinery).
pub(crate) fn push_integer(out: &mut String, value: u128) {
    let mut digits = [0u8; 39];
    out.push_str(decimal_digits(value, &mut digits));
}

/// Serialised as `{"num": "…", "den": "…", "decimal": "…"}`: numbers as strings, because
/// JSON readers lose precision past 2^53.
impl Serialize for Ratio {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let reduced = self.reduced();
        let mut state = serializer.serialize_struct("Ratio", 3)?;
        state.serialize_field("num", &reduced.num.to_string())?;
        state.serialize_field("den", &reduced.den.to_string())?;
        state.serialize_field("decimal", &reduced.decimal(6))?;
        state.end()
    }
}

/// Serialises a number as a decimal string (JSON readers lose precision past 2^53).
pub(crate) fn serialize_as_string<S: Serializer>(value: &u128, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn products_compare_beyond_u128() {
        let big = u128::MAX;
        assert_eq!(cmp_products(big, big, big, big - 1), Ordering::Greater);
        assert_eq!(cmp_products(big, 2, big - 1, 3), Ordering::Less);
        assert_eq!(cmp_products(1 << 100, 1 << 100, 1 << 101, 1 << 99), Ordering::Equal);
        assert_eq!(cmp_products(0, big, 0, 1), Ordering::Equal);
    }

    #[test]
    fn one_division_gives_the_digits_of_long_division() {
        use proptest::prelude::*;
        let numbers = prop_oneof![0u128..1_000, 0u128..=u128::from(u64::MAX), any::<u128>(), Just(u128::MAX)];
        let config = ProptestConfig { cases: 20_000, ..ProptestConfig::default() };
        proptest!(config, |(num in numbers.clone(), den in numbers, places in 1u32..12)| {
            prop_assume!(den > 0);
            let ratio = Ratio { num, den };
            if let Some(text) = ratio.decimal_by_one_division(places) {
                prop_assert_eq!(text, ratio.decimal_by_digits(places));
            }
        });
        // Halves round up; a value just below a half does not.
        for (num, den, places, text) in [(1, 8, 2, "0.13"), (1249, 10000, 2, "0.12"), (125, 1000, 2, "0.13")] {
            let ratio = Ratio { num, den };
            assert_eq!(ratio.decimal_by_one_division(places).as_deref(), Some(text));
            assert_eq!(ratio.decimal_by_digits(places), text);
        }
    }

    #[test]
    fn decimals_round_half_up_without_floats() {
        assert_eq!(Ratio::of(3425, 10000).decimal(4), "0.3425");
        assert_eq!(Ratio::of(2, 3).decimal(4), "0.6667");
        assert_eq!(Ratio::of(1, 3).decimal(4), "0.3333");
        assert_eq!(Ratio::of(19999, 10000).decimal(2), "2.00");
        assert_eq!(Ratio::of(99999, 100000).decimal(3), "1.000");
        assert_eq!(Ratio::of(7, 2).decimal(0), "4");
        assert_eq!(Ratio::of(u128::MAX - 1, u128::MAX).decimal(3), "1.000");
        assert_eq!(Ratio::of(679, 10000).percent(2), "6.79");
    }

    #[test]
    fn a_zero_denominator_is_an_error_not_a_later_division_by_zero() {
        assert_eq!(Ratio::new(1, 0).map(|r| r.decimal(2)), Err(ValueError::ZeroDenominator));
        assert_eq!(Ratio::new(0, 0).map(|r| r.percent(2)), Err(ValueError::ZeroDenominator));
        assert_eq!(Ratio::new(3, 4).map(|r| (r.num(), r.den(), r.percent(0))), Ok((3, 4, "75".to_owned())));
        assert_eq!(Ratio::ZERO.decimal(1), "0.0");
    }

    #[test]
    fn digits_gcd_and_display_are_the_standard_ones() {
        use proptest::prelude::*;
        let numbers = prop_oneof![0u128..1_000, 0u128..=u128::from(u64::MAX), any::<u128>(), Just(u128::MAX)];
        let config = ProptestConfig { cases: 20_000, ..ProptestConfig::default() };
        proptest!(config, |(num in numbers.clone(), den in numbers)| {
            let mut text = String::from("x");
            push_integer(&mut text, num);
            prop_assert_eq!(text, format!("x{num}"));
            // Euclid in 128 bits throughout, as before.
            let (mut a, mut b) = (num, den);
            while b != 0 {
                (a, b) = (b, a % b);
            }
            prop_assert_eq!(gcd(num, den), a);
            prop_assume!(den > 0);
            let reduced = Ratio { num, den }.reduced();
            let expected = if reduced.den == 1 { format!("{}", reduced.num) } else { format!("{}/{}", reduced.num, reduced.den) };
            prop_assert_eq!(Ratio { num, den }.to_string(), expected);
        });
        assert_eq!(Ratio::of(12, 18).to_string(), "2/3");
        assert_eq!(Ratio::of(0, 7).to_string(), "0");
        assert_eq!(Ratio::of(u128::MAX, 1).to_string(), "340282366920938463463374607431768211455");
    }

    #[test]
    fn ratios_order_and_reduce() {
        assert!(Ratio::of(1, 3) < Ratio::of(1, 2));
        assert_eq!(Ratio::of(2, 4), Ratio::of(1, 2));
        assert_eq!(Ratio::of(6, 4).to_string(), "3/2");
        assert_eq!(Ratio::of(8, 4).to_string(), "2");
    }
}
