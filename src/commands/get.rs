//! `get` and `get --reveal` (both providers).

use std::io::Write;

use serde_json::Value;

use super::Ctx;
use super::common::*;
use crate::error::{self, Result, exit};
use crate::output::OutputFormat;
use crate::provider::references::describe_all;
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
    let mut rec = p.get(target)?;
    if ctx.out.format == OutputFormat::Terraform {
        return write_terraform(ctx, p, std::slice::from_ref(&rec));
    }
    // What uses it: a failure to read that is shown, never the command's failure.
    let refs = references(ctx, p);
    let unseen = refs.as_ref().ok().and_then(|r| r.unseen(&rec));
    let used = refs.map(|r| r.used_by(&rec));
    let mut shown = match &used {
        Ok(users) if users.is_empty() => "nothing found".to_string(),
        Ok(users) => describe_all(users),
        Err(e) => format!("unknown ({})", e.msg().text),
    };
    if let Some(note) = &unseen {
        shown.push_str(&format!("; {note}"));
    }
    if ctx.out.format == OutputFormat::Json
        && let Some(o) = rec.as_object_mut()
    {
        match used {
            Ok(users) => {
                o.insert(
                    "used_by".into(),
                    serde_json::to_value(users).unwrap_or_default(),
                );
            }
            Err(e) => {
                o.insert("used_by".into(), Value::Null);
                o.insert("used_by_error".into(), Value::String(e.msg().text.clone()));
            }
        }
        if let Some(note) = unseen {
            o.insert("used_by_note".into(), Value::String(note));
        }
    }
    let mut columns = p.columns().to_vec();
    columns.push("USED_BY");
    let mut row = p.row(&rec);
    row.push(shown);
    ctx.out
        .record(&mut ctx.streams.stdout, &columns, &row, &rec)
        .map_err(error::output)?;
    Ok(exit::SUCCESS)
}
