//! Names on TAB. The bash, zsh and fish scripts (`secretctl completions SHELL`) call back
//! into secretctl as `SECRETCTL_COMPLETE=SHELL secretctl -- WORDS…`; clap's engine
//! (`clap_complete::CompleteEnv`) completes subcommands and flags from the one definition in
//! `cli.rs`, to which [`with_name_completers`] adds a completer on every argument that takes
//! a secret name ([`takes_a_secret_name`]; `cli.rs` stays clap only). The completer asks the
//! account — as jj's completers do, it reads the line being completed again to learn the
//! provider, profile, config file and base URL the command would use.
//!
//! The rules (docs/config-check-and-completion.md): at most one lookup (a `token_command`
//! and a list call) per 60 s for each provider, config file, profile, base URL and credential
//! (a cache of names only, mode 0600, written atomically: [`cache`]); at most 1 s of waiting
//! — a lookup that takes longer goes on in a detached process of its own and fills the cache
//! for the next TAB; never a prompt, never a message, and exit 0 whatever happens. What bash
//! is given is quoted for the word being typed ([`quote`]).

pub mod cache;
pub mod quote;

use std::ffi::{OsStr, OsString};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use clap::{CommandFactory, FromArgMatches};
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};
use reqwest::Url;

use super::connect::provider_for;
use crate::cli::{Cli, Command};
use crate::config::{self, Config};
use crate::context::Ctx;
use crate::error::{self, Error};
use crate::output::{Output, field};
use crate::provider::{Identity, ListFilter, Provider, ProviderKind};
use crate::streams::Streams;
use cache::{Entry, Key, State};

/// The variable that asks secretctl for completions instead of running a command.
pub const VAR: &str = "SECRETCTL_COMPLETE";
/// Set (with [`VAR`]) on the detached process that makes a lookup and fills the cache.
const FILL_VAR: &str = "_SECRETCTL_COMPLETE_FILL";
/// The raw word bash completes (`COMP_WORDS[COMP_CWORD]`), quotes and backslashes as typed:
/// passed by the bash script, which gives the word itself only from its open quote on.
const WORD_VAR: &str = "_SECRETCTL_COMPLETE_WORD";
/// The longest a TAB waits for names, from the start of the process.
const BUDGET: Duration = Duration::from_millis(1000);
/// The share of [`BUDGET`] the lookup may use; the rest is the margin for answering.
const WORK: Duration = Duration::from_millis(850);
/// How often a TAB looks whether the lookup has filled the cache.
const POLL: Duration = Duration::from_millis(20);

static STARTED: OnceLock<Instant> = OnceLock::new();
/// The shell that asked (clap takes [`VAR`] out of the environment before completing).
static SHELL: OnceLock<String> = OnceLock::new();

/// When the shell asks for completions, answer them and return `Ok(true)` (the caller exits
/// 0). From here on nothing reaches the terminal: stderr goes to /dev/null, for this process
/// and for a `token_command` it runs, which also gets no terminal to prompt on.
///
/// Only a shell's name turns a command into completions: any other value (`true`, `yes`) is
/// a usage error before anything is read or sent — a variable left set by mistake must not
/// make `delete --yes` a silent success that deleted nothing.
pub fn answer_if_asked() -> Result<bool, Error> {
    let Some(value) = std::env::var_os(VAR) else {
        return Ok(false);
    };
    if value.is_empty() || value == "0" {
        return Ok(false);
    }
    let shells = clap_complete::env::Shells::builtins();
    let Some(shell) = value.to_str().filter(|v| shells.completer(v).is_some()) else {
        return Err(not_a_shell(&value, shells.names()));
    };
    let _ = SHELL.set(shell.to_string());
    STARTED.get_or_init(Instant::now);
    silence_stderr();
    config::token::run_unattended();
    if std::env::var_os(FILL_VAR).is_some() {
        fill();
        return Ok(true);
    }
    let cwd = std::env::current_dir().ok();
    let _ = clap_complete::CompleteEnv::with_factory(|| with_name_completers(Cli::command()))
        .var(VAR)
        .try_complete(std::env::args_os(), cwd.as_deref());
    Ok(true)
}

