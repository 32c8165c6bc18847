//! Credentials and endpoints: the config file and its profiles, the environment variables of
//! each provider, `token_command`, the file-permission rule, and how a base URL becomes the
//! API root the providers talk to.
//!
//! This module holds the [`Config`] as loaded, the choice of profile and the one precedence
//! rule of every provider setting, flag > environment > profile > default (`pick`); each
//! concern has its own file:
//! - [`file`]: locating the config file, reading it bounded, parsing it, the permission and
//!   folder checks;
//! - [`endpoint`]: base URL rules (`/v1`, `/api/vN`, loopback-only `http`);
//! - [`token`]: the token from a variable, a profile's `token` or its `token_command`;
//! - [`edit`]: `secretctl config set-…`'s private, atomic writes.

pub mod edit;
pub mod endpoint;
pub mod file;
pub mod token;

use std::path::{Path, PathBuf};

pub use edit::{set_provider_key, write_path, write_profile};
pub use endpoint::{is_loopback, resolve_endpoint};
pub use file::{ConfigFile, Profile, ProviderConfig};
pub use token::{TokenSource, resolve_token, token_identity, token_source};

use crate::env::EnvFn;
use crate::error::{self, Result};
use crate::provider::kind::ProviderKind;

/// The first of `vars` that is set, with its value.
fn first_set(vars: &'static [&'static str], env: EnvFn) -> Option<(&'static str, String)> {
    vars.iter().find_map(|v| env(v).map(|x| (*v, x)))
}

/// Where a setting came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Flag,
    Env(&'static str),
    Profile(String),
    Default,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::Flag => f.write_str("flag"),
            Source::Env(v) => write!(f, "env {v}"),
            Source::Profile(p) => write!(f, "profile {p}"),
            Source::Default => f.write_str("default"),
        }
    }
}

/// The layers one provider setting may come from, for `pick`. A setting without a flag,
/// a profile key or a default leaves that layer empty.
pub(crate) struct Layers<'c, T> {
    /// The command-line flag.
    pub flag: Option<T>,
    /// The variables, first set wins; `from_env` gets the variable and its value.
    pub vars: &'static [&'static str],
    pub from_env: fn(&'static str, String) -> T,
    /// The setting in the chosen profile's table of the provider.
    pub from_profile: fn(&'c ProviderConfig) -> Option<T>,
    pub default: Option<T>,
}

/// The one precedence rule: flag > environment > config file > default. The first layer
/// that holds a value wins, and a layer is looked at only when every layer before it is
/// empty, so a variable wins over a profile's `token_command` without running it. Every
/// setting is resolved through it: provider settings by [`pick`], the config file's path by
/// `file::named_path`, the profile by [`Selection::resolve`].
pub(crate) fn first_layer<T>(
    flag: Option<T>,
    (vars, from_env): (
        &'static [&'static str],
        impl FnOnce(&'static str, String) -> T,
    ),
    file: impl FnOnce() -> Option<(T, Source)>,
    default: impl FnOnce() -> Option<T>,
    env: EnvFn,
) -> Option<(T, Source)> {
    if let Some(v) = flag {
        return Some((v, Source::Flag));
    }
    if let Some((var, v)) = first_set(vars, env) {
        return Some((from_env(var, v), Source::Env(var)));
    }
    file().or_else(|| default().map(|v| (v, Source::Default)))
}

/// A provider setting (base URL, token, run-as user) by [`first_layer`]; its config-file
/// layer is the provider's table in the chosen profile. `config` is `None` for a setting no
/// profile holds.
pub(crate) fn pick<'c, T>(
    kind: ProviderKind,
    layers: Layers<'c, T>,
    config: Option<&'c Config>,
    env: EnvFn,
) -> Option<(T, Source)> {
    let Layers {
        flag,
        vars,
        from_env,
        from_profile,
        default,
    } = layers;
    let profile = || {
        let c = config?;
        let v = c.provider(kind).and_then(from_profile)?;
        Some((v, Source::Profile(c.profile.clone())))
    };
    first_layer(flag, (vars, from_env), profile, || default, env)
}

/// The user to act as (ChatBotKit's `X-RunAs-User-Id`), and the variable it came from: only
/// variables set it.
pub fn run_as_user(kind: ProviderKind, env: EnvFn) -> Option<(&'static str, String)> {
    let layers = Layers {
        flag: None,
        vars: kind.run_as_env(),
        from_env: |var, v| (var, v),
        from_profile: |_| None,
        default: None,
    };
    pick(kind, layers, None, env).map(|(found, _)| found)
}

