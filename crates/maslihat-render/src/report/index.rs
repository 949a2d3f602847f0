//! What the index (`index.html`, `report.md`) reads of a run's summary rows, gathered a
//! summary page at a time: the totals, the whole table when the index holds it, else each
//! summary page's first and last election, and the diagrams to inline with their captions.
//!
//! An index split over summary pages so holds a few things per page, not every row: a run
//! writes each page's rows into the summary files and pages, then lets them go.

use super::html::ElectionSvgs;
use super::summary::{SUMMARY_PAGE_ROWS, SummaryRow, Totals, summary_pages};

/// The summary of a run as the index shows it. Made a page of rows at a time by
/// [`IndexSummary::add`], or at once by [`IndexSummary::of`]; both give the same.
#[derive(Debug, Clone)]
pub struct IndexSummary {
    /// The elections of the whole run (known before its rows are).
    elections: usize,
    /// The rows added so far.
    added: usize,
    totals: Totals,
    /// Elections with a diagram (inlined in the index or on their own page).
    with_diagrams: usize,
    table: Table,
    cards: Vec<Card>,
}

/// The index's summary table.
#[derive(Debug, Clone)]
enum Table {
    /// Every row: the index holds its table (up to [`SUMMARY_PAGE_ROWS`] elections).
    Rows(Vec<SummaryRow>),
    /// Each summary page's first and last election, for the list of pages.
    Pages(Vec<PageEnds>),
}

/// A summary page's first and last election: name and year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageEnds {
    pub first: (String, u16),
    pub last: (String, u16),
}

/// An election's diagrams inlined in the index, and what its caption says of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub svgs: ElectionSvgs,
    /// `Name 2021` (the election's id when its row was not given).
    pub name: String,
    /// `: 21 list seats of 42 (district seats not shown)` for a mixed election, else empty.
    pub seats: String,
}

impl IndexSummary {
    /// An index over `elections` elections, before any row.
    pub fn new(elections: usize) -> IndexSummary {
        let table = if summary_pages(elections) == 0 { Table::Rows(Vec::new()) } else { Table::Pages(Vec::new()) };
        IndexSummary { elections, added: 0, totals: Totals::default(), with_diagrams: 0, table, cards: Vec::new() }
    }

    /// The index over `rows`, with `diagrams` (of some of them) inlined.
    pub fn of(rows: Vec<SummaryRow>, diagrams: Vec<ElectionSvgs>) -> IndexSummary {
        let mut summary = IndexSummary::new(rows.len());
        summary.add(rows, diagrams);
        summary
    }

    /// The next `rows` of the run, in order, with the diagrams of some of them to inline (a
    /// diagram's caption is read from its row among these).
    pub fn add(&mut self, rows: Vec<SummaryRow>, diagrams: Vec<ElectionSvgs>) {
        for svgs in diagrams {
            let row = rows.iter().rev().find(|r| r.election == svgs.election);
            let name = row.map_or_else(|| svgs.election.clone(), |r| format!("{} {}", r.name, r.year));
            let seats = row.map(seat_note).unwrap_or_default();
            self.cards.push(Card { svgs, name, seats });
        }
        self.totals = self.totals.plus(&Totals::of(&rows));
        self.with_diagrams += rows.iter().filter(|r| !r.diagrams.is_empty()).count();
        let first = self.added;
        self.added += rows.len();
        match &mut self.table {
            Table::Rows(all) => all.extend(rows),
            Table::Pages(pages) => {
                for (i, row) in rows.iter().enumerate() {
                    let end = (row.name.clone(), row.year);
                    if (first + i).is_multiple_of(SUMMARY_PAGE_ROWS) {
                        pages.push(PageEnds { first: end.clone(), last: end });
                    } else if let Some(page) = pages.last_mut() {
                        page.last = end;
                    }
                }
            }
        }
    }

    /// The elections of the run.
    pub fn elections(&self) -> usize {
        self.elections
    }

    /// The totals over the rows added.
    pub fn totals(&self) -> &Totals {
        &self.totals
    }

    /// The number of elections with a diagram (inlined or not).
    pub fn with_diagrams(&self) -> usize {
        self.with_diagrams
    }

    /// Every row, when the index holds its table; `None` when it is split over summary pages.
    pub fn rows(&self) -> Option<&[SummaryRow]> {
        match &self.table {
            Table::Rows(rows) => Some(rows),
            Table::Pages(_) => None,
        }
    }

    /// Each summary page's first and last election (none when the index holds its table).
    pub fn page_ends(&self) -> &[PageEnds] {
        match &self.table {
            Table::Rows(_) => &[],
            Table::Pages(pages) => pages,
        }
    }

    /// The diagrams to inline, with their captions.
    pub fn cards(&self) -> &[Card] {
        &self.cards
    }
}

