//! What every command gets, resolved once from the parsed command line — shared by the verbs
//! (`commands/`), import and sync, so neither depends on the other.

use std::path::PathBuf;
use std::time::Duration;

use crate::cli::GlobalArgs;
use crate::config::{EnvFn, Selection};
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
    /// The config file (the innermost `--config FILE`, else `SECRETCTL_CONFIG`, else the
    /// default path) and the profile named (`--profile`, else `SECRETCTL_PROFILE`).
    pub config: Selection,
    /// The environment, read through this (so tests can give their own): credentials, base
    /// URLs, the run-as user.
    pub env: EnvFn<'a>,
    pub streams: &'a mut Streams,
}

impl<'a> Ctx<'a> {
    /// The context for a command: the global options with their defaults applied, and the
    /// config file and profile chosen with `env`.
    pub fn resolve(
        global: &GlobalArgs,
        config_file: Option<PathBuf>,
        env: EnvFn<'a>,
        streams: &'a mut Streams,
        out: Output,
    ) -> Ctx<'a> {
        Ctx {
            out,
            timeout: Duration::from_secs(global.timeout.unwrap_or(DEFAULT_TIMEOUT_SECS)),
            retries: global.retries.unwrap_or(DEFAULT_RETRIES),
            verbose: global.verbose,
            config: Selection::resolve(config_file.as_deref(), global.profile.as_deref(), env),
            env,
            streams,
        }
    }
}
