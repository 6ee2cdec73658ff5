#!/usr/bin/env bash
# The PHP SDK's whole check, offline (Packagist is never contacted): composer validate --strict, Composer's
# autoloader (dump-autoload, no downloads), php -l over every file, phpcs PSR-12 over the SDK, its tests and
# examples/php, then PHPUnit: unit, the shared conformance suite, and end-to-end against the reference
# server (the scenario with curl and with an injected PSR-18 client, a Composer install into a clean
# folder, examples/php). Needs Debian's php-cli, php-curl, php-mbstring, php-xml, composer, phpunit,
# php-codesniffer, php-psr-http-client, php-psr-http-message, php-psr-http-factory, php-psr-log and
# php-nyholm-psr7 (.ci/run installs them).
#   bash scripts/test.sh                    everything
#   bash scripts/test.sh --lint-only        validate, php -l, phpcs
#   bash scripts/test.sh -- --filter Retry  extra arguments after -- go to phpunit
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for tool in php composer phpunit phpcs; do
  command -v "$tool" >/dev/null 2>&1 || { echo "sdk-php: $tool is required (bash .ci/run installs it)" >&2; exit 1; }
done
LINT_ONLY=0
PHPUNIT_ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --lint-only) LINT_ONLY=1 ;;
    --) shift; PHPUNIT_ARGS=("$@"); break ;;
  esac
  shift
done
export COMPOSER_DISABLE_NETWORK=1 COMPOSER_NO_INTERACTION=1
composer validate --strict --no-check-publish --quiet
composer dump-autoload --dev --quiet
find src tests ../../examples/php -name '*.php' -print0 | xargs -0 -n 50 -P 2 php -l -d display_errors=1 >/dev/null
phpcs --standard=PSR12 -q src tests ../../examples/php
[ "$LINT_ONLY" = 1 ] && exit 0
exec phpunit ${PHPUNIT_ARGS[@]+"${PHPUNIT_ARGS[@]}"}
