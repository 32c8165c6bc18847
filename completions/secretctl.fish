# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_secretctl_global_optspecs
    string join \n o/output= v/verbose profile= timeout= retries= color= config= h/help V/version
end

function __fish_secretctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_secretctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_secretctl_using_subcommand
    set -l cmd (__fish_secretctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c secretctl -n "__fish_secretctl_needs_command" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_needs_command" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_needs_command" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_needs_command" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_needs_command" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_needs_command" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_needs_command" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_needs_command" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_needs_command" -f -a "chatbotkit" -d 'ChatBotKit secrets'
complete -c secretctl -n "__fish_secretctl_needs_command" -f -a "cbk" -d 'ChatBotKit secrets'
complete -c secretctl -n "__fish_secretctl_needs_command" -f -a "kubiya" -d 'Kubiya secrets'
complete -c secretctl -n "__fish_secretctl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c secretctl -n "__fish_secretctl_needs_command" -f -a "emulator" -d 'Serve both APIs in memory on 127.0.0.1, to try secretctl or test scripts with no account'
complete -c secretctl -n "__fish_secretctl_needs_command" -f -a "config" -d 'Show the config file and set tokens without editing TOML by hand'
complete -c secretctl -n "__fish_secretctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -f -a "create" -d 'Create a secret; prints its id'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -f -a "get" -d 'Show a secret\'s metadata and what uses it (ChatBotKit never returns values)'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -f -a "update" -d 'Change a secret: only the fields given are sent'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -f -a "delete" -d 'Delete a secret; one in use is deleted only with --force (or a yes at the terminal)'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -f -a "list" -d 'List every secret (all pages), or those named'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -f -a "import" -d 'Create or update many secrets from a dotenv, JSON or TOML file'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -f -a "sync" -d 'Make the platform match a dotenv, JSON or TOML source: create, update, and with --prune delete'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -f -a "verify" -d 'Check whether a secret is authenticated; prints the URL to authenticate when not'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -f -a "revoke" -d 'Erase a shared secret\'s stored value (the secret itself stays)'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from create" -l description -d 'Description' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from create" -l type -d 'Secret type' -r -f -a "plain\t''
basic\t''
bearer\t''
jwt\t''
oauth\t''
template\t''
reference\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from create" -l kind -d 'Shared (one value for everyone) or personal (each user authenticates; takes no value) [create default: shared]' -r -f -a "shared\t''
personal\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from create" -l visibility -d 'Who can see the secret' -r -f -a "private\t''
protected\t''
public\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from create" -l blueprint-id -d 'Blueprint the secret belongs to' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from create" -l alias -d 'Alias' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from create" -l config -d 'A config entry (repeatable): KEY=VALUE (e.g. clientId=abc), KEY=@PATH (the file\'s bytes; \\@ starts a literal @) or KEY=- (standard input, or a hidden prompt on a terminal). Keys naming a secret, password, passwd, token or private part take no literal value: it would land in shell history and the process list' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from create" -l meta -d 'A meta entry (repeatable); keys must not start with _' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from create" -l value-file -d 'Read the value from this file, byte for byte (- reads standard input)' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from create" -l value-env -d 'Read the value from this environment variable' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from create" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from create" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from create" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from create" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from create" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from create" -l base64 -d 'Send the base64 encoding of the bytes read (for binary values)'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from create" -l keep-newline -d 'Keep the trailing newline of piped input'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from create" -l no-value -d 'Create without a value (e.g. an OAuth secret whose credentials are in --config)'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from get" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from get" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from get" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from get" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from get" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from get" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from get" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from get" -l reveal -d 'Print only the value (Kubiya; ChatBotKit never returns values)'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from update" -l name -d 'New name' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from update" -l description -d 'Description' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from update" -l type -d 'Secret type' -r -f -a "plain\t''
basic\t''
bearer\t''
jwt\t''
oauth\t''
template\t''
reference\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from update" -l kind -d 'Shared (one value for everyone) or personal (each user authenticates; takes no value) [create default: shared]' -r -f -a "shared\t''
personal\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from update" -l visibility -d 'Who can see the secret' -r -f -a "private\t''
protected\t''
public\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from update" -l blueprint-id -d 'Blueprint the secret belongs to' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from update" -l alias -d 'Alias' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from update" -l config -d 'A config entry (repeatable): KEY=VALUE (e.g. clientId=abc), KEY=@PATH (the file\'s bytes; \\@ starts a literal @) or KEY=- (standard input, or a hidden prompt on a terminal). Keys naming a secret, password, passwd, token or private part take no literal value: it would land in shell history and the process list' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from update" -l meta -d 'A meta entry (repeatable); keys must not start with _' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from update" -l value-file -d 'Read the value from this file, byte for byte (- reads standard input)' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from update" -l value-env -d 'Read the value from this environment variable' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from update" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from update" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from update" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from update" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from update" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from update" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from update" -l base64 -d 'Send the base64 encoding of the bytes read (for binary values)'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from update" -l keep-newline -d 'Keep the trailing newline of piped input'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from update" -l keep-value -d 'Leave the value as it is (do not read stdin or prompt)'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from delete" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from delete" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from delete" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from delete" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from delete" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from delete" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do not ask for confirmation (required when not on a terminal)'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from delete" -l ignore-missing -d 'Exit 0 when the secret does not exist'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from delete" -l force -d 'Delete even if something uses it (what uses it is not read)'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from list" -l meta -d 'Only secrets whose meta has KEY=VALUE (repeatable; all must match)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from list" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from list" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from list" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from list" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from list" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from list" -l unused -d 'Only secrets nothing found uses (no ability, reference secret or bot)'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from import" -l format -d 'Input format [default: from the extension, else from the content]' -r -f -a "dotenv\t''
json\t''
toml\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from import" -l on-conflict -d 'What to do with a name that already exists' -r -f -a "fail\t'Mark the item failed'
skip\t'Leave the existing secret alone'
update\t'Replace the existing secret\'s value'"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from import" -l concurrency -d 'Requests in flight at once' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from import" -l description -d 'Description for the secrets created (an item\'s own description wins)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from import" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from import" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from import" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from import" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from import" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from import" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from import" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from import" -l dry-run -d 'Print the plan and write nothing'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from import" -l base64 -d 'Send the base64 encoding of each value'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from sync" -l format -d 'Input format [default: from the extension, else from the content]' -r -f -a "dotenv\t''
json\t''
toml\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from sync" -l prefix -d 'Manage only names starting with P (a source name without it is an error; --prune looks only at names with it)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from sync" -l concurrency -d 'Requests in flight at once (writes and the value reads alike)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from sync" -l description -d 'Description for every item that has none of its own in the source' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from sync" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from sync" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from sync" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from sync" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from sync" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from sync" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from sync" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from sync" -l prune -d 'Also delete the secrets in scope that the source does not have'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from sync" -s y -l yes -d 'Do not ask before pruning (required with --prune when not on a terminal)'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from sync" -l force -d 'Prune secrets even when something uses them (what uses them is not read)'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from sync" -l dry-run -d 'Print the plan and write nothing'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from sync" -l base64 -d 'Send the base64 encoding of each value'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from sync" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from sync" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from sync" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from verify" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from verify" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from verify" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from verify" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from verify" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from verify" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from verify" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from revoke" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from revoke" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from revoke" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from revoke" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from revoke" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from revoke" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from revoke" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from revoke" -s y -l yes -d 'Do not ask for confirmation (required when not on a terminal)'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from revoke" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a secret; prints its id'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from help" -f -a "get" -d 'Show a secret\'s metadata and what uses it (ChatBotKit never returns values)'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change a secret: only the fields given are sent'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a secret; one in use is deleted only with --force (or a yes at the terminal)'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from help" -f -a "list" -d 'List every secret (all pages), or those named'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from help" -f -a "import" -d 'Create or update many secrets from a dotenv, JSON or TOML file'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from help" -f -a "sync" -d 'Make the platform match a dotenv, JSON or TOML source: create, update, and with --prune delete'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check whether a secret is authenticated; prints the URL to authenticate when not'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Erase a shared secret\'s stored value (the secret itself stays)'
complete -c secretctl -n "__fish_secretctl_using_subcommand chatbotkit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -f -a "create" -d 'Create a secret; prints its id'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -f -a "get" -d 'Show a secret\'s metadata and what uses it (ChatBotKit never returns values)'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -f -a "update" -d 'Change a secret: only the fields given are sent'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -f -a "delete" -d 'Delete a secret; one in use is deleted only with --force (or a yes at the terminal)'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -f -a "list" -d 'List every secret (all pages), or those named'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -f -a "import" -d 'Create or update many secrets from a dotenv, JSON or TOML file'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -f -a "sync" -d 'Make the platform match a dotenv, JSON or TOML source: create, update, and with --prune delete'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -f -a "verify" -d 'Check whether a secret is authenticated; prints the URL to authenticate when not'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -f -a "revoke" -d 'Erase a shared secret\'s stored value (the secret itself stays)'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and not __fish_seen_subcommand_from create get update delete list import sync verify revoke help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from create" -l description -d 'Description' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from create" -l type -d 'Secret type' -r -f -a "plain\t''
basic\t''
bearer\t''
jwt\t''
oauth\t''
template\t''
reference\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from create" -l kind -d 'Shared (one value for everyone) or personal (each user authenticates; takes no value) [create default: shared]' -r -f -a "shared\t''
personal\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from create" -l visibility -d 'Who can see the secret' -r -f -a "private\t''
protected\t''
public\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from create" -l blueprint-id -d 'Blueprint the secret belongs to' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from create" -l alias -d 'Alias' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from create" -l config -d 'A config entry (repeatable): KEY=VALUE (e.g. clientId=abc), KEY=@PATH (the file\'s bytes; \\@ starts a literal @) or KEY=- (standard input, or a hidden prompt on a terminal). Keys naming a secret, password, passwd, token or private part take no literal value: it would land in shell history and the process list' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from create" -l meta -d 'A meta entry (repeatable); keys must not start with _' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from create" -l value-file -d 'Read the value from this file, byte for byte (- reads standard input)' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from create" -l value-env -d 'Read the value from this environment variable' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from create" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from create" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from create" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from create" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from create" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from create" -l base64 -d 'Send the base64 encoding of the bytes read (for binary values)'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from create" -l keep-newline -d 'Keep the trailing newline of piped input'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from create" -l no-value -d 'Create without a value (e.g. an OAuth secret whose credentials are in --config)'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from get" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from get" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from get" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from get" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from get" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from get" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from get" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from get" -l reveal -d 'Print only the value (Kubiya; ChatBotKit never returns values)'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from update" -l name -d 'New name' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from update" -l description -d 'Description' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from update" -l type -d 'Secret type' -r -f -a "plain\t''
basic\t''
bearer\t''
jwt\t''
oauth\t''
template\t''
reference\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from update" -l kind -d 'Shared (one value for everyone) or personal (each user authenticates; takes no value) [create default: shared]' -r -f -a "shared\t''
personal\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from update" -l visibility -d 'Who can see the secret' -r -f -a "private\t''
protected\t''
public\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from update" -l blueprint-id -d 'Blueprint the secret belongs to' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from update" -l alias -d 'Alias' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from update" -l config -d 'A config entry (repeatable): KEY=VALUE (e.g. clientId=abc), KEY=@PATH (the file\'s bytes; \\@ starts a literal @) or KEY=- (standard input, or a hidden prompt on a terminal). Keys naming a secret, password, passwd, token or private part take no literal value: it would land in shell history and the process list' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from update" -l meta -d 'A meta entry (repeatable); keys must not start with _' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from update" -l value-file -d 'Read the value from this file, byte for byte (- reads standard input)' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from update" -l value-env -d 'Read the value from this environment variable' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from update" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from update" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from update" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from update" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from update" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from update" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from update" -l base64 -d 'Send the base64 encoding of the bytes read (for binary values)'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from update" -l keep-newline -d 'Keep the trailing newline of piped input'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from update" -l keep-value -d 'Leave the value as it is (do not read stdin or prompt)'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from delete" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from delete" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from delete" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from delete" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from delete" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from delete" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do not ask for confirmation (required when not on a terminal)'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from delete" -l ignore-missing -d 'Exit 0 when the secret does not exist'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from delete" -l force -d 'Delete even if something uses it (what uses it is not read)'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from list" -l meta -d 'Only secrets whose meta has KEY=VALUE (repeatable; all must match)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from list" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from list" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from list" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from list" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from list" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from list" -l unused -d 'Only secrets nothing found uses (no ability, reference secret or bot)'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from import" -l format -d 'Input format [default: from the extension, else from the content]' -r -f -a "dotenv\t''
json\t''
toml\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from import" -l on-conflict -d 'What to do with a name that already exists' -r -f -a "fail\t'Mark the item failed'
skip\t'Leave the existing secret alone'
update\t'Replace the existing secret\'s value'"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from import" -l concurrency -d 'Requests in flight at once' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from import" -l description -d 'Description for the secrets created (an item\'s own description wins)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from import" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from import" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from import" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from import" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from import" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from import" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from import" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from import" -l dry-run -d 'Print the plan and write nothing'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from import" -l base64 -d 'Send the base64 encoding of each value'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from sync" -l format -d 'Input format [default: from the extension, else from the content]' -r -f -a "dotenv\t''
json\t''
toml\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from sync" -l prefix -d 'Manage only names starting with P (a source name without it is an error; --prune looks only at names with it)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from sync" -l concurrency -d 'Requests in flight at once (writes and the value reads alike)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from sync" -l description -d 'Description for every item that has none of its own in the source' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from sync" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from sync" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from sync" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from sync" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from sync" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from sync" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from sync" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from sync" -l prune -d 'Also delete the secrets in scope that the source does not have'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from sync" -s y -l yes -d 'Do not ask before pruning (required with --prune when not on a terminal)'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from sync" -l force -d 'Prune secrets even when something uses them (what uses them is not read)'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from sync" -l dry-run -d 'Print the plan and write nothing'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from sync" -l base64 -d 'Send the base64 encoding of each value'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from sync" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from sync" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from sync" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from verify" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from verify" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from verify" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from verify" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from verify" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from verify" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from verify" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from revoke" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from revoke" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from revoke" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from revoke" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from revoke" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from revoke" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from revoke" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from revoke" -s y -l yes -d 'Do not ask for confirmation (required when not on a terminal)'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from revoke" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a secret; prints its id'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from help" -f -a "get" -d 'Show a secret\'s metadata and what uses it (ChatBotKit never returns values)'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change a secret: only the fields given are sent'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a secret; one in use is deleted only with --force (or a yes at the terminal)'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from help" -f -a "list" -d 'List every secret (all pages), or those named'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from help" -f -a "import" -d 'Create or update many secrets from a dotenv, JSON or TOML file'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from help" -f -a "sync" -d 'Make the platform match a dotenv, JSON or TOML source: create, update, and with --prune delete'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check whether a secret is authenticated; prints the URL to authenticate when not'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Erase a shared secret\'s stored value (the secret itself stays)'
complete -c secretctl -n "__fish_secretctl_using_subcommand cbk; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and not __fish_seen_subcommand_from create get update delete list import sync help" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and not __fish_seen_subcommand_from create get update delete list import sync help" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and not __fish_seen_subcommand_from create get update delete list import sync help" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and not __fish_seen_subcommand_from create get update delete list import sync help" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and not __fish_seen_subcommand_from create get update delete list import sync help" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and not __fish_seen_subcommand_from create get update delete list import sync help" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and not __fish_seen_subcommand_from create get update delete list import sync help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and not __fish_seen_subcommand_from create get update delete list import sync help" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and not __fish_seen_subcommand_from create get update delete list import sync help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and not __fish_seen_subcommand_from create get update delete list import sync help" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and not __fish_seen_subcommand_from create get update delete list import sync help" -f -a "create" -d 'Create a secret; prints its name. An existing name is an error (use update)'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and not __fish_seen_subcommand_from create get update delete list import sync help" -f -a "get" -d 'Show a secret\'s metadata and what uses it, or only its value with --reveal'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and not __fish_seen_subcommand_from create get update delete list import sync help" -f -a "update" -d 'Change a secret\'s value and/or description'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and not __fish_seen_subcommand_from create get update delete list import sync help" -f -a "delete" -d 'Delete a secret; one in use is deleted only with --force (or a yes at the terminal)'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and not __fish_seen_subcommand_from create get update delete list import sync help" -f -a "list" -d 'List every secret, or those named'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and not __fish_seen_subcommand_from create get update delete list import sync help" -f -a "import" -d 'Create or update many secrets from a dotenv, JSON or TOML file'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and not __fish_seen_subcommand_from create get update delete list import sync help" -f -a "sync" -d 'Make the platform match a dotenv, JSON or TOML source: create, update, and with --prune delete'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and not __fish_seen_subcommand_from create get update delete list import sync help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from create" -l description -d 'Description' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from create" -l value-file -d 'Read the value from this file, byte for byte (- reads standard input)' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from create" -l value-env -d 'Read the value from this environment variable' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from create" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from create" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from create" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from create" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from create" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from create" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from create" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from create" -l base64 -d 'Send the base64 encoding of the bytes read (for binary values)'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from create" -l keep-newline -d 'Keep the trailing newline of piped input'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from get" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from get" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from get" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from get" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from get" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from get" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from get" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from get" -l reveal -d 'Print only the value (Kubiya; ChatBotKit never returns values)'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from update" -l description -d 'New description' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from update" -l value-file -d 'Read the value from this file, byte for byte (- reads standard input)' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from update" -l value-env -d 'Read the value from this environment variable' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from update" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from update" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from update" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from update" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from update" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from update" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from update" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from update" -l base64 -d 'Send the base64 encoding of the bytes read (for binary values)'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from update" -l keep-newline -d 'Keep the trailing newline of piped input'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from update" -l keep-value -d 'Leave the value as it is (secretctl reads it back and re-sends it: Kubiya\'s update always carries a value)'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from delete" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from delete" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from delete" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from delete" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from delete" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from delete" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from delete" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do not ask for confirmation (required when not on a terminal)'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from delete" -l ignore-missing -d 'Exit 0 when the secret does not exist'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from delete" -l force -d 'Delete even if something uses it (what uses it is not read)'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from list" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from list" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from list" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from list" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from list" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from list" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from list" -l unused -d 'Only secrets no agent names'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from import" -l format -d 'Input format [default: from the extension, else from the content]' -r -f -a "dotenv\t''
json\t''
toml\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from import" -l on-conflict -d 'What to do with a name that already exists' -r -f -a "fail\t'Mark the item failed'
skip\t'Leave the existing secret alone'
update\t'Replace the existing secret\'s value'"
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from import" -l concurrency -d 'Requests in flight at once' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from import" -l description -d 'Description for the secrets created (an item\'s own description wins)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from import" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from import" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from import" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from import" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from import" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from import" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from import" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from import" -l dry-run -d 'Print the plan and write nothing'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from import" -l base64 -d 'Send the base64 encoding of each value'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from sync" -l format -d 'Input format [default: from the extension, else from the content]' -r -f -a "dotenv\t''
json\t''
toml\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from sync" -l prefix -d 'Manage only names starting with P (a source name without it is an error; --prune looks only at names with it)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from sync" -l concurrency -d 'Requests in flight at once (writes and the value reads alike)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from sync" -l description -d 'Description for every item that has none of its own in the source' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from sync" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from sync" -l base-url -d 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from sync" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from sync" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from sync" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from sync" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from sync" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from sync" -l prune -d 'Also delete the secrets in scope that the source does not have'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from sync" -s y -l yes -d 'Do not ask before pruning (required with --prune when not on a terminal)'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from sync" -l force -d 'Prune secrets even when something uses them (what uses them is not read)'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from sync" -l dry-run -d 'Print the plan and write nothing'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from sync" -l base64 -d 'Send the base64 encoding of each value'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from sync" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from sync" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from sync" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a secret; prints its name. An existing name is an error (use update)'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from help" -f -a "get" -d 'Show a secret\'s metadata and what uses it, or only its value with --reveal'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from help" -f -a "update" -d 'Change a secret\'s value and/or description'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a secret; one in use is deleted only with --force (or a yes at the terminal)'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from help" -f -a "list" -d 'List every secret, or those named'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from help" -f -a "import" -d 'Create or update many secrets from a dotenv, JSON or TOML file'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from help" -f -a "sync" -d 'Make the platform match a dotenv, JSON or TOML source: create, update, and with --prune delete'
complete -c secretctl -n "__fish_secretctl_using_subcommand kubiya; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c secretctl -n "__fish_secretctl_using_subcommand completions" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand completions" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand completions" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand completions" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand completions" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand completions" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand emulator" -l port -d 'Port on 127.0.0.1 [default: a free port]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand emulator" -l token -d 'The token both APIs accept [default: a random one, printed in the export lines]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand emulator" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand emulator" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand emulator" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand emulator" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand emulator" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand emulator" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand emulator" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand emulator" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and not __fish_seen_subcommand_from path show set-token set-command help" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and not __fish_seen_subcommand_from path show set-token set-command help" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and not __fish_seen_subcommand_from path show set-token set-command help" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and not __fish_seen_subcommand_from path show set-token set-command help" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and not __fish_seen_subcommand_from path show set-token set-command help" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and not __fish_seen_subcommand_from path show set-token set-command help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and not __fish_seen_subcommand_from path show set-token set-command help" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and not __fish_seen_subcommand_from path show set-token set-command help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and not __fish_seen_subcommand_from path show set-token set-command help" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and not __fish_seen_subcommand_from path show set-token set-command help" -f -a "path" -d 'Print the config file\'s path (whether or not it exists)'
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and not __fish_seen_subcommand_from path show set-token set-command help" -f -a "show" -d 'Show the settings in effect for each provider and where each comes from; tokens are never shown'
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and not __fish_seen_subcommand_from path show set-token set-command help" -f -a "set-token" -d 'Store a provider\'s token in the profile, read from a hidden prompt or piped stdin (file mode 0600)'
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and not __fish_seen_subcommand_from path show set-token set-command help" -f -a "set-command" -d 'Store a command whose output is the token (run with sh -c when a token is needed)'
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and not __fish_seen_subcommand_from path show set-token set-command help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from path" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from path" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from path" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from path" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from path" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from path" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from show" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from show" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from set-token" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from set-token" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from set-token" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from set-token" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from set-token" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from set-token" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from set-token" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from set-token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from set-token" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from set-command" -l config -d 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]' -r -F
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from set-command" -s o -l output -d 'Output format [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned columns with a header'
plain\t'Tab-separated fields, one record a line, no header'
json\t'The API\'s own records'
terraform\t'Terraform resource + variable blocks, and import for ChatBotKit (list, get)'"
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from set-command" -l profile -d 'Config profile to use [env: SECRETCTL_PROFILE]' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from set-command" -l timeout -d 'Whole-request timeout in seconds (connecting has its own 10 s limit)' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from set-command" -l retries -d 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures' -r
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from set-command" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from set-command" -s v -l verbose -d 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>'
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from set-command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from set-command" -s V -l version -d 'Print version'
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the config file\'s path (whether or not it exists)'
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the settings in effect for each provider and where each comes from; tokens are never shown'
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set-token" -d 'Store a provider\'s token in the profile, read from a hidden prompt or piped stdin (file mode 0600)'
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "set-command" -d 'Store a command whose output is the token (run with sh -c when a token is needed)'
complete -c secretctl -n "__fish_secretctl_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and not __fish_seen_subcommand_from chatbotkit kubiya completions emulator config help" -f -a "chatbotkit" -d 'ChatBotKit secrets'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and not __fish_seen_subcommand_from chatbotkit kubiya completions emulator config help" -f -a "kubiya" -d 'Kubiya secrets'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and not __fish_seen_subcommand_from chatbotkit kubiya completions emulator config help" -f -a "completions" -d 'Print a shell completion script'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and not __fish_seen_subcommand_from chatbotkit kubiya completions emulator config help" -f -a "emulator" -d 'Serve both APIs in memory on 127.0.0.1, to try secretctl or test scripts with no account'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and not __fish_seen_subcommand_from chatbotkit kubiya completions emulator config help" -f -a "config" -d 'Show the config file and set tokens without editing TOML by hand'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and not __fish_seen_subcommand_from chatbotkit kubiya completions emulator config help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and __fish_seen_subcommand_from chatbotkit" -f -a "create" -d 'Create a secret; prints its id'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and __fish_seen_subcommand_from chatbotkit" -f -a "get" -d 'Show a secret\'s metadata and what uses it (ChatBotKit never returns values)'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and __fish_seen_subcommand_from chatbotkit" -f -a "update" -d 'Change a secret: only the fields given are sent'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and __fish_seen_subcommand_from chatbotkit" -f -a "delete" -d 'Delete a secret; one in use is deleted only with --force (or a yes at the terminal)'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and __fish_seen_subcommand_from chatbotkit" -f -a "list" -d 'List every secret (all pages), or those named'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and __fish_seen_subcommand_from chatbotkit" -f -a "import" -d 'Create or update many secrets from a dotenv, JSON or TOML file'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and __fish_seen_subcommand_from chatbotkit" -f -a "sync" -d 'Make the platform match a dotenv, JSON or TOML source: create, update, and with --prune delete'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and __fish_seen_subcommand_from chatbotkit" -f -a "verify" -d 'Check whether a secret is authenticated; prints the URL to authenticate when not'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and __fish_seen_subcommand_from chatbotkit" -f -a "revoke" -d 'Erase a shared secret\'s stored value (the secret itself stays)'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and __fish_seen_subcommand_from kubiya" -f -a "create" -d 'Create a secret; prints its name. An existing name is an error (use update)'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and __fish_seen_subcommand_from kubiya" -f -a "get" -d 'Show a secret\'s metadata and what uses it, or only its value with --reveal'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and __fish_seen_subcommand_from kubiya" -f -a "update" -d 'Change a secret\'s value and/or description'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and __fish_seen_subcommand_from kubiya" -f -a "delete" -d 'Delete a secret; one in use is deleted only with --force (or a yes at the terminal)'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and __fish_seen_subcommand_from kubiya" -f -a "list" -d 'List every secret, or those named'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and __fish_seen_subcommand_from kubiya" -f -a "import" -d 'Create or update many secrets from a dotenv, JSON or TOML file'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and __fish_seen_subcommand_from kubiya" -f -a "sync" -d 'Make the platform match a dotenv, JSON or TOML source: create, update, and with --prune delete'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print the config file\'s path (whether or not it exists)'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Show the settings in effect for each provider and where each comes from; tokens are never shown'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set-token" -d 'Store a provider\'s token in the profile, read from a hidden prompt or piped stdin (file mode 0600)'
complete -c secretctl -n "__fish_secretctl_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "set-command" -d 'Store a command whose output is the token (run with sh -c when a token is needed)'
