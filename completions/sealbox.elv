
use builtin;
use str;

set edit:completion:arg-completer[sealbox] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'sealbox'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'sealbox'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no informational messages on stderr'
            cand --quiet 'Print no informational messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create a new vault with one unlock slot made from the credential in use'
            cand keygen 'Print a fresh random raw key (64 hex characters) for SEALBOX_KEY or --key-file'
            cand set 'Store a new version of a secret (value from stdin, a prompt, a file or --generate)'
            cand get 'Write a secret''s value to stdout'
            cand list 'List secret names and metadata (never values); needs no credential'
            cand delete 'Remove secrets and all their versions'
            cand import 'Add many secrets in one all-or-nothing transaction'
            cand run 'Run a command with secrets added to its environment (sealbox becomes the command)'
            cand export 'Print secret values in a format another tool reads back exactly'
            cand check 'Exit 10 when a required secret is missing or a secret is overdue; needs no credential'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sealbox;init'= {
            cand --label 'Label of the first unlock slot'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no informational messages on stderr'
            cand --quiet 'Print no informational messages on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;keygen'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no informational messages on stderr'
            cand --quiet 'Print no informational messages on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;set'= {
            cand --from-file 'Read the value from PATH (exact bytes)'
            cand --generate 'Store a random URL-safe value of LEN characters [default: 32]'
            cand --description 'Describe the secret (shown by list)'
            cand --rotate-every 'Record a rotation period such as 90d; list and check show when it is due'
            cand --if-version 'Only store if the current version is N (0: only if the secret does not exist)'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --no-overwrite 'Fail if the secret already exists'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no informational messages on stderr'
            cand --quiet 'Print no informational messages on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;get'= {
            cand --version 'Read this version instead of the current one'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no informational messages on stderr'
            cand --quiet 'Print no informational messages on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;list'= {
            cand --prefix 'Only names starting with P'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no informational messages on stderr'
            cand --quiet 'Print no informational messages on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;delete'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --ignore-missing 'Skip names that are not stored instead of failing'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no informational messages on stderr'
            cand --quiet 'Print no informational messages on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;import'= {
            cand --format 'Input format'
            cand --prefix 'Prepend P to every name read'
            cand --binary 'With --format json, every value is base64 of the bytes to store (as written by ''export --format json --binary base64'')'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no informational messages on stderr'
            cand --quiet 'Print no informational messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;run'= {
            cand --only 'Only these secrets (comma-separated); if one is missing, nothing is done (exit 3)'
            cand --prefix 'Every secret whose name starts with P; P is removed from the names written'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --all 'Every secret in the vault'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no informational messages on stderr'
            cand --quiet 'Print no informational messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;export'= {
            cand --only 'Only these secrets (comma-separated); if one is missing, nothing is done (exit 3)'
            cand --prefix 'Every secret whose name starts with P; P is removed from the names written'
            cand --format 'Output format'
            cand --binary 'With --format json, write every value as base64 of its bytes (for values that are not UTF-8 text)'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --all 'Every secret in the vault'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no informational messages on stderr'
            cand --quiet 'Print no informational messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;check'= {
            cand --require 'Secrets that must exist (comma-separated)'
            cand --max-age 'Report secrets whose current version is older than DURATION, such as 90d'
            cand --prefix 'Only check the age of secrets whose name starts with P'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no informational messages on stderr'
            cand --quiet 'Print no informational messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;completions'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print no informational messages on stderr'
            cand --quiet 'Print no informational messages on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;help'= {
            cand init 'Create a new vault with one unlock slot made from the credential in use'
            cand keygen 'Print a fresh random raw key (64 hex characters) for SEALBOX_KEY or --key-file'
            cand set 'Store a new version of a secret (value from stdin, a prompt, a file or --generate)'
            cand get 'Write a secret''s value to stdout'
            cand list 'List secret names and metadata (never values); needs no credential'
            cand delete 'Remove secrets and all their versions'
            cand import 'Add many secrets in one all-or-nothing transaction'
            cand run 'Run a command with secrets added to its environment (sealbox becomes the command)'
            cand export 'Print secret values in a format another tool reads back exactly'
            cand check 'Exit 10 when a required secret is missing or a secret is overdue; needs no credential'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sealbox;help;init'= {
        }
        &'sealbox;help;keygen'= {
        }
        &'sealbox;help;set'= {
        }
        &'sealbox;help;get'= {
        }
        &'sealbox;help;list'= {
        }
        &'sealbox;help;delete'= {
        }
        &'sealbox;help;import'= {
        }
        &'sealbox;help;run'= {
        }
        &'sealbox;help;export'= {
        }
        &'sealbox;help;check'= {
        }
        &'sealbox;help;completions'= {
        }
        &'sealbox;help;help'= {
        }
    ]
    $completions[$command]
}
