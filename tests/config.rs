use crate::support::*;

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Writes a config file with this mode.
fn config_file(env: &Env, name: &str, text: &str, mode: u32) -> PathBuf {
    let p = env.write(name, text.as_bytes());
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
    p
}

/// An environment whose Kubiya token can only come from the config file at `$SECRETCTL_CONFIG`.
fn kubiya_env(text: &str) -> (Env, PathBuf) {
    let mut env = Env::new();
    let p = config_file(&env, "cfg/config.toml", text, 0o600);
    env.remove("KUBIYA_API_KEY")
        .set("SECRETCTL_CONFIG", p.to_str().unwrap());
    (env, p)
}

fn auth_of_last(env: &Env) -> String {
    env.emu
        .requests()
        .last()
        .expect("a request")
        .header("authorization")
        .unwrap_or("")
        .to_string()
}

#[test]
fn profile_token_is_used() {
    let (env, _) = kubiya_env(&format!("[profiles.default.kubiya]\ntoken = \"{TOKEN}\"\n"));
    env.emu.seed_kubiya("FROM_PROFILE", "v", "");
    env.run(&["kubiya", "list"]).ok().stdout_has("FROM_PROFILE");
    assert_eq!(auth_of_last(&env), format!("UserKey {TOKEN}"));
}

#[test]
fn chatbotkit_profile_token_and_base_url_are_used() {
    let mut env = Env::new();
    let p = config_file(
        &env,
        "c.toml",
        &format!(
            "[profiles.default.chatbotkit]\nbase_url = \"{}\"\ntoken = \"{TOKEN}\"\n",
            env.url()
        ),
        0o600,
    );
    env.remove("CHATBOTKIT_API_TOKEN")
        .remove("CHATBOTKIT_API_URL")
        .set("SECRETCTL_CONFIG", p.to_str().unwrap());
    env.run_stdin(&["chatbotkit", "create", "P"], b"pv").ok();
    assert_eq!(env.cbk_by_name("P")[0]["value"], "pv");
    assert_eq!(auth_of_last(&env), format!("Bearer {TOKEN}"));
}

#[test]
fn default_profile_is_chosen() {
    let (env, _) = kubiya_env(&format!(
        "default_profile = \"work\"\n\
         [profiles.default.kubiya]\ntoken = \"wrong-default-token\"\n\
         [profiles.work.kubiya]\ntoken = \"{TOKEN}\"\n"
    ));
    env.run(&["kubiya", "list"])
        .ok()
        .no_leak("wrong-default-token");
    assert_eq!(auth_of_last(&env), format!("UserKey {TOKEN}"));
}

#[test]
fn profile_flag_and_env_choose_the_profile() {
    let (mut env, _) = kubiya_env(&format!(
        "[profiles.a.kubiya]\ntoken = \"wrong-a-token\"\n\
         [profiles.b.kubiya]\ntoken = \"{TOKEN}\"\n"
    ));
    env.run(&["--profile", "b", "kubiya", "list"]).ok();
    env.run(&["kubiya", "list", "--profile", "a"])
        .code(4)
        .no_leak("wrong-a-token");
    env.set("SECRETCTL_PROFILE", "b");
    env.run(&["kubiya", "list"]).ok();
    // The flag beats the variable.
    env.run(&["kubiya", "list", "--profile", "a"]).code(4);
    let auths: Vec<String> = env
        .emu
        .requests()
        .iter()
        .map(|r| r.header("authorization").unwrap_or("").to_string())
        .collect();
    assert_eq!(
        auths,
        vec![
            format!("UserKey {TOKEN}"),
            "UserKey wrong-a-token".to_string(),
            format!("UserKey {TOKEN}"),
            "UserKey wrong-a-token".to_string(),
        ]
    );
}

