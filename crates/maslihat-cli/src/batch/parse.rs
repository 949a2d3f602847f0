//! Parsing one part of a batch file into elections, and joining an election that a part
//! boundary cut in two.

use std::hash::BuildHasher;
use std::ops::Range;
use std::path::Path;

use hashbrown::{DefaultHashBuilder, HashTable};

use super::chunks::count_lines;

use maslihat_ingest::vote_table::{
    Separator, TableError, TableErrorKind, csv_error, csv_reader, parse_whole_bytes, text_bytes, whole_number_bytes,
    width_error,
};

/// One election of a block: ranges into the block's text and lists.
#[derive(Debug, Clone)]
pub struct ElectionRef {
    pub id: Range<usize>,
    /// The hash of the id, for the check that an election's rows stand together.
    pub hash: u64,
    /// The line of its first row, counted from the block's first line (1 = first).
    pub line: u64,
    pub seats: u32,
    /// "Against all" votes and invalid ballots, from the optional columns (0 without them).
    pub against_all: u64,
    pub invalid: u64,
    pub lists: Range<usize>,
}

/// Whether the names and ids of a block may need quotes in CSV output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Quoting {
    /// Every field may hold a comma, a quote or a line break: look at each.
    #[default]
    PerField,
    /// No field holds any (a part without quotes, carriage returns or commas inside fields).
    NeverNeeded,
}

/// Elections in a few flat buffers, so parsing does not allocate per row.
#[derive(Debug, Default)]
pub struct Block {
    /// Ids and names are ranges into this: the part itself when it is plain UTF-8 without
    /// quotes, followed by copies of the fields read otherwise.
    pub text: String,
    pub elections: Vec<ElectionRef>,
    pub parties: Vec<Range<usize>>,
    pub votes: Vec<u64>,
    /// The line of each list's row, counted like `ElectionRef::line`.
    pub rows: Vec<u64>,
    /// The block's first line in the file.
    pub first_line: u64,
    pub quoting: Quoting,
    /// The names of the last election's lists as [`name_key`] words, for the "party twice"
    /// check of usual rows; they hold every list of it only while `keys_election` is the
    /// number of elections and there are as many keys as lists.
    name_keys: Vec<u64>,
    keys_election: usize,
}

impl Block {
    /// Empties the block, keeping its buffers.
    pub fn clear(&mut self) {
        self.text.clear();
        self.elections.clear();
        self.parties.clear();
        self.votes.clear();
        self.rows.clear();
        self.first_line = 1;
        self.quoting = Quoting::PerField;
        self.name_keys.clear();
        self.keys_election = 0;
    }

    pub fn id(&self, election: &ElectionRef) -> &str {
        &self.text[election.id.clone()]
    }

    pub fn party(&self, list: usize) -> &str {
        &self.text[self.parties[list].clone()]
    }

    /// The line of `election` in the file.
    pub fn line(&self, election: &ElectionRef) -> u64 {
        self.first_line + election.line - 1
    }
}

/// Where the columns are and how wide a row must be.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    pub election: usize,
    pub seats: usize,
    pub party: usize,
    pub votes: usize,
    pub against_all: Option<usize>,
    pub invalid: Option<usize>,
    pub width: usize,
    pub separator: Separator,
}

/// A bad row in a part, with the election it names when that could be read (so the election
/// it may have cut short is known).
#[derive(Debug)]
pub struct PartError {
    pub error: TableError,
    pub election: Option<String>,
}

/// Parses whole records into a block; the first bad row is the error. Lines in the block and
/// the error count from 1 at the first byte: set `first_line` and call [`relocate`] to place them.
/// `block` is cleared first, its buffers reused.
///
/// A part without quotes and without a bare carriage return (the usual machine-made file) is
/// split here, eight bytes at a time; one with them goes through the `csv` reader. Both count
/// physical lines (a blank line is skipped but counted). A plain part that is valid UTF-8 is
/// copied once into the block and its usual rows are read in place ([`add_usual_row`]); any
/// other row, and every row of a part that is not UTF-8, goes through [`add_row`], whose checks
/// and messages are the same for both paths.
pub fn parse_part(
    bytes: &[u8],
    file: &Path,
    layout: Layout,
    hasher: &DefaultHashBuilder,
    block: &mut Block,
) -> Result<(), PartError> {
    block.clear();
    let bare_return = memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n'));
    if bare_return || memchr::memchr(b'"', bytes).is_some() {
        return parse_quoted_part(bytes, file, layout, hasher, block);
    }
    let separator = layout.separator.byte();
    let Ok(text) = std::str::from_utf8(bytes) else {
        return split_rows(bytes, separator, layout.width, |fields, line| {
            let row = Row { bytes, fields, line };
            add_row(block, &row, file, layout, hasher).map_err(|error| row.part_error(error, layout))
        });
    };
    // Room for the names `join_cut_election` may add, and for the lists of rows of about
    // twenty bytes, so that neither grows by copying in the first chunks.
    block.text.reserve(text.len() + 1024);
    block.text.push_str(text);
    let rows_guess = bytes.len() / 20;
    block.parties.reserve(rows_guess);
    block.votes.reserve(rows_guess);
    block.rows.reserve(rows_guess);
    if separator == b',' || memchr::memchr(b',', bytes).is_none() {
        block.quoting = Quoting::NeverNeeded;
    }
    read_plain_rows(bytes, file, layout, hasher, block)
}

