use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use reqwest::blocking::Client;
use serde_json::{Value, json};

use super::*;

const TOKEN: &str = "tok_test";

fn emu() -> Emulator {
    Emulator::start(EmulatorOptions {
        port: 0,
        token: TOKEN.into(),
    })
    .expect("start emulator")
}

/// The control routes' `Authorization` header.
fn control_auth() -> String {
    format!("Bearer {TOKEN}")
}

fn client() -> Client {
    Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .expect("client")
}

/// (status, content-type, body text)
fn call(
    e: &Emulator,
    method: &str,
    path: &str,
    auth: Option<String>,
    body: Option<&Value>,
) -> (u16, String, String) {
    let m = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
    let mut rb = client().request(m, format!("{}{}", e.base_url(), path));
    if let Some(a) = auth {
        rb = rb.header("Authorization", a);
    }
    if let Some(b) = body {
        rb = rb
            .header("Content-Type", "application/json")
            .body(b.to_string());
    }
    let resp = rb.send().expect("send");
    let status = resp.status().as_u16();
    let ct = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (status, ct, resp.text().expect("body"))
}

fn cbk(e: &Emulator, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    let (s, _, t) = call(
        e,
        method,
        path,
        Some(format!("Bearer {TOKEN}")),
        body.as_ref(),
    );
    (s, serde_json::from_str(&t).unwrap_or(Value::String(t)))
}

fn kub(e: &Emulator, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    let (s, _, t) = call(
        e,
        method,
        path,
        Some(format!("UserKey {TOKEN}")),
        body.as_ref(),
    );
    (s, serde_json::from_str(&t).unwrap_or(Value::String(t)))
}

fn create(e: &Emulator, body: Value) -> String {
    let (s, v) = cbk(e, "POST", "/v1/secret/create", Some(body));
    assert_eq!(s, 200, "{v}");
    v["id"].as_str().expect("id").to_string()
}

fn stored_cbk(e: &Emulator, id: &str) -> Value {
    e.secrets()["chatbotkit"]
        .as_array()
        .expect("array")
        .iter()
        .find(|s| s["id"] == id)
        .cloned()
        .unwrap_or(Value::Null)
}

/// Percent-encodes everything but unreserved characters.
fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[test]
fn percent_decode_paths() {
    assert_eq!(percent_decode("a%2Fb"), "a/b");
    assert_eq!(percent_decode("a+b%20c"), "a+b c");
    assert_eq!(percent_decode("100%"), "100%");
    assert_eq!(percent_decode("%zz%4"), "%zz%4");
    assert_eq!(percent_decode("%C3%BC"), "ü");
    assert_eq!(percent_decode("%FF"), "\u{FFFD}");
}

#[test]
fn cbk_create_fetch_and_record_shape() {
    let e = emu();
    let id = create(
        &e,
        json!({"name": "db", "kind": "shared", "type": "plain", "value": "s3cr3t",
               "config": {"clientId": "c", "clientSecret": "cs"}, "meta": {"env": "prod"}}),
    );
    assert!(id.starts_with("sec") && id.len() == 21, "{id}");
    for prefix in ["/v1", "/api/v1"] {
        let (s, v) = cbk(&e, "GET", &format!("{prefix}/secret/{id}/fetch?x=1"), None);
        assert_eq!(s, 200);
        let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "alias",
                "blueprintId",
                "config",
                "createdAt",
                "description",
                "id",
                "kind",
                "meta",
                "name",
                "type",
                "updatedAt",
                "visibility"
            ]
        );
        assert_eq!(v["name"], "db");
        assert_eq!(v["description"], "");
        assert_eq!(v["alias"], Value::Null);
        assert_eq!(v["visibility"], "private");
        assert_eq!(v["config"]["clientSecret"], "********");
        assert!(v["createdAt"].is_u64());
    }
    let stored = stored_cbk(&e, &id);
    assert_eq!(stored["value"], "s3cr3t");
    assert_eq!(stored["config"]["clientSecret"], "cs");

    // The mask sent back keeps the stored client secret; updatedAt moves.
    let before = stored["updatedAt"].as_u64().unwrap();
    let (s, v) = cbk(
        &e,
        "POST",
        &format!("/api/v1/secret/{id}/update"),
        Some(
            json!({"config": {"clientId": "c2", "clientSecret": "********"}, "alias": null,
                    "description": "d", "value": "new"}),
        ),
    );
    assert_eq!((s, v["id"].as_str()), (200, Some(id.as_str())));
    let stored = stored_cbk(&e, &id);
    assert_eq!(
        stored["config"],
        json!({"clientId": "c2", "clientSecret": "cs"})
    );
    assert_eq!(stored["description"], "d");
    assert_eq!(stored["name"], "db");
    assert_eq!(stored["value"], "new");
    assert!(stored["updatedAt"].as_u64().unwrap() > before);

    // /_emulator/secrets over HTTP is the same JSON.
    let (s, _, t) = call(&e, "GET", "/_emulator/secrets", Some(control_auth()), None);
    assert_eq!(s, 200);
    let v: Value = serde_json::from_str(&t).unwrap();
    assert_eq!(v, e.secrets());
    assert!(v["kubiya"].as_array().unwrap().is_empty());
}

#[test]
fn cbk_value_only_with_kind_shared() {
    let e = emu();
    let no_kind = create(&e, json!({"name": "a", "value": "v"}));
    assert_eq!(stored_cbk(&e, &no_kind)["value"], Value::Null);
    // The schema's default kind; the value was still dropped (the request said no kind).
    assert_eq!(stored_cbk(&e, &no_kind)["kind"], "shared");
    let (s, v) = cbk(
        &e,
        "POST",
        "/v1/secret/create",
        Some(json!({"kind": "personal", "value": "v"})),
    );
    assert_eq!(s, 409);
    assert_eq!(
        v,
        json!({"message": "Personal secrets cannot have a value", "code": "CONFLICT"})
    );
    let personal = create(&e, json!({"kind": "personal", "value": ""}));
    assert_eq!(stored_cbk(&e, &personal)["kind"], "personal");
    // Update on a personal secret with a value and no kind: the server checks the request's
    // kind, so 200, and the value is stored as null.
    let (s, _) = cbk(
        &e,
        "POST",
        &format!("/v1/secret/{personal}/update"),
        Some(json!({"value": "x"})),
    );
    assert_eq!(s, 200);
    assert_eq!(stored_cbk(&e, &personal)["value"], Value::Null);
    // With kind personal in the body: 409.
    let (s, v) = cbk(
        &e,
        "POST",
        &format!("/v1/secret/{personal}/update"),
        Some(json!({"kind": "personal", "value": "x"})),
    );
    assert_eq!(s, 409);
    assert_eq!(
        v,
        json!({"message": "Personal secrets cannot have a value", "code": "CONFLICT"})
    );
    // Update with kind shared then keeps the value.
    let (s, _) = cbk(
        &e,
        "POST",
        &format!("/v1/secret/{no_kind}/update"),
        Some(json!({"kind": "shared", "value": "later"})),
    );
    assert_eq!(s, 200);
    assert_eq!(stored_cbk(&e, &no_kind)["value"], "later");
}

#[test]
fn cbk_validation() {
    let e = emu();
    let cases = [
        (json!({"foo": 1}), "\"foo\" is not allowed"),
        (json!({"name": 5}), "\"name\" must be a string"),
        (json!({"name": null}), "\"name\" must be a string"),
        (
            json!({"type": "x"}),
            "\"type\" must be one of [plain, basic, bearer, jwt, oauth, template, reference]",
        ),
        (
            json!({"kind": "team"}),
            "\"kind\" must be one of [shared, personal]",
        ),
        (
            json!({"visibility": 1}),
            "\"visibility\" must be one of [private, protected, public]",
        ),
        (json!({"meta": "x"}), "\"meta\" must be of type object"),
        (json!({"config": []}), "\"config\" must be of type object"),
        (json!({"meta": {"_x": "1"}}), "\"meta._x\" is not allowed"),
        (json!([1]), "\"value\" must be of type object"),
    ];
    for (body, msg) in cases {
        let (s, v) = cbk(&e, "POST", "/v1/secret/create", Some(body.clone()));
        assert_eq!(s, 400, "{body}");
        assert_eq!(v, json!({"message": msg, "code": "BAD_REQUEST"}), "{body}");
    }
    let (s, _, t) = call(
        &e,
        "POST",
        "/v1/secret/create",
        Some(format!("Bearer {TOKEN}")),
        None,
    );
    assert_eq!(s, 400, "a change needs a JSON body: {t}");
    // Invalid JSON and invalid UTF-8 bodies.
    for body in [&b"{nope"[..], &b"\xff\xfe"[..]] {
        let r = client()
            .post(format!("{}/v1/secret/create", e.base_url()))
            .header("Authorization", format!("Bearer {TOKEN}"))
            .body(body.to_vec())
            .send()
            .unwrap();
        assert_eq!(r.status().as_u16(), 400);
    }
    // Null clears on update.
    let id = create(&e, json!({"alias": "al", "meta": {"a": "1"}}));
    let (s, _) = cbk(
        &e,
        "POST",
        &format!("/v1/secret/{id}/update"),
        Some(json!({"alias": null, "meta": null, "type": null})),
    );
    assert_eq!(s, 200);
    let st = stored_cbk(&e, &id);
    assert_eq!(
        (st["alias"].clone(), st["meta"].clone()),
        (Value::Null, Value::Null)
    );
}

