//! Names on TAB. The bash, zsh and fish scripts (`secretctl completions SHELL`) call back
//! into secretctl as `SECRETCTL_COMPLETE=SHELL secretctl -- WORDS…`; clap's engine
//! (`clap_complete::CompleteEnv`) completes subcommands and flags from the one definition in
//! `cli.rs`, to which [`with_name_completers`] adds a completer on every argument that takes
//! a secret name ([`takes_a_secret_name`]; `cli.rs` stays clap only). The completer asks the
//! account — as jj's completers do, it reads the line being completed again to learn the
//! provider, profile, config file and base URL the command would use.
//!
//! The rules (docs/config-check-and-completion.md): at most one list call per 60 s for each
//! provider, profile and base URL (a cache of names only, mode 0600, written atomically); at
//! most 1 s of waiting; never a prompt, never a message, and exit 0 whatever happens.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use clap::{CommandFactory, FromArgMatches};
use clap_complete::engine::{ArgValueCompleter, CompletionCandidate};
use serde_json::{Value, json};

use super::connect::provider;
use crate::cli::{Cli, Command, ProviderArgs};
use crate::config::{self, Config};
use crate::context::Ctx;
use crate::output::{Output, field};
use crate::provider::{Identity, ListFilter, Provider, ProviderKind};
use crate::streams::Streams;

/// The variable that asks secretctl for completions instead of running a command.
pub const VAR: &str = "SECRETCTL_COMPLETE";
/// The longest a TAB waits for names, from the start of the process.
const BUDGET: Duration = Duration::from_millis(1000);
/// The share of [`BUDGET`] the lookup may use; the rest is the margin for answering.
const WORK: Duration = Duration::from_millis(850);
/// How long a list of names is used before the account is asked again.
const FRESH_SECS: u64 = 60;

static STARTED: OnceLock<Instant> = OnceLock::new();

/// When the shell asks for completions, answer them and return `true` (the caller exits 0).
/// From here on nothing reaches the terminal: stderr goes to /dev/null, for this process and
/// for a `token_command` it runs, which also gets no terminal to prompt on.
pub fn answer_if_asked() -> bool {
    let asked = std::env::var_os(VAR).is_some_and(|v| !v.is_empty() && v != "0");
    if !asked {
        return false;
    }
    STARTED.get_or_init(Instant::now);
    silence_stderr();
    config::token::run_unattended();
    let cwd = std::env::current_dir().ok();
    let _ = clap_complete::CompleteEnv::with_factory(|| with_name_completers(Cli::command()))
        .var(VAR)
        .try_complete(std::env::args_os(), cwd.as_deref());
    true
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

/// The account's names that start with what was typed; nothing on any failure.
fn complete_names(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(prefix) = current.to_str().map(str::to_string) else {
        return vec![];
    };
    let words = line_being_completed();
    let deadline = *STARTED.get_or_init(Instant::now) + BUDGET;
    // The lookup runs on its own thread so that a slow token_command or server cannot hold
    // the shell past the budget: whatever has not answered by then is left behind.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(names_for(&words));
    });
    let names = rx
        .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        .unwrap_or_default();
    names
        .into_iter()
        .filter(|n| n.starts_with(&prefix))
        .map(CompletionCandidate::new)
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

