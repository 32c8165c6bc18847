use crate::support::*;

use std::collections::BTreeSet;
use std::io::Read;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// The top-level keys of a request's JSON body, sorted.
fn body_keys(r: &RecordedRequest) -> BTreeSet<String> {
    r.body_json()
        .unwrap_or_else(|| panic!("body of {} is not JSON", r.path))
        .as_object()
        .unwrap_or_else(|| panic!("body of {} is not an object", r.path))
        .keys()
        .cloned()
        .collect()
}

fn keys(ks: &[&str]) -> BTreeSet<String> {
    ks.iter().map(|s| s.to_string()).collect()
}

/// The one secret with this id, as stored (value included).
fn stored(env: &Env, id: &str) -> Option<Value> {
    env.cbk_secrets().into_iter().find(|s| s["id"] == id)
}

/// Seeds `n` secrets named `s0000`, `s0001`, … (in creation order); returns their ids.
fn seed_many(env: &Env, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            env.emu.seed_chatbotkit(json!({
                "name": format!("s{i:04}"),
                "kind": "shared",
                "type": "plain",
                "value": format!("value-{i}-Rk7q"),
            }))
        })
        .collect()
}

/// A JSON list page as the real server sends it (no values).
fn page(env: &Env, ids: &[String]) -> String {
    let all = env.cbk_secrets();
    let items: Vec<Value> = ids
        .iter()
        .map(|id| {
            let mut s = all.iter().find(|s| &s["id"] == id).unwrap().clone();
            s.as_object_mut().unwrap().remove("value");
            s
        })
        .collect();
    json!({"items": items, "cursor": ids.last().unwrap()}).to_string()
}

/// Run and insist that the process ends within `limit` (it must never loop).
fn run_within(env: &Env, args: &[&str], limit: Duration) -> Run {
    run_bounded(env, args, limit, false)
}

/// Like [`run_within`]; with `open_stdin` standard input is a pipe that is never written to
/// nor closed, so a process that reads it hangs (and the test fails).
fn run_bounded(env: &Env, args: &[&str], limit: Duration, open_stdin: bool) -> Run {
    let mut c = env.command();
    c.args(args)
        .stdin(if open_stdin {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    let _stdin = child.stdin.take();
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out.read_to_end(&mut b);
        b
    });
    let t_err = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err.read_to_end(&mut b);
        b
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout_bytes = t_out.join().unwrap();
    let stderr = String::from_utf8_lossy(&t_err.join().unwrap()).into_owned();
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&stdout_bytes).into_owned(),
        stdout_bytes,
        stderr,
        args: args.iter().map(|s| s.to_string()).collect(),
    };
    run.no_leak(TOKEN);
    run
}

// ---------------------------------------------------------------------------------------------
// create

#[test]
fn create_sends_kind_and_stores_exact_value() {
    let env = Env::new();
    let r = env.run_stdin(
        &[
            "chatbotkit",
            "create",
            "OPENAI_KEY",
            "--description",
            "bot key",
        ],
        b"sk-live-123\n",
    );
    r.ok().no_leak("sk-live-123");
    let id = r.stdout.trim();
    let stored = env.cbk_by_name("OPENAI_KEY");
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["id"], id);
    assert_eq!(stored[0]["value"], "sk-live-123");
    assert_eq!(stored[0]["description"], "bot key");
    let creates = env.requests(Some("POST"), "/secret/create");
    assert_eq!(creates.len(), 1);
    assert_eq!(
        creates[0].header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(creates[0].body_json().unwrap()["kind"], "shared");
    assert!(
        creates[0].path.starts_with("/api/v1/"),
        "{}",
        creates[0].path
    );
}

#[test]
fn create_with_every_field_sends_exactly_those_fields() {
    let env = Env::new();
    let r = env.run_with(
        &[
            "chatbotkit",
            "create",
            "FULL",
            "--type",
            "bearer",
            "--kind",
            "shared",
            "--visibility",
            "protected",
            "--blueprint-id",
            "bp_123",
            "--alias",
            "full-alias",
            "--config",
            "clientId=abc",
            "--config",
            "scope=read=write",
            "--meta",
            "team=data",
            "--meta",
            "env=prod",
            "--description",
            "all the fields",
            "--value-env",
            "FULL_VALUE",
        ],
        None,
        |c| {
            c.env("FULL_VALUE", "v-full-1");
        },
    );
    r.ok().no_leak("v-full-1");
    let creates = env.requests(Some("POST"), "/secret/create");
    assert_eq!(creates.len(), 1);
    assert_eq!(
        creates[0].header("content-type"),
        Some("application/json"),
        "create body is JSON"
    );
    assert_eq!(
        creates[0].body_json().unwrap(),
        json!({
            "name": "FULL",
            "type": "bearer",
            "kind": "shared",
            "visibility": "protected",
            "blueprintId": "bp_123",
            "alias": "full-alias",
            "config": {"clientId": "abc", "scope": "read=write"},
            "meta": {"team": "data", "env": "prod"},
            "description": "all the fields",
            "value": "v-full-1",
        })
    );
    let s = stored(&env, r.stdout.trim()).expect("stored under the printed id");
    assert_eq!(s["name"], "FULL");
    assert_eq!(s["type"], "bearer");
    assert_eq!(s["kind"], "shared");
    assert_eq!(s["visibility"], "protected");
    assert_eq!(s["blueprintId"], "bp_123");
    assert_eq!(s["alias"], "full-alias");
    assert_eq!(
        s["config"],
        json!({"clientId": "abc", "scope": "read=write"})
    );
    assert_eq!(s["meta"], json!({"team": "data", "env": "prod"}));
    assert_eq!(s["description"], "all the fields");
    assert_eq!(s["value"], "v-full-1");
}

#[test]
fn create_prints_only_the_id_in_plain() {
    let env = Env::new();
    let r = env.run_stdin(&["chatbotkit", "create", "ID_ONLY"], b"x-value-1");
    r.ok();
    let stored = env.cbk_by_name("ID_ONLY");
    assert_eq!(stored.len(), 1);
    assert_eq!(
        r.stdout,
        format!("{}\n", stored[0]["id"].as_str().unwrap()),
        "stdout is the id and a newline"
    );
    // Not on a terminal: no chatter on stderr either.
    assert_eq!(r.stderr, "");
}

#[test]
fn create_without_kind_flag_sends_shared() {
    let env = Env::new();
    env.run_stdin(
        &["cbk", "create", "DEFAULT_KIND", "--type", "plain"],
        b"abc-def",
    )
    .ok();
    let body = env.requests(Some("POST"), "/secret/create")[0]
        .body_json()
        .unwrap();
    assert_eq!(body["kind"], "shared");
    assert_eq!(body["value"], "abc-def");
    assert_eq!(env.cbk_by_name("DEFAULT_KIND")[0]["value"], "abc-def");
}

#[test]
fn create_personal_sends_no_value_and_reads_no_stdin() {
    let env = Env::new();
    // Piped input is refused, not silently dropped (issue 13: it used to be ignored).
    let r = env.run_stdin(
        &["chatbotkit", "create", "MINE", "--kind", "personal"],
        b"piped-but-ignored\n",
    );
    r.code(2).no_leak("piped-but-ignored");
    assert!(env.emu.requests().is_empty());
    let r = env.run(&["chatbotkit", "create", "MINE", "--kind", "personal"]);
    r.ok();
    let creates = env.requests(Some("POST"), "/secret/create");
    assert_eq!(creates.len(), 1);
    let body = creates[0].body_json().unwrap();
    assert_eq!(body["kind"], "personal");
    assert!(body.get("value").is_none(), "no value key: {body}");
    assert_eq!(body_keys(&creates[0]), keys(&["name", "kind"]));
    let s = env.cbk_by_name("MINE");
    assert_eq!(s.len(), 1);
    assert_eq!(s[0]["value"], Value::Null);
    assert_eq!(s[0]["kind"], "personal");
}

