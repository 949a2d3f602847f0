//! The `--data` option shared by every command that reads the dataset, and the one loader
//! behind it.

use std::path::{Path, PathBuf};

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

/// Which setting named the dataset folder.
#[derive(Debug, Clone, Copy)]
enum DirFrom {
    Option,
    Environment,
    Default,
}

impl DataArgs {
    fn dir(&self) -> (PathBuf, DirFrom) {
        if let Some(dir) = &self.data {
            return (dir.clone(), DirFrom::Option);
        }
        match std::env::var_os("MASLIHAT_DATA") {
            Some(dir) => (PathBuf::from(dir), DirFrom::Environment),
            None => (PathBuf::from("datasets"), DirFrom::Default),
        }
    }

    /// The dataset folder: `--data`, `$MASLIHAT_DATA`, or `./datasets`.
    pub fn dir_path(&self) -> PathBuf {
        self.dir().0
    }

    /// Loads the dataset; its warnings are logged (see `maslihat validate` for all of them).
    pub fn load(&self) -> Result<Dataset, Failure> {
        let (dir, from) = self.dir();
        if !dir.is_dir() {
            return Err(Failure::Input(anyhow::anyhow!("{}", not_found(&dir, from))));
        }
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

/// The message for a dataset folder that is not there: where it was looked for, and how to
/// point at it.
fn not_found(dir: &Path, from: DirFrom) -> String {
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_owned());
    let (given, fix) = match from {
        DirFrom::Option => ("given with --data", "give the folder that holds elections.csv with --data DIR"),
        DirFrom::Environment => {
            ("given by MASLIHAT_DATA", "set MASLIHAT_DATA=DIR to the folder that holds elections.csv")
        }
        DirFrom::Default => (
            "the default: datasets in the current folder",
            "run from the repository's root, or point at the folder with --data DIR or MASLIHAT_DATA=DIR",
        ),
    };
    format!("the dataset folder was not found: looked for {} ({given}); {fix}", absolute.display())
}
