/**
 * The JavaScript a first visit downloads before anything paints (the module scripts and modulepreloads
 * `dist/index.html` names; lazy pages such as analytics and admin are fetched later) stays under 120 KB
 * gzipped, as the dashboard issue asks. Needs `pnpm run build` first (the package's `test` script does it).
 */
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const BUDGET_BYTES = 120 * 1024;

test('first-load JavaScript is under 120 KB gzipped', async () => {
  const html = await readFile(`${DIST}index.html`, 'utf8');
  const scripts = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/([^"]+\.js)"/g)].map(
    (match) => match[1]!,
  );
  assert.ok(scripts.length > 0, 'index.html loads a script');
  let total = 0;
  for (const script of scripts) total += (await stat(`${DIST}${script}.gz`)).size;
  assert.ok(
    total < BUDGET_BYTES,
    `first load ships ${(total / 1024).toFixed(1)} KB of gzipped JavaScript (${scripts.join(', ')}); the budget is 120 KB`,
  );
});
