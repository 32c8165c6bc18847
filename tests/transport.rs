//! The HTTP transport end to end: which failures are retried for which operation, backoff
//! and Retry-After, timeouts, `-v`/`-vv` tracing with secrets redacted, and the mapping of
//! statuses and unreadable bodies to exit codes.

use std::time::{Duration, Instant};

use crate::support::*;

/// A base URL to a port nothing listens on.
fn closed_port_url() -> String {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    drop(l);
    format!("http://127.0.0.1:{port}")
}

fn fault(method: &str, path: &str) -> Fault {
    Fault {
        method: Some(method.to_string()),
        path_contains: Some(path.to_string()),
        count: 1,
        ..Default::default()
    }
}

/// How many `error:` lines stderr has (with `-v` the trace comes first).
fn error_lines(r: &Run) -> usize {
    r.stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .count()
}

/// Statuses the emulator sent for the requests matching `method` and `part`.
fn statuses(env: &Env, method: &str, part: &str) -> Vec<u16> {
    env.requests(Some(method), part)
        .iter()
        .map(|r| r.status)
        .collect()
}

#[test]
fn list_is_retried_on_each_retryable_status() {
    for status in [429, 502, 503, 504] {
        let env = Env::new();
        env.emu.seed_kubiya("A", "v", "");
        env.fault(status_fault("/api/v1/secrets", status, 2));
        let r = env.run(&["--retries", "2", "kubiya", "list"]);
        r.ok();
        assert!(r.stdout.starts_with("A\t"), "{status}: {}", r.stdout);
        assert_eq!(
            statuses(&env, "GET", "/secrets"),
            [status, status, 200],
            "{status}"
        );
    }
}

#[test]
fn more_failures_than_retries_is_exit_6_naming_the_operation() {
    let env = Env::new();
    env.fault(status_fault("/api/v1/secrets", 503, 10));
    let r = env.run(&["kubiya", "list", "--retries", "2"]);
    r.code(6)
        .one_error_line()
        .stderr_has("cannot list Kubiya secrets")
        .stderr_has("503");
    assert_eq!(r.stdout, "");
    assert_eq!(env.requests(Some("GET"), "/secrets").len(), 3);
}

#[test]
fn default_is_three_retries() {
    let env = Env::new();
    env.fault(status_fault("/api/v1/secrets", 502, 10));
    env.run(&["kubiya", "list"]).code(6);
    assert_eq!(env.requests(Some("GET"), "/secrets").len(), 4);
}

#[test]
fn retries_zero_means_one_attempt() {
    let env = Env::new();
    env.fault(status_fault("/api/v1/secrets", 503, 1));
    env.run(&["--retries", "0", "kubiya", "list"])
        .code(6)
        .one_error_line();
    assert_eq!(env.requests(Some("GET"), "/secrets").len(), 1);
}

#[test]
fn backoff_waits_between_attempts() {
    let env = Env::new();
    env.fault(status_fault("/api/v1/secrets", 503, 2));
    let start = Instant::now();
    let r = env.run(&["--retries", "2", "-v", "kubiya", "list"]);
    let elapsed = start.elapsed();
    r.ok();
    // 250 ms then 500 ms, each with up to +50 % jitter.
    assert!(elapsed >= Duration::from_millis(700), "{elapsed:?}");
    assert_eq!(r.stderr.matches("retry 1/2").count(), 1, "{}", r.stderr);
    assert_eq!(r.stderr.matches("retry 2/2").count(), 1, "{}", r.stderr);
}

#[test]
fn retry_after_is_honoured() {
    let env = Env::new();
    env.fault(Fault {
        retry_after: Some("1".into()),
        ..status_fault("/api/v1/secrets", 429, 1)
    });
    let start = Instant::now();
    let r = env.run(&["--retries", "1", "-v", "kubiya", "list"]);
    let elapsed = start.elapsed();
    r.ok().stderr_has("retry 1/1 in 1000 ms");
    assert!(elapsed >= Duration::from_millis(950), "{elapsed:?}");
    assert_eq!(statuses(&env, "GET", "/secrets"), [429, 200]);
}

