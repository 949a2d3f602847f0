//! The explanation as it was written before the seventh session's rewrite of its table and
//! sections: the reference the new one is held to (`explain_table.rs`).

use std::fmt::Write;

use crate::method::Method;
use crate::result::{Allocation, Bound, ListDetail, ListResult, ListStatus, Procedure, RunnerUpApplied};
use crate::rules::{QuotaRounding, RunnerUp, SeatLimits};
use crate::threshold::Threshold;

/// Explains `allocation`; `names[i]` names list `i` (registration order).
pub fn explain(allocation: &Allocation, names: &[String]) -> String {
    let name = |i: usize| names.get(i).cloned().unwrap_or_else(|| format!("list {}", i + 1));
    let mut out = String::new();
    rules_section(&mut out, allocation, &name);
    let _ = writeln!(out);
    out.push_str(&lists_table(allocation, &name));
    let _ = writeln!(out);
    procedure_section(&mut out, allocation, &name);
    restrictions_section(&mut out, allocation, &name);
    excluded_section(&mut out, allocation, &name);
    ties_section(&mut out, allocation, &name);
    for note in &allocation.notes {
        let _ = writeln!(out, "note: {note}");
    }
    out
}

/// The rules applied: method, threshold, ballots that are not lists, tie policy, runner-up
/// rule, and the quota.
fn rules_section(out: &mut String, allocation: &Allocation, name: &impl Fn(usize) -> String) {
    let rules = &allocation.rules;
    let method_family = match rules.method {
        Method::LargestRemainder(_) => "largest remainder",
        Method::Divisor(_) => "highest averages (divisor)",
    };
    let _ = writeln!(out, "method: {} ({method_family}), {} seats", rules.method, allocation.house_size);
    match rules.threshold {
        Threshold::None => {
            let _ = writeln!(out, "threshold: none");
        }
        threshold => {
            let _ = writeln!(
                out,
                "threshold: {threshold} of {} ({} votes), reached with {} votes or more (compared exactly, at the \
                 threshold passes)",
                rules.threshold_base.describe(),
                allocation.base_votes,
                allocation.threshold_votes
            );
        }
    }
    if allocation.against_all > 0 || allocation.invalid > 0 {
        let _ = writeln!(
            out,
            "not lists: against all {}, invalid {} (they never win seats)",
            allocation.against_all, allocation.invalid
        );
    }
    let _ = writeln!(out, "tie policy: {}", rules.tie_policy);
    runner_up_lines(out, rules.runner_up, allocation.runner_up.as_ref(), name);
    limits_lines(out, allocation, name);
    if let Procedure::LargestRemainder { quota, .. } = &allocation.procedure {
        if !allocation.bounds.is_empty() {
            let _ = writeln!(out, "the quota below is the last round's, among the lists not held at a restriction");
        }
        if rules.quota_rounding == QuotaRounding::Exact {
            let _ = writeln!(out, "quota: {} = {} votes per seat", quota, quota.decimal(4));
        } else {
            let _ = writeln!(
                out,
                "quota: {} votes per seat (the exact quota rounded {})",
                quota,
                match rules.quota_rounding {
                    QuotaRounding::Down => "down",
                    QuotaRounding::Up => "up",
                    _ => "to the nearest whole number, a half up",
                }
            );
        }
        if let Some(share) = rules.remainder_threshold {
            let _ = writeln!(
                out,
                "remainder seats: only to lists whose votes reach {}% of the quota, one each; seats still left by \
                 highest averages, at most one more per list a round",
                share.per_cent_text()
            );
        }
    }
    if rules.majority_clause {
        let _ = writeln!(
            out,
            "majority clause: a list with more than half of the list votes gets more than half of the seats (one seat \
             from the list that won the last seat by remainder or average)"
        );
    }
}

/// The seat restrictions and base seats in force, and the lists exempt from the threshold.
fn limits_lines(out: &mut String, allocation: &Allocation, name: &impl Fn(usize) -> String) {
    let SeatLimits { min, max, base } = allocation.rules.seat_limits;
    let mut parts = Vec::new();
    if base > 0 {
        parts.push(format!("{base} base seat(s) each before the proportional share"));
    }
    if min > 0 {
        parts.push(format!("at least {min} seat(s) each"));
    }
    if let Some(max) = max {
        parts.push(format!("at most {max} seat(s) each"));
    }
    let own: Vec<String> = allocation
        .list_limits
        .iter()
        .enumerate()
        .filter(|(_, l)| l.min > 0 || l.max.is_some() || l.base > 0)
        .map(|(i, l)| {
            let mut terms = Vec::new();
            if l.base > 0 {
                terms.push(format!("base {}", l.base));
            }
            if l.min > 0 {
                terms.push(format!("min {}", l.min));
            }
            if let Some(max) = l.max {
                terms.push(format!("max {max}"));
            }
            format!("{} ({})", name(i), terms.join(", "))
        })
        .collect();
    if !own.is_empty() {
        parts.push(format!("per list: {}", own.join("; ")));
    }
    if !parts.is_empty() {
        let _ = writeln!(out, "seat restrictions: {}", parts.join("; "));
    }
    let exempt: Vec<String> =
        allocation.list_limits.iter().enumerate().filter(|(_, l)| l.exempt).map(|(i, _)| name(i)).collect();
    if !exempt.is_empty() {
        let _ = writeln!(out, "exempt from the threshold: {}", exempt.join(", "));
    }
}

