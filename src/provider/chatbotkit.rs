//! ChatBotKit: `/v1/secret/...` (or `/api/v1/secret/...`), Bearer token, opaque ids,
//! non-unique names, write-only values. See ../shared/api/chatbotkit.md.

use std::collections::HashSet;
use std::io::{BufRead, Read};
use std::sync::Arc;
use std::time::Instant;

use reqwest::{Method, Url};
use serde_json::{Map, Value, json};
use zeroize::Zeroizing;

use super::references::{CbkAccount, Known, References};
use super::{
    Authentication, CreateSpec, Identity, ListFilter, Provider, UpdateSpec, ValueChange,
    Verification, quoted, url,
};
use crate::error::{self, Effect, Error, Result};
use crate::output::field;
use crate::pace::Pace;
use crate::provider::ProviderKind;
use crate::transport::{
    Call, MAX_BODY, RateLimit, Retry, Transport, content_type, decode_json, is_api_not_found,
    is_html, read_json,
};

/// Page size for the paged fallback (the API's maximum).
const TAKE: usize = 100;

const LIST_WHAT: &str = "cannot list ChatBotKit secrets";

pub struct Chatbotkit {
    t: Transport,
    root: Url,
    /// Every secret, when a name look-up of this command listed them all: "used by" reads
    /// them from here instead of listing them again.
    listed: std::sync::Mutex<Option<Vec<Value>>>,
}

/// The values of a `config` map's secret entries (`clientSecret`…): cut out of any server
/// message as the value is.
fn secret_config(config: Option<&Value>) -> impl Iterator<Item = &str> {
    config
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(k, _)| crate::redact::is_secret_key(k))
        .filter_map(|(_, v)| v.as_str())
}

impl Chatbotkit {
    pub fn new(t: Transport, root: Url) -> Self {
        Chatbotkit {
            t,
            root,
            listed: std::sync::Mutex::new(None),
        }
    }

    fn url(&self, segs: &[&str]) -> Result<Url> {
        url(&self.root, segs)
    }

    /// Resolve NAME_OR_ID: an exact id first, else an exact name; several secrets with that
    /// name is a conflict listing their ids.
    pub fn resolve(&self, target: &str) -> Result<Value> {
        let what = format!("cannot get ChatBotKit secret {}", quoted(target));
        self.resolve_for(target, &what)
    }

    /// `resolve` as the first step of the operation `what` names: the record of the secret
    /// whose id is exactly `target`, else of the one secret named exactly `target`. A 400/422
    /// for what is not a well-formed id, or a target no URL can carry, is no such id too;
    /// after a 400/422, no such name either keeps the server's answer.
    fn resolve_for(&self, target: &str, what: &str) -> Result<Value> {
        match self.fetch_id(target, what) {
            Err(Error::NotFound(_)) => self.find_by_name(target, what),
            Err(e) if matches!(e.status(), Some(400 | 422)) => {
                match self.find_by_name(target, what) {
                    Err(Error::NotFound(_)) => Err(e),
                    other => other,
                }
            }
            other => other,
        }
    }

    /// The secret whose id is exactly `id`. The server answers `/secret/X/fetch` for an id
    /// *or an alias*, so a record with another id is the secret aliased `id`, not the one
    /// asked for: that is "no such id", and the name look-up decides.
    fn fetch_id(&self, id: &str, what: &str) -> Result<Value> {
        let rec = self.fetch(id, what)?;
        if rec.get("id").and_then(Value::as_str) == Some(id) {
            Ok(rec)
        } else {
            Err(error::not_found(what.to_string()))
        }
    }

    fn fetch(&self, id: &str, what: &str) -> Result<Value> {
        let u = match self.url(&["secret", id, "fetch"]) {
            Ok(u) => u,
            // Not addressable as an id: it can still be a name.
            Err(_) => return Err(error::not_found(what.to_string())),
        };
        match self.t.send(&Call::new(Method::GET, u, what)) {
            Ok(reply) => read_json(reply.response, what),
            // Some servers answer a malformed id with 400 or 422; a GET carries nothing else
            // they could refuse, so that is "no such id" too.
            Err(e) if matches!(e.status(), Some(400 | 422)) => {
                Err(error::not_found(what.to_string()))
            }
            Err(e) => Err(e),
        }
    }

