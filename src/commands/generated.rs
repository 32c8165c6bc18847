//! Files generated from the clap definition: shell completions and man pages. The copies
//! under `completions/` and `man/` are checked against these by a test.

use clap::CommandFactory;

use crate::cli::Cli;

pub const SHELLS: [clap_complete::Shell; 5] = [
    clap_complete::Shell::Bash,
    clap_complete::Shell::Zsh,
    clap_complete::Shell::Fish,
    clap_complete::Shell::PowerShell,
    clap_complete::Shell::Elvish,
];

/// The completion script for `shell`. bash, zsh and fish call back into `secretctl` on
/// TAB (see `commands::complete`), which completes secret names too; PowerShell and elvish
/// get clap's static script (subcommands and flags).
pub fn completion(shell: clap_complete::Shell) -> Vec<u8> {
    use clap_complete::env::{Bash, EnvCompleter, Fish, Zsh};
    let dynamic: Option<&dyn EnvCompleter> = match shell {
        clap_complete::Shell::Bash => Some(&Bash),
        clap_complete::Shell::Zsh => Some(&Zsh),
        clap_complete::Shell::Fish => Some(&Fish),
        _ => None,
    };
    let mut out = Vec::new();
    match dynamic {
        Some(d) => {
            // Writing into a Vec cannot fail.
            let _ = d.write_registration(
                super::complete::VAR,
                "secretctl",
                "secretctl",
                "secretctl",
                &mut out,
            );
        }
        None => clap_complete::generate(shell, &mut Cli::command(), "secretctl", &mut out),
    }
    match shell {
        clap_complete::Shell::Bash => bash_fixes(&String::from_utf8_lossy(&out)).into_bytes(),
        clap_complete::Shell::Zsh => zsh_fixes(&String::from_utf8_lossy(&out)).into_bytes(),
        _ => out,
    }
}

/// clap's bash registration, with two changes (each checked by `tests/completion.rs` in a
/// real bash; the pinned clap_complete release is what these replacements are made against,
/// and a test fails when one no longer applies):
/// - the raw word being completed, quotes and backslashes as typed, is passed as
///   `_SECRETCTL_COMPLETE_WORD` (`$2` starts after an open quote), so that secretctl can
///   quote each candidate for where the cursor is — bash inserts `COMPREPLY` as it is;
/// - `COMPREPLY=( $(…) )` is split with pathname expansion off: a name holding `*` or `[`
///   must not be replaced by the files it matches.
fn bash_fixes(script: &str) -> String {
    script
        .replace(
            "    COMPREPLY=( $( \\\n",
            "    local _secretctl_glob=on\n    [[ $- == *f* ]] && _secretctl_glob=off\n    set -f\n    COMPREPLY=( $( \\\n        _SECRETCTL_COMPLETE_WORD=\"${COMP_WORDS[COMP_CWORD]}\" \\\n",
        )
        .replace(
            "    ) )\n    if [[ $? != 0 ]]; then\n",
            "    ) )\n    local _secretctl_status=$?\n    [[ $_secretctl_glob == on ]] && set +f\n    if [[ $_secretctl_status != 0 ]]; then\n",
        )
}

/// clap's zsh registration, ending as an autoloaded completion function must: when compinit
/// loads the file as `_secretctl` on the first TAB, it completes that TAB (clap's version
/// only registers the function, so the first TAB of every session offered nothing); sourced,
/// it registers.
fn zsh_fixes(script: &str) -> String {
    let register = "compdef _clap_dynamic_completer_secretctl secretctl";
    script.replace(
        register,
        &format!(
            "if [[ \"${{funcstack[1]}}\" == \"_secretctl\" ]]; then\n    \
             _clap_dynamic_completer_secretctl \"$@\"\nelse\n    {register}\nfi"
        ),
    )
}

/// The file name each shell expects.
pub fn completion_file(shell: clap_complete::Shell) -> &'static str {
    match shell {
        clap_complete::Shell::Bash => "secretctl.bash",
        clap_complete::Shell::Zsh => "_secretctl",
        clap_complete::Shell::Fish => "secretctl.fish",
        clap_complete::Shell::PowerShell => "_secretctl.ps1",
        clap_complete::Shell::Elvish => "secretctl.elv",
        _ => "secretctl.completion",
    }
}

