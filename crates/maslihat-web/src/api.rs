//! The JSON API: `POST /api/allocate`, `/api/margins`, `/api/sweep`, `/api/simulate` answer the
//! JSON of the CLI's `--format json`; `GET /api/maslihats`, `/api/maslihats/{id}`,
//! `/api/elections/{id}` the dataset. Documented in docs/web.md.

use maslihat_analysis::{Model, Shares, margins, simulate, sweep};
use maslihat_apportion::{DivisorStart, Method, Threshold, allocate_with_start, explain};
use maslihat_model::{Dataset, Maslihat};
use maslihat_render::allocation::{MarginsDoc, ProjectionDoc, SweepDoc, allocation_doc};
use maslihat_render::infobox;
use serde::Serialize;
use serde_json::Value;

use crate::error::ApiError;
use crate::request::{Endpoint, Limits, Request, check_list_count, election_votes, parse, seat_count};

/// JSON text of `value` (our documents always serialise).
fn json(value: &impl Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

/// `POST /api/allocate`: `maslihat allocate --format json` (with `--explain` when `explain`).
pub fn allocate(request: &Request, dataset: &Dataset, limits: &Limits) -> Result<String, ApiError> {
    request.check_fields(Endpoint::Allocate)?;
    let problem = request.problem(dataset, limits)?;
    let explain_it = request.explain == Some(true);
    let start = if explain_it { DivisorStart::Empty } else { DivisorStart::Estimate };
    let allocation = allocate_with_start(&problem.tally, problem.house, &problem.rules, start)
        .map_err(|err| ApiError::allocation(err, &problem.names))?;
    let explanation = explain_it.then(|| explain(&allocation, &problem.names));
    let preset = problem.preset.map(|p| p.name().to_owned());
    Ok(json(&allocation_doc(&allocation, &problem.names, preset, explanation)))
}

/// `POST /api/margins`: `maslihat margins --format json`.
pub fn margins_of(request: &Request, dataset: &Dataset, limits: &Limits) -> Result<String, ApiError> {
    request.check_fields(Endpoint::Margins)?;
    let problem = request.problem(dataset, limits)?;
    let found = margins(&problem.tally, problem.house, &problem.rules).map_err(|err| match err {
        maslihat_analysis::AnalysisError::Allocation(err) => ApiError::allocation(err, &problem.names),
        other => ApiError::bad(None, other.to_string()),
    })?;
    Ok(json(&MarginsDoc::new(&problem.names, &found)))
}

/// `POST /api/sweep`: `maslihat sweep --format json`; `seats` may be a list of sizes and
/// ranges (`"20-50"`, `"17,18,30-32"`).
pub fn sweep_of(request: &Request, dataset: &Dataset, limits: &Limits) -> Result<String, ApiError> {
    request.check_fields(Endpoint::Sweep)?;
    let votes = request.votes(dataset, limits)?;
    let sizes = match &request.seats {
        Some(Value::String(text)) if text.contains(['-', ',']) => house_sizes(text, limits)?,
        Some(value) => vec![seat_count(value, limits)?],
        None => vec![votes.seats.ok_or_else(|| ApiError::bad("seats".to_owned(), "give the house sizes as seats"))?],
    };
    let rules = request.rules(votes.rules.clone())?;
    let methods: Vec<Method> = match &request.methods {
        None => Method::all_standard(),
        Some(names) => names.iter().map(|m| parse::<Method>(m, "methods")).collect::<Result<_, _>>()?,
    };
    let thresholds: Vec<Threshold> = match &request.thresholds {
        None => [0, 3, 5, 7, 10].iter().filter_map(|t| Threshold::percent(*t).ok()).collect(),
        Some(list) => list.iter().map(|t| parse::<Threshold>(t, "thresholds")).collect::<Result<_, _>>()?,
    };
    let scenarios = methods.len().saturating_mul(thresholds.len()).saturating_mul(sizes.len());
    if scenarios > limits.scenarios {
        return Err(ApiError::too_large(
            "seats".to_owned(),
            format!("a sweep of {scenarios} scenarios: this server runs at most {} in one request", limits.scenarios),
        ));
    }
    let rows = sweep(&votes.tally, &methods, &thresholds, &sizes, &rules);
    Ok(json(&SweepDoc::new(&votes.names, &rows)))
}

/// `30`, `20-50`, `17,18,30-32`, each size within the seat limit.
fn house_sizes(text: &str, limits: &Limits) -> Result<Vec<u32>, ApiError> {
    let bad = || {
        ApiError::bad(
            "seats".to_owned(),
            format!("seats: expected sizes such as 30, 20-50 or 17,18,30-32, found {text:?}"),
        )
    };
    let mut sizes = Vec::new();
    for part in text.split(',') {
        let (from, to) = part.split_once('-').unwrap_or((part, part));
        let from: u32 = from.trim().parse().map_err(|_| bad())?;
        let to: u32 = to.trim().parse().map_err(|_| bad())?;
        if from == 0 || to < from {
            return Err(bad());
        }
        if to > limits.seats || sizes.len() + (to - from) as usize >= limits.scenarios {
            return Err(ApiError::too_large(
                "seats".to_owned(),
                format!(
                    "seats: this server sweeps houses of at most {} seats, {} sizes",
                    limits.seats, limits.scenarios
                ),
            ));
        }
        sizes.extend(from..=to);
    }
    Ok(sizes)
}

/// `POST /api/simulate`: `maslihat simulate --format json`; lists as `{"party", "share"}`, or
/// an election of the dataset.
pub fn simulate_of(request: &Request, dataset: &Dataset, limits: &Limits) -> Result<String, ApiError> {
    request.check_fields(Endpoint::Simulate)?;
    let (names, shares, seats, base) = match (&request.parties, &request.election) {
        (Some(parties), None) => {
            check_list_count(parties.len(), limits)?;
            let mut shares = Vec::with_capacity(parties.len());
            for (i, p) in parties.iter().enumerate() {
                let field = format!("parties[{i}].share");
                let share = p.share.or_else(|| p.votes.as_ref().and_then(Value::as_f64)).ok_or_else(|| {
                    ApiError::bad(field.clone(), format!("{field}: give each list's poll share (any scale)"))
                })?;
                if !share.is_finite() || share < 0.0 {
                    return Err(ApiError::bad(field.clone(), format!("{field}: a share is a number of 0 or more")));
                }
                shares.push(share);
            }
            let names: Vec<String> = parties.iter().map(|p| p.party.clone()).collect();
            let shares = Shares::new(shares).with_against_all(request.against_all_share.unwrap_or(0.0));
            (names, shares, None, None)
        }
        (None, Some(name)) => {
            let votes = election_votes(dataset, name)?;
            let lists = votes.tally.votes().iter().map(|v| *v as f64).collect();
            let shares = Shares::new(lists).with_against_all(votes.tally.against_all() as f64);
            (votes.names, shares, votes.seats, votes.rules)
        }
        _ => return Err(ApiError::bad("parties".to_owned(), "give either parties (with shares) or election")),
    };
    let house = match &request.seats {
        Some(value) => seat_count(value, limits)?,
        None => seats.ok_or_else(|| ApiError::bad("seats".to_owned(), "give the number of seats"))?,
    };
    let runs = request.runs.unwrap_or(limits.runs.min(10_000));
    if runs == 0 || runs > limits.runs {
        return Err(ApiError::too_large(
            "runs".to_owned(),
            format!("runs: from 1 to {} runs on this server, found {runs}", limits.runs),
        ));
    }
    let model = match (request.sample_size, request.voters, request.error) {
        (_, Some(voters), _) => Model::Multinomial { sample_size: voters },
        (_, _, Some(points)) => Model::Normal { sd_points: points },
        (sample, _, _) => Model::Dirichlet { sample_size: f64::from(sample.unwrap_or(1000)) },
    };
    let rules = request.rules(base)?;
    let projection =
        simulate(&shares, house, &rules, &model, runs, request.seed.unwrap_or(1)).map_err(|err| match err {
            maslihat_analysis::AnalysisError::Allocation(err) => ApiError::allocation(err, &names),
            other => ApiError::bad(None, other.to_string()),
        })?;
    Ok(json(&ProjectionDoc::new(&names, &projection)))
}

#[derive(Serialize)]
struct BodySummary<'a> {
    id: &'a str,
    name: &'a str,
    native_name: Option<&'a str>,
    elections: Vec<&'a str>,
}