#[test]
fn create_personal_with_a_value_flag_is_usage_error_with_nothing_sent() {
    let env = Env::new();
    let f = env.write("v.txt", b"file-value");
    for extra in [
        vec!["--value-file", f.to_str().unwrap()],
        vec!["--value-env", "HOME"],
        vec!["--base64"],
        vec!["--keep-newline"],
    ] {
        let mut args = vec!["chatbotkit", "create", "MINE", "--kind", "personal"];
        args.extend(extra);
        env.run_stdin(&args, b"x").code(2).one_error_line();
    }
    assert!(env.emu.requests().is_empty(), "{:?}", env.emu.requests());
    assert!(env.cbk_secrets().is_empty());
}

#[test]
fn create_no_value_creates_shared_secret_without_value() {
    let env = Env::new();
    let r = env.run_stdin(
        &[
            "cbk",
            "create",
            "GITHUB",
            "--type",
            "oauth",
            "--no-value",
            "--config",
            "clientId=cid",
        ],
        b"should-not-be-read",
    );
    // Piped input is refused, not silently dropped (issue 13: it used to be ignored).
    r.code(2).no_leak("should-not-be-read");
    assert!(env.emu.requests().is_empty());
    let r = env.run(&[
        "cbk",
        "create",
        "GITHUB",
        "--type",
        "oauth",
        "--no-value",
        "--config",
        "clientId=cid",
    ]);
    r.ok();
    let creates = env.requests(Some("POST"), "/secret/create");
    assert_eq!(creates.len(), 1);
    assert_eq!(
        creates[0].body_json().unwrap(),
        json!({"name": "GITHUB", "type": "oauth", "kind": "shared", "config": {"clientId": "cid"}})
    );
    let s = env.cbk_by_name("GITHUB");
    assert_eq!(s[0]["value"], Value::Null);
    assert_eq!(s[0]["kind"], "shared");
}

#[test]
fn json_output_of_create_update_delete_is_an_action_object() {
    let env = Env::new();
    let r = env.run_stdin(&["-o", "json", "chatbotkit", "create", "J"], b"jv-1");
    r.ok();
    let v = r.json();
    assert_eq!(v["action"], "created");
    let id = v["id"].as_str().expect("id").to_string();
    assert_eq!(env.cbk_by_name("J")[0]["id"], id.as_str());

    let r = env.run(&[
        "chatbotkit",
        "update",
        &id,
        "--description",
        "d2",
        "--keep-value",
        "-o",
        "json",
    ]);
    r.ok();
    let v = r.json();
    assert_eq!(v["action"], "updated");
    assert_eq!(v["id"], id.as_str());

    let r = env.run(&["chatbotkit", "delete", &id, "--yes", "-o", "json"]);
    r.ok();
    let v = r.json();
    assert_eq!(v["action"], "deleted");
    assert_eq!(v["id"], id.as_str());
    assert!(env.cbk_secrets().is_empty());
}

#[test]
fn create_server_400_is_exit_1_with_the_servers_message() {
    let env = Env::new();
    env.fault(Fault {
        path_contains: Some("/secret/create".into()),
        status: Some(400),
        body: Some(
            json!({"message": "\"type\" must be one of [plain, basic]", "code": "BAD_REQUEST"})
                .to_string(),
        ),
        ..Default::default()
    });
    let r = env.run_stdin(&["chatbotkit", "create", "BAD"], b"value-400");
    r.code(1)
        .one_error_line()
        .stderr_has("\"type\" must be one of [plain, basic]")
        .no_leak("value-400");
    assert_eq!(env.requests(Some("POST"), "/secret/create").len(), 1);
    assert!(env.cbk_secrets().is_empty());
}

#[test]
fn create_malformed_json_answer_is_exit_6() {
    let env = Env::new();
    env.fault(Fault {
        path_contains: Some("/secret/create".into()),
        status: Some(200),
        body: Some("this is not json".into()),
        ..Default::default()
    });
    env.run_stdin(&["chatbotkit", "create", "X"], b"value-x-7Qk2")
        .code(6)
        .one_error_line()
        .no_leak("value-x-7Qk2");
}

#[test]
fn server_echoing_the_value_in_an_error_is_redacted() {
    let env = Env::new();
    env.fault(Fault {
        path_contains: Some("/secret/create".into()),
        status: Some(400),
        body: Some(
            json!({"message": "value sk-echo-4242-9d1f is not acceptable", "code": "BAD_REQUEST"})
                .to_string(),
        ),
        ..Default::default()
    });
    env.run_stdin(&["chatbotkit", "create", "ECHO"], b"sk-echo-4242-9d1f\n")
        .code(1)
        .stderr_has("is not acceptable")
        .no_leak("sk-echo-4242-9d1f");
}

// ---------------------------------------------------------------------------------------------
// get

#[test]
fn get_by_id_is_exactly_one_request() {
    let env = Env::new();
    let id = env.emu.seed_chatbotkit(json!({
        "name": "BY_ID", "kind": "shared", "type": "plain", "visibility": "private",
        "description": "desc", "value": "never-shown-1",
    }));
    let r = env.run(&["chatbotkit", "get", &id]);
    r.ok().no_leak("never-shown-1");
    assert_eq!(
        r.stdout,
        format!("{id}\tBY_ID\tplain\tshared\tprivate\tdesc\tnothing found\n")
    );
    // One request for the secret; what uses it is read after (tests/used_by.rs).
    let reqs = env.requests_but_used_by();
    assert_eq!(reqs.len(), 1, "{reqs:?}");
    assert_eq!(reqs[0].method, "GET");
    assert_eq!(reqs[0].path, format!("/api/v1/secret/{id}/fetch"));
}

#[test]
fn get_by_name_fetches_then_lists() {
    let env = Env::new();
    let id = env
        .emu
        .seed_chatbotkit(json!({"name": "BY_NAME", "kind": "shared", "value": "hidden-2"}));
    env.emu.seed_chatbotkit(json!({"name": "OTHER"}));
    let r = env.run(&["-o", "json", "chatbotkit", "get", "BY_NAME"]);
    r.ok().no_leak("hidden-2");
    let v = r.json();
    assert_eq!(v["id"], id.as_str());
    assert_eq!(v["name"], "BY_NAME");
    assert!(v.get("value").is_none(), "{v}");
    let reqs = env.requests_but_used_by();
    assert_eq!(reqs.len(), 2, "{reqs:?}");
    assert_eq!(reqs[0].path, "/api/v1/secret/BY_NAME/fetch");
    assert_eq!(reqs[0].status, 404);
    assert!(reqs[1].path.starts_with("/api/v1/secret/list"), "{reqs:?}");
}

/// A server that answers a name given as an id with 400 or 422 means "no such id": the name
/// is looked up, and a name that does not exist either is exit 3.
#[test]
fn get_after_a_400_or_422_for_the_id_looks_up_the_name() {
    for status in [400, 422] {
        let env = Env::new();
        let id = env.emu.seed_chatbotkit(json!({"name": "BY_NAME"}));
        env.fault(Fault {
            method: Some("GET".into()),
            path_contains: Some("/fetch".into()),
            status: Some(status),
            count: u32::MAX,
            ..Default::default()
        });
        let r = env.run(&["-o", "json", "chatbotkit", "get", "BY_NAME"]);
        r.ok();
        assert_eq!(r.json()["id"], id.as_str(), "{status}");
        let r = env.run(&["chatbotkit", "get", "NOT_THERE"]);
        r.code(3).one_error_line().stderr_has("NOT_THERE");
    }
}

