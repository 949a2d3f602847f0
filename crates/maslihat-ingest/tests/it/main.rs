//! Integration tests of the loader: the real `datasets/`, its recomputation, the infobox of a
//! real body, and one broken fixture per error kind (messages snapshot-tested).

mod positions;
mod wikitext;

use std::path::{Path, PathBuf};

use maslihat_ingest::{ErrorKind, Loaded, MAX_FILE_BYTES, load, read_infobox};
use maslihat_model::body::HeadTitle;
use maslihat_model::election::{Caveat, VoteStatus};
use maslihat_model::{Affiliation, BodyId, Composition, Date, PartyId, Verdict};
use maslihat_render::infobox;

fn datasets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../datasets")
}

fn real() -> Loaded {
    load(&datasets()).unwrap_or_else(|errors| panic!("datasets/ must load:\n{errors}"))
}

/// Messages with the folder's path replaced by `name`, one a line.
fn relative(messages: impl IntoIterator<Item = String>, dir: &Path, name: &str) -> String {
    let prefix = dir.display().to_string();
    messages.into_iter().map(|m| m.replace(&prefix, name)).collect::<Vec<_>>().join("\n")
}

#[test]
fn real_dataset_has_every_body_and_election() {
    let loaded = real();
    let dataset = &loaded.dataset;
    let in_year = |year: u16| {
        let mut bodies: Vec<&BodyId> =
            dataset.elections.iter().filter(|e| e.date.year() == year).map(|e| &e.body).collect();
        bodies.dedup();
        bodies.len()
    };
    assert_eq!(in_year(2021), 17);
    assert_eq!(in_year(2023), 20);
    assert_eq!(dataset.bodies.len(), 20);
    let complete: Vec<&str> =
        dataset.elections.iter().filter(|e| e.vote_status() == VoteStatus::Complete).map(|e| e.id.0.as_str()).collect();
    assert_eq!(
        complete,
        [
            "akmola-region-2021",
            "shymkent-city-2021",
            "almaty-city-2023",
            "astana-city-2023",
            "karaganda-region-2023",
            "kostanay-region-2023"
        ]
    );
    insta::assert_snapshot!(
        "real-warnings",
        relative(loaded.warnings.iter().map(|w| w.to_string()), &datasets(), "datasets")
    );
}

