//! The config file itself: where it is, reading it bounded, parsing it without echoing it,
//! and the permission and folder checks that keep someone else's file from supplying a token
//! or a command.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::env::EnvFn;
use crate::error::{self, Result};
use crate::provider::kind::ProviderKind;
use crate::secret::Token;

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

impl Profile {
    /// The provider's table: `[profiles.<name>.<provider key>]`.
    pub fn provider(&self, kind: ProviderKind) -> Option<&ProviderConfig> {
        match kind {
            ProviderKind::Chatbotkit => self.chatbotkit.as_ref(),
            ProviderKind::Kubiya => self.kubiya.as_ref(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderConfig {
    pub base_url: Option<String>,
    pub token: Option<Token>,
    pub token_command: Option<String>,
}

impl ConfigFile {
    /// Whether any provider table of any profile satisfies `f`.
    fn any_provider(&self, f: impl Fn(&ProviderConfig) -> bool) -> bool {
        self.profiles
            .values()
            .flat_map(|p| ProviderKind::ALL.map(|k| p.provider(k)))
            .flatten()
            .any(f)
    }

    fn holds_token(&self) -> bool {
        self.any_provider(|c| c.token.is_some())
    }

    fn holds_command(&self) -> bool {
        self.any_provider(|c| c.token_command.is_some())
    }
}

/// The variable naming the config file.
pub const CONFIG_ENV: &str = "SECRETCTL_CONFIG";

/// The file a flag or the variable names: `--config`, else `$SECRETCTL_CONFIG` (the default
/// path is the last layer, taken by `Selection::path` only when a file is needed).
pub fn named_path(path_flag: Option<&Path>, env: EnvFn) -> Option<PathBuf> {
    let env_layer = (&[CONFIG_ENV][..], |_, v| PathBuf::from(v));
    let flag = path_flag.map(Path::to_path_buf);
    super::first_layer(flag, env_layer, || None, || None, env).map(|(p, _)| p)
}

/// Read, parse and check the file at `path`. An absent file is `None` unless it was named
/// explicitly, which makes it an error.
pub fn load(path: &Path, explicit: bool) -> Result<Option<ConfigFile>> {
    let file = match read_bounded(path) {
        Ok(bytes) => parse_file(path, &bytes)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => return Ok(None),
        Err(e) => {
            return Err(error::usage(format!(
                "cannot read config file {}: {}",
                path.display(),
                error::io_reason(&e)
            )));
        }
    };
    check_permissions(path, &file)?;
    Ok(Some(file))
}

/// The largest config file read (a real one is a few hundred bytes).
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// A config file's bytes, refusing what is not a regular file (`/dev/zero`, a FIFO) or is over
/// [`MAX_CONFIG_BYTES`], so a wrong `--config` can neither block nor exhaust memory.
pub fn read_bounded(p: &Path) -> std::io::Result<Vec<u8>> {
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

pub fn default_path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("secretctl").join("config.toml"))
}

/// Parse without ever echoing the file's text: TOML errors normally quote the offending line,
/// which may be the one holding a token.
fn parse_file(path: &Path, bytes: &[u8]) -> Result<ConfigFile> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| error::usage(format!("config file {} is not valid UTF-8", path.display())))?;
    toml::from_str::<ConfigFile>(text).map_err(|e| {
        let (line, msg) = crate::lines::toml_position(text, &e);
        let at = line.map_or(String::new(), |l| format!(", line {l}"));
        error::usage(format!("config file {}{at}: {msg}", path.display()))
            .with_hint("see docs/config.md, 'Config file', for the keys secretctl reads")
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

#[cfg(test)]
mod tests {
    use super::*;

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
