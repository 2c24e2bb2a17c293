//! Issue 7, section 2: busy is busy. 64 processes mixing set, get, list, delete and import with a
//! 50 ms busy timeout get only exit 0 or 7 (never 5, never "corrupt"), and nothing they were told
//! was stored is lost.
//!
//! Each worker thread keeps a model of its own names, so every exit 0 can be checked against
//! what it must have done and every exit 7 against "nothing changed". All workers share one
//! vault, so every write contends for the same lock. `SEALBOX_CONTENTION_SECS` sets the length
//! (default 8 s; the figure is from a 60 s run).

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::process::{Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{TestEnv, rand_u64, stderr};

const WORKERS: usize = 64;
const NAMES_PER_WORKER: usize = 3;

/// Exit statuses seen, by operation.
type Tally = BTreeMap<(String, i32), u64>;

fn run(env: &TestEnv, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = env
        .std_cmd(args)
        .env("SEALBOX_BUSY_TIMEOUT", "0.05")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut pipe = child.stdin.take().unwrap();
    // A process that failed before reading its stdin closes the pipe; that is its answer.
    let _ = pipe.write_all(stdin);
    drop(pipe);
    child.wait_with_output().unwrap()
}

/// A small deterministic generator per worker (xorshift), seeded from the run's seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// One worker's loop until `deadline`; returns its model of its names and its tally, or the
/// first unexpected outcome.
fn worker(
    env: &TestEnv,
    id: usize,
    seed: u64,
    deadline: Instant,
) -> Result<(HashMap<String, Option<String>>, Tally), String> {
    let mut rng = Rng((seed ^ (id as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15)) | 1);
    let names: Vec<String> = (0..NAMES_PER_WORKER)
        .map(|k| format!("W{id}_{k}"))
        .collect();
    let mut model: HashMap<String, Option<String>> =
        names.iter().map(|n| (n.clone(), None)).collect();
    let mut tally = Tally::new();
    let mut serial = 0u64;
    while Instant::now() < deadline {
        serial += 1;
        let name = &names[rng.below(NAMES_PER_WORKER as u64) as usize];
        let stored = model[name].clone();
        let op = rng.below(5);
        let (what, out) = match (op, &stored) {
            (0, _) | (1, None) | (3, None) => {
                let value = format!("v{id}-{serial}");
                let out = run(env, &["set", name], value.as_bytes());
                if out.status.code() == Some(0) {
                    model.insert(name.clone(), Some(value));
                }
                ("set", out)
            }
            (1, Some(value)) => {
                let out = run(env, &["get", name], b"");
                if out.status.code() == Some(0) && out.stdout != value.as_bytes() {
                    return Err(format!("get {name} returned a value other than {value}"));
                }
                ("get", out)
            }
            (2, _) => {
                let out = run(env, &["list", "--json"], b"");
                if out.status.code() == Some(0) {
                    let list: serde_json::Value = serde_json::from_slice(&out.stdout)
                        .map_err(|e| format!("list --json is not JSON: {e}"))?;
                    for (own, value) in &model {
                        let listed = list.as_array().unwrap().iter().any(|s| s["name"] == **own);
                        if listed != value.is_some() {
                            return Err(format!("list disagrees about {own}"));
                        }
                    }
                }
                ("list", out)
            }
            (3, Some(_)) => {
                let out = run(env, &["delete", name], b"");
                if out.status.code() == Some(0) {
                    model.insert(name.clone(), None);
                }
                ("delete", out)
            }
            _ => {
                let other =
                    &names[(names.iter().position(|n| n == name).unwrap() + 1) % names.len()];
                let (a, b) = (format!("i{id}-{serial}a"), format!("i{id}-{serial}b"));
                let json = format!("{{\"{name}\": \"{a}\", \"{other}\": \"{b}\"}}");
                let out = run(env, &["import", "--format", "json"], json.as_bytes());
                if out.status.code() == Some(0) {
                    model.insert(name.clone(), Some(a));
                    model.insert(other.clone(), Some(b));
                }
                ("import", out)
            }
        };
        let code = out.status.code().unwrap_or(-1);
        *tally.entry((what.to_owned(), code)).or_default() += 1;
        match code {
            0 => {}
            7 if is_busy(&stderr(&out)) => {}
            _ => return Err(format!("{what} {name}: exit {code}: {}", stderr(&out))),
        }
    }
    Ok((model, tally))
}

/// Whether `stderr` is a busy refusal: the vault's lock, or its audit log's, both waited for
/// up to the timeout. A write refused after its record was written first says, as a warning,
/// that the record saying it was not done could not be added either (that log was busy too).
fn is_busy(stderr: &str) -> bool {
    let mut lines = stderr.lines().skip_while(|line| {
        line.starts_with("warning: the audit log says this write was done, and a record saying it was not could not be added: ")
    });
    lines.next().is_some_and(|error| {
        error.starts_with("error: the vault stayed locked")
            || error.starts_with("error: the audit log ")
    })
}

#[test]
fn many_processes_under_a_short_busy_timeout_get_only_0_or_7_and_lose_nothing() {
    contend(TestEnv::with_vault());
}

/// The same on a team vault: PostgreSQL's row locks and `lock_timeout` in place of SQLite's.
#[test]
fn many_processes_on_a_team_vault_get_only_0_or_7_and_lose_nothing() {
    contend(TestEnv::team_with_vault());
}

fn contend(env: TestEnv) {
    let secs: u64 = std::env::var("SEALBOX_CONTENTION_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(8);
    let env = Arc::new(env);
    let seed = rand_u64();
    let deadline = Instant::now() + Duration::from_secs(secs);
    let results = Arc::new(Mutex::new(Vec::new()));
    let threads: Vec<_> = (0..WORKERS)
        .map(|id| {
            let (env, results) = (Arc::clone(&env), Arc::clone(&results));
            std::thread::spawn(move || {
                let result = worker(&env, id, seed, deadline);
                results.lock().unwrap().push(result);
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    let mut tally = Tally::new();
    let mut expected: BTreeMap<String, Option<String>> = BTreeMap::new();
    for result in results.lock().unwrap().drain(..) {
        let (model, counts) = result.unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        expected.extend(model);
        for (key, n) in counts {
            *tally.entry(key).or_default() += n;
        }
    }
    let calls: u64 = tally.values().sum();
    let busy: u64 = tally
        .iter()
        .filter(|((_, c), _)| *c == 7)
        .map(|(_, n)| n)
        .sum();
    eprintln!("contention: {calls} calls in {secs} s, {busy} exit 7, seed {seed}: {tally:?}");
    assert!(
        calls > WORKERS as u64,
        "the run made too few calls to mean anything"
    );
    // Nothing lost: each name holds exactly what its worker last stored, or is gone.
    let list = env.bare_cmd(&["list", "--json"]).output().unwrap();
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let listed: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    for (name, value) in &expected {
        match value {
            Some(value) => assert_eq!(env.get(name), value.as_bytes(), "{name}"),
            None => assert!(!listed.contains(&name.as_str()), "{name} should be deleted"),
        }
    }
    env.cmd(&["verify"]).assert().code(0);
}
