//! `batch`: the same seats as `allocate` election by election, the same output for any number
//! of jobs, input order kept across chunks, names with commas, quotes and line breaks
//! round-tripping through CSV, and stdin.

use std::sync::OnceLock;

use crate::{Rng, csv_rows, csv_text, run, run_in, scratch};

/// One election of a batch file.
#[derive(Debug, Clone)]
struct Election {
    id: String,
    seats: u32,
    lists: Vec<(String, u64)>,
}

/// Names that need CSV quoting, or are not ASCII, among plain ones.
const NAMES: [&str; 14] = [
    "Nur Otan",
    "Ak Zhol",
    "Auyl",
    "People's Party",
    "Adal",
    "Respublica",
    "Baytaq",
    "Greens, Kazakhstan",
    "The \"Quoted\" List",
    "Comma, \"and\" quote",
    "Ақ жол",
    "Line\nbreak",
    "\"",
    ",",
];

/// `count` elections of 1 to 10 lists: some with one dominant list (the runner-up rule),
/// some spread, some with equal votes (ties), some lists with no votes. The first list always
/// has votes, so with at most 10 lists one of them reaches 7 %.
fn generate(seed: u64, count: usize) -> Vec<Election> {
    let mut rng = Rng::new(seed);
    (0..count)
        .map(|i| {
            let id = match i % 3 {
                0 => format!("e{i}"),
                1 => format!("region {i}, 2021"),
                _ => format!("\"{i}\""),
            };
            let seats = rng.range(1, 40) as u32;
            let mode = rng.range(0, 3);
            let mut names: Vec<&str> = NAMES.to_vec();
            let lists = (0..rng.range(1, 10))
                .map(|k| {
                    let name = names.remove(rng.range(0, names.len() as u64 - 1) as usize).to_owned();
                    let votes = match (mode, k) {
                        (0, 0) => rng.range(50_000, 100_000),
                        (0, _) => rng.range(0, 6_000),
                        (1, _) => rng.range(1, 100_000),
                        (2, _) => 1_000,
                        (_, 0) => rng.range(1, 20),
                        (_, _) => rng.range(0, 20),
                    };
                    (name, votes)
                })
                .collect();
            Election { id, seats, lists }
        })
        .collect()
}

fn batch_file(elections: &[Election]) -> String {
    let header = vec!["election".to_owned(), "seats".to_owned(), "party".to_owned(), "votes".to_owned()];
    let rows = elections.iter().flat_map(|e| {
        e.lists.iter().map(|(party, votes)| vec![e.id.clone(), e.seats.to_string(), party.clone(), votes.to_string()])
    });
    csv_text(std::iter::once(header).chain(rows))
}

/// The `election,party,seats` rows that `allocate` gives, election by election.
fn allocate_each(elections: &[Election], rules: &[&str]) -> Vec<Vec<String>> {
    let mut expected = Vec::new();
    for election in elections {
        let table = csv_text(
            std::iter::once(["party".to_owned(), "votes".to_owned()])
                .chain(election.lists.iter().map(|(party, votes)| [party.clone(), votes.to_string()])),
        );
        let seats = election.seats.to_string();
        let args = [&["allocate", "--format", "csv", "--seats", seats.as_str()], rules, &["-"]].concat();
        let rows = csv_rows(&run(&args, table.as_bytes()).ok());
        assert_eq!(rows.len(), election.lists.len());
        for (row, (party, _)) in rows.iter().zip(&election.lists) {
            assert_eq!(&row[0], party, "allocate keeps names and order");
            expected.push(vec![election.id.clone(), row[0].clone(), row[4].clone()]);
        }
    }
    expected
}

/// Runs `batch` with `args` on `file` in `dir` and checks the header.
fn batch(dir: &std::path::Path, args: &[&str], file: &str) -> String {
    let out = run_in(dir, &[&["batch"], args, &[file]].concat(), b"").ok_with_warnings();
    assert!(out.starts_with("election,party,seats\n"), "{out}");
    out
}

/// The generated elections of the tests, and what `allocate` gives for them under kz-2021.
fn generated() -> &'static (Vec<Election>, Vec<Vec<String>>) {
    static GENERATED: OnceLock<(Vec<Election>, Vec<Vec<String>>)> = OnceLock::new();
    GENERATED.get_or_init(|| {
        let elections = generate(2021, 300);
        let quoted = |name: &str| name.contains([',', '"', '\n']);
        let lists = || elections.iter().flat_map(|e| &e.lists);
        assert!(lists().filter(|(name, _)| quoted(name)).count() > 100, "names that need quoting");
        assert!(elections.iter().filter(|e| quoted(&e.id)).count() > 100, "ids that need quoting");
        let tied = elections.iter().filter(|e| e.lists.len() > 1 && e.lists.iter().all(|l| l.1 == e.lists[0].1));
        assert!(tied.count() > 10, "elections with ties");
        let one_passes = elections.iter().filter(|e| {
            let total: u64 = e.lists.iter().map(|l| l.1).sum();
            e.lists.iter().filter(|l| l.1 * 100 >= total * 7).count() == 1 && e.lists.len() > 1
        });
        assert!(one_passes.count() > 10, "elections for the runner-up rule");
        let expected = allocate_each(&elections, &["--rules", "kz-2021"]);
        (elections, expected)
    })
}