#[test]
fn get_ambiguous_name_is_exit_5_listing_both_ids() {
    let env = Env::new();
    let a = env.emu.seed_chatbotkit(json!({"name": "DUP"}));
    let b = env.emu.seed_chatbotkit(json!({"name": "DUP"}));
    let r = env.run(&["chatbotkit", "get", "DUP"]);
    r.code(5).one_error_line().stderr_has(&a).stderr_has(&b);
    assert_eq!(r.stdout, "");
}

#[test]
fn get_missing_is_exit_3() {
    let env = Env::new();
    env.emu.seed_chatbotkit(json!({"name": "THERE"}));
    let r = env.run(&["chatbotkit", "get", "NOT_THERE"]);
    r.code(3).one_error_line().stderr_has("NOT_THERE");
    assert_eq!(r.stdout, "");
}

#[test]
fn get_reveal_is_refused_with_zero_requests() {
    let env = Env::new();
    let id = env
        .emu
        .seed_chatbotkit(json!({"name": "W", "kind": "shared", "value": "write-only-3"}));
    for target in [id.as_str(), "W"] {
        let r = env.run(&["chatbotkit", "get", target, "--reveal"]);
        r.code(2)
            .one_error_line()
            .stderr_has("write-only")
            .no_leak("write-only-3");
        assert_eq!(r.stdout, "");
    }
    assert!(env.emu.requests().is_empty(), "{:?}", env.emu.requests());
}

// ---------------------------------------------------------------------------------------------
// NAME_OR_ID never resolves to an alias

/// Secret X is aliased `DB_PASSWORD_PROD`; secret Y is named `DB_PASSWORD_PROD`. The server
/// answers `/secret/DB_PASSWORD_PROD/…` for X (it resolves an id or an alias).
fn alias_and_name(env: &Env) -> (String, String) {
    let x = env.emu.seed_chatbotkit(json!({
        "name": "OTHER", "kind": "shared", "type": "plain",
        "alias": "DB_PASSWORD_PROD", "value": "x-value-Lq3",
    }));
    let y = env.emu.seed_chatbotkit(json!({
        "name": "DB_PASSWORD_PROD", "kind": "shared", "type": "plain", "value": "y-value-Zp8",
    }));
    (x, y)
}

/// No request acted on X: every write went to Y's id.
fn only_acted_on(env: &Env, id: &str, other: &str) {
    for r in env.emu.requests() {
        assert!(
            !(r.path.contains(&format!("/secret/{other}/"))
                || r.method == "POST" && r.path.contains("/secret/DB_PASSWORD_PROD/")),
            "{} {} acted on the aliased secret",
            r.method,
            r.path
        );
    }
    assert!(
        env.emu
            .requests()
            .iter()
            .any(|r| r.path.contains(&format!("/secret/{id}/"))),
        "nothing reached {id}"
    );
}

#[test]
fn a_name_that_is_another_secrets_alias_acts_on_the_named_secret() {
    // get: Y's record.
    let env = Env::new();
    let (x, y) = alias_and_name(&env);
    let r = env.run(&["-o", "json", "chatbotkit", "get", "DB_PASSWORD_PROD"]);
    r.ok();
    assert_eq!(r.json()["id"], y.as_str());

    // Each verb acts on Y's id only, and prints the id it acted on.
    let acts = |args: &[&str], stdin: Option<&[u8]>, prints_id: bool| {
        env.emu.clear_requests();
        let r = env.run_with(args, stdin, |_| {});
        r.ok();
        if prints_id {
            assert_eq!(r.stdout, format!("{y}\n"), "{args:?}");
        }
        only_acted_on(&env, &y, &x);
    };
    // update with a value: Y's value changes, X's does not.
    acts(
        &["chatbotkit", "update", "DB_PASSWORD_PROD"],
        Some(b"new-Wq2\n"),
        true,
    );
    assert_eq!(stored(&env, &y).unwrap()["value"], "new-Wq2");
    assert_eq!(stored(&env, &x).unwrap()["value"], "x-value-Lq3");
    // update without a value (the partial update path).
    let partial = [
        "chatbotkit",
        "update",
        "DB_PASSWORD_PROD",
        "--description",
        "d",
        "--keep-value",
    ];
    acts(&partial, None, true);
    assert_eq!(stored(&env, &y).unwrap()["description"], "d");
    assert_ne!(stored(&env, &x).unwrap()["description"], "d");
    acts(&["chatbotkit", "verify", "DB_PASSWORD_PROD"], None, false);
    // revoke: Y's value erased, X's kept.
    acts(
        &["chatbotkit", "revoke", "DB_PASSWORD_PROD", "--yes"],
        None,
        true,
    );
    assert_eq!(stored(&env, &x).unwrap()["value"], "x-value-Lq3");
    // delete: Y goes, X stays.
    acts(
        &["chatbotkit", "delete", "DB_PASSWORD_PROD", "--yes"],
        None,
        true,
    );
    assert!(stored(&env, &y).is_none());
    assert!(stored(&env, &x).is_some());

    // Now no secret is named DB_PASSWORD_PROD: the alias is not a way to reach X.
    env.emu.clear_requests();
    env.run(&["chatbotkit", "delete", "DB_PASSWORD_PROD", "--yes"])
        .code(3);
    assert!(stored(&env, &x).is_some());
    assert!(env.requests(Some("POST"), "").is_empty());
}

// ---------------------------------------------------------------------------------------------
// update

#[test]
fn update_sends_only_the_given_fields() {
    let env = Env::new();
    let id = env.emu.seed_chatbotkit(json!({
        "name": "U", "kind": "shared", "type": "plain", "visibility": "private",
        "description": "old", "alias": "a1", "value": "keep-me-1",
    }));
    env.run(&[
        "chatbotkit",
        "update",
        &id,
        "--description",
        "new desc",
        "--type",
        "bearer",
        "--visibility",
        "public",
        "--keep-value",
    ])
    .ok()
    .stdout_has(&id);
    let ups = env.requests(Some("POST"), "/update");
    assert_eq!(ups.len(), 1);
    assert_eq!(ups[0].path, format!("/api/v1/secret/{id}/update"));
    assert_eq!(
        ups[0].body_json().unwrap(),
        json!({"description": "new desc", "type": "bearer", "visibility": "public"})
    );
    // One look-up proves the id is a secret's own (the server also takes an alias there),
    // and nothing else was sent.
    assert_eq!(env.emu.requests().len(), 2);
    assert_eq!(
        env.requests(Some("GET"), &format!("/secret/{id}/fetch"))
            .len(),
        1
    );
    let s = stored(&env, &id).unwrap();
    assert_eq!(s["description"], "new desc");
    assert_eq!(s["type"], "bearer");
    assert_eq!(s["visibility"], "public");
    assert_eq!(s["alias"], "a1");
    assert_eq!(s["value"], "keep-me-1");
}

#[test]
fn update_value_from_stdin_sends_only_the_value() {
    let env = Env::new();
    let id = env
        .emu
        .seed_chatbotkit(json!({"name": "UV", "kind": "shared", "value": "old-value"}));
    env.run_stdin(&["chatbotkit", "update", &id], b"new-value-9\n")
        .ok()
        .no_leak("new-value-9");
    let ups = env.requests(Some("POST"), "/update");
    assert_eq!(ups.len(), 1);
    assert_eq!(ups[0].body_json().unwrap(), json!({"value": "new-value-9"}));
    assert_eq!(stored(&env, &id).unwrap()["value"], "new-value-9");
    // Two requests: the stored kind is read first (a value sent to a secret that is not
    // shared would be dropped by the API).
    assert_eq!(env.emu.requests().len(), 2, "{:?}", env.emu.requests());
    assert_eq!(
        env.requests(Some("GET"), &format!("/secret/{id}/fetch"))
            .len(),
        1
    );
}

