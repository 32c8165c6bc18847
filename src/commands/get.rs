//! `get` and `get --reveal` (both providers).

use std::io::Write;

use super::Ctx;
use super::common::*;
use crate::error::{self, Result, exit};
use crate::output::OutputFormat;
use crate::provider::{Provider, ProviderKind};

/// What `get` refuses before connecting, with nothing read or sent: `--reveal` where the API
/// never returns a value.
pub fn check(kind: ProviderKind, reveal: bool) -> Result<()> {
    if reveal && !kind.values_readable() {
        return Err(crate::provider::values_are_write_only(kind));
    }
    Ok(())
}

pub fn get(ctx: &mut Ctx, p: &dyn Provider, target: &str, reveal: bool) -> Result<i32> {
    check_name(target)?;
    if reveal && ctx.out.format == OutputFormat::Json {
        // -o json prints the API's records, never a value; --reveal prints only the value.
        return Err(error::usage(
            "get --reveal prints the value itself and -o json never holds a value; nothing was sent",
        )
        .with_hint("drop -o json to print the value, or drop --reveal for the JSON record"));
    }
    if reveal {
        let value = p.reveal(target)?;
        let w = &mut ctx.streams.stdout;
        w.write_all(&value).map_err(error::output)?;
        if ctx.streams.stdout_tty {
            w.write_all(b"\n").map_err(error::output)?;
        }
        w.flush().map_err(error::output)?;
        return Ok(exit::SUCCESS);
    }
    let rec = p.get(target)?;
    if ctx.out.format == OutputFormat::Terraform {
        return write_terraform(ctx, p, std::slice::from_ref(&rec));
    }
    ctx.out
        .record(&mut ctx.streams.stdout, p.columns(), &p.row(&rec), &rec)
        .map_err(error::output)?;
    Ok(exit::SUCCESS)
}
