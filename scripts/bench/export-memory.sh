#!/usr/bin/env bash
# Peak memory of the streamed CSV export: seeds N opportunities (default 100 000) into a fresh
# SQLite file, starts the server, waits until it is ready and its listing index built, notes
# its peak RSS (VmHWM), downloads /api/v1/exports/opportunities.csv, and notes the peak again.
# The difference is what the export cost; it must stay under BOUND_MIB (default 32).
#   cargo build -p marcottage-api && scripts/bench/export-memory.sh [N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
binary="${MARCOTTAGE_BINARY:-$root/target/debug/marcottage}"
count="${1:-100000}"
bound_mib="${BOUND_MIB:-32}"
workdir="$(mktemp -d)"
export MARCOTTAGE_DATABASE_URL="sqlite://$workdir/bench.db?mode=rwc" MARCOTTAGE_LOG_LEVEL=warn
"$binary" seed --scale "$count" >/dev/null
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
MARCOTTAGE_BIND="127.0.0.1:$port" "$binary" serve >"$workdir/server.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$workdir"; }
trap cleanup EXIT
url="http://127.0.0.1:$port"
until curl -fsS "$url/readyz" >/dev/null 2>&1; do
  kill -0 "$server" 2>/dev/null || { cat "$workdir/server.log" >&2; exit 1; }
  sleep 0.2
done
sleep 2 # the listing index finishes building in the background
peak() { awk '/VmHWM/ {print $2}' "/proc/$server/status"; }
before=$(peak)
started=$(date +%s.%N)
rows=$(curl -fsS "$url/api/v1/exports/opportunities.csv" | tee "$workdir/export.csv" | wc -l)
elapsed=$(echo "$(date +%s.%N) - $started" | bc)
after=$(peak)
bytes=$(stat -c %s "$workdir/export.csv")
growth=$(( (after - before) / 1024 ))
printf 'rows (with header): %s, CSV: %s MiB, %.1f s\n' "$rows" "$((bytes / 1048576))" "$elapsed"
printf 'peak RSS before: %s MiB, after: %s MiB, export cost: %s MiB (bound %s MiB)\n' \
  "$((before / 1024))" "$((after / 1024))" "$growth" "$bound_mib"
(( growth <= bound_mib )) || { echo "over the bound" >&2; exit 1; }
