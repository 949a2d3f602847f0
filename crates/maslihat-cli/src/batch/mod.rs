//! `maslihat batch`: many independent elections from one long CSV, streamed, allocated in
//! parallel, written in input order.

mod chunks;
pub use chunks::MAX_RECORD_BYTES;
mod parse;

use std::io::{BufWriter, Read, Write};
use std::num::NonZeroUsize;
use std::ops::Range;
use std::path::{Path, PathBuf};

use clap::Args;
use hashbrown::DefaultHashBuilder;
use maslihat_apportion::{AllocError, Apportioner, Rules, Tally};
use rayon::prelude::*;

use self::chunks::{CHUNK, Chunk, ChunkReader, count_lines, split_points};
use self::parse::{
    Block, ElectionRef, Layout, PartError, Quoting, SeenIds, detach_last, join_cut_election, parse_part, relocate,
};
use crate::exit::{Failure, alloc_failure};
use maslihat_ingest::vote_table::{
    OPTIONAL_COLUMNS, Separator, TableError, TableErrorKind, TotalReason, TotalRows, csv_error, csv_reader,
    find_columns, reads_as_total,
};

use crate::input::{display_name, message, note_separator, open};
use crate::options::MethodArgs;

/// Allocate seats for many elections in one CSV file.
///
/// FILE is CSV with a header holding the columns `election,seats,party,votes`, and optionally
/// `against_all` and `invalid` (per election, repeated on each of its rows); the rows of one
/// election stand together, in registration order, and every row of an election gives the same
/// seat count. Prints CSV `election,party,seats` in input order. A vote table's seat limits
/// (`min`, `max`, `base`, `exempt`) are not applied in a batch: such a column is an error.
/// The input is streamed in chunks of a few megabytes; each chunk is parsed and allocated on
/// all cores. The first bad row
/// or failed allocation stops the run with its place (exit 2, or 3 for an unresolved tie);
/// the output up to that election is complete.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The elections, or - for stdin.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub method: MethodArgs,
    /// Worker threads [default: the number of cores]; the output is the same for any number.
    #[arg(long, value_name = "N", value_parser = crate::options::parse_jobs)]
    pub jobs: Option<NonZeroUsize>,
    /// Write every tie met (settled by the tie policy) to this CSV file:
    /// election,stage,parties,seats_in_contention,winners,policy. A count of the elections with
    /// a tie is always printed on stderr.
    #[arg(long, value_name = "FILE")]
    pub ties: Option<PathBuf>,
    /// Take a row named like a total (Total, Итого, Барлығы, …) as a list; without it such a
    /// row stops the run.
    #[arg(long)]
    pub allow_total_row: bool,
}

/// Elections per unit of allocation work (one output buffer each).
const TASK: usize = 256;

pub fn run(args: &BatchArgs) -> crate::CmdResult {
    let rules = args.method.rules();
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(jobs) = args.jobs {
        pool = pool.num_threads(jobs.get());
    }
    let pool = pool.build().map_err(|err| Failure::Failed(err.into()))?;
    let file = display_name(&args.file);
    let input = open(&args.file).map_err(|err| Failure::Input(anyhow::anyhow!("{file}: cannot open: {err}")))?;
    let mut ties_file = match &args.ties {
        Some(path) => Some(BufWriter::new(std::fs::File::create(path).map_err(|err| {
            Failure::Input(anyhow::anyhow!("{}: cannot create the ties file: {err}", path.display()))
        })?)),
        None => None,
    };
    let stdout = std::io::stdout();
    let ties = ties_file.as_mut().map(|file| file as &mut (dyn Write + Send));
    let total_rows = if args.allow_total_row { TotalRows::Allow } else { TotalRows::Refuse };
    let checks = Checks { rules: &rules, total_rows };
    let summary = pool.install(|| batch_stream(input, &file, stdout.lock(), checks, ties))?;
    if summary.tied_elections > 0 {
        let where_listed = match &args.ties {
            Some(path) => format!("all listed in {}", path.display()),
            None => "list them all with --ties FILE".to_owned(),
        };
        eprintln!(
            "warning: {} of {} elections had a tie settled by the tie policy {}; the first: {}; {where_listed}",
            summary.tied_elections,
            summary.elections,
            rules.tie_policy,
            summary.first_tie.unwrap_or_default()
        );
    }
    Ok(())
}

