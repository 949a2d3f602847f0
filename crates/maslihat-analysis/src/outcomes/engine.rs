//! The enumeration: feasible participating sets (threshold and runner-up cases) first, then
//! the seat vectors each can give, each a candidate of linear rows in the integer votes.

use std::cell::OnceCell;
use std::rc::Rc;

use maslihat_apportion::{Rules, RunnerUp, Threshold, ThresholdBase};
use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, ToPrimitive, Zero};

use super::method::{self, Exact, Participants};
use super::simplex::{Lp, Op, Row, SolveError, solve_lp, solve_lps, tightened_rhs, without_redundant};
use super::symmetry::{exchanged, interchangeable, interchangeable_in, representatives, single_variable};
use super::{Figures, OutcomeError, TieMode};

/// An inclusive range of seats (or whole quotas).
type SeatRange = (u32, u32);

/// One way the procedure can run: who takes part, with which weights, under which rows.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub parts: Participants,
    pub rows: Vec<Row>,
    /// `(leader, runner-up)` when the runner-up rule admitted a list.
    pub runner_up: Option<(usize, usize)>,
    /// The participants' share ranges and what follows from them, computed at their first
    /// use; shared with the same configuration under another tie mode.
    ranges: Rc<OnceCell<Result<ConfigRanges, OutcomeError>>>,
}

/// What a configuration's share ranges say, once per configuration.
#[derive(Debug)]
struct ConfigRanges {
    /// Each participant's share of the weighted total, `[min, max]`.
    shares: Vec<(BigRational, BigRational)>,
    /// Per participant: the seats the method can give.
    seats: Vec<SeatRange>,
    /// Largest remainder: per participant, the whole quotas it can have.
    whole: Vec<SeatRange>,
    /// Largest remainder: the [`remainder_gaps`].
    gaps: Vec<Vec<BigInt>>,
}

/// A threshold case: the lists that pass, the rows that say so, and a rational point of them
/// (with the base rows) when one is at hand.
#[derive(Debug, Clone)]
struct PassingSet {
    passing: Vec<usize>,
    rows: Vec<Row>,
    witness: Option<Witness>,
}

/// A rational point `num / den` (`den > 0`, every coordinate `≥ 0`) known to meet some rows:
/// a further row it meets leaves them feasible, with no program solved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Witness {
    num: Vec<i128>,
    den: i128,
}

impl Witness {
    /// The point over its least common denominator; `None` when a number does not fit `i128`
    /// or a coordinate is negative.
    pub fn of(point: &[BigRational]) -> Option<Witness> {
        let den = point.iter().fold(BigInt::one(), |acc, x| acc.lcm(x.denom()));
        let num = point.iter().map(|x| (x.numer() * (&den / x.denom())).to_i128()).collect::<Option<Vec<i128>>>()?;
        if num.iter().any(|x| *x < 0) {
            return None;
        }
        Some(Witness { num, den: den.to_i128()? })
    }

    /// Whether the point meets `row` over the rationals, a strict row tightened by one as the
    /// programs take it; `false` when the arithmetic overflows `i128` (then a program decides).
    pub fn meets(&self, row: &Row) -> bool {
        self.meets_checked(row).unwrap_or(false)
    }

    fn meets_checked(&self, row: &Row) -> Option<bool> {
        if row.coef.len() != self.num.len() {
            return None;
        }
        let mut lhs = 0i128;
        for (c, x) in row.coef.iter().zip(&self.num) {
            lhs = lhs.checked_add(c.checked_mul(*x)?)?;
        }
        let rhs = tightened_rhs(row)?.checked_mul(self.den)?;
        Some(match row.op {
            Op::Le => lhs <= rhs,
            Op::Ge => lhs >= rhs,
            Op::Eq => lhs == rhs,
        })
    }
}

/// What the base rows alone allow of each list's threshold row: the least and the most its
/// left-hand side can be over their rational relaxation. A threshold case whose row lies
/// beyond them is infeasible under any further rows, with no program of its own.
#[derive(Debug)]
struct ThresholdBounds {
    /// The base rows have no rational point at all.
    base_infeasible: bool,
    /// Per list with a threshold row: its bounds.
    lists: Vec<Option<RowBounds>>,
}

/// A row's coefficients, and the least and the most value of its left-hand side (`None` when
/// unbounded).
type RowBounds = (Vec<i128>, Option<BigRational>, Option<BigRational>);

impl ThresholdBounds {
    /// Whether the bounds alone show that `row` (list `list`'s threshold row) cannot hold.
    fn excludes(&self, list: usize, row: &Row) -> bool {
        if self.base_infeasible {
            return true;
        }
        let Some(Some((coef, least, most))) = self.lists.get(list) else { return false };
        if *coef != row.coef {
            return false;
        }
        let Some(rhs) = tightened_rhs(row) else { return false };
        let rhs = BigRational::from_integer(BigInt::from(rhs));
        let above = || most.as_ref().is_some_and(|most| *most < rhs);
        let below = || least.as_ref().is_some_and(|least| *least > rhs);
        match row.op {
            Op::Ge => above(),
            Op::Le => below(),
            Op::Eq => above() || below(),
        }
    }
}

