//! Names on TAB, in real shells: the script `secretctl completions SHELL` prints is sourced and
//! its function called as the shell calls it, against the emulator.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::*;

/// What one TAB gave: the candidates, the shell's stderr, its exit code, how long it took.
struct Tab {
    offered: Vec<String>,
    stderr: String,
    code: i32,
    took: Duration,
}

impl Tab {
    /// The candidates that are not flags.
    fn names(&self) -> Vec<&str> {
        self.offered
            .iter()
            .map(String::as_str)
            .filter(|o| !o.starts_with('-'))
            .collect()
    }
}

/// `shell` with the environment of `env`'s commands and the binary first on PATH.
fn shell(env: &Env, program: &str) -> Command {
    let mut c = env.command_for(program);
    let dir = bin().parent().unwrap().to_path_buf();
    let path = std::env::var_os("PATH").unwrap_or_default();
    let path =
        std::env::join_paths(std::iter::once(dir).chain(std::env::split_paths(&path))).unwrap();
    c.env("PATH", path);
    c
}

/// The script of `secretctl completions SHELL`, in a file.
fn script(env: &Env, shell: &str) -> PathBuf {
    let r = env.run(&["completions", shell]);
    r.ok();
    env.write(&format!("completion.{shell}"), &r.stdout_bytes)
}

fn run(mut c: Command) -> Tab {
    let start = Instant::now();
    let out = c.output().expect("the shell runs");
    let took = start.elapsed();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    Tab {
        offered: stdout
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| l.split('\t').next().unwrap_or("").to_string())
            .collect(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
        took,
    }
}

/// TAB in bash: the registered function called with COMP_WORDS/COMP_CWORD on `words` (the
/// last one is the word being completed, which is also bash's `$2`), COMPREPLY printed one a
/// line.
fn bash_tab(env: &Env, words: &[&str]) -> Tab {
    bash_tab_with(env, words, |_| {})
}

