//! Which provider: its names, its environment variables and its default base URL.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderKind {
    Chatbotkit,
    Kubiya,
}

impl ProviderKind {
    /// Every provider, in the order secretctl lists them.
    pub const ALL: [ProviderKind; 2] = [ProviderKind::Chatbotkit, ProviderKind::Kubiya];

    pub fn display(self) -> &'static str {
        match self {
            ProviderKind::Chatbotkit => "ChatBotKit",
            ProviderKind::Kubiya => "Kubiya",
        }
    }

    /// The key of the provider's table in a profile, and its command word.
    pub fn key(self) -> &'static str {
        match self {
            ProviderKind::Chatbotkit => "chatbotkit",
            ProviderKind::Kubiya => "kubiya",
        }
    }

    /// Other words for the command word (`cbk`).
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            ProviderKind::Chatbotkit => &["cbk"],
            ProviderKind::Kubiya => &[],
        }
    }

    /// Variables naming a user to act as (ChatBotKit's `X-RunAs-User-Id`), first set wins.
    pub fn run_as_env(self) -> &'static [&'static str] {
        match self {
            ProviderKind::Chatbotkit => &["CHATBOTKIT_API_RUNAS_USERID", "CBK_API_RUNAS_USERID"],
            ProviderKind::Kubiya => &[],
        }
    }

    /// The header that names the user to act as, where the API has one.
    pub fn run_as_header(self) -> Option<&'static str> {
        match self {
            ProviderKind::Chatbotkit => Some("x-runas-user-id"),
            ProviderKind::Kubiya => None,
        }
    }

    /// Token variables, first set wins.
    pub fn token_env(self) -> &'static [&'static str] {
        match self {
            ProviderKind::Chatbotkit => &[
                "CHATBOTKIT_API_TOKEN",
                "CBK_API_TOKEN",
                "CHATBOTKIT_API_SECRET",
                "CBK_API_SECRET",
                "CHATBOTKIT_API_KEY",
                "CBK_API_KEY",
            ],
            ProviderKind::Kubiya => &["KUBIYA_API_KEY"],
        }
    }

    /// Base URL variables, first set wins.
    pub fn url_env(self) -> &'static [&'static str] {
        match self {
            ProviderKind::Chatbotkit => &["CHATBOTKIT_API_URL", "CBK_API_URL"],
            ProviderKind::Kubiya => &["KUBIYA_BASE_URL"],
        }
    }

    pub fn default_base(self) -> &'static str {
        match self {
            ProviderKind::Chatbotkit => "https://api.chatbotkit.com",
            ProviderKind::Kubiya => "https://api.kubiya.ai/api/v1",
        }
    }

    /// Whether the API ever returns stored values; answerable before connecting, so
    /// `get --reveal` on ChatBotKit is refused with nothing sent.
    pub fn values_readable(self) -> bool {
        match self {
            ProviderKind::Chatbotkit => false,
            ProviderKind::Kubiya => true,
        }
    }

    /// How to make a stored secret (`key`) keep a value it would refuse (see
    /// `Provider::refuses_value`), where the provider has a way.
    pub fn keep_value_remedy(self, key: &str) -> Option<String> {
        match self {
            ProviderKind::Chatbotkit => Some(format!(
                "make it shared first: secretctl {} update {key} --kind shared --keep-value",
                self.key()
            )),
            ProviderKind::Kubiya => None,
        }
    }

    /// The `Authorization` scheme the API expects before the token.
    pub fn auth_scheme(self) -> &'static str {
        match self {
            ProviderKind::Chatbotkit => "Bearer",
            ProviderKind::Kubiya => "UserKey",
        }
    }

    /// The API versions a base URL's path may name: Kubiya's `/api/v1` and `/api/v2` (the
    /// same secrets routes; users and agents are read from `/api/v1` beside either).
    /// ChatBotKit's path is not read for a version.
    pub fn api_versions(self) -> &'static [&'static str] {
        match self {
            ProviderKind::Chatbotkit => &[],
            ProviderKind::Kubiya => &["v1", "v2"],
        }
    }

    /// The first `/api/vN` of a base URL's path that the API does not serve (`v9`): a base
    /// URL naming it is refused, never rewritten to another version.
    pub fn unknown_api_version(self, path: &str) -> Option<String> {
        let known = self.api_versions();
        if known.is_empty() {
            return None;
        }
        api_versions(path)
            .into_iter()
            .find(|v| !known.contains(v))
            .map(str::to_string)
    }

    /// The API root's path for a base URL's host and path (no trailing `/`).
    /// ChatBotKit: `api.chatbotkit.com` serves `/v1` (whatever path was given, as the official
    /// SDKs do). Elsewhere a path that already ends in `/v1` is used as given, one ending in
    /// `/api` gets `/v1`, and any other path is kept as a prefix (a reverse proxy's) of
    /// `/api/v1`. Kubiya: `/api/v1` is appended when the path has no `/api/vN` in it.
    pub fn api_path(self, host: Option<&str>, path: &str) -> String {
        match self {
            ProviderKind::Chatbotkit => {
                if host == Some("api.chatbotkit.com") {
                    "/v1".to_string()
                } else if path.ends_with("/v1") {
                    path.to_string()
                } else if path.ends_with("/api") {
                    format!("{path}/v1")
                } else {
                    format!("{path}/api/v1")
                }
            }
            ProviderKind::Kubiya => {
                if has_api_version(path) {
                    path.to_string()
                } else {
                    format!("{path}/api/v1")
                }
            }
        }
    }
}

/// Whether a path holds an `/api/vN` pair of segments.
fn has_api_version(path: &str) -> bool {
    !api_versions(path).is_empty()
}

/// The `vN` of every `/api/vN` pair of segments in a path.
fn api_versions(path: &str) -> Vec<&str> {
    let segs: Vec<&str> = path.split('/').collect();
    segs.windows(2)
        .filter(|w| {
            w[0] == "api"
                && w[1].len() > 1
                && w[1].starts_with('v')
                && w[1][1..].bytes().all(|b| b.is_ascii_digit())
        })
        .map(|w| w[1])
        .collect()
}
