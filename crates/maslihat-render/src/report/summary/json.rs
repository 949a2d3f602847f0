//! `summary.json`'s rows written by hand: the bytes serde_json's pretty printer writes for the
//! derived `Serialize` of [`SummaryRow`], [`PartySeats`] and [`Closest`], without its generic
//! formatter (a call per key, per indentation step and per escaped key).
//!
//! Keys are byte literals with their line break and indentation; strings go through the same
//! escaping as serde_json's (`"`, `\`, control characters; not `/` nor non-ASCII); integers
//! through `itoa`; finite floats through serde_json's own formatter, the others as `null` (as
//! serde_json prints them). The tests hold every byte to serde_json's for arbitrary rows.

use std::io::{self, Write};

use serde_json::ser::{CompactFormatter, Formatter};

use super::{Closest, PartySeats, SummaryRow};

/// Writes `row` as serde_json's pretty printer does two levels deep (an element of the file's
/// `elections` array): from its `{` to its `}`, the fields three levels deep.
pub(super) fn write_row<W: Write>(out: &mut W, row: &SummaryRow) -> io::Result<()> {
    out.write_all(b"{\n      \"election\": ")?;
    string(out, &row.election)?;
    out.write_all(b",\n      \"maslihat\": ")?;
    string(out, &row.maslihat)?;
    out.write_all(b",\n      \"name\": ")?;
    string(out, &row.name)?;
    out.write_all(b",\n      \"year\": ")?;
    integer(out, row.year)?;
    out.write_all(b",\n      \"rules\": ")?;
    string(out, &row.rules)?;
    out.write_all(b",\n      \"list_seats\": ")?;
    optional_integer(out, row.list_seats)?;
    out.write_all(b",\n      \"total_seats\": ")?;
    optional_integer(out, row.total_seats)?;
    out.write_all(b",\n      \"status\": ")?;
    string(out, row.status.name())?;
    out.write_all(b",\n      \"reason\": ")?;
    string(out, &row.reason)?;
    out.write_all(b",\n      \"mismatch_documented\": ")?;
    match row.mismatch_documented {
        Some(true) => out.write_all(b"true")?,
        Some(false) => out.write_all(b"false")?,
        None => out.write_all(b"null")?,
    }
    out.write_all(b",\n      \"parties\": ")?;
    array(out, &row.parties, b"\n        ", b"\n      ", party)?;
    out.write_all(b",\n      \"closest_margin\": ")?;
    match &row.closest_margin {
        Some(closest_margin) => closest(out, closest_margin)?,
        None => out.write_all(b"null")?,
    }
    out.write_all(b",\n      \"gallagher\": ")?;
    float(out, row.gallagher)?;
    out.write_all(b",\n      \"loosemore_hanby\": ")?;
    float(out, row.loosemore_hanby)?;
    out.write_all(b",\n      \"enp_votes\": ")?;
    float(out, row.enp_votes)?;
    out.write_all(b",\n      \"enp_seats\": ")?;
    float(out, row.enp_seats)?;
    out.write_all(b",\n      \"wasted_votes\": ")?;
    optional_integer(out, row.wasted_votes)?;
    out.write_all(b",\n      \"wasted_percent\": ")?;
    float(out, row.wasted_percent)?;
    out.write_all(b",\n      \"marked_seats\": ")?;
    integer(out, row.marked_seats)?;
    out.write_all(b",\n      \"diagrams\": ")?;
    array(out, &row.diagrams, b"\n        ", b"\n      ", |out, diagram| string(out, diagram))?;
    out.write_all(b"\n    }")
}

/// One element of a row's `parties`, four levels deep: its fields five levels deep.
fn party<W: Write>(out: &mut W, party: &PartySeats) -> io::Result<()> {
    out.write_all(b"{\n          \"party\": ")?;
    string(out, &party.party)?;
    out.write_all(b",\n          \"name\": ")?;
    string(out, &party.name)?;
    out.write_all(b",\n          \"colour\": ")?;
    string(out, &party.colour)?;
    out.write_all(b",\n          \"votes\": ")?;
    optional_integer(out, party.votes)?;
    out.write_all(b",\n          \"recomputed\": ")?;
    optional_integer(out, party.recomputed)?;
    out.write_all(b",\n          \"published\": ")?;
    array(out, &party.published, b"\n            ", b"\n          ", |out, seats| integer(out, *seats))?;
    out.write_all(b"\n        }")
}

