//! The move bounds (`move_bound::MoveBounds`) against the core and against the unpruned
//! search: no move below a pair's bound changes a seat, and the election margin found with the
//! bounds is the one found without them.

use maslihat_apportion::{Method, Quota, Rules, Tally, TiePolicy, allocate};
use proptest::prelude::*;
use proptest::sample::select;

use super::{base, runner_up, threshold};
use crate::margins::{election_margin, margins};
use crate::move_bound::MoveBounds;
use crate::search::{Change, Searcher};

/// Mostly largest-remainder rules (the bounds' methods; under the runner-up rule any method),
/// every threshold, base and runner-up reading, with the tie policies the search uses.
fn remainder_rules() -> impl Strategy<Value = Rules> {
    let quotas = [Quota::Hare, Quota::Droop, Quota::HagenbachBischoff, Quota::Imperiali];
    (
        prop_oneof![
            3 => select(quotas.map(Method::LargestRemainder).to_vec()),
            1 => super::method(),
        ],
        threshold(),
        base(),
        select(vec![TiePolicy::Registration, TiePolicy::Votes]),
        runner_up(),
    )
        .prop_map(|(method, threshold, threshold_base, tie_policy, runner_up)| Rules {
            method,
            threshold,
            threshold_base,
            tie_policy,
            runner_up,
            ..Rules::default()
        })
}

