//! Vote tables as people paste them: a header naming the columns (`party,votes`; other columns
//! ignored), one row per list, separated by commas, semicolons or tabs, counts plain or grouped
//! by threes. Every problem is a [`TableError`] with its file, line and field; the batch format
//! (`election,seats,party,votes`) shares the pieces.

mod error;
mod number;
mod total;

use std::io::Read;
use std::path::Path;

use maslihat_analysis::Figure;
use maslihat_apportion::ListLimits;

use crate::sheet::LineCounter;

pub use error::{TableError, TableErrorKind, TotalReason, WidthHint};
pub use number::{Reading, digits_only, parse_whole, parse_whole_bytes, read_count};
pub use total::{TotalRows, find_total_row, reads_as_total};

/// The character between the fields of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separator {
    Comma,
    Semicolon,
    Tab,
}

impl Separator {
    pub fn byte(self) -> u8 {
        match self {
            Separator::Comma => b',',
            Separator::Semicolon => b';',
            Separator::Tab => b'\t',
        }
    }

    /// Its name in a sentence: "comma", "semicolon", "tab".
    pub fn name(self) -> &'static str {
        match self {
            Separator::Comma => "comma",
            Separator::Semicolon => "semicolon",
            Separator::Tab => "tab",
        }
    }

    /// "commas", "semicolons", "tabs".
    pub fn plural(self) -> &'static str {
        match self {
            Separator::Comma => "commas",
            Separator::Semicolon => "semicolons",
            Separator::Tab => "tabs",
        }
    }

    /// The separator of a table whose text starts with `start`: the most frequent of comma,
    /// semicolon and tab on the first line outside quotes (a comma when none is found or on a
    /// draw with it).
    pub fn detect(start: &[u8]) -> Separator {
        let line = start.split(|&b| b == b'\n').next().unwrap_or_default();
        let (mut quoted, mut counts) = (false, [0usize; 3]);
        for &byte in line {
            match byte {
                b'"' => quoted = !quoted,
                b',' if !quoted => counts[0] += 1,
                b';' if !quoted => counts[1] += 1,
                b'\t' if !quoted => counts[2] += 1,
                _ => {}
            }
        }
        let best = [Separator::Semicolon, Separator::Tab]
            .into_iter()
            .zip(&counts[1..])
            .filter(|(_, count)| **count > counts[0])
            .max_by_key(|(_, count)| **count);
        best.map_or(Separator::Comma, |(separator, _)| separator)
    }
}

/// A CSV reader that keeps every row (no comment or blank-line skipping beyond the format's own)
/// and allows rows of different lengths, so a short row is reported by us, with its place.
pub fn csv_reader<R: Read>(reader: R, separator: Separator) -> csv::Reader<R> {
    csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(separator.byte()).from_reader(reader)
}

/// The positions of the named columns in a header row, in the order asked for.
#[derive(Debug)]
pub struct Columns {
    pub indices: Vec<usize>,
}

/// Finds `wanted` columns (case-insensitive, trimmed) in `header`, or says which are missing.
pub fn find_columns(
    file: &Path,
    header: &csv::ByteRecord,
    wanted: &[&'static str],
    separator: Separator,
) -> Result<Columns, TableError> {
    if let Some((column, _)) = header.iter().enumerate().find(|(_, field)| std::str::from_utf8(field).is_err()) {
        return Err(TableError::at(file, Some(1), Some(column + 1), TableErrorKind::HeaderNotUtf8));
    }
    let names: Vec<String> = header.iter().map(|field| String::from_utf8_lossy(field).trim().to_lowercase()).collect();
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
    let kind = TableErrorKind::MissingColumns { missing, header: names, needed: wanted.to_vec(), separator };
    Err(TableError::at(file, Some(1), None, kind))
}

/// The line a record starts on (0 when unknown).
#[inline]
pub fn line_of(record: &csv::ByteRecord) -> u64 {
    record.position().map_or(0, csv::Position::line)
}

/// A field as trimmed text, or an error naming its place when it is not UTF-8.
#[inline]
pub fn text_field<'r>(
    file: &Path,
    record: &'r csv::ByteRecord,
    column: usize,
    what: &'static str,
) -> Result<&'r str, TableError> {
    text_bytes(file, record.get(column).unwrap_or_default(), line_of(record), column, what)
}