/// A row's `closest_margin`, its key three levels deep: its fields four levels deep.
fn closest<W: Write>(out: &mut W, closest: &Closest) -> io::Result<()> {
    out.write_all(b"{\n        \"ballots\": ")?;
    integer(out, closest.ballots)?;
    out.write_all(b",\n        \"from\": ")?;
    string(out, &closest.from)?;
    out.write_all(b",\n        \"to\": ")?;
    string(out, &closest.to)?;
    out.write_all(b",\n        \"text\": ")?;
    string(out, &closest.text)?;
    out.write_all(b"\n      }")
}

/// `items` as a pretty-printed array: `[]` when empty, else each item after `item_indent` (a
/// line break and the items' indentation) and the `]` after `end_indent` (the key's).
fn array<W: Write, T>(
    out: &mut W,
    items: &[T],
    item_indent: &[u8],
    end_indent: &[u8],
    mut write_item: impl FnMut(&mut W, &T) -> io::Result<()>,
) -> io::Result<()> {
    if items.is_empty() {
        return out.write_all(b"[]");
    }
    for (i, item) in items.iter().enumerate() {
        out.write_all(if i == 0 { b"[" } else { b"," })?;
        out.write_all(item_indent)?;
        write_item(out, item)?;
    }
    out.write_all(end_indent)?;
    out.write_all(b"]")
}

fn integer<W: Write>(out: &mut W, value: impl itoa::Integer) -> io::Result<()> {
    out.write_all(itoa::Buffer::new().format(value).as_bytes())
}

fn optional_integer<W: Write>(out: &mut W, value: Option<impl itoa::Integer>) -> io::Result<()> {
    match value {
        Some(value) => integer(out, value),
        None => out.write_all(b"null"),
    }
}

/// A float as serde_json writes it: its own formatter for a finite value (the shortest text that
/// reads back the same), `null` for none, NaN and the infinities. Its formatter, not a float
/// printer of our own: serde_json 1.0.154 prints through `zmij` (`1e+21`), not `ryu` (`1e21`)
/// as it once did, and may change again.
fn float<W: Write>(out: &mut W, value: Option<f64>) -> io::Result<()> {
    match value {
        Some(value) if value.is_finite() => CompactFormatter.write_f64(out, value),
        _ => out.write_all(b"null"),
    }
}

/// What serde_json writes after a `\` for each byte it escapes, `0` for a byte it keeps:
/// `\b \t \n \f \r \" \\` and `\u00XX` (marked `u`) for the other control characters.
const ESCAPES: [u8; 256] = {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[0x08] = b'b';
    table[b'\t' as usize] = b't';
    table[b'\n' as usize] = b'n';
    table[0x0c] = b'f';
    table[b'\r' as usize] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// `text` as a JSON string, escaped as serde_json escapes it: runs of bytes kept are written
/// whole.
fn string<W: Write>(out: &mut W, text: &str) -> io::Result<()> {
    const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";
    out.write_all(b"\"")?;
    let mut rest = text.as_bytes();
    while let Some(at) = first_to_escape(rest) {
        let (kept, escaped) = rest.split_at(at);
        let Some((&byte, after)) = escaped.split_first() else { break };
        out.write_all(kept)?;
        match ESCAPES[usize::from(byte)] {
            b'u' => out.write_all(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX_DIGITS[usize::from(byte >> 4)],
                HEX_DIGITS[usize::from(byte & 0xf)],
            ])?,
            escape => out.write_all(&[b'\\', escape])?,
        }
        rest = after;
    }
    out.write_all(rest)?;
    out.write_all(b"\"")
}

