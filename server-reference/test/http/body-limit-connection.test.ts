import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../support/test-server.ts';

// A 413 is answered before the body is read; a connection the client still thinks reusable would then be
// dropped under its next request. Node's fetch (undici) pools connections, so it is the client to test with.
describe('an early 413 over a real socket', () => {
  let server: TestServer;
  let http: Server;
  let base: string;
  beforeAll(async () => {
    server = await createTestServer('pglite', { config: { bodyLimitBytes: 2048 } });
    http = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server)) as Server;
    });
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    http?.closeAllConnections();
    await new Promise((resolve) => http?.close(resolve));
    await server?.close();
  });

  it('closes the connection, so the next request of a pooling client succeeds', async () => {
    const user = await server.register();
    const big = await fetch(`${base}/v1/verifications`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${user.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ service: 'x'.repeat(200_000), country: 'US' }),
    });
    expect(big.status).toBe(413);
    expect(big.headers.get('connection')).toBe('close');
    expect((await big.json()).code).toBe('payload_too_large');
    for (let i = 0; i < 3; i++) {
      const next = await fetch(`${base}/v1/me`, { headers: { Authorization: `Bearer ${user.token}` } });
      expect(next.status).toBe(200);
      await next.arrayBuffer();
    }
  });
});