    /// `what` names the operation the look-up is for: a failing list says so.
    fn find_by_name(&self, name: &str, what: &str) -> Result<Value> {
        let mut all = Vec::new();
        self.list(&ListFilter::default(), &mut |rec| {
            all.push(rec);
            Ok(())
        })
        .map_err(|e| e.context(what))?;
        let mut found: Vec<Value> = all
            .iter()
            .filter(|rec| rec.get("name").and_then(Value::as_str) == Some(name))
            .cloned()
            .collect();
        if let Ok(mut listed) = self.listed.lock() {
            *listed = Some(all);
        }
        match found.len() {
            0 => Err(error::not_found(format!(
                "no ChatBotKit secret has the id or name {}",
                quoted(name)
            ))
            .with_hint("list them with: secretctl chatbotkit list")),
            1 => Ok(found.remove(0)),
            _ => {
                let ids: Vec<String> = found.iter().map(|r| field(r, "id")).collect();
                Err(error::conflict(format!(
                    "{} ChatBotKit secrets are named {}: {}",
                    ids.len(),
                    quoted(name),
                    ids.join(", ")
                ))
                .with_hint("use the id instead of the name"))
            }
        }
    }

    /// Run `op` on the id of the secret NAME_OR_ID resolves to (`resolve_for`): never on
    /// `target` as given, which the server would also take for an alias.
    fn by_id_or_name<T>(
        &self,
        target: &str,
        what: &str,
        op: impl FnOnce(&str) -> Result<T>,
    ) -> Result<T> {
        let rec = self.resolve_for(target, what)?;
        op(&field(&rec, "id"))
    }

    fn post(
        &self,
        segs: &[&str],
        body: &Value,
        what: &str,
        retry: Retry,
        redact: &[&str],
    ) -> Result<Value> {
        let mut call = Call::new(Method::POST, self.url(segs)?, what)
            .json(body)?
            .retry(retry);
        for r in redact {
            call = call.redact(r);
        }
        self.t.json(&call).map_err(|e| match (e, body.get("alias").and_then(Value::as_str)) {
            // An alias is unique: the server's bare 409 is most likely that one is taken.
            (Error::Conflict(m), Some(alias)) if !alias.is_empty() => Error::Conflict(m)
                .with_hint(format!(
                    "an alias belongs to one secret: {} may be taken by another; choose another --alias, or find its holder with: secretctl chatbotkit list -o json",
                    quoted(alias)
                )),
            (e, _) => e,
        })
    }

    /// POST an action (delete, revoke) on an id known to exist: a retried attempt that meets
    /// 404 means the first attempt did it.
    fn post_action(&self, id: &str, action: &str, what: &str) -> Result<()> {
        let call = Call::new(Method::POST, self.url(&["secret", id, action])?, what)
            .json(&json!({}))?
            .retry(Retry::Delete);
        let reply = self.t.send(&call)?;
        if reply.gone_on_retry {
            return Ok(());
        }
        read_json(reply.response, what).map(|_| ())
    }

    /// Run an action on NAME_OR_ID, resolved to an id first.
    fn act(
        &self,
        target: &str,
        action: &str,
        what: &str,
        map_err: impl Fn(Error) -> Error,
    ) -> Result<String> {
        self.by_id_or_name(target, what, |id| self.act_on_id(id, action, what, map_err))
    }

    fn act_on_id(
        &self,
        id: &str,
        action: &str,
        what: &str,
        map_err: impl Fn(Error) -> Error,
    ) -> Result<String> {
        self.post_action(id, action, what).map_err(map_err)?;
        Ok(id.to_string())
    }

