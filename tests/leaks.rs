//! Leak tests: a token or a value never reaches stdout, stderr (even with `-vv`, on success
//! and on every error path), the process's command line or environment, a child's
//! environment, or a `Debug` rendering; config files with a token are private.
//!
//! Proved elsewhere and only referenced here: `config set-token` writes 0600 in a 0700 folder
//! (`tests/shell.rs`, `set_token_from_stdin_writes_0600_and_is_used`), and a token in a 0644 /
//! 0640 / 0604 file is exit 4 naming `chmod 600` (`tests/config.rs`,
//! `group_readable_file_with_a_token_is_refused`).

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::*;

const VALUE: &str = "VALUE-LEAK-CHECK-7c1f";
const VALUE2: &str = "VALUE-LEAK-CHECK-2-91ab";
const WRONG_TOKEN: &str = "wrong-token-LEAK-5e2d";

/// A body that echoes `v` the way careless servers do.
fn echo_json(v: &str) -> String {
    json!({"message": format!("value '{v}' is not accepted"), "code": "BAD_REQUEST"}).to_string()
}

fn on(method: &str, path: &str) -> Fault {
    Fault {
        method: Some(method.into()),
        path_contains: Some(path.into()),
        count: u32::MAX,
        ..Default::default()
    }
}

fn status(method: &str, path: &str, s: u16, body: Option<String>, ct: Option<&str>) -> Fault {
    Fault {
        status: Some(s),
        body,
        content_type: ct.map(str::to_string),
        ..on(method, path)
    }
}

struct Case {
    what: &'static str,
    setup: Box<dyn Fn(&mut Env)>,
    args: Vec<String>,
    stdin: Option<Vec<u8>>,
    code: i32,
    /// Strings that must appear nowhere on stdout or stderr.
    secret: Vec<String>,
}

fn case(
    what: &'static str,
    setup: impl Fn(&mut Env) + 'static,
    args: &[&str],
    stdin: Option<&[u8]>,
    code: i32,
) -> Case {
    Case {
        what,
        setup: Box::new(setup),
        args: args.iter().map(|s| s.to_string()).collect(),
        stdin: stdin.map(<[u8]>::to_vec),
        code,
        secret: vec![VALUE.into(), VALUE2.into()],
    }
}

fn none(_: &mut Env) {}

