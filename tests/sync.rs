//! sync: the plan (create / update / unchanged / delete) from one list call, the Kubiya value
//! reads, no write for unchanged items, prefix and prune scoping, the refusals, dry-run, the
//! order of work (deletes last, and not after a failure), and the report.

use std::process::Stdio;

use crate::support::*;

fn kubiya_map(env: &Env) -> Vec<(String, String, String)> {
    kubiya_triples(&env.emu.secrets())
}

fn triples(p: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    let mut v: Vec<(String, String, String)> = p
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    v.sort();
    v
}

/// `METHOD path` of every request but the emulator's own.
fn sent(env: &Env) -> Vec<String> {
    env.emu
        .requests()
        .into_iter()
        .filter(|r| !r.path.starts_with("/_emulator"))
        .map(|r| format!("{} {}", r.method, r.path))
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

/// The Kubiya list calls among the requests.
fn list_calls(env: &Env) -> usize {
    sent(env)
        .iter()
        .filter(|r| *r == "GET /api/v1/secrets")
        .count()
}

fn env_file(n: usize, prefix: &str) -> String {
    (0..n)
        .map(|i| format!("{prefix}{i:03}=value-{prefix}-{i:03}\n"))
        .collect()
}

#[test]
fn kubiya_plan_creates_updates_and_sends_nothing_for_unchanged() {
    let env = Env::new();
    env.emu.seed_kubiya("SAME", "same-value-1", "kept d");
    env.emu.seed_kubiya("CHANGED", "old-value-22", "");
    let pem = "-----BEGIN KEY-----\nMIIEvQIBADANBgkq\n-----END KEY-----\n";
    let text = format!("SAME=same-value-1\nCHANGED=\"new value #2 $HOME\"\nNEW=\"{pem}\"\n");
    let f = env.write("s.env", text.as_bytes());
    let r = env.run(&["kubiya", "sync", f.to_str().unwrap()]);
    r.ok()
        .no_leak("same-value-1")
        .no_leak("old-value-22")
        .no_leak("new value #2")
        .no_leak("MIIEvQIBADANBgkq");
    assert_eq!(
        r.stdout,
        "SAME\tunchanged\nCHANGED\tupdated\nNEW\tcreated\n"
    );
    r.stderr_has("plan: 1 create, 1 update, 1 unchanged; read 2 values to compare")
        .stderr_has("1 created, 1 updated, 1 unchanged");
    // Exact bytes stored; the description of SAME untouched (the source gives none).
    assert_eq!(
        kubiya_map(&env),
        triples(&[
            ("CHANGED", "new value #2 $HOME", ""),
            ("NEW", pem, ""),
            ("SAME", "same-value-1", "kept d"),
        ])
    );
    // One list call, one value read per present secret, and the two writes only.
    assert_eq!(
        sorted(sent(&env)),
        sorted(vec![
            "GET /api/v1/secrets".into(),
            "GET /api/v1/secrets/get_value/SAME".into(),
            "GET /api/v1/secrets/get_value/CHANGED".into(),
            "PUT /api/v1/secrets/CHANGED".into(),
            "POST /api/v1/secrets".into(),
        ])
    );
    let put = &env.requests(Some("PUT"), "/secrets/CHANGED")[0];
    assert_eq!(
        put.body_json().unwrap(),
        json!({"value": "new value #2 $HOME"}),
        "no description sent when the source gives none"
    );
}

#[test]
fn a_second_sync_of_an_unchanged_source_sends_no_write() {
    let env = Env::new();
    let f = env.write("s.env", env_file(25, "K").as_bytes());
    env.run(&["kubiya", "sync", f.to_str().unwrap()])
        .ok()
        .stderr_has("25 created");
    env.emu.clear_requests();
    let r = env.run(&["kubiya", "sync", f.to_str().unwrap(), "--concurrency", "8"]);
    r.ok()
        .stderr_has("read 25 values to compare")
        .stderr_has("25 unchanged");
    assert_eq!(r.stdout.lines().count(), 25);
    assert!(
        r.stdout.lines().all(|l| l.ends_with("\tunchanged")),
        "{}",
        r.stdout
    );
    assert!(env.writes().is_empty(), "{:?}", env.writes());
    assert_eq!(list_calls(&env), 1);
    assert_eq!(env.requests(Some("GET"), "/get_value/").len(), 25);
}

#[test]
fn the_description_is_compared_when_the_source_gives_one() {
    let env = Env::new();
    env.emu.seed_kubiya("A", "value-aaaa", "old d");
    env.emu.seed_kubiya("B", "value-bbbb", "b d");
    // --description is the source's description for items without their own.
    let f = env.write(
        "s.json",
        br#"[{"name": "A", "value": "value-aaaa"}, {"name": "B", "value": "value-bbbb", "description": "b d"}]"#,
    );
    let r = env.run(&[
        "kubiya",
        "sync",
        f.to_str().unwrap(),
        "--description",
        "new d",
    ]);
    r.ok();
    assert_eq!(r.stdout, "A\tupdated\nB\tunchanged\n");
    // A differs by its description: updated without reading its value first.
    r.stderr_has("read 1 value to compare");
    assert_eq!(env.requests(Some("GET"), "/get_value/A").len(), 0);
    assert_eq!(
        kubiya_map(&env),
        triples(&[("A", "value-aaaa", "new d"), ("B", "value-bbbb", "b d")])
    );
    assert_eq!(
        env.requests(Some("PUT"), "/secrets/A")[0]
            .body_json()
            .unwrap(),
        json!({"value": "value-aaaa", "description": "new d"})
    );
    assert!(env.requests(Some("PUT"), "/secrets/B").is_empty());
}

#[test]
fn a_value_that_cannot_be_read_is_updated() {
    let env = Env::new();
    env.emu.seed_kubiya("R", "same-rrrr", "");
    env.fault(status_fault("/get_value/R", 500, 1));
    let f = env.write("s.env", b"R=same-rrrr\n");
    let r = env.run(&["kubiya", "sync", f.to_str().unwrap()]);
    r.ok()
        .stdout_has("R\tupdated\n")
        .stderr_has("read 1 value to compare (1 could not be read exactly, and will be updated)");
    assert_eq!(env.requests(Some("PUT"), "/secrets/R").len(), 1);
    assert_eq!(env.kubiya_value("R").as_deref(), Some("same-rrrr"));
}

#[test]
fn prune_with_a_prefix_deletes_only_in_scope() {
    let env = Env::new();
    env.emu.seed_kubiya("APP_KEEP", "keep-value", "");
    env.emu.seed_kubiya("APP_OLD", "old-value", "");
    env.emu.seed_kubiya("OTHER", "other-value", "");
    env.emu.seed_kubiya("app_lower", "lower-value", "");
    let f = env.write("s.env", b"APP_KEEP=keep-value\nAPP_NEW=new-value\n");
    let r = env.run(&[
        "kubiya",
        "sync",
        f.to_str().unwrap(),
        "--prefix",
        "APP_",
        "--prune",
        "--yes",
    ]);
    r.ok();
    assert_eq!(
        r.stdout,
        "APP_KEEP\tunchanged\nAPP_NEW\tcreated\nAPP_OLD\tdeleted\n"
    );
    let names: Vec<String> = kubiya_map(&env).into_iter().map(|t| t.0).collect();
    assert_eq!(names, ["APP_KEEP", "APP_NEW", "OTHER", "app_lower"]);
    let deletes: Vec<String> = sent(&env)
        .into_iter()
        .filter(|r| r.starts_with("DELETE"))
        .collect();
    assert_eq!(deletes, ["DELETE /api/v1/secrets/APP_OLD"]);
    assert_eq!(list_calls(&env), 1);
}

#[test]
fn prune_without_a_prefix_looks_at_every_secret() {
    let env = Env::new();
    env.emu.seed_kubiya("A", "value-a1", "");
    env.emu.seed_kubiya("X", "value-x1", "");
    env.emu.seed_kubiya("Y", "value-y1", "");
    let f = env.write("s.env", b"A=value-a1\n");
    let r = env.run(&["kubiya", "sync", f.to_str().unwrap(), "--prune", "--yes"]);
    r.ok()
        .stderr_has("plan: 1 unchanged, 2 delete")
        .stderr_has("1 unchanged, 2 deleted");
    assert_eq!(r.stdout, "A\tunchanged\nX\tdeleted\nY\tdeleted\n");
    assert_eq!(kubiya_map(&env), triples(&[("A", "value-a1", "")]));
    // Without --prune nothing is deleted.
    env.emu.seed_kubiya("Z", "value-z1", "");
    env.run(&["kubiya", "sync", f.to_str().unwrap()]).ok();
    assert_eq!(env.kubiya_secrets().len(), 2);
}

#[test]
fn a_source_name_outside_the_prefix_is_exit_2_and_nothing_is_sent() {
    let env = Env::new();
    let f = env.write("s.env", b"APP_A=1\nOTHER=2\nAPP_B=3\n");
    let r = env.run(&["kubiya", "sync", f.to_str().unwrap(), "--prefix", "APP_"]);
    r.code(2)
        .one_error_line()
        .stderr_has("s.env:2: OTHER does not start with the prefix 'APP_'")
        .stderr_has("nothing was sent");
    assert!(sent(&env).is_empty());
}

#[test]
fn prefix_and_other_problems_are_all_listed_at_once() {
    let env = Env::new();
    let f = env.write("s.env", b"APP_A=1\nOTHER=2\nAPP_A=3\nAPP_E=\n");
    let r = env.run(&["kubiya", "sync", f.to_str().unwrap(), "--prefix", "APP_"]);
    r.code(2)
        .stderr_has("s.env:2: OTHER does not start with the prefix")
        .stderr_has("s.env:3: APP_A is given twice")
        .stderr_has("s.env:4: APP_E has an empty value")
        .stderr_has("(first of 3 problems); read as dotenv, from the file name; nothing was sent");
    assert!(sent(&env).is_empty());
}

#[test]
fn source_problems_are_exit_2_with_nothing_sent() {
    let env = Env::new();
    let f = env.write("s.env", b"A=1\nA=2\nB=\n");
    env.run(&["kubiya", "sync", f.to_str().unwrap(), "--prune", "--yes"])
        .code(2)
        .stderr_has("s.env:2:")
        .stderr_has("s.env:3:");
    assert!(sent(&env).is_empty());
}

#[test]
fn prune_off_a_terminal_needs_yes() {
    let env = Env::new();
    env.emu.seed_kubiya("OLD", "old-value", "");
    let f = env.write("s.env", b"NEW=new-value\n");
    let r = env.run(&["kubiya", "sync", f.to_str().unwrap(), "--prune"]);
    r.code(2)
        .one_error_line()
        .stderr_has("not on a terminal")
        .stderr_has("--yes");
    assert!(sent(&env).is_empty());
    // From standard input too.
    env.run_stdin(&["kubiya", "sync", "-", "--prune"], b"NEW=new-value\n")
        .code(2);
    assert!(sent(&env).is_empty());
    assert_eq!(kubiya_map(&env), triples(&[("OLD", "old-value", "")]));
}

#[test]
fn an_empty_source_with_prune_is_exit_2() {
    let env = Env::new();
    env.emu.seed_kubiya("OLD", "old-value", "");
    for (file, body) in [("e.json", &b"{}"[..]), ("e.env", b"# nothing\n")] {
        let f = env.write(file, body);
        env.run(&["kubiya", "sync", f.to_str().unwrap(), "--prune", "--yes"])
            .code(2)
            .one_error_line()
            .stderr_has("no secrets found")
            .stderr_has("would delete every secret of the account");
        env.run(&[
            "kubiya",
            "sync",
            f.to_str().unwrap(),
            "--prune",
            "--yes",
            "--prefix",
            "APP_",
        ])
        .code(2)
        .stderr_has("would delete every secret whose name starts with 'APP_'");
    }
    env.run_stdin(&["kubiya", "sync", "-", "--prune", "--yes"], b"")
        .code(2);
    // Without --prune an empty source is refused too (as import refuses it).
    let f = env.write("e.toml", b"");
    env.run(&["kubiya", "sync", f.to_str().unwrap()])
        .code(2)
        .stderr_has("no secrets found");
    assert!(sent(&env).is_empty());
    assert_eq!(env.kubiya_secrets().len(), 1);
}

#[test]
fn dry_run_prints_the_plan_reads_values_and_writes_nothing() {
    let env = Env::new();
    env.emu.seed_kubiya("SAME", "same-value", "");
    env.emu.seed_kubiya("DIFF", "diff-value", "");
    env.emu.seed_kubiya("GONE", "gone-value", "");
    let f = env.write(
        "s.env",
        b"SAME=same-value\nDIFF=other-value\nNEW=new-value\n",
    );
    // No --yes needed: nothing is written.
    let r = env.run(&[
        "kubiya",
        "sync",
        f.to_str().unwrap(),
        "--dry-run",
        "--prune",
    ]);
    r.ok();
    assert_eq!(
        r.stdout,
        "SAME\tunchanged\nDIFF\tupdate\nNEW\tcreate\nGONE\tdelete\n"
    );
    r.stderr_has("dry run: 1 create, 1 update, 1 unchanged, 1 delete; read 2 values to compare; nothing was written");
    assert!(env.writes().is_empty(), "{:?}", env.writes());
    assert_eq!(env.requests(Some("GET"), "/get_value/").len(), 2);
    assert_eq!(env.kubiya_secrets().len(), 3);
    // JSON plan: name, action, error.
    let r = env.run(&[
        "kubiya",
        "sync",
        f.to_str().unwrap(),
        "--dry-run",
        "-o",
        "json",
    ]);
    r.ok();
    assert_eq!(
        r.json(),
        json!([
            {"name": "SAME", "action": "unchanged", "error": null},
            {"name": "DIFF", "action": "update", "error": null},
            {"name": "NEW", "action": "create", "error": null},
        ])
    );
    assert!(env.writes().is_empty());
}

#[test]
fn a_failed_update_stops_the_deletes() {
    let env = Env::new();
    env.emu.seed_kubiya("B", "old-bbbb", "");
    env.emu.seed_kubiya("OLD", "old-value", "");
    env.fault(Fault {
        method: Some("PUT".into()),
        ..status_fault("/secrets/B", 400, 1)
    });
    let f = env.write("s.env", b"A=new-aaaa\nB=new-bbbb\n");
    let r = env.run(&["kubiya", "sync", f.to_str().unwrap(), "--prune", "--yes"]);
    r.code(1);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines[0], "A\tcreated");
    assert!(lines[1].starts_with("B\tfailed\t"), "{}", r.stdout);
    assert_eq!(
        lines[2],
        "OLD\tnot attempted\tnot deleted: 1 item before the deletes did not succeed"
    );
    r.stderr_has("1 created, 1 failed, 1 not attempted");
    assert!(env.requests(Some("DELETE"), "").is_empty());
    assert_eq!(env.kubiya_value("OLD").as_deref(), Some("old-value"));
    // The next run, with the server well again, finishes the work.
    let r = env.run(&["kubiya", "sync", f.to_str().unwrap(), "--prune", "--yes"]);
    r.ok();
    assert_eq!(r.stdout, "A\tunchanged\nB\tupdated\nOLD\tdeleted\n");
    assert_eq!(
        kubiya_map(&env),
        triples(&[("A", "new-aaaa", ""), ("B", "new-bbbb", "")])
    );
}

