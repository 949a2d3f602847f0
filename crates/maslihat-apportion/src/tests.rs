//! Unit tests of the apportionment core: worked examples and textbook cases.
//!
//! Every expected value here was worked out by hand (the arithmetic is in the comments) or taken
//! from a published source (named in the comments), never copied from the code's own output.

mod claims;
mod edge;
mod explain_table;
mod fast;
mod fuzz_findings;
mod json;
mod kz;
mod national;
mod quota;
mod reference_explain;
mod textbook;
mod threshold;
mod ties;
mod trace;

use crate::{Method, Rules, TiePolicy};

/// Rules with `method` (any name the parser accepts), no threshold, ties to registration.
fn rules(method: &str) -> Rules {
    Rules { method: parse_method(method), ..Rules::default() }
}

/// As [`rules`] with a tie policy.
fn rules_with_ties(method: &str, tie_policy: TiePolicy) -> Rules {
    Rules { tie_policy, ..rules(method) }
}

#[track_caller]
fn parse_method(name: &str) -> Method {
    name.parse().unwrap_or_else(|err| panic!("method {name:?}: {err}"))
}

/// Every divisor method, the standard ones and custom sequences equal to some of them.
const DIVISOR_METHODS: [&str; 11] = [
    "dhondt",
    "sainte-lague",
    "modified-sainte-lague",
    "danish",
    "imperiali",
    "adams",
    "dean",
    "huntington-hill",
    "custom:1,2,3",
    "custom:1.4,3,5",
    "custom:0.5,1.5",
];

/// Every method: the standard ones and the custom sequences of [`DIVISOR_METHODS`].
fn all_methods() -> Vec<Method> {
    let mut methods = Method::all_standard();
    methods.extend(DIVISOR_METHODS.iter().filter(|name| name.starts_with("custom:")).map(|name| parse_method(name)));
    methods
}
