//! The whole report written into a folder: every election of a dataset recomputed, checked and
//! explained, one job per election on a pool of worker threads.
//!
//! Each job analyses its election and writes the election's own files as soon as it is done,
//! then hands back only its summary row (and, for the first elections, its diagrams to inline
//! in the index). The elections go a summary page (1,000) at a time: the page's rows are written
//! into the summary files and pages, then gathered into the index's summary, which keeps the
//! rows only for an index that holds its table (1,000 elections or fewer). So beyond the
//! dataset, memory holds a page of rows at a time, never every row. A job that fails (an
//! I/O error, even a panic) becomes a row with status `error`; the others go on.
//!
//! The output does not depend on the number of threads: rows are collected in the dataset's
//! order, every file is a function of its election alone, nothing records the clock.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use maslihat_model::Election;
use maslihat_render::report::index::SummaryPage;
use maslihat_render::report::summary::{SUMMARY_PAGE_ROWS, SummaryCsv, summary_page_file, summary_pages};
use maslihat_render::report::{
    ELECTION_FILE_NAMES, ElectionSvgs, IndexPage, IndexSummary, StatusKind, SummaryRow, Totals, election_files, html,
    markdown, summary,
};
use rayon::prelude::*;

use crate::pages::{INDEX_DIAGRAM_ELECTIONS, INDEX_TITLE, IndexFormat, inline_diagrams, summarise, write_index};
use crate::{Error, Progress, Source};

/// What to recompute and where to write it.
#[derive(Debug, Clone)]
pub struct Options {
    /// A dataset folder in the `datasets/` format.
    pub data: PathBuf,
    /// The report folder (created if missing).
    pub out: PathBuf,
    /// Worker threads (at least 1).
    pub jobs: usize,
    /// Only the elections of this year.
    pub year: Option<u16>,
}

/// What a run did.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub totals: Totals,
    /// The ids of mismatches that the data does not document, and of failed elections.
    pub undocumented: Vec<String>,
    pub failed: Vec<String>,
    pub warnings: usize,
    /// Time to load the data, to analyse and write every election (the parallel part), to write
    /// the summary and index pages, and for the whole run.
    pub load_time: Duration,
    pub jobs_time: Duration,
    pub summary_time: Duration,
    pub elapsed: Duration,
    /// The report's `index.html`.
    pub index: PathBuf,
}

impl Outcome {
    /// Whether the run found nothing wrong: no undocumented mismatch, no failed election.
    pub fn is_success(&self) -> bool {
        self.undocumented.is_empty() && self.failed.is_empty()
    }

    /// The closing line for people: counts and time.
    pub fn summary_line(&self) -> String {
        let t = &self.totals;
        format!(
            "{} elections processed in {:.2} s (loading {:.2} s, elections {:.2} s, summary {:.2} s): {} match, {} \
             determined match, {} mismatch ({} undocumented), {} consistent, {} inconsistent, {} not published, {} no \
             data, {} failed",
            t.elections,
            self.elapsed.as_secs_f64(),
            self.load_time.as_secs_f64(),
            self.jobs_time.as_secs_f64(),
            self.summary_time.as_secs_f64(),
            t.matched,
            t.determined_match,
            t.mismatched,
            t.mismatched_undocumented,
            t.consistent,
            t.inconsistent,
            t.not_published,
            t.no_data,
            t.errors
        )
    }
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> Error + '_ {
    move |error| Error::Io { path: path.to_owned(), error }
}

