//! Reading one CSV file: UTF-8 with positions, the header checked by name, and typed cells that
//! record every error instead of stopping at the first.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use csv::StringRecord;

use crate::error::{Error, ErrorKind, Position};

/// A CSV file with its documented columns located in the header: what positions in it are made
/// of. Its records are handed to the caller as they are read, not kept.
#[derive(Debug, Clone)]
pub(crate) struct Sheet {
    pub path: PathBuf,
    columns: &'static [&'static str],
    /// For each documented column, its index in the header.
    index: Vec<Option<usize>>,
}

/// The largest dataset file read (256 MiB: a hundred times the largest synthetic dataset's
/// biggest table); a larger one is [`ErrorKind::FileTooLarge`], not a read into all memory.
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// The whole file, or `None` when it holds more than [`MAX_FILE_BYTES`] (told by its length
/// first, and by reading at most one byte more for what has no length, such as a pipe).
fn read_bounded(path: &Path) -> std::io::Result<Option<Vec<u8>>> {
    let file = std::fs::File::open(path)?;
    if file.metadata()?.len() > MAX_FILE_BYTES {
        return Ok(None);
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= MAX_FILE_BYTES).then_some(bytes))
}

/// Reads a whole file as UTF-8, reporting every invalid byte (with `column` from `locate`) and a
/// byte-order mark.
pub(crate) fn read_text(path: &Path, errors: &mut Vec<Error>, locate: fn(&[u8]) -> u64) -> Option<String> {
    let bytes = match read_bounded(path) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            let kind = ErrorKind::FileTooLarge { limit: MAX_FILE_BYTES };
            errors.push(Error { position: Position::file(path.to_owned()), kind });
            return None;
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            errors.push(Error { position: Position::file(path.to_owned()), kind: ErrorKind::MissingFile });
            return None;
        }
        Err(e) => {
            let kind = ErrorKind::Io { message: e.to_string() };
            errors.push(Error { position: Position::file(path.to_owned()), kind });
            return None;
        }
    };
    let before = errors.len();
    let mut offset = 0;
    // The line of `counted` (the newlines before it counted once, not again for each error).
    let (mut counted, mut line) = (0, 1u64);
    while let Err(e) = std::str::from_utf8(&bytes[offset..]) {
        let at = offset + e.valid_up_to();
        let line_start = bytes[..at].iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        line += bytes[counted..at].iter().filter(|b| **b == b'\n').count() as u64;
        counted = at;
        let position = Position::cell(path.to_owned(), line, locate(&bytes[line_start..at]));
        errors.push(Error { position, kind: ErrorKind::NotUtf8 { byte: bytes[at] } });
        offset = at + e.error_len().unwrap_or(bytes.len() - at);
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        errors.push(Error { position: Position::cell(path.to_owned(), 1, 1), kind: ErrorKind::ByteOrderMark });
    }
    if errors.len() > before {
        return None;
    }
    String::from_utf8(bytes).ok()
}

/// The physical line of a record from its byte offset, counted in one pass over the file (the
/// `csv` crate's own line count goes wrong after blank CRLF lines).
#[derive(Debug)]
pub(crate) struct LineCounter {
    /// Bytes counted so far, and the line the next one is on.
    counted: usize,
    line: u64,
}

impl Default for LineCounter {
    fn default() -> LineCounter {
        LineCounter { counted: 0, line: 1 }
    }
}

impl LineCounter {
    /// The line of the first byte at or after `offset` that is not a line break (a record's
    /// offset can point at the blank lines before it). Offsets must not decrease.
    pub(crate) fn line_at(&mut self, bytes: &[u8], offset: u64) -> u64 {
        let mut start = usize::try_from(offset).unwrap_or(bytes.len()).min(bytes.len());
        while bytes.get(start).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            start += 1;
        }
        let start = start.max(self.counted);
        self.line += count_line_feeds(&bytes[self.counted..start]);
        self.counted = start;
        self.line
    }
}

fn count_line_feeds(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|b| **b == b'\n').count() as u64
}

/// The CSV field number (1-based) a line prefix ends in.
fn field_number(prefix: &[u8]) -> u64 {
    let mut quoted = false;
    let mut field = 1;
    for b in prefix {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => field += 1,
            _ => {}
        }
    }
    field
}

