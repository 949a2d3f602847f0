//! Margins: worked examples, and the search against brute force on small elections.

use maslihat_apportion::{Preset, Rules, Tally, TiePolicy, allocate};
use proptest::prelude::*;

use super::any_rules;
use crate::margins::{Margins, margins};

/// The seats after a change, by the core; `None` without a lawful allocation.
fn seats(tally: &Tally, votes: Vec<u64>, house: u32, rules: &Rules) -> Option<Vec<u32>> {
    let tally = Tally::new(votes).with_against_all(tally.against_all()).with_invalid(tally.invalid());
    allocate(&tally, house, rules).ok().map(|a| a.seats())
}

/// Brute force: every gain up to `horizon`, every loss, every move.
struct Brute {
    gains: Vec<Option<u64>>,
    losses: Vec<Option<u64>>,
    election: Option<(u64, usize, usize)>,
}

fn brute(tally: &Tally, house: u32, rules: &Rules, horizon: u64) -> Brute {
    let mut rules = rules.clone();
    if matches!(rules.tie_policy, TiePolicy::Lot(_) | TiePolicy::Error) {
        rules.tie_policy = TiePolicy::Registration;
    }
    let votes = tally.votes().to_vec();
    let start = seats(tally, votes.clone(), house, &rules).unwrap_or_default();
    let n = votes.len();
    let at = |i: usize, delta: i64| {
        let mut v = votes.clone();
        v[i] = v[i].saturating_add_signed(delta);
        seats(tally, v, house, &rules)
    };
    let gains = (0..n).map(|i| (1..=horizon).find(|x| at(i, *x as i64).is_some_and(|s| s[i] > start[i]))).collect();
    let losses = (0..n).map(|i| (1..=votes[i]).find(|y| at(i, -(*y as i64)).is_none_or(|s| s[i] < start[i]))).collect();
    let mut election = None;
    for from in 0..n {
        for to in 0..n {
            if from == to {
                continue;
            }
            let found = (1..=votes[from]).find(|k| {
                let mut v = votes.clone();
                v[from] -= k;
                v[to] += k;
                seats(tally, v, house, &rules) != Some(start.clone())
            });
            if let Some(k) = found
                && election.is_none_or(|(best, _, _)| k < best)
            {
                election = Some((k, from, to));
            }
        }
    }
    Brute { gains, losses, election }
}

fn compare(tally: &Tally, house: u32, rules: &Rules, found: &Margins, horizon: u64) {
    let expected = brute(tally, house, rules, horizon);
    let context = format!("votes {:?} house {house} rules {rules:?}", tally.votes());
    for (i, list) in found.lists.iter().enumerate() {
        let gain = list.gain.as_ref().map(|s| s.votes);
        match expected.gains[i] {
            Some(x) => assert_eq!(gain, Some(x), "gain of list {i}: {context}"),
            None => assert!(gain.is_none_or(|g| g > horizon), "gain of list {i} = {gain:?}: {context}"),
        }
        assert_eq!(list.loss.as_ref().map(|s| s.votes), expected.losses[i], "loss of list {i}: {context}");
    }
    let election = found.election.as_ref().map(|m| (m.ballots, m.from, m.to));
    assert_eq!(election, expected.election, "election margin: {context}");
    outcomes_are_the_cores(tally, house, rules, found);
}

