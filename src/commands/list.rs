//! `list` and `list NAME…` (both providers).

use std::io::Write;

use serde_json::Value;

use super::Ctx;
use super::common::*;
use crate::error::{self, Result, exit};
use crate::output::OutputFormat;
use crate::provider::references::SHOWN;
use crate::provider::{Identity, Known, ListFilter, Provider, quoted};

/// The records `names` pick: those whose key (ChatBotKit id, Kubiya name) or exact name is
/// one of them, in list order. A name that picks nothing is "not found", naming every such
/// name, so that nothing partial is printed.
fn select(
    p: &dyn Provider,
    records: Vec<Value>,
    names: &[String],
    filtered: bool,
) -> Result<Vec<Value>> {
    let matches =
        |r: &Value, n: &str| p.key(r).1 == n || r.get("name").and_then(Value::as_str) == Some(n);
    let mut missing: Vec<&str> = Vec::new();
    for n in names {
        if !records.iter().any(|r| matches(r, n)) && !missing.contains(&n.as_str()) {
            missing.push(n);
        }
    }
    if !missing.is_empty() {
        let what = match p.identity() {
            Identity::Id => "has the id or name",
            Identity::Name => "is named",
        };
        let list = missing
            .iter()
            .map(|n| quoted(n))
            .collect::<Vec<_>>()
            .join(", ");
        let scope = if filtered {
            " among those --meta picks"
        } else {
            ""
        };
        return Err(error::not_found(format!(
            "no {} secret{scope} {what} {list}; nothing was printed",
            p.kind().display()
        ))
        .with_hint(format!("list them with: secretctl {} list", p.kind().key())));
    }
    Ok(records
        .into_iter()
        .filter(|r| names.iter().any(|n| matches(r, n)))
        .collect())
}

/// Every secret (or those `names` pick), printed only once the whole list has come: a list
/// that breaks off (a stream error, a cursor loop, a timeout) prints nothing on stdout, not
/// an unterminated JSON array or some of the rows before the error — a script would take
/// those for the whole account. Rows are rendered as they arrive into a buffer (smaller than
/// the records), and names are checked, and Terraform names made unique, over the whole list.
/// With `unused`, only the secrets nothing found uses: what uses them is read after the
/// secrets (handed over, not listed again), and a failure to read it is the command's (an
/// unknown is never shown as unused).
pub fn list(
    ctx: &mut Ctx,
    p: &dyn Provider,
    filter: &ListFilter,
    names: &[String],
    unused: bool,
) -> Result<i32> {
    for n in names {
        check_name(n)?;
    }
    let out = ctx.out;
    let mut w = out.list(p.columns());
    let mut buf: Vec<u8> = Vec::new();
    if names.is_empty() && out.format != OutputFormat::Terraform && !unused {
        p.list(filter, &mut |rec| {
            w.push(&mut buf, p.row(&rec), &rec).map_err(error::output)
        })?;
    } else {
        let mut records = Vec::new();
        p.list(filter, &mut |rec| {
            records.push(rec);
            Ok(())
        })?;
        // With --unused the secrets are read first and handed over, so that no list is read
        // twice; a list filtered by --meta is not every secret, and the adapter reads the rest
        // of what it needs.
        let refs = if unused {
            let known = if filter.meta.is_empty() {
                Known::All(&records)
            } else {
                Known::Only(&records)
            };
            Some(references(ctx, p, known)?)
        } else {
            None
        };
        if !names.is_empty() {
            records = select(p, records, names, !filter.meta.is_empty())?;
        }
        if let Some(refs) = refs {
            records.retain(|r| refs.used_by(r).is_empty());
            // "Unused" in these lists; other accounts may still use some: one line says which.
            let unseen: Vec<String> = records
                .iter()
                .filter(|r| refs.unseen(r).is_some())
                .map(|r| describe(p, r))
                .collect();
            if !unseen.is_empty() {
                let n = unseen.len();
                let shown = if n > SHOWN {
                    format!("{}, and {} more", unseen[..SHOWN].join(", "), n - SHOWN)
                } else {
                    unseen.join(", ")
                };
                let (it, them) = if n == 1 {
                    ("it is a", "it")
                } else {
                    ("they are", "them")
                };
                ctx.out
                    .note(
                        &mut ctx.streams.stderr,
                        &format!(
                            "note: other accounts may use {shown}: {it} public or protected \
                             personal secret{}, and other accounts' uses of {them} are not in these lists",
                            if n == 1 { "" } else { "s" }
                        ),
                    )
                    .map_err(error::output)?;
            }
        }
        if out.format == OutputFormat::Terraform {
            return write_terraform(ctx, p, &records);
        }
        for rec in records {
            w.push(&mut buf, p.row(&rec), &rec).map_err(error::output)?;
        }
    }
    let n = w.finish(&mut buf).map_err(error::output)?;
    let stdout = &mut ctx.streams.stdout;
    stdout.write_all(&buf).map_err(error::output)?;
    stdout.flush().map_err(error::output)?;
    if n == 0 && out.format == OutputFormat::Table {
        let what = if unused { " unused" } else { "" };
        out.note(
            &mut ctx.streams.stderr,
            &format!("no{what} {} secrets", p.kind().display()),
        )
        .map_err(error::output)?;
    }
    Ok(exit::SUCCESS)
}