#[test]
fn a_retried_delete_that_meets_404_counts_as_deleted() {
    let env = Env::new();
    env.emu.seed_kubiya("KEEP", "keep-value", "");
    env.emu.seed_kubiya("OLD", "old-value", "");
    // The server deletes it, but the answer is lost; the retry meets 404.
    env.fault(Fault {
        method: Some("DELETE".into()),
        after: true,
        ..status_fault("/secrets/OLD", 502, 1)
    });
    let f = env.write("s.env", b"KEEP=keep-value\n");
    let r = env.run(&["kubiya", "sync", f.to_str().unwrap(), "--prune", "--yes"]);
    r.ok();
    assert_eq!(r.stdout, "KEEP\tunchanged\nOLD\tdeleted\n");
    assert_eq!(env.requests(Some("DELETE"), "/secrets/OLD").len(), 2);
}

#[test]
fn json_report_has_name_action_error_and_never_a_value() {
    let env = Env::new();
    env.emu.seed_kubiya("SAME", "same-value-json", "");
    env.emu.seed_kubiya("OLD", "old-value-json", "");
    env.fault(Fault {
        method: Some("POST".into()),
        ..status_fault("/api/v1/secrets", 400, 1)
    });
    let f = env.write("s.env", b"SAME=same-value-json\nBAD=bad-value-json\n");
    let r = env.run(&[
        "kubiya",
        "-v",
        "sync",
        f.to_str().unwrap(),
        "--prune",
        "--yes",
        "-o",
        "json",
    ]);
    r.code(1)
        .no_leak("same-value-json")
        .no_leak("bad-value-json")
        .no_leak("old-value-json");
    let v = r.json();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[0],
        json!({"name": "SAME", "action": "unchanged", "error": null})
    );
    assert_eq!(rows[1]["name"], "BAD");
    assert_eq!(rows[1]["action"], "failed");
    assert!(rows[1]["error"].as_str().unwrap().contains("cannot create"));
    assert_eq!(rows[2]["name"], "OLD");
    assert_eq!(rows[2]["action"], "not attempted");
    for row in rows {
        let mut keys: Vec<&String> = row.as_object().unwrap().keys().collect();
        keys.sort();
        assert_eq!(keys, ["action", "error", "name"]);
    }
}

