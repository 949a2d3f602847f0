//! The core benchmark's votes, shared with the `seats_calls` example.

/// Deterministic pseudo-random votes with one dominant list, like the real elections.
pub fn votes(lists: usize, seed: u64) -> Vec<u64> {
    let mut state = seed;
    (0..lists)
        .map(|i| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            let base = (state >> 33) % 100_000;
            if i == 0 { base * 10 + 200_000 } else { base + 1 }
        })
        .collect()
}
