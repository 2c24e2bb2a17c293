#!/usr/bin/env bash
# Unlock-cost benchmark (issue 7, section 3): wall time and peak RSS of one passphrase unlock
#   - with sealbox's own slot (Argon2id 64 MiB x 3 passes), the normal case;
#   - with that slot raised to the cap (1 GiB x 3 passes) by someone who can write the file and
#     recomputed its unkeyed digest: the most one slot can cost (exit 4: the key no longer fits);
#   - with 20 decoy slots of default cost ahead of the real one: stops at the 16-run work limit
#     (exit 8);
# side by side with the process-start floor (sealbox --version) and, when installed, the argon2
# reference CLI (Debian package argon2) running the same 64 MiB x 3 derivation.
# Usage: benches/unlock.sh [RUNS]   (RUNS per measure, default 5; the median is shown)
# Needs GNU time (/usr/bin/time), python3 (sqlite3, hashlib) and awk.
set -euo pipefail

runs=${1:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --release --locked --quiet
bin="$root/target/release/sealbox"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SEALBOX_PASSPHRASE="correct horse battery staple"
sb() { env -u SEALBOX_KEY -u SEALBOX_KEY_FILE -u SEALBOX_PASSPHRASE_FILE "$bin" "$@"; }

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# measure LABEL CMD...: median wall seconds and median peak RSS (KiB) over RUNS runs.
measure() {
    local label=$1; shift
    local times=() rss=()
    for ((i = 0; i < runs; i++)); do
        /usr/bin/time -f '%e %M' -o "$work/time" "$@" >/dev/null 2>"$work/err" || true
        read -r t m < <(tail -n1 "$work/time")
        times+=("$t"); rss+=("$m")
    done
    local mt mr
    mt=$(printf '%s\n' "${times[@]}" | median)
    mr=$(printf '%s\n' "${rss[@]}" | median)
    printf '%-44s %8.2f s %10d KiB   %s\n' "$label" "$mt" "$mr" "$(head -c 90 "$work/err" | head -n1)"
}

# slot_sql VAULT SQL: run SQL on the vault with python's sqlite3 (as an attacker would).
slot_sql() { python3 - "$1" "$2" <<'PY'
import hashlib, sqlite3, struct, sys
db = sqlite3.connect(sys.argv[1])
def digest(vault_id, m, t, p, salt):
    lp = lambda b: struct.pack('>I', len(b)) + b
    header = b''.join(lp(x) for x in [b'sealbox/slot', struct.pack('>I', 1), vault_id,
                                      b'passphrase', struct.pack('>III', m, t, p), salt])
    return hashlib.sha256(b'sealbox/v1 slot-digest' + header).digest()
db.create_function('slot_digest', 5, digest)
db.executescript(sys.argv[2])
db.commit()
PY
}

v="$work/vault.db"
SEALBOX_VAULT=$v sb init -q --label me
printf 'value' | SEALBOX_VAULT=$v sb set -q A

echo "one passphrase unlock ($runs runs each, medians)"
measure "floor: sealbox --version" "$bin" --version
if command -v argon2 >/dev/null; then
    measure "peer: argon2 CLI, 64 MiB x 3 passes" sh -c 'printf "correct horse battery staple" | argon2 somesaltsomesalt -id -m 16 -t 3 -p 1 -l 32'
else
    echo "peer: argon2 CLI not installed (apt-get install argon2)"
fi
measure "get, sealbox's own slot (64 MiB x 3)" env SEALBOX_VAULT="$v" "$bin" get A

cp "$v" "$work/cap.db"
slot_sql "$work/cap.db" "UPDATE slots SET kdf_m_kib = 1048576, kdf_t = 3,
    digest = slot_digest((SELECT vault_id FROM vault), 1048576, 3, 1, salt);"
measure "get, slot raised to the cap (1 GiB x 3)" env SEALBOX_VAULT="$work/cap.db" "$bin" get A

cp "$v" "$work/decoys.db"
slot_sql "$work/decoys.db" "UPDATE slots SET id = 100 WHERE label = 'me';
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20)
    INSERT INTO slots (id, label, kind, kdf_m_kib, kdf_t, kdf_p, salt, digest, key_check, nonce,
                       wrapped_key, created_at)
    SELECT i, 'decoy' || i, kind, kdf_m_kib, kdf_t, kdf_p, salt, digest, zeroblob(32), nonce,
           wrapped_key, created_at FROM slots, n WHERE label = 'me';"
measure "get, 20 decoy slots ahead of the real one" env SEALBOX_VAULT="$work/decoys.db" "$bin" get A
measure "get --slot me, same vault" env SEALBOX_VAULT="$work/decoys.db" "$bin" get A --slot me
