//! Issue 12: scopes and scoped credentials. A scoped key opens exactly its scope's secrets
//! (`get`, `run`, `export`, `redact`), and the limit holds against someone who can write the
//! file with SQL and holds that key; an expired or removed scoped slot opens nothing, and what a
//! removed one could read is listed by `check` until it is set anew; re-encrypt killed at random
//! moments leaves every credential opening exactly what it did; the audit log names the slot and
//! scope of every access by a scoped credential, granted or denied.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::common::lifecycle::{KEY_B, KEY_C, Rng, sealbox_direct};
use crate::common::{TestEnv, contains, stderr, stdout};

/// Opens the slot "ci" of scope "deploy" (A and B).
const KEY_CI: &str = KEY_B;
/// Opens the slot "opsbot" of scope "ops" in the kill loop, or the slot a test names.
const KEY_OPS: &str = KEY_C;
const KEY_WRITER: &str = "4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b4b";

// Values of 8 bytes or more, so `redact` matches them.
const A: &[u8] = b"alpha-secret-aaaa";
const B: &[u8] = b"bravo-secret-bbbb";
const C: &[u8] = b"charlie-secret-cccc";

const HINT_FULL: &str =
    "hint: ask someone who holds a full credential (a slot added without --scope) to run it\n";
const HINT_SCOPE: &str = "hint: use a credential whose scope holds it, or a full credential; 'sealbox scope list' shows the scopes\n";

const STATE_TAMPERED: &str = "error: the vault's state (its generation, or the set of its secrets, unlock slots, data keys or scopes) failed authentication: it was modified or is corrupt\n\
    hint: the vault file was modified outside sealbox; restore it from a backup\n";

const WRONG_KEY: &str = "error: the key or passphrase does not open this vault (using SEALBOX_KEY from the environment)\n\
    hint: check the credential in use; set SEALBOX_KEY or SEALBOX_PASSPHRASE, or pass --key-file, --passphrase-file or --identity\n";

/// The exit-9 message for `name` outside the scope of slot `slot`.
fn outside(name: &str, slot: &str, scope: &str) -> String {
    format!(
        "error: denied: {name} is outside the credential's scope: slot \"{slot}\" opens only the scope \"{scope}\"\n{HINT_SCOPE}"
    )
}

/// The exit-9 message for management a scoped credential may not do.
fn needs_full(slot: &str, scope: &str) -> String {
    format!(
        "error: denied: this needs a full credential: slot \"{slot}\" opens only the scope \"{scope}\"\n{HINT_FULL}"
    )
}

/// `sealbox ARGS` unlocked with raw key `key` (instead of the environment's own).
fn with_key(env: &TestEnv, key: &str, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = env.bare_cmd(args);
    cmd.env("SEALBOX_KEY", key);
    cmd
}

fn output(mut cmd: assert_cmd::Command) -> Output {
    cmd.output().expect("run sealbox")
}

/// Asserts exit `code`, and returns the output for more checks.
fn expect(code: i32, out: Output) -> Output {
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout: {}\nstderr: {}",
        stdout(&out),
        stderr(&out)
    );
    out
}

/// Asserts exit 9 with nothing on stdout and exactly `message` on stderr.
fn assert_denied(out: &Output, message: &str) {
    assert_eq!(out.status.code(), Some(9), "{}", stderr(out));
    assert!(out.stdout.is_empty(), "stdout: {}", stdout(out));
    assert_eq!(stderr(out), message);
}

/// Writes `key` to a file in the test's HOME, for `--new-key-file` and `SEALBOX_NEW_KEY_FILE`.
fn key_file(env: &TestEnv, name: &str, key: &str) -> PathBuf {
    let path = env.home().join(name);
    std::fs::write(&path, format!("{key}\n")).unwrap();
    path
}

/// Adds a scoped slot opened by `key`, with `extra` options (`--expires`, `--allow-write`).
fn add_scoped_slot(env: &TestEnv, label: &str, scope: &str, key: &str, extra: &[&str]) {
    let file = key_file(env, &format!("{label}.key"), key);
    let mut args = vec![
        "slot",
        "add",
        "--scope",
        scope,
        "--label",
        label,
        "--new-key-file",
        file.to_str().unwrap(),
    ];
    args.extend(extra);
    expect(0, output(env.cmd(&args)));
}

/// A vault with A, B and C, scope "deploy" holding A and B, and slot "ci" opening it.
fn deploy_vault() -> TestEnv {
    let env = TestEnv::with_vault();
    env.set("A", A);
    env.set("B", B);
    env.set("C", C);
    let out = expect(
        0,
        output(env.cmd(&["scope", "add", "deploy", "--only", "A,B"])),
    );
    assert_eq!(
        stderr(&out),
        "added scope \"deploy\": it holds 2 secrets; shared A, B\n"
    );
    // The new credential from SEALBOX_NEW_KEY_FILE this time (the others use --new-key-file).
    let file = key_file(&env, "ci.key", KEY_CI);
    let out = expect(
        0,
        output({
            let mut cmd = env.cmd(&["slot", "add", "--scope", "deploy", "--label", "ci"]);
            cmd.env("SEALBOX_NEW_KEY_FILE", &file);
            cmd
        }),
    );
    assert_eq!(
        stderr(&out),
        "added unlock slot \"ci\" (key) for scope \"deploy\", read-only\n"
    );
    env
}

