import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';
import { insertVerification } from '../admin/staff-accounts.ts';

/** One test per user-scoped resource: another account's data is never readable. */
describe.each(DRIVERS)("no account reads another account's data (%s)", (driver) => {
  let server: TestServer;
  let alice: Awaited<ReturnType<TestServer['register']>>;
  let bob: Awaited<ReturnType<TestServer['register']>>;
  let aliceVerification: string;
  beforeAll(async () => {
    server = await createTestServer(driver);
    alice = await server.register();
    bob = await server.register();
    await server.fund(alice.userId, 3000);
    aliceVerification = await insertVerification(server, alice.userId, { createdAt: new Date(Date.now() - 3_600_000), price: 777 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('verifications', async () => {
    expect((await server.request('GET', `/v1/verifications/${aliceVerification}`, { token: bob.token })).status).toBe(404);
    const list = await server.request('GET', '/v1/verifications', { token: bob.token });
    expect(list.body.data).toEqual([]);
  });

  it('ledger', async () => {
    const ledger = await server.request('GET', '/v1/wallet/ledger', { token: bob.token });
    expect(ledger.body.data).toEqual([]);
    expect((await server.request('GET', '/v1/wallet', { token: bob.token })).body.balance.amount).toBe(0);
  });

  it('top-ups', async () => {
    const topUp = await server.request('POST', '/v1/wallet/top-ups', { token: alice.token, body: { amount: 1500 } });
    expect((await server.request('GET', `/v1/wallet/top-ups/${topUp.body.id}`, { token: bob.token })).status).toBe(404);
    expect((await server.request('GET', '/v1/wallet/top-ups', { token: bob.token })).body.data).toEqual([]);
  });

  it('analytics', async () => {
    const mine = await server.request('GET', '/v1/analytics/summary', { token: bob.token });
    expect(mine.body.current.verifications_total).toBe(0);
    const breakdown = await server.request('GET', '/v1/analytics/breakdown?dimension=service', { token: bob.token });
    expect(breakdown.body.rows).toEqual([]);
    const csv = await server.request('GET', '/v1/analytics/export?format=csv&report=verifications', { token: bob.token });
    expect(csv.text).not.toContain(aliceVerification);
    expect((await server.request('GET', '/v1/analytics/summary?scope=platform', { token: bob.token })).status).toBe(403);
  });

  it('API keys', async () => {
    const key = await server.request('POST', '/v1/api-keys', { token: alice.token, body: { name: 'alice', scopes: ['wallet:read'] } });
    expect((await server.request('GET', `/v1/api-keys/${key.body.id}`, { token: bob.token })).status).toBe(404);
  });
});
