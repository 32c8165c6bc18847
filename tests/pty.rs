//! Real pseudo-terminal sessions (rexpect makes the pty the child's controlling terminal, so
//! rpassword's /dev/tty and the `[y/N]` question are the real ones). Every session starts with
//! `stty echo` — rexpect turns echo off — so "the value is not echoed" is a real check.

use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

use rexpect::process::WaitStatus;
use rexpect::session::{Options, PtySession, spawn_with_options};

use crate::support::*;

const TIMEOUT_MS: u64 = 20_000;

/// A terminal session and everything it has shown so far.
struct Tty {
    s: PtySession,
    seen: String,
}

/// secretctl ARGS on a pty claiming terminal `term`, with no colour variables but
/// `NO_COLOR` when given; the escape codes are kept. The exit code and all it printed.
fn raw_colour_run(
    env: &Env,
    term: &str,
    no_color: Option<&std::ffi::OsStr>,
    args: &str,
) -> (i32, String) {
    let mut sh = sh_like(env);
    for k in ["CLICOLOR", "CLICOLOR_FORCE", "NO_COLOR"] {
        sh.env_remove(k);
    }
    if let Some(v) = no_color {
        sh.env("NO_COLOR", v);
    }
    sh.env("TERM", term);
    sh.arg("-c").arg(format!("exec \"$0\" {args}")).arg(bin());
    let mut s = spawn_with_options(
        sh,
        Options::new()
            .timeout_ms(Some(TIMEOUT_MS))
            .strip_ansi_escape_codes(false),
    )
    .expect("spawn in a pty");
    let seen = s.exp_eof().expect("the end");
    let code = match s.process().wait().expect("wait") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("{args}: ended with {other:?}; seen:\n{seen}"),
    };
    (code, seen)
}

/// `sh` with the same scrubbed environment as `env.command()` (for secretctl).
fn sh_like(env: &Env) -> std::process::Command {
    let c = env.command();
    let mut sh = std::process::Command::new("sh");
    for (k, v) in c.get_envs() {
        match v {
            Some(v) => sh.env(k, v),
            None => sh.env_remove(k),
        };
    }
    sh
}

impl Tty {
    /// `sh -c SCRIPT` on a fresh pty with echo on; `$0` is the secretctl binary, so a script
    /// says `"$0" kubiya …`.
    fn script(env: &Env, script: &str) -> Tty {
        let mut sh = sh_like(env);
        sh.env("TERM", "dumb");
        sh.arg("-c").arg(format!("stty echo; {script}")).arg(bin());
        let s = spawn_with_options(
            sh,
            Options::new()
                .timeout_ms(Some(TIMEOUT_MS))
                .strip_ansi_escape_codes(true),
        )
        .expect("spawn in a pty");
        Tty {
            s,
            seen: String::new(),
        }
    }

    /// secretctl ARGS on a pty with echo on.
    fn run(env: &Env, args: &[&str]) -> Tty {
        let quoted: Vec<String> = args
            .iter()
            .map(|a| format!("'{}'", a.replace('\'', r"'\''")))
            .collect();
        Tty::script(env, &format!("exec \"$0\" {}", quoted.join(" ")))
    }

    #[track_caller]
    fn expect(&mut self, needle: &str) {
        match self.s.exp_string(needle) {
            Ok(before) => {
                self.seen.push_str(&before);
                self.seen.push_str(needle);
            }
            Err(e) => panic!("waiting for {needle:?}: {e}\nseen so far:\n{}", self.seen),
        }
    }

