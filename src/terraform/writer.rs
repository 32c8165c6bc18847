//! The HCL writer of `-o terraform`, the same for every provider: safe identifiers, string
//! literals that mean exactly what the server sent, and blocks laid out as `terraform fmt`
//! lays them out.

use std::collections::HashSet;

use serde_json::Value;

/// Names Terraform refuses for a variable (the identifiers are shared with the variables).
const RESERVED: &[&str] = &[
    "source",
    "version",
    "providers",
    "count",
    "for_each",
    "lifecycle",
    "depends_on",
    "locals",
];

/// A safe Terraform name for a secret name: lowercase; every run of characters outside
/// `[a-z0-9_]` becomes `_`; leading and trailing `_` trimmed; `secret_` in front when it would
/// start with a digit or be a name Terraform reserves for variables; `secret` when nothing is
/// left.
pub fn ident(name: &str) -> String {
    let mut s = String::with_capacity(name.len());
    let mut in_run = false;
    for c in name.to_lowercase().chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' {
            s.push(c);
            in_run = false;
        } else if !in_run {
            s.push('_');
            in_run = true;
        }
    }
    let s = s.trim_matches('_');
    if s.is_empty() {
        "secret".to_string()
    } else if s.starts_with(|c: char| c.is_ascii_digit()) || RESERVED.contains(&s) {
        format!("secret_{s}")
    } else {
        s.to_string()
    }
}

/// [`ident`] for each name, made unique in input order: the first keeps its identifier, later
/// ones get `_2`, `_3`… (skipping any suffixed form already taken).
pub fn unique_idents<S: AsRef<str>>(names: &[S]) -> Vec<String> {
    let mut used = HashSet::new();
    names
        .iter()
        .map(|n| {
            let base = ident(n.as_ref());
            let mut candidate = base.clone();
            let mut i = 2;
            while !used.insert(candidate.clone()) {
                candidate = format!("{base}_{i}");
                i += 1;
            }
            candidate
        })
        .collect()
}

/// `s` as a quoted HCL string literal that means exactly `s`: `\` `"` and control characters
/// escaped, and the template markers `${` / `%{` doubled to `$${` / `%%{`.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An object key: bare when it is a plain identifier, quoted otherwise (and for the keywords
/// that an expression parser would read as literals).
fn object_key(k: &str) -> String {
    let bare = k.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !matches!(k, "true" | "false" | "null");
    if bare { k.to_string() } else { quote(k) }
}

/// A JSON scalar as the string Terraform's `map(string)` arguments take; `None` for null.
/// Nested values (not expected in these maps) travel as their JSON text.
fn as_string(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// A record's string field, `None` when absent, null or empty.
pub(super) fn text(r: &Value, key: &str) -> Option<String> {
    field(r, key).filter(|s| !s.is_empty())
}

/// A record's string field as the API returned it, `""` included; `None` when absent or null
/// (the providers store every non-null field on read, so an empty one must be written too).
pub(super) fn field(r: &Value, key: &str) -> Option<String> {
    r.get(key).and_then(as_string)
}

enum Item {
    /// `key = <expression>` on one line.
    Attr(&'static str, String),
    /// `key = { k = "v" … }` over several lines.
    Map(&'static str, Vec<(String, String)>),
    Comment(String),
}

pub(super) struct Block {
    head: String,
    items: Vec<Item>,
}

impl Block {
    pub(super) fn new(head: String) -> Block {
        Block {
            head,
            items: Vec::new(),
        }
    }

    pub(super) fn attr(&mut self, key: &'static str, expr: String) {
        self.items.push(Item::Attr(key, expr));
    }

    pub(super) fn string(&mut self, key: &'static str, value: Option<String>) {
        if let Some(v) = value {
            self.attr(key, quote(&v));
        }
    }

    /// A `# …` line inside the block.
    pub(super) fn comment(&mut self, text: String) {
        self.items.push(Item::Comment(text));
    }

    /// Writes the block, `=` aligned within runs of one-line attributes as `terraform fmt` does.
    pub(super) fn write(&self, out: &mut String) {
        out.push_str(&self.head);
        out.push_str(" {\n");
        let mut i = 0;
        while i < self.items.len() {
            match &self.items[i] {
                Item::Attr(..) => {
                    let run: Vec<(&str, &str)> = self.items[i..]
                        .iter()
                        .map_while(|it| match it {
                            Item::Attr(k, e) => Some((*k, e.as_str())),
                            _ => None,
                        })
                        .collect();
                    write_aligned(out, "  ", &run);
                    i += run.len();
                }
                Item::Map(k, entries) => {
                    out.push_str(&format!("  {k} = {{\n"));
                    let run: Vec<(&str, &str)> = entries
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.as_str()))
                        .collect();
                    write_aligned(out, "    ", &run);
                    out.push_str("  }\n");
                    i += 1;
                }
                Item::Comment(c) => {
                    out.push_str(&format!("  # {c}\n"));
                    i += 1;
                }
            }
        }
        out.push_str("}\n");
    }
}

fn write_aligned(out: &mut String, indent: &str, run: &[(&str, &str)]) {
    let width = run
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    for (k, e) in run {
        let pad = width - k.chars().count();
        out.push_str(&format!("{indent}{k}{} = {e}\n", " ".repeat(pad)));
    }
}

/// A map argument from a record's object field: null entries skipped, entries equal to `mask`
/// (how the API shows a write-only one), and with a mask also those a secret key names
/// (`crate::redact::is_secret_key`), left out
/// (each named in a comment); an empty map (`{}`) when no entry is left, since the provider
/// stores any map the API returns. Nothing when the field is absent or null.
pub(super) fn map_item(
    block: &mut Block,
    arg: &'static str,
    field: Option<&Value>,
    mask: Option<&str>,
) {
    let Some(Value::Object(m)) = field else {
        return;
    };
    let mut entries = Vec::new();
    let mut left_out = Vec::new();
    for (k, v) in m {
        let Some(s) = as_string(v) else { continue };
        // A masked entry, and in a map of write-only entries any entry a secret key names: a
        // misbehaving server that answers `clientSecret` unmasked never puts it in a file.
        if mask.is_some_and(|m| m == s || crate::redact::is_secret_key(k)) {
            left_out.push(k);
            continue;
        }
        entries.push((object_key(k), quote(&s)));
    }
    for k in left_out {
        block.comment(format!(
            "{arg} {} is write-only (a secret) and is left out;",
            quote(k)
        ));
        block.comment(format!(
            "an update sends {arg} as written: add it from a sensitive variable first"
        ));
    }
    if entries.is_empty() {
        block.attr(arg, "{}".into());
    } else {
        block.items.push(Item::Map(arg, entries));
    }
}
