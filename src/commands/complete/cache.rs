//! The names cache of TAB: one file per provider, config file, profile, base URL and
//! credential, `<cache dir>/secretctl/names-<provider>-<digest>.json`, mode 0600 in a 0700
//! folder, replaced atomically. It holds the names (and the ids offered instead of a name),
//! when they were fetched, or that a lookup is under way or failed — never a value, never a
//! token.
//!
//! The credential is told apart by an HMAC-SHA256 of the token (or of the `token_command`
//! line, which is not run to make the key) under a random key of this user's, `key` beside
//! the files (0600). A plain digest of the token would let anyone holding a cache file test
//! guesses of a weak token offline; with the key, the file alone tells nothing, and the key
//! never leaves the folder.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use crate::config::TokenSource;

/// How long a list of names (or a failed or unfinished lookup) is used before the account is
/// asked again.
pub const FRESH_SECS: u64 = 60;

/// One secret as TAB offers it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    /// What is inserted: the name, or (ChatBotKit) the id where a name cannot stand for the
    /// secret.
    pub offer: String,
    /// The name an id stands for, when there is one a terminal may show: matched against
    /// what was typed, and shown beside the id by zsh and fish.
    pub name: Option<String>,
}

impl Entry {
    /// Whether what was typed starts this entry: its name or its id.
    pub fn matches(&self, typed: &str) -> bool {
        self.offer.starts_with(typed) || self.name.as_deref().is_some_and(|n| n.starts_with(typed))
    }
}

/// What the cache says for a key, while fresh.
#[derive(Debug)]
pub enum State {
    /// A lookup is under way (it started less than [`FRESH_SECS`] ago).
    Pending,
    /// The names; empty when the lookup failed.
    Done(Vec<Entry>),
}

/// What one cache file is for.
pub struct Key {
    provider: &'static str,
    config: String,
    profile: String,
    base_url: String,
    token_source: String,
    /// HMAC-SHA256 of the credential, hex.
    credential: String,
    path: PathBuf,
}

impl Key {
    /// The key for these settings; `None` when there is no cache folder to use (no key can
    /// be read or made).
    pub fn new(
        provider: &'static str,
        config: &Path,
        profile: &str,
        base_url: &str,
        source: &TokenSource,
        material: &str,
    ) -> Option<Key> {
        let dir = dir()?;
        let secret = user_key(&dir)?;
        let token_source = source.to_string();
        let hmac_key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &secret);
        let mut ctx = ring::hmac::Context::with_key(&hmac_key);
        ctx.update(token_source.as_bytes());
        ctx.update(b"\0");
        ctx.update(material.as_bytes());
        let credential = hex(ctx.sign().as_ref());
        let config = std::fs::canonicalize(config)
            .unwrap_or_else(|_| config.to_path_buf())
            .to_string_lossy()
            .into_owned();
        let mut key = Key {
            provider,
            config,
            profile: profile.to_string(),
            base_url: base_url.to_string(),
            token_source,
            credential,
            path: PathBuf::new(),
        };
        let digest =
            ring::digest::digest(&ring::digest::SHA256, key.fields().join("\0").as_bytes());
        key.path = dir.join(format!(
            "names-{provider}-{}.json",
            hex(&digest.as_ref()[..8])
        ));
        Some(key)
    }

    fn fields(&self) -> [&str; 6] {
        [
            self.provider,
            &self.config,
            &self.profile,
            &self.base_url,
            &self.token_source,
            &self.credential,
        ]
    }

    #[cfg(test)]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What the cache holds for this key while it is fresh; `None` when nothing fresh is.
    pub fn read(&self) -> Option<State> {
        let bytes = crate::config::file::read_bounded(&self.path).ok()?;
        let v: Value = serde_json::from_slice(&bytes).ok()?;
        let same = v["provider"] == self.provider
            && v["config"] == self.config.as_str()
            && v["profile"] == self.profile.as_str()
            && v["base_url"] == self.base_url.as_str()
            && v["token_source"] == self.token_source.as_str()
            && v["credential"] == self.credential.as_str();
        let age = now_secs().checked_sub(v["fetched_at"].as_u64()?)?;
        if !same || age >= FRESH_SECS {
            return None;
        }
        match v["state"].as_str()? {
            "pending" => Some(State::Pending),
            "failed" => Some(State::Done(vec![])),
            "ok" => Some(State::Done(entries(&v))),
            _ => None,
        }
    }

    /// Record that a lookup starts now: for [`FRESH_SECS`] no other TAB starts one. `false`
    /// when it cannot be recorded (then none is made).
    pub fn claim(&self) -> bool {
        self.write("pending", None)
    }

    /// Remember what one lookup gave (`None`: it failed). Names and ids only.
    pub fn store(&self, entries: Option<&[Entry]>) {
        let state = if entries.is_some() { "ok" } else { "failed" };
        self.write(state, entries);
        prune(self.path.parent());
    }

    fn write(&self, state: &str, entries: Option<&[Entry]>) -> bool {
        let entries = entries.unwrap_or_default();
        let names: Vec<&str> = entries
            .iter()
            .filter(|e| e.name.is_none())
            .map(|e| e.offer.as_str())
            .collect();
        let ids: Vec<Value> = entries
            .iter()
            .filter(|e| e.name.is_some())
            .map(|e| json!({"id": e.offer, "name": e.name}))
            .collect();
        let v = json!({
            "provider": self.provider,
            "config": self.config,
            "profile": self.profile,
            "base_url": self.base_url,
            "token_source": self.token_source,
            "credential": self.credential,
            "fetched_at": now_secs(),
            "state": state,
            "names": names,
            "ids": ids,
        });
        crate::config::edit::write_private(&self.path, v.to_string().as_bytes()).is_ok()
    }
}

