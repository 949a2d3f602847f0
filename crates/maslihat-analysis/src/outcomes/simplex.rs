//! Exact linear programming over the integers' rational relaxation: a two-phase fraction-free
//! dictionary simplex with Bland's rule (no cycling), in `i128` and, when that overflows, in big
//! integers; and integer points by scaling (homogeneous systems) or branch and bound.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, ToPrimitive, Zero};

use super::scalar::{Entry, Mixed};

/// The relation of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Le,
    Ge,
    Eq,
}

/// `coef · x  op  rhs`, over integer variables `x ≥ 0`. A strict row (`<`, `>`) is kept as
/// such: over the integers it is `≤ rhs − 1` (`≥ rhs + 1`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub coef: Vec<i128>,
    pub op: Op,
    pub rhs: i128,
    pub strict: bool,
}

impl Row {
    /// `coef · x ≥ 0`, or `> 0` when `strict`.
    pub fn at_least_zero(coef: Vec<i128>, strict: bool) -> Row {
        Row { coef, op: Op::Ge, rhs: 0, strict }
    }

    /// The row over the integers, as one or two `≤` rows without strictness.
    fn push_le(&self, out: &mut Vec<LeRow>) -> Option<()> {
        let negated = || self.coef.iter().map(|c| c.checked_neg()).collect::<Option<Vec<i128>>>();
        match self.op {
            Op::Le => out.push((self.coef.clone(), if self.strict { self.rhs.checked_sub(1)? } else { self.rhs })),
            Op::Ge => {
                let rhs = if self.strict { self.rhs.checked_add(1)? } else { self.rhs };
                out.push((negated()?, rhs.checked_neg()?));
            }
            Op::Eq => {
                out.push((self.coef.clone(), self.rhs));
                out.push((negated()?, self.rhs.checked_neg()?));
            }
        }
        Some(())
    }
}

/// The right-hand side of a row over the integers: a strict row tightened by one.
pub(crate) fn tightened_rhs(row: &Row) -> Option<i128> {
    match (row.op, row.strict) {
        (Op::Le, true) => row.rhs.checked_sub(1),
        (Op::Ge, true) => row.rhs.checked_add(1),
        _ => Some(row.rhs),
    }
}

/// `rows` less those that cut nothing off: a row every `x ≥ 0` meets, and a row implied by
/// another with the same coefficients and relation (the tighter is kept). The feasible set is
/// the same, so feasibility and every optimal value are; the vertices the simplex walks are not,
/// so this is only for programs whose point is not an answer.
pub(crate) fn without_redundant(rows: &[Row]) -> Vec<Row> {
    let mut kept: Vec<Row> = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(rhs) = tightened_rhs(row) else {
            kept.push(row.clone());
            continue;
        };
        let met_by_every_point = match row.op {
            Op::Ge => rhs <= 0 && row.coef.iter().all(|c| *c >= 0),
            Op::Le => rhs >= 0 && row.coef.iter().all(|c| *c <= 0),
            Op::Eq => false,
        };
        if met_by_every_point {
            continue;
        }
        let same = kept.iter_mut().find(|other| other.op == row.op && row.op != Op::Eq && other.coef == row.coef);
        match same {
            Some(other) => {
                let Some(other_rhs) = tightened_rhs(other) else { continue };
                let tighter = if row.op == Op::Ge { rhs > other_rhs } else { rhs < other_rhs };
                if tighter {
                    *other = row.clone();
                }
            }
            None => kept.push(row.clone()),
        }
    }
    kept
}

/// Why an exact solve stopped without an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SolveError {
    /// Branch and bound met its node bound.
    NodeBound,
    /// Branch and bound went deeper than [`MAX_DEPTH`] nested choices.
    DepthBound,
    /// A coefficient or a solution does not fit the integers used.
    TooLarge,
}

/// The answer of a linear program (maximisation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Lp {
    Infeasible,
    Unbounded,
    Optimal { point: Vec<BigRational>, value: BigRational },
}

