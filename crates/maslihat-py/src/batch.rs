//! `batch`: many elections from whole columns (the wrapper hands over NumPy and Arrow buffers as
//! bytes: no Python object per row), allocated on every core by the core's `Apportioner` with the
//! GIL released, as `maslihat batch` does: the rows of an election together, an election id used
//! once. The output is the same for any number of threads.

use std::hash::BuildHasher;
use std::ops::Range;

use maslihat_apportion::{AllocError, Apportioner, Rules, Tally};
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use rayon::prelude::*;

use crate::errors::{alloc_error, input_error};
use crate::options::RuleOptions;

/// Elections per parallel task.
const TASK: usize = 256;

/// An `int64` column in native byte order, as NumPy's `tobytes()` writes it.
#[derive(Debug, Clone, Copy)]
struct Column<'a>(&'a [u8]);

impl Column<'_> {
    fn len(self) -> usize {
        self.0.len() / 8
    }

    fn at(self, row: usize) -> i64 {
        let mut word = [0u8; 8];
        word.copy_from_slice(&self.0[row * 8..row * 8 + 8]);
        i64::from_ne_bytes(word)
    }
}

/// The election ids: whole numbers, or Arrow `large_string` data (offsets and bytes).
#[derive(Debug, Clone, Copy)]
enum Ids<'a> {
    Whole(Column<'a>),
    Text { offsets: Column<'a>, data: &'a [u8] },
}

/// One election id, to compare and hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key<'a> {
    Whole(i64),
    Text(&'a [u8]),
}

impl<'a> Ids<'a> {
    fn len(self) -> usize {
        match self {
            Ids::Whole(column) => column.len(),
            Ids::Text { offsets, .. } => offsets.len().saturating_sub(1),
        }
    }

    /// Checks that the offsets rise and stay inside the data, so `key` cannot go out of bounds.
    fn check(self) -> Result<(), &'static str> {
        let Ids::Text { offsets, data } = self else {
            return Ok(());
        };
        if offsets.len() == 0 {
            return Err("the election ids have no offsets");
        }
        let mut previous = 0i64;
        for row in 0..offsets.len() {
            let offset = offsets.at(row);
            if offset < previous || usize::try_from(offset).map_or(true, |o| o > data.len()) {
                return Err("the election ids' offsets are not an Arrow string array's");
            }
            previous = offset;
        }
        Ok(())
    }

    fn key(self, row: usize) -> Key<'a> {
        match self {
            Ids::Whole(column) => Key::Whole(column.at(row)),
            Ids::Text { offsets, data } => {
                let start = usize::try_from(offsets.at(row)).unwrap_or(0);
                let end = usize::try_from(offsets.at(row + 1)).unwrap_or(0);
                Key::Text(data.get(start..end).unwrap_or_default())
            }
        }
    }
}

/// The election-level columns: a value per row, the same on every row of an election.
#[derive(Debug, Clone, Copy)]
enum Level {
    Seats,
    AgainstAll,
    Invalid,
}

impl Level {
    fn column(self) -> &'static str {
        match self {
            Level::Seats => "seats",
            Level::AgainstAll => "against_all",
            Level::Invalid => "invalid",
        }
    }
}

/// What stopped a batch, found without the GIL and put into words with it.
#[derive(Debug)]
enum Problem {
    /// An election's rows are not all together.
    Scattered { first: usize, again: usize },
    /// A value out of range (`votes` below zero, seats outside 1..=u32::MAX, …).
    OutOfRange { row: usize, column: &'static str, value: i64, expected: &'static str },
    /// An election-level value that differs between the rows of one election.
    Differs { row: usize, first: usize, level: Level },
    /// The core refused the election.
    Alloc { rows: Range<usize>, err: AllocError },
}

/// One task's rows: seats and tie marks, in row order, or the problem that stopped it.
#[derive(Debug, Default)]
struct TaskOutput {
    /// `int64` in native byte order, one per row.
    seats: Vec<u8>,
    tied: Vec<u8>,
    tied_elections: usize,
    problem: Option<Problem>,
}

/// The input columns.
#[derive(Debug, Clone, Copy)]
struct Columns<'a> {
    ids: Ids<'a>,
    seats: Column<'a>,
    votes: Column<'a>,
    against_all: Option<Column<'a>>,
    invalid: Option<Column<'a>>,
}

impl Columns<'_> {
    fn level(&self, level: Level) -> Option<Column<'_>> {
        match level {
            Level::Seats => Some(self.seats),
            Level::AgainstAll => self.against_all,
            Level::Invalid => self.invalid,
        }
    }
}

