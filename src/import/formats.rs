//! The three import formats, each parsed with positions so every problem names its line.
//!
//! - JSON: jsonc-parser in strict mode (plain JSON), whose AST keeps every property with its
//!   range — serde_json would silently keep the last of two equal keys.
//! - TOML: the `toml` crate's spanned document (`DeTable`); duplicate keys are its errors.
//! - dotenv: a strict grammar written here, because the dotenv crates expand `$VAR` and
//!   `${VAR}` inside values from the process environment: `pa$word` would be imported as
//!   something else, silently. secretctl never expands anything.

use std::borrow::Cow;

use zeroize::Zeroizing;

use crate::cli::ImportFormat;

/// One secret as read from the input.
pub struct Item {
    pub name: String,
    pub value: Zeroizing<Vec<u8>>,
    pub description: Option<String>,
    /// 1-based line where the item starts.
    pub line: usize,
}

impl std::fmt::Debug for Item {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Item")
            .field("name", &self.name)
            .field("value", &"<redacted>")
            .field("line", &self.line)
            .finish()
    }
}

/// A problem at a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
}

/// A name as shown in a problem: a name (or a run of key characters) of any length stays
/// short enough to read on one line.
pub fn shown(name: &str) -> Cow<'_, str> {
    const MAX: usize = 64;
    match name.char_indices().nth(MAX) {
        Some((cut, _)) => Cow::Owned(format!(
            "{}… ({} characters)",
            &name[..cut],
            name.chars().count()
        )),
        None => Cow::Borrowed(name),
    }
}

fn problem(line: usize, message: impl Into<String>) -> Problem {
    Problem {
        line,
        message: message.into(),
    }
}

/// Parse `input` as `format`. Errors stop at the first syntax problem; item-level problems
/// (empty or non-string values) are collected so all are reported at once.
pub fn parse(format: ImportFormat, input: &[u8]) -> Result<Vec<Item>, Vec<Problem>> {
    limited(match format {
        ImportFormat::Dotenv => parse_dotenv(input),
        ImportFormat::Json => parse_json(utf8(input)?),
        ImportFormat::Toml => parse_toml(utf8(input)?),
    })
}

/// Most secrets one import or sync source may hold. With the byte limit of the read
/// (`engine/source.rs`), it bounds the memory a runaway producer (`yes A=1 | … import -`)
/// can take; the dotenv parser stops reading items just past it.
pub const MAX_ITEMS: usize = 100_000;

/// A reading with more than [`MAX_ITEMS`] items is one problem, at the first item past it.
fn limited(read: Result<Vec<Item>, Vec<Problem>>) -> Result<Vec<Item>, Vec<Problem>> {
    match read {
        Ok(items) if items.len() > MAX_ITEMS => {
            Err(vec![problem(items[MAX_ITEMS].line, over_limit_message())])
        }
        other => other,
    }
}

fn over_limit_message() -> String {
    format!(
        "more than {} secrets in one source (the limit); split it into several",
        thousands(MAX_ITEMS)
    )
}

/// Whether `p` is the item limit's problem, which no other format would mend.
pub fn is_over_limit(p: &Problem) -> bool {
    p.message == over_limit_message()
}

/// `100000` → `100,000`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The input without one leading UTF-8 byte-order mark (Windows editors write one), so that
/// sniffing and every parser see the first name, not three invisible bytes before it.
pub fn without_bom(input: &[u8]) -> &[u8] {
    input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input)
}

fn utf8(input: &[u8]) -> Result<&str, Vec<Problem>> {
    std::str::from_utf8(input).map_err(|e| {
        let line = line_of(input, e.valid_up_to());
        vec![problem(line, "the file is not valid UTF-8")]
    })
}

fn line_of(text: &[u8], offset: usize) -> usize {
    crate::lines::line_at(text, offset)
}

