//! Unit tests of the model: dates, printed numbers, compositions, names.

use crate::body::{HouseType, Maslihat};
use crate::composition::Composition;
use crate::date::Date;
use crate::election::Affiliation;
use crate::figure::Decimal;
use crate::{BodyId, PartyId};

fn check_date(input: &str, expected: &str) {
    let got = match input.parse::<Date>() {
        Ok(date) => format!("{date} {:?}", date.precision()),
        Err(e) => e.to_string(),
    };
    assert_eq!(got, expected, "{input}");
}

#[test]
fn dates() {
    check_date("2021-01-10", "2021-01-10 Day");
    check_date("1997-05", "1997-05 Month");
    check_date("2026", "2026 Year");
    check_date("2024-02-29", "2024-02-29 Day");
    check_date(
        "2023-02-29",
        r#"expected a date as YYYY-MM-DD, YYYY-MM or YYYY, found "2023-02-29" (no such day in that month)"#,
    );
    check_date(
        "2021-13",
        r#"expected a date as YYYY-MM-DD, YYYY-MM or YYYY, found "2021-13" (months run from 01 to 12)"#,
    );
    check_date("10.01.2021", r#"expected a date as YYYY-MM-DD, YYYY-MM or YYYY, found "10.01.2021""#);
    check_date("2021-1-10", r#"expected a date as YYYY-MM-DD, YYYY-MM or YYYY, found "2021-1-10""#);
    check_date("0000", r#"expected a date as YYYY-MM-DD, YYYY-MM or YYYY, found "0000" (there is no year 0)"#);
    check_date("", r#"expected a date as YYYY-MM-DD, YYYY-MM or YYYY, found """#);
    assert_eq!(Date::parse_long("10 January 2021"), "2021-01-10".parse());
    assert_eq!(Date::ymd(2021, 1, 10).map(Date::long).as_deref(), Some("10 January 2021"));
    assert_eq!(Date::ymd(2024, 2, 29).and_then(|d| d.add_years(5)), Date::ymd(2029, 2, 28));
}

/// fuzz `infobox`: `{{Start date|0990}}` read as the year 990, written by `long` as `990`,
/// did not read back (a year alone had to be four digits wide).
#[test]
fn fuzz_infobox_short_year_reads_back_from_long() {
    let dates =
        [Date::y(990), Date::y(7), Date::ym(990, 3), Date::ymd(12, 2, 29), Date::y(2026), Date::ymd(2021, 1, 10)];
    for date in dates.into_iter().map(Option::unwrap) {
        assert_eq!(Date::parse_long(&date.long()), Ok(date), "{}", date.long());
    }
    assert_eq!(Date::parse_long("990"), Ok(Date::y(990).unwrap()));
    assert!(Date::parse_long("0").is_err(), "there is no year 0");
    assert!(Date::parse_long("99999").is_err());
}

fn check_percent(printed: &str, votes: u128, base: u128, agrees: bool) {
    let decimal: Decimal = printed.parse().unwrap();
    assert_eq!(decimal.to_string(), printed, "printed form is kept");
    assert_eq!(decimal.is_percent_of(votes, base), agrees, "{printed} of {votes}/{base}");
}

#[test]
fn printed_percentages() {
    check_percent("75", 275_414, 363_721, false); // 75.72
    check_percent("75.72", 275_414, 363_721, true);
    check_percent("51.67", 231_843, 448_741, true); // 51.665: within half a unit
    check_percent("51.64", 231_843, 448_741, false);
    check_percent("9.60", 31_876, 332_206, true);
    check_percent("0.5", 1, 200, true); // 0.5 exactly
    check_percent("0.4", 9, 2000, true); // 0.45 is halfway: agrees with 0.4 and with 0.5
    check_percent("0.5", 9, 2000, true);
    check_percent("0.4", 9001, 2_000_000, false); // 0.45005
    let p = |s: &str| s.parse::<Decimal>().unwrap();
    assert!(p("30.3").agrees_with(p("30.25")));
    assert!(!p("45.1").agrees_with(p("44.86")));
    for bad in ["12,5", "1e3", "-1", ".5", "5.", "", "1.2.3"] {
        assert!(bad.parse::<Decimal>().is_err(), "{bad}");
    }
}

fn seats(pairs: &[(&str, u32)]) -> Vec<(Affiliation, u32)> {
    pairs
        .iter()
        .map(|(p, n)| {
            (if *p == "self" { Affiliation::SelfNominated } else { Affiliation::Party(PartyId((*p).into())) }, *n)
        })
        .collect()
}

fn check_groups(size: u32, pairs: &[(&str, u32)], expected: &str) {
    let composition = Composition::new(size, seats(pairs));
    let name = |who: &Affiliation| match who {
        Affiliation::Party(p) => p.0.clone(),
        Affiliation::SelfNominated => "Self-nominated".into(),
    };
    assert_eq!(composition.describe(&name), expected);
}

#[test]
fn groups() {
    check_groups(
        38,
        &[("Ak Zhol", 3), ("Nur Otan", 29), ("Auyl", 3), ("People's Party", 3)],
        "Majority (29): Nur Otan (29); Opposition (9): Ak Zhol (3), Auyl (3), People's Party (3)",
    );
    check_groups(20, &[("A", 10), ("B", 6), ("C", 4)], "No majority group (20 seats): A (10), B (6), C (4)");
    check_groups(21, &[("A", 11), ("B", 10)], "Majority (11): A (11); Opposition (10): B (10)");
    check_groups(10, &[("A", 10)], "Majority (10): A (10)");
    check_groups(
        36,
        &[("A", 10), ("self", 12), ("B", 2)],
        "No majority group (36 seats): Self-nominated (12), A (10), B (2); Vacant or unknown (12)",
    );
    check_groups(5, &[("self", 3), ("A", 2)], "No majority group (5 seats): Self-nominated (3), A (2)");
}

#[test]
fn names_match_by_prefix_in_both_scripts() {
    let body = Maslihat {
        id: BodyId("karaganda-region".into()),
        name: "Karaganda Regional Mäslihat".into(),
        native_name: Some("Қарағанды облыстық мәслихаты".into()),
        level: crate::body::Level::Region,
        house_type: HouseType::Unicameral,
        meets_in: None,
        founded: None,
        term_years: 5,
        note: None,
        provenance: vec![],
        names: vec![],
        convocations: vec![],
        heads: vec![],
        changes: vec![],
    };
    for query in [
        "karaganda",
        "KARAG",
        "Karaganda Regional Maslihat",
        "karaganda-region",
        "Қарағанды",
        "қарағанды облыстық",
        " karaganda ",
    ] {
        assert!(body.matches(query), "{query}");
    }
    for query in ["", "regional", "almaty", "Караганда"] {
        assert!(!body.matches(query), "{query}");
    }
    assert_eq!(body.next_election_after(Date::ymd(2023, 3, 19).unwrap()), Date::y(2028));
}

#[test]
fn colours_print_as_the_formatter_would_and_read_back() {
    use crate::party::Colour;
    for r in 0..=255u8 {
        for g in (0..=255u8).step_by(15) {
            let b = r ^ g ^ 0x5A;
            let colour = Colour([r, g, b]);
            let printed = colour.to_string();
            assert_eq!(printed, format!("#{r:02X}{g:02X}{b:02X}"));
            assert_eq!(printed.parse::<Colour>(), Ok(colour));
        }
    }
}

#[test]
fn look_ups_by_id_agree_with_a_scan_also_after_the_lists_change() {
    use crate::Dataset;
    use crate::figure::Source;
    use crate::id::SourceId;
    let source = |id: &str| Source {
        id: SourceId::from(id),
        url: format!("https://example.org/{id}"),
        publisher: id.to_uppercase(),
        description: String::new(),
    };
    let scan = |dataset: &Dataset, id: &str| dataset.sources.iter().find(|s| &*s.id.0 == id).cloned();
    let ids = ["a", "b", "c", "d", "e"];
    let mut dataset = Dataset::new(ids.iter().map(|id| source(id)).collect(), Vec::new(), Vec::new(), Vec::new());
    let check = |dataset: &Dataset| {
        for id in ["a", "b", "c", "d", "e", "f", "z"] {
            assert_eq!(dataset.source(&SourceId::from(id)).cloned(), scan(dataset, id), "{id}");
        }
    };
    check(&dataset);
    // The map is built now; the lists change under it.
    dataset.sources.remove(1);
    check(&dataset);
    dataset.sources.push(source("f"));
    dataset.sources.reverse();
    check(&dataset);
    dataset.sources[0].id = SourceId::from("z");
    check(&dataset);
    let copy = dataset.clone();
    assert_eq!(copy, dataset);
    assert_eq!(Dataset::new(copy.sources.clone(), Vec::new(), Vec::new(), Vec::new()), dataset);
}

#[test]
fn decimals_read_as_their_digits_joined_would_parse() {
    // The reading before digits were accumulated: both parts joined, then parsed.
    let joined = |text: &str| -> Option<Decimal> {
        let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
        let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(frac) || (text.contains('.') && frac.is_empty()) {
            return None;
        }
        let scale = u8::try_from(frac.len()).ok().filter(|s| *s <= Decimal::MAX_SCALE)?;
        Decimal::new(format!("{whole}{frac}").parse::<u64>().ok()?, scale)
    };
    let texts = [
        "0",
        "7",
        "007",
        "30.25",
        "0.005",
        "100.0",
        "18446744073709551615",
        "18446744073709551616",
        "1844674407370955161.5",
        "1844674407370955161.6",
        "00018446744073709551615",
        "99999999999999999999",
        "1.234567890123",
        "1.2345678901234",
        "12.",
        ".5",
        "1.2.3",
        "",
        "a",
        "1a",
        "-1",
        "1 ",
    ];
    for text in texts {
        assert_eq!(text.parse::<Decimal>().ok(), joined(text), "{text}");
    }
}
