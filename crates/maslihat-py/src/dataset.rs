//! `maslihat.datasets.load`: a dataset folder (or the bundled one, embedded at build time) read
//! by `maslihat_ingest::load`, as column tables for DataFrames, with every election's verdict
//! from `maslihat_report::assess`, the one `maslihat list` and `maslihat recompute` show.

use std::path::{Path, PathBuf};

use maslihat_model::{Affiliation, Dataset, Figure};
use maslihat_report::{YearParties, assess_with};
use pyo3::prelude::*;
use rayon::prelude::*;
use serde::Serialize;

use crate::allocation::to_python;
use crate::errors::{input_error, positioned_error};

mod bundled {
    include!(concat!(env!("OUT_DIR"), "/dataset_files.rs"));
}

/// The bundled dataset written out once per content (a folder named by its hash in the
/// temporary directory), since the loader reads a folder.
fn bundled_dir() -> std::io::Result<PathBuf> {
    // FNV-1a over names and contents: a folder per version of the data.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (name, bytes) in bundled::FILES {
        for byte in name.bytes().chain(bytes.iter().copied()) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    let dir = std::env::temp_dir().join(format!("maslihat-dataset-{hash:016x}"));
    if dir.join("elections.csv").is_file() {
        return Ok(dir);
    }
    let staging = std::env::temp_dir().join(format!("maslihat-dataset-{hash:016x}-{}", std::process::id()));
    for (name, bytes) in bundled::FILES {
        let path = staging.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)?;
    }
    match std::fs::rename(&staging, &dir) {
        Ok(()) => Ok(dir),
        // Another process wrote it first: theirs is the same.
        Err(_) if dir.join("elections.csv").is_file() => {
            let _ = std::fs::remove_dir_all(&staging);
            Ok(dir)
        }
        Err(err) => Err(err),
    }
}

/// A figure's value when its sources agree, and the ids of every source that gave one.
fn figure<T: PartialEq + Clone>(figure: &Figure<T>) -> (Option<T>, String) {
    let sources: Vec<&str> = figure.0.iter().map(|s| s.source.as_str()).collect();
    (figure.value().cloned(), sources.join("|"))
}

/// An enum's name as the dataset writes it.
fn word(value: &impl Serialize) -> Option<String> {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned))
}

#[derive(Debug, Default, Serialize)]
struct Bodies {
    maslihat: Vec<String>,
    name: Vec<String>,
    native_name: Vec<Option<String>>,
    level: Vec<Option<String>>,
    term_years: Vec<u16>,
}

#[derive(Debug, Default, Serialize)]
struct Elections {
    election: Vec<String>,
    maslihat: Vec<String>,
    name: Vec<String>,
    date: Vec<String>,
    year: Vec<u16>,
    rules: Vec<String>,
    system: Vec<Option<String>>,
    total_seats: Vec<Option<u32>>,
    total_seats_sources: Vec<String>,
    list_seats: Vec<Option<u32>>,
    list_seats_sources: Vec<String>,
    registered_voters: Vec<Option<u64>>,
    ballots_cast: Vec<Option<u64>>,
    valid_ballots: Vec<Option<u64>>,
    valid_ballots_sources: Vec<String>,
    invalid_ballots: Vec<Option<u64>>,
    against_all: Vec<Option<u64>>,
    against_all_sources: Vec<String>,
}

#[derive(Debug, Default, Serialize)]
struct Results {
    election: Vec<String>,
    party: Vec<String>,
    name: Vec<String>,
    registration: Vec<Option<u32>>,
    votes: Vec<Option<u64>>,
    votes_sources: Vec<String>,
    printed_share: Vec<Option<String>>,
    printed_share_sources: Vec<String>,
    list_seats: Vec<Option<u32>>,
    list_seats_sources: Vec<String>,
}

#[derive(Debug, Default, Serialize)]
struct Sources {
    source: Vec<String>,
    url: Vec<String>,
    publisher: Vec<String>,
    description: Vec<String>,
}

