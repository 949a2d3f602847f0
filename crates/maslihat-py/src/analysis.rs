//! `margins`, `simulate`, `sweep` and `outcomes`: the analysis crate's functions, answered as the
//! CLI's JSON documents (`maslihat.margins/1`, `maslihat.projection/1`, `maslihat.sweep/1`,
//! `maslihat.outcomes/1`) that the package's `__init__.py` turns into arrays and DataFrames.
//! Long work runs without the GIL.

use maslihat_analysis::{Figure, Limits, Model, Shares, TableFigures, outcome_set, table_figures};
use maslihat_apportion::{Method, ParseError, Threshold, ThresholdBase};
use maslihat_render::allocation::{MarginsDoc, ProjectionDoc, SweepDoc, outcomes_doc};
use pyo3::prelude::*;

use crate::allocation::to_python;
use crate::errors::{analysis_error, input_error};
use crate::options::{RuleOptions, house};
use crate::votes::lists;

/// The vote margins of every list and of the composition (`maslihat margins --format json`).
#[pyfunction]
#[pyo3(signature = (votes, seats, names, options, against_all, invalid))]
pub fn margins<'py>(
    py: Python<'py>,
    votes: &Bound<'py, PyAny>,
    seats: &Bound<'py, PyAny>,
    names: Option<Vec<String>>,
    options: RuleOptions,
    against_all: &Bound<'py, PyAny>,
    invalid: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let lists = lists(votes, names, Some(against_all), Some(invalid))?;
    let names = lists.names();
    let house = house(seats)?;
    let rules = options.rules()?;
    let found = py
        .detach(|| maslihat_analysis::margins(&lists.tally, house, &rules))
        .map_err(|err| analysis_error(py, &err, &names))?;
    to_python(py, &MarginsDoc::new(&names, &found))
}

/// How scenarios are drawn, as `maslihat simulate` chooses: voters (multinomial), error
/// (normal, percentage points) or sample size (Dirichlet, default 1000).
fn model(sample_size: Option<u32>, voters: Option<u64>, error: Option<f64>) -> PyResult<Model> {
    match (sample_size, voters, error) {
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) | (_, Some(_), Some(_)) => {
            Err(input_error("give one model: sample_size (Dirichlet), voters (multinomial) or error (normal)"))
        }
        (_, Some(voters), _) => Ok(Model::Multinomial { sample_size: voters }),
        (_, _, Some(points)) => Ok(Model::Normal { sd_points: points }),
        (sample, _, _) => Ok(Model::Dirichlet { sample_size: f64::from(sample.unwrap_or(1000)) }),
    }
}

/// Seeded seat projections from poll shares (`maslihat simulate --format json`).
#[pyfunction]
#[pyo3(signature = (shares, seats, names, options, against_all_share, runs, seed, sample_size, voters, error))]
#[allow(clippy::too_many_arguments)]
pub fn simulate<'py>(
    py: Python<'py>,
    shares: Vec<f64>,
    seats: &Bound<'py, PyAny>,
    names: Option<Vec<String>>,
    options: RuleOptions,
    against_all_share: f64,
    runs: u64,
    seed: u64,
    sample_size: Option<u32>,
    voters: Option<u64>,
    error: Option<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    let names = match names {
        Some(names) if names.len() != shares.len() => {
            return Err(input_error(format!("names: {} names for {} shares", names.len(), shares.len())));
        }
        Some(names) => names,
        None => (1..=shares.len()).map(|i| format!("list {i}")).collect(),
    };
    let house = house(seats)?;
    let rules = options.rules()?;
    let model = model(sample_size, voters, error)?;
    let shares = Shares::new(shares).with_against_all(against_all_share);
    let projection = py
        .detach(|| maslihat_analysis::simulate(&shares, house, &rules, &model, runs, seed))
        .map_err(|err| analysis_error(py, &err, &names))?;
    to_python(py, &ProjectionDoc::new(&names, &projection))
}

