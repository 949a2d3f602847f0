//! Tests of the outcome set: worked examples, the engine against brute force, and the
//! fraction-free simplex against the reduced-fraction one it replaced, the enumeration's
//! shortcuts against the plain way.

mod brute;
mod examples;
mod reference;
mod shortcuts;
mod simplex;

use maslihat_apportion::{Method, Rules, RunnerUp, Threshold, ThresholdBase, TiePolicy};
use proptest::prelude::*;

/// Rules under one of `methods` and one of `thresholds`, with any threshold base, runner-up
/// reading and tie policy (registration twice as often as an unresolved tie or a lot).
fn rules_of(
    methods: &'static [&'static str],
    thresholds: impl Strategy<Value = Threshold>,
) -> impl Strategy<Value = Rules> {
    let base = prop_oneof![Just(ThresholdBase::Valid), Just(ThresholdBase::Lists), Just(ThresholdBase::Cast)];
    let runner_up = prop_oneof![
        2 => Just(None),
        1 => Just(Some(RunnerUp::Admit)),
        1 => Just(Some(RunnerUp::AdmitMinTwo)),
        1 => Just(Some(RunnerUp::Coefficient)),
    ];
    let tie =
        prop_oneof![2 => Just(TiePolicy::Registration), 1 => Just(TiePolicy::Error), 1 => Just(TiePolicy::Lot(3))];
    (0..methods.len(), thresholds, base, runner_up, tie).prop_map(
        move |(m, threshold, threshold_base, runner_up, tie_policy)| Rules {
            method: methods[m].parse::<Method>().unwrap(),
            threshold,
            threshold_base,
            tie_policy,
            runner_up,
            ..Rules::default()
        },
    )
}