/// Every reported outcome (seats, the lists that changed, whether a tie settled it) is what a
/// fresh allocation by the core of that count gives, under the rules searched.
fn outcomes_are_the_cores(tally: &Tally, house: u32, rules: &Rules, found: &Margins) {
    let mut rules = rules.clone();
    if matches!(rules.tie_policy, TiePolicy::Lot(_) | TiePolicy::Error) {
        rules.tie_policy = TiePolicy::Registration;
    }
    let votes = tally.votes();
    let check = |changed: Vec<u64>, outcome: &crate::margins::Outcome, what: &str| {
        let tally = Tally::new(changed).with_against_all(tally.against_all()).with_invalid(tally.invalid());
        let context = format!("{what}: votes {:?} house {house} rules {rules:?}", tally.votes());
        match allocate(&tally, house, &rules) {
            Ok(allocation) => {
                let seats = allocation.seats();
                let changes: Vec<(usize, u32, u32)> = (0..seats.len())
                    .filter(|i| seats[*i] != found.seats[*i])
                    .map(|i| (i, found.seats[i], seats[i]))
                    .collect();
                let reported: Vec<(usize, u32, u32)> =
                    outcome.changes.iter().map(|c| (c.list, c.before, c.after)).collect();
                assert_eq!(outcome.seats.as_ref(), Some(&seats), "{context}");
                assert_eq!(reported, changes, "{context}");
                assert_eq!(outcome.tie, !allocation.ties.is_empty(), "{context}");
                assert!(outcome.error.is_none(), "{context}");
            }
            Err(error) => {
                assert_eq!(outcome.seats, None, "{context}");
                assert_eq!(outcome.error.as_deref(), Some(error.to_string().as_str()), "{context}");
            }
        }
    };
    for (i, list) in found.lists.iter().enumerate() {
        if let Some(gain) = &list.gain {
            let mut changed = votes.to_vec();
            changed[i] += gain.votes;
            check(changed, &gain.outcome, "gain");
        }
        if let Some(loss) = &list.loss {
            let mut changed = votes.to_vec();
            changed[i] -= loss.votes;
            check(changed, &loss.outcome, "loss");
        }
    }
    if let Some(closest) = &found.election {
        let mut changed = votes.to_vec();
        changed[closest.from] -= closest.ballots;
        changed[closest.to] += closest.ballots;
        check(changed, &closest.outcome, "move");
    }
}

fn tally_of(votes: &[u64]) -> Tally {
    Tally::new(votes.to_vec())
}

