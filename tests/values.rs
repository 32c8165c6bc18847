use crate::support::*;

const MIB: usize = 1024 * 1024;

/// `kubiya create NAME` with `stdin` piped; returns the stored value.
fn create_piped(env: &Env, name: &str, extra: &[&str], stdin: &[u8]) -> Option<String> {
    let mut args = vec!["kubiya", "create", name];
    args.extend_from_slice(extra);
    let r = env.run_stdin(&args, stdin);
    r.ok();
    assert_eq!(r.stdout, format!("{name}\n"));
    env.kubiya_value(name)
}

#[test]
fn piped_stdin_loses_exactly_one_trailing_newline() {
    let env = Env::new();
    assert_eq!(create_piped(&env, "LF", &[], b"abc\n").unwrap(), "abc");
    assert_eq!(create_piped(&env, "CRLF", &[], b"abc\r\n").unwrap(), "abc");
    assert_eq!(create_piped(&env, "TWO", &[], b"abc\n\n").unwrap(), "abc\n");
    assert_eq!(create_piped(&env, "NONE", &[], b"abc").unwrap(), "abc");
    assert_eq!(
        create_piped(&env, "CR_ONLY", &[], b"abc\r").unwrap(),
        "abc\r"
    );
    assert_eq!(
        create_piped(&env, "SPACES", &[], b"  a b  \n").unwrap(),
        "  a b  "
    );
    assert_eq!(
        create_piped(&env, "MULTI", &[], b"line1\nline2\n").unwrap(),
        "line1\nline2"
    );
}

#[test]
fn a_value_of_only_a_newline_and_one_more_keeps_one() {
    let env = Env::new();
    assert_eq!(create_piped(&env, "A", &[], b"a\n\n").unwrap(), "a\n");
    assert_eq!(create_piped(&env, "NL", &[], b"\n\n").unwrap(), "\n");
}

#[test]
fn keep_newline_keeps_it() {
    let env = Env::new();
    assert_eq!(
        create_piped(&env, "K", &["--keep-newline"], b"abc\n").unwrap(),
        "abc\n"
    );
    assert_eq!(
        create_piped(&env, "K2", &["--keep-newline"], b"abc\r\n").unwrap(),
        "abc\r\n"
    );
}

#[test]
fn chatbotkit_stores_the_same_bytes() {
    let env = Env::new();
    env.run_stdin(&["chatbotkit", "create", "CB"], b"x y\tz\r\n")
        .ok();
    assert_eq!(env.cbk_by_name("CB")[0]["value"], "x y\tz");
    env.run_stdin(&["chatbotkit", "create", "CB2", "--keep-newline"], b"q\n")
        .ok();
    assert_eq!(env.cbk_by_name("CB2")[0]["value"], "q\n");
}

#[test]
fn value_file_is_taken_byte_for_byte() {
    let env = Env::new();
    let f = env.write("val.txt", b"line1\nline2\n\n");
    // Piped input beside a value file would be dropped: refused (see
    // a_pipe_that_nothing_reads_is_refused_whenever_its_data_comes).
    env.run_stdin(
        &["kubiya", "create", "F", "--value-file", f.to_str().unwrap()],
        b"stdin",
    )
    .code(2);
    env.run(&["kubiya", "create", "F", "--value-file", f.to_str().unwrap()])
        .ok();
    assert_eq!(env.kubiya_value("F").unwrap(), "line1\nline2\n\n");
    let g = env.write("crlf.txt", b"abc\r\n");
    env.run(&["kubiya", "create", "G", "--value-file", g.to_str().unwrap()])
        .ok();
    assert_eq!(env.kubiya_value("G").unwrap(), "abc\r\n");
}

#[test]
fn value_file_dash_reads_stdin_with_the_newline_rule() {
    let env = Env::new();
    assert_eq!(
        create_piped(&env, "D", &["--value-file", "-"], b"from-stdin\n").unwrap(),
        "from-stdin"
    );
    assert_eq!(
        create_piped(
            &env,
            "D2",
            &["--value-file", "-", "--keep-newline"],
            b"from-stdin\n"
        )
        .unwrap(),
        "from-stdin\n"
    );
}