#[test]
fn batch_equals_allocate_on_generated_elections() {
    let (elections, kz_2021) = generated();
    let dir = scratch("batch-generated");
    std::fs::write(dir.join("elections.csv"), batch_file(elections)).unwrap();
    let sainte_lague = ["--method", "sainte-lague", "--threshold", "5%", "--tie-break", "lot:11"];
    for (rules, count) in [(&["--rules", "kz-2021"][..], 300), (&sainte_lague[..], 100)] {
        let expected = if count == 300 { kz_2021.clone() } else { allocate_each(&elections[..count], rules) };
        let one = batch(&dir, &[rules, &["--jobs", "1"]].concat(), "elections.csv");
        let two = batch(&dir, &[rules, &["--jobs", "2"]].concat(), "elections.csv");
        assert_eq!(one, two, "the output is the same for any number of jobs ({rules:?})");
        let got = csv_rows(&one);
        assert_eq!(got[..expected.len()], expected[..], "{rules:?}");
        assert_eq!(got.len(), elections.iter().map(|e| e.lists.len()).sum::<usize>());
    }
}

#[test]
fn batch_equals_allocate_across_chunks() {
    // The generated elections again and again under new ids, past 5 MiB: batch reads its
    // input in chunks of a few MiB and cuts them into parts for the cores, so elections are
    // cut at many places.
    let (elections, expected) = generated();
    let once = batch_file(elections).len();
    let copies = (5 << 20) / once + 1;
    let renamed = |copy: usize, id: &str| format!("{id} #{copy}");
    let many: Vec<Election> = (0..copies)
        .flat_map(|copy| {
            elections.iter().map(move |e| Election { id: renamed(copy, &e.id), seats: e.seats, lists: e.lists.clone() })
        })
        .collect();
    let dir = scratch("batch-chunks");
    std::fs::write(dir.join("many.csv"), batch_file(&many)).unwrap();
    let one = batch(&dir, &["--rules", "kz-2021", "--jobs", "1"], "many.csv");
    assert!(one == batch(&dir, &["--rules", "kz-2021", "--jobs", "2"], "many.csv"), "the same output for 1 and 2 jobs");
    let rows = csv_rows(&one);
    assert_eq!(rows.len(), copies * expected.len());
    for (copy, rows) in rows.chunks(expected.len()).enumerate() {
        for (row, want) in rows.iter().zip(expected) {
            let want = [renamed(copy, &want[0]), want[1].clone(), want[2].clone()];
            assert!(row[..] == want[..], "copy {copy}: {row:?} instead of {want:?}");
        }
    }
}

#[test]
fn batch_of_the_example_file_equals_allocate() {
    let text = std::fs::read_to_string(crate::root().join("datasets/examples/batch-2021.csv")).unwrap();
    let mut elections: Vec<Election> = Vec::new();
    for row in csv_rows(&text) {
        let (id, seats, party, votes) = (&row[0], row[1].parse().unwrap(), &row[2], row[3].parse().unwrap());
        match elections.last_mut() {
            Some(last) if last.id == *id => last.lists.push((party.clone(), votes)),
            _ => elections.push(Election { id: id.clone(), seats, lists: vec![(party.clone(), votes)] }),
        }
    }
    assert_eq!(elections.len(), 2);
    let out = run(&["batch", "--rules", "kz-2021", "datasets/examples/batch-2021.csv"], b"").ok();
    assert_eq!(csv_rows(&out), allocate_each(&elections, &["--rules", "kz-2021"]));
    let shymkent: Vec<(&str, &str)> = out
        .lines()
        .filter_map(|line| line.strip_prefix("shymkent-city-2021,"))
        .map(|rest| rest.rsplit_once(',').unwrap())
        .collect();
    assert_eq!(shymkent, [("Nur Otan", "24"), ("Ak Zhol", "3"), ("Auyl", "3"), ("People's Party", "0"), ("Adal", "0")]);
}

/// The 2023 example carries "against all" per election: in the base, never a seat. Astana and
/// Almaty city give their published list seats.
#[test]
fn batch_of_the_2023_example_gives_the_published_seats() {
    let out = run(&["batch", "--rules", "kz-2023", "datasets/examples/batch-2023.csv"], b"").ok();
    let seats = |id: &str| -> Vec<String> {
        out.lines().filter_map(|l| l.strip_prefix(id)).map(|rest| rest.rsplit(',').next().unwrap().to_owned()).collect()
    };
    assert_eq!(seats("astana-city-2023,"), ["12", "0", "0", "1", "1", "3"]);
    assert_eq!(seats("almaty-city-2023,"), ["12", "3", "3", "2", "1", "0"]);
}

