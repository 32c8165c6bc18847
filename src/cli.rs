//! The command-line definition: clap derive only. Doc comments are the help text.
//!
//! No argument here carries a token or a secret value: those would land in shell history and
//! in the process list. Token environment variables are read by `config`, never bound here
//! (clap would print their values in `--help`).

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const ROOT_EXAMPLES: &str = "\
Examples:
  # Try everything against the built-in emulator, no account needed
  secretctl emulator -- sh -c 'echo s3cr3t | secretctl kubiya create demo && secretctl kubiya list'

  # Store a value piped from a vault
  vault kv get -field=api_key secret/bot | secretctl chatbotkit create OPENAI_KEY

  # List as JSON
  secretctl kubiya list -o json";

#[derive(Debug, Parser)]
#[command(
    name = "secretctl",
    version,
    about = "Manage ChatBotKit and Kubiya secrets without a value ever reaching argv, history, logs or scrollback",
    long_about = "Manage the secrets that ChatBotKit and Kubiya keep for bots and agents.\n\n\
        Values are read from a file, an environment variable, standard input or a hidden prompt \
        — never from an argument — and are never printed unless `get --reveal` asks.",
    after_long_help = ROOT_EXAMPLES,
    propagate_version = true,
    infer_subcommands = false
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(flatten)]
    pub config_file: ConfigFileArg,

    #[command(subcommand)]
    pub command: Command,
}

/// Options accepted anywhere on the line.
#[derive(Debug, Args, Clone, Default)]
pub struct GlobalArgs {
    /// Output format [default: table on a terminal, plain otherwise; list and get also take terraform]
    #[arg(short = 'o', long, global = true, value_enum, value_name = "FORMAT")]
    pub output: Option<OutputFormat>,

    /// Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>
    #[arg(short = 'v', long = "verbose", global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// Config profile to use [env: SECRETCTL_PROFILE]
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// Whole-request timeout in seconds (connecting has its own 10 s limit)
    #[arg(long, global = true, value_name = "SECS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: Option<u64>,

    /// Retries after the first attempt, on 429, 502, 503, 504 and connection failures
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=10))]
    pub retries: Option<u32>,

    /// When to use colour
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// `--config FILE`. Not a clap-global argument because `chatbotkit create|update` use
/// `--config KEY=VALUE` for the secret's own config; it is declared at every level instead.
#[derive(Debug, Args, Clone, Default)]
pub struct ConfigFileArg {
    /// Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]
    #[arg(long = "config", value_name = "FILE")]
    pub config_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Aligned columns with a header
    Table,
    /// Tab-separated fields, one record a line, no header
    Plain,
    /// The API's own records
    Json,
    /// Terraform resource + variable blocks, and import for ChatBotKit: only `list` and
    /// `get` take it, and their help says so; every other command refuses it
    #[value(hide = true)]
    Terraform,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// ChatBotKit secrets (alias: cbk)
    // The aliases are hidden from clap, named in the help text instead: clap's completion
    // engine offers one word per command, and a visible alias sorts before the name
    // (`secretctl <TAB>` would offer `cbk`, not `chatbotkit`). A hidden one is offered only
    // when it alone matches (`secretctl cb<TAB>`).
    #[command(
        name = "chatbotkit",
        alias = "cbk",
        after_long_help = CBK_EXAMPLES
    )]
    Chatbotkit(ChatbotkitCmd),
    /// Kubiya secrets
    #[command(
        name = "kubiya",
        after_long_help = KUBIYA_EXAMPLES
    )]
    Kubiya(KubiyaCmd),
    /// Print a shell completion script
    #[command(
        after_long_help = "Examples:\n  secretctl completions bash > ~/.local/share/bash-completion/completions/secretctl\n  secretctl completions zsh > \"${fpath[1]}/_secretctl\"\n  secretctl completions fish > ~/.config/fish/completions/secretctl.fish"
    )]
    Completions(CompletionsArgs),
    /// Serve both APIs in memory on 127.0.0.1, to try secretctl or test scripts with no account
    #[command(after_long_help = EMULATOR_EXAMPLES)]
    Emulator(EmulatorArgs),
    /// Show the config file, prove the tokens, and set them without editing TOML by hand
    #[command(after_long_help = CONFIG_EXAMPLES)]
    Config(ConfigCmd),
}

const CONFIG_EXAMPLES: &str = "\
Examples:
  secretctl config path
  secretctl config show
  op read op://Private/kubiya/key | secretctl config set-token kubiya --profile work
  secretctl config check                     # does each token work, and where does it come from?
  secretctl config set-command chatbotkit -- op read op://Private/chatbotkit/token";

