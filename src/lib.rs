//! secretctl: create, read, update, delete, list and import the secrets of ChatBotKit and
//! Kubiya, with values that never reach argv, history, logs or scrollback.
//!
//! `run` = parse → resolve → dispatch → report; `main.rs` only exits with its code.

pub mod cli;
pub mod commands;
pub mod config;
pub mod emulator;
pub mod error;
pub mod import;
pub mod input;
pub mod output;
pub mod pace;
pub mod prompt;
pub mod provider;
pub mod secret;
pub mod signals;
pub mod streams;
pub mod terraform;
pub mod transport;

use std::io::Write;

use clap::{CommandFactory, FromArgMatches};

use crate::cli::{Cli, ColorChoice, OutputFormat};
use crate::output::Output;
use crate::streams::Streams;

/// The whole program; returns the exit code.
pub fn main() -> i32 {
    // First of all, before any value or token is read: nothing this process holds can end up
    // in a core file or be read by another process of the same user through ptrace or
    // /proc/PID/mem.
    harden();
    let cli = match parse(std::env::args_os().collect()) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // clap: help and version are 0, usage errors 2 (the contract's usage code).
            if !e.use_stderr() {
                return 0;
            }
            if wants_json(std::env::args_os()) {
                let text = e.kind().as_str().map_or_else(
                    || {
                        e.to_string()
                            .lines()
                            .next()
                            .unwrap_or("")
                            .trim_start_matches("error: ")
                            .to_string()
                    },
                    str::to_string,
                );
                let err = anyhow::Error::new(error::usage(text));
                let _ = writeln!(std::io::stderr(), "{}", error::render_json(&err));
            }
            return 2;
        }
    };
    let mut streams = Streams::real();
    let out = Output::from_streams(&cli.global, &streams);
    let json = out.format == OutputFormat::Json;
    let code = match commands::dispatch(cli, &mut streams, out) {
        Ok(code) => code,
        Err(err) => report(&err, &out, json),
    };
    // A bulk run that a signal stopped has reported; now it ends by that signal.
    signals::end_if_signalled();
    code
}

/// Core limit 0 (soft and hard, so nothing later can raise it) and not dumpable, for every
/// command — the emulator holds values too. Children (a `token_command`, the emulator's
/// `-- CMD`) inherit the core limit; "not dumpable" is reset by `exec`. Failing is not fatal:
/// a platform without these calls still runs.
pub fn harden() {
    #[cfg(unix)]
    {
        let zero = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: setrlimit reads a plain struct; it only lowers a limit of this process.
        unsafe {
            libc::setrlimit(libc::RLIMIT_CORE, &zero);
        }
    }
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_DUMPABLE with 0 takes no pointers and only affects this process.
    unsafe {
        libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
}

/// `Cli::try_parse`, with clap's own help and error output coloured as `--color` asks: clap
/// only looks at the terminal and `NO_COLOR` by itself, and the choice has to be made before
/// the line is parsed, so it is read from the raw arguments.
fn parse(args: Vec<std::ffi::OsString>) -> Result<Cli, clap::Error> {
    let mut cmd = Cli::command().color(match color_choice(&args) {
        ColorChoice::Auto => clap::ColorChoice::Auto,
        ColorChoice::Always => clap::ColorChoice::Always,
        ColorChoice::Never => clap::ColorChoice::Never,
    });
    let mut matches = cmd.try_get_matches_from_mut(args)?;
    Cli::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut cmd))
}

/// `--color WHEN` or `--color=WHEN` anywhere before a `--` (after it come another program's
/// arguments: `emulator -- CMD…`); the last one counts. A value clap would refuse is `auto`
/// here, and clap reports it.
fn color_choice(args: &[std::ffi::OsString]) -> ColorChoice {
    let word = |w: &str| match w {
        "always" => Some(ColorChoice::Always),
        "never" => Some(ColorChoice::Never),
        "auto" => Some(ColorChoice::Auto),
        _ => None,
    };
    let mut choice = ColorChoice::Auto;
    let mut args = args.iter().skip(1).map(|a| a.to_str());
    while let Some(a) = args.next() {
        let found = match a {
            Some("--") => break,
            Some("--color") => args.next().flatten().and_then(word),
            Some(a) => a.strip_prefix("--color=").and_then(word),
            None => None,
        };
        if let Some(c) = found {
            choice = c;
        }
    }
    choice
}

/// Whether the raw arguments ask for `-o json`: a line that failed to parse still gets its
/// JSON error object.
fn wants_json(args: impl Iterator<Item = std::ffi::OsString>) -> bool {
    let args: Vec<String> = args.map(|a| a.to_string_lossy().into_owned()).collect();
    args.iter().enumerate().any(|(i, a)| {
        matches!(a.as_str(), "-ojson" | "--output=json")
            || (matches!(a.as_str(), "-o" | "--output")
                && args.get(i + 1).is_some_and(|n| n == "json"))
    })
}

/// Print the error (one line, a hint, and the JSON object with `-o json`) and give its code.
fn report(err: &anyhow::Error, out: &Output, json: bool) -> i32 {
    let code = error::exit_code(err);
    if error::is_broken_pipe(err) {
        return code;
    }
    let (text, hint) = error::render(err);
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(out.error_lines(&text, hint.as_deref()).as_bytes());
    if json {
        let _ = writeln!(stderr, "{}", error::render_json(err));
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(args: &[&str]) -> ColorChoice {
        let args: Vec<std::ffi::OsString> = std::iter::once("secretctl")
            .chain(args.iter().copied())
            .map(Into::into)
            .collect();
        color_choice(&args)
    }

    #[test]
    fn color_is_read_from_the_raw_arguments() {
        assert_eq!(choice(&["kubiya", "list"]), ColorChoice::Auto);
        assert_eq!(choice(&["--color", "never", "kubiya"]), ColorChoice::Never);
        assert_eq!(
            choice(&["kubiya", "list", "--color=always"]),
            ColorChoice::Always
        );
        assert_eq!(
            choice(&["--color", "never", "x", "--color", "auto"]),
            ColorChoice::Auto
        );
        assert_eq!(choice(&["--color", "bogus"]), ColorChoice::Auto);
        assert_eq!(choice(&["--color"]), ColorChoice::Auto);
        assert_eq!(
            choice(&["emulator", "--", "secretctl", "--color", "always"]),
            ColorChoice::Auto
        );
    }
}