#[test]
fn batch_reads_stdin() {
    let file = std::fs::read(crate::root().join("datasets/examples/batch-2021.csv")).unwrap();
    let from_file = run(&["batch", "datasets/examples/batch-2021.csv"], b"").ok();
    assert_eq!(run(&["batch", "-"], &file).ok(), from_file);
}

#[test]
fn batch_quotes_what_needs_quoting() {
    let input = "election,seats,party,votes\n\"e, 1\",3,\"Line\nbreak\",10\n\"e, 1\",3,\"Say \"\"hi\"\"\",5\n";
    let out = run(&["batch", "-"], input.as_bytes()).ok();
    assert_eq!(out, "election,party,seats\n\"e, 1\",\"Line\nbreak\",2\n\"e, 1\",\"Say \"\"hi\"\"\",1\n");
}

/// The rows of `text` (batch output) as whole elections: how many of `elections` it covers.
fn whole_elections(rows: &[Vec<String>], elections: &[Election]) -> usize {
    let mut at = 0;
    for (count, election) in elections.iter().enumerate() {
        if at == rows.len() {
            return count;
        }
        at += election.lists.len();
        assert!(at <= rows.len(), "the output ends inside election {:?}", election.id);
    }
    elections.len()
}

#[test]
fn batch_stops_at_a_bad_row_after_correct_output() {
    let (elections, expected) = generated();
    let mut text = batch_file(elections);
    text.push_str("last,3,A,x\n");
    let line = text.lines().count();
    let dir = scratch("batch-bad-row");
    std::fs::write(dir.join("bad.csv"), &text).unwrap();
    for jobs in ["1", "2"] {
        let out = run_in(&dir, &["batch", "--rules", "kz-2021", "--jobs", jobs, "bad.csv"], b"");
        assert_eq!(out.code, 2);
        assert_eq!(out.stderr, format!("error: bad.csv:{line}:4: votes must be a whole number, found \"x\"\n"));
        let rows = csv_rows(&out.stdout);
        assert_eq!(rows[..], expected[..rows.len()], "what is written is right, in order (--jobs {jobs})");
        whole_elections(&rows, elections);
    }
}

#[test]
fn batch_places_errors_on_physical_lines_after_blank_lines_crlf_and_a_bom() {
    let dir = scratch("batch-lines");
    // Line 8 is the bad row: blank lines (plain and CRLF) before it are counted, the BOM is not
    // a line; the same with a quoted field (the csv reader's path) and a grouped number.
    let plain = "\u{feff}election,seats,party,votes\r\n\r\na,2,X,10\r\n\n\na,2,Y,1 005\r\n\r\nb,x,Z,3\r\n";
    let quoted = "election,seats,party,votes\n\na,2,\"X\nQ\",10\n\na,2,Y,5\n\nb,x,\"Z\",3\n";
    for (name, text, column) in [("plain.csv", plain, 2), ("quoted.csv", quoted, 2)] {
        std::fs::write(dir.join(name), text).unwrap();
        for jobs in ["1", "2"] {
            let out = run_in(&dir, &["batch", "--jobs", jobs, name], b"");
            assert_eq!(out.code, 2, "{name}");
            let want =
                format!("error: {name}:8:{column}: seats must be a whole number from 1 to 4294967295, found \"x\"\n");
            assert_eq!(out.stderr, want, "{name}");
        }
    }
    let out = run_in(&dir, &["batch", "plain.csv"], b"");
    assert_eq!(out.stdout, "election,party,seats\na,X,0\na,Y,2\n");
}

#[test]
fn batch_reads_a_last_row_without_line_feed_whose_last_field_is_empty() {
    // The last row of a file without a final line feed, ending in an empty field, was dropped
    // without a word by the splitter of plain files (found by the parse property test).
    let dir = scratch("batch-last-empty-field");
    for (name, text, want) in [
        ("short.csv", "election,seats,party,votes\na,2,X,10\na,2,Y,", "error: short.csv:3:4: votes is empty"),
        ("note.csv", "election,seats,party,votes,note\na,2,X,10,\na,2,Y,90,", "election,party,seats\na,X,0\na,Y,2\n"),
    ] {
        std::fs::write(dir.join(name), text).unwrap();
        let out = run_in(&dir, &["batch", name], b"");
        if want.starts_with("error") {
            assert_eq!(out.code, 2, "{name}");
            assert!(out.stderr.starts_with(want), "{name}: {}", out.stderr);
        } else {
            assert_eq!(out.code, 0, "{name}: {}", out.stderr);
            assert_eq!(out.stdout, want, "{name}");
        }
    }
}
