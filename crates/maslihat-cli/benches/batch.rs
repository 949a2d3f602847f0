//! `maslihat batch` over 1,000,000 generated elections of 5 lists each, against the same job
//! written plainly: `csv` + `serde` in, the f64 `largest-remainder-method` crate, `csv` out.
//!
//! Both read the same file from disk and write to a sink; the plain job runs on one thread (as
//! written plainly), ours on the rayon pool (all cores), exactly.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use maslihat_apportion::Rules;
use maslihat_cli::batch::{Checks, batch_stream};
use maslihat_ingest::vote_table::TotalRows;
use serde::Deserialize;

const ELECTIONS: u64 = 1_000_000;

/// Writes (once) a file of `ELECTIONS` elections with 10–50 seats and 5 lists each.
fn data_file() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data");
    let path = dir.join("batch-1m.csv");
    if path.exists() {
        return path;
    }
    std::fs::create_dir_all(&dir).expect("create target/bench-data");
    let mut out = BufWriter::new(File::create(&path).expect("create the bench file"));
    let mut state = 0x853c_49e6_748f_ea9b_u64;
    let mut next = |bound: u64| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % bound
    };
    writeln!(out, "election,seats,party,votes").expect("write");
    for election in 0..ELECTIONS {
        let seats = 10 + next(41);
        for party in 0..5 {
            writeln!(out, "e{election},{seats},P{party},{}", next(100_001)).expect("write");
        }
    }
    out.flush().expect("flush");
    path
}

#[derive(Deserialize)]
struct Row {
    election: String,
    seats: u64,
    party: String,
    votes: u64,
}

/// The plain job: what one would write with the usual crates.
fn plain(path: &PathBuf) {
    let mut reader = csv::Reader::from_path(path).expect("open");
    let mut writer = csv::Writer::from_writer(std::io::sink());
    writer.write_record(["election", "party", "seats"]).expect("write");
    let mut current: Option<(String, u64)> = None;
    let (mut parties, mut votes): (Vec<String>, Vec<u64>) = (Vec::new(), Vec::new());
    let mut flush = |id: &str, seats: u64, parties: &mut Vec<String>, votes: &mut Vec<u64>| {
        let result = largest_remainder_method::apportion(votes, seats);
        for (party, seats) in parties.iter().zip(result) {
            writer.write_record([id, party.as_str(), &seats.to_string()]).expect("write");
        }
        parties.clear();
        votes.clear();
    };
    for row in reader.deserialize() {
        let row: Row = row.expect("row");
        if let Some((id, seats)) = current.take_if(|(id, _)| *id != row.election) {
            flush(&id, seats, &mut parties, &mut votes);
        }
        if current.is_none() {
            current = Some((row.election.clone(), row.seats));
        }
        parties.push(row.party);
        votes.push(row.votes);
    }
    if let Some((id, seats)) = current {
        flush(&id, seats, &mut parties, &mut votes);
    }
}

fn bench_batch(c: &mut Criterion) {
    let path = data_file();
    let rules = Rules::default();
    let mut group = c.benchmark_group("batch-1m-elections");
    group.sample_size(10);
    group.bench_function("maslihat-batch", |b| {
        b.iter(|| {
            let input = File::open(&path).expect("open");
            batch_stream(
                input,
                "bench",
                std::io::sink(),
                Checks { rules: &rules, total_rows: TotalRows::Refuse },
                None,
            )
            .expect("batch");
        });
    });
    group.bench_function("plain-f64-largest-remainder-method", |b| b.iter(|| plain(&path)));
    group.finish();
}

criterion_group!(benches, bench_batch);
criterion_main!(benches);
