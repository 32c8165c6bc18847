//! Reading the source: FILE or `-`, the format, the parse, the check-first validation, and
//! the one error for every problem found before anything is sent.

use std::io::{Read, Write};
use std::path::Path;

use super::Ready;
use super::validate::validate;
use crate::cli::ImportFormat;
use crate::context::Ctx;
use crate::error::{self, Error, Result};
use crate::import::formats::{self, Problem};
use crate::provider::Provider;
use crate::sanitize::sanitize;

/// Largest input read (a thousand 1 MiB values would still fit).
const MAX_INPUT: u64 = 2 * 1024 * 1024 * 1024;

/// The source, read, parsed and checked: every item valid, or an exit-2 error.
pub struct Source {
    pub items: Vec<Ready>,
    /// `<stdin>` or the path, for messages.
    pub label: String,
    pub format: ImportFormat,
}

/// Read FILE or `-`, pick the format (`--format`, the extension, the content), parse and
/// validate (with `prefix`, every name must start with it). Nothing is sent by this; any
/// problem is exit 2 naming its line.
pub fn read_source(
    ctx: &mut Ctx,
    verb: &str,
    file: &Path,
    format: Option<ImportFormat>,
    base64: bool,
    prefix: Option<&str>,
    p: &dyn Provider,
) -> Result<Source> {
    let from_stdin = file.as_os_str() == "-";
    let bytes = read_input(ctx, p.kind().key(), verb, file, from_stdin)?;
    // The one place a byte-order mark is dropped: before sniffing and parsing alike.
    let content = formats::without_bom(&bytes);
    let format = format
        .or_else(|| {
            if from_stdin {
                None
            } else {
                formats::from_extension(file)
            }
        })
        .unwrap_or_else(|| formats::sniff(content));
    let label = if from_stdin {
        "<stdin>".to_string()
    } else {
        file.display().to_string()
    };
    let items = formats::parse(format, content).map_err(|ps| problems_error(ctx, &label, ps))?;
    drop(bytes);
    let items = validate(items, base64, prefix, p).map_err(|ps| problems_error(ctx, &label, ps))?;
    Ok(Source {
        items,
        label,
        format,
    })
}

/// `provider` and `verb` are the command's words (`kubiya`, `import`).
fn read_input(
    ctx: &mut Ctx,
    provider: &str,
    verb: &str,
    path: &Path,
    from_stdin: bool,
) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    if from_stdin {
        if ctx.streams.stdin_tty {
            return Err(
                error::usage(format!("{verb} - reads standard input, which is a terminal"))
                    .with_hint(format!("pipe the data in: vault kv get -format=json secret/app | jq .data.data | secretctl {provider} {verb} -")),
            );
        }
        (&mut ctx.streams.stdin)
            .take(MAX_INPUT)
            .read_to_end(&mut buf)
            .map_err(|e| error::usage(format!("cannot read standard input: {e}")))?;
    } else {
        let f = std::fs::File::open(path).map_err(|e| {
            error::usage(format!(
                "cannot read {}: {}",
                path.display(),
                error::io_reason(&e)
            ))
        })?;
        if f.metadata().is_ok_and(|m| m.is_dir()) {
            return Err(error::usage(format!(
                "cannot read {}: it is a directory",
                path.display()
            )));
        }
        f.take(MAX_INPUT)
            .read_to_end(&mut buf)
            .map_err(|e| error::usage(format!("cannot read {}: {e}", path.display())))?;
    }
    Ok(buf)
}

/// The error for problems found before anything is sent: its line names the first problem's
/// position; with several, each is also printed as `FILE:LINE: message` first. The JSON error
/// object lists them all (line and message). Messages never hold a value.
fn problems_error(ctx: &mut Ctx, label: &str, mut ps: Vec<Problem>) -> Error {
    ps.sort_by_key(|p| p.line);
    let listed: Vec<(usize, String)> = ps
        .iter()
        .map(|p| (p.line, sanitize(&p.message).into_owned()))
        .collect();
    if listed.len() > 1 {
        for (line, message) in &listed {
            let _ = writeln!(ctx.streams.stderr, "{}:{line}: {message}", sanitize(label));
        }
    }
    let text = match listed.as_slice() {
        [] => format!("{label}: the input is not valid; nothing was sent"),
        [(line, message)] => format!("{label}:{line}: {message}; nothing was sent"),
        [(line, message), ..] => format!(
            "{label}:{line}: {message} (first of {} problems); nothing was sent",
            listed.len()
        ),
    };
    error::usage(text).with_problems(listed)
}
