/**
 * scripts/release.sh --dry-run end to end: every artifact is built from an export of HEAD, every
 * registry's check passes, the tags it prints carry the one version of sdks/VERSION, and without
 * --dry-run it refuses to do anything.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import assert from 'node:assert/strict';

const ROOT = resolve(import.meta.dirname, '../..');
const VERSION = readFileSync(join(ROOT, 'sdks/VERSION'), 'utf8').trim();
const OUT = mkdtempSync(join(tmpdir(), 'namaskah-release-'));

after(() => rmSync(OUT, { recursive: true, force: true }));

test('without --dry-run the release script refuses and does nothing', () => {
  const run = spawnSync('bash', ['scripts/release.sh'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /usage: scripts\/release\.sh --dry-run/);
});

test('the dry run builds and checks every SDK artifact and prints the tags', { timeout: 240_000 }, () => {
  const run = spawnSync('bash', ['scripts/release.sh', '--dry-run'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, RELEASE_OUT: OUT },
    timeout: 230_000,
  });
  const output = `${run.stdout}\n${run.stderr}`;
  assert.equal(run.status, 0, output);
  assert.match(output, new RegExp(`^\\+ @namaskah/sdk@${VERSION}$`, 'm'), 'npm publish --dry-run');
  assert.match(output, new RegExp(`^\\+ @namaskah/cli@${VERSION}$`, 'm'), 'npm publish --dry-run (CLI)');
  assert.match(output, new RegExp(`^\\+ @namaskah/mcp@${VERSION}$`, 'm'), 'npm publish --dry-run (MCP server)');
  assert.match(output, /namaskah-[\d.]+-py3-none-any\.whl:.*PASSED/, 'twine check --strict (wheel)');
  assert.match(output, /namaskah-[\d.]+\.tar\.gz:.*PASSED/, 'twine check --strict (sdist)');
  assert.match(output, new RegExp(`^ {2}File: namaskah-${VERSION}\\.gem$`, 'm'), 'gem build');
  assert.match(output, /composer\.json is valid/, 'composer validate --strict');
  assert.match(output, /^all modules verified$/m, 'go mod verify');
  const tags = output
    .slice(output.indexOf('tags a release would push'))
    .match(/^ {2}\S+$/gm)
    ?.map((line) => line.trim());
  assert.deepEqual(tags, [
    `sdk-js@${VERSION}`,
    `cli@${VERSION}`,
    `mcp@${VERSION}`,
    `sdk-python@${VERSION}`,
    `sdks/go/v${VERSION}`,
    `sdk-ruby@${VERSION}`,
    `sdk-php@${VERSION}`,
  ]);
  for (const artifact of [
    `namaskah-sdk-${VERSION}.tgz`,
    `namaskah-cli-${VERSION}.tgz`,
    `namaskah-mcp-${VERSION}.tgz`,
    `namaskah-${VERSION}-py3-none-any.whl`,
    `namaskah-${VERSION}.tar.gz`,
    `namaskah-${VERSION}.gem`,
  ])
    assert.ok(existsSync(join(OUT, 'artifacts', artifact)), `${artifact} was built`);
  assert.ok(!existsSync(join(OUT, 'tree')), 'the exported tree is removed');
});