/// Where the first byte of `bytes` that JSON escapes is: eight bytes at a time while none of
/// them is (most texts escape nothing), then byte by byte.
fn first_to_escape(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH_BITS: u64 = ONES << 7;
    // The high bit of some byte set exactly when some byte of `word` is zero: a borrow into a
    // byte only comes from a zero byte below it.
    let has_zero_byte = |word: u64| word.wrapping_sub(ONES) & !word & HIGH_BITS != 0;
    let mut skipped = 0;
    for chunk in bytes.chunks_exact(8) {
        let Ok(chunk) = <[u8; 8]>::try_from(chunk) else { break };
        let word = u64::from_ne_bytes(chunk);
        // A byte below 0x20 borrows (a byte of 0x80 or more has its high bit cleared by `!word`).
        let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH_BITS != 0;
        if control || has_zero_byte(word ^ (ONES * u64::from(b'"'))) || has_zero_byte(word ^ (ONES * u64::from(b'\\')))
        {
            break;
        }
        skipped += 8;
    }
    let rest = bytes.get(skipped..)?;
    rest.iter().position(|byte| ESCAPES[usize::from(*byte)] != 0).map(|at| skipped + at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::Serialize;

    use crate::report::summary::tests::row;

    /// `value` serialized by serde_json's pretty printer two levels deep, as the rows were
    /// written before this module: the reference.
    fn by_serde(value: &impl Serialize) -> String {
        use serde_json::ser::PrettyFormatter;
        let mut formatter = PrettyFormatter::new();
        formatter.begin_object(&mut io::sink()).unwrap();
        formatter.begin_array(&mut io::sink()).unwrap();
        let mut out = Vec::new();
        value.serialize(&mut serde_json::Serializer::with_formatter(&mut out, formatter)).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn by_hand(row: &SummaryRow) -> String {
        let mut out = Vec::new();
        write_row(&mut out, row).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Any text: what JSON escapes (quotes, backslashes, every control character), what it does
    /// not (`/`, DEL, non-ASCII, astral characters), or anything at all.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof!["[\\x00-\\x1f\"\\\\/a\\x7f\u{80}é€\u{2028}😀]{0,10}", any::<String>(), Just(String::new()),]
    }

    /// Any float, the ones whose text is special most often: none, NaN, the infinities, zeros,
    /// subnormal, tiny, huge, exponents at the switch to scientific notation, rounded indices.
    fn float() -> impl Strategy<Value = Option<f64>> {
        prop_oneof![
            Just(None),
            prop::sample::select(vec![
                f64::NAN,
                -f64::NAN,
                f64::INFINITY,
                f64::NEG_INFINITY,
                0.0,
                -0.0,
                f64::MIN_POSITIVE,
                5e-324,
                -1e-300,
                1e-7,
                1e-5,
                0.1 + 0.2,
                12.3456,
                1e15,
                1e16,
                1.5e17,
                1e21,
                1e22,
                -1e300,
                f64::MAX,
                f64::MIN,
            ])
            .prop_map(Some),
            any::<f64>().prop_map(Some),
            (-1e6f64..1e6).prop_map(crate::text::round4),
            any::<u64>().prop_map(|bits| Some(f64::from_bits(bits))),
        ]
    }

    fn party() -> impl Strategy<Value = PartySeats> {
        (
            (text(), text(), text()),
            any::<Option<u64>>(),
            any::<Option<u32>>(),
            proptest::collection::vec(any::<u32>(), 0..4),
        )
            .prop_map(|((party, name, colour), votes, recomputed, published)| PartySeats {
                party,
                name,
                colour,
                votes,
                recomputed,
                published,
            })
    }

    prop_compose! {
        /// The summary's row of any shape (`row()`), every text and float of it any text and any
        /// float.
        fn json_row()(
            mut row in row(),
            texts in (text(), text(), text(), text(), text()),
            parties in proptest::collection::vec(party(), 0..4),
            closest in proptest::option::of((any::<u64>(), text(), text(), text())),
            floats in (float(), float(), float(), float(), float()),
            marked_seats in any::<usize>(),
            diagrams in proptest::sample::subsequence(vec!["published", "recomputed"], 0..=2),
        ) -> SummaryRow {
            (row.election, row.maslihat, row.name, row.rules, row.reason) = texts;
            row.parties = parties;
            row.closest_margin = closest.map(|(ballots, from, to, text)| Closest { ballots, from, to, text });
            (row.gallagher, row.loosemore_hanby, row.enp_votes, row.enp_seats, row.wasted_percent) = floats;
            row.marked_seats = marked_seats;
            row.diagrams = diagrams;
            row
        }
    }

    proptest! {
        /// A row written by hand is the row serde_json writes, byte for byte, for any texts,
        /// floats, missing values and lists.
        #[test]
        fn a_row_written_by_hand_is_the_row_serde_json_writes(row in json_row()) {
            prop_assert_eq!(by_hand(&row), by_serde(&row));
        }

        /// So is a row of the summary's usual shape (`row()`, as the other formats' tests see it).
        #[test]
        fn a_summary_row_written_by_hand_is_the_row_serde_json_writes(row in row()) {
            prop_assert_eq!(by_hand(&row), by_serde(&row));
        }

        /// A text written alone is serde_json's string.
        #[test]
        fn a_string_is_serde_json_s_string(text in text()) {
            let mut out = Vec::new();
            string(&mut out, &text).unwrap();
            prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&text).unwrap());
        }
    }

    proptest! {
        /// The first byte to escape found eight at a time is the first found byte by byte, for
        /// texts with the byte anywhere or nowhere.
        #[test]
        fn the_first_byte_to_escape_is_found_wherever_it_is(
            text in proptest::collection::vec(prop_oneof![4 => 0x20u8..=0xff, 1 => any::<u8>()], 0..40),
        ) {
            let one_by_one = text.iter().position(|byte| ESCAPES[usize::from(*byte)] != 0);
            prop_assert_eq!(first_to_escape(&text), one_by_one);
        }
    }

    /// Each byte value alone among bytes kept (`a` and non-ASCII), at each place of the first
    /// three words: found where it is if JSON escapes it, else nothing found.
    #[test]
    fn each_byte_is_found_at_each_place_if_escaped() {
        for filler in [b'a', 0xff, 0x80] {
            for byte in 0..=255u8 {
                for at in 0..24 {
                    let mut text = [filler; 24];
                    text[at] = byte;
                    let escaped = ESCAPES[usize::from(byte)] != 0;
                    assert_eq!(first_to_escape(&text), escaped.then_some(at), "{byte:#x} at {at}");
                }
            }
        }
    }

    /// Every byte a string may hold, once: the escapes are serde_json's, and `/`, DEL and
    /// non-ASCII stay as they are.
    #[test]
    fn every_character_below_256_is_escaped_as_serde_json_escapes_it() {
        let text: String = (0u8..=255).map(char::from).collect();
        let mut out = Vec::new();
        string(&mut out, &text).unwrap();
        let written = String::from_utf8(out).unwrap();
        assert_eq!(written, serde_json::to_string(&text).unwrap());
        assert!(written.starts_with(r#""\u0000\u0001"#));
        assert!(written.contains(r#"\u0007\b\t\n\u000b\f\r\u000e"#));
        assert!(written.contains(r##"\u001f !\"#$"##));
        assert!(written.contains("./0") && written.contains(r"[\\]") && written.contains("~\u{7f}\u{80}"));
    }

    /// A row with nothing in it, and one with a party, margin and diagrams, as written by hand,
    /// checked here in full once (the proptests compare with serde_json).
    #[test]
    fn a_row_s_layout() {
        let mut row = SummaryRow::failed("e/1", "m", "N \"x\"", 2021, "kz-2021", "why\n".to_owned());
        assert_eq!(
            by_hand(&row),
            "{\n      \"election\": \"e/1\",\n      \"maslihat\": \"m\",\n      \"name\": \"N \\\"x\\\"\",\n      \
             \"year\": 2021,\n      \"rules\": \"kz-2021\",\n      \"list_seats\": null,\n      \
             \"total_seats\": null,\n      \"status\": \"error\",\n      \"reason\": \"why\\n\",\n      \
             \"mismatch_documented\": null,\n      \"parties\": [],\n      \"closest_margin\": null,\n      \
             \"gallagher\": null,\n      \"loosemore_hanby\": null,\n      \"enp_votes\": null,\n      \
             \"enp_seats\": null,\n      \"wasted_votes\": null,\n      \"wasted_percent\": null,\n      \
             \"marked_seats\": 0,\n      \"diagrams\": []\n    }"
        );
        row.parties = vec![PartySeats {
            party: "a".to_owned(),
            name: "A".to_owned(),
            colour: "#fff".to_owned(),
            votes: Some(7),
            recomputed: None,
            published: vec![1, 2],
        }];
        row.closest_margin =
            Some(Closest { ballots: 3, from: "a".to_owned(), to: "b".to_owned(), text: "t".to_owned() });
        row.gallagher = Some(-0.0);
        row.enp_votes = Some(f64::INFINITY);
        row.enp_seats = Some(1e21);
        row.wasted_percent = Some(12.5);
        row.mismatch_documented = Some(false);
        row.diagrams = vec!["published"];
        let written = by_hand(&row);
        assert_eq!(written, by_serde(&row));
        for part in [
            "\"parties\": [\n        {\n          \"party\": \"a\",",
            "\"published\": [\n            1,\n            2\n          ]\n        }\n      ],",
            "\"closest_margin\": {\n        \"ballots\": 3,",
            "\"text\": \"t\"\n      },",
            "\"gallagher\": -0.0,",
            "\"enp_votes\": null,",
            "\"enp_seats\": 1e+21,",
            "\"wasted_percent\": 12.5,",
            "\"mismatch_documented\": false,",
            "\"diagrams\": [\n        \"published\"\n      ]\n    }",
        ] {
            assert!(written.contains(part), "{part:?} not in {written}");
        }
    }
}
