//! A request's options, named as the CLI names them, read into what the libraries take: list
//! names, a tally, a house size and rules. Every problem is an [`ApiError`] naming its field.

use std::str::FromStr;
use std::time::Duration;

use maslihat_apportion::{Method, Preset, Rules, RunnerUp, Tally, Threshold, ThresholdBase, TiePolicy};
use maslihat_ingest::vote_table::{Reading, read_count};
use maslihat_model::election::rules_for_order;
use maslihat_model::{Affiliation, Dataset};
use serde::Deserialize;
use serde_json::Value;

use crate::error::ApiError;

/// What one request may ask for at most.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The size of a request body, in bytes.
    pub body_bytes: usize,
    /// The lists of one election.
    pub lists: usize,
    /// The seats of one house.
    pub seats: u32,
    /// The scenarios of a sweep (methods × thresholds × house sizes).
    pub scenarios: usize,
    /// The runs of a simulation.
    pub runs: u64,
    /// How long one request may take.
    pub time: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            body_bytes: 64 * 1024,
            lists: 200,
            seats: 10_000,
            scenarios: 2_000,
            runs: 20_000,
            time: Duration::from_secs(10),
        }
    }
}

/// One list of a request: its name and its votes (a number, or a string as a vote table
/// writes it: `261213`, `261 213`, `261.213`), or its poll share for `/api/simulate`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartyField {
    pub party: String,
    #[serde(default)]
    pub votes: Option<Value>,
    #[serde(default)]
    pub share: Option<f64>,
}

/// The body of every `POST /api/…` request: the CLI's options as fields. Each endpoint reads
/// the fields it knows and refuses the others.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub seats: Option<Value>,
    pub rules: Option<String>,
    pub method: Option<String>,
    pub threshold: Option<String>,
    pub threshold_base: Option<String>,
    pub against_all: Option<Value>,
    pub invalid: Option<Value>,
    pub tie_break: Option<String>,
    pub runner_up: Option<String>,
    pub parties: Option<Vec<PartyField>>,
    /// An election of the dataset instead of `parties` (its votes, seats and rules).
    pub election: Option<String>,
    pub explain: Option<bool>,
    /// `/api/sweep`: methods and thresholds to try.
    pub methods: Option<Vec<String>>,
    pub thresholds: Option<Vec<String>>,
    /// `/api/simulate`: the model and its size.
    pub sample_size: Option<u32>,
    pub voters: Option<u64>,
    pub error: Option<f64>,
    pub against_all_share: Option<f64>,
    pub runs: Option<u64>,
    pub seed: Option<u64>,
}

/// Which endpoint reads a request: each knows its own fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    Allocate,
    Margins,
    Sweep,
    Simulate,
}

impl Endpoint {
    fn path(self) -> &'static str {
        match self {
            Endpoint::Allocate => "/api/allocate",
            Endpoint::Margins => "/api/margins",
            Endpoint::Sweep => "/api/sweep",
            Endpoint::Simulate => "/api/simulate",
        }
    }
}

impl Request {
    /// Reads a JSON body; a malformed body or an unknown field is a 400 naming it.
    pub fn from_json(body: &[u8]) -> Result<Request, ApiError> {
        serde_json::from_slice(body).map_err(|err| {
            let text = err.to_string();
            let field = text.split('`').nth(1).filter(|_| text.starts_with("unknown field")).map(str::to_owned);
            ApiError::bad(field, format!("the request body is not a valid request: {text}"))
        })
    }

    /// Refuses the fields that `endpoint` does not read.
    pub fn check_fields(&self, endpoint: Endpoint) -> Result<(), ApiError> {
        let given = [
            ("explain", self.explain.is_some(), [true, false, false, false]),
            ("methods", self.methods.is_some(), [false, false, true, false]),
            ("thresholds", self.thresholds.is_some(), [false, false, true, false]),
            ("sample_size", self.sample_size.is_some(), [false, false, false, true]),
            ("voters", self.voters.is_some(), [false, false, false, true]),
            ("error", self.error.is_some(), [false, false, false, true]),
            ("against_all_share", self.against_all_share.is_some(), [false, false, false, true]),
            ("runs", self.runs.is_some(), [false, false, false, true]),
            ("seed", self.seed.is_some(), [false, false, false, true]),
        ];
        let column = endpoint as usize;
        match given.iter().find(|(_, present, allowed)| *present && !allowed[column]) {
            Some((name, _, _)) => {
                Err(ApiError::bad((*name).to_owned(), format!("{} does not take the field {name}", endpoint.path())))
            }
            None => Ok(()),
        }
    }
}

