//! What every command gets: the global options, the I/O streams and the output settings —
//! shared by the verbs (`commands/`), import and sync, so neither depends on the other.

use std::path::PathBuf;
use std::time::Duration;

use crate::cli::GlobalArgs;
use crate::output::Output;
use crate::streams::Streams;
use crate::transport::DEFAULT_TIMEOUT_SECS;

/// What every command gets: the global options, the I/O streams and the output settings.
pub struct Ctx<'a> {
    pub global: &'a GlobalArgs,
    pub config_file: Option<PathBuf>,
    pub streams: &'a mut Streams,
    pub out: Output,
}

impl Ctx<'_> {
    pub fn timeout(&self) -> Duration {
        Duration::from_secs(self.global.timeout.unwrap_or(DEFAULT_TIMEOUT_SECS))
    }
}
