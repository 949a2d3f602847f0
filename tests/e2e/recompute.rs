//! `recompute` on the bundled datasets.

use maslihat_e2e::{datasets, files_under, read, run};

use crate::scratch;

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
    insta::assert_snapshot!("summary.csv", read(&out.join("summary.csv")));
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
        for external in ["http://", "https://", "<link", "<script", "src=", "url(", "@import", "//cdn"] {
            assert!(!page.contains(external), "{} holds {external:?}", path.display());
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
