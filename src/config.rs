//! Credentials and endpoints: the config file and its profiles, the environment variables of
//! each provider, `token_command`, the file-permission rule, and how a base URL becomes the
//! API root the providers talk to. Precedence: flag > environment > profile > default.

use std::collections::BTreeMap;
use std::io::Read;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use reqwest::Url;
use serde::Deserialize;
use zeroize::Zeroizing;

use crate::error::{self, Error, Result};
use crate::provider::ProviderKind;
use crate::secret::Token;

/// Reads an environment variable; injected so resolution is testable without touching the
/// process environment.
pub type EnvFn<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The real process environment. Empty variables count as unset.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The first of `vars` that is set, with its value.
fn first_set(vars: &'static [&'static str], env: EnvFn) -> Option<(&'static str, String)> {
    vars.iter().find_map(|v| env(v).map(|x| (*v, x)))
}

/// The user to act as (ChatBotKit's `X-RunAs-User-Id`), and the variable it came from.
pub fn run_as_user(kind: ProviderKind, env: EnvFn) -> Option<(&'static str, String)> {
    first_set(kind.run_as_env(), env)
}

/// Every variable that may hold a credential, of any provider: kept out of children's
/// environments.
pub fn all_token_env() -> impl Iterator<Item = &'static str> {
    [ProviderKind::Chatbotkit, ProviderKind::Kubiya]
        .into_iter()
        .flat_map(|p| p.token_env().iter().copied())
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub default_profile: Option<String>,
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub chatbotkit: Option<ProviderConfig>,
    pub kubiya: Option<ProviderConfig>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderConfig {
    pub base_url: Option<String>,
    pub token: Option<Token>,
    pub token_command: Option<String>,
}

impl ConfigFile {
    fn holds_token(&self) -> bool {
        self.profiles.values().any(|p| {
            [&p.chatbotkit, &p.kubiya]
                .into_iter()
                .flatten()
                .any(|c| c.token.is_some())
        })
    }

    fn holds_command(&self) -> bool {
        self.profiles.values().any(|p| {
            [&p.chatbotkit, &p.kubiya]
                .into_iter()
                .flatten()
                .any(|c| c.token_command.is_some())
        })
    }
}

/// Where a setting came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Flag,
    Env(&'static str),
    Profile(String),
    Default,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Flag => f.write_str("flag"),
            Source::Env(v) => write!(f, "env {v}"),
            Source::Profile(p) => write!(f, "profile {p}"),
            Source::Default => f.write_str("default"),
        }
    }
}

/// The config file as loaded, with the profile chosen.
#[derive(Debug)]
pub struct Config {
    pub path: Option<PathBuf>,
    pub file: ConfigFile,
    pub profile: String,
}

impl Config {
    /// Path: `--config`, else `$SECRETCTL_CONFIG`, else `<config dir>/secretctl/config.toml`.
    /// A file named explicitly must exist; the default one may be absent.
    pub fn load(
        path_flag: Option<&Path>,
        profile_flag: Option<&str>,
        env: EnvFn,
    ) -> Result<Config> {
        let explicit = path_flag
            .map(Path::to_path_buf)
            .or_else(|| env("SECRETCTL_CONFIG").map(PathBuf::from));
        let path = explicit.clone().or_else(default_path);
        let file = match &path {
            Some(p) => match read_bounded(p) {
                Ok(bytes) => Some(parse_file(p, &bytes)?),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && explicit.is_none() => None,
                Err(e) => {
                    return Err(error::usage(format!(
                        "cannot read config file {}: {}",
                        p.display(),
                        error::io_reason(&e)
                    )));
                }
            },
            None => None,
        };
        if let (Some(p), Some(f)) = (&path, &file) {
            check_permissions(p, f)?;
        }
        let found = file.is_some();
        let file = file.unwrap_or_default();
        let named = profile_flag
            .map(str::to_string)
            .or_else(|| env("SECRETCTL_PROFILE"));
        let profile = named
            .clone()
            .or_else(|| file.default_profile.clone())
            .unwrap_or_else(|| "default".to_string());
        if (named.is_some() || file.default_profile.is_some())
            && !file.profiles.contains_key(&profile)
        {
            let known: Vec<&str> = file.profiles.keys().map(String::as_str).collect();
            let where_ = match (&path, found) {
                (Some(p), true) => p.display().to_string(),
                (Some(p), false) => format!("{} (there is no such file)", p.display()),
                (None, _) => "any config file".to_string(),
            };
            return Err(
                error::usage(format!("no profile '{profile}' in {where_}")).with_hint(if !found {
                    "create one with: secretctl config set-token <chatbotkit|kubiya> --profile NAME"
                        .to_string()
                } else if known.is_empty() {
                    "the config file defines no profiles; see README.md, 'Config file'".to_string()
                } else {
                    format!("profiles defined: {}", known.join(", "))
                }),
            );
        }
        Ok(Config {
            path: if file_exists(&path) { path } else { None },
            file,
            profile,
        })
    }

