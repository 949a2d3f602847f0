//! What reading a vote table reports: each problem with its position (file, line, field).

use std::path::Path;

use crate::error::Position;
use crate::vote_table::Separator;

/// A problem at a place in a vote table: `file:line:column: message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{position}: {kind}")]
pub struct TableError {
    pub position: Position,
    /// Boxed: the error travels in the `Err` of the reader's hot paths.
    pub kind: Box<TableErrorKind>,
}

impl TableError {
    /// An error at `line` and `column` (1-based) of `file`, each when known.
    pub fn at(file: &Path, line: Option<u64>, column: Option<usize>, kind: TableErrorKind) -> TableError {
        let column = line.and(column).map(|column| column as u64);
        TableError { position: Position { file: file.to_owned(), line, column }, kind: Box::new(kind) }
    }

    /// An error about the whole file.
    pub fn file(file: &Path, kind: TableErrorKind) -> TableError {
        TableError::at(file, None, None, kind)
    }
}

/// What is wrong with a vote table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TableErrorKind {
    #[error("cannot open: {message}")]
    CannotOpen { message: String },
    #[error("cannot read: {message}")]
    CannotRead { message: String },
    /// The input is larger than a vote table can be ([`MAX_TABLE_BYTES`](crate::vote_table::MAX_TABLE_BYTES)).
    #[error(
        "the table is larger than {limit} bytes: a vote table of one election is far smaller (use `batch` for many)"
    )]
    FileTooLarge { limit: u64 },
    /// The CSV reader refused the text (as its own message says).
    #[error("malformed CSV: {message}")]
    Malformed { message: String },
    #[error("the file is empty: expected a header with the columns {columns}")]
    Empty { columns: &'static str },
    #[error("the header is not valid UTF-8")]
    HeaderNotUtf8,
    /// Columns the table must have and its header lacks.
    #[error("{}", missing_columns(missing, header, needed, *separator))]
    MissingColumns { missing: Vec<&'static str>, header: Vec<String>, needed: Vec<&'static str>, separator: Separator },
    #[error("{what} is not valid UTF-8 (bad byte at offset {offset} of the field)")]
    NotUtf8 { what: &'static str, offset: usize },
    /// A row whose number of fields differs from the header's.
    #[error("the row has {}, the header {}{hint}", fields(*found), fields(*expected))]
    FieldCount { found: usize, expected: usize, hint: WidthHint },
    /// A yes/no column (`exempt`) holding something else.
    #[error("{what} must be yes or no (also true/false, 1/0, or empty for no), found \"{found}\"")]
    NotYesNo { what: &'static str, found: String },
    /// A row's minimum above its maximum.
    #[error("the minimum {min} is above the maximum {max}")]
    MinAboveMax { min: u32, max: u32 },
    #[error("{what} is empty: give a whole number (0 if none)")]
    EmptyNumber { what: &'static str },
    #[error("{what} must be a whole number of zero or more, found \"{found}\"")]
    Negative { what: &'static str, found: String },
    #[error("{what} is too large (at most {}), found \"{found}\"", u64::MAX)]
    TooLarge { what: &'static str, found: String },
    #[error("{what} must be a whole number, found \"{found}\"")]
    NotWhole { what: &'static str, found: String },
    /// Digits with separators that are no unambiguous grouping by thousands (`12,5`, `1.5`,
    /// `12 34`); `others` are the lines of the other cells of the file written alike.
    #[error(
        "{what} \"{found}\" is not a whole number: a separator inside a number must be followed by groups of \
         exactly three digits (261 213, 261,213 or 261.213); write this cell in digits only, such as {digits}, if \
         that is what it means{}",
        others_alike(others)
    )]
    AmbiguousNumber { what: &'static str, found: String, digits: String, others: Vec<u64> },
    #[error("the share must be a number of zero or more such as 42.5, found \"{found}\"")]
    NotShare { found: String },
    #[error("votes \"{found}\" is not a count, a range, a printed share or ?: {reason}")]
    NotFigure { found: String, reason: String },
    #[error("the party name is empty")]
    EmptyName,
    #[error("party \"{party}\" appears twice (first on line {first_line})")]
    DuplicateParty { party: String, first_line: u64 },
    #[error("no lists: the file has a header but no rows")]
    NoRows,
    /// A row that reads as the total of the table, not a list.
    #[error("{}", total_row(party, votes, *reason))]
    TotalRow { party: String, votes: u64, reason: TotalReason },
    // The batch format (`election,seats,party,votes`).
    #[error("the election is empty")]
    EmptyElection,
    #[error("seats must be a whole number from 1 to {}, found \"{found}\"", u32::MAX)]
    BadSeats { found: String },
    #[error(
        "election \"{election}\" has {seats} seats on line {first_line}, but {found} here: every row of an election \
         gives the same seats"
    )]
    SeatsDiffer { election: String, seats: u32, first_line: u64, found: u32 },
    #[error(
        "election \"{election}\" has against_all {against_all} and invalid {invalid} on line {first_line}, but \
         {found_against_all} and {found_invalid} here: every row of an election gives the same figures"
    )]
    FiguresDiffer {
        election: String,
        against_all: u64,
        invalid: u64,
        first_line: u64,
        found_against_all: u64,
        found_invalid: u64,
    },
    #[error("party \"{party}\" appears twice in election \"{election}\"")]
    PartyTwiceInElection { party: String, election: String },
    #[error("the rows of election \"{election}\" are not together: it appeared earlier")]
    RowsApart { election: String },
    #[error("no elections: the file has a header but no rows")]
    NoElections,
    #[error(
        "column \"{column}\": a batch does not apply seat limits (min, max, base, exempt), and would give other \
         seats than `maslihat allocate` with them; allocate such elections with `maslihat allocate`, or remove the \
         column"
    )]
    LimitsInBatch { column: String },
    // The long format of a vote matrix (`district,party,votes`) and its district tables.
    #[error("the district name is empty")]
    EmptyDistrict,
    #[error("district \"{district}\" and party \"{party}\" appear together twice (first on line {first_line})")]
    CellTwice { district: String, party: String, first_line: u64 },
    #[error(
        "the matrix grows to {districts} districts × {parties} parties here, past {limit} cells: a table this \
         sparse is not a vote matrix of one election"
    )]
    MatrixTooLarge { districts: usize, parties: usize, limit: usize },
    #[error("district \"{district}\" appears twice (first on line {first_line})")]
    DistrictTwice { district: String, first_line: u64 },
    #[error("district \"{district}\" is not in {other}")]
    UnknownDistrict { district: String, other: String },
    #[error("district \"{district}\" (line {line} of {other}) has no row here")]
    MissingDistrict { district: String, line: u64, other: String },
}

