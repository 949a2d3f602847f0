//! Projections: exact agreement with enumerated probabilities, determinism across thread
//! counts, the models' limits and validation.

use maslihat_apportion::{Method, Rules, Tally, Threshold, allocate};

use crate::error::AnalysisError;
use crate::simulate::{Model, Projection, Shares, simulate};

fn rules(method: &str, threshold: Threshold) -> Rules {
    let method: Method = method.parse().unwrap_or_else(|e| panic!("{e}"));
    Rules { method, threshold, ..Rules::default() }
}

fn run(shares: &[f64], house: u32, rules: &Rules, model: Model, runs: u64, seed: u64) -> Projection {
    simulate(&Shares::new(shares.to_vec()), house, rules, &model, runs, seed).unwrap_or_else(|e| panic!("{e}"))
}

/// ln(n!) by summation (n is small here).
fn ln_factorial(n: u64) -> f64 {
    (2..=n).map(|k| (k as f64).ln()).sum()
}

/// The multinomial probability of `counts` under `p`.
fn multinomial(counts: &[u64], p: &[f64]) -> f64 {
    let n: u64 = counts.iter().sum();
    let mut ln = ln_factorial(n);
    for (c, q) in counts.iter().zip(p) {
        ln -= ln_factorial(*c);
        if *c > 0 {
            ln += *c as f64 * q.ln();
        }
    }
    ln.exp()
}

/// A simulated frequency within five standard errors (plus rounding) of the exact value.
fn assert_close(simulated: f64, exact: f64, runs: u64, what: &str) {
    let tolerance = 5.0 * (exact * (1.0 - exact) / runs as f64).sqrt() + 1e-9;
    assert!(
        (simulated - exact).abs() <= tolerance,
        "{what}: simulated {simulated}, exact {exact}, tolerance {tolerance}"
    );
}

#[test]
fn two_lists_multinomial_agrees_with_enumeration() {
    // 20 voters choose A with probability 0.55; 5 seats by Hare. Enumerate k = 0..=20.
    let p = [0.55, 0.45];
    let rules = rules("hare", Threshold::None);
    let mut exact = [[0.0f64; 6]; 2];
    for k in 0..=20u64 {
        let probability = multinomial(&[k, 20 - k], &p);
        let seats = allocate(&Tally::new(vec![k, 20 - k]), 5, &rules).map(|a| a.seats()).unwrap_or_default();
        for list in 0..2 {
            exact[list][seats[list] as usize] += probability;
        }
    }
    let runs = 200_000;
    let projection = run(&p, 5, &rules, Model::Multinomial { sample_size: 20 }, runs, 11);
    assert_eq!(projection.determined, runs);
    for (list, exact) in exact.iter().enumerate() {
        for (seats, exact) in exact.iter().enumerate() {
            let simulated = projection.lists[list].seat_probabilities[seats];
            assert_close(simulated, *exact, runs, &format!("list {list} with {seats} seats"));
        }
    }
}

#[test]
fn three_lists_with_threshold_agree_with_enumeration() {
    // 30 voters, shares 0.6 / 0.3 / 0.1, 7 seats by D'Hondt, 10 % threshold: the third list
    // passes only with 3 or more voters. Enumerate all 496 outcomes.
    let p = [0.6, 0.3, 0.1];
    let rules = rules("dhondt", Threshold::percent(10).unwrap());
    let (mut seat_dist, mut passes, mut majority, mut any) = ([[0.0f64; 8]; 3], 0.0, 0.0, 0.0);
    for a in 0..=30u64 {
        for b in 0..=30 - a {
            let c = 30 - a - b;
            let probability = multinomial(&[a, b, c], &p);
            if 10 * c >= 30 {
                passes += probability;
            }
            let seats = allocate(&Tally::new(vec![a, b, c]), 7, &rules).map(|x| x.seats());
            let Ok(seats) = seats else { panic!("no allocation for {a} {b} {c}") };
            for list in 0..3 {
                seat_dist[list][seats[list] as usize] += probability;
            }
            if 2 * seats[0] > 7 {
                majority += probability;
            }
            if seats.iter().any(|s| 2 * s > 7) {
                any += probability;
            }
        }
    }
    let runs = 200_000;
    let projection = run(&p, 7, &rules, Model::Multinomial { sample_size: 30 }, runs, 2024);
    for (list, exact) in seat_dist.iter().enumerate() {
        for (seats, exact) in exact.iter().enumerate() {
            let simulated = projection.lists[list].seat_probabilities[seats];
            assert_close(simulated, *exact, runs, &format!("list {list} with {seats} seats"));
        }
    }
    assert_close(projection.lists[2].passes_threshold, passes, runs, "third list passes");
    assert_close(projection.lists[0].majority, majority, runs, "first list holds a majority");
    assert_close(projection.majority_any, any, runs, "some list holds a majority");
    assert!(any > majority);
}

