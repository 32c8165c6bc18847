//! Secret value input: the contract's sources in order, and the rules every value obeys.
//!
//! 1. `--value-file PATH` (bytes exactly; `-` = stdin, read as in 3)
//! 2. `--value-env VAR` (exactly)
//! 3. stdin when it is not a terminal (to the end; one trailing `\n`/`\r\n` removed unless
//!    `--keep-newline`)
//! 4. a hidden prompt (create asks twice; on update an empty answer keeps the value)
//!
//! Then: `--base64` encodes the bytes; otherwise they must be UTF-8. Empty and over-1-MiB
//! values are refused. All of this happens before any request.

use std::io::Read;
use std::path::Path;

use base64::Engine;
use zeroize::Zeroizing;

use crate::error::{self, Result};
use crate::redact::is_secret_key;
use crate::secret::SecretValue;
use crate::streams::Streams;

/// Where a secret value comes from (`context` reads the command line's value flags into
/// this). With none of the sources set, piped standard input is read, or on a terminal a
/// hidden prompt asks for it.
#[derive(Debug, Clone, Default)]
pub struct ValueArgs {
    /// `--value-file PATH` (`-` reads standard input).
    pub value_file: Option<std::path::PathBuf>,
    /// `--value-env VAR`.
    pub value_env: Option<std::ffi::OsString>,
    /// `--base64`.
    pub base64: bool,
    /// `--keep-newline`.
    pub keep_newline: bool,
}

impl ValueArgs {
    pub fn has_source(&self) -> bool {
        self.value_file.is_some() || self.value_env.is_some()
    }
}

/// A `--config` entry of a ChatBotKit secret, read from the command line's `KEY=…`. A
/// malformed entry is refused by [`read_config`], not here.
#[derive(Clone)]
pub struct ConfigEntry {
    pub key: String,
    pub source: ConfigSource,
}

#[derive(Clone)]
pub enum ConfigSource {
    /// `KEY=VALUE` (`KEY=\@…` is the literal `@…`).
    Literal(zeroize::Zeroizing<String>),
    /// `KEY=@PATH`: the file's bytes, exactly.
    File(std::path::PathBuf),
    /// `KEY=-`: standard input when it is not a terminal, else a hidden prompt.
    Stdin,
    /// Not `KEY=…` with a non-empty key.
    Malformed,
}

impl std::fmt::Debug for ConfigEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let source = match &self.source {
            ConfigSource::Literal(_) => "<redacted>".to_string(),
            ConfigSource::File(p) => format!("@{}", p.display()),
            ConfigSource::Stdin => "-".to_string(),
            ConfigSource::Malformed => "<malformed>".to_string(),
        };
        write!(f, "ConfigEntry({}={source})", self.key)
    }
}

/// `KEY=VALUE`, `KEY=@PATH`, `KEY=\\@…` (the literal `@…`) or `KEY=-`.
pub fn parse_config_entry(s: &str) -> ConfigEntry {
    let Some((key, v)) = s.split_once('=').filter(|(k, _)| !k.is_empty()) else {
        return ConfigEntry {
            key: String::new(),
            source: ConfigSource::Malformed,
        };
    };
    let source = if v == "-" {
        ConfigSource::Stdin
    } else if let Some(path) = v.strip_prefix('@') {
        ConfigSource::File(std::path::PathBuf::from(path))
    } else if let Some(rest) = v.strip_prefix("\\@") {
        ConfigSource::Literal(zeroize::Zeroizing::new(format!("@{rest}")))
    } else {
        ConfigSource::Literal(zeroize::Zeroizing::new(v.to_string()))
    };
    ConfigEntry {
        key: key.to_string(),
        source,
    }
}

/// The largest value accepted, in bytes as read (before base64).
pub const MAX_VALUE_BYTES: usize = 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Create,
    Update,
}

#[derive(Debug)]
pub enum ValueOutcome {
    Value(SecretValue),
    /// Update only: the person left the prompt empty, so the value stays as it is.
    Keep,
}

/// Read the value for `label` (the secret's name, shown in prompts) per the contract.
pub fn read_value(
    args: &ValueArgs,
    purpose: Purpose,
    label: &str,
    streams: &mut Streams,
) -> Result<ValueOutcome> {
    let (raw, prompted) = read_raw(args, purpose, label, streams)?;
    // Update only: the person left the prompt empty.
    if prompted && raw.is_empty() && purpose == Purpose::Update {
        return Ok(ValueOutcome::Keep);
    }
    finish(raw, args.base64).map(ValueOutcome::Value)
}

