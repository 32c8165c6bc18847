//! ChatBotKit routes (relative to `/v1` or `/api/v1`), faithful to shared/api/chatbotkit.md.

use std::ops::Bound;
use std::sync::Arc;

use bytes::Bytes;
use hyper::header::{ACCEPT, CONTENT_TYPE, HeaderValue};
use hyper::{HeaderMap, Method, Response};
use serde_json::{Map, Value, json};
use tokio::sync::mpsc;

use super::state::{CbkSecret, MASK, State, now_ms};
use super::{Body, Resp, Shared, json_response, reason};

const KINDS: &[&str] = &["shared", "personal"];
const TYPES: &[&str] = &[
    "plain",
    "basic",
    "bearer",
    "jwt",
    "oauth",
    "template",
    "reference",
];
const VISIBILITIES: &[&str] = &["private", "protected", "public"];
/// SecretInput's keys, in schema order.
const KNOWN_KEYS: &[&str] = &[
    "alias",
    "name",
    "description",
    "blueprintId",
    "kind",
    "type",
    "value",
    "config",
    "visibility",
    "meta",
];
/// Items per list page at most, and per chunk of a JSONL stream.
const PAGE_MAX: usize = 100;

pub(crate) fn error(status: u16, message: &str, code: &str) -> Resp {
    json_response(status, &json!({"message": message, "code": code}))
}

fn bad_request(message: &str) -> Resp {
    error(400, message, "BAD_REQUEST")
}

/// The server's default texts (`Not found`, `Conflict`): its route handlers throw the
/// error classes without a message of their own.
fn not_found() -> Resp {
    error(404, "Not found", "NOT_FOUND")
}

fn conflict() -> Resp {
    error(409, "Conflict", "CONFLICT")
}

/// The server's default message for a status: the reason phrase in sentence case
/// ("Too many requests", "Not found").
pub(crate) fn default_message(status: u16) -> String {
    let phrase = reason(status);
    let mut out = String::with_capacity(phrase.len());
    for (i, c) in phrase.chars().enumerate() {
        out.push(if i == 0 { c } else { c.to_ascii_lowercase() });
    }
    out
}

/// `findUniqueByIdentifier`: an id, else an alias, to the secret's id.
fn resolve(st: &State, ident: &str) -> Option<String> {
    if st.cbk.contains_key(ident) {
        return Some(ident.to_string());
    }
    st.cbk
        .values()
        .find(|s| s.alias.as_deref() == Some(ident))
        .map(|s| s.id.clone())
}

/// Whether another secret than `except` already has this alias (aliases are unique).
fn alias_taken(st: &State, alias: &str, except: Option<&str>) -> bool {
    st.cbk
        .values()
        .any(|s| s.alias.as_deref() == Some(alias) && Some(s.id.as_str()) != except)
}

/// The URL the authenticate action sends the user to.
fn authenticate_url(shared: &Shared, id: &str) -> String {
    format!("{}/oauth/authenticate/{id}", shared.base_url)
}

fn personal_conflict() -> Resp {
    error(409, "Personal secrets cannot have a value", "CONFLICT")
}

/// ChatBotKit's error code for a status.
pub(crate) fn error_code(status: u16) -> String {
    match status {
        400 => "BAD_REQUEST".into(),
        401 => "NOT_AUTHENTICATED".into(),
        403 => "NOT_AUTHORIZED".into(),
        404 => "NOT_FOUND".into(),
        409 => "CONFLICT".into(),
        429 => "TOO_MANY_REQUESTS".into(),
        500 => "INTERNAL_SERVER_ERROR".into(),
        502 => "BAD_GATEWAY".into(),
        503 => "SERVICE_UNAVAILABLE".into(),
        504 => "GATEWAY_TIMEOUT".into(),
        s => reason(s)
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_uppercase()
                } else {
                    '_'
                }
            })
            .collect(),
    }
}

/// The server's 429 for a rate limit: no `Retry-After`, `X-Failure-Code: LIMITS_REACHED`.
pub(crate) fn rate_limited() -> Resp {
    let mut r = error(429, "Too many requests", "TOO_MANY_REQUESTS");
    r.headers_mut()
        .insert("x-failure-code", HeaderValue::from_static("LIMITS_REACHED"));
    r
}

pub(crate) fn unauthorized() -> Resp {
    error(401, "Not authenticated", "NOT_AUTHENTICATED")
}