/// One election under every method × threshold × house size (`maslihat sweep --format json`).
#[pyfunction]
#[pyo3(signature = (votes, house_sizes, names, options, against_all, invalid, methods, thresholds))]
#[allow(clippy::too_many_arguments)]
pub fn sweep<'py>(
    py: Python<'py>,
    votes: &Bound<'py, PyAny>,
    house_sizes: Vec<Bound<'py, PyAny>>,
    names: Option<Vec<String>>,
    options: RuleOptions,
    against_all: &Bound<'py, PyAny>,
    invalid: &Bound<'py, PyAny>,
    methods: Option<Vec<String>>,
    thresholds: Option<Vec<String>>,
) -> PyResult<Bound<'py, PyAny>> {
    let lists = lists(votes, names, Some(against_all), Some(invalid))?;
    let names = lists.names();
    let house_sizes = house_sizes.iter().map(house).collect::<PyResult<Vec<u32>>>()?;
    let methods: Vec<Method> = match methods {
        None => Method::all_standard(),
        Some(names) => names
            .iter()
            .map(|m| m.parse().map_err(|err: ParseError| input_error(format!("methods: {err}"))))
            .collect::<PyResult<_>>()?,
    };
    // The CLI's default thresholds.
    let thresholds = thresholds.unwrap_or_else(|| ["0%", "3%", "5%", "7%", "10%"].map(str::to_owned).to_vec());
    let thresholds: Vec<Threshold> = thresholds
        .iter()
        .map(|t| t.parse().map_err(|err: ParseError| input_error(format!("thresholds: {err}"))))
        .collect::<PyResult<_>>()?;
    let rules = options.rules()?;
    let rows = py.detach(|| maslihat_analysis::sweep(&lists.tally, &methods, &thresholds, &house_sizes, &rules));
    to_python(py, &SweepDoc::new(&names, &rows))
}

/// One list's figure from Python: a whole number is a count, `None` is `?`, anything else is
/// read as the CLI reads a votes cell (`83.61%`, `27000..28000`, `?`).
fn figure(value: &Bound<'_, PyAny>, list: usize, name: &str) -> PyResult<Figure> {
    if value.is_none() {
        return Ok(Figure::Unknown);
    }
    if let Some(count) = crate::options::whole(value) {
        return Ok(Figure::Exact { count });
    }
    let text = value.str()?.to_string();
    text.parse().map_err(|err: maslihat_analysis::FigureParseError| {
        input_error(format!("votes of list {} ({name:?}): {err}", list + 1))
    })
}

/// The exact set of outcomes that uncertain figures allow (`maslihat allocate` over printed
/// shares, ranges and `?`, `--format json`: `maslihat.outcomes/1`).
#[pyfunction]
#[pyo3(signature = (votes, seats, names, options, against_all, invalid, shares_base))]
#[allow(clippy::too_many_arguments)]
pub fn outcomes<'py>(
    py: Python<'py>,
    votes: Vec<Bound<'py, PyAny>>,
    seats: &Bound<'py, PyAny>,
    names: Option<Vec<String>>,
    options: RuleOptions,
    against_all: &Bound<'py, PyAny>,
    invalid: &Bound<'py, PyAny>,
    shares_base: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let names = match names {
        Some(names) if names.len() != votes.len() => {
            return Err(input_error(format!("names: {} names for {} lists", names.len(), votes.len())));
        }
        Some(names) => names,
        None => crate::votes::numbered(votes.len()),
    };
    let figures = votes
        .iter()
        .zip(&names)
        .enumerate()
        .map(|(i, (value, name))| figure(value, i, name))
        .collect::<PyResult<Vec<Figure>>>()?;
    let house = house(seats)?;
    let rules = options.rules()?;
    let shares_base: ThresholdBase =
        shares_base.parse().map_err(|err: ParseError| input_error(format!("shares_base: {err}")))?;
    let against_all = crate::options::ballots("against_all", against_all)?;
    let invalid = crate::options::ballots("invalid", invalid)?;
    let TableFigures { names, figures, set } = table_figures(names, figures, against_all, invalid, shares_base, &rules)
        .map_err(|err| input_error(err.to_string()))?;
    let found = py
        .detach(|| outcome_set(&set, house, &rules, &Limits::default()))
        .map_err(|err| input_error(err.to_string()))?;
    to_python(py, &outcomes_doc(&names, &figures, &found, house, &rules))
}
