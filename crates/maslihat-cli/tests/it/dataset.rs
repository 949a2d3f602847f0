//! The dataset commands on the bundled `datasets/`: list, show, recompute, validate, infobox.

use super::{csv_rows, root, run, run_in, scratch};

/// `list --year Y` has one line per mäslihat that held an election that year.
#[test]
fn list_counts_every_regional_maslihat() {
    for (year, expected) in [("2021", 17), ("2023", 20)] {
        let rows = csv_rows(&run(&["list", "--year", year, "--format", "csv"], b"").ok());
        assert_eq!(rows.len(), expected, "{year}");
        assert!(rows.iter().all(|row| row[2] == year));
    }
    // Shymkent 2021 has complete votes and a published composition.
    let rows = csv_rows(&run(&["list", "--year", "2021", "--format", "csv"], b"").ok());
    let shymkent = rows.iter().find(|row| row[0] == "shymkent-city-2021").expect("Shymkent 2021 is listed");
    assert_eq!(
        (shymkent[3].as_str(), shymkent[5].as_str(), shymkent[6].as_str()),
        ("30", "NO 24, AJ 3, AUYL 3", "complete")
    );
}

/// Every election whose votes are complete and whose seats were published is reproduced;
/// the others say why they cannot be compared.
#[test]
fn recompute_reproduces_every_complete_published_result() {
    for (name, year) in [("shymkent", "2021"), ("astana", "2023"), ("almaty city", "2023"), ("kostanay", "2023")] {
        let out = run(&["recompute", name, "--year", year], b"").ok();
        assert!(out.contains("verdict: the recomputation matches the published seats"), "{name} {year}:\n{out}");
    }
    // Aktobe 2021 lacks Adal's count: the published figures still determine the seats.
    let aktobe = run(&["recompute", "aktobe", "--year", "2021"], b"");
    assert_eq!(aktobe.code, 0, "{aktobe:?}");
    assert!(aktobe.stdout.contains("verdict: determined match"), "{}", aktobe.stdout);
    assert!(aktobe.stdout.contains("  Adal: votes unknown\n"), "{}", aktobe.stdout);
}

/// With no vote figure at all, the published seats are checked against the rules alone, and
/// each list's share interval is given.
#[test]
fn recompute_gives_karaganda_2021_a_seats_only_verdict() {
    let out = run(&["recompute", "karaganda", "--year", "2021"], b"").ok();
    assert!(out.contains("verdict: consistent"), "{out}");
    assert!(out.contains("  Nur Otan: from over 74.34 % to under 78.29 % of the lists that took part"), "{out}");
    let json = run(&["recompute", "karaganda", "--year", "2021", "--format", "json"], b"").ok();
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["status"], "consistent");
    assert_eq!(doc["published"], serde_json::json!([29, 3, 3, 3, 0]));
    assert_eq!(doc["implied_shares"].as_array().unwrap().len(), 5);
}

/// Names match by prefix, case and diacritics aside, and by the Kazakh name.
#[test]
fn show_finds_a_maslihat_by_any_of_its_names() {
    for name in ["karaganda", "Karaganda Region", "Қарағанды", "KARAGANDA-REGION"] {
        let out = run(&["show", name, "--year", "2021"], b"").ok();
        assert!(
            out.contains("Majority (29): Nur Otan (29); Opposition (9): Ak Zhol (3), Auyl (3), People's Party (3)"),
            "{name}:\n{out}"
        );
        assert!(out.contains("Қарағанды облыстық мәслихаты"));
    }
    let missing = run(&["show", "atlantis"], b"");
    assert_eq!((missing.code, missing.stderr.as_str()), (2, "error: no mäslihat is called \"atlantis\"\n"));
}

/// The current head is shown with the title of the office: the secretary was renamed chair in
/// April 2023; the 2021 convocation's head was its secretary.
#[test]
fn show_names_the_current_chair() {
    let out = run(&["show", "karaganda"], b"").ok();
    assert!(out.lines().any(|l| l == "chair           Nurken Kobzhanov"), "{out}");
    assert!(!out.contains("secretary"), "{out}");
    assert!(out.contains("Ulytau Region formed from part of this region; members: 26 afterwards, 12 moved"), "{out}");
    let then = run(&["show", "karaganda", "--year", "2021"], b"").ok();
    assert!(then.lines().any(|l| l == "secretary       Serık Öteşov (Nur Otan)"), "{then}");
    let infobox = run(&["infobox", "karaganda"], b"");
    assert_eq!(infobox.code, 0, "{}", infobox.stderr);
    let infobox = infobox.stdout;
    assert!(infobox.contains("Chair") && infobox.contains("Nurken Kobzhanov"), "{infobox}");
}

