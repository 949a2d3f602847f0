//! Loads a `datasets/` folder (or any folder in the same format, see `datasets/README.md`) into
//! the model, checking every rule of the format.
//!
//! Errors are collected, not stopped at: a load reports every error of every file, each with its
//! file, line and column. Nothing is skipped, defaulted or rounded: an empty cell is unknown, two
//! sources that disagree are both kept (and warned about).
//!
//! ```no_run
//! let loaded = maslihat_ingest::load(std::path::Path::new("datasets")).unwrap();
//! for warning in &loaded.warnings {
//!     eprintln!("warning: {warning}");
//! }
//! println!("{} elections", loaded.dataset.elections.len());
//! ```

mod assemble;
mod body_file;
mod checks;
mod error;
mod infobox;
mod lines;
pub mod matrix_table;
pub mod mixed_table;
mod sheet;
mod tables;
pub mod vote_table;

use std::path::Path;

pub use error::{Error, ErrorKind, Errors, Position, Warning, WarningKind};
pub use infobox::{InfoboxError, read_infobox};
pub use maslihat_model::Dataset;
pub use sheet::MAX_FILE_BYTES;
pub use vote_table::{TableError, TableErrorKind};

/// A dataset that passed every check, with the warnings to show its reader.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub dataset: Dataset,
    pub warnings: Vec<Warning>,
}

/// Loads the dataset in `dir`: every error, or the dataset and its warnings.
pub fn load(dir: &Path) -> Result<Loaded, Errors> {
    let mut errors = Vec::new();
    if !dir.is_dir() {
        let kind = ErrorKind::MissingFile;
        return Err(Errors(vec![Error { position: Position::file(dir.to_owned()), kind }]));
    }
    let tables = tables::Tables::read(dir, &mut errors);
    let (files, stems) = body_file::read_all(dir, &mut errors);
    let reading = if errors.is_empty() { assemble::Reading::Clean } else { assemble::Reading::WithErrors };
    let (dataset, lines) = assemble::assemble(tables, files, stems, reading, &mut errors);
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    let warnings = checks::warnings(&dataset, &lines);
    Ok(Loaded { dataset, warnings })
}