    /// Stream every item in one request (`Accept: application/jsonl`); a server that answers
    /// with a JSON page instead is followed page by page. Which of the two came is decided by
    /// the body, as the official SDK does: the Content-Type is often missing or generic.
    fn list_stream(
        &self,
        filter: &ListFilter,
        each: &mut dyn FnMut(Value) -> Result<()>,
    ) -> Result<()> {
        let what = LIST_WHAT;
        let mut u = self.url(&["secret", "list"])?;
        // `query_pairs_mut` leaves a bare `?` behind even when nothing is appended.
        if !filter.meta.is_empty() {
            let mut q = u.query_pairs_mut();
            for (k, v) in &filter.meta {
                q.append_pair(&format!("meta.{k}"), v);
            }
        }
        // `--timeout` bounds the whole answer, a stream included: a server that keeps
        // sending is stopped, not read forever.
        let deadline = Instant::now() + self.t.timeout();
        let reply = self
            .t
            .send(&Call::new(Method::GET, u.clone(), what).accept("application/jsonl"))
            .map_err(|e| super::wrong_endpoint(e, ProviderKind::Chatbotkit, &u))?;
        let ct = content_type(&reply.response);
        if is_html(&ct) {
            // Not the API: read it as a page, which says "an HTML page".
            let page = read_json(reply.response, what)?;
            return list_pages(&self.t, what, u, page, each);
        }
        let labelled_jsonl = ct.contains("jsonl") || ct.contains("ndjson");
        let mut reader = std::io::BufReader::new(reply.response);
        let broke = |n: usize, e: std::io::Error| {
            error::network(format!("{what}: the stream broke off after {n} lines: {e}"))
        };

        // Look at the first non-empty line only: a stream is never buffered whole.
        let mut head: Vec<u8> = Vec::new();
        let mut lines = 0usize;
        let (body, first) = loop {
            let start = head.len();
            let room = MAX_BODY.saturating_sub(start as u64);
            let got = reader
                .by_ref()
                .take(room)
                .read_until(b'\n', &mut head)
                .map_err(|e| broke(lines, e))?;
            if got == 0 {
                // Nothing but blank lines: an empty stream, or a page that is not JSON.
                let body = if labelled_jsonl {
                    Body::Stream
                } else {
                    Body::Page(None)
                };
                break (body, start);
            }
            lines += 1;
            if head[start..].trim_ascii().is_empty() {
                continue;
            }
            break (sniff(&head[start..]), start);
        };

        let page = match body {
            Body::Stream => None,
            Body::Page(parsed) => {
                let mut rest = Vec::new();
                reader
                    .by_ref()
                    .take(MAX_BODY.saturating_sub(head.len() as u64))
                    .read_to_end(&mut rest)
                    .map_err(|e| {
                        error::network(format!("{what}: the response was cut off: {e}"))
                    })?;
                Some(match parsed {
                    // The page was that one line: it is parsed already.
                    Some(v) if rest.trim_ascii().is_empty() => v,
                    _ => {
                        head.extend_from_slice(&rest);
                        decode_json(&head, what)?
                    }
                })
            }
        };
        if let Some(page) = page {
            return list_pages(&self.t, what, u, page, each);
        }

        // The stream: every item as its line arrives. One stream holds each secret once: an
        // id sent again means the server is looping (a cursor that does not advance).
        let mut seen: HashSet<String> = HashSet::new();
        let timeout = self.t.timeout();
        let mut handle = |no: usize, line: &[u8]| -> Result<()> {
            if Instant::now() > deadline {
                return Err(error::network(format!(
                    "{what}: the stream did not end within the timeout ({} s, after {no} lines)",
                    timeout.as_secs()
                ))
                .with_hint("raise --timeout for a very large account"));
            }
            let decoded = std::str::from_utf8(line)
                .map_err(|_| error::network("not JSON"))
                .and_then(decode_stream_line)
                .map_err(|e| e.context(format!("{what}: line {no} of the stream")))?;
            match decoded {
                Some(item) if first_time(&mut seen, &item) => each(item),
                Some(item) => Err(error::network(format!(
                    "{what}: the server sent secret '{}' twice in one stream (line {no}): it is \
                     looping; stopping instead of reading forever",
                    crate::sanitize::sanitize(item_id(&item).unwrap_or(""))
                ))),
                None => Ok(()),
            }
        };
        if head.len() > first {
            handle(lines, &head[first..])?;
        }
        let mut line = Vec::new();
        loop {
            line.clear();
            let got = reader
                .by_ref()
                .take(MAX_BODY + 1)
                .read_until(b'\n', &mut line)
                .map_err(|e| broke(lines, e))?;
            if got == 0 {
                return Ok(());
            }
            lines += 1;
            if line.len() as u64 > MAX_BODY {
                return Err(error::network(format!(
                    "{what}: line {lines} of the stream is longer than {} MiB",
                    MAX_BODY / (1024 * 1024)
                )));
            }
            if line.trim_ascii().is_empty() {
                continue;
            }
            handle(lines, &line)?;
        }
    }

