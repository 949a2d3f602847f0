//! Runs the benchmark's biproportional apportionment (125 seats, 12 districts, 10 parties) N
//! times, for instruction counts that do not depend on the machine's load:
//! `valgrind --tool=callgrind target/release/examples/biproportional_calls N` for two values of
//! N; the difference over the difference in N is the count per call (docs/performance.md).

use maslihat_apportion::biproportional::{BiRules, DistrictSeats, VoteMatrix, biproportional};

/// The votes of `benches/biproportional.rs`.
fn votes(districts: usize, parties: usize, seed: u64) -> VoteMatrix {
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    };
    let strength: Vec<u64> = (0..parties).map(|j| 40 - 3 * j as u64).collect();
    let size: Vec<u64> = (0..districts).map(|_| 5 + next() % 15).collect();
    let rows =
        (0..districts).map(|i| (0..parties).map(|j| strength[j] * size[i] * (800 + next() % 400)).collect()).collect();
    VoteMatrix::new(rows).expect("a rectangular matrix")
}

fn main() {
    let calls: usize = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(1);
    let matrix = votes(12, 10, 42);
    let districts = DistrictSeats::Given(vec![12, 8, 14, 6, 11, 13, 9, 10, 12, 7, 13, 10]);
    let rules = BiRules::zurich();
    let mut last = None;
    for _ in 0..calls {
        last = Some(biproportional(&matrix, &districts, &rules));
    }
    if let Some(Ok(result)) = last {
        println!("{:?}", result.lower_method);
    }
}
