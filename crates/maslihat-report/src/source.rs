//! A dataset loaded for the report: the dataset, and its loader's warnings as text, per
//! election, with positions relative to the data folder.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use maslihat_ingest::{Loaded, Warning, load};
use maslihat_model::{Dataset, Election, ElectionId};
use maslihat_render::report::ElectionReport;

use crate::Error;
use crate::analyse::analyse_with;
use crate::evidence::YearParties;

/// A loaded dataset and its loader's warnings, ready to be reported on.
#[derive(Debug, Clone)]
pub struct Source {
    pub dataset: Dataset,
    /// The data folder's name with a slash, e.g. `datasets/`: the report names it so, and reads
    /// the same on every machine.
    pub data_name: String,
    /// Per election id, its warnings as its page shows them: `file:line:column: what`.
    on_page: BTreeMap<String, Vec<String>>,
    /// Every warning as the index shows it, `(election id, file:line:column: election: what)`,
    /// in load order.
    in_index: Vec<(String, String)>,
    /// The parties of each year's elections, made once for every election's assessment.
    year_parties: YearParties,
}

impl Source {
    /// Loads the dataset in `dir`.
    pub fn load(dir: &Path) -> Result<Source, Error> {
        let loaded = load(dir).map_err(|errors| Error::Load { dir: dir.to_owned(), errors: Box::new(errors) })?;
        Ok(Source::from_loaded(loaded, dir))
    }

    /// A dataset already loaded from `dir`.
    pub fn from_loaded(loaded: Loaded, dir: &Path) -> Source {
        let data_name =
            dir.file_name().map_or_else(|| dir.display().to_string(), |n| n.to_string_lossy().into_owned()) + "/";
        let mut on_page: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut in_index = Vec::new();
        for warning in &loaded.warnings {
            let at = position(warning, dir);
            let election = warning.election.0.clone();
            on_page.entry(election.clone()).or_default().push(format!("{at}: {}", warning.kind));
            in_index.push((election, format!("{at}: {}: {}", warning.election, warning.kind)));
        }
        let year_parties = YearParties::of(&loaded.dataset);
        Source { dataset: loaded.dataset, data_name, on_page, in_index, year_parties }
    }

    /// The number of the loader's warnings.
    pub fn warning_count(&self) -> usize {
        self.in_index.len()
    }

    /// The elections of `year` (every election for `None`), in dataset order.
    pub fn elections(&self, year: Option<u16>) -> Vec<&Election> {
        self.dataset.elections.iter().filter(|e| year.is_none_or(|y| e.date.year() == y)).collect()
    }

    /// The election with id `id`.
    pub fn election(&self, id: &str) -> Result<&Election, Error> {
        self.dataset.election(&ElectionId(id.to_owned())).ok_or_else(|| Error::UnknownElection { id: id.to_owned() })
    }

    /// The loader's warnings about `election`, as its page shows them.
    pub fn election_warnings(&self, election: &Election) -> Vec<String> {
        self.on_page.get(&election.id.0).cloned().unwrap_or_default()
    }

    /// The loader's warnings about any of `elections`, as the index shows them (load order).
    pub fn index_warnings(&self, elections: &[&Election]) -> Vec<String> {
        let ids: BTreeSet<&str> = elections.iter().map(|e| e.id.0.as_str()).collect();
        self.in_index.iter().filter(|(id, _)| ids.contains(id.as_str())).map(|(_, text)| text.clone()).collect()
    }

    /// Everything the report says about `election`.
    pub fn analyse(&self, election: &Election) -> ElectionReport {
        analyse_with(&self.dataset, election, self.election_warnings(election), &self.year_parties)
    }
}

/// Where a warning points, relative to the data folder: `file:line:column`.
fn position(warning: &Warning, data: &Path) -> String {
    let mut at = warning.position.file.strip_prefix(data).unwrap_or(&warning.position.file).display().to_string();
    if let Some(line) = warning.position.line {
        at += &format!(":{line}");
        if let Some(column) = warning.position.column {
            at += &format!(":{column}");
        }
    }
    at
}