/// How each election is allocated and checked.
#[derive(Debug, Clone, Copy)]
pub struct Checks<'a> {
    pub rules: &'a Rules,
    /// Whether a row that reads as its election's total stops the run.
    pub total_rows: TotalRows,
}

/// Reads elections from `input` (named `file` in messages), writes `election,party,seats` to
/// `output` and every tie to `ties`. Runs on the current rayon pool; the output does not depend
/// on its size.
pub fn batch_stream<R: Read + Send, W: Write>(
    input: R,
    file: &str,
    output: W,
    checks: Checks<'_>,
    ties: Option<&mut (dyn Write + Send)>,
) -> Result<BatchSummary, Failure> {
    batch_stream_in_chunks(input, file, output, checks, ties, CHUNK)
}

/// As [`batch_stream`], reading chunks of `chunk_bytes` instead of a few megabytes: the output
/// is the same for any chunk size (the fuzz target `batch` checks it).
#[doc(hidden)]
pub fn batch_stream_in_chunks<R: Read + Send, W: Write>(
    input: R,
    file: &str,
    output: W,
    checks: Checks<'_>,
    mut ties: Option<&mut (dyn Write + Send)>,
    chunk_bytes: usize,
) -> Result<BatchSummary, Failure> {
    let read_failure = |err: std::io::Error| match err.kind() {
        // A record over the size limit (chunks.rs): the message says where.
        std::io::ErrorKind::InvalidData => Failure::Input(anyhow::anyhow!("{file}:{err}")),
        _ => Failure::Input(anyhow::anyhow!("{file}: cannot read: {err}")),
    };
    let mut reader = ChunkReader::new(input, Vec::new(), 1).with_chunk_bytes(chunk_bytes);
    let mut chunk = Chunk::default();
    reader.next_chunk(&mut chunk).map_err(read_failure)?;
    // Blank lines before the header can fill whole chunks: read on until the header.
    while chunk.bytes.iter().all(|b| matches!(b, b'\r' | b'\n')) {
        let mut more = Chunk::default();
        reader.next_chunk(&mut more).map_err(read_failure)?;
        if more.bytes.is_empty() {
            break;
        }
        chunk.bytes.extend_from_slice(&more.bytes);
    }
    let path = PathBuf::from(file);
    let layout = read_header(&mut chunk, &path).map_err(input_failure)?;
    note_separator(file, layout.separator);
    reader.set_separator(layout.separator.byte());
    let hasher = DefaultHashBuilder::default();
    let parts_wanted = rayon::current_num_threads() * 4;
    let mut out = BufWriter::with_capacity(1 << 16, output);
    out.write_all(b"election,party,seats\n")?;
    if let Some(ties) = ties.as_mut() {
        ties.write_all(b"election,stage,parties,seats_in_contention,winners,policy\n")?;
    }
    // A pipeline over chunks: while the elections of one chunk are allocated, the next chunk
    // is parsed and the one after it read, all on the rayon pool. `blocks[0]` of a set holds
    // the election carried over from the chunk before; the others are its parts. Both sets
    // and the three chunk buffers are reused, so memory is not requested anew per chunk.
    let context = Context { file: &path, layout, hasher: &hasher, parts_wanted };
    let (mut current, mut upcoming): (Vec<Block>, Vec<Block>) = (vec![Block::default()], vec![Block::default()]);
    let (mut next, mut spare) = (Chunk::default(), Chunk::default());
    let (parsed, read) = rayon::join(|| context.parse(&chunk, &mut current), || reader.next_chunk(&mut next));
    read.map_err(read_failure)?;
    let mut seen = SeenIds::default();
    let (mut used, mut error) = context.assemble(&mut current, parsed, chunk.first_line);
    let mut carry = if error.is_none() && !next.bytes.is_empty() { context.carry(&mut current[..used]) } else { None };
    let mut summary = BatchSummary::default();
    loop {
        let more = error.is_none() && (!next.bytes.is_empty() || carry.is_some());
        upcoming[0] = carry.take().unwrap_or_default();
        // The ids are checked (in order, on one thread) beside the allocation, not before it.
        let ((mut outputs, repeated), step) = rayon::join(
            || {
                rayon::join(
                    || compute(&current[..used], checks, &path),
                    || context.check_ids(&current[..used], &mut seen),
                )
            },
            || more.then(|| rayon::join(|| context.parse(&next, &mut upcoming), || reader.next_chunk(&mut spare))),
        );
        if let Some((block, position, repeat)) = repeated {
            // Rare: keep only the elections before the repeated one, and stop there.
            current[block].elections.truncate(position);
            current[block + 1..used].iter_mut().for_each(|b| b.elections.clear());
            outputs = compute(&current[..used], checks, &path);
            error = Some(repeat);
        }
        emit(outputs, &current[..used], &mut out, &mut ties, &mut summary)?;
        if let Some(error) = error {
            out.flush()?;
            return Err(input_failure(error));
        }
        let Some((parsed, read)) = step else { break };
        read.map_err(read_failure)?;
        (used, error) = context.assemble(&mut upcoming, parsed, next.first_line);
        if error.is_none() && !spare.bytes.is_empty() {
            carry = context.carry(&mut upcoming[..used]);
        }
        std::mem::swap(&mut current, &mut upcoming);
        std::mem::swap(&mut chunk, &mut next);
        std::mem::swap(&mut next, &mut spare);
    }
    out.flush()?;
    if let Some(ties) = ties.as_mut() {
        ties.flush()?;
    }
    if summary.elections == 0 {
        return Err(input_failure(TableError::file(&path, TableErrorKind::NoElections)));
    }
    tracing::info!(elections = summary.elections, tied = summary.tied_elections, "batch done");
    Ok(summary)
}