/// Recomputes every election of `options.data` into `options.out`: `summary.csv`,
/// `summary.json`, `index.html`, `glossary.html`, `report.md` and a folder per election under `elections/`.
pub fn write_report(options: &Options, progress: &dyn Progress) -> Result<Outcome, Error> {
    let start = Instant::now();
    let source = Source::load(&options.data)?;
    let load_time = start.elapsed();
    let elections = source.elections(options.year);
    if elections.is_empty() {
        return Err(Error::NoElections { year: options.year });
    }

    prepare(&options.out, &elections)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.max(1))
        .thread_name(|i| format!("recompute-{i}"))
        .build()
        .map_err(|e| Error::Pool { jobs: options.jobs, message: e.to_string() })?;
    progress.start(elections.len());
    let mut summary = SummaryFiles::create(&options.out, elections.len())?;
    let (mut jobs_time, mut summary_time) = (Duration::ZERO, Duration::ZERO);
    // A summary page's elections at a time: each page, and its part of `summary.csv` and
    // `summary.json`, is written when its elections are done, and then only what the index
    // needs of its rows is kept (see `SummaryFiles`).
    for (page, chunk) in elections.chunks(SUMMARY_PAGE_ROWS).enumerate() {
        let jobs_start = Instant::now();
        let first = page * SUMMARY_PAGE_ROWS;
        let (rows, inline): (Vec<SummaryRow>, Vec<Option<ElectionSvgs>>) = pool.install(|| {
            chunk
                .par_iter()
                .enumerate()
                .map(|(i, election)| {
                    let result = job(&source, election, &options.out, first + i < INDEX_DIAGRAM_ELECTIONS);
                    progress.election_done(&result.0);
                    result
                })
                .unzip()
        });
        jobs_time += jobs_start.elapsed();
        let summary_start = Instant::now();
        summary.add(page + 1, rows, inline_diagrams(inline))?;
        summary_time += summary_start.elapsed();
    }
    progress.finish();
    let summary_start = Instant::now();
    let Written { index, undocumented, failed } = summary.finish()?;
    write_summary(&options.out, &source, &elections, &index)?;
    summary_time += summary_start.elapsed();
    Ok(Outcome {
        totals: *index.totals(),
        undocumented,
        failed,
        warnings: source.warning_count(),
        load_time,
        jobs_time,
        summary_time,
        elapsed: start.elapsed(),
        index: options.out.join("index.html"),
    })
}

/// Creates the report folder and its `elections/`. In the folder of an earlier report (one with
/// a `summary.csv`), the folders of elections no longer in the run are removed; the others are
/// overwritten in place by their jobs.
fn prepare(out: &Path, elections: &[&Election]) -> Result<(), Error> {
    let folder = out.join("elections");
    fs::create_dir_all(&folder).map_err(io_error(&folder))?;
    if !out.join("summary.csv").is_file() {
        return Ok(());
    }
    let current: std::collections::BTreeSet<&str> = elections.iter().map(|e| e.id.0.as_str()).collect();
    for entry in fs::read_dir(&folder).map_err(io_error(&folder))? {
        let path = entry.map_err(io_error(&folder))?.path();
        let stale = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| !current.contains(n));
        if stale && path.is_dir() {
            fs::remove_dir_all(&path).map_err(io_error(&path))?;
        }
    }
    Ok(())
}

/// One election: analysed, its files written; never panics and never fails the run.
fn job(source: &Source, election: &Election, out: &Path, inline: bool) -> (SummaryRow, Option<ElectionSvgs>) {
    let work = || -> Result<(SummaryRow, Option<ElectionSvgs>), String> {
        let report = source.analyse(election);
        let files = election_files(&report);
        write_election_files(&out.join("elections").join(&report.id), &files)?;
        Ok(summarise(&report, &files, inline))
    };
    let failed = |reason: String| {
        let year = election.date.year();
        let dataset = &source.dataset;
        let name = dataset.body(&election.body).map_or(election.body.0.as_str(), |b| b.name_in(year));
        SummaryRow::failed(&election.id.0, &election.body.0, name, year, election.profile.name(), reason)
    };
    match catch_unwind(AssertUnwindSafe(work)) {
        Ok(Ok(done)) => done,
        Ok(Err(reason)) => (failed(reason), None),
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            (failed(format!("the report of this election failed (a bug, please report it): {message}")), None)
        }
    }
}

