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
    out
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

fn collect(cmd: &clap::Command, name: &str, pages: &mut Vec<(String, Vec<u8>)>) {
    let page_cmd = cmd.clone().name(name.to_string());
    let mut buf = Vec::new();
    if clap_mangen::Man::new(page_cmd).render(&mut buf).is_ok() {
        pages.push((format!("{name}.1"), buf));
    }
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        collect(sub, &format!("{name}-{}", sub.get_name()), pages);
    }
}
