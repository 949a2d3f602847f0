//! `allocate`: one election through the core's `allocate`, and its result as a Python object
//! whose `to_dict()` is the CLI's JSON document (`maslihat_render::allocation::allocation_doc`).

use maslihat_apportion::{Allocation, explain};
use maslihat_render::allocation::{allocation_doc, tie_doc};
use pyo3::prelude::*;
use pyo3::types::PyList;
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
    names: Vec<String>,
    preset: Option<String>,
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
        self.names.clone()
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
        let ties: Vec<_> = self.allocation.ties.iter().map(|t| tie_doc(t, &self.names)).collect();
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
        explain(&self.allocation, &self.names)
    }

    /// The result as `maslihat allocate --format json` writes it (`maslihat.allocation/1`,
    /// docs/json.md); with `explanation=True`, as `--explain --format json` does.
    #[pyo3(signature = (*, explanation = false))]
    fn to_dict<'py>(&self, py: Python<'py>, explanation: bool) -> PyResult<Bound<'py, PyAny>> {
        let text = explanation.then(|| explain(&self.allocation, &self.names));
        to_python(py, &allocation_doc(&self.allocation, &self.names, self.preset.clone(), text))
    }

    fn __len__(&self) -> usize {
        self.allocation.lists.len()
    }

    fn __repr__(&self) -> String {
        let lists: Vec<String> =
            self.names.iter().zip(self.allocation.seats()).map(|(name, seats)| format!("{name:?}: {seats}")).collect();
        let ties = match self.allocation.ties.len() {
            0 => String::new(),
            n => format!(", {n} tie(s)"),
        };
        format!("<maslihat.Allocation of {} seats: {{{}}}{ties}>", self.allocation.house_size, lists.join(", "))
    }
}

/// Allocates the seats of one election (the documented wrapper is `maslihat.allocate`).
#[pyfunction]
#[pyo3(signature = (votes, seats, names, options, against_all, invalid))]
pub fn allocate(
    py: Python<'_>,
    votes: &Bound<'_, PyList>,
    seats: &Bound<'_, PyAny>,
    names: Option<Vec<String>>,
    options: RuleOptions,
    against_all: &Bound<'_, PyAny>,
    invalid: &Bound<'_, PyAny>,
) -> PyResult<PyAllocation> {
    let votes: Vec<Bound<'_, PyAny>> = votes.iter().collect();
    let lists = lists(&votes, names, against_all, invalid)?;
    let house = house(seats)?;
    let rules = options.rules()?;
    let preset = options.preset()?.map(|p| p.name().to_owned());
    let allocation = maslihat_apportion::allocate(&lists.tally, house, &rules)
        .map_err(|err| alloc_error(py, &err, "", &lists.names))?;
    Ok(PyAllocation { allocation, names: lists.names, preset })
}
