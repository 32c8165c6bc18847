//! What `import` and `sync` share: reading the source (formats, parsers, the check-first
//! validation), the one list call that indexes the platform, the concurrent worker pool at
//! the shared [`Pace`], the writes themselves, the check of unsure answers, and the report.

use std::collections::{HashMap, HashSet};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde_json::{Value, json};

use super::formats::{self, Item, Problem};
use crate::cli::{ImportFormat, OutputFormat};
use crate::context::Ctx;
use crate::error::{self, Effect, Error, Result};
use crate::input;
use crate::output::sanitize;
use crate::pace::Pace;
use crate::provider::{CreateSpec, Identity, ListFilter, Provider, UpdateSpec, ValueChange};
use crate::secret::SecretValue;

/// Largest input read (a thousand 1 MiB values would still fit).
const MAX_INPUT: u64 = 2 * 1024 * 1024 * 1024;

/// A validated item, ready to send.
pub struct Ready {
    pub name: String,
    pub value: SecretValue,
    pub description: Option<String>,
}

/// The source, read, parsed and checked: every item valid, or an exit-2 error.
pub struct Source {
    pub items: Vec<Ready>,
    /// `<stdin>` or the path, for messages.
    pub label: String,
    pub format: ImportFormat,
}

/// Read FILE or `-`, pick the format (`--format`, the extension, the content), parse and
/// validate (with `prefix`, every name must start with it). Nothing is sent by this; any
/// problem is exit 2 naming its line.
pub fn read_source(
    ctx: &mut Ctx,
    verb: &str,
    file: &Path,
    format: Option<ImportFormat>,
    base64: bool,
    prefix: Option<&str>,
    p: &dyn Provider,
) -> Result<Source> {
    let from_stdin = file.as_os_str() == "-";
    let bytes = read_input(ctx, verb, file, from_stdin)?;
    // The one place a byte-order mark is dropped: before sniffing and parsing alike.
    let content = formats::without_bom(&bytes);
    let format = format
        .or_else(|| {
            if from_stdin {
                None
            } else {
                formats::from_extension(file)
            }
        })
        .unwrap_or_else(|| formats::sniff(content));
    let label = if from_stdin {
        "<stdin>".to_string()
    } else {
        file.display().to_string()
    };
    let items = formats::parse(format, content).map_err(|ps| problems_error(ctx, &label, ps))?;
    drop(bytes);
    let items = validate(items, base64, prefix, p).map_err(|ps| problems_error(ctx, &label, ps))?;
    Ok(Source {
        items,
        label,
        format,
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    Create,
    /// Update this stored secret (as listed).
    Update(Box<Value>),
    Skip,
    /// The stored value and description are the source's: nothing is sent.
    Unchanged,
    /// Delete this stored secret (as listed).
    Delete(Box<Value>),
    Fail(String),
}

impl Plan {
    pub fn word(&self) -> &'static str {
        match self {
            Plan::Create => "create",
            Plan::Update(_) => "update",
            Plan::Skip => "skip",
            Plan::Unchanged => "unchanged",
            Plan::Delete(_) => "delete",
            Plan::Fail(_) => "fail",
        }
    }
}

/// What happened to an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Created,
    Updated,
    Skipped,
    Unchanged,
    Deleted,
    Failed,
    NotAttempted,
}

impl Action {
    pub fn word(self) -> &'static str {
        match self {
            Action::Created => "created",
            Action::Updated => "updated",
            Action::Skipped => "skipped",
            Action::Unchanged => "unchanged",
            Action::Deleted => "deleted",
            Action::Failed => "failed",
            Action::NotAttempted => "not attempted",
        }
    }

    pub fn succeeded(self) -> bool {
        !matches!(self, Action::Failed | Action::NotAttempted)
    }
}

