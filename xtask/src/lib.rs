//! The repository's tasks as a library, so tests and other tools can run them: `synth` (a
//! synthetic dataset in the `datasets/` format, for scale tests) and the progress bar of
//! `recompute` (whose work is the `maslihat-report` library). The `xtask` binary is their
//! command line.

pub mod progress;
pub mod synth;

use std::path::{Path, PathBuf};

/// The repository's root: the parent of this crate's folder.
pub fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map_or_else(|| manifest.to_path_buf(), Path::to_path_buf)
}
