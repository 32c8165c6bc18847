//! "Used by": what on a platform names a secret. Neither API answers it; the adapters read
//! the lists ([`super::Provider::references`]) and the rules here join them
//! (../shared/api/secret-references.md §1.2, §2.4). The commands only ask
//! [`References::used_by`] and print the answer.
//!
//! - Kubiya: an agent whose `secrets` holds the name uses it; a name that differs only in
//!   case is reported too, as "case differs" (Terraform's provider treats it as the same
//!   secret; what the server does is unknown).
//! - ChatBotKit: an ability linked to the secret (`linkedSecretId`, `secretId` on older
//!   servers); an ability whose instruction names it as `${SECRET_NAME}` or
//!   `{{SECRET_NAME}}` (the platform's name normalisation); a `reference` secret pointing at
//!   it (id, `@alias` or `(name)`); and the bots holding a using ability's skillset.
//!
//! What is found is what the lists show: a reference the platform keeps elsewhere (another
//! account using a public personal secret, a conversation's inline ability) is not seen.

use serde::Serialize;
use serde_json::Value;

use crate::error::{self, Result};
use crate::output::field;

/// One thing that uses a secret: `{"kind","id"?,"name","via"?}` in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    /// `agent` (Kubiya); `ability`, `bot` or `secret` (ChatBotKit).
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub name: String,
    /// How it uses the secret, when there is more to say than its kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
}

impl User {
    /// `ability 'weather' (skillset 'Tools', linked)`, for a person.
    pub fn describe(&self) -> String {
        let name = if self.name.is_empty() {
            self.id.as_deref().unwrap_or("")
        } else {
            &self.name
        };
        let mut s = format!("{} {}", self.kind, super::quoted(name));
        if let Some(via) = &self.via {
            s.push_str(&format!(" ({})", crate::sanitize::sanitize(via)));
        }
        s
    }
}

/// Every user, for a person: `agent 'a', bot 'b' (skillset 'K')`.
pub fn describe_all(users: &[User]) -> String {
    users
        .iter()
        .map(User::describe)
        .collect::<Vec<_>>()
        .join(", ")
}

/// How many lists a single command (`get`, `delete`, `list --unused`) reads at once.
pub const READS: u16 = 8;

/// How many users a message names before it says how many more there are.
pub const SHOWN: usize = 10;

/// The first [`SHOWN`] users, for a message that must stay one line: `agent 'a', …, and 240
/// more (see `secretctl kubiya get A`)`; `get` names them all.
pub fn describe_some(users: &[User], see: &str) -> String {
    if users.len() <= SHOWN {
        return describe_all(users);
    }
    let head = describe_all(&users[..SHOWN]);
    format!("{head}, and {} more (see `{see}`)", users.len() - SHOWN)
}

/// `in use by agent 'a', bot 'b' (skillset 'K')`: why a delete or a prune is refused, at most
/// [`SHOWN`] of them named; `see` is the command that names them all.
pub fn in_use(users: &[User], see: &str) -> String {
    format!("in use by {}", describe_some(users, see))
}

/// The command that shows everything that uses the secret `key` (its id or name).
pub fn see_all(kind: super::ProviderKind, key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./:@%+=,".contains(c));
    let word = if plain {
        key.to_string()
    } else {
        format!(
            "'{}'",
            crate::sanitize::sanitize(key).replace('\'', r"'\''")
        )
    };
    format!("secretctl {} get {word}", kind.key())
}

/// The secrets a command already holds when it asks what uses them: an adapter never reads
/// again what it is given.
#[derive(Clone, Copy)]
pub enum Known<'a> {
    /// Every secret of the account, as its list gave them (`list --unused`, `sync --prune`).
    All(&'a [Value]),
    /// Only the secrets asked about (`get`, `delete`; a filtered list): the adapter reads
    /// the rest of what it needs.
    Only(&'a [Value]),
}

impl<'a> Known<'a> {
    /// The records given, whichever they are.
    pub fn records(&self) -> &'a [Value] {
        match self {
            Known::All(r) | Known::Only(r) => r,
        }
    }
}

/// The references of an account, read once; asked for each secret.
pub trait References: Send + Sync {
    /// What uses the secret `record` (as listed or fetched), in a stable order.
    fn used_by(&self, record: &Value) -> Vec<User>;
    /// Who may use it without appearing in these lists, when someone may.
    fn unseen(&self, _record: &Value) -> Option<String> {
        None
    }
}