/// Reads the header from the front of the first chunk and returns where the columns are.
fn read_header(chunk: &mut Chunk, file: &Path) -> Result<Layout, TableError> {
    let empty = || TableError::file(file, TableErrorKind::Empty { columns: "election, seats, party and votes" });
    if chunk.bytes.is_empty() {
        return Err(empty());
    }
    let separator = Separator::detect(&chunk.bytes);
    let mut csv = csv_reader(chunk.bytes.as_slice(), separator);
    let mut header = csv::ByteRecord::new();
    if !csv.read_byte_record(&mut header).map_err(|err| csv_error(file, &err))? {
        return Err(empty());
    }
    let columns = find_columns(file, &header, &["election", "seats", "party", "votes"], separator)?;
    let optional =
        |name: &str| header.iter().position(|field| String::from_utf8_lossy(field).trim().eq_ignore_ascii_case(name));
    // A vote table's seat limits are not applied here: refused, not silently dropped.
    if let Some(column) = OPTIONAL_COLUMNS.iter().find_map(|name| optional(name)) {
        let kind = TableErrorKind::LimitsInBatch { column: String::from_utf8_lossy(&header[column]).into_owned() };
        let line = header.position().map_or(1, csv::Position::line);
        return Err(TableError::at(file, Some(line), Some(column + 1), kind));
    }
    let position = csv.position().clone();
    let header_end = usize::try_from(position.byte()).unwrap_or(chunk.bytes.len()).min(chunk.bytes.len());
    chunk.bytes.drain(..header_end);
    chunk.first_line = position.line();
    Ok(Layout {
        election: columns.indices[0],
        seats: columns.indices[1],
        party: columns.indices[2],
        votes: columns.indices[3],
        against_all: optional("against_all"),
        invalid: optional("invalid"),
        width: header.len(),
        separator,
    })
}

