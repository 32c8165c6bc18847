//! `import`: many secrets at once, checked before anything is written.
//!
//! read → parse (with lines) → validate every item (nothing sent on any problem) → plan
//! (one list call for existing names, `--on-conflict`) → apply (`--concurrency` workers on
//! the shared transport; one failure never stops the others; Ctrl-C stops launching) →
//! report (one line per item on stdout, totals on stderr).

pub mod formats;

use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde_json::{Value, json};

use crate::cli::{ImportArgs, OnConflict, OutputFormat};
use crate::commands::Ctx;
use crate::error::{self, Effect, Error, Result};
use crate::input;
use crate::output::sanitize;
use crate::pace::Pace;
use crate::provider::{CreateSpec, Identity, ListFilter, Provider, UpdateSpec, ValueChange};
use crate::secret::SecretValue;
use formats::{Item, Problem};

/// Largest import input read (a thousand 1 MiB values would still fit).
const MAX_INPUT: u64 = 2 * 1024 * 1024 * 1024;

/// A validated item, ready to send.
struct Ready {
    name: String,
    value: SecretValue,
    description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Plan {
    Create,
    /// Update this stored secret (as listed).
    Update(Box<Value>),
    Skip,
    Fail(String),
}

impl Plan {
    fn word(&self) -> &'static str {
        match self {
            Plan::Create => "create",
            Plan::Update(_) => "update",
            Plan::Skip => "skip",
            Plan::Fail(_) => "fail",
        }
    }
}

/// What happened to an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Created,
    Updated,
    Skipped,
    Failed,
    NotAttempted,
}

impl Action {
    fn word(self) -> &'static str {
        match self {
            Action::Created => "created",
            Action::Updated => "updated",
            Action::Skipped => "skipped",
            Action::Failed => "failed",
            Action::NotAttempted => "not attempted",
        }
    }
}

#[derive(Debug, Clone)]
struct Outcome {
    action: Action,
    key: Option<String>,
    error: Option<String>,
    /// The write's answer left it unknown whether the server acted: checked before the report.
    unsure: bool,
    /// Done, as the check against the server found, although the answer was an error.
    checked: bool,
}

impl Outcome {
    fn done(action: Action, key: String, checked: bool) -> Outcome {
        Outcome {
            action,
            key: Some(key),
            error: None,
            unsure: false,
            checked,
        }
    }

    fn failed(action: Action, error: String) -> Outcome {
        Outcome {
            action,
            key: None,
            error: Some(error),
            unsure: false,
            checked: false,
        }
    }

    /// Add what the check against the server found to the error.
    fn note(&mut self, what: &str) {
        let e = self.error.get_or_insert_with(String::new);
        if !e.is_empty() {
            e.push_str(" — ");
        }
        e.push_str(what);
    }
}

