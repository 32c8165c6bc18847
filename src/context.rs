//! What every command gets, resolved once from the parsed command line — shared by the verbs
//! (`commands/`), import and sync, so neither depends on the other. Here, and only here,
//! clap's raw structs (`cli`) become the plain settings that `output` and `input` take, so
//! neither of those depends on the command line's definition.

use std::path::PathBuf;
use std::time::Duration;

use crate::cli::{self, GlobalArgs};
use crate::config::Selection;
use crate::env::EnvFn;
use crate::input::{self, ConfigEntry, ValueArgs};
use crate::output::{ColorChoice, Output, OutputChoice, OutputFormat};
use crate::provider::kind::ProviderKind;
use crate::streams::Streams;
use crate::transport::{DEFAULT_RETRIES, DEFAULT_TIMEOUT_SECS};

/// What every command gets, resolved once from the parsed options: the output settings,
/// the request limits, the verbosity, the config file and profile, and the I/O streams.
pub struct Ctx<'a> {
    pub out: Output,
    /// `--timeout`: the whole of one request.
    pub timeout: Duration,
    /// `--retries`.
    pub retries: u32,
    /// `-v` count.
    pub verbose: u8,
    /// The config file (the innermost `--config FILE`, else `SECRETCTL_CONFIG`, else the
    /// default path) and the profile named (`--profile`, else `SECRETCTL_PROFILE`).
    pub config: Selection,
    /// The environment, read through this (so tests can give their own): credentials, base
    /// URLs, the run-as user.
    pub env: EnvFn<'a>,
    pub streams: &'a mut Streams,
}

impl<'a> Ctx<'a> {
    /// The context for a command: the global options with their defaults applied, and the
    /// config file and profile chosen with `env`.
    pub fn resolve(
        global: &GlobalArgs,
        config_file: Option<PathBuf>,
        env: EnvFn<'a>,
        streams: &'a mut Streams,
        out: Output,
    ) -> Ctx<'a> {
        Ctx {
            out,
            timeout: Duration::from_secs(global.timeout.unwrap_or(DEFAULT_TIMEOUT_SECS)),
            retries: global.retries.unwrap_or(DEFAULT_RETRIES),
            verbose: global.verbose,
            config: Selection::resolve(config_file.as_deref(), global.profile.as_deref(), env),
            env,
            streams,
        }
    }
}

impl From<&GlobalArgs> for OutputChoice {
    fn from(global: &GlobalArgs) -> OutputChoice {
        OutputChoice {
            format: global.output.map(OutputFormat::from),
            color: global.color.into(),
        }
    }
}

impl From<cli::Provider> for ProviderKind {
    fn from(p: cli::Provider) -> ProviderKind {
        match p {
            cli::Provider::Chatbotkit => ProviderKind::Chatbotkit,
            cli::Provider::Kubiya => ProviderKind::Kubiya,
        }
    }
}

impl From<cli::OutputFormat> for OutputFormat {
    fn from(f: cli::OutputFormat) -> OutputFormat {
        match f {
            cli::OutputFormat::Table => OutputFormat::Table,
            cli::OutputFormat::Plain => OutputFormat::Plain,
            cli::OutputFormat::Json => OutputFormat::Json,
            cli::OutputFormat::Terraform => OutputFormat::Terraform,
        }
    }
}

impl From<cli::ColorChoice> for ColorChoice {
    fn from(c: cli::ColorChoice) -> ColorChoice {
        match c {
            cli::ColorChoice::Auto => ColorChoice::Auto,
            cli::ColorChoice::Always => ColorChoice::Always,
            cli::ColorChoice::Never => ColorChoice::Never,
        }
    }
}

impl From<&cli::ValueArgs> for ValueArgs {
    fn from(a: &cli::ValueArgs) -> ValueArgs {
        ValueArgs {
            value_file: a.value_file.clone(),
            value_env: a.value_env.clone(),
            base64: a.base64,
            keep_newline: a.keep_newline,
        }
    }
}

/// A ChatBotKit secret's `--config` entries, each read by `input`'s one rule.
pub fn config_entries(args: &[cli::ConfigArg]) -> Vec<ConfigEntry> {
    args.iter()
        .map(|a| input::parse_config_entry(&a.0))
        .collect()
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, ValueEnum};

    use crate::cli::{Cli, Provider};
    use crate::provider::kind::ProviderKind;

    /// `cli.rs` imports nothing of the crate, so it spells the provider words itself: they
    /// must be `ProviderKind`'s, both as provider commands and as `config` arguments.
    #[test]
    fn the_command_line_spells_each_provider_as_provider_kind_does() {
        let cmd = Cli::command();
        for p in Provider::value_variants() {
            let kind = ProviderKind::from(*p);
            let value = p.to_possible_value().expect("a visible value");
            assert_eq!(value.get_name(), kind.key());
            let mut aliases: Vec<&str> = value
                .get_name_and_aliases()
                .filter(|n| *n != kind.key())
                .collect();
            aliases.sort_unstable();
            assert_eq!(aliases, kind.aliases());
            let sub = cmd
                .find_subcommand(kind.key())
                .unwrap_or_else(|| panic!("no `{}` command", kind.key()));
            // Hidden from clap's lists (see `cli::Command`), accepted all the same.
            let sub_aliases: Vec<&str> = sub.get_all_aliases().collect();
            assert_eq!(sub_aliases, kind.aliases());
        }
        assert_eq!(Provider::value_variants().len(), ProviderKind::ALL.len());
    }
}