#[test]
fn unknown_profile_is_exit_2_listing_the_profiles() {
    let (mut env, _) = kubiya_env(&format!(
        "[profiles.alpha.kubiya]\ntoken = \"{TOKEN}\"\n[profiles.beta.kubiya]\ntoken = \"{TOKEN}\"\n"
    ));
    env.run(&["--profile", "gamma", "kubiya", "list"])
        .code(2)
        .one_error_line()
        .stderr_has("gamma")
        .stderr_has("alpha, beta");
    env.set("SECRETCTL_PROFILE", "delta");
    env.run(&["kubiya", "list"]).code(2).stderr_has("delta");
    assert!(env.emu.requests().is_empty());
}

#[test]
fn a_profile_without_any_config_file_says_there_is_no_file() {
    let env = Env::new();
    let r = env.run(&["--profile", "work", "kubiya", "list"]);
    r.code(2)
        .one_error_line()
        .stderr_has("no profile 'work' in ")
        .stderr_has("config.toml (there is no such file)")
        .stderr_has("secretctl config set-token");
    assert!(env.emu.requests().is_empty());
}

#[test]
fn unknown_default_profile_is_exit_2() {
    let (env, _) = kubiya_env(&format!(
        "default_profile = \"missing\"\n[profiles.x.kubiya]\ntoken = \"{TOKEN}\"\n"
    ));
    env.run(&["kubiya", "list"])
        .code(2)
        .stderr_has("missing")
        .stderr_has("profiles defined: x");
    assert!(env.emu.requests().is_empty());
}

#[test]
fn token_command_supplies_the_token() {
    let (env, _) = kubiya_env(&format!(
        "[profiles.default.kubiya]\ntoken_command = \"printf '  {TOKEN}\\\\n'\"\n"
    ));
    env.run(&["kubiya", "list"]).ok();
    assert_eq!(auth_of_last(&env), format!("UserKey {TOKEN}"));
}

#[test]
fn token_command_does_not_consume_the_piped_value() {
    let (env, _) = kubiya_env(&format!(
        "[profiles.default.kubiya]\ntoken_command = \"cat; printf {TOKEN}\"\n"
    ));
    env.run_stdin(&["kubiya", "create", "PIPED"], b"the-piped-value\n")
        .ok()
        .no_leak("the-piped-value");
    assert_eq!(env.kubiya_value("PIPED").unwrap(), "the-piped-value");
    assert_eq!(auth_of_last(&env), format!("UserKey {TOKEN}"));
}

#[test]
fn token_command_does_not_see_token_variables() {
    // A command that would print an inherited token gets nothing, so it fails.
    let (mut env, _) = kubiya_env(
        "[profiles.default.kubiya]\ntoken_command = \"printf %s \\\"$CBK_API_KEY\\\"\"\n",
    );
    env.set("CBK_API_KEY", TOKEN);
    env.run(&["kubiya", "list"]).code(4).one_error_line();
    assert!(env.emu.requests().is_empty());
}

#[test]
fn failing_token_command_is_exit_4() {
    let (env, _) = kubiya_env("[profiles.default.kubiya]\ntoken_command = \"exit 7\"\n");
    env.run(&["kubiya", "list"])
        .code(4)
        .one_error_line()
        .stderr_has("token_command");
    let (env2, _) = kubiya_env("[profiles.default.kubiya]\ntoken_command = \"true\"\n");
    env2.run(&["kubiya", "list"]).code(4).stderr_has("nothing");
    assert!(env.emu.requests().is_empty());
    assert!(env2.emu.requests().is_empty());
}

#[test]
fn hanging_token_command_is_bounded_by_timeout() {
    let (env, _) = kubiya_env("[profiles.default.kubiya]\ntoken_command = \"sleep 60\"\n");
    let start = Instant::now();
    env.run(&["--timeout", "1", "kubiya", "list"])
        .code(4)
        .one_error_line();
    assert!(
        start.elapsed() < Duration::from_secs(15),
        "took {:?}",
        start.elapsed()
    );
    assert!(env.emu.requests().is_empty());
}