#[test]
fn rate_limit_after_retries_is_exit_6_with_a_hint() {
    let env = Env::new();
    env.fault(status_fault("/api/v1/secrets", 429, 10));
    env.run(&["--retries", "1", "kubiya", "list"])
        .code(6)
        .one_error_line()
        .stderr_has("hint:")
        .stderr_has("rate limited");
}

#[test]
fn dropped_connection_on_get_is_retried() {
    let env = Env::new();
    env.emu.seed_kubiya("A", "s3cr3t-val", "");
    env.fault(Fault {
        drop: true,
        ..fault("GET", "/secrets/get_value/A")
    });
    let r = env.run(&["kubiya", "get", "A", "--reveal"]);
    r.ok();
    assert_eq!(r.stdout, "s3cr3t-val");
    // The dropped one got no status.
    assert_eq!(statuses(&env, "GET", "/get_value/"), [0, 200]);
}

#[test]
fn dropped_connections_beyond_retries_is_exit_6() {
    let env = Env::new();
    env.fault(Fault {
        drop: true,
        count: 10,
        ..fault("GET", "/secrets")
    });
    env.run(&["--retries", "1", "kubiya", "list"])
        .code(6)
        .one_error_line()
        .stderr_has("dropped");
    assert_eq!(statuses(&env, "GET", "/secrets"), [0, 0]);
}

#[test]
fn connection_refused_is_retried_then_exit_6() {
    let env = Env::new();
    let url = closed_port_url();
    let start = Instant::now();
    let r = env.run(&["--retries", "2", "-v", "kubiya", "list", "--base-url", &url]);
    let elapsed = start.elapsed();
    r.code(6).stderr_has("cannot connect").stderr_has(&url);
    assert_eq!(r.stderr.matches("> GET ").count(), 3, "{}", r.stderr);
    assert!(elapsed >= Duration::from_millis(700), "{elapsed:?}");
    assert_eq!(error_lines(&r), 1, "{}", r.stderr);
}

#[test]
fn kubiya_create_is_retried_on_429() {
    let env = Env::new();
    env.fault(Fault {
        status: Some(429),
        ..fault("POST", "/api/v1/secrets")
    });
    env.run_stdin(&["kubiya", "create", "C"], b"v").ok();
    assert_eq!(statuses(&env, "POST", "/secrets"), [429, 200]);
    assert_eq!(env.kubiya_secrets().len(), 1);
}

#[test]
fn kubiya_create_is_retried_on_connection_refused() {
    let env = Env::new();
    let url = closed_port_url();
    let r = env.run_stdin(
        &[
            "-v",
            "--retries",
            "2",
            "kubiya",
            "--base-url",
            &url,
            "create",
            "C",
        ],
        b"v4lue-xyz",
    );
    r.code(6).no_leak("v4lue-xyz").stderr_has("cannot connect");
    assert_eq!(error_lines(&r), 1, "{}", r.stderr);
    assert_eq!(r.stderr.matches("> POST ").count(), 3, "{}", r.stderr);
}

#[test]
fn kubiya_create_is_not_retried_on_5xx_after_processing() {
    for status in [502, 503, 504] {
        let env = Env::new();
        env.fault(Fault {
            status: Some(status),
            after: true,
            ..fault("POST", "/api/v1/secrets")
        });
        let r = env.run_stdin(&["kubiya", "create", "C"], b"v4lue-xyz");
        r.code(6)
            .one_error_line()
            .stderr_has("may have been processed")
            .no_leak("v4lue-xyz");
        assert_eq!(env.requests(Some("POST"), "/secrets").len(), 1, "{status}");
        assert_eq!(env.kubiya_secrets().len(), 1, "{status}");
    }
}

