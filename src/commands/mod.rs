//! One function per verb, written once against [`Provider`]; this file maps each provider's
//! arguments onto them and builds the provider (config → endpoint → token → transport).

pub mod common;
pub mod config;
pub mod create;
pub mod delete;
pub mod generated;
pub mod get;
pub mod list;
pub mod revoke;
pub mod update;
pub mod verify;

#[cfg(test)]
mod tests;

use std::ffi::OsStr;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use reqwest::Url;
use serde_json::{Map, Value, json};

use crate::cli::{
    CbkCommand, CbkFields, Cli, Command, ConfigFileArg, GlobalArgs, KubiyaCommand, OutputFormat,
    ProviderArgs, ValueArgs,
};
use crate::config::Config;
use crate::context::Ctx;
use crate::error::{self, Result};
use crate::input;
use crate::output::Output;
use crate::pace::Pace;
use crate::provider::ProviderKind;
use crate::provider::chatbotkit::Chatbotkit;
use crate::provider::kubiya::Kubiya;
use crate::provider::{ListFilter, Provider};
use crate::streams::Streams;
use crate::transport::Transport;

use create::{CreateArgs, ValueMode};
use update::UpdateArgs;

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
    let mut ctx = Ctx::resolve(&global, config_file(&top, &command), streams, out);
    match command {
        Command::Chatbotkit(c) => Ok(chatbotkit(ctx, &c.provider, c.command)?),
        Command::Kubiya(c) => Ok(kubiya(ctx, &c.provider, c.command)?),
        Command::Completions(a) => {
            ctx.streams
                .stdout
                .write_all(&generated::completion(a.shell))?;
            Ok(0)
        }
        Command::Config(c) => Ok(config::run(&mut ctx, c.command)?),
        Command::Emulator(a) => {
            let token = a.token.unwrap_or_else(crate::emulator::random_token);
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
            "chatbotkit ",
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
            },
        ),
        Command::Kubiya(c) => (
            "kubiya ",
            match &c.command {
                KubiyaCommand::List(_) => return Ok(()),
                KubiyaCommand::Get(a) => return check_terraform_get(a.reveal),
                KubiyaCommand::Create(_) => "create",
                KubiyaCommand::Update(_) => "update",
                KubiyaCommand::Delete(_) => "delete",
                KubiyaCommand::Import(_) => "import",
                KubiyaCommand::Sync(_) => "sync",
            },
        ),
        Command::Completions(_) => ("", "completions"),
        Command::Config(_) => ("", "config"),
        Command::Emulator(_) => ("", "emulator"),
    };
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

/// Build the transport for a provider: config file, profile, base URL, token.
fn connect(
    ctx: &Ctx,
    kind: ProviderKind,
    p: &ProviderArgs,
    value_env: Option<&OsStr>,
    pace: Option<&Arc<Pace>>,
) -> Result<(Transport, Url)> {
    let env = crate::config::process_env;
    let cfg = Config::load(ctx.config_file.as_deref(), ctx.profile.as_deref(), &env)?;
    let ep = crate::config::resolve_endpoint(kind, p.base_url.as_deref(), &cfg, &env)?;
    let keep: Vec<&str> = value_env.and_then(OsStr::to_str).into_iter().collect();
    let (token, _) = crate::config::resolve_token(kind, &cfg, &env, ctx.timeout, &keep)?;
    let mut t = Transport::new(
        kind,
        token,
        ctx.timeout,
        ctx.retries,
        ctx.verbose,
        &ep.api_root,
    )?;
    if let Some(pace) = pace {
        t = t.with_pace(Arc::clone(pace));
    }
    // Act as a child user, as ChatBotKit's own CLI and SDKs do with these variables.
    if let Some((var, user)) = crate::config::run_as_user(kind, &env) {
        t = t.with_header("x-runas-user-id", user.trim(), var)?;
    }
    Ok((t, ep.api_root))
}

