//! `get` and `get --reveal` (both providers).

use std::borrow::Cow;
use std::io::Write;

use serde_json::Value;

use super::Ctx;
use super::common::*;
use crate::error::{self, Result, exit};
use crate::output::OutputFormat;
use crate::provider::references::describe_all;
use crate::provider::{Known, Provider, ProviderKind};
use crate::sanitize::sanitize;

/// What `get` refuses before connecting, with nothing read or sent: `--reveal` where the API
/// never returns a value.
pub fn check(kind: ProviderKind, reveal: bool) -> Result<()> {
    if reveal && !kind.values_readable() {
        return Err(crate::provider::values_are_write_only(kind));
    }
    Ok(())
}

/// A value as a terminal may show it: `None` when it is plain UTF-8 text (newlines kept);
/// else every control character and bidirectional override escaped as
/// [`sanitize`] does, line by line, and bytes that are not UTF-8 as `\xNN`.
fn for_terminal(value: &[u8]) -> Option<String> {
    let plain = |s: &str| {
        s.split('\n')
            .all(|l| matches!(sanitize(l), Cow::Borrowed(_)))
    };
    match std::str::from_utf8(value) {
        Ok(s) if plain(s) => return None,
        _ => {}
    }
    let mut out = String::new();
    for chunk in value.utf8_chunks() {
        let lines: Vec<_> = chunk.valid().split('\n').map(sanitize).collect();
        out.push_str(&lines.join("\n"));
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    Some(out)
}

pub fn get(ctx: &mut Ctx, p: &dyn Provider, target: &str, reveal: bool) -> Result<i32> {
    check_name(target)?;
    if reveal && ctx.out.format == OutputFormat::Json {
        // -o json prints the API's records, never a value; --reveal prints only the value.
        return Err(error::usage(
            "get --reveal prints the value itself and -o json never holds a value; nothing was sent",
        )
        .with_hint("drop -o json to print the value, or drop --reveal for the JSON record"));
    }
    if reveal {
        let value = p.reveal(target)?;
        if ctx.streams.stdout_tty {
            // A terminal obeys escape sequences (clear the screen, set the title, rewrite
            // what was shown): a value holding any is shown escaped, and said so.
            let escaped = for_terminal(&value).map(zeroize::Zeroizing::new);
            if escaped.is_some() {
                ctx.out
                    .note(
                        &mut ctx.streams.stderr,
                        "note: the value holds control characters or bytes that are not UTF-8, shown escaped here; pipe it (| cat, > FILE) for the exact bytes",
                    )
                    .map_err(error::output)?;
            }
            let shown = escaped.as_ref().map_or(&value[..], |e| e.as_bytes());
            let w = &mut ctx.streams.stdout;
            w.write_all(shown).map_err(error::output)?;
            w.write_all(b"\n").map_err(error::output)?;
        } else {
            ctx.streams
                .stdout
                .write_all(&value)
                .map_err(error::output)?;
        }
        let w = &mut ctx.streams.stdout;
        w.flush().map_err(error::output)?;
        return Ok(exit::SUCCESS);
    }
    let mut rec = p.get(target)?;
    if ctx.out.format == OutputFormat::Terraform {
        return write_terraform(ctx, p, std::slice::from_ref(&rec));
    }
    // What uses it: a failure to read that is shown, never the command's failure.
    let refs = references(ctx, p, Known::Only(std::slice::from_ref(&rec)));
    let unseen = refs.as_ref().ok().and_then(|r| r.unseen(&rec));
    let used = refs.map(|r| r.used_by(&rec));
    let mut shown = match &used {
        Ok(users) if users.is_empty() => "nothing found".to_string(),
        Ok(users) => describe_all(users),
        Err(e) => format!("unknown ({})", e.msg().text),
    };
    if let Some(note) = &unseen {
        shown.push_str(&format!("; {note}"));
    }
    if ctx.out.format == OutputFormat::Json
        && let Some(o) = rec.as_object_mut()
    {
        match used {
            Ok(users) => {
                o.insert(
                    "used_by".into(),
                    serde_json::to_value(users).unwrap_or_default(),
                );
            }
            Err(e) => {
                o.insert("used_by".into(), Value::Null);
                o.insert("used_by_error".into(), Value::String(e.msg().text.clone()));
            }
        }
        if let Some(note) = unseen {
            o.insert("used_by_note".into(), Value::String(note));
        }
    }
    let mut columns = p.columns().to_vec();
    columns.push("USED_BY");
    let mut row = p.row(&rec);
    row.push(shown);
    ctx.out
        .record(&mut ctx.streams.stdout, &columns, &row, &rec)
        .map_err(error::output)?;
    Ok(exit::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::for_terminal;

    #[test]
    fn a_value_for_a_terminal_has_no_escape_sequence_left() {
        assert_eq!(for_terminal(b"plain value"), None);
        assert_eq!(for_terminal("line one\nlïne two".as_bytes()), None);
        assert_eq!(
            for_terminal(b"a\x1b[2J\x1b]0;title\x07b").as_deref(),
            Some("a\\u{1b}[2J\\u{1b}]0;title\\u{7}b")
        );
        assert_eq!(
            for_terminal(b"x\r\ny\xff\xfez").as_deref(),
            Some("x\\r\ny\\xff\\xfez")
        );
        assert_eq!(
            for_terminal("\u{202e}evil".as_bytes()).as_deref(),
            Some("\\u{202e}evil")
        );
    }
}
