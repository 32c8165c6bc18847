//! import: formats with nasty inputs, check-first, plan and conflict modes, faults, stdin,
//! interruption.

use crate::support::*;

fn kubiya_map(env: &Env) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = env
        .kubiya_secrets()
        .into_iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_string(),
                s["value"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = p
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    v.sort();
    v
}

const PEM: &str = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq\n-----END PRIVATE KEY-----\n";

/// The same bytes give the same values however they arrive (a `.env` file, a file without
/// an extension, stdin): where dotenv and TOML would read different values the guess is
/// refused, naming both and `--format`, and nothing is sent.
#[test]
fn a_format_guess_never_changes_a_value() {
    for text in [
        &b"SNX_A=\"a\\u00e9\"\n"[..],
        b"SNX_A=\"\\b\"\n",
        b"SNX_A=\"\\f\"\n",
        b"OK = \"x\"\nSNX_A = \"a\\u00e9\"\nPORT = 8080\n",
    ] {
        let env = Env::new();
        let from_env_file = env.write("x.env", text);
        env.run(&["kubiya", "import", from_env_file.to_str().unwrap()])
            .ok();
        let stored = kubiya_map(&env);
        assert!(stored.iter().any(|(n, v)| n == "SNX_A" && v.contains('\\')));

        let env = Env::new();
        let bare = env.write("secrets", text);
        for r in [
            env.run_stdin(&["kubiya", "import", "-"], text),
            env.run(&["kubiya", "import", bare.to_str().unwrap()]),
            env.run_stdin(&["kubiya", "sync", "-"], text),
        ] {
            r.code(2)
                .one_error_line()
                .stderr_has("both dotenv and TOML")
                .stderr_has("--format dotenv or --format toml");
        }
        assert!(env.emu.requests().is_empty(), "{:?}", env.emu.requests());

        // Named, it is read as named.
        env.run_stdin(&["kubiya", "import", "--format", "dotenv", "-"], text)
            .ok();
        assert_eq!(kubiya_map(&env), stored);
    }
}

/// What only dotenv reads as a string is dotenv's; every error names the format it read and
/// how it was chosen.
#[test]
fn a_guessed_format_is_named_in_its_errors() {
    let env = Env::new();
    env.run_stdin(&["kubiya", "import", "-"], b"PORT=8080\nHOST=db\n")
        .ok();
    assert_eq!(kubiya_map(&env), pairs(&[("HOST", "db"), ("PORT", "8080")]));
    env.run_stdin(&["kubiya", "import", "-"], b"[t]\nA = \"1\"\n")
        .code(2)
        .stderr_has("read as toml, guessed from the content")
        .stderr_has("--format");
    env.run_stdin(
        &["kubiya", "import", "--format", "toml", "-"],
        b"PORT=8080\n",
    )
    .code(2)
    .stderr_has("integer")
    .stderr_has("read as toml, as --format says");
    let f = env.write("a.env", b"A=\"x\nB=y\n");
    env.run(&["kubiya", "import", f.to_str().unwrap()])
        .code(2)
        .stderr_has("read as dotenv, from the file name");
    env.run_stdin(&["kubiya", "import", "-"], b"BAD LINE\n")
        .code(2)
        .stderr_has("read as dotenv, guessed from the content");
    env.run_stdin(&["kubiya", "import", "-"], b"# only a comment\n")
        .code(2)
        .stderr_has("no secrets found (read as dotenv, guessed from the content)");
    assert_eq!(env.requests(Some("POST"), "").len(), 2);
}

