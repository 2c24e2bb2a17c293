
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'sealbox' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'sealbox'
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
        'sealbox' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a new vault with one unlock slot made from the credential in use')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Print a fresh random raw key (64 hex characters) for SEALBOX_KEY or --key-file')
            [CompletionResult]::new('identity', 'identity', [CompletionResultType]::ParameterValue, 'Make or show a member''s identity file, whose recipient string ''slot add --recipient'' takes')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Store a new version of a secret (value from stdin, a prompt, a file or --generate)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Write a secret''s value to stdout')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Write a secret''s value to stdout')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Give a secret a new name, with its whole history and metadata')
            [CompletionResult]::new('mv', 'mv', [CompletionResultType]::ParameterValue, 'Give a secret a new name, with its whole history and metadata')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy a secret to a new name, with its whole history and metadata')
            [CompletionResult]::new('cp', 'cp', [CompletionResultType]::ParameterValue, 'Copy a secret to a new name, with its whole history and metadata')
            [CompletionResult]::new('compact', 'compact', [CompletionResultType]::ParameterValue, 'Shrink the vault file to what it holds')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Make an older version''s value current again, as a new version')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show every kept version of a secret (number, creation time, data key), never a value')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List secret names and metadata (never values); needs no credential')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List secret names and metadata (never values); needs no credential')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Remove secrets and all their versions, or one version with --version N')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove secrets and all their versions, or one version with --version N')
            [CompletionResult]::new('meta', 'meta', [CompletionResultType]::ParameterValue, 'Change a secret''s description, rotation period or retention without storing a new version')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Add many secrets in one all-or-nothing transaction')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a command with secrets added to its environment (sealbox becomes the command)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print secret values in a format another tool reads back exactly')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Exit 10 when a required secret is missing or a secret is overdue; needs no credential')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('rotate-master', 'rotate-master', [CompletionResultType]::ParameterValue, 'Replace the credential of the unlock slot in use (instant: re-encrypts nothing)')
            [CompletionResult]::new('re-encrypt', 're-encrypt', [CompletionResultType]::ParameterValue, 'Re-encrypt every stored value under a fresh data key, then destroy the old data keys')
            [CompletionResult]::new('slot', 'slot', [CompletionResultType]::ParameterValue, 'Manage unlock slots: several passphrases or keys that each open the vault (or a scope)')
            [CompletionResult]::new('scope', 'scope', [CompletionResultType]::ParameterValue, 'Manage scopes: named sets of secrets that a scoped credential can open and nothing else')
            [CompletionResult]::new('redact', 'redact', [CompletionResultType]::ParameterValue, 'Copy stdin to stdout with every stored value replaced by [REDACTED:NAME]')
            [CompletionResult]::new('scan', 'scan', [CompletionResultType]::ParameterValue, 'Report where stored values appear in files, never the values: PATH:LINE:COLUMN NAME FORM')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Query, verify, witness and prune the audit log of every command that unlocked')
            [CompletionResult]::new('vault', 'vault', [CompletionResultType]::ParameterValue, 'Move the whole vault between a file and a team vault on PostgreSQL')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Decrypt-check every slot, data key and stored value; exit 5 naming what fails')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sealbox;init' {
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Label of the first unlock slot (1 to 64 printable characters, as for ''slot add'')')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sealbox;keygen' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sealbox;identity' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Write a new identity file (0600) and print its recipient string for ''slot add --recipient''')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the recipient string and fingerprint of an identity file')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sealbox;identity;new' {
            [CompletionResult]::new('--new-passphrase-file', '--new-passphrase-file', [CompletionResultType]::ParameterName, 'Read the protecting passphrase from PATH, one trailing newline removed [env: SEALBOX_NEW_PASSPHRASE_FILE]')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--passphrase', '--passphrase', [CompletionResultType]::ParameterName, 'Protect the file with a passphrase, asked for on each unlock (from --new-passphrase-file, SEALBOX_NEW_PASSPHRASE or typed twice); not for scripts')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sealbox;identity;show' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sealbox;identity;help' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Write a new identity file (0600) and print its recipient string for ''slot add --recipient''')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the recipient string and fingerprint of an identity file')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sealbox;identity;help;new' {
            break
        }
        'sealbox;identity;help;show' {
            break
        }
        'sealbox;identity;help;help' {
            break
        }
        'sealbox;set' {
            [CompletionResult]::new('--from-file', '--from-file', [CompletionResultType]::ParameterName, 'Read the value from PATH (exact bytes)')
            [CompletionResult]::new('--generate', '--generate', [CompletionResultType]::ParameterName, 'Store a random URL-safe value of LEN characters [default: 32]')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'Describe the secret (shown by list); an empty TEXT removes the description. To change it without storing a new value, use ''sealbox meta''')
            [CompletionResult]::new('--rotate-every', '--rotate-every', [CompletionResultType]::ParameterName, 'Record a rotation period such as 90d (units s, min, h, d, w, mo = 30 days, y = 365 days), or none to remove it; list and check show when it is due')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'Keep at most K versions of this secret from now on (1 to 1000; the vault''s default is 10); older ones are destroyed when a new version is stored')
            [CompletionResult]::new('--if-version', '--if-version', [CompletionResultType]::ParameterName, 'Only store if the current version is N (0: only if the secret does not exist)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--no-overwrite', '--no-overwrite', [CompletionResultType]::ParameterName, 'Fail if the secret already exists')
            [CompletionResult]::new('--allow-empty', '--allow-empty', [CompletionResultType]::ParameterName, 'Store an empty value; without this an empty value is refused (exit 2), since it most often means the command feeding stdin failed')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sealbox;get' {
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Read this version instead of the current one')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--previous', '--previous', [CompletionResultType]::ParameterName, 'Read the version before the current one (the one an overlap window still accepts)')
            [CompletionResult]::new('--masked', '--masked', [CompletionResultType]::ParameterName, 'Print a preview for a person checking which value is configured, such as sk-p…(48)…Q2: at most the first 4 and last 2 characters (none of a value under 8 bytes, and never more than a quarter of it) and the length in bytes, then a newline')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sealbox;show' {
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Read this version instead of the current one')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--previous', '--previous', [CompletionResultType]::ParameterName, 'Read the version before the current one (the one an overlap window still accepts)')
            [CompletionResult]::new('--masked', '--masked', [CompletionResultType]::ParameterName, 'Print a preview for a person checking which value is configured, such as sk-p…(48)…Q2: at most the first 4 and last 2 characters (none of a value under 8 bytes, and never more than a quarter of it) and the length in bytes, then a newline')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sealbox;rename' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sealbox;mv' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sealbox;copy' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sealbox;cp' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sealbox;compact' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sealbox;rollback' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The kept version whose value becomes current (''sealbox history NAME'' lists them)')
            [CompletionResult]::new('--if-version', '--if-version', [CompletionResultType]::ParameterName, 'Only roll back if the current version is V')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sealbox;history' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--verified', '--verified', [CompletionResultType]::ParameterName, 'Require a credential and authenticate the history (exit 5 if the file was edited)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sealbox;list' {
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Only names starting with P')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--names-only', '--names-only', [CompletionResultType]::ParameterName, 'Print only the names, one per line, without a header (what shell completion uses); never authenticated')
            [CompletionResult]::new('--verified', '--verified', [CompletionResultType]::ParameterName, 'Require a credential and authenticate what is listed (exit 5 if the file was edited)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sealbox;ls' {
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Only names starting with P')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--names-only', '--names-only', [CompletionResultType]::ParameterName, 'Print only the names, one per line, without a header (what shell completion uses); never authenticated')
            [CompletionResult]::new('--verified', '--verified', [CompletionResultType]::ParameterName, 'Require a credential and authenticate what is listed (exit 5 if the file was edited)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sealbox;delete' {
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Destroy only this version of the one NAME given (not the current one)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--ignore-missing', '--ignore-missing', [CompletionResultType]::ParameterName, 'Skip names that are not stored instead of failing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sealbox;rm' {
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Destroy only this version of the one NAME given (not the current one)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--ignore-missing', '--ignore-missing', [CompletionResultType]::ParameterName, 'Skip names that are not stored instead of failing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sealbox;meta' {
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'New description (shown by list); an empty TEXT removes it')
            [CompletionResult]::new('--rotate-every', '--rotate-every', [CompletionResultType]::ParameterName, 'New rotation period such as 90d (units s, min, h, d, w, mo = 30 days, y = 365 days), or none to remove it')
            [CompletionResult]::new('--keep', '--keep', [CompletionResultType]::ParameterName, 'How many versions to keep (1 to 1000), or default for the vault''s (10); applies from the next version stored, so nothing is destroyed here')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sealbox;import' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Input format')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Prepend P to every name read')
            [CompletionResult]::new('--binary', '--binary', [CompletionResultType]::ParameterName, 'With --format json, every value is base64 of the bytes to store (as written by ''export --format json --binary base64'')')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--skip-unchanged', '--skip-unchanged', [CompletionResultType]::ParameterName, 'Store nothing for an entry whose value is already the secret''s current value')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sealbox;run' {
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Only these secrets (comma-separated; spaces and empty items are ignored); with --prefix, names relative to it. If one is missing, nothing is done (exit 3)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Every secret whose name starts with P; P is removed from the names written. Repeatable: when two prefixes give the same name, the later --prefix wins')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Exactly the secrets of scope NAME (''sealbox scope show NAME''), whichever credential is used: a declared scope, checked')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every secret in the vault (for a scoped credential, every secret of its scope)')
            [CompletionResult]::new('--with-previous', '--with-previous', [CompletionResultType]::ParameterName, 'Also add NAME_PREVIOUS with the version before the current one, for secrets that keep one (an overlap window while callers move to a new value)')
            [CompletionResult]::new('--redact', '--redact', [CompletionResultType]::ParameterName, 'Filter CMD''s stdout and stderr (each on its own) through the matcher, as ''sealbox redact'' does, with the injected values: sealbox stays CMD''s parent, forwards SIGINT, SIGTERM, SIGHUP, SIGQUIT and SIGWINCH sent to it, and exits with CMD''s status (128+N when a signal N ended it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sealbox;export' {
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Only these secrets (comma-separated; spaces and empty items are ignored); with --prefix, names relative to it. If one is missing, nothing is done (exit 3)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Every secret whose name starts with P; P is removed from the names written. Repeatable: when two prefixes give the same name, the later --prefix wins')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Exactly the secrets of scope NAME (''sealbox scope show NAME''), whichever credential is used: a declared scope, checked')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--binary', '--binary', [CompletionResultType]::ParameterName, 'With --format json, write every value as base64 of its bytes (for values that are not UTF-8 text)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every secret in the vault (for a scoped credential, every secret of its scope)')
            [CompletionResult]::new('--with-previous', '--with-previous', [CompletionResultType]::ParameterName, 'Also write NAME_PREVIOUS with the version before the current one, for secrets that keep one (an overlap window while callers move to a new value)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sealbox;check' {
            [CompletionResult]::new('--require', '--require', [CompletionResultType]::ParameterName, 'Secrets that must exist (comma-separated; spaces and empty items are ignored)')
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'Report secrets whose current version is older than DURATION, such as 90d (units s, min, h, d, w, mo = 30 days, y = 365 days)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Only check the age of secrets whose name starts with P')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--verified', '--verified', [CompletionResultType]::ParameterName, 'Require a credential and authenticate everything reported (exit 5 if the file was edited); without it, check authenticates only when a credential is given anyway')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sealbox;completions' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sealbox;rotate-master' {
            [CompletionResult]::new('--new-key-file', '--new-key-file', [CompletionResultType]::ParameterName, 'Read the new raw key (64 hex characters) from PATH [env: SEALBOX_NEW_KEY_FILE]')
            [CompletionResult]::new('--new-passphrase-file', '--new-passphrase-file', [CompletionResultType]::ParameterName, 'Read the new passphrase from PATH, one trailing newline removed [env: SEALBOX_NEW_PASSPHRASE_FILE]')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--to-key', '--to-key', [CompletionResultType]::ParameterName, 'The new credential must be a raw key (from --new-key-file or SEALBOX_NEW_KEY)')
            [CompletionResult]::new('--to-passphrase', '--to-passphrase', [CompletionResultType]::ParameterName, 'The new credential must be a passphrase (from --new-passphrase-file, SEALBOX_NEW_PASSPHRASE or the prompt)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sealbox;re-encrypt' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--new-vault-key', '--new-vault-key', [CompletionResultType]::ParameterName, 'Also replace the vault key: every data key and the unlock slot in use are re-wrapped under a new one (for when someone may hold an old copy of the file and a credential)')
            [CompletionResult]::new('--drop-other-slots', '--drop-other-slots', [CompletionResultType]::ParameterName, 'With --new-vault-key: delete every other unlock slot instead of refusing (they can only open the old vault key); re-add them afterwards with ''sealbox slot add''')
            [CompletionResult]::new('--restart', '--restart', [CompletionResultType]::ParameterName, 'Start over with a fresh data key even if an earlier run was interrupted (by default that run is resumed: only the values it had not moved yet are re-encrypted)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Say what would be done, and change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sealbox;slot' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List unlock slots: label, kind, KDF parameters, created (no key material; no credential needed)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an unlock slot for a new passphrase or raw key, or for a member''s public key (--recipient)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an unlock slot (never the last one)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sealbox;slot;list' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sealbox;slot;add' {
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'Label of the new slot [default: its kind, numbered if taken, e.g. key-2]')
            [CompletionResult]::new('--new-key-file', '--new-key-file', [CompletionResultType]::ParameterName, 'Read the new raw key (64 hex characters) from PATH [env: SEALBOX_NEW_KEY_FILE]')
            [CompletionResult]::new('--new-passphrase-file', '--new-passphrase-file', [CompletionResultType]::ParameterName, 'Read the new passphrase from PATH, one trailing newline removed [env: SEALBOX_NEW_PASSPHRASE_FILE]')
            [CompletionResult]::new('--recipient', '--recipient', [CompletionResultType]::ParameterName, 'Add a member slot that the identity file behind RECIPIENT (age1..., printed by ''sealbox identity new'') opens; get it from the member over a channel you trust')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'Make a scoped credential: it opens the secrets of scope NAME and nothing else (exit 9)')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'The scoped credential stops opening the vault after DURATION, such as 30d (units s, min, h, d, w, mo, y)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--allow-write', '--allow-write', [CompletionResultType]::ParameterName, 'Let the scoped credential set and delete secrets inside its scope (never slots, scopes or keys)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sealbox;slot;remove' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sealbox;slot;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List unlock slots: label, kind, KDF parameters, created (no key material; no credential needed)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an unlock slot for a new passphrase or raw key, or for a member''s public key (--recipient)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an unlock slot (never the last one)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sealbox;slot;help;list' {
            break
        }
        'sealbox;slot;help;add' {
            break
        }
        'sealbox;slot;help;remove' {
            break
        }
        'sealbox;slot;help;help' {
            break
        }
        'sealbox;scope' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a scope from names and prefixes (needs a full credential)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the scopes: name, definition, secrets and slots (no credential needed)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one scope: its names, prefixes, the secrets it holds and the slots that open it')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Add or take out names and prefixes (needs a full credential)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete a scope that no slot opens any more (needs a full credential)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sealbox;scope;add' {
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Secrets in the scope (comma-separated)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Every secret whose name starts with P, including those set later (repeatable)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sealbox;scope;list' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sealbox;scope;show' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sealbox;scope;edit' {
            [CompletionResult]::new('--add', '--add', [CompletionResultType]::ParameterName, 'Names to add (comma-separated)')
            [CompletionResult]::new('--remove', '--remove', [CompletionResultType]::ParameterName, 'Names to take out (comma-separated)')
            [CompletionResult]::new('--add-prefix', '--add-prefix', [CompletionResultType]::ParameterName, 'A prefix to add (repeatable)')
            [CompletionResult]::new('--remove-prefix', '--remove-prefix', [CompletionResultType]::ParameterName, 'A prefix to take out (repeatable)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sealbox;scope;remove' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sealbox;scope;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a scope from names and prefixes (needs a full credential)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the scopes: name, definition, secrets and slots (no credential needed)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one scope: its names, prefixes, the secrets it holds and the slots that open it')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Add or take out names and prefixes (needs a full credential)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete a scope that no slot opens any more (needs a full credential)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sealbox;scope;help;add' {
            break
        }
        'sealbox;scope;help;list' {
            break
        }
        'sealbox;scope;help;show' {
            break
        }
        'sealbox;scope;help;edit' {
            break
        }
        'sealbox;scope;help;remove' {
            break
        }
        'sealbox;scope;help;help' {
            break
        }
        'sealbox;redact' {
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Only these secrets (comma-separated)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Only secrets whose name starts with P (repeatable)')
            [CompletionResult]::new('--min-length', '--min-length', [CompletionResultType]::ParameterName, 'Leave out values shorter than N bytes, which would match ordinary text (true, 8080)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every secret in the vault (the default)')
            [CompletionResult]::new('--mask', '--mask', [CompletionResultType]::ParameterName, 'Replace each match with *** instead of [REDACTED:NAME]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sealbox;scan' {
            [CompletionResult]::new('--only', '--only', [CompletionResultType]::ParameterName, 'Only these secrets (comma-separated)')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Only secrets whose name starts with P (repeatable)')
            [CompletionResult]::new('--min-length', '--min-length', [CompletionResultType]::ParameterName, 'Leave out values shorter than N bytes, which would match ordinary text (true, 8080)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--staged', '--staged', [CompletionResultType]::ParameterName, 'Scan the git index (what the next commit would hold) instead of the work tree')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every secret in the vault (the default)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sealbox;audit' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Only records that touched this secret')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Only records that touched a secret whose name starts with P')
            [CompletionResult]::new('--action', '--action', [CompletionResultType]::ParameterName, 'Only this action: a command such as get, set, run, export, delete, rotate-master, re-encrypt, ''slot add''')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only records from this time on: a date (2026-03-01, midnight UTC), an RFC 3339 time, or a duration ago (7d, 12h)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only records up to this time, as --since; a date includes that whole day')
            [CompletionResult]::new('--run', '--run', [CompletionResultType]::ParameterName, 'Only records made in this CI run (its id, such as GITHUB_RUN_ID''s value)')
            [CompletionResult]::new('--outcome', '--outcome', [CompletionResultType]::ParameterName, 'Only this outcome')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Only the last K matching records')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the whole chain: every record''s MAC, sequence and link, and that the log still holds the record the vault''s last write bound (exit 5 naming the first bad record)')
            [CompletionResult]::new('head', 'head', [CompletionResultType]::ParameterValue, 'Record this access and print the log''s head as SEQ:HASH, for a CI log or another system to keep as a witness of the tail (''audit verify --head SEQ:HASH'' checks it)')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Remove records written before a time, keeping the chain verifiable: the log then starts with a checkpoint standing for what was removed. The records of the vault''s last write and after are always kept')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Start a new log when the old one was lost or cannot continue (a vault moved without it, a log restored from an older copy): the old log is renamed aside, never deleted, and the new one starts with a checkpoint for the record the vault''s last write bound, then a record of this restart')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sealbox;audit;verify' {
            [CompletionResult]::new('--head', '--head', [CompletionResultType]::ParameterName, 'Also require this record, as printed by ''audit head'' earlier (SEQ:HASH): a log cut back before it, or changed up to it, fails')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sealbox;audit;head' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sealbox;audit;prune' {
            [CompletionResult]::new('--before', '--before', [CompletionResultType]::ParameterName, 'Remove records written before this time: a date (2026-03-01, midnight UTC), an RFC 3339 time, or a duration ago (90d)')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sealbox;audit;restart' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'sealbox;audit;help' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the whole chain: every record''s MAC, sequence and link, and that the log still holds the record the vault''s last write bound (exit 5 naming the first bad record)')
            [CompletionResult]::new('head', 'head', [CompletionResultType]::ParameterValue, 'Record this access and print the log''s head as SEQ:HASH, for a CI log or another system to keep as a witness of the tail (''audit verify --head SEQ:HASH'' checks it)')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Remove records written before a time, keeping the chain verifiable: the log then starts with a checkpoint standing for what was removed. The records of the vault''s last write and after are always kept')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Start a new log when the old one was lost or cannot continue (a vault moved without it, a log restored from an older copy): the old log is renamed aside, never deleted, and the new one starts with a checkpoint for the record the vault''s last write bound, then a record of this restart')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sealbox;audit;help;verify' {
            break
        }
        'sealbox;audit;help;head' {
            break
        }
        'sealbox;audit;help;prune' {
            break
        }
        'sealbox;audit;help;restart' {
            break
        }
        'sealbox;audit;help;help' {
            break
        }
        'sealbox;vault' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy the whole vault into DEST, a new file or an empty team vault''s database, with its history, slots, scopes and audit log, in one transaction on DEST')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sealbox;vault;copy' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Where the copy goes: a file path, or postgresql://... for a team vault')
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sealbox;vault;help' {
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy the whole vault into DEST, a new file or an empty team vault''s database, with its history, slots, scopes and audit log, in one transaction on DEST')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sealbox;vault;help;copy' {
            break
        }
        'sealbox;vault;help;help' {
            break
        }
        'sealbox;verify' {
            [CompletionResult]::new('--vault', '--vault', [CompletionResultType]::ParameterName, 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]')
            [CompletionResult]::new('--passphrase-file', '--passphrase-file', [CompletionResultType]::ParameterName, 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]')
            [CompletionResult]::new('--slot', '--slot', [CompletionResultType]::ParameterName, 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]')
            [CompletionResult]::new('--accept-restore', '--accept-restore', [CompletionResultType]::ParameterName, 'Accept a vault older than one this account opened before (restored from a backup, or an older git commit checked out): if everything else verifies, its generation is recorded as the latest, and commands open it again')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no informational messages or warnings on stderr (errors are still printed)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'sealbox;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create a new vault with one unlock slot made from the credential in use')
            [CompletionResult]::new('keygen', 'keygen', [CompletionResultType]::ParameterValue, 'Print a fresh random raw key (64 hex characters) for SEALBOX_KEY or --key-file')
            [CompletionResult]::new('identity', 'identity', [CompletionResultType]::ParameterValue, 'Make or show a member''s identity file, whose recipient string ''slot add --recipient'' takes')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Store a new version of a secret (value from stdin, a prompt, a file or --generate)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Write a secret''s value to stdout')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Give a secret a new name, with its whole history and metadata')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy a secret to a new name, with its whole history and metadata')
            [CompletionResult]::new('compact', 'compact', [CompletionResultType]::ParameterValue, 'Shrink the vault file to what it holds')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Make an older version''s value current again, as a new version')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show every kept version of a secret (number, creation time, data key), never a value')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List secret names and metadata (never values); needs no credential')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Remove secrets and all their versions, or one version with --version N')
            [CompletionResult]::new('meta', 'meta', [CompletionResultType]::ParameterValue, 'Change a secret''s description, rotation period or retention without storing a new version')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Add many secrets in one all-or-nothing transaction')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a command with secrets added to its environment (sealbox becomes the command)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print secret values in a format another tool reads back exactly')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Exit 10 when a required secret is missing or a secret is overdue; needs no credential')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('rotate-master', 'rotate-master', [CompletionResultType]::ParameterValue, 'Replace the credential of the unlock slot in use (instant: re-encrypts nothing)')
            [CompletionResult]::new('re-encrypt', 're-encrypt', [CompletionResultType]::ParameterValue, 'Re-encrypt every stored value under a fresh data key, then destroy the old data keys')
            [CompletionResult]::new('slot', 'slot', [CompletionResultType]::ParameterValue, 'Manage unlock slots: several passphrases or keys that each open the vault (or a scope)')
            [CompletionResult]::new('scope', 'scope', [CompletionResultType]::ParameterValue, 'Manage scopes: named sets of secrets that a scoped credential can open and nothing else')
            [CompletionResult]::new('redact', 'redact', [CompletionResultType]::ParameterValue, 'Copy stdin to stdout with every stored value replaced by [REDACTED:NAME]')
            [CompletionResult]::new('scan', 'scan', [CompletionResultType]::ParameterValue, 'Report where stored values appear in files, never the values: PATH:LINE:COLUMN NAME FORM')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Query, verify, witness and prune the audit log of every command that unlocked')
            [CompletionResult]::new('vault', 'vault', [CompletionResultType]::ParameterValue, 'Move the whole vault between a file and a team vault on PostgreSQL')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Decrypt-check every slot, data key and stored value; exit 5 naming what fails')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'sealbox;help;init' {
            break
        }
        'sealbox;help;keygen' {
            break
        }
        'sealbox;help;identity' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Write a new identity file (0600) and print its recipient string for ''slot add --recipient''')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the recipient string and fingerprint of an identity file')
            break
        }
        'sealbox;help;identity;new' {
            break
        }
        'sealbox;help;identity;show' {
            break
        }
        'sealbox;help;set' {
            break
        }
        'sealbox;help;get' {
            break
        }
        'sealbox;help;rename' {
            break
        }
        'sealbox;help;copy' {
            break
        }
        'sealbox;help;compact' {
            break
        }
        'sealbox;help;rollback' {
            break
        }
        'sealbox;help;history' {
            break
        }
        'sealbox;help;list' {
            break
        }
        'sealbox;help;delete' {
            break
        }
        'sealbox;help;meta' {
            break
        }
        'sealbox;help;import' {
            break
        }
        'sealbox;help;run' {
            break
        }
        'sealbox;help;export' {
            break
        }
        'sealbox;help;check' {
            break
        }
        'sealbox;help;completions' {
            break
        }
        'sealbox;help;rotate-master' {
            break
        }
        'sealbox;help;re-encrypt' {
            break
        }
        'sealbox;help;slot' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List unlock slots: label, kind, KDF parameters, created (no key material; no credential needed)')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an unlock slot for a new passphrase or raw key, or for a member''s public key (--recipient)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an unlock slot (never the last one)')
            break
        }
        'sealbox;help;slot;list' {
            break
        }
        'sealbox;help;slot;add' {
            break
        }
        'sealbox;help;slot;remove' {
            break
        }
        'sealbox;help;scope' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a scope from names and prefixes (needs a full credential)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the scopes: name, definition, secrets and slots (no credential needed)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one scope: its names, prefixes, the secrets it holds and the slots that open it')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Add or take out names and prefixes (needs a full credential)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete a scope that no slot opens any more (needs a full credential)')
            break
        }
        'sealbox;help;scope;add' {
            break
        }
        'sealbox;help;scope;list' {
            break
        }
        'sealbox;help;scope;show' {
            break
        }
        'sealbox;help;scope;edit' {
            break
        }
        'sealbox;help;scope;remove' {
            break
        }
        'sealbox;help;redact' {
            break
        }
        'sealbox;help;scan' {
            break
        }
        'sealbox;help;audit' {
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check the whole chain: every record''s MAC, sequence and link, and that the log still holds the record the vault''s last write bound (exit 5 naming the first bad record)')
            [CompletionResult]::new('head', 'head', [CompletionResultType]::ParameterValue, 'Record this access and print the log''s head as SEQ:HASH, for a CI log or another system to keep as a witness of the tail (''audit verify --head SEQ:HASH'' checks it)')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Remove records written before a time, keeping the chain verifiable: the log then starts with a checkpoint standing for what was removed. The records of the vault''s last write and after are always kept')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Start a new log when the old one was lost or cannot continue (a vault moved without it, a log restored from an older copy): the old log is renamed aside, never deleted, and the new one starts with a checkpoint for the record the vault''s last write bound, then a record of this restart')
            break
        }
        'sealbox;help;audit;verify' {
            break
        }
        'sealbox;help;audit;head' {
            break
        }
        'sealbox;help;audit;prune' {
            break
        }
        'sealbox;help;audit;restart' {
            break
        }
        'sealbox;help;vault' {
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy the whole vault into DEST, a new file or an empty team vault''s database, with its history, slots, scopes and audit log, in one transaction on DEST')
            break
        }
        'sealbox;help;vault;copy' {
            break
        }
        'sealbox;help;verify' {
            break
        }
        'sealbox;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
