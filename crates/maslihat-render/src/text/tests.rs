//! Unit tests of the text helpers.

use super::csv_reference::{CsvCrateWriter, csv_crate_text};
use super::{
    Align, CsvWriter, align_columns, code_fence, csv_text, defuse_formula, fixed, fixed_pair, grouped,
    looks_like_formula, markdown, round4, seat_alternatives, seats, sentence, threshold, xml,
};

#[test]
fn numbers_and_fields() {
    assert_eq!(grouped(261_213), "261\u{202F}213");
    assert_eq!(grouped(999), "999");
    assert_eq!(grouped(1_000_000), "1\u{202F}000\u{202F}000");
    assert_eq!(csv_text([["a,b", "say \"hi\"", "=1+1", "", "x\ny"]]), "\"a,b\",\"say \"\"hi\"\"\",'=1+1,,\"x\ny\"\n");
    assert_eq!(threshold(maslihat_apportion::Threshold::percent(7).unwrap()), "7 %");
    assert_eq!(fixed(2.5, 2), "2.50");
    assert_eq!(fixed(f64::NAN, 2), "");
    assert_eq!(fixed(None, 2), "");
    assert_eq!(fixed_pair(Some(1.0), Some(2.346)), "1.00 / 2.35");
    assert_eq!(fixed_pair(Some(1.0), None), "");
    assert_eq!((seats(Some(4)), seats(None)), ("4".to_owned(), "—".to_owned()));
    assert_eq!((seat_alternatives(&[4, 15]), seat_alternatives(&[])), ("4 or 15".to_owned(), "—".to_owned()));
    assert_eq!(round4(1.234_56), Some(1.2346));
    assert_eq!(sentence("ak Zhol"), "Ak Zhol");
}

#[test]
fn escaping() {
    assert_eq!(xml("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
    assert_eq!(xml("a\tb\r\nc\u{1}\u{7F}\u{FFFE}\u{FFFF}ü"), "a\tb\r\ncü", "only what XML 1.0 allows");
    assert_eq!(markdown("a|b *c*"), "a\\|b \\*c\\*");
}

#[test]
fn one_formula_rule() {
    for formula in
        ["=1+1", "+cmd", "-cmd", "@SUM(A1)", "\tx", "\rx", "-", "+", "=", "-1+1", "-1.", "-.5", "=cmd|' /C calc'!A0"]
    {
        assert_eq!(defuse_formula(formula), format!("'{formula}"), "{formula:?}");
    }
    for plain in ["", "Ak Zhol", "12", "-3", "+1.5", "0.0000", "a=b", "'=x", "—"] {
        assert_eq!(defuse_formula(plain), plain, "{plain:?}");
    }
}

#[test]
fn columns_align_by_characters() {
    let rows = vec![
        vec!["party".to_owned(), "votes".to_owned(), "note".to_owned()],
        vec!["Ақ жол".to_owned(), "7".to_owned(), String::new()],
        vec!["NO".to_owned(), "261213".to_owned(), "x".to_owned()],
    ];
    let text = align_columns(&rows, &[Align::Left, Align::Right]);
    assert_eq!(text, "party    votes  note\nАқ жол       7\nNO      261213  x\n");
}

#[test]
fn wikitext_escaping() {
    use super::wikitext;
    assert_eq!(wikitext("People's Party"), "People's Party", "a lone apostrophe stays");
    assert_eq!(
        wikitext("a''b|c{{d}}[[e]]<f>&"),
        "a&#39;&#39;b&#124;c&#123;&#123;d&#125;&#125;&#91;&#91;e&#93;&#93;&lt;f&gt;&amp;"
    );
}

#[test]
fn readable_decimals_group_digits_and_drop_trailing_zeros() {
    use maslihat_apportion::Ratio;
    let ratio = |num, den| Ratio::new(num, den).expect("a non-zero denominator");
    assert_eq!(super::readable(ratio(267_002, 21), 4), "12\u{202F}714.381");
    assert_eq!(super::readable(ratio(54_074, 5), 4), "10\u{202F}814.8");
    assert_eq!(super::readable(ratio(30, 3), 4), "10");
}

/// The escaping of `xml` as first written, character by character: the reference for the
/// run-copying one.
fn xml_by_character(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5_000))]

    /// Any text, and text made of the characters that matter (markup, every control
    /// character, their neighbours in UTF-8, U+FFFD–U+FFFF), escapes as character by character.
    #[test]
    fn xml_escapes_like_the_character_by_character_reference(
        any in ".*",
        picked in proptest::collection::vec(proptest::sample::select(vec![
            '&', '<', '>', '"', '\'', '\t', '\n', '\r', '\0', '\u{1f}', ' ', '\u{7f}', '\u{80}', '\u{9f}',
            '\u{a0}', '\u{c2}', '\u{ffc0}', '\u{fffd}', '\u{fffe}', '\u{ffff}', 'Ә', 'a', '€',
        ]), 0..40),
    ) {
        proptest::prop_assert_eq!(xml(&any), xml_by_character(&any));
        let picked: String = picked.into_iter().collect();
        proptest::prop_assert_eq!(xml(&picked), xml_by_character(&picked));
    }
}

