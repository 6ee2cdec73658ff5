#!/usr/bin/env bash
# The Go SDK's whole test suite: gofmt must list nothing, go vet must pass, then go test (unit, wire,
# conformance, webhook vectors, real time, packaging, and end-to-end against the reference server).
# Modules come through the Go module proxy into the usual module cache, so a second run is fast.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v go >/dev/null 2>&1 || export PATH="/usr/local/go/bin:$PATH"
command -v go >/dev/null 2>&1 || { echo "sdk-go: Go 1.24+ is required (https://go.dev/dl)" >&2; exit 1; }
export GOFLAGS=-mod=mod GOTOOLCHAIN=local

unformatted="$(gofmt -l .)"
if [ -n "$unformatted" ]; then
  echo "sdk-go: gofmt would reformat:" >&2
  echo "$unformatted" >&2
  exit 1
fi
go vet ./...
(cd internal/consumertest && go vet ./...)
(cd ../../examples/go/buy-verification && test -z "$(gofmt -l .)" && go vet ./...)
go test -count=1 "$@" ./...