/// [`read_value`] for a new secret, which has no value to keep.
pub fn read_new_value(args: &ValueArgs, label: &str, streams: &mut Streams) -> Result<SecretValue> {
    let (raw, _) = read_raw(args, Purpose::Create, label, streams)?;
    finish(raw, args.base64)
}

/// The bytes from the source the contract picks, before the shared rules; and whether they
/// were typed at the prompt.
fn read_raw(
    args: &ValueArgs,
    purpose: Purpose,
    label: &str,
    streams: &mut Streams,
) -> Result<(Zeroizing<Vec<u8>>, bool)> {
    let raw: Zeroizing<Vec<u8>> = if let Some(path) = &args.value_file {
        if path.as_os_str() == "-" {
            read_stdin(args, purpose, streams, "--value-file -")?
        } else {
            read_file(
                path,
                "value file",
                "drop --value-file to be asked with a hidden prompt, or pipe the value in",
            )?
        }
    } else if let Some(var) = &args.value_env {
        read_env(var)?
    } else if !streams.stdin_tty {
        read_stdin(args, purpose, streams, "standard input")?
    } else {
        return Ok((prompt(purpose, label, streams)?, true));
    };
    Ok((raw, false))
}

/// Whether `read_value` would ask on the terminal (no value flag, stdin a terminal).
pub fn prompts(args: &ValueArgs, streams: &Streams) -> bool {
    args.value_file.is_none() && args.value_env.is_none() && streams.stdin_tty
}

/// Why a value breaks the rules every source shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueProblem {
    Empty,
    /// Over [`MAX_VALUE_BYTES`]: its size.
    TooLarge(usize),
    /// Not UTF-8 without `--base64`: the offset of the first invalid byte.
    NotUtf8(usize),
}

impl ValueProblem {
    /// What is wrong, in words that fit after a name or a flag (`A: …`, `--config k: …`).
    pub fn describe(self) -> String {
        match self {
            ValueProblem::Empty => "the value is empty".into(),
            ValueProblem::TooLarge(n) => {
                format!("the value is {n} bytes, over the limit of {MAX_VALUE_BYTES} bytes (1 MiB)")
            }
            ValueProblem::NotUtf8(at) => {
                format!("the value is not valid UTF-8 (invalid byte at offset {at})")
            }
        }
    }

    /// The usage error for a single value: nothing was sent.
    pub fn error(self) -> error::Error {
        let e = error::usage(format!("{}; nothing was sent", self.describe()));
        match self {
            ValueProblem::NotUtf8(_) => {
                e.with_hint("pass --base64 to send the base64 encoding of binary data")
            }
            _ => e,
        }
    }
}

/// Apply the rules shared by every source.
pub fn finish(raw: Zeroizing<Vec<u8>>, base64: bool) -> Result<SecretValue> {
    check(raw, base64).map_err(ValueProblem::error)
}

/// The rules shared by every source (import and sync check each item with them): not
/// empty, at most 1 MiB, UTF-8 unless `--base64` (which sends the bytes' base64).
pub fn check(raw: Zeroizing<Vec<u8>>, base64: bool) -> Result<SecretValue, ValueProblem> {
    if raw.is_empty() {
        return Err(ValueProblem::Empty);
    }
    if raw.len() > MAX_VALUE_BYTES {
        return Err(ValueProblem::TooLarge(raw.len()));
    }
    if base64 {
        let mut s = Zeroizing::new(String::with_capacity(raw.len().div_ceil(3) * 4));
        base64::engine::general_purpose::STANDARD.encode_string(&*raw, &mut s);
        return Ok(SecretValue::new(s));
    }
    // Move the bytes into a String without another copy left behind.
    let mut raw = raw;
    let bytes = std::mem::take(&mut *raw);
    match String::from_utf8(bytes) {
        Ok(s) => Ok(SecretValue::new(Zeroizing::new(s))),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            // The bytes are wiped like any other copy of the value.
            drop(Zeroizing::new(e.into_bytes()));
            Err(ValueProblem::NotUtf8(at))
        }
    }
}

