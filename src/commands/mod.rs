//! One function per verb, written once against [`Provider`] (`create.rs` … `verify.rs`);
//! each provider's arguments mapped onto them (`chatbotkit.rs`, `kubiya.rs`); the provider
//! built (`connect.rs`). This file: which command runs, with what context, and the checks
//! made once for every command before anything is read or sent.

mod chatbotkit;
pub mod check;
pub mod common;
pub mod complete;
pub mod config;
mod connect;
pub mod create;
pub mod delete;
pub mod generated;
pub mod get;
mod kubiya;
pub mod list;
pub mod revoke;
pub mod update;
pub mod verify;

#[cfg(test)]
mod tests;

use std::io::Write;
use std::path::PathBuf;

use crate::cli::{
    CbkCommand, Cli, Command, ConfigFileArg, GlobalArgs, KubiyaCommand, OutputFormat, ProviderArgs,
};
use crate::context::Ctx;
use crate::error::{self, Result, exit};
use crate::input::ValueArgs;
use crate::output::Output;
use crate::provider::{Provider, ProviderKind};
use crate::streams::Streams;

use connect::{bulk_pace, provider, provider_for_copy};

/// The innermost `--config FILE` wins: the command's, the provider's (or `config`'s), the
/// top level's. `chatbotkit create|update` have none of their own: there `--config` is the
/// secret's own `KEY=VALUE`.
fn config_file(top: &ConfigFileArg, command: &Command) -> Option<PathBuf> {
    let levels = match command {
        Command::Chatbotkit(c) => [Some(&c.config_file), c.command.config_file()],
        Command::Kubiya(c) => [Some(&c.config_file), Some(c.command.config_file())],
        Command::Config(c) => [Some(&c.config_file), Some(c.command.config_file())],
        Command::Completions(_) | Command::Emulator(_) => [None, None],
    };
    std::iter::once(Some(top))
        .chain(levels)
        .rev()
        .find_map(|c| c.and_then(|c| c.config_file.clone()))
}

/// Run the parsed command line; the result is the exit code on success.
pub fn dispatch(cli: Cli, streams: &mut Streams, out: Output) -> anyhow::Result<i32> {
    let Cli {
        global,
        config_file: top,
        command,
    } = cli;
    check_output(&global, &command)?;
    if matches!(
        command,
        Command::Chatbotkit(_) | Command::Kubiya(_) | Command::Config(_)
    ) {
        crate::config::refuse_unreadable_vars(crate::env::set_but_not_text)?;
    }
    let file = config_file(&top, &command);
    let mut ctx = Ctx::resolve(&global, file, &crate::env::process_env, streams, out);
    match command {
        Command::Chatbotkit(c) => Ok(chatbotkit::run(ctx, &c.provider, c.command)?),
        Command::Kubiya(c) => Ok(kubiya::run(ctx, &c.provider, c.command)?),
        Command::Completions(a) => {
            ctx.streams
                .stdout
                .write_all(&generated::completion(a.shell))?;
            Ok(exit::SUCCESS)
        }
        Command::Config(c) => Ok(config::run(&mut ctx, c.command)?),
        Command::Emulator(a) => {
            // --token, else SECRETCTL_EMULATOR_TOKEN (kept out of argv), else a random one.
            let token = a
                .token
                .or_else(|| {
                    crate::env::process_env("SECRETCTL_EMULATOR_TOKEN").filter(|t| !t.is_empty())
                })
                .unwrap_or_else(crate::emulator::random_token);
            crate::emulator::run(
                crate::emulator::EmulatorOptions {
                    port: a.port,
                    token,
                },
                &a.command,
            )
        }
    }
}

