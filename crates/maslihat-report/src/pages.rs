//! One page of the report rendered to a `String`: an election's page, or the index over every
//! election (analysed in parallel on the current rayon pool), for a program that serves pages
//! on demand. [`crate::write_report`] writes the same bytes into files.

use std::io::{self, Write};

use maslihat_model::Election;
use maslihat_render::report::index::SummaryPage;
use maslihat_render::report::summary::{summary_page_rows, summary_pages};
use maslihat_render::report::{
    ElectionFile, ElectionReport, ElectionSvgs, IndexPage, IndexSummary, SummaryRow, Which, election_files, html,
    markdown,
};
use rayon::prelude::*;

use crate::{Error, Source};

/// The title of the index.
pub const INDEX_TITLE: &str = "Mäslihat seats, recomputed";

/// The elections (in dataset order) whose diagrams the index shows inline; the others' are on
/// their own pages.
pub const INDEX_DIAGRAM_ELECTIONS: usize = 100;

/// An election's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElectionPage {
    /// `report.html`: self-contained, its diagrams inlined.
    Html,
    /// `report.md`, its diagrams linked as `published.svg` and `recomputed.svg`.
    Markdown,
}

/// The index's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexFormat {
    /// `index.html`.
    Html,
    /// `report.md`.
    Markdown,
}

impl ElectionPage {
    fn file_name(self) -> &'static str {
        match self {
            ElectionPage::Html => "report.html",
            ElectionPage::Markdown => "report.md",
        }
    }
}

impl Source {
    /// The files of election `id`'s folder in the report (see [`election_files`]).
    pub fn election_files(&self, id: &str) -> Result<Vec<ElectionFile>, Error> {
        Ok(election_files(&self.analyse(self.election(id)?)))
    }

    /// Election `id`'s page.
    pub fn election_page(&self, id: &str, page: ElectionPage) -> Result<String, Error> {
        let files = self.election_files(id)?;
        Ok(files.into_iter().find(|f| f.name == page.file_name()).map(|f| f.contents).unwrap_or_default())
    }

    /// The index over the elections of `year` (every election for `None`), each analysed in
    /// parallel on the current rayon pool.
    ///
    /// Over more than [`SUMMARY_PAGE_ROWS`](maslihat_render::report::summary::SUMMARY_PAGE_ROWS) elections the index links its summary table on
    /// pages of their own (`index-N.html`, `report-N.md`): see [`Source::summary_page`].
    pub fn index_page(&self, year: Option<u16>, format: IndexFormat) -> Result<String, Error> {
        let (elections, rows, inline) = self.index_rows(year)?;
        Ok(index_text(self, &elections, &IndexSummary::of(rows, inline), format))
    }

    /// Summary page `number` (1-based) of a split index over the elections of `year`, or
    /// `None` when the index has no such page (it holds its table itself up to
    /// [`SUMMARY_PAGE_ROWS`](maslihat_render::report::summary::SUMMARY_PAGE_ROWS) elections).
    pub fn summary_page(&self, year: Option<u16>, number: usize, format: IndexFormat) -> Result<Option<String>, Error> {
        let (_, rows, _) = self.index_rows(year)?;
        let pages = summary_pages(rows.len());
        if number == 0 || number > pages {
            return Ok(None);
        }
        let page = SummaryPage { title: INDEX_TITLE, number, pages, rows: summary_page_rows(&rows, number) };
        let mut out = Vec::new();
        // Writing into memory cannot fail.
        let _ = match format {
            IndexFormat::Html => html::write_summary_page(&mut out, &page),
            IndexFormat::Markdown => markdown::write_summary_page(&mut out, &page),
        };
        Ok(Some(String::from_utf8(out).unwrap_or_default()))
    }

    /// The elections of `year`, each analysed in parallel: their summary rows and the inline
    /// diagrams of the first ones.
    fn index_rows(&self, year: Option<u16>) -> Result<IndexRows<'_>, Error> {
        let elections = self.elections(year);
        if elections.is_empty() {
            return Err(Error::NoElections { year });
        }
        let (rows, inline): (Vec<SummaryRow>, Vec<Option<ElectionSvgs>>) = elections
            .par_iter()
            .enumerate()
            .map(|(i, election)| {
                let report = self.analyse(election);
                let files = election_files(&report);
                summarise(&report, &files, i < INDEX_DIAGRAM_ELECTIONS)
            })
            .unzip();
        Ok((elections, rows, inline_diagrams(inline)))
    }
}

/// An index's elections, their summary rows and inline diagrams.
type IndexRows<'a> = (Vec<&'a Election>, Vec<SummaryRow>, Vec<ElectionSvgs>);

/// An analysed election's summary row, and its diagrams when the index shows them inline.
pub(crate) fn summarise(
    report: &ElectionReport,
    files: &[ElectionFile],
    inline: bool,
) -> (SummaryRow, Option<ElectionSvgs>) {
    let svgs = inline.then(|| ElectionSvgs {
        election: report.id.clone(),
        svgs: files
            .iter()
            .filter_map(|f| f.name.strip_suffix(".svg").map(|stem| (svg_kind(stem), f.contents.clone())))
            .collect(),
    });
    (SummaryRow::of(report), svgs)
}

fn svg_kind(stem: &str) -> &'static str {
    match stem {
        "published" => Which::Published.name(),
        _ => Which::Recomputed.name(),
    }
}

/// The inline diagrams of the elections that have some. (Rows and diagrams are collected apart
/// by the parallel iterator's `unzip`, in order: collecting pairs and splitting them after held
/// every summary row twice.)
pub(crate) fn inline_diagrams(inline: Vec<Option<ElectionSvgs>>) -> Vec<ElectionSvgs> {
    inline.into_iter().flatten().filter(|e| !e.svgs.is_empty()).collect()
}

/// The index in `format` over the summary of `elections` (in order).
pub(crate) fn index_text(
    source: &Source,
    elections: &[&Election],
    summary: &IndexSummary,
    format: IndexFormat,
) -> String {
    let warnings = source.index_warnings(elections);
    let page = IndexPage { title: INDEX_TITLE, data: &source.data_name, summary, warnings: &warnings };
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write_index(&mut out, &page, format);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the index in `format`.
pub(crate) fn write_index(out: &mut dyn Write, page: &IndexPage<'_>, format: IndexFormat) -> io::Result<()> {
    match format {
        IndexFormat::Html => html::write_index(out, page),
        IndexFormat::Markdown => markdown::write_index(out, page),
    }
}