pub fn run(ctx: &mut Ctx, p: &dyn Provider, a: &ImportArgs, pace: &Pace) -> Result<i32> {
    let source = a.file.display().to_string();
    let from_stdin = a.file.as_os_str() == "-";
    let bytes = read_input(ctx, &a.file, from_stdin)?;
    // The one place a byte-order mark is dropped: before sniffing and parsing alike.
    let content = formats::without_bom(&bytes);
    let format = a
        .format
        .or_else(|| {
            if from_stdin {
                None
            } else {
                formats::from_extension(&a.file)
            }
        })
        .unwrap_or_else(|| formats::sniff(content));
    let label = if from_stdin {
        "<stdin>".to_string()
    } else {
        source
    };
    let items = formats::parse(format, content).map_err(|ps| problems_error(ctx, &label, ps))?;
    drop(bytes);
    let ready = validate(items, a.base64, p).map_err(|ps| problems_error(ctx, &label, ps))?;
    if ready.is_empty() {
        return Err(
            error::usage(format!("{label}: no secrets found ({format:?} format)"))
                .with_hint("pass --format if the format was guessed wrong"),
        );
    }

    // One list call: which names exist, as which secrets (kept only for the names imported).
    let wanted: HashSet<&str> = ready.iter().map(|r| r.name.as_str()).collect();
    let mut existing: HashMap<String, Vec<Value>> = HashMap::new();
    p.list(&ListFilter::default(), &mut |rec| {
        if let Some(name) = rec.get("name").and_then(Value::as_str)
            && wanted.contains(name)
        {
            existing.entry(name.to_string()).or_default().push(rec);
        }
        Ok(())
    })
    .map_err(|e| e.context("cannot plan the import"))?;
    let plans: Vec<Plan> = ready
        .iter()
        .map(|r| plan(p, a.on_conflict, existing.get(&r.name)))
        .collect();

    if a.dry_run {
        let rows: Vec<Row> = ready
            .iter()
            .zip(&plans)
            .map(|(r, pl)| {
                let error = match pl {
                    Plan::Fail(e) => Some(e.clone()),
                    _ => None,
                };
                Row {
                    name: r.name.clone(),
                    action: pl.word().to_string(),
                    error,
                    key: None,
                }
            })
            .collect();
        // A reader that went away takes the plan, not the totals or the exit code.
        match print_rows(ctx, &rows) {
            Err(e) if e.is_broken_pipe() => {}
            other => other?,
        }
        let failed = plans.iter().filter(|p| matches!(p, Plan::Fail(_))).count();
        let summary = totals(plans.iter().map(Plan::word));
        let _ = writeln!(
            ctx.streams.stderr,
            "dry run: {summary}; nothing was written"
        );
        return Ok(if failed > 0 { 1 } else { 0 });
    }

    let mut outcomes = apply(ctx, p, a, &ready, &plans, pace);
    pace.finishing();
    confirm_unsure(p, &ready, &plans, &mut outcomes);
    let rows: Vec<Row> = ready
        .iter()
        .zip(&outcomes)
        .map(|(r, o)| Row {
            name: r.name.clone(),
            action: o.action.word().to_string(),
            error: o.error.clone(),
            key: o.key.clone(),
        })
        .collect();
    // A reader that went away (`| head`) takes the rest of the report, not the totals on
    // stderr or the exit code.
    match print_rows(ctx, &rows) {
        Err(e) if e.is_broken_pipe() => {}
        other => other?,
    }
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
        let _ = ctx.streams.stderr.write_all(
            ctx.out
                .error_lines(
                    &text,
                    Some("the account's quota may be used up; run it again later with --on-conflict skip"),
                )
                .as_bytes(),
        );
    }
    let checked = outcomes.iter().filter(|o| o.checked).count();
    if checked > 0 {
        let _ = writeln!(
            ctx.streams.stderr,
            "note: {checked} answered with an error but were found on the server, and are reported as done"
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
        let _ = writeln!(
            ctx.streams.stderr,
            "hint: run the same import with --on-conflict skip to finish what is left"
        );
    }
    Ok(if gave_up {
        6
    } else if outcomes
        .iter()
        .any(|o| matches!(o.action, Action::Failed | Action::NotAttempted))
    {
        1
    } else {
        0
    })
}

/// Items whose write answer left it unknown whether the server acted are reported by what
/// the server holds: one list call for all of them. A create whose name is there now was
/// created (the plan saw no such name); an update counts as done when the record's update
/// time moved. Nothing is written again.
fn confirm_unsure(p: &dyn Provider, ready: &[Ready], plans: &[Plan], outcomes: &mut [Outcome]) {
    let unsure: Vec<usize> = (0..outcomes.len())
        .filter(|&i| outcomes[i].unsure)
        .collect();
    if unsure.is_empty() {
        return;
    }
    let wanted: HashSet<&str> = unsure.iter().map(|&i| ready[i].name.as_str()).collect();
    let mut now: HashMap<String, Vec<Value>> = HashMap::new();
    let listed = p.list(&ListFilter::default(), &mut |rec| {
        if let Some(name) = rec.get("name").and_then(Value::as_str)
            && wanted.contains(name)
        {
            now.entry(name.to_string()).or_default().push(rec);
        }
        Ok(())
    });
    for i in unsure {
        let o = &mut outcomes[i];
        o.unsure = false;
        if let Err(e) = &listed {
            o.note(&format!(
                "it may have been written; the check failed: {}",
                e.msg().text
            ));
            continue;
        }
        let held = now.get(&ready[i].name).map(Vec::as_slice).unwrap_or(&[]);
        match &plans[i] {
            Plan::Create => match held {
                [rec] => *o = Outcome::done(Action::Created, p.key(rec).1, true),
                [] => o.note("not on the server when checked"),
                _ => o.note("checked: several secrets have this name now"),
            },
            Plan::Update(before) => {
                let stamp = |r: &Value| {
                    ["updatedAt", "updated_at"]
                        .iter()
                        .find_map(|k| r.get(*k).filter(|v| !v.is_null()).cloned())
                };
                let key = p.key(before).1;
                match held.iter().find(|r| p.key(r).1 == key) {
                    Some(rec) if stamp(rec).is_some() && stamp(rec) != stamp(before) => {
                        *o = Outcome::done(Action::Updated, key, true)
                    }
                    Some(_) => o.note("it may have been updated; the server shows no sign of it"),
                    None => o.note("checked: the secret no longer exists"),
                }
            }
            _ => {}
        }
    }
}

