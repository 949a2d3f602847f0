//! The integers of the fraction-free simplex tableau: `i128` that reports overflow, big
//! integers, and the mixed kind the solver falls back to (`i128` while a value fits).

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
        // Factors of 64 bits (the common case) cannot overflow: no checks needed.
        if let (Ok(a), Ok(p), Ok(f), Ok(b)) =
            (i64::try_from(*a), i64::try_from(*p), i64::try_from(*f), i64::try_from(*b))
        {
            let numerator = i128::from(a) * i128::from(p) - i128::from(f) * i128::from(b);
            return divide_exact(numerator, *d);
        }
        let product = a.checked_mul(*p)?;
        let numerator = if *f == 0 || *b == 0 { product } else { product.checked_sub(f.checked_mul(*b)?)? };
        divide_exact(numerator, *d)
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

/// `numerator / d` when it is exact; in 64 bits when both fit (a much cheaper division).
fn divide_exact(numerator: i128, d: i128) -> Option<i128> {
    if d == 1 {
        return Some(numerator);
    }
    if let (Ok(n), Ok(d)) = (i64::try_from(numerator), i64::try_from(d)) {
        let quotient = n.checked_div(d)?;
        return (quotient.wrapping_mul(d) == n).then_some(i128::from(quotient));
    }
    let quotient = numerator.checked_div(d)?;
    (quotient.wrapping_mul(d) == numerator).then_some(quotient)
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

/// An integer held as `i128` while it fits and as a big integer only when it does not, so a
/// tableau whose few large entries outgrow `i128` keeps its many small ones cheap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Mixed {
    Small(i128),
    /// Never a value that fits `i128`.
    Big(BigInt),
}

impl Mixed {
    fn from_big(value: BigInt) -> Mixed {
        match i128::try_from(&value) {
            Ok(small) => Mixed::Small(small),
            Err(_) => Mixed::Big(value),
        }
    }

    fn to_big(&self) -> BigInt {
        match self {
            Mixed::Small(small) => BigInt::from(*small),
            Mixed::Big(big) => big.clone(),
        }
    }
}

impl PartialOrd for Mixed {
    fn partial_cmp(&self, other: &Mixed) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Mixed {
    fn cmp(&self, other: &Mixed) -> Ordering {
        match (self, other) {
            (Mixed::Small(a), Mixed::Small(b)) => a.cmp(b),
            // A big value lies beyond every small one, on the side of its sign.
            (Mixed::Big(a), Mixed::Small(_)) => Entry::sign(a),
            (Mixed::Small(_), Mixed::Big(b)) => Entry::sign(b).reverse(),
            (Mixed::Big(a), Mixed::Big(b)) => a.cmp(b),
        }
    }
}

impl Entry for Mixed {
    fn from_int(value: i128) -> Mixed {
        Mixed::Small(value)
    }

    fn sign(&self) -> Ordering {
        match self {
            Mixed::Small(small) => small.cmp(&0),
            Mixed::Big(big) => Entry::sign(big),
        }
    }

    fn neg(&self) -> Option<Mixed> {
        Some(match self {
            Mixed::Small(small) => small.checked_neg().map_or_else(|| Mixed::Big(-BigInt::from(*small)), Mixed::Small),
            Mixed::Big(big) => Mixed::from_big(-big),
        })
    }

    fn eliminate(a: &Mixed, p: &Mixed, f: &Mixed, b: &Mixed, d: &Mixed) -> Option<Mixed> {
        if let (Mixed::Small(a), Mixed::Small(p), Mixed::Small(f), Mixed::Small(b), Mixed::Small(d)) = (a, p, f, b, d)
            && let Some(small) = i128::eliminate(a, p, f, b, d)
        {
            return Some(Mixed::Small(small));
        }
        BigInt::eliminate(&a.to_big(), &p.to_big(), &f.to_big(), &b.to_big(), &d.to_big()).map(Mixed::from_big)
    }

    fn mul_add(a: &Mixed, f: &Mixed, b: &Mixed) -> Option<Mixed> {
        if let (Mixed::Small(a), Mixed::Small(f), Mixed::Small(b)) = (a, f, b)
            && let Some(small) = i128::mul_add(a, f, b)
        {
            return Some(Mixed::Small(small));
        }
        BigInt::mul_add(&a.to_big(), &f.to_big(), &b.to_big()).map(Mixed::from_big)
    }

    fn cmp_products(a: &Mixed, b: &Mixed, c: &Mixed, d: &Mixed) -> Option<Ordering> {
        if let (Mixed::Small(a), Mixed::Small(b), Mixed::Small(c), Mixed::Small(d)) = (a, b, c, d)
            && let Some(order) = i128::cmp_products(a, b, c, d)
        {
            return Some(order);
        }
        BigInt::cmp_products(&a.to_big(), &b.to_big(), &c.to_big(), &d.to_big())
    }

    fn over(&self, den: &Mixed) -> BigRational {
        match (self, den) {
            (Mixed::Small(num), Mixed::Small(den)) => num.over(den),
            _ => BigRational::new(self.to_big(), den.to_big()),
        }
    }
}