#[derive(Debug, Clone)]
pub struct Outcome {
    pub action: Action,
    pub key: Option<String>,
    pub error: Option<String>,
    /// The write's answer left it unknown whether the server acted: checked before the report.
    pub unsure: bool,
    /// Done, as the check against the server found, although the answer was an error.
    pub checked: bool,
}

impl Outcome {
    pub fn done(action: Action, key: String, checked: bool) -> Outcome {
        Outcome {
            action,
            key: Some(key),
            error: None,
            unsure: false,
            checked,
        }
    }

    pub fn failed(action: Action, error: String) -> Outcome {
        Outcome {
            action,
            key: None,
            error: Some(error),
            unsure: false,
            checked: false,
        }
    }

    fn quiet(action: Action) -> Outcome {
        Outcome {
            action,
            key: None,
            error: None,
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

/// One line of work: a source item (create, update, unchanged…) or a stored secret to delete.
pub struct Entry<'a> {
    pub name: String,
    pub item: Option<&'a Ready>,
    pub plan: Plan,
    /// The description sent with this entry's write (`None`: not sent).
    pub description: Option<String>,
}

/// The outcome an entry has without any request: what its plan already says.
pub fn planned_outcome(plan: &Plan) -> Option<Outcome> {
    match plan {
        Plan::Skip => Some(Outcome::quiet(Action::Skipped)),
        Plan::Unchanged => Some(Outcome::quiet(Action::Unchanged)),
        Plan::Fail(e) => Some(Outcome::failed(Action::Failed, e.clone())),
        _ => None,
    }
}

/// One list call: the stored secrets of the wanted names (all of them when `wanted` is
/// `None`), by name.
pub fn index(
    p: &dyn Provider,
    wanted: Option<&HashSet<&str>>,
) -> Result<HashMap<String, Vec<Value>>> {
    let mut existing: HashMap<String, Vec<Value>> = HashMap::new();
    p.list(&ListFilter::default(), &mut |rec| {
        if let Some(name) = rec.get("name").and_then(Value::as_str)
            && wanted.is_none_or(|w| w.contains(name))
        {
            existing.entry(name.to_string()).or_default().push(rec);
        }
        Ok(())
    })?;
    Ok(existing)
}

/// Why a present secret cannot take the source's value, if it cannot: several secrets hold
/// the name (ChatBotKit), or the stored secret would drop a value sent to it.
pub fn update_plan(p: &dyn Provider, recs: &[Value]) -> Plan {
    match recs {
        [rec] => match p.refuses_value(rec) {
            // Checked here, before anything is written: the API would drop the value.
            Some(why) => Plan::Fail(format!(
                "not updated: {why} (make it shared first: secretctl {} update {} --kind shared --keep-value)",
                p.kind().key(),
                p.key(rec).1
            )),
            None => Plan::Update(Box::new(rec.clone())),
        },
        _ => Plan::Fail(format!(
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

/// Run `work` for each of `jobs` on `workers` threads sharing `pace`. A slot stays `None`
/// when the run stopped (a signal under [`crate::signals::soft_interrupts`], or the rate
/// limit's give-up) before that job was started. The bar on a terminal counts the jobs
/// `counted` says were done.
pub fn pool<R: Send>(
    show_bar: bool,
    workers: u16,
    pace: &Pace,
    jobs: &[usize],
    label: &(dyn Fn(usize) -> String + Sync),
    work: &(dyn Fn(usize) -> R + Sync),
    counted: &(dyn Fn(&R) -> bool + Sync),
) -> Vec<Option<R>> {
    let bar = progress_bar(show_bar && !jobs.is_empty(), jobs.len());
    let next = AtomicUsize::new(0);
    let finished = AtomicBool::new(false);
    let results: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(jobs.len()));
    let workers = usize::from(workers).min(jobs.len()).max(1);
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
                        let Some(&i) = jobs.get(n) else { break };
                        let r = work(i);
                        if counted(&r) {
                            bar.set_message(sanitize(&label(i)).into_owned());
                            bar.inc(1);
                        }
                        if let Ok(mut v) = results.lock() {
                            v.push((n, r));
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
    let mut out: Vec<Option<R>> = (0..jobs.len()).map(|_| None).collect();
    for (n, r) in results.into_inner().unwrap_or_default() {
        out[n] = Some(r);
    }
    out
}

/// Send the writes of `which` (indices into `entries`, all Create/Update/Delete) with
/// `--concurrency` workers; one failure never stops the others; Ctrl-C stops launching.
/// Returns each entry's outcome (`None` for entries not in `which`).
pub fn apply(
    ctx: &mut Ctx,
    p: &dyn Provider,
    entries: &[Entry],
    which: &[usize],
    concurrency: u16,
    pace: &Pace,
) -> Vec<Option<Outcome>> {
    crate::signals::soft_interrupts();
    let work = |i: usize| -> Outcome {
        let e = &entries[i];
        match (&e.plan, e.item) {
            (Plan::Create, Some(r)) => {
                let spec = CreateSpec {
                    name: &r.name,
                    description: e.description.as_deref(),
                    value: Some(&r.value),
                    fields: Default::default(),
                };
                outcome(p.create(&spec), Action::Created)
            }
            (Plan::Update(rec), Some(r)) => {
                let spec = UpdateSpec {
                    new_name: None,
                    description: e.description.as_deref(),
                    value: ValueChange::Set(&r.value),
                    fields: Default::default(),
                    merge: Default::default(),
                    current: Some(rec),
                };
                outcome(p.update(&p.key(rec).1, &spec), Action::Updated)
            }
            (Plan::Delete(rec), _) => outcome(p.delete(&p.key(rec).1), Action::Deleted),
            (other, _) => planned_outcome(other)
                .unwrap_or_else(|| Outcome::failed(Action::Failed, "nothing to send".into())),
        }
    };
    let results = pool(
        ctx.streams.stderr_tty,
        concurrency,
        pace,
        which,
        &|i| entries[i].name.clone(),
        &work,
        &|o: &Outcome| o.action != Action::NotAttempted,
    );
    let why = if pace.gave_up() {
        "not sent: the run stopped on the rate limit"
    } else {
        "interrupted before it was sent"
    };
    let mut out: Vec<Option<Outcome>> = entries.iter().map(|_| None).collect();
    for (&i, r) in which.iter().zip(results) {
        out[i] = Some(r.unwrap_or_else(|| Outcome::failed(Action::NotAttempted, why.into())));
    }
    out
}

/// Items whose write answer left it unknown whether the server acted are reported by what
/// the server holds: one list call for all of them. A create whose name is there now was
/// created (the plan saw no such name); an update counts as done when the record's update
/// time moved; a delete whose secret is gone was done. Nothing is written again.
pub fn confirm_unsure(p: &dyn Provider, entries: &[Entry], outcomes: &mut [Outcome], pace: &Pace) {
    // The check goes out even after the first signal, so the report is true.
    pace.finishing();
    let unsure: Vec<usize> = (0..outcomes.len())
        .filter(|&i| outcomes[i].unsure)
        .collect();
    if unsure.is_empty() {
        return;
    }
    let wanted: HashSet<&str> = unsure.iter().map(|&i| entries[i].name.as_str()).collect();
    let listed = index(p, Some(&wanted));
    for i in unsure {
        let o = &mut outcomes[i];
        o.unsure = false;
        let now = match &listed {
            Ok(now) => now,
            Err(e) => {
                o.note(&format!(
                    "it may have been written; the check failed: {}",
                    e.msg().text
                ));
                continue;
            }
        };
        let held = now.get(&entries[i].name).map(Vec::as_slice).unwrap_or(&[]);
        match &entries[i].plan {
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
            Plan::Delete(before) => {
                let key = p.key(before).1;
                if held.iter().any(|r| p.key(r).1 == key) {
                    o.note("checked: the secret is still there");
                } else {
                    *o = Outcome::done(Action::Deleted, key, true);
                }
            }
            _ => {}
        }
    }
}

fn read_input(ctx: &mut Ctx, verb: &str, path: &Path, from_stdin: bool) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    if from_stdin {
        if ctx.streams.stdin_tty {
            return Err(
                error::usage(format!("{verb} - reads standard input, which is a terminal"))
                    .with_hint(format!("pipe the data in: vault kv get -format=json secret/app | jq .data.data | secretctl kubiya {verb} -")),
            );
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
pub fn problems_error(ctx: &mut Ctx, label: &str, mut ps: Vec<Problem>) -> Error {
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
/// addressable, each once (reported at the second occurrence), and inside `prefix`.
fn validate(
    items: Vec<Item>,
    base64: bool,
    prefix: Option<&str>,
    p: &dyn Provider,
) -> Result<Vec<Ready>, Vec<Problem>> {
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
        if name.len() > crate::provider::MAX_NAME_BYTES {
            problems.push(Problem {
                line,
                message: format!(
                    "{} is {} bytes, over the limit of {}: the APIs cannot serve it",
                    formats::shown(&name),
                    name.len(),
                    crate::provider::MAX_NAME_BYTES
                ),
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
        if let Some(pre) = prefix
            && !name.starts_with(pre)
        {
            problems.push(Problem {
                line,
                message: format!(
                    "{} does not start with the prefix {} (sync --prefix manages only those names)",
                    formats::shown(&name),
                    crate::provider::quoted(pre)
                ),
            });
            continue;
        }
        if item.value.is_empty() {
            problems.push(Problem {
                line,
                message: format!("{} has an empty value", formats::shown(&name)),
            });
            continue;
        }
        match input::check(item.value, base64) {
            Ok(value) => ready.push(Ready {
                name,
                value,
                description: item.description,
            }),
            Err(problem) => problems.push(Problem {
                line,
                message: format!("{}: {}", formats::shown(&name), problem.describe()),
            }),
        }
    }
    if problems.is_empty() {
        Ok(ready)
    } else {
        Err(problems)
    }
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
        if r.error.is_some() || out.format == OutputFormat::Table {
            row.push(r.error.clone().unwrap_or_default());
        }
        list.push(w, row, &raw).map_err(error::output)?;
    }
    list.finish(w).map_err(error::output)?;
    Ok(())
}

/// Print the report; a reader that went away (`| head`) takes the rest of the report, not
/// the totals on stderr or the exit code.
pub fn print_report(ctx: &mut Ctx, rows: &[Row], error_always: bool) -> Result<()> {
    match print_rows(ctx, rows, error_always) {
        Err(e) if e.is_broken_pipe() => Ok(()),
        other => other,
    }
}

/// The lines on stderr after the report: totals (and why the run stopped), the unsure
/// writes found done, the rate limit's waits, and how to finish (`hint`) when it stopped.
pub fn print_totals(ctx: &mut Ctx, outcomes: &[Outcome], pace: &Pace, hint: &str) {
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
        let _ = writeln!(ctx.streams.stderr, "hint: {hint}");
    }
}

/// 6 when the run gave up on the rate limit, 1 when any item did not succeed, else 0.
pub fn exit_code(outcomes: &[Outcome], pace: &Pace) -> i32 {
    if pace.gave_up() {
        6
    } else if outcomes.iter().any(|o| !o.action.succeeded()) {
        1
    } else {
        0
    }
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

    #[test]
    fn plan_words() {
        assert_eq!(Plan::Update(Box::new(json!({"id": "x"}))).word(), "update");
        assert_eq!(Plan::Delete(Box::new(json!({"id": "x"}))).word(), "delete");
        assert_eq!(Plan::Unchanged.word(), "unchanged");
        assert_eq!(Plan::Fail("x".into()).word(), "fail");
    }
}