/// Writes an election's files into `dir`, and removes the files an earlier run wrote that this
/// one does not (a diagram no longer drawn).
fn write_election_files(dir: &Path, files: &[maslihat_render::report::ElectionFile]) -> Result<(), String> {
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for file in files {
        let path = dir.join(file.name);
        fs::write(&path, &file.contents).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    for name in ELECTION_FILE_NAMES.iter().filter(|n| !files.iter().any(|f| f.name == **n)) {
        let path = dir.join(name);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                return Err(format!("cannot remove {}: {e}", path.display()));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Writes `path` through a buffer.
fn write_file(path: &Path, writer: &dyn Fn(&mut dyn Write) -> io::Result<()>) -> Result<(), Error> {
    let file = fs::File::create(path).map_err(io_error(path))?;
    let mut out = BufWriter::new(file);
    writer(&mut out).and_then(|()| out.flush()).map_err(io_error(path))
}

/// The summary files written as the rows come, a summary page's rows at a time: `summary.csv`,
/// the rows of `summary.json` (into a part file, put after the totals at the end: the totals
/// come first in the file), and, for an index over more than
/// [`SUMMARY_PAGE_ROWS`] elections, the summary pages `index-N.html` and `report-N.md`.
///
/// The rows then go to the index's summary ([`IndexSummary`]), which keeps them whole only
/// when the index holds the table itself; when it is split over pages, it keeps the totals and
/// each page's first and last election. The run's outcome keeps the ids it names. So memory
/// holds no row of a page once the page is written.
struct SummaryFiles {
    out: PathBuf,
    csv: SummaryCsv<BufWriter<fs::File>>,
    json_rows: BufWriter<fs::File>,
    json_rows_path: PathBuf,
    /// The rows written so far.
    done: usize,
    /// The summary pages of the index (none when it holds the table).
    pages: usize,
    index: IndexSummary,
    /// The ids of the mismatches the data does not document, and of the failed elections.
    undocumented: Vec<String>,
    failed: Vec<String>,
}

/// What the summary files leave for the index and the run's outcome.
struct Written {
    index: IndexSummary,
    undocumented: Vec<String>,
    failed: Vec<String>,
}

impl SummaryFiles {
    fn create(out: &Path, elections: usize) -> Result<SummaryFiles, Error> {
        let csv_path = out.join("summary.csv");
        let csv_file = fs::File::create(&csv_path).map_err(io_error(&csv_path))?;
        let csv = SummaryCsv::new(BufWriter::new(csv_file)).map_err(io_error(&csv_path))?;
        let json_rows_path = out.join("summary.json.part");
        let json_file = fs::File::create(&json_rows_path).map_err(io_error(&json_rows_path))?;
        Ok(SummaryFiles {
            out: out.to_owned(),
            csv,
            json_rows: BufWriter::new(json_file),
            json_rows_path,
            done: 0,
            pages: summary_pages(elections),
            index: IndexSummary::new(elections),
            undocumented: Vec::new(),
            failed: Vec::new(),
        })
    }

    /// The rows of summary page `number` (all the rows, for an index that is not split), done.
    fn add(&mut self, number: usize, rows: Vec<SummaryRow>, inline: Vec<ElectionSvgs>) -> Result<(), Error> {
        let csv_path = self.out.join("summary.csv");
        self.csv.rows(&rows).map_err(io_error(&csv_path))?;
        summary::write_json_rows(&mut self.json_rows, &rows, self.done).map_err(io_error(&self.json_rows_path))?;
        self.done += rows.len();
        if self.pages > 0 {
            let page = SummaryPage { title: INDEX_TITLE, number, pages: self.pages, rows: &rows };
            let html_path = self.out.join(summary_page_file("index", number, "html"));
            write_file(&html_path, &|out| html::write_summary_page(out, &page))?;
            let markdown_path = self.out.join(summary_page_file("report", number, "md"));
            write_file(&markdown_path, &|out| markdown::write_summary_page(out, &page))?;
        }
        let ids = |keep: fn(&SummaryRow) -> bool| rows.iter().filter(move |r| keep(r)).map(|r| r.election.clone());
        self.undocumented.extend(ids(SummaryRow::is_undocumented_mismatch));
        self.failed.extend(ids(|r| r.status == StatusKind::Error));
        self.index.add(rows, inline);
        Ok(())
    }

    /// Ends `summary.csv` and writes `summary.json`; gives back what the index and the outcome
    /// read.
    fn finish(self) -> Result<Written, Error> {
        let csv_path = self.out.join("summary.csv");
        self.csv.finish().map_err(io_error(&csv_path))?;
        let part = &self.json_rows_path;
        self.json_rows.into_inner().map_err(|e| Error::Io { path: part.clone(), error: e.into_error() })?;
        let elements = fs::File::open(part).map_err(io_error(part))?;
        let totals: &Totals = self.index.totals();
        let json_path = self.out.join("summary.json");
        write_file(&json_path, &|out| {
            summary::write_json_around(out, totals, self.done, &mut io::BufReader::new(&elements))
        })?;
        fs::remove_file(part).map_err(io_error(part))?;
        Ok(Written { index: self.index, undocumented: self.undocumented, failed: self.failed })
    }
}

/// `index.html`, `glossary.html` and `report.md` (the summary files and pages are written as
/// the rows come, by [`SummaryFiles`]).
fn write_summary(out: &Path, source: &Source, elections: &[&Election], index: &IndexSummary) -> Result<(), Error> {
    let warnings = source.index_warnings(elections);
    let page = IndexPage { title: INDEX_TITLE, data: &source.data_name, summary: index, warnings: &warnings };
    write_file(&out.join("index.html"), &|out| write_index(out, &page, IndexFormat::Html))?;
    write_file(&out.join("glossary.html"), &|out| out.write_all(maslihat_render::report::glossary_html().as_bytes()))?;
    write_file(&out.join("report.md"), &|out| write_index(out, &page, IndexFormat::Markdown))?;
    Ok(())
}
