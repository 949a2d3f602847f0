//! The slips a new user makes with tables pasted from results sites and spreadsheets (issue
//! 10): each either reads as meant (saying what was assumed) or stops with the fix.

use crate::{run_in, scratch};

/// The Shymkent-like table written plainly, whose allocation every pasted form must give.
const PLAIN: &[u8] = b"party,votes\nA,261213\nB,45000\nC,12034\n";

fn allocate(dir: &str, file: &[u8], extra: &[&str]) -> crate::Run {
    let dir = scratch(dir);
    std::fs::write(dir.join("votes.csv"), file).unwrap();
    let args = [&["allocate", "--seats", "30", "--format", "csv", "votes.csv"], extra].concat();
    run_in(&dir, &args, b"")
}

#[test]
fn separators_and_digit_groups_read_as_meant() {
    let plain = allocate("trap-plain", PLAIN, &[]).ok();
    let cases: &[(&str, &[u8], &str)] = &[
        ("semicolons", b"party;votes\nA;261 213\nB;45 000\nC;12 034\n", "semicolons"),
        ("tabs", b"party\tvotes\nA\t261.213\nB\t45.000\nC\t12.034\n", "tabs"),
        ("quoted commas", b"party,votes\nA,\"261,213\"\nB,\"45,000\"\nC,12034\n", ""),
        ("no-break spaces", "party;votes\nA;261\u{a0}213\nB;45\u{202f}000\nC;12034\n".as_bytes(), "semicolons"),
    ];
    for (title, file, separator) in cases {
        let run = allocate(&format!("trap-{}", title.replace(' ', "-")), file, &[]);
        assert_eq!(run.code, 0, "{title}: {run:?}");
        assert_eq!(run.stdout, plain, "{title}");
        let note = if separator.is_empty() {
            String::new()
        } else {
            format!("note: votes.csv: the columns are separated by {separator}\n")
        };
        assert_eq!(run.stderr, note, "{title}");
    }
}

#[test]
fn a_total_row_is_refused_unless_allowed() {
    let file = b"party,votes\nA,10\nB,5\nC,2\nTotal:,17\n";
    let run = allocate("trap-total", file, &[]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: votes.csv:5: the row \"Total:\" looks like the table's total, not a list: its name, \"Total:\", reads as \
         a total; delete the row (or pass --allow-total-row if it is a list)\n"
    );
    let run = allocate("trap-total-allowed", file, &["--allow-total-row"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("Total:,"), "{}", run.stdout);
}

#[test]
fn batch_reads_semicolons_and_groups() {
    let dir = scratch("trap-batch");
    std::fs::write(dir.join("b.csv"), "election;seats;party;votes\ne1;3;A;\"1 000\"\ne1;3;B;500\n").unwrap();
    let run = run_in(&dir, &["batch", "b.csv"], b"");
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "election,party,seats\ne1,A,2\ne1,B,1\n");
    assert_eq!(run.stderr, "note: b.csv: the columns are separated by semicolons\n");
}

#[test]
fn outside_the_repository_the_dataset_folder_is_named() {
    let dir = scratch("trap-no-datasets");
    let run = run_in(&dir, &["recompute", "astana"], b"");
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: the dataset folder was not found: looked for [TMP]/datasets (the default: datasets in the current \
         folder); run from the repository's root, or point at the folder with --data DIR or MASLIHAT_DATA=DIR\n"
    );
    let run = run_in(&dir, &["list", "--data", "nowhere"], b"");
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: the dataset folder was not found: looked for [TMP]/nowhere (given with --data); give the folder \
         that holds elections.csv with --data DIR\n"
    );
}

#[test]
fn a_right_name_with_a_wrong_year_names_its_years() {
    let run = crate::run(&["allocate", "--election", "astana 2022"], b"");
    assert_eq!(run.code, 2);
    assert_eq!(run.stderr, "error: astana-city has no election in 2022: it has elections in 2021 and 2023\n");
}

/// The schema each analysis command's help promises is the one its JSON carries.
#[test]
fn analysis_json_carries_the_schema_its_help_names() {
    let dir = scratch("trap-schema");
    std::fs::write(dir.join("shares.csv"), "party,share\nA,50\nB,30\nC,20\n").unwrap();
    let votes = crate::root().join(crate::SHYMKENT).display().to_string();
    let cases: [(&str, Vec<&str>); 3] = [
        ("maslihat.margins/1", vec!["margins", &votes, "--seats", "30"]),
        ("maslihat.projection/1", vec!["simulate", "--shares", "shares.csv", "--seats", "30", "--runs", "50"]),
        ("maslihat.sweep/1", vec!["sweep", &votes, "--seats", "30", "--methods", "hare", "--thresholds", "5%"]),
    ];
    for (schema, args) in cases {
        let help = run_in(&dir, &[args[0], "--help"], b"").ok();
        assert!(help.contains(&format!("`{schema}`")), "{}: the help names {schema}:\n{help}", args[0]);
        assert!(!help.contains("maslihat.allocation/1"), "{}", args[0]);
        let json = run_in(&dir, &[&args[..], &["--format", "json"]].concat(), b"").ok();
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(doc["schema"], schema, "{}", args[0]);
    }
}
