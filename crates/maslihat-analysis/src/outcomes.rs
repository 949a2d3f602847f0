//! The outcome set: every seat vector that some integer vote counts consistent with every
//! published figure would produce under the rules, exactly, each with a vote vector that the
//! core reproduces.
//!
//! **Figures.** Each list's votes, the "against all" votes, the invalid ballots and the valid
//! ballots may each carry figures ([`Figure`]): an exact count, an interval, a printed share
//! with its precision and base (`7.44` rounded means a share in [7.435 %, 7.445 %)), or
//! nothing. A list may also be known to have fallen below the threshold. All printed shares
//! of one base are shares of one and the same number: the base is a sum of the variables.
//!
//! **Method.** The unknowns are the integer counts `v₁…vₙ`, "against all" `A` and invalid
//! `I`. For a configuration (the lists that pass the threshold, the runner-up admitted, if
//! any) and a seat vector, the condition that the core gives exactly those seats is a set of
//! linear rows in these integers:
//!
//! - threshold: `den·vᵢ ≥ num·B` for lists that pass, `<` for the others;
//! - runner-up rule: the admitted list has votes and at least as many as every other list
//!   below the threshold (a tie settled per the tie policy); reading (b)'s two-seat minimum
//!   is applied to the method's seats, reading (c) weighs votes ×10 and ×7;
//! - largest remainder with the quota `T/(S+k)` (Hare `k = 0`, Hagenbach-Bischoff 1,
//!   Imperiali 2): whole quotas `hᵢ·T ≤ (S+k)·wᵢ < (hᵢ+1)·T`, and every list that won a
//!   remainder seat has a remainder `(S+k)·wᵢ − hᵢ·T` at least that of every list that did
//!   not; when whole quotas exceed the house, the core's withdrawals are followed (whole
//!   rounds from every holder, then the smallest remainders among the holders give back);
//! - divisor methods with rational divisors: every seated list's last seat beats every
//!   list's next claim, `wᵢ·d(aⱼ) ≥ wⱼ·d(aᵢ−1)` cross-multiplied (claims at a zero divisor
//!   ranked by votes, as the core does), and seated lists have votes;
//! - printed shares: `2·10^(d+2)·v ≥ (2s−1)·B` and `< (2s+1)·B` (rounded), and the like.
//!
//! Strict rows are `≤ −1` over the integers. Ties at a cut follow the tie policy: under
//! `registration` a tie is allowed only where the earlier list wins it; under `error` and
//! `lot` the set is computed twice, without any tie and with ties either way, and an outcome
//! found only the second time is marked [`SeatOutcome::through_tie`]. The `votes` tie policy
//! (more votes wins a tie) is a disjunction, not a row, and is refused with a typed error.
//!
//! Each candidate is an integer feasibility problem in `n + 2` variables, solved by an exact
//! rational simplex (two-phase, Bland's rule, fraction-free: integer entries over one common
//! denominator, in `i128` falling back to big integers) and, for integrality, by scaling (when every row is homogeneous, as with printed shares
//! and thresholds only: a rational solution times its denominators is an integer one) or by
//! branch and bound within [`Limits::node_bound`] nodes (past it: [`OutcomeError::Undetermined`],
//! never a guess). Candidates are pruned by exact share ranges (Charnes–Cooper linear
//! programs). Every outcome's example votes are re-run through [`maslihat_apportion::allocate`]
//! and re-checked against every figure; a mismatch is reported as [`OutcomeError::Internal`].
//!
//! Not exact, refused with [`OutcomeError::NotExact`]: Droop's floored quota and
//! Huntington–Hill's irrational divisors.

mod engine;
mod figure;
mod method;
mod scalar;
mod simplex;
mod symmetry;
mod table;
mod verify;

#[cfg(test)]
mod tests;

use std::cell::OnceCell;

use maslihat_apportion::{Ratio, Rules, ThresholdBase, TiePolicy};
use serde::Serialize;