/// The `NAME=VALUE` lines of an `env` child's output, as a map.
fn child_env(out: &Output) -> BTreeMap<String, String> {
    stdout(out)
        .lines()
        .filter_map(|line| line.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// Which of A, B and C a child's environment holds, with their values.
fn abc_of(env: &BTreeMap<String, String>) -> Vec<(&str, &str)> {
    ["A", "B", "C"]
        .into_iter()
        .filter_map(|name| env.get(name).map(|v| (name, v.as_str())))
        .collect()
}

/// Seconds since the epoch of an RFC 3339 UTC time as sealbox prints it (`2026-12-01T10:00:00Z`).
fn rfc3339_seconds(time: &str) -> i64 {
    assert!(time.len() == 20 && time.ends_with('Z'), "{time}");
    let n = |range: std::ops::Range<usize>| -> i64 { time[range].parse().unwrap() };
    let (y, m, d) = (n(0..4), n(5..7), n(8..10));
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + n(11..13) * 3600 + n(14..16) * 60 + n(17..19)
}

fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap()
}

#[test]
fn a_scoped_key_opens_exactly_the_secrets_of_its_scope() {
    let env = deploy_vault();
    expect(
        0,
        output(env.cmd(&["scope", "add", "ops", "--prefix", "ops."])),
    );

    let out = expect(0, output(with_key(&env, KEY_CI, &["get", "A"])));
    assert_eq!(out.stdout, A);
    assert_eq!(stderr(&out), "");
    let out = output(with_key(&env, KEY_CI, &["get", "C"]));
    assert_denied(&out, &outside("C", "ci", "deploy"));
    // The same for an older version, and through --masked: no way around the scope.
    let out = output(with_key(&env, KEY_CI, &["get", "C", "--version", "1"]));
    assert_denied(&out, &outside("C", "ci", "deploy"));
    let out = output(with_key(&env, KEY_CI, &["get", "C", "--masked"]));
    assert_denied(&out, &outside("C", "ci", "deploy"));

    // `run --scope deploy` injects exactly A and B, with the scoped key and with a full one; the
    // child's environment is what counts, so the child prints it.
    for key in [KEY_CI, env.key.as_str()] {
        let out = expect(
            0,
            output(with_key(
                &env,
                key,
                &["run", "--scope", "deploy", "--", "env"],
            )),
        );
        let child = child_env(&out);
        assert_eq!(abc_of(&child), [("A", text(A)), ("B", text(B))]);
        assert!(!contains(&out.stdout, C));
    }
    // `--all` with the scoped key means all of its scope.
    let out = expect(
        0,
        output(with_key(&env, KEY_CI, &["run", "--all", "--", "env"])),
    );
    assert_eq!(abc_of(&child_env(&out)), [("A", text(A)), ("B", text(B))]);
    // A scoped key cannot name another scope.
    let out = output(with_key(
        &env,
        KEY_CI,
        &["run", "--scope", "ops", "--", "env"],
    ));
    assert_denied(
        &out,
        &format!(
            "error: denied: the scope \"ops\" is not the credential's: slot \"ci\" opens only the scope \"deploy\"\n{HINT_SCOPE}"
        ),
    );
    let out = output(with_key(&env, KEY_CI, &["run", "--only", "C", "--", "env"]));
    assert_denied(&out, &outside("C", "ci", "deploy"));

    let exported = format!("A=\"{}\"\nB=\"{}\"\n", text(A), text(B));
    let out = expect(
        0,
        output(with_key(
            &env,
            KEY_CI,
            &["export", "--format", "env", "--all"],
        )),
    );
    assert_eq!(stdout(&out), exported);
    assert_eq!(stderr(&out), "");
    // `export --scope deploy` with the full key is the same selection.
    let out = expect(
        0,
        output(env.cmd(&["export", "--format", "env", "--scope", "deploy"])),
    );
    assert_eq!(stdout(&out), exported);
    let out = output(with_key(
        &env,
        KEY_CI,
        &["export", "--format", "env", "--only", "A,C"],
    ));
    assert_denied(&out, &outside("C", "ci", "deploy"));

    // `redact` with the scoped key knows only A and B: C goes through as it is.
    let input = format!("a={} b={} c={}\n", text(A), text(B), text(C));
    let out = expect(
        0,
        output({
            let mut cmd = with_key(&env, KEY_CI, &["redact"]);
            cmd.write_stdin(input);
            cmd
        }),
    );
    assert_eq!(
        stdout(&out),
        format!("a=[REDACTED:A] b=[REDACTED:B] c={}\n", text(C))
    );
    // `list` shows the scope only.
    let out = expect(0, output(with_key(&env, KEY_CI, &["list", "--json"])));
    let names: Vec<Value> = serde_json::from_slice::<Vec<Value>>(&out.stdout)
        .unwrap()
        .iter()
        .map(|s| s["name"].clone())
        .collect();
    assert_eq!(names, [json!("A"), json!("B")]);
    // And the full key still sees everything.
    let out = expect(0, output(env.cmd(&["export", "--format", "env", "--all"])));
    assert_eq!(stdout(&out), format!("{exported}C=\"{}\"\n", text(C)));
}

#[test]
fn history_of_a_secret_outside_the_scope_is_denied() {
    // The README lists `history` among the reads limited to the scope; `list` hides C.
    let env = deploy_vault();
    let out = expect(0, output(with_key(&env, KEY_CI, &["history", "A"])));
    assert!(stdout(&out).starts_with("VERSION"), "{}", stdout(&out));
    let out = output(with_key(&env, KEY_CI, &["history", "C"]));
    // Before 782172b, `history C` with the scoped key exited 0 and printed C's versions and
    // dates (recorded as "ok"), where every other read outside the scope is exit 9.
    assert_denied(&out, &outside("C", "ci", "deploy"));
}

#[test]
fn slot_list_json_shows_scope_expiry_and_write_permission() {
    let env = deploy_vault();
    add_scoped_slot(
        &env,
        "writer",
        "deploy",
        KEY_WRITER,
        &["--allow-write", "--expires", "30d"],
    );
    let out = expect(0, output(env.bare_cmd(&["slot", "list", "--json"])));
    let slots: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let field =
        |label: &str, key: &str| slots.iter().find(|s| s["label"] == label).unwrap()[key].clone();
    assert_eq!(
        slots.iter().map(|s| s["label"].clone()).collect::<Vec<_>>(),
        [json!("default"), json!("ci"), json!("writer")]
    );
    assert_eq!(
        (
            field("default", "scope"),
            field("default", "expires_at"),
            field("default", "allow_write")
        ),
        (json!(null), json!(null), json!(false))
    );
    assert_eq!(
        (
            field("ci", "scope"),
            field("ci", "expires_at"),
            field("ci", "allow_write")
        ),
        (json!("deploy"), json!(null), json!(false))
    );
    assert_eq!(field("writer", "scope"), "deploy");
    assert_eq!(field("writer", "allow_write"), true);
    // 30 days after its creation, to the second.
    let created = field("writer", "created_at");
    let expires = field("writer", "expires_at");
    let seconds = |v: &Value| rfc3339_seconds(v.as_str().unwrap());
    assert_eq!(seconds(&expires) - seconds(&created), 30 * 86_400);
}

#[test]
fn a_scoped_writer_sets_only_names_its_scope_alone_holds() {
    let env = deploy_vault();
    // B is also in "ops", which the writer does not hold.
    expect(
        0,
        output(env.cmd(&["scope", "add", "ops", "--only", "B", "--prefix", "ops."])),
    );
    add_scoped_slot(&env, "writer", "deploy", KEY_WRITER, &["--allow-write"]);

    let out = expect(
        0,
        output({
            let mut cmd = with_key(&env, KEY_WRITER, &["set", "A"]);
            cmd.write_stdin("alpha-new-value");
            cmd
        }),
    );
    assert_eq!(stderr(&out), "stored A version 2\n");
    // The full credential, the read-only slot of the same scope and the writer read it.
    for key in [env.key.as_str(), KEY_CI, KEY_WRITER] {
        let out = expect(0, output(with_key(&env, key, &["get", "A"])));
        assert_eq!(stdout(&out), "alpha-new-value");
    }

    let before = env.vault_files();
    let out = output({
        let mut cmd = with_key(&env, KEY_WRITER, &["set", "C"]);
        cmd.write_stdin("planted");
        cmd
    });
    assert_denied(&out, &outside("C", "writer", "deploy"));
    let out = output({
        let mut cmd = with_key(&env, KEY_WRITER, &["set", "B"]);
        cmd.write_stdin("planted");
        cmd
    });
    assert_denied(
        &out,
        &format!(
            "error: denied: B is also in the scope \"ops\", which this credential cannot share it with; write it with a full credential: slot \"writer\" opens only the scope \"deploy\"\n{HINT_SCOPE}"
        ),
    );
    // A slot without --allow-write writes nothing, even inside its scope.
    let out = output({
        let mut cmd = with_key(&env, KEY_CI, &["set", "A"]);
        cmd.write_stdin("planted");
        cmd
    });
    assert_denied(
        &out,
        &format!(
            "error: denied: writing A needs a slot added with --allow-write: slot \"ci\" opens only the scope \"deploy\"\n{HINT_SCOPE}"
        ),
    );
    env.assert_unchanged(&before, "denied writes");
    assert_eq!(env.get("B"), B);
    assert_eq!(env.get("C"), C);
}

#[test]
fn scope_remove_is_refused_while_a_slot_opens_the_scope() {
    let env = deploy_vault();
    let before = env.vault_files();
    let out = expect(6, output(env.cmd(&["scope", "remove", "deploy"])));
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr(&out),
        "error: the scope \"deploy\" is opened by the unlock slot ci; remove it first\n\
         hint: 'sealbox slot list' shows each slot's scope\n"
    );
    env.assert_unchanged(&before, "refused scope remove");
    assert_eq!(
        expect(0, output(with_key(&env, KEY_CI, &["get", "B"]))).stdout,
        B
    );
    // Once no slot opens it, it goes.
    expect(0, output(env.cmd(&["slot", "remove", "ci"])));
    expect(0, output(env.cmd(&["scope", "remove", "deploy"])));
    let out = expect(0, output(env.bare_cmd(&["scope", "list", "--json"])));
    assert_eq!(stdout(&out).trim(), "[]");
}

