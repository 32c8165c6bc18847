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

/// Build the transport for a provider: config file, profile, base URL, token; and the
/// warning when the profile named chose none of them.
fn connect(
    ctx: &Ctx,
    kind: ProviderKind,
    p: &ProviderArgs,
    value_env: Option<&OsStr>,
    pace: Option<&Arc<Pace>>,
) -> Result<(Transport, Url, Option<String>)> {
    let cfg = Config::load(&ctx.config)?;
    let keep: Vec<&str> = value_env.and_then(OsStr::to_str).into_iter().collect();
    let r = crate::config::resolve(
        kind,
        p.base_url.as_deref(),
        &cfg,
        &ctx.config,
        ctx.env,
        ctx.timeout,
        &keep,
    )?;
    let t = transport(ctx, kind, r.token, &r.endpoint.api_root, pace)?;
    Ok((t, r.endpoint.api_root, r.unused_profile))
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
    let (t, root, _) = connect(ctx, kind, p, value_env, pace)?;
    Ok(adapter(kind, t, root))
}

/// [`provider`] for the commands that copy between organizations (`export`, `import`,
/// `sync`): a profile named that chose nothing (the environment gave the token and the base
/// URL) is said in one `warning:` line on stderr, since the copy would then go to or come
/// from the environment's organization.
pub(super) fn provider_for_copy(
    ctx: &mut Ctx,
    kind: ProviderKind,
    p: &ProviderArgs,
    pace: &Arc<Pace>,
) -> Result<Box<dyn Provider>> {
    let (t, root, warning) = connect(ctx, kind, p, None, Some(pace))?;
    if let Some(w) = warning {
        use std::io::Write;
        let _ = writeln!(ctx.streams.stderr, "{}", crate::sanitize::sanitize(&w));
    }
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
