#!/usr/bin/env bash
# Starts the platform on this machine with nothing set up beforehand: the reference server on the
# embedded database (PGlite under ./data), the simulator provider and demo data, serving the web dashboard
# at / (built on first start). Prints the URL and the demo credentials.
# Environment variables are listed in server-reference/README.md; DASHBOARD=off starts the API alone
# (no dashboard build on a fresh clone).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BOOTSTRAP_QUIET=1 . scripts/bootstrap.sh
if [ "${DASHBOARD:-on}" != off ] && [ ! -f server-reference/web/dist/index.html ]; then
  echo "start: building the web dashboard (first start only)" >&2
  pnpm --filter @namaskah/web --reporter=silent build >&2
fi
export PORT="${PORT:-8080}"
export DATA_DIR="${DATA_DIR:-$PWD/data/pglite}"
# The server replaces this shell (no pnpm in between), so SIGTERM and Ctrl-C reach it and it stops cleanly.
cd server-reference
exec node src/main.ts
