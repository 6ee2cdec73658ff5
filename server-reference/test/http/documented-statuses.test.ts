import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';

// Every answer below must be one the operation lists: the test server fails any response off the contract.
describe.each(DRIVERS)('statuses the contract lists (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a path id that fails its pattern names nothing: 404 not_found, not 422', async () => {
    const user = await server.register();
    for (const [method, path] of [
      ['GET', '/v1/verifications/not-an-id'],
      ['GET', '/v1/verifications/ver_%00'],
      ['POST', '/v1/verifications/ver_bad-id/cancel'],
      ['GET', '/v1/webhook-endpoints/whk_%C3%A9'],
      ['DELETE', '/v1/webhook-endpoints/nope'],
      ['GET', '/v1/events/evt_!'],
      ['GET', '/v1/notification-preferences/no.such.type'],
      ['PATCH', '/v1/notification-preferences/no.such.type'],
    ] as const) {
      const res = await server.request(method, path, {
        token: user.token,
        ...(method === 'PATCH' || method === 'POST' ? { body: {} } : {}),
      });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.code).toBe('not_found');
    }
  });

  it('an Idempotency-Key reused on another body-less POST is 422 idempotency_key_reused, as listed', async () => {
    const user = await server.register();
    const key = randomUUID();
    const first = await server.request('POST', '/v1/security/totp/enrol', { token: user.token, headers: { 'Idempotency-Key': key } });
    expect(first.status).toBe(200);
    for (const path of ['/v1/security/recovery-codes', '/v1/auth/logout']) {
      const reused = await server.request('POST', path, { token: user.token, headers: { 'Idempotency-Key': key } });
      expect(reused.status, path).toBe(422);
      expect(reused.body.code).toBe('idempotency_key_reused');
    }
    // the session still works: the refused logout changed nothing
    expect((await server.request('GET', '/v1/me', { token: user.token })).status).toBe(200);
  });

  it('buying a service that is not offered in the country is a listed 404', async () => {
    const user = await server.register();
    await server.fund(user.userId, 10_000);
    const res = await server.request('POST', '/v1/verifications', { token: user.token, body: { service: 'whatsapp', country: 'JP' } });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
    expect((await server.services.wallet.reconcile(user.userId)).balance).toBe(10_000);
  });

  it('a wrong current password is 422 with a field error, not 401 (the caller is signed in)', async () => {
    const user = await server.register();
    const res = await server.request('POST', '/v1/me/password', {
      token: user.token,
      body: { current_password: 'not the password at all', new_password: 'tangerine-lighthouse-orbit-42' },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: '/body/current_password', code: 'invalid' })]);
    expect((await server.request('GET', '/v1/me', { token: user.token })).status).toBe(200);
  });
});