#[test]
fn value_file_missing_is_exit_2_with_nothing_sent() {
    let env = Env::new();
    let missing = env.path().join("no-such-file");
    env.run(&[
        "kubiya",
        "create",
        "M",
        "--value-file",
        missing.to_str().unwrap(),
    ])
    .code(2)
    .one_error_line();
    assert!(env.emu.requests().is_empty());
}

#[test]
fn value_env_is_taken_exactly() {
    let env = Env::new();
    let r = env.run_with(
        &["kubiya", "create", "E", "--value-env", "MY_SECRET_VALUE"],
        None,
        |c| {
            c.env("MY_SECRET_VALUE", " spaced value\n");
        },
    );
    r.ok().no_leak("spaced value");
    assert_eq!(env.kubiya_value("E").unwrap(), " spaced value\n");
}

#[test]
fn value_env_unset_is_exit_2_with_nothing_sent() {
    let env = Env::new();
    env.run(&["kubiya", "create", "E", "--value-env", "SURELY_NOT_SET_42"])
        .code(2)
        .one_error_line()
        .stderr_has("SURELY_NOT_SET_42");
    assert!(env.emu.requests().is_empty());
}

#[test]
fn value_file_and_value_env_together_is_exit_2() {
    let env = Env::new();
    let f = env.write("v", b"x");
    let r = env.run_with(
        &[
            "kubiya",
            "create",
            "B",
            "--value-file",
            f.to_str().unwrap(),
            "--value-env",
            "V",
        ],
        None,
        |c| {
            c.env("V", "y");
        },
    );
    r.code(2);
    assert!(env.emu.requests().is_empty());
    assert!(env.kubiya_secrets().is_empty());
}

#[test]
fn base64_of_binary_file_stores_the_base64_text() {
    let env = Env::new();
    let f = env.write("bin", &[0xff, 0x00, 0xfe, 0x0a]);
    env.run(&[
        "kubiya",
        "create",
        "BIN",
        "--value-file",
        f.to_str().unwrap(),
        "--base64",
    ])
    .ok();
    // Bytes exactly as read (a file keeps its trailing newline).
    assert_eq!(env.kubiya_value("BIN").unwrap(), "/wD+Cg==");
    // From stdin the newline rule applies first.
    env.run_stdin(
        &["chatbotkit", "create", "BIN", "--base64"],
        &[0xff, 0x00, 0x0a],
    )
    .ok();
    assert_eq!(env.cbk_by_name("BIN")[0]["value"], "/wA=");
}

#[test]
fn non_utf8_without_base64_is_exit_2_suggesting_it() {
    let env = Env::new();
    let f = env.write("bin", &[b'a', 0xff, 0xfe]);
    env.run(&["kubiya", "create", "X", "--value-file", f.to_str().unwrap()])
        .code(2)
        .one_error_line()
        .stderr_has("--base64");
    env.run_stdin(&["chatbotkit", "create", "X"], &[0xc3, 0x28])
        .code(2)
        .stderr_has("--base64");
    assert!(env.emu.requests().is_empty());
}

#[test]
fn empty_stdin_on_create_is_exit_2_with_nothing_sent() {
    let env = Env::new();
    env.run_stdin(&["kubiya", "create", "EMPTY"], b"")
        .code(2)
        .one_error_line();
    // Only a newline: empty after the newline rule.
    env.run_stdin(&["kubiya", "create", "EMPTY"], b"\n").code(2);
    // /dev/null
    env.run(&["chatbotkit", "create", "EMPTY"]).code(2);
    let f = env.write("empty", b"");
    env.run(&[
        "kubiya",
        "create",
        "EMPTY",
        "--value-file",
        f.to_str().unwrap(),
    ])
    .code(2);
    assert!(env.emu.requests().is_empty());
}

#[test]
fn exactly_one_mib_is_accepted() {
    let env = Env::new();
    let v = vec![b'x'; MIB];
    env.run_stdin(&["kubiya", "create", "BIG"], &v).ok();
    assert_eq!(env.kubiya_value("BIG").unwrap().len(), MIB);
    // With a trailing newline the value as read is still 1 MiB after the rule.
    let mut w = vec![b'y'; MIB];
    w.push(b'\n');
    env.run_stdin(&["chatbotkit", "create", "BIG"], &w).ok();
    assert_eq!(
        env.cbk_by_name("BIG")[0]["value"].as_str().unwrap().len(),
        MIB
    );
}