impl Sheet {
    /// Reads `dir/name` with exactly the documented `columns` (in any order), handing each record
    /// of the right width to `each` with its line and the vector for its cells' errors.
    ///
    /// The errors come in the order of a file read whole before it is looked at: those of the
    /// header, then the records of the wrong width, then those `each` records; a record the CSV
    /// reader fails on leaves only its own error.
    pub fn read(
        dir: &Path,
        name: &str,
        columns: &'static [&'static str],
        errors: &mut Vec<Error>,
        mut each: impl FnMut(&Sheet, u64, &StringRecord, &mut Vec<Error>),
    ) -> Option<Sheet> {
        let path = dir.join(name);
        let text = read_text(&path, errors, field_number)?;
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        let mut record = StringRecord::new();
        let io = |e: csv::Error, path: &Path| {
            // Reading from memory, after the UTF-8 check, the reader has nothing left to fail on.
            let line = e.position().map_or(0, |p| p.line());
            Error { position: Position::line(path.to_owned(), line), kind: ErrorKind::Io { message: e.to_string() } }
        };
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => {
                for column in columns {
                    errors.push(Error {
                        position: Position::line(path.clone(), 1),
                        kind: ErrorKind::MissingColumn { column },
                    });
                }
                return None;
            }
            Err(e) => {
                errors.push(io(e, &path));
                return None;
            }
        }
        // Errors of the header and of the records' widths, then those of the cells.
        let mut early = Vec::new();
        let mut cells = Vec::new();
        let header = &record;
        let mut index = vec![None; columns.len()];
        for (i, name) in header.iter().enumerate() {
            let position = Position::cell(path.clone(), 1, i as u64 + 1);
            match columns.iter().position(|c| *c == name) {
                Some(c) if index[c].is_some() => {
                    early.push(Error { position, kind: ErrorKind::DuplicateColumn { column: name.to_owned() } });
                }
                Some(c) => index[c] = Some(i),
                None => early.push(Error { position, kind: ErrorKind::UnknownColumn { column: name.to_owned() } }),
            }
        }
        for (c, column) in columns.iter().enumerate() {
            if index[c].is_none() {
                early.push(Error {
                    position: Position::line(path.clone(), 1),
                    kind: ErrorKind::MissingColumn { column },
                });
            }
        }
        let width = header.len() as u64;
        let sheet = Sheet { path, columns, index };
        let mut lines = LineCounter::default();
        loop {
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    errors.push(io(e, &sheet.path));
                    return None;
                }
            }
            let line = record.position().map_or(0, |p| lines.line_at(text.as_bytes(), p.byte()));
            let found = record.len() as u64;
            if found == width {
                each(&sheet, line, &record, &mut cells);
            } else {
                let kind = ErrorKind::FieldCount { expected: width, found };
                early.push(Error { position: Position::line(sheet.path.clone(), line), kind });
            }
        }
        errors.append(&mut early);
        errors.append(&mut cells);
        Some(sheet)
    }

    /// The cells of one record.
    pub fn cells<'a>(&'a self, line: u64, record: &'a StringRecord, errors: &'a mut Vec<Error>) -> Cells<'a> {
        Cells { sheet: self, record, line, errors }
    }

    /// The place of `column` among the documented columns.
    fn column(&self, column: &str) -> Option<usize> {
        self.columns.iter().position(|c| *c == column)
    }

    /// The position of a column in a line.
    pub fn at(&self, line: u64, column: &str) -> Position {
        let index = self.column(column).and_then(|c| self.index[c]);
        match index {
            Some(i) => Position::cell(self.path.clone(), line, i as u64 + 1),
            None => Position::line(self.path.clone(), line),
        }
    }
}

/// The cells of one record; reading a cell records its errors.
pub(crate) struct Cells<'a> {
    sheet: &'a Sheet,
    record: &'a StringRecord,
    pub line: u64,
    pub errors: &'a mut Vec<Error>,
}

/// A cell parser: the value, or what was expected.
pub(crate) type Parse<T> = fn(&str) -> Result<T, &'static str>;

impl Cells<'_> {
    pub fn raw(&self, column: &str) -> Option<&str> {
        let c = self.sheet.column(column)?;
        self.record.get(self.sheet.index[c]?)
    }

    /// Whether the cell holds anything.
    pub fn has(&self, column: &str) -> bool {
        self.raw(column).is_some_and(|v| !v.is_empty())
    }

    /// Records an error at a cell.
    pub fn error(&mut self, column: &str, kind: ErrorKind) {
        let position = self.sheet.at(self.line, column);
        self.errors.push(Error { position, kind });
    }

    /// Records an error at the line.
    pub fn line_error(&mut self, kind: ErrorKind) {
        self.errors.push(Error { position: Position::line(self.sheet.path.clone(), self.line), kind });
    }

    /// An optional cell: `None` when empty (unknown) or bad (error recorded).
    pub fn opt<T>(&mut self, column: &'static str, parse: Parse<T>) -> Option<T> {
        let raw = self.raw(column)?;
        if raw.is_empty() {
            return None;
        }
        match parse(raw) {
            Ok(value) => Some(value),
            Err(expected) => {
                let kind = ErrorKind::BadValue { field: column.to_owned(), expected, found: raw.to_owned() };
                self.error(column, kind);
                None
            }
        }
    }

    /// A required cell: an empty one is an error.
    pub fn req<T>(&mut self, column: &'static str, parse: Parse<T>) -> Option<T> {
        if self.raw(column).is_some_and(str::is_empty) {
            self.error(column, ErrorKind::MissingValue { field: column.to_owned() });
            return None;
        }
        self.opt(column, parse)
    }
}