#[test]
fn karaganda() {
    let loaded = real();
    let dataset = &loaded.dataset;
    for query in ["Karaganda", "karag", "Қарағанды", "karaganda-region", "Karaganda Regional Maslihat"] {
        assert_eq!(dataset.find_body(query).map(|b| b.id.0.as_str()), Ok("karaganda-region"), "{query}");
    }
    assert!(dataset.find_body("almaty").is_err(), "Almaty city and region are both found");
    assert_eq!(dataset.find_body("nur-sultan").map(|b| b.id.0.as_str()), Ok("astana-city"));
    let body = dataset.find_body("karaganda").unwrap();
    assert_eq!(body.native_name.as_deref(), Some("Қарағанды облыстық мәслихаты"));
    assert_eq!(body.founded, Date::ymd(1993, 12, 10));
    assert_eq!(body.term_years, 5);
    let first = &body.convocations[0];
    assert_eq!((first.number, first.elected, first.seats), (Some(1), Date::ymd(1994, 3, 7), Some(45)));
    let first_head = &body.heads[0];
    assert_eq!((first_head.name.as_str(), first_head.elected), ("Serık Ağibaev", Date::ymd(1994, 3, 30)));
    assert_eq!(first_head.title, HeadTitle::Secretary);
    let changes: Vec<String> = body.changes.iter().map(|c| format!("{} {} {}", c.date, c.kind, c.region)).collect();
    assert_eq!(
        changes,
        [
            "1997-05 merged-in Zhezkazgan Region",
            "1997-06-19 members-joined Zhezkazgan Region",
            "2022-06-08 split-off Ulytau Region"
        ]
    );

    let e2021 = dataset.election_in(&body.id, 2021).unwrap();
    assert_eq!(dataset.find_election("karaganda-region-2021").map(|e| &e.id), Ok(&e2021.id));
    assert_eq!(dataset.find_election("Қарағанды").map(|e| e.id.0.as_str()), Ok("karaganda-region-2023"));
    assert!(dataset.find_election("Karaganda 2019").is_err());
    assert_eq!(e2021.seats(), Some(38));
    assert_eq!(e2021.registered_voters.value(), Some(&920_400));
    let turnout: Vec<String> = e2021.turnout_printed.0.iter().map(|t| t.value.to_string()).collect();
    assert_eq!(turnout, ["71", "70.7"]);
    let composition = dataset.composition(e2021).unwrap();
    assert_eq!(
        dataset.describe(e2021, &composition),
        "Majority (29): Nur Otan (29); Opposition (9): Ak Zhol (3), Auyl (3), People's Party (3)"
    );
    // The groups the reference work gives agree with those computed from the seats.
    let groups = &body.convocations.iter().find(|c| c.number == Some(7)).unwrap().groups;
    let computed = composition.groups();
    assert_eq!(groups[0].seats, computed.majority.as_ref().map(|(_, n)| *n));
    assert_eq!(groups[0].parties, [PartyId("nur-otan".into())]);
    assert_eq!(groups[1].seats, Some(computed.opposition.iter().map(|(_, n)| n).sum()));
    let head_2021 = dataset.head_after(body, e2021).unwrap();
    assert_eq!((head_2021.title, head_2021.name.as_str()), (HeadTitle::Secretary, "Serık Öteşov"));

    let e2023 = dataset.election_in(&body.id, 2023).unwrap();
    assert_eq!((e2023.seats(), e2023.house()), (Some(36), Ok(18)));
    let head_2023 = dataset.head_after(body, e2023).unwrap();
    assert_eq!((head_2023.title, head_2023.name.as_str()), (HeadTitle::Chair, "Nurken Kobzhanov"));
    assert_eq!(body.head_on(None).map(|h| h.name.as_str()), Some("Nurken Kobzhanov"));
    assert_eq!(dataset.label(&Affiliation::Party(PartyId("nur-otan".into())), Some(2023)), "Amanat");
    let recomputation = e2023.recompute().unwrap();
    let seats: Vec<String> = recomputation
        .recount
        .parties
        .iter()
        .zip(recomputation.allocation.seats())
        .map(|(p, n)| format!("{} {n}", dataset.label(&Affiliation::Party(p.clone()), Some(2023))))
        .collect();
    assert_eq!(seats, ["Amanat 10", "Auyl 2", "Ak Zhol 2", "People's Party 2", "Baytaq 1", "Respublica 1"]);
    assert_eq!(recomputation.verdict, Verdict::NotPublished);
    assert_eq!(recomputation.recount.caveats, [Caveat::RegistrationOrderUnknown]);
    assert!(Composition::of_election(e2023).is_err(), "district seats are not known");
    assert_eq!(dataset.next_election(body), Date::y(2028));
}

#[test]
fn every_complete_election_recomputes_to_its_published_seats() {
    let loaded = real();
    let mut report = Vec::new();
    for election in loaded.dataset.elections.iter().filter(|e| e.vote_status() == VoteStatus::Complete) {
        let recomputation = election.recompute().unwrap_or_else(|e| panic!("{}: {e}", election.id));
        let verdict = match &recomputation.verdict {
            Verdict::Differs { documented: true, .. } | Verdict::Matches | Verdict::NotPublished => {
                format!("{:?}", recomputation.verdict)
            }
            other => panic!("{}: {other:?}", election.id),
        };
        let caveats: Vec<String> = recomputation.recount.caveats.iter().map(|c| c.to_string()).collect();
        report.push(format!(
            "{} {:?} {verdict}; {}",
            election.id,
            recomputation.allocation.seats(),
            caveats.join("; ")
        ));
    }
    insta::assert_snapshot!("recomputation", report.join("\n"));
    let kostanay = loaded.dataset.elections.iter().find(|e| e.id.0 == "kostanay-region-2023").unwrap();
    let caveats = kostanay.recompute().unwrap().recount.caveats;
    assert!(caveats.contains(&Caveat::AgainstAllUnknown { holds_up_to: Some(92_188) }), "{caveats:?}");
}

#[test]
fn infobox_of_a_real_body_round_trips() {
    let loaded = real();
    let dataset = &loaded.dataset;
    let body = dataset.find_body("Karaganda").unwrap();
    let infobox = infobox::of(dataset, body, dataset.election_in(&body.id, 2021));
    let text = infobox::write(&infobox);
    insta::assert_snapshot!("karaganda-2021-infobox", text);
    let read = read_infobox(&text).unwrap();
    assert_eq!(read, infobox);
    // Its groups name the parties the dataset knows, and give back the composition.
    let e2021 = dataset.find_election("Karaganda 2021").unwrap();
    assert_eq!(read.composition(&|name| dataset.resolve_party(name)), Ok(dataset.composition(e2021).unwrap()));
    // The latest election's composition is not known (district seats), so no groups are written.
    let latest = infobox::of(dataset, body, None);
    assert_eq!((latest.members, latest.groups.len(), latest.next_election), (Some(36), 0, Date::y(2028)));
    assert_eq!(read_infobox(&infobox::write(&latest)).unwrap(), latest);
}

