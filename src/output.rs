//! What reaches stdout and stderr, and how: table / plain / json, colour, and escaping of
//! control characters that come from a server. Data goes to stdout, messages to stderr.

use std::borrow::Cow;
use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use serde_json::Value;

use crate::env::EnvFn;
use crate::redact::is_secret_key;
use crate::sanitize::sanitize;
use crate::streams::Streams;

/// `-o`: the output format asked for (`context` turns the command line's into this).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Table,
    Plain,
    Json,
    Terraform,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// What the command line asks of the output: `-o` if given, and `--color`.
#[derive(Debug, Clone, Copy, Default)]
pub struct OutputChoice {
    pub format: Option<OutputFormat>,
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub format: OutputFormat,
    pub color_out: bool,
    pub color_err: bool,
}

impl Output {
    /// Default format: table on a terminal, plain otherwise. Colour: `--color`, then
    /// `NO_COLOR`, then whether the stream is a terminal.
    pub fn new(
        choice: OutputChoice,
        stdout_tty: bool,
        stderr_tty: bool,
        no_color_env: bool,
    ) -> Output {
        let format = choice.format.unwrap_or(if stdout_tty {
            OutputFormat::Table
        } else {
            OutputFormat::Plain
        });
        let color = |tty: bool| match choice.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && !no_color_env,
        };
        Output {
            format,
            color_out: color(stdout_tty),
            color_err: color(stderr_tty),
        }
    }

    /// The settings for these streams, `NO_COLOR` and `TERM` read from `env`.
    pub fn from_streams(choice: OutputChoice, s: &Streams, env: EnvFn) -> Output {
        // `TERM=dumb` is a terminal that cannot show colour (Emacs shells, some CI logs).
        let no_color = env("NO_COLOR").is_some() || env("TERM").is_some_and(|t| t == "dumb");
        Output::new(choice, s.stdout_tty, s.stderr_tty, no_color)
    }

    fn paint(&self, on: bool, style: Style, text: &str) -> String {
        if on {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }

    /// A success message on stderr: `✓ Created secret 'X'`.
    pub fn success(&self, err: &mut dyn Write, text: &str) -> io::Result<()> {
        let mark = self.paint(self.color_err, AnsiColor::Green.on_default(), "✓");
        writeln!(err, "{mark} {text}")
    }

    /// A neutral message on stderr.
    pub fn note(&self, err: &mut dyn Write, text: &str) -> io::Result<()> {
        writeln!(err, "{text}")
    }

    /// The `error:` line and the hint, as `main` prints them.
    pub fn error_lines(&self, text: &str, hint: Option<&str>) -> String {
        let e = self.paint(self.color_err, AnsiColor::Red.on_default().bold(), "error:");
        let mut s = format!("{e} {}\n", sanitize(text));
        if let Some(h) = hint {
            let h_label = self.paint(self.color_err, AnsiColor::Cyan.on_default().bold(), "hint:");
            s.push_str(&format!("{h_label} {}\n", sanitize(h)));
        }
        s
    }

    /// Start a list; rows are written as they come except in table mode, which needs every
    /// row to size its columns.
    pub fn list<'a>(&'a self, columns: &'a [&'a str]) -> ListWriter<'a> {
        ListWriter {
            out: self,
            columns,
            rows: Vec::new(),
            count: 0,
        }
    }

    /// One record: a FIELD/VALUE table, one plain line, or the API's object.
    pub fn record(
        &self,
        w: &mut dyn Write,
        columns: &[&str],
        row: &[String],
        raw: &Value,
    ) -> io::Result<()> {
        let raw = &*without_value(raw);
        match self.format {
            OutputFormat::Json => {
                serde_json::to_writer_pretty(&mut *w, raw)?;
                writeln!(w)
            }
            // list and get hand `-o terraform` to crate::terraform, and every other command
            // refuses it (commands::dispatch): never reached; plain is the safe fallback.
            OutputFormat::Plain | OutputFormat::Terraform => writeln!(w, "{}", plain_line(row)),
            OutputFormat::Table => {
                // FIELD  VALUE lines: the columns first, then the record's other fields
                // (meta, config, timestamps…) that have a value.
                let mut fields: Vec<(String, String)> = columns
                    .iter()
                    .zip(row)
                    .map(|(c, v)| (c.to_string(), v.clone()))
                    .collect();
                if let Value::Object(map) = raw {
                    for (k, v) in map {
                        let label = upper_snake(k);
                        if fields.iter().any(|(c, _)| *c == label) {
                            continue;
                        }
                        let shown = match v {
                            Value::Null => continue,
                            Value::String(s) if s.is_empty() => continue,
                            Value::Object(o) if o.is_empty() => continue,
                            Value::String(s) => s.clone(),
                            Value::Number(n) if k.ends_with("At") => {
                                epoch_ms(n).unwrap_or_else(|| n.to_string())
                            }
                            other => other.to_string(),
                        };
                        fields.push((label, shown));
                    }
                }
                let width = fields.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
                for (k, v) in fields {
                    let key =
                        self.paint(self.color_out, Style::new().bold(), &format!("{k:<width$}"));
                    writeln!(w, "{}", format!("{key}  {}", sanitize(&v)).trim_end())?;
                }
                Ok(())
            }
        }
    }

    /// The result of create/update/delete/revoke: the id or name on stdout (plain/table), or
    /// `{"action", "id"|"name", …}` in json.
    pub fn action(
        &self,
        w: &mut dyn Write,
        action: &str,
        key: &str,
        value: &str,
        extra: &Value,
    ) -> io::Result<()> {
        match self.format {
            OutputFormat::Json => {
                let mut obj = serde_json::Map::new();
                obj.insert("action".into(), Value::String(action.into()));
                obj.insert(key.into(), Value::String(value.into()));
                if let Value::Object(m) = &*without_value(extra) {
                    for (k, v) in m {
                        obj.entry(k.clone()).or_insert_with(|| v.clone());
                    }
                }
                serde_json::to_writer_pretty(&mut *w, &Value::Object(obj))?;
                writeln!(w)
            }
            _ => writeln!(w, "{}", sanitize(value)),
        }
    }

    fn table(&self) -> comfy_table::Table {
        let mut t = comfy_table::Table::new();
        t.load_preset(comfy_table::presets::NOTHING)
            .set_content_arrangement(comfy_table::ContentArrangement::Disabled);
        t
    }
}