/// An election to allocate: list names, votes, and what the request or the dataset gives of
/// seats and rules.
#[derive(Debug, Clone)]
pub struct Votes {
    pub names: Vec<String>,
    pub tally: Tally,
    /// The election's own list seats and rules, for a dataset election.
    pub seats: Option<u32>,
    pub rules: Option<Rules>,
    pub preset: Option<Preset>,
}

/// A whole allocation problem.
#[derive(Debug, Clone)]
pub struct Problem {
    pub names: Vec<String>,
    pub tally: Tally,
    pub house: u32,
    pub rules: Rules,
    /// The preset named in the answer: the one asked for, else the election's own.
    pub preset: Option<Preset>,
}

impl Request {
    /// The votes: `parties`, or the dataset's `election`.
    pub fn votes(&self, dataset: &Dataset, limits: &Limits) -> Result<Votes, ApiError> {
        let mut votes = match (&self.parties, &self.election) {
            (Some(_), Some(_)) => {
                return Err(ApiError::bad("election".to_owned(), "give either parties or election, not both"));
            }
            (None, Some(name)) => election_votes(dataset, name)?,
            (Some(parties), None) => party_votes(parties, limits)?,
            (None, None) => {
                return Err(ApiError::bad(
                    "parties".to_owned(),
                    "give the lists as parties: [{\"party\": NAME, \"votes\": N}, …] or an election of the dataset",
                ));
            }
        };
        let against_all = self.against_all.as_ref().map(|v| count(v, "against_all")).transpose()?;
        let invalid = self.invalid.as_ref().map(|v| count(v, "invalid")).transpose()?;
        if let Some(n) = against_all {
            votes.tally.set_against_all(n);
        }
        if let Some(n) = invalid {
            votes.tally.set_invalid(n);
        }
        Ok(votes)
    }

    /// The house size: `seats`, else the election's list seats.
    pub fn house(&self, votes: &Votes, limits: &Limits) -> Result<u32, ApiError> {
        let seats = match &self.seats {
            Some(value) => seat_count(value, limits)?,
            None => votes.seats.ok_or_else(|| {
                ApiError::bad("seats".to_owned(), "give the number of seats to allocate (at least 1)")
            })?,
        };
        Ok(seats)
    }

    /// The rules: the preset (else the election's own, else the plain defaults) with the fields
    /// given on top, as the CLI's options.
    pub fn rules(&self, base: Option<Rules>) -> Result<Rules, ApiError> {
        let preset = self.preset()?;
        let mut rules = match (preset, base) {
            (Some(preset), _) => preset.rules(),
            (None, Some(base)) => base,
            (None, None) => Rules::default(),
        };
        if let Some(method) = &self.method {
            rules.method = parse::<Method>(method, "method")?;
        }
        if let Some(threshold) = &self.threshold {
            rules.threshold = parse::<Threshold>(threshold, "threshold")?;
        }
        if let Some(base) = &self.threshold_base {
            rules.threshold_base = parse::<ThresholdBase>(base, "threshold_base")?;
        }
        if let Some(policy) = &self.tie_break {
            rules.tie_policy = parse::<TiePolicy>(policy, "tie_break")?;
        }
        if let Some(reading) = &self.runner_up {
            rules.runner_up = if reading.trim().eq_ignore_ascii_case("none") {
                None
            } else {
                Some(parse::<RunnerUp>(reading, "runner_up")?)
            };
        }
        Ok(rules)
    }

    fn preset(&self) -> Result<Option<Preset>, ApiError> {
        self.rules.as_deref().map(|p| parse::<Preset>(p, "rules")).transpose()
    }

    /// The whole problem, for `/api/allocate` and `/api/margins`.
    pub fn problem(&self, dataset: &Dataset, limits: &Limits) -> Result<Problem, ApiError> {
        let votes = self.votes(dataset, limits)?;
        let house = self.house(&votes, limits)?;
        let rules = self.rules(votes.rules.clone())?;
        let preset = self.preset()?.or(votes.preset);
        Ok(Problem { names: votes.names, tally: votes.tally, house, rules, preset })
    }
}

