//! The readers of `maslihat districts`, `biproportional` and `mixed`: the long vote matrix
//! (`district,party,votes`), the district tables (`district,seats`, `district,size`) and the
//! mixed-member table (`party,votes,constituency_seats`) of `maslihat_ingest`: any bytes. Every
//! error names a line the input has; what reads is well formed (names non-empty and unique,
//! a matrix as wide as its parties, lines within the input).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use maslihat_ingest::TableError;
use maslihat_ingest::matrix_table::{read_district_table, read_matrix_table};
use maslihat_ingest::mixed_table::read_mixed_table;

/// Every error's line is a line of the input (or just past its last line break).
fn check_positions(errors: &[TableError], lines: u64) {
    assert!(!errors.is_empty(), "a failed read without an error");
    for err in errors {
        if let Some(line) = err.position.line {
            assert!((1..=lines).contains(&line), "line {line} of {lines}: {err}");
        }
        assert!(err.position.column.is_none() || err.position.line.is_some(), "a column without a line: {err}");
        let _ = err.to_string();
    }
}

fn unique(names: &[String]) -> bool {
    names.iter().enumerate().all(|(i, name)| !name.is_empty() && !names[..i].contains(name))
}

fuzz_target!(|data: &[u8]| {
    let file = Path::new("in.csv");
    let lines = data.iter().filter(|b| **b == b'\n').count() as u64 + 1;
    match read_matrix_table(data, file) {
        Ok(table) => {
            assert!(!table.districts.is_empty() && !table.parties.is_empty());
            assert!(unique(&table.districts) && unique(&table.parties));
            assert_eq!(table.votes.len(), table.districts.len());
            assert!(table.votes.iter().all(|row| row.len() == table.parties.len()), "a ragged matrix");
            assert_eq!(table.district_lines.len(), table.districts.len());
            assert!(table.district_lines.iter().all(|line| (1..=lines).contains(line)));
        }
        Err(errors) => check_positions(&errors, lines),
    }
    for column in ["seats", "size"] {
        match read_district_table(data, file, column) {
            Ok(rows) => {
                let names: Vec<String> = rows.iter().map(|r| r.district.clone()).collect();
                assert!(unique(&names), "a district twice or unnamed");
                assert!(rows.iter().all(|r| (1..=lines).contains(&r.line) && r.column >= 1));
            }
            Err(errors) => check_positions(&errors, lines),
        }
    }
    match read_mixed_table(data, file) {
        Ok(rows) => {
            let names: Vec<String> = rows.iter().map(|r| r.party.clone()).collect();
            assert!(unique(&names), "a party twice or unnamed");
            assert!(rows.iter().all(|r| (1..=lines).contains(&r.line)));
        }
        Err(errors) => check_positions(&errors, lines),
    }
});