/// A candidate: every row that must hold for the final `seats` to come out this way.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub rows: Vec<Row>,
    pub seats: Vec<u32>,
    pub parts: Participants,
}

/// The fixed part of one problem.
#[derive(Debug)]
pub(crate) struct Engine<'a> {
    pub rules: &'a Rules,
    pub house: u32,
    pub lists: usize,
    pub vars: usize,
    pub form: Exact,
    pub base_rows: Vec<Row>,
    pub below: Vec<bool>,
    /// The threshold cases, computed at their first use (they do not depend on the tie mode).
    passing: OnceCell<Result<Vec<PassingSet>, OutcomeError>>,
    /// The configurations per tie mode (registration, forbid, any), computed at their first use.
    configs: [OnceCell<Result<Vec<Config>, OutcomeError>>; 3],
    /// Whether threshold cases may be decided by bounds and known points instead of a program
    /// each (always, but in the tests that hold the two ways equal).
    shortcuts: bool,
}

pub(crate) fn lp_error(error: SolveError) -> OutcomeError {
    match error {
        SolveError::TooLarge => OutcomeError::TooLarge { context: "an exact linear program" },
        SolveError::NodeBound => OutcomeError::Undetermined { reason: "the branch-and-bound node bound".to_owned() },
        SolveError::DepthBound => OutcomeError::Undetermined {
            reason: format!("{} nested branch-and-bound choices", super::simplex::MAX_DEPTH),
        },
    }
}

/// Coefficients of a threshold base over `(votes…, against all, invalid)`.
pub(crate) fn base_coef(lists: usize, base: ThresholdBase) -> Vec<i128> {
    let mut coef = vec![1; lists + 2];
    coef[lists] = i128::from(base != ThresholdBase::Lists);
    coef[lists + 1] = i128::from(base == ThresholdBase::Cast);
    coef
}

fn unit(vars: usize, index: usize) -> Vec<i128> {
    let mut coef = vec![0; vars];
    coef[index] = 1;
    coef
}

impl<'a> Engine<'a> {
    pub fn new(figures: &Figures, house: u32, rules: &'a Rules) -> Result<Engine<'a>, OutcomeError> {
        if rules.has_refinements() {
            return Err(OutcomeError::NotExact {
                method: rules.method.name(),
                reason: "seat restrictions, base seats, rounded quotas, remainder thresholds and the majority clause \
                         are not modelled as linear rows",
            });
        }
        let form = method::exact_form(&rules.method, house)?;
        let lists = figures.lists.len();
        Ok(Engine {
            rules,
            house,
            lists,
            vars: lists + 2,
            form,
            base_rows: figures.rows()?,
            below: figures.lists.iter().map(|l| l.below_threshold).collect(),
            passing: OnceCell::new(),
            configs: [OnceCell::new(), OnceCell::new(), OnceCell::new()],
            shortcuts: true,
        })
    }

    /// The same engine deciding every threshold case and configuration by a program of its own.
    #[cfg(test)]
    pub fn without_shortcuts(mut self) -> Engine<'a> {
        self.shortcuts = false;
        self
    }

    fn feasible(&self, extra: &[Row]) -> Result<bool, OutcomeError> {
        Ok(self.feasible_point(extra)?.0)
    }

    /// Whether the base rows and `extra` are feasible, with a rational point of them when the
    /// program gives one.
    fn feasible_point(&self, extra: &[Row]) -> Result<(bool, Option<Vec<BigRational>>), OutcomeError> {
        let mut rows = self.base_rows.clone();
        rows.extend_from_slice(extra);
        Ok(match solve_lp(self.vars, &rows, None).map_err(lp_error)? {
            Lp::Optimal { point, .. } => (true, Some(point)),
            Lp::Unbounded => (true, None),
            Lp::Infeasible => (false, None),
        })
    }

    /// The threshold row of list `i`: passes (`≥`) or fails (`<`).
    fn threshold_row(&self, i: usize, passes: bool) -> Option<Row> {
        match self.rules.threshold {
            Threshold::None => None,
            Threshold::Votes { votes } => Some(Row {
                coef: unit(self.vars, i),
                op: if passes { Op::Ge } else { Op::Le },
                rhs: if passes { i128::from(votes) } else { i128::from(votes) - 1 },
                strict: false,
            }),
            Threshold::Percent(percentage) => {
                let (numerator, denominator) = (percentage.numerator(), percentage.denominator());
                let base = base_coef(self.lists, self.rules.threshold_base);
                let coef = method::combine(i128::from(denominator), &unit(self.vars, i), -i128::from(numerator), &base);
                Some(if passes {
                    Row::at_least_zero(coef, false)
                } else {
                    Row { coef, op: Op::Le, rhs: 0, strict: true }
                })
            }
        }
    }

