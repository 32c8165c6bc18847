//! `delete` (both providers).

use serde_json::json;

use super::Ctx;
use super::common::*;
use crate::error::{self, Error, Result, exit};
use crate::output::OutputFormat;
use crate::provider::references::{describe_all, in_use};
use crate::provider::{Identity, Known, Provider, quoted};

/// `delete`. Unless `force`, what uses the secret is read first: with `yes` a secret in use
/// is refused (a conflict naming the users, nothing deleted); on a terminal the question names
/// them; lists that cannot be read stop the delete. `force` with `yes` is the delete as it
/// was before the check (the target as given).
pub fn delete(
    ctx: &mut Ctx,
    p: &dyn Provider,
    target: &str,
    yes: bool,
    ignore_missing: bool,
    force: bool,
) -> Result<i32> {
    check_name(target)?;
    let missing = |ctx: &mut Ctx, e: Error| -> Result<i32> {
        if ignore_missing && matches!(e, Error::NotFound(_)) {
            if ctx.streams.stderr_tty {
                ctx.out
                    .note(
                        &mut ctx.streams.stderr,
                        &format!(
                            "{} secret {} does not exist; nothing to delete",
                            p.kind().display(),
                            quoted(target)
                        ),
                    )
                    .map_err(error::output)?;
            }
            // A script reading JSON gets its object here too; plain output prints no key,
            // since nothing was deleted. Nothing has the argument as its id or its name, so
            // a ChatBotKit one is neither: it is shown as what it was, `name_or_id`.
            if ctx.out.format == OutputFormat::Json {
                let field = match p.identity() {
                    Identity::Id => "name_or_id",
                    Identity::Name => "name",
                };
                ctx.out
                    .action(
                        &mut ctx.streams.stdout,
                        "missing",
                        field,
                        target,
                        &json!({}),
                    )
                    .map_err(error::output)?;
            }
            return Ok(exit::SUCCESS);
        }
        Err(e)
    };
    let target_key = if force {
        // Interactive: show exactly what will go (and report a missing secret before asking).
        match confirmed_key(ctx, p, target, yes, "delete", |s| format!("Delete {s}?")) {
            Ok(k) => k,
            Err(e) => return missing(ctx, e),
        }
    } else {
        if !yes && !ctx.streams.can_prompt() {
            confirm(ctx, false, "", "delete")?;
        }
        // The look-up is the delete's first step, and says so.
        let kind = p.kind().display();
        let rec = match p.get(target) {
            Ok(r) => r,
            Err(e) => {
                let e = e.as_part_of(
                    &format!("cannot get {kind} secret {}", quoted(target)),
                    &format!("cannot delete {kind} secret {}", quoted(target)),
                );
                return missing(ctx, e);
            }
        };
        let refs = references(ctx, p, Known::Only(std::slice::from_ref(&rec))).map_err(|e| {
            e.with_hint("nothing was deleted; --force deletes without reading what uses it")
        })?;
        let users = refs.used_by(&rec);
        let what = describe(p, &rec);
        if yes && !users.is_empty() {
            return Err(error::conflict(format!(
                "{what} is {}; nothing was deleted",
                in_use(&users)
            ))
            .with_hint("--force deletes it anyway, and what uses it breaks"));
        }
        if yes {
            // As given, as without the check: the one rule for NAME_OR_ID and a retried
            // delete stays the provider's, and its errors name what the user typed.
            target.to_string()
        } else {
            let mut question = if users.is_empty() {
                format!("Delete {what}?")
            } else {
                format!(
                    "{what} is used by {}.\nDelete it anyway? What uses it will break.",
                    describe_all(&users)
                )
            };
            // What the lists cannot show (another account's use) is said before the answer.
            if let Some(note) = refs.unseen(&rec) {
                question = format!("Note: {note}.\n{question}");
            }
            confirm(ctx, false, &question, "delete")?;
            p.key(&rec).1
        }
    };
    let key = match p.delete(&target_key) {
        Ok(k) => k,
        Err(e) => return missing(ctx, e),
    };
    report_done(ctx, p, "deleted", target, "", &key, &json!({}))
}