#[test]
fn table_report_has_a_header() {
    let env = Env::new();
    let f = env.write("s.env", b"T=table-value\n");
    let r = env.run(&["kubiya", "sync", f.to_str().unwrap(), "-o", "table"]);
    r.ok();
    let first = r.stdout.lines().next().unwrap_or("");
    assert!(first.starts_with("NAME"), "{}", r.stdout);
    assert!(
        first.contains("ACTION") && first.contains("ERROR"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("created"), "{}", r.stdout);
}

#[test]
fn chatbotkit_present_secrets_are_updated_with_the_same_id() {
    let env = Env::new();
    let kept = env
        .emu
        .seed_chatbotkit(json!({"name": "PRESENT", "kind": "shared", "value": "old-cbk-value"}));
    let personal = env
        .emu
        .seed_chatbotkit(json!({"name": "PERSONAL", "kind": "personal"}));
    let twin1 = env
        .emu
        .seed_chatbotkit(json!({"name": "TWIN", "kind": "shared", "value": "t1"}));
    let twin2 = env
        .emu
        .seed_chatbotkit(json!({"name": "TWIN", "kind": "shared", "value": "t2"}));
    let f = env.write(
        "s.env",
        b"PRESENT=new-cbk-value\nFRESH=fresh-cbk-value\nPERSONAL=pers-value\nTWIN=twin-value\n",
    );
    let r = env.run(&["chatbotkit", "sync", f.to_str().unwrap(), "-o", "json"]);
    r.code(1)
        .no_leak("new-cbk-value")
        .no_leak("fresh-cbk-value");
    let v = r.json();
    assert_eq!(v[0]["name"], "PRESENT");
    assert_eq!(v[0]["action"], "updated");
    assert_eq!(v[0]["id"], kept.as_str());
    assert_eq!(v[1]["name"], "FRESH");
    assert_eq!(v[1]["action"], "created");
    assert_eq!(v[2]["action"], "failed");
    assert!(v[2]["error"].as_str().unwrap().contains("personal"), "{v}");
    assert_eq!(v[3]["action"], "failed");
    let why = v[3]["error"].as_str().unwrap();
    assert!(why.contains(&twin1) && why.contains(&twin2), "{why}");
    // What is stored: same id, the new value; nothing sent to PERSONAL or TWIN.
    let present = env.cbk_by_name("PRESENT");
    assert_eq!(present.len(), 1);
    assert_eq!(present[0]["id"], kept.as_str());
    assert_eq!(present[0]["value"], "new-cbk-value");
    assert_eq!(env.cbk_by_name("FRESH")[0]["value"], "fresh-cbk-value");
    let writes: Vec<String> = env.writes().into_iter().map(|r| r.path).collect();
    assert!(
        !writes
            .iter()
            .any(|p| p.contains(&personal) || p.contains(&twin1) || p.contains(&twin2)),
        "{writes:?}"
    );
    // No value reads: ChatBotKit values are write-only.
    assert!(!r.stderr.contains("to compare"), "{}", r.stderr);
    assert!(env.requests(None, "get_value").is_empty());
}

/// Two ChatBotKit secrets that share the name `DROP`; their ids.
fn two_secrets_named_drop(env: &Env) -> (String, String) {
    let d1 = env
        .emu
        .seed_chatbotkit(json!({"name": "DROP", "kind": "shared", "value": "d1"}));
    let d2 = env
        .emu
        .seed_chatbotkit(json!({"name": "DROP", "kind": "shared", "value": "d2"}));
    (d1, d2)
}

#[test]
fn chatbotkit_prune_deletes_by_id_every_secret_of_a_dropped_name() {
    let env = Env::new();
    let keep = env
        .emu
        .seed_chatbotkit(json!({"name": "KEEP", "kind": "shared", "value": "keep-cbk"}));
    let (d1, d2) = two_secrets_named_drop(&env);
    let out = env
        .emu
        .seed_chatbotkit(json!({"name": "OTHER_X", "kind": "shared", "value": "ox"}));
    let f = env.write("s.env", b"KEEP=keep-cbk-new\n");
    let r = env.run(&[
        "cbk",
        "sync",
        f.to_str().unwrap(),
        "--prune",
        "--yes",
        "--prefix",
        "",
        "-o",
        "json",
    ]);
    r.ok();
    let v = r.json();
    assert_eq!(v[0]["action"], "updated");
    assert_eq!(v[1]["name"], "DROP");
    assert_eq!(v[1]["action"], "deleted");
    assert_eq!(v[2]["name"], "DROP");
    assert_eq!(v[3]["name"], "OTHER_X");
    let left: Vec<String> = env
        .cbk_secrets()
        .into_iter()
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(left, [keep]);
    // The listed ids are their secrets' own: deleted with no look-up first.
    assert!(env.requests(Some("GET"), "/fetch").is_empty());
    let mut deleted: Vec<String> = env
        .requests(Some("POST"), "/delete")
        .into_iter()
        .map(|r| r.path)
        .collect();
    deleted.sort();
    let mut want = vec![
        format!("/api/v1/secret/{d1}/delete"),
        format!("/api/v1/secret/{d2}/delete"),
        format!("/api/v1/secret/{out}/delete"),
    ];
    want.sort();
    assert_eq!(deleted, want);
}

#[test]
fn sync_from_stdin_with_the_base64_option() {
    let env = Env::new();
    let r = env.run_stdin(
        &["kubiya", "sync", "-", "--base64"],
        br#"{"BIN": "raw bytes"}"#,
    );
    r.ok().stdout_has("BIN\tcreated");
    assert_eq!(env.kubiya_value("BIN").as_deref(), Some("cmF3IGJ5dGVz"));
    // Compared as sent: the second run is unchanged.
    env.emu.clear_requests();
    env.run_stdin(
        &["kubiya", "sync", "-", "--base64"],
        br#"{"BIN": "raw bytes"}"#,
    )
    .ok()
    .stdout_has("BIN\tunchanged");
    assert!(env.writes().is_empty());
}

#[test]
fn a_closed_stdout_keeps_the_exit_code_and_the_totals() {
    let env = Env::new();
    env.fault(Fault {
        method: Some("POST".into()),
        ..status_fault("/api/v1/secrets", 400, 1)
    });
    let f = env.write("c.env", env_file(30, "C").as_bytes());
    let out =
        env.run_with_stdout_closed(&["kubiya", "sync", f.to_str().unwrap(), "--concurrency", "1"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("29 created, 1 failed"), "{stderr}");
    assert!(!stderr.contains("error:"), "{stderr}");
}

#[test]
fn under_a_rate_limit_every_item_is_done_and_reads_share_the_pace() {
    let env = Env::new();
    for i in 0..20 {
        env.emu
            .seed_kubiya(&format!("R{i:03}"), &format!("value-R-{i:03}"), "");
    }
    // 20 present (10 changed), 10 new: 1 list + 20 reads + 20 writes at 25 requests/s.
    let mut text = String::new();
    for i in 0..30 {
        let v = if i % 2 == 0 && i < 20 {
            "changed"
        } else {
            "value"
        };
        text.push_str(&format!("R{i:03}={v}-R-{i:03}\n"));
    }
    env.set_rate_limit(25.0, 5, true);
    let f = env.write("r.env", text.as_bytes());
    let r = env.run(&["kubiya", "sync", f.to_str().unwrap(), "--concurrency", "8"]);
    r.ok()
        .stderr_has("read 20 values to compare")
        .stderr_has("10 created, 10 updated, 10 unchanged");
    env.clear_rate_limit();
    for i in 0..30 {
        let v = if i % 2 == 0 && i < 20 {
            "changed"
        } else {
            "value"
        };
        assert_eq!(
            env.kubiya_value(&format!("R{i:03}")),
            Some(format!("{v}-R-{i:03}"))
        );
    }
    // Every write sent once (none failed for the limit and was sent again as a duplicate).
    let ok_writes = env
        .writes()
        .into_iter()
        .filter(|r| r.status == 200 || r.status == 201)
        .count();
    assert_eq!(ok_writes, 20);
}

/// `kubiya sync FILE --concurrency 1`, sent SIGINT once `ready` holds (or after 30 s); it
/// must end by that signal. Its stdout and stderr.
fn interrupted_sync(env: &Env, f: &std::path::Path, ready: &dyn Fn() -> bool) -> (String, String) {
    let mut c = env.command();
    c.args(["kubiya", "sync", f.to_str().unwrap(), "--concurrency", "1"]);
    c.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = c.spawn().unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !ready() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // SAFETY: signalling our own child.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(out.status.signal(), Some(libc::SIGINT), "{stderr}");
    (stdout, stderr)
}

#[test]
fn an_interrupted_sync_run_again_completes_the_work() {
    let env = Env::new();
    env.emu.set_latency(100);
    let f = env.write("slow.env", env_file(30, "I").as_bytes());
    let (stdout, stderr) = interrupted_sync(&env, &f, &|| env.kubiya_secrets().len() >= 3);
    assert!(stderr.contains("run the same sync again"), "{stderr}");
    let created = stdout.lines().filter(|l| l.ends_with("\tcreated")).count();
    assert!(created > 0 && created < 30, "{stdout}");
    assert_eq!(env.kubiya_secrets().len(), created);
    env.emu.set_latency(0);
    let r = env.run(&["kubiya", "sync", f.to_str().unwrap()]);
    r.ok();
    assert_eq!(
        r.stdout
            .lines()
            .filter(|l| l.ends_with("\tcreated"))
            .count(),
        30 - created
    );
    assert_eq!(
        r.stdout
            .lines()
            .filter(|l| l.ends_with("\tunchanged"))
            .count(),
        created
    );
    for i in 0..30 {
        assert_eq!(
            env.kubiya_value(&format!("I{i:03}")),
            Some(format!("value-I-{i:03}"))
        );
    }
}

#[test]
fn terraform_output_is_refused_for_sync() {
    let env = Env::new();
    let f = env.write("s.env", b"A=1\n");
    env.run(&["kubiya", "sync", f.to_str().unwrap(), "-o", "terraform"])
        .code(2)
        .stderr_has("kubiya sync");
    assert!(sent(&env).is_empty());
}

#[test]
fn a_delete_whose_answer_was_lost_is_checked_against_the_list() {
    let env = Env::new();
    env.emu.seed_kubiya("KEEP", "keep-value", "");
    env.emu.seed_kubiya("OLD", "old-value", "");
    // Deleted, but answered 502, and no retry: the list call after the work finds it gone.
    env.fault(Fault {
        method: Some("DELETE".into()),
        after: true,
        ..status_fault("/secrets/OLD", 502, 1)
    });
    let f = env.write("s.env", b"KEEP=keep-value\n");
    let r = env.run(&[
        "kubiya",
        "--retries",
        "0",
        "sync",
        f.to_str().unwrap(),
        "--prune",
        "--yes",
    ]);
    r.ok().stderr_has(
        "note: 1 answered with an error but was found on the server, and is reported as done",
    );
    assert_eq!(r.stdout, "KEEP\tunchanged\nOLD\tdeleted\n");
    assert_eq!(env.requests(Some("DELETE"), "/secrets/OLD").len(), 1);
    assert_eq!(list_calls(&env), 2);
}

#[test]
fn a_run_that_gives_up_on_the_rate_limit_is_exit_6_and_deletes_nothing() {
    let mut env = Env::new();
    env.set("SECRETCTL_RATE_LIMIT_GIVE_UP", "2");
    env.emu.seed_kubiya("OLD", "old-value", "");
    env.fault(kubiya_quota_fault());
    let f = env.write("q.env", env_file(4, "Q").as_bytes());
    let r = env.run(&["kubiya", "sync", f.to_str().unwrap(), "--prune", "--yes"]);
    r.code(6)
        .stderr_has("stopped on the rate limit")
        .stderr_has("run the same sync again");
    assert!(r.stdout.contains("OLD\tnot attempted\t"), "{}", r.stdout);
    assert!(!r.stdout.contains("\tcreated"), "{}", r.stdout);
    assert!(env.requests(Some("DELETE"), "").is_empty());
    assert_eq!(env.kubiya_value("OLD").as_deref(), Some("old-value"));
}

#[test]
fn a_dry_run_whose_plan_has_failures_is_exit_1_and_writes_nothing() {
    let env = Env::new();
    env.emu
        .seed_chatbotkit(json!({"name": "P", "kind": "personal"}));
    env.emu
        .seed_chatbotkit(json!({"name": "S", "kind": "shared", "value": "stored-s"}));
    let f = env.write("s.env", b"P=pers-value\nS=new-s-value\nN=new-n-value\n");
    let r = env.run(&["cbk", "sync", f.to_str().unwrap(), "--dry-run"]);
    r.code(1);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(
        lines[0].starts_with("P\tfail\tnot updated: personal secrets cannot have a value"),
        "{}",
        r.stdout
    );
    assert_eq!(&lines[1..], ["S\tupdate", "N\tcreate"]);
    r.stderr_has("dry run: 1 create, 1 update, 1 fail; nothing was written");
    assert!(env.writes().is_empty());
}

/// Issue 25: a value read refused with 403 is updated with the reason said; the API's 404
/// for a secret gone since the list (the re-list lacks it too) is created; 401 stops the sync
/// before anything is written.
#[test]
fn a_refused_or_missing_value_read_is_planned_with_its_reason() {
    let env = Env::new();
    env.emu.seed_kubiya("F", "same-ffff", "");
    env.emu.seed_kubiya("G", "same-gggg", "");
    env.fault(status_fault("/get_value/F", 403, 1));
    env.fault(status_fault("/get_value/G", 404, 1));
    // The list the plan is made from shows G; the one the 404 is checked against does not.
    env.fault(Fault {
        method: Some("GET".into()),
        path_contains: Some("/api/v1/secrets".into()),
        status: Some(200),
        body: Some(json!([{"name": "F"}, {"name": "G"}]).to_string()),
        count: 1,
        ..Default::default()
    });
    env.fault(Fault {
        method: Some("GET".into()),
        path_contains: Some("/api/v1/secrets".into()),
        status: Some(200),
        body: Some(json!([{"name": "F"}]).to_string()),
        count: 1,
        ..Default::default()
    });
    let f = env.write("s.env", b"F=same-ffff\nG=same-gggg\n");
    let r = env.run(&["kubiya", "sync", f.to_str().unwrap(), "--dry-run"]);
    r.ok()
        .stdout_has("F\tupdate\n")
        .stdout_has("G\tcreate\n")
        .stderr_has("F: the stored value could not be read to compare (")
        .stderr_has("(403)); planned as update")
        .stderr_has("G: not found when its value was read; planned as create");
    env.fault(status_fault("/get_value/F", 401, 1));
    let r = env.run(&["kubiya", "sync", f.to_str().unwrap()]);
    r.code(4)
        .one_error_line()
        .stderr_has("error: cannot plan the sync: ");
    assert!(env.writes().is_empty(), "{:?}", env.writes());
}

/// Issue 25: a ChatBotKit dry run shows the id of each secret of a duplicate name.
#[test]
fn chatbotkit_dry_run_shows_the_ids_of_a_duplicate_name() {
    let env = Env::new();
    let (d1, d2) = two_secrets_named_drop(&env);
    let f = env.write("s.env", b"KEEP=keep-cbk-new\n");
    let args = ["cbk", "sync", f.to_str().unwrap(), "--prune", "--dry-run"];
    let r = env.run(&args);
    r.ok()
        .stdout_has(&format!("DROP\tdelete\tid {d1}\n"))
        .stdout_has(&format!("DROP\tdelete\tid {d2}\n"))
        .stdout_has("KEEP\tcreate\n");
    let mut json_args = vec!["-o", "json"];
    json_args.extend(args);
    let v = env.run(&json_args).json();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["name"] == "DROP")
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [d1.as_str(), d2.as_str()]);
    assert!(
        v.as_array().unwrap().iter().all(|e| e["error"].is_null()),
        "{v}"
    );
    assert!(env.writes().is_empty());
}

