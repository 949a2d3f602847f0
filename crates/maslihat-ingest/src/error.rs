//! What loading reports: errors that refuse the data, warnings that go with it; both with the
//! position they concern as data.

use std::fmt;
use std::path::PathBuf;

use maslihat_model::election::{NotRecomputable, SeatDifference};
use maslihat_model::{Decimal, ElectionId, PartyId, SourceId};

/// Where in the data something was found: a file, and a line and column (1-based; in a CSV
/// file the column is the field's number) when they apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    pub file: PathBuf,
    pub line: Option<u64>,
    pub column: Option<u64>,
}

impl Position {
    pub fn file(file: PathBuf) -> Position {
        Position { file, line: None, column: None }
    }

    pub fn line(file: PathBuf, line: u64) -> Position {
        Position { file, line: Some(line), column: None }
    }

    pub fn cell(file: PathBuf, line: u64, column: u64) -> Position {
        Position { file, line: Some(line), column: Some(column) }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// A problem that makes the data unusable as it stands.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{position}: {kind}")]
pub struct Error {
    pub position: Position,
    pub kind: ErrorKind,
}

/// Defines [`ErrorKind`] and [`ErrorKind::NAMES`] from one list of variants, so that the list of
/// names cannot miss a variant (the fixture test checks that every name has a fixture).
macro_rules! error_kinds {
    ($($(#[$attr:meta])* $variant:ident $({ $($field:ident: $ty:ty),* $(,)? })?,)+) => {
        /// What is wrong.
        #[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
        #[non_exhaustive]
        pub enum ErrorKind {
            $($(#[$attr])* $variant $({ $($field: $ty),* })?,)+
        }

        impl ErrorKind {
            /// The name of every kind, in the order of their definition.
            pub const NAMES: &[&str] = &[$(stringify!($variant)),+];

            /// The name of this kind, one of [`ErrorKind::NAMES`].
            pub fn name(&self) -> &'static str {
                match self {
                    $(ErrorKind::$variant { .. } => stringify!($variant),)+
                }
            }
        }
    };
}

error_kinds! {
    /// A file or folder that must exist does not.
    #[error("file is missing")]
    MissingFile,
    /// The file exists but cannot be read.
    #[error("cannot read the file: {message}")]
    Io { message: String },
    /// The file is larger than a dataset file may be ([`MAX_FILE_BYTES`](crate::MAX_FILE_BYTES)).
    #[error("the file is larger than {limit} bytes, the most a dataset file may hold")]
    FileTooLarge { limit: u64 },
    /// A byte sequence that is not UTF-8.
    #[error("invalid UTF-8: byte 0x{byte:02x} (files must be UTF-8)")]
    NotUtf8 { byte: u8 },
    #[error("the file starts with a byte-order mark; save it as UTF-8 without one")]
    ByteOrderMark,
    #[error("expected {expected} fields, as in the header, found {found}")]
    FieldCount { expected: u64, found: u64 },
    #[error("the header lacks the column {column}")]
    MissingColumn { column: &'static str },
    #[error("the header has an undocumented column {column:?}")]
    UnknownColumn { column: String },
    #[error("the header has the column {column} twice")]
    DuplicateColumn { column: String },
    /// TOML that cannot be parsed.
    #[error("TOML syntax: {message}")]
    Toml { message: String },
    #[error("undocumented key {key}")]
    UnknownKey { key: String },
    /// A required cell is empty, or a required key absent.
    #[error("{field} must be given")]
    MissingValue { field: String },
    /// A value not of its column's or key's type.
    #[error("{field} must be {expected}, found {found:?}")]
    BadValue { field: String, expected: &'static str, found: String },
    /// A key (id, or the columns that identify a row) given twice.
    #[error("duplicate {key}, first given on line {first_line}")]
    Duplicate { key: String, first_line: u64 },
    /// An id that names nothing in the data.
    #[error("unknown {what} {id:?}")]
    UnknownReference { what: &'static str, id: String },
    #[error("the id {id:?} must equal the file name {stem:?}")]
    IdNotFileName { id: String, stem: String },
    #[error("election must be {expected:?} (the mäslihat, a dash, the year of the date), found {found:?}")]
    ElectionId { found: String, expected: String },
    #[error("rules {rules} go with the system {expected}, found {found}")]
    RulesSystem { rules: String, expected: &'static str, found: String },
    #[error("{column} must be empty for a party-list election: all its seats are list seats, given as total_seats")]
    SeatKindInPartyList { column: &'static str },
    #[error("lists_basis must give the evidence when lists_complete is set")]
    MissingBasis,
    #[error("the row gives no figure")]
    NoFigure,
    #[error("the self-nominated have no list: {column} must be empty")]
    SelfNominatedList { column: &'static str },
    #[error("registration_order must be given for every list of {election} or for none")]
    PartialRegistrationOrder { election: ElectionId },
    #[error("registration_order {order} is given to two lists of {election}")]
    DuplicateRegistration { election: ElectionId, order: u32 },
    #[error("ballot_order {order} is given to two lists of {election}")]
    DuplicateBallotOrder { election: ElectionId, order: u32 },
    #[error("{election} has {lists} lists in results.csv, more than its lists_on_ballot {on_ballot}")]
    MoreListsThanOnBallot { election: ElectionId, lists: u64, on_ballot: u32 },
    #[error("lists_complete is yes, but {election} has {lists} lists in results.csv of the {on_ballot} on the ballot")]
    CompleteWithFewerLists { election: ElectionId, lists: u64, on_ballot: u32 },
    /// Seats that add up to more than they may (or not to what they must).
    #[error("{what} add up to {sum}, {} {limit} {of}", if *must_equal { "not the" } else { "more than the" })]
    SeatSum { what: String, sum: u64, limit: u64, of: &'static str, must_equal: bool },
    #[error("total_seats {total} is not list_seats {list} + district_seats {district}")]
    SeatKinds { total: u32, list: u32, district: u32 },
    #[error("two names of {party} are in use in {year}, the year of {election}")]
    AmbiguousPartyName { party: PartyId, year: u16, election: ElectionId },
    #[error("seats {seats} disagree with the {total} total_seats of {election}")]
    ConvocationSeats { seats: u32, election: ElectionId, total: u32 },
    #[error("in_tables is yes, but {figure} {value} of {source_id} is not in the tables for this election and party")]
    NotInTables { figure: String, value: Decimal, source_id: SourceId },
}

/// Every error of a load, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Errors(pub Vec<Error>);

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

/// Something the data allows but a reader must know: the data loads with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{position}: {election}: {kind}")]
pub struct Warning {
    pub position: Position,
    pub election: ElectionId,
    pub kind: WarningKind,
}

/// What a warning is about.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WarningKind {
    /// Sources give different values for one figure; both are kept.
    #[error("{}{figure}: sources disagree: {}{}", party_prefix(party), values.iter().map(|(v, s)| format!("{v} ({})", join(s))).collect::<Vec<_>>().join(", "), listed(discrepancy))]
    Conflict {
        party: Option<PartyId>,
        figure: &'static str,
        values: Vec<(String, Vec<SourceId>)>,
        discrepancy: Option<String>,
    },
    /// A printed share that the vote counts do not give, beyond rounding.
    #[error(
        "{party}: printed share {printed} % ({source_id}) disagrees with {computed} % computed from the votes ({votes} of {base}){}",
        listed(discrepancy)
    )]
    Share {
        party: PartyId,
        source_id: SourceId,
        printed: Decimal,
        computed: String,
        votes: u64,
        base: u64,
        discrepancy: Option<String>,
    },
    /// Printed shares that do not add up to what they must, beyond their rounding.
    #[error(
        "the printed shares add up to {sum}, not {expected} (allowing {tolerance} for rounding){}",
        listed(discrepancy)
    )]
    ShareSum { sum: Decimal, expected: String, tolerance: Decimal, discrepancy: Option<String> },
    /// A printed turnout that ballots cast over registered voters do not give.
    #[error(
        "printed turnout {printed} % ({source_id}) disagrees with {computed} % computed from {ballots} ballots of {registered} voters"
    )]
    Turnout { source_id: SourceId, printed: Decimal, computed: String, ballots: u64, registered: u64 },
    /// Fewer lists are known than were on the ballot.
    #[error("{lists} lists are known of the {on_ballot} on the ballot")]
    FewerListsThanOnBallot { lists: u64, on_ballot: u32 },
    /// A complete 2023 election without the "against all" count.
    #[error("votes against all unknown: the threshold base is the list votes only")]
    AgainstAllUnknown,
    /// The list seats cannot be recomputed.
    #[error("cannot recompute the list seats: {reason}")]
    NotRecomputable { reason: NotRecomputable },
    /// The allocator refused the votes.
    #[error("the recomputation failed: {message}")]
    AllocationFailed { message: String },
    /// Recomputed seats differ from the published ones.
    #[error("recomputed seats differ from the published ones: {}", differences.iter().map(|d| format!("{} published {} recomputed {}{}", d.party, d.published.iter().map(u32::to_string).collect::<Vec<_>>().join(" or "), d.recomputed, listed(&d.discrepancy))).collect::<Vec<_>>().join("; "))]
    SeatsDiffer { differences: Vec<SeatDifference> },
}

fn party_prefix(party: &Option<PartyId>) -> String {
    party.as_ref().map(|p| format!("{p}: ")).unwrap_or_default()
}

fn join(sources: &[SourceId]) -> String {
    sources.iter().map(SourceId::as_str).collect::<Vec<_>>().join(", ")
}

fn listed(discrepancy: &Option<String>) -> String {
    discrepancy.as_ref().map(|d| format!(" (known discrepancy {d})")).unwrap_or_default()
}