#[derive(Debug, Args)]
pub struct ConfigCmd {
    #[command(flatten)]
    pub config_file: ConfigFileArg,
    #[command(subcommand)]
    pub command: ConfigCommand,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the config file's path (whether or not it exists)
    #[command(
        after_long_help = "Examples:\n  secretctl config path\n  $EDITOR \"$(secretctl config path)\""
    )]
    Path(ConfigFileArg),
    /// Show the settings in effect for each provider and where each comes from; tokens are never shown
    #[command(
        after_long_help = "Examples:\n  secretctl config show\n  secretctl --profile work config show -o json"
    )]
    Show(ConfigFileArg),
    /// Prove each provider's token with one read call, and show where it and the base URL come from
    #[command(
        long_about = "For each provider (or the one named): the base URL and where it comes from, where \
            the token comes from (a variable, the profile's token or token_command; never the \
            token itself), and one read call that proves the token: ok with the time it took \
            and the rate-limit headroom when the server sends it, or the error.\n\n\
            A provider without a token is 'not configured', an error only when it is named. \
            Exit 0 when every provider checked is ok, else the worst code (4 auth, 6 network).",
        after_long_help = "Examples:\n  secretctl config check\n  secretctl config check kubiya --profile work\n  secretctl config check kubiya --base-url https://kubiya.example.com\n  secretctl config check -o json"
    )]
    Check(CheckArgs),
    /// Prove a provider's token, then store it in the profile (hidden prompt or piped stdin; file mode 0600)
    #[command(
        long_about = "Store a provider's token in the profile, read from a hidden prompt or piped \
            stdin (file mode 0600). The token is proven first with the call 'config check' \
            makes: a refused token (401/403) is exit 4 and the file is not touched; an \
            unreachable server is exit 6 (--no-check stores it without the call).",
        after_long_help = "Examples:\n  secretctl config set-token chatbotkit                 # hidden prompt\n  op read op://Private/kubiya/key | secretctl config set-token kubiya --profile work\n  secretctl config set-token kubiya --base-url https://kubiya.example.com\n  secretctl config set-token kubiya --no-check          # offline set-up"
    )]
    SetToken(SetTokenArgs),
    /// Store a command whose output is the token (run with sh -c when a token is needed)
    #[command(
        after_long_help = "Examples:\n  secretctl config set-command chatbotkit -- op read op://Private/chatbotkit/token\n  secretctl config set-command kubiya --profile work -- vault kv get -field=key secret/kubiya"
    )]
    SetCommand(SetCommandArgs),
}

/// A provider named as an argument (`config set-token chatbotkit`): its command word, or an
/// alias of it. The words are the provider commands' own (`context.rs` turns this into a
/// `ProviderKind`, and its test holds both spellings to `ProviderKind::key`/`aliases`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Provider {
    #[value(name = "chatbotkit", alias = "cbk")]
    Chatbotkit,
    #[value(name = "kubiya")]
    Kubiya,
}

#[derive(Debug, Args)]
pub struct SetTokenArgs {
    /// The provider whose token this is
    #[arg(value_enum)]
    pub provider: Provider,
    /// Store the token without proving it first (offline set-up)
    #[arg(long)]
    pub no_check: bool,
    /// Prove the token at this base URL (as the provider commands' --base-url; before the
    /// variable and the profile's base_url). Only where to prove it: it is not stored
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    #[command(flatten)]
    pub config_file: ConfigFileArg,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Only this provider (then a missing token is an error) [default: every provider]
    #[arg(value_enum)]
    pub provider: Option<Provider>,
    /// The provider's base URL, as its commands' --base-url (before the variable and the
    /// profile's base_url); needs the provider named
    #[arg(long, value_name = "URL", requires = "provider")]
    pub base_url: Option<String>,
    #[command(flatten)]
    pub config_file: ConfigFileArg,
}

#[derive(Debug, Args)]
pub struct SetCommandArgs {
    /// The provider whose token the command prints
    #[arg(value_enum)]
    pub provider: Provider,
    #[command(flatten)]
    pub config_file: ConfigFileArg,
    /// The command, after `--`; it is stored as one shell command line
    #[arg(last = true, required = true, value_name = "CMD")]
    pub command: Vec<String>,
}

const CBK_EXAMPLES: &str = "\
Examples:
  export CHATBOTKIT_API_TOKEN=...            # or a profile in the config file
  op read op://Private/openai/key | secretctl chatbotkit create OPENAI_KEY --description 'bot key'
  secretctl cbk list -o json
  secretctl cbk delete OPENAI_KEY --yes";

const KUBIYA_EXAMPLES: &str = "\
Examples:
  export KUBIYA_API_KEY=...                  # or a profile in the config file
  vault kv get -field=token secret/github | secretctl kubiya create GH_TOKEN
  secretctl kubiya get GH_TOKEN --reveal | some-tool --token-stdin
  secretctl kubiya list";

const EMULATOR_EXAMPLES: &str = "\
Examples:
  # Run one command against a fresh emulator, then stop it
  secretctl emulator -- sh -c 'echo s3cr3t | secretctl kubiya create demo && secretctl kubiya list'

  # Serve on a fixed port; paste the printed export lines into another shell
  secretctl emulator --port 8787

  # Inspect what a script stored, values included, from the shell holding the export lines
  # (the control routes answer only the emulator's token)
  curl -s -H \"Authorization: Bearer $CHATBOTKIT_API_TOKEN\" http://127.0.0.1:8787/_emulator/secrets";

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to generate for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct EmulatorArgs {
    /// Port on 127.0.0.1 [default: a free port]
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// The token both APIs accept [default: $SECRETCTL_EMULATOR_TOKEN, else a random one,
    /// printed in the export lines]. Warning: an argument is visible in the process list and
    /// shell history; prefer SECRETCTL_EMULATOR_TOKEN
    #[arg(long, value_name = "T")]
    pub token: Option<String>,
    /// Command to run with the provider variables pointing at the emulator; the emulator stops when it ends
    #[arg(last = true, value_name = "CMD")]
    pub command: Vec<OsString>,
}

/// Provider-level options.
#[derive(Debug, Args, Clone, Default)]
pub struct ProviderArgs {
    /// API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)
    #[arg(long, global = true, value_name = "URL")]
    pub base_url: Option<String>,
}

#[derive(Debug, Args)]
#[command(mut_arg("base_url", |a| a.help("API base URL: an origin (https://api.chatbotkit.com)")))]
pub struct ChatbotkitCmd {
    #[command(flatten)]
    pub provider: ProviderArgs,
    #[command(flatten)]
    pub config_file: ConfigFileArg,
    #[command(subcommand)]
    pub command: CbkCommand,
}

#[derive(Debug, Args)]
#[command(mut_arg("base_url", |a| a.help("API base URL (/api/v1 is appended when no /api/vN is given)")))]
pub struct KubiyaCmd {
    #[command(flatten)]
    pub provider: ProviderArgs,
    #[command(flatten)]
    pub config_file: ConfigFileArg,
    #[command(subcommand)]
    pub command: KubiyaCommand,
}