pub use figure::{Figure, FigureParseError, MAX_SHARE_DECIMALS, PrintedShare, Rounding};
pub use table::{ListsMissing, OTHER_LISTS, TableFigures, table_figures};

use engine::{Candidate, Engine, base_coef, lp_error};
use simplex::{Op, Row, SolveError, integer_point};

/// What a figure is a figure of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "of", content = "list", rename_all = "kebab-case")]
pub enum Subject {
    /// A list's votes (index in registration order).
    List(usize),
    AgainstAll,
    Invalid,
    /// All valid ballots: list votes plus "against all".
    ValidBallots,
}

/// The figures known of one list.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ListFigures {
    /// Every figure published for the list's votes (a count and a printed share may both be).
    pub figures: Vec<Figure>,
    /// The list is known to have fallen below the threshold.
    pub below_threshold: bool,
}

/// Everything published about one election's votes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figures {
    /// Per list, in registration order (the number of lists is the number on the ballot).
    pub lists: Vec<ListFigures>,
    /// "Against all": none unless said (as in a `Tally`); set `[Figure::Unknown]` when unknown.
    pub against_all: Vec<Figure>,
    /// Invalid ballots: none unless said; they matter only for shares of ballots cast.
    pub invalid: Vec<Figure>,
    /// Valid ballots (list votes plus "against all").
    pub valid_ballots: Vec<Figure>,
}

impl Figures {
    /// One figure per list; no "against all" votes and no invalid ballots.
    pub fn new(lists: Vec<Figure>) -> Figures {
        Figures {
            lists: lists.into_iter().map(|f| ListFigures { figures: vec![f], below_threshold: false }).collect(),
            against_all: vec![Figure::exact(0)],
            invalid: vec![Figure::exact(0)],
            valid_ballots: Vec::new(),
        }
    }

    /// Replaces the "against all" figures with `figure`.
    #[must_use]
    pub fn with_against_all(mut self, figure: Figure) -> Figures {
        self.against_all = vec![figure];
        self
    }

    /// Replaces the invalid-ballot figures with `figure`.
    #[must_use]
    pub fn with_invalid(mut self, figure: Figure) -> Figures {
        self.invalid = vec![figure];
        self
    }

    /// Adds a figure of `subject`.
    #[must_use]
    pub fn with(mut self, subject: Subject, figure: Figure) -> Figures {
        self.figures_mut(subject).push(figure);
        self
    }

    /// Marks list `list` as fallen below the threshold.
    #[must_use]
    pub fn below_threshold(mut self, list: usize) -> Figures {
        if let Some(l) = self.lists.get_mut(list) {
            l.below_threshold = true;
        }
        self
    }

    fn figures_mut(&mut self, subject: Subject) -> &mut Vec<Figure> {
        match subject {
            Subject::List(i) => &mut self.lists[i].figures,
            Subject::AgainstAll => &mut self.against_all,
            Subject::Invalid => &mut self.invalid,
            Subject::ValidBallots => &mut self.valid_ballots,
        }
    }

    /// Every piece of evidence, in a fixed order.
    pub fn evidence(&self) -> Vec<Evidence> {
        let mut all = Vec::new();
        for (i, list) in self.lists.iter().enumerate() {
            all.extend(list.figures.iter().map(|f| Evidence::Figure { subject: Subject::List(i), figure: *f }));
            if list.below_threshold {
                all.push(Evidence::BelowThreshold { list: i });
            }
        }
        for (subject, figures) in [
            (Subject::AgainstAll, &self.against_all),
            (Subject::Invalid, &self.invalid),
            (Subject::ValidBallots, &self.valid_ballots),
        ] {
            all.extend(figures.iter().map(|f| Evidence::Figure { subject, figure: *f }));
        }
        all
    }

    /// The figures made of `evidence` alone, for `lists` lists.
    fn from_evidence(lists: usize, evidence: &[Evidence]) -> Figures {
        let mut figures = Figures {
            lists: vec![ListFigures::default(); lists],
            against_all: Vec::new(),
            invalid: Vec::new(),
            valid_ballots: Vec::new(),
        };
        for item in evidence {
            match item {
                Evidence::Figure { subject, figure } => figures.figures_mut(*subject).push(*figure),
                Evidence::BelowThreshold { list } => figures.lists[*list].below_threshold = true,
            }
        }
        figures
    }

