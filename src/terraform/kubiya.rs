//! What `-o terraform` writes for the `kubiya-terraform/kubiya` provider: `kubiya_secret`
//! resources with no `import` blocks, since the provider implements no import; the header
//! gives the adoption steps instead.

use std::cmp::Ordering;

use serde_json::Value;

use super::Dialect;
use super::writer::{Block, field, quote, text};
use crate::provider::kind::ProviderKind;

pub(super) struct Kubiya;

impl Dialect for Kubiya {
    fn kind(&self) -> ProviderKind {
        ProviderKind::Kubiya
    }

    fn source(&self) -> &'static str {
        "kubiya-terraform/kubiya"
    }

    fn resource_type(&self) -> &'static str {
        "kubiya_secret"
    }

    fn order(&self, a: &Value, b: &Value) -> Ordering {
        text(a, "created_at")
            .cmp(&text(b, "created_at"))
            .then_with(|| text(a, "name").cmp(&text(b, "name")))
    }

    fn label(&self, r: &Value) -> String {
        text(r, "name").unwrap_or_default()
    }

    /// `kubiya_secret` implements no import (provider source as of commit fdeac48).
    fn import_id(&self, _: &Value) -> Option<String> {
        None
    }

    fn arguments(&self, r: &Value, b: &mut Block) {
        b.attr("name", quote(&field(r, "name").unwrap_or_default()));
        // The provider stores `description` on every read, `""` when there is none.
        b.attr(
            "description",
            quote(&field(r, "description").unwrap_or_default()),
        );
    }

    fn takes_value(&self, _: &Value) -> bool {
        true
    }

    fn value_about(&self, r: &Value) -> String {
        format!(
            "Value of Kubiya secret {}",
            field(r, "name").unwrap_or_default()
        )
    }

    fn needs(&self) -> &'static str {
        "# Needs the provider declared once in the module, e.g. in versions.tf (not here: a\n\
         # module takes one required_providers); without it Terraform looks for\n\
         # hashicorp/kubiya, which does not exist:\n"
    }

    fn usage(&self, _: usize, example: Option<(&Value, &str)>) -> String {
        let (name, var) = match example {
            Some((r, var)) => {
                let name = text(r, "name").unwrap_or_default();
                let plain = !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "_.-/".contains(c));
                (if plain { name } else { "NAME".into() }, var)
            }
            None => ("NAME".into(), "x"),
        };
        format!(
            "# No import blocks: kubiya_secret implements no import (provider source as of\n\
             # commit fdeac48; an import block fails with \"Resource Import Not Implemented\"),\n\
             # and creating a name that exists fails. To adopt an existing secret, copy its\n\
             # value into the variable, delete the secret and let Terraform create it at once:\n\
             #   export TF_VAR_{var}=\"$(secretctl kubiya get {name} --reveal)\"\n\
             #   terraform plan -target=kubiya_secret.{var}   # 1 to add, nothing else\n\
             #   test -n \"$TF_VAR_{var}\" && secretctl kubiya delete {name} --yes --force &&\n\
             #     terraform apply -target=kubiya_secret.{var}\n\
             # (--force: agents naming it find it again once the apply has re-created it.)\n\
             # The secret is missing from the delete until the apply: answer it at once. For\n\
             # several, export every value first, then delete them and run one apply. Every\n\
             # later plan needs the values too: TF_VAR_<variable>, or a *.tfvars file kept out\n\
             # of version control (terraform plan -var-file=FILE).\n\
             #\n\
             # No secret value is in this file (secretctl never writes one to a file), but this\n\
             # provider reads every value back and keeps it in the Terraform state in plain\n\
             # text: keep the state where only those allowed to read these secrets can reach.\n"
        )
    }
}
