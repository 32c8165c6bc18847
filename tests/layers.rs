//! The import graph of `src/` (imports between files): no cycle, and every file in the layer
//! of ARCHITECTURE.md's table that its imports allow — a layer imports only the layers below
//! it, and the bottom one (the leaves) nothing of the crate.
//!
//! An edge is a path that names a module of the crate from outside comments, strings and test
//! code: `crate::…`, `super::…`, `self::…`, or a child module's name (`pub use file::…`). A
//! file's own parent (the `mod.rs` that declares it) is not an edge: a folder is one module,
//! and its files use what their `mod.rs` holds. Test code (`#[cfg(test)]` items and the files
//! they declare) may use anything.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A module's path (`["config", "file"]`) from a file's path under `src/` (`config/file.rs`).
fn module_of(file: &str) -> Vec<String> {
    let mut parts: Vec<String> = file
        .trim_end_matches(".rs")
        .split('/')
        .map(String::from)
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// The text with comments removed and string and character literals emptied, so that only
/// code is left to read paths from.
fn code_only(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let at = |i: usize, s: &str| s.chars().enumerate().all(|(k, x)| c.get(i + k) == Some(&x));
    while i < c.len() {
        let ident_before = i > 0 && (c[i - 1].is_alphanumeric() || c[i - 1] == '_');
        if at(i, "//") {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if at(i, "/*") {
            let mut depth = 0;
            loop {
                if at(i, "/*") {
                    depth += 1;
                    i += 2;
                } else if at(i, "*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else if i >= c.len() {
                    break;
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if !ident_before && (at(i, "r\"") || at(i, "r#") || at(i, "br\"") || at(i, "br#")) {
            // A raw string: r"…", r#"…"#, as many # as it opened with.
            i += if c[i] == 'b' { 2 } else { 1 };
            let mut hashes = 0;
            while c.get(i) == Some(&'#') {
                hashes += 1;
                i += 1;
            }
            i += 1;
            let close: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            while i < c.len() && !at(i, &close) {
                i += 1;
            }
            i += close.chars().count();
            out.push_str("\"\"");
        } else if c[i] == '"' {
            i += 1;
            while i < c.len() && c[i] != '"' {
                i += if c[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c[i] == '\'' && c.get(i + 1) == Some(&'\\') {
            i += 2;
            while i < c.len() && c[i] != '\'' {
                i += 1;
            }
            i += 1;
            out.push_str("' '");
        } else if c[i] == '\'' && c.get(i + 2) == Some(&'\'') {
            i += 3;
            out.push_str("' '");
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// The code without its `#[cfg(test)]` items, and the modules declared by those items
/// (`#[cfg(test)] mod tests;`), whose files are test code too.
fn without_tests(code: &str) -> (String, Vec<String>) {
    const MARK: &str = "#[cfg(test)]";
    let mut code = code.to_string();
    let mut test_modules = Vec::new();
    while let Some(k) = code.find(MARK) {
        let rest = &code[k + MARK.len()..];
        let end = match (rest.find(';'), rest.find('{')) {
            (Some(semi), brace) if brace.is_none_or(|b| semi < b) => {
                let words: Vec<&str> = rest[..semi].split_whitespace().collect();
                if let [.., "mod", name] = words[..] {
                    test_modules.push(name.to_string());
                }
                semi + 1
            }
            (_, Some(brace)) => {
                let mut depth = 0;
                let mut end = rest.len();
                for (i, ch) in rest[brace..].char_indices() {
                    match ch {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    if depth == 0 {
                        end = brace + i + 1;
                        break;
                    }
                }
                end
            }
            _ => rest.len(),
        };
        code.replace_range(k..k + MARK.len() + end, " ");
    }
    (code, test_modules)
}

/// The paths of a `use` tree or an inline path starting at `s`: `a::b`, `a::{b, c::d}`,
/// `a::{self, b}`. Each path is returned whole; `self` in a group names the group's prefix.
fn path_tree(s: &str, prefix: &[String], out: &mut Vec<Vec<String>>) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    let mut segs = prefix.to_vec();
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < b.len() && b[i] == b'{' {
            i += 1;
            loop {
                while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b',') {
                    i += 1;
                }
                if i >= b.len() || b[i] == b'}' {
                    return i + 1;
                }
                i += path_tree(&s[i..], &segs, out);
            }
        }
        let start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
            i += 1;
        }
        let word = &s[start..i];
        if !word.is_empty() && word != "self" {
            segs.push(word.to_string());
        }
        let mut j = i;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if word.is_empty() || !s[j..].starts_with("::") {
            out.push(segs);
            return i.max(start + 1);
        }
        i = j + 2;
    }
}

/// Every file's imports of other files, test code left out: file → files.
fn import_graph(files: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeMap<Vec<String>, &String> = files.keys().map(|f| (module_of(f), f)).collect();
    let mut code = BTreeMap::new();
    let mut test_files = BTreeSet::new();
    for (file, text) in files {
        let (c, tests) = without_tests(&code_only(text));
        for t in tests {
            let mut m = module_of(file);
            m.push(t);
            if let Some(f) = modules.get(&m) {
                test_files.insert((*f).clone());
            }
        }
        code.insert(file.clone(), c);
    }
    let mut graph = BTreeMap::new();
    for (file, c) in &code {
        if test_files.contains(file) {
            continue;
        }
        let me = module_of(file);
        let parent = modules.get(&me[..me.len().saturating_sub(1)]).copied();
        let words: Vec<&str> = c.split_whitespace().collect();
        let children: BTreeSet<&str> = words
            .windows(2)
            .filter(|w| w[0] == "mod")
            .filter_map(|w| w[1].strip_suffix(';'))
            .collect();
        let mut edges = BTreeSet::new();
        let b = c.as_bytes();
        let mut i = 0;
        while let Some(k) = c[i..].find("::") {
            let colons = i + k;
            i = colons + 2;
            let start = c[..colons]
                .rfind(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_'))
                .map_or(0, |p| p + 1);
            if start > 0 && b[start - 1] == b':' {
                continue;
            }
            let first = &c[start..colons];
            let mut base = match first {
                "crate" => Vec::new(),
                "self" => me.clone(),
                "super" => me[..me.len().saturating_sub(1)].to_vec(),
                w if children.contains(w) => [me.clone(), vec![w.to_string()]].concat(),
                _ => continue,
            };
            let mut rest = &c[colons + 2..];
            while let Some(r) = rest.trim_start().strip_prefix("super::") {
                base.pop();
                rest = r;
            }
            let mut paths = Vec::new();
            path_tree(rest, &[], &mut paths);
            for p in paths {
                let full = [base.clone(), p].concat();
                let target = (0..=full.len())
                    .rev()
                    .find_map(|n| modules.get(&full[..n]).copied());
                if let Some(t) = target
                    && t != file
                    && Some(t) != parent
                    && !test_files.contains(t)
                {
                    edges.insert(t.clone());
                }
            }
        }
        graph.insert(file.clone(), edges);
    }
    graph
}

/// A cycle of the graph, as the files along it, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        v: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|p| p == v) {
            let mut cycle = path[at..].to_vec();
            cycle.push(v.to_string());
            return Some(cycle);
        }
        if done.contains(v) {
            return None;
        }
        path.push(v.to_string());
        for w in graph.get(v).into_iter().flatten() {
            if let Some(c) = visit(w, graph, done, path) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(v.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|v| visit(v, graph, &mut done, &mut Vec::new()))
}

/// A row of ARCHITECTURE.md's layer table.
#[derive(Debug)]
struct Row {
    name: String,
    /// Its `src/…` files and folders (a folder: every file under it that no row names closer).
    files: Vec<String>,
    /// The rows below it that it may import; `None`: every row below.
    may_import: Option<Vec<String>>,
}

/// ARCHITECTURE.md's layer table, bottom up: `| layer | files | may import | owns |`.
fn layer_rows(architecture: &str) -> Vec<Row> {
    let section = architecture
        .split("\n## Layers, bottom up")
        .nth(1)
        .expect("ARCHITECTURE.md has a '## Layers, bottom up' section");
    section
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|row| {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            let cell = |n: usize| cells.get(n).copied().unwrap_or("");
            let files = cell(2)
                .split('`')
                .skip(1)
                .step_by(2)
                .filter_map(|p| p.strip_prefix("src/"))
                .map(String::from)
                .collect();
            let may_import = match cell(3) {
                "every layer below" => None,
                "nothing of the crate" => Some(Vec::new()),
                names => Some(names.split(',').map(|n| n.trim().to_string()).collect()),
            };
            Row {
                name: cell(1).to_string(),
                files,
                may_import,
            }
        })
        .collect()
}

/// Which row a file is in: the row naming it, else the row naming the closest folder of it.
fn row_of(file: &str, rows: &[Row]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (r, row) in rows.iter().enumerate() {
        for n in &row.files {
            let fits = n == file || (n.ends_with('/') && file.starts_with(n.as_str()));
            if fits && best.is_none_or(|(_, len)| n.len() > len) {
                best = Some((r, n.len()));
            }
        }
    }
    best.map(|(r, _)| r)
}

/// What is wrong with the graph against the table: a file in no row, an import of a row
/// above, an import of a row below that the row's "may import" does not name.
fn layer_problems(graph: &BTreeMap<String, BTreeSet<String>>, rows: &[Row]) -> Vec<String> {
    let mut problems = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        for name in row.may_import.iter().flatten() {
            if !rows[..r].iter().any(|below| &below.name == name) {
                problems.push(format!(
                    "{}: may import '{name}', which is no row below it",
                    row.name
                ));
            }
        }
    }
    for (file, edges) in graph {
        let Some(r) = row_of(file, rows) else {
            problems.push(format!("src/{file} is in no row of the layer table"));
            continue;
        };
        for t in edges {
            let Some(tr) = row_of(t, rows) else { continue };
            let (from, to) = (&rows[r], &rows[tr]);
            if tr > r {
                problems.push(format!(
                    "src/{file} ({}) imports src/{t} ({}), a layer above it",
                    from.name, to.name
                ));
            } else if tr < r
                && from
                    .may_import
                    .as_ref()
                    .is_some_and(|m| !m.contains(&to.name))
                || tr == r && from.may_import.as_ref().is_some_and(Vec::is_empty)
            {
                problems.push(format!(
                    "src/{file} ({}) imports src/{t} ({}), which its row does not allow",
                    from.name, to.name
                ));
            }
        }
    }
    problems
}

fn read_src(dir: &Path, under: &str, files: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a UTF-8 name")
            .to_string();
        if path.is_dir() {
            read_src(&path, &format!("{under}{name}/"), files);
        } else if name.ends_with(".rs") && !(under.is_empty() && name == "main.rs") {
            // main.rs is the binary, a crate of its own: it calls secretctl::main and nothing else.
            let text = std::fs::read_to_string(&path).expect("a source file is UTF-8");
            files.insert(format!("{under}{name}"), text);
        }
    }
}

fn the_crate() -> BTreeMap<String, BTreeSet<String>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = BTreeMap::new();
    read_src(&root.join("src"), "", &mut files);
    import_graph(&files)
}

#[test]
fn the_import_graph_of_src_has_no_cycle() {
    let graph = the_crate();
    assert!(
        graph.len() > 40,
        "every source file is read: {}",
        graph.len()
    );
    if let Some(cycle) = find_cycle(&graph) {
        panic!("an import cycle: {}", cycle.join(" → "));
    }
}

#[test]
fn every_file_imports_only_the_layers_below_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let architecture =
        std::fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let rows = layer_rows(&architecture);
    assert!(rows.len() > 5, "the layer table is read: {rows:?}");
    let problems = layer_problems(&the_crate(), &rows);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn cli_imports_nothing_and_output_and_input_no_cli() {
    let graph = the_crate();
    let leaves = ["env.rs", "provider/kind.rs", "sanitize.rs", "stdin.rs"];
    for leaf in leaves {
        assert_eq!(
            graph[leaf],
            BTreeSet::new(),
            "src/{leaf} imports nothing of the crate"
        );
    }
    assert_eq!(
        graph["cli.rs"],
        BTreeSet::new(),
        "cli.rs is clap only: it imports nothing of the crate"
    );
    for file in ["output.rs", "input.rs"] {
        assert!(
            !graph[file].contains("cli.rs"),
            "src/{file} takes no clap struct"
        );
    }
}

#[test]
fn the_checker_reads_paths_and_finds_a_cycle() {
    let files: BTreeMap<String, String> = [
        ("lib.rs", "pub mod a; pub mod b; pub mod c; pub mod d;"),
        // A use tree, a group with self, and an inline path; the parent (lib.rs) is no edge.
        (
            "a.rs",
            "use crate::{b::{self, X}, c};\nfn f() { crate::main(); }",
        ),
        // Comments, strings and test code name modules without importing them.
        (
            "b.rs",
            "// crate::a\nconst S: &str = \"crate::a */ /* \";\nconst R: &str = r#\"crate::a\"#;\n\
             fn g<'x>(_: &'x str) -> char { '\"' }\n#[cfg(test)]\nmod tests { use crate::a; }\n\
             fn h() { crate::d::run() }",
        ),
        ("c.rs", "mod inner;\npub use inner::Y;"),
        ("c/inner.rs", "use super::super::a::Z;"),
        ("d.rs", "pub fn run() {}"),
    ]
    .into_iter()
    .map(|(f, t)| (f.to_string(), t.to_string()))
    .collect();
    let graph = import_graph(&files);
    let edges = |f: &str| graph[f].iter().map(String::as_str).collect::<Vec<_>>();
    assert_eq!(edges("a.rs"), ["b.rs", "c.rs"]);
    assert_eq!(edges("b.rs"), ["d.rs"]);
    assert_eq!(edges("c.rs"), ["c/inner.rs"]);
    assert_eq!(edges("c/inner.rs"), ["a.rs"]);
    assert_eq!(
        find_cycle(&graph).map(|c| c.join(" → ")).as_deref(),
        Some("a.rs → c.rs → c/inner.rs → a.rs")
    );

    let rows = layer_rows(
        "x\n## Layers, bottom up\n\n| layer | files | may import | owns |\n|---|---|---|---|\n\
         | leaf | `src/d.rs` | nothing of the crate | |\n\
         | low | `src/b.rs`, `src/c/` | high | |\n\
         | high | `src/a.rs`, `src/c.rs` | every layer below | |\n\
         | top | `src/lib.rs` | every layer below | |\n",
    );
    let problems = layer_problems(&graph, &rows);
    assert_eq!(
        problems,
        [
            "low: may import 'high', which is no row below it",
            "src/b.rs (low) imports src/d.rs (leaf), which its row does not allow",
            "src/c/inner.rs (low) imports src/a.rs (high), a layer above it"
        ]
    );
}