    /// The linear coefficients of a subject over `(votes…, against all, invalid)`.
    fn subject_coef(&self, subject: Subject) -> Vec<i128> {
        let n = self.lists.len();
        let mut coef = vec![0; n + 2];
        match subject {
            Subject::List(i) => coef[i] = 1,
            Subject::AgainstAll => coef[n] = 1,
            Subject::Invalid => coef[n + 1] = 1,
            Subject::ValidBallots => coef = base_coef(n, ThresholdBase::Valid),
        }
        coef
    }

    fn validate(&self) -> Result<(), OutcomeError> {
        let subjects = self.evidence();
        for item in &subjects {
            let Evidence::Figure { subject, figure } = item else { continue };
            if let Subject::List(i) = subject
                && *i >= self.lists.len()
            {
                return Err(OutcomeError::Invalid { what: format!("list {i}"), expected: "a list of the election" });
            }
            match figure {
                Figure::Range { lo, hi } if lo > hi => {
                    return Err(OutcomeError::Invalid {
                        what: figure.to_string(),
                        expected: "an interval whose lower end is not above its upper end",
                    });
                }
                Figure::Share(share)
                    if share.decimals > MAX_SHARE_DECIMALS || share.digits > 100 * 10u64.pow(share.decimals) =>
                {
                    return Err(OutcomeError::Invalid {
                        what: figure.to_string(),
                        expected: "a printed share from 0% to 100% with at most 6 decimals",
                    });
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The rows every figure adds.
    fn rows(&self) -> Result<Vec<Row>, OutcomeError> {
        self.validate()?;
        let n = self.lists.len();
        let mut rows = Vec::new();
        for item in self.evidence() {
            let Evidence::Figure { subject, figure } = item else { continue };
            let coef = self.subject_coef(subject);
            match figure {
                Figure::Exact { count } => rows.push(Row { coef, op: Op::Eq, rhs: count.into(), strict: false }),
                Figure::Range { lo, hi } => {
                    rows.push(Row { coef: coef.clone(), op: Op::Ge, rhs: lo.into(), strict: false });
                    rows.push(Row { coef, op: Op::Le, rhs: hi.into(), strict: false });
                }
                Figure::Share(share) => {
                    let (low, high, den) = share.bounds();
                    let base = base_coef(n, share.base);
                    rows.push(Row::at_least_zero(method::combine(den, &coef, -low, &base), false));
                    rows.push(Row::at_least_zero(method::combine(high, &base, -den, &coef), true));
                }
                Figure::Unknown => {}
            }
        }
        Ok(rows)
    }
}

/// One piece of evidence: a figure, or the fact that a list fell below the threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Evidence {
    Figure { subject: Subject, figure: Figure },
    BelowThreshold { list: usize },
}

/// Bounds on the work of one computation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most branch-and-bound nodes one integer problem may take.
    pub node_bound: u64,
    /// The most branch-and-bound nodes of one whole computation, every problem together: what
    /// bounds its time (each node is one small exact linear program).
    pub max_nodes: u64,
    /// The most outcomes a set may have before the computation stops.
    pub max_outcomes: usize,
    /// The most candidates (configuration and seat vector) examined.
    pub max_candidates: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { node_bound: 20_000, max_nodes: 10_000, max_outcomes: 10_000, max_candidates: 2_000_000 }
    }
}

/// Why an outcome set could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OutcomeError {
    /// The method's seat conditions are not linear in the votes.
    #[error("the outcome set is not available exactly for {method}: {reason}")]
    NotExact { method: String, reason: &'static str },
    /// The tie policy is not a linear condition.
    #[error(
        "the outcome set is not available exactly under the tie policy {policy}: who wins a tie depends on a \
         further comparison of votes, which is not a linear row"
    )]
    TiePolicyNotExact { policy: String },
    /// An input is outside its domain.
    #[error("{what}: expected {expected}")]
    Invalid { what: String, expected: &'static str },
    /// The unknowns leave too much room to decide within the bounds.
    #[error("undetermined within the bound: the figures leave too much room to decide exactly within {reason}")]
    Undetermined { reason: String },
    /// More outcomes than [`Limits::max_outcomes`].
    #[error("more than {bound} outcomes: the figures leave too much room to list them all")]
    TooManyOutcomes { bound: usize },
    /// A number is too large for the exact arithmetic.
    #[error("the numbers are too large for exact arithmetic ({context})")]
    TooLarge { context: &'static str },
    /// The engine and the core disagree: a bug, reported instead of a wrong answer.
    #[error("internal inconsistency, please report it: {0}")]
    Internal(String),
}

/// How ties at a cut may fall in one pass of the enumeration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TieMode {
    /// As the registration policy settles them: the earlier list wins.
    Registration,
    /// No tie at all.
    Forbid,
    /// Either way.
    Any,
}

