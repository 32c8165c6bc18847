
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'secretctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'secretctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'secretctl' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('chatbotkit', 'chatbotkit', [CompletionResultType]::ParameterValue, 'ChatBotKit secrets (alias: cbk)')
            [CompletionResult]::new('kubiya', 'kubiya', [CompletionResultType]::ParameterValue, 'Kubiya secrets')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('emulator', 'emulator', [CompletionResultType]::ParameterValue, 'Serve both APIs in memory on 127.0.0.1, to try secretctl or test scripts with no account')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the config file, prove the tokens, and set them without editing TOML by hand')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'secretctl;chatbotkit' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a secret; prints its id')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show a secret''s metadata and what uses it (ChatBotKit never returns values)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a secret: only the fields given are sent')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a secret; one in use is deleted only with --force (or a yes at the terminal)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every secret (all pages), or those named')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Create or update many secrets from a dotenv, JSON or TOML file')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Make the platform match a dotenv, JSON or TOML source: create, update, and with --prune delete')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check whether a secret is authenticated; prints the URL to authenticate when not')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Erase a shared secret''s stored value (the secret itself stays)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Not available: ChatBotKit never returns values (refused, nothing sent)')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Not available: ChatBotKit never returns values (refused, nothing run or sent)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'secretctl;chatbotkit;create' {
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Description')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Secret type')
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Shared (one value for everyone) or personal (each user authenticates; takes no value) [create default: shared]')
            [CompletionResult]::new('--visibility', '--visibility', [CompletionResultType]::ParameterName, 'Who can see the secret')
            [CompletionResult]::new('--blueprint-id', '--blueprint-id', [CompletionResultType]::ParameterName, 'Blueprint the secret belongs to')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Alias')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'A config entry (repeatable): KEY=VALUE (e.g. clientId=abc), KEY=@PATH (the file''s bytes; \@ starts a literal @) or KEY=- (standard input, or a hidden prompt on a terminal). Keys naming a secret, password, passwd, token or private part take no literal value: it would land in shell history and the process list')
            [CompletionResult]::new('--meta', '--meta', [CompletionResultType]::ParameterName, 'A meta entry (repeatable); keys must not start with _')
            [CompletionResult]::new('--value-file', '--value-file', [CompletionResultType]::ParameterName, 'Read the value from this file, byte for byte (- reads standard input)')
            [CompletionResult]::new('--value-env', '--value-env', [CompletionResultType]::ParameterName, 'Read the value from this environment variable')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--base64', '--base64', [CompletionResultType]::ParameterName, 'Send the base64 encoding of the bytes read (for binary values)')
            [CompletionResult]::new('--keep-newline', '--keep-newline', [CompletionResultType]::ParameterName, 'Keep the trailing newline of piped input')
            [CompletionResult]::new('--no-value', '--no-value', [CompletionResultType]::ParameterName, 'Create without a value (e.g. an OAuth secret whose credentials are in --config)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;chatbotkit;get' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--reveal', '--reveal', [CompletionResultType]::ParameterName, 'Refused: ChatBotKit never returns values (exit 2, nothing sent)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;chatbotkit;update' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'New name')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Description')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Secret type')
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Shared (one value for everyone) or personal (each user authenticates; takes no value) [create default: shared]')
            [CompletionResult]::new('--visibility', '--visibility', [CompletionResultType]::ParameterName, 'Who can see the secret')
            [CompletionResult]::new('--blueprint-id', '--blueprint-id', [CompletionResultType]::ParameterName, 'Blueprint the secret belongs to')
            [CompletionResult]::new('--alias', '--alias', [CompletionResultType]::ParameterName, 'Alias')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'A config entry (repeatable): KEY=VALUE (e.g. clientId=abc), KEY=@PATH (the file''s bytes; \@ starts a literal @) or KEY=- (standard input, or a hidden prompt on a terminal). Keys naming a secret, password, passwd, token or private part take no literal value: it would land in shell history and the process list')
            [CompletionResult]::new('--meta', '--meta', [CompletionResultType]::ParameterName, 'A meta entry (repeatable); keys must not start with _')
            [CompletionResult]::new('--value-file', '--value-file', [CompletionResultType]::ParameterName, 'Read the value from this file, byte for byte (- reads standard input)')
            [CompletionResult]::new('--value-env', '--value-env', [CompletionResultType]::ParameterName, 'Read the value from this environment variable')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--base64', '--base64', [CompletionResultType]::ParameterName, 'Send the base64 encoding of the bytes read (for binary values)')
            [CompletionResult]::new('--keep-newline', '--keep-newline', [CompletionResultType]::ParameterName, 'Keep the trailing newline of piped input')
            [CompletionResult]::new('--keep-value', '--keep-value', [CompletionResultType]::ParameterName, 'Leave the value as it is (do not read stdin or prompt)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;chatbotkit;delete' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when not on a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when not on a terminal)')
            [CompletionResult]::new('--ignore-missing', '--ignore-missing', [CompletionResultType]::ParameterName, 'Exit 0 when the secret does not exist')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Delete even if something uses it (with --yes, what uses it is not read)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;chatbotkit;list' {
            [CompletionResult]::new('--meta', '--meta', [CompletionResultType]::ParameterName, 'Only secrets whose meta has KEY=VALUE (repeatable; all must match)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--unused', '--unused', [CompletionResultType]::ParameterName, 'Only secrets nothing found uses (no ability, reference secret or bot)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;chatbotkit;import' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Input format [default: from the extension, else from the content]')
            [CompletionResult]::new('--on-conflict', '--on-conflict', [CompletionResultType]::ParameterName, 'What to do with a name that already exists')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Description for the secrets created (an item''s own description wins)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and write nothing')
            [CompletionResult]::new('--base64', '--base64', [CompletionResultType]::ParameterName, 'Send the base64 encoding of each value')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;chatbotkit;sync' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Input format [default: from the extension, else from the content]')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Manage only names starting with P (a source name without it is an error; --prune looks only at names with it)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once (writes and the value reads alike)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Description for every item that has none of its own in the source')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Also delete the secrets in scope that the source does not have')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask before pruning (required with --prune when not on a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before pruning (required with --prune when not on a terminal)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Prune secrets even when something uses them (what uses them is not read)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and write nothing')
            [CompletionResult]::new('--base64', '--base64', [CompletionResultType]::ParameterName, 'Send the base64 encoding of each value')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;chatbotkit;verify' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;chatbotkit;revoke' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when not on a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when not on a terminal)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;chatbotkit;export' {
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Only secrets whose name starts with P')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What to write')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write to this file (mode 0600, whole or not at all) instead of standard output')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Value reads in flight at once')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace the --out file if it exists')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;chatbotkit;run' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'A secret to pass (repeatable)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'A secret to pass (repeatable)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Every secret whose name starts with P')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Value reads in flight at once')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--strip-prefix', '--strip-prefix', [CompletionResultType]::ParameterName, 'Name the variables without the prefix (APP_PORT becomes PORT)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every secret of the organization')
            [CompletionResult]::new('--override', '--override', [CompletionResultType]::ParameterName, 'Let a secret replace a variable the environment already has')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;chatbotkit;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a secret; prints its id')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show a secret''s metadata and what uses it (ChatBotKit never returns values)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a secret: only the fields given are sent')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a secret; one in use is deleted only with --force (or a yes at the terminal)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every secret (all pages), or those named')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Create or update many secrets from a dotenv, JSON or TOML file')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Make the platform match a dotenv, JSON or TOML source: create, update, and with --prune delete')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check whether a secret is authenticated; prints the URL to authenticate when not')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Erase a shared secret''s stored value (the secret itself stays)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Not available: ChatBotKit never returns values (refused, nothing sent)')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Not available: ChatBotKit never returns values (refused, nothing run or sent)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'secretctl;chatbotkit;help;create' {
            break
        }
        'secretctl;chatbotkit;help;get' {
            break
        }
        'secretctl;chatbotkit;help;update' {
            break
        }
        'secretctl;chatbotkit;help;delete' {
            break
        }
        'secretctl;chatbotkit;help;list' {
            break
        }
        'secretctl;chatbotkit;help;import' {
            break
        }
        'secretctl;chatbotkit;help;sync' {
            break
        }
        'secretctl;chatbotkit;help;verify' {
            break
        }
        'secretctl;chatbotkit;help;revoke' {
            break
        }
        'secretctl;chatbotkit;help;export' {
            break
        }
        'secretctl;chatbotkit;help;run' {
            break
        }
        'secretctl;chatbotkit;help;help' {
            break
        }
        'secretctl;kubiya' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a secret; prints its name. An existing name is an error (use update)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show a secret''s metadata and what uses it, or only its value with --reveal')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a secret''s value and/or description')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a secret; one in use is deleted only with --force (or a yes at the terminal)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every secret, or those named')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Create or update many secrets from a dotenv, JSON or TOML file')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Make the platform match a dotenv, JSON or TOML source: create, update, and with --prune delete')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write secrets with their values (json, dotenv, toml or shell) to a pipe or a 0600 file')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a command with secrets as environment variables of the same names')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'secretctl;kubiya;create' {
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Description')
            [CompletionResult]::new('--value-file', '--value-file', [CompletionResultType]::ParameterName, 'Read the value from this file, byte for byte (- reads standard input)')
            [CompletionResult]::new('--value-env', '--value-env', [CompletionResultType]::ParameterName, 'Read the value from this environment variable')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--base64', '--base64', [CompletionResultType]::ParameterName, 'Send the base64 encoding of the bytes read (for binary values)')
            [CompletionResult]::new('--keep-newline', '--keep-newline', [CompletionResultType]::ParameterName, 'Keep the trailing newline of piped input')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;kubiya;get' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--reveal', '--reveal', [CompletionResultType]::ParameterName, 'Print only the value, the exact bytes stored')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;kubiya;update' {
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'New description')
            [CompletionResult]::new('--value-file', '--value-file', [CompletionResultType]::ParameterName, 'Read the value from this file, byte for byte (- reads standard input)')
            [CompletionResult]::new('--value-env', '--value-env', [CompletionResultType]::ParameterName, 'Read the value from this environment variable')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--base64', '--base64', [CompletionResultType]::ParameterName, 'Send the base64 encoding of the bytes read (for binary values)')
            [CompletionResult]::new('--keep-newline', '--keep-newline', [CompletionResultType]::ParameterName, 'Keep the trailing newline of piped input')
            [CompletionResult]::new('--keep-value', '--keep-value', [CompletionResultType]::ParameterName, 'Leave the value as it is (secretctl reads it back and re-sends it: Kubiya''s update always carries a value)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;kubiya;delete' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when not on a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation (required when not on a terminal)')
            [CompletionResult]::new('--ignore-missing', '--ignore-missing', [CompletionResultType]::ParameterName, 'Exit 0 when the secret does not exist')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Delete even if something uses it (with --yes, what uses it is not read)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;kubiya;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--unused', '--unused', [CompletionResultType]::ParameterName, 'Only secrets no agent names')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;kubiya;import' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Input format [default: from the extension, else from the content]')
            [CompletionResult]::new('--on-conflict', '--on-conflict', [CompletionResultType]::ParameterName, 'What to do with a name that already exists')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Description for the secrets created (an item''s own description wins)')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and write nothing')
            [CompletionResult]::new('--base64', '--base64', [CompletionResultType]::ParameterName, 'Send the base64 encoding of each value')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;kubiya;sync' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Input format [default: from the extension, else from the content]')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Manage only names starting with P (a source name without it is an error; --prune looks only at names with it)')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once (writes and the value reads alike)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Description for every item that has none of its own in the source')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Also delete the secrets in scope that the source does not have')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask before pruning (required with --prune when not on a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask before pruning (required with --prune when not on a terminal)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Prune secrets even when something uses them (what uses them is not read)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan and write nothing')
            [CompletionResult]::new('--base64', '--base64', [CompletionResultType]::ParameterName, 'Send the base64 encoding of each value')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;kubiya;export' {
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Only secrets whose name starts with P')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'What to write')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Write to this file (mode 0600, whole or not at all) instead of standard output')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Value reads in flight at once')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace the --out file if it exists')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;kubiya;run' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'A secret to pass (repeatable)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'A secret to pass (repeatable)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Every secret whose name starts with P')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Value reads in flight at once')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'API base URL (ChatBotKit: an origin; Kubiya: /api/v1 is appended when no /api/vN is given)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--strip-prefix', '--strip-prefix', [CompletionResultType]::ParameterName, 'Name the variables without the prefix (APP_PORT becomes PORT)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every secret of the organization')
            [CompletionResult]::new('--override', '--override', [CompletionResultType]::ParameterName, 'Let a secret replace a variable the environment already has')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;kubiya;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a secret; prints its name. An existing name is an error (use update)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show a secret''s metadata and what uses it, or only its value with --reveal')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a secret''s value and/or description')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a secret; one in use is deleted only with --force (or a yes at the terminal)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every secret, or those named')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Create or update many secrets from a dotenv, JSON or TOML file')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Make the platform match a dotenv, JSON or TOML source: create, update, and with --prune delete')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write secrets with their values (json, dotenv, toml or shell) to a pipe or a 0600 file')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a command with secrets as environment variables of the same names')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'secretctl;kubiya;help;create' {
            break
        }
        'secretctl;kubiya;help;get' {
            break
        }
        'secretctl;kubiya;help;update' {
            break
        }
        'secretctl;kubiya;help;delete' {
            break
        }
        'secretctl;kubiya;help;list' {
            break
        }
        'secretctl;kubiya;help;import' {
            break
        }
        'secretctl;kubiya;help;sync' {
            break
        }
        'secretctl;kubiya;help;export' {
            break
        }
        'secretctl;kubiya;help;run' {
            break
        }
        'secretctl;kubiya;help;help' {
            break
        }
        'secretctl;completions' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;emulator' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port on 127.0.0.1 [default: a free port]')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'The token both APIs accept [default: a random one, printed in the export lines]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;config' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file''s path (whether or not it exists)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the settings in effect for each provider and where each comes from; tokens are never shown')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Prove each provider''s token with one read call, and show where it and the base URL come from')
            [CompletionResult]::new('set-token', 'set-token', [CompletionResultType]::ParameterValue, 'Prove a provider''s token, then store it in the profile (hidden prompt or piped stdin; file mode 0600)')
            [CompletionResult]::new('set-command', 'set-command', [CompletionResultType]::ParameterValue, 'Store a command whose output is the token (run with sh -c when a token is needed)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'secretctl;config;path' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;config;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;config;check' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'The provider''s base URL, as its commands'' --base-url (before the variable and the profile''s base_url); needs the provider named')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;config;set-token' {
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Prove the token at this base URL (as the provider commands'' --base-url; before the variable and the profile''s base_url). Only where to prove it: it is not stored')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--no-check', '--no-check', [CompletionResultType]::ParameterName, 'Store the token without proving it first (offline set-up)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;config;set-command' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [env: SECRETCTL_CONFIG] [default: <config dir>/secretctl/config.toml]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format [default: table on a terminal, plain otherwise; list and get also take terraform]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Config profile to use [env: SECRETCTL_PROFILE]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Whole-request timeout in seconds (connecting has its own 10 s limit)')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Retries after the first attempt, on 429, 502, 503, 504 and connection failures')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Trace requests to stderr (-v: method, URL, status, time; -vv: headers too). Tokens show as <redacted>')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'secretctl;config;help' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file''s path (whether or not it exists)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the settings in effect for each provider and where each comes from; tokens are never shown')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Prove each provider''s token with one read call, and show where it and the base URL come from')
            [CompletionResult]::new('set-token', 'set-token', [CompletionResultType]::ParameterValue, 'Prove a provider''s token, then store it in the profile (hidden prompt or piped stdin; file mode 0600)')
            [CompletionResult]::new('set-command', 'set-command', [CompletionResultType]::ParameterValue, 'Store a command whose output is the token (run with sh -c when a token is needed)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'secretctl;config;help;path' {
            break
        }
        'secretctl;config;help;show' {
            break
        }
        'secretctl;config;help;check' {
            break
        }
        'secretctl;config;help;set-token' {
            break
        }
        'secretctl;config;help;set-command' {
            break
        }
        'secretctl;config;help;help' {
            break
        }
        'secretctl;help' {
            [CompletionResult]::new('chatbotkit', 'chatbotkit', [CompletionResultType]::ParameterValue, 'ChatBotKit secrets (alias: cbk)')
            [CompletionResult]::new('kubiya', 'kubiya', [CompletionResultType]::ParameterValue, 'Kubiya secrets')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('emulator', 'emulator', [CompletionResultType]::ParameterValue, 'Serve both APIs in memory on 127.0.0.1, to try secretctl or test scripts with no account')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the config file, prove the tokens, and set them without editing TOML by hand')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'secretctl;help;chatbotkit' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a secret; prints its id')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show a secret''s metadata and what uses it (ChatBotKit never returns values)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a secret: only the fields given are sent')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a secret; one in use is deleted only with --force (or a yes at the terminal)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every secret (all pages), or those named')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Create or update many secrets from a dotenv, JSON or TOML file')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Make the platform match a dotenv, JSON or TOML source: create, update, and with --prune delete')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check whether a secret is authenticated; prints the URL to authenticate when not')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Erase a shared secret''s stored value (the secret itself stays)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Not available: ChatBotKit never returns values (refused, nothing sent)')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Not available: ChatBotKit never returns values (refused, nothing run or sent)')
            break
        }
        'secretctl;help;chatbotkit;create' {
            break
        }
        'secretctl;help;chatbotkit;get' {
            break
        }
        'secretctl;help;chatbotkit;update' {
            break
        }
        'secretctl;help;chatbotkit;delete' {
            break
        }
        'secretctl;help;chatbotkit;list' {
            break
        }
        'secretctl;help;chatbotkit;import' {
            break
        }
        'secretctl;help;chatbotkit;sync' {
            break
        }
        'secretctl;help;chatbotkit;verify' {
            break
        }
        'secretctl;help;chatbotkit;revoke' {
            break
        }
        'secretctl;help;chatbotkit;export' {
            break
        }
        'secretctl;help;chatbotkit;run' {
            break
        }
        'secretctl;help;kubiya' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a secret; prints its name. An existing name is an error (use update)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show a secret''s metadata and what uses it, or only its value with --reveal')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a secret''s value and/or description')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a secret; one in use is deleted only with --force (or a yes at the terminal)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every secret, or those named')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Create or update many secrets from a dotenv, JSON or TOML file')
            [CompletionResult]::new('sync', 'sync', [CompletionResultType]::ParameterValue, 'Make the platform match a dotenv, JSON or TOML source: create, update, and with --prune delete')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write secrets with their values (json, dotenv, toml or shell) to a pipe or a 0600 file')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a command with secrets as environment variables of the same names')
            break
        }
        'secretctl;help;kubiya;create' {
            break
        }
        'secretctl;help;kubiya;get' {
            break
        }
        'secretctl;help;kubiya;update' {
            break
        }
        'secretctl;help;kubiya;delete' {
            break
        }
        'secretctl;help;kubiya;list' {
            break
        }
        'secretctl;help;kubiya;import' {
            break
        }
        'secretctl;help;kubiya;sync' {
            break
        }
        'secretctl;help;kubiya;export' {
            break
        }
        'secretctl;help;kubiya;run' {
            break
        }
        'secretctl;help;completions' {
            break
        }
        'secretctl;help;emulator' {
            break
        }
        'secretctl;help;config' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file''s path (whether or not it exists)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the settings in effect for each provider and where each comes from; tokens are never shown')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Prove each provider''s token with one read call, and show where it and the base URL come from')
            [CompletionResult]::new('set-token', 'set-token', [CompletionResultType]::ParameterValue, 'Prove a provider''s token, then store it in the profile (hidden prompt or piped stdin; file mode 0600)')
            [CompletionResult]::new('set-command', 'set-command', [CompletionResultType]::ParameterValue, 'Store a command whose output is the token (run with sh -c when a token is needed)')
            break
        }
        'secretctl;help;config;path' {
            break
        }
        'secretctl;help;config;show' {
            break
        }
        'secretctl;help;config;check' {
            break
        }
        'secretctl;help;config;set-token' {
            break
        }
        'secretctl;help;config;set-command' {
            break
        }
        'secretctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
