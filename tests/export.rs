//! kubiya export and run against the emulator: selection, exact-or-nothing reads, the four
//! formats read back by import/sync and bash, the terminal refusal, the 0600 atomic --out,
//! the copy of an organization between two emulators, and run's exec: environment, exit
//! codes, signals, 127/126, and every refusal before anything runs.

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};

use crate::support::*;

/// Values that break naive writers: newlines (and a trailing one), CRLF, tabs, quotes of both
/// kinds, `$`, backticks, `\`, `#`, `=`, leading and trailing spaces, non-ASCII.
const TRICKY: &[(&str, &str, &str)] = &[
    (
        "A_PEM",
        "-----BEGIN KEY-----\nMIIE\n-----END KEY-----\n",
        "a pem",
    ),
    ("B_CRLF", "line one\r\nline two\r\n", ""),
    (
        "C_QUOTES",
        "it's \"quoted\" `id` $HOME ${X} $(id)",
        "quotes \"d\"",
    ),
    ("D_SLASH", "back\\slash\\n \\ #hash a=b", ""),
    ("E_SPACES", "  padded\t\t ", "tabs"),
    ("F_UNICODE", "ünïcødé ✓ 🎉 \u{1b}[31m", "ünï"),
    ("G_SINGLE", "'", ""),
];

fn seed(env: &Env) {
    for (n, v, d) in TRICKY {
        env.emu.seed_kubiya(n, v, d);
    }
}

fn tricky() -> Vec<(String, String, String)> {
    TRICKY
        .iter()
        .map(|(n, v, d)| (n.to_string(), v.to_string(), d.to_string()))
        .collect()
}

fn value_reads(env: &Env) -> usize {
    env.requests(Some("GET"), "/secrets/get_value/").len()
}

/// `bash -c SCRIPT` with the test's environment; `$0` is the secretctl binary.
fn bash(env: &Env, script: &str) -> Run {
    let c = env.command();
    let mut sh = Command::new("bash");
    for (k, v) in c.get_envs() {
        match v {
            Some(v) => sh.env(k, v),
            None => sh.env_remove(k),
        };
    }
    sh.arg("-o")
        .arg("pipefail")
        .arg("-c")
        .arg(script)
        .arg(bin());
    run_command(sh, &["bash", "-c", script], None)
}

