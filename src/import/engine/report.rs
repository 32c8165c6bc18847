//! The plan and the report (one line per entry on stdout), the totals on stderr, and the
//! exit code of a run.

use std::collections::HashMap;
use std::io::Write;

use serde_json::{Value, json};

use super::{Entry, Outcome, Plan};
use crate::context::Ctx;
use crate::error::{self, Result, exit};
use crate::output::OutputFormat;
use crate::pace::Pace;
use crate::provider::Provider;

/// `3 created, 1 skipped, 1 failed` in a fixed order.
pub fn totals<'a>(actions: impl Iterator<Item = &'a str>) -> String {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for a in actions {
        *counts.entry(a).or_default() += 1;
    }
    let order = [
        "create",
        "update",
        "skip",
        "created",
        "updated",
        "skipped",
        "unchanged",
        "delete",
        "deleted",
        "fail",
        "failed",
        "not attempted",
    ];
    let parts: Vec<String> = order
        .iter()
        .filter_map(|k| counts.get(k).map(|n| format!("{n} {k}")))
        .collect();
    if parts.is_empty() {
        "nothing to do".into()
    } else {
        parts.join(", ")
    }
}

/// A line of the plan or the report.
pub struct Row {
    pub name: String,
    pub action: String,
    pub error: Option<String>,
    /// The id (ChatBotKit) or name (Kubiya) of the secret written.
    pub key: Option<String>,
    /// Shown in the third column of plain and table output when there is no error (JSON has
    /// `id` already): the id of a secret whose name other lines share.
    pub detail: Option<String>,
}

/// One line per item: NAME, ACTION, ERROR — table, plain or json like every other list.
/// `error_always`: JSON objects carry `"error": null` when there is none.
fn print_rows(ctx: &mut Ctx, rows: &[Row], error_always: bool) -> Result<()> {
    let out = ctx.out;
    let w = &mut ctx.streams.stdout;
    let mut list = out.list(&["NAME", "ACTION", "ERROR"]);
    for r in rows {
        let mut raw = json!({ "name": r.name, "action": r.action });
        if let Some(e) = &r.error {
            raw["error"] = json!(e);
        } else if error_always {
            raw["error"] = Value::Null;
        }
        if let Some(k) = r.key.as_ref().filter(|k| **k != r.name) {
            raw["id"] = json!(k);
        }
        let mut row = vec![r.name.clone(), r.action.clone()];
        let third = r.error.as_ref().or(r.detail.as_ref());
        if third.is_some() || out.format == OutputFormat::Table {
            row.push(third.cloned().unwrap_or_default());
        }
        list.push(w, row, &raw).map_err(error::output)?;
    }
    list.finish(w).map_err(error::output)?;
    Ok(())
}

/// Print the report; a reader that went away (`| head`) takes the rest of the report, not
/// the totals on stderr or the exit code.
fn print_report(ctx: &mut Ctx, rows: &[Row], error_always: bool) -> Result<()> {
    match print_rows(ctx, rows, error_always) {
        Err(e) if e.is_broken_pipe() => Ok(()),
        other => other,
    }
}

/// The lines on stderr after the report: totals (and why the run stopped), the unsure
/// writes found done, the rate limit's waits, and how to finish (`hint`) when it stopped.
fn print_totals(ctx: &mut Ctx, outcomes: &[Outcome], pace: &Pace, hint: &str) {
    let summary = totals(outcomes.iter().map(|o| o.action.word()));
    let signal = crate::signals::received_name();
    let interrupted = signal.is_some();
    let gave_up = pace.gave_up();
    let lead = match signal {
        Some(name) => format!("{name}: "),
        None if gave_up => "stopped on the rate limit: ".to_string(),
        None => String::new(),
    };
    let _ = writeln!(ctx.streams.stderr, "{lead}{summary}");
    if gave_up && !interrupted {
        let text = format!(
            "the server rate-limited every request for {} s; the run stopped",
            pace.give_up_after().as_secs()
        );
        let why = format!("the account's quota may be used up; later, {hint}");
        let _ = ctx
            .streams
            .stderr
            .write_all(ctx.out.error_lines(&text, Some(&why)).as_bytes());
        // Every error line has its JSON object under -o json, this one too.
        if ctx.out.format == OutputFormat::Json {
            let err = anyhow::Error::new(error::network(text).with_hint(why));
            let _ = writeln!(ctx.streams.stderr, "{}", error::render_json(&err));
        }
    }
    let checked = outcomes.iter().filter(|o| o.checked).count();
    if checked > 0 {
        let (were, are) = if checked == 1 {
            ("was", "is")
        } else {
            ("were", "are")
        };
        let _ = writeln!(
            ctx.streams.stderr,
            "note: {checked} answered with an error but {were} found on the server, and {are} reported as done"
        );
    }
    if pace.limited_count() > 0 && !gave_up && !interrupted {
        let _ = writeln!(
            ctx.streams.stderr,
            "note: the server rate-limited {} requests; they waited and were sent again",
            pace.limited_count()
        );
    }
    if interrupted {
        let _ = writeln!(ctx.streams.stderr, "hint: {hint}");
    }
}

