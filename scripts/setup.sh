#!/usr/bin/env bash
# Installs what the project needs on a fresh machine of this kind (Node 20 + npm):
# pnpm 10, the workspace's packages (sqlite3 compiles from source, ~1-2 min), and with
# --with-browser the Debian test tools CI needs: chromium for the report-rendering tests and
# glpsol (glpk-utils), the oracle of the LP/MPS reader fuzz test, and PostgreSQL (postgresql), whose
# binaries the PostgreSQL conformance, app and benchmark runs start a throw-away server with.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v pnpm >/dev/null 2>&1 || [[ "$(pnpm --version 2>/dev/null)" != 10.* ]]; then
  echo "setup: installing pnpm 10 (npm i -g pnpm@10)"
  npm i -g pnpm@10 >/dev/null
fi
if [[ "${1:-}" == "--with-browser" ]]; then
  missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v glpsol >/dev/null 2>&1 || missing+=(glpk-utils)
  # PostgreSQL's server binaries: the tests start a throw-away cluster of their own (scripts/pg-server.mjs).
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
  if (( ${#missing[@]} > 0 )); then
    echo "setup: installing test tools (Debian packages: ${missing[*]})"
    if [[ "$(id -u)" == "0" ]]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
echo "setup: pnpm install"
pnpm install --frozen-lockfile --reporter=append-only