/// Reads the rows of a plain part already copied into `block.text`, row by row: a row that
/// continues the current election with the same bytes up to its name and votes as the usual
/// row before it is read from those two fields alone ([`add_continuing_row`]); any other row
/// is split into fields and read by [`add_usual_row`], or by [`add_row`] when that declines.
/// Lines are counted as [`split_rows`] counts them.
fn read_plain_rows(
    bytes: &[u8],
    file: &Path,
    layout: Layout,
    hasher: &DefaultHashBuilder,
    block: &mut Block,
) -> Result<(), PartError> {
    let separator = layout.separator.byte();
    let tail = Tail::of(layout);
    let mut fields: Vec<Range<usize>> = Vec::with_capacity(layout.width + 1);
    // The start and the length of the shared front (the fields before the name and votes) of
    // the last row read in place, while no other row has been read since.
    let mut previous: Option<(usize, usize)> = None;
    let (mut at, mut line) = (0, 1);
    while at < bytes.len() {
        if let (Some(tail), Some((start, front))) = (tail, previous)
            && let Some(end) = add_continuing_row(block, at, start, front, tail, separator, line)
        {
            previous = Some((at, front));
            at = end + 1;
            line += 1;
            continue;
        }
        let (next, line_feed) = split_row(bytes, at, separator, &mut fields);
        if !fields.is_empty() {
            if add_usual_row(block, &fields, line, layout, hasher) == Usual::Added {
                previous = tail.and_then(|_| front_length(&fields, at, layout.width)).map(|front| (at, front));
            } else {
                previous = None;
                let row = Row { bytes, fields: &fields, line };
                add_row(block, &row, file, layout, hasher).map_err(|error| row.part_error(error, layout))?;
            }
        }
        if line_feed {
            line += 1;
        }
        at = next;
    }
    Ok(())
}

/// Where the name and the votes stand when they are a row's last two fields (and every other
/// field, the id and seats among them, comes before them): the layout of
/// [`add_continuing_row`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tail {
    NameThenVotes,
    VotesThenName,
}

impl Tail {
    fn of(layout: Layout) -> Option<Tail> {
        let width = layout.width;
        let last_two = |a: usize, b: usize| width >= 3 && a == width - 2 && b == width - 1;
        if last_two(layout.party, layout.votes) {
            Some(Tail::NameThenVotes)
        } else if last_two(layout.votes, layout.party) {
            Some(Tail::VotesThenName)
        } else {
            None
        }
    }
}

/// The length of a row's front (its fields before the last two, with their separators) when
/// it is at most sixteen bytes, so that [`add_continuing_row`] compares it as two words.
fn front_length(fields: &[Range<usize>], row_start: usize, width: usize) -> Option<usize> {
    let front = fields.get(width.checked_sub(2)?)?.start.checked_sub(row_start)?;
    (1..=16).contains(&front).then_some(front)
}

/// Splits the row that starts at `at` into `fields` (ranges into `bytes`, a carriage return
/// before the line feed dropped; no field for a blank line); returns where the next row starts
/// and whether a line feed ended this one.
#[inline(always)]
fn split_row(bytes: &[u8], at: usize, separator: u8, fields: &mut Vec<Range<usize>>) -> (usize, bool) {
    fields.clear();
    let mut field_start = at;
    for (offset, byte) in Hits::new(bytes.get(at..).unwrap_or_default(), separator, b'\n') {
        let hit = at + offset;
        if byte == separator {
            fields.push(field_start..hit);
            field_start = hit + 1;
            continue;
        }
        let end = if hit > field_start && bytes[hit - 1] == b'\r' { hit - 1 } else { hit };
        if !fields.is_empty() || end > field_start {
            fields.push(field_start..end);
        }
        return (hit + 1, true);
    }
    // The last row when no line feed ends it (its last field may be empty: `a,b,`).
    let end = if bytes.len() > field_start && bytes.ends_with(b"\r") { bytes.len() - 1 } else { bytes.len() };
    if !fields.is_empty() || end > field_start {
        fields.push(field_start..end);
    }
    (bytes.len(), false)
}

/// The first separator or line feed at or after `from` in `text`, found eight bytes at a time;
/// `None` when there is none, or when the text ends less than eight bytes after a word without
/// one (a row near the end is left to [`split_row`]).
#[inline(always)]
fn next_hit(text: &[u8], from: usize, separator: u64) -> Option<(usize, u8)> {
    let mut start = from;
    loop {
        let word = u64::from_le_bytes(*text.get(start..)?.first_chunk::<8>()?);
        let found = equal_bytes(word, separator) | equal_bytes(word, u64::from(b'\n') * ONES);
        if found != 0 {
            let at = start + (found.trailing_zeros() / 8) as usize;
            return Some((at, *text.get(at)?));
        }
        start += 8;
    }
}

/// Adds the row at `at` of a part copied into `block.text` when its first `front` bytes are
/// those of the usual row at `start` (read in place into the current election, nothing read
/// since): then its id, seats, figures and any other field before the name and votes are that
/// row's, and only the name (plain at both ends, not met before in the election) and the
/// votes (plain digits) are read. Returns the row's line feed; `None`, the block unchanged,
/// for any other row (and one without a line feed or too near the text's end to be read a
/// word at a time).
#[inline(always)]
fn add_continuing_row(
    block: &mut Block,
    at: usize,
    start: usize,
    front: usize,
    tail: Tail,
    separator: u8,
    line: u64,
) -> Option<usize> {
    let text = block.text.as_bytes();
    let row = text.get(at..)?.first_chunk::<16>()?;
    let before = text.get(start..)?.first_chunk::<16>()?;
    let (row_low, row_high) =
        (u64::from_le_bytes(*row.first_chunk::<8>()?), u64::from_le_bytes(*row.last_chunk::<8>()?));
    let (before_low, before_high) =
        (u64::from_le_bytes(*before.first_chunk::<8>()?), u64::from_le_bytes(*before.last_chunk::<8>()?));
    let low_mask = if front >= 8 { u64::MAX } else { u64::MAX >> (64 - 8 * front) };
    let high_mask = if front > 8 { u64::MAX >> (128 - 8 * front) } else { 0 };
    if (row_low ^ before_low) & low_mask != 0 || (row_high ^ before_high) & high_mask != 0 {
        return None;
    }
    let repeated = u64::from(separator) * ONES;
    let first_start = at + front;
    let (first_end, byte) = next_hit(text, first_start, repeated)?;
    if byte != separator {
        return None;
    }
    let (line_feed, byte) = next_hit(text, first_end + 1, repeated)?;
    if byte != b'\n' {
        return None;
    }
    let second_end = if line_feed > first_end + 1 && text[line_feed - 1] == b'\r' { line_feed - 1 } else { line_feed };
    let (first, second) = (first_start..first_end, first_end + 1..second_end);
    let (party, votes) = match tail {
        Tail::NameThenVotes => (first, second),
        Tail::VotesThenName => (second, first),
    };
    if !plain_ends(&text[party.clone()]) {
        return None;
    }
    let votes = digits_at(text, votes)?;
    add_list_to_current(block, party, votes, line).then_some(line_feed)
}

