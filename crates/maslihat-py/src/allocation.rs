//! `allocate`: one election through the core's `allocate`, and its result as a Python object
//! whose `to_dict()` is the CLI's JSON document (`maslihat_render::allocation::allocation_doc`).

use std::borrow::Cow;

use maslihat_apportion::{Allocation, explain};
use maslihat_render::allocation::{allocation_doc, tie_doc};
use pyo3::prelude::*;
use serde::Serialize;

use crate::errors::{alloc_error, input_error};
use crate::options::{RuleOptions, house};
use crate::votes::lists;

/// A value as Python sees its JSON: the CLI's documents, field for field.
pub fn to_python<'py>(py: Python<'py>, value: &impl Serialize) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value).map_err(|err| input_error(format!("cannot write JSON: {err}")))?;
    py.import("json")?.call_method1("loads", (text,))
}

/// The seats of one election, with everything the core decided on the way.
#[pyclass(name = "Allocation", module = "maslihat", frozen)]
#[derive(Debug)]
pub struct PyAllocation {
    allocation: Allocation,
    /// `None`: numbered, made when asked for.
    names: Option<Vec<String>>,
    preset: Option<String>,
}

impl PyAllocation {
    fn list_names(&self) -> Cow<'_, [String]> {
        match &self.names {
            Some(names) => Cow::Borrowed(names),
            None => Cow::Owned(crate::votes::numbered(self.allocation.lists.len())),
        }
    }
}

#[pymethods]
impl PyAllocation {
    /// Seats per list, in registration order.
    #[getter]
    fn seats(&self) -> Vec<u32> {
        self.allocation.seats()
    }

    /// The lists' names, in registration order.
    #[getter]
    fn names(&self) -> Vec<String> {
        self.list_names().into_owned()
    }

    /// Votes per list, in registration order.
    #[getter]
    fn votes(&self) -> Vec<u64> {
        self.allocation.lists.iter().map(|l| l.votes).collect()
    }

    /// How each list fared at the threshold: `qualified`, `runner-up` or `below-threshold`.
    #[getter]
    fn statuses<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let statuses: Vec<_> = self.allocation.lists.iter().map(|l| l.status).collect();
        to_python(py, &statuses)
    }

    /// Every tie met, whatever the policy (a list of dicts, as in `to_dict()["ties"]`).
    #[getter]
    fn ties<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let names = self.list_names();
        let ties: Vec<_> = self.allocation.ties.iter().map(|t| tie_doc(t, &names)).collect();
        to_python(py, &ties)
    }

    /// The number of seats allocated.
    #[getter]
    fn house_size(&self) -> u32 {
        self.allocation.house_size
    }

    /// The plain-text explanation (`maslihat allocate --explain`): quota or divisors, each
    /// list's whole seats and remainder, the order of the seats, exclusions, ties, the rule
    /// reading applied.
    fn explain(&self) -> String {
        explain(&self.allocation, &self.list_names())
    }

    /// The result as `maslihat allocate --format json` writes it (`maslihat.allocation/1`,
    /// docs/json.md); with `explanation=True`, as `--explain --format json` does.
    #[pyo3(signature = (*, explanation = false))]
    fn to_dict<'py>(&self, py: Python<'py>, explanation: bool) -> PyResult<Bound<'py, PyAny>> {
        let names = self.list_names();
        let text = explanation.then(|| explain(&self.allocation, &names));
        to_python(py, &allocation_doc(&self.allocation, &names, self.preset.clone(), text))
    }

    fn __len__(&self) -> usize {
        self.allocation.lists.len()
    }

    fn __repr__(&self) -> String {
        let lists: Vec<String> = self
            .list_names()
            .iter()
            .zip(self.allocation.seats())
            .map(|(name, seats)| format!("{name:?}: {seats}"))
            .collect();
        let ties = match self.allocation.ties.len() {
            0 => String::new(),
            n => format!(", {n} tie(s)"),
        };
        format!("<maslihat.Allocation of {} seats: {{{}}}{ties}>", self.allocation.house_size, lists.join(", "))
    }
}

/// Allocates `seats` among the lists, as `maslihat allocate` does.
///
/// votes: whole numbers in registration order: a list, a dict name -> votes, a pandas Series
///     (names from its index), a polars Series or a NumPy array of integers.
/// rules: a preset, "kz-2021" (Hare, 7 % of valid ballots, the runner-up rule) or "kz-2023"
///     (the same with 5 %); the other options override it. Without it: Hare, no threshold.
/// method: "hare", "droop", "hagenbach-bischoff", "imperiali-quota", "dhondt", "sainte-lague",
///     "modified-sainte-lague", "danish", "imperiali", "adams", "dean", "huntington-hill" or
///     "custom:D1,D2,...".
/// threshold: "7%", "5.5%" (exact: 55/1000), "1000 votes" or "none"; a bare number is refused.
/// threshold_base: what the threshold is a share of: "valid" (list votes + against all),
///     "lists" or "cast" (valid + invalid).
/// tie_break: "error" (raise TieError), "registration", "votes" or "lot:SEED".
/// runner_up: when only one list passes: "admit", "admit-min-two", "coefficient" or "none".
/// against_all, invalid: ballots that never win seats (they count in the threshold base).
/// names: the lists' names (default: from a dict or Series, else "list 1", "list 2", ...).
///
/// Raises InputError for bad input and TieError for a tie left unresolved by
/// tie_break="error"; the messages are the CLI's.
#[pyfunction]
#[pyo3(signature = (
    votes, seats, *, rules = None, method = None, threshold = None, threshold_base = None,
    against_all = None, invalid = None, tie_break = None, runner_up = None, names = None
))]
#[allow(clippy::too_many_arguments)]
pub fn allocate(
    py: Python<'_>,
    votes: &Bound<'_, PyAny>,
    seats: &Bound<'_, PyAny>,
    rules: Option<&Bound<'_, PyAny>>,
    method: Option<&Bound<'_, PyAny>>,
    threshold: Option<&Bound<'_, PyAny>>,
    threshold_base: Option<&Bound<'_, PyAny>>,
    against_all: Option<&Bound<'_, PyAny>>,
    invalid: Option<&Bound<'_, PyAny>>,
    tie_break: Option<&Bound<'_, PyAny>>,
    runner_up: Option<&Bound<'_, PyAny>>,
    names: Option<Vec<String>>,
) -> PyResult<PyAllocation> {
    let zero = 0u8.into_pyobject(py)?.into_any();
    let (votes, names) = crate::votes::taken_apart(votes, names)?;
    let lists = lists(&votes, names, against_all.unwrap_or(&zero), invalid.unwrap_or(&zero))?;
    let house = house(seats)?;
    let options = RuleOptions::from_objects([rules, method, threshold, threshold_base, tie_break, runner_up])?;
    let preset = options.preset()?.map(|p| p.name().to_owned());
    let rules = options.rules()?;
    let allocation = maslihat_apportion::allocate(&lists.tally, house, &rules)
        .map_err(|err| alloc_error(py, &err, "", &lists.names()))?;
    Ok(PyAllocation { allocation, names: lists.names, preset })
}
