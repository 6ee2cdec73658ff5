import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { serveDashboard } from '../serve-dashboard.ts';

// A throwaway dist and a stand-in server: an API route and the server's own 404, like app.ts has.
let dist: string;
let app: Hono;

before(async () => {
  dist = await mkdtemp(join(tmpdir(), 'dashboard-dist-'));
  await mkdir(join(dist, 'assets'));
  await writeFile(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(join(dist, 'assets', 'app-abc123.js'), 'console.log("app")');
  await writeFile(join(dist, 'assets', 'app-abc123.js.gz'), gzipSync('console.log("app")'));
  await writeFile(join(dist, 'robots.txt'), 'User-agent: *');
  app = new Hono();
  app.get('/v1/health', (c) => c.json({ status: 'ok' }));
  app.get('/sandbox/checkout/:id', (c) => c.text(`checkout ${c.req.param('id')}`));
  app.route('/', serveDashboard({ distDir: dist }));
  app.notFound((c) => c.json({ code: 'not_found' }, 404));
});
after(() => rm(dist, { recursive: true, force: true }));

describe('serveDashboard', () => {
  test('serves index.html at / with no-cache and a CSP', async () => {
    const res = await app.request('/');
    assert.equal(res.status, 200);
    assert.match(await res.text(), /id="root"/);
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  });

  test('answers client routes with index.html so deep links and reloads work', async () => {
    for (const path of ['/wallet', '/notifications/preferences', '/admin']) {
      const res = await app.request(path);
      assert.equal(res.status, 200, path);
      assert.match(await res.text(), /id="root"/);
    }
  });

  test('serves hashed assets with a one-year immutable cache, precompressed when accepted', async () => {
    const plain = await app.request('/assets/app-abc123.js');
    assert.equal(plain.status, 200);
    assert.equal(plain.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(await plain.text(), 'console.log("app")');
    const gzipped = await app.request('/assets/app-abc123.js', { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(gzipped.headers.get('content-encoding'), 'gzip');
  });

  test('a missing asset is a 404, not index.html', async () => {
    const res = await app.request('/assets/missing-000.js');
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), { code: 'not_found' });
  });

  test('never shadows the API or the sandbox checkout, matched or not', async () => {
    assert.deepEqual(await (await app.request('/v1/health')).json(), { status: 'ok' });
    const unknownApi = await app.request('/v1/no-such-route');
    assert.equal(unknownApi.status, 404);
    assert.deepEqual(await unknownApi.json(), { code: 'not_found' });
    assert.equal(await (await app.request('/sandbox/checkout/cs_1')).text(), 'checkout cs_1');
    assert.equal((await app.request('/sandbox/other')).status, 404);
  });

  test('other methods fall through to the server', async () => {
    const res = await app.request('/wallet', { method: 'POST' });
    assert.equal(res.status, 404);
  });

  test('other files from dist are served with a short cache', async () => {
    const res = await app.request('/robots.txt');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=3600');
  });

  test('refuses to start without a build', () => {
    assert.throws(() => serveDashboard({ distDir: join(dist, 'nope') }), /run `pnpm --filter @namaskah\/web build`/);
  });
});