/// Maximises `objective · x` (or finds any feasible point when `None`) over the rational
/// relaxation of `rows` (strict rows tightened by one, as over the integers), `x ≥ 0`.
pub(crate) fn solve_lp(vars: usize, rows: &[Row], objective: Option<&[i128]>) -> Result<Lp, SolveError> {
    let objectives: Vec<&[i128]> = objective.into_iter().collect();
    let mut answers = solve_lps(vars, rows, &objectives)?;
    Ok(answers.pop().unwrap_or(Lp::Infeasible))
}

/// As [`solve_lp`] for several objectives over the same rows (phase one done once); with no
/// objective, one answer: a feasible point or infeasible.
pub(crate) fn solve_lps(vars: usize, rows: &[Row], objectives: &[&[i128]]) -> Result<Vec<Lp>, SolveError> {
    solve_lps_by(vars, rows, objectives, solve_tableau)
}

/// A solver of `≤` rows over non-negative variables.
pub(crate) type TableauSolver = fn(usize, &[LeRow], &[&[i128]]) -> Result<Vec<Lp>, SolveError>;

/// [`solve_lps`] with the `≤` rows left after the preparation solved by `solve`.
pub(crate) fn solve_lps_by(
    vars: usize,
    rows: &[Row],
    objectives: &[&[i128]],
    solve: TableauSolver,
) -> Result<Vec<Lp>, SolveError> {
    let answers = objectives.len().max(1);
    // Variables fixed by a one-variable equation (exact counts, no "against all") leave the
    // problem: fewer rows and columns for the simplex.
    let fixed = fixed_by_equations(vars, rows);
    if fixed.iter().flatten().any(|value| *value < 0) {
        return Ok(vec![Lp::Infeasible; answers]);
    }
    let free: Vec<usize> = (0..vars).filter(|v| fixed[*v].is_none()).collect();
    let mut le = Vec::with_capacity(rows.len() + 4);
    for row in rows {
        let mut offset = 0i128;
        for (var, value) in fixed.iter().enumerate() {
            if let Some(value) = value {
                offset = row.coef[var]
                    .checked_mul(*value)
                    .and_then(|p| offset.checked_add(p))
                    .ok_or(SolveError::TooLarge)?;
            }
        }
        let reduced = Row {
            coef: free.iter().map(|v| row.coef[*v]).collect(),
            op: row.op,
            rhs: row.rhs.checked_sub(offset).ok_or(SolveError::TooLarge)?,
            strict: row.strict,
        };
        if reduced.coef.iter().all(|c| *c == 0) {
            let holds = match (reduced.op, reduced.strict) {
                (Op::Le, false) => 0 <= reduced.rhs,
                (Op::Le, true) => 0 < reduced.rhs,
                (Op::Ge, false) => 0 >= reduced.rhs,
                (Op::Ge, true) => 0 > reduced.rhs,
                (Op::Eq, _) => reduced.rhs == 0,
            };
            if !holds {
                return Ok(vec![Lp::Infeasible; answers]);
            }
            continue;
        }
        reduced.push_le(&mut le).ok_or(SolveError::TooLarge)?;
    }
    let reduced: Vec<Vec<i128>> =
        objectives.iter().map(|o| free.iter().map(|v| o.get(*v).copied().unwrap_or(0)).collect()).collect();
    let reduced_refs: Vec<&[i128]> = reduced.iter().map(Vec::as_slice).collect();
    let found = solve(free.len(), &le, &reduced_refs)?;
    let lift = |answer: Lp, objective: Option<&[i128]>| -> Lp {
        let Lp::Optimal { point: reduced_point, value } = answer else { return answer };
        let mut point: Vec<BigRational> =
            fixed.iter().map(|f| BigRational::from_integer(BigInt::from(f.unwrap_or(0)))).collect();
        for (v, x) in free.iter().zip(reduced_point) {
            point[*v] = x;
        }
        let constant: i128 = objective.map_or(0, |o| {
            fixed.iter().enumerate().map(|(v, f)| o.get(v).copied().unwrap_or(0) * f.unwrap_or(0)).sum()
        });
        Lp::Optimal { point, value: value + BigRational::from_integer(BigInt::from(constant)) }
    };
    Ok(found.into_iter().enumerate().map(|(i, answer)| lift(answer, objectives.get(i).copied())).collect())
}