#[derive(Debug, Default, Serialize)]
struct Verdicts {
    election: Vec<String>,
    status: Vec<&'static str>,
    why: Vec<String>,
}

#[derive(Debug, Serialize)]
struct Tables {
    path: String,
    bodies: Bodies,
    elections: Elections,
    results: Results,
    sources: Sources,
    verdicts: Verdicts,
    warnings: Vec<String>,
}

fn tables(dataset: &Dataset, path: &Path, warnings: Vec<String>) -> Tables {
    let mut bodies = Bodies::default();
    for body in &dataset.bodies {
        bodies.maslihat.push(body.id.0.clone());
        bodies.name.push(body.name.clone());
        bodies.native_name.push(body.native_name.clone());
        bodies.level.push(word(&body.level));
        bodies.term_years.push(body.term_years);
    }
    let mut elections = Elections::default();
    let mut results = Results::default();
    for e in &dataset.elections {
        let year = e.date.year();
        elections.election.push(e.id.0.clone());
        elections.maslihat.push(e.body.0.clone());
        elections.name.push(dataset.body(&e.body).map_or_else(|| e.body.0.clone(), |b| b.name_in(year).to_owned()));
        elections.date.push(e.date.to_string());
        elections.year.push(year);
        elections.rules.push(e.profile.name().to_owned());
        elections.system.push(word(&e.system));
        let (value, sources) = figure(&e.total_seats);
        elections.total_seats.push(value);
        elections.total_seats_sources.push(sources);
        let (value, sources) = figure(&e.list_seats);
        elections.list_seats.push(value);
        elections.list_seats_sources.push(sources);
        elections.registered_voters.push(figure(&e.registered_voters).0);
        elections.ballots_cast.push(figure(&e.ballots_cast).0);
        let (value, sources) = figure(&e.valid_ballots);
        elections.valid_ballots.push(value);
        elections.valid_ballots_sources.push(sources);
        elections.invalid_ballots.push(figure(&e.invalid_ballots).0);
        let (value, sources) = figure(&e.against_all);
        elections.against_all.push(value);
        elections.against_all_sources.push(sources);
        for r in &e.results {
            results.election.push(e.id.0.clone());
            results.party.push(match &r.affiliation {
                Affiliation::Party(id) => id.0.clone(),
                Affiliation::SelfNominated => "self-nominated".to_owned(),
            });
            results.name.push(dataset.label(&r.affiliation, Some(year)));
            results.registration.push(figure(&r.registration).0);
            let (value, sources) = figure(&r.votes);
            results.votes.push(value);
            results.votes_sources.push(sources);
            let (value, sources) = figure(&r.printed_share);
            results.printed_share.push(value.map(|d| d.to_string()));
            results.printed_share_sources.push(sources);
            let (value, sources) = figure(&r.list_seats);
            results.list_seats.push(value);
            results.list_seats_sources.push(sources);
        }
    }
    let mut sources = Sources::default();
    for s in &dataset.sources {
        sources.source.push(s.id.to_string());
        sources.url.push(s.url.clone());
        sources.publisher.push(s.publisher.clone());
        sources.description.push(s.description.clone());
    }
    let year_parties = YearParties::of(dataset);
    let assessed: Vec<_> = dataset
        .elections
        .par_iter()
        .map(|e| (e.id.0.clone(), assess_with(dataset, e, &e.recompute(), &year_parties)))
        .collect();
    let mut verdicts = Verdicts::default();
    for (id, assessment) in assessed {
        verdicts.election.push(id);
        verdicts.status.push(assessment.status.id());
        verdicts.why.push(assessment.why);
    }
    Tables { path: path.display().to_string(), bodies, elections, results, sources, verdicts, warnings }
}

