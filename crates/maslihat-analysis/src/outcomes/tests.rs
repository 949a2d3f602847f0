//! Tests of the outcome set: worked examples, and the engine against brute force.

mod brute;
mod examples;
