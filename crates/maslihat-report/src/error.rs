//! Why a report, or a page of it, could not be made (a single election's failure in a run is a
//! row of the summary, not this).

use std::io;
use std::path::PathBuf;

use maslihat_ingest::Errors;

/// Why a report or a page could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("the dataset in {} does not load:\n{errors}", dir.display())]
    Load { dir: PathBuf, errors: Box<Errors> },
    #[error("the dataset has no election{}", year.map(|y| format!(" in {y}")).unwrap_or_default())]
    NoElections { year: Option<u16> },
    #[error("the dataset has no election {id:?}")]
    UnknownElection { id: String },
    #[error("cannot start {jobs} worker threads: {message}")]
    Pool { jobs: usize, message: String },
    /// The I/O error is part of the message, not a separate source: a chain of sources would
    /// print it twice.
    #[error("cannot write {}: {error}", path.display())]
    Io { path: PathBuf, error: io::Error },
}