/// One step of writing a CSV, for the writer and its reference.
#[derive(Debug, Clone)]
enum CsvStep {
    Field(String),
    Integer(i64),
    Unsigned(u64),
    Record(Vec<String>),
    EndRecord,
}

/// Applies `steps` to a [`CsvWriter`] or to the reference [`CsvCrateWriter`] (same methods).
macro_rules! write_steps {
    ($writer:expr, $steps:expr) => {{
        let mut result = Ok(());
        for step in $steps {
            result = result.and_then(|()| match step {
                CsvStep::Field(field) => $writer.field(field),
                CsvStep::Integer(value) => $writer.integer(*value),
                CsvStep::Unsigned(value) => $writer.integer(*value),
                CsvStep::Record(fields) => $writer.record(fields),
                CsvStep::EndRecord => $writer.end_record(),
            });
        }
        result
    }};
}

/// Any text, or pieces chosen among the bytes that matter to CSV (delimiter, quote, line
/// breaks, the starts of formulas, digits), or a long run past the writer's buffer.
fn csv_field() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::strategy::Strategy;
    proptest::prop_oneof![
        4 => proptest::arbitrary::any::<String>(),
        8 => proptest::collection::vec(
            proptest::sample::select(vec![
                "", ",", "\"", "\r", "\n", "\r\n", "=", "+", "-", "@", "\t", "a", "1", ".", "ü", " ", "'",
            ]),
            0..8,
        )
        .prop_map(|pieces| pieces.concat()),
        1 => (0usize..70_000, proptest::sample::select(vec!["a", "\"", ","]))
            .prop_map(|(len, last)| format!("{}{last}", "x".repeat(len))),
    ]
}