/// Adds the list `party` with `votes`, read on `line`, to the current (last) election, unless
/// the election already has a list of that name: then `false`, the block unchanged. Names are
/// compared as [`name_key`] words while the keys hold every list of the election, byte by byte
/// otherwise.
#[inline(always)]
fn add_list_to_current(block: &mut Block, party: Range<usize>, votes: u64, line: u64) -> bool {
    let text = block.text.as_bytes();
    let Some(current) = block.elections.last() else { return false };
    let key = name_key(text, party.clone());
    let keys_in_step = block.keys_election == block.elections.len() && block.name_keys.len() == current.lists.len();
    let named_before = match key {
        Some(key) if keys_in_step => holds_key(&block.name_keys, key),
        _ => block.parties[current.lists.clone()].iter().any(|own| same_field(text, own.clone(), party.clone())),
    };
    if named_before {
        return false;
    }
    if let Some(key) = key.filter(|_| keys_in_step) {
        block.name_keys.push(key);
    }
    push_list(block, party, votes, line);
    true
}

/// Appends a list to the current (last) election of `block`.
#[inline(always)]
fn push_list(block: &mut Block, party: Range<usize>, votes: u64, line: u64) {
    block.parties.push(party);
    block.votes.push(votes);
    block.rows.push(line);
    if let Some(current) = block.elections.last_mut() {
        current.lists.end = block.parties.len();
    }
}

/// Splits a part without quotes or bare carriage returns into rows of fields (ranges into
/// `bytes`) and hands each to `row` with its line (1 = the part's first); a blank line is
/// skipped but counted, a carriage return before a line feed dropped.
fn split_rows(
    bytes: &[u8],
    separator: u8,
    width: usize,
    mut row: impl FnMut(&[Range<usize>], u64) -> Result<(), PartError>,
) -> Result<(), PartError> {
    let mut fields: Vec<Range<usize>> = Vec::with_capacity(width + 1);
    let (mut at, mut line) = (0, 1);
    while at < bytes.len() {
        let (next, _) = split_row(bytes, at, separator, &mut fields);
        if !fields.is_empty() {
            row(&fields, line)?;
        }
        (at, line) = (next, line + 1);
    }
    Ok(())
}

/// The positions (and bytes) of every byte equal to one of two, in order, found eight bytes at
/// a time: fields are a few bytes long, too short for a vector search per field to pay.
struct Hits<'a> {
    bytes: &'a [u8],
    first: u64,
    second: u64,
    /// Where the next word starts, and where the current one started.
    next_word: usize,
    word_start: usize,
    /// The high bit of every byte of the current word still to report.
    found: u64,
}

/// Every byte's low seven bits.
const LOW_SEVEN: u64 = 0x7f7f_7f7f_7f7f_7f7f;
/// One in every byte.
const ONES: u64 = 0x0101_0101_0101_0101;

impl<'a> Hits<'a> {
    fn new(bytes: &'a [u8], first: u8, second: u8) -> Self {
        let (first, second) = (u64::from(first) * ONES, u64::from(second) * ONES);
        Hits { bytes, first, second, next_word: 0, word_start: 0, found: 0 }
    }
}

/// The high bit of every byte of `word` equal to the byte repeated in `repeated`, and no other
/// bit (exact: no carry crosses a byte).
#[inline(always)]
fn equal_bytes(word: u64, repeated: u64) -> u64 {
    let diff = word ^ repeated;
    !(((diff & LOW_SEVEN) + LOW_SEVEN) | diff | LOW_SEVEN)
}

impl Iterator for Hits<'_> {
    type Item = (usize, u8);

    #[inline(always)]
    fn next(&mut self) -> Option<(usize, u8)> {
        while self.found == 0 {
            let start = self.next_word;
            let rest = self.bytes.get(start..)?;
            if rest.is_empty() {
                return None;
            }
            let take = rest.len().min(8);
            let word = match rest.first_chunk::<8>() {
                Some(word) => u64::from_le_bytes(*word),
                None => {
                    let mut word = [0u8; 8];
                    word[..take].copy_from_slice(rest);
                    u64::from_le_bytes(word)
                }
            };
            // Past the end the word holds zeros, which equal neither byte looked for (a
            // separator or a line feed), so they are never reported.
            self.found = equal_bytes(word, self.first) | equal_bytes(word, self.second);
            self.word_start = start;
            self.next_word = start + take;
        }
        let at = self.word_start + (self.found.trailing_zeros() / 8) as usize;
        self.found &= self.found - 1;
        Some((at, self.bytes[at]))
    }
}

/// Whether [`add_usual_row`] took the row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Usual {
    Added,
    /// Not a usual row: nothing was changed, [`add_row`] reads it.
    Declined,
}

/// Adds a usual row of a part copied into `block.text` (`fields` are ranges into it) without
/// copying a name: the row has the header's width, its id and name are plain printable ASCII
/// at both ends (nothing to trim), its numbers are plain digits (read as `add_row` reads them
/// first), and it starts an election or continues the current one with the same seats and
/// figures and a name not met before in it. Anything else is [`Usual::Declined`] before the
/// block is changed, for [`add_row`] to read with its exact checks and messages.
#[inline(always)]
fn add_usual_row(
    block: &mut Block,
    fields: &[Range<usize>],
    line: u64,
    layout: Layout,
    hasher: &DefaultHashBuilder,
) -> Usual {
    if fields.len() != layout.width {
        return Usual::Declined;
    }
    let text = block.text.as_bytes();
    let (Some(id), Some(party), Some(seats), Some(votes)) =
        (fields.get(layout.election), fields.get(layout.party), fields.get(layout.seats), fields.get(layout.votes))
    else {
        return Usual::Declined;
    };
    let (id, party) = (id.clone(), party.clone());
    if !plain_ends(&text[id.clone()]) || !plain_ends(&text[party.clone()]) {
        return Usual::Declined;
    }
    let figure = |column: Option<usize>| match column {
        None => Some(0),
        Some(column) => fields.get(column).and_then(|range| plain_digits(&text[range.clone()])),
    };
    let seats = plain_digits(&text[seats.clone()]).and_then(|seats| u32::try_from(seats).ok());
    let (Some(seats @ 1..), Some(votes), Some(against_all), Some(invalid)) =
        (seats, digits_at(text, votes.clone()), figure(layout.against_all), figure(layout.invalid))
    else {
        return Usual::Declined;
    };
    let current = block.elections.last().filter(|current| same_field(text, current.id.clone(), id.clone()));
    if let Some(current) = current {
        let same_figures = current.seats == seats && (current.against_all, current.invalid) == (against_all, invalid);
        if same_figures && add_list_to_current(block, party, votes, line) {
            return Usual::Added;
        }
        return Usual::Declined;
    }
    let key = name_key(text, party.clone());
    let hash = hasher.hash_one(&block.text[id.clone()]);
    let lists = block.parties.len()..block.parties.len();
    block.elections.push(ElectionRef { id, hash, line, seats, against_all, invalid, lists });
    block.name_keys.clear();
    block.name_keys.extend(key);
    block.keys_election = block.elections.len();
    push_list(block, party, votes, line);
    Usual::Added
}

