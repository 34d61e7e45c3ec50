#!/usr/bin/env bash
# Every check of the project, in the order that fails fastest. `make test` and CI run this.
# Under CI=true the PostgreSQL runs of the API tests are mandatory.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 CARGO_TERM_COLOR=never

started=$(date +%s)
step() { printf '\n==> %s (%ss)\n' "$*" "$(( $(date +%s) - started ))"; }

step "tools"
scripts/ensure-tools.sh

step "rust: format and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets --locked -- -D warnings

step "rust: tests on SQLite and PostgreSQL (includes the openapi.yaml drift check)"
cargo build -p marcottage-api --locked
cargo test --workspace --locked

step "spec: redocly lint"
(cd web && npm run --silent lint:spec)

step "web: generated API types are fresh, type check, lint, unit tests, build"
(cd web && npm run --silent check:api && npm run --silent typecheck && npm run --silent lint \
  && npm run --silent test && npm run --silent build)

step "web: end-to-end in Chromium against the real API (SQLite)"
(cd web && npm run --silent e2e)

step "web: the same journeys on PostgreSQL"
e2e_db=marcottage_e2e_$$
psql -q -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -d postgres -c "CREATE DATABASE $e2e_db"
trap 'psql -q -h "${PGHOST:-127.0.0.1}" -U "${PGUSER:-postgres}" -d postgres -c "DROP DATABASE IF EXISTS $e2e_db WITH (FORCE)" || true' EXIT
(cd web && MARCOTTAGE_E2E_DATABASE_URL="postgres://${PGUSER:-postgres}@${PGHOST:-127.0.0.1}/$e2e_db" \
  npm run --silent e2e)

step "api: schemathesis against the running server"
scripts/schemathesis.sh

step "api: generated TypeScript and Python clients complete their journey"
scripts/clients/run.sh

step "deploy: docker-compose.yml is valid"
MARCOTTAGE_JWT_SECRET=ci-validation-secret-of-at-least-32-chars \
  docker-compose -f docker-compose.yml config --quiet

step "all checks passed"