fn csv_step() -> impl proptest::strategy::Strategy<Value = CsvStep> {
    use proptest::strategy::Strategy;
    proptest::prop_oneof![
        6 => csv_field().prop_map(CsvStep::Field),
        1 => proptest::arbitrary::any::<i64>().prop_map(CsvStep::Integer),
        1 => proptest::arbitrary::any::<u64>().prop_map(CsvStep::Unsigned),
        2 => proptest::collection::vec(csv_field(), 0..4).prop_map(CsvStep::Record),
        4 => proptest::strategy::Just(CsvStep::EndRecord),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

    /// The direct writer gives the bytes of the former writer through the `csv` crate, for any
    /// fields and records (empty ones, one empty field, a record left open after a quoted
    /// field, output longer than the buffer), whether given back as text, by `finish` or by
    /// being dropped.
    #[test]
    fn csv_writer_writes_as_the_csv_crate(steps in proptest::collection::vec(csv_step(), 0..24)) {
        let mut writer = CsvWriter::new(Vec::new());
        let mut reference = CsvCrateWriter::new(Vec::new());
        proptest::prop_assert!(write_steps!(writer, &steps).is_ok());
        proptest::prop_assert!(write_steps!(reference, &steps).is_ok());
        let expected = reference.into_text();
        proptest::prop_assert_eq!(writer.into_text(), expected.as_str());

        let mut finished = CsvWriter::new(Vec::new());
        proptest::prop_assert!(write_steps!(finished, &steps).is_ok());
        proptest::prop_assert_eq!(finished.finish().map_err(|e| e.to_string()), Ok(expected.clone().into_bytes()));

        let mut dropped = Vec::new();
        {
            let mut writer = CsvWriter::new(&mut dropped);
            proptest::prop_assert!(write_steps!(writer, &steps).is_ok());
        }
        proptest::prop_assert_eq!(String::from_utf8(dropped).map_err(|e| e.to_string()), Ok(expected.clone()));

        let records: Vec<Vec<String>> = steps
            .iter()
            .filter_map(|step| match step {
                CsvStep::Record(fields) => Some(fields.clone()),
                _ => None,
            })
            .collect();
        proptest::prop_assert_eq!(csv_text(&records), csv_crate_text(&records));
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// A run written again by copying its bytes, when the writer allows it, reads as its
    /// pieces written again (the writer refuses when it stands elsewhere than at the run's
    /// start or the bytes went to the output; then the pieces are written).
    #[test]
    fn a_repeated_run_reads_as_its_pieces_written_again(
        before in proptest::collection::vec(csv_step(), 0..5),
        run in proptest::collection::vec(csv_step(), 0..5),
        between in proptest::collection::vec(csv_step(), 0..5),
    ) {
        let mut writer = CsvWriter::new(Vec::new());
        let mut reference = CsvCrateWriter::new(Vec::new());
        proptest::prop_assert!(write_steps!(writer, &before).is_ok());
        let start = writer.mark();
        proptest::prop_assert!(write_steps!(writer, &run).is_ok());
        let written = writer.run_since(start);
        proptest::prop_assert!(write_steps!(writer, &between).is_ok());
        if !writer.repeat(&written) {
            proptest::prop_assert!(write_steps!(writer, &run).is_ok());
        }
        for steps in [&before, &run, &between, &run] {
            proptest::prop_assert!(write_steps!(reference, steps).is_ok());
        }
        proptest::prop_assert_eq!(writer.into_text(), reference.into_text());
    }
}

#[test]
fn a_run_is_repeated_from_where_it_started_while_in_the_buffer() {
    let mut writer = CsvWriter::new(Vec::new());
    writer.field("hare").expect("written");
    let start = writer.mark();
    writer.record(["1", "a,b", ""]).expect("written");
    let run = writer.run_since(start);
    // Refused at the start of a record: the run started after a field.
    assert!(!writer.repeat(&run));
    writer.field("dhondt").expect("written");
    assert!(writer.repeat(&run));
    writer.field(&"x".repeat(70_000)).expect("written");
    writer.end_record().expect("written");
    // The next field hands the long buffer to the output: the run is gone.
    writer.field("sainte-lague").expect("written");
    assert!(!writer.repeat(&run));
    writer.record(["1", "a,b", ""]).expect("written");
    let text = writer.into_text();
    let long = "x".repeat(70_000);
    assert_eq!(text, format!("hare,1,\"a,b\",\ndhondt,1,\"a,b\",\n{long}\nsainte-lague,1,\"a,b\",\n"));
}

#[test]
fn csv_writer_edge_cases() {
    let written = |steps: &[CsvStep]| {
        let mut writer = CsvWriter::new(Vec::new());
        write_steps!(writer, steps).expect("written into memory");
        let mut reference = CsvCrateWriter::new(Vec::new());
        write_steps!(reference, steps).expect("written into memory");
        let text = writer.into_text();
        assert_eq!(text, reference.into_text(), "{steps:?}");
        text
    };
    let field = |text: &str| CsvStep::Field(text.to_owned());
    // A record of one empty field, or of none, is a quoted empty field; two empty fields are not.
    assert_eq!(written(&[field(""), CsvStep::EndRecord]), "\"\"\n");
    assert_eq!(written(&[CsvStep::EndRecord, CsvStep::EndRecord]), "\"\"\n\"\"\n");
    assert_eq!(written(&[field(""), field(""), CsvStep::EndRecord]), ",\n");
    assert_eq!(
        written(&[field("-"), field("-1"), field("+1.5"), field("=a,\"b\""), CsvStep::EndRecord]),
        "'-,-1,+1.5,\"'=a,\"\"b\"\"\"\n"
    );
    assert_eq!(written(&[field("a\rb"), field("\r"), CsvStep::EndRecord]), "\"a\rb\",\"'\r\"\n");
    // A record left open after a quoted field lacks the closing quote, as with `csv`.
    assert_eq!(written(&[field("x"), field("a,b")]), "x,\"a,b");
}

/// An output that fails every write.
#[derive(Debug)]
struct FailingOutput;

impl std::io::Write for FailingOutput {
    fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
        Err(std::io::Error::other("refused"))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn csv_writer_reports_a_failing_output() {
    let mut writer = CsvWriter::new(FailingOutput);
    writer.record(["a", "b"]).expect("kept in the buffer");
    assert_eq!(writer.finish().map(drop).map_err(|e| e.to_string()), Err("refused".to_owned()));
    // Past the buffer the failure comes from the writing itself.
    let mut writer = CsvWriter::new(FailingOutput);
    let long = "y".repeat(1000);
    let failed = (0..100).map(|_| writer.record([long.as_str()])).find_map(Result::err);
    assert_eq!(failed.map(|e| e.to_string()), Some("refused".to_owned()));
    // Dropped with its buffer unwritten: no panic.
    drop(writer);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3_000))]

    /// `markdown` and `Markdown`'s display, which write runs, escape as the character-by-
    /// character rule does.
    #[test]
    fn markdown_displayed_escapes_as_markdown_does(
        any in "\\PC*",
        picked in proptest::collection::vec(
            proptest::sample::select(vec!["a", "ü", "|", "\\", "*", "_", "`", "[", "]", "<", ">", "#", "\n", "\r", " "]),
            0..40,
        ),
    ) {
        let picked = picked.concat();
        for text in [&any, &picked] {
            proptest::prop_assert_eq!(super::Markdown(text).to_string(), markdown_by_character(text));
            proptest::prop_assert_eq!(markdown(text), markdown_by_character(text));
            let mut pushed = String::from("<");
            super::push_markdown(&mut pushed, text);
            proptest::prop_assert_eq!(&pushed[1..], markdown_by_character(text));
        }
    }
}

