//! ChatBotKit skillsets, their abilities, and bots (relative to `/v1` or `/api/v1`), as
//! ../shared/api/secret-references.md §5.1 models them: what a client needs to compute "used
//! by" exactly as against the real server. Lists page as `/secret/list` does (order
//! `createdAt,id`, default `desc`, `take` 1–100, `cursor` = the last id); the routes that
//! create and delete are for seeding. An ability's links are named by the setting
//! ([`LinkStyle`]) and accepted under either name.

use std::collections::BTreeMap;
use std::ops::Bound;

use hyper::Method;
use serde_json::{Map, Value, json};

use super::chatbotkit::error;
use super::state::{LINK, State, now_ms};
use super::{LinkStyle, Resp, Shared, json_response};

/// The links of an ability: (stored key, `secretId`-style name, `linkedSecretId`-style name).
const LINKS: &[(&str, &str, &str)] = &[
    ("secret", "secretId", "linkedSecretId"),
    ("file", "fileId", "linkedFileId"),
    ("bot", "botId", "linkedBotId"),
    ("space", "spaceId", "linkedSpaceId"),
];

/// The plain string fields each resource takes on create (and ability update).
const SKILLSET_FIELDS: &[&str] = &[
    "alias",
    "name",
    "description",
    "blueprintId",
    "visibility",
    "state",
];
const ABILITY_FIELDS: &[&str] = &[
    "alias",
    "name",
    "description",
    "instruction",
    "blueprintId",
    "state",
];
const BOT_FIELDS: &[&str] = &[
    "alias",
    "name",
    "description",
    "backstory",
    "model",
    "datasetId",
    "skillsetId",
    "blueprintId",
    "visibility",
];

const PAGE_MAX: usize = 100;

/// Whether the path (after the version prefix) is one of these routes, whatever the method.
pub(crate) fn is_route(rest: &[String]) -> bool {
    let r: Vec<&str> = rest.iter().map(String::as_str).collect();
    matches!(
        r.as_slice(),
        ["skillset" | "bot", "list" | "create"]
            | ["skillset" | "bot", _, "fetch" | "update" | "delete"]
            | ["skillset", _, "ability", "list" | "create"]
            | ["skillset", _, "ability", _, "fetch" | "update" | "delete"]
    )
}

pub(crate) fn handle(
    shared: &Shared,
    method: &Method,
    rest: &[String],
    query: Option<&str>,
    body: &[u8],
) -> Resp {
    let r: Vec<&str> = rest.iter().map(String::as_str).collect();
    let r = r.as_slice();
    let mut st = shared.lock();
    let style = st.cbk_link_style;
    match (method, r) {
        (&Method::GET, ["skillset", "list"]) => page(&st.cbk_skillsets, query, |_| true, plain),
        (&Method::GET, ["bot", "list"]) => page(&st.cbk_bots, query, |_| true, plain),
        (&Method::GET, ["skillset", sid, "ability", "list"]) => {
            if !st.cbk_skillsets.contains_key(*sid) {
                return skillset_not_found();
            }
            let sid = sid.to_string();
            page(
                &st.cbk_abilities,
                query,
                |a| a.get("skillsetId").and_then(Value::as_str) == Some(&sid),
                |a| ability_json(a, style),
            )
        }
        (&Method::GET, ["skillset", id, "fetch"]) => fetch(&st.cbk_skillsets, id, plain),
        (&Method::GET, ["bot", id, "fetch"]) => fetch(&st.cbk_bots, id, plain),
        (&Method::GET, ["skillset", sid, "ability", aid, "fetch"]) => {
            match st.cbk_abilities.get(*aid) {
                Some(a) if in_skillset(a, sid) => json_response(200, &ability_json(a, style)),
                _ => not_found(),
            }
        }
        (&Method::POST, rest) => {
            let Ok(Value::Object(input)) = serde_json::from_slice::<Value>(body) else {
                return error(400, "Invalid JSON body", "BAD_REQUEST");
            };
            post(&mut st, rest, input)
        }
        _ => error(405, "Method Not Allowed", "METHOD_NOT_ALLOWED"),
    }
}

