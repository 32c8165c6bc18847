//! `export` and `run` (Kubiya): secrets with their values, where the work happens.
//!
//! Both select from one list call and read every value first, exactly (the reveal rules),
//! concurrently at the shared pace of bulk runs ([`read`]); any failed read and nothing is
//! written or run. `export` renders one of four formats ([`formats`]) to a pipe or to a file
//! written whole or not at all ([`file`]); `run` becomes the command with the values in its
//! environment ([`run`]). ChatBotKit never returns values: both are refused before anything
//! is sent ([`refuse_write_only`]).

pub mod file;
pub mod formats;
pub mod names;
pub mod read;
pub mod run;

use std::io::Write;

use zeroize::Zeroizing;

use crate::cli::{ExportArgs, ExportFormat};
use crate::context::Ctx;
use crate::error::{self, Result, exit};
use crate::pace::Pace;
use crate::provider::{Provider, ProviderKind, quoted};
use formats::{Exported, Unfit};
use read::{Listed, Selection};

/// `export` and `run` where the API never returns a value: exit 2, nothing sent.
pub fn refuse_write_only(kind: ProviderKind, verb: &str) -> error::Error {
    let done = if verb == "run" {
        "nothing was run or sent"
    } else {
        "nothing was sent"
    };
    error::usage(format!(
        "{} never returns secret values (they are write-only), so {verb} has none to give; {done}",
        kind.display()
    ))
    .with_hint("export and run work with Kubiya; keep ChatBotKit values in their source (a vault, a file) and import from it")
}

/// What `export` refuses before connecting, with nothing read: stdout on a terminal without
/// `--out` (the values would stay in the scrollback), an `--out` that exists without
/// `--force`, or is a directory, or is in a folder that does not exist, or is neither a file
/// nor a stream it may write to ([`file::check`]). An `--out` stream is opened here.
pub fn check(ctx: &Ctx, a: &ExportArgs) -> Result<Option<file::Out>> {
    match &a.out {
        Some(path) => file::check(path, a.force).map(Some),
        None if ctx.streams.stdout_tty => Err(error::usage(
            "export writes secret values, and standard output is a terminal: they would stay on screen and in the scrollback; nothing was read",
        )
        .with_hint("pipe it (secretctl kubiya export | secretctl kubiya --profile prod sync -) or write a 0600 file with --out PATH")),
        None => Ok(None),
    }
}

/// `out` is what [`check`] gave.
pub fn export(
    ctx: &mut Ctx,
    p: &dyn Provider,
    a: &ExportArgs,
    out: Option<file::Out>,
    pace: &Pace,
) -> Result<i32> {
    // A signal stops the reads; nothing is written, then the process ends by it.
    crate::signals::soft_interrupts();
    let selection = match (&a.prefix, a.names.as_slice()) {
        (Some(pre), _) => Selection::Prefix(pre),
        (None, []) => Selection::All,
        (None, names) => Selection::Named(names),
    };
    let listed = read::select(p, &selection)?;
    // A name the format cannot write is known before any value is read.
    if let Some(s) = listed
        .iter()
        .find(|s| !formats::name_fits(a.format, &s.name))
    {
        return Err(unfit_error(p, a.format, &s.name, Unfit::Name));
    }
    let values = read::read_all(ctx, "written", p, &listed, a.concurrency, pace)?;
    let items = exported(p, listed, values)?;
    let bytes = formats::render(a.format, &items)
        .map_err(|(i, why)| unfit_error(p, a.format, &items[i].name, why))?;
    let count = items.len();
    drop(items);
    match out {
        Some(out) => {
            let shown = crate::sanitize::sanitize(&out.path().display().to_string()).into_owned();
            let mode = if out.is_file() { ", mode 0600" } else { "" };
            file::write(out, &bytes)?;
            if ctx.streams.stderr_tty {
                let line = format!(
                    "Exported {count} {} secret{} to {shown} ({}{mode})",
                    p.kind().display(),
                    if count == 1 { "" } else { "s" },
                    format_word(a.format)
                );
                ctx.out
                    .success(&mut ctx.streams.stderr, &line)
                    .map_err(error::output)?;
            }
        }
        None => {
            let w = &mut ctx.streams.stdout;
            w.write_all(&bytes)
                .and_then(|()| w.flush())
                .map_err(cut_off)?;
        }
    }
    Ok(exit::SUCCESS)
}

/// A failed write of the export to standard output. A reader that went away got part of it,
/// which is not the quiet success of `list | head`: a truncated export is lost data, so it is
/// exit 1 (the contract's "failure not listed"), and a pipeline with `pipefail` sees it.
fn cut_off(e: std::io::Error) -> error::Error {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        error::other(
            "the reader of standard output went away before the export was whole; what it got is cut off",
        )
        .with_hint("let the reader take the whole export, or write a file with --out PATH")
    } else {
        error::output(e)
    }
}

/// The format as `--format` spells it.
fn format_word(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Json => "json",
        ExportFormat::Dotenv => "dotenv",
        ExportFormat::Toml => "toml",
        ExportFormat::Shell => "shell",
    }
}

/// The values as text: every export format holds strings, so bytes that are not UTF-8 are
/// refused, naming the secret.
fn exported(
    p: &dyn Provider,
    listed: Vec<Listed>,
    values: Vec<Zeroizing<Vec<u8>>>,
) -> Result<Vec<Exported>> {
    let mut items = Vec::with_capacity(listed.len());
    for (s, mut v) in listed.into_iter().zip(values) {
        let bytes = std::mem::take(&mut *v);
        let value = match String::from_utf8(bytes) {
            Ok(text) => Zeroizing::new(text),
            Err(e) => {
                drop(Zeroizing::new(e.into_bytes()));
                return Err(error::usage(format!(
                    "{} secret {} holds bytes that are not UTF-8, which no export format can carry; nothing was written",
                    p.kind().display(),
                    quoted(&s.name)
                ))
                .with_hint(format!(
                    "read it alone: secretctl {} get {} --reveal > FILE",
                    p.kind().key(),
                    crate::sanitize::shell_word(&s.name)
                )));
            }
        };
        items.push(Exported {
            name: s.name,
            value,
            description: s.description,
        });
    }
    Ok(items)
}

fn unfit_error(p: &dyn Provider, format: ExportFormat, name: &str, why: Unfit) -> error::Error {
    let f = format_word(format);
    error::usage(format!(
        "--format {f} cannot carry {} secret {}: {}; nothing was written",
        p.kind().display(),
        quoted(name),
        why.describe(format, name)
    ))
    .with_hint(format!(
        "use --format {} for it, or leave it out (name the others, or use --prefix)",
        why.alternatives(format, name)
    ))
}
