//! The whole procedure: threshold, runner-up rule, the method, ties, and the result with its
//! explanation.

use serde::Serialize;

use crate::divisor::{self, DivisorScratch, Trace};
use crate::error::AllocError;
use crate::exact::Ratio;
use crate::largest_remainder::{self, LrScratch};
use crate::method::Method;
use crate::rules::{Rules, RunnerUp};
use crate::tally::Tally;
use crate::threshold::Threshold;
use crate::tie::{Tie, TieBreaker, TiePolicy, TieStage};

/// How a list fared at the threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ListStatus {
    /// Reached the threshold and took part.
    Qualified,
    /// Below the threshold, admitted because it was the runner-up when only one list passed.
    RunnerUp,
    /// Below the threshold: excluded.
    BelowThreshold,
}

/// One list's result, in registration order.
#[derive(Debug, Clone, Serialize)]
pub struct ListResult {
    pub votes: u64,
    /// The list's share of the threshold base.
    pub share: Ratio,
    pub status: ListStatus,
    pub seats: u32,
    /// Largest remainder: the seats from whole quotas, and the remainder as a fraction of a
    /// quota. Divisor methods: the quotient that won the list's last seat and the one its next
    /// seat would need (as decimals; exact fractions except for Huntington–Hill).
    #[serde(flatten)]
    pub detail: ListDetail,
}

/// The method-specific part of a list's result.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum ListDetail {
    /// Not in the allocation.
    None {},
    LargestRemainder {
        /// Votes ÷ quota, exact.
        quotient: Ratio,
        whole_seats: u32,
        /// The remainder as a fraction of one quota.
        remainder: Ratio,
        remainder_seat: bool,
    },
    Divisor {
        /// The quotient that won the list's last seat (absent without seats).
        last_quotient: Option<String>,
        /// The quotient the list's next seat would have had.
        next_quotient: String,
    },
}

/// The runner-up rule as it was applied.
#[derive(Debug, Clone, Serialize)]
pub struct RunnerUpApplied {
    pub reading: RunnerUp,
    /// The list that alone reached the threshold.
    pub leader: usize,
    /// The admitted runner-up, if any list had votes to admit.
    pub runner_up: Option<usize>,
    /// Seats moved to the runner-up by the two-seat minimum of reading (b).
    pub seats_moved: u32,
}

/// The order in which seats beyond the starting point were handed out or taken back.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Procedure {
    LargestRemainder {
        /// The quota in (weighted) votes, exact.
        quota: Ratio,
        /// Lists (indices) in the order they got a remainder seat.
        remainder_order: Vec<usize>,
        /// Lists that gave back a seat because whole quotas exceeded the house, in order.
        withdrawn: Vec<usize>,
    },
    Divisor {
        /// Seats handed out at once by the starting divisor (0 when every seat is listed).
        start_seats: u64,
        /// The seats after the start, in order.
        awards: Vec<Award>,
        /// Seats taken back from the start, in order.
        withdrawals: Vec<Award>,
    },
}

/// One seat of a divisor method.
#[derive(Debug, Clone, Serialize)]
pub struct Award {
    pub list: usize,
    /// The list's seat number this award made (1 = its first seat).
    pub list_seat: u32,
    pub divisor: String,
    pub quotient: String,
}

/// The result of an allocation, with everything needed to explain it.
#[derive(Debug, Clone, Serialize)]
pub struct Allocation {
    pub house_size: u32,
    pub rules: Rules,
    /// The threshold base in votes (serialised as a string: it may exceed 2^64).
    #[serde(serialize_with = "crate::exact::serialize_as_string")]
    pub base_votes: u128,
    /// The fewest votes that reached the threshold (serialised as a string).
    #[serde(serialize_with = "crate::exact::serialize_as_string")]
    pub threshold_votes: u128,
    pub against_all: u64,
    pub invalid: u64,
    pub lists: Vec<ListResult>,
    /// Every tie met, whatever the policy: a seat decided by a tie is never silent.
    pub ties: Vec<Tie>,
    pub runner_up: Option<RunnerUpApplied>,
    pub procedure: Procedure,
    /// Plain-language notes on unusual cases (zero-divisor methods with few seats, …).
    pub notes: Vec<String>,
}

