//! `sync`: make the platform match a source of truth.
//!
//! The source is read and checked as import's is ([`engine::read_source`]). One list call
//! plans every name: `create`, `update`, `unchanged` (Kubiya: the value read back — one
//! request per present secret, run concurrently at the shared pace — and the description
//! equal; nothing is sent), `delete` (with `--prune`: in scope, not in the source). Creates
//! and updates run first on import's engine; deletes last, and only when nothing before them
//! failed.

use std::collections::HashSet;
use std::io::Write;
use std::sync::Arc;

use serde_json::Value;

use super::engine::{self, Action, Entry, Outcome, Plan, Ready};
use crate::cli::SyncArgs;
use crate::context::Ctx;
use crate::error::{self, Error, Result};
use crate::pace::Pace;
use crate::prompt::Confirmation;
use crate::provider::references::{in_use, see_all, unreadable};
use crate::provider::{Identity, Known, Provider};
use crate::sanitize::sanitize;

/// Whether the prune question can be asked: messages go to a terminal, and so does input —
/// or the source is standard input, and the question is read from the terminal itself.
fn can_ask(ctx: &Ctx, a: &SyncArgs) -> bool {
    ctx.streams.stderr_tty && (ctx.streams.stdin_tty || a.file.as_os_str() == "-")
}

/// The prune question: refused off a terminal with nothing sent; no is nothing written.
const PRUNE: Confirmation = Confirmation {
    action: "prune",
    refused: "sent",
    cancelled: "written",
    hint: "pass --yes to confirm in scripts (try --dry-run first to see what would be deleted)",
};

/// Checks made before anything is read or sent: `--prune` off a terminal needs `--yes`.
pub fn check_args(ctx: &Ctx, a: &SyncArgs) -> Result<()> {
    if a.prune && !a.yes && !a.dry_run && !can_ask(ctx, a) {
        return Err(PRUNE.refused());
    }
    Ok(())
}