/// The runs of equal ids: one election each.
fn runs(ids: Ids<'_>) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    let mut previous = (ids.len() > 0).then(|| ids.key(0));
    for row in 1..ids.len() {
        let key = ids.key(row);
        if Some(key) != previous {
            runs.push(start..row);
            start = row;
            previous = Some(key);
        }
    }
    if ids.len() > 0 {
        runs.push(start..ids.len());
    }
    runs
}

/// The first election whose rows come back after another's, if any (as the CLI's `batch`
/// refuses an id used twice). The ids are hashed on all cores and sorted by hash; only runs with
/// equal hashes are compared, so the answer does not depend on the hash.
fn scattered(ids: Ids<'_>, runs: &[Range<usize>]) -> Option<Problem> {
    let state = hashbrown::DefaultHashBuilder::default();
    let mut hashed: Vec<(u64, usize)> =
        runs.par_iter().enumerate().map(|(i, run)| (state.hash_one(ids.key(run.start)), i)).collect();
    hashed.par_sort_unstable();
    let key = |i: usize| ids.key(runs[i].start);
    let mut found: Option<(usize, usize)> = None;
    for group in hashed.chunk_by(|a, b| a.0 == b.0).filter(|group| group.len() > 1) {
        // In a group the runs are in order: the first that repeats an earlier one is its
        // earliest repetition.
        let repeat = group.iter().enumerate().skip(1).find_map(|(j, &(_, again))| {
            group[..j].iter().find(|&&(_, first)| key(first) == key(again)).map(|&(_, first)| (again, first))
        });
        if let Some((again, first)) = repeat
            && found.is_none_or(|(earliest, _)| again < earliest)
        {
            found = Some((again, first));
        }
    }
    found.map(|(again, first)| Problem::Scattered { first: runs[first].start, again: runs[again].start })
}

/// The value of an election-level column for the election in `rows`, checked on every row.
fn level_value(columns: &Columns<'_>, level: Level, rows: &Range<usize>) -> Result<u64, Problem> {
    let Some(column) = columns.level(level) else {
        return Ok(0);
    };
    let value = column.at(rows.start);
    if let Some(row) = rows.clone().find(|&row| column.at(row) != value) {
        return Err(Problem::Differs { row, first: rows.start, level });
    }
    let out_of_range = |expected| Problem::OutOfRange { row: rows.start, column: level.column(), value, expected };
    match level {
        Level::Seats => match u32::try_from(value) {
            Ok(seats) if seats > 0 => Ok(u64::from(seats)),
            _ => Err(out_of_range("a whole number of seats from 1 to 4294967295")),
        },
        Level::AgainstAll | Level::Invalid => {
            u64::try_from(value).map_err(|_| out_of_range("a whole number of ballots, 0 or more"))
        }
    }
}

/// Allocates the elections `runs` into `output`, stopping at the first problem.
fn allocate_task(
    columns: &Columns<'_>,
    runs: &[Range<usize>],
    rules: &Rules,
    apportioner: &mut Apportioner,
    tally: &mut Tally,
) -> TaskOutput {
    let rows = runs.first().map_or(0, |r| r.start)..runs.last().map_or(0, |r| r.end);
    let mut output =
        TaskOutput { seats: Vec::with_capacity(rows.len() * 8), tied: vec![0; rows.len()], ..TaskOutput::default() };
    for run in runs {
        if let Err(problem) = allocate_one(columns, run, rules, apportioner, tally, &mut output, rows.start) {
            output.problem = Some(problem);
            return output;
        }
    }
    output
}

fn allocate_one(
    columns: &Columns<'_>,
    run: &Range<usize>,
    rules: &Rules,
    apportioner: &mut Apportioner,
    tally: &mut Tally,
    output: &mut TaskOutput,
    task_start: usize,
) -> Result<(), Problem> {
    let house = level_value(columns, Level::Seats, run)?;
    tally.set_against_all(level_value(columns, Level::AgainstAll, run)?);
    tally.set_invalid(level_value(columns, Level::Invalid, run)?);
    let votes = tally.votes_mut();
    votes.clear();
    for row in run.clone() {
        let value = columns.votes.at(row);
        let count = u64::try_from(value).map_err(|_| Problem::OutOfRange {
            row,
            column: "votes",
            value,
            expected: "a whole number of votes, 0 or more",
        })?;
        votes.push(count);
    }
    let house = u32::try_from(house).unwrap_or(u32::MAX);
    let seats = apportioner.seats(tally, house, rules).map_err(|err| Problem::Alloc { rows: run.clone(), err })?;
    for &won in seats {
        output.seats.extend_from_slice(&i64::from(won).to_ne_bytes());
    }
    let ties = apportioner.ties();
    if !ties.is_empty() {
        output.tied_elections += 1;
        for list in ties.iter().flat_map(|tie| tie.lists.iter()) {
            output.tied[run.start - task_start + list] = 1;
        }
    }
    Ok(())
}