/// Loads a dataset folder (`None`: the bundled one) into column tables and verdicts (the
/// documented wrapper is `maslihat.datasets.load`).
#[pyfunction]
#[pyo3(signature = (path = None))]
pub fn load_dataset<'py>(py: Python<'py>, path: Option<PathBuf>) -> PyResult<Bound<'py, PyAny>> {
    let dir = match path {
        Some(path) => path,
        None => bundled_dir().map_err(|err| input_error(format!("cannot write the bundled dataset out: {err}")))?,
    };
    if !dir.is_dir() {
        return Err(input_error(format!(
            "the dataset folder was not found: looked for {}; give the folder that holds elections.csv",
            std::path::absolute(&dir).unwrap_or_else(|_| dir.clone()).display()
        )));
    }
    let loaded = py.detach(|| {
        maslihat_ingest::load(&dir).map(|loaded| {
            let warnings = loaded.warnings.iter().map(ToString::to_string).collect();
            tables(&loaded.dataset, &dir, warnings)
        })
    });
    match loaded {
        Ok(tables) => to_python(py, &tables),
        Err(errors) => {
            let first = errors.0.first().map(|e| e.position.clone());
            let message = format!(
                "{errors}\n(the dataset in {} has {} error(s); `maslihat validate {}` lists them)",
                dir.display(),
                errors.0.len(),
                dir.display()
            );
            Err(positioned_error(
                py,
                message,
                first.as_ref().map(|p| p.file.display().to_string()),
                first.as_ref().and_then(|p| p.line),
                first.as_ref().and_then(|p| p.column),
            ))
        }
    }
}

/// What one election of a dataset allocates from, as `maslihat allocate --election NAME` reads
/// it (`Election::recount`, the rules for its registration order): names, votes, ballots that
/// are not lists, list seats and the rule options (the documented wrapper is
/// `maslihat.datasets.Dataset.inputs`).
#[derive(Debug, Serialize)]
struct ElectionInputs {
    election: String,
    names: Vec<String>,
    votes: Vec<u64>,
    against_all: u64,
    invalid: u64,
    seats: u32,
    options: OptionsDoc,
}

/// Rules as the option strings `RuleOptions` reads back to the same rules.
#[derive(Debug, Serialize)]
struct OptionsDoc {
    rules: &'static str,
    method: String,
    threshold: String,
    threshold_base: &'static str,
    tie_break: String,
    runner_up: String,
}

#[pyfunction]
#[pyo3(signature = (path, name))]
pub fn election_inputs<'py>(py: Python<'py>, path: Option<PathBuf>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    let dir = match path {
        Some(path) => path,
        None => bundled_dir().map_err(|err| input_error(format!("cannot write the bundled dataset out: {err}")))?,
    };
    let loaded = maslihat_ingest::load(&dir).map_err(|errors| input_error(errors.to_string()))?;
    let dataset = &loaded.dataset;
    let election = dataset.find_election(name).map_err(|err| input_error(err.to_string()))?;
    let recount = election
        .recount()
        .map_err(|reason| input_error(format!("{}: the votes are not complete: {reason}", election.id.0)))?;
    let year = election.date.year();
    // As `maslihat recompute` does: a tie is reported, not settled by the data's row order.
    let rules = maslihat_model::election::rules_for_order(election.rules(), recount.order);
    let inputs = ElectionInputs {
        election: election.id.0.clone(),
        names: recount.parties.iter().map(|p| dataset.label(&Affiliation::Party(p.clone()), Some(year))).collect(),
        votes: recount.tally.votes().to_vec(),
        against_all: recount.tally.against_all(),
        invalid: recount.tally.invalid(),
        seats: recount.house,
        options: OptionsDoc {
            rules: election.profile.name(),
            method: rules.method.name(),
            threshold: rules.threshold.to_string(),
            threshold_base: rules.threshold_base.name(),
            tie_break: rules.tie_policy.name(),
            runner_up: rules.runner_up.map_or("none", |r| r.name()).to_owned(),
        },
    };
    to_python(py, &inputs)
}