#[test]
fn cbk_ops_and_not_found() {
    let e = emu();
    let id = create(&e, json!({"kind": "shared", "value": "v", "type": "oauth"}));
    let (s, v) = cbk(
        &e,
        "POST",
        &format!("/v1/secret/{id}/verify"),
        Some(json!({})),
    );
    assert_eq!((s, v["status"].as_str()), (200, Some("authenticated")));
    let (s, v) = cbk(
        &e,
        "POST",
        &format!("/v1/secret/{id}/revoke"),
        Some(json!({})),
    );
    assert_eq!((s, v["id"].as_str()), (200, Some(id.as_str())));
    assert_eq!(stored_cbk(&e, &id)["value"], Value::Null);
    let (s, _) = cbk(
        &e,
        "POST",
        &format!("/v1/secret/{id}/revoke"),
        Some(json!({})),
    );
    assert_eq!(s, 404);
    let (s, v) = cbk(
        &e,
        "POST",
        &format!("/v1/secret/{id}/verify"),
        Some(json!({})),
    );
    assert_eq!(s, 200);
    assert_eq!(v["status"], "unauthenticated");
    assert_eq!(v["action"]["type"], "authenticate");
    assert_eq!(
        v["action"]["url"],
        format!("{}/oauth/authenticate/{id}", e.base_url())
    );
    let personal = create(&e, json!({"kind": "personal"}));
    let (s, v) = cbk(
        &e,
        "POST",
        &format!("/v1/secret/{personal}/revoke"),
        Some(json!({})),
    );
    assert_eq!((s, v["code"].as_str()), (409, Some("CONFLICT")));
    let (s, v) = cbk(
        &e,
        "POST",
        &format!("/v1/secret/{id}/delete"),
        Some(json!({})),
    );
    assert_eq!((s, v["id"].as_str()), (200, Some(id.as_str())));
    let nf = json!({"message": "Not found", "code": "NOT_FOUND"});
    for op in ["fetch", "update", "delete", "revoke", "verify"] {
        let m = if op == "fetch" { "GET" } else { "POST" };
        let (s, v) = cbk(&e, m, &format!("/v1/secret/{id}/{op}"), Some(json!({})));
        assert_eq!((s, &v), (404, &nf), "{op}");
    }
    // Unknown routes and methods.
    let (s, v) = cbk(&e, "GET", "/v1/secret/nope", None);
    assert_eq!((s, v["code"].as_str()), (404, Some("NOT_FOUND")));
    let (s, _) = cbk(&e, "GET", "/v1/secret/create", None);
    assert_eq!(s, 405);
    let (s, _) = cbk(&e, "DELETE", &format!("/v1/secret/{personal}/fetch"), None);
    assert_eq!(s, 405);
}

#[test]
fn cbk_list_paging() {
    let e = emu();
    let mut ids: Vec<String> = (0..7)
        .map(|i| {
            create(
                &e,
                json!({"name": format!("s{i}"), "meta": {"n": i, "even": i % 2 == 0}}),
            )
        })
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "ids sort in creation order");
    ids.reverse(); // default order desc

    let mut got = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let q = match &cursor {
            Some(c) => format!("/v1/secret/list?take=3&cursor={c}"),
            None => "/v1/secret/list?take=3".to_string(),
        };
        let (s, v) = cbk(&e, "GET", &q, None);
        assert_eq!(s, 200);
        let items = v["items"].as_array().unwrap();
        if items.is_empty() {
            assert!(v.get("cursor").is_none());
            break;
        }
        assert!(items.iter().all(|i| i.get("value").is_none()));
        let last = items.last().unwrap()["id"].as_str().unwrap().to_string();
        assert_eq!(v["cursor"], last.as_str(), "cursor even on the final page");
        got.extend(items.iter().map(|i| i["id"].as_str().unwrap().to_string()));
        cursor = Some(last);
    }
    assert_eq!(got, ids);

    // asc, take clamping, filters, errors.
    // take=0 is parseInt's 0: the default 100.
    let (_, v) = cbk(&e, "GET", "/api/v1/secret/list?order=asc&take=0", None);
    assert_eq!(v["items"].as_array().unwrap().len(), 7);
    assert_eq!(v["items"][0]["id"], sorted[0].as_str());
    let (_, v) = cbk(&e, "GET", "/api/v1/secret/list?order=asc&take=2", None);
    assert_eq!(v["items"].as_array().unwrap().len(), 2);
    let (_, v) = cbk(&e, "GET", "/v1/secret/list?take=-5", None);
    assert_eq!(v["items"].as_array().unwrap().len(), 1);
    let (s, v) = cbk(&e, "GET", "/v1/secret/list?meta.even=true&meta[n]=4", None);
    assert_eq!(s, 200);
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["name"], "s4");
    let (_, v) = cbk(&e, "GET", "/v1/secret/list?meta.even=true", None);
    assert_eq!(v["items"].as_array().unwrap().len(), 4);
    // NaN is the default too, and an unknown order is desc.
    let (s, v) = cbk(&e, "GET", "/v1/secret/list?take=abc", None);
    assert_eq!((s, v["items"].as_array().unwrap().len()), (200, 7));
    let (s, v) = cbk(&e, "GET", "/v1/secret/list?order=sideways&take=2", None);
    assert_eq!(s, 200);
    assert_eq!(v["items"][0]["id"], ids[0].as_str());
    // A cursor that was deleted still works.
    let (s, _) = cbk(
        &e,
        "POST",
        &format!("/v1/secret/{}/delete", sorted[3]),
        Some(json!({})),
    );
    assert_eq!(s, 200);
    let (_, v) = cbk(
        &e,
        "GET",
        &format!("/v1/secret/list?order=asc&cursor={}", sorted[3]),
        None,
    );
    let after: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        after,
        sorted[4..].iter().map(String::as_str).collect::<Vec<_>>()
    );

    // take above 100 is clamped to 100.
    for i in 0..110 {
        e.seed_chatbotkit(json!({"name": format!("bulk{i}")}));
    }
    let (_, v) = cbk(&e, "GET", "/v1/secret/list?take=1000", None);
    assert_eq!(v["items"].as_array().unwrap().len(), 100);
    let (_, v) = cbk(&e, "GET", "/v1/secret/list", None);
    assert_eq!(v["items"].as_array().unwrap().len(), 100);
    assert!(e.requests().iter().all(|r| r.path != "seed"));
}

#[test]
fn cbk_jsonl_stream() {
    let e = emu();
    for i in 0..250 {
        e.seed_chatbotkit(json!({"name": format!("n{i}"), "meta": {"m": i % 2}}));
    }
    let resp = client()
        .get(format!("{}/v1/secret/list", e.base_url()))
        .header("Authorization", format!("Bearer {TOKEN}"))
        .header("Accept", "application/jsonl")
        .send()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(resp.headers()["content-type"], "application/jsonl");
    assert_eq!(resp.headers()["transfer-encoding"], "chunked");
    let reader = BufReader::new(resp);
    let lines: Vec<Value> = reader
        .lines()
        .map(|l| serde_json::from_str(&l.unwrap()).unwrap())
        .collect();
    assert_eq!(lines.len(), 250);
    assert!(lines.iter().all(|l| l["type"] == "item"));
    assert_eq!(lines[0]["data"]["name"], "n249");
    assert_eq!(lines[249]["data"]["name"], "n0");
    assert!(lines[0]["data"].get("value").is_none());

    let resp = client()
        .get(format!(
            "{}/v1/secret/list?order=asc&meta.m=1",
            e.base_url()
        ))
        .header("Authorization", format!("Bearer {TOKEN}"))
        .header("Accept", "application/jsonl, application/json")
        .send()
        .unwrap();
    let text = resp.text().unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 125);
    assert!(lines[0].contains("\"n1\""));

    // Nothing stored: an empty stream.
    let e = emu();
    let resp = client()
        .get(format!("{}/v1/secret/list", e.base_url()))
        .header("Authorization", format!("Bearer {TOKEN}"))
        .header("Accept", "application/jsonl")
        .send()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(resp.text().unwrap(), "");
}