/// Plain digits (one to nineteen, so no overflow) as a number: what `parse_whole_bytes` reads
/// from them; anything else (blanks, signs, grouping, longer numbers) is `None`, for
/// [`add_row`] to read.
#[inline(always)]
fn plain_digits(field: &[u8]) -> Option<u64> {
    if field.is_empty() || field.len() > 19 {
        return None;
    }
    let mut value = 0u64;
    for &byte in field {
        let digit = byte.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        value = value * 10 + u64::from(digit);
    }
    Some(value)
}

/// The digits of `text[range]` as [`plain_digits`] reads them; one to eight digits that the
/// text goes on after for a whole word are checked and read eight at a time.
#[inline(always)]
fn digits_at(text: &[u8], range: Range<usize>) -> Option<u64> {
    let len = range.len();
    let word = text.get(range.start..).and_then(<[u8]>::first_chunk::<8>);
    let (Some(word), 1..=8) = (word, len) else {
        return plain_digits(text.get(range)?);
    };
    let mask = u64::MAX >> (64 - 8 * len);
    let word = u64::from_le_bytes(*word) & mask;
    let (zeros, high_nibbles) = ((u64::from(b'0') * ONES) & mask, 0xf0f0_f0f0_f0f0_f0f0 & mask);
    // Every byte is 0x30..=0x3f, and still so with six added (so not past 0x39); a carry out of
    // a byte that is not a digit only comes after the first test has failed.
    if word & high_nibbles != zeros || (word + (0x0606_0606_0606_0606 & mask)) & high_nibbles != zeros {
        return None;
    }
    // The digits' values, the first (most significant) in the highest byte used, zeros below.
    let values = (word - zeros) << (64 - 8 * len);
    let pairs = ((values & 0x0f00_0f00_0f00_0f00) >> 8) + (values & 0x000f_000f_000f_000f) * 10;
    let quads = ((pairs & 0x00ff_0000_00ff_0000) >> 16) + (pairs & 0x0000_00ff_0000_00ff) * 100;
    Some(((quads & 0x0000_ffff_0000_0000) >> 32) + (quads & 0x0000_0000_0000_ffff) * 10_000)
}

/// Whether `keys` holds `key`: a loop without early exit over the few names of an election,
/// inlined (where `contains` is a call).
#[inline(always)]
fn holds_key(keys: &[u64], key: u64) -> bool {
    keys.iter().fold(false, |found, &own| found | (own == key))
}

/// A name of one to seven bytes as one word that tells it from every other such name: its
/// bytes and, in the top byte, its length (loaded from `text`, which goes on after the name).
/// `None` for longer names, and at the very end of the text.
#[inline(always)]
fn name_key(text: &[u8], name: Range<usize>) -> Option<u64> {
    let len = name.len();
    if !(1..=7).contains(&len) {
        return None;
    }
    let word = u64::from_le_bytes(*text.get(name.start..)?.first_chunk::<8>()?);
    Some(word & (u64::MAX >> (64 - 8 * len)) | (len as u64) << 56)
}

/// Whether a field is non-empty and starts and ends with printable ASCII other than a space
/// (so trimming leaves it as it is).
#[inline(always)]
fn plain_ends(field: &[u8]) -> bool {
    let printable = |byte: &u8| (b'!'..=b'~').contains(byte);
    field.first().is_some_and(printable) && field.last().is_some_and(printable)
}

/// Whether two fields of `text` hold the same bytes: up to eight bytes compared as one word
/// (loaded from the text, which goes on after a field, and masked to its length).
#[inline(always)]
fn same_field(text: &[u8], a: Range<usize>, b: Range<usize>) -> bool {
    let len = a.len();
    if len != b.len() {
        return false;
    }
    if (1..=8).contains(&len)
        && let (Some(x), Some(y)) = (
            text.get(a.start..).and_then(<[u8]>::first_chunk::<8>),
            text.get(b.start..).and_then(<[u8]>::first_chunk::<8>),
        )
    {
        let mask = u64::MAX >> (64 - 8 * len);
        return (u64::from_le_bytes(*x) ^ u64::from_le_bytes(*y)) & mask == 0;
    }
    text[a] == text[b]
}

/// `a == b`, the lengths and the first bytes compared inline before the library call.
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.first() == b.first() && a == b
}

/// [`parse_part`] through the `csv` reader, for quoted fields (which may hold separators and
/// line breaks) and bare carriage returns.
fn parse_quoted_part(
    bytes: &[u8],
    file: &Path,
    layout: Layout,
    hasher: &DefaultHashBuilder,
    block: &mut Block,
) -> Result<(), PartError> {
    let mut reader = csv_reader(bytes, layout.separator);
    let mut record = csv::ByteRecord::new();
    let mut fields: Vec<Range<usize>> = Vec::with_capacity(layout.width + 1);
    // The reader's own line count skips some blank lines: count line feeds up to each record.
    let (mut counted_to, mut line) = (0, 1);
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {
                let start = record.position().map_or(counted_to, |p| usize::try_from(p.byte()).unwrap_or(counted_to));
                let mut start = start.clamp(counted_to, bytes.len());
                // The position is taken before the blank lines the reader skips.
                while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
                    start += 1;
                }
                line += count_lines(&bytes[counted_to..start]);
                counted_to = start;
                fields.clear();
                fields.extend((0..record.len()).filter_map(|i| record.range(i)));
                let row = Row { bytes: record.as_slice(), fields: &fields, line };
                add_row(block, &row, file, layout, hasher).map_err(|error| row.part_error(error, layout))?;
            }
            Ok(false) => return Ok(()),
            Err(err) => return Err(PartError { error: csv_error(file, &err), election: None }),
        }
    }
}

