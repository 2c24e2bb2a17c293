//! One end-to-end suite run against both backends: a vault file and a team vault on a real,
//! throw-away PostgreSQL (see `common::postgres`). Each scenario is a function of the
//! environment; `both!` makes a test of it for each backend, so the two can only pass or fail
//! the same way: round trips of exact bytes, exit codes, tampering done with SQL, history,
//! the audit log, scopes, and a rollback of the stored state.

use std::os::unix::fs::PermissionsExt;

use crate::common::lifecycle::{KEY_B, KEY_C};
use crate::common::{TestEnv, contains, forms, stderr, stdout};

macro_rules! both {
    ($($scenario:ident),* $(,)?) => {
        $(
            mod $scenario {
                #[test]
                fn file() {
                    super::$scenario(crate::common::TestEnv::with_vault());
                }

                #[test]
                fn postgres() {
                    super::$scenario(crate::common::TestEnv::team_with_vault());
                }
            }
        )*
    };
}

both!(
    exact_bytes_round_trip,
    exit_codes_are_the_same,
    rows_edited_with_sql_are_exit_5,
    history_keeps_every_version,
    the_audit_log_records_and_detects_removed_records,
    a_scoped_key_reads_its_scope_only,
    a_rolled_back_store_is_exit_5,
    a_deleted_value_row_is_exit_5,
);

fn run(env: &TestEnv, args: &[&str]) -> std::process::Output {
    env.cmd(args).output().unwrap()
}

fn key_file(env: &TestEnv, name: &str, key: &str) -> String {
    let path = env.home().join(name);
    std::fs::write(&path, key).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    path.to_str().unwrap().to_owned()
}

