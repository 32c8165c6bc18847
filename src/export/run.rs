//! `run`: one command with secrets as environment variables of the same names.
//!
//! Every check that needs no value comes first (each name an environment variable name; none
//! already in the environment, and none that changes how programs start
//! ([`names::changes_startup`]: `LD_PRELOAD`, `BASH_ENV`…) even when unset, unless
//! `--override`), then every value is read, then a value
//! with a NUL byte is refused — all before anything runs. On Unix secretctl then `exec`s the
//! command: the same process becomes it, so its exit code, its signals, job control and the
//! terminal are the command's own, and no secretctl process is left holding the values. The
//! values travel in the environment only, never in argv. Not found is exit 127, found but not
//! runnable 126, as `env` does.

use std::ffi::{OsStr, OsString};

use zeroize::Zeroizing;

use super::formats::is_env_name;
use super::names;
use super::read::{self, Selection};
use crate::cli::RunArgs;
use crate::context::Ctx;
use crate::error::{self, Result};
use crate::pace::Pace;
use crate::provider::{Provider, ProviderKind, quoted};

/// One variable for the command: its name, and the value's bytes (wiped when dropped).
struct Var {
    name: String,
    value: Zeroizing<Vec<u8>>,
}

/// What `run` refuses before connecting: a `-s NAME` that cannot be an environment variable,
/// or that the environment already has, or that changes how programs start, without
/// `--override` (exit 2, nothing sent). A name
/// selected by `--prefix`/`--all` is known only from the list, and is checked in [`run`].
pub fn check(kind: ProviderKind, a: &RunArgs) -> Result<()> {
    if a.prefix.is_some() || a.all {
        return Ok(());
    }
    a.secret
        .iter()
        .try_for_each(|name| check_var(kind, name, name, a.override_env))
}

pub fn run(ctx: &mut Ctx, p: &dyn Provider, a: &RunArgs, pace: &Pace) -> Result<i32> {
    crate::signals::soft_interrupts();
    let selection = match (&a.prefix, a.all) {
        (Some(pre), _) => Selection::Prefix(pre),
        (None, true) => Selection::All,
        (None, false) => Selection::Named(&a.secret),
    };
    let listed = read::select(p, &selection)?;
    let strip = a.prefix.as_deref().filter(|_| a.strip_prefix);
    let names: Vec<String> = listed
        .iter()
        .map(|s| {
            let var = strip.map_or(s.name.as_str(), |pre| &s.name[pre.len()..]);
            check_var(p.kind(), &s.name, var, a.override_env)?;
            Ok(var.to_string())
        })
        .collect::<Result<_>>()?;
    if listed.is_empty()
        && let Some(pre) = &a.prefix
    {
        let _ = writeln_warning(ctx, p, pre);
    }
    let values = read::read_all(ctx, "run", p, &listed, a.concurrency, pace)?;
    if let Some((s, _)) = listed.iter().zip(&values).find(|(_, v)| v.contains(&0)) {
        return Err(error::usage(format!(
            "{} secret {} holds a NUL byte, which an environment variable cannot; nothing was run",
            p.kind().display(),
            quoted(&s.name)
        ))
        .with_hint("leave it out (-s NAME for the others), or read it with export --format json"));
    }
    let vars: Vec<Var> = names
        .into_iter()
        .zip(values)
        .map(|(name, value)| Var { name, value })
        .collect();
    exec(&a.command, vars)
}

fn writeln_warning(ctx: &mut Ctx, p: &dyn Provider, prefix: &str) -> std::io::Result<()> {
    use std::io::Write;
    writeln!(
        ctx.streams.stderr,
        "warning: no {} secret name starts with {}; the command runs without any",
        p.kind().display(),
        quoted(prefix)
    )
}