/// A value file (`--value-file`, or `--config KEY=@PATH`: `what` and `hint` say which and
/// how else to give it).
fn read_file(path: &Path, what: &str, hint: &str) -> Result<Zeroizing<Vec<u8>>> {
    let file = open_input(path, what, hint)?;
    let cannot = |e: std::io::Error| {
        error::usage(format!(
            "cannot read {what} {}: {}",
            path.display(),
            error::io_reason(&e)
        ))
    };
    read_bounded(file).map_err(|e| read_error(e, cannot))
}

/// Open a file that a value or an import/sync source is read from (`what`: `value file`,
/// `source`): not a directory, and not a terminal — `/dev/tty`, or `/dev/stdin` on one, is
/// read with echo on, so whatever is typed there shows on screen and stays in the
/// scrollback. `hint` says what to do instead.
pub fn open_input(path: &Path, what: &str, hint: &str) -> Result<std::fs::File> {
    let file = std::fs::File::open(path).map_err(|e| {
        error::usage(format!(
            "cannot read {what} {}: {}",
            path.display(),
            error::io_reason(&e)
        ))
    })?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(error::usage(format!(
            "cannot read {what} {}: it is a directory",
            path.display()
        )));
    }
    if std::io::IsTerminal::is_terminal(&file) {
        return Err(error::usage(format!(
            "{what} {} is a terminal: what is typed there would show on screen; nothing was sent",
            path.display()
        ))
        .with_hint(hint.to_string()));
    }
    Ok(file)
}

/// Read at most a little more than the limit, so a huge input is refused without being held.
/// An input cut off there is refused at once as "more than 1 MiB": its real size is unknown
/// (`/dev/zero` is endless), and the count read would be a made-up figure.
fn read_bounded(r: impl Read) -> std::io::Result<Zeroizing<Vec<u8>>> {
    const BOUND: u64 = MAX_VALUE_BYTES as u64 + 3;
    let mut buf = Zeroizing::new(Vec::new());
    r.take(BOUND).read_to_end(&mut buf)?;
    if buf.len() as u64 == BOUND {
        return Err(std::io::Error::other(TooBig));
    }
    Ok(buf)
}

/// [`read_bounded`]'s own error, carried inside the `io::Error` it returns.
#[derive(Debug, thiserror::Error)]
#[error("the value is more than 1 MiB ({max} bytes, the limit); nothing was sent", max = MAX_VALUE_BYTES)]
struct TooBig;

/// A read error as the usage error to show: the size limit as itself, others as `cannot`.
fn read_error(
    e: std::io::Error,
    cannot: impl FnOnce(std::io::Error) -> error::Error,
) -> error::Error {
    if e.get_ref().is_some_and(|inner| inner.is::<TooBig>()) {
        error::usage(TooBig.to_string())
    } else {
        cannot(e)
    }
}

fn read_env(var: &std::ffi::OsStr) -> Result<Zeroizing<Vec<u8>>> {
    let name = var.to_string_lossy();
    match std::env::var_os(var) {
        Some(v) => {
            #[cfg(unix)]
            let bytes = {
                use std::os::unix::ffi::OsStringExt;
                v.into_vec()
            };
            #[cfg(not(unix))]
            let bytes = v.to_string_lossy().into_owned().into_bytes();
            Ok(Zeroizing::new(bytes))
        }
        None => Err(
            error::usage(format!("environment variable {name} is not set"))
                .with_hint("export it first, or choose another value source"),
        ),
    }
}

fn read_stdin(
    args: &ValueArgs,
    purpose: Purpose,
    streams: &mut Streams,
    what: &str,
) -> Result<Zeroizing<Vec<u8>>> {
    if streams.stdin_tty {
        return Err(error::usage(format!(
            "{what} is a terminal: typing there would show the value on screen"
        ))
        .with_hint("pipe the value in, or drop the flag to be asked with a hidden prompt"));
    }
    let mut buf = read_bounded(&mut streams.stdin)
        .map_err(|e| read_error(e, |e| error::usage(format!("cannot read {what}: {e}"))))?;
    if !args.keep_newline && buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    }
    if buf.is_empty() && purpose == Purpose::Update {
        return Err(error::usage(format!("{what} is empty; nothing was sent")).with_hint(
            "to change only other fields, pass --keep-value (in scripts, stdin is read as the new value)",
        ));
    }
    Ok(buf)
}

