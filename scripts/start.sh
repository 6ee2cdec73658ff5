#!/usr/bin/env bash
# Starts the platform on this machine with nothing set up beforehand.
# Until the reference server lands this serves the API from the contract with the Prism mock.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/bootstrap.sh
export PORT="${PORT:-8080}"
echo "Namaskah API (Prism mock from spec/openapi.yaml): http://127.0.0.1:$PORT/v1/services" >&2
exec pnpm mock
