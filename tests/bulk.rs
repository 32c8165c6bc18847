//! Bulk work against a server's limits, and reports and exits that tell the truth: the shared
//! pace under a rate limit, the give-up rule, ambiguous write answers, a closed stdout, the
//! looping or endless stream, a wrong base path, signals.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::*;

fn env_file(n: usize, prefix: &str) -> String {
    (0..n)
        .map(|i| format!("{prefix}{i:03}=value-{prefix}-{i:03}-x\n"))
        .collect()
}

/// Processed creates per name (status 200) and how many 429s the server answered.
fn creates(env: &Env, method: &str, path: &str) -> (HashMap<String, usize>, usize) {
    let mut ok: HashMap<String, usize> = HashMap::new();
    let mut limited = 0;
    for r in env.requests(Some(method), path) {
        if r.status == 429 {
            limited += 1;
            continue;
        }
        let body = r.body_json().expect("a create body is JSON");
        if r.status == 200 {
            *ok.entry(body["name"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
    }
    (ok, limited)
}

/// `kubiya import FILE --concurrency N` running, with stdout and stderr piped.
fn spawn_import(env: &Env, file: &std::path::Path, concurrency: u32) -> std::process::Child {
    let mut c = env.command();
    c.args(["kubiya", "import"])
        .arg(file)
        .args(["--concurrency", &concurrency.to_string()]);
    c.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c.spawn().unwrap()
}

/// `paced`: the server's answers say what is left (Kubiya's `X-RateLimit-*`), so the run
/// keeps under the limit without meeting a 429; else the 429s teach it.
fn rate_limited_import(word: &str, retry_after: bool, paced: bool, method: &str, path: &str) {
    let mut env = Env::new();
    // A fraction of the real limits, so the test stays short: 20 requests/s, a burst of 5.
    // Unpaced, Kubiya's answers carry no `X-RateLimit-*` (a gateway that sends only
    // `Retry-After`).
    env.emu.set_rate_limit(Some(RateLimitSettings {
        rps: 20.0,
        burst: Some(5),
        retry_after,
        headers: paced,
    }));
    // Should the pace ever fail, the run must not hang the suite.
    env.set("SECRETCTL_RATE_LIMIT_GIVE_UP", "20");
    let n = 60;
    let f = env.write("many.env", env_file(n, "R").as_bytes());
    let start = Instant::now();
    let r = env.run(&[
        word,
        "import",
        f.to_str().unwrap(),
        "--concurrency",
        "8",
        "-o",
        "json",
    ]);
    let took = start.elapsed();
    r.ok().stderr_has(&format!("{n} created"));
    let report = r.json();
    assert!(
        report
            .as_array()
            .unwrap()
            .iter()
            .all(|row| row["action"] == "created"),
        "{report}"
    );
    let (ok, limited) = creates(&env, method, path);
    if paced {
        assert_eq!(
            limited, 0,
            "paced from X-RateLimit-Remaining before any 429"
        );
        let all_429 = env
            .emu
            .requests()
            .iter()
            .filter(|r| r.status == 429)
            .count();
        assert_eq!(all_429, 0, "no request of the run met a 429");
    } else {
        assert!(limited > 0, "the limit was really met: no 429 seen");
    }
    assert_eq!(ok.len(), n, "every item created");
    assert!(ok.values().all(|&c| c == 1), "each exactly once: {ok:?}");
    // 61 requests at 20/s with a burst of 5 take about 2.8 s at best; a run that slept its
    // workers one by one or failed items would look very different.
    assert!(took < Duration::from_secs(15), "took {took:?}");
    if !paced {
        r.stderr_has("rate-limited");
    }
}

#[test]
fn kubiya_import_under_a_rate_limit_stores_every_item_once() {
    rate_limited_import("kubiya", true, true, "POST", "/api/v1/secrets");
}

#[test]
fn kubiya_import_under_retry_after_alone_stores_every_item_once() {
    rate_limited_import("kubiya", true, false, "POST", "/api/v1/secrets");
}

#[test]
fn chatbotkit_import_under_a_rate_limit_without_retry_after_stores_every_item_once() {
    rate_limited_import("chatbotkit", false, false, "POST", "/secret/create");
}

#[test]
fn kubiya_values_survive_the_rate_limit_exactly() {
    let mut env = Env::new();
    env.set_rate_limit(20.0, 3, true);
    env.set("SECRETCTL_RATE_LIMIT_GIVE_UP", "20");
    let f = env.write("v.env", env_file(12, "V").as_bytes());
    env.run(&["kubiya", "import", f.to_str().unwrap()]).ok();
    for i in 0..12 {
        assert_eq!(
            env.kubiya_value(&format!("V{i:03}")).as_deref(),
            Some(format!("value-V-{i:03}-x").as_str())
        );
    }
}

#[test]
fn a_run_without_progress_gives_up_with_exit_6_and_the_rest_not_attempted() {
    let mut env = Env::new();
    env.set("SECRETCTL_RATE_LIMIT_GIVE_UP", "2");
    let f = env.write("q.env", env_file(6, "Q").as_bytes());
    // A quota that does not pass: every create is refused.
    env.fault(kubiya_quota_fault());
    let start = Instant::now();
    let r = env.run(&[
        "kubiya",
        "import",
        f.to_str().unwrap(),
        "--concurrency",
        "2",
    ]);
    assert!(
        start.elapsed() < Duration::from_secs(12),
        "{:?}",
        start.elapsed()
    );
    r.code(6).stderr_has("stopped on the rate limit");
    let failed = r
        .stdout
        .lines()
        .filter(|l| l.contains("\tfailed\t"))
        .count();
    let not = r
        .stdout
        .lines()
        .filter(|l| l.contains("\tnot attempted\t"))
        .count();
    assert_eq!(failed + not, 6, "{}", r.stdout);
    assert!(not >= 4, "the rest is not attempted:\n{}", r.stdout);
    assert!(r.stdout.contains("(429)"), "{}", r.stdout);
    assert!(env.kubiya_secrets().is_empty());
}

/// Issue 25: with -o json the give-up's error line has its JSON error object too.
#[test]
fn the_give_up_has_a_json_error_object_with_o_json() {
    let mut env = Env::new();
    env.set("SECRETCTL_RATE_LIMIT_GIVE_UP", "1");
    let f = env.write("q.env", env_file(2, "Q").as_bytes());
    env.fault(kubiya_quota_fault());
    let r = env.run(&["-o", "json", "kubiya", "import", f.to_str().unwrap()]);
    r.code(6)
        .stderr_has("error: the server rate-limited every request");
    let obj: Value = r
        .stderr
        .lines()
        .find_map(|l| serde_json::from_str(l).ok())
        .unwrap_or_else(|| panic!("no JSON object on stderr:\n{}", r.stderr));
    assert_eq!(obj["error"]["code"], 6, "{obj}");
    assert!(
        obj["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("the server rate-limited every request for 1 s"),
        "{obj}"
    );
}

#[test]
fn single_commands_keep_their_own_retries_for_429() {
    let env = Env::new();
    env.fault(Fault {
        method: Some("GET".into()),
        path_contains: Some("/api/v1/secrets".into()),
        status: Some(429),
        retry_after: Some("0".into()),
        count: u32::MAX,
        ..Default::default()
    });
    env.run(&["kubiya", "list", "--retries", "2"])
        .code(6)
        .stderr_has("429");
    assert_eq!(env.requests(Some("GET"), "/api/v1/secrets").len(), 3);
}

#[test]
fn ambiguous_503s_are_reported_by_what_the_server_holds() {
    for (word, path) in [
        ("kubiya", "/api/v1/secrets"),
        ("chatbotkit", "/secret/create"),
    ] {
        let env = Env::new();
        // The server creates the secret, then answers 503: the answer does not say so.
        env.fault(Fault {
            method: Some("POST".into()),
            path_contains: Some(path.into()),
            status: Some(503),
            after: true,
            count: 3,
            ..Default::default()
        });
        let f = env.write("a.env", env_file(5, "A").as_bytes());
        let r = env.run(&[word, "import", f.to_str().unwrap(), "-o", "json"]);
        r.ok()
            .stderr_has("5 created")
            .stderr_has("3 answered with an error but were found on the server");
        for row in r.json().as_array().unwrap() {
            assert_eq!(row["action"], "created", "{row}");
            assert!(row.get("error").is_none(), "{row}");
        }
        let (ok, _) = creates(&env, "POST", path);
        let with_503 = env
            .requests(Some("POST"), path)
            .iter()
            .filter(|r| r.status == 503)
            .count();
        assert_eq!(with_503, 3);
        assert_eq!(ok.len() + with_503, 5, "nothing sent twice");
        let stored = match word {
            "kubiya" => env.kubiya_secrets(),
            _ => env.cbk_secrets(),
        };
        assert_eq!(stored.len(), 5);
        // One list to plan, one to check the three unsure items.
        let lists = env
            .requests(
                Some("GET"),
                if word == "kubiya" {
                    "/api/v1/secrets"
                } else {
                    "/secret/list"
                },
            )
            .len();
        assert_eq!(lists, 2, "{word}");
    }
}

#[test]
fn an_unsure_create_that_did_not_happen_stays_failed() {
    let env = Env::new();
    env.fault(Fault {
        method: Some("POST".into()),
        path_contains: Some("/api/v1/secrets".into()),
        status: Some(503),
        count: 1,
        ..Default::default()
    });
    let f = env.write("b.env", b"B1=value-b1-xyz\n");
    let r = env.run(&["kubiya", "import", f.to_str().unwrap()]);
    r.code(1)
        .stdout_has("B1\tfailed\t")
        .stdout_has("not on the server when checked");
    assert!(env.kubiya_secrets().is_empty());
}

#[test]
fn a_closed_stdout_keeps_the_exit_code_and_the_totals() {
    let env = Env::new();
    env.fault(Fault {
        method: Some("POST".into()),
        path_contains: Some("/api/v1/secrets".into()),
        status: Some(500),
        count: 1,
        ..Default::default()
    });
    let f = env.write("c.env", env_file(40, "C").as_bytes());
    let mut child = spawn_import(&env, &f, 1);
    // The reader goes away at once, like `| head -0`.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("39 created, 1 failed"), "{stderr}");
    assert!(!stderr.contains("error:"), "{stderr}");
}

#[test]
fn a_clean_import_into_a_closed_stdout_is_still_success() {
    let env = Env::new();
    let f = env.write("d.env", env_file(30, "D").as_bytes());
    let mut child = spawn_import(&env, &f, 4);
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("30 created"), "{stderr}");
}

#[test]
fn a_stream_that_sends_an_id_twice_is_a_server_loop() {
    let env = Env::new();
    let item = r#"{"type":"item","data":{"id":"sec_loop","name":"L"}}"#;
    env.fault(Fault {
        body: Some(format!("{item}\n{item}\n{item}\n")),
        content_type: Some("application/jsonl".into()),
        ..status_fault("/secret/list", 200, 1)
    });
    let r = env.run(&["chatbotkit", "list"]);
    r.code(6)
        .one_error_line()
        .stderr_has("twice in one stream")
        .stderr_has("sec_loop");
}

/// A server that answers the list with a stream that never ends: a new id every 20 ms.
fn endless_stream_server() -> (String, std::thread::JoinHandle<()>) {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", l.local_addr().unwrap());
    let h = std::thread::spawn(move || {
        let Ok((mut s, _)) = l.accept() else { return };
        let mut r = BufReader::new(s.try_clone().unwrap());
        let mut line = String::new();
        while r.read_line(&mut line).is_ok_and(|n| n > 2) {
            line.clear();
        }
        let _ = s.write_all(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/jsonl\r\ntransfer-encoding: chunked\r\n\r\n",
        );
        let end = Instant::now() + Duration::from_secs(60);
        for i in 0u64.. {
            let chunk = format!(
                "{{\"type\":\"item\",\"data\":{{\"id\":\"sec_{i}\",\"name\":\"N{i}\"}}}}\n"
            );
            let framed = format!("{:x}\r\n{chunk}\r\n", chunk.len());
            if s.write_all(framed.as_bytes()).is_err() || Instant::now() > end {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    });
    (url, h)
}

#[test]
fn timeout_bounds_a_whole_stream() {
    let env = Env::new();
    let (url, server) = endless_stream_server();
    let start = Instant::now();
    let r = env.run(&["--timeout", "2", "chatbotkit", "--base-url", &url, "list"]);
    let took = start.elapsed();
    r.code(6)
        .one_error_line()
        .stderr_has("did not end within the timeout");
    assert!(took < Duration::from_secs(8), "took {took:?}");
    // A list that did not end is not printed at all.
    assert_eq!(r.stdout, "");
    server.join().unwrap();
}

#[test]
fn a_wrong_base_path_is_an_endpoint_error_never_missing() {
    let env = Env::new();
    env.run_stdin(&["kubiya", "create", "KEEP"], b"value-keep-1")
        .ok();
    let wrong = format!("{}/some/path", env.url());
    for word in ["kubiya", "chatbotkit"] {
        let r = env.run(&[
            word,
            "--base-url",
            &wrong,
            "delete",
            "KEEP",
            "--yes",
            "--ignore-missing",
        ]);
        r.code(6)
            .one_error_line()
            .stderr_has("this base URL is not the API's")
            .stderr_has("check the base URL");
        let r = env.run(&[word, "--base-url", &wrong, "get", "KEEP"]);
        r.code(6).stderr_has("this base URL is not the API's");
    }
    assert_eq!(env.kubiya_secrets().len(), 1, "nothing deleted");
}

#[test]
fn a_real_missing_secret_is_still_missing() {
    let env = Env::new();
    env.run(&["kubiya", "get", "NOPE"]).code(3);
    env.run(&["kubiya", "delete", "NOPE", "--yes"]).code(3);
    env.run(&["chatbotkit", "delete", "NOPE", "--yes"]).code(3);
    env.run(&["kubiya", "delete", "NOPE", "--yes", "--ignore-missing"])
        .ok();
}

#[test]
fn ignore_missing_prints_its_json_object() {
    let env = Env::new();
    for (word, key) in [("kubiya", "name"), ("chatbotkit", "name_or_id")] {
        let r = env.run(&[
            word,
            "delete",
            "GONE",
            "--yes",
            "--ignore-missing",
            "-o",
            "json",
        ]);
        r.ok();
        let v = r.json();
        assert_eq!(v["action"], "missing", "{v}");
        assert_eq!(v[key], "GONE", "{v}");
        // Plain output names nothing: nothing was deleted.
        let r = env.run(&[word, "delete", "GONE", "--yes", "--ignore-missing"]);
        r.ok();
        assert_eq!(r.stdout, "");
    }
}

#[test]
fn https_to_a_plain_http_port_says_tls_and_is_not_retried() {
    let env = Env::new();
    let url = env.url().replace("http://", "https://");
    let r = env.run(&["-v", "kubiya", "--base-url", &url, "list"]);
    r.code(6).stderr_has("TLS").stderr_has("plain http");
    let attempts = r.stderr.lines().filter(|l| l.starts_with("> GET")).count();
    assert_eq!(attempts, 1, "{}", r.stderr);
}

/// Run an import of `n` slow items, send `signals` once some have landed, and return the
/// output.
fn interrupted_import(env: &Env, n: usize, latency: u64, signals: &[i32]) -> std::process::Output {
    interrupted_import_timed(env, n, latency, signals).0
}

/// An import of `n` slow items, sent `signals` once three have landed; its output and the
/// time from the first signal to its end.
fn interrupted_import_timed(
    env: &Env,
    n: usize,
    latency: u64,
    signals: &[i32],
) -> (std::process::Output, Duration) {
    interrupted_import_when(env, n, latency, signals, |env| {
        env.kubiya_secrets().len() >= 3
    })
}

/// Creates the emulator has received and not yet answered (its latency runs before it
/// stores, so these have most of it still to go).
fn creates_in_flight(env: &Env) -> usize {
    env.requests(Some("POST"), "/secrets")
        .iter()
        .filter(|r| r.status == 0)
        .count()
}

/// An import of `n` slow items, sent `signals` once `ready` holds; its output and the time
/// from the first signal to its end.
fn interrupted_import_when(
    env: &Env,
    n: usize,
    latency: u64,
    signals: &[i32],
    ready: impl Fn(&Env) -> bool,
) -> (std::process::Output, Duration) {
    env.emu.set_latency(latency);
    let f = env.write("slow.env", env_file(n, "S").as_bytes());
    let child = spawn_import(env, &f, 2);
    let deadline = Instant::now() + Duration::from_secs(30);
    while !ready(env) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let signalled = Instant::now();
    for &s in signals {
        // SAFETY: signalling our own child.
        unsafe {
            libc::kill(child.id() as i32, s);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let out = child.wait_with_output().unwrap();
    (out, signalled.elapsed())
}

#[test]
fn sigterm_mid_import_reports_then_ends_by_sigterm() {
    for sig in [libc::SIGTERM, libc::SIGHUP] {
        let env = Env::new();
        let out = interrupted_import(&env, 40, 150, &[sig]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.signal(), Some(sig), "{stderr}");
        // The totals name what stopped the run.
        let word = if sig == libc::SIGTERM {
            "terminated: "
        } else {
            "hung up: "
        };
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with(word) && l.contains("not attempted")),
            "{stderr}"
        );
        let created = stdout.lines().filter(|l| l.ends_with("\tcreated")).count();
        let not = stdout
            .lines()
            .filter(|l| l.contains("\tnot attempted\t"))
            .count();
        assert_eq!(created + not, 40, "{stdout}");
        assert!(not > 0, "{stdout}");
        assert_eq!(
            env.kubiya_secrets().len(),
            created,
            "the report is what was stored"
        );
    }
}

#[test]
fn a_second_ctrl_c_ends_at_once() {
    let env = Env::new();
    // Requests take 3 s each, and the signals go when two creates have just arrived: the
    // emulator sleeps before it stores, so counting stored secrets could signal just as a
    // pair was about to land, and the run might end before the second signal. Finishing
    // the two in flight would take seconds after the signals. Timed from the signals, so a
    // slow start cannot fail it.
    let (out, since_signals) =
        interrupted_import_when(&env, 40, 3000, &[libc::SIGINT, libc::SIGINT], |env| {
            creates_in_flight(env) >= 2
        });
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.signal(), Some(libc::SIGINT), "{stderr}");
    assert!(stderr.contains("stopping at once"), "{stderr}");
    assert!(
        !stderr.contains(" created,"),
        "no report after a forced stop: {stderr}"
    );
    // It did not wait for the slow requests in flight (each has up to 3 s to go).
    assert!(
        since_signals < Duration::from_millis(2500),
        "{since_signals:?}"
    );
}

#[test]
fn a_single_command_ends_by_the_signal_it_gets() {
    let env = Env::new();
    env.emu.set_latency(5000);
    let mut c = env.command();
    c.args(["kubiya", "list"]);
    c.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = c.spawn().unwrap();
    // The request is under way (it takes 5 s).
    std::thread::sleep(Duration::from_millis(700));
    // SAFETY: signalling our own child.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGTERM);
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.signal(), Some(libc::SIGTERM));
}

#[test]
fn config_commands_print_json_objects_with_o_json() {
    let env = Env::new();
    let cfg = env.path().join("c.toml");
    let cfg = cfg.to_str().unwrap();
    let r = env.run(&["config", "path", "--config", cfg, "-o", "json"]);
    r.ok();
    assert_eq!(r.json()["path"], cfg);
    let r = env.run_stdin(
        &[
            "config",
            "set-token",
            "kubiya",
            "--no-check",
            "--config",
            cfg,
            "-o",
            "json",
        ],
        b"tok-json-test-123456",
    );
    r.ok().no_leak("tok-json-test-123456");
    let v = r.json();
    assert_eq!(v["action"], "stored");
    assert_eq!(v["provider"], "kubiya");
    assert_eq!(v["key"], "token");
    assert_eq!(v["path"], cfg);
}

#[test]
fn an_interrupted_import_still_checks_its_unsure_items() {
    let env = Env::new();
    // The first create happens, then its answer is a 503.
    env.fault(Fault {
        method: Some("POST".into()),
        path_contains: Some("/api/v1/secrets".into()),
        status: Some(503),
        after: true,
        count: 1,
        ..Default::default()
    });
    let out = interrupted_import(&env, 40, 150, &[libc::SIGINT]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.signal(), Some(libc::SIGINT), "{stderr}");
    let created = stdout.lines().filter(|l| l.ends_with("\tcreated")).count();
    assert_eq!(env.kubiya_secrets().len(), created, "{stdout}");
    assert!(
        !stdout.lines().any(|l| l.contains("\tfailed")),
        "the unsure create was checked, not reported failed:\n{stdout}"
    );
}

#[test]
fn a_parse_error_prints_the_json_object_in_every_spelling_of_o_json() {
    let env = Env::new();
    for spelling in [
        &["-o", "json"][..],
        &["-o=json"][..],
        &["--output=json"][..],
        &["-ojson"][..],
    ] {
        let mut line: Vec<&str> = spelling.to_vec();
        line.extend(["kubiya", "lst"]);
        let r = env.run(&line);
        r.code(2);
        let last = r.stderr.lines().last().unwrap_or("");
        let v: Value = serde_json::from_str(last)
            .unwrap_or_else(|e| panic!("{line:?}: no JSON error object ({e}):\n{}", r.stderr));
        assert_eq!(v["error"]["code"], 2, "{line:?}");
    }
    assert!(env.emu.requests().is_empty());
}

#[test]
fn a_dry_run_into_a_closed_stdout_keeps_its_exit_code_and_totals() {
    let env = Env::new();
    env.run_stdin(&["kubiya", "create", "S000"], b"value-taken-1")
        .ok();
    let f = env.write("dry.env", env_file(3000, "S").as_bytes());
    let out = env.run_with_stdout_closed(&["kubiya", "import", f.to_str().unwrap(), "--dry-run"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // S000 exists: the plan has a failure, so exit 1 even though nobody read the plan.
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("dry run: 2999 create, 1 fail"), "{stderr}");
}

#[test]
fn a_signal_ignored_at_start_stays_ignored() {
    let env = Env::new();
    env.emu.set_latency(100);
    let f = env.write("nohup.env", env_file(20, "H").as_bytes());
    // As `nohup` starts it: SIGHUP ignored.
    let mut c = std::process::Command::new("sh");
    for (k, v) in env.command().get_envs() {
        match v {
            Some(v) => c.env(k, v),
            None => c.env_remove(k),
        };
    }
    c.arg("-c")
        .arg("trap '' HUP; exec \"$0\" kubiya import \"$1\" --concurrency 2")
        .arg(bin())
        .arg(&f);
    c.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = c.spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while env.kubiya_secrets().len() < 3 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    // SAFETY: signalling our own child (the exec'd secretctl).
    unsafe {
        libc::kill(child.id() as i32, libc::SIGHUP);
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("20 created"), "{stderr}");
    assert_eq!(env.kubiya_secrets().len(), 20);
}

#[test]
fn giving_up_on_the_rate_limit_says_why_in_an_error_line() {
    let mut env = Env::new();
    env.set("SECRETCTL_RATE_LIMIT_GIVE_UP", "1");
    env.fault(Fault {
        method: Some("POST".into()),
        path_contains: Some("/api/v1/secrets".into()),
        status: Some(429),
        count: u32::MAX,
        ..Default::default()
    });
    let f = env.write("g.env", env_file(3, "G").as_bytes());
    let start = Instant::now();
    let r = env.run(&["kubiya", "import", f.to_str().unwrap()]);
    r.code(6)
        .stderr_has("error: the server rate-limited every request for 1 s")
        .stderr_has("quota may be used up");
    assert!(!r.stderr.contains("were sent again"), "{}", r.stderr);
    // The hold never runs past the give-up time by a whole backoff.
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn import_refuses_names_the_apis_cannot_serve_before_sending() {
    let env = Env::new();
    let long = "N".repeat(256);
    let f = env.write(
        "long.env",
        format!("OK=value-ok-1\n{long}=value-long-1\n").as_bytes(),
    );
    for word in ["kubiya", "chatbotkit"] {
        env.run(&[word, "import", f.to_str().unwrap()])
            .code(2)
            .stderr_has(":2:")
            .stderr_has("256 bytes, over the limit of 255");
    }
    assert!(env.writes().is_empty());
}