/// One possible seat vector with vote counts that produce it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeatOutcome {
    /// Seats per list, in registration order.
    pub seats: Vec<u32>,
    /// Example list votes consistent with every figure that the core turns into `seats`.
    pub example_votes: Vec<u64>,
    pub against_all: u64,
    pub invalid: u64,
    /// Under the `error` and `lot` tie policies: every consistent vote vector that gives these
    /// seats does so only by settling a tie at a cut (the core stops there under `error`).
    /// Always `false` under `registration`, whose ties are part of the rules.
    pub through_tie: bool,
    /// For an outcome through a tie: a lot seed under which the core settles the example's
    /// tie this way.
    pub lot_seed: Option<u64>,
}

/// The set of outcomes the figures allow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutcomeSet {
    /// Every outcome, seat vectors in ascending lexicographic order.
    pub outcomes: Vec<SeatOutcome>,
}

impl OutcomeSet {
    /// Exactly one outcome.
    pub fn determined(&self) -> bool {
        self.outcomes.len() == 1
    }

    /// Each list's least and most seats over the outcomes, `None` when there are none.
    pub fn seat_ranges(&self) -> Option<Vec<(u32, u32)>> {
        let first = self.outcomes.first()?;
        let mut ranges: Vec<(u32, u32)> = first.seats.iter().map(|s| (*s, *s)).collect();
        for outcome in &self.outcomes {
            for (range, s) in ranges.iter_mut().zip(&outcome.seats) {
                *range = (range.0.min(*s), range.1.max(*s));
            }
        }
        Some(ranges)
    }

    /// The outcome with these seats, if any.
    pub fn find(&self, seats: &[u32]) -> Option<&SeatOutcome> {
        self.outcomes.iter().find(|o| o.seats == seats)
    }
}

fn check_inputs(figures: &Figures, house: u32, rules: &Rules, target: Option<&[u32]>) -> Result<(), OutcomeError> {
    if house == 0 {
        return Err(OutcomeError::Invalid { what: "a house of 0 seats".to_owned(), expected: "at least one seat" });
    }
    if figures.lists.is_empty() {
        return Err(OutcomeError::Invalid { what: "no lists".to_owned(), expected: "at least one list" });
    }
    if rules.tie_policy == TiePolicy::Votes {
        return Err(OutcomeError::TiePolicyNotExact { policy: rules.tie_policy.name() });
    }
    if let Some(target) = target
        && (target.len() != figures.lists.len()
            || target.iter().map(|s| u64::from(*s)).sum::<u64>() != u64::from(house))
    {
        return Err(OutcomeError::Invalid {
            what: format!("seats {target:?}"),
            expected: "one seat count per list, summing to the house size",
        });
    }
    Ok(())
}