fn not_a_shell(value: &OsStr, names: impl Iterator<Item = &'static str>) -> Error {
    let names: Vec<&str> = names.collect();
    let shown = match value.to_str() {
        Some(v) => {
            let v: String = crate::sanitize::sanitize(v).chars().take(40).collect();
            format!("{VAR}={v}")
        }
        None => format!("{VAR} (not text)"),
    };
    error::usage(format!(
        "{shown}: not a shell secretctl completes for ({}); nothing was run",
        names.join(", ")
    ))
    .with_hint(format!(
        "{VAR} asks secretctl for TAB completions instead of running the command (the scripts \
         of 'secretctl completions SHELL' set it on each TAB); to run commands: unset {VAR}"
    ))
}

/// Whether an argument of a provider's verb names an existing secret: the positional name
/// (`get`, `update`, `delete`, `verify`, `revoke`, `list NAME…`, `export NAME…`) or a
/// `-s NAME` selector (`run -s`).
/// `create` takes a new name, with nothing to complete. A new verb whose argument is spelled
/// otherwise gets its id added here.
fn takes_a_secret_name(verb: &str, arg: &clap::Arg) -> bool {
    verb != "create"
        && matches!(
            arg.get_id().as_str(),
            "name" | "name_or_id" | "names" | "secret" | "secrets"
        )
        && (arg.is_positional() || arg.get_short() == Some('s'))
}

/// The command line with [`complete_names`] on every argument [`takes_a_secret_name`].
fn with_name_completers(mut cmd: clap::Command) -> clap::Command {
    for kind in ProviderKind::ALL {
        cmd = cmd.mut_subcommand(kind.key(), |mut provider| {
            // A hidden verb (`chatbotkit export`, which only refuses) completes nothing.
            let verbs: Vec<String> = provider
                .get_subcommands()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            for verb in verbs {
                provider = provider.mut_subcommand(&verb, |v| {
                    v.mut_args(|a| {
                        if takes_a_secret_name(&verb, &a) {
                            a.add(ArgValueCompleter::new(complete_names))
                        } else {
                            a
                        }
                    })
                });
            }
            provider
        });
    }
    cmd
}

fn silence_stderr() {
    #[cfg(unix)]
    {
        use std::os::fd::AsRawFd;
        if let Ok(null) = std::fs::OpenOptions::new().write(true).open("/dev/null") {
            // SAFETY: dup2 onto fd 2 only redirects this process's stderr.
            unsafe {
                libc::dup2(null.as_raw_fd(), 2);
            }
        }
    }
}

/// The account's names (and ids) that start with what was typed, written for the shell;
/// nothing on any failure.
fn complete_names(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(current) = current.to_str() else {
        return vec![];
    };
    let words = line_being_completed();
    let deadline = *STARTED.get_or_init(Instant::now) + BUDGET;
    // On a thread of its own, so that nothing (a config file that is a FIFO…) can hold the
    // shell past the budget: whatever has not answered by then is left behind.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(entries_for(&words));
    });
    let entries = rx
        .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        .unwrap_or_default();
    offer(SHELL.get().map_or("", String::as_str), current, &entries)
}

/// The entries that match the typed word, as the shell must be given them: for bash quoted
/// for where the cursor is (bash inserts them as they are); for zsh and fish as they are,
/// with the name beside an id (they quote what they insert).
fn offer(shell: &str, current: &str, entries: &[Entry]) -> Vec<CompletionCandidate> {
    if shell == "bash" {
        let raw = std::env::var(WORD_VAR).ok();
        let typed = quote::bash_word(raw.as_deref(), current);
        return entries
            .iter()
            .filter(|e| e.matches(&typed.value))
            .filter_map(|e| quote::for_bash(&e.offer, &typed))
            .map(CompletionCandidate::new)
            .collect();
    }
    let typed = match shell {
        "fish" => quote::read_fish(current),
        "zsh" => quote::read_bash(current).value,
        _ => current.to_string(),
    };
    entries
        .iter()
        .filter(|e| e.matches(&typed))
        .map(|e| CompletionCandidate::new(&e.offer).help(e.name.clone().map(Into::into)))
        .collect()
}

