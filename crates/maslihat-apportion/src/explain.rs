//! A plain-text explanation of an allocation: what was applied, who was excluded and why, and
//! how every seat was given. One function per section, in the order they are printed.

use std::fmt::Write;

use crate::exact::push_integer;
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
    // The lines every explanation has, written piece by piece (no formatting machinery).
    out.push_str("method: ");
    out.push_str(&rules.method.name());
    out.push_str(" (");
    out.push_str(method_family);
    out.push_str("), ");
    push_integer(out, u128::from(allocation.house_size));
    out.push_str(" seats\n");
    match rules.threshold {
        Threshold::None => out.push_str("threshold: none\n"),
        threshold => {
            out.push_str("threshold: ");
            let _ = write!(out, "{threshold}");
            out.push_str(" of ");
            out.push_str(rules.threshold_base.describe());
            out.push_str(" (");
            push_integer(out, allocation.base_votes);
            out.push_str(" votes), reached with ");
            push_integer(out, allocation.threshold_votes);
            out.push_str(" votes or more (compared exactly, at the threshold passes)\n");
        }
    }
    if allocation.against_all > 0 || allocation.invalid > 0 {
        out.push_str("not lists: against all ");
        push_integer(out, u128::from(allocation.against_all));
        out.push_str(", invalid ");
        push_integer(out, u128::from(allocation.invalid));
        out.push_str(" (they never win seats)\n");
    }
    out.push_str("tie policy: ");
    let _ = write!(out, "{}", rules.tie_policy);
    out.push('\n');
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
pub(crate) fn lists_table(allocation: &Allocation, name: &impl Fn(usize) -> String) -> String {
    let (middle, detail) = match allocation.rules.method {
        Method::LargestRemainder(_) => ("whole", "remainder (of a quota)"),
        Method::Divisor(_) => ("last quotient", "next quotient"),
    };
    let header = ["#", "list", "votes", "share", "status", middle, detail, "seats"];
    let mut cells = Cells::with_room(allocation.lists.len() * header.len(), 64 * allocation.lists.len());
    for (i, list) in allocation.lists.iter().enumerate() {
        list_row(&mut cells, i, list, name);
    }
    let mut out = String::with_capacity(cells.text.len() * 2 + 128);
    cells.lay_out(&header, &[true, false, true, true, false, true, false, true], &mut out);
    out
}