/// A variable name the command can get, not replacing one it already has, nor setting one
/// that changes how programs start, unless asked.
fn check_var(kind: ProviderKind, secret: &str, var: &str, override_env: bool) -> Result<()> {
    if !is_env_name(var) {
        let what = if var == secret {
            "its name".to_string()
        } else {
            format!("the name without the prefix ({})", quoted(var))
        };
        return Err(error::usage(format!(
            "{} secret {} cannot be an environment variable: {what} is not one ([A-Za-z_][A-Za-z0-9_]*); nothing was read or run",
            kind.display(),
            quoted(secret)
        ))
        .with_hint("leave it out (-s NAME for the others), or read it with export --format json"));
    }
    if !override_env && names::changes_startup(var) {
        return Err(error::usage(format!(
            "{} secret {} would set {}, which changes how programs start or find their code (the loader, a shell or an interpreter reads it), and a secret sets such a variable only when asked; nothing was read or run",
            kind.display(),
            quoted(secret),
            quoted(var)
        ))
        .with_hint("pass --override to let the secret set it, or leave it out (-s NAME for the others)"));
    }
    if !override_env && std::env::var_os(var).is_some() {
        return Err(error::usage(format!(
            "{} is already in the environment, and a secret replaces a variable only when asked; nothing was read or run",
            quoted(var)
        ))
        .with_hint("pass --override to let the secret replace it, or unset it first"));
    }
    Ok(())
}

/// A value as an environment value: its bytes on Unix; elsewhere (UTF-16 environments) the
/// text, with any byte that is not UTF-8 replaced.
/// On Unix the bytes are borrowed, so that no copy is left behind besides the command's own.
#[cfg(unix)]
fn os_value(bytes: &[u8]) -> std::borrow::Cow<'_, OsStr> {
    std::borrow::Cow::Borrowed(std::os::unix::ffi::OsStrExt::from_bytes(bytes))
}

#[cfg(not(unix))]
fn os_value(bytes: &[u8]) -> std::borrow::Cow<'_, OsStr> {
    std::borrow::Cow::Owned(OsString::from(String::from_utf8_lossy(bytes).into_owned()))
}

/// The command with `vars` added to the environment. Our own copies of the values are wiped
/// when `vars` drops; the command's copy becomes the new program's environment (or, if the
/// exec fails, goes with this process, which cannot dump core).
fn command_with(command: &[OsString], vars: Vec<Var>) -> Result<(&OsStr, std::process::Command)> {
    let Some((program, args)) = command.split_first() else {
        return Err(error::usage("run needs a command after --"));
    };
    let mut cmd = std::process::Command::new(program);
    cmd.args(args);
    for v in &vars {
        cmd.env(&v.name, os_value(&v.value));
    }
    drop(vars);
    Ok((program, cmd))
}

/// Become `command` with `vars` added to the environment. Returns only when that fails.
#[cfg(unix)]
fn exec(command: &[OsString], vars: Vec<Var>) -> Result<i32> {
    use std::os::unix::process::CommandExt;
    let (program, mut cmd) = command_with(command, vars)?;
    // std resets SIGPIPE and the signal mask for the new program, as a shell would start it.
    let e = cmd.exec();
    Err(exec_error(program, &e))
}

/// Without `exec`: run the command and give its exit code.
#[cfg(not(unix))]
fn exec(command: &[OsString], vars: Vec<Var>) -> Result<i32> {
    let (program, mut cmd) = command_with(command, vars)?;
    match cmd.status() {
        Ok(s) => Ok(s.code().unwrap_or(error::exit::FAILURE)),
        Err(e) => Err(exec_error(program, &e)),
    }
}

/// Not found: 127; found but not runnable (permissions, not an executable format): 126.
fn exec_error(program: &OsStr, e: &std::io::Error) -> error::Error {
    error::cannot_start(&quoted(&program.to_string_lossy()), e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exec_failures_are_127_and_126() {
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        assert_eq!(exec_error(OsStr::new("nope"), &missing).code(), 127);
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(exec_error(OsStr::new("./x"), &denied).code(), 126);
    }
}
