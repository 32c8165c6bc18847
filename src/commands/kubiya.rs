//! `secretctl kubiya …`: Kubiya's arguments onto the shared verbs.

use super::create::{self, CreateArgs};
use super::update::{self, UpdateArgs};
use super::{delete, export, get, import, list, on, run_with_secrets, sync};
use crate::cli::{KubiyaCommand, ProviderArgs};
use crate::context::Ctx;
use crate::error::Result;
use crate::input::{self, ValueArgs};
use crate::provider::{ListFilter, ProviderKind};

const KUBIYA: ProviderKind = ProviderKind::Kubiya;

pub(super) fn run(mut ctx: Ctx, p: &ProviderArgs, command: KubiyaCommand) -> Result<i32> {
    match command {
        KubiyaCommand::Create(a) => {
            let value = ValueArgs::from(&a.value);
            input::refuse_unread_value_stdin(ctx.streams, &value, true, &[], "")?;
            let args = CreateArgs::new(&a.name, a.description.as_deref(), &value);
            on(&mut ctx, KUBIYA, p, Some(&value), |ctx, prov| {
                create::create(ctx, prov, args)
            })
        }
        KubiyaCommand::Get(a) => get(&mut ctx, KUBIYA, p, &a.name_or_id, a.reveal),
        KubiyaCommand::Update(a) => {
            let value = ValueArgs::from(&a.value);
            input::refuse_unread_value_stdin(
                ctx.streams,
                &value,
                !a.keep_value,
                &[],
                input::KEEP_VALUE,
            )?;
            let args = UpdateArgs::new(&a.name, a.description.as_deref(), &value, a.keep_value);
            on(&mut ctx, KUBIYA, p, Some(&value), |ctx, prov| {
                update::update(ctx, prov, args)
            })
        }
        KubiyaCommand::Delete(a) => on(&mut ctx, KUBIYA, p, None, |ctx, prov| {
            delete::delete(ctx, prov, &a.name_or_id, a.yes, a.ignore_missing, a.force)
        }),
        KubiyaCommand::List(a) => on(&mut ctx, KUBIYA, p, None, |ctx, prov| {
            list::list(ctx, prov, &ListFilter::default(), &a.names, a.unused)
        }),
        KubiyaCommand::Import(a) => import(&mut ctx, KUBIYA, p, &a),
        KubiyaCommand::Sync(a) => sync(&mut ctx, KUBIYA, p, &a),
        KubiyaCommand::Export(a) => export(&mut ctx, KUBIYA, p, &a),
        KubiyaCommand::Run(a) => run_with_secrets(&mut ctx, KUBIYA, p, &a),
    }
}
