//! `config check` (the token proven with one read call, its source and the base URL's) and
//! `config set-token`'s check before it stores a token.

use crate::support::*;

/// The one proving call of each provider, as the emulator received it.
fn proofs(env: &Env) -> Vec<RecordedRequest> {
    env.emu
        .requests()
        .into_iter()
        .filter(|r| r.path.contains("/users/self") || r.path.contains("/secret/list"))
        .collect()
}

#[test]
fn config_check_proves_both_tokens_with_one_cheap_read_each() {
    let env = Env::new();
    env.emu.seed_kubiya("A", "value-aaaaaaaa", "");
    let r = env.run(&["config", "check"]);
    r.ok().no_leak("value-aaaaaaaa");
    let url = env.url();
    let lines: Vec<Vec<&str>> = r.stdout.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 2, "{}", r.stdout);
    assert_eq!(
        lines[0][..5],
        [
            "chatbotkit",
            &format!("{url}/api/v1"),
            "env CHATBOTKIT_API_URL",
            "env CHATBOTKIT_API_TOKEN",
            "ok"
        ]
    );
    assert_eq!(
        lines[1][..5],
        [
            "kubiya",
            &format!("{url}/api/v1"),
            "env KUBIYA_BASE_URL",
            "env KUBIYA_API_KEY",
            "ok"
        ]
    );
    assert!(lines[1][5].ends_with(" ms"), "{}", r.stdout);
    // ChatBotKit: a list of one. Kubiya: the key's own user, not the list of secrets.
    let reqs = env.emu.requests();
    assert_eq!(reqs.len(), 2, "{reqs:?}");
    assert_eq!(reqs[0].method, "GET");
    assert_eq!(reqs[0].path, "/api/v1/secret/list?take=1");
    assert_eq!(
        reqs[0].header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(reqs[1].path, "/api/v1/users/self");
    assert_eq!(
        reqs[1].header("authorization"),
        Some(format!("UserKey {TOKEN}").as_str())
    );
}

#[test]
fn config_check_json_has_the_contract_fields_and_never_the_token() {
    let env = Env::new();
    let r = env.run(&["config", "check", "-o", "json"]);
    r.ok();
    let v = r.json();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    for (row, provider, var) in [
        (&rows[0], "chatbotkit", "CHATBOTKIT_API_TOKEN"),
        (&rows[1], "kubiya", "KUBIYA_API_KEY"),
    ] {
        assert_eq!(row["provider"], provider);
        assert_eq!(row["base_url"], format!("{}/api/v1", env.url()));
        assert_eq!(row["token_source"], format!("env {var}"));
        assert_eq!(row["status"], "ok");
        assert!(row["ms"].is_u64(), "{row}");
        assert!(row.get("error").is_none(), "{row}");
    }
}