/// [`exit::NETWORK`] when the run gave up on the rate limit, [`exit::FAILURE`] when any item
/// did not succeed, else [`exit::SUCCESS`].
fn exit_code(outcomes: &[Outcome], pace: &Pace) -> i32 {
    if pace.gave_up() {
        exit::NETWORK
    } else if outcomes.iter().any(|o| !o.action.succeeded()) {
        exit::FAILURE
    } else {
        exit::SUCCESS
    }
}

/// The end of a run (import's and sync's): the report per item on stdout, the totals on
/// stderr (`hint` says how to finish what is left), and the exit code they make.
pub fn finish_run(
    ctx: &mut Ctx,
    entries: &[Entry],
    outcomes: &[Outcome],
    pace: &Pace,
    error_always: bool,
    hint: &str,
) -> Result<i32> {
    let rows = report_rows(entries, outcomes);
    print_report(ctx, &rows, error_always)?;
    print_totals(ctx, outcomes, pace, hint);
    Ok(exit_code(outcomes, pace))
}

/// The end of a dry run (import's and sync's): the plan on stdout, its totals and `extra` on
/// stderr; [`exit::FAILURE`] when any entry is planned to fail, else [`exit::SUCCESS`].
pub fn dry_run(
    ctx: &mut Ctx,
    p: &dyn Provider,
    entries: &[Entry],
    error_always: bool,
    extra: &str,
) -> Result<i32> {
    let mut names: HashMap<&str, usize> = HashMap::new();
    for e in entries {
        *names.entry(e.name.as_str()).or_default() += 1;
    }
    let rows: Vec<Row> = entries
        .iter()
        .map(|e| plan_row(p, e, names.get(e.name.as_str()) > Some(&1)))
        .collect();
    print_report(ctx, &rows, error_always)?;
    let summary = totals(entries.iter().map(|e| e.plan.word()));
    let _ = writeln!(
        ctx.streams.stderr,
        "dry run: {summary}{extra}; nothing was written"
    );
    Ok(if entries.iter().any(|e| matches!(e.plan, Plan::Fail(_))) {
        exit::FAILURE
    } else {
        exit::SUCCESS
    })
}

/// A plan line: NAME and the planned word (and why, for a failure), with the key of the
/// secret it acts on (JSON `id` where that is not the name). A name several entries share
/// (ChatBotKit duplicates under `--prune`) shows the id in plain and table output too.
fn plan_row(p: &dyn Provider, e: &Entry, shared_name: bool) -> Row {
    let key = match &e.plan {
        Plan::Update(rec) | Plan::Delete(rec) => Some(p.key(rec).1),
        _ => None,
    };
    Row {
        name: e.name.clone(),
        action: e.plan.word().to_string(),
        error: match &e.plan {
            Plan::Fail(why) => Some(why.clone()),
            _ => None,
        },
        detail: key
            .as_ref()
            .filter(|k| shared_name && **k != e.name)
            .map(|k| format!("id {k}")),
        key,
    }
}

/// The report's lines, one per entry.
fn report_rows(entries: &[Entry], outcomes: &[Outcome]) -> Vec<Row> {
    entries
        .iter()
        .zip(outcomes)
        .map(|(e, o)| Row {
            name: e.name.clone(),
            action: o.action.word().to_string(),
            error: o.error.clone(),
            key: o.key.clone(),
            detail: None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_in_fixed_order() {
        assert_eq!(
            totals(["failed", "created", "created"].into_iter()),
            "2 created, 1 failed"
        );
        assert_eq!(
            totals(["deleted", "unchanged", "updated"].into_iter()),
            "1 updated, 1 unchanged, 1 deleted"
        );
        assert_eq!(totals(std::iter::empty()), "nothing to do");
    }
}
