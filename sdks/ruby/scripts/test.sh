#!/usr/bin/env bash
# The Ruby SDK's whole check, on Debian's ruby, ruby-minitest and rubocop (no gems from RubyGems.org):
# rubocop over the gem, its tests and examples/ruby, `rbs validate` over sig/, then every minitest file: the conformance suite,
# the client on real sockets, real time, webhooks, and end to end against the reference server
# (in-process, examples/ruby, and the built gem installed into a fresh GEM_HOME).
#   bash scripts/test.sh              everything
#   bash scripts/test.sh --unit       no reference server (NAMASKAH_SKIP_E2E=1)
#   bash scripts/test.sh -- -n /retry/  extra arguments after -- go to minitest
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v ruby >/dev/null 2>&1 || { echo "sdk-ruby: ruby 3.1+ is required (apt-get install ruby ruby-minitest rubocop)" >&2; exit 1; }
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --unit) export NAMASKAH_SKIP_E2E=1 ;;
    --) shift; ARGS=("$@"); break ;;
  esac
  shift
done
rubocop --no-server -c .rubocop.yml . ../../examples/ruby
# The RBS signatures (generated and hand-written) must resolve: rbs ships with Ruby (libruby3.1 on Debian).
RBS="$(ruby -e 'print Gem::Specification.find_by_name("rbs").bin_file("rbs")')"
ruby "$RBS" -r logger -r monitor -I sig validate >/tmp/namaskah-rbs-$$.log 2>&1 || { cat /tmp/namaskah-rbs-$$.log >&2; exit 1; }
rm -f /tmp/namaskah-rbs-$$.log
exec ruby -w -Itest -e 'Dir[File.join(__dir__ = "test", "*_test.rb")].sort.each { |f| require_relative f }' -- ${ARGS[@]+"${ARGS[@]}"}