/// `: 21 list seats of 42 (district seats not shown)` for a mixed election, else nothing.
fn seat_note(row: &SummaryRow) -> String {
    match (row.list_seats, row.total_seats) {
        (Some(list), Some(total)) if list != total => {
            format!(": {list} list seats of {total} (district seats not shown)")
        }
        _ => String::new(),
    }
}

/// A summary page of an index split over pages: its rows, its number (1-based) and how many
/// pages there are.
#[derive(Debug, Clone, Copy)]
pub struct SummaryPage<'a> {
    pub title: &'a str,
    pub number: usize,
    pub pages: usize,
    pub rows: &'a [SummaryRow],
}

#[cfg(test)]
mod tests {
    use std::ops::Range;

    use proptest::prelude::*;

    use super::super::summary::{summary_page_rows, tests::row};
    use super::*;

    /// `elections` rows made from `sample` (each with its own id), every `every`th with a
    /// diagram.
    fn rows_of(sample: &[SummaryRow], elections: usize, every: usize) -> Vec<SummaryRow> {
        (0..elections)
            .map(|i| {
                let mut row = sample[i % sample.len()].clone();
                row.election = format!("e{i}");
                row.diagrams = if i % every == 0 { vec!["recomputed"] } else { Vec::new() };
                row
            })
            .collect()
    }

    /// The diagrams of the rows in `range` with one, among the first `inline` rows.
    fn diagrams(rows: &[SummaryRow], range: Range<usize>, inline: usize) -> Vec<ElectionSvgs> {
        range
            .filter(|&i| i < inline && !rows[i].diagrams.is_empty())
            .map(|i| ElectionSvgs {
                election: rows[i].election.clone(),
                svgs: vec![("recomputed", format!("<svg>{i}</svg>"))],
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(40))]

        /// Gathered a page (or any piece) at a time, the summary is the one of the whole rows,
        /// and says what the whole rows say: their totals, each page's first and last row, each
        /// card's row.
        #[test]
        fn a_summary_gathered_in_pieces_is_what_the_whole_rows_say(
            sample in proptest::collection::vec(row(), 1..5),
            elections in 1..2600usize,
            cuts in proptest::collection::vec(1..1500usize, 1..5),
            every in 1..4usize,
            inline in 0..150usize,
        ) {
            let rows = rows_of(&sample, elections, every);
            let whole = IndexSummary::of(rows.clone(), diagrams(&rows, 0..elections, inline));
            let mut pieces = IndexSummary::new(elections);
            let mut start = 0;
            for cut in cuts.iter().cycle() {
                let end = (start + cut).min(elections);
                pieces.add(rows[start..end].to_vec(), diagrams(&rows, start..end, inline));
                start = end;
                if start == elections {
                    break;
                }
            }
            // Compared as written out: the rows' indices may be NaN, which is not equal to itself.
            prop_assert_eq!(format!("{pieces:?}"), format!("{whole:?}"));

            prop_assert_eq!(whole.totals(), &Totals::of(&rows));
            prop_assert_eq!(whole.with_diagrams(), rows.iter().filter(|r| !r.diagrams.is_empty()).count());
            let pages = summary_pages(elections);
            prop_assert_eq!(whole.rows().is_some(), pages == 0);
            if let Some(held) = whole.rows() {
                prop_assert_eq!(format!("{held:?}"), format!("{:?}", &rows[..]));
            }
            prop_assert_eq!(whole.page_ends().len(), pages);
            for (number, ends) in (1..).zip(whole.page_ends()) {
                let page = summary_page_rows(&rows, number);
                let (first, last) = (&page[0], &page[page.len() - 1]);
                prop_assert_eq!(&ends.first, &(first.name.clone(), first.year));
                prop_assert_eq!(&ends.last, &(last.name.clone(), last.year));
            }
            let expected = diagrams(&rows, 0..elections, inline);
            prop_assert_eq!(whole.cards().len(), expected.len());
            for (card, svgs) in whole.cards().iter().zip(expected) {
                let row = rows.iter().find(|r| r.election == svgs.election).expect("a row per diagram");
                prop_assert_eq!(&card.name, &format!("{} {}", row.name, row.year));
                prop_assert_eq!(card.seats.is_empty(), row.list_seats == row.total_seats || row.total_seats.is_none() || row.list_seats.is_none());
                prop_assert_eq!(&card.svgs, &svgs);
            }
        }
    }

    #[test]
    fn a_diagram_without_its_row_is_named_by_its_election() {
        let svgs = ElectionSvgs { election: "x-2021".into(), svgs: vec![("published", "<svg/>".into())] };
        let summary = IndexSummary::of(Vec::new(), vec![svgs]);
        assert_eq!(summary.cards()[0].name, "x-2021");
        assert_eq!(summary.cards()[0].seats, "");
    }
}
