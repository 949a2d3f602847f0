//! The repository's tasks as a library, so tests and other tools can run them: `recompute`
//! (every election of a dataset, in parallel, into a report) and `synth` (a synthetic dataset in
//! the `datasets/` format, for scale tests). The `xtask` binary is their command line.

pub mod progress;
pub mod recompute;
pub mod synth;

use std::path::{Path, PathBuf};

/// The repository's root: the parent of this crate's folder.
pub fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map_or_else(|| manifest.to_path_buf(), Path::to_path_buf)
}