pub(crate) fn handle(
    shared: &Arc<Shared>,
    method: &Method,
    rest: &[String],
    query: Option<&str>,
    headers: &HeaderMap,
    body: &[u8],
) -> Resp {
    let r: Vec<&str> = rest.iter().map(String::as_str).collect();
    match (method, r.as_slice()) {
        (&Method::GET, ["secret", "list"]) => list(shared, query, headers),
        (&Method::POST, ["secret", "create"]) => create(shared, body),
        (&Method::GET, ["secret", id, "fetch"]) => fetch(shared, id),
        (&Method::POST, ["secret", id, "update"]) => update(shared, id, body),
        (
            &Method::POST,
            [
                "secret",
                id,
                op @ ("delete" | "revoke" | "verify" | "authenticate"),
            ],
        ) => {
            if let Err(resp) = parse_body(body) {
                return *resp;
            }
            match *op {
                "delete" => delete(shared, id),
                "revoke" => revoke(shared, id),
                "verify" => verify(shared, id),
                _ => authenticate(shared, id),
            }
        }
        (_, ["secret", "list" | "create"])
        | (
            _,
            [
                "secret",
                _,
                "fetch" | "update" | "delete" | "revoke" | "verify" | "authenticate",
            ],
        ) => error(405, "Method Not Allowed", "METHOD_NOT_ALLOWED"),
        _ => error(404, "Not Found", "NOT_FOUND"),
    }
}

/// Whether the path (after the version prefix) is one of the secret routes, whatever the
/// method.
pub(crate) fn is_route(rest: &[String]) -> bool {
    let r: Vec<&str> = rest.iter().map(String::as_str).collect();
    matches!(
        r.as_slice(),
        ["secret", "list" | "create"]
            | [
                "secret",
                _,
                "fetch" | "update" | "delete" | "revoke" | "verify" | "authenticate"
            ]
    )
}

// ---------------------------------------------------------------------------------------------
// Input validation (Joi-like messages)

enum Field<T> {
    Absent,
    Null,
    Set(T),
}

impl<T> Field<T> {
    fn into_option(self) -> Option<T> {
        match self {
            Field::Set(v) => Some(v),
            _ => None,
        }
    }

    /// Absent: unchanged; null: cleared; set: replaced.
    fn apply(self, target: &mut Option<T>) {
        match self {
            Field::Absent => {}
            Field::Null => *target = None,
            Field::Set(v) => *target = Some(v),
        }
    }

    fn is(&self, want: &str) -> bool
    where
        T: AsRef<str>,
    {
        matches!(self, Field::Set(v) if v.as_ref() == want)
    }
}

struct Input {
    alias: Field<String>,
    name: Field<String>,
    description: Field<String>,
    blueprint_id: Field<String>,
    kind: Field<String>,
    type_: Field<String>,
    value: Field<String>,
    config: Field<Map<String, Value>>,
    visibility: Field<String>,
    meta: Field<Map<String, Value>>,
}

/// Every change is a POST with a JSON body, at least `{}`: an empty body is a 400, so a
/// client that forgets it fails here as it would against the real server.
fn parse_body(body: &[u8]) -> Result<Value, Box<Resp>> {
    serde_json::from_slice(body).map_err(|_| Box::new(bad_request("Invalid JSON body")))
}

fn parse_input(v: &Value, update: bool) -> Result<Input, String> {
    let Value::Object(o) = v else {
        return Err("\"value\" must be of type object".into());
    };
    let get = |key: &str| -> Option<&Value> {
        match o.get(key) {
            Some(Value::Null) if update => Some(&Value::Null),
            other => other,
        }
    };
    let string = |key: &str| -> Result<Field<String>, String> {
        match get(key) {
            None => Ok(Field::Absent),
            Some(Value::Null) if update => Ok(Field::Null),
            Some(Value::String(s)) => Ok(Field::Set(s.clone())),
            Some(_) => Err(format!("\"{key}\" must be a string")),
        }
    };
    let one_of = |key: &str, allowed: &[&str]| -> Result<Field<String>, String> {
        match get(key) {
            None => Ok(Field::Absent),
            Some(Value::Null) if update => Ok(Field::Null),
            Some(Value::String(s)) if allowed.contains(&s.as_str()) => Ok(Field::Set(s.clone())),
            Some(_) => Err(format!("\"{key}\" must be one of [{}]", allowed.join(", "))),
        }
    };
    let object = |key: &str| -> Result<Field<Map<String, Value>>, String> {
        match get(key) {
            None => Ok(Field::Absent),
            Some(Value::Null) if update => Ok(Field::Null),
            Some(Value::Object(m)) => Ok(Field::Set(m.clone())),
            Some(_) => Err(format!("\"{key}\" must be of type object")),
        }
    };
    let input = Input {
        alias: string("alias")?,
        name: string("name")?,
        description: string("description")?,
        blueprint_id: string("blueprintId")?,
        kind: one_of("kind", KINDS)?,
        type_: one_of("type", TYPES)?,
        value: string("value")?,
        config: object("config")?,
        visibility: one_of("visibility", VISIBILITIES)?,
        meta: object("meta")?,
    };
    if let Field::Set(meta) = &input.meta
        && let Some(k) = meta.keys().find(|k| k.starts_with('_'))
    {
        return Err(format!("\"meta.{k}\" is not allowed"));
    }
    if let Some(k) = o.keys().find(|k| !KNOWN_KEYS.contains(&k.as_str())) {
        return Err(format!("\"{k}\" is not allowed"));
    }
    Ok(input)
}