fn files_in(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn json_is_sorted_with_descriptions_and_exact_values_from_one_list_call() {
    let env = Env::new();
    seed(&env);
    let r = env.run(&["kubiya", "export"]);
    r.ok();
    let got: Vec<(String, String, String)> = r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            assert_eq!(o.as_object().unwrap().len(), 3, "{o}");
            (
                o["name"].as_str().unwrap().to_string(),
                o["value"].as_str().unwrap().to_string(),
                o["description"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(got, tricky());
    assert_eq!(
        env.requests(Some("GET"), "/api/v1/secrets").len(),
        1 + TRICKY.len()
    );
    assert_eq!(value_reads(&env), TRICKY.len());
    assert!(env.writes().is_empty());
    assert_eq!(r.stderr, "");
}

#[test]
fn every_get_value_form_reads_exactly() {
    for form in [
        KubiyaValueFormat::Object,
        KubiyaValueFormat::Base64String,
        KubiyaValueFormat::RawText,
    ] {
        let env = Env::new();
        seed(&env);
        env.emu.set_kubiya_value_format(Some(form));
        let r = env.run(&["kubiya", "export", "--format", "toml"]);
        r.ok();
        let back = env.write("back.toml", &r.stdout_bytes);
        let other = Env::new();
        other
            .run(&[
                "kubiya",
                "import",
                back.to_str().unwrap(),
                "--format",
                "toml",
            ])
            .ok();
        let want: Vec<_> = tricky()
            .into_iter()
            .map(|(n, v, _)| (n, v, String::new()))
            .collect();
        assert_eq!(kubiya_triples(&other.emu.secrets()), want, "{form:?}");
    }
}

#[test]
fn dotenv_and_toml_read_back_through_sync_and_shell_through_bash_eval() {
    for format in ["dotenv", "toml", "json"] {
        let env = Env::new();
        seed(&env);
        let r = env.run(&["kubiya", "export", "--format", format]);
        r.ok();
        let other = Env::new();
        other
            .run_stdin(
                &["kubiya", "sync", "-", "--format", format],
                &r.stdout_bytes,
            )
            .ok();
        let got = kubiya_triples(&other.emu.secrets());
        let want: Vec<_> = tricky()
            .into_iter()
            .map(|(n, v, d)| (n, v, if format == "json" { d } else { String::new() }))
            .collect();
        assert_eq!(got, want, "{format}");
    }
    let env = Env::new();
    seed(&env);
    let names: Vec<&str> = TRICKY.iter().map(|t| t.0).collect();
    let r = bash(
        &env,
        &format!(
            "eval \"$(\"$0\" kubiya export --format shell)\" && for n in {}; do printf '%s\\0' \"${{!n}}\"; done",
            names.join(" ")
        ),
    );
    r.ok();
    let got: Vec<&str> = r.stdout.split('\0').filter(|s| !s.is_empty()).collect();
    let want: Vec<&str> = TRICKY.iter().map(|t| t.1).collect();
    assert_eq!(got, want);
}

#[test]
fn copy_an_organization_between_two_emulators_with_profiles() {
    let mut env = Env::new();
    seed(&env);
    let prod = Emulator::start(EmulatorOptions {
        port: 0,
        token: TOKEN.to_string(),
    })
    .unwrap();
    prod.seed_kubiya("C_QUOTES", "stale value", "old description");
    let cfg = env.write(
        "cfg/config.toml",
        format!(
            "[profiles.default.kubiya]\nbase_url = \"{}/api/v1\"\ntoken = \"{TOKEN}\"\n\
             [profiles.prod.kubiya]\nbase_url = \"{}/api/v1\"\ntoken = \"{TOKEN}\"\n",
            env.url(),
            prod.base_url()
        )
        .as_bytes(),
    );
    std::fs::set_permissions(&cfg, std::fs::Permissions::from_mode(0o600)).unwrap();
    env.remove("KUBIYA_BASE_URL")
        .remove("KUBIYA_API_KEY")
        .set("SECRETCTL_CONFIG", cfg.to_str().unwrap());
    let r = bash(
        &env,
        "\"$0\" kubiya export | \"$0\" kubiya --profile prod sync -",
    );
    r.ok();
    assert_eq!(kubiya_triples(&prod.secrets()), tricky());
    assert_eq!(
        kubiya_triples(&env.emu.secrets()),
        tricky(),
        "the source is untouched"
    );
    assert!(env.writes().is_empty());
    // A second copy finds nothing to change.
    let before = prod.requests().iter().filter(|r| r.method != "GET").count();
    bash(
        &env,
        "\"$0\" kubiya export | \"$0\" kubiya --profile prod sync -",
    )
    .ok();
    let after = prod.requests().iter().filter(|r| r.method != "GET").count();
    assert_eq!(before, after);
}

#[test]
fn names_and_prefix_select_and_a_missing_name_is_exit_3_with_nothing_read() {
    let env = Env::new();
    seed(&env);
    env.emu.seed_kubiya("APP_PORT", "8080", "");
    let r = env.run(&[
        "kubiya", "export", "G_SINGLE", "A_PEM", "--format", "dotenv",
    ]);
    r.ok();
    assert_eq!(
        r.stdout,
        "A_PEM=\"-----BEGIN KEY-----\\nMIIE\\n-----END KEY-----\\n\"\nG_SINGLE=\"'\"\n"
    );
    let r = env.run(&["kubiya", "export", "--prefix", "APP_", "--format", "shell"]);
    r.ok();
    assert_eq!(r.stdout, "export APP_PORT='8080'\n");
    env.emu.clear_requests();
    let r = env.run(&["kubiya", "export", "A_PEM", "NOPE", "ALSO_NOT"]);
    r.code(3).one_error_line().stderr_has("'ALSO_NOT', 'NOPE'");
    assert_eq!(r.stdout, "");
    assert_eq!(value_reads(&env), 0);
}

#[test]
fn a_failed_read_writes_nothing_and_is_that_failures_code() {
    let env = Env::new();
    seed(&env);
    env.fault(status_fault("/get_value/D_SLASH", 500, u32::MAX));
    let out = env.path().join("out.json");
    let r = env.run(&[
        "--retries",
        "0",
        "kubiya",
        "export",
        "--out",
        out.to_str().unwrap(),
    ]);
    r.code(6)
        .one_error_line()
        .stderr_has("nothing was written")
        .stderr_has("'D_SLASH'");
    assert!(!out.exists());
    assert!(
        !files_in(env.path()).iter().any(|f| f.contains("secretctl")),
        "{:?}",
        files_in(env.path())
    );
    let r = env.run(&["--retries", "0", "kubiya", "export"]);
    r.code(6);
    assert_eq!(r.stdout, "");
    for (_, v, _) in TRICKY.iter().filter(|t| t.1.len() >= 8) {
        r.no_leak(v);
    }
    // A 404 on a read for a secret the list still shows is the endpoint's error, not
    // "missing" (the contract's reliability rule): exit 6, nothing written.
    env.emu.clear_faults();
    env.fault(status_fault("/get_value/A_PEM", 404, 1));
    let r = env.run(&["kubiya", "export"]);
    r.code(6)
        .stderr_has("'A_PEM'")
        .stderr_has("its list of secrets shows");
    assert_eq!(r.stdout, "");
}

#[test]
fn an_ambiguous_read_is_never_guessed_at() {
    let env = Env::new();
    env.emu.seed_kubiya("AMB", "x", "");
    env.fault(Fault {
        path_contains: Some("/get_value/AMB".into()),
        status: Some(200),
        body: Some("\"not base64!\"".into()),
        content_type: Some("application/json".into()),
        count: u32::MAX,
        ..Default::default()
    });
    let r = env.run(&["kubiya", "export"]);
    r.code(6).stderr_has("not guessed at");
    assert_eq!(r.stdout, "");
}

#[test]
fn out_is_0600_refuses_an_existing_file_and_force_replaces_it_whole() {
    let env = Env::new();
    seed(&env);
    let out = env.path().join("backup.json");
    let p = out.to_str().unwrap();
    let r = env.run(&["kubiya", "export", "--out", p]);
    r.ok();
    assert_eq!(r.stdout, "");
    assert_eq!(mode(&out), 0o600);
    let first = std::fs::read(&out).unwrap();
    assert_eq!(first.first(), Some(&b'['));
    // Existing: exit 2 before anything is read or sent.
    env.emu.clear_requests();
    let r = env.run(&["kubiya", "export", "--out", p, "--format", "dotenv"]);
    r.code(2).one_error_line().stderr_has("--force");
    assert!(env.emu.requests().is_empty());
    assert_eq!(std::fs::read(&out).unwrap(), first);
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o644)).unwrap();
    env.run(&[
        "kubiya", "export", "--out", p, "--format", "dotenv", "--force",
    ])
    .ok();
    assert_eq!(mode(&out), 0o600);
    assert!(std::fs::read(&out).unwrap().starts_with(b"A_PEM=\""));
    let listed: Vec<String> = files_in(env.path())
        .into_iter()
        .filter(|f| f != ".config")
        .collect();
    assert_eq!(
        listed,
        vec!["backup.json".to_string()],
        "no temporary file is left"
    );
    // A directory, or a folder that does not exist: exit 2, nothing sent.
    env.emu.clear_requests();
    env.run(&[
        "kubiya",
        "export",
        "--out",
        env.path().to_str().unwrap(),
        "--force",
    ])
    .code(2);
    let nowhere = env.path().join("no/such/file");
    env.run(&["kubiya", "export", "--out", nowhere.to_str().unwrap()])
        .code(2);
    assert!(env.emu.requests().is_empty());
}

#[test]
fn a_format_that_cannot_carry_a_name_or_value_is_exit_2_naming_one_that_can() {
    let env = Env::new();
    env.emu.seed_kubiya("my-key", "v", "");
    env.emu.seed_kubiya("a b", "v", "");
    env.emu.seed_kubiya("NUL_VALUE", "a\0b", "");
    let r = env.run(&["kubiya", "export", "my-key", "--format", "shell"]);
    r.code(2)
        .one_error_line()
        .stderr_has("'my-key'")
        .stderr_has("--format dotenv, toml or json");
    // A name is known before any value is read.
    assert_eq!(value_reads(&env), 0);
    env.run(&["kubiya", "export", "a b", "--format", "dotenv"])
        .code(2)
        .stderr_has("--format json or toml");
    assert_eq!(value_reads(&env), 0);
    for f in ["dotenv", "shell"] {
        env.run(&["kubiya", "export", "NUL_VALUE", "--format", f])
            .code(2)
            .stderr_has("'NUL_VALUE'")
            .stderr_has("NUL");
    }
    let r = env.run(&["kubiya", "export", "NUL_VALUE", "--format", "toml"]);
    r.ok();
    assert_eq!(r.stdout, "NUL_VALUE = \"a\\u0000b\"\n");
}

#[test]
fn chatbotkit_export_and_run_are_exit_2_with_nothing_sent_or_run() {
    let env = Env::new();
    let marker = env.path().join("ran");
    env.run(&["chatbotkit", "export"])
        .code(2)
        .one_error_line()
        .stderr_has("write-only");
    env.run(&[
        "cbk",
        "run",
        "--all",
        "--",
        "touch",
        marker.to_str().unwrap(),
    ])
    .code(2)
    .stderr_has("write-only");
    assert!(env.emu.requests().is_empty());
    assert!(!marker.exists());
}

#[test]
fn export_under_a_rate_limit_reads_every_value_without_failing() {
    let env = Env::new();
    for i in 0..40 {
        env.emu
            .seed_kubiya(&format!("K{i:02}"), &format!("value-{i:02}"), "");
    }
    env.set_rate_limit(40.0, 5, true);
    let r = env.run(&[
        "kubiya",
        "export",
        "--format",
        "dotenv",
        "--concurrency",
        "8",
    ]);
    r.ok();
    assert_eq!(r.stdout.lines().count(), 40);
    assert!(r.stdout.contains("K39=\"value-39\"\n"));
    let limited = env
        .emu
        .requests()
        .iter()
        .filter(|q| q.status == 429)
        .count();
    // Kubiya's answers say what is left of the limit: the reads keep under it (at most one
    // 429, from a machine so loaded that a request left long after its turn).
    assert!(
        limited <= 1,
        "{limited} 429s: the reads were not paced by X-RateLimit-*"
    );
}

// ------------------------------------------------------------------- run

#[test]
fn run_passes_exact_values_only_in_the_environment_and_becomes_the_command() {
    let env = Env::new();
    seed(&env);
    let mut c = env.command();
    c.args([
        "kubiya",
        "run",
        "-s",
        "A_PEM",
        "-s",
        "B_CRLF",
        "--",
        "sh",
        "-c",
        "echo $$; tr '\\0' ' ' < /proc/$$/cmdline; echo; printf '%s|%s' \"$A_PEM\" \"$B_CRLF\"",
    ]);
    c.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = c.spawn().unwrap();
    let pid = child.id();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let (first, rest) = text.split_once('\n').unwrap();
    assert_eq!(
        first,
        pid.to_string(),
        "exec: the same process is the command"
    );
    let (argv, values) = rest.split_once('\n').unwrap();
    assert!(
        !argv.contains("MIIE") && !argv.contains("line one"),
        "{argv}"
    );
    assert_eq!(values, format!("{}|{}", TRICKY[0].1, TRICKY[1].1));
    assert_eq!(out.stderr, b"");
}

#[test]
fn run_exit_code_and_signal_are_the_commands_own() {
    let env = Env::new();
    env.emu.seed_kubiya("TOKEN_A", "value-aaaa", "");
    env.run(&["kubiya", "run", "-s", "TOKEN_A", "--", "sh", "-c", "exit 7"])
        .code(7);
    let mut c = env.command();
    c.args(["kubiya", "run", "--all", "--", "sh", "-c", "kill -TERM $$"]);
    let st = c.status().unwrap();
    assert_eq!(st.signal(), Some(libc::SIGTERM), "{st:?}");
    // SIGPIPE (which Rust programs ignore for themselves) and the signals secretctl catches
    // start at their defaults, as from a shell.
    let r = env.run(&[
        "kubiya",
        "run",
        "--all",
        "--",
        "grep",
        "^SigIgn",
        "/proc/self/status",
    ]);
    r.ok();
    let hex = r.stdout.trim().trim_start_matches("SigIgn:").trim();
    let mask = u64::from_str_radix(hex, 16).unwrap();
    for sig in [libc::SIGPIPE, libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        assert_eq!(
            mask & (1 << (sig - 1)),
            0,
            "signal {sig} is ignored: {mask:x}"
        );
    }
}

#[test]
fn run_not_found_is_127_and_not_executable_126() {
    let env = Env::new();
    env.emu.seed_kubiya("A", "value-aaaa", "");
    env.run(&["kubiya", "run", "-s", "A", "--", "no-such-command-xyz"])
        .code(127)
        .one_error_line()
        .stderr_has("no-such-command-xyz");
    let f = env.write("script.sh", b"#!/bin/sh\necho hi\n");
    env.run(&["kubiya", "run", "-s", "A", "--", f.to_str().unwrap()])
        .code(126)
        .one_error_line();
}

#[test]
fn run_refuses_bad_names_existing_variables_and_nul_before_anything_runs() {
    let mut env = Env::new();
    env.emu.seed_kubiya("my-key", "value-aaaa", "");
    env.emu.seed_kubiya("PATH", "/evil", "");
    env.emu.seed_kubiya("APP_", "value-bbbb", "");
    env.emu.seed_kubiya("NUL_V", "a\0b", "");
    env.emu.seed_kubiya("OK_V", "value-okok", "");
    let marker = env.path().join("ran");
    let touch = marker.to_str().unwrap().to_string();
    let run = |env: &Env, sel: &[&str]| {
        let mut args = vec!["kubiya", "run"];
        args.extend_from_slice(sel);
        args.extend(["--", "touch", touch.as_str()]);
        env.run(&args)
    };
    run(&env, &["-s", "my-key"])
        .code(2)
        .one_error_line()
        .stderr_has("'my-key'");
    run(&env, &["-s", "OK_V", "-s", "PATH"]).code(2);
    // A -s name is refused before connecting: exit 2 is "nothing was sent", and the usage
    // error comes first even without a token.
    assert_eq!(env.emu.requests().len(), 0);
    let mut tokenless = Env::new();
    tokenless.remove("KUBIYA_API_KEY");
    run(&tokenless, &["-s", "my-key"]).code(2);
    run(&env, &["--prefix", "APP_", "--strip-prefix"])
        .code(2)
        .stderr_has("'APP_'");
    assert_eq!(value_reads(&env), 0, "names are checked before any read");
    run(&env, &["-s", "PATH"]).code(2).stderr_has("--override");
    assert_eq!(value_reads(&env), 0);
    run(&env, &["-s", "NUL_V", "-s", "OK_V"])
        .code(2)
        .stderr_has("NUL");
    assert!(!marker.exists());
    // A failed read: the command never starts.
    env.fault(status_fault("/get_value/OK_V", 401, 1));
    run(&env, &["-s", "OK_V"])
        .code(4)
        .stderr_has("nothing was run");
    assert!(!marker.exists());
    // A variable of the user's own is replaced only with --override.
    env.set("OK_V", "mine");
    run(&env, &["-s", "OK_V"]).code(2);
    let r = env.run(&[
        "kubiya",
        "run",
        "-s",
        "OK_V",
        "--override",
        "--",
        "printenv",
        "OK_V",
    ]);
    r.ok();
    assert_eq!(r.stdout, "value-okok\n");
    // A missing name: exit 3.
    run(&env, &["-s", "GONE"]).code(3);
    assert!(!marker.exists());
}

#[test]
fn run_prefix_strip_prefix_and_all() {
    let env = Env::new();
    env.emu.seed_kubiya("APP_PORT", "8080", "");
    env.emu.seed_kubiya("APP_HOST", "localhost", "");
    env.emu.seed_kubiya("OTHER", "o", "");
    let r = env.run(&[
        "kubiya",
        "run",
        "--prefix",
        "APP_",
        "--strip-prefix",
        "--",
        "sh",
        "-c",
        "printf '%s %s %s' \"$PORT\" \"$HOST\" \"${OTHER-unset}\"",
    ]);
    r.ok();
    assert_eq!(r.stdout, "8080 localhost unset");
    let r = env.run(&[
        "kubiya",
        "run",
        "--all",
        "--",
        "sh",
        "-c",
        "printf '%s %s %s' \"$APP_PORT\" \"$APP_HOST\" \"$OTHER\"",
    ]);
    r.ok();
    assert_eq!(r.stdout, "8080 localhost o");
    // One of -s, --prefix, --all is required.
    env.run(&["kubiya", "run", "--", "true"]).code(2);
}

/// `args` spawned, sent SIGTERM while its one value read is in flight (the emulator has the
/// request and holds it for 5 s); its output.
fn terminated_mid_read(env: &Env, args: &[&str]) -> std::process::Output {
    env.fault(Fault {
        path_contains: Some("/get_value/".into()),
        latency_ms: 5000,
        count: u32::MAX,
        ..Default::default()
    });
    let before = value_reads(env);
    let mut c = env.command();
    c.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = c.spawn().unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while value_reads(env) == before && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // SAFETY: signalling our own child.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGTERM);
    }
    child.wait_with_output().unwrap()
}

