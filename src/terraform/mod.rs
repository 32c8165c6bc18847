//! `-o terraform`: secret records → Terraform HCL that `terraform fmt -check` accepts as it
//! is: per secret a `resource` block and, where the secret holds a value, a sensitive
//! `variable` block; ChatBotKit secrets also get an `import` block (Kubiya's provider
//! implements no import). Pure functions: records in, text out.
//!
//! Every argument the API returned and the provider's schema has is written, `""` included,
//! since both providers store those on read (`tests/data/terraform-schemas.json` holds the
//! schemas the tests check against). What the text never holds is a secret value: ChatBotKit
//! never returns one, and secretctl reads none of Kubiya's for this output; every `value` is
//! `var.<name>`, supplied by the user at plan time (Kubiya's provider then reads it back into
//! the state). Masked config entries (`"********"`) are left out too: the mask is not the
//! value.
//!
//! Everything that comes from a server is written as an escaped HCL string (quotes,
//! backslashes, control characters, `${` and `%{`), or as an identifier built by [`ident`], so
//! nothing a secret's name or description holds can add HCL of its own.
//!
//! The layout and the rules above are this file's; what differs between the two Terraform
//! providers (resource type, source, arguments, import support, order, header notes) is a
//! [`Dialect`], one file per provider: `chatbotkit.rs`, `kubiya.rs`.

mod chatbotkit;
mod kubiya;
mod writer;

use std::cmp::Ordering;

use serde_json::Value;

use crate::provider::kind::ProviderKind;
use writer::Block;
pub use writer::{ident, quote, unique_idents};

pub use chatbotkit::MASK;

/// What one Terraform provider needs of the file; everything else is the same for both.
trait Dialect {
    fn kind(&self) -> ProviderKind;
    /// The provider's registry source, as `required_providers` names it.
    fn source(&self) -> &'static str;
    fn resource_type(&self) -> &'static str;
    /// The order of the file: oldest first (then by id or name), so that a secret created
    /// later never takes the Terraform name an earlier one had in a previous run.
    fn order(&self, a: &Value, b: &Value) -> Ordering;
    /// What the Terraform identifier of a secret is made from.
    fn label(&self, r: &Value) -> String;
    /// The id an `import` block adopts the secret by; `None`: no import block.
    fn import_id(&self, r: &Value) -> Option<String>;
    /// The resource's arguments before `value`.
    fn arguments(&self, r: &Value, b: &mut Block);
    /// Whether the resource gets `value = var.…`.
    fn takes_value(&self, r: &Value) -> bool;
    /// The description of a secret's value variable.
    fn value_about(&self, r: &Value) -> String;
    /// The header's lines between its first line and the `required_providers` comment.
    fn needs(&self) -> &'static str;
    /// The header's lines after the `required_providers` comment, given the number of
    /// secrets and the first one that takes a value, with its identifier.
    fn usage(&self, n: usize, example: Option<(&Value, &str)>) -> String;
}

fn dialect(kind: ProviderKind) -> &'static dyn Dialect {
    match kind {
        ProviderKind::Chatbotkit => &chatbotkit::Chatbotkit,
        ProviderKind::Kubiya => &kubiya::Kubiya,
    }
}

/// The HCL for `records` of one platform: a header comment, then for each secret a
/// `resource` block (every argument the API returned that the provider's schema has, empty
/// strings included, so a plan after adoption changes nothing but the value) and, unless it
/// takes no value (a personal ChatBotKit secret), a sensitive `variable` block for its value.
/// Where the provider implements import, an `import` block comes first; where it does not,
/// the header says how to adopt the secrets instead.
pub fn render(kind: ProviderKind, records: &[Value]) -> String {
    let d = dialect(kind);
    let rtype = d.resource_type();
    let mut records: Vec<&Value> = records.iter().collect();
    records.sort_by(|a, b| d.order(a, b));
    let labels: Vec<String> = records.iter().map(|r| d.label(r)).collect();
    let idents = unique_idents(&labels);
    let mut out = header(d, &records, &idents);
    if records.is_empty() {
        out.push_str("\n# No secrets matched.\n");
        return out;
    }
    for (r, id) in records.iter().zip(&idents) {
        out.push('\n');
        if let Some(import_id) = d.import_id(r) {
            let mut i = Block::new("import".into());
            i.attr("to", format!("{rtype}.{id}"));
            i.attr("id", quote(&import_id));
            i.write(&mut out);
            out.push('\n');
        }
        let mut b = Block::new(format!("resource {} {}", quote(rtype), quote(id)));
        d.arguments(r, &mut b);
        let takes_value = d.takes_value(r);
        if takes_value {
            b.attr("value", format!("var.{id}"));
        } else {
            b.comment("a personal secret takes no value: each user authenticates it".into());
        }
        b.write(&mut out);
        if takes_value {
            let mut v = Block::new(format!("variable {}", quote(id)));
            v.attr("type", "string".into());
            v.attr("sensitive", "true".into());
            v.attr("description", quote(&d.value_about(r)));
            out.push('\n');
            v.write(&mut out);
        }
    }
    out
}