fn parse(body: &[u8], update: bool) -> Result<Input, Box<Resp>> {
    let v = parse_body(body)?;
    parse_input(&v, update).map_err(|m| Box::new(bad_request(&m)))
}

// ---------------------------------------------------------------------------------------------
// Operations

fn create(shared: &Shared, body: &[u8]) -> Resp {
    let input = match parse(body, false) {
        Ok(i) => i,
        Err(r) => return *r,
    };
    if input.kind.is("personal") && matches!(&input.value, Field::Set(v) if !v.is_empty()) {
        return personal_conflict();
    }
    // The real server keeps the value only when the request itself says kind "shared".
    let shared_kind = input.kind.is("shared");
    let mut st = shared.lock();
    if let Field::Set(alias) = &input.alias
        && alias_taken(&st, alias, None)
    {
        return conflict();
    }
    let id = st.new_cbk_id();
    let now = now_ms();
    let secret = CbkSecret {
        id: id.clone(),
        alias: input.alias.into_option(),
        // The database schema's defaults.
        name: Some(input.name.into_option().unwrap_or_default()),
        description: Some(input.description.into_option().unwrap_or_default()),
        blueprint_id: input.blueprint_id.into_option(),
        kind: Some(input.kind.into_option().unwrap_or_else(|| "shared".into())),
        type_: Some(input.type_.into_option().unwrap_or_else(|| "plain".into())),
        config: input.config.into_option(),
        visibility: Some(
            input
                .visibility
                .into_option()
                .unwrap_or_else(|| "private".into()),
        ),
        meta: input.meta.into_option(),
        value: if shared_kind {
            input.value.into_option()
        } else {
            None
        },
        created_at: now,
        updated_at: now,
    };
    st.cbk.insert(id.clone(), secret);
    json_response(200, &json!({ "id": id }))
}

fn fetch(shared: &Shared, ident: &str) -> Resp {
    let st = shared.lock();
    match resolve(&st, ident).and_then(|id| st.cbk.get(&id)) {
        Some(s) => json_response(200, &s.to_json(true)),
        None => not_found(),
    }
}

fn update(shared: &Shared, ident: &str, body: &[u8]) -> Resp {
    let input = match parse(body, true) {
        Ok(i) => i,
        Err(r) => return *r,
    };
    let mut st = shared.lock();
    let Some(id) = resolve(&st, ident) else {
        return not_found();
    };
    // The server checks the request's kind, not the stored one.
    if input.kind.is("personal") && matches!(&input.value, Field::Set(v) if !v.is_empty()) {
        return personal_conflict();
    }
    if let Field::Set(alias) = &input.alias
        && alias_taken(&st, alias, Some(&id))
    {
        return conflict();
    }
    let Some(secret) = st.cbk.get_mut(&id) else {
        return not_found();
    };
    let kind = match &input.kind {
        Field::Absent => secret.kind.clone(),
        Field::Null => None,
        Field::Set(k) => Some(k.clone()),
    };
    let kind = kind.as_deref();
    let Input {
        alias,
        name,
        description,
        blueprint_id,
        kind: kind_field,
        type_,
        value,
        config,
        visibility,
        meta,
    } = input;
    let value_allowed = kind == Some("shared");
    alias.apply(&mut secret.alias);
    name.apply(&mut secret.name);
    description.apply(&mut secret.description);
    blueprint_id.apply(&mut secret.blueprint_id);
    kind_field.apply(&mut secret.kind);
    type_.apply(&mut secret.type_);
    visibility.apply(&mut secret.visibility);
    meta.apply(&mut secret.meta);
    let config = match config {
        Field::Set(mut c) => {
            if c.get("clientSecret").and_then(Value::as_str) == Some(MASK) {
                // The mask sent back keeps the stored client secret.
                match secret
                    .config
                    .as_ref()
                    .and_then(|old| old.get("clientSecret"))
                {
                    Some(old) => {
                        c.insert("clientSecret".into(), old.clone());
                    }
                    None => {
                        c.remove("clientSecret");
                    }
                }
            }
            Field::Set(c)
        }
        other => other,
    };
    config.apply(&mut secret.config);
    // A value sent for a secret that is not shared is stored as null; a kind change
    // without a value leaves the stored value alone.
    match value {
        Field::Absent => {}
        v if value_allowed => v.apply(&mut secret.value),
        _ => secret.value = None,
    }
    secret.updated_at = now_ms().max(secret.updated_at + 1);
    json_response(200, &json!({ "id": id }))
}

