import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequestLogOf } from '../../src/analytics/index.ts';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';

// GET /v1/request-logs: the caller's own API requests, newest first or after a sequence.
describe.each(DRIVERS)('the request log (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver);
  });
  afterAll(async () => {
    await server?.close();
  });

  const flush = () => apiRequestLogOf(server.services.db).flush();
  const logs = async (token: string, query = '') => {
    await flush();
    const response = await server.request('GET', `/v1/request-logs${query}`, { token });
    expect(response.status, response.text).toBe(200);
    return response.body as { data: any[]; has_more: boolean; next_cursor: string | null };
  };

  it('lists what the caller did, newest first: path, operation, status, request id, key and problem code', async () => {
    const user = await server.register();
    const key = await server.request('POST', '/v1/api-keys', {
      token: user.token,
      body: { name: 'ci', scopes: ['verifications:write', 'wallet:read', 'analytics:read'] },
    });
    expect(key.status).toBe(201);
    const wallet = await server.request('GET', '/v1/wallet', { token: key.body.secret });
    const broke = await server.request('POST', '/v1/verifications', {
      token: key.body.secret,
      body: { service: 'telegram', country: 'US' },
    });
    expect(broke.status).toBe(402);
    const missing = await server.request('GET', '/v1/verifications/ver_0000000000000000000000000A', { token: user.token });
    expect(missing.status).toBe(404);

    const { data } = await logs(key.body.secret);
    expect(data.slice(0, 4).map((e) => [e.method, e.path, e.operation_id, e.status, e.error_code])).toEqual([
      ['GET', '/v1/verifications/ver_0000000000000000000000000A', 'getVerification', 404, 'not_found'],
      ['POST', '/v1/verifications', 'createVerification', 402, 'insufficient_balance'],
      ['GET', '/v1/wallet', 'getWallet', 200, null],
      ['POST', '/v1/api-keys', 'createApiKey', 201, null],
    ]);
    expect(data[1]).toMatchObject({ api_key_id: key.body.id, request_id: broke.headers.get('request-id') });
    expect(data[2]).toMatchObject({ api_key_id: key.body.id, request_id: wallet.headers.get('request-id') });
    expect(data[0].api_key_id).toBeNull();
    expect(data[0].sequence).toBeGreaterThan(data[1].sequence);
    // the listing's own calls are not listed (a follower would fill the log with them)
    expect(data.some((e) => e.operation_id === 'listRequestLogs')).toBe(false);
  });

  it('filters by outcome, method and key; follows the log after a sequence; pages by cursor', async () => {
    const user = await server.register();
    for (let i = 0; i < 3; i++) await server.request('GET', '/v1/wallet', { token: user.token });
    await server.request('POST', '/v1/verifications', { token: user.token, body: { service: 'telegram', country: 'US' } });

    const failed = await logs(user.token, '?outcome=failed');
    expect(failed.data.map((e) => e.status)).toEqual([402]);
    expect((await logs(user.token, '?outcome=succeeded&method=GET')).data.every((e) => e.method === 'GET' && e.status < 400)).toBe(true);
    expect((await logs(user.token, '?api_key_id=key_0000000000000000000000000A')).data).toEqual([]);

    const last = failed.data[0].sequence as number;
    expect((await logs(user.token, `?after_sequence=${last}`)).data).toEqual([]);
    await server.request('GET', '/v1/me', { token: user.token });
    await server.request('GET', '/v1/wallet', { token: user.token });
    const newer = await logs(user.token, `?after_sequence=${last}`);
    expect(newer.data.map((e) => e.operation_id)).toEqual(['getMe', 'getWallet']);

    const first = await logs(user.token, '?limit=2');
    expect(first.has_more).toBe(true);
    const second = await logs(user.token, `?limit=2&starting_after=${first.next_cursor}`);
    expect(second.data[0].sequence).toBeLessThan(first.data[1].sequence);
    const bad = await server.request('GET', '/v1/request-logs?starting_after=nonsense', { token: user.token });
    expect([bad.status, bad.body.code]).toEqual([422, 'validation_failed']);
  });

  it("never shows another account's requests, and a key without analytics:read is refused", async () => {
    const [a, b] = [await server.register(), await server.register()];
    await server.request('GET', '/v1/wallet', { token: a.token });
    expect((await logs(b.token)).data.some((e) => e.operation_id === 'getWallet')).toBe(false);
    const key = await server.request('POST', '/v1/api-keys', { token: a.token, body: { name: 'narrow', scopes: ['wallet:read'] } });
    const refused = await server.request('GET', '/v1/request-logs', { token: key.body.secret });
    expect([refused.status, refused.body.code]).toEqual([403, 'insufficient_scope']);
  });
});