    /// Every item of a list route (`/skillset/list`, `/bot/list`, …), page by page.
    fn list_all(&self, t: &Transport, segs: &[&str], what: &str) -> Result<Vec<Value>> {
        let base = self.url(segs)?;
        let mut first = base.clone();
        first
            .query_pairs_mut()
            .append_pair("take", &TAKE.to_string());
        let page = t.json(&Call::new(Method::GET, first, what))?;
        let mut items = Vec::new();
        list_pages(t, what, base, page, &mut |it| {
            items.push(it);
            Ok(())
        })?;
        Ok(items)
    }

    /// Each of `lists` (its path, and what a failure of it says) read in full, concurrently
    /// at `pace`. A skillset's ability list that answers the API's own 404 is empty only when
    /// the skillset itself is gone (its fetch answers the API's own 404 too: deleted since it
    /// was listed). Any other 404 — for a skillset that still exists, or one that is not the
    /// API's answer (an HTML page from a proxy, a route the server lacks) — is a list that
    /// cannot be read, never "no abilities" ([`is_api_not_found`]).
    fn read_lists(
        &self,
        t: &Transport,
        pace: &Pace,
        workers: u16,
        lists: &[(Vec<&str>, String)],
    ) -> Result<Vec<Vec<Value>>> {
        let jobs: Vec<usize> = (0..lists.len()).collect();
        let read = |i: usize| {
            let (segs, what) = &lists[i];
            match (self.list_all(t, segs, what), segs.as_slice()) {
                (Err(e @ Error::NotFound(_)), ["skillset", id, "ability", "list"]) => {
                    if !is_api_not_found(&e) {
                        return Err(not_the_apis_404(e));
                    }
                    let fetch = self.url(&["skillset", id, "fetch"])?;
                    match t.json(&Call::new(Method::GET, fetch, what)) {
                        Err(f) if is_api_not_found(&f) => Ok(Vec::new()),
                        Err(f @ Error::NotFound(_)) => Err(not_the_apis_404(f)),
                        Err(other) => Err(other),
                        Ok(_) => Err(error::network(format!(
                            "{}: skillset {} exists, but its ability list answers 404",
                            e.msg().text,
                            quoted(id)
                        ))),
                    }
                }
                (other, _) => other,
            }
        };
        let done = crate::pool::pool(
            false,
            workers,
            pace,
            &jobs,
            &|_| String::new(),
            &read,
            &|_| false,
        );
        done.into_iter()
            .zip(lists)
            .map(|(r, (_, what))| {
                r.unwrap_or_else(|| Err(error::other(format!("{what}: interrupted"))))
            })
            .collect()
    }
}

/// A 404 that is not the API's own answer: the endpoint's error (exit 6), not "gone".
fn not_the_apis_404(e: Error) -> Error {
    error::network(format!(
        "{}: not the API's own answer (an HTML page, or a route this server does not have)",
        e.msg().text
    ))
    .with_hint("is the base URL right? a proxy or a server without the route answers like this")
}