/// The passes of the enumeration for the rules' tie policy: (mode, whether its outcomes are
/// through a tie).
fn passes(rules: &Rules) -> Vec<(TieMode, bool)> {
    match rules.tie_policy {
        TiePolicy::Registration => vec![(TieMode::Registration, false)],
        _ => vec![(TieMode::Forbid, false), (TieMode::Any, true)],
    }
}

/// Every seat vector the figures allow under the rules, each with example votes.
pub fn outcome_set(figures: &Figures, house: u32, rules: &Rules, limits: &Limits) -> Result<OutcomeSet, OutcomeError> {
    OutcomeQuestions::new(figures, house, rules).outcome_set(limits)
}

/// Whether `seats` is in the outcome set, with example votes when it is.
pub fn outcome_for(
    figures: &Figures,
    house: u32,
    rules: &Rules,
    seats: &[u32],
    limits: &Limits,
) -> Result<Option<SeatOutcome>, OutcomeError> {
    OutcomeQuestions::new(figures, house, rules).outcome_for(seats, limits)
}

/// Each list's share interval given that the election ended with `seats`; `None` when the
/// figures do not allow `seats` at all.
pub fn implied_shares(
    figures: &Figures,
    house: u32,
    rules: &Rules,
    seats: &[u32],
    limits: &Limits,
) -> Result<Option<Vec<ImpliedShare>>, OutcomeError> {
    OutcomeQuestions::new(figures, house, rules).implied_shares(seats, limits)
}

/// The questions of [`outcome_set`], [`outcome_for`] and [`implied_shares`] about one
/// election, asked one after the other with the work they share done once (the threshold
/// cases, the configurations and their share ranges, all independent of the question). Each
/// answer, error included, is the one the free function gives.
#[derive(Debug)]
pub struct OutcomeQuestions<'a> {
    figures: &'a Figures,
    house: u32,
    rules: &'a Rules,
    engine: OnceCell<Result<Engine<'a>, OutcomeError>>,
}

impl<'a> OutcomeQuestions<'a> {
    /// The questions about `figures` for a house of `house` seats under `rules`; nothing is
    /// computed before the first question.
    pub fn new(figures: &'a Figures, house: u32, rules: &'a Rules) -> OutcomeQuestions<'a> {
        OutcomeQuestions { figures, house, rules, engine: OnceCell::new() }
    }

    fn engine(&self) -> Result<&Engine<'a>, OutcomeError> {
        self.engine.get_or_init(|| Engine::new(self.figures, self.house, self.rules)).as_ref().map_err(Clone::clone)
    }

    /// As [`outcome_set`].
    pub fn outcome_set(&self, limits: &Limits) -> Result<OutcomeSet, OutcomeError> {
        check_inputs(self.figures, self.house, self.rules, None)?;
        collect(self.engine()?, self.figures, limits, None)
    }

    /// As [`outcome_for`].
    pub fn outcome_for(&self, seats: &[u32], limits: &Limits) -> Result<Option<SeatOutcome>, OutcomeError> {
        check_inputs(self.figures, self.house, self.rules, Some(seats))?;
        Ok(collect(self.engine()?, self.figures, limits, Some(seats))?.outcomes.into_iter().next())
    }

    /// As [`implied_shares`].
    pub fn implied_shares(&self, seats: &[u32], limits: &Limits) -> Result<Option<Vec<ImpliedShare>>, OutcomeError> {
        check_inputs(self.figures, self.house, self.rules, Some(seats))?;
        implied_shares_of(self.engine()?, self.figures, seats, limits)
    }
}

