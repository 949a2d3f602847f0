//! Synthetic datasets: they load, recompute cleanly, and a broken election is reported while
//! the others go on.

use maslihat_e2e::{files_under, run};
use maslihat_ingest::{WarningKind, load};
use xtask::synth::{self, Options};

use crate::scratch;

fn small() -> synth::Data {
    synth::generate(&Options { councils: 6, elections_per: 2, seed: 7 })
}

#[test]
fn a_synthetic_dataset_loads_and_recomputes() {
    let dir = scratch("synth-data");
    let data = small();
    assert_eq!(data, small(), "the same seed gives the same data");
    let written = synth::write(&data, &dir).expect("written");
    assert_eq!(written.elections, 12);
    let loaded = load(&dir).unwrap_or_else(|errors| panic!("a synthetic dataset must load:\n{errors}"));
    assert_eq!(loaded.dataset.elections.len(), 12);
    for warning in &loaded.warnings {
        assert!(
            matches!(warning.kind, WarningKind::NotRecomputable { .. } | WarningKind::SeatsDiffer { .. }),
            "only expected warnings: {warning}"
        );
    }
    for election in &data.elections {
        let lists = election.lists.len();
        assert!((3..=8).contains(&lists), "{}: {lists} lists", election.id);
        let seats = election.list_seats.unwrap_or(election.total_seats);
        assert!((10..=50).contains(&seats), "{}: {seats} seats", election.id);
    }
    let out = scratch("synth-report");
    let outcome = run(&dir, &out, 2);
    assert!(outcome.is_success(), "documented disagreements only: {:?}", outcome.undocumented);
    assert_eq!(outcome.totals.elections, 12);
}

#[test]
fn a_broken_election_is_reported_and_the_others_go_on() {
    let mut data = small();
    // The first mixed election: so many votes against all that no list reaches 5 %.
    let broken = data.elections.iter_mut().find(|e| e.list_seats.is_some()).expect("a kz-2023 election");
    let list_votes: u64 = broken.lists.iter().map(|l| l.votes).sum();
    broken.against_all = Some(list_votes * 50);
    let broken_id = broken.id.clone();
    // Another: published seats that differ from the votes, with no documented reason.
    let wrong = data
        .elections
        .iter_mut()
        .find(|e| {
            e.id != broken_id
                && e.lists_complete == Some(true)
                && e.lists.iter().all(|l| l.published_seats.is_some())
                && e.discrepancies.is_empty()
        })
        .expect("a published election");
    let wrong_id = wrong.id.clone();
    let (first, second) = (wrong.lists[0].published_seats.unwrap_or(0), wrong.lists[1].published_seats.unwrap_or(0));
    wrong.lists[0].published_seats = Some(first - 1);
    wrong.lists[1].published_seats = Some(second + 1);

    let dir = scratch("broken-data");
    synth::write(&data, &dir).expect("written");
    let out = scratch("broken-report");
    let outcome = run(&dir, &out, 2);
    assert_eq!(outcome.totals.elections, 12, "every election is processed");
    assert_eq!(outcome.undocumented, [wrong_id]);
    assert!(!outcome.is_success(), "an undocumented mismatch fails the run");

    let summary = maslihat_e2e::read(&out.join("summary.csv"));
    let row = summary.lines().find(|l| l.starts_with(&format!("{broken_id},"))).expect("the broken election's row");
    assert!(row.contains(",inconsistent,") && row.contains("no lawful allocation"), "{row}");
    let files = files_under(&out);
    for election in &data.elections {
        let page = std::path::Path::new("elections").join(&election.id).join("report.html");
        assert!(files.contains_key(&page), "{} has its page", election.id);
    }
}

/// Over more than a summary page of elections, the report writes its summary page by page and
/// keeps only what the index needs of each row: the index, the summary pages and `summary.json`
/// are still what the whole rows give (as a program serving pages makes them, from rows it
/// keeps whole).
#[test]
fn a_report_of_more_than_one_summary_page_is_what_the_whole_rows_give() {
    use maslihat_report::{IndexFormat, Source};
    let dir = scratch("synth-pages-data");
    let data = synth::generate(&Options { councils: 101, elections_per: 10, seed: 3 });
    synth::write(&data, &dir).expect("written");
    let out = scratch("synth-pages-report");
    let outcome = run(&dir, &out, 2);
    assert_eq!(outcome.totals.elections, 1010);
    let source = Source::load(&dir).expect("loads");
    let read = |name: &str| std::fs::read_to_string(out.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(read("index.html"), source.index_page(None, IndexFormat::Html).expect("index"));
    let last_page = source.summary_page(None, 2, IndexFormat::Markdown).expect("page").expect("a second page");
    assert_eq!(read("report-2.md"), last_page);
    assert!(read("index-1.html").matches("<tr>").count() > 1000, "the first page holds its 1,000 rows");
    let json: serde_json::Value = serde_json::from_str(&read("summary.json")).expect("summary.json is JSON");
    assert_eq!(json["elections"].as_array().map(Vec::len), Some(1010));
    assert_eq!(json["totals"]["elections"], 1010);
    assert_eq!(read("summary.csv").lines().count(), 1011);
    assert!(!out.join("summary.json.part").exists(), "the part file is removed");
}