#[test]
fn one_byte_over_one_mib_is_refused_with_nothing_sent() {
    let env = Env::new();
    let v = vec![b'x'; MIB + 1];
    env.run_stdin(&["kubiya", "create", "BIG"], &v)
        .code(2)
        .one_error_line()
        .stderr_has("1048576");
    let f = env.write("big", &v);
    env.run(&[
        "chatbotkit",
        "create",
        "BIG",
        "--value-file",
        f.to_str().unwrap(),
    ])
    .code(2);
    // Much bigger input is refused as well, without reading it all.
    let huge = vec![b'z'; 5 * MIB];
    env.run_stdin(&["kubiya", "create", "HUGE"], &huge).code(2);
    assert!(env.emu.requests().is_empty());
}

#[test]
fn value_is_never_printed_even_in_vv_traces() {
    let env = Env::new();
    let secret = "sk-trace-0a1b2c3d";
    let r = env.run_stdin(&["-vv", "kubiya", "create", "T"], secret.as_bytes());
    r.ok().no_leak(secret);
    // The trace is there, with the token redacted.
    r.stderr_has("> POST ").stderr_has("<redacted>");
    let r = env.run_stdin(&["chatbotkit", "create", "T", "-vv"], secret.as_bytes());
    r.ok().no_leak(secret).stderr_has("<redacted>");
    let r = env.run_stdin(&["-vv", "kubiya", "update", "T"], b"sk-trace-new-value");
    r.ok().no_leak("sk-trace-new-value");
    assert_eq!(env.kubiya_value("T").unwrap(), "sk-trace-new-value");
}

#[test]
fn value_is_not_in_the_error_of_a_duplicate_create() {
    let env = Env::new();
    env.emu.seed_kubiya("DUP", "old-value", "");
    let secret = "dup-value-7f7f";
    let r = env.run_stdin(&["-v", "kubiya", "create", "DUP"], secret.as_bytes());
    r.code(5).stderr_has("error: ").no_leak(secret);
    let r = env.run_stdin(&["kubiya", "create", "DUP"], secret.as_bytes());
    r.code(5).one_error_line().no_leak(secret);
    let r = env.run_stdin(
        &["-o", "json", "kubiya", "create", "DUP"],
        secret.as_bytes(),
    );
    r.code(5).no_leak(secret);
    assert_eq!(env.kubiya_value("DUP").unwrap(), "old-value");
}

#[test]
fn value_echoed_by_the_server_is_redacted() {
    let env = Env::new();
    let secret = "echoed-value-5150";
    env.fault(Fault {
        path_contains: Some("/secrets".into()),
        status: Some(400),
        body: Some(
            json!({"error": "Bad Request", "message": format!("invalid value {secret}")})
                .to_string(),
        ),
        ..Default::default()
    });
    env.run_stdin(&["kubiya", "create", "ECHO"], secret.as_bytes())
        .code(1)
        .one_error_line()
        .stderr_has("invalid value")
        .no_leak(secret);
}

#[test]
fn update_value_follows_the_same_rules() {
    let env = Env::new();
    env.emu.seed_kubiya("U", "v0", "d");
    env.run_stdin(&["kubiya", "update", "U"], b"v1\r\n").ok();
    assert_eq!(env.kubiya_value("U").unwrap(), "v1");
    let v = vec![b'x'; MIB + 1];
    env.run_stdin(&["kubiya", "update", "U"], &v).code(2);
    env.run_stdin(&["kubiya", "update", "U"], b"\xff")
        .code(2)
        .stderr_has("--base64");
    env.run_stdin(&["kubiya", "update", "U"], b"")
        .code(2)
        .stderr_has("--keep-value");
    assert_eq!(env.kubiya_value("U").unwrap(), "v1");
    assert_eq!(env.writes().len(), 1, "only the first update wrote");
}

