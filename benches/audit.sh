#!/usr/bin/env bash
# What recording a `get` in the audit log costs (issue 10): the median wall time of a raw-key
# `get` from the release build, side by side with the same `get` from a build that records
# nothing (`--features unaudited-bench`, built into its own target directory and never
# installed), on vaults of 10 and 100,000 secrets whose logs hold about 0 and 1,000,000
# records, against the process-start floor. One run prints one table.
#
# The million-record log is made by appending copies of a real record (renumbered) to a real
# log and then running one `set`, so the vault row binds a head at the end of the log, as it
# would after a long life: a `get` reads the log's last line and the head's line, whatever the
# log's length.
#
# Usage: benches/audit.sh [RECORDS]      (default: 1000000; RUNS=100 hyperfine runs each)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
records=${1:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v hyperfine >/dev/null || { echo "this benchmark needs hyperfine" >&2; exit 1; }

cargo build --release --locked --quiet --manifest-path "$root/Cargo.toml"
cargo build --release --locked --quiet --manifest-path "$root/Cargo.toml" \
    --features unaudited-bench --target-dir "$root/target/unaudited"
bin="$root/target/release/sealbox"
unaudited="$root/target/unaudited/release/sealbox"

printf 'fn main() {}\n' >"$work/floor.rs"
rustc -O -o "$work/floor" "$work/floor.rs"

export SEALBOX_KEY
SEALBOX_KEY=$("$bin" keygen)
unset SEALBOX_PASSPHRASE SEALBOX_KEY_FILE SEALBOX_PASSPHRASE_FILE SEALBOX_REASON
export XDG_STATE_HOME="$work/state"

median_ms() {
    hyperfine -N --warmup 5 --runs "${RUNS:-100}" --style none --export-json "$work/h.json" "$1" >/dev/null 2>&1
    python3 -c 'import json,sys; print("%.3f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$work/h.json"
}

# grow_log LOG N: appends N renumbered copies of the log's last record.
grow_log() {
    python3 - "$1" "$2" <<'PY'
import json, sys
path, n = sys.argv[1], int(sys.argv[2])
last = open(path, "rb").read().splitlines()[-1]
seq = json.loads(last)["seq"]
head, tail = last.split(b'"seq":%d,' % seq, 1)
with open(path, "ab") as out:
    chunk = []
    for i in range(seq + 1, seq + 1 + n):
        chunk.append(head + b'"seq":%d,' % i + tail + b"\n")
        if len(chunk) == 10000:
            out.write(b"".join(chunk)); chunk = []
    out.write(b"".join(chunk))
PY
}

floor=$(median_ms "$work/floor")
printf 'sealbox audit benchmark: %s, %s cores; medians of 3 x %s whole-process runs\n' "$("$bin" --version)" "$(nproc)" "${RUNS:-100}"
printf 'process-start floor: %s ms\n\n' "$floor"
printf '%9s | %11s | %12s | %14s | %9s\n' secrets 'log records' 'recorded ms' 'unrecorded ms' overhead
printf '%s\n' '----------+-------------+--------------+----------------+----------'
for n in 10 100000; do
    vault="$work/v$n/vault.db"
    export SEALBOX_VAULT="$vault"
    "$bin" -q init
    python3 - "$n" >"$work/import.json" <<'PY'
import json, os, sys
print(json.dumps({f"SECRET_{i:06d}": os.urandom(20).hex() for i in range(int(sys.argv[1]))}))
PY
    "$bin" -q import --format json "$work/import.json"
    for size in small large; do
        if [ "$size" = large ]; then
            grow_log "$vault.audit" "$records"
            printf 'x' | "$bin" -q set GROWN
            # Let the kernel write the new 400 MB back first, or its writeback is measured too.
            sync
            sleep 1
        fi
        lines=$(wc -l <"$vault.audit")
        # Both builds read the same vault (the unrecorded one leaves the log as it is), in three
        # alternating rounds; each figure is the median of the rounds' medians, since a virtual
        # machine's timing drifts within a run.
        ons=() offs=()
        for round in 1 2 3; do
            ons+=("$(median_ms "$bin get SECRET_000005")")
            offs+=("$(median_ms "$unaudited get SECRET_000005")")
        done
        on=$(printf '%s\n' "${ons[@]}" | sort -n | sed -n 2p)
        off=$(printf '%s\n' "${offs[@]}" | sort -n | sed -n 2p)
        overhead=$(python3 -c "import sys; print('%+.1f%%' % ((float(sys.argv[1]) / float(sys.argv[2]) - 1) * 100))" "$on" "$off")
        printf '%9s | %11s | %12s | %14s | %9s\n' "$n" "$lines" "$on" "$off" "$overhead"
    done
    rm -rf "$work/v$n"
done
