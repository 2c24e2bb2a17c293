#!/usr/bin/env bash
# Key-lifecycle benchmark (issue 3, acceptance 4), raw-key vaults throughout:
#   - rotate-master: median wall time on a 10-secret vs a 100,000-secret vault (target ratio <= 1.2)
#   - re-encrypt: peak RSS re-encrypting 1,000 vs 100,000 secrets (target ratio <= 1.5)
# Usage: benches/lifecycle.sh [RUNS]   (RUNS: rotate-master runs per vault, default 21)
# Exits 1 if a target is missed. Needs bash 5 (EPOCHREALTIME), awk and GNU time (/usr/bin/time).
set -euo pipefail

runs=${1:-21}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if ! [ -x /usr/bin/time ]; then
    echo "GNU time is needed for peak memory: apt-get install time" >&2
    exit 1
fi

cargo build --release --locked --quiet
bin="$root/target/release/sealbox"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

key_a=$(printf '1f%.0s' $(seq 32))
key_b=$(printf '2e%.0s' $(seq 32))

# Every child gets only what it needs: no credential or vault from the caller's environment.
sb() { env -u SEALBOX_KEY_FILE -u SEALBOX_PASSPHRASE -u SEALBOX_PASSPHRASE_FILE "$bin" "$@"; }

# make_vault N PATH: a raw-key vault with N secrets of 24-40 bytes, filled with one import.
make_vault() {
    local n=$1 path=$2
    SEALBOX_VAULT=$path SEALBOX_KEY=$key_a sb init -q
    awk -v n="$n" 'BEGIN {
        srand(42); printf "{"
        for (i = 0; i < n; i++) {
            v = ""; len = 24 + int(rand() * 17)
            for (j = 0; j < len; j++) v = v sprintf("%c", 97 + int(rand() * 26))
            printf "%s\"BENCH_%06d\":\"%s\"", (i ? "," : ""), i, v
        }
        printf "}"
    }' | SEALBOX_VAULT=$path SEALBOX_KEY=$key_a sb import -q --format json
}

# median of the numbers on stdin
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# rotate_median PATH: median seconds of RUNS rotate-master runs, alternating between two keys.
rotate_median() {
    local path=$1 cur=$key_a next=$key_b t0 t1
    for ((i = 0; i < runs; i++)); do
        t0=$EPOCHREALTIME
        SEALBOX_VAULT=$path SEALBOX_KEY=$cur SEALBOX_NEW_KEY=$next sb rotate-master -q
        t1=$EPOCHREALTIME
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f\n", b - a }'
        local tmp=$cur; cur=$next; next=$tmp
    done | median
    # Leave the vault on key A (an odd number of runs ends on key B).
    if ((runs % 2)); then
        SEALBOX_VAULT=$path SEALBOX_KEY=$key_b SEALBOX_NEW_KEY=$key_a sb rotate-master -q
    fi
}

# reencrypt_rss PATH: peak RSS in KiB and wall seconds of one re-encrypt.
reencrypt_rss() {
    local path=$1
    SEALBOX_VAULT=$path SEALBOX_KEY=$key_a /usr/bin/time -f '%M %e' -o "$work/time.out" "$bin" re-encrypt -q
    cat "$work/time.out"
}

echo "building vaults in $work ..." >&2
make_vault 10 "$work/v10.db"
make_vault 1000 "$work/v1k.db"
make_vault 100000 "$work/v100k.db"

# Warm the page cache for both vaults alike before timing.
for v in v10 v100k; do SEALBOX_VAULT=$work/$v.db SEALBOX_KEY=$key_a sb list >/dev/null; done
r10=$(rotate_median "$work/v10.db")
r100k=$(rotate_median "$work/v100k.db")
rot_ratio=$(awk -v a="$r10" -v b="$r100k" 'BEGIN { printf "%.3f", b / a }')

read -r m1k t1k < <(reencrypt_rss "$work/v1k.db")
read -r m100k t100k < <(reencrypt_rss "$work/v100k.db")
mem_ratio=$(awk -v a="$m1k" -v b="$m100k" 'BEGIN { printf "%.3f", b / a }')

printf 'rotate-master median of %d runs: 10 secrets %.2f ms, 100000 secrets %.2f ms, ratio %s (target <= 1.2)\n' \
    "$runs" "$(awk -v s="$r10" 'BEGIN { print s * 1000 }')" "$(awk -v s="$r100k" 'BEGIN { print s * 1000 }')" "$rot_ratio"
printf 're-encrypt peak RSS: 1000 secrets %d KiB (%ss), 100000 secrets %d KiB (%ss), ratio %s (target <= 1.5)\n' \
    "$m1k" "$t1k" "$m100k" "$t100k" "$mem_ratio"

status=0
awk -v r="$rot_ratio" 'BEGIN { exit !(r <= 1.2) }' || { echo "FAIL: rotate-master grows with the vault size" >&2; status=1; }
awk -v r="$mem_ratio" 'BEGIN { exit !(r <= 1.5) }' || { echo "FAIL: re-encrypt memory grows with the vault size" >&2; status=1; }
[ "$status" = 0 ] && echo "lifecycle benchmark: all targets met"
exit "$status"