#[test]
fn empty_value_env_and_empty_value_file_dash_are_refused() {
    let env = Env::new();
    env.run_with(
        &["kubiya", "create", "E", "--value-env", "EMPTY_VAR"],
        None,
        |c| {
            c.env("EMPTY_VAR", "");
        },
    )
    .code(2)
    .one_error_line()
    .stderr_has("empty");
    env.run(&["kubiya", "create", "E", "--value-file", "-"])
        .code(2)
        .stderr_has("empty");
    assert!(env.emu.requests().is_empty());
}

#[test]
fn value_file_that_is_a_directory_is_exit_2() {
    let env = Env::new();
    env.run(&[
        "kubiya",
        "create",
        "DIR",
        "--value-file",
        env.path().to_str().unwrap(),
    ])
    .code(2)
    .one_error_line()
    .stderr_has("directory");
    assert!(env.emu.requests().is_empty());
}

#[test]
fn base64_applies_to_value_env_too() {
    let env = Env::new();
    env.run_with(
        &["kubiya", "create", "B64", "--value-env", "V", "--base64"],
        None,
        |c| {
            c.env("V", "hello\n");
        },
    )
    .ok();
    assert_eq!(env.kubiya_value("B64").unwrap(), "aGVsbG8K");
}

#[test]
fn token_command_cannot_see_the_value_variable() {
    let mut env = Env::new();
    let p = env.write(
        "c.toml",
        b"[profiles.default.kubiya]\ntoken_command = \"printf %s \\\"$THE_VALUE_VAR\\\"\"\n",
    );
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    env.remove("KUBIYA_API_KEY")
        .set("SECRETCTL_CONFIG", p.to_str().unwrap());
    // Were the variable visible, the command would print it and it would be sent as the token.
    env.run_with(
        &["kubiya", "create", "X", "--value-env", "THE_VALUE_VAR"],
        None,
        |c| {
            c.env("THE_VALUE_VAR", TOKEN);
        },
    )
    .code(4);
    assert!(env.emu.requests().is_empty());
}

#[test]
fn stdin_redirected_from_a_file_is_read_like_a_pipe() {
    let env = Env::new();
    let f = env.write("in.txt", b"from-a-file\n");
    let mut c = env.command();
    c.args(["kubiya", "create", "FROM_FILE"])
        .stdin(std::fs::File::open(&f).unwrap());
    let out = c.output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "FROM_FILE\n");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("from-a-file"));
    assert_eq!(env.kubiya_value("FROM_FILE").unwrap(), "from-a-file");
}

// ------------------------------------------------------------- --config KEY=@PATH / KEY=-

/// The stored `config` of the only ChatBotKit secret named `name`.
fn cbk_config(env: &Env, name: &str) -> Value {
    let found = env.cbk_by_name(name);
    assert_eq!(found.len(), 1, "{found:?}");
    found[0]["config"].clone()
}

#[test]
fn config_secret_from_a_file_is_sent_byte_for_byte() {
    let env = Env::new();
    let f = env.write("client-secret", b"  cs-FILE-9f2a\n\twith tab\n");
    let at = format!("clientSecret=@{}", f.display());
    let r = env.run(&[
        "cbk",
        "create",
        "GH",
        "--type",
        "oauth",
        "--no-value",
        "--config",
        "clientId=abc",
        "--config",
        &at,
        "--config",
        "scope=\\@org",
    ]);
    r.ok().no_leak("cs-FILE-9f2a");
    assert_eq!(
        cbk_config(&env, "GH"),
        json!({"clientId": "abc", "clientSecret": "  cs-FILE-9f2a\n\twith tab\n", "scope": "@org"})
    );
}

#[test]
fn an_empty_config_secret_is_exit_2_naming_the_key() {
    let env = Env::new();
    let f = env.write("empty", b"");
    let at = format!("clientSecret=@{}", f.display());
    let r = env.run(&["cbk", "create", "GH", "--no-value", "--config", &at]);
    r.code(2)
        .one_error_line()
        .stderr_has("--config clientSecret: the value is empty; nothing was sent");
    assert!(env.emu.requests().is_empty(), "nothing is sent");
}

