//! Seat projections: many vote scenarios drawn around given shares, each allocated exactly,
//! summarised per list as a seat distribution with its median, 90 % interval, and the chances
//! of passing the threshold and of holding a majority.
//!
//! # The models
//!
//! The input is a share per list (any non-negative numbers; they are normalised to sum to one
//! together with an optional "against all" share). Each run draws one scenario:
//!
//! - [`Model::Dirichlet`] `{ sample_size: n }`: the shares are drawn from a Dirichlet
//!   distribution with parameters `n·p` (as independent `Gamma(n·p_j, 1)` draws divided by
//!   their sum). This is the posterior of the true shares after a poll of `n` respondents that
//!   found shares `p` (with a vague prior): each share has mean `p_j` and variance
//!   `p_j(1−p_j)/(n+1)`. The drawn shares are turned into whole votes out of
//!   [`SCENARIO_VOTES`] (1,000,000) by rounding, so the allocation stays exact.
//! - [`Model::Multinomial`] `{ sample_size: n }`: the scenario *is* a ballot count of `n`
//!   voters each choosing list `j` with probability `p_j` (sequential binomial draws). Small
//!   `n` makes the outcome space small enough to enumerate, which the tests do.
//! - [`Model::Normal`] `{ sd_points: σ }`: each share gets an independent normal error of `σ`
//!   percentage points; a negative result counts as zero; then as for Dirichlet. Shares are not
//!   renormalised: only the ratios of votes matter to an allocation.
//!
//! # Reproducibility
//!
//! Runs are cut into chunks of [`CHUNK_RUNS`]; chunk `c` draws from its own Xoshiro256++
//! generator (`rand`'s) seeded from `(seed, c)` through SplitMix64, and the chunks' counts are added in
//! chunk order. So the same seed gives the same projection whatever the number of threads
//! (rayon's current pool), and a projection of `R` runs is a prefix-extension of one with
//! fewer runs in whole chunks.
//!
//! The Dirichlet model's Gamma draws come from this crate's own sampler (`simulate/gamma.rs`:
//! Marsaglia and Tsang's method, as in `rand_distr`, with one more squeeze), not from
//! `rand_distr::Gamma` as before: the same distribution, but a given seed now gives other
//! Dirichlet projections than it did. The normal and multinomial models draw as before.

mod gamma;

use maslihat_apportion::{AllocError, Apportioner, ListStatus, Rules, Tally, Threshold};
use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand_distr::{Binomial, Distribution, StandardNormal};
use rayon::prelude::*;
use serde::Serialize;

use crate::error::AnalysisError;
pub(crate) use gamma::GammaSampler;

/// Whole votes of one Dirichlet or normal scenario.
pub const SCENARIO_VOTES: u64 = 1_000_000;

/// Runs per chunk: each chunk has its own generator.
pub const CHUNK_RUNS: u64 = 4096;

/// The most draws of one simulation, `runs × (lists + 1)`: about half a minute on two cores;
/// more is [`AnalysisError::Invalid`], not an hour of CPU.
pub const MAX_DRAWS: u64 = 2_000_000_000;

/// The most seat counts kept, `lists × (seats + 1)` (32 MB per chunk in flight); more is
/// [`AnalysisError::Invalid`], not gigabytes of memory.
pub const MAX_COUNT_CELLS: u64 = 4_000_000;

/// The central shares of a projection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shares {
    lists: Vec<f64>,
    against_all: f64,
}

impl Shares {
    /// Shares of the lists in registration order (any non-negative scale).
    pub fn new(lists: Vec<f64>) -> Shares {
        Shares { lists, against_all: 0.0 }
    }

    /// Adds an "against all" share on the same scale: it counts in the threshold base.
    #[must_use]
    pub fn with_against_all(mut self, against_all: f64) -> Shares {
        self.against_all = against_all;
        self
    }