/// The words of the line up to the one being completed, as the shell script passed them
/// (`secretctl -- secretctl kubiya get GH_`): bash and zsh say which word is current in
/// `_CLAP_COMPLETE_INDEX`, fish passes the line cut at the cursor.
fn line_being_completed() -> Vec<OsString> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let start = args
        .iter()
        .position(|a| a == "--")
        .map_or(args.len(), |i| i + 1);
    let mut words = args[start..].to_vec();
    if let Some(index) = std::env::var("_CLAP_COMPLETE_INDEX")
        .ok()
        .and_then(|i| i.parse::<usize>().ok())
    {
        words.truncate(index + 1);
        words.resize(index + 1, OsString::new());
    }
    words
}

/// What the line would use: the provider, its config, the API root and the cache key (the
/// credential told apart without running anything).
struct Target {
    kind: ProviderKind,
    cfg: Config,
    api_root: Url,
    key: Key,
}

/// Call `f` with the context and [`Target`] of the line (parsed leniently: it is unfinished);
/// `None` when the line runs no provider command or has no token.
fn with_target<R>(words: &[OsString], f: impl FnOnce(&mut Ctx, Target) -> R) -> Option<R> {
    let mut matches = Cli::command()
        .ignore_errors(true)
        .try_get_matches_from(words)
        .ok()?;
    let cli = Cli::from_arg_matches_mut(&mut matches).ok()?;
    let (kind, p) = match &cli.command {
        Command::Chatbotkit(c) => (ProviderKind::Chatbotkit, &c.provider),
        Command::Kubiya(c) => (ProviderKind::Kubiya, &c.provider),
        _ => return None,
    };
    let mut streams = Streams::real();
    let out = Output::from_streams(
        (&cli.global).into(),
        &streams,
        &crate::env::process_env_lossy,
    );
    let file = super::config_file(&cli.config_file, &cli.command);
    let mut ctx = Ctx::resolve(
        &cli.global,
        file,
        &crate::env::process_env,
        &mut streams,
        out,
    );
    ctx.retries = 0;
    ctx.verbose = 0;
    let cfg = Config::load(&ctx.config).ok()?;
    let ep = config::resolve_endpoint(kind, p.base_url.as_deref(), &cfg, ctx.env).ok()?;
    let (source, material) = config::token_identity(kind, &cfg, ctx.env)?;
    let config_path = ctx.config.path().unwrap_or_default();
    let key = Key::new(
        kind.key(),
        &config_path,
        &cfg.profile,
        ep.api_root.as_str(),
        &source,
        &material,
    )?;
    let target = Target {
        kind,
        cfg,
        api_root: ep.api_root,
        key,
    };
    Some(f(&mut ctx, target))
}

/// The entries for the line: from the cache while it is fresh; else the lookup is recorded
/// as under way and started in a detached process ([`spawn_filler`]), and the cache is
/// watched until the budget is spent. A lookup already under way is waited for the same way.
fn entries_for(words: &[OsString]) -> Vec<Entry> {
    with_target(words, |_, t| {
        match t.key.read() {
            Some(State::Done(entries)) => return entries,
            Some(State::Pending) => {}
            None => {
                // Recorded before the token is resolved: a slow token_command runs once.
                if !t.key.claim() || spawn_filler().is_err() {
                    return vec![];
                }
            }
        }
        let until = *STARTED.get_or_init(Instant::now) + WORK;
        loop {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return vec![];
            }
            std::thread::sleep(POLL.min(left));
            if let Some(State::Done(entries)) = t.key.read() {
                return entries;
            }
        }
    })
    .unwrap_or_default()
}

