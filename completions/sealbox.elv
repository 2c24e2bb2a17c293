
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
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create a new vault with one unlock slot made from the credential in use'
            cand keygen 'Print a fresh random raw key (64 hex characters) for SEALBOX_KEY or --key-file'
            cand identity 'Make or show a member''s identity file, whose recipient string ''slot add --recipient'' takes'
            cand set 'Store a new version of a secret (value from stdin, a prompt, a file or --generate)'
            cand get 'Write a secret''s value to stdout'
            cand show 'Write a secret''s value to stdout'
            cand rename 'Give a secret a new name, with its whole history and metadata'
            cand mv 'Give a secret a new name, with its whole history and metadata'
            cand copy 'Copy a secret to a new name, with its whole history and metadata'
            cand cp 'Copy a secret to a new name, with its whole history and metadata'
            cand compact 'Shrink the vault file to what it holds'
            cand rollback 'Make an older version''s value current again, as a new version'
            cand history 'Show every kept version of a secret (number, creation time, data key), never a value'
            cand list 'List secret names and metadata (never values); needs no credential'
            cand ls 'List secret names and metadata (never values); needs no credential'
            cand delete 'Remove secrets and all their versions, or one version with --version N'
            cand rm 'Remove secrets and all their versions, or one version with --version N'
            cand meta 'Change a secret''s description, rotation period or retention without storing a new version'
            cand import 'Add many secrets in one all-or-nothing transaction'
            cand run 'Run a command with secrets added to its environment (sealbox becomes the command)'
            cand export 'Print secret values in a format another tool reads back exactly'
            cand check 'Exit 10 when a required secret is missing or a secret is overdue; needs no credential'
            cand completions 'Print a shell completion script'
            cand rotate-master 'Replace the credential of the unlock slot in use (instant: re-encrypts nothing)'
            cand re-encrypt 'Re-encrypt every stored value under a fresh data key, then destroy the old data keys'
            cand slot 'Manage unlock slots: several passphrases or keys that each open the vault (or a scope)'
            cand scope 'Manage scopes: named sets of secrets that a scoped credential can open and nothing else'
            cand redact 'Copy stdin to stdout with every stored value replaced by [REDACTED:NAME]'
            cand scan 'Report where stored values appear in files, never the values: PATH:LINE:COLUMN NAME FORM'
            cand audit 'Query, verify, witness and prune the audit log of every command that unlocked'
            cand vault 'Move the whole vault between a file and a team vault on PostgreSQL'
            cand verify 'Decrypt-check every slot, data key and stored value; exit 5 naming what fails'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sealbox;init'= {
            cand --label 'Label of the first unlock slot (1 to 64 printable characters, as for ''slot add'')'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;keygen'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;identity'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand new 'Write a new identity file (0600) and print its recipient string for ''slot add --recipient'''
            cand show 'Print the recipient string and fingerprint of an identity file'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sealbox;identity;new'= {
            cand --new-passphrase-file 'Read the protecting passphrase from PATH, one trailing newline removed [env: SEALBOX_NEW_PASSPHRASE_FILE]'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --passphrase 'Protect the file with a passphrase, asked for on each unlock (from --new-passphrase-file, SEALBOX_NEW_PASSPHRASE or typed twice); not for scripts'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;identity;show'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;identity;help'= {
            cand new 'Write a new identity file (0600) and print its recipient string for ''slot add --recipient'''
            cand show 'Print the recipient string and fingerprint of an identity file'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sealbox;identity;help;new'= {
        }
        &'sealbox;identity;help;show'= {
        }
        &'sealbox;identity;help;help'= {
        }
        &'sealbox;set'= {
            cand --from-file 'Read the value from PATH (exact bytes)'
            cand --generate 'Store a random URL-safe value of LEN characters [default: 32]'
            cand --description 'Describe the secret (shown by list); an empty TEXT removes the description. To change it without storing a new value, use ''sealbox meta'''
            cand --rotate-every 'Record a rotation period such as 90d (units s, min, h, d, w, mo = 30 days, y = 365 days), or none to remove it; list and check show when it is due'
            cand --keep 'Keep at most K versions of this secret from now on (1 to 1000; the vault''s default is 10); older ones are destroyed when a new version is stored'
            cand --if-version 'Only store if the current version is N (0: only if the secret does not exist)'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --no-overwrite 'Fail if the secret already exists'
            cand --allow-empty 'Store an empty value; without this an empty value is refused (exit 2), since it most often means the command feeding stdin failed'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;get'= {
            cand --version 'Read this version instead of the current one'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --previous 'Read the version before the current one (the one an overlap window still accepts)'
            cand --masked 'Print a preview for a person checking which value is configured, such as sk-p…(48)…Q2: at most the first 4 and last 2 characters (none of a value under 8 bytes, and never more than a quarter of it) and the length in bytes, then a newline'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;show'= {
            cand --version 'Read this version instead of the current one'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --previous 'Read the version before the current one (the one an overlap window still accepts)'
            cand --masked 'Print a preview for a person checking which value is configured, such as sk-p…(48)…Q2: at most the first 4 and last 2 characters (none of a value under 8 bytes, and never more than a quarter of it) and the length in bytes, then a newline'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;rename'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;mv'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;copy'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;cp'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;compact'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;rollback'= {
            cand --to 'The kept version whose value becomes current (''sealbox history NAME'' lists them)'
            cand --if-version 'Only roll back if the current version is V'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;history'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --verified 'Require a credential and authenticate the history (exit 5 if the file was edited)'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;list'= {
            cand --prefix 'Only names starting with P'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --names-only 'Print only the names, one per line, without a header (what shell completion uses); never authenticated'
            cand --verified 'Require a credential and authenticate what is listed (exit 5 if the file was edited)'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;ls'= {
            cand --prefix 'Only names starting with P'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --names-only 'Print only the names, one per line, without a header (what shell completion uses); never authenticated'
            cand --verified 'Require a credential and authenticate what is listed (exit 5 if the file was edited)'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;delete'= {
            cand --version 'Destroy only this version of the one NAME given (not the current one)'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --ignore-missing 'Skip names that are not stored instead of failing'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;rm'= {
            cand --version 'Destroy only this version of the one NAME given (not the current one)'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --ignore-missing 'Skip names that are not stored instead of failing'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;meta'= {
            cand --description 'New description (shown by list); an empty TEXT removes it'
            cand --rotate-every 'New rotation period such as 90d (units s, min, h, d, w, mo = 30 days, y = 365 days), or none to remove it'
            cand --keep 'How many versions to keep (1 to 1000), or default for the vault''s (10); applies from the next version stored, so nothing is destroyed here'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;import'= {
            cand --format 'Input format'
            cand --prefix 'Prepend P to every name read'
            cand --binary 'With --format json, every value is base64 of the bytes to store (as written by ''export --format json --binary base64'')'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --skip-unchanged 'Store nothing for an entry whose value is already the secret''s current value'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;run'= {
            cand --only 'Only these secrets (comma-separated; spaces and empty items are ignored); with --prefix, names relative to it. If one is missing, nothing is done (exit 3)'
            cand --prefix 'Every secret whose name starts with P; P is removed from the names written. Repeatable: when two prefixes give the same name, the later --prefix wins'
            cand --scope 'Exactly the secrets of scope NAME (''sealbox scope show NAME''), whichever credential is used: a declared scope, checked'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --all 'Every secret in the vault (for a scoped credential, every secret of its scope)'
            cand --with-previous 'Also add NAME_PREVIOUS with the version before the current one, for secrets that keep one (an overlap window while callers move to a new value)'
            cand --redact 'Filter CMD''s stdout and stderr (each on its own) through the matcher, as ''sealbox redact'' does, with the injected values: sealbox stays CMD''s parent, forwards SIGINT, SIGTERM, SIGHUP, SIGQUIT and SIGWINCH sent to it, and exits with CMD''s status (128+N when a signal N ended it)'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;export'= {
            cand --only 'Only these secrets (comma-separated; spaces and empty items are ignored); with --prefix, names relative to it. If one is missing, nothing is done (exit 3)'
            cand --prefix 'Every secret whose name starts with P; P is removed from the names written. Repeatable: when two prefixes give the same name, the later --prefix wins'
            cand --scope 'Exactly the secrets of scope NAME (''sealbox scope show NAME''), whichever credential is used: a declared scope, checked'
            cand --format 'Output format'
            cand --binary 'With --format json, write every value as base64 of its bytes (for values that are not UTF-8 text)'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --all 'Every secret in the vault (for a scoped credential, every secret of its scope)'
            cand --with-previous 'Also write NAME_PREVIOUS with the version before the current one, for secrets that keep one (an overlap window while callers move to a new value)'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;check'= {
            cand --require 'Secrets that must exist (comma-separated; spaces and empty items are ignored)'
            cand --max-age 'Report secrets whose current version is older than DURATION, such as 90d (units s, min, h, d, w, mo = 30 days, y = 365 days)'
            cand --prefix 'Only check the age of secrets whose name starts with P'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --verified 'Require a credential and authenticate everything reported (exit 5 if the file was edited); without it, check authenticates only when a credential is given anyway'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;completions'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;rotate-master'= {
            cand --new-key-file 'Read the new raw key (64 hex characters) from PATH [env: SEALBOX_NEW_KEY_FILE]'
            cand --new-passphrase-file 'Read the new passphrase from PATH, one trailing newline removed [env: SEALBOX_NEW_PASSPHRASE_FILE]'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --to-key 'The new credential must be a raw key (from --new-key-file or SEALBOX_NEW_KEY)'
            cand --to-passphrase 'The new credential must be a passphrase (from --new-passphrase-file, SEALBOX_NEW_PASSPHRASE or the prompt)'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;re-encrypt'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --new-vault-key 'Also replace the vault key: every data key and the unlock slot in use are re-wrapped under a new one (for when someone may hold an old copy of the file and a credential)'
            cand --drop-other-slots 'With --new-vault-key: delete every other unlock slot instead of refusing (they can only open the old vault key); re-add them afterwards with ''sealbox slot add'''
            cand --restart 'Start over with a fresh data key even if an earlier run was interrupted (by default that run is resumed: only the values it had not moved yet are re-encrypted)'
            cand --dry-run 'Say what would be done, and change nothing'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;slot'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List unlock slots: label, kind, KDF parameters, created (no key material; no credential needed)'
            cand add 'Add an unlock slot for a new passphrase or raw key, or for a member''s public key (--recipient)'
            cand remove 'Remove an unlock slot (never the last one)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sealbox;slot;list'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;slot;add'= {
            cand --label 'Label of the new slot [default: its kind, numbered if taken, e.g. key-2]'
            cand --new-key-file 'Read the new raw key (64 hex characters) from PATH [env: SEALBOX_NEW_KEY_FILE]'
            cand --new-passphrase-file 'Read the new passphrase from PATH, one trailing newline removed [env: SEALBOX_NEW_PASSPHRASE_FILE]'
            cand --recipient 'Add a member slot that the identity file behind RECIPIENT (age1..., printed by ''sealbox identity new'') opens; get it from the member over a channel you trust'
            cand --scope 'Make a scoped credential: it opens the secrets of scope NAME and nothing else (exit 9)'
            cand --expires 'The scoped credential stops opening the vault after DURATION, such as 30d (units s, min, h, d, w, mo, y)'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --allow-write 'Let the scoped credential set and delete secrets inside its scope (never slots, scopes or keys)'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;slot;remove'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;slot;help'= {
            cand list 'List unlock slots: label, kind, KDF parameters, created (no key material; no credential needed)'
            cand add 'Add an unlock slot for a new passphrase or raw key, or for a member''s public key (--recipient)'
            cand remove 'Remove an unlock slot (never the last one)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sealbox;slot;help;list'= {
        }
        &'sealbox;slot;help;add'= {
        }
        &'sealbox;slot;help;remove'= {
        }
        &'sealbox;slot;help;help'= {
        }
        &'sealbox;scope'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand add 'Create a scope from names and prefixes (needs a full credential)'
            cand list 'List the scopes: name, definition, secrets and slots (no credential needed)'
            cand show 'Show one scope: its names, prefixes, the secrets it holds and the slots that open it'
            cand edit 'Add or take out names and prefixes (needs a full credential)'
            cand remove 'Delete a scope that no slot opens any more (needs a full credential)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sealbox;scope;add'= {
            cand --only 'Secrets in the scope (comma-separated)'
            cand --prefix 'Every secret whose name starts with P, including those set later (repeatable)'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;scope;list'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;scope;show'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;scope;edit'= {
            cand --add 'Names to add (comma-separated)'
            cand --remove 'Names to take out (comma-separated)'
            cand --add-prefix 'A prefix to add (repeatable)'
            cand --remove-prefix 'A prefix to take out (repeatable)'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;scope;remove'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;scope;help'= {
            cand add 'Create a scope from names and prefixes (needs a full credential)'
            cand list 'List the scopes: name, definition, secrets and slots (no credential needed)'
            cand show 'Show one scope: its names, prefixes, the secrets it holds and the slots that open it'
            cand edit 'Add or take out names and prefixes (needs a full credential)'
            cand remove 'Delete a scope that no slot opens any more (needs a full credential)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sealbox;scope;help;add'= {
        }
        &'sealbox;scope;help;list'= {
        }
        &'sealbox;scope;help;show'= {
        }
        &'sealbox;scope;help;edit'= {
        }
        &'sealbox;scope;help;remove'= {
        }
        &'sealbox;scope;help;help'= {
        }
        &'sealbox;redact'= {
            cand --only 'Only these secrets (comma-separated)'
            cand --prefix 'Only secrets whose name starts with P (repeatable)'
            cand --min-length 'Leave out values shorter than N bytes, which would match ordinary text (true, 8080)'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --all 'Every secret in the vault (the default)'
            cand --mask 'Replace each match with *** instead of [REDACTED:NAME]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;scan'= {
            cand --only 'Only these secrets (comma-separated)'
            cand --prefix 'Only secrets whose name starts with P (repeatable)'
            cand --min-length 'Leave out values shorter than N bytes, which would match ordinary text (true, 8080)'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --staged 'Scan the git index (what the next commit would hold) instead of the work tree'
            cand --all 'Every secret in the vault (the default)'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;audit'= {
            cand --name 'Only records that touched this secret'
            cand --prefix 'Only records that touched a secret whose name starts with P'
            cand --action 'Only this action: a command such as get, set, run, export, delete, rotate-master, re-encrypt, ''slot add'''
            cand --since 'Only records from this time on: a date (2026-03-01, midnight UTC), an RFC 3339 time, or a duration ago (7d, 12h)'
            cand --until 'Only records up to this time, as --since; a date includes that whole day'
            cand --run 'Only records made in this CI run (its id, such as GITHUB_RUN_ID''s value)'
            cand --outcome 'Only this outcome'
            cand --limit 'Only the last K matching records'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand verify 'Check the whole chain: every record''s MAC, sequence and link, and that the log still holds the record the vault''s last write bound (exit 5 naming the first bad record)'
            cand head 'Record this access and print the log''s head as SEQ:HASH, for a CI log or another system to keep as a witness of the tail (''audit verify --head SEQ:HASH'' checks it)'
            cand prune 'Remove records written before a time, keeping the chain verifiable: the log then starts with a checkpoint standing for what was removed. The records of the vault''s last write and after are always kept'
            cand restart 'Start a new log when the old one was lost or cannot continue (a vault moved without it, a log restored from an older copy): the old log is renamed aside, never deleted, and the new one starts with a checkpoint for the record the vault''s last write bound, then a record of this restart'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sealbox;audit;verify'= {
            cand --head 'Also require this record, as printed by ''audit head'' earlier (SEQ:HASH): a log cut back before it, or changed up to it, fails'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;audit;head'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;audit;prune'= {
            cand --before 'Remove records written before this time: a date (2026-03-01, midnight UTC), an RFC 3339 time, or a duration ago (90d)'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;audit;restart'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'sealbox;audit;help'= {
            cand verify 'Check the whole chain: every record''s MAC, sequence and link, and that the log still holds the record the vault''s last write bound (exit 5 naming the first bad record)'
            cand head 'Record this access and print the log''s head as SEQ:HASH, for a CI log or another system to keep as a witness of the tail (''audit verify --head SEQ:HASH'' checks it)'
            cand prune 'Remove records written before a time, keeping the chain verifiable: the log then starts with a checkpoint standing for what was removed. The records of the vault''s last write and after are always kept'
            cand restart 'Start a new log when the old one was lost or cannot continue (a vault moved without it, a log restored from an older copy): the old log is renamed aside, never deleted, and the new one starts with a checkpoint for the record the vault''s last write bound, then a record of this restart'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sealbox;audit;help;verify'= {
        }
        &'sealbox;audit;help;head'= {
        }
        &'sealbox;audit;help;prune'= {
        }
        &'sealbox;audit;help;restart'= {
        }
        &'sealbox;audit;help;help'= {
        }
        &'sealbox;vault'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand copy 'Copy the whole vault into DEST, a new file or an empty team vault''s database, with its history, slots, scopes and audit log, in one transaction on DEST'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sealbox;vault;copy'= {
            cand --to 'Where the copy goes: a file path, or postgresql://... for a team vault'
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;vault;help'= {
            cand copy 'Copy the whole vault into DEST, a new file or an empty team vault''s database, with its history, slots, scopes and audit log, in one transaction on DEST'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sealbox;vault;help;copy'= {
        }
        &'sealbox;vault;help;help'= {
        }
        &'sealbox;verify'= {
            cand --vault 'Vault file [env: SEALBOX_VAULT] [default: $XDG_DATA_HOME/sealbox/vault.db]'
            cand --key-file 'Read a raw 256-bit key (64 hex characters) from PATH [env: SEALBOX_KEY_FILE]'
            cand --passphrase-file 'Read the passphrase from PATH, one trailing newline removed [env: SEALBOX_PASSPHRASE_FILE]'
            cand --identity 'Unlock a member slot with the identity file at PATH (''sealbox identity new''; a passphrase-protected one asks on the terminal) [env: SEALBOX_IDENTITY_FILE]'
            cand --slot 'Unlock with the slot labelled LABEL only [default: every slot of the credential''s kind]'
            cand --reason 'Why this access happens, recorded in the audit log (up to 1,000 characters) [env: SEALBOX_REASON]'
            cand --accept-restore 'Accept a vault older than one this account opened before (restored from a backup, or an older git commit checked out): if everything else verifies, its generation is recorded as the latest, and commands open it again'
            cand --json 'Print the result as one JSON document on stdout (get, export, run, keygen and completions refuse it)'
            cand -q 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand --quiet 'Print no informational messages or warnings on stderr (errors are still printed)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'sealbox;help'= {
            cand init 'Create a new vault with one unlock slot made from the credential in use'
            cand keygen 'Print a fresh random raw key (64 hex characters) for SEALBOX_KEY or --key-file'
            cand identity 'Make or show a member''s identity file, whose recipient string ''slot add --recipient'' takes'
            cand set 'Store a new version of a secret (value from stdin, a prompt, a file or --generate)'
            cand get 'Write a secret''s value to stdout'
            cand rename 'Give a secret a new name, with its whole history and metadata'
            cand copy 'Copy a secret to a new name, with its whole history and metadata'
            cand compact 'Shrink the vault file to what it holds'
            cand rollback 'Make an older version''s value current again, as a new version'
            cand history 'Show every kept version of a secret (number, creation time, data key), never a value'
            cand list 'List secret names and metadata (never values); needs no credential'
            cand delete 'Remove secrets and all their versions, or one version with --version N'
            cand meta 'Change a secret''s description, rotation period or retention without storing a new version'
            cand import 'Add many secrets in one all-or-nothing transaction'
            cand run 'Run a command with secrets added to its environment (sealbox becomes the command)'
            cand export 'Print secret values in a format another tool reads back exactly'
            cand check 'Exit 10 when a required secret is missing or a secret is overdue; needs no credential'
            cand completions 'Print a shell completion script'
            cand rotate-master 'Replace the credential of the unlock slot in use (instant: re-encrypts nothing)'
            cand re-encrypt 'Re-encrypt every stored value under a fresh data key, then destroy the old data keys'
            cand slot 'Manage unlock slots: several passphrases or keys that each open the vault (or a scope)'
            cand scope 'Manage scopes: named sets of secrets that a scoped credential can open and nothing else'
            cand redact 'Copy stdin to stdout with every stored value replaced by [REDACTED:NAME]'
            cand scan 'Report where stored values appear in files, never the values: PATH:LINE:COLUMN NAME FORM'
            cand audit 'Query, verify, witness and prune the audit log of every command that unlocked'
            cand vault 'Move the whole vault between a file and a team vault on PostgreSQL'
            cand verify 'Decrypt-check every slot, data key and stored value; exit 5 naming what fails'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'sealbox;help;init'= {
        }
        &'sealbox;help;keygen'= {
        }
        &'sealbox;help;identity'= {
            cand new 'Write a new identity file (0600) and print its recipient string for ''slot add --recipient'''
            cand show 'Print the recipient string and fingerprint of an identity file'
        }
        &'sealbox;help;identity;new'= {
        }
        &'sealbox;help;identity;show'= {
        }
        &'sealbox;help;set'= {
        }
        &'sealbox;help;get'= {
        }
        &'sealbox;help;rename'= {
        }
        &'sealbox;help;copy'= {
        }
        &'sealbox;help;compact'= {
        }
        &'sealbox;help;rollback'= {
        }
        &'sealbox;help;history'= {
        }
        &'sealbox;help;list'= {
        }
        &'sealbox;help;delete'= {
        }
        &'sealbox;help;meta'= {
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
        &'sealbox;help;rotate-master'= {
        }
        &'sealbox;help;re-encrypt'= {
        }
        &'sealbox;help;slot'= {
            cand list 'List unlock slots: label, kind, KDF parameters, created (no key material; no credential needed)'
            cand add 'Add an unlock slot for a new passphrase or raw key, or for a member''s public key (--recipient)'
            cand remove 'Remove an unlock slot (never the last one)'
        }
        &'sealbox;help;slot;list'= {
        }
        &'sealbox;help;slot;add'= {
        }
        &'sealbox;help;slot;remove'= {
        }
        &'sealbox;help;scope'= {
            cand add 'Create a scope from names and prefixes (needs a full credential)'
            cand list 'List the scopes: name, definition, secrets and slots (no credential needed)'
            cand show 'Show one scope: its names, prefixes, the secrets it holds and the slots that open it'
            cand edit 'Add or take out names and prefixes (needs a full credential)'
            cand remove 'Delete a scope that no slot opens any more (needs a full credential)'
        }
        &'sealbox;help;scope;add'= {
        }
        &'sealbox;help;scope;list'= {
        }
        &'sealbox;help;scope;show'= {
        }
        &'sealbox;help;scope;edit'= {
        }
        &'sealbox;help;scope;remove'= {
        }
        &'sealbox;help;redact'= {
        }
        &'sealbox;help;scan'= {
        }
        &'sealbox;help;audit'= {
            cand verify 'Check the whole chain: every record''s MAC, sequence and link, and that the log still holds the record the vault''s last write bound (exit 5 naming the first bad record)'
            cand head 'Record this access and print the log''s head as SEQ:HASH, for a CI log or another system to keep as a witness of the tail (''audit verify --head SEQ:HASH'' checks it)'
            cand prune 'Remove records written before a time, keeping the chain verifiable: the log then starts with a checkpoint standing for what was removed. The records of the vault''s last write and after are always kept'
            cand restart 'Start a new log when the old one was lost or cannot continue (a vault moved without it, a log restored from an older copy): the old log is renamed aside, never deleted, and the new one starts with a checkpoint for the record the vault''s last write bound, then a record of this restart'
        }
        &'sealbox;help;audit;verify'= {
        }
        &'sealbox;help;audit;head'= {
        }
        &'sealbox;help;audit;prune'= {
        }
        &'sealbox;help;audit;restart'= {
        }
        &'sealbox;help;vault'= {
            cand copy 'Copy the whole vault into DEST, a new file or an empty team vault''s database, with its history, slots, scopes and audit log, in one transaction on DEST'
        }
        &'sealbox;help;vault;copy'= {
        }
        &'sealbox;help;verify'= {
        }
        &'sealbox;help;help'= {
        }
    ]
    $completions[$command]
}