    /// Wait until the terminal's echo is off (rpassword switches it off just after printing
    /// its prompt; typing earlier would be echoed by the terminal itself).
    #[track_caller]
    fn wait_echo(&mut self, on: bool) {
        let f = self.s.process().get_file_handle().expect("pty handle");
        let deadline = Instant::now() + Duration::from_millis(TIMEOUT_MS);
        loop {
            // SAFETY: tcgetattr fills a plain C struct for a valid descriptor; on Linux the
            // master side reports the terminal's own settings.
            let mut t: libc::termios = unsafe { std::mem::zeroed() };
            let rc = unsafe { libc::tcgetattr(f.as_raw_fd(), &mut t) };
            assert_eq!(rc, 0, "tcgetattr on the pty master");
            if (t.c_lflag & libc::ECHO != 0) == on {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "echo never became {on}; seen:\n{}",
                self.seen
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Answer a hidden prompt once echo is really off.
    #[track_caller]
    fn answer_hidden(&mut self, prompt: &str, answer: &str) {
        self.expect(prompt);
        self.wait_echo(false);
        self.s.send_line(answer).expect("type the answer");
    }

    fn send_line(&mut self, line: &str) {
        self.s.send_line(line).expect("send a line");
    }

    /// Read to the end; the exit code and the whole transcript.
    #[track_caller]
    fn finish(mut self) -> (i32, String) {
        match self.s.exp_eof() {
            Ok(rest) => self.seen.push_str(&rest),
            Err(e) => panic!("waiting for the end: {e}\nseen so far:\n{}", self.seen),
        }
        let code = match self.s.process().wait().expect("wait") {
            WaitStatus::Exited(_, code) => code,
            other => panic!("ended with {other:?}; seen:\n{}", self.seen),
        };
        assert!(!self.seen.contains(TOKEN), "token leaked:\n{}", self.seen);
        assert!(!self.seen.contains("panicked"), "panic:\n{}", self.seen);
        (code, self.seen)
    }
}

#[test]
fn create_prompts_twice_without_echo_and_stores_the_value() {
    let env = Env::new();
    let value = "Typed-S3cret-Value_42";
    let mut t = Tty::run(&env, &["kubiya", "create", "API_KEY", "--description", "d"]);
    t.answer_hidden("Value for API_KEY: ", value);
    t.answer_hidden("Confirm value: ", value);
    let (code, seen) = t.finish();
    assert_eq!(code, 0, "{seen}");
    assert!(!seen.contains(value), "the value was echoed:\n{seen}");
    assert!(
        !seen.contains("Typed"),
        "part of the value was echoed:\n{seen}"
    );
    // stdout (the name) and the success message share the terminal.
    assert!(seen.contains("API_KEY\r\n"), "{seen}");
    assert!(seen.contains("Created Kubiya secret 'API_KEY'"), "{seen}");
    assert_eq!(env.kubiya_value("API_KEY").as_deref(), Some(value));
    let creates = env.requests(Some("POST"), "/secrets");
    assert_eq!(creates.len(), 1);
    assert_eq!(
        creates[0].body_json().unwrap(),
        json!({"name": "API_KEY", "value": value, "description": "d"})
    );
}

#[test]
fn the_terminal_echoes_ordinary_input() {
    // The control for the test above: in these sessions typed text is echoed, so not seeing
    // the value there means secretctl switched echo off.
    let env = Env::new();
    // Type only once the script says it is past `stty echo`: the pty's echo flag can read
    // "on" for a moment before the session set-up turns it off, and text typed then is lost.
    let mut t = Tty::script(&env, "echo ready-to-read; read line; echo \"got:$line\"");
    t.expect("ready-to-read");
    t.wait_echo(true);
    t.send_line("visible-typing");
    let (code, seen) = t.finish();
    assert_eq!(code, 0);
    assert_eq!(seen.matches("visible-typing").count(), 2, "{seen}");
}

#[test]
fn create_mismatch_is_exit_2_and_stores_nothing() {
    let env = Env::new();
    let mut t = Tty::run(&env, &["kubiya", "create", "API_KEY"]);
    t.answer_hidden("Value for API_KEY: ", "first-Value");
    t.answer_hidden("Confirm value: ", "second-Value");
    let (code, seen) = t.finish();
    assert_eq!(code, 2, "{seen}");
    assert!(seen.contains("did not match"), "{seen}");
    assert!(!seen.contains("first-Value") && !seen.contains("second-Value"));
    assert!(env.kubiya_secrets().is_empty());
    assert!(env.emu.requests().is_empty());
}

#[test]
fn create_empty_answer_is_exit_2() {
    let env = Env::new();
    let mut t = Tty::run(&env, &["kubiya", "create", "API_KEY"]);
    t.answer_hidden("Value for API_KEY: ", "");
    let (code, seen) = t.finish();
    assert_eq!(code, 2, "{seen}");
    assert!(env.emu.requests().is_empty());
}

#[test]
fn import_from_a_terminal_is_refused_with_a_hint_for_this_provider() {
    for (provider, verb) in [("cbk", "import"), ("kubiya", "sync")] {
        let env = Env::new();
        let t = Tty::run(&env, &[provider, verb, "-"]);
        let (code, seen) = t.finish();
        assert_eq!(code, 2, "{seen}");
        assert!(
            seen.contains(&format!(
                "{verb} - reads standard input, which is a terminal"
            )),
            "{seen}"
        );
        let word = if provider == "cbk" {
            "chatbotkit"
        } else {
            "kubiya"
        };
        assert!(
            seen.contains(&format!("| secretctl {word} {verb} -")),
            "{seen}"
        );
        assert!(env.emu.requests().is_empty());
    }
}

#[test]
fn update_empty_answer_keeps_the_value_and_applies_the_description() {
    let env = Env::new();
    env.emu.seed_kubiya("U", "original-Value", "old");
    let mut t = Tty::run(&env, &["kubiya", "update", "U", "--description", "new"]);
    t.answer_hidden("New value for U (empty keeps the current value): ", "");
    let (code, seen) = t.finish();
    assert_eq!(code, 0, "{seen}");
    assert!(!seen.contains("original-Value"), "{seen}");
    assert_eq!(env.kubiya_value("U").as_deref(), Some("original-Value"));
    assert_eq!(env.kubiya_secrets()[0]["description"], "new");
    let puts = env.requests(Some("PUT"), "/secrets/U");
    assert_eq!(puts.len(), 1);
    assert_eq!(
        puts[0].body_json().unwrap(),
        json!({"value": "original-Value", "description": "new"})
    );
}

#[test]
fn update_typed_value_is_confirmed_and_stored() {
    let env = Env::new();
    env.emu.seed_kubiya("U", "original", "old");
    let mut t = Tty::run(&env, &["kubiya", "update", "U"]);
    t.answer_hidden("New value for U", "Rotated-Value-9");
    t.answer_hidden("Confirm value: ", "Rotated-Value-9");
    let (code, seen) = t.finish();
    assert_eq!(code, 0, "{seen}");
    assert!(!seen.contains("Rotated-Value-9"), "{seen}");
    assert_eq!(env.kubiya_value("U").as_deref(), Some("Rotated-Value-9"));
    assert_eq!(env.kubiya_secrets()[0]["description"], "old");
}

#[test]
fn update_with_only_an_empty_answer_keeps_everything_and_succeeds() {
    let env = Env::new();
    env.emu.seed_kubiya("U", "original", "old");
    let mut t = Tty::run(&env, &["kubiya", "update", "U"]);
    t.answer_hidden("New value for U", "");
    let (code, seen) = t.finish();
    assert_eq!(code, 0, "{seen}");
    assert!(seen.contains("Nothing changed"), "{seen}");
    assert!(!seen.contains("error:"), "{seen}");
    assert!(env.writes().is_empty());
    assert_eq!(env.kubiya_value("U").as_deref(), Some("original"));

    // A misspelt name is still reported (now before the prompt), and JSON output says what
    // happened.
    let t = Tty::run(&env, &["kubiya", "update", "NOPE"]);
    let (code, seen) = t.finish();
    assert_eq!(code, 3, "{seen}");
    let mut t = Tty::run(&env, &["kubiya", "update", "U", "-o", "json"]);
    t.answer_hidden("New value for U", "");
    let (code, seen) = t.finish();
    assert_eq!(code, 0, "{seen}");
    assert!(seen.contains("\"action\": \"unchanged\""), "{seen}");
    assert!(env.writes().is_empty());
}

#[test]
fn delete_asks_and_no_keeps_it() {
    let env = Env::new();
    env.emu.seed_kubiya("D", "v", "");
    let mut t = Tty::run(&env, &["kubiya", "delete", "D"]);
    t.expect("Delete Kubiya secret 'D'? [y/N] ");
    t.send_line("n");
    let (code, seen) = t.finish();
    assert_eq!(code, 1, "{seen}");
    assert!(seen.contains("cancelled"), "{seen}");
    assert_eq!(env.kubiya_value("D").as_deref(), Some("v"));
    assert!(env.writes().is_empty());
}

#[test]
fn delete_asks_and_empty_answer_is_no() {
    let env = Env::new();
    env.emu.seed_kubiya("D", "v", "");
    let mut t = Tty::run(&env, &["kubiya", "delete", "D"]);
    t.expect("[y/N] ");
    t.send_line("");
    let (code, _) = t.finish();
    assert_eq!(code, 1);
    assert_eq!(env.kubiya_value("D").as_deref(), Some("v"));
}

#[test]
fn delete_asks_and_yes_deletes() {
    let env = Env::new();
    env.emu.seed_kubiya("D", "v", "");
    let mut t = Tty::run(&env, &["kubiya", "delete", "D"]);
    t.expect("Delete Kubiya secret 'D'? [y/N] ");
    t.send_line("y");
    let (code, seen) = t.finish();
    assert_eq!(code, 0, "{seen}");
    assert!(seen.contains("Deleted Kubiya secret 'D'"), "{seen}");
    assert!(env.kubiya_secrets().is_empty());
    assert_eq!(env.requests(Some("DELETE"), "/secrets/D").len(), 1);
}

#[test]
fn delete_of_a_secret_in_use_names_the_users_in_the_question() {
    let env = Env::new();
    env.emu.seed_kubiya("D", "v", "");
    env.agent("deployer", json!(["D"]));
    env.emu.clear_requests();
    let mut t = Tty::run(&env, &["kubiya", "delete", "D"]);
    t.expect("Kubiya secret 'D' is used by agent 'deployer'.");
    t.expect("Delete it anyway? What uses it will break. [y/N] ");
    t.send_line("n");
    let (code, seen) = t.finish();
    assert_eq!(code, 1, "{seen}");
    assert!(env.writes().is_empty(), "no is nothing deleted");
    assert_eq!(env.kubiya_value("D").as_deref(), Some("v"));

    let mut t = Tty::run(&env, &["kubiya", "delete", "D"]);
    t.expect("Delete it anyway? What uses it will break. [y/N] ");
    t.send_line("y");
    let (code, seen) = t.finish();
    assert_eq!(code, 0, "{seen}");
    assert!(env.kubiya_secrets().is_empty());
}

#[test]
fn delete_force_on_a_terminal_still_names_the_users_in_the_question() {
    let env = Env::new();
    env.emu.seed_kubiya("GH_TOKEN", "v", "");
    env.agent("deployer", json!(["GH_TOKEN"]));
    env.emu.clear_requests();
    let mut t = Tty::run(&env, &["kubiya", "delete", "GH_TOKEN", "--force"]);
    t.expect("Kubiya secret 'GH_TOKEN' is used by agent 'deployer'.");
    t.expect("Delete it anyway? What uses it will break. [y/N] ");
    t.send_line("y");
    let (code, seen) = t.finish();
    assert_eq!(code, 0, "{seen}");
    assert!(env.kubiya_secrets().is_empty());
    assert_eq!(env.requests(Some("GET"), "/agents").len(), 1);
}

/// A ChatBotKit secret's users, named in the question; with `--force` and lists that cannot
/// be read, the question says so and yes still deletes.
#[test]
fn chatbotkit_delete_on_a_terminal_names_the_users_or_says_they_are_unknown() {
    let env = Env::new();
    let s = env
        .emu
        .seed_chatbotkit(json!({"name": "Weather API", "kind": "shared"}));
    let k = env.cbk_create("skillset/create", json!({"name": "Tools"}));
    env.cbk_create(
        &format!("skillset/{k}/ability/create"),
        json!({"name": "forecast", "linkedSecretId": s}),
    );
    env.cbk_create("bot/create", json!({"name": "Helper", "skillsetId": k}));
    env.emu.clear_requests();
    let mut t = Tty::run(&env, &["chatbotkit", "delete", "Weather API"]);
    t.expect(&format!(
        "ChatBotKit secret 'Weather API' ({s}) is used by ability 'forecast' (skillset \
         'Tools', linked), bot 'Helper' (skillset 'Tools')."
    ));
    t.expect("Delete it anyway? What uses it will break. [y/N] ");
    t.send_line("n");
    let (code, seen) = t.finish();
    assert_eq!(code, 1, "{seen}");
    assert!(env.writes().is_empty(), "no is nothing deleted");

    env.fault(status_fault("/bot/list", 500, 1));
    let mut t = Tty::run(&env, &["chatbotkit", "delete", "Weather API", "--force"]);
    t.expect(&format!(
        "What uses ChatBotKit secret 'Weather API' ({s}) is unknown (cannot tell what uses \
         ChatBotKit secrets: cannot read the ChatBotKit bot list: "
    ));
    t.expect("Delete it anyway? [y/N] ");
    t.send_line("y");
    let (code, seen) = t.finish();
    assert_eq!(code, 0, "{seen}");
    assert!(env.cbk_by_name("Weather API").is_empty());
}

#[test]
fn delete_of_a_missing_secret_is_reported_before_asking() {
    let env = Env::new();
    let (code, seen) = Tty::run(&env, &["kubiya", "delete", "NOPE"]).finish();
    assert_eq!(code, 3, "{seen}");
    assert!(!seen.contains("[y/N]"), "{seen}");
    assert!(env.writes().is_empty());
}

#[test]
fn delete_yes_does_not_ask() {
    let env = Env::new();
    env.emu.seed_kubiya("D", "v", "");
    let (code, seen) = Tty::run(&env, &["kubiya", "delete", "D", "--yes"]).finish();
    assert_eq!(code, 0, "{seen}");
    assert!(!seen.contains("[y/N]"), "{seen}");
    assert!(env.kubiya_secrets().is_empty());
}

#[test]
fn reveal_on_a_terminal_ends_with_a_newline() {
    let env = Env::new();
    env.emu.seed_kubiya("R", "s3cr3t", "");
    let (code, seen) = Tty::run(&env, &["kubiya", "get", "R", "--reveal"]).finish();
    assert_eq!(code, 0, "{seen}");
    // The terminal turns \n into \r\n.
    assert_eq!(seen, "s3cr3t\r\n");
}

/// A value holding escape sequences reaches a terminal escaped, with a note; a pipe still
/// gets the exact bytes (issue 25).
#[test]
fn reveal_on_a_terminal_escapes_control_sequences() {
    let env = Env::new();
    env.emu
        .seed_kubiya("R", "a\u{1b}[2J\u{1b}]0;pwned\u{7}b", "");
    let (code, seen) = Tty::run(&env, &["kubiya", "get", "R", "--reveal"]).finish();
    assert_eq!(code, 0, "{seen}");
    assert!(!seen.contains('\u{1b}'), "{seen:?}");
    assert!(
        seen.contains("a\\u{1b}[2J\\u{1b}]0;pwned\\u{7}b\r\n"),
        "{seen:?}"
    );
    assert!(seen.contains("shown escaped here"), "{seen:?}");
    let r = env.run(&["kubiya", "get", "R", "--reveal"]);
    r.ok();
    assert_eq!(r.stdout, "a\u{1b}[2J\u{1b}]0;pwned\u{7}b");
}

#[test]
fn default_output_on_a_terminal_is_a_table_with_a_header() {
    let env = Env::new();
    env.emu.seed_kubiya("ALPHA", "v", "first one");
    env.emu.seed_kubiya("BETA", "v", "second");
    let (code, seen) = Tty::run(&env, &["kubiya", "list"]).finish();
    assert_eq!(code, 0, "{seen}");
    let lines: Vec<&str> = seen.lines().filter(|l| !l.trim().is_empty()).collect();
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(
        header,
        ["NAME", "DESCRIPTION", "CREATED_BY", "CREATED_AT"],
        "{seen}"
    );
    assert!(lines[1].trim_start().starts_with("ALPHA"), "{seen}");
    assert!(lines[1].contains("first one"), "{seen}");
    assert!(lines[2].trim_start().starts_with("BETA"), "{seen}");
    assert!(!seen.contains('\t'), "a table, not plain: {seen:?}");
    // -o plain still wins on a terminal.
    let (_, seen) = Tty::run(&env, &["kubiya", "list", "-o", "plain"]).finish();
    assert!(seen.starts_with("ALPHA\t"), "{seen:?}");
}

#[test]
fn get_on_a_terminal_is_a_field_table() {
    let env = Env::new();
    env.emu.seed_kubiya("G", "hidden-Value", "desc here");
    let (code, seen) = Tty::run(&env, &["kubiya", "get", "G"]).finish();
    assert_eq!(code, 0, "{seen}");
    assert!(!seen.contains("hidden-Value"), "{seen}");
    let rows: Vec<Vec<&str>> = seen
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert!(rows.iter().any(|r| r[..] == ["NAME", "G"]), "{seen}");
    assert!(
        rows.iter()
            .any(|r| r[..] == ["DESCRIPTION", "desc", "here"]),
        "{seen}"
    );
}

/// From a transcript ending in `rc=N` and `stty -a`: N, the text from `rc=` on, and the
/// words of the stty output (`echo`, `-echo`, `icanon`…).
fn rc_and_stty(seen: &str) -> (i32, &str, Vec<&str>) {
    let after = &seen[seen.rfind("rc=").expect("an rc= line")..];
    let rc: i32 = after[3..]
        .split_whitespace()
        .next()
        .and_then(|w| w.parse().ok())
        .expect("a number after rc=");
    let flags = after
        .split(|c: char| c.is_whitespace() || c == ';')
        .collect();
    (rc, after, flags)
}

#[test]
fn ctrl_c_at_the_hidden_prompt_restores_echo() {
    let env = Env::new();
    let mut t = Tty::script(&env, "\"$0\" kubiya create X; echo \"rc=$?\"; stty -a");
    t.expect("Value for X: ");
    t.wait_echo(false);
    t.s.send_control('c').expect("send Ctrl-C");
    t.expect("rc=");
    let (code, seen) = t.finish();
    assert_eq!(code, 0, "{seen}");
    let (rc, after, flags) = rc_and_stty(&seen);
    assert_eq!(rc, 130, "{seen}");
    assert!(flags.contains(&"echo"), "echo not restored:\n{after}");
    assert!(!flags.contains(&"-echo"), "echo left off:\n{after}");
    assert!(
        flags.contains(&"icanon"),
        "canonical mode not restored:\n{after}"
    );
    assert!(env.emu.requests().is_empty());
}

/// clap's own output (a parse error, help) on a real terminal: coloured by default, and not
/// at all with `--color never` or `--color=never`, wherever the option stands. The session
/// keeps the escape codes (the `Tty` harness strips them) and claims a colour terminal.
#[test]
fn color_never_reaches_help_and_parse_errors_on_a_terminal() {
    let env = Env::new();
    let raw = |args: &str| raw_colour_run(&env, "xterm-256color", None, args);
    // The check can see colour at all: by default a terminal gets it.
    let (code, seen) = raw("kubiya list --bogus");
    assert_eq!(code, 2, "{seen}");
    assert!(seen.contains("\u{1b}["), "no colour by default: {seen:?}");
    let (code, seen) = raw("kubiya --help");
    assert_eq!(code, 0, "{seen}");
    assert!(seen.contains("\u{1b}["), "no colour by default: {seen:?}");
    for args in [
        "--color never kubiya list --bogus",
        "kubiya list --bogus --color=never",
        "--color=never kubiya --help",
        "kubiya list --help --color never",
    ] {
        let (code, seen) = raw(args);
        assert!(code == 0 || code == 2, "{args}: {code}\n{seen}");
        assert!(seen.contains("Usage"), "{args}: {seen}");
        assert!(!seen.contains('\u{1b}'), "{args}: colour: {seen:?}");
    }
}

/// SIGTERM and SIGHUP at the hidden prompt (a closed terminal window, `kill`) put the terminal
/// back too, and the process ends by that signal.
#[test]
fn sigterm_and_sighup_at_the_hidden_prompt_restore_the_terminal() {
    for (sig, rc) in [(libc::SIGTERM, 143), (libc::SIGHUP, 129)] {
        let env = Env::new();
        let mut t = Tty::script(
            &env,
            "\"$0\" kubiya create X </dev/tty & pid=$!; echo \"pid=$pid.\"; wait $pid; echo \"rc=$?\"; stty -a",
        );
        t.expect("pid=");
        t.expect(".");
        let pid: i32 = t.seen[t.seen.rfind("pid=").unwrap() + 4..]
            .trim_end_matches('.')
            .trim()
            .parse()
            .expect("the pid");
        t.expect("Value for X: ");
        t.wait_echo(false);
        // SAFETY: signalling our own grandchild.
        unsafe {
            libc::kill(pid, sig);
        }
        t.expect("rc=");
        let (code, seen) = t.finish();
        assert_eq!(code, 0, "{seen}");
        let (got, after, flags) = rc_and_stty(&seen);
        assert_eq!(got, rc, "ended by the signal: {seen}");
        assert!(flags.contains(&"echo"), "echo not restored:\n{after}");
        assert!(flags.contains(&"icanon"), "icanon not restored:\n{after}");
        assert!(env.emu.requests().is_empty());
    }
}

/// `update` of a secret that does not exist says so before anyone types a value.
#[test]
fn update_of_a_missing_secret_is_reported_before_asking() {
    let env = Env::new();
    let t = Tty::run(&env, &["kubiya", "update", "NOPE"]);
    let (code, seen) = t.finish();
    assert_eq!(code, 3, "{seen}");
    assert!(!seen.contains("Value"), "asked for a value:\n{seen}");
    assert!(seen.contains("NOPE"), "{seen}");
    assert!(env.writes().is_empty());
}

/// On a terminal the import's progress bar shows the rate and says when the whole run waits
/// for the server's rate limit.
#[test]
fn the_progress_bar_shows_the_wait_for_the_rate_limit() {
    let env = Env::new();
    env.set_rate_limit(4.0, 2, true);
    let text: String = (0..8).map(|i| format!("P{i}=value-p-{i}-xyz\n")).collect();
    let f = env.write("p.env", text.as_bytes());
    // A terminal that can draw a bar (the harness's TERM=dumb gets none).
    let mut sh = sh_like(&env);
    sh.env("TERM", "xterm-256color");
    sh.arg("-c")
        .arg(format!(
            "stty echo; exec \"$0\" kubiya import '{}' -o plain",
            f.display()
        ))
        .arg(bin());
    let s = spawn_with_options(
        sh,
        Options::new()
            .timeout_ms(Some(TIMEOUT_MS))
            .strip_ansi_escape_codes(true),
    )
    .expect("spawn in a pty");
    let t = Tty {
        s,
        seen: String::new(),
    };
    let (code, seen) = t.finish();
    assert_eq!(code, 0, "{seen}");
    assert!(seen.contains("waiting for the rate limit ("), "{seen}");
    assert!(seen.contains("/s ETA"), "{seen}");
    assert!(seen.contains("8 created"), "{seen}");
    assert_eq!(env.kubiya_secrets().len(), 8);
}

/// Every byte typed at the hidden prompt is kept: Tab and Esc (with what follows) are part of
/// the value, exactly as typed (rpassword stored `a<Tab>b` as `ab` and `ab<Esc>cd` as `abd`).
#[test]
fn the_hidden_prompt_keeps_tab_esc_and_other_control_characters() {
    for (typed, value) in [
        ("a\tb", "a\tb"),
        ("ab\x1bcd", "ab\x1bcd"),
        ("x\x1b[Ay\x01z\x04q", "x\x1b[Ay\x01z\x04q"),
        // Ctrl-V takes the next key as it is, even Ctrl-C or Backspace.
        ("v\x16\x03w\x16\x7f", "v\x03w\x7f"),
    ] {
        let env = Env::new();
        let mut t = Tty::run(&env, &["kubiya", "create", "CTL", "--description", "d"]);
        t.answer_hidden("Value for CTL: ", typed);
        t.answer_hidden("Confirm value: ", typed);
        let (code, seen) = t.finish();
        assert_eq!(code, 0, "{typed:?}: {seen}");
        assert_eq!(env.kubiya_value("CTL").as_deref(), Some(value), "{seen}");
    }
}

/// The line still edits as on a terminal: Backspace removes the character before it (a whole
/// UTF-8 character), Ctrl-U clears the line.
#[test]
fn the_hidden_prompt_keeps_the_terminals_line_editing() {
    let env = Env::new();
    let mut t = Tty::run(&env, &["kubiya", "create", "ED", "--description", "d"]);
    t.answer_hidden("Value for ED: ", "abX\x7fcé\x08-edited");
    t.answer_hidden("Confirm value: ", "wrong\x15abc-edited");
    let (code, seen) = t.finish();
    assert_eq!(code, 0, "{seen}");
    assert_eq!(env.kubiya_value("ED").as_deref(), Some("abc-edited"));
}

/// A value file that is the terminal would echo what is typed: refused like
/// `--value-file -` on a terminal, before anything is read or sent.
#[test]
fn a_value_file_that_is_a_terminal_is_refused() {
    for file in ["/dev/tty", "/dev/stdin", "-"] {
        let env = Env::new();
        let t = Tty::run(&env, &["kubiya", "create", "T", "--value-file", file]);
        let (code, seen) = t.finish();
        assert_eq!(code, 2, "{file}: {seen}");
        assert!(seen.contains("is a terminal"), "{file}: {seen}");
        assert!(env.emu.requests().is_empty(), "{file}");
    }
}

/// On a terminal a ChatBotKit write by name says which id it acted on.
#[test]
fn a_chatbotkit_write_by_name_names_the_id_on_a_terminal() {
    let env = Env::new();
    let id = env
        .emu
        .seed_chatbotkit(json!({"name": "BYNAME", "kind": "shared", "value": "v-Lm3"}));
    let t = Tty::run(&env, &["chatbotkit", "delete", "BYNAME", "--yes"]);
    let (code, seen) = t.finish();
    assert_eq!(code, 0, "{seen}");
    assert!(
        seen.contains(&format!("Deleted ChatBotKit secret 'BYNAME' (id {id})")),
        "{seen}"
    );
}

/// An import or sync source that is the terminal would be read with echo on, every value
/// shown as typed: refused like `--value-file /dev/tty`, before anything is read or sent.
#[test]
fn a_source_that_is_a_terminal_is_refused() {
    for verb in ["import", "sync"] {
        for file in ["/dev/tty", "/dev/stdin"] {
            let env = Env::new();
            let t = Tty::run(&env, &["kubiya", verb, file]);
            let (code, seen) = t.finish();
            assert_eq!(code, 2, "{verb} {file}: {seen}");
            assert!(seen.contains("is a terminal"), "{verb} {file}: {seen}");
            assert!(env.emu.requests().is_empty(), "{verb} {file}");
        }
    }
}

/// `--config KEY=-` on a terminal asks with a hidden prompt, twice.
#[test]
fn a_config_secret_from_a_terminal_is_asked_hidden() {
    let env = Env::new();
    let value = "cs-TYPED-\t-3e7f";
    let mut t = Tty::run(
        &env,
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
    );
    t.answer_hidden("Value for config clientSecret: ", value);
    t.answer_hidden("Confirm value: ", value);
    let (code, seen) = t.finish();
    assert_eq!(code, 0, "{seen}");
    assert!(!seen.contains("cs-TYPED"), "echoed:\n{seen}");
    let found = env.cbk_by_name("GH");
    assert_eq!(found[0]["config"]["clientSecret"], value);
}

/// `TERM=dumb` is a terminal that cannot show colour, and `NO_COLOR` (any value, even one that
/// is not UTF-8) turns colour off: secretctl's own messages and tables carry none then, while
/// the same run with a colour terminal does.
#[test]
fn term_dumb_gets_no_colour() {
    let env = Env::new();
    env.emu.seed_kubiya("C", "v", "d");
    let raw_with = |term: &str, no_color: Option<&std::ffi::OsStr>, args: &str| {
        raw_colour_run(&env, term, no_color, args)
    };
    let raw = |term: &str, args: &str| raw_with(term, None, args);
    for (args, code) in [("kubiya get MISSING", 3), ("kubiya list", 0)] {
        let (c, seen) = raw("xterm-256color", args);
        assert_eq!(c, code, "{seen}");
        assert!(
            seen.contains("\u{1b}["),
            "{args}: no colour on xterm: {seen:?}"
        );
        let (c, seen) = raw("dumb", args);
        assert_eq!(c, code, "{seen}");
        assert!(
            !seen.contains('\u{1b}'),
            "{args}: colour with TERM=dumb: {seen:?}"
        );
        // NO_COLOR counts when set, whatever its bytes.
        use std::os::unix::ffi::OsStrExt;
        let odd = std::ffi::OsStr::from_bytes(b"\xff");
        let (c, seen) = raw_with("xterm-256color", Some(odd), args);
        assert_eq!(c, code, "{seen}");
        assert!(
            !seen.contains('\u{1b}'),
            "{args}: colour with NO_COLOR set: {seen:?}"
        );
    }
}

#[test]
fn sync_prune_asks_once_listing_what_goes_and_no_writes_nothing() {
    let env = Env::new();
    env.emu.seed_kubiya("KEEP", "keep-value", "");
    env.emu.seed_kubiya("OLD_A", "old-a", "");
    env.emu.seed_kubiya("OLD_B", "old-b", "");
    let f = env.write("s.env", b"KEEP=keep-value-new\nNEW=new-value\n");
    let mut t = Tty::run(&env, &["kubiya", "sync", f.to_str().unwrap(), "--prune"]);
    t.expect("sync --prune will delete 2 Kubiya secrets that the source does not have:");
    t.expect("  OLD_A");
    t.expect("  OLD_B");
    t.expect("Delete these? [y/N] ");
    t.send_line("n");
    let (code, seen) = t.finish();
    assert_eq!(code, 1, "{seen}");
    assert!(seen.contains("cancelled; nothing was written"), "{seen}");
    assert_eq!(seen.matches("[y/N]").count(), 1, "{seen}");
    assert!(env.writes().is_empty(), "{:?}", env.writes());
    assert_eq!(env.kubiya_secrets().len(), 3);
    assert_eq!(env.kubiya_value("KEEP").as_deref(), Some("keep-value"));
}

#[test]
fn sync_prune_asks_and_yes_writes_then_deletes() {
    let env = Env::new();
    env.emu.seed_kubiya("KEEP", "keep-value", "");
    env.emu.seed_kubiya("OLD_A", "old-a", "");
    let f = env.write("s.env", b"KEEP=keep-value-new\n");
    let mut t = Tty::run(&env, &["kubiya", "sync", f.to_str().unwrap(), "--prune"]);
    t.expect("sync --prune will delete 1 Kubiya secret that the source does not have:");
    t.expect("  OLD_A");
    t.expect("Delete it? [y/N] ");
    t.send_line("y");
    let (code, seen) = t.finish();
    assert_eq!(code, 0, "{seen}");
    assert_eq!(seen.matches("[y/N]").count(), 1, "{seen}");
    assert!(seen.contains("1 updated, 1 deleted"), "{seen}");
    assert_eq!(env.kubiya_value("KEEP").as_deref(), Some("keep-value-new"));
    assert_eq!(env.kubiya_value("OLD_A"), None);
    assert_eq!(env.requests(Some("DELETE"), "/secrets/OLD_A").len(), 1);
}

#[test]
fn sync_prune_from_a_pipe_asks_on_the_terminal() {
    let env = Env::new();
    env.emu.seed_kubiya("OLD_P", "old-p", "");
    let mut t = Tty::script(
        &env,
        "printf 'NEW=piped-value\\n' | \"$0\" kubiya sync - --prune",
    );
    t.expect("  OLD_P");
    t.expect("Delete it? [y/N] ");
    t.send_line("y");
    let (code, seen) = t.finish();
    assert_eq!(code, 0, "{seen}");
    assert_eq!(env.kubiya_value("NEW").as_deref(), Some("piped-value"));
    assert_eq!(env.kubiya_value("OLD_P"), None);
}

#[test]
fn sync_prune_with_yes_or_nothing_to_delete_does_not_ask() {
    let env = Env::new();
    env.emu.seed_kubiya("OLD", "old-value", "");
    let f = env.write("s.env", b"OLD=old-value\n");
    let (code, seen) = Tty::run(&env, &["kubiya", "sync", f.to_str().unwrap(), "--prune"]).finish();
    assert_eq!(code, 0, "{seen}");
    assert!(!seen.contains("[y/N]"), "{seen}");
    let f = env.write("t.env", b"NEW=new-value\n");
    let (code, seen) = Tty::run(
        &env,
        &["kubiya", "sync", f.to_str().unwrap(), "--prune", "--yes"],
    )
    .finish();
    assert_eq!(code, 0, "{seen}");
    assert!(!seen.contains("[y/N]"), "{seen}");
    assert_eq!(env.kubiya_value("OLD"), None);
}

#[test]
fn export_to_a_terminal_is_refused_before_any_value_is_read() {
    let env = Env::new();
    env.emu.seed_kubiya("R", "s3cr3t-on-screen", "");
    let (code, seen) = Tty::run(&env, &["kubiya", "export"]).finish();
    assert_eq!(code, 2, "{seen}");
    assert!(seen.contains("standard output is a terminal"), "{seen}");
    assert!(seen.contains("--out"), "{seen}");
    assert!(!seen.contains("s3cr3t-on-screen"), "{seen}");
    assert!(env.emu.requests().is_empty(), "nothing sent");
    // With --out, the terminal only sees the note.
    let out = env.path().join("r.json");
    let (code, seen) =
        Tty::run(&env, &["kubiya", "export", "--out", out.to_str().unwrap()]).finish();
    assert_eq!(code, 0, "{seen}");
    assert!(seen.contains("Exported 1 Kubiya secret to"), "{seen}");
    assert!(!seen.contains("s3cr3t-on-screen"), "{seen}");
    assert_eq!(mode(&out), 0o600);
}

#[test]
fn delete_of_a_public_personal_secret_says_other_accounts_may_use_it() {
    let env = Env::new();
    let id = env
        .emu
        .seed_chatbotkit(json!({"name": "P", "kind": "personal", "visibility": "public"}));
    env.emu.clear_requests();
    let mut t = Tty::run(&env, &["chatbotkit", "delete", &id]);
    t.expect("other accounts may use this public personal secret; they are not in these lists");
    t.expect("[y/N] ");
    t.send_line("n");
    let (code, seen) = t.finish();
    assert_eq!(code, 1, "{seen}");
    assert!(env.writes().is_empty(), "no is nothing deleted");
    assert_eq!(env.cbk_by_name("P").len(), 1);
}
