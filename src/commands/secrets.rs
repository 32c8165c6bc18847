//! create, get, update, delete, list (both providers), verify and revoke (ChatBotKit).

use std::io::Write;

use serde_json::{Map, Value, json};

use super::Ctx;
use crate::cli::{OutputFormat, ValueArgs};
use crate::error::{self, Error, Result};
use crate::input::{self, Purpose, ValueOutcome};
use crate::provider::chatbotkit::Chatbotkit;
use crate::provider::{
    CreateSpec, Identity, ListFilter, Provider, UpdateSpec, ValueChange, quoted,
};

/// Whether `create` reads a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueMode {
    Required,
    /// `--kind personal` or `--no-value`: stdin is not read, no prompt is shown.
    None,
}

pub struct CreateArgs<'a> {
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub value: &'a ValueArgs,
    pub mode: ValueMode,
    pub fields: Map<String, Value>,
}

pub struct UpdateArgs<'a> {
    pub target: &'a str,
    pub new_name: Option<&'a str>,
    pub description: Option<&'a str>,
    pub value: &'a ValueArgs,
    pub keep_value: bool,
    pub fields: Map<String, Value>,
    pub merge: Map<String, Value>,
}

use crate::provider::MAX_NAME_BYTES;

fn check_name(name: &str) -> Result<()> {
    if name.trim().is_empty() {
        return Err(error::usage("the secret name is empty"));
    }
    if name.len() > MAX_NAME_BYTES {
        return Err(error::usage(format!(
            "the secret name is {} bytes, over the limit of {MAX_NAME_BYTES}: the APIs cannot serve it; nothing was sent",
            name.len()
        )));
    }
    Ok(())
}

pub fn create(ctx: &mut Ctx, p: &dyn Provider, a: CreateArgs) -> Result<i32> {
    check_name(a.name)?;
    // Where the name is the identifier, it must be addressable: check before asking for a value.
    if p.identity() == Identity::Name {
        crate::provider::check_segment(a.name)?;
    }
    let value = match a.mode {
        ValueMode::None => None,
        ValueMode::Required => {
            match input::read_value(a.value, Purpose::Create, a.name, ctx.streams)? {
                ValueOutcome::Value(v) => Some(v),
                ValueOutcome::Keep => {
                    return Err(error::usage("the value is empty; nothing was sent"));
                }
            }
        }
    };
    let spec = CreateSpec {
        name: a.name,
        description: a.description,
        value: value.as_ref(),
        fields: a.fields,
    };
    let key = p.create(&spec)?;
    let label = p.kind().display();
    if ctx.streams.stderr_tty {
        let extra = if p.identity() == Identity::Id {
            format!(" ({key})")
        } else {
            String::new()
        };
        ctx.out
            .success(
                &mut ctx.streams.stderr,
                &format!("Created {label} secret {}{extra}", quoted(a.name)),
            )
            .map_err(error::output)?;
    }
    let k = key_field(p);
    ctx.out
        .action(
            &mut ctx.streams.stdout,
            "created",
            k,
            &key,
            &json!({ "name": a.name }),
        )
        .map_err(error::output)?;
    Ok(0)
}

/// The JSON key that identifies a secret of this provider.
fn key_field(p: &dyn Provider) -> &'static str {
    match p.identity() {
        Identity::Id => "id",
        Identity::Name => "name",
    }
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
        if !p.values_readable() {
            return Err(crate::provider::chatbotkit::values_are_write_only());
        }
        let value = p.reveal(target)?;
        let w = &mut ctx.streams.stdout;
        w.write_all(&value).map_err(error::output)?;
        if ctx.streams.stdout_tty {
            w.write_all(b"\n").map_err(error::output)?;
        }
        w.flush().map_err(error::output)?;
        return Ok(0);
    }
    let rec = p.get(target)?;
    if ctx.out.format == OutputFormat::Terraform {
        return write_terraform(ctx, p, std::slice::from_ref(&rec));
    }
    ctx.out
        .record(&mut ctx.streams.stdout, p.columns(), &p.row(&rec), &rec)
        .map_err(error::output)?;
    Ok(0)
}