/// One row: its fields as ranges into `bytes`, and its line counted from the part's first.
struct Row<'a> {
    bytes: &'a [u8],
    fields: &'a [Range<usize>],
    line: u64,
}

impl<'a> Row<'a> {
    /// The field in `column` (empty when the row is short).
    #[inline]
    fn get(&self, column: usize) -> &'a [u8] {
        self.fields.get(column).map_or(&[], |range| &self.bytes[range.clone()])
    }

    /// The row as a `csv` record at its line, for the messages that look at the whole row.
    fn record(&self) -> csv::ByteRecord {
        let mut record: csv::ByteRecord = (0..self.fields.len()).map(|i| self.get(i)).collect();
        let mut position = csv::Position::new();
        position.set_line(self.line);
        record.set_position(Some(position));
        record
    }

    #[inline]
    fn text(&self, file: &Path, column: usize, what: &'static str) -> Result<&'a str, TableError> {
        text_bytes(file, self.get(column), self.line, column, what)
    }

    #[inline]
    fn whole_number(&self, file: &Path, column: usize, what: &'static str) -> Result<u64, TableError> {
        whole_number_bytes(file, self.get(column), self.line, column, what)
    }

    fn part_error(&self, error: TableError, layout: Layout) -> PartError {
        let election = std::str::from_utf8(self.get(layout.election)).ok();
        PartError { error, election: election.map(|id| id.trim().to_owned()) }
    }
}

/// Moves an error found by [`parse_part`] to the part's first line in the file.
pub fn relocate(mut err: TableError, first_line: u64) -> TableError {
    err.position.line = err.position.line.map(|line| first_line + line - 1);
    err
}

/// Takes `block`'s last election out into a block of its own (to be finished by the next chunk).
pub fn detach_last(block: &mut Block) -> Option<Block> {
    let last = block.elections.pop()?;
    let mut alone = Block { first_line: block.first_line, quoting: block.quoting, ..Block::default() };
    alone.text.push_str(block.id(&last));
    for list in last.lists.clone() {
        let start = alone.text.len();
        alone.text.push_str(block.party(list));
        alone.parties.push(start..alone.text.len());
        alone.votes.push(block.votes[list]);
        alone.rows.push(block.rows[list]);
    }
    let count = last.lists.len();
    alone.elections.push(ElectionRef { id: 0..last.id.len(), lists: 0..count, ..last });
    Some(alone)
}

fn add_row(
    block: &mut Block,
    record: &Row<'_>,
    file: &Path,
    layout: Layout,
    hasher: &DefaultHashBuilder,
) -> Result<(), TableError> {
    let line = record.line;
    if record.fields.len() != layout.width {
        return Err(width_error(file, &record.record(), layout.width));
    }
    // Most rows continue the current election: then its id's bytes need no second check.
    let raw_id = record.get(layout.election);
    let same_raw_id = block.elections.last().is_some_and(|current| block.id(current).as_bytes() == raw_id);
    let new_id = if same_raw_id { None } else { Some(record.text(file, layout.election, "the election")?) };
    if new_id == Some("") {
        return Err(TableError::at(file, Some(line), Some(layout.election + 1), TableErrorKind::EmptyElection));
    }
    let seats = match parse_whole_bytes(record.get(layout.seats)).and_then(|s| u32::try_from(s).ok()) {
        Some(seats) if seats > 0 => seats,
        _ => {
            let found = record.text(file, layout.seats, "seats")?.to_owned();
            let kind = TableErrorKind::BadSeats { found };
            return Err(TableError::at(file, Some(line), Some(layout.seats + 1), kind));
        }
    };
    let party = record.text(file, layout.party, "the party name")?;
    if party.is_empty() {
        return Err(TableError::at(file, Some(line), Some(layout.party + 1), TableErrorKind::EmptyName));
    }
    let votes = record.whole_number(file, layout.votes, "votes")?;
    let optional = |column: Option<usize>, what: &'static str| match column {
        Some(column) => record.whole_number(file, column, what),
        None => Ok(0),
    };
    let against_all = optional(layout.against_all, "against_all")?;
    let invalid = optional(layout.invalid, "invalid")?;
    let continues = match new_id {
        None => true,
        Some(id) => block.elections.last().is_some_and(|current| block.id(current) == id),
    };
    if let (false, Some(id)) = (continues, new_id) {
        let start = block.text.len();
        block.text.push_str(id);
        let lists = block.parties.len()..block.parties.len();
        let hash = hasher.hash_one(id);
        block.elections.push(ElectionRef {
            id: start..block.text.len(),
            hash,
            line,
            seats,
            against_all,
            invalid,
            lists,
        });
    }
    let Some(current) = block.elections.last() else { return Ok(()) };
    check_same_seats(block, current, seats, file, line, layout)?;
    if (current.against_all, current.invalid) != (against_all, invalid) {
        let kind = TableErrorKind::FiguresDiffer {
            election: block.id(current).to_owned(),
            against_all: current.against_all,
            invalid: current.invalid,
            first_line: block.line(current),
            found_against_all: against_all,
            found_invalid: invalid,
        };
        return Err(TableError::at(file, Some(line), None, kind));
    }
    if current.lists.clone().any(|list| same_bytes(block.party(list).as_bytes(), party.as_bytes())) {
        let kind =
            TableErrorKind::PartyTwiceInElection { party: party.to_owned(), election: block.id(current).to_owned() };
        return Err(TableError::at(file, Some(line), Some(layout.party + 1), kind));
    }
    let start = block.text.len();
    block.text.push_str(party);
    block.parties.push(start..block.text.len());
    block.votes.push(votes);
    block.rows.push(line);
    if let Some(current) = block.elections.last_mut() {
        current.lists.end = block.parties.len();
    }
    Ok(())
}

