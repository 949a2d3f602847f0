//! Unit tests of the model: dates, printed numbers, compositions, the infobox.

use crate::body::{HouseType, Maslihat};
use crate::composition::Composition;
use crate::date::Date;
use crate::election::Affiliation;
use crate::figure::Decimal;
use crate::infobox::Infobox;
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

const KARAGANDA: &str = "'''Karaganda Regional Mäslihat''' is ...
{{Infobox legislature
| name               = Karaganda Regional Mäslihat
| native_name        = Қарағанды облыстық мәслихаты
| native_name_lang   = kk
| coa_pic            = Coat of Arms of Karagandy Province.svg
| house_type         = Unicameral
| foundation         = {{Start date|1993|12|10}}
| members            = 38
| leader1_type       = Secretary
| leader1            = Serık Öteşov
| leader1_term       = since 15 January 2021
| party1             = [[Nur Otan]]
| political_groups1  = '''Majority (29)'''
* {{Color box|#1E90FF|border=darkgray}} [[Nur Otan]] (29)
'''Opposition (9)'''
* {{Color box|#FFD700|border=darkgray}} [[Ak Zhol Democratic Party|Ak Zhol]] (3)
* {{Color box|#008000|border=darkgray}} [[Auyl People's Democratic Patriotic Party|Auyl]] (3)
* {{Color box|#FF0000|border=darkgray}} [[People's Party of Kazakhstan|People's Party]] (3)
| term_length        = 5 years
| last_election1     = 10 January 2021
| next_election1     = 2026
| voting_system1     = [[Party-list proportional representation]]<br>[[Largest remainder method]]
| structure1         = Karaganda Regional Mäslihat 2021.svg
}}
The '''Karaganda Regional Mäslihat''' ...";

#[test]
fn infobox_reads_the_reference_fields() {
    let infobox = Infobox::read(KARAGANDA).unwrap();
    assert_eq!(infobox.name.as_deref(), Some("Karaganda Regional Mäslihat"));
    assert_eq!(infobox.native_name.as_deref(), Some("Қарағанды облыстық мәслихаты"));
    assert_eq!(infobox.house_type, Some(HouseType::Unicameral));
    assert_eq!(infobox.foundation, Date::ymd(1993, 12, 10));
    assert_eq!(infobox.members, Some(38));
    assert_eq!(infobox.leader.as_ref().map(|l| l.text.as_str()), Some("Serık Öteşov"));
    assert_eq!(infobox.leader_party.as_ref().and_then(|l| l.target.as_deref()), Some("Nur Otan"));
    assert_eq!(infobox.last_election, Date::ymd(2021, 1, 10));
    assert_eq!(infobox.next_election, Date::y(2026));
    let groups: Vec<(String, Option<u32>, usize)> =
        infobox.groups.iter().map(|g| (g.label.clone(), g.seats, g.entries.len())).collect();
    assert_eq!(groups, [("Majority".into(), Some(29), 1), ("Opposition".into(), Some(9), 3)]);
    let ak_zhol = &infobox.groups[1].entries[0];
    assert_eq!((ak_zhol.party.text.as_str(), ak_zhol.seats), ("Ak Zhol", 3));
    assert_eq!(ak_zhol.colour.map(|c| c.to_string()).as_deref(), Some("#FFD700"));
    let other: Vec<&str> = infobox.other.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(other, ["native_name_lang", "coa_pic", "leader1_term", "term_length"]);
}

#[test]
fn infobox_round_trip() {
    let read = Infobox::read(KARAGANDA).unwrap();
    let written = read.write();
    assert_eq!(Infobox::read(&written).unwrap(), read);
    // From a model-made composition too, with no majority and vacant seats.
    let mut infobox = read.clone();
    let composition = Composition::new(36, seats(&[("a", 10), ("b", 8), ("self", 2)]));
    let entry = |who: &Affiliation| match who {
        Affiliation::Party(p) => (crate::infobox::Link { text: p.0.to_uppercase(), target: Some(p.0.clone()) }, None),
        Affiliation::SelfNominated => (crate::infobox::Link::plain("Self-nominated"), "#9E9E9E".parse().ok()),
    };
    infobox.set_composition(&composition, &entry);
    assert_eq!(infobox.members, Some(36));
    let written = infobox.write();
    assert!(written.contains("'''No majority group (20)'''\n* [[a|A]] (10)\n* [[b|B]] (8)\n* {{Color box|#9E9E9E|border=darkgray}} Self-nominated (2)\n'''Vacant or unknown (16)'''"), "{written}");
    assert_eq!(Infobox::read(&written).unwrap(), infobox);
}

fn check_infobox_error(text: &str, expected: &str) {
    assert_eq!(Infobox::read(text).map(|_| ()).unwrap_err().to_string(), expected);
}

#[test]
fn infobox_errors() {
    check_infobox_error("no template here", "no {{Infobox legislature}} template found");
    check_infobox_error("{{Infobox legislature | name = X", "the infobox template is not closed with }}");
    check_infobox_error(
        "{{Infobox legislature | members = thirty }}",
        r#"infobox field members: expected a whole number of seats, found "thirty""#,
    );
    check_infobox_error("{{Infobox legislature | name = A | name = B }}", "infobox field name is given twice");
    check_infobox_error(
        "{{Infobox legislature | political_groups1 = '''Majority (29)'''\n* [[Nur Otan]] twenty-nine }}",
        r#"political_groups1 line 2: expected a party followed by its seats, as (3), found "* [[Nur Otan]] twenty-nine""#,
    );
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
        secretaries: vec![],
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