fn kubiya_cases() -> Vec<Case> {
    let k = "/api/v1/secrets";
    let v = Some(VALUE.as_bytes());
    let mut big = VALUE.repeat(1024 * 1024 / VALUE.len() + 1).into_bytes();
    big.truncate(1024 * 1024 + 1);
    let mut not_utf8 = VALUE.as_bytes().to_vec();
    not_utf8.extend_from_slice(b"\xff\xfe");
    let seeded = |env: &mut Env| env.emu.seed_kubiya("K", VALUE, "d");
    let mut cases = vec![
        case("create ok", none, &["kubiya", "create", "N"], v, 0),
        case(
            "update ok",
            seeded,
            &["kubiya", "update", "K"],
            Some(VALUE2.as_bytes()),
            0,
        ),
        case(
            "update --keep-value ok (the value is read back and re-sent)",
            seeded,
            &[
                "kubiya",
                "update",
                "K",
                "--keep-value",
                "--description",
                "x",
            ],
            None,
            0,
        ),
        case("get ok", seeded, &["kubiya", "get", "K"], None, 0),
        case("list ok", seeded, &["kubiya", "list"], None, 0),
        case(
            "401",
            move |env: &mut Env| env.fault(status("POST", k, 401, None, None)),
            &["kubiya", "create", "N"],
            v,
            4,
        ),
        case(
            "a wrong token",
            |env: &mut Env| {
                env.set("KUBIYA_API_KEY", WRONG_TOKEN);
            },
            &["kubiya", "create", "N"],
            v,
            4,
        ),
        case("404", none, &["kubiya", "update", "MISSING"], v, 3),
        case("409", seeded, &["kubiya", "create", "K"], v, 5),
        case(
            "500 echoing the value",
            move |env: &mut Env| env.fault(status("POST", k, 500, Some(echo_json(VALUE)), None)),
            &["kubiya", "create", "N"],
            v,
            6,
        ),
        case(
            "400 plain text echoing the value",
            move |env: &mut Env| {
                env.fault(status(
                    "POST",
                    k,
                    400,
                    Some(format!("rejected: {VALUE}")),
                    Some("text/plain"),
                ))
            },
            &["kubiya", "create", "N"],
            v,
            1,
        ),
        case(
            "-o json error echoing the value",
            move |env: &mut Env| env.fault(status("POST", k, 422, Some(echo_json(VALUE)), None)),
            &["-o", "json", "kubiya", "create", "N"],
            v,
            1,
        ),
        case(
            "update --keep-value, the PUT echoes the value read back",
            move |env: &mut Env| {
                env.emu.seed_kubiya("K", VALUE, "d");
                env.fault(status(
                    "PUT",
                    "/secrets/K",
                    400,
                    Some(echo_json(VALUE)),
                    None,
                ));
            },
            &[
                "kubiya",
                "update",
                "K",
                "--keep-value",
                "--description",
                "x",
            ],
            None,
            1,
        ),
        case(
            "timeout",
            move |env: &mut Env| {
                env.fault(Fault {
                    latency_ms: 1500,
                    ..on("POST", k)
                })
            },
            &["--timeout", "1", "kubiya", "create", "N"],
            v,
            6,
        ),
        case(
            "dropped connection",
            move |env: &mut Env| {
                env.fault(Fault {
                    drop: true,
                    ..on("POST", k)
                })
            },
            &["kubiya", "create", "N"],
            v,
            6,
        ),
        case(
            "dropped connection after processing, on an update (retried)",
            move |env: &mut Env| {
                env.emu.seed_kubiya("K", "old", "");
                env.fault(Fault {
                    drop: true,
                    after: true,
                    ..on("PUT", "/secrets/K")
                })
            },
            &["--retries", "1", "kubiya", "update", "K"],
            v,
            6,
        ),
        case(
            "validation: over 1 MiB",
            none,
            &["kubiya", "create", "N"],
            Some(&big),
            2,
        ),
        case(
            "validation: not UTF-8",
            none,
            &["kubiya", "create", "N"],
            Some(&not_utf8),
            2,
        ),
        case(
            "import: creates fail echoing their values",
            move |env: &mut Env| {
                env.fault(status("POST", k, 500, Some(echo_json(VALUE)), None));
                env.write("i.env", format!("A={VALUE}\n").as_bytes());
            },
            &["kubiya", "import", "i.env"],
            None,
            1,
        ),
        case(
            "import --on-conflict update: updates fail echoing their values",
            move |env: &mut Env| {
                env.emu.seed_kubiya("A", "old", "");
                env.fault(status(
                    "PUT",
                    "/secrets/A",
                    400,
                    Some(echo_json(VALUE2)),
                    None,
                ));
                env.write("i.json", json!({"A": VALUE2}).to_string().as_bytes());
            },
            &[
                "kubiya",
                "import",
                "i.json",
                "--on-conflict",
                "update",
                "-o",
                "json",
            ],
            None,
            1,
        ),
        case(
            "import: a value line without a key (unquoted multi-line value)",
            |env: &mut Env| {
                env.write("pem.env", format!("KEY=first line\n{VALUE}\n").as_bytes());
            },
            &["kubiya", "import", "pem.env"],
            None,
            2,
        ),
        case(
            "import: a syntax error after a value",
            |env: &mut Env| {
                env.write("q.env", format!("KEY=\"{VALUE}\"{VALUE2}\n").as_bytes());
            },
            &["kubiya", "import", "q.env"],
            None,
            2,
        ),
        case(
            "import: TOML with an unquoted value",
            |env: &mut Env| {
                env.write("u.toml", format!("KEY = {VALUE}\n").as_bytes());
            },
            &["kubiya", "import", "u.toml"],
            None,
            2,
        ),
        case(
            "list 500",
            move |env: &mut Env| env.fault(status("GET", k, 500, None, None)),
            &["--retries", "0", "kubiya", "list"],
            None,
            6,
        ),
    ];
    // A value of 3 bytes cannot be cut out of a message: the server's message is withheld.
    let mut short = case(
        "a 3-byte value echoed",
        move |env: &mut Env| {
            env.fault(status("POST", k, 400, Some(echo_json("Zq9")), None));
        },
        &["kubiya", "create", "N"],
        Some(b"Zq9"),
        1,
    );
    short.secret.push("Zq9".into());
    cases.push(short);
    for c in &mut cases {
        if c.what == "a wrong token" {
            c.secret.push(WRONG_TOKEN.into());
        }
    }
    cases
}

