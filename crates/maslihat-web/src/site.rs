//! The site: the dataset loaded once, and every page of it rendered once at startup by the
//! report's own code (the dataset does not change while the server runs).

use std::collections::HashMap;
use std::path::Path;

use maslihat_render::report::{ElectionFile, glossary_html};
use maslihat_report::{IndexFormat, Source};
use rayon::prelude::*;

use crate::request::Limits;

/// One election's files as the report writes them (`report.html`, `recomputed.svg`, …).
#[derive(Debug, Clone)]
pub struct ElectionFiles {
    pub files: Vec<ElectionFile>,
}

impl ElectionFiles {
    /// The file called `name`, if the report has one.
    pub fn file(&self, name: &str) -> Option<&str> {
        self.files.iter().find(|f| f.name == name).map(|f| f.contents.as_str())
    }
}

/// Everything the server answers from: the dataset, its rendered pages, the limits.
#[derive(Debug, Clone)]
pub struct Site {
    pub source: Source,
    pub limits: Limits,
    index: String,
    glossary: String,
    elections: HashMap<String, ElectionFiles>,
}

/// Why the site could not be built.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error(transparent)]
    Report(#[from] maslihat_report::Error),
}

impl Site {
    /// Loads the dataset in `dir` and renders every page.
    pub fn load(dir: &Path, limits: Limits) -> Result<Site, SiteError> {
        Site::new(Source::load(dir)?, limits)
    }

    /// Renders every page of `source`: the index, the glossary, every election's files (in
    /// parallel on the rayon pool).
    pub fn new(source: Source, limits: Limits) -> Result<Site, SiteError> {
        let index = source.index_page(None, IndexFormat::Html)?;
        let ids: Vec<String> = source.dataset.elections.iter().map(|e| e.id.0.clone()).collect();
        let rendered: Result<Vec<(String, ElectionFiles)>, maslihat_report::Error> = ids
            .into_par_iter()
            .map(|id| {
                let files = source.election_files(&id)?;
                Ok((id, ElectionFiles { files }))
            })
            .collect();
        let elections = rendered?.into_iter().collect();
        Ok(Site { source, limits, index, glossary: glossary_html(), elections })
    }

    /// The same site under other limits.
    pub fn with_limits(mut self, limits: Limits) -> Site {
        self.limits = limits;
        self
    }

    pub fn index(&self) -> &str {
        &self.index
    }

    pub fn glossary(&self) -> &str {
        &self.glossary
    }

    /// Election `id`'s files.
    pub fn election(&self, id: &str) -> Option<&ElectionFiles> {
        self.elections.get(id)
    }
}
