//! Kubiya: `{P}/secrets…` with `P` = `/api/v1` or `/api/v2`, `Authorization: UserKey`,
//! secrets identified by unique name, readable values. See ../shared/api/kubiya.md.

use std::sync::Arc;

use base64::Engine;
use reqwest::{Method, Url};
use serde_json::{Map, Value, json};
use zeroize::Zeroizing;

use super::references::{Known, KubiyaAgents, References};
use super::{CreateSpec, Identity, ListFilter, Provider, UpdateSpec, ValueChange, quoted, url};
use crate::error::{self, Effect, Error, Result};
use crate::output::field;
use crate::pace::Pace;
use crate::provider::ProviderKind;
use crate::secret::SecretValue;
use crate::transport::{
    Call, MAX_BODY, RateLimit, Retry, Transport, check_not_html, content_type, is_api_not_found,
};

pub struct Kubiya {
    t: Transport,
    root: Url,
}

impl Kubiya {
    pub fn new(t: Transport, root: Url) -> Self {
        Kubiya { t, root }
    }

    fn url(&self, segs: &[&str]) -> Result<Url> {
        url(&self.root, segs)
    }

    /// The API root with its last `/api/vN` made `/api/v1`: users and agents live under
    /// `/api/v1` whichever version the secrets are read from (the Terraform provider reads
    /// secrets from `/api/v2` and the user from `/api/v1`).
    fn v1_root(&self) -> Url {
        let path = self.root.path().trim_end_matches('/');
        let prefix = match path.rsplit_once("/api/v") {
            Some((before, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                format!("{before}/api/v1")
            }
            _ => path.to_string(),
        };
        let mut root = self.root.clone();
        root.set_path(&prefix);
        root
    }

    /// `…/api/v1/agents?mode=all` beside the API root. `mode=all` is what Kubiya's own CLI
    /// asks for (`ListAgents`); by its name it includes agents the key does not own, which a
    /// guard against deleting a secret in use must not miss. A server that ignores it answers
    /// the same bare array.
    fn agents_url(&self) -> Result<Url> {
        let mut u = url(&self.v1_root(), &["agents"])?;
        u.query_pairs_mut().append_pair("mode", "all");
        Ok(u)
    }

    /// `…/api/v1/users/self` beside the API root.
    fn self_url(&self) -> Result<Url> {
        url(&self.v1_root(), &["users", "self"])
    }

    /// A 404 for the secret `name` is "missing" only when it is the API's own not-found
    /// (its JSON error object: [`is_api_not_found`]) and the API's list answers without
    /// `name` (the contract's reliability rule). An HTML page or a body that is not the API's
    /// (a proxy, a route that does not exist under a wrong base path), or a 404 for a name the
    /// list shows, is the endpoint's error (exit 6): `--ignore-missing` and sync's plan never
    /// take it for "missing". One more request, on the not-found path only. Every Kubiya 404
    /// for a named secret (get, value read, update, delete) passes here.
    fn believe_404(&self, e: Error, name: &str) -> Error {
        if !matches!(e, Error::NotFound(_)) {
            return e;
        }
        let hint = format!(
            "check the base URL (--base-url, {}, or the profile's base_url) and any proxy in front of it",
            ProviderKind::Kubiya.url_env().join(" / ")
        );
        if !is_api_not_found(&e) {
            return error::network(format!(
                "{}: the 404 is not the Kubiya API's own \"not found\" (an HTML page or another \
                 server's answer), so the secret may still exist",
                e.msg().text
            ))
            .with_status(404)
            .with_hint(hint)
            .as_not_the_api();
        }
        let mut listed = false;
        match self.list(&ListFilter::default(), &mut |r| {
            listed |= field(&r, "name") == name;
            Ok(())
        }) {
            Ok(()) if listed => error::network(format!(
                "{}: the server answered 404, yet its list of secrets shows {}",
                e.msg().text,
                quoted(name)
            ))
            .with_status(404)
            .with_hint(hint)
            .as_not_the_api(),
            Ok(()) => e,
            Err(list) => list,
        }
    }
}

/// Why a `get_value` answer could not be taken as the value.
#[derive(Debug, PartialEq, Eq)]
pub enum NotAValue {
    /// Declared JSON, but does not parse.
    BadJson,
    /// Declared JSON, but neither `{"value": "…"}` nor a JSON string.
    NoValue,
    /// A JSON string that is not strict standard base64: the v2 form it looks like would
    /// decode it, a v1 server's raw string would not — either guess could change the value.
    NotBase64,
    /// No (or another) Content-Type, and a body that is JSON but no value form: it may be the
    /// raw value (`12`, `[1]`, `{"other":1}`) or a server's JSON — never guessed at.
    Ambiguous,
}

/// The `get_value` answer read only where one reading is certain (docs/commands.md, "Reading a
/// Kubiya value"):
///
/// | Content-Type | body | value |
/// |---|---|---|
/// | `text/plain` | anything | the body, byte for byte (never parsed) |
/// | JSON, none or other | `{"value": "…"}` | that string |
/// | JSON, none or other | a JSON string of strict standard base64 | the decoded bytes (v2) |
/// | JSON, none or other | another JSON string | refused |
/// | JSON | other JSON, or not JSON | refused |
/// | none or other | other JSON | refused |
/// | none or other | not JSON | the body, byte for byte |
pub fn decode_value(
    body: &[u8],
    content_type: &str,
) -> std::result::Result<Zeroizing<Vec<u8>>, NotAValue> {
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if mime == "text/plain" {
        return Ok(Zeroizing::new(body.to_vec()));
    }
    let declared_json = mime == "application/json" || mime.ends_with("+json");
    match serde_json::from_slice::<Value>(body) {
        // The value is moved out of the parsed answer, never copied (a copy would be freed
        // unwiped).
        Ok(Value::Object(mut m)) => match m.remove("value") {
            Some(Value::String(s)) => Ok(Zeroizing::new(s.into_bytes())),
            _ if declared_json => Err(NotAValue::NoValue),
            _ => Err(NotAValue::Ambiguous),
        },
        Ok(Value::String(s)) => {
            let s = Zeroizing::new(s);
            base64::engine::general_purpose::STANDARD
                .decode(s.as_bytes())
                .ok()
                .filter(|b| !b.is_empty())
                .map(Zeroizing::new)
                .ok_or(NotAValue::NotBase64)
        }
        Ok(_) if declared_json => Err(NotAValue::NoValue),
        Ok(_) => Err(NotAValue::Ambiguous),
        Err(_) if declared_json => Err(NotAValue::BadJson),
        Err(_) => Ok(Zeroizing::new(body.to_vec())),
    }
}

/// Whether the server's own message in an error answer says the secret exists already: it
/// says "already exist" more often than the name does, since a server quotes the name at most
/// once (a name may hold those words; one that is a few letters of them hides nothing).
fn says_it_exists(m: &crate::error::Msg, name: &str) -> bool {
    const WORDS: &str = "already exist";
    let count = |s: &str| s.to_ascii_lowercase().matches(WORDS).count();
    m.server_message
        .as_deref()
        .is_some_and(|msg| count(msg) > count(name))
}

/// A bare array, tolerating `{"secrets": […]}`-style wrappers.
fn records(v: Value, what: &str) -> Result<Vec<Value>> {
    match v {
        Value::Array(a) => Ok(a),
        Value::Object(mut m) => ["secrets", "items", "data"]
            .iter()
            .find_map(|k| match m.remove(*k) {
                Some(Value::Array(a)) => Some(a),
                _ => None,
            })
            .ok_or_else(|| error::network(format!("{what}: the answer is not a list of secrets"))),
        _ => Err(error::network(format!(
            "{what}: the answer is not a list of secrets"
        ))),
    }
}

impl Provider for Kubiya {
    fn kind(&self) -> ProviderKind {
        ProviderKind::Kubiya
    }