/// Puts a chunk's parsed parts in order behind the carried election (`blocks[0]`): places
/// their lines and joins elections cut by part boundaries. On an error, the blocks keep only
/// the elections before it (an election the error may have cut short is left out) and the
/// error is returned.
fn assemble(
    blocks: &mut [Block],
    parsed: Vec<(Result<(), PartError>, u64)>,
    first_line: u64,
    file: &Path,
    layout: Layout,
) -> Option<TableError> {
    let mut line = first_line;
    let mut error = None;
    let mut good = blocks.len();
    for (index, (result, lines)) in parsed.into_iter().enumerate() {
        let block = &mut blocks[index + 1];
        block.first_line = line;
        if let Err(err) = result {
            // The part's elections before the bad row stay.
            error = Some((relocate(err.error, line), err.election));
            good = index + 2;
            break;
        }
        line += lines;
    }
    for block in &mut blocks[good..] {
        block.elections.clear();
    }
    // Join elections cut by a boundary, in file order.
    let mut last_with_elections: Option<usize> = None;
    for index in 0..good {
        if let Some(previous) = last_with_elections {
            let (before, after) = blocks.split_at_mut(index);
            if let Err(err) = join_cut_election(&mut before[previous], &mut after[0], file, layout) {
                before[previous].elections.pop();
                after.iter_mut().for_each(|b| b.elections.clear());
                return Some(err);
            }
        }
        if !blocks[index].elections.is_empty() {
            last_with_elections = Some(index);
        }
    }
    let (error, bad_row_election) = error?;
    // The bad row cut its election short: leave it out (when its id is unreadable, the last
    // election before it may be that election).
    if let Some(block) = blocks[..good].iter_mut().rev().find(|b| !b.elections.is_empty())
        && let Some(last) = block.elections.last()
        && bad_row_election.as_deref().is_none_or(|id| id == block.id(last))
    {
        block.elections.pop();
    }
    Some(error)
}

/// What the allocation of a run of elections produced.
#[derive(Debug, Default)]
struct TaskOutput {
    rows: Vec<u8>,
    /// One CSV row per tie, for `--ties`.
    ties: Vec<u8>,
    tied_elections: usize,
    /// The first tie, in words, for the summary on stderr.
    first_tie: Option<String>,
    failure: Option<Failure>,
}

/// Running totals of a batch: elections written and ties met.
#[derive(Debug, Default)]
pub struct BatchSummary {
    pub elections: usize,
    pub tied_elections: usize,
    pub first_tie: Option<String>,
}

/// What the stages of the pipeline share.
struct Context<'a> {
    file: &'a Path,
    layout: Layout,
    hasher: &'a DefaultHashBuilder,
    parts_wanted: usize,
}

