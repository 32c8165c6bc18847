//! Kubiya agents (`/api/v1/agents` only), as ../shared/api/secret-references.md §5.2 models
//! them: stored verbatim (a `secrets` list of names, unchecked, case kept, dangling names
//! allowed, missing or null as sent), listed as a bare array sorted by name, no pagination
//! (`mode=all` is accepted and ignored). Create, update and delete are for seeding; a secret's
//! delete never looks at them.

use hyper::Method;
use serde_json::{Map, Value, json};

use super::kubiya::error;
use super::state::now_rfc3339;
use super::{Resp, Shared, json_response};

pub(crate) fn is_route(rest: &[String]) -> bool {
    let r: Vec<&str> = rest.iter().map(String::as_str).collect();
    matches!(r.as_slice(), ["agents"] | ["agents", _])
}

/// Only reached under `/api/v1` (the router answers a plain 404 under v2).
pub(crate) fn handle(shared: &Shared, method: &Method, rest: &[String], body: &[u8]) -> Resp {
    let r: Vec<&str> = rest.iter().map(String::as_str).collect();
    let r = r.as_slice();
    let mut st = shared.lock();
    match (method, r) {
        (&Method::GET, ["agents"]) => {
            let mut all: Vec<&Map<String, Value>> = st.kubiya_agents.values().collect();
            all.sort_by_key(|a| {
                a.get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string()
            });
            json_response(200, &json!(all))
        }
        (&Method::GET, ["agents", uuid]) => match st.kubiya_agents.get(*uuid) {
            Some(a) => json_response(200, &Value::Object(a.clone())),
            None => not_found(uuid),
        },
        (&Method::POST, ["agents"]) => {
            let Ok(Value::Object(mut a)) = serde_json::from_slice::<Value>(body) else {
                return error(400, "Bad Request", "an agent object is required");
            };
            let uuid = st.new_id("agt");
            let now = now_rfc3339();
            a.insert("uuid".into(), json!(uuid));
            a.entry("metadata").or_insert_with(|| {
                json!({"created_at": now, "last_updated": now, "user_created": "emulator", "user_last_updated": "emulator"})
            });
            st.kubiya_agents.insert(uuid, a.clone());
            json_response(200, &Value::Object(a))
        }
        (&Method::PUT, ["agents", uuid]) => {
            if !st.kubiya_agents.contains_key(*uuid) {
                return not_found(uuid);
            }
            let Ok(Value::Object(mut a)) = serde_json::from_slice::<Value>(body) else {
                return error(400, "Bad Request", "an agent object is required");
            };
            // PUT replaces the whole object.
            a.insert("uuid".into(), json!(uuid));
            st.kubiya_agents.insert(uuid.to_string(), a.clone());
            json_response(200, &Value::Object(a))
        }
        (&Method::DELETE, ["agents", uuid]) => match st.kubiya_agents.remove(*uuid) {
            Some(_) => json_response(200, &json!({"message": "Agent deleted successfully"})),
            None => not_found(uuid),
        },
        _ => error(405, "Method Not Allowed", "Method Not Allowed"),
    }
}

fn not_found(uuid: &str) -> Resp {
    error(404, "Not Found", &format!("agent '{uuid}' not found"))
}