    /// Every feasible configuration under `mode` (computed once per mode).
    pub fn configs(&self, mode: TieMode) -> Result<&[Config], OutcomeError> {
        let slot = match mode {
            TieMode::Registration => &self.configs[0],
            TieMode::Forbid => &self.configs[1],
            TieMode::Any => &self.configs[2],
        };
        slot.get_or_init(|| self.build_configs(mode)).as_deref().map_err(Clone::clone)
    }

    fn build_configs(&self, mode: TieMode) -> Result<Vec<Config>, OutcomeError> {
        let passing_sets = self.passing.get_or_init(|| self.passing_sets()).as_deref().map_err(Clone::clone)?;
        let mut configs = Vec::new();
        for set in passing_sets {
            let witness = set.witness.as_ref();
            match (self.rules.runner_up, set.passing.as_slice()) {
                (_, []) => {}
                (Some(reading), [leader]) => {
                    self.runner_up_configs(reading, *leader, &set.rows, mode, witness, &mut configs)?
                }
                _ => {
                    let weights = vec![1; set.passing.len()];
                    self.push_config(
                        Participants { lists: set.passing.clone(), weights, vars: self.vars },
                        set.rows.clone(),
                        None,
                        witness,
                        None,
                        &mut configs,
                    )?;
                }
            }
        }
        // A configuration with the same rows under another tie mode has the same ranges.
        for config in &mut configs {
            let other_modes = self.configs.iter().filter_map(|slot| slot.get()?.as_ref().ok()).flatten();
            if let Some(same) = other_modes
                .into_iter()
                .find(|o| o.parts == config.parts && o.runner_up == config.runner_up && o.rows == config.rows)
            {
                config.ranges = Rc::clone(&same.ranges);
            }
        }
        Ok(configs)
    }

    /// Every feasible threshold case, in the order of the depth-first walk (each list passes,
    /// then fails).
    fn passing_sets(&self) -> Result<Vec<PassingSet>, OutcomeError> {
        let bounds = self.threshold_bounds();
        let mut out = Vec::new();
        self.passing_walk(&bounds, &mut Vec::new(), &mut Vec::new(), None, &mut out)?;
        Ok(out)
    }

    /// The bounds of every list's threshold row over the base rows, in one program (one phase
    /// one, an objective per bound); no bounds when it cannot be solved.
    fn threshold_bounds(&self) -> ThresholdBounds {
        let none = || ThresholdBounds { base_infeasible: false, lists: vec![None; self.lists] };
        if !self.shortcuts {
            return none();
        }
        let coefs: Vec<Option<Vec<i128>>> =
            (0..self.lists).map(|i| self.threshold_row(i, true).map(|row| row.coef)).collect();
        // Interchangeable lists have the same bounds: one program objective per class.
        let representative = representatives(self.lists, |head, k| match (&coefs[head], &coefs[k]) {
            (Some(head_coef), Some(coef)) => {
                exchanged(head_coef, head, k) == *coef && interchangeable(&self.base_rows, head, k)
            }
            _ => false,
        });
        let mut objectives: Vec<Vec<i128>> = Vec::new();
        for (i, coef) in coefs.iter().enumerate() {
            let Some(coef) = coef.as_ref().filter(|_| representative[i] == i) else { continue };
            let Some(negated) = coef.iter().map(|c| c.checked_neg()).collect::<Option<Vec<i128>>>() else {
                return none();
            };
            objectives.push(coef.clone());
            objectives.push(negated);
        }
        if objectives.is_empty() {
            return none();
        }
        let refs: Vec<&[i128]> = objectives.iter().map(Vec::as_slice).collect();
        let Ok(answers) = solve_lps(self.vars, &without_redundant(&self.base_rows), &refs) else { return none() };
        if answers.iter().any(|a| matches!(a, Lp::Infeasible)) {
            return ThresholdBounds { base_infeasible: true, lists: vec![None; self.lists] };
        }
        let mut answers = answers.into_iter();
        let mut lists: Vec<Option<RowBounds>> = Vec::with_capacity(self.lists);
        for (i, coef) in coefs.into_iter().enumerate() {
            let bounds = match coef {
                None => None,
                Some(coef) if representative[i] != i => {
                    let (least, most) = lists
                        .get(representative[i])
                        .and_then(|head| head.as_ref().map(|(_, least, most)| (least.clone(), most.clone())))
                        .unwrap_or((None, None));
                    Some((coef, least, most))
                }
                Some(coef) => {
                    let most = match answers.next() {
                        Some(Lp::Optimal { value, .. }) => Some(value),
                        _ => None,
                    };
                    let least = match answers.next() {
                        Some(Lp::Optimal { value, .. }) => Some(-value),
                        _ => None,
                    };
                    Some((coef, least, most))
                }
            };
            lists.push(bounds);
        }
        ThresholdBounds { base_infeasible: false, lists }
    }