/// A record as it may be printed: without a `value` key (any case), and with each entry of
/// its `config` map (any case) whose key names a secret ([`is_secret_key`]: `clientSecret`,
/// `apiKey`…) shown as [`CONFIG_MASK`], the mask ChatBotKit itself answers. The APIs never
/// send a value in a record and mask `clientSecret`, but a misbehaving server or proxy could
/// send either, and the contract promises "the API's own records (never a value)" in every
/// format. Every record that reaches stdout through [`Output::record`], [`ListWriter::push`]
/// or [`Output::action`] passes here (`-o terraform` leaves such entries out instead:
/// `crate::terraform`).
fn without_value(raw: &Value) -> Cow<'_, Value> {
    let is_value = |k: &String| k.eq_ignore_ascii_case("value");
    let is_config = |k: &String| k.eq_ignore_ascii_case("config");
    let leaks = |v: &Value| match v {
        Value::Object(c) => c
            .iter()
            .any(|(k, v)| is_secret_key(k) && v.as_str() != Some(CONFIG_MASK) && !v.is_null()),
        _ => false,
    };
    match raw {
        Value::Object(m)
            if m.keys().any(is_value) || m.iter().any(|(k, v)| is_config(k) && leaks(v)) =>
        {
            let mut m = m.clone();
            m.retain(|k, _| !is_value(k));
            for (k, v) in m.iter_mut() {
                if !is_config(k) {
                    continue;
                }
                if let Value::Object(c) = v {
                    for (ck, cv) in c.iter_mut() {
                        if is_secret_key(ck) && !cv.is_null() {
                            *cv = Value::String(CONFIG_MASK.into());
                        }
                    }
                }
            }
            Cow::Owned(Value::Object(m))
        }
        _ => Cow::Borrowed(raw),
    }
}