#[test]
fn config_secret_from_stdin_follows_the_newline_rule() {
    let env = Env::new();
    let r = env.run_stdin(
        &[
            "cbk",
            "create",
            "GH",
            "--type",
            "oauth",
            "--no-value",
            "--config",
            "clientId=abc",
            "--config",
            "clientSecret=-",
        ],
        b"cs-STDIN-71be\n",
    );
    r.ok().no_leak("cs-STDIN-71be");
    assert_eq!(
        cbk_config(&env, "GH"),
        json!({"clientId": "abc", "clientSecret": "cs-STDIN-71be"})
    );
    // On update too, with the value kept.
    let id = env.cbk_by_name("GH")[0]["id"].as_str().unwrap().to_string();
    env.run_stdin(
        &[
            "cbk",
            "update",
            &id,
            "--keep-value",
            "--config",
            "clientSecret=-",
        ],
        b"cs-ROTATED-0c3d\r\n",
    )
    .ok();
    assert_eq!(cbk_config(&env, "GH")["clientSecret"], "cs-ROTATED-0c3d");
    assert_eq!(cbk_config(&env, "GH")["clientId"], "abc");
}

/// A literal value for a key that names a secret part is exit 2 with nothing sent, and the
/// value is not repeated in the message.
#[test]
fn a_literal_config_secret_is_exit_2_and_nothing_is_sent() {
    let env = Env::new();
    for key in [
        "clientSecret",
        "PASSWORD",
        "db_passwd",
        "apiToken",
        "privateKey",
        "x-Secret-y",
        // Issue 25: the common secret names beyond the contract's five parts.
        "apiKey",
        "API_KEY",
        "key",
        "pass",
        "pwd",
        "db_pass",
        "credential",
        "awsCredentials",
        "accessKey",
        "passphrase",
        "signingKey",
    ] {
        let entry = format!("{key}=lit-VALUE-4c1e");
        for args in [
            vec!["cbk", "create", "GH", "--no-value", "--config", &entry],
            vec!["cbk", "update", "GH", "--keep-value", "--config", &entry],
        ] {
            let r = env.run(&args);
            r.code(2)
                .one_error_line()
                .stderr_has(key)
                .stderr_has("=@PATH")
                .no_leak("lit-VALUE-4c1e");
        }
    }
    // Malformed entries are refused without quoting them either.
    let r = env.run(&[
        "cbk",
        "create",
        "GH",
        "--no-value",
        "--config",
        "=lit-VALUE-4c1e",
    ]);
    r.code(2).one_error_line().no_leak("lit-VALUE-4c1e");
    assert!(env.emu.requests().is_empty(), "{:?}", env.emu.requests());
}

/// A key naming a location (`tokenUrl`) may be literal — it holds an address, not a secret —
/// and a key word inside a longer word (`keyboard`, `compass`) makes nothing secret; a literal
/// URL with a password in it is refused whatever its key.
#[test]
fn literal_urls_and_ordinary_keys_are_accepted_a_url_password_is_not() {
    let env = Env::new();
    let r = env.run(&[
        "cbk",
        "create",
        "GH",
        "--type",
        "oauth",
        "--no-value",
        "--config",
        "tokenUrl=https://github.com/login/oauth/access_token",
        "--config",
        "authorization_endpoint=https://github.com/login/oauth/authorize",
        "--config",
        "keyboardLayout=us",
        "--config",
        "compass=north",
    ]);
    r.ok();
    assert_eq!(
        cbk_config(&env, "GH"),
        json!({
            "tokenUrl": "https://github.com/login/oauth/access_token",
            "authorization_endpoint": "https://github.com/login/oauth/authorize",
            "keyboardLayout": "us",
            "compass": "north"
        })
    );
    let r = env.run(&[
        "cbk",
        "create",
        "GH2",
        "--no-value",
        "--config",
        "proxyUrl=https://user:pw-4c1e-77@proxy.example/",
    ]);
    r.code(2)
        .one_error_line()
        .stderr_has("--config proxyUrl: a literal URL with a password in it")
        .no_leak("pw-4c1e-77");
    assert_eq!(env.writes().len(), 1, "only the first create was sent");
}

