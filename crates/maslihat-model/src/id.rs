//! The stable identifiers of the data: mäslihats, elections, parties and sources. Each is the
//! slug the dataset files use, and never changes once given.

use std::fmt;
use std::sync::Arc;

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
/// The identifier of a source (a page, a notice, a note) in the dataset's source table.
///
/// Shared, not copied: every figure carries the id of its source, and a dataset holds
/// hundreds of thousands of figures from a few thousand sources.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceId(pub Arc<str>);

/// As its text, like the other identifiers.
impl Serialize for SourceId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl SourceId {
    /// The id's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for SourceId {
    fn from(id: &str) -> SourceId {
        SourceId(Arc::from(id))
    }
}

impl fmt::Display for SourceId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
