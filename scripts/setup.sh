#!/usr/bin/env bash
# Installs what the project needs on a fresh machine of this kind (Node 20 + npm):
# pnpm 10, the workspace's packages (sqlite3 compiles from source, ~1-2 min), and with
# --with-browser Debian's chromium for the report-rendering tests.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v pnpm >/dev/null 2>&1 || [[ "$(pnpm --version 2>/dev/null)" != 10.* ]]; then
  echo "setup: installing pnpm 10 (npm i -g pnpm@10)"
  npm i -g pnpm@10 >/dev/null
fi
if [[ "${1:-}" == "--with-browser" ]] && ! command -v chromium >/dev/null 2>&1; then
  echo "setup: installing chromium (Debian package) for the report tests"
  if [[ "$(id -u)" == "0" ]]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
echo "setup: pnpm install"
pnpm install --frozen-lockfile --reporter=append-only
