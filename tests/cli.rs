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