/// The error every command shows when the lists could not be read. A 404 from a list route
/// is the endpoint's error (a server without the route), never "no such secret": exit 6, and
/// `delete --ignore-missing` does not take it for a missing secret.
pub fn unreadable(e: error::Error, kind: super::ProviderKind) -> error::Error {
    let e = match e {
        error::Error::NotFound(m) => error::network(m.text),
        other => other,
    };
    e.context(format!("cannot tell what uses {} secrets", kind.display()))
}

// ---------------------------------------------------------------------------------------------
// Kubiya

/// Kubiya's agents, each with the secret names it lists (`GET /api/v1/agents`).
pub struct KubiyaAgents {
    agents: Vec<Agent>,
    /// The account's secret names, when they were needed: a name an agent spells in another
    /// case is no use of this secret when a secret of exactly that spelling exists.
    names: Option<std::collections::HashSet<String>>,
}

struct Agent {
    id: Option<String>,
    name: String,
    secrets: Vec<String>,
}

impl KubiyaAgents {
    /// From the list's answer: a bare array (a wrapper `{"agents": […]}` is tolerated); an
    /// agent's `secrets` may be missing or null (none); its id is `uuid`, else `id`.
    pub fn from_list(v: Value, what: &str) -> Result<KubiyaAgents> {
        let items = match v {
            Value::Array(a) => a,
            Value::Object(mut m) => match m.remove("agents").or_else(|| m.remove("items")) {
                Some(Value::Array(a)) => a,
                _ => return Err(not_a_list(what)),
            },
            _ => return Err(not_a_list(what)),
        };
        let agents = items
            .iter()
            .filter(|a| a.is_object())
            .map(|a| Agent {
                id: ["uuid", "id"]
                    .iter()
                    .map(|k| field(a, k))
                    .find(|s| !s.is_empty()),
                name: field(a, "name"),
                secrets: strings(a.get("secrets")),
            })
            .collect();
        Ok(KubiyaAgents {
            agents,
            names: None,
        })
    }

    /// Whether an agent names one of `secrets` only in another case: then the account's
    /// secret names decide ([`KubiyaAgents::with_names`]).
    pub fn case_only_match(&self, secrets: &[Value]) -> bool {
        secrets.iter().map(|r| field(r, "name")).any(|name| {
            self.agents.iter().any(|a| {
                a.secrets
                    .iter()
                    .any(|s| s != &name && s.eq_ignore_ascii_case(&name))
            })
        })
    }

    /// The account's secret names: a case-only match with a name one of them spells exactly
    /// is that other secret's use, not this one's.
    pub fn with_names<'n>(mut self, names: impl IntoIterator<Item = &'n str>) -> Self {
        self.names = Some(names.into_iter().map(str::to_string).collect());
        self
    }
}

fn not_a_list(what: &str) -> error::Error {
    error::network(format!("{what}: the answer is not a list of agents"))
}

/// The strings of a JSON array (anything else: none).
fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}

impl References for KubiyaAgents {
    fn used_by(&self, record: &Value) -> Vec<User> {
        let name = field(record, "name");
        let mut users = Vec::new();
        for a in &self.agents {
            let via = if a.secrets.contains(&name) {
                None
            } else if let Some(other) = a.secrets.iter().find(|s| {
                s.eq_ignore_ascii_case(&name)
                    && !self.names.as_ref().is_some_and(|n| n.contains(s.as_str()))
            }) {
                Some(format!("names it {}: case differs", super::quoted(other)))
            } else {
                continue;
            };
            users.push(User {
                kind: "agent",
                id: a.id.clone(),
                name: a.name.clone(),
                via,
            });
        }
        users
    }
}

// ---------------------------------------------------------------------------------------------
// ChatBotKit

/// ChatBotKit's lists: every secret, skillset, ability (each with the skillset it was listed
/// under) and bot.
pub struct CbkAccount {
    pub secrets: Vec<Value>,
    pub skillsets: Vec<Value>,
    /// `(skillset id, ability)`.
    pub abilities: Vec<(String, Value)>,
    pub bots: Vec<Value>,
}