impl Context<'_> {
    /// Cuts `chunk` into parts and parses them into `blocks[1..]` on all cores; returns each
    /// part's result and line count.
    fn parse(&self, chunk: &Chunk, blocks: &mut Vec<Block>) -> Vec<(Result<(), PartError>, u64)> {
        let ends = split_points(&chunk.bytes, self.parts_wanted, self.layout.separator.byte());
        let starts = std::iter::once(0).chain(ends.iter().copied());
        let ranges: Vec<(usize, usize)> = starts.zip(ends.iter().copied()).collect();
        if blocks.len() < ranges.len() + 1 {
            blocks.resize_with(ranges.len() + 1, Block::default);
        }
        blocks[1..]
            .par_iter_mut()
            .zip(&ranges)
            .map(|(block, &(start, end))| {
                let bytes = &chunk.bytes[start..end];
                (parse_part(bytes, self.file, self.layout, self.hasher, block), count_lines(bytes))
            })
            .collect()
    }

    /// Assembles the parsed parts behind the carried election; returns how many blocks are in
    /// use and the first error.
    fn assemble(
        &self,
        blocks: &mut [Block],
        parsed: Vec<(Result<(), PartError>, u64)>,
        first_line: u64,
    ) -> (usize, Option<TableError>) {
        let used = parsed.len() + 1;
        let error = assemble(&mut blocks[..used], parsed, first_line, self.file, self.layout);
        (used, error)
    }

    /// Records the ids of `blocks`' elections in file order; the first one seen before
    /// (an election whose rows are apart) is returned with its place.
    fn check_ids(&self, blocks: &[Block], seen: &mut SeenIds) -> Option<(usize, usize, TableError)> {
        seen.reserve(blocks.iter().map(|b| b.elections.len()).sum());
        for (index, block) in blocks.iter().enumerate() {
            let Some(position) = block.elections.iter().position(|e| !seen.insert(block.id(e), e.hash)) else {
                continue;
            };
            let election = &block.elections[position];
            let kind = TableErrorKind::RowsApart { election: block.id(election).to_owned() };
            let column = Some(self.layout.election + 1);
            return Some((index, position, TableError::at(self.file, Some(block.line(election)), column, kind)));
        }
        None
    }

    /// Takes out the last election, which may go on in the next chunk.
    fn carry(&self, blocks: &mut [Block]) -> Option<Block> {
        blocks.iter_mut().rev().find(|b| !b.elections.is_empty()).and_then(detach_last)
    }
}

/// Allocates every election of `blocks` on all cores, in runs of [`TASK`] elections.
fn compute(blocks: &[Block], checks: Checks<'_>, file: &Path) -> Vec<TaskOutput> {
    let tasks: Vec<(&Block, &[ElectionRef])> =
        blocks.iter().flat_map(|block| block.elections.chunks(TASK).map(move |task| (block, task))).collect();
    tasks
        .par_iter()
        .map_init(
            || (Apportioner::new(), Tally::default()),
            |(apportioner, tally), (block, task)| allocate_task(block, task, checks, file, apportioner, tally),
        )
        .collect()
}

/// Writes the rows (and ties) of `outputs` in order; on a failure, writes the rows before it
/// and returns it.
fn emit<W: Write>(
    outputs: Vec<TaskOutput>,
    blocks: &[Block],
    out: &mut W,
    ties: &mut Option<&mut (dyn Write + Send)>,
    summary: &mut BatchSummary,
) -> Result<(), Failure> {
    let sizes = blocks.iter().flat_map(|block| block.elections.chunks(TASK).map(<[ElectionRef]>::len));
    for (output, size) in outputs.into_iter().zip(sizes) {
        out.write_all(&output.rows)?;
        if let Some(ties) = ties.as_mut() {
            ties.write_all(&output.ties)?;
        }
        summary.tied_elections += output.tied_elections;
        if summary.first_tie.is_none() {
            summary.first_tie = output.first_tie;
        }
        if let Some(failure) = output.failure {
            out.flush()?;
            return Err(failure);
        }
        summary.elections += size;
    }
    Ok(())
}

fn input_failure(err: TableError) -> Failure {
    Failure::Input(err.into())
}

