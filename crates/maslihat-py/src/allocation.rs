//! `allocate`: one election's seats through a reused `maslihat_apportion::Apportioner` (only
//! what decides seats and errors runs at call time), and its result as a Python object that
//! builds the core's full `Allocation` when first asked for more than seats; its `to_dict()` is
//! the CLI's JSON document (`maslihat_render::allocation::allocation_doc`).

use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::OnceLock;

use maslihat_apportion::{AllocError, Allocation, Apportioner, Preset, Rules, Tally, explain};
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

thread_local! {
    /// The buffers `allocate` reuses from call to call on this thread.
    static APPORTIONER: RefCell<Apportioner> = RefCell::new(Apportioner::new());
}

/// The seats of one election, with everything the core decided on the way (built when first
/// needed).
#[pyclass(name = "Allocation", module = "maslihat", frozen)]
#[derive(Debug)]
pub struct PyAllocation {
    /// Seats per list, as the `Apportioner` gave them (the full allocation gives the same).
    seats: Vec<u32>,
    house: u32,
    tally: Tally,
    rules: Rules,
    /// The core's full result: built once, when something other than the seats is asked for.
    /// Boxed: the object stays small, so making it at each call moves few bytes.
    full: OnceLock<Box<Result<Allocation, AllocError>>>,
    /// `None`: numbered, made when asked for.
    names: Option<Vec<String>>,
    preset: Option<Preset>,
}

impl PyAllocation {
    fn list_names(&self) -> Cow<'_, [String]> {
        match &self.names {
            Some(names) => Cow::Borrowed(names),
            None => Cow::Owned(crate::votes::numbered(self.seats.len())),
        }
    }

    /// The core's full allocation, built on first use. It is the one the seats came from (the
    /// core's property tests hold `Apportioner::seats` to `allocate`), so it fails only if the
    /// two ever disagree, and then says so rather than panicking.
    fn allocation(&self, py: Python<'_>) -> PyResult<&Allocation> {
        let full =
            self.full.get_or_init(|| Box::new(maslihat_apportion::allocate(&self.tally, self.house, &self.rules)));
        full.as_ref().as_ref().map_err(|err| alloc_error(py, err, "", &self.list_names()))
    }
}

#[pymethods]
impl PyAllocation {
    /// Seats per list, in registration order.
    #[getter]
    fn seats(&self) -> Vec<u32> {
        self.seats.clone()
    }

    /// The lists' names, in registration order.
    #[getter]
    fn names(&self) -> Vec<String> {
        self.list_names().into_owned()
    }

    /// Votes per list, in registration order.
    #[getter]
    fn votes(&self) -> Vec<u64> {
        self.tally.votes().to_vec()
    }

    /// How each list fared at the threshold: `qualified`, `runner-up` or `below-threshold`.
    #[getter]
    fn statuses<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let statuses: Vec<_> = self.allocation(py)?.lists.iter().map(|l| l.status).collect();
        to_python(py, &statuses)
    }

    /// Every tie met, whatever the policy (a list of dicts, as in `to_dict()["ties"]`).
    #[getter]
    fn ties<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let names = self.list_names();
        let ties: Vec<_> = self.allocation(py)?.ties.iter().map(|t| tie_doc(t, &names)).collect();
        to_python(py, &ties)
    }

    /// The number of seats allocated.
    #[getter]
    fn house_size(&self) -> u32 {
        self.house
    }

    /// The plain-text explanation (`maslihat allocate --explain`): quota or divisors, each
    /// list's whole seats and remainder, the order of the seats, exclusions, ties, the rule
    /// reading applied.
    fn explain(&self, py: Python<'_>) -> PyResult<String> {
        Ok(explain(self.allocation(py)?, &self.list_names()))
    }

    /// The result as `maslihat allocate --format json` writes it (`maslihat.allocation/1`,
    /// docs/json.md); with `explanation=True`, as `--explain --format json` does.
    #[pyo3(signature = (*, explanation = false))]
    fn to_dict<'py>(&self, py: Python<'py>, explanation: bool) -> PyResult<Bound<'py, PyAny>> {
        let allocation = self.allocation(py)?;
        let names = self.list_names();
        let text = explanation.then(|| explain(allocation, &names));
        let preset = self.preset.map(|p| p.name().to_owned());
        to_python(py, &allocation_doc(allocation, &names, preset, text))
    }

    fn __len__(&self) -> usize {
        self.seats.len()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let lists: Vec<String> =
            self.list_names().iter().zip(&self.seats).map(|(name, seats)| format!("{name:?}: {seats}")).collect();
        let ties = match self.allocation(py)?.ties.len() {
            0 => String::new(),
            n => format!(", {n} tie(s)"),
        };
        Ok(format!("<maslihat.Allocation of {} seats: {{{}}}{ties}>", self.house, lists.join(", ")))
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
    let (votes, names) = crate::votes::taken_apart(votes, names)?;
    let lists = lists(&votes, names, against_all, invalid)?;
    let house = house(seats)?;
    let options = RuleOptions::from_objects([rules, method, threshold, threshold_base, tie_break, runner_up])?;
    let preset = options.preset()?;
    let rules = options.rules_on(preset)?;
    let seats = APPORTIONER.with_borrow_mut(|apportioner| {
        apportioner.seats(&lists.tally, house, &rules).map(<[u32]>::to_vec).map_err(|_| ())
    });
    let Ok(seats) = seats else {
        // The error path: the full allocation gives the error with its tie, as it always did.
        return match maslihat_apportion::allocate(&lists.tally, house, &rules) {
            Err(err) => Err(alloc_error(py, &err, "", &lists.names())),
            Ok(allocation) => Ok(PyAllocation {
                seats: allocation.seats(),
                house,
                full: OnceLock::from(Box::new(Ok(allocation))),
                tally: lists.tally,
                rules,
                names: lists.names,
                preset,
            }),
        };
    };
    Ok(PyAllocation { seats, house, tally: lists.tally, rules, full: OnceLock::new(), names: lists.names, preset })
}