/// How to use the file. Only identifiers and fixed text go into comments (a name could hold
/// a newline); a name is shown only when it is plain enough to need no quoting.
fn header(d: &dyn Dialect, records: &[&Value], idents: &[String]) -> String {
    let n = records.len();
    let plural = if n == 1 { "" } else { "s" };
    let mut h = format!(
        "# Generated by secretctl {} from {n} {} secret{plural}.\n",
        env!("CARGO_PKG_VERSION"),
        d.kind().display(),
    );
    h.push_str(d.needs());
    h.push_str("#\n");
    h.push_str(&required_providers(d));
    h.push_str("#\n");
    // The example: the first secret that takes a value.
    let example = records
        .iter()
        .zip(idents)
        .find(|(r, _)| d.takes_value(r))
        .map(|(r, id)| (*r, id.as_str()));
    h.push_str(&d.usage(n, example));
    h
}

/// The `required_providers` entry the module needs, as comment lines (the file cannot hold
/// the block itself: a module may have only one `required_providers`, and it usually has one
/// already, or two of these files side by side).
fn required_providers(d: &dyn Dialect) -> String {
    format!(
        "#   terraform {{\n\
         #     required_providers {{\n\
         #       {} = {{\n\
         #         source = \"{}\"\n\
         #       }}\n\
         #     }}\n\
         #   }}\n",
        d.kind().key(),
        d.source(),
    )
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use hcl::{Block as HclBlock, Body, Expression, ObjectKey};
    use serde_json::json;

    fn parse(s: &str) -> Body {
        hcl::parse(s).unwrap_or_else(|e| panic!("not valid HCL ({e}):\n{s}"))
    }

    fn blocks<'a>(body: &'a Body, kind: &str) -> Vec<&'a HclBlock> {
        body.blocks().filter(|b| b.identifier() == kind).collect()
    }

    fn attr<'a>(b: &'a HclBlock, key: &str) -> Option<&'a Expression> {
        b.body()
            .attributes()
            .find(|a| a.key() == key)
            .map(|a| a.expr())
    }

    fn string_attr(b: &HclBlock, key: &str) -> String {
        match attr(b, key) {
            Some(Expression::String(s)) => s.clone(),
            other => panic!("{key} is not a string: {other:?}"),
        }
    }

    fn map_attr(b: &HclBlock, key: &str) -> Vec<(String, String)> {
        match attr(b, key) {
            Some(Expression::Object(o)) => o
                .iter()
                .map(|(k, v)| {
                    let k = match k {
                        ObjectKey::Identifier(i) => i.to_string(),
                        ObjectKey::Expression(Expression::String(s)) => s.clone(),
                        other => panic!("key {other:?}"),
                    };
                    let Expression::String(v) = v else {
                        panic!("value {v:?}")
                    };
                    (k, v.clone())
                })
                .collect(),
            other => panic!("{key} is not an object: {other:?}"),
        }
    }

    fn labels(b: &HclBlock) -> Vec<&str> {
        b.labels().iter().map(|l| l.as_str()).collect()
    }

    fn expr_text(e: &Expression) -> String {
        e.to_string()
    }

    #[test]
    fn identifiers_are_safe() {
        assert_eq!(ident("External API Key"), "external_api_key");
        assert_eq!(ident("external-api-key"), "external_api_key");
        assert_eq!(ident("EXTERNAL_API_KEY"), "external_api_key");
        assert_eq!(ident("  --OpenAI.Key!! "), "openai_key");
        assert_eq!(ident("1password"), "secret_1password");
        assert_eq!(ident(""), "secret");
        assert_eq!(ident("€€€"), "secret");
        assert_eq!(ident("Ünïcode name"), "n_code_name");
        assert_eq!(ident("count"), "secret_count");
        assert_eq!(ident("a\n}\nresource"), "a_resource");
    }

    #[test]
    fn colliding_names_get_numeric_suffixes_in_input_order() {
        let names = [
            "External API Key",
            "external-api-key",
            "EXTERNAL_API_KEY",
            "1password",
            "",
            "",
            "external_api_key_2",
        ];
        let ids = unique_idents(&names);
        assert_eq!(
            ids,
            [
                "external_api_key",
                "external_api_key_2",
                "external_api_key_3",
                "secret_1password",
                "secret",
                "secret_2",
                "external_api_key_2_2",
            ]
        );
        let set: HashSet<&String> = ids.iter().collect();
        assert_eq!(set.len(), ids.len());
        for id in &ids {
            assert!(hcl::Identifier::new(id.as_str()).is_ok(), "{id}");
            assert!(id.starts_with(|c: char| c.is_ascii_lowercase()), "{id}");
        }
    }

    #[test]
    fn colliding_names_render_as_distinct_resources_and_variables() {
        let recs: Vec<Value> = ["External API Key", "external-api-key", "EXTERNAL_API_KEY"]
            .iter()
            .enumerate()
            .map(|(i, n)| json!({"id": format!("sec{i}"), "name": n, "kind": "shared"}))
            .collect();
        let body = parse(&render(ProviderKind::Chatbotkit, &recs));
        let res: Vec<String> = blocks(&body, "resource")
            .iter()
            .map(|b| labels(b)[1].to_string())
            .collect();
        let vars: Vec<String> = blocks(&body, "variable")
            .iter()
            .map(|b| labels(b)[0].to_string())
            .collect();
        let want = [
            "external_api_key",
            "external_api_key_2",
            "external_api_key_3",
        ];
        assert_eq!(res, want);
        assert_eq!(vars, want);
        let tos: Vec<String> = blocks(&body, "import")
            .iter()
            .map(|b| expr_text(attr(b, "to").unwrap()))
            .collect();
        assert_eq!(
            tos,
            want.map(|w| format!("chatbotkit_secret.{w}")).to_vec(),
            "import targets follow the resources"
        );
    }

    #[test]
    fn escaping_round_trips_through_a_real_parser() {
        let nasty = [
            "plain",
            "quote \" and backslash \\ and \\\" both",
            "interp ${var.x} and directive %{ if true }y%{ endif }",
            "already escaped $${x} and %%{y}, and $$${z}",
            "lone $ and % and { } and $ {",
            "new\nline, cr\r, tab\t, nul\u{0}, esc\u{1b}[31m, del\u{7f}, c1\u{85}",
            "unicode é 日本 🚀",
            "ends with $",
            "ends with backslash \\",
        ];
        for s in nasty {
            let text = format!("a = {}\n", quote(s));
            let body = parse(&text);
            let a = body.attributes().next().unwrap();
            assert_eq!(
                a.expr(),
                &Expression::String(s.to_string()),
                "{s:?} written as {text}"
            );
            assert!(!quote(s).contains(['\n', '\r', '\u{1b}']), "{text}");
        }
    }

    #[test]
    fn chatbotkit_resource_has_every_readable_argument_and_no_mask() {
        let rec = json!({
            "id": "sec_abc", "alias": "al", "name": "OAuth \"GitHub\" ${x}",
            "description": "line1\nline2 %{y} \\", "blueprintId": "bp_1",
            "kind": "shared", "type": "oauth", "visibility": "protected",
            "config": {"clientId": "cid", "clientSecret": MASK, "scope": "repo user",
                       "token-url": "https://x", "null": "n", "empty": null},
            "meta": {"team": "data", "cost center": "42"},
            "createdAt": 1, "updatedAt": 2
        });
        let hcl_text = render(ProviderKind::Chatbotkit, std::slice::from_ref(&rec));
        assert!(!hcl_text.contains(MASK), "{hcl_text}");
        let body = parse(&hcl_text);
        let imports = blocks(&body, "import");
        assert_eq!(imports.len(), 1);
        assert_eq!(string_attr(imports[0], "id"), "sec_abc");
        assert_eq!(
            expr_text(attr(imports[0], "to").unwrap()),
            "chatbotkit_secret.oauth_github_x"
        );
        let res = blocks(&body, "resource");
        assert_eq!(labels(res[0]), ["chatbotkit_secret", "oauth_github_x"]);
        let r = res[0];
        assert_eq!(string_attr(r, "name"), "OAuth \"GitHub\" ${x}");
        assert_eq!(string_attr(r, "description"), "line1\nline2 %{y} \\");
        assert_eq!(string_attr(r, "type"), "oauth");
        assert_eq!(string_attr(r, "kind"), "shared");
        assert_eq!(string_attr(r, "visibility"), "protected");
        assert_eq!(string_attr(r, "blueprint_id"), "bp_1");
        assert!(attr(r, "alias").is_none(), "the provider has no alias");
        assert!(attr(r, "id").is_none() && attr(r, "created_at").is_none());
        let mut config = map_attr(r, "config");
        config.sort();
        assert_eq!(
            config,
            [
                ("clientId".into(), "cid".into()),
                ("null".into(), "n".into()),
                ("scope".into(), "repo user".into()),
                ("token-url".into(), "https://x".into()),
            ]
        );
        let mut meta = map_attr(r, "meta");
        meta.sort();
        assert_eq!(
            meta,
            [
                ("cost center".into(), "42".into()),
                ("team".into(), "data".into())
            ]
        );
        assert_eq!(expr_text(attr(r, "value").unwrap()), "var.oauth_github_x");
        let vars = blocks(&body, "variable");
        assert_eq!(labels(vars[0]), ["oauth_github_x"]);
        assert_eq!(attr(vars[0], "sensitive"), Some(&Expression::Bool(true)));
        assert_eq!(expr_text(attr(vars[0], "type").unwrap()), "string");
        assert_eq!(
            string_attr(vars[0], "description"),
            "Value of ChatBotKit secret OAuth \"GitHub\" ${x} (sec_abc)"
        );
        assert!(hcl_text.contains("# config \"clientSecret\" is write-only"));
    }

    #[test]
    fn null_fields_are_skipped_and_empty_ones_written() {
        // The provider stores every non-null field on read: `""` and `{}` must be written,
        // or every plan shows `"" -> null`.
        let rec = json!({"id": "s1", "name": "N", "description": "", "alias": null,
            "blueprintId": null, "kind": null, "type": null, "config": null,
            "visibility": null, "meta": {}});
        let t = render(ProviderKind::Chatbotkit, &[rec]);
        assert!(!t.contains("null"), "{t}");
        let body = parse(&t);
        let r = blocks(&body, "resource")[0];
        let keys: Vec<&str> = r.body().attributes().map(|a| a.key()).collect();
        assert_eq!(keys, ["name", "description", "meta", "value"]);
        assert_eq!(string_attr(r, "description"), "");
        assert!(
            t.contains("  description = \"\"\n  meta        = {}\n"),
            "{t}"
        );
        let rec = json!({"id": "s2", "name": "", "description": "", "kind": "",
            "type": "", "visibility": "", "blueprintId": "", "config": {}, "meta": null});
        let t = render(ProviderKind::Chatbotkit, &[rec]);
        let body = parse(&t);
        let r = blocks(&body, "resource")[0];
        let keys: Vec<&str> = r.body().attributes().map(|a| a.key()).collect();
        assert_eq!(
            keys,
            [
                "name",
                "description",
                "type",
                "kind",
                "visibility",
                "blueprint_id",
                "config",
                "value"
            ]
        );
        assert_eq!(labels(r), ["chatbotkit_secret", "s2"], "named after the id");
    }

    #[test]
    fn a_config_left_with_only_masked_entries_is_an_empty_map() {
        let rec = json!({"id": "s1", "name": "N", "kind": "personal",
            "config": {"clientSecret": MASK}});
        let t = render(ProviderKind::Chatbotkit, &[rec]);
        assert!(!t.contains(MASK), "{t}");
        let r = parse(&t);
        let r = blocks(&r, "resource")[0];
        assert_eq!(
            attr(r, "config"),
            Some(&Expression::Object(Default::default()))
        );
        assert!(
            t.contains("  # config \"clientSecret\" is write-only (a secret) and is left out;\n  # an update sends config as written: add it from a sensitive variable first\n  config = {}\n"),
            "{t}"
        );
    }

    #[test]
    fn an_unmasked_secret_config_entry_never_reaches_the_file() {
        // A misbehaving server answers the secret entries in clear text.
        let rec = json!({"id": "s1", "name": "N", "kind": "shared", "config": {
            "clientId": "cid", "clientSecret": "cs-in-clear-text", "apiKey": "ak-in-clear",
            "tokenUrl": "https://example.test/token"}});
        let t = render(ProviderKind::Chatbotkit, &[rec]);
        assert!(
            !t.contains("cs-in-clear-text") && !t.contains("ak-in-clear"),
            "{t}"
        );
        assert!(
            t.contains("# config \"clientSecret\" is write-only (a secret)"),
            "{t}"
        );
        assert!(
            t.contains("# config \"apiKey\" is write-only (a secret)"),
            "{t}"
        );
        let r = parse(&t);
        let r = blocks(&r, "resource")[0];
        let mut config = map_attr(r, "config");
        config.sort();
        assert_eq!(
            config,
            [
                ("clientId".to_string(), "cid".to_string()),
                (
                    "tokenUrl".to_string(),
                    "https://example.test/token".to_string()
                )
            ]
        );
    }

    #[test]
    fn personal_secrets_get_no_value_and_no_variable() {
        let recs = [
            json!({"id": "p1", "name": "Mine", "kind": "personal", "type": "oauth"}),
            json!({"id": "s1", "name": "Shared", "kind": "shared"}),
        ];
        let t = render(ProviderKind::Chatbotkit, &recs);
        let body = parse(&t);
        let res = blocks(&body, "resource");
        assert!(attr(res[0], "value").is_none());
        assert!(attr(res[1], "value").is_some());
        let vars: Vec<Vec<&str>> = blocks(&body, "variable")
            .iter()
            .map(|b| labels(b))
            .collect();
        assert_eq!(vars, [["shared"]]);
        assert!(
            t.contains("TF_VAR_shared="),
            "the example names a variable that exists:\n{t}"
        );
    }

    #[test]
    fn kubiya_has_no_import_blocks_and_always_a_description() {
        let recs = [
            json!({"name": "GH_TOKEN", "description": "CI \"token\"", "created_by": "me",
                   "created_at": "2026-01-01T00:00:00Z", "value": "must-not-appear"}),
            json!({"name": "db-pass", "description": "", "created_at": "2026-02-01T00:00:00Z"}),
            json!({"name": "old", "description": null, "created_at": "2026-03-01T00:00:00Z"}),
            json!({"name": "older", "created_at": "2026-04-01T00:00:00Z"}),
        ];
        let t = render(ProviderKind::Kubiya, &recs);
        assert!(!t.contains("must-not-appear"));
        let body = parse(&t);
        assert!(blocks(&body, "import").is_empty(), "{t}");
        assert!(!t.contains("\nimport {"), "{t}");
        let res = blocks(&body, "resource");
        assert_eq!(labels(res[0]), ["kubiya_secret", "gh_token"]);
        assert_eq!(labels(res[1]), ["kubiya_secret", "db_pass"]);
        for r in &res {
            let keys: Vec<&str> = r.body().attributes().map(|a| a.key()).collect();
            assert_eq!(keys, ["name", "description", "value"]);
        }
        assert_eq!(string_attr(res[0], "description"), "CI \"token\"");
        for r in &res[1..] {
            assert_eq!(
                string_attr(r, "description"),
                "",
                "the provider stores \"\""
            );
        }
        assert_eq!(expr_text(attr(res[1], "value").unwrap()), "var.db_pass");
        assert_eq!(blocks(&body, "variable").len(), 4);
        assert!(t.contains(
            "resource \"kubiya_secret\" \"db_pass\" {\n  name        = \"db-pass\"\n  description = \"\"\n  value       = var.db_pass\n}\n"
        ), "{t}");
        for want in [
            "#   export TF_VAR_gh_token=\"$(secretctl kubiya get GH_TOKEN --reveal)\"\n",
            "#   terraform plan -target=kubiya_secret.gh_token",
            "#   test -n \"$TF_VAR_gh_token\" && secretctl kubiya delete GH_TOKEN --yes --force &&\n\
             #     terraform apply -target=kubiya_secret.gh_token\n",
            "implements no import",
            "commit fdeac48",
            "\"Resource Import Not Implemented\"",
            "keeps it in the Terraform state in plain\n# text",
        ] {
            assert!(t.contains(want), "{want:?} not in\n{t}");
        }
        assert!(
            !t.contains("Terraform >= 1.5"),
            "no import blocks, no 1.5 needed"
        );
        assert!(!t.contains("read a value back"), "{t}");
    }

    #[test]
    fn chatbotkit_header_names_the_read_limitation_and_its_version() {
        let rec = json!({"id": "s1", "name": "N", "kind": "shared"});
        let t = render(ProviderKind::Chatbotkit, &[rec]);
        assert!(
            t.contains(
                "# Provider limitation (chatbotkit/chatbotkit 1.0.1): its read finds only the\n\
             # account's first secret, so importing more than one fails with \"Cannot import\n\
             # non-existent remote object\""
            ),
            "{t}"
        );
        assert!(t.contains("Needs Terraform >= 1.5 (import blocks)"), "{t}");
        assert!(!t.contains("read a value back"), "{t}");
    }

    #[test]
    fn the_required_providers_comment_is_a_multi_line_block() {
        for (kind, want) in [
            (
                ProviderKind::Chatbotkit,
                ("chatbotkit", "chatbotkit/chatbotkit"),
            ),
            (ProviderKind::Kubiya, ("kubiya", "kubiya-terraform/kubiya")),
        ] {
            let t = render(kind, &[]);
            let block: String = t
                .lines()
                .skip_while(|l| *l != "#   terraform {")
                .take_while(|l| l.starts_with("#   "))
                .map(|l| format!("{}\n", &l[4..]))
                .collect();
            assert_eq!(
                block,
                format!(
                    "terraform {{\n  required_providers {{\n    {} = {{\n      source = \"{}\"\n    }}\n  }}\n}}\n",
                    want.0, want.1
                )
            );
            let body = parse(&block);
            let tf = blocks(&body, "terraform")[0];
            let rp = tf.body().blocks().next().unwrap();
            assert_eq!(rp.identifier(), "required_providers");
            let Some(Expression::Object(o)) = attr(rp, want.0) else {
                panic!("{block}")
            };
            let entries: Vec<(String, &Expression)> =
                o.iter().map(|(k, v)| (k.to_string(), v)).collect();
            assert_eq!(
                entries,
                [("source".to_string(), &Expression::String(want.1.into()))]
            );
        }
    }

    #[test]
    fn header_explains_the_variables_and_names_stay_out_of_comments() {
        let rec = json!({"name": "x\nresource \"evil\" \"r\" {}\n#", "description": "d"});
        let t = render(ProviderKind::Kubiya, &[rec]);
        let body = parse(&t);
        assert_eq!(blocks(&body, "resource").len(), 1, "{t}");
        assert!(t.starts_with("# Generated by secretctl "));
        assert!(t.contains("TF_VAR_"));
        assert!(t.contains("*.tfvars"));
        assert!(t.contains("terraform plan"));
        assert!(t.contains("source = \"kubiya-terraform/kubiya\""));
        for line in t.lines().filter(|l| l.trim_start().starts_with('#')) {
            assert!(!line.contains("\"evil\""), "{line}");
        }
    }

    #[test]
    fn oldest_first_so_a_newer_clash_never_renames_an_older_secret() {
        // As the API lists them: newest first.
        let recs = [
            json!({"id": "s3", "name": "external-api-key", "createdAt": 3000}),
            json!({"id": "s1", "name": "External API Key", "createdAt": 1000}),
        ];
        let body = parse(&render(ProviderKind::Chatbotkit, &recs));
        let imports: Vec<(String, String)> = blocks(&body, "import")
            .iter()
            .map(|b| (string_attr(b, "id"), expr_text(attr(b, "to").unwrap())))
            .collect();
        assert_eq!(
            imports,
            [
                ("s1".into(), "chatbotkit_secret.external_api_key".into()),
                ("s3".into(), "chatbotkit_secret.external_api_key_2".into()),
            ]
        );
    }

    #[test]
    fn nothing_matched_is_still_valid_hcl() {
        let t = render(ProviderKind::Chatbotkit, &[]);
        let body = parse(&t);
        assert_eq!(body.iter().count(), 0);
    }

    #[test]
    fn equals_signs_are_aligned() {
        let rec = json!({"id": "s", "name": "N", "blueprintId": "b", "type": "plain"});
        let t = render(ProviderKind::Chatbotkit, &[rec]);
        assert!(t.contains("  name         = \"N\"\n"), "{t}");
        assert!(t.contains("  blueprint_id = \"b\"\n"), "{t}");
    }
}
