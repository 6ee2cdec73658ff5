import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';

// Rules the spec promises, enforced from the schema itself (so every SDK and tool sees them too).
describe.each(DRIVERS)('validation the schemas carry (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver);
  });
  afterAll(async () => {
    await server?.close();
  });

  const expectField = (res: { status: number; body: any }, field: string, code: string) => {
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ field, code }));
  };

  it('time zones must be zones of the tz database, wherever one is sent; nothing is stored', async () => {
    const user = await server.register();
    expectField(
      await server.request('PATCH', '/v1/me', { token: user.token, body: { timezone: 'Mars/Olympus_Mons' } }),
      '/body/timezone',
      'format',
    );
    expect((await server.request('GET', '/v1/me', { token: user.token })).body.timezone).toBe('UTC');
    expect((await server.request('PATCH', '/v1/me', { token: user.token, body: { timezone: 'Asia/Kolkata' } })).body.timezone).toBe(
      'Asia/Kolkata',
    );
    expectField(
      await server.request('POST', '/v1/auth/register', {
        body: { email: `tz-${randomUUID()}@example.com`, password: 'correct horse battery', name: 'T', timezone: 'Nowhere/Land' },
      }),
      '/body/timezone',
      'format',
    );
    expectField(
      await server.request('GET', '/v1/analytics/timeseries?metric=verifications&timezone=Atlantis/Capital', { token: user.token }),
      '/query/timezone',
      'format',
    );
    expectField(
      await server.request('PATCH', '/v1/notification-preferences/balance.low', {
        token: user.token,
        body: { quiet_hours: { start: '22:00', end: '07:00', timezone: 'Moon/Tranquility' } },
      }),
      '/body/quiet_hours/timezone',
      'format',
    );
  });

  it('API-key scopes: at least one, each at most once', async () => {
    const user = await server.register();
    expectField(
      await server.request('POST', '/v1/api-keys', { token: user.token, body: { name: 'none', scopes: [] } }),
      '/body/scopes',
      'min_length',
    );
    expectField(
      await server.request('POST', '/v1/api-keys', { token: user.token, body: { name: 'twice', scopes: ['wallet:read', 'wallet:read'] } }),
      '/body/scopes',
      'unique',
    );
    expect((await server.request('GET', '/v1/api-keys', { token: user.token })).body.data).toEqual([]);
  });

  it('max_price is bounded: 1e400 (Infinity) and absurd values are refused, nothing is charged', async () => {
    const user = await server.register();
    await server.fund(user.userId, 5_000);
    for (const maxPrice of ['1e400', '100000000000']) {
      const res = await server.request('POST', '/v1/verifications', {
        token: user.token,
        rawBody: `{"service":"whatsapp","country":"US","max_price":${maxPrice}}`,
        headers: { 'Content-Type': 'application/json' },
      });
      expectField(res, '/body/max_price', 'maximum');
    }
    expect((await server.services.wallet.reconcile(user.userId)).balance).toBe(5_000);
  });
});
