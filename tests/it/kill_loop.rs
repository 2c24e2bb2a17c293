//! Kill loop (acceptance 2): rotate-master and re-encrypt are SIGKILLed at random moments on a
//! vault of many secrets with several versions each. After every kill exactly one of the old and
//! new credentials opens the vault, every value still authenticates (`verify`), sampled secrets
//! read back byte-exact, `PRAGMA integrity_check` is ok, and a rerun of re-encrypt completes.
//! Every fourth re-encrypt also replaces the vault key (`--new-vault-key`).
//!
//! `import` is killed the same way, half the time on the format-1 fixture so the kill can land
//! in the upgrade its first write makes: every import is all or nothing, and the journal a kill
//! leaves is applied (never refused) by the next command.
//!
//! Sized for CI by default (20 runs of each on 300 secrets); scale with SEALBOX_KILL_LOOP_RUNS
//! and SEALBOX_KILL_LOOP_SECRETS, and replay a run with SEALBOX_KILL_LOOP_SEED.

use std::time::{Duration, Instant};

use crate::common::TestEnv;
use crate::common::lifecycle::{
    KEY_A, KEY_B, KEY_C, Rng, code, count, get, integrity, run, sealbox_direct,
};

const VERSIONS: i64 = 3;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn with_key_direct(env: &TestEnv, key: &str, args: &[&str]) -> std::process::Command {
    let mut cmd = sealbox_direct(env, args);
    cmd.env("SEALBOX_KEY", key);
    cmd
}

/// Runs `cmd` and kills it with SIGKILL after `delay`; returns whether it had already exited.
fn run_and_kill(mut cmd: std::process::Command, delay: Duration) -> bool {
    cmd.stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let mut child = cmd.spawn().expect("spawn");
    std::thread::sleep(delay);
    let finished = matches!(child.try_wait(), Ok(Some(_)));
    // Child::kill sends SIGKILL on Unix.
    let _ = child.kill();
    let status = child.wait().expect("wait");
    finished && status.code().is_some()
}

fn timed(cmd: std::process::Command) -> Duration {
    let start = Instant::now();
    let out = run(cmd, b"");
    assert_eq!(code(&out), Some(0), "{}", crate::common::stderr(&out));
    start.elapsed()
}

/// The checks after every kill that do not depend on which command was killed.
fn check_after_kill(env: &TestEnv, key: &str, secrets: usize, salt: u64, rng: &mut Rng) {
    let out = run(with_key_direct(env, key, &["verify"]), b"");
    assert_eq!(
        code(&out),
        Some(0),
        "verify: {}",
        crate::common::stderr(&out)
    );
    assert_eq!(integrity(&env.vault), "ok");
    for _ in 0..3 {
        let i = rng.below(secrets as u64) as usize;
        for version in 1..=VERSIONS {
            assert_eq!(
                get(env, key, &crate::common::lifecycle::name(i), Some(version)),
                crate::common::lifecycle::value(salt, i, version).as_bytes()
            );
        }
    }
}

