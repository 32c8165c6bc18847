//! Editing the config file for `secretctl config set-…`: one key changed with comments and
//! the rest kept, through symlinks, replaced atomically with mode 0600.

use std::path::{Path, PathBuf};

use super::Selection;
use super::file::read_bounded;
use crate::error::{self, Result};
use crate::provider::kind::ProviderKind;

/// The file `secretctl config set-…` writes: the selected one.
pub fn write_path(sel: &Selection) -> Result<PathBuf> {
    sel.path()
        .ok_or_else(|| error::usage("cannot find a config directory; pass --config FILE"))
}

/// The profile `set-…` writes to: the one named, the file's `default_profile`, else
/// `default`. (Unlike reading, a profile that does not exist yet is fine: it is created.)
pub fn write_profile(sel: &Selection, path: &Path) -> String {
    sel.profile_name(|| {
        read_bounded(path)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|t| t.parse::<toml_edit::DocumentMut>().ok())
            .and_then(|d| {
                d.get("default_profile")
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            })
    })
    .0
}

/// Set `profiles.<profile>.<provider>.<key> = value`, removing the other way of giving a
/// token (`token` and `token_command` exclude each other). Comments, other keys and other
/// profiles stay as they are. The file is replaced atomically with mode 0600; a new folder
/// gets 0700.
pub fn set_provider_key(
    path: &Path,
    profile: &str,
    kind: ProviderKind,
    key: &str,
    value: &str,
) -> Result<()> {
    use toml_edit::{DocumentMut, Item, Table, value as v};
    let text = match read_bounded(path) {
        Ok(b) => String::from_utf8(b).map_err(|_| {
            error::usage(format!("config file {} is not valid UTF-8", path.display()))
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(error::usage(format!(
                "cannot read config file {}: {}",
                path.display(),
                error::io_reason(&e)
            )));
        }
    };
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        let line = e
            .span()
            .map(|s| crate::lines::line_at(text.as_bytes(), s.start));
        error::usage(format!(
            "config file {}{}: {}",
            path.display(),
            line.map_or(String::new(), |l| format!(", line {l}")),
            e.message()
        ))
    })?;
    // A file of only comments keeps them on top: toml_edit holds them as the document's
    // trailing text, which would print after the new table.
    let mut leading = String::new();
    if doc.as_table().is_empty() && !text.trim().is_empty() {
        leading = text.clone();
        if !leading.ends_with('\n') {
            leading.push('\n');
        }
        doc = DocumentMut::new();
    }
    let table = |item: &mut Item| -> Result<()> {
        if item.is_none() {
            let mut t = Table::new();
            t.set_implicit(true);
            *item = Item::Table(t);
        }
        if item.is_table_like() {
            Ok(())
        } else {
            Err(error::usage(format!(
                "config file {}: expected a table",
                path.display()
            )))
        }
    };
    table(&mut doc["profiles"])?;
    table(&mut doc["profiles"][profile])?;
    table(&mut doc["profiles"][profile][kind.key()])?;
    let t = doc["profiles"][profile][kind.key()]
        .as_table_like_mut()
        .ok_or_else(|| error::usage(format!("config file {}: expected a table", path.display())))?;
    t.insert(key, v(value));
    let other = if key == "token" {
        "token_command"
    } else {
        "token"
    };
    t.remove(other);
    // A symlinked config (dotfiles kept in a repository) is written through to its target:
    // the link stays a link.
    let target = through_links(path);
    write_private(&target, format!("{leading}{doc}").as_bytes()).map_err(|e| {
        error::other(format!(
            "cannot write config file {}: {e}",
            target.display()
        ))
    })
}

/// Where writing `path` should go: the file a symlink points to (even one that does not
/// exist yet), else `path` itself.
fn through_links(path: &Path) -> PathBuf {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            std::fs::canonicalize(path).unwrap_or_else(|_| match std::fs::read_link(path) {
                Ok(target) if target.is_relative() => path
                    .parent()
                    .map_or_else(|| target.clone(), |d| d.join(&target)),
                Ok(target) => target,
                Err(_) => path.to_path_buf(),
            })
        }
        _ => path.to_path_buf(),
    }
}

/// Replace `path` with `bytes` atomically (a temporary file beside it, then a rename), the
/// file with mode 0600 and a folder it needs created with 0700: the config file, and the
/// completion cache.
pub(crate) fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.exists() {
        let mut b = std::fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            b.mode(0o700);
        }
        b.create(dir)?;
    }
    let tmp = dir.join(format!(
        ".{}.tmp{}",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("config"),
        std::process::id()
    ));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(&tmp)?;
    let written = f.write_all(bytes).and_then(|_| f.sync_all());
    drop(f);
    if let Err(e) = written.and_then(|_| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::ConfigFile;
    use super::*;

    #[test]
    fn a_leading_comment_stays_on_top() {
        let dir = tempfile::tempdir().unwrap();
        for (before, after) in [
            (
                "# only a comment",
                "# only a comment\n[profiles.default.kubiya]\ntoken = \"tok\"\n",
            ),
            (
                "# a\n\n# b\n",
                "# a\n\n# b\n[profiles.default.kubiya]\ntoken = \"tok\"\n",
            ),
            (
                "# head\n[profiles.default.kubiya]\nbase_url = \"https://x\"\n",
                "# head\n[profiles.default.kubiya]\nbase_url = \"https://x\"\ntoken = \"tok\"\n",
            ),
        ] {
            let p = dir.path().join("c.toml");
            std::fs::write(&p, before).unwrap();
            set_provider_key(&p, "default", ProviderKind::Kubiya, "token", "tok").unwrap();
            assert_eq!(std::fs::read_to_string(&p).unwrap(), after, "{before:?}");
        }
    }

    #[test]
    fn set_provider_key_keeps_comments_and_other_profiles() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/config.toml");
        set_provider_key(
            &p,
            "work",
            ProviderKind::Kubiya,
            "token_command",
            "op read x",
        )
        .unwrap();
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(
            std::fs::metadata(p.parent().unwrap())
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o700
        );
        let mut text = std::fs::read_to_string(&p).unwrap();
        text.insert_str(0, "# my settings\ndefault_profile = \"work\"\n");
        text.push_str("\n[profiles.home.chatbotkit]\nbase_url = \"https://x.example\" # keep\n");
        std::fs::write(&p, &text).unwrap();
        set_provider_key(&p, "work", ProviderKind::Kubiya, "token", "tok").unwrap();
        let after = std::fs::read_to_string(&p).unwrap();
        assert!(
            after.contains("# my settings") && after.contains("# keep"),
            "{after}"
        );
        assert!(!after.contains("token_command"), "{after}");
        let cfg: ConfigFile = toml::from_str(&after).unwrap();
        assert_eq!(
            cfg.profiles["work"]
                .kubiya
                .as_ref()
                .unwrap()
                .token
                .as_ref()
                .unwrap()
                .expose(),
            "tok"
        );
        assert!(cfg.profiles["home"].chatbotkit.is_some());
    }
}