#[test]
fn kubiya_create_is_not_retried_on_a_dropped_connection() {
    let env = Env::new();
    env.fault(Fault {
        drop: true,
        after: true,
        ..fault("POST", "/api/v1/secrets")
    });
    let r = env.run_stdin(&["kubiya", "create", "C"], b"v4lue-xyz");
    r.code(6)
        .one_error_line()
        .stderr_has("may have been processed")
        .no_leak("v4lue-xyz");
    assert_eq!(statuses(&env, "POST", "/secrets"), [0]);
    assert_eq!(env.kubiya_value("C").as_deref(), Some("v4lue-xyz"));
    assert_eq!(env.kubiya_secrets().len(), 1);
}

#[test]
fn chatbotkit_create_is_retried_on_429_only_once_stored() {
    let env = Env::new();
    env.fault(Fault {
        status: Some(429),
        ..fault("POST", "/secret/create")
    });
    let r = env.run_stdin(&["chatbotkit", "create", "C"], b"v");
    r.ok();
    assert_eq!(statuses(&env, "POST", "/secret/create"), [429, 200]);
    let stored = env.cbk_by_name("C");
    assert_eq!(stored.len(), 1);
    assert_eq!(r.stdout.trim(), stored[0]["id"].as_str().unwrap());
}

#[test]
fn chatbotkit_create_is_retried_on_connection_refused() {
    let env = Env::new();
    let url = closed_port_url();
    let r = env.run_stdin(
        &[
            "-v",
            "--retries",
            "1",
            "chatbotkit",
            "--base-url",
            &url,
            "create",
            "C",
        ],
        b"v4lue-xyz",
    );
    r.code(6).no_leak("v4lue-xyz").stderr_has("cannot connect");
    assert_eq!(error_lines(&r), 1, "{}", r.stderr);
    assert_eq!(r.stderr.matches("> POST ").count(), 2, "{}", r.stderr);
}

#[test]
fn chatbotkit_create_is_not_retried_after_processing() {
    for (status, drop) in [(Some(502), false), (Some(503), false), (None, true)] {
        let env = Env::new();
        env.fault(Fault {
            status,
            drop,
            after: true,
            ..fault("POST", "/secret/create")
        });
        let r = env.run_stdin(&["chatbotkit", "create", "C"], b"v4lue-xyz");
        r.code(6)
            .one_error_line()
            .stderr_has("may have been processed")
            .no_leak("v4lue-xyz");
        assert_eq!(
            env.requests(Some("POST"), "/secret/create").len(),
            1,
            "{status:?}"
        );
        assert_eq!(env.cbk_by_name("C").len(), 1, "{status:?}");
    }
}

#[test]
fn kubiya_delete_processed_then_dropped_counts_as_deleted() {
    let env = Env::new();
    env.emu.seed_kubiya("D", "v", "");
    env.fault(Fault {
        drop: true,
        after: true,
        ..fault("DELETE", "/secrets/D")
    });
    let r = env.run(&["kubiya", "delete", "D", "--yes"]);
    r.ok();
    assert_eq!(r.stdout, "D\n");
    assert_eq!(statuses(&env, "DELETE", "/secrets/D"), [0, 404]);
    assert!(env.kubiya_secrets().is_empty());
}

#[test]
fn kubiya_delete_processed_then_502_counts_as_deleted() {
    let env = Env::new();
    env.emu.seed_kubiya("D", "v", "");
    env.fault(Fault {
        status: Some(502),
        after: true,
        ..fault("DELETE", "/secrets/D")
    });
    env.run(&["kubiya", "delete", "D", "--yes"]).ok();
    assert_eq!(statuses(&env, "DELETE", "/secrets/D"), [502, 404]);
}

#[test]
fn chatbotkit_delete_processed_then_dropped_counts_as_deleted() {
    let env = Env::new();
    env.run_stdin(&["chatbotkit", "create", "D"], b"v").ok();
    let id = env.cbk_by_name("D")[0]["id"].as_str().unwrap().to_string();
    env.fault(Fault {
        drop: true,
        after: true,
        ..fault("POST", "/delete")
    });
    let r = env.run(&["chatbotkit", "delete", &id, "--yes"]);
    r.ok();
    assert_eq!(r.stdout, format!("{id}\n"));
    assert_eq!(statuses(&env, "POST", "/delete"), [0, 404]);
    assert!(env.cbk_secrets().is_empty());
}