/// The searcher and the bounds of an election, when its observed allocation is lawful.
fn setup<'a>(tally: &'a Tally, house: u32, rules: &Rules) -> Option<(Searcher<'a>, Option<MoveBounds>)> {
    let searcher = Searcher::new(tally.votes(), tally.against_all(), tally.invalid(), house, rules).ok()?;
    let bounds =
        MoveBounds::of(tally.votes(), searcher.start(), searcher.start_status(), searcher.base(), house, rules);
    Some((searcher, bounds))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    /// Small elections (ties frequent): every move below the bound leaves the core's seats
    /// as they were, checked count by count.
    #[test]
    fn no_move_below_the_bound_changes_a_seat(
        votes in prop::collection::vec(0u64..=60, 2..=5),
        against in 0u64..6,
        invalid in 0u64..6,
        house in 1u32..=9,
        rules in remainder_rules(),
    ) {
        let tally = Tally::new(votes.clone()).with_against_all(against).with_invalid(invalid);
        let Some((searcher, Some(bounds))) = setup(&tally, house, &rules) else { return Ok(()) };
        let start = searcher.start().to_vec();
        for from in 0..votes.len() {
            for to in (0..votes.len()).filter(|t| *t != from) {
                let bound = bounds.bound(from, to);
                prop_assert!(bound >= 1);
                for k in 1..bound.min(votes[from] + 1) {
                    let mut moved = votes.clone();
                    moved[from] -= k;
                    moved[to] += k;
                    let after = Tally::new(moved).with_against_all(against).with_invalid(invalid);
                    let seats = allocate(&after, house, &rules).ok().map(|a| a.seats());
                    prop_assert_eq!(
                        seats.as_deref(), Some(start.as_slice()),
                        "{} ballots from {} to {} (bound {}): {:?} house {} {:?}", k, from, to, bound, votes, house, rules
                    );
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(800))]

    /// Larger elections: each pair's exact first change (the unpruned search) is at or above
    /// its bound, and the election margin with the bounds is the one without them.
    #[test]
    fn the_bounds_agree_with_the_unpruned_search(
        votes in prop::collection::vec(0u64..=20_000, 2..=8),
        against in prop_oneof![Just(0u64), 0u64..2_000],
        house in 1u32..=45,
        rules in remainder_rules(),
    ) {
        let tally = Tally::new(votes.clone()).with_against_all(against);
        let Ok(found) = margins(&tally, house, &rules) else { return Ok(()) };
        let Some((mut searcher, bounds)) = setup(&tally, house, &rules) else { return Ok(()) };
        if let Some(bounds) = &bounds {
            for from in (0..votes.len()).filter(|f| votes[*f] > 0) {
                for to in (0..votes.len()).filter(|t| *t != from) {
                    let bound = bounds.bound(from, to);
                    let first = searcher.first(Change::Move { from, to }, u64::MAX);
                    let first = first.unwrap_or_else(|e| panic!("{e}"));
                    prop_assert!(
                        first.is_none_or(|k| k >= bound),
                        "{:?} from {} to {} below the bound {}: {:?} house {} {:?}", first, from, to, bound, votes, house, rules
                    );
                }
            }
        }
        let unpruned = election_margin(&mut searcher, &found.lists, None).unwrap_or_else(|e| panic!("{e}"));
        let pruned = election_margin(&mut searcher, &found.lists, bounds.as_ref()).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(pruned, unpruned);
        prop_assert_eq!(found.election.as_ref().map(|m| (m.ballots, m.from, m.to)), pruned);
    }
}

/// Worked by hand: 530, 300 and 170 votes for 10 seats under Hare (quota 100): quotas 5.3, 3
/// and 1.7, one seat left, to the third list (remainders 300, 0 and 700 in thousandths of a
/// seat ×1000/10: each ballot moves a remainder by 10).
#[test]
fn bounds_worked_by_hand() {
    let tally = Tally::new(vec![530, 300, 170]);
    let rules = Rules::default();
    let (searcher, bounds) = setup(&tally, 10, &rules).unwrap_or_else(|| panic!("no allocation"));
    assert_eq!(searcher.start(), [5, 3, 2]);
    let bounds = bounds.unwrap_or_else(|| panic!("no bounds"));
    // From the first list to the second: the first list's whole quota drops after 300 / 10
    // ballots, at 31, but its remainder (990) then wins back the seat; seen as 5 − 1 whole
    // quotas and a remainder of 1300 − 10k against the second list's 0 + 10k, the two meet at
    // k = 65, a tie the first list wins (registered earlier), and the second gains at 66.
    assert_eq!(bounds.bound(0, 1), 65);
    // From the third to the first: 700 − 10k meets 300 + 10k at k = 20, a tie the first list
    // (registered earlier) wins.
    assert_eq!(bounds.bound(2, 0), 20);
    let seats = |from: usize, to: usize, k: u64| {
        let mut votes = tally.votes().to_vec();
        votes[from] -= k;
        votes[to] += k;
        allocate(&Tally::new(votes), 10, &rules).ok().map(|a| a.seats())
    };
    assert_eq!(seats(0, 1, 31), Some(vec![5, 3, 2]));
    assert_eq!(seats(0, 1, 65), Some(vec![5, 3, 2]));
    assert_eq!(seats(0, 1, 66), Some(vec![4, 4, 2]));
    assert_eq!(seats(2, 0, 19), Some(vec![5, 3, 2]));
    assert_eq!(seats(2, 0, 20), Some(vec![6, 3, 1]));
    // From the second to the first: 1000 − 10k (the second list seen with 3 − 1 whole quotas)
    // meets 300 + 10k at k = 35, a tie the first list wins: it gains the seat there.
    assert_eq!(bounds.bound(1, 0), 35);
    assert_eq!(seats(1, 0, 34), Some(vec![5, 3, 2]));
    assert_eq!(seats(1, 0, 35), Some(vec![6, 2, 2]));
}

/// A participant left without votes gets no remainder seat: under Droop (quota 4), 16, 3 and
/// 11 votes for 9 seats give every list a remainder seat, and moving the second list's 3
/// votes to the first gives the first list two. The bound stops before the last vote.
#[test]
fn a_list_left_without_votes_is_a_change() {
    let tally = Tally::new(vec![16, 3, 11]);
    let rules = Rules { method: Method::LargestRemainder(Quota::Droop), ..Rules::default() };
    let (searcher, bounds) = setup(&tally, 9, &rules).unwrap_or_else(|| panic!("no allocation"));
    assert_eq!(searcher.start(), [5, 1, 3]);
    let moved = allocate(&Tally::new(vec![19, 0, 11]), 9, &rules).map(|a| a.seats()).ok();
    assert_eq!(moved, Some(vec![6, 0, 3]));
    assert!(bounds.is_none_or(|b| b.bound(1, 0) <= 3));
}

/// Under the runner-up rule (7 %: only the first list passes, the second is admitted), a move
/// between two lists below the threshold changes nothing until the receiving list reaches the
/// runner-up's votes, whatever the method.
#[test]
fn below_the_runner_up_nothing_changes() {
    let tally = Tally::new(vec![900, 60, 40, 25]);
    for method in ["hare", "dhondt"] {
        let rules = Rules {
            method: method.parse().unwrap_or_else(|e| panic!("{e}")),
            ..maslihat_apportion::Preset::Kz2021.rules()
        };
        let (searcher, bounds) = setup(&tally, 10, &rules).unwrap_or_else(|| panic!("no allocation"));
        assert_eq!(searcher.start()[2..], [0, 0]);
        let bounds = bounds.unwrap_or_else(|| panic!("no bounds"));
        // 40 + k reaches 60 at k = 20; 25 + k at 35.
        assert_eq!(bounds.bound(3, 2), 20);
        assert_eq!(bounds.bound(2, 3), 35);
        // Moves touching the leader or the runner-up are searched.
        assert_eq!(bounds.bound(1, 2), 1);
        assert_eq!(bounds.bound(3, 0), 1);
    }
}
