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
use crate::secret::Token;
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
    let t = transport(ctx, kind, token, &ep.api_root, pace)?;
    Ok((t, ep.api_root))
}

/// The one HTTP client of a provider, with the run's limits, its pace, and the run-as user.
fn transport(
    ctx: &Ctx,
    kind: ProviderKind,
    token: Token,
    api_root: &Url,
    pace: Option<&Arc<Pace>>,
) -> Result<Transport> {
    let mut t = Transport::new(kind, token, ctx.timeout, ctx.retries, ctx.verbose, api_root)?;
    if let Some(pace) = pace {
        t = t.with_pace(Arc::clone(pace));
    }
    // Act as a child user, as ChatBotKit's own CLI and SDKs do with these variables.
    if let (Some(header), Some((var, user))) = (
        kind.run_as_header(),
        crate::config::run_as_user(kind, ctx.env),
    ) {
        t = t.with_header(header, user.trim(), var)?;
    }
    Ok(t)
}

fn adapter(kind: ProviderKind, t: Transport, root: Url) -> Box<dyn Provider> {
    match kind {
        ProviderKind::Chatbotkit => Box::new(Chatbotkit::new(t, root)),
        ProviderKind::Kubiya => Box::new(Kubiya::new(t, root)),
    }
}

/// The provider's adapter, connected: the one place a `Provider` is built from the
/// settings in effect.
pub(super) fn provider(
    ctx: &Ctx,
    kind: ProviderKind,
    p: &ProviderArgs,
    value_env: Option<&OsStr>,
    pace: Option<&Arc<Pace>>,
) -> Result<Box<dyn Provider>> {
    let (t, root) = connect(ctx, kind, p, value_env, pace)?;
    Ok(adapter(kind, t, root))
}

/// The adapter for a token that is not stored yet (`config set-token` proves it first), at
/// the API root it will be used with.
pub(super) fn provider_for(
    ctx: &Ctx,
    kind: ProviderKind,
    token: Token,
    api_root: Url,
) -> Result<Box<dyn Provider>> {
    let t = transport(ctx, kind, token, &api_root, None)?;
    Ok(adapter(kind, t, api_root))
}

/// The shared pace of a bulk run of `concurrency` workers.
pub(super) fn bulk_pace(ctx: &Ctx, concurrency: u16) -> Arc<Pace> {
    Arc::new(Pace::new(concurrency.into(), Pace::give_up_from(ctx.env)))
}