#[test]
fn management_with_a_scoped_key_is_exit_9_and_changes_nothing() {
    let env = deploy_vault();
    let new_key = key_file(
        &env,
        "other.key",
        "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a",
    );
    let new_key = new_key.to_str().unwrap();
    let denied = needs_full("ci", "deploy");
    let before = env.vault_files();
    for args in [
        &["slot", "add", "--label", "x", "--new-key-file", new_key][..],
        &[
            "slot",
            "add",
            "--scope",
            "deploy",
            "--label",
            "x",
            "--new-key-file",
            new_key,
        ],
        &["slot", "remove", "default"],
        &["slot", "remove", "ci"],
        &["rotate-master", "--new-key-file", new_key],
        &["re-encrypt"],
        &["scope", "add", "wide", "--only", "C"],
        &["scope", "edit", "deploy", "--add", "C"],
        &["scope", "remove", "deploy"],
    ] {
        let out = output(with_key(&env, KEY_CI, args));
        assert_denied(&out, &denied);
        env.assert_unchanged(&before, &args.join(" "));
    }
}

#[test]
fn re_encrypt_new_vault_key_with_a_scoped_key_is_exit_9() {
    let env = deploy_vault();
    let before = env.vault_files();
    let out = output(with_key(&env, KEY_CI, &["re-encrypt", "--new-vault-key"]));
    // Before 782172b this was exit 6 ("--new-vault-key would leave the other unlock slots
    // unable to open the vault: \"default\"", with a hint to pass --drop-other-slots): the
    // slot check ran before the credential's scope was looked at.
    assert_denied(&out, &needs_full("ci", "deploy"));
    env.assert_unchanged(&before, "re-encrypt --new-vault-key");
}

/// Before f090c70, `compact` with a scoped key was exit 5, calling an untouched vault tampered
/// ("the state of C (its versions are stored, its head is not) failed authentication").
#[test]
fn compact_with_a_scoped_key_is_exit_9() {
    let env = deploy_vault();
    let before = env.vault_files();
    let out = output(with_key(&env, KEY_CI, &["compact"]));
    assert_denied(&out, &needs_full("ci", "deploy"));
    env.assert_unchanged(&before, "compact");
}

/// The raw 32 bytes of a hex key.
fn key_bytes(hex: &str) -> [u8; 32] {
    let mut out = [0; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap();
    }
    out
}

/// What an attacker who holds a scoped key and can write the file computes. A scoped
/// credential reaches the vault's state key (its scope wraps a copy, so a scoped writer can
/// keep the vault MAC right), so it can recompute the vault MAC over rows it edited: the MAC
/// does not stop it, only the keys it lacks do. This mirrors `crypto::{slot, scope, state}`;
/// [`Attacker::vault_mac`] is checked against the stored MAC before it is used, so a change of
/// layout fails the test instead of making it pass for the wrong reason.
mod attacker {
    use aes_gcm_siv::aead::{Aead, KeyInit, Payload};
    use aes_gcm_siv::{Aes256GcmSiv, Nonce};
    use hkdf::Hkdf;
    use hmac::{Hmac, Mac};
    use rusqlite::Connection;
    use sha2::{Digest, Sha256};

    /// `crypto::associated_data`: a tag, format version 1, then length-prefixed fields.
    fn ad(tag: &str, fields: &[&[u8]]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut push = |field: &[u8]| {
            out.extend_from_slice(&(field.len() as u32).to_be_bytes());
            out.extend_from_slice(field);
        };
        push(tag.as_bytes());
        push(&1u32.to_be_bytes());
        for field in fields {
            push(field);
        }
        out
    }

    fn subkey(key: &[u8; 32], label: &[u8]) -> [u8; 32] {
        let mut out = [0; 32];
        Hkdf::<Sha256>::from_prk(key)
            .unwrap()
            .expand(label, &mut out)
            .unwrap();
        out
    }

