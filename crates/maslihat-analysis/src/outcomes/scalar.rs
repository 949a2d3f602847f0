//! The integers of the fraction-free simplex tableau: `i128` that reports overflow, and big
//! integers that the solver falls back to.

use std::cmp::Ordering;
use std::fmt;

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};

/// An integer entry of the tableau; every operation says `None` when it cannot be done
/// exactly in the type (overflow, or a division that leaves a remainder).
pub(crate) trait Entry: Clone + fmt::Debug + Ord {
    fn from_int(value: i128) -> Self;
    fn sign(&self) -> Ordering;
    fn is_zero(&self) -> bool {
        self.sign() == Ordering::Equal
    }
    fn neg(&self) -> Option<Self>;
    /// `(a·p − f·b) / d`, a division that must be exact (`d > 0`).
    fn eliminate(a: &Self, p: &Self, f: &Self, b: &Self, d: &Self) -> Option<Self>;
    /// `a + f·b`.
    fn mul_add(a: &Self, f: &Self, b: &Self) -> Option<Self>;
    /// `a·b` against `c·d`, for `a, b, c, d ≥ 0`.
    fn cmp_products(a: &Self, b: &Self, c: &Self, d: &Self) -> Option<Ordering>;
    /// `self / den` as a reduced rational (`den > 0`).
    fn over(&self, den: &Self) -> BigRational;
}

impl Entry for i128 {
    fn from_int(value: i128) -> i128 {
        value
    }

    fn sign(&self) -> Ordering {
        self.cmp(&0)
    }

    fn neg(&self) -> Option<i128> {
        self.checked_neg()
    }

    fn eliminate(a: &i128, p: &i128, f: &i128, b: &i128, d: &i128) -> Option<i128> {
        let product = a.checked_mul(*p)?;
        let numerator = if *f == 0 || *b == 0 { product } else { product.checked_sub(f.checked_mul(*b)?)? };
        if *d == 1 {
            return Some(numerator);
        }
        let quotient = numerator / d;
        (quotient.wrapping_mul(*d) == numerator).then_some(quotient)
    }

    fn mul_add(a: &i128, f: &i128, b: &i128) -> Option<i128> {
        a.checked_add(f.checked_mul(*b)?)
    }

    fn cmp_products(a: &i128, b: &i128, c: &i128, d: &i128) -> Option<Ordering> {
        let unsigned = |x: &i128| u128::try_from(*x).ok();
        Some(maslihat_apportion::cmp_products(unsigned(a)?, unsigned(b)?, unsigned(c)?, unsigned(d)?))
    }

    fn over(&self, den: &i128) -> BigRational {
        let g = self.gcd(den).max(1);
        BigRational::new_raw(BigInt::from(self / g), BigInt::from(den / g))
    }
}

impl Entry for BigInt {
    fn from_int(value: i128) -> BigInt {
        BigInt::from(value)
    }

    fn sign(&self) -> Ordering {
        if self.is_positive() {
            Ordering::Greater
        } else if self.is_negative() {
            Ordering::Less
        } else {
            Ordering::Equal
        }
    }

    fn neg(&self) -> Option<BigInt> {
        Some(-self)
    }

    fn eliminate(a: &BigInt, p: &BigInt, f: &BigInt, b: &BigInt, d: &BigInt) -> Option<BigInt> {
        let mut numerator = a * p;
        if !Zero::is_zero(f) && !Zero::is_zero(b) {
            numerator -= f * b;
        }
        if d.is_one() {
            return Some(numerator);
        }
        let (quotient, remainder) = numerator.div_rem(d);
        Zero::is_zero(&remainder).then_some(quotient)
    }

    fn mul_add(a: &BigInt, f: &BigInt, b: &BigInt) -> Option<BigInt> {
        Some(a + f * b)
    }

    fn cmp_products(a: &BigInt, b: &BigInt, c: &BigInt, d: &BigInt) -> Option<Ordering> {
        Some((a * b).cmp(&(c * d)))
    }

    fn over(&self, den: &BigInt) -> BigRational {
        BigRational::new(self.clone(), den.clone())
    }
}
