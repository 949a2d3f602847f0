//! Lower bounds on the moves of the composition margin, so that most ordered pairs of lists
//! need no search: for largest-remainder methods, `k` ballots moved from one list to another
//! provably change no seat while `k` is below a bound computed in O(1) per pair from the
//! observed allocation.
//!
//! The observed allocation is read as largest remainder defines it: each participant's whole
//! quotas `⌊w·d / N⌋` (quota `N / d`), then one seat each to the `R` largest remainders
//! `w·d mod N`. The bounds are used only when the observed seats are exactly that with a
//! strict gap between the smallest remainder that won a seat and the largest that did not (no
//! tie decided them), at least two lists passed the threshold (so the runner-up rule does not
//! apply), and the whole quotas do not exceed the house. Then, for `k` below the bound, every
//! list keeps its threshold status (the base is fixed under a move), every whole quota stays
//! and the same remainders stay strictly on top, so the seats are the observed ones: the move's
//! margin is at least the bound. [`MoveBounds::of`] checks all of this and otherwise gives no
//! bounds (every pair is searched, as before).
//!
//! Per pair `(A, B)` (`A` loses `k` ballots, `B` gains them), by the threshold status of each:
//!
//! - **both below the threshold**: nothing the method sees changes until `B` passes it;
//! - **both take part**: the total, hence the quota, is fixed; only `A`'s remainder falls and
//!   `B`'s rises, each by `d` per ballot. The first `k` where `A`'s whole quota drops, `B`'s
//!   rises, `A` (if it won a remainder seat) falls to the best other loser's remainder or to
//!   `B`'s, or `B` (if it lost) rises to the weakest other winner's, is exact;
//! - **one takes part** (proportional quotas only: Hare, Hagenbach-Bischoff, Imperiali, so
//!   `N = T`, the participants' total): the total changes by `k`, so every quotient `w·d / T`
//!   moves. In units of `1/T` of a quota (the remainders' own), with `A` leaving (the total
//!   falls to `T − k`) each other participant `j` rises by exactly `w_j·γ` and `A` falls by
//!   `(T − w_A)·γ`, where `γ = d·k / (T − k)`; with `B` joining from below the threshold
//!   (`T + k`) each other participant falls by `w_j·γ'` and `B` rises by `(T − w_B)·γ'`,
//!   `γ' = d·k / (T + k)`. Nothing changes while `γ` (or `γ'`) stays below every ratio at
//!   which a whole quota is reached (`(T − r_j) / w_j` rising, `r_j / w_j` falling) or a
//!   winning remainder meets a losing one (`(r_w − r_l) / (w_l − w_w)` and the like). Taken
//!   over more pairs than needed (all winners and losers, the moving list included as if it
//!   moved like the others) or with the moving list's ratio bounded by the extreme weight and
//!   remainder, the minimum is smaller, so the bound stays a lower bound.
//!
//! Every bound is also capped by the threshold statuses: `A` stays qualified while it keeps
//! the votes needed, `B` stays below while it lacks them; and a participant `A` must keep a
//! vote (the core gives no remainder seat to a list without votes). All arithmetic is exact (`u128`,
//! checked; an overflow gives no bound).

use maslihat_apportion::{ListStatus, Method, Quota, Rules};

/// One participant of the observed allocation.
#[derive(Debug, Clone, Copy)]
struct Part {
    /// The remainder numerator `w·d mod N` (the remainder is this over `N`).
    remainder: u128,
    /// Whether it won a remainder seat.
    won: bool,
    /// Its whole quotas.
    whole: u128,
}

/// Per-election data for the move bounds (see the module documentation).
#[derive(Debug)]
pub(crate) enum MoveBounds {
    /// Largest remainder with at least two lists past the threshold.
    Remainder(Box<RemainderBounds>),
    /// One list passed the threshold and the runner-up rule admitted another (any method).
    RunnerUp(RunnerUpBounds),
}

/// The runner-up rule in force: one list passed the threshold, the list below it with the
/// most votes was admitted. A move between two lists that neither passed nor were admitted
/// changes nothing the method sees (the base is fixed, the participants and their votes are
/// the same) until the receiving list reaches the runner-up's votes (a tie there, a new
/// runner-up past it); passing the threshold takes more still (the runner-up is below it).
#[derive(Debug)]
pub(crate) struct RunnerUpBounds {
    votes: Vec<u64>,
    leader: usize,
    runner_up: usize,
}

