//! What-if sweeps: one election allocated under every combination of methods, thresholds
//! and house sizes, as rows (`maslihat-render` writes them as CSV).

use maslihat_apportion::{Apportioner, Method, Rules, Tally, Threshold};
use serde::Serialize;

use crate::indices::{Indices, ListOutcome, indices_of};

/// One scenario of a sweep.
#[derive(Debug, Clone, Serialize)]
pub struct SweepRow {
    /// The method's name, e.g. `hare` or `dhondt`.
    pub method: String,
    /// The threshold as text, e.g. `7%`, `1000 votes` or `none`.
    pub threshold: String,
    pub house_size: u32,
    /// Seats per list; absent when the allocation failed.
    pub seats: Option<Vec<u32>>,
    pub indices: Option<Indices>,
    /// Why the allocation failed (no list passes, an unresolved tie, …).
    pub error: Option<String>,
}

/// Allocates `tally` under every method × threshold × house size, in that nesting order; the
/// other rules (base, tie policy, runner-up reading) come from `base_rules`. A scenario that
/// fails is a row with its error, not a failure of the sweep.
pub fn sweep(
    tally: &Tally,
    methods: &[Method],
    thresholds: &[Threshold],
    house_sizes: &[u32],
    base_rules: &Rules,
) -> Vec<SweepRow> {
    let mut rows = Vec::with_capacity(methods.len() * thresholds.len() * house_sizes.len());
    // Seats only (the explanations of `allocate` are not shown): the same seats and errors.
    let mut apportioner = Apportioner::new();
    // Each threshold's text once, not once per method.
    let threshold_texts: Vec<String> = thresholds.iter().map(Threshold::to_string).collect();
    for method in methods {
        let method_name = method.name();
        for (threshold, threshold_text) in thresholds.iter().zip(&threshold_texts) {
            let rules = Rules { method: method.clone(), threshold: *threshold, ..base_rules.clone() };
            for &house in house_sizes {
                let (seats, indices, error) = match apportioner.seats(tally, house, &rules).map(<[u32]>::to_vec) {
                    Ok(seats) => {
                        let lists = tally.votes().iter().zip(&seats).zip(apportioner.statuses());
                        let lists = lists.map(|((&votes, &seats), &status)| ListOutcome { votes, seats, status });
                        let indices = indices_of(lists, tally.base(rules.threshold_base));
                        (Some(seats), Some(indices), None)
                    }
                    Err(error) => (None, None, Some(error.to_string())),
                };
                rows.push(SweepRow {
                    method: method_name.clone(),
                    threshold: threshold_text.clone(),
                    house_size: house,
                    seats,
                    indices,
                    error,
                });
            }
        }
    }
    rows
}