    fn identity(&self) -> Identity {
        Identity::Name
    }

    fn columns(&self) -> &'static [&'static str] {
        &["NAME", "DESCRIPTION", "CREATED_BY", "CREATED_AT"]
    }

    fn row(&self, r: &Value) -> Vec<String> {
        ["name", "description", "created_by", "created_at"]
            .iter()
            .map(|k| field(r, k))
            .collect()
    }

    fn key(&self, r: &Value) -> (&'static str, String) {
        ("name", field(r, "name"))
    }

    /// One request: the agents, each naming the secrets it uses. When an agent names a
    /// secret asked about only in another case and the command did not list the secrets,
    /// one more: the secret list, to see whether that spelling is a secret of its own.
    fn references(
        &self,
        _pace: &Arc<Pace>,
        _workers: u16,
        known: Known,
    ) -> Result<Box<dyn References>> {
        let what = "cannot list Kubiya agents";
        let v = self
            .t
            .json(&Call::new(Method::GET, self.agents_url()?, what))?;
        let agents = KubiyaAgents::from_list(v, what)?;
        let agents = match known {
            Known::All(all) => agents.with_names(all.iter().filter_map(|r| r["name"].as_str())),
            Known::Only(asked) if agents.case_only_match(asked) => {
                let mut names = Vec::new();
                self.list(&ListFilter::default(), &mut |r| {
                    names.push(field(&r, "name"));
                    Ok(())
                })?;
                agents.with_names(names.iter().map(String::as_str))
            }
            Known::Only(_) => agents,
        };
        Ok(Box::new(agents))
    }