/// [`bash_tab`] with the shell's command changed first (a variable set).
fn bash_tab_with(env: &Env, words: &[&str], tweak: impl FnOnce(&mut Command)) -> Tab {
    let script = script(env, "bash");
    let mut c = shell(env, "bash");
    c.arg("--norc").arg("--noprofile").arg("-c").arg(
        r#"source "$1"; shift
complete -p secretctl >/dev/null || exit 90
COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
_clap_complete_secretctl secretctl "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
status=$?
if [ ${#COMPREPLY[@]} -gt 0 ]; then printf '%s\n' "${COMPREPLY[@]}"; fi
exit $status"#,
    );
    c.arg("bash").arg(script).args(words);
    tweak(&mut c);
    run(c)
}

/// TABs until one offers something: the first lookup of a key may miss the 1 s budget on a
/// loaded machine (its answer then fills the cache for the next TAB). What follows such a
/// call is about what is offered, not how fast.
fn bash_tab_until_offered(env: &Env, words: &[&str]) -> Tab {
    for _ in 0..40 {
        let tab = bash_tab(env, words);
        if !tab.offered.is_empty() {
            return tab;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    panic!("no TAB of {words:?} offered anything");
}

/// Waits until the cache files hold `"state":"ok"` `n` times (a lookup left to finish after
/// its TAB has filled the cache).
fn wait_for_cached(env: &Env, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let ok = cache_files(env)
            .iter()
            .filter(|f| std::fs::read_to_string(f).is_ok_and(|t| t.contains("\"state\":\"ok\"")))
            .count();
        if ok >= n {
            return;
        }
        assert!(Instant::now() < deadline, "the cache was never filled");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The cache's records (`names-*.json`), not its key.
fn cache_files(env: &Env) -> Vec<PathBuf> {
    let dir = env.path().join(".cache/secretctl");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|f| {
        f.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("names-") && n.ends_with(".json"))
    });
    files.sort();
    files
}

/// An emulator holding the Kubiya secrets GH_TOKEN, GH_OTHER and DB.
fn three_secrets() -> Env {
    let env = Env::new();
    for n in ["GH_TOKEN", "GH_OTHER", "DB"] {
        env.emu.seed_kubiya(n, "value-aaaaaaaa", "");
    }
    env
}

#[test]
fn bash_offers_the_names_filtered_by_the_prefix_from_one_list_call() {
    let env = three_secrets();
    let tab = bash_tab(&env, &["secretctl", "kubiya", "get", "GH_"]);
    assert_eq!(tab.code, 0, "{}", tab.stderr);
    assert_eq!(tab.offered, ["GH_OTHER", "GH_TOKEN"]);
    assert_eq!(tab.stderr, "");
    // A second TAB, another verb: the cache answers.
    let tab = bash_tab(&env, &["secretctl", "kubiya", "delete", ""]);
    assert_eq!(tab.names(), ["DB", "GH_OTHER", "GH_TOKEN"]);
    assert_eq!(env.requests(Some("GET"), "/secrets").len(), 1);
    // Flags and subcommands still complete.
    let tab = bash_tab(&env, &["secretctl", "kubiya", "get", "--rev"]);
    assert_eq!(tab.offered, ["--reveal"]);
    let tab = bash_tab(&env, &["secretctl", "kubiya", "up"]);
    assert_eq!(tab.offered, ["update"]);
    let tab = bash_tab(&env, &["secretctl", "c"]);
    assert_eq!(tab.offered, ["chatbotkit", "completions", "config"]);
}

#[test]
fn the_cache_holds_names_only_in_a_private_file() {
    let env = Env::new();
    env.emu
        .seed_kubiya("API_KEY", "value-aaaaaaaa", "a description");
    bash_tab_until_offered(&env, &["secretctl", "kubiya", "update", "A"]);
    let files = cache_files(&env);
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(mode(&files[0]), 0o600);
    assert_eq!(mode(files[0].parent().unwrap()), 0o700);
    // The HMAC key beside it: private too.
    assert_eq!(mode(&files[0].parent().unwrap().join("key")), 0o600);
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(!text.contains(TOKEN), "the cache holds the token: {text}");
    // Nor a plain digest of it, which would let guesses be tested against the file alone.
    let sha: String = ring::digest::digest(&ring::digest::SHA256, TOKEN.as_bytes())
        .as_ref()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(!text.contains(&sha[..16]), "{text}");
    assert!(
        !text.contains("value-aaaaaaaa"),
        "the cache holds a value: {text}"
    );
    assert!(!text.contains("a description"), "{text}");
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["names"], json!(["API_KEY"]));
    assert_eq!(v["provider"], "kubiya");
    assert_eq!(v["profile"], "default");
    assert_eq!(v["base_url"], format!("{}/api/v1", env.url()));
    assert_eq!(v["token_source"], "env KUBIYA_API_KEY");
    assert_eq!(v["state"], "ok");
}

#[test]
fn chatbotkit_offers_names_and_ids_where_a_name_repeats() {
    let env = Env::new();
    let a = env.emu.seed_chatbotkit(json!({"name": "DUP"}));
    let b = env.emu.seed_chatbotkit(json!({"name": "DUP"}));
    env.emu.seed_chatbotkit(json!({"name": "ONE"}));
    let tab = bash_tab(&env, &["secretctl", "cbk", "verify", ""]);
    let mut want = vec![a, b, "ONE".to_string()];
    want.sort();
    assert_eq!(tab.names(), want);
    let tab = bash_tab(&env, &["secretctl", "chatbotkit", "revoke", "O"]);
    assert_eq!(tab.offered, ["ONE"]);
    assert_eq!(env.requests(Some("GET"), "/secret/list").len(), 1);
}

#[test]
fn the_lookup_uses_the_lines_profile_and_its_token_command() {
    let mut env = Env::new();
    env.remove("KUBIYA_API_KEY");
    env.emu.seed_kubiya("FROM_PROFILE", "value-aaaaaaaa", "");
    let cfg = env.write(
        "c.toml",
        format!("[profiles.work.kubiya]\ntoken_command = \"printf %s {TOKEN}\"\n").as_bytes(),
    );
    let c = cfg.to_str().unwrap();
    let tab = bash_tab(
        &env,
        &[
            "secretctl",
            "--config",
            c,
            "kubiya",
            "--profile",
            "work",
            "get",
            "",
        ],
    );
    assert_eq!(tab.names(), ["FROM_PROFILE"]);
    // Without the profile there is no token: nothing, and nothing asked.
    let before = env.emu.requests().len();
    let tab = bash_tab(&env, &["secretctl", "--config", c, "kubiya", "get", "F"]);
    assert_eq!(tab.offered, Vec::<String>::new());
    assert_eq!(env.emu.requests().len(), before);
}

#[test]
fn a_missing_token_offers_nothing_and_prints_nothing() {
    let mut env = Env::new();
    env.remove("KUBIYA_API_KEY");
    env.emu.seed_kubiya("GH_TOKEN", "value-aaaaaaaa", "");
    let tab = bash_tab(&env, &["secretctl", "kubiya", "get", "G"]);
    assert_eq!(tab.code, 0);
    assert_eq!(tab.offered, Vec::<String>::new());
    assert_eq!(tab.stderr, "");
    assert!(env.emu.requests().is_empty());
    assert!(cache_files(&env).is_empty());
    assert!(tab.took < Duration::from_millis(2500), "{:?}", tab.took);
}

#[test]
fn a_slow_server_offers_nothing_within_about_a_second_and_its_answer_serves_the_next_tab() {
    let env = Env::new();
    env.emu.seed_kubiya("GH_TOKEN", "value-aaaaaaaa", "");
    env.emu.set_latency(2500);
    let tab = bash_tab(&env, &["secretctl", "kubiya", "get", "G"]);
    assert_eq!(tab.code, 0);
    assert_eq!(tab.offered, Vec::<String>::new());
    assert_eq!(tab.stderr, "");
    // The server takes 2.5 s and had not answered when the TAB was over: it gave up first,
    // whatever the load of the machine.
    let unanswered = env
        .requests(Some("GET"), "/secrets")
        .iter()
        .filter(|r| r.status == 0)
        .count();
    assert_eq!(unanswered, 1, "the TAB waited for the slow answer");
    // About a second (the rest is starting two processes on a busy machine).
    assert!(tab.took < Duration::from_millis(2400), "{:?}", tab.took);
    // A TAB while that lookup is under way starts no other.
    let tab = bash_tab(&env, &["secretctl", "kubiya", "get", "G"]);
    assert_eq!(tab.offered, Vec::<String>::new());
    assert_eq!(env.requests(Some("GET"), "/secrets").len(), 1);
    // The lookup was left to finish: once its answer has come, the next TAB has the names,
    // and the server was asked once.
    wait_for_cached(&env, 1);
    let tab = bash_tab(&env, &["secretctl", "kubiya", "get", "G"]);
    assert_eq!(tab.offered, ["GH_TOKEN"]);
    assert_eq!(env.requests(Some("GET"), "/secrets").len(), 1);
}

#[test]
fn a_slow_token_command_runs_once_and_its_lookup_serves_the_next_tab() {
    let mut env = Env::new();
    env.remove("KUBIYA_API_KEY");
    env.emu.seed_kubiya("GH_TOKEN", "value-aaaaaaaa", "");
    let runs = env.path().join("runs");
    let cfg = env.write(
        "c.toml",
        format!(
            "[profiles.default.kubiya]\ntoken_command = \"echo run >> '{}'; sleep 2; printf %s {TOKEN}\"\n",
            runs.display()
        )
        .as_bytes(),
    );
    let c = cfg.to_str().unwrap();
    let line = ["secretctl", "--config", c, "kubiya", "get", "G"];
    let tab = bash_tab(&env, &line);
    assert_eq!(tab.offered, Vec::<String>::new());
    assert!(tab.took < Duration::from_millis(2000), "{:?}", tab.took);
    // While the command still runs, another TAB does not run it again.
    let tab = bash_tab(&env, &line);
    assert_eq!(tab.offered, Vec::<String>::new());
    wait_for_cached(&env, 1);
    let tab = bash_tab(&env, &line);
    assert_eq!(tab.offered, ["GH_TOKEN"]);
    let ran = std::fs::read_to_string(&runs).unwrap();
    assert_eq!(ran.lines().count(), 1, "the token_command ran {ran:?}");
    assert_eq!(env.requests(Some("GET"), "/secrets").len(), 1);
}

#[test]
fn a_token_command_that_would_prompt_gets_no_terminal_and_prints_nothing() {
    let mut env = Env::new();
    env.remove("KUBIYA_API_KEY");
    // Asks on the terminal, as a locked password manager does; says so on stderr.
    let cfg = env.write(
        "c.toml",
        b"[profiles.default.kubiya]\ntoken_command = \"echo 'unlock:' >&2; exec </dev/tty; read t; echo $t\"\n",
    );
    let tab = bash_tab(
        &env,
        &[
            "secretctl",
            "--config",
            cfg.to_str().unwrap(),
            "kubiya",
            "get",
            "",
        ],
    );
    assert_eq!(tab.code, 0);
    assert_eq!(tab.names(), Vec::<&str>::new());
    assert_eq!(tab.stderr, "");
}

/// Shells that CI installs (.ci/run); here a missing one skips, unless
/// `SECRETCTL_REQUIRE_SHELLS` says they must be there.
fn have(shell: &str) -> bool {
    let found = Command::new(shell)
        .arg("-c")
        .arg("exit 0")
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        found || std::env::var_os("SECRETCTL_REQUIRE_SHELLS").is_none(),
        "{shell} is required here"
    );
    found
}

#[test]
fn zsh_offers_the_names_through_its_registered_function() {
    if !have("zsh") {
        return;
    }
    let env = three_secrets();
    let script = script(&env, "zsh");
    // compsys's builtins stand in for the line editor: compdef records, _describe prints the
    // candidates it is given.
    let run_zsh = |words: &[&str]| {
        let mut c = shell(&env, "zsh");
        c.arg("-f").arg("-c").arg(
            r#"compdef() { registered=$1 }
_describe() { local -a items; items=("${(@P)${@[-1]}}"); print -l -- ${items%%:*} }
source "$1"; shift
[[ $registered == _clap_dynamic_completer_secretctl ]] || exit 90
words=("$@"); CURRENT=$#
_clap_dynamic_completer_secretctl"#,
        );
        c.arg("zsh").arg(&script).args(words);
        run(c)
    };
    let tab = run_zsh(&["secretctl", "kubiya", "get", "GH_"]);
    assert_eq!(tab.code, 0, "{}", tab.stderr);
    assert_eq!(tab.offered, ["GH_OTHER", "GH_TOKEN"]);
    assert_eq!(tab.stderr, "");
    let tab = run_zsh(&["secretctl", "kubiya", "delete", ""]);
    assert_eq!(tab.names(), ["DB", "GH_OTHER", "GH_TOKEN"]);
    assert_eq!(env.requests(Some("GET"), "/secrets").len(), 1);
}

#[test]
fn fish_offers_the_names_through_its_complete_rule() {
    if !have("fish") {
        return;
    }
    let env = three_secrets();
    let script = script(&env, "fish");
    let run_fish = |line: &str| {
        let mut c = shell(&env, "fish");
        c.arg("--no-config")
            .arg("-c")
            .arg("source $argv[1]; complete --do-complete $argv[2]")
            .arg(&script)
            .arg(line);
        run(c)
    };
    let tab = run_fish("secretctl kubiya get GH_");
    assert_eq!(tab.code, 0, "{}", tab.stderr);
    assert_eq!(tab.offered, ["GH_OTHER", "GH_TOKEN"]);
    let tab = run_fish("secretctl kubiya delete ");
    assert_eq!(tab.names(), ["DB", "GH_OTHER", "GH_TOKEN"]);
    assert_eq!(env.requests(Some("GET"), "/secrets").len(), 1);
}

#[test]
fn bash_offers_the_names_for_export_and_run_s() {
    let env = three_secrets();
    // Fill the cache first (a loaded machine can miss the 1 s budget of a cold lookup): what
    // follows shows that export's and run's arguments complete, not how fast.
    for _ in 0..5 {
        if !bash_tab(&env, &["secretctl", "kubiya", "get", ""])
            .offered
            .is_empty()
        {
            break;
        }
    }
    let lists = env.requests(Some("GET"), "/secrets").len();
    let tab = bash_tab(&env, &["secretctl", "kubiya", "export", "GH_"]);
    assert_eq!(tab.offered, ["GH_OTHER", "GH_TOKEN"], "{}", tab.stderr);
    let tab = bash_tab(&env, &["secretctl", "kubiya", "export", "DB", "G"]);
    assert_eq!(tab.names(), ["GH_OTHER", "GH_TOKEN"]);
    let tab = bash_tab(&env, &["secretctl", "kubiya", "run", "-s", "D"]);
    assert_eq!(tab.offered, ["DB"]);
    assert_eq!(tab.stderr, "");
    assert_eq!(
        env.requests(Some("GET"), "/secrets").len(),
        lists,
        "the cache answers"
    );
    assert_eq!(value_reads(&env), 0, "completion never reads a value");
}

fn value_reads(env: &Env) -> usize {
    env.requests(Some("GET"), "/get_value/").len()
}

/// A name holding a control character (an escape sequence, a newline) is never offered: the
/// shell would print it raw on a TAB listing, or split it into names that do not exist.
/// ChatBotKit offers such a secret's id instead; Kubiya, addressed only by name, leaves it out.
#[test]
fn names_with_control_characters_are_never_offered_raw() {
    let env = Env::new();
    for n in ["OK", "ESC\u{1b}]0;pwned\u{7}X", "two\nlines", "tab\there"] {
        env.emu.seed_kubiya(n, "value-aaaaaaaa", "");
    }
    let tab = bash_tab(&env, &["secretctl", "kubiya", "get", ""]);
    assert_eq!(tab.code, 0, "{}", tab.stderr);
    assert_eq!(tab.names(), ["OK"]);
    let id = env.emu.seed_chatbotkit(json!({"name": "BEL\u{7}NAME"}));
    env.emu.seed_chatbotkit(json!({"name": "FINE"}));
    let tab = bash_tab(&env, &["secretctl", "chatbotkit", "get", ""]);
    let mut want = vec![id, "FINE".to_string()];
    want.sort();
    assert_eq!(tab.names(), want);
}

/// An interactive shell on a pseudo-terminal with the completion script installed as the
/// docs say. Each line is typed with its TABs, then turned into `printf '%s\n' LINE`
/// (Ctrl-A, Ctrl-E) and run: the words it prints are what the shell made of what completion
/// inserted.
struct Session {
    s: rexpect::session::PtySession,
    home: PathBuf,
    lines: usize,
}

impl Session {
    fn spawn(c: Command) -> Session {
        let s = rexpect::session::spawn_with_options(
            c,
            rexpect::session::Options::new()
                .timeout_ms(Some(20_000))
                .strip_ansi_escape_codes(true),
        )
        .expect("spawn in a pty");
        Session {
            s,
            home: PathBuf::new(),
            lines: 0,
        }
    }

    /// bash with `secretctl completions bash` sourced from its start-up file.
    fn bash(env: &Env) -> Session {
        let script = script(env, "bash");
        let rc = env.write(
            "bashrc",
            format!(
                "PS1='READY> '\nbind 'set enable-bracketed-paste off'\nbind 'set bell-style none'\nsource '{}'\n",
                script.display()
            )
            .as_bytes(),
        );
        let mut c = shell(env, "bash");
        c.arg("--noprofile").arg("--rcfile").arg(rc).arg("-i");
        c.env("TERM", "dumb").env("INPUTRC", "/dev/null");
        let mut s = Session::spawn(c);
        s.home = env.path().to_path_buf();
        s.s.exp_string("READY> ").expect("bash's prompt");
        s
    }

    /// zsh with `secretctl completions zsh` as `_secretctl` in a folder of `$fpath`, then
    /// `compinit` (no start-up files, no stubs: compsys itself).
    fn zsh(env: &Env) -> Session {
        let r = env.run(&["completions", "zsh"]);
        r.ok();
        env.write("zfunc/_secretctl", &r.stdout_bytes);
        let mut c = shell(env, "zsh");
        c.arg("-f").arg("-i");
        c.env("TERM", "xterm")
            .env_remove("EDITOR")
            .env_remove("VISUAL");
        let mut s = Session::spawn(c);
        s.home = env.path().to_path_buf();
        let init = format!(
            "bindkey -e; unsetopt beep; fpath=('{}' $fpath); autoload -Uz compinit; compinit -u -d '{}'; PS1='READY''> '\n",
            env.path().join("zfunc").display(),
            env.path().join("zcompdump").display()
        );
        s.s.send(&init).expect("type");
        s.s.flush().expect("type");
        s.s.exp_string("READY> ").expect("zsh's prompt");
        s
    }

    /// Type `keys` (TABs in them) and run what is then on the line as `printf '%s\n' …`:
    /// the words the shell read.
    fn words_after(&mut self, keys: &str) -> Vec<String> {
        self.lines += 1;
        let out = self.home.join(format!("words-{}", self.lines));
        let tmp = self.home.join(format!("words-{}.tmp", self.lines));
        // The marker is printed as a sum, so that the echo of the line does not hold it:
        // after it, the next prompt is the shell's own, ready for the next line (keys typed
        // before the line editor reads them again can be lost).
        let n = self.lines + 1000;
        let line = format!(
            "{keys}\x01printf '%s\\n' \x05 >'{}' && mv '{}' '{}'; echo ran-$(({n}+1))\n",
            tmp.display(),
            tmp.display(),
            out.display()
        );
        self.s.send(&line).expect("type");
        self.s.flush().expect("type");
        self.s
            .exp_string(&format!("ran-{}", n + 1))
            .unwrap_or_else(|e| panic!("{keys:?}: the line never ran: {e}"));
        self.s.exp_string("READY> ").expect("the next prompt");
        let text = std::fs::read_to_string(&out).unwrap();
        text.lines().map(str::to_string).collect()
    }
}

/// An interactive zsh ignores the SIGTERM the pty's drop would send and wait out: it is
/// asked to leave.
impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.s.send("exit\n");
        let _ = self.s.flush();
        let _ = self.s.exp_eof();
    }
}