#[test]
fn config_check_shows_profile_token_and_token_command_sources() {
    let mut env = Env::new();
    env.remove("KUBIYA_API_KEY").remove("CHATBOTKIT_API_TOKEN");
    let cfg = env.write(
        "c.toml",
        format!(
            "[profiles.work.kubiya]\ntoken = \"{TOKEN}\"\n\
             [profiles.work.chatbotkit]\ntoken_command = \"printf %s {TOKEN}\"\n"
        )
        .as_bytes(),
    );
    std::fs::set_permissions(&cfg, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let c = cfg.to_str().unwrap();
    let r = env.run(&[
        "--config",
        c,
        "--profile",
        "work",
        "config",
        "check",
        "-o",
        "json",
    ]);
    r.ok();
    let v = r.json();
    assert_eq!(v[0]["token_source"], "profile work token_command");
    assert_eq!(v[0]["status"], "ok");
    assert_eq!(v[1]["token_source"], "profile work token");
    assert_eq!(v[1]["status"], "ok");
    assert_eq!(proofs(&env).len(), 2);
}

#[test]
fn a_provider_without_a_token_is_not_configured_and_an_error_only_when_named() {
    let mut env = Env::new();
    env.remove("CHATBOTKIT_API_TOKEN");
    let r = env.run(&["config", "check", "-o", "json"]);
    r.ok();
    let v = r.json();
    assert_eq!(v[0]["status"], "not configured");
    assert_eq!(v[0]["token_source"], Value::Null);
    assert_eq!(v[1]["status"], "ok");
    assert!(env.requests(None, "/secret/").is_empty());
    let r = env.run(&["config", "check", "chatbotkit"]);
    r.code(4)
        .stdout_has("not configured")
        .stderr_has("CHATBOTKIT_API_TOKEN");
    let r = env.run(&["config", "check", "cbk", "-o", "json"]);
    r.code(4);
    assert_eq!(r.json()[0]["status"], "not configured");
    assert!(
        r.json()[0]["error"]
            .as_str()
            .unwrap()
            .contains("no ChatBotKit token")
    );
    assert!(env.requests(None, "/secret/").is_empty());
}

#[test]
fn config_check_exits_with_the_worst_failure() {
    let mut env = Env::new();
    env.set("KUBIYA_API_KEY", "wrong-key-0123456789");
    let r = env.run(&["config", "check", "-o", "json"]);
    r.code(4);
    let v = r.json();
    assert_eq!(v[0]["status"], "ok");
    assert_eq!(v[1]["status"], "error");
    assert!(v[1]["error"].as_str().unwrap().contains("(401)"), "{v}");
    // A server error on the other provider is worse: 6.
    env.fault(status_fault("/secret/list", 503, 1));
    let r = env.run(&["--retries", "0", "config", "check"]);
    r.code(6).stdout_has("(503)");
    // Only the named provider counts.
    env.run(&["config", "check", "chatbotkit"]).ok();
}

#[test]
fn a_kubiya_server_without_users_self_is_proven_by_its_list() {
    let env = Env::new();
    env.fault(status_fault("/users/self", 404, 1));
    let r = env.run(&["config", "check", "kubiya", "-o", "json"]);
    r.ok();
    assert_eq!(r.json()[0]["status"], "ok");
    let paths: Vec<String> = env.emu.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/api/v1/users/self", "/api/v1/secrets"]);
    // A wrong base path answers 404 everywhere: an endpoint error, not ok.
    let mut env = Env::new();
    env.set("KUBIYA_BASE_URL", &format!("{}/nothing/api/v1", env.url()));
    env.run(&["config", "check", "kubiya"])
        .code(6)
        .stdout_has("not the API's");
}

#[test]
fn config_check_shows_the_rate_limit_headroom_kubiya_sends() {
    let env = Env::new();
    env.set_rate_limit(100.0, 100, true);
    let r = env.run(&["config", "check", "kubiya"]);
    r.ok().stdout_has("requests left");
    let r = env.run(&["config", "check", "kubiya", "-o", "json"]);
    let v = r.json();
    assert_eq!(v[0]["rate_limit"]["limit"], 100);
    assert!(
        v[0]["rate_limit"]["remaining"].as_u64().unwrap() < 100,
        "{v}"
    );
}

#[test]
fn set_token_proves_the_token_before_storing_it() {
    let mut env = Env::new();
    env.remove("KUBIYA_API_KEY");
    let cfg = env.path().join(".config/secretctl/config.toml");
    // Refused: exit 4, nothing written.
    let r = env.run_stdin(
        &["config", "set-token", "kubiya"],
        b"wrong-key-0123456789\n",
    );
    r.code(4)
        .one_error_line()
        .stderr_has("not stored")
        .no_leak("wrong-key-0123456789");
    assert!(!cfg.exists());
    let probe = env.requests(Some("GET"), "/users/self").pop().unwrap();
    assert_eq!(
        probe.header("authorization"),
        Some("UserKey wrong-key-0123456789")
    );
    // Accepted: stored.
    env.run_stdin(
        &["config", "set-token", "kubiya"],
        format!("{TOKEN}\n").as_bytes(),
    )
    .ok()
    .stderr_has("token works");
    assert!(std::fs::read_to_string(&cfg).unwrap().contains(TOKEN));
    assert_eq!(mode(&cfg), 0o600);
}

#[test]
fn set_token_on_an_unreachable_server_is_exit_6_unless_no_check() {
    let mut env = Env::new();
    // A port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    env.set("KUBIYA_BASE_URL", &format!("http://127.0.0.1:{port}"));
    let cfg = env.path().join(".config/secretctl/config.toml");
    let r = env.run_stdin(
        &["--retries", "0", "config", "set-token", "kubiya"],
        format!("{TOKEN}\n").as_bytes(),
    );
    r.code(6).stderr_has("--no-check");
    assert!(!cfg.exists());
    // The hint's command stores where this one would have: the same profile.
    let r = env.run_stdin(
        &[
            "--retries",
            "0",
            "config",
            "set-token",
            "kubiya",
            "--profile",
            "work",
        ],
        format!("{TOKEN}\n").as_bytes(),
    );
    r.code(6)
        .stderr_has("secretctl config set-token kubiya --no-check --profile work");
    assert!(!cfg.exists());
    env.run_stdin(
        &["config", "set-token", "kubiya", "--no-check"],
        format!("{TOKEN}\n").as_bytes(),
    )
    .ok();
    assert!(std::fs::read_to_string(&cfg).unwrap().contains(TOKEN));
    assert!(env.emu.requests().is_empty());
}

#[test]
fn kubiya_on_api_v2_is_proven_by_the_v1_users_route() {
    let mut env = Env::new();
    env.set("KUBIYA_BASE_URL", &format!("{}/api/v2", env.url()));
    env.run(&["config", "check", "kubiya"]).ok();
    let paths: Vec<String> = env.emu.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/api/v1/users/self"]);
}

/// A Kubiya base URL naming an API version the API does not serve is refused before anything
/// is sent, by every command — not rewritten, proven `ok`, stored, and then failing.
#[test]
fn a_kubiya_base_url_with_an_unknown_api_version_is_a_usage_error_everywhere() {
    let mut env = Env::new();
    env.set("KUBIYA_BASE_URL", &format!("{}/api/v9", env.url()));
    let r = env.run(&["config", "check", "kubiya"]);
    r.code(2).stdout_has("no version 'v9'").stderr_has("hint: ");
    let r = env.run(&["config", "check", "kubiya", "-o", "json"]);
    assert_eq!(r.json()[0]["base_url"], Value::Null);
    env.run(&["kubiya", "list"])
        .code(2)
        .one_error_line()
        .stderr_has("no version 'v9'")
        .stderr_has("/api/v1 or /api/v2");
    let mut env2 = Env::new();
    env2.set("KUBIYA_BASE_URL", &format!("{}/api/v9", env2.url()));
    env2.remove("KUBIYA_API_KEY");
    let cfg = env2.path().join(".config/secretctl/config.toml");
    env2.run_stdin(
        &["config", "set-token", "kubiya"],
        format!("{TOKEN}\n").as_bytes(),
    )
    .code(2)
    .one_error_line();
    assert!(!cfg.exists());
    assert!(env.emu.requests().is_empty());
    assert!(env2.emu.requests().is_empty());
    // v1 and v2 are both the API's.
    for v in ["v1", "v2"] {
        let mut env = Env::new();
        env.set("KUBIYA_BASE_URL", &format!("{}/api/{v}", env.url()));
        env.run(&["config", "check", "kubiya"]).ok();
    }
}

/// `/users/self` must answer a user record: any JSON object (a proxy's `{"ok":true}`) is
/// not proof of the key.
#[test]
fn the_kubiya_proof_needs_a_user_record() {
    let mut env = Env::new();
    env.fault(Fault {
        path_contains: Some("/users/self".into()),
        status: Some(200),
        body: Some("{\"ok\":true}".into()),
        count: u32::MAX,
        ..Default::default()
    });
    env.run(&["config", "check", "kubiya"])
        .code(6)
        .stdout_has("not a user record");
    env.remove("KUBIYA_API_KEY");
    let cfg = env.path().join(".config/secretctl/config.toml");
    env.run_stdin(
        &["config", "set-token", "kubiya"],
        format!("{TOKEN}\n").as_bytes(),
    )
    .code(6)
    .one_error_line()
    .stderr_has("--base-url");
    assert!(!cfg.exists());
}

/// `--base-url` on `config check` and `config set-token`: before the variable, shown as
/// `flag`, with the same plain-http rule; set-token's "not the API's" hints at the base URL.
#[test]
fn config_check_and_set_token_take_base_url() {
    let mut env = Env::new();
    let url = env.url();
    // The variable points elsewhere: the flag wins, and nothing goes there.
    env.set("KUBIYA_BASE_URL", "https://kubiya.invalid/api/v1");
    let r = env.run(&[
        "config",
        "check",
        "kubiya",
        "--base-url",
        &url,
        "-o",
        "json",
    ]);
    r.ok();
    let v = r.json();
    assert_eq!(v[0]["base_url_source"], "flag");
    assert_eq!(v[0]["base_url"], format!("{url}/api/v1"));
    assert_eq!(v[0]["status"], "ok");
    env.run(&["config", "check", "kubiya", "--base-url", &url])
        .ok()
        .stdout_has("\tflag\t");
    env.run(&[
        "config",
        "check",
        "kubiya",
        "--base-url",
        "http://example.com",
    ])
    .code(2)
    .stdout_has("plain http://");
    // It is one provider's: naming none is a usage error.
    env.run(&["config", "check", "--base-url", &url]).code(2);
    env.remove("KUBIYA_API_KEY");
    let cfg = env.path().join(".config/secretctl/config.toml");
    let before = env.emu.requests().len();
    env.run_stdin(
        &["config", "set-token", "kubiya", "--base-url", &url],
        format!("{TOKEN}\n").as_bytes(),
    )
    .ok()
    .stderr_has("token works")
    .stderr_has("note: --base-url is not stored");
    assert_eq!(env.emu.requests().len(), before + 1);
    assert!(std::fs::read_to_string(&cfg).unwrap().contains(TOKEN));
    std::fs::remove_file(&cfg).unwrap();
    // A base URL that is not the API's: the hint is about the base URL, not --no-check.
    let r = env.run_stdin(
        &[
            "config",
            "set-token",
            "kubiya",
            "--base-url",
            &format!("{url}/nothing"),
        ],
        format!("{TOKEN}\n").as_bytes(),
    );
    r.code(6)
        .one_error_line()
        .stderr_has("not the API's")
        .stderr_has("from flag")
        .stderr_has("--base-url, KUBIYA_BASE_URL, or the profile's base_url");
    assert!(!r.stderr.contains("--no-check"), "{}", r.stderr);
    assert!(!cfg.exists());
    env.run_stdin(
        &[
            "config",
            "set-token",
            "kubiya",
            "--base-url",
            "http://example.com",
        ],
        format!("{TOKEN}\n").as_bytes(),
    )
    .code(2);
    assert!(!cfg.exists());
}

/// A refused token leaves an existing config file as it was: the same bytes, the same file.
#[test]
fn a_refused_set_token_leaves_the_config_file_untouched() {
    use std::os::unix::fs::MetadataExt;
    let mut env = Env::new();
    env.remove("KUBIYA_API_KEY");
    let text = format!(
        "# my settings\ndefault_profile = \"work\"\n[profiles.work.kubiya]\ntoken = \"{TOKEN}\"\n"
    );
    let cfg = env.write(".config/secretctl/config.toml", text.as_bytes());
    std::fs::set_permissions(&cfg, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let inode = std::fs::metadata(&cfg).unwrap().ino();
    env.run_stdin(
        &["config", "set-token", "kubiya"],
        b"wrong-key-0123456789\n",
    )
    .code(4)
    .one_error_line()
    .no_leak("wrong-key-0123456789");
    assert_eq!(std::fs::read_to_string(&cfg).unwrap(), text);
    assert_eq!(std::fs::metadata(&cfg).unwrap().ino(), inode);
    assert_eq!(mode(&cfg), 0o600);
}

/// ChatBotKit's proof refused with 401 or 403: exit 4, nothing written.
#[test]
fn chatbotkit_set_token_refused_with_401_or_403_writes_nothing() {
    let mut env = Env::new();
    env.remove("CHATBOTKIT_API_TOKEN");
    let cfg = env.path().join(".config/secretctl/config.toml");
    env.run_stdin(
        &["config", "set-token", "chatbotkit"],
        b"wrong-token-0123456789\n",
    )
    .code(4)
    .one_error_line()
    .stderr_has("(401)")
    .no_leak("wrong-token-0123456789");
    assert!(!cfg.exists());
    env.fault(status_fault("/secret/list", 403, 1));
    env.run_stdin(
        &["config", "set-token", "chatbotkit"],
        format!("{TOKEN}\n").as_bytes(),
    )
    .code(4)
    .one_error_line()
    .stderr_has("(403)");
    assert!(!cfg.exists());
    let proofs = env.requests(Some("GET"), "/secret/list?take=1");
    assert_eq!(proofs.len(), 2);
    assert_eq!(
        proofs[0].header("authorization"),
        Some("Bearer wrong-token-0123456789")
    );
    assert!(env.writes().is_empty());
}
