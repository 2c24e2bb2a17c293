//! Issue 7, section 1: everything SQLite reads beside the vault is input. A journal that does not
//! belong to the file is refused (exit 5) without touching anything; a vault owned by someone
//! else, or in a directory others can write, is refused; a symlinked vault finds its journal
//! beside the real file; file-system failures name the path and say what to do.
//!
//! The file-system failures are real: a tmpfs mounted in a private mount namespace
//! (`unshare -m`, which the tests' root user may do) fills up or is remounted read-only.

use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::process::{Command, Output};

use crate::common::{TestEnv, bin, copy_mid_transaction, journal_of, stderr, stdout};

const KEY_CI: &str = "c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1c1";

/// Asserts exit `code`, empty stdout, and stderr starting with `error: {start}`.
fn assert_error(out: &Output, code: i32, start: &str) -> String {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(code), "{err}");
    assert!(out.stdout.is_empty(), "stdout: {}", stdout(out));
    assert!(err.starts_with(&format!("error: {start}")), "{err}");
    err
}

/// A vault with a second slot labelled `ci` and one secret A = "v1".
fn vault_with_ci_slot() -> TestEnv {
    let env = TestEnv::with_vault();
    env.cmd(&["slot", "add", "--label", "ci"])
        .env("SEALBOX_NEW_KEY", KEY_CI)
        .assert()
        .success();
    env.set("A", b"v1");
    env
}