/// Which provider, and with which settings, the line would run: the line parsed leniently
/// (it is unfinished).
fn names_for(words: &[OsString]) -> Vec<String> {
    let Ok(mut matches) = Cli::command()
        .ignore_errors(true)
        .try_get_matches_from(words)
    else {
        return vec![];
    };
    let Ok(cli) = Cli::from_arg_matches_mut(&mut matches) else {
        return vec![];
    };
    let (kind, p) = match &cli.command {
        Command::Chatbotkit(c) => (ProviderKind::Chatbotkit, &c.provider),
        Command::Kubiya(c) => (ProviderKind::Kubiya, &c.provider),
        _ => return vec![],
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
    lookup(&mut ctx, kind, p).unwrap_or_default()
}

/// The names from the cache while it is fresh, else from one list call (remembered, a
/// failed or unfinished one too, for [`FRESH_SECS`]). `None` when nothing can be asked (no
/// token).
fn lookup(ctx: &mut Ctx, kind: ProviderKind, p: &ProviderArgs) -> Option<Vec<String>> {
    let cfg = Config::load(&ctx.config).ok()?;
    let ep = config::resolve_endpoint(kind, p.base_url.as_deref(), &cfg, ctx.env).ok()?;
    let key = Key {
        provider: kind.key(),
        profile: cfg.profile.clone(),
        base_url: ep.api_root.to_string(),
    };
    let path = key.path()?;
    if let Some(names) = key.read(&path) {
        return Some(names);
    }
    let started = *STARTED.get_or_init(Instant::now);
    ctx.timeout = (started + WORK).saturating_duration_since(Instant::now());
    if ctx.timeout.is_zero() {
        return None;
    }
    let prov = provider(ctx, kind, p, None, None).ok()?;
    // The call counts from the moment it is made: a TAB left behind by a slow server (this
    // process may end before the answer) is remembered as a failure.
    key.write(&path, None);
    let listed = names_of(&*prov);
    key.write(&path, listed.as_deref());
    listed
}

/// Every secret's name; ChatBotKit's ids where a name is held by several secrets, or holds
/// what a terminal must not be shown raw (a control character, a bidi override: the shell
/// prints candidates as they are, and splits them at a newline). A Kubiya name like that has
/// no other handle and is left out.
fn names_of(prov: &dyn Provider) -> Option<Vec<String>> {
    let mut records: Vec<(String, String)> = Vec::new();
    prov.list(&ListFilter::default(), &mut |r: Value| {
        records.push((field(&r, "name"), field(&r, "id")));
        Ok(())
    })
    .ok()?;
    let count = |name: &str| records.iter().filter(|(n, _)| n == name).count();
    let shown_as_is = |s: &str| crate::sanitize::sanitize(s) == s;
    let mut names: Vec<String> = records
        .iter()
        .filter_map(|(name, id)| {
            let by_id = prov.identity() == Identity::Id;
            if by_id && (count(name) > 1 || !shown_as_is(name)) {
                Some(id.clone())
            } else {
                shown_as_is(name).then(|| name.clone())
            }
        })
        .filter(|n| !n.is_empty() && shown_as_is(n))
        .collect();
    names.sort();
    names.dedup();
    Some(names)
}

/// What one cache file is for: a provider, a profile, a base URL.
struct Key {
    provider: &'static str,
    profile: String,
    base_url: String,
}

impl Key {
    /// `<cache dir>/secretctl/names-<provider>-<hash of the key>.json`.
    fn path(&self) -> Option<PathBuf> {
        // FNV-1a: stable across versions and platforms, unlike `DefaultHasher`.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in [self.provider, &self.profile, &self.base_url]
            .join("\n")
            .bytes()
        {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        let dir = dirs::cache_dir()?.join("secretctl");
        Some(dir.join(format!("names-{}-{h:016x}.json", self.provider)))
    }

    /// The names cached for this key, while fresh (a failed lookup is an empty list).
    fn read(&self, path: &Path) -> Option<Vec<String>> {
        let bytes = crate::config::file::read_bounded(path).ok()?;
        let v: Value = serde_json::from_slice(&bytes).ok()?;
        let same = v["provider"] == self.provider
            && v["profile"] == self.profile.as_str()
            && v["base_url"] == self.base_url.as_str();
        let age = now_secs().checked_sub(v["fetched_at"].as_u64()?)?;
        if !same || age >= FRESH_SECS {
            return None;
        }
        let names = v["names"].as_array()?;
        Some(
            names
                .iter()
                .filter_map(|n| n.as_str().map(str::to_string))
                .collect(),
        )
    }

    /// Remember what one list call gave (`None`: it failed). Names only: never a value, never
    /// a token. A cache that cannot be written is no error: the next TAB asks again.
    fn write(&self, path: &Path, names: Option<&[String]>) {
        let v = json!({
            "provider": self.provider,
            "profile": self.profile,
            "base_url": self.base_url,
            "fetched_at": now_secs(),
            "ok": names.is_some(),
            "names": names.unwrap_or_default(),
        });
        let _ = crate::config::edit::write_private(path, v.to_string().as_bytes());
    }
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
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
