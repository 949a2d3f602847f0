//! Unit tests of the text helpers.

use super::{csv, fixed, fixed_pair, grouped, markdown, round4, seat_alternatives, seats, sentence, threshold, xml};

#[test]
fn numbers_and_fields() {
    assert_eq!(grouped(261_213), "261\u{202F}213");
    assert_eq!(grouped(999), "999");
    assert_eq!(grouped(1_000_000), "1\u{202F}000\u{202F}000");
    assert_eq!(csv("a,b"), "\"a,b\"");
    assert_eq!(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(csv("=1+1"), "'=1+1");
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
