//! Issue 13, member slots: `identity new` writes a private age identity file and prints its
//! recipient; `slot add --recipient` seals a slot to it; `--identity` / SEALBOX_IDENTITY_FILE
//! unlocks. Two members and a CI key share one vault; removing a member locks them out; an
//! edited recipient or envelope is tampering (exit 5); a scoped member reads only its scope;
//! a passphrase-protected identity asks on the terminal and nowhere else; the identity files
//! are real age files (the age CLI reads them, and sealbox reads age-keygen's).

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::{Value, json};

use crate::common::{TestEnv, contains, stderr, stdout};

/// `sealbox identity new FILE` in `env`; returns the recipient it printed.
fn new_identity(env: &TestEnv, file: &Path) -> String {
    let out = env
        .bare_cmd(&["identity", "new", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recipient = stdout(&out).trim_end().to_owned();
    assert!(recipient.starts_with("age1"), "{recipient}");
    recipient
}

fn add_member(env: &TestEnv, label: &str, recipient: &str, extra: &[&str]) -> Output {
    let mut args = vec!["slot", "add", "--recipient", recipient, "--label", label];
    args.extend_from_slice(extra);
    env.cmd(&args).output().unwrap()
}

fn as_member(env: &TestEnv, identity: &Path, args: &[&str]) -> Output {
    env.bare_cmd(args)
        .env("SEALBOX_IDENTITY_FILE", identity)
        .output()
        .unwrap()
}

/// `sealbox set NAME` as the member, the value on stdin.
fn set_as_member(env: &TestEnv, identity: &Path, name: &str, value: &str) -> Output {
    env.bare_cmd(&["set", name])
        .env("SEALBOX_IDENTITY_FILE", identity)
        .write_stdin(value)
        .output()
        .unwrap()
}

/// Puts `from`'s vault and audit log where `to` keeps its own (a copy, or a swap).
fn copy_vault(from: &TestEnv, to: &TestEnv) {
    std::fs::copy(&from.vault, &to.vault).unwrap();
    std::fs::copy(from.audit_log(), to.audit_log()).unwrap();
}

fn fingerprint_in_list(env: &TestEnv, label: &str) -> (String, String) {
    let list: Value = serde_json::from_str(&stdout(
        &env.bare_cmd(&["slot", "list", "--json"]).output().unwrap(),
    ))
    .unwrap();
    let slot = list
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["label"] == label)
        .unwrap_or_else(|| panic!("no slot {label}: {list}"))
        .clone();
    assert_eq!(slot["kind"], "identity");
    assert_eq!(slot["kdf"], json!({ "algorithm": "age-x25519" }));
    (
        slot["recipient"].as_str().unwrap().to_owned(),
        slot["fingerprint"].as_str().unwrap().to_owned(),
    )
}

struct Team {
    env: TestEnv,
    alice: PathBuf,
    bob: PathBuf,
}

const CI_KEY: &str = "3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c3c";

/// A vault (owner key) with members alice and bob and a CI key slot, holding A and B.
fn team() -> Team {
    let env = TestEnv::with_vault();
    env.set("A", b"value of A");
    env.set("B", b"value of B");
    let (alice, bob) = (env.home().join("alice.key"), env.home().join("bob.key"));
    for (label, file) in [("alice", &alice), ("bob", &bob)] {
        let recipient = new_identity(&env, file);
        let out = add_member(&env, label, &recipient, &[]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let (listed, fingerprint) = fingerprint_in_list(&env, label);
        assert_eq!(listed, recipient);
        assert_eq!(
            stderr(&out),
            format!(
                "added unlock slot \"{label}\" (identity, recipient {recipient}, fingerprint {fingerprint})\n"
            )
        );
    }
    let out = env
        .cmd(&["slot", "add", "--label", "ci"])
        .env("SEALBOX_NEW_KEY", CI_KEY)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    Team { env, alice, bob }
}

#[test]
fn identity_new_writes_a_private_file_prints_the_recipient_and_never_overwrites() {
    let env = TestEnv::new();
    let file = env.home().join("ids/nested/me.key");
    let out = env
        .bare_cmd(&["identity", "new", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recipient = stdout(&out);
    let text = std::fs::read_to_string(&file).unwrap();
    // The age-keygen layout: a creation comment, the public key, the secret key.
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("# created: 20"), "{text}");
    assert_eq!(
        format!("# public key: {recipient}"),
        format!("{}\n", lines[1])
    );
    assert!(lines[2].starts_with("AGE-SECRET-KEY-1"), "{text}");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(file.parent().unwrap()), 0o700);
    assert_eq!(mode(&env.home().join("ids")), 0o700);
    // The fingerprint the message gives is the one `identity show` and `slot list` give.
    let show = env
        .bare_cmd(&["identity", "show", file.to_str().unwrap()])
        .output()
        .unwrap();
    let shown = stdout(&show);
    let (shown_recipient, fingerprint) = shown.trim_end().split_once("  ").unwrap();
    assert_eq!(format!("{shown_recipient}\n"), recipient);
    assert!(stderr(&out).contains(&format!("(fingerprint {fingerprint})")));

    // Never over an existing file, whatever it holds; nothing else is left in the directory.
    let again = env
        .bare_cmd(&["identity", "new", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(6));
    assert_eq!(again.stdout, b"");
    assert_eq!(
        stderr(&again),
        format!(
            "error: {} already exists; nothing was written\n\
             hint: an identity file is never replaced: choose another path, or remove the old file if no slot needs it\n",
            file.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    let entries: Vec<_> = std::fs::read_dir(file.parent().unwrap()).unwrap().collect();
    assert_eq!(entries.len(), 1);

    let json_file = env.home().join("other.key");
    let out = env
        .bare_cmd(&["identity", "new", json_file.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["protected"], false);
    assert!(doc["recipient"].as_str().unwrap().starts_with("age1"));
    assert_eq!(doc["fingerprint"].as_str().unwrap().len(), 39);
}

#[test]
fn two_members_and_a_ci_key_share_a_vault_and_a_removed_member_is_locked_out() {
    let Team { env, alice, bob } = team();
    for identity in [&alice, &bob] {
        let out = as_member(&env, identity, &["get", "A"]);
        assert_eq!(out.stdout, b"value of A", "{}", stderr(&out));
    }
    let out = env
        .bare_cmd(&["--identity", alice.to_str().unwrap(), "get", "B"])
        .output()
        .unwrap();
    assert_eq!(out.stdout, b"value of B", "{}", stderr(&out));
    let ci = env
        .bare_cmd(&["get", "B"])
        .env("SEALBOX_KEY", CI_KEY)
        .output()
        .unwrap();
    assert_eq!(ci.stdout, b"value of B");
    // A member writes as any full credential does.
    let out = set_as_member(&env, &alice, "C", "from alice");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(as_member(&env, &bob, &["get", "C"]).stdout, b"from alice");

    // The audit log names the member's slot.
    let last = env.audit_lines().pop().unwrap();
    assert_eq!(
        (&last["action"], &last["slot"]),
        (&json!("get"), &json!("bob"))
    );

    env.cmd(&["slot", "remove", "alice"]).assert().code(0);
    let before = env.vault_files();
    let out = as_member(&env, &alice, &["get", "A"]);
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(out.stdout, b"");
    assert_eq!(
        stderr(&out),
        format!(
            "error: no unlock slot of this vault is sealed to the identity (using the identity file {} from SEALBOX_IDENTITY_FILE)\n\
             hint: a member with a full credential adds you with 'sealbox slot add --recipient R', R being what 'sealbox identity show FILE' prints\n",
            alice.display()
        )
    );
    // Only the refusal's audit record was added.
    let after = env.vault_files();
    assert_eq!(before.get(&env.vault), after.get(&env.vault));
    assert_eq!(as_member(&env, &bob, &["get", "A"]).stdout, b"value of A");
    env.cmd(&["verify"]).assert().code(0);

    // No secret key of either identity is in any file of the vault.
    for identity in [&alice, &bob] {
        let text = std::fs::read_to_string(identity).unwrap();
        let secret = text.lines().last().unwrap();
        for (path, bytes) in env.vault_files() {
            assert!(!contains(&bytes, secret.as_bytes()), "{}", path.display());
            assert!(
                !contains(&bytes, secret.to_lowercase().as_bytes()),
                "{}",
                path.display()
            );
        }
    }
}

#[test]
fn an_edited_recipient_or_envelope_is_tampering() {
    let Team { env, alice, bob } = team();
    let other = new_identity(&env, &env.home().join("mallory.key"));
    let cases: [(&str, String); 3] = [
        (
            "recipient",
            format!("UPDATE slots SET recipient = '{other}' WHERE label = 'alice'"),
        ),
        (
            "flipped envelope",
            "UPDATE slots SET envelope = CAST(substr(envelope, 1, 100) || x'00' || substr(envelope, 102) AS BLOB) WHERE label = 'alice'".into(),
        ),
        (
            "bob's envelope in alice's slot",
            "UPDATE slots SET envelope = (SELECT envelope FROM slots WHERE label = 'bob') WHERE label = 'alice'".into(),
        ),
    ];
    for (what, sql) in cases {
        let copy = TestEnv::new();
        copy_vault(&env, &copy);
        copy.sql().execute_batch(&sql).unwrap();
        let before = copy.vault_files();
        for (who, identity) in [("alice", &alice), ("bob", &bob)] {
            let out = as_member(&copy, identity, &["get", "A"]);
            assert_eq!(
                out.status.code(),
                Some(5),
                "{what}, as {who}: {}",
                stderr(&out)
            );
            assert_eq!(out.stdout, b"", "{what}");
        }
        let out = copy
            .cmd(&["get", "A"])
            .env("SEALBOX_KEY", &env.key)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(5),
            "{what}, as owner: {}",
            stderr(&out)
        );
        let vault = copy.vault_files().remove(&copy.vault);
        assert_eq!(vault.as_ref(), before.get(&copy.vault), "{what}");
    }
}

#[test]
fn a_scoped_member_reads_its_scope_only() {
    let env = TestEnv::with_vault();
    env.set("A", b"a");
    env.set("C", b"c");
    env.cmd(&["scope", "add", "deploy", "--only", "A"])
        .assert()
        .code(0);
    let identity = env.home().join("agent.key");
    let recipient = new_identity(&env, &identity);
    let out = add_member(&env, "agent", &recipient, &["--scope", "deploy"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).ends_with("for scope \"deploy\", read-only\n"),
        "{}",
        stderr(&out)
    );
    assert_eq!(as_member(&env, &identity, &["get", "A"]).stdout, b"a");
    let out = as_member(&env, &identity, &["get", "C"]);
    assert_eq!(
        (out.status.code(), out.stdout.as_slice()),
        (Some(9), &b""[..])
    );
    let out = as_member(&env, &identity, &["slot", "add", "--recipient", &recipient]);
    assert_eq!(out.status.code(), Some(9), "{}", stderr(&out));
}

#[test]
fn init_with_an_identity_makes_a_member_slot_and_rotate_master_refuses_one() {
    let env = TestEnv::new();
    let identity = env.home().join("me.key");
    let recipient = new_identity(&env, &identity);
    let out = as_member(&env, &identity, &["init", "--label", "me"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(fingerprint_in_list(&env, "me").0, recipient);
    let out = set_as_member(&env, &identity, "A", "x");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let before = env.vault_files();
    let out = env
        .bare_cmd(&["rotate-master"])
        .env("SEALBOX_IDENTITY_FILE", &identity)
        .env("SEALBOX_NEW_KEY", "1d".repeat(32))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: a member slot is not rotated in place; nothing was changed\n\
         hint: add a slot for the new recipient with 'sealbox slot add --recipient R --label L', then remove the old one with 'sealbox slot remove'\n"
    );
    env.assert_unchanged(&before, "rotate-master with an identity");
}

#[test]
fn bad_recipients_identities_and_flag_pairs_are_named_and_change_nothing() {
    let env = TestEnv::with_vault();
    let before = env.vault_files();
    let out = add_member(&env, "x", "age1notarecipient", &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: --recipient is not a recipient string: a recipient must be an age X25519 public key (age1…)\n\
         hint: ask the member for what 'sealbox identity new' printed, over a channel you trust\n"
    );
    let not_identity = env.home().join("not.key");
    std::fs::write(&not_identity, "# a comment only\n").unwrap();
    let out = as_member(&env, &not_identity, &["get", "A"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "error: the identity file {} cannot be used: it is not an identity file (AGE-SECRET-KEY-1… lines, as 'sealbox identity new' and age-keygen write)\n\
             hint: make one with 'sealbox identity new FILE'\n",
            not_identity.display()
        )
    );
    let out = env
        .bare_cmd(&["--identity", "a", "--passphrase-file", "b", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: --passphrase-file and --identity cannot be used together; give one credential\n"
    );
    env.assert_unchanged(&before, "refused member operations");
}

#[test]
fn a_protected_identity_asks_on_the_terminal_and_nowhere_else() {
    let env = TestEnv::with_vault();
    env.set("A", b"value of A");
    let identity = env.home().join("protected.key");
    let out = env
        .bare_cmd(&[
            "identity",
            "new",
            identity.to_str().unwrap(),
            "--passphrase",
        ])
        .env("SEALBOX_NEW_PASSPHRASE", "tr0ub4dor & 3")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recipient = stdout(&out).trim_end().to_owned();
    let text = std::fs::read(&identity).unwrap();
    assert!(text.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"));
    assert!(!contains(&text, b"AGE-SECRET-KEY"));
    assert_eq!(
        add_member(&env, "me", &recipient, &[]).status.code(),
        Some(0)
    );

    // No terminal: refused at once, naming the file.
    let out = as_member(&env, &identity, &["get", "A"]);
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(
        stderr(&out),
        format!(
            "error: the identity file {} is passphrase-protected and there is no terminal to ask for its passphrase\n\
             hint: scripts use an identity file made without --passphrase, kept private as a key file is\n",
            identity.display()
        )
    );

    let pty = |passphrase: &str| {
        let argv = vec![
            crate::common::bin().to_owned(),
            "get".to_owned(),
            "A".to_owned(),
        ];
        let vars = json!({
            "HOME": env.home(), "SEALBOX_VAULT": env.vault, "TERM": "dumb",
            "SEALBOX_IDENTITY_FILE": identity,
        });
        let prompt = format!("Passphrase for the identity file {}: ", identity.display());
        let steps = json!([
            ["expect", prompt],
            ["noecho", ""],
            ["send", format!("{passphrase}\r")]
        ]);
        crate::common::programs::on_pty(&argv, vars, steps)
    };
    let report = pty("tr0ub4dor & 3");
    assert_eq!(report["code"], 0, "{report}");
    assert!(
        report["output"].as_str().unwrap().contains("value of A"),
        "{report}"
    );
    let report = pty("wrong");
    assert_eq!(report["code"], 4, "{report}");
    assert!(
        report["output"].as_str().unwrap().contains(&format!(
            "error: the passphrase does not open the identity file {}",
            identity.display()
        )),
        "{report}"
    );
}

#[test]
fn identity_files_are_age_files_both_ways() {
    use crate::common::programs::tool_available;
    if !tool_available("age", "apt-get install -y age") {
        return;
    }
    let env = TestEnv::with_vault();
    env.set("A", b"value of A");
    // sealbox's identity file decrypts what age encrypts to its recipient.
    let ours = env.home().join("ours.key");
    let recipient = new_identity(&env, &ours);
    let sealed = env.home().join("note.age");
    let status = std::process::Command::new("age")
        .args(["-r", &recipient, "-o", sealed.to_str().unwrap()])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(b"hello age")?;
            child.wait()
        })
        .unwrap();
    assert!(status.success());
    let out = std::process::Command::new("age")
        .args(["-d", "-i", ours.to_str().unwrap(), sealed.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.stdout, b"hello age", "{}", stderr(&out));
    // An identity from age-keygen unlocks a member slot made from its recipient.
    let theirs = env.home().join("theirs.key");
    let out = std::process::Command::new("age-keygen")
        .args(["-o", theirs.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&theirs).unwrap();
    let recipient = text
        .lines()
        .find_map(|l| l.strip_prefix("# public key: "))
        .unwrap();
    assert_eq!(
        add_member(&env, "keygen", recipient, &[]).status.code(),
        Some(0)
    );
    assert_eq!(
        as_member(&env, &theirs, &["get", "A"]).stdout,
        b"value of A"
    );
}

#[test]
fn a_new_vault_key_is_sealed_anew_to_every_member_and_drops_the_other_slots() {
    let Team { env, alice, bob } = team();
    let envelope = |env: &TestEnv| -> Vec<u8> {
        env.sql()
            .query_row(
                "SELECT envelope FROM slots WHERE label = 'alice'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let old_envelope = envelope(&env);
    let out = env
        .cmd(&["re-encrypt", "--new-vault-key", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(stderr(&out).contains("\"ci\""), "{}", stderr(&out));
    assert!(!stderr(&out).contains("alice"), "{}", stderr(&out));
    let out = env
        .cmd(&[
            "re-encrypt",
            "--new-vault-key",
            "--drop-other-slots",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["dropped_slots"], json!(["ci"]));
    assert_eq!(doc["resealed_slots"], json!(["alice", "bob"]));
    assert!(
        stderr(&out).contains(
            "sealed the new vault key to the member slots \"alice\", \"bob\", which open as before"
        ),
        "{}",
        stderr(&out)
    );
    for identity in [&alice, &bob] {
        let out = as_member(&env, identity, &["get", "A"]);
        assert_eq!(out.stdout, b"value of A", "{}", stderr(&out));
    }
    let ci = env
        .bare_cmd(&["get", "A"])
        .env("SEALBOX_KEY", CI_KEY)
        .output()
        .unwrap();
    assert_eq!(ci.status.code(), Some(4));
    env.cmd(&["verify"]).assert().code(0);
    // Sealed anew (a fresh slot secret), to the same recipient.
    assert_ne!(envelope(&env), old_envelope);
    assert!(fingerprint_in_list(&env, "alice").0.starts_with("age1"));
}

/// A member slot's header digest as sealbox computes it (unkeyed), so a test can play an
/// attacker who rewrites the recipient or envelope *and* fixes up the digest.
fn member_digest(vault_id: &[u8], recipient: &str, envelope: &[u8], salt: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    let envelope_digest = sha2::Sha256::new_with_prefix(b"sealbox/v1 member-envelope")
        .chain_update(envelope)
        .finalize();
    let mut header = Vec::new();
    for field in [
        &b"sealbox/member-slot"[..],
        &1u32.to_be_bytes(),
        vault_id,
        recipient.as_bytes(),
        &envelope_digest,
        salt,
    ] {
        header.extend_from_slice(&(field.len() as u32).to_be_bytes());
        header.extend_from_slice(field);
    }
    sha2::Sha256::new_with_prefix(b"sealbox/v1 slot-digest")
        .chain_update(&header)
        .finalize()
        .to_vec()
}

#[test]
fn a_rewritten_member_slot_with_a_recomputed_digest_is_tampering_not_a_wrong_identity() {
    let Team { env, alice, bob } = team();
    let conn = env.sql();
    let vault_id: Vec<u8> = conn
        .query_row("SELECT vault_id FROM vault", [], |r| r.get(0))
        .unwrap();
    let row = |label: &str| -> (String, Vec<u8>, Vec<u8>) {
        conn.query_row(
            "SELECT recipient, envelope, salt FROM slots WHERE label = ?1",
            [label],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
    };
    let (alice_r, alice_e, alice_s) = row("alice");
    let (bob_r, bob_e, bob_s) = row("bob");
    drop(conn);
    // Swap the two members' recipients and envelopes, each digest made to match.
    let copy = TestEnv::new();
    copy_vault(&env, &copy);
    let conn = copy.sql();
    for (label, recipient, envelope, salt) in [
        ("alice", &bob_r, &bob_e, &alice_s),
        ("bob", &alice_r, &alice_e, &bob_s),
    ] {
        conn.execute(
            "UPDATE slots SET recipient = ?1, envelope = ?2, digest = ?3 WHERE label = ?4",
            rusqlite::params![
                recipient,
                envelope,
                member_digest(&vault_id, recipient, envelope, salt),
                label
            ],
        )
        .unwrap();
    }
    drop(conn);
    for identity in [&alice, &bob] {
        let out = as_member(&copy, identity, &["get", "A"]);
        assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
        assert_eq!(out.stdout, b"");
    }
}

#[test]
fn a_new_vault_key_reseals_the_members_own_slot_to_its_own_recipient() {
    let Team { env, alice, bob } = team();
    // An identity file holding alice's key first, then bob's, unlocking bob's slot.
    let both = env.home().join("both.key");
    let text = [&alice, &bob]
        .map(|p| std::fs::read_to_string(p).unwrap())
        .concat();
    std::fs::write(&both, text).unwrap();
    let (bob_recipient, _) = fingerprint_in_list(&env, "bob");
    let out = env
        .bare_cmd(&[
            "--slot",
            "bob",
            "re-encrypt",
            "--new-vault-key",
            "--drop-other-slots",
        ])
        .env("SEALBOX_IDENTITY_FILE", &both)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(fingerprint_in_list(&env, "bob").0, bob_recipient);
    let out = as_member(&env, &bob, &["get", "A"]);
    assert_eq!(out.stdout, b"value of A", "{}", stderr(&out));
}

#[test]
fn a_secret_key_given_as_a_recipient_is_refused_without_being_repeated() {
    let env = TestEnv::with_vault();
    let identity = env.home().join("me.key");
    new_identity(&env, &identity);
    let text = std::fs::read_to_string(&identity).unwrap();
    let secret = text.lines().last().unwrap();
    let before = env.vault_files();
    let out = add_member(&env, "me", secret, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: --recipient was given a secret key (AGE-SECRET-KEY-…), not a recipient; nothing was changed\n\
         hint: that key is now in your shell's history and was visible to other processes: make a new identity with 'sealbox identity new FILE' and give its recipient (age1…) instead\n"
    );
    env.assert_unchanged(&before, "a secret key as a recipient");
}

#[test]
fn a_passphrase_variable_without_the_flag_is_warned_about() {
    let env = TestEnv::new();
    let file = env.home().join("me.key");
    let out = env
        .bare_cmd(&["identity", "new", file.to_str().unwrap()])
        .env("SEALBOX_NEW_PASSPHRASE", "meant to protect it")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).starts_with(
            "warning: SEALBOX_NEW_PASSPHRASE is set but --passphrase was not given: the identity file is not protected\n"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn rotate_master_with_an_identity_is_refused_before_asking_for_a_new_credential() {
    let env = TestEnv::new();
    let identity = env.home().join("me.key");
    new_identity(&env, &identity);
    assert_eq!(as_member(&env, &identity, &["init"]).status.code(), Some(0));
    let out = as_member(&env, &identity, &["rotate-master"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).starts_with("error: a member slot is not rotated in place"));
}

#[test]
fn another_vault_sealed_to_a_member_put_in_place_of_the_real_one_is_refused() {
    let Team { env, alice, .. } = team();
    assert_eq!(as_member(&env, &alice, &["get", "A"]).stdout, b"value of A");
    // Someone who knows alice's recipient (it is public) makes a vault she opens, elsewhere.
    let (recipient, _) = fingerprint_in_list(&env, "alice");
    let attacker = TestEnv::with_vault();
    assert_eq!(
        add_member(&attacker, "alice", &recipient, &[])
            .status
            .code(),
        Some(0)
    );
    copy_vault(&attacker, &env);
    let before = env.vault_files();
    let out = set_as_member(&env, &alice, "PROD_DB", "s3cr3t");
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let first = stderr(&out).lines().next().unwrap().to_owned();
    assert!(
        first.starts_with(&format!(
            "error: the vault {} is not the one this account opened there before",
            env.vault.display()
        )),
        "{first}"
    );
    env.assert_unchanged(&before, "a member's write to a vault put in place of hers");
    let out = as_member(&env, &alice, &["verify", "--json"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("\"what\":\"vault id\""),
        "{}",
        stdout(&out)
    );
    // Accepted on purpose, it is the vault at this path from then on.
    let out = as_member(&env, &alice, &["verify", "--accept-restore"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(as_member(&env, &alice, &["list"]).status.code(), Some(0));
    // A new vault made here by init replaces the record too.
    std::fs::remove_file(&env.vault).unwrap();
    std::fs::remove_file(env.audit_log()).unwrap();
    env.cmd(&["init"]).assert().code(0);
    env.cmd(&["list"]).assert().code(0);
}

#[test]
fn a_recipient_gets_one_slot() {
    let Team { env, alice, .. } = team();
    let (recipient, _) = fingerprint_in_list(&env, "alice");
    env.cmd(&["scope", "add", "deploy", "--only", "A"])
        .assert()
        .code(0);
    let before = env.vault_files();
    let out = add_member(&env, "alice-deploy", &recipient, &["--scope", "deploy"]);
    assert_eq!(out.status.code(), Some(6));
    assert_eq!(
        stderr(&out),
        "error: the unlock slot \"alice\" is sealed to this recipient already\n\
         hint: one recipient has one slot: remove that one first ('sealbox slot remove') to give the member other rights\n"
    );
    // Only the refusal's audit record was added.
    assert_eq!(env.vault_files().get(&env.vault), before.get(&env.vault));
    assert_eq!(as_member(&env, &alice, &["get", "B"]).stdout, b"value of B");
}

#[test]
fn a_vault_with_a_copied_id_but_other_keys_and_a_symlink_pointed_elsewhere_are_refused() {
    let Team { env, alice, .. } = team();
    assert_eq!(as_member(&env, &alice, &["get", "A"]).stdout, b"value of A");
    let state = env.home().join(".local/state/sealbox");
    let pins: Vec<PathBuf> = std::fs::read_dir(&state)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "pin"))
        .collect();
    assert_eq!(pins.len(), 1, "{pins:?}");
    // The records do not say where the vault is, by name or content.
    let path = env.vault.to_str().unwrap();
    for record in std::fs::read_dir(&state).unwrap() {
        let record = record.unwrap().path();
        assert!(
            !record.to_str().unwrap().contains("vault.db"),
            "{}",
            record.display()
        );
        let text = std::fs::read(&record).unwrap();
        assert!(!contains(&text, path.as_bytes()), "{}", record.display());
    }
    // What this account knows of the vault's keys no longer matches what the file holds: as
    // with a vault forged under the real one's id, which cannot hold its audit key.
    let real = std::fs::read_to_string(&pins[0]).unwrap();
    std::fs::write(&pins[0], format!("{}\n", "ab".repeat(16))).unwrap();
    let out = as_member(&env, &alice, &["get", "A"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).starts_with(&format!(
            "error: the vault {} has the id of a vault this account opened, but not that vault's keys",
            env.vault.display()
        )),
        "{}",
        stderr(&out)
    );
    let out = as_member(&env, &alice, &["verify", "--json"]);
    assert_eq!(out.status.code(), Some(5));
    assert!(
        stdout(&out).contains("\"what\":\"vault keys\""),
        "{}",
        stdout(&out)
    );
    std::fs::write(&pins[0], real).unwrap();
    assert_eq!(
        as_member(&env, &alice, &["get", "A"]).status.code(),
        Some(0)
    );

    // The path as given is pinned too: pointing it at another vault through a symlink is
    // refused, though that vault's own path was never seen.
    let (recipient, _) = fingerprint_in_list(&env, "alice");
    let attacker = TestEnv::with_vault();
    assert_eq!(
        add_member(&attacker, "alice", &recipient, &[])
            .status
            .code(),
        Some(0)
    );
    let elsewhere = env.home().join("elsewhere.db");
    std::fs::copy(&attacker.vault, &elsewhere).unwrap();
    std::fs::copy(attacker.audit_log(), env.home().join("elsewhere.db.audit")).unwrap();
    std::fs::rename(&env.vault, env.home().join("real.db")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, &env.vault).unwrap();
    let out = as_member(&env, &alice, &["get", "A"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn an_identity_file_others_can_read_is_warned_about() {
    let Team { env, alice, .. } = team();
    std::fs::set_permissions(&alice, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = as_member(&env, &alice, &["get", "A"]);
    assert_eq!(out.stdout, b"value of A");
    assert_eq!(
        stderr(&out),
        format!(
            "warning: the identity file {0} can be read by other users; run: chmod 600 '{0}'\n",
            alice.display()
        )
    );
    std::fs::set_permissions(&alice, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(stderr(&as_member(&env, &alice, &["get", "A"])), "");
}

#[test]
fn an_unlock_tries_at_most_256_member_slots() {
    let Team { env, .. } = team();
    // Planted on a copy: 300 more member slots, each a valid copy of alice's (the header does
    // not bind the label), none of them for mallory.
    let copy = TestEnv::new();
    copy_vault(&env, &copy);
    copy.sql()
        .execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
             INSERT INTO slots (label, kind, kdf_m_kib, kdf_t, kdf_p, salt, digest, key_check,
                                nonce, wrapped_key, created_at, binding, recipient, envelope)
             SELECT 'planted-' || i, kind, kdf_m_kib, kdf_t, kdf_p, salt, digest, key_check,
                    nonce, wrapped_key, created_at, binding, recipient, envelope
             FROM slots, n WHERE label = 'alice'",
        )
        .unwrap();
    let mallory = copy.home().join("mallory.key");
    new_identity(&copy, &mallory);
    let before = copy.vault_files();
    let out = as_member(&copy, &mallory, &["get", "A"]);
    assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with(
            "error: 46 member slots were not tried: one unlock tries at most 256 member slots\n"
        ),
        "{}",
        stderr(&out)
    );
    assert_eq!(copy.vault_files().get(&copy.vault), before.get(&copy.vault));
}