impl Cells<'_> {
    /// A required id cell, kept once for all the rows that repeat it (a results table names each
    /// election, party and source on many rows).
    pub fn req_id(&mut self, column: &'static str, ids: &mut Interner) -> Option<Arc<str>> {
        self.req(column, is_slug)?;
        self.raw(column).map(|raw| ids.intern(raw))
    }
}

/// The ids read so far from one file, each held once.
#[derive(Debug, Default)]
pub(crate) struct Interner(hashbrown::HashSet<Arc<str>>);

impl Interner {
    /// The shared copy of `id`, made at its first sight.
    pub fn intern(&mut self, id: &str) -> Arc<str> {
        if let Some(known) = self.0.get(id) {
            return Arc::clone(known);
        }
        let new: Arc<str> = Arc::from(id);
        self.0.insert(Arc::clone(&new));
        new
    }
}

/// Whether a cell is an id (see [`slug`]), without copying it.
fn is_slug(text: &str) -> Result<(), &'static str> {
    slug_error(text).map_or(Ok(()), Err)
}

/// What is wrong with an id, if anything.
fn slug_error(text: &str) -> Option<&'static str> {
    // Words of lower-case letters and digits joined by single dashes: no dash first, last or
    // twice in a row (nothing at all counts as a dash last). One pass over the bytes.
    let wrong = Some("an id: lower-case letters and digits, words joined by single dashes");
    let mut after_dash = true;
    for byte in text.bytes() {
        match byte {
            b'-' if after_dash => return wrong,
            b'-' => after_dash = true,
            b'a'..=b'z' | b'0'..=b'9' => after_dash = false,
            _ => return wrong,
        }
    }
    if after_dash { wrong } else { None }
}

/// An id: a lower-case slug.
pub(crate) fn slug(text: &str) -> Result<String, &'static str> {
    match slug_error(text) {
        None => Ok(text.to_owned()),
        Some(expected) => Err(expected),
    }
}

fn count(text: &str) -> Option<u64> {
    let ok = text == "0" || (text.bytes().all(|b| b.is_ascii_digit()) && !text.starts_with('0') && !text.is_empty());
    ok.then(|| text.parse().ok()).flatten()
}

const COUNT: &str = "a whole number without sign, separator or leading zero";

pub(crate) fn count_u64(text: &str) -> Result<u64, &'static str> {
    count(text).ok_or(COUNT)
}

pub(crate) fn count_u32(text: &str) -> Result<u32, &'static str> {
    count(text).and_then(|n| u32::try_from(n).ok()).ok_or(COUNT)
}

pub(crate) fn position(text: &str) -> Result<u32, &'static str> {
    count(text).and_then(|n| u32::try_from(n).ok()).filter(|n| *n >= 1).ok_or("a position from 1 on")
}

pub(crate) fn year(text: &str) -> Result<u16, &'static str> {
    count(text).and_then(|n| u16::try_from(n).ok()).filter(|n| (1..=9999).contains(n)).ok_or("a year such as 2022")
}

/// A printed percentage: up to three digits, optional decimals, 0 to 100.
pub(crate) fn percent(text: &str) -> Result<maslihat_model::Decimal, &'static str> {
    const EXPECTED: &str = "a percentage as printed, from 0 to 100 with a decimal point, such as 68.11";
    let whole = text.split('.').next().unwrap_or("");
    if whole.is_empty() || whole.len() > 3 {
        return Err(EXPECTED);
    }
    let value: maslihat_model::Decimal = text.parse().map_err(|_| EXPECTED)?;
    let hundred = 100 * 10u64.pow(u32::from(value.scale()));
    if value.units() > hundred { Err(EXPECTED) } else { Ok(value) }
}

pub(crate) fn full_date(text: &str) -> Result<maslihat_model::Date, &'static str> {
    const EXPECTED: &str = "a date as YYYY-MM-DD";
    let date: maslihat_model::Date = text.parse().map_err(|_| EXPECTED)?;
    if date.precision() == maslihat_model::date::Precision::Day { Ok(date) } else { Err(EXPECTED) }
}

pub(crate) fn yes_no(text: &str) -> Result<bool, &'static str> {
    match text {
        "yes" => Ok(true),
        "no" => Ok(false),
        _ => Err("yes or no"),
    }
}

pub(crate) fn colour(text: &str) -> Result<maslihat_model::party::Colour, &'static str> {
    const EXPECTED: &str = "a colour as #RRGGBB in upper-case hex";
    if text.bytes().any(|b| b.is_ascii_lowercase()) {
        return Err(EXPECTED);
    }
    text.parse().map_err(|_| EXPECTED)
}

pub(crate) fn text(text: &str) -> Result<String, &'static str> {
    Ok(text.to_owned())
}