/// ChatBotKit names are free text: what bash inserts for each is, once the shell reads the
/// line, exactly the name — typed bare, with its escapes, or inside an open quote.
#[test]
fn bash_inserts_each_name_quoted_so_that_the_shell_reads_it_back_exactly() {
    let env = Env::new();
    let names = [
        "My OpenAI Key",
        "dollar$x",
        "quote\"d",
        "it's",
        "back\\slash",
    ];
    for n in names {
        env.emu.seed_chatbotkit(json!({ "name": n }));
    }
    bash_tab_until_offered(&env, &["secretctl", "cbk", "get", ""]);
    let mut sh = Session::bash(&env);
    for (typed, name) in [
        ("My", "My OpenAI Key"),
        ("My\\ Op", "My OpenAI Key"),
        ("\"My O", "My OpenAI Key"),
        ("'My", "My OpenAI Key"),
        ("dol", "dollar$x"),
        ("\"dol", "dollar$x"),
        ("quo", "quote\"d"),
        ("'quo", "quote\"d"),
        ("\"quo", "quote\"d"),
        ("it", "it's"),
        ("'it", "it's"),
        ("\"it", "it's"),
        ("it\\'", "it's"),
        ("back", "back\\slash"),
        ("\"back", "back\\slash"),
        ("'back", "back\\slash"),
    ] {
        let words = sh.words_after(&format!("secretctl cbk get {typed}\t"));
        assert_eq!(
            words,
            ["secretctl", "cbk", "get", name],
            "typed {typed:?}, bash made the line {words:?}"
        );
    }
    assert_eq!(env.requests(Some("GET"), "/secret/list").len(), 1);
}

