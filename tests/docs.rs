//! The pages a user reads hold together: every relative link in README.md, the top-level
//! pages and `docs/` reaches a file (and its `#anchor` a heading), and every "see PAGE,
//! 'Heading'" a message of secretctl prints names a page and a heading that exist. Issue 20
//! moved README's reference into `docs/`; a hint still pointing at README's old sections
//! sent users to a page that no longer has them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The pages: README.md, the other top-level pages and every `docs/` page.
fn pages() -> Vec<PathBuf> {
    let root = root();
    let mut pages: Vec<PathBuf> = [
        "README.md",
        "ARCHITECTURE.md",
        "SECURITY.md",
        "CHANGELOG.md",
        "BENCHMARKS.md",
    ]
    .iter()
    .map(|p| root.join(p))
    .collect();
    for entry in std::fs::read_dir(root.join("docs")).expect("docs/") {
        let path = entry.expect("a docs/ entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            pages.push(path);
        }
    }
    pages
}

/// The text outside fenced code blocks and inline code spans.
fn prose(text: &str) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        // Drop `code` spans: a `[x](y)` inside one is not a link.
        for (i, part) in line.split('`').enumerate() {
            if i % 2 == 0 {
                out.push_str(part);
            }
        }
        out.push('\n');
    }
    out
}

/// GitHub's anchors of a page's headings (lower case, punctuation dropped, spaces to
/// hyphens, a repeated heading numbered `-1`, `-2`, …).
fn anchors(text: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    for line in prose(text).lines() {
        let Some(heading) = line.strip_prefix('#') else {
            continue;
        };
        let heading = heading.trim_start_matches('#').trim();
        let slug: String = heading
            .to_lowercase()
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == ' ' || *c == '-' || *c == '_')
            .map(|c| if c == ' ' { '-' } else { c })
            .collect();
        let mut candidate = slug.clone();
        let mut n = 0;
        while seen.contains(&candidate) {
            n += 1;
            candidate = format!("{slug}-{n}");
        }
        seen.insert(candidate);
    }
    seen
}

/// The headings of a page, as written.
fn headings(text: &str) -> BTreeSet<String> {
    prose(text)
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| l.trim_start_matches('#').trim().to_string())
        .collect()
}

/// The targets of the inline links `[text](target)` in `text`.
fn link_targets(text: &str) -> Vec<String> {
    let prose = prose(text);
    let mut out = vec![];
    let mut rest = prose.as_str();
    while let Some(at) = rest.find("](") {
        rest = &rest[at + 2..];
        if let Some(end) = rest.find(')') {
            out.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    out
}

/// What is wrong with one link from `page`, if anything.
fn broken(page: &Path, target: &str) -> Option<String> {
    if target.contains("://") || target.starts_with("mailto:") {
        return None;
    }
    let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
    let file = if file.is_empty() {
        page.to_path_buf()
    } else {
        page.parent().expect("a page's folder").join(file)
    };
    if !file.exists() {
        return Some(format!("{target}: no such file"));
    }
    if anchor.is_empty() || file.extension().is_none_or(|e| e != "md") {
        return None;
    }
    let text = std::fs::read_to_string(&file).expect("a linked page is UTF-8");
    (!anchors(&text).contains(anchor)).then(|| format!("{target}: no such heading"))
}

#[test]
fn every_link_of_readme_and_docs_resolves() {
    let mut problems = vec![];
    let mut links = 0;
    for page in pages() {
        let text = std::fs::read_to_string(&page).expect("a page is UTF-8");
        for target in link_targets(&text) {
            links += 1;
            if let Some(p) = broken(&page, &target) {
                problems.push(format!("{}: {p}", page.display()));
            }
        }
    }
    assert!(links > 20, "only {links} links found: is the parser blind?");
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_link_check_sees_a_broken_link_and_a_missing_heading() {
    let page = root().join("README.md");
    assert!(broken(&page, "docs/config.md#config-file").is_none());
    assert!(broken(&page, "docs/no-such-page.md").is_some());
    assert!(broken(&page, "docs/config.md#no-such-heading").is_some());
    assert_eq!(
        link_targets("a [x](a.md) `[y](b.md)` [z](c.md#d)\n```\n[w](e.md)\n```\n"),
        ["a.md", "c.md#d"]
    );
}

/// Every "see PAGE.md, 'Heading'" in secretctl's messages (the sources under `src/`).
fn see_references(dir: &Path, out: &mut Vec<(String, String, String)>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            see_references(&path, out);
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a source file is UTF-8");
        let mut rest = text.as_str();
        while let Some(at) = rest.find("see ") {
            rest = &rest[at + 4..];
            let Some((page, after)) = rest.split_once(".md, '") else {
                continue;
            };
            if page.contains(char::is_whitespace) {
                continue;
            }
            if let Some((heading, _)) = after.split_once('\'') {
                out.push((
                    path.display().to_string(),
                    format!("{page}.md"),
                    heading.to_string(),
                ));
            }
        }
    }
}

#[test]
fn every_page_and_heading_a_message_names_exists() {
    let mut refs = vec![];
    see_references(&root().join("src"), &mut refs);
    assert!(!refs.is_empty(), "no \"see PAGE.md, 'Heading'\" found");
    let mut problems = vec![];
    for (source, page, heading) in refs {
        let Ok(text) = std::fs::read_to_string(root().join(&page)) else {
            problems.push(format!("{source}: {page} does not exist"));
            continue;
        };
        if !headings(&text).contains(&heading) {
            problems.push(format!("{source}: {page} has no heading '{heading}'"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
