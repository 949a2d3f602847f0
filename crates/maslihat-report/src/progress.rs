//! How a run reports its progress: a trait the caller implements (a bar on a terminal, a log,
//! a web page), called from the worker threads. The library itself prints nothing.

use maslihat_render::report::SummaryRow;

/// Receives a run's progress. Called from several worker threads at once.
pub trait Progress: Sync {
    /// The run is about to analyse `total` elections.
    fn start(&self, total: usize) {
        let _ = total;
    }

    /// One election is done (analysed and its files written, or failed): its summary row.
    fn election_done(&self, row: &SummaryRow) {
        let _ = row;
    }

    /// Every election is done; the summary and index pages come next.
    fn finish(&self) {}
}

/// Progress that goes nowhere.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {}
