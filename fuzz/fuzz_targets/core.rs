//! The apportionment core: any tallies, houses and rules. `allocate` and `Apportioner` either
//! fail alike or give the same seats, summing to the house and respecting the threshold, and
//! `explain` prints the result.
#![no_main]

use std::cell::RefCell;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use maslihat_apportion::{
    Apportioner, DivisorStart, ListStatus, Tally, TiePolicy, allocate, allocate_with_start, explain,
};
use maslihat_fuzz::FuzzRules;

#[derive(Debug, Arbitrary)]
struct Input {
    votes: Vec<u64>,
    against_all: u64,
    invalid: u64,
    house: u32,
    rules: FuzzRules,
}

thread_local! {
    /// Reused across inputs, as batch runs and simulations reuse it.
    static APPORTIONER: RefCell<Apportioner> = RefCell::new(Apportioner::new());
}

fuzz_target!(|input: Input| {
    let Input { votes, against_all, invalid, house, rules: FuzzRules(rules) } = input;
    let tally = Tally::new(votes).with_against_all(against_all).with_invalid(invalid);
    let result = allocate(&tally, house, &rules);
    let reused = APPORTIONER.with(|a| a.borrow_mut().seats(&tally, house, &rules).map(<[u32]>::to_vec));
    let allocation = match result {
        Err(err) => {
            assert_eq!(reused.err(), Some(err.clone()), "Apportioner and allocate disagree");
            let _ = err.to_string();
            return;
        }
        Ok(allocation) => allocation,
    };
    let seats = allocation.seats();
    assert_eq!(reused.as_deref(), Ok(seats.as_slice()), "Apportioner and allocate disagree");
    assert_eq!(seats.len(), tally.votes().len());
    let total: u64 = seats.iter().map(|s| u64::from(*s)).sum();
    assert_eq!(total, u64::from(house), "the seats do not sum to the house");
    assert_eq!(allocation.base_votes, tally.base(rules.threshold_base));
    for (i, list) in allocation.lists.iter().enumerate() {
        assert_eq!(list.votes, tally.votes()[i]);
        let meets = rules.threshold.is_met(list.votes, allocation.base_votes);
        match list.status {
            ListStatus::BelowThreshold => {
                assert_eq!(list.seats, 0, "list {i} below the threshold has seats");
                assert!(!meets || rules.runner_up.is_some(), "list {i} meets the threshold but is below it");
            }
            ListStatus::Qualified => assert!(meets, "list {i} qualified without meeting the threshold"),
            ListStatus::RunnerUp => assert!(rules.runner_up.is_some(), "a runner-up without the rule"),
        }
    }
    for tie in &allocation.ties {
        assert_ne!(rules.tie_policy, TiePolicy::Error, "a tie settled under the policy error");
        assert_eq!(tie.winners.len(), tie.seats_in_contention as usize, "{tie:?}");
        assert!(tie.winners.iter().all(|w| tie.lists.contains(w)), "{tie:?}");
    }
    let names: Vec<String> = (0..seats.len()).map(|i| format!("list {i}")).collect();
    assert!(!explain(&allocation, &names).is_empty());
    if house <= 2_000 {
        let every_seat = allocate_with_start(&tally, house, &rules, DivisorStart::Empty)
            .expect("the empty start fails where the estimate does not");
        assert_eq!(every_seat.seats(), seats, "the empty start and the estimate disagree");
    }
});
