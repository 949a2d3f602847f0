//! `maslihat allocate` when the votes are not all counts: printed shares, ranges and `?` turned
//! into the exact set of outcomes they allow, as a table, JSON (`maslihat.outcomes/1`) or CSV.

use anyhow::Context;
use maslihat_analysis::{Figure, Figures, Limits, ListFigures, MAX_SHARE_DECIMALS, OutcomeSet, outcome_set};
use maslihat_apportion::{Rules, Threshold, ThresholdBase};
use maslihat_render::text::{Align, align_columns, csv_text};
use serde::Serialize;

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
    let mut figures = figures_of(votes, ballots, shares_base);
    let mut votes = votes.clone();
    if shares_leave_room(&votes.figures).is_some() {
        add_other_lists(&mut votes, &mut figures, rules)?;
    }
    let set = outcome_set(&figures, house, rules, &Limits::default())
        .map_err(|err| Failure::Input(anyhow::anyhow!("{}: {err}", votes.origin)))?;
    Ok(match format {
        Format::Table => table(&votes, &set, house),
        Format::Json => json(&votes, &set, house, rules)?,
        Format::Csv => csv(&votes, &set),
    })
}

/// The name of the row standing for the lists a table of printed shares leaves out.
pub const OTHER_LISTS: &str = "(other lists)";

/// The common denominator of printed-share bounds: halves of the sixth decimal of a per cent.
const SHARE_UNIT: i128 = 2 * 10i128.pow(MAX_SHARE_DECIMALS + 2);

/// When every list's votes are printed shares that cannot add up to the whole base even at
/// their highest: the most the lists not in the table can have together, as a fraction of
/// [`SHARE_UNIT`]. `None` when some figure is not a share, or the shares can make the whole.
fn shares_leave_room(figures: &[Figure]) -> Option<i128> {
    let mut low = 0i128;
    let mut high = 0i128;
    for figure in figures {
        let Figure::Share(share) = figure else { return None };
        let (lo, hi, den) = share.bounds();
        low += lo * (SHARE_UNIT / den);
        high += hi * (SHARE_UNIT / den);
    }
    (high <= SHARE_UNIT).then_some(SHARE_UNIT - low)
}

/// Adds one row for the lists a table of printed shares leaves out, when together they cannot
/// reach the threshold (so how they split does not matter); otherwise asks for them.
fn add_other_lists(votes: &mut UncertainVotes, figures: &mut Figures, rules: &Rules) -> Result<(), Failure> {
    let room = shares_leave_room(&votes.figures).unwrap_or(0);
    let below = match rules.threshold {
        Threshold::Percent(p) => room * i128::from(p.denominator()) < i128::from(p.numerator()) * SHARE_UNIT,
        Threshold::None | Threshold::Votes { .. } => false,
    };
    if !below {
        return Err(Failure::Input(anyhow::anyhow!(
            "{}: the printed shares add up to less than 100 %, and the lists not in the table could together have \
             enough votes to win seats: add them as rows (with votes ? when nothing is known of them)",
            votes.origin
        )));
    }
    let other = figures.lists.len();
    figures.lists.push(ListFigures { figures: vec![Figure::Unknown], below_threshold: false });
    *figures = std::mem::replace(figures, Figures::new(Vec::new())).below_threshold(other);
    votes.names.push(OTHER_LISTS.to_owned());
    votes.figures.push(Figure::Unknown);
    Ok(())
}

/// The figures: each list's as read (a printed share taken of `shares_base`), "against all" and
/// invalid ballots as given on the command line.
fn figures_of(votes: &UncertainVotes, ballots: BallotArgs, shares_base: ThresholdBase) -> Figures {
    let lists = votes.figures.iter().map(|f| f.with_base(shares_base)).collect();
    Figures::new(lists)
        .with_against_all(Figure::Exact { count: ballots.against_all })
        .with_invalid(Figure::Exact { count: ballots.invalid })
}

fn seats_cell(range: Option<(u32, u32)>) -> String {
    match range {
        Some((low, high)) if low == high => low.to_string(),
        Some((low, high)) => format!("{low}–{high}"),
        None => "-".to_owned(),
    }
}

fn table(votes: &UncertainVotes, set: &OutcomeSet, house: u32) -> String {
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
#[derive(Debug, Serialize)]
struct OutcomesDoc<'a> {
    schema: &'static str,
    seats: u32,
    method: String,
    threshold: String,
    tie_break: String,
    parties: Vec<PartyDoc<'a>>,
    determined: bool,
    outcomes: Vec<OutcomeDoc<'a>>,
}

#[derive(Debug, Serialize)]
struct PartyDoc<'a> {
    party: &'a str,
    votes: String,
    seats_min: Option<u32>,
    seats_max: Option<u32>,
}

#[derive(Debug, Serialize)]
struct OutcomeDoc<'a> {
    seats: &'a [u32],
    example_votes: &'a [u64],
    through_tie: bool,
}

fn json(votes: &UncertainVotes, set: &OutcomeSet, house: u32, rules: &Rules) -> Result<String, Failure> {
    let ranges = set.seat_ranges();
    let doc = OutcomesDoc {
        schema: "maslihat.outcomes/1",
        seats: house,
        method: rules.method.to_string(),
        threshold: rules.threshold.to_string(),
        tie_break: rules.tie_policy.to_string(),
        parties: votes
            .names
            .iter()
            .zip(&votes.figures)
            .enumerate()
            .map(|(i, (name, figure))| PartyDoc {
                party: name,
                votes: figure.to_string(),
                seats_min: ranges.as_ref().map(|r| r[i].0),
                seats_max: ranges.as_ref().map(|r| r[i].1),
            })
            .collect(),
        determined: set.determined(),
        outcomes: set
            .outcomes
            .iter()
            .map(|o| OutcomeDoc { seats: &o.seats, example_votes: &o.example_votes, through_tie: o.through_tie })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&doc).context("cannot write JSON")?;
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