#[derive(Debug, Subcommand)]
pub enum CbkCommand {
    /// Create a secret; prints its id
    #[command(
        after_long_help = "Examples:\n  vault kv get -field=key secret/openai | secretctl cbk create OPENAI_KEY --type bearer\n  secretctl cbk create DB_PASSWORD --value-file ./db.pass --meta team=data\n  secretctl cbk create MY_TOKEN --kind personal        # personal secrets take no value\n  secretctl cbk create GITHUB --type oauth --no-value \\\n      --config clientId=abc --config clientSecret=@./client-secret"
    )]
    Create(CbkCreateArgs),
    /// Show a secret's metadata and what uses it (ChatBotKit never returns values)
    #[command(
        mut_arg("name_or_id", |a| a.help(CBK_TARGET)),
        mut_arg("reveal", |a| a.help(CBK_REVEAL)),
        after_long_help = "Examples:\n  secretctl cbk get OPENAI_KEY\n  secretctl cbk get sec0000000001ab -o json\n  secretctl cbk get OPENAI_KEY -o terraform > openai_key.tf"
    )]
    Get(GetArgs),
    /// Change a secret: only the fields given are sent
    #[command(
        after_long_help = "Examples:\n  op read op://Private/openai/key | secretctl cbk update OPENAI_KEY\n  secretctl cbk update OPENAI_KEY --description 'rotated' --keep-value\n  secretctl cbk update OPENAI_KEY --value-file ./new.key --meta rotated=2026-11"
    )]
    Update(CbkUpdateArgs),
    /// Delete a secret; one in use is deleted only with --force (or a yes at the terminal)
    #[command(
        long_about = CBK_DELETE_ABOUT,
        mut_arg("name_or_id", |a| a.help(CBK_TARGET)),
        after_long_help = "Examples:\n  secretctl cbk delete OPENAI_KEY\n  secretctl cbk delete OPENAI_KEY --yes --ignore-missing   # in scripts\n  secretctl cbk delete OPENAI_KEY --yes --force              # even if something uses it"
    )]
    Delete(DeleteArgs),
    /// List every secret (all pages), or those named
    #[command(
        long_about = "List every secret (all pages), or only those named by id or exact name.\n\n\
            A name or id that matches nothing is an error (exit 3) and nothing is printed. \
            `-o terraform` prints an import, a resource and a sensitive variable block per \
            secret, to move them under Terraform: never a value.",
        after_long_help = "Examples:\n  secretctl cbk list\n  secretctl cbk list --meta team=data -o json\n  secretctl cbk list | cut -f2      # names\n  secretctl cbk list --meta team=data -o terraform > secrets.tf\n  secretctl cbk list OPENAI_KEY sec0000000001ab -o terraform"
    )]
    List(CbkListArgs),
    /// Create or update many secrets from a dotenv, JSON or TOML file
    #[command(after_long_help = CBK_IMPORT_EXAMPLES)]
    Import(ImportArgs),
    /// Make the platform match a dotenv, JSON or TOML source: create, update, and with --prune delete
    #[command(long_about = CBK_SYNC_ABOUT, after_long_help = CBK_SYNC_EXAMPLES)]
    Sync(SyncArgs),
    /// Check whether a secret is authenticated; prints the URL to authenticate when not
    #[command(after_long_help = "Examples:\n  secretctl cbk verify GITHUB")]
    Verify(VerifyArgs),
    /// Erase a shared secret's stored value (the secret itself stays)
    #[command(after_long_help = "Examples:\n  secretctl cbk revoke OPENAI_KEY --yes")]
    Revoke(RevokeArgs),
    /// Not available: ChatBotKit never returns values (refused, nothing sent)
    #[command(
        hide = true,
        after_long_help = "Examples:\n  # Values go the other way: Kubiya's into ChatBotKit\n  secretctl kubiya export | secretctl cbk import -"
    )]
    Export(ExportArgs),
    /// Not available: ChatBotKit never returns values (refused, nothing run or sent)
    #[command(
        hide = true,
        after_long_help = "Examples:\n  # Kubiya values can be read: run with those\n  secretctl kubiya run -s GH_TOKEN -- gh repo list"
    )]
    Run(RunArgs),
}

