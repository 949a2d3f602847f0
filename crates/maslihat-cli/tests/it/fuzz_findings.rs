//! Regressions of what the fuzz targets of `fuzz/` found in the CLI's readers, one test per
//! finding, named after it.

use maslihat_apportion::Rules;
use maslihat_cli::batch::{Checks, batch_stream, batch_stream_in_chunks};
use maslihat_cli::exit::Failure;
use maslihat_ingest::vote_table::TotalRows;

/// The rows written and the error message of a batch run over `input` in chunks of `chunk`
/// bytes (`None`: the default of a few megabytes).
fn batch(input: &[u8], chunk: Option<usize>) -> (String, String) {
    let mut rows = Vec::new();
    let rules = Rules::default();
    let checks = Checks { rules: &rules, total_rows: TotalRows::Refuse };
    let result = match chunk {
        None => batch_stream(input, "in.csv", &mut rows, checks, None),
        Some(chunk) => batch_stream_in_chunks(input, "in.csv", &mut rows, checks, None, chunk),
    };
    let error = match result {
        Ok(_) => String::new(),
        Err(Failure::Input(err) | Failure::Failed(err) | Failure::Undetermined(err)) => format!("{err:#}"),
    };
    (String::from_utf8(rows).unwrap(), error)
}

/// fuzz `batch`: blank lines that filled the first chunk hid the header behind them, so the
/// file was reported empty (with chunks of a few megabytes: a file starting with that many
/// blank lines).
#[test]
fn fuzz_batch_blank_lines_filling_the_first_chunk_before_the_header() {
    let (_, error) = batch(b"\n1", Some(2));
    assert_eq!(error, batch(b"\n1", None).1);
    assert!(error.starts_with("in.csv:1: missing columns"), "{error}");
    let input = b"\r\n\n\nelection,seats,party,votes\ne,2,A,10\ne,2,B,5\n";
    for chunk in [1, 2, 3, 7] {
        assert_eq!(batch(input, Some(chunk)), batch(input, None), "chunks of {chunk}");
    }
    assert_eq!(batch(input, None).0, "election,party,seats\ne,A,1\ne,B,1\n");
}
