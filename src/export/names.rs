//! The names a shell, the dynamic loader or a program's start-up gives a meaning of their
//! own: the one list of them, shared by `export --format shell` (which refuses every one)
//! and `run` (which sets one that changes how programs start only with `--override`).
//!
//! - [`changes_startup`]: names that make a program load or run code it did not name, or
//!   change how a shell starts or finds commands — the dynamic loader (`LD_*`, `DYLD_*`),
//!   the variables the GNU C library ignores for set-user-ID programs for that reason
//!   (glibc's `unsecvars.h`: `GCONV_PATH`, `GLIBC_TUNABLES`, `LOCPATH`, `MALLOC_*`,
//!   `TMPDIR`…), the shells' start-up (`BASH_ENV`, `ENV`, `ZDOTDIR`, `BASH_FUNC_*`,
//!   `SHELLOPTS`, `BASHOPTS`, `POSIXLY_CORRECT`, the prompts and `PROMPT_COMMAND`, which an
//!   interactive shell expands or runs, `PS4`, `IFS`, `PATH`, `CDPATH`, `FPATH`), and the
//!   option or preload variables of the common interpreters (`NODE_OPTIONS`, `PYTHONPATH`,
//!   `PYTHONSTARTUP`, `PYTHONHOME`, `PERL5OPT`, `PERL5LIB`, `PERLLIB`, `RUBYOPT`, `RUBYLIB`,
//!   `JAVA_TOOL_OPTIONS`, `JDK_JAVA_OPTIONS`, `_JAVA_OPTIONS`).
//! - [`shell_special`]: those, and every name bash, zsh or POSIX sh (dash) sets, reads or
//!   treats specially: read-only ones (`UID`, `EUID`, `PPID`…), ones whose assignment is
//!   ignored, changed or evaluated arithmetically — an array subscript in the value then runs
//!   `$(…)` even from inside single quotes (`RANDOM`, `OPTIND`, `HISTCMD`, `SECONDS`,
//!   `LINENO`…) —, and ones that change how the shell works (`IFS`, `HISTFILE`, `TMOUT`,
//!   `LANG`/`LC_*`, zsh's `path`, `status`, `USERNAME`…). Built from `compgen -v` of a bash
//!   started with `env -i bash --norc --noprofile` (interactive too), zsh's
//!   `${(k)parameters}` with its modules loaded, and both manuals ("Shell Variables",
//!   "Parameters Set By The Shell", "Parameters Used By The Shell"); `tests/export.rs` checks
//!   the live lists of the shells installed against it. Whole namespaces the shells reserve
//!   are prefixes (`BASH_*`, `ZSH_*`, `LC_*`, `COMP_*`, `READLINE_*`, `ZLE_*`…), so a name a
//!   newer shell adds there is refused already.
//!
//! Left out on purpose: the parameters zsh has only inside a line-editor widget or a
//! completion function (`BUFFER`, `CURSOR`, `PREFIX`, `words`…), where no one evaluates an
//! export, and which are ordinary names everywhere else.

/// Names that change how programs start or find their code (see the module).
const STARTUP: &[&str] = &[
    "BASHOPTS",
    "CDPATH",
    "ENV",
    "FPATH",
    "GCONV_PATH",
    "GETCONF_DIR",
    "GLIBC_TUNABLES",
    "HOSTALIASES",
    "IFS",
    "JAVA_TOOL_OPTIONS",
    "JDK_JAVA_OPTIONS",
    "LOCALDOMAIN",
    "LOCPATH",
    "NIS_PATH",
    "NLSPATH",
    "NODE_OPTIONS",
    "PATH",
    "PERL5LIB",
    "PERL5OPT",
    "PERLLIB",
    "POSIXLY_CORRECT",
    "PROMPT",
    "PROMPT2",
    "PROMPT3",
    "PROMPT4",
    "PROMPT_COMMAND",
    "PS0",
    "PS1",
    "PS2",
    "PS4",
    "PYTHONHOME",
    "PYTHONPATH",
    "PYTHONSTARTUP",
    "RESOLV_HOST_CONF",
    "RES_OPTIONS",
    "RPROMPT",
    "RPROMPT2",
    "RPS1",
    "RPS2",
    "RUBYLIB",
    "RUBYOPT",
    "SHELLOPTS",
    "SPROMPT",
    "TMPDIR",
    "TZDIR",
    "ZDOTDIR",
    "_JAVA_OPTIONS",
];