    fn open(key: &[u8; 32], aad: &[u8], nonce: &[u8], ciphertext: &[u8]) -> [u8; 32] {
        let plain = Aes256GcmSiv::new(key.into())
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad,
                },
            )
            .expect("the attacker's key opens its own wraps");
        plain.try_into().unwrap()
    }

    fn hmac(key: &[u8; 32], data: &[u8]) -> [u8; 32] {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).unwrap();
        mac.update(data);
        mac.finalize().into_bytes().into()
    }

    /// `crypto::RowsDigest`.
    fn rows_add(digest: &mut Sha256, fields: &[&[u8]]) {
        digest.update((fields.len() as u64).to_be_bytes());
        for field in fields {
            digest.update((field.len() as u64).to_be_bytes());
            digest.update(field);
        }
    }

    pub struct Attacker {
        vault_id: Vec<u8>,
        state_key: [u8; 32],
    }

    impl Attacker {
        /// Opens the key slot `label` (a scoped one) with `raw`, then its link key, its scope
        /// key and the scope's copy of the state key.
        pub fn new(conn: &Connection, raw: &[u8; 32], label: &str) -> Self {
            let vault_id: Vec<u8> = conn
                .query_row("SELECT vault_id FROM vault", [], |r| r.get(0))
                .unwrap();
            let blob = |column: &str| -> Vec<u8> {
                conn.query_row(
                    &format!("SELECT {column} FROM slots WHERE label = ?1"),
                    [label],
                    |r| r.get(0),
                )
                .unwrap()
            };
            let (salt, nonce, wrapped) = (blob("salt"), blob("nonce"), blob("wrapped_key"));
            let (grant_nonce, grant) = (blob("grant_nonce"), blob("grant_key"));
            let scope_id: i64 = conn
                .query_row(
                    "SELECT scope_id FROM slots WHERE label = ?1",
                    [label],
                    |r| r.get(0),
                )
                .unwrap();
            let mut root = [0; 32];
            Hkdf::<Sha256>::new(Some(&salt), raw)
                .expand(b"sealbox/v1 slot-root", &mut root)
                .unwrap();
            let header = ad("sealbox/slot", &[&vault_id, b"key", &[0; 12], &salt]);
            let scope = scope_id.to_be_bytes();
            let link = open(
                &subkey(&root, b"sealbox/v1 slot-wrap"),
                &ad("sealbox/scoped-slot", &[&header, &scope]),
                &nonce,
                &wrapped,
            );
            let scope_key = open(
                &subkey(&link, b"sealbox/v1 link-grant"),
                &ad("sealbox/granted-scope-key", &[&vault_id, &scope, &salt]),
                &grant_nonce,
                &grant,
            );
            let (state_nonce, state_wrapped): (Vec<u8>, Vec<u8>) = conn
                .query_row(
                    "SELECT state_nonce, state_key FROM scopes WHERE id = ?1",
                    [scope_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            let state_key = open(
                &subkey(&scope_key, b"sealbox/v1 scope-held-key"),
                &ad("sealbox/scope-held", &[&vault_id, &scope, b"state-key"]),
                &state_nonce,
                &state_wrapped,
            );
            Self {
                vault_id,
                state_key,
            }
        }

        /// The vault MAC over the rows as they are now (`crypto::vault_mac`, formats 6 and 7).
        pub fn vault_mac(&self, conn: &Connection) -> [u8; 32] {
            let (generation, count, stored_sum, keep, seq, offset, hash): (
                i64,
                i64,
                Vec<u8>,
                i64,
                i64,
                i64,
                Vec<u8>,
            ) = conn
                .query_row(
                    "SELECT generation, secret_count, heads_sum, default_keep, audit_seq,
                            audit_offset, audit_hash FROM vault",
                    [],
                    |r| {
                        Ok((
                            r.get(0)?,
                            r.get(1)?,
                            r.get(2)?,
                            r.get(3)?,
                            r.get(4)?,
                            r.get(5)?,
                            r.get(6)?,
                        ))
                    },
                )
                .unwrap();
            // The stored sum is masked with an HMAC of the generation; the MAC covers it
            // unmasked (a 256-bit little-endian subtraction).
            let mask = hmac(
                &subkey(&self.state_key, b"sealbox/v1 sum-mask"),
                &ad(
                    "sealbox/sum-mask-v1",
                    &[&self.vault_id, &generation.to_be_bytes()],
                ),
            );
            let mut sum = [0u8; 32];
            let mut borrow = 0i16;
            for i in 0..32 {
                let d = i16::from(stored_sum[i]) - i16::from(mask[i]) - borrow;
                sum[i] = d.rem_euclid(256) as u8;
                borrow = i16::from(d < 0);
            }
            let mut slots = Sha256::new();
            for binding in column(conn, "SELECT binding FROM slots ORDER BY id") {
                slots.update((binding.len() as u64).to_be_bytes());
                slots.update(&binding);
            }
            let mut keys = Sha256::new();
            let mut stmt = conn
                .prepare("SELECT id, nonce, wrapped_key FROM data_keys ORDER BY id")
                .unwrap();
            let mut rows = stmt.query([]).unwrap();
            while let Some(row) = rows.next().unwrap() {
                keys.update(row.get::<_, i64>(0).unwrap().to_be_bytes());
                for i in [1, 2] {
                    let field: Vec<u8> = row.get(i).unwrap();
                    keys.update((field.len() as u64).to_be_bytes());
                    keys.update(&field);
                }
            }
            let mut scopes = Sha256::new();
            let mut stmt = conn
                .prepare(
                    "SELECT id, created_at, updated_at, name, names, prefixes, key_nonce,
                            wrapped_key, state_nonce, state_key, audit_nonce, audit_key
                     FROM scopes ORDER BY id",
                )
                .unwrap();
            let mut rows = stmt.query([]).unwrap();
            while let Some(row) = rows.next().unwrap() {
                let numbers: Vec<[u8; 8]> = (0..3)
                    .map(|i| row.get::<_, i64>(i).unwrap().to_be_bytes())
                    .collect();
                let texts: Vec<String> = (3..6).map(|i| row.get(i).unwrap()).collect();
                let blobs: Vec<Vec<u8>> = (6..12).map(|i| row.get(i).unwrap()).collect();
                let mut fields: Vec<&[u8]> = vec![b"scope"];
                fields.extend(numbers.iter().map(|n| &n[..]));
                fields.extend(texts.iter().map(|t| t.as_bytes()));
                fields.extend(blobs.iter().map(Vec::as_slice));
                rows_add(&mut scopes, &fields);
            }
            let mut stmt = conn
                .prepare(
                    "SELECT secret_id, version, reason, at FROM exposed ORDER BY secret_id, reason",
                )
                .unwrap();
            let mut rows = stmt.query([]).unwrap();
            while let Some(row) = rows.next().unwrap() {
                let id: Vec<u8> = row.get(0).unwrap();
                let reason: String = row.get(2).unwrap();
                rows_add(
                    &mut scopes,
                    &[
                        b"flag",
                        &id,
                        &row.get::<_, i64>(1).unwrap().to_be_bytes(),
                        reason.as_bytes(),
                        &row.get::<_, i64>(3).unwrap().to_be_bytes(),
                    ],
                );
            }
            let keep = [&[1u8][..], &keep.to_be_bytes()].concat();
            let (slots, keys, scopes): ([u8; 32], [u8; 32], [u8; 32]) = (
                slots.finalize().into(),
                keys.finalize().into(),
                scopes.finalize().into(),
            );
            let format: i64 = conn
                .pragma_query_value(None, "user_version", |r| r.get(0))
                .unwrap();
            let encoding = ad(
                "sealbox/vault-state-v4",
                &[
                    &self.vault_id,
                    &format.to_be_bytes(),
                    &generation.to_be_bytes(),
                    &count.to_be_bytes(),
                    &sum,
                    &slots,
                    &keys,
                    &keep,
                    &seq.to_be_bytes(),
                    &offset.to_be_bytes(),
                    &hash,
                    &scopes,
                ],
            );
            hmac(&subkey(&self.state_key, b"sealbox/v1 vault-mac"), &encoding)
        }

        /// Stores a vault MAC that matches the rows as they are now.
        pub fn remac(&self, conn: &Connection) {
            let mac = self.vault_mac(conn);
            conn.execute("UPDATE vault SET state_mac = ?1", [&mac[..]])
                .unwrap();
        }
    }

    fn column(conn: &Connection, sql: &str) -> Vec<Vec<u8>> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }
}

