//! The four export formats, each written so that secretctl's own reader of it gives back the
//! same names and bytes: `json`, `toml` and `dotenv` through `import`/`sync`
//! ([`crate::import::formats::parse`]), `shell` through the shell's `eval`. What a format
//! cannot carry is refused here ([`Unfit`]), never written approximately.
//!
//! - json: `[{"name", "value", "description"}]`, serde_json's escaping (every string JSON can
//!   hold, NUL included as `\u0000`).
//! - toml: `NAME = "…"` basic strings; `\\`, `"` and every control character but tab escaped
//!   (`\n`, `\r`, `\uXXXX`…); a name that is not a bare key is a quoted key.
//! - dotenv: `NAME="…"` with the escapes the dotenv reader knows (`\\`, `\"`, `\$`, `\n`,
//!   `\r`): one line an item, no raw line break or carriage return, `$` never expandable by
//!   another reader either. Names as the reader takes them: letters, digits, `_`, `.`, `-`.
//! - shell: `export NAME='…'`, a `'` written `'\''`; inside single quotes a POSIX shell takes
//!   every other byte as it is. Names must be shell identifiers, and none that bash, zsh or sh
//!   gives a meaning of its own ([`super::names::shell_special`]: read-only, evaluated
//!   arithmetically — which runs `$(…)` from a value —, ignored, or changing how the shell
//!   or the programs it starts work), which `eval` would not set as they are.

use std::io::Write;

use serde::Serialize;
use zeroize::Zeroizing;

use super::names;
use crate::cli::ExportFormat;

/// One secret to write, its value read exactly.
pub struct Exported {
    pub name: String,
    pub value: Zeroizing<String>,
    pub description: String,
}

impl std::fmt::Debug for Exported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Exported")
            .field("name", &self.name)
            .field("value", &"<redacted>")
            .finish()
    }
}

/// Why a format cannot carry a secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unfit {
    /// The name is not one this format can write (shell: not an identifier, or one a shell
    /// treats specially; dotenv: not letters, digits, `_`, `.`, `-`).
    Name,
    /// The value holds a NUL byte, which an environment (dotenv, shell) cannot hold.
    Nul,
}

impl Unfit {
    /// The problem in words, after the secret's name.
    pub fn describe(self, format: ExportFormat, name: &str) -> String {
        match (self, format) {
            (Unfit::Name, ExportFormat::Shell) if names::changes_startup(name) => {
                "that variable changes how programs start or find their code (the loader, a shell or an interpreter reads it), and `eval` would set it for every later command of the shell".into()
            }
            (Unfit::Name, ExportFormat::Shell) if is_env_name(name) => {
                "bash, zsh or sh gives that name a meaning of its own, so `eval` would not set it as it is (the shell may keep it read-only, ignore or change the value, or evaluate it and run part of it)".into()
            }
            (Unfit::Name, ExportFormat::Shell) => {
                "its name is not a shell variable name ([A-Za-z_][A-Za-z0-9_]*)".into()
            }
            (Unfit::Name, _) => {
                "its name has characters a dotenv name cannot (only letters, digits, _ . -)".into()
            }
            (Unfit::Nul, _) => "its value holds a NUL byte, which no environment can".into(),
        }
    }

    /// The formats that can carry what this one cannot.
    pub fn alternatives(self, format: ExportFormat, name: &str) -> &'static str {
        match (self, format) {
            (Unfit::Name, ExportFormat::Shell) if is_dotenv_name(name) => "dotenv, toml or json",
            _ => "json or toml",
        }
    }
}

/// Whether `name` can be an environment variable (and a shell variable): `[A-Za-z_][A-Za-z0-9_]*`.
/// The one rule for `export --format shell` and `run`.
pub fn is_env_name(name: &str) -> bool {
    let mut chars = name.bytes();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == b'_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == b'_')
}

/// Whether the dotenv reader takes `name` as a whole key.
fn is_dotenv_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'))
}

/// Whether `format` can write `name`.
pub fn name_fits(format: ExportFormat, name: &str) -> bool {
    match format {
        ExportFormat::Json | ExportFormat::Toml => true,
        ExportFormat::Dotenv => is_dotenv_name(name),
        ExportFormat::Shell => is_env_name(name) && !names::shell_special(name),
    }
}

/// What `format` cannot carry of `item`, if anything.
pub fn unfit(format: ExportFormat, item: &Exported) -> Option<Unfit> {
    if !name_fits(format, &item.name) {
        return Some(Unfit::Name);
    }
    let nul_ok = matches!(format, ExportFormat::Json | ExportFormat::Toml);
    if !nul_ok && item.value.contains('\0') {
        return Some(Unfit::Nul);
    }
    None
}