#[test]
fn update_meta_merges_with_the_stored_meta() {
    let env = Env::new();
    let id = env.emu.seed_chatbotkit(json!({
        "name": "M", "kind": "shared", "value": "mv",
        "meta": {"team": "a", "env": "prod"},
    }));
    env.run(&[
        "chatbotkit",
        "update",
        &id,
        "--meta",
        "env=dev",
        "--meta",
        "owner=me",
        "--keep-value",
    ])
    .ok();
    let ups = env.requests(Some("POST"), "/update");
    assert_eq!(ups.len(), 1);
    assert_eq!(body_keys(&ups[0]), keys(&["meta"]));
    assert_eq!(
        ups[0].body_json().unwrap()["meta"],
        json!({"team": "a", "env": "dev", "owner": "me"})
    );
    let s = stored(&env, &id).unwrap();
    assert_eq!(s["meta"], json!({"team": "a", "env": "dev", "owner": "me"}));
    assert_eq!(s["value"], "mv");
}

#[test]
fn update_name_renames() {
    let env = Env::new();
    let id = env
        .emu
        .seed_chatbotkit(json!({"name": "OLD_NAME", "kind": "shared", "value": "rv"}));
    env.run(&[
        "chatbotkit",
        "update",
        &id,
        "--name",
        "NEW_NAME",
        "--keep-value",
    ])
    .ok();
    let ups = env.requests(Some("POST"), "/update");
    assert_eq!(ups[0].body_json().unwrap(), json!({"name": "NEW_NAME"}));
    assert!(env.cbk_by_name("OLD_NAME").is_empty());
    let s = env.cbk_by_name("NEW_NAME");
    assert_eq!(s.len(), 1);
    assert_eq!(s[0]["id"], id.as_str());
    assert_eq!(s[0]["value"], "rv");
}

#[test]
fn update_by_name_resolves_the_id() {
    let env = Env::new();
    let id = env
        .emu
        .seed_chatbotkit(json!({"name": "BYNAME", "kind": "shared", "value": "bv"}));
    let r = env.run(&[
        "chatbotkit",
        "update",
        "BYNAME",
        "--description",
        "via name",
        "--keep-value",
    ]);
    r.ok();
    assert_eq!(r.stdout, format!("{id}\n"));
    let ups = env.requests(Some("POST"), "/update");
    let ok: Vec<_> = ups.iter().filter(|u| u.status == 200).collect();
    assert_eq!(ok.len(), 1, "{ups:?}");
    assert_eq!(ok[0].path, format!("/api/v1/secret/{id}/update"));
    assert_eq!(stored(&env, &id).unwrap()["description"], "via name");
}

#[test]
fn update_with_empty_piped_stdin_is_exit_2_hinting_keep_value() {
    let env = Env::new();
    let id = env
        .emu
        .seed_chatbotkit(json!({"name": "E", "kind": "shared", "value": "ev"}));
    env.run_stdin(&["chatbotkit", "update", &id, "--description", "d"], b"")
        .code(2)
        .one_error_line()
        .stderr_has("--keep-value");
    // /dev/null is "piped" and empty too.
    env.run(&["chatbotkit", "update", &id, "--description", "d"])
        .code(2)
        .stderr_has("--keep-value");
    assert!(env.emu.requests().is_empty(), "{:?}", env.emu.requests());
    assert_eq!(stored(&env, &id).unwrap()["value"], "ev");
}

#[test]
fn update_keep_value_sends_no_value_key() {
    let env = Env::new();
    let id = env
        .emu
        .seed_chatbotkit(json!({"name": "K", "kind": "shared", "value": "kv-1"}));
    env.run(&[
        "chatbotkit",
        "update",
        &id,
        "--alias",
        "new-alias",
        "--keep-value",
    ])
    .ok();
    let ups = env.requests(Some("POST"), "/update");
    assert_eq!(ups.len(), 1);
    assert_eq!(body_keys(&ups[0]), keys(&["alias"]));
    assert_eq!(stored(&env, &id).unwrap()["value"], "kv-1");
}

#[test]
fn update_with_nothing_to_change_is_exit_2() {
    let env = Env::new();
    let id = env
        .emu
        .seed_chatbotkit(json!({"name": "N", "kind": "shared"}));
    env.run(&["chatbotkit", "update", &id, "--keep-value"])
        .code(2)
        .one_error_line()
        .stderr_has("nothing to update");
    assert!(env.emu.requests().is_empty());
}

#[test]
fn update_value_on_a_personal_secret_is_conflict_exit_5() {
    let env = Env::new();
    let id = env
        .emu
        .seed_chatbotkit(json!({"name": "P", "kind": "personal"}));
    env.run_stdin(&["chatbotkit", "update", &id], b"pv-409-Jw3x")
        .code(5)
        .one_error_line()
        .stderr_has("personal secrets cannot have a value")
        .stderr_has("nothing was sent")
        .no_leak("pv-409-Jw3x");
    assert!(env.writes().is_empty(), "{:?}", env.writes());
    assert_eq!(stored(&env, &id).unwrap()["value"], Value::Null);
}

/// The API answers 200 and drops a value sent to a secret without kind "shared": the stored
/// kind is checked first, and the value is never silently lost.
#[test]
fn update_value_on_a_secret_without_a_kind_is_refused_unless_made_shared() {
    let env = Env::new();
    let id = env
        .emu
        .seed_chatbotkit(json!({"name": "NOKIND", "description": "d0"}));
    for target in [id.as_str(), "NOKIND"] {
        env.run_stdin(&["chatbotkit", "update", target], b"nokind-value-Vb3s")
            .code(5)
            .one_error_line()
            .stderr_has("has no kind")
            .stderr_has("--kind shared")
            .no_leak("nokind-value-Vb3s");
    }
    assert!(env.writes().is_empty(), "{:?}", env.writes());

    // With --kind shared: the kind (and other fields) first, then the value.
    env.emu.clear_requests();
    env.run_stdin(
        &[
            "chatbotkit",
            "update",
            &id,
            "--kind",
            "shared",
            "--description",
            "d1",
        ],
        b"nokind-value-Vb3s\n",
    )
    .ok()
    .no_leak("nokind-value-Vb3s");
    let ups = env.requests(Some("POST"), "/update");
    assert_eq!(ups.len(), 2, "{ups:?}");
    assert_eq!(
        ups[0].body_json().unwrap(),
        json!({"kind": "shared", "description": "d1"})
    );
    assert_eq!(
        ups[1].body_json().unwrap(),
        json!({"value": "nokind-value-Vb3s"})
    );
    let s = stored(&env, &id).unwrap();
    assert_eq!(s["value"], "nokind-value-Vb3s");
    assert_eq!(s["kind"], "shared");
    assert_eq!(s["description"], "d1");
}

#[test]
fn update_missing_is_exit_3() {
    let env = Env::new();
    env.run(&[
        "chatbotkit",
        "update",
        "GHOST",
        "--description",
        "x",
        "--keep-value",
    ])
    .code(3)
    .one_error_line();
    assert!(
        env.requests(Some("POST"), "/update")
            .iter()
            .all(|r| r.status == 404)
    );
}

// ---------------------------------------------------------------------------------------------
// delete

#[test]
fn delete_yes_by_id() {
    let env = Env::new();
    let id = env.emu.seed_chatbotkit(json!({"name": "D1"}));
    let keep = env.emu.seed_chatbotkit(json!({"name": "D2"}));
    let r = env.run(&["chatbotkit", "delete", &id, "--yes"]);
    r.ok();
    assert_eq!(r.stdout, format!("{id}\n"));
    let dels = env.requests(Some("POST"), "/delete");
    assert_eq!(dels.len(), 1);
    assert_eq!(dels[0].path, format!("/api/v1/secret/{id}/delete"));
    assert_eq!(dels[0].body_json().unwrap(), json!({}));
    assert!(stored(&env, &id).is_none());
    assert!(stored(&env, &keep).is_some());
}

