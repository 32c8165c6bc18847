//! What `-o terraform` writes for the `chatbotkit/chatbotkit` provider (1.0.1):
//! `chatbotkit_secret` resources adopted by `import` blocks, by id.

use std::cmp::Ordering;

use serde_json::Value;

use super::Dialect;
use super::writer::{Block, field, map_item, text};
use crate::provider::kind::ProviderKind;

/// How ChatBotKit answers with a write-only config entry such as `clientSecret`.
pub const MASK: &str = "********";

pub(super) struct Chatbotkit;

impl Dialect for Chatbotkit {
    fn kind(&self) -> ProviderKind {
        ProviderKind::Chatbotkit
    }

    fn source(&self) -> &'static str {
        "chatbotkit/chatbotkit"
    }

    fn resource_type(&self) -> &'static str {
        "chatbotkit_secret"
    }

    fn order(&self, a: &Value, b: &Value) -> Ordering {
        let t = |r: &Value| r.get("createdAt").and_then(Value::as_f64).unwrap_or(0.0);
        t(a).total_cmp(&t(b))
            .then_with(|| text(a, "id").cmp(&text(b, "id")))
    }

    /// The name, or the id when the name is blank.
    fn label(&self, r: &Value) -> String {
        text(r, "name")
            .filter(|n| !n.trim().is_empty())
            .or_else(|| text(r, "id"))
            .unwrap_or_default()
    }

    fn import_id(&self, r: &Value) -> Option<String> {
        text(r, "id")
    }

    fn arguments(&self, r: &Value, b: &mut Block) {
        b.string("name", field(r, "name"));
        b.string("description", field(r, "description"));
        b.string("type", field(r, "type"));
        b.string("kind", field(r, "kind"));
        b.string("visibility", field(r, "visibility"));
        b.string("blueprint_id", field(r, "blueprintId"));
        map_item(b, "config", r.get("config"), Some(MASK));
        map_item(b, "meta", r.get("meta"), None);
    }

    /// A personal secret takes no value: each user authenticates it.
    fn takes_value(&self, r: &Value) -> bool {
        text(r, "kind").as_deref() != Some("personal")
    }

    fn value_about(&self, r: &Value) -> String {
        let name = field(r, "name").unwrap_or_default();
        match text(r, "id") {
            Some(id) => format!("Value of ChatBotKit secret {name} ({id})"),
            None => format!("Value of ChatBotKit secret {name}"),
        }
    }

    fn needs(&self) -> &'static str {
        "# Needs Terraform >= 1.5 (import blocks) and the provider declared once in the\n\
         # module, e.g. in versions.tf (not here: a module takes one required_providers):\n"
    }

    fn usage(&self, n: usize, example: Option<(&Value, &str)>) -> String {
        let mut h = String::from(
            "# Provider limitation (chatbotkit/chatbotkit 1.0.1): its read finds only the\n\
             # account's first secret, so importing more than one fails with \"Cannot import\n\
             # non-existent remote object\", and a managed secret it cannot find is planned\n\
             # for creation again. secretctl cannot work around it; check every plan.\n\
             #\n\
             # No secret value is in this file: ChatBotKit never returns values, and secretctl\n\
             # never writes one to a file.\n",
        );
        let Some((_, var)) = example else {
            if n > 0 {
                h.push_str(
                    "# Every secret here is personal and takes no value. Run: terraform plan\n",
                );
            }
            return h;
        };
        h.push_str(&format!(
            "# Supply each value in an environment variable TF_VAR_<variable>, e.g.\n\
             #   export TF_VAR_{var}=\"$(op read op://vault/item/field)\"\n\
             # or in a *.tfvars file kept out of version control (terraform plan -var-file=FILE).\n\
             # Then run terraform plan: it shows the imports and an update that sets each value\n\
             # (the API never returns a value, so the state has none to compare). Terraform\n\
             # keeps the value you supply in its state, in plain text.\n"
        ));
        h
    }
}
