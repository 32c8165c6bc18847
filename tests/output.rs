use crate::support::*;

use std::io::{BufRead, BufReader, Read};
use std::process::Stdio;

/// The JSON object `-o json` adds on stderr after the `error:` line.
fn json_error(r: &Run) -> Value {
    let line = r
        .stderr
        .lines()
        .find(|l| l.starts_with('{'))
        .unwrap_or_else(|| panic!("no JSON error object on stderr:\n{}", r.stderr));
    serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"))
}

#[test]
fn plain_list_is_tab_separated_without_header() {
    let env = Env::new();
    env.emu.seed_kubiya("ALPHA", "a-value-Gd6y", "first one");
    env.emu.seed_kubiya("BETA", "b-value-Gd6y", "");
    let r = env.run(&["kubiya", "list"]);
    r.ok().no_leak("a-value-Gd6y").no_leak("b-value-Gd6y");
    let rows: Vec<Vec<&str>> = r.stdout.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 2, "{}", r.stdout);
    assert_eq!(
        rows[0][..3],
        ["ALPHA", "first one", "emulator@secretctl.local"]
    );
    assert_eq!(rows[1][..3], ["BETA", "", "emulator@secretctl.local"]);
    assert!(rows.iter().all(|r| r.len() == 4 && !r[3].is_empty()));
    assert_eq!(r.stderr, "");
}

#[test]
fn plain_chatbotkit_list_columns() {
    let env = Env::new();
    let id = env.emu.seed_chatbotkit(json!({
        "name": "N", "type": "bearer", "kind": "shared", "visibility": "private",
        "description": "d e", "value": "hidden-val",
    }));
    let r = env.run(&["-o", "plain", "chatbotkit", "list"]);
    r.ok().no_leak("hidden-val");
    assert_eq!(r.stdout, format!("{id}\tN\tbearer\tshared\tprivate\td e\n"));
}

#[test]
fn table_output_has_a_header_and_plain_is_the_default_off_terminal() {
    let env = Env::new();
    env.emu.seed_kubiya("ALPHA", "v", "desc");
    let r = env.run(&["-o", "table", "kubiya", "list"]);
    r.ok();
    let first = r.stdout.lines().next().unwrap();
    for col in ["NAME", "DESCRIPTION", "CREATED_BY", "CREATED_AT"] {
        assert!(first.contains(col), "{first}");
    }
    assert!(r.stdout.lines().nth(1).unwrap().contains("ALPHA"));
    assert!(!r.stdout.contains('\t'));
    let plain = env.run(&["kubiya", "list"]);
    assert!(!plain.stdout.contains("NAME"), "{}", plain.stdout);
}

#[test]
fn json_list_is_an_array_of_the_api_records() {
    let env = Env::new();
    env.emu.seed_kubiya("ALPHA", "alpha-value", "d1");
    env.emu.seed_kubiya("BETA", "beta-value", "d2");
    let r = env.run(&["kubiya", "list", "-o", "json"]);
    r.ok().no_leak("alpha-value");
    let v = r.json();
    let arr = v.as_array().expect("an array");
    assert_eq!(arr.len(), 2);
    assert_eq!(arr[0]["name"], "ALPHA");
    assert_eq!(arr[0]["description"], "d1");
    assert_eq!(arr[1]["name"], "BETA");
    assert!(arr.iter().all(|s| s.get("value").is_none()));

    let id = env
        .emu
        .seed_chatbotkit(json!({"name": "C", "meta": {"k": "v"}}));
    let r = env.run(&["-o", "json", "chatbotkit", "list"]);
    r.ok();
    let v = r.json();
    assert_eq!(v.as_array().unwrap().len(), 1);
    assert_eq!(v[0]["id"], id.as_str());
    assert_eq!(v[0]["meta"], json!({"k": "v"}));
}

#[test]
fn json_list_is_an_empty_array_when_there_is_nothing() {
    let env = Env::new();
    let r = env.run(&["-o", "json", "kubiya", "list"]);
    r.ok();
    assert_eq!(r.stdout.trim(), "[]");
    assert_eq!(r.json(), json!([]));
    let r = env.run(&["-o", "json", "chatbotkit", "list"]);
    r.ok();
    assert_eq!(r.json(), json!([]));
    // Plain: nothing at all.
    let r = env.run(&["kubiya", "list"]);
    r.ok();
    assert_eq!(r.stdout, "");
}

