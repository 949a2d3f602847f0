//! The verdict on an election's published seats: what the published figures say of them, from
//! a recount of complete counts down to seats with no vote figure at all.

use serde::Serialize;

/// The verdict on an election, as the report, the summary and the command line name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Recomputed from complete counts; equal to the published seats.
    Match,
    /// The published figures determine the seats, and they equal the published ones.
    DeterminedMatch,
    /// Complete or determining figures give other seats than published.
    Mismatch,
    /// The figures allow several outcomes, the published one among them.
    Consistent,
    /// No outcome the figures allow equals the published seats: an audit finding.
    Inconsistent,
    /// No seats were published; what the figures allow is shown.
    NotPublished,
    /// Neither seats nor any vote figure.
    NoData,
}

impl Status {
    /// Every status, in the order the summary counts them.
    pub const ALL: [Status; 7] = [
        Status::Match,
        Status::DeterminedMatch,
        Status::Mismatch,
        Status::Consistent,
        Status::Inconsistent,
        Status::NotPublished,
        Status::NoData,
    ];

    /// The status as data (`summary.csv`, JSON, `maslihat list`).
    pub fn id(self) -> &'static str {
        match self {
            Status::Match => "match",
            Status::DeterminedMatch => "determined-match",
            Status::Mismatch => "mismatch",
            Status::Consistent => "consistent",
            Status::Inconsistent => "inconsistent",
            Status::NotPublished => "not-published",
            Status::NoData => "no-data",
        }
    }

    /// The status in words, for pages.
    pub fn words(self) -> &'static str {
        match self {
            Status::Match => "match",
            Status::DeterminedMatch => "determined match",
            Status::Mismatch => "mismatch",
            Status::Consistent => "consistent",
            Status::Inconsistent => "inconsistent",
            Status::NotPublished => "not published",
            Status::NoData => "no data",
        }
    }
}
