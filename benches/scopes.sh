#!/usr/bin/env bash
# Scoped-credential benchmark (issue 12): what a scoped credential costs, next to a full one.
#   - `get` of one secret with a full key and with a scoped key (the scoped one opens its link
#     key, the scope key, the state and audit keys under it, and the version key it holds),
#     for vaults of 10 and 10,000 secrets, beside the process-start floor (an empty Rust
#     program) and `sealbox --version`;
#   - the writes whose cost grows with the scope: `scope add` sharing 1,000 secrets, and
#     `slot remove` of a scoped slot, which flags them and re-keys the scope (rewraps 1,000 keys).
# Usage: benches/scopes.sh   (RUNS=100 hyperfine runs per get; the median is shown)
# Needs hyperfine, rustc and python3.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v hyperfine >/dev/null || { echo "this benchmark needs hyperfine" >&2; exit 1; }
cargo build --release --locked --quiet --manifest-path "$root/Cargo.toml"
bin="$root/target/release/sealbox"
printf 'fn main() {}\n' >"$work/floor.rs"
rustc -O -o "$work/floor" "$work/floor.rs"
unset SEALBOX_PASSPHRASE SEALBOX_KEY_FILE SEALBOX_PASSPHRASE_FILE SEALBOX_REASON
export XDG_STATE_HOME="$work/state" SEALBOX_KEY
SEALBOX_KEY=$("$bin" keygen)
scoped=$("$bin" keygen)
writer=$("$bin" keygen)
# Both gets read their key from a file, so neither pays for an extra exec.
(umask 077 && printf '%s\n' "$SEALBOX_KEY" >"$work/full.key" && printf '%s\n' "$scoped" >"$work/scoped.key")

median_ms() {
    hyperfine -N --warmup 5 --runs "${RUNS:-100}" --style none --export-json "$work/h.json" "$1" >/dev/null 2>&1
    python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$work/h.json"
}
once_ms() {
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
}

printf 'sealbox scopes benchmark: %s, %s cores; medians of %s whole-process runs\n' \
    "$("$bin" --version)" "$(nproc)" "${RUNS:-100}"
printf 'floor (empty Rust program): %s ms; sealbox --version: %s ms\n\n' \
    "$(median_ms "$work/floor")" "$(median_ms "$bin --version")"
printf '| secrets | full get | scoped get | scope add (1,000 shared) | slot remove (re-key 1,000) |\n'
printf '|---:|---:|---:|---:|---:|\n'
for n in 10 10000; do
    export SEALBOX_VAULT="$work/v$n.db"
    "$bin" init -q
    python3 -c 'import sys
n = int(sys.argv[1])
for i in range(n):
    print("app.S%06d=value-%06d-0123456789abcdef" % (i, i))' "$n" >"$work/import.env"
    "$bin" import -q --format env <"$work/import.env"
    members=$((n < 1000 ? n : 1000))
    add_ms=$(once_ms "$bin" scope add agents --prefix "app.S00" -q)
    SEALBOX_NEW_KEY=$scoped "$bin" slot add -q --scope agents --label agent
    SEALBOX_NEW_KEY=$writer "$bin" slot add -q --scope agents --label other
    full=$(median_ms "$bin --key-file $work/full.key get app.S000001")
    scoped_get=$(median_ms "$bin --key-file $work/scoped.key get app.S000001")
    remove_ms=$(once_ms "$bin" slot remove other -q)
    printf '| %s | %s ms | %s ms | %s ms (%s members) | %s ms |\n' \
        "$n" "$full" "$scoped_get" "$add_ms" "$members" "$remove_ms"
done