/// The infobox lists every party with its seats, and reads back.
#[test]
fn infobox_lists_the_composition_with_seat_counts() {
    let out = run(&["infobox", "karaganda", "--year", "2021"], b"").ok();
    for line in ["| members = 38", "'''Majority (29)'''", "'''Opposition (9)'''", "[[Nur Otan]] (29)", "|Ak Zhol]] (3)"]
    {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
}

/// A broken copy of the dataset: every problem with file:line:column, exit 2.
#[test]
fn validate_lists_every_problem_with_its_place() {
    let dir = scratch("broken-dataset");
    let source = root().join("datasets");
    copy_dir(&source, &dir);
    let results = dir.join("results.csv");
    let text = std::fs::read_to_string(&results).expect("results.csv");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    // Line 3 gets a bad registration number, line 4 a fractional vote count.
    lines[2] = lines[2].replacen(",,", ",12x,", 1);
    let header: Vec<&str> = lines[0].split(',').collect();
    let votes = header.iter().position(|h| *h == "votes").expect("a votes column");
    let mut fields: Vec<String> = lines[3].split(',').map(str::to_owned).collect();
    fields[votes] = "12.5".to_owned();
    lines[3] = fields.join(",");
    std::fs::write(&results, lines.join("\n") + "\n").expect("write");
    let out = run_in(&dir, &["validate", "."], b"");
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stdout.contains("results.csv:3:"), "{}", out.stdout);
    assert!(out.stdout.contains(&format!("results.csv:4:{}: ", votes + 1)), "{}", out.stdout);
    assert_eq!(run(&["validate"], b"").code, 0);
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// `--election` takes an election's votes, list seats and rules from the dataset: the same as
/// giving them by hand. Astana 2023: 17 list seats, kz-2023, 3269 votes against all.
#[test]
fn commands_take_an_election_of_the_dataset() {
    let from_data = run(&["allocate", "--election", "astana 2023", "--format", "csv"], b"").ok();
    let by_hand = run(
        &["allocate", "--rules", "kz-2023", "--seats", "17", "--against-all", "3269", "--format", "csv", "-"],
        b"party,votes\nAmanat,227307\nAuyl,2147\nRespublica,5401\nPeople's Party,18174\nBaytaq,18154\nAk Zhol,56045\n",
    )
    .ok();
    assert_eq!(from_data, by_hand);
    let seats: Vec<String> = csv_rows(&from_data).into_iter().map(|row| row[4].clone()).collect();
    assert_eq!(seats, ["12", "0", "0", "1", "1", "3"]);
    let margins = run(&["margins", "--election", "astana-city-2023", "--format", "json"], b"").ok();
    let value: serde_json::Value = serde_json::from_str(&margins).expect("JSON");
    assert_eq!(value["margins"]["seats"], serde_json::json!([12, 0, 0, 1, 1, 3]));
    let sweep = run(&["sweep", "--election", "astana 2023", "--methods", "hare", "--thresholds", "5%"], b"").ok();
    assert_eq!(csv_rows(&sweep)[0][3..9], ["12", "0", "0", "1", "1", "3"]);
    let incomplete = run(&["margins", "--election", "aktobe 2021"], b"");
    assert_eq!(incomplete.code, 2);
    assert!(incomplete.stderr.contains("the votes are not complete"), "{}", incomplete.stderr);
}

/// The diagram shown in README.md is what `maslihat diagram` draws today.
#[test]
fn the_readme_diagram_is_current() {
    let drawn = run(&["diagram", "karaganda", "--year", "2021"], b"").ok();
    let shown = std::fs::read_to_string(root().join("docs/karaganda-2021.svg")).expect("docs/karaganda-2021.svg");
    assert_eq!(drawn, shown, "regenerate with: maslihat diagram karaganda --year 2021 -o docs/karaganda-2021.svg");
    assert_eq!(drawn.matches("class=\"seat\"").count(), 38);
}
