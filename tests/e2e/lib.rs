//! Shared helpers of the end-to-end tests: the repository's datasets, a report run, a folder
//! read back file by file, and headless Chromium ([`headless`], also for `maslihat-web`'s).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use maslihat_report::{Options, Outcome, Silent, write_report};

pub mod headless;

/// The repository's `datasets/`.
pub fn datasets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the repository").join("datasets")
}

/// An empty folder `name` under `base` (emptied if it exists).
pub fn fresh_dir(base: &Path, name: &str) -> PathBuf {
    let dir = base.join(name);
    if dir.exists() {
        fs::remove_dir_all(&dir).unwrap_or_else(|e| panic!("cannot empty {}: {e}", dir.display()));
    }
    fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    dir
}

/// Recomputes `data` into `out` with `jobs` threads, quietly; panics if the run cannot be made.
pub fn run(data: &Path, out: &Path, jobs: usize) -> Outcome {
    let options = Options { data: data.to_owned(), out: out.to_owned(), jobs, year: None };
    write_report(&options, &Silent).unwrap_or_else(|e| panic!("recompute {}: {e}", data.display()))
}

/// Every file under `dir`, by path relative to it, with its bytes; sorted by path.
pub fn files_under(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(folder) = pending.pop() {
        let entries = fs::read_dir(&folder).unwrap_or_else(|e| panic!("cannot list {}: {e}", folder.display()));
        for entry in entries {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let bytes = fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
                let relative = path.strip_prefix(dir).expect("under the folder").to_owned();
                files.insert(relative, bytes);
            }
        }
    }
    files
}

/// The text of a file of a report.
pub fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}