#[test]
fn env_token_beats_profile_token() {
    let mut env = Env::new();
    let p = config_file(
        &env,
        "c.toml",
        "[profiles.default.kubiya]\ntoken = \"profile-token-loses\"\n",
        0o600,
    );
    env.set("SECRETCTL_CONFIG", p.to_str().unwrap());
    env.run(&["kubiya", "list"])
        .ok()
        .no_leak("profile-token-loses");
    assert_eq!(auth_of_last(&env), format!("UserKey {TOKEN}"));
}

#[test]
fn both_token_and_token_command_is_exit_2() {
    let (env, _) = kubiya_env(&format!(
        "[profiles.default.kubiya]\ntoken = \"{TOKEN}\"\ntoken_command = \"printf x\"\n"
    ));
    env.run(&["kubiya", "list"]).code(2).one_error_line();
    assert!(env.emu.requests().is_empty());
}

#[test]
fn base_url_precedence_flag_env_profile() {
    let mut env = Env::new();
    let url = env.url();
    let p = config_file(
        &env,
        "c.toml",
        &format!("[profiles.default.kubiya]\nbase_url = \"{url}/api/v2\"\n"),
        0o644,
    );
    env.set("SECRETCTL_CONFIG", p.to_str().unwrap());
    // env (…/api/v1) beats the profile (…/api/v2)
    env.run(&["kubiya", "list"]).ok();
    // the flag beats env
    env.run(&["kubiya", "--base-url", &format!("{url}/api/v2"), "list"])
        .ok();
    env.run(&["kubiya", "list", "--base-url", &format!("{url}/api/v2")])
        .ok();
    let paths: Vec<String> = env.emu.requests().iter().map(|r| r.path.clone()).collect();
    assert_eq!(
        paths,
        vec!["/api/v1/secrets", "/api/v2/secrets", "/api/v2/secrets"]
    );
    // without env, the profile
    env.remove("KUBIYA_BASE_URL");
    env.emu.clear_requests();
    env.run(&["kubiya", "list"]).ok();
    assert_eq!(env.emu.requests()[0].path, "/api/v2/secrets");
}

#[test]
fn chatbotkit_base_url_flag_beats_env() {
    let mut env = Env::new();
    env.set("CHATBOTKIT_API_URL", "http://127.0.0.1:1");
    let url = env.url();
    env.run(&["--retries", "0", "chatbotkit", "--base-url", &url, "list"])
        .ok();
    assert_eq!(env.emu.requests().len(), 1);
}

#[test]
fn group_readable_file_with_a_token_is_refused() {
    for mode in [0o644, 0o640, 0o604] {
        let mut env = Env::new();
        let p = config_file(
            &env,
            "c.toml",
            &format!("[profiles.default.kubiya]\ntoken = \"{TOKEN}\"\n"),
            mode,
        );
        env.remove("KUBIYA_API_KEY")
            .set("SECRETCTL_CONFIG", p.to_str().unwrap());
        env.run(&["kubiya", "list"])
            .code(4)
            .one_error_line()
            .stderr_has("chmod 600");
        assert!(env.emu.requests().is_empty(), "mode {mode:o}");
    }
}

#[test]
fn unsafe_token_file_is_refused_even_when_env_has_a_token() {
    let mut env = Env::new();
    let p = config_file(
        &env,
        "c.toml",
        "[profiles.other.chatbotkit]\ntoken = \"unused-but-exposed\"\n",
        0o644,
    );
    env.set("SECRETCTL_CONFIG", p.to_str().unwrap());
    env.run(&["chatbotkit", "list"])
        .code(4)
        .stderr_has("chmod 600")
        .no_leak("unused-but-exposed");
    assert!(env.emu.requests().is_empty());
}

