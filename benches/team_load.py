#!/usr/bin/env python3
"""Load on a team vault (issue 13, acceptance 3): CLIENTS processes at a time for SECS seconds,
each a loop of sealbox commands (70% get of a shared name, 20% set of a name of its own, 10%
list --prefix), then a check that nothing was lost: every name holds what its client was last
told was stored. Prints a JSON summary: calls, exit statuses, gets per second, get latency p50
and p99 (ms), and the same for set and list. Exit 1 if any status other than 0 or 7 was seen,
or an update was lost.

Usage: team_load.py SEALBOX_BIN CLIENTS SECS   (SEALBOX_VAULT and SEALBOX_KEY in the environment)
"""
import json
import os
import random
import subprocess
import sys
import threading
import time

binary, clients, secs = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
SHARED = 100


def sealbox(*args, stdin=b""):
    start = time.monotonic()
    done = subprocess.run([binary, "-q", *args], input=stdin, capture_output=True)
    return done.returncode, (time.monotonic() - start) * 1000, done


def client(index, deadline, results, model):
    rng = random.Random(index)
    counter = 0
    own = [f"c{index:02d}.n{k}" for k in range(3)]
    calls = []
    while time.monotonic() < deadline:
        roll = rng.random()
        if roll < 0.7:
            code, ms, _ = sealbox("get", f"shared.{rng.randrange(SHARED):03d}")
            calls.append(("get", code, ms))
        elif roll < 0.9:
            name = rng.choice(own)
            counter += 1
            value = f"{index}:{counter}".encode()
            code, ms, _ = sealbox("set", name, stdin=value)
            if code == 0:
                model[name] = value
            calls.append(("set", code, ms))
        else:
            code, ms, _ = sealbox("list", "--prefix", "shared.01")
            calls.append(("list", code, ms))
    results[index] = calls


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    return round(values[min(len(values) - 1, int(len(values) * p))], 1)


for j in range(SHARED):
    code, _, done = sealbox("set", f"shared.{j:03d}", stdin=f"shared value {j}".encode())
    assert code == 0, done.stderr
deadline = time.monotonic() + secs
results, model = {}, {}
threads = [threading.Thread(target=client, args=(i, deadline, results, model)) for i in range(clients)]
started = time.monotonic()
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.monotonic() - started
calls = [c for r in results.values() for c in r]
statuses = {}
for op, code, _ in calls:
    statuses[f"{op} {code}"] = statuses.get(f"{op} {code}", 0) + 1
summary = {"clients": clients, "seconds": round(elapsed, 1), "calls": len(calls), "statuses": statuses}
for op in ("get", "set", "list"):
    ok = [ms for o, code, ms in calls if o == op and code == 0]
    summary[op] = {"ok_per_second": round(len(ok) / elapsed, 1), "p50_ms": percentile(ok, 0.5), "p99_ms": percentile(ok, 0.99)}
lost = []
for name, value in model.items():
    code, _, done = sealbox("get", name)
    if code != 0 or done.stdout != value:
        lost.append(name)
summary["lost_updates"] = len(lost)
print(json.dumps(summary, indent=2))
bad = [s for s in statuses if not s.endswith(" 0") and not s.endswith(" 7")]
sys.exit(1 if bad or lost else 0)