#[derive(Debug, Subcommand)]
pub enum KubiyaCommand {
    /// Create a secret; prints its name. An existing name is an error (use update)
    #[command(
        after_long_help = "Examples:\n  vault kv get -field=token secret/github | secretctl kubiya create GH_TOKEN\n  secretctl kubiya create DB_PASSWORD --value-file ./db.pass --description 'prod db'\n  secretctl kubiya create API_KEY          # prompts twice, nothing echoed"
    )]
    Create(KubiyaCreateArgs),
    /// Show a secret's metadata and what uses it, or only its value with --reveal
    #[command(
        mut_arg("name_or_id", |a| a.help(KUBIYA_TARGET).value_name("NAME")),
        mut_arg("reveal", |a| a.help(KUBIYA_REVEAL)),
        after_long_help = "Examples:\n  secretctl kubiya get GH_TOKEN\n  secretctl kubiya get GH_TOKEN --reveal | gh auth login --with-token\n  secretctl kubiya get GH_TOKEN -o terraform > gh_token.tf"
    )]
    Get(GetArgs),
    /// Change a secret's value and/or description
    #[command(
        after_long_help = "Examples:\n  vault kv get -field=token secret/github | secretctl kubiya update GH_TOKEN\n  secretctl kubiya update GH_TOKEN --description 'CI token' --keep-value"
    )]
    Update(KubiyaUpdateArgs),
    /// Delete a secret; one in use is deleted only with --force (or a yes at the terminal)
    #[command(
        long_about = KUBIYA_DELETE_ABOUT,
        mut_arg("name_or_id", |a| a.help(KUBIYA_TARGET).value_name("NAME")),
        after_long_help = "Examples:\n  secretctl kubiya delete GH_TOKEN\n  secretctl kubiya delete GH_TOKEN --yes --ignore-missing   # in scripts\n  secretctl kubiya delete GH_TOKEN --yes --force              # even if something uses it"
    )]
    Delete(DeleteArgs),
    /// List every secret, or those named
    #[command(
        long_about = "List every secret, or only those named.\n\n\
            A name that matches nothing is an error (exit 3) and nothing is printed. \
            `-o terraform` prints a resource and a sensitive variable block per secret, to \
            move them under Terraform (the provider has no import: the header says how to \
            adopt them): never a value.",
        after_long_help = "Examples:\n  secretctl kubiya list\n  secretctl kubiya list -o json | jq -r '.[].name'\n  secretctl kubiya list -o terraform > secrets.tf\n  secretctl kubiya list GH_TOKEN DB_PASSWORD -o terraform"
    )]
    List(KubiyaListArgs),
    /// Create or update many secrets from a dotenv, JSON or TOML file
    #[command(after_long_help = KUBIYA_IMPORT_EXAMPLES)]
    Import(ImportArgs),
    /// Make the platform match a dotenv, JSON or TOML source: create, update, and with --prune delete
    #[command(long_about = KUBIYA_SYNC_ABOUT, after_long_help = KUBIYA_SYNC_EXAMPLES)]
    Sync(SyncArgs),
    /// Write secrets with their values (json, dotenv, toml or shell) to a pipe or a 0600 file
    #[command(long_about = EXPORT_ABOUT, after_long_help = EXPORT_EXAMPLES)]
    Export(ExportArgs),
    /// Run a command with secrets as environment variables of the same names
    #[command(long_about = RUN_ABOUT, after_long_help = RUN_EXAMPLES)]
    Run(RunArgs),
}

const CBK_DELETE_ABOUT: &str = "\
Delete a secret. First it reads what uses it (the abilities linked to it or naming it in their \
instruction, the reference secrets pointing at it, and the bots holding those skillsets), since \
ChatBotKit does not refuse to delete a secret in use. On a terminal the question names them; \
with --yes a secret in use is refused (exit 5) and nothing is deleted; --yes --force deletes \
without reading them. When they cannot be read, nothing is deleted unless --force (a forced \
question on a terminal says they are unknown).";

const KUBIYA_DELETE_ABOUT: &str = "\
Delete a secret. First it reads what uses it (the agents naming it), since Kubiya does not \
refuse to delete a secret in use. On a terminal the question names them; with --yes a secret \
in use is refused (exit 5) and nothing is deleted; --yes --force deletes without reading them. \
When they cannot be read, nothing is deleted unless --force (a forced question on a terminal \
says they are unknown). --ignore-missing succeeds only on the API's own \"not found\" for a name \
its list lacks: an HTML 404 or a wrong base path is exit 6.";

const EXPORT_ABOUT: &str = "\
Write secrets with their values: the names given, those starting with --prefix, or every \
secret. Every value is read first, concurrently, exactly as get --reveal reads it; if any read \
fails or is ambiguous, nothing is written and the exit code is that failure's.