    pub fn provider(&self, kind: ProviderKind) -> Option<&ProviderConfig> {
        let p = self.file.profiles.get(&self.profile)?;
        match kind {
            ProviderKind::Chatbotkit => p.chatbotkit.as_ref(),
            ProviderKind::Kubiya => p.kubiya.as_ref(),
        }
    }
}

/// The largest config file read (a real one is a few hundred bytes).
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// A config file's bytes, refusing what is not a regular file (`/dev/zero`, a FIFO) or is over
/// [`MAX_CONFIG_BYTES`], so a wrong `--config` can neither block nor exhaust memory.
pub fn read_bounded(p: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    // Opening a FIFO for reading would wait for a writer: don't.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut opts, libc::O_NONBLOCK);
    let f = opts.open(p)?;
    let meta = f.metadata()?;
    if meta.is_dir() {
        return Err(std::io::Error::from(std::io::ErrorKind::IsADirectory));
    }
    if !meta.is_file() {
        return Err(std::io::Error::other("it is not a regular file"));
    }
    let mut bytes = Vec::new();
    f.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(std::io::Error::other("it is over 1 MiB"));
    }
    Ok(bytes)
}

fn file_exists(p: &Option<PathBuf>) -> bool {
    p.as_ref().is_some_and(|p| p.exists())
}

pub fn default_path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("secretctl").join("config.toml"))
}

/// Parse without ever echoing the file's text: TOML errors normally quote the offending line,
/// which may be the one holding a token.
fn parse_file(path: &Path, bytes: &[u8]) -> Result<ConfigFile> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| error::usage(format!("config file {} is not valid UTF-8", path.display())))?;
    toml::from_str::<ConfigFile>(text).map_err(|e| {
        let (line, msg) = error::toml_position(text, &e);
        let at = line.map_or(String::new(), |l| format!(", line {l}"));
        error::usage(format!("config file {}{at}: {msg}", path.display()))
            .with_hint("see README.md, 'Config file', for the keys secretctl reads")
    })
}

#[cfg(unix)]
fn check_permissions(path: &Path, file: &ConfigFile) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    let mode = meta.permissions().mode();
    if file.holds_token() && mode & 0o044 != 0 {
        return Err(error::auth(format!(
            "config file {} holds a token and is readable by group or others (mode {:o})",
            path.display(),
            mode & 0o777
        ))
        .with_hint(format!("run: chmod 600 {}", path.display())));
    }
    if (file.holds_token() || file.holds_command()) && mode & 0o022 != 0 {
        return Err(error::auth(format!(
            "config file {} holds credentials or a token_command and is writable by group or others (mode {:o})",
            path.display(),
            mode & 0o777
        ))
        .with_hint(format!("run: chmod 600 {}", path.display())));
    }
    if (file.holds_token() || file.holds_command())
        && let Some(dir) = open_folder(path)
    {
        return Err(error::auth(format!(
            "config file {} holds credentials or a token_command, but the folder {} is writable by everyone: anyone could replace the file",
            path.display(),
            dir.display()
        ))
        .with_hint(format!(
            "run: chmod o-w {} (or move the file to a private folder)",
            dir.display()
        )));
    }
    Ok(())
}