/// Issue 25: an interrupt while the values are read for the plan says so, writes nothing,
/// and ends by the signal.
#[test]
fn an_interrupt_while_planning_says_so_and_writes_nothing() {
    let env = Env::new();
    for i in 0..30 {
        env.emu
            .seed_kubiya(&format!("P{i:03}"), &format!("value-P-{i:03}"), "");
    }
    env.emu.set_latency(100);
    let f = env.write("s.env", env_file(30, "P").as_bytes());
    let (_, stderr) = interrupted_sync(&env, &f, &|| {
        env.requests(Some("GET"), "/get_value/").len() >= 3
    });
    assert!(
        stderr.contains("interrupted: while planning, after reading ")
            && stderr.contains(" of 30 values to compare; nothing was written"),
        "{stderr}"
    );
    assert!(env.writes().is_empty());
}

/// The documentation never pipes a producer into `sync --prune`: pipefail reports the
/// producer's failure only after sync has deleted what the partial source lacked. Every
/// pruning example writes the source to a file first. (README and any `docs/` page.)
#[test]
fn no_documented_example_pipes_into_a_pruning_sync() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = vec![root.join("README.md")];
    if let Ok(dir) = std::fs::read_dir(root.join("docs")) {
        pages.extend(
            dir.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "md")),
        );
    }
    for page in pages {
        let text = std::fs::read_to_string(&page).unwrap();
        // Shell lines continued with a backslash are one command.
        let joined = text.replace("\\\n", " ");
        for line in joined.lines() {
            let piped_sync = line
                .split('|')
                .skip(1)
                .any(|cmd| cmd.contains("secretctl") && cmd.contains(" sync "));
            assert!(
                !(piped_sync && line.contains("--prune")),
                "{} pipes into a pruning sync:\n{line}",
                page.display()
            );
        }
    }
}
