//! Floats as fixed-point decimal text, exactly as `{:.N}` writes them, without the standard
//! library's slow exact path for the usual values (coordinates of diagrams, disproportionality
//! indices: hundreds per election in a report).

use std::fmt;

/// `value` with `decimals` digits after the point: `Fixed(x, 2)` displays as `{x:.2}` does,
/// byte for byte (the rounding of the exact binary value, the sign of a negative value that
/// rounds to zero). Values whose rounding cannot be settled by exact 128-bit arithmetic (ties,
/// very small, very large or not finite) are handed to `{:.N}` itself.
#[derive(Debug, Clone, Copy)]
pub struct Fixed(pub f64, pub usize);

/// At most this many decimals go the fast way (10^9 · 2^53 fits in 128 bits many times over).
const MAX_FAST_DECIMALS: usize = 9;

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Fixed(value, decimals) = *self;
        let Some(scaled) = rounded_scaled(value, decimals) else {
            return write!(f, "{value:.decimals$}");
        };
        let mut result = Ok(());
        write_parts(scaled, decimals, value.is_sign_negative(), |part| {
            if result.is_ok() {
                result = f.write_str(part);
            }
        });
        result
    }
}

impl Fixed {
    /// Appends the text of `self` to `out`, as `write!(out, "{self}")` would, without going
    /// through the formatting machinery in the usual case.
    pub fn push_to(self, out: &mut String) {
        let Fixed(value, decimals) = self;
        match rounded_scaled(value, decimals) {
            Some(scaled) => push_parts(scaled, decimals, value.is_sign_negative(), out),
            None => {
                use fmt::Write as _;
                // Writing into a `String` cannot fail.
                let _ = write!(out, "{value:.decimals$}");
            }
        }
    }
}

/// `10^decimals` for every fast number of decimals.
const POWERS: [u64; MAX_FAST_DECIMALS + 1] =
    [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

/// Hands `part` the pieces of `scaled / 10^decimals` (`decimals` ≤ [`MAX_FAST_DECIMALS`]) in
/// order: the sign, the whole part, the point and the fraction's digits, all cut from the digits
/// of one integer.
fn write_parts(scaled: u64, decimals: usize, negative: bool, mut part: impl FnMut(&str)) {
    if negative {
        part("-");
    }
    let mut digits = itoa::Buffer::new();
    if decimals == 0 {
        part(digits.format(scaled));
        return;
    }
    let power = POWERS[decimals];
    if scaled >= power {
        // At least one whole digit before the fraction's `decimals` digits.
        let text = digits.format(scaled);
        let (whole, fraction) = text.split_at(text.len() - decimals);
        part(whole);
        part(".");
        part(fraction);
    } else {
        // Below one: the leading 1 of `power + scaled` pads the fraction with zeros, then goes.
        let text = digits.format(power + scaled);
        part("0.");
        part(&text[1..]);
    }
}

/// [`write_parts`] appended to `out`: the sign and the point as characters, the digits cut
/// from the digits of one integer.
fn push_parts(scaled: u64, decimals: usize, negative: bool, out: &mut String) {
    if negative {
        out.push('-');
    }
    let mut digits = itoa::Buffer::new();
    if decimals == 0 {
        out.push_str(digits.format(scaled));
        return;
    }
    let power = POWERS[decimals];
    if scaled >= power {
        let text = digits.format(scaled);
        let (whole, fraction) = text.split_at(text.len() - decimals);
        out.push_str(whole);
        out.push('.');
        out.push_str(fraction);
    } else {
        let text = digits.format(power + scaled);
        out.push_str("0.");
        out.push_str(&text[1..]);
    }
}

/// `|value| · 10^decimals` rounded to the nearest integer, when that is certain: the exact
/// binary value is compared with the candidate in 128-bit integers. `None` for a tie (the
/// standard library settles those), a value too small or too large for the exact test, or one
/// not finite.
fn rounded_scaled(value: f64, decimals: usize) -> Option<u64> {
    if !value.is_finite() || decimals > MAX_FAST_DECIMALS || value == 0.0 {
        return None;
    }
    let scale = POWERS[decimals];
    let estimate = value.abs() * scale as f64;
    // Below 2^53 the candidate is an integer held exactly by the float and by a u64.
    if estimate >= 9_007_199_254_740_991.0 {
        return None;
    }
    // A candidate only: rounding the float product may be one off, and the exact test below
    // turns any wrong candidate into `None` (the standard library's path).
    let candidate = (estimate + 0.5) as u64;
    // |value| = mantissa · 2^exponent exactly.
    let bits = value.abs().to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    let (mantissa, exponent) = if biased == 0 { (fraction, -1074) } else { (fraction | (1u64 << 52), biased - 1075) };
    let exact = u128::from(mantissa) * u128::from(scale);
    if exponent >= 0 {
        // A whole number: the candidate must be it.
        let whole = exact.checked_shl(exponent as u32).filter(|w| w >> exponent == exact)?;
        return (whole == u128::from(candidate)).then_some(candidate);
    }
    let shift = exponent.unsigned_abs();
    // |value| · scale − candidate = (exact − candidate · 2^shift) / 2^shift: nearer than a half.
    if shift > 64 {
        return None;
    }
    let candidate_scaled = u128::from(candidate) << shift;
    let distance = exact.abs_diff(candidate_scaled);
    let half = 1u128 << (shift - 1);
    (distance < half).then_some(candidate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same_as_std(value: f64, decimals: usize) {
        let std = format!("{value:.decimals$}");
        assert_eq!(Fixed(value, decimals).to_string(), std, "{value:e} to {decimals}");
        let mut pushed = String::from("<");
        Fixed(value, decimals).push_to(&mut pushed);
        assert_eq!(pushed[1..], std, "{value:e} to {decimals}, pushed");
    }

    #[test]
    fn known_values_read_as_the_standard_library_writes_them() {
        for value in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            1.5,
            2.5,
            0.125,
            0.375,
            0.005,
            0.015,
            0.025,
            1.005,
            2.675,
            9.995,
            99.995,
            0.00004,
            -0.00004,
            0.00005,
            -0.00005,
            1e-300,
            5e-324,
            1e15,
            4.5e15,
            9.1e15,
            1e300,
            123.456_789,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            for decimals in 0..=10 {
                same_as_std(value, decimals);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn any_float_reads_as_the_standard_library_writes_it(bits: u64, decimals in 0usize..=10) {
            same_as_std(f64::from_bits(bits), decimals);
        }

        #[test]
        fn report_sized_floats_read_as_the_standard_library_writes_them(
            value in -100_000.0f64..100_000.0,
            decimals in 0usize..=6,
        ) {
            same_as_std(value, decimals);
        }

        /// Values next to a tie of the last digit (k + 1/2 over 10^decimals, and the floats
        /// beside it), where a rounded product would be wrong.
        #[test]
        fn values_beside_ties_read_as_the_standard_library_writes_them(
            whole in 0u64..10_000_000,
            decimals in 0usize..=6,
            step in -3i64..=3,
        ) {
            let tie = (whole as f64 + 0.5) / 10f64.powi(decimals as i32);
            let beside = f64::from_bits(tie.to_bits().wrapping_add_signed(step));
            same_as_std(beside, decimals);
            same_as_std(-beside, decimals);
        }
    }
}