/// A key given twice is exit 2, not one silently winning.
#[test]
fn a_repeated_config_key_is_exit_2() {
    let env = Env::new();
    let r = env.run(&[
        "cbk",
        "create",
        "GH",
        "--no-value",
        "--config",
        "clientId=one",
        "--config",
        "scope=repo",
        "--config",
        "clientId=two",
    ]);
    r.code(2)
        .one_error_line()
        .stderr_has("error: --config clientId is given more than once; nothing was sent");
    assert!(env.emu.requests().is_empty());
}

/// Whatever its key is called, an entry read by `@PATH` or `-` is secret: a server message
/// echoing it is scrubbed.
#[test]
fn a_config_entry_read_from_a_file_or_stdin_is_scrubbed_from_server_messages() {
    let env = Env::new();
    let f = env.write("cid", b"cid-FROM-FILE-3e9d7a\n");
    let at = format!("clientId=@{}", f.display());
    for (entry, stdin, secret) in [
        (at.as_str(), None, "cid-FROM-FILE-3e9d7a"),
        (
            "clientId=-",
            Some(&b"cid-FROM-PIPE-9b1c44\n"[..]),
            "cid-FROM-PIPE-9b1c44",
        ),
    ] {
        env.fault(Fault {
            body: Some(format!(
                r#"{{"message":"config.clientId {secret} is not registered","code":"BAD_REQUEST"}}"#
            )),
            ..status_fault("/secret/create", 400, 1)
        });
        let args = ["cbk", "create", "GH", "--no-value", "--config", entry];
        let r = match stdin {
            Some(b) => env.run_stdin(&args, b),
            None => env.run(&args),
        };
        r.code(1)
            .one_error_line()
            .stderr_has("config.clientId <redacted> is not registered")
            .no_leak(secret);
    }
}

#[test]
fn only_one_config_entry_and_not_also_the_value_may_read_stdin() {
    let mut env = Env::new();
    let r = env.run_stdin(
        &[
            "cbk",
            "create",
            "GH",
            "--no-value",
            "--config",
            "clientSecret=-",
            "--config",
            "password=-",
        ],
        b"x-value-5566",
    );
    r.code(2)
        .one_error_line()
        .stderr_has("cannot both read standard input");
    // The value would be read from stdin too (no value flag, stdin piped).
    let r = env.run_stdin(
        &["cbk", "create", "GH", "--config", "clientSecret=-"],
        b"x-value-5566",
    );
    r.code(2).one_error_line().stderr_has("the secret's value");
    let r = env.run_stdin(
        &["cbk", "update", "GH", "--config", "clientSecret=-"],
        b"x-value-5566",
    );
    r.code(2).one_error_line().stderr_has("the secret's value");
    // With the value from elsewhere it is fine.
    env.set("V", "the-value-8899");
    let r = env.run_stdin(
        &[
            "cbk",
            "create",
            "GH",
            "--value-env",
            "V",
            "--config",
            "clientSecret=-",
        ],
        b"cs-5566-abcd\n",
    );
    r.ok();
    assert_eq!(cbk_config(&env, "GH")["clientSecret"], "cs-5566-abcd");
    let empty = env.write("empty", b"");
    let at = format!("clientSecret=@{}", empty.display());
    env.run(&["cbk", "create", "E", "--no-value", "--config", &at])
        .code(2)
        .stderr_has("empty");
}

