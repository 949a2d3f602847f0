//! End-to-end tests: datasets in, reports out. `recompute` on the bundled datasets (its summary
//! snapshot-tested, its output byte-identical whatever the number of threads, its pages
//! self-contained, fitting a phone and a desktop in a browser) and on synthetic datasets (one broken election among good ones).

mod browser;
mod escaping;
mod recompute;
mod synth;

use std::path::{Path, PathBuf};

/// A scratch folder of this test binary, emptied.
fn scratch(name: &str) -> PathBuf {
    maslihat_e2e::fresh_dir(Path::new(env!("CARGO_TARGET_TMPDIR")), name)
}
