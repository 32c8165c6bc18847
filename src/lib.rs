//! secretctl: create, read, update, delete, list and import the secrets of ChatBotKit and
//! Kubiya, with values that never reach argv, history, logs or scrollback.
//!
//! `run` = parse → resolve → dispatch → report; `main.rs` only exits with its code.

pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod emulator;
pub mod env;
pub mod error;
pub mod export;
pub mod import;
pub mod input;
pub mod lines;
pub mod output;
pub mod pace;
pub mod pool;
pub mod prompt;
pub mod provider;
pub mod redact;
pub mod sanitize;
pub mod secret;
pub mod signals;
pub mod stdin;
pub mod streams;
pub mod terraform;
pub mod transport;

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, ColorChoice, OutputFormat};
use crate::output::{Output, OutputChoice};
use crate::streams::Streams;

/// The whole program; returns the exit code.
pub fn main() -> i32 {
    // First of all, before any value or token is read: nothing this process holds can end up
    // in a core file or be read by another process of the same user through ptrace or
    // /proc/PID/mem.
    harden();
    // A shell asking for completions on TAB (`SECRETCTL_COMPLETE=bash secretctl -- …`).
    let refused = match commands::complete::answer_if_asked() {
        Ok(true) => return error::exit::SUCCESS,
        Ok(false) => None,
        Err(e) => Some(e),
    };
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // A completion variable that names no shell: its error, before the line is even parsed
    // (nothing runs), shown with the line's `--color` and `-o json`.
    if let Some(e) = refused {
        let early = EarlyOptions::read(&args);
        let choice = OutputChoice {
            format: early.json.then_some(output::OutputFormat::Json),
            color: early.color.into(),
        };
        let out = Output::from_streams(choice, &Streams::real(), &env::process_env_lossy);
        return report(&anyhow::Error::new(e), &out, early.json);
    }
    let cli = match parse(&args, ColorChoice::Auto) {
        Ok(cli) => cli,
        Err(first) if first.kind() == clap::error::ErrorKind::DisplayVersion => {
            let _ = first.print();
            return error::exit::SUCCESS;
        }
        Err(first) => {
            // Help or a usage error: coloured, and with its JSON object, as the line asks —
            // which clap reads again, leaving out what it refused.
            let early = EarlyOptions::read(&args);
            let e = if early.color == ColorChoice::Auto {
                first
            } else {
                parse(&args, early.color).err().unwrap_or(first)
            };
            let _ = e.print();
            // clap: help and version are 0, usage errors 2 (the contract's usage code).
            if !e.use_stderr() {
                return error::exit::SUCCESS;
            }
            if early.json {
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
            return error::exit::USAGE;
        }
    };
    let mut streams = Streams::real();
    let out = Output::from_streams(
        OutputChoice::from(&cli.global),
        &streams,
        &env::process_env_lossy,
    );
    let json = out.format == output::OutputFormat::Json;
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

/// `Cli::try_parse`, with clap's own help and error output coloured as `--color` asks (clap
/// by itself only looks at the terminal and `NO_COLOR`).
fn parse(args: &[std::ffi::OsString], color: ColorChoice) -> Result<Cli, clap::Error> {
    let mut cmd = Cli::command().color(match color {
        ColorChoice::Auto => clap::ColorChoice::Auto,
        ColorChoice::Always => clap::ColorChoice::Always,
        ColorChoice::Never => clap::ColorChoice::Never,
    });
    let mut matches = cmd.try_get_matches_from_mut(args)?;
    Cli::from_matches(&mut matches, args).map_err(|e| e.format(&mut cmd))
}

/// The two options a line that clap refuses still needs: `--color` (for clap's own help and
/// errors) and `-o json` (its JSON error object). clap reads them by the same definition as
/// the real parse — any spelling it accepts (`-o json`, `-ojson`, `-o=json`, `--output=json`),
/// wherever a global option may stand, never from another program's arguments after `--`:
/// the line is parsed again without what clap's error names (an unknown argument or
/// subcommand, `--help`), and once nothing more can be left out, leniently.
struct EarlyOptions {
    color: ColorChoice,
    json: bool,
}

impl EarlyOptions {
    fn read(args: &[std::ffi::OsString]) -> EarlyOptions {
        use clap::error::{ContextKind, ContextValue, ErrorKind};
        let mut args = args.to_vec();
        // A word can only be left out once: the loop ends within the line's length.
        for _ in 0..args.len() {
            let e = match Cli::command().try_get_matches_from(&args) {
                Ok(m) => return EarlyOptions::from(&m),
                Err(e) => e,
            };
            let refused: Vec<String> = match e.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    ["--help", "-h", "--version", "-V", "help"]
                        .map(String::from)
                        .to_vec()
                }
                _ => [ContextKind::InvalidArg, ContextKind::InvalidSubcommand]
                    .into_iter()
                    .filter_map(|k| match e.get(k) {
                        Some(ContextValue::String(s)) => Some(s.clone()),
                        _ => None,
                    })
                    .collect(),
            };
            let end = args.iter().position(|a| a == "--").unwrap_or(args.len());
            let at = args[1..end].iter().position(|a| {
                a.to_str().is_some_and(|a| {
                    refused.iter().any(|r| {
                        a == r
                            || a.strip_prefix(r.as_str())
                                .is_some_and(|t| t.starts_with('='))
                    })
                })
            });
            match at {
                Some(i) => {
                    args.remove(i + 1);
                }
                None => break,
            }
        }
        Cli::command()
            .ignore_errors(true)
            .try_get_matches_from(&args)
            .map(|m| EarlyOptions::from(&m))
            .unwrap_or(EarlyOptions {
                color: ColorChoice::Auto,
                json: false,
            })
    }

    /// Global options are propagated down: the innermost level that parsed has them all.
    fn from(top: &clap::ArgMatches) -> EarlyOptions {
        let mut early = EarlyOptions {
            color: ColorChoice::Auto,
            json: false,
        };
        let mut m = top;
        loop {
            let explicit = |id: &str| {
                m.value_source(id)
                    .is_some_and(|s| s != clap::parser::ValueSource::DefaultValue)
            };
            if explicit("color")
                && let Ok(Some(c)) = m.try_get_one::<ColorChoice>("color")
            {
                early.color = *c;
            }
            if explicit("output")
                && let Ok(Some(o)) = m.try_get_one::<OutputFormat>("output")
            {
                early.json = *o == OutputFormat::Json;
            }
            match m.subcommand() {
                Some((_, sub)) => m = sub,
                None => return early,
            }
        }
    }
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

    fn early(args: &[&str]) -> (ColorChoice, bool) {
        let args: Vec<std::ffi::OsString> = std::iter::once("secretctl")
            .chain(args.iter().copied())
            .map(Into::into)
            .collect();
        let e = EarlyOptions::read(&args);
        (e.color, e.json)
    }

    #[test]
    fn colour_and_json_are_read_by_clap_even_from_a_line_that_fails() {
        use ColorChoice::*;
        assert_eq!(early(&["kubiya", "list"]), (Auto, false));
        assert_eq!(early(&["--color", "never", "kubiya"]), (Never, false));
        assert_eq!(
            early(&["kubiya", "list", "--color=always"]),
            (Always, false)
        );
        assert_eq!(early(&["--color", "bogus", "kubiya", "list"]).0, Auto);
        assert_eq!(early(&["--color"]).0, Auto);
        // Another program's arguments are not ours.
        assert_eq!(
            early(&[
                "emulator",
                "--",
                "secretctl",
                "--color",
                "always",
                "-o",
                "json"
            ]),
            (Auto, false)
        );
        // Every spelling clap accepts, before a command it cannot parse too.
        for spelling in [
            &["-o", "json"][..],
            &["-ojson"][..],
            &["-o=json"][..],
            &["--output", "json"][..],
            &["--output=json"][..],
        ] {
            let mut line: Vec<&str> = spelling.to_vec();
            line.extend(["kubiya", "lst"]);
            assert!(early(&line).1, "{line:?}");
        }
        assert!(early(&["kubiya", "list", "-o", "json", "--bogus"]).1);
        assert!(early(&["kubiya", "list", "--bogus", "-o", "json"]).1);
        assert_eq!(
            early(&["kubiya", "list", "--bogus", "--color=never"]).0,
            Never
        );
        assert_eq!(
            early(&["kubiya", "list", "--help", "--color", "never"]).0,
            Never
        );
        assert_eq!(early(&["--color", "never", "--help"]).0, Never);
        assert_eq!(early(&["--color=always", "--version"]).0, Always);
        assert!(!early(&["kubiya", "list", "-o", "plain", "--bogus"]).1);
    }
}
