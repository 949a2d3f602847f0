//! Rendering an allocation for people (table), programs (JSON) and spreadsheets (CSV).

use std::fmt::Write;

use clap::ValueEnum;
use maslihat_apportion::{Allocation, ListStatus};
pub use maslihat_render::allocation::{
    AllocationDoc, PartyDoc, RulesDoc, RunnerUpDoc, TieDoc, allocation_csv as csv, allocation_doc, tie_doc,
};
use maslihat_render::text::{Align, align_columns};

/// The output format of a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    /// Aligned columns for reading.
    #[default]
    Table,
    /// JSON for programs, in the command's stable schema (all documented in docs/json.md).
    Json,
    /// One row per list.
    Csv,
}

/// The result as aligned columns, with a total row and a line per tie.
pub fn table(allocation: &Allocation, names: &[String]) -> String {
    let mut rows: Vec<[String; 5]> =
        vec![["party".into(), "votes".into(), "share".into(), "status".into(), "seats".into()]];
    for (list, name) in allocation.lists.iter().zip(names) {
        let status = match list.status {
            ListStatus::Qualified => "qualified",
            ListStatus::RunnerUp => "runner-up",
            ListStatus::BelowThreshold => "below threshold",
        };
        rows.push([
            name.clone(),
            list.votes.to_string(),
            format!("{} %", list.share.percent(2)),
            status.to_owned(),
            list.seats.to_string(),
        ]);
    }
    let total_votes: u128 = allocation.lists.iter().map(|l| u128::from(l.votes)).sum();
    rows.push([
        "total".into(),
        total_votes.to_string(),
        String::new(),
        String::new(),
        allocation.house_size.to_string(),
    ]);
    let mut out = align_columns(&rows, &[Align::Left, Align::Right, Align::Right, Align::Left, Align::Right]);
    for tie in &allocation.ties {
        let _ = writeln!(out, "tie: {}", tie.describe(|i| names[i].clone()));
    }
    out
}

/// Pads `rows` under `header` into aligned columns (numbers are not right-aligned: the
/// columns hold text as often as numbers).
pub fn columns(header: &[&str], rows: &[Vec<String>]) -> String {
    let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    let all: Vec<&[String]> = std::iter::once(header.as_slice()).chain(rows.iter().map(Vec::as_slice)).collect();
    align_columns(&all, &[])
}

/// Writes `text` to stdout (the data channel) and flushes it.
pub fn print(text: &str) -> crate::CmdResult {
    let mut stdout = std::io::stdout().lock();
    std::io::Write::write_all(&mut stdout, text.as_bytes())?;
    std::io::Write::flush(&mut stdout)?;
    Ok(())
}