/// One man page per command: `secretctl.1`, `secretctl-kubiya.1`, `secretctl-kubiya-create.1`…
pub fn man_pages() -> Vec<(String, Vec<u8>)> {
    let mut cmd = Cli::command();
    cmd.build();
    let mut pages = Vec::new();
    collect(&cmd, "secretctl", &mut pages);
    pages
}

/// The date in each page's footer: the last change to the command line's pages.
const MAN_DATE: &str = "2026-12-03";

fn collect(cmd: &clap::Command, name: &str, pages: &mut Vec<(String, Vec<u8>)>) {
    let page_cmd = cmd.clone().name(name.to_string());
    if let Ok(buf) = man_page(page_cmd) {
        pages.push((format!("{name}.1"), buf));
    }
    // A hidden command (`chatbotkit export`, which only refuses) gets no page.
    for sub in cmd
        .get_subcommands()
        .filter(|s| s.get_name() != "help" && !s.is_hide_set())
    {
        collect(sub, &format!("{name}-{}", sub.get_name()), pages);
    }
}

/// clap_mangen's sections, with a footer of date, source and manual (its default leaves the
/// date empty, so the source shows where the date goes), no hyphenation or justification,
/// and the examples as EXAMPLES in no-fill mode: lines exactly as in `--help`, so they can be
/// copied and pasted.
fn man_page(cmd: clap::Command) -> std::io::Result<Vec<u8>> {
    let examples = cmd.get_after_long_help().map(|h| h.to_string());
    let has_args = cmd.get_arguments().any(|a| !a.is_hide_set());
    let has_subs = cmd.get_subcommands().any(|s| !s.is_hide_set());
    let man = clap_mangen::Man::new(cmd)
        .date(MAN_DATE)
        .source(format!("secretctl {}", env!("CARGO_PKG_VERSION")))
        .manual("secretctl manual");
    let mut buf = Vec::new();
    man.render_title(&mut buf)?;
    buf.extend_from_slice(b".nh\n.ad l\n");
    man.render_name_section(&mut buf)?;
    man.render_synopsis_section(&mut buf)?;
    man.render_description_section(&mut buf)?;
    if has_args {
        man.render_options_section(&mut buf)?;
    }
    if has_subs {
        man.render_subcommands_section(&mut buf)?;
    }
    if let Some(text) = examples {
        buf.extend_from_slice(b".SH EXAMPLES\n.nf\n");
        for line in text.lines().filter(|l| l.trim_end() != "Examples:") {
            buf.extend_from_slice(roff_line(line.strip_prefix("  ").unwrap_or(line)).as_bytes());
            buf.push(b'\n');
        }
        buf.extend_from_slice(b".fi\n");
    }
    man.render_version_section(&mut buf)?;
    // Each section comes with roff's quote-string preamble: keep the first only.
    let text = String::from_utf8_lossy(&buf).into_owned();
    let preamble = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
    let body = text.replacen(preamble, "", usize::MAX);
    let once = if text.starts_with(preamble) {
        format!("{preamble}{body}")
    } else {
        body
    };
    Ok(once.into_bytes())
}

/// One line of text as roff prints it: backslashes and hyphens escaped, and a leading `.` or
/// `'` kept from being read as a request.
fn roff_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    if line.starts_with(['.', '\'']) {
        out.push_str("\\&");
    }
    for c in line.chars() {
        match c {
            '\\' => out.push_str("\\e"),
            '-' => out.push_str("\\-"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The changes to clap's scripts are made by replacing its text: an update of
    /// clap_complete that changes that text must fail here, not ship clap's scripts unchanged.
    #[test]
    fn the_bash_and_zsh_fixes_apply_to_claps_scripts() {
        let bash = String::from_utf8(completion(clap_complete::Shell::Bash)).unwrap();
        assert!(
            bash.contains("_SECRETCTL_COMPLETE_WORD=\"${COMP_WORDS[COMP_CWORD]}\""),
            "{bash}"
        );
        assert!(bash.contains("set -f") && bash.contains("_secretctl_status"));
        let zsh = String::from_utf8(completion(clap_complete::Shell::Zsh)).unwrap();
        assert!(
            zsh.contains("\"${funcstack[1]}\" == \"_secretctl\""),
            "{zsh}"
        );
        assert!(zsh.trim_end().ends_with("fi"), "{zsh}");
    }
}
