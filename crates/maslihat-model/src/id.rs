//! The stable identifiers of the data: mäslihats, elections, parties and sources. Each is the
//! slug the dataset files use, and never changes once given.

use std::fmt;

use serde::Serialize;

/// Defines an identifier: a transparent `String` newtype that prints as its text.
macro_rules! identifier {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

identifier!(
    /// A mäslihat's stable identifier, such as `karaganda-region`.
    BodyId
);
identifier!(
    /// An election's stable identifier, such as `karaganda-region-2021`.
    ElectionId
);
identifier!(
    /// A party's stable identifier, such as `nur-otan` for Nur Otan and Amanat alike.
    PartyId
);
identifier!(
    /// The identifier of a source (a page, a notice, a note) in the dataset's source table.
    SourceId
);
