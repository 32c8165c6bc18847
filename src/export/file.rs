//! `export --out PATH`: the file is created with mode 0600, whole or not at all — written to a
//! temporary file beside it (tempfile creates it 0600, O_EXCL), synced, then renamed into
//! place; an existing PATH is refused unless `--force`. A failure at any step removes the
//! temporary file; no partial or world-readable file is ever left.

use std::io::Write;
use std::path::Path;

use crate::error::{self, Result};

/// Refuse before anything is read: an existing PATH without `--force`, a PATH that is a
/// directory, a folder that does not exist.
pub fn check(path: &Path, force: bool) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => Err(error::usage(format!(
            "--out {} is a directory; nothing was read",
            path.display()
        ))),
        Ok(_) if !force => Err(error::usage(format!(
            "--out {} exists; nothing was read",
            path.display()
        ))
        .with_hint("pass --force to replace it, or choose another path")),
        _ => {
            let dir = folder(path);
            if std::fs::metadata(dir).is_ok_and(|m| m.is_dir()) {
                Ok(())
            } else {
                Err(error::usage(format!(
                    "--out {}: the folder {} does not exist; nothing was read",
                    path.display(),
                    dir.display()
                )))
            }
        }
    }
}

fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Write `bytes` to `path` atomically (see the module). With `force` an existing file is
/// replaced by the new one (mode 0600); without it, a file that appeared since [`check`] is
/// not touched (the rename refuses to replace it).
pub fn write(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    let cannot = |e: std::io::Error| {
        error::other(format!(
            "cannot write {}: {}; nothing was written",
            path.display(),
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
                path.display()
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
        check(&p, false).unwrap();
        write(&p, b"one", false).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(check(&p, false).unwrap_err().code(), 2);
        // A file that appeared after the check is not replaced without --force.
        assert_eq!(write(&p, b"two", false).unwrap_err().code(), 2);
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
        check(&p, true).unwrap();
        write(&p, b"two", true).unwrap();
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
