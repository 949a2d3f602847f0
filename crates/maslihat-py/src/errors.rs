//! The package's exceptions and the one place a library error becomes one: the same sentences
//! as the CLI (`maslihat_render::allocation::alloc_error_text`), with the Python option names in
//! the hints.

use maslihat_analysis::AnalysisError;
use maslihat_apportion::AllocError;
use maslihat_render::allocation::{alloc_error_text, tie_doc};
use pyo3::prelude::*;

pyo3::create_exception!(maslihat, Error, pyo3::exceptions::PyException, "The base of maslihat's errors.");
pyo3::create_exception!(
    maslihat,
    InputError,
    Error,
    "Bad input: a value, an option or a table the rules cannot take (the CLI's exit code 2). \
     `path`, `line` and `column` say where, when a file was read."
);
pyo3::create_exception!(
    maslihat,
    TieError,
    Error,
    "A tie the policy `error` leaves unresolved (the CLI's exit code 3); `tie` holds it as the \
     JSON output describes a tie."
);

/// An `InputError` with `message` and no position.
pub fn input_error(message: impl Into<String>) -> PyErr {
    let message: String = message.into();
    InputError::new_err(message)
}

/// An `InputError` at a position of a file (each part when known).
pub fn positioned_error(
    py: Python<'_>,
    message: String,
    path: Option<String>,
    line: Option<u64>,
    column: Option<u64>,
) -> PyErr {
    let err = InputError::new_err(message);
    let value = err.value(py);
    let set = || -> PyResult<()> {
        value.setattr("path", path)?;
        value.setattr("line", line)?;
        value.setattr("column", column)?;
        Ok(())
    };
    match set() {
        Ok(()) => err,
        Err(other) => other,
    }
}

/// The hint the CLI gives with `--tie-break`, in the package's keyword.
const TIE_HINT: &str = "(tie policy: error; choose tie_break=\"registration\", \"votes\" or \"lot:SEED\" to settle it)";

/// An allocation error: `TieError` (with its tie) or `InputError`; `context` says where (empty:
/// nowhere in particular), `names` names the lists.
pub fn alloc_error(py: Python<'_>, err: &AllocError, context: &str, names: &[String]) -> PyErr {
    let name = |i: usize| names.get(i).cloned().unwrap_or_else(|| format!("list {}", i + 1));
    let text = alloc_error_text(err, name);
    let text = if context.is_empty() { text } else { format!("{context}: {text}") };
    let AllocError::UnresolvedTie(tie) = err else {
        return input_error(text);
    };
    let err = TieError::new_err(format!("{text} {TIE_HINT}"));
    let tie = crate::allocation::to_python(py, &tie_doc(tie, names));
    match tie.and_then(|tie| err.value(py).setattr("tie", tie)) {
        Ok(()) => err,
        Err(other) => other,
    }
}

/// An analysis error: an allocation error as above, anything else an `InputError`.
pub fn analysis_error(py: Python<'_>, err: &AnalysisError, names: &[String]) -> PyErr {
    match err {
        AnalysisError::Allocation(err) => alloc_error(py, err, "", names),
        other => input_error(other.to_string()),
    }
}