What each format writes, import and sync read back to the same names and bytes. json (the \
default) is [{\"name\", \"value\", \"description\"}] sorted by name, the one format with \
descriptions; dotenv is NAME=\"...\" lines; toml is NAME = \"...\" lines; shell is \
export NAME='...' lines for eval. A name or value a format cannot carry is exit 2, naming the \
secret and a format that can.

Values never reach a terminal: with stdout on one, --out is required. --out creates the file \
with mode 0600, whole or not at all (a temporary file beside it, synced, then renamed); an \
existing file is refused unless --force. A pipe (--out >(cmd), a FIFO of your own) or a \
device is written directly, never replaced; a terminal, a socket or another user's FIFO is \
refused.";

const EXPORT_EXAMPLES: &str = "\
Examples:
  # Copy an organization's secrets into another profile's organization
  # (KUBIYA_API_KEY and KUBIYA_BASE_URL come before a profile: unset them, or the copy
  # goes back into their organization; sync then warns that the profile chose nothing)
  secretctl kubiya export | secretctl kubiya --profile prod sync -

  # A backup into a vault (nothing touches the disk)
  secretctl kubiya export | vault kv put secret/kubiya-backup secrets=-

  # A 0600 file for a local tool
  secretctl kubiya export --prefix APP_ --format dotenv --out .env

  # The current shell gets the variables
  eval \"$(secretctl kubiya export GH_TOKEN NPM_TOKEN --format shell)\"";

const RUN_ABOUT: &str = "\
Run one command with secrets as environment variables of the same names, as a Kubiya agent's \
tools get them. Every value is read first; if any read fails, the command never starts.

A secret name that is not an environment variable name ([A-Za-z_][A-Za-z0-9_]*), or a value \
with a NUL byte, is exit 2 before anything runs; so is a name the environment already has, \
or one that changes how programs start (LD_*, DYLD_*, BASH_ENV, ENV, PATH, IFS, NODE_OPTIONS…; \
see docs/export-run.md) even when unset, unless --override. secretctl then becomes the command (exec): its exit code, its signals and \
the terminal are the command's own. Values travel only in its environment, never in argv. A \
command that is not found is exit 127, one that cannot be run 126.";

const RUN_EXAMPLES: &str = "\
Examples:
  secretctl kubiya run -s GH_TOKEN -- gh repo list
  secretctl kubiya run --prefix APP_ --strip-prefix -- ./serve --port 8080
  secretctl kubiya run --all -- python tool.py
  secretctl kubiya run -s PATH --override -- ./wrapper.sh   # replacing a variable is explicit";

const CBK_SYNC_ABOUT: &str = "\
Make the platform match the source: the same formats, parsers and checks as import (any \
problem is exit 2 with nothing sent).

One list call plans each name: create (absent), update (present), delete (with --prune: on \
the platform, in scope, not in the source). ChatBotKit values cannot be read back, so a \
present secret is always updated (same id). Creates and updates run first, concurrently; \
deletes last, and only when nothing before them failed. A secret to prune that something uses \
(an ability, a reference secret or a bot, as `get` shows it) is failed, not deleted, unless \
--force.";

const KUBIYA_SYNC_ABOUT: &str = "\
Make the platform match the source: the same formats, parsers and checks as import (any \
problem is exit 2 with nothing sent).

One list call plans each name: create (absent), update (present and different), unchanged \
(the stored value, read back, and the description are the source's; nothing is sent), delete \
(with --prune: on the platform, in scope, not in the source). Creates and updates run first, \
concurrently; deletes last, and only when nothing before them failed. A secret to prune that \
an agent uses (as `get` shows it) is failed, not deleted, unless --force.";

/// The NAME_OR_ID argument of each provider's get and delete.
const CBK_TARGET: &str = "Id or exact name of the secret";
const KUBIYA_TARGET: &str = "Name of the secret";
/// `get --reveal` of each provider.
const CBK_REVEAL: &str = "Refused: ChatBotKit never returns values (exit 2, nothing sent)";
const KUBIYA_REVEAL: &str = "Print only the value, the exact bytes stored";

const KUBIYA_SYNC_EXAMPLES: &str = "\
Examples:
  secretctl kubiya sync .env --dry-run
  vault kv get -format=json secret/app | jq .data.data | secretctl kubiya sync -

  # --prune deletes what the source lacks: sync from a file, never from a pipe
  (umask 077; doppler secrets download --no-file --format json > src.json) &&
    secretctl kubiya sync src.json --prefix APP_ --prune --yes";

const CBK_SYNC_EXAMPLES: &str = "\
Examples:
  secretctl cbk sync .env --dry-run
  vault kv get -format=json secret/app | jq .data.data | secretctl cbk sync -

  # --prune deletes what the source lacks: sync from a file, never from a pipe
  (umask 077; op inject -i secrets.env.tpl > src.env) &&
    secretctl cbk sync src.env --prefix APP_ --prune --yes";

const KUBIYA_IMPORT_EXAMPLES: &str = "\
Examples:
  secretctl kubiya import .env --dry-run
  vault kv get -format=json secret/app | jq .data.data | secretctl kubiya import -
  secretctl kubiya import secrets.toml --on-conflict update --concurrency 8";

const CBK_IMPORT_EXAMPLES: &str = "\
Examples:
  secretctl cbk import .env --dry-run
  vault kv get -format=json secret/app | jq .data.data | secretctl cbk import -
  secretctl cbk import secrets.toml --on-conflict update --concurrency 8";

/// Where a secret value comes from. With none of these, piped standard input is read, or
/// on a terminal a hidden prompt asks for it.
#[derive(Debug, Args, Clone, Default)]
pub struct ValueArgs {
    /// Read the value from this file, byte for byte (- reads standard input)
    #[arg(long, value_name = "PATH", conflicts_with = "value_env")]
    pub value_file: Option<PathBuf>,
    /// Read the value from this environment variable
    #[arg(long, value_name = "VAR")]
    pub value_env: Option<OsString>,
    /// Send the base64 encoding of the bytes read (for binary values)
    #[arg(long)]
    pub base64: bool,
    /// Keep the trailing newline of piped input
    #[arg(long)]
    pub keep_newline: bool,
}

#[derive(Debug, Args)]
pub struct CbkCreateArgs {
    /// Name of the secret (names need not be unique on ChatBotKit)
    pub name: String,
    #[command(flatten)]
    pub fields: CbkFields,
    #[command(flatten)]
    pub value: ValueArgs,
    /// Create without a value (e.g. an OAuth secret whose credentials are in --config)
    #[arg(long, conflicts_with_all = ["value_file", "value_env", "base64", "keep_newline"])]
    pub no_value: bool,
}

/// ChatBotKit fields shared by create and update.
#[derive(Debug, Args, Clone, Default)]
pub struct CbkFields {
    /// Description
    #[arg(long, value_name = "D")]
    pub description: Option<String>,
    /// Secret type
    #[arg(long = "type", value_enum, value_name = "TYPE")]
    pub secret_type: Option<CbkType>,
    /// Shared (one value for everyone) or personal (each user authenticates; takes no value) [create default: shared]
    #[arg(long, value_enum)]
    pub kind: Option<CbkKind>,
    /// Who can see the secret
    #[arg(long, value_enum)]
    pub visibility: Option<CbkVisibility>,
    /// Blueprint the secret belongs to
    #[arg(long, value_name = "ID")]
    pub blueprint_id: Option<String>,
    /// Alias
    #[arg(long, value_name = "ALIAS")]
    pub alias: Option<String>,
    /// A config entry (repeatable): KEY=VALUE (e.g. clientId=abc), KEY=@PATH (the file's
    /// bytes; \@ starts a literal @) or KEY=- (standard input, or a hidden prompt on a
    /// terminal). Keys naming a secret, password, passwd, token or private part take no
    /// literal value: it would land in shell history and the process list
    #[arg(
        long = "config",
        value_name = "KEY=VALUE|KEY=@PATH|KEY=-",
        value_parser = config_arg
    )]
    pub config: Vec<ConfigArg>,
    /// A meta entry (repeatable); keys must not start with _
    #[arg(long = "meta", value_name = "KEY=VALUE", value_parser = parse_meta)]
    pub meta: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CbkType {
    Plain,
    Basic,
    Bearer,
    Jwt,
    Oauth,
    Template,
    Reference,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CbkKind {
    Shared,
    Personal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CbkVisibility {
    Private,
    Protected,
    Public,
}

macro_rules! api_name {
    ($t:ty) => {
        impl $t {
            /// The spelling the API uses.
            pub fn api_name(self) -> String {
                self.to_possible_value()
                    .map(|v| v.get_name().to_string())
                    .unwrap_or_default()
            }
        }
    };
}
api_name!(CbkType);
api_name!(CbkKind);
api_name!(CbkVisibility);

#[derive(Debug, Args)]
pub struct CbkUpdateArgs {
    /// Id or exact name of the secret
    pub name_or_id: String,
    /// New name
    #[arg(long, value_name = "NEW")]
    pub name: Option<String>,
    #[command(flatten)]
    pub fields: CbkFields,
    #[command(flatten)]
    pub value: ValueArgs,
    /// Leave the value as it is (do not read stdin or prompt)
    #[arg(long, conflicts_with_all = ["value_file", "value_env", "base64", "keep_newline"])]
    pub keep_value: bool,
}

#[derive(Debug, Args)]
pub struct KubiyaCreateArgs {
    /// Name of the secret (unique within the organization)
    pub name: String,
    /// Description
    #[arg(long, value_name = "D")]
    pub description: Option<String>,
    #[command(flatten)]
    pub value: ValueArgs,
    #[command(flatten)]
    pub config_file: ConfigFileArg,
}

#[derive(Debug, Args)]
pub struct KubiyaUpdateArgs {
    /// Name of the secret
    pub name: String,
    /// New description
    #[arg(long, value_name = "D")]
    pub description: Option<String>,
    #[command(flatten)]
    pub value: ValueArgs,
    /// Leave the value as it is (secretctl reads it back and re-sends it: Kubiya's update always carries a value)
    #[arg(long, conflicts_with_all = ["value_file", "value_env", "base64", "keep_newline"])]
    pub keep_value: bool,
    #[command(flatten)]
    pub config_file: ConfigFileArg,
}

#[derive(Debug, Args)]
pub struct GetArgs {
    /// Id or exact name (ChatBotKit), or name (Kubiya)
    pub name_or_id: String,
    /// Print only the value (Kubiya; ChatBotKit never returns values)
    #[arg(long)]
    pub reveal: bool,
    #[command(flatten)]
    pub config_file: ConfigFileArg,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// Id or exact name (ChatBotKit), or name (Kubiya)
    pub name_or_id: String,
    /// Do not ask for confirmation (required when not on a terminal)
    #[arg(short = 'y', long)]
    pub yes: bool,
    /// Exit 0 when the secret does not exist
    #[arg(long)]
    pub ignore_missing: bool,
    /// Delete even if something uses it (with --yes, what uses it is not read)
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub config_file: ConfigFileArg,
}

#[derive(Debug, Args)]
pub struct RevokeArgs {
    /// Id or exact name of the secret
    pub name_or_id: String,
    /// Do not ask for confirmation (required when not on a terminal)
    #[arg(short = 'y', long)]
    pub yes: bool,
    #[command(flatten)]
    pub config_file: ConfigFileArg,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Id or exact name of the secret
    pub name_or_id: String,
    #[command(flatten)]
    pub config_file: ConfigFileArg,
}

#[derive(Debug, Args)]
pub struct CbkListArgs {
    /// Only these secrets: an exact id or name each (a name shared by several secrets picks them all)
    #[arg(value_name = "NAME_OR_ID")]
    pub names: Vec<String>,
    /// Only secrets whose meta has KEY=VALUE (repeatable; all must match)
    #[arg(long = "meta", value_name = "KEY=VALUE", value_parser = parse_key_value)]
    pub meta: Vec<(String, String)>,
    /// Only secrets nothing found uses (no ability, reference secret or bot)
    #[arg(long)]
    pub unused: bool,
    #[command(flatten)]
    pub config_file: ConfigFileArg,
}

#[derive(Debug, Args)]
pub struct KubiyaListArgs {
    /// Only these secrets
    #[arg(value_name = "NAME")]
    pub names: Vec<String>,
    /// Only secrets no agent names
    #[arg(long)]
    pub unused: bool,
    #[command(flatten)]
    pub config_file: ConfigFileArg,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// File to import, or - for standard input
    pub file: PathBuf,
    /// Input format [default: from the extension, else from the content]
    #[arg(long, value_enum)]
    pub format: Option<ImportFormat>,
    /// What to do with a name that already exists
    #[arg(long, value_enum, default_value_t = OnConflict::Fail)]
    pub on_conflict: OnConflict,
    /// Print the plan and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Requests in flight at once
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub concurrency: u16,
    /// Description for the secrets created (an item's own description wins)
    #[arg(long, value_name = "D")]
    pub description: Option<String>,
    /// Send the base64 encoding of each value
    #[arg(long)]
    pub base64: bool,
    #[command(flatten)]
    pub config_file: ConfigFileArg,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Source of truth, or - for standard input
    pub file: PathBuf,
    /// Input format [default: from the extension, else from the content]
    #[arg(long, value_enum)]
    pub format: Option<ImportFormat>,
    /// Manage only names starting with P (a source name without it is an error; --prune looks only at names with it)
    #[arg(long, value_name = "P")]
    pub prefix: Option<String>,
    /// Also delete the secrets in scope that the source does not have
    #[arg(long)]
    pub prune: bool,
    /// Do not ask before pruning (required with --prune when not on a terminal)
    #[arg(short = 'y', long)]
    pub yes: bool,
    /// Prune secrets even when something uses them (what uses them is not read)
    #[arg(long, requires = "prune")]
    pub force: bool,
    /// Print the plan and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Requests in flight at once (writes and the value reads alike)
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub concurrency: u16,
    /// Description for every item that has none of its own in the source
    #[arg(long, value_name = "D")]
    pub description: Option<String>,
    /// Send the base64 encoding of each value
    #[arg(long)]
    pub base64: bool,
    #[command(flatten)]
    pub config_file: ConfigFileArg,
}

/// `export`'s options (Kubiya; ChatBotKit's `export` parses them and refuses).
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Only these secrets (each must exist) [default: every secret]
    #[arg(value_name = "NAME", conflicts_with = "prefix")]
    pub names: Vec<String>,
    /// Only secrets whose name starts with P
    #[arg(long, value_name = "P")]
    pub prefix: Option<String>,
    /// What to write
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    /// Write to this file (mode 0600, whole or not at all) instead of standard output
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// Replace the --out file if it exists
    #[arg(long, requires = "out")]
    pub force: bool,
    /// Value reads in flight at once
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub concurrency: u16,
    #[command(flatten)]
    pub config_file: ConfigFileArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// [{"name", "value", "description"}] sorted by name; the one format with descriptions
    Json,
    /// NAME="..." lines (names of letters, digits, _ . -)
    Dotenv,
    /// NAME = "..." lines
    Toml,
    /// export NAME='...' lines for eval (shell identifiers no shell treats specially)
    Shell,
}

/// `run`'s options (Kubiya; ChatBotKit's `run` parses them and refuses, running nothing).
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("selection").required(true).args(["secret", "prefix", "all"])))]
pub struct RunArgs {
    /// A secret to pass (repeatable)
    #[arg(short = 's', long = "secret", value_name = "NAME")]
    pub secret: Vec<String>,
    /// Every secret whose name starts with P
    #[arg(long, value_name = "P")]
    pub prefix: Option<String>,
    /// Name the variables without the prefix (APP_PORT becomes PORT)
    #[arg(long, requires = "prefix")]
    pub strip_prefix: bool,
    /// Every secret of the organization
    #[arg(long)]
    pub all: bool,
    /// Let a secret replace a variable the environment already has
    #[arg(long = "override")]
    pub override_env: bool,
    /// Value reads in flight at once
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub concurrency: u16,
    #[command(flatten)]
    pub config_file: ConfigFileArg,
    /// The command and its arguments, after --
    #[arg(last = true, required = true, value_name = "CMD")]
    pub command: Vec<OsString>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    Dotenv,
    Json,
    Toml,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OnConflict {
    /// Mark the item failed
    Fail,
    /// Leave the existing secret alone
    Skip,
    /// Replace the existing secret's value
    Update,
}

/// A `--config` entry of a ChatBotKit secret, as typed: `KEY=VALUE`, `KEY=@PATH` or `KEY=-`.
/// Never fails to parse (clap would quote the whole argument, value included, in its error):
/// `input::parse_config_entry` reads it, and a malformed entry is refused by the command.
#[derive(Clone)]
pub struct ConfigArg(pub zeroize::Zeroizing<String>);

impl std::fmt::Debug for ConfigArg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The key is shown; what follows `=` may be the value itself.
        let key = self.0.split_once('=').map_or("", |(k, _)| k);
        write!(f, "ConfigArg({key}=<redacted>)")
    }
}

