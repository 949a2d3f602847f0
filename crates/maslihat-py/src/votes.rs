//! Votes from Python: a list of whole numbers with names (the package's `__init__.py` takes a
//! dict, a pandas Series or a NumPy array apart into these), or a `party,votes` file read by the
//! same reader as the CLI's, with its positioned errors.

use std::path::{Path, PathBuf};

use maslihat_apportion::Tally;
use maslihat_ingest::vote_table::{self, TableError, TableErrorKind, TotalRows};
use pyo3::prelude::*;

use crate::errors::{input_error, positioned_error};
use crate::options::{ballots, repr, whole};

/// The lists of one election: names (`None`: `list 1`, `list 2`, …, made when needed) and a
/// tally.
#[derive(Debug)]
pub struct Lists {
    pub names: Option<Vec<String>>,
    pub tally: Tally,
}

/// `count` names `list 1`, `list 2`, …
pub fn numbered(count: usize) -> Vec<String> {
    (1..=count).map(|i| format!("list {i}")).collect()
}

impl Lists {
    /// The names, numbered when none were given.
    pub fn names(&self) -> Vec<String> {
        self.names.clone().unwrap_or_else(|| numbered(self.tally.votes().len()))
    }
}

/// Votes as values and names: a list or tuple as it is; anything else (a dict, a pandas or
/// polars Series, a NumPy array) through `maslihat._lists`, which knows those libraries.
pub fn taken_apart<'py>(
    votes: &Bound<'py, PyAny>,
    names: Option<Vec<String>>,
) -> PyResult<(Bound<'py, PyAny>, Option<Vec<String>>)> {
    if votes.is_instance_of::<pyo3::types::PyList>() || votes.is_instance_of::<pyo3::types::PyTuple>() {
        return Ok((votes.clone(), names));
    }
    if let Ok(dict) = votes.cast::<pyo3::types::PyDict>() {
        let names = match names {
            Some(names) => names,
            None => dict.keys().iter().map(|key| key.str().map(|s| s.to_string())).collect::<PyResult<_>>()?,
        };
        return Ok((dict.values().into_any(), Some(names)));
    }
    let helper = votes.py().import("maslihat")?.getattr("_lists")?;
    helper.call1((votes, names))?.extract()
}

/// Reads `votes` (a sequence of whole numbers) with `names`, and the ballots that are never
/// lists (`None`: none).
pub fn lists(
    votes: &Bound<'_, PyAny>,
    names: Option<Vec<String>>,
    against_all: Option<&Bound<'_, PyAny>>,
    invalid: Option<&Bound<'_, PyAny>>,
) -> PyResult<Lists> {
    // A list or a tuple is read in place, without collecting its items first.
    let counts = if let Ok(list) = votes.cast::<pyo3::types::PyList>() {
        check_name_count(names.as_deref(), list.len())?;
        counts_of(list.iter(), names.as_deref())?
    } else if let Ok(tuple) = votes.cast::<pyo3::types::PyTuple>() {
        check_name_count(names.as_deref(), tuple.len())?;
        counts_of(tuple.iter(), names.as_deref())?
    } else {
        let values: Vec<Bound<'_, PyAny>> = votes.try_iter()?.collect::<PyResult<_>>()?;
        check_name_count(names.as_deref(), values.len())?;
        counts_of(values.into_iter(), names.as_deref())?
    };
    let tally = Tally::new(counts)
        .with_against_all(against_all.map_or(Ok(0), |value| ballots("against_all", value))?)
        .with_invalid(invalid.map_or(Ok(0), |value| ballots("invalid", value))?);
    Ok(Lists { names, tally })
}

/// Refuses a number of names other than the number of lists.
fn check_name_count(names: Option<&[String]>, lists: usize) -> PyResult<()> {
    match names {
        Some(names) if names.len() != lists => Err(input_error(format!(
            "names: {} names for {lists} lists; give one name per list, in registration order",
            names.len()
        ))),
        _ => Ok(()),
    }
}

/// The votes of each list, or the error naming the first value that is not a whole number of
/// votes.
fn counts_of<'py>(
    values: impl ExactSizeIterator<Item = Bound<'py, PyAny>>,
    names: Option<&[String]>,
) -> PyResult<Vec<u64>> {
    let mut counts = Vec::with_capacity(values.len());
    for (i, value) in values.enumerate() {
        let Some(count) = whole(&value) else {
            let name = names.map_or_else(|| format!("list {}", i + 1), |n| n[i].clone());
            return Err(input_error(format!(
                "votes of list {} ({name:?}): expected a whole number of votes, 0 or more, found {}",
                i + 1,
                repr(&value)
            )));
        };
        counts.push(count);
    }
    Ok(counts)
}

/// One table error as the CLI says it, with the keyword that lets a total row through.
fn message(error: &TableError) -> String {
    match *error.kind {
        TableErrorKind::TotalRow { .. } => format!("{error} (or pass allow_total_row=True if it is a list)"),
        _ => error.to_string(),
    }
}

/// Reads a `party,votes` table (the CLI's reader: separator detected, digits grouped by
/// threes, a total row refused unless `allow_total_row`) → `{party: votes}` in row order.
/// Raises `InputError` with the CLI's message and `path`, `line`, `column` of the first error
/// (the message lists every error, one a line).
#[pyfunction]
#[pyo3(signature = (path, *, allow_total_row = false))]
pub fn read_votes(py: Python<'_>, path: PathBuf, allow_total_row: bool) -> PyResult<Vec<(String, u64)>> {
    let total_rows = if allow_total_row { TotalRows::Allow } else { TotalRows::Refuse };
    let shown = PathBuf::from(path.display().to_string());
    let read = py.detach(|| -> Result<Vec<(String, u64)>, Vec<TableError>> {
        let file = std::fs::File::open(&path)
            .map_err(|err| vec![TableError::file(&shown, TableErrorKind::CannotOpen { message: err.to_string() })])?;
        let table = vote_table::read_vote_table(file, &shown, total_rows)?;
        Ok(table.rows.into_iter().map(|row| (row.party, row.votes)).collect())
    });
    read.map_err(|errors| {
        let text = errors.iter().map(message).collect::<Vec<_>>().join("\nerror: ");
        let first = errors.first().map(|e| &e.position);
        positioned_error(
            py,
            text,
            first.map(|p| display(&p.file)),
            first.and_then(|p| p.line),
            first.and_then(|p| p.column),
        )
    })
}

fn display(path: &Path) -> String {
    path.display().to_string()
}