/// Puts a problem into words: rows are positions in the frame (0-based, as `iloc`), elections
/// and parties by name.
fn problem_error(
    py: Python<'_>,
    problem: &Problem,
    party_at: &Bound<'_, PyAny>,
    election_at: &Bound<'_, PyAny>,
) -> PyErr {
    let election = |row: usize| -> String {
        election_at.call1((row,)).and_then(|name| name.str().map(|s| s.to_string())).unwrap_or_else(|_| "?".into())
    };
    match problem {
        Problem::Scattered { first, again } => input_error(format!(
            "row {again}: election {:?} comes back after other elections (its first row is {first}); the rows of \
             one election must be together",
            election(*again)
        )),
        Problem::OutOfRange { row, column, value, expected } => input_error(format!(
            "row {row}: election {:?}: {column}: expected {expected}, found {value}",
            election(*row)
        )),
        Problem::Differs { row, first, level } => input_error(format!(
            "row {row}: election {:?}: {} differs from its first row ({first}); it must be the same on every row of \
             an election",
            election(*row),
            level.column()
        )),
        Problem::Alloc { rows, err } => {
            let names: Vec<String> = rows
                .clone()
                .map(|row| {
                    party_at
                        .call1((row,))
                        .and_then(|name| name.str().map(|s| s.to_string()))
                        .unwrap_or_else(|_| format!("list {}", row - rows.start + 1))
                })
                .collect();
            let context = format!("row {}: election {:?}", rows.start, election(rows.start));
            alloc_error(py, err, &context, &names)
        }
    }
}

/// Allocates every election of the columns (the documented wrapper is `maslihat.batch`). The
/// election ids are `ids` as `int64` bytes, or with `offsets` (`int64`, one more than the rows)
/// the bytes of Arrow `large_string` data. Returns the seats (`int64` bytes), a tie mark per row (bytes of 0/1: the row's list was in a
/// tie) and the number of elections with a tie.
#[pyfunction]
#[pyo3(signature = (ids, offsets, seats, votes, against_all, invalid, options, party_at, election_at))]
#[allow(clippy::too_many_arguments)]
pub fn batch<'py>(
    py: Python<'py>,
    ids: &Bound<'py, PyBytes>,
    offsets: Option<Bound<'py, PyBytes>>,
    seats: &Bound<'py, PyBytes>,
    votes: &Bound<'py, PyBytes>,
    against_all: Option<Bound<'py, PyBytes>>,
    invalid: Option<Bound<'py, PyBytes>>,
    options: RuleOptions,
    party_at: &Bound<'py, PyAny>,
    election_at: &Bound<'py, PyAny>,
) -> PyResult<(Bound<'py, PyBytes>, Bound<'py, PyBytes>, usize)> {
    let rules = options.rules()?;
    let ids = match &offsets {
        None => Ids::Whole(Column(ids.as_bytes())),
        Some(offsets) => Ids::Text { offsets: Column(offsets.as_bytes()), data: ids.as_bytes() },
    };
    ids.check().map_err(input_error)?;
    let columns = Columns {
        ids,
        seats: Column(seats.as_bytes()),
        votes: Column(votes.as_bytes()),
        against_all: against_all.as_ref().map(|c| Column(c.as_bytes())),
        invalid: invalid.as_ref().map(|c| Column(c.as_bytes())),
    };
    let rows = columns.ids.len();
    let lengths = [Some(columns.seats), Some(columns.votes), columns.against_all, columns.invalid];
    if lengths.iter().flatten().any(|c| c.len() != rows || c.0.len() % 8 != 0) {
        return Err(input_error("the columns must be int64 buffers of the same length"));
    }
    let result = py.detach(|| -> Result<(Vec<u8>, Vec<u8>, usize), Problem> {
        let runs = runs(columns.ids);
        if let Some(problem) = scattered(columns.ids, &runs) {
            return Err(problem);
        }
        let outputs: Vec<TaskOutput> = runs
            .par_chunks(TASK)
            .map_init(
                || (Apportioner::new(), Tally::default()),
                |(apportioner, tally), task| allocate_task(&columns, task, &rules, apportioner, tally),
            )
            .collect();
        let mut seats = Vec::with_capacity(rows * 8);
        let mut tied = Vec::with_capacity(rows);
        let mut tied_elections = 0;
        for output in outputs {
            if let Some(problem) = output.problem {
                return Err(problem);
            }
            seats.extend_from_slice(&output.seats);
            tied.extend_from_slice(&output.tied);
            tied_elections += output.tied_elections;
        }
        Ok((seats, tied, tied_elections))
    });
    match result {
        Ok((seats, tied, tied_elections)) => Ok((PyBytes::new(py, &seats), PyBytes::new(py, &tied), tied_elections)),
        Err(problem) => Err(problem_error(py, &problem, party_at, election_at)),
    }
}