#[test]
fn delete_yes_by_name() {
    let env = Env::new();
    let id = env.emu.seed_chatbotkit(json!({"name": "DEL_ME"}));
    env.emu.seed_chatbotkit(json!({"name": "STAYS"}));
    let r = env.run(&["cbk", "delete", "DEL_ME", "-y"]);
    r.ok();
    assert_eq!(r.stdout, format!("{id}\n"));
    assert!(env.cbk_by_name("DEL_ME").is_empty());
    assert_eq!(env.cbk_by_name("STAYS").len(), 1);
}

#[test]
fn delete_without_yes_off_terminal_is_exit_2_and_nothing_deleted() {
    let env = Env::new();
    let id = env.emu.seed_chatbotkit(json!({"name": "SAFE"}));
    for target in [id.as_str(), "SAFE"] {
        env.run(&["chatbotkit", "delete", target])
            .code(2)
            .one_error_line()
            .stderr_has("--yes");
    }
    assert!(env.writes().is_empty());
    assert!(stored(&env, &id).is_some());
}

#[test]
fn delete_missing_is_exit_3_unless_ignore_missing() {
    let env = Env::new();
    env.run(&["chatbotkit", "delete", "NOPE", "--yes"])
        .code(3)
        .one_error_line();
    let r = env.run(&["chatbotkit", "delete", "NOPE", "--yes", "--ignore-missing"]);
    r.ok();
    assert_eq!(r.stderr, ""); // With -o json the argument is not called an id: nothing has it as its id (issue 25).
    let r = env.run(&[
        "-o",
        "json",
        "chatbotkit",
        "delete",
        "NOPE",
        "--yes",
        "--ignore-missing",
    ]);
    r.ok();
    assert_eq!(r.json(), json!({"action": "missing", "name_or_id": "NOPE"}));
}

// ---------------------------------------------------------------------------------------------
// revoke, verify

#[test]
fn revoke_yes_erases_the_stored_value() {
    let env = Env::new();
    let id = env
        .emu
        .seed_chatbotkit(json!({"name": "R", "kind": "shared", "value": "to-erase"}));
    let r = env.run(&["chatbotkit", "revoke", "R", "--yes"]);
    r.ok().no_leak("to-erase");
    assert_eq!(r.stdout, format!("{id}\n"));
    let s = stored(&env, &id).expect("the secret itself stays");
    assert_eq!(s["value"], Value::Null);
    let rv = env.requests(Some("POST"), "/revoke");
    assert_eq!(rv.iter().filter(|r| r.status == 200).count(), 1);
    assert_eq!(rv.last().unwrap().body_json().unwrap(), json!({}));
}

#[test]
fn revoke_without_yes_off_terminal_is_exit_2() {
    let env = Env::new();
    let id = env
        .emu
        .seed_chatbotkit(json!({"name": "R", "kind": "shared", "value": "stays-1"}));
    env.run(&["chatbotkit", "revoke", &id])
        .code(2)
        .one_error_line();
    assert!(env.writes().is_empty());
    assert_eq!(stored(&env, &id).unwrap()["value"], "stays-1");
}

#[test]
fn revoke_personal_is_exit_5() {
    let env = Env::new();
    let id = env
        .emu
        .seed_chatbotkit(json!({"name": "PR", "kind": "personal"}));
    env.run(&["chatbotkit", "revoke", &id, "--yes"])
        .code(5)
        .one_error_line();
    assert!(stored(&env, &id).is_some());
}

#[test]
fn verify_authenticated() {
    let env = Env::new();
    let id = env
        .emu
        .seed_chatbotkit(json!({"name": "V", "kind": "shared", "type": "bearer", "value": "vv"}));
    let r = env.run(&["chatbotkit", "verify", &id]);
    r.ok();
    assert_eq!(r.stdout, "authenticated\n");
    let vs = env.requests(Some("POST"), "/verify");
    assert_eq!(vs.len(), 1);
    assert_eq!(vs[0].path, format!("/api/v1/secret/{id}/verify"));
}

#[test]
fn verify_unauthenticated_oauth_prints_the_url() {
    let env = Env::new();
    let id = env.emu.seed_chatbotkit(
        json!({"name": "GH", "kind": "shared", "type": "oauth", "config": {"clientId": "c"}}),
    );
    let r = env.run(&["chatbotkit", "verify", "GH"]);
    r.ok();
    let url = format!("{}/oauth/authenticate/{id}", env.url());
    assert_eq!(r.stdout, format!("unauthenticated\n{url}\n"));
    let r = env.run(&["chatbotkit", "verify", &id, "-o", "json"]);
    r.ok();
    let v = r.json();
    assert_eq!(v["status"], "unauthenticated");
    assert_eq!(v["action"]["url"], url.as_str());
}

// ---------------------------------------------------------------------------------------------
// list

#[test]
fn list_streams_every_secret_once_in_one_request() {
    let env = Env::new();
    let ids = seed_many(&env, 260);
    let r = env.run(&["chatbotkit", "list"]);
    r.ok();
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 260);
    // Newest first (the API's default order), each exactly once.
    let got: Vec<&str> = lines
        .iter()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    let want: Vec<&str> = ids.iter().rev().map(String::as_str).collect();
    assert_eq!(got, want);
    let reqs = env.emu.requests();
    assert_eq!(
        reqs.len(),
        1,
        "{:?}",
        reqs.iter().map(|r| &r.path).collect::<Vec<_>>()
    );
    assert_eq!(reqs[0].method, "GET");
    assert!(reqs[0].path.starts_with("/api/v1/secret/list"));
    assert_eq!(reqs[0].header("accept"), Some("application/jsonl"));
}

#[test]
fn list_meta_filter_is_sent_and_applied() {
    let env = Env::new();
    let a1 = env
        .emu
        .seed_chatbotkit(json!({"name": "A1", "meta": {"team": "a"}}));
    env.emu
        .seed_chatbotkit(json!({"name": "B1", "meta": {"team": "b"}}));
    let a2 = env
        .emu
        .seed_chatbotkit(json!({"name": "A2", "meta": {"team": "a", "x": "y"}}));
    env.emu.seed_chatbotkit(json!({"name": "NONE"}));
    let r = env.run(&["chatbotkit", "list", "--meta", "team=a"]);
    r.ok();
    let ids: Vec<&str> = r
        .stdout
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(ids, vec![a2.as_str(), a1.as_str()]);
    let reqs = env.requests(Some("GET"), "/secret/list");
    assert_eq!(reqs.len(), 1);
    assert!(reqs[0].path.contains("meta.team=a"), "{}", reqs[0].path);
}

#[test]
fn list_json_has_no_values() {
    let env = Env::new();
    seed_many(&env, 3);
    let r = env.run(&["chatbotkit", "list", "-o", "json"]);
    r.ok().no_leak("value-0-Rk7q").no_leak("value-1-Rk7q");
    let arr = r.json();
    let arr = arr.as_array().unwrap();
    assert_eq!(arr.len(), 3);
    assert!(arr.iter().all(|s| s.get("value").is_none()));
}