/// Installed as the docs say (the file in `$fpath`, then `compinit`), the first TAB of a
/// session completes: compinit loads the file as `_secretctl` on that TAB.
#[test]
fn zsh_completes_on_the_first_tab_of_a_session() {
    if !have("zsh") {
        return;
    }
    let env = three_secrets();
    env.emu.seed_chatbotkit(json!({ "name": "My OpenAI Key" }));
    bash_tab_until_offered(&env, &["secretctl", "kubiya", "get", ""]);
    bash_tab_until_offered(&env, &["secretctl", "cbk", "get", ""]);
    // First TAB: a subcommand.
    let mut sh = Session::zsh(&env);
    assert_eq!(sh.words_after("secretctl kub\t"), ["secretctl", "kubiya"]);
    assert_eq!(
        sh.words_after("secretctl kubiya get GH_T\t"),
        ["secretctl", "kubiya", "get", "GH_TOKEN"]
    );
    // First TAB of another session: a name; then names zsh must quote.
    let mut sh = Session::zsh(&env);
    assert_eq!(
        sh.words_after("secretctl kubiya get GH_T\t"),
        ["secretctl", "kubiya", "get", "GH_TOKEN"]
    );
    for typed in ["My", "My\\ Op", "\"My O"] {
        assert_eq!(
            sh.words_after(&format!("secretctl cbk get {typed}\t")),
            ["secretctl", "cbk", "get", "My OpenAI Key"],
            "typed {typed:?}"
        );
    }
}