fn chatbotkit_cases() -> Vec<Case> {
    let v = Some(VALUE.as_bytes());
    let seeded = |env: &mut Env| {
        env.emu.seed_chatbotkit(
            json!({"name": "C", "kind": "shared", "type": "plain", "value": VALUE}),
        );
    };
    let mut cases = vec![
        case("create ok", none, &["chatbotkit", "create", "N"], v, 0),
        case(
            "update ok",
            seeded,
            &["chatbotkit", "update", "C"],
            Some(VALUE2.as_bytes()),
            0,
        ),
        case("get ok", seeded, &["chatbotkit", "get", "C"], None, 0),
        case("list ok", seeded, &["chatbotkit", "list"], None, 0),
        case(
            "401 from a wrong token",
            |env: &mut Env| {
                env.set("CHATBOTKIT_API_TOKEN", WRONG_TOKEN);
            },
            &["chatbotkit", "create", "N"],
            v,
            4,
        ),
        case("404", none, &["chatbotkit", "update", "MISSING"], v, 3),
        case(
            "409 echoing the value",
            |env: &mut Env| {
                env.fault(status(
                    "POST",
                    "/secret/create",
                    409,
                    Some(echo_json(VALUE)),
                    None,
                ))
            },
            &["chatbotkit", "create", "N"],
            v,
            5,
        ),
        case(
            "500 echoing the value on update",
            |env: &mut Env| {
                env.emu
                    .seed_chatbotkit(json!({"name": "C", "kind": "shared"}));
                env.fault(status("POST", "/update", 500, Some(echo_json(VALUE)), None));
            },
            &["--retries", "0", "chatbotkit", "update", "C"],
            v,
            6,
        ),
        case(
            "timeout",
            |env: &mut Env| {
                env.fault(Fault {
                    latency_ms: 1500,
                    ..on("POST", "/secret/create")
                })
            },
            &["--timeout", "1", "chatbotkit", "create", "N"],
            v,
            6,
        ),
        case(
            "dropped connection",
            |env: &mut Env| {
                env.fault(Fault {
                    drop: true,
                    ..on("POST", "/secret/create")
                })
            },
            &["chatbotkit", "create", "N"],
            v,
            6,
        ),
        case(
            "import: creates fail echoing their values",
            |env: &mut Env| {
                env.fault(status(
                    "POST",
                    "/secret/create",
                    400,
                    Some(echo_json(VALUE)),
                    None,
                ));
                env.write("i.toml", format!("A = \"{VALUE}\"\n").as_bytes());
            },
            &["chatbotkit", "import", "i.toml", "-o", "json"],
            None,
            1,
        ),
        case(
            "verify 500",
            |env: &mut Env| {
                let id = env
                    .emu
                    .seed_chatbotkit(json!({"name": "C", "kind": "shared"}));
                env.fault(status("POST", &format!("/{id}/verify"), 500, None, None));
            },
            &["--retries", "0", "chatbotkit", "verify", "C"],
            None,
            6,
        ),
        case(
            "revoke ok",
            seeded,
            &["chatbotkit", "revoke", "C", "--yes"],
            None,
            0,
        ),
    ];
    for c in &mut cases {
        if c.what.contains("wrong token") {
            c.secret.push(WRONG_TOKEN.into());
        }
    }
    cases
}