impl Allocation {
    /// Seats per list, in registration order.
    pub fn seats(&self) -> Vec<u32> {
        self.lists.iter().map(|l| l.seats).collect()
    }
}

/// Allocates `house` seats among the lists of `tally` under `rules`.
pub fn allocate(tally: &Tally, house: u32, rules: &Rules) -> Result<Allocation, AllocError> {
    allocate_traced(tally, house, rules, Trace::Fast)
}

/// As [`allocate`], choosing how much of a divisor method's seat order is recorded.
pub fn allocate_traced(tally: &Tally, house: u32, rules: &Rules, trace: Trace) -> Result<Allocation, AllocError> {
    let trace = if house > EVERY_SEAT_LIMIT { Trace::Fast } else { trace };
    let mut ws = Workspace::default();
    run(&mut ws, tally, house, rules, trace)?;
    Ok(build(ws, tally, house, rules))
}

/// The largest house for which [`Trace::EverySeat`] lists every seat; larger ones use
/// [`Trace::Fast`].
pub const EVERY_SEAT_LIMIT: u32 = 10_000;

/// Allocates election after election without building explanations, reusing its buffers: for
/// batch runs and simulations. It gives the seats [`allocate`] gives.
#[derive(Debug, Default)]
pub struct Apportioner {
    ws: Workspace,
}

impl Apportioner {
    pub fn new() -> Apportioner {
        Apportioner::default()
    }

    /// Seats per list, in registration order. [`Apportioner::ties`] then tells the ties met.
    pub fn seats(&mut self, tally: &Tally, house: u32, rules: &Rules) -> Result<&[u32], AllocError> {
        run(&mut self.ws, tally, house, rules, Trace::Fast)?;
        Ok(&self.ws.seats)
    }

    /// The ties met by the last allocation (empty when none).
    pub fn ties(&self) -> &[Tie] {
        &self.ws.ties.ties
    }

    /// How each list fared at the threshold in the last allocation.
    pub fn statuses(&self) -> &[ListStatus] {
        &self.ws.status
    }

    /// The lists that took part in the last allocation (ascending) and the weights the method
    /// saw: their votes, or ×10 and ×7 under the runner-up coefficient reading.
    pub fn participants(&self) -> (&[usize], &[u128]) {
        (&self.ws.participants, &self.ws.weights)
    }
}

/// Every buffer of one allocation; reused by [`Apportioner`].
#[derive(Debug)]
struct Workspace {
    base: u128,
    status: Vec<ListStatus>,
    /// Lists taking part, ascending; `weights` and `part_seats` are indexed like it.
    participants: Vec<usize>,
    weights: Vec<u128>,
    part_seats: Vec<u32>,
    /// Seats per list.
    seats: Vec<u32>,
    runner_up: Option<RunnerUpApplied>,
    ties: TieBreaker,
    lr: LrScratch,
    divisor: DivisorScratch,
}

impl Default for Workspace {
    fn default() -> Workspace {
        Workspace {
            base: 0,
            status: Vec::new(),
            participants: Vec::new(),
            weights: Vec::new(),
            part_seats: Vec::new(),
            seats: Vec::new(),
            runner_up: None,
            ties: TieBreaker::new(TiePolicy::Registration),
            lr: LrScratch::default(),
            divisor: DivisorScratch::default(),
        }
    }
}

