//! The one place for escaping and plain-text formats, shared by the diagrams, the projection
//! chart, the report's formats and the CLI: XML and Markdown escaping, CSV written as the
//! `csv` crate writes it with one formula-defusing rule ([`defuse_formula`]), one column aligner
//! ([`align_columns`]), fixed decimals, numbers and thresholds for people.

use std::borrow::Cow;
use std::io;

use maslihat_apportion::Threshold;

#[cfg(test)]
pub(crate) mod csv_reference;
#[cfg(test)]
mod tests;

/// Escapes text for XML (SVG) and HTML content and attribute values: the five markup
/// characters become entities, and characters XML 1.0 forbids (control characters other than
/// tab and line breaks, U+FFFE, U+FFFF) are dropped.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_xml(&mut out, text);
    out
}

/// The bytes at which [`push_xml`] may replace or drop something: the five escaped characters,
/// control characters other than tab and line breaks, and the first bytes of C1 controls
/// (`C2`) and of U+FFFE and U+FFFF (`EF`).
const MAY_CHANGE_IN_XML: [bool; 256] = {
    let mut table = byte_table(&[b'&', b'<', b'>', b'"', b'\'', 0x7f, 0xc2, 0xef]);
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = !matches!(byte as u8, b'\t' | b'\n' | b'\r');
        byte += 1;
    }
    table
};

/// A table of the 256 byte values with `marked` set.
const fn byte_table(marked: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut rest = marked;
    while let [first, tail @ ..] = rest {
        table[*first as usize] = true;
        rest = tail;
    }
    table
}

/// [`xml`], appended to `out` (no string of its own).
pub fn push_xml(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(text.len());
    // Runs of text that stay as they are are copied whole; a byte that starts a character to
    // replace or drop ends the run.
    let (mut run_start, mut at) = (0, 0);
    while at < bytes.len() {
        // Most bytes stay: skip to the next that might not.
        match next_that_may_change(&bytes[at..]) {
            Some(offset) => at += offset,
            None => break,
        }
        let (replacement, width) = match bytes[at] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&apos;", 1),
            b'\t' | b'\n' | b'\r' => {
                at += 1;
                continue;
            }
            // Control characters: U+0000–U+001F and U+007F, and U+0080–U+009F (C2 80–C2 9F).
            0..=0x1f | 0x7f => ("", 1),
            0xc2 if matches!(bytes.get(at + 1), Some(0x80..=0x9f)) => ("", 2),
            // U+FFFE and U+FFFF (EF BF BE, EF BF BF).
            0xef if bytes.get(at + 1) == Some(&0xbf) && matches!(bytes.get(at + 2), Some(0xbe | 0xbf)) => ("", 3),
            _ => {
                at += 1;
                continue;
            }
        };
        out.push_str(&text[run_start..at]);
        out.push_str(replacement);
        at += width;
        run_start = at;
    }
    out.push_str(&text[run_start..]);
}

/// The place of the first byte of `bytes` that [`MAY_CHANGE_IN_XML`].
fn next_that_may_change(bytes: &[u8]) -> Option<usize> {
    first_marked(bytes, &MAY_CHANGE_IN_XML)
}

/// The place of the first byte of `bytes` that `marked` marks, looked up eight bytes at a time
/// (the lookups of a chunk joined without a branch each): most text has none.
fn first_marked(bytes: &[u8], marked: &[bool; 256]) -> Option<usize> {
    let mut offset = 0;
    for chunk in bytes.chunks_exact(8) {
        if chunk.iter().fold(false, |any, b| any | marked[usize::from(*b)]) {
            break;
        }
        offset += 8;
    }
    bytes[offset..].iter().position(|b| marked[usize::from(*b)]).map(|found| offset + found)
}

/// Escapes text for a Markdown table cell or paragraph: the characters that would start
/// markup or end a cell are backslash-escaped, line breaks become spaces.
pub fn markdown(text: &str) -> String {
    Markdown(text).to_string()
}

/// The bytes [`push_markdown`] escapes (all ASCII, so never inside a multi-byte character).
const MARKDOWN_ESCAPED: [bool; 256] = byte_table(b"\\|*_`[]<>#\n\r");

