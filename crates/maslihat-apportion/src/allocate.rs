//! The whole procedure: threshold, runner-up rule, the method, ties, and the result with its
//! explanation.

use serde::Serialize;

use crate::divisor::{self, Trace};
use crate::error::AllocError;
use crate::exact::Ratio;
use crate::largest_remainder;
use crate::method::Method;
use crate::rules::{Rules, RunnerUp};
use crate::tally::Tally;
use crate::threshold::Threshold;
use crate::tie::{Tie, TieBreaker, TieStage};

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
    /// The threshold base in votes.
    pub base_votes: u128,
    /// The fewest votes that reached the threshold.
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
    if house == 0 {
        return Err(AllocError::NoSeats);
    }
    let votes = tally.votes();
    if votes.is_empty() {
        return Err(AllocError::NoLists);
    }
    let base = tally.base(rules.threshold_base);
    let mut ties = TieBreaker::new(rules.tie_policy);
    let mut status: Vec<ListStatus> = match rules.threshold {
        Threshold::None => vec![ListStatus::Qualified; votes.len()],
        Threshold::Percent { .. } if base == 0 => {
            return Err(if tally.list_votes() == 0 {
                AllocError::NoVotes
            } else {
                AllocError::EmptyThresholdBase { base: rules.threshold_base.describe() }
            });
        }
        threshold => votes
            .iter()
            .map(|v| if threshold.is_met(*v, base) { ListStatus::Qualified } else { ListStatus::BelowThreshold })
            .collect(),
    };
    let passed: Vec<usize> = (0..votes.len()).filter(|i| status[*i] == ListStatus::Qualified).collect();
    if passed.is_empty() {
        let largest = (0..votes.len()).max_by(|a, b| votes[*a].cmp(&votes[*b]).then(b.cmp(a))).unwrap_or(0);
        return Err(AllocError::NoListPasses {
            threshold: rules.threshold.to_string(),
            largest: largest + 1,
            share: Ratio::new(u128::from(votes[largest]), base.max(1)).percent(2),
            base: rules.threshold_base.describe(),
        });
    }
    let mut runner_up = None;
    let mut participants = passed;
    if let (Some(reading), [leader]) = (rules.runner_up, participants.as_slice()) {
        let leader = *leader;
        let admitted = pick_runner_up(votes, &status, &mut ties)?;
        if let Some(second) = admitted {
            status[second] = ListStatus::RunnerUp;
            participants = if second < leader { vec![second, leader] } else { vec![leader, second] };
        }
        runner_up = Some(RunnerUpApplied { reading, leader, runner_up: admitted, seats_moved: 0 });
    }
    let weights: Vec<u128> = participants
        .iter()
        .map(|i| {
            let v = u128::from(votes[*i]);
            match (&runner_up, status[*i]) {
                (Some(RunnerUpApplied { reading: RunnerUp::Coefficient, .. }), ListStatus::RunnerUp) => v * 7,
                (Some(RunnerUpApplied { reading: RunnerUp::Coefficient, .. }), _) => v * 10,
                _ => v,
            }
        })
        .collect();
    let mut notes = Vec::new();
    let mut details: Vec<ListDetail> = vec![ListDetail::None {}; votes.len()];
    let mut seats = vec![0u32; votes.len()];
    let procedure = match &rules.method {
        Method::LargestRemainder(quota) => {
            let outcome = largest_remainder::allocate(*quota, &weights, &participants, votes, house, &mut ties)?;
            for (p, &list) in participants.iter().enumerate() {
                seats[list] = outcome.seats[p];
                details[list] = ListDetail::LargestRemainder {
                    quotient: Ratio::new(weights[p] * outcome.quota.den, outcome.quota.num),
                    whole_seats: outcome.whole[p],
                    remainder: outcome.remainders[p],
                    remainder_seat: outcome.remainder_order.contains(&p),
                };
            }
            if !outcome.withdrawn.is_empty() {
                notes.push(format!(
                    "the quota handed out {} whole seat(s) more than the house has; they were taken back from the \
                     lists with the smallest remainders",
                    outcome.withdrawn.len()
                ));
            }
            Procedure::LargestRemainder {
                quota: outcome.quota,
                remainder_order: outcome.remainder_order.iter().map(|p| participants[*p]).collect(),
                withdrawn: outcome.withdrawn.iter().map(|p| participants[*p]).collect(),
            }
        }
        Method::Divisor(divisor) => {
            let outcome = divisor::allocate(divisor, &weights, &participants, votes, house, trace, &mut ties)?;
            let award = |step: &divisor::Step, seat_number: u32| Award {
                list: participants[step.participant],
                list_seat: seat_number,
                divisor: divisor.divisor_text(step.seats_before),
                quotient: divisor.quotient_text(weights[step.participant], step.seats_before),
            };
            for (p, &list) in participants.iter().enumerate() {
                seats[list] = outcome.seats[p];
                let won = outcome.seats[p];
                details[list] = ListDetail::Divisor {
                    last_quotient: won.checked_sub(1).map(|s| divisor.quotient_text(weights[p], s)),
                    next_quotient: divisor.quotient_text(weights[p], won),
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
    if let Some(applied) = runner_up.as_mut() {
        apply_two_seat_minimum(applied, &mut seats, house);
    }
    let threshold_votes = rules.threshold.votes_needed(base);
    let lists = votes
        .iter()
        .enumerate()
        .map(|(i, v)| ListResult {
            votes: *v,
            share: Ratio::new(u128::from(*v), base.max(1)),
            status: status[i],
            seats: seats[i],
            detail: details[i].clone(),
        })
        .collect();
    Ok(Allocation {
        house_size: house,
        rules: rules.clone(),
        base_votes: base,
        threshold_votes,
        against_all: tally.against_all(),
        invalid: tally.invalid(),
        lists,
        ties: ties.ties,
        runner_up,
        procedure,
        notes,
    })
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
