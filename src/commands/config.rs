//! `secretctl config path|show|set-token|set-command`: get started without editing TOML.

use std::io::{Read, Write};

use serde_json::json;
use zeroize::Zeroizing;

use super::Ctx;
use crate::cli::ConfigCommand;
use crate::config::{self, Config, TokenSource};
use crate::error::{self, Error, Result, exit};
use crate::output::OutputFormat;
use crate::provider::ProviderKind;
use crate::secret::Token;

pub fn run(ctx: &mut Ctx, cmd: ConfigCommand) -> Result<i32> {
    match cmd {
        ConfigCommand::Path(_) => {
            let p = config::write_path(&ctx.config)?;
            if ctx.out.format == OutputFormat::Json {
                let v = json!({ "path": p.to_string_lossy() });
                writeln!(ctx.streams.stdout, "{v:#}").map_err(error::output)?;
            } else {
                writeln!(ctx.streams.stdout, "{}", p.display()).map_err(error::output)?;
            }
            Ok(exit::SUCCESS)
        }
        ConfigCommand::Show(_) => show(ctx),
        ConfigCommand::Check(a) => super::check::run(
            ctx,
            a.provider.map(ProviderKind::from),
            a.base_url.as_deref(),
        ),
        ConfigCommand::SetToken(a) => {
            let kind = ProviderKind::from(a.provider);
            let token = read_token(ctx, kind)?;
            if !a.no_check {
                let proof = prove_new(ctx, kind, &token, a.base_url.as_deref())?;
                let _ = ctx.out.success(
                    &mut ctx.streams.stderr,
                    &format!("The {} token works ({})", kind.display(), proof.describe()),
                );
            }
            store(
                ctx,
                kind,
                "token",
                &token,
                &format!("the {} token", kind.display()),
            )
        }
        ConfigCommand::SetCommand(a) => {
            let kind = ProviderKind::from(a.provider);
            let line = shlex::try_join(a.command.iter().map(String::as_str))
                .map_err(|_| error::usage("the command contains a NUL byte"))?;
            store(
                ctx,
                kind,
                "token_command",
                &line,
                &format!("token_command for {}", kind.display()),
            )
        }
    }
}

/// Write `key = value` for the provider into the target profile of the config file.
fn store(ctx: &mut Ctx, kind: ProviderKind, key: &str, value: &str, what: &str) -> Result<i32> {
    let path = config::write_path(&ctx.config)?;
    let profile = config::write_profile(&ctx.config, &path);
    config::set_provider_key(&path, &profile, kind, key, value)?;
    // What TAB cached for this profile was fetched with the old credential (a failure too).
    super::complete::cache::forget(kind.key(), &profile);
    let _ = ctx.out.success(
        &mut ctx.streams.stderr,
        &format!(
            "Stored {what} in profile '{profile}' of {} (mode 0600)",
            path.display()
        ),
    );
    // With -o json a script gets what was stored where (never the value itself).
    if ctx.out.format == OutputFormat::Json {
        let v = json!({
            "action": "stored",
            "provider": kind.key(),
            "profile": profile,
            "key": key,
            "path": path.to_string_lossy(),
        });
        writeln!(ctx.streams.stdout, "{v:#}").map_err(error::output)?;
    }
    Ok(exit::SUCCESS)
}

/// Prove a token before it is stored, at the base URL the profile being written uses (the
/// flag, the variable, then that profile's `base_url`, then the default): the call `config
/// check` makes. Any failure stores nothing.
fn prove_new(
    ctx: &mut Ctx,
    kind: ProviderKind,
    token: &str,
    base_url: Option<&str>,
) -> Result<super::check::Proof> {
    let path = config::write_path(&ctx.config)?;
    let profile = config::write_profile(&ctx.config, &path);
    let cfg = Config::load_for_write(&ctx.config, &profile)?;
    let ep = config::resolve_endpoint(kind, base_url, &cfg, ctx.env)?;
    // The flag is where to prove the token, not a setting: once proven, say where the
    // commands will go when that differs.
    let used = config::resolve_endpoint(kind, None, &cfg, ctx.env)
        .ok()
        .filter(|used| base_url.is_some() && used.api_root != ep.api_root);
    let source = ep.base_source.clone();
    let prov = super::connect::provider_for(ctx, kind, Token::new(token), ep.api_root)?;
    let proof = super::check::prove(&*prov).map_err(|e| {
        let e = e.context(format!(
            "the {} token was not stored (the check failed)",
            kind.display()
        ));
        if e.is_not_the_api() {
            return e.with_hint(format!(
                "nothing was written; this base URL (from {source}) is not the {} API's: \
                 give the right one with --base-url, {}, or the profile's base_url",
                kind.display(),
                kind.url_env().join(" / ")
            ));
        }
        match e {
            Error::Auth(_) => e.with_hint(format!(
                "the server refused this token; nothing was written. Check it, or see where \
                 the current one comes from: secretctl config check {}",
                kind.key()
            )),
            e => e.with_hint(format!(
                "nothing was written; to store the token without checking it (offline set-up): \
                 secretctl config set-token {} --no-check{}",
                kind.key(),
                // The same profile as this command, so that the hint stores where it would.
                if profile == "default" {
                    String::new()
                } else {
                    format!(" --profile {profile}")
                }
            )),
        }
    })?;
    if let Some(used) = used {
        let _ = writeln!(
            ctx.streams.stderr,
            "note: --base-url is not stored; commands use {} (from {}) unless given --base-url, {} or a profile's base_url",
            crate::sanitize::sanitize(used.api_root.as_str()),
            used.base_source,
            kind.url_env().join(" / ")
        );
    }
    Ok(proof)
}

