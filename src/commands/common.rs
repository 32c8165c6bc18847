//! What the verbs share: name checks, the key field, confirmation, Terraform output.

use std::io::Write;

use serde_json::Value;

use super::Ctx;
use crate::error::{self, Result, exit};
use crate::prompt::Confirmation;
use crate::provider::{
    Identity, MAX_NAME_BYTES, NameProblem, Provider, References, check_segment, name_problem,
    quoted,
};

/// A secret name or id given to a verb: the shared rules ([`name_problem`]) without the URL
/// segment one, which the request itself checks.
pub(super) fn check_name(name: &str) -> Result<()> {
    name_error(name, false)
}

/// The name of a secret to create: also addressable where the name is the identifier, checked
/// before a value is asked for.
pub(super) fn check_new_name(p: &dyn Provider, name: &str) -> Result<()> {
    name_error(name, p.identity() == Identity::Name)
}

fn name_error(name: &str, segment: bool) -> Result<()> {
    match name_problem(name, segment) {
        None => Ok(()),
        Some(NameProblem::Blank) => Err(error::usage("the secret name is empty")),
        Some(NameProblem::TooLong(n)) => Err(error::usage(format!(
            "the secret name is {n} bytes, over the limit of {MAX_NAME_BYTES}: the APIs cannot serve it; nothing was sent"
        ))),
        Some(NameProblem::DotSegment) => check_segment(name),
    }
}

/// The JSON key that identifies a secret of this provider.
pub(super) fn key_field(p: &dyn Provider) -> &'static str {
    match p.identity() {
        Identity::Id => "id",
        Identity::Name => "name",
    }
}

pub(super) fn write_terraform(ctx: &mut Ctx, p: &dyn Provider, records: &[Value]) -> Result<i32> {
    let text = crate::terraform::render(p.kind(), records);
    let w = &mut ctx.streams.stdout;
    w.write_all(text.as_bytes()).map_err(error::output)?;
    w.flush().map_err(error::output)?;
    Ok(exit::SUCCESS)
}

/// Ask before a destructive action: on a terminal unless `--yes`; without one, refuse.
pub(super) fn confirm(ctx: &mut Ctx, yes: bool, question: &str, verb: &str) -> Result<()> {
    if yes {
        return Ok(());
    }
    let done = format!("{verb}d");
    let c = Confirmation {
        action: verb,
        refused: &done,
        cancelled: &done,
        hint: "pass --yes to confirm in scripts",
    };
    let can_ask = ctx.streams.can_prompt();
    c.ask(can_ask, &mut *ctx.streams.prompter, question)
}

/// `ChatBotKit secret "N" (id I)`: the secret a verb acted on, named as the user did, with
/// the id it resolved to where names may repeat (a NAME_OR_ID can name another secret's
/// id; the id says which one was touched).
pub(super) fn named_secret(p: &dyn Provider, name: &str, key: &str) -> String {
    let mut s = format!("{} secret {}", p.kind().display(), quoted(name));
    if p.identity() == Identity::Id && !key.is_empty() && key != name {
        s.push_str(&format!(" (id {})", crate::sanitize::sanitize(key)));
    }
    s
}

/// The end of a write: on a terminal `Created ChatBotKit secret "N" (id I)<detail>` on stderr, then
/// the action on stdout (`created<TAB>KEY`, or its JSON object with `extra`'s fields).
pub(super) fn report_done(
    ctx: &mut Ctx,
    p: &dyn Provider,
    action: &str,
    name: &str,
    detail: &str,
    key: &str,
    extra: &Value,
) -> Result<i32> {
    if ctx.streams.stderr_tty {
        let mut done = action.to_string();
        done[..1].make_ascii_uppercase();
        let line = format!("{done} {}{detail}", named_secret(p, name, key),);
        ctx.out
            .success(&mut ctx.streams.stderr, &line)
            .map_err(error::output)?;
    }
    ctx.out
        .action(&mut ctx.streams.stdout, action, key_field(p), key, extra)
        .map_err(error::output)?;
    Ok(exit::SUCCESS)
}

/// The key a destructive verb acts on. With `--yes`, `target` as given (one request);
/// otherwise refused off a terminal, else the secret is looked up, shown in the question
/// `ask` makes of its description, and its key returned once the answer is yes.
pub(super) fn confirmed_key(
    ctx: &mut Ctx,
    p: &dyn Provider,
    target: &str,
    yes: bool,
    verb: &str,
    ask: impl FnOnce(&str) -> String,
) -> Result<String> {
    if yes {
        return Ok(target.to_string());
    }
    if !ctx.streams.can_prompt() {
        confirm(ctx, false, "", verb)?;
    }
    let rec = p.get(target)?;
    confirm(ctx, false, &ask(&describe(p, &rec)), verb)?;
    Ok(p.key(&rec).1)
}

/// A line naming the secret for a confirmation question.
pub(super) fn describe(p: &dyn Provider, rec: &Value) -> String {
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

/// What uses the secrets of `p`'s account, for one command (`get`, `delete`, `list --unused`):
/// the lists read at a pace of its own, [`crate::provider::references::READS`] at once;
/// `known` the secrets the command read already.
pub(super) fn references(
    ctx: &Ctx,
    p: &dyn Provider,
    known: crate::provider::Known,
) -> Result<Box<dyn References>> {
    use crate::provider::references;
    let workers = references::READS;
    let pace = std::sync::Arc::new(crate::pace::Pace::new(
        workers.into(),
        crate::pace::Pace::give_up_from(ctx.env),
    ));
    p.references(&pace, workers, known)
        .map_err(|e| references::unreadable(e, p.kind()))
}
