#!/usr/bin/env bash
# Runs a command against a freshly started API: a debug build of `marcottage serve` on a free
# port with its own SQLite file. The command sees the base URL in $MARCOTTAGE_URL.
#   scripts/with-server.sh <command> [args...]
# MARCOTTAGE_PORT chooses the port (a free one otherwise).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
binary="$root/target/debug/marcottage"
[[ -x "$binary" ]] || { echo "with-server: build first: cargo build -p marcottage-api" >&2; exit 1; }

workdir="$(mktemp -d)"
port="${MARCOTTAGE_PORT:-}"
[[ -n "$port" ]] || port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
MARCOTTAGE_BIND="127.0.0.1:$port" \
MARCOTTAGE_DATABASE_URL="sqlite://$workdir/api.db?mode=rwc" \
MARCOTTAGE_LOG_LEVEL=warn \
MARCOTTAGE_LOGIN_FAILURES_PER_ADDRESS="${MARCOTTAGE_LOGIN_FAILURES_PER_ADDRESS:-100}" \
MARCOTTAGE_LOGIN_FAILURES_PER_ACCOUNT="${MARCOTTAGE_LOGIN_FAILURES_PER_ACCOUNT:-5}" \
  "$binary" serve >"$workdir/server.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$workdir"; }
trap cleanup EXIT

export MARCOTTAGE_URL="http://127.0.0.1:$port"
# Commands may use the binary on the same database (to create an admin, say).
export MARCOTTAGE_DATABASE_URL="sqlite://$workdir/api.db?mode=rwc" MARCOTTAGE_BINARY="$binary"
for _ in $(seq 1 100); do
  curl -fsS "$MARCOTTAGE_URL/readyz" >/dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { cat "$workdir/server.log" >&2; exit 1; }
  sleep 0.1
done
if ! "$@"; then
  echo "with-server: the command failed; server log follows" >&2
  tail -n 50 "$workdir/server.log" >&2
  exit 1
fi