/// [`text_field`] on a field's bytes, at `line` (for readers that split rows themselves).
#[inline]
pub fn text_bytes<'r>(
    file: &Path,
    bytes: &'r [u8],
    line: u64,
    column: usize,
    what: &'static str,
) -> Result<&'r str, TableError> {
    std::str::from_utf8(bytes).map(trim).map_err(|err| {
        let kind = TableErrorKind::NotUtf8 { what, offset: err.valid_up_to() };
        TableError::at(file, Some(line), Some(column + 1), kind)
    })
}

/// `str::trim`, skipping its Unicode scan when both ends are plain ASCII letters or digits.
#[inline]
fn trim(text: &str) -> &str {
    let plain = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric());
    let bytes = text.as_bytes();
    if plain(bytes.first()) && plain(bytes.last()) { text } else { text.trim() }
}

/// Reads a field as a whole number of zero or more (digits grouped by threes accepted); the
/// error says what was found and how to write it.
#[inline]
pub fn whole_number(
    file: &Path,
    record: &csv::ByteRecord,
    column: usize,
    what: &'static str,
) -> Result<u64, TableError> {
    whole_number_bytes(file, record.get(column).unwrap_or_default(), line_of(record), column, what)
}

/// [`whole_number`] on a field's bytes, at `line` (for readers that split rows themselves).
#[inline]
pub fn whole_number_bytes(
    file: &Path,
    bytes: &[u8],
    line: u64,
    column: usize,
    what: &'static str,
) -> Result<u64, TableError> {
    // Fast path: plain ASCII digits need no UTF-8 check.
    if let Some(value) = parse_whole_bytes(bytes) {
        return Ok(value);
    }
    let text = text_bytes(file, bytes, line, column, what)?;
    let found = text.to_owned();
    let kind = match read_count(text) {
        Reading::Whole(value) => return Ok(value),
        Reading::Ambiguous => {
            TableErrorKind::AmbiguousNumber { what, digits: digits_only(text), found, others: vec![] }
        }
        Reading::TooLarge => TableErrorKind::TooLarge { what, found },
        Reading::NotANumber if text.is_empty() => TableErrorKind::EmptyNumber { what },
        Reading::NotANumber if text.starts_with('-') => TableErrorKind::Negative { what, found },
        Reading::NotANumber => TableErrorKind::NotWhole { what, found },
    };
    Err(TableError::at(file, Some(line), Some(column + 1), kind))
}

/// Wraps a CSV parse error with the file name and position.
pub fn csv_error(file: &Path, err: &csv::Error) -> TableError {
    let line = err.position().map(csv::Position::line);
    let kind = match err.kind() {
        csv::ErrorKind::Io(io) => TableErrorKind::CannotRead { message: io.to_string() },
        _ => TableErrorKind::Malformed { message: err.to_string() },
    };
    TableError::at(file, line, None, kind)
}

/// The error for a row whose number of fields differs from the header's, with what it most
/// likely means.
pub fn width_error(file: &Path, record: &csv::ByteRecord, width: usize) -> TableError {
    let hint = if record.len() < width && record.iter().next_back().is_some_and(|field| field.contains(&b'\n')) {
        WidthHint::UnclosedQuote
    } else if record.len() > width {
        comma_in_number(record).map_or(WidthHint::TooMany, |number| WidthHint::CommaInNumber { number })
    } else {
        WidthHint::None
    };
    let kind = TableErrorKind::FieldCount { found: record.len(), expected: width, hint };
    TableError::at(file, Some(line_of(record)), None, kind)
}

/// Neighbouring fields that read as one number cut at commas (`261`, `213`): `261,213`.
fn comma_in_number(record: &csv::ByteRecord) -> Option<String> {
    let fields: Vec<&[u8]> = record.iter().map(<[u8]>::trim_ascii).collect();
    let digits = |field: &[u8]| !field.is_empty() && field.iter().all(u8::is_ascii_digit);
    let start = (0..fields.len()).find(|&i| {
        (1..=3).contains(&fields[i].len())
            && digits(fields[i])
            && fields.get(i + 1).is_some_and(|next| next.len() == 3 && digits(next))
    })?;
    let groups = fields[start + 1..].iter().take_while(|field| field.len() == 3 && digits(field)).count();
    let number: Vec<&str> =
        fields[start..=start + groups].iter().map(|field| std::str::from_utf8(field).unwrap_or_default()).collect();
    Some(number.join(","))
}

