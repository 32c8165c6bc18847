//! The shared model of a secret store, and its two REST adapters. Commands are written once
//! against [`Provider`]; the adapters only build requests and read JSON.
//!
//! The differences between the two, stated here once:
//! - ChatBotKit addresses secrets by opaque **id** and names may repeat (`get NAME` resolves an
//!   exact id first, then an exact name, and refuses an ambiguous name); Kubiya addresses them
//!   by **unique name**.
//! - ChatBotKit values are **write-only** (no API returns them); Kubiya values are readable.
//! - Kubiya's update always carries a value; ChatBotKit's update is partial.

pub mod chatbotkit;
#[cfg(test)]
pub mod fake;
pub mod kind;
pub mod kubiya;
pub mod references;

pub use kind::ProviderKind;
pub use references::{Known, References, User};

use std::sync::Arc;

use reqwest::Url;
use serde_json::{Map, Value};
use zeroize::Zeroizing;

use crate::error::{self, Result};
use crate::pace::Pace;
use crate::secret::SecretValue;
use crate::transport::RateLimit;

/// How a provider addresses a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identity {
    /// Opaque id; names may repeat.
    Id,
    /// The name, unique.
    Name,
}

/// What `create` sends.
pub struct CreateSpec<'a> {
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub value: Option<&'a SecretValue>,
    /// Provider-specific fields (ChatBotKit: kind, type, visibility, blueprintId, alias,
    /// config, meta), in the API's spelling.
    pub fields: Map<String, Value>,
    /// Other secret strings in the request (a `--config` entry read from a file or stdin):
    /// cut out of any server message as the value is.
    pub secrets: Vec<&'a str>,
}

pub enum ValueChange<'a> {
    Set(&'a SecretValue),
    Keep,
}

/// What `update` changes; anything `None`/empty is left as it is.
pub struct UpdateSpec<'a> {
    pub new_name: Option<&'a str>,
    pub description: Option<&'a str>,
    pub value: ValueChange<'a>,
    /// Fields replaced as given.
    pub fields: Map<String, Value>,
    /// Map fields (ChatBotKit `meta`, `config`) whose entries are merged into the stored map.
    pub merge: Map<String, Value>,
    /// Other secret strings in the request, as for `CreateSpec::secrets`.
    pub secrets: Vec<&'a str>,
    /// The stored record, when the caller already has it (import's list): spares a look-up.
    pub current: Option<&'a Value>,
}

impl UpdateSpec<'_> {
    pub fn is_empty(&self) -> bool {
        self.new_name.is_none()
            && self.description.is_none()
            && matches!(self.value, ValueChange::Keep)
            && self.fields.is_empty()
            && self.merge.is_empty()
    }
}

#[derive(Debug, Default, Clone)]
pub struct ListFilter {
    /// ChatBotKit meta filters; every pair must match.
    pub meta: Vec<(String, String)>,
}

pub trait Provider: Send + Sync {
    fn kind(&self) -> ProviderKind;
    fn identity(&self) -> Identity;
    /// Whether the API ever returns a stored value.
    fn values_readable(&self) -> bool {
        self.kind().values_readable()
    }
    /// Column headers for table and plain output.
    fn columns(&self) -> &'static [&'static str];
    /// The record's fields in column order.
    fn row(&self, record: &Value) -> Vec<String>;
    /// `("id", …)` or `("name", …)`: what identifies the record.
    fn key(&self, record: &Value) -> (&'static str, String);
    /// Every secret, each handed to `each` as soon as it arrives.
    fn list(&self, filter: &ListFilter, each: &mut dyn FnMut(Value) -> Result<()>) -> Result<()>;
    /// One secret's metadata.
    fn get(&self, target: &str) -> Result<Value>;
    /// The stored value (only where `values_readable`).
    fn reveal(&self, target: &str) -> Result<Zeroizing<Vec<u8>>>;
    /// Why this stored secret would not keep a new value sent to it, if it would not
    /// (ChatBotKit keeps values only for shared secrets). Checked before a value is sent.
    fn refuses_value(&self, _record: &Value) -> Option<String> {
        None
    }
    /// Create; returns the id (ChatBotKit) or name (Kubiya).
    fn create(&self, spec: &CreateSpec) -> Result<String>;
    /// Update; returns the id or name.
    fn update(&self, target: &str, spec: &UpdateSpec) -> Result<String>;
    /// Delete; returns the id or name.
    fn delete(&self, target: &str) -> Result<String>;
    /// Prove the token with the API's cheapest authenticated read (`config check`, `config
    /// set-token`); the rate-limit headroom the answer announced, if any. This default lists
    /// every secret, which proves it too, at a higher price.
    fn prove_token(&self) -> Result<Option<RateLimit>> {
        self.list(&ListFilter::default(), &mut |_| Ok(()))?;
        Ok(None)
    }
    /// Delete a secret as a list call gave it (sync's prune): its key is known to be its
    /// own, so no look-up is needed.
    fn delete_listed(&self, record: &Value) -> Result<String> {
        self.delete(&self.key(record).1)
    }
    /// Everything on the platform that can name a secret, read once: the lists ("used by",
    /// see [`references`]), the concurrent reads at `pace` with at most `workers` at once.
    /// `known` is what the command already read (every secret, or only those it asks
    /// about): never read again.
    fn references(
        &self,
        pace: &Arc<Pace>,
        workers: u16,
        known: Known,
    ) -> Result<Box<dyn References>>;
    /// The actions on a secret's stored authentication, where the API has them.
    fn authentication(&self) -> Result<&dyn Authentication> {
        Err(error::usage(format!(
            "{} secrets have no stored authentication to verify or revoke; nothing was sent",
            self.kind().display()
        )))
    }
}