/// Copies `from` into `to`, recursively.
fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else if entry.file_name() != "DELETE" {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The base fixture with the case's files laid over it (and those its `DELETE` lists removed).
fn fixture(case: &str) -> PathBuf {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fixtures").join(case);
    let _ = std::fs::remove_dir_all(&dir);
    copy(&fixtures.join("base"), &dir);
    if let Ok(list) = std::fs::read_to_string(fixtures.join(case).join("DELETE")) {
        for name in list.lines().filter(|l| !l.is_empty()) {
            std::fs::remove_file(dir.join(name)).unwrap();
        }
    }
    copy(&fixtures.join(case), &dir);
    dir
}

#[test]
fn base_fixture_loads() {
    let dir = fixture("base");
    let loaded = load(&dir).unwrap_or_else(|e| panic!("{e}"));
    let warnings = relative(loaded.warnings.iter().map(|w| w.to_string()), &dir, "base");
    assert_eq!(
        warnings,
        "base/elections.csv:3: test-region-2023: cannot recompute the list seats: it is not known whether the data \
         names every list on the ballot"
    );
    let election = &loaded.dataset.elections[0];
    assert_eq!(election.recompute().unwrap().verdict, Verdict::Matches);
}

#[test]
fn every_error_kind_has_a_fixture() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut cases: Vec<String> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "base")
        .collect();
    cases.sort();
    let mut shown: Vec<&'static str> = Vec::new();
    for case in cases {
        let dir = fixture(&case);
        let errors = match load(&dir) {
            Ok(_) => panic!("{case}: the fixture loads"),
            Err(errors) => errors,
        };
        shown.extend(errors.0.iter().map(|e| e.kind.name()));
        let text = relative(errors.0.iter().map(|e| e.to_string()), &dir, &case);
        insta::assert_snapshot!(format!("fixture-{case}"), text);
    }
    // A file over the size limit, made sparse (no disk used, nothing read).
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("file-too-large");
    let _ = std::fs::remove_dir_all(&dir);
    copy(&fixtures.join("base"), &dir);
    std::fs::File::options().write(true).open(dir.join("results.csv")).unwrap().set_len(MAX_FILE_BYTES + 1).unwrap();
    let errors = load(&dir).map(|_| ()).unwrap_err();
    let text = relative(errors.0.iter().map(|e| e.to_string()), &dir, "file-too-large");
    assert_eq!(
        text,
        "file-too-large/results.csv: the file is larger than 268435456 bytes, the most a dataset file may hold"
    );
    shown.extend(errors.0.iter().map(|e| e.kind.name()));
    // `ErrorKind::NAMES` is made from the enum's own definition: a new kind fails here until a
    // fixture shows it.
    let missing: Vec<&str> = ErrorKind::NAMES.iter().copied().filter(|name| !shown.contains(name)).collect();
    assert!(missing.is_empty(), "error kinds without a fixture: {missing:?}");
}

/// A source that is not a public page must be a note kept in the dataset folder.
#[test]
fn a_source_note_must_exist_in_the_folder() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("source-note");
    let _ = std::fs::remove_dir_all(&dir);
    copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base"), &dir);
    let sources = dir.join("sources.csv");
    let text = std::fs::read_to_string(&sources).unwrap();
    std::fs::write(&sources, text.replace("https://example.org/notes", "notes/absent.md")).unwrap();
    let errors = load(&dir).map(|_| ()).unwrap_err();
    let text = relative(errors.0.iter().map(|e| e.to_string()), &dir, "source-note");
    assert_eq!(text, "source-note/sources.csv:2:2: file is missing");
    std::fs::create_dir_all(dir.join("notes")).unwrap();
    std::fs::write(dir.join("notes/absent.md"), "a note").unwrap();
    assert!(load(&dir).is_ok());
}

