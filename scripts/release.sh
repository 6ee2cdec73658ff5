#!/usr/bin/env bash
# The release of every SDK, rehearsed: from a clean export of HEAD (git archive, so nothing uncommitted or
# ignored leaks in) it builds each artifact and runs each registry's own pre-publish check, then prints the
# tags a release would push. It publishes nothing and pushes nothing; only --dry-run exists.
#   scripts/release.sh --dry-run    artifacts land in .toolchain/release-dry-run/ (RELEASE_OUT to change)
# Steps: the version copies agree with sdks/VERSION (stamp-version --check); npm publish --dry-run for
# @namaskah/sdk (its prepack builds dist/), @namaskah/cli and @namaskah/mcp; python -m build + twine check --strict; gem build; composer
# validate --strict; go mod verify. Python tools are pinned in scripts/release-requirements.txt.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "${1:-}" != --dry-run ]; then
  echo "usage: scripts/release.sh --dry-run (publishing is not done from a workstation)" >&2
  exit 2
fi
. "$ROOT/scripts/bootstrap.sh" >/dev/null
cd "$ROOT"

OUT="${RELEASE_OUT:-$ROOT/.toolchain/release-dry-run}"
VERSION="$(tr -d '[:space:]' <sdks/VERSION)"
HEAD="$(git rev-parse --short HEAD)"
step() { printf '\n== %s\n' "$*"; }

if [ -n "$(git status --porcelain)" ]; then
  echo "release: the working tree has uncommitted changes; rehearsing HEAD ($HEAD) without them" >&2
fi
rm -rf "$OUT"
mkdir -p "$OUT/artifacts"
TREE="$OUT/tree"
mkdir -p "$TREE"
git archive HEAD | tar -x -C "$TREE"

step "version $VERSION at $HEAD"
node "$TREE/scripts/stamp-version.mjs" --check

step "npm: @namaskah/sdk"
(cd "$TREE" && pnpm install --offline --frozen-lockfile --filter @namaskah/sdk --reporter=silent)
# npm pack runs prepack (the version check and the tsup build); the dry run then checks that very tarball.
(cd "$TREE/sdks/js" && npm pack --silent --pack-destination "$OUT/artifacts" >/dev/null)
npm publish --dry-run --access public "$OUT/artifacts/namaskah-sdk-$VERSION.tgz" 2>&1 |
  grep -E '^npm notice (name|version|filename|package size|unpacked size|total files)|^\+ @namaskah/sdk@'

# The CLI and the MCP server depend on the SDK as `workspace:*`: pnpm pack writes the version in its place.
for package in cli mcp; do
  step "npm: @namaskah/$package"
  (cd "$TREE" && pnpm install --offline --frozen-lockfile --filter "@namaskah/$package..." --reporter=silent)
  (cd "$TREE/sdks/$package" && pnpm run build >/dev/null && pnpm pack --pack-destination "$OUT/artifacts" >/dev/null)
  npm publish --dry-run --access public "$OUT/artifacts/namaskah-$package-$VERSION.tgz" 2>&1 |
    grep -E "^npm notice (name|version|filename|package size|unpacked size|total files)|^\+ @namaskah/$package@"
done

step "PyPI: namaskah"
VENV="$ROOT/.toolchain/release-venv"
KEY="$(sha256sum <scripts/release-requirements.txt | cut -c1-16)"
if [ "$(cat "$VENV/.namaskah-key" 2>/dev/null)" != "$KEY" ]; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r scripts/release-requirements.txt
  echo "$KEY" >"$VENV/.namaskah-key"
fi
"$VENV/bin/python" -m build --no-isolation --outdir "$OUT/artifacts" "$TREE/sdks/python" >/dev/null 2>&1
NO_COLOR=1 "$VENV/bin/twine" check --strict "$OUT/artifacts/namaskah-$VERSION.tar.gz" "$OUT/artifacts/namaskah-$VERSION-py3-none-any.whl"

step "RubyGems: namaskah"
(cd "$TREE/sdks/ruby" && gem build --strict namaskah.gemspec --output "$OUT/artifacts/namaskah-$VERSION.gem" 2>&1 | grep -E '^  (Name|Version|File):')

step "Packagist: namaskah/namaskah-php"
(cd "$TREE/sdks/php" && composer validate --strict --no-interaction)

step "Go: github.com/namaskah/namaskah/sdks/go"
(cd "$TREE/sdks/go" && go mod download && go mod verify)

step "artifacts in $OUT/artifacts"
(cd "$OUT/artifacts" && ls -l | tail -n +2 | awk '{ print "  " $NF " (" $5 " bytes)" }')
step "tags a release would push (not pushed)"
printf '  %s\n' "sdk-js@$VERSION" "cli@$VERSION" "mcp@$VERSION" "sdk-python@$VERSION" "sdks/go/v$VERSION" "sdk-ruby@$VERSION" "sdk-php@$VERSION"
rm -rf "$TREE"
echo
echo "release: dry run of $VERSION passed; nothing was published"
