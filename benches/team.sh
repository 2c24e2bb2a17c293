#!/usr/bin/env bash
# Team vault benchmarks (issue 13), on a throw-away PostgreSQL 15 on loopback TCP, started here
# (initdb and pg_ctl as nobody when run as root) and stopped at the end:
#  1. load: CLIENTS sealbox processes at a time for SECS seconds, mixed get/set/list, with the
#     default 5 s busy timeout: statuses (only 0 and 7 allowed), gets per second, p50/p99
#     latency, lost updates (must be 0); see team_load.py.
#  2. scale: list --prefix (100 names) and get, in vaults of 10, 1,000, 100,000 and 1,000,000
#     secrets (built by import into a file and vault copy to PostgreSQL), side by side with the
#     process-start floor, a file vault of the same size and psql running one query.
# Usage: benches/team.sh [CLIENTS] [SECS] [MAX_SECRETS]   (default 64 60 1000000; CLIENTS 0
# skips the load)
# Needs postgresql-15, hyperfine and python3 (Debian packages).
set -euo pipefail

clients=${1:-64}
secs=${2:-60}
max=${3:-1000000}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --release --locked --quiet
bin="$root/target/release/sealbox"
pg=/usr/lib/postgresql/15/bin
work=$(mktemp -d)
chmod 755 "$work"
mkdir "$work/data" "$work/home"
as=()
if [[ $(id -u) == 0 ]]; then
    chown nobody "$work/data"
    as=(runuser -u nobody --)
fi
port=$((20000 + RANDOM % 20000))
stop() {
    (cd / && "${as[@]}" "$pg/pg_ctl" -D "$work/data" -m fast stop >/dev/null 2>&1) || true
    rm -rf "$work"
}
trap stop EXIT
(cd / && "${as[@]}" "$pg/initdb" -D "$work/data" -U sealbox --auth=trust --no-sync >/dev/null)
(cd / && "${as[@]}" "$pg/pg_ctl" -D "$work/data" -l "$work/data/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k '' -c max_connections=300 -c shared_buffers=256MB" start >/dev/null)
psql() { "$pg/psql" -h 127.0.0.1 -p "$port" -U sealbox -X -q -A -t "$@"; }
url() { echo "postgresql://sealbox@127.0.0.1:$port/$1?sslmode=disable"; }
export HOME=$work/home
key=$("$bin" keygen)
export SEALBOX_KEY=$key

if ((clients > 0)); then
    echo "## Load: $clients clients, $secs s, mixed get/set/list"
    psql -d postgres -c "CREATE DATABASE load"
    SEALBOX_VAULT=$(url load) "$bin" -q init
    SEALBOX_VAULT=$(url load) python3 "$root/benches/team_load.py" "$bin" "$clients" "$secs"
fi

echo "## Scale: list --prefix (100 names) and get"
table=$work/scale.md
echo "| secrets | list --prefix, team | get, team | list --prefix, file | get, file |" >"$table"
echo "|---|---|---|---|---|" >>"$table"
for n in 10 1000 100000 1000000; do
    ((n <= max)) || continue
    file=$work/v$n.db
    python3 -c "
import sys
for i in range($n): print(f's{i:07d}=value-{i}')" >"$work/s$n.env"
    SEALBOX_VAULT=$file "$bin" -q init
    SEALBOX_VAULT=$file "$bin" -q import --format env "$work/s$n.env"
    psql -d postgres -c "CREATE DATABASE s$n"
    SEALBOX_VAULT=$file "$bin" -q vault copy --to "$(url s$n)"
    prefix=s00001
    ((n >= 1000)) || prefix=s
    mean() { hyperfine -N --runs 30 --warmup 3 --export-json "$work/h.json" "$@" >/dev/null
        python3 -c "import json; r=json.load(open('$work/h.json'))['results'][0]; print(f\"{r['mean']*1000:.1f} ms ± {r['stddev']*1000:.1f}\")"; }
    row="| $n | $(SEALBOX_VAULT=$(url s$n) mean "$bin list --prefix $prefix")"
    row+=" | $(SEALBOX_VAULT=$(url s$n) mean "$bin get s0000005")"
    row+=" | $(SEALBOX_VAULT=$file mean "$bin list --prefix $prefix")"
    row+=" | $(SEALBOX_VAULT=$file mean "$bin get s0000005") |"
    echo "$row" >>"$table"
    rm -f "$work/s$n.env"
done
cat "$table"
echo
echo "## Baselines"
hyperfine -N --runs 30 --warmup 3 --export-markdown "$work/base.md" \
    -n 'floor: sealbox --version' "$bin --version" \
    -n 'psql: SELECT 1 (one connection, one query)' "$pg/psql -h 127.0.0.1 -p $port -U sealbox -d s10 -X -q -A -t -c 'SELECT 1'" >/dev/null
cat "$work/base.md"
