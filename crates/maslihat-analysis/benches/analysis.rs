//! Benchmarks: margins of a 38-seat, 8-list election (target: under a millisecond), and a
//! projection of 1,000,000 runs of a 38-seat, 6-list one (target: under two seconds on two
//! cores); the outcome set of a 6-list election with every share printed to two decimals
//! (target: under 10 ms).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use maslihat_analysis::{Figure, Figures, Limits, Model, Shares, margins, outcome_set, simulate};
use maslihat_apportion::{Preset, Rules, Tally};

fn eight_lists() -> Tally {
    Tally::new(vec![412_345, 98_765, 87_654, 54_321, 43_210, 32_109, 21_098, 10_987]).with_against_all(15_432)
}

fn with_method(rules: &Rules, method: &str) -> Rules {
    Rules { method: method.parse().unwrap_or_else(|_| rules.method.clone()), ..rules.clone() }
}

fn margins_bench(c: &mut Criterion) {
    let tally = eight_lists();
    let kz = Preset::Kz2023.rules();
    c.bench_function("margins/38 seats, 8 lists, kz-2023 (hare 5%)", |b| {
        b.iter(|| margins(black_box(&tally), 38, &kz))
    });
    let dhondt = with_method(&kz, "dhondt");
    c.bench_function("margins/38 seats, 8 lists, d'hondt 5%", |b| b.iter(|| margins(black_box(&tally), 38, &dhondt)));
    let droop = with_method(&kz, "droop");
    c.bench_function("margins/38 seats, 8 lists, droop 5%", |b| b.iter(|| margins(black_box(&tally), 38, &droop)));
}

fn simulate_bench(c: &mut Criterion) {
    let shares = Shares::new(vec![0.52, 0.17, 0.11, 0.08, 0.06, 0.04]).with_against_all(0.02);
    let kz = Preset::Kz2023.rules();
    let mut group = c.benchmark_group("simulate");
    group.sample_size(10).measurement_time(Duration::from_secs(20)).warm_up_time(Duration::from_secs(2));
    let dirichlet = Model::Dirichlet { sample_size: 1_000.0 };
    group.bench_function("1M runs, 38 seats, 6 lists, dirichlet, kz-2023", |b| {
        b.iter(|| simulate(black_box(&shares), 38, &kz, &dirichlet, 1_000_000, 7))
    });
    let normal = Model::Normal { sd_points: 2.0 };
    group.bench_function("1M runs, 38 seats, 6 lists, normal, d'hondt", |b| {
        b.iter(|| simulate(black_box(&shares), 38, &with_method(&kz, "dhondt"), &normal, 1_000_000, 7))
    });
    group.finish();
}

fn outcomes_bench(c: &mut Criterion) {
    let printed = ["52.31%", "17.12%", "11.05%", "8.27%", "6.14%", "5.11%"];
    let figures = Figures::new(printed.iter().map(|t| t.parse::<Figure>().unwrap_or(Figure::Unknown)).collect());
    let kz = Preset::Kz2023.rules();
    let limits = Limits::default();
    let mut group = c.benchmark_group("outcomes");
    group.bench_function("6 lists, every share printed to two decimals, 38 seats, kz-2023", |b| {
        b.iter(|| outcome_set(black_box(&figures), 38, &kz, &limits))
    });
    let dhondt = with_method(&kz, "dhondt");
    group.bench_function("6 lists, every share printed to two decimals, 38 seats, d'hondt 5%", |b| {
        b.iter(|| outcome_set(black_box(&figures), 38, &dhondt, &limits))
    });
    group.finish();
}

criterion_group!(benches, margins_bench, simulate_bench, outcomes_bench);
criterion_main!(benches);