fn config_arg(s: &str) -> Result<ConfigArg, String> {
    Ok(ConfigArg(zeroize::Zeroizing::new(s.to_string())))
}

fn parse_key_value(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
        _ => Err("expected KEY=VALUE with a non-empty KEY".to_string()),
    }
}

fn parse_meta(s: &str) -> Result<(String, String), String> {
    let (k, v) = parse_key_value(s)?;
    if k.starts_with('_') {
        return Err("meta keys must not start with '_' (ChatBotKit reserves them)".to_string());
    }
    Ok((k, v))
}

/// The `--config FILE` given after the command word, where the command takes one.
impl CbkCommand {
    pub fn config_file(&self) -> Option<&ConfigFileArg> {
        match self {
            CbkCommand::Get(a) => Some(&a.config_file),
            CbkCommand::Delete(a) => Some(&a.config_file),
            CbkCommand::List(a) => Some(&a.config_file),
            CbkCommand::Import(a) => Some(&a.config_file),
            CbkCommand::Sync(a) => Some(&a.config_file),
            CbkCommand::Verify(a) => Some(&a.config_file),
            CbkCommand::Revoke(a) => Some(&a.config_file),
            CbkCommand::Export(a) => Some(&a.config_file),
            CbkCommand::Run(a) => Some(&a.config_file),
            // There `--config` is the secret's own KEY=VALUE.
            CbkCommand::Create(_) | CbkCommand::Update(_) => None,
        }
    }
}