    fn list(&self, _filter: &ListFilter, each: &mut dyn FnMut(Value) -> Result<()>) -> Result<()> {
        let what = "cannot list Kubiya secrets";
        let u = self.url(&["secrets"])?;
        let v = self
            .t
            .json(&Call::new(Method::GET, u.clone(), what))
            .map_err(|e| super::wrong_endpoint(e, ProviderKind::Kubiya, &u))?;
        for r in records(v, what)? {
            each(r)?;
        }
        Ok(())
    }

    /// `GET /api/v1/users/self`: the key's own user, one small record whatever the size of
    /// the account — the call Kubiya's Terraform provider makes to learn who the key is. The
    /// answer must be a user record (a `uuid` or an `email`), not any JSON object. A server
    /// without that route (404) is asked for the list instead.
    fn prove_token(&self) -> Result<Option<RateLimit>> {
        let what = "cannot check the Kubiya API key";
        let call = Call::new(Method::GET, self.self_url()?, what);
        let (user, headroom) = match self.t.json_with_headroom(&call) {
            Err(Error::NotFound(_)) => {
                let u = self.url(&["secrets"])?;
                let (list, headroom) = self
                    .t
                    .json_with_headroom(&Call::new(Method::GET, u.clone(), what))
                    .map_err(|e| super::wrong_endpoint(e, ProviderKind::Kubiya, &u))?;
                records(list, what)?;
                return Ok(headroom);
            }
            other => other?,
        };
        // Any JSON object is not proof: the user record names the user (`uuid`, and the
        // `email` Kubiya's user records carry with it).
        let names_a_user = ["uuid", "email"].iter().any(|k| {
            user.get(k)
                .and_then(Value::as_str)
                .is_some_and(|s| !s.is_empty())
        });
        if !names_a_user {
            return Err(error::network(format!(
                "{what}: the answer is not a user record (no uuid or email)"
            ))
            .as_not_the_api());
        }
        Ok(headroom)
    }

    fn get(&self, name: &str) -> Result<Value> {
        let what = format!("cannot get Kubiya secret {}", quoted(name));
        let v = self
            .t
            .json(&Call::new(
                Method::GET,
                self.url(&["secrets", name])?,
                &what,
            ))
            .map_err(|e| self.believe_404(e, name))?;
        match v {
            Value::Object(_) => Ok(v),
            _ => Err(error::network(format!(
                "{what}: the answer is not a secret record"
            ))),
        }
    }

