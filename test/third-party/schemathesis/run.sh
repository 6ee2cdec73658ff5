#!/usr/bin/env bash
# The Schemathesis gate (issue 11): fuzzes a live reference server from the bundled contract it serves at
# /openapi.json, with a real login, every conformance check and the stateful phase over the spec's links.
# Zero failures passes. Installs its pinned Schemathesis into .toolchain/ on first use (PyPI, Python 3.11+).
#   test/third-party/schemathesis/run.sh        starts its own server (free port, temporary PGlite data)
# Two passes, each as the account whose operations it covers: the demo user (every non-admin operation,
# with a funded wallet) and the demo admin (the admin operations).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"

if [ -z "${NAMASKAH_BASE_URL:-}" ]; then
  # A fuzzer is one client sending thousands of requests, many unauthenticated and many failed sign-ins:
  # the per-IP anonymous and the sign-in limits (per IP, and per account: the fuzzer learns the demo
  # email from responses) would turn most of them into 429s and test nothing else.
  export ANONYMOUS_RATE_LIMIT_PER_MINUTE=100000 LOGIN_MAX_FAILURES_PER_IP=100000 LOGIN_MAX_FAILURES_PER_ACCOUNT=100000
  exec node "$root/test/third-party/scripts/with-reference-server.mjs" -- bash "${BASH_SOURCE[0]}" "$@"
fi

version="$(sed -n 's/^schemathesis==//p' "$here/requirements.txt")"
venv="$root/.toolchain/schemathesis-$version"
if [ ! -x "$venv/bin/st" ]; then
  echo "schemathesis: installing schemathesis $version into ${venv#"$root/"}" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt" >&2
fi

# python3 is here anyway (Schemathesis needs it); curl may not be
api() { # method path [token] [json body] -> response body (fails on an HTTP error)
  python3 - "$@" <<'PY'
import os, sys, urllib.request
method, path, token, body = (sys.argv[1:] + ['', ''])[:4]
request = urllib.request.Request(os.environ['NAMASKAH_BASE_URL'] + path, method=method, data=body.encode() or None)
request.add_header('Content-Type', 'application/json')
if token: request.add_header('Authorization', f'Bearer {token}')
print(urllib.request.urlopen(request, timeout=30).read().decode())
PY
}
# Per-account limits are tier data: the admin raises them through the API, as an operator would.
admin_token="$(api POST /v1/auth/login '' '{"email":"admin@namaskah.dev","password":"admin-password-123"}' |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["tokens"]["access_token"])')"
for tier in tier_basic tier_pro tier_enterprise; do
  api PATCH "/v1/admin/tiers/$tier" "$admin_token" '{"rate_limit_per_minute":100000}' >/dev/null
done

checks=not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance
checks+=,response_headers_conformance,negative_data_rejection,use_after_free,ensure_resource_availability,ignored_auth
report_dir="${SCHEMATHESIS_REPORT_DIR:-$(mktemp -d /tmp/namaskah-schemathesis.XXXXXX)}"
status=0
pass() { # name email password [filters...]
  local name="$1"; export NAMASKAH_EMAIL="$2" NAMASKAH_PASSWORD="$3"; shift 3
  echo "schemathesis: pass '$name' as $NAMASKAH_EMAIL" >&2
  (cd "$report_dir" && "$venv/bin/st" --config-file "$here/schemathesis.toml" --no-color run "$NAMASKAH_BASE_URL/openapi.json" \
    --checks "$checks" --report junit,ndjson --report-dir "$report_dir/$name" "$@") || status=1
}
pass user demo@namaskah.dev demo-password-123 --exclude-tag admin
pass admin admin@namaskah.dev admin-password-123 --include-tag admin
echo "schemathesis: reports in $report_dir" >&2
exit "$status"