#[test]
fn group_readable_file_without_a_token_is_accepted() {
    let mut env = Env::new();
    let url = env.url();
    let p = config_file(
        &env,
        "c.toml",
        &format!("[profiles.default.kubiya]\nbase_url = \"{url}/api/v2\"\n"),
        0o644,
    );
    env.remove("KUBIYA_BASE_URL")
        .set("SECRETCTL_CONFIG", p.to_str().unwrap());
    env.run(&["kubiya", "list"]).ok();
    assert_eq!(env.emu.requests()[0].path, "/api/v2/secrets");
    // A token_command in a readable (not writable) file is fine too.
    let q = config_file(
        &env,
        "d.toml",
        &format!(
            "[profiles.default.kubiya]\nbase_url = \"{url}\"\ntoken_command = \"printf {TOKEN}\"\n"
        ),
        0o644,
    );
    env.remove("KUBIYA_API_KEY");
    env.run(&["kubiya", "list", "--config", q.to_str().unwrap()])
        .ok();
}

#[test]
fn group_writable_file_with_a_token_command_is_refused() {
    let (env, p) = kubiya_env(&format!(
        "[profiles.default.kubiya]\ntoken_command = \"printf {TOKEN}\"\n"
    ));
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o620)).unwrap();
    env.run(&["kubiya", "list"]).code(4).stderr_has("chmod 600");
    assert!(env.emu.requests().is_empty());
}

#[test]
fn toml_syntax_error_is_exit_2_without_echoing_the_line() {
    let (env, _) =
        kubiya_env("[profiles.default.kubiya]\ntoken = \"abc-secret-in-config\nbase_url = 1\n");
    let r = env.run(&["kubiya", "list"]);
    r.code(2)
        .one_error_line()
        .stderr_has("line 2")
        .no_leak("abc-secret-in-config")
        .no_leak("abc-secret");
    assert!(env.emu.requests().is_empty());
}

#[test]
fn unknown_config_key_is_exit_2() {
    let (env, _) = kubiya_env(&format!("[profiles.default.kubiya]\ntokne = \"{TOKEN}\"\n"));
    env.run(&["kubiya", "list"])
        .code(2)
        .one_error_line()
        .stderr_has("tokne");
    let (env2, _) = kubiya_env("colour = \"red\"\n");
    env2.run(&["kubiya", "list"]).code(2).stderr_has("colour");
    assert!(env.emu.requests().is_empty());
}

#[test]
fn missing_config_file_named_explicitly_is_exit_2() {
    let env = Env::new();
    let p = env.path().join("nope.toml");
    env.run(&["--config", p.to_str().unwrap(), "kubiya", "list"])
        .code(2)
        .one_error_line()
        .stderr_has("nope.toml");
    assert!(env.emu.requests().is_empty());
}

#[test]
fn missing_token_names_the_variables_and_config_keys() {
    let mut env = Env::new();
    env.remove("KUBIYA_API_KEY").remove("CHATBOTKIT_API_TOKEN");
    env.run(&["kubiya", "list"])
        .code(4)
        .one_error_line()
        .stderr_has("KUBIYA_API_KEY")
        .stderr_has("token_command")
        .stderr_has("[profiles.default.kubiya]");
    let r = env.run(&["chatbotkit", "list"]);
    r.code(4).stderr_has("[profiles.default.chatbotkit]");
    for var in [
        "CHATBOTKIT_API_TOKEN",
        "CBK_API_TOKEN",
        "CHATBOTKIT_API_SECRET",
        "CBK_API_SECRET",
        "CHATBOTKIT_API_KEY",
        "CBK_API_KEY",
    ] {
        r.stderr_has(var);
    }
    // Missing token also for a create: the value is not even read, nothing is sent.
    env.run_stdin(&["kubiya", "create", "X"], b"xv-Lp4m-value")
        .code(4)
        .no_leak("xv-Lp4m-value");
    assert!(env.emu.requests().is_empty());
}

#[test]
fn empty_token_variable_counts_as_unset() {
    let mut env = Env::new();
    env.set("KUBIYA_API_KEY", "");
    env.run(&["kubiya", "list"])
        .code(4)
        .stderr_has("KUBIYA_API_KEY");
    assert!(env.emu.requests().is_empty());
}