/// Hidden prompt, asked twice; an empty first answer is returned as it is, not confirmed
/// (update keeps the value; create refuses it by the shared rules).
fn prompt(purpose: Purpose, label: &str, streams: &mut Streams) -> Result<Zeroizing<Vec<u8>>> {
    let label = crate::sanitize::sanitize(label);
    let question = match purpose {
        Purpose::Create => format!("Value for {label}: "),
        Purpose::Update => format!("New value for {label} (empty keeps the current value): "),
    };
    ask_twice(streams, &question)
}

/// A value typed at the hidden prompt: `question`, then "Confirm value: " unless the first
/// answer is empty; two different answers are refused.
fn ask_twice(streams: &mut Streams, question: &str) -> Result<Zeroizing<Vec<u8>>> {
    let failed =
        |e: std::io::Error| error::usage(format!("cannot read the value from the terminal: {e}"));
    let mut first = streams.prompter.secret(question).map_err(failed)?;
    if !first.is_empty() {
        let second = streams.prompter.secret("Confirm value: ").map_err(failed)?;
        if *first != *second {
            return Err(error::usage(
                "the two values did not match; nothing was sent",
            ));
        }
    }
    Ok(Zeroizing::new(std::mem::take(&mut *first).into_bytes()))
}

/// Whether a value is read from standard input (`--value-file -`, or no value flag off a
/// terminal): then no `--config KEY=-` may read it too.
pub fn value_reads_stdin(args: &ValueArgs, takes_value: bool, stdin_tty: bool) -> bool {
    takes_value
        && match args.value_file.as_deref() {
            Some(p) => p == Path::new("-") || crate::stdin::is_stdin(p),
            None => !args.has_source() && !stdin_tty,
        }
}

/// A literal that is a URL carrying a password (`https://user:pw@host/`): refused for any
/// key, as a secret key's literal is.
/// Why a literal `--config` value carries a secret whatever its key: a URL with a password
/// in its userinfo or a secret-named query parameter (`?token=`, `&sig=`), a `KEY=VALUE`
/// list with a secret-named key (`Server=x;Password=y`, `user=a&pwd=b`), or an
/// `Authorization` scheme and its credential (`Bearer abc`, `Basic …`).
fn literal_secret(literal: &str) -> Option<&'static str> {
    if let Ok(u) = reqwest::Url::parse(literal) {
        if u.password().is_some() {
            return Some("a literal URL with a password in it");
        }
        if u.query_pairs()
            .any(|(k, v)| !v.is_empty() && is_secret_key(&k))
        {
            return Some("a literal URL whose query carries a secret");
        }
    }
    let pairs = literal
        .split([';', '&', ',', ' ', '\t', '\n'])
        .filter_map(|part| part.split_once('='))
        .any(|(k, v)| !v.trim().is_empty() && is_secret_key(k.trim()));
    if pairs {
        return Some("a literal with a secret KEY=VALUE pair in it");
    }
    let scheme = literal.split_whitespace().next().unwrap_or("");
    if ["bearer", "basic", "token", "digest"].contains(&scheme.to_ascii_lowercase().as_str())
        && literal.split_whitespace().nth(1).is_some()
    {
        return Some("a literal authorization credential");
    }
    None
}

/// One `--config` entry as read.
pub struct ConfigValue {
    pub key: String,
    pub value: SecretValue,
    /// Read by `@PATH` or `-`: cut out of any server message as the secret's value is.
    pub secret: bool,
}