/// Allocates a run of elections and renders their rows and ties; stops at the first failure,
/// keeping what came before it. `apportioner` and `tally` are a worker's reused buffers.
fn allocate_task(
    block: &Block,
    task: &[ElectionRef],
    checks: Checks<'_>,
    file: &Path,
    apportioner: &mut Apportioner,
    tally: &mut Tally,
) -> TaskOutput {
    let mut output = TaskOutput::default();
    let mut rows = Rows::with_len(task.len() * 128);
    let text = block.text.as_bytes();
    for election in task {
        let votes = tally.votes_mut();
        votes.clear();
        votes.extend_from_slice(&block.votes[election.lists.clone()]);
        tally.set_against_all(election.against_all);
        tally.set_invalid(election.invalid);
        let id = block.id(election);
        if let Some(failure) = total_row(block, election, file, checks.total_rows) {
            output.failure = Some(failure);
            break;
        }
        let seats = match apportioner.seats(tally, election.seats, checks.rules) {
            Ok(seats) => seats,
            Err(err) => {
                output.failure = Some(election_failure(block, election, file, err));
                break;
            }
        };
        let prefix = match block.quoting {
            Quoting::NeverNeeded => RowPrefix::of(text, election.id.clone()),
            Quoting::PerField => None,
        };
        if let Some(prefix) = prefix {
            for (party, seats) in block.parties[election.lists.clone()].iter().zip(seats) {
                rows.plain_row(&prefix, text, party.clone(), *seats);
            }
        } else {
            rows.write_rows(block, election, seats);
        }
        if apportioner.ties().is_empty() {
            continue;
        }
        output.tied_elections += 1;
        let name = |i: &usize| block.party(election.lists.start + i);
        for tie in apportioner.ties() {
            let parties: Vec<&str> = tie.lists.iter().map(name).collect();
            let winners: Vec<&str> = tie.winners.iter().map(name).collect();
            if output.first_tie.is_none() {
                output.first_tie = Some(format!(
                    "election \"{id}\" (line {}): {} tied for {}, won by {}",
                    block.line(election),
                    parties.join(", "),
                    tie.seats_in_contention,
                    winners.join(", ")
                ));
            }
            let stage = serde_json::to_value(tie.stage).ok().and_then(|v| v.as_str().map(str::to_owned));
            for (i, field) in [
                id,
                stage.as_deref().unwrap_or_default(),
                &parties.join("|"),
                &tie.seats_in_contention.to_string(),
                &winners.join("|"),
                &tie.policy.name(),
            ]
            .into_iter()
            .enumerate()
            {
                if i > 0 {
                    output.ties.push(b',');
                }
                write_field(&mut output.ties, field);
            }
            output.ties.push(b'\n');
        }
    }
    output.rows = rows.finish();
    output
}

/// The bytes [`Rows::plain_row`] may write at once: an id and its comma, a name, a comma,
/// two digits and a line feed, each of the first two as a 16-byte block.
const ROW_BLOCK: usize = 16 + 16 + 4;

/// An election's id and the comma after it, as the start of each of its output rows.
#[derive(Debug)]
struct RowPrefix {
    bytes: [u8; 16],
    len: usize,
}

impl RowPrefix {
    /// The prefix of the id `text[id]`, when it is at most fifteen bytes.
    fn of(text: &[u8], id: Range<usize>) -> Option<RowPrefix> {
        let id_bytes = text.get(id)?;
        let mut bytes = [0u8; 16];
        bytes.get_mut(..id_bytes.len())?.copy_from_slice(id_bytes);
        *bytes.get_mut(id_bytes.len())? = b',';
        Some(RowPrefix { bytes, len: id_bytes.len() + 1 })
    }
}

/// Output rows written at a cursor into a zero-filled buffer that is always longer than what
/// is written, so that a short field is copied as one 16-byte block (the bytes past its end
/// are overwritten by what follows, or cut off by [`Rows::finish`]).
#[derive(Debug)]
struct Rows {
    bytes: Vec<u8>,
    len: usize,
}

impl Rows {
    fn with_len(len: usize) -> Rows {
        Rows { bytes: vec![0; len], len: 0 }
    }

    /// Makes sure `more` bytes, and 16 bytes past them, can be written.
    #[inline]
    fn make_room(&mut self, more: usize) {
        let needed = self.len.saturating_add(more).saturating_add(16);
        if self.bytes.len() < needed {
            self.bytes.resize(needed.max(2 * self.bytes.len()), 0);
        }
    }