/// Per variable, the integer value a one-variable equation fixes it at (the first such
/// equation), if any.
pub(crate) fn fixed_by_equations(vars: usize, rows: &[Row]) -> Vec<Option<i128>> {
    let mut fixed: Vec<Option<i128>> = vec![None; vars];
    for row in rows.iter().filter(|r| r.op == Op::Eq) {
        let mut nonzero = row.coef.iter().enumerate().filter(|(_, c)| **c != 0);
        if let (Some((var, c)), None) = (nonzero.next(), nonzero.next())
            && row.rhs.checked_rem(*c) == Some(0)
            && fixed[var].is_none()
        {
            fixed[var] = row.rhs.checked_div(*c);
        }
    }
    fixed
}

/// A problem of `≤` rows `(coefficients, right-hand side)` over non-negative variables.
pub(crate) type LeRow = (Vec<i128>, i128);

/// Solves `≤` rows over `vars` non-negative variables: in `i128` first and, when a number
/// outgrows it, again with big integers for the entries that need them.
fn solve_tableau(vars: usize, le: &[LeRow], objectives: &[&[i128]]) -> Result<Vec<Lp>, SolveError> {
    match fraction_free::<i128>(vars, le, objectives) {
        Some(found) => Ok(found),
        None => fraction_free::<Mixed>(vars, le, objectives).ok_or(SolveError::TooLarge),
    }
}

/// The fraction-free simplex in the integers `E`; `None` when a number does not fit them.
pub(crate) fn fraction_free<E: Entry>(vars: usize, le: &[LeRow], objectives: &[&[i128]]) -> Option<Vec<Lp>> {
    Dictionary::<E>::solve(vars, le, objectives)
}

/// A simplex dictionary, fraction-free (integer pivoting, as in Edmonds' and Bareiss'
/// elimination): each basic variable as a constant plus a combination of the non-basic ones,
/// every entry an integer numerator over one common denominator `den`, the absolute value of
/// the last pivot. A pivot updates an entry as `(a·p − f·b) / den`, a division that is always
/// exact (every entry is a minor of the original rows), so no fraction is ever reduced. The
/// decisions (Bland's rule, the ratio test) are those of the rational dictionary, taken on the
/// same values, so the pivots and the answers are the same.
///
/// Variables `0..vars` are the problem's, then one slack per row, then the auxiliary variable
/// of phase one.
#[derive(Debug)]
struct Dictionary<E> {
    /// `rows[r] = [constant, coefficient of nonbasic[0], …]`, numerators over `den`.
    rows: Vec<Vec<E>>,
    basis: Vec<usize>,
    nonbasic: Vec<usize>,
    /// As a row, numerators over `den`.
    objective: Vec<E>,
    /// The common denominator, positive.
    den: E,
}

