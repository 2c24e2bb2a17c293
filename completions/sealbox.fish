# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_sealbox_global_optspecs
    string join \n vault= key-file= passphrase-file= identity= json slot= q/quiet reason= h/help V/version
end

function __fish_sealbox_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_sealbox_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_sealbox_using_subcommand
    set -l cmd (__fish_sealbox_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c sealbox -n "__fish_sealbox_needs_command" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_needs_command" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_needs_command" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_needs_command" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_needs_command" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_needs_command" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_needs_command" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_needs_command" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbox -n "__fish_sealbox_needs_command" -s V -l version -d 'Print version'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "init" -d 'Create a new vault with one unlock slot made from the credential in use'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "keygen" -d 'Print a fresh random raw key (64 hex characters) for SEALBOX_KEY or --key-file'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "identity" -d 'Make or show a member\'s identity file, whose recipient string \'slot add --recipient\' takes'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "set" -d 'Store a new version of a secret (value from stdin, a prompt, a file or --generate)'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "get" -d 'Write a secret\'s value to stdout'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "show" -d 'Write a secret\'s value to stdout'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "rename" -d 'Give a secret a new name, with its whole history and metadata'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "mv" -d 'Give a secret a new name, with its whole history and metadata'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "copy" -d 'Copy a secret to a new name, with its whole history and metadata'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "cp" -d 'Copy a secret to a new name, with its whole history and metadata'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "compact" -d 'Shrink the vault file to what it holds'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "rollback" -d 'Make an older version\'s value current again, as a new version'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "history" -d 'Show every kept version of a secret (number, creation time, data key), never a value'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "list" -d 'List secret names and metadata (never values); needs no credential'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "ls" -d 'List secret names and metadata (never values); needs no credential'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "delete" -d 'Remove secrets and all their versions, or one version with --version N'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "rm" -d 'Remove secrets and all their versions, or one version with --version N'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "meta" -d 'Change a secret\'s description, rotation period or retention without storing a new version'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "import" -d 'Add many secrets in one all-or-nothing transaction'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "run" -d 'Run a command with secrets added to its environment (sealbox becomes the command)'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "export" -d 'Print secret values in a format another tool reads back exactly'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "check" -d 'Exit 10 when a required secret is missing or a secret is overdue; needs no credential'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "rotate-master" -d 'Replace the credential of the unlock slot in use (instant: re-encrypts nothing)'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "re-encrypt" -d 'Re-encrypt every stored value under a fresh data key, then destroy the old data keys'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "slot" -d 'Manage unlock slots: several passphrases or keys that each open the vault (or a scope)'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "scope" -d 'Manage scopes: named sets of secrets that a scoped credential can open and nothing else'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "redact" -d 'Copy stdin to stdout with every stored value replaced by [REDACTED:NAME]'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "scan" -d 'Report where stored values appear in files, never the values: PATH:LINE:COLUMN NAME FORM'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "audit" -d 'Query, verify, witness and prune the audit log of every command that unlocked'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "vault" -d 'Move the whole vault between a file and a team vault on PostgreSQL'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "verify" -d 'Decrypt-check every slot, data key and stored value; exit 5 naming what fails'
complete -c sealbox -n "__fish_sealbox_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sealbox -n "__fish_sealbox_using_subcommand init" -l label -d 'Label of the first unlock slot (1 to 64 printable characters, as for \'slot add\')' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand init" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand init" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand init" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand init" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand init" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand init" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand init" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand init" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand init" -s h -l help -d 'Print help'
complete -c sealbox -n "__fish_sealbox_using_subcommand keygen" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand keygen" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand keygen" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand keygen" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand keygen" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand keygen" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand keygen" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand keygen" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand keygen" -s h -l help -d 'Print help'
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and not __fish_seen_subcommand_from new show help" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and not __fish_seen_subcommand_from new show help" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and not __fish_seen_subcommand_from new show help" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and not __fish_seen_subcommand_from new show help" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and not __fish_seen_subcommand_from new show help" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and not __fish_seen_subcommand_from new show help" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and not __fish_seen_subcommand_from new show help" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and not __fish_seen_subcommand_from new show help" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and not __fish_seen_subcommand_from new show help" -s h -l help -d 'Print help'
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and not __fish_seen_subcommand_from new show help" -f -a "new" -d 'Write a new identity file (0600) and print its recipient string for \'slot add --recipient\''
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and not __fish_seen_subcommand_from new show help" -f -a "show" -d 'Print the recipient string and fingerprint of an identity file'
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and not __fish_seen_subcommand_from new show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and __fish_seen_subcommand_from new" -l new-passphrase-file -d 'Read the protecting passphrase from PATH, one trailing newline removed [env: SEALBOX_NEW_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and __fish_seen_subcommand_from new" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and __fish_seen_subcommand_from new" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and __fish_seen_subcommand_from new" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and __fish_seen_subcommand_from new" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and __fish_seen_subcommand_from new" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and __fish_seen_subcommand_from new" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and __fish_seen_subcommand_from new" -l passphrase -d 'Protect the file with a passphrase, asked for on each unlock (from --new-passphrase-file, SEALBOX_NEW_PASSPHRASE or typed twice); not for scripts'
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and __fish_seen_subcommand_from new" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and __fish_seen_subcommand_from new" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and __fish_seen_subcommand_from show" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and __fish_seen_subcommand_from show" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and __fish_seen_subcommand_from show" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and __fish_seen_subcommand_from show" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and __fish_seen_subcommand_from show" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and __fish_seen_subcommand_from show" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and __fish_seen_subcommand_from show" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and __fish_seen_subcommand_from help" -f -a "new" -d 'Write a new identity file (0600) and print its recipient string for \'slot add --recipient\''
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the recipient string and fingerprint of an identity file'
complete -c sealbox -n "__fish_sealbox_using_subcommand identity; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sealbox -n "__fish_sealbox_using_subcommand set" -l from-file -d 'Read the value from PATH (exact bytes)' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand set" -l generate -d 'Store a random URL-safe value of LEN characters [default: 32]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand set" -l description -d 'Describe the secret (shown by list); an empty TEXT removes the description. To change it without storing a new value, use \'sealbox meta\'' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand set" -l rotate-every -d 'Record a rotation period such as 90d (units s, min, h, d, w, mo = 30 days, y = 365 days), or none to remove it; list and check show when it is due' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand set" -l keep -d 'Keep at most K versions of this secret from now on (1 to 1000; the vault\'s default is 10); older ones are destroyed when a new version is stored' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand set" -l if-version -d 'Only store if the current version is N (0: only if the secret does not exist)' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand set" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand set" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand set" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand set" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand set" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand set" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand set" -l no-overwrite -d 'Fail if the secret already exists'
complete -c sealbox -n "__fish_sealbox_using_subcommand set" -l allow-empty -d 'Store an empty value; without this an empty value is refused (exit 2), since it most often means the command feeding stdin failed'
complete -c sealbox -n "__fish_sealbox_using_subcommand set" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand set" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand set" -s h -l help -d 'Print help'
complete -c sealbox -n "__fish_sealbox_using_subcommand get" -l version -d 'Read this version instead of the current one' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand get" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand get" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand get" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand get" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand get" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand get" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand get" -l previous -d 'Read the version before the current one (the one an overlap window still accepts)'
complete -c sealbox -n "__fish_sealbox_using_subcommand get" -l masked -d 'Print a preview for a person checking which value is configured, such as sk-p…(48)…Q2: at most the first 4 and last 2 characters (none of a value under 8 bytes, and never more than a quarter of it) and the length in bytes, then a newline'
complete -c sealbox -n "__fish_sealbox_using_subcommand get" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand get" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand get" -s h -l help -d 'Print help'
complete -c sealbox -n "__fish_sealbox_using_subcommand show" -l version -d 'Read this version instead of the current one' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand show" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand show" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand show" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand show" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand show" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand show" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand show" -l previous -d 'Read the version before the current one (the one an overlap window still accepts)'
complete -c sealbox -n "__fish_sealbox_using_subcommand show" -l masked -d 'Print a preview for a person checking which value is configured, such as sk-p…(48)…Q2: at most the first 4 and last 2 characters (none of a value under 8 bytes, and never more than a quarter of it) and the length in bytes, then a newline'
complete -c sealbox -n "__fish_sealbox_using_subcommand show" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand show" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand show" -s h -l help -d 'Print help'
complete -c sealbox -n "__fish_sealbox_using_subcommand rename" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand rename" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand rename" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand rename" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand rename" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand rename" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand rename" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand rename" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand rename" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbox -n "__fish_sealbox_using_subcommand mv" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand mv" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand mv" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand mv" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand mv" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand mv" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand mv" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand mv" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand mv" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbox -n "__fish_sealbox_using_subcommand copy" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand copy" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand copy" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand copy" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand copy" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand copy" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand copy" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand copy" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand copy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbox -n "__fish_sealbox_using_subcommand cp" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand cp" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand cp" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand cp" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand cp" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand cp" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand cp" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand cp" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand cp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbox -n "__fish_sealbox_using_subcommand compact" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand compact" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand compact" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand compact" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand compact" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand compact" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand compact" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand compact" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand compact" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbox -n "__fish_sealbox_using_subcommand rollback" -l to -d 'The kept version whose value becomes current (\'sealbox history NAME\' lists them)' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand rollback" -l if-version -d 'Only roll back if the current version is V' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand rollback" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand rollback" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand rollback" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand rollback" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand rollback" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand rollback" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand rollback" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand rollback" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand rollback" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbox -n "__fish_sealbox_using_subcommand history" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand history" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand history" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand history" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand history" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand history" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand history" -l verified -d 'Require a credential and authenticate the history (exit 5 if the file was edited)'
complete -c sealbox -n "__fish_sealbox_using_subcommand history" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand history" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbox -n "__fish_sealbox_using_subcommand list" -l prefix -d 'Only names starting with P' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand list" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand list" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand list" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand list" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand list" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand list" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand list" -l names-only -d 'Print only the names, one per line, without a header (what shell completion uses); never authenticated'
complete -c sealbox -n "__fish_sealbox_using_subcommand list" -l verified -d 'Require a credential and authenticate what is listed (exit 5 if the file was edited)'
complete -c sealbox -n "__fish_sealbox_using_subcommand list" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand list" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand list" -s h -l help -d 'Print help'
complete -c sealbox -n "__fish_sealbox_using_subcommand ls" -l prefix -d 'Only names starting with P' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand ls" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand ls" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand ls" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand ls" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand ls" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand ls" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand ls" -l names-only -d 'Print only the names, one per line, without a header (what shell completion uses); never authenticated'
complete -c sealbox -n "__fish_sealbox_using_subcommand ls" -l verified -d 'Require a credential and authenticate what is listed (exit 5 if the file was edited)'
complete -c sealbox -n "__fish_sealbox_using_subcommand ls" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand ls" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand ls" -s h -l help -d 'Print help'
complete -c sealbox -n "__fish_sealbox_using_subcommand delete" -l version -d 'Destroy only this version of the one NAME given (not the current one)' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand delete" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand delete" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand delete" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand delete" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand delete" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand delete" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand delete" -l ignore-missing -d 'Skip names that are not stored instead of failing'
complete -c sealbox -n "__fish_sealbox_using_subcommand delete" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand delete" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand delete" -s h -l help -d 'Print help'
complete -c sealbox -n "__fish_sealbox_using_subcommand rm" -l version -d 'Destroy only this version of the one NAME given (not the current one)' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand rm" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand rm" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand rm" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand rm" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand rm" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand rm" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand rm" -l ignore-missing -d 'Skip names that are not stored instead of failing'
complete -c sealbox -n "__fish_sealbox_using_subcommand rm" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand rm" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand rm" -s h -l help -d 'Print help'
complete -c sealbox -n "__fish_sealbox_using_subcommand meta" -l description -d 'New description (shown by list); an empty TEXT removes it' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand meta" -l rotate-every -d 'New rotation period such as 90d (units s, min, h, d, w, mo = 30 days, y = 365 days), or none to remove it' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand meta" -l keep -d 'How many versions to keep (1 to 1000), or default for the vault\'s (10); applies from the next version stored, so nothing is destroyed here' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand meta" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand meta" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand meta" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand meta" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand meta" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand meta" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand meta" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand meta" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand meta" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbox -n "__fish_sealbox_using_subcommand import" -l format -d 'Input format' -r -f -a "env\t'A .env file, as python-dotenv reads it'
json\t'A JSON object of name to string value'"
complete -c sealbox -n "__fish_sealbox_using_subcommand import" -l prefix -d 'Prepend P to every name read' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand import" -l binary -d 'With --format json, every value is base64 of the bytes to store (as written by \'export --format json --binary base64\')' -r -f -a "base64\t'Standard base64 with padding (RFC 4648)'"
complete -c sealbox -n "__fish_sealbox_using_subcommand import" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand import" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand import" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand import" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand import" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand import" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand import" -l skip-unchanged -d 'Store nothing for an entry whose value is already the secret\'s current value'
complete -c sealbox -n "__fish_sealbox_using_subcommand import" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand import" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbox -n "__fish_sealbox_using_subcommand run" -l only -d 'Only these secrets (comma-separated; spaces and empty items are ignored); with --prefix, names relative to it. If one is missing, nothing is done (exit 3)' -r -f -a "(__sealbox_secret_name_list)"
complete -c sealbox -n "__fish_sealbox_using_subcommand run" -l prefix -d 'Every secret whose name starts with P; P is removed from the names written. Repeatable: when two prefixes give the same name, the later --prefix wins' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand run" -l scope -d 'Exactly the secrets of scope NAME (\'sealbox scope show NAME\'), whichever credential is used: a declared scope, checked' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand run" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand run" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand run" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand run" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand run" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand run" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand run" -l all -d 'Every secret in the vault (for a scoped credential, every secret of its scope)'
complete -c sealbox -n "__fish_sealbox_using_subcommand run" -l with-previous -d 'Also add NAME_PREVIOUS with the version before the current one, for secrets that keep one (an overlap window while callers move to a new value)'
complete -c sealbox -n "__fish_sealbox_using_subcommand run" -l redact -d 'Filter CMD\'s stdout and stderr (each on its own) through the matcher, as \'sealbox redact\' does, with the injected values: sealbox stays CMD\'s parent, forwards SIGINT, SIGTERM, SIGHUP, SIGQUIT and SIGWINCH sent to it, and exits with CMD\'s status (128+N when a signal N ended it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand run" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand run" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbox -n "__fish_sealbox_using_subcommand export" -l only -d 'Only these secrets (comma-separated; spaces and empty items are ignored); with --prefix, names relative to it. If one is missing, nothing is done (exit 3)' -r -f -a "(__sealbox_secret_name_list)"
complete -c sealbox -n "__fish_sealbox_using_subcommand export" -l prefix -d 'Every secret whose name starts with P; P is removed from the names written. Repeatable: when two prefixes give the same name, the later --prefix wins' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand export" -l scope -d 'Exactly the secrets of scope NAME (\'sealbox scope show NAME\'), whichever credential is used: a declared scope, checked' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand export" -l format -d 'Output format' -r -f -a "env\t'KEY="value" lines, read back by python-dotenv and \'sealbox import --format env\''
json\t'A JSON object of strings, read back by \'sealbox import --format json\''
shell\t'export NAME=\'value\' lines for eval in sh, bash and zsh'"
complete -c sealbox -n "__fish_sealbox_using_subcommand export" -l binary -d 'With --format json, write every value as base64 of its bytes (for values that are not UTF-8 text)' -r -f -a "base64\t'Standard base64 with padding (RFC 4648)'"
complete -c sealbox -n "__fish_sealbox_using_subcommand export" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand export" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand export" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand export" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand export" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand export" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand export" -l all -d 'Every secret in the vault (for a scoped credential, every secret of its scope)'
complete -c sealbox -n "__fish_sealbox_using_subcommand export" -l with-previous -d 'Also write NAME_PREVIOUS with the version before the current one, for secrets that keep one (an overlap window while callers move to a new value)'
complete -c sealbox -n "__fish_sealbox_using_subcommand export" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand export" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbox -n "__fish_sealbox_using_subcommand check" -l require -d 'Secrets that must exist (comma-separated; spaces and empty items are ignored)' -r -f -a "(__sealbox_secret_name_list)"
complete -c sealbox -n "__fish_sealbox_using_subcommand check" -l max-age -d 'Report secrets whose current version is older than DURATION, such as 90d (units s, min, h, d, w, mo = 30 days, y = 365 days)' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand check" -l prefix -d 'Only check the age of secrets whose name starts with P' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand check" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand check" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand check" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand check" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand check" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand check" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand check" -l verified -d 'Require a credential and authenticate everything reported (exit 5 if the file was edited); without it, check authenticates only when a credential is given anyway'
complete -c sealbox -n "__fish_sealbox_using_subcommand check" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand check" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbox -n "__fish_sealbox_using_subcommand completions" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand completions" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand completions" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand completions" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand completions" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand completions" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand completions" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand completions" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbox -n "__fish_sealbox_using_subcommand rotate-master" -l new-key-file -d 'Read the new raw key (64 hex characters) from PATH [env: SEALBOX_NEW_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand rotate-master" -l new-passphrase-file -d 'Read the new passphrase from PATH, one trailing newline removed [env: SEALBOX_NEW_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand rotate-master" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand rotate-master" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand rotate-master" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand rotate-master" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand rotate-master" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand rotate-master" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand rotate-master" -l to-key -d 'The new credential must be a raw key (from --new-key-file or SEALBOX_NEW_KEY)'
complete -c sealbox -n "__fish_sealbox_using_subcommand rotate-master" -l to-passphrase -d 'The new credential must be a passphrase (from --new-passphrase-file, SEALBOX_NEW_PASSPHRASE or the prompt)'
complete -c sealbox -n "__fish_sealbox_using_subcommand rotate-master" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand rotate-master" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand rotate-master" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbox -n "__fish_sealbox_using_subcommand re-encrypt" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand re-encrypt" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand re-encrypt" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand re-encrypt" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand re-encrypt" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand re-encrypt" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand re-encrypt" -l new-vault-key -d 'Also replace the vault key: every data key and the unlock slot in use are re-wrapped under a new one (for when someone may hold an old copy of the file and a credential)'
complete -c sealbox -n "__fish_sealbox_using_subcommand re-encrypt" -l drop-other-slots -d 'With --new-vault-key: delete every other unlock slot instead of refusing (they can only open the old vault key); re-add them afterwards with \'sealbox slot add\''
complete -c sealbox -n "__fish_sealbox_using_subcommand re-encrypt" -l restart -d 'Start over with a fresh data key even if an earlier run was interrupted (by default that run is resumed: only the values it had not moved yet are re-encrypted)'
complete -c sealbox -n "__fish_sealbox_using_subcommand re-encrypt" -l dry-run -d 'Say what would be done, and change nothing'
complete -c sealbox -n "__fish_sealbox_using_subcommand re-encrypt" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand re-encrypt" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand re-encrypt" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -s h -l help -d 'Print help'
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -f -a "list" -d 'List unlock slots: label, kind, KDF parameters, created (no key material; no credential needed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -f -a "add" -d 'Add an unlock slot for a new passphrase or raw key, or for a member\'s public key (--recipient)'
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -f -a "remove" -d 'Remove an unlock slot (never the last one)'
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and not __fish_seen_subcommand_from list add remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from list" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from list" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from list" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from list" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from list" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from list" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from list" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from add" -l label -d 'Label of the new slot [default: its kind, numbered if taken, e.g. key-2]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from add" -l new-key-file -d 'Read the new raw key (64 hex characters) from PATH [env: SEALBOX_NEW_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from add" -l new-passphrase-file -d 'Read the new passphrase from PATH, one trailing newline removed [env: SEALBOX_NEW_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from add" -l recipient -d 'Add a member slot that the identity file behind RECIPIENT (age1..., printed by \'sealbox identity new\') opens; get it from the member over a channel you trust' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from add" -l scope -d 'Make a scoped credential: it opens the secrets of scope NAME and nothing else (exit 9)' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from add" -l expires -d 'The scoped credential stops opening the vault after DURATION, such as 30d (units s, min, h, d, w, mo, y)' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from add" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from add" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from add" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from add" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from add" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from add" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from add" -l allow-write -d 'Let the scoped credential set and delete secrets inside its scope (never slots, scopes or keys)'
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from add" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from remove" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from remove" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from remove" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from remove" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from remove" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from remove" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from remove" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from help" -f -a "list" -d 'List unlock slots: label, kind, KDF parameters, created (no key material; no credential needed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an unlock slot for a new passphrase or raw key, or for a member\'s public key (--recipient)'
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove an unlock slot (never the last one)'
complete -c sealbox -n "__fish_sealbox_using_subcommand slot; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and not __fish_seen_subcommand_from add list show edit remove help" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and not __fish_seen_subcommand_from add list show edit remove help" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and not __fish_seen_subcommand_from add list show edit remove help" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and not __fish_seen_subcommand_from add list show edit remove help" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and not __fish_seen_subcommand_from add list show edit remove help" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and not __fish_seen_subcommand_from add list show edit remove help" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and not __fish_seen_subcommand_from add list show edit remove help" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and not __fish_seen_subcommand_from add list show edit remove help" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and not __fish_seen_subcommand_from add list show edit remove help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and not __fish_seen_subcommand_from add list show edit remove help" -f -a "add" -d 'Create a scope from names and prefixes (needs a full credential)'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and not __fish_seen_subcommand_from add list show edit remove help" -f -a "list" -d 'List the scopes: name, definition, secrets and slots (no credential needed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and not __fish_seen_subcommand_from add list show edit remove help" -f -a "show" -d 'Show one scope: its names, prefixes, the secrets it holds and the slots that open it'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and not __fish_seen_subcommand_from add list show edit remove help" -f -a "edit" -d 'Add or take out names and prefixes (needs a full credential)'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and not __fish_seen_subcommand_from add list show edit remove help" -f -a "remove" -d 'Delete a scope that no slot opens any more (needs a full credential)'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and not __fish_seen_subcommand_from add list show edit remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from add" -l only -d 'Secrets in the scope (comma-separated)' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from add" -l prefix -d 'Every secret whose name starts with P, including those set later (repeatable)' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from add" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from add" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from add" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from add" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from add" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from add" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from add" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from list" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from list" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from list" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from list" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from list" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from list" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from list" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from show" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from show" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from show" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from show" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from show" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from show" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from show" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from edit" -l add -d 'Names to add (comma-separated)' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from edit" -l remove -d 'Names to take out (comma-separated)' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from edit" -l add-prefix -d 'A prefix to add (repeatable)' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from edit" -l remove-prefix -d 'A prefix to take out (repeatable)' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from edit" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from edit" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from edit" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from edit" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from edit" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from edit" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from edit" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from edit" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from remove" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from remove" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from remove" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from remove" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from remove" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from remove" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from remove" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from help" -f -a "add" -d 'Create a scope from names and prefixes (needs a full credential)'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the scopes: name, definition, secrets and slots (no credential needed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one scope: its names, prefixes, the secrets it holds and the slots that open it'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Add or take out names and prefixes (needs a full credential)'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Delete a scope that no slot opens any more (needs a full credential)'
complete -c sealbox -n "__fish_sealbox_using_subcommand scope; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sealbox -n "__fish_sealbox_using_subcommand redact" -l only -d 'Only these secrets (comma-separated)' -r -f -a "(__sealbox_secret_name_list)"
complete -c sealbox -n "__fish_sealbox_using_subcommand redact" -l prefix -d 'Only secrets whose name starts with P (repeatable)' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand redact" -l min-length -d 'Leave out values shorter than N bytes, which would match ordinary text (true, 8080)' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand redact" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand redact" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand redact" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand redact" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand redact" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand redact" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand redact" -l all -d 'Every secret in the vault (the default)'
complete -c sealbox -n "__fish_sealbox_using_subcommand redact" -l mask -d 'Replace each match with *** instead of [REDACTED:NAME]'
complete -c sealbox -n "__fish_sealbox_using_subcommand redact" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand redact" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand redact" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbox -n "__fish_sealbox_using_subcommand scan" -l only -d 'Only these secrets (comma-separated)' -r -f -a "(__sealbox_secret_name_list)"
complete -c sealbox -n "__fish_sealbox_using_subcommand scan" -l prefix -d 'Only secrets whose name starts with P (repeatable)' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand scan" -l min-length -d 'Leave out values shorter than N bytes, which would match ordinary text (true, 8080)' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand scan" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scan" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scan" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scan" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand scan" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand scan" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand scan" -l staged -d 'Scan the git index (what the next commit would hold) instead of the work tree'
complete -c sealbox -n "__fish_sealbox_using_subcommand scan" -l all -d 'Every secret in the vault (the default)'
complete -c sealbox -n "__fish_sealbox_using_subcommand scan" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand scan" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand scan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and not __fish_seen_subcommand_from verify head prune restart help" -l name -d 'Only records that touched this secret' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and not __fish_seen_subcommand_from verify head prune restart help" -l prefix -d 'Only records that touched a secret whose name starts with P' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and not __fish_seen_subcommand_from verify head prune restart help" -l action -d 'Only this action: a command such as get, set, run, export, delete, rotate-master, re-encrypt, \'slot add\'' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and not __fish_seen_subcommand_from verify head prune restart help" -l since -d 'Only records from this time on: a date (2026-03-01, midnight UTC), an RFC 3339 time, or a duration ago (7d, 12h)' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and not __fish_seen_subcommand_from verify head prune restart help" -l until -d 'Only records up to this time, as --since; a date includes that whole day' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and not __fish_seen_subcommand_from verify head prune restart help" -l run -d 'Only records made in this CI run (its id, such as GITHUB_RUN_ID\'s value)' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and not __fish_seen_subcommand_from verify head prune restart help" -l outcome -d 'Only this outcome' -r -f -a "ok\t''
denied\t''
error\t''"
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and not __fish_seen_subcommand_from verify head prune restart help" -l limit -d 'Only the last K matching records' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and not __fish_seen_subcommand_from verify head prune restart help" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and not __fish_seen_subcommand_from verify head prune restart help" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and not __fish_seen_subcommand_from verify head prune restart help" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and not __fish_seen_subcommand_from verify head prune restart help" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and not __fish_seen_subcommand_from verify head prune restart help" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and not __fish_seen_subcommand_from verify head prune restart help" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and not __fish_seen_subcommand_from verify head prune restart help" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and not __fish_seen_subcommand_from verify head prune restart help" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and not __fish_seen_subcommand_from verify head prune restart help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and not __fish_seen_subcommand_from verify head prune restart help" -f -a "verify" -d 'Check the whole chain: every record\'s MAC, sequence and link, and that the log still holds the record the vault\'s last write bound (exit 5 naming the first bad record)'
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and not __fish_seen_subcommand_from verify head prune restart help" -f -a "head" -d 'Record this access and print the log\'s head as SEQ:HASH, for a CI log or another system to keep as a witness of the tail (\'audit verify --head SEQ:HASH\' checks it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and not __fish_seen_subcommand_from verify head prune restart help" -f -a "prune" -d 'Remove records written before a time, keeping the chain verifiable: the log then starts with a checkpoint standing for what was removed. The records of the vault\'s last write and after are always kept'
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and not __fish_seen_subcommand_from verify head prune restart help" -f -a "restart" -d 'Start a new log when the old one was lost or cannot continue (a vault moved without it, a log restored from an older copy): the old log is renamed aside, never deleted, and the new one starts with a checkpoint for the record the vault\'s last write bound, then a record of this restart'
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and not __fish_seen_subcommand_from verify head prune restart help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from verify" -l head -d 'Also require this record, as printed by \'audit head\' earlier (SEQ:HASH): a log cut back before it, or changed up to it, fails' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from verify" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from verify" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from verify" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from verify" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from verify" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from verify" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from verify" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from head" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from head" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from head" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from head" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from head" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from head" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from head" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from head" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from head" -s h -l help -d 'Print help'
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from prune" -l before -d 'Remove records written before this time: a date (2026-03-01, midnight UTC), an RFC 3339 time, or a duration ago (90d)' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from prune" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from prune" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from prune" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from prune" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from prune" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from prune" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from prune" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from prune" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from restart" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from restart" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from restart" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from restart" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from restart" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from restart" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from restart" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from restart" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check the whole chain: every record\'s MAC, sequence and link, and that the log still holds the record the vault\'s last write bound (exit 5 naming the first bad record)'
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "head" -d 'Record this access and print the log\'s head as SEQ:HASH, for a CI log or another system to keep as a witness of the tail (\'audit verify --head SEQ:HASH\' checks it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove records written before a time, keeping the chain verifiable: the log then starts with a checkpoint standing for what was removed. The records of the vault\'s last write and after are always kept'
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Start a new log when the old one was lost or cannot continue (a vault moved without it, a log restored from an older copy): the old log is renamed aside, never deleted, and the new one starts with a checkpoint for the record the vault\'s last write bound, then a record of this restart'
complete -c sealbox -n "__fish_sealbox_using_subcommand audit; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sealbox -n "__fish_sealbox_using_subcommand vault; and not __fish_seen_subcommand_from copy help" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand vault; and not __fish_seen_subcommand_from copy help" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand vault; and not __fish_seen_subcommand_from copy help" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand vault; and not __fish_seen_subcommand_from copy help" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand vault; and not __fish_seen_subcommand_from copy help" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand vault; and not __fish_seen_subcommand_from copy help" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand vault; and not __fish_seen_subcommand_from copy help" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand vault; and not __fish_seen_subcommand_from copy help" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand vault; and not __fish_seen_subcommand_from copy help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbox -n "__fish_sealbox_using_subcommand vault; and not __fish_seen_subcommand_from copy help" -f -a "copy" -d 'Copy the whole vault into DEST, a new file or an empty team vault\'s database, with its history, slots, scopes and audit log, in one transaction on DEST'
complete -c sealbox -n "__fish_sealbox_using_subcommand vault; and not __fish_seen_subcommand_from copy help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sealbox -n "__fish_sealbox_using_subcommand vault; and __fish_seen_subcommand_from copy" -l to -d 'Where the copy goes: a file path, or postgresql://... for a team vault' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand vault; and __fish_seen_subcommand_from copy" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand vault; and __fish_seen_subcommand_from copy" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand vault; and __fish_seen_subcommand_from copy" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand vault; and __fish_seen_subcommand_from copy" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand vault; and __fish_seen_subcommand_from copy" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand vault; and __fish_seen_subcommand_from copy" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand vault; and __fish_seen_subcommand_from copy" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand vault; and __fish_seen_subcommand_from copy" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand vault; and __fish_seen_subcommand_from copy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbox -n "__fish_sealbox_using_subcommand vault; and __fish_seen_subcommand_from help" -f -a "copy" -d 'Copy the whole vault into DEST, a new file or an empty team vault\'s database, with its history, slots, scopes and audit log, in one transaction on DEST'
complete -c sealbox -n "__fish_sealbox_using_subcommand vault; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sealbox -n "__fish_sealbox_using_subcommand verify" -l vault -d 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand verify" -l key-file -d 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand verify" -l passphrase-file -d 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand verify" -l identity -d 'Unlock a member slot with the identity file at PATH (\'sealbox identity new\'; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]' -r -F
complete -c sealbox -n "__fish_sealbox_using_subcommand verify" -l slot -d 'Unlock with the slot labelled LABEL only [default: every slot of the credential\'s kind]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand verify" -l reason -d 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]' -r
complete -c sealbox -n "__fish_sealbox_using_subcommand verify" -l accept-restore -d 'Accept a vault older than one this account opened before (restored from a backup, or an older git commit checked out): if everything else verifies, its generation is recorded as the latest, and commands open it again'
complete -c sealbox -n "__fish_sealbox_using_subcommand verify" -l json -d 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand verify" -s q -l quiet -d 'Print no informational messages or warnings on stderr (errors are still printed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "init" -d 'Create a new vault with one unlock slot made from the credential in use'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "keygen" -d 'Print a fresh random raw key (64 hex characters) for SEALBOX_KEY or --key-file'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "identity" -d 'Make or show a member\'s identity file, whose recipient string \'slot add --recipient\' takes'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "set" -d 'Store a new version of a secret (value from stdin, a prompt, a file or --generate)'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "get" -d 'Write a secret\'s value to stdout'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "rename" -d 'Give a secret a new name, with its whole history and metadata'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "copy" -d 'Copy a secret to a new name, with its whole history and metadata'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "compact" -d 'Shrink the vault file to what it holds'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "rollback" -d 'Make an older version\'s value current again, as a new version'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "history" -d 'Show every kept version of a secret (number, creation time, data key), never a value'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "list" -d 'List secret names and metadata (never values); needs no credential'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "delete" -d 'Remove secrets and all their versions, or one version with --version N'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "meta" -d 'Change a secret\'s description, rotation period or retention without storing a new version'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "import" -d 'Add many secrets in one all-or-nothing transaction'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "run" -d 'Run a command with secrets added to its environment (sealbox becomes the command)'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "export" -d 'Print secret values in a format another tool reads back exactly'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "check" -d 'Exit 10 when a required secret is missing or a secret is overdue; needs no credential'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "completions" -d 'Print a shell completion script'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "rotate-master" -d 'Replace the credential of the unlock slot in use (instant: re-encrypts nothing)'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "re-encrypt" -d 'Re-encrypt every stored value under a fresh data key, then destroy the old data keys'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "slot" -d 'Manage unlock slots: several passphrases or keys that each open the vault (or a scope)'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "scope" -d 'Manage scopes: named sets of secrets that a scoped credential can open and nothing else'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "redact" -d 'Copy stdin to stdout with every stored value replaced by [REDACTED:NAME]'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "scan" -d 'Report where stored values appear in files, never the values: PATH:LINE:COLUMN NAME FORM'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "audit" -d 'Query, verify, witness and prune the audit log of every command that unlocked'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "vault" -d 'Move the whole vault between a file and a team vault on PostgreSQL'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "verify" -d 'Decrypt-check every slot, data key and stored value; exit 5 naming what fails'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and not __fish_seen_subcommand_from init keygen identity set get rename copy compact rollback history list delete meta import run export check completions rotate-master re-encrypt slot scope redact scan audit vault verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and __fish_seen_subcommand_from identity" -f -a "new" -d 'Write a new identity file (0600) and print its recipient string for \'slot add --recipient\''
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and __fish_seen_subcommand_from identity" -f -a "show" -d 'Print the recipient string and fingerprint of an identity file'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and __fish_seen_subcommand_from slot" -f -a "list" -d 'List unlock slots: label, kind, KDF parameters, created (no key material; no credential needed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and __fish_seen_subcommand_from slot" -f -a "add" -d 'Add an unlock slot for a new passphrase or raw key, or for a member\'s public key (--recipient)'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and __fish_seen_subcommand_from slot" -f -a "remove" -d 'Remove an unlock slot (never the last one)'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and __fish_seen_subcommand_from scope" -f -a "add" -d 'Create a scope from names and prefixes (needs a full credential)'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and __fish_seen_subcommand_from scope" -f -a "list" -d 'List the scopes: name, definition, secrets and slots (no credential needed)'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and __fish_seen_subcommand_from scope" -f -a "show" -d 'Show one scope: its names, prefixes, the secrets it holds and the slots that open it'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and __fish_seen_subcommand_from scope" -f -a "edit" -d 'Add or take out names and prefixes (needs a full credential)'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and __fish_seen_subcommand_from scope" -f -a "remove" -d 'Delete a scope that no slot opens any more (needs a full credential)'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "verify" -d 'Check the whole chain: every record\'s MAC, sequence and link, and that the log still holds the record the vault\'s last write bound (exit 5 naming the first bad record)'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "head" -d 'Record this access and print the log\'s head as SEQ:HASH, for a CI log or another system to keep as a witness of the tail (\'audit verify --head SEQ:HASH\' checks it)'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "prune" -d 'Remove records written before a time, keeping the chain verifiable: the log then starts with a checkpoint standing for what was removed. The records of the vault\'s last write and after are always kept'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and __fish_seen_subcommand_from audit" -f -a "restart" -d 'Start a new log when the old one was lost or cannot continue (a vault moved without it, a log restored from an older copy): the old log is renamed aside, never deleted, and the new one starts with a checkpoint for the record the vault\'s last write bound, then a record of this restart'
complete -c sealbox -n "__fish_sealbox_using_subcommand help; and __fish_seen_subcommand_from vault" -f -a "copy" -d 'Copy the whole vault into DEST, a new file or an empty team vault\'s database, with its history, slots, scopes and audit log, in one transaction on DEST'

# Secret names (added by sealbox to clap_complete's script): NAME arguments and the --only
# and --require lists complete from 'sealbox list --names-only', which needs no credential.
function __sealbox_secret_names
    set -l tokens (commandline -opc)
    set -l vault
    for i in (seq (count $tokens))
        switch $tokens[$i]
            case --vault
                set -l next (math $i + 1)
                set -q tokens[$next]; and set vault --vault $tokens[$next]
            case '--vault=*'
                set vault $tokens[$i]
        end
    end
    command sealbox $vault list --names-only 2>/dev/null
end

function __sealbox_secret_name_list
    set -l token (string replace -r -- '^--[a-z-]+=' '' (commandline -ct))
    # Everything up to the last comma; an empty string, not an empty list, without one.
    set -l head (string replace -r -- '[^,]*$' '' $token)
    for name in (__sealbox_secret_names)
        echo $head$name
    end
end

complete -c sealbox -n "__fish_sealbox_using_subcommand set get show rename mv copy cp rollback history delete rm meta" -f -a "(__sealbox_secret_names)"
