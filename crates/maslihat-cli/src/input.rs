//! Reading vote tables (CSV with a header) with errors that name file, line and column.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

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

/// A problem at a place in an input file: `file:line:column: message`.
#[derive(Debug)]
pub struct InputError {
    pub file: String,
    pub line: Option<u64>,
    pub column: Option<usize>,
    pub message: String,
}

impl InputError {
    pub fn new(file: &str, line: Option<u64>, column: Option<usize>, message: String) -> InputError {
        InputError { file: file.to_owned(), line, column, message }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for InputError {}

/// The positions of the named columns in a header row.
#[derive(Debug)]
pub struct Columns {
    pub indices: Vec<usize>,
}

/// Finds `wanted` columns (case-insensitive, trimmed) in `header`, or says which are missing.
pub fn find_columns(file: &str, header: &csv::ByteRecord, wanted: &[&str]) -> Result<Columns, InputError> {
    let names: Vec<String> = header.iter().map(|field| String::from_utf8_lossy(field).trim().to_lowercase()).collect();
    if let Some((column, _)) = header.iter().enumerate().find(|(_, field)| std::str::from_utf8(field).is_err()) {
        return Err(InputError::new(file, Some(1), Some(column + 1), "the header is not valid UTF-8".to_owned()));
    }
    let mut indices = Vec::with_capacity(wanted.len());
    let mut missing = Vec::new();
    for want in wanted {
        match names.iter().position(|name| name == want) {
            Some(index) => indices.push(index),
            None => missing.push(*want),
        }
    }
    if missing.is_empty() {
        return Ok(Columns { indices });
    }
    Err(InputError::new(
        file,
        Some(1),
        None,
        format!(
            "missing column{} {} (the header has: {}; needed: {})",
            if missing.len() == 1 { "" } else { "s" },
            missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", "),
            names.join(", "),
            wanted.join(", ")
        ),
    ))
}

/// A field as text, or an error naming its place when it is not UTF-8.
pub fn text_field<'r>(
    file: &str,
    record: &'r csv::ByteRecord,
    column: usize,
    what: &str,
) -> Result<&'r str, InputError> {
    let line = record.position().map(csv::Position::line);
    let bytes = record.get(column).unwrap_or_default();
    std::str::from_utf8(bytes).map(trim).map_err(|err| {
        InputError::new(
            file,
            line,
            Some(column + 1),
            format!("{what} is not valid UTF-8 (bad byte at offset {} of the field)", err.valid_up_to()),
        )
    })
}

/// `str::trim`, skipping its Unicode scan when both ends are plain ASCII letters or digits.
fn trim(text: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric());
    let bytes = text.as_bytes();
    if plain(bytes.first()) && plain(bytes.last()) { text } else { text.trim() }
}

/// Parses a whole number of zero or more; the error says what was found.
pub fn whole_number(file: &str, record: &csv::ByteRecord, column: usize, what: &str) -> Result<u64, InputError> {
    // Fast path: plain ASCII digits need no UTF-8 check.
    if let Some(value) = record.get(column).and_then(parse_whole_bytes) {
        return Ok(value);
    }
    let text = text_field(file, record, column, what)?;
    parse_whole(text).ok_or_else(|| {
        let line = record.position().map(csv::Position::line);
        let expected = if text.is_empty() {
            format!("{what} is empty: give a whole number (0 if none)")
        } else if text.starts_with('-') {
            format!("{what} must be a whole number of zero or more, found \"{text}\"")
        } else if text.bytes().all(|b| b.is_ascii_digit()) {
            format!("{what} is too large (at most {}), found \"{text}\"", u64::MAX)
        } else {
            format!("{what} must be a whole number, found \"{text}\"")
        };
        InputError::new(file, line, Some(column + 1), expected)
    })
}

/// Digits only, no sign, no separators, fitting `u64`.
pub fn parse_whole(text: &str) -> Option<u64> {
    parse_whole_bytes(text.as_bytes())
}

/// [`parse_whole`] on bytes (surrounding spaces allowed, as in a trimmed text field).
pub fn parse_whole_bytes(bytes: &[u8]) -> Option<u64> {
    let digits = bytes.trim_ascii();
    if digits.is_empty() {
        return None;
    }
    digits.iter().try_fold(0u64, |value, byte| {
        let digit = byte.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        value.checked_mul(10)?.checked_add(u64::from(digit))
    })
}

/// A CSV reader that keeps every row (no comment or blank-line skipping beyond the format's own)
/// and allows rows of different lengths, so a short row is reported by us, with its place.
pub fn csv_reader<R: Read>(reader: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(reader)
}

