#!/usr/bin/env node
// One version for every published SDK: sdks/VERSION is the source, this script writes it into each place a
// package manager or a User-Agent reads it from.
//   node scripts/stamp-version.mjs          stamp every file
//   node scripts/stamp-version.mjs --check  exit 1, listing the files that disagree (run by the SDK tests)
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const version = readFileSync(join(root, 'sdks/VERSION'), 'utf8').trim();
if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) throw new Error(`sdks/VERSION: not a semantic version: ${version}`);

/** File -> the pattern whose first group is the version. */
const targets = {
  'sdks/js/package.json': /^ {2}"version": "([^"]+)"/m,
  'sdks/js/src/core/version.ts': /^export const VERSION = '([^']+)';/m,
  'sdks/python/package.json': /^ {2}"version": "([^"]+)"/m,
  'sdks/python/pyproject.toml': /^version = "([^"]+)"/m,
  'sdks/python/namaskah/_core/version.py': /^__version__ = "([^"]+)"/m,
  'sdks/go/package.json': /^ {2}"version": "([^"]+)"/m,
  'sdks/go/core_version.go': /^const Version = "([^"]+)"/m,
  'sdks/ruby/package.json': /^ {2}"version": "([^"]+)"/m,
  'sdks/ruby/lib/namaskah/version.rb': /^ {2}VERSION = "([^"]+)"/m,
  'sdks/php/package.json': /^ {2}"version": "([^"]+)"/m,
  // composer.json carries no version on purpose: Composer takes it from the VCS tag.
  'sdks/php/src/Client.php': /^ {4}public const VERSION = '([^']+)';/m,
  // the CLI and the MCP server read their version from package.json at run time
  'sdks/cli/package.json': /^ {2}"version": "([^"]+)"/m,
  'sdks/mcp/package.json': /^ {2}"version": "([^"]+)"/m,
};

const check = process.argv.includes('--check');
const stale = [];
for (const [file, pattern] of Object.entries(targets)) {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  const match = pattern.exec(text);
  if (!match) throw new Error(`${file}: no version found (${pattern})`);
  if (match[1] === version) continue;
  stale.push(`${file}: ${match[1]}`);
  if (!check)
    writeFileSync(
      path,
      text.replace(pattern, (line) => line.replace(match[1], version)),
    );
}
if (check && stale.length > 0) {
  console.error(`Versions differ from sdks/VERSION (${version}); run node scripts/stamp-version.mjs:\n  ${stale.join('\n  ')}`);
  process.exit(1);
}
console.log(
  check ? `every SDK is at ${version}` : `stamped ${version}${stale.length ? ` into ${stale.length} files` : ' (nothing to change)'}`,
);