/// Puts the pristine copy back as the vault and runs the attacker's `sql` on it; with `remac`,
/// the attacker (holding the "ci" key) then fixes up the vault MAC.
fn attack(env: &TestEnv, pristine: &Path, sql: &str, remac: bool) {
    std::fs::copy(pristine, &env.vault).unwrap();
    let conn = env.sql();
    conn.execute_batch(sql).unwrap();
    if remac {
        attacker::Attacker::new(&conn, &key_bytes(KEY_CI), "ci").remac(&conn);
    }
}

/// After an attack: the scoped key's `get C` exits `code` with exactly `message`, nothing on
/// stdout and C's value nowhere; `export --all` and `run --all` fail the same way, or (when
/// C is simply outside the scope, exit 9) give exactly A and B.
fn c_stays_closed(env: &TestEnv, code: i32, message: &str, what: &str) {
    let before = env.vault_files();
    let out = output(with_key(env, KEY_CI, &["get", "C"]));
    assert_eq!(out.status.code(), Some(code), "{what}: {}", stderr(&out));
    assert!(out.stdout.is_empty(), "{what}: {}", stdout(&out));
    assert_eq!(stderr(&out), message, "{what}");
    for args in [
        &["export", "--format", "env", "--all"][..],
        &["run", "--all", "--", "env"],
    ] {
        let out = output(with_key(env, KEY_CI, args));
        assert!(
            !contains(&out.stdout, C) && !contains(&out.stderr, C),
            "{what}: {args:?} printed C's value"
        );
        if code == 9 {
            assert_eq!(
                out.status.code(),
                Some(0),
                "{what}: {args:?}: {}",
                stderr(&out)
            );
            let lines = child_env(&out);
            let names: Vec<&str> = abc_of(&lines).into_iter().map(|(k, _)| k).collect();
            assert_eq!(names, ["A", "B"], "{what}: {args:?}");
        } else {
            assert_eq!(
                out.status.code(),
                Some(code),
                "{what}: {args:?}: {}",
                stderr(&out)
            );
            assert!(out.stdout.is_empty(), "{what}: {args:?}: {}", stdout(&out));
        }
    }
    env.assert_unchanged(&before, what);
}