    /// The walk over pass / fail per list: a case is kept when its rows are feasible, shown by
    /// the bounds (infeasible), by the parent's point (feasible) or else by a program.
    fn passing_walk(
        &self,
        bounds: &ThresholdBounds,
        passes: &mut Vec<bool>,
        rows: &mut Vec<Row>,
        witness: Option<&Witness>,
        out: &mut Vec<PassingSet>,
    ) -> Result<(), OutcomeError> {
        let i = passes.len();
        if i == self.lists {
            out.push(PassingSet {
                passing: (0..self.lists).filter(|j| passes[*j]).collect(),
                rows: rows.clone(),
                witness: witness.cloned(),
            });
            return Ok(());
        }
        for pass in [true, false] {
            if pass && self.below[i] {
                continue;
            }
            let Some(row) = self.threshold_row(i, pass) else {
                if pass {
                    // Without a threshold every list takes part.
                    passes.push(pass);
                    self.passing_walk(bounds, passes, rows, witness, out)?;
                    passes.pop();
                }
                continue;
            };
            let excluded = bounds.excludes(i, &row);
            let parent_point = !excluded && witness.is_some_and(|w| w.meets(&row));
            rows.push(row);
            let own = if excluded || parent_point { None } else { Some(self.feasible_point(rows)?) };
            match own {
                None if excluded => {}
                None => {
                    passes.push(pass);
                    self.passing_walk(bounds, passes, rows, witness, out)?;
                    passes.pop();
                }
                Some((false, _)) => {}
                Some((true, point)) => {
                    let own_witness = point.as_deref().filter(|_| self.shortcuts).and_then(Witness::of);
                    passes.push(pass);
                    self.passing_walk(bounds, passes, rows, own_witness.as_ref(), out)?;
                    passes.pop();
                }
            }
            rows.pop();
        }
        Ok(())
    }

    fn runner_up_configs(
        &self,
        reading: RunnerUp,
        leader: usize,
        rows: &[Row],
        mode: TieMode,
        witness: Option<&Witness>,
        configs: &mut Vec<Config>,
    ) -> Result<(), OutcomeError> {
        let lead_weight = if reading == RunnerUp::Coefficient { 10 } else { 1 };
        // Nobody else has a vote: the leader alone.
        let mut alone = rows.to_vec();
        for k in (0..self.lists).filter(|k| *k != leader) {
            alone.push(Row { coef: unit(self.vars, k), op: Op::Le, rhs: 0, strict: false });
        }
        let parts = Participants { lists: vec![leader], weights: vec![lead_weight], vars: self.vars };
        self.push_config(parts, alone, None, witness, None, configs)?;
        // Runners already decided: under a tie mode that treats both sides of a contest alike, a
        // runner interchangeable with one of them (the base and threshold rows mapped onto
        // themselves by the exchange) has that one's configuration exchanged: the same answer.
        let mut decided: Vec<(usize, bool)> = Vec::new();
        let symmetric_mode = self.shortcuts && mode != TieMode::Registration;
        for runner in (0..self.lists).filter(|r| *r != leader) {
            let mut with = rows.to_vec();
            with.push(Row::at_least_zero(unit(self.vars, runner), true));
            for k in (0..self.lists).filter(|k| *k != leader && *k != runner) {
                let difference = method::combine(1, &unit(self.vars, runner), -1, &unit(self.vars, k));
                with.push(method::contest(difference, runner, k, mode));
            }
            let runner_weight = if reading == RunnerUp::Coefficient { 7 } else { 1 };
            let (lists, weights) = if leader < runner {
                (vec![leader, runner], vec![lead_weight, runner_weight])
            } else {
                (vec![runner, leader], vec![runner_weight, lead_weight])
            };
            let parts = Participants { lists, weights, vars: self.vars };
            let known = decided
                .iter()
                .filter(|_| symmetric_mode)
                .find(|(other, _)| interchangeable_in(&[&self.base_rows, rows], *other, runner))
                .map(|(_, feasible)| *feasible);
            let feasible = self.push_config(parts, with, Some((leader, runner)), witness, known, configs)?;
            decided.push((runner, feasible));
        }
        Ok(())
    }

