//! The hook between the command line and the account's names on TAB: `cli.rs` attaches
//! [`secret_names`] to every argument that takes a secret name, and `commands::complete`
//! installs the lookup before clap's completion engine runs. A leaf, so that the command line
//! needs nothing above it: it imports nothing of the crate.

use std::ffi::OsStr;
use std::sync::OnceLock;

use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};

/// What completes a secret name: the word typed so far → the candidates.
pub type Lookup = fn(&OsStr) -> Vec<CompletionCandidate>;

static LOOKUP: OnceLock<Lookup> = OnceLock::new();

/// The completer of every argument that takes a secret name or NAME_OR_ID:
/// `#[arg(add = secret_names())]`. Offers nothing until a lookup is installed.
pub fn secret_names() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| LOOKUP.get().map_or_else(Vec::new, |f| f(current)))
}

/// The lookup [`secret_names`] asks; the first one installed stays.
pub fn install(lookup: Lookup) {
    let _ = LOOKUP.set(lookup);
}