/// A ChatBotKit secret without a name is offered by its id, as one whose name repeats; and
/// typing the start of a repeated name offers those ids (zsh and fish show the name beside
/// each).
#[test]
fn chatbotkit_offers_ids_for_an_empty_name_and_for_the_start_of_a_repeated_name() {
    let env = Env::new();
    let empty = env.emu.seed_chatbotkit(json!({"name": ""}));
    let a = env.emu.seed_chatbotkit(json!({"name": "DUP"}));
    let b = env.emu.seed_chatbotkit(json!({"name": "DUP"}));
    env.emu.seed_chatbotkit(json!({"name": "ONE"}));
    let tab = bash_tab_until_offered(&env, &["secretctl", "cbk", "get", ""]);
    let mut all = vec![empty.clone(), a.clone(), b.clone(), "ONE".to_string()];
    all.sort();
    assert_eq!(tab.names(), all);
    let mut dups = vec![a.clone(), b.clone()];
    dups.sort();
    let tab = bash_tab(&env, &["secretctl", "cbk", "get", "DU"]);
    assert_eq!(tab.offered, dups);
    // An id's own start still finds it.
    let tab = bash_tab(&env, &["secretctl", "cbk", "delete", &a[..a.len() - 1]]);
    assert_eq!(tab.offered, std::slice::from_ref(&a));
    let tab = bash_tab(&env, &["secretctl", "cbk", "get", "O"]);
    assert_eq!(tab.offered, ["ONE"]);
    assert_eq!(env.requests(Some("GET"), "/secret/list").len(), 1);
    if have("fish") {
        let script = script(&env, "fish");
        let mut c = shell(&env, "fish");
        c.arg("--no-config")
            .arg("-c")
            .arg("source $argv[1]; complete --do-complete $argv[2]")
            .arg(&script)
            .arg("secretctl cbk get ");
        let out = c.output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        for id in [&a, &b] {
            assert!(text.contains(&format!("{id}\tDUP")), "{text}");
        }
    }
}

