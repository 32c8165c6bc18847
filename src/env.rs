//! The environment reader: how every layer reads a variable, injected so that resolution is
//! testable without touching the process environment. A leaf: it imports nothing of the crate.

/// Reads an environment variable; injected so resolution is testable without touching the
/// process environment.
pub type EnvFn<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The real process environment. Empty variables count as unset; so does a value that is
/// not UTF-8, since every value read through this is used as text (a token, a URL).
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The process environment for switches, where being set is what counts (`NO_COLOR`): a
/// value that is not UTF-8 is still set, read lossily.
pub fn process_env_lossy(name: &str) -> Option<String> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(|v| v.to_string_lossy().into_owned())
}

/// Whether the variable is set to a value that is not UTF-8 (which [`process_env`] reads as
/// unset).
pub fn set_but_not_text(name: &str) -> bool {
    std::env::var_os(name).is_some_and(|v| v.to_str().is_none())
}
