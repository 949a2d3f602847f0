//! Small text helpers shared by the diagrams, the projection chart and the report's formats:
//! escaping, CSV fields, fixed decimals, numbers and thresholds for people.

use maslihat_apportion::Threshold;

#[cfg(test)]
mod tests;

/// Escapes text for XML (SVG) and HTML content and attribute values: the five markup
/// characters become entities, and characters XML 1.0 forbids (control characters other than
/// tab and line breaks, U+FFFE, U+FFFF) are dropped.
pub(crate) fn xml(text: &str) -> String {
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

/// `value` with `places` fixed decimals; empty for a value that is unknown or not finite.
pub(crate) fn fixed(value: impl Into<Option<f64>>, places: usize) -> String {
    match value.into() {
        Some(value) if value.is_finite() => format!("{value:.places$}"),
        _ => String::new(),
    }
}

/// Two values with 2 fixed decimals, for people: `1.23 / 4.56`; empty unless both are known.
pub(crate) fn fixed_pair(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) => format!("{} / {}", fixed(a, 2), fixed(b, 2)),
        _ => String::new(),
    }
}

/// A number of seats for people, `—` when unknown.
pub(crate) fn seats(seats: Option<u32>) -> String {
    seats.map_or_else(|| "—".to_owned(), |n| n.to_string())
}

/// Alternative numbers of seats for people: `4 or 15` (sources disagree), `—` when none is known.
pub(crate) fn seat_alternatives(seats: &[u32]) -> String {
    if seats.is_empty() { "—".to_owned() } else { seats.iter().map(u32::to_string).collect::<Vec<_>>().join(" or ") }
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
        Threshold::Percent(percentage) => format!("{} %", percentage.per_cent_text()),
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