/// One list of a vote table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRow {
    pub party: String,
    pub votes: u64,
    /// The line of its row.
    pub line: u64,
    /// From the optional columns `min`, `max`, `base` and `exempt` (none when absent or empty).
    pub limits: ListLimits,
}

/// The optional columns of a vote table, in the order of [`OptionalColumns::indices`].
/// The optional columns of a vote table: seat limits of a list.
pub const OPTIONAL_COLUMNS: [&str; 4] = ["min", "max", "base", "exempt"];

/// Reads a row's optional cells: an empty cell is no restriction; `min`, `max` and `base` are
/// whole numbers of seats, `exempt` yes or no.
fn read_limits(file: &Path, record: &csv::ByteRecord, optional: &[Option<usize>]) -> Result<ListLimits, TableError> {
    let line = line_of(record);
    let seats = |k: usize, what: &'static str| -> Result<Option<u32>, TableError> {
        let Some(column) = optional.get(k).copied().flatten() else { return Ok(None) };
        let text = text_field(file, record, column, what)?;
        if text.is_empty() {
            return Ok(None);
        }
        let value = whole_number(file, record, column, what)?;
        u32::try_from(value).map(Some).map_err(|_| {
            TableError::at(
                file,
                Some(line),
                Some(column + 1),
                TableErrorKind::TooLarge { what, found: text.to_owned() },
            )
        })
    };
    let min = seats(0, "min")?;
    let max = seats(1, "max")?;
    let base = seats(2, "base")?;
    let exempt = match optional.get(3).copied().flatten() {
        None => false,
        Some(column) => {
            let text = text_field(file, record, column, "exempt")?;
            match text.to_ascii_lowercase().as_str() {
                "" | "no" | "false" | "0" | "n" => false,
                "yes" | "true" | "1" | "y" | "x" => true,
                _ => {
                    let kind = TableErrorKind::NotYesNo { what: "exempt", found: text.to_owned() };
                    return Err(TableError::at(file, Some(line), Some(column + 1), kind));
                }
            }
        }
    };
    if let (Some(min), Some(max)) = (min, max)
        && min > max
    {
        let column = optional[0].map(|c| c + 1);
        return Err(TableError::at(file, Some(line), column, TableErrorKind::MinAboveMax { min, max }));
    }
    Ok(ListLimits { min: min.unwrap_or(0), max, base: base.unwrap_or(0), exempt })
}

/// A vote table read, with the separator its fields were split at.
#[derive(Debug, Clone)]
pub struct VoteTable {
    pub rows: Vec<ListRow>,
    pub separator: Separator,
}

/// Reads a `party,votes` table (row order = registration order) from `input`, named `file` in
/// errors. Every row is checked; the errors of all rows are returned together (cells written
/// alike in one error). A row that reads as a total is refused unless `total_rows` allows it.
///
/// Optional columns `min`, `max`, `base` (seats) and `exempt` (yes/no) give each list's seat
/// restrictions, base seats and exemption from the threshold; an empty cell is none.
pub fn read_vote_table(input: impl Read, file: &Path, total_rows: TotalRows) -> Result<VoteTable, Vec<TableError>> {
    let (rows, separator) =
        read_party_table(input, file, "votes", "party and votes", &OPTIONAL_COLUMNS, |record, column, optional| {
            let votes = whole_number(file, record, column, "votes");
            let limits = read_limits(file, record, optional);
            match (votes, limits) {
                (Ok(votes), Ok(limits)) => Ok((votes, limits)),
                (Err(err), _) | (_, Err(err)) => Err(err),
            }
        })?;
    let rows: Vec<ListRow> =
        rows.into_iter().map(|(party, (votes, limits), line)| ListRow { party, votes, line, limits }).collect();
    if total_rows == TotalRows::Refuse {
        total::check(file, &rows).map_err(|err| vec![err])?;
    }
    Ok(VoteTable { rows, separator })
}