/// [`markdown`], appended to `out` (no string of its own, no formatter): the runs between the
/// characters to escape are copied whole.
pub fn push_markdown(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut run_start = 0;
    while let Some(offset) = first_marked(&bytes[run_start..], &MARKDOWN_ESCAPED) {
        let at = run_start + offset;
        let byte = bytes[at];
        out.push_str(&text[run_start..at]);
        match byte {
            b'\n' | b'\r' => out.push(' '),
            _ => {
                out.push('\\');
                out.push(char::from(byte));
            }
        }
        run_start = at + 1;
    }
    out.push_str(&text[run_start..]);
}

/// Text for a Markdown page, escaped by [`markdown`] when displayed: the one way the report's
/// Markdown interpolates text (`format!("| {} |", Markdown(name))`). Ids inside code spans and
/// link targets are not text and are not wrapped (a backslash would show there).
#[derive(Debug, Clone, Copy)]
pub struct Markdown<'a>(pub &'a str);

impl std::fmt::Display for Markdown<'_> {
    /// The escaping of [`markdown`], written in runs: the text between two characters to
    /// escape goes out whole, with no string of its own.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = self.0;
        let mut run_start = 0;
        for (at, c) in text.char_indices() {
            let replacement = match c {
                '\\' => "\\\\",
                '|' => "\\|",
                '*' => "\\*",
                '_' => "\\_",
                '`' => "\\`",
                '[' => "\\[",
                ']' => "\\]",
                '<' => "\\<",
                '>' => "\\>",
                '#' => "\\#",
                '\n' | '\r' => " ",
                _ => continue,
            };
            f.write_str(&text[run_start..at])?;
            f.write_str(replacement)?;
            run_start = at + c.len_utf8();
        }
        f.write_str(&text[run_start..])
    }
}

/// Escapes text for a wikitext template value: the characters that would end a parameter
/// (`|`), open or close a template or a link (`{`, `}`, `[`, `]`), start markup (`<`, `>`,
/// `&`) or, doubled, bold or italics (`''`) become character references; line breaks become
/// spaces. Plain names (`People's Party`) come out unchanged.
pub fn wikitext(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut after_quote = false;
    while let Some(c) = chars.next() {
        match c {
            '|' => out.push_str("&#124;"),
            '{' => out.push_str("&#123;"),
            '}' => out.push_str("&#125;"),
            '[' => out.push_str("&#91;"),
            ']' => out.push_str("&#93;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\'' if after_quote || chars.peek() == Some(&'\'') => out.push_str("&#39;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
        after_quote = c == '\'';
    }
    out
}

/// The fence of a Markdown code block holding `content`: three backticks, or more than the
/// longest run of backticks in it, so the content cannot close the block.
pub fn code_fence(content: &str) -> String {
    // Backticks are rare: jump from one to the next instead of looking at every character.
    let bytes = content.as_bytes();
    let (mut longest, mut at) = (0, 0);
    while let Some(found) = memchr::memchr(b'`', &bytes[at..]) {
        let start = at + found;
        let run = bytes[start..].iter().take_while(|&&b| b == b'`').count();
        longest = longest.max(run);
        at = start + run;
    }
    "`".repeat(longest.max(2) + 1)
}

/// Whether a spreadsheet would read a CSV field as a formula: it begins with `=`, `+`, `-`,
/// `@`, a tab or a carriage return, and is not a plain number such as `-3` or `+1.5`.
pub fn looks_like_formula(field: &str) -> bool {
    if !may_start_a_formula(field.as_bytes()) {
        return false;
    }
    let digits = field[1..].trim_start_matches(|c: char| c.is_ascii_digit());
    let plain_number = field.len() > 1
        && field[1..].starts_with(|c: char| c.is_ascii_digit())
        && (digits.is_empty()
            || digits
                .strip_prefix('.')
                .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit())));
    !plain_number
}

/// The one formula-defusing rule of every CSV file: a field that [`looks_like_formula`] is
/// prefixed with `'`, which spreadsheets show but do not evaluate.
pub fn defuse_formula(field: &str) -> Cow<'_, str> {
    if looks_like_formula(field) { Cow::Owned(format!("'{field}")) } else { Cow::Borrowed(field) }
}

/// The bytes for which the `csv` crate's default writer (`QuoteStyle::Necessary`, delimiter
/// `,`, quote `"`, terminator `\n`) quotes a field: the delimiter, the quote and both line
/// breaks (a reader takes `\r` for the end of a record too).
const CSV_QUOTED: [bool; 256] = byte_table(b",\"\r\n");