fn summary<'a>(dataset: &'a Dataset, body: &'a Maslihat) -> BodySummary<'a> {
    BodySummary {
        id: &body.id.0,
        name: &body.name,
        native_name: body.native_name.as_deref(),
        elections: dataset.elections_of(&body.id).iter().map(|e| e.id.0.as_str()).collect(),
    }
}

/// `GET /api/maslihats`: every body, with its elections' ids.
pub fn maslihats(dataset: &Dataset) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        schema: &'static str,
        maslihats: Vec<BodySummary<'a>>,
    }
    json(&Doc {
        schema: "maslihat.maslihats/1",
        maslihats: dataset.bodies.iter().map(|b| summary(dataset, b)).collect(),
    })
}

/// `GET /api/maslihats/{id}`: one body as the dataset has it, and its infobox.
pub fn maslihat(dataset: &Dataset, id: &str) -> Result<String, ApiError> {
    let body = dataset.bodies.iter().find(|b| b.id.0 == id).ok_or_else(|| {
        ApiError::not_found(format!("no mäslihat with the id {id:?} (GET /api/maslihats lists them)"))
    })?;
    #[derive(Serialize)]
    struct Doc<'a> {
        schema: &'static str,
        maslihat: &'a Maslihat,
        elections: Vec<&'a str>,
        infobox: maslihat_model::infobox::Infobox,
        wikitext: String,
    }
    let infobox = infobox::of(dataset, body, None);
    let wikitext = infobox::write(&infobox);
    let elections = summary(dataset, body).elections;
    Ok(json(&Doc { schema: "maslihat.maslihat/1", maslihat: body, elections, infobox, wikitext }))
}

/// `GET /api/elections/{id}`: the election as the dataset has it, and its recomputation as
/// `maslihat allocate --election ID --format json --explain` gives it.
pub fn election(dataset: &Dataset, id: &str) -> Result<String, ApiError> {
    let election = dataset.elections.iter().find(|e| e.id.0 == id).ok_or_else(|| {
        ApiError::not_found(format!("no election with the id {id:?} (GET /api/maslihats lists them)"))
    })?;
    let request = Request { election: Some(id.to_owned()), explain: Some(true), ..Request::default() };
    let recomputed: Value = match allocate(&request, dataset, &Limits { seats: u32::MAX, ..Limits::default() }) {
        Ok(text) => serde_json::from_str(&text).unwrap_or(Value::Null),
        Err(err) => serde_json::json!({ "error": err.message }),
    };
    #[derive(Serialize)]
    struct Doc<'a> {
        schema: &'static str,
        election: &'a maslihat_model::Election,
        allocation: Value,
    }
    Ok(json(&Doc { schema: "maslihat.election/1", election, allocation: recomputed }))
}
