//! Runs the benchmark's projection (38 seats, 6 lists, kz-2023, "against all" 2 %) for N runs
//! of a model, for instruction counts that do not depend on the machine's load:
//! `valgrind --tool=callgrind target/release/examples/simulate_runs MODEL N` for two values of
//! N (MODEL: dirichlet, normal or multinomial); the difference over the difference in N is the
//! count per run (docs/performance.md).

use maslihat_analysis::{Model, Shares, simulate};
use maslihat_apportion::Preset;

fn main() {
    let mut args = std::env::args().skip(1);
    let model = match args.next().as_deref() {
        Some("normal") => Model::Normal { sd_points: 2.0 },
        Some("multinomial") => Model::Multinomial { sample_size: 10_000 },
        _ => Model::Dirichlet { sample_size: 1_000.0 },
    };
    let runs: u64 = args.next().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let shares = Shares::new(vec![52.0, 17.0, 11.0, 8.0, 6.0, 4.0]).with_against_all(2.0);
    let rules = Preset::Kz2023.rules();
    match simulate(&shares, 38, &rules, &model, runs, 7) {
        Ok(projection) => {
            for list in &projection.lists {
                println!("{} {:.4} {:?}", list.list, list.mean_seats, list.interval_90);
            }
        }
        Err(err) => eprintln!("{err}"),
    }
}