/// How many bytes [`CsvWriter`] gathers before it hands them to its output: more than a page's
/// CSV, so an election's files are written into memory once.
const CSV_FLUSH_AT: usize = 64 * 1024;

/// CSV (RFC 4180: quoted when a field holds a comma, a quote or a line break, quotes doubled,
/// lines ending in `\n`), every field defused by [`defuse_formula`]. Records may differ in
/// length. The bytes are those of the `csv` crate's default writer (`flexible`), written
/// straight into a buffer: a field that needs no quotes is copied as it is (one scan of its
/// bytes), a record made of one empty field (or of none) is written `""`, as `csv` does, so it
/// reads back as a record. The buffer goes to the output when it is long, at
/// [`CsvWriter::finish`], and when the writer is dropped (as `csv` does, errors ignored).
#[derive(Debug)]
pub struct CsvWriter<W: io::Write> {
    /// The output; `None` only once it has been given back.
    out: Option<W>,
    /// The text written and not yet handed to `out` (text: every piece is a `&str` or ASCII,
    /// so [`CsvWriter::into_text`] need not check it).
    buffer: String,
    /// How many times the buffer went to the output (a [`CsvRun`] before is gone).
    flushes: u64,
    /// Where the current record stands.
    state: RecordState,
}

/// Where a [`CsvWriter`]'s current record stands: all that the bytes of the next field or of
/// the record's end depend on, besides their own text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct RecordState {
    /// Whether the record has a field (the next one needs a delimiter).
    has_field: bool,
    /// Whether the record has written a byte (else it ends as `""`).
    has_bytes: bool,
    /// Whether the last field was quoted and its closing quote is still to write (`csv` writes
    /// it with the next delimiter or terminator, so a record left open ends without it).
    quote_open: bool,
}

/// A place in what a [`CsvWriter`] wrote: where a [`CsvRun`] starts or ends.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CsvMark {
    at: usize,
    flushes: u64,
    state: RecordState,
}

/// What a [`CsvWriter`] wrote between two marks (fields, record ends), which it can write
/// again by copying its bytes ([`CsvWriter::repeat`]): the same pieces written from the same
/// state give the same bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CsvRun {
    start: CsvMark,
    end: CsvMark,
}

impl<W: io::Write> CsvWriter<W> {
    /// A writer into `out`.
    pub fn new(out: W) -> CsvWriter<W> {
        CsvWriter { out: Some(out), buffer: String::with_capacity(1024), flushes: 0, state: RecordState::default() }
    }

    /// Writes one record.
    pub fn record<I, F>(&mut self, fields: I) -> io::Result<()>
    where
        I: IntoIterator<Item = F>,
        F: AsRef<str>,
    {
        for field in fields {
            self.field(field.as_ref())?;
        }
        self.end_record()
    }

    /// Writes one field of the current record (for records written field by field).
    pub fn field(&mut self, field: &str) -> io::Result<()> {
        self.start_field()?;
        let bytes = field.as_bytes();
        // Most fields (names, numbers, decimals) are neither formulas nor quoted: copied whole.
        let defuse = may_start_a_formula(bytes) && looks_like_formula(field);
        if defuse || first_marked(bytes, &CSV_QUOTED).is_some() {
            self.push_quoted_or_defused(field, defuse);
        } else {
            self.buffer.push_str(field);
        }
        self.state.has_bytes |= !bytes.is_empty();
        Ok(())
    }

    /// A field that is defused (`'` first) or quoted or both (the `'` is no byte to quote
    /// for: the field is quoted as it would be bare), inner quotes doubled.
    #[inline(never)]
    fn push_quoted_or_defused(&mut self, field: &str, defuse: bool) {
        let quoted = first_marked(field.as_bytes(), &CSV_QUOTED).is_some();
        if quoted {
            self.buffer.push('"');
        }
        if defuse {
            self.buffer.push('\'');
        }
        if quoted {
            push_doubling_quotes(&mut self.buffer, field);
            self.state.quote_open = true;
        } else {
            self.buffer.push_str(field);
        }
    }

    /// Writes one field holding `value` (as `itoa` writes it): an integer is never defused (its
    /// text starts with a digit, or is a minus and digits, a plain number) nor quoted, so it
    /// skips both checks.
    pub fn integer(&mut self, value: impl itoa::Integer) -> io::Result<()> {
        self.start_field()?;
        self.buffer.push_str(itoa::Buffer::new().format(value));
        self.state.has_bytes = true;
        Ok(())
    }