/// A signal while the values are read stops everything, even when the reads in flight then
/// succeed: `run` never starts the command, `export` writes nothing (to stdout or `--out`),
/// and each ends by that signal.
#[test]
fn a_signal_during_the_reads_runs_and_writes_nothing_and_ends_by_it() {
    let env = Env::new();
    env.emu.seed_kubiya("A", "value-aaaa", "");
    let marker = env.path().join("started");
    let script = format!("echo started > '{}'", marker.display());
    let out = terminated_mid_read(
        &env,
        &["kubiya", "run", "-s", "A", "--", "sh", "-c", &script],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.signal(), Some(libc::SIGTERM), "{stderr}");
    assert!(!marker.exists(), "the command started: {stderr}");
    assert!(stderr.contains("nothing was run"), "{stderr}");

    let out = terminated_mid_read(&env, &["kubiya", "export", "A"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.signal(), Some(libc::SIGTERM), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "", "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");

    let file = env.path().join("out.json");
    let out = terminated_mid_read(
        &env,
        &["kubiya", "export", "A", "--out", file.to_str().unwrap()],
    );
    assert_eq!(out.status.signal(), Some(libc::SIGTERM));
    assert!(!file.exists());
}

// ------------------------------------------------ names a shell treats specially

/// `export NAME --format shell` for each of `names` (seeded with a value that runs a command
/// when a shell evaluates it arithmetically): each is exit 2 naming the secret and the formats
/// that can carry it, with no value read and nothing on stdout. Run four at a time.
fn shell_refuses_each(env: &Env, names: &[String]) {
    let marker = env.path().join("PWN");
    let value = format!("a[$(touch {})]", marker.display());
    for n in names {
        env.emu.seed_kubiya(n, &value, "");
    }
    let refused = |n: &String| {
        let r = env.run(&["kubiya", "export", n, "--format", "shell"]);
        r.code(2)
            .one_error_line()
            .stderr_has(&format!("'{n}'"))
            .stderr_has("--format dotenv, toml or json");
        assert_eq!(r.stdout, "", "{n}");
    };
    std::thread::scope(|s| {
        for chunk in names.chunks(names.len().div_ceil(4).max(1)) {
            s.spawn(move || chunk.iter().for_each(refused));
        }
    });
    assert_eq!(
        value_reads(env),
        0,
        "names are refused before any value is read"
    );
    assert!(!marker.exists());
}

#[test]
fn shell_refuses_every_name_a_shell_treats_specially_before_reading_any_value() {
    use secretctl::export::names;
    let env = Env::new();
    let all: Vec<String> = names::every_listed()
        .map(str::to_string)
        .chain(names::one_per_prefix())
        .collect();
    shell_refuses_each(&env, &all);
    // The other formats carry them all, exactly.
    let r = env.run(&["kubiya", "export", "--format", "dotenv"]);
    r.ok();
    assert_eq!(r.stdout.lines().count(), all.len());
}

#[test]
fn eval_of_a_shell_export_never_runs_a_value_nor_loses_one() {
    let env = Env::new();
    let marker = env.path().join("PWN");
    for n in ["OPTIND", "RANDOM", "SRANDOM", "HISTCMD"] {
        env.emu
            .seed_kubiya(n, &format!("a[$(touch {})]", marker.display()), "");
    }
    env.emu.seed_kubiya("GH_TOKEN", "value-gggg", "");
    let r = bash(
        &env,
        "out=$(\"$0\" kubiya export --format shell); echo \"rc=$?\"; eval \"$out\"; echo \"GH=${GH_TOKEN-unset}\"",
    );
    r.ok()
        .stdout_has("rc=2")
        .stdout_has("GH=unset")
        .stderr_has("'HISTCMD'")
        .stderr_has("meaning of its own");
    assert!(
        !marker.exists(),
        "a value ran in the shell that evaluated it"
    );
    // The others alone go through.
    let r = bash(
        &env,
        "eval \"$(\"$0\" kubiya export GH_TOKEN --format shell)\" && echo \"GH=$GH_TOKEN\"",
    );
    r.ok().stdout_has("GH=value-gggg");
}

/// The identifiers a shell lists when `script` runs it from an empty environment (`None`
/// when that shell is not installed).
fn shell_names(shell: &str, args: &[&str]) -> Option<Vec<String>> {
    let out = Command::new("env")
        .arg("-i")
        .arg(shell)
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    let text = String::from_utf8_lossy(&out.stdout);
    let names: Vec<String> = text
        .lines()
        .map(|l| l.split_once('=').map_or(l, |(n, _)| n).trim())
        .filter(|n| secretctl::export::formats::is_env_name(n))
        .map(str::to_string)
        .collect();
    (!names.is_empty()).then_some(names)
}

/// The names the installed shells set or treat specially, as they list them now: bash's
/// `compgen -v` (as a script and interactive), zsh's `${(k)parameters}` with its usual modules
/// loaded, and the variables dash sets. Every one is refused, so that the list cannot
/// silently fall behind a newer shell. (No name a shell lists is taken as harmless.)
#[test]
fn every_name_the_installed_shells_list_is_refused() {
    let bash_names = shell_names("bash", &["--norc", "--noprofile", "-c", "compgen -v"])
        .expect("bash is installed (the shell format is tested through it)");
    let mut live = bash_names;
    live.extend(
        shell_names("bash", &["--norc", "--noprofile", "-i", "-c", "compgen -v"])
            .unwrap_or_default(),
    );
    const ZSH: &str = "zmodload zsh/complist zsh/curses zsh/datetime zsh/langinfo zsh/mapfile \
        zsh/parameter zsh/sched zsh/system zsh/termcap zsh/terminfo zsh/watch zsh/zle \
        zsh/zleparameter 2>/dev/null; print -l ${(k)parameters}";
    match shell_names("zsh", &["-f", "-c", ZSH]) {
        Some(z) => live.extend(z),
        None => eprintln!("zsh is not installed: its parameters are not checked here"),
    }
    live.extend(shell_names("dash", &["-c", "set"]).unwrap_or_default());
    live.sort();
    live.dedup();
    let missing: Vec<&String> = live
        .iter()
        .filter(|n| !secretctl::export::names::shell_special(n))
        .collect();
    assert!(
        missing.is_empty(),
        "add these to src/export/names.rs: {missing:?}"
    );
    // And the binary refuses them.
    let env = Env::new();
    shell_refuses_each(&env, &live);
}

/// A secret never silently sets a variable that changes how programs start, even when the
/// environment does not have it: `--all`/`--prefix` (known from the list) and `-s` (before
/// connecting) are exit 2 naming it, nothing run; `--override` lets it through.
#[test]
fn run_sets_a_variable_that_changes_how_programs_start_only_with_override() {
    let mut env = Env::new();
    for v in [
        "BASH_ENV",
        "ENV",
        "LD_PRELOAD",
        "NODE_OPTIONS",
        "SHELLOPTS",
        "PS4",
    ] {
        env.remove(v);
    }
    let marker = env.path().join("PWN");
    env.emu
        .seed_kubiya("BASH_ENV", &format!("$(touch {})", marker.display()), "");
    env.emu.seed_kubiya("APP_LD_PRELOAD", "/tmp/evil.so", "");
    env.emu
        .seed_kubiya("NODE_OPTIONS", "--require /tmp/evil.js", "");
    let ran = env.path().join("ran");
    let touch = format!("touch {}", ran.display());
    let r = env.run(&[
        "kubiya", "run", "--prefix", "BASH_", "--", "bash", "-c", &touch,
    ]);
    r.code(2)
        .one_error_line()
        .stderr_has("'BASH_ENV'")
        .stderr_has("--override");
    let r = env.run(&[
        "kubiya",
        "run",
        "--prefix",
        "APP_",
        "--strip-prefix",
        "--",
        "sh",
        "-c",
        &touch,
    ]);
    r.code(2).stderr_has("'LD_PRELOAD'");
    env.run(&["kubiya", "run", "--all", "--", "sh", "-c", &touch])
        .code(2);
    assert_eq!(value_reads(&env), 0, "refused before any value is read");
    // -s: before connecting, nothing sent.
    env.emu.clear_requests();
    env.run(&[
        "kubiya",
        "run",
        "-s",
        "NODE_OPTIONS",
        "--",
        "sh",
        "-c",
        &touch,
    ])
    .code(2)
    .stderr_has("'NODE_OPTIONS'");
    assert!(env.emu.requests().is_empty());
    assert!(!marker.exists() && !ran.exists(), "something ran");
    // Asked for, it is set.
    let r = env.run(&[
        "kubiya",
        "run",
        "-s",
        "NODE_OPTIONS",
        "--override",
        "--",
        "printenv",
        "NODE_OPTIONS",
    ]);
    r.ok();
    assert_eq!(r.stdout, "--require /tmp/evil.js\n");
}

// ------------------------------------------------ --out that is not a file

fn mkfifo(path: &std::path::Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

fn file_type(path: &std::path::Path) -> std::fs::FileType {
    std::fs::symlink_metadata(path).unwrap().file_type()
}

/// A FIFO is written directly, with or without `--force`, and stays a FIFO: its reader gets
/// the whole export, and nothing is left beside it.
#[test]
fn out_to_a_fifo_writes_into_it_and_never_replaces_it() {
    use std::os::unix::fs::FileTypeExt;
    let env = Env::new();
    seed(&env);
    let fifo = env.path().join("pipe");
    mkfifo(&fifo);
    for force in [false, true] {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read(&fifo).unwrap())
        };
        let mut args = vec!["kubiya", "export", "--out", fifo.to_str().unwrap()];
        if force {
            args.push("--force");
        }
        let r = env.run(&args);
        r.ok();
        assert_eq!(r.stdout, "");
        let got: Value = serde_json::from_slice(&reader.join().unwrap()).unwrap();
        assert_eq!(
            got.as_array().unwrap().len(),
            TRICKY.len(),
            "--force {force}"
        );
        assert!(file_type(&fifo).is_fifo(), "--force {force}: replaced");
    }
    let listed: Vec<String> = files_in(env.path())
        .into_iter()
        .filter(|f| f != ".config")
        .collect();
    assert_eq!(
        listed,
        vec!["pipe".to_string()],
        "no temporary file is left"
    );
}

