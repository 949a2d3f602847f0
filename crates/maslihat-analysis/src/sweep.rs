//! What-if sweeps: one election allocated under every combination of methods, thresholds
//! and house sizes, as rows (`maslihat-render` writes them as CSV).

use maslihat_apportion::{Method, Rules, Tally, Threshold, allocate};
use serde::Serialize;

use crate::indices::{Indices, indices};

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
    for method in methods {
        for threshold in thresholds {
            let rules = Rules { method: method.clone(), threshold: *threshold, ..base_rules.clone() };
            for &house in house_sizes {
                let (seats, indices, error) = match allocate(tally, house, &rules) {
                    Ok(allocation) => (Some(allocation.seats()), Some(indices(&allocation)), None),
                    Err(error) => (None, None, Some(error.to_string())),
                };
                rows.push(SweepRow {
                    method: method.name(),
                    threshold: threshold.to_string(),
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