fn check_same_seats(
    block: &Block,
    current: &ElectionRef,
    seats: u32,
    file: &Path,
    line: u64,
    layout: Layout,
) -> Result<(), TableError> {
    if current.seats == seats {
        return Ok(());
    }
    let kind = TableErrorKind::SeatsDiffer {
        election: block.id(current).to_owned(),
        seats: current.seats,
        first_line: block.line(current),
        found: seats,
    };
    Err(TableError::at(file, Some(line), Some(layout.seats + 1), kind))
}

/// Moves the rows of `next`'s first election onto `previous`'s last election when they are
/// the same election cut by a part boundary; returns whether it did. Checks that the two
/// halves agree (seats, no party twice).
pub fn join_cut_election(
    previous: &mut Block,
    next: &mut Block,
    file: &Path,
    layout: Layout,
) -> Result<bool, TableError> {
    let (Some(last), Some(first)) = (previous.elections.last(), next.elections.first()) else { return Ok(false) };
    if previous.id(last) != next.id(first) {
        return Ok(false);
    }
    let first = next.elections.remove(0);
    let line = next.line(&first);
    if next.quoting == Quoting::PerField {
        previous.quoting = Quoting::PerField;
    }
    let last = last.clone();
    if (last.against_all, last.invalid) != (first.against_all, first.invalid) {
        let kind = TableErrorKind::FiguresDiffer {
            election: previous.id(&last).to_owned(),
            against_all: last.against_all,
            invalid: last.invalid,
            first_line: previous.line(&last),
            found_against_all: first.against_all,
            found_invalid: first.invalid,
        };
        return Err(TableError::at(file, Some(line), None, kind));
    }
    let seats_message = check_same_seats(previous, &last, first.seats, file, line, layout);
    seats_message.map_err(|mut err| {
        err.position.line = Some(line);
        err
    })?;
    for list in first.lists.clone() {
        let party = next.party(list);
        let row_line = next.first_line + next.rows[list] - 1;
        if previous.parties[last.lists.clone()].iter().any(|own| &previous.text[own.clone()] == party) {
            let kind = TableErrorKind::PartyTwiceInElection {
                party: party.to_owned(),
                election: previous.id(&last).to_owned(),
            };
            return Err(TableError::at(file, Some(row_line), Some(layout.party + 1), kind));
        }
        let start = previous.text.len();
        previous.text.push_str(party);
        previous.parties.push(start..previous.text.len());
        previous.votes.push(next.votes[list]);
        // Lines in `previous` count from its own first line.
        previous.rows.push(row_line + 1 - previous.first_line);
    }
    if let Some(last) = previous.elections.last_mut() {
        last.lists.end = previous.parties.len();
    }
    Ok(true)
}

/// Every election id met so far, kept to catch an election whose rows are not together.
///
/// While every id comes after the one before it in shortlex order (shorter first, then byte
/// by byte: `e9` before `e10`, as numbered ids usually come), the ids are all different and no
/// table is kept: an id is new when it comes after the last, and one that does not is looked
/// up by bisection. The first new id out of that order builds the table from every id so far.
///
/// The table holds, per id, its number and the high half of its hash, and is hashed by that
/// half alone: a lookup reads the id's bytes only when the halves agree (a repeated id, or one
/// chance in 2^32), and growing the table hashes no id again.
#[derive(Debug)]
pub struct SeenIds {
    /// The ids one after another.
    text: String,
    /// Where each id ends in `text` (it starts where the one before it ends).
    ends: Vec<u32>,
    /// The high half of each id's hash.
    highs: Vec<u32>,
    /// Whether every id so far came after the one before it in shortlex order (and the table
    /// is empty).
    ordered: bool,
    /// `(number, high half of the hash)` of each id, once the ids are out of order.
    table: HashTable<(u32, u32)>,
}

impl Default for SeenIds {
    fn default() -> Self {
        SeenIds { text: String::new(), ends: Vec::new(), highs: Vec::new(), ordered: true, table: HashTable::new() }
    }
}

/// The table's hash of an id whose hash has `high` as its high half.
#[inline]
fn table_hash(high: u32) -> u64 {
    u64::from(high) << 32 | u64::from(high)
}

/// Shortlex order: the shorter first, then byte by byte.
#[inline]
fn shortlex(a: &str, b: &str) -> std::cmp::Ordering {
    a.len().cmp(&b.len()).then_with(|| a.as_bytes().cmp(b.as_bytes()))
}

