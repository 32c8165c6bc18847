//! Building the provider: config file and profile → endpoint → token → transport → adapter.

use std::ffi::OsStr;
use std::sync::Arc;

use reqwest::Url;

use crate::cli::ProviderArgs;
use crate::config::Config;
use crate::context::Ctx;
use crate::error::Result;
use crate::pace::Pace;
use crate::provider::chatbotkit::Chatbotkit;
use crate::provider::kubiya::Kubiya;
use crate::provider::{Provider, ProviderKind};
use crate::transport::Transport;

/// Build the transport for a provider: config file, profile, base URL, token.
fn connect(
    ctx: &Ctx,
    kind: ProviderKind,
    p: &ProviderArgs,
    value_env: Option<&OsStr>,
    pace: Option<&Arc<Pace>>,
) -> Result<(Transport, Url)> {
    let env = ctx.env;
    let cfg = Config::load(&ctx.config)?;
    let ep = crate::config::resolve_endpoint(kind, p.base_url.as_deref(), &cfg, env)?;
    let keep: Vec<&str> = value_env.and_then(OsStr::to_str).into_iter().collect();
    let (token, _) = crate::config::resolve_token(kind, &cfg, env, ctx.timeout, &keep)?;
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
    if let (Some(header), Some((var, user))) =
        (kind.run_as_header(), crate::config::run_as_user(kind, env))
    {
        t = t.with_header(header, user.trim(), var)?;
    }
    Ok((t, ep.api_root))
}

/// The provider's adapter, connected: the one place a `Provider` is built.
pub(super) fn provider(
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

/// The shared pace of a bulk run of `concurrency` workers.
pub(super) fn bulk_pace(ctx: &Ctx, concurrency: u16) -> Arc<Pace> {
    Arc::new(Pace::new(concurrency.into(), Pace::give_up_from(ctx.env)))
}
