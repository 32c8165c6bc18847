//! The token: from the provider's variables, a profile's `token`, or its `token_command`
//! (run bounded, with no stdin and no credential variables).

use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use zeroize::Zeroizing;

use super::file::default_path;
use super::{Config, Layers, Source, pick};
use crate::env::EnvFn;
use crate::error::{self, Error, Result};
use crate::provider::kind::ProviderKind;
use crate::secret::Token;

/// Every variable that may hold a credential, of any provider: kept out of children's
/// environments.
fn all_token_env() -> impl Iterator<Item = &'static str> {
    ProviderKind::ALL
        .into_iter()
        .flat_map(|p| p.token_env().iter().copied())
}

/// Where a token comes from: what `config show` reports and what [`resolve_token`] read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenSource {
    /// The variable named.
    Env(&'static str),
    /// The `token` key of the profile named.
    Token(String),
    /// The `token_command` of the profile named.
    Command(String),
}

impl std::fmt::Display for TokenSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TokenSource::Env(v) => write!(f, "{}", Source::Env(v)),
            TokenSource::Token(p) => write!(f, "{} token", Source::Profile(p.clone())),
            TokenSource::Command(p) => write!(f, "{} token_command", Source::Profile(p.clone())),
        }
    }
}

/// A token as one layer of the precedence rule holds it, before any command runs.
enum Found<'c> {
    Env(&'static str, String),
    Token(&'c Token),
    Command(&'c str),
    /// A profile that sets both `token` and `token_command`: refused when used.
    Both,
}

/// The token's layers: the provider's variables, then the profile's `token` or
/// `token_command`; no flag and no default.
fn layers<'c>(kind: ProviderKind) -> Layers<'c, Found<'c>> {
    Layers {
        flag: None,
        vars: kind.token_env(),
        from_env: Found::Env,
        from_profile: |pc| match (&pc.token, &pc.token_command) {
            (Some(_), Some(_)) => Some(Found::Both),
            (Some(t), None) => Some(Found::Token(t)),
            (None, Some(c)) => Some(Found::Command(c)),
            (None, None) => None,
        },
        default: None,
    }
}

/// Resolve the token: environment (in the provider's order) > profile `token` >
/// profile `token_command`. `timeout` bounds the command.
pub fn resolve_token(
    kind: ProviderKind,
    config: &Config,
    env: EnvFn,
    timeout: Duration,
    keep_from_children: &[&str],
) -> Result<(Token, TokenSource)> {
    let Some((found, _)) = pick(kind, layers(kind), Some(config), env) else {
        return Err(missing_token(kind, config));
    };
    let profile = || config.profile.clone();
    match found {
        Found::Env(var, v) => Ok((Token::new(v.trim()), TokenSource::Env(var))),
        Found::Both => Err(error::usage(format!(
            "profile '{}' sets both token and token_command for {}; keep one",
            config.profile,
            kind.key()
        ))),
        Found::Token(t) => {
            if t.expose().trim().is_empty() {
                return Err(error::auth(format!(
                    "profile '{}' has an empty {} token",
                    config.profile,
                    kind.key()
                )));
            }
            Ok((Token::new(t.expose().trim()), TokenSource::Token(profile())))
        }
        Found::Command(cmd) => {
            let t = run_token_command(kind, &config.profile, cmd, timeout, keep_from_children)?;
            Ok((t, TokenSource::Command(profile())))
        }
    }
}

fn missing_token(kind: ProviderKind, config: &Config) -> Error {
    let vars = kind.token_env().join(", ");
    let file = config
        .path
        .clone()
        .or_else(default_path)
        .map_or("the config file".to_string(), |p| p.display().to_string());
    error::auth(format!(
        "no {} token — set {} or run 'secretctl config set-token {}'",
        kind.display(),
        kind.token_env()[0],
        kind.key()
    ))
    .with_hint(format!(
        "secretctl reads {vars}, then token or token_command under [profiles.{}.{}] in {file}",
        config.profile,
        kind.key()
    ))
}

/// Where the token would come from, without running any command.
pub fn token_source(kind: ProviderKind, config: &Config, env: EnvFn) -> Option<TokenSource> {
    let (found, _) = pick(kind, layers(kind), Some(config), env)?;
    Some(match found {
        Found::Env(var, _) => TokenSource::Env(var),
        Found::Token(_) | Found::Both => TokenSource::Token(config.profile.clone()),
        Found::Command(_) => TokenSource::Command(config.profile.clone()),
    })
}

/// What tells one credential from another without running anything: where the token comes
/// from, and the token itself (a variable's, a profile's `token`) or, for a `token_command`,
/// the command line (running it is what a TAB must not do more than once a minute). Only for
/// a keyed digest (the names cache on TAB); never shown or stored as it is.
pub fn token_identity(
    kind: ProviderKind,
    config: &Config,
    env: EnvFn,
) -> Option<(TokenSource, Zeroizing<String>)> {
    let (found, _) = pick(kind, layers(kind), Some(config), env)?;
    let profile = config.profile.clone();
    Some(match found {
        Found::Env(var, v) => (TokenSource::Env(var), Zeroizing::new(v.trim().to_string())),
        Found::Token(t) => (
            TokenSource::Token(profile),
            Zeroizing::new(t.expose().trim().to_string()),
        ),
        Found::Command(c) => (TokenSource::Command(profile), Zeroizing::new(c.to_string())),
        // Refused when used: nothing to tell apart.
        Found::Both => (TokenSource::Token(profile), Zeroizing::new(String::new())),
    })
}

/// Set when secretctl answers a shell's TAB ([`run_unattended`]).
static UNATTENDED: AtomicBool = AtomicBool::new(false);

/// From now on a `token_command` runs unattended: with no terminal (a session of its own, so
/// nothing can prompt) and its stderr discarded — completing a name on TAB never asks or
/// prints anything.
pub fn run_unattended() {
    UNATTENDED.store(true, Ordering::Relaxed);
}

/// Run `/bin/sh -c CMD` with no stdin (it must not eat a value piped to secretctl), stderr passed
/// through (a password manager may explain itself), no credential variables in its
/// environment, killed with its process group after `timeout`. Stdout, trimmed, is the token.
fn run_token_command(
    kind: ProviderKind,
    profile: &str,
    cmd: &str,
    timeout: Duration,
    keep_from_children: &[&str],
) -> Result<Token> {
    use wait_timeout::ChildExt;
    let what = format!("token_command of profile '{profile}' ({})", kind.key());
    // By absolute path: a `sh` earlier in $PATH (a planted one) never sees the command.
    let unattended = UNATTENDED.load(Ordering::Relaxed);
    let mut command = Command::new("/bin/sh");
    command
        .arg("-c")
        .arg(cmd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(if unattended {
            Stdio::null()
        } else {
            Stdio::inherit()
        });
    for var in all_token_env() {
        command.env_remove(var);
    }
    for var in keep_from_children {
        command.env_remove(var);
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        if unattended {
            // A session of its own has no controlling terminal: a password manager that
            // would ask on /dev/tty fails instead of prompting. Its process group is its pid,
            // as with `process_group(0)`, so the timeout still kills the whole group.
            // SAFETY: setsid(2) is async-signal-safe and touches no memory of the parent.
            unsafe {
                command.pre_exec(|| {
                    libc::setsid();
                    Ok(())
                });
            }
        } else {
            command.process_group(0);
        }
    }
    let mut child = command
        .spawn()
        .map_err(|e| error::auth(format!("{what} could not start: {e}")))?;
    let started = std::time::Instant::now();
    let mut stdout = child.stdout.take();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = Zeroizing::new(Vec::new());
        if let Some(out) = stdout.as_mut() {
            // Bounded: a token is short; a runaway command must not fill memory.
            let _ = out.take(64 * 1024).read_to_end(&mut buf);
        }
        let _ = tx.send(buf);
    });
    let status = match child.wait_timeout(timeout) {
        Ok(Some(status)) => status,
        Ok(None) => {
            kill_group(&mut child);
            return Err(error::auth(format!(
                "{what} did not finish within {} s",
                timeout.as_secs()
            ))
            .with_hint("check the command by hand, or raise --timeout"));
        }
        Err(e) => return Err(error::auth(format!("{what} failed: {e}"))),
    };
    // A process the command left behind (`agent & printf tok`) can hold its output open:
    // reading to the end is bounded by the same timeout.
    let out = match rx.recv_timeout(timeout.saturating_sub(started.elapsed())) {
        Ok(out) => out,
        Err(_) => {
            kill_group(&mut child);
            return Err(error::auth(format!(
                "{what} did not finish within {} s: a process it started still holds its output open",
                timeout.as_secs()
            ))
            .with_hint("check the command by hand, or raise --timeout"));
        }
    };
    if !status.success() {
        let how = status
            .code()
            .map_or("a signal".to_string(), |c| format!("exit {c}"));
        return Err(error::auth(format!("{what} failed ({how})")));
    }
    let text = std::str::from_utf8(&out)
        .map_err(|_| error::auth(format!("{what} printed something that is not UTF-8")))?;
    let token = text.trim();
    if token.is_empty() {
        return Err(error::auth(format!("{what} printed nothing")));
    }
    Ok(Token::new(token))
}

fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    {
        if let Ok(pid) = i32::try_from(child.id()) {
            // SAFETY: kill(2) with a negative pid signals the process group we created.
            unsafe {
                libc::kill(-pid, libc::SIGKILL);
            }
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{empty_config, env_of};
    use super::super::{Profile, ProviderConfig};
    use super::*;

    #[test]
    fn token_env_order() {
        let cfg = empty_config();
        let env = env_of(&[("CBK_API_KEY", "last"), ("CBK_API_TOKEN", "second")]);
        let (t, src) = resolve_token(
            ProviderKind::Chatbotkit,
            &cfg,
            &env,
            Duration::from_secs(1),
            &[],
        )
        .unwrap();
        assert_eq!(t.expose(), "second");
        assert_eq!(src, TokenSource::Env("CBK_API_TOKEN"));
        let none = env_of(&[]);
        let err = resolve_kubiya(&cfg, &none, 1).unwrap_err();
        assert_eq!(err.code(), 4);
        assert!(
            err.msg()
                .hint
                .as_deref()
                .unwrap()
                .contains("KUBIYA_API_KEY")
        );
    }

    /// Kubiya's token from `cfg`, any command bounded by `secs`.
    fn resolve_kubiya(cfg: &Config, env: EnvFn, secs: u64) -> Result<(Token, TokenSource)> {
        resolve_token(
            ProviderKind::Kubiya,
            cfg,
            env,
            Duration::from_secs(secs),
            &[],
        )
    }

    /// A config whose chosen profile `profile` gives Kubiya's token by `cmd`.
    fn kubiya_command(profile: &str, cmd: &str) -> Config {
        let mut cfg = empty_config();
        cfg.profile = profile.into();
        let pc = ProviderConfig {
            token_command: Some(cmd.into()),
            ..Default::default()
        };
        cfg.file.profiles.insert(
            profile.into(),
            Profile {
                kubiya: Some(pc),
                chatbotkit: None,
            },
        );
        cfg
    }

    #[test]
    fn token_command_output_trimmed_and_failures_are_auth_errors() {
        // The default profile's Kubiya token_command is `cmd`, bounded by `secs`.
        let run = |cmd: &str, secs| {
            let cfg = kubiya_command("default", cmd);
            let none = env_of(&[]);
            resolve_kubiya(&cfg, &none, secs)
        };
        let (t, _) = run("printf '  tok-1\\n'", 5).unwrap();
        assert_eq!(t.expose(), "tok-1");

        let e = run("exit 3", 5).unwrap_err();
        assert_eq!(e.code(), 4);

        let start = std::time::Instant::now();
        let e = run("sleep 30; echo late", 1).unwrap_err();
        assert_eq!(e.code(), 4);
        assert!(start.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn token_source_is_typed_and_never_runs_the_command() {
        let dir = tempfile::tempdir().unwrap();
        let ran = dir.path().join("ran");
        let mut cfg = kubiya_command("work", &format!("touch {}", ran.display()));
        let none = env_of(&[]);
        let src = token_source(ProviderKind::Kubiya, &cfg, &none).unwrap();
        assert_eq!(src, TokenSource::Command("work".into()));
        assert_eq!(src.to_string(), "profile work token_command");
        assert!(!ran.exists(), "token_source ran the command");

        // A profile with both keys reports `token` (resolving it is refused).
        let kubiya = cfg.file.profiles.get_mut("work").unwrap().kubiya.as_mut();
        kubiya.unwrap().token = Some(Token::new("t"));
        let src = token_source(ProviderKind::Kubiya, &cfg, &none).unwrap();
        assert_eq!(src, TokenSource::Token("work".into()));
        assert_eq!(src.to_string(), "profile work token");
        let e = resolve_kubiya(&cfg, &none, 1).unwrap_err();
        assert_eq!(e.code(), 2);

        // A variable wins over the profile.
        let env = env_of(&[("KUBIYA_API_KEY", "k")]);
        let src = token_source(ProviderKind::Kubiya, &cfg, &env).unwrap();
        assert_eq!(src, TokenSource::Env("KUBIYA_API_KEY"));
        assert_eq!(src.to_string(), "env KUBIYA_API_KEY");
        assert_eq!(token_source(ProviderKind::Chatbotkit, &cfg, &none), None);
        assert!(!ran.exists(), "token_source ran the command");
    }
}
