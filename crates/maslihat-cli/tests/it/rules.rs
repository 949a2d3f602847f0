//! The rule options of `allocate`: every method, thresholds and their bases, "against all" and
//! invalid ballots, the runner-up readings. Expected seats were computed by hand (exact
//! fractions) from the Shymkent 2021 votes: 261 213, 31 876, 31 355, 4 351 and 3 411.

use serde_json::Value;

use crate::{SHYMKENT, run, run_in, scratch};

/// Allocates Shymkent 2021 with `args` and returns the JSON document.
fn shymkent_json(args: &[&str]) -> Value {
    let mut all = vec!["allocate", "--format", "json"];
    all.extend_from_slice(args);
    all.push(SHYMKENT);
    serde_json::from_str(&run(&all, b"").ok()).expect("the output is JSON")
}

fn seats(doc: &Value) -> Vec<u64> {
    doc["parties"].as_array().unwrap().iter().map(|p| p["seats"].as_u64().unwrap()).collect()
}

fn qualified(doc: &Value) -> Vec<bool> {
    doc["parties"].as_array().unwrap().iter().map(|p| p["qualified"].as_bool().unwrap()).collect()
}

#[test]
fn every_method_on_shymkent_2021() {
    let cases: &[(&str, [u64; 5])] = &[
        ("hare", [24, 3, 3, 0, 0]),
        ("droop", [24, 3, 3, 0, 0]),
        ("hagenbach-bischoff", [24, 3, 3, 0, 0]),
        // Quota 332 206 / 32 hands out 31 whole seats; the one too many is taken back from the
        // list with the smallest remainder, Auyl.
        ("imperiali-quota", [25, 3, 2, 0, 0]),
        ("dhondt", [24, 3, 3, 0, 0]),
        ("sainte-lague", [24, 3, 3, 0, 0]),
        ("modified-sainte-lague", [24, 3, 3, 0, 0]),
        ("danish", [23, 3, 3, 1, 0]),
        ("imperiali", [26, 2, 2, 0, 0]),
        ("adams", [22, 3, 3, 1, 1]),
        ("dean", [22, 3, 3, 1, 1]),
        ("huntington-hill", [22, 3, 3, 1, 1]),
        ("custom:1,2,3", [24, 3, 3, 0, 0]),
        ("custom:1,3,5", [24, 3, 3, 0, 0]),
        ("custom:1.4,3,5", [24, 3, 3, 0, 0]),
    ];
    for (method, want) in cases {
        let doc = shymkent_json(&["--seats", "30", "--method", method]);
        assert_eq!(seats(&doc), want, "--method {method}");
        assert_eq!(doc["rules"]["method"], *method, "the method is named as given");
    }
}

#[test]
fn thresholds() {
    // 7 % of 332 206 is 23 254.42, 5.5 % is 18 271.33, 1.31 % is 4 351.90, 7.123456 % is 23 664.52.
    // The JSON names the threshold as the option gives it, a vote count with "votes".
    let cases: &[(&str, [bool; 5], &str, &str)] = &[
        ("7%", [true, true, true, false, false], "23255", "7%"),
        ("5.5%", [true, true, true, false, false], "18272", "5.5%"),
        ("1.31%", [true, true, true, false, false], "4352", "1.31%"),
        ("7.123456%", [true, true, true, false, false], "23665", "7.123456%"),
        ("1000 votes", [true, true, true, true, true], "1000", "1000 votes"),
        ("4351 votes", [true, true, true, true, false], "4351", "4351 votes"),
        ("4352 votes", [true, true, true, false, false], "4352", "4352 votes"),
        ("none", [true, true, true, true, true], "0", "none"),
        ("0%", [true, true, true, true, true], "0", "0%"),
    ];
    for (threshold, want, votes, name) in cases {
        let doc = shymkent_json(&["--seats", "30", "--threshold", threshold]);
        assert_eq!(qualified(&doc), want, "--threshold {threshold}");
        assert_eq!(doc["threshold_votes"], *votes, "--threshold {threshold}");
        assert_eq!(doc["rules"]["threshold"], *name);
        let below: u64 = seats(&doc).iter().zip(want).filter(|(_, q)| !**q).map(|(s, _)| s).sum();
        assert_eq!(below, 0, "a list below the threshold gets nothing");
    }
}

