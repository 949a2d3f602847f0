//! Failures of a command and the exit code each maps to.

use std::process::ExitCode;

use maslihat_apportion::AllocError;
use maslihat_render::allocation::alloc_error_text;

/// Why a command failed, with the exit code the user sees.
#[derive(Debug)]
pub enum Failure {
    /// 1: an I/O error or another failure.
    Failed(anyhow::Error),
    /// 2: a bad option or a malformed input.
    Input(anyhow::Error),
    /// 3: the result is undetermined (an unresolved tie).
    Undetermined(anyhow::Error),
}

impl Failure {
    /// Prints the error chain once on stderr and returns the exit code. A broken pipe (the
    /// reader of stdout went away) is not an error.
    pub fn report(self) -> ExitCode {
        let (code, err) = match self {
            Failure::Failed(err) => (1, err),
            Failure::Input(err) => (2, err),
            Failure::Undetermined(err) => (3, err),
        };
        if err.chain().any(|cause| {
            cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
        }) {
            return ExitCode::SUCCESS;
        }
        let chain: Vec<String> = err.chain().map(ToString::to_string).collect();
        eprintln!("error: {}", chain.join(": "));
        ExitCode::from(code)
    }
}

impl From<std::io::Error> for Failure {
    fn from(err: std::io::Error) -> Failure {
        Failure::Failed(err.into())
    }
}

/// Maps a core allocation error to its exit code and a message that names the lists:
/// an unresolved tie is undetermined (3), the rest are input errors (2). `context` says where
/// (file, election); `name` names list `i`.
pub fn alloc_failure(err: AllocError, context: &str, name: impl Fn(usize) -> String) -> Failure {
    let text = alloc_error_text(&err, name);
    match err {
        AllocError::UnresolvedTie(_) => Failure::Undetermined(anyhow::anyhow!(
            "{context}: {text} (tie policy: error; choose --tie-break registration, votes or lot:SEED to settle it)"
        )),
        _ => Failure::Input(anyhow::anyhow!("{context}: {text}")),
    }
}

impl From<anyhow::Error> for Failure {
    fn from(err: anyhow::Error) -> Failure {
        Failure::Failed(err)
    }
}
