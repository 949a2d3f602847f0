//! Reading the `Infobox legislature` wikitext that reference works show for a mäslihat into
//! the model's typed [`Infobox`]. Pure text processing.

use maslihat_model::Date;
use maslihat_model::body::HouseType;
use maslihat_model::infobox::{Group, GroupEntry, Infobox, Link};

/// Why an infobox could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InfoboxError {
    #[error("no {{{{Infobox legislature}}}} template found")]
    NotFound,
    #[error("the infobox template is not closed with }}}}")]
    Unclosed,
    #[error("infobox field {field}: expected {expected}, found {found:?}")]
    Field { field: String, expected: &'static str, found: String },
    #[error("infobox field {field} is given twice")]
    Duplicate { field: String },
    #[error("a [[link]] in the infobox is not closed with ]]")]
    UnclosedLink,
    #[error("political_groups1 line {line}: expected {expected}, found {found:?}")]
    Groups { line: usize, expected: &'static str, found: String },
}

const TEMPLATE: &str = "infobox legislature";

/// Reads the first `{{Infobox legislature …}}` in `wikitext`.
pub fn read_infobox(wikitext: &str) -> Result<Infobox, InfoboxError> {
    let start = find_template(wikitext).ok_or(InfoboxError::NotFound)?;
    let body = template_body(&wikitext[start..]).ok_or(InfoboxError::Unclosed)?;
    let mut parts = split_top_level(body).ok_or(InfoboxError::UnclosedLink)?.into_iter();
    parts.next(); // the template name
    let mut infobox = Infobox::default();
    let mut seen: Vec<String> = Vec::new();
    for part in parts {
        let Some((key, value)) = part.split_once('=') else {
            infobox.other.push((String::new(), part.trim().to_owned()));
            continue;
        };
        let (key, value) = (key.trim().to_owned(), value.trim());
        let canonical = if key == "election1" { "last_election1".to_owned() } else { key.clone() };
        if seen.contains(&canonical) {
            return Err(InfoboxError::Duplicate { field: key });
        }
        seen.push(canonical.clone());
        set(&mut infobox, &canonical, value)?;
    }
    Ok(infobox)
}

fn set(infobox: &mut Infobox, key: &str, value: &str) -> Result<(), InfoboxError> {
    let text = || (!value.is_empty()).then(|| value.to_owned());
    let field = |expected| InfoboxError::Field { field: key.to_owned(), expected, found: value.to_owned() };
    let date = || -> Result<Option<Date>, InfoboxError> {
        if value.is_empty() {
            return Ok(None);
        }
        parse_date(value).map(Some).ok_or_else(|| field("a date such as 10 January 2021, 2021-01-10 or 2026"))
    };
    match key {
        "name" => infobox.name = text().map(|t| plain(&t)).filter(|t| !t.is_empty()),
        "native_name" => infobox.native_name = text().map(|t| plain(&t)).filter(|t| !t.is_empty()),
        "house_type" if value.is_empty() => infobox.house_type = None,
        "house_type" if value.eq_ignore_ascii_case("unicameral") => infobox.house_type = Some(HouseType::Unicameral),
        "house_type" => return Err(field("Unicameral")),
        "foundation" => infobox.foundation = date()?,
        "members" if value.is_empty() => infobox.members = None,
        "members" => infobox.members = Some(value.parse().map_err(|_| field("a whole number of seats"))?),
        "leader1_type" => infobox.leader_type = text().map(|t| plain(&t)).filter(|t| !t.is_empty()),
        "leader1" => infobox.leader = text().map(|t| parse_link(&t)),
        "party1" => infobox.leader_party = text().map(|t| parse_link(&t)),
        "last_election1" => infobox.last_election = date()?,
        "next_election1" => infobox.next_election = date()?,
        "voting_system1" => infobox.voting_system = text(),
        "political_groups1" => infobox.groups = parse_groups(value)?,
        "structure1" => infobox.structure = text(),
        _ => infobox.other.push((key.to_owned(), value.to_owned())),
    }
    Ok(())
}

/// A wiki link `[[target|text]]` or `[[text]]`, or plain text.
fn parse_link(text: &str) -> Link {
    let text = text.trim();
    match text.strip_prefix("[[").and_then(|t| t.strip_suffix("]]")).filter(|t| !t.contains("]]")) {
        Some(inner) => match inner.split_once('|') {
            Some((target, shown)) => Link { text: plain(shown.trim()), target: Some(plain(target.trim())) },
            None => Link { text: plain(inner.trim()), target: Some(plain(inner.trim())) },
        },
        None => Link::plain(&plain(text)),
    }
}

/// The text of a plain-text value: character references (`&lt;`, `&#124;`, `&#x7C;`, …)
/// decoded, line breaks (raw or referenced) read as spaces and the ends trimmed, as `maslihat_render`'s `wikitext` escapes them.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(['&', '\n', '\r']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if !rest.starts_with('&') {
            out.push(' ');
            rest = &rest[1..];
            continue;
        }
        let decoded = rest.find(';').filter(|end| *end <= 10).and_then(|end| Some((reference(&rest[1..end])?, end)));
        match decoded {
            Some((c, end)) => {
                // A line break stays a space, written raw or as a reference (`&#10;`).
                out.push(if matches!(c, '\n' | '\r') { ' ' } else { c });
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    // A value's ends are trimmed as read; so are those that references made (`&#32;`, `&#10;`).
    match out.trim() {
        trimmed if trimmed.len() == out.len() => out,
        trimmed => trimmed.to_owned(),
    }
}

/// The character a reference names (`lt`, `#124`, `#x7C`; without `&` and `;`).
fn reference(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

fn find_template(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(offset) = text[from..].find("{{") {
        let at = from + offset;
        let rest = text[at + 2..].trim_start();
        let matches = rest.get(..TEMPLATE.len()).is_some_and(|head| {
            head.eq_ignore_ascii_case(TEMPLATE) || head.replace('_', " ").eq_ignore_ascii_case(TEMPLATE)
        });
        if matches {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

/// The text between the opening `{{` and its matching `}}`.
fn template_body(text: &str) -> Option<&str> {
    let mut depth = 0usize;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        match &bytes[i..i + 2] {
            b"{{" => {
                depth += 1;
                i += 2;
            }
            b"}}" => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return text.get(2..i);
                }
                i += 2;
            }
            _ => i += 1,
        }
    }
    None
}

/// Splits on `|` outside nested `{{ }}` and `[[ ]]`; `None` when a `[[` is left open (it
/// would swallow the fields after it).
fn split_top_level(body: &str) -> Option<Vec<&str>> {
    let bytes = body.as_bytes();
    let (mut braces, mut brackets, mut start, mut i) = (0usize, 0usize, 0usize, 0usize);
    let mut parts = Vec::new();
    while i < bytes.len() {
        let pair = bytes.get(i..i + 2);
        match pair {
            Some(b"{{") => {
                braces += 1;
                i += 2;
                continue;
            }
            Some(b"}}") => {
                braces = braces.saturating_sub(1);
                i += 2;
                continue;
            }
            Some(b"[[") => {
                brackets += 1;
                i += 2;
                continue;
            }
            Some(b"]]") => {
                brackets = brackets.saturating_sub(1);
                i += 2;
                continue;
            }
            _ => {}
        }
        if bytes[i] == b'|' && braces == 0 && brackets == 0 {
            parts.push(&body[start..i]);
            start = i + 1;
        }
        i += 1;
    }
    parts.push(&body[start..]);
    (brackets == 0).then_some(parts)
}

/// `10 January 2021`, `2021-01-10`, `2026`, or `{{Start date|1993|12|10}}`.
fn parse_date(value: &str) -> Option<Date> {
    let inner = value.strip_prefix("{{").and_then(|v| v.strip_suffix("}}"));
    if let Some(inner) = inner {
        let mut parts = inner.split('|').map(str::trim);
        let name = parts.next()?.to_lowercase();
        if name != "start date" && name != "start date and age" {
            return None;
        }
        let nums: Vec<&str> = parts.filter(|p| !p.contains('=')).collect();
        let iso = nums.iter().enumerate().map(|(i, p)| if i == 0 { p.to_string() } else { format!("{p:0>2}") });
        return iso.collect::<Vec<_>>().join("-").parse().ok();
    }
    Date::parse_long(value).ok()
}

/// `(29)` at the end of a line, and the text before it.
fn trailing_count(text: &str) -> Option<(&str, u32)> {
    let text = text.trim_end();
    let open = text.strip_suffix(')')?.rfind('(')?;
    let count = text[open + 1..text.len() - 1].trim().parse().ok()?;
    Some((text[..open].trim_end(), count))
}

fn parse_groups(value: &str) -> Result<Vec<Group>, InfoboxError> {
    let mut groups: Vec<Group> = Vec::new();
    for (i, line) in value.lines().enumerate() {
        let line = line.trim().trim_end_matches("<br>").trim_end_matches("<br />").trim();
        if line.is_empty() {
            continue;
        }
        let error = |expected| InfoboxError::Groups { line: i + 1, expected, found: line.to_owned() };
        if let Some(header) = line.strip_prefix("'''").and_then(|l| l.strip_suffix("'''")) {
            let (label, seats) = match trailing_count(header) {
                Some((label, n)) => (label, Some(n)),
                None => (header.trim(), None),
            };
            groups.push(Group { label: plain(label), seats, entries: Vec::new() });
        } else if let Some(entry) = line.strip_prefix('*') {
            let (rest, seats) = trailing_count(entry).ok_or_else(|| error("a party followed by its seats, as (3)"))?;
            let mut rest = rest.trim();
            let mut colour = None;
            if rest.starts_with("{{") {
                let end = rest.find("}}").ok_or_else(|| error("a closed {{Color box|#rrggbb}}"))?;
                let args: Vec<&str> = rest[2..end].split('|').map(str::trim).collect();
                let hex = args.get(1).ok_or_else(|| error("a colour in {{Color box|#rrggbb}}"))?;
                let hex = if hex.starts_with('#') { (*hex).to_owned() } else { format!("#{hex}") };
                colour = Some(hex.parse().map_err(|_| error("a colour in {{Color box|#rrggbb}}"))?);
                rest = rest[end + 2..].trim();
            }
            let group = match groups.last_mut() {
                Some(group) => group,
                None => {
                    groups.push(Group { label: String::new(), seats: None, entries: Vec::new() });
                    groups.last_mut().ok_or_else(|| error("a group"))?
                }
            };
            group.entries.push(GroupEntry { party: parse_link(rest), colour, seats });
        } else {
            return Err(error("a group header such as '''Majority (29)''' or a party line starting with *"));
        }
    }
    Ok(groups)
}
