//! `mixed`: Denmark's Folketing 2022 through the command (national votes as Statistics Denmark
//! published them, via Den Store Danske, <https://denstoredanske.lex.dk/folketingsvalg_2022>;
//! see docs/multi-district.md), the other overhang rules on a hand-worked example, errors.

use serde_json::Value;

use crate::{run_in, scratch};

/// Party, votes, constituency seats (only A's are known from the sources: all its 50 seats are
/// constituency seats; the others' do not change the totals and are given as 0), published total.
const DENMARK_2022: [(&str, u64, u32, u64); 14] = [
    ("A", 971_995, 50, 50),
    ("B", 133_931, 0, 7),
    ("C", 194_820, 0, 10),
    ("D", 129_524, 0, 6),
    ("F", 293_186, 0, 15),
    ("I", 278_656, 0, 14),
    ("M", 327_699, 0, 16),
    ("O", 93_428, 0, 5),
    ("V", 470_546, 0, 23),
    ("Æ", 286_796, 0, 14),
    ("Ø", 181_452, 0, 9),
    ("Å", 117_567, 0, 6),
    ("K", 18_276, 0, 0),
    ("Q", 31_787, 0, 0),
];

#[test]
fn denmark_2022_through_the_command() {
    let dir = scratch("mixed-denmark");
    let mut text = String::from("party,votes,constituency_seats\n");
    for (party, votes, won, _) in DENMARK_2022 {
        text.push_str(&format!("{party},{votes},{won}\n"));
    }
    std::fs::write(dir.join("dk.csv"), text).unwrap();
    // 3,533,951 valid votes, independents (4,288) included: the base of the 2 %.
    let args = ["mixed", "--rule", "denmark", "--valid-votes", "3533951", "--format", "json", "dk.csv"];
    let doc: Value = serde_json::from_str(&run_in(&dir, &args, b"").ok()).unwrap();
    assert_eq!(doc["schema"], "maslihat.mixed/1");
    assert_eq!(doc["house_size"], 175);
    for (index, (party, _, _, total)) in DENMARK_2022.iter().enumerate() {
        assert_eq!(doc["parties"][index]["name"], *party);
        assert_eq!(doc["parties"][index]["total"], *total, "{party}");
    }
    assert_eq!(doc["parties"][0]["overhang"], 1);
    let table = run_in(&dir, &["mixed", "--rule", "denmark", "--valid-votes", "3533951", "dk.csv"], b"").ok();
    assert!(table.contains("house: 175 seats"), "{table}");
}

#[test]
fn new_zealand_and_balanced_rules_by_hand() {
    // A won 7 of 10 constituencies with half the list votes: Sainte-Laguë shares 5, 3, 2.
    let dir = scratch("mixed-rules");
    std::fs::write(dir.join("m.csv"), "party,votes,constituency_seats\nA,5000,7\nB,3000,0\nC,2000,0\n").unwrap();
    let totals = |rule: &str| -> Vec<u64> {
        let out = run_in(&dir, &["mixed", "--rule", rule, "--house", "10", "--format", "json", "m.csv"], b"").ok();
        let doc: Value = serde_json::from_str(&out).unwrap();
        doc["parties"].as_array().unwrap().iter().map(|p| p["total"].as_u64().unwrap()).collect()
    };
    assert_eq!(totals("new-zealand"), [7, 3, 2]);
    assert_eq!(totals("balanced"), [7, 4, 3]);
}

#[test]
fn bad_rows_are_positioned_errors() {
    let dir = scratch("mixed-errors");
    std::fs::write(dir.join("m.csv"), "party,votes,constituency_seats\nA,5000,x\n").unwrap();
    let run = run_in(&dir, &["mixed", "--rule", "new-zealand", "--house", "10", "m.csv"], b"");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("m.csv:2:3: constituency_seats must be a whole number"), "{}", run.stderr);
    std::fs::write(dir.join("m.csv"), "party,votes,constituency_seats\nA,5000,1\n").unwrap();
    let run = run_in(&dir, &["mixed", "--rule", "balanced", "m.csv"], b"");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--house"), "{}", run.stderr);
}
