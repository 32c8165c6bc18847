//! `secretctl config check`: for each provider, the base URL and where it comes from, where
//! the token comes from (never the token), and one read call that proves it — the same call
//! `config set-token` makes before it stores a token ([`prove`]).

use std::io::Write;
use std::time::Instant;

use serde_json::{Value, json};

use super::Ctx;
use super::connect::provider_for;
use crate::config::{self, Config};
use crate::error::{self, Error, Result, exit};
use crate::provider::{Provider, ProviderKind};
use crate::transport::RateLimit;

/// What a proven token showed: how long the call took, and the headroom the server announced.
pub struct Proof {
    pub ms: u128,
    pub headroom: Option<RateLimit>,
}

impl Proof {
    /// `120 ms` or `120 ms, 99/100 requests left, resets in 60 s`.
    pub fn describe(&self) -> String {
        match self
            .headroom
            .map(|h| h.describe())
            .filter(|h| !h.is_empty())
        {
            Some(h) => format!("{} ms, {h}", self.ms),
            None => format!("{} ms", self.ms),
        }
    }
}

/// The provider's cheapest authenticated read ([`Provider::prove_token`]), timed.
pub fn prove(prov: &dyn Provider) -> Result<Proof> {
    let start = Instant::now();
    let headroom = prov.prove_token()?;
    Ok(Proof {
        ms: start.elapsed().as_millis(),
        headroom,
    })
}

enum Status {
    Ok(Proof),
    /// No token; with the error when the provider was named.
    NotConfigured(Option<Error>),
    Failed(Error),
}

struct Row {
    kind: ProviderKind,
    /// The API root, or `None` when the base URL is invalid.
    base_url: Option<String>,
    base_source: String,
    token_source: Option<String>,
    status: Status,
}

impl Row {
    fn code(&self) -> i32 {
        match &self.status {
            Status::Ok(_) | Status::NotConfigured(None) => exit::SUCCESS,
            Status::NotConfigured(Some(e)) | Status::Failed(e) => e.code(),
        }
    }

    fn error(&self) -> Option<&Error> {
        match &self.status {
            Status::NotConfigured(e) => e.as_ref(),
            Status::Failed(e) => Some(e),
            Status::Ok(_) => None,
        }
    }

    fn status_word(&self) -> &'static str {
        match self.status {
            Status::Ok(_) => "ok",
            Status::NotConfigured(_) => "not configured",
            Status::Failed(_) => "error",
        }
    }

    /// The time and headroom, the error, or what to do about a missing token.
    fn detail(&self) -> String {
        match &self.status {
            Status::Ok(p) => p.describe(),
            Status::NotConfigured(_) => format!(
                "set {} or run 'secretctl config set-token {}'",
                self.kind.token_env()[0],
                self.kind.key()
            ),
            Status::Failed(e) => e.msg().text.clone(),
        }
    }

    fn json(&self) -> Value {
        let mut v = json!({
            "provider": self.kind.key(),
            "base_url": self.base_url,
            "base_url_source": self.base_source,
            "token_source": self.token_source,
            "status": self.status_word(),
        });
        if let Some(e) = self.error() {
            v["error"] = Value::String(e.msg().text.clone());
        }
        if let Status::Ok(p) = &self.status {
            v["ms"] = json!(p.ms);
            if let Some(h) = p.headroom {
                v["rate_limit"] = json!({
                    "limit": h.limit,
                    "remaining": h.remaining,
                    "reset_secs": h.reset_secs,
                });
            }
        }
        v
    }
}

/// Check every provider, or only the one named (`base_url`, its `--base-url`, needs it named);
/// the exit code is the worst of the checks.
pub fn run(ctx: &mut Ctx, only: Option<ProviderKind>, base_url: Option<&str>) -> Result<i32> {
    let cfg = Config::load(&ctx.config)?;
    let kinds = only.map_or(ProviderKind::ALL.to_vec(), |k| vec![k]);
    let rows: Vec<Row> = kinds
        .into_iter()
        .map(|k| check(ctx, &cfg, k, only.is_some(), base_url))
        .collect();
    let out = ctx.out;
    let mut list = out.list(&[
        "PROVIDER",
        "BASE_URL",
        "BASE_URL_SOURCE",
        "TOKEN_SOURCE",
        "STATUS",
        "DETAIL",
    ]);
    for r in &rows {
        let cells = vec![
            r.kind.key().to_string(),
            r.base_url.clone().unwrap_or_else(|| "-".into()),
            r.base_source.clone(),
            r.token_source.clone().unwrap_or_else(|| "-".into()),
            r.status_word().to_string(),
            r.detail(),
        ];
        list.push(&mut ctx.streams.stdout, cells, &r.json())
            .map_err(error::output)?;
    }
    list.finish(&mut ctx.streams.stdout)
        .map_err(error::output)?;
    // What to do about each failure, where a person reads it (the report has the message).
    if out.format != crate::output::OutputFormat::Json {
        for e in rows.iter().filter_map(Row::error) {
            if let Some(h) = &e.msg().hint {
                let _ = writeln!(ctx.streams.stderr, "hint: {}", crate::sanitize::sanitize(h));
            }
        }
    }
    if rows
        .iter()
        .all(|r| matches!(r.status, Status::NotConfigured(None)))
    {
        let _ = writeln!(
            ctx.streams.stderr,
            "no provider has a token; run 'secretctl config set-token <chatbotkit|kubiya>'"
        );
    }
    Ok(rows.iter().map(Row::code).max().unwrap_or(exit::SUCCESS))
}

/// One provider's row: the endpoint and token as every command resolves them, and the proof.
fn check(ctx: &Ctx, cfg: &Config, kind: ProviderKind, named: bool, base_url: Option<&str>) -> Row {
    let env = ctx.env;
    let endpoint = config::resolve_endpoint(kind, base_url, cfg, env);
    let (base_url, base_source) = match &endpoint {
        Ok(ep) => (Some(ep.api_root.to_string()), ep.base_source.to_string()),
        Err(_) => (None, "-".to_string()),
    };
    let token_source = config::token_source(kind, cfg, env);
    let status = match (&token_source, endpoint) {
        (None, _) => Status::NotConfigured(
            named
                .then(|| config::resolve_token(kind, cfg, env, ctx.timeout, &[]).err())
                .flatten(),
        ),
        (Some(_), Err(e)) => Status::Failed(e),
        (Some(_), Ok(ep)) => {
            let proof = config::resolve_token(kind, cfg, env, ctx.timeout, &[])
                .and_then(|(token, _)| provider_for(ctx, kind, token, ep.api_root))
                .and_then(|p| prove(&*p));
            match proof {
                Ok(p) => Status::Ok(p),
                Err(e) => Status::Failed(e),
            }
        }
    };
    Row {
        kind,
        base_url,
        base_source,
        token_source: token_source.map(|s| s.to_string()),
        status,
    }
}