fn collect(
    engine: &Engine<'_>,
    figures: &Figures,
    limits: &Limits,
    target: Option<&[u32]>,
) -> Result<OutcomeSet, OutcomeError> {
    let (house, rules) = (engine.house, engine.rules);
    let mut outcomes: Vec<SeatOutcome> = Vec::new();
    let (mut examined, mut nodes) = (0u64, 0u64);
    for (mode, through_tie) in passes(rules) {
        let configs = engine.configs(mode)?;
        for config in configs {
            let mut visit = |candidate: Candidate| -> Result<(), OutcomeError> {
                examined += 1;
                if examined > limits.max_candidates {
                    return Err(OutcomeError::Undetermined {
                        reason: format!("the bound of {} candidates", limits.max_candidates),
                    });
                }
                if outcomes.iter().any(|o| o.seats == candidate.seats) {
                    return Ok(());
                }
                let Some(point) = bounded_integer_point(engine.vars, &candidate.rows, limits, &mut nodes)? else {
                    return Ok(());
                };
                let outcome = verify::confirm(figures, house, rules, &candidate.seats, &point, through_tie)?;
                outcomes.push(outcome);
                if outcomes.len() > limits.max_outcomes {
                    return Err(OutcomeError::TooManyOutcomes { bound: limits.max_outcomes });
                }
                Ok(())
            };
            engine.candidates(config, mode, target, &mut visit)?;
        }
    }
    outcomes.sort_by(|a, b| a.seats.cmp(&b.seats));
    Ok(OutcomeSet { outcomes })
}

/// An integer point of `rows` within the per-problem node bound and what is left of the whole
/// computation's (`spent` so far, updated); past either, [`OutcomeError::Undetermined`].
fn bounded_integer_point(
    vars: usize,
    rows: &[Row],
    limits: &Limits,
    spent: &mut u64,
) -> Result<Option<Vec<u64>>, OutcomeError> {
    let left = limits.max_nodes.saturating_sub(*spent);
    let (bound, reason) = if left < limits.node_bound {
        (left, format!("the bound of {} branch-and-bound nodes in all", limits.max_nodes))
    } else {
        (limits.node_bound, format!("the bound of {} branch-and-bound nodes", limits.node_bound))
    };
    let mut nodes = 0;
    let point = integer_point(vars, rows, bound, &mut nodes);
    *spent += nodes;
    point.map_err(|e| match e {
        SolveError::NodeBound => OutcomeError::Undetermined { reason },
        other => lp_error(other),
    })
}

/// A bound of an implied share interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ShareBound {
    /// The bound as an exact fraction of one (not of a hundred).
    pub value: Ratio,
    /// Whether some vote counts reach it (otherwise it is only approached).
    pub attained: bool,
}

/// The shares a list can have had, given an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ShareInterval {
    pub low: ShareBound,
    pub high: ShareBound,
    /// `true`: the bounds are exactly the infimum and supremum over integer vote counts.
    /// `false`: some figure is an exact count or an interval, and the bounds are those of the
    /// rational relaxation: true bounds, possibly not tight, and `attained` is not decided.
    pub exact: bool,
}

/// One list's implied shares, given an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImpliedShare {
    pub list: usize,
    /// Of the rules' threshold base (valid ballots under the Kazakh presets).
    pub of_base: ShareInterval,
    /// Of the votes of the lists that took part in the allocation (the lists that passed,
    /// with an admitted runner-up); `None` when the list never takes part in this outcome.
    pub of_participants: Option<ShareInterval>,
}