/// The `--config` entries of a ChatBotKit create/update, every one checked before any is
/// read, and all read before anything is sent: a literal for a secret key is exit 2, at most
/// one `KEY=-`, and not together with a value read from stdin. `KEY=@PATH` is the file's
/// bytes exactly (a terminal is refused); `KEY=-` is stdin with the newline rule, or a hidden
/// prompt asked twice on a terminal. Each value must be non-empty UTF-8 of at most 1 MiB.
pub fn read_config(
    entries: &[ConfigEntry],
    value_reads_stdin: bool,
    streams: &mut Streams,
) -> Result<Vec<ConfigValue>> {
    let shown = |k: &str| crate::sanitize::sanitize(k).into_owned();
    let mut stdin_key: Option<&str> = None;
    let mut seen = std::collections::HashSet::new();
    for e in entries {
        if !matches!(e.source, ConfigSource::Malformed) && !seen.insert(e.key.as_str()) {
            return Err(error::usage(format!(
                "--config {} is given more than once; nothing was sent",
                shown(&e.key)
            ))
            .with_hint("give each key once"));
        }
        match &e.source {
            ConfigSource::Malformed => {
                return Err(error::usage(
                    "a --config entry is not KEY=VALUE, KEY=@PATH or KEY=- with a non-empty KEY; nothing was sent",
                ));
            }
            ConfigSource::Literal(v) if is_secret_key(&e.key) || literal_secret(v).is_some() => {
                let k = shown(&e.key);
                let what = if is_secret_key(&e.key) {
                    "a literal value for a secret key"
                } else {
                    literal_secret(v).unwrap_or("a literal secret")
                };
                return Err(error::usage(format!(
                    "--config {k}: {what} would land in shell history and the process list; nothing was sent"
                ))
                .with_hint(format!(
                    "read it from a file with --config {k}=@PATH, or from standard input or a hidden prompt with --config {k}=-"
                )));
            }
            ConfigSource::Stdin => {
                if let Some(first) = stdin_key {
                    return Err(error::usage(format!(
                        "--config {}=- and --config {}=- cannot both read standard input; nothing was sent",
                        shown(first),
                        shown(&e.key)
                    ))
                    .with_hint("give the others with --config KEY=@PATH"));
                }
                if value_reads_stdin {
                    return Err(error::usage(format!(
                        "--config {}=- and the secret's value cannot both read standard input; nothing was sent",
                        shown(&e.key)
                    ))
                    .with_hint(
                        "give the value with --value-file PATH or --value-env VAR (or --keep-value on update), or the entry with --config KEY=@PATH",
                    ));
                }
                stdin_key = Some(&e.key);
            }
            _ => {}
        }
    }
    let mut out = Vec::with_capacity(entries.len());
    for e in entries {
        let k = shown(&e.key);
        let raw: Zeroizing<Vec<u8>> = match &e.source {
            ConfigSource::Literal(v) => Zeroizing::new(v.as_bytes().to_vec()),
            ConfigSource::File(path) => read_file(
                path,
                "value file",
                &format!(
                    "give --config {k}=- instead: a hidden prompt on a terminal, or standard input"
                ),
            )
            .map_err(|err| err.context(format!("--config {k}")))?,
            ConfigSource::Stdin if !streams.stdin_tty => read_stdin(
                &ValueArgs::default(),
                Purpose::Create,
                streams,
                "standard input",
            )
            .map_err(|err| err.context(format!("--config {k}")))?,
            ConfigSource::Stdin => ask_twice(streams, &format!("Value for config {k}: "))
                .map_err(|err| err.context(format!("--config {k}")))?,
            ConfigSource::Malformed => unreachable!("refused above"),
        };
        let value = check(raw, false).map_err(|problem| {
            error::usage(format!(
                "--config {k}: {}; nothing was sent",
                problem.describe()
            ))
        })?;
        out.push(ConfigValue {
            key: e.key.clone(),
            value,
            // What was read from a file or standard input is secret whatever its key's name
            // (a literal one is refused above unless its key is not a secret one).
            secret: !matches!(e.source, ConfigSource::Literal(_)),
        });
    }
    Ok(out)
}

/// Why `update --keep-value` reads no value.
pub const KEEP_VALUE: &str = "--keep-value leaves the value as it is";

/// The stdin rule of `create` and `update`: piped input that neither the value nor a
/// `--config KEY=-` entry reads is exit 2, never silently dropped. `takes_value` is false for
/// a create or update that reads no value at all (`--kind personal`, `--no-value`,
/// `--keep-value`), and `no_value` then says why.
pub fn refuse_unread_value_stdin(
    streams: &Streams,
    value: &ValueArgs,
    takes_value: bool,
    config: &[ConfigEntry],
    no_value: &str,
) -> Result<()> {
    let config_reads_stdin = config
        .iter()
        .any(|e| matches!(e.source, ConfigSource::Stdin));
    if config_reads_stdin || value_reads_stdin(value, takes_value, streams.stdin_tty) {
        return Ok(());
    }
    let why = if !takes_value {
        no_value.to_string()
    } else if let Some(var) = &value.value_env {
        format!("the value comes from --value-env {}", var.to_string_lossy())
    } else if let Some(path) = &value.value_file {
        format!("the value comes from --value-file {}", path.display())
    } else {
        // No flag and a terminal: the prompt.
        return Ok(());
    };
    refuse_unread_stdin(streams, &why)
}