#[test]
fn dirichlet_model_agrees_with_the_beta_distribution() {
    // Two lists, Dirichlet(60, 40) = Beta(60, 40) for the first share; one seat goes to the
    // larger share. P(Beta(60, 40) > 1/2) = P(Binomial(99, 1/2) ≤ 59).
    let exact: f64 = (0..=59u64).map(|k| multinomial(&[k, 99 - k], &[0.5, 0.5])).sum();
    let runs = 100_000;
    let projection =
        run(&[0.6, 0.4], 1, &rules("hare", Threshold::None), Model::Dirichlet { sample_size: 100.0 }, runs, 5);
    assert_close(projection.lists[0].seat_probabilities[1], exact, runs, "first list wins the seat");
    assert_eq!(projection.scenario_votes, Some(crate::simulate::SCENARIO_VOTES));
}

#[test]
fn without_noise_every_run_is_the_central_allocation() {
    let rules = rules("hare", Threshold::None);
    for model in [Model::Normal { sd_points: 0.0 }, Model::Dirichlet { sample_size: 1e12 }] {
        let projection = run(&[0.47, 0.32, 0.21], 10, &rules, model, 5_000, 1);
        let medians: Vec<Option<u32>> = projection.lists.iter().map(|l| l.median_seats).collect();
        assert_eq!(medians, [Some(5), Some(3), Some(2)], "{model:?}");
        for list in &projection.lists {
            let [lo, hi] = list.interval_90.unwrap_or([0, 0]);
            assert_eq!(lo, hi, "{model:?}");
            assert!((list.seat_probabilities[lo as usize] - 1.0).abs() < 1e-12);
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_projection_on_one_or_two_threads() {
    let rules = maslihat_apportion::Preset::Kz2023.rules();
    let shares = Shares::new(vec![0.52, 0.17, 0.11, 0.08, 0.06, 0.04]).with_against_all(0.02);
    let model = Model::Dirichlet { sample_size: 800.0 };
    // Not a multiple of the chunk size, so the last chunk is short.
    let runs = 3 * crate::simulate::CHUNK_RUNS + 123;
    let on = |threads: usize, seed: u64| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap_or_else(|e| panic!("{e}"));
        let projection = pool.install(|| simulate(&shares, 38, &rules, &model, runs, seed));
        serde_json::to_string(&projection.unwrap_or_else(|e| panic!("{e}"))).unwrap_or_default()
    };
    let one = on(1, 99);
    assert!(one.len() > 100);
    assert_eq!(one, on(2, 99));
    assert_eq!(one, on(3, 99));
    assert_ne!(one, on(2, 100));
}

#[test]
fn runs_without_a_lawful_allocation_are_counted_apart() {
    // A 40 % threshold that neither list reaches in about half the runs of a 20-voter poll of
    // three equal lists.
    let rules = rules("hare", Threshold::percent(40).unwrap());
    let projection = run(&[1.0, 1.0, 1.0], 3, &rules, Model::Multinomial { sample_size: 20 }, 20_000, 3);
    assert!(projection.no_lawful_allocation > 0);
    assert_eq!(projection.determined + projection.no_lawful_allocation + projection.unresolved_tie, 20_000);
    let counted: u64 = projection.lists[0].seat_counts.iter().sum();
    assert_eq!(counted, projection.determined);
}

#[test]
fn invalid_inputs_are_typed_errors() {
    let rules = Rules::default();
    let model = Model::Multinomial { sample_size: 10 };
    let bad = [
        simulate(&Shares::new(vec![0.5, -0.1]), 5, &rules, &model, 10, 0),
        simulate(&Shares::new(vec![0.5, f64::NAN]), 5, &rules, &model, 10, 0),
        simulate(&Shares::new(vec![0.0, 0.0]), 5, &rules, &model, 10, 0),
        simulate(&Shares::new(vec![]), 5, &rules, &model, 10, 0),
        simulate(&Shares::new(vec![1.0]), 0, &rules, &model, 10, 0),
        simulate(&Shares::new(vec![1.0]), 5, &rules, &model, 0, 0),
        simulate(&Shares::new(vec![1.0]), 5, &rules, &Model::Multinomial { sample_size: 0 }, 10, 0),
        simulate(&Shares::new(vec![1.0]), 5, &rules, &Model::Dirichlet { sample_size: -1.0 }, 10, 0),
        simulate(&Shares::new(vec![1.0]), 5, &rules, &Model::Normal { sd_points: f64::INFINITY }, 10, 0),
    ];
    for result in bad {
        assert!(matches!(result, Err(AnalysisError::Invalid { .. })), "{result:?}");
    }
    let message =
        simulate(&Shares::new(vec![0.5, -0.1]), 5, &rules, &model, 10, 0).map(|_| ()).unwrap_err().to_string();
    assert_eq!(message, "shares[1] must be a finite share of zero or more, found -0.1");
}

/// Resource bounds (issue 13): a house of billions of seats or billions of runs is a clear error
/// at once, not gigabytes of seat counts or hours of CPU; just inside the bounds it runs.
#[test]
fn simulations_beyond_the_resource_bounds_are_errors() {
    let rules = Rules::default();
    let model = Model::Multinomial { sample_size: 1000 };
    let huge_house = simulate(&Shares::new(vec![0.5, 0.5]), u32::MAX, &rules, &model, 10, 0);
    assert_eq!(
        huge_house.map(|_| ()).unwrap_err().to_string(),
        "lists × (seats + 1) must be at most 4,000,000 (the seat counts kept per list), found 2 lists and \
         4294967295 seats"
    );
    let many_runs = simulate(&Shares::new(vec![0.5, 0.5]), 5, &rules, &model, u64::MAX / 2, 0);
    assert_eq!(
        many_runs.map(|_| ()).unwrap_err().to_string(),
        "runs × (lists + 1) must be at most 2,000,000,000 draws, found 9223372036854775807 runs of 2 lists"
    );
    // 2 lists × 1,999,999 seats + 2 = 4,000,000 cells: at the bound, allowed.
    let at_bound = simulate(&Shares::new(vec![0.5, 0.5]), 1_999_999, &rules, &model, 3, 0);
    assert!(at_bound.is_ok(), "{at_bound:?}");
}

/// Scenario votes are rounded half away from zero, as `f64::round` would: at and around the
/// halves, at the extremes, and on many drawn shares.
#[test]
fn scenario_votes_round_like_f64_round() {
    use crate::simulate::{SCENARIO_VOTES, to_votes, unit_share_to_votes};
    let by_round = |share: f64| {
        let votes = (share * SCENARIO_VOTES as f64).round();
        if votes > 0.0 { votes as u64 } else { 0 }
    };
    let half = 0.5 / SCENARIO_VOTES as f64;
    let mut shares = vec![
        0.0,
        -0.0,
        -1.0,
        half,
        half * 3.0,
        1.0,
        0.123_456_5,
        f64::MIN_POSITIVE,
        f64::EPSILON,
        1e12,
        1e300,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
    ];
    for k in 0..2_000u32 {
        let centre = f64::from(k) + 0.5;
        for x in [centre, f64::from_bits(centre.to_bits() - 1), f64::from_bits(centre.to_bits() + 1)] {
            shares.push(x / SCENARIO_VOTES as f64);
        }
    }
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    for _ in 0..100_000 {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        shares.push((state >> 11) as f64 / (1u64 << 53) as f64);
    }
    for share in shares {
        assert_eq!(to_votes(share), by_round(share), "{share:e}");
        // The shares of a Dirichlet run with a normal sum: finite, from 0 to a little above 1.
        if (0.0..=1.0 + 1e-9).contains(&share) {
            assert_eq!(unit_share_to_votes(share), by_round(share), "{share:e}");
        }
    }
}

/// The sample mean and variance of `draws`.
fn mean_and_variance(draws: &[f64]) -> (f64, f64) {
    let n = draws.len() as f64;
    let mean = draws.iter().sum::<f64>() / n;
    let variance = draws.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0);
    (mean, variance)
}

/// `value` within five standard errors of `expected`.
fn assert_within(value: f64, expected: f64, standard_error: f64, what: &str) {
    assert!(
        (value - expected).abs() <= 5.0 * standard_error,
        "{what}: {value} against {expected} (standard error {standard_error})"
    );
}

/// The Gamma sampler of the Dirichlet model has the Gamma(a, 1) mean `a` and variance `a`, for
/// shapes below 1 (the boost), at 1, and large (the squeezes), within five standard errors
/// (`√(a/N)` for the mean, `√((2a² + 6a)/N)` for the variance: the fourth central moment is
/// `3a² + 6a`).
#[test]
fn the_gamma_sampler_has_the_gamma_moments() {
    use rand::SeedableRng;
    use rand::rngs::Xoshiro256PlusPlus;

    use crate::simulate::GammaSampler;

    const DRAWS: usize = 200_000;
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(20_240_601);
    for shape in [0.05, 0.4, 1.0, 1.7, 6.0, 20.0, 170.0, 520.0, 1e6] {
        let sampler = GammaSampler::new(shape).unwrap_or_else(|| panic!("shape {shape}"));
        let draws: Vec<f64> = (0..DRAWS).map(|_| sampler.sample(&mut rng)).collect();
        assert!(draws.iter().all(|x| x.is_finite() && *x >= 0.0), "shape {shape}: a draw out of range");
        let (mean, variance) = mean_and_variance(&draws);
        let n = DRAWS as f64;
        assert_within(mean, shape, (shape / n).sqrt(), &format!("mean at shape {shape}"));
        let variance_error = ((2.0 * shape * shape + 6.0 * shape) / n).sqrt();
        assert_within(variance, shape, variance_error, &format!("variance at shape {shape}"));
    }
    for shape in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(GammaSampler::new(shape).is_none(), "shape {shape}");
    }
}