/// The entries of a record: its names, then the ids offered instead of a name.
fn entries(v: &Value) -> Vec<Entry> {
    let text = |v: &Value| v.as_str().map(str::to_string);
    let names = v["names"].as_array().into_iter().flatten().filter_map(text);
    let ids = v["ids"].as_array().into_iter().flatten();
    let mut out: Vec<Entry> = names
        .map(|offer| Entry { offer, name: None })
        .chain(ids.filter_map(|i| {
            Some(Entry {
                offer: text(&i["id"])?,
                name: text(&i["name"]),
            })
        }))
        .collect();
    out.sort();
    out
}

/// Forget every cached lookup of a provider's profile (whatever the config file, base URL or
/// credential): `config set-token` and `set-command` change what the next TAB must use.
pub fn forget(provider: &str, profile: &str) {
    let Some(dir) = dir() else { return };
    let Ok(files) = std::fs::read_dir(&dir) else {
        return;
    };
    let prefix = format!("names-{provider}-");
    for f in files.flatten() {
        let name = f.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(&prefix) && name.ends_with(".json")) {
            continue;
        }
        let path = f.path();
        let of_profile = crate::config::file::read_bounded(&path)
            .ok()
            .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
            .is_none_or(|v| v["profile"] == profile);
        if of_profile {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Files no TAB will use again: records and leftover temporary files older than
/// [`FRESH_SECS`] (a lookup that is still under way is younger than that).
fn prune(dir: Option<&Path>) {
    let Some(files) = dir.and_then(|d| std::fs::read_dir(d).ok()) else {
        return;
    };
    let old = Duration::from_secs(FRESH_SECS);
    for f in files.flatten() {
        let name = f.file_name();
        let Some(name) = name.to_str() else { continue };
        let ours =
            (name.starts_with("names-") && name.ends_with(".json")) || name.starts_with(".names-");
        let stale = f
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > old);
        if ours && stale {
            let _ = std::fs::remove_file(f.path());
        }
    }
}

/// `<cache dir>/secretctl`.
fn dir() -> Option<PathBuf> {
    Some(dirs::cache_dir()?.join("secretctl"))
}

/// This user's random HMAC key, `<dir>/key` (0600): read, or made once (a temporary file
/// linked into place, so that two TABs at once agree on one key).
fn user_key(dir: &Path) -> Option<Vec<u8>> {
    let path = dir.join("key");
    if let Some(k) = read_key(&path) {
        return Some(k);
    }
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir).ok()?;
    let mut bytes = [0u8; 32];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes).ok()?;
    // tempfile makes the file 0600.
    let mut tmp = tempfile::Builder::new()
        .prefix(".key")
        .tempfile_in(dir)
        .ok()?;
    tmp.write_all(hex(&bytes).as_bytes()).ok()?;
    tmp.as_file().sync_all().ok()?;
    // Already there: another TAB made it first; use that one.
    let _ = tmp.persist_noclobber(&path);
    read_key(&path)
}

fn read_key(path: &Path) -> Option<Vec<u8>> {
    let text = crate::config::file::read_bounded(path).ok()?;
    let text = std::str::from_utf8(&text).ok()?.trim();
    if text.len() != 64 {
        return None;
    }
    (0..32)
        .map(|i| u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok())
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
