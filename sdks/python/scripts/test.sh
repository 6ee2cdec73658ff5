#!/usr/bin/env bash
# The Python SDK's full check: a project-local virtualenv (created or refreshed when requirements-dev.txt or
# pyproject.toml change), then ruff check, ruff format --check, mypy --strict and pytest.
#   bash scripts/test.sh              everything
#   bash scripts/test.sh --lint-only  ruff + mypy only
#   bash scripts/test.sh -- -k retry  extra arguments after -- go to pytest
#   bash scripts/test.sh --venv-only  only create or refresh the virtualenv (examples' test uses it)
set -euo pipefail

SDK="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$SDK/../.." && pwd)"
VENV="${NAMASKAH_PYTHON_VENV:-$ROOT/.toolchain/python-venv}"
PYTHON="${PYTHON:-python3}"
KEY="$(cat "$SDK/requirements-dev.txt" "$SDK/pyproject.toml" | sha256sum | cut -c1-16)-$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"

if [ "$(cat "$VENV/.namaskah-key" 2>/dev/null)" != "$KEY" ]; then
  echo "python sdk: creating $VENV ($KEY)" >&2
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$SDK/requirements-dev.txt"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e "$SDK"
  echo "$KEY" >"$VENV/.namaskah-key"
fi
[ "${1:-}" = --venv-only ] && exit 0

cd "$SDK"
LINT_ONLY=0
PYTEST_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --lint-only) LINT_ONLY=1 ;;
    --) shift; PYTEST_ARGS=("$@"); break ;;
  esac
  shift
done
"$VENV/bin/ruff" check namaskah tests ../../examples/python
"$VENV/bin/ruff" format --check namaskah tests ../../examples/python
"$VENV/bin/mypy"
[ "$LINT_ONLY" = 1 ] && exit 0
exec "$VENV/bin/pytest" ${PYTEST_ARGS[@]+"${PYTEST_ARGS[@]}"}