/// Prefixes of [`STARTUP`] names: the loaders', glibc's allocator's, and bash's own
/// (`BASH_ENV`, `BASH_FUNC_*`, `BASH_XTRACEFD`, `BASH_COMPAT`, `BASH_LOADABLES_PATH`).
const STARTUP_PREFIXES: &[&str] = &["BASH_", "DYLD_", "LD_", "MALLOC_"];

/// Names bash, zsh or POSIX sh treat specially, besides [`STARTUP`] (see the module).
pub const SHELL: &[&str] = &[
    // bash ("Bourne Shell Variables", "Bash Variables")
    "BASH",
    "BASHPID",
    "CHILD_MAX",
    "COLUMNS",
    "COMPREPLY",
    "COPROC",
    "DIRSTACK",
    "EMACS",
    "EPOCHREALTIME",
    "EPOCHSECONDS",
    "EUID",
    "EXECIGNORE",
    "FCEDIT",
    "FIGNORE",
    "FUNCNAME",
    "FUNCNEST",
    "GLOBIGNORE",
    "GLOBSORT",
    "GROUPS",
    "HISTCMD",
    "HISTCONTROL",
    "HISTFILE",
    "HISTFILESIZE",
    "HISTIGNORE",
    "HISTSIZE",
    "HISTTIMEFORMAT",
    "HOME",
    "HOSTFILE",
    "HOSTNAME",
    "HOSTTYPE",
    "IGNOREEOF",
    "INPUTRC",
    "INSIDE_EMACS",
    "LANG",
    "LINENO",
    "LINES",
    "MACHTYPE",
    "MAIL",
    "MAILCHECK",
    "MAILPATH",
    "MAPFILE",
    "OLDPWD",
    "OPTARG",
    "OPTERR",
    "OPTIND",
    "OSTYPE",
    "PIPESTATUS",
    "PPID",
    "PROMPT_DIRTRIM",
    "PS3",
    "PWD",
    "RANDOM",
    "REPLY",
    "SECONDS",
    "SHELL",
    "SHLVL",
    "SRANDOM",
    "TERM",
    "TEXTDOMAIN",
    "TEXTDOMAINDIR",
    "TIMEFORMAT",
    "TMOUT",
    "UID",
    "_",
    "auto_resume",
    "histchars",
    // zsh ("Parameters Set By The Shell", "Parameters Used By The Shell", the modules)
    "ARGC",
    "ARGV0",
    "BAUD",
    "CORRECT_IGNORE",
    "CORRECT_IGNORE_FILE",
    "CPUTYPE",
    "DIRSTACKSIZE",
    "EGID",
    "ERRNO",
    "GID",
    "HISTCHARS",
    "HISTORY_IGNORE",
    "HOST",
    "KEYBOARD_HACK",
    "KEYTIMEOUT",
    "LISTMAX",
    "LISTPROMPT",
    "LOGCHECK",
    "LOGNAME",
    "MANPATH",
    "MATCH",
    "MBEGIN",
    "MEND",
    "MENUPROMPT",
    "MENUSELECT",
    "MODULE_PATH",
    "NULLCMD",
    "PERIOD",
    "POSTEDIT",
    "PROMPT_EOL_MARK",
    "PSVAR",
    "READNULLCMD",
    "REPORTMEMORY",
    "REPORTTIME",
    "SAVEHIST",
    "STTY",
    "TERMINFO",
    "TERMINFO_DIRS",
    "TIMEFMT",
    "TMPPREFIX",
    "TMPSUFFIX",
    "TRY_BLOCK_ERROR",
    "TRY_BLOCK_INTERRUPT",
    "TTY",
    "TTYIDLE",
    "USERNAME",
    "VENDOR",
    "WATCH",
    "WATCHFMT",
    "WORDCHARS",
    "ZBEEP",
    "aliases",
    "argv",
    "builtins",
    "cdpath",
    "chpwd_functions",
    "commands",
    "dirstack",
    "dis_aliases",
    "dis_builtins",
    "dis_functions",
    "dis_functions_source",
    "dis_galiases",
    "dis_patchars",
    "dis_reswords",
    "dis_saliases",
    "epochtime",
    "errnos",
    "fignore",
    "fpath",
    "funcfiletrace",
    "funcsourcetrace",
    "funcstack",
    "functions",
    "functions_source",
    "functrace",
    "galiases",
    "history",
    "historywords",
    "jobdirs",
    "jobstates",
    "jobtexts",
    "keymaps",
    "langinfo",
    "mailpath",
    "manpath",
    "mapfile",
    "match",
    "mbegin",
    "mend",
    "module_path",
    "modules",
    "nameddirs",
    "options",
    "parameters",
    "patchars",
    "path",
    "periodic_functions",
    "pipestatus",
    "precmd_functions",
    "preexec_functions",
    "prompt",
    "psvar",
    "reply",
    "reswords",
    "saliases",
    "signals",
    "status",
    "sysparams",
    "termcap",
    "terminfo",
    "userdirs",
    "usergroups",
    "watch",
    "widgets",
    "zcurses_attrs",
    "zcurses_colors",
    "zcurses_keycodes",
    "zcurses_windows",
    "zgdbm_tied",
    "zle_bracketed_paste",
    "zle_highlight",
    "zsh_directory_name_functions",
    "zsh_eval_context",
    "zsh_scheduled_events",
    "zshaddhistory_functions",
    "zshexit_functions",
];