    pub fn lists(&self) -> &[f64] {
        &self.lists
    }

    pub fn against_all(&self) -> f64 {
        self.against_all
    }
}

/// How scenarios are drawn around the shares (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "model", rename_all = "kebab-case")]
pub enum Model {
    /// Shares from Dirichlet(n·p): the uncertainty of a poll of `n` respondents.
    Dirichlet { sample_size: f64 },
    /// Votes from Multinomial(n, p): a ballot count of `n` voters.
    Multinomial { sample_size: u64 },
    /// Each share plus an independent normal error of `sd_points` percentage points.
    Normal { sd_points: f64 },
}

/// A projection's summary.
#[derive(Debug, Clone, Serialize)]
pub struct Projection {
    pub model: Model,
    pub runs: u64,
    pub seed: u64,
    pub house_size: u32,
    pub rules: Rules,
    /// Votes per Dirichlet or normal scenario (absent for the multinomial model).
    pub scenario_votes: Option<u64>,
    pub chunk_runs: u64,
    /// Runs with an allocation; the seat distributions are over these.
    pub determined: u64,
    /// Runs where no list reached the threshold (or no votes were drawn).
    pub no_lawful_allocation: u64,
    /// Runs that stopped at a tie (tie policy `error`).
    pub unresolved_tie: u64,
    /// The share of determined runs in which one list holds an absolute majority of seats.
    pub majority_any: f64,
    pub lists: Vec<ListProjection>,
}

/// One list's projection.
#[derive(Debug, Clone, Serialize)]
pub struct ListProjection {
    pub list: usize,
    /// The central share, normalised (with "against all" in the total).
    pub share: f64,
    /// Runs by seat count: `seat_counts[s]` runs gave the list `s` seats.
    pub seat_counts: Vec<u64>,
    /// `seat_counts` as shares of the determined runs.
    pub seat_probabilities: Vec<f64>,
    pub mean_seats: f64,
    /// The median seat count (absent without determined runs).
    pub median_seats: Option<u32>,
    /// The 5th and 95th percentiles of the seat count: a 90 % interval.
    pub interval_90: Option<[u32; 2]>,
    /// The share of all runs in which the list reached the threshold.
    pub passes_threshold: f64,
    /// The share of determined runs in which it was admitted as the runner-up.
    pub runner_up: f64,
    /// The share of determined runs in which it holds an absolute majority of seats.
    pub majority: f64,
}

/// Integer tallies of one chunk (or of all of them).
#[derive(Debug, Clone)]
struct Counts {
    house: usize,
    seats: Vec<u64>,
    passes: Vec<u64>,
    runner_up: Vec<u64>,
    majority: Vec<u64>,
    seat_sum: Vec<u64>,
    majority_any: u64,
    determined: u64,
    no_allocation: u64,
    unresolved_tie: u64,
    /// Runs with an allocation by each list's status, [`STATUS_SLOTS`] per list (see
    /// [`status_slot`]); folded into `passes` and `runner_up` at the end of a chunk.
    statuses: Vec<u64>,
}

/// The statuses a list can end a run with.
const STATUS_SLOTS: usize = 3;

/// A status's place among a list's [`STATUS_SLOTS`] counts.
fn status_slot(status: ListStatus) -> usize {
    match status {
        ListStatus::Qualified => 0,
        ListStatus::RunnerUp => 1,
        ListStatus::BelowThreshold => 2,
    }
}

impl Counts {
    fn new(house: u32, lists: usize) -> Counts {
        let house = house as usize;
        Counts {
            house,
            seats: vec![0; lists * (house + 1)],
            passes: vec![0; lists],
            runner_up: vec![0; lists],
            majority: vec![0; lists],
            seat_sum: vec![0; lists],
            majority_any: 0,
            determined: 0,
            no_allocation: 0,
            unresolved_tie: 0,
            statuses: vec![0; lists * STATUS_SLOTS],
        }
    }

