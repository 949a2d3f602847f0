//! Criterion benchmark of the biproportional apportionment: 125 seats over 12 districts and 10
//! parties (the size of a Swiss city council), the whole procedure and the seat matrix alone.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use maslihat_apportion::biproportional::{BiRules, DistrictSeats, biproportional, lower_apportionment};

#[path = "support/biproportional_votes.rs"]
mod support;
use support::votes;

/// 125 seats over the 12 districts, in proportion to their sizes (fixed here, as a law fixes them).
const DISTRICT_SEATS: [u32; 12] = [12, 8, 14, 6, 11, 13, 9, 10, 12, 7, 13, 10];

fn bench_biproportional(c: &mut Criterion) {
    let matrix = votes(12, 10, 42);
    let districts = DistrictSeats::Given(DISTRICT_SEATS.to_vec());
    let rules = BiRules::zurich();
    c.bench_function("biproportional/125-seats-12x10", |b| {
        b.iter(|| biproportional(black_box(&matrix), black_box(&districts), &rules));
    });
    let whole = biproportional(&matrix, &districts, &rules).expect("an apportionment");
    let party_seats: Vec<u32> = whole.parties.iter().map(|p| p.seats).collect();
    c.bench_function("lower-apportionment/125-seats-12x10", |b| {
        b.iter(|| lower_apportionment(black_box(&matrix), &DISTRICT_SEATS, &party_seats));
    });
}

criterion_group!(benches, bench_biproportional);
criterion_main!(benches);
