//! The `--data` option shared by every command that reads the dataset, and the one loader
//! behind it.

use std::path::PathBuf;

use clap::Args;
use maslihat_model::Dataset;

use crate::exit::Failure;

/// Where the dataset is.
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// The dataset folder [default: $MASLIHAT_DATA, or ./datasets].
    #[arg(long, value_name = "DIR", global = true)]
    pub data: Option<PathBuf>,
}

impl DataArgs {
    fn dir(&self) -> PathBuf {
        self.data
            .clone()
            .or_else(|| std::env::var_os("MASLIHAT_DATA").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("datasets"))
    }

    /// Loads the dataset; its warnings are logged (see `maslihat validate` for all of them).
    pub fn load(&self) -> Result<Dataset, Failure> {
        let dir = self.dir();
        let loaded = maslihat_ingest::load(&dir).map_err(|errors| {
            Failure::Input(anyhow::anyhow!(
                "{errors}\n(the dataset in {} has {} error(s); `maslihat validate {}` lists them)",
                dir.display(),
                errors.0.len(),
                dir.display()
            ))
        })?;
        for warning in &loaded.warnings {
            tracing::debug!("{warning}");
        }
        Ok(loaded.dataset)
    }
}