/// The paged protocol: `cursor` is the id of the last item received; stop on an empty
/// page or a short one; a full page without a cursor goes on from its last item's id; an
/// id already handed out is never handed out again; a cursor that does not advance is an
/// error, never a loop.
fn list_pages(
    t: &Transport,
    what: &str,
    base: Url,
    first: Value,
    each: &mut dyn FnMut(Value) -> Result<()>,
) -> Result<()> {
    let mut cursors: HashSet<String> = HashSet::new();
    let mut ids: HashSet<String> = HashSet::new();
    let mut page = first;
    loop {
        let items = match page.get_mut("items") {
            Some(Value::Array(a)) => std::mem::take(a),
            _ => {
                return Err(error::network(format!(
                    "{what}: the answer has no items list"
                )));
            }
        };
        let n = items.len();
        let last_id = items.last().and_then(item_id).map(str::to_string);
        let mut fresh = 0usize;
        for it in items {
            if first_time(&mut ids, &it) {
                fresh += 1;
                each(it)?;
            }
        }
        if n < TAKE {
            return Ok(());
        }
        // The cursor is the last item's id: a server that leaves it out of a full page
        // still has more to give.
        let cursor = page
            .get("cursor")
            .and_then(Value::as_str)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .or(last_id);
        let Some(cursor) = cursor else {
            return Err(error::network(format!(
                "{what}: a full page came without a cursor and its last item has no id; \
                 stopping instead of reading only part of the list"
            )));
        };
        if !cursors.insert(cursor.clone()) {
            return Err(error::network(format!(
                "{what}: the server sent the cursor '{}' again; stopping instead of looping",
                crate::sanitize::sanitize(&cursor)
            )));
        }
        if fresh == 0 {
            return Err(error::network(format!(
                "{what}: the cursor does not advance: a full page held only secrets already \
                 listed; stopping instead of looping"
            )));
        }
        let mut u = base.clone();
        u.query_pairs_mut()
            .append_pair("cursor", &cursor)
            .append_pair("take", &TAKE.to_string());
        page = t
            .json(&Call::new(Method::GET, u.clone(), what))
            .map_err(|e| super::wrong_endpoint(e, ProviderKind::Chatbotkit, &u))?;
    }
}

/// What the first non-empty line of a list answer says the body is.
enum Body {
    /// JSONL, one `{"type":…}` message a line.
    Stream,
    /// One JSON page; the first line parsed, when it was a JSON object by itself.
    Page(Option<Value>),
}

/// A line that is a JSON object with a string `type` and no `items` starts a stream (a
/// `type` this version does not know is a message kind added later, skipped like the nop
/// lines); anything else starts a JSON page, whatever the Content-Type says.
fn sniff(line: &[u8]) -> Body {
    match serde_json::from_slice::<Value>(line.trim_ascii()) {
        Ok(Value::Object(o)) => match o.get("type").and_then(Value::as_str) {
            Some(_) if !o.contains_key("items") => Body::Stream,
            _ => Body::Page(Some(Value::Object(o))),
        },
        _ => Body::Page(None),
    }
}

fn item_id(item: &Value) -> Option<&str> {
    item.get("id").and_then(Value::as_str)
}

/// Whether `item` may be handed out: true the first time its id is met (and for an item
/// without an id, which cannot be compared).
fn first_time(seen: &mut HashSet<String>, item: &Value) -> bool {
    item_id(item).is_none_or(|id| seen.insert(id.to_string()))
}

/// ChatBotKit's create/update body fields that are maps of strings.
fn merge_map(current: Option<&Value>, changes: &Value) -> Value {
    let mut m: Map<String, Value> = match current {
        Some(Value::Object(o)) => o.clone(),
        _ => Map::new(),
    };
    if let Value::Object(c) = changes {
        for (k, v) in c {
            m.insert(k.clone(), v.clone());
        }
    }
    Value::Object(m)
}