fn read_input(ctx: &mut Ctx, path: &Path, from_stdin: bool) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    if from_stdin {
        if ctx.streams.stdin_tty {
            return Err(error::usage("import - reads standard input, which is a terminal")
                .with_hint("pipe the data in: vault kv get -format=json secret/app | jq .data.data | secretctl kubiya import -"));
        }
        (&mut ctx.streams.stdin)
            .take(MAX_INPUT)
            .read_to_end(&mut buf)
            .map_err(|e| error::usage(format!("cannot read standard input: {e}")))?;
    } else {
        let f = std::fs::File::open(path).map_err(|e| {
            error::usage(format!(
                "cannot read {}: {}",
                path.display(),
                error::io_reason(&e)
            ))
        })?;
        if f.metadata().is_ok_and(|m| m.is_dir()) {
            return Err(error::usage(format!(
                "cannot read {}: it is a directory",
                path.display()
            )));
        }
        f.take(MAX_INPUT)
            .read_to_end(&mut buf)
            .map_err(|e| error::usage(format!("cannot read {}: {e}", path.display())))?;
    }
    Ok(buf)
}

/// The error for problems found before anything is sent: its line names the first problem's
/// position; with several, each is also printed as `FILE:LINE: message` first. The JSON error
/// object lists them all (line and message). Messages never hold a value.
fn problems_error(ctx: &mut Ctx, label: &str, mut ps: Vec<Problem>) -> Error {
    ps.sort_by_key(|p| p.line);
    let listed: Vec<(usize, String)> = ps
        .iter()
        .map(|p| (p.line, sanitize(&p.message).into_owned()))
        .collect();
    if listed.len() > 1 {
        for (line, message) in &listed {
            let _ = writeln!(ctx.streams.stderr, "{}:{line}: {message}", sanitize(label));
        }
    }
    let text = match listed.as_slice() {
        [] => format!("{label}: the input is not valid; nothing was sent"),
        [(line, message)] => format!("{label}:{line}: {message}; nothing was sent"),
        [(line, message), ..] => format!(
            "{label}:{line}: {message} (first of {} problems); nothing was sent",
            listed.len()
        ),
    };
    error::usage(text).with_problems(listed)
}

/// The rules every value obeys (shared with single values), plus names: not empty,
/// addressable, and each once (reported at the second occurrence).
fn validate(items: Vec<Item>, base64: bool, p: &dyn Provider) -> Result<Vec<Ready>, Vec<Problem>> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut problems = Vec::new();
    let mut ready = Vec::new();
    for item in items {
        let line = item.line;
        let name = item.name;
        if name.trim().is_empty() {
            problems.push(Problem {
                line,
                message: "the name is empty".into(),
            });
            continue;
        }
        if p.identity() == Identity::Name && (name == "." || name == "..") {
            problems.push(Problem {
                line,
                message: format!("'{name}' cannot be a Kubiya secret name"),
            });
            continue;
        }
        if let Some(first) = seen.get(&name) {
            problems.push(Problem {
                line,
                message: format!(
                    "{} is given twice (first on line {first})",
                    formats::shown(&name)
                ),
            });
            continue;
        }
        seen.insert(name.clone(), line);
        if item.value.is_empty() {
            problems.push(Problem {
                line,
                message: format!("{} has an empty value", formats::shown(&name)),
            });
            continue;
        }
        match input::finish(item.value, base64) {
            Ok(value) => ready.push(Ready {
                name,
                value,
                description: item.description,
            }),
            Err(e) => {
                let why = e
                    .msg()
                    .text
                    .trim_end_matches("; nothing was sent")
                    .to_string();
                problems.push(Problem {
                    line,
                    message: format!("{}: {why}", formats::shown(&name)),
                })
            }
        }
    }
    if problems.is_empty() {
        Ok(ready)
    } else {
        Err(problems)
    }
}

