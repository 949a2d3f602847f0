//! Rendering an allocation for people (table), programs (JSON) and spreadsheets (CSV).

use std::fmt::Write;

use clap::ValueEnum;
use maslihat_apportion::{Allocation, ListDetail, ListStatus, Procedure, Ratio, Tie};
use maslihat_render::text::{Align, align_columns, csv_text};
use serde::Serialize;

/// The output format of a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    /// Aligned columns for reading.
    #[default]
    Table,
    /// The stable JSON schema `maslihat.allocation/1` (documented in docs/json.md).
    Json,
    /// One row per list.
    Csv,
}

/// The stable JSON document of one allocation (`maslihat.allocation/1`).
#[derive(Debug, Serialize)]
pub struct AllocationDoc<'a> {
    pub schema: &'static str,
    pub seats: u32,
    pub method: String,
    pub rules: RulesDoc,
    /// The threshold base in votes (a string: it may exceed 2^53).
    pub base_votes: String,
    pub threshold_votes: String,
    pub against_all: u64,
    pub invalid: u64,
    pub parties: Vec<PartyDoc<'a>>,
    pub ties: Vec<TieDoc<'a>>,
    pub runner_up: Option<RunnerUpDoc<'a>>,
    pub procedure: &'a Procedure,
    pub notes: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
    /// The paradox and quota checks, with `--check-paradoxes`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paradoxes: Option<&'a maslihat_analysis::ParadoxReport>,
}

#[derive(Debug, Serialize)]
pub struct RulesDoc {
    pub preset: Option<String>,
    pub method: String,
    pub threshold: String,
    pub threshold_base: &'static str,
    pub tie_break: String,
    pub runner_up: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct PartyDoc<'a> {
    pub party: &'a str,
    pub votes: u64,
    pub share: Ratio,
    pub qualified: bool,
    pub status: ListStatus,
    pub seats: u32,
    #[serde(flatten)]
    pub detail: &'a ListDetail,
}

#[derive(Debug, Serialize)]
pub struct TieDoc<'a> {
    pub stage: maslihat_apportion::TieStage,
    pub parties: Vec<&'a str>,
    pub seats_in_contention: u32,
    pub winners: Vec<&'a str>,
    pub policy: String,
    pub draw: Option<Vec<&'a str>>,
}

#[derive(Debug, Serialize)]
pub struct RunnerUpDoc<'a> {
    pub reading: &'static str,
    pub leader: &'a str,
    pub runner_up: Option<&'a str>,
    pub seats_moved: u32,
}

/// Names the lists of a tie.
pub fn tie_doc<'a>(tie: &Tie, names: &'a [String]) -> TieDoc<'a> {
    let name = |i: &usize| names[*i].as_str();
    TieDoc {
        stage: tie.stage,
        parties: tie.lists.iter().map(name).collect(),
        seats_in_contention: tie.seats_in_contention,
        winners: tie.winners.iter().map(name).collect(),
        policy: tie.policy.name(),
        draw: tie.draw.as_ref().map(|draw| draw.iter().map(name).collect()),
    }
}

/// The JSON document of `allocation` with `names` for the lists.
pub fn allocation_doc<'a>(
    allocation: &'a Allocation,
    names: &'a [String],
    preset: Option<String>,
    explanation: Option<String>,
) -> AllocationDoc<'a> {
    let rules = &allocation.rules;
    AllocationDoc {
        schema: "maslihat.allocation/1",
        seats: allocation.house_size,
        method: rules.method.name(),
        rules: RulesDoc {
            preset,
            method: rules.method.name(),
            threshold: rules.threshold.to_string(),
            threshold_base: rules.threshold_base.name(),
            tie_break: rules.tie_policy.name(),
            runner_up: rules.runner_up.map(|r| r.name()),
        },
        base_votes: allocation.base_votes.to_string(),
        threshold_votes: allocation.threshold_votes.to_string(),
        against_all: allocation.against_all,
        invalid: allocation.invalid,
        parties: allocation
            .lists
            .iter()
            .zip(names)
            .map(|(list, name)| PartyDoc {
                party: name,
                votes: list.votes,
                share: list.share,
                qualified: list.status != ListStatus::BelowThreshold,
                status: list.status,
                seats: list.seats,
                detail: &list.detail,
            })
            .collect(),
        ties: allocation.ties.iter().map(|tie| tie_doc(tie, names)).collect(),
        runner_up: allocation.runner_up.as_ref().map(|applied| RunnerUpDoc {
            reading: applied.reading.name(),
            leader: &names[applied.leader],
            runner_up: applied.runner_up.map(|i| names[i].as_str()),
            seats_moved: applied.seats_moved,
        }),
        procedure: &allocation.procedure,
        notes: &allocation.notes,
        explanation,
        paradoxes: None,
    }
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

/// The result as CSV: `party,votes,share_percent,qualified,seats`.
pub fn csv(allocation: &Allocation, names: &[String]) -> String {
    let header = ["party", "votes", "share_percent", "qualified", "seats"].map(str::to_owned);
    let lines = allocation.lists.iter().zip(names).map(|(list, name)| {
        [
            name.clone(),
            list.votes.to_string(),
            list.share.percent(4),
            if list.status == ListStatus::BelowThreshold { "false" } else { "true" }.to_owned(),
            list.seats.to_string(),
        ]
    });
    csv_text(std::iter::once(header).chain(lines))
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
