import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_SERVER_OPTIONS } from '../../src/platform/http-server-options.ts';
import { createTestServer, type TestServer } from '../support/test-server.ts';

// Schemathesis found it: a query just past the spec's maxLengths, in non-ASCII characters, percent-encodes
// beyond Node's default 16 KiB header limit, and Node answered 431 (listed nowhere, no body) before the
// app could answer the documented 422.
describe('a long request line over a real socket', () => {
  let server: TestServer;
  const listening: Server[] = [];
  const listen = (options: Parameters<typeof serve>[0]) =>
    new Promise<string>((resolve) => {
      const s = serve(options, () => resolve(`http://127.0.0.1:${((s as Server).address() as AddressInfo).port}`)) as Server;
      listening.push(s);
    });
  beforeAll(async () => {
    server = await createTestServer('pglite');
  });
  afterAll(async () => {
    for (const s of listening) {
      s.closeAllConnections();
      await new Promise((resolve) => s.close(resolve));
    }
    await server?.close();
  });

  const query = new URLSearchParams({
    response_type: 'code',
    client_id: 'oac_namaskahmobile',
    redirect_uri: `https://app.namaskah.dev/${'é'.repeat(1990)}`,
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
    state: 'xyz',
    scope: '𡄤'.repeat(1001),
  });

  it("is past Node's default limit (431 without the platform's options)", async () => {
    const base = await listen({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' });
    const res = await fetch(`${base}/v1/oauth/authorize?${query}`);
    expect(res.status).toBe(431);
  });

  it("reaches validation with the platform's options and gets the documented 422 with field pointers", async () => {
    const base = await listen({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1', serverOptions: HTTP_SERVER_OPTIONS });
    const user = await server.register();
    const res = await fetch(`${base}/v1/oauth/authorize?${query}`, { headers: { Authorization: `Bearer ${user.token}` } });
    expect(res.status).toBe(422);
    const problem = await res.json();
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['/query/scope', '/query/redirect_uri']));
  });
});
