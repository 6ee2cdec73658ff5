#!/usr/bin/env bash
# Every package's tests (`pnpm test`; scripts/test.sh runs it after the gates, with PostgreSQL and Redis up
# when installed). Two lanes use both cores: the server suite, the longest, beside the contract, generator,
# SDK and CLI suites; then, on a quiet machine, the suites that measure or fault things across processes
# (the dashboard in Chromium, the third-party consumers, the examples, the release dry run, the fault suite).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

lane() {
  local name=$1 start=$SECONDS rc
  shift
  set +e
  "$@" 2>&1 | sed -u "s/^/[$name] /"
  rc=${PIPESTATUS[0]}
  set -e
  echo "test: $name finished in $((SECONDS - start)) s (exit $rc)"
  return "$rc"
}
suites() { pnpm --workspace-concurrency=1 --reporter=append-only $(printf -- '--filter %s ' "$@") test; }
lane server suites @namaskah/server &
server_lane=$!
lane sdks suites @namaskah/spec @namaskah/generators @namaskah/sdk @namaskah/sdk-python @namaskah/sdk-go \
  @namaskah/sdk-ruby @namaskah/sdk-php @namaskah/cli @namaskah/mcp &
sdks_lane=$!
failed=0
wait "$server_lane" || failed=1
wait "$sdks_lane" || failed=1
[ "$failed" = 0 ] || { echo "test: a suite failed (see the [server] and [sdks] lines above)" >&2; exit 1; }
lane cross-process suites @namaskah/web @namaskah/third-party-tests @namaskah/test