    /// Appends `text[range]`, as one 16-byte block when it is that short and the text goes on
    /// that far (room for it made by [`Rows::make_room`]).
    #[inline]
    fn field(&mut self, text: &[u8], range: Range<usize>) {
        let (start, len) = (self.len, range.len());
        match text.get(range.start..).and_then(<[u8]>::first_chunk::<16>) {
            Some(block) if len <= 16 => self.bytes[start..start + 16].copy_from_slice(block),
            _ => self.bytes[start..start + len].copy_from_slice(&text[range]),
        }
        self.len += len;
    }

    #[inline]
    fn byte(&mut self, byte: u8) {
        self.bytes[self.len] = byte;
        self.len += 1;
    }

    /// Appends a CSV field, quoted when it holds a comma, a quote or a line break.
    fn quoted(&mut self, field: &str) {
        let mut quoted = Vec::with_capacity(field.len() + 2);
        write_field(&mut quoted, field);
        self.make_room(quoted.len());
        self.bytes[self.len..self.len + quoted.len()].copy_from_slice(&quoted);
        self.len += quoted.len();
    }

    /// Appends a seat count in decimal (room for ten digits made by [`Rows::make_room`]).
    #[inline]
    fn seats(&mut self, seats: u32) {
        match seats {
            0..10 => self.byte(b'0' + seats as u8),
            10..100 => {
                self.byte(b'0' + (seats / 10) as u8);
                self.byte(b'0' + (seats % 10) as u8);
            }
            _ => {
                let mut digits = itoa::Buffer::new();
                let digits = digits.format(seats).as_bytes();
                self.bytes[self.len..self.len + digits.len()].copy_from_slice(digits);
                self.len += digits.len();
            }
        }
    }

    /// Appends the rows of `election` (with their `seats`) field by field, quoting where
    /// needed unless the block needs no quoting.
    fn write_rows(&mut self, block: &Block, election: &ElectionRef, seats: &[u32]) {
        let (text, id) = (block.text.as_bytes(), block.id(election));
        for (list, seats) in election.lists.clone().zip(seats) {
            let party = block.parties[list].clone();
            self.make_room(election.id.len() + party.len() + 16);
            if block.quoting == Quoting::NeverNeeded {
                self.field(text, election.id.clone());
                self.byte(b',');
                self.field(text, party);
            } else {
                self.quoted(id);
                self.byte(b',');
                self.quoted(block.party(list));
            }
            self.byte(b',');
            self.seats(*seats);
            self.byte(b'\n');
        }
    }

    /// Appends the row `id,party,seats` of a block that needs no quoting: the id and its comma
    /// from `prefix`, the name as one 16-byte block when it is that short (and the text goes
    /// on that far) and the seats with the comma before and the line feed after as one
    /// 4-byte block when under 100; field by field otherwise.
    #[inline]
    fn plain_row(&mut self, prefix: &RowPrefix, text: &[u8], party: Range<usize>, seats: u32) {
        let name = text.get(party.start..).and_then(<[u8]>::first_chunk::<16>);
        let (Some(name), true, 0..100) = (name, party.len() <= 16, seats) else {
            self.make_room(prefix.len + party.len() + 16);
            self.field(&prefix.bytes, 0..prefix.len);
            self.field(text, party);
            self.byte(b',');
            self.seats(seats);
            self.byte(b'\n');
            return;
        };
        self.make_room(ROW_BLOCK - 16);
        let start = self.len;
        let Some(out) = self.bytes.get_mut(start..).and_then(<[u8]>::first_chunk_mut::<ROW_BLOCK>) else {
            return;
        };
        out[..16].copy_from_slice(&prefix.bytes);
        let name_start = prefix.len;
        out[name_start..name_start + 16].copy_from_slice(name);
        let tail_start = name_start + party.len();
        let (tens, ones) = ((seats / 10) as u8, (seats % 10) as u8);
        let (tail, tail_len) =
            if tens == 0 { ([b',', b'0' + ones, b'\n', 0], 3) } else { ([b',', b'0' + tens, b'0' + ones, b'\n'], 4) };
        out[tail_start..tail_start + 4].copy_from_slice(&tail);
        self.len = start + tail_start + tail_len;
    }