fn check_cases(cases: Vec<Case>) {
    for c in cases {
        let mut env = Env::new();
        (c.setup)(&mut env);
        let mut args: Vec<String> = vec!["-vv".into()];
        args.extend(c.args.iter().map(|a| {
            // Files the setup wrote are named relative to the test's home.
            if a.ends_with(".env") || a.ends_with(".json") || a.ends_with(".toml") {
                env.path().join(a).to_string_lossy().into_owned()
            } else {
                a.clone()
            }
        }));
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = match &c.stdin {
            Some(s) => env.run_stdin(&argv, s),
            None => env.run(&argv),
        };
        assert_eq!(
            r.code, c.code,
            "{}: exit code\n--- stdout\n{}\n--- stderr\n{}",
            c.what, r.stdout, r.stderr
        );
        for s in &c.secret {
            r.no_leak_short(s);
        }
        if !env.emu.requests().is_empty() {
            // -vv traced the headers, with the credential redacted.
            assert!(
                r.stderr.contains("authorization: UserKey <redacted>")
                    || r.stderr.contains("authorization: Bearer <redacted>"),
                "{}: no redacted authorization header in the trace:\n{}",
                c.what,
                r.stderr
            );
        }
    }
}

#[test]
fn kubiya_vv_never_shows_a_token_or_a_value_on_success_or_any_error() {
    check_cases(kubiya_cases());
}

#[test]
fn chatbotkit_vv_never_shows_a_token_or_a_value_on_success_or_any_error() {
    check_cases(chatbotkit_cases());
}

#[test]
fn reveal_prints_the_value_on_stdout_only() {
    let env = Env::new();
    env.emu.seed_kubiya("K", VALUE, "");
    let r = env.run(&["-vv", "kubiya", "get", "K", "--reveal"]);
    r.ok();
    assert_eq!(r.stdout, VALUE);
    assert!(!r.stderr.contains(VALUE), "{}", r.stderr);
}

// ------------------------------------------------------------------------------ /proc