#[test]
fn kill_loop_rotate_master_and_re_encrypt() {
    let runs = env_usize("SEALBOX_KILL_LOOP_RUNS", 20);
    let secrets = env_usize("SEALBOX_KILL_LOOP_SECRETS", 300);
    let (mut rng, seed) = Rng::from_env_or_time("SEALBOX_KILL_LOOP_SEED");
    eprintln!("kill loop: {runs} runs each, {secrets} secrets x {VERSIONS} versions, seed {seed}");
    let started = Instant::now();
    let env = TestEnv::with_vault();
    crate::common::lifecycle::fill(&env, KEY_A, secrets, VERSIONS, seed);

    // Calibration (not an assertion): how long an uninterrupted run takes, so that the random
    // kill delays cover the whole of a run, start-up included.
    let rotate = timed({
        let mut c = with_key_direct(&env, KEY_A, &["rotate-master"]);
        c.env("SEALBOX_NEW_KEY", KEY_B);
        c
    }) + timed({
        let mut c = with_key_direct(&env, KEY_B, &["rotate-master"]);
        c.env("SEALBOX_NEW_KEY", KEY_A);
        c
    });
    let rotate = rotate / 2;
    let re_encrypt = timed(with_key_direct(&env, KEY_A, &["re-encrypt"]));
    eprintln!("calibration: rotate-master {rotate:?}, re-encrypt {re_encrypt:?}");
    let delay = |rng: &mut Rng, full: Duration| {
        Duration::from_micros(rng.below((full.as_micros() as u64) * 3 / 2 + 1))
    };

    let keys = [KEY_A, KEY_B, KEY_C];
    let mut current = 0;
    let (mut rotated, mut kept, mut finished_early) = (0, 0, 0);
    for run_index in 0..runs {
        let next = (current + 1 + rng.below(2) as usize) % keys.len();
        let mut cmd = with_key_direct(&env, keys[current], &["rotate-master"]);
        cmd.env("SEALBOX_NEW_KEY", keys[next]);
        if run_and_kill(cmd, delay(&mut rng, rotate)) {
            finished_early += 1;
        }
        let opens = |key: &str| {
            code(&run(
                with_key_direct(&env, key, &["get", &crate::common::lifecycle::name(0)]),
                b"",
            ))
        };
        let (old, new) = (opens(keys[current]), opens(keys[next]));
        match (old, new) {
            (Some(0), Some(4)) => kept += 1,
            (Some(4), Some(0)) => {
                rotated += 1;
                current = next;
            }
            other => panic!("rotate-master run {run_index}: old/new credential gave {other:?}"),
        }
        check_after_kill(&env, keys[current], secrets, seed, &mut rng);
    }
    eprintln!(
        "rotate-master: {runs} killed runs; {rotated} left the new credential, {kept} the old; {finished_early} had finished before the kill"
    );

    let key = keys[current];
    let (mut mixed, mut untouched, mut done, mut reran) = (0, 0, 0, 0);
    let newest = || {
        count(
            &crate::common::sql(&env.vault),
            "SELECT max(id) FROM data_keys",
        )
    };
    for run_index in 0..runs {
        let newest_before = newest();
        let killed_at = delay(&mut rng, re_encrypt);
        // Every fourth run also replaces the vault key (the vault has one slot, so no refusal).
        let args: &[&str] = if run_index % 4 == 2 {
            &["re-encrypt", "--new-vault-key"]
        } else {
            &["re-encrypt"]
        };
        run_and_kill(with_key_direct(&env, key, args), killed_at);
        let conn = crate::common::sql(&env.vault);
        let keys_left = count(&conn, "SELECT count(*) FROM data_keys");
        let pending = count(
            &conn,
            "SELECT count(*) FROM versions WHERE key_id <> (SELECT max(id) FROM data_keys)",
        );
        drop(conn);
        match (keys_left, pending) {
            _ if newest() == newest_before => untouched += 1,
            (1, 0) => done += 1,
            _ => mixed += 1,
        }
        check_after_kill(&env, key, secrets, seed, &mut rng);
        // Every other run is finished by a rerun, so the next kill starts from a mixed state.
        if run_index % 2 == 1 {
            let out = run(with_key_direct(&env, key, &["re-encrypt"]), b"");
            assert_eq!(
                code(&out),
                Some(0),
                "rerun after run {run_index}: {}",
                crate::common::stderr(&out)
            );
            reran += 1;
            let conn = crate::common::sql(&env.vault);
            assert_eq!(count(&conn, "SELECT count(*) FROM data_keys"), 1);
            assert_eq!(
                count(
                    &conn,
                    "SELECT count(*) FROM versions WHERE key_id <> (SELECT max(id) FROM data_keys)"
                ),
                0
            );
        }
    }
    eprintln!(
        "re-encrypt: {runs} killed runs; {mixed} left values on several data keys, {untouched} were killed before adding a data key, {done} had finished; {reran} reruns completed"
    );

    // The final rerun completes, and every version of every secret reads back byte-exact.
    let out = run(with_key_direct(&env, key, &["re-encrypt"]), b"");
    assert_eq!(code(&out), Some(0), "{}", crate::common::stderr(&out));
    for i in 0..secrets {
        for version in 1..=VERSIONS {
            assert_eq!(
                get(&env, key, &crate::common::lifecycle::name(i), Some(version)),
                crate::common::lifecycle::value(seed, i, version).as_bytes(),
                "{} version {version}",
                crate::common::lifecycle::name(i)
            );
        }
    }
    assert_eq!(integrity(&env.vault), "ok");
    eprintln!("kill loop finished in {:?}", started.elapsed());
}