/// One list of a vote table whose votes may be uncertain: a count, an interval (`27000..28000`),
/// a printed share (`83.61%`) or unknown (`?`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureRow {
    pub party: String,
    pub figure: Figure,
    /// The line of its row.
    pub line: u64,
    /// From the optional columns, as [`ListRow::limits`].
    pub limits: ListLimits,
}

/// Reads a `party,votes` table whose votes column may hold uncertain figures (see
/// [`FigureRow`]); counts are read as [`read_vote_table`] reads them. A row that reads as a
/// total is refused unless `total_rows` allows it (by its name; by its votes among the counts).
pub fn read_figure_table(
    input: impl Read,
    file: &Path,
    total_rows: TotalRows,
) -> Result<(Vec<FigureRow>, Separator), Vec<TableError>> {
    let (rows, separator) =
        read_party_table(input, file, "votes", "party and votes", &OPTIONAL_COLUMNS, |record, column, optional| {
            let text = text_field(file, record, column, "votes")?;
            let figure = if !(text == "?" || text.contains('%') || text.contains("..")) {
                whole_number(file, record, column, "votes").map(|count| Figure::Exact { count })?
            } else {
                text.parse::<Figure>().map_err(|err| {
                    let kind = TableErrorKind::NotFigure { found: text.to_owned(), reason: err.to_string() };
                    TableError::at(file, Some(line_of(record)), Some(column + 1), kind)
                })?
            };
            Ok((figure, read_limits(file, record, optional)?))
        })?;
    let rows: Vec<FigureRow> =
        rows.into_iter().map(|(party, (figure, limits), line)| FigureRow { party, figure, line, limits }).collect();
    if total_rows == TotalRows::Refuse {
        let counted: Vec<ListRow> = rows
            .iter()
            .map(|row| {
                let votes = if let Figure::Exact { count } = row.figure { count } else { 0 };
                ListRow { party: row.party.clone(), votes, line: row.line, limits: ListLimits::default() }
            })
            .collect();
        total::check(file, &counted).map_err(|err| vec![err])?;
    }
    Ok((rows, separator))
}

/// Reads a `party,share` table of poll shares (any non-negative scale, e.g. per cent; a
/// trailing `%` allowed).
pub fn read_share_table(input: impl Read, file: &Path) -> Result<Vec<(String, f64)>, Vec<TableError>> {
    let (rows, _) = read_party_table(input, file, "share", "party and share", &[], |record, column, _| {
        let text = text_field(file, record, column, "the share")?;
        match text.trim_end_matches('%').trim().parse::<f64>() {
            Ok(share) if share.is_finite() && share >= 0.0 => Ok(share),
            _ => {
                let kind = TableErrorKind::NotShare { found: text.to_owned() };
                Err(TableError::at(file, Some(line_of(record)), Some(column + 1), kind))
            }
        }
    })?;
    Ok(rows.into_iter().map(|(party, share, _)| (party, share)).collect())
}

/// The largest vote, figure or share table read (16 MiB, some hundred thousand lists); a larger
/// input is [`TableErrorKind::FileTooLarge`], not a read into all memory.
pub const MAX_TABLE_BYTES: u64 = 16 << 20;

/// A table's records after its header, each positioned at its physical line, with the
/// separator and the header; at most [`MAX_TABLE_BYTES`] read. Every table reader starts here.
pub(crate) type Records = (Vec<Result<csv::ByteRecord, TableError>>, Separator, csv::ByteRecord);

