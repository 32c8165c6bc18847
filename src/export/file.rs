//! `export --out PATH`. A regular file (or nothing yet, or a symbolic link that does not lead
//! to a pipe or a device) is created with mode 0600, whole or not at all — written to a
//! temporary file beside it (tempfile creates it 0600, O_EXCL), synced, then renamed into
//! place; an existing PATH is refused unless `--force`. A failure at any step removes the
//! temporary file; no partial or world-readable file is ever left.
//!
//! A PATH that is not a file is never renamed over, and `--force` is neither needed nor used
//! for it: an open file descriptor (`/dev/stdout`, `/dev/fd/N` of a process substitution
//! `>(…)`, `/proc/self/fd/N`), a FIFO of the user's own, or a character device (`/dev/null`) is
//! written directly — nothing is left behind there, so there is nothing to place — and opened
//! before anything is read. A terminal among them is refused (values never reach a
//! terminal), and so are a FIFO of another user (a pipe planted in a shared folder would hand
//! the values to whoever reads it), a block device, a socket and a descriptor that is not open.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{self, Result};

/// Where `--out` goes, as [`check`] found it before anything was read.
#[derive(Debug)]
pub enum Out {
    /// A regular file, nothing yet, or a link to one: written beside it and renamed onto it.
    File { path: PathBuf, force: bool },
    /// A pipe, a character device or an open file descriptor, already open for writing:
    /// written directly.
    Stream { path: PathBuf, file: File },
}

impl Out {
    /// Whether the output is a file secretctl creates (with mode 0600).
    pub fn is_file(&self) -> bool {
        matches!(self, Out::File { .. })
    }

    pub fn path(&self) -> &Path {
        match self {
            Out::File { path, .. } | Out::Stream { path, .. } => path,
        }
    }
}

/// Refuse before anything is read: an existing file without `--force`, a PATH that is a
/// directory, a folder that does not exist, or something that is neither a file nor a
/// stream export may write to; open a stream.
pub fn check(path: &Path, force: bool) -> Result<Out> {
    #[cfg(unix)]
    if let Some(out) = stream::check(path)? {
        return Ok(out);
    }
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => Err(error::usage(format!(
            "--out {} is a directory; nothing was read",
            shown(path)
        ))),
        Ok(_) if !force => Err(error::usage(format!(
            "--out {} exists; nothing was read",
            shown(path)
        ))
        .with_hint("pass --force to replace it, or choose another path")),
        _ => {
            let dir = folder(path);
            if std::fs::metadata(dir).is_ok_and(|m| m.is_dir()) {
                Ok(Out::File {
                    path: path.to_path_buf(),
                    force,
                })
            } else {
                Err(error::usage(format!(
                    "--out {}: the folder {} does not exist; nothing was read",
                    shown(path),
                    shown(dir)
                )))
            }
        }
    }
}

fn shown(path: &Path) -> String {
    crate::sanitize::sanitize(&path.display().to_string()).into_owned()
}

fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Write `bytes` to `out`: a file atomically (see the module), a stream directly.
pub fn write(out: Out, bytes: &[u8]) -> Result<()> {
    match out {
        Out::File { path, force } => write_file(&path, bytes, force),
        Out::Stream { path, mut file } => {
            if crate::signals::interrupted() {
                return Err(error::other("interrupted; nothing was written"));
            }
            file.write_all(bytes)
                .and_then(|()| file.flush())
                .map_err(|e| stream_error(&path, &e))
        }
    }
}

/// A failed write to a stream: what its reader got is cut off (exit 1).
fn stream_error(path: &Path, e: &std::io::Error) -> error::Error {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        error::other(format!(
            "the reader of --out {} went away before the export was whole; what it got is cut off",
            shown(path)
        ))
    } else {
        error::other(format!(
            "cannot write --out {}: {}; what was written is cut off",
            shown(path),
            error::io_reason(e)
        ))
    }
}

