//! The verdicts of the bundled datasets that rest on uncertain figures (every election's status
//! is checked end to end in `tests/e2e/recompute.rs`).

use std::path::Path;

use maslihat_apportion::{Tally, allocate};
use maslihat_model::Dataset;
use maslihat_report::Status::Consistent;
use maslihat_report::{Assessment, assess};

fn dataset() -> Dataset {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../datasets");
    maslihat_ingest::load(&dir).expect("the bundled datasets load").dataset
}

fn assessment(dataset: &Dataset, id: &str) -> Assessment {
    let election = dataset.elections.iter().find(|e| e.id.to_string() == id).expect("the election exists");
    assess(dataset, election, &election.recompute())
}

#[test]
fn a_determined_match_carries_votes_the_core_turns_into_the_published_seats() {
    let dataset = dataset();
    for id in ["aktobe-region-2021", "almaty-city-2021", "astana-city-2021", "east-kazakhstan-region-2021"] {
        let a = assessment(&dataset, id);
        let set = a.outcomes.as_ref().expect("an outcome set");
        assert!(set.determined(), "{id}: one outcome");
        let outcome = &set.outcomes[0];
        let published = a.published.as_ref().expect("published seats");
        assert_eq!(&outcome.seats, published, "{id}");
        let tally = Tally::new(outcome.example_votes.clone()).with_against_all(outcome.against_all);
        let election = dataset.elections.iter().find(|e| e.id.to_string() == id).unwrap();
        let seats: Vec<u32> = allocate(&tally, a.house.unwrap(), &election.rules()).unwrap().seats();
        assert_eq!(&seats, published, "{id}: the example votes give the published seats");
    }
}

#[test]
fn karaganda_2021_has_a_seats_only_verdict_with_each_lists_share_interval() {
    let dataset = dataset();
    let a = assessment(&dataset, "karaganda-region-2021");
    assert_eq!(a.status, Consistent);
    assert_eq!(a.published.as_deref(), Some(&[29, 3, 3, 3, 0][..]));
    assert_eq!(a.implied.len(), a.parties.len(), "an interval for every list");
    let nur_otan = a.parties.iter().position(|p| p.to_string() == "nur-otan").unwrap();
    let of_participants = a.implied[nur_otan].of_participants.as_ref().expect("Nur Otan passed");
    // 29 of 38 Hare seats: at least 28.5 quotas-ish; the exact bounds lie around 74 % and 78 %.
    let percent = |r: &maslihat_apportion::Ratio| r.num() as f64 * 100.0 / r.den() as f64;
    let (low, high) = (percent(&of_participants.low.value), percent(&of_participants.high.value));
    assert!((74.0..75.0).contains(&low), "low {low}");
    assert!((78.0..79.0).contains(&high), "high {high}");
    // Three lists of three seats each: each between 3 - 1 and 3 + 1 quotas of 38.
    for party in ["ak-zhol", "auyl", "peoples-party"] {
        let i = a.parties.iter().position(|p| p.to_string() == party).unwrap();
        let share = a.implied[i].of_participants.as_ref().expect("passed");
        assert!(percent(&share.low.value) >= 200.0 / 38.0 - 1e-9, "{party}");
        assert!(percent(&share.high.value) <= 400.0 / 38.0 + 1e-9, "{party}");
    }
}