/// The procedure: threshold, runner-up rule, method, two-seat minimum; results in `ws`.
fn run(ws: &mut Workspace, tally: &Tally, house: u32, rules: &Rules, trace: Trace) -> Result<(), AllocError> {
    if house == 0 {
        return Err(AllocError::NoSeats);
    }
    let votes = tally.votes();
    if votes.is_empty() {
        return Err(AllocError::NoLists);
    }
    let base = tally.base(rules.threshold_base);
    ws.base = base;
    ws.ties.policy = rules.tie_policy;
    ws.ties.ties.clear();
    ws.runner_up = None;
    ws.status.clear();
    match rules.threshold {
        Threshold::None => ws.status.resize(votes.len(), ListStatus::Qualified),
        Threshold::Percent { .. } if base == 0 => {
            // Every base includes the list votes, so a zero base means no votes at all.
            return Err(AllocError::NoVotes);
        }
        threshold => ws.status.extend(
            votes
                .iter()
                .map(|v| if threshold.is_met(*v, base) { ListStatus::Qualified } else { ListStatus::BelowThreshold }),
        ),
    }
    ws.participants.clear();
    ws.participants.extend((0..votes.len()).filter(|i| ws.status[*i] == ListStatus::Qualified));
    if ws.participants.is_empty() {
        let largest = (0..votes.len()).max_by(|a, b| votes[*a].cmp(&votes[*b]).then(b.cmp(a))).unwrap_or(0);
        return Err(AllocError::NoListPasses {
            threshold: rules.threshold.to_string(),
            largest: largest + 1,
            share: Ratio::new(u128::from(votes[largest]), base.max(1)).percent(2),
            base: rules.threshold_base.describe(),
        });
    }
    if let (Some(reading), [leader]) = (rules.runner_up, ws.participants.as_slice()) {
        let leader = *leader;
        let admitted = pick_runner_up(votes, &ws.status, &mut ws.ties)?;
        if let Some(second) = admitted {
            ws.status[second] = ListStatus::RunnerUp;
            ws.participants.clear();
            ws.participants.extend([leader.min(second), leader.max(second)]);
        }
        ws.runner_up = Some(RunnerUpApplied { reading, leader, runner_up: admitted, seats_moved: 0 });
    }
    let coefficient = matches!(ws.runner_up, Some(RunnerUpApplied { reading: RunnerUp::Coefficient, .. }));
    ws.weights.clear();
    ws.weights.extend(ws.participants.iter().map(|i| {
        let v = u128::from(votes[*i]);
        match (coefficient, ws.status[*i]) {
            (false, _) => v,
            (true, ListStatus::RunnerUp) => v * 7,
            (true, _) => v * 10,
        }
    }));
    match &rules.method {
        Method::LargestRemainder(quota) => largest_remainder::allocate(
            *quota,
            &ws.weights,
            &ws.participants,
            votes,
            house,
            &mut ws.ties,
            &mut ws.lr,
            &mut ws.part_seats,
        )?,
        Method::Divisor(divisor) => divisor::allocate(
            divisor,
            &ws.weights,
            &ws.participants,
            votes,
            house,
            trace,
            &mut ws.ties,
            &mut ws.divisor,
            &mut ws.part_seats,
        )?,
    }
    ws.seats.clear();
    ws.seats.resize(votes.len(), 0);
    for (list, seats) in ws.participants.iter().zip(&ws.part_seats) {
        ws.seats[*list] = *seats;
    }
    if let Some(applied) = ws.runner_up.as_mut() {
        apply_two_seat_minimum(applied, &mut ws.seats, house);
    }
    Ok(())
}