impl KubiyaCommand {
    pub fn config_file(&self) -> &ConfigFileArg {
        match self {
            KubiyaCommand::Create(a) => &a.config_file,
            KubiyaCommand::Get(a) => &a.config_file,
            KubiyaCommand::Update(a) => &a.config_file,
            KubiyaCommand::Delete(a) => &a.config_file,
            KubiyaCommand::List(a) => &a.config_file,
            KubiyaCommand::Import(a) => &a.config_file,
            KubiyaCommand::Sync(a) => &a.config_file,
            KubiyaCommand::Export(a) => &a.config_file,
            KubiyaCommand::Run(a) => &a.config_file,
        }
    }
}

impl ConfigCommand {
    pub fn config_file(&self) -> &ConfigFileArg {
        match self {
            ConfigCommand::Path(f) | ConfigCommand::Show(f) => f,
            ConfigCommand::Check(a) => &a.config_file,
            ConfigCommand::SetToken(a) => &a.config_file,
            ConfigCommand::SetCommand(a) => &a.config_file,
        }
    }
}

impl Cli {
    /// The parsed command line, with `-v` counted wherever it stands: clap keeps one level's
    /// count of a global flag (`-v kubiya list -v` would be 1). Once clap has accepted the
    /// line, every argument before `--` that is `--verbose` or a cluster of short flags
    /// (`-vv`, `-yv`) is a flag — clap takes no value that starts with `-` — so the `v`s are
    /// counted there, up to an `-o` whose value follows in the cluster.
    pub fn from_matches<I, T>(matches: &mut clap::ArgMatches, args: I) -> Result<Cli, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<std::ffi::OsStr>,
    {
        let mut cli = <Cli as clap::FromArgMatches>::from_arg_matches_mut(matches)?;
        let mut n = 0usize;
        for a in args.into_iter().skip(1) {
            let Some(a) = a.as_ref().to_str() else {
                continue;
            };
            if a == "--" {
                break;
            }
            if a == "--verbose" {
                n += 1;
            } else if let Some(cluster) = a.strip_prefix('-').filter(|c| !c.starts_with('-')) {
                let flags = cluster.split('o').next().unwrap_or_default();
                if flags.bytes().all(|b| b.is_ascii_alphabetic()) {
                    n += flags.bytes().filter(|&b| b == b'v').count();
                }
            }
        }
        cli.global.verbose = cli.global.verbose.max(u8::try_from(n).unwrap_or(u8::MAX));
        Ok(cli)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        let line: Vec<&str> = std::iter::once("secretctl")
            .chain(args.iter().copied())
            .collect();
        let mut m = Cli::command().try_get_matches_from(&line)?;
        Cli::from_matches(&mut m, &line)
    }