/// The variable naming the profile.
pub const PROFILE_ENV: &str = "SECRETCTL_PROFILE";

/// Refuse a variable that chooses the config file, the profile or a provider's token, base
/// URL or run-as user when it is set to bytes that are not UTF-8: read as unset, as the
/// environment reader does, it would silently hand the choice to the next layer (another
/// file, profile or account). `not_text` says whether a variable is set so.
pub fn refuse_unreadable_vars(not_text: impl Fn(&str) -> bool) -> Result<()> {
    let providers = ProviderKind::ALL
        .into_iter()
        .flat_map(|k| [k.token_env(), k.url_env(), k.run_as_env()])
        .flatten()
        .copied();
    let mut vars = [file::CONFIG_ENV, PROFILE_ENV].into_iter().chain(providers);
    match vars.find(|v| not_text(v)) {
        None => Ok(()),
        Some(var) => Err(
            error::usage(format!("{var} is set but is not valid UTF-8")).with_hint(format!(
                "secretctl reads {var} as text; fix its value or unset it"
            )),
        ),
    }
}

/// Which config file and which profile: decided once per run, from the flags and the
/// environment, by [`first_layer`] (`--config` > `$SECRETCTL_CONFIG` > the default path;
/// `--profile` > `$SECRETCTL_PROFILE`). The file's own layer, its `default_profile`, is read
/// with the file, by [`Selection::profile_name`].
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// The file a flag or the variable named (then it must exist).
    pub named: Option<PathBuf>,
    /// The profile the flag or the variable named.
    pub profile: Option<String>,
    /// What named it: the flag (`Source::Flag`) or `SECRETCTL_PROFILE` (`Source::Env`).
    pub profile_from: Option<Source>,
}

impl Selection {
    pub fn resolve(path_flag: Option<&Path>, profile_flag: Option<&str>, env: EnvFn) -> Selection {
        let env_layer = (&[PROFILE_ENV][..], |_, v| v);
        let (profile, profile_from) = first_layer(
            profile_flag.map(str::to_string),
            env_layer,
            || None,
            || None,
            env,
        )
        .unzip();
        Selection {
            named: file::named_path(path_flag, env),
            profile,
            profile_from,
        }
    }

    /// The file: the one named, else the default path (`<config dir>/secretctl/config.toml`),
    /// looked up only when a file is needed.
    pub fn path(&self) -> Option<PathBuf> {
        self.named.clone().or_else(file::default_path)
    }

    /// The profile: the one named, else the file's `default_profile` (asked only then), else
    /// `default`; and whether it was named by one of those rather than being the fallback.
    pub fn profile_name(&self, file_default: impl FnOnce() -> Option<String>) -> (String, bool) {
        match self.profile.clone().or_else(file_default) {
            Some(p) => (p, true),
            None => ("default".to_string(), false),
        }
    }
}

/// The settings a provider is reached with, resolved together by the precedence rule: the
/// endpoint, the token and where each came from.
pub struct Resolved {
    pub endpoint: endpoint::Endpoint,
    pub token: crate::secret::Token,
    pub token_source: TokenSource,
    /// A profile was named (`--profile`, `SECRETCTL_PROFILE`) but chose nothing: the token
    /// and the base URL both came from layers above it. The one-line warning, for the
    /// commands that copy between organizations to show.
    pub unused_profile: Option<String>,
}

/// The one place a provider's settings are resolved: the base URL and the token by [`pick`]
/// (through [`resolve_endpoint`] and [`resolve_token`]), and whether the profile named
/// chose either of them.
pub fn resolve(
    kind: ProviderKind,
    base_url_flag: Option<&str>,
    config: &Config,
    sel: &Selection,
    env: EnvFn,
    timeout: std::time::Duration,
    keep_from_children: &[&str],
) -> Result<Resolved> {
    let endpoint = resolve_endpoint(kind, base_url_flag, config, env)?;
    let (token, token_source) = resolve_token(kind, config, env, timeout, keep_from_children)?;
    let unused_profile = unused_profile(kind, sel, &endpoint.base_source, &token_source);
    Ok(Resolved {
        endpoint,
        token,
        token_source,
        unused_profile,
    })
}

