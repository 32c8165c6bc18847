//! Kubiya routes (relative to `/api/v1` or `/api/v2`), faithful to shared/api/kubiya.md.

use base64::Engine as _;
use hyper::Method;
use hyper::header::{ALLOW, HeaderValue};
use serde_json::{Value, json};

use super::state::{KubiyaSecret, now_rfc3339};
use super::{KubiyaValueFormat, Resp, Shared, json_response, response};

pub(crate) fn error(status: u16, error: &str, message: &str) -> Resp {
    json_response(status, &json!({"error": error, "message": message}))
}

fn not_found(name: &str) -> Resp {
    error(404, "Not Found", &format!("secret '{name}' not found"))
}

fn method_not_allowed(allow: &'static str) -> Resp {
    let mut r = error(405, "Method Not Allowed", "Method Not Allowed");
    r.headers_mut()
        .insert(ALLOW, HeaderValue::from_static(allow));
    r
}

pub(crate) fn unauthorized() -> Resp {
    error(401, "Unauthorized", "Invalid API key")
}

pub(crate) fn handle(
    shared: &Shared,
    v2: bool,
    method: &Method,
    rest: &[String],
    body: &[u8],
) -> Resp {
    let r: Vec<&str> = rest.iter().map(String::as_str).collect();
    match (method, r.as_slice()) {
        (&Method::GET, ["secrets"]) => list(shared),
        (&Method::POST, ["secrets"]) => create(shared, body),
        (_, ["secrets"]) => method_not_allowed("GET, POST"),
        (&Method::GET, ["secrets", "get_value", name]) => get_value(shared, v2, name),
        (_, ["secrets", "get_value", _]) => method_not_allowed("GET"),
        (&Method::GET, ["secrets", name]) => get(shared, name),
        (&Method::PUT, ["secrets", name]) => update(shared, name, body),
        (&Method::DELETE, ["secrets", name]) => delete(shared, name),
        (_, ["secrets", _]) => method_not_allowed("GET, PUT, DELETE"),
        (&Method::GET, ["users", "self"]) => json_response(200, &user()),
        (_, ["users", "self"]) => method_not_allowed("GET"),
        _ => error(404, "Not Found", "route not found"),
    }
}

/// Whether the path (after the version prefix) is one of the secrets routes, whatever the
/// method.
pub(crate) fn is_route(rest: &[String]) -> bool {
    let r: Vec<&str> = rest.iter().map(String::as_str).collect();
    matches!(
        r.as_slice(),
        ["secrets"] | ["secrets", _] | ["secrets", "get_value", _] | ["users", "self"]
    )
}

/// `GET {P}/users/self`: the key's own user, in the fields Kubiya's Terraform provider reads.
fn user() -> Value {
    json!({
        "uuid": "00000000-0000-4000-8000-000000000001",
        "name": "Emulator User",
        "email": "user@emulator.invalid",
        "image": "",
        "groups": ["admin"],
        "roles": [],
        "status": true,
        "user_status": "active",
        "create_at": "2026-01-01T00:00:00Z",
        "invite_link": ""
    })
}

/// The body as a JSON object, or the 400 to answer.
fn object(body: &[u8], message: &str) -> Result<serde_json::Map<String, Value>, Box<Resp>> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(o)) => Ok(o),
        _ => Err(Box::new(error(400, "Bad Request", message))),
    }
}

fn list(shared: &Shared) -> Resp {
    let st = shared.lock();
    let items: Vec<Value> = st.kubiya.values().map(KubiyaSecret::to_json).collect();
    json_response(200, &Value::Array(items))
}

fn create(shared: &Shared, body: &[u8]) -> Resp {
    const REQUIRED: &str = "name and value are required";
    let o = match object(body, REQUIRED) {
        Ok(o) => o,
        Err(r) => return *r,
    };
    let (Some(name), Some(value)) = (
        o.get("name")
            .and_then(Value::as_str)
            .filter(|n| !n.is_empty()),
        o.get("value")
            .and_then(Value::as_str)
            .filter(|v| !v.is_empty()),
    ) else {
        return error(400, "Bad Request", REQUIRED);
    };
    let description = o.get("description").and_then(Value::as_str).unwrap_or("");
    let mut st = shared.lock();
    if st.kubiya.contains_key(name) {
        return error(409, "Conflict", &format!("secret '{name}' already exists"));
    }
    st.kubiya.insert(
        name.to_string(),
        KubiyaSecret::new(name, value, description),
    );
    json_response(
        200,
        &json!({"message": "Secret created successfully", "name": name}),
    )
}

fn get(shared: &Shared, name: &str) -> Resp {
    match shared.lock().kubiya.get(name) {
        Some(s) => json_response(200, &s.to_json()),
        None => not_found(name),
    }
}

fn get_value(shared: &Shared, v2: bool, name: &str) -> Resp {
    let st = shared.lock();
    let Some(s) = st.kubiya.get(name) else {
        return not_found(name);
    };
    let format = st.kubiya_format.unwrap_or(if v2 {
        KubiyaValueFormat::Base64String
    } else {
        KubiyaValueFormat::Object
    });
    match format {
        KubiyaValueFormat::Object => json_response(200, &json!({"value": s.value})),
        KubiyaValueFormat::Base64String => json_response(
            200,
            &Value::String(base64::engine::general_purpose::STANDARD.encode(s.value.as_bytes())),
        ),
        KubiyaValueFormat::RawText => response(200, "text/plain; charset=utf-8", s.value.clone()),
    }
}

fn update(shared: &Shared, name: &str, body: &[u8]) -> Resp {
    const REQUIRED: &str = "value is required";
    let o = match object(body, REQUIRED) {
        Ok(o) => o,
        Err(r) => return *r,
    };
    let Some(value) = o
        .get("value")
        .and_then(Value::as_str)
        .filter(|v| !v.is_empty())
    else {
        return error(400, "Bad Request", REQUIRED);
    };
    let description = o.get("description").and_then(Value::as_str);
    let mut st = shared.lock();
    let Some(s) = st.kubiya.get_mut(name) else {
        return not_found(name);
    };
    s.value = value.to_string();
    if let Some(d) = description {
        s.description = d.to_string();
    }
    s.updated_at = now_rfc3339();
    json_response(200, &json!({"message": "Secret updated successfully"}))
}

fn delete(shared: &Shared, name: &str) -> Resp {
    match shared.lock().kubiya.remove(name) {
        Some(_) => json_response(200, &json!({"message": "Secret deleted successfully"})),
        None => not_found(name),
    }
}