fn plan(p: &dyn Provider, on_conflict: OnConflict, existing: Option<&Vec<Value>>) -> Plan {
    match (existing, on_conflict) {
        (None, _) => Plan::Create,
        (Some(_), OnConflict::Skip) => Plan::Skip,
        (Some(_), OnConflict::Fail) => {
            Plan::Fail("exists (use --on-conflict skip or update)".into())
        }
        (Some(recs), OnConflict::Update) if recs.len() == 1 => {
            let rec = &recs[0];
            match p.refuses_value(rec) {
                // Checked here, before anything is written: the API would drop the value.
                Some(why) => Plan::Fail(format!(
                    "not updated: {why} (make it shared first: secretctl {} update {} --kind shared --keep-value)",
                    p.kind().key(),
                    p.key(rec).1
                )),
                None => Plan::Update(Box::new(rec.clone())),
            }
        }
        (Some(recs), OnConflict::Update) => Plan::Fail(format!(
            "{} {} secrets have this name ({}); update one by id",
            recs.len(),
            p.kind().display(),
            recs.iter()
                .map(|r| p.key(r).1)
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

fn apply(
    ctx: &mut Ctx,
    p: &dyn Provider,
    a: &ImportArgs,
    ready: &[Ready],
    plans: &[Plan],
    pace: &Pace,
) -> Vec<Outcome> {
    let mut outcomes: Vec<Option<Outcome>> = plans
        .iter()
        .map(|pl| match pl {
            Plan::Skip => Some(Outcome {
                action: Action::Skipped,
                key: None,
                error: None,
                unsure: false,
                checked: false,
            }),
            Plan::Fail(e) => Some(Outcome::failed(Action::Failed, e.clone())),
            _ => None,
        })
        .collect();
    let work: Vec<usize> = (0..plans.len())
        .filter(|&i| outcomes[i].is_none())
        .collect();
    let bar = progress_bar(ctx.streams.stderr_tty && !work.is_empty(), work.len());
    crate::signals::soft_interrupts();
    let next = AtomicUsize::new(0);
    let finished = AtomicBool::new(false);
    let results: Mutex<Vec<(usize, Outcome)>> = Mutex::new(Vec::with_capacity(work.len()));
    let workers = usize::from(a.concurrency).min(work.len()).max(1);
    std::thread::scope(|s| {
        if !bar.is_hidden() {
            s.spawn(|| show_pace(&bar, pace, &finished));
        }
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    loop {
                        if crate::signals::interrupted() || pace.gave_up() {
                            break;
                        }
                        let n = next.fetch_add(1, Ordering::SeqCst);
                        let Some(&i) = work.get(n) else { break };
                        let r = &ready[i];
                        let outcome = match &plans[i] {
                            Plan::Create => {
                                let description =
                                    r.description.as_deref().or(a.description.as_deref());
                                let spec = CreateSpec {
                                    name: &r.name,
                                    description,
                                    value: Some(&r.value),
                                    fields: Default::default(),
                                };
                                outcome(p.create(&spec), Action::Created)
                            }
                            Plan::Update(rec) => {
                                let spec = UpdateSpec {
                                    new_name: None,
                                    description: r.description.as_deref(),
                                    value: ValueChange::Set(&r.value),
                                    fields: Default::default(),
                                    merge: Default::default(),
                                    current: Some(rec),
                                };
                                outcome(p.update(&p.key(rec).1, &spec), Action::Updated)
                            }
                            _ => continue,
                        };
                        if outcome.action != Action::NotAttempted {
                            bar.set_message(sanitize(&r.name).into_owned());
                            bar.inc(1);
                        }
                        if let Ok(mut v) = results.lock() {
                            v.push((i, outcome));
                        }
                    }
                })
            })
            .collect();
        for h in handles {
            let _ = h.join();
        }
        finished.store(true, Ordering::SeqCst);
    });
    bar.finish_and_clear();
    for (i, o) in results.into_inner().unwrap_or_default() {
        outcomes[i] = Some(o);
    }
    let why = if pace.gave_up() {
        "not sent: the run stopped on the rate limit"
    } else {
        "interrupted before it was sent"
    };
    outcomes
        .into_iter()
        .map(|o| o.unwrap_or_else(|| Outcome::failed(Action::NotAttempted, why.into())))
        .collect()
}

