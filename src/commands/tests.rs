//! The verbs' branches against the in-memory provider: confirmation, missing secrets, the
//! update prompt, import's conflict plan — no binary, emulator or pty.

use std::time::Duration;

use crate::cli::{GlobalArgs, ImportArgs, OnConflict, OutputFormat};
use crate::context::Ctx;
use crate::error::Error;
use crate::input::ValueArgs;
use crate::output::{Output, OutputChoice};
use crate::pace::Pace;
use crate::prompt::FakePrompter;
use crate::provider::fake::Fake;
use crate::streams::test::{Buf, streams};

use super::update::UpdateArgs;

/// Run `f` with a context: stdin bytes, whether stdin/stderr are a terminal, the prompter's
/// answers, JSON output or not. Returns its result, stdout and stderr.
fn with_ctx<T>(
    stdin: &[u8],
    tty: bool,
    answers: &[&str],
    json: bool,
    f: impl FnOnce(&mut Ctx) -> T,
) -> (T, String, String) {
    let global = GlobalArgs {
        output: json.then_some(OutputFormat::Json),
        ..Default::default()
    };
    let (mut s, out, err): (_, Buf, Buf) =
        streams(stdin, tty, Box::new(FakePrompter::new(answers)));
    let out_settings = Output::new(OutputChoice::from(&global), false, tty, true);
    let mut ctx = Ctx::resolve(&global, None, &|_| None, &mut s, out_settings);
    let r = f(&mut ctx);
    (r, out.text(), err.text())
}

fn no_value() -> ValueArgs {
    ValueArgs::default()
}

#[test]
fn delete_asks_and_no_keeps_the_secret() {
    let p = Fake::with(&[("X", "value-x")]);
    let (r, _, _) = with_ctx(b"", true, &["n"], false, |ctx| {
        super::delete::delete(ctx, &p, "X", false, false, false)
    });
    assert!(matches!(r, Err(Error::Other(_))), "declined is exit 1");
    assert_eq!(p.calls(), ["get X", "references"]);
    assert_eq!(p.value("X").as_deref(), Some("value-x"));
}

#[test]
fn delete_asks_and_yes_deletes_what_it_showed() {
    let p = Fake::with(&[("X", "value-x")]);
    let (r, out, _) = with_ctx(b"", true, &["y"], false, |ctx| {
        super::delete::delete(ctx, &p, "X", false, false, false)
    });
    assert_eq!(r.ok(), Some(0));
    assert_eq!(p.calls(), ["get X", "references", "delete X"]);
    assert_eq!(p.value("X"), None);
    assert_eq!(out, "X\n");
}

#[test]
fn delete_off_a_terminal_without_yes_sends_nothing() {
    let p = Fake::with(&[("X", "value-x")]);
    let (r, _, _) = with_ctx(b"", false, &[], false, |ctx| {
        super::delete::delete(ctx, &p, "X", false, false, false)
    });
    assert!(matches!(r, Err(Error::Usage(_))));
    assert!(p.calls().is_empty());
}