/// Never refused for references: the abilities linked to it lose the link (the platform's
/// `onDelete: SetNull`); instructions and reference secrets naming it are left dangling.
fn delete(shared: &Shared, ident: &str) -> Resp {
    let mut st = shared.lock();
    match resolve(&st, ident).and_then(|id| st.cbk.remove(&id)) {
        Some(s) => {
            st.unlink_secret(&s.id);
            json_response(200, &json!({ "id": s.id }))
        }
        None => not_found(),
    }
}

fn revoke(shared: &Shared, ident: &str) -> Resp {
    let mut st = shared.lock();
    let Some(id) = resolve(&st, ident) else {
        return not_found();
    };
    let Some(secret) = st.cbk.get_mut(&id) else {
        return not_found();
    };
    if secret.kind.as_deref() != Some("shared") {
        return conflict();
    }
    if secret.value.is_none() {
        return not_found();
    }
    secret.value = None;
    secret.updated_at = now_ms().max(secret.updated_at + 1);
    json_response(200, &json!({ "id": id }))
}

/// `let status = value ? 'authenticated' : 'unauthenticated'`, with the authenticate action
/// when there is no value (whatever the type; a personal secret holds no value here).
fn verify(shared: &Shared, ident: &str) -> Resp {
    let st = shared.lock();
    let Some(secret) = resolve(&st, ident).and_then(|id| st.cbk.get(&id)) else {
        return not_found();
    };
    let id = &secret.id;
    if secret.value.as_deref().is_none_or(str::is_empty) {
        let url = authenticate_url(shared, id);
        return json_response(
            200,
            &json!({
                "id": id,
                "status": "unauthenticated",
                "action": {"type": "authenticate", "url": url},
            }),
        );
    }
    json_response(200, &json!({"id": id, "status": "authenticated"}))
}

/// `POST /secret/{id}/authenticate` → `{id, url}`: where the user goes to give the secret
/// its value.
fn authenticate(shared: &Shared, ident: &str) -> Resp {
    let st = shared.lock();
    let Some(id) = resolve(&st, ident) else {
        return not_found();
    };
    let url = authenticate_url(shared, &id);
    json_response(200, &json!({"id": id, "url": url}))
}

/// Up to `take` secrets strictly after `cursor` in the chosen order, matching every filter.
fn select<'a>(
    st: &'a State,
    asc: bool,
    cursor: Option<&str>,
    take: usize,
    filters: &[(String, String)],
) -> Vec<&'a CbkSecret> {
    let iter: Box<dyn Iterator<Item = &CbkSecret>> = match (asc, cursor) {
        (true, Some(c)) => Box::new(
            st.cbk
                .range::<str, _>((Bound::Excluded(c), Bound::Unbounded))
                .map(|(_, s)| s),
        ),
        (true, None) => Box::new(st.cbk.values()),
        (false, Some(c)) => Box::new(
            st.cbk
                .range::<str, _>((Bound::Unbounded, Bound::Excluded(c)))
                .rev()
                .map(|(_, s)| s),
        ),
        (false, None) => Box::new(st.cbk.values().rev()),
    };
    iter.filter(|s| s.meta_matches(filters))
        .take(take)
        .collect()
}

