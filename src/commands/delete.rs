//! `delete` (both providers).

use serde_json::json;

use super::Ctx;
use super::common::*;
use crate::error::{self, Error, Result, exit};
use crate::output::OutputFormat;
use crate::provider::{Provider, quoted};

pub fn delete(
    ctx: &mut Ctx,
    p: &dyn Provider,
    target: &str,
    yes: bool,
    ignore_missing: bool,
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
            // since nothing was deleted.
            if ctx.out.format == OutputFormat::Json {
                ctx.out
                    .action(
                        &mut ctx.streams.stdout,
                        "missing",
                        key_field(p),
                        target,
                        &json!({}),
                    )
                    .map_err(error::output)?;
            }
            return Ok(exit::SUCCESS);
        }
        Err(e)
    };
    // Interactive: show exactly what will go (and report a missing secret before asking).
    let target_key = match confirmed_key(ctx, p, target, yes, "delete", |s| format!("Delete {s}?"))
    {
        Ok(k) => k,
        Err(e) => return missing(ctx, e),
    };
    let key = match p.delete(&target_key) {
        Ok(k) => k,
        Err(e) => return missing(ctx, e),
    };
    report_done(ctx, p, "deleted", target, "", &key, &json!({}))
}