/// Wraps a CSV parse error with the file name and position.
pub fn csv_error(file: &str, err: &csv::Error) -> InputError {
    let line = err.position().map(csv::Position::line);
    let message = match err.kind() {
        csv::ErrorKind::Io(io) => format!("cannot read: {io}"),
        _ => format!("malformed CSV: {err}"),
    };
    InputError::new(file, line, None, message)
}

/// The error for a row whose number of fields differs from the header's. A row with too few
/// fields whose last field holds a line break is most likely an unclosed quote.
pub fn width_error(file: &str, record: &csv::ByteRecord, width: usize) -> InputError {
    let line = record.position().map(csv::Position::line);
    let fields = |n: usize| if n == 1 { "1 field".to_owned() } else { format!("{n} fields") };
    let mut message = format!("the row has {}, the header {}", fields(record.len()), fields(width));
    if record.len() < width && record.iter().next_back().is_some_and(|field| field.contains(&b'\n')) {
        message.push_str(" (a quote opened on this line is not closed)");
    } else if record.len() > width {
        message.push_str(" (is a comma used inside a number or an unquoted name?)");
    }
    InputError::new(file, line, None, message)
}

/// One list of a vote table.
#[derive(Debug, Clone)]
pub struct ListRow {
    pub party: String,
    pub votes: u64,
}

/// Reads a `party,votes` table (row order = registration order). Every row is checked; the
/// errors of all rows are returned together.
pub fn read_vote_table(path: &Path) -> Result<Vec<ListRow>, Vec<InputError>> {
    let rows = read_party_table(path, "votes", |file, record, column| whole_number(file, record, column, "votes"))?;
    Ok(rows.into_iter().map(|(party, votes)| ListRow { party, votes }).collect())
}

/// Reads a `party,share` table of poll shares (any non-negative scale, e.g. per cent).
pub fn read_share_table(path: &Path) -> Result<Vec<(String, f64)>, Vec<InputError>> {
    read_party_table(path, "share", |file, record, column| {
        let text = text_field(file, record, column, "the share")?;
        match text.trim_end_matches('%').trim().parse::<f64>() {
            Ok(share) if share.is_finite() && share >= 0.0 => Ok(share),
            _ => Err(InputError::new(
                file,
                record.position().map(csv::Position::line),
                Some(column + 1),
                format!("the share must be a number of zero or more such as 42.5, found \"{text}\""),
            )),
        }
    })
}

/// Reads a table with the columns `party` and `value_column` (others ignored), one row per
/// party, names unique; `parse` reads a value. Every row is checked and all errors returned.
fn read_party_table<T>(
    path: &Path,
    value_column: &str,
    parse: impl Fn(&str, &csv::ByteRecord, usize) -> Result<T, InputError>,
) -> Result<Vec<(String, T)>, Vec<InputError>> {
    let file = display_name(path);
    let reader = open(path).map_err(|err| vec![InputError::new(&file, None, None, format!("cannot open: {err}"))])?;
    let mut csv = csv_reader(reader);
    let mut records = csv.byte_records();
    let header = match records.next() {
        None => {
            let message = format!("the file is empty: expected a header with the columns party and {value_column}");
            return Err(vec![InputError::new(&file, None, None, message)]);
        }
        Some(Err(err)) => return Err(vec![csv_error(&file, &err)]),
        Some(Ok(header)) => header,
    };
    let columns = find_columns(&file, &header, &["party", value_column]).map_err(|err| vec![err])?;
    let (party_col, value_col) = (columns.indices[0], columns.indices[1]);
    let mut rows = Vec::new();
    let mut seen: Vec<(String, u64)> = Vec::new();
    let mut errors = Vec::new();
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                errors.push(csv_error(&file, &err));
                continue;
            }
        };
        let line = record.position().map_or(0, csv::Position::line);
        if record.len() != header.len() {
            errors.push(width_error(&file, &record, header.len()));
            continue;
        }
        let party = match text_field(&file, &record, party_col, "the party name") {
            Ok("") => {
                let message = "the party name is empty".to_owned();
                errors.push(InputError::new(&file, Some(line), Some(party_col + 1), message));
                None
            }
            Ok(name) => Some(name.to_owned()),
            Err(err) => {
                errors.push(err);
                None
            }
        };
        let value = parse(&file, &record, value_col).map_err(|err| errors.push(err)).ok();
        let Some(party) = party else { continue };
        if let Some((_, first)) = seen.iter().find(|(name, _)| *name == party) {
            let message = format!("party \"{party}\" appears twice (first on line {first})");
            errors.push(InputError::new(&file, Some(line), Some(party_col + 1), message));
            continue;
        }
        seen.push((party.clone(), line));
        if let Some(value) = value {
            rows.push((party, value));
        }
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(InputError::new(&file, None, None, "no lists: the file has a header but no rows".to_owned()));
    }
    if errors.is_empty() { Ok(rows) } else { Err(errors) }
}