#[test]
fn two_lists_hare_worked_by_hand() {
    // 600 and 400 votes, 5 seats: quotas 3 and 2 exactly. A gains its fourth seat when
    // 2x > 1000 − x, at x = 334. Moving k from B to A: A's remainder k/200 against B's
    // 1 − k/200 ties at k = 100, and the tie goes to A, registered first.
    let tally = tally_of(&[600, 400]);
    let found = margins(&tally, 5, &Rules::default()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(found.seats, [3, 2]);
    let gain = found.lists[0].gain.as_ref().map(|s| (s.votes, s.outcome.seats.clone()));
    assert_eq!(gain, Some((334, Some(vec![4, 1]))));
    let election = found.election.as_ref().map(|m| (m.from, m.to, m.ballots, m.outcome.tie));
    assert_eq!(election, Some((1, 0, 100, true)));
    let changes = found.election.as_ref().map(|m| m.outcome.changes.clone()).unwrap_or_default();
    assert_eq!(changes.len(), 2);
    compare(&tally, 5, &Rules::default(), &found, 1000);
}

#[test]
fn a_list_below_the_threshold_needs_to_pass_it() {
    // Shymkent 2021 (30 seats, 7 %): the fourth list has 4,351 of 332,206 votes. It needs
    // 7 % of a base that grows with its own votes: (4351 + x) ≥ 0.07 (332206 + x).
    let tally = tally_of(&[261_213, 31_876, 31_355, 4_351, 3_411]);
    let rules = Preset::Kz2021.rules();
    let found = margins(&tally, 30, &rules).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(found.seats, [24, 3, 3, 0, 0]);
    let gain = found.lists[3].gain.as_ref().map(|s| s.votes).unwrap_or(0);
    let needed = (7 * 332_206 - 100 * 4_351_u64).div_ceil(93);
    assert!(gain >= needed, "gain {gain} below the threshold crossing {needed}");
    // At the crossing it wins its seats at once (its quota is above two by then).
    assert_eq!(gain, needed);
    let after = found.lists[3].gain.as_ref().and_then(|s| s.outcome.seats.clone()).unwrap_or_default();
    assert_eq!(after[3], 2);
}

#[test]
fn the_error_policy_is_searched_in_registration_order_and_says_so() {
    let rules = Rules { tie_policy: TiePolicy::Error, ..Rules::default() };
    let found = margins(&tally_of(&[600, 400]), 5, &rules).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(found.tie_policy, TiePolicy::Registration);
    assert_eq!(found.notes.len(), 1);
}

#[test]
fn an_undecided_start_is_an_error_not_a_guess() {
    // 500 / 500 for 1 seat: a tie at the observed votes.
    let tally = tally_of(&[500, 500]);
    let stop = Rules { tie_policy: TiePolicy::Error, ..Rules::default() };
    let error = margins(&tally, 1, &stop).map(|_| ()).unwrap_err();
    assert!(error.to_string().starts_with("the allocation the analysis starts from failed: unresolved tie"), "{error}");
    // A lot that favours the second list differs from registration order: no fixed start.
    let lots: Vec<_> = (0..16u64)
        .map(|seed| margins(&tally, 1, &Rules { tie_policy: TiePolicy::Lot(seed), ..Rules::default() }))
        .collect();
    assert!(lots.iter().any(|m| matches!(m, Err(crate::AnalysisError::TieAtStart { .. }))));
    assert!(lots.iter().any(|m| m.as_ref().is_ok_and(|m| m.seats == [1, 0])));
}

#[test]
fn a_single_list_has_no_election_margin() {
    let found = margins(&tally_of(&[10]), 3, &Rules::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(found.election.is_none());
    assert!(found.lists[0].gain.is_none());
    // Losing all ten votes leaves nothing to allocate.
    let loss = found.lists[0].loss.as_ref().map(|s| (s.votes, s.outcome.seats.is_none()));
    assert_eq!(loss, Some((10, true)));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2500))]

    /// The exact search agrees with brute force on thousands of small elections, under every
    /// standard method, threshold, base, runner-up reading and tie policy.
    #[test]
    fn margins_match_brute_force(
        votes in prop::collection::vec(0u64..=60, 2..=4),
        against in 0u64..6,
        invalid in 0u64..6,
        house in 1u32..=7,
        rules in any_rules(),
    ) {
        let tally = Tally::new(votes).with_against_all(against).with_invalid(invalid);
        // Elections without a lawful (or a fixed) starting allocation have no margins; any
        // other error is a failure.
        match margins(&tally, house, &rules) {
            Ok(found) => compare(&tally, house, &rules, &found, 150),
            Err(crate::AnalysisError::Allocation(_) | crate::AnalysisError::TieAtStart { .. }) => {}
            Err(other) => panic!("{other} for {tally:?} house {house} rules {rules:?}"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    /// Divisor methods without a threshold, where the search decides most counts from the
    /// observed cut (`search::DivisorCut`) without allocating: more lists, frequent ties.
    #[test]
    fn divisor_margins_without_threshold_match_brute_force(
        votes in prop::collection::vec(0u64..=40, 2..=6),
        house in 1u32..=12,
        method in proptest::sample::select(
            maslihat_apportion::Method::all_standard()
                .into_iter()
                .filter(|m| matches!(m, maslihat_apportion::Method::Divisor(_)))
                .collect::<Vec<_>>(),
        ),
        ties in proptest::sample::select(vec![TiePolicy::Registration, TiePolicy::Votes, TiePolicy::Lot(3)]),
    ) {
        let tally = Tally::new(votes);
        let rules = Rules { method, tie_policy: ties, ..Rules::default() };
        match margins(&tally, house, &rules) {
            Ok(found) => compare(&tally, house, &rules, &found, 150),
            Err(crate::AnalysisError::Allocation(_) | crate::AnalysisError::TieAtStart { .. }) => {}
            Err(other) => panic!("{other} for {tally:?} house {house} rules {rules:?}"),
        }
    }
}

#[test]
fn shymkent_2021_election_margin_is_minimal() {
    // The closest move: 4,034 ballots from the third list to the first, which then takes the
    // last remainder seat. No smaller move between any two lists changes a seat.
    let tally = tally_of(&[261_213, 31_876, 31_355, 4_351, 3_411]);
    let rules = Preset::Kz2021.rules();
    let found = margins(&tally, 30, &rules).unwrap_or_else(|e| panic!("{e}"));
    let best = found.election.as_ref().map(|m| (m.from, m.to, m.ballots));
    assert_eq!(best, Some((2, 0, 4_034)));
    let start = seats(&tally, tally.votes().to_vec(), 30, &rules);
    for from in 0..5 {
        for to in (0..5).filter(|t| *t != from) {
            let limit = if (from, to) < (2, 0) { 4_034 } else { 4_033 };
            for k in 1..=limit.min(tally.votes()[from]) {
                let mut v = tally.votes().to_vec();
                v[from] -= k;
                v[to] += k;
                assert_eq!(seats(&tally, v, 30, &rules), start, "{k} ballots from {from} to {to}");
            }
        }
    }
    // The fourth list passes 7 % of a base that grows with it: (4351 + x)·100 ≥ 7·(332206 + x).
    let gain = found.lists[3].gain.as_ref().map(|s| s.votes);
    assert_eq!(gain, Some((7 * 332_206 - 100 * 4_351_u64).div_ceil(93)));
}

#[test]
fn droop_and_divisors_on_a_large_election_are_verified_by_the_core() {
    // Every reported margin is re-checked by the core at k and k − 1 inside `margins`; here
    // the point is that the slow cases (Droop's quota steps) finish and agree.
    let tally =
        Tally::new(vec![412_345, 98_765, 87_654, 54_321, 43_210, 32_109, 21_098, 10_987]).with_against_all(15_432);
    for method in ["droop", "hare", "dhondt", "sainte-lague", "huntington-hill", "imperiali-quota"] {
        let rules = Rules { method: method.parse().unwrap_or_else(|e| panic!("{e}")), ..Preset::Kz2023.rules() };
        let found = margins(&tally, 38, &rules).unwrap_or_else(|e| panic!("{method}: {e}"));
        assert!(found.election.is_some(), "{method}");
        for list in &found.lists {
            assert_eq!(list.loss.is_some(), list.seats > 0, "{method} list {}", list.list);
        }
    }
}

#[test]
fn a_list_holding_every_seat_cannot_gain() {
    let found = margins(&tally_of(&[900, 20, 10]), 3, &Preset::Kz2021.rules()).unwrap_or_else(|e| panic!("{e}"));
    // 7 %: only the first list passes, the runner-up gets two seats under reading (b).
    assert_eq!(found.seats, [1, 2, 0]);
    assert!(found.lists[0].gain.is_none());
    let all = margins(&tally_of(&[900, 20]), 1, &Rules::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(all.lists[0].gain.is_none());
}

/// Resource bound (issue 13): margins over more than `MAX_MARGIN_LISTS` lists is a clear error
/// at once, not minutes of pair searches.
#[test]
fn margins_over_too_many_lists_is_an_error() {
    let votes: Vec<u64> = (1..=crate::MAX_MARGIN_LISTS as u64 + 1).collect();
    let tally = Tally::new(votes);
    let result = margins(&tally, 10, &Rules::default());
    assert_eq!(result.map(|_| ()).unwrap_err().to_string(), "lists must be at most 500 for margins, found 501");
}

/// A list without seats has none to lose while another list passes with votes (losing votes
/// never leaves the allocation without a list), under every method family; brute force agrees.
#[test]
fn a_list_without_seats_has_nothing_to_lose() {
    let tally = Tally::new(vec![52, 31, 9, 4, 2]).with_against_all(3);
    for method in ["hare", "droop", "dhondt", "sainte-lague"] {
        for rules in [Preset::Kz2021.rules(), Rules::default()] {
            let rules = Rules { method: method.parse().unwrap_or_else(|e| panic!("{e}")), ..rules };
            let found = margins(&tally, 6, &rules).unwrap_or_else(|e| panic!("{method}: {e}"));
            for list in found.lists.iter().filter(|l| l.seats == 0) {
                assert!(list.loss.is_none(), "{method} list {}", list.list);
            }
            compare(&tally, 6, &rules, &found, 200);
        }
    }
}
