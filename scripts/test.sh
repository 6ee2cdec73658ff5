#!/usr/bin/env bash
# Runs every test in the repository: the contract checks, the generators and SDKs, the reference server
# suite on PGlite and on PostgreSQL (a throwaway server is started when PostgreSQL is installed; on CI it
# must be), the third-party consumers of the bundled contract, then the Schemathesis gate against a live
# reference server (Python 3.11+; its pinned Schemathesis goes into .toolchain/). Usage: scripts/test.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/bootstrap.sh
. scripts/lib/services.sh
trap stop_services EXIT

if ! start_postgres || ! start_redis; then
  if [ "${CI:-}" = true ]; then echo "test: CI needs PostgreSQL and Redis (.ci/run installs them)" >&2; exit 1; fi
  echo "test: running without PostgreSQL/Redis; the server suite runs on PGlite only" >&2
fi

# First the TypeScript gates: Biome (lint + format check of the hand-written code), then tsc --noEmit in
# every TS package (the dashboard against the built SDK).
pnpm lint
pnpm typecheck
# Dead code: no unused file, export, type or dependency (knip.json says what is an entry point).
pnpm knip

# Then every package's tests (scripts/lib/test-suites.sh: what `pnpm test` runs).
bash scripts/lib/test-suites.sh

# Last, as the slowest and the one an outside integrator would run: zero Schemathesis failures.
bash test/third-party/schemathesis/run.sh
