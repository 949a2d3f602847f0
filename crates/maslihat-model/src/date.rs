//! Calendar dates that may be partial: a year, a year and month, or a full day.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// A date in the Gregorian calendar, known to the year, the month or the day.
///
/// Sources often give only a year ("next election: 2026"), so precision is part of the value.
/// The derived order sorts a partial date before the full dates it covers (`2021` < `2021-01-10`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

/// How much of a [`Date`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A date that is not of the form YYYY, YYYY-MM or YYYY-MM-DD, or does not exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected a date as YYYY-MM-DD, YYYY-MM or YYYY, found {found:?}{}", reason.map(|r| format!(" ({r})")).unwrap_or_default())]
pub struct DateError {
    pub found: String,
    /// Why a well-formed text is still not a date, e.g. "February 2021 has 28 days".
    pub reason: Option<&'static str>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    /// A full date, if it exists (years 1 to 9999).
    pub fn ymd(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in(year, month);
        valid.then_some(Date { year, month: Some(month), day: Some(day) })
    }

    /// A date known to the month.
    pub fn ym(year: u16, month: u8) -> Option<Date> {
        ((1..=9999).contains(&year) && (1..=12).contains(&month)).then_some(Date {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// A date known to the year.
    pub fn y(year: u16) -> Option<Date> {
        (1..=9999).contains(&year).then_some(Date { year, month: None, day: None })
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn month(self) -> Option<u8> {
        self.month
    }

    pub fn day(self) -> Option<u8> {
        self.day
    }

    pub fn precision(self) -> Precision {
        match (self.month, self.day) {
            (None, _) => Precision::Year,
            (Some(_), None) => Precision::Month,
            (Some(_), Some(_)) => Precision::Day,
        }
    }

    /// The first day this date may stand for.
    pub fn earliest(self) -> Date {
        let month = self.month.unwrap_or(1);
        Date { year: self.year, month: Some(month), day: Some(self.day.unwrap_or(1)) }
    }

    /// The last day this date may stand for.
    pub fn latest(self) -> Date {
        let month = self.month.unwrap_or(12);
        Date { year: self.year, month: Some(month), day: Some(self.day.unwrap_or(days_in(self.year, month))) }
    }

    /// The same date `years` later, at the same precision; 29 February becomes 28 February in a
    /// year that is not a leap year. `None` past the year 9999.
    pub fn add_years(self, years: u16) -> Option<Date> {
        let year = self.year.checked_add(years).filter(|y| *y <= 9999)?;
        let day = match (self.month, self.day) {
            (Some(m), Some(d)) => Some(d.min(days_in(year, m))),
            _ => self.day,
        };
        Some(Date { year, month: self.month, day })
    }

    /// Compares two dates as intervals: `Some` only when the order is certain
    /// (`2021` and `2021-01-10` overlap, so their order is `None`).
    pub fn certain_cmp(self, other: Date) -> Option<Ordering> {
        if self.latest() < other.earliest() {
            Some(Ordering::Less)
        } else if self.earliest() > other.latest() {
            Some(Ordering::Greater)
        } else if self.precision() == Precision::Day && self == other {
            Some(Ordering::Equal)
        } else {
            None
        }
    }

    /// The date in words, as reference works print it: `10 January 2021`, `January 2021`, `2021`.
    pub fn long(self) -> String {
        let month = |m: u8| MONTHS[usize::from(m - 1)];
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", month(m), self.year),
            (Some(m), None) => format!("{} {}", month(m), self.year),
            _ => self.year.to_string(),
        }
    }

    /// Parses a date in words (`10 January 2021`, `January 2021`, `2021`) or in ISO form.
    pub fn parse_long(text: &str) -> Result<Date, DateError> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let month = |w: &str| MONTHS.iter().position(|m| m.eq_ignore_ascii_case(w)).map(|i| i as u8 + 1);
        let error = || DateError { found: text.to_owned(), reason: None };
        match words.as_slice() {
            [day, m, year] => {
                let (m, year, day) = (month(m).ok_or_else(error)?, parse_num(year, 4)?, parse_num(day, 2)?);
                Date::ymd(year, m, day as u8)
                    .ok_or_else(|| DateError { found: text.to_owned(), reason: Some("no such day") })
            }
            [m, year] => Date::ym(parse_num(year, 4)?, month(m).ok_or_else(error)?).ok_or_else(error),
            // A year alone, as `long` writes it: `990`, not `0990`.
            [year] if year.bytes().all(|b| b.is_ascii_digit()) && year.len() < 4 => Date::y(parse_num(year, 4)?)
                .ok_or_else(|| DateError { found: text.to_owned(), reason: Some("there is no year 0") }),
            _ => text.parse(),
        }
    }
}

fn parse_num(text: &str, width: usize) -> Result<u16, DateError> {
    let error = || DateError { found: text.to_owned(), reason: None };
    if text.is_empty() || text.len() > width || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(error());
    }
    text.parse().map_err(|_| error())
}

fn is_leap(year: u16) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn days_in(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl FromStr for Date {
    type Err = DateError;

    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, digits exactly that wide.
    fn from_str(text: &str) -> Result<Date, DateError> {
        let error = |reason| DateError { found: text.to_owned(), reason };
        let parts: Vec<&str> = text.split('-').collect();
        let widths = [4, 2, 2];
        if parts.len() > 3
            || parts.iter().zip(widths).any(|(p, w)| p.len() != w || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(error(None));
        }
        let num = |i: usize| parts.get(i).map(|p| p.parse::<u16>().unwrap_or(0));
        let year = num(0).unwrap_or(0);
        if year == 0 {
            return Err(error(Some("there is no year 0")));
        }
        let month = num(1).map(|m| m as u8);
        if month.is_some_and(|m| !(1..=12).contains(&m)) {
            return Err(error(Some("months run from 01 to 12")));
        }
        let day = num(2).map(|d| d as u8);
        match (month, day) {
            (Some(m), Some(d)) => Date::ymd(year, m, d).ok_or_else(|| error(Some("no such day in that month"))),
            (Some(m), None) => Ok(Date { year, month: Some(m), day: None }),
            _ => Ok(Date { year, month: None, day: None }),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
