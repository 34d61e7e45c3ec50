# syntax=docker/dockerfile:1
#
# Marcottage images. Needs BuildKit (the default builder of Docker 23+ and of Compose v2; with
# docker-compose v1 set DOCKER_BUILDKIT=1 COMPOSE_DOCKER_CLI_BUILD=1).
#
#   docker build -t marcottage .                 # API + built web app (final stage `api`)
#   docker build -t marcottage-web --target web .  # nginx serving the web app, proxying the API
#
# Stages: web-build (Vite) -> api-planner (dependency skeleton) -> api-build (cargo) -> web (nginx)
#         -> api (runtime, default).

ARG NODE_IMAGE=node:20-bookworm-slim
ARG RUST_IMAGE=rust:1.95-bookworm
ARG NGINX_IMAGE=nginx:1.27-alpine
ARG RUNTIME_IMAGE=debian:bookworm-slim

# ---------------------------------------------------------------------------------------------
# Web app: npm ci (cached on the lock file alone), then the Vite build into /app/web/dist.
FROM ${NODE_IMAGE} AS web-build
ENV CI=true \
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    npm_config_fund=false \
    npm_config_audit=false
WORKDIR /app/web
COPY web/package.json web/package-lock.json ./
RUN --mount=type=cache,target=/root/.npm,sharing=locked \
    npm ci
COPY web/ ./
# The web app may generate its API types from ../openapi.yaml; the glob keeps the copy optional
# (Cargo.toml is there only so that the glob never matches nothing).
COPY Cargo.toml openapi.yam[l] /app/
RUN npm run build

# ---------------------------------------------------------------------------------------------
# Dependency skeleton, as cargo-chef would make it: the manifests, Cargo.lock and build scripts,
# with every target replaced by an empty stub. It only changes when dependencies change, so the
# (long) dependency build below stays cached across source edits.
FROM ${RUST_IMAGE} AS api-planner
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
WORKDIR /context
COPY . .
RUN <<'SH'
set -euo pipefail
mkdir -p /rust /skeleton
# /rust: the Rust sources, without the web app, so web-only edits do not rebuild the API.
tar --exclude=./web -cf - . | tar -xf - -C /rust
for f in Cargo.lock rust-toolchain rust-toolchain.toml .cargo/config.toml .cargo/config; do
  if [[ -e "$f" ]]; then install -D -m 0644 "$f" "/skeleton/$f"; fi
done
find . \( -path ./web -o -path ./target \) -prune -o -name Cargo.toml -print | sort |
while read -r manifest; do
  dir=$(dirname "$manifest")
  install -D -m 0644 "$manifest" "/skeleton/$manifest"
  if [[ -f "$dir/build.rs" ]]; then install -D -m 0644 "$dir/build.rs" "/skeleton/$dir/build.rs"; fi
  # Conventional target roots plus every `path = "....rs"` declared in [lib], [[bin]], [[test]]...
  targets=$(sed -n 's/^[[:space:]]*path[[:space:]]*=[[:space:]]*"\([^"]*\.rs\)".*/\1/p' "$manifest")
  for target in src/lib.rs src/main.rs $targets; do
    if [[ -f "$dir/$target" ]]; then
      mkdir -p "$(dirname "/skeleton/$dir/$target")"
      printf '#![allow(dead_code)]\nfn main() {}\n' >"/skeleton/$dir/$target"
    fi
  done
done
SH

# ---------------------------------------------------------------------------------------------
# API: dependencies from the skeleton (a cached layer), then the real sources.
FROM ${RUST_IMAGE} AS api-build
ENV CARGO_TERM_COLOR=never
WORKDIR /src
COPY --from=api-planner /skeleton/ ./
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked \
    --mount=type=cache,target=/usr/local/cargo/git,sharing=locked \
    cargo build --release -p marcottage-api --locked
COPY --from=api-planner /rust/ ./
# Copied files keep their (older) modification times: touch them so that cargo does not take the
# stubs' build for up to date.
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked \
    --mount=type=cache,target=/usr/local/cargo/git,sharing=locked \
    find . -path ./target -prune -o -name '*.rs' -exec touch {} + \
 && cargo build --release -p marcottage-api --locked \
 && install -D -m 0755 target/release/marcottage /out/marcottage

# ---------------------------------------------------------------------------------------------
# Static front end for docker-compose.yml: nginx serves the SPA and proxies the API
# (deploy/nginx.conf). Build with `--target web`.
FROM ${NGINX_IMAGE} AS web
COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=web-build /app/web/dist/ /usr/share/nginx/html/
EXPOSE 80
# hadolint ignore=DL3025
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
    CMD wget -q -O /dev/null http://127.0.0.1/ || exit 1

# ---------------------------------------------------------------------------------------------
# Runtime (default target): the API binary, serving the web app itself from /srv/web.
FROM ${RUNTIME_IMAGE} AS api
# Unpinned on purpose: bookworm-slim only ever gets security updates of these two packages.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 marcottage \
 && useradd --system --uid 10001 --gid marcottage --home-dir /var/lib/marcottage \
        --create-home --shell /usr/sbin/nologin marcottage
COPY --from=api-build /out/marcottage /usr/local/bin/marcottage
COPY --from=web-build /app/web/dist/ /srv/web/
# The working directory holds the default SQLite file (when no PostgreSQL URL is given) and is
# where an optional marcottage.toml is looked for.
WORKDIR /var/lib/marcottage
USER 10001:10001
ENV MARCOTTAGE_BIND=0.0.0.0:8080 \
    MARCOTTAGE_WEB_DIR=/srv/web
EXPOSE 8080
# hadolint ignore=DL3025
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8080/healthz || exit 1
LABEL org.opencontainers.image.title="Marcottage" \
      org.opencontainers.image.description="Open codevelopment marketplace: API and web app" \
      org.opencontainers.image.licenses="AGPL-3.0-or-later" \
      org.opencontainers.image.source="https://github.com/marcottage/marcottage"
ENTRYPOINT ["marcottage"]
CMD ["serve"]
