//! `recompute` on the bundled datasets.

use maslihat_e2e::{datasets, files_under, read, run};
use maslihat_report::Status::{self, Consistent, DeterminedMatch, Match, NoData, NotPublished};

use crate::scratch;

/// Every election of the bundled datasets with the verdict its published figures support, in
/// dataset order.
const EXPECTED_STATUS: [(&str, Status); 37] = [
    ("akmola-region-2021", NotPublished),
    ("aktobe-region-2021", DeterminedMatch),
    ("almaty-city-2021", DeterminedMatch),
    ("almaty-region-2021", Consistent),
    ("astana-city-2021", DeterminedMatch),
    ("atyrau-region-2021", Consistent),
    ("east-kazakhstan-region-2021", DeterminedMatch),
    ("jambyl-region-2021", Consistent),
    ("karaganda-region-2021", Consistent),
    ("kostanay-region-2021", Consistent),
    ("kyzylorda-region-2021", NoData),
    ("mangystau-region-2021", NoData),
    ("north-kazakhstan-region-2021", NoData),
    ("pavlodar-region-2021", NoData),
    ("shymkent-city-2021", Match),
    ("turkistan-region-2021", Consistent),
    ("west-kazakhstan-region-2021", Consistent),
    ("abai-region-2023", NoData),
    ("akmola-region-2023", Consistent),
    ("aktobe-region-2023", NoData),
    ("almaty-city-2023", Match),
    ("almaty-region-2023", NoData),
    ("astana-city-2023", Match),
    ("atyrau-region-2023", NoData),
    ("east-kazakhstan-region-2023", NoData),
    ("jambyl-region-2023", NoData),
    ("jetisu-region-2023", NoData),
    ("karaganda-region-2023", NotPublished),
    ("kostanay-region-2023", Match),
    ("kyzylorda-region-2023", NoData),
    ("mangystau-region-2023", NoData),
    ("north-kazakhstan-region-2023", NoData),
    ("pavlodar-region-2023", NoData),
    ("shymkent-city-2023", NoData),
    ("turkistan-region-2023", NoData),
    ("ulytau-region-2023", NoData),
    ("west-kazakhstan-region-2023", NoData),
];

#[test]
fn the_same_data_gives_the_same_bytes_whatever_the_threads() {
    let one = scratch("jobs-1");
    let two = scratch("jobs-2");
    let first = run(&datasets(), &one, 1);
    let second = run(&datasets(), &two, 2);
    assert_eq!(first.totals, second.totals);
    let (a, b) = (files_under(&one), files_under(&two));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "the same files");
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{} differs between --jobs 1 and --jobs 2", path.display());
    }
    // A second run into the same folder gives the same bytes again.
    run(&datasets(), &one, 2);
    assert_eq!(files_under(&one), a, "a rerun into the same folder");
}

#[test]
fn summary_of_the_bundled_datasets() {
    let out = scratch("summary");
    let outcome = run(&datasets(), &out, 2);
    assert!(outcome.is_success(), "no undocumented mismatch: {:?}", outcome.undocumented);
    assert_eq!(outcome.totals.elections, 37);
    // Each election's status, in code; the snapshot below keeps the prose (reasons, margins).
    let summary = read(&out.join("summary.csv"));
    let statuses: Vec<(String, String)> = summary
        .lines()
        .skip(1)
        .map(|line| {
            let fields: Vec<&str> = line.split(',').collect();
            (fields[0].to_owned(), fields[5].to_owned())
        })
        .collect();
    let expected: Vec<(String, String)> =
        EXPECTED_STATUS.iter().map(|(id, status)| ((*id).to_owned(), status.id().to_owned())).collect();
    assert_eq!(statuses, expected);
    for status in Status::ALL {
        let expected = EXPECTED_STATUS.iter().filter(|(_, s)| *s == status).count();
        assert_eq!(outcome.totals.count(status), expected, "{}", status.id());
    }
    insta::assert_snapshot!("summary.csv", summary);
    let json = read(&out.join("summary.json"));
    assert!(json.contains("\"elections\": 37"), "the totals lead summary.json");
}

