//! `maslihat allocate` when the votes are not all counts: printed shares, ranges and `?` turned
//! into the exact set of outcomes they allow, as a table, JSON (`maslihat.outcomes/1`) or CSV.

use maslihat_analysis::{Limits, OTHER_LISTS, OutcomeSet, TableFigures, outcome_set, table_figures};
use maslihat_apportion::{Rules, ThresholdBase};
use maslihat_render::allocation::outcomes_doc;
use maslihat_render::text::{Align, align_columns, csv_text};

use crate::exit::Failure;
use crate::options::BallotArgs;
use crate::output::Format;
use crate::votes::UncertainVotes;

/// The outcome set of `votes` for `house` seats under `rules`, written in `format`.
pub fn allocate_uncertain(
    votes: &UncertainVotes,
    ballots: BallotArgs,
    shares_base: ThresholdBase,
    house: u32,
    rules: &Rules,
    format: Format,
) -> Result<String, Failure> {
    let TableFigures { names, figures, set: table } = table_figures(
        votes.names.clone(),
        votes.figures.clone(),
        ballots.against_all,
        ballots.invalid,
        shares_base,
        rules,
    )
    .map_err(|err| Failure::Input(anyhow::anyhow!("{}: {err}", votes.origin)))?;
    let votes = UncertainVotes { names, figures, origin: votes.origin.clone() };
    let set = outcome_set(&table, house, rules, &Limits::default())
        .map_err(|err| Failure::Input(anyhow::anyhow!("{}: {err}", votes.origin)))?;
    Ok(match format {
        Format::Table => table_text(&votes, &set, house),
        Format::Json => json(&votes, &set, house, rules)?,
        Format::Csv => csv(&votes, &set),
    })
}

fn seats_cell(range: Option<(u32, u32)>) -> String {
    match range {
        Some((low, high)) if low == high => low.to_string(),
        Some((low, high)) => format!("{low}–{high}"),
        None => "-".to_owned(),
    }
}

fn table_text(votes: &UncertainVotes, set: &OutcomeSet, house: u32) -> String {
    let ranges = set.seat_ranges();
    let mut rows: Vec<Vec<String>> = vec![vec!["party".into(), "votes".into(), "seats".into()]];
    for (i, (name, figure)) in votes.names.iter().zip(&votes.figures).enumerate() {
        rows.push(vec![name.clone(), figure.to_string(), seats_cell(ranges.as_ref().map(|r| r[i]))]);
    }
    rows.push(vec!["total".into(), String::new(), house.to_string()]);
    let mut text = align_columns(&rows, &[Align::Left, Align::Right, Align::Right]);
    text.push_str(&verdict(votes, set));
    text
}

/// What the set says, in words, with every outcome and its example counts when there are
/// several.
fn verdict(votes: &UncertainVotes, set: &OutcomeSet) -> String {
    let counts =
        |o: &maslihat_analysis::SeatOutcome| o.example_votes.iter().map(u64::to_string).collect::<Vec<_>>().join(", ");
    let others = if votes.names.last().is_some_and(|n| n == OTHER_LISTS) {
        format!(
            "{OTHER_LISTS} stands for the lists not in the table: the printed shares leave them too little to reach \
             the threshold\n"
        )
    } else {
        String::new()
    };
    let outcomes = match set.outcomes.as_slice() {
        [] => "no outcome: no vote counts fit every figure (the figures contradict each other)\n".to_owned(),
        [only] => format!(
            "determined: every vote count consistent with the figures gives these seats (checked exactly)\nexample \
             counts: {}{}\n",
            counts(only),
            tie_note(only)
        ),
        many => {
            let mut text = format!("not determined: the figures allow {} outcomes:\n", many.len());
            for outcome in many {
                let seats: Vec<String> =
                    votes.names.iter().zip(&outcome.seats).map(|(n, s)| format!("{n} {s}")).collect();
                text.push_str(&format!(
                    "  {}  (e.g. votes {}{})\n",
                    seats.join(", "),
                    counts(outcome),
                    tie_note(outcome)
                ));
            }
            text
        }
    };
    outcomes + &others
}

fn tie_note(outcome: &maslihat_analysis::SeatOutcome) -> &'static str {
    if outcome.through_tie { "; only through a tie" } else { "" }
}

/// The JSON document of an outcome set (`maslihat.outcomes/1`).
fn json(votes: &UncertainVotes, set: &OutcomeSet, house: u32, rules: &Rules) -> Result<String, Failure> {
    let doc = outcomes_doc(&votes.names, &votes.figures, set, house, rules);
    let mut text = serde_json::to_string_pretty(&doc).map_err(|err| Failure::Failed(err.into()))?;
    text.push('\n');
    Ok(text)
}

fn csv(votes: &UncertainVotes, set: &OutcomeSet) -> String {
    let ranges = set.seat_ranges();
    let header = ["party", "votes", "seats_min", "seats_max"].map(str::to_owned);
    let rows = votes.names.iter().zip(&votes.figures).enumerate().map(|(i, (name, figure))| {
        let (low, high) =
            ranges.as_ref().map_or((String::new(), String::new()), |r| (r[i].0.to_string(), r[i].1.to_string()));
        [name.clone(), figure.to_string(), low, high]
    });
    csv_text(std::iter::once(header).chain(rows))
}