impl<E: Entry> Dictionary<E> {
    /// `None` when the arithmetic of `E` overflowed.
    fn solve(vars: usize, le: &[LeRow], objectives: &[&[i128]]) -> Option<Vec<Lp>> {
        let answers = objectives.len().max(1);
        let m = le.len();
        let aux = vars + m;
        let needs_phase_one = le.iter().any(|(_, rhs)| *rhs < 0);
        let mut rows = Vec::with_capacity(m);
        for (coef, rhs) in le {
            let mut row = Vec::with_capacity(vars + 2);
            row.push(E::from_int(*rhs));
            for c in coef {
                row.push(E::from_int(c.checked_neg()?));
            }
            if needs_phase_one {
                row.push(E::from_int(1));
            }
            rows.push(row);
        }
        let mut nonbasic: Vec<usize> = (0..vars).collect();
        if needs_phase_one {
            nonbasic.push(aux);
        }
        let width = nonbasic.len() + 1;
        let mut dict = Dictionary {
            rows,
            basis: (vars..vars + m).collect(),
            nonbasic,
            objective: vec![E::from_int(0); width],
            den: E::from_int(1),
        };
        if needs_phase_one {
            // Maximise −x₀: x₀ enters at the most negative row, which makes the dictionary feasible.
            dict.objective[width - 1] = E::from_int(-1);
            let mut leaving = 0;
            for r in 1..m {
                if dict.rows[r][0] < dict.rows[leaving][0] {
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
                found.push(Lp::Optimal { point: dict.point(vars), value: dict.objective[0].over(&dict.den) });
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
            // The ratio of row r is `rows[r][0] / −rows[r][j + 1]` (the denominators cancel),
            // compared by cross-multiplying.
            let mut leaving: Option<(usize, E)> = None;
            for (r, row) in self.rows.iter().enumerate() {
                if row[j + 1].sign() != Ordering::Less {
                    continue;
                }
                let step = row[j + 1].neg()?;
                let better = match &leaving {
                    None => true,
                    Some((best, best_step)) => {
                        match E::cmp_products(&row[0], best_step, &self.rows[*best][0], &step)? {
                            Ordering::Less => true,
                            Ordering::Equal => self.basis[r] < self.basis[*best],
                            Ordering::Greater => false,
                        }
                    }
                };
                if better {
                    leaving = Some((r, step));
                }
            }
            let Some((r, _)) = leaving else { return Some(false) };
            self.pivot(r, j)?;
        }
    }

    /// Exchanges the basic variable of row `r` with the non-basic variable of column `j`.
    fn pivot(&mut self, r: usize, j: usize) -> Option<()> {
        let col = j + 1;
        // With the pivot's sign moved into the factors, the new denominator `|p|` stays positive.
        let negative = self.rows[r][col].sign() == Ordering::Less;
        let pivot = if negative { self.rows[r][col].neg()? } else { self.rows[r][col].clone() };
        let pivot_row = std::mem::take(&mut self.rows[r]);
        let den = &self.den;
        let substitute = |target: &mut Vec<E>| -> Option<()> {
            let factor = if negative { target[col].neg()? } else { target[col].clone() };
            for (k, (value, old)) in target.iter_mut().zip(&pivot_row).enumerate() {
                if k == col || (value.is_zero() && (factor.is_zero() || old.is_zero())) {
                    continue;
                }
                *value = E::eliminate(value, &pivot, &factor, old, den)?;
            }
            target[col] = factor;
            Some(())
        };
        for (i, row) in self.rows.iter_mut().enumerate() {
            if i != r {
                substitute(row)?;
            }
        }
        substitute(&mut self.objective)?;
        let mut new_row = Vec::with_capacity(pivot_row.len());
        for (k, value) in pivot_row.iter().enumerate() {
            let entry = if k == col { den.clone() } else { value.clone() };
            // −value (the non-pivot entries) and den (the pivot's), times the pivot's sign.
            new_row.push(if (k == col) == negative { entry.neg()? } else { entry });
        }
        self.rows[r] = new_row;
        self.den = pivot;
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

    /// Writes `objective · x` in the current non-basic variables, over the common denominator.
    fn set_objective(&mut self, objective: &[i128]) -> Option<()> {
        let zero = E::from_int(0);
        let mut row = vec![zero.clone(); self.nonbasic.len() + 1];
        for (j, var) in self.nonbasic.iter().enumerate() {
            if let Some(c) = objective.get(*var) {
                row[j + 1] = E::mul_add(&zero, &E::from_int(*c), &self.den)?;
            }
        }
        for (r, var) in self.basis.iter().enumerate() {
            let Some(c) = objective.get(*var).filter(|c| **c != 0) else { continue };
            let c = E::from_int(*c);
            for (k, value) in self.rows[r].iter().enumerate() {
                row[k] = E::mul_add(&row[k], &c, value)?;
            }
        }
        self.objective = row;
        Some(())
    }

    fn point(&self, vars: usize) -> Vec<BigRational> {
        let mut point = vec![BigRational::zero(); vars];
        for (r, var) in self.basis.iter().enumerate() {
            if *var < vars {
                point[*var] = self.rows[r][0].over(&self.den);
            }
        }
        point
    }
}

/// Whether every row is homogeneous (`rhs = 0`): then any rational solution of the tightened
/// rows scales to an integer one, and strict rows hold strictly at every positive multiple.
fn homogeneous(rows: &[Row]) -> bool {
    rows.iter().all(|row| row.rhs == 0)
}

/// The deepest branch-and-bound node: past it the problem is undetermined.
pub(crate) const MAX_DEPTH: usize = 48;

/// An integer point of `rows` (`x ≥ 0`), found by scaling a rational one (homogeneous
/// systems) or by branch and bound within `node_bound` nodes (counted in `nodes`).
pub(crate) fn integer_point(
    vars: usize,
    rows: &[Row],
    node_bound: u64,
    nodes: &mut u64,
) -> Result<Option<Vec<u64>>, SolveError> {
    if homogeneous(rows) {
        *nodes += 1;
        // The smallest total keeps the example small; x ≥ 0 bounds it.
        return match solve_lp(vars, rows, Some(&vec![-1; vars]))? {
            Lp::Optimal { point, .. } => scale_to_integers(&point).map(Some).ok_or(SolveError::TooLarge),
            _ => Ok(None),
        };
    }
    // Smallest totals first keep the search bounded below; branch on the first fractional
    // variable, the nearer side first.
    let objective: Vec<i128> = vec![-1; vars];
    let mut stack: Vec<Vec<Row>> = vec![Vec::new()];
    while let Some(extra) = stack.pop() {
        *nodes += 1;
        // Depth too counts against the bound: in an unbounded region without integer points the
        // search can descend forever, each node's program one row longer than its parent's.
        if *nodes > node_bound {
            return Err(SolveError::NodeBound);
        }
        if extra.len() > MAX_DEPTH {
            return Err(SolveError::DepthBound);
        }
        let mut all = rows.to_vec();
        all.extend(extra.iter().cloned());
        let Lp::Optimal { point, .. } = solve_lp(vars, &all, Some(&objective))? else { continue };
        let Some((var, value)) = point.iter().enumerate().find(|(_, x)| !x.is_integer()) else {
            return point.iter().map(big_to_u64).collect::<Option<Vec<u64>>>().map(Some).ok_or(SolveError::TooLarge);
        };
        let floor = value.floor().to_integer().to_i128().ok_or(SolveError::TooLarge)?;
        let mut unit = vec![0i128; vars];
        unit[var] = 1;
        let mut down = extra.clone();
        down.push(Row { coef: unit.clone(), op: Op::Le, rhs: floor, strict: false });
        let mut up = extra;
        up.push(Row { coef: unit, op: Op::Ge, rhs: floor + 1, strict: false });
        let nearer_down = (value - value.floor()) <= BigRational::new(BigInt::one(), BigInt::from(2));
        if nearer_down {
            stack.push(up);
            stack.push(down);
        } else {
            stack.push(down);
            stack.push(up);
        }
    }
    Ok(None)
}

/// The point times the least common multiple of its denominators.
fn scale_to_integers(point: &[BigRational]) -> Option<Vec<u64>> {
    let lcm = point.iter().fold(BigInt::one(), |acc, x| acc.lcm(x.denom()));
    point.iter().map(|x| (x.numer() * (&lcm / x.denom())).to_u64()).collect()
}

fn big_to_u64(x: &BigRational) -> Option<u64> {
    x.to_integer().to_u64()
}
