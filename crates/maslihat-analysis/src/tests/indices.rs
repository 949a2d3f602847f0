//! Indices: worked examples.

use maslihat_apportion::{Preset, Rules, Tally, allocate};

use crate::indices::indices;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn proportional_result_has_zero_disproportionality() {
    let allocation =
        allocate(&Tally::new(vec![500, 300, 200]), 10, &Rules::default()).unwrap_or_else(|e| panic!("{e}"));
    let ix = indices(&allocation);
    assert!(close(ix.gallagher, 0.0) && close(ix.loosemore_hanby, 0.0));
    // 1 / (0.25 + 0.09 + 0.04)
    assert!(close(ix.enp_votes, 1.0 / 0.38) && close(ix.enp_seats, 1.0 / 0.38));
    assert_eq!(ix.wasted_votes, 0);
}

#[test]
fn shymkent_2021_worked_by_hand() {
    // Votes 261,213 / 31,876 / 31,355 / 4,351 / 3,411 (total 332,206), seats 24 / 3 / 3 / 0 / 0.
    let tally = Tally::new(vec![261_213, 31_876, 31_355, 4_351, 3_411]);
    let allocation = allocate(&tally, 30, &Preset::Kz2021.rules()).unwrap_or_else(|e| panic!("{e}"));
    let ix = indices(&allocation);
    let total = 332_206.0;
    let v: Vec<f64> = [261_213.0, 31_876.0, 31_355.0, 4_351.0, 3_411.0].iter().map(|x| 100.0 * x / total).collect();
    let s = [80.0, 10.0, 10.0, 0.0, 0.0];
    let diffs: Vec<f64> = v.iter().zip(s).map(|(a, b)| a - b).collect();
    let lsq = (diffs.iter().map(|d| d * d).sum::<f64>() / 2.0).sqrt();
    let lh = diffs.iter().map(|d| d.abs()).sum::<f64>() / 2.0;
    assert!(close(ix.gallagher, lsq) && close(ix.loosemore_hanby, lh));
    // √(½ (1.37² + 0.405² + 0.561² + 1.310² + 1.027²)) ≈ 1.60
    assert!((ix.gallagher - 1.60).abs() < 0.01, "{}", ix.gallagher);
    assert!(close(ix.enp_seats, 1.0 / (0.64 + 0.01 + 0.01)));
    assert_eq!(ix.wasted_votes, 7_762);
    assert!(close(ix.wasted_percent, 100.0 * 7_762.0 / total));
}
