//! Runs `Apportioner::seats` on the core benchmark's votes N times, for instruction counts that
//! do not depend on the machine's load:
//! `valgrind --tool=callgrind target/release/examples/seats_calls METHOD LISTS SEATS N` for two
//! values of N (METHOD: hare, dhondt, sainte-lague, …); the difference over the difference in N
//! is the count per call (docs/performance.md).

use std::hint::black_box;

use maslihat_apportion::{Apportioner, Method, Rules, Tally};

#[path = "../benches/support/core_votes.rs"]
mod support;
use support::votes;

fn main() {
    let mut args = std::env::args().skip(1);
    let method: Method = args.next().and_then(|m| m.parse().ok()).unwrap_or_else(|| "hare".parse().expect("hare"));
    let lists: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(5);
    let seats: u32 = args.next().and_then(|n| n.parse().ok()).unwrap_or(38);
    let calls: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
    let rules = Rules { method, ..Rules::default() };
    let tally = Tally::new(votes(lists, 42));
    let mut apportioner = Apportioner::new();
    let mut sum = 0u64;
    for _ in 0..calls {
        if let Ok(won) = apportioner.seats(black_box(&tally), black_box(seats), &rules) {
            sum += u64::from(won[0]);
        }
    }
    println!("{sum}");
}
