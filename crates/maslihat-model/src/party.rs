//! Parties, with identifiers that stay the same across renames (Nur Otan became Amanat in 2022).

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use crate::id::{PartyId, SourceId};
use crate::naming::named;

/// Whether an entry is a party or stands for candidates without one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartyKind {
    Party,
    /// The pseudo-party of district candidates without a party nomination; never has a list.
    SelfNominated,
}

named!(PartyKind, "party or self-nominated", PartyKind::Party => "party", PartyKind::SelfNominated => "self-nominated");

/// One name of a party, for a period of years (inclusive; open when absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartyName {
    pub from_year: Option<u16>,
    pub to_year: Option<u16>,
    /// The full name, e.g. "Ak Zhol Democratic Party".
    pub name: String,
    /// The name for tables and diagrams, e.g. "Ak Zhol", "People's Party".
    pub label: String,
    /// The abbreviation, e.g. `AJ`, `NO`, `QHP`.
    pub short: String,
    pub source: Option<SourceId>,
}

impl PartyName {
    /// Whether the name was in use in `year`.
    pub fn covers(&self, year: u16) -> bool {
        self.from_year.is_none_or(|f| f <= year) && self.to_year.is_none_or(|t| year <= t)
    }
}

/// A party (or the self-nominated pseudo-party).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Party {
    pub id: PartyId,
    pub kind: PartyKind,
    /// The colour diagrams use (a display choice, not sourced).
    pub colour: Colour,
    /// Names in the order of the data.
    pub names: Vec<PartyName>,
    pub note: Option<String>,
}

impl Party {
    /// The name in use in `year` (in a rename year, the newer name); with no year, the current
    /// name (open-ended, or the latest).
    pub fn name_in(&self, year: Option<u16>) -> Option<&PartyName> {
        match year {
            Some(year) => self.names.iter().filter(|n| n.covers(year)).max_by_key(|n| n.from_year),
            None => self.names.iter().max_by_key(|n| (n.to_year.is_none(), n.to_year, n.from_year)),
        }
    }

    /// The label in use in `year`, or the id when no name is known.
    pub fn label_in(&self, year: Option<u16>) -> &str {
        self.name_in(year).map_or(&self.id.0, |n| &n.label)
    }

    /// Whether `text` is the id, or any name, label or abbreviation of this party
    /// (case-insensitive, diacritics ignored).
    pub fn is_named(&self, text: &str) -> bool {
        crate::same_text(&self.id.0, text)
            || self.names.iter().any(|n| [&n.name, &n.label, &n.short].iter().any(|s| crate::same_text(s, text)))
    }
}

/// An sRGB colour, `#RRGGBB`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Colour(pub [u8; 3]);

/// A text that is not a colour as `#RRGGBB`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a colour as #RRGGBB, found {found:?}")]
pub struct ColourError {
    pub found: String,
}

impl FromStr for Colour {
    type Err = ColourError;

    fn from_str(text: &str) -> Result<Colour, ColourError> {
        let error = || ColourError { found: text.to_owned() };
        let hex = text.strip_prefix('#').filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit()));
        let hex = hex.ok_or_else(error)?;
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| error());
        Ok(Colour([byte(0)?, byte(2)?, byte(4)?]))
    }
}

impl fmt::Display for Colour {
    /// `#RRGGBB` in upper case, written in one piece (a report writes thousands of them).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const HEX: &[u8; 16] = b"0123456789ABCDEF";
        let mut text = [b'#'; 7];
        for (i, byte) in self.0.iter().enumerate() {
            text[1 + 2 * i] = HEX[usize::from(byte >> 4)];
            text[2 + 2 * i] = HEX[usize::from(byte & 0xF)];
        }
        // Every byte is ASCII.
        f.write_str(std::str::from_utf8(&text).unwrap_or_default())
    }
}

impl Serialize for Colour {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