#[test]
fn threshold_bases_against_all_and_invalid() {
    // 9.5 % leaves Auyl (31 355) just below the line on the list votes alone (31 560).
    let cases: &[(&[&str], &str, &str, [u64; 5])] = &[
        (&["--threshold-base", "valid"], "332206", "31560", [27, 3, 0, 0, 0]),
        (&["--threshold-base", "lists", "--against-all", "50000"], "332206", "31560", [27, 3, 0, 0, 0]),
        (&["--threshold-base", "valid", "--against-all", "50000"], "382206", "36310", [30, 0, 0, 0, 0]),
        (&["--against-all", "50000", "--invalid", "400000"], "382206", "36310", [30, 0, 0, 0, 0]),
        (&["--threshold-base", "cast", "--invalid", "400000"], "732206", "69560", [30, 0, 0, 0, 0]),
        (
            &["--threshold-base", "cast", "--against-all", "50000", "--invalid", "400000"],
            "782206",
            "74310",
            [30, 0, 0, 0, 0],
        ),
        (&["--threshold-base", "lists", "--invalid", "400000"], "332206", "31560", [27, 3, 0, 0, 0]),
    ];
    for (args, base, votes, want) in cases {
        let doc = shymkent_json(&[&["--seats", "30", "--threshold", "9.5%"], *args].concat());
        assert_eq!(
            (&doc["base_votes"], &doc["threshold_votes"]),
            (&Value::from(*base), &Value::from(*votes)),
            "{args:?}"
        );
        assert_eq!(seats(&doc), want, "{args:?}");
    }
    let doc = shymkent_json(&["--seats", "30", "--against-all", "50000", "--invalid", "400000"]);
    assert_eq!((&doc["against_all"], &doc["invalid"]), (&Value::from(50_000), &Value::from(400_000)));
}

#[test]
fn runner_up_readings_when_only_one_list_passes() {
    let dir = scratch("runner-up");
    std::fs::write(dir.join("one.csv"), "party,votes\nBig,80000\nSecond,5000\nThird,4000\nFourth,3000\n").unwrap();
    // 7 % of 92 000 is 6 440: only Big passes, Second is the runner-up.
    // (a) Hare over 85 000 votes: 18.82 and 1.18, the last seat to Big's larger remainder.
    // (b) the same, then one seat moves from Big so that Second has two.
    // (c) Second's votes weighted 0.7 (3 500): 19.16 and 0.84, the last seat to Second.
    // (options, seats, (the reading applied, seats moved to the runner-up) or none)
    type Case<'a> = (&'a [&'a str], [u64; 4], Option<(&'a str, u64)>);
    let cases: &[Case] = &[
        (&[], [18, 2, 0, 0], Some(("admit-min-two", 1))),
        (&["--runner-up", "admit"], [19, 1, 0, 0], Some(("admit", 0))),
        (&["--runner-up", "admit-min-two"], [18, 2, 0, 0], Some(("admit-min-two", 1))),
        (&["--runner-up", "coefficient"], [19, 1, 0, 0], Some(("coefficient", 0))),
        (&["--runner-up", "none"], [20, 0, 0, 0], None),
        // Two seats: 1.88 and 0.12 give Big both, then one moves to Second.
        (&["--runner-up", "admit-min-two", "--seats", "2"], [1, 1, 0, 0], Some(("admit-min-two", 1))),
        (&["--runner-up", "admit-min-two", "--seats", "1"], [1, 0, 0, 0], Some(("admit-min-two", 0))),
    ];
    for (args, want, applied) in cases {
        let mut all = vec!["allocate", "--rules", "kz-2021", "--format", "json"];
        if !args.contains(&"--seats") {
            all.extend(["--seats", "20"]);
        }
        all.extend_from_slice(args);
        all.push("one.csv");
        let doc: Value = serde_json::from_str(&run_in(&dir, &all, b"").ok()).expect("the output is JSON");
        assert_eq!(seats(&doc), want, "{args:?}");
        let statuses: Vec<&str> =
            doc["parties"].as_array().unwrap().iter().map(|p| p["status"].as_str().unwrap()).collect();
        match applied {
            Some((reading, moved)) => {
                assert_eq!(doc["runner_up"]["reading"], *reading, "{args:?}");
                assert_eq!(doc["runner_up"]["leader"], "Big");
                assert_eq!(doc["runner_up"]["runner_up"], "Second");
                assert_eq!(doc["runner_up"]["seats_moved"], *moved, "{args:?}");
                assert_eq!(statuses, ["qualified", "runner-up", "below-threshold", "below-threshold"]);
            }
            None => {
                assert_eq!(doc["runner_up"], Value::Null);
                assert_eq!(statuses, ["qualified", "below-threshold", "below-threshold", "below-threshold"]);
            }
        }
    }
}