fn list(shared: &Arc<Shared>, query: Option<&str>, headers: &HeaderMap) -> Resp {
    let mut cursor: Option<String> = None;
    let mut asc = false;
    let mut take = PAGE_MAX;
    // Whether the request said `take` at all: only then does it bound a stream.
    let mut take_given = false;
    let mut filters: Vec<(String, String)> = Vec::new();
    for (k, v) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
        match k.as_ref() {
            "cursor" => cursor = (!v.is_empty()).then(|| v.into_owned()),
            // The server: `order === 'asc' ? 'asc' : 'desc'`, nothing refused.
            "order" => asc = v == "asc",
            "take" => {
                take = parse_take(&v);
                take_given = true;
            }
            key => {
                let meta_key = key
                    .strip_prefix("meta.")
                    .or_else(|| key.strip_prefix("meta[").and_then(|r| r.strip_suffix(']')));
                if let Some(mk) = meta_key {
                    filters.push((mk.to_string(), v.into_owned()));
                }
            }
        }
    }

    let jsonl = headers
        .get_all(ACCEPT)
        .iter()
        .any(|v| String::from_utf8_lossy(v.as_bytes()).contains("application/jsonl"));
    if jsonl {
        let limit = take_given.then_some(take);
        return stream(shared.clone(), asc, cursor, limit, filters);
    }

    let st = shared.lock();
    let items = select(&st, asc, cursor.as_deref(), take, &filters);
    let mut out = json!({
        "items": items.iter().map(|s| s.to_json(true)).collect::<Vec<_>>(),
    });
    if let (Some(last), Some(o)) = (items.last(), out.as_object_mut()) {
        o.insert("cursor".into(), json!(last.id));
    }
    json_response(200, &out)
}

#[cfg(test)]
pub(crate) fn parse_take_for_test(v: &str) -> usize {
    parse_take(v)
}

/// The server's `take`: `parseInt(take)`, where 0 or NaN mean 100, clamped to 1–100.
pub(crate) fn parse_take(v: &str) -> usize {
    let t = v.trim_start();
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let (radix, t) = match t.get(..2) {
        Some("0x" | "0X") => (16, &t[2..]),
        _ => (10, t),
    };
    let digits: &str = {
        let end = t
            .char_indices()
            .find(|(_, c)| !c.is_digit(radix))
            .map_or(t.len(), |(i, _)| i);
        &t[..end]
    };
    if digits.is_empty() || digits.bytes().all(|b| b == b'0') {
        return PAGE_MAX; // NaN or 0
    }
    if neg {
        return 1;
    }
    // Anything above 100 (however many digits) is 100.
    u64::from_str_radix(digits, radix)
        .map_or(PAGE_MAX, |n| n.min(PAGE_MAX as u64) as usize)
        .max(1)
}

/// The items a list would page through from `cursor` on, one `{"type":"item","data":…}`
/// line each (at most `limit` when the request gave `take`), produced in chunks of 100
/// through a channel so the client reads the first lines before the last exist.
fn stream(
    shared: Arc<Shared>,
    asc: bool,
    cursor: Option<String>,
    limit: Option<usize>,
    filters: Vec<(String, String)>,
) -> Resp {
    let (tx, rx) = mpsc::channel::<Bytes>(2);
    tokio::spawn(async move {
        let mut cursor = cursor;
        let mut left = limit.unwrap_or(usize::MAX);
        loop {
            let want = PAGE_MAX.min(left);
            if want == 0 {
                break;
            }
            let (chunk, count, last) = {
                let st = shared.lock();
                let items = select(&st, asc, cursor.as_deref(), want, &filters);
                let mut chunk = String::new();
                for s in &items {
                    chunk.push_str(&json!({"type": "item", "data": s.to_json(true)}).to_string());
                    chunk.push('\n');
                }
                (chunk, items.len(), items.last().map(|s| s.id.clone()))
            };
            if count == 0 || tx.send(Bytes::from(chunk)).await.is_err() || count < want {
                break;
            }
            left -= count;
            cursor = last;
            tokio::task::yield_now().await;
        }
    });
    let mut r = Response::new(Body::Stream(rx));
    r.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/jsonl"));
    r
}

/// Inserts a secret directly (see `Emulator::seed_chatbotkit`); lenient about types.
pub(crate) fn seed(st: &mut State, v: &Value) -> String {
    let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let o = |k: &str| v.get(k).and_then(Value::as_object).cloned();
    let id = st.new_cbk_id();
    let now = now_ms();
    let secret = CbkSecret {
        id: id.clone(),
        alias: s("alias"),
        name: s("name"),
        description: s("description"),
        blueprint_id: s("blueprintId"),
        kind: s("kind"),
        type_: s("type"),
        config: o("config"),
        visibility: s("visibility"),
        meta: o("meta"),
        value: s("value"),
        created_at: now,
        updated_at: now,
    };
    st.cbk.insert(id.clone(), secret);
    id
}