#[test]
fn plain_http_to_a_non_loopback_host_is_refused() {
    let mut env = Env::new();
    env.run(&["kubiya", "--base-url", "http://example.com", "list"])
        .code(2)
        .one_error_line()
        .stderr_has("http://");
    env.run(&["chatbotkit", "list", "--base-url", "http://10.1.2.3:8080"])
        .code(2);
    env.run_stdin(
        &[
            "chatbotkit",
            "--base-url",
            "http://127.0.0.1.nip.io",
            "create",
            "X",
        ],
        b"xv",
    )
    .code(2);
    env.set("KUBIYA_BASE_URL", "http://192.168.1.1/api/v1");
    env.run(&["kubiya", "list"]).code(2);
    assert!(env.emu.requests().is_empty());
}

#[test]
fn plain_http_from_a_profile_to_a_non_loopback_host_is_refused() {
    let mut env = Env::new();
    let p = config_file(
        &env,
        "c.toml",
        "[profiles.default.chatbotkit]\nbase_url = \"http://api.example.org\"\n",
        0o600,
    );
    env.remove("CHATBOTKIT_API_URL")
        .set("SECRETCTL_CONFIG", p.to_str().unwrap());
    env.run(&["chatbotkit", "list"])
        .code(2)
        .stderr_has("profile");
    assert!(env.emu.requests().is_empty());
}

#[test]
fn plain_http_to_localhost_is_allowed() {
    let env = Env::new();
    let base = format!("http://localhost:{}", env.emu.port());
    env.emu.seed_kubiya("LOCAL", "v", "");
    env.run(&["kubiya", "--base-url", &base, "list"])
        .ok()
        .stdout_has("LOCAL");
}

#[test]
fn config_flag_is_accepted_before_and_after_the_provider_and_after_the_command() {
    let mut env = Env::new();
    let p = config_file(
        &env,
        "elsewhere/c.toml",
        &format!(
            "[profiles.default.kubiya]\ntoken = \"{TOKEN}\"\n[profiles.default.chatbotkit]\ntoken = \"{TOKEN}\"\n"
        ),
        0o600,
    );
    let p = p.to_str().unwrap();
    env.remove("KUBIYA_API_KEY").remove("CHATBOTKIT_API_TOKEN");
    env.emu.seed_kubiya("K", "kv", "");
    let id = env.emu.seed_chatbotkit(json!({"name": "C"}));
    env.run(&["--config", p, "kubiya", "list"])
        .ok()
        .stdout_has("K");
    env.run(&["kubiya", "--config", p, "list"])
        .ok()
        .stdout_has("K");
    env.run(&["kubiya", "list", "--config", p])
        .ok()
        .stdout_has("K");
    env.run(&["kubiya", "get", "K", "--config", p]).ok();
    env.run(&["kubiya", "delete", "K", "--yes", "--config", p])
        .ok();
    assert!(env.kubiya_secrets().is_empty());
    env.run_stdin(&["kubiya", "create", "K2", "--config", p], b"k2")
        .ok();
    assert_eq!(env.kubiya_value("K2").unwrap(), "k2");
    env.run(&["chatbotkit", "get", &id, "--config", p]).ok();
    env.run(&["--config", p, "cbk", "list"])
        .ok()
        .stdout_has(&id);
    env.run(&["cbk", "--config", p, "verify", &id]).ok();
    // verify looks the id up, then acts on it: 10 requests; and the look-up before the
    // delete (plus the reads of what uses them, left out).
    assert_eq!(env.requests_but_used_by().len(), 11);
    assert!(
        env.emu
            .requests()
            .iter()
            .all(|r| r.header("authorization").unwrap().ends_with(TOKEN))
    );
}