    /// Adds the configuration when its rows are feasible (`known`: already decided); returns
    /// whether they are.
    fn push_config(
        &self,
        parts: Participants,
        mut rows: Vec<Row>,
        runner_up: Option<(usize, usize)>,
        witness: Option<&Witness>,
        known: Option<bool>,
        configs: &mut Vec<Config>,
    ) -> Result<bool, OutcomeError> {
        rows.push(Row::at_least_zero(parts.total(), true));
        // The threshold case's point meets the base rows: if it meets these too, they are feasible.
        let feasible = match known {
            Some(feasible) => feasible,
            None => witness.is_some_and(|w| rows.iter().all(|r| w.meets(r))) || self.feasible(&rows)?,
        };
        if feasible {
            configs.push(Config { parts, rows, runner_up, ranges: Rc::new(OnceCell::new()) });
        }
        Ok(feasible)
    }

    /// The final seats from the method's seats over the participants (the two-seat minimum of
    /// reading (b) applied).
    pub fn final_seats(&self, config: &Config, method_seats: &[u32]) -> Vec<u32> {
        let mut seats = vec![0; self.lists];
        for (list, s) in config.parts.lists.iter().zip(method_seats) {
            seats[*list] = *s;
        }
        if let (Some(RunnerUp::AdmitMinTwo), Some((leader, runner))) = (self.rules.runner_up, config.runner_up) {
            let minimum = 2.min(self.house.saturating_sub(1));
            let moved = minimum.saturating_sub(seats[runner]);
            seats[runner] += moved;
            seats[leader] -= moved;
        }
        seats
    }

