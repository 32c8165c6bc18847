//! Kubiya provider end to end: auth header, request bodies, what the emulator stores, output
//! formats, the three get_value formats, update semantics, delete confirmation rules,
//! awkward names in the path and base-URL handling.

use crate::support::*;

fn userkey() -> String {
    format!("UserKey {TOKEN}")
}

#[test]
fn create_and_reveal_round_trip_exact_bytes() {
    let env = Env::new();
    env.run_stdin(&["kubiya", "create", "GH_TOKEN"], b"ghp_abc123XYZ\n")
        .ok()
        .no_leak("ghp_abc123XYZ");
    assert_eq!(
        env.kubiya_value("GH_TOKEN").as_deref(),
        Some("ghp_abc123XYZ")
    );
    let r = env.run(&["kubiya", "get", "GH_TOKEN", "--reveal"]);
    r.ok();
    assert_eq!(
        r.stdout_bytes, b"ghp_abc123XYZ",
        "no newline when stdout is not a terminal"
    );
    let reqs = env.requests(None, "/secrets");
    assert!(
        reqs.iter()
            .all(|r| r.header("authorization") == Some(format!("UserKey {TOKEN}").as_str()))
    );
}

#[test]
fn every_request_carries_userkey_exactly() {
    let env = Env::new();
    env.run_stdin(&["kubiya", "create", "A"], b"v1").ok();
    env.run(&["kubiya", "get", "A"]).ok();
    env.run(&["kubiya", "get", "A", "--reveal"]).ok();
    env.run(&["kubiya", "list"]).ok();
    env.run_stdin(&["kubiya", "update", "A"], b"v2").ok();
    env.run(&[
        "kubiya",
        "update",
        "A",
        "--keep-value",
        "--description",
        "d",
    ])
    .ok();
    env.run(&["kubiya", "delete", "A", "--yes"]).ok();
    let reqs = env.emu.requests();
    // create, get + agents, get_value, list, PUT, get_value + PUT, get + agents + DELETE
    assert_eq!(reqs.len(), 11, "{reqs:#?}");
    for r in &reqs {
        assert_eq!(
            r.header("authorization"),
            Some(userkey().as_str()),
            "{} {}",
            r.method,
            r.path
        );
        assert!(
            r.path.starts_with("/api/v1/secrets") || r.path == "/api/v1/agents?mode=all",
            "{}",
            r.path
        );
    }
}

#[test]
fn create_prints_the_name_and_sends_exactly_name_value_description() {
    let env = Env::new();
    let r = env.run_stdin(
        &["kubiya", "create", "DB_PASS", "--description", "prod db"],
        b"hunter2-\xc3\xa9\n",
    );
    r.ok().no_leak("hunter2-");
    assert_eq!(r.stdout, "DB_PASS\n");
    let creates = env.requests(Some("POST"), "/secrets");
    assert_eq!(creates.len(), 1);
    assert_eq!(creates[0].path, "/api/v1/secrets");
    assert_eq!(
        creates[0].header("content-type"),
        Some("application/json"),
        "{:?}",
        creates[0].headers
    );
    assert_eq!(
        creates[0].body_json().unwrap(),
        json!({"name": "DB_PASS", "value": "hunter2-é", "description": "prod db"})
    );
    let stored = env.kubiya_secrets();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["value"], "hunter2-é");
    assert_eq!(stored[0]["description"], "prod db");

    // Without --description the key is absent, not empty.
    env.run_stdin(&["kubiya", "create", "OTHER"], b"x1\n").ok();
    let creates = env.requests(Some("POST"), "/secrets");
    assert_eq!(
        creates[1].body_json().unwrap(),
        json!({"name": "OTHER", "value": "x1"})
    );
}

#[test]
fn create_json_output_names_the_action() {
    let env = Env::new();
    let r = env.run_stdin(&["kubiya", "create", "J", "-o", "json"], b"val-Tq8s-secret");
    r.ok().no_leak("val-Tq8s-secret");
    assert_eq!(r.json(), json!({"action": "created", "name": "J"}));
}

