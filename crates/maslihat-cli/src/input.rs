//! Where a command's input comes from (a file, or stdin for `-`), and how the vote-table
//! reader's errors (`maslihat_ingest::vote_table`) become the command's message.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use maslihat_ingest::vote_table::{self, Separator, TableError, TableErrorKind, TotalRows};

use crate::exit::Failure;

/// Where input comes from: a file, or stdin for `-`.
pub fn open(path: &Path) -> io::Result<Box<dyn Read + Send>> {
    if path.as_os_str() == "-" {
        return Ok(Box::new(io::stdin()));
    }
    Ok(Box::new(File::open(path)?))
}

/// The name of the input in messages.
pub fn display_name(path: &Path) -> String {
    if path.as_os_str() == "-" { "<stdin>".to_owned() } else { path.display().to_string() }
}

/// The input's name as the reader's errors carry it.
fn error_path(path: &Path) -> PathBuf {
    PathBuf::from(display_name(path))
}

/// One error's message: the reader's own words, with the option that lets a total row through.
pub fn message(error: &TableError) -> String {
    match *error.kind {
        TableErrorKind::TotalRow { .. } => format!("{error} (or pass --allow-total-row if it is a list)"),
        _ => error.to_string(),
    }
}

/// The errors of a table as one failure (exit 2), one `error:` line each.
pub fn failure(errors: &[TableError]) -> Failure {
    let lines: Vec<String> = errors.iter().map(message).collect();
    Failure::Input(anyhow::anyhow!("{}", lines.join("\nerror: ")))
}

/// Says on stderr which separator a table was read with, when it is not a comma.
pub fn note_separator(file: &str, separator: Separator) {
    if separator != Separator::Comma {
        eprintln!("note: {file}: the columns are separated by {}", separator.plural());
    }
}

/// Reads a `party,votes` table (`-` for stdin).
pub fn read_vote_table(path: &Path, total_rows: TotalRows) -> Result<Vec<vote_table::ListRow>, Failure> {
    let file = error_path(path);
    let input = open(path).map_err(|err| cannot_open(&file, &err))?;
    let table = vote_table::read_vote_table(input, &file, total_rows).map_err(|errors| failure(&errors))?;
    note_separator(&display_name(path), table.separator);
    Ok(table.rows)
}

/// Reads a `party,votes` table whose votes may be uncertain figures (`-` for stdin).
pub fn read_figure_table(path: &Path, total_rows: TotalRows) -> Result<Vec<vote_table::FigureRow>, Failure> {
    let file = error_path(path);
    let input = open(path).map_err(|err| cannot_open(&file, &err))?;
    let (rows, separator) =
        vote_table::read_figure_table(input, &file, total_rows).map_err(|errors| failure(&errors))?;
    note_separator(&display_name(path), separator);
    Ok(rows)
}

/// Reads a `party,share` table of poll shares (`-` for stdin).
pub fn read_share_table(path: &Path) -> Result<Vec<(String, f64)>, Failure> {
    let file = error_path(path);
    let input = open(path).map_err(|err| cannot_open(&file, &err))?;
    vote_table::read_share_table(input, &file).map_err(|errors| failure(&errors))
}

fn cannot_open(file: &Path, err: &io::Error) -> Failure {
    failure(&[TableError::file(file, TableErrorKind::CannotOpen { message: err.to_string() })])
}