/// Fewer lists known than the sources say were on the ballot: a warning, not an error, unless
/// `lists_complete = yes` (the fixture `complete-with-fewer-lists`).
#[test]
fn fewer_lists_than_on_the_ballot_warns() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fewer-lists");
    let _ = std::fs::remove_dir_all(&dir);
    copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base"), &dir);
    let figures = dir.join("election_figures.csv");
    let text = std::fs::read_to_string(&figures).unwrap();
    std::fs::write(&figures, text.replace("test-region-2023,src-b,36,18,18,,", "test-region-2023,src-b,36,18,18,6,"))
        .unwrap();
    let loaded = load(&dir).unwrap_or_else(|e| panic!("{e}"));
    let warnings = relative(loaded.warnings.iter().map(|w| w.to_string()), &dir, "fewer-lists");
    assert!(
        warnings.contains(
            "fewer-lists/election_figures.csv:3:6: test-region-2023: 1 lists are known of the 6 on the ballot"
        ),
        "{warnings}"
    );
    let e2023 = &loaded.dataset.elections[1];
    let list = e2023.lists().next().unwrap();
    assert_eq!((list.ballot_order.value(), list.on_ballot.len()), (Some(&1), 1));
    assert_eq!(list.registration.value(), None, "a ballot position is not a registration number");
}

/// The real data: ballot order and registration order are separate fields; the lists on the
/// ballot and the heads are as the sources give them.
#[test]
fn ballot_order_lists_on_ballot_and_heads() {
    let loaded = real();
    let dataset = &loaded.dataset;
    let election = |id: &str| dataset.find_election(id).unwrap();
    let order = |id: &str, figure: fn(&maslihat_model::election::PartyResult) -> Option<u32>| -> Vec<(String, u32)> {
        let mut lists: Vec<(String, u32)> =
            election(id).lists().filter_map(|r| Some((r.party()?.0.clone(), figure(r)?))).collect();
        lists.sort_by_key(|(_, n)| *n);
        lists
    };
    let names = |lists: Vec<(String, u32)>| lists.into_iter().map(|(p, _)| p).collect::<Vec<_>>();
    let aktobe = "aktobe-region-2021";
    assert_eq!(names(order(aktobe, |r| r.registration.value().copied())), ["nur-otan", "adal", "ak-zhol", "auyl"]);
    assert_eq!(names(order(aktobe, |r| r.ballot_order.value().copied())), ["nur-otan", "auyl", "ak-zhol", "adal"]);
    let nur_sultan = election("astana-city-2021");
    assert_eq!((nur_sultan.lists().count(), nur_sultan.lists_on_ballot.value()), (5, Some(&5)));
    assert_eq!(
        names(order("astana-city-2021", |r| r.ballot_order.value().copied())),
        ["peoples-party", "nur-otan", "auyl", "ak-zhol", "adal"]
    );
    assert!(nur_sultan.result(&PartyId("adal".into())).unwrap().votes.is_unknown());
    assert_eq!(election("karaganda-region-2023").lists_on_ballot.value(), Some(&6));
    assert_eq!(election("aktobe-region-2021").lists_on_ballot.value(), Some(&4));
    let pavlodar = dataset.election_in(&BodyId("pavlodar-region".into()), 2023).unwrap();
    assert_eq!((pavlodar.seats(), pavlodar.house()), (Some(32), Ok(16)));
    let east = dataset.election_in(&BodyId("east-kazakhstan-region".into()), 2023).unwrap();
    assert_eq!(east.seats(), Some(32));

    let karaganda = dataset.find_body("karaganda").unwrap();
    let split = karaganda.changes.last().unwrap();
    assert_eq!((split.members_after, split.members_moved), (Some(26), Some(12)));
    let ulytau = dataset.find_body("ulytau").unwrap();
    assert_eq!(ulytau.changes[0].members_after, Some(12));
    assert_eq!(ulytau.changes[0].parties_moved, [PartyId("nur-otan".into()), PartyId("peoples-party".into())]);
    for (body, chair) in [
        ("karaganda", "Nurken Kobzhanov"),
        ("pavlodar", "Ilya Terenchenko"),
        ("east kazakhstan", "Denis Rypakov"),
        ("jambyl", "Abdaly Nuraliev"),
        ("akmola", "Beibit Jüsipov"),
    ] {
        let body = dataset.find_body(body).unwrap();
        let latest = dataset.last_election(&body.id).unwrap();
        let head = dataset.head_after(body, latest).unwrap();
        assert_eq!((head.title, head.name.as_str()), (HeadTitle::Chair, chair), "{}", body.id);
        let e2021 = dataset.election_in(&body.id, 2021).unwrap();
        assert!(dataset.head_after(body, e2021).is_none_or(|h| h.title == HeadTitle::Secretary), "{}", body.id);
    }
}