fn post(st: &mut State, r: &[&str], input: Map<String, Value>) -> Resp {
    match r {
        ["skillset", "create"] => {
            let id = st.new_id("sks");
            let mut m = match fields(&input, SKILLSET_FIELDS) {
                Ok(m) => m,
                Err(resp) => return *resp,
            };
            m.entry("state").or_insert_with(|| json!("enabled"));
            insert(&mut st.cbk_skillsets, id, m)
        }
        ["bot", "create"] => {
            let id = st.new_id("bot");
            let m = match fields(&input, BOT_FIELDS) {
                Ok(m) => m,
                Err(resp) => return *resp,
            };
            insert(&mut st.cbk_bots, id, m)
        }
        ["skillset", id, "delete"] => {
            if st.cbk_skillsets.remove(*id).is_none() {
                return not_found();
            }
            // Its abilities stay, orphaned (skillsetId set to null), as on the platform.
            for a in st.cbk_abilities.values_mut() {
                if in_skillset(a, id) {
                    a.insert("skillsetId".into(), Value::Null);
                }
            }
            json_response(200, &json!({ "id": id }))
        }
        [kind @ ("skillset" | "bot"), id, "update"] => {
            let (map, allowed) = if *kind == "bot" {
                (&mut st.cbk_bots, BOT_FIELDS)
            } else {
                (&mut st.cbk_skillsets, SKILLSET_FIELDS)
            };
            let given = match fields(&input, allowed) {
                Ok(m) => m,
                Err(resp) => return *resp,
            };
            let Some(m) = map.get_mut(*id) else {
                return not_found();
            };
            m.extend(given);
            m.insert("updatedAt".into(), json!(now_ms()));
            json_response(200, &json!({ "id": id }))
        }
        // Bot delete does not touch skillsets.
        ["bot", id, "delete"] => match st.cbk_bots.remove(*id) {
            Some(_) => json_response(200, &json!({ "id": id })),
            None => not_found(),
        },
        ["skillset", sid, "ability", "create"] => {
            if !st.cbk_skillsets.contains_key(*sid) {
                return skillset_not_found();
            }
            let mut m = match ability_input(st, &input, None) {
                Ok(m) => m,
                Err(resp) => return *resp,
            };
            m.insert("skillsetId".into(), json!(sid));
            let id = st.new_id("abl");
            insert(&mut st.cbk_abilities, id, m)
        }
        ["skillset", sid, "ability", aid, op @ ("update" | "delete")] => {
            if !st
                .cbk_abilities
                .get(*aid)
                .is_some_and(|a| in_skillset(a, sid))
            {
                return not_found();
            }
            if *op == "delete" {
                st.cbk_abilities.remove(*aid);
                return json_response(200, &json!({ "id": aid }));
            }
            let current = st.cbk_abilities.get(*aid).cloned();
            let m = match ability_input(st, &input, current) {
                Ok(m) => m,
                Err(resp) => return *resp,
            };
            st.cbk_abilities.insert(aid.to_string(), m);
            json_response(200, &json!({ "id": aid }))
        }
        _ => error(405, "Method Not Allowed", "METHOD_NOT_ALLOWED"),
    }
}

fn not_found() -> Resp {
    error(404, "Not found", "NOT_FOUND")
}

fn skillset_not_found() -> Resp {
    error(404, "Skillset not found", "NOT_FOUND")
}

fn in_skillset(a: &Map<String, Value>, sid: &str) -> bool {
    a.get("skillsetId").and_then(Value::as_str) == Some(sid)
}

/// The string fields of `allowed` from `input` (null kept, to clear on update); `meta` an
/// object. Anything else is refused as the server's schema would.
fn fields(input: &Map<String, Value>, allowed: &[&str]) -> Result<Map<String, Value>, Box<Resp>> {
    let mut m = Map::new();
    for (k, v) in input {
        let ok = match v {
            Value::String(_) | Value::Null => allowed.contains(&k.as_str()),
            Value::Object(_) => k == "meta",
            _ => false,
        };
        if !ok {
            return Err(Box::new(error(
                400,
                &format!("\"{k}\" is not allowed"),
                "BAD_REQUEST",
            )));
        }
        m.insert(k.clone(), v.clone());
    }
    Ok(m)
}