/// The implied shares of `seats` (checked) over `engine`.
fn implied_shares_of(
    engine: &Engine<'_>,
    figures: &Figures,
    seats: &[u32],
    limits: &Limits,
) -> Result<Option<Vec<ImpliedShare>>, OutcomeError> {
    let rules = engine.rules;
    let mut pieces: Vec<Candidate> = Vec::new();
    let mut nodes = 0u64;
    // Tie-free pieces first; under `error` and `lot`, the pieces through a tie only if there
    // are no others.
    for (mode, _) in passes(rules) {
        for config in engine.configs(mode)? {
            engine.candidates(config, mode, Some(seats), &mut |candidate| {
                if bounded_integer_point(engine.vars, &candidate.rows, limits, &mut nodes)?.is_some() {
                    pieces.push(candidate);
                }
                Ok(())
            })?;
        }
        if !pieces.is_empty() {
            break;
        }
    }
    if pieces.is_empty() {
        return Ok(None);
    }
    let base = base_coef(figures.lists.len(), rules.threshold_base);
    let participants_total = |c: &Candidate| {
        let mut coef = vec![0; engine.vars];
        for l in &c.parts.lists {
            coef[*l] = 1;
        }
        coef
    };
    let every_list: Vec<usize> = (0..figures.lists.len()).collect();
    let mut of_base_ranges = PieceRanges::new(&pieces, |_| (every_list.clone(), base.clone()));
    let mut of_participants_ranges = PieceRanges::new(&pieces, |c| (c.parts.lists.clone(), participants_total(c)));
    let mut shares = Vec::new();
    for list in 0..figures.lists.len() {
        let every_piece: Vec<usize> = (0..pieces.len()).collect();
        let of_base = interval_over(engine, &every_piece, list, &mut of_base_ranges)?;
        let taking_part: Vec<usize> =
            every_piece.into_iter().filter(|p| pieces[*p].parts.lists.contains(&list)).collect();
        let of_participants = if taking_part.is_empty() {
            None
        } else {
            Some(interval_over(engine, &taking_part, list, &mut of_participants_ranges)?)
        };
        let of_base = of_base.ok_or_else(|| OutcomeError::Internal("a feasible piece has no share".to_owned()))?;
        shares.push(ImpliedShare { list, of_base, of_participants: of_participants.flatten() });
    }
    Ok(Some(shares))
}

/// A share range `[min, max]`, `None` when the piece gives none.
type ShareRange = Option<(num_rational::BigRational, num_rational::BigRational)>;

/// The share ranges of the lists over one denominator per piece, each piece's computed at its
/// first use in one simplex for all its lists (one phase one, the objectives warm-started), so
/// the answers, and the first error met, are those of one linear program per list and piece.
struct PieceRanges<'p> {
    pieces: &'p [Candidate],
    /// Per piece: the lists asked about and the denominator.
    questions: Vec<(Vec<usize>, Vec<i128>)>,
    answers: Vec<Option<Result<Vec<ShareRange>, OutcomeError>>>,
}