#[test]
fn auth_failures() {
    let e = emu();
    for auth in [
        None,
        Some("Bearer wrong".to_string()),
        Some(format!("UserKey {TOKEN}")),
    ] {
        let (s, _, t) = call(&e, "GET", "/v1/secret/list", auth, None);
        assert_eq!(s, 401);
        assert_eq!(
            serde_json::from_str::<Value>(&t).unwrap(),
            json!({"message": "Not authenticated", "code": "NOT_AUTHENTICATED"})
        );
    }
    for auth in [
        None,
        Some("UserKey wrong".to_string()),
        Some(format!("Bearer {TOKEN}")),
    ] {
        let (s, _, t) = call(&e, "GET", "/api/v2/secrets", auth, None);
        assert_eq!(s, 401);
        assert_eq!(
            serde_json::from_str::<Value>(&t).unwrap(),
            json!({"error": "Unauthorized", "message": "Invalid API key"})
        );
    }
    assert_eq!(e.token(), TOKEN);
    let e2 = Emulator::start(EmulatorOptions::default()).unwrap();
    assert!(e2.token().starts_with("emu_") && e2.token().len() == 36);
}

#[test]
fn kubiya_crud() {
    let e = emu();
    let (s, v) = kub(
        &e,
        "POST",
        "/api/v1/secrets",
        Some(json!({"name": "b", "value": "vb", "description": "desc", "extra": 1})),
    );
    assert_eq!(s, 200);
    assert_eq!(
        v,
        json!({"message": "Secret created successfully", "name": "b"})
    );
    let (s, _) = kub(
        &e,
        "POST",
        "/api/v2/secrets",
        Some(json!({"name": "a", "value": "va"})),
    );
    assert_eq!(s, 200);
    let (s, v) = kub(
        &e,
        "POST",
        "/api/v1/secrets",
        Some(json!({"name": "a", "value": "x"})),
    );
    assert_eq!(s, 409);
    assert_eq!(
        v,
        json!({"error": "Conflict", "message": "secret 'a' already exists"})
    );
    let required = json!({"error": "Bad Request", "message": "name and value are required"});
    for body in [
        json!({"name": "c"}),
        json!({"name": "", "value": "v"}),
        json!({"value": "v"}),
        json!({"name": "c", "value": 5}),
        json!("str"),
    ] {
        let (s, v) = kub(&e, "POST", "/api/v1/secrets", Some(body));
        assert_eq!((s, &v), (400, &required));
    }
    let (s, v) = kub(&e, "GET", "/api/v1/secrets?limit=5", None);
    assert_eq!(s, 200);
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 2);
    assert_eq!(arr[0]["name"], "a");
    assert_eq!(arr[1]["description"], "desc");
    assert!(arr.iter().all(|s| s.get("value").is_none()));
    assert_eq!(arr[0]["created_by"], "emulator@secretctl.local");
    assert!(humantime::parse_rfc3339(arr[0]["created_at"].as_str().unwrap()).is_ok());
    assert!(arr[0]["updated_at"].is_string());

    let (s, v) = kub(&e, "GET", "/api/v1/secrets/b", None);
    assert_eq!((s, v["description"].as_str()), (200, Some("desc")));
    let (s, v) = kub(
        &e,
        "PUT",
        "/api/v1/secrets/b",
        Some(json!({"value": "vb2"})),
    );
    assert_eq!(
        (s, &v),
        (200, &json!({"message": "Secret updated successfully"}))
    );
    assert_eq!(
        kub(&e, "GET", "/api/v1/secrets/b", None).1["description"],
        "desc"
    );
    let (s, _) = kub(
        &e,
        "PUT",
        "/api/v1/secrets/b",
        Some(json!({"description": "d"})),
    );
    assert_eq!(s, 400);
    let (s, _) = kub(
        &e,
        "PUT",
        "/api/v1/secrets/zzz",
        Some(json!({"value": "v", "description": "d"})),
    );
    assert_eq!(s, 404);
    let (_, v) = kub(&e, "GET", "/api/v1/secrets/get_value/b", None);
    assert_eq!(v, json!({"value": "vb2"}));
    let (s, v) = kub(&e, "DELETE", "/api/v1/secrets/b", None);
    assert_eq!(
        (s, &v),
        (200, &json!({"message": "Secret deleted successfully"}))
    );
    let (s, v) = kub(&e, "DELETE", "/api/v1/secrets/b", None);
    assert_eq!(
        (s, &v),
        (
            404,
            &json!({"error": "Not Found", "message": "secret 'b' not found"})
        )
    );
    let (s, _) = kub(&e, "GET", "/api/v1/secrets/get_value/b", None);
    assert_eq!(s, 404);
    let (s, v) = kub(&e, "GET", "/api/v2/secrets/a/b/c", None);
    assert_eq!((s, v["error"].as_str()), (404, Some("Not Found")));
    let (s, _) = kub(&e, "POST", "/api/v1/secrets/a", Some(json!({})));
    assert_eq!(s, 405);
    let (s, v) = kub(&e, "GET", "/api/v2/other", None);
    assert_eq!((s, v["error"].as_str()), (404, Some("Not Found")));

    let secrets = e.secrets();
    assert_eq!(secrets["kubiya"][0]["value"], "va");
    let keys: Vec<&String> = secrets["kubiya"][0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "created_at",
            "created_by",
            "description",
            "name",
            "updated_at",
            "value"
        ]
    );
}

#[test]
fn kubiya_encoded_names() {
    let e = emu();
    for name in [
        "a/b",
        "100%",
        "with space",
        "ünï 名前",
        "plus+sign",
        "get_value",
    ] {
        let (s, _) = kub(
            &e,
            "POST",
            "/api/v1/secrets",
            Some(json!({"name": name, "value": format!("v-{name}")})),
        );
        assert_eq!(s, 200, "{name}");
        let p = format!("/api/v1/secrets/{}", enc(name));
        let (s, v) = kub(&e, "GET", &p, None);
        assert_eq!((s, v["name"].as_str()), (200, Some(name)), "{name}");
        let (s, v) = kub(
            &e,
            "GET",
            &format!("/api/v1/secrets/get_value/{}", enc(name)),
            None,
        );
        assert_eq!(
            (s, v["value"].as_str()),
            (200, Some(format!("v-{name}").as_str()))
        );
        let (s, _) = kub(&e, "PUT", &p, Some(json!({"value": "new"})));
        assert_eq!(s, 200, "{name}");
    }
    assert_eq!(e.secrets()["kubiya"].as_array().unwrap().len(), 6);
    // "+" in a path is a plus, not a space.
    let (s, _) = kub(&e, "GET", "/api/v1/secrets/plus+sign", None);
    assert_eq!(s, 200);
    let (s, _) = kub(
        &e,
        "DELETE",
        &format!("/api/v1/secrets/{}", enc("a/b")),
        None,
    );
    assert_eq!(s, 200);
    // The unencoded slash is two segments: no such route.
    e.seed_kubiya("x/y", "v", "");
    let (s, _) = kub(&e, "GET", "/api/v1/secrets/x/y", None);
    assert_eq!(s, 404);
}

