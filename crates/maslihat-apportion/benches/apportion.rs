//! Criterion benchmarks of the core: Hare, D'Hondt and Huntington–Hill at three sizes, and Hare
//! side by side with the f64 `largest-remainder-method` crate on the same inputs.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use maslihat_apportion::{Apportioner, Divisor, Method, Quota, Rules, Tally, allocate};

#[path = "support/core_votes.rs"]
mod support;
use support::votes;

fn bench_methods(c: &mut Criterion) {
    let methods = [
        ("hare", Method::LargestRemainder(Quota::Hare)),
        ("dhondt", Method::Divisor(Divisor::DHondt)),
        ("huntington-hill", Method::Divisor(Divisor::HuntingtonHill)),
    ];
    let sizes = [(5usize, 38u32), (50, 500), (1_000, 100_000)];
    // The lean path: seats only, buffers reused (what batch runs and simulations use).
    let mut group = c.benchmark_group("seats");
    let mut apportioner = Apportioner::new();
    for (name, method) in &methods {
        let rules = Rules { method: method.clone(), ..Rules::default() };
        for (lists, seats) in sizes {
            let tally = Tally::new(votes(lists, 42));
            group.bench_with_input(BenchmarkId::new(*name, format!("{lists}x{seats}")), &tally, |b, tally| {
                b.iter(|| apportioner.seats(black_box(tally), black_box(seats), &rules).map(<[u32]>::len));
            });
        }
    }
    group.finish();
    // The full result with its explanation.
    let mut group = c.benchmark_group("allocate");
    for (name, method) in &methods {
        let rules = Rules { method: method.clone(), ..Rules::default() };
        let (lists, seats) = sizes[0];
        let tally = Tally::new(votes(lists, 42));
        group.bench_with_input(BenchmarkId::new(*name, format!("{lists}x{seats}")), &tally, |b, tally| {
            b.iter(|| allocate(black_box(tally), black_box(seats), &rules));
        });
    }
    group.finish();
}

/// Hare, seats only, against the f64 crate on the same votes, measured one after the other in
/// the same run (the ratio is what `docs/performance.md` reports).
fn bench_against_f64(c: &mut Criterion) {
    let mut group = c.benchmark_group("hare-vs-f64");
    let mut apportioner = Apportioner::new();
    let rules = Rules::default();
    for (lists, seats) in [(5usize, 38u32), (50, 500)] {
        let tally = Tally::new(votes(lists, 42));
        let size = format!("{lists}x{seats}");
        group.bench_with_input(BenchmarkId::new("exact", &size), &tally, |b, tally| {
            b.iter(|| apportioner.seats(black_box(tally), black_box(seats), &rules).map(<[u32]>::len));
        });
        group.bench_with_input(BenchmarkId::new("f64-largest-remainder-method", &size), &tally, |b, tally| {
            b.iter(|| largest_remainder_method::apportion(black_box(tally.votes()), black_box(u64::from(seats))).len());
        });
    }
    group.finish();
}

criterion_group!(benches, bench_methods, bench_against_f64);
criterion_main!(benches);
