use crate::support::*;

#[test]
fn version_and_help() {
    let env = Env::new();
    env.run(&["--version"])
        .ok()
        .stdout_has(env!("CARGO_PKG_VERSION"));
    env.run(&["kubiya", "list", "--help"])
        .ok()
        .stdout_has("Examples:");
}

/// "Choices where the contract is silent" (docs/choices.md) states the bounds of the numeric
/// options and the refusal of two value sources at once; the binary keeps to what it states.
#[test]
fn documented_bounds_and_value_source_conflict_hold() {
    let silent = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/choices.md"))
        .expect("docs/choices.md");
    assert!(silent.starts_with("# Choices where the contract is silent\n"));
    for words in [
        "`--retries` 0–10",
        "`--timeout` 1–3600",
        "`import --concurrency` 1–64",
        "`--value-file` and `--value-env` together are refused (exit 2",
    ] {
        assert!(silent.contains(words), "docs/choices.md lacks {words:?}");
    }

    let env = Env::new();
    env.emu.seed_kubiya("BOUNDS", "bounds-value-1", "");
    let import = env.write("bounds.env", b"NEWNAME=bounds-value-2\n");
    let import = import.to_str().unwrap();
    for (args, code) in [
        (vec!["--retries", "11", "kubiya", "list"], 2),
        (vec!["--timeout", "0", "kubiya", "list"], 2),
        (vec!["--timeout", "3601", "kubiya", "list"], 2),
        (vec!["kubiya", "import", import, "--concurrency", "0"], 2),
        (vec!["kubiya", "import", import, "--concurrency", "65"], 2),
        (
            vec!["--retries", "0", "--timeout", "1", "kubiya", "list"],
            0,
        ),
        (
            vec!["--retries", "10", "--timeout", "3600", "kubiya", "list"],
            0,
        ),
        (
            vec![
                "kubiya",
                "import",
                import,
                "--concurrency",
                "1",
                "--dry-run",
            ],
            0,
        ),
        (
            vec![
                "kubiya",
                "import",
                import,
                "--concurrency",
                "64",
                "--dry-run",
            ],
            0,
        ),
    ] {
        let before = env.emu.requests().len();
        let run = env.run(&args);
        run.code(code);
        if code == 2 {
            assert_eq!(env.emu.requests().len(), before, "{args:?} sent a request");
        }
    }

    let file = env.write("v.txt", b"from-file-value");
    let before = env.emu.requests().len();
    env.run_with(
        &[
            "kubiya",
            "update",
            "BOUNDS",
            "--value-file",
            file.to_str().unwrap(),
            "--value-env",
            "BOUNDS_VALUE",
        ],
        None,
        |c| {
            c.env("BOUNDS_VALUE", "from-env-value");
        },
    )
    .code(2)
    .stderr_has("cannot be used with")
    .no_leak("from-file-value")
    .no_leak("from-env-value");
    assert_eq!(env.emu.requests().len(), before);
    assert_eq!(
        env.kubiya_value("BOUNDS").as_deref(),
        Some("bounds-value-1")
    );
}

/// Every command's `--help` examples are copy-paste recipes: none pipes a producer into
/// `sync --prune` (docs/sync.md: a partial source would delete), and none is wrapped by clap
/// (at its default 100 columns) or longer than 99 columns.
#[test]
fn help_examples_are_safe_and_unwrapped() {
    let env = Env::new();
    let man = concat!(env!("CARGO_MANIFEST_DIR"), "/man");
    let mut pages: Vec<String> = std::fs::read_dir(man)
        .expect("man/")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".1"))
        .collect();
    pages.sort();
    assert!(pages.len() > 20, "{pages:?}");
    for page in pages {
        let words = page.trim_end_matches(".1").trim_start_matches("secretctl");
        let mut args: Vec<String> = Vec::new();
        for w in words.split('-').filter(|w| !w.is_empty()) {
            match args.last_mut() {
                Some(last) if last == "set" => last.push_str(&format!("-{w}")),
                _ => args.push(w.to_string()),
            }
        }
        args.push("--help".into());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let wide = env.run_with(&args, None, |c| {
            c.env("COLUMNS", "1000");
        });
        wide.ok();
        let narrow = env.run_with(&args, None, |c| {
            c.env_remove("COLUMNS");
        });
        narrow.ok();
        let examples = |help: &str| -> Vec<String> {
            help.lines()
                .skip_while(|l| *l != "Examples:")
                .map(str::to_string)
                .collect()
        };
        let lines = examples(&wide.stdout);
        assert!(!lines.is_empty(), "{args:?} has no examples");
        assert_eq!(
            lines,
            examples(&narrow.stdout),
            "{args:?}: clap wraps an example"
        );
        let mut joined = String::new();
        for line in &lines {
            assert!(
                line.chars().count() < 100,
                "{args:?}: over 99 columns: {line}"
            );
            // A recipe's line continues after `\`, `&&` or `|`.
            joined.push_str(line.trim_end_matches('\\'));
            if !(line.ends_with('\\') || line.ends_with("&&") || line.ends_with('|')) {
                joined.push('\n');
            }
        }
        for recipe in joined.lines() {
            let piped_into_sync = recipe
                .split('|')
                .skip(1)
                .any(|cmd| cmd.contains(" sync ") && cmd.contains("--prune"));
            assert!(
                !piped_into_sync,
                "{args:?}: pipes into sync --prune: {recipe}"
            );
        }
    }
}

/// Each provider's `--help` speaks of its own platform only: no ChatBotKit abilities,
/// skillsets or bots in Kubiya's, no Kubiya agents in ChatBotKit's.
#[test]
fn each_providers_help_speaks_of_its_own_platform() {
    let env = Env::new();
    for (provider, foreign) in [
        ("kubiya", &["chatbotkit", "abilit", "skillset", " bot"][..]),
        ("chatbotkit", &["kubiya", "agent"][..]),
    ] {
        for verb in [
            "create", "get", "update", "delete", "list", "import", "sync",
        ] {
            let r = env.run_with(&[provider, verb, "--help"], None, |c| {
                c.env("COLUMNS", "1000");
            });
            r.ok();
            let help = r.stdout.to_lowercase();
            for word in foreign {
                assert!(
                    !help.contains(word),
                    "{provider} {verb} --help mentions {word:?}:\n{}",
                    r.stdout
                );
            }
        }
    }
}
