//! `recompute`: every election of a dataset recomputed, checked and explained, one job per
//! election on a pool of worker threads, into a report folder.
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

use maslihat_ingest::{Errors, Warning, load};
use maslihat_model::{Dataset, Election};
use maslihat_render::report::{
    self, ELECTION_FILE_NAMES, ElectionSvgs, IndexPage, StatusKind, SummaryRow, Totals, analyse, election_files, html,
    markdown, summary,
};
use rayon::prelude::*;

use crate::progress::{Progress, Style};

/// The elections (in dataset order) whose diagrams `index.html` and `report.md` show inline;
/// the others' are on their own pages.
pub const INDEX_DIAGRAM_ELECTIONS: usize = 100;

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
    pub progress: Style,
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
            "{} elections processed in {:.2} s (loading {:.2} s, elections {:.2} s, summary {:.2} s): {} matched, {} \
             mismatched ({} undocumented), {} not recomputable, {} not published, {} failed",
            t.elections,
            self.elapsed.as_secs_f64(),
            self.load_time.as_secs_f64(),
            self.jobs_time.as_secs_f64(),
            self.summary_time.as_secs_f64(),
            t.matched,
            t.mismatched,
            t.mismatched_undocumented,
            t.cannot_recompute,
            t.not_published,
            t.errors
        )
    }
}

/// Why a run could not be made at all (a single election's failure is a row, not this).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("the dataset in {} does not load:\n{errors}", dir.display())]
    Load { dir: PathBuf, errors: Box<Errors> },
    #[error("the dataset has no election{}", year.map(|y| format!(" in {y}")).unwrap_or_default())]
    NoElections { year: Option<u16> },
    #[error("cannot start {jobs} worker threads: {message}")]
    Pool { jobs: usize, message: String },
    #[error("cannot write {}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> Error + '_ {
    move |source| Error::Io { path: path.to_owned(), source }
}

/// Recomputes every election of `options.data` into `options.out`.
pub fn recompute(options: &Options) -> Result<Outcome, Error> {
    let start = Instant::now();
    let loaded =
        load(&options.data).map_err(|errors| Error::Load { dir: options.data.clone(), errors: Box::new(errors) })?;
    let load_time = start.elapsed();
    let dataset = &loaded.dataset;
    let elections: Vec<&Election> =
        dataset.elections.iter().filter(|e| options.year.is_none_or(|y| e.date.year() == y)).collect();
    if elections.is_empty() {
        return Err(Error::NoElections { year: options.year });
    }
    let warnings = warning_texts(&loaded.warnings, &options.data, &elections);

    prepare(&options.out, &elections)?;
    let jobs_start = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.max(1))
        .thread_name(|i| format!("recompute-{i}"))
        .build()
        .map_err(|e| Error::Pool { jobs: options.jobs, message: e.to_string() })?;
    let progress = Progress::new("elections", elections.len(), options.progress);
    let results: Vec<(SummaryRow, Option<ElectionSvgs>)> = pool.install(|| {
        elections
            .par_iter()
            .enumerate()
            .map(|(i, election)| {
                let election_warnings = warnings.per_election.get(i).cloned().unwrap_or_default();
                let result = job(dataset, election, election_warnings, &options.out, i < INDEX_DIAGRAM_ELECTIONS);
                let row = &result.0;
                if row.is_undocumented_mismatch() {
                    progress.message(&format!("mismatch: {}: {}", row.election, row.reason));
                } else if row.status == StatusKind::Error {
                    progress.message(&format!("error: {}: {}", row.election, row.reason));
                }
                progress.tick(&row.election);
                result
            })
            .collect()
    });
    progress.finish();
    let jobs_time = jobs_start.elapsed();
    let (rows, inline): (Vec<SummaryRow>, Vec<Option<ElectionSvgs>>) = results.into_iter().unzip();
    let inline: Vec<ElectionSvgs> = inline.into_iter().flatten().filter(|e| !e.svgs.is_empty()).collect();
    let summary_start = Instant::now();
    write_summary(options, &rows, &inline, &warnings.all)?;
    let summary_time = summary_start.elapsed();
    let index = options.out.join("index.html");
    Ok(Outcome {
        totals: Totals::of(&rows),
        undocumented: rows.iter().filter(|r| r.is_undocumented_mismatch()).map(|r| r.election.clone()).collect(),
        failed: rows.iter().filter(|r| r.status == StatusKind::Error).map(|r| r.election.clone()).collect(),
        warnings: loaded.warnings.len(),
        load_time,
        jobs_time,
        summary_time,
        elapsed: start.elapsed(),
        index,
    })
}

