//! The recomputation report as a library: a dataset folder in, every election recomputed,
//! checked and explained, the report out.
//!
//! - [`Source`] is a loaded dataset with its loader's warnings; from it, one election's page
//!   ([`Source::election_page`], [`Source::election_files`]) or the index
//!   ([`Source::index_page`]) renders to a `String`, for a program that serves pages on demand.
//! - [`write_report`] runs the whole pipeline into a folder: load, analyse every election in
//!   parallel on a pool of worker threads, write each election's files as soon as it is done,
//!   then the summary and the index. It reports progress through [`Progress`] and prints nothing.
//!
//! Every page is a function of its data alone: the same dataset gives the same bytes whatever
//! the number of threads.

mod analyse;
mod error;
mod evidence;
mod pages;
mod progress;
mod run;
mod source;
mod words;

pub use analyse::{WHAT_IF_THRESHOLDS, analyse, analyse_with};
pub use error::Error;
pub use evidence::{Assessment, YearParties, assess, assess_with, seat_words};
pub use maslihat_model::Status;
pub use pages::{ElectionPage, IndexFormat};
pub use pages::{INDEX_DIAGRAM_ELECTIONS, INDEX_TITLE};
pub use progress::{Progress, Silent};
pub use run::{Options, Outcome, write_report};
pub use source::Source;
