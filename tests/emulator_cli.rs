//! `secretctl emulator`: running a command against itself, and serving with the export lines.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::support::*;

/// `secretctl emulator [extra…] -- sh -c SCRIPT`, with the provider variables scrubbed so
/// only the emulator's own can be seen.
fn emulator_sh(extra: &[&str], script: &str) -> Run {
    emulator_sh_with(extra, script, &[])
}

/// [`emulator_sh`] with these variables set for secretctl.
fn emulator_sh_with(extra: &[&str], script: &str, vars: &[(&str, &str)]) -> Run {
    let env = Env::new();
    let mut c = env.command();
    for (k, v) in vars {
        c.env(k, v);
    }
    for v in [
        "CHATBOTKIT_API_URL",
        "CHATBOTKIT_API_TOKEN",
        "KUBIYA_BASE_URL",
        "KUBIYA_API_KEY",
    ] {
        c.env_remove(v);
    }
    c.env("SECRETCTL", bin());
    // `secretctl` by name, as in the contract's example.
    let dir = bin().parent().unwrap().to_path_buf();
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs = vec![dir];
    dirs.extend(std::env::split_paths(&path));
    c.env("PATH", std::env::join_paths(dirs).unwrap());
    let mut args = vec!["emulator"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["--", "sh", "-c", script]);
    c.args(&args);
    run_command(c, &args, None)
}

#[test]
fn runs_the_command_with_the_four_variables_pointing_at_itself() {
    let r = emulator_sh(
        &["--token", "emu_tok_1234"],
        r#"printf '%s\n' "$CHATBOTKIT_API_URL" "$CHATBOTKIT_API_TOKEN" "$KUBIYA_BASE_URL" "$KUBIYA_API_KEY""#,
    );
    r.ok();
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{}", r.stdout);
    let origin = lines[0];
    assert!(origin.starts_with("http://127.0.0.1:"), "{origin}");
    let port: u16 = origin["http://127.0.0.1:".len()..].parse().unwrap();
    assert!(port > 0);
    assert_eq!(lines[1], "emu_tok_1234");
    assert_eq!(lines[2], format!("{origin}/api/v1"));
    assert_eq!(lines[3], "emu_tok_1234");
}

/// `SECRETCTL_EMULATOR_TOKEN` gives the token without putting it in argv; `--token` wins.
#[test]
fn the_token_comes_from_secretctl_emulator_token() {
    let script = r#"printf '%s\n' "$KUBIYA_API_KEY" "$CHATBOTKIT_API_TOKEN""#;
    let r = emulator_sh_with(&[], script, &[("SECRETCTL_EMULATOR_TOKEN", "env_tok_5678")]);
    r.ok();
    assert_eq!(r.stdout, "env_tok_5678\nenv_tok_5678\n");
    let r = emulator_sh_with(
        &["--token", "flag_tok_9"],
        script,
        &[("SECRETCTL_EMULATOR_TOKEN", "env_tok_5678")],
    );
    r.ok();
    assert_eq!(r.stdout, "flag_tok_9\nflag_tok_9\n");
}

#[test]
fn a_random_token_is_used_without_token() {
    let r = emulator_sh(
        &[],
        r#"printf '%s\n' "$KUBIYA_API_KEY" "$CHATBOTKIT_API_TOKEN""#,
    );
    r.ok();
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stdout);
    assert!(lines[0].len() >= 16, "{}", lines[0]);
    assert_eq!(lines[0], lines[1]);
}

#[test]
fn exits_with_the_commands_code() {
    emulator_sh(&[], "exit 7").code(7);
    emulator_sh(&[], "exit 0").code(0);
    emulator_sh(&[], "true").code(0);
    emulator_sh(&[], "exit 1").code(1);
}

#[test]
fn a_command_killed_by_a_signal_is_128_plus_the_signal() {
    emulator_sh(&[], "kill -TERM $$").code(128 + 15);
}

#[test]
fn a_missing_program_is_an_error() {
    let env = Env::new();
    let args = ["emulator", "--", "/nonexistent/secretctl-no-such-program"];
    let mut c = env.command();
    c.args(args);
    let r = run_command(c, &args, None);
    assert_ne!(r.code, 0);
    r.stderr_has("error:");
}

#[test]
fn the_contract_example_works_end_to_end() {
    let r = emulator_sh(
        &[],
        "echo s3cr3t | secretctl kubiya create demo && secretctl kubiya list && secretctl kubiya get demo --reveal",
    );
    r.ok();
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines[0], "demo", "{}", r.stdout);
    assert!(lines[1].starts_with("demo\t"), "{}", r.stdout);
    assert_eq!(lines[2], "s3cr3t", "{}", r.stdout);
    assert_eq!(lines.len(), 3, "{}", r.stdout);
}

#[test]
fn chatbotkit_works_inside_too_and_failures_propagate() {
    let r = emulator_sh(
        &[],
        r#"id=$(echo v | "$SECRETCTL" cbk create N) && "$SECRETCTL" cbk get "$id" -o json && "$SECRETCTL" kubiya get missing"#,
    );
    // The last command fails with "not found": the emulator exits with that code.
    r.code(3).stdout_has("\"name\": \"N\"");
}

