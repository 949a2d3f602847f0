//! Margins and paradox checks on small elections. Every reported margin, applied with the core,
//! changes the seats as reported, and (by brute force) no smaller one does; every paradox
//! finding is confirmed by the core and none is missed.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use maslihat_analysis::{check_paradoxes, margins};
use std::cell::RefCell;

use maslihat_apportion::{Apportioner, Rules, Tally, TiePolicy, allocate};
use maslihat_fuzz::FuzzRules;

#[derive(Debug, Arbitrary)]
struct Input {
    votes: [u16; 6],
    lists: u8,
    against_all: u8,
    invalid: u8,
    house: u8,
    rules: FuzzRules,
    compare: [u16; 6],
}

/// Brute force checks every smaller amount up to this many votes.
const BRUTE_FORCE: u64 = 300;

thread_local! {
    static APPORTIONER: RefCell<Apportioner> = RefCell::new(Apportioner::new());
}

/// The seats under `rules` for `votes`, or `None` when the allocation fails.
fn seats(votes: Vec<u64>, input: &Input, house: u32, rules: &Rules) -> Option<Vec<u32>> {
    let tally = Tally::new(votes).with_against_all(input.against_all.into()).with_invalid(input.invalid.into());
    APPORTIONER.with(|a| a.borrow_mut().seats(&tally, house, rules).ok().map(<[u32]>::to_vec))
}

fuzz_target!(|input: Input| {
    let n = usize::from(input.lists % 6) + 1;
    let house = u32::from(input.house % 16) + 1;
    let votes: Vec<u64> = input.votes[..n].iter().map(|v| u64::from(*v)).collect();
    let FuzzRules(rules) = input.rules.clone();
    let tally = Tally::new(votes.clone()).with_against_all(input.against_all.into()).with_invalid(input.invalid.into());
    let Ok(found) = margins(&tally, house, &rules) else { return };
    let mut search = rules.clone();
    if matches!(rules.tie_policy, TiePolicy::Lot(_) | TiePolicy::Error) {
        search.tie_policy = TiePolicy::Registration;
    }
    let start = found.seats.clone();
    let at = |change: &dyn Fn(&mut Vec<u64>)| {
        let mut v = votes.clone();
        change(&mut v);
        seats(v, &input, house, &search)
    };
    for list in &found.lists {
        let i = list.list;
        let gained = |k: u64| at(&|v: &mut Vec<u64>| v[i] += k).is_some_and(|s| s[i] > start[i]);
        let lost = |k: u64| at(&|v: &mut Vec<u64>| v[i] -= k).is_none_or(|s| s[i] < start[i]);
        match &list.gain {
            Some(shift) => {
                assert!(gained(shift.votes), "gain of list {i}: {} votes do not win a seat", shift.votes);
                let smaller = (0..shift.votes.min(BRUTE_FORCE)).find(|k| gained(*k));
                assert_eq!(smaller, None, "gain of list {i}: fewer than {} votes win a seat", shift.votes);
            }
            None => {
                let bound = BRUTE_FORCE.min(u64::MAX - votes[i]);
                assert_eq!((0..=bound).find(|k| gained(*k)), None, "list {i} has no gain, but one exists");
            }
        }
        match &list.loss {
            Some(shift) => {
                assert!(shift.votes <= votes[i]);
                assert!(lost(shift.votes), "loss of list {i}: {} votes do not lose a seat", shift.votes);
                let smaller = (0..shift.votes.min(BRUTE_FORCE)).find(|k| lost(*k));
                assert_eq!(smaller, None, "loss of list {i}: fewer than {} votes lose a seat", shift.votes);
            }
            None => {
                let bound = BRUTE_FORCE.min(votes[i]);
                assert_eq!((0..=bound).find(|k| lost(*k)), None, "list {i} has no loss, but one exists");
            }
        }
    }
    let moved = |from: usize, to: usize, k: u64| {
        k <= votes[from]
            && at(&|v: &mut Vec<u64>| {
                v[from] -= k;
                v[to] += k;
            })
            .as_deref()
                != Some(start.as_slice())
    };
    let limit = found.election.as_ref().map_or(BRUTE_FORCE, |m| m.ballots.min(BRUTE_FORCE + 1));
    if let Some(best) = &found.election {
        assert!(moved(best.from, best.to, best.ballots), "the election margin does not change the seats");
    }
    for from in 0..n {
        for to in (0..n).filter(|to| *to != from) {
            let smaller = (0..limit.min(votes[from] + 1)).find(|k| moved(from, to, *k));
            assert_eq!(smaller, None, "moving from {from} to {to} changes the seats below the election margin");
        }
    }
    paradoxes(&tally, house, &rules, &input, n);
});

