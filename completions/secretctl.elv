
use builtin;
use str;

set edit:completion:arg-completer[secretctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'secretctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'secretctl'= {
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand chatbotkit 'ChatBotKit secrets (alias: cbk)'
            cand kubiya 'Kubiya secrets'
            cand completions 'Print a shell completion script'
            cand emulator 'Serve both APIs in memory on 127.0.0.1, to try secretctl or test scripts with no account'
            cand config 'Show the config file, prove the tokens, and set them without editing TOML by hand'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'secretctl;chatbotkit'= {
            cand --base-url 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)'
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a secret; prints its id'
            cand get 'Show a secret''s metadata and what uses it (ChatBotKit never returns values)'
            cand update 'Change a secret: only the fields given are sent'
            cand delete 'Delete a secret; one in use is deleted only with --force (or a yes at the terminal)'
            cand list 'List every secret (all pages), or those named'
            cand import 'Create or update many secrets from a dotenv, JSON or TOML file'
            cand sync 'Make the platform match a dotenv, JSON or TOML source: create, update, and with --prune delete'
            cand verify 'Check whether a secret is authenticated; prints the URL to authenticate when not'
            cand revoke 'Erase a shared secret''s stored value (the secret itself stays)'
            cand export 'Not available: ChatBotKit never returns values (refused, nothing sent)'
            cand run 'Not available: ChatBotKit never returns values (refused, nothing run or sent)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'secretctl;chatbotkit;create'= {
            cand --description 'Description'
            cand --type 'Secret type'
            cand --kind 'Shared (one value for everyone) or personal (each user authenticates; takes no value) [create default: shared]'
            cand --visibility 'Who can see the secret'
            cand --blueprint-id 'Blueprint the secret belongs to'
            cand --alias 'Alias'
            cand --config 'A config entry (repeatable): KEY=VALUE (e.g. clientId=abc), KEY=@PATH (the file''s bytes; \@ starts a literal @) or KEY=- (standard input, or a hidden prompt on a terminal). Keys naming a secret, password, passwd, token or private part take no literal value: it would land in shell history and the process list'
            cand --meta 'A meta entry (repeatable); keys must not start with _'
            cand --value-file 'Read the value from this file, byte for byte (- reads standard input)'
            cand --value-env 'Read the value from this environment variable'
            cand --base-url 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand --base64 'Send the base64 encoding of the bytes read (for binary values)'
            cand --keep-newline 'Keep the trailing newline of piped input'
            cand --no-value 'Create without a value (e.g. an OAuth secret whose credentials are in --config)'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;chatbotkit;get'= {
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand --base-url 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand --reveal 'Refused: ChatBotKit never returns values (exit 2, nothing sent)'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;chatbotkit;update'= {
            cand --name 'New name'
            cand --description 'Description'
            cand --type 'Secret type'
            cand --kind 'Shared (one value for everyone) or personal (each user authenticates; takes no value) [create default: shared]'
            cand --visibility 'Who can see the secret'
            cand --blueprint-id 'Blueprint the secret belongs to'
            cand --alias 'Alias'
            cand --config 'A config entry (repeatable): KEY=VALUE (e.g. clientId=abc), KEY=@PATH (the file''s bytes; \@ starts a literal @) or KEY=- (standard input, or a hidden prompt on a terminal). Keys naming a secret, password, passwd, token or private part take no literal value: it would land in shell history and the process list'
            cand --meta 'A meta entry (repeatable); keys must not start with _'
            cand --value-file 'Read the value from this file, byte for byte (- reads standard input)'
            cand --value-env 'Read the value from this environment variable'
            cand --base-url 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand --base64 'Send the base64 encoding of the bytes read (for binary values)'
            cand --keep-newline 'Keep the trailing newline of piped input'
            cand --keep-value 'Leave the value as it is (do not read stdin or prompt)'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;chatbotkit;delete'= {
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand --base-url 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand -y 'Do not ask for confirmation (required when not on a terminal)'
            cand --yes 'Do not ask for confirmation (required when not on a terminal)'
            cand --ignore-missing 'Exit 0 when the secret does not exist'
            cand --force 'Delete even if something uses it (with --yes, what uses it is not read)'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;chatbotkit;list'= {
            cand --meta 'Only secrets whose meta has KEY=VALUE (repeatable; all must match)'
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand --base-url 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand --unused 'Only secrets nothing found uses (no ability, reference secret or bot)'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;chatbotkit;import'= {
            cand --format 'Input format [default: from the extension, else from the content]'
            cand --on-conflict 'What to do with a name that already exists'
            cand --concurrency 'Requests in flight at once'
            cand --description 'Description for the secrets created (an item''s own description wins)'
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand --base-url 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand --dry-run 'Print the plan and write nothing'
            cand --base64 'Send the base64 encoding of each value'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;chatbotkit;sync'= {
            cand --format 'Input format [default: from the extension, else from the content]'
            cand --prefix 'Manage only names starting with P (a source name without it is an error; --prune looks only at names with it)'
            cand --concurrency 'Requests in flight at once (writes and the value reads alike)'
            cand --description 'Description for every item that has none of its own in the source'
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand --base-url 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand --prune 'Also delete the secrets in scope that the source does not have'
            cand -y 'Do not ask before pruning (required with --prune when not on a terminal)'
            cand --yes 'Do not ask before pruning (required with --prune when not on a terminal)'
            cand --force 'Prune secrets even when something uses them (what uses them is not read)'
            cand --dry-run 'Print the plan and write nothing'
            cand --base64 'Send the base64 encoding of each value'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;chatbotkit;verify'= {
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand --base-url 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;chatbotkit;revoke'= {
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand --base-url 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand -y 'Do not ask for confirmation (required when not on a terminal)'
            cand --yes 'Do not ask for confirmation (required when not on a terminal)'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;chatbotkit;export'= {
            cand --prefix 'Only secrets whose name starts with P'
            cand --format 'What to write'
            cand --out 'Write to this file (mode 0600, whole or not at all) instead of standard output'
            cand --concurrency 'Value reads in flight at once'
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand --base-url 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand --force 'Replace the --out file if it exists'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;chatbotkit;run'= {
            cand -s 'A secret to pass (repeatable)'
            cand --secret 'A secret to pass (repeatable)'
            cand --prefix 'Every secret whose name starts with P'
            cand --concurrency 'Value reads in flight at once'
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand --base-url 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand --strip-prefix 'Name the variables without the prefix (APP_PORT becomes PORT)'
            cand --all 'Every secret of the organization'
            cand --override 'Let a secret replace a variable the environment already has'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;chatbotkit;help'= {
            cand create 'Create a secret; prints its id'
            cand get 'Show a secret''s metadata and what uses it (ChatBotKit never returns values)'
            cand update 'Change a secret: only the fields given are sent'
            cand delete 'Delete a secret; one in use is deleted only with --force (or a yes at the terminal)'
            cand list 'List every secret (all pages), or those named'
            cand import 'Create or update many secrets from a dotenv, JSON or TOML file'
            cand sync 'Make the platform match a dotenv, JSON or TOML source: create, update, and with --prune delete'
            cand verify 'Check whether a secret is authenticated; prints the URL to authenticate when not'
            cand revoke 'Erase a shared secret''s stored value (the secret itself stays)'
            cand export 'Not available: ChatBotKit never returns values (refused, nothing sent)'
            cand run 'Not available: ChatBotKit never returns values (refused, nothing run or sent)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'secretctl;chatbotkit;help;create'= {
        }
        &'secretctl;chatbotkit;help;get'= {
        }
        &'secretctl;chatbotkit;help;update'= {
        }
        &'secretctl;chatbotkit;help;delete'= {
        }
        &'secretctl;chatbotkit;help;list'= {
        }
        &'secretctl;chatbotkit;help;import'= {
        }
        &'secretctl;chatbotkit;help;sync'= {
        }
        &'secretctl;chatbotkit;help;verify'= {
        }
        &'secretctl;chatbotkit;help;revoke'= {
        }
        &'secretctl;chatbotkit;help;export'= {
        }
        &'secretctl;chatbotkit;help;run'= {
        }
        &'secretctl;chatbotkit;help;help'= {
        }
        &'secretctl;kubiya'= {
            cand --base-url 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)'
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create 'Create a secret; prints its name. An existing name is an error (use update)'
            cand get 'Show a secret''s metadata and what uses it, or only its value with --reveal'
            cand update 'Change a secret''s value and/or description'
            cand delete 'Delete a secret; one in use is deleted only with --force (or a yes at the terminal)'
            cand list 'List every secret, or those named'
            cand import 'Create or update many secrets from a dotenv, JSON or TOML file'
            cand sync 'Make the platform match a dotenv, JSON or TOML source: create, update, and with --prune delete'
            cand export 'Write secrets with their values (json, dotenv, toml or shell) to a pipe or a 0600 file'
            cand run 'Run a command with secrets as environment variables of the same names'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'secretctl;kubiya;create'= {
            cand --description 'Description'
            cand --value-file 'Read the value from this file, byte for byte (- reads standard input)'
            cand --value-env 'Read the value from this environment variable'
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand --base-url 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand --base64 'Send the base64 encoding of the bytes read (for binary values)'
            cand --keep-newline 'Keep the trailing newline of piped input'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;kubiya;get'= {
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand --base-url 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand --reveal 'Print only the value, the exact bytes stored'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;kubiya;update'= {
            cand --description 'New description'
            cand --value-file 'Read the value from this file, byte for byte (- reads standard input)'
            cand --value-env 'Read the value from this environment variable'
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand --base-url 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand --base64 'Send the base64 encoding of the bytes read (for binary values)'
            cand --keep-newline 'Keep the trailing newline of piped input'
            cand --keep-value 'Leave the value as it is (secretctl reads it back and re-sends it: Kubiya''s update always carries a value)'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;kubiya;delete'= {
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand --base-url 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand -y 'Do not ask for confirmation (required when not on a terminal)'
            cand --yes 'Do not ask for confirmation (required when not on a terminal)'
            cand --ignore-missing 'Exit 0 when the secret does not exist'
            cand --force 'Delete even if something uses it (with --yes, what uses it is not read)'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;kubiya;list'= {
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand --base-url 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand --unused 'Only secrets no agent names'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;kubiya;import'= {
            cand --format 'Input format [default: from the extension, else from the content]'
            cand --on-conflict 'What to do with a name that already exists'
            cand --concurrency 'Requests in flight at once'
            cand --description 'Description for the secrets created (an item''s own description wins)'
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand --base-url 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand --dry-run 'Print the plan and write nothing'
            cand --base64 'Send the base64 encoding of each value'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;kubiya;sync'= {
            cand --format 'Input format [default: from the extension, else from the content]'
            cand --prefix 'Manage only names starting with P (a source name without it is an error; --prune looks only at names with it)'
            cand --concurrency 'Requests in flight at once (writes and the value reads alike)'
            cand --description 'Description for every item that has none of its own in the source'
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand --base-url 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand --prune 'Also delete the secrets in scope that the source does not have'
            cand -y 'Do not ask before pruning (required with --prune when not on a terminal)'
            cand --yes 'Do not ask before pruning (required with --prune when not on a terminal)'
            cand --force 'Prune secrets even when something uses them (what uses them is not read)'
            cand --dry-run 'Print the plan and write nothing'
            cand --base64 'Send the base64 encoding of each value'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;kubiya;export'= {
            cand --prefix 'Only secrets whose name starts with P'
            cand --format 'What to write'
            cand --out 'Write to this file (mode 0600, whole or not at all) instead of standard output'
            cand --concurrency 'Value reads in flight at once'
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand --base-url 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand --force 'Replace the --out file if it exists'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;kubiya;run'= {
            cand -s 'A secret to pass (repeatable)'
            cand --secret 'A secret to pass (repeatable)'
            cand --prefix 'Every secret whose name starts with P'
            cand --concurrency 'Value reads in flight at once'
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand --base-url 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand --strip-prefix 'Name the variables without the prefix (APP_PORT becomes PORT)'
            cand --all 'Every secret of the organization'
            cand --override 'Let a secret replace a variable the environment already has'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;kubiya;help'= {
            cand create 'Create a secret; prints its name. An existing name is an error (use update)'
            cand get 'Show a secret''s metadata and what uses it, or only its value with --reveal'
            cand update 'Change a secret''s value and/or description'
            cand delete 'Delete a secret; one in use is deleted only with --force (or a yes at the terminal)'
            cand list 'List every secret, or those named'
            cand import 'Create or update many secrets from a dotenv, JSON or TOML file'
            cand sync 'Make the platform match a dotenv, JSON or TOML source: create, update, and with --prune delete'
            cand export 'Write secrets with their values (json, dotenv, toml or shell) to a pipe or a 0600 file'
            cand run 'Run a command with secrets as environment variables of the same names'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'secretctl;kubiya;help;create'= {
        }
        &'secretctl;kubiya;help;get'= {
        }
        &'secretctl;kubiya;help;update'= {
        }
        &'secretctl;kubiya;help;delete'= {
        }
        &'secretctl;kubiya;help;list'= {
        }
        &'secretctl;kubiya;help;import'= {
        }
        &'secretctl;kubiya;help;sync'= {
        }
        &'secretctl;kubiya;help;export'= {
        }
        &'secretctl;kubiya;help;run'= {
        }
        &'secretctl;kubiya;help;help'= {
        }
        &'secretctl;completions'= {
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;emulator'= {
            cand --port 'Port on 127.0.0.1 [default: a free port]'
            cand --token 'The token both APIs accept [default: a random one, printed in the export lines]'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;config'= {
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand path 'Print the config file''s path (whether or not it exists)'
            cand show 'Show the settings in effect for each provider and where each comes from; tokens are never shown'
            cand check 'Prove each provider''s token with one read call, and show where it and the base URL come from'
            cand set-token 'Prove a provider''s token, then store it in the profile (hidden prompt or piped stdin; file mode 0600)'
            cand set-command 'Store a command whose output is the token (run with sh -c when a token is needed)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'secretctl;config;path'= {
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;config;show'= {
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;config;check'= {
            cand --base-url 'The provider''s base URL, as its commands'' --base-url (before the variable and the profile''s base_url); needs the provider named'
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;config;set-token'= {
            cand --base-url 'Prove the token at this base URL (as the provider commands'' --base-url; before the variable and the profile''s base_url). Only where to prove it: it is not stored'
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand --no-check 'Store the token without proving it first (offline set-up)'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;config;set-command'= {
            cand --config 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]'
            cand -o 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --output 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]'
            cand --profile 'Config profile to use [env: SECRETCTL_PROFILE]'
            cand --timeout 'Whole-request timeout in seconds (connecting has its own 10 s limit)'
            cand --retries 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures'
            cand --color 'When to use colour'
            cand -v 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand --verbose 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'secretctl;config;help'= {
            cand path 'Print the config file''s path (whether or not it exists)'
            cand show 'Show the settings in effect for each provider and where each comes from; tokens are never shown'
            cand check 'Prove each provider''s token with one read call, and show where it and the base URL come from'
            cand set-token 'Prove a provider''s token, then store it in the profile (hidden prompt or piped stdin; file mode 0600)'
            cand set-command 'Store a command whose output is the token (run with sh -c when a token is needed)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'secretctl;config;help;path'= {
        }
        &'secretctl;config;help;show'= {
        }
        &'secretctl;config;help;check'= {
        }
        &'secretctl;config;help;set-token'= {
        }
        &'secretctl;config;help;set-command'= {
        }
        &'secretctl;config;help;help'= {
        }
        &'secretctl;help'= {
            cand chatbotkit 'ChatBotKit secrets (alias: cbk)'
            cand kubiya 'Kubiya secrets'
            cand completions 'Print a shell completion script'
            cand emulator 'Serve both APIs in memory on 127.0.0.1, to try secretctl or test scripts with no account'
            cand config 'Show the config file, prove the tokens, and set them without editing TOML by hand'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'secretctl;help;chatbotkit'= {
            cand create 'Create a secret; prints its id'
            cand get 'Show a secret''s metadata and what uses it (ChatBotKit never returns values)'
            cand update 'Change a secret: only the fields given are sent'
            cand delete 'Delete a secret; one in use is deleted only with --force (or a yes at the terminal)'
            cand list 'List every secret (all pages), or those named'
            cand import 'Create or update many secrets from a dotenv, JSON or TOML file'
            cand sync 'Make the platform match a dotenv, JSON or TOML source: create, update, and with --prune delete'
            cand verify 'Check whether a secret is authenticated; prints the URL to authenticate when not'
            cand revoke 'Erase a shared secret''s stored value (the secret itself stays)'
            cand export 'Not available: ChatBotKit never returns values (refused, nothing sent)'
            cand run 'Not available: ChatBotKit never returns values (refused, nothing run or sent)'
        }
        &'secretctl;help;chatbotkit;create'= {
        }
        &'secretctl;help;chatbotkit;get'= {
        }
        &'secretctl;help;chatbotkit;update'= {
        }
        &'secretctl;help;chatbotkit;delete'= {
        }
        &'secretctl;help;chatbotkit;list'= {
        }
        &'secretctl;help;chatbotkit;import'= {
        }
        &'secretctl;help;chatbotkit;sync'= {
        }
        &'secretctl;help;chatbotkit;verify'= {
        }
        &'secretctl;help;chatbotkit;revoke'= {
        }
        &'secretctl;help;chatbotkit;export'= {
        }
        &'secretctl;help;chatbotkit;run'= {
        }
        &'secretctl;help;kubiya'= {
            cand create 'Create a secret; prints its name. An existing name is an error (use update)'
            cand get 'Show a secret''s metadata and what uses it, or only its value with --reveal'
            cand update 'Change a secret''s value and/or description'
            cand delete 'Delete a secret; one in use is deleted only with --force (or a yes at the terminal)'
            cand list 'List every secret, or those named'
            cand import 'Create or update many secrets from a dotenv, JSON or TOML file'
            cand sync 'Make the platform match a dotenv, JSON or TOML source: create, update, and with --prune delete'
            cand export 'Write secrets with their values (json, dotenv, toml or shell) to a pipe or a 0600 file'
            cand run 'Run a command with secrets as environment variables of the same names'
        }
        &'secretctl;help;kubiya;create'= {
        }
        &'secretctl;help;kubiya;get'= {
        }
        &'secretctl;help;kubiya;update'= {
        }
        &'secretctl;help;kubiya;delete'= {
        }
        &'secretctl;help;kubiya;list'= {
        }
        &'secretctl;help;kubiya;import'= {
        }
        &'secretctl;help;kubiya;sync'= {
        }
        &'secretctl;help;kubiya;export'= {
        }
        &'secretctl;help;kubiya;run'= {
        }
        &'secretctl;help;completions'= {
        }
        &'secretctl;help;emulator'= {
        }
        &'secretctl;help;config'= {
            cand path 'Print the config file''s path (whether or not it exists)'
            cand show 'Show the settings in effect for each provider and where each comes from; tokens are never shown'
            cand check 'Prove each provider''s token with one read call, and show where it and the base URL come from'
            cand set-token 'Prove a provider''s token, then store it in the profile (hidden prompt or piped stdin; file mode 0600)'
            cand set-command 'Store a command whose output is the token (run with sh -c when a token is needed)'
        }
        &'secretctl;help;config;path'= {
        }
        &'secretctl;help;config;show'= {
        }
        &'secretctl;help;config;check'= {
        }
        &'secretctl;help;config;set-token'= {
        }
        &'secretctl;help;config;set-command'= {
        }
        &'secretctl;help;help'= {
        }
    ]
    $completions[$command]
}
