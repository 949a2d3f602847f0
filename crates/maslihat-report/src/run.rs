//! The whole report written into a folder: every election of a dataset recomputed, checked and
//! explained, one job per election on a pool of worker threads.
//!
//! Each job analyses its election and writes the election's own files as soon as it is done,
//! then hands back only its summary row (and, for the first elections, its diagrams to inline
//! in the index), so memory holds the dataset and the rows, never every report. A job that
//! fails (an I/O error, even a panic) becomes a row with status `error`; the others go on.
//!
//! The output does not depend on the number of threads: rows are collected in the dataset's
//! order, every file is a function of its election alone, nothing records the clock.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use maslihat_model::Election;
use maslihat_render::report::summary::{summary_page_file, summary_pages};
use maslihat_render::report::{
    ELECTION_FILE_NAMES, ElectionSvgs, IndexPage, StatusKind, SummaryRow, Totals, election_files, html, markdown,
    summary,
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
    move |source| Error::Io { path: path.to_owned(), source }
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
    let jobs_start = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.max(1))
        .thread_name(|i| format!("recompute-{i}"))
        .build()
        .map_err(|e| Error::Pool { jobs: options.jobs, message: e.to_string() })?;
    progress.start(elections.len());
    let (rows, inline): (Vec<SummaryRow>, Vec<Option<ElectionSvgs>>) = pool.install(|| {
        elections
            .par_iter()
            .enumerate()
            .map(|(i, election)| {
                let result = job(&source, election, &options.out, i < INDEX_DIAGRAM_ELECTIONS);
                progress.election_done(&result.0);
                result
            })
            .unzip()
    });
    progress.finish();
    let jobs_time = jobs_start.elapsed();
    let inline = inline_diagrams(inline);
    let summary_start = Instant::now();
    write_summary(&options.out, &source, &elections, &rows, &inline)?;
    let summary_time = summary_start.elapsed();
    Ok(Outcome {
        totals: Totals::of(&rows),
        undocumented: rows.iter().filter(|r| r.is_undocumented_mismatch()).map(|r| r.election.clone()).collect(),
        failed: rows.iter().filter(|r| r.status == StatusKind::Error).map(|r| r.election.clone()).collect(),
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

/// `summary.csv`, `summary.json`, `index.html`, `glossary.html` and `report.md`, and the summary
/// pages `index-N.html` and `report-N.md` of an index over more than
/// [`SUMMARY_PAGE_ROWS`](maslihat_render::report::summary::SUMMARY_PAGE_ROWS) elections.
fn write_summary(
    out: &Path,
    source: &Source,
    elections: &[&Election],
    rows: &[SummaryRow],
    inline: &[ElectionSvgs],
) -> Result<(), Error> {
    let warnings = source.index_warnings(elections);
    let page = IndexPage { title: INDEX_TITLE, data: &source.data_name, rows, diagrams: inline, warnings: &warnings };
    let write = |name: &str, writer: &dyn Fn(&mut dyn Write) -> io::Result<()>| -> Result<(), Error> {
        let path = out.join(name);
        let file = fs::File::create(&path).map_err(io_error(&path))?;
        let mut out = BufWriter::new(file);
        writer(&mut out).and_then(|()| out.flush()).map_err(io_error(&path))
    };
    write("summary.csv", &|out| summary::write_csv(out, rows))?;
    write("summary.json", &|out| summary::write_json(out, rows))?;
    write("index.html", &|out| write_index(out, &page, IndexFormat::Html))?;
    write("glossary.html", &|out| out.write_all(maslihat_render::report::glossary_html().as_bytes()))?;
    write("report.md", &|out| write_index(out, &page, IndexFormat::Markdown))?;
    // A large index links its summary table split over pages of its own.
    for number in 1..=summary_pages(rows.len()) {
        write(&summary_page_file("index", number, "html"), &|out| html::write_summary_page(out, &page, number))?;
        write(&summary_page_file("report", number, "md"), &|out| markdown::write_summary_page(out, &page, number))?;
    }
    Ok(())
}