/// One row of [`lists_table`], into `cells`.
fn list_row(cells: &mut Cells, i: usize, list: &ListResult, name: &impl Fn(usize) -> String) {
    let status = match list.status {
        ListStatus::Qualified => "qualified",
        ListStatus::RunnerUp => "runner-up",
        ListStatus::BelowThreshold => "below threshold",
    };
    push_integer(&mut cells.text, i as u128 + 1);
    cells.end();
    cells.push(&name(i));
    push_integer(&mut cells.text, u128::from(list.votes));
    cells.end();
    cells.text.push_str(&list.share.percent(2));
    cells.text.push_str(" %");
    cells.end();
    cells.push(status);
    match &list.detail {
        ListDetail::None {} => {
            cells.end();
            cells.end();
        }
        ListDetail::LargestRemainder { whole_seats, remainder, remainder_seat, .. } => {
            push_integer(&mut cells.text, u128::from(*whole_seats));
            cells.end();
            cells.text.push_str(&remainder.decimal(4));
            let _ = write!(cells.text, " = {remainder}");
            if *remainder_seat {
                cells.text.push_str("  +1");
            }
            cells.end();
        }
        ListDetail::Divisor { last_quotient, next_quotient } => {
            cells.push(last_quotient.as_deref().unwrap_or("-"));
            cells.push(next_quotient);
        }
    }
    push_integer(&mut cells.text, u128::from(list.seats));
    cells.end();
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

/// The lists the threshold excluded, with their shares, written straight into `out`.
fn excluded_section(out: &mut String, allocation: &Allocation, name: &impl Fn(usize) -> String) {
    // The threshold's text, made at the first list excluded.
    let mut threshold: Option<String> = None;
    for (i, list) in allocation.lists.iter().enumerate().filter(|(_, l)| l.status == ListStatus::BelowThreshold) {
        match threshold {
            None => {
                out.push_str("excluded by the threshold: ");
                threshold = Some(allocation.rules.threshold.to_string());
            }
            Some(_) => out.push_str("; "),
        }
        out.push_str(&name(i));
        out.push_str(" (");
        out.push_str(&list.share.percent(2));
        out.push_str(" %, ");
        push_integer(out, u128::from(list.votes));
        out.push_str(" votes, below ");
        out.push_str(threshold.as_deref().unwrap_or_default());
        out.push(')');
    }
    if threshold.is_some() {
        out.push('\n');
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
pub(crate) fn table(header: &[&str], rows: &[Vec<String>], right: &[bool]) -> String {
    let mut cells = Cells::with_room(rows.len() * header.len(), rows.iter().flatten().map(String::len).sum());
    for cell in rows.iter().flatten() {
        cells.push(cell);
    }
    let mut out = String::new();
    cells.lay_out(header, right, &mut out);
    out
}

/// The cells of a table, row after row, written into one string: no string per cell.
pub(crate) struct Cells {
    text: String,
    /// Per cell: where it ends in `text` (it starts where the previous one ends) and its width
    /// in characters.
    ends: Vec<(usize, usize)>,
}

impl Cells {
    fn with_room(cells: usize, bytes: usize) -> Cells {
        Cells { text: String::with_capacity(bytes), ends: Vec::with_capacity(cells) }
    }

    /// Ends the cell written since the last one ended (into `text`).
    fn end(&mut self) {
        let start = self.ends.last().map_or(0, |(end, _)| *end);
        let width = self.text[start..].chars().count();
        self.ends.push((self.text.len(), width));
    }

    fn push(&mut self, cell: &str) {
        self.text.push_str(cell);
        self.end();
    }

    /// Appends the table to `out`: each line two spaces in, the cells padded to their column's
    /// width (numeric columns, `right`, aligned right) and joined by two spaces, the line's
    /// trailing blanks trimmed.
    fn lay_out(&self, header: &[&str], right: &[bool], out: &mut String) {
        let columns = header.len();
        let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
        for (at, &(_, width)) in self.ends.iter().enumerate() {
            if let Some(column) = widths.get_mut(at % columns.max(1)) {
                *column = (*column).max(width);
            }
        }
        let line = |cells: &mut dyn Iterator<Item = (&str, usize)>, out: &mut String| {
            out.push_str("  ");
            let start = out.len();
            for (c, (cell, width)) in cells.enumerate() {
                if c > 0 {
                    out.push_str("  ");
                }
                let pad = widths.get(c).map_or(0, |column| column.saturating_sub(width));
                let right = right.get(c).copied().unwrap_or(false);
                if !right {
                    out.push_str(cell);
                }
                push_spaces(out, pad);
                if right {
                    out.push_str(cell);
                }
            }
            let kept = out[start..].trim_end().len();
            out.truncate(start + kept);
            out.push('\n');
        };
        line(&mut header.iter().map(|h| (*h, h.chars().count())), out);
        let mut start = 0;
        for row in self.ends.chunks(columns.max(1)) {
            let mut cells = row.iter().map(|&(end, width)| {
                let cell = &self.text[start..end];
                start = end;
                (cell, width)
            });
            line(&mut cells, out);
        }
    }
}

/// Appends `count` spaces.
fn push_spaces(out: &mut String, mut count: usize) {
    const SPACES: &str = "                                ";
    while count > 0 {
        let now = count.min(SPACES.len());
        out.push_str(&SPACES[..now]);
        count -= now;
    }
}