/// The first folder above the config file (as named, and as its symlinks resolve) that
/// anyone may write to without the sticky bit: anyone could rename the file away and put
/// their own in its place. A sticky world-writable folder (`/tmp`) only lets each user
/// replace their own files, so it is accepted.
#[cfg(unix)]
fn open_folder(path: &Path) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let named = std::path::absolute(path).ok();
    let real = std::fs::canonicalize(path).ok();
    let mut dirs: Vec<PathBuf> = Vec::new();
    for p in named.iter().chain(real.iter()) {
        dirs.extend(p.ancestors().skip(1).map(Path::to_path_buf));
    }
    dirs.into_iter().find(|d| {
        std::fs::metadata(d).is_ok_and(|m| {
            let mode = m.permissions().mode();
            m.is_dir() && mode & 0o002 != 0 && mode & 0o1000 == 0
        })
    })
}

#[cfg(not(unix))]
fn check_permissions(_: &Path, _: &ConfigFile) -> Result<()> {
    Ok(())
}

/// Everything a provider needs to talk to its API.
#[derive(Debug)]
pub struct Endpoint {
    pub kind: ProviderKind,
    /// The API root: ChatBotKit `…/v1` or `…/api/v1`; Kubiya `…/api/vN`. No trailing slash.
    pub api_root: Url,
    pub base_source: Source,
}

/// Resolve the base URL (flag > env > profile > default) and turn it into the API root.
pub fn resolve_endpoint(
    kind: ProviderKind,
    flag: Option<&str>,
    config: &Config,
    env: EnvFn,
) -> Result<Endpoint> {
    let (raw, source) = if let Some(f) = flag {
        (f.to_string(), Source::Flag)
    } else if let Some((var, v)) = first_set(kind.url_env(), env) {
        (v, Source::Env(var))
    } else if let Some(u) = config.provider(kind).and_then(|p| p.base_url.clone()) {
        (u, Source::Profile(config.profile.clone()))
    } else {
        (kind.default_base().to_string(), Source::Default)
    };
    let api_root =
        api_root(kind, &raw).map_err(|e| e.context(format!("base URL from {source}")))?;
    Ok(Endpoint {
        kind,
        api_root,
        base_source: source,
    })
}

/// ChatBotKit: the base is an origin; `api.chatbotkit.com` serves `/v1` (whatever path was
/// given, as the official SDKs do), anything else `/api/v1`. Elsewhere a base that already
/// ends in `/v1` is used as given, one ending in `/api` gets `/v1`, and any other path is
/// kept as a prefix (a reverse proxy's).
/// Kubiya: `/api/v1` is appended when the URL has no `/api/vN` in its path.
pub fn api_root(kind: ProviderKind, raw: &str) -> Result<Url> {
    let mut url = Url::parse(raw.trim()).map_err(|e| {
        error::usage(format!("invalid base URL '{raw}': {e}"))
            .with_hint("give an http(s) URL such as https://api.chatbotkit.com")
    })?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(error::usage(format!(
                "refusing plain http:// base URL '{raw}': the token would cross the network in clear text"
            ))
            .with_hint("use https://; http:// is allowed only for 127.0.0.0/8, ::1 and localhost"));
        }
        other => {
            return Err(error::usage(format!(
                "unsupported URL scheme '{other}' in '{raw}'"
            )));
        }
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(error::usage(format!("base URL '{raw}' has no host")));
    }
    url.set_query(None);
    url.set_fragment(None);
    let path = url.path().trim_end_matches('/').to_string();
    let new_path = match kind {
        ProviderKind::Chatbotkit => {
            if url.host_str() == Some("api.chatbotkit.com") {
                "/v1".to_string()
            } else if path.ends_with("/v1") {
                path
            } else if path.ends_with("/api") {
                format!("{path}/v1")
            } else {
                format!("{path}/api/v1")
            }
        }
        ProviderKind::Kubiya => {
            if has_api_version(&path) {
                path
            } else {
                format!("{path}/api/v1")
            }
        }
    };
    url.set_path(&new_path);
    Ok(url)
}

fn has_api_version(path: &str) -> bool {
    let segs: Vec<&str> = path.split('/').collect();
    segs.windows(2).any(|w| {
        w[0] == "api"
            && w[1].len() > 1
            && w[1].starts_with('v')
            && w[1][1..].bytes().all(|b| b.is_ascii_digit())
    })
}