/// A character device is written directly (no `--force` needed or used) and stays one.
#[test]
fn out_to_a_character_device_writes_into_it_and_never_replaces_it() {
    use std::os::unix::fs::FileTypeExt;
    let env = Env::new();
    seed(&env);
    // /dev/null, and (as root, which could replace it) a null device of the test's own.
    env.run(&["kubiya", "export", "--out", "/dev/null"]).ok();
    assert!(file_type(std::path::Path::new("/dev/null")).is_char_device());
    let own = env.path().join("null");
    let c = std::ffi::CString::new(own.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string; makedev(1, 3) is the null device.
    let made = unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) };
    if made != 0 {
        eprintln!("mknod needs root: only /dev/null is checked");
        return;
    }
    for force in [false, true] {
        let mut args = vec!["kubiya", "export", "--out", own.to_str().unwrap()];
        if force {
            args.push("--force");
        }
        env.run(&args).ok();
        assert!(
            file_type(&own).is_char_device(),
            "--force {force}: replaced"
        );
    }
    assert_eq!(value_reads(&env), 3 * TRICKY.len());
}

/// `--out >(cmd)` (bash's /dev/fd/N) and `--out /dev/stdout` write into the descriptor;
/// one that is not open, a socket, a FIFO of another user are exit 2 before anything is sent.
#[test]
fn out_to_a_process_substitution_or_descriptor_writes_into_it() {
    let env = Env::new();
    seed(&env);
    let got = env.path().join("got.json");
    let r = bash(
        &env,
        &format!(
            "\"$0\" kubiya export --format dotenv --out >(cat > '{}'); echo \"rc=$?\"; wait",
            got.display()
        ),
    );
    r.ok().stdout_has("rc=0");
    // The substitution's reader may finish just after bash does.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::fs::read(&got).map_or(0, |b| b.len()) == 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(std::fs::read(&got).unwrap().starts_with(b"A_PEM=\""));
    let r = bash(&env, "\"$0\" kubiya export --out /dev/stdout | wc -l");
    r.ok();
    assert!(r.stdout.trim().parse::<usize>().unwrap() > TRICKY.len());
    // Refused before anything is sent, never with --force offered.
    env.emu.clear_requests();
    env.run(&["kubiya", "export", "--out", "/dev/fd/97", "--force"])
        .code(2)
        .one_error_line()
        .stderr_has("not open");
    let sock = env.path().join("sock");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    let r = env.run(&[
        "kubiya",
        "export",
        "--out",
        sock.to_str().unwrap(),
        "--force",
    ]);
    r.code(2).one_error_line().stderr_has("a socket");
    assert!(!r.stderr.contains("--force"), "{}", r.stderr);
    assert!(std::fs::symlink_metadata(&sock).is_ok());
    // SAFETY: geteuid cannot fail.
    if unsafe { libc::geteuid() } == 0 {
        let theirs = env.path().join("theirs");
        mkfifo(&theirs);
        std::os::unix::fs::chown(&theirs, Some(65534), Some(65534)).unwrap();
        let r = env.run(&["kubiya", "export", "--out", theirs.to_str().unwrap()]);
        r.code(2).one_error_line().stderr_has("another user");
        assert!(!r.stderr.contains("--force"), "{}", r.stderr);
    }
    assert!(env.emu.requests().is_empty());
}