/// A name is resolved before anything acts: the action goes to the id, never to the name's
/// URL (the server would take it for an alias), and a transient failure there is retried.
#[test]
fn chatbotkit_delete_by_name_after_a_transient_failure_deletes_the_named_secret() {
    for action in ["delete", "revoke"] {
        let env = Env::new();
        let id = env.emu.seed_chatbotkit(
            json!({"name": "mysecret", "kind": "shared", "value": "stored-value-Qx81"}),
        );
        env.fault(Fault {
            status: Some(502),
            ..fault("POST", &format!("/secret/{id}/{action}"))
        });
        let r = env.run(&["-o", "json", "chatbotkit", action, "mysecret", "--yes"]);
        r.ok();
        assert_eq!(r.json()["id"], id.as_str(), "{action}: {}", r.stdout);
        assert!(
            env.requests(Some("POST"), "/secret/mysecret/").is_empty(),
            "{action}: the name's URL got no action"
        );
        assert_eq!(
            statuses(&env, "POST", &format!("/secret/{id}/{action}")),
            [502, 200],
            "{action}: the named secret got the action"
        );
        match action {
            "delete" => assert!(env.cbk_secrets().is_empty(), "deleted"),
            _ => assert_eq!(env.cbk_secrets()[0]["value"], json!(null), "revoked"),
        }
    }
}

/// The contract's "a retried delete that meets 404 counts as deleted": the id was looked up
/// and the first attempt deleted it before its answer was lost.
#[test]
fn chatbotkit_delete_retried_into_404_counts_as_deleted() {
    let env = Env::new();
    let id = env
        .emu
        .seed_chatbotkit(json!({"name": "gone", "kind": "shared"}));
    let other = env
        .emu
        .seed_chatbotkit(json!({"name": "other", "kind": "shared"}));
    env.fault(Fault {
        status: Some(503),
        after: true,
        ..fault("POST", &format!("/secret/{id}/delete"))
    });
    let r = env.run(&["chatbotkit", "delete", &id, "--yes"]);
    r.ok();
    assert_eq!(r.stdout, format!("{id}\n"));
    assert_eq!(statuses(&env, "POST", "/delete"), [503, 404]);
    assert_eq!(
        env.cbk_secrets()[0]["id"],
        other.as_str(),
        "nothing else deleted"
    );
}

#[test]
fn a_first_attempt_404_on_delete_is_still_not_found() {
    let env = Env::new();
    env.run(&["kubiya", "delete", "D", "--yes", "--force"])
        .code(3);
    assert_eq!(statuses(&env, "DELETE", "/secrets/D"), [404]);
}

#[test]
fn kubiya_update_is_retried_on_503() {
    let env = Env::new();
    env.emu.seed_kubiya("U", "old", "");
    env.fault(Fault {
        status: Some(503),
        ..fault("PUT", "/secrets/U")
    });
    env.run_stdin(&["kubiya", "update", "U"], b"new").ok();
    assert_eq!(statuses(&env, "PUT", "/secrets/U"), [503, 200]);
    assert_eq!(env.kubiya_value("U").as_deref(), Some("new"));
}

#[test]
fn kubiya_update_is_retried_after_a_dropped_connection() {
    let env = Env::new();
    env.emu.seed_kubiya("U", "old", "");
    env.fault(Fault {
        drop: true,
        after: true,
        ..fault("PUT", "/secrets/U")
    });
    env.run_stdin(&["kubiya", "update", "U"], b"new").ok();
    assert_eq!(statuses(&env, "PUT", "/secrets/U"), [0, 200]);
    assert_eq!(env.kubiya_value("U").as_deref(), Some("new"));
}

