//! Failures of a command and the exit code each maps to.

use std::process::ExitCode;

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

/// Maps a core allocation error to its exit code: an unresolved tie is undetermined, the rest
/// are input errors (the votes or options cannot be allocated).
pub fn from_alloc(err: maslihat_apportion::AllocError, context: String) -> Failure {
    let undetermined = matches!(err, maslihat_apportion::AllocError::UnresolvedTie(_));
    let err = anyhow::Error::new(err).context(context);
    if undetermined { Failure::Undetermined(err) } else { Failure::Input(err) }
}

impl From<anyhow::Error> for Failure {
    fn from(err: anyhow::Error) -> Failure {
        Failure::Failed(err)
    }
}