#[test]
fn list_falls_back_to_json_pages_following_the_cursor() {
    let env = Env::new();
    let ids = seed_many(&env, 250);
    let desc: Vec<String> = ids.iter().rev().cloned().collect();
    // A server that ignores the JSONL Accept header and answers with the first page.
    env.fault(Fault {
        path_contains: Some("/secret/list".into()),
        status: Some(200),
        content_type: Some("application/json".into()),
        body: Some(page(&env, &desc[..100])),
        count: 1,
        ..Default::default()
    });
    let r = env.run(&["--retries", "1", "chatbotkit", "list"]);
    r.ok();
    let got: Vec<&str> = r
        .stdout
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    let want: Vec<&str> = desc.iter().map(String::as_str).collect();
    assert_eq!(got, want, "every secret exactly once, in order");
    let reqs = env.requests(Some("GET"), "/secret/list");
    assert_eq!(
        reqs.len(),
        3,
        "{:?}",
        reqs.iter().map(|r| &r.path).collect::<Vec<_>>()
    );
    assert!(
        reqs[1].path.contains(&format!("cursor={}", desc[99])),
        "{}",
        reqs[1].path
    );
    assert!(
        reqs[2].path.contains(&format!("cursor={}", desc[199])),
        "{}",
        reqs[2].path
    );
}

#[test]
fn list_stops_with_an_error_when_the_cursor_does_not_advance() {
    let env = Env::new();
    let ids = seed_many(&env, 100);
    env.fault(Fault {
        path_contains: Some("/secret/list".into()),
        status: Some(200),
        content_type: Some("application/json".into()),
        body: Some(page(&env, &ids)),
        count: u32::MAX,
        ..Default::default()
    });
    let r = run_within(
        &env,
        &["--retries", "1", "chatbotkit", "list"],
        Duration::from_secs(30),
    );
    r.one_error_line().stderr_has("cursor");
    assert_ne!(r.code, 0);
    assert_eq!(r.code, 6, "{}", r.stderr);
    let n = env.requests(Some("GET"), "/secret/list").len();
    assert!((2..=3).contains(&n), "{n} list requests");
}

#[test]
fn list_stream_error_line_fails() {
    let env = Env::new();
    env.fault(Fault {
        path_contains: Some("/secret/list".into()),
        status: Some(200),
        content_type: Some("application/jsonl".into()),
        body: Some(
            "{\"type\":\"item\",\"data\":{\"id\":\"sec1\",\"name\":\"a\"}}\n{\"type\":\"nop\",\"data\":{}}\n{\"type\":\"error\",\"data\":{\"message\":\"boom\",\"code\":\"INTERNAL\"}}\n"
                .into(),
        ),
        ..Default::default()
    });
    let r = env.run(&["chatbotkit", "list"]);
    assert_ne!(r.code, 0);
    r.one_error_line().stderr_has("boom");
}

/// The ids (first column) of a plain `list` output, in order.
fn listed_ids(r: &Run) -> Vec<String> {
    r.stdout
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
}

/// A canned 200 answer to the next list request whose path contains `path`.
fn list_answer(path: &str, content_type: &str, body: String) -> Fault {
    Fault {
        method: Some("GET".into()),
        path_contains: Some(path.into()),
        status: Some(200),
        content_type: Some(content_type.into()),
        body: Some(body),
        count: 1,
        ..Default::default()
    }
}

/// A Content-Type the emulator cannot put in a header: the answer then has none at all.
const NO_CONTENT_TYPE: &str = "\n";

#[test]
fn list_recognises_the_stream_by_its_content_whatever_the_content_type() {
    // The first line is of a type this version does not know: still a stream.
    let body = concat!(
        "\n",
        "{\"type\":\"begin\",\"data\":{}}\n",
        "{\"type\":\"nop\",\"data\":{}}\n",
        "{\"type\":\"item\",\"data\":{\"id\":\"secsniff0001\",\"name\":\"one\",\"kind\":\"shared\"}}\n",
        "\n",
        "{\"type\":\"nop\",\"data\":{}}\n",
        "{\"type\":\"item\",\"data\":{\"id\":\"secsniff0002\",\"name\":\"two\",\"kind\":\"shared\"}}\n",
        "{\"type\":\"item\",\"data\":{\"id\":\"secsniff0003\",\"name\":\"three\",\"kind\":\"shared\"}}",
    );
    for ct in [
        "application/octet-stream",
        "text/plain; charset=utf-8",
        "application/json",
        "application/json; charset=utf-8",
        "",
        NO_CONTENT_TYPE,
    ] {
        let env = Env::new();
        env.fault(list_answer("/secret/list", ct, body.to_string()));
        let r = env.run(&["chatbotkit", "list"]);
        r.ok();
        assert_eq!(
            listed_ids(&r),
            ["secsniff0001", "secsniff0002", "secsniff0003"],
            "content type {ct:?}"
        );
        assert_eq!(
            env.requests(Some("GET"), "/secret/list").len(),
            1,
            "content type {ct:?}"
        );
    }
}

#[test]
fn list_reads_a_json_page_whatever_the_content_type() {
    for ct in [
        "application/jsonl",
        "application/x-ndjson",
        "application/octet-stream",
        "text/plain",
        NO_CONTENT_TYPE,
    ] {
        let env = Env::new();
        let ids = seed_many(&env, 3);
        let desc: Vec<String> = ids.iter().rev().cloned().collect();
        // Pretty-printed too: the first line alone is not JSON.
        let pretty: Value = serde_json::from_str(&page(&env, &desc)).unwrap();
        for body in [
            page(&env, &desc),
            serde_json::to_string_pretty(&pretty).unwrap(),
        ] {
            env.fault(list_answer("/secret/list", ct, body));
            let r = env.run(&["chatbotkit", "list"]);
            r.ok();
            assert_eq!(listed_ids(&r), desc, "content type {ct:?}");
        }
    }
}

#[test]
fn list_answers_that_are_neither_stream_nor_page_are_exit_6() {
    let html = "<!DOCTYPE html>\n<html><body>Sign in</body></html>\n";
    let cases: &[(&str, &str, &str)] = &[
        ("text/html; charset=utf-8", html, "HTML page"),
        ("text/plain", html, "HTML page"),
        (NO_CONTENT_TYPE, html, "HTML page"),
        (
            "application/octet-stream",
            "upstream reset\n",
            "not valid JSON",
        ),
        ("application/json", "", "not valid JSON"),
        (
            "application/json",
            "{\"type\":\"item\",\"data\":{\"id\":\"secx\"}}\nnot json\n",
            "line 2 of the stream",
        ),
        ("application/json", "{\"id\": \"sec1\"}", "no items list"),
    ];
    for (ct, body, says) in cases {
        let env = Env::new();
        env.fault(list_answer("/secret/list", ct, body.to_string()));
        let r = env.run(&["--retries", "0", "chatbotkit", "list"]);
        r.code(6).one_error_line().stderr_has(says);
    }
}

/// `page` without its `cursor`.
fn page_without_cursor(env: &Env, ids: &[String]) -> String {
    let mut p: Value = serde_json::from_str(&page(env, ids)).unwrap();
    p.as_object_mut().unwrap().remove("cursor");
    p.to_string()
}

#[test]
fn list_goes_on_after_a_full_page_without_a_cursor() {
    let env = Env::new();
    let ids = seed_many(&env, 150);
    let desc: Vec<String> = ids.iter().rev().cloned().collect();
    env.fault(list_answer(
        "/secret/list",
        "application/json",
        page_without_cursor(&env, &desc[..100]),
    ));
    let r = env.run(&["chatbotkit", "list"]);
    r.ok();
    assert_eq!(listed_ids(&r), desc, "every secret exactly once, in order");
    let reqs = env.requests(Some("GET"), "/secret/list");
    assert_eq!(reqs.len(), 2, "{reqs:?}");
    assert!(
        reqs[1].path.contains(&format!("cursor={}", desc[99])),
        "the last item's id is the cursor: {}",
        reqs[1].path
    );
}

