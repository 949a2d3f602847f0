//! Tests of the outcome set: worked examples, the engine against brute force, and the
//! fraction-free simplex against the reduced-fraction one it replaced, the enumeration's
//! shortcuts against the plain way.

mod brute;
mod examples;
mod reference;
mod shortcuts;
mod simplex;
