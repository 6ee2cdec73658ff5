import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from './support/test-server.ts';

describe('the API reference at /docs', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer('pglite');
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each([
    ['/docs', '/openapi.json'],
    ['/docs/realtime', '/asyncapi.json'],
  ])('GET %s answers 200 HTML that renders %s with the bundle served here, under a CSP', async (path, specUrl) => {
    const res = await server.app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    const html = await res.text();
    expect(html).toContain(`<redoc spec-url="${specUrl}" disable-telemetry="true"></redoc>`);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)/); // no inline script: script-src 'self' would refuse it
    const [, bundle] = /<script type="module" src="([^"]+)"/.exec(html) ?? [];
    expect(bundle).toBe('/docs/redoc.standalone.js');
    expect((await server.app.request(specUrl)).status).toBe(200);
  });

  it('serves the Redoc bundle itself, gzipped when the browser accepts it', async () => {
    const plain = await server.app.request('/docs/redoc.standalone.js');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const body = await plain.arrayBuffer();
    expect(body.byteLength).toBeGreaterThan(100_000);
    const gzipped = await server.app.request('/docs/redoc.standalone.js', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    const bytes = new Uint8Array(await new Response(gzipped.body!.pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
    expect(bytes.byteLength).toBe(body.byteLength);
  });
});