#[test]
fn timeout_is_exit_6_and_not_retried() {
    let env = Env::new();
    env.fault(Fault {
        latency_ms: 15_000,
        ..fault("GET", "/secrets")
    });
    let start = Instant::now();
    let r = env.run(&["--timeout", "1", "kubiya", "list"]);
    let elapsed = start.elapsed();
    r.code(6).one_error_line().stderr_has("--timeout");
    // One attempt of 1 s (the request count below shows it was not retried);
    // an ignored timeout would take 15 s. The upper bound leaves room for a
    // loaded machine.
    assert!(elapsed >= Duration::from_millis(900), "{elapsed:?}");
    assert!(elapsed < Duration::from_millis(3900), "{elapsed:?}");
    assert_eq!(env.requests(Some("GET"), "/secrets").len(), 1);
}

#[test]
fn verbose_traces_method_url_status_and_time() {
    let env = Env::new();
    env.emu.seed_kubiya("A", "v", "");
    let r = env.run(&["kubiya", "list", "-v"]);
    r.ok()
        .stderr_has(&format!("> GET {}/api/v1/secrets", env.url()))
        .stderr_has("< 200 OK (");
    let status_line = r.stderr.lines().find(|l| l.starts_with("< 200")).unwrap();
    assert!(status_line.ends_with(" ms)"), "{status_line}");
    // -v shows no headers.
    assert!(!r.stderr.to_ascii_lowercase().contains("authorization"));
    // The trace is on stderr only: stdout is just the data.
    assert!(r.stdout.starts_with("A\t"), "{}", r.stdout);
    // Without -v nothing is traced.
    let r = env.run(&["kubiya", "list"]);
    assert_eq!(r.stderr, "");
}

#[test]
fn very_verbose_adds_headers_with_kubiya_token_redacted_and_no_value() {
    let env = Env::new();
    let value = "DISTINCT_v4lue_7781";
    let r = env.run_stdin(&["-vv", "kubiya", "create", "T"], value.as_bytes());
    r.ok().no_leak(value);
    let lower = r.stderr.to_ascii_lowercase();
    assert!(
        lower.contains("> authorization: userkey <redacted>"),
        "{}",
        r.stderr
    );
    assert!(
        lower.contains("> content-type: application/json"),
        "{}",
        r.stderr
    );
    assert!(lower.contains("< content-type:"), "{}", r.stderr);
    assert_eq!(env.kubiya_value("T").as_deref(), Some(value));
    // The value read back for --keep-value and revealed is not traced either.
    let r = env.run(&[
        "kubiya",
        "update",
        "T",
        "--keep-value",
        "--description",
        "d",
        "-vv",
    ]);
    r.ok().no_leak(value);
    let r = env.run(&["kubiya", "get", "T", "--reveal", "-vv"]);
    r.ok();
    assert!(!r.stderr.contains(value), "{}", r.stderr);
    assert_eq!(r.stdout, value);
}

#[test]
fn very_verbose_redacts_the_chatbotkit_bearer_token() {
    let env = Env::new();
    let value = "DISTINCT_cbk_v4lue_9911";
    let r = env.run_stdin(&["chatbotkit", "create", "T", "-vv"], value.as_bytes());
    r.ok().no_leak(value);
    assert!(
        r.stderr
            .to_ascii_lowercase()
            .contains("> authorization: bearer <redacted>"),
        "{}",
        r.stderr
    );
}

#[test]
fn html_error_page_is_one_line_without_markup() {
    let env = Env::new();
    env.fault(Fault {
        body: Some(
            "<!DOCTYPE html>\n<html><head><title>500</title></head>\n<body><h1>Internal Server Error</h1></body></html>".into(),
        ),
        content_type: Some("text/html".into()),
        ..status_fault("/api/v1/secrets", 500, 10)
    });
    let r = env.run(&["kubiya", "list"]);
    r.code(6)
        .one_error_line()
        .stderr_has("HTTP Error: Internal Server Error");
    assert!(!r.stderr.contains('<'), "{}", r.stderr);
    // 500 is not among the retried statuses.
    assert_eq!(env.requests(Some("GET"), "/secrets").len(), 1);
}

