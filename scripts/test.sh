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

step "web: end-to-end in Chromium against the real API"
(cd web && npm run --silent e2e)

step "api: schemathesis against the running server"
scripts/schemathesis.sh

step "deploy: docker-compose.yml is valid"
MARCOTTAGE_JWT_SECRET=ci-validation-secret-of-at-least-32-chars \
  docker-compose -f docker-compose.yml config --quiet

step "all checks passed"
