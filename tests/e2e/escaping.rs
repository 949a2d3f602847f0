//! Hostile party names through every format of the report: a dataset in the `datasets/`
//! format whose parties are named like markup and like a spreadsheet formula, recomputed into
//! a report, and every file read back: HTML and SVG escaped, Markdown escaped, CSV defused,
//! JSON escaped.
//!
//! The infobox wikitext of every mäslihat is checked too. Not covered here: the CLI's table,
//! CSV and JSON of an allocation (the CLI is a binary; its CSV goes through the same
//! `maslihat_render::text::CsvWriter` checked below).

use std::path::Path;

use maslihat_e2e::{files_under, run};
use xtask::synth::{self, Options};

use crate::scratch;

const MARKUP: &str = r#"<script>alert(1)</script> & "A" 'B'"#;
const FORMULA: &str = "=cmd|' /C calc'!A0";
/// Another hostile name, for the abbreviation column (which the generator writes unquoted).
const SHORT: &str = "<S>&";

/// A synthetic dataset whose two most voted parties carry the hostile names.
fn hostile_dataset(dir: &Path) {
    let mut data = synth::generate(&Options { councils: 4, elections_per: 2, seed: 11 });
    for (party, name) in data.parties.iter_mut().zip([MARKUP, FORMULA]) {
        party.name = name.to_owned();
        party.label = name.to_owned();
        party.short = SHORT.to_owned();
    }
    synth::write(&data, dir).expect("written");
}

#[test]
fn every_format_escapes_or_defuses_hostile_names() {
    let data = scratch("hostile-data");
    hostile_dataset(&data);
    let out = scratch("hostile-report");
    run(&data, &out, 2);
    let files = files_under(&out);
    let mut seen = std::collections::BTreeMap::<&str, usize>::new();
    for (path, bytes) in &files {
        let text = String::from_utf8(bytes.clone()).expect("UTF-8");
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
        let name = path.display().to_string();
        match extension {
            "html" | "svg" => {
                check_markup(&name, &text);
                *seen.entry(extension).or_default() += usize::from(text.contains("&lt;script&gt;alert(1)"));
            }
            "md" => {
                check_markdown(&name, &text);
                *seen.entry("md").or_default() += usize::from(text.contains(r"\<script\>alert(1)"));
            }
            "csv" => *seen.entry("csv").or_default() += check_csv(&name, &text),
            "json" => *seen.entry("json").or_default() += check_json(&name, &text),
            _ => {}
        }
    }
    for format in ["html", "svg", "md", "csv", "json"] {
        assert!(seen.get(format).is_some_and(|n| *n > 0), "no {format} file shows the hostile names: {seen:?}");
    }
}

/// HTML and SVG: no markup from the data, every name escaped.
fn check_markup(name: &str, text: &str) {
    assert!(!text.contains("<script"), "{name}: a raw <script>");
    assert!(!text.contains("<S>"), "{name}: a raw <S>");
    for (at, _) in text.match_indices("alert(1)") {
        assert!(text[..at].ends_with("&lt;script&gt;"), "{name}: alert(1) not after an escaped <script>");
        let after = &text[at..];
        assert!(after.starts_with("alert(1)&lt;/script&gt; &amp; &quot;A&quot;"), "{name}: {}", &after[..60]);
    }
    if name.ends_with(".svg") {
        let mut reader = quick_xml::Reader::from_str(text);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(error) => panic!("{name}: not well-formed XML: {error}"),
            }
        }
    }
}

/// Markdown: the characters that start markup or end a table cell are backslash-escaped
/// (text in a fenced code block is shown verbatim, so it is left out).
fn check_markdown(name: &str, text: &str) {
    let mut fence: Option<&str> = None;
    let mut outside = String::new();
    for line in text.lines() {
        let ticks = &line[..line.len() - line.trim_start_matches('`').len()];
        match fence {
            Some(open) if line == open => fence = None,
            Some(_) => {}
            None if ticks.len() >= 3 => fence = Some(ticks),
            None => outside.push_str(line),
        }
    }
    assert!(fence.is_none(), "{name}: a code block is left open");
    let text = outside.as_str();
    for (at, _) in text.match_indices('<') {
        assert!(text[..at].ends_with('\\'), "{name}: a raw < at {}", &text[at..(at + 20).min(text.len())]);
    }
    assert!(!text.contains("cmd|'"), "{name}: a raw | in a name would end a table cell");
    for (at, _) in text.match_indices("alert(1)") {
        assert!(text[..at].ends_with(r"\<script\>"), "{name}: alert(1) not after an escaped <script>");
    }
}

/// CSV: well-formed, and no field a spreadsheet would run; the number of fields showing a name.
fn check_csv(name: &str, text: &str) -> usize {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut shown = 0;
    for record in reader.records() {
        let record = record.unwrap_or_else(|e| panic!("{name}: not CSV: {e}"));
        for field in &record {
            assert!(!field.starts_with(['=', '+', '@', '\t', '\r']), "{name}: a formula field {field:?}");
            assert!(!field.starts_with('-') || field[1..].parse::<f64>().is_ok(), "{name}: a formula field {field:?}");
            shown += usize::from(field == format!("'{FORMULA}") || field == MARKUP);
        }
    }
    shown
}

/// JSON: it parses, and the names come back exactly as they were.
fn check_json(name: &str, text: &str) -> usize {
    let value: serde_json::Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: not JSON: {e}"));
    let mut pending = vec![&value];
    let mut shown = 0;
    while let Some(value) = pending.pop() {
        match value {
            serde_json::Value::String(s) => shown += usize::from(s == MARKUP || s == FORMULA),
            serde_json::Value::Array(items) => pending.extend(items),
            serde_json::Value::Object(map) => pending.extend(map.values()),
            _ => {}
        }
    }
    shown
}

#[test]
fn infobox_wikitext_escapes_hostile_names() {
    let data = scratch("hostile-wiki");
    hostile_dataset(&data);
    let dataset = maslihat_ingest::load(&data).unwrap_or_else(|e| panic!("loads:\n{e}")).dataset;
    let mut shown = 0;
    for election in &dataset.elections {
        let body = dataset.body(&election.body).expect("the election's mäslihat");
        let text = maslihat_render::infobox::write(&maslihat_render::infobox::of(&dataset, body, Some(election)));
        let name = &election.id.0;
        assert!(!text.contains("<script") && !text.contains("<S>"), "{name}: raw markup:\n{text}");
        assert!(!text.contains("cmd|"), "{name}: a raw | would end the parameter:\n{text}");
        shown += usize::from(text.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"A\" 'B'"));
        shown += usize::from(text.contains("=cmd&#124;' /C calc'!A0"));
    }
    assert!(shown > 0, "no infobox shows the hostile names");
}