/// With `force` an existing file is replaced by the new one (mode 0600); without it, a file
/// that appeared since [`check`] is not touched (the rename refuses to replace it).
fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    let cannot = |e: std::io::Error| {
        error::other(format!(
            "cannot write {}: {}; nothing was written",
            shown(path),
            error::io_reason(&e)
        ))
    };
    let dir = folder(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(".secretctl-export-")
        .tempfile_in(dir)
        .map_err(cannot)?;
    tmp.write_all(bytes).map_err(cannot)?;
    tmp.as_file().sync_all().map_err(cannot)?;
    // A signal during the reads or the write: the temporary file goes, nothing is placed.
    if crate::signals::interrupted() {
        return Err(error::other("interrupted; nothing was written"));
    }
    let placed = if force {
        tmp.persist(path).map(drop)
    } else {
        tmp.persist_noclobber(path).map(drop)
    };
    placed.map_err(|e| {
        // Dropping the error's temporary file removes it.
        let exists = e.error.kind() == std::io::ErrorKind::AlreadyExists;
        if exists {
            error::usage(format!(
                "--out {} appeared while the values were read; nothing was written",
                shown(path)
            ))
            .with_hint("pass --force to replace it, or choose another path")
        } else {
            cannot(e.error)
        }
    })?;
    // The rename itself is durable once the folder is synced.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// The streams `--out` writes directly (Unix).
#[cfg(unix)]
mod stream {
    use std::fs::File;
    use std::os::fd::{AsRawFd, BorrowedFd, RawFd};
    use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
    use std::path::{Path, PathBuf};

    use super::{Out, shown};
    use crate::error::{self, Result};

    /// `Some` for a PATH that is written directly (opened now), an error for one that is not
    /// a file and cannot be, `None` for a file (the rules of [`super::check`]).
    pub(super) fn check(path: &Path) -> Result<Option<Out>> {
        let refuse = |why: &str| {
            Err(error::usage(format!(
                "--out {} is {why}, which export does not write to; nothing was read",
                shown(path)
            ))
            .with_hint("give the path of a file, or pipe standard output"))
        };
        if let Some(fd) = descriptor(path) {
            // SAFETY: F_GETFD only asks whether the descriptor is open.
            if unsafe { libc::fcntl(fd, libc::F_GETFD) } == -1 {
                return Err(error::usage(format!(
                    "--out {} names file descriptor {fd}, which is not open; nothing was read",
                    shown(path)
                ))
                .with_hint("open it in the shell (9>FILE), or give the path of a file"));
            }
            // SAFETY: the descriptor is open (just checked), and is only duplicated here.
            let file = unsafe { BorrowedFd::borrow_raw(fd) }
                .try_clone_to_owned()
                .map(File::from)
                .map_err(|e| cannot_open(path, &e))?;
            let m = file.metadata().map_err(|e| cannot_open(path, &e))?;
            if m.is_dir() {
                return refuse("a directory's descriptor");
            }
            return stream(path, file).map(Some);
        }
        let Ok(target) = std::fs::metadata(path) else {
            return Ok(None);
        };
        let t = target.file_type();
        if t.is_block_device() {
            return refuse("a block device");
        }
        if t.is_socket() {
            return refuse("a socket");
        }
        if t.is_fifo() {
            // SAFETY: geteuid cannot fail.
            if target.uid() != unsafe { libc::geteuid() } {
                return refuse("a FIFO of another user (whoever reads it would get the values)");
            }
        } else if !t.is_char_device() {
            return Ok(None);
        }
        // Opening a FIFO waits for its reader, as a shell's `> FIFO` does.
        let file = std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NOCTTY)
            .open(path)
            .map_err(|e| cannot_open(path, &e))?;
        // What was opened is what was checked (not a file swapped in meanwhile).
        let opened = file.metadata().map_err(|e| cannot_open(path, &e))?;
        if (opened.dev(), opened.ino()) != (target.dev(), target.ino()) {
            return refuse("something that changed while it was checked");
        }
        stream(path, file).map(Some)
    }

    fn stream(path: &Path, file: File) -> Result<Out> {
        // SAFETY: isatty only inspects the open descriptor.
        if unsafe { libc::isatty(file.as_raw_fd()) } == 1 {
            return Err(error::usage(format!(
                "--out {} is a terminal: the values would stay on screen and in the scrollback; nothing was read",
                shown(path)
            ))
            .with_hint("pipe it, or write a 0600 file with --out PATH"));
        }
        Ok(Out::Stream {
            path: path.to_path_buf(),
            file,
        })
    }

    fn cannot_open(path: &Path, e: &std::io::Error) -> error::Error {
        error::usage(format!(
            "cannot open --out {}: {}; nothing was read",
            shown(path),
            error::io_reason(e)
        ))
    }

    /// The file descriptor a path names: `/dev/fd/N`, `/proc/self/fd/N` (or this process's
    /// id, or `thread-self`), itself or through the links that lead to it (`/dev/stdout`).
    fn descriptor(path: &Path) -> Option<RawFd> {
        let mut p: PathBuf = path.to_path_buf();
        for _ in 0..8 {
            if let Some(fd) = names_descriptor(&p) {
                return Some(fd);
            }
            let next = std::fs::read_link(&p).ok()?;
            p = match p.parent() {
                Some(dir) if next.is_relative() => dir.join(next),
                _ => next,
            };
        }
        None
    }

    fn names_descriptor(p: &Path) -> Option<RawFd> {
        let s = p.to_str()?;
        let pid = std::process::id().to_string();
        let rest = s.strip_prefix("/dev/fd/").or_else(|| {
            let after = s.strip_prefix("/proc/")?;
            let (who, rest) = after.split_once('/')?;
            matches!(who, "self" | "thread-self")
                .then_some(())
                .or_else(|| (who == pid).then_some(()))?;
            rest.strip_prefix("fd/")
        })?;
        if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        rest.parse().ok()
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn descriptor_paths() {
            let me = std::process::id();
            for (p, fd) in [
                ("/dev/fd/63", Some(63)),
                ("/proc/self/fd/1", Some(1)),
                ("/proc/thread-self/fd/2", Some(2)),
                (&*format!("/proc/{me}/fd/7"), Some(7)),
                ("/proc/1/fd/7", None),
                ("/dev/fd/", None),
                ("/dev/fd/+1", None),
                ("/dev/fd/1/x", None),
                ("/tmp/fd/1", None),
            ] {
                assert_eq!(names_descriptor(Path::new(p)), fd, "{p}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn creates_0600_refuses_existing_and_replaces_with_force() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("out.json");
        let w = |p: &Path, b: &[u8], force: bool| {
            write(
                Out::File {
                    path: p.to_path_buf(),
                    force,
                },
                b,
            )
        };
        assert!(check(&p, false).unwrap().is_file());
        w(&p, b"one", false).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(check(&p, false).unwrap_err().code(), 2);
        // A file that appeared after the check is not replaced without --force.
        assert_eq!(w(&p, b"two", false).unwrap_err().code(), 2);
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(check(&p, true).unwrap().is_file());
        w(&p, b"two", true).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(entries(d.path()), vec!["out.json".to_string()]);
        assert_eq!(check(d.path(), true).unwrap_err().code(), 2);
        assert_eq!(
            check(&d.path().join("no/such"), false).unwrap_err().code(),
            2
        );
    }
}