/// Only a shell's name turns a command into completions: any other value is a usage error
/// before anything is sent — not a silent success that did nothing.
#[test]
fn a_completion_variable_that_names_no_shell_is_a_usage_error() {
    let env = Env::new();
    env.emu.seed_kubiya("KEEP", "value-aaaaaaaa", "");
    for value in ["true", "1", "yes", "Bash"] {
        let r = env.run_with(&["kubiya", "delete", "KEEP", "--yes"], None, |c| {
            c.env("SECRETCTL_COMPLETE", value);
        });
        r.code(2)
            .one_error_line()
            .stderr_has(&format!("error: SECRETCTL_COMPLETE={value}: not a shell"))
            .stderr_has("hint: ")
            .stderr_has("unset SECRETCTL_COMPLETE");
        assert_eq!(r.stdout, "");
    }
    let r = env.run_with(&["kubiya", "list", "-o", "json"], None, |c| {
        c.env("SECRETCTL_COMPLETE", "true");
    });
    r.code(2);
    assert!(r.stderr.contains("\"error\""), "{}", r.stderr);
    assert!(env.emu.requests().is_empty());
    assert_eq!(env.kubiya_secrets().len(), 1);
    // Empty and 0 mean "not completing": the command runs.
    for value in ["", "0"] {
        env.run_with(&["kubiya", "list"], None, |c| {
            c.env("SECRETCTL_COMPLETE", value);
        })
        .ok()
        .stdout_has("KEEP");
    }
}

