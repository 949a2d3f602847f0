//! Parsing one part of a batch file into elections, and joining an election that a part
//! boundary cut in two.

use std::hash::BuildHasher;
use std::ops::Range;
use std::path::Path;

use hashbrown::{DefaultHashBuilder, HashTable};

use maslihat_ingest::vote_table::{
    Separator, TableError, TableErrorKind, csv_error, csv_reader, line_of, parse_whole_bytes, text_field, whole_number,
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

/// Elections in a few flat buffers, so parsing does not allocate per row.
#[derive(Debug, Default)]
pub struct Block {
    pub text: String,
    pub elections: Vec<ElectionRef>,
    pub parties: Vec<Range<usize>>,
    pub votes: Vec<u64>,
    /// The line of each list's row, counted like `ElectionRef::line`.
    pub rows: Vec<u64>,
    /// The block's first line in the file.
    pub first_line: u64,
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
pub fn parse_part(
    bytes: &[u8],
    file: &Path,
    layout: Layout,
    hasher: &DefaultHashBuilder,
    block: &mut Block,
) -> Result<(), PartError> {
    block.clear();
    let mut reader = csv_reader(bytes, layout.separator);
    let mut record = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => add_row(block, &record, file, layout, hasher).map_err(|error| {
                let election = record.get(layout.election).and_then(|id| std::str::from_utf8(id).ok());
                PartError { error, election: election.map(|id| id.trim().to_owned()) }
            })?,
            Ok(false) => return Ok(()),
            Err(err) => return Err(PartError { error: csv_error(file, &err), election: None }),
        }
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
    let mut alone = Block { first_line: block.first_line, ..Block::default() };
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
    record: &csv::ByteRecord,
    file: &Path,
    layout: Layout,
    hasher: &DefaultHashBuilder,
) -> Result<(), TableError> {
    let line = line_of(record);
    if record.len() != layout.width {
        return Err(width_error(file, record, layout.width));
    }
    // Most rows continue the current election: then its id's bytes need no second check.
    let raw_id = record.get(layout.election).unwrap_or_default();
    let same_bytes = block.elections.last().is_some_and(|current| block.id(current).as_bytes() == raw_id);
    let new_id = if same_bytes { None } else { Some(text_field(file, record, layout.election, "the election")?) };
    if new_id == Some("") {
        return Err(TableError::at(file, Some(line), Some(layout.election + 1), TableErrorKind::EmptyElection));
    }
    let seats = match record.get(layout.seats).and_then(parse_whole_bytes).and_then(|s| u32::try_from(s).ok()) {
        Some(seats) if seats > 0 => seats,
        _ => {
            let found = text_field(file, record, layout.seats, "seats")?.to_owned();
            let kind = TableErrorKind::BadSeats { found };
            return Err(TableError::at(file, Some(line), Some(layout.seats + 1), kind));
        }
    };
    let party = text_field(file, record, layout.party, "the party name")?;
    if party.is_empty() {
        return Err(TableError::at(file, Some(line), Some(layout.party + 1), TableErrorKind::EmptyName));
    }
    let votes = whole_number(file, record, layout.votes, "votes")?;
    let optional = |column: Option<usize>, what: &'static str| match column {
        Some(column) => whole_number(file, record, column, what),
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
    if current.lists.clone().any(|list| block.party(list) == party) {
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
#[derive(Debug, Default)]
pub struct SeenIds {
    text: String,
    /// `(start, length)` of each id in `text`.
    table: HashTable<(u32, u32)>,
}

impl SeenIds {
    /// Records `id` (with its `hash` from `hasher`); false if it was recorded before. Ids beyond
    /// 4 GiB of text in all are not recorded (and so not checked).
    pub fn insert(&mut self, id: &str, hash: u64, hasher: &DefaultHashBuilder) -> bool {
        let text = &self.text;
        let slice = |(start, len): (u32, u32)| &text[start as usize..start as usize + len as usize];
        if self.table.find(hash, |entry| slice(*entry) == id).is_some() {
            return false;
        }
        let (Ok(start), Ok(len)) = (u32::try_from(self.text.len()), u32::try_from(id.len())) else { return true };
        if start.checked_add(len).is_none() {
            return true;
        }
        self.text.push_str(id);
        let text = &self.text;
        let slice = |(start, len): (u32, u32)| &text[start as usize..start as usize + len as usize];
        self.table.insert_unique(hash, (start, len), |entry| hasher.hash_one(slice(*entry)));
        true
    }

    /// Makes room for `more` ids at once, instead of growing step by step.
    pub fn reserve(&mut self, more: usize, hasher: &DefaultHashBuilder) {
        let text = &self.text;
        let slice = |(start, len): (u32, u32)| &text[start as usize..start as usize + len as usize];
        self.table.reserve(more, |entry| hasher.hash_one(slice(*entry)));
    }
}
