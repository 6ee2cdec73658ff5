/**
 * The documentation holds together: every internal link in README.md, CONTRIBUTING.md and docs/*.md
 * reaches a file of the repository and, when it names an #anchor, a heading of that file; and
 * docs/troubleshooting.md is what scripts/gen-troubleshooting.mjs makes of the current contract, and
 * docs/configuration.md what scripts/gen-configuration.mjs makes of the server's settings table.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headingAnchors, internalLinks } from './markdown-links.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const pages = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .map((file) => join('docs', file)),
];

test('every internal link of the docs resolves to a file and, with an #anchor, to a heading', () => {
  const broken: string[] = [];
  let checked = 0;
  for (const page of pages) {
    const file = join(ROOT, page);
    for (const link of internalLinks(readFileSync(file, 'utf8'))) {
      checked++;
      const target = link.path === '' ? file : resolve(dirname(file), link.path);
      const where = `${page}:${link.line}: ${link.path}${link.anchor === null ? '' : `#${link.anchor}`}`;
      if (!target.startsWith(ROOT) || !existsSync(target)) broken.push(`${where} (no such file)`);
      else if (link.anchor !== null && statSync(target).isFile() && target.endsWith('.md') && !headingAnchors(target).has(link.anchor))
        broken.push(`${where} (no such heading in ${relative(ROOT, target)})`);
    }
  }
  assert.deepEqual(broken, []);
  assert.ok(checked > 50, `only ${checked} links found: is the link parser still reading the pages?`);
});

test('docs/troubleshooting.md is current with the problem-code catalogue', () => {
  const run = spawnSync(process.execPath, ['scripts/gen-troubleshooting.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
});

test("docs/configuration.md is current with the server's settings table", () => {
  const run = spawnSync(process.execPath, ['scripts/gen-configuration.mjs', '--check'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
});
