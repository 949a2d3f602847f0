//! Benchmarks of `assess`, the verdict from what was published, over the bundled datasets:
//! every election with complete vote counts (a recount), every election whose figures are not
//! complete counts (printed shares, ranges, unknowns: the exact outcome set and the implied
//! share intervals), and one such election alone. Divide a group's time by its number of
//! elections (in the name) for the time per election.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use maslihat_model::{Dataset, Election};
use maslihat_report::assess;

/// One uncertain election of the bundled data: published shares and seats, whose outcome set
/// and implied shares `assess` computes (status `determined-match`).
const REPRESENTATIVE: &str = "almaty-city-2021";

fn dataset() -> Dataset {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../datasets");
    match maslihat_ingest::load(&dir) {
        Ok(loaded) => loaded.dataset,
        Err(errors) => panic!("the bundled datasets do not load: {errors:?}"),
    }
}

fn assess_all(dataset: &Dataset, elections: &[&Election]) {
    for election in elections {
        let recomputation = election.recompute();
        black_box(assess(dataset, election, &recomputation));
    }
}

fn assess_bench(c: &mut Criterion) {
    let dataset = dataset();
    let (counted, uncertain): (Vec<&Election>, Vec<&Election>) =
        dataset.elections.iter().partition(|e| e.recompute().is_ok());
    let mut group = c.benchmark_group("assess");
    group.bench_function(format!("complete counts ({} elections)", counted.len()), |b| {
        b.iter(|| assess_all(&dataset, &counted))
    });
    group.bench_function(format!("figures not complete counts ({} elections)", uncertain.len()), |b| {
        b.iter(|| assess_all(&dataset, &uncertain))
    });
    let representative: Vec<&Election> =
        uncertain.iter().copied().filter(|e| e.id.to_string() == REPRESENTATIVE).collect();
    assert_eq!(representative.len(), 1, "{REPRESENTATIVE} is an uncertain election of the bundled data");
    group.bench_function(format!("{REPRESENTATIVE} (shares printed, outcome set and implied shares)"), |b| {
        b.iter(|| assess_all(&dataset, &representative))
    });
    group.finish();
}

criterion_group!(benches, assess_bench);
criterion_main!(benches);