#[test]
fn html_502_is_retried_then_exit_6() {
    let env = Env::new();
    env.fault(Fault {
        body: Some("<html><body><center>502 Bad Gateway</center></body></html>".into()),
        content_type: Some("text/html".into()),
        ..status_fault("/api/v1/secrets", 502, 10)
    });
    let r = env.run(&["--retries", "1", "kubiya", "list"]);
    r.code(6)
        .one_error_line()
        .stderr_has("HTTP Error: Bad Gateway");
    assert!(!r.stderr.contains("<html"), "{}", r.stderr);
    assert_eq!(env.requests(Some("GET"), "/secrets").len(), 2);
}

#[test]
fn short_text_error_body_is_shown() {
    let env = Env::new();
    env.fault(Fault {
        body: Some("upstream connect error".into()),
        content_type: Some("text/plain".into()),
        ..status_fault("/api/v1/secrets", 503, 10)
    });
    env.run(&["--retries", "0", "kubiya", "list"])
        .code(6)
        .one_error_line()
        .stderr_has("upstream connect error");
}

#[test]
fn json_error_message_is_shown() {
    let env = Env::new();
    env.fault(Fault {
        body: Some(r#"{"error":"Bad Request","message":"value is too strange"}"#.into()),
        ..status_fault("/secrets/U", 400, 1)
    });
    env.emu.seed_kubiya("U", "old", "");
    let r = env.run_stdin(&["kubiya", "update", "U"], b"n3w-v4lu3");
    r.code(1)
        .one_error_line()
        .stderr_has("value is too strange")
        .no_leak("n3w-v4lu3");
    assert_eq!(env.kubiya_value("U").as_deref(), Some("old"));
}

/// A FastAPI-style 422 names the field and the problem; the `input` it echoes (which holds
/// the value sent) never reaches the output.
#[test]
fn validation_list_error_names_the_field_not_the_input() {
    let env = Env::new();
    env.fault(Fault {
        body: Some(
            r#"{"detail":[{"type":"string_too_long","loc":["body","value"],"msg":"String should have at most 8 characters","input":"n3w-value-too-long"}]}"#
                .into(),
        ),
        ..status_fault("/secrets", 422, 1)
    });
    let r = env.run_stdin(&["kubiya", "create", "V"], b"n3w-value-too-long");
    r.code(1)
        .one_error_line()
        .stderr_has("value: String should have at most 8 characters")
        .no_leak("n3w-value-too-long");
    assert!(env.kubiya_secrets().is_empty());
}

/// The message is made one line and shortened: the value must be cut out in the forms that
/// produces — whitespace run together, JSON-escaped, or longer than the shortened message.
#[test]
fn an_echoed_value_is_redacted_in_every_form_the_message_takes() {
    let long = format!("long-value-{}", "x7Q".repeat(150));
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "text/plain",
            "rejected value:\nmy  secret\tvalue-XYZ\n".to_string(),
            "my  secret\tvalue-XYZ",
        ),
        (
            "application/json",
            r#"{"message":"rejected: my  secret\tvalue-XYZ"}"#.to_string(),
            "my  secret\tvalue-XYZ",
        ),
        (
            "text/plain",
            "bad \"quote\\\"d-value-9\" here".to_string(),
            "quote\"d-value-9",
        ),
        (
            "text/plain",
            format!("rejected value: {long}"),
            long.as_str(),
        ),
    ];
    for (ct, body, value) in &cases {
        let env = Env::new();
        env.fault(Fault {
            body: Some(body.clone()),
            content_type: Some(ct.to_string()),
            ..status_fault("/secrets", 400, 1)
        });
        let r = env.run_stdin(&["kubiya", "create", "demo"], value.as_bytes());
        r.code(1).one_error_line();
        let squeezed = value.split_whitespace().collect::<Vec<_>>().join(" ");
        for form in [
            value.to_string(),
            squeezed,
            value[..40.min(value.len())].to_string(),
        ] {
            assert!(
                !r.stderr.contains(&form),
                "{ct} {body:?}: {form:?} in\n{}",
                r.stderr
            );
        }
        assert!(env.kubiya_secrets().is_empty());
    }
}