fn slot_labels(env: &TestEnv) -> String {
    let out = env.cmd(&["slot", "list", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn a_planted_journal_from_an_old_copy_is_refused_and_nothing_changes() {
    let env = vault_with_ci_slot();
    let old = env.home().join("old.db");
    std::fs::copy(&env.vault, &old).unwrap();
    // A journal of a transaction on the old copy holds its slot and version pages as they were.
    let scratch = env.home().join("scratch").join("old.db");
    std::fs::create_dir(scratch.parent().unwrap()).unwrap();
    copy_mid_transaction(
        &old,
        &scratch,
        "UPDATE slots SET created_at = created_at; UPDATE versions SET created_at = created_at;",
    );
    env.cmd(&["slot", "remove", "ci"]).assert().success();
    env.set("A", b"v2");
    assert!(!slot_labels(&env).contains("\"ci\""));
    std::fs::copy(journal_of(&scratch), journal_of(&env.vault)).unwrap();

    let before = env.vault_files();
    let journal = journal_of(&env.vault).display().to_string();
    for args in [&["slot", "list"][..], &["get", "A"], &["list"], &["verify"]] {
        let out = env.cmd(args).output().unwrap();
        let err = assert_error(
            &out,
            5,
            &format!(
                "refusing the rollback journal {journal}: it was written for another copy or an older state of the vault; nothing was read or changed"
            ),
        );
        assert!(
            err.contains(&format!("hint: to move it aside: mv '{journal}'")),
            "{err}"
        );
    }
    env.assert_unchanged(&before, "a planted old journal");
}

#[test]
fn a_stale_journal_is_not_applied_to_a_vault_restored_from_a_backup() {
    let env = TestEnv::with_vault();
    env.set("A", b"from the backup");
    let backup = env.home().join("backup.db");
    std::fs::copy(&env.vault, &backup).unwrap();
    for i in 0..20 {
        env.set(&format!("LATER{i}"), &[b'x'; 400]);
    }
    // A kill in the middle of a write leaves the vault with a hot journal...
    let work = env.home().join("work.db");
    std::fs::copy(&env.vault, &work).unwrap();
    copy_mid_transaction(
        &work,
        &env.vault,
        "DELETE FROM versions; DELETE FROM secrets;",
    );
    // ...and then the user puts the backup back, leaving the journal where it was.
    std::fs::copy(&backup, &env.vault).unwrap();
    let before = env.vault_files();
    assert_eq!(before.len(), 2, "the restored vault and the stale journal");
    let out = env.cmd(&["get", "A"]).output().unwrap();
    assert_error(&out, 5, "refusing the rollback journal");
    env.assert_unchanged(&before, "a stale journal after a restore");

    // The hint's next steps work and the backup is intact: with the journal aside, the
    // restore itself is noticed, and accepted on request.
    let journal = journal_of(&env.vault);
    std::fs::rename(&journal, env.home().join("stale-journal")).unwrap();
    let out = env.cmd(&["get", "A"]).output().unwrap();
    let restored = format!(
        "the vault {} is older than one this account has opened",
        env.vault.display()
    );
    assert_error(&out, 5, &restored);
    env.cmd(&["verify", "--accept-restore"]).assert().code(0);
    assert_eq!(env.get("A"), b"from the backup");
    env.cmd(&["verify"]).assert().code(0);
}

#[test]
fn a_journal_that_is_not_the_owners_private_file_is_refused() {
    let env = TestEnv::with_vault();
    env.set("A", b"kept");
    let work = env.home().join("work.db");
    std::fs::copy(&env.vault, &work).unwrap();
    copy_mid_transaction(&work, &env.vault, "UPDATE versions SET created_at = 1;");
    let journal = journal_of(&env.vault);
    let shown = journal.display().to_string();
    let refused = |why: &str| {
        let before = env.vault_files();
        let out = env.cmd(&["get", "A"]).output().unwrap();
        assert_error(
            &out,
            5,
            &format!("refusing the rollback journal {shown}: {why}"),
        );
        env.assert_unchanged(&before, why);
    };

    std::os::unix::fs::chown(&journal, Some(4242), None).unwrap();
    refused("it is owned by uid 4242, not by the vault's owner (uid 0)");
    std::os::unix::fs::chown(&journal, Some(0), None).unwrap();

    std::fs::set_permissions(&journal, std::fs::Permissions::from_mode(0o666)).unwrap();
    refused("other users can write it (mode 666)");
    std::fs::set_permissions(&journal, std::fs::Permissions::from_mode(0o600)).unwrap();

    let real = env.home().join("journal-elsewhere");
    std::fs::rename(&journal, &real).unwrap();
    symlink(&real, &journal).unwrap();
    refused("it is not a regular file");
    std::fs::remove_file(&journal).unwrap();
    std::fs::rename(&real, &journal).unwrap();

    // The same journal as the owner's private file is a kill mid-write: rolled back, then used.
    assert_eq!(env.get("A"), b"kept");
    assert!(!journal.exists());
    env.cmd(&["verify"]).assert().code(0);
}

#[test]
fn a_journal_from_another_vault_is_refused() {
    let env = TestEnv::with_vault();
    env.set("A", b"mine");
    let other = TestEnv::with_vault();
    other.set("A", b"theirs");
    // The same commits on both, so their change counters and sizes agree: only the vault id,
    // on page 2, tells the journal apart.
    let work = other.home().join("work.db");
    std::fs::copy(&other.vault, &work).unwrap();
    let scratch = other.home().join("scratch.db");
    copy_mid_transaction(&work, &scratch, "UPDATE versions SET created_at = 1;");
    std::fs::copy(journal_of(&scratch), journal_of(&env.vault)).unwrap();
    let before = env.vault_files();
    let out = env.cmd(&["get", "A"]).output().unwrap();
    assert_error(
        &out,
        5,
        &format!(
            "refusing the rollback journal {}: it was written for another vault",
            journal_of(&env.vault).display()
        ),
    );
    env.assert_unchanged(&before, "a journal from another vault");
}

#[test]
fn a_symlinked_vault_finds_its_journal_beside_the_real_file() {
    let env = TestEnv::with_vault();
    env.set("A", b"kept");
    let real_dir = env.home().join("real");
    std::fs::create_dir(&real_dir).unwrap();
    let real = real_dir.join("vault.db");
    let work = env.home().join("work.db");
    std::fs::copy(&env.vault, &work).unwrap();
    // The file grows past what its header says until the journal is rolled back.
    copy_mid_transaction(
        &work,
        &real,
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
         INSERT INTO secrets (name, description, created_at, updated_at)
         SELECT 'N' || i, hex(randomblob(500)), 0, 0 FROM n;",
    );
    std::fs::remove_file(&env.vault).unwrap();
    symlink(&real, &env.vault).unwrap();
    // The audit log goes with the real file, as it does for the journal.
    let real_log = real_dir.join("vault.db.audit");
    std::fs::rename(env.audit_log(), &real_log).unwrap();
    let out = env.cmd(&["list", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()[0]["name"],
        "A"
    );
    assert!(!journal_of(&real).exists(), "the journal was rolled back");
    assert_eq!(env.get("A"), b"kept");
    // The read was recorded beside the real file, and no log appeared beside the link.
    assert!(!env.audit_log().exists());
    let log = std::fs::read_to_string(&real_log).unwrap();
    let last: serde_json::Value = serde_json::from_str(log.lines().last().unwrap()).unwrap();
    assert_eq!(last["action"], "get");
    assert_eq!(last["secrets"][0]["name"], "A");
}

/// A state directory of `uid`'s own, as that user's HOME would give it (the test's HOME is
/// root's, and sealbox warns that it cannot track rollback in someone else's directory).
fn state_home_of(env: &TestEnv, uid: u32) -> std::path::PathBuf {
    let dir = env.home().join(format!("state-{uid}"));
    std::fs::create_dir_all(&dir).unwrap();
    std::os::unix::fs::chown(&dir, Some(uid), Some(uid)).unwrap();
    dir
}

/// `sealbox ARGS` run as `uid` (and the same gid), through setpriv.
fn as_user(env: &TestEnv, uid: u32, args: &[&str]) -> Output {
    let mut cmd = Command::new("setpriv");
    env.confine(&mut cmd);
    cmd.env("XDG_STATE_HOME", state_home_of(env, uid));
    cmd.args([
        &format!("--reuid={uid}"),
        &format!("--regid={uid}"),
        "--clear-groups",
        "--",
        bin(),
    ])
    .args(args)
    .env("SEALBOX_KEY", &env.key)
    .output()
    .expect("setpriv (util-linux)")
}

#[test]
fn a_vault_owned_by_another_user_is_refused() {
    let env = TestEnv::with_vault();
    env.set("A", b"v");
    std::fs::set_permissions(env.home(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::os::unix::fs::chown(&env.vault, Some(4242), Some(4242)).unwrap();
    std::os::unix::fs::chown(env.audit_log(), Some(4242), Some(4242)).unwrap();
    std::fs::set_permissions(&env.vault, std::fs::Permissions::from_mode(0o644)).unwrap();
    let before = env.vault_files();
    let log_before = std::fs::read(env.audit_log()).unwrap();
    let out = as_user(&env, 4243, &["list", "-q"]);
    let path = env.vault.display();
    let err = assert_error(
        &out,
        1,
        &format!("the vault {path} belongs to another user (uid 4242)"),
    );
    assert!(
        err.contains("hint: run sealbox as its owner (root too: sudo -u '#4242' sealbox ...)"),
        "{err}"
    );
    // Root is refused too: SQLite running as root would give the journal, WAL and
    // shared-memory files it opens beside the vault to the vault's owner, and write the last,
    // so an owner who links another file there takes it over.
    for args in [&["list", "-q"][..], &["get", "A", "-q"], &["verify", "-q"]] {
        let out = env.cmd(args).output().unwrap();
        assert_error(
            &out,
            1,
            &format!("the vault {path} belongs to another user (uid 4242)"),
        );
    }
    env.assert_unchanged(&before, "a vault owned by another user");
    assert_eq!(
        std::fs::read(env.audit_log()).unwrap(),
        log_before,
        "a refused command wrote to the audit log"
    );
    // Its owner may open it.
    let out = as_user(&env, 4242, &["list", "-q"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = as_user(&env, 4242, &["get", "A"]);
    assert_eq!(out.stdout, b"v", "{}", stderr(&out));
}

#[test]
fn a_directory_others_can_write_is_refused_unless_it_is_sticky() {
    let env = TestEnv::with_vault();
    env.set("A", b"v");
    let before = env.vault_files();
    let log_before = std::fs::read(env.audit_log()).unwrap();
    let home = env.home().display().to_string();
    for mode in [0o777, 0o775] {
        std::fs::set_permissions(env.home(), std::fs::Permissions::from_mode(mode)).unwrap();
        let out = env.cmd(&["get", "A"]).output().unwrap();
        let err = assert_error(
            &out,
            1,
            &format!(
                "the vault's directory {home} can be written by other users (mode {mode:04o}) and is not sticky, so someone else could replace the vault or plant files beside it"
            ),
        );
        assert!(err.contains(&format!("chmod go-w '{home}'")), "{err}");
    }
    env.assert_unchanged(&before, "a directory others can write");
    assert_eq!(
        std::fs::read(env.audit_log()).unwrap(),
        log_before,
        "a refused command wrote to the audit log in a directory others can write"
    );
    std::fs::set_permissions(env.home(), std::fs::Permissions::from_mode(0o1777)).unwrap();
    assert_eq!(env.get("A"), b"v");
    // A directory owned by another (non-root) user is theirs to change, writable or not...
    std::os::unix::fs::chown(env.home(), Some(4242), None).unwrap();
    std::fs::set_permissions(env.home(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let err = assert_error(
        &env.cmd(&["get", "A"]).output().unwrap(),
        1,
        &format!(
            "the vault's directory {home} belongs to uid 4242, neither the vault's owner nor root"
        ),
    );
    assert!(
        err.contains("hint: keep the vault in a directory its owner owns"),
        "{err}"
    );
    // ...unless it is the vault's owner's (the vault and its audit log).
    std::os::unix::fs::chown(&env.vault, Some(4242), Some(4242)).unwrap();
    std::os::unix::fs::chown(env.audit_log(), Some(4242), Some(4242)).unwrap();
    let out = as_user(&env, 4242, &["get", "A"]);
    assert_eq!(out.stdout, b"v", "{}", stderr(&out));
    // init refuses a directory others can write before creating anything in it.
    let shared = env.home().join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o777)).unwrap();
    let target = shared.join("v.db");
    let out = env
        .cmd(&["init", "--vault", target.to_str().unwrap()])
        .output()
        .unwrap();
    assert_error(
        &out,
        1,
        &format!("the vault's directory {} can be written", shared.display()),
    );
    assert_eq!(
        std::fs::read_dir(&shared).unwrap().count(),
        0,
        "init created a file"
    );
}

/// Runs `script` with bash in a private mount namespace, with `$SEALBOX` the binary and
/// `$MNT` an empty directory to mount on; the vault is `$MNT/vault.db` for sealbox.
pub(crate) fn in_mount_namespace(env: &TestEnv, script: &str) -> Output {
    let mnt = env.home().join("mnt");
    std::fs::create_dir_all(&mnt).unwrap();
    let mut cmd = Command::new("unshare");
    env.confine(&mut cmd);
    cmd.args(["-m", "bash", "-c", &format!("set -u\n{script}")])
        .env("SEALBOX", bin())
        .env("MNT", &mnt)
        .env("SRC", &env.vault)
        .env("SEALBOX_VAULT", mnt.join("vault.db"))
        .env("SEALBOX_KEY", &env.key);
    let out = cmd.output().expect("unshare (util-linux)");
    assert!(
        !stderr(&out).contains("unshare: "),
        "this test needs a private mount namespace (root): {}",
        stderr(&out)
    );
    out
}

#[test]
fn a_full_file_system_is_named_and_loses_nothing() {
    let env = TestEnv::with_vault();
    env.set("A", b"kept");
    let big = env.home().join("big");
    // Incompressible text, so the value's ciphertext really takes the space.
    let text: Vec<u8> = (0..600_000u32)
        .map(|i| b"0123456789abcdef"[(i.wrapping_mul(2654435761) >> 28) as usize])
        .collect();
    std::fs::write(&big, text).unwrap();
    let out = in_mount_namespace(
        &env,
        &format!(
            r#"mount -t tmpfs -o size=400k tmpfs "$MNT" && cp "$SRC" "$MNT/vault.db" &&
            cp "$SRC.audit" "$MNT/vault.db.audit" || exit 99
            "$SEALBOX" set BIG --from-file '{}'
            echo "exit=$?" >&2
            "$SEALBOX" get A"#,
            big.display()
        ),
    );
    let mnt = env.home().join("mnt").join("vault.db");
    let err = stderr(&out);
    assert_eq!(
        err,
        format!(
            "error: cannot write to the vault {0}: the file system is full\n\
             hint: free some space on the file system holding {0} and run the command again; the vault was left as it was\n\
             exit=1\n",
            mnt.display()
        )
    );
    assert_eq!(out.stdout, b"kept");
}

#[test]
fn a_read_only_file_system_is_named_and_values_are_not_read_unrecorded() {
    let env = TestEnv::with_vault();
    env.set("A", b"kept");
    let out = in_mount_namespace(
        &env,
        r#"mount -t tmpfs -o size=1m tmpfs "$MNT" && cp "$SRC" "$MNT/vault.db" &&
            cp "$SRC.audit" "$MNT/vault.db.audit" && mount -o remount,ro "$MNT" || exit 99
            printf new | "$SEALBOX" set A
            echo "exit=$?" >&2
            "$SEALBOX" get A
            echo "exit=$?" >&2
            env -u SEALBOX_KEY "$SEALBOX" list --names-only
            echo "exit=$?" >&2
            env -u SEALBOX_KEY "$SEALBOX" check --require A
            echo "exit=$?" >&2
            env -u SEALBOX_KEY "$SEALBOX" audit --action set --json | grep -c '"name":"A"' >&2
            echo "exit=$?" >&2"#,
    );
    let mnt = env.home().join("mnt").join("vault.db");
    let log = env.home().join("mnt").join("vault.db.audit");
    // Reading a value appends its record first: on a read-only file system it fails closed,
    // and says so; what needs no credential still works.
    assert_eq!(
        stderr(&out),
        format!(
            "error: cannot write to the vault {0}: the file or its file system is read-only\n\
             hint: check the mount and the mode of {0} (ls -l); list, check, history and audit queries still work without a credential; anything that unlocks the vault must first append to its audit log\n\
             warning: this failure could not be recorded in the audit log: cannot append to the audit log {1}: Read-only file system (os error 30)\n\
             exit=1\n\
             error: cannot append to the audit log {1}: Read-only file system (os error 30)\n\
             hint: every command that unlocks is recorded first, so this one stopped before any value left sealbox, and the vault is unchanged\n\
             hint: make room on its file system or fix its permissions (ls -l '{1}'), then run the command again\n\
             exit=1\n\
             exit=0\n\
             ok: nothing to act on (1 secret checked, unauthenticated: no credential)\n\
             exit=0\n\
             1\n\
             exit=0\n",
            mnt.display(),
            log.display()
        )
    );
    // Only list's names: no value left.
    assert_eq!(stdout(&out), "A\n");
}

#[test]
fn a_read_only_directory_is_named() {
    let env = TestEnv::with_vault();
    env.set("A", b"kept");
    let dir = env.home().join("ro");
    std::fs::create_dir(&dir).unwrap();
    let vault = dir.join("vault.db");
    std::fs::copy(&env.vault, &vault).unwrap();
    let log = dir.join("vault.db.audit");
    std::fs::copy(env.audit_log(), &log).unwrap();
    std::os::unix::fs::chown(&vault, Some(4242), Some(4242)).unwrap();
    std::os::unix::fs::chown(&log, Some(4242), Some(4242)).unwrap();
    std::os::unix::fs::chown(&dir, Some(4242), Some(4242)).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    std::fs::set_permissions(env.home(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let shown = vault.display().to_string();
    let run_as_owner = |script: &str| {
        let mut cmd = Command::new("setpriv");
        env.confine(&mut cmd);
        cmd.env("XDG_STATE_HOME", state_home_of(&env, 4242))
            .args([
                "--reuid=4242",
                "--regid=4242",
                "--clear-groups",
                "--",
                "sh",
                "-c",
            ])
            .arg(script)
            .arg(bin())
            .env("SEALBOX_VAULT", &vault)
            .env("SEALBOX_KEY", &env.key)
            .output()
            .unwrap()
    };
    let out = run_as_owner(r#"printf new | "$0" set A; echo "exit=$?" >&2; "$0" get A"#);
    assert_eq!(
        stderr(&out),
        format!(
            "error: cannot write to the vault {shown}: its directory is read-only, and a write needs room for a journal file beside the vault\n\
             hint: make {} writable (a write keeps SQLite's journal beside the vault), or copy the vault to a writable directory; list, check, history and audit queries still work without a credential\n\
             exit=1\n",
            dir.display()
        )
    );
    assert_eq!(out.stdout, b"kept");
    // The log that came with the vault is its owner's to append to: both were recorded.
    let records: Vec<serde_json::Value> = std::fs::read_to_string(&log)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let tail: Vec<_> = records[records.len() - 2..]
        .iter()
        .map(|r| {
            (
                r["action"].as_str().unwrap(),
                r["outcome"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(tail, [("set", "error"), ("get", "ok")]);

    // Without its log, no log can be made there, so a value is not read (it would leave
    // unrecorded); what reads no value still works.
    std::fs::remove_file(&log).unwrap();
    let out = run_as_owner(r#""$0" get A"#);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "a value left unrecorded");
    assert_eq!(
        stderr(&out),
        format!(
            "error: cannot append to the audit log {0}: Permission denied (os error 13)\n\
             hint: every command that unlocks is recorded first, so this one stopped before any value left sealbox, and the vault is unchanged\n\
             hint: make room on its file system or fix its permissions (ls -l '{0}'), then run the command again\n",
            log.display()
        )
    );
    assert!(!log.exists());
    let out = run_as_owner(r#"env -u SEALBOX_KEY "$0" list --names-only"#);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "A\n");
}

#[test]
fn a_write_makes_a_0644_vault_and_its_journal_private() {
    let env = TestEnv::with_vault();
    std::fs::set_permissions(&env.vault, std::fs::Permissions::from_mode(0o644)).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).map(|m| m.permissions().mode() & 0o777);
    env.cmd(&["list", "-q"]).assert().code(0);
    assert_eq!(mode(&env.vault).unwrap(), 0o644, "reading changes nothing");
    // SQLite gives its journal the vault's mode: watch the journal of a long import.
    let lines: String = (0..100_000).map(|i| format!("N{i}=value{i}\n")).collect();
    let input = env.home().join("big.env");
    std::fs::write(&input, lines).unwrap();
    let mut child = env
        .bare_std_cmd(&["import", "--format", "env", "-q"])
        .env("SEALBOX_KEY", &env.key)
        .stdin(std::fs::File::open(&input).unwrap())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let journal = journal_of(&env.vault);
    let mut seen = Vec::new();
    while child.try_wait().unwrap().is_none() {
        if let Ok(mode) = mode(&journal) {
            seen.push(mode);
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    assert!(child.wait().unwrap().success());
    assert!(!seen.is_empty(), "the import's journal was never seen");
    assert!(seen.iter().all(|&m| m == 0o600), "journal modes: {seen:?}");
    assert_eq!(mode(&env.vault).unwrap(), 0o600);
}

#[test]
fn init_refuses_to_create_a_vault_beside_a_leftover_journal() {
    let env = TestEnv::with_vault();
    env.set("A", b"old");
    let work = env.home().join("work.db");
    std::fs::copy(&env.vault, &work).unwrap();
    copy_mid_transaction(&work, &env.vault, "DELETE FROM versions;");
    // The old vault is deleted, its journal is not.
    std::fs::remove_file(&env.vault).unwrap();
    let journal = journal_of(&env.vault);
    let out = env.cmd(&["init"]).output().unwrap();
    assert_error(
        &out,
        5,
        &format!(
            "refusing to create a vault beside the rollback journal {}: it was left by an earlier file of this name",
            journal.display()
        ),
    );
    assert!(!env.vault.exists());
    std::fs::rename(&journal, env.home().join("old-journal")).unwrap();
    // Its audit log is left too: init refuses to start a new vault on the old one's records.
    let log = env.audit_log();
    let old_log = std::fs::read(&log).unwrap();
    let out = env.cmd(&["init"]).output().unwrap();
    let err = assert_error(
        &out,
        6,
        &format!(
            "refusing to create a vault beside the audit log {}: it was left by an earlier vault of this name; nothing was created",
            log.display()
        ),
    );
    assert!(
        err.contains(&format!(
            "hint: if that vault's records are not needed beside a new vault, move the log aside and run init again: mv '{0}' '{0}.old'",
            log.display()
        )),
        "{err}"
    );
    assert!(!env.vault.exists());
    assert_eq!(std::fs::read(&log).unwrap(), old_log, "the old log changed");
    std::fs::rename(&log, env.home().join("old-log")).unwrap();
    env.cmd(&["init"]).assert().code(0);
    env.set("B", b"new");
    assert_eq!(env.get("B"), b"new");
}

#[test]
fn a_journal_naming_a_super_journal_never_makes_sealbox_delete_a_file() {
    let env = TestEnv::with_vault();
    env.set("A", b"v");
    let precious = env.home().join("precious.txt");
    std::fs::write(&precious, b"keep me").unwrap();
    // What SQLite reads back from a journal's end: the super-journal's name, its length, a
    // checksum of its bytes and the journal magic. SQLite deletes that file during rollback,
    // whatever the journal's header says.
    let name = precious.to_str().unwrap().as_bytes();
    let sum: u32 = name.iter().map(|&b| u32::from(b)).sum();
    let mut journal = vec![b'X'; 512];
    journal.extend_from_slice(name);
    journal.extend_from_slice(&(name.len() as u32).to_be_bytes());
    journal.extend_from_slice(&sum.to_be_bytes());
    journal.extend_from_slice(&[0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]);
    let path = journal_of(&env.vault);
    std::fs::write(&path, &journal).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let before = env.vault_files();
    let out = env.cmd(&["list"]).output().unwrap();
    assert_error(
        &out,
        5,
        &format!(
            "refusing the rollback journal {}: it names a super-journal for SQLite to delete, which sealbox never writes",
            path.display()
        ),
    );
    assert_eq!(std::fs::read(&precious).unwrap(), b"keep me");
    env.assert_unchanged(&before, "a journal naming a super-journal");
}

#[test]
fn a_journal_of_a_diverged_copy_is_refused() {
    let env = TestEnv::with_vault();
    env.set("S", b"before the copy");
    let copy = env.home().join("copy");
    std::fs::create_dir(&copy).unwrap();
    let b = copy.join("vault.db");
    std::fs::copy(&env.vault, &b).unwrap();
    std::fs::copy(env.audit_log(), copy.join("vault.db.audit")).unwrap();
    // Each copy gets one more write: the same generation, different contents. B is written
    // from another account (its own freshness record), as a copy on another machine would be.
    env.set("A_ONLY", b"a");
    env.cmd(&["set", "B_ONLY", "--vault", b.to_str().unwrap()])
        .env("XDG_STATE_HOME", env.home().join("elsewhere"))
        .write_stdin("b")
        .assert()
        .success();
    // A kill in a write on A leaves its journal; then B's file is copied over A's.
    let work = env.home().join("work.db");
    std::fs::copy(&env.vault, &work).unwrap();
    copy_mid_transaction(&work, &env.vault, "UPDATE versions SET created_at = 1;");
    std::fs::copy(&b, &env.vault).unwrap();
    let before = env.vault_files();
    let out = env.cmd(&["list"]).output().unwrap();
    assert_error(
        &out,
        5,
        &format!(
            "refusing the rollback journal {}: it was written for another copy or an older state of the vault",
            journal_of(&env.vault).display()
        ),
    );
    env.assert_unchanged(&before, "a diverged copy's journal");
}

#[test]
fn file_errors_name_the_path_once_and_fit_what_the_path_is() {
    let env = TestEnv::with_vault();
    let file = env.home().join("file");
    std::fs::write(&file, b"x").unwrap();
    let under_a_file = file.join("vault.db");
    let out = env
        .cmd(&["list", "--vault", under_a_file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        stderr(&out),
        format!(
            "error: cannot read {}: Not a directory (os error 20)\n",
            under_a_file.display()
        )
    );
    assert_eq!(out.status.code(), Some(1));
    let out = env
        .cmd(&["list", "--vault", env.home().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        stderr(&out),
        format!(
            "error: {} is not a sealbox vault: it is not a regular file\n\
             hint: check the path given with --vault or SEALBOX_VAULT; the file was left as it was\n",
            env.home().display()
        )
    );
    // A file longer than its header says is read as SQLite reads it, by the header: that is
    // what a compact killed between its commit and its truncation leaves.
    env.set("A", b"v");
    let mut bytes = std::fs::read(&env.vault).unwrap();
    bytes.extend_from_slice(&[0x77; 4096]);
    std::fs::write(&env.vault, &bytes).unwrap();
    assert_eq!(env.get("A"), b"v");
    env.set("B", b"w");
    env.cmd(&["verify"]).assert().code(0);
}

#[test]
fn init_removes_what_a_killed_init_left_an_hour_ago_and_nothing_newer() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.vault.parent().unwrap()).unwrap();
    let dir = env.vault.parent().unwrap();
    let old = dir.join(".vault.db.init-0011223344556677");
    let old_journal = dir.join(".vault.db.init-0011223344556677-journal");
    let recent = dir.join(".vault.db.init-8899aabbccddeeff");
    let unrelated = dir.join(".other.db.init-0011223344556677");
    for path in [&old, &old_journal, &recent, &unrelated] {
        std::fs::write(path, b"partial").unwrap();
    }
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    for path in [&old, &old_journal, &unrelated] {
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(two_hours_ago)
            .unwrap();
    }
    env.cmd(&["init"]).assert().code(0);
    assert!(
        !old.exists() && !old_journal.exists(),
        "abandoned staging files stayed"
    );
    assert!(
        recent.exists(),
        "a staging file an init may still use was removed"
    );
    assert!(
        unrelated.exists(),
        "another vault's staging file was removed"
    );
}