    /// At the end of a chunk, what follows from the per-run counts: each list's seat sum and
    /// majorities, and the runs in which any list holds a majority, from the seat counts (at
    /// most one list can hold more than half of the seats); the runs in which it passed the
    /// threshold (the qualified ones; runs without an allocation are counted as they go) or
    /// was the runner-up, from the status counts.
    fn fold_per_run_counts(&mut self, house: u32) {
        for (j, (passes, runner_up)) in self.passes.iter_mut().zip(self.runner_up.iter_mut()).enumerate() {
            let statuses = &mut self.statuses[j * STATUS_SLOTS..(j + 1) * STATUS_SLOTS];
            *passes += statuses[status_slot(ListStatus::Qualified)];
            *runner_up += statuses[status_slot(ListStatus::RunnerUp)];
            statuses.fill(0);
        }
        let width = self.house + 1;
        for (j, (seat_sum, majority)) in self.seat_sum.iter_mut().zip(self.majority.iter_mut()).enumerate() {
            for (s, runs) in self.seats[j * width..(j + 1) * width].iter().enumerate() {
                *seat_sum += s as u64 * runs;
                if 2 * s as u64 > u64::from(house) {
                    *majority += runs;
                    self.majority_any += runs;
                }
            }
        }
    }

    fn add(&mut self, other: &Counts) {
        let pairs = [
            (&mut self.seats, &other.seats),
            (&mut self.passes, &other.passes),
            (&mut self.runner_up, &other.runner_up),
            (&mut self.majority, &other.majority),
            (&mut self.seat_sum, &other.seat_sum),
        ];
        for (mine, theirs) in pairs {
            for (a, b) in mine.iter_mut().zip(theirs) {
                *a += b;
            }
        }
        self.majority_any += other.majority_any;
        self.determined += other.determined;
        self.no_allocation += other.no_allocation;
        self.unresolved_tie += other.unresolved_tie;
    }
}

/// The validated inputs shared by every chunk.
#[derive(Debug)]
struct Setup<'a> {
    /// Normalised probabilities: the lists, then "against all".
    probabilities: Vec<f64>,
    lists: usize,
    house: u32,
    rules: &'a Rules,
    model: Model,
    gammas: Vec<Option<GammaSampler>>,
}

/// Draws `runs` scenarios around `shares`, allocates `seats` seats in each under `rules`,
/// and summarises them. The same `seed` gives the same projection on any number of threads.
pub fn simulate(
    shares: &Shares,
    seats: u32,
    rules: &Rules,
    model: &Model,
    runs: u64,
    seed: u64,
) -> Result<Projection, AnalysisError> {
    let setup = validate(shares, seats, rules, *model, runs)?;
    let chunks = runs.div_ceil(CHUNK_RUNS);
    let mut total = Counts::new(seats, setup.lists);
    // Batches bound the memory held for ordered merging (at most 256 chunks and about 256 MB of
    // seat counts); within a batch chunks run in parallel.
    let cells = (setup.lists as u64 * (u64::from(seats) + 1)).max(1);
    let batch: u64 = ((32 << 20) / cells).clamp(2, 256);
    for first in (0..chunks).step_by(batch as usize) {
        let parts: Vec<Counts> = (first..chunks.min(first + batch))
            .into_par_iter()
            .map_init(
                || Worker::new(setup.lists),
                |worker, chunk| {
                    let size = CHUNK_RUNS.min(runs - chunk * CHUNK_RUNS);
                    run_chunk(&setup, worker, seed, chunk, size)
                },
            )
            .collect();
        for part in &parts {
            total.add(part);
        }
    }
    Ok(summarise(&setup, &total, runs, seed))
}

