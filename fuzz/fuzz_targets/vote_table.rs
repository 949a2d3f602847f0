//! The vote-table reader (`party,votes` CSV, as `allocate FILE` reads it) and the share table:
//! any bytes. Every error names a line of the file; a table that reads has unique, non-empty
//! party names.
//!
//! The reader is `maslihat_cli::input` today; when it moves to `maslihat-ingest`, this target
//! follows it.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use maslihat_cli::input::{InputError, read_share_table, read_vote_table};

/// One scratch file per fuzzing process.
fn scratch() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| std::env::temp_dir().join(format!("maslihat-fuzz-votes-{}.csv", std::process::id())))
}

/// Every error's line is a line of the input (or just past its last line break).
fn check_positions(errors: &[InputError], data: &[u8]) {
    let lines = data.iter().filter(|b| **b == b'\n').count() as u64 + 1;
    for err in errors {
        if let Some(line) = err.line {
            assert!((1..=lines).contains(&line), "line {line} of {lines}: {err}");
        }
        assert!(err.column.is_none() || err.line.is_some(), "a column without a line: {err}");
        let _ = err.to_string();
    }
}

fuzz_target!(|data: &[u8]| {
    let path = scratch();
    std::fs::write(path, data).expect("the scratch file is writable");
    match read_vote_table(path) {
        Ok(rows) => {
            assert!(!rows.is_empty());
            for (i, row) in rows.iter().enumerate() {
                assert!(!row.party.is_empty());
                assert!(rows[..i].iter().all(|r| r.party != row.party), "party {:?} twice", row.party);
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            check_positions(&errors, data);
        }
    }
    match read_share_table(path) {
        Ok(rows) => assert!(rows.iter().all(|(party, share)| !party.is_empty() && share.is_finite() && *share >= 0.0)),
        Err(errors) => check_positions(&errors, data),
    }
});