#[test]
fn config_after_chatbotkit_create_or_update_is_the_secrets_config() {
    let mut env = Env::new();
    let p = config_file(
        &env,
        "c.toml",
        &format!("[profiles.default.chatbotkit]\ntoken = \"{TOKEN}\"\n"),
        0o600,
    );
    let p = p.to_str().unwrap();
    env.remove("CHATBOTKIT_API_TOKEN");
    let r = env.run(&[
        "--config",
        p,
        "chatbotkit",
        "create",
        "OAUTH",
        "--type",
        "oauth",
        "--no-value",
        "--config",
        "clientId=abc",
    ]);
    r.ok();
    let id = r.stdout.trim().to_string();
    env.run(&[
        "chatbotkit",
        "--config",
        p,
        "update",
        &id,
        "--config",
        "scope=repo",
        "--keep-value",
    ])
    .ok();
    let s = env.cbk_by_name("OAUTH");
    assert_eq!(s[0]["config"], json!({"clientId": "abc", "scope": "repo"}));
    assert_eq!(
        env.requests(Some("POST"), "/secret/create")[0]
            .body_json()
            .unwrap()["config"],
        json!({"clientId": "abc"})
    );
}

#[test]
fn default_config_path_is_read() {
    let mut env = Env::new();
    config_file(
        &env,
        ".config/secretctl/config.toml",
        &format!("[profiles.default.kubiya]\ntoken = \"{TOKEN}\"\n"),
        0o600,
    );
    env.remove("KUBIYA_API_KEY");
    env.run(&["kubiya", "list"]).ok();
    assert_eq!(auth_of_last(&env), format!("UserKey {TOKEN}"));
}

#[test]
fn kubiya_base_url_without_api_version_gets_api_v1() {
    let mut env = Env::new();
    let url = env.url();
    env.set("KUBIYA_BASE_URL", &url);
    env.run(&["kubiya", "list"]).ok();
    env.set("KUBIYA_BASE_URL", &format!("{url}/"));
    env.run(&["kubiya", "list"]).ok();
    let paths: Vec<String> = env.emu.requests().iter().map(|r| r.path.clone()).collect();
    assert_eq!(paths, vec!["/api/v1/secrets", "/api/v1/secrets"]);
}

#[test]
fn kubiya_base_url_with_api_v2_uses_v2_paths() {
    let mut env = Env::new();
    let url = env.url();
    env.set("KUBIYA_BASE_URL", &format!("{url}/api/v2"));
    env.run_stdin(&["kubiya", "create", "V2"], b"v2-value").ok();
    env.run(&["kubiya", "get", "V2", "--reveal"]).ok();
    let paths: Vec<String> = env.emu.requests().iter().map(|r| r.path.clone()).collect();
    assert_eq!(
        paths,
        vec!["/api/v2/secrets", "/api/v2/secrets/get_value/V2"]
    );
    assert_eq!(env.kubiya_value("V2").unwrap(), "v2-value");
}

#[test]
fn base_url_before_the_provider_word_is_a_usage_error() {
    let env = Env::new();
    let url = env.url();
    env.run(&["--base-url", &url, "kubiya", "list"]).code(2);
    assert!(env.emu.requests().is_empty());
}

/// ChatBotKit's run-as variables (as its own CLI reads them) send `X-RunAs-User-Id` on
/// every ChatBotKit request; Kubiya requests never carry it; `config show` lists it.
#[test]
fn chatbotkit_run_as_user_is_sent_on_every_request() {
    let mut env = Env::new();
    env.set("CBK_API_RUNAS_USERID", "user-from-cbk");
    env.run(&["chatbotkit", "list"]).ok();
    env.set("CHATBOTKIT_API_RUNAS_USERID", "user-42");
    env.run_stdin(&["chatbotkit", "create", "RA"], b"run-as-value-Kd9")
        .ok();
    env.run(&["chatbotkit", "get", "RA"]).ok();
    env.run(&["kubiya", "list"]).ok();
    let seen: Vec<(String, Option<String>)> = env
        .emu
        .requests()
        .iter()
        .map(|r| {
            (
                r.path.clone(),
                r.header("x-runas-user-id").map(str::to_string),
            )
        })
        .collect();
    let (kubiya, cbk): (Vec<_>, Vec<_>) = seen.iter().partition(|(p, _)| p == "/api/v1/secrets");
    assert_eq!(kubiya.len(), 1, "{seen:?}");
    assert_eq!(kubiya[0].1, None, "not sent to Kubiya: {seen:?}");
    assert!(cbk.len() >= 3, "{seen:?}");
    assert_eq!(cbk[0].1.as_deref(), Some("user-from-cbk"), "{seen:?}");
    assert!(
        cbk[1..]
            .iter()
            .all(|(_, u)| u.as_deref() == Some("user-42")),
        "CHATBOTKIT_ wins over CBK_: {seen:?}"
    );

    let r = env.run(&["config", "show", "-o", "json"]);
    r.ok();
    assert_eq!(
        r.json()["providers"]["chatbotkit"]["run_as_user"],
        json!({"value": "user-42", "source": "env CHATBOTKIT_API_RUNAS_USERID"})
    );

    env.emu.clear_requests();
    env.set("CHATBOTKIT_API_RUNAS_USERID", "bad\nuser");
    env.run(&["chatbotkit", "list"])
        .code(2)
        .one_error_line()
        .stderr_has("CHATBOTKIT_API_RUNAS_USERID");
    assert!(env.emu.requests().is_empty());
}