/// Normalised Gamma(n·p_j) draws are Dirichlet(n·p): each share is Beta(n·p_j, n·(1 − p_j)),
/// with mean `p_j` and variance `p_j(1 − p_j)/(n + 1)`; checked within five standard errors
/// (the variance's from the Beta's fourth moment).
#[test]
fn normalised_gamma_draws_have_the_dirichlet_moments() {
    use rand::SeedableRng;
    use rand::rngs::Xoshiro256PlusPlus;

    use crate::simulate::GammaSampler;

    const DRAWS: usize = 100_000;
    let shares = [0.52, 0.17, 0.11, 0.08, 0.06, 0.04, 0.02];
    for sample_size in [10.0, 1_000.0] {
        let samplers: Vec<GammaSampler> =
            shares.iter().map(|p| GammaSampler::new(sample_size * p).unwrap_or_else(|| panic!("share {p}"))).collect();
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(7);
        let mut drawn = vec![Vec::with_capacity(DRAWS); shares.len()];
        for _ in 0..DRAWS {
            let gammas: Vec<f64> = samplers.iter().map(|g| g.sample(&mut rng)).collect();
            let sum: f64 = gammas.iter().sum();
            for (column, g) in drawn.iter_mut().zip(&gammas) {
                column.push(g / sum);
            }
        }
        let n = DRAWS as f64;
        for (p, column) in shares.iter().zip(&drawn) {
            let (alpha, beta) = (sample_size * p, sample_size * (1.0 - p));
            let expected_variance = p * (1.0 - p) / (sample_size + 1.0);
            let excess_kurtosis = 6.0
                * ((alpha - beta).powi(2) * (alpha + beta + 1.0) - alpha * beta * (alpha + beta + 2.0))
                / (alpha * beta * (alpha + beta + 2.0) * (alpha + beta + 3.0));
            let (mean, variance) = mean_and_variance(column);
            let what = format!("share {p} at n = {sample_size}");
            assert_within(mean, *p, (expected_variance / n).sqrt(), &format!("mean of {what}"));
            let variance_error = expected_variance * ((2.0 + excess_kurtosis) / n).sqrt();
            assert_within(variance, expected_variance, variance_error, &format!("variance of {what}"));
        }
    }
}