    /// The configuration's share ranges and what follows from them (computed once per
    /// configuration).
    fn ranges<'c>(&self, config: &'c Config) -> Result<&'c ConfigRanges, OutcomeError> {
        config.ranges.get_or_init(|| self.compute_ranges(config)).as_ref().map_err(Clone::clone)
    }

    fn compute_ranges(&self, config: &Config) -> Result<ConfigRanges, OutcomeError> {
        let shares = self.compute_share_ranges(config)?;
        let (seats, whole) = self.seat_ranges(&shares);
        let gaps = match &self.form {
            Exact::Remainder { extra } => remainder_gaps(&shares, self.house, *extra),
            Exact::Divisor { .. } => Vec::new(),
        };
        Ok(ConfigRanges { shares, seats, whole, gaps })
    }

    /// Each participant's share of the weighted total, `[min, max]` over the rational
    /// relaxation of the configuration.
    fn compute_share_ranges(&self, config: &Config) -> Result<Vec<(BigRational, BigRational)>, OutcomeError> {
        let mut rows = self.base_rows.clone();
        rows.extend_from_slice(&config.rows);
        let total = config.parts.total();
        let numers: Vec<Vec<i128>> = (0..config.parts.lists.len()).map(|p| config.parts.weight(p)).collect();
        ratio_ranges(self.vars, &rows, &numers, &total)?
            .ok_or_else(|| OutcomeError::Internal("a feasible configuration has no share range".to_owned()))
    }

    /// Calls `visit` with every candidate of `config` (final seats equal to `target` when given).
    pub fn candidates(
        &self,
        config: &Config,
        mode: TieMode,
        target: Option<&[u32]>,
        visit: &mut dyn FnMut(Candidate) -> Result<(), OutcomeError>,
    ) -> Result<(), OutcomeError> {
        if let Some(target) = target {
            let outside = (0..self.lists).filter(|i| !config.parts.lists.contains(i));
            if outside.into_iter().any(|i| target[i] > 0) {
                return Ok(());
            }
        }
        let ConfigRanges { shares: ranges, seats: seat_ranges, whole: whole_ranges, gaps } = self.ranges(config)?;
        let house = self.house;
        let n = config.parts.lists.len();
        let min_two = matches!(self.rules.runner_up, Some(RunnerUp::AdmitMinTwo)) && config.runner_up.is_some();
        let seat_ranges: Vec<(u32, u32)> = match target {
            Some(target) if !min_two => (0..n)
                .map(|p| {
                    let t = target[config.parts.lists[p]];
                    if (seat_ranges[p].0..=seat_ranges[p].1).contains(&t) { (t, t) } else { (1, 0) }
                })
                .collect(),
            _ => seat_ranges.clone(),
        };
        if seat_ranges.iter().any(|(lo, hi)| lo > hi) {
            return Ok(());
        }
        let mut seats = Vec::with_capacity(n);
        let mut leaf = |method_seats: &[u32]| -> Result<(), OutcomeError> {
            let final_seats = self.final_seats(config, method_seats);
            if target.is_some_and(|t| t != final_seats.as_slice()) {
                return Ok(());
            }
            // The base rows, the configuration's and the candidate's, built once per candidate.
            let rows_with = |candidate_rows: Vec<Row>| {
                let mut rows = Vec::with_capacity(self.base_rows.len() + config.rows.len() + candidate_rows.len());
                rows.extend_from_slice(&self.base_rows);
                rows.extend_from_slice(&config.rows);
                rows.extend(candidate_rows);
                rows
            };
            match &self.form {
                Exact::Remainder { extra } => {
                    for option in method::whole_quota_options(method_seats, whole_ranges, house, *extra) {
                        if !remainders_possible(&option, gaps, house) {
                            continue;
                        }
                        let rows = rows_with(method::remainder_rows(&config.parts, &option, house, *extra, mode));
                        visit(Candidate { rows, seats: final_seats.clone(), parts: config.parts.clone() })?;
                    }
                }
                Exact::Divisor { divisors } => {
                    let rows = rows_with(method::divisor_rows(&config.parts, method_seats, divisors, mode));
                    visit(Candidate { rows, seats: final_seats, parts: config.parts.clone() })?;
                }
            }
            Ok(())
        };
        self.seat_walk(&seat_ranges, ranges, &mut seats, house, &mut leaf)
    }

    /// Per participant: the seats the method can give, and (largest remainder) whole quotas.
    fn seat_ranges(&self, ranges: &[(BigRational, BigRational)]) -> (Vec<SeatRange>, Vec<SeatRange>) {
        let house = self.house;
        match &self.form {
            Exact::Remainder { extra } => {
                let k = BigInt::from(house + extra);
                // ⌊k·x⌋ from the numerator and denominator (positive): no fraction to reduce.
                let floor = |x: &BigRational| (x.numer() * &k).div_floor(x.denom()).to_u32().unwrap_or(0);
                let whole: Vec<(u32, u32)> = ranges.iter().map(|(lo, hi)| (floor(lo), floor(hi))).collect();
                let seats = whole
                    .iter()
                    .map(|(lo, hi)| (lo.saturating_sub(if *extra == 0 { 0 } else { 2 }), (hi + 1).min(house)))
                    .collect();
                (seats, whole)
            }
            Exact::Divisor { .. } => (vec![(0, house); ranges.len()], Vec::new()),
        }
    }

    /// Depth-first over seat vectors with the right sum, pruned by the share ranges.
    fn seat_walk(
        &self,
        seat_ranges: &[(u32, u32)],
        shares: &[(BigRational, BigRational)],
        prefix: &mut Vec<u32>,
        left: u32,
        leaf: &mut dyn FnMut(&[u32]) -> Result<(), OutcomeError>,
    ) -> Result<(), OutcomeError> {
        let p = prefix.len();
        if p == seat_ranges.len() {
            return if left == 0 { leaf(prefix) } else { Ok(()) };
        }
        let rest_min: u32 = seat_ranges[p + 1..].iter().map(|r| r.0).sum();
        let rest_max: u32 = seat_ranges[p + 1..].iter().map(|r| r.1).sum();
        let (lo, hi) = seat_ranges[p];
        for s in lo..=hi.min(left) {
            if s + rest_max < left || s + rest_min > left {
                continue;
            }
            prefix.push(s);
            if self.pairs_possible(prefix, shares) {
                self.seat_walk(seat_ranges, shares, prefix, left - s, leaf)?;
            }
            prefix.pop();
        }
        Ok(())
    }

    /// Divisor methods: whether the newest participant's seats can stand against each earlier
    /// one's, given the share ranges (a necessary condition, exact).
    fn pairs_possible(&self, prefix: &[u32], shares: &[(BigRational, BigRational)]) -> bool {
        let Exact::Divisor { divisors } = &self.form else { return true };
        let q = prefix.len() - 1;
        let beats = |p: usize, other: usize| -> bool {
            if prefix[p] == 0 {
                return true;
            }
            if shares[p].1.is_zero() {
                return false;
            }
            let (last_num, last_den) = divisors[prefix[p] as usize - 1];
            let (next_num, next_den) = divisors[prefix[other] as usize];
            if last_num == 0 && next_num == 0 {
                return shares[p].1 >= shares[other].0;
            }
            let lhs = &shares[p].1 * BigRational::from_integer((last_den * next_num).into());
            let rhs = &shares[other].0 * BigRational::from_integer((next_den * last_num).into());
            lhs >= rhs
        };
        (0..q).all(|p| beats(p, q) && beats(q, p))
    }
}

/// For every two participants `w`, `l`: `⌊x_w,max − x_l,min⌋`, where `x = (S+k)·share` is the
/// quota count over the share ranges. Each list's remainder is its quota count less its whole
/// quotas `h`, so `w`'s remainder can reach `l`'s exactly when this floor is at least
/// `h_w − h_l` (both sides integers).
pub(crate) fn remainder_gaps(shares: &[(BigRational, BigRational)], house: u32, extra: u32) -> Vec<Vec<BigInt>> {
    let k = BigInt::from(house + extra);
    // ⌊k·(a/b − c/d)⌋ = ⌊k·(a·d − c·b) / (b·d)⌋, denominators positive: no fraction to reduce.
    let floor_of_scaled_difference = |most: &BigRational, least: &BigRational| {
        let numerator = (most.numer() * least.denom() - least.numer() * most.denom()) * &k;
        numerator.div_floor(&(most.denom() * least.denom()))
    };
    shares
        .iter()
        .map(|(_, most)| shares.iter().map(|(least, _)| floor_of_scaled_difference(most, least)).collect())
        .collect()
}