#[test]
fn every_page_is_self_contained() {
    let out = scratch("pages");
    run(&datasets(), &out, 2);
    let pages: Vec<_> =
        files_under(&out).into_iter().filter(|(path, _)| path.extension().is_some_and(|e| e == "html")).collect();
    assert!(pages.len() > 37, "index.html and a page per election, found {}", pages.len());
    for (path, bytes) in pages {
        let page = String::from_utf8(bytes).expect("UTF-8");
        for external in ["<link", "<script", "src=", "url(", "@import", "//cdn"] {
            assert!(!page.contains(external), "{} holds {external:?}", path.display());
        }
        // Addresses on the web only as links a reader may follow (the sources), never loaded.
        let without_links = page.replace("<a href=\"http", "");
        for web in ["http://", "https://"] {
            assert!(!without_links.contains(web), "{} loads {web}", path.display());
        }
        assert!(page.starts_with("<!DOCTYPE html>"), "{}", path.display());
    }
    let index = read(&out.join("index.html"));
    assert!(index.contains("<svg"), "the diagrams are inlined");
    assert!(index.contains("elections/shymkent-city-2021/report.html"), "a link to each election's page");
    assert!(index.contains("list seats"), "2023 diagrams say they show list seats only");
    let markdown = read(&out.join("report.md"));
    assert!(markdown.contains("](elections/shymkent-city-2021/published.svg)"), "report.md links the SVG files");
}

#[test]
fn reader_facing_pages_name_parties_and_hide_file_positions() {
    let out = scratch("names");
    run(&datasets(), &out, 2);
    for (path, bytes) in files_under(&out) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let page = String::from_utf8(bytes).expect("UTF-8");
        // The loader's notes (with their file positions) are folded away under "Data notes".
        let shown = match (page.find("<details>"), page.find("</details>")) {
            (Some(start), Some(end)) => format!("{}{}", &page[..start], &page[end..]),
            _ => page.clone(),
        };
        assert!(!shown.contains(".csv:"), "{} shows a file position outside the data notes", path.display());
        assert!(!shown.contains("discrepancies.csv"), "{} sends the reader to a data file", path.display());
        for id in ["nur-otan", "ak-zhol", "auyl", "adal", "peoples-party"] {
            for in_prose in [format!(" {id},"), format!(" {id} "), format!(" {id}<")] {
                assert!(!shown.contains(&in_prose), "{} names {id} by its id", path.display());
            }
        }
    }
    let astana_2023 = read(&out.join("elections/astana-city-2023/report.html"));
    let (figures, _sources) = astana_2023.split_once("id=\"sources\"").expect("a Sources section");
    assert!(figures.contains("Amanat") && !figures.contains("Nur Otan"), "in 2023 the party is called Amanat");
}

#[test]
fn every_glossary_link_has_its_entry() {
    let out = scratch("glossary");
    run(&datasets(), &out, 2);
    let glossary = read(&out.join("glossary.html"));
    let mut links = 0;
    for (path, bytes) in files_under(&out) {
        let page = String::from_utf8_lossy(&bytes).into_owned();
        for (at, _) in page.match_indices("glossary.html#") {
            let anchor: String = page[at + 14..].chars().take_while(|c| *c != '"').collect();
            assert!(glossary.contains(&format!("id=\"{anchor}\"")), "{}: no glossary entry {anchor}", path.display());
            links += 1;
        }
    }
    assert!(links > 37, "the table headers link the glossary ({links} links)");
}

#[test]
fn the_lists_table_shows_what_the_shares_are_of() {
    let out = scratch("shares");
    run(&datasets(), &out, 2);
    let page = read(&out.join("elections/almaty-city-2023/report.html"));
    // 2023: against all is on the ballot and counts in the valid ballots the shares are of.
    assert!(page.contains("<tr class=\"base\"><td>Against all</td><td class=\"num\">16\u{202F}490</td>"), "{page}");
    assert!(page.contains("<td>Total: valid ballots (threshold base)</td><td class=\"num\">291\u{202F}756</td>"));
    // The quota as a readable decimal, the exact fraction on hover; remainders over one denominator.
    assert!(page.contains("title=\"exactly 267002/21\">12\u{202F}714.381</span> votes per seat"));
    assert!(page.contains("title=\"exactly 245129/267002\">0.9181</span>"));
}
