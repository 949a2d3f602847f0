//! The vote matrices of the biproportional bench and of `examples/biproportional_calls.rs`.

use maslihat_apportion::biproportional::VoteMatrix;

/// Deterministic pseudo-random votes: parties of unequal strength, districts of unequal size,
/// each cell scattered around party strength × district size.
pub fn votes(districts: usize, parties: usize, seed: u64) -> VoteMatrix {
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