/// Whether the remainder contests of a largest-remainder candidate can hold, given the
/// participants' [`remainder_gaps`] (a necessary condition, exact): every winner's largest
/// remainder reaches every loser's least one.
pub(crate) fn remainders_possible(candidate: &method::RemainderCandidate, gaps: &[Vec<BigInt>], house: u32) -> bool {
    let (winners, losers) = candidate.contest_sides(house);
    winners.iter().all(|w| {
        losers.iter().all(|l| {
            let needed = BigInt::from(i64::from(candidate.whole[*w]) - i64::from(candidate.whole[*l]));
            gaps.get(*w).and_then(|row| row.get(*l)).is_some_and(|gap| *gap >= needed)
        })
    })
}

/// `[min, max]` of each `numer·x / denom·x` over the rational relaxation of `rows`, rows known
/// to be feasible (with `denom·x > 0`), by the Charnes–Cooper transformation, in one simplex;
/// `None` when some range does not exist.
pub(crate) fn ratio_ranges(
    vars: usize,
    rows: &[Row],
    numers: &[Vec<i128>],
    denom: &[i128],
) -> Result<Option<Vec<(BigRational, BigRational)>>, OutcomeError> {
    Ok(ratio_ranges_of_feasible(vars, rows, numers, denom)?.into_iter().collect())
}

/// As [`ratio_ranges_each`], for rows known to be feasible (a configuration found feasible, a
/// piece with an integer point): when the denominator and every numerator involve only
/// variables that one-variable equations fix (at values `≥ 0`), with a positive denominator,
/// every ratio is a constant and no program is solved.
pub(crate) fn ratio_ranges_of_feasible(
    vars: usize,
    rows: &[Row],
    numers: &[Vec<i128>],
    denom: &[i128],
) -> Result<Vec<Option<(BigRational, BigRational)>>, OutcomeError> {
    let fixed = super::simplex::fixed_by_equations(vars, rows);
    let value_at_fixed = |coef: &[i128]| -> Option<i128> {
        let mut total = 0i128;
        for (var, c) in coef.iter().enumerate().filter(|(_, c)| **c != 0) {
            let value = fixed.get(var).copied().flatten().filter(|value| *value >= 0)?;
            total = total.checked_add(c.checked_mul(value)?)?;
        }
        Some(total)
    };
    let constant = value_at_fixed(denom)
        .filter(|d| *d > 0)
        .and_then(|d| numers.iter().map(|numer| value_at_fixed(numer)).collect::<Option<Vec<i128>>>().map(|n| (n, d)));
    match constant {
        Some((values, d)) if !numers.is_empty() => Ok(values
            .into_iter()
            .map(|n| {
                let ratio = BigRational::new(BigInt::from(n), BigInt::from(d));
                Some((ratio.clone(), ratio))
            })
            .collect()),
        _ => ratio_ranges_each(vars, rows, numers, denom),
    }
}

/// As [`ratio_ranges`], with `None` for each numerator whose range does not exist.
pub(crate) fn ratio_ranges_each(
    vars: usize,
    rows: &[Row],
    numers: &[Vec<i128>],
    denom: &[i128],
) -> Result<Vec<Option<(BigRational, BigRational)>>, OutcomeError> {
    // Numerators of interchangeable lists (same coefficient, same weight in the denominator,
    // rows mapped onto themselves by the exchange) have the same range: one is solved.
    let representative =
        representatives(numers.len(), |head, k| match (single_variable(&numers[head]), single_variable(&numers[k])) {
            (Some((head_var, head_coef)), Some((var, coef))) => {
                head_coef == coef && denom.get(head_var) == denom.get(var) && interchangeable(rows, head_var, var)
            }
            _ => false,
        });
    let heads: Vec<Vec<i128>> =
        numers.iter().enumerate().filter(|(k, _)| representative[*k] == *k).map(|(_, n)| n.clone()).collect();
    let (cc_vars, cc, objectives) = match charnes_cooper_reduced(vars, rows, &heads, denom) {
        Some(reduced) => reduced,
        None => charnes_cooper(vars, rows, &heads, denom),
    };
    let refs: Vec<&[i128]> = objectives.iter().map(Vec::as_slice).collect();
    // Only optimal values are asked: redundant rows can go.
    let answers = solve_lps(cc_vars, &without_redundant(&cc), &refs).map_err(lp_error)?;
    let head_ranges: Vec<Option<(BigRational, BigRational)>> = answers
        .chunks(2)
        .map(|pair| match pair {
            [Lp::Optimal { value: neg_min, .. }, Lp::Optimal { value: max, .. }] => {
                Some((-neg_min.clone(), max.clone()))
            }
            _ => None,
        })
        .collect();
    if numers.is_empty() {
        return Ok(head_ranges);
    }
    // Each head's place among the heads, then every numerator's range from its head's.
    let mut place = vec![0; numers.len()];
    let mut next = 0;
    for k in 0..numers.len() {
        if representative[k] == k {
            place[k] = next;
            next += 1;
        }
    }
    Ok((0..numers.len()).map(|k| head_ranges.get(place[representative[k]]).cloned().flatten()).collect())
}

