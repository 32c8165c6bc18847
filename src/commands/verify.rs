//! `chatbotkit verify`.

use std::io::Write;

use super::Ctx;
use super::common::*;
use crate::error::{self, Result, exit};
use crate::output::OutputFormat;
use crate::provider::Provider;

pub fn verify(ctx: &mut Ctx, p: &dyn Provider, target: &str) -> Result<i32> {
    check_name(target)?;
    let v = p.authentication()?.verify(target)?;
    let w = &mut ctx.streams.stdout;
    match ctx.out.format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut *w, &v.record)
                .map_err(|e| error::output(e.into()))?;
            writeln!(w).map_err(error::output)?;
        }
        _ => {
            writeln!(w, "{}", crate::sanitize::sanitize(&v.status)).map_err(error::output)?;
            if let Some(u) = &v.url {
                writeln!(w, "{}", crate::sanitize::sanitize(u)).map_err(error::output)?;
            }
        }
    }
    if ctx.streams.stderr_tty {
        let id = crate::output::field(&v.record, "id");
        let line = format!("Checked {}", named_secret(p, target, &id));
        ctx.out
            .note(&mut ctx.streams.stderr, &line)
            .map_err(error::output)?;
    }
    if v.url.is_some() && ctx.streams.stderr_tty {
        ctx.out
            .note(
                &mut ctx.streams.stderr,
                "Open the URL above to authenticate the secret.",
            )
            .map_err(error::output)?;
    }
    Ok(exit::SUCCESS)
}
