//! The simplex the fraction-free one replaced, kept as a reference for the differential
//! tests: the same two-phase dictionary with Bland's rule over reduced fractions (`i128`,
//! falling back to big rationals), each entry reduced by a gcd after every operation.

use std::cmp::Ordering;
use std::fmt;

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{Signed, Zero};

use crate::outcomes::simplex::{LeRow, Lp, SolveError};

/// The reference solver, with the signature of [`crate::outcomes::simplex::TableauSolver`].
pub(super) fn solve_rational(vars: usize, le: &[LeRow], objectives: &[&[i128]]) -> Result<Vec<Lp>, SolveError> {
    match Dictionary::<Small>::solve(vars, le, objectives) {
        Some(found) => Ok(found),
        None => Dictionary::<BigRational>::solve(vars, le, objectives).ok_or(SolveError::TooLarge),
    }
}

/// An exact rational number; every operation says `None` when it cannot be done exactly.
trait Scalar: Clone + fmt::Debug {
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
struct Small {
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

/// A simplex dictionary: each basic variable as a constant plus a combination of the
/// non-basic ones. Variables `0..vars` are the problem's, then one slack per row, then the
/// auxiliary variable of phase one.
#[derive(Debug)]
struct Dictionary<S> {
    /// `rows[r] = [constant, coefficient of nonbasic[0], …]`.
    rows: Vec<Vec<S>>,
    basis: Vec<usize>,
    nonbasic: Vec<usize>,
    objective: Vec<S>,
}

impl<S: Scalar> Dictionary<S> {
    /// `None` when the arithmetic of `S` overflowed.
    fn solve(vars: usize, le: &[LeRow], objectives: &[&[i128]]) -> Option<Vec<Lp>> {
        let answers = objectives.len().max(1);
        let m = le.len();
        let aux = vars + m;
        let needs_phase_one = le.iter().any(|(_, rhs)| *rhs < 0);
        let mut rows = Vec::with_capacity(m);
        for (coef, rhs) in le {
            let mut row = Vec::with_capacity(vars + 2);
            row.push(S::from_int(*rhs));
            for c in coef {
                row.push(S::from_int(c.checked_neg()?));
            }
            if needs_phase_one {
                row.push(S::from_int(1));
            }
            rows.push(row);
        }
        let mut nonbasic: Vec<usize> = (0..vars).collect();
        if needs_phase_one {
            nonbasic.push(aux);
        }
        let width = nonbasic.len() + 1;
        let mut dict =
            Dictionary { rows, basis: (vars..vars + m).collect(), nonbasic, objective: vec![S::from_int(0); width] };
        if needs_phase_one {
            // Maximise −x₀: x₀ enters at the most negative row, which makes the dictionary feasible.
            dict.objective[width - 1] = S::from_int(-1);
            let mut leaving = 0;
            for r in 1..m {
                if dict.rows[r][0].cmp_with(&dict.rows[leaving][0])? == Ordering::Less {
                    leaving = r;
                }
            }
            dict.pivot(leaving, width - 2)?;
            if !dict.run()? {
                return Some(vec![Lp::Unbounded; answers]); // cannot happen: −x₀ ≤ 0
            }
            if dict.objective[0].sign() == Ordering::Less {
                return Some(vec![Lp::Infeasible; answers]);
            }
            dict.drop_auxiliary(aux)?;
        }
        if objectives.is_empty() {
            return Some(vec![Lp::Optimal { point: dict.point(vars), value: BigRational::zero() }]);
        }
        let mut found = Vec::with_capacity(objectives.len());
        for objective in objectives {
            dict.set_objective(objective)?;
            if dict.run()? {
                found.push(Lp::Optimal { point: dict.point(vars), value: dict.objective[0].to_big() });
            } else {
                // Unbounded: the dictionary is still feasible for the next objective.
                found.push(Lp::Unbounded);
            }
        }
        Some(found)
    }