#[test]
fn json_get_is_one_object_without_value() {
    let env = Env::new();
    env.emu.seed_kubiya("G", "g-value-Gd6y", "gd");
    let r = env.run(&["-o", "json", "kubiya", "get", "G"]);
    r.ok().no_leak("g-value-Gd6y");
    let v = r.json();
    assert_eq!(v["name"], "G");
    assert_eq!(v["description"], "gd");
    assert!(v.get("value").is_none());
}

#[test]
fn json_errors_add_an_error_object_on_stderr() {
    let env = Env::new();
    let r = env.run(&["-o", "json", "kubiya", "get", "NOPE"]);
    r.code(3).one_error_line();
    assert_eq!(r.stdout, "");
    let e = json_error(&r);
    assert_eq!(e["error"]["code"], 3);
    assert!(
        e["error"]["message"].as_str().unwrap().contains("NOPE"),
        "{e}"
    );

    // A usage error before anything is sent.
    let r = env.run(&["chatbotkit", "get", "X", "--reveal", "-o", "json"]);
    r.code(2).one_error_line();
    let e = json_error(&r);
    assert_eq!(e["error"]["code"], 2);
    assert!(e["error"]["message"].is_string());

    // A conflict.
    env.emu.seed_kubiya("DUP", "v", "");
    let r = env.run_stdin(&["kubiya", "create", "DUP", "-o", "json"], b"dup-val-Gd6y");
    r.code(5).no_leak("dup-val-Gd6y");
    assert_eq!(json_error(&r)["error"]["code"], 5);
}

#[test]
fn without_json_errors_have_no_json_object() {
    let env = Env::new();
    let r = env.run(&["kubiya", "get", "NOPE"]);
    r.code(3).one_error_line();
    assert!(
        !r.stderr.lines().any(|l| l.starts_with('{')),
        "{}",
        r.stderr
    );
}

#[test]
fn control_characters_from_the_server_are_escaped() {
    let env = Env::new();
    let id = env.emu.seed_chatbotkit(json!({
        "name": "evil\u{1b}[31mred\tname",
        "description": "line1\nline2\u{7}",
        "kind": "shared",
    }));
    for args in [
        vec!["chatbotkit", "list"],
        vec!["chatbotkit", "get", id.as_str()],
        vec!["-o", "table", "chatbotkit", "list"],
        vec!["-o", "table", "chatbotkit", "get", id.as_str()],
    ] {
        let r = env.run(&args);
        r.ok();
        assert!(!r.stdout.contains('\u{1b}'), "{args:?}: {:?}", r.stdout);
        assert!(!r.stdout.contains('\u{7}'), "{args:?}: {:?}", r.stdout);
        assert!(
            r.stdout.contains("evil\\u{1b}[31mred\\tname"),
            "{args:?}: {:?}",
            r.stdout
        );
        assert!(
            r.stdout.contains("line1\\nline2\\u{7}"),
            "{args:?}: {:?}",
            r.stdout
        );
    }
    // Plain stays one line with exactly six fields.
    let r = env.run(&["chatbotkit", "list"]);
    assert_eq!(r.stdout.lines().count(), 1);
    assert_eq!(r.stdout.trim_end_matches('\n').split('\t').count(), 6);
    // JSON escapes them the JSON way and keeps the exact text.
    let r = env.run(&["-o", "json", "chatbotkit", "list"]);
    assert!(!r.stdout.contains('\u{1b}'));
    assert_eq!(r.json()[0]["name"], "evil\u{1b}[31mred\tname");
}

#[test]
fn control_characters_in_names_are_escaped_in_errors() {
    let env = Env::new();
    let r = env.run(&["kubiya", "get", "bad\u{1b}[2Jname"]);
    r.code(3).one_error_line();
    assert!(!r.stderr.contains('\u{1b}'), "{:?}", r.stderr);
    r.stderr_has("bad\\u{1b}[2Jname");
}