/// The number of version keys the scope `scope` holds for `name`.
fn wraps_for(env: &TestEnv, scope: &str, name: &str) -> i64 {
    env.sql()
        .query_row(
            "SELECT count(*) FROM scope_keys WHERE scope_id = (SELECT id FROM scopes WHERE name = ?1)
             AND secret_id = (SELECT secret_id FROM secrets WHERE name = ?2)",
            [scope, name],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn a_widened_scope_definition_does_not_open_another_secret() {
    let env = deploy_vault();
    // Another scope holds C, so there is a real wrap of C's version key to copy.
    expect(
        0,
        output(env.cmd(&["scope", "add", "other", "--only", "C"])),
    );
    let pristine = env.home().join("pristine.db");
    std::fs::copy(&env.vault, &pristine).unwrap();
    {
        // The attacker's MAC is the one sealbox computes, on the untouched file.
        let conn = env.sql();
        let stored: Vec<u8> = conn
            .query_row("SELECT state_mac FROM vault", [], |r| r.get(0))
            .unwrap();
        let attacker = attacker::Attacker::new(&conn, &key_bytes(KEY_CI), "ci");
        assert_eq!(attacker.vault_mac(&conn)[..], stored[..]);
    }
    let widen = "UPDATE scopes SET names = 'A' || char(10) || 'B' || char(10) || 'C' WHERE name = 'deploy';";
    let copy_other = "INSERT INTO scope_keys SELECT (SELECT id FROM scopes WHERE name = 'deploy'),
        secret_id, version, nonce, wrapped_key FROM scope_keys
        WHERE scope_id = (SELECT id FROM scopes WHERE name = 'other');";
    let copy_a =
        "INSERT INTO scope_keys SELECT scope_id, (SELECT secret_id FROM secrets WHERE name = 'C'),
        version, nonce, wrapped_key FROM scope_keys
        WHERE scope_id = (SELECT id FROM scopes WHERE name = 'deploy')
        AND secret_id = (SELECT secret_id FROM secrets WHERE name = 'A');";

    // 1. Only the row edited: the vault MAC no longer matches.
    attack(&env, &pristine, widen, false);
    c_stays_closed(&env, 5, STATE_TAMPERED, "definition edited");
    // With key rows copied in as well, the same.
    attack(&env, &pristine, &format!("{widen}{copy_other}"), false);
    c_stays_closed(&env, 5, STATE_TAMPERED, "definition edited, other's row");
    attack(&env, &pristine, &format!("{widen}{copy_a}"), false);
    c_stays_closed(&env, 5, STATE_TAMPERED, "definition edited, A's row");
    // Key rows copied in without the definition: C is not in the scope.
    for rows in [copy_other, copy_a] {
        attack(&env, &pristine, rows, false);
        c_stays_closed(&env, 9, &outside("C", "ci", "deploy"), "rows only");
    }

    // 2. The attacker fixes up the vault MAC, which the scoped key lets it do: now only the
    // keys stand in the way. The scope lists C but holds no key for it...
    let missing = |what: &str| {
        format!(
            "error: {what} failed authentication: it was modified or is corrupt\n\
             hint: the vault file was modified outside sealbox; restore it from a backup\n"
        )
    };
    attack(&env, &pristine, widen, true);
    let out = output(with_key(&env, KEY_CI, &["get", "A"]));
    assert_eq!(
        out.status.code(),
        Some(0),
        "the forged MAC passes: {}",
        stderr(&out)
    );
    c_stays_closed(
        &env,
        5,
        &missing(
            "the scope \"deploy\" (it lists C, but holds no key for its version 1: its definition was edited, or its keys removed)",
        ),
        "definition edited, MAC forged",
    );
    // ...and a key copied from another scope, or A's key copied to C, does not open: each wrap
    // is bound to its scope, secret and version.
    attack(&env, &pristine, &format!("{widen}{copy_other}"), true);
    c_stays_closed(
        &env,
        5,
        &missing("a scope's key for version 1"),
        "MAC forged, other's row",
    );
    attack(&env, &pristine, &format!("{widen}{copy_a}"), true);
    c_stays_closed(
        &env,
        5,
        &missing("a scope's key for version 1"),
        "MAC forged, A's row",
    );

    // 3. The full credential's next `set C` must not share C with the widened scope: the scope
    // key is bound to the definition a full credential wrote.
    for (sql, remac) in [(widen.to_owned(), false), (widen.to_owned(), true)] {
        attack(&env, &pristine, &sql, remac);
        let before = env.vault_files();
        let out = output({
            let mut cmd = env.cmd(&["set", "C"]);
            cmd.write_stdin("charlie-rotated-value");
            cmd
        });
        assert_eq!(
            out.status.code(),
            Some(5),
            "remac {remac}: {}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty());
        if remac {
            assert_eq!(
                stderr(&out),
                missing("scope \"deploy\" (its key, name or definition)")
            );
        } else {
            assert_eq!(stderr(&out), STATE_TAMPERED);
        }
        env.assert_unchanged(&before, "set C on a widened scope");
        assert_eq!(wraps_for(&env, "deploy", "C"), 0);
    }
}

/// The `check` lines naming `names` as readable by the removed slot `label`, at the time the
/// JSON report gives.
fn rotate_lines(report: &Value) -> Vec<String> {
    report["rotate"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "rotate   {}  {} (version {}, flagged {}): set it anew",
                r["name"].as_str().unwrap(),
                r["reason"].as_str().unwrap(),
                r["version"],
                r["flagged_at"].as_str().unwrap()
            )
        })
        .collect()
}

fn check_json(env: &TestEnv, args: &[&str]) -> (i32, Value) {
    let mut all = vec!["check", "--json"];
    all.extend(args);
    let out = output(env.cmd(&all));
    (
        out.status.code().unwrap(),
        serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{}", stdout(&out))),
    )
}

/// Adds scoped slot "old" (key KEY_WRITER) for scope deploy two days ago, for one day: it
/// expired yesterday.
fn add_expired_slot(env: &TestEnv) {
    let file = key_file(env, "old.key", KEY_WRITER);
    env.cmd_days_ago(
        2,
        &[
            "slot",
            "add",
            "--scope",
            "deploy",
            "--label",
            "old",
            "--expires",
            "1d",
            "--new-key-file",
            file.to_str().unwrap(),
        ],
    )
    .assert()
    .code(0);
}

#[test]
fn an_expired_scoped_slot_is_exit_4_and_check_lists_slots_about_to_expire() {
    let env = deploy_vault();
    // Added two days ago for one day: expired yesterday.
    add_expired_slot(&env);
    // And one that expires in 5 days.
    add_scoped_slot(&env, "soon", "deploy", KEY_OPS, &["--expires", "5d"]);
    let slots: Vec<Value> = serde_json::from_slice(
        &expect(0, output(env.bare_cmd(&["slot", "list", "--json"]))).stdout,
    )
    .unwrap();
    let expiry = |label: &str| {
        slots.iter().find(|s| s["label"] == label).unwrap()["expires_at"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let (old, soon) = (expiry("old"), expiry("soon"));

    let before = env.vault_files();
    for args in [
        &["get", "A"][..],
        &["list"],
        &["run", "--all", "--", "true"],
    ] {
        let out = output(with_key(&env, KEY_WRITER, args));
        assert_eq!(out.status.code(), Some(4), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
        assert_eq!(
            stderr(&out),
            format!(
                "error: the unlock slot \"old\" expired on {old}\n\
                 hint: ask for a new credential: someone with a full one runs 'sealbox slot add --scope'\n"
            )
        );
    }
    env.assert_unchanged(&before, "the expired credential");
    // The other scoped slot still works.
    assert_eq!(
        expect(0, output(with_key(&env, KEY_OPS, &["get", "A"]))).stdout,
        A
    );

    let expired_line = format!(
        "expiry   slot \"old\" (scope \"deploy\") expired on {old}: remove it, so its scope gets a new key\n"
    );
    let soon_line = format!("expiry   slot \"soon\" (scope \"deploy\") expires on {soon}\n");
    // Without --max-age (or with one shorter than 5 days) only the expired slot is listed.
    for args in [&["check"][..], &["check", "--max-age", "4d"]] {
        let out = expect(10, output(env.cmd(args)));
        assert_eq!(stdout(&out), expired_line, "{args:?}");
        assert_eq!(stderr(&out), "1 finding to act on (authenticated)\n");
    }
    let out = expect(10, output(env.cmd(&["check", "--max-age", "6d"])));
    assert_eq!(stdout(&out), format!("{expired_line}{soon_line}"));
    assert_eq!(stderr(&out), "2 findings to act on (authenticated)\n");
    let (code, report) = check_json(&env, &["--max-age", "6d"]);
    assert_eq!(code, 10);
    assert_eq!(
        report["expiring"],
        json!([
            {"slot": "old", "scope": "deploy", "expires_at": old, "expired": true},
            {"slot": "soon", "scope": "deploy", "expires_at": soon, "expired": false},
        ])
    );
    // Removing the expired slot ends the finding (and flags what it could read).
    expect(0, output(env.cmd(&["slot", "remove", "old"])));
    let (_, report) = check_json(&env, &["--max-age", "4d"]);
    assert_eq!(report["expiring"], json!([]));
}

#[test]
fn an_expired_scoped_slots_refusal_is_recorded_with_its_slot_and_scope() {
    let env = deploy_vault();
    add_expired_slot(&env);
    let start = env.audit_lines().len();
    let out = output(with_key(&env, KEY_WRITER, &["get", "A"]));
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let records = env.audit_lines()[start..].to_vec();
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(
        json!([r["action"], r["outcome"], r["secrets"]]),
        json!(["get", "denied", []])
    );
    // The credential passed the key check of slot "old" (the error names it), so the log
    // says which scoped credential is still in use after its expiry.
    assert_eq!(
        (&r["slot"], &r["scope"]),
        (&json!("old"), &json!("deploy")),
        "{r}"
    );
}

#[test]
fn a_removed_scoped_slot_opens_nothing_and_what_it_could_read_is_listed_until_set_anew() {
    let env = deploy_vault();
    expect(0, output(env.cmd(&["check"])));
    let out = expect(0, output(env.cmd(&["slot", "remove", "ci"])));
    assert_eq!(
        stderr(&out),
        "removed unlock slot \"ci\"\n\
         scope \"deploy\" has a new key, so the removed credential opens nothing written from now on; what it could read until now is flagged: 'sealbox check' lists the secrets to set anew\n"
    );
    for args in [&["get", "A"][..], &["get", "C"], &["list"]] {
        let out = output(with_key(&env, KEY_CI, args));
        assert_eq!(out.status.code(), Some(4), "{args:?}");
        assert!(out.stdout.is_empty());
        assert_eq!(stderr(&out), WRONG_KEY);
    }

    let (code, report) = check_json(&env, &[]);
    assert_eq!(code, 10);
    let rotate = report["rotate"].as_array().unwrap();
    assert_eq!(
        rotate
            .iter()
            .map(|r| (r["name"].clone(), r["version"].clone(), r["reason"].clone()))
            .collect::<Vec<_>>(),
        [
            (
                json!("A"),
                json!(1),
                json!("readable by the removed slot \"ci\"")
            ),
            (
                json!("B"),
                json!(1),
                json!("readable by the removed slot \"ci\"")
            ),
        ]
    );
    let at = rotate[0]["flagged_at"].as_str().unwrap().to_owned();
    assert!(at.ends_with('Z') && at.len() == 20, "{at}");
    let out = expect(10, output(env.cmd(&["check"])));
    assert_eq!(
        stdout(&out),
        format!(
            "rotate   A  readable by the removed slot \"ci\" (version 1, flagged {at}): set it anew\n\
             rotate   B  readable by the removed slot \"ci\" (version 1, flagged {at}): set it anew\n"
        )
    );
    assert_eq!(stderr(&out), "2 findings to act on (authenticated)\n");

    // Setting A anew clears it; B stays until it is set too.
    env.set("A", b"alpha-rotated-value");
    let out = expect(10, output(env.cmd(&["check"])));
    assert_eq!(
        stdout(&out),
        format!(
            "rotate   B  readable by the removed slot \"ci\" (version 1, flagged {at}): set it anew\n"
        )
    );
    env.set("B", b"bravo-rotated-value");
    let out = expect(0, output(env.cmd(&["check"])));
    assert_eq!(stdout(&out), "");

    // Taking a secret out of a scope a slot opens flags it too.
    add_scoped_slot(&env, "ci2", "deploy", KEY_WRITER, &[]);
    let out = expect(
        0,
        output(env.cmd(&["scope", "edit", "deploy", "--remove", "B"])),
    );
    assert_eq!(
        stderr(&out),
        "changed scope \"deploy\": it holds 1 secret; withdrew B ('sealbox check' lists any a slot of the scope could read, to set anew)\n"
    );
    let out = output(with_key(&env, KEY_WRITER, &["get", "B"]));
    assert_denied(&out, &outside("B", "ci2", "deploy"));
    let (code, report) = check_json(&env, &[]);
    assert_eq!(code, 10);
    assert_eq!(
        rotate_lines(&report),
        [format!(
            "rotate   B  taken out of the scope \"deploy\" (version 2, flagged {}): set it anew",
            report["rotate"][0]["flagged_at"].as_str().unwrap()
        )]
    );
    let out = expect(10, output(env.cmd(&["check"])));
    assert_eq!(stdout(&out), format!("{}\n", rotate_lines(&report)[0]));
    env.set("B", b"bravo-rotated-again");
    expect(0, output(env.cmd(&["check"])));
    // A is still the slot's.
    assert_eq!(
        expect(0, output(with_key(&env, KEY_WRITER, &["get", "A"]))).stdout,
        b"alpha-rotated-value"
    );
}

#[test]
fn the_audit_log_names_slot_and_scope_of_every_scoped_access() {
    let env = deploy_vault();
    add_scoped_slot(&env, "writer", "deploy", KEY_WRITER, &["--allow-write"]);
    let start = env.audit_lines().len();

    expect(0, output(with_key(&env, KEY_CI, &["get", "A"])));
    assert_denied(
        &output(with_key(&env, KEY_CI, &["get", "C"])),
        &outside("C", "ci", "deploy"),
    );
    expect(
        0,
        output(with_key(
            &env,
            KEY_CI,
            &["export", "--format", "env", "--all"],
        )),
    );
    expect(
        0,
        output(with_key(
            &env,
            KEY_CI,
            &["run", "--scope", "deploy", "--", "true"],
        )),
    );
    expect(
        0,
        output({
            let mut cmd = with_key(&env, KEY_WRITER, &["set", "A"]);
            cmd.write_stdin("alpha-by-writer");
            cmd
        }),
    );
    assert_eq!(
        output({
            let mut cmd = with_key(&env, KEY_WRITER, &["set", "C"]);
            cmd.write_stdin("planted");
            cmd
        })
        .status
        .code(),
        Some(9)
    );
    assert_eq!(
        output(with_key(&env, KEY_CI, &["slot", "remove", "writer"]))
            .status
            .code(),
        Some(9)
    );
    expect(0, output(env.cmd(&["get", "A"])));

    let records = env.audit_lines()[start..].to_vec();
    let summary: Vec<Value> = records
        .iter()
        .map(|r| {
            json!([
                r["action"],
                r["outcome"],
                r["secrets"],
                r["slot"],
                r["scope"],
                r["credential"]
            ])
        })
        .collect();
    let a = |v: i64| json!({"name": "A", "version": v});
    let b1 = json!({"name": "B", "version": 1});
    assert_eq!(
        summary,
        [
            json!(["get", "ok", [a(1)], "ci", "deploy", "SEALBOX_KEY"]),
            json!(["get", "denied", [{"name": "C", "version": null}], "ci", "deploy", "SEALBOX_KEY"]),
            json!(["export", "ok", [a(1), b1], "ci", "deploy", "SEALBOX_KEY"]),
            json!(["run", "ok", [a(1), b1], "ci", "deploy", "SEALBOX_KEY"]),
            json!(["set", "ok", [a(2)], "writer", "deploy", "SEALBOX_KEY"]),
            json!(["set", "denied", [], "writer", "deploy", "SEALBOX_KEY"]),
            json!(["slot remove", "denied", [], "ci", "deploy", "SEALBOX_KEY"]),
            json!(["get", "ok", [a(2)], "default", null, "SEALBOX_KEY"]),
        ]
    );
    // A scoped credential holds the audit key through its scope: its records are authenticated.
    for record in &records {
        assert!(record["mac"].is_string(), "{record}");
    }
    let out = expect(0, output(env.cmd(&["audit", "verify"])));
    assert!(
        stdout(&out).starts_with("audit log ok: "),
        "{}",
        stdout(&out)
    );
    // Asking the log about the scoped slot finds the granted and the denied read.
    let out = expect(
        0,
        output(env.bare_cmd(&["audit", "--json", "--name", "C", "--outcome", "denied"])),
    );
    let found: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (&found[0]["slot"], &found[0]["scope"]),
        (&json!("ci"), &json!("deploy"))
    );
}

#[test]
fn a_refused_re_encrypt_by_a_scoped_key_is_recorded_as_denied() {
    let env = deploy_vault();
    let start = env.audit_lines().len();
    for args in [
        &["re-encrypt"][..],
        &["rotate-master"],
        &["scope", "add", "x", "--only", "C"],
    ] {
        let mut cmd = with_key(&env, KEY_CI, args);
        cmd.env("SEALBOX_NEW_KEY", KEY_WRITER);
        assert_denied(&output(cmd), &needs_full("ci", "deploy"));
    }
    let records = env.audit_lines()[start..].to_vec();
    let summary: Vec<Value> = records
        .iter()
        .map(|r| json!([r["action"], r["outcome"], r["slot"], r["scope"]]))
        .collect();
    // Before 782172b the exit-9 `re-encrypt` was recorded with "outcome": "ok"; every exit 9
    // is "denied", as the README says.
    assert_eq!(
        summary,
        [
            json!(["re-encrypt", "denied", "ci", "deploy"]),
            json!(["rotate-master", "denied", "ci", "deploy"]),
            json!(["scope add", "denied", "ci", "deploy"]),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Kill loop

/// What each credential of the kill-loop vault reads: every name it may read with its value.
type Readable = BTreeMap<String, String>;

/// `export --format json --all` with `key`, as a map, or why it failed.
fn readable(env: &TestEnv, key: &str) -> Result<Readable, String> {
    let out = output(with_key(env, key, &["export", "--format", "json", "--all"]));
    if out.status.code() != Some(0) {
        return Err(format!("exit {:?}: {}", out.status.code(), stderr(&out)));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())
}

/// Runs `cmd` and SIGKILLs it after `delay`.
fn run_and_kill(mut cmd: std::process::Command, delay: Duration) {
    cmd.stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = cmd.spawn().expect("spawn sealbox");
    std::thread::sleep(delay);
    let _ = child.kill();
    child.wait().expect("wait");
}

/// Acceptance 4: re-encrypt (every fourth run with `--new-vault-key`) SIGKILLed at random
/// instants, 100 times, on a vault with scopes "deploy" and "ops" and slots default (full), ci
/// (deploy, a writer) and opsbot (ops). After every kill each credential exports exactly what
/// it did, names outside its scope are exit 9, and `verify` passes. About 35 s on 2 cores;
/// SEALBOX_SCOPES_KILL_RUNS changes the count and SEALBOX_KILL_LOOP_SEED replays a run.
#[test]
fn re_encrypt_killed_at_random_moments_keeps_every_credential_opening_what_it_did() {
    let runs: usize = std::env::var("SEALBOX_SCOPES_KILL_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let (mut rng, seed) = Rng::from_env_or_time("SEALBOX_KILL_LOOP_SEED");
    eprintln!("scopes kill loop: {runs} runs, seed {seed}");
    let started = Instant::now();
    let env = TestEnv::with_vault();
    // 40 names in each of three groups, two versions each: deploy.*, ops.* and the rest.
    let mut json = serde_json::Map::new();
    for i in 0..40 {
        for group in ["deploy", "ops", "other"] {
            json.insert(
                format!("{group}.{i:02}"),
                json!(format!("{group}-{i}-v1-{seed}")),
            );
        }
    }
    let import = |json: &serde_json::Map<String, Value>| {
        expect(
            0,
            output({
                let mut cmd = env.cmd(&["import", "--format", "json", "-q"]);
                cmd.write_stdin(Value::Object(json.clone()).to_string());
                cmd
            }),
        );
    };
    import(&json);
    for value in json.values_mut() {
        *value = json!(value.as_str().unwrap().replace("-v1-", "-v2-"));
    }
    import(&json);
    env.set("A", A);
    env.set("B", B);
    env.set("C", C);
    expect(
        0,
        output(env.cmd(&[
            "scope", "add", "deploy", "--only", "A,B", "--prefix", "deploy.",
        ])),
    );
    expect(
        0,
        output(env.cmd(&["scope", "add", "ops", "--prefix", "ops."])),
    );
    add_scoped_slot(&env, "ci", "deploy", KEY_CI, &["--allow-write"]);
    add_scoped_slot(&env, "opsbot", "ops", KEY_OPS, &[]);
    // A version written by the scoped writer: its key is random and only the scope holds it.
    expect(
        0,
        output({
            let mut cmd = with_key(&env, KEY_CI, &["set", "A"]);
            cmd.write_stdin("alpha-written-by-ci");
            cmd
        }),
    );

    let full = readable(&env, &env.key).unwrap();
    assert_eq!(full.len(), 123);
    let ci: Readable = full
        .iter()
        .filter(|(k, _)| k.starts_with("deploy.") || *k == "A" || *k == "B")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let ops: Readable = full
        .iter()
        .filter(|(k, _)| k.starts_with("ops."))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    assert_eq!((ci.len(), ops.len()), (42, 40));
    assert_eq!(ci["A"], "alpha-written-by-ci");
    let expected = [(env.key.as_str(), &full), (KEY_CI, &ci), (KEY_OPS, &ops)];
    let check = |context: &str, rng: &mut Rng| {
        for (key, wanted) in expected {
            assert_eq!(readable(&env, key).as_ref(), Ok(wanted), "{context}");
        }
        // A name outside each scope is exit 9 (one of the other groups, at random).
        let i = rng.below(40);
        for (key, slot, scope, name) in [
            (KEY_CI, "ci", "deploy", format!("ops.{i:02}")),
            (KEY_CI, "ci", "deploy", "C".to_owned()),
            (KEY_OPS, "opsbot", "ops", format!("deploy.{i:02}")),
            (KEY_OPS, "opsbot", "ops", "A".to_owned()),
        ] {
            if name.len() > 1 || rng.below(4) == 0 {
                let out = output(with_key(&env, key, &["get", &name]));
                assert_eq!(out.status.code(), Some(9), "{context}: {}", stderr(&out));
                assert!(out.stdout.is_empty());
                assert_eq!(stderr(&out), outside(&name, slot, scope), "{context}");
            }
        }
        let out = output(env.cmd(&["verify", "-q"]));
        assert_eq!(
            out.status.code(),
            Some(0),
            "{context}: verify: {}",
            stderr(&out)
        );
    };

    // Calibration: how long a whole re-encrypt takes, so the kills cover all of it.
    let direct = |args: &[&str]| {
        let mut cmd = sealbox_direct(&env, args);
        cmd.env("SEALBOX_KEY", &env.key);
        cmd
    };
    let t = Instant::now();
    let out = direct(&["re-encrypt", "-q"]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let whole = t.elapsed();
    check("after the calibration run", &mut rng);
    eprintln!("calibration: re-encrypt {whole:?}");

    let mut landed: BTreeMap<&str, usize> = BTreeMap::new();
    for run in 0..runs {
        let delay = Duration::from_micros(rng.below(whole.as_micros() as u64 * 3 / 2 + 1));
        // Every fourth run also replaces the vault key, which keeps the scoped slots.
        let args: &[&str] = if run % 4 == 3 {
            &["re-encrypt", "-q", "--new-vault-key"]
        } else {
            &["re-encrypt", "-q"]
        };
        run_and_kill(direct(args), delay);
        // Where the kill landed, for the summary: re-encrypt adds a data key, moves every
        // version onto it and drops the old ones, in batches.
        let conn = env.sql();
        let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        let (keys, pending) = (
            count("SELECT count(*) FROM data_keys"),
            count("SELECT count(*) FROM versions WHERE key_id <> (SELECT max(id) FROM data_keys)"),
        );
        drop(conn);
        *landed
            .entry(if keys == 1 && pending == 0 {
                "one data key"
            } else {
                "several data keys"
            })
            .or_insert(0) += 1;
        check(
            &format!("seed {seed}, run {run} ({args:?} killed after {delay:?})"),
            &mut rng,
        );
        // Every third run is finished by a rerun, so the next kill starts from a clean state.
        if run % 3 == 2 {
            let out = direct(&["re-encrypt", "-q"]).output().unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "seed {seed}, rerun after run {run}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    let out = direct(&["re-encrypt", "-q"]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    check("after the final rerun", &mut rng);
    // And rotate-master keeps the scoped slots too.
    let new_key = key_file(
        &env,
        "new-master.key",
        "6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e6e",
    );
    expect(
        0,
        output(env.cmd(&[
            "rotate-master",
            "-q",
            "--new-key-file",
            new_key.to_str().unwrap(),
        ])),
    );
    for (key, wanted) in &expected[1..] {
        assert_eq!(
            readable(&env, key).as_ref(),
            Ok(*wanted),
            "after rotate-master"
        );
    }
    eprintln!(
        "scopes kill loop: states after the kills {landed:?}; finished in {:?}",
        started.elapsed()
    );
}