impl SeenIds {
    /// The id numbered `number`.
    fn id<'a>(text: &'a str, ends: &[u32], number: usize) -> Option<&'a str> {
        let start = match number.checked_sub(1) {
            Some(before) => *ends.get(before)? as usize,
            None => 0,
        };
        text.get(start..*ends.get(number)? as usize)
    }

    /// Records `id` (with its `hash`, the same for the same id); false if it was recorded
    /// before. Ids beyond 4 GiB of text in all are not recorded (and so not checked).
    pub fn insert(&mut self, id: &str, hash: u64) -> bool {
        let high = (hash >> 32) as u32;
        if self.ordered {
            let count = self.ends.len();
            let last = count.checked_sub(1).and_then(|last| SeenIds::id(&self.text, &self.ends, last));
            if last.is_none_or(|last| shortlex(last, id).is_lt()) {
                self.record(id, high);
                return true;
            }
            // Out of order: met before if it is among the ordered ids.
            let (text, ends) = (&self.text, &self.ends);
            let (mut low, mut up) = (0, count);
            while low < up {
                let middle = low + (up - low) / 2;
                match SeenIds::id(text, ends, middle).map(|own| shortlex(own, id)) {
                    Some(std::cmp::Ordering::Less) => low = middle + 1,
                    Some(std::cmp::Ordering::Greater) => up = middle,
                    _ => return false,
                }
            }
            self.ordered = false;
            self.table.reserve(count + 1, |&(_, high)| table_hash(high));
            for (number, &own) in (0..).zip(&self.highs) {
                self.table.insert_unique(table_hash(own), (number, own), |&(_, high)| table_hash(high));
            }
            self.highs = Vec::new();
        }
        let (text, ends) = (&self.text, &self.ends);
        let same = |&(number, own): &(u32, u32)| own == high && SeenIds::id(text, ends, number as usize) == Some(id);
        if self.table.find(table_hash(high), same).is_some() {
            return false;
        }
        if let Some(number) = self.record(id, high) {
            self.table.insert_unique(table_hash(high), (number, high), |&(_, high)| table_hash(high));
        }
        true
    }

    /// Appends `id` to the ids (and its hash's high half, while they are in order); its number,
    /// or `None` beyond 4 GiB of ids (then it is not recorded).
    fn record(&mut self, id: &str, high: u32) -> Option<u32> {
        let (Ok(number), Ok(end)) = (u32::try_from(self.ends.len()), u32::try_from(self.text.len() + id.len())) else {
            return None;
        };
        self.text.push_str(id);
        self.ends.push(end);
        if self.ordered {
            self.highs.push(high);
        }
        Some(number)
    }

    /// Makes room for `more` ids at once, instead of growing step by step.
    pub fn reserve(&mut self, more: usize) {
        self.ends.reserve(more);
        if self.ordered {
            self.highs.reserve(more);
        } else {
            self.table.reserve(more, |&(_, high)| table_hash(high));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A list as read: name, votes, line.
    type SeenList = (String, u64, u64);
    /// An election as read: id, hash, line, seats, against all, invalid, lists.
    type SeenElection = (String, u64, u64, u32, u64, u64, Vec<SeenList>);

    /// What a parsed block says, whatever its text buffer holds.
    #[derive(Debug, PartialEq)]
    struct Seen {
        elections: Vec<SeenElection>,
        error: Option<(TableError, Option<String>)>,
    }

    fn seen(block: &Block, result: Result<(), PartError>) -> Seen {
        let elections = block
            .elections
            .iter()
            .map(|e| {
                let lists =
                    e.lists.clone().map(|l| (block.party(l).to_owned(), block.votes[l], block.rows[l])).collect();
                (block.id(e).to_owned(), e.hash, e.line, e.seats, e.against_all, e.invalid, lists)
            })
            .collect();
        Seen { elections, error: result.err().map(|err| (err.error, err.election)) }
    }

    fn layout(separator: Separator, optional: bool) -> Layout {
        let (against_all, invalid, width) = if optional { (Some(4), Some(5), 6) } else { (None, None, 4) };
        Layout { election: 0, seats: 1, party: 2, votes: 3, against_all, invalid, width, separator }
    }

    /// Rows from a small vocabulary that meets every check: ids and names with blanks around
    /// them, empty, Cyrillic or not UTF-8; numbers grouped, signed, huge or not numbers; rows
    /// short or long; blank lines and CRLF.
    fn rows() -> impl Strategy<Value = Vec<(usize, usize, usize, usize, usize, usize, usize)>> {
        prop::collection::vec((0..8usize, 0..7usize, 0..13usize, 0..8usize, 0..4usize, 0..3usize, 0..10usize), 0..30)
    }

    /// Ids and names of up to seven bytes are compared as words, longer ones byte by byte:
    /// both kinds, and long ones that differ only past their eighth byte.
    const IDS: [&[u8]; 8] = [b"e1", b"e1", b"e2", b" e2", b"", b"\xd0\xb0", b"district-1", b"district-2"];
    const SEATS: [&[u8]; 7] = [b"3", b"3", b"2", b" 3", b"0", b"x", b"4294967296"];
    const PARTIES: [&[u8]; 13] = [
        b"A",
        b"B",
        b"C",
        b" A",
        b"",
        b"Total",
        b"\xff",
        b"\xd0\x90 b",
        b"Seven77",
        b"Eight888",
        b"Ninebyte1",
        b"Ninebyte2",
        b"A ",
    ];
    const VOTES: [&[u8]; 8] = [b"5", b"120", b"0", b"1 234", b"-1", b"", b"99999999999999999999", b"7 "];
    const FIGURES: [&[u8]; 4] = [b"0", b"0", b"4", b"x"];

    fn file(rows: &[(usize, usize, usize, usize, usize, usize, usize)], separator: u8, optional: bool) -> Vec<u8> {
        let mut bytes = Vec::new();
        for &(id, seats, party, votes, figure, shape, ending) in rows {
            let mut fields = vec![IDS[id], SEATS[seats], PARTIES[party], VOTES[votes]];
            if optional {
                fields.extend([FIGURES[figure], FIGURES[0]]);
            }
            match shape {
                1 => {
                    fields.pop();
                }
                2 if ending > 6 => fields.push(b"extra"),
                _ => {}
            }
            bytes.extend(fields.join(&separator));
            match ending {
                0 => bytes.extend(b"\r\n"),
                1 => bytes.extend(b"\n\n"),
                _ => bytes.push(b'\n'),
            }
        }
        bytes
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// The in-place reading of plain rows gives what the `csv` reader's path gives: the same
        /// elections, names, lines and the same first error.
        #[test]
        fn plain_rows_read_like_the_csv_reader(
            rows in rows(),
            separator in prop::sample::select(vec![Separator::Comma, Separator::Semicolon, Separator::Tab]),
            optional: bool,
            cut_last_line_feed: bool,
        ) {
            let mut bytes = file(&rows, separator.byte(), optional);
            if cut_last_line_feed && bytes.last() == Some(&b'\n') {
                bytes.pop();
            }
            prop_assert_reads_alike(&bytes, layout(separator, optional))?;
        }

        /// The same over files of mostly usual rows (elections of a few lists, names of up to
        /// seven bytes and longer, a name now and then twice in its election or with a blank
        /// around it, a blank line, CRLF), in layouts with the name and votes last (either
        /// way round, read from those two fields after the first row) and not.
        #[test]
        fn usual_rows_read_like_the_csv_reader(
            rows in prop::collection::vec((0..3usize, 0..9usize, 0..1000u32, 0..2usize, 0..12usize), 0..40),
            shape in 0..4usize,
            cut_last_line_feed: bool,
        ) {
            const IDS: [&str; 3] = ["e1", "e2", "district-7"];
            const NAMES: [&str; 9] = ["A", "B", "A", "Seven77", "Eight888", "Ninebyte1", "Ninebyte2", " B", "C "];
            const SEATS: [&str; 2] = ["3", "12"];
            // Columns: election, seats, party, votes, and against_all and invalid when wider.
            let (columns, width): ([usize; 6], usize) = match shape {
                0 => ([0, 1, 2, 3, 4, 5], 4),
                1 => ([1, 0, 3, 2, 4, 5], 4),
                2 => ([0, 1, 4, 5, 2, 3], 6),
                _ => ([0, 1, 2, 3, 4, 5], 6),
            };
            let mut text = String::new();
            for (id, name, votes, seats, ending) in rows {
                let values = [IDS[id], SEATS[seats], NAMES[name], &votes.to_string(), "0", "7"];
                let mut row = vec![""; width];
                for (value, column) in values.iter().zip(columns).take(width) {
                    row[column] = value;
                }
                text.push_str(&row.join(","));
                text.push_str(match ending {
                    0 => "\r\n",
                    1 => "\n\n",
                    _ => "\n",
                });
            }
            if cut_last_line_feed {
                text.pop();
            }
            let layout = Layout {
                election: columns[0],
                seats: columns[1],
                party: columns[2],
                votes: columns[3],
                against_all: (width == 6).then_some(columns[4]),
                invalid: (width == 6).then_some(columns[5]),
                width,
                separator: Separator::Comma,
            };
            prop_assert_reads_alike(text.as_bytes(), layout)?;
        }
    }

    /// [`parse_part`] and the `csv` reader's path read `bytes` alike (the same elections, names,
    /// votes, lines, hashes and the same first error); a block read without quoting holds no
    /// field that needs quotes.
    fn prop_assert_reads_alike(bytes: &[u8], layout: Layout) -> Result<(), TestCaseError> {
        let hasher = DefaultHashBuilder::default();
        let file = Path::new("t.csv");
        let mut plain = Block::default();
        let plain_result = parse_part(bytes, file, layout, &hasher, &mut plain);
        let mut reader = Block::default();
        reader.clear();
        let reader_result = parse_quoted_part(bytes, file, layout, &hasher, &mut reader);
        prop_assert_eq!(seen(&plain, plain_result), seen(&reader, reader_result));
        if plain.quoting == Quoting::NeverNeeded {
            let names = plain.parties.iter().map(|r| &plain.text[r.clone()]);
            let ids = plain.elections.iter().map(|e| plain.id(e));
            for text in names.chain(ids) {
                prop_assert!(!text.contains([',', '"', '\n', '\r']), "{text:?} needs quotes");
            }
        }
        Ok(())
    }

    proptest! {
        /// Digits read eight at a time are the digits read one by one: every length, digits
        /// and the bytes around them, near the end of the text too.
        #[test]
        fn digits_read_word_wise_as_one_by_one(
            text in prop::collection::vec(
                prop_oneof![
                    4 => b'0'..=b'9',
                    1 => prop::sample::select(b"/:?@ ,\n\xff\x00\x30\x3a\x3f\xc0\xfa".to_vec()),
                    1 => any::<u8>(),
                ],
                0..40,
            ),
            from in 0..40usize,
            len in 0..22usize,
        ) {
            let start = from.min(text.len());
            let range = start..(start + len).min(text.len());
            prop_assert_eq!(digits_at(&text, range.clone()), plain_digits(&text[range]));
        }
    }

    #[test]
    fn digits_read_word_wise_at_every_length() {
        for value in [0u64, 7, 42, 100, 12_345, 99_999_999, 10_000_000, 1_234_567_890_123, u64::MAX / 10] {
            let digits = value.to_string();
            let text = format!("{digits},rest of the row");
            for len in 1..=digits.len() {
                let expected = digits[..len].parse::<u64>().ok();
                assert_eq!(digits_at(text.as_bytes(), 0..len), expected, "{digits} to {len}");
            }
        }
    }

    proptest! {
        /// The set of ids says "met before" exactly when a set of strings does, with hashes
        /// whose high halves agree for many different ids.
        #[test]
        fn seen_ids_are_a_set_of_ids(ids in prop::collection::vec("[ab]{0,4}", 0..60), reserve in 0..8usize) {
            let mut seen = SeenIds::default();
            seen.reserve(reserve);
            let mut reference = std::collections::HashSet::new();
            for id in ids {
                // The length as the high half: "a" and "b" share it, "" and every id of one
                // length too.
                let hash = (id.len() as u64) << 32 | 7;
                prop_assert_eq!(seen.insert(&id, hash), reference.insert(id.clone()), "{:?}", id);
            }
        }
    }

    proptest! {
        /// The same over numbered ids that mostly come in order (each the one before plus one),
        /// now and then repeated, going back, or jumping ahead: the ordered ids, their
        /// bisection and the switch to the table.
        #[test]
        fn seen_ids_in_order_are_a_set_of_ids(steps in prop::collection::vec(prop_oneof![
            8 => Just(1i64),
            1 => Just(0i64),
            1 => -30..0i64,
            1 => 2..200i64,
        ], 0..120)) {
            let mut seen = SeenIds::default();
            let mut reference = std::collections::HashSet::new();
            let mut number = 95i64;
            for step in steps {
                number = (number + step).max(0);
                let id = format!("e{number}");
                let hash = (id.len() as u64) << 32;
                prop_assert_eq!(seen.insert(&id, hash), reference.insert(id.clone()), "{:?}", id);
            }
        }
    }

    #[test]
    fn hits_find_every_separator_and_line_feed() {
        let bytes = b"a,bb,ccc\n,,\n0123456,\n0123456789abcdef,x\n,";
        let expected: Vec<(usize, u8)> =
            bytes.iter().enumerate().filter(|(_, b)| matches!(b, b',' | b'\n')).map(|(i, b)| (i, *b)).collect();
        for start in 0..bytes.len() {
            let found: Vec<(usize, u8)> = Hits::new(&bytes[start..], b',', b'\n').collect();
            let shifted: Vec<(usize, u8)> =
                expected.iter().filter(|(i, _)| *i >= start).map(|(i, b)| (i - start, *b)).collect();
            assert_eq!(found, shifted, "from {start}");
        }
        // Bytes with the high bit set and bytes one away from those looked for are not found.
        let near: Vec<u8> = (0..=255u8).filter(|b| !matches!(b, b',' | b'\n')).collect();
        assert_eq!(Hits::new(&near, b',', b'\n').count(), 0);
    }
}