/// Reads a whole table (see [`Records`]); `columns` names what an empty file lacks.
pub(crate) fn read_records(input: impl Read, file: &Path, columns: &'static str) -> Result<Records, Vec<TableError>> {
    let mut bytes = Vec::new();
    input
        .take(MAX_TABLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| vec![TableError::file(file, TableErrorKind::CannotRead { message: err.to_string() })])?;
    if bytes.len() as u64 > MAX_TABLE_BYTES {
        return Err(vec![TableError::file(file, TableErrorKind::FileTooLarge { limit: MAX_TABLE_BYTES })]);
    }
    let separator = Separator::detect(&bytes);
    let mut csv = csv_reader(bytes.as_slice(), separator);
    // The `csv` reader's own line numbers go wrong after blank lines: every position is the
    // physical line of the record's first byte, counted from its byte offset.
    let mut lines = LineCounter::default();
    let mut physical = |record: csv::Result<csv::ByteRecord>| match record {
        Ok(mut record) => {
            if let Some(position) = record.position() {
                let mut position = position.clone();
                position.set_line(lines.line_at(&bytes, position.byte()));
                record.set_position(Some(position));
            }
            Ok(record)
        }
        Err(err) => {
            let mut error = csv_error(file, &err);
            if let Some(position) = err.position() {
                error.position.line = Some(lines.line_at(&bytes, position.byte()));
            }
            Err(error)
        }
    };
    let mut records = csv.byte_records();
    let header = match records.next().map(&mut physical) {
        None => return Err(vec![TableError::file(file, TableErrorKind::Empty { columns })]),
        Some(Err(err)) => return Err(vec![err]),
        Some(Ok(header)) => header,
    };
    Ok((records.map(physical).collect(), separator, header))
}

/// The rows of a table with the columns `party` and `value_column`, each with its line.
type PartyRows<T> = Vec<(String, T, u64)>;

/// Reads a table with the columns `party` and `value_column` (others ignored), one row per
/// party, names unique; `parse` reads a value. Every row is checked and all errors returned.
fn read_party_table<T>(
    input: impl Read,
    file: &Path,
    value_column: &'static str,
    columns: &'static str,
    optional: &[&'static str],
    parse: impl Fn(&csv::ByteRecord, usize, &[Option<usize>]) -> Result<T, TableError>,
) -> Result<(PartyRows<T>, Separator), Vec<TableError>> {
    let (records, separator, header) = read_records(input, file, columns)?;
    let found = find_columns(file, &header, &["party", value_column], separator).map_err(|err| vec![err])?;
    let (party_col, value_col) = (found.indices[0], found.indices[1]);
    let header_names: Vec<String> =
        header.iter().map(|field| String::from_utf8_lossy(field).trim().to_lowercase()).collect();
    let optional: Vec<Option<usize>> =
        optional.iter().map(|want| header_names.iter().position(|name| name == want)).collect();
    let mut rows = Vec::new();
    let mut seen: Vec<(String, u64)> = Vec::new();
    let mut errors = Errors::default();
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                errors.push(err);
                continue;
            }
        };
        let line = line_of(&record);
        if record.len() != header.len() {
            errors.push(width_error(file, &record, header.len()));
            continue;
        }
        let party = match text_field(file, &record, party_col, "the party name") {
            Ok("") => {
                errors.push(TableError::at(file, Some(line), Some(party_col + 1), TableErrorKind::EmptyName));
                None
            }
            Ok(name) => Some(name.to_owned()),
            Err(err) => {
                errors.push(err);
                None
            }
        };
        let value = parse(&record, value_col, &optional).map_err(|err| errors.push(err)).ok();
        let Some(party) = party else { continue };
        if let Some((_, first_line)) = seen.iter().find(|(name, _)| *name == party) {
            let kind = TableErrorKind::DuplicateParty { party, first_line: *first_line };
            errors.push(TableError::at(file, Some(line), Some(party_col + 1), kind));
            continue;
        }
        seen.push((party.clone(), line));
        if let Some(value) = value {
            rows.push((party, value, line));
        }
    }
    if rows.is_empty() && errors.0.is_empty() {
        errors.push(TableError::file(file, TableErrorKind::NoRows));
    }
    if errors.0.is_empty() { Ok((rows, separator)) } else { Err(errors.0) }
}

/// The errors of a table in file order, where the cells with an ambiguous number make one
/// error (at the first of them) that lists the others' lines.
#[derive(Debug, Default)]
struct Errors(Vec<TableError>, Option<usize>);

impl Errors {
    fn push(&mut self, error: TableError) {
        let TableErrorKind::AmbiguousNumber { .. } = *error.kind else { return self.0.push(error) };
        let line = error.position.line.unwrap_or_default();
        let first = self.1.and_then(|first| self.0.get_mut(first)).map(|first| first.kind.as_mut());
        if let Some(TableErrorKind::AmbiguousNumber { others, .. }) = first {
            others.push(line);
            return;
        }
        self.1 = Some(self.0.len());
        self.0.push(error);
    }
}
