//! `secretctl chatbotkit …`: ChatBotKit's arguments onto the shared verbs, and its own rules
//! (a personal secret takes no value; the fields in the API's spelling).

use serde_json::{Map, Value, json};

use super::create::{self, CreateArgs, ValueMode};
use super::update::{self, UpdateArgs};
use super::{delete, export, get, import, list, on, revoke, run_with_secrets, sync, verify};
use crate::cli::{CbkCommand, CbkFields, ProviderArgs};
use crate::context::{Ctx, config_entries};
use crate::error::{self, Result};
use crate::input::{self, ValueArgs};
use crate::provider::{ListFilter, ProviderKind};

const CBK: ProviderKind = ProviderKind::Chatbotkit;

/// ChatBotKit's own fields in the API's spelling. `config` and `meta` go to `merge` on
/// update (merged into the stored maps) and into `fields` on create.
fn cbk_fields(
    f: &CbkFields,
    config: &[input::ConfigValue],
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
            .map(|c| (c.key.clone(), json!(c.value.expose())))
            .collect();
        maps.insert("config".into(), Value::Object(m));
    }
    if !f.meta.is_empty() {
        let m: Map<String, Value> = f.meta.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
        maps.insert("meta".into(), Value::Object(m));
    }
    (fields, maps)
}

/// The `--config` values read from a file or standard input: secret whatever their key.
fn secret_config(config: &[input::ConfigValue]) -> Vec<&str> {
    config
        .iter()
        .filter(|c| c.secret)
        .map(|c| c.value.expose())
        .collect()
}

pub(super) fn run(mut ctx: Ctx, p: &ProviderArgs, command: CbkCommand) -> Result<i32> {
    use crate::cli::CbkKind;
    match command {
        CbkCommand::Create(a) => {
            let value = ValueArgs::from(&a.value);
            let entries = config_entries(&a.fields.config);
            let personal = a.fields.kind == Some(CbkKind::Personal);
            if personal && (value.has_source() || value.base64 || value.keep_newline) {
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
            // Piped input that nothing reads is refused rather than dropped; every --config
            // entry is checked and read before anything is sent.
            let takes_value = mode == ValueMode::Required;
            input::refuse_unread_value_stdin(
                ctx.streams,
                &value,
                takes_value,
                &entries,
                if personal {
                    "a personal secret takes no value (ChatBotKit forbids one)"
                } else {
                    "--no-value creates the secret without one"
                },
            )?;
            let reads = input::value_reads_stdin(&value, takes_value, ctx.streams.stdin_tty);
            let config = input::read_config(&entries, reads, ctx.streams)?;
            let (mut fields, maps) = cbk_fields(&a.fields, &config);
            fields.extend(maps);
            let args = CreateArgs {
                mode,
                fields,
                secrets: secret_config(&config),
                ..CreateArgs::new(&a.name, a.fields.description.as_deref(), &value)
            };
            on(&mut ctx, CBK, p, Some(&value), |ctx, prov| {
                create::create(ctx, prov, args)
            })
        }
        CbkCommand::Get(a) => get(&mut ctx, CBK, p, &a.name_or_id, a.reveal),
        CbkCommand::Update(a) => {
            let value = ValueArgs::from(&a.value);
            let entries = config_entries(&a.fields.config);
            input::refuse_unread_value_stdin(
                ctx.streams,
                &value,
                !a.keep_value,
                &entries,
                input::KEEP_VALUE,
            )?;
            let reads = input::value_reads_stdin(&value, !a.keep_value, ctx.streams.stdin_tty);
            let config = input::read_config(&entries, reads, ctx.streams)?;
            let (fields, merge) = cbk_fields(&a.fields, &config);
            let description = a.fields.description.as_deref();
            let args = UpdateArgs {
                new_name: a.name.as_deref(),
                fields,
                merge,
                secrets: secret_config(&config),
                ..UpdateArgs::new(&a.name_or_id, description, &value, a.keep_value)
            };
            on(&mut ctx, CBK, p, Some(&value), |ctx, prov| {
                update::update(ctx, prov, args)
            })
        }
        CbkCommand::Delete(a) => on(&mut ctx, CBK, p, None, |ctx, prov| {
            delete::delete(ctx, prov, &a.name_or_id, a.yes, a.ignore_missing, a.force)
        }),
        CbkCommand::List(a) => on(&mut ctx, CBK, p, None, |ctx, prov| {
            list::list(ctx, prov, &ListFilter { meta: a.meta }, &a.names, a.unused)
        }),
        CbkCommand::Import(a) => import(&mut ctx, CBK, p, &a),
        CbkCommand::Sync(a) => sync(&mut ctx, CBK, p, &a),
        CbkCommand::Verify(a) => on(&mut ctx, CBK, p, None, |ctx, prov| {
            verify::verify(ctx, prov, &a.name_or_id)
        }),
        CbkCommand::Revoke(a) => on(&mut ctx, CBK, p, None, |ctx, prov| {
            revoke::revoke(ctx, prov, &a.name_or_id, a.yes)
        }),
        CbkCommand::Export(a) => export(&mut ctx, CBK, p, &a),
        CbkCommand::Run(a) => run_with_secrets(&mut ctx, CBK, p, &a),
    }
}
