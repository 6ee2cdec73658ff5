#!/usr/bin/env bash
# Starts the platform on this machine with nothing set up beforehand: the reference server on the
# embedded database (PGlite under ./data), the simulator provider and demo data, serving the web dashboard
# at / (built on first start). Prints the URL and the demo credentials.
# Environment variables are listed in server-reference/README.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/bootstrap.sh
if [ ! -f server-reference/web/dist/index.html ]; then
  echo "start: building the web dashboard (first start only)" >&2
  pnpm --filter @namaskah/web --reporter=silent build >&2
fi
export PORT="${PORT:-8080}"
export DATA_DIR="${DATA_DIR:-$PWD/data/pglite}"
exec pnpm --filter @namaskah/server --reporter=silent start