/// 127.0.0.0/8, ::1 or `localhost`: the only hosts plain `http` and a proxy-free client are for.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
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
) -> Result<(Token, Source)> {
    if let Some((var, v)) = first_set(kind.token_env(), env) {
        return Ok((Token::new(v.trim()), Source::Env(var)));
    }
    let profile_src = Source::Profile(config.profile.clone());
    if let Some(pc) = config.provider(kind) {
        match (&pc.token, &pc.token_command) {
            (Some(_), Some(_)) => {
                return Err(error::usage(format!(
                    "profile '{}' sets both token and token_command for {}; keep one",
                    config.profile,
                    kind.key()
                )));
            }
            (Some(t), None) => {
                if t.expose().trim().is_empty() {
                    return Err(error::auth(format!(
                        "profile '{}' has an empty {} token",
                        config.profile,
                        kind.key()
                    )));
                }
                return Ok((Token::new(t.expose().trim()), profile_src));
            }
            (None, Some(cmd)) => {
                let t = run_token_command(kind, &config.profile, cmd, timeout, keep_from_children)?;
                return Ok((t, profile_src));
            }
            (None, None) => {}
        }
    }
    Err(missing_token(kind, config))
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
pub fn token_source(
    kind: ProviderKind,
    config: &Config,
    env: EnvFn,
) -> Option<(Source, &'static str)> {
    if let Some(var) = kind.token_env().iter().find(|v| env(v).is_some()) {
        return Some((Source::Env(var), "env"));
    }
    let pc = config.provider(kind)?;
    let src = Source::Profile(config.profile.clone());
    if pc.token.is_some() {
        Some((src, "token"))
    } else if pc.token_command.is_some() {
        Some((src, "token_command"))
    } else {
        None
    }
}

/// The file `secretctl config set-…` writes: `--config`, `$SECRETCTL_CONFIG`, or the default.
pub fn write_path(path_flag: Option<&Path>, env: EnvFn) -> Result<PathBuf> {
    path_flag
        .map(Path::to_path_buf)
        .or_else(|| env("SECRETCTL_CONFIG").map(PathBuf::from))
        .or_else(default_path)
        .ok_or_else(|| error::usage("cannot find a config directory; pass --config FILE"))
}

/// Set `profiles.<profile>.<provider>.<key> = value`, removing the other way of giving a
/// token (`token` and `token_command` exclude each other). Comments, other keys and other
/// profiles stay as they are. The file is replaced atomically with mode 0600; a new folder
/// gets 0700.
pub fn set_provider_key(
    path: &Path,
    profile: &str,
    kind: ProviderKind,
    key: &str,
    value: &str,
) -> Result<()> {
    use toml_edit::{DocumentMut, Item, Table, value as v};
    let text = match read_bounded(path) {
        Ok(b) => String::from_utf8(b).map_err(|_| {
            error::usage(format!("config file {} is not valid UTF-8", path.display()))
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(error::usage(format!(
                "cannot read config file {}: {}",
                path.display(),
                error::io_reason(&e)
            )));
        }
    };
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        let line = e.span().map(|s| error::line_at(text.as_bytes(), s.start));
        error::usage(format!(
            "config file {}{}: {}",
            path.display(),
            line.map_or(String::new(), |l| format!(", line {l}")),
            e.message()
        ))
    })?;
    let table = |item: &mut Item| -> Result<()> {
        if item.is_none() {
            let mut t = Table::new();
            t.set_implicit(true);
            *item = Item::Table(t);
        }
        if item.is_table_like() {
            Ok(())
        } else {
            Err(error::usage(format!(
                "config file {}: expected a table",
                path.display()
            )))
        }
    };
    table(&mut doc["profiles"])?;
    table(&mut doc["profiles"][profile])?;
    table(&mut doc["profiles"][profile][kind.key()])?;
    let t = doc["profiles"][profile][kind.key()]
        .as_table_like_mut()
        .ok_or_else(|| error::usage(format!("config file {}: expected a table", path.display())))?;
    t.insert(key, v(value));
    let other = if key == "token" {
        "token_command"
    } else {
        "token"
    };
    t.remove(other);
    // A symlinked config (dotfiles kept in a repository) is written through to its target:
    // the link stays a link.
    write_private(&through_links(path), doc.to_string().as_bytes())
}