#[test]
fn messages_go_to_stderr_and_stdout_carries_only_data() {
    let env = Env::new();
    // Nothing to list in a table: a note on stderr, nothing on stdout.
    let r = env.run(&["-o", "table", "kubiya", "list"]);
    r.ok().stderr_has("no Kubiya secrets");
    assert_eq!(r.stdout, "");
    // A create prints the name only.
    let r = env.run_stdin(&["kubiya", "create", "S"], b"sv");
    r.ok();
    assert_eq!(r.stdout, "S\n");
    // Errors leave stdout empty.
    let r = env.run(&["kubiya", "delete", "NOPE", "--yes"]);
    r.code(3);
    assert_eq!(r.stdout, "");
    // Traces go to stderr too.
    let r = env.run(&["-v", "kubiya", "list"]);
    r.ok().stderr_has("> GET ").stderr_has("< 200");
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);
    assert!(r.stdout.starts_with("S\t"), "{}", r.stdout);
}

#[test]
fn broken_pipe_exits_quietly() {
    let env = Env::new();
    for i in 0..3000 {
        env.emu.seed_chatbotkit(json!({
            "name": format!("secret-{i:05}"),
            "description": "a description long enough to fill the pipe quickly",
            "kind": "shared",
        }));
    }
    for fmt in ["plain", "json"] {
        let mut c = env.command();
        c.args(["-o", fmt, "chatbotkit", "list"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = c.spawn().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut first = String::new();
        out.read_line(&mut first).unwrap();
        assert!(!first.is_empty());
        drop(out); // like `| head -1`
        let mut err = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{fmt}: {err}");
        assert!(!err.contains("error"), "{fmt}: {err}");
        assert!(!err.contains("panicked"), "{fmt}: {err}");
    }
}

#[test]
fn global_flags_before_the_provider_and_after_the_command() {
    let env = Env::new();
    env.emu.seed_kubiya("G", "gv", "");
    let before = env.run(&[
        "-o",
        "json",
        "--timeout",
        "5",
        "--retries",
        "1",
        "--color",
        "never",
        "-v",
        "kubiya",
        "list",
    ]);
    before.ok().stderr_has("> GET ");
    let after = env.run(&[
        "kubiya",
        "list",
        "-o",
        "json",
        "--timeout",
        "5",
        "--retries",
        "1",
        "--color",
        "never",
        "-v",
    ]);
    after.ok().stderr_has("> GET ");
    let between = env.run(&["kubiya", "-o", "json", "--color", "never", "list"]);
    between.ok();
    assert_eq!(before.json(), after.json());
    assert_eq!(before.json(), between.json());
    assert_eq!(before.json()[0]["name"], "G");
    let cbk = env.run(&["chatbotkit", "list", "--output", "json", "-vv"]);
    cbk.ok().stderr_has("authorization: Bearer <redacted>");
    assert_eq!(cbk.json(), json!([]));
}

#[test]
fn retries_and_timeout_flags_take_effect_after_the_command() {
    let env = Env::new();
    env.fault(status_fault("/api/v1/secrets", 503, 10));
    env.run(&["kubiya", "list", "--retries", "0"]).code(6);
    assert_eq!(env.emu.requests().len(), 1);
    env.emu.clear_faults();
    env.emu.clear_requests();
    env.fault(Fault {
        path_contains: Some("/api/v1/secrets".into()),
        latency_ms: 15_000,
        count: 1,
        ..Default::default()
    });
    // Generous bounds: a loaded CI machine must not fail this; a 1 s timeout
    // that did not take effect would wait the full 15 s.
    let start = std::time::Instant::now();
    env.run(&["kubiya", "list", "--timeout", "1", "--retries", "0"])
        .code(6)
        .one_error_line();
    assert!(start.elapsed() < std::time::Duration::from_secs(8));
}

#[test]
fn color_never_and_always() {
    let env = Env::new();
    let r = env.run(&["--color", "never", "kubiya", "get", "NOPE"]);
    r.code(3);
    assert!(!r.stderr.contains('\u{1b}'), "{:?}", r.stderr);
    let r = env.run(&["kubiya", "get", "NOPE", "--color", "always"]);
    r.code(3);
    assert!(r.stderr.contains("\u{1b}["), "{:?}", r.stderr);
    // Off a terminal, auto means none.
    let r = env.run(&["kubiya", "get", "NOPE"]);
    assert!(!r.stderr.contains('\u{1b}'), "{:?}", r.stderr);
}

#[test]
fn json_actions_of_kubiya_name_the_secret() {
    let env = Env::new();
    let r = env.run_stdin(&["-o", "json", "kubiya", "create", "S"], b"sv-1-Gd6y-value");
    r.ok().no_leak("sv-1-Gd6y-value");
    assert_eq!(r.json()["action"], "created");
    assert_eq!(r.json()["name"], "S");
    let r = env.run_stdin(&["kubiya", "update", "S", "-o", "json"], b"sv-2-Gd6y-value");
    r.ok().no_leak("sv-2-Gd6y-value");
    assert_eq!(r.json()["action"], "updated");
    assert_eq!(r.json()["name"], "S");
    let r = env.run(&["kubiya", "delete", "S", "--yes", "-o", "json"]);
    r.ok();
    assert_eq!(r.json()["action"], "deleted");
    assert_eq!(r.json()["name"], "S");
    assert!(env.kubiya_secrets().is_empty());
}

#[test]
fn json_error_object_for_a_network_error() {
    let env = Env::new();
    let r = env.run(&[
        "-o",
        "json",
        "--retries",
        "0",
        "kubiya",
        "--base-url",
        "http://127.0.0.1:1",
        "list",
    ]);
    r.code(6).one_error_line();
    let e = json_error(&r);
    assert_eq!(e["error"]["code"], 6);
    assert!(!e["error"]["message"].as_str().unwrap().is_empty());
}

/// A server (or a proxy) that puts a `value` into its records: no output format passes it on.
#[test]
fn a_value_in_a_server_record_never_reaches_any_output_format() {
    const LEAK: &str = "LEAKED-VALUE-123";
    let env = Env::new();
    let answer = |path: &str, body: Value| Fault {
        method: Some("GET".into()),
        path_contains: Some(path.into()),
        status: Some(200),
        body: Some(body.to_string()),
        count: u32::MAX,
        ..Default::default()
    };
    let kubiya = json!({
        "name": "LEAKY", "description": "d", "created_by": "someone",
        "created_at": "2026-01-01T00:00:00Z", "value": LEAK, "Value": LEAK,
    });
    let cbk = json!({
        "id": "sec0leaky0001", "name": "LEAKY", "type": "plain", "kind": "shared",
        "visibility": "private", "description": "d", "createdAt": 1_767_225_600_000u64,
        "value": LEAK,
    });
    // The first matching fault applies: the get before the list it would also match.
    env.fault(answer("/api/v1/secrets/LEAKY", kubiya.clone()));
    env.fault(answer("/api/v1/secrets", json!([kubiya])));
    env.fault(answer("/secret/list", json!({ "items": [cbk] })));
    env.fault(answer("/fetch", cbk.clone()));
    for format in ["json", "table", "plain", "terraform"] {
        for args in [
            &["kubiya", "list"][..],
            &["kubiya", "list", "LEAKY"],
            &["kubiya", "get", "LEAKY"],
            &["chatbotkit", "list"],
            &["chatbotkit", "list", "LEAKY"],
            &["chatbotkit", "get", "sec0leaky0001"],
        ] {
            let mut args = args.to_vec();
            args.extend(["-o", format]);
            let r = env.run(&args);
            r.ok().no_leak(LEAK).stdout_has("LEAKY");
            if format == "json" {
                let v = r.json();
                let records = v.as_array().cloned().unwrap_or_else(|| vec![v.clone()]);
                assert!(!records.is_empty(), "{args:?}: {}", r.stdout);
                for rec in records {
                    assert_eq!(rec["description"], "d", "{args:?}: {}", r.stdout);
                    assert!(rec.get("value").is_none() && rec.get("Value").is_none());
                }
            }
        }
    }
}

/// A server (or a proxy) that answers a secret config entry unmasked (`clientSecret`, or any
/// key `redact::is_secret_key` names): every output format of get and list shows the mask
/// instead (terraform leaves it out); the other entries are shown as they are.
#[test]
fn a_secret_config_entry_from_the_server_never_reaches_any_output_format() {
    const LEAK: &str = "LEAKED-secret-1234";
    const LEAK2: &str = "LEAKED-apikey-5678";
    let env = Env::new();
    let answer = |path: &str, body: Value| Fault {
        method: Some("GET".into()),
        path_contains: Some(path.into()),
        status: Some(200),
        body: Some(body.to_string()),
        count: u32::MAX,
        ..Default::default()
    };
    let cbk = json!({
        "id": "sec0leaky0002", "name": "LEAKY", "type": "oauth", "kind": "shared",
        "visibility": "private", "description": "d", "createdAt": 1_767_225_600_000u64,
        "config": {"clientId": "public-client-id", "clientSecret": LEAK, "API_KEY": LEAK2},
    });
    env.fault(answer("/secret/list", json!({ "items": [cbk] })));
    env.fault(answer("/fetch", cbk.clone()));
    for format in ["json", "table", "plain", "terraform"] {
        for args in [
            &["chatbotkit", "list"][..],
            &["chatbotkit", "list", "LEAKY"],
            &["chatbotkit", "get", "sec0leaky0002"],
            &["chatbotkit", "get", "LEAKY"],
        ] {
            let mut args = args.to_vec();
            args.extend(["-o", format]);
            let r = env.run(&args);
            r.ok().no_leak(LEAK).no_leak(LEAK2).stdout_has("LEAKY");
            if format == "json" {
                let v = r.json();
                let records = v.as_array().cloned().unwrap_or_else(|| vec![v.clone()]);
                assert!(!records.is_empty(), "{args:?}: {}", r.stdout);
                for rec in records {
                    assert_eq!(rec["config"]["clientSecret"], "********", "{args:?}");
                    assert_eq!(rec["config"]["API_KEY"], "********", "{args:?}");
                    assert_eq!(rec["config"]["clientId"], "public-client-id", "{args:?}");
                }
            }
            if format == "table" && args[1] == "get" {
                r.stdout_has("public-client-id").stdout_has("********");
            }
        }
    }
}

/// `--color` reaches clap's own output (help, parse errors) too, wherever it stands; off a
/// terminal `always` is the only way to see colour there, so it proves the choice arrives.
#[test]
fn color_flag_reaches_help_and_parse_errors() {
    let env = Env::new();
    for args in [
        &["--color", "always", "kubiya", "list", "--bogus"][..],
        &["kubiya", "list", "--bogus", "--color=always"],
    ] {
        let r = env.run(args);
        r.code(2);
        assert!(r.stderr.contains("\u{1b}["), "{args:?}: {:?}", r.stderr);
    }
    let r = env.run(&["kubiya", "--help", "--color", "always"]);
    r.ok();
    assert!(r.stdout.contains("\u{1b}["), "{:?}", r.stdout);
    for args in [
        &["--color", "never", "kubiya", "list", "--bogus"][..],
        &["kubiya", "list", "--bogus", "--color=never"],
        &["kubiya", "list", "--bogus"],
    ] {
        let r = env.run(args);
        r.code(2).one_error_line();
        assert!(!r.stderr.contains('\u{1b}'), "{args:?}: {:?}", r.stderr);
    }
    let r = env.run(&["--color=never", "kubiya", "--help"]);
    r.ok();
    assert!(!r.stdout.contains('\u{1b}'), "{:?}", r.stdout);
    // A JSON error object still follows a parse error, coloured or not.
    let r = env.run(&[
        "--color", "always", "-o", "json", "kubiya", "list", "--bogus",
    ]);
    r.code(2);
    let last = r.stderr.lines().last().unwrap();
    let v: Value = serde_json::from_str(last).unwrap_or_else(|e| panic!("{e}: {last:?}"));
    assert_eq!(v["error"]["code"], 2);
}
