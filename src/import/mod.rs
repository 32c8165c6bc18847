//! `import`: many secrets at once, checked before anything is written.
//!
//! read → parse (with lines) → validate every item (nothing sent on any problem) → plan
//! (one list call for existing names, `--on-conflict`) → apply (`--concurrency` workers on
//! the shared transport; one failure never stops the others; Ctrl-C stops launching) →
//! report (one line per item on stdout, totals on stderr). `sync` shares all of it but the
//! plan ([`engine`]).

pub mod engine;
pub mod formats;
pub mod sync;

use std::collections::HashSet;

use serde_json::Value;

use crate::cli::{ImportArgs, OnConflict};
use crate::context::Ctx;
use crate::error::{self, Result};
use crate::pace::Pace;
use crate::provider::Provider;
use engine::{Entry, Outcome, Plan};

pub fn run(ctx: &mut Ctx, p: &dyn Provider, a: &ImportArgs, pace: &Pace) -> Result<i32> {
    let src = engine::read_source(ctx, "import", &a.file, a.format, a.base64, None, p)?;
    let ready = &src.items;
    if ready.is_empty() {
        return Err(
            error::usage(format!("{}: no secrets found ({})", src.label, src.how))
                .with_hint(src.hint.clone()),
        );
    }

    // One list call: which names exist, as which secrets (kept only for the names imported).
    let wanted: HashSet<&str> = ready.iter().map(|r| r.name.as_str()).collect();
    let existing =
        engine::index(p, Some(&wanted)).map_err(|e| e.context("cannot plan the import"))?;
    let entries: Vec<Entry> = ready
        .iter()
        .map(|r| {
            let plan = plan(p, a.on_conflict, existing.get(&r.name));
            // --description is for the secrets created; an item's own description wins,
            // and is also sent on update.
            let description = match plan {
                Plan::Create => r.description.clone().or_else(|| a.description.clone()),
                _ => r.description.clone(),
            };
            Entry {
                name: r.name.clone(),
                item: Some(r),
                plan,
                description,
            }
        })
        .collect();

    if a.dry_run {
        return engine::dry_run(ctx, p, &entries, false, "");
    }

    let which: Vec<usize> = (0..entries.len())
        .filter(|&i| engine::planned_outcome(&entries[i].plan).is_none())
        .collect();
    let sent = engine::apply(ctx, p, &entries, &which, a.concurrency, pace);
    let mut outcomes: Vec<Outcome> = entries
        .iter()
        .zip(sent)
        .map(|(e, o)| {
            o.or_else(|| engine::planned_outcome(&e.plan))
                .unwrap_or_else(|| Outcome::failed(engine::Action::Failed, "not planned".into()))
        })
        .collect();
    engine::confirm_unsure(p, &entries, &mut outcomes, pace);
    let hint = "run the same import with --on-conflict skip to finish what is left";
    engine::finish_run(ctx, &entries, &outcomes, pace, false, hint)
}

fn plan(p: &dyn Provider, on_conflict: OnConflict, existing: Option<&Vec<Value>>) -> Plan {
    match (existing, on_conflict) {
        (None, _) => Plan::Create,
        (Some(_), OnConflict::Skip) => Plan::Skip,
        (Some(_), OnConflict::Fail) => {
            Plan::Fail("exists (use --on-conflict skip or update)".into())
        }
        (Some(recs), OnConflict::Update) => engine::update_plan(p, recs),
    }
}
