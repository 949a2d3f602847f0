//! The dataset loader: any bytes in any one of the CSV and TOML files of a small valid dataset.
//! It never panics, and every error and warning names a line that the file has.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use maslihat_ingest::{Position, load};

/// The files of the fixture; the input's first byte picks the one its other bytes replace.
const FILES: [&str; 8] = [
    "parties.csv",
    "party_names.csv",
    "elections.csv",
    "election_figures.csv",
    "results.csv",
    "sources.csv",
    "discrepancies.csv",
    "maslihats/test-region.toml",
];

/// A copy of the `base` fixture of `maslihat-ingest`, one per fuzzing process.
fn dataset() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/maslihat-ingest/tests/fixtures/base");
        let dir = std::env::temp_dir().join(format!("maslihat-fuzz-dataset-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("maslihats")).expect("a scratch folder");
        for file in FILES {
            std::fs::copy(fixture.join(file), dir.join(file)).expect("the fixture is readable");
        }
        dir
    })
}

/// The line a position names exists in its file (or is the one just past its last line break).
fn check(position: &Position, what: &str) {
    let Some(line) = position.line else {
        assert!(position.column.is_none(), "{what}: a column without a line");
        return;
    };
    let bytes = std::fs::read(&position.file).unwrap_or_default();
    let lines = bytes.iter().filter(|b| **b == b'\n').count() as u64 + 1;
    assert!((1..=lines).contains(&line), "{what}: line {line} of {lines}");
    assert!(position.column.is_none_or(|c| c >= 1), "{what}: column 0");
}

fuzz_target!(|data: &[u8]| {
    let Some((pick, bytes)) = data.split_first() else { return };
    let dir = dataset();
    let file = FILES[usize::from(*pick) % FILES.len()];
    let original = std::fs::read(dir.join(file)).expect("the copy is readable");
    std::fs::write(dir.join(file), bytes).expect("the copy is writable");
    match load(dir) {
        Ok(loaded) => {
            for warning in &loaded.warnings {
                check(&warning.position, &warning.to_string());
            }
        }
        Err(errors) => {
            assert!(!errors.0.is_empty());
            for error in &errors.0 {
                check(&error.position, &error.to_string());
            }
        }
    }
    std::fs::write(dir.join(file), original).expect("the copy is writable");
});