impl<'p> PieceRanges<'p> {
    fn new(pieces: &'p [Candidate], question: impl Fn(&Candidate) -> (Vec<usize>, Vec<i128>)) -> PieceRanges<'p> {
        PieceRanges { pieces, questions: pieces.iter().map(question).collect(), answers: vec![None; pieces.len()] }
    }

    fn denominator(&self, piece: usize) -> &[i128] {
        &self.questions[piece].1
    }

    /// The range of `list`'s share in `piece` (`list` must be one of the piece's lists asked about).
    fn range(&mut self, vars: usize, piece: usize, list: usize) -> Result<ShareRange, OutcomeError> {
        let (lists, denom) = &self.questions[piece];
        let answer = self.answers[piece].get_or_insert_with(|| {
            let numers: Vec<Vec<i128>> = lists
                .iter()
                .map(|l| {
                    let mut numer = vec![0; vars];
                    numer[*l] = 1;
                    numer
                })
                .collect();
            // A piece has an integer point: its rows are feasible.
            engine::ratio_ranges_of_feasible(vars, &self.pieces[piece].rows, &numers, denom)
        });
        let ranges = answer.as_ref().map_err(Clone::clone)?;
        let position = lists.iter().position(|l| *l == list).ok_or_else(|| {
            OutcomeError::Internal("a share asked of a list the piece was not asked about".to_owned())
        })?;
        Ok(ranges[position].clone())
    }
}

/// The share interval of `list` across the pieces `which`, over each piece's denominator.
fn interval_over(
    engine: &Engine<'_>,
    which: &[usize],
    list: usize,
    ranges: &mut PieceRanges<'_>,
) -> Result<Option<ShareInterval>, OutcomeError> {
    let mut numer = vec![0; engine.vars];
    numer[list] = 1;
    let mut best: Option<ShareInterval> = None;
    for piece in which.iter().copied() {
        let Some((low, high)) = ranges.range(engine.vars, piece, list)? else { continue };
        let rows = &ranges.pieces[piece].rows;
        let denom = ranges.denominator(piece);
        let exact = rows.iter().all(|r| r.rhs == 0);
        let bound = |value: &num_rational::BigRational| -> Result<ShareBound, OutcomeError> {
            let ratio = to_ratio(value)?;
            let attained = exact && attains(engine.vars, rows, &numer, denom, ratio)?;
            Ok(ShareBound { value: ratio, attained })
        };
        let interval = ShareInterval { low: bound(&low)?, high: bound(&high)?, exact };
        best = Some(match best {
            None => interval,
            Some(so_far) => merge(so_far, interval),
        });
    }
    Ok(best)
}

fn merge(a: ShareInterval, b: ShareInterval) -> ShareInterval {
    let pick = |x: ShareBound, y: ShareBound, lower: bool| -> ShareBound {
        match x.value.cmp(&y.value) {
            std::cmp::Ordering::Equal => ShareBound { value: x.value, attained: x.attained || y.attained },
            std::cmp::Ordering::Less => {
                if lower {
                    x
                } else {
                    y
                }
            }
            std::cmp::Ordering::Greater => {
                if lower {
                    y
                } else {
                    x
                }
            }
        }
    };
    ShareInterval { low: pick(a.low, b.low, true), high: pick(a.high, b.high, false), exact: a.exact && b.exact }
}

fn to_ratio(value: &num_rational::BigRational) -> Result<Ratio, OutcomeError> {
    use num_traits::ToPrimitive;
    let too_large = || OutcomeError::TooLarge { context: "an implied share" };
    let num = value.numer().to_u128().ok_or_else(too_large)?;
    let den = value.denom().to_u128().ok_or_else(too_large)?;
    Ratio::new(num, den).map_err(|_| too_large())
}

/// Whether a homogeneous piece has an integer point with exactly this share.
fn attains(vars: usize, rows: &[Row], numer: &[i128], denom: &[i128], share: Ratio) -> Result<bool, OutcomeError> {
    let too_large = || OutcomeError::TooLarge { context: "an implied share" };
    let num = i128::try_from(share.num()).map_err(|_| too_large())?;
    let den = i128::try_from(share.den()).map_err(|_| too_large())?;
    let mut all = rows.to_vec();
    all.push(Row { coef: method::combine(den, numer, -num, denom), op: Op::Eq, rhs: 0, strict: false });
    let mut nodes = 0;
    Ok(integer_point(vars, &all, 1, &mut nodes).map_err(lp_error)?.is_some())
}

/// For seats the figures do not allow (`Some`), or for figures that allow no outcome at all
/// (`None`): a smallest set of evidence that already excludes them (irreducible: dropping any
/// one item lets them through), found by a deletion filter. `Ok(None)` when they are allowed.
/// An empty set means the rules alone exclude them.
pub fn explain_inconsistency(
    figures: &Figures,
    house: u32,
    rules: &Rules,
    seats: Option<&[u32]>,
    limits: &Limits,
) -> Result<Option<Vec<Evidence>>, OutcomeError> {
    check_inputs(figures, house, rules, seats)?;
    let excluded = |evidence: &[Evidence]| -> Result<bool, OutcomeError> {
        let trial = Figures::from_evidence(figures.lists.len(), evidence);
        let engine = Engine::new(&trial, house, rules)?;
        match seats {
            Some(seats) => Ok(collect(&engine, &trial, limits, Some(seats))?.outcomes.is_empty()),
            None => match collect(&engine, &trial, &Limits { max_outcomes: 1, ..*limits }, None) {
                Ok(found) => Ok(found.outcomes.is_empty()),
                Err(OutcomeError::TooManyOutcomes { .. }) => Ok(false),
                Err(other) => Err(other),
            },
        }
    };
    let mut kept = figures.evidence();
    if !excluded(&kept)? {
        return Ok(None);
    }
    let mut i = 0;
    while i < kept.len() {
        let mut without = kept.clone();
        without.remove(i);
        if excluded(&without)? {
            kept = without;
        } else {
            i += 1;
        }
    }
    Ok(Some(kept))
}
