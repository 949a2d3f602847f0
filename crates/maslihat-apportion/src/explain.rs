//! A plain-text explanation of an allocation: what was applied, who was excluded and why, and
//! how every seat was given.

use std::fmt::Write;

use crate::allocate::{Allocation, ListDetail, ListStatus, Procedure};
use crate::method::Method;
use crate::threshold::Threshold;

/// Explains `allocation`; `names[i]` names list `i` (registration order).
pub fn explain(allocation: &Allocation, names: &[String]) -> String {
    let name = |i: usize| names.get(i).cloned().unwrap_or_else(|| format!("list {}", i + 1));
    let rules = &allocation.rules;
    let mut out = String::new();
    let method_family = match rules.method {
        Method::LargestRemainder(_) => "largest remainder",
        Method::Divisor(_) => "highest averages (divisor)",
    };
    let _ = writeln!(out, "method: {} ({method_family}), {} seats", rules.method, allocation.house_size);
    let base = rules.threshold_base.describe();
    match rules.threshold {
        Threshold::None => {
            let _ = writeln!(out, "threshold: none");
        }
        threshold => {
            let _ = writeln!(
                out,
                "threshold: {threshold} of {base} ({} votes), reached with {} votes or more (compared exactly, at the threshold passes)",
                allocation.base_votes, allocation.threshold_votes
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
    match (&rules.runner_up, &allocation.runner_up) {
        (None, _) => {}
        (Some(reading), None) => {
            let _ = writeln!(out, "runner-up rule: {} (not needed: more than one list passed)", reading.name());
        }
        (Some(_), Some(applied)) => {
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
                None => writeln!(
                    out,
                    "  only {} passed and no other list has votes: it takes every seat",
                    name(applied.leader)
                ),
            };
        }
    }
    if let Procedure::LargestRemainder { quota, .. } = &allocation.procedure {
        let _ = writeln!(out, "quota: {} = {} votes per seat", quota, quota.decimal(4));
    }
    let _ = writeln!(out);
    let (middle, detail) = match rules.method {
        Method::LargestRemainder(_) => ("whole", "remainder (of a quota)"),
        Method::Divisor(_) => ("last quotient", "next quotient"),
    };
    let header = ["#", "list", "votes", "share", "status", middle, detail, "seats"];
    let rows: Vec<Vec<String>> = allocation
        .lists
        .iter()
        .enumerate()
        .map(|(i, list)| {
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
        })
        .collect();
    out.push_str(&table(&header, &rows, &[true, false, true, true, false, true, false, true]));
    let _ = writeln!(out);
    match &allocation.procedure {
        Procedure::LargestRemainder { remainder_order, withdrawn, .. } => {
            let order: Vec<String> = remainder_order.iter().map(|i| name(*i)).collect();
            let _ = writeln!(
                out,
                "remainder seats, largest remainder first: {}",
                if order.is_empty() { "none".to_owned() } else { order.join(", ") }
            );
            if !withdrawn.is_empty() {
                let order: Vec<String> = withdrawn.iter().map(|i| name(*i)).collect();
                let _ = writeln!(out, "seats taken back, smallest remainder first: {}", order.join(", "));
            }
        }
        Procedure::Divisor { start_seats, awards, withdrawals } => {
            if *start_seats > 0 {
                let _ = writeln!(
                    out,
                    "{start_seats} seats were given at once at the common divisor votes ÷ seats; the rest one by one:"
                );
            } else {
                let _ = writeln!(out, "seats in the order they were given:");
            }
            for (n, award) in awards.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "  {:>4}. {} (seat {} of the list): {} ÷ {} = {}",
                    n as u64 + start_seats + 1,
                    name(award.list),
                    award.list_seat,
                    allocation.lists[award.list].votes,
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
    let excluded: Vec<String> = allocation
        .lists
        .iter()
        .enumerate()
        .filter(|(_, l)| l.status == ListStatus::BelowThreshold)
        .map(|(i, l)| format!("{} ({} %, {} votes, below {})", name(i), l.share.percent(2), l.votes, rules.threshold))
        .collect();
    if !excluded.is_empty() {
        let _ = writeln!(out, "excluded by the threshold: {}", excluded.join("; "));
    }
    if allocation.ties.is_empty() {
        let _ = writeln!(out, "ties: none");
    }
    for tie in &allocation.ties {
        let lists: Vec<String> = tie.lists.iter().map(|i| name(*i)).collect();
        let winners: Vec<String> = tie.winners.iter().map(|i| name(*i)).collect();
        let _ = writeln!(
            out,
            "tie on {}: {} contended for {}; won by {} under tie policy {}{}",
            match tie.stage {
                crate::tie::TieStage::Remainder => "equal remainders",
                crate::tie::TieStage::Withdrawal => "equal remainders when taking back seats",
                crate::tie::TieStage::Quotient => "equal quotients",
                crate::tie::TieStage::RunnerUp => "equal votes for admission as runner-up",
            },
            lists.join(", "),
            match (tie.stage, tie.seats_in_contention) {
                (crate::tie::TieStage::RunnerUp, _) => "admission".to_owned(),
                (_, 1) => "1 seat".to_owned(),
                (_, n) => format!("{n} seats"),
            },
            winners.join(", "),
            tie.policy,
            tie.draw.as_ref().map_or(String::new(), |draw| {
                let order: Vec<String> = draw.iter().map(|i| name(*i)).collect();
                format!(" (lot drawn in the order {})", order.join(", "))
            })
        );
    }
    for note in &allocation.notes {
        let _ = writeln!(out, "note: {note}");
    }
    out
}

/// Pads `cells` into aligned columns; numeric columns (`right`) align right.
fn table(header: &[&str], rows: &[Vec<String>], right: &[bool]) -> String {
    let widths: Vec<usize> = (0..header.len())
        .map(|c| rows.iter().map(|r| r[c].chars().count()).chain([header[c].chars().count()]).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    let line = |cells: Vec<&str>, out: &mut String| {
        let padded: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                let pad = widths[c] - cell.chars().count();
                if right[c] { format!("{}{cell}", " ".repeat(pad)) } else { format!("{cell}{}", " ".repeat(pad)) }
            })
            .collect();
        let _ = writeln!(out, "  {}", padded.join("  ").trim_end());
    };
    line(header.to_vec(), &mut out);
    for row in rows {
        line(row.iter().map(String::as_str).collect(), &mut out);
    }
    out
}