#[test]
fn create_existing_name_is_conflict_with_update_hint() {
    let env = Env::new();
    env.emu.seed_kubiya("TAKEN", "old-value", "keep");
    let r = env.run_stdin(&["kubiya", "create", "TAKEN"], b"new-value\n");
    r.code(5)
        .one_error_line()
        .stderr_has("kubiya update")
        .no_leak("new-value")
        .no_leak("old-value");
    assert_eq!(r.stdout, "");
    assert_eq!(env.kubiya_value("TAKEN").as_deref(), Some("old-value"));
    assert_eq!(env.kubiya_secrets()[0]["description"], "keep");
    assert_eq!(env.requests(Some("POST"), "/secrets").len(), 1);
}

/// A 4xx whose own message says the name exists is a conflict; the words in the secret's
/// name never are (the error text names the secret).
#[test]
fn only_the_servers_words_make_a_4xx_a_conflict() {
    for (name, server, code) in [
        ("db already exists", "invalid secret name", 1),
        ("plain-name", "invalid secret name", 1),
        ("plain-name", "secret plain-name already exists", 5),
        (
            "db already exists",
            "Secret 'db already exists' is invalid",
            1,
        ),
        (
            "db already exists",
            "Secret 'db already exists' already exists",
            5,
        ),
        // A name that is a few letters of the words does not hide them.
        ("e", "secret e already exists", 5),
        ("read", "secret read already exists", 5),
        ("already exists", "secret already exists already exists", 5),
        ("already exists", "secret already exists is invalid", 1),
    ] {
        let env = Env::new();
        env.fault(Fault {
            method: Some("POST".into()),
            path_contains: Some("/secrets".into()),
            status: Some(422),
            body: Some(json!({ "message": server }).to_string()),
            ..Default::default()
        });
        let r = env.run_stdin(&["kubiya", "create", name], b"value-422-x");
        r.code(code).one_error_line().no_leak("value-422-x");
        assert_eq!(
            r.stderr.contains("it exists already"),
            code == 5,
            "{name:?} / {server:?}: {}",
            r.stderr
        );
        assert_eq!(env.requests(Some("POST"), "/secrets").len(), 1);
    }
}

#[test]
fn get_plain_is_one_tab_separated_line() {
    let env = Env::new();
    env.emu.seed_kubiya("GH", "s3cr3t-value", "CI token");
    let created_at = env.kubiya_secrets()[0]["created_at"]
        .as_str()
        .unwrap()
        .to_string();
    let r = env.run(&["kubiya", "get", "GH"]);
    r.ok().no_leak("s3cr3t-value");
    assert_eq!(
        r.stdout,
        format!("GH\tCI token\temulator@secretctl.local\t{created_at}\tnothing found\n")
    );
    let gets = env.requests(Some("GET"), "/secrets/GH");
    assert_eq!(gets.len(), 1);
    assert_eq!(gets[0].path, "/api/v1/secrets/GH");
}

#[test]
fn get_json_has_every_field_and_no_value() {
    let env = Env::new();
    env.emu.seed_kubiya("GH", "s3cr3t-value", "CI token");
    let stored = env.kubiya_secrets()[0].clone();
    let r = env.run(&["-o", "json", "kubiya", "get", "GH"]);
    r.ok().no_leak("s3cr3t-value");
    let v = r.json();
    assert!(v.is_object(), "{v}");
    for k in [
        "name",
        "description",
        "created_by",
        "created_at",
        "updated_at",
    ] {
        assert_eq!(v[k], stored[k], "field {k}");
    }
    assert!(v.get("value").is_none(), "{v}");
}

#[test]
fn get_missing_is_exit_3() {
    let env = Env::new();
    let r = env.run(&["kubiya", "get", "NOPE"]);
    r.code(3).one_error_line().stderr_has("NOPE");
    assert_eq!(r.stdout, "");
    let r = env.run(&["kubiya", "get", "NOPE", "--reveal"]);
    r.code(3).one_error_line();
    assert_eq!(r.stdout, "");
}

fn reveal_with(format: Option<KubiyaValueFormat>, version: &str, value: &str) {
    let mut env = Env::new();
    env.emu.set_kubiya_value_format(format);
    let base = format!("{}/api/{version}", env.url());
    env.set("KUBIYA_BASE_URL", &base);
    env.emu.seed_kubiya("V", value, "");
    let r = env.run(&["kubiya", "get", "V", "--reveal"]);
    r.ok();
    assert_eq!(
        r.stdout_bytes,
        value.as_bytes(),
        "format {format:?} via {version}: {:?}",
        r.stdout
    );
    let reqs = env.requests(Some("GET"), "/get_value/");
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].path, format!("/api/{version}/secrets/get_value/V"));
}