/// The format from the file name: `.json`, `.toml`, `.env`, `*.env`, `.env.*`.
pub fn from_extension(path: &std::path::Path) -> Option<ImportFormat> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".json") {
        Some(ImportFormat::Json)
    } else if name.ends_with(".toml") {
        Some(ImportFormat::Toml)
    } else if name == ".env" || name.starts_with(".env.") || name.ends_with(".env") {
        Some(ImportFormat::Dotenv)
    } else {
        None
    }
}

/// How the format of a source was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chosen {
    /// `--format`.
    Flag,
    /// The file's name (`.env`, `.json`, `.toml`).
    FileName,
    /// The content: nothing else said.
    Content,
}

/// A format's name as users write it (`--format dotenv|json|toml`).
pub fn format_name(f: ImportFormat) -> &'static str {
    match f {
        ImportFormat::Dotenv => "dotenv",
        ImportFormat::Json => "json",
        ImportFormat::Toml => "toml",
    }
}

/// `read as toml, guessed from the content`: named in every message about a source.
pub fn how_read(format: ImportFormat, chosen: Chosen) -> String {
    let how = match chosen {
        Chosen::Flag => "as --format says",
        Chosen::FileName => "from the file name",
        Chosen::Content => "guessed from the content",
    };
    format!("read as {}, {how}", format_name(format))
}

/// The hint for a source that was not read as the user meant (a syntax problem, nothing
/// found): it says how the format was chosen, and how to choose another.
pub fn format_hint(format: ImportFormat, chosen: Chosen) -> String {
    let name = format_name(format);
    match chosen {
        Chosen::Flag => {
            format!("it was read as {name} because --format says so; check the file is {name}")
        }
        Chosen::FileName => format!(
            "it was read as {name} from the file name; pass --format dotenv, json or toml to read it as another format"
        ),
        Chosen::Content => format!(
            "it was read as {name}, guessed from the content; pass --format dotenv, json or toml to read it as another format"
        ),
    }
}

/// What [`parse_guessed`] made of content.
pub enum Guessed {
    /// The format taken, and its reading.
    Read(ImportFormat, Result<Vec<Item>, Vec<Problem>>),
    /// Dotenv and TOML both read it and disagree on a name or value: at this line.
    Ambiguous(usize),
}

/// Parse content that neither `--format` nor a file name decides, by a rule that cannot
/// change a value: JSON when it starts as JSON does (`{`, or `[` then `{`/`]`), TOML when it
/// starts with a `[table]`; otherwise it is read both as dotenv and as TOML. Content that is
/// not TOML is dotenv's. When both read it, every value TOML reads as a string must be the
/// one dotenv reads (dotenv is then taken; a value TOML refuses, `PORT=8080` as an integer,
/// is dotenv's string), or the content is [`Guessed::Ambiguous`]: `A="a\u00e9"` is `a\u00e9`
/// to dotenv and `aé` to TOML, and which is stored must never depend on how the bytes arrived.
/// When dotenv cannot read it, TOML's reading (or its problems) is taken.
pub fn parse_guessed(input: &[u8]) -> Guessed {
    let start = input.iter().position(|b| !b.is_ascii_whitespace());
    if let Some(i) = start
        && matches!(input[i], b'{' | b'[')
    {
        // `[section]` TOML tables also start with `[`; JSON arrays start with `[` then `{`.
        let next = input[i + 1..].iter().find(|b| !b.is_ascii_whitespace());
        let format = if input[i] == b'[' && !matches!(next, Some(b'{') | Some(b']') | None) {
            ImportFormat::Toml
        } else {
            ImportFormat::Json
        };
        return Guessed::Read(format, parse(format, input));
    }
    let dotenv = parse_dotenv(input);
    let toml = std::str::from_utf8(input).ok().map(toml_parts);
    let Some(Ok((toml, toml_problems))) = toml else {
        return Guessed::Read(ImportFormat::Dotenv, limited(dotenv));
    };
    match dotenv {
        Ok(d) => match disagreement(&d, &toml, toml_problems.is_empty()) {
            None => Guessed::Read(ImportFormat::Dotenv, limited(Ok(d))),
            Some(line) => Guessed::Ambiguous(line),
        },
        Err(_) if toml_problems.is_empty() => Guessed::Read(ImportFormat::Toml, limited(Ok(toml))),
        Err(_) => Guessed::Read(ImportFormat::Toml, Err(toml_problems)),
    }
}