    fn reveal(&self, name: &str) -> Result<Zeroizing<Vec<u8>>> {
        let what = format!("cannot read the value of Kubiya secret {}", quoted(name));
        let call = Call::new(
            Method::GET,
            self.url(&["secrets", "get_value", name])?,
            &what,
        )
        .accept("application/json, text/plain");
        let reply = self.t.send(&call).map_err(|e| self.believe_404(e, name))?;
        // The raw-text format is any body, but not an HTML page, and not a body that says it
        // is JSON and is not: those are a proxy's or a broken server's, never the value.
        check_not_html(&reply.response, &what)?;
        let ct = content_type(&reply.response);
        // Read into a buffer that leaves no copy of the value behind as it grows.
        let size = reply.response.content_length();
        let body = crate::secret::read_to_end_wiped(reply.response, MAX_BODY, size)
            .map_err(|e| error::network(format!("{what}: the response was cut off: {e}")))?;
        decode_value(&body, &ct).map_err(|problem| match problem {
            NotAValue::BadJson => {
                error::network(format!("{what}: the server's answer is not valid JSON"))
                    .with_hint("is the base URL right? a proxy or a wrong path answers like this")
            }
            // Never printed or re-sent as if it were the value.
            NotAValue::NoValue => {
                error::network(format!("{what}: the server's answer holds no value"))
                    .with_hint("expected {\"value\": \"...\"} or a JSON string")
            }
            NotAValue::NotBase64 => error::network(format!(
                "{what}: the server's answer is a JSON string that is not base64; it could be read more than one way, so it is not guessed at"
            ))
            .with_hint("nothing was printed or re-sent; see docs/commands.md, 'Reading a Kubiya value'"),
            NotAValue::Ambiguous => error::network(format!(
                "{what}: the server's answer (Content-Type {}) could be the raw value or JSON; it is not guessed at",
                if ct.is_empty() { "missing".to_string() } else { crate::sanitize::sanitize(&ct).into_owned() }
            ))
            .with_hint("nothing was printed or re-sent; see docs/commands.md, 'Reading a Kubiya value'"),
        })
    }

    fn create(&self, spec: &CreateSpec) -> Result<String> {
        let what = format!("cannot create Kubiya secret {}", quoted(spec.name));
        // The name travels in the body here, but every later call puts it in the path:
        // refuse a name (`.`, `..`) that could never be read, updated or deleted.
        self.url(&["secrets", spec.name])?;
        let Some(value) = spec.value else {
            return Err(error::usage("Kubiya secrets need a value"));
        };
        let mut body = Map::new();
        body.insert("name".into(), json!(spec.name));
        body.insert("value".into(), json!(value.expose()));
        if let Some(d) = spec.description {
            body.insert("description".into(), json!(d));
        }
        let call = Call::new(Method::POST, self.url(&["secrets"])?, &what)
            .json(&Value::Object(body))?
            .retry(Retry::OnlyIfUnprocessed)
            .redact(value.expose());
        // The create answer's body is not reliable: only the status counts (and that it is
        // not an HTML page from something else).
        match self.t.send(&call) {
            Ok(reply) => {
                check_not_html(&reply.response, &what).map_err(|e| {
                    e.with_hint(format!(
                        "a proxy or a login page answered; the secret may or may not have been created: check with secretctl kubiya get {}",
                        spec.name
                    ))
                    .with_effect(Effect::Unsure)
                })?;
                Ok(spec.name.to_string())
            }
            Err(e) => {
                // Kubiya's clients disagree on the duplicate status: a 409, or another 4xx
                // whose own words (not the name, which could say anything) say so.
                let e = match e {
                    Error::Other(m) if says_it_exists(&m, spec.name) => Error::Conflict(m),
                    e => e,
                };
                Err(if matches!(e, Error::Conflict(_)) {
                    e.with_hint(format!(
                        "it exists already; to change it: secretctl kubiya update {}",
                        spec.name
                    ))
                } else {
                    e
                })
            }
        }
    }

    fn update(&self, name: &str, spec: &UpdateSpec) -> Result<String> {
        let what = format!("cannot update Kubiya secret {}", quoted(name));
        if spec.new_name.is_some() {
            return Err(error::usage("Kubiya cannot rename a secret")
                .with_hint("create the new name and delete the old one"));
        }
        // Kubiya's update always carries a value: keeping it means reading it back.
        let kept;
        let value: &str = match spec.value {
            ValueChange::Set(v) => v.expose(),
            ValueChange::Keep => {
                let bytes = self.reveal(name)?;
                let s = String::from_utf8(bytes.to_vec()).map_err(|_| {
                    error::other(format!(
                        "{what}: the stored value is not UTF-8 and cannot be re-sent unchanged"
                    ))
                })?;
                kept = SecretValue::new(Zeroizing::new(s));
                kept.expose()
            }
        };
        let mut body = Map::new();
        body.insert("value".into(), json!(value));
        if let Some(d) = spec.description {
            body.insert("description".into(), json!(d));
        }
        let call = Call::new(Method::PUT, self.url(&["secrets", name])?, &what)
            .json(&Value::Object(body))?
            .retry(Retry::Idempotent)
            .redact(value);
        let reply = self.t.send(&call).map_err(|e| self.believe_404(e, name))?;
        check_not_html(&reply.response, &what).map_err(|e| e.with_effect(Effect::Unsure))?;
        Ok(name.to_string())
    }