/// Piped input to a command that takes no value is exit 2, never silently dropped; no stdin,
/// /dev/null or an empty file is fine.
#[test]
fn piped_input_to_a_personal_create_is_exit_2() {
    let env = Env::new();
    for args in [
        vec!["cbk", "create", "ME", "--kind", "personal"],
        vec!["cbk", "create", "ME", "--no-value", "--type", "oauth"],
    ] {
        let r = env.run_stdin(&args, b"x\n");
        r.code(2)
            .one_error_line()
            .stderr_has("standard input is piped in");
        assert!(env.emu.requests().is_empty(), "{:?}", env.emu.requests());
    }
    // A file with data on stdin too.
    let f = env.write("data", b"x");
    let mut c = env.command();
    c.args(["cbk", "create", "ME", "--kind", "personal"]);
    c.stdin(std::fs::File::open(&f).unwrap());
    let r = run_command_with_stdin_set(c);
    assert_eq!(r.0, Some(2), "{}", r.1);
    assert!(env.emu.requests().is_empty());
    // Nothing to drop: no stdin, /dev/null, an empty file.
    env.run(&["cbk", "create", "ME", "--kind", "personal"]).ok();
    let mut c = env.command();
    c.args(["cbk", "create", "ME2", "--kind", "personal"]);
    c.stdin(std::fs::File::open("/dev/null").unwrap());
    assert_eq!(run_command_with_stdin_set(c).0, Some(0));
    let empty = env.write("empty", b"");
    let mut c = env.command();
    c.args(["cbk", "create", "ME3", "--kind", "personal"]);
    c.stdin(std::fs::File::open(&empty).unwrap());
    assert_eq!(run_command_with_stdin_set(c).0, Some(0));
    assert_eq!(env.cbk_secrets().len(), 3);
}

/// Every command that would not read a pipe on its stdin refuses it (exit 2, nothing sent),
/// whenever the data arrives: the check is what stdin is, not whether data came within some
/// time. The producer here writes only after secretctl has ended (a slow `vault` or `op`),
/// or never (an empty pipe).
#[test]
fn a_pipe_that_nothing_reads_is_refused_whenever_its_data_comes() {
    let env = Env::new();
    env.run_stdin(&["kubiya", "create", "ROT"], b"old-value-Jx4")
        .ok();
    let id = env
        .emu
        .seed_chatbotkit(json!({"name": "C", "kind": "shared", "value": "cbk-old-Tq9"}));
    let f = env.write("x.env", b"A=1\n");
    let file = f.to_str().unwrap();
    let before = env.emu.requests().len();
    let keep: Vec<&str> = vec![
        "kubiya",
        "update",
        "ROT",
        "--keep-value",
        "--description",
        "d",
    ];
    let cases: Vec<Vec<&str>> = vec![
        keep.clone(),
        vec!["cbk", "update", &id, "--keep-value", "--description", "d"],
        vec!["kubiya", "update", "ROT", "--value-env", "NEWVAL"],
        vec!["kubiya", "create", "NEW", "--value-env", "NEWVAL"],
        vec!["kubiya", "update", "ROT", "--value-file", file],
        vec!["cbk", "create", "P", "--kind", "personal"],
        vec!["cbk", "create", "O", "--no-value"],
        vec!["kubiya", "import", file],
        vec!["kubiya", "sync", file],
    ];
    for args in &cases {
        for late in [true, false] {
            let mut c = env.command();
            c.args(args)
                .env("NEWVAL", "from-env-Rk2")
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            let mut child = c.spawn().unwrap();
            let stdin = child.stdin.take().unwrap();
            // Held open until secretctl has ended; then (late) the data comes.
            let out = child.wait_with_output().unwrap();
            if late {
                let mut stdin = stdin;
                let _ = std::io::Write::write_all(&mut stdin, b"new-value-Wv7\n");
            }
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
            assert!(
                stderr.contains("standard input is piped in"),
                "{args:?}: {stderr}"
            );
            assert!(stderr.contains("< /dev/null"), "{args:?}: {stderr}");
        }
    }
    assert_eq!(env.emu.requests().len(), before, "nothing was sent");
    assert_eq!(env.kubiya_value("ROT").as_deref(), Some("old-value-Jx4"));

    // With stdin closed the same commands run.
    env.run(&keep).ok();
    env.run(&["kubiya", "import", file]).ok();
    // A source that is stdin itself reads it.
    env.run_stdin(&["kubiya", "sync", "/dev/stdin"], b"A=2\n")
        .ok();
    assert_eq!(env.kubiya_value("A").as_deref(), Some("2"));
    env.run_stdin(
        &["kubiya", "update", "A", "--value-file", "/dev/stdin"],
        b"3",
    )
    .ok();
    assert_eq!(env.kubiya_value("A").as_deref(), Some("3"));
}

