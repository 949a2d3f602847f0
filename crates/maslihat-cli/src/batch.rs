//! `maslihat batch`: many independent elections from one long CSV, streamed, allocated in
//! parallel, written in input order.

use std::collections::HashSet;
use std::io::{BufWriter, Read, Write};
use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::Args;
use maslihat_apportion::{AllocError, Rules, Tally, allocate};
use rayon::prelude::*;

use crate::exit::{Failure, from_alloc};
use crate::input::{
    InputError, csv_error, csv_reader, display_name, find_columns, open, parse_whole, text_field, whole_number,
};
use crate::options::MethodArgs;

/// Allocate seats for many elections in one CSV file.
///
/// FILE is CSV with a header holding the columns `election,seats,party,votes` (others are
/// ignored); the rows of one election stand together, in registration order, and every row of
/// an election gives the same seat count. Prints CSV `election,party,seats` in input order.
/// The input is streamed in blocks and each block is allocated on all cores. The first bad row
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
    #[arg(long, value_name = "N")]
    pub jobs: Option<NonZeroUsize>,
}

/// Elections per block: large enough to keep every core busy, small enough to bound memory.
const BLOCK: usize = 4096;

/// One election read from the file.
#[derive(Debug)]
struct Election {
    id: String,
    line: u64,
    seats: u32,
    parties: Vec<String>,
    votes: Vec<u64>,
}

/// Reads rows into elections, one block at a time, checking as it goes.
struct BlockReader<R: Read> {
    file: String,
    records: csv::ByteRecordsIntoIter<R>,
    columns: [usize; 4],
    width: usize,
    current: Option<Election>,
    finished: HashSet<Box<str>>,
    done: bool,
}

impl<R: Read> BlockReader<R> {
    fn next_block(&mut self) -> Result<Vec<Election>, InputError> {
        let mut block = Vec::with_capacity(BLOCK);
        while block.len() < BLOCK && !self.done {
            let Some(record) = self.records.next() else {
                self.done = true;
                block.extend(self.current.take());
                break;
            };
            let record = record.map_err(|err| csv_error(&self.file, &err))?;
            if let Some(election) = self.row(&record)? {
                block.push(election);
            }
        }
        Ok(block)
    }

    /// Adds one row; returns the previous election when this row starts a new one.
    fn row(&mut self, record: &csv::ByteRecord) -> Result<Option<Election>, InputError> {
        let file = self.file.as_str();
        let line = record.position().map_or(0, csv::Position::line);
        if record.len() < self.width {
            let message = format!("the row has {} fields, the header {}", record.len(), self.width);
            return Err(InputError::new(file, Some(line), None, message));
        }
        let [election_col, seats_col, party_col, votes_col] = self.columns;
        let id = text_field(file, record, election_col, "the election")?;
        if id.is_empty() {
            return Err(InputError::new(file, Some(line), Some(election_col + 1), "the election is empty".to_owned()));
        }
        let seats_text = text_field(file, record, seats_col, "seats")?;
        let seats =
            parse_whole(seats_text).and_then(|s| u32::try_from(s).ok()).filter(|s| *s > 0).ok_or_else(|| {
                InputError::new(
                    file,
                    Some(line),
                    Some(seats_col + 1),
                    format!("seats must be a whole number from 1 to {}, found \"{seats_text}\"", u32::MAX),
                )
            })?;
        let party = text_field(file, record, party_col, "the party name")?;
        if party.is_empty() {
            return Err(InputError::new(file, Some(line), Some(party_col + 1), "the party name is empty".to_owned()));
        }
        let votes = whole_number(file, record, votes_col, "votes")?;
        let starts_new = self.current.as_ref().is_none_or(|current| current.id != id);
        let mut finished_election = None;
        if starts_new {
            if let Some(previous) = self.current.take() {
                self.finished.insert(previous.id.clone().into_boxed_str());
                finished_election = Some(previous);
            }
            if self.finished.contains(id) {
                let message = format!("the rows of election \"{id}\" are not together: it appeared earlier");
                return Err(InputError::new(file, Some(line), Some(election_col + 1), message));
            }
            self.current = Some(Election { id: id.to_owned(), line, seats, parties: Vec::new(), votes: Vec::new() });
        }
        let current = self.current.as_mut().ok_or_else(|| InputError::new(file, Some(line), None, String::new()))?;
        if current.seats != seats {
            let message = format!(
                "election \"{id}\" has {} seats on line {}, but {seats} here: every row of an election gives the same seats",
                current.seats, current.line
            );
            return Err(InputError::new(file, Some(line), Some(seats_col + 1), message));
        }
        if current.parties.iter().any(|p| p == party) {
            let message = format!("party \"{party}\" appears twice in election \"{id}\"");
            return Err(InputError::new(file, Some(line), Some(party_col + 1), message));
        }
        current.parties.push(party.to_owned());
        current.votes.push(votes);
        Ok(finished_election)
    }
}