/// A config type error never quotes the value: a numeric token under `token` is not shown.
#[test]
fn a_config_type_error_never_quotes_a_numeric_token() {
    for text in [
        "[profiles.default.kubiya]\ntoken = 12345678901\n",
        "[profiles.default.kubiya]\ntoken = 1234.5678\n",
        "[profiles.default.kubiya]\ntoken = true\n",
    ] {
        let (env, _) = kubiya_env(text);
        let r = env.run(&["kubiya", "list"]);
        r.code(2).one_error_line().stderr_has("invalid type");
        for v in ["12345678901", "1234.5678", "`true`"] {
            assert!(!r.stderr.contains(v), "{v} in {}", r.stderr);
        }
        assert!(env.emu.requests().is_empty());
    }
}

/// `token_command` runs `/bin/sh` by absolute path: a `sh` planted earlier in $PATH never
/// sees the command.
#[test]
fn token_command_runs_bin_sh_not_the_first_sh_in_path() {
    let (mut env, _) = kubiya_env(&format!(
        "[profiles.default.kubiya]\ntoken_command = \"echo {TOKEN}\"\n"
    ));
    let bin = env.path().join("planted");
    std::fs::create_dir_all(&bin).unwrap();
    let fake = bin.join("sh");
    let marker = env.path().join("planted-ran");
    std::fs::write(
        &fake,
        format!("#!/bin/sh\ntouch {}\necho wrong-token\n", marker.display()),
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    env.set("PATH", &path);
    env.run(&["kubiya", "list"]).ok();
    assert_eq!(auth_of_last(&env), format!("UserKey {TOKEN}"));
    assert!(!marker.exists(), "the sh in $PATH ran");
}

/// `config set-token` on a symlinked config writes through to the link's target and keeps
/// the link.
#[test]
fn set_token_writes_through_a_symlinked_config() {
    let mut env = Env::new();
    env.remove("KUBIYA_API_KEY");
    let dir = env.path().join("dotfiles");
    std::fs::create_dir_all(&dir).unwrap();
    let target = dir.join("secretctl.toml");
    std::fs::write(
        &target,
        "# kept\n[profiles.other.kubiya]\nbase_url = \"https://x.example\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = env.path().join(".config/secretctl/config.toml");
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink("../../dotfiles/secretctl.toml", &link).unwrap();
    env.run_stdin(
        &["config", "set-token", "kubiya"],
        format!("{TOKEN}\n").as_bytes(),
    )
    .ok();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link was replaced by a file"
    );
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(text.contains("# kept") && text.contains(TOKEN), "{text}");
    assert_eq!(mode(&target), 0o600);
    env.run(&["kubiya", "list"]).ok();
    assert_eq!(auth_of_last(&env), format!("UserKey {TOKEN}"));
}

/// A 0600 config holding a token inside a folder anyone can write to (no sticky bit) is
/// refused: anyone could swap the file. A sticky one (like /tmp) is accepted.
#[test]
fn a_token_config_in_a_world_writable_folder_is_refused() {
    let mut env = Env::new();
    env.remove("KUBIYA_API_KEY");
    let open = env.path().join("open");
    std::fs::create_dir_all(&open).unwrap();
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o777)).unwrap();
    let p = config_file(
        &env,
        "open/config.toml",
        &format!("[profiles.default.kubiya]\ntoken = \"{TOKEN}\"\n"),
        0o600,
    );
    env.set("SECRETCTL_CONFIG", p.to_str().unwrap());
    let r = env.run(&["kubiya", "list"]);
    r.code(4)
        .one_error_line()
        .stderr_has("writable by everyone")
        .stderr_has("chmod o-w");
    assert!(env.emu.requests().is_empty());
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o1777)).unwrap();
    env.run(&["kubiya", "list"]).ok();
    std::fs::set_permissions(&open, std::fs::Permissions::from_mode(0o700)).unwrap();
    env.run(&["kubiya", "list"]).ok();
}