fn write_terraform(ctx: &mut Ctx, p: &dyn Provider, records: &[Value]) -> Result<i32> {
    let text = crate::terraform::render(p.kind(), records);
    let w = &mut ctx.streams.stdout;
    w.write_all(text.as_bytes()).map_err(error::output)?;
    w.flush().map_err(error::output)?;
    Ok(0)
}

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

pub fn update(ctx: &mut Ctx, p: &dyn Provider, a: UpdateArgs) -> Result<i32> {
    check_name(a.target)?;
    if let Some(n) = a.new_name {
        check_name(n)?;
    }
    // Nobody is asked for a value of a secret that does not exist: on a terminal the secret
    // is looked up first (and the record spares the adapter its own look-up).
    let current = if !a.keep_value && input::prompts(a.value, ctx.streams) {
        Some(p.get(a.target)?)
    } else {
        None
    };
    let read = if a.keep_value {
        ValueOutcome::Keep
    } else {
        input::read_value(a.value, Purpose::Update, a.target, ctx.streams)?
    };
    let value = match &read {
        ValueOutcome::Value(v) => ValueChange::Set(v),
        ValueOutcome::Keep => ValueChange::Keep,
    };
    let spec = UpdateSpec {
        new_name: a.new_name,
        description: a.description,
        value,
        fields: a.fields,
        merge: a.merge,
        current: current.as_ref(),
    };
    if spec.is_empty() {
        // An empty answer at the prompt means "keep the value": with nothing else to
        // change, that is done, not a mistake.
        // A target that does not exist is still reported (exit 3), with one look-up.
        if !a.keep_value && matches!(read, ValueOutcome::Keep) {
            let record = match current {
                Some(r) => r,
                None => p.get(a.target)?,
            };
            let _ = writeln!(
                ctx.streams.stderr,
                "Nothing changed: the value was kept and no other field was given."
            );
            ctx.out
                .action(
                    &mut ctx.streams.stdout,
                    "unchanged",
                    key_field(p),
                    &p.key(&record).1,
                    &json!({}),
                )
                .map_err(error::output)?;
            return Ok(0);
        }
        return Err(error::usage(
            "nothing to update: no value and no other field given; nothing was sent",
        ));
    }
    let key = p.update(a.target, &spec)?;
    if ctx.streams.stderr_tty {
        let what = if matches!(spec.value, ValueChange::Keep) {
            ""
        } else {
            " (new value)"
        };
        ctx.out
            .success(
                &mut ctx.streams.stderr,
                &format!(
                    "Updated {} secret {}{what}",
                    p.kind().display(),
                    quoted(a.target)
                ),
            )
            .map_err(error::output)?;
    }
    let k = key_field(p);
    ctx.out
        .action(&mut ctx.streams.stdout, "updated", k, &key, &json!({}))
        .map_err(error::output)?;
    Ok(0)
}

/// Ask before a destructive action: on a terminal unless `--yes`; without one, refuse.
fn confirm(ctx: &mut Ctx, yes: bool, question: &str, verb: &str) -> Result<()> {
    if yes {
        return Ok(());
    }
    if !ctx.streams.can_prompt() {
        return Err(error::usage(format!(
            "refusing to {verb} without confirmation: not on a terminal; nothing was {verb}d"
        ))
        .with_hint("pass --yes to confirm in scripts"));
    }
    let ok = ctx
        .streams
        .prompter
        .confirm(question)
        .map_err(|e| error::usage(format!("cannot read the answer: {e}")))?;
    if ok {
        Ok(())
    } else {
        Err(error::other(format!("cancelled; nothing was {verb}d")))
    }
}

/// A line naming the secret for a confirmation question.
fn describe(p: &dyn Provider, rec: &Value) -> String {
    let name = rec.get("name").and_then(Value::as_str).unwrap_or("");
    match p.identity() {
        Identity::Id => format!(
            "{} secret {} ({})",
            p.kind().display(),
            quoted(name),
            p.key(rec).1
        ),
        Identity::Name => format!("{} secret {}", p.kind().display(), quoted(name)),
    }
}

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
            return Ok(0);
        }
        Err(e)
    };
    // Interactive: show exactly what will go (and report a missing secret before asking).
    let target_key = if yes {
        target.to_string()
    } else {
        if !ctx.streams.can_prompt() {
            confirm(ctx, false, "", "delete")?;
        }
        let rec = match p.get(target) {
            Ok(r) => r,
            Err(e) => return missing(ctx, e),
        };
        confirm(
            ctx,
            false,
            &format!("Delete {}?", describe(p, &rec)),
            "delete",
        )?;
        p.key(&rec).1
    };
    let key = match p.delete(&target_key) {
        Ok(k) => k,
        Err(e) => return missing(ctx, e),
    };
    if ctx.streams.stderr_tty {
        ctx.out
            .success(
                &mut ctx.streams.stderr,
                &format!("Deleted {} secret {}", p.kind().display(), quoted(target)),
            )
            .map_err(error::output)?;
    }
    let k = key_field(p);
    ctx.out
        .action(&mut ctx.streams.stdout, "deleted", k, &key, &json!({}))
        .map_err(error::output)?;
    Ok(0)
}

