# The two commands a newcomer needs:
#   make run    — build everything, load the demo data and serve http://127.0.0.1:8080 (SQLite)
#   make test   — every check CI runs (see scripts/test.sh)

SHELL := /bin/bash
CARGO ?= cargo
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: run test bench openapi web-deps web-build build tools

run: web-build build
	./target/debug/marcottage seed --demo
	./target/debug/marcottage serve

test:
	scripts/test.sh

# Marcottage side by side with Directus on both databases at 100 000 and 1 000 000 opportunities;
# knobs (RUNS, DURATION, SCALES, BACKENDS, ...) are environment variables: see scripts/bench/bench.sh.
bench:
	scripts/bench/bench.sh

# Regenerate openapi.yaml and the web client's types after changing a route or a DTO.
openapi: build
	./target/debug/marcottage openapi > openapi.yaml
	cd web && npm run --silent generate:api

build:
	$(CARGO) build -p marcottage-api

web-deps:
	@if [ ! -d web/node_modules ]; then cd web && npm ci --no-audit --no-fund; fi

web-build: web-deps
	cd web && npm run build

tools:
	scripts/ensure-tools.sh