/// Parses `text` as a `T` (a method, a threshold, …), the library's own message on failure.
pub fn parse<T: FromStr>(text: &str, field: &str) -> Result<T, ApiError>
where
    T::Err: std::fmt::Display,
{
    text.trim().parse::<T>().map_err(|err| ApiError::bad(field.to_owned(), format!("{field}: {err}")))
}

/// A count of votes or ballots: a whole number, or a string as a vote table writes it.
pub fn count(value: &Value, field: &str) -> Result<u64, ApiError> {
    let bad = |why: &str| ApiError::bad(field.to_owned(), format!("{field}: {why}, found {value}"));
    match value {
        Value::Number(n) => n.as_u64().ok_or_else(|| bad("expected a whole number of 0 or more")),
        Value::String(text) => match read_count(text.trim()) {
            Reading::Whole(n) => Ok(n),
            Reading::Ambiguous => Err(bad("not a whole number: digits grouped by threes (261 213 or 261.213) only")),
            Reading::TooLarge => Err(bad("too large for a count of votes")),
            Reading::NotANumber => Err(bad("expected a whole number of 0 or more")),
        },
        _ => Err(bad("expected a whole number (or a string of digits)")),
    }
}

/// The seats of a house: 1 to the server's limit.
pub fn seat_count(value: &Value, limits: &Limits) -> Result<u32, ApiError> {
    let seats = count(value, "seats")?;
    if seats == 0 {
        return Err(ApiError::bad("seats".to_owned(), "seats: a house has at least 1 seat, found 0"));
    }
    if seats > u64::from(limits.seats) {
        return Err(ApiError::too_large(
            "seats".to_owned(),
            format!("seats: this server allocates at most {} seats, found {seats}", limits.seats),
        ));
    }
    Ok(seats as u32)
}

/// The lists of a request, with their votes.
fn party_votes(parties: &[PartyField], limits: &Limits) -> Result<Votes, ApiError> {
    check_list_count(parties.len(), limits)?;
    let mut names = Vec::with_capacity(parties.len());
    let mut counts = Vec::with_capacity(parties.len());
    for (i, party) in parties.iter().enumerate() {
        let field = format!("parties[{i}].votes");
        let votes = party.votes.as_ref().ok_or_else(|| ApiError::bad(field.clone(), format!("{field}: missing")))?;
        if party.share.is_some() {
            return Err(ApiError::bad(
                format!("parties[{i}].share"),
                "share is for /api/simulate; give votes (a count) here",
            ));
        }
        counts.push(count(votes, &field)?);
        names.push(party.party.clone());
    }
    Ok(Votes { names, tally: Tally::new(counts), seats: None, rules: None, preset: None })
}

/// Refuses an election of no list, or of more lists than the server takes.
pub fn check_list_count(lists: usize, limits: &Limits) -> Result<(), ApiError> {
    if lists == 0 {
        return Err(ApiError::bad("parties".to_owned(), "parties: give at least one list"));
    }
    if lists > limits.lists {
        return Err(ApiError::too_large(
            "parties".to_owned(),
            format!("parties: this server takes at most {} lists, found {lists}", limits.lists),
        ));
    }
    Ok(())
}

/// The votes, list seats and rules of an election of the dataset, as `maslihat allocate
/// --election` reads them.
pub fn election_votes(dataset: &Dataset, name: &str) -> Result<Votes, ApiError> {
    let election =
        dataset.find_election(name).map_err(|err| ApiError::bad("election".to_owned(), format!("election: {err}")))?;
    let recount = election.recount().map_err(|reason| {
        ApiError::bad("election".to_owned(), format!("{}: the votes are not complete: {reason}", election.id.0))
    })?;
    let year = election.date.year();
    let names = recount.parties.iter().map(|p| dataset.label(&Affiliation::Party(p.clone()), Some(year))).collect();
    // As `maslihat recompute`: a tie is reported, not settled by the data's row order.
    let rules = rules_for_order(election.rules(), recount.order);
    Ok(Votes {
        names,
        tally: recount.tally,
        seats: Some(recount.house),
        rules: Some(rules),
        preset: Some(election.profile),
    })
}
