//! The vote-table reader (`party,votes` CSV, as `allocate FILE` and stdin give it), the figure
//! table and the share table of `maslihat_ingest::vote_table`: any bytes. Every error names a
//! line of the input; a table that reads has unique, non-empty party names on lines it has.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use maslihat_ingest::TableError;
use maslihat_ingest::vote_table::{TotalRows, read_figure_table, read_share_table, read_vote_table};

/// Every error's line is a line of the input (or just past its last line break).
fn check_positions(errors: &[TableError], lines: u64) {
    for err in errors {
        if let Some(line) = err.position.line {
            assert!((1..=lines).contains(&line), "line {line} of {lines}: {err}");
        }
        assert!(err.position.column.is_none() || err.position.line.is_some(), "a column without a line: {err}");
        let _ = err.to_string();
    }
}

fuzz_target!(|data: &[u8]| {
    let file = Path::new("in.csv");
    let lines = data.iter().filter(|b| **b == b'\n').count() as u64 + 1;
    for total_rows in [TotalRows::Refuse, TotalRows::Allow] {
        match read_vote_table(data, file, total_rows) {
            Ok(table) => {
                assert!(!table.rows.is_empty());
                for (i, row) in table.rows.iter().enumerate() {
                    assert!(!row.party.is_empty());
                    assert!((1..=lines).contains(&row.line), "row line {} of {lines}", row.line);
                    assert!(table.rows[..i].iter().all(|r| r.party != row.party), "party {:?} twice", row.party);
                }
            }
            Err(errors) => {
                assert!(!errors.is_empty());
                check_positions(&errors, lines);
            }
        }
        match read_figure_table(data, file, total_rows) {
            Ok((rows, _)) => assert!(rows.iter().all(|r| !r.party.is_empty() && (1..=lines).contains(&r.line))),
            Err(errors) => check_positions(&errors, lines),
        }
    }
    match read_share_table(data, file) {
        Ok(rows) => assert!(rows.iter().all(|(party, share)| !party.is_empty() && share.is_finite() && *share >= 0.0)),
        Err(errors) => check_positions(&errors, lines),
    }
});