    /// Ends the record whose fields [`CsvWriter::field`] wrote.
    pub fn end_record(&mut self) -> io::Result<()> {
        self.make_room()?;
        self.close_quote();
        if !self.state.has_bytes {
            self.buffer.push_str("\"\"");
        }
        self.buffer.push('\n');
        self.state = RecordState::default();
        Ok(())
    }

    /// Hands the buffer to the output and flushes it, and gives back the output.
    pub fn finish(mut self) -> io::Result<W> {
        self.flush_buffer()?;
        let mut out = self.out.take().ok_or_else(given_back)?;
        out.flush()?;
        Ok(out)
    }

    /// What comes before a field: room in the buffer, the closing quote of the field before
    /// and the delimiter.
    #[inline]
    fn start_field(&mut self) -> io::Result<()> {
        self.make_room()?;
        self.close_quote();
        if self.state.has_field {
            self.buffer.push(',');
            self.state.has_bytes = true;
        }
        self.state.has_field = true;
        Ok(())
    }

    /// The closing quote of a quoted field, written with what comes after it (as `csv` does).
    #[inline]
    fn close_quote(&mut self) {
        if self.state.quote_open {
            self.buffer.push('"');
            self.state.quote_open = false;
        }
    }

    /// Hands a long buffer to the output.
    #[inline]
    fn make_room(&mut self) -> io::Result<()> {
        if self.buffer.len() >= CSV_FLUSH_AT { self.flush_buffer() } else { Ok(()) }
    }

    /// Hands the buffer to the output (not flushing the output).
    #[cold]
    fn flush_buffer(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        self.out.as_mut().ok_or_else(given_back)?.write_all(self.buffer.as_bytes())?;
        self.buffer.clear();
        self.flushes += 1;
        Ok(())
    }

    /// Where the writer stands: the start of a run to write again ([`CsvWriter::run_since`]).
    pub(crate) fn mark(&self) -> CsvMark {
        CsvMark { at: self.buffer.len(), flushes: self.flushes, state: self.state }
    }

    /// What was written since `start`.
    pub(crate) fn run_since(&self, start: CsvMark) -> CsvRun {
        CsvRun { start, end: self.mark() }
    }

    /// Writes `run` again as it was written, when its bytes are still in the buffer and the
    /// writer stands as it stood before them (the caller writes the same pieces again otherwise):
    /// whether it did. The caller vouches that the pieces are the same.
    pub(crate) fn repeat(&mut self, run: &CsvRun) -> bool {
        let CsvRun { start, end } = *run;
        let whole = start.flushes == self.flushes
            && end.flushes == self.flushes
            && start.at <= end.at
            && end.at <= self.buffer.len()
            && self.buffer.is_char_boundary(start.at)
            && self.buffer.is_char_boundary(end.at);
        if !whole || start.state != self.state {
            return false;
        }
        self.buffer.extend_from_within(start.at..end.at);
        self.state = end.state;
        true
    }
}

impl<W: io::Write> Drop for CsvWriter<W> {
    /// What was written goes to the output even unfinished, as with the `csv` crate's writer.
    fn drop(&mut self) {
        if let Some(out) = &mut self.out {
            let _ = out.write_all(self.buffer.as_bytes());
            let _ = out.flush();
        }
    }
}