#[test]
fn reveal_each_get_value_format_exact_bytes() {
    let values = [
        "plain",
        "with spaces and \"quotes\" and \t tab",
        "ünïcødé 日本 🔑",
        "ends with newline\n",
        "multi\nline\r\nvalue\n\n",
    ];
    for f in [
        KubiyaValueFormat::Object,
        KubiyaValueFormat::Base64String,
        KubiyaValueFormat::RawText,
    ] {
        for v in values {
            reveal_with(Some(f), "v1", v);
        }
    }
}

/// `text/plain` is the server's word that the body is raw: it is the value byte for byte, even
/// when it is JSON — `{"value":"inner"}` and `"quoted"` included (issue 13: they used to be
/// unwrapped, and --keep-value wrote the altered value back).
#[test]
fn raw_text_is_kept_exactly_even_when_it_looks_like_json() {
    for v in [
        r#"{"other":1}"#,
        "[1, 2]",
        "null",
        "{not json",
        r#"{"value":"inner"}"#,
        r#""quoted""#,
        r#""c2VjcmV0""#,
        "12",
        " spaced \n",
    ] {
        reveal_with(Some(KubiyaValueFormat::RawText), "v1", v);
        let env = Env::new();
        env.emu
            .set_kubiya_value_format(Some(KubiyaValueFormat::RawText));
        env.emu.seed_kubiya("J", v, "old");
        env.run(&[
            "kubiya",
            "update",
            "J",
            "--keep-value",
            "--description",
            "d",
        ])
        .ok();
        assert_eq!(
            env.kubiya_value("J").as_deref(),
            Some(v),
            "keep-value of {v}"
        );
    }
    let env = Env::new();
    env.emu.seed_kubiya("demo", "orig-123-value", "old");
    env.fault(Fault {
        method: Some("GET".into()),
        path_contains: Some("/get_value/demo".into()),
        status: Some(200),
        body: Some(r#"{"value":"orig-123-value"}"#.into()),
        content_type: Some("text/plain; charset=utf-8".into()),
        count: 2,
        ..Default::default()
    });
    let r = env.run(&["kubiya", "get", "demo", "--reveal"]);
    r.ok();
    assert_eq!(r.stdout, r#"{"value":"orig-123-value"}"#);
}

/// Where the reading is ambiguous — no Content-Type and a body that is JSON but no value
/// form, or a JSON string that is not base64 — `get --reveal` is exit 6 printing nothing and
/// `--keep-value` sends nothing.
#[test]
fn an_ambiguous_get_value_answer_is_refused_and_never_re_sent() {
    for (body, ct, says) in [
        ("12", "", "could be the raw value or JSON"),
        (r#"{"other":"x"}"#, "", "could be the raw value or JSON"),
        (
            "[1]",
            "application/octet-stream",
            "could be the raw value or JSON",
        ),
        (r#""not base64!""#, "application/json", "not base64"),
        (r#""quoted""#, "", "not base64"),
    ] {
        let env = Env::new();
        env.emu.seed_kubiya("A", "stored-value-Hq2v", "old");
        env.fault(Fault {
            method: Some("GET".into()),
            path_contains: Some("/get_value/A".into()),
            status: Some(200),
            body: Some(body.into()),
            content_type: Some(ct.into()),
            count: u32::MAX,
            ..Default::default()
        });
        let r = env.run(&["kubiya", "get", "A", "--reveal"]);
        r.code(6).one_error_line().stderr_has(says);
        assert_eq!(r.stdout, "", "{body} {ct}");
        let r = env.run(&[
            "kubiya",
            "update",
            "A",
            "--keep-value",
            "--description",
            "d",
        ]);
        r.code(6).one_error_line().stderr_has(says);
        assert!(env.writes().is_empty(), "{body}: {:?}", env.writes());
        assert_eq!(env.kubiya_value("A").as_deref(), Some("stored-value-Hq2v"));
    }
}

/// A get_value answer declared JSON that holds no value (a proxy's or another API's JSON) is
/// never printed as the value nor re-sent by --keep-value.
#[test]
fn declared_json_without_a_value_is_exit_6_and_nothing_is_re_sent() {
    for body in [r#"{"value":null}"#, r#"{"status":"ok"}"#, "[]", "42"] {
        let env = Env::new();
        env.emu.seed_kubiya("J", "stored-value-Hq2v", "old");
        let answer = Fault {
            method: Some("GET".into()),
            path_contains: Some("/get_value/J".into()),
            status: Some(200),
            body: Some(body.into()),
            count: u32::MAX,
            ..Default::default()
        };
        env.fault(answer);
        let r = env.run(&["kubiya", "get", "J", "--reveal"]);
        r.code(6).one_error_line().stderr_has("holds no value");
        assert_eq!(r.stdout, "", "{body}");
        let r = env.run(&[
            "kubiya",
            "update",
            "J",
            "--keep-value",
            "--description",
            "d",
        ]);
        r.code(6).one_error_line().stderr_has("holds no value");
        assert!(env.writes().is_empty(), "{body}: {:?}", env.writes());
        assert_eq!(env.kubiya_value("J").as_deref(), Some("stored-value-Hq2v"));
    }
}

#[test]
fn reveal_via_v2_defaults_to_base64_string() {
    for v in ["s3cr3t", "a\nb\n", "日本"] {
        reveal_with(None, "v2", v);
    }
}

#[test]
fn reveal_of_value_created_with_keep_newline_keeps_it() {
    let env = Env::new();
    env.run_stdin(&["kubiya", "create", "NL", "--keep-newline"], b"line one\n")
        .ok();
    assert_eq!(env.kubiya_value("NL").as_deref(), Some("line one\n"));
    let r = env.run(&["kubiya", "get", "NL", "--reveal"]);
    r.ok();
    assert_eq!(r.stdout_bytes, b"line one\n");
    // Without --keep-newline exactly one trailing newline is dropped.
    env.run_stdin(&["kubiya", "create", "NL2"], b"two\n\n").ok();
    assert_eq!(env.kubiya_value("NL2").as_deref(), Some("two\n"));
}

#[test]
fn update_with_piped_value_keeps_description() {
    let env = Env::new();
    env.emu.seed_kubiya("U", "old-value", "desc");
    let r = env.run_stdin(&["kubiya", "update", "U"], b"new-value\n");
    r.ok().no_leak("new-value");
    assert_eq!(r.stdout, "U\n");
    assert_eq!(env.kubiya_value("U").as_deref(), Some("new-value"));
    assert_eq!(env.kubiya_secrets()[0]["description"], "desc");
    let puts = env.requests(Some("PUT"), "/secrets/U");
    assert_eq!(puts.len(), 1);
    assert_eq!(puts[0].path, "/api/v1/secrets/U");
    assert_eq!(puts[0].body_json().unwrap(), json!({"value": "new-value"}));
    // No read-back was needed.
    assert!(env.requests(Some("GET"), "/get_value/").is_empty());
}

#[test]
fn update_value_and_description_together() {
    let env = Env::new();
    env.emu.seed_kubiya("U", "old", "desc");
    env.run_stdin(&["kubiya", "update", "U", "--description", "new d"], b"nv")
        .ok();
    assert_eq!(env.kubiya_value("U").as_deref(), Some("nv"));
    assert_eq!(env.kubiya_secrets()[0]["description"], "new d");
    let puts = env.requests(Some("PUT"), "/secrets/U");
    assert_eq!(
        puts[0].body_json().unwrap(),
        json!({"value": "nv", "description": "new d"})
    );
}

#[test]
fn update_keep_value_reads_back_and_resends_unchanged() {
    for format in [
        KubiyaValueFormat::Object,
        KubiyaValueFormat::Base64String,
        KubiyaValueFormat::RawText,
    ] {
        let env = Env::new();
        env.emu.set_kubiya_value_format(Some(format));
        let value = "keep me exactly\n  é ";
        env.emu.seed_kubiya("K", value, "old description");
        let r = env.run(&[
            "kubiya",
            "update",
            "K",
            "--description",
            "new description",
            "--keep-value",
        ]);
        r.ok().no_leak("keep me exactly");
        assert_eq!(r.stdout, "K\n");
        assert_eq!(env.kubiya_value("K").as_deref(), Some(value), "{format:?}");
        assert_eq!(env.kubiya_secrets()[0]["description"], "new description");
        let reads = env.requests(Some("GET"), "/secrets/get_value/K");
        assert_eq!(reads.len(), 1, "{format:?}");
        let puts = env.requests(Some("PUT"), "/secrets/K");
        assert_eq!(puts.len(), 1);
        assert_eq!(
            puts[0].body_json().unwrap(),
            json!({"value": value, "description": "new description"})
        );
    }
}

#[test]
fn update_keep_value_on_missing_secret_is_exit_3_and_no_put() {
    let env = Env::new();
    env.run(&[
        "kubiya",
        "update",
        "GONE",
        "--keep-value",
        "--description",
        "d",
    ])
    .code(3)
    .one_error_line();
    assert!(env.writes().is_empty());
}

#[test]
fn update_with_empty_piped_stdin_is_exit_2_and_sends_nothing() {
    let env = Env::new();
    env.emu.seed_kubiya("U", "old", "desc");
    for input in [&b""[..], b"\n", b"\r\n"] {
        let r = env.run_stdin(&["kubiya", "update", "U"], input);
        r.code(2).one_error_line().stderr_has("--keep-value");
    }
    // stdin from /dev/null is empty too
    env.run(&["kubiya", "update", "U", "--description", "x"])
        .code(2)
        .stderr_has("--keep-value");
    assert!(env.emu.requests().is_empty(), "{:#?}", env.emu.requests());
    assert_eq!(env.kubiya_value("U").as_deref(), Some("old"));
    assert_eq!(env.kubiya_secrets()[0]["description"], "desc");
}

#[test]
fn update_with_nothing_to_change_is_exit_2() {
    let env = Env::new();
    env.emu.seed_kubiya("U", "old", "desc");
    let r = env.run(&["kubiya", "update", "U", "--keep-value"]);
    r.code(2).one_error_line().stderr_has("nothing");
    assert!(env.emu.requests().is_empty(), "{:#?}", env.emu.requests());
}

#[test]
fn update_refuses_empty_value_and_oversize_before_sending() {
    let env = Env::new();
    env.emu.seed_kubiya("U", "old", "");
    let big = vec![b'x'; 1024 * 1024 + 1];
    env.run_stdin(&["kubiya", "update", "U"], &big).code(2);
    assert!(env.emu.requests().is_empty());
}

#[test]
fn delete_yes_removes_it_and_prints_the_name() {
    let env = Env::new();
    env.emu.seed_kubiya("D", "v", "");
    env.emu.seed_kubiya("KEEP", "v", "");
    let r = env.run(&["kubiya", "delete", "D", "--yes"]);
    r.ok();
    assert_eq!(r.stdout, "D\n");
    let names: Vec<_> = env
        .kubiya_secrets()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, vec!["KEEP"]);
    let dels = env.requests(Some("DELETE"), "/secrets/");
    assert_eq!(dels.len(), 1);
    assert_eq!(dels[0].path, "/api/v1/secrets/D");
    // -y and -o json
    env.emu.seed_kubiya("E", "v", "");
    let r = env.run(&["kubiya", "delete", "E", "-y", "-o", "json"]);
    r.ok();
    assert_eq!(r.json(), json!({"action": "deleted", "name": "E"}));
}

#[test]
fn delete_missing_is_3_or_0_with_ignore_missing() {
    let env = Env::new();
    let r = env.run(&["kubiya", "delete", "NOPE", "--yes"]);
    r.code(3).one_error_line();
    assert_eq!(r.stdout, "");
    let r = env.run(&["kubiya", "delete", "NOPE", "--yes", "--ignore-missing"]);
    r.ok();
    assert!(!r.stderr.contains("error:"), "{}", r.stderr);
    // The look-up before the delete found it missing: no delete was sent.
    assert!(env.requests(Some("DELETE"), "/secrets/NOPE").is_empty());
    // --force sends the delete at once, and its 404 is the same answer.
    env.run(&["kubiya", "delete", "NOPE", "--yes", "--force"])
        .code(3);
    env.run(&[
        "kubiya",
        "delete",
        "NOPE",
        "--yes",
        "--force",
        "--ignore-missing",
    ])
    .ok();
    assert_eq!(env.requests(Some("DELETE"), "/secrets/NOPE").len(), 2);
}

#[test]
fn delete_without_terminal_and_without_yes_is_exit_2_and_keeps_it() {
    let env = Env::new();
    env.emu.seed_kubiya("D", "v", "");
    let r = env.run(&["kubiya", "delete", "D"]);
    r.code(2).one_error_line().stderr_has("--yes");
    assert_eq!(env.kubiya_value("D").as_deref(), Some("v"));
    assert!(env.writes().is_empty());
    // Piped stdin is not a terminal either.
    env.run_stdin(&["kubiya", "delete", "D"], b"y\n").code(2);
    assert_eq!(env.kubiya_value("D").as_deref(), Some("v"));
    assert!(env.writes().is_empty());
}

#[test]
fn list_plain_is_tab_separated_without_header() {
    let env = Env::new();
    env.emu.seed_kubiya("B", "vb-Hn5w-value", "second");
    env.emu.seed_kubiya("A", "va-Hn5w-value", "first");
    let recs = env.kubiya_secrets();
    let r = env.run(&["kubiya", "list"]);
    r.ok().no_leak("va-Hn5w-value").no_leak("vb-Hn5w-value");
    let mut want = String::new();
    for s in &recs {
        want.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            s["name"].as_str().unwrap(),
            s["description"].as_str().unwrap(),
            s["created_by"].as_str().unwrap(),
            s["created_at"].as_str().unwrap()
        ));
    }
    let mut got: Vec<&str> = r.stdout.lines().collect();
    got.sort();
    let mut want: Vec<&str> = want.lines().collect();
    want.sort();
    assert_eq!(got, want);
    let lists = env.requests(Some("GET"), "/secrets");
    assert_eq!(lists.len(), 1);
    assert_eq!(lists[0].path, "/api/v1/secrets");
}

#[test]
fn list_json_is_a_bare_array_of_records_without_values() {
    let env = Env::new();
    let r = env.run(&["kubiya", "list", "-o", "json"]);
    r.ok();
    assert_eq!(r.json(), json!([]));
    env.emu.seed_kubiya("A", "value-a-Hn5w", "da");
    env.emu.seed_kubiya("B", "value-b-Hn5w", "db");
    let r = env.run(&["kubiya", "list", "-o", "json"]);
    r.ok().no_leak("value-a-Hn5w").no_leak("value-b-Hn5w");
    let v = r.json();
    let arr = v.as_array().expect("a bare array");
    assert_eq!(arr.len(), 2);
    let mut names: Vec<_> = arr.iter().map(|s| s["name"].as_str().unwrap()).collect();
    names.sort();
    assert_eq!(names, ["A", "B"]);
    for s in arr {
        assert!(s.get("value").is_none(), "{s}");
        assert_eq!(s["created_by"], "emulator@secretctl.local");
    }
}

#[test]
fn list_table_has_a_header() {
    let env = Env::new();
    env.emu.seed_kubiya("ALPHA", "v", "the alpha");
    let r = env.run(&["kubiya", "list", "-o", "table"]);
    r.ok();
    let mut lines = r.stdout.lines();
    let header: Vec<&str> = lines.next().unwrap().split_whitespace().collect();
    assert_eq!(
        header,
        ["NAME", "DESCRIPTION", "CREATED_BY", "CREATED_AT"],
        "{}",
        r.stdout
    );
    let row = lines.next().unwrap();
    assert!(row.contains("ALPHA") && row.contains("the alpha"), "{row}");
    // Plain output has no header.
    let r = env.run(&["kubiya", "list", "-o", "plain"]);
    assert!(r.stdout.starts_with("ALPHA\t"), "{}", r.stdout);
}

/// (name, its single percent-encoded path segment)
const AWKWARD: &[(&str, &str)] = &[
    ("with space", "with%20space"),
    ("a/b", "a%2Fb"),
    ("100%", "100%25"),
    ("what?", "what%3F"),
    ("#hash", "%23hash"),
    ("a+b", "a%2Bb"),
    ("café", "caf%C3%A9"),
    ("日本", "%E6%97%A5%E6%9C%AC"),
    ("say \"hi\"", "say%20%22hi%22"),
    ("it's", "it%27s"),
    ("a&b=c;d", "a%26b%3Dc%3Bd"),
    ("...", "..."),
];

#[test]
fn awkward_names_round_trip_as_one_encoded_segment() {
    let env = Env::new();
    for (name, seg) in AWKWARD {
        let value = format!("value of {name}");
        env.emu.clear_requests();
        env.run_stdin(
            &["kubiya", "create", name, "--description", "d"],
            value.as_bytes(),
        )
        .ok();
        assert_eq!(
            env.kubiya_value(name).as_deref(),
            Some(value.as_str()),
            "{name}"
        );
        let creates = env.requests(Some("POST"), "/secrets");
        assert_eq!(creates[0].body_json().unwrap()["name"], *name);

        let r = env.run(&["kubiya", "get", name]);
        r.ok();
        assert!(
            r.stdout.starts_with(&format!("{name}\td\t")),
            "{}",
            r.stdout
        );
        let r = env.run(&["kubiya", "get", name, "--reveal"]);
        r.ok();
        assert_eq!(r.stdout, value);
        env.run_stdin(&["kubiya", "update", name], b"changed").ok();
        assert_eq!(env.kubiya_value(name).as_deref(), Some("changed"), "{name}");
        env.run(&["kubiya", "delete", name, "--yes"]).ok();
        assert!(env.kubiya_value(name).is_none(), "{name} still stored");

        let paths: Vec<(String, String)> = env
            .requests_but_used_by()
            .into_iter()
            .map(|r| (r.method, r.path))
            .collect();
        let want: Vec<(String, String)> = [
            ("POST", "/api/v1/secrets".to_string()),
            ("GET", format!("/api/v1/secrets/{seg}")),
            ("GET", format!("/api/v1/secrets/get_value/{seg}")),
            ("PUT", format!("/api/v1/secrets/{seg}")),
            ("GET", format!("/api/v1/secrets/{seg}")),
            ("DELETE", format!("/api/v1/secrets/{seg}")),
        ]
        .into_iter()
        .map(|(m, p)| (m.to_string(), p))
        .collect();
        assert_eq!(paths, want, "{name}");
    }
    assert!(env.kubiya_secrets().is_empty());
}

#[test]
fn dot_names_are_refused_before_sending() {
    let env = Env::new();
    for name in [".", ".."] {
        env.run_stdin(&["kubiya", "create", name], b"v").code(2);
        env.run(&["kubiya", "get", name]).code(2).one_error_line();
        env.run(&["kubiya", "get", name, "--reveal"]).code(2);
        env.run_stdin(&["kubiya", "update", name], b"v").code(2);
        env.run(&["kubiya", "delete", name, "--yes"]).code(2);
    }
    env.run(&["kubiya", "get", ""]).code(2);
    assert!(env.emu.requests().is_empty(), "{:#?}", env.emu.requests());
    assert!(env.kubiya_secrets().is_empty());
}

#[test]
fn bare_origin_base_url_gets_api_v1() {
    for base in ["", "/"] {
        let mut env = Env::new();
        let url = format!("{}{base}", env.url());
        env.set("KUBIYA_BASE_URL", &url);
        env.emu.seed_kubiya("A", "v", "");
        env.run(&["kubiya", "list"]).ok().stdout_has("A\t");
        env.run(&["kubiya", "get", "A"]).ok();
        let paths: Vec<String> = env
            .requests_but_used_by()
            .into_iter()
            .map(|r| r.path)
            .collect();
        assert_eq!(paths, ["/api/v1/secrets", "/api/v1/secrets/A"]);
    }
}

#[test]
fn base_url_flag_after_the_command_wins_over_env() {
    let mut env = Env::new();
    // The environment points nowhere useful; the flag must win.
    env.set("KUBIYA_BASE_URL", "http://127.0.0.1:9/api/v1");
    env.emu.seed_kubiya("A", "v", "");
    let v2 = format!("{}/api/v2", env.url());
    env.run(&["kubiya", "list", "--base-url", &v2])
        .ok()
        .stdout_has("A\t");
    env.run(&["kubiya", "--base-url", &v2, "get", "A", "--reveal"])
        .ok();
    let origin = env.url();
    env.run(&["kubiya", "get", "A", "--base-url", &origin]).ok();
    let paths: Vec<String> = env
        .requests_but_used_by()
        .into_iter()
        .map(|r| r.path)
        .collect();
    assert_eq!(
        paths,
        [
            "/api/v2/secrets",
            "/api/v2/secrets/get_value/A",
            "/api/v1/secrets/A"
        ]
    );
}

#[test]
fn plain_http_to_a_remote_host_is_refused() {
    let env = Env::new();
    let r = env.run(&[
        "kubiya",
        "list",
        "--base-url",
        "http://api.kubiya.ai/api/v1",
    ]);
    r.code(2).one_error_line();
    assert!(env.emu.requests().is_empty());
}

#[test]
fn missing_key_is_exit_4_naming_the_variable() {
    let mut env = Env::new();
    env.remove("KUBIYA_API_KEY");
    let r = env.run(&["kubiya", "list"]);
    r.code(4).stderr_has("KUBIYA_API_KEY");
    assert!(env.emu.requests().is_empty());
}

#[test]
fn non_utf8_value_needs_base64_and_base64_sends_the_encoding() {
    let env = Env::new();
    env.run_stdin(&["kubiya", "create", "BIN"], b"\xff\x00\x01")
        .code(2)
        .stderr_has("--base64");
    assert!(env.emu.requests().is_empty());
    env.run_stdin(&["kubiya", "create", "BIN", "--base64"], b"\xff\x00\x01")
        .ok();
    assert_eq!(env.kubiya_value("BIN").as_deref(), Some("/wAB"));
}

/// An unaddressable name is refused before any value is read (on a terminal, before the
/// prompt): with empty stdin the error is about the name, not the value.
#[test]
fn dot_names_are_refused_before_the_value_is_read() {
    let env = Env::new();
    for name in [".", ".."] {
        env.run_stdin(&["kubiya", "create", name], b"")
            .code(2)
            .stderr_has("cannot be used as a secret name");
    }
    assert!(env.emu.requests().is_empty());
}

/// A 404 that is not the Kubiya API's own not-found — an HTML page from a proxy, or the API's
/// error object for a name its list shows — is an endpoint error (exit 6), never "missing":
/// `--ignore-missing` does not turn it into success, `get` is not exit 3, and sync neither
/// plans a create from it nor sends anything.
#[test]
fn a_404_that_is_not_the_apis_own_is_an_endpoint_error_everywhere() {
    let html = |method: &str, path: &str| Fault {
        method: Some(method.into()),
        path_contains: Some(path.into()),
        status: Some(404),
        body: Some("<html>nginx 404</html>".into()),
        content_type: Some("text/html".into()),
        count: u32::MAX,
        ..Default::default()
    };
    let api_404 = |method: &str, path: &str| Fault {
        method: Some(method.into()),
        path_contains: Some(path.into()),
        status: Some(404),
        body: Some(r#"{"error":"Not Found","message":"secret not found"}"#.into()),
        count: u32::MAX,
        ..Default::default()
    };
    for fault in [html as fn(&str, &str) -> Fault, api_404] {
        let env = Env::new();
        env.emu.seed_kubiya("HOLD_A", "value-a-1", "");
        env.fault(fault("DELETE", "/api/v1/secrets/HOLD_A"));
        env.fault(fault("GET", "/api/v1/secrets/HOLD_A"));
        env.fault(fault("GET", "/secrets/get_value/HOLD_A"));
        env.fault(fault("PUT", "/api/v1/secrets/HOLD_A"));
        let r = env.run(&[
            "kubiya",
            "delete",
            "HOLD_A",
            "--yes",
            "--force",
            "--ignore-missing",
            "-o",
            "json",
        ]);
        r.code(6).one_error_line();
        assert!(!r.stdout.contains("missing"), "{}", r.stdout);
        env.run(&["kubiya", "get", "HOLD_A"])
            .code(6)
            .one_error_line();
        env.run(&["kubiya", "get", "HOLD_A", "--reveal"]).code(6);
        env.run_stdin(&["kubiya", "update", "HOLD_A"], b"value-a-2")
            .code(6);
        let src = env.write("hold.env", b"HOLD_A=value-a-3\n");
        let r = env.run(&["kubiya", "sync", src.to_str().unwrap(), "--yes"]);
        r.code(6);
        assert!(!r.stderr.contains("planned as create"), "{}", r.stderr);
        assert!(env.requests(Some("POST"), "/secrets").is_empty());
        assert_eq!(env.kubiya_value("HOLD_A").as_deref(), Some("value-a-1"));
    }
    // The API's own not-found for a name the list lacks is still "missing".
    let env = Env::new();
    let r = env.run(&[
        "kubiya",
        "delete",
        "NOPE_A",
        "--yes",
        "--ignore-missing",
        "-o",
        "json",
    ]);
    r.ok();
    assert_eq!(r.json()["action"], "missing", "{}", r.stdout);
    env.run(&["kubiya", "get", "NOPE_A"]).code(3);
}
