//! The `maslihat` command-line tool.
fn main() {}