/// Which lists the restrictions held, and the majority clause.
fn restrictions_section(out: &mut String, allocation: &Allocation, name: &impl Fn(usize) -> String) {
    let largest_remainder = matches!(allocation.procedure, Procedure::LargestRemainder { .. });
    for (step, bound) in allocation.bounds.iter().enumerate() {
        let which = match bound.bound {
            Bound::Max => "maximum",
            Bound::Min => "minimum",
        };
        if largest_remainder {
            let _ = writeln!(
                out,
                "restriction {}: {} held at its {which} of {} seat(s); the others' shares recomputed without it",
                step + 1,
                name(bound.list),
                bound.seats
            );
        } else {
            let _ = writeln!(out, "restriction: {} held at its {which} of {} seat(s)", name(bound.list), bound.seats);
        }
    }
    if let Some(majority) = &allocation.majority {
        let _ = writeln!(
            out,
            "majority clause applied: {} has more than half of the list votes and was given one more seat, from {}",
            name(majority.list),
            name(majority.from)
        );
    }
}

/// The runner-up rule: absent, not needed, or applied and to whom.
fn runner_up_lines(
    out: &mut String,
    rule: Option<RunnerUp>,
    applied: Option<&RunnerUpApplied>,
    name: &impl Fn(usize) -> String,
) {
    let Some(reading) = rule else { return };
    let Some(applied) = applied else {
        let _ = writeln!(out, "runner-up rule: {} (not needed: more than one list passed)", reading.name());
        return;
    };
    let _ = writeln!(out, "runner-up rule applied, {}", applied.reading.describe());
    let _ = match applied.runner_up {
        Some(second) => writeln!(
            out,
            "  only {} passed; {} was admitted as runner-up{}",
            name(applied.leader),
            name(second),
            if applied.seats_moved > 0 {
                format!(" and given {} seat(s) from the leader to reach two", applied.seats_moved)
            } else {
                String::new()
            }
        ),
        None => {
            writeln!(out, "  only {} passed and no other list has votes: it takes every seat", name(applied.leader))
        }
    };
}

/// The table of lists: votes, share, status, the method's figures, seats.
fn lists_table(allocation: &Allocation, name: &impl Fn(usize) -> String) -> String {
    let (middle, detail) = match allocation.rules.method {
        Method::LargestRemainder(_) => ("whole", "remainder (of a quota)"),
        Method::Divisor(_) => ("last quotient", "next quotient"),
    };
    let header = ["#", "list", "votes", "share", "status", middle, detail, "seats"];
    let rows: Vec<Vec<String>> = allocation.lists.iter().enumerate().map(|(i, list)| list_row(i, list, name)).collect();
    table(&header, &rows, &[true, false, true, true, false, true, false, true])
}

/// One row of [`lists_table`].
fn list_row(i: usize, list: &ListResult, name: &impl Fn(usize) -> String) -> Vec<String> {
    let status = match list.status {
        ListStatus::Qualified => "qualified",
        ListStatus::RunnerUp => "runner-up",
        ListStatus::BelowThreshold => "below threshold",
    };
    let (middle, detail) = match &list.detail {
        ListDetail::None {} => (String::new(), String::new()),
        ListDetail::LargestRemainder { whole_seats, remainder, remainder_seat, .. } => (
            whole_seats.to_string(),
            format!("{} = {}{}", remainder.decimal(4), remainder, if *remainder_seat { "  +1" } else { "" }),
        ),
        ListDetail::Divisor { last_quotient, next_quotient } => {
            (last_quotient.clone().unwrap_or_else(|| "-".to_owned()), next_quotient.clone())
        }
    };
    vec![
        (i + 1).to_string(),
        name(i),
        list.votes.to_string(),
        format!("{} %", list.share.percent(2)),
        status.to_owned(),
        middle,
        detail,
        list.seats.to_string(),
    ]
}