#[test]
fn delete_of_a_missing_secret_is_not_found_or_with_ignore_missing_a_json_object() {
    let p = Fake::default();
    let (r, _, _) = with_ctx(b"", false, &[], false, |ctx| {
        super::delete::delete(ctx, &p, "GONE", true, false, false)
    });
    assert!(matches!(r, Err(Error::NotFound(_))));
    let (r, out, _) = with_ctx(b"", false, &[], true, |ctx| {
        super::delete::delete(ctx, &p, "GONE", true, true, false)
    });
    assert_eq!(r.ok(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&out).expect("a JSON object");
    assert_eq!(v["action"], "missing");
    assert_eq!(v["name"], "GONE");
}

fn update_args<'a>(target: &'a str, value: &'a ValueArgs) -> UpdateArgs<'a> {
    UpdateArgs {
        target,
        new_name: None,
        description: None,
        value,
        keep_value: false,
        fields: Default::default(),
        merge: Default::default(),
        secrets: Vec::new(),
    }
}

#[test]
fn update_on_a_terminal_looks_up_before_asking() {
    let p = Fake::default();
    let v = no_value();
    let (r, _, _) = with_ctx(b"", true, &["never-typed"], false, |ctx| {
        super::update::update(ctx, &p, update_args("NOPE", &v))
    });
    assert!(matches!(r, Err(Error::NotFound(_))));
    assert_eq!(p.calls(), ["get NOPE"], "asked nothing, sent nothing else");
}

#[test]
fn update_prompt_empty_answer_keeps_the_value_and_a_typed_one_is_stored() {
    let p = Fake::with(&[("U", "original")]);
    let v = no_value();
    let (r, out, _) = with_ctx(b"", true, &[""], true, |ctx| {
        super::update::update(ctx, &p, update_args("U", &v))
    });
    assert_eq!(r.ok(), Some(0));
    assert!(out.contains("\"unchanged\""), "{out}");
    assert!(!p.calls().iter().any(|c| c.starts_with("update")));
    assert_eq!(p.value("U").as_deref(), Some("original"));

    let (r, _, _) = with_ctx(b"", true, &["new-value", "new-value"], false, |ctx| {
        super::update::update(ctx, &p, update_args("U", &v))
    });
    assert_eq!(r.ok(), Some(0));
    assert_eq!(p.value("U").as_deref(), Some("new-value"));
}

#[test]
fn a_write_on_a_terminal_says_what_it_did_and_prints_the_action() {
    let p = Fake::with(&[("U", "original")]);
    let v = no_value();
    let (r, out, err) = with_ctx(b"", true, &["new-value", "new-value"], false, |ctx| {
        super::update::update(ctx, &p, update_args("U", &v))
    });
    assert_eq!(r.ok(), Some(0));
    assert!(
        err.contains("Updated Kubiya secret 'U' (new value)"),
        "{err}"
    );
    assert_eq!(out, "U\n", "the key, for scripts");
    let (r, out, err) = with_ctx(b"", true, &["y"], true, |ctx| {
        super::delete::delete(ctx, &p, "U", false, false, false)
    });
    assert_eq!(r.ok(), Some(0));
    assert!(err.contains("Deleted Kubiya secret 'U'"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v, serde_json::json!({"action": "deleted", "name": "U"}));
}

#[test]
fn update_from_empty_piped_stdin_is_a_usage_error() {
    let p = Fake::with(&[("U", "original")]);
    let v = no_value();
    let (r, _, _) = with_ctx(b"", false, &[], false, |ctx| {
        super::update::update(ctx, &p, update_args("U", &v))
    });
    assert!(matches!(r, Err(Error::Usage(_))));
    assert!(p.calls().is_empty());
}

#[test]
fn import_plans_conflicts_from_one_list_and_skips_what_exists() {
    let p = Fake::with(&[("A", "old-a")]);
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("in.env");
    std::fs::write(&file, "A=new-a\nB=new-b\n").expect("write");
    let args = |on_conflict| ImportArgs {
        file: file.clone(),
        format: None,
        on_conflict,
        dry_run: false,
        concurrency: 2,
        description: None,
        base64: false,
        config_file: Default::default(),
    };
    let pace = Pace::new(2, Duration::from_secs(5));
    let (r, out, _) = with_ctx(b"", false, &[], false, |ctx| {
        crate::import::run(ctx, &p, &args(OnConflict::Fail), &pace)
    });
    assert_eq!(r.ok(), Some(1), "A exists: failed");
    assert!(out.contains("A\tfailed\t"), "{out}");
    assert!(out.contains("B\tcreated"), "{out}");
    assert_eq!(p.calls(), ["list", "create B"]);
    assert_eq!(p.value("A").as_deref(), Some("old-a"));

    let (r, _, _) = with_ctx(b"", false, &[], false, |ctx| {
        crate::import::run(
            ctx,
            &p,
            &args(OnConflict::Update),
            &Pace::new(2, Duration::from_secs(5)),
        )
    });
    assert_eq!(r.ok(), Some(0));
    assert_eq!(p.value("A").as_deref(), Some("new-a"));
}

#[test]
fn reveal_is_refused_before_connecting_only_where_values_are_write_only() {
    use crate::provider::ProviderKind;
    let e = super::get::check(ProviderKind::Chatbotkit, true).unwrap_err();
    assert_eq!(e.code(), 2);
    assert!(e.msg().text.contains("write-only"), "{}", e.msg().text);
    assert!(super::get::check(ProviderKind::Chatbotkit, false).is_ok());
    assert!(super::get::check(ProviderKind::Kubiya, true).is_ok());
}

#[test]
fn the_innermost_config_file_wins_and_a_secret_config_entry_is_not_one() {
    use clap::Parser;
    let file = |args: &[&str]| {
        let cli = crate::cli::Cli::try_parse_from(args).unwrap();
        super::config_file(&cli.config_file, &cli.command).map(|p| p.to_string_lossy().into_owned())
    };
    let top = ["secretctl", "--config", "/top.toml"];
    assert_eq!(
        file(&[&top[..], &["kubiya", "list"]].concat()).as_deref(),
        Some("/top.toml")
    );
    assert_eq!(
        file(&[&top[..], &["kubiya", "--config", "/p.toml", "list"]].concat()).as_deref(),
        Some("/p.toml")
    );
    assert_eq!(
        file(
            &[
                &top[..],
                &[
                    "kubiya", "--config", "/p.toml", "list", "--config", "/l.toml"
                ]
            ]
            .concat()
        )
        .as_deref(),
        Some("/l.toml")
    );
    // After `chatbotkit create`, --config is the secret's KEY=VALUE, not a file.
    assert_eq!(
        file(
            &[
                &top[..],
                &["cbk", "create", "N", "--no-value", "--config", "k=@/f"]
            ]
            .concat()
        )
        .as_deref(),
        Some("/top.toml")
    );
    assert_eq!(file(&["secretctl", "completions", "bash"]), None);
}

/// Failures injected into the fake provider: what is reported, and what the provider holds.
mod faults {
    use zeroize::Zeroizing;

    use super::*;
    use crate::error::Effect;
    use crate::import::engine::{self, Action, Entry, Plan, Ready};
    use crate::provider::fake::Op;
    use crate::secret::SecretValue;

    fn ready(name: &str) -> Ready {
        Ready {
            name: name.to_string(),
            value: SecretValue::new(Zeroizing::new(format!("value-{name}"))),
            description: None,
        }
    }

    #[test]
    fn an_unsure_create_is_reported_by_what_the_provider_holds() {
        let p = Fake::default();
        // A: stored, then answered 502. B: answered 502 without storing anything.
        p.fail_after_write(Op::Create, 1, || Fake::unsure(502));
        p.fail(Op::Create, 1, || Fake::unsure(502));
        let items = [ready("A"), ready("B")];
        let entries: Vec<Entry> = items
            .iter()
            .map(|r| Entry {
                name: r.name.clone(),
                item: Some(r),
                plan: Plan::Create,
                description: None,
            })
            .collect();
        let pace = Pace::new(1, Duration::from_secs(5));
        // One worker: A's create is sent first and meets the first failure.
        let (sent, _, _) = with_ctx(b"", false, &[], false, |ctx| {
            engine::apply(ctx, &p, &entries, &[0, 1], 1, &pace)
        });
        let mut outcomes: Vec<engine::Outcome> = sent
            .into_iter()
            .map(|o| o.expect("both were sent"))
            .collect();
        assert!(
            outcomes
                .iter()
                .all(|o| o.action == Action::Failed && o.unsure),
            "a 502 leaves both unsure before the check: {outcomes:?}"
        );

        engine::confirm_unsure(&p, &entries, &mut outcomes, &pace);
        assert_eq!(outcomes[0].action, Action::Created, "{:?}", outcomes[0]);
        assert_eq!(outcomes[0].key.as_deref(), Some("A"));
        assert!(outcomes[0].checked && outcomes[0].error.is_none());
        assert_eq!(outcomes[1].action, Action::Failed, "{:?}", outcomes[1]);
        assert!(!outcomes[1].checked && outcomes[1].error.is_some());
        assert!(outcomes.iter().all(|o| !o.unsure), "every item was checked");
        // One list call checks both; nothing is written again.
        assert_eq!(p.calls(), ["create A", "create B", "list"]);
        assert_eq!(p.names(), ["A"]);
        assert_eq!(p.value("A").as_deref(), Some("value-A"));
    }

    #[test]
    fn delete_with_ignore_missing_of_a_secret_that_vanished_after_the_look_up_succeeds() {
        let p = Fake::with(&[("X", "value-x"), ("Y", "value-y")]);
        // X is shown, then deleted by someone else as our delete goes out: the store loses
        // it and the answer is the API's 404.
        p.fail_after_write(Op::Delete, 1, || Fake::missing("X"));
        let (r, out, _) = with_ctx(b"", true, &["y"], true, |ctx| {
            super::super::delete::delete(ctx, &p, "X", false, true, false)
        });
        assert_eq!(r.ok(), Some(0));
        let v: serde_json::Value = serde_json::from_str(&out).expect("a JSON object");
        assert_eq!(v["action"], "missing");
        assert_eq!(v["name"], "X");
        assert_eq!(p.calls(), ["get X", "references", "delete X"]);
        assert_eq!(p.names(), ["Y"], "only X is gone");

        // Without --ignore-missing the same vanishing is exit 3.
        p.fail_after_write(Op::Delete, 1, || Fake::missing("Y"));
        let (r, _, _) = with_ctx(b"", false, &[], false, |ctx| {
            super::super::delete::delete(ctx, &p, "Y", true, false, false)
        });
        assert!(matches!(r, Err(Error::NotFound(_))), "{r:?}");
        assert_eq!(
            p.calls(),
            [
                "get X",
                "references",
                "delete X",
                "get Y",
                "references",
                "delete Y"
            ]
        );
        assert!(p.names().is_empty());
    }

    #[test]
    fn an_update_whose_write_fails_leaves_the_stored_value() {
        let p = Fake::with(&[("U", "original")]);
        p.fail(Op::Update, 1, || Fake::unsure(503));
        let v = no_value();
        let (r, out, _) = with_ctx(b"new-value\n", false, &[], false, |ctx| {
            super::super::update::update(ctx, &p, update_args("U", &v))
        });
        let e = r.expect_err("the write failed");
        assert_eq!(e.code(), 6, "{e}");
        assert_eq!(e.effect(), Effect::Unsure);
        assert!(out.is_empty(), "nothing reported as updated: {out}");
        assert_eq!(p.calls(), ["update U"]);
        assert_eq!(p.value("U").as_deref(), Some("original"));

        // The failure was the only thing in the way: the same update goes through now.
        let (r, out, _) = with_ctx(b"new-value\n", false, &[], false, |ctx| {
            super::super::update::update(ctx, &p, update_args("U", &v))
        });
        assert_eq!(r.ok(), Some(0));
        assert_eq!(out, "U\n");
        assert_eq!(p.calls(), ["update U", "update U"]);
        assert_eq!(p.value("U").as_deref(), Some("new-value"));
    }
}

/// "Used by": what the verbs do with the references the provider reads (the rules of the
/// join itself are `provider::references`'s tests).
mod used_by {
    use std::sync::Arc;

    use super::*;
    use crate::cli::SyncArgs;
    use crate::provider::fake::Op;

    fn in_use() -> Fake {
        let p = Fake::with(&[("X", "value-x"), ("FREE", "value-f")]);
        p.used("X", "deployer");
        p
    }

    #[test]
    fn delete_with_yes_refuses_a_secret_in_use_and_sends_no_delete() {
        let p = in_use();
        let (r, out, _) = with_ctx(b"", false, &[], false, |ctx| {
            super::super::delete::delete(ctx, &p, "X", true, false, false)
        });
        let e = r.expect_err("refused");
        assert_eq!(e.code(), 5, "{e}");
        assert_eq!(
            e.msg().text,
            "Kubiya secret 'X' is in use by agent 'deployer'; nothing was deleted"
        );
        assert!(e.msg().hint.as_deref().unwrap_or("").contains("--force"));
        assert!(out.is_empty());
        assert_eq!(p.calls(), ["get X", "references"]);
        assert_eq!(p.value("X").as_deref(), Some("value-x"));
    }

    #[test]
    fn delete_with_force_reads_no_references_and_deletes() {
        let p = in_use();
        let (r, out, _) = with_ctx(b"", false, &[], false, |ctx| {
            super::super::delete::delete(ctx, &p, "X", true, false, true)
        });
        assert_eq!(r.ok(), Some(0));
        assert_eq!(out, "X\n");
        assert_eq!(p.calls(), ["delete X"], "one request, as before");
        assert_eq!(p.value("X"), None);
    }

    #[test]
    fn delete_of_a_secret_nothing_uses_goes_ahead_with_yes() {
        let p = in_use();
        let (r, _, _) = with_ctx(b"", false, &[], false, |ctx| {
            super::super::delete::delete(ctx, &p, "FREE", true, false, false)
        });
        assert_eq!(r.ok(), Some(0));
        assert_eq!(p.calls(), ["get FREE", "references", "delete FREE"]);
        assert_eq!(p.names(), ["X"]);
    }

    #[test]
    fn delete_stops_when_the_references_cannot_be_read_unless_forced() {
        let p = in_use();
        p.fail(Op::References, 1, || {
            crate::error::network("HTTP Error (503)")
        });
        let (r, _, _) = with_ctx(b"", false, &[], false, |ctx| {
            super::super::delete::delete(ctx, &p, "FREE", true, false, false)
        });
        let e = r.expect_err("stopped");
        assert_eq!(e.code(), 6, "{e}");
        assert_eq!(
            e.msg().text,
            "cannot tell what uses Kubiya secrets: HTTP Error (503)"
        );
        assert!(p.calls().iter().all(|c| !c.starts_with("delete")));
        assert_eq!(p.names(), ["X", "FREE"]);
    }

    #[test]
    fn delete_at_the_terminal_of_a_secret_in_use_deletes_on_yes() {
        let p = in_use();
        let (r, _, _) = with_ctx(b"", true, &["y"], false, |ctx| {
            super::super::delete::delete(ctx, &p, "X", false, false, false)
        });
        assert_eq!(r.ok(), Some(0));
        assert_eq!(p.calls(), ["get X", "references", "delete X"]);
        let (r, _, _) = with_ctx(b"", true, &["n"], false, |ctx| {
            super::super::delete::delete(ctx, &p, "FREE", false, false, false)
        });
        assert!(matches!(r, Err(Error::Other(_))), "no is exit 1");
        assert_eq!(p.names(), ["FREE"]);
    }

    #[test]
    fn get_shows_what_uses_it_in_every_format_and_an_unknown_as_such() {
        let p = in_use();
        let (r, out, _) = with_ctx(b"", false, &[], true, |ctx| {
            super::super::get::get(ctx, &p, "X", false)
        });
        assert_eq!(r.ok(), Some(0));
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            v["used_by"],
            serde_json::json!([{"kind": "agent", "name": "deployer"}])
        );
        let (_, out, _) = with_ctx(b"", false, &[], true, |ctx| {
            super::super::get::get(ctx, &p, "FREE", false)
        });
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["used_by"], serde_json::json!([]));

        let (_, out, _) = with_ctx(b"", false, &[], false, |ctx| {
            super::super::get::get(ctx, &p, "X", false)
        });
        assert_eq!(out, "X\t\tagent 'deployer'\n", "plain: one more field");

        p.fail(Op::References, 1, || {
            crate::error::network("HTTP Error (503)")
        });
        let (r, out, _) = with_ctx(b"", false, &[], true, |ctx| {
            super::super::get::get(ctx, &p, "X", false)
        });
        assert_eq!(r.ok(), Some(0), "an unknown is not the command's failure");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["used_by"], serde_json::Value::Null);
        assert_eq!(
            v["used_by_error"],
            "cannot tell what uses Kubiya secrets: HTTP Error (503)"
        );
    }

    #[test]
    fn list_unused_prints_only_what_nothing_uses_and_fails_when_it_cannot_tell() {
        let p = in_use();
        let filter = crate::provider::ListFilter::default();
        let (r, out, _) = with_ctx(b"", false, &[], false, |ctx| {
            super::super::list::list(ctx, &p, &filter, &[], true)
        });
        assert_eq!(r.ok(), Some(0));
        assert_eq!(out, "FREE\t\n");
        p.fail(Op::References, 1, || {
            crate::error::network("HTTP Error (503)")
        });
        let (r, out, _) = with_ctx(b"", false, &[], false, |ctx| {
            super::super::list::list(ctx, &p, &filter, &[], true)
        });
        assert_eq!(r.expect_err("cannot tell").code(), 6);
        assert!(out.is_empty(), "nothing shown as unused: {out}");
    }

    fn sync_args(file: std::path::PathBuf, force: bool) -> SyncArgs {
        SyncArgs {
            file,
            format: None,
            prefix: None,
            prune: true,
            yes: true,
            force,
            dry_run: false,
            concurrency: 2,
            description: None,
            base64: false,
            config_file: Default::default(),
        }
    }

    #[test]
    fn sync_prune_fails_a_secret_in_use_and_deletes_the_rest() {
        let p = Fake::with(&[("KEEP", "k-value"), ("X", "value-x"), ("OLD", "value-o")]);
        p.used("X", "deployer");
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("in.env");
        std::fs::write(&file, "KEEP=k-value\n").expect("write");
        let pace = Arc::new(Pace::new(2, Duration::from_secs(5)));
        let (r, out, _) = with_ctx(b"", false, &[], false, |ctx| {
            crate::import::sync::run(ctx, &p, &sync_args(file.clone(), false), &pace)
        });
        assert_eq!(r.ok(), Some(1), "a failed item: {out}");
        assert!(
            out.contains("X\tfailed\tnot deleted: in use by agent 'deployer' (--force deletes it)"),
            "{out}"
        );
        assert!(out.contains("OLD\tdeleted"), "{out}");
        assert_eq!(p.names(), ["KEEP", "X"]);
        assert!(!p.calls().contains(&"delete X".to_string()));

        let (r, _, _) = with_ctx(b"", false, &[], false, |ctx| {
            crate::import::sync::run(ctx, &p, &sync_args(file.clone(), true), &pace)
        });
        assert_eq!(r.ok(), Some(0));
        assert_eq!(p.names(), ["KEEP"]);
    }

    #[test]
    fn sync_prune_writes_nothing_when_the_references_cannot_be_read() {
        let p = Fake::with(&[("X", "value-x")]);
        p.fail(Op::References, 1, || {
            crate::error::network("HTTP Error (503)")
        });
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("in.env");
        std::fs::write(&file, "NEW=n-value\n").expect("write");
        let pace = Arc::new(Pace::new(2, Duration::from_secs(5)));
        let (r, _, _) = with_ctx(b"", false, &[], false, |ctx| {
            crate::import::sync::run(ctx, &p, &sync_args(file, false), &pace)
        });
        let e = r.expect_err("stopped");
        assert_eq!(e.code(), 6);
        assert_eq!(p.names(), ["X"], "nothing created, nothing deleted");
        assert_eq!(p.calls(), ["list", "references"]);
    }
}