/// The cache is one per credential and config file: a wrong key is asked (and refused), not
/// served the names a good one fetched; another config file has its own.
#[test]
fn the_cache_is_kept_apart_by_credential_and_config_file() {
    let env = three_secrets();
    let line = ["secretctl", "kubiya", "get", "GH_"];
    bash_tab_until_offered(&env, &line);
    let lists = || env.requests(Some("GET"), "/secrets");
    assert_eq!(lists().len(), 1);
    let bad = "bad-key-0123456789";
    for _ in 0..2 {
        let tab = bash_tab_with(&env, &line, |c| {
            c.env("KUBIYA_API_KEY", bad);
        });
        assert_eq!(tab.offered, Vec::<String>::new());
    }
    wait_for_failed(&env, 1);
    let asked = lists();
    assert_eq!(asked.len(), 2, "one lookup with the wrong key");
    assert_eq!(
        asked[1].header("authorization"),
        Some(format!("UserKey {bad}").as_str())
    );
    // The good key is still served from its own cache.
    let tab = bash_tab(&env, &line);
    assert_eq!(tab.offered, ["GH_OTHER", "GH_TOKEN"]);
    assert_eq!(lists().len(), 2);
    // Two config files, profile default, same base URL and token: one lookup each.
    let a = env.write("a.toml", b"");
    let b = env.write("b.toml", b"");
    for cfg in [&a, &b] {
        let c = cfg.to_str().unwrap();
        bash_tab_until_offered(&env, &["secretctl", "--config", c, "kubiya", "get", "GH_"]);
    }
    assert_eq!(lists().len(), 4);
}

