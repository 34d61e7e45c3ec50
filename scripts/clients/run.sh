#!/usr/bin/env bash
# Generated clients that work (issue 14): generates a TypeScript client (openapi-typescript types
# + openapi-fetch, as the web app does) and a Python client (openapi-python-client) from
# openapi.yaml, then runs a journey with each against a live debug server on a fresh SQLite
# database: two members register and confirm their address, one publishes an opportunity and
# reads its matches, the other expresses interest, the first sees it and its notification.
# The journeys are the examples of docs/integrations.md.
#   scripts/clients/run.sh     after `cargo build -p marcottage-api` and scripts/ensure-tools.sh
# MARCOTTAGE_PORT chooses the server's port (a free one otherwise).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/scripts/clients"
started=$(date +%s)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 "$here/check-docs.py"

# TypeScript: the journey next to its generated types and the web app's packages, type-checked.
mkdir -p "$work/ts"
cp "$here/ts/journey.mjs" "$here/ts/tsconfig.json" "$work/ts/"
ln -s "$root/web/node_modules" "$work/ts/node_modules"
"$root/web/node_modules/.bin/openapi-typescript" "$root/openapi.yaml" -o "$work/ts/schema.d.ts" --silent
"$root/web/node_modules/.bin/tsc" -p "$work/ts/tsconfig.json"

# Python: the generated package `marcottage_client`, on the journey's path.
"$root/.venv/bin/openapi-python-client" generate --path "$root/openapi.yaml" \
  --output-path "$work/python/marcottage_client" --meta none \
  --config "$here/python/config.yaml" >"$work/python-generate.log" 2>&1 \
  || { cat "$work/python-generate.log" >&2; exit 1; }

# Both journeys against one server; each registers its own members.
export CLIENTS_WORK="$work" CLIENTS_PYTHON="$root/.venv/bin/python" MARCOTTAGE_MAILBOX="$here/mailbox.py"
"$root/scripts/with-server.sh" bash -c '
  set -euo pipefail
  node "$CLIENTS_WORK/ts/journey.mjs"
  PYTHONPATH="$CLIENTS_WORK/python" "$CLIENTS_PYTHON" "'"$here"'/python/journey.py"
'
echo "clients: both journeys passed in $(( $(date +%s) - started ))s"