/// ChatBotKit's own actions on a secret's stored authentication.
impl Authentication for Chatbotkit {
    fn verify(&self, target: &str) -> Result<Verification> {
        let what = format!("cannot verify ChatBotKit secret {}", quoted(target));
        let record = self.by_id_or_name(target, &what, |id| {
            self.post(
                &["secret", id, "verify"],
                &json!({}),
                &what,
                Retry::Idempotent,
                &[],
            )
        })?;
        let text = |pointer: &str| {
            record
                .pointer(pointer)
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        Ok(Verification {
            status: text("/status").unwrap_or_else(|| "unknown".to_string()),
            url: text("/action/url"),
            record,
        })
    }

    fn revoke(&self, target: &str) -> Result<String> {
        let what = format!("cannot revoke ChatBotKit secret {}", quoted(target));
        // The id was just seen to exist: a 404 from the action is the API's answer for a
        // secret that has no stored value, and the error says so (the id acted on shown when
        // the argument was a name), not "Not found".
        self.by_id_or_name(target, &what, |id| {
            self.act_on_id(id, "revoke", &what, |e| match e {
                Error::Conflict(m) => {
                    Error::Conflict(m).with_hint("only shared secrets have a value to revoke")
                }
                Error::NotFound(_) => {
                    let shown = if id == target {
                        String::new()
                    } else {
                        format!(" ({id})")
                    };
                    error::not_found(format!(
                        "{what}: the secret{shown} has no stored value to revoke (404)"
                    ))
                    .with_hint("nothing was changed")
                }
                other => other,
            })
        })
    }
}

impl Provider for Chatbotkit {
    fn kind(&self) -> ProviderKind {
        ProviderKind::Chatbotkit
    }

    fn identity(&self) -> Identity {
        Identity::Id
    }

    fn columns(&self) -> &'static [&'static str] {
        &["ID", "NAME", "TYPE", "KIND", "VISIBILITY", "DESCRIPTION"]
    }

    fn row(&self, r: &Value) -> Vec<String> {
        ["id", "name", "type", "kind", "visibility", "description"]
            .iter()
            .map(|k| field(r, k))
            .collect()
    }

    fn key(&self, r: &Value) -> (&'static str, String) {
        ("id", field(r, "id"))
    }

    fn refuses_value(&self, record: &Value) -> Option<String> {
        match record.get("kind").and_then(Value::as_str) {
            Some("shared") => None,
            Some("personal") => Some("personal secrets cannot have a value".into()),
            Some(other) => Some(format!(
                "its kind is {}, and ChatBotKit keeps a value only for a shared secret",
                quoted(other)
            )),
            None => {
                Some("it has no kind, and ChatBotKit keeps a value only for a shared secret".into())
            }
        }
    }

    fn list(&self, filter: &ListFilter, each: &mut dyn FnMut(Value) -> Result<()>) -> Result<()> {
        self.list_stream(filter, each)
    }

    /// The secrets (unless the command read them all: `known`, or a name look-up), skillsets
    /// and bots (one round, concurrently), then each skillset's abilities (concurrently): 3 +
    /// one request per skillset (more for long lists), all at `pace`. Each failure names the
    /// list it is.
    fn references(
        &self,
        pace: &Arc<Pace>,
        workers: u16,
        known: Known,
    ) -> Result<Box<dyn References>> {
        let t = self.t.clone().with_pace(Arc::clone(pace));
        let list = |what: &str| format!("cannot read the ChatBotKit {what} list");
        let read_already = match known {
            Known::All(all) => Some(all.to_vec()),
            Known::Only(_) => self.listed.lock().ok().and_then(|mut l| l.take()),
        };
        let mut firsts = vec![
            (vec!["skillset", "list"], list("skillset")),
            (vec!["bot", "list"], list("bot")),
        ];
        if read_already.is_none() {
            firsts.push((vec!["secret", "list"], list("secret")));
        }
        let mut lists = self.read_lists(&t, pace, workers, &firsts)?.into_iter();
        let (skillsets, bots) = (
            lists.next().unwrap_or_default(),
            lists.next().unwrap_or_default(),
        );
        let secrets = read_already.unwrap_or_else(|| lists.next().unwrap_or_default());
        let ids: Vec<(String, String)> = skillsets
            .iter()
            .map(|k| (field(k, "id"), field(k, "name")))
            .filter(|(id, _)| !id.is_empty())
            .collect();
        let ability_lists: Vec<(Vec<&str>, String)> = ids
            .iter()
            .map(|(id, name)| {
                (
                    vec!["skillset", id.as_str(), "ability", "list"],
                    format!(
                        "cannot read the abilities of ChatBotKit skillset {} ({})",
                        quoted(name),
                        crate::sanitize::sanitize(id)
                    ),
                )
            })
            .collect();
        let found = self.read_lists(&t, pace, workers, &ability_lists)?;
        let abilities = ids
            .iter()
            .zip(found)
            .flat_map(|((id, _), list)| list.into_iter().map(move |a| (id.clone(), a)))
            .collect();
        Ok(Box::new(CbkAccount {
            secrets,
            skillsets,
            abilities,
            bots,
        }))
    }

