//! The JSON form of a result: its field names are an interface, so they are pinned here.

use serde_json::{Value, json};

use crate::{Preset, Rules, Tally, TiePolicy, allocate};

use super::rules_with_ties;

#[track_caller]
fn check(value: &Value, pointer: &str, expected: Value) {
    assert_eq!(value.pointer(pointer), Some(&expected), "{pointer} in {value:#}");
}

// Shymkent 2021 (see the kz tests): 24, 3, 3, 0, 0; quota 324,444 / 30 = 54,074 / 5; Nur Otan's
// remainder 261,213 × 30 − 24 × 324,444 = 49,734, i.e. 49,734 / 324,444 = 8,289 / 54,074.
#[test]
fn largest_remainder_result() {
    let tally = Tally::new(vec![261_213, 31_876, 31_355, 4_351, 3_411]);
    let value = serde_json::to_value(allocate(&tally, 30, &Preset::Kz2021.rules()).unwrap()).unwrap();
    for (pointer, expected) in [
        ("/house_size", json!(30)),
        ("/base_votes", json!("332206")),
        ("/threshold_votes", json!("23255")),
        ("/against_all", json!(0)),
        ("/invalid", json!(0)),
        ("/rules/method", json!("hare")),
        ("/rules/threshold", json!({"kind": "percent", "numerator": 7, "denominator": 100})),
        ("/rules/threshold_base", json!("valid")),
        ("/rules/tie_policy", json!({"policy": "registration"})),
        ("/rules/runner_up", json!("admit-min-two")),
        ("/lists/0/votes", json!(261_213)),
        ("/lists/0/seats", json!(24)),
        ("/lists/1/seats", json!(3)),
        ("/lists/2/seats", json!(3)),
        ("/lists/3/seats", json!(0)),
        ("/lists/0/status", json!("qualified")),
        ("/lists/3/status", json!("below-threshold")),
        ("/lists/0/whole_seats", json!(24)),
        ("/lists/0/remainder", json!({"num": "8289", "den": "54074", "decimal": "0.153290"})),
        ("/lists/0/remainder_seat", json!(false)),
        ("/lists/1/remainder_seat", json!(true)),
        ("/lists/4/share", json!({"num": "3411", "den": "332206", "decimal": "0.010268"})),
        ("/ties", json!([])),
        ("/runner_up", Value::Null),
        ("/notes", json!([])),
        ("/procedure/kind", json!("largest-remainder")),
        ("/procedure/quota", json!({"num": "54074", "den": "5", "decimal": "10814.800000"})),
        ("/procedure/remainder_order", json!([1, 2])),
        ("/procedure/withdrawn", json!([])),
    ] {
        check(&value, pointer, expected);
    }
    // A list outside the allocation has no method detail at all.
    let excluded = value.pointer("/lists/3").and_then(Value::as_object).unwrap();
    let mut keys: Vec<&str> = excluded.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["seats", "share", "status", "votes"]);
}

// Sainte-Laguë, 10 and 30 for 2 seats: 30 takes the first, then 30 / 3 = 10 ties with 10 / 1;
// settled by lot 3, the tie and its draw are in the result (the draw for seed 3 is fixed in
// the ties tests: the second list first). The second list's quotients: 30 / 3 = 10 for its
// last seat, 30 / 5 = 6 for the next.
#[test]
fn divisor_result_with_a_tie() {
    let result = allocate(&Tally::new(vec![10, 30]), 2, &rules_with_ties("sainte-lague", TiePolicy::Lot(3))).unwrap();
    let value = serde_json::to_value(&result).unwrap();
    for (pointer, expected) in [
        ("/rules/method", json!("sainte-lague")),
        ("/rules/tie_policy", json!({"policy": "lot", "seed": 3})),
        ("/rules/threshold", json!({"kind": "none"})),
        ("/rules/runner_up", Value::Null),
        (
            "/ties",
            json!([{
                "stage": "quotient",
                "lists": [0, 1],
                "seats_in_contention": 1,
                "winners": [1],
                "policy": {"policy": "lot", "seed": 3},
                "draw": [1, 0],
            }]),
        ),
        ("/lists/1/seats", json!(2)),
        ("/lists/1/last_quotient", json!("10.0000")),
        ("/lists/1/next_quotient", json!("6.0000")),
        ("/lists/0/last_quotient", Value::Null),
        ("/lists/0/next_quotient", json!("10.0000")),
        ("/procedure/kind", json!("divisor")),
    ] {
        check(&value, pointer, expected);
    }
    let awards = value.pointer("/procedure/awards").and_then(Value::as_array).unwrap();
    for award in awards {
        let mut keys: Vec<&str> = award.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["divisor", "list", "list_seat", "quotient"]);
    }
}

#[test]
fn runner_up_and_other_settings() {
    let rules = Rules { threshold: "5.5%".parse().unwrap(), tie_policy: TiePolicy::Error, ..Preset::Kz2021.rules() };
    let value = serde_json::to_value(allocate(&Tally::new(vec![90, 5, 4, 1]), 10, &rules).unwrap()).unwrap();
    for (pointer, expected) in [
        ("/rules/threshold", json!({"kind": "percent", "numerator": 55, "denominator": 1000})),
        ("/rules/tie_policy", json!({"policy": "error"})),
        ("/runner_up", json!({"reading": "admit-min-two", "leader": 0, "runner_up": 1, "seats_moved": 1})),
        ("/lists/1/status", json!("runner-up")),
    ] {
        check(&value, pointer, expected);
    }
    let rules = Rules { threshold: "1000 votes".parse().unwrap(), ..Rules::default() };
    let value = serde_json::to_value(allocate(&Tally::new(vec![5_000]), 1, &rules).unwrap()).unwrap();
    check(&value, "/rules/threshold", json!({"kind": "votes", "votes": 1000}));
}