/// Where writing `path` should go: the file a symlink points to (even one that does not
/// exist yet), else `path` itself.
fn through_links(path: &Path) -> PathBuf {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            std::fs::canonicalize(path).unwrap_or_else(|_| match std::fs::read_link(path) {
                Ok(target) if target.is_relative() => path
                    .parent()
                    .map_or_else(|| target.clone(), |d| d.join(&target)),
                Ok(target) => target,
                Err(_) => path.to_path_buf(),
            })
        }
        _ => path.to_path_buf(),
    }
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let fail = |e: std::io::Error| {
        error::other(format!("cannot write config file {}: {e}", path.display()))
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.exists() {
        let mut b = std::fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            b.mode(0o700);
        }
        b.create(dir).map_err(fail)?;
    }
    let tmp = dir.join(format!(
        ".{}.tmp{}",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("config"),
        std::process::id()
    ));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(&tmp).map_err(fail)?;
    let written = f.write_all(bytes).and_then(|_| f.sync_all());
    drop(f);
    if let Err(e) = written.and_then(|_| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(e));
    }
    Ok(())
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
    let mut command = Command::new("/bin/sh");
    command
        .arg("-c")
        .arg(cmd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    for var in all_token_env() {
        command.env_remove(var);
    }
    for var in keep_from_children {
        command.env_remove(var);
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        command.process_group(0);
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
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    fn empty_config() -> Config {
        Config {
            path: None,
            file: ConfigFile::default(),
            profile: "default".into(),
        }
    }

    #[test]
    fn chatbotkit_paths() {
        let r = |u| api_root(ProviderKind::Chatbotkit, u).unwrap().to_string();
        assert_eq!(
            r("https://api.chatbotkit.com"),
            "https://api.chatbotkit.com/v1"
        );
        assert_eq!(
            r("https://api.chatbotkit.com/"),
            "https://api.chatbotkit.com/v1"
        );
        assert_eq!(
            r("https://cbk.example.com"),
            "https://cbk.example.com/api/v1"
        );
        assert_eq!(r("http://127.0.0.1:9000"), "http://127.0.0.1:9000/api/v1");
        assert_eq!(r("http://localhost:9000/v1"), "http://localhost:9000/v1");
        // The hosted API lives at /v1 whatever path the base carries.
        for hosted in [
            "https://api.chatbotkit.com/v1",
            "https://api.chatbotkit.com/api",
            "https://api.chatbotkit.com/api/v1/",
        ] {
            assert_eq!(r(hosted), "https://api.chatbotkit.com/v1", "{hosted}");
        }
        assert_eq!(
            r("https://cbk.example.com/api"),
            "https://cbk.example.com/api/v1"
        );
        assert_eq!(
            r("https://cbk.example.com/api/v1"),
            "https://cbk.example.com/api/v1"
        );
        assert_eq!(
            r("https://proxy.example.com/cbk"),
            "https://proxy.example.com/cbk/api/v1"
        );
    }

    #[test]
    fn kubiya_paths() {
        let r = |u| api_root(ProviderKind::Kubiya, u).unwrap().to_string();
        assert_eq!(r("https://api.kubiya.ai"), "https://api.kubiya.ai/api/v1");
        assert_eq!(
            r("https://api.kubiya.ai/api/v1"),
            "https://api.kubiya.ai/api/v1"
        );
        assert_eq!(
            r("https://api.kubiya.ai/api/v2/"),
            "https://api.kubiya.ai/api/v2"
        );
        assert_eq!(r("http://[::1]:80"), "http://[::1]/api/v1");
    }

    #[test]
    fn plain_http_only_on_loopback() {
        for ok in [
            "http://127.0.0.1:1",
            "http://127.8.9.10",
            "http://[::1]:5",
            "http://LOCALHOST:3",
        ] {
            assert!(api_root(ProviderKind::Kubiya, ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://10.0.0.1",
            "http://example.com",
            "http://127.0.0.1.nip.io",
            "ftp://x",
        ] {
            assert_eq!(
                api_root(ProviderKind::Kubiya, bad).unwrap_err().code(),
                2,
                "{bad}"
            );
        }
    }

    #[test]
    fn endpoint_precedence_flag_env_profile_default() {
        let cfg = empty_config();
        let env = env_of(&[
            ("CBK_API_URL", "https://b.example"),
            ("CHATBOTKIT_API_URL", "https://a.example"),
        ]);
        let e = resolve_endpoint(ProviderKind::Chatbotkit, None, &cfg, &env).unwrap();
        assert_eq!(e.api_root.as_str(), "https://a.example/api/v1");
        assert_eq!(e.base_source, Source::Env("CHATBOTKIT_API_URL"));
        let e = resolve_endpoint(
            ProviderKind::Chatbotkit,
            Some("https://f.example"),
            &cfg,
            &env,
        )
        .unwrap();
        assert_eq!(e.base_source, Source::Flag);
        let none = env_of(&[]);
        let e = resolve_endpoint(ProviderKind::Kubiya, None, &cfg, &none).unwrap();
        assert_eq!(e.api_root.as_str(), "https://api.kubiya.ai/api/v1");
    }

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
        assert_eq!(src, Source::Env("CBK_API_TOKEN"));
        let none = env_of(&[]);
        let err = resolve_token(
            ProviderKind::Kubiya,
            &cfg,
            &none,
            Duration::from_secs(1),
            &[],
        )
        .unwrap_err();
        assert_eq!(err.code(), 4);
        assert!(
            err.msg()
                .hint
                .as_deref()
                .unwrap()
                .contains("KUBIYA_API_KEY")
        );
    }

    #[test]
    fn token_command_output_trimmed_and_failures_are_auth_errors() {
        let mut cfg = empty_config();
        let pc = ProviderConfig {
            token_command: Some("printf '  tok-1\\n'".into()),
            ..Default::default()
        };
        cfg.file.profiles.insert(
            "default".into(),
            Profile {
                kubiya: Some(pc),
                chatbotkit: None,
            },
        );
        let none = env_of(&[]);
        let (t, _) = resolve_token(
            ProviderKind::Kubiya,
            &cfg,
            &none,
            Duration::from_secs(5),
            &[],
        )
        .unwrap();
        assert_eq!(t.expose(), "tok-1");

        cfg.file
            .profiles
            .get_mut("default")
            .unwrap()
            .kubiya
            .as_mut()
            .unwrap()
            .token_command = Some("exit 3".into());
        let e = resolve_token(
            ProviderKind::Kubiya,
            &cfg,
            &none,
            Duration::from_secs(5),
            &[],
        )
        .unwrap_err();
        assert_eq!(e.code(), 4);

        cfg.file
            .profiles
            .get_mut("default")
            .unwrap()
            .kubiya
            .as_mut()
            .unwrap()
            .token_command = Some("sleep 30; echo late".into());
        let start = std::time::Instant::now();
        let e = resolve_token(
            ProviderKind::Kubiya,
            &cfg,
            &none,
            Duration::from_secs(1),
            &[],
        )
        .unwrap_err();
        assert_eq!(e.code(), 4);
        assert!(start.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn set_provider_key_keeps_comments_and_other_profiles() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/config.toml");
        set_provider_key(
            &p,
            "work",
            ProviderKind::Kubiya,
            "token_command",
            "op read x",
        )
        .unwrap();
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(
            std::fs::metadata(p.parent().unwrap())
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o700
        );
        let mut text = std::fs::read_to_string(&p).unwrap();
        text.insert_str(0, "# my settings\ndefault_profile = \"work\"\n");
        text.push_str("\n[profiles.home.chatbotkit]\nbase_url = \"https://x.example\" # keep\n");
        std::fs::write(&p, &text).unwrap();
        set_provider_key(&p, "work", ProviderKind::Kubiya, "token", "tok").unwrap();
        let after = std::fs::read_to_string(&p).unwrap();
        assert!(
            after.contains("# my settings") && after.contains("# keep"),
            "{after}"
        );
        assert!(!after.contains("token_command"), "{after}");
        let cfg: ConfigFile = toml::from_str(&after).unwrap();
        assert_eq!(
            cfg.profiles["work"]
                .kubiya
                .as_ref()
                .unwrap()
                .token
                .as_ref()
                .unwrap()
                .expose(),
            "tok"
        );
        assert!(cfg.profiles["home"].chatbotkit.is_some());
    }

    #[test]
    fn toml_errors_do_not_quote_the_file() {
        let err = parse_file(
            Path::new("c.toml"),
            b"[profiles.a.kubiya]\ntoken = \"abc-secret\nx",
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(!text.contains("abc-secret"), "{text}");
        assert!(text.contains("c.toml, line "), "{text}");
        let err = parse_file(Path::new("c.toml"), b"[profiles.a.kubiya]\ntokne = 'x'").unwrap_err();
        assert!(err.to_string().contains("tokne"));
    }
}