/// Largest remainder with at least two lists past the threshold (the module documentation).
#[derive(Debug)]
pub(crate) struct RemainderBounds {
    votes: Vec<u64>,
    /// Per list: its participant data, when it took part.
    parts: Vec<Option<Part>>,
    /// The quota's numerator `N` and denominator `d`.
    quota_num: u128,
    quota_den: u128,
    /// The participants' total `T`.
    total: u128,
    /// The fewest votes that pass the threshold.
    needed: u128,
    /// The three smallest remainders that won a seat and the three largest that did not (as
    /// `N − r`), with their lists, best first (smallest winner, largest loser): enough to
    /// leave out the two lists of a move.
    weakest_winners: [Option<(u128, usize)>; 3],
    strongest_losers: [Option<(u128, usize)>; 3],
    /// Proportional quotas: the rates (see the module documentation) at which the
    /// participants' whole quotas change and winning and losing remainders meet.
    rates: Option<Rates>,
}

/// `p / q` (`q > 0`), compared exactly.
#[derive(Debug, Clone, Copy)]
struct Rate {
    p: u128,
    q: u128,
}

impl Rate {
    /// Whether `self < other`; `None` on an overflow.
    fn below(self, other: Rate) -> Option<bool> {
        Some(self.p.checked_mul(other.q)? < other.p.checked_mul(self.q)?)
    }
}

/// Keeps the smallest rate; `Err(())` on an overflow.
fn keep_least(kept: &mut Option<Rate>, rate: Rate) -> Result<(), ()> {
    match kept {
        Some(least) if !rate.below(*least).ok_or(())? => {}
        _ => *kept = Some(rate),
    }
    Ok(())
}

/// Keeps the two smallest rates with their lists.
fn keep_two_rates(kept: &mut [Option<(Rate, usize)>; 2], entry: (Rate, usize)) -> Result<(), ()> {
    let below = |other: Option<(Rate, usize)>| match other {
        None => Ok(true),
        Some((rate, _)) => entry.0.below(rate).ok_or(()),
    };
    if below(kept[0])? {
        kept[1] = kept[0];
        kept[0] = Some(entry);
    } else if below(kept[1])? {
        kept[1] = Some(entry);
    }
    Ok(())
}

/// The per-election rates of a proportional quota (`N = T`).
#[derive(Debug)]
struct Rates {
    /// The two smallest `(T − r_j) / w_j` (rising to the next whole quota), `w_j > 0`.
    rise: [Option<(Rate, usize)>; 2],
    /// The two smallest `r_j / w_j` (falling to the whole quota), `w_j > 0`.
    fall: [Option<(Rate, usize)>; 2],
    /// The smallest `(r_w − r_l) / (w_l − w_w)` over winners `w` and losers `l` with
    /// `w_l > w_w` (all rising: a loser catches up).
    cross_rise: Option<Rate>,
    /// The smallest `(r_w − r_l) / (w_w − w_l)` over winners and losers with `w_w > w_l`
    /// (all falling: a winner falls back).
    cross_fall: Option<Rate>,
    /// The largest weight among the winners and among the losers.
    heaviest_winner: u128,
    heaviest_loser: u128,
    /// The smallest winning and the largest losing remainder.
    weakest_winner: Option<u128>,
    strongest_loser: Option<u128>,
}

impl Rates {
    fn of(votes: &[u64], parts: &[Option<Part>], total: u128) -> Result<Rates, ()> {
        let mut rates = Rates {
            rise: [None; 2],
            fall: [None; 2],
            cross_rise: None,
            cross_fall: None,
            heaviest_winner: 0,
            heaviest_loser: 0,
            weakest_winner: None,
            strongest_loser: None,
        };
        for (list, part) in parts.iter().enumerate() {
            let Some(part) = part else { continue };
            let w = u128::from(votes[list]);
            if part.won {
                rates.heaviest_winner = rates.heaviest_winner.max(w);
                rates.weakest_winner = Some(rates.weakest_winner.map_or(part.remainder, |r| r.min(part.remainder)));
            } else {
                rates.heaviest_loser = rates.heaviest_loser.max(w);
                rates.strongest_loser = Some(rates.strongest_loser.map_or(part.remainder, |r| r.max(part.remainder)));
            }
            if w == 0 {
                continue;
            }
            keep_two_rates(&mut rates.rise, (Rate { p: total - part.remainder, q: w }, list))?;
            keep_two_rates(&mut rates.fall, (Rate { p: part.remainder, q: w }, list))?;
        }
        let winners = || parts.iter().enumerate().filter_map(|(j, p)| p.filter(|p| p.won).map(|p| (j, p)));
        let losers = || parts.iter().enumerate().filter_map(|(j, p)| p.filter(|p| !p.won).map(|p| (j, p)));
        for (w, winner) in winners() {
            let w_weight = u128::from(votes[w]);
            for (l, loser) in losers() {
                let l_weight = u128::from(votes[l]);
                // The gap is strict: r_w > r_l.
                let gap = winner.remainder - loser.remainder;
                if l_weight > w_weight {
                    keep_least(&mut rates.cross_rise, Rate { p: gap, q: l_weight - w_weight })?;
                } else if w_weight > l_weight {
                    keep_least(&mut rates.cross_fall, Rate { p: gap, q: w_weight - l_weight })?;
                }
            }
        }
        Ok(rates)
    }