fn exact_bytes_round_trip(env: TestEnv) {
    let binary: Vec<u8> = (0..=255u8).chain(*b"\n\r\0 end").collect();
    env.set("BIN", &binary);
    env.set("EMPTY", b"");
    let large: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    env.set("LARGE", &large);
    assert_eq!(env.get("BIN"), binary);
    assert_eq!(env.get("EMPTY"), b"");
    assert_eq!(env.get("LARGE"), large);
    let out = run(&env, &["--json", "list"]);
    assert!(out.status.success());
    let names: Vec<String> = serde_json::from_slice::<Vec<serde_json::Value>>(&out.stdout)
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names, ["BIN", "EMPTY", "LARGE"]);
    let out = run(&env, &["delete", "EMPTY"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = run(&env, &["get", "EMPTY"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(out.stdout.is_empty());
    let out = run(&env, &["list", "--prefix", "LA"]);
    assert_eq!(stdout(&out).lines().count(), 2, "{}", stdout(&out));
}

fn exit_codes_are_the_same(env: TestEnv) {
    env.set("A", b"one");
    let out = run(&env, &["init"]);
    assert_eq!(out.status.code(), Some(6));
    assert!(stderr(&out).starts_with("error: a vault already exists at "));
    let out = env
        .bare_cmd(&["get", "A"])
        .env("SEALBOX_KEY", KEY_B)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let out = run(&env, &["get", "MISSING"]);
    assert_eq!(out.status.code(), Some(3));
    let out = run(&env, &["get"]);
    assert_eq!(out.status.code(), Some(2));
    // A newer format than this sealbox knows.
    match &env.team {
        Some(_) => env.exec("UPDATE meta SET value = 99 WHERE key = 'format'"),
        None => env.exec("PRAGMA user_version = 99"),
    }
    let out = run(&env, &["get", "A"]);
    assert_eq!(out.status.code(), Some(8), "{}", stderr(&out));
    assert!(stderr(&out).contains("newer than this sealbox's"));
    assert!(out.stdout.is_empty());
}

fn rows_edited_with_sql_are_exit_5(env: TestEnv) {
    env.set("A", b"alpha");
    env.set("B", b"bravo");
    env.exec("UPDATE secrets SET description = 'edited' WHERE name = 'A'");
    let out = run(&env, &["get", "A"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    // B's nonce under A's name: neither opens as the other.
    env.exec(
        "UPDATE versions SET ciphertext = (SELECT ciphertext FROM versions WHERE name = 'A')
         WHERE name = 'B'",
    );
    let out = run(&env, &["get", "B"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(!contains(&out.stdout, b"alpha"));
    let out = run(&env, &["verify"]);
    assert_eq!(out.status.code(), Some(5));
}

fn history_keeps_every_version(env: TestEnv) {
    for value in ["v1", "v2", "v3"] {
        env.set("TOKEN", value.as_bytes());
    }
    let out = run(&env, &["get", "TOKEN", "--version", "1"]);
    assert_eq!(out.stdout, b"v1");
    let out = run(&env, &["--json", "history", "TOKEN"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let versions: Vec<i64> = json["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["version"].as_i64().unwrap())
        .collect();
    assert_eq!(versions, [1, 2, 3]);
    let out = run(&env, &["rollback", "TOKEN", "--to", "1"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(env.get("TOKEN"), b"v1");
}

fn the_audit_log_records_and_detects_removed_records(env: TestEnv) {
    env.set("A", b"alpha");
    env.get("A");
    let out = run(&env, &["--json", "audit"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let records: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let actions: Vec<&str> = records
        .iter()
        .map(|r| r["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["init", "set", "get"]);
    assert!(!contains(&out.stdout, b"alpha"));
    let out = run(&env, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The records the vault row vouches for are removed from the store.
    match &env.team {
        Some(_) => env.exec("DELETE FROM audit_log"),
        None => std::fs::write(env.audit_log(), b"").unwrap(),
    }
    let out = run(&env, &["get", "A"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

fn a_scoped_key_reads_its_scope_only(env: TestEnv) {
    env.set("A", b"alpha");
    env.set("B", b"bravo");
    let out = run(&env, &["scope", "add", "deploy", "--only", "A"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let file = key_file(&env, "ci.key", KEY_C);
    let out = run(
        &env,
        &[
            "slot",
            "add",
            "--scope",
            "deploy",
            "--label",
            "ci",
            "--new-key-file",
            &file,
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let scoped = |args: &[&str]| {
        env.bare_cmd(args)
            .env("SEALBOX_KEY", KEY_C)
            .output()
            .unwrap()
    };
    let out = scoped(&["get", "A"]);
    assert_eq!(out.stdout, b"alpha", "{}", stderr(&out));
    let out = scoped(&["get", "B"]);
    assert_eq!(out.status.code(), Some(9), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    // Widening the scope's definition in the store opens nothing more.
    env.exec("UPDATE scopes SET names = 'A\nB' WHERE name = 'deploy'");
    let out = scoped(&["get", "B"]);
    assert!(matches!(out.status.code(), Some(5 | 9)), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

fn a_rolled_back_store_is_exit_5(env: TestEnv) {
    env.set("A", b"old");
    let saved = match &env.team {
        Some(db) => crate::common::postgres::server().dump(db),
        None => std::fs::read(&env.vault).unwrap(),
    };
    let saved_log = env
        .team
        .is_none()
        .then(|| std::fs::read(env.audit_log()).unwrap());
    env.set("A", b"new");
    assert_eq!(env.get("A"), b"new");
    match &env.team {
        Some(db) => crate::common::postgres::server().restore(db, &saved),
        None => {
            std::fs::write(&env.vault, &saved).unwrap();
            std::fs::write(env.audit_log(), saved_log.unwrap()).unwrap();
        }
    }
    let out = run(&env, &["get", "A"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("older than one this account has opened"));
    let out = env.bare_cmd(&["list"]).output().unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
}

fn a_deleted_value_row_is_exit_5(env: TestEnv) {
    env.set("A", b"alpha");
    env.set("A", b"alpha two");
    env.exec("DELETE FROM versions WHERE name = 'A' AND version = 2");
    let out = run(&env, &["get", "A"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

/// Two members with identities of their own and a CI key share one team vault; removing a
/// member's slot locks them out; the database's dump holds no value, key or identity in any
/// form.
#[test]
fn members_and_a_ci_key_share_a_team_vault_and_the_dump_holds_no_secret() {
    let env = TestEnv::team_with_vault();
    let canary = TestEnv::canary("team");
    env.set("CANARY", &canary);
    let mut recipients = Vec::new();
    for member in ["alice", "bob"] {
        let path = env.home().join(format!("{member}.age"));
        let out = env
            .bare_cmd(&["identity", "new", path.to_str().unwrap()])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let recipient = stdout(&out).trim().to_owned();
        let out = run(
            &env,
            &["slot", "add", "--recipient", &recipient, "--label", member],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        recipients.push((member, path, recipient));
    }
    let ci = key_file(&env, "ci.key", KEY_B);
    let out = run(
        &env,
        &["slot", "add", "--label", "ci", "--new-key-file", &ci],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let as_member = |path: &std::path::Path, args: &[&str]| {
        env.bare_cmd(args)
            .env("SEALBOX_IDENTITY_FILE", path)
            .output()
            .unwrap()
    };
    for (_, path, _) in &recipients {
        assert_eq!(as_member(path, &["get", "CANARY"]).stdout, canary);
    }
    let out = env
        .bare_cmd(&["get", "CANARY"])
        .env("SEALBOX_KEY", KEY_B)
        .output()
        .unwrap();
    assert_eq!(out.stdout, canary);
    // Bob leaves.
    let out = run(&env, &["slot", "remove", "bob"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = as_member(&recipients[1].1, &["get", "CANARY"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert_eq!(
        as_member(&recipients[0].1, &["get", "CANARY"]).stdout,
        canary
    );
    // Nothing secret reaches the server, in any encoding.
    let dump = env.stored_bytes();
    assert!(contains(&dump, b"CANARY"), "the dump holds the names");
    let mut secrets = vec![canary.clone()];
    for key in [crate::common::lifecycle::KEY_A, KEY_B] {
        secrets.push(key.as_bytes().to_vec());
        secrets.push(crate::common::unhex(key));
    }
    for (_, path, _) in &recipients {
        let identity = std::fs::read_to_string(path).unwrap();
        let secret_line = identity
            .lines()
            .find(|l| l.starts_with("AGE-SECRET-KEY-"))
            .unwrap();
        secrets.push(secret_line.as_bytes().to_vec());
        secrets.push(secret_line.to_lowercase().into_bytes());
    }
    for secret in &secrets {
        for form in forms(secret) {
            assert!(!contains(&dump, &form), "the dump holds a secret");
        }
    }
}

/// A URL's password is never shown: not in errors, not in `init`'s report.
#[test]
fn a_team_vault_url_password_is_never_shown() {
    let env = TestEnv::team();
    let url = env
        .vault
        .to_str()
        .unwrap()
        .replace("sealbox@", "sealbox:Hunter2pw@");
    let out = env
        .cmd(&["init"])
        .env("SEALBOX_VAULT", &url)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!contains(&out.stderr, b"Hunter2pw"));
    assert!(stderr(&out).contains("sealbox:***@"), "{}", stderr(&out));
    let out = env
        .cmd(&["get", "MISSING"])
        .env("SEALBOX_VAULT", &url)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(!contains(&out.stderr, b"Hunter2pw"));
}

/// A database that holds no vault is "no vault" (3), and a server that cannot be reached is
/// named without its password.
#[test]
fn an_empty_database_is_exit_3_and_an_unreachable_server_exit_1() {
    let env = TestEnv::team();
    let out = run(&env, &["get", "A"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).starts_with("error: no vault at postgresql://sealbox@"));
    let out = env
        .cmd(&["get", "A"])
        .env(
            "SEALBOX_VAULT",
            "postgresql://u:Hunter2pw@%2Fnonexistent%2Fdir/db?sslmode=disable",
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).starts_with(
        "error: cannot connect to the team vault postgresql://u:***@%2Fnonexistent%2Fdir/db?sslmode=disable"
    ));
    assert!(!contains(&out.stderr, b"Hunter2pw"));
}

/// `vault copy` from a file into a team vault and back gives a vault whose `export --all` and
/// `history` are the source's, whose audit chain verifies, and that the same key opens; a
/// target holding a vault is refused untouched, and so is a tampered source.
#[test]
fn vault_copy_file_to_postgres_to_file_keeps_values_history_and_audit() {
    let file = TestEnv::with_vault();
    for value in ["one", "two", "three"] {
        file.set("A", value.as_bytes());
    }
    file.set("B", b"\x00bee\n");
    let out = run(&file, &["scope", "add", "deploy", "--only", "A"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let team = TestEnv::team();
    let url = team.vault.to_str().unwrap().to_owned();
    let out = run(&file, &["--json", "vault", "copy", "--to", &url]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["secrets"], 2);
    assert_eq!(report["versions"], 4);
    let back = file.home().join("back.db");
    let out = team
        .cmd(&["vault", "copy", "--to", back.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut copy = TestEnv::new();
    copy.vault = back;
    let view = |env: &TestEnv| {
        let export = run(env, &["export", "--all", "--format", "json"]);
        assert!(export.status.success(), "{}", stderr(&export));
        let history: Vec<Vec<u8>> = ["A", "B"]
            .iter()
            .map(|name| run(env, &["--json", "history", name]).stdout)
            .collect();
        let scopes = run(env, &["--json", "scope", "list"]).stdout;
        (export.stdout, history, scopes)
    };
    let source = view(&file);
    assert_eq!(view(&team), source);
    assert_eq!(view(&copy), source);
    for env in [&team, &copy] {
        let out = run(env, &["audit", "verify"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    // Into a database that holds a vault: exit 6, and nothing there changes.
    let before = team.stored_bytes();
    let out = run(&file, &["vault", "copy", "--to", &url]);
    assert_eq!(out.status.code(), Some(6), "{}", stderr(&out));
    assert!(team.stored_bytes() == before, "the target changed");
    // A tampered source is not copied.
    file.exec("UPDATE secrets SET description = 'edited' WHERE name = 'B'");
    let empty = TestEnv::team();
    let out = run(
        &file,
        &["vault", "copy", "--to", empty.vault.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let out = run(&empty, &["list"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
}

/// A row lock held past the busy timeout is busy (7) for a write and for a read, with
/// nothing changed; once it is released the same write goes through.
#[test]
fn a_lock_held_on_the_server_past_the_busy_timeout_is_exit_7() {
    let env = TestEnv::team_with_vault();
    env.set("A", b"before");
    let server = crate::common::postgres::server();
    let db = env.team.clone().unwrap();
    let mut holder = server
        .psql_command(
            &db,
            "BEGIN; SELECT 1 FROM vault WHERE id = 1 FOR UPDATE; SELECT pg_sleep(4); COMMIT",
        )
        .spawn()
        .unwrap();
    // Wait until the lock is held.
    let started = std::time::Instant::now();
    while server
        .psql(
            &db,
            "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(4)%' AND state = 'active' AND pid <> pg_backend_pid()",
        )
        .trim()
        != "1"
    {
        assert!(started.elapsed().as_secs() < 10, "the lock was never taken");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    for args in [&["set", "A"][..], &["get", "A"][..]] {
        let out = env
            .cmd(args)
            .env("SEALBOX_BUSY_TIMEOUT", "0.3")
            .write_stdin("after")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(7), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).starts_with(
                "error: the vault stayed locked by another process past the busy timeout"
            ),
            "{}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty());
    }
    assert!(holder.wait().unwrap().success());
    assert_eq!(env.get("A"), b"before");
    env.set("A", b"after");
    assert_eq!(env.get("A"), b"after");
}

/// A connection dropped in the middle of a write (the server ends the session) loses nothing
/// and leaves nothing half-done: the command says what happened (exit 1), and the vault is
/// as it was before it, and verifies.
#[test]
fn a_connection_dropped_mid_write_says_so_and_leaves_the_vault_whole() {
    let env = TestEnv::team_with_vault();
    env.set("KEPT", b"kept");
    let lines: String = (0..50_000).map(|i| format!("N{i:06}=value{i}\n")).collect();
    let file = env.home().join("many.env");
    std::fs::write(&file, lines).unwrap();
    let import = env
        .bare_std_cmd(&["import", "--format", "env", file.to_str().unwrap()])
        .env("SEALBOX_KEY", &env.key)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let server = crate::common::postgres::server();
    let db = env.team.clone().unwrap();
    // Once the import is writing rows, end its session from the server.
    let started = std::time::Instant::now();
    loop {
        let ended = server.psql(
            &db,
            "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
              WHERE application_name = 'sealbox' AND datname = current_database()
                AND xact_start IS NOT NULL AND now() - xact_start > interval '300 ms') t",
        );
        if ended.trim() == "1" {
            break;
        }
        assert!(
            started.elapsed().as_secs() < 30,
            "the import never got going"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = import.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the connection to the team vault was lost"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("nothing was half-done"),
        "{}",
        stderr(&out)
    );
    let out = run(&env, &["--json", "list"]);
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed.len(), 1, "a part of the import was kept");
    assert_eq!(env.get("KEPT"), b"kept");
    let out = run(&env, &["verify"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// sslmode as libpq means it, against the test server's TLS on loopback (a certificate for
/// `localhost` signed by a test CA): require encrypts, verify-full with the CA opens, and a
/// check that fails (another CA, or a host name the certificate does not name) is refused
/// before any row is read.
#[test]
fn sslmode_levels_connect_or_refuse_as_libpq_does() {
    let server = crate::common::postgres::server();
    let env = TestEnv::team();
    let db = env.team.clone().unwrap();
    let ca = server.ca_cert.to_str().unwrap().to_owned();
    let full = server.tcp_url(
        "localhost",
        &db,
        &format!("sslmode=verify-full&sslrootcert={ca}"),
    );
    let out = env
        .cmd(&["init"])
        .env("SEALBOX_VAULT", &full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let get = |url: &str| {
        env.cmd(&["list"])
            .env("SEALBOX_VAULT", url)
            .output()
            .unwrap()
    };
    // Encrypted without a check of the server; and the full check with the CA.
    for url in [
        server.tcp_url("127.0.0.1", &db, "sslmode=require"),
        full.clone(),
    ] {
        let out = get(&url);
        assert_eq!(out.status.code(), Some(0), "{url}: {}", stderr(&out));
    }
    // The certificate names localhost, not 127.0.0.1; and the system CAs did not sign it.
    for url in [
        server.tcp_url(
            "127.0.0.1",
            &db,
            &format!("sslmode=verify-full&sslrootcert={ca}"),
        ),
        server.tcp_url(
            "localhost",
            &db,
            "sslmode=verify-ca&sslrootcert=/etc/ssl/certs/ca-certificates.crt",
        ),
    ] {
        let out = get(&url);
        assert_eq!(out.status.code(), Some(1), "{url}: {}", stderr(&out));
        assert!(
            stderr(&out).starts_with("error: cannot connect to the team vault"),
            "{}",
            stderr(&out)
        );
    }
    // verify-ca checks the chain only, so the IP address is fine.
    let out = get(&server.tcp_url(
        "127.0.0.1",
        &db,
        &format!("sslmode=verify-ca&sslrootcert={ca}"),
    ));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = get(&server.tcp_url("localhost", &db, "sslmode=sometimes"));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

/// A server that rewrites what sealbox writes as it writes it (a trigger that keeps the old
/// vault row) is caught by the writer itself, and a vault whose tables carry triggers or rules
/// is refused before anything is read.
#[test]
fn triggers_on_the_servers_tables_are_refused_and_an_ignored_write_is_exit_5() {
    let env = TestEnv::team_with_vault();
    env.set("A", b"one");
    env.exec(
        "CREATE FUNCTION keep_old() RETURNS trigger LANGUAGE plpgsql AS
         $$ BEGIN RETURN OLD; END $$;
         CREATE TRIGGER keep_old BEFORE UPDATE ON vault FOR EACH ROW EXECUTE FUNCTION keep_old()",
    );
    for args in [&["get", "A"][..], &["set", "A"][..], &["list"][..]] {
        let out = env.cmd(args).write_stdin("two").output().unwrap();
        assert_eq!(out.status.code(), Some(5), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("has a trigger or a rule"),
            "{}",
            stderr(&out)
        );
        assert!(
            stderr(&out).contains("hint: the team vault's rows were modified outside sealbox"),
            "{}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty());
    }
    env.exec("DROP TRIGGER keep_old ON vault");
    assert_eq!(env.get("A"), b"one");
    env.exec("CREATE RULE no_audit AS ON INSERT TO audit_log DO INSTEAD NOTHING");
    let out = run(&env, &["get", "A"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    env.exec("DROP RULE no_audit ON audit_log");
    assert_eq!(env.get("A"), b"one");
    // A child table's triggers fire for rows reached through the parent.
    env.exec("CREATE TABLE vault_child () INHERITS (vault)");
    let out = run(&env, &["get", "A"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
}

/// No spelling of a password in a team vault's URL is ever shown, and `run` does not hand
/// such a URL to its command.
#[test]
fn no_spelling_of_a_url_password_is_shown_or_inherited() {
    let env = TestEnv::team_with_vault();
    env.set("A", b"alpha");
    let url = env.vault.to_str().unwrap().to_owned();
    let (base, query) = url.split_once('?').unwrap();
    let spellings = [
        url.replace("sealbox@", "sealbox:Hunter2pw@"),
        url.replace("sealbox@", "sealbox:Hunter2pw%2Fx@"),
        format!("{base}?{query}&password=Hunter2pw"),
        format!("{base}?{query}&pass%77ord=Hunter2pw"),
        format!("{base}?{query}&PASSWORD=Hunter2pw"),
        format!("{base}?PASSWORD=Hunter2pw&{query}"),
        format!("{base}?{query}&password=Hunter2pw&user=me@corp"),
        "postgresql://db.example/vault?password=Hunter2pw&user=me@corp".to_owned(),
        format!("{base}?{query}&password=Hunter2pw@x"),
        url.replace("sealbox@", "sealbox:Hunter2pw@x@"),
        url.replace("sealbox@", "sealbox:Hunter2pw?x@"),
        format!("{base}?{query}&password%3DHunter2pw"),
        format!("{base}?Hunter2pw&x=y"),
    ];
    for spelled in &spellings {
        for args in [
            &["list"][..],
            &["--json", "vault", "copy", "--to", "/nonexistent/x.db"][..],
        ] {
            let out = env
                .cmd(args)
                .env("SEALBOX_VAULT", spelled)
                .output()
                .unwrap();
            assert!(
                !contains(&out.stderr, b"Hunter2pw") && !contains(&out.stdout, b"Hunter2pw"),
                "{spelled}: {}",
                stderr(&out)
            );
        }
    }
    let out = env
        .cmd(&["run", "--all", "--", "env"])
        .env("SEALBOX_VAULT", &spellings[0])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("A=alpha"));
    assert!(!contains(&out.stdout, b"Hunter2pw"));
    assert!(!stdout(&out).contains("SEALBOX_VAULT="));
    // Without a password the URL is a setting like a path, and is kept.
    let out = run(&env, &["run", "--all", "--", "env"]);
    assert!(stdout(&out).contains("SEALBOX_VAULT=postgresql://"));
}

/// Two spellings of one place are one location: a vault put in its place is caught whichever
/// spelling the account used before.
#[test]
fn another_vault_at_a_known_database_is_caught_whatever_the_urls_spelling() {
    let env = TestEnv::team_with_vault();
    env.set("A", b"alpha");
    let url = env.vault.to_str().unwrap().to_owned();
    let db = env.team.clone().unwrap();
    // The same database, replaced by another vault (made elsewhere, copied in by the server).
    let other = TestEnv::with_vault();
    other.set("A", b"forged");
    let server = crate::common::postgres::server();
    server.psql("postgres", &format!("DROP DATABASE {db} WITH (FORCE)"));
    server.psql("postgres", &format!("CREATE DATABASE {db}"));
    let out = other
        .cmd(&["vault", "copy", "--to", &url])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let respelled = url.replacen("postgresql://", "postgres://", 1);
    for spelled in [url.as_str(), respelled.as_str()] {
        let out = env
            .bare_cmd(&["get", "A"])
            .env("SEALBOX_KEY", &other.key)
            .env("SEALBOX_VAULT", spelled)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(5), "{spelled}: {}", stderr(&out));
        assert!(out.stdout.is_empty());
    }
}

/// Mistakes in the location are named for what they are: a URL scheme in capitals is a usage
/// error (no file is made of it), a database that does not exist is "no vault" (3), tables of
/// another application are not a vault (5, naming that database, not the source of a copy),
/// and an audit record at the largest sequence number is a broken log, not a crash.
#[test]
fn mistaken_team_locations_and_edited_audit_rows_are_named() {
    let env = TestEnv::team_with_vault();
    let url = env.vault.to_str().unwrap().to_owned();
    let capital = url.replacen("postgresql://", "PostgreSQL://", 1);
    let out = env
        .cmd(&["init"])
        .env("SEALBOX_VAULT", &capital)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(!env.home().join("PostgreSQL:").exists(), "a file was made");
    let missing = url.replace(env.team.as_deref().unwrap(), "no_such_database");
    let out = env
        .cmd(&["list"])
        .env("SEALBOX_VAULT", &missing)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    let foreign = TestEnv::team();
    foreign.exec("CREATE TABLE meta (id int, name text)");
    let file = TestEnv::with_vault();
    let out = file
        .cmd(&["vault", "copy", "--to", foreign.vault.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("is not a sealbox vault"),
        "{}",
        stderr(&out)
    );
    assert!(
        !stderr(&out).contains(file.vault.to_str().unwrap()),
        "{}",
        stderr(&out)
    );
    env.set("A", b"alpha");
    env.exec(
        "INSERT INTO audit_log VALUES (9223372036854775000,
         convert_to('{\"seq\":9223372036854775807,\"action\":\"get\",\"prev\":\"00\"}', 'UTF8'))",
    );
    let out = run(&env, &["get", "A"]);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}