/// `--config /dev/zero`, a FIFO or a huge file is refused at once (exit 2), never read
/// until memory runs out or blocked on.
#[test]
fn a_config_file_that_is_not_a_regular_file_or_is_huge_is_refused() {
    let env = Env::new();
    let fifo = env.path().join("fifo");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo with a valid C string.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let huge = env.write("huge.toml", &vec![b'#'; 1024 * 1024 + 1]);
    for (file, says) in [
        ("/dev/zero", "not a regular file"),
        (fifo.to_str().unwrap(), "not a regular file"),
        (huge.to_str().unwrap(), "over 1 MiB"),
    ] {
        let start = Instant::now();
        let r = env.run(&["--config", file, "kubiya", "list"]);
        r.code(2).one_error_line().stderr_has(says);
        assert!(start.elapsed() < Duration::from_secs(10), "{file}");
    }
    let r = env.run_stdin(
        &["--config", "/dev/zero", "config", "set-token", "kubiya"],
        b"t\n",
    );
    r.code(2).stderr_has("not a regular file");
    assert!(env.emu.requests().is_empty());
}

/// A variable that picks the file, the profile or the credentials, set to bytes that are not
/// UTF-8, is refused (exit 2, nothing sent, nothing written): read as unset, it silently sent
/// `config path`, `set-token` and every command to another file, profile or account.
#[test]
fn a_selecting_variable_that_is_not_utf8_is_refused_not_skipped() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let env = Env::new();
    let default = env.path().join(".config/secretctl/config.toml");
    let bad = OsStr::from_bytes(b"/tmp/secretctl-\xff.toml");
    for (var, args) in [
        ("SECRETCTL_CONFIG", &["config", "path"][..]),
        ("SECRETCTL_CONFIG", &["config", "show"][..]),
        (
            "SECRETCTL_CONFIG",
            &["config", "set-command", "kubiya", "--", "true"][..],
        ),
        (
            "SECRETCTL_PROFILE",
            &["config", "set-command", "kubiya", "--", "true"][..],
        ),
        ("SECRETCTL_PROFILE", &["kubiya", "list"][..]),
        ("KUBIYA_API_KEY", &["kubiya", "list"][..]),
        ("CHATBOTKIT_API_TOKEN", &["chatbotkit", "list"][..]),
        ("CBK_API_URL", &["chatbotkit", "list"][..]),
    ] {
        env.run_with(args, None, |c| {
            c.env(var, bad);
        })
        .code(2)
        .stderr_has(&format!("error: {var} is set but is not valid UTF-8"));
        assert!(!default.exists(), "{var} {args:?} wrote the default file");
    }
    assert!(env.emu.requests().is_empty());
    // Empty is still unset, and commands that read none of them are not refused.
    env.run_with(&["config", "path"], None, |c| {
        c.env("SECRETCTL_CONFIG", "");
    })
    .ok()
    .stdout_has(&default.display().to_string());
    env.run_with(&["completions", "bash"], None, |c| {
        c.env("KUBIYA_API_KEY", bad);
    })
    .ok();
}