/// Standard input that carries data — a pipe or a socket, whatever is (or is not yet)
/// written to it, or a file with bytes in it — given to a command that will not read it: exit
/// 2, nothing sent. `why` says why it is not read. The check looks at what stdin *is*, never
/// at whether data has arrived yet: a slow producer (`vault …`, `op read …`) is refused as
/// surely as `echo x`. A terminal, `/dev/null` and an empty file pass. A socket counts as a
/// pipe (`ssh host 'secretctl …'`, CI runners that feed the job script on stdin): add
/// `< /dev/null`, or set `SECRETCTL_STDIN=ignore` (docs/environment.md) — read here only.
pub fn refuse_unread_stdin(streams: &Streams, why: &str) -> Result<()> {
    match crate::env::process_env(STDIN_VAR).as_deref() {
        None | Some("") => {}
        Some("ignore") => return Ok(()),
        Some(_) => {
            return Err(error::usage(format!(
                "{STDIN_VAR} is set to a value other than 'ignore'; nothing was sent"
            ))
            .with_hint(format!(
                "set {STDIN_VAR}=ignore to let unread standard input pass, or unset it"
            )));
        }
    }
    if !streams.stdin_tty && (streams.stdin_carries_data)() {
        return Err(error::usage(format!(
            "standard input is piped in, but {why}: its data would be dropped; nothing was sent"
        ))
        .with_hint(format!(
            "add < /dev/null to the command (in CI and over ssh stdin is a pipe), or set {STDIN_VAR}=ignore"
        )));
    }
    Ok(())
}