/// Every secret (or those `names` pick), each printed as it arrives; with names or
/// `-o terraform` the whole list is read first (names are checked before anything is printed;
/// the Terraform names must be unique across the whole file).
pub fn list(ctx: &mut Ctx, p: &dyn Provider, filter: &ListFilter, names: &[String]) -> Result<i32> {
    for n in names {
        check_name(n)?;
    }
    let out = ctx.out;
    let mut w = out.list(p.columns());
    let stdout = &mut ctx.streams.stdout;
    if names.is_empty() && out.format != OutputFormat::Terraform {
        p.list(filter, &mut |rec| {
            w.push(stdout, p.row(&rec), &rec).map_err(error::output)
        })?;
    } else {
        let mut records = Vec::new();
        p.list(filter, &mut |rec| {
            records.push(rec);
            Ok(())
        })?;
        if !names.is_empty() {
            records = select(p, records, names, !filter.meta.is_empty())?;
        }
        if out.format == OutputFormat::Terraform {
            return write_terraform(ctx, p, &records);
        }
        for rec in records {
            w.push(stdout, p.row(&rec), &rec).map_err(error::output)?;
        }
    }
    let n = w.finish(stdout).map_err(error::output)?;
    if n == 0 && out.format == OutputFormat::Table {
        out.note(
            &mut ctx.streams.stderr,
            &format!("no {} secrets", p.kind().display()),
        )
        .map_err(error::output)?;
    }
    Ok(0)
}

pub fn verify(ctx: &mut Ctx, p: &Chatbotkit, target: &str) -> Result<i32> {
    check_name(target)?;
    let v = p.verify(target)?;
    let status = v
        .get("status")
        .and_then(Value::as_str)
        .unwrap_or("unknown")
        .to_string();
    let url = v
        .pointer("/action/url")
        .and_then(Value::as_str)
        .map(str::to_string);
    let w = &mut ctx.streams.stdout;
    match ctx.out.format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut *w, &v).map_err(|e| error::output(e.into()))?;
            writeln!(w).map_err(error::output)?;
        }
        _ => {
            writeln!(w, "{}", crate::output::sanitize(&status)).map_err(error::output)?;
            if let Some(u) = &url {
                writeln!(w, "{}", crate::output::sanitize(u)).map_err(error::output)?;
            }
        }
    }
    if let (Some(_), true) = (&url, ctx.streams.stderr_tty) {
        ctx.out
            .note(
                &mut ctx.streams.stderr,
                "Open the URL above to authenticate the secret.",
            )
            .map_err(error::output)?;
    }
    Ok(0)
}

pub fn revoke(ctx: &mut Ctx, p: &Chatbotkit, target: &str, yes: bool) -> Result<i32> {
    check_name(target)?;
    let id = if yes {
        target.to_string()
    } else {
        if !ctx.streams.can_prompt() {
            confirm(ctx, false, "", "revoke")?;
        }
        let rec = p.resolve(target)?;
        confirm(
            ctx,
            false,
            &format!("Erase the stored value of {}?", describe(p, &rec)),
            "revoke",
        )?;
        p.key(&rec).1
    };
    let id = p.revoke(&id)?;
    if ctx.streams.stderr_tty {
        ctx.out
            .success(
                &mut ctx.streams.stderr,
                &format!("Revoked ChatBotKit secret {}", quoted(target)),
            )
            .map_err(error::output)?;
    }
    ctx.out
        .action(&mut ctx.streams.stdout, "revoked", "id", &id, &json!({}))
        .map_err(error::output)?;
    Ok(0)
}
