//! `delete` (both providers).

use serde_json::json;

use super::Ctx;
use super::common::*;
use crate::error::{self, Error, Result, exit};
use crate::output::OutputFormat;
use crate::provider::references::{describe_some, in_use, see_all};
use crate::provider::{Identity, Known, Provider, quoted};

/// `delete`. Unless `force` with `yes`, what uses the secret is read first: with `yes` a
/// secret in use is refused (a conflict naming the users, nothing deleted); on a terminal the
/// question names them (with `force` too); lists that cannot be read stop the delete, except
/// a forced one, whose question says they are unknown. `force` with `yes` is the delete as it
/// was before the check (the target as given, nothing read).
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
    let target_key = if force && yes {
        // The delete as it was before the check: nothing read, the target as given.
        target.to_string()
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
        let what = describe(p, &rec);
        let see = see_all(p.kind(), &p.key(&rec).1);
        // With --force the question still names the users (it is asked: --yes is not
        // given); lists that cannot be read are said, and do not stop a forced delete.
        let refs = match references(ctx, p, Known::Only(std::slice::from_ref(&rec))) {
            Ok(r) => Ok(r),
            Err(e) if force => Err(e),
            Err(e) => {
                return Err(e.with_hint(
                    "nothing was deleted; --force deletes without reading what uses it",
                ));
            }
        };
        let users = refs.as_ref().map(|r| r.used_by(&rec));
        let unseen = refs.as_ref().ok().and_then(|r| r.unseen(&rec));
        if yes {
            let users = users.unwrap_or_default();
            if !users.is_empty() {
                return Err(error::conflict(format!(
                    "{what} is {}; nothing was deleted",
                    in_use(&users, &see)
                ))
                .with_hint("--force deletes it anyway, and what uses it breaks"));
            }
            // Nothing in these lists uses it, but other accounts may: said, not refused.
            if let Some(note) = &unseen {
                ctx.out
                    .note(&mut ctx.streams.stderr, &format!("note: {what}: {note}"))
                    .map_err(error::output)?;
            }
            // As given, as without the check: the one rule for NAME_OR_ID and a retried
            // delete stays the provider's, and its errors name what the user typed.
            target.to_string()
        } else {
            let mut question = match &users {
                Ok(users) if users.is_empty() => format!("Delete {what}?"),
                Ok(users) => format!(
                    "{what} is used by {}.\nDelete it anyway? What uses it will break.",
                    describe_some(users, &see)
                ),
                Err(e) => format!(
                    "What uses {what} is unknown ({}).\nDelete it anyway?",
                    e.msg().text
                ),
            };
            // What the lists cannot show (another account's use) is said before the answer.
            if let Some(note) = unseen {
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