/// The token from a hidden prompt or piped stdin — never from an argument.
fn read_token(ctx: &mut Ctx, kind: ProviderKind) -> Result<Zeroizing<String>> {
    let token = if ctx.streams.stdin_tty {
        ctx.streams
            .prompter
            .secret(&format!("{} token: ", kind.display()))
            .map_err(|e| error::usage(format!("cannot read the token from the terminal: {e}")))?
    } else {
        let mut buf = Zeroizing::new(Vec::new());
        (&mut ctx.streams.stdin)
            .take(64 * 1024)
            .read_to_end(&mut buf)
            .map_err(|e| error::usage(format!("cannot read standard input: {e}")))?;
        let s =
            std::str::from_utf8(&buf).map_err(|_| error::usage("the token is not valid UTF-8"))?;
        Zeroizing::new(s.to_string())
    };
    let trimmed = Zeroizing::new(token.trim().to_string());
    if trimmed.is_empty() {
        return Err(
            error::usage("the token is empty; nothing was written").with_hint(
                "pipe it in (op read … | secretctl config set-token …) or type it at the prompt",
            ),
        );
    }
    if trimmed.contains(['\n', '\r']) {
        return Err(error::usage(
            "the token spans several lines; nothing was written",
        ));
    }
    Ok(trimmed)
}

fn show(ctx: &mut Ctx) -> Result<i32> {
    let env = ctx.env;
    let cfg = Config::load(&ctx.config)?;
    let path = config::write_path(&ctx.config)?;
    let exists = cfg.path.is_some();
    let mut rows = Vec::new();
    let mut obj = serde_json::Map::new();
    for kind in ProviderKind::ALL {
        let (base, base_src) = match config::resolve_endpoint(kind, None, &cfg, env) {
            Ok(ep) => (ep.api_root.to_string(), ep.base_source.to_string()),
            Err(e) => (format!("invalid: {}", e.msg().text), "-".to_string()),
        };
        let (token, token_src) = match config::token_source(kind, &cfg, env) {
            Some(src @ TokenSource::Command(_)) => {
                ("<from token_command, not run>".to_string(), src.to_string())
            }
            Some(src @ (TokenSource::Env(_) | TokenSource::Token(_))) => {
                ("<redacted>".to_string(), src.to_string())
            }
            None => ("(none)".to_string(), "-".to_string()),
        };
        rows.push(vec![
            kind.key().to_string(),
            "base_url".into(),
            base.clone(),
            base_src.clone(),
        ]);
        rows.push(vec![
            kind.key().to_string(),
            "token".into(),
            token.clone(),
            token_src.clone(),
        ]);
        let mut settings = json!({ "base_url": { "value": base, "source": base_src }, "token": { "value": token, "source": token_src } });
        if let Some((var, user)) = config::run_as_user(kind, env) {
            rows.push(vec![
                kind.key().to_string(),
                "run_as_user".into(),
                user.clone(),
                format!("env {var}"),
            ]);
            settings["run_as_user"] = json!({ "value": user, "source": format!("env {var}") });
        }
        obj.insert(kind.key().into(), settings);
    }
    let file_line = format!(
        "{}{}",
        path.display(),
        if exists { "" } else { " (does not exist)" }
    );
    match ctx.out.format {
        OutputFormat::Json => {
            let v = json!({ "config_file": path.display().to_string(), "exists": exists, "profile": cfg.profile, "providers": obj });
            serde_json::to_writer_pretty(&mut ctx.streams.stdout, &v)
                .map_err(|e| error::output(e.into()))?;
            writeln!(ctx.streams.stdout).map_err(error::output)?;
        }
        _ => {
            let _ = writeln!(
                ctx.streams.stderr,
                "config file: {file_line}\nprofile: {}",
                cfg.profile
            );
            let out = ctx.out;
            let mut list = out.list(&["PROVIDER", "SETTING", "VALUE", "SOURCE"]);
            for r in rows {
                list.push(&mut ctx.streams.stdout, r, &serde_json::Value::Null)
                    .map_err(error::output)?;
            }
            list.finish(&mut ctx.streams.stdout)
                .map_err(error::output)?;
        }
    }
    Ok(exit::SUCCESS)
}
