//! Ties: the policies that settle them, the seeded lot, and the record every tie leaves.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::parse::ParseError;

/// How a tie is settled when tied lists contend for fewer seats than they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "policy", content = "seed", rename_all = "kebab-case")]
pub enum TiePolicy {
    /// Stop: the result is undetermined, and the tie is reported.
    Error,
    /// The list registered earlier wins (input order is registration order).
    Registration,
    /// The list with more votes wins; equal votes go to the list registered earlier.
    Votes,
    /// A reproducible lot drawn with this seed; the draw is recorded in the result.
    Lot(u64),
}

impl TiePolicy {
    /// The command-line name, e.g. `lot:42`.
    pub fn name(self) -> String {
        match self {
            TiePolicy::Error => "error".to_owned(),
            TiePolicy::Registration => "registration".to_owned(),
            TiePolicy::Votes => "votes".to_owned(),
            TiePolicy::Lot(seed) => format!("lot:{seed}"),
        }
    }
}

impl fmt::Display for TiePolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

impl FromStr for TiePolicy {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<TiePolicy, ParseError> {
        let lower = text.trim().to_ascii_lowercase();
        match lower.as_str() {
            "error" => return Ok(TiePolicy::Error),
            "registration" => return Ok(TiePolicy::Registration),
            "votes" => return Ok(TiePolicy::Votes),
            _ => {}
        }
        lower.strip_prefix("lot:").and_then(|seed| seed.parse().ok()).map(TiePolicy::Lot).ok_or_else(|| {
            ParseError::new(text, "a tie policy: error, registration, votes or lot:SEED (SEED a whole number)")
                .suggesting(["error", "registration", "votes"])
        })
    }
}

/// Where in the procedure a tie arose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TieStage {
    /// Equal remainders contend for the seats left after whole quotas.
    Remainder,
    /// Equal remainders when seats handed out in excess by a small quota are taken back.
    Withdrawal,
    /// Equal quotients under a divisor method contend for the last seats.
    Quotient,
    /// Equal votes contend for admission as the runner-up when only one list passed.
    RunnerUp,
}

/// A tie: lists with equal claims contending for fewer seats than they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tie {
    pub stage: TieStage,
    /// The tied lists, by index in registration order.
    pub lists: Vec<usize>,
    /// How many of them get a seat (or, for a runner-up tie, admission).
    pub seats_in_contention: u32,
    /// The lists that won, by index; empty when the policy is `error`.
    pub winners: Vec<usize>,
    pub policy: TiePolicy,
    /// Under a lot: the order in which the lists were drawn (the first `seats_in_contention` win).
    pub draw: Option<Vec<usize>>,
}

impl TieStage {
    /// What the tied lists had equal, e.g. `equal remainders`.
    pub fn describe(self) -> &'static str {
        match self {
            TieStage::Remainder => "equal remainders",
            TieStage::Withdrawal => "equal remainders when seats are taken back",
            TieStage::Quotient => "equal quotients",
            TieStage::RunnerUp => "equal votes",
        }
    }
}

impl Tie {
    /// What the tied lists contended for: `1 seat`, `2 seats` or `admission as runner-up`.
    pub fn contention(&self) -> String {
        match (self.stage, self.seats_in_contention) {
            (TieStage::RunnerUp, _) => "admission as runner-up".to_owned(),
            (_, 1) => "1 seat".to_owned(),
            (_, seats) => format!("{seats} seats"),
        }
    }

    /// The sentence for a settled tie, `name` naming list `i`:
    /// `A, B, C contended for 2 seats, won by A, B (tie policy lot:42, drawn in the order B, A, C)`.
    pub fn describe(&self, name: impl Fn(usize) -> String) -> String {
        let names = |lists: &[usize]| lists.iter().map(|i| name(*i)).collect::<Vec<_>>().join(", ");
        let draw = self.draw.as_ref().map_or(String::new(), |draw| format!(", drawn in the order {}", names(draw)));
        format!(
            "{} contended for {}, won by {} (tie policy {}{draw})",
            names(&self.lists),
            self.contention(),
            names(&self.winners),
            self.policy
        )
    }

    /// The sentence for a tie left unresolved, `name` naming list `i`:
    /// `unresolved tie: A, B, C have equal remainders and contend for 2 seats`.
    pub fn describe_unresolved(&self, name: impl Fn(usize) -> String) -> String {
        let lists: Vec<String> = self.lists.iter().map(|i| name(*i)).collect();
        format!(
            "unresolved tie: {} have {} and contend for {}",
            lists.join(", "),
            self.stage.describe(),
            self.contention()
        )
    }
}

/// [`Tie::describe_unresolved`] with lists named by number (`list 1`), and the tie policy.
impl fmt::Display for Tie {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sentence = self.describe_unresolved(|i| format!("list {}", i + 1));
        write!(f, "{sentence} (tie policy: {})", self.policy)
    }
}

/// The state of one allocation's tie-breaking: the policy and how many lots were drawn.
#[derive(Debug)]
pub(crate) struct TieBreaker {
    pub policy: TiePolicy,
    pub ties: Vec<Tie>,
}

impl TieBreaker {
    pub fn new(policy: TiePolicy) -> TieBreaker {
        TieBreaker { policy, ties: Vec::new() }
    }

    /// Settles a tie among `tied` (indices in registration order, ascending) for `seats`
    /// places; `votes` ranks them under the `votes` policy. Returns the winners, ascending.
    pub fn settle(
        &mut self,
        stage: TieStage,
        tied: &[usize],
        seats: u32,
        votes: &[u64],
    ) -> Result<Vec<usize>, Box<Tie>> {
        let take = seats as usize;
        let mut draw = None;
        let mut winners: Vec<usize> = match self.policy {
            TiePolicy::Error => {
                return Err(Box::new(Tie {
                    stage,
                    lists: tied.to_vec(),
                    seats_in_contention: seats,
                    winners: Vec::new(),
                    policy: self.policy,
                    draw: None,
                }));
            }
            TiePolicy::Registration => tied.iter().take(take).copied().collect(),
            TiePolicy::Votes => {
                let mut ranked = tied.to_vec();
                ranked.sort_by(|a, b| votes[*b].cmp(&votes[*a]).then(a.cmp(b)));
                ranked.truncate(take);
                ranked
            }
            TiePolicy::Lot(seed) => {
                let order = draw_lot(seed, self.ties.len() as u64, tied);
                let winners = order.iter().take(take).copied().collect();
                draw = Some(order);
                winners
            }
        };
        winners.sort_unstable();
        self.ties.push(Tie {
            stage,
            lists: tied.to_vec(),
            seats_in_contention: seats,
            winners: winners.clone(),
            policy: self.policy,
            draw,
        });
        Ok(winners)
    }
}

/// A seeded shuffle of `tied`: SplitMix64 seeded by `seed` and the tie's number drives a
/// Fisher–Yates shuffle. Written out here, not taken from a crate, so that a lot drawn today can
/// be redrawn identically by any later version.
fn draw_lot(seed: u64, tie_number: u64, tied: &[usize]) -> Vec<usize> {
    let mut state = seed ^ tie_number.wrapping_mul(0xD1B5_4A32_D192_ED03);
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let mut order = tied.to_vec();
    for i in (1..order.len()).rev() {
        // Lemire's multiply-shift maps the 64-bit draw onto 0..=i.
        let bound = (i + 1) as u128;
        let j = ((u128::from(next()) * bound) >> 64) as usize;
        order.swap(i, j);
    }
    order
}