/// How a secret config entry is printed: ChatBotKit's own mask for `clientSecret`.
pub const CONFIG_MASK: &str = "********";

/// `blueprintId` → `BLUEPRINT_ID`, `created_at` → `CREATED_AT`.
fn upper_snake(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for (i, c) in key.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_uppercase());
    }
    out
}

/// An epoch-milliseconds timestamp (ChatBotKit) as RFC 3339, for people.
fn epoch_ms(n: &serde_json::Number) -> Option<String> {
    let ms = n.as_u64()?;
    let t = std::time::UNIX_EPOCH.checked_add(std::time::Duration::from_millis(ms))?;
    Some(humantime::format_rfc3339_seconds(t).to_string())
}

pub struct ListWriter<'a> {
    out: &'a Output,
    columns: &'a [&'a str],
    rows: Vec<Vec<String>>,
    count: usize,
}

impl ListWriter<'_> {
    pub fn push(&mut self, w: &mut dyn Write, row: Vec<String>, raw: &Value) -> io::Result<()> {
        let raw = &*without_value(raw);
        match self.out.format {
            OutputFormat::Json => {
                w.write_all(if self.count == 0 { b"[\n  " } else { b",\n  " })?;
                serde_json::to_writer(&mut *w, raw)?;
            }
            OutputFormat::Plain | OutputFormat::Terraform => writeln!(w, "{}", plain_line(&row))?,
            OutputFormat::Table => self.rows.push(row),
        }
        self.count += 1;
        Ok(())
    }

    pub fn finish(self, w: &mut dyn Write) -> io::Result<usize> {
        match self.out.format {
            OutputFormat::Json => w.write_all(if self.count == 0 { b"[]\n" } else { b"\n]\n" })?,
            OutputFormat::Plain | OutputFormat::Terraform => {}
            OutputFormat::Table if self.rows.is_empty() => {}
            OutputFormat::Table => {
                let mut t = self.out.table();
                t.set_header(self.columns.iter().copied());
                for r in &self.rows {
                    t.add_row(r.iter().map(|c| sanitize(c).into_owned()));
                }
                for col in t.column_iter_mut() {
                    col.set_padding((0, 2));
                }
                // Styled after layout: escape codes inside cells would skew the widths.
                let text = t.to_string();
                for (i, line) in text.lines().enumerate() {
                    let line = line.trim_end();
                    if i == 0 {
                        writeln!(
                            w,
                            "{}",
                            self.out
                                .paint(self.out.color_out, Style::new().bold(), line)
                        )?;
                    } else {
                        writeln!(w, "{line}")?;
                    }
                }
            }
        }
        w.flush()?;
        Ok(self.count)
    }
}

fn plain_line(row: &[String]) -> String {
    row.iter()
        .map(|c| sanitize(c))
        .collect::<Vec<_>>()
        .join("\t")
}