#[test]
fn list_pages_that_overlap_hand_out_every_id_once() {
    let env = Env::new();
    let ids = seed_many(&env, 250);
    let desc: Vec<String> = ids.iter().rev().cloned().collect();
    // The first page, then one that starts again half-way through it.
    env.fault(list_answer(
        "/secret/list",
        "application/json",
        page(&env, &desc[..100]),
    ));
    env.fault(list_answer(
        &format!("cursor={}", desc[99]),
        "application/json",
        page(&env, &desc[50..150]),
    ));
    let r = env.run(&["chatbotkit", "list"]);
    r.ok();
    assert_eq!(listed_ids(&r), desc, "every secret exactly once, in order");
    let reqs = env.requests(Some("GET"), "/secret/list");
    assert!(
        reqs[2].path.contains(&format!("cursor={}", desc[149])),
        "{reqs:?}"
    );
}

#[test]
fn list_stuck_cursor_fails_without_repeating_an_id() {
    let env = Env::new();
    let ids = seed_many(&env, 100);
    let desc: Vec<String> = ids.iter().rev().cloned().collect();
    env.fault(Fault {
        count: u32::MAX,
        ..list_answer("/secret/list", "application/json", page(&env, &desc))
    });
    let r = run_within(&env, &["chatbotkit", "list"], Duration::from_secs(30));
    r.code(6).one_error_line().stderr_has("cursor");
    let got = listed_ids(&r);
    let unique: BTreeSet<&String> = got.iter().collect();
    assert_eq!(unique.len(), got.len(), "an id was listed twice");
}

#[test]
fn list_fails_on_a_full_page_of_ids_already_listed_under_a_new_cursor() {
    let env = Env::new();
    let ids = seed_many(&env, 100);
    let desc: Vec<String> = ids.iter().rev().cloned().collect();
    env.fault(list_answer(
        "/secret/list",
        "application/json",
        page(&env, &desc),
    ));
    let mut again: Value = serde_json::from_str(&page(&env, &desc)).unwrap();
    again["cursor"] = json!("secelsewhere0001");
    env.fault(list_answer(
        &format!("cursor={}", desc[99]),
        "application/json",
        again.to_string(),
    ));
    let r = run_within(&env, &["chatbotkit", "list"], Duration::from_secs(30));
    r.code(6)
        .one_error_line()
        .stderr_has("cursor does not advance");
    // A list that broke off prints nothing (not the first page).
    assert_eq!(r.stdout, "");
    assert_eq!(env.requests(Some("GET"), "/secret/list").len(), 2);
}

#[test]
fn list_stream_error_line_code_maps_like_an_http_status() {
    let cases: &[(Option<&str>, i32)] = &[
        (Some("NOT_AUTHENTICATED"), 4),
        (Some("NOT_AUTHORIZED"), 4),
        (Some("NOT_FOUND"), 3),
        (Some("CONFLICT"), 5),
        (Some("BAD_REQUEST"), 1),
        (Some("INTERNAL_SERVER_ERROR"), 6),
        (Some("LIMITS_REACHED"), 6),
        (None, 6),
    ];
    for (code, exit) in cases {
        let env = Env::new();
        let mut data = json!({"message": "stream went\nwrong"});
        if let Some(c) = code {
            data["code"] = json!(c);
        }
        let body = format!(
            "{}\n{}\n",
            json!({"type": "item", "data": {"id": "secfirst0001", "name": "first"}}),
            json!({"type": "error", "data": data}),
        );
        env.fault(list_answer("/secret/list", "application/jsonl", body));
        let r = env.run(&["chatbotkit", "list"]);
        r.code(*exit)
            .one_error_line()
            .stderr_has("stream went wrong");
        if let Some(c) = code {
            r.stderr_has(c);
        }
    }
}

#[test]
fn list_without_filters_sends_no_empty_query() {
    let env = Env::new();
    seed_many(&env, 2);
    let r = env.run(&["-v", "chatbotkit", "list"]);
    r.ok();
    let reqs = env.requests(Some("GET"), "/secret/list");
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].path, "/api/v1/secret/list");
    let traced = format!("> GET {}/api/v1/secret/list\n", env.url());
    r.stderr_has(&traced);
}

/// A list that breaks off part-way prints nothing on stdout: no unterminated JSON array, no
/// rows a script would take for the whole account — only the error (exit 6).
#[test]
fn a_list_that_breaks_off_prints_nothing() {
    let env = Env::new();
    let body = concat!(
        "{\"type\":\"item\",\"data\":{\"id\":\"secfirst00001\",\"name\":\"first\",\"kind\":\"shared\"}}\n",
        "{\"type\":\"item\",\"data\":{\"id\":\"secsecond0002\",\"name\":\"second\",\"kind\":\"shared\"}}\n",
        "{\"type\":\"error\",\"data\":{\"message\":\"boom\",\"code\":\"INTERNAL_SERVER_ERROR\"}}\n"
    );
    for output in ["json", "plain", "table"] {
        env.fault(Fault {
            method: Some("GET".into()),
            path_contains: Some("/secret/list".into()),
            status: Some(200),
            body: Some(body.into()),
            content_type: Some("application/jsonl".into()),
            ..Default::default()
        });
        let r = env.run(&["-o", output, "chatbotkit", "list"]);
        r.code(6).one_error_line().stderr_has("boom");
        assert_eq!(r.stdout, "", "{output}: partial output");
    }
}

// ---------------------------------------------------------------------------------------------
// endpoints, auth, errors

#[test]
fn base_url_ending_in_v1_uses_v1_paths() {
    let env = Env::new();
    let base = format!("{}/v1", env.url());
    env.emu.seed_chatbotkit(json!({"name": "X"}));
    env.run(&["chatbotkit", "--base-url", &base, "list"]).ok();
    env.run_stdin(&["chatbotkit", "create", "Y", "--base-url", &base], b"yv")
        .ok();
    let reqs = env.emu.requests();
    assert_eq!(reqs.len(), 2);
    assert!(
        reqs[0].path.starts_with("/v1/secret/list"),
        "{}",
        reqs[0].path
    );
    assert_eq!(reqs[1].path, "/v1/secret/create");
}

#[test]
fn default_origin_uses_api_v1_paths() {
    let env = Env::new();
    let id = env.emu.seed_chatbotkit(json!({"name": "X"}));
    env.run(&["chatbotkit", "get", &id]).ok();
    assert_eq!(
        env.emu.requests()[0].path,
        format!("/api/v1/secret/{id}/fetch")
    );
}

#[test]
fn cbk_api_url_is_the_second_url_variable() {
    let mut env = Env::new();
    let url = env.url();
    env.remove("CHATBOTKIT_API_URL").set("CBK_API_URL", &url);
    env.emu.seed_chatbotkit(json!({"name": "VIA_CBK_URL"}));
    env.run(&["chatbotkit", "list"])
        .ok()
        .stdout_has("VIA_CBK_URL");
    assert_eq!(env.emu.requests().len(), 1);
}

#[test]
fn chatbotkit_api_url_beats_cbk_api_url() {
    let mut env = Env::new();
    env.set("CBK_API_URL", "http://127.0.0.1:1");
    env.emu.seed_chatbotkit(json!({"name": "FIRST_WINS"}));
    env.run(&["--retries", "0", "chatbotkit", "list"])
        .ok()
        .stdout_has("FIRST_WINS");
}