/// The format-1 fixture, whose first write upgrades it (see `upgrade.rs`).
fn format_1_fixture() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/fixtures/format-1.db")
}

#[test]
fn imports_killed_at_random_moments_are_all_or_nothing_and_their_journals_apply() {
    const FIXTURE_KEY: &str = "f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1f1";
    let runs = env_usize("SEALBOX_KILL_LOOP_RUNS", 20);
    let entries = env_usize("SEALBOX_KILL_LOOP_SECRETS", 300) * 10;
    let (mut rng, seed) = Rng::from_env_or_time("SEALBOX_KILL_LOOP_SEED");
    eprintln!("import kill loop: {runs} runs of {entries} entries, seed {seed}");
    let mut env = TestEnv::new();
    env.key = FIXTURE_KEY.into();
    let input = env.home().join("import.env");
    let import = |batch: usize| {
        let lines: String = (0..entries)
            .map(|i| format!("B{batch}_{i}=value {i}\n"))
            .collect();
        std::fs::write(&input, lines).unwrap();
        let file = input.to_str().unwrap();
        with_key_direct(
            &env,
            FIXTURE_KEY,
            &["import", file, "--format", "env", "-q"],
        )
    };
    let fresh = |env: &TestEnv| {
        // Putting the fixture back is a restore to an older generation.
        env.forget_freshness();
        std::fs::copy(format_1_fixture(), &env.vault).unwrap();
        let _ = std::fs::remove_file(crate::common::journal_of(&env.vault));
    };
    fresh(&env);
    let full = timed(import(0));
    let (mut killed_mid, mut journals, mut hot) = (0, 0, 0);
    for batch in 1..=runs {
        // Every other run starts from the format-1 file, so the kill can hit the upgrade.
        if batch % 2 == 1 {
            fresh(&env);
        }
        let delay = full.mul_f64(rng.below(1000) as f64 / 1000.0);
        let finished = run_and_kill(import(batch), delay);
        match std::fs::read(crate::common::journal_of(&env.vault)) {
            Ok(bytes) if bytes.first().is_some_and(|&b| b != 0) => {
                (journals, hot) = (journals + 1, hot + 1)
            }
            Ok(_) => journals += 1,
            Err(_) => {}
        }
        let out = run(with_key_direct(&env, FIXTURE_KEY, &["verify", "-q"]), b"");
        assert_eq!(
            code(&out),
            Some(0),
            "seed {seed}, run {batch}: verify after a kill: {}",
            crate::common::stderr(&out)
        );
        // A journal killed before its commit's sync has a zero header: SQLite leaves such a
        // cold journal to the next write. A hot one must have been rolled back by now.
        let left = std::fs::read(crate::common::journal_of(&env.vault)).unwrap_or_default();
        assert!(
            left.first().is_none_or(|&b| b == 0),
            "seed {seed}, run {batch}: a hot journal is still there"
        );
        assert_eq!(get(&env, FIXTURE_KEY, "ONE", None), b"value one");
        let stored = count(
            &crate::common::sql(&env.vault),
            &format!("SELECT count(*) FROM secrets WHERE name LIKE 'B{batch}\\_%' ESCAPE '\\'"),
        );
        assert!(
            stored == 0 || stored == entries as i64,
            "seed {seed}, run {batch}: {stored} of {entries} imported"
        );
        if !finished && stored == 0 {
            killed_mid += 1;
        }
    }
    eprintln!(
        "import kill loop: {killed_mid} of {runs} kills left nothing imported, {journals} left a journal ({hot} hot)"
    );
    assert!(
        journals > 0,
        "seed {seed}: no kill landed inside a transaction"
    );
}
