//! Gamma(shape, 1) draws for the Dirichlet model: Marsaglia and Tsang's method (2000), written
//! out for this use so that it inlines into the simulation loop.
//!
//! For a shape `a ≥ 1`, with `d = a − 1/3` and `c = 1/√(9d)`: draw `x` standard normal and
//! `u` uniform on (0, 1); with `v = (1 + c·x)³` (retry when `1 + c·x ≤ 0`), accept `d·v` when
//! `ln u < x²/2 + d·(1 − v + ln v)`. For `a < 1`: `Gamma(a + 1)·U^(1/a)` (the same paper).
//!
//! Two squeezes accept most draws without a logarithm, each implying the exact test: Marsaglia
//! and Tsang's `u < 1 − 0.0331·x⁴`, and a tighter one for large shapes. With `s = 1 + c·x`,
//! Taylor's bound `ln s ≥ (s−1) − (s−1)²/2 + (s−1)³/3 − (s−1)⁴/(4m⁴)`, `m = min(1, s)`, makes the
//! right side at least `−x⁴/(108·d·m⁴)` (the terms up to `x²` cancel exactly), and
//! `ln u ≤ u − 1`; so `u < 1 − x⁴/(108·d·m⁴)` implies acceptance. For the shapes of a poll
//! (`n·p` in the tens and hundreds) it leaves the logarithm to well under 1 % of the draws.
//!
//! It is the algorithm `rand_distr::Gamma` uses for shapes other than 1, not its stream of
//! draws: the uniform is taken from one 64-bit word here, the second squeeze is new, and a
//! shape of exactly 1 is drawn by the same method, not as an exponential. The tests check its
//! moments against the Gamma's and the Dirichlet's.

use rand::Rng;
use rand_distr::{Distribution, StandardNormal};

/// A Gamma(shape, 1) sampler for one shape.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GammaSampler {
    /// `a − 1/3`, with `a` the shape (plus 1 below a shape of 1).
    d: f64,
    /// `1 / √(9d)`.
    c: f64,
    /// `1 / (108·d)`: the second squeeze's coefficient.
    tail: f64,
    /// `1 / shape` for a shape below 1 (the boost's exponent), else `None`.
    boost: Option<f64>,
}

impl GammaSampler {
    /// For a finite shape above zero; `None` otherwise.
    pub(crate) fn new(shape: f64) -> Option<GammaSampler> {
        if shape.is_nan() || shape <= 0.0 || !shape.is_finite() {
            return None;
        }
        let (large, boost) = if shape < 1.0 { (shape + 1.0, Some(1.0 / shape)) } else { (shape, None) };
        let d = large - 1.0 / 3.0;
        Some(GammaSampler { d, c: 1.0 / (9.0 * d).sqrt(), tail: 1.0 / (108.0 * d), boost })
    }

    /// One draw.
    #[inline]
    pub(crate) fn sample<R: Rng>(&self, rng: &mut R) -> f64 {
        loop {
            let x: f64 = StandardNormal.sample(rng);
            let cube_root = 1.0 + self.c * x;
            if cube_root <= 0.0 {
                continue;
            }
            let v = cube_root * cube_root * cube_root;
            let u = open_unit(rng);
            let x_squared = x * x;
            let x_fourth = x_squared * x_squared;
            let m = cube_root.min(1.0);
            let m_squared = m * m;
            if u < 1.0 - self.tail * x_fourth / (m_squared * m_squared)
                || u < 1.0 - 0.0331 * x_fourth
                || u.ln() < 0.5 * x_squared + self.d * (1.0 - v + v.ln())
            {
                let draw = self.d * v;
                return match self.boost {
                    None => draw,
                    Some(exponent) => draw * open_unit(rng).powf(exponent),
                };
            }
        }
    }
}

/// A uniform draw on the open interval (0, 1): `(k + ½) / 2^53` for a uniform 53-bit `k`.
#[inline]
pub(crate) fn open_unit<R: Rng>(rng: &mut R) -> f64 {
    const SCALE: f64 = 1.0 / (1u64 << 53) as f64;
    // Through i64: below 2^53 the same value, and one instruction where u64 takes several.
    (((rng.next_u64() >> 11) as i64) as f64 + 0.5) * SCALE
}
