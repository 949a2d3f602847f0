//! Exact rationals for the simplex: a fast one over `i128` that reports overflow, and an
//! unbounded one over big integers that the solver falls back to.

use std::cmp::Ordering;
use std::fmt;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, Zero};

/// An exact rational number; every operation says `None` when it cannot be done exactly.
pub(crate) trait Scalar: Clone + fmt::Debug {
    fn from_int(value: i128) -> Self;
    fn is_zero(&self) -> bool;
    fn sign(&self) -> Ordering;
    fn add(&self, other: &Self) -> Option<Self>;
    fn mul(&self, other: &Self) -> Option<Self>;
    /// `self / other`; `other` is never zero.
    fn div(&self, other: &Self) -> Option<Self>;
    fn neg(&self) -> Option<Self>;
    fn cmp_with(&self, other: &Self) -> Option<Ordering>;
    fn to_big(&self) -> BigRational;
}

/// A reduced fraction of `i128`s with a positive denominator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Small {
    num: i128,
    den: i128,
}

fn gcd(a: i128, b: i128) -> i128 {
    let (a, b) = (a.unsigned_abs(), b.unsigned_abs());
    // num-integer's gcd is Stein's binary gcd (no division); the 64-bit one is faster when
    // both fit.
    let g = match (u64::try_from(a), u64::try_from(b)) {
        (Ok(a), Ok(b)) => u128::from(num_integer::gcd(a, b)),
        _ => num_integer::gcd(a, b),
    };
    // Both inputs fit i128, so their gcd does too, except gcd(MIN, 0) = 2^127.
    i128::try_from(g).unwrap_or(1)
}

impl Small {
    fn make(num: i128, den: i128) -> Option<Small> {
        if den == 0 {
            return None;
        }
        let g = gcd(num, den).max(1);
        let (num, den) = (num / g, den / g);
        if den < 0 {
            Some(Small { num: num.checked_neg()?, den: den.checked_neg()? })
        } else {
            Some(Small { num, den })
        }
    }
}

impl Scalar for Small {
    fn from_int(value: i128) -> Small {
        Small { num: value, den: 1 }
    }

    fn is_zero(&self) -> bool {
        self.num == 0
    }

    fn sign(&self) -> Ordering {
        self.num.cmp(&0)
    }

    fn add(&self, other: &Small) -> Option<Small> {
        if self.den == 1 && other.den == 1 {
            return Some(Small { num: self.num.checked_add(other.num)?, den: 1 });
        }
        let g = gcd(self.den, other.den);
        let (left, right) = (self.den / g, other.den / g);
        let num = self.num.checked_mul(right)?.checked_add(other.num.checked_mul(left)?)?;
        Small::make(num, self.den.checked_mul(right)?)
    }

    fn mul(&self, other: &Small) -> Option<Small> {
        if self.den == 1 && other.den == 1 {
            return Some(Small { num: self.num.checked_mul(other.num)?, den: 1 });
        }
        let g1 = gcd(self.num, other.den).max(1);
        let g2 = gcd(other.num, self.den).max(1);
        let num = (self.num / g1).checked_mul(other.num / g2)?;
        let den = (self.den / g2).checked_mul(other.den / g1)?;
        Some(Small { num, den })
    }

    fn div(&self, other: &Small) -> Option<Small> {
        let inverse = Small::make(other.den, other.num)?;
        self.mul(&inverse)
    }

    fn neg(&self) -> Option<Small> {
        Some(Small { num: self.num.checked_neg()?, den: self.den })
    }

    fn cmp_with(&self, other: &Small) -> Option<Ordering> {
        if self.den == other.den {
            return Some(self.num.cmp(&other.num));
        }
        Some(self.num.checked_mul(other.den)?.cmp(&other.num.checked_mul(self.den)?))
    }

    fn to_big(&self) -> BigRational {
        BigRational::new(BigInt::from(self.num), BigInt::from(self.den))
    }
}

impl Scalar for BigRational {
    fn from_int(value: i128) -> BigRational {
        BigRational::from_integer(BigInt::from(value))
    }

    fn is_zero(&self) -> bool {
        Zero::is_zero(self)
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

    fn add(&self, other: &BigRational) -> Option<BigRational> {
        Some(self + other)
    }

    fn mul(&self, other: &BigRational) -> Option<BigRational> {
        Some(self * other)
    }

    fn div(&self, other: &BigRational) -> Option<BigRational> {
        Some(self / other)
    }

    fn neg(&self) -> Option<BigRational> {
        Some(-self)
    }

    fn cmp_with(&self, other: &BigRational) -> Option<Ordering> {
        Some(self.cmp(other))
    }

    fn to_big(&self) -> BigRational {
        self.clone()
    }
}
