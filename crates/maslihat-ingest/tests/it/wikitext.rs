//! The infobox: read from a reference work's wikitext, written back with a new composition,
//! and the reader's errors.

use maslihat_ingest::read_infobox;
use maslihat_model::body::HouseType;
use maslihat_model::infobox::Link;
use maslihat_model::{Affiliation, Composition, Date, PartyId};
use maslihat_render::infobox::{set_composition, write};

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
    let infobox = read_infobox(KARAGANDA).unwrap();
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
    let read = read_infobox(KARAGANDA).unwrap();
    let written = write(&read);
    assert_eq!(read_infobox(&written).unwrap(), read);
    // From a model-made composition too, with no majority and vacant seats.
    let mut infobox = read.clone();
    let composition = Composition::new(36, seats(&[("a", 10), ("b", 8), ("self", 2)]));
    let entry = |who: &Affiliation| match who {
        Affiliation::Party(p) => (Link { text: p.0.to_uppercase(), target: Some(p.0.clone()) }, None),
        Affiliation::SelfNominated => (Link::plain("Self-nominated"), "#9E9E9E".parse().ok()),
    };
    set_composition(&mut infobox, &composition, &entry);
    assert_eq!(infobox.members, Some(36));
    let written = write(&infobox);
    assert!(written.contains("'''No majority group (20)'''\n* [[a|A]] (10)\n* [[b|B]] (8)\n* {{Color box|#9E9E9E|border=darkgray}} Self-nominated (2)\n'''Vacant or unknown (16)'''"), "{written}");
    assert_eq!(read_infobox(&written).unwrap(), infobox);
}

fn check_infobox_error(text: &str, expected: &str) {
    assert_eq!(read_infobox(text).map(|_| ()).unwrap_err().to_string(), expected);
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

fn seats(pairs: &[(&str, u32)]) -> Vec<(Affiliation, u32)> {
    pairs
        .iter()
        .map(|(p, n)| {
            (if *p == "self" { Affiliation::SelfNominated } else { Affiliation::Party(PartyId((*p).into())) }, *n)
        })
        .collect()
}

/// fuzz `infobox`: a name with `/>` was written as `/&gt;` and read back as that; the reader
/// now decodes the character references the writer makes, and reads line breaks as spaces.
#[test]
fn fuzz_infobox_escaped_name_reads_back_the_same() {
    let infobox = read_infobox("{{Infobox legislature\n| name = /> members = 5 [x] {a} &amp; b | c\n}}");
    let infobox = infobox.unwrap();
    let written = write(&infobox);
    assert!(written.contains("/&gt; members"), "{written}");
    assert_eq!(read_infobox(&written).unwrap(), infobox);
    let decoded = read_infobox("{{Infobox legislature\n| name = a &#124; b &#x7C; c &lt;&bogus; &\n}}").unwrap();
    assert_eq!(decoded.name.as_deref(), Some("a | b | c <&bogus; &"));
}

/// fuzz `infobox`: an unclosed `[[` swallowed the fields after it, and written back those
/// fields came out of it; it is now an error.
#[test]
fn fuzz_infobox_unclosed_link_is_an_error() {
    let text = "{{Infobox legislature\n| voting_system1 = [[Largest remainder\n| last_election1 = 10 January 2021\n}}";
    check_infobox_error(text, "a [[link]] in the infobox is not closed with ]]");
}

/// fuzz `infobox`: a part with an empty name (`| = embers = 4`) was written as `| embers = 4`
/// and read back as the field `embers`.
#[test]
fn fuzz_infobox_empty_field_name_reads_back_the_same() {
    let infobox = read_infobox("{{Infobox legislature\n| = embers = 4\n| positional\n}}").unwrap();
    assert_eq!(infobox.other, [(String::new(), "embers = 4".to_owned()), (String::new(), "positional".to_owned())]);
    assert_eq!(read_infobox(&write(&infobox)).unwrap(), infobox);
}

/// fuzz `infobox`: `{{Start date|0990}}` was read as the year 990 and written as `990`, which
/// did not read back.
#[test]
fn fuzz_infobox_short_year_reads_back_the_same() {
    let infobox = read_infobox("{{Infobox legislature\n| last_election1 = {{Start date|0990}}\n}}").unwrap();
    let written = write(&infobox);
    assert!(written.contains("990"), "{written}");
    assert_eq!(read_infobox(&written).unwrap(), infobox);
}

/// fuzz `infobox`: an empty heading (`''''''`) read as a group without a label and without
/// entries, which the writer left out, so it did not read back; an unlabelled group after
/// another would likewise have joined the one before it.
#[test]
fn fuzz_infobox_empty_heading_reads_back_the_same() {
    let texts = [
        "{{Infobox legislature\n| political_groups1 = '''''' }}\n}}",
        "{{Infobox legislature\n| political_groups1 = '''A (2)'''\n* [[X]] (2)\n''''''\n* [[Y]] (1)\n}}",
        "{{Infobox legislature\n| political_groups1 = * [[X]] (2)\n'''B'''\n}}",
    ];
    for text in texts {
        let infobox = read_infobox(text).unwrap();
        assert_eq!(read_infobox(&write(&infobox)).unwrap(), infobox, "{text}");
    }
    let groups = read_infobox(texts[1]).unwrap().groups;
    assert_eq!(groups.len(), 2, "{groups:?}");
}

/// fuzz `infobox`: a line break written as a reference (`&#10;`) was decoded into the name,
/// written back as a space (the writer never writes line breaks into a value), and so read
/// back differently; a referenced line break now reads as a space, as a raw one does.
#[test]
fn fuzz_infobox_referenced_line_break_reads_back_the_same() {
    let infobox = read_infobox("{{Infobox legislature\n| name = a&#10;b&#xD;c\n}}").unwrap();
    assert_eq!(infobox.name.as_deref(), Some("a b c"));
    assert_eq!(read_infobox(&write(&infobox)).unwrap(), infobox);
}

/// fuzz `infobox`: a name that was only a referenced line break (`&#10;`) read as `" "`,
/// which written back read as no name; referenced blanks at a value's ends are now trimmed
/// like raw ones, and a name left empty is no name.
#[test]
fn fuzz_infobox_referenced_blank_name_reads_back_the_same() {
    for text in ["{{Infobox legislature\n| name = &#10;\n}}", "{{Infobox legislature\n| name = &#32;A&#9;\n}}"] {
        let infobox = read_infobox(text).unwrap();
        assert_eq!(read_infobox(&write(&infobox)).unwrap(), infobox, "{text}");
    }
    assert_eq!(read_infobox("{{Infobox legislature\n| name = &#10;\n}}").unwrap().name, None);
    assert_eq!(read_infobox("{{Infobox legislature\n| name = &#32;A&#9;\n}}").unwrap().name.as_deref(), Some("A"));
}