/// Waits until `n` cache records say the lookup failed.
fn wait_for_failed(env: &Env, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while cache_files(env)
        .iter()
        .filter(|f| std::fs::read_to_string(f).is_ok_and(|t| t.contains("\"state\":\"failed\"")))
        .count()
        < n
    {
        assert!(Instant::now() < deadline, "no failed lookup was recorded");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `config set-token` forgets what TAB cached for that provider's profile (the next TAB
/// asks with the new token); other providers' records stay.
#[test]
fn set_token_forgets_the_profiles_cached_names() {
    let env = three_secrets();
    env.emu.seed_chatbotkit(json!({"name": "CBK_ONE"}));
    bash_tab_until_offered(&env, &["secretctl", "kubiya", "get", ""]);
    bash_tab_until_offered(&env, &["secretctl", "cbk", "get", ""]);
    let of = |provider: &str| {
        cache_files(&env)
            .into_iter()
            .filter(|f| {
                f.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(&format!("names-{provider}-"))
            })
            .count()
    };
    assert_eq!((of("kubiya"), of("chatbotkit")), (1, 1));
    env.run_stdin(
        &["config", "set-token", "kubiya"],
        format!("{TOKEN}\n").as_bytes(),
    )
    .ok();
    assert_eq!((of("kubiya"), of("chatbotkit")), (0, 1));
}