/// Run `c` whose stdin is already set; (exit code, stderr).
fn run_command_with_stdin_set(mut c: std::process::Command) -> (Option<i32>, String) {
    let out = c.output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A server message echoing a config secret cuts it out as it does the value.
#[test]
fn an_echoed_config_secret_is_cut_out_of_the_error() {
    let env = Env::new();
    env.fault(Fault {
        body: Some(r#"{"message":"invalid clientSecret 'cs-ECHO-77aa99-5f1e'"}"#.into()),
        ..status_fault("/secret/create", 400, 1)
    });
    let f = env.write("cs", b"cs-ECHO-77aa99-5f1e");
    let at = format!("clientSecret=@{}", f.display());
    env.run(&["cbk", "create", "GH", "--no-value", "--config", &at])
        .code(1)
        .one_error_line()
        .stderr_has("<redacted>")
        .no_leak("cs-ECHO-77aa99-5f1e");
}

/// Issue 25 review: each of these `--config` literals carries a secret (by its key, or by
/// its value whatever the key) and is refused with exit 2 before anything is sent; the
/// look-alikes that only describe or locate one are accepted.
#[test]
fn config_literals_that_carry_a_secret_are_refused() {
    let env = Env::new();
    for entry in [
        "auth=Bearer abcdef-5e1",
        "authorization=abcdef-5e1",
        "signature=abcdef-5e1",
        "hmac=abcdef-5e1",
        "otp=abcdef-5e1",
        "seed=abcdef-5e1",
        "sessionId=abcdef-5e1",
        "dsn=https://abcdef-5e1@sentry.example/1",
        "connectionString=Server=x;Password=abcdef-5e1",
        "connection=Server=x;Password=abcdef-5e1",
        "cookie=abcdef-5e1",
        "tokenUrl=https://h/x?token=abcdef-5e1",
        "callback=https://h/x?a=1&sig=abcdef-5e1",
        "webhook=https://hooks.slack.com/services/T0/B0/abcdef-5e1",
        "webhookUrl=https://hooks.slack.com/services/T0/B0/abcdef-5e1",
        "db=host=x user=y pwd=abcdef-5e1",
        "header=Bearer abcdef-5e1",
    ] {
        let r = env.run(&["cbk", "create", "LIT", "--no-value", "--config", entry]);
        r.code(2).one_error_line().no_leak("abcdef-5e1");
        r.stderr_has("nothing was sent").stderr_has("=@PATH");
    }
    assert!(env.writes().is_empty(), "{:?}", env.writes());
    let r = env.run(&[
        "cbk",
        "create",
        "OK",
        "--no-value",
        "--config",
        "authUrl=https://auth.example/authorize",
        "--config",
        "authType=oauth2",
        "--config",
        "sessionTimeout=30",
        "--config",
        "connectionTimeout=5",
    ]);
    r.ok();
    assert_eq!(env.writes().len(), 1);
}

/// Issue 25 review: the unread-stdin refusal says how to pass (`< /dev/null`) and
/// `SECRETCTL_STDIN=ignore` lets it pass (CI executors and ssh give a pipe or a socket);
/// another value of the variable is exit 2.
#[test]
fn unread_stdin_hint_and_the_ignore_opt_out() {
    let mut env = Env::new();
    let f = env.write("ci.env", b"CI_A=ci-value-1\n");
    let f = f.to_str().unwrap().to_string();
    let r = env.run_stdin(&["kubiya", "import", &f], b"echo job script\n");
    r.code(2)
        .one_error_line()
        .stderr_has("standard input is piped in")
        .stderr_has("< /dev/null")
        .stderr_has("SECRETCTL_STDIN=ignore");
    assert!(env.writes().is_empty());
    env.set("SECRETCTL_STDIN", "yes");
    env.run_stdin(&["kubiya", "import", &f], b"echo job script\n")
        .code(2)
        .stderr_has("SECRETCTL_STDIN");
    assert!(env.writes().is_empty());
    env.vars.pop();
    env.set("SECRETCTL_STDIN", "ignore");
    env.run_stdin(&["kubiya", "import", &f], b"echo job script\n")
        .ok();
    assert_eq!(env.kubiya_value("CI_A").as_deref(), Some("ci-value-1"));
}