/// The Markdown escaping one character at a time: the reference for the run-by-run writer.
fn markdown_by_character(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

proptest::proptest! {
    /// The fence is longer than any run of backticks, and at least three: as the scan of every
    /// character found it.
    #[test]
    fn a_code_fence_outruns_every_run_of_backticks(content in "[`a\u{e9}\n]{0,60}") {
        let longest = content.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        proptest::prop_assert_eq!(code_fence(&content), "`".repeat(longest.max(2) + 1));
    }
}

proptest::proptest! {
    /// An integer as `itoa` writes it never looks like a formula, so `CsvWriter::integer` may
    /// skip the check: the field reads as `field` writes it.
    #[test]
    fn integers_are_never_defused(unsigned: u64, signed: i64) {
        for text in [itoa::Buffer::new().format(unsigned).to_owned(), itoa::Buffer::new().format(signed).to_owned()] {
            proptest::prop_assert!(!looks_like_formula(&text), "{}", text);
        }
        let mut by_integer = CsvWriter::new(Vec::new());
        let mut by_field = CsvWriter::new(Vec::new());
        by_integer.integer(unsigned).and_then(|()| by_integer.integer(signed)).expect("written");
        by_field.field(&unsigned.to_string()).and_then(|()| by_field.field(&signed.to_string())).expect("written");
        proptest::prop_assert_eq!(by_integer.into_text(), by_field.into_text());
    }
}

proptest::proptest! {
    /// Long runs of text that stays, with a character to escape or drop anywhere among them (the
    /// scan looks at eight bytes at a time): escaped as character by character.
    #[test]
    fn xml_escapes_one_character_among_long_runs(
        before in 0usize..40,
        after in 0usize..40,
        special in proptest::sample::select(vec!["&", "<", "\u{1}", "\u{7f}", "\u{85}", "\u{ffff}", "\t", "é", "€"]),
    ) {
        let text = format!("{}{special}{}", "ab".repeat(before / 2), "c".repeat(after));
        proptest::prop_assert_eq!(xml(&text), xml_by_character(&text));
    }
}

proptest::proptest! {
    /// Long runs of text with a character Markdown escapes anywhere among them: pushed as
    /// character by character.
    #[test]
    fn markdown_pushes_one_character_among_long_runs(
        before in 0usize..40,
        after in 0usize..40,
        special in proptest::sample::select(vec!["|", "\\", "#", "\n", "é", "€", "`"]),
    ) {
        let text = format!("{}{special}{}", "ab".repeat(before / 2), "c".repeat(after));
        let mut pushed = String::new();
        super::push_markdown(&mut pushed, &text);
        proptest::prop_assert_eq!(pushed, markdown_by_character(&text));
    }
}