fn read_proc(pid: u32, what: &str) -> Vec<u8> {
    std::fs::read(format!("/proc/{pid}/{what}")).unwrap_or_default()
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// While a request is in flight, neither the command line nor the environment of the process
/// holds the value; the command line does not hold the token either.
#[test]
fn proc_cmdline_and_environ_hold_no_value_while_a_request_is_in_flight() {
    for source in ["stdin", "file"] {
        let env = Env::new();
        env.fault(Fault {
            latency_ms: 1500,
            ..on("POST", "/api/v1/secrets")
        });
        let f = env.write("v.txt", VALUE.as_bytes());
        let mut c = env.command();
        c.args(["-vv", "kubiya", "create", "INFLIGHT"]);
        if source == "file" {
            c.args(["--value-file", f.to_str().unwrap()]);
        }
        // A value file beside a pipe would leave the pipe unread: refused, so no pipe then.
        c.stdin(if source == "stdin" {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
        let mut child = c.spawn().unwrap();
        if let Some(mut stdin) = child.stdin.take() {
            stdin.write_all(VALUE.as_bytes()).unwrap();
        }
        let pid = child.id();
        let deadline = Instant::now() + Duration::from_secs(10);
        while env.emu.requests().is_empty() {
            assert!(Instant::now() < deadline, "the request never arrived");
            std::thread::sleep(Duration::from_millis(10));
        }
        // The request is being held by the emulator: the process is waiting for the answer.
        let cmdline = read_proc(pid, "cmdline");
        let environ = read_proc(pid, "environ");
        assert!(
            contains(&cmdline, "INFLIGHT"),
            "{source}: not the right process: {:?}",
            String::from_utf8_lossy(&cmdline)
        );
        // secretctl is not dumpable: only root may read its environment. Not being able to
        // read it is the stronger guarantee.
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } == 0 {
            assert!(!environ.is_empty(), "{source}: environ unreadable");
        }
        assert!(!contains(&cmdline, VALUE), "{source}: the value is in argv");
        assert!(
            !contains(&environ, VALUE),
            "{source}: the value is in environ"
        );
        assert!(!contains(&cmdline, TOKEN), "{source}: the token is in argv");
        // Every thread's name too (ps -L shows them).
        if let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) {
            for t in tasks.flatten() {
                let comm = std::fs::read(t.path().join("comm")).unwrap_or_default();
                assert!(!contains(&comm, VALUE) && !contains(&comm, TOKEN));
            }
        }
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{source}");
        assert!(!contains(&out.stderr, VALUE) && !contains(&out.stdout, VALUE));
        assert_eq!(env.kubiya_value("INFLIGHT").as_deref(), Some(VALUE));
    }
}

/// `token_command` runs without any credential variable and without the `--value-env`
/// variable, for both providers.
#[test]
fn token_command_environment_holds_no_token_variable_and_no_value() {
    let all_token_vars = [
        "CHATBOTKIT_API_TOKEN",
        "CBK_API_TOKEN",
        "CHATBOTKIT_API_SECRET",
        "CBK_API_SECRET",
        "CHATBOTKIT_API_KEY",
        "CBK_API_KEY",
        "KUBIYA_API_KEY",
    ];
    for provider in ["kubiya", "chatbotkit"] {
        let mut env = Env::new();
        let dump = env.path().join("child-env.txt");
        let cfg = env.write(
            "tc.toml",
            format!(
                "[profiles.default.{provider}]\ntoken_command = \"env > '{}'; printf %s {TOKEN}\"\n",
                dump.display()
            )
            .as_bytes(),
        );
        std::fs::set_permissions(&cfg, std::fs::Permissions::from_mode(0o600)).unwrap();
        env.set("SECRETCTL_CONFIG", cfg.to_str().unwrap());
        // The provider's own variables are unset so that the profile is used; the other
        // provider's are set (to a distinct, recognisable token) and must not reach the child.
        let other = format!("other-provider-token-{provider}");
        for var in all_token_vars {
            let own = match provider {
                "kubiya" => var == "KUBIYA_API_KEY",
                _ => var != "KUBIYA_API_KEY",
            };
            if own {
                env.remove(var);
            } else {
                env.set(var, &other);
            }
        }
        env.set("SECRET_VAR", VALUE);
        let r = env.run(&[provider, "create", "FROM_ENV", "--value-env", "SECRET_VAR"]);
        r.ok().no_leak(VALUE).no_leak(&other);
        let seen = std::fs::read_to_string(&dump).unwrap();
        assert!(seen.contains("PATH="), "the dump worked: {seen}");
        assert!(
            !seen.contains(VALUE),
            "{provider}: the value reached the child"
        );
        assert!(!seen.contains("SECRET_VAR"), "{provider}: {seen}");
        assert!(
            !seen.contains(TOKEN),
            "{provider}: a token reached the child"
        );
        assert!(
            !seen.contains(&other),
            "{provider}: a token reached the child"
        );
        for var in all_token_vars {
            assert!(
                !seen.lines().any(|l| l.starts_with(&format!("{var}="))),
                "{provider}: {var} reached the child"
            );
        }
        // The token the command printed was used.
        let auth = env
            .emu
            .requests()
            .last()
            .unwrap()
            .header("authorization")
            .unwrap()
            .to_string();
        assert!(auth.ends_with(TOKEN), "{auth}");
    }
}

// ------------------------------------------------------------------------------ Debug

#[test]
fn debug_of_every_type_holding_a_value_or_token_is_redacted() {
    use secretctl::config::Config;
    use secretctl::input::ValueOutcome;
    use secretctl::provider::ProviderKind;
    use secretctl::secret::{SecretValue, Token};
    use secretctl::transport::Transport;
    use zeroize::Zeroizing;

    let v = SecretValue::new(Zeroizing::new(VALUE.to_string()));
    let t = Token::new(TOKEN);
    for shown in [
        format!("{v:?}"),
        format!("{v:#?}"),
        format!("{t:?}"),
        format!("{t}"),
        format!(
            "{:?}",
            ValueOutcome::Value(SecretValue::new(Zeroizing::new(VALUE.into())))
        ),
    ] {
        assert!(shown.contains("<redacted>"), "{shown}");
        assert!(!shown.contains(VALUE) && !shown.contains(TOKEN), "{shown}");
    }

    let items = secretctl::import::formats::parse(
        secretctl::cli::ImportFormat::Dotenv,
        format!("A={VALUE}\n").as_bytes(),
    )
    .unwrap();
    let shown = format!("{items:?}");
    assert!(
        shown.contains("<redacted>") && shown.contains("\"A\""),
        "{shown}"
    );
    assert!(!shown.contains(VALUE), "{shown}");

    let tr = Transport::new(
        ProviderKind::Kubiya,
        Token::new(TOKEN),
        Duration::from_secs(1),
        0,
        0,
        &"http://127.0.0.1:1/api/v1".parse().unwrap(),
    )
    .unwrap();
    let shown = format!("{tr:?}");
    assert!(shown.contains("<redacted>"), "{shown}");
    assert!(!shown.contains(TOKEN), "{shown}");

    // The config as loaded (a token in a private file).
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("c.toml");
    std::fs::write(
        &p,
        format!("[profiles.default.kubiya]\ntoken = \"{TOKEN}\"\n[profiles.default.chatbotkit]\ntoken = \"{VALUE}\"\n"),
    )
    .unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    let sel = secretctl::config::Selection::resolve(Some(&p), None, &|_| None);
    let cfg = Config::load(&sel).unwrap();
    let shown = format!("{cfg:?}");
    assert!(shown.contains("<redacted>"), "{shown}");
    assert!(!shown.contains(TOKEN) && !shown.contains(VALUE), "{shown}");
}

// ------------------------------------------------------------------------------ files

/// Everything secretctl writes is private, including a file that was not before.
#[test]
fn files_secretctl_writes_are_0600() {
    let mut env = Env::new();
    env.remove("CHATBOTKIT_API_TOKEN");
    let cfg = env.path().join("new-dir/cfg.toml");
    let c = cfg.to_str().unwrap();
    env.run(&[
        "config",
        "--config",
        c,
        "set-command",
        "chatbotkit",
        "--",
        "printf",
        "%s",
        TOKEN,
    ])
    .ok();
    assert_eq!(mode(&cfg), 0o600);
    // A readable file without a token becomes private when a token is written into it.
    std::fs::write(&cfg, "# shared settings\n").unwrap();
    std::fs::set_permissions(&cfg, std::fs::Permissions::from_mode(0o644)).unwrap();
    env.run_stdin(
        &["config", "--config", c, "set-token", "kubiya"],
        format!("{TOKEN}\n").as_bytes(),
    )
    .ok()
    .no_leak(TOKEN);
    assert_eq!(mode(&cfg), 0o600);
    let text = std::fs::read_to_string(&cfg).unwrap();
    assert!(text.contains("# shared settings"), "{text}");
    // No stray temporary file with the token is left next to it.
    for e in std::fs::read_dir(cfg.parent().unwrap()).unwrap().flatten() {
        let p = e.path();
        if p != cfg {
            assert!(
                !std::fs::read_to_string(&p)
                    .unwrap_or_default()
                    .contains(TOKEN),
                "{} holds the token",
                p.display()
            );
        }
    }
}

/// A token in a file others can read is refused before it is used, for every command, and
/// the message names the fix but never the token.
#[test]
fn a_token_in_a_readable_file_is_refused_for_every_command() {
    for mode in [0o644, 0o640] {
        let mut env = Env::new();
        let cfg = env.write(
            "c.toml",
            format!("[profiles.default.kubiya]\ntoken = \"{WRONG_TOKEN}\"\n").as_bytes(),
        );
        std::fs::set_permissions(&cfg, std::fs::Permissions::from_mode(mode)).unwrap();
        env.set("SECRETCTL_CONFIG", cfg.to_str().unwrap());
        env.remove("KUBIYA_API_KEY");
        for (args, stdin) in [
            (vec!["kubiya", "create", "X"], Some(VALUE.as_bytes())),
            (vec!["kubiya", "get", "X", "--reveal"], None),
            (vec!["kubiya", "delete", "X", "--yes"], None),
            (vec!["kubiya", "list"], None),
        ] {
            let r = match stdin {
                Some(s) => env.run_stdin(&args, s),
                None => env.run(&args),
            };
            r.code(4)
                .one_error_line()
                .stderr_has("chmod 600")
                .no_leak(WRONG_TOKEN)
                .no_leak(VALUE);
        }
        assert!(env.emu.requests().is_empty(), "mode {mode:o}");
    }
}

/// A 101-character value, echoed by a server the ways a hostile probe saw: truncated
/// pydantic-style, base64-encoded, upper-cased and URL-encoded. No run of 8 of its characters
/// (in any of those forms) reaches stderr, and the status is still shown.
#[test]
fn partial_and_encoded_echoes_of_a_value_are_cut_out() {
    use base64::Engine;
    let v = "sk-proj-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghijklmnopqrstuvwxyz-0123456789ABCDEFGHIJKLMNOPQRSTUVW";
    let b64 = base64::engine::general_purpose::STANDARD.encode(v);
    let url = v.replace('-', "%2D");
    let bodies = [
        format!(
            "1 validation error for SecretCreate\nvalue\n  String should have at most 100 characters [type=string_too_long, input_value='{}...', input_type=str]",
            &v[..18]
        ),
        format!("{{\"message\":\"cannot decode {b64}\"}}"),
        format!("{{\"error\":\"VALUE {} IS INVALID\"}}", v.to_uppercase()),
        format!("{{\"detail\":\"bad form body value={url}&name=X\"}}"),
    ];
    for body in &bodies {
        let env = Env::new();
        env.fault(Fault {
            body: Some(body.clone()),
            ..status_fault("/secrets", 422, 1)
        });
        let r = env.run_stdin(&["kubiya", "create", "X"], v.as_bytes());
        r.code(1).one_error_line().stderr_has("(422)");
        let lower = r.stderr.to_lowercase();
        for form in [v.to_string(), b64.clone(), url.clone()] {
            let form = form.to_lowercase();
            for run in form.as_bytes().windows(8) {
                let run = std::str::from_utf8(run).unwrap();
                assert!(
                    !lower.contains(run),
                    "{body:?}: the run {run:?} is in\n{}",
                    r.stderr
                );
            }
        }
    }
}

/// Issue 25: a 7-of-8 echo of a short value withholds the message, and Go's `\u003c`
/// escapes, HTML entities, hex, base32 and a reversed echo of a long one are cut out.
#[test]
fn short_partial_escaped_and_reversed_echoes_never_reach_stderr() {
    let long = "p<a>ss&word-0123456789-abcdefghij";
    let hex: String = long.bytes().map(|b| format!("{b:02x}")).collect();
    let reversed: String = long.chars().rev().collect();
    let cases = [
        ("hunter2!", "value hunter2 rejected".to_string()),
        // The message itself holds the escapes (a JSON-marshalled value inside it).
        (
            long,
            long.replace('<', "\\\\u003c")
                .replace('>', "\\\\u003e")
                .replace('&', "\\\\u0026"),
        ),
        (
            long,
            long.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;"),
        ),
        (long, hex),
        (long, reversed),
    ];
    for (value, echo) in cases {
        let env = Env::new();
        env.fault(Fault {
            body: Some(format!("{{\"message\":\"bad value {echo} here\"}}")),
            ..status_fault("/secrets", 422, 1)
        });
        let r = env.run_stdin(&["kubiya", "create", "X"], value.as_bytes());
        r.code(1).one_error_line().stderr_has("(422)");
        assert!(!r.stderr.contains(&echo), "{echo}: {}", r.stderr);
        if value == long {
            r.stderr_has("bad value <redacted> here");
        } else {
            r.stderr_has("withheld").no_leak_short("hunter");
        }
    }
}

/// From start-up secretctl cannot dump core (limit 0, soft and hard) and is not dumpable: a
/// running process, started with an unlimited core limit and blocked on a slow request,
/// shows `Max core file size 0 0` in /proc/PID/limits, and its /proc/PID files belong to
/// root — the kernel's mark of a process that is not dumpable. (As root the child runs as
/// `nobody`, so that mark is visible.)
#[test]
fn core_limit_is_zero_and_the_process_is_not_dumpable() {
    use std::os::unix::fs::MetadataExt;
    use std::os::unix::process::CommandExt;
    let env = Env::new();
    env.fault(Fault {
        latency_ms: 2000,
        ..on("GET", "/api/v1/secrets")
    });
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    // As `nobody`, the binary must be reachable: the checkout may sit in a folder only root
    // can enter (a `mktemp -d` clone), so run a copy from a world-readable folder in /tmp.
    let copy = root.then(|| {
        let base = Path::new("/tmp");
        let dir = tempfile::Builder::new()
            .prefix("secretctl-nobody-")
            .tempdir_in(if base.is_dir() {
                base.to_path_buf()
            } else {
                std::env::temp_dir()
            })
            .unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let exe = dir.path().join("secretctl");
        std::fs::copy(bin(), &exe).unwrap();
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
        (dir, exe)
    });
    let mut c = match &copy {
        Some((_, exe)) => env.command_for(exe),
        None => env.command(),
    };
    c.args(["kubiya", "list"]);
    if root {
        c.uid(65534).gid(65534);
        c.env("HOME", "/nonexistent-secretctl-home");
        c.env("XDG_CONFIG_HOME", "/nonexistent-secretctl-home/.config");
    }
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        c.pre_exec(|| {
            let mut l = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            libc::getrlimit(libc::RLIMIT_CORE, &mut l);
            let max = if libc::geteuid() == 0 {
                libc::RLIM_INFINITY
            } else {
                l.rlim_max
            };
            let l = libc::rlimit {
                rlim_cur: max,
                rlim_max: max,
            };
            libc::setrlimit(libc::RLIMIT_CORE, &l);
            Ok(())
        });
    }
    c.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = c.spawn().unwrap();
    let pid = child.id();
    let deadline = Instant::now() + Duration::from_secs(10);
    while env.emu.requests().is_empty() {
        assert!(Instant::now() < deadline, "the request never arrived");
        std::thread::sleep(Duration::from_millis(10));
    }
    let limits = String::from_utf8(read_proc(pid, "limits")).unwrap();
    let core: Vec<&str> = limits
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .expect("a core line")
        .split_whitespace()
        .collect();
    assert_eq!(&core[4..6], ["0", "0"], "{limits}");
    let status = String::from_utf8(read_proc(pid, "status")).unwrap();
    let uid_line = status.lines().find(|l| l.starts_with("Uid:")).unwrap();
    let owner = std::fs::metadata(format!("/proc/{pid}/status"))
        .unwrap()
        .uid();
    if root {
        assert!(uid_line.contains("65534"), "{uid_line}");
    }
    assert_eq!(
        owner, 0,
        "/proc/{pid}/status belongs to uid {owner}: the process is dumpable ({uid_line})"
    );
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