fn validate<'a>(
    shares: &Shares,
    house: u32,
    rules: &'a Rules,
    model: Model,
    runs: u64,
) -> Result<Setup<'a>, AnalysisError> {
    if house == 0 {
        return Err(AnalysisError::invalid("seats", "at least 1", house));
    }
    if runs == 0 {
        return Err(AnalysisError::invalid("runs", "at least 1", runs));
    }
    if shares.lists.is_empty() {
        return Err(AnalysisError::invalid("shares", "at least one list", "none"));
    }
    let lists = shares.lists.len() as u64;
    if lists.saturating_mul(u64::from(house) + 1) > MAX_COUNT_CELLS {
        let found = format!("{lists} lists and {house} seats");
        return Err(AnalysisError::invalid(
            "lists × (seats + 1)",
            "at most 4,000,000 (the seat counts kept per list)",
            found,
        ));
    }
    if runs.saturating_mul(lists + 1) > MAX_DRAWS {
        let found = format!("{runs} runs of {lists} lists");
        return Err(AnalysisError::invalid("runs × (lists + 1)", "at most 2,000,000,000 draws", found));
    }
    let mut raw = shares.lists.clone();
    raw.push(shares.against_all);
    for (i, share) in raw.iter().enumerate() {
        if !share.is_finite() || *share < 0.0 {
            let name = if i < shares.lists.len() { format!("shares[{i}]") } else { "against_all".to_owned() };
            return Err(AnalysisError::invalid(name, "a finite share of zero or more", share));
        }
    }
    let total: f64 = raw.iter().sum();
    if total <= 0.0 || !total.is_finite() {
        return Err(AnalysisError::invalid("shares", "a positive total", total));
    }
    let probabilities: Vec<f64> = raw.iter().map(|s| s / total).collect();
    let mut gammas = Vec::new();
    match model {
        Model::Dirichlet { sample_size } => {
            if !sample_size.is_finite() || sample_size <= 0.0 {
                return Err(AnalysisError::invalid("sample_size", "a positive number", sample_size));
            }
            for p in &probabilities {
                gammas.push(GammaSampler::new(sample_size * p));
            }
        }
        Model::Multinomial { sample_size } => {
            if sample_size == 0 {
                return Err(AnalysisError::invalid("sample_size", "at least 1", sample_size));
            }
        }
        Model::Normal { sd_points } => {
            if !sd_points.is_finite() || sd_points < 0.0 {
                return Err(AnalysisError::invalid("sd_points", "a finite number of zero or more", sd_points));
            }
        }
    }
    Ok(Setup { probabilities, lists: shares.lists.len(), house, rules, model, gammas })
}

/// Chunk `chunk`'s generator: `rand`'s Xoshiro256++ seeded from one word mixing `seed` and
/// `chunk` (its `seed_from_u64` spreads the word over the 256-bit state with SplitMix64).
fn chunk_rng(seed: u64, chunk: u64) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(seed ^ chunk.wrapping_mul(0xD1B5_4A32_D192_ED03))
}

/// Rounds a drawn share to whole scenario votes, half away from zero (as `f64::round`, without
/// its library call: the fraction `x − trunc(x)` of a double is exact).
pub(crate) fn to_votes(share: f64) -> u64 {
    let scaled = share * SCENARIO_VOTES as f64;
    if scaled.is_nan() || scaled <= 0.0 {
        return 0;
    }
    if scaled < 9.0e15 {
        // Below 2^53, through i64 (one instruction where u64 takes several).
        let whole = scaled as i64;
        return whole as u64 + u64::from(scaled - whole as f64 >= 0.5);
    }
    // A whole number already; saturates above u64::MAX (never for a share of about 1).
    scaled as u64
}

/// [`to_votes`] for a share known to be finite and between 0 and 1 (a little above 1 by
/// rounding): the same votes without the tests for what cannot occur.
#[inline]
pub(crate) fn unit_share_to_votes(share: f64) -> u64 {
    let scaled = share * SCENARIO_VOTES as f64;
    let whole = scaled as i64;
    whole as u64 + u64::from(scaled - whole as f64 >= 0.5)
}