    fn get(&self, target: &str) -> Result<Value> {
        self.resolve(target)
    }

    /// A list of one: the cheapest call that needs the token.
    fn prove_token(&self) -> Result<Option<RateLimit>> {
        let mut u = self.url(&["secret", "list"])?;
        u.query_pairs_mut().append_pair("take", "1");
        let (page, headroom) = self
            .t
            .json_with_headroom(&Call::new(Method::GET, u.clone(), LIST_WHAT))
            .map_err(|e| super::wrong_endpoint(e, ProviderKind::Chatbotkit, &u))?;
        if !page.get("items").is_some_and(Value::is_array) {
            return Err(
                error::network(format!("{LIST_WHAT}: the answer has no items list"))
                    .as_not_the_api(),
            );
        }
        Ok(headroom)
    }

    fn authentication(&self) -> Result<&dyn Authentication> {
        Ok(self)
    }

    fn reveal(&self, _target: &str) -> Result<Zeroizing<Vec<u8>>> {
        Err(super::values_are_write_only(ProviderKind::Chatbotkit))
    }

    fn create(&self, spec: &CreateSpec) -> Result<String> {
        let what = format!("cannot create ChatBotKit secret {}", quoted(spec.name));
        let mut body = spec.fields.clone();
        body.insert("name".into(), json!(spec.name));
        if let Some(d) = spec.description {
            body.insert("description".into(), json!(d));
        }
        // Without an explicit kind the server silently drops the value.
        body.entry("kind").or_insert_with(|| json!("shared"));
        if let Some(v) = spec.value {
            body.insert("value".into(), json!(v.expose()));
        }
        let mut redact: Vec<&str> = spec.value.map(|v| v.expose()).into_iter().collect();
        redact.extend(&spec.secrets);
        redact.extend(secret_config(spec.fields.get("config")));
        let resp = self.post(
            &["secret", "create"],
            &Value::Object(body),
            &what,
            Retry::OnlyIfUnprocessed,
            &redact,
        )?;
        resp.get("id")
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| {
                error::network(format!("{what}: the answer has no id"))
                    .with_hint(
                        "the secret may have been created; check with: secretctl chatbotkit list",
                    )
                    .with_effect(Effect::Unsure)
            })
    }

    fn update(&self, target: &str, spec: &UpdateSpec) -> Result<String> {
        let what = format!("cannot update ChatBotKit secret {}", quoted(target));
        let mut body = spec.fields.clone();
        if let Some(n) = spec.new_name {
            body.insert("name".into(), json!(n));
        }
        if let Some(d) = spec.description {
            body.insert("description".into(), json!(d));
        }
        if let ValueChange::Set(v) = spec.value {
            body.insert("value".into(), json!(v.expose()));
        }
        let mut redact: Vec<&str> = match spec.value {
            ValueChange::Set(v) => vec![v.expose()],
            ValueChange::Keep => vec![],
        };
        redact.extend(&spec.secrets);
        redact.extend(secret_config(spec.merge.get("config")));
        redact.extend(secret_config(spec.fields.get("config")));
        let send = |id: &str, body: &Map<String, Value>| -> Result<String> {
            self.post(
                &["secret", id, "update"],
                &Value::Object(body.clone()),
                &what,
                Retry::Idempotent,
                &redact,
            )?;
            Ok(id.to_string())
        };
        let sets_value = matches!(spec.value, ValueChange::Set(_));
        if spec.merge.is_empty() && !sets_value {
            return self.by_id_or_name(target, &what, |id| send(id, &body));
        }
        let looked_up;
        let current = match spec.current {
            Some(c) => c,
            None => {
                looked_up = self.resolve_for(target, &what)?;
                &looked_up
            }
        };
        let id = field(current, "id");
        // A sent meta/config replaces the stored one: merge into what is there so that
        // `--meta k=v` adds one entry instead of erasing the others.
        for (k, changes) in &spec.merge {
            body.insert(k.clone(), merge_map(current.get(k), changes));
        }
        // The API answers 200 and drops a value sent to a secret that is not shared: check
        // the stored kind first, so that no value the user gave is lost without a word.
        if sets_value && let Some(why) = self.refuses_value(current) {
            match body.get("kind").and_then(Value::as_str) {
                // Made shared in this update: first the kind (and the other fields), then
                // the value, so that the value meets a stored kind of shared.
                Some("shared") => {
                    let value = body.remove("value");
                    send(&id, &body)?;
                    let mut second = Map::new();
                    second.extend(value.map(|v| ("value".to_string(), v)));
                    return send(&id, &second).map_err(|e| {
                        e.with_hint(
                            "the kind and the other fields were updated, the value was not: \
                             run the same update again",
                        )
                    });
                }
                Some("personal") => {}
                _ => {
                    return Err(error::conflict(format!("{what}: {why}; nothing was sent"))
                        .with_hint("add --kind shared to make it shared and store the value"));
                }
            }
        }
        send(&id, &body)
    }

    fn delete(&self, target: &str) -> Result<String> {
        let what = format!("cannot delete ChatBotKit secret {}", quoted(target));
        self.act(target, "delete", &what, |e| e)
    }

    fn delete_listed(&self, record: &Value) -> Result<String> {
        let id = field(record, "id");
        let what = format!("cannot delete ChatBotKit secret {}", quoted(&id));
        if id.is_empty() {
            return Err(error::network(format!(
                "{what}: the list gave it without an id"
            )));
        }
        self.act_on_id(&id, "delete", &what, |e| e)
    }
}

