//! The domain of Kazakhstan's mäslihats: bodies, parties, elections and compositions,
//! every figure with its source, and the bridge to the apportionment core.
//!
//! The model does no I/O: `maslihat-ingest` reads files into a [`Dataset`].

pub mod body;
pub mod column;
pub mod composition;
pub mod dataset;
pub mod date;
pub mod election;
pub mod figure;
pub mod id;
pub mod infobox;
pub mod naming;
pub mod party;
pub mod profile;
pub mod status;

pub use body::Maslihat;
pub use column::{DiscrepancyFigure, ElectionFigure, ResultFigure};
pub use composition::{Composition, CompositionError, Groups};
pub use dataset::{Dataset, FindError};
pub use date::Date;
pub use election::{
    Affiliation, Caveat, Election, NotRecomputable, Recomputation, RecomputeError, Recount, Verdict, VoteStatus,
};
pub use figure::{Agreement, Decimal, Figure, Sourced};
pub use id::{BodyId, ElectionId, PartyId, SourceId};
pub use infobox::Infobox;
pub use naming::NameError;
pub use party::Party;
pub use profile::ProfileFacts;
pub use status::Status;

/// Text folded for matching: lower case, Latin diacritics removed (`Mäslihat` → `maslihat`,
/// `Öteşov` → `otesov`), `-` and `_` read as spaces; Cyrillic is only lower-cased.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ä' | 'á' | 'à' | 'â' | 'ã' | 'å' | 'ā' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ē' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'ı' | 'ī' => 'i',
            'ö' | 'ó' | 'ò' | 'ô' | 'õ' | 'ō' => 'o',
            'ü' | 'ú' | 'ù' | 'û' | 'ū' => 'u',
            'ş' | 'ș' | 'š' => 's',
            'ğ' => 'g',
            'ç' | 'č' => 'c',
            'ñ' | 'ń' => 'n',
            '’' | 'ʼ' => '\'',
            '-' | '_' => ' ',
            c => c,
        })
        .collect()
}

/// Whether two texts are the same after [`fold`].
pub(crate) fn same_text(a: &str, b: &str) -> bool {
    fold(a.trim()) == fold(b.trim())
}

#[cfg(test)]
mod tests;