/// A Charnes–Cooper program: its variables (`y`, then `t` last), rows, and objectives (for
/// each numerator, `−numer·y` then `numer·y`).
pub(crate) type CharnesCooper = (usize, Vec<Row>, Vec<Vec<i128>>);

/// The Charnes–Cooper program of `numer·x / denom·x` over `rows`: `y = t·x`, every row
/// `coef·y − rhs·t op 0` (strict rows tightened by one), `denom·y = 1`.
pub(crate) fn charnes_cooper(vars: usize, rows: &[Row], numers: &[Vec<i128>], denom: &[i128]) -> CharnesCooper {
    let mut cc = Vec::with_capacity(rows.len() + 1);
    for row in rows {
        let rhs = match (row.op, row.strict) {
            (Op::Le, true) => row.rhs - 1,
            (Op::Ge, true) => row.rhs + 1,
            _ => row.rhs,
        };
        let mut coef = row.coef.clone();
        coef.push(-rhs);
        cc.push(Row { coef, op: row.op, rhs: 0, strict: false });
    }
    let mut denominator = denom.to_vec();
    denominator.push(0);
    cc.push(Row { coef: denominator, op: Op::Eq, rhs: 1, strict: false });
    let mut objectives = Vec::with_capacity(2 * numers.len());
    for numer in numers {
        let mut objective = numer.clone();
        objective.push(0);
        objectives.push(objective.iter().map(|c| -c).collect::<Vec<i128>>());
        objectives.push(objective);
    }
    (vars + 1, cc, objectives)
}

/// The same program with every variable that a one-variable equation fixes at `value ≥ 0`
/// replaced by `value·t` (the equation `y_v = value·t` is one of its rows, and `y_v ≥ 0`
/// follows from `t ≥ 0`): the same optimal values, over fewer variables and with smaller
/// numbers in the exact simplex. `None` when a number overflows `i128` (then the program is
/// built unreduced).
pub(crate) fn charnes_cooper_reduced(
    vars: usize,
    rows: &[Row],
    numers: &[Vec<i128>],
    denom: &[i128],
) -> Option<CharnesCooper> {
    let fixed: Vec<Option<i128>> =
        super::simplex::fixed_by_equations(vars, rows).into_iter().map(|f| f.filter(|value| *value >= 0)).collect();
    let free: Vec<usize> = (0..vars).filter(|v| fixed[*v].is_none()).collect();
    // `coef` over the free variables, then `coef · fixed values − constant` on `t`.
    let reduce = |coef: &[i128], constant: i128| -> Option<Vec<i128>> {
        let mut on_t = constant.checked_neg()?;
        for (var, value) in fixed.iter().enumerate() {
            if let Some(value) = value {
                on_t = on_t.checked_add(coef.get(var).copied().unwrap_or(0).checked_mul(*value)?)?;
            }
        }
        let mut reduced: Vec<i128> = free.iter().map(|v| coef.get(*v).copied().unwrap_or(0)).collect();
        reduced.push(on_t);
        Some(reduced)
    };
    let mut cc = Vec::with_capacity(rows.len() + 1);
    for row in rows {
        let rhs = match (row.op, row.strict) {
            (Op::Le, true) => row.rhs.checked_sub(1)?,
            (Op::Ge, true) => row.rhs.checked_add(1)?,
            _ => row.rhs,
        };
        cc.push(Row { coef: reduce(&row.coef, rhs)?, op: row.op, rhs: 0, strict: false });
    }
    cc.push(Row { coef: reduce(denom, 0)?, op: Op::Eq, rhs: 1, strict: false });
    let mut objectives = Vec::with_capacity(2 * numers.len());
    for numer in numers {
        let objective = reduce(numer, 0)?;
        objectives.push(objective.iter().map(|c| c.checked_neg()).collect::<Option<Vec<i128>>>()?);
        objectives.push(objective);
    }
    Some((free.len() + 1, cc, objectives))
}
