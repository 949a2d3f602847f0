//! The commands of the `maslihat` tool, as a library so benchmarks and tests can drive them.

pub mod allocate_cmd;
pub mod analysis_cmds;
pub mod batch;
pub mod biproportional_cmd;
pub mod data;
pub mod dataset_cmds;
pub mod diagram;
pub mod districts_cmd;
pub mod exit;
pub mod input;
pub mod mixed_cmd;
pub mod options;
pub mod output;
pub mod serve_cmd;
pub mod uncertain;
pub mod votes;

/// The result of a command: success, or a failure with its exit code.
pub type CmdResult = Result<(), exit::Failure>;
