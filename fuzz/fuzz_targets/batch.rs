//! The batch stream parser: any bytes, read in chunks of any size and cut into parts for any
//! number of threads. The rows written, the ties, the summary and the error are the same for
//! every chunk size and thread count.
#![no_main]

use std::sync::OnceLock;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use maslihat_cli::batch::{Checks, batch_stream, batch_stream_in_chunks};
use maslihat_cli::exit::Failure;
use maslihat_fuzz::FuzzRules;
use maslihat_ingest::vote_table::TotalRows;

#[derive(Debug, Arbitrary)]
struct Input {
    rules: FuzzRules,
    chunk_bytes: [u16; 2],
    data: Vec<u8>,
}

/// What one run produced, comparable across runs.
#[derive(Debug, PartialEq, Eq)]
struct Run {
    rows: Vec<u8>,
    ties: Vec<u8>,
    summary: Result<(usize, usize, Option<String>), (u8, String)>,
}

fn pools() -> &'static [rayon::ThreadPool; 3] {
    static POOLS: OnceLock<[rayon::ThreadPool; 3]> = OnceLock::new();
    POOLS.get_or_init(|| {
        [1, 2, 3].map(|n| rayon::ThreadPoolBuilder::new().num_threads(n).build().expect("a thread pool"))
    })
}

fn run(pool: &rayon::ThreadPool, input: &Input, chunk_bytes: Option<usize>) -> Run {
    let (mut rows, mut ties) = (Vec::new(), Vec::new());
    let checks = Checks { rules: &input.rules.0, total_rows: TotalRows::Refuse };
    let result = pool.install(|| match chunk_bytes {
        None => batch_stream(input.data.as_slice(), "in.csv", &mut rows, checks, Some(&mut ties)),
        Some(chunk) => {
            batch_stream_in_chunks(input.data.as_slice(), "in.csv", &mut rows, checks, Some(&mut ties), chunk)
        }
    });
    let summary = result.map(|s| (s.elections, s.tied_elections, s.first_tie)).map_err(|failure| match failure {
        Failure::Failed(err) => (1, format!("{err:#}")),
        Failure::Input(err) => (2, format!("{err:#}")),
        Failure::Undetermined(err) => (3, format!("{err:#}")),
    });
    Run { rows, ties, summary }
}

fuzz_target!(|input: Input| {
    let [one, two, three] = pools();
    let whole = run(one, &input, None);
    let small = run(three, &input, Some(usize::from(input.chunk_bytes[0] % 64) + 1));
    assert_eq!(small, whole, "chunks of {} bytes, 3 threads", input.chunk_bytes[0] % 64 + 1);
    let other = run(two, &input, Some(usize::from(input.chunk_bytes[1]) + 1));
    assert_eq!(other, whole, "chunks of {} bytes, 2 threads", input.chunk_bytes[1] + 1);
    if let Ok((elections, _, _)) = whole.summary {
        assert!(elections > 0);
        assert!(whole.rows.starts_with(b"election,party,seats\n"));
    }
});
