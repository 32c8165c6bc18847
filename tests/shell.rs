//! Shell integration: generated completions and man pages are current, config commands,
//! help that teaches, suggestions for typos.

use std::path::PathBuf;

use crate::support::*;
use secretctl::commands::generated;

const REGENERATE: &str = "SECRETCTL_REGENERATE";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Compare (or, with SECRETCTL_REGENERATE=1, rewrite) one generated file.
fn check(path: PathBuf, want: &[u8], stale: &mut Vec<String>) {
    if std::env::var_os(REGENERATE).is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, want).unwrap();
        return;
    }
    if std::fs::read(&path).ok().as_deref() != Some(want) {
        stale.push(
            path.strip_prefix(root())
                .unwrap_or(&path)
                .display()
                .to_string(),
        );
    }
}

#[test]
fn completions_and_man_pages_are_current() {
    let mut stale = Vec::new();
    for shell in generated::SHELLS {
        check(
            root()
                .join("completions")
                .join(generated::completion_file(shell)),
            &generated::completion(shell),
            &mut stale,
        );
    }
    let pages = generated::man_pages();
    assert!(pages.len() > 20, "one page per command");
    for (name, bytes) in &pages {
        check(root().join("man").join(name), bytes, &mut stale);
    }
    // No page left over from a removed command.
    if std::env::var_os(REGENERATE).is_none() {
        for entry in std::fs::read_dir(root().join("man")).unwrap() {
            let n = entry.unwrap().file_name().to_string_lossy().into_owned();
            if !pages.iter().any(|(p, _)| *p == n) {
                stale.push(format!("man/{n} (no such command any more)"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "generated files are stale: {stale:?}\nrefresh them with: SECRETCTL_REGENERATE=1 cargo test --test main shell::completions_and_man_pages_are_current"
    );
}

#[test]
fn completions_command_prints_the_script() {
    let env = Env::new();
    let r = env.run(&["completions", "bash"]);
    r.ok();
    assert_eq!(
        r.stdout_bytes,
        generated::completion(clap_complete::Shell::Bash)
    );
    // bash calls back into secretctl on TAB (tests/completion.rs); the static scripts of
    // PowerShell and elvish list the commands themselves.
    assert!(r.stdout.contains("SECRETCTL_COMPLETE=\"bash\""));
    assert!(r.stdout.contains(
        "complete -o nospace -o bashdefault -o nosort -F _clap_complete_secretctl secretctl"
    ));
    let r = env.run(&["completions", "elvish"]);
    r.ok();
    assert!(r.stdout.contains("chatbotkit") && r.stdout.contains("kubiya"));
    env.run(&["completions", "tcsh"]).code(2);
}

/// Every command's long help has a description and examples.
#[test]
fn every_command_has_examples_in_its_help() {
    use clap::CommandFactory;
    fn walk(c: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(path.clone());
        for s in c.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut p = path.clone();
            p.push(s.get_name().to_string());
            walk(s, p, out);
        }
    }
    let mut all = vec![];
    walk(&secretctl::cli::Cli::command(), vec![], &mut all);
    let env = Env::new();
    for path in all {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let r = env.run(&args);
        r.ok().stdout_has("Examples:").stdout_has("Usage:");
    }
}

#[test]
fn a_mistyped_command_suggests_the_closest() {
    let env = Env::new();
    env.run(&["kubiya", "lst"]).code(2).stderr_has("list");
    env.run(&["kubya", "list"]).code(2).stderr_has("kubiya");
}

#[test]
fn missing_token_says_what_to_do() {
    let mut env = Env::new();
    env.remove("CHATBOTKIT_API_TOKEN");
    env.run(&["chatbotkit", "list"])
        .code(4)
        .stderr_has("error: no ChatBotKit token — set CHATBOTKIT_API_TOKEN or run 'secretctl config set-token chatbotkit'")
        .stderr_has("token_command");
    assert!(env.emu.requests().is_empty());
}

#[test]
fn config_path_follows_flag_env_and_default() {
    let mut env = Env::new();
    let r = env.run(&["config", "path"]);
    r.ok();
    assert_eq!(
        r.stdout.trim(),
        env.path()
            .join(".config/secretctl/config.toml")
            .display()
            .to_string()
    );
    env.run(&["config", "path", "--config", "/tmp/x.toml"])
        .ok()
        .stdout_has("/tmp/x.toml");
    // A file that does not exist yet is where it would be: no error, exit 0 (issue 25).
    env.set("SECRETCTL_CONFIG", "/tmp/secretctl-missing-dir/y.toml");
    let r = env.run(&["config", "path"]);
    r.ok().stdout_has("/tmp/secretctl-missing-dir/y.toml");
    assert_eq!(r.stderr, "");
}

#[test]
fn set_token_from_stdin_writes_0600_and_is_used() {
    let mut env = Env::new();
    env.remove("KUBIYA_API_KEY");
    let cfg = env.path().join(".config/secretctl/config.toml");
    let r = env.run_stdin(
        &["config", "set-token", "kubiya", "--profile", "work"],
        format!("{TOKEN}\n").as_bytes(),
    );
    r.ok();
    assert_eq!(mode(&cfg), 0o600);
    assert_eq!(mode(cfg.parent().unwrap()), 0o700);
    let text = std::fs::read_to_string(&cfg).unwrap();
    assert!(text.contains("[profiles.work.kubiya]"), "{text}");
    // Used by the next command.
    env.run(&["--profile", "work", "kubiya", "list"]).ok();
    let req = env.requests(Some("GET"), "/secrets").pop().unwrap();
    assert_eq!(
        req.header("authorization"),
        Some(format!("UserKey {TOKEN}").as_str())
    );
    // Empty input is refused and nothing written.
    let before = std::fs::read(&cfg).unwrap();
    env.run_stdin(&["config", "set-token", "kubiya"], b"\n")
        .code(2);
    assert_eq!(std::fs::read(&cfg).unwrap(), before);
}

#[test]
fn set_token_keeps_comments_and_other_profiles() {
    let env = Env::new();
    let cfg = env.write("c/config.toml", b"# keep this comment\ndefault_profile = \"home\"\n\n[profiles.home.kubiya]\nbase_url = \"https://k.example\" # and this\n");
    let r = env.run_stdin(
        &[
            "config",
            "--config",
            cfg.to_str().unwrap(),
            "set-token",
            "chatbotkit",
            "--no-check",
        ],
        b"cbk-tok\n",
    );
    r.ok();
    let text = std::fs::read_to_string(&cfg).unwrap();
    assert!(
        text.contains("# keep this comment") && text.contains("# and this"),
        "{text}"
    );
    assert!(
        text.contains("[profiles.home.chatbotkit]"),
        "default_profile is the target: {text}"
    );
    assert!(text.contains("token = \"cbk-tok\""), "{text}");
    assert_eq!(mode(&cfg), 0o600);
}

#[test]
fn set_command_stores_a_quoted_command_line_that_runs() {
    let mut env = Env::new();
    env.remove("CHATBOTKIT_API_TOKEN");
    let cfg = env.path().join("cfg.toml");
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
    let text = std::fs::read_to_string(&cfg).unwrap();
    assert!(text.contains("token_command = "), "{text}");
    env.run(&["--config", c, "chatbotkit", "list"]).ok();
    let req = env.requests(Some("GET"), "/secret/list").pop().unwrap();
    assert_eq!(
        req.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    // set-token replaces the command (both at once would be ambiguous).
    env.run_stdin(
        &["config", "--config", c, "set-token", "cbk", "--no-check"],
        b"x\n",
    )
    .ok();
    let text = std::fs::read_to_string(&cfg).unwrap();
    assert!(!text.contains("token_command"), "{text}");
}

#[test]
fn config_show_names_sources_and_never_prints_a_token() {
    let env = Env::new();
    let cfg = env.write("s.toml", b"[profiles.default.kubiya]\ntoken = \"file-token-secret\"\nbase_url = \"https://k.example\"\n");
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&cfg, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    let c = cfg.to_str().unwrap();
    let r = env.run(&["config", "show", "--config", c]);
    r.ok().no_leak("file-token-secret");
    assert!(
        r.stdout
            .contains("chatbotkit\ttoken\t<redacted>\tenv CHATBOTKIT_API_TOKEN"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("chatbotkit\tbase_url\t"), "{}", r.stdout);
    assert!(
        r.stdout.contains("\tenv CHATBOTKIT_API_URL"),
        "{}",
        r.stdout
    );
    let mut env2 = Env::new();
    env2.remove("KUBIYA_API_KEY").remove("KUBIYA_BASE_URL");
    let r = env2.run(&["config", "show", "--config", c, "-o", "json"]);
    r.ok().no_leak("file-token-secret");
    let v = r.json();
    assert_eq!(v["providers"]["kubiya"]["token"]["value"], "<redacted>");
    assert_eq!(
        v["providers"]["kubiya"]["token"]["source"],
        "profile default token"
    );
    assert_eq!(
        v["providers"]["kubiya"]["base_url"]["value"],
        "https://k.example/api/v1"
    );
    assert_eq!(
        v["providers"]["kubiya"]["base_url"]["source"],
        "profile default"
    );
}

/// Issue 25: each provider's help shows its own examples and its own words for the argument,
/// `-o terraform` only where it is taken, and the man pages keep examples as typed.
#[test]
fn help_and_man_pages_say_what_each_command_takes() {
    let env = Env::new();
    for verb in ["import", "sync"] {
        let cbk = env.run(&["cbk", verb, "--help"]);
        cbk.ok().stdout_has(&format!("secretctl cbk {verb}"));
        assert!(!cbk.stdout.contains("secretctl kubiya"), "{}", cbk.stdout);
        let kub = env.run(&["kubiya", verb, "--help"]);
        kub.ok().stdout_has(&format!("secretctl kubiya {verb}"));
        assert!(!kub.stdout.contains("secretctl cbk"), "{}", kub.stdout);
    }
    for verb in ["get", "delete"] {
        let kub = env.run(&["kubiya", verb, "--help"]);
        kub.ok()
            .stdout_has("<NAME>")
            .stdout_has("Name of the secret");
        assert!(!kub.stdout.contains("Id or exact name"), "{}", kub.stdout);
        env.run(&["cbk", verb, "--help"])
            .ok()
            .stdout_has("Id or exact name of the secret");
    }
    // `get --reveal` in each provider's own words: the line after the flag.
    let reveal = |provider: &str| {
        let help = env.run(&[provider, "get", "--help"]).stdout.clone();
        let mut lines = help
            .lines()
            .skip_while(|l| !l.trim_start().starts_with("--reveal"));
        lines.nth(1).unwrap_or_default().trim().to_string()
    };
    assert_eq!(
        reveal("kubiya"),
        "Print only the value, the exact bytes stored"
    );
    assert_eq!(
        reveal("cbk"),
        "Refused: ChatBotKit never returns values (exit 2, nothing sent)"
    );
    // terraform is not offered where it is refused, and still taken by list and get.
    let create = env.run(&["kubiya", "create", "--help"]);
    assert!(!create.stdout.contains("- terraform"), "{}", create.stdout);
    env.run(&["kubiya", "create", "X", "-o", "terraform"])
        .code(2);

    let pages = secretctl::commands::generated::man_pages();
    let page = |name: &str| {
        let (_, b) = pages.iter().find(|(n, _)| n == name).expect(name);
        String::from_utf8(b.clone()).unwrap()
    };
    let import = page("secretctl-kubiya-import.1");
    // Footer: date, source, manual — the source is not where the date goes.
    assert!(
        import.contains(
            ".TH secretctl-kubiya-import 1 2026-12-03 \"secretctl 0.1.0\" \"secretctl manual\""
        ),
        "{import}"
    );
    assert!(import.contains("\n.nh\n"), "no hyphenation: {import}");
    assert!(
        import.contains(".SH EXAMPLES\n.nf\nsecretctl kubiya import .env \\-\\-dry\\-run\n"),
        "{import}"
    );
    assert!(import.contains("\n.fi\n"), "{import}");
}
