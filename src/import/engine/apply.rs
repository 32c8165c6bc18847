//! The writes themselves (create, update, delete on the pool), and the check of answers that
//! left it unknown whether the server acted.

use std::collections::HashSet;

use serde_json::Value;

use super::{Action, Entry, Outcome, Plan, index, planned_outcome, pool};
use crate::context::Ctx;
use crate::error::{Effect, Result};
use crate::pace::Pace;
use crate::provider::{CreateSpec, Provider, UpdateSpec, ValueChange};

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
                    secrets: Vec::new(),
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
                    secrets: Vec::new(),
                    current: Some(rec),
                };
                outcome(p.update(&p.key(rec).1, &spec), Action::Updated)
            }
            (Plan::Delete(rec), _) => outcome(p.delete_listed(rec), Action::Deleted),
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