    fn delete(&self, name: &str) -> Result<String> {
        let what = format!("cannot delete Kubiya secret {}", quoted(name));
        let call = Call::new(Method::DELETE, self.url(&["secrets", name])?, &what);
        match self.t.send(&call) {
            // A retried delete that meets 404: the first attempt did it.
            Ok(reply) if reply.gone_on_retry => Ok(name.to_string()),
            Ok(reply) => {
                check_not_html(&reply.response, &what)?;
                Ok(name.to_string())
            }
            Err(e) => Err(self.believe_404(e, name)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values that look like every format, as each server form would carry them: the
    /// reading is the exact bytes, or a refusal — never another value.
    #[test]
    fn get_value_formats() {
        use base64::engine::general_purpose::STANDARD;
        let json = "application/json";
        let plain = "text/plain; charset=utf-8";
        let ok = |body: &[u8], ct: &str| decode_value(body, ct).map(|v| v.to_vec());
        let tricky: &[&[u8]] = &[
            b"plain",
            br#""quoted""#,
            br#"{"value":"inner"}"#,
            b"c2VjcmV0",
            b"12",
            b"null",
            b"[1]",
            b"  padded  ",
            b"two\nlines\n",
            b"\n",
            "ünï\u{7f}".as_bytes(),
            b"\xff\x00binary",
        ];
        for v in tricky {
            // text/plain: the body, byte for byte.
            assert_eq!(ok(v, plain), Ok(v.to_vec()), "{v:?} as text/plain");
            assert_eq!(ok(v, "TEXT/PLAIN"), Ok(v.to_vec()));
            // v2: a JSON string of base64, declared JSON or not.
            let b64 = serde_json::to_vec(&STANDARD.encode(v)).unwrap();
            assert_eq!(ok(&b64, json), Ok(v.to_vec()), "{v:?} as base64");
            assert_eq!(ok(&b64, ""), Ok(v.to_vec()), "{v:?} as base64, no type");
            // v1: an object, declared JSON or not.
            if let Ok(s) = std::str::from_utf8(v) {
                let obj = serde_json::to_vec(&json!({ "value": s })).unwrap();
                assert_eq!(ok(&obj, json), Ok(v.to_vec()), "{v:?} in an object");
                assert_eq!(ok(&obj, ""), Ok(v.to_vec()));
            }
        }
        // Undeclared raw text that cannot be JSON is the value.
        assert_eq!(ok(b"raw value\n", ""), Ok(b"raw value\n".to_vec()));
        assert_eq!(ok(b"raw", "application/octet-stream"), Ok(b"raw".to_vec()));
        // Undeclared raw text that is also JSON: either reading could be wrong.
        for v in [&b"12"[..], b"null", b"[1]", br#"{"other":1}"#, b" true "] {
            assert_eq!(ok(v, ""), Err(NotAValue::Ambiguous), "{v:?}");
        }
        // A JSON string that is not strict standard base64 (a v1 raw string, URL-safe or
        // unpadded base64, spaces) is not guessed at, whatever the type says.
        for v in [
            &br#""not base64!""#[..],
            br#""""#,
            br#""c2VjcmV""#,
            br#""_w==""#,
            br#""c2Vj cmV0""#,
        ] {
            assert_eq!(ok(v, json), Err(NotAValue::NotBase64), "{v:?}");
            assert_eq!(ok(v, ""), Err(NotAValue::NotBase64), "{v:?}");
        }
        // Declared JSON that holds no value is never taken for one.
        for v in [&br#"{"other":1}"#[..], br#"{"value":null}"#, b"[]", b"12"] {
            assert_eq!(ok(v, json), Err(NotAValue::NoValue), "{v:?}");
        }
        assert_eq!(ok(b"{nope", json), Err(NotAValue::BadJson));
        assert_eq!(
            ok(b"raw", "application/problem+json"),
            Err(NotAValue::BadJson)
        );
    }

    #[test]
    fn list_tolerates_wrappers() {
        assert_eq!(records(json!([{"name":"a"}]), "x").unwrap().len(), 1);
        assert_eq!(
            records(json!({"secrets":[{"name":"a"}]}), "x")
                .unwrap()
                .len(),
            1
        );
        assert!(records(json!("nope"), "x").is_err());
    }
}
