#!/usr/bin/env bash
# Installs the tools the test suite needs, only those that are missing; prints nothing when
# everything is already there. Safe to run any number of times (`make test` runs it first).
#
#   - Debian packages: chromium (Playwright e2e), docker-compose (v1, validates docker-compose.yml),
#     libxml2-utils (xmllint: the IATI export is validated against the IATI 2.03 XSD)
#   - .venv/ with the pinned Python tools of scripts/requirements-test.txt (schemathesis,
#     openapi-python-client)
#   - web/node_modules via `npm ci` when missing or older than web/package-lock.json
#
# Environment: ENSURE_TOOLS_SKIP_APT=1 skips the Debian packages (for machines without apt).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

say() { printf 'ensure-tools: %s\n' "$*" >&2; }

sudo_cmd=()
if [[ "$(id -u)" -ne 0 ]]; then
  sudo_cmd=(sudo)
fi

# --- Debian packages -----------------------------------------------------------------------
apt_packages=(chromium docker-compose libxml2-utils)

is_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

if [[ "${ENSURE_TOOLS_SKIP_APT:-0}" != 1 ]] && command -v dpkg-query >/dev/null; then
  missing=()
  for pkg in "${apt_packages[@]}"; do
    is_installed "$pkg" || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    say "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1
    # Another apt may hold the lock (unattended upgrades, a parallel job): wait for it.
    apt_opts=(-q -o DPkg::Lock::Timeout=600)
    log="$(mktemp)"
    trap 'rm -f "$log"' EXIT
    updated=0
    for attempt in 1 2 3 4 5; do
      if "${sudo_cmd[@]}" apt-get "${apt_opts[@]}" update >"$log" 2>&1; then
        updated=1
        break
      fi
      say "apt-get update failed (attempt $attempt), retrying in 15 s"
      sleep 15
    done
    if ((!updated)); then
      cat "$log" >&2
      say "apt-get update kept failing"
      exit 1
    fi
    if ! "${sudo_cmd[@]}" apt-get "${apt_opts[@]}" install -y --no-install-recommends \
      "${missing[@]}" >"$log" 2>&1; then
      cat "$log" >&2
      say "apt-get install ${missing[*]} failed"
      exit 1
    fi
  fi
fi

# --- Python venv -----------------------------------------------------------------------------
requirements="scripts/requirements-test.txt"
venv=".venv"
stamp="$venv/.requirements.sha256"
want="$(sha256sum "$requirements" | cut -d' ' -f1)"

if [[ ! -x "$venv/bin/python" ]] || [[ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]]; then
  python="$(command -v python3 || true)"
  [[ -n "$python" ]] || { say "python3 is required"; exit 1; }
  if [[ ! -x "$venv/bin/python" ]]; then
    say "creating $venv"
    "$python" -m venv "$venv"
  fi
  say "installing Python tools from $requirements"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
  printf '%s\n' "$want" >"$stamp"
fi

# --- web dependencies ----------------------------------------------------------------------
# npm writes node_modules/.package-lock.json on every install: it dates the last `npm ci`.
if [[ -f web/package-lock.json ]]; then
  marker="web/node_modules/.package-lock.json"
  if [[ ! -d web/node_modules ]] || [[ ! -f "$marker" ]] || [[ web/package-lock.json -nt "$marker" ]]; then
    command -v npm >/dev/null || { say "npm is required for web/"; exit 1; }
    say "running npm ci in web/"
    (cd web && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
    # Keep the marker newer than the lock even if npm left an older one in place.
    if [[ -f "$marker" ]]; then touch "$marker"; fi
  fi
fi