    /// Simplex iterations with Bland's rule; `Some(false)` when unbounded.
    fn run(&mut self) -> Option<bool> {
        loop {
            let mut entering: Option<usize> = None;
            for (j, var) in self.nonbasic.iter().enumerate() {
                if self.objective[j + 1].sign() == Ordering::Greater && entering.is_none_or(|e| *var < self.nonbasic[e])
                {
                    entering = Some(j);
                }
            }
            let Some(j) = entering else { return Some(true) };
            let mut leaving: Option<(usize, S)> = None;
            for (r, row) in self.rows.iter().enumerate() {
                if row[j + 1].sign() != Ordering::Less {
                    continue;
                }
                let ratio = row[0].div(&row[j + 1].neg()?)?;
                let better = match &leaving {
                    None => true,
                    Some((best, best_ratio)) => match ratio.cmp_with(best_ratio)? {
                        Ordering::Less => true,
                        Ordering::Equal => self.basis[r] < self.basis[*best],
                        Ordering::Greater => false,
                    },
                };
                if better {
                    leaving = Some((r, ratio));
                }
            }
            let Some((r, _)) = leaving else { return Some(false) };
            self.pivot(r, j)?;
        }
    }

    /// Exchanges the basic variable of row `r` with the non-basic variable of column `j`.
    fn pivot(&mut self, r: usize, j: usize) -> Option<()> {
        let col = j + 1;
        let pivot = self.rows[r][col].clone();
        let mut new_row = Vec::with_capacity(self.rows[r].len());
        for (k, value) in self.rows[r].iter().enumerate() {
            if k == col {
                new_row.push(S::from_int(1).div(&pivot)?);
            } else {
                new_row.push(value.div(&pivot)?.neg()?);
            }
        }
        let substitute = |target: &mut Vec<S>| -> Option<()> {
            let factor = target[col].clone();
            if factor.is_zero() {
                return Some(());
            }
            for (k, value) in new_row.iter().enumerate() {
                if k == col {
                    target[k] = factor.mul(value)?;
                } else if !value.is_zero() {
                    target[k] = target[k].add(&factor.mul(value)?)?;
                }
            }
            Some(())
        };
        for (i, row) in self.rows.iter_mut().enumerate() {
            if i != r {
                substitute(row)?;
            }
        }
        substitute(&mut self.objective)?;
        self.rows[r] = new_row;
        std::mem::swap(&mut self.basis[r], &mut self.nonbasic[j]);
        Some(())
    }

    /// After phase one: pivots the auxiliary variable out of the basis if it is there (at
    /// zero), then removes its column.
    fn drop_auxiliary(&mut self, aux: usize) -> Option<()> {
        if let Some(r) = self.basis.iter().position(|v| *v == aux) {
            match (0..self.nonbasic.len()).find(|j| !self.rows[r][j + 1].is_zero()) {
                Some(j) => self.pivot(r, j)?,
                None => {
                    self.rows.remove(r);
                    self.basis.remove(r);
                }
            }
        }
        let j = self.nonbasic.iter().position(|v| *v == aux)?;
        for row in &mut self.rows {
            row.remove(j + 1);
        }
        self.objective.remove(j + 1);
        self.nonbasic.remove(j);
        Some(())
    }

    /// Writes `objective · x` in the current non-basic variables.
    fn set_objective(&mut self, objective: &[i128]) -> Option<()> {
        let mut row = vec![S::from_int(0); self.nonbasic.len() + 1];
        for (j, var) in self.nonbasic.iter().enumerate() {
            if let Some(c) = objective.get(*var) {
                row[j + 1] = S::from_int(*c);
            }
        }
        for (r, var) in self.basis.iter().enumerate() {
            let Some(c) = objective.get(*var).filter(|c| **c != 0) else { continue };
            let c = S::from_int(*c);
            for (k, value) in self.rows[r].iter().enumerate() {
                row[k] = row[k].add(&c.mul(value)?)?;
            }
        }
        self.objective = row;
        Some(())
    }

    fn point(&self, vars: usize) -> Vec<BigRational> {
        let mut point = vec![BigRational::zero(); vars];
        for (r, var) in self.basis.iter().enumerate() {
            if *var < vars {
                point[*var] = self.rows[r][0].to_big();
            }
        }
        point
    }
}