/// The line of the first value both readings hold and disagree on; with `whole`, also of a
/// name only one of them holds.
fn disagreement(dotenv: &[Item], toml: &[Item], whole: bool) -> Option<usize> {
    let by_name: std::collections::HashMap<&str, &Item> =
        dotenv.iter().map(|i| (i.name.as_str(), i)).collect();
    let differs = toml.iter().find(|t| {
        by_name
            .get(t.name.as_str())
            .is_none_or(|d| d.value[..] != t.value[..])
    });
    match differs {
        Some(t) => Some(t.line),
        None if whole && dotenv.len() != toml.len() => {
            let names: std::collections::HashSet<&str> =
                toml.iter().map(|t| t.name.as_str()).collect();
            dotenv
                .iter()
                .find(|d| !names.contains(d.name.as_str()))
                .map(|d| d.line)
        }
        None => None,
    }
}

// ---------------------------------------------------------------- JSON

fn parse_json(text: &str) -> Result<Vec<Item>, Vec<Problem>> {
    use jsonc_parser::ast::{ObjectPropName, Value};
    use jsonc_parser::common::Ranged;
    let strict = jsonc_parser::ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    // The line comes from the byte offset, counted like every other line secretctl reports
    // (jsonc-parser's own line number also counts a lone CR as a line break).
    let parsed = jsonc_parser::parse_to_ast(text, &Default::default(), &strict).map_err(|e| {
        vec![problem(
            line_of(text.as_bytes(), e.range().start),
            format!("invalid JSON: {}", e.kind()),
        )]
    })?;
    let lines = crate::lines::LineIndex::new(text.as_bytes());
    let line = |r: jsonc_parser::common::Range| lines.line(r.start);
    let kind = |v: &Value| match v {
        Value::StringLit(_) => "a string",
        Value::NumberLit(_) => "a number",
        Value::BooleanLit(_) => "a boolean",
        Value::Object(_) => "an object",
        Value::Array(_) => "an array",
        Value::NullKeyword(_) => "null",
    };
    let prop_name = |n: &ObjectPropName| match n {
        ObjectPropName::String(s) => s.value.to_string(),
        ObjectPropName::Word(w) => w.value.to_string(),
    };
    let mut items = Vec::new();
    let mut problems = Vec::new();
    match parsed.value {
        Some(Value::Object(obj)) => {
            for p in obj.properties {
                let l = line(p.range);
                let name = prop_name(&p.name);
                match &p.value {
                    Value::StringLit(s) => items.push(Item {
                        name,
                        value: Zeroizing::new(s.value.as_bytes().to_vec()),
                        description: None,
                        line: l,
                    }),
                    other => problems.push(problem(
                        l,
                        format!(
                            "the value of {} is {}, not a string",
                            shown(&name),
                            kind(other)
                        ),
                    )),
                }
            }
        }
        Some(Value::Array(arr)) => {
            for el in arr.elements {
                let l = line(el.range());
                let Value::Object(obj) = el else {
                    problems.push(problem(
                        l,
                        format!(
                            "expected an object {{\"name\", \"value\"}}, found {}",
                            kind(&el)
                        ),
                    ));
                    continue;
                };
                let (mut name, mut value, mut description) = (None, None, None);
                let mut ok = true;
                for p in obj.properties {
                    let key = prop_name(&p.name);
                    let pl = line(p.range);
                    let s = match &p.value {
                        Value::StringLit(s) => Some(s.value.clone()),
                        _ => None,
                    };
                    match (key.as_str(), s) {
                        ("name", Some(s)) => name = Some(s.into_owned()),
                        ("value", Some(s)) => {
                            value = Some(Zeroizing::new(s.into_owned().into_bytes()))
                        }
                        ("description", Some(s)) => description = Some(s.into_owned()),
                        ("name" | "value" | "description", None) => {
                            problems.push(problem(
                                pl,
                                format!("\"{key}\" is {}, not a string", kind(&p.value)),
                            ));
                            ok = false;
                        }
                        _ => {
                            problems.push(problem(
                                pl,
                                format!(
                                    "unknown key \"{key}\" (expected name, value, description)"
                                ),
                            ));
                            ok = false;
                        }
                    }
                }
                match (name, value) {
                    (Some(name), Some(value)) if ok => items.push(Item {
                        name,
                        value,
                        description,
                        line: l,
                    }),
                    (None, _) if ok => problems.push(problem(l, "the object has no \"name\"")),
                    (_, None) if ok => problems.push(problem(l, "the object has no \"value\"")),
                    _ => {}
                }
            }
        }
        Some(other) => problems.push(problem(
            line(other.range()),
            format!(
                "expected an object of NAME: value, or an array of {{name, value}}; found {}",
                kind(&other)
            ),
        )),
        None => problems.push(problem(1, "the input is empty")),
    }
    if problems.is_empty() {
        Ok(items)
    } else {
        Err(problems)
    }
}

