//! What-if sweeps: one election allocated under every combination of methods, thresholds
//! and house sizes, and a CSV writer for spreadsheets.
//!
//! The CSV is *wide*: one row per scenario, a column per list (its seats), then the indices
//! and an error column. Fields follow RFC 4180 (quoted when they hold a comma, a quote or a
//! line break; quotes doubled), lines end with `\n`, numbers use a dot and fixed decimals. A
//! list name that starts with `=`, `+`, `-` or `@` is prefixed with `'`, so that a spreadsheet
//! does not read it as a formula.

use std::fmt::Write;

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

/// Quotes a CSV field when needed.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.to_owned() }
}

/// A list name as a CSV header cell, defused against formula evaluation.
fn name_field(name: &str) -> String {
    if name.starts_with(['=', '+', '-', '@']) { field(&format!("'{name}")) } else { field(name) }
}

/// Writes sweep rows as CSV text (see the module documentation for the layout). `names`
/// heads the list columns; missing names become `list N`.
pub fn sweep_csv(rows: &[SweepRow], names: &[String]) -> String {
    let lists = rows.iter().filter_map(|r| r.seats.as_ref().map(Vec::len)).max().unwrap_or(0).max(names.len());
    let mut out = String::from("method,threshold,house_size");
    for i in 0..lists {
        out.push(',');
        match names.get(i) {
            Some(name) => out.push_str(&name_field(name)),
            None => {
                let _ = write!(out, "list {}", i + 1);
            }
        }
    }
    out.push_str(",gallagher,loosemore_hanby,enp_votes,enp_seats,wasted_votes,wasted_percent,error\n");
    for row in rows {
        let _ = write!(out, "{},{},{}", field(&row.method), field(&row.threshold), row.house_size);
        for i in 0..lists {
            out.push(',');
            if let Some(seats) = row.seats.as_ref().and_then(|s| s.get(i)) {
                let _ = write!(out, "{seats}");
            }
        }
        match &row.indices {
            Some(ix) => {
                let _ = write!(
                    out,
                    ",{:.4},{:.4},{:.4},{:.4},{},{:.4}",
                    ix.gallagher, ix.loosemore_hanby, ix.enp_votes, ix.enp_seats, ix.wasted_votes, ix.wasted_percent
                );
            }
            None => out.push_str(",,,,,,"),
        }
        out.push(',');
        out.push_str(&field(row.error.as_deref().unwrap_or("")));
        out.push('\n');
    }
    out
}
