//! Base URLs: which one applies, and how it becomes the API root a provider talks to (`/v1`,
//! `/api/vN`), with plain `http` allowed only on loopback.

use std::net::IpAddr;

use reqwest::Url;

use super::{Config, Layers, Source, pick};
use crate::env::EnvFn;
use crate::error::{self, Result};
use crate::provider::kind::ProviderKind;

/// Everything a provider needs to talk to its API.
#[derive(Debug)]
pub struct Endpoint {
    /// The API root: ChatBotKit `…/v1` or `…/api/v1`; Kubiya `…/api/vN`. No trailing slash.
    pub api_root: Url,
    pub base_source: Source,
}

/// Resolve the base URL by the precedence rule (`pick`: flag > env > profile > default) and
/// turn it into the API root.
pub fn resolve_endpoint(
    kind: ProviderKind,
    flag: Option<&str>,
    config: &Config,
    env: EnvFn,
) -> Result<Endpoint> {
    let layers = Layers {
        flag: flag.map(str::to_string),
        vars: kind.url_env(),
        from_env: |_, v| v,
        from_profile: |p| p.base_url.clone(),
        default: Some(kind.default_base().to_string()),
    };
    let (raw, source) = pick(kind, layers, Some(config), env).expect("the default layer is set");
    let api_root =
        api_root(kind, &raw).map_err(|e| e.context(format!("base URL from {source}")))?;
    Ok(Endpoint {
        api_root,
        base_source: source,
    })
}

/// The API root of a base URL: `https`, or `http` to loopback only; no query or fragment;
/// the provider's path ([`ProviderKind::api_path`]).
pub fn api_root(kind: ProviderKind, raw: &str) -> Result<Url> {
    let mut url = Url::parse(raw.trim()).map_err(|e| {
        error::usage(format!("invalid base URL '{raw}': {e}"))
            .with_hint("give an http(s) URL such as https://api.chatbotkit.com")
    })?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(error::usage(format!(
                "refusing plain http:// base URL '{raw}': the token would cross the network in clear text"
            ))
            .with_hint("use https://; http:// is allowed only for 127.0.0.0/8, ::1 and localhost"));
        }
        other => {
            return Err(error::usage(format!(
                "unsupported URL scheme '{other}' in '{raw}'"
            )));
        }
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(error::usage(format!("base URL '{raw}' has no host")));
    }
    url.set_query(None);
    url.set_fragment(None);
    let path = url.path().trim_end_matches('/').to_string();
    if let Some(v) = kind.unknown_api_version(&path) {
        let known: Vec<String> = kind
            .api_versions()
            .iter()
            .map(|v| format!("/api/{v}"))
            .collect();
        return Err(error::usage(format!(
            "the {} API has no version '{v}' (base URL '{raw}'); secretctl speaks {}",
            kind.display(),
            known.join(" and ")
        ))
        .with_hint(format!(
            "end the base URL with {}, or give the host alone ({} is added)",
            known.join(" or "),
            known[0]
        )));
    }
    let new_path = kind.api_path(url.host_str(), &path);
    url.set_path(&new_path);
    Ok(url)
}

/// 127.0.0.0/8, ::1 or `localhost`: the only hosts plain `http` and a proxy-free client are for.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{empty_config, env_of};
    use super::*;

    #[test]
    fn chatbotkit_paths() {
        let r = |u| api_root(ProviderKind::Chatbotkit, u).unwrap().to_string();
        assert_eq!(
            r("https://api.chatbotkit.com"),
            "https://api.chatbotkit.com/v1"
        );
        assert_eq!(
            r("https://api.chatbotkit.com/"),
            "https://api.chatbotkit.com/v1"
        );
        assert_eq!(
            r("https://cbk.example.com"),
            "https://cbk.example.com/api/v1"
        );
        assert_eq!(r("http://127.0.0.1:9000"), "http://127.0.0.1:9000/api/v1");
        assert_eq!(r("http://localhost:9000/v1"), "http://localhost:9000/v1");
        // The hosted API lives at /v1 whatever path the base carries.
        for hosted in [
            "https://api.chatbotkit.com/v1",
            "https://api.chatbotkit.com/api",
            "https://api.chatbotkit.com/api/v1/",
        ] {
            assert_eq!(r(hosted), "https://api.chatbotkit.com/v1", "{hosted}");
        }
        assert_eq!(
            r("https://cbk.example.com/api"),
            "https://cbk.example.com/api/v1"
        );
        assert_eq!(
            r("https://cbk.example.com/api/v1"),
            "https://cbk.example.com/api/v1"
        );
        assert_eq!(
            r("https://proxy.example.com/cbk"),
            "https://proxy.example.com/cbk/api/v1"
        );
    }

    #[test]
    fn kubiya_paths() {
        let r = |u| api_root(ProviderKind::Kubiya, u).unwrap().to_string();
        assert_eq!(r("https://api.kubiya.ai"), "https://api.kubiya.ai/api/v1");
        assert_eq!(
            r("https://api.kubiya.ai/api/v1"),
            "https://api.kubiya.ai/api/v1"
        );
        assert_eq!(
            r("https://api.kubiya.ai/api/v2/"),
            "https://api.kubiya.ai/api/v2"
        );
        assert_eq!(r("http://[::1]:80"), "http://[::1]/api/v1");
        // A version the API does not serve is refused, not rewritten to another.
        for bad in [
            "https://api.kubiya.ai/api/v9",
            "https://api.kubiya.ai/api/v0/",
            "https://proxy.example/api/v3/x",
        ] {
            let e = api_root(ProviderKind::Kubiya, bad).unwrap_err();
            assert_eq!(e.code(), 2, "{bad}");
            assert!(e.msg().text.contains("no version"), "{}", e.msg().text);
        }
        // ChatBotKit's path is a prefix, not a Kubiya version.
        assert!(api_root(ProviderKind::Chatbotkit, "https://cbk.example.com/api/v9").is_ok());
    }

    #[test]
    fn plain_http_only_on_loopback() {
        for ok in [
            "http://127.0.0.1:1",
            "http://127.8.9.10",
            "http://[::1]:5",
            "http://LOCALHOST:3",
        ] {
            assert!(api_root(ProviderKind::Kubiya, ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://10.0.0.1",
            "http://example.com",
            "http://127.0.0.1.nip.io",
            "ftp://x",
        ] {
            assert_eq!(
                api_root(ProviderKind::Kubiya, bad).unwrap_err().code(),
                2,
                "{bad}"
            );
        }
    }

    #[test]
    fn endpoint_precedence_flag_env_profile_default() {
        let cfg = empty_config();
        let env = env_of(&[
            ("CBK_API_URL", "https://b.example"),
            ("CHATBOTKIT_API_URL", "https://a.example"),
        ]);
        let e = resolve_endpoint(ProviderKind::Chatbotkit, None, &cfg, &env).unwrap();
        assert_eq!(e.api_root.as_str(), "https://a.example/api/v1");
        assert_eq!(e.base_source, Source::Env("CHATBOTKIT_API_URL"));
        let e = resolve_endpoint(
            ProviderKind::Chatbotkit,
            Some("https://f.example"),
            &cfg,
            &env,
        )
        .unwrap();
        assert_eq!(e.base_source, Source::Flag);
        let none = env_of(&[]);
        let e = resolve_endpoint(ProviderKind::Kubiya, None, &cfg, &none).unwrap();
        assert_eq!(e.api_root.as_str(), "https://api.kubiya.ai/api/v1");
    }
}