// ---------------------------------------------------------------- TOML

fn parse_toml(text: &str) -> Result<Vec<Item>, Vec<Problem>> {
    let (items, problems) = toml_parts(text)?;
    if problems.is_empty() {
        Ok(items)
    } else {
        Err(problems)
    }
}

/// TOML's string items and the problems of the others; a syntax error is the `Err`.
fn toml_parts(text: &str) -> Result<(Vec<Item>, Vec<Problem>), Vec<Problem>> {
    use toml::de::DeValue;
    let doc = toml::de::DeTable::parse(text).map_err(|e| {
        let (line, msg) = crate::lines::toml_position(text, &e);
        let l = line.unwrap_or(1);
        vec![problem(l, format!("invalid TOML: {msg}"))]
    })?;
    let mut entries: Vec<_> = doc.into_inner().into_iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    let mut items = Vec::new();
    let mut problems = Vec::new();
    let lines = crate::lines::LineIndex::new(text.as_bytes());
    for (k, v) in entries {
        let l = lines.line(k.span().start);
        let name = k.into_inner().into_owned();
        match v.into_inner() {
            DeValue::String(s) => items.push(Item {
                name,
                value: Zeroizing::new(Cow::into_owned(s).into_bytes()),
                description: None,
                line: l,
            }),
            DeValue::Table(_) => problems.push(problem(
                l,
                format!(
                    "{} is a table; only top-level NAME = \"value\" pairs are imported",
                    shown(&name)
                ),
            )),
            other => {
                let kind = match other {
                    DeValue::Integer(_) => "an integer",
                    DeValue::Float(_) => "a float",
                    DeValue::Boolean(_) => "a boolean",
                    DeValue::Datetime(_) => "a datetime",
                    DeValue::Array(_) => "an array",
                    _ => "not a string",
                };
                problems.push(problem(
                    l,
                    format!("the value of {} is {kind}, not a string", shown(&name)),
                ));
            }
        }
    }
    Ok((items, problems))
}

// ---------------------------------------------------------------- dotenv

/// `[export] KEY=value` lines. Values: unquoted (to the end of the line or a ` #` comment,
/// trimmed), `'single'` (literal), `"double"` (escapes `\n \r \t \" \\ \$`); quoted values
/// may span lines. `$` is never expanded. A CRLF line end is a line end wherever a line can
/// end (after a value, a comment, a blank line), as in a file saved on Windows; inside a
/// quoted value it could be the value's own bytes or an editor's line end, so it is refused
/// (never changed into LF); a lone CR inside quotes is the value's.
fn parse_dotenv(input: &[u8]) -> Result<Vec<Item>, Vec<Problem>> {
    let text = input;
    let mut p = Dotenv {
        s: text,
        i: 0,
        line: 1,
    };
    let mut items = Vec::new();
    let mut problems = Vec::new();
    while p.i < p.s.len() {
        let start_line = p.line;
        match p.entry() {
            Ok(Some(item)) => {
                items.push(item);
                // Past the limit nothing more is needed: `limited` reports it.
                if items.len() > MAX_ITEMS {
                    break;
                }
            }
            Ok(None) => {}
            Err(msg) => {
                problems.push(problem(start_line, msg));
                // A broken quote swallows the rest; anything else: resume on the next line.
                if p.i >= p.s.len() {
                    break;
                }
                p.skip_line();
            }
        }
    }
    if problems.is_empty() {
        Ok(items)
    } else {
        Err(problems)
    }
}