    /// The rows written.
    fn finish(mut self) -> Vec<u8> {
        self.bytes.truncate(self.len);
        self.bytes
    }
}

/// The failure for a row of `election` named as its total, unless such rows are allowed.
fn total_row(block: &Block, election: &ElectionRef, file: &Path, total_rows: TotalRows) -> Option<Failure> {
    if total_rows == TotalRows::Allow {
        return None;
    }
    // By name only: over many elections, a list holding the sum of the others' votes by chance
    // would stop a run of machine-made rows (where a pasted total is unlikely) for nothing.
    let list = election.lists.clone().find(|&list| reads_as_total(block.party(list)))?;
    let reason = TotalReason::Name;
    let kind = TableErrorKind::TotalRow { party: block.party(list).to_owned(), votes: block.votes[list], reason };
    let line = block.first_line + block.rows[list] - 1;
    Some(Failure::Input(anyhow::anyhow!("{}", message(&TableError::at(file, Some(line), None, kind)))))
}

/// The failure of one election, naming it and its first line.
fn election_failure(block: &Block, election: &ElectionRef, file: &Path, err: AllocError) -> Failure {
    let context = format!("{}:{}: election \"{}\"", file.display(), block.line(election), block.id(election));
    alloc_failure(err, &context, |i| block.party(election.lists.start + i).to_owned())
}

/// Writes a CSV field, quoted when it holds a comma, a quote or a line break.
fn write_field(out: &mut Vec<u8>, field: &str) {
    if !field.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.extend_from_slice(field.as_bytes());
        return;
    }
    out.push(b'"');
    for byte in field.bytes() {
        if byte == b'"' {
            out.push(b'"');
        }
        out.push(byte);
    }
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Rows written a block at a time into the zero-filled buffer read as the same fields
        /// and numbers written plainly: fields of every length, at the very end of the text
        /// too, quoted or not, whole rows after an id of any length, any seat count, from a
        /// buffer of any starting length.
        #[test]
        fn rows_write_what_a_plain_writer_writes(
            text in "[a-z,\"\n]{0,60}",
            cuts in prop::collection::vec(
                (0..64usize, 0..64usize, 0..64usize, 0..24usize, prop_oneof![0u32..120, any::<u32>()], 0..3usize),
                0..40,
            ),
            start_len in 0usize..64,
        ) {
            let mut rows = Rows::with_len(start_len);
            let mut plain = Vec::new();
            for (a, b, id_start, id_len, seats, way) in cuts {
                let range = a.min(b).min(text.len())..a.max(b).min(text.len());
                let field = &text[range.clone()];
                let id_start = id_start.min(text.len());
                let id = id_start..(id_start + id_len).min(text.len());
                match (way, RowPrefix::of(text.as_bytes(), id.clone())) {
                    (0, Some(prefix)) => {
                        rows.plain_row(&prefix, text.as_bytes(), range, seats);
                        plain.extend_from_slice(format!("{},{field},{seats}\n", &text[id]).as_bytes());
                        continue;
                    }
                    (1, _) => {
                        rows.make_room(range.len() + 16);
                        rows.quoted(field);
                        write_field(&mut plain, field);
                    }
                    _ => {
                        rows.make_room(range.len() + 16);
                        rows.field(text.as_bytes(), range);
                        plain.extend_from_slice(field.as_bytes());
                    }
                }
                rows.byte(b',');
                rows.seats(seats);
                rows.byte(b'\n');
                plain.extend_from_slice(format!(",{seats}\n").as_bytes());
            }
            prop_assert_eq!(rows.finish(), plain);
        }
    }
}
