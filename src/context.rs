//! What every command gets, resolved once from the parsed command line — shared by the verbs
//! (`commands/`), import and sync, so neither depends on the other.

use std::path::PathBuf;
use std::time::Duration;

use crate::cli::GlobalArgs;
use crate::output::Output;
use crate::streams::Streams;
use crate::transport::{DEFAULT_RETRIES, DEFAULT_TIMEOUT_SECS};

/// What every command gets, resolved once from the parsed options: the output settings,
/// the request limits, the verbosity, the config file and profile, and the I/O streams.
pub struct Ctx<'a> {
    pub out: Output,
    /// `--timeout`: the whole of one request.
    pub timeout: Duration,
    /// `--retries`.
    pub retries: u32,
    /// `-v` count.
    pub verbose: u8,
    /// The innermost `--config FILE`, if any (else `SECRETCTL_CONFIG`, else the default).
    pub config_file: Option<PathBuf>,
    /// `--profile`, if given (else `SECRETCTL_PROFILE`, else the file's default).
    pub profile: Option<String>,
    pub streams: &'a mut Streams,
}

impl<'a> Ctx<'a> {
    /// The context for a command: the global options with their defaults applied.
    pub fn resolve(
        global: &GlobalArgs,
        config_file: Option<PathBuf>,
        streams: &'a mut Streams,
        out: Output,
    ) -> Ctx<'a> {
        Ctx {
            out,
            timeout: Duration::from_secs(global.timeout.unwrap_or(DEFAULT_TIMEOUT_SECS)),
            retries: global.retries.unwrap_or(DEFAULT_RETRIES),
            verbose: global.verbose,
            config_file,
            profile: global.profile.clone(),
            streams,
        }
    }
}