/// The whole output for `items` (in the order given), or the first item `format` cannot
/// carry. Written into a buffer sized beforehand, so that no reallocation leaves a copy of
/// a value behind in freed memory; the buffer is wiped when dropped.
pub fn render(
    format: ExportFormat,
    items: &[Exported],
) -> Result<Zeroizing<Vec<u8>>, (usize, Unfit)> {
    if let Some((i, why)) = items
        .iter()
        .enumerate()
        .find_map(|(i, it)| unfit(format, it).map(|u| (i, u)))
    {
        return Err((i, why));
    }
    let mut counter = Counter(0);
    // Writing into a counter or a Vec cannot fail.
    let _ = write_all(format, items, &mut counter);
    let mut out = Zeroizing::new(Vec::with_capacity(counter.0));
    let _ = write_all(format, items, &mut *out);
    Ok(out)
}

struct Counter(usize);

impl Write for Counter {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0 += b.len();
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[derive(Serialize)]
struct JsonItem<'a> {
    name: &'a str,
    value: &'a str,
    description: &'a str,
}

fn write_all(format: ExportFormat, items: &[Exported], w: &mut dyn Write) -> std::io::Result<()> {
    match format {
        ExportFormat::Json => {
            let list: Vec<JsonItem> = items
                .iter()
                .map(|i| JsonItem {
                    name: &i.name,
                    value: &i.value,
                    description: &i.description,
                })
                .collect();
            serde_json::to_writer_pretty(&mut *w, &list)?;
            w.write_all(b"\n")
        }
        ExportFormat::Toml => {
            for i in items {
                if is_bare_toml_key(&i.name) {
                    w.write_all(i.name.as_bytes())?;
                } else {
                    toml_string(&i.name, w)?;
                }
                w.write_all(b" = ")?;
                toml_string(&i.value, w)?;
                w.write_all(b"\n")?;
            }
            Ok(())
        }
        ExportFormat::Dotenv => {
            for i in items {
                w.write_all(i.name.as_bytes())?;
                w.write_all(b"=\"")?;
                for b in i.value.bytes() {
                    match b {
                        b'\\' => w.write_all(b"\\\\")?,
                        b'"' => w.write_all(b"\\\"")?,
                        b'$' => w.write_all(b"\\$")?,
                        b'\n' => w.write_all(b"\\n")?,
                        b'\r' => w.write_all(b"\\r")?,
                        _ => w.write_all(&[b])?,
                    }
                }
                w.write_all(b"\"\n")?;
            }
            Ok(())
        }
        ExportFormat::Shell => {
            for i in items {
                w.write_all(b"export ")?;
                w.write_all(i.name.as_bytes())?;
                w.write_all(b"='")?;
                for part in i.value.split_inclusive('\'') {
                    match part.strip_suffix('\'') {
                        Some(head) => {
                            w.write_all(head.as_bytes())?;
                            w.write_all(b"'\\''")?;
                        }
                        None => w.write_all(part.as_bytes())?,
                    }
                }
                w.write_all(b"'\n")?;
            }
            Ok(())
        }
    }
}

fn is_bare_toml_key(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-'))
}