/// A reader that goes away before the export is whole has lost data: exit 1 with one error
/// line, not the quiet 0 of `list | head`.
#[test]
fn export_into_a_closed_stdout_is_exit_1() {
    let env = Env::new();
    seed(&env);
    let out = env.run_with_stdout_closed(&["kubiya", "export"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains("cut off"), "{stderr}");
    assert_eq!(value_reads(&env), TRICKY.len());
}

/// What `--format shell` writes is for `eval`, but read by `import`/`sync` it is exact or
/// refused, never changed: a CRLF inside its quotes (or a `'`) is exit 2 with nothing sent; a
/// lone CR and everything else read back as they are. `dotenv` carries CRLF exactly (escaped).
#[test]
fn shell_output_read_by_sync_is_exact_or_refused_and_dotenv_carries_crlf() {
    let env = Env::new();
    env.emu.seed_kubiya("CRLF", "one\r\ntwo\r\n", "");
    env.emu.seed_kubiya("LONE_CR", "a\rb\r", "");
    env.emu.seed_kubiya("QUOTE", "it's", "");
    env.emu.seed_kubiya("PLAIN", "two\nlines $x #y", "");
    for (names, refused) in [
        (&["CRLF"][..], Some("CRLF line end")),
        (&["QUOTE"][..], Some("after the closing quote")),
        (&["LONE_CR", "PLAIN"][..], None),
    ] {
        let mut args = vec!["kubiya", "export", "--format", "shell"];
        args.extend_from_slice(names);
        let r = env.run(&args);
        r.ok();
        let other = Env::new();
        let back = other.run_stdin(&["kubiya", "sync", "-"], &r.stdout_bytes);
        match refused {
            Some(why) => {
                back.code(2).stderr_has(why).stderr_has("dotenv");
                assert!(other.writes().is_empty(), "{names:?}");
            }
            None => {
                back.ok();
                for n in names {
                    assert_eq!(other.kubiya_value(n), env.kubiya_value(n), "{n}");
                }
            }
        }
    }
    let r = env.run(&["kubiya", "export", "--format", "dotenv"]);
    r.ok();
    let other = Env::new();
    other
        .run_stdin(
            &["kubiya", "sync", "-", "--format", "dotenv"],
            &r.stdout_bytes,
        )
        .ok();
    for n in ["CRLF", "LONE_CR", "QUOTE", "PLAIN"] {
        assert_eq!(other.kubiya_value(n), env.kubiya_value(n), "{n}");
    }
}

/// The copy recipe with `KUBIYA_API_KEY` and `KUBIYA_BASE_URL` set: they come before a profile
/// (the precedence is unchanged), so `--profile prod` chooses nothing and the copy goes back
/// into the same organization. `export` and `sync` each say so in one `warning:` line; with the
/// variables unset, the profile is used and nothing is said.
#[test]
fn a_profile_that_chose_nothing_is_a_warning_for_export_and_sync() {
    let mut env = Env::new();
    seed(&env);
    let prod = Emulator::start(EmulatorOptions {
        port: 0,
        token: TOKEN.to_string(),
    })
    .unwrap();
    let cfg = env.write(
        "cfg/config.toml",
        format!(
            "[profiles.prod.kubiya]\nbase_url = \"{}/api/v1\"\ntoken = \"{TOKEN}\"\n",
            prod.base_url()
        )
        .as_bytes(),
    );
    std::fs::set_permissions(&cfg, std::fs::Permissions::from_mode(0o600)).unwrap();
    env.set("SECRETCTL_CONFIG", cfg.to_str().unwrap());
    let r = bash(
        &env,
        "\"$0\" kubiya --profile prod export | \"$0\" kubiya --profile prod sync -",
    );
    r.ok();
    let warning = "warning: --profile prod chose nothing for Kubiya: the token comes from KUBIYA_API_KEY and the base URL from KUBIYA_BASE_URL";
    assert_eq!(r.stderr.matches(warning).count(), 2, "{}", r.stderr);
    assert!(prod.requests().is_empty(), "the profile was not used");
    // Named by SECRETCTL_PROFILE, the same.
    env.set("SECRETCTL_PROFILE", "prod");
    let r = env.run(&["kubiya", "export"]);
    r.ok()
        .stderr_has("warning: SECRETCTL_PROFILE=prod chose nothing for Kubiya");
    // Other commands say nothing; the profile used, nothing either.
    let r = env.run(&["kubiya", "list"]);
    r.ok();
    assert_eq!(r.stderr, "");
    env.remove("KUBIYA_BASE_URL").remove("KUBIYA_API_KEY");
    let r = env.run(&["kubiya", "export"]);
    r.ok();
    assert_eq!(r.stderr, "");
    assert!(!prod.requests().is_empty(), "the profile was used");
    // Only one of them from the environment: the profile chose the other.
    env.unset.retain(|v| v != "KUBIYA_API_KEY");
    let r = env.run(&["kubiya", "export"]);
    r.ok();
    assert_eq!(r.stderr, "");
}

/// A value that is not UTF-8 fits no format: exit 2 naming the secret, and the hint's command
/// holds the name shell-quoted, so that it can be pasted as shown.
#[test]
fn a_value_that_is_not_utf8_is_refused_with_a_pasteable_hint() {
    let env = Env::new();
    env.emu.seed_kubiya("my key $(id)", "x", "");
    env.fault(Fault {
        path_contains: Some("/get_value/".into()),
        status: Some(200),
        // base64 of the byte 0xFF.
        body: Some("\"/w==\"".into()),
        content_type: Some("application/json".into()),
        count: u32::MAX,
        ..Default::default()
    });
    let r = env.run(&["kubiya", "export"]);
    r.code(2)
        .one_error_line()
        .stderr_has("not UTF-8")
        .stderr_has("secretctl kubiya get 'my key $(id)' --reveal > FILE");
    assert_eq!(r.stdout, "");
}