/// The opt-out of [`refuse_unread_stdin`]: `ignore` lets unread standard input pass.
const STDIN_VAR: &str = "SECRETCTL_STDIN";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prompt::FakePrompter;
    use crate::streams::test::streams;

    fn piped(stdin: &[u8], args: &ValueArgs, purpose: Purpose) -> Result<ValueOutcome> {
        let (mut s, _, _) = streams(stdin, false, Box::new(FakePrompter::new(&[])));
        read_value(args, purpose, "N", &mut s)
    }

    fn value(o: Result<ValueOutcome>) -> String {
        match o {
            Ok(ValueOutcome::Value(v)) => v.expose().to_string(),
            other => panic!("expected a value, got {other:?}"),
        }
    }

    #[test]
    fn a_url_with_a_password_is_seen() {
        assert!(literal_secret("https://u:p@h.example/").is_some());
        assert!(literal_secret("https://u@h.example/").is_none());
        assert!(literal_secret("not a url").is_none());
    }

    #[test]
    fn literals_that_carry_a_secret_are_seen() {
        for secret in [
            "https://h/x?token=abc",
            "https://h/x?a=1&sig=abc",
            "Server=x;Password=y",
            "host=db user=a pwd=b",
            "Bearer abcdef",
            "basic dXNlcjpwYXNz",
        ] {
            assert!(literal_secret(secret).is_some(), "{secret}");
        }
        for plain in [
            "https://h/x?page=2",
            "https://auth.example.com/authorize",
            "Server=x;Database=y",
            "read write",
            "Bearer",
            "a=b",
        ] {
            assert!(literal_secret(plain).is_none(), "{plain}");
        }
    }

    #[test]
    fn stdin_drops_exactly_one_trailing_newline() {
        let a = ValueArgs::default();
        assert_eq!(value(piped(b"abc\n", &a, Purpose::Create)), "abc");
        assert_eq!(value(piped(b"abc\r\n", &a, Purpose::Create)), "abc");
        assert_eq!(value(piped(b"abc\n\n", &a, Purpose::Create)), "abc\n");
        assert_eq!(value(piped(b" abc ", &a, Purpose::Create)), " abc ");
        let keep = ValueArgs {
            keep_newline: true,
            ..Default::default()
        };
        assert_eq!(value(piped(b"abc\n", &keep, Purpose::Create)), "abc\n");
    }

    #[test]
    fn empty_and_oversize_and_non_utf8_are_usage_errors() {
        let a = ValueArgs::default();
        assert_eq!(piped(b"", &a, Purpose::Create).unwrap_err().code(), 2);
        assert_eq!(piped(b"\n", &a, Purpose::Create).unwrap_err().code(), 2);
        let e = piped(b"", &a, Purpose::Update).unwrap_err();
        assert!(e.msg().hint.as_deref().unwrap().contains("--keep-value"));
        let exact = vec![b'x'; MAX_VALUE_BYTES];
        assert_eq!(
            value(piped(&exact, &a, Purpose::Create)).len(),
            MAX_VALUE_BYTES
        );
        let over = vec![b'x'; MAX_VALUE_BYTES + 1];
        assert_eq!(piped(&over, &a, Purpose::Create).unwrap_err().code(), 2);
        let e = piped(b"\xff\xfe", &a, Purpose::Create).unwrap_err();
        assert!(e.msg().hint.as_deref().unwrap().contains("--base64"));
    }

    #[test]
    fn base64_encodes_bytes_as_read() {
        let a = ValueArgs {
            base64: true,
            ..Default::default()
        };
        assert_eq!(value(piped(b"\xff\x00\n", &a, Purpose::Create)), "/wA=");
    }

    #[test]
    fn file_bytes_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("v");
        std::fs::write(&p, b"line1\nline2\n").unwrap();
        let a = ValueArgs {
            value_file: Some(p),
            ..Default::default()
        };
        assert_eq!(
            value(piped(b"ignored", &a, Purpose::Create)),
            "line1\nline2\n"
        );
        let missing = ValueArgs {
            value_file: Some(dir.path().join("nope")),
            ..Default::default()
        };
        assert_eq!(piped(b"", &missing, Purpose::Create).unwrap_err().code(), 2);
    }

    #[test]
    fn prompt_create_asks_twice_and_refuses_mismatch() {
        let a = ValueArgs::default();
        let (mut s, _, _) = streams(b"", true, Box::new(FakePrompter::new(&["pw", "pw"])));
        assert_eq!(value(read_value(&a, Purpose::Create, "N", &mut s)), "pw");
        let (mut s, _, _) = streams(b"", true, Box::new(FakePrompter::new(&["pw", "px"])));
        assert_eq!(
            read_value(&a, Purpose::Create, "N", &mut s)
                .unwrap_err()
                .code(),
            2
        );
        let (mut s, _, _) = streams(b"", true, Box::new(FakePrompter::new(&[""])));
        assert_eq!(
            read_value(&a, Purpose::Create, "N", &mut s)
                .unwrap_err()
                .code(),
            2
        );
    }

    #[test]
    fn prompt_update_empty_keeps() {
        let a = ValueArgs::default();
        let (mut s, _, _) = streams(b"", true, Box::new(FakePrompter::new(&[""])));
        assert!(matches!(
            read_value(&a, Purpose::Update, "N", &mut s),
            Ok(ValueOutcome::Keep)
        ));
    }

    #[test]
    fn value_file_dash_on_a_terminal_is_refused() {
        let a = ValueArgs {
            value_file: Some("-".into()),
            ..Default::default()
        };
        let (mut s, _, _) = streams(b"", true, Box::new(FakePrompter::new(&[])));
        assert_eq!(
            read_value(&a, Purpose::Create, "N", &mut s)
                .unwrap_err()
                .code(),
            2
        );
    }

    #[test]
    fn config_entries_literal_file_stdin_and_escaped_at() {
        let e = parse_config_entry;
        assert!(matches!(e("clientId=abc").source, ConfigSource::Literal(v) if *v == "abc"));
        assert!(matches!(e("k=a=b").source, ConfigSource::Literal(v) if *v == "a=b"));
        assert!(matches!(e("k=").source, ConfigSource::Literal(v) if v.is_empty()));
        assert!(
            matches!(e("clientSecret=@/run/s").source, ConfigSource::File(p) if p == Path::new("/run/s"))
        );
        assert!(matches!(e("k=\\@home").source, ConfigSource::Literal(v) if *v == "@home"));
        assert!(matches!(e("k=-").source, ConfigSource::Stdin));
        assert!(matches!(e("k=--").source, ConfigSource::Literal(v) if *v == "--"));
        for bad in ["nokey", "=v", ""] {
            assert!(matches!(e(bad).source, ConfigSource::Malformed), "{bad}");
        }
        assert_eq!(e("k=@p").key, "k");
    }
}
