#!/usr/bin/env bash
# Property-based API testing: schemathesis generates requests from the served OpenAPI document
# and checks every response against it. Bounded so that it fits in CI.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$root/scripts/with-server.sh" bash -c '
  "'"$root"'/.venv/bin/schemathesis" run "$MARCOTTAGE_URL/api/v1/openapi.json" \
    --url "$MARCOTTAGE_URL" \
    --checks all \
    --max-examples 50 \
    --seed 1 \
    --no-color
'