/// `normalizeSecretName` of the platform: trim, each run of non-word characters to `_`, runs
/// of `_`/`-` to one `_`, no `_` at either end, lower case. A word character is ASCII
/// `[A-Za-z0-9_]`, as in a JavaScript regular expression.
pub fn normalize_secret_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending = false;
    for c in name.trim().chars() {
        if c.is_ascii_alphanumeric() {
            if pending && !out.is_empty() {
                out.push('_');
            }
            pending = false;
            out.push(c.to_ascii_lowercase());
        } else {
            // `_`, `-` and every non-word character fold into one separator.
            pending = true;
        }
    }
    out
}

/// The names an instruction refers to: `NAME` of each `${SECRET_NAME}` and
/// `{{SECRET_NAME}}` (`NAME` = one or more word characters), in order.
pub fn instruction_secrets(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    for (open, close) in [("${SECRET_", "}"), ("{{SECRET_", "}}")] {
        let mut rest = text;
        while let Some(at) = rest.find(open) {
            let after = &rest[at + open.len()..];
            let end = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            if end > 0 && after[end..].starts_with(close) {
                found.push(&after[..end]);
            }
            rest = &rest[at + open.len()..];
        }
    }
    found
}

/// A JSON field that is a non-empty string.
fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str).filter(|s| !s.is_empty())
}

/// The secret an ability is linked to: `linkedSecretId ?? secretId` (the field was renamed).
fn linked_secret(a: &Value) -> Option<&str> {
    text(a, "linkedSecretId").or_else(|| text(a, "secretId"))
}

fn disabled(v: &Value) -> bool {
    text(v, "state") == Some("disabled")
}

impl CbkAccount {
    fn skillset(&self, id: &str) -> Option<&Value> {
        self.skillsets.iter().find(|k| text(k, "id") == Some(id))
    }

    /// How ability `a` uses the secret `s`, if it does.
    fn ability_use(a: &Value, s: &Value) -> Option<String> {
        if linked_secret(a).is_some_and(|l| Some(l) == text(s, "id")) {
            return Some("linked".into());
        }
        let wanted = normalize_secret_name(&field(s, "name"));
        if wanted.is_empty() {
            return None;
        }
        let instruction = field(a, "instruction");
        instruction_secrets(&instruction).into_iter().find_map(|n| {
            let by_name = n != "DEFAULT" && normalize_secret_name(n) == wanted;
            // `${SECRET_DEFAULT}` with no link falls through to a secret named "default".
            let by_default = n == "DEFAULT" && linked_secret(a).is_none() && wanted == "default";
            (by_name || by_default).then(|| format!("${{SECRET_{n}}} in its instruction"))
        })
    }

    /// Whether `t` is a `reference` secret pointing at `s`: by id, `@alias` or `(name)`, read
    /// as the platform's `findUniqueByIdentifier` reads them (the identifier trimmed, then
    /// the alias or the name inside it; `@@alias` and `@user@alias` are other accounts').
    fn refers_to(t: &Value, s: &Value) -> bool {
        if text(t, "type") != Some("reference") || text(t, "id") == text(s, "id") {
            return false;
        }
        let config = t.get("config").cloned().unwrap_or(Value::Null);
        let Some(r) = ["reference", "secretId", "id"]
            .iter()
            .find_map(|k| text(&config, k))
        else {
            return false;
        };
        let r = r.trim();
        if let Some(alias) = r.strip_prefix('@') {
            return !alias.contains('@') && text(s, "alias") == Some(alias.trim());
        }
        if let Some(name) = r.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
            return !name.trim().is_empty() && name.trim() == field(s, "name");
        }
        Some(r) == text(s, "id")
    }
}

impl References for CbkAccount {
    /// A public personal secret may be used by anyone, a protected one by related accounts
    /// (`canUseSecret`); their abilities are in their owners' lists, not these.
    fn unseen(&self, s: &Value) -> Option<String> {
        let visibility = text(s, "visibility")?;
        (text(s, "kind") == Some("personal") && matches!(visibility, "public" | "protected")).then(
            || format!("other accounts may use this {visibility} personal secret; they are not in these lists"),
        )
    }

