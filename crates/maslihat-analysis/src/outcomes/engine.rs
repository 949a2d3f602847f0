//! The enumeration: feasible participating sets (threshold and runner-up cases) first, then
//! the seat vectors each can give, each a candidate of linear rows in the integer votes.

use maslihat_apportion::{Rules, RunnerUp, Threshold, ThresholdBase};
use num_rational::BigRational;
use num_traits::{ToPrimitive, Zero};

use super::method::{self, Exact, Participants};
use super::simplex::{Lp, Op, Row, SolveError, solve_lp, solve_lps};
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
        })
    }

    fn feasible(&self, extra: &[Row]) -> Result<bool, OutcomeError> {
        let mut rows = self.base_rows.clone();
        rows.extend_from_slice(extra);
        Ok(!matches!(solve_lp(self.vars, &rows, None).map_err(lp_error)?, Lp::Infeasible))
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

    /// Every feasible configuration under `mode`.
    pub fn configs(&self, mode: TieMode) -> Result<Vec<Config>, OutcomeError> {
        let mut passing_sets = Vec::new();
        let mut rows = Vec::new();
        let mut passes = Vec::new();
        self.passing_sets(&mut passes, &mut rows, &mut passing_sets)?;
        let mut configs = Vec::new();
        for (passing, rows) in passing_sets {
            match (self.rules.runner_up, passing.as_slice()) {
                (_, []) => {}
                (Some(reading), [leader]) => self.runner_up_configs(reading, *leader, &rows, mode, &mut configs)?,
                _ => {
                    let weights = vec![1; passing.len()];
                    self.push_config(
                        Participants { lists: passing, weights, vars: self.vars },
                        rows,
                        None,
                        &mut configs,
                    )?;
                }
            }
        }
        Ok(configs)
    }

    fn passing_sets(
        &self,
        passes: &mut Vec<bool>,
        rows: &mut Vec<Row>,
        out: &mut Vec<(Vec<usize>, Vec<Row>)>,
    ) -> Result<(), OutcomeError> {
        let i = passes.len();
        if i == self.lists {
            out.push(((0..self.lists).filter(|j| passes[*j]).collect(), rows.clone()));
            return Ok(());
        }
        for pass in [true, false] {
            if pass && self.below[i] {
                continue;
            }
            let row = self.threshold_row(i, pass);
            if row.is_none() && !pass {
                continue; // without a threshold every list takes part
            }
            let pushed = row.is_some();
            rows.extend(row);
            if !pushed || self.feasible(rows)? {
                passes.push(pass);
                self.passing_sets(passes, rows, out)?;
                passes.pop();
            }
            if pushed {
                rows.pop();
            }
        }
        Ok(())
    }

    fn runner_up_configs(
        &self,
        reading: RunnerUp,
        leader: usize,
        rows: &[Row],
        mode: TieMode,
        configs: &mut Vec<Config>,
    ) -> Result<(), OutcomeError> {
        let lead_weight = if reading == RunnerUp::Coefficient { 10 } else { 1 };
        // Nobody else has a vote: the leader alone.
        let mut alone = rows.to_vec();
        for k in (0..self.lists).filter(|k| *k != leader) {
            alone.push(Row { coef: unit(self.vars, k), op: Op::Le, rhs: 0, strict: false });
        }
        let parts = Participants { lists: vec![leader], weights: vec![lead_weight], vars: self.vars };
        self.push_config(parts, alone, None, configs)?;
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
            self.push_config(Participants { lists, weights, vars: self.vars }, with, Some((leader, runner)), configs)?;
        }
        Ok(())
    }

    fn push_config(
        &self,
        parts: Participants,
        mut rows: Vec<Row>,
        runner_up: Option<(usize, usize)>,
        configs: &mut Vec<Config>,
    ) -> Result<(), OutcomeError> {
        rows.push(Row::at_least_zero(parts.total(), true));
        if self.feasible(&rows)? {
            configs.push(Config { parts, rows, runner_up });
        }
        Ok(())
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

    /// Each participant's share of the weighted total, `[min, max]` over the rational
    /// relaxation of the configuration.
    fn share_ranges(&self, config: &Config) -> Result<Vec<(BigRational, BigRational)>, OutcomeError> {
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
        let ranges = self.share_ranges(config)?;
        let house = self.house;
        let n = config.parts.lists.len();
        let min_two = matches!(self.rules.runner_up, Some(RunnerUp::AdmitMinTwo)) && config.runner_up.is_some();
        let (seat_ranges, whole_ranges) = self.seat_ranges(&ranges);
        let seat_ranges: Vec<(u32, u32)> = match target {
            Some(target) if !min_two => (0..n)
                .map(|p| {
                    let t = target[config.parts.lists[p]];
                    if (seat_ranges[p].0..=seat_ranges[p].1).contains(&t) { (t, t) } else { (1, 0) }
                })
                .collect(),
            _ => seat_ranges,
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
            let mut base = self.base_rows.clone();
            base.extend_from_slice(&config.rows);
            match &self.form {
                Exact::Remainder { extra } => {
                    for option in method::whole_quota_options(method_seats, &whole_ranges, house, *extra) {
                        if !remainders_possible(&option, &ranges, house, *extra) {
                            continue;
                        }
                        let mut rows = base.clone();
                        rows.extend(method::remainder_rows(&config.parts, &option, house, *extra, mode));
                        visit(Candidate { rows, seats: final_seats.clone(), parts: config.parts.clone() })?;
                    }
                }
                Exact::Divisor { divisors } => {
                    base.extend(method::divisor_rows(&config.parts, method_seats, divisors, mode));
                    visit(Candidate { rows: base, seats: final_seats, parts: config.parts.clone() })?;
                }
            }
            Ok(())
        };
        self.seat_walk(&seat_ranges, &ranges, &mut seats, house, &mut leaf)
    }

    /// Per participant: the seats the method can give, and (largest remainder) whole quotas.
    fn seat_ranges(&self, ranges: &[(BigRational, BigRational)]) -> (Vec<SeatRange>, Vec<SeatRange>) {
        let house = self.house;
        match &self.form {
            Exact::Remainder { extra } => {
                let k = BigRational::from_integer((house + extra).into());
                let floor = |x: &BigRational| (x * &k).floor().to_integer().to_u32().unwrap_or(0);
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

/// Whether the remainder contests of a largest-remainder candidate can hold, given each
/// participant's share range (a necessary condition, exact): the quota count `x = (S+k)·share`
/// less the whole quotas is each list's remainder, in quotas.
fn remainders_possible(
    candidate: &method::RemainderCandidate,
    shares: &[(BigRational, BigRational)],
    house: u32,
    extra: u32,
) -> bool {
    let k = BigRational::from_integer((house + extra).into());
    let remainder = |p: usize| {
        let h = BigRational::from_integer(candidate.whole[p].into());
        (&shares[p].0 * &k - &h, &shares[p].1 * &k - &h)
    };
    let n = shares.len();
    let given: u32 = candidate.whole.iter().sum();
    let (winners, losers): (Vec<usize>, Vec<usize>) = if given <= house {
        (0..n).partition(|p| candidate.seats[*p] > candidate.whole[*p])
    } else {
        let after = method::after_full_withdrawals(&candidate.whole, house);
        let keepers = (0..n).filter(|p| after[*p] > 0 && candidate.seats[*p] == after[*p]).collect();
        let givers = (0..n).filter(|p| candidate.seats[*p] < after[*p]).collect();
        (keepers, givers)
    };
    let ranges: Vec<(BigRational, BigRational)> = (0..n).map(remainder).collect();
    winners.iter().all(|w| losers.iter().all(|l| ranges[*w].1 >= ranges[*l].0))
}

/// `[min, max]` of `numer·x / denom·x` over the rational relaxation of `rows` (with
/// `denom·x > 0`), by the Charnes–Cooper transformation; `None` when the rows are infeasible.
pub(crate) fn ratio_range(
    vars: usize,
    rows: &[Row],
    numer: &[i128],
    denom: &[i128],
) -> Result<Option<(BigRational, BigRational)>, OutcomeError> {
    Ok(ratio_ranges(vars, rows, &[numer.to_vec()], denom)?.and_then(|mut r| r.pop()))
}

/// [`ratio_range`] for several numerators over one denominator, in one simplex.
pub(crate) fn ratio_ranges(
    vars: usize,
    rows: &[Row],
    numers: &[Vec<i128>],
    denom: &[i128],
) -> Result<Option<Vec<(BigRational, BigRational)>>, OutcomeError> {
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
    let refs: Vec<&[i128]> = objectives.iter().map(Vec::as_slice).collect();
    let answers = solve_lps(vars + 1, &cc, &refs).map_err(lp_error)?;
    let mut ranges = Vec::with_capacity(numers.len());
    for pair in answers.chunks(2) {
        let [Lp::Optimal { value: neg_min, .. }, Lp::Optimal { value: max, .. }] = pair else { return Ok(None) };
        ranges.push((-neg_min.clone(), max.clone()));
    }
    Ok(Some(ranges))
}