/// The bar on a terminal: done/total, the rate, the time left, and the name last written —
/// or, while the server's rate limit holds every request, how long that wait is.
fn progress_bar(shown: bool, len: usize) -> indicatif::ProgressBar {
    if !shown {
        return indicatif::ProgressBar::hidden();
    }
    let b = indicatif::ProgressBar::new(len as u64);
    b.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {rate} ETA {eta} {msg}")
            .map(|st| {
                st.with_key(
                    "rate",
                    |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{:.1}/s", state.per_sec());
                    },
                )
            })
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    b
}

/// Keep the bar's message saying when the whole run waits for the rate limit.
fn show_pace(bar: &indicatif::ProgressBar, pace: &Pace, finished: &AtomicBool) {
    let mut waiting = false;
    while !finished.load(Ordering::SeqCst) {
        match pace.waiting() {
            Some(d) => {
                waiting = true;
                bar.set_message(format!(
                    "waiting for the rate limit ({}s)",
                    d.as_secs_f64().ceil() as u64
                ));
            }
            None if waiting => {
                waiting = false;
                bar.set_message("");
            }
            None => {}
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

fn outcome(r: Result<String>, action: Action) -> Outcome {
    match r {
        Ok(key) => Outcome::done(action, key, false),
        Err(e) => {
            let effect = e.effect();
            let mut o = Outcome::failed(
                if effect == Effect::NotSent {
                    Action::NotAttempted
                } else {
                    Action::Failed
                },
                e.msg().text.clone(),
            );
            o.unsure = effect == Effect::Unsure;
            o
        }
    }
}

/// `3 created, 1 skipped, 1 failed` in a fixed order.
fn totals<'a>(actions: impl Iterator<Item = &'a str>) -> String {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for a in actions {
        *counts.entry(a).or_default() += 1;
    }
    let order = [
        "create",
        "update",
        "skip",
        "fail",
        "created",
        "updated",
        "skipped",
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
struct Row {
    name: String,
    action: String,
    error: Option<String>,
    /// The id (ChatBotKit) or name (Kubiya) of the secret written.
    key: Option<String>,
}

/// One line per item: NAME, ACTION, ERROR — table, plain or json like every other list.
fn print_rows(ctx: &mut Ctx, rows: &[Row]) -> Result<()> {
    let out = ctx.out;
    let w = &mut ctx.streams.stdout;
    let mut list = out.list(&["NAME", "ACTION", "ERROR"]);
    for r in rows {
        let mut raw = json!({ "name": r.name, "action": r.action });
        if let Some(e) = &r.error {
            raw["error"] = json!(e);
        }
        if let Some(k) = r.key.as_ref().filter(|k| **k != r.name) {
            raw["id"] = json!(k);
        }
        let mut row = vec![r.name.clone(), r.action.clone()];
        if r.error.is_some() || out.format == OutputFormat::Table {
            row.push(r.error.clone().unwrap_or_default());
        }
        list.push(w, row, &raw).map_err(error::output)?;
    }
    list.finish(w).map_err(error::output)?;
    Ok(())
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
        assert_eq!(totals(std::iter::empty()), "nothing to do");
    }

    #[test]
    fn plan_words() {
        assert_eq!(Plan::Update(Box::new(json!({"id": "x"}))).word(), "update");
        assert_eq!(Plan::Fail("x".into()).word(), "fail");
    }
}