/// The full result with its explanation, from a finished workspace.
fn build(ws: Workspace, tally: &Tally, house: u32, rules: &Rules) -> Allocation {
    let votes = tally.votes();
    let mut notes = Vec::new();
    let mut details: Vec<ListDetail> = vec![ListDetail::None {}; votes.len()];
    let participants = &ws.participants;
    let weights = &ws.weights;
    // Under the coefficient reading the weights are votes ×10 (×7 for the runner-up): shown
    // quotas and quotients are divided back into votes.
    let scale: u128 = match ws.runner_up {
        Some(RunnerUpApplied { reading: RunnerUp::Coefficient, runner_up: Some(_), .. }) => 10,
        _ => 1,
    };
    let procedure = match &rules.method {
        Method::LargestRemainder(_) => {
            let lr = &ws.lr;
            let weighted_quota = lr.quota.unwrap_or(Ratio::new(0, 1));
            let quota = Ratio::new(weighted_quota.num, weighted_quota.den.saturating_mul(scale));
            for (p, &list) in participants.iter().enumerate() {
                details[list] = ListDetail::LargestRemainder {
                    quotient: Ratio::new(weights[p].saturating_mul(weighted_quota.den), weighted_quota.num.max(1)),
                    whole_seats: lr.whole[p],
                    remainder: Ratio::new(lr.remainders[p], weighted_quota.num.max(1)),
                    remainder_seat: lr.remainder_order.contains(&p),
                };
            }
            if lr.full_rounds > 0 {
                notes.push(format!(
                    "the house has more seats than whole quotas and remainders can fill: every list with votes got {} \
                     more seat(s) in whole rounds before the remainders were ranked",
                    lr.full_rounds
                ));
            }
            if !lr.withdrawn.is_empty() {
                notes.push(format!(
                    "the quota handed out {} whole seat(s) more than the house has; they were taken back from the \
                     lists with the smallest remainders",
                    lr.withdrawn.len()
                ));
            }
            Procedure::LargestRemainder {
                quota,
                remainder_order: lr.remainder_order.iter().map(|p| participants[*p]).collect(),
                withdrawn: lr.withdrawn.iter().map(|p| participants[*p]).collect(),
            }
        }
        Method::Divisor(divisor) => {
            let outcome = &ws.divisor;
            let award = |step: &divisor::Step, seat_number: u32| Award {
                list: participants[step.participant],
                list_seat: seat_number,
                divisor: divisor.divisor_text(step.seats_before),
                quotient: divisor.quotient_text(weights[step.participant], step.seats_before, scale),
            };
            for (p, &list) in participants.iter().enumerate() {
                let won = ws.part_seats[p];
                details[list] = ListDetail::Divisor {
                    last_quotient: won.checked_sub(1).map(|s| divisor.quotient_text(weights[p], s, scale)),
                    next_quotient: divisor.quotient_text(weights[p], won, scale),
                };
            }
            let with_votes = weights.iter().filter(|w| **w > 0).count();
            if divisor.has_zero_first_divisor() && (house as usize) < with_votes {
                notes.push(format!(
                    "{} gives a list without seats a zero divisor, so every list with votes has an infinite claim to \
                     its first seat; with {house} seats for {with_votes} lists with votes, those claims were ranked \
                     by votes (the limit of a divisor shrinking to zero)",
                    rules.method
                ));
            }
            Procedure::Divisor {
                start_seats: outcome.start_seats,
                awards: outcome.awards.iter().map(|s| award(s, s.seats_before + 1)).collect(),
                withdrawals: outcome.withdrawals.iter().map(|s| award(s, s.seats_before)).collect(),
            }
        }
    };
    let base = ws.base;
    let lists = votes
        .iter()
        .zip(details)
        .enumerate()
        .map(|(i, (v, detail))| ListResult {
            votes: *v,
            share: Ratio::new(u128::from(*v), base.max(1)),
            status: ws.status[i],
            seats: ws.seats[i],
            detail,
        })
        .collect();
    Allocation {
        house_size: house,
        rules: rules.clone(),
        base_votes: base,
        threshold_votes: rules.threshold.votes_needed(base),
        against_all: tally.against_all(),
        invalid: tally.invalid(),
        lists,
        ties: ws.ties.ties,
        runner_up: ws.runner_up,
        procedure,
        notes,
    }
}

/// The list with the most votes below the threshold, if any has votes; equal votes are a tie.
fn pick_runner_up(votes: &[u64], status: &[ListStatus], ties: &mut TieBreaker) -> Result<Option<usize>, AllocError> {
    let below = || (0..votes.len()).filter(|i| status[*i] == ListStatus::BelowThreshold && votes[*i] > 0);
    let Some(best) = below().map(|i| votes[i]).max() else { return Ok(None) };
    let tied: Vec<usize> = below().filter(|i| votes[*i] == best).collect();
    if tied.len() == 1 {
        return Ok(Some(tied[0]));
    }
    let winners = ties.settle(TieStage::RunnerUp, &tied, 1, votes).map_err(AllocError::UnresolvedTie)?;
    Ok(winners.first().copied())
}

/// Reading (b): the runner-up gets at least two seats, the leader keeps at least one.
fn apply_two_seat_minimum(applied: &mut RunnerUpApplied, seats: &mut [u32], house: u32) {
    let (RunnerUp::AdmitMinTwo, Some(second)) = (applied.reading, applied.runner_up) else { return };
    let minimum = 2.min(house.saturating_sub(1));
    let moved = minimum.saturating_sub(seats[second]);
    seats[second] += moved;
    seats[applied.leader] -= moved;
    applied.seats_moved = moved;
}