pub fn run(args: &BatchArgs) -> crate::CmdResult {
    let rules = args.method.rules();
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(jobs) = args.jobs {
        pool = pool.num_threads(jobs.get());
    }
    let pool = pool.build().map_err(|err| Failure::Failed(err.into()))?;
    pool.install(|| stream(args, &rules))
}

fn stream(args: &BatchArgs, rules: &Rules) -> crate::CmdResult {
    let file = display_name(&args.file);
    let input = open(&args.file).map_err(|err| Failure::Input(anyhow::anyhow!("{file}: cannot open: {err}")))?;
    let stdout = std::io::stdout();
    batch_stream(input, &file, stdout.lock(), rules)
}

/// Reads elections from `input` (named `file` in messages), writes `election,party,seats` to
/// `output`. Runs on the current rayon pool.
pub fn batch_stream<R: Read + Send, W: Write>(input: R, file: &str, output: W, rules: &Rules) -> crate::CmdResult {
    let file = file.to_owned();
    let mut csv = csv_reader(input);
    let mut header = csv::ByteRecord::new();
    let has_header = csv.read_byte_record(&mut header).map_err(|err| input_failure(csv_error(&file, &err)))?;
    if !has_header {
        let message = "the file is empty: expected a header with the columns election, seats, party and votes";
        return Err(input_failure(InputError::new(&file, None, None, message.to_owned())));
    }
    let wanted = ["election", "seats", "party", "votes"];
    let columns = find_columns(&file, &header, &wanted).map_err(input_failure)?;
    let mut reader = BlockReader {
        file: file.clone(),
        records: csv.into_byte_records(),
        columns: [columns.indices[0], columns.indices[1], columns.indices[2], columns.indices[3]],
        width: header.len(),
        current: None,
        finished: HashSet::new(),
        done: false,
    };
    let mut out = BufWriter::with_capacity(1 << 16, output);
    out.write_all(b"election,party,seats\n")?;
    let mut block = reader.next_block().map_err(input_failure)?;
    if block.is_empty() {
        let message = "no elections: the file has a header but no rows";
        return Err(input_failure(InputError::new(&file, None, None, message.to_owned())));
    }
    let mut elections = 0u64;
    while !block.is_empty() {
        // Allocate this block on all cores while the next one is read.
        let (results, next) = rayon::join(
            || block.par_iter().map(|election| allocate_one(election, rules, &file)).collect::<Vec<_>>(),
            || reader.next_block(),
        );
        for result in results {
            out.write_all(&result?)?;
            elections += 1;
        }
        block = next.map_err(|err| {
            let _ = out.flush();
            input_failure(err)
        })?;
    }
    out.flush()?;
    tracing::info!(elections, "batch done");
    Ok(())
}

fn input_failure(err: InputError) -> Failure {
    Failure::Input(err.into())
}

/// Allocates one election and renders its output rows.
fn allocate_one(election: &Election, rules: &Rules, file: &str) -> Result<Vec<u8>, Failure> {
    let tally = Tally::new(election.votes.clone());
    let allocation = allocate(&tally, election.seats, rules).map_err(|err| {
        let context = format!("{file}:{}: election \"{}\"", election.line, election.id);
        match err {
            AllocError::UnresolvedTie(tie) => {
                let parties: Vec<&str> = tie.lists.iter().map(|i| election.parties[*i].as_str()).collect();
                Failure::Undetermined(anyhow::anyhow!(
                    "{context}: unresolved tie: {} contend for {} seat(s) (tie policy: error)",
                    parties.join(", "),
                    tie.seats_in_contention
                ))
            }
            other => from_alloc(other, context),
        }
    })?;
    let mut rows = Vec::with_capacity(election.parties.len() * (election.id.len() + 24));
    for (party, list) in election.parties.iter().zip(&allocation.lists) {
        write_field(&mut rows, &election.id);
        rows.push(b',');
        write_field(&mut rows, party);
        let _ = writeln!(rows, ",{}", list.seats);
    }
    Ok(rows)
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
