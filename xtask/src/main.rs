//! Repository tasks: `cargo xtask recompute` and friends.
fn main() {}