/// The warning when a profile was named but neither the token nor the base URL came from it.
fn unused_profile(
    kind: ProviderKind,
    sel: &Selection,
    base: &Source,
    token: &TokenSource,
) -> Option<String> {
    let (Some(profile), Some(from)) = (&sel.profile, &sel.profile_from) else {
        return None;
    };
    let TokenSource::Env(token_var) = token else {
        return None;
    };
    let named = match from {
        Source::Env(var) => format!("{var}={profile}"),
        _ => format!("--profile {profile}"),
    };
    let base = match base {
        Source::Profile(_) => return None,
        Source::Env(var) => format!("the base URL from {var}"),
        Source::Flag => "the base URL from --base-url".to_string(),
        Source::Default => "the default base URL".to_string(),
    };
    Some(format!(
        "warning: {named} chose nothing for {}: the token comes from {token_var} and {base}, which come before a profile (unset them to use the profile)",
        kind.display()
    ))
}

/// The config file as loaded, with the profile chosen.
#[derive(Debug)]
pub struct Config {
    pub path: Option<PathBuf>,
    pub file: ConfigFile,
    pub profile: String,
}

impl Config {
    /// The selected file (a file named explicitly must exist; the default one may be
    /// absent) and profile.
    pub fn load(sel: &Selection) -> Result<Config> {
        let (path, file) = Config::read(sel)?;
        let found = file.is_some();
        let file = file.unwrap_or_default();
        let (profile, named) = sel.profile_name(|| file.default_profile.clone());
        if named && !file.profiles.contains_key(&profile) {
            let known: Vec<&str> = file.profiles.keys().map(String::as_str).collect();
            let where_ = match (&path, found) {
                (Some(p), true) => p.display().to_string(),
                (Some(p), false) => format!("{} (there is no such file)", p.display()),
                (None, _) => "any config file".to_string(),
            };
            return Err(
                error::usage(format!("no profile '{profile}' in {where_}")).with_hint(if !found {
                    "create one with: secretctl config set-token <chatbotkit|kubiya> --profile NAME"
                        .to_string()
                } else if known.is_empty() {
                    "the config file defines no profiles; see docs/config.md, 'Config file'"
                        .to_string()
                } else {
                    format!("profiles defined: {}", known.join(", "))
                }),
            );
        }
        Ok(Config {
            path: path.filter(|p| p.exists()),
            file,
            profile,
        })
    }

    /// The config as `config set-…` writes into it: the selected file, read and checked as
    /// by [`Config::load`], with `profile` chosen even when the file has no such profile yet.
    pub fn load_for_write(sel: &Selection, profile: &str) -> Result<Config> {
        let (path, file) = Config::read(sel)?;
        Ok(Config {
            path: path.filter(|p| p.exists()),
            file: file.unwrap_or_default(),
            profile: profile.to_string(),
        })
    }

    /// The selected file's path and contents (a file named explicitly must exist).
    fn read(sel: &Selection) -> Result<(Option<PathBuf>, Option<ConfigFile>)> {
        let path = sel.path();
        let file = match &path {
            Some(p) => file::load(p, sel.named.is_some())?,
            None => None,
        };
        Ok((path, file))
    }