/// Each finding of the paradox checks is confirmed by the core, and their counts match a
/// direct recount.
fn paradoxes(tally: &Tally, house: u32, rules: &Rules, input: &Input, n: usize) {
    let Ok(allocation) = allocate(tally, house, rules) else { return };
    let compare_votes: Vec<u64> = input.compare[..n].iter().map(|v| u64::from(*v)).collect();
    let compare = Tally::new(compare_votes.clone()).with_against_all(tally.against_all()).with_invalid(tally.invalid());
    let Ok(report) = check_paradoxes(&allocation, tally, rules, Some(&compare)) else { return };
    let at = |house: u32| (house > 0).then(|| allocate(tally, house, rules).ok().map(|a| a.seats())).flatten();
    let middle = allocation.seats();
    let mut expected = 0;
    for (before, after) in [(at(house - 1), Some(middle.clone())), (Some(middle.clone()), at(house + 1))] {
        if let (Some(before), Some(after)) = (before, after) {
            expected += before.iter().zip(&after).filter(|(b, a)| a < b).count();
        }
    }
    assert_eq!(report.alabama.len(), expected, "Alabama findings: {:?}", report.alabama);
    for finding in &report.alabama {
        let before = at(finding.house_before).expect("the smaller house allocates");
        let after = at(finding.house_after).expect("the larger house allocates");
        assert_eq!((before[finding.list], after[finding.list]), (finding.seats_before, finding.seats_after));
        assert!(finding.seats_after < finding.seats_before);
    }
    for violation in &report.quota_violations {
        let seats = u128::from(allocation.lists[violation.list].seats);
        assert_eq!(seats, u128::from(violation.seats));
        let total: u128 = allocation
            .lists
            .iter()
            .filter(|l| l.status != maslihat_apportion::ListStatus::BelowThreshold)
            .map(|l| u128::from(l.votes))
            .sum();
        let scaled = u128::from(house) * u128::from(allocation.lists[violation.list].votes);
        let lower = scaled / total;
        let upper = lower + u128::from(scaled % total != 0);
        assert!(seats < lower || seats > upper, "not a quota violation: {violation:?}");
    }
    for finding in &report.new_list {
        let others: Vec<u64> = (0..n).filter(|i| *i != finding.list).map(|i| tally.votes()[i]).collect();
        let without = seats(others, input, finding.house_without, rules).expect("the reduced house allocates");
        for change in &finding.changes {
            let position = if change.list < finding.list { change.list } else { change.list - 1 };
            assert_eq!(without[position], change.before);
            assert_eq!(middle[change.list], change.after);
            assert_ne!(change.before, change.after);
        }
    }
    if let (Some(population), Ok(after)) = (&report.population, allocate(&compare, house, rules)) {
        let after = after.seats();
        for finding in population {
            assert_eq!(finding.loser_seats, [middle[finding.loser], after[finding.loser]]);
            assert_eq!(finding.gainer_seats, [middle[finding.gainer], after[finding.gainer]]);
            assert!(after[finding.loser] < middle[finding.loser] && after[finding.gainer] > middle[finding.gainer]);
        }
    }
}
