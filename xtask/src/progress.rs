//! Progress on stderr: a redrawn bar when stderr is a terminal, plain lines at every tenth
//! otherwise, and a line for every mismatch or failed election. Shared by worker threads; draws
//! at most about twenty times a second. It is how `cargo xtask recompute` shows the
//! [`maslihat_report::Progress`] of a run.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use maslihat_render::report::{StatusKind, SummaryRow};

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// A bar on a terminal, lines otherwise.
    #[default]
    Auto,
    /// A bar redrawn in place.
    Bar,
    /// A line at every tenth of the work.
    Lines,
    /// Nothing.
    Quiet,
}

impl Style {
    /// `Auto` decided against stderr.
    fn resolve(self) -> Style {
        match self {
            Style::Auto if std::io::stderr().is_terminal() => Style::Bar,
            Style::Auto => Style::Lines,
            other => other,
        }
    }
}

/// Progress of a number of steps, told at the start.
#[derive(Debug)]
pub struct Progress {
    what: &'static str,
    style: Style,
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    total: usize,
    done: usize,
    last_draw: Option<Instant>,
    /// The last tenth reported as a line.
    last_tenth: usize,
    /// When the work began: nothing is shown during its first [`QUIET_START`].
    started: Instant,
}

const BAR_WIDTH: usize = 30;
const REDRAW: Duration = Duration::from_millis(50);
/// A job shorter than this shows no progress at all.
const QUIET_START: Duration = Duration::from_secs(1);

impl Progress {
    /// Progress of steps of `what` (e.g. `elections`), none yet.
    pub fn new(what: &'static str, style: Style) -> Progress {
        Progress {
            what,
            style: style.resolve(),
            state: Mutex::new(State { total: 0, done: 0, last_draw: None, last_tenth: 0, started: Instant::now() }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// `total` steps to come.
    pub fn begin(&self, total: usize) {
        let mut state = self.lock();
        *state = State { total, done: 0, last_draw: None, last_tenth: 0, started: Instant::now() };
    }

    /// One step done; `label` names it (shown on the bar).
    pub fn tick(&self, label: &str) {
        let mut state = self.lock();
        state.done += 1;
        let total = state.total;
        let quiet = state.started.elapsed() < QUIET_START;
        match self.style {
            Style::Bar if quiet => {}
            Style::Lines if quiet => state.last_tenth = (state.done * 10).checked_div(total).unwrap_or(10),
            Style::Bar => {
                let due = state.last_draw.is_none_or(|t| t.elapsed() >= REDRAW);
                if due || state.done == total {
                    state.last_draw = Some(Instant::now());
                    self.draw_bar(state.done, total, label);
                }
            }
            Style::Lines => {
                let tenth = (state.done * 10).checked_div(total).unwrap_or(10);
                if tenth > state.last_tenth {
                    state.last_tenth = tenth;
                    let _ = writeln!(
                        std::io::stderr().lock(),
                        "{}/{} {} ({} %)",
                        state.done,
                        total,
                        self.what,
                        state.done * 100 / total.max(1)
                    );
                }
            }
            Style::Auto | Style::Quiet => {}
        }
    }

    /// Prints a line for people without breaking the bar.
    pub fn message(&self, text: &str) {
        let state = self.lock();
        let mut err = std::io::stderr().lock();
        match self.style {
            Style::Bar => {
                let _ = writeln!(err, "\r\x1b[2K{text}");
                drop(err);
                if state.last_draw.is_some() {
                    self.draw_bar(state.done, state.total, "");
                }
            }
            Style::Quiet => {}
            Style::Auto | Style::Lines => {
                let _ = writeln!(err, "{text}");
            }
        }
    }

    /// Ends the bar's line.
    pub fn finish(&self) {
        if self.style == Style::Bar {
            let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
        }
    }

    fn draw_bar(&self, done: usize, total: usize, label: &str) {
        let filled = (done * BAR_WIDTH).checked_div(total).unwrap_or(BAR_WIDTH);
        let bar: String = "#".repeat(filled) + &"-".repeat(BAR_WIDTH - filled);
        let label: String = label.chars().take(40).collect();
        let _ = write!(
            std::io::stderr().lock(),
            "\r\x1b[2K[{bar}] {done}/{total} {} ({} %) {label}",
            self.what,
            done * 100 / total.max(1)
        );
    }
}

impl maslihat_report::Progress for Progress {
    fn start(&self, total: usize) {
        self.begin(total);
    }

    fn election_done(&self, row: &SummaryRow) {
        if row.is_undocumented_mismatch() {
            self.message(&format!("mismatch: {}: {}", row.election, row.reason));
        } else if row.status == StatusKind::Error {
            self.message(&format!("error: {}: {}", row.election, row.reason));
        }
        self.tick(&row.election);
    }

    fn finish(&self) {
        Progress::finish(self);
    }
}