/// Why a row reads as a total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TotalReason {
    /// Its name is a word for a total (Total, Итого, Барлығы, …).
    Name,
    /// Its votes are the sum of the other rows' votes.
    SumOfOthers,
}

/// What a row with a wrong number of fields most likely means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WidthHint {
    None,
    /// Its last field holds a line break: a quote opened on its line is not closed.
    UnclosedQuote,
    /// Two neighbouring fields read as one number cut at a comma (`261`, `213`).
    CommaInNumber {
        number: String,
    },
    /// Too many fields, for no recognisable reason.
    TooMany,
}

impl std::fmt::Display for WidthHint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WidthHint::None => Ok(()),
            WidthHint::UnclosedQuote => f.write_str(" (a quote opened on this line is not closed)"),
            WidthHint::CommaInNumber { number } => write!(
                f,
                " (is {number} one number? A comma inside a number splits the cell: quote it as \"{number}\" or write \
                 it in digits only, {})",
                number.replace(',', "")
            ),
            WidthHint::TooMany => f.write_str(" (is a comma used inside a number or an unquoted name?)"),
        }
    }
}

fn fields(n: usize) -> String {
    if n == 1 { "1 field".to_owned() } else { format!("{n} fields") }
}

fn missing_columns(missing: &[&str], header: &[String], needed: &[&str], separator: Separator) -> String {
    let mut text = format!(
        "missing column{} {} (the header has: {}; needed: {}",
        if missing.len() == 1 { "" } else { "s" },
        missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", "),
        header.join(", "),
        needed.join(", ")
    );
    if header.len() == 1 {
        text.push_str(&format!(
            "; split at the separator found, the {}, the header is one column: separate the columns with commas, \
             semicolons or tabs",
            separator.name()
        ));
    } else if separator != Separator::Comma {
        text.push_str(&format!("; the columns are separated by {}", separator.plural()));
    }
    text.push(')');
    text
}

fn others_alike(others: &[u64]) -> String {
    const SHOWN: usize = 5;
    match others.len() {
        0 => String::new(),
        n => {
            let lines: Vec<String> = others.iter().take(SHOWN).map(u64::to_string).collect();
            let more = if n > SHOWN { ", …" } else { "" };
            let cells = if n == 1 { "1 more cell is" } else { "more cells are" };
            let count = if n == 1 { String::new() } else { format!("{n} ") };
            format!(
                "; {count}{cells} written alike, on line{} {}{more}",
                if n == 1 { "" } else { "s" },
                lines.join(", ")
            )
        }
    }
}

fn total_row(party: &str, votes: &u64, reason: TotalReason) -> String {
    let why = match reason {
        TotalReason::Name => format!("its name, \"{party}\", reads as a total"),
        TotalReason::SumOfOthers => format!("its {votes} votes are the sum of all the other rows"),
    };
    format!("the row \"{party}\" looks like the table's total, not a list: {why}; delete the row")
}
