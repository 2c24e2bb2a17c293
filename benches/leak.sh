#!/usr/bin/env bash
# Leak-defence throughput (issue 11): `sealbox redact` and `sealbox scan` over MB megabytes of
# text, with 1,000 stored secrets of 32 characters and every printed form of each (raw, hex
# both cases, base64 and base64url padded and not, and the whole groups at the three offsets
# inside longer base64; letters and digits need no escaping, and their base64url is their
# base64, so 8 distinct patterns per secret), side by side in one run with `grep -F -f`
# over the same patterns and the same data (LC_ALL=C, counting matching lines). Two inputs:
# one with no secret in it, one with a secret on one line in a thousand. Each figure is the
# best of three runs, in MB/s of input; the whole process is timed, start-up included.
#
# Usage: benches/leak.sh [MB]      (default: 500)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
mb=${1:-500}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --locked --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/sealbox"
export SEALBOX_KEY SEALBOX_VAULT="$work/vault.db" XDG_STATE_HOME="$work/state"
SEALBOX_KEY=$("$bin" keygen)
unset SEALBOX_PASSPHRASE SEALBOX_KEY_FILE SEALBOX_PASSPHRASE_FILE

python3 - "$work" "$mb" <<'PY'
import base64, json, os, random, string, sys
work, mb = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
alnum = string.ascii_letters + string.digits
secrets = {f"S{i:04d}": "".join(rng.choice(alnum) for _ in range(32)) for i in range(1000)}
json.dump(secrets, open(f"{work}/import.json", "w"))
patterns = set()
for value in secrets.values():
    raw = value.encode()
    patterns.update([raw, raw.hex().encode(), raw.hex().upper().encode()])
    for enc in (base64.b64encode, base64.urlsafe_b64encode):
        full = enc(raw)
        patterns.update([full, full.rstrip(b"=")])
        for skip in (0, 2, 1):
            rest = raw[skip:]
            patterns.add(enc(rest[: len(rest) // 3 * 3]))
open(f"{work}/patterns", "wb").write(b"\n".join(sorted(patterns)) + b"\n")
words = [w.encode() for w in "the quick brown fox jumps over lazy dog request id user GET POST 200 404 latency ms INFO WARN debug session cache".split()]
values = [v.encode() for v in secrets.values()]
for name, every in (("clean", 0), ("dirty", 1000)):
    with open(f"{work}/{name}.txt", "wb") as out:
        size, n, chunk = 0, 0, []
        while size < mb * 1_000_000:
            line = b" ".join(rng.choice(words) for _ in range(12))
            line = b"2026-12-01T10:00:%02d %s %d" % (n % 60, line, n)
            if every and n % every == 0:
                line += b" token=" + rng.choice(values)
            chunk.append(line + b"\n")
            n += 1
            if len(chunk) == 10000:
                data = b"".join(chunk); out.write(data); size += len(data); chunk = []
        out.write(b"".join(chunk))
print(f"{len(patterns)} patterns", file=sys.stderr)
PY
"$bin" -q init
"$bin" -q import --format json "$work/import.json"

# best_mbps FILE CMD...: the best of three wall times of CMD, as MB/s of FILE.
best_mbps() {
    local file=$1; shift
    python3 - "$file" "$@" <<'PY'
import os, subprocess, sys, time
file, cmd = sys.argv[1], sys.argv[2:]
# Output goes to a file, not /dev/null: GNU grep stops at its first match when it sees its
# output is /dev/null, which would time nothing.
out = os.path.join(os.path.dirname(file), "out")
size = os.path.getsize(file)
best = min(
    (lambda t: (subprocess.run(cmd, stdin=open(file, "rb"), stdout=open(out, "wb"), stderr=subprocess.DEVNULL), time.perf_counter() - t)[1])(time.perf_counter())
    for _ in range(3)
)
print("%.0f" % (size / best / 1e6))
PY
}

printf 'sealbox leak-defence benchmark: %s, %s cores, %s MB inputs, %s patterns\n\n' \
    "$("$bin" --version)" "$(nproc)" "$mb" "$(wc -l <"$work/patterns")"
counts=()
printf '%-7s | %12s | %12s | %14s\n' input 'redact MB/s' 'scan MB/s' 'grep -F MB/s'
printf '%s\n' '--------+--------------+--------------+---------------'
for input in clean dirty; do
    file="$work/$input.txt"
    redact=$(best_mbps "$file" "$bin" -q redact)
    scan=$(best_mbps "$file" "$bin" -q scan "$file")
    grep=$(LC_ALL=C best_mbps "$file" grep -F -c -f "$work/patterns" "$file")
    printf '%-7s | %12s | %12s | %14s\n' "$input" "$redact" "$scan" "$grep"
    # The three agree on what the input holds (pipefail is off for the counts: grep and scan
    # exit non-zero when they find nothing or something).
    counts+=("$input: $(set +o pipefail
        echo "grep -F counted $(LC_ALL=C grep -F -c -f "$work/patterns" "$file") lines," \
            "scan reported $("$bin" -q scan "$file" | wc -l) matches," \
            "redact replaced $("$bin" -q redact <"$file" | grep -o 'REDACTED' | wc -l)")")
done
printf '\n%s\n' "${counts[@]}"