/// A source that never ends is refused once it passes the documented 64 MiB, read as a
/// stream (never held whole), and nothing is sent.
#[test]
fn a_source_past_the_size_limit_is_refused_while_streaming() {
    use std::io::Write;
    let env = Env::new();
    let mut c = env.command();
    c.args(["kubiya", "import", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = c.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // `yes A=1`: writes until secretctl stops reading.
    let writer = std::thread::spawn(move || {
        let chunk = "A=1\n".repeat(16 * 1024);
        let mut sent = 0usize;
        while stdin.write_all(chunk.as_bytes()).is_ok() {
            sent += chunk.len();
        }
        sent
    });
    let out = child.wait_with_output().unwrap();
    let sent = writer.join().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("standard input holds more than 64 MiB (the limit of one import source)"),
        "{stderr}"
    );
    // It stopped reading just past the limit (plus what the pipe buffers).
    assert!(sent < 65 * 1024 * 1024, "{sent} bytes were taken");
    assert!(env.emu.requests().is_empty());
}

/// More than 100,000 secrets in one source is one problem; many problems are listed up to
/// 20, then counted — 200 duplicates are not 200 lines of stderr.
#[test]
fn problems_are_capped_and_so_are_the_items() {
    let env = Env::new();
    let many: String = (0..100_001).map(|i| format!("S{i}=v\n")).collect();
    let f = env.write("many.env", many.as_bytes());
    let r = env.run(&["kubiya", "import", f.to_str().unwrap(), "--dry-run"]);
    r.code(2)
        .one_error_line()
        .stderr_has("many.env:100001: more than 100,000 secrets in one source");
    // No other format would mend it: no hint to try one.
    assert!(!r.stderr.contains("--format"), "{}", r.stderr);

    let dups = "A=1\n".repeat(201);
    let f = env.write("dups.env", dups.as_bytes());
    for args in [vec!["-o", "plain"], vec!["-o", "json"]] {
        let mut a = args.clone();
        a.extend(["kubiya", "import", f.to_str().unwrap()]);
        let r = env.run(&a);
        r.code(2)
            .stderr_has("dups.env:2: A is given twice (first on line 1) (first of 200 problems)")
            .stderr_has("dups.env: … and 180 more problems");
        let listed = r
            .stderr
            .lines()
            .filter(|l| {
                l.contains("dups.env:")
                    && l.contains(": A is given twice")
                    && !l.starts_with("error:")
                    && !l.starts_with('{')
            })
            .count();
        assert_eq!(listed, 20, "{}", r.stderr);
        if args[1] == "json" {
            let obj: Value = r
                .stderr
                .lines()
                .find(|l| l.starts_with('{'))
                .map(|l| serde_json::from_str(l).unwrap())
                .unwrap();
            assert_eq!(obj["error"]["problems"].as_array().unwrap().len(), 20);
        }
    }
    assert!(env.emu.requests().is_empty());
}

#[test]
fn dotenv_nasty_values_arrive_exactly() {
    let env = Env::new();
    let text = format!(
        "# a comment\n\
         export PLAIN=simple\n\
         HASH=pass#word\n\
         COMMENTED=value # this is a comment\n\
         DOLLAR=\"pa$$word ${{HOME}} $USER\"\n\
         SINGLE='$literal \"quoted\" \\n'\n\
         DQ=\"say \\\"hi\\\"\\tnow\"\n\
         PEM=\"{PEM}\"\n\
         SPACES =   padded value   \n"
    );
    let f = env.write("app.env", text.as_bytes());
    let r = env.run(&["kubiya", "import", f.to_str().unwrap()]);
    r.ok()
        .no_leak("PLAIN=simple")
        .no_leak("pa$$word")
        .no_leak("MIIEvQIBADANBgkq");
    assert_eq!(
        kubiya_map(&env),
        pairs(&[
            ("COMMENTED", "value"),
            ("DOLLAR", "pa$$word ${HOME} $USER"),
            ("DQ", "say \"hi\"\tnow"),
            ("HASH", "pass#word"),
            ("PEM", PEM),
            ("PLAIN", "simple"),
            ("SINGLE", "$literal \"quoted\" \\n"),
            ("SPACES", "padded value"),
        ])
    );
    assert_eq!(r.stdout.lines().count(), 8);
    assert!(r.stdout.contains("PEM\tcreated\n"), "{}", r.stdout);
    r.stderr_has("8 created");
}

/// A file saved on Windows: its CRLF line ends are line ends, so unquoted and one-line quoted
/// values have no carriage return; a CRLF inside a quoted value could be the value's own or
/// the editor's, so it is exit 2 naming the line and the format, nothing sent — never turned
/// into LF. A value that must hold CRLF says so with escapes, and gets it exactly.
#[test]
fn crlf_dotenv_line_ends_are_line_ends_and_a_quoted_crlf_is_refused_not_changed() {
    let env = Env::new();
    let f = env.write(".env", b"A=one\r\nB='two'\r\nC=\"x\\r\\ny\"\r\n");
    env.run(&["kubiya", "import", f.to_str().unwrap()]).ok();
    assert_eq!(
        kubiya_map(&env),
        pairs(&[("A", "one"), ("B", "two"), ("C", "x\r\ny")])
    );
    let other = Env::new();
    let f = other.write(".env", b"A=one\r\nB=\"two\r\nlines\"\r\n");
    let r = other.run(&["kubiya", "import", f.to_str().unwrap()]);
    r.code(2)
        .stderr_has(".env:2:")
        .stderr_has("CRLF line end (on line 2)")
        .stderr_has("dotenv");
    assert!(other.writes().is_empty());
    let r = other.run_stdin(&["kubiya", "sync", "-"], b"B='two\r\nlines'\n");
    r.code(2).stderr_has("CRLF").stderr_has("dotenv");
    assert!(other.writes().is_empty());
}

#[test]
fn json_object_and_array_and_toml() {
    let env = Env::new();
    let obj = env.write(
        "a.json",
        br##"{"J1": "v#1 \"q\"", "J2": "line1\nline2\n"}"##,
    );
    env.run(&["kubiya", "import", obj.to_str().unwrap()]).ok();
    let arr = env.write(
        "b.json",
        br#"[{"name": "J3", "value": "x", "description": "from array"}, {"name": "J4", "value": "y"}]"#,
    );
    env.run(&[
        "kubiya",
        "import",
        arr.to_str().unwrap(),
        "--description",
        "default d",
    ])
    .ok();
    let toml = env.write(
        "c.toml",
        format!("T1 = \"t#1\"\nT2 = '''\n{PEM}'''\n").as_bytes(),
    );
    env.run(&["kubiya", "import", toml.to_str().unwrap()]).ok();
    assert_eq!(
        kubiya_map(&env),
        pairs(&[
            ("J1", "v#1 \"q\""),
            ("J2", "line1\nline2\n"),
            ("J3", "x"),
            ("J4", "y"),
            ("T1", "t#1"),
            ("T2", PEM),
        ])
    );
    let descs: Vec<(String, String)> = env
        .kubiya_secrets()
        .into_iter()
        .filter(|s| s["name"] == "J3" || s["name"] == "J4")
        .map(|s| {
            (
                s["name"].as_str().unwrap().into(),
                s["description"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        descs,
        vec![
            ("J3".into(), "from array".into()),
            ("J4".into(), "default d".into())
        ]
    );
}

#[test]
fn format_flag_wins_and_content_is_sniffed_on_stdin() {
    let env = Env::new();
    // A .txt holding JSON, told by --format.
    let f = env.write("export.txt", br#"{"F1":"1"}"#);
    env.run(&["kubiya", "import", f.to_str().unwrap(), "--format", "json"])
        .ok();
    env.run_stdin(&["kubiya", "import", "-"], b"{\"S1\": \"from stdin\"}")
        .ok();
    env.run_stdin(&["kubiya", "import", "-"], b"S2 = \"toml on stdin\"\n")
        .ok();
    env.run_stdin(&["kubiya", "import", "-"], b"export S3=dotenv on stdin\n")
        .ok();
    assert_eq!(
        kubiya_map(&env),
        pairs(&[
            ("F1", "1"),
            ("S1", "from stdin"),
            ("S2", "toml on stdin"),
            ("S3", "dotenv on stdin")
        ])
    );
}

/// Every kind of problem: exit 2 naming the line, and not a single request sent.
#[test]
fn check_first_nothing_is_sent_on_any_problem() {
    let cases: &[(&str, &[u8], &str)] = &[
        (
            "dup.env",
            b"A=1\nB=2\nA=3\n",
            ":3: A is given twice (first on line 1)",
        ),
        (
            "empty.env",
            b"A=1\nEMPTY=\n",
            ":2: EMPTY has an empty value",
        ),
        ("syntax.env", b"A=1\nthis is not dotenv\n", ":2:"),
        ("quote.env", b"A=1\nB=\"never closed\nC=3\n", ":2:"),
        (
            "nonstring.json",
            b"{\n\"A\": \"1\",\n\"B\": 2\n}",
            ":3: the value of B is a number",
        ),
        (
            "emptyjson.json",
            b"{\"A\": \"\"}",
            ":1: A has an empty value",
        ),
        (
            "dup.json",
            b"{\"A\": \"1\",\n\"A\": \"2\"}",
            ":2: A is given twice",
        ),
        ("bad.json", b"{\"A\": \"1\",}", "invalid JSON"),
        ("table.toml", b"A = \"1\"\n[section]\nB = \"2\"\n", "table"),
        (
            "int.toml",
            b"A = \"1\"\nB = 2\n",
            ":2: the value of B is an integer",
        ),
        (
            "nonutf8.env",
            b"A=1\nB=\xff\xfe\n",
            ":2: B: the value is not valid UTF-8",
        ),
    ];
    for (file, content, expect) in cases {
        let env = Env::new();
        let f = env.write(file, content);
        let r = env.run(&["kubiya", "import", f.to_str().unwrap()]);
        r.code(2).stderr_has(expect).stderr_has("nothing was sent");
        assert!(
            env.emu.requests().is_empty(),
            "{file}: requests were sent: {:?}",
            env.emu.requests()
        );
    }
}

#[test]
fn oversize_value_is_refused_before_anything_is_sent() {
    let env = Env::new();
    let big = "x".repeat(1024 * 1024 + 1);
    let f = env.write(
        "big.json",
        format!("{{\"OK\":\"1\",\"BIG\":\"{big}\"}}").as_bytes(),
    );
    env.run(&["kubiya", "import", f.to_str().unwrap()])
        .code(2)
        .stderr_has("BIG");
    assert!(env.emu.requests().is_empty());
}

#[test]
fn several_problems_are_all_listed() {
    let env = Env::new();
    let f = env.write("x.env", b"A=\nB=1\nB=2\nC=\n");
    let r = env.run(&["kubiya", "import", f.to_str().unwrap()]);
    r.code(2)
        .stderr_has(":1: A has an empty value")
        .stderr_has(":3: B is given twice")
        .stderr_has(":4: C has an empty value");
    r.stderr_has("error: ")
        .stderr_has("(first of 3 problems); read as dotenv, from the file name; nothing was sent");
    assert!(env.emu.requests().is_empty());
}

/// With several problems the `error:` line names the first one's position (the others are
/// listed above it), and `-o json` lists every problem with its line; no value in any of it.
#[test]
fn several_problems_name_the_first_and_json_lists_them_all() {
    let env = Env::new();
    let f = env.write(
        "syn.env",
        b"GOOD=first-secret-value-1\nnot-a-line-secret-value-2\nOK=3\nalso-secret-value-3 here\n",
    );
    let f = f.to_str().unwrap();
    let r = env.run(&["kubiya", "import", f, "-o", "json"]);
    r.code(2)
        .no_leak("first-secret-value-1")
        .no_leak("not-a-line-secret-value-2")
        .no_leak("also-secret-value-3");
    let lines: Vec<&str> = r.stderr.lines().collect();
    let errors: Vec<&&str> = lines.iter().filter(|l| l.starts_with("error: ")).collect();
    assert_eq!(errors.len(), 1, "{}", r.stderr);
    assert!(
        errors[0].starts_with(&format!("error: {f}:2: expected '='"))
            && errors[0].ends_with(
                "(first of 2 problems); read as dotenv, from the file name; nothing was sent"
            ),
        "{}",
        errors[0]
    );
    // Each problem on its own line before the error line.
    let at = |s: &str| lines.iter().position(|l| l.starts_with(s));
    let (p2, p4, e) = (
        at(&format!("{f}:2: expected '='")),
        at(&format!("{f}:4: expected '='")),
        at("error: "),
    );
    assert!(p2.is_some() && p2 < p4 && p4 < e, "{}", r.stderr);
    let obj: Value = lines
        .iter()
        .find(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap())
        .expect("a JSON error object");
    assert_eq!(obj["error"]["code"], 2);
    let problems = obj["error"]["problems"].as_array().expect("problems");
    let got: Vec<(u64, &str)> = problems
        .iter()
        .map(|p| (p["line"].as_u64().unwrap(), p["message"].as_str().unwrap()))
        .collect();
    assert_eq!(got.len(), 2, "{obj}");
    assert_eq!((got[0].0, got[1].0), (2, 4), "{obj}");
    assert!(
        got.iter().all(|(_, m)| m.starts_with("expected '='")),
        "{obj}"
    );
    assert!(env.emu.requests().is_empty());

    // One problem: the same line as before, and a one-item list in the JSON object.
    let f = env.write(
        "dup.json",
        b"{\"A\": \"dup-secret-value-1\",\n\"A\": \"dup-secret-value-2\"}",
    );
    let r = env.run(&["kubiya", "import", f.to_str().unwrap(), "-o", "json"]);
    r.code(2)
        .one_error_line()
        .stderr_has("dup.json:2: A is given twice (first on line 1); read as json, from the file name; nothing was sent")
        .no_leak("dup-secret-value-1")
        .no_leak("dup-secret-value-2");
    let obj: Value = serde_json::from_str(r.stderr.lines().last().unwrap()).unwrap();
    assert_eq!(
        obj["error"]["problems"],
        json!([{"line": 2, "message": "A is given twice (first on line 1)"}])
    );

    // Other errors carry no problem list.
    let r = env.run(&["kubiya", "import", "/nonexistent/x.env", "-o", "json"]);
    r.code(2);
    let obj: Value = serde_json::from_str(r.stderr.lines().last().unwrap()).unwrap();
    assert!(obj["error"].get("problems").is_none(), "{obj}");
}

#[test]
fn base64_allows_binary_dotenv_values() {
    let env = Env::new();
    let f = env.write("bin.env", b"BIN=\xff\x00\x01\n");
    env.run(&["kubiya", "import", f.to_str().unwrap(), "--base64"])
        .ok();
    assert_eq!(env.kubiya_value("BIN").as_deref(), Some("/wAB"));
}

#[test]
fn conflicts_fail_skip_update_on_kubiya() {
    let env = Env::new();
    env.emu.seed_kubiya("EXISTS", "old", "keep me");
    let f = env.write("c.env", b"EXISTS=new\nFRESH=f\n");
    let path = f.to_str().unwrap();

    let r = env.run(&["kubiya", "import", path]);
    r.code(1);
    assert!(r.stdout.contains("EXISTS\tfailed\texists"), "{}", r.stdout);
    assert!(r.stdout.contains("FRESH\tcreated"), "{}", r.stdout);
    assert_eq!(env.kubiya_value("EXISTS").as_deref(), Some("old"));
    assert_eq!(env.kubiya_value("FRESH").as_deref(), Some("f"));

    let r = env.run(&["kubiya", "import", path, "--on-conflict", "skip"]);
    r.ok();
    assert_eq!(r.stdout, "EXISTS\tskipped\nFRESH\tskipped\n");
    assert_eq!(env.kubiya_value("EXISTS").as_deref(), Some("old"));

    env.emu.clear_requests();
    let r = env.run(&["kubiya", "import", path, "--on-conflict", "update"]);
    r.ok();
    assert_eq!(r.stdout, "EXISTS\tupdated\nFRESH\tupdated\n");
    assert_eq!(env.kubiya_value("EXISTS").as_deref(), Some("new"));
    // One list up front, then one PUT per item; no POST.
    assert_eq!(env.requests(Some("GET"), "/secrets").len(), 1);
    assert_eq!(env.requests(Some("PUT"), "/secrets/").len(), 2);
    assert!(env.requests(Some("POST"), "/secrets").is_empty());
    let kept = env
        .kubiya_secrets()
        .into_iter()
        .find(|s| s["name"] == "EXISTS")
        .unwrap();
    assert_eq!(
        kept["description"], "keep me",
        "an update without a description keeps it"
    );
}

#[test]
fn chatbotkit_update_by_id_and_shared_names_fail() {
    let env = Env::new();
    let id = env
        .emu
        .seed_chatbotkit(json!({"name": "ONE", "kind": "shared", "value": "old"}));
    env.emu
        .seed_chatbotkit(json!({"name": "TWICE", "kind": "shared", "value": "a"}));
    env.emu
        .seed_chatbotkit(json!({"name": "TWICE", "kind": "shared", "value": "b"}));
    let f = env.write("c.json", br#"{"ONE":"new","TWICE":"x","NEW":"n"}"#);
    let r = env.run(&[
        "chatbotkit",
        "import",
        f.to_str().unwrap(),
        "--on-conflict",
        "update",
    ]);
    r.code(1);
    assert!(r.stdout.contains("ONE\tupdated"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("TWICE\tfailed\t2 ChatBotKit secrets have this name"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("NEW\tcreated"), "{}", r.stdout);
    assert_eq!(env.cbk_by_name("ONE")[0]["value"], "new");
    assert_eq!(
        env.requests(Some("POST"), &format!("/secret/{id}/update"))
            .len(),
        1
    );
    let twice: Vec<Value> = env.cbk_by_name("TWICE");
    assert_eq!(
        twice.iter().map(|s| s["value"].clone()).collect::<Vec<_>>(),
        vec![json!("a"), json!("b")]
    );
    let created = env.cbk_by_name("NEW");
    assert_eq!(created[0]["value"], "n");
    assert_eq!(created[0]["kind"], "shared");
}

/// ChatBotKit drops a value sent to a secret that is not shared: such an item fails in the
/// plan (before anything is written, dry run included) and the others go on; an update of
/// a shared secret uses the listed record, with no look-up of its own.
#[test]
fn chatbotkit_update_of_a_secret_that_is_not_shared_fails_in_the_plan() {
    let env = Env::new();
    let shared = env
        .emu
        .seed_chatbotkit(json!({"name": "SHARED", "kind": "shared", "value": "old"}));
    let nokind = env.emu.seed_chatbotkit(json!({"name": "NOKIND"}));
    let personal = env
        .emu
        .seed_chatbotkit(json!({"name": "MINE", "kind": "personal"}));
    let f = env.write(
        "c.json",
        br#"{"SHARED":"import-new-Pq4d","NOKIND":"import-lost-Pq4d","MINE":"import-mine-Pq4d"}"#,
    );
    let args = [
        "chatbotkit",
        "import",
        f.to_str().unwrap(),
        "--on-conflict",
        "update",
    ];
    let mut dry = args.to_vec();
    dry.push("--dry-run");
    let r = env.run(&dry);
    r.code(1);
    assert!(
        r.stdout
            .contains("NOKIND\tfail\tnot updated: it has no kind"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("SHARED\tupdate"), "{}", r.stdout);
    assert!(env.writes().is_empty());

    env.emu.clear_requests();
    let r = env.run(&args);
    r.code(1)
        .no_leak("import-lost-Pq4d")
        .no_leak("import-mine-Pq4d");
    assert!(r.stdout.contains("SHARED\tupdated"), "{}", r.stdout);
    assert!(
        r.stdout.contains(&format!(
            "NOKIND\tfailed\tnot updated: it has no kind, and ChatBotKit keeps a value only for a shared secret (make it shared first: secretctl chatbotkit update {nokind} --kind shared --keep-value)"
        )),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("MINE\tfailed\tnot updated: personal secrets cannot have a value"),
        "{}",
        r.stdout
    );
    let writes = env.writes();
    assert_eq!(writes.len(), 1, "{writes:?}");
    assert_eq!(writes[0].path, format!("/api/v1/secret/{shared}/update"));
    assert!(env.requests(Some("GET"), "/fetch").is_empty());
    assert_eq!(env.cbk_by_name("SHARED")[0]["value"], "import-new-Pq4d");
    assert_eq!(env.cbk_by_name("NOKIND")[0]["value"], Value::Null);
    assert_eq!(env.cbk_by_name("MINE")[0]["id"], personal.as_str());
}

#[test]
fn dry_run_prints_the_plan_and_writes_nothing() {
    let env = Env::new();
    env.emu.seed_kubiya("EXISTS", "old", "");
    let f = env.write("d.env", b"EXISTS=new\nFRESH=f\n");
    let path = f.to_str().unwrap();
    let r = env.run(&["kubiya", "import", path, "--dry-run"]);
    r.code(1).stderr_has("nothing was written");
    assert_eq!(
        r.stdout,
        "EXISTS\tfail\texists (use --on-conflict skip or update)\nFRESH\tcreate\n"
    );
    let r = env.run(&[
        "kubiya",
        "import",
        path,
        "--dry-run",
        "--on-conflict",
        "update",
        "-o",
        "json",
    ]);
    r.ok();
    assert_eq!(
        r.json(),
        json!([{"name":"EXISTS","action":"update"},{"name":"FRESH","action":"create"}])
    );
    assert!(env.writes().is_empty(), "dry run wrote: {:?}", env.writes());
    assert_eq!(env.kubiya_value("EXISTS").as_deref(), Some("old"));
}

/// Injected failures fail some items; the others land; the report says exactly which; a
/// re-run with --on-conflict skip completes the rest, each secret once.
#[test]
fn failures_do_not_stop_the_others_and_a_rerun_completes() {
    let env = Env::new();
    let mut text = String::new();
    for i in 0..12 {
        text.push_str(&format!("K{i:02}=value-{i}\n"));
    }
    let f = env.write("many.env", text.as_bytes());
    // 500 is not retried for a create: three creates fail for good.
    env.fault(Fault {
        method: Some("POST".into()),
        path_contains: Some("/secrets".into()),
        status: Some(500),
        count: 3,
        ..Default::default()
    });
    let r = env.run(&[
        "kubiya",
        "import",
        f.to_str().unwrap(),
        "--concurrency",
        "4",
    ]);
    r.code(1).stderr_has("9 created, 3 failed");
    let failed: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.contains("\tfailed\t"))
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(failed.len(), 3);
    let stored = kubiya_map(&env);
    assert_eq!(stored.len(), 9);
    for name in &failed {
        assert!(
            !stored.iter().any(|(n, _)| n == name),
            "{name} reported failed but stored"
        );
    }
    let r = env.run(&[
        "kubiya",
        "import",
        f.to_str().unwrap(),
        "--on-conflict",
        "skip",
    ]);
    r.ok().stderr_has("3 created, 9 skipped");
    let stored = kubiya_map(&env);
    assert_eq!(stored.len(), 12);
    for (i, (n, v)) in stored.iter().enumerate() {
        assert_eq!(
            (n.as_str(), v.as_str()),
            (format!("K{i:02}").as_str(), format!("value-{i}").as_str())
        );
    }
    assert_eq!(
        env.requests(Some("POST"), "/secrets").len(),
        15,
        "12 creates + the 3 that failed, never a duplicate"
    );
}

#[test]
fn retried_creates_never_duplicate_on_chatbotkit() {
    let env = Env::new();
    // 429 is retried (cannot have been processed); a 502 after processing is not.
    env.fault(Fault {
        method: Some("POST".into()),
        path_contains: Some("/secret/create".into()),
        status: Some(429),
        retry_after: Some("0".into()),
        count: 2,
        ..Default::default()
    });
    let f = env.write("r.json", br#"{"A":"1","B":"2","C":"3"}"#);
    env.run(&[
        "chatbotkit",
        "import",
        f.to_str().unwrap(),
        "--concurrency",
        "1",
    ])
    .ok();
    assert_eq!(env.cbk_secrets().len(), 3);
    env.fault(Fault {
        method: Some("POST".into()),
        path_contains: Some("/secret/create".into()),
        status: Some(502),
        after: true,
        count: 1,
        ..Default::default()
    });
    let f = env.write("s.json", br#"{"D":"4"}"#);
    // The answer was a 502 after the server created it: not retried, and the report says
    // what the server holds (one list call checks it).
    env.run(&["chatbotkit", "import", f.to_str().unwrap()])
        .ok()
        .stdout_has("D\tcreated");
    assert_eq!(env.cbk_by_name("D").len(), 1, "processed once, not retried");
}

#[test]
fn json_report_and_values_never_shown() {
    let env = Env::new();
    let f = env.write("j.env", b"A=topsecret-a\nB=topsecret-b\n");
    let r = env.run(&[
        "chatbotkit",
        "-v",
        "import",
        f.to_str().unwrap(),
        "-o",
        "json",
    ]);
    r.ok().no_leak("topsecret-a").no_leak("topsecret-b");
    let v = r.json();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[0]["action"], "created");
    assert!(v[0]["id"].as_str().unwrap().starts_with("sec"));
}

#[test]
fn interrupt_stops_launching_and_reports() {
    let env = Env::new();
    env.emu.set_latency(150);
    let mut text = String::new();
    for i in 0..40 {
        text.push_str(&format!("I{i:02}=v{i}\n"));
    }
    let f = env.write("slow.env", text.as_bytes());
    let mut c = env.command();
    c.args([
        "kubiya",
        "import",
        f.to_str().unwrap(),
        "--concurrency",
        "1",
    ]);
    c.stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let child = c.spawn().unwrap();
    // Interrupt once a few creates have landed (not after a fixed time: CI may be slow).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while env.kubiya_secrets().len() < 3 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // SAFETY: signalling our own child.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The report is printed, then the process ends by SIGINT, so a calling shell stops too.
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(out.status.signal(), Some(libc::SIGINT), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    let created = stdout.lines().filter(|l| l.ends_with("\tcreated")).count();
    let not = stdout
        .lines()
        .filter(|l| l.contains("\tnot attempted\t"))
        .count();
    assert!(created > 0 && not > 0, "{stdout}");
    assert_eq!(created + not, 40, "{stdout}");
    assert_eq!(
        env.kubiya_secrets().len(),
        created,
        "the report matches what was stored"
    );
}

/// A UTF-8 byte-order mark (Windows editors write one) is not part of the first name, in any
/// format, whether the format comes from the extension, `--format` or the content.
#[test]
fn a_leading_byte_order_mark_is_ignored() {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let cases: &[(&str, &[u8])] = &[
        ("bom.env", b"FIRST=bom-env-value-1\nSECOND=two\n"),
        (
            "bom.json",
            b"{\"FIRST\": \"bom-env-value-1\", \"SECOND\": \"two\"}",
        ),
        (
            "bom.toml",
            b"FIRST = \"bom-env-value-1\"\nSECOND = \"two\"\n",
        ),
    ];
    for (file, body) in cases {
        let with_bom = [BOM, body].concat();
        let env = Env::new();
        let f = env.write(file, &with_bom);
        env.run(&["kubiya", "import", f.to_str().unwrap()])
            .ok()
            .no_leak("bom-env-value-1");
        assert_eq!(
            kubiya_map(&env),
            pairs(&[("FIRST", "bom-env-value-1"), ("SECOND", "two")]),
            "{file}"
        );
        // Sniffed from the content on stdin.
        let env = Env::new();
        env.run_stdin(&["kubiya", "import", "-"], &with_bom).ok();
        assert_eq!(
            kubiya_map(&env),
            pairs(&[("FIRST", "bom-env-value-1"), ("SECOND", "two")]),
            "{file} on stdin"
        );
    }
    // Only one mark is dropped: a second one belongs to the text, and is refused as such.
    let env = Env::new();
    let f = env.write("two.env", &[BOM, BOM, b"A=1\n"].concat());
    env.run(&["kubiya", "import", f.to_str().unwrap()])
        .code(2)
        .stderr_has("two.env:1:");
    assert!(env.emu.requests().is_empty());
}

/// Issue 25 review: a hint about the format says how it was chosen — the file name, the
/// content, or --format — and never says "guessed" when nothing was.
#[test]
fn format_hints_say_how_the_format_was_chosen() {
    let env = Env::new();
    let bad = env.write("bad.env", b"not a dotenv line\n");
    let r = env.run(&["kubiya", "import", bad.to_str().unwrap()]);
    r.code(2)
        .stderr_has("hint: it was read as dotenv from the file name; pass --format");
    let empty = env.write("empty.toml", b"");
    for verb in ["import", "sync"] {
        let r = env.run(&["kubiya", verb, empty.to_str().unwrap()]);
        r.code(2)
            .stderr_has("hint: it was read as toml from the file name");
        assert!(!r.stderr.contains("guessed"), "{}", r.stderr);
    }
    let r = env.run(&[
        "kubiya",
        "import",
        empty.to_str().unwrap(),
        "--format",
        "toml",
    ]);
    r.code(2).stderr_has("because --format says so");
    assert!(!r.stderr.contains("guessed"), "{}", r.stderr);
    let r = env.run_stdin(&["kubiya", "import", "-"], b"# only a comment\n");
    r.code(2).stderr_has("guessed from the content");
    assert!(env.writes().is_empty());
}
