//! Runs the benchmark's biproportional apportionment (125 seats, 12 districts, 10 parties) N
//! times, for instruction counts that do not depend on the machine's load:
//! `valgrind --tool=callgrind target/release/examples/biproportional_calls N` for two values of
//! N; the difference over the difference in N is the count per call (docs/performance.md).

use maslihat_apportion::biproportional::{BiRules, DistrictSeats, biproportional};

#[path = "../benches/support/biproportional_votes.rs"]
mod support;
use support::votes;

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