/// The provider's adapter, connected: the one place a `Provider` is built.
fn provider(
    ctx: &Ctx,
    kind: ProviderKind,
    p: &ProviderArgs,
    value_env: Option<&OsStr>,
    pace: Option<&Arc<Pace>>,
) -> Result<Box<dyn Provider>> {
    let (t, root) = connect(ctx, kind, p, value_env, pace)?;
    Ok(match kind {
        ProviderKind::Chatbotkit => Box::new(Chatbotkit::new(t, root)),
        ProviderKind::Kubiya => Box::new(Kubiya::new(t, root)),
    })
}

const CBK: ProviderKind = ProviderKind::Chatbotkit;
const KUBIYA: ProviderKind = ProviderKind::Kubiya;

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

/// ChatBotKit's own actions (verify, revoke) need the adapter itself.
fn connect_cbk(ctx: &Ctx, p: &ProviderArgs) -> Result<Chatbotkit> {
    let (t, root) = connect(ctx, ProviderKind::Chatbotkit, p, None, None)?;
    Ok(Chatbotkit::new(t, root))
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

/// The shared pace of a bulk run of `concurrency` workers.
fn bulk_pace(concurrency: u16) -> Arc<Pace> {
    Arc::new(Pace::new(concurrency.into(), Pace::give_up_from_env()))
}

/// `import`, for either provider: a paced connection, then the import engine.
fn import(
    ctx: &mut Ctx,
    kind: ProviderKind,
    p: &ProviderArgs,
    a: &crate::cli::ImportArgs,
) -> Result<i32> {
    let pace = bulk_pace(a.concurrency);
    let prov = provider(ctx, kind, p, None, Some(&pace))?;
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
    let pace = bulk_pace(a.concurrency);
    let prov = provider(ctx, kind, p, None, Some(&pace))?;
    crate::import::sync::run(ctx, &*prov, a, &pace)
}

/// ChatBotKit's own fields in the API's spelling. `config` and `meta` go to `merge` on
/// update (merged into the stored maps) and into `fields` on create.
fn cbk_fields(
    f: &CbkFields,
    config: &[(String, crate::secret::SecretValue)],
) -> (Map<String, Value>, Map<String, Value>) {
    let mut fields = Map::new();
    let mut maps = Map::new();
    if let Some(t) = f.secret_type {
        fields.insert("type".into(), json!(t.api_name()));
    }
    if let Some(k) = f.kind {
        fields.insert("kind".into(), json!(k.api_name()));
    }
    if let Some(v) = f.visibility {
        fields.insert("visibility".into(), json!(v.api_name()));
    }
    if let Some(b) = &f.blueprint_id {
        fields.insert("blueprintId".into(), json!(b));
    }
    if let Some(a) = &f.alias {
        fields.insert("alias".into(), json!(a));
    }
    if !config.is_empty() {
        let m: Map<String, Value> = config
            .iter()
            .map(|(k, v)| (k.clone(), json!(v.expose())))
            .collect();
        maps.insert("config".into(), Value::Object(m));
    }
    if !f.meta.is_empty() {
        let m: Map<String, Value> = f.meta.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
        maps.insert("meta".into(), Value::Object(m));
    }
    (fields, maps)
}

fn chatbotkit(mut ctx: Ctx, p: &ProviderArgs, command: CbkCommand) -> Result<i32> {
    use crate::cli::CbkKind;
    match command {
        CbkCommand::Create(a) => {
            let personal = a.fields.kind == Some(CbkKind::Personal);
            if personal && (a.value.has_source() || a.value.base64 || a.value.keep_newline) {
                return Err(error::usage(
                    "a personal secret takes no value (ChatBotKit forbids one); nothing was sent",
                )
                .with_hint("drop the value flags, or use --kind shared"));
            }
            let mode = if personal || a.no_value {
                ValueMode::None
            } else {
                ValueMode::Required
            };
            // Every --config entry is checked and read before anything is sent; piped input
            // that nothing reads is refused rather than dropped.
            let takes_value = mode == ValueMode::Required;
            let reads = input::value_reads_stdin(&a.value, takes_value, ctx.streams.stdin_tty);
            let config = input::read_config(&a.fields.config, reads, ctx.streams)?;
            let config_reads_stdin = a
                .fields
                .config
                .iter()
                .any(|e| matches!(e.source, crate::cli::ConfigSource::Stdin));
            if !takes_value && !config_reads_stdin {
                input::refuse_unread_stdin(
                    ctx.streams,
                    if personal {
                        "a personal secret takes no value (ChatBotKit forbids one)"
                    } else {
                        "--no-value creates the secret without one"
                    },
                )?;
            }
            let (mut fields, maps) = cbk_fields(&a.fields, &config);
            fields.extend(maps);
            let args = CreateArgs {
                mode,
                fields,
                ..CreateArgs::new(&a.name, a.fields.description.as_deref(), &a.value)
            };
            on(&mut ctx, CBK, p, Some(&a.value), |ctx, prov| {
                create::create(ctx, prov, args)
            })
        }
        CbkCommand::Get(a) => get(&mut ctx, CBK, p, &a.name_or_id, a.reveal),
        CbkCommand::Update(a) => {
            let reads = input::value_reads_stdin(&a.value, !a.keep_value, ctx.streams.stdin_tty);
            let config = input::read_config(&a.fields.config, reads, ctx.streams)?;
            let (fields, merge) = cbk_fields(&a.fields, &config);
            let description = a.fields.description.as_deref();
            let args = UpdateArgs {
                new_name: a.name.as_deref(),
                fields,
                merge,
                ..UpdateArgs::new(&a.name_or_id, description, &a.value, a.keep_value)
            };
            on(&mut ctx, CBK, p, Some(&a.value), |ctx, prov| {
                update::update(ctx, prov, args)
            })
        }
        CbkCommand::Delete(a) => on(&mut ctx, CBK, p, None, |ctx, prov| {
            delete::delete(ctx, prov, &a.name_or_id, a.yes, a.ignore_missing)
        }),
        CbkCommand::List(a) => on(&mut ctx, CBK, p, None, |ctx, prov| {
            list::list(ctx, prov, &ListFilter { meta: a.meta }, &a.names)
        }),
        CbkCommand::Import(a) => import(&mut ctx, CBK, p, &a),
        CbkCommand::Sync(a) => sync(&mut ctx, CBK, p, &a),
        CbkCommand::Verify(a) => {
            let prov = connect_cbk(&ctx, p)?;
            verify::verify(&mut ctx, &prov, &a.name_or_id)
        }
        CbkCommand::Revoke(a) => {
            let prov = connect_cbk(&ctx, p)?;
            revoke::revoke(&mut ctx, &prov, &a.name_or_id, a.yes)
        }
    }
}

fn kubiya(mut ctx: Ctx, p: &ProviderArgs, command: KubiyaCommand) -> Result<i32> {
    match command {
        KubiyaCommand::Create(a) => {
            let args = CreateArgs::new(&a.name, a.description.as_deref(), &a.value);
            on(&mut ctx, KUBIYA, p, Some(&a.value), |ctx, prov| {
                create::create(ctx, prov, args)
            })
        }
        KubiyaCommand::Get(a) => get(&mut ctx, KUBIYA, p, &a.name_or_id, a.reveal),
        KubiyaCommand::Update(a) => {
            let args = UpdateArgs::new(&a.name, a.description.as_deref(), &a.value, a.keep_value);
            on(&mut ctx, KUBIYA, p, Some(&a.value), |ctx, prov| {
                update::update(ctx, prov, args)
            })
        }
        KubiyaCommand::Delete(a) => on(&mut ctx, KUBIYA, p, None, |ctx, prov| {
            delete::delete(ctx, prov, &a.name_or_id, a.yes, a.ignore_missing)
        }),
        KubiyaCommand::List(a) => on(&mut ctx, KUBIYA, p, None, |ctx, prov| {
            list::list(ctx, prov, &ListFilter::default(), &a.names)
        }),
        KubiyaCommand::Import(a) => import(&mut ctx, KUBIYA, p, &a),
        KubiyaCommand::Sync(a) => sync(&mut ctx, KUBIYA, p, &a),
    }
}