/// A served emulator: the child and the export lines it printed.
struct Served {
    child: Child,
    vars: Vec<(String, String)>,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Served {
    fn var(&self, k: &str) -> &str {
        self.vars
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no export of {k}: {:?}", self.vars))
    }
}

fn serve(extra: &[&str]) -> Served {
    let mut c = Command::new(bin());
    c.arg("emulator")
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut child = c.spawn().expect("emulator starts");
    let stdout = child.stdout.take().unwrap();
    let mut served = Served {
        child,
        vars: vec![],
    };
    let mut reader = BufReader::new(stdout);
    for _ in 0..4 {
        let mut line = String::new();
        reader.read_line(&mut line).expect("an export line");
        let rest = line
            .trim_end()
            .strip_prefix("export ")
            .unwrap_or_else(|| panic!("not an export line: {line:?}"));
        let (k, v) = rest.split_once('=').expect("NAME=value");
        let v = v.trim_matches('\'').to_string();
        served.vars.push((k.to_string(), v));
    }
    served
}

fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

#[test]
fn serving_prints_four_export_lines_and_answers_control_requests() {
    let s = serve(&["--port", "0"]);
    let names: Vec<&str> = s.vars.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "CHATBOTKIT_API_URL",
            "CHATBOTKIT_API_TOKEN",
            "KUBIYA_BASE_URL",
            "KUBIYA_API_KEY"
        ]
    );
    let origin = s.var("CHATBOTKIT_API_URL").to_string();
    assert!(origin.starts_with("http://127.0.0.1:"), "{origin}");
    assert_eq!(s.var("KUBIYA_BASE_URL"), format!("{origin}/api/v1"));
    assert_eq!(s.var("KUBIYA_API_KEY"), s.var("CHATBOTKIT_API_TOKEN"));

    // The control routes answer only the exported token.
    let resp = client()
        .get(format!("{origin}/_emulator/secrets"))
        .send()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 401);
    let auth = format!("Bearer {}", s.var("CHATBOTKIT_API_TOKEN"));
    let resp = client()
        .get(format!("{origin}/_emulator/secrets"))
        .header("Authorization", &auth)
        .send()
        .unwrap();
    assert_eq!(resp.status().as_u16(), 200);
    let v: Value = resp.json().unwrap();
    assert_eq!(v, json!({"chatbotkit": [], "kubiya": []}));

    // secretctl itself, pointed at it with the printed lines, stores into it.
    let mut c = Command::new(bin());
    c.env_clear()
        .env("HOME", std::env::temp_dir())
        .envs(s.vars.iter().map(|(k, v)| (k, v)))
        .args(["kubiya", "create", "FROM_EXPORTS"]);
    let r = run_command(c, &["kubiya", "create", "FROM_EXPORTS"], Some(b"abc\n"));
    r.ok();
    let v: Value = client()
        .get(format!("{origin}/_emulator/secrets"))
        .header("Authorization", &auth)
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(v["kubiya"][0]["name"], "FROM_EXPORTS");
    assert_eq!(v["kubiya"][0]["value"], "abc");
}

#[test]
fn serving_uses_the_given_token() {
    let s = serve(&["--token", "my_fixed_token_77"]);
    assert_eq!(s.var("KUBIYA_API_KEY"), "my_fixed_token_77");
    assert_eq!(s.var("CHATBOTKIT_API_TOKEN"), "my_fixed_token_77");
    let base = s.var("KUBIYA_BASE_URL").to_string();
    let status = |auth: &str| {
        client()
            .get(format!("{base}/secrets"))
            .header("Authorization", auth)
            .send()
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(status("UserKey my_fixed_token_77"), 200);
    assert_eq!(status("UserKey something_else"), 401);
    assert_eq!(status("Bearer my_fixed_token_77"), 401);
}

#[test]
fn serving_on_a_fixed_port_uses_it() {
    // Find a free port, release it, and ask the emulator for it.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let s = serve(&["--port", &port.to_string()]);
    assert_eq!(
        s.var("CHATBOTKIT_API_URL"),
        format!("http://127.0.0.1:{port}")
    );
}

#[test]
fn the_rate_limit_helper_refuses_what_the_bucket_cannot_serve() {
    let env = Env::new();
    // One request, then a token every 100 s: the second run is refused, and refused
    // requests are logged with their 429 and store nothing.
    env.set_rate_limit(0.01, 1, true);
    env.run(&["kubiya", "list"]).ok();
    let r = env.run_stdin(&["--retries", "0", "kubiya", "create", "k1"], b"value-1\n");
    assert_ne!(r.code, 0, "{r:?}");
    let statuses: Vec<u16> = env.emu.requests().iter().map(|q| q.status).collect();
    assert_eq!(statuses.first(), Some(&200));
    assert!(statuses[1..].iter().all(|s| *s == 429), "{statuses:?}");
    assert!(env.kubiya_secrets().is_empty());
    env.clear_rate_limit();
    env.run_stdin(&["kubiya", "create", "k1"], b"value-1\n")
        .ok();
    assert_eq!(env.kubiya_value("k1").as_deref(), Some("value-1"));
}

/// A command that does not exist is 127, one that cannot be executed 126, as `env` says.
#[test]
fn a_command_not_found_is_127_and_not_executable_126() {
    let env = Env::new();
    let r = env.run(&["emulator", "--", "/nonexistent/secretctl-no-such-cmd"]);
    r.code(127)
        .one_error_line()
        .stderr_has("error: cannot run /nonexistent/secretctl-no-such-cmd: no such command");
    let script = env.write("not-executable.sh", b"#!/bin/sh\nexit 0\n");
    let r = env.run(&["emulator", "--", script.to_str().unwrap()]);
    r.code(126).one_error_line().stderr_has("permission denied");
    let r = env.run(&["-o", "json", "emulator", "--", "/nonexistent/x"]);
    r.code(127);
    assert!(r.stderr.contains(r#""code":127"#), "{}", r.stderr);
}