    /// The rate `Γ` below which moving ballots out of participant `list` (to a list below the
    /// threshold) changes nothing; `Some(None)` when nothing limits it, `None` on an overflow.
    fn leaving(&self, list: usize, part: Part, votes: u128, total: u128) -> Option<Option<Rate>> {
        let mut least = None;
        // Every other participant rises by w_j·γ: its next whole quota at (T − r_j) / w_j.
        if let Some((rate, _)) = self.rise.iter().flatten().find(|(_, j)| *j != list) {
            keep_least(&mut least, *rate).ok()?;
        }
        // Winners and losers (the leaving list counted as if rising too: more pairs).
        if let Some(rate) = self.cross_rise {
            keep_least(&mut least, rate).ok()?;
        }
        let falls = total.checked_sub(votes)?;
        if falls > 0 {
            // The list falls by (T − w)·γ: to its whole quota at r / (T − w), and, if it won a
            // remainder seat, to a loser l at (r − r_l) / (T − w + w_l), at least
            // (r − r_max) / (T − w + w_max) over the losers.
            keep_least(&mut least, Rate { p: part.remainder, q: falls }).ok()?;
            if part.won
                && let Some(strongest) = self.strongest_loser
            {
                let q = falls.checked_add(self.heaviest_loser)?;
                keep_least(&mut least, Rate { p: part.remainder - strongest, q }).ok()?;
            }
        }
        Some(least)
    }

    /// The rate `Γ'` below which moving ballots into participant `list` (from a list below
    /// the threshold) changes nothing; as [`Rates::leaving`].
    fn joining(&self, list: usize, part: Part, votes: u128, total: u128) -> Option<Option<Rate>> {
        let mut least = None;
        // Every other participant falls by w_j·γ': to its whole quota at r_j / w_j.
        if let Some((rate, _)) = self.fall.iter().flatten().find(|(_, j)| *j != list) {
            keep_least(&mut least, *rate).ok()?;
        }
        if let Some(rate) = self.cross_fall {
            keep_least(&mut least, rate).ok()?;
        }
        let rises = total.checked_sub(votes)?;
        if rises > 0 {
            // The list rises by (T − w)·γ': to its next whole quota at (T − r) / (T − w), and,
            // if it lost, to a winner v at (r_v − r) / (T − w + w_v), at least
            // (r_min − r) / (T − w + w_max) over the winners.
            keep_least(&mut least, Rate { p: total - part.remainder, q: rises }).ok()?;
            if !part.won
                && let Some(weakest) = self.weakest_winner
            {
                let q = rises.checked_add(self.heaviest_winner)?;
                keep_least(&mut least, Rate { p: weakest - part.remainder, q }).ok()?;
            }
        }
        Some(least)
    }
}

/// Keeps the three smallest `(value, list)` entries by value (earlier lists first on equal
/// values).
fn keep_three(kept: &mut [Option<(u128, usize)>; 3], entry: (u128, usize)) {
    let at = kept.iter().position(|other| other.is_none_or(|(value, _)| entry.0 < value));
    if let Some(at) = at {
        for i in (at + 1..3).rev() {
            kept[i] = kept[i - 1];
        }
        kept[at] = Some(entry);
    }
}

/// The first kept value whose list is neither `one` nor `other`.
fn other_than(kept: &[Option<(u128, usize)>; 3], one: usize, other: usize) -> Option<u128> {
    kept.iter().flatten().find(|(_, list)| *list != one && *list != other).map(|(value, _)| *value)
}

/// `⌈num / den⌉` for `den > 0`.
fn ceil_div(num: u128, den: u128) -> u128 {
    num.div_ceil(den)
}