pub fn run(ctx: &mut Ctx, p: &dyn Provider, a: &SyncArgs, pace: &Arc<Pace>) -> Result<i32> {
    let src = engine::read_source(
        ctx,
        "sync",
        &a.file,
        a.format,
        a.base64,
        a.prefix.as_deref(),
        p,
    )?;
    let prefix = a.prefix.as_deref().unwrap_or("");
    if src.items.is_empty() {
        let scope = match &a.prefix {
            Some(p) => format!(
                "every secret whose name starts with {}",
                crate::provider::quoted(p)
            ),
            None => "every secret of the account".to_string(),
        };
        let err = if a.prune {
            error::usage(format!(
                "{}: no secrets found ({}); with --prune that would delete {scope}; nothing was sent",
                src.label, src.how
            ))
        } else {
            error::usage(format!(
                "{}: no secrets found ({}); nothing was sent",
                src.label, src.how
            ))
        };
        return Err(err.with_hint("pass --format if the format was guessed wrong"));
    }

    // One list call: every secret when pruning (the names in scope that the source lacks are
    // deleted), else only the source's names.
    let names: HashSet<&str> = src.items.iter().map(|r| r.name.as_str()).collect();
    let existing = engine::index(p, if a.prune { None } else { Some(&names) })
        .map_err(|e| e.context("cannot plan the sync"))?;

    // Each source item: absent → create; present → update, or (Kubiya) to be compared.
    let mut entries: Vec<Entry> = Vec::new();
    let mut compare: Vec<usize> = Vec::new();
    for r in &src.items {
        let description = r.description.clone().or_else(|| a.description.clone());
        let plan = match existing.get(&r.name).map(Vec::as_slice) {
            None | Some([]) => Plan::Create,
            Some([rec]) if p.values_readable() => {
                if description_differs(description.as_deref(), rec) {
                    Plan::Update(Box::new(rec.clone()))
                } else {
                    compare.push(entries.len());
                    Plan::Unchanged
                }
            }
            Some(recs) => engine::update_plan(p, recs),
        };
        entries.push(Entry {
            name: r.name.clone(),
            item: Some(r),
            plan,
            description,
        });
    }

    // The value reads for the comparison: concurrently, at the shared pace. A value that
    // cannot be read exactly is updated: the source is the truth.
    let unread = read_and_compare(ctx, p, a, pace, &existing, &mut entries, &compare)?;

    if a.prune {
        let mut gone: Vec<(&String, &Value)> = existing
            .iter()
            .filter(|(name, _)| name.starts_with(prefix) && !names.contains(name.as_str()))
            .flat_map(|(name, recs)| recs.iter().map(move |rec| (name, rec)))
            .collect();
        gone.sort_by_key(|(name, rec)| ((*name).clone(), p.key(rec).1));
        // What uses them, read before anything is asked or written: one in use is failed,
        // not deleted; lists that cannot be read stop the sync (unless --force).
        let refs =
            if gone.is_empty() || a.force {
                None
            } else {
                // The list just read is every secret: handed over, not read again.
                let all: Vec<Value> = existing.values().flatten().cloned().collect();
                Some(
                    p.references(pace, a.concurrency, Known::All(&all))
                        .map_err(|e| {
                            unreadable(e, p.kind())
                    .context("cannot plan the sync")
                    .with_hint("nothing was sent; --force prunes without reading what uses them")
                        })?,
                )
            };
        for (name, rec) in gone {
            let users = refs.as_ref().map(|r| r.used_by(rec)).unwrap_or_default();
            let plan = if users.is_empty() {
                Plan::Delete(Box::new(rec.clone()))
            } else {
                Plan::Fail(format!(
                    "not deleted: {} (--force deletes it)",
                    in_use(&users, &see_all(p.kind(), &p.key(rec).1))
                ))
            };
            entries.push(Entry {
                name: name.clone(),
                item: None,
                plan,
                description: None,
            });
        }
    }

    let plan_summary = engine::totals(entries.iter().map(|e| e.plan.word()));
    let reads = if p.values_readable() {
        let mut s = format!(
            "; read {} value{} to compare",
            compare.len(),
            if compare.len() == 1 { "" } else { "s" }
        );
        if unread > 0 {
            s.push_str(&format!(
                " ({unread} could not be read exactly, and will be updated)"
            ));
        }
        s
    } else {
        String::new()
    };
    if a.dry_run {
        return engine::dry_run(ctx, p, &entries, true, &reads);
    }
    let _ = writeln!(ctx.streams.stderr, "plan: {plan_summary}{reads}");

    let deletes: Vec<usize> = (0..entries.len())
        .filter(|&i| matches!(entries[i].plan, Plan::Delete(_)))
        .collect();
    if !deletes.is_empty() && !a.yes {
        ask_prune(ctx, a, p, &entries, &deletes)?;
    }

    // Creates and updates first, concurrently.
    let writes: Vec<usize> = (0..entries.len())
        .filter(|&i| matches!(entries[i].plan, Plan::Create | Plan::Update(_)))
        .collect();
    let mut outcomes = fill(
        &entries,
        engine::apply(ctx, p, &entries, &writes, a.concurrency, pace),
    );
    engine::confirm_unsure(p, &entries, &mut outcomes, pace);

    // Deletes last, and only when everything before them succeeded.
    if !deletes.is_empty() {
        // The source's items: a prune refused because its secret is in use is no reason to
        // hold back the other deletes.
        let failed = outcomes
            .iter()
            .zip(&entries)
            .filter(|(o, e)| e.item.is_some() && !o.action.succeeded())
            .count();
        let stopped = crate::signals::interrupted() || pace.gave_up();
        if failed > 0 || stopped {
            let why = if failed > 0 {
                format!(
                    "not deleted: {failed} item{} before the deletes did not succeed",
                    if failed == 1 { "" } else { "s" }
                )
            } else if pace.gave_up() {
                "not sent: the run stopped on the rate limit".to_string()
            } else {
                "interrupted before it was sent".to_string()
            };
            for &i in &deletes {
                outcomes[i] = Outcome::failed(Action::NotAttempted, why.clone());
            }
        } else {
            let done = engine::apply(ctx, p, &entries, &deletes, a.concurrency, pace);
            for (i, o) in done.into_iter().enumerate() {
                if let Some(o) = o {
                    outcomes[i] = o;
                }
            }
            engine::confirm_unsure(p, &entries, &mut outcomes, pace);
        }
    }

    let hint = "run the same sync again to finish what is left";
    engine::finish_run(ctx, &entries, &outcomes, pace, true, hint)
}

/// Whether the description the source gives differs from the stored one. A source that
/// gives none (no item description, no `--description`) leaves the stored one alone, so it
/// never differs.
fn description_differs(wanted: Option<&str>, rec: &Value) -> bool {
    let stored = rec.get("description").and_then(Value::as_str).unwrap_or("");
    wanted.is_some_and(|d| d != stored)
}