/// Draws one scenario: the lists' votes into `lists` (one per list), and returns the votes
/// "against all".
fn draw(setup: &Setup<'_>, rng: &mut Xoshiro256PlusPlus, draws: &mut [f64], lists: &mut [u64]) -> u64 {
    match setup.model {
        Model::Dirichlet { .. } => {
            // The lists and "against all": every slice cut to that length, so indexing is checked
            // once here, not per element.
            let count = draws.len().min(setup.gammas.len());
            let draws = &mut draws[..count];
            let mut sum = 0.0;
            for (slot, gamma) in draws.iter_mut().zip(&setup.gammas) {
                let drawn = match gamma {
                    Some(gamma) => gamma.sample(rng),
                    None => 0.0,
                };
                *slot = drawn;
                sum += drawn;
            }
            // One division per run, then a multiplication per list. With a sum of at least the
            // smallest normal double the scale is finite and every share within [0, 1].
            let scale = if sum > 0.0 { 1.0 / sum } else { 0.0 };
            let (list_draws, against_all) = draws.split_at(draws.len().saturating_sub(1));
            if sum >= f64::MIN_POSITIVE {
                for (votes, drawn) in lists.iter_mut().zip(list_draws) {
                    *votes = unit_share_to_votes(drawn * scale);
                }
                against_all.first().map_or(0, |drawn| unit_share_to_votes(drawn * scale))
            } else {
                for (votes, drawn) in lists.iter_mut().zip(list_draws) {
                    *votes = to_votes(drawn * scale);
                }
                against_all.first().map_or(0, |drawn| to_votes(drawn * scale))
            }
        }
        Model::Multinomial { sample_size } => {
            let mut left = sample_size;
            let mut mass = 1.0;
            let last = setup.probabilities.len() - 1;
            let mut against_all = 0;
            for (j, p) in setup.probabilities.iter().enumerate() {
                let v = if j == last || mass <= *p {
                    left
                } else if *p <= 0.0 || left == 0 {
                    0
                } else {
                    Binomial::new(left, (p / mass).clamp(0.0, 1.0)).map_or(0, |b| b.sample(rng))
                };
                match lists.get_mut(j) {
                    Some(votes) => *votes = v,
                    None => against_all = v,
                }
                left -= v;
                mass -= p;
            }
            against_all
        }
        Model::Normal { sd_points } => {
            let mut against_all = 0;
            for (j, p) in setup.probabilities.iter().enumerate() {
                let error: f64 = StandardNormal.sample(rng);
                let v = to_votes((p + error * sd_points / 100.0).max(0.0));
                match lists.get_mut(j) {
                    Some(votes) => *votes = v,
                    None => against_all = v,
                }
            }
            against_all
        }
    }
}

/// One thread's reused state: the core's apportioner, the tally it allocates (each scenario is
/// drawn straight into it), and the buffer of a draw.
struct Worker {
    apportioner: Apportioner,
    tally: Tally,
    /// The lists' draws, then "against all"'s.
    draws: Vec<f64>,
}

impl Worker {
    fn new(lists: usize) -> Worker {
        Worker { apportioner: Apportioner::new(), tally: Tally::new(vec![0; lists]), draws: vec![0.0; lists + 1] }
    }
}