impl MoveBounds {
    /// The bounds for the observed allocation (`seats`, `statuses` as the core set them,
    /// `base` the threshold base); `None` when they do not apply (see the module
    /// documentation).
    pub(crate) fn of(
        votes: &[u64],
        seats: &[u32],
        statuses: &[ListStatus],
        base: u128,
        house: u32,
        rules: &Rules,
    ) -> Option<MoveBounds> {
        let n = votes.len();
        if rules.has_refinements() || seats.len() != n || statuses.len() != n {
            return None;
        }
        let of_status = |status: ListStatus| (0..n).filter(move |j| statuses[*j] == status);
        let (mut qualified, mut admitted) = (of_status(ListStatus::Qualified), of_status(ListStatus::RunnerUp));
        if let (Some(leader), None, Some(runner_up), None) =
            (qualified.next(), qualified.next(), admitted.next(), admitted.next())
        {
            return rules
                .runner_up
                .is_some()
                .then(|| MoveBounds::RunnerUp(RunnerUpBounds { votes: votes.to_vec(), leader, runner_up }));
        }
        RemainderBounds::of(votes, seats, statuses, base, house, rules).map(|b| MoveBounds::Remainder(Box::new(b)))
    }

    /// A number of ballots `L ≥ 1` such that moving any `k < L` ballots from `from` to `to`
    /// changes no seat (so the move's margin is at least `L`).
    pub(crate) fn bound(&self, from: usize, to: usize) -> u64 {
        match self {
            MoveBounds::Remainder(bounds) => bounds.bound(from, to),
            MoveBounds::RunnerUp(bounds) => bounds.bound(from, to),
        }
    }
}

impl RunnerUpBounds {
    fn bound(&self, from: usize, to: usize) -> u64 {
        let admitted = [self.leader, self.runner_up];
        if admitted.contains(&from) || admitted.contains(&to) {
            return 1;
        }
        match (self.votes.get(self.runner_up), self.votes.get(to)) {
            // `to` reaches the runner-up's votes at k = v_R − v_B.
            (Some(runner_up), Some(votes)) => runner_up.saturating_sub(*votes).max(1),
            _ => 1,
        }
    }
}

impl RemainderBounds {
    /// The bounds for the observed allocation (`seats`, `statuses` as the core set them,
    /// `base` the threshold base); `None` when they do not apply (see the module
    /// documentation).
    fn of(
        votes: &[u64],
        seats: &[u32],
        statuses: &[ListStatus],
        base: u128,
        house: u32,
        rules: &Rules,
    ) -> Option<RemainderBounds> {
        let Method::LargestRemainder(quota) = rules.method else { return None };
        let n = votes.len();
        if rules.has_refinements() || seats.len() != n || statuses.len() != n {
            return None;
        }
        let qualified = statuses.iter().filter(|s| **s == ListStatus::Qualified).count();
        let below = statuses.iter().filter(|s| **s == ListStatus::BelowThreshold).count();
        if qualified < 2 || qualified + below != n {
            return None;
        }
        let total: u128 = (0..n).filter(|j| statuses[*j] == ListStatus::Qualified).map(|j| u128::from(votes[j])).sum();
        if total == 0 {
            return None;
        }
        let s = u128::from(house);
        let (quota_num, quota_den, proportional) = match quota {
            Quota::Hare => (total, s, true),
            Quota::HagenbachBischoff => (total, s + 1, true),
            Quota::Imperiali => (total, s + 2, true),
            Quota::Droop => (total / (s + 1) + 1, 1, false),
        };
        let mut parts = vec![None; n];
        let mut wholes: u128 = 0;
        let mut won_count: u128 = 0;
        let mut weakest_winners = [None; 3];
        let mut strongest_losers = [None; 3];
        for list in 0..n {
            if statuses[list] != ListStatus::Qualified {
                if seats[list] != 0 {
                    return None;
                }
                continue;
            }
            let scaled = u128::from(votes[list]).checked_mul(quota_den)?;
            let whole = scaled / quota_num;
            let remainder = scaled % quota_num;
            let extra = u128::from(seats[list]).checked_sub(whole)?;
            if extra > 1 {
                return None;
            }
            let won = extra == 1;
            wholes += whole;
            won_count += extra;
            if won {
                keep_three(&mut weakest_winners, (remainder, list));
            } else {
                // Largest first: kept by the smallest distance to the quota.
                keep_three(&mut strongest_losers, (quota_num - remainder, list));
            }
            parts[list] = Some(Part { remainder, won, whole });
        }
        // The seats are whole quotas plus one each to the largest remainders, strictly apart.
        if wholes.checked_add(won_count)? != s {
            return None;
        }
        let weakest = weakest_winners[0].map(|(r, _)| r);
        let strongest = strongest_losers[0].map(|(d, _)| quota_num - d);
        if let (Some(w), Some(l)) = (weakest, strongest)
            && w <= l
        {
            return None;
        }
        let needed = rules.threshold.votes_needed(base);
        let rates = if proportional { Rates::of(votes, &parts, total).ok() } else { None };
        Some(RemainderBounds {
            votes: votes.to_vec(),
            parts,
            quota_num,
            quota_den,
            total,
            needed,
            weakest_winners,
            strongest_losers,
            rates,
        })
    }

