//! Unit tests: worked examples, published paradox examples, and property tests against brute
//! force and against the core.

mod cut;
mod indices;
mod margins;
mod move_bound;
mod narrow;
mod paradox;
mod simulate;
mod sweep;

use maslihat_apportion::{Method, Percentage, Rules, RunnerUp, Threshold, ThresholdBase, TiePolicy};
use proptest::prelude::*;

/// Any standard method.
fn method() -> impl Strategy<Value = Method> {
    (0..Method::all_standard().len()).prop_map(|i| Method::all_standard()[i].clone())
}

fn threshold() -> impl Strategy<Value = Threshold> {
    prop_oneof![
        3 => Just(Threshold::None),
        1 => Just(Threshold::percent(5).unwrap()),
        2 => Just(Threshold::percent(7).unwrap()),
        1 => Just(Threshold::percent(10).unwrap()),
        1 => Just(Threshold::percent(25).unwrap()),
        1 => Just(Threshold::Percent(Percentage::new(1, 3).unwrap())),
        1 => (1u64..30).prop_map(|votes| Threshold::Votes { votes }),
    ]
}

fn base() -> impl Strategy<Value = ThresholdBase> {
    prop_oneof![Just(ThresholdBase::Valid), Just(ThresholdBase::Lists), Just(ThresholdBase::Cast)]
}

fn runner_up() -> impl Strategy<Value = Option<RunnerUp>> {
    prop_oneof![
        2 => Just(None),
        1 => Just(Some(RunnerUp::Admit)),
        1 => Just(Some(RunnerUp::AdmitMinTwo)),
        1 => Just(Some(RunnerUp::Coefficient)),
    ]
}

/// Rules with one of the given tie policies.
fn rules_with(ties: Vec<TiePolicy>) -> impl Strategy<Value = Rules> {
    (method(), threshold(), base(), proptest::sample::select(ties), runner_up()).prop_map(
        |(method, threshold, threshold_base, tie_policy, runner_up)| Rules {
            method,
            threshold,
            threshold_base,
            tie_policy,
            runner_up,
            ..Rules::default()
        },
    )
}

/// Every tie policy.
fn any_rules() -> impl Strategy<Value = Rules> {
    rules_with(vec![TiePolicy::Registration, TiePolicy::Votes, TiePolicy::Lot(7), TiePolicy::Error])
}
