//! Small text helpers shared by the report's formats: escaping, CSV fields, fixed decimals.

use maslihat_apportion::{Ratio, Threshold};

/// Escapes text for HTML content and attribute values.
pub(crate) fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for a Markdown table cell or paragraph: the characters that would start
/// markup or end a cell are backslash-escaped, line breaks become spaces.
pub(crate) fn markdown(text: &str) -> String {
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

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes
/// doubled; a field that a spreadsheet would read as a formula is prefixed with `'`.
pub(crate) fn csv(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '@']) { format!("'{text}") } else { text.to_owned() };
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text }
}

/// `value` with `places` fixed decimals; empty for a value that is not finite.
pub(crate) fn fixed(value: f64, places: usize) -> String {
    if value.is_finite() { format!("{value:.places$}") } else { String::new() }
}

/// A number with its thousands grouped by a narrow no-break space, for people: `261 213`.
pub(crate) fn grouped(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202F}');
        }
        out.push(c);
    }
    out
}

/// A threshold for people: `7 %`, `5.5 %`, `1000 votes`, `none`.
pub(crate) fn threshold(threshold: Threshold) -> String {
    match threshold {
        Threshold::Percent { numerator, denominator } => {
            let ratio = Ratio::new(u128::from(numerator) * 100, u128::from(denominator).max(1));
            format!("{} %", ratio.decimal_trimmed())
        }
        other => other.to_string(),
    }
}

/// `value` rounded to 4 decimals, so JSON shows it as a short fixed decimal; `None` when not
/// finite.
pub(crate) fn round4(value: f64) -> Option<f64> {
    value.is_finite().then(|| (value * 10_000.0).round() / 10_000.0)
}

/// `text` with its first letter capitalised, to stand as a sentence.
pub(crate) fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}