#[test]
fn kubiya_value_formats() {
    let e = emu();
    e.seed_kubiya("k", "välue", "d");
    let url = |v: &str| format!("/api/{v}/secrets/get_value/k");
    let auth = || Some(format!("UserKey {TOKEN}"));
    let (s, ct, t) = call(&e, "GET", &url("v1"), auth(), None);
    assert_eq!((s, ct.as_str()), (200, "application/json"));
    assert_eq!(
        serde_json::from_str::<Value>(&t).unwrap(),
        json!({"value": "välue"})
    );
    let (_, ct, t) = call(&e, "GET", &url("v2"), auth(), None);
    assert_eq!(ct, "application/json");
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode("välue");
    assert_eq!(serde_json::from_str::<Value>(&t).unwrap(), json!(b64));
    e.set_kubiya_value_format(Some(KubiyaValueFormat::RawText));
    for v in ["v1", "v2"] {
        let (_, ct, t) = call(&e, "GET", &url(v), auth(), None);
        assert_eq!(
            (ct.as_str(), t.as_str()),
            ("text/plain; charset=utf-8", "välue")
        );
    }
    // Through the control endpoint.
    let r = client()
        .put(format!("{}/_emulator/settings", e.base_url()))
        .header("Authorization", control_auth())
        .body(r#"{"kubiya_value_format":"base64-string"}"#)
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let (_, _, t) = call(&e, "GET", &url("v1"), auth(), None);
    assert_eq!(t, format!("\"{b64}\""));
    let r = client()
        .put(format!("{}/_emulator/settings", e.base_url()))
        .header("Authorization", control_auth())
        .body(r#"{"kubiya_value_format":null}"#)
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let (_, _, t) = call(&e, "GET", &url("v1"), auth(), None);
    assert_eq!(t, r#"{"value":"välue"}"#);
    let r = client()
        .put(format!("{}/_emulator/settings", e.base_url()))
        .header("Authorization", control_auth())
        .body(r#"{"kubiya_value_format":"yaml"}"#)
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
}

#[test]
fn fault_status_retry_after_and_count() {
    let e = emu();
    e.inject(Fault {
        status: Some(429),
        retry_after: Some("2".into()),
        count: 2,
        path_contains: Some("/secret/".into()),
        ..Fault::default()
    });
    for _ in 0..2 {
        let r = client()
            .get(format!("{}/v1/secret/list", e.base_url()))
            .send()
            .unwrap();
        assert_eq!(r.status().as_u16(), 429);
        assert_eq!(r.headers()["retry-after"], "2");
        assert_eq!(
            r.json::<Value>().unwrap(),
            json!({"message": "Too many requests", "code": "TOO_MANY_REQUESTS"})
        );
    }
    // Used up: handled normally (and faults apply before auth).
    let (s, _) = cbk(&e, "GET", "/v1/secret/list", None);
    assert_eq!(s, 200);

    // Method filter, Kubiya-style default body, custom body/content type.
    e.inject(Fault {
        method: Some("post".into()),
        status: Some(503),
        ..Fault::default()
    });
    let (s, _) = kub(&e, "GET", "/api/v1/secrets", None);
    assert_eq!(s, 200);
    let (s, v) = kub(
        &e,
        "POST",
        "/api/v1/secrets",
        Some(json!({"name": "n", "value": "v"})),
    );
    assert_eq!(s, 503);
    assert_eq!(
        v,
        json!({"error": "Service Unavailable", "message": "Service Unavailable"})
    );
    assert!(e.secrets()["kubiya"].as_array().unwrap().is_empty());
    e.inject(Fault {
        status: Some(502),
        body: Some("<html>bad gateway</html>".into()),
        content_type: Some("text/html".into()),
        ..Fault::default()
    });
    let (s, ct, t) = call(&e, "GET", "/api/v1/secrets", None, None);
    assert_eq!(
        (s, ct.as_str(), t.as_str()),
        (502, "text/html", "<html>bad gateway</html>")
    );

    // Forever, then cleared.
    e.inject(Fault {
        status: Some(500),
        count: u32::MAX,
        ..Fault::default()
    });
    for _ in 0..3 {
        assert_eq!(cbk(&e, "GET", "/v1/secret/list", None).0, 500);
    }
    e.clear_faults();
    assert_eq!(cbk(&e, "GET", "/v1/secret/list", None).0, 200);

    // status + after: state changed, but the client sees 502.
    e.inject(Fault {
        status: Some(502),
        after: true,
        ..Fault::default()
    });
    let (s, v) = cbk(
        &e,
        "POST",
        "/v1/secret/create",
        Some(json!({"kind": "shared", "value": "v"})),
    );
    assert_eq!((s, v["code"].as_str()), (502, Some("BAD_GATEWAY")));
    assert_eq!(e.secrets()["chatbotkit"].as_array().unwrap().len(), 1);

    // Through the control endpoint.
    let r = client()
        .post(format!("{}/_emulator/faults", e.base_url()))
        .header("Authorization", control_auth())
        .body(r#"{"status": 504, "path_contains": "/api/v2/"}"#)
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(kub(&e, "GET", "/api/v1/secrets", None).0, 200);
    assert_eq!(kub(&e, "GET", "/api/v2/secrets", None).0, 504);
    let r = client()
        .post(format!("{}/_emulator/faults", e.base_url()))
        .header("Authorization", control_auth())
        .body(r#"{"status": 500, "count": 99}"#)
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let r = client()
        .delete(format!("{}/_emulator/faults", e.base_url()))
        .header("Authorization", control_auth())
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(kub(&e, "GET", "/api/v2/secrets", None).0, 200);
    let r = client()
        .post(format!("{}/_emulator/faults", e.base_url()))
        .header("Authorization", control_auth())
        .body(r#"{"status": "x"}"#)
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
}

#[test]
fn fault_drop_before_and_after() {
    let e = emu();
    e.inject(Fault {
        drop: true,
        ..Fault::default()
    });
    let r = client()
        .post(format!("{}/api/v1/secrets", e.base_url()))
        .header("Authorization", format!("UserKey {TOKEN}"))
        .body(r#"{"name":"n","value":"v"}"#)
        .send();
    assert!(r.is_err(), "expected a request error, got {r:?}");
    assert!(e.secrets()["kubiya"].as_array().unwrap().is_empty());
    let log = e.requests();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].status, 0);

    e.inject(Fault {
        drop: true,
        after: true,
        ..Fault::default()
    });
    let r = client()
        .post(format!("{}/api/v1/secrets", e.base_url()))
        .header("Authorization", format!("UserKey {TOKEN}"))
        .body(r#"{"name":"n","value":"v"}"#)
        .send();
    assert!(r.is_err(), "expected a request error, got {r:?}");
    assert_eq!(e.secrets()["kubiya"][0]["name"], "n");
    assert_eq!(e.requests()[1].status, 0);

    // The server is still fine afterwards, on a reused client too.
    let c = client();
    for _ in 0..3 {
        let r = c
            .get(format!("{}/api/v1/secrets", e.base_url()))
            .header("Authorization", format!("UserKey {TOKEN}"))
            .send()
            .unwrap();
        assert_eq!(r.status().as_u16(), 200);
    }
}

#[test]
fn latency_global_and_fault() {
    let e = emu();
    e.inject(Fault {
        latency_ms: 300,
        ..Fault::default()
    });
    let t = Instant::now();
    assert_eq!(kub(&e, "GET", "/api/v1/secrets", None).0, 200);
    assert!(t.elapsed() >= Duration::from_millis(300));
    let t = Instant::now();
    assert_eq!(kub(&e, "GET", "/api/v1/secrets", None).0, 200);
    assert!(t.elapsed() < Duration::from_millis(300));

    e.set_latency(200);
    let t = Instant::now();
    assert_eq!(kub(&e, "GET", "/api/v1/secrets", None).0, 200);
    assert!(t.elapsed() >= Duration::from_millis(200));
    // Control endpoints are not delayed.
    let t = Instant::now();
    call(&e, "GET", "/_emulator/secrets", Some(control_auth()), None);
    assert!(t.elapsed() < Duration::from_millis(200));
    let r = client()
        .put(format!("{}/_emulator/settings", e.base_url()))
        .header("Authorization", control_auth())
        .body(r#"{"latency_ms": 0}"#)
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let t = Instant::now();
    kub(&e, "GET", "/api/v1/secrets", None);
    assert!(t.elapsed() < Duration::from_millis(200));

    // A client timeout fires against a slow answer.
    e.inject(Fault {
        latency_ms: 2000,
        ..Fault::default()
    });
    let r = Client::builder()
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap()
        .get(format!("{}/api/v1/secrets", e.base_url()))
        .send();
    assert!(r.is_err());
}

#[test]
fn request_log_and_reset() {
    let e = emu();
    let (s, _) = cbk(
        &e,
        "POST",
        "/v1/secret/create?x=1&y=%20",
        Some(json!({"name": "n"})),
    );
    assert_eq!(s, 200);
    kub(&e, "GET", "/api/v1/secrets/a%2Fb", None);
    call(&e, "GET", "/_emulator/secrets", Some(control_auth()), None);
    let log = e.requests();
    assert_eq!(log.len(), 2);
    assert_eq!(log[0].method, "POST");
    assert_eq!(log[0].path, "/v1/secret/create?x=1&y=%20");
    assert_eq!(log[0].header("AUTHORIZATION"), Some("Bearer tok_test"));
    assert_eq!(log[0].header("content-type"), Some("application/json"));
    assert!(log[0].headers.iter().all(|(n, _)| *n == n.to_lowercase()));
    assert_eq!(log[0].body_json(), Some(json!({"name": "n"})));
    assert_eq!(log[0].status, 200);
    assert_eq!(log[1].path, "/api/v1/secrets/a%2Fb");
    assert_eq!(log[1].status, 404);
    assert_eq!(log[1].body_json(), None);

    let (s, _, t) = call(&e, "GET", "/_emulator/requests", Some(control_auth()), None);
    assert_eq!(s, 200);
    let v: Value = serde_json::from_str(&t).unwrap();
    assert_eq!(v[0]["body"], r#"{"name":"n"}"#);
    assert_eq!(v[0]["status"], 200);
    assert_eq!(v[1]["method"], "GET");

    e.clear_requests();
    assert!(e.requests().is_empty());
    kub(&e, "GET", "/api/v1/secrets", None);
    e.seed_kubiya("k", "v", "");
    e.inject(Fault {
        status: Some(500),
        count: 5,
        ..Fault::default()
    });
    let (s, _, _) = call(&e, "POST", "/_emulator/reset", Some(control_auth()), None);
    assert_eq!(s, 200);
    assert!(e.requests().is_empty());
    assert_eq!(e.secrets(), json!({"chatbotkit": [], "kubiya": []}));
    assert_eq!(kub(&e, "GET", "/api/v1/secrets", None).0, 200);
    let (s, _, _) = call(&e, "GET", "/_emulator/nope", Some(control_auth()), None);
    assert_eq!(s, 404);
    let (s, _, _) = call(&e, "GET", "/_emulator/reset", Some(control_auth()), None);
    assert_eq!(s, 405);
    let (s, _, _) = call(&e, "GET", "/", None, None);
    assert_eq!(s, 404);
}

#[test]
fn control_routes_need_the_emulators_token() {
    let e = emu();
    e.seed_kubiya("K", "the-stored-value", "");
    // Every control route, with no token, a wrong one, or one in no provider's scheme.
    let routes = [
        ("GET", "/_emulator/secrets"),
        ("GET", "/_emulator/requests"),
        ("POST", "/_emulator/faults"),
        ("DELETE", "/_emulator/faults"),
        ("PUT", "/_emulator/settings"),
        ("POST", "/_emulator/reset"),
        ("GET", "/_emulator/nope"),
    ];
    let body = json!({"status": 500});
    for (m, path) in routes {
        for auth in [
            None,
            Some("Bearer wrong".to_string()),
            Some(format!("Basic {TOKEN}")),
            Some(TOKEN.to_string()),
        ] {
            let (s, _, t) = call(&e, m, path, auth.clone(), Some(&body));
            assert_eq!(s, 401, "{m} {path} {auth:?}: {t}");
            assert!(!t.contains("the-stored-value"), "{t}");
        }
    }
    // Nothing was changed: no fault, no reset, the value still there.
    assert_eq!(kub(&e, "GET", "/api/v1/secrets", None).0, 200);
    assert_eq!(e.secrets()["kubiya"][0]["name"], "K");
    // Either provider's scheme carries it.
    for auth in [format!("Bearer {TOKEN}"), format!("userkey {TOKEN}")] {
        assert_eq!(
            call(&e, "GET", "/_emulator/secrets", Some(auth), None).0,
            200
        );
    }
}

#[test]
fn oversized_body_is_413() {
    let e = emu();
    let big = vec![b'a'; MAX_BODY + 10];
    let r = client()
        .post(format!("{}/api/v1/secrets", e.base_url()))
        .header("Authorization", format!("UserKey {TOKEN}"))
        .body(big)
        .send();
    // The server may close before the client finished sending; either way no panic.
    if let Ok(r) = r {
        assert_eq!(r.status().as_u16(), 413);
    }
    // A few MiB is fine.
    let value = "x".repeat(3 * 1024 * 1024);
    let (s, _) = kub(
        &e,
        "POST",
        "/api/v1/secrets",
        Some(json!({"name": "big", "value": value})),
    );
    assert_eq!(s, 200);
    let (_, v) = kub(&e, "GET", "/api/v1/secrets/get_value/big", None);
    assert_eq!(v["value"].as_str().map(str::len), Some(3 * 1024 * 1024));
}

/// Reads one HTTP/1.1 response with a Content-Length body; returns (status line, body).
fn read_response(r: &mut BufReader<TcpStream>) -> (String, String) {
    let mut status = String::new();
    r.read_line(&mut status).unwrap();
    let mut len = 0usize;
    loop {
        let mut line = String::new();
        r.read_line(&mut line).unwrap();
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((n, v)) = line.split_once(':')
            && n.eq_ignore_ascii_case("content-length")
        {
            len = v.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; len];
    r.read_exact(&mut body).unwrap();
    (
        status.trim_end().to_string(),
        String::from_utf8_lossy(&body).into_owned(),
    )
}

#[test]
fn keep_alive_and_raw_paths() {
    let e = emu();
    let stream = TcpStream::connect(("127.0.0.1", e.port())).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut w = stream.try_clone().unwrap();
    let mut r = BufReader::new(stream);
    // Three requests on one connection, including a path with bad UTF-8 escapes.
    let mut bad_body = format!(
        "POST /v1/secret/create HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {TOKEN}\r\nContent-Length: 4\r\n\r\n"
    )
    .into_bytes();
    bad_body.extend_from_slice(b"\xff\xfe{}");
    let reqs: [Vec<u8>; 3] = [
        format!("GET /api/v1/secrets HTTP/1.1\r\nHost: x\r\nAuthorization: UserKey {TOKEN}\r\n\r\n")
            .into_bytes(),
        format!(
            "GET /api/v1/secrets/%FF%FE HTTP/1.1\r\nHost: x\r\nAuthorization: UserKey {TOKEN}\r\n\r\n"
        )
        .into_bytes(),
        bad_body,
    ];
    w.write_all(&reqs[0]).unwrap();
    let (s, b) = read_response(&mut r);
    assert_eq!((s.as_str(), b.as_str()), ("HTTP/1.1 200 OK", "[]"));
    w.write_all(&reqs[1]).unwrap();
    let (s, _) = read_response(&mut r);
    assert_eq!(s, "HTTP/1.1 404 Not Found");
    w.write_all(&reqs[2]).unwrap();
    let (s, _) = read_response(&mut r);
    assert_eq!(s, "HTTP/1.1 400 Bad Request");
    assert_eq!(e.requests().len(), 3);
}

#[test]
fn concurrent_connections() {
    let e = emu();
    let base = e.base_url();
    let handles: Vec<_> = (0..16)
        .map(|t| {
            let base = base.clone();
            std::thread::spawn(move || {
                let c = client();
                for i in 0..20 {
                    let r = c
                        .post(format!("{base}/api/v2/secrets"))
                        .header("Authorization", format!("UserKey {TOKEN}"))
                        .body(json!({"name": format!("t{t}-{i}"), "value": "v"}).to_string())
                        .send()
                        .unwrap();
                    assert_eq!(r.status().as_u16(), 200);
                    let r = c
                        .post(format!("{base}/v1/secret/create"))
                        .header("Authorization", format!("Bearer {TOKEN}"))
                        .body("{}")
                        .send()
                        .unwrap();
                    assert_eq!(r.status().as_u16(), 200);
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let s = e.secrets();
    assert_eq!(s["kubiya"].as_array().unwrap().len(), 320);
    assert_eq!(s["chatbotkit"].as_array().unwrap().len(), 320);
    assert_eq!(e.requests().len(), 640);
    assert!(e.requests().iter().all(|r| r.status == 200));
}

#[test]
fn seed_and_drop_stops_server() {
    let e = emu();
    let id = e.seed_chatbotkit(
        json!({"name": "s", "kind": "personal", "value": "v", "meta": {"a": "b"}}),
    );
    let st = stored_cbk(&e, &id);
    assert_eq!(
        (st["value"].as_str(), st["meta"]["a"].as_str()),
        (Some("v"), Some("b"))
    );
    assert!(e.requests().is_empty());
    let port = e.port();
    assert_eq!(e.base_url(), format!("http://127.0.0.1:{port}"));
    drop(e);
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err());
}

#[test]
fn run_with_command_returns_exit_code() {
    let code = run(
        EmulatorOptions::default(),
        &[
            "sh".into(),
            "-c".into(),
            r#"case "$KUBIYA_BASE_URL" in http://127.0.0.1:*/api/v1) ;; *) exit 9;; esac
               [ "$CHATBOTKIT_API_TOKEN" = "$KUBIYA_API_KEY" ] || exit 8
               [ "${CHATBOTKIT_API_URL}/api/v1" = "$KUBIYA_BASE_URL" ] || exit 7
               exit 3"#
                .into(),
        ],
    )
    .unwrap();
    assert_eq!(code, 3);
    #[cfg(unix)]
    {
        let code = run(
            EmulatorOptions::default(),
            &["sh".into(), "-c".into(), "kill -TERM $$".into()],
        )
        .unwrap();
        assert_eq!(code, 128 + 15);
    }
    assert!(
        run(
            EmulatorOptions::default(),
            &["/nonexistent/secretctl-test-binary".into()]
        )
        .is_err()
    );
}

#[test]
fn fault_chance_applies_per_request_and_counts_only_applications() {
    let mut st = state::State::default();
    st.faults.push(Fault {
        status: Some(503),
        chance: Some(0.5),
        count: 10,
        ..Fault::default()
    });
    st.faults.push(Fault {
        status: Some(500),
        count: u32::MAX,
        ..Fault::default()
    });
    let got: Vec<u16> = (0..400)
        .map(|_| {
            st.take_fault("GET", "/api/v1/secrets")
                .unwrap()
                .status
                .unwrap()
        })
        .collect();
    // Exactly `count` applications; a request the first fault skips falls to the second.
    assert_eq!(got.iter().filter(|&&s| s == 503).count(), 10);
    assert_eq!(got.iter().filter(|&&s| s == 500).count(), 390);
    assert_eq!(st.faults.len(), 1);

    // Forever at 30 %: roughly that share, never all, never none.
    let mut st = state::State::default();
    st.faults.push(Fault {
        status: Some(429),
        chance: Some(0.3),
        count: u32::MAX,
        ..Fault::default()
    });
    let hits = (0..1000)
        .filter(|_| st.take_fault("POST", "/v1/secret/create").is_some())
        .count();
    assert!((200..400).contains(&hits), "{hits}");
    assert_eq!(st.faults.len(), 1);
    // A non-matching request is never affected, whatever the chance.
    st.faults[0].chance = Some(1.0);
    st.faults[0].method = Some("GET".into());
    assert!(st.take_fault("POST", "/v1/secret/create").is_none());

    // Through the control endpoint: chance 0 never applies.
    let e = emu();
    let r = client()
        .post(format!("{}/_emulator/faults", e.base_url()))
        .header("Authorization", control_auth())
        .body(r#"{"status": 500, "count": 4294967295, "chance": 0.0}"#)
        .send()
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    for _ in 0..5 {
        assert_eq!(kub(&e, "GET", "/api/v1/secrets", None).0, 200);
    }
}

/// As strict as the APIs where a lenient emulator would hide a client bug: a ChatBotKit
/// change needs a JSON body (at least `{}`), and a Kubiya value may not be empty.
#[test]
fn bodies_the_real_apis_refuse_are_refused() {
    let e = emu();
    let id = create(&e, json!({"kind": "shared", "value": "v"}));
    for op in ["delete", "revoke", "verify", "update"] {
        let (s, v) = cbk(&e, "POST", &format!("/v1/secret/{id}/{op}"), None);
        assert_eq!(s, 400, "{op} without a body: {v}");
    }
    let (s, v) = cbk(&e, "POST", "/v1/secret/create", None);
    assert_eq!(s, 400, "create without a body: {v}");
    assert_eq!(stored_cbk(&e, &id)["value"], "v", "nothing changed");

    let (s, _) = kub(
        &e,
        "POST",
        "/api/v1/secrets",
        Some(json!({"name": "E", "value": ""})),
    );
    assert_eq!(s, 400);
    let (s, _) = kub(
        &e,
        "POST",
        "/api/v1/secrets",
        Some(json!({"name": "E", "value": "x"})),
    );
    assert_eq!(s, 200);
    let (s, _) = kub(&e, "PUT", "/api/v1/secrets/E", Some(json!({"value": ""})));
    assert_eq!(s, 400);
}

// ---------------------------------------------------------------------------------------------
// Rate limit

/// (status, headers, body) of one request with the given auth.
fn call_h(
    e: &Emulator,
    method: &str,
    path: &str,
    auth: &str,
    body: Option<&str>,
) -> (u16, reqwest::header::HeaderMap, String) {
    let m = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
    let mut rb = client()
        .request(m, format!("{}{}", e.base_url(), path))
        .header("Authorization", format!("{auth} {TOKEN}"));
    if let Some(b) = body {
        rb = rb
            .header("Content-Type", "application/json")
            .body(b.to_string());
    }
    let r = rb.send().expect("send");
    let s = r.status().as_u16();
    let h = r.headers().clone();
    (s, h, r.text().expect("body"))
}

fn put_settings(e: &Emulator, body: &str) -> (u16, String) {
    let r = client()
        .put(format!("{}/_emulator/settings", e.base_url()))
        .header("Authorization", control_auth())
        .body(body.to_string())
        .send()
        .expect("send");
    let s = r.status().as_u16();
    (s, r.text().expect("body"))
}

fn hdr<'a>(h: &'a reqwest::header::HeaderMap, name: &str) -> Option<&'a str> {
    h.get(name).and_then(|v| v.to_str().ok())
}

#[test]
fn rate_limit_chatbotkit_429_is_the_servers_shape_and_changes_nothing() {
    let e = emu();
    let (s, t) = put_settings(
        &e,
        r#"{"rate_limit": {"rps": 0.5, "burst": 2, "retry_after": true}}"#,
    );
    assert_eq!((s, t.as_str()), (200, "{}"));
    let (s, h, _) = call_h(&e, "GET", "/v1/secret/list", "Bearer", None);
    assert_eq!(s, 200);
    // ChatBotKit sends no X-RateLimit-* headers.
    assert_eq!(hdr(&h, "x-ratelimit-limit"), None);
    let (s, _, _) = call_h(&e, "GET", "/api/v1/secret/list", "Bearer", None);
    assert_eq!(s, 200);
    let (s, h, t) = call_h(
        &e,
        "POST",
        "/v1/secret/create",
        "Bearer",
        Some(r#"{"name":"n","kind":"shared","value":"v"}"#),
    );
    assert_eq!(s, 429);
    assert_eq!(
        t,
        r#"{"code":"TOO_MANY_REQUESTS","message":"Too many requests"}"#
    );
    assert_eq!(hdr(&h, "x-failure-code"), Some("LIMITS_REACHED"));
    assert_eq!(hdr(&h, "content-type"), Some("application/json"));
    // Its server sends no Retry-After, whatever the setting says.
    assert_eq!(hdr(&h, "retry-after"), None);
    assert_eq!(hdr(&h, "x-ratelimit-remaining"), None);
    assert_eq!(e.secrets(), json!({"chatbotkit": [], "kubiya": []}));
    let log = e.requests();
    assert_eq!(
        log.iter().map(|r| r.status).collect::<Vec<_>>(),
        vec![200, 200, 429]
    );
    assert_eq!(log[2].method, "POST");
    // Control endpoints are never limited.
    for _ in 0..5 {
        assert_eq!(
            call(&e, "GET", "/_emulator/secrets", Some(control_auth()), None).0,
            200
        );
    }
    // Off again.
    assert_eq!(put_settings(&e, r#"{"rate_limit": null}"#).0, 200);
    for _ in 0..5 {
        assert_eq!(call_h(&e, "GET", "/v1/secret/list", "Bearer", None).0, 200);
    }
}

#[test]
fn rate_limit_kubiya_429_has_retry_after_and_ratelimit_headers() {
    let e = emu();
    e.set_rate_limit(Some(RateLimitSettings {
        rps: 0.25,
        burst: Some(2),
        retry_after: true,
        headers: true,
    }));
    let (s, h, _) = call_h(&e, "GET", "/api/v1/secrets", "UserKey", None);
    assert_eq!(s, 200);
    assert_eq!(hdr(&h, "x-ratelimit-limit"), Some("2"));
    assert_eq!(hdr(&h, "x-ratelimit-remaining"), Some("1"));
    assert_eq!(hdr(&h, "x-ratelimit-reset"), Some("4"));
    assert_eq!(hdr(&h, "retry-after"), None);
    let (s, h, _) = call_h(&e, "GET", "/api/v2/secrets", "UserKey", None);
    assert_eq!(s, 200);
    assert_eq!(hdr(&h, "x-ratelimit-remaining"), Some("0"));
    let (s, h, t) = call_h(
        &e,
        "POST",
        "/api/v1/secrets",
        "UserKey",
        Some(r#"{"name":"k","value":"v"}"#),
    );
    assert_eq!(s, 429);
    assert_eq!(
        t,
        r#"{"error":"Too Many Requests","message":"Rate limit exceeded"}"#
    );
    // A token every 4 s, the bucket just emptied: at most 4 s, at least 1.
    let ra: u64 = hdr(&h, "retry-after").unwrap().parse().unwrap();
    assert!((3..=4).contains(&ra), "{ra}");
    assert_eq!(hdr(&h, "x-ratelimit-limit"), Some("2"));
    assert_eq!(hdr(&h, "x-ratelimit-remaining"), Some("0"));
    assert!(hdr(&h, "x-ratelimit-reset").is_some());
    assert_eq!(hdr(&h, "x-failure-code"), None);
    assert_eq!(e.secrets(), json!({"chatbotkit": [], "kubiya": []}));
    assert_eq!(e.requests()[2].status, 429);
    // A request to no API is limited too, in Kubiya's shape.
    let (s, _, t) = call_h(&e, "GET", "/nothing/here", "UserKey", None);
    assert_eq!(s, 429);
    assert!(t.contains("Rate limit exceeded"), "{t}");

    // retry_after false: the same 429 without the header.
    let (s, _) = put_settings(
        &e,
        r#"{"rate_limit": {"rps": 0.25, "burst": 1, "retry_after": false}}"#,
    );
    assert_eq!(s, 200);
    assert_eq!(call_h(&e, "GET", "/api/v1/secrets", "UserKey", None).0, 200);
    let (s, h, _) = call_h(&e, "GET", "/api/v1/secrets", "UserKey", None);
    assert_eq!(s, 429);
    assert_eq!(hdr(&h, "retry-after"), None);
    assert_eq!(hdr(&h, "x-ratelimit-limit"), Some("1"));

    // headers false: Retry-After alone, on no answer an X-RateLimit-* header.
    let (s, _) = put_settings(
        &e,
        r#"{"rate_limit": {"rps": 0.25, "burst": 1, "headers": false}}"#,
    );
    assert_eq!(s, 200);
    let (s, h, _) = call_h(&e, "GET", "/api/v1/secrets", "UserKey", None);
    assert_eq!(s, 200);
    let (s2, h2, _) = call_h(&e, "GET", "/api/v1/secrets", "UserKey", None);
    assert_eq!(s2, 429);
    assert!(hdr(&h2, "retry-after").is_some());
    for h in [&h, &h2] {
        for name in [
            "x-ratelimit-limit",
            "x-ratelimit-remaining",
            "x-ratelimit-reset",
        ] {
            assert_eq!(hdr(h, name), None, "{name}");
        }
    }
}

#[test]
fn rate_limit_tokens_come_back_and_burst_defaults_to_rps() {
    let e = emu();
    // burst left out: 1.5 rounded up = 2 at once, then a token every 667 ms.
    assert_eq!(put_settings(&e, r#"{"rate_limit": {"rps": 1.5}}"#).0, 200);
    let statuses: Vec<u16> = (0..3)
        .map(|_| call_h(&e, "GET", "/api/v1/secrets", "UserKey", None).0)
        .collect();
    assert_eq!(statuses, vec![200, 200, 429]);
    std::thread::sleep(Duration::from_millis(700));
    assert_eq!(call_h(&e, "GET", "/api/v1/secrets", "UserKey", None).0, 200);
    // Settings the bucket cannot work with are refused and change nothing.
    for bad in [
        r#"{"rate_limit": {"rps": 0}}"#,
        r#"{"rate_limit": {"rps": -3}}"#,
        r#"{"rate_limit": {"rps": 5, "burst": 0}}"#,
        r#"{"rate_limit": {"burst": 5}}"#,
        r#"{"rate_limit": {"rps": 5, "per": "minute"}}"#,
        r#"{"rate_limit": 5}"#,
    ] {
        let (s, t) = put_settings(&e, bad);
        assert_eq!(s, 400, "{bad}: {t}");
        assert!(t.contains("rate_limit"), "{bad}: {t}");
    }
    // Reset keeps settings, as it does for latency.
    call(&e, "POST", "/_emulator/reset", Some(control_auth()), None);
    let statuses: Vec<u16> = (0..3)
        .map(|_| call_h(&e, "GET", "/v1/secret/list", "Bearer", None).0)
        .collect();
    assert!(statuses.contains(&429), "{statuses:?}");
    e.set_rate_limit(None);
    assert_eq!(call_h(&e, "GET", "/v1/secret/list", "Bearer", None).0, 200);
}

// ---------------------------------------------------------------------------------------------
// What the platform's source says (issue 15)

fn post(e: &Emulator, path: &str, body: Value) -> (u16, Value) {
    cbk(e, "POST", path, Some(body))
}

#[test]
fn cbk_an_alias_identifies_a_secret_like_its_id() {
    let e = emu();
    let id = create(
        &e,
        json!({"alias": "db-main", "name": "db", "kind": "shared", "value": "v"}),
    );
    let (s, v) = cbk(&e, "GET", "/api/v1/secret/db-main/fetch", None);
    assert_eq!((s, v["id"].as_str()), (200, Some(id.as_str())));
    let (s, v) = post(&e, "/v1/secret/db-main/update", json!({"description": "d"}));
    assert_eq!((s, v), (200, json!({"id": id})));
    assert_eq!(stored_cbk(&e, &id)["description"], "d");
    let (s, v) = post(&e, "/v1/secret/db-main/verify", json!({}));
    assert_eq!((s, v["id"].as_str()), (200, Some(id.as_str())));
    let (s, v) = post(&e, "/v1/secret/db-main/delete", json!({}));
    assert_eq!((s, v), (200, json!({"id": id})));
    assert_eq!(stored_cbk(&e, &id), Value::Null);
    let (s, v) = cbk(&e, "GET", "/v1/secret/db-main/fetch", None);
    assert_eq!(
        (s, v),
        (404, json!({"message": "Not found", "code": "NOT_FOUND"}))
    );
}

#[test]
fn cbk_an_alias_is_unique() {
    let e = emu();
    let first = create(&e, json!({"alias": "a1"}));
    let (s, v) = post(&e, "/v1/secret/create", json!({"alias": "a1", "name": "x"}));
    assert_eq!(
        (s, v),
        (409, json!({"message": "Conflict", "code": "CONFLICT"}))
    );
    let other = create(&e, json!({"alias": "a2"}));
    let (s, v) = post(
        &e,
        &format!("/v1/secret/{other}/update"),
        json!({"alias": "a1"}),
    );
    assert_eq!(
        (s, v),
        (409, json!({"message": "Conflict", "code": "CONFLICT"}))
    );
    // Its own alias again, and secrets without one, are fine.
    let (s, _) = post(
        &e,
        &format!("/v1/secret/{first}/update"),
        json!({"alias": "a1"}),
    );
    assert_eq!(s, 200);
    create(&e, json!({"name": "n"}));
    create(&e, json!({"name": "n"}));
    assert_eq!(e.secrets()["chatbotkit"].as_array().unwrap().len(), 4);
}

#[test]
fn cbk_verify_says_authenticated_only_with_a_value() {
    let e = emu();
    let url = |id: &str| format!("{}/oauth/authenticate/{id}", e.base_url());
    for body in [
        json!({"kind": "shared", "type": "plain"}),
        json!({"kind": "shared", "type": "bearer", "value": ""}),
        json!({"kind": "personal"}),
        json!({}),
    ] {
        let id = create(&e, body.clone());
        let (s, v) = post(&e, &format!("/v1/secret/{id}/verify"), json!({}));
        assert_eq!(s, 200);
        assert_eq!(
            v,
            json!({"id": id, "status": "unauthenticated",
                   "action": {"type": "authenticate", "url": url(&id)}}),
            "{body}"
        );
    }
    let id = create(&e, json!({"kind": "shared", "type": "plain", "value": "v"}));
    let (s, v) = post(&e, &format!("/v1/secret/{id}/verify"), json!({}));
    assert_eq!((s, v), (200, json!({"id": id, "status": "authenticated"})));
}

#[test]
fn cbk_authenticate_answers_id_and_url() {
    let e = emu();
    let id = create(&e, json!({"alias": "gh", "type": "oauth"}));
    let want = json!({"id": id, "url": format!("{}/oauth/authenticate/{id}", e.base_url())});
    for path in [
        format!("/api/v1/secret/{id}/authenticate"),
        "/v1/secret/gh/authenticate".to_string(),
    ] {
        let (s, v) = post(&e, &path, json!({}));
        assert_eq!((s, v), (200, want.clone()), "{path}");
    }
    let (s, v) = post(&e, "/v1/secret/nope/authenticate", json!({}));
    assert_eq!(
        (s, v),
        (404, json!({"message": "Not found", "code": "NOT_FOUND"}))
    );
    let (s, _) = cbk(&e, "GET", &format!("/v1/secret/{id}/authenticate"), None);
    assert_eq!(s, 405);
    // Like every change, it needs a JSON body.
    let (s, _, _) = call(
        &e,
        "POST",
        &format!("/v1/secret/{id}/authenticate"),
        Some(format!("Bearer {TOKEN}")),
        None,
    );
    assert_eq!(s, 400);
}

#[test]
fn cbk_create_takes_the_schema_defaults() {
    let e = emu();
    let id = create(&e, json!({}));
    let (s, v) = cbk(&e, "GET", &format!("/v1/secret/{id}/fetch"), None);
    assert_eq!(s, 200);
    for (k, want) in [
        ("name", json!("")),
        ("description", json!("")),
        ("kind", json!("shared")),
        ("type", json!("plain")),
        ("visibility", json!("private")),
        ("alias", Value::Null),
        ("blueprintId", Value::Null),
        ("config", Value::Null),
        ("meta", Value::Null),
    ] {
        assert_eq!(v[k], want, "{k}");
    }
    // Left out kind: the value was dropped at create, but the stored secret is shared, so
    // a later update can give it one.
    let id = create(&e, json!({"name": "later", "value": "dropped"}));
    assert_eq!(stored_cbk(&e, &id)["value"], Value::Null);
    let (s, _) = post(
        &e,
        &format!("/v1/secret/{id}/update"),
        json!({"value": "kept"}),
    );
    assert_eq!(s, 200);
    assert_eq!(stored_cbk(&e, &id)["value"], "kept");
}

#[test]
fn cbk_update_checks_the_requests_kind_and_keeps_the_value_on_a_kind_change() {
    let e = emu();
    let id = create(&e, json!({"kind": "shared", "value": "v1"}));
    // shared → personal without a value: the stored value stays.
    let (s, _) = post(
        &e,
        &format!("/v1/secret/{id}/update"),
        json!({"kind": "personal"}),
    );
    assert_eq!(s, 200);
    let st = stored_cbk(&e, &id);
    assert_eq!(
        (st["kind"].clone(), st["value"].clone()),
        (json!("personal"), json!("v1"))
    );
    // A value for the (now personal) secret, no kind in the body: 200, stored as null.
    let (s, v) = post(
        &e,
        &format!("/v1/secret/{id}/update"),
        json!({"value": "v2"}),
    );
    assert_eq!((s, v), (200, json!({"id": id})));
    assert_eq!(stored_cbk(&e, &id)["value"], Value::Null);
    // Back to shared with a value in the same request: stored.
    let (s, _) = post(
        &e,
        &format!("/v1/secret/{id}/update"),
        json!({"kind": "shared", "value": "v3"}),
    );
    assert_eq!(s, 200);
    assert_eq!(stored_cbk(&e, &id)["value"], "v3");
}

#[test]
fn cbk_messages_are_the_servers_defaults() {
    let e = emu();
    let nf = json!({"message": "Not found", "code": "NOT_FOUND"});
    assert_eq!(
        cbk(&e, "GET", "/v1/secret/nope/fetch", None),
        (404, nf.clone())
    );
    let personal = create(&e, json!({"kind": "personal"}));
    let (s, v) = post(&e, &format!("/v1/secret/{personal}/revoke"), json!({}));
    assert_eq!(
        (s, v),
        (409, json!({"message": "Conflict", "code": "CONFLICT"}))
    );
    let empty = create(&e, json!({"kind": "shared"}));
    let (s, v) = post(&e, &format!("/v1/secret/{empty}/revoke"), json!({}));
    assert_eq!((s, v), (404, nf));
    e.inject(Fault {
        status: Some(429),
        ..Fault::default()
    });
    let (s, v) = cbk(&e, "GET", "/v1/secret/list", None);
    assert_eq!(
        (s, v),
        (
            429,
            json!({"message": "Too many requests", "code": "TOO_MANY_REQUESTS"})
        )
    );
}

#[test]
fn cbk_take_is_parse_int_with_0_and_nan_meaning_100() {
    assert_eq!(chatbotkit::parse_take_for_test("0"), 100);
    assert_eq!(chatbotkit::parse_take_for_test("abc"), 100);
    assert_eq!(chatbotkit::parse_take_for_test(""), 100);
    assert_eq!(chatbotkit::parse_take_for_test("-0"), 100);
    assert_eq!(chatbotkit::parse_take_for_test("5"), 5);
    assert_eq!(chatbotkit::parse_take_for_test("  7"), 7);
    assert_eq!(chatbotkit::parse_take_for_test("12abc"), 12);
    assert_eq!(chatbotkit::parse_take_for_test("3.9"), 3);
    assert_eq!(chatbotkit::parse_take_for_test("1e3"), 1);
    assert_eq!(chatbotkit::parse_take_for_test("0x10"), 16);
    assert_eq!(chatbotkit::parse_take_for_test("-5"), 1);
    assert_eq!(chatbotkit::parse_take_for_test("+9"), 9);
    assert_eq!(chatbotkit::parse_take_for_test("1000"), 100);
    assert_eq!(
        chatbotkit::parse_take_for_test("99999999999999999999999"),
        100
    );
}

fn stream_names(e: &Emulator, query: &str) -> Vec<String> {
    let resp = client()
        .get(format!("{}/v1/secret/list{query}", e.base_url()))
        .header("Authorization", format!("Bearer {TOKEN}"))
        .header("Accept", "application/jsonl")
        .send()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    BufReader::new(resp)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(&l.unwrap()).unwrap();
            v["data"]["name"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn cbk_stream_starts_at_the_cursor_and_stops_at_take() {
    let e = emu();
    let ids: Vec<String> = (0..230)
        .map(|i| e.seed_chatbotkit(json!({"name": format!("n{i}")})))
        .collect();
    let names = |r: std::ops::Range<usize>| -> Vec<String> { r.map(|i| format!("n{i}")).collect() };
    assert_eq!(stream_names(&e, "?take=3"), vec!["n229", "n228", "n227"]);
    assert_eq!(stream_names(&e, "?order=asc&take=3"), names(0..3));
    assert_eq!(
        stream_names(&e, &format!("?order=asc&cursor={}&take=4", ids[9])),
        names(10..14)
    );
    // Without take, every item from the cursor on, across the 100-item chunks.
    assert_eq!(
        stream_names(&e, &format!("?order=asc&cursor={}", ids[19])),
        names(20..230)
    );
    // take above 100 is 100.
    assert_eq!(stream_names(&e, "?order=asc&take=150"), names(0..100));
    assert_eq!(stream_names(&e, "?order=asc&take=0").len(), 100);
    assert_eq!(stream_names(&e, "").len(), 230);
}

#[test]
fn a_path_no_api_serves_is_a_plain_404_whatever_the_key() {
    let e = emu();
    e.seed_kubiya("k", "v", "");
    let plain = json!({"error": "Not Found", "message": "Not Found", "code": "NOT_FOUND"});
    // kubiya-sdk 2.1.6's older methods: get/value, update, delete.
    for (m, path) in [
        ("GET", "/api/v1/secret/get_secret_value/k"),
        ("PUT", "/api/v1/secret/update_secret"),
        ("DELETE", "/api/v1/secret/k"),
        ("GET", "/api/v2/workflows"),
        ("GET", "/api/v1/secrets/a/b/c"),
    ] {
        for auth in [format!("UserKey {TOKEN}"), "UserKey wrong".into()] {
            let body = (m == "PUT").then(|| json!({"value": "x"}));
            let (s, _, t) = call(&e, m, path, Some(auth.clone()), body.as_ref());
            assert_eq!(s, 404, "{m} {path} {auth}");
            assert_eq!(
                serde_json::from_str::<Value>(&t).unwrap(),
                plain,
                "{m} {path}"
            );
        }
    }
    assert_eq!(e.secrets()["kubiya"][0]["value"], "v");
    // The APIs' own routes still want the key.
    let (s, _, _) = call(
        &e,
        "GET",
        "/api/v1/secrets/k",
        Some("UserKey wrong".into()),
        None,
    );
    assert_eq!(s, 401);
    let (s, _, _) = call(
        &e,
        "GET",
        "/v1/secret/x/fetch",
        Some("UserKey wrong".into()),
        None,
    );
    assert_eq!(s, 401);
    let (s, _, _) = call(
        &e,
        "GET",
        "/api/v2/secrets/get_value/k",
        Some(format!("UserKey {TOKEN}")),
        None,
    );
    assert_eq!(s, 200);
}