/// `-o terraform` describes existing secrets: `list` and `get` print it, every other command
/// refuses it here, once, before any input is read or any request is sent.
fn check_output(global: &GlobalArgs, command: &Command) -> Result<()> {
    if global.output != Some(OutputFormat::Terraform) {
        return Ok(());
    }
    let (provider, verb) = match command {
        Command::Chatbotkit(c) => (
            Some(ProviderKind::Chatbotkit),
            match &c.command {
                CbkCommand::List(_) => return Ok(()),
                CbkCommand::Get(a) => return check_terraform_get(a.reveal),
                CbkCommand::Create(_) => "create",
                CbkCommand::Update(_) => "update",
                CbkCommand::Delete(_) => "delete",
                CbkCommand::Import(_) => "import",
                CbkCommand::Sync(_) => "sync",
                CbkCommand::Verify(_) => "verify",
                CbkCommand::Revoke(_) => "revoke",
                CbkCommand::Export(_) => "export",
                CbkCommand::Run(_) => "run",
            },
        ),
        Command::Kubiya(c) => (
            Some(ProviderKind::Kubiya),
            match &c.command {
                KubiyaCommand::List(_) => return Ok(()),
                KubiyaCommand::Get(a) => return check_terraform_get(a.reveal),
                KubiyaCommand::Create(_) => "create",
                KubiyaCommand::Update(_) => "update",
                KubiyaCommand::Delete(_) => "delete",
                KubiyaCommand::Import(_) => "import",
                KubiyaCommand::Sync(_) => "sync",
                KubiyaCommand::Export(_) => "export",
                KubiyaCommand::Run(_) => "run",
            },
        ),
        Command::Completions(_) => (None, "completions"),
        Command::Config(_) => (None, "config"),
        Command::Emulator(_) => (None, "emulator"),
    };
    let provider = provider.map_or(String::new(), |k| format!("{} ", k.key()));
    Err(error::usage(format!(
        "-o terraform works with list and get only, not with '{provider}{verb}'; nothing was sent"
    ))
    .with_hint("use -o json, -o plain or -o table here; list -o terraform prints the blocks"))
}

fn check_terraform_get(reveal: bool) -> Result<()> {
    if reveal {
        return Err(error::usage(
            "get --reveal prints the value itself and -o terraform never holds a value; nothing was sent",
        )
        .with_hint("drop --reveal to print the Terraform blocks"));
    }
    Ok(())
}

/// Builds the adapter, with the variable `--value-env` names kept from the token lookup, and
/// runs `verb` on it. The arms check all they can first: nothing is read from the config or
/// sent before this.
fn on(
    ctx: &mut Ctx,
    kind: ProviderKind,
    p: &ProviderArgs,
    value: Option<&ValueArgs>,
    verb: impl FnOnce(&mut Ctx, &dyn Provider) -> Result<i32>,
) -> Result<i32> {
    let value_env = value.and_then(|v| v.value_env.as_deref());
    let prov = provider(ctx, kind, p, value_env, None)?;
    verb(ctx, &*prov)
}

/// `get`, for either provider: `--reveal` of a value the API never returns is refused before
/// connecting.
fn get(
    ctx: &mut Ctx,
    kind: ProviderKind,
    p: &ProviderArgs,
    target: &str,
    reveal: bool,
) -> Result<i32> {
    get::check(kind, reveal)?;
    on(ctx, kind, p, None, |ctx, prov| {
        get::get(ctx, prov, target, reveal)
    })
}

/// `import`, for either provider: a paced connection, then the import engine.
fn import(
    ctx: &mut Ctx,
    kind: ProviderKind,
    p: &ProviderArgs,
    a: &crate::cli::ImportArgs,
) -> Result<i32> {
    let pace = bulk_pace(ctx, a.concurrency);
    let prov = provider_for_copy(ctx, kind, p, &pace)?;
    crate::import::run(ctx, &*prov, a, &pace)
}

/// `sync`, for either provider: its own argument checks first (nothing read or sent), then
/// as import.
fn sync(
    ctx: &mut Ctx,
    kind: ProviderKind,
    p: &ProviderArgs,
    a: &crate::cli::SyncArgs,
) -> Result<i32> {
    crate::import::sync::check_args(ctx, a)?;
    let pace = bulk_pace(ctx, a.concurrency);
    let prov = provider_for_copy(ctx, kind, p, &pace)?;
    crate::import::sync::run(ctx, &*prov, a, &pace)
}

/// `export`, for either provider: refused where values are write-only, then its checks
/// (stdout on a terminal, `--out`), all before connecting; then a paced connection.
fn export(
    ctx: &mut Ctx,
    kind: ProviderKind,
    p: &ProviderArgs,
    a: &crate::cli::ExportArgs,
) -> Result<i32> {
    if !kind.values_readable() {
        return Err(crate::export::refuse_write_only(kind, "export"));
    }
    let out = crate::export::check(ctx, a)?;
    let pace = bulk_pace(ctx, a.concurrency);
    let prov = provider_for_copy(ctx, kind, p, &pace)?;
    crate::export::export(ctx, &*prov, a, out, &pace)
}

/// `run`, for either provider: refused where values are write-only, before connecting.
fn run_with_secrets(
    ctx: &mut Ctx,
    kind: ProviderKind,
    p: &ProviderArgs,
    a: &crate::cli::RunArgs,
) -> Result<i32> {
    if !kind.values_readable() {
        return Err(crate::export::refuse_write_only(kind, "run"));
    }
    crate::export::run::check(kind, a)?;
    let pace = bulk_pace(ctx, a.concurrency);
    let prov = provider(ctx, kind, p, None, Some(&pace))?;
    crate::export::run::run(ctx, &*prov, a, &pace)
}