/// One line of the `application/jsonl` list stream: `Some(record)` for an item, `None` for a
/// keep-alive (or a line type this version does not know), an error for an `error` line or a
/// line that is not JSON. An `error` line's `code` maps to the kind its HTTP status would.
pub fn decode_stream_line(line: &str) -> Result<Option<Value>> {
    let msg: Value = serde_json::from_str(line).map_err(|_| error::network("not JSON"))?;
    match msg.get("type").and_then(Value::as_str) {
        Some("item") => Ok(Some(msg.get("data").cloned().unwrap_or(Value::Null))),
        Some("error") => {
            let data = msg.get("data").cloned().unwrap_or(Value::Null);
            let m = crate::transport::error_message(data.to_string().as_bytes())
                .unwrap_or_else(|| "the server reported an error".into());
            let text = format!(
                "the stream failed part-way: {}",
                crate::sanitize::sanitize(&m)
            );
            let code = data.get("code").and_then(Value::as_str).unwrap_or("");
            Err(stream_error(code, text))
        }
        _ => Ok(None),
    }
}

/// The error kind of a stream `error` line's `code`, as the API's error table pairs codes
/// with statuses.
fn stream_error(code: &str, text: String) -> Error {
    let kind = ProviderKind::Chatbotkit;
    match code.to_ascii_uppercase().as_str() {
        "NOT_AUTHENTICATED" => error::auth(text).with_hint(format!(
            "check the {} token ({}, or the profile's token)",
            kind.display(),
            kind.token_env().join(" or ")
        )),
        "NOT_AUTHORIZED" => {
            error::auth(text).with_hint("the token is valid but not allowed to do this")
        }
        "NOT_FOUND" => error::not_found(text),
        "CONFLICT" => error::conflict(text),
        "BAD_REQUEST" => error::other(text),
        _ => error::network(text),
    }
}