/// An ability's body on create (`current` None) or update (merged into `current`): its links
/// under either name, a secret link only to a secret that exists.
fn ability_input(
    st: &State,
    input: &Map<String, Value>,
    current: Option<Map<String, Value>>,
) -> Result<Map<String, Value>, Box<Resp>> {
    let mut rest = input.clone();
    let mut links = Map::new();
    for (stored, plain, linked) in LINKS {
        for name in [plain, linked] {
            if let Some(v) = rest.remove(*name) {
                if !(v.is_null() || v.is_string()) {
                    return Err(Box::new(error(
                        400,
                        &format!("\"{name}\" must be a string"),
                        "BAD_REQUEST",
                    )));
                }
                links.insert(stored.to_string(), v);
            }
        }
    }
    if let Some(Value::String(id)) = links.get("secret")
        && !st.cbk.contains_key(id)
    {
        return Err(Box::new(error(400, "Secret not found", "BAD_REQUEST")));
    }
    let given = fields(&rest, ABILITY_FIELDS)?;
    let now = now_ms();
    let mut m = current.unwrap_or_default();
    m.extend(given);
    for (k, v) in links {
        m.insert(format!("{LINK}{k}"), v);
    }
    m.insert("updatedAt".into(), json!(now));
    Ok(m)
}

/// Store a new record with its id and timestamps; answer `{"id"}`.
fn insert(
    map: &mut BTreeMap<String, Map<String, Value>>,
    id: String,
    mut m: Map<String, Value>,
) -> Resp {
    let now = now_ms();
    m.insert("id".into(), json!(id));
    m.insert("createdAt".into(), json!(now));
    m.insert("updatedAt".into(), json!(now));
    map.insert(id.clone(), m);
    json_response(200, &json!({ "id": id }))
}

fn plain(m: &Map<String, Value>) -> Value {
    Value::Object(m.clone())
}

/// An ability as the API returns it: every link under the setting's name (null when unset).
fn ability_json(m: &Map<String, Value>, style: LinkStyle) -> Value {
    let mut out: Map<String, Value> = m
        .iter()
        .filter(|(k, _)| !k.starts_with(LINK))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for (stored, plain, linked) in LINKS {
        let name = match style {
            LinkStyle::Plain => plain,
            LinkStyle::Linked => linked,
        };
        let v = m
            .get(&format!("link:{stored}"))
            .cloned()
            .unwrap_or(Value::Null);
        out.insert(name.to_string(), v);
    }
    out.entry("instruction").or_insert_with(|| json!(""));
    Value::Object(out)
}

fn fetch(
    map: &BTreeMap<String, Map<String, Value>>,
    id: &str,
    show: fn(&Map<String, Value>) -> Value,
) -> Resp {
    match map.get(id) {
        Some(m) => json_response(200, &show(m)),
        None => not_found(),
    }
}

/// One page, as `/secret/list` pages: `order` (default desc), `cursor` (exclusive), `take`.
fn page(
    map: &BTreeMap<String, Map<String, Value>>,
    query: Option<&str>,
    keep: impl Fn(&Map<String, Value>) -> bool,
    show: impl Fn(&Map<String, Value>) -> Value,
) -> Resp {
    let mut cursor: Option<String> = None;
    let mut asc = false;
    let mut take = PAGE_MAX;
    for (k, v) in form_urlencoded::parse(query.unwrap_or("").as_bytes()) {
        match k.as_ref() {
            "cursor" => cursor = (!v.is_empty()).then(|| v.into_owned()),
            "order" => asc = v == "asc",
            "take" => take = super::chatbotkit::parse_take(&v),
            _ => {}
        }
    }
    let iter: Box<dyn Iterator<Item = (&String, &Map<String, Value>)>> = match (asc, &cursor) {
        (true, Some(c)) => {
            Box::new(map.range::<str, _>((Bound::Excluded(c.as_str()), Bound::Unbounded)))
        }
        (true, None) => Box::new(map.iter()),
        (false, Some(c)) => Box::new(
            map.range::<str, _>((Bound::Unbounded, Bound::Excluded(c.as_str())))
                .rev(),
        ),
        (false, None) => Box::new(map.iter().rev()),
    };
    let items: Vec<(&String, &Map<String, Value>)> =
        iter.filter(|(_, m)| keep(m)).take(take).collect();
    let mut out = json!({ "items": items.iter().map(|(_, m)| show(m)).collect::<Vec<_>>() });
    if let (Some((id, _)), Some(o)) = (items.last(), out.as_object_mut()) {
        o.insert("cursor".into(), json!(id));
    }
    json_response(200, &out)
}