#[test]
fn other_token_variables_are_used_in_order() {
    let mut env = Env::new();
    env.remove("CHATBOTKIT_API_TOKEN").set("CBK_API_KEY", TOKEN);
    env.run(&["chatbotkit", "list"]).ok();
    let mut env2 = Env::new();
    env2.remove("CHATBOTKIT_API_TOKEN")
        .set("CBK_API_TOKEN", TOKEN)
        .set("CBK_API_KEY", "wrong-token-xyz");
    env2.run(&["chatbotkit", "list"]).ok();
    assert_eq!(
        env2.emu.requests()[0].header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
}

#[test]
fn wrong_token_is_exit_4_naming_the_variable() {
    let mut env = Env::new();
    env.set("CHATBOTKIT_API_TOKEN", "wrong-token-123");
    let r = env.run(&["chatbotkit", "list"]);
    r.code(4)
        .one_error_line()
        .stderr_has("CHATBOTKIT_API_TOKEN")
        .no_leak("wrong-token-123");
    assert_eq!(env.emu.requests().len(), 1, "a 401 is not retried");
}

#[test]
fn server_409_maps_to_exit_5() {
    let env = Env::new();
    env.fault(status_fault("/secret/create", 409, 1));
    env.run_stdin(&["chatbotkit", "create", "C"], b"cv-409-Jw3x")
        .code(5)
        .one_error_line()
        .no_leak("cv-409-Jw3x");
}

#[test]
fn server_403_maps_to_exit_4() {
    let env = Env::new();
    let id = env.emu.seed_chatbotkit(json!({"name": "F"}));
    env.fault(status_fault("/fetch", 403, 1));
    env.run(&["chatbotkit", "get", &id])
        .code(4)
        .one_error_line();
}

#[test]
fn server_500_after_retries_is_exit_6() {
    let env = Env::new();
    let id = env.emu.seed_chatbotkit(json!({"name": "F"}));
    env.fault(status_fault("/fetch", 503, 10));
    env.run(&["--retries", "1", "chatbotkit", "get", &id])
        .code(6)
        .one_error_line();
    assert_eq!(env.requests(Some("GET"), "/fetch").len(), 2);
}

#[test]
fn non_json_error_body_falls_back_to_status_text() {
    let env = Env::new();
    let id = env.emu.seed_chatbotkit(json!({"name": "F"}));
    env.fault(Fault {
        path_contains: Some("/fetch".into()),
        status: Some(418),
        body: Some("<html><body>teapot</body></html>".into()),
        content_type: Some("text/html".into()),
        ..Default::default()
    });
    env.run(&["chatbotkit", "get", &id])
        .code(1)
        .one_error_line()
        .stderr_has("HTTP Error: I'm a teapot");
}

/// A pipe that stays open and empty is refused at once (never waited on, never read), and
/// nothing is sent; without it the same commands run.
#[test]
fn personal_no_value_and_keep_value_never_touch_stdin() {
    let env = Env::new();
    let limit = Duration::from_secs(20);
    let id = env
        .emu
        .seed_chatbotkit(json!({"name": "O", "kind": "shared", "type": "oauth"}));
    let update: &[&str] = &[
        "chatbotkit",
        "update",
        &id,
        "--description",
        "d",
        "--keep-value",
    ];
    let cases: [&[&str]; 3] = [
        &["chatbotkit", "create", "P", "--kind", "personal"],
        &[
            "chatbotkit",
            "create",
            "O2",
            "--type",
            "oauth",
            "--no-value",
        ],
        update,
    ];
    for args in cases {
        run_bounded(&env, args, limit, true)
            .code(2)
            .stderr_has("standard input is piped in");
    }
    assert!(env.emu.requests().is_empty());
    for args in cases {
        run_bounded(&env, args, limit, false).ok();
    }
    assert_eq!(env.cbk_by_name("O")[0]["description"], "d");
    assert_eq!(env.cbk_by_name("P")[0]["kind"], "personal");
}

#[test]
fn names_that_cannot_be_ids_in_a_path_are_found_by_name() {
    let env = Env::new();
    let dots = env.emu.seed_chatbotkit(json!({"name": ".."}));
    let slash = env.emu.seed_chatbotkit(json!({"name": "team/a key"}));
    let r = env.run(&["-o", "json", "chatbotkit", "get", ".."]);
    r.ok();
    assert_eq!(r.json()["id"], dots.as_str());
    let r = env.run(&["-o", "json", "chatbotkit", "get", "team/a key"]);
    r.ok();
    assert_eq!(r.json()["id"], slash.as_str());
    // The id look-up never escaped its path segment.
    assert!(
        env.requests_but_used_by()
            .iter()
            .all(|r| r.path.starts_with("/api/v1/secret/list")
                || r.path == "/api/v1/secret/team%2Fa%20key/fetch"),
        "{:?}",
        env.requests_but_used_by()
            .iter()
            .map(|r| &r.path)
            .collect::<Vec<_>>()
    );
    env.run(&["chatbotkit", "delete", "team/a key", "--yes"])
        .ok();
    assert!(env.cbk_by_name("team/a key").is_empty());
}

#[test]
fn revoke_without_a_stored_value_says_so() {
    let env = Env::new();
    let id = env
        .emu
        .seed_chatbotkit(json!({"name": "NV", "kind": "shared"}));
    // By id or by name, the error says the value is missing, not "Not found" (issue 25).
    for (target, line) in [
        (
            id.clone(),
            format!(
                "error: cannot revoke ChatBotKit secret '{id}': the secret has no stored value to revoke (404)\n"
            ),
        ),
        (
            "NV".to_string(),
            format!(
                "error: cannot revoke ChatBotKit secret 'NV': the secret ({id}) has no stored value to revoke (404)\n"
            ),
        ),
    ] {
        let r = env.run(&["chatbotkit", "revoke", &target, "--yes"]);
        r.code(3).one_error_line();
        assert_eq!(r.stderr, format!("{line}hint: nothing was changed\n"));
    }
    assert!(stored(&env, &id).is_some());
}

#[test]
fn get_json_is_the_api_record_with_the_client_secret_masked() {
    let env = Env::new();
    let id = env.emu.seed_chatbotkit(json!({
        "name": "OA", "kind": "shared", "type": "oauth",
        "config": {"clientId": "cid", "clientSecret": "client-secret-77"},
        "meta": {"team": "x"},
    }));
    let r = env.run(&["-o", "json", "cbk", "get", &id]);
    r.ok().no_leak("client-secret-77");
    let v = r.json();
    assert_eq!(v["id"], id.as_str());
    assert_eq!(v["config"]["clientSecret"], "********");
    assert_eq!(v["meta"], json!({"team": "x"}));
}

#[test]
fn update_config_merge_keeps_the_masked_client_secret() {
    let env = Env::new();
    let id = env.emu.seed_chatbotkit(json!({
        "name": "OA", "kind": "shared", "type": "oauth",
        "config": {"clientId": "cid", "clientSecret": "client-secret-88"},
    }));
    env.run(&[
        "chatbotkit",
        "update",
        &id,
        "--config",
        "scope=repo",
        "--keep-value",
    ])
    .ok()
    .no_leak("client-secret-88");
    let ups = env.requests(Some("POST"), "/update");
    assert_eq!(body_keys(&ups[0]), keys(&["config"]));
    let s = stored(&env, &id).unwrap();
    assert_eq!(
        s["config"],
        json!({"clientId": "cid", "clientSecret": "client-secret-88", "scope": "repo"})
    );
}

/// A taken alias is not a bare 409: the hint names the alias (issue 25).
#[test]
fn a_taken_alias_is_exit_5_naming_the_alias() {
    let env = Env::new();
    env.emu
        .seed_chatbotkit(json!({"name": "A", "kind": "shared", "alias": "db-main"}));
    let b = env
        .emu
        .seed_chatbotkit(json!({"name": "B", "kind": "shared"}));
    for args in [
        vec![
            "cbk",
            "create",
            "C",
            "--alias",
            "db-main",
            "--value-env",
            "HOME",
        ],
        vec!["cbk", "update", &b, "--alias", "db-main", "--keep-value"],
    ] {
        let r = env.run(&args);
        r.code(5).one_error_line().stderr_has(
            "hint: an alias belongs to one secret: 'db-main' may be taken by another; choose another --alias",
        );
    }
    assert_eq!(env.cbk_by_name("C").len(), 0);
}