struct Dotenv<'a> {
    s: &'a [u8],
    i: usize,
    line: usize,
}

impl Dotenv<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        if c == b'\n' {
            self.line += 1;
        }
        Some(c)
    }

    /// Whether a line ends here: LF, or CRLF.
    fn at_line_end(&self) -> bool {
        match self.peek() {
            Some(b'\n') => true,
            Some(b'\r') => self.s.get(self.i + 1) == Some(&b'\n'),
            _ => false,
        }
    }

    /// Past the line end [`Dotenv::at_line_end`] found.
    fn bump_line_end(&mut self) {
        if self.peek() == Some(b'\r') {
            self.bump();
        }
        self.bump();
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.i += 1;
        }
    }

    fn skip_line(&mut self) {
        while let Some(c) = self.bump() {
            if c == b'\n' {
                break;
            }
        }
    }

    /// After a value: blanks, an optional ` # comment`, then end of line.
    fn end_of_line(&mut self) -> Result<(), String> {
        self.skip_blanks();
        if self.at_line_end() {
            self.bump_line_end();
            return Ok(());
        }
        match self.peek() {
            None => Ok(()),
            Some(b'#') => {
                self.skip_line();
                Ok(())
            }
            Some(_) => Err("unexpected text after the closing quote".into()),
        }
    }

    fn entry(&mut self) -> Result<Option<Item>, String> {
        let line = self.line;
        self.skip_blanks();
        if self.at_line_end() {
            self.bump_line_end();
            return Ok(None);
        }
        match self.peek() {
            None => return Ok(None),
            Some(b'#') => {
                self.skip_line();
                return Ok(None);
            }
            _ => {}
        }
        let mut key = self.key();
        if key == "export" && matches!(self.peek(), Some(b' ' | b'\t')) {
            self.skip_blanks();
            key = self.key();
        }
        if key.is_empty() {
            return Err("expected NAME=value".into());
        }
        self.skip_blanks();
        if self.peek() != Some(b'=') {
            // Not echoed: a line without `=` is often a line of an unquoted multi-line value
            // (a PEM key), which must never reach a terminal or a CI log.
            return Err(
                "expected '=' after the name (a value that spans lines must be quoted)".into(),
            );
        }
        self.bump();
        self.skip_blanks();
        let value = match self.peek() {
            Some(b'\'') => {
                self.bump();
                let v = self.quoted(b'\'', line)?;
                self.end_of_line()?;
                v
            }
            Some(b'"') => {
                self.bump();
                let v = self.quoted(b'"', line)?;
                self.end_of_line()?;
                v
            }
            _ => self.unquoted()?,
        };
        Ok(Some(Item {
            name: key,
            value: Zeroizing::new(value),
            description: None,
            line,
        }))
    }

    fn key(&mut self) -> String {
        let start = self.i;
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-') {
                self.i += 1;
            } else {
                break;
            }
        }
        String::from_utf8_lossy(&self.s[start..self.i]).into_owned()
    }

    fn unquoted(&mut self) -> Result<Vec<u8>, String> {
        let mut v = Vec::new();
        while let Some(c) = self.peek() {
            if self.at_line_end() {
                self.bump_line_end();
                break;
            }
            // Not a CRLF line end: a carriage return alone, as in a file with old Mac line
            // ends, where taking it as part of the value would swallow the next lines.
            if c == b'\r' {
                return Err(
                    "a carriage return without a line feed (quote the value if it holds one)"
                        .into(),
                );
            }
            if c == b'#' && matches!(v.last(), Some(b' ' | b'\t')) {
                self.skip_line();
                break;
            }
            v.push(c);
            self.i += 1;
        }
        while matches!(v.last(), Some(b' ' | b'\t')) {
            v.pop();
        }
        Ok(v)
    }

    /// A quoted value, to its closing quote. A CRLF inside it (raw, or after a `\`) is
    /// refused once the quote is closed (so that the lines of the value are not read as
    /// entries): it could be the value's own bytes or the line end of an editor on Windows,
    /// and is never guessed at.
    fn quoted(&mut self, q: u8, start_line: usize) -> Result<Vec<u8>, String> {
        let mut v = Vec::new();
        let mut crlf_on: Option<usize> = None;
        loop {
            if self.peek() == Some(b'\r') && self.at_line_end() {
                crlf_on.get_or_insert(self.line);
            }
            let Some(c) = self.bump() else {
                return Err(format!(
                    "the quote opened on line {start_line} is never closed"
                ));
            };
            if c == q {
                if let Some(line) = crlf_on {
                    drop(Zeroizing::new(v));
                    return Err(format!(
                        "the quoted value holds a CRLF line end (on line {line}), which could be its own bytes or an editor's line end, so it is not guessed at; write \\r\\n inside double quotes for a CRLF, or save the file with LF line ends"
                    ));
                }
                return Ok(v);
            }
            if q == b'"' && c == b'\\' {
                if self.peek() == Some(b'\r') && self.at_line_end() {
                    crlf_on.get_or_insert(self.line);
                }
                match self.bump() {
                    Some(b'n') => v.push(b'\n'),
                    Some(b'r') => v.push(b'\r'),
                    Some(b't') => v.push(b'\t'),
                    Some(b'"') => v.push(b'"'),
                    Some(b'\\') => v.push(b'\\'),
                    Some(b'$') => v.push(b'$'),
                    // Unknown escapes are kept as written.
                    Some(other) => {
                        v.push(b'\\');
                        v.push(other);
                    }
                    None => {
                        return Err(format!(
                            "the quote opened on line {start_line} is never closed"
                        ));
                    }
                }
                continue;
            }
            v.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(format: ImportFormat, s: &str) -> Vec<(String, String, usize)> {
        parse(format, s.as_bytes())
            .unwrap_or_else(|e| panic!("{e:?}"))
            .into_iter()
            .map(|i| (i.name, String::from_utf8(i.value.to_vec()).unwrap(), i.line))
            .collect()
    }

    fn err(format: ImportFormat, s: &[u8]) -> Vec<Problem> {
        match parse(format, s) {
            Ok(items) => panic!("expected problems, got {items:?}"),
            Err(p) => p,
        }
    }

    #[test]
    fn dotenv_grammar() {
        let got = ok(
            ImportFormat::Dotenv,
            "# comment\nexport A=plain value  # trailing\nB='single $NOT #x'\nC=\"dq \\\"q\\\" \\n \\$HOME\"\n\nD=pass#word\nE = spaced\n",
        );
        assert_eq!(
            got,
            vec![
                ("A".into(), "plain value".into(), 2),
                ("B".into(), "single $NOT #x".into(), 3),
                ("C".into(), "dq \"q\" \n $HOME".into(), 4),
                ("D".into(), "pass#word".into(), 6),
                ("E".into(), "spaced".into(), 7),
            ]
        );
    }

    #[test]
    fn dotenv_multiline_pem_keeps_final_newline_and_crlf_is_lf() {
        let pem = "KEY=\"-----BEGIN KEY-----\nabc\n-----END KEY-----\n\"\nNEXT=1\n";
        let got = ok(ImportFormat::Dotenv, pem);
        assert_eq!(got[0].1, "-----BEGIN KEY-----\nabc\n-----END KEY-----\n");
        assert_eq!(got[1], ("NEXT".into(), "1".into(), 5));
        // A file saved on Windows: CRLF ends its lines — after unquoted and quoted values,
        // comments, blank lines.
        let crlf = ok(
            ImportFormat::Dotenv,
            "A=1\r\n# c\r\n\r\n  \r\nB='x'\r\nC=\"a\\r\\nb\" # c\r\nD=two words \r\n",
        );
        assert_eq!(
            crlf,
            vec![
                ("A".into(), "1".into(), 1),
                ("B".into(), "x".into(), 5),
                ("C".into(), "a\r\nb".into(), 6),
                ("D".into(), "two words".into(), 7),
            ]
        );
        // A lone CR inside quotes is the value's.
        let lone = ok(ImportFormat::Dotenv, "A='x\ry\r'\nB=\"\r\"\r\n");
        assert_eq!(lone[0].1, "x\ry\r");
        assert_eq!(lone[1].1, "\r");
    }

    #[test]
    fn dotenv_a_crlf_inside_quotes_is_refused_never_changed() {
        for (input, line) in [
            ("A=1\r\nB='x\r\ny'\r\nC=2\r\n", 2),
            ("A=1\nB=\"-----BEGIN\nabc\r\n-----END\n\"\nC=2\n", 3),
            ("B=\"x\\\r\ny\"\n", 1),
            ("export B='crlf\r\n'\n", 1),
        ] {
            let p = err(ImportFormat::Dotenv, input.as_bytes());
            assert_eq!(p.len(), 1, "{input:?}: {p:?}");
            let start = if input.starts_with("A=1") { 2 } else { 1 };
            assert_eq!(p[0].line, start, "{input:?}");
            assert!(
                p[0].message
                    .contains(&format!("CRLF line end (on line {line})")),
                "{input:?}: {}",
                p[0].message
            );
            assert!(!p[0].message.contains("abc"), "{}", p[0].message);
        }
    }

    #[test]
    fn dotenv_problems_have_lines() {
        let p = err(ImportFormat::Dotenv, b"A=1\nnot a line\nB=\"open\n");
        assert_eq!(p[0].line, 2);
        assert_eq!(p[1].line, 3);
        assert!(p[1].message.contains("never closed"));
        // An empty value is an item; rejecting it is the validator's job (with its line).
        let items = parse(ImportFormat::Dotenv, b"A=\n").unwrap();
        assert!(items[0].value.is_empty());
    }

    #[test]
    fn json_object_and_array_with_lines() {
        let got = ok(
            ImportFormat::Json,
            "{\n  \"A\": \"1\",\n  \"B\": \"x#y\"\n}",
        );
        assert_eq!(
            got,
            vec![("A".into(), "1".into(), 2), ("B".into(), "x#y".into(), 3)]
        );
        let arr = parse(
            ImportFormat::Json,
            b"[\n{\"name\":\"A\",\"value\":\"v\",\"description\":\"d\"}\n]",
        )
        .unwrap();
        assert_eq!(arr[0].description.as_deref(), Some("d"));
        assert_eq!(arr[0].line, 2);
        // Duplicates are kept (the validator reports them); serde_json would drop one.
        assert_eq!(
            parse(ImportFormat::Json, br#"{"A":"1","A":"2"}"#)
                .unwrap()
                .len(),
            2
        );
    }

    #[test]
    fn json_problems() {
        assert_eq!(err(ImportFormat::Json, b"{\n\"A\": 1\n}")[0].line, 2);
        assert!(
            err(ImportFormat::Json, b"{\"A\": \"1\",}")[0]
                .message
                .contains("invalid JSON")
        );
        assert!(
            err(ImportFormat::Json, b"[{\"name\":\"A\",\"vaule\":\"x\"}]")[0]
                .message
                .contains("unknown key")
        );
        assert!(
            err(ImportFormat::Json, b"\"str\"")[0]
                .message
                .contains("expected an object")
        );
        assert_eq!(
            err(ImportFormat::Json, b"{\"A\":\"\xff\"}")[0].message,
            "the file is not valid UTF-8"
        );
    }

    /// Found by fuzzing (import_parsers, input "\\rA\\r"): a lone CR made a JSON error name
    /// line 2 of a one-line input.
    #[test]
    fn lone_carriage_returns_do_not_count_as_lines() {
        for format in [ImportFormat::Json, ImportFormat::Toml, ImportFormat::Dotenv] {
            if let Err(ps) = parse(format, b"\rA\r") {
                assert!(ps.iter().all(|p| p.line == 1), "{format:?}: {ps:?}");
            }
        }
    }

    #[test]
    fn toml_top_level_strings_in_file_order() {
        let got = ok(
            ImportFormat::Toml,
            "Z = \"last?\"\nA = 'literal $x'\nM = \"\"\"\nmulti\n\"\"\"\n",
        );
        assert_eq!(got[0], ("Z".into(), "last?".into(), 1));
        assert_eq!(got[1], ("A".into(), "literal $x".into(), 2));
        assert_eq!(got[2].1, "multi\n");
        assert_eq!(err(ImportFormat::Toml, b"A = \"1\"\nB = 2\n")[0].line, 2);
        assert!(
            err(ImportFormat::Toml, b"A = \"1\"\nA = \"2\"\n")[0]
                .message
                .contains("invalid TOML")
        );
        assert!(
            err(ImportFormat::Toml, b"[t]\nA = \"1\"\n")[0]
                .message
                .contains("table")
        );
    }

    #[test]
    fn format_detection() {
        use std::path::Path;
        assert_eq!(
            from_extension(Path::new("x/.env")),
            Some(ImportFormat::Dotenv)
        );
        assert_eq!(
            from_extension(Path::new(".env.production")),
            Some(ImportFormat::Dotenv)
        );
        assert_eq!(
            from_extension(Path::new("prod.env")),
            Some(ImportFormat::Dotenv)
        );
        assert_eq!(
            from_extension(Path::new("a.JSON")),
            Some(ImportFormat::Json)
        );
        assert_eq!(
            from_extension(Path::new("a.toml")),
            Some(ImportFormat::Toml)
        );
        assert_eq!(from_extension(Path::new("secrets")), None);
        let sniff = |s: &[u8]| match parse_guessed(s) {
            Guessed::Read(f, _) => Some(f),
            Guessed::Ambiguous(_) => None,
        };
        assert_eq!(sniff(b"  {\"a\":\"b\"}"), Some(ImportFormat::Json));
        assert_eq!(sniff(b"[{\"name\":\"a\"}]"), Some(ImportFormat::Json));
        assert_eq!(sniff(b"[t]\nA = \"x\"\n"), Some(ImportFormat::Toml));
        // Both read it alike: dotenv is named.
        assert_eq!(sniff(b"A = \"x\"\n"), Some(ImportFormat::Dotenv));
        assert_eq!(sniff(b"export A=x\n"), Some(ImportFormat::Dotenv));
        assert_eq!(sniff(b"A=unquoted value\n"), Some(ImportFormat::Dotenv));
        // An integer to TOML is a string to dotenv.
        assert_eq!(sniff(b"PORT=8080\n"), Some(ImportFormat::Dotenv));
        // Only TOML reads a multi-line basic string.
        assert_eq!(sniff(b"A = \"\"\"\nx\"\"\"\n"), Some(ImportFormat::Toml));
    }

    /// The same bytes never give two different values: where dotenv and TOML read a value
    /// differently, nothing is guessed.
    #[test]
    fn a_guess_never_changes_a_value() {
        for (text, line) in [
            (&b"A=\"ok\"\nB=\"a\\u00e9\"\n"[..], 2),
            (b"A=\"\\b\"\n", 1),
            (b"A=\"\\f\"\n", 1),
            (b"A = \"x\" # c\nB = \"\\u0041\"\nC = 1\n", 2),
        ] {
            match parse_guessed(text) {
                Guessed::Ambiguous(l) => assert_eq!(l, line, "{}", String::from_utf8_lossy(text)),
                Guessed::Read(f, _) => panic!("{} read as {f:?}", String::from_utf8_lossy(text)),
            }
        }
    }
}