/// Whether `bytes` starts as a formula may: with `=`, `+`, `-`, `@`, a tab or a carriage return
/// ([`looks_like_formula`]'s first test, on the first byte: every one of them is ASCII).
#[inline]
fn may_start_a_formula(bytes: &[u8]) -> bool {
    matches!(bytes.first(), Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r'))
}

/// The error of a writer whose output was given back (which [`CsvWriter`]'s methods, taking
/// the writer, do not let happen).
fn given_back() -> io::Error {
    io::Error::other("the CSV writer's output was already given back")
}

/// `text` appended to `out` with every quote doubled.
fn push_doubling_quotes(out: &mut String, text: &str) {
    let mut rest = text;
    // A quote is ASCII: the text either side of it is whole characters.
    while let Some(at) = memchr::memchr(b'"', rest.as_bytes()) {
        out.push_str(&rest[..=at]);
        out.push('"');
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

impl CsvWriter<Vec<u8>> {
    /// The CSV written into memory, as text (every field was a `&str`): the buffer itself, with
    /// no copy and no check, when nothing went to the output before.
    pub fn into_text(mut self) -> String {
        let mut out = self.out.take().unwrap_or_default();
        let buffer = std::mem::take(&mut self.buffer);
        if out.is_empty() {
            return buffer;
        }
        out.extend_from_slice(buffer.as_bytes());
        String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}

/// Records as CSV text (see [`CsvWriter`]).
pub fn csv_text<R, I, F>(records: R) -> String
where
    R: IntoIterator<Item = I>,
    I: IntoIterator<Item = F>,
    F: AsRef<str>,
{
    let mut writer = CsvWriter::new(Vec::new());
    for record in records {
        // Writing into memory does not fail, and records may differ in length.
        let _ = writer.record(record);
    }
    writer.into_text()
}

/// How a column's cells are aligned in [`align_columns`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Right,
}

/// `rows` (the first is the header) as aligned plain-text columns: each column as wide as its
/// widest cell (in characters), aligned as `align` says (columns beyond it to the left), two
/// spaces between columns, trailing spaces trimmed, every line ending in `\n`.
pub fn align_columns<R: AsRef<[String]>>(rows: &[R], align: &[Align]) -> String {
    let columns = rows.iter().map(|r| r.as_ref().len()).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().filter_map(|r| r.as_ref().get(c)).map(|cell| cell.chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .as_ref()
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                let pad = " ".repeat(widths[c] - cell.chars().count());
                match align.get(c).copied().unwrap_or_default() {
                    Align::Left => format!("{cell}{pad}"),
                    Align::Right => format!("{pad}{cell}"),
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// `value` with `places` fixed decimals; empty for a value that is unknown or not finite.
pub fn fixed(value: impl Into<Option<f64>>, places: usize) -> String {
    match value.into() {
        Some(value) if value.is_finite() => {
            let mut text = String::new();
            crate::decimal::Fixed(value, places).push_to(&mut text);
            text
        }
        _ => String::new(),
    }
}

/// Two values with 2 fixed decimals, for people: `1.23 / 4.56`; empty unless both are known.
pub fn fixed_pair(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) => format!("{} / {}", fixed(a, 2), fixed(b, 2)),
        _ => String::new(),
    }
}

/// A number of seats for people, `—` when unknown.
pub fn seats(seats: Option<u32>) -> String {
    seats.map_or_else(|| "—".to_owned(), |n| n.to_string())
}

/// Alternative numbers of seats for people: `4 or 15` (sources disagree), `—` when none is known.
pub fn seat_alternatives(seats: &[u32]) -> String {
    if seats.is_empty() {
        return "—".to_owned();
    }
    let mut out = String::with_capacity(seats.len() * 8);
    for (i, seats) in seats.iter().enumerate() {
        if i > 0 {
            out.push_str(" or ");
        }
        out.push_str(itoa::Buffer::new().format(*seats));
    }
    out
}

/// A number with its thousands grouped by a narrow no-break space, for people: `261 213`.
pub fn grouped(value: u64) -> String {
    let mut out = String::with_capacity(26);
    push_grouped(&mut out, value);
    out
}

/// Appends [`grouped`]'s text of `value` to `out`.
pub fn push_grouped(out: &mut String, value: u64) {
    let mut buffer = itoa::Buffer::new();
    let digits = buffer.format(value);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202F}');
        }
        out.push(c);
    }
}

/// An exact value for people: `10 814.8` (digits grouped, at most `places` decimals, trailing
/// zeros dropped); the exact fraction (`54074/5`) is the caller's to show on hover or in an
/// explanation.
pub fn readable(value: maslihat_apportion::Ratio, places: u32) -> String {
    let text = value.decimal(places);
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let fraction = fraction.trim_end_matches('0');
    let whole = whole.parse::<u64>().map_or_else(|_| whole.to_owned(), grouped);
    if fraction.is_empty() { whole } else { format!("{whole}.{fraction}") }
}

/// A threshold for people: `7 %`, `5.5 %`, `1000 votes`, `none`.
pub fn threshold(threshold: Threshold) -> String {
    match threshold {
        Threshold::Percent(percentage) => format!("{} %", percentage.per_cent_text()),
        other => other.to_string(),
    }
}

/// `value` rounded to 4 decimals, so JSON shows it as a short fixed decimal; `None` when not
/// finite.
pub fn round4(value: f64) -> Option<f64> {
    value.is_finite().then(|| (value * 10_000.0).round() / 10_000.0)
}

/// `text` with its first letter capitalised, to stand as a sentence.
pub fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}