    /// A number of ballots `L ≥ 1` such that moving any `k < L` ballots from `from` to `to`
    /// changes no seat (so the move's margin is at least `L`).
    fn bound(&self, from: usize, to: usize) -> u64 {
        self.checked_bound(from, to).map_or(1, |b| u64::try_from(b.max(1)).unwrap_or(u64::MAX))
    }

    fn checked_bound(&self, from: usize, to: usize) -> Option<u128> {
        let (v_from, v_to) = (u128::from(*self.votes.get(from)?), u128::from(*self.votes.get(to)?));
        let (part_from, part_to) = (*self.parts.get(from)?, *self.parts.get(to)?);
        // The threshold statuses: `from` stays qualified while it keeps `needed` votes
        // (`k ≤ v − needed`); `to` stays below while `v + k < needed`.
        let mut bound = u128::MAX;
        if part_from.is_some() {
            // Also, once `from` has no votes left the core ranks it for no remainder seat
            // (every other participant may then take more than one): it must keep a vote.
            bound = bound.min((v_from + 1).checked_sub(self.needed)?).min(v_from);
        }
        if part_to.is_none() {
            bound = bound.min(self.needed.checked_sub(v_to)?);
        }
        let (n, d) = (self.quota_num, self.quota_den);
        let method = match (part_from, part_to) {
            (None, None) => u128::MAX,
            (Some(a), Some(b)) => {
                // A fixed quota: `from`'s remainder falls by d a ballot, `to`'s rises by d.
                // Seen with one whole quota less and N more remainder, a list that lost its
                // remainder seat has the same seats and wins one (its remainder, at least N,
                // beats every other); so `from` counts as a winner with `r_A + N` (when it has
                // a whole quota to spare), and its whole quota dropping below `r_A / d` is no
                // change by itself. Likewise `to`, when it won, counts as a loser with one whole
                // quota more and `r_B − N`. The values below are shifted by N (`b` is `r_B`
                // for a winner, `r_B + N` for a loser), so that nothing is negative.
                let shifted_b = if b.won { b.remainder } else { b.remainder + n };
                let mut first = u128::MAX;
                if a.won || a.whole > 0 {
                    let a_eff = if a.won { a.remainder } else { a.remainder + n };
                    // Its (seen) whole quota drops once d·k > a_eff.
                    first = first.min(a_eff / d + 1);
                    if let Some(loser) = other_than(&self.strongest_losers, from, to) {
                        // a_eff − d·k ≤ r_L (a_eff > r_L strictly at the start).
                        first = first.min(ceil_div(a_eff - (n - loser), d));
                    }
                    // a_eff − d·k ≤ (shifted_b − N) + d·k.
                    first = first.min(ceil_div(a_eff + n - shifted_b, 2 * d));
                }
                // Otherwise `from` lost with no whole quota: its remainder, w·d, only falls
                // and stays above zero while it keeps a vote.
                // `to`'s (seen) whole quota rises once shifted_b + d·k ≥ 2N.
                first = first.min(ceil_div(2 * n - shifted_b, d));
                if let Some(winner) = other_than(&self.weakest_winners, from, to) {
                    // shifted_b + d·k ≥ r_W + N.
                    first = first.min(ceil_div(winner + n - shifted_b, d));
                }
                first
            }
            (Some(a), None) => {
                // The total falls: nothing changes while γ = d·k / (T − k) < Γ = p / q,
                // that is while k·(d·q + p) < p·T.
                let rate = self.rates.as_ref()?.leaving(from, a, v_from, self.total)?;
                let Some(rate) = rate else { return Some(bound) };
                let t = self.total;
                ceil_div(rate.p.checked_mul(t)?, d.checked_mul(rate.q)?.checked_add(rate.p)?)
            }
            (None, Some(b)) => {
                // The total rises: nothing changes while γ' = d·k / (T + k) < Γ = p / q, that
                // is while k·(d·q − p) < p·T (always when d·q ≤ p).
                let rate = self.rates.as_ref()?.joining(to, b, v_to, self.total)?;
                let Some(rate) = rate else { return Some(bound) };
                let t = self.total;
                match d.checked_mul(rate.q)?.checked_sub(rate.p) {
                    Some(slope) if slope > 0 => ceil_div(rate.p.checked_mul(t)?, slope),
                    _ => u128::MAX,
                }
            }
        };
        Some(bound.min(method))
    }
}
