#!/usr/bin/env bash
# Runs every benchmark under test/bench and prints its figures (ratios and latencies against targets; no
# benchmark is a pass/fail test). Starts throwaway PostgreSQL and Redis when installed, like scripts/test.sh.
# Usage: scripts/bench.sh [http|pglite|sdk-js|webhooks|realtime|cluster|analytics|dashboard|start ...]   (default: all)
# Every figure is printed with the baseline measured in the same run and its ratio (notes: test/bench/README.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/bootstrap.sh
. scripts/lib/services.sh
trap stop_services EXIT
start_postgres || true
start_redis || true
export BENCH_DATABASE_URL="${BENCH_DATABASE_URL:-${TEST_DATABASE_URL:-}}"

run() {
  echo "== bench: $1" >&2
  case "$1" in
    http) pnpm --filter @namaskah/test --reporter=silent bench:http ;;
    pglite) pnpm --filter @namaskah/test --reporter=silent bench:pglite ;;
    sdk-js) pnpm --filter @namaskah/test --reporter=silent bench:sdk-js ;;
    webhooks) pnpm --filter @namaskah/server --reporter=silent bench:webhooks ;;
    realtime) pnpm --filter @namaskah/server --reporter=silent bench:realtime ;;
    analytics) pnpm --filter @namaskah/test --reporter=silent bench:analytics ;;
    dashboard) pnpm --filter @namaskah/web --reporter=silent bench ;;
    start) pnpm --filter @namaskah/test --reporter=silent bench:start ;;
    cluster) pnpm --filter @namaskah/test --reporter=silent bench:cluster ;;
    *) echo "bench: unknown benchmark $1" >&2; return 2 ;;
  esac
}

status=0
for name in "${@:-http pglite sdk-js webhooks realtime cluster analytics dashboard start}"; do
  for one in $name; do run "$one" || status=$?; done
done
exit $status