/// The order of the seats: remainder seats and withdrawals, or a divisor method's awards.
fn procedure_section(out: &mut String, allocation: &Allocation, name: &impl Fn(usize) -> String) {
    match &allocation.procedure {
        Procedure::LargestRemainder {
            remainder_order, withdrawn, average_order, below_remainder_threshold, ..
        } => {
            let order: Vec<String> = remainder_order.iter().map(|i| name(*i)).collect();
            let _ = writeln!(
                out,
                "remainder seats, largest remainder first: {}",
                if order.is_empty() { "none".to_owned() } else { order.join(", ") }
            );
            if !below_remainder_threshold.is_empty() {
                let below: Vec<String> = below_remainder_threshold.iter().map(|i| name(*i)).collect();
                let _ = writeln!(out, "no remainder seat (votes below the share of the quota): {}", below.join(", "));
            }
            if !average_order.is_empty() {
                let order: Vec<String> = average_order.iter().map(|i| name(*i)).collect();
                let _ = writeln!(out, "seats by highest averages after the remainder seats: {}", order.join(", "));
            }
            if !withdrawn.is_empty() {
                let order: Vec<String> = withdrawn.iter().map(|i| name(*i)).collect();
                let _ = writeln!(out, "seats taken back, smallest remainder first: {}", order.join(", "));
            }
        }
        Procedure::Divisor { floor_seats, start_seats, awards, withdrawals } => {
            if *floor_seats > 0 {
                let _ = writeln!(
                    out,
                    "{floor_seats} seats were given first as minimums and base seats; the rest one by one, no list past \
                     its maximum (the divisor counts only seats beyond the base seats):"
                );
            } else if *start_seats > 0 {
                let _ = writeln!(
                    out,
                    "{start_seats} seats were given at once at the common divisor votes ÷ seats; the rest one by one:"
                );
            } else {
                let _ = writeln!(out, "seats in the order they were given:");
            }
            let votes = |list: usize| allocation.lists.get(list).map_or(0, |l| l.votes);
            for (n, award) in awards.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "  {:>4}. {} (seat {} of the list): {} ÷ {} = {}",
                    n as u64 + start_seats + 1,
                    name(award.list),
                    award.list_seat,
                    votes(award.list),
                    award.divisor,
                    award.quotient
                );
            }
            for award in withdrawals {
                let _ = writeln!(
                    out,
                    "  taken back: {} seat {} (quotient {} with divisor {})",
                    name(award.list),
                    award.list_seat,
                    award.quotient,
                    award.divisor
                );
            }
        }
    }
}

/// The lists the threshold excluded, with their shares.
fn excluded_section(out: &mut String, allocation: &Allocation, name: &impl Fn(usize) -> String) {
    let excluded: Vec<String> = allocation
        .lists
        .iter()
        .enumerate()
        .filter(|(_, l)| l.status == ListStatus::BelowThreshold)
        .map(|(i, l)| {
            format!("{} ({} %, {} votes, below {})", name(i), l.share.percent(2), l.votes, allocation.rules.threshold)
        })
        .collect();
    if !excluded.is_empty() {
        let _ = writeln!(out, "excluded by the threshold: {}", excluded.join("; "));
    }
}

/// Every tie, in the words of [`crate::Tie::describe`].
fn ties_section(out: &mut String, allocation: &Allocation, name: &impl Fn(usize) -> String) {
    if allocation.ties.is_empty() {
        let _ = writeln!(out, "ties: none");
    }
    for tie in &allocation.ties {
        let _ = writeln!(out, "tie on {}: {}", tie.stage.describe(), tie.describe(name));
    }
}

/// Pads `cells` into aligned columns; numeric columns (`right`) align right.
fn table(header: &[&str], rows: &[Vec<String>], right: &[bool]) -> String {
    let widths: Vec<usize> = (0..header.len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).chain([header[c].chars().count()]).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    // One line at a time in a reused buffer: the cells padded and joined by two spaces, then
    // the line's trailing blanks trimmed.
    let mut joined = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>, out: &mut String| {
        joined.clear();
        for (c, cell) in cells.enumerate() {
            if c > 0 {
                joined.push_str("  ");
            }
            let pad = widths[c] - cell.chars().count();
            if !right[c] {
                joined.push_str(cell);
            }
            joined.extend(std::iter::repeat_n(' ', pad));
            if right[c] {
                joined.push_str(cell);
            }
        }
        out.push_str("  ");
        out.push_str(joined.trim_end());
        out.push('\n');
    };
    line(&mut header.iter().copied(), &mut out);
    for row in rows {
        line(&mut row.iter().map(String::as_str), &mut out);
    }
    out
}