#[test]
fn presets_can_be_overridden_one_option_at_a_time() {
    let doc =
        shymkent_json(&["--seats", "30", "--rules", "kz-2023", "--method", "dhondt", "--threshold", "1000 votes"]);
    assert_eq!(doc["rules"]["preset"], "kz-2023");
    assert_eq!(doc["rules"]["method"], "dhondt");
    assert_eq!(doc["rules"]["threshold"], "1000 votes");
    assert_eq!(doc["rules"]["runner_up"], "admit-min-two", "the rest of the preset stays");
    let doc = shymkent_json(&["--seats", "30", "--rules", "kz-2023"]);
    assert_eq!(doc["rules"]["threshold"], "5%");
    assert_eq!(seats(&doc), [24, 3, 3, 0, 0]);
}

/// The vote table's optional `min`, `max`, `base` and `exempt` columns, and the options that set
/// them for every list. D'Hondt, 10 seats, 6 000 / 3 000 / 1 000 votes: 6, 3, 1; list A with at
/// most 4 candidates: its two seats go on to B (3 000/4 = 750 and 3 000/5 = 600 beat C's 500).
#[test]
fn seat_restrictions_from_columns_and_options() {
    let table = b"party,votes,max\nA,6000,4\nB,3000,\nC,1000,\n";
    let doc: Value = serde_json::from_str(
        &run(&["allocate", "--format", "json", "--method", "dhondt", "--seats", "10", "-"], table).ok(),
    )
    .unwrap();
    assert_eq!(seats(&doc), [4, 5, 1]);
    assert_eq!(doc["bounds"][0]["party"], "A");
    assert_eq!(doc["bounds"][0]["bound"], "max");
    assert_eq!(doc["parties"][0]["limits"]["max"], 4);
    // The same with --max-seats 4 for every list.
    let plain = b"party,votes\nA,6000\nB,3000\nC,1000\n";
    let doc: Value = serde_json::from_str(
        &run(&["allocate", "--format", "json", "--method", "dhondt", "--seats", "10", "--max-seats", "4", "-"], plain)
            .ok(),
    )
    .unwrap();
    // A 4, B 4, C 2: B's fifth seat is barred too, so C takes 1 000/2 = 500 over nothing else.
    assert_eq!(seats(&doc), [4, 4, 2]);
    assert_eq!(doc["rules"]["seat_limits"]["max"], 4);
    // Restrictions that cannot be met are an input error (exit 2) with the reason.
    let out = run(&["allocate", "--method", "dhondt", "--seats", "10", "--max-seats", "3", "-"], plain);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no allocation meets the rules"), "{}", out.stderr);
}

/// Bad cells in the optional columns are reported at their place, every row at once.
#[test]
fn bad_restriction_cells_are_positioned() {
    let table = b"party,votes,min,max,exempt\nA,6000,x,,\nB,3000,3,2,\nC,1000,,,maybe\n";
    let out = run(&["allocate", "--seats", "10", "-"], table);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("<stdin>:2:3: min must be a whole number"), "{}", out.stderr);
    assert!(out.stderr.contains("<stdin>:3:3: the minimum 3 is above the maximum 2"), "{}", out.stderr);
    assert!(out.stderr.contains("<stdin>:4:5: exempt must be yes or no"), "{}", out.stderr);
}

/// The new presets set their house; `--method stationary:Q` and `power-mean:P` are named as given.
#[test]
fn national_presets_and_divisor_families() {
    let table = b"party,votes\nA,682263\nB,732631\nC,336805\nD,720797\nE,787765\n";
    let doc: Value =
        serde_json::from_str(&run(&["allocate", "--format", "json", "--rules", "sk-2023", "-"], table).ok()).unwrap();
    assert_eq!(seats(&doc), [32, 34, 15, 33, 36]);
    assert_eq!(doc["rules"]["quota_rounding"], "nearest");
    let doc: Value = serde_json::from_str(
        &run(&["allocate", "--format", "json", "--rules", "sk-2023", "--quota-rounding", "exact", "-"], table).ok(),
    )
    .unwrap();
    assert_eq!(seats(&doc), [31, 34, 16, 33, 36]);
    for method in ["stationary:0.5", "power-mean:1", "power-mean:2"] {
        let doc = shymkent_json(&["--seats", "30", "--method", method]);
        assert_eq!(doc["rules"]["method"], method);
        assert_eq!(seats(&doc).iter().sum::<u64>(), 30);
    }
    let out = run(&["allocate", "--seats", "3", "--method", "power-mean:0.5", "-"], table);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("fractional P"), "{}", out.stderr);
}