/// The loader's warnings as text, per election (in `elections` order) and all together,
/// positions relative to the data folder.
struct WarningTexts {
    per_election: Vec<Vec<String>>,
    all: Vec<String>,
}

fn warning_texts(warnings: &[Warning], data: &Path, elections: &[&Election]) -> WarningTexts {
    let position = |w: &Warning| {
        let file = w.position.file.strip_prefix(data).unwrap_or(&w.position.file).display().to_string();
        let mut at = file;
        if let Some(line) = w.position.line {
            at += &format!(":{line}");
            if let Some(column) = w.position.column {
                at += &format!(":{column}");
            }
        }
        at
    };
    let index: std::collections::BTreeMap<&str, usize> =
        elections.iter().enumerate().map(|(i, e)| (e.id.0.as_str(), i)).collect();
    let mut per_election = vec![Vec::new(); elections.len()];
    let mut all = Vec::new();
    for warning in warnings {
        let Some(&i) = index.get(warning.election.0.as_str()) else { continue };
        per_election[i].push(format!("{}: {}", position(warning), warning.kind));
        all.push(format!("{}: {}: {}", position(warning), warning.election, warning.kind));
    }
    WarningTexts { per_election, all }
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
fn job(
    dataset: &Dataset,
    election: &Election,
    warnings: Vec<String>,
    out: &Path,
    inline: bool,
) -> (SummaryRow, Option<ElectionSvgs>) {
    let work = || -> Result<(SummaryRow, Option<ElectionSvgs>), String> {
        let report = analyse(dataset, election, warnings);
        let files = election_files(&report);
        let dir = out.join("elections").join(&report.id);
        fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        for file in &files {
            let path = dir.join(file.name);
            fs::write(&path, &file.contents).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        }
        // A file an earlier run wrote that this one does not (a diagram no longer drawn).
        for name in ELECTION_FILE_NAMES.iter().filter(|n| !files.iter().any(|f| f.name == **n)) {
            let path = dir.join(name);
            match fs::remove_file(&path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => {
                    return Err(format!("cannot remove {}: {e}", path.display()));
                }
                _ => {}
            }
        }
        let svgs = inline.then(|| ElectionSvgs {
            election: report.id.clone(),
            svgs: files
                .iter()
                .filter_map(|f| f.name.strip_suffix(".svg").map(|kind| (svg_kind(kind), f.contents.clone())))
                .collect(),
        });
        Ok((SummaryRow::of(&report), svgs))
    };
    let failed = |reason: String| {
        let year = election.date.year();
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

fn svg_kind(stem: &str) -> &'static str {
    match stem {
        "published" => report::Which::Published.name(),
        _ => report::Which::Recomputed.name(),
    }
}

/// `summary.csv`, `summary.json`, `index.html` and `report.md`.
fn write_summary(
    options: &Options,
    rows: &[SummaryRow],
    inline: &[ElectionSvgs],
    warnings: &[String],
) -> Result<(), Error> {
    // The folder's name, not its full path: the report reads the same on every machine.
    let data = options
        .data
        .file_name()
        .map_or_else(|| options.data.display().to_string(), |n| n.to_string_lossy().into_owned())
        + "/";
    let page = IndexPage { title: "Mäslihat seats, recomputed", data: &data, rows, diagrams: inline, warnings };
    let write = |name: &str, writer: &dyn Fn(&mut dyn Write) -> io::Result<()>| -> Result<(), Error> {
        let path = options.out.join(name);
        let file = fs::File::create(&path).map_err(io_error(&path))?;
        let mut out = BufWriter::new(file);
        writer(&mut out).and_then(|()| out.flush()).map_err(io_error(&path))
    };
    write("summary.csv", &|out| summary::write_csv(out, rows))?;
    write("summary.json", &|out| summary::write_json(out, rows))?;
    write("index.html", &|out| html::write_index(out, &page))?;
    write("report.md", &|out| markdown::write_index(out, &page))
}
