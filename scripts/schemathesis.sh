#!/usr/bin/env bash
# Property-based API testing: schemathesis generates requests from the served OpenAPI document
# and checks every response against it, authenticated as an admin (scripts/schemathesis/hooks.py)
# so that protected operations are exercised too. Bounded so that it fits in CI.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SCHEMATHESIS_PASSWORD="schemathesis is a thorough tester"
# Hundreds of generated logins come from one address, some with the tester's own e-mail (which
# schemathesis learns from responses): the login throttle, tested in tests/, would lock the
# tester out here; likewise the mail throttles for its registrations and reset requests.
export MARCOTTAGE_LOGIN_FAILURES_PER_ADDRESS=1000000 MARCOTTAGE_LOGIN_FAILURES_PER_ACCOUNT=1000000 \
  MARCOTTAGE_LOGIN_FAILURES_ACCOUNT_LOCK=1000000 MARCOTTAGE_MAILS_PER_ADDRESS_PER_HOUR=1000000
export PYTHONPATH="$root/scripts/schemathesis" SCHEMATHESIS_HOOKS=hooks
exec "$root/scripts/with-server.sh" bash -c '
  set -euo pipefail
  MARCOTTAGE_ADMIN_PASSWORD="$SCHEMATHESIS_PASSWORD" MARCOTTAGE_LOG_LEVEL=error \
    "$MARCOTTAGE_BINARY" admin create --email schemathesis@example.org >/dev/null
  "'"$root"'/.venv/bin/schemathesis" --config-file "'"$root"'/scripts/schemathesis/schemathesis.toml" \
    run "$MARCOTTAGE_URL/api/v1/openapi.json" \
    --url "$MARCOTTAGE_URL" \
    --checks all \
    --max-examples 50 \
    --seed 1 \
    --no-color
'