/// secretctl again, with the same line and environment, as the process that makes the
/// lookup ([`fill`]): stdin, stdout and stderr on /dev/null (the shell waits for no output of
/// it), a session of its own (no terminal, no signal from the shell's job control), not
/// waited for. It ends by itself: the token_command and the list call are bounded by the
/// line's `--timeout`, with no retry.
fn spawn_filler() -> std::io::Result<()> {
    use std::process::Stdio;
    let mut c = std::process::Command::new(std::env::current_exe()?);
    c.args(std::env::args_os().skip(1))
        .env(VAR, SHELL.get().map_or("bash", String::as_str))
        .env(FILL_VAR, "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: setsid(2) is async-signal-safe and touches no memory of the parent.
        unsafe {
            c.pre_exec(|| {
                libc::setsid();
                Ok(())
            });
        }
    }
    // Not waited for: when this process ends first, init reaps it.
    c.spawn().map(drop)
}

/// The detached lookup: resolve the token (a `token_command` runs here, once), list the
/// account, store what it gave — a failure too — in the cache. Only while the cache still
/// says the lookup is under way (nothing newer replaced or removed the record).
fn fill() {
    let words = line_being_completed();
    with_target(&words, |ctx, t| {
        if !matches!(t.key.read(), Some(State::Pending)) {
            return;
        }
        let listed = config::resolve_token(
            t.kind,
            &t.cfg,
            ctx.env,
            ctx.timeout,
            &[VAR, FILL_VAR, WORD_VAR],
        )
        .and_then(|(token, _)| provider_for(ctx, t.kind, token, t.api_root.clone()))
        .ok()
        .and_then(|p| entries_of(&*p));
        t.key.store(listed.as_deref());
    });
}

/// Every secret as TAB offers it: by its name; ChatBotKit's by its id where the name is held
/// by several secrets, is empty, or holds what a terminal must not be shown raw (a control
/// character, a bidi override: the shell prints candidates as they are, and splits them at a
/// newline) — with the name beside it when it can be shown. A Kubiya name like that has no
/// other handle and is left out.
fn entries_of(prov: &dyn Provider) -> Option<Vec<Entry>> {
    let mut records: Vec<(String, String)> = Vec::new();
    prov.list(&ListFilter::default(), &mut |r: serde_json::Value| {
        records.push((field(&r, "name"), field(&r, "id")));
        Ok(())
    })
    .ok()?;
    let count = |name: &str| records.iter().filter(|(n, _)| n == name).count();
    let shown_as_is = |s: &str| !s.is_empty() && crate::sanitize::sanitize(s) == s;
    let by_id = prov.identity() == Identity::Id;
    let mut entries: Vec<Entry> = records
        .iter()
        .filter_map(|(name, id)| {
            let showable = shown_as_is(name);
            if by_id && (!showable || count(name) > 1) {
                shown_as_is(id).then(|| Entry {
                    offer: id.clone(),
                    name: showable.then(|| name.clone()),
                })
            } else {
                showable.then(|| Entry {
                    offer: name.clone(),
                    name: None,
                })
            }
        })
        .collect();
    entries.sort();
    entries.dedup();
    Some(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every argument that names an existing secret completes the account's names.
    #[test]
    fn the_name_arguments_of_every_verb_get_the_completer() {
        let mut cmd = with_name_completers(Cli::command());
        cmd.build();
        let mut got: Vec<String> = Vec::new();
        for kind in ProviderKind::ALL {
            let provider = cmd.find_subcommand(kind.key()).unwrap();
            for verb in provider.get_subcommands() {
                for arg in verb.get_arguments() {
                    if arg.get::<ArgValueCompleter>().is_some() {
                        got.push(format!(
                            "{} {} {}",
                            kind.key(),
                            verb.get_name(),
                            arg.get_id()
                        ));
                    }
                }
            }
        }
        got.sort();
        assert_eq!(
            got,
            [
                "chatbotkit delete name_or_id",
                "chatbotkit get name_or_id",
                "chatbotkit list names",
                "chatbotkit revoke name_or_id",
                "chatbotkit update name_or_id",
                "chatbotkit verify name_or_id",
                "kubiya delete name_or_id",
                "kubiya export names",
                "kubiya get name_or_id",
                "kubiya list names",
                "kubiya run secret",
                "kubiya update name",
            ]
        );
    }
}