/// Read back the values of `compare` (entries planned `Unchanged` so far) with
/// `--concurrency` workers; a value that differs, or cannot be read, makes the entry an
/// update. Returns how many could not be read.
fn read_and_compare(
    ctx: &mut Ctx,
    p: &dyn Provider,
    a: &SyncArgs,
    pace: &Pace,
    existing: &std::collections::HashMap<String, Vec<Value>>,
    entries: &mut [Entry],
    compare: &[usize],
) -> Result<usize> {
    if compare.is_empty() {
        return Ok(0);
    }
    // A signal while reading stops the reads, not the process: the plan's state is said.
    crate::signals::soft_interrupts();
    let view: &[Entry] = entries;
    let same = |i: usize| -> Option<Result<bool>> {
        let r: &Ready = view[i].item?;
        Some(
            p.reveal(&r.name)
                .map(|stored| stored.as_slice() == r.value.expose().as_bytes()),
        )
    };
    let results = engine::pool(
        ctx.streams.stderr_tty,
        a.concurrency,
        pace,
        compare,
        &|i| format!("reading {}", view[i].name),
        &same,
        &|_| true,
    );
    // Stopped while reading: nothing was written, and the plan is not whole; say so and end
    // as the signal would.
    if crate::signals::interrupted() {
        let read = results.iter().filter(|r| r.is_some()).count();
        let _ = writeln!(
            ctx.streams.stderr,
            "{}: while planning, after reading {read} of {} values to compare; nothing was written",
            crate::signals::received_name().unwrap_or("interrupted"),
            compare.len()
        );
        crate::signals::end_if_signalled();
    }
    let mut unread = 0;
    for (&i, r) in compare.iter().zip(results) {
        let name = entries[i].name.clone();
        let rec = || {
            existing
                .get(&name)
                .and_then(|v| v.first())
                .cloned()
                .unwrap_or(Value::Null)
        };
        entries[i].plan = match r.flatten() {
            Some(Ok(true)) => continue,
            Some(Ok(false)) => Plan::Update(Box::new(rec())),
            // A token that is refused will not write either: stop before anything is sent.
            Some(Err(e)) if e.status() == Some(401) => {
                return Err(e.context("cannot plan the sync"));
            }
            // Gone since the list: it is created again.
            Some(Err(Error::NotFound(_))) => {
                let _ = writeln!(
                    ctx.streams.stderr,
                    "{}: not found when its value was read; planned as create",
                    sanitize(&name)
                );
                Plan::Create
            }
            // Not readable exactly (403, an answer that can be read two ways…): the source is
            // the truth, so it is updated — and the plan says why.
            other => {
                unread += 1;
                let why = match other {
                    Some(Err(e)) => e.to_string(),
                    _ => "not read".to_string(),
                };
                let _ = writeln!(
                    ctx.streams.stderr,
                    "{}: the stored value could not be read to compare ({}); planned as update",
                    sanitize(&name),
                    sanitize(&why)
                );
                Plan::Update(Box::new(rec()))
            }
        };
    }
    Ok(unread)
}

/// Every entry's outcome: what was sent, else what the plan says (deletes wait).
fn fill(entries: &[Entry], sent: Vec<Option<Outcome>>) -> Vec<Outcome> {
    entries
        .iter()
        .zip(sent)
        .map(|(e, o)| {
            o.or_else(|| engine::planned_outcome(&e.plan))
                .unwrap_or_else(|| {
                    Outcome::failed(Action::NotAttempted, "not sent yet".to_string())
                })
        })
        .collect()
}

/// The one prune question: how many, and which, will be deleted. No is exit 1 with nothing
/// written (the creates and updates do not run either).
fn ask_prune(
    ctx: &mut Ctx,
    a: &SyncArgs,
    p: &dyn Provider,
    entries: &[Entry],
    deletes: &[usize],
) -> Result<()> {
    let n = deletes.len();
    let mut q = format!(
        "sync --prune will delete {n} {} secret{} that the source does not have:\n",
        p.kind().display(),
        if n == 1 { "" } else { "s" }
    );
    for &i in deletes {
        let e = &entries[i];
        let shown = sanitize(&e.name);
        match (&e.plan, p.identity()) {
            (Plan::Delete(rec), Identity::Id) => {
                q.push_str(&format!("  {shown} ({})\n", sanitize(&p.key(rec).1)))
            }
            _ => q.push_str(&format!("  {shown}\n")),
        }
    }
    q.push_str(&format!("Delete {}?", if n == 1 { "it" } else { "these" }));
    let can_ask = can_ask(ctx, a);
    PRUNE.ask(can_ask, &mut *ctx.streams.prompter, &q)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn no_description_in_the_source_never_differs() {
        let rec = json!({"name": "A", "description": "kept"});
        assert!(!description_differs(None, &rec));
        assert!(!description_differs(Some("kept"), &rec));
        assert!(description_differs(Some("new"), &rec));
        assert!(description_differs(Some("x"), &json!({"name": "A"})));
        assert!(!description_differs(Some(""), &json!({"name": "A"})));
    }
}