    pub fn provider(&self, kind: ProviderKind) -> Option<&ProviderConfig> {
        self.file.profiles.get(&self.profile)?.provider(kind)
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::{Config, ConfigFile};

    pub fn env_of(
        pairs: &'static [(&'static str, &'static str)],
    ) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    pub fn empty_config() -> Config {
        Config {
            path: None,
            file: ConfigFile::default(),
            profile: "default".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{empty_config, env_of};
    use super::*;

    /// Base-URL-like layers: every layer given, so each can be taken away in turn.
    fn all_layers<'c>(flag: Option<&str>) -> Layers<'c, String> {
        Layers {
            flag: flag.map(str::to_string),
            vars: ProviderKind::Kubiya.url_env(),
            from_env: |var, v| format!("{var}={v}"),
            from_profile: |p| p.base_url.clone(),
            default: Some("d".into()),
        }
    }

    #[test]
    fn one_precedence_rule_flag_env_profile_default() {
        let mut cfg = empty_config();
        cfg.profile = "p".into();
        cfg.file.profiles.insert(
            "p".into(),
            Profile {
                kubiya: Some(ProviderConfig {
                    base_url: Some("from-profile".into()),
                    ..Default::default()
                }),
                chatbotkit: None,
            },
        );
        let env = env_of(&[("KUBIYA_BASE_URL", "e")]);
        let none = env_of(&[]);
        let k = ProviderKind::Kubiya;
        let got = pick(k, all_layers(Some("f")), Some(&cfg), &env);
        assert_eq!(got, Some(("f".into(), Source::Flag)));
        let got = pick(k, all_layers(None), Some(&cfg), &env);
        assert_eq!(
            got,
            Some(("KUBIYA_BASE_URL=e".into(), Source::Env("KUBIYA_BASE_URL")))
        );
        let got = pick(k, all_layers(None), Some(&cfg), &none);
        assert_eq!(
            got,
            Some(("from-profile".into(), Source::Profile("p".into())))
        );
        let got = pick(k, all_layers(None), None, &none);
        assert_eq!(got, Some(("d".into(), Source::Default)));
        // The profile of another provider is not this one's.
        let got = pick(
            ProviderKind::Chatbotkit,
            all_layers(None),
            Some(&cfg),
            &none,
        );
        assert_eq!(got, Some(("d".into(), Source::Default)));
        let no_default = Layers {
            default: None,
            ..all_layers(None)
        };
        assert_eq!(pick(k, no_default, None, &none), None);
    }

    #[test]
    fn the_config_path_is_named_by_the_flag_then_the_variable_then_the_default() {
        let env = env_of(&[("SECRETCTL_CONFIG", "/env.toml")]);
        let none = env_of(&[]);
        let flag = Some(Path::new("/flag.toml"));
        let sel = |flag, env: EnvFn| Selection::resolve(flag, None, env);
        assert_eq!(sel(flag, &env).named, Some(PathBuf::from("/flag.toml")));
        assert_eq!(sel(None, &env).named, Some(PathBuf::from("/env.toml")));
        assert_eq!(sel(None, &env).path(), Some(PathBuf::from("/env.toml")));
        assert_eq!(sel(None, &none).named, None, "the default is not named");
    }

    #[test]
    fn a_named_profile_that_chose_nothing_is_said_once() {
        let k = ProviderKind::Kubiya;
        let env = env_of(&[("SECRETCTL_PROFILE", "e")]);
        let none = env_of(&[]);
        let flag = Selection::resolve(None, Some("prod"), &none);
        assert_eq!(flag.profile_from, Some(Source::Flag));
        let var = Selection::resolve(None, None, &env);
        assert_eq!(var.profile_from, Some(Source::Env(PROFILE_ENV)));
        let unnamed = Selection::resolve(None, None, &none);
        let token_env = TokenSource::Env("KUBIYA_API_KEY");
        let base_env = Source::Env("KUBIYA_BASE_URL");
        let w = unused_profile(k, &flag, &base_env, &token_env).unwrap();
        assert_eq!(
            w,
            "warning: --profile prod chose nothing for Kubiya: the token comes from KUBIYA_API_KEY and the base URL from KUBIYA_BASE_URL, which come before a profile (unset them to use the profile)"
        );
        assert!(
            unused_profile(k, &var, &Source::Flag, &token_env)
                .unwrap()
                .starts_with("warning: SECRETCTL_PROFILE=e chose nothing")
        );
        assert!(unused_profile(k, &flag, &Source::Default, &token_env).is_some());
        // The profile chose one of them, or none was named: nothing to say.
        let from_profile = Source::Profile("prod".into());
        assert!(unused_profile(k, &flag, &from_profile, &token_env).is_none());
        let token_profile = TokenSource::Token("prod".into());
        assert!(unused_profile(k, &flag, &base_env, &token_profile).is_none());
        assert!(unused_profile(k, &unnamed, &base_env, &token_env).is_none());
    }

    #[test]
    fn profile_flag_env_file_default_then_fallback() {
        let env = env_of(&[("SECRETCTL_PROFILE", "e")]);
        let none = env_of(&[]);
        let never = || -> Option<String> { panic!("the file was read") };
        let named = |flag, env: EnvFn| Selection::resolve(None, flag, env);
        assert_eq!(
            named(Some("f"), &env).profile_name(never),
            ("f".into(), true)
        );
        assert_eq!(named(None, &env).profile_name(never), ("e".into(), true));
        assert_eq!(
            named(None, &none).profile_name(|| Some("d".into())),
            ("d".into(), true)
        );
        assert_eq!(
            named(None, &none).profile_name(|| None),
            ("default".into(), false)
        );
    }
}