#[test]
fn an_echoed_value_in_an_error_body_is_redacted() {
    let env = Env::new();
    env.fault(Fault {
        body: Some(r#"{"message":"bad value: n3w-value-echoed"}"#.into()),
        ..status_fault("/secrets/U", 422, 1)
    });
    env.emu.seed_kubiya("U", "old", "");
    env.run_stdin(&["kubiya", "update", "U"], b"n3w-value-echoed")
        .code(1)
        .one_error_line()
        .stderr_has("<redacted>")
        .no_leak("n3w-value-echoed");
}

#[test]
fn html_in_a_200_list_is_exit_6() {
    let env = Env::new();
    env.fault(Fault {
        body: Some("<html><body>Welcome to nginx!</body></html>".into()),
        content_type: Some("text/html".into()),
        ..status_fault("/api/v1/secrets", 200, 1)
    });
    let r = env.run(&["kubiya", "list"]);
    r.code(6).one_error_line().stderr_has("HTML");
    assert_eq!(r.stdout, "");
    // Not retried: a 200 is an answer.
    assert_eq!(env.requests(Some("GET"), "/secrets").len(), 1);
}

#[test]
fn malformed_json_in_a_200_is_exit_6() {
    let env = Env::new();
    env.fault(Fault {
        body: Some(r#"[{"name": "A", "#.into()),
        ..status_fault("/api/v1/secrets", 200, 1)
    });
    env.run(&["kubiya", "list"])
        .code(6)
        .one_error_line()
        .stderr_has("not valid JSON");
    env.fault(Fault {
        body: Some(r#""just a string""#.into()),
        ..status_fault("/api/v1/secrets", 200, 1)
    });
    env.run(&["kubiya", "list"]).code(6).one_error_line();
}

#[test]
fn statuses_map_to_exit_codes() {
    // (status, exit code)
    for (status, code) in [
        (400, 1),
        (422, 1),
        (401, 4),
        (403, 4),
        // A 404 from the list route says the base URL is wrong, not that a secret is missing.
        (404, 6),
        (409, 5),
        (500, 6),
    ] {
        let env = Env::new();
        env.fault(status_fault("/api/v1/secrets", status, 10));
        let r = env.run(&["kubiya", "list"]);
        r.code(code)
            .one_error_line()
            .stderr_has(&status.to_string());
        assert_eq!(r.stdout, "", "{status}");
        assert_eq!(
            env.requests(Some("GET"), "/secrets").len(),
            1,
            "{status} is not retried"
        );
    }
}

#[test]
fn a_wrong_key_is_exit_4_with_the_server_message() {
    let mut env = Env::new();
    env.set("KUBIYA_API_KEY", "wrong_key_55aa");
    let r = env.run(&["kubiya", "list"]);
    r.code(4)
        .one_error_line()
        .stderr_has("Invalid API key")
        .stderr_has("KUBIYA_API_KEY")
        .no_leak("wrong_key_55aa");
    assert_eq!(statuses(&env, "GET", "/secrets"), [401]);
}

#[test]
fn json_output_adds_an_error_object_on_stderr() {
    let env = Env::new();
    env.fault(status_fault("/api/v1/secrets", 503, 10));
    let r = env.run(&["-o", "json", "--retries", "0", "kubiya", "list"]);
    r.code(6);
    let obj: Value = r
        .stderr
        .lines()
        .find_map(|l| serde_json::from_str(l).ok())
        .unwrap_or_else(|| panic!("no JSON line in {}", r.stderr));
    assert_eq!(obj["error"]["code"], 6);
    assert!(
        obj["error"]["message"]
            .as_str()
            .unwrap()
            .contains("cannot list Kubiya secrets"),
        "{obj}"
    );
}

/// A redirect is never followed: a 307 would re-send the value to another place.
#[test]
fn redirects_are_not_followed() {
    let env = Env::new();
    env.fault(Fault {
        method: Some("POST".into()),
        path_contains: Some("/secrets".into()),
        status: Some(307),
        body: Some(String::new()),
        count: 1,
        ..Default::default()
    });
    let r = env.run_stdin(&["kubiya", "create", "R1"], b"redirect-me-value\n");
    r.code(1)
        .no_leak("redirect-me-value")
        .stderr_has("does not follow redirects");
    assert_eq!(env.requests(Some("POST"), "/secrets").len(), 1);
    assert!(env.kubiya_secrets().is_empty());
}

/// A listener standing in for a proxy: counts connections and keeps what the first one sent.
struct FakeProxy {
    url: String,
    seen: std::sync::Arc<std::sync::Mutex<Vec<Vec<u8>>>>,
}

impl FakeProxy {
    fn start() -> FakeProxy {
        use std::io::Read;
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", l.local_addr().unwrap());
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let s = seen.clone();
        std::thread::spawn(move || {
            for conn in l.incoming() {
                let Ok(mut c) = conn else { return };
                let _ = c.set_read_timeout(Some(std::time::Duration::from_secs(2)));
                let mut buf = vec![0u8; 4096];
                let n = c.read(&mut buf).unwrap_or(0);
                buf.truncate(n);
                s.lock().unwrap().push(buf);
                // Refuse the tunnel: the client gives up at once.
                let _ = std::io::Write::write_all(
                    &mut c,
                    b"HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                );
            }
        });
        FakeProxy { url, seen }
    }

    fn connections(&self) -> Vec<String> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .collect()
    }
}

fn with_proxy(env: &mut Env, proxy: &FakeProxy) {
    for v in [
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ] {
        env.set(v, &proxy.url);
    }
}

/// A loopback base URL never goes through a proxy: the token would leave the machine (in
/// clear text, over `http`). Every proxy variable points at a real listener, which must see
/// nothing, while the request reaches the emulator.
#[test]
fn a_loopback_base_url_never_goes_through_a_proxy() {
    let proxy = FakeProxy::start();
    let mut env = Env::new();
    with_proxy(&mut env, &proxy);
    env.emu.seed_kubiya("P", "proxied-value-1", "d");
    env.run(&["kubiya", "list"]).ok().stdout_has("P");
    env.run(&["cbk", "list"]).ok();
    env.run(&["kubiya", "get", "P", "--reveal"]).ok();
    assert_eq!(env.requests(Some("GET"), "/api/v1/secrets").len(), 2);
    std::thread::sleep(Duration::from_millis(100));
    assert!(proxy.connections().is_empty(), "{:?}", proxy.connections());
}

/// A remote https base URL honours HTTPS_PROXY (a CONNECT tunnel, the token never shown to
/// the proxy), and NO_PROXY exempts a host.
#[test]
fn a_remote_https_base_url_honours_https_proxy_and_no_proxy() {
    let proxy = FakeProxy::start();
    let mut env = Env::new();
    with_proxy(&mut env, &proxy);
    env.set("KUBIYA_BASE_URL", "https://secrets.example.invalid/api/v1");
    let r = env.run(&["--retries", "0", "--timeout", "5", "kubiya", "list"]);
    r.code(6);
    let seen = proxy.connections();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert!(
        seen[0].starts_with("CONNECT secrets.example.invalid:443 "),
        "{seen:?}"
    );
    assert!(!seen[0].contains(TOKEN), "{seen:?}");

    let proxy = FakeProxy::start();
    let mut env = Env::new();
    with_proxy(&mut env, &proxy);
    env.set("KUBIYA_BASE_URL", "https://secrets.example.invalid/api/v1");
    env.set("NO_PROXY", "example.invalid");
    env.set("no_proxy", "example.invalid");
    env.run(&["--retries", "0", "--timeout", "5", "kubiya", "list"])
        .code(6);
    std::thread::sleep(Duration::from_millis(100));
    assert!(proxy.connections().is_empty(), "{:?}", proxy.connections());
}
