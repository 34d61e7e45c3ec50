#!/usr/bin/env bash
# Memory of the release server right after /readyz and 15 s later, on a copy of the SQLite file
# `make bench` seeded (target/bench/cache/sqlite-<scale>.db): VmRSS, anonymous and file-backed.
#
#   scripts/bench/rss-at-ready.sh [env VAR=value ...]
#   scripts/bench/rss-at-ready.sh _RJEM_MALLOC_CONF=dirty_decay_ms:0,muzzy_decay_ms:0
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
scale=${SCALE:-100000}
seeded=$root/target/bench/cache/sqlite-$scale.db
[[ -s $seeded ]] || { echo "no $seeded: run make bench (SCALES=$scale BACKENDS=sqlite) first" >&2; exit 1; }
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
cp "$seeded" "$work/db.sqlite"
: >"$work/empty.toml"
mkdir -p "$work/no-web"
port=${PORT:-18999}
env MARCOTTAGE_CONFIG="$work/empty.toml" MARCOTTAGE_DATABASE_URL="sqlite://$work/db.sqlite?mode=rwc" \
  MARCOTTAGE_JWT_SECRET=bench-secret-that-is-long-enough-for-hs256-000 \
  MARCOTTAGE_WEB_DIR="$work/no-web" MARCOTTAGE_BIND="127.0.0.1:$port" RUST_LOG=warn "$@" \
  taskset -c 1 "$root/target/release/marcottage" serve >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.5; done
memory() { grep -E 'VmHWM|VmRSS|RssAnon|RssFile' "/proc/$pid/status" | tr -s ' \t' ' ' | tr '\n' ' '; echo; }
sleep 2
echo "at ready: $(memory)"
sleep 15
echo "15 s later: $(memory)"