/// A JSON field as display text: strings as they are, null as empty, others as JSON.
pub fn field(v: &Value, key: &str) -> String {
    match v.get(key) {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn out(format: OutputFormat) -> Output {
        Output {
            format,
            color_out: false,
            color_err: false,
        }
    }

    #[test]
    fn default_format_follows_the_terminal() {
        let g = OutputChoice::default();
        assert_eq!(
            Output::new(g, true, true, false).format,
            OutputFormat::Table
        );
        assert_eq!(
            Output::new(g, false, true, false).format,
            OutputFormat::Plain
        );
        assert!(!Output::new(g, true, true, true).color_out, "NO_COLOR");
        let always = OutputChoice {
            color: ColorChoice::Always,
            ..Default::default()
        };
        assert!(Output::new(always, false, false, true).color_out);
    }

    #[test]
    fn plain_list_is_tab_separated_and_escaped() {
        let o = out(OutputFormat::Plain);
        let mut w = Vec::new();
        let mut l = o.list(&["ID", "NAME"]);
        l.push(
            &mut w,
            vec!["a".into(), "x\ty\nz\u{1b}[31m".into()],
            &json!({}),
        )
        .unwrap();
        l.finish(&mut w).unwrap();
        assert_eq!(String::from_utf8(w).unwrap(), "a\tx\\ty\\nz\\u{1b}[31m\n");
    }

    #[test]
    fn json_list_is_an_array_even_when_empty() {
        let o = out(OutputFormat::Json);
        let mut w = Vec::new();
        o.list(&["ID"]).finish(&mut w).unwrap();
        assert_eq!(String::from_utf8(w).unwrap(), "[]\n");
        let mut w = Vec::new();
        let mut l = o.list(&["ID"]);
        l.push(&mut w, vec![], &json!({"id":"1"})).unwrap();
        l.push(&mut w, vec![], &json!({"id":"2"})).unwrap();
        l.finish(&mut w).unwrap();
        let v: Value = serde_json::from_slice(&w).unwrap();
        assert_eq!(v, json!([{"id":"1"},{"id":"2"}]));
    }

    #[test]
    fn table_has_a_header() {
        let o = out(OutputFormat::Table);
        let mut w = Vec::new();
        let mut l = o.list(&["ID", "NAME"]);
        l.push(&mut w, vec!["a1".into(), "n1".into()], &json!({}))
            .unwrap();
        l.finish(&mut w).unwrap();
        let s = String::from_utf8(w).unwrap();
        assert!(
            s.contains("ID") && s.contains("NAME") && s.contains("n1"),
            "{s}"
        );
    }

    #[test]
    fn record_table_aligns_fields_and_reads_well() {
        let o = out(OutputFormat::Table);
        let mut w = Vec::new();
        let raw = json!({"id": "s1", "name": "N", "blueprintId": null, "createdAt": 0, "meta": {"a": "b"}, "alias": ""});
        o.record(&mut w, &["ID", "NAME"], &["s1".into(), "N".into()], &raw)
            .unwrap();
        assert_eq!(
            String::from_utf8(w).unwrap(),
            "ID          s1\nNAME        N\nCREATED_AT  1970-01-01T00:00:00Z\nMETA        {\"a\":\"b\"}\n"
        );
    }

    #[test]
    fn list_table_columns_line_up_with_colour_on() {
        let o = Output {
            format: OutputFormat::Table,
            color_out: true,
            color_err: false,
        };
        let mut w = Vec::new();
        let mut l = o.list(&["ID", "NAME"]);
        l.push(&mut w, vec!["long-id-1".into(), "n".into()], &json!({}))
            .unwrap();
        l.finish(&mut w).unwrap();
        let s = String::from_utf8(w).unwrap();
        let lines: Vec<&str> = s.lines().collect();
        let header = lines[0].replace("\u{1b}[1m", "").replace("\u{1b}[0m", "");
        assert_eq!(header.find("NAME"), lines[1].rfind('n'), "{s:?}");
    }

    #[test]
    fn a_value_in_a_record_is_never_printed() {
        let raw = json!({"name": "N", "value": "v-123456789", "VALUE": "v-123456789"});
        for format in [OutputFormat::Json, OutputFormat::Table, OutputFormat::Plain] {
            let o = out(format);
            let mut w = Vec::new();
            o.record(&mut w, &["NAME"], &["N".into()], &raw).unwrap();
            let mut l = o.list(&["NAME"]);
            l.push(&mut w, vec!["N".into()], &raw).unwrap();
            l.finish(&mut w).unwrap();
            o.action(&mut w, "created", "name", "N", &raw).unwrap();
            let s = String::from_utf8(w).unwrap();
            assert!(
                s.contains('N') && !s.contains("v-123456789"),
                "{format:?}: {s}"
            );
        }
    }
}
