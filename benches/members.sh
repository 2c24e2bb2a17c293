#!/usr/bin/env bash
# Member-slot benchmark (issue 13): what a `get` costs when the credential is an identity file
# (one X25519 unwrap of the slot's age envelope) against a raw key, with 10 member slots ahead
# of the member's own, side by side with the process-start floor (sealbox --version) and the
# age CLI decrypting a 32-byte file with an identity (the same X25519 work as a peer).
# Usage: benches/members.sh [RUNS]   (default 50). Needs hyperfine and age (Debian packages).
set -euo pipefail

runs=${1:-50}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --release --locked --quiet
bin="$root/target/release/sealbox"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work SEALBOX_VAULT=$work/vault.db
key=$("$bin" keygen)
sb() { SEALBOX_KEY=$key "$bin" -q "$@"; }

sb init --label owner
printf 'value' | sb set A
for i in $(seq 1 10); do
    r=$("$bin" -q identity new "$work/other-$i.key")
    sb slot add --recipient "$r" --label "other-$i"
done
r=$("$bin" -q identity new "$work/me.key")
sb slot add --recipient "$r" --label me
printf '%032d' 0 | age -r "$r" -o "$work/small.age"

hyperfine --runs "$runs" --warmup 3 -N --export-markdown "$work/table.md" \
    -n 'floor: sealbox --version' "$bin --version" \
    -n 'age -d -i (32 bytes, X25519)' "age -d -i $work/me.key -o /dev/null $work/small.age" \
    -n 'get A with SEALBOX_KEY' "env SEALBOX_KEY=$key $bin get A" \
    -n 'get A with --identity (11 member slots)' "$bin --identity $work/me.key get A" >/dev/null
cat "$work/table.md"