/// What `verify` learned of a secret's stored authentication.
pub struct Verification {
    /// The state as the API words it (`authenticated`, …; `unknown` when it gives none).
    pub status: String,
    /// Where to authenticate, when the API asks for it.
    pub url: Option<String>,
    /// The API's answer as it came, for `-o json`.
    pub record: Value,
}

/// What a platform can do with the authentication a secret stores (ChatBotKit: OAuth and
/// personal secrets): check it, and erase it.
pub trait Authentication {
    /// The authentication's state.
    fn verify(&self, target: &str) -> Result<Verification>;
    /// Erase the stored value; returns the id.
    fn revoke(&self, target: &str) -> Result<String>;
}

/// `get --reveal` where the API never returns a value (see [`ProviderKind::values_readable`]).
pub fn values_are_write_only(kind: ProviderKind) -> error::Error {
    error::usage(format!(
        "{} never returns secret values: they are write-only; nothing was sent",
        kind.display()
    ))
    .with_hint("get without --reveal shows the metadata")
}

/// The longest secret name (or id) accepted, in bytes: a Kubiya name travels as one URL path
/// segment, and servers and proxies refuse long URLs (a 70,000-character name could be
/// created but never read or deleted); 255 is the common file-name and key limit.
pub const MAX_NAME_BYTES: usize = 255;

/// Why a secret name breaks the rules every verb, `import` and `sync` share, if it does. The
/// wording is each caller's: a command's error, or a problem on an import line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    /// Empty, or only white space.
    Blank,
    /// Over [`MAX_NAME_BYTES`]: its length in bytes.
    TooLong(usize),
    /// `.` or `..`, where the name must travel as one URL path segment.
    DotSegment,
}

/// The one place the name rules live: not blank, at most [`MAX_NAME_BYTES`], and — with
/// `segment`, where the name is what addresses the secret ([`Identity::Name`]) — not `.` or
/// `..` (see [`check_segment`]).
pub fn name_problem(name: &str, segment: bool) -> Option<NameProblem> {
    if name.trim().is_empty() {
        Some(NameProblem::Blank)
    } else if name.len() > MAX_NAME_BYTES {
        Some(NameProblem::TooLong(name.len()))
    } else if segment && is_dot_segment(name) {
        Some(NameProblem::DotSegment)
    } else {
        None
    }
}

/// `.` or `..`: URL parsers resolve those, so such a secret could never be read, updated or
/// deleted.
fn is_dot_segment(s: &str) -> bool {
    s == "." || s == ".."
}

/// Whether `s` can travel as one URL path segment: not empty, not `.` or `..`.
pub fn check_segment(s: &str) -> Result<()> {
    if s.is_empty() || is_dot_segment(s) {
        return Err(error::usage(format!(
            "'{s}' cannot be used as a secret name or id in a URL path; nothing was sent"
        )));
    }
    Ok(())
}

/// `root` + path segments, each percent-encoded as one segment (a `/` in a name stays in
/// the name). `.` and `..` cannot travel in a URL path and are refused.
pub fn url(root: &Url, segments: &[&str]) -> Result<Url> {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    let mut path = root.path().trim_end_matches('/').to_string();
    for s in segments {
        check_segment(s)?;
        path.push('/');
        path.extend(utf8_percent_encode(s, SEGMENT));
    }
    let mut u = root.clone();
    u.set_path(&path);
    Ok(u)
}

/// The error for a 404 from a list route. Every base URL that is the API's serves its list,
/// so such a 404 says the base URL is wrong, never that a secret is missing (a wrong base
/// path answers every route 404, and `--ignore-missing` must not take that for success).
pub fn wrong_endpoint(e: error::Error, kind: ProviderKind, list_url: &Url) -> error::Error {
    if !matches!(e, error::Error::NotFound(_)) {
        return e;
    }
    let mut shown = list_url.clone();
    shown.set_query(None);
    error::network(format!(
        "{}: the server has no list of {} secrets at {}: this base URL is not the API's",
        e.msg().text,
        kind.display(),
        crate::sanitize::sanitize(shown.as_str())
    ))
    .with_hint(format!(
        "check the base URL (--base-url, {}, or the profile's base_url)",
        kind.url_env().join(" / ")
    ))
    .as_not_the_api()
}

/// Names a person can read in a message.
pub fn quoted(s: &str) -> String {
    const MAX: usize = 80;
    let shown = crate::sanitize::sanitize(s);
    if shown.chars().count() > MAX {
        let head: String = shown.chars().take(MAX).collect();
        format!("'{head}…' ({} characters)", s.chars().count())
    } else {
        format!("'{shown}'")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_percent_encoded_one_each() {
        let root = Url::parse("http://127.0.0.1:1/api/v1").unwrap();
        let u = url(&root, &["secrets", "a/b c%?#é"]).unwrap();
        assert_eq!(
            u.as_str(),
            "http://127.0.0.1:1/api/v1/secrets/a%2Fb%20c%25%3F%23%C3%A9"
        );
        assert!(url(&root, &["secrets", ".."]).is_err());
        assert!(url(&root, &["secrets", ""]).is_err());
    }
}
