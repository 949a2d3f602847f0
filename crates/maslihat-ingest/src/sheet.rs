//! Reading one CSV file: UTF-8 with positions, the header checked by name, and typed cells that
//! record every error instead of stopping at the first.

use std::path::{Path, PathBuf};

use csv::StringRecord;

use crate::error::{Error, ErrorKind, Position};

/// A CSV file read into records, with its documented columns located in the header.
#[derive(Debug)]
pub(crate) struct Sheet {
    pub path: PathBuf,
    columns: &'static [&'static str],
    /// For each documented column, its index in the header.
    index: Vec<Option<usize>>,
    /// Records with the line they start on.
    pub records: Vec<(u64, StringRecord)>,
}

/// Reads a whole file as UTF-8, reporting every invalid byte (with `column` from `locate`) and a
/// byte-order mark.
pub(crate) fn read_text(path: &Path, errors: &mut Vec<Error>, locate: fn(&[u8]) -> u64) -> Option<String> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
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
    while let Err(e) = std::str::from_utf8(&bytes[offset..]) {
        let at = offset + e.valid_up_to();
        let line_start = bytes[..at].iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let line = 1 + bytes[..at].iter().filter(|b| **b == b'\n').count() as u64;
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
    /// Reads `dir/name` with exactly the documented `columns` (in any order).
    pub fn read(dir: &Path, name: &str, columns: &'static [&'static str], errors: &mut Vec<Error>) -> Option<Sheet> {
        let path = dir.join(name);
        let text = read_text(&path, errors, field_number)?;
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        let mut records = Vec::new();
        for record in reader.records() {
            match record {
                Ok(record) => records.push((record.position().map_or(0, |p| p.line()), record)),
                // Reading from memory, after the UTF-8 check, the reader has nothing left to fail on.
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    let kind = ErrorKind::Io { message: e.to_string() };
                    errors.push(Error { position: Position::line(path.clone(), line), kind });
                    return None;
                }
            }
        }
        if records.is_empty() {
            for column in columns {
                errors.push(Error {
                    position: Position::line(path.clone(), 1),
                    kind: ErrorKind::MissingColumn { column },
                });
            }
            return None;
        }
        let (_, header) = records.remove(0);
        let mut index = vec![None; columns.len()];
        for (i, name) in header.iter().enumerate() {
            let position = Position::cell(path.clone(), 1, i as u64 + 1);
            match columns.iter().position(|c| *c == name) {
                Some(c) if index[c].is_some() => {
                    errors.push(Error { position, kind: ErrorKind::DuplicateColumn { column: name.to_owned() } });
                }
                Some(c) => index[c] = Some(i),
                None => errors.push(Error { position, kind: ErrorKind::UnknownColumn { column: name.to_owned() } }),
            }
        }
        for (c, column) in columns.iter().enumerate() {
            if index[c].is_none() {
                errors.push(Error {
                    position: Position::line(path.clone(), 1),
                    kind: ErrorKind::MissingColumn { column },
                });
            }
        }
        let width = header.len() as u64;
        records.retain(|(line, record)| {
            let found = record.len() as u64;
            if found != width {
                let kind = ErrorKind::FieldCount { expected: width, found };
                errors.push(Error { position: Position::line(path.clone(), *line), kind });
            }
            found == width
        });
        Some(Sheet { path, columns, index, records })
    }

    /// The cells of one record.
    pub fn cells<'a>(&'a self, line: u64, record: &'a StringRecord, errors: &'a mut Vec<Error>) -> Cells<'a> {
        Cells { sheet: self, record, line, errors }
    }

    /// The position of a column in a line.
    pub fn at(&self, line: u64, column: &str) -> Position {
        let index = self.columns.iter().position(|c| *c == column).and_then(|c| self.index[c]);
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
        let c = self.sheet.columns.iter().position(|c| *c == column)?;
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

/// An id: a lower-case slug.
pub(crate) fn slug(text: &str) -> Result<String, &'static str> {
    let ok = !text.is_empty()
        && text.split('-').all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()));
    if ok { Ok(text.to_owned()) } else { Err("an id: lower-case letters and digits, words joined by single dashes") }
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