fn run_chunk(setup: &Setup<'_>, worker: &mut Worker, seed: u64, chunk: u64, size: u64) -> Counts {
    let n = setup.lists;
    let house = setup.house;
    let mut counts = Counts::new(house, n);
    let mut rng = chunk_rng(seed, chunk);
    let Worker { apportioner, tally, draws } = worker;
    let width = counts.house + 1;
    for _ in 0..size {
        let lists = tally.votes_mut();
        if lists.len() != n {
            lists.clear();
            lists.resize(n, 0);
        }
        let against_all = draw(setup, &mut rng, draws, lists);
        tally.set_against_all(against_all);
        match apportioner.seats(tally, house, setup.rules) {
            Ok(seats) => {
                counts.determined += 1;
                // Only the seat counts per run: the seat sums and majorities follow from them at
                // the end of the chunk. Every per-list slice is cut to the lists' number, so
                // indexing is checked once here.
                let lists = seats.len().min(n);
                for (j, s) in seats[..lists].iter().enumerate() {
                    counts.seats[j * width + *s as usize] += 1;
                }
                // With an allocation, the lists that reached the threshold are the qualified ones
                // (a runner-up was admitted from below it): one count per list and run, by status.
                for (j, status) in apportioner.statuses().iter().take(n).enumerate() {
                    counts.statuses[j * STATUS_SLOTS + status_slot(*status)] += 1;
                }
            }
            // The error taken by value: a run with an allocation then has nothing to drop.
            Err(error) => {
                if matches!(error, AllocError::UnresolvedTie(_)) {
                    counts.unresolved_tie += 1;
                } else {
                    counts.no_allocation += 1;
                }
                drop(error);
                count_threshold(setup.rules, tally, &mut counts);
            }
        }
    }
    counts.fold_per_run_counts(house);
    counts
}

/// Counts the lists that reach the threshold, whatever the allocation does afterwards.
fn count_threshold(rules: &Rules, tally: &Tally, counts: &mut Counts) {
    let base = tally.base(rules.threshold_base);
    for (j, v) in tally.votes().iter().enumerate() {
        let passes = match rules.threshold {
            Threshold::Percent { .. } if base == 0 => false,
            threshold => threshold.is_met(*v, base),
        };
        counts.passes[j] += u64::from(passes);
    }
}

/// The smallest seat count whose cumulative count reaches `numerator / 100` of `total`.
fn percentile(counts: &[u64], total: u64, numerator: u64) -> Option<u32> {
    let mut cumulative: u128 = 0;
    for (s, c) in counts.iter().enumerate() {
        cumulative += u128::from(*c);
        if cumulative * 100 >= u128::from(total) * u128::from(numerator) && cumulative > 0 {
            return u32::try_from(s).ok();
        }
    }
    None
}

fn ratio(count: u64, total: u64) -> f64 {
    if total == 0 { 0.0 } else { count as f64 / total as f64 }
}

fn summarise(setup: &Setup<'_>, total: &Counts, runs: u64, seed: u64) -> Projection {
    let width = total.house + 1;
    let determined = total.determined;
    let lists = (0..setup.lists)
        .map(|j| {
            let seat_counts = total.seats[j * width..(j + 1) * width].to_vec();
            ListProjection {
                list: j,
                share: setup.probabilities[j],
                seat_probabilities: seat_counts.iter().map(|c| ratio(*c, determined)).collect(),
                mean_seats: ratio(total.seat_sum[j], determined),
                median_seats: percentile(&seat_counts, determined, 50),
                interval_90: percentile(&seat_counts, determined, 5)
                    .zip(percentile(&seat_counts, determined, 95))
                    .map(|(lo, hi)| [lo, hi]),
                passes_threshold: ratio(total.passes[j], runs),
                runner_up: ratio(total.runner_up[j], determined),
                majority: ratio(total.majority[j], determined),
                seat_counts,
            }
        })
        .collect();
    let scenario_votes = match setup.model {
        Model::Multinomial { .. } => None,
        Model::Dirichlet { .. } | Model::Normal { .. } => Some(SCENARIO_VOTES),
    };
    Projection {
        model: setup.model,
        runs,
        seed,
        house_size: setup.house,
        rules: setup.rules.clone(),
        scenario_votes,
        chunk_runs: CHUNK_RUNS,
        determined,
        no_lawful_allocation: total.no_allocation,
        unresolved_tie: total.unresolved_tie,
        majority_any: ratio(total.majority_any, determined),
        lists,
    }
}
