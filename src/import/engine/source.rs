//! Reading the source: FILE or `-`, the format, the parse, the check-first validation, and
//! the one error for every problem found before anything is sent.

use std::io::{Read, Write};
use std::path::Path;

use super::Ready;
use super::validate::validate;
use crate::cli::ImportFormat;
use crate::context::Ctx;
use crate::error::{self, Error, Result};
use crate::import::formats::{self, Chosen, Guessed, Problem};
use crate::provider::Provider;
use crate::sanitize::sanitize;

/// Largest source read, in bytes (64 MiB: sixty 1 MiB values, or 100,000 secrets of 600
/// bytes). The read stops one byte past it, so a producer that never ends (`yes A=1`) is
/// refused after 64 MiB instead of filling memory.
pub const MAX_SOURCE_BYTES: u64 = 64 * 1024 * 1024;

/// Most problems listed one by one; the rest are counted.
pub const MAX_PROBLEMS_SHOWN: usize = 20;

/// The source, read, parsed and checked: every item valid, or an exit-2 error.
pub struct Source {
    pub items: Vec<Ready>,
    /// `<stdin>` or the path, for messages.
    pub label: String,
    pub format: ImportFormat,
    /// `read as dotenv, guessed from the content`: for every message about the source.
    pub how: String,
    /// How the format was chosen, for hints ([`formats::format_hint`]).
    pub hint: String,
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
    let label = if from_stdin {
        "<stdin>".to_string()
    } else {
        file.display().to_string()
    };
    let named = format.map(|f| (f, Chosen::Flag)).or_else(|| {
        let by_name = if from_stdin {
            None
        } else {
            formats::from_extension(file)
        };
        by_name.map(|f| (f, Chosen::FileName))
    });
    let (format, chosen, parsed) = match named {
        Some((f, chosen)) => (f, chosen, formats::parse(f, content)),
        None => match formats::parse_guessed(content) {
            Guessed::Read(f, parsed) => (f, Chosen::Content, parsed),
            Guessed::Ambiguous(line) => return Err(ambiguous(&label, line)),
        },
    };
    let how = formats::how_read(format, chosen);
    let items = parsed.map_err(|ps| {
        // Another format could mend a syntax problem of a guessed one, never the item limit.
        let guessed = !matches!(chosen, Chosen::Flag);
        let another_may_read_it = guessed && !ps.iter().all(formats::is_over_limit);
        let e = problems_error(ctx, &label, &how, ps);
        if another_may_read_it {
            e.with_hint(formats::format_hint(format, chosen))
        } else {
            e
        }
    })?;
    drop(bytes);
    let items =
        validate(items, base64, prefix, p).map_err(|ps| problems_error(ctx, &label, &how, ps))?;
    Ok(Source {
        items,
        label,
        format,
        how,
        hint: formats::format_hint(format, chosen),
    })
}

/// Content that dotenv and TOML read to different values, with nothing to say which it is.
fn ambiguous(label: &str, line: usize) -> Error {
    error::usage(format!(
        "{}:{line}: the content is both dotenv and TOML, which read different values here, \
         and neither --format nor a file name says which it is; nothing was sent",
        sanitize(label)
    ))
    .with_hint(
        "pass --format dotenv or --format toml (or name the file .env or .toml); \
         dotenv keeps unknown escapes such as \\u00e9 as written, TOML decodes them",
    )
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
            .take(MAX_SOURCE_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(|e| error::usage(format!("cannot read standard input: {e}")))?;
    } else {
        // Piped input beside a FILE would be dropped without a word.
        if !crate::stdin::is_stdin(path) {
            crate::input::refuse_unread_stdin(
                ctx.streams,
                &format!("{verb} reads the file {}", path.display()),
            )?;
        }
        let f = crate::input::open_input(
            path,
            "source",
            &format!(
                "write the secrets to a file first, or pipe them in: … | secretctl {provider} {verb} -"
            ),
        )?;
        f.take(MAX_SOURCE_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(|e| error::usage(format!("cannot read {}: {e}", path.display())))?;
    }
    if buf.len() as u64 > MAX_SOURCE_BYTES {
        let label = if from_stdin {
            "standard input".to_string()
        } else {
            path.display().to_string()
        };
        return Err(error::usage(format!(
            "{label} holds more than {} MiB (the limit of one {verb} source); nothing was sent",
            MAX_SOURCE_BYTES / 1024 / 1024
        ))
        .with_hint("split it into several sources"));
    }
    Ok(buf)
}

/// The error for problems found before anything is sent: its line names the first problem's
/// position; with several, each is also printed as `FILE:LINE: message` first. The JSON error
/// object lists them all (line and message). Messages never hold a value.
fn problems_error(ctx: &mut Ctx, label: &str, how: &str, mut ps: Vec<Problem>) -> Error {
    ps.sort_by_key(|p| p.line);
    let total = ps.len();
    // The first few, then a count: 200,000 duplicates are not 200,000 lines.
    ps.truncate(MAX_PROBLEMS_SHOWN);
    let listed: Vec<(usize, String)> = ps
        .iter()
        .map(|p| (p.line, sanitize(&p.message).into_owned()))
        .collect();
    if total > 1 {
        for (line, message) in &listed {
            let _ = writeln!(ctx.streams.stderr, "{}:{line}: {message}", sanitize(label));
        }
        if total > listed.len() {
            let _ = writeln!(
                ctx.streams.stderr,
                "{}: … and {} more problems",
                sanitize(label),
                formats::thousands(total - listed.len())
            );
        }
    }
    let text = match listed.as_slice() {
        [] => format!("{label}: the input is not valid; {how}; nothing was sent"),
        [(line, message)] if total == 1 => {
            format!("{label}:{line}: {message}; {how}; nothing was sent")
        }
        [(line, message), ..] => format!(
            "{label}:{line}: {message} (first of {} problems); {how}; nothing was sent",
            formats::thousands(total)
        ),
    };
    error::usage(text).with_problems(listed)
}