/// A TOML basic string: `"`, `\` and every control character but tab escaped (TOML allows
/// no other raw control character there).
fn toml_string(s: &str, w: &mut dyn Write) -> std::io::Result<()> {
    w.write_all(b"\"")?;
    for c in s.chars() {
        match c {
            '"' => w.write_all(b"\\\"")?,
            '\\' => w.write_all(b"\\\\")?,
            '\n' => w.write_all(b"\\n")?,
            '\r' => w.write_all(b"\\r")?,
            '\t' => w.write_all(b"\t")?,
            c if c.is_control() && (c as u32) < 0x80 => write!(w, "\\u{:04X}", c as u32)?,
            c => {
                let mut buf = [0u8; 4];
                w.write_all(c.encode_utf8(&mut buf).as_bytes())?
            }
        }
    }
    w.write_all(b"\"")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::ImportFormat;
    use crate::import::formats::parse;
    use proptest::prelude::*;

    fn item(name: &str, value: &str) -> Exported {
        Exported {
            name: name.to_string(),
            value: Zeroizing::new(value.to_string()),
            description: String::new(),
        }
    }

    fn text(format: ExportFormat, items: &[Exported]) -> String {
        String::from_utf8(render(format, items).unwrap().to_vec()).unwrap()
    }

    /// What import's parser reads back: (name, value, description).
    fn read_back(format: ImportFormat, bytes: &[u8]) -> Vec<(String, String, Option<String>)> {
        parse(format, bytes)
            .unwrap_or_else(|p| panic!("{p:?} in {}", String::from_utf8_lossy(bytes)))
            .into_iter()
            .map(|i| {
                (
                    i.name,
                    String::from_utf8(i.value.to_vec()).unwrap(),
                    i.description,
                )
            })
            .collect()
    }

    /// What bash's `eval` makes of the shell output: each variable's bytes, NUL-separated.
    fn bash_eval(script: &str, names: &[&str]) -> Vec<String> {
        let mut probe =
            String::from("eval \"$1\"; shift; for n; do printf '%s\\0' \"${!n}\"; done");
        probe.push('\n');
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(&probe)
            .arg("bash")
            .arg(script)
            .args(names)
            .env_clear()
            .output()
            .expect("bash runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let mut v: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .split('\0')
            .map(str::to_string)
            .collect();
        v.pop();
        v
    }

    const TRICKY: &[&str] = &[
        "plain",
        "two\nlines\n",
        "crlf\r\nend\r\n",
        "\ttab\t",
        "'single' \"double\"",
        "$HOME ${PATH} $(id) `id`",
        "back\\slash\\n\\",
        "# not a comment",
        "a=b=c",
        "  leading and trailing  ",
        "ünïcødé ✓ 🎉",
        "\u{7f}\u{1b}[31mred\u{85}\u{2028}",
        "'",
        "\\",
        "\"",
        "'\\''",
        "\n",
    ];

    #[test]
    fn every_tricky_value_reads_back_in_every_format() {
        let items: Vec<Exported> = TRICKY
            .iter()
            .enumerate()
            .map(|(i, v)| item(&format!("N_{i}"), v))
            .collect();
        for (format, reader) in [
            (ExportFormat::Json, ImportFormat::Json),
            (ExportFormat::Toml, ImportFormat::Toml),
            (ExportFormat::Dotenv, ImportFormat::Dotenv),
        ] {
            let got = read_back(reader, &render(format, &items).unwrap());
            let want: Vec<_> = items
                .iter()
                .map(|i| {
                    let d = (format == ExportFormat::Json).then(String::new);
                    (i.name.clone(), i.value.to_string(), d)
                })
                .collect();
            assert_eq!(got, want, "{format:?}");
        }
        let names: Vec<&str> = items.iter().map(|i| i.name.as_str()).collect();
        let got = bash_eval(&text(ExportFormat::Shell, &items), &names);
        let want: Vec<String> = TRICKY.iter().map(|v| v.to_string()).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn the_exact_text_of_each_format() {
        let mut a = item("A", "it's $x\n");
        a.description = "the \"a\"".into();
        let items = [a, item("b.c", "\\\t")];
        assert_eq!(
            text(ExportFormat::Json, &items),
            "[\n  {\n    \"name\": \"A\",\n    \"value\": \"it's $x\\n\",\n    \"description\": \"the \\\"a\\\"\"\n  },\n  {\n    \"name\": \"b.c\",\n    \"value\": \"\\\\\\t\",\n    \"description\": \"\"\n  }\n]\n"
        );
        assert_eq!(
            text(ExportFormat::Toml, &items),
            "A = \"it's $x\\n\"\n\"b.c\" = \"\\\\\t\"\n"
        );
        assert_eq!(
            text(ExportFormat::Dotenv, &items),
            "A=\"it's \\$x\\n\"\nb.c=\"\\\\\t\"\n"
        );
        assert_eq!(
            text(ExportFormat::Shell, &items[..1]),
            "export A='it'\\''s $x\n'\n"
        );
        assert_eq!(text(ExportFormat::Json, &[]), "[]\n");
        assert_eq!(text(ExportFormat::Shell, &[]), "");
    }

    #[test]
    fn what_a_format_cannot_carry_is_refused_with_one_that_can() {
        let bad_shell = [item("OK", "v"), item("my-key", "v")];
        assert_eq!(
            render(ExportFormat::Shell, &bad_shell).err(),
            Some((1, Unfit::Name))
        );
        assert_eq!(
            Unfit::Name.alternatives(ExportFormat::Shell, "my-key"),
            "dotenv, toml or json"
        );
        assert_eq!(
            Unfit::Name.alternatives(ExportFormat::Shell, "a b"),
            "json or toml"
        );
        assert!(render(ExportFormat::Dotenv, &bad_shell).is_ok());
        // A name a shell treats specially is never written for `eval`, which would not set
        // it as it is (or would run part of it); every other format carries it.
        let special: Vec<String> = names::every_listed()
            .map(str::to_string)
            .chain(names::one_per_prefix())
            .collect();
        for name in &special {
            let ro = [item(name, "v")];
            assert_eq!(
                render(ExportFormat::Shell, &ro).err(),
                Some((0, Unfit::Name)),
                "{name}"
            );
            let why = Unfit::Name.describe(ExportFormat::Shell, name);
            assert!(
                why.contains("meaning of its own") || why.contains("programs start"),
                "{name}: {why}"
            );
            assert_eq!(
                Unfit::Name.alternatives(ExportFormat::Shell, name),
                "dotenv, toml or json"
            );
            for f in [ExportFormat::Dotenv, ExportFormat::Toml, ExportFormat::Json] {
                assert!(render(f, &ro).is_ok(), "{name} {f:?}");
            }
        }
        assert!(render(ExportFormat::Shell, &[item("UIDX", "v")]).is_ok());
        let spaced = [item("a b", "v")];
        assert_eq!(
            render(ExportFormat::Dotenv, &spaced).err(),
            Some((0, Unfit::Name))
        );
        assert!(render(ExportFormat::Toml, &spaced).is_ok());
        assert!(render(ExportFormat::Json, &spaced).is_ok());
        let nul = [item("N", "a\0b")];
        for f in [ExportFormat::Dotenv, ExportFormat::Shell] {
            assert_eq!(render(f, &nul).err(), Some((0, Unfit::Nul)), "{f:?}");
        }
        assert_eq!(
            read_back(
                ImportFormat::Json,
                &render(ExportFormat::Json, &nul).unwrap()
            )[0]
            .1,
            "a\0b"
        );
        assert_eq!(
            read_back(
                ImportFormat::Toml,
                &render(ExportFormat::Toml, &nul).unwrap()
            )[0]
            .1,
            "a\0b"
        );
        for (n, ok) in [
            ("A", true),
            ("_a9", true),
            ("9a", false),
            ("a-b", false),
            ("", false),
            ("é", false),
        ] {
            assert_eq!(is_env_name(n), ok, "{n:?}");
        }
    }

    /// Ordinary names, and now and then one a shell treats specially (listed, or under a
    /// reserved prefix): every format but shell carries them.
    fn names() -> impl Strategy<Value = String> {
        let special: Vec<String> = names::every_listed()
            .map(str::to_string)
            .chain(names::one_per_prefix())
            .collect();
        prop_oneof![
            12 => "V_[A-Za-z0-9_]{0,12}",
            1 => proptest::sample::select(special),
            1 => "(BASH|LC|LD|ZSH|COMP|DYLD)_[A-Z0-9_]{0,6}",
        ]
    }

    /// Items with distinct names and any UTF-8 values.
    fn items(nul: bool) -> impl Strategy<Value = Vec<Exported>> {
        proptest::collection::btree_map(names(), any::<String>(), 1..6).prop_map(move |m| {
            m.into_iter()
                .map(|(n, v)| {
                    if nul {
                        item(&n, &v)
                    } else {
                        item(&n, &v.replace('\0', ""))
                    }
                })
                .collect()
        })
    }

    fn round_trip(format: ExportFormat, reader: ImportFormat, items: &[Exported]) {
        let got = read_back(reader, &render(format, items).unwrap());
        let got: Vec<(String, String)> = got.into_iter().map(|(n, v, _)| (n, v)).collect();
        let want: Vec<(String, String)> = items
            .iter()
            .map(|i| (i.name.clone(), i.value.to_string()))
            .collect();
        assert_eq!(got, want);
    }

    proptest! {
        #[test]
        fn json_round_trips_any_utf8(items in items(true), desc in any::<String>()) {
            let mut items = items;
            items[0].description = desc.clone();
            let got = read_back(ImportFormat::Json, &render(ExportFormat::Json, &items).unwrap());
            prop_assert_eq!(got[0].2.as_deref(), Some(desc.as_str()));
            round_trip(ExportFormat::Json, ImportFormat::Json, &items);
        }

        #[test]
        fn toml_round_trips_any_utf8(items in items(true)) {
            round_trip(ExportFormat::Toml, ImportFormat::Toml, &items);
        }

        #[test]
        fn toml_round_trips_any_name(name in "\\PC{1,20}", value in any::<String>()) {
            round_trip(ExportFormat::Toml, ImportFormat::Toml, &[item(&name, &value)]);
            round_trip(ExportFormat::Json, ImportFormat::Json, &[item(&name, &value)]);
        }

        #[test]
        fn dotenv_round_trips_any_utf8_without_nul(items in items(false)) {
            round_trip(ExportFormat::Dotenv, ImportFormat::Dotenv, &items);
        }
    }

    proptest! {
        // Each case starts bash: fewer cases, each with several values.
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn shell_round_trips_any_utf8_without_nul_through_bash_eval(items in items(false)) {
            // A name a shell treats specially is refused (the first one, before anything is
            // written); the rest read back exactly through bash's eval.
            if let Some(i) = items.iter().position(|i| names::shell_special(&i.name)) {
                prop_assert_eq!(render(ExportFormat::Shell, &items).err(), Some((i, Unfit::Name)));
            } else {
                let names: Vec<&str> = items.iter().map(|i| i.name.as_str()).collect();
                let got = bash_eval(&text(ExportFormat::Shell, &items), &names);
                let want: Vec<String> = items.iter().map(|i| i.value.to_string()).collect();
                prop_assert_eq!(got, want);
            }
        }
    }
}
