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

/// Resource bound (issue 13): a quote left open makes the rest of the input one record; past
/// `MAX_RECORD_BYTES` that is an error naming the line it starts on, not a read of the whole
/// input into memory. The error comes before the chunk holding the elections ahead of it is
/// written: stdout has the header only.
#[test]
fn batch_record_over_the_size_limit_is_an_error() {
    let mut input = b"election,seats,party,votes\ne,2,A,10\ne,2,B,5\nf,2,\"open quote,1\n".to_vec();
    let filler = [b'x'; 4096];
    while input.len() <= maslihat_cli::batch::MAX_RECORD_BYTES + 4096 {
        input.extend_from_slice(&filler);
    }
    let (rows, error) = batch(&input, None);
    assert_eq!(rows, "election,party,seats\n");
    assert_eq!(error, "in.csv:4: a record longer than 67108864 bytes starts on this line (is a quote left open?)");
}

/// fuzz `batch`: the chunker ended records by the parity of all quotes, the `csv` reader takes a
/// quote in the middle of an unquoted field as a plain character: with 10-byte chunks the header
/// was cut inside what the reader reads as an unclosed quoted field, and the error differed
/// from the whole file's. The chunker now follows the reader's quoting.
#[test]
fn fuzz_batch_quote_inside_an_unquoted_field_cuts_like_the_reader() {
    let input = b"\x09\x01\x22\x09\x09\x09\x22\x09\x41\x41\x41\x0d\x0d\x0d\x0d\x0d\x0d\x0a\x0d\x0d\x0d\x0d\x0d\x28\x41\x41\x41\x41\x41\x41\x41\x41\x41\x41\x41\xff\xff\xff\xff\x41\x41\x41\x41\x41\x41\x41\x41\x41\x41\x3b\x3b\xff\xff\xff\x0a\x3b\x4d\x41\x32\x41\x41\x41\x41\x41\x41\x41\x41\x41\x41\x41\x41\x41\x41\x41\x41\x41\x41\x3b\x3b\x54\xc4";
    let whole = batch(input, None);
    assert!(whole.1.starts_with("in.csv:1:5: the header is not valid UTF-8"), "{}", whole.1);
    for chunk in [1, 2, 3, 10, 17, 40] {
        assert_eq!(batch(input, Some(chunk)), whole, "chunks of {chunk}");
    }
    let rows = b"election,seats,party,votes\ne,2,A x\"y,10\ne,2,\"B\nb\",5\n";
    for chunk in [1, 5, 12, 30] {
        assert_eq!(batch(rows, Some(chunk)), batch(rows, None), "chunks of {chunk}");
    }
}