/// Namespaces the shells reserve, besides [`STARTUP_PREFIXES`]: zsh's own, the locale's,
/// bash's completion and line editor, zsh's line editor, completion listing, curses and ftp
/// modules.
const SHELL_PREFIXES: &[&str] = &[
    "COMP_",
    "LC_",
    "READLINE_",
    "ZCURSES_",
    "ZFTP_",
    "ZLE_",
    "ZLS_",
    "ZSH_",
];

fn listed(name: &str, exact: &[&str], prefixes: &[&str]) -> bool {
    exact.contains(&name) || prefixes.iter().any(|p| name.starts_with(p))
}

/// Whether `name` changes how programs start or find their code: `run` sets it only with
/// `--override`, even when the environment does not have it.
pub fn changes_startup(name: &str) -> bool {
    listed(name, STARTUP, STARTUP_PREFIXES)
}

/// Whether bash, zsh or POSIX sh give `name` a meaning of their own (or it changes how
/// programs start): `export --format shell` never writes it for `eval`.
pub fn shell_special(name: &str) -> bool {
    changes_startup(name) || listed(name, SHELL, SHELL_PREFIXES)
}

/// Every exact name of both lists, for tests.
pub fn every_listed() -> impl Iterator<Item = &'static str> {
    STARTUP.iter().chain(SHELL).copied()
}

/// One name under each prefix (the prefix itself followed by `X`), for tests.
pub fn one_per_prefix() -> impl Iterator<Item = String> {
    STARTUP_PREFIXES
        .iter()
        .chain(SHELL_PREFIXES)
        .map(|p| format!("{p}X"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_are_sorted_without_repeats_and_every_name_is_an_identifier() {
        for list in [STARTUP, STARTUP_PREFIXES, SHELL_PREFIXES] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
        let mut all: Vec<&str> = every_listed().collect();
        all.sort_unstable();
        let before = all.len();
        all.dedup();
        assert_eq!(before, all.len(), "a name is in both lists");
        for n in every_listed() {
            assert!(super::super::formats::is_env_name(n), "{n}");
            assert!(shell_special(n), "{n}");
        }
        assert!(changes_startup("LD_PRELOAD") && changes_startup("BASH_ENV"));
        assert!(!changes_startup("RANDOM") && shell_special("RANDOM"));
        assert!(!shell_special("GH_TOKEN") && !shell_special("V_RANDOM"));
    }
}