    fn used_by(&self, s: &Value) -> Vec<User> {
        let mut users = Vec::new();
        let mut skillsets: Vec<&str> = Vec::new();
        for (sid, a) in &self.abilities {
            let Some(how) = CbkAccount::ability_use(a, s) else {
                continue;
            };
            let skillset = self.skillset(sid);
            let mut via = format!(
                "skillset {}, {how}",
                super::quoted(&skillset.map(|k| field(k, "name")).unwrap_or_default())
            );
            if disabled(a) || skillset.is_some_and(disabled) {
                via.push_str(", disabled");
            }
            users.push(User {
                kind: "ability",
                id: text(a, "id").map(str::to_string),
                name: field(a, "name"),
                via: Some(via),
            });
            if !skillsets.contains(&sid.as_str()) {
                skillsets.push(sid);
            }
        }
        for t in self.secrets.iter().filter(|t| CbkAccount::refers_to(t, s)) {
            users.push(User {
                kind: "secret",
                id: text(t, "id").map(str::to_string),
                name: field(t, "name"),
                via: Some("reference".into()),
            });
        }
        for sid in skillsets {
            let name = self
                .skillset(sid)
                .map(|k| field(k, "name"))
                .unwrap_or_default();
            for b in self
                .bots
                .iter()
                .filter(|b| text(b, "skillsetId") == Some(sid))
            {
                users.push(User {
                    kind: "bot",
                    id: text(b, "id").map(str::to_string),
                    name: field(b, "name"),
                    via: Some(format!("skillset {}", super::quoted(&name))),
                });
            }
        }
        users
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn long_lists_of_users_are_cut_to_ten_names_and_a_count() {
        let users: Vec<User> = (0..250)
            .map(|i| User {
                kind: "ability",
                id: None,
                name: format!("a{i}"),
                via: None,
            })
            .collect();
        let see = see_all(crate::provider::ProviderKind::Kubiya, "MY KEY");
        assert_eq!(see, "secretctl kubiya get 'MY KEY'");
        let s = in_use(&users, &see);
        assert!(s.starts_with("in use by ability 'a0', ability 'a1'"), "{s}");
        assert!(
            s.ends_with("ability 'a9', and 240 more (see `secretctl kubiya get 'MY KEY'`)"),
            "{s}"
        );
        assert_eq!(describe_some(&users[..10], "x"), describe_all(&users[..10]));
    }

    #[test]
    fn names_normalise_as_the_platform_does() {
        assert_eq!(normalize_secret_name("  Weather API  "), "weather_api");
        assert_eq!(normalize_secret_name("weather-api"), "weather_api");
        assert_eq!(normalize_secret_name("__WEATHER__api__"), "weather_api");
        assert_eq!(normalize_secret_name("a.-_b"), "a_b");
        assert_eq!(normalize_secret_name("café"), "caf");
        assert_eq!(normalize_secret_name("--"), "");
    }

    #[test]
    fn instructions_name_secrets_in_both_forms_only() {
        let t = "Authorization: Bearer ${SECRET_WEATHER_API} {{SECRET_other}} ${SECRET_} \
                 ${SECRET_BAD-NAME} {{SECRET_open} $SECRET_X";
        assert_eq!(instruction_secrets(t), vec!["WEATHER_API", "other"]);
    }

    fn list_again() -> Value {
        json!([
            {"uuid": "u1", "name": "deployer", "secrets": ["GH_TOKEN", "X"]},
            {"id": "u2", "name": "reviewer", "secrets": ["gh_token"]},
        ])
    }

    #[test]
    fn kubiya_agents_use_by_exact_name_and_report_case_differences() {
        let list = json!([
            {"uuid": "u1", "name": "deployer", "secrets": ["GH_TOKEN", "X"]},
            {"id": "u2", "name": "reviewer", "secrets": ["gh_token"]},
            {"uuid": "u3", "name": "idle", "secrets": null},
            {"uuid": "u4", "name": "bare"},
        ]);
        let a = KubiyaAgents::from_list(list, "x").unwrap();
        let users = a.used_by(&json!({"name": "GH_TOKEN"}));
        assert_eq!(users.len(), 2);
        assert_eq!(users[0].id.as_deref(), Some("u1"));
        assert_eq!(users[0].via, None);
        assert_eq!(users[1].id.as_deref(), Some("u2"));
        assert_eq!(
            users[1].via.as_deref(),
            Some("names it 'gh_token': case differs")
        );
        assert!(a.used_by(&json!({"name": "NONE"})).is_empty());
        assert!(KubiyaAgents::from_list(json!("x"), "x").is_err());
        // With a secret spelled `gh_token` in the account, reviewer names that one.
        let a = KubiyaAgents::from_list(list_again(), "x")
            .unwrap()
            .with_names(["GH_TOKEN", "gh_token"]);
        assert_eq!(a.used_by(&json!({"name": "GH_TOKEN"})).len(), 1);
        assert_eq!(a.used_by(&json!({"name": "gh_token"})).len(), 1);
    }

    fn account() -> CbkAccount {
        CbkAccount {
            secrets: vec![
                json!({"id": "s1", "name": "Weather API", "alias": "wx"}),
                json!({"id": "r1", "name": "by id", "type": "reference", "config": {"reference": "s1"}}),
                json!({"id": "r2", "name": "by alias", "type": "reference", "config": {"secretId": "@wx"}}),
                json!({"id": "r3", "name": "by name", "type": "reference", "config": {"id": "(Weather API)"}}),
                json!({"id": "r4", "name": "plain", "type": "plain", "config": {"reference": "s1"}}),
            ],
            skillsets: vec![
                json!({"id": "k1", "name": "Tools"}),
                json!({"id": "k2", "name": "Old", "state": "disabled"}),
            ],
            abilities: vec![
                (
                    "k1".into(),
                    json!({"id": "a1", "name": "fetch", "linkedSecretId": "s1"}),
                ),
                (
                    "k1".into(),
                    json!({"id": "a2", "name": "old field", "linkedSecretId": null, "secretId": "s1"}),
                ),
                (
                    "k2".into(),
                    json!({"id": "a3", "name": "by text", "instruction": "Bearer {{SECRET_weather_api}}"}),
                ),
                (
                    "k2".into(),
                    json!({"id": "a4", "name": "other", "secretId": "s9", "instruction": "${SECRET_DEFAULT}"}),
                ),
            ],
            bots: vec![
                json!({"id": "b1", "name": "Helper", "skillsetId": "k1"}),
                json!({"id": "b2", "name": "Unrelated", "skillsetId": "k9"}),
            ],
        }
    }

    #[test]
    fn chatbotkit_joins_links_instructions_references_and_bots() {
        let users = account().used_by(&json!({"id": "s1", "name": "Weather API", "alias": "wx"}));
        let shown: Vec<String> = users.iter().map(User::describe).collect();
        assert_eq!(
            shown,
            vec![
                "ability 'fetch' (skillset 'Tools', linked)",
                "ability 'old field' (skillset 'Tools', linked)",
                "ability 'by text' (skillset 'Old', ${SECRET_weather_api} in its instruction, disabled)",
                "secret 'by id' (reference)",
                "secret 'by alias' (reference)",
                "secret 'by name' (reference)",
                "bot 'Helper' (skillset 'Tools')",
            ]
        );
        let json = serde_json::to_value(&users[6]).unwrap();
        assert_eq!(
            json,
            json!({"kind": "bot", "id": "b1", "name": "Helper", "via": "skillset 'Tools'"})
        );
    }

    #[test]
    fn references_are_trimmed_as_the_platform_trims_identifiers() {
        // findUniqueByIdentifier trims the identifier, then the alias or the name inside it.
        let target = json!({"id": "s1", "name": "Weather API", "alias": "wx"});
        let nameless = json!({"id": "s2", "name": ""});
        assert!(!CbkAccount::refers_to(
            &json!({"id": "r", "type": "reference", "config": {"reference": "()"}}),
            &nameless
        ));
        let reference = |r: &str| json!({"id": "r", "name": "ref", "type": "reference", "config": {"reference": r}});
        for r in [
            " s1 ",
            " @wx",
            "@ wx ",
            "( Weather API )",
            " (Weather API) ",
        ] {
            assert!(
                CbkAccount::refers_to(&reference(r), &target),
                "{r:?} points at the secret"
            );
        }
        // Another account's alias (`@@alias`, `@user@alias`) is not this secret's.
        for r in ["@@wx", "@someone@wx", "(Weather)", "s", "@w x", "( )"] {
            assert!(
                !CbkAccount::refers_to(&reference(r), &target),
                "{r:?} points elsewhere"
            );
        }
    }

    #[test]
    fn default_means_the_link_unless_there_is_none() {
        let acc = account();
        // a4 is linked elsewhere: its ${SECRET_DEFAULT} is that link, not a secret "default".
        assert!(
            acc.used_by(&json!({"id": "d", "name": "Default"}))
                .is_empty()
        );
        let mut acc = acc;
        acc.abilities[3].1["secretId"] = Value::Null;
        assert_eq!(acc.used_by(&json!({"id": "d", "name": "Default"})).len(), 1);
        assert!(
            acc.used_by(&json!({"id": "n", "name": "unused"}))
                .is_empty()
        );
    }
}
