#!/usr/bin/env bash
# Whole-process benchmark of sealbox (SPEC 3): median wall time of `get`, `set` and `list` on
# raw-key vaults of 10, 1,000, 10,000 and 100,000 secrets, against the process-start floor (a
# trivial compiled binary), plus the time to `import` each vault and to `verify` it (every head,
# the summary and every value, once). One run prints one table with
# ratios. Uses hyperfine when installed, else a timing loop of its own.
#
# Where `age` is installed, the same `get` is timed against its closest peer: an age-encrypted
# dotenv file decrypted and searched by a shell pipeline.
#
# Usage: benches/bench.sh [SIZES...]      (default: 10 1000 10000 100000)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
sizes=("${@:-10 1000 10000 100000}")
read -r -a sizes <<<"${sizes[*]}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --locked --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/sealbox"

# The floor: the cheapest possible process, a compiled program that does nothing.
printf 'fn main() {}\n' >"$work/floor.rs"
rustc -O -o "$work/floor" "$work/floor.rs"

export SEALBOX_KEY
SEALBOX_KEY=$("$bin" keygen)
unset SEALBOX_PASSPHRASE SEALBOX_KEY_FILE SEALBOX_PASSPHRASE_FILE

# median_ms CMD [shell]: median wall time of CMD in milliseconds; with "shell", CMD is a shell
# pipeline rather than one program.
median_ms() {
    local no_shell=(-N)
    [ "${2:-}" = shell ] && no_shell=(--shell=sh)
    if command -v hyperfine >/dev/null; then
        hyperfine "${no_shell[@]}" --warmup 5 --runs "${RUNS:-60}" --style none --export-json "$work/h.json" "$1" >/dev/null 2>&1
        python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$work/h.json"
    else
        python3 - "$1" "${2:-}" <<'PY'
import shlex, statistics, subprocess, sys, time
shell = sys.argv[2] == "shell"
cmd = sys.argv[1] if shell else shlex.split(sys.argv[1]); times = []
for i in range(65):
    t = time.perf_counter(); subprocess.run(cmd, shell=shell, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    if i >= 5: times.append(time.perf_counter() - t)
print("%.2f" % (statistics.median(times) * 1000))
PY
    fi
}

# make_import N FILE: a JSON object of N secrets with 40-byte values.
make_import() {
    python3 - "$1" >"$2" <<'PY'
import json, os, sys
n = int(sys.argv[1])
print(json.dumps({f"SECRET_{i:06d}": os.urandom(20).hex() for i in range(n)}))
PY
}

floor=$(median_ms "$work/floor")
have_age=""
if command -v age >/dev/null && command -v age-keygen >/dev/null; then
    have_age=1
    age-keygen -o "$work/age.key" 2>/dev/null
fi
printf 'sealbox benchmark: %s, %s cores; medians of whole-process runs\n' "$("$bin" --version)" "$(nproc)"
printf 'process-start floor: %s ms\n\n' "$floor"
printf '%9s | %9s | %9s | %9s %9s | %9s %9s | %9s | %9s | %9s\n' secrets 'import s' 'verify s' 'get ms' 'get-floor' 'set ms' 'set-floor' 'list ms' 'get/get10' 'age get'
printf '%s\n' '----------+-----------+-----------+---------------------+---------------------+-----------+-----------+----------'
get10=""
for n in "${sizes[@]}"; do
    vault="$work/v$n/vault.db"
    export SEALBOX_VAULT="$vault"
    "$bin" -q init
    make_import "$n" "$work/import.json"
    start=$(date +%s.%N)
    "$bin" -q import --format json "$work/import.json"
    import_s=$(python3 -c "import sys; print('%.2f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$start" "$(date +%s.%N)")
    start=$(date +%s.%N)
    "$bin" -q verify >/dev/null
    verify_s=$(python3 -c "import sys; print('%.2f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$start" "$(date +%s.%N)")
    mid=$(printf 'SECRET_%06d' $((n / 2)))
    get=$(median_ms "$bin get $mid")
    printf 'benchmark value\n' >"$work/value"
    set=$(median_ms "$bin -q set BENCH_SET --from-file $work/value")
    list=$(median_ms "$bin list")
    get10=${get10:-$get}
    age_get=-
    if [ -n "$have_age" ]; then
        python3 -c 'import json,sys; [print(f"{k}={v}") for k, v in json.load(open(sys.argv[1])).items()]' \
            "$work/import.json" | age -e -i "$work/age.key" -o "$work/env.age"
        age_get=$(median_ms "age -d -i $work/age.key $work/env.age | grep -m1 '^$mid='" shell)
    fi
    python3 - "$n" "$import_s" "$verify_s" "$get" "$set" "$list" "$floor" "$get10" "$age_get" <<'PY'
import sys
n, imp, ver, get, set_, lst, floor, get10 = sys.argv[1], *map(float, sys.argv[2:9])
age = sys.argv[9]
print(f"{int(n):>9,} | {imp:9.2f} | {ver:9.2f} | {get:9.2f} {get - floor:+9.2f} | {set_:9.2f} {set_ - floor:+9.2f} | {lst:9.2f} | {get / get10:9.2f} | {age:>9}")
PY
done