    #[test]
    fn globals_before_provider_and_after_command() {
        let cli = parse(&["-o", "json", "kubiya", "list", "--timeout", "5", "-vv"]).unwrap();
        assert_eq!(cli.global.output, Some(OutputFormat::Json));
        assert_eq!(cli.global.timeout, Some(5));
        assert_eq!(cli.global.verbose, 2);
    }

    #[test]
    fn verbose_adds_up_across_levels() {
        for (args, n) in [
            (&["-v", "kubiya", "list", "-v"][..], 2),
            (&["-v", "kubiya", "-v", "list", "-v"][..], 3),
            (&["kubiya", "list", "-vv"][..], 2),
            (&["-vv", "kubiya", "list"][..], 2),
            (&["-v", "cbk", "list", "--verbose"][..], 2),
            (&["-v", "cbk", "delete", "X", "-yv"][..], 2),
            (&["-vo", "json", "kubiya", "list", "-v"][..], 2),
            (&["-ojson", "kubiya", "list"][..], 0),
            (&["-v", "emulator", "--", "sh", "-v"][..], 1),
        ] {
            assert_eq!(parse(args).unwrap().global.verbose, n, "{args:?}");
        }
    }

    #[test]
    fn base_url_belongs_to_provider_and_is_accepted_after_command() {
        let cli = parse(&["kubiya", "list", "--base-url", "http://127.0.0.1:1"]).unwrap();
        let Command::Kubiya(k) = cli.command else {
            panic!()
        };
        assert_eq!(k.provider.base_url.as_deref(), Some("http://127.0.0.1:1"));
        assert!(parse(&["--base-url", "x", "kubiya", "list"]).is_err());
    }

    #[test]
    fn config_means_file_except_on_cbk_create_and_update() {
        let cli = parse(&[
            "cbk",
            "create",
            "N",
            "--config",
            "clientId=abc",
            "--no-value",
        ])
        .unwrap();
        let Command::Chatbotkit(c) = cli.command else {
            panic!()
        };
        let CbkCommand::Create(a) = c.command else {
            panic!()
        };
        assert_eq!(
            format!("{:?}", a.fields.config),
            "[ConfigArg(clientId=<redacted>)]"
        );
        let cli = parse(&["kubiya", "list", "--config", "/tmp/x.toml"]).unwrap();
        let Command::Kubiya(k) = cli.command else {
            panic!()
        };
        let KubiyaCommand::List(l) = k.command else {
            panic!()
        };
        assert_eq!(
            l.config_file.config_file,
            Some(PathBuf::from("/tmp/x.toml"))
        );
    }

    #[test]
    fn cbk_alias_and_value_conflicts() {
        assert!(parse(&["cbk", "list"]).is_ok());
        assert!(
            parse(&[
                "cbk",
                "create",
                "N",
                "--value-file",
                "a",
                "--value-env",
                "B"
            ])
            .is_err()
        );
        assert!(parse(&["cbk", "create", "N", "--no-value", "--value-env", "B"]).is_err());
        assert!(parse(&["kubiya", "update", "N", "--keep-value", "--value-env", "B"]).is_err());
        assert!(parse(&["cbk", "create", "N", "--meta", "_x=1"]).is_err());
    }

    #[test]
    fn no_argument_takes_a_value_or_token() {
        let cmd = Cli::command();
        fn walk(c: &clap::Command, out: &mut Vec<String>) {
            for a in c.get_arguments() {
                if let Some(l) = a.get_long() {
                    out.push(l.to_string());
                }
            }
            // The emulator's --token is the fake server's own throwaway token.
            for s in c.get_subcommands().filter(|s| s.get_name() != "emulator") {
                walk(s, out);
            }
        }
        let mut longs = vec![];
        walk(&cmd, &mut longs);
        for l in longs {
            assert!(
                l != "value" && l != "token" && l != "api-key",
                "--{l} would put a secret in argv"
            );
        }
    }
}
