import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, DRIVERS, type TestServer } from './support/test-server.ts';

// POST /v1/verifications/{id}/another-code: more than one code on the same held number.
describe.each(DRIVERS)('another code on the same number (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver);
  });
  afterAll(async () => {
    await server?.close();
  });

  const buy = async () => {
    const user = await server.register();
    await server.fund(user.userId, 1_000);
    const bought = await server.request('POST', '/v1/verifications', { token: user.token, body: { service: 'telegram', country: 'US' } });
    expect(bought.status).toBe(201);
    const sms = (text: string) =>
      server.request('POST', `/v1/verifications/${bought.body.id}/sandbox-sms`, { token: user.token, body: { text } });
    const another = () => server.request('POST', `/v1/verifications/${bought.body.id}/another-code`, { token: user.token });
    const get = async () => (await server.request('GET', `/v1/verifications/${bought.body.id}`, { token: user.token })).body;
    return { user, id: bought.body.id as string, sms, another, get };
  };

  it('the code asked for replaces code; every SMS is kept in order and announced; nothing is charged', async () => {
    const { user, id, sms, another, get } = await buy();
    expect((await sms('Your code is 123-456')).status).toBe(201);
    const balance = (await server.request('GET', '/v1/wallet', { token: user.token })).body.balance.amount;

    const asked = await another();
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ id, status: 'completed', code: '123456' });
    // asking again before it arrives changes nothing
    expect((await another()).body).toMatchObject({ status: 'completed', code: '123456' });

    expect((await sms('Your new code is 654-321')).status).toBe(201);
    expect(await get()).toMatchObject({ status: 'completed', code: '654321', sms_count: 2 });
    // a later SMS without a request is kept and announced, and leaves code as it is
    expect((await sms('Code 777-888 (unasked)')).status).toBe(201);
    expect(await get()).toMatchObject({ code: '654321', sms_count: 3 });
    // and asking again takes the next one
    expect((await another()).status).toBe(200);
    expect((await sms('Third code 901-234')).status).toBe(201);
    expect(await get()).toMatchObject({ code: '901234', sms_count: 4 });

    const messages = await server.request('GET', `/v1/verifications/${id}/messages`, { token: user.token });
    expect(messages.body.data.map((m: any) => m.code)).toEqual(['123456', '654321', '777888', '901234']);
    const events = await server.request('GET', '/v1/events?type=sms.received', { token: user.token });
    expect(events.body.data.filter((e: any) => e.data.verification_id === id)).toHaveLength(4);
    expect((await server.request('GET', '/v1/wallet', { token: user.token })).body.balance.amount).toBe(balance);
    const ledger = await server.request('GET', '/v1/wallet/ledger', { token: user.token });
    expect(ledger.body.data.filter((e: any) => e.verification_id === id)).toHaveLength(1);
  });

  it('refused while pending and once the number is released (past expires_at, cancelled, reported)', async () => {
    const pending = await buy();
    const early = await pending.another();
    expect([early.status, early.body.code]).toEqual([409, 'another_code_unavailable']);
    expect(early.body.detail).toMatch(/first code/);

    const lapsed = await buy();
    await lapsed.sms('Your code is 222-333');
    await server.database.db
      .updateTable('verifications')
      .set({ expires_at: new Date(Date.now() - 1) })
      .where('id', '=', lapsed.id)
      .execute();
    const late = await lapsed.another();
    expect([late.status, late.body.code]).toEqual([409, 'another_code_unavailable']);
    expect(late.body.detail).toMatch(/expires_at/);

    const cancelled = await buy();
    await server.database.db.updateTable('verifications').set({ status: 'cancelled' }).where('id', '=', cancelled.id).execute();
    expect((await cancelled.another()).body.code).toBe('another_code_unavailable');

    const reported = await buy();
    await reported.sms('Your code is 444-555');
    const report = await server.request('POST', `/v1/verifications/${reported.id}/report`, {
      token: reported.user.token,
      body: { reason: 'wrong_code' },
    });
    expect(report.status).toBe(200);
    expect((await reported.another()).body.detail).toMatch(/reported/);

    const other = await server.register();
    const foreign = await server.request('POST', `/v1/verifications/${reported.id}/another-code`, { token: other.token });
    expect(foreign.status).toBe(404);
  });
});

describe.each(DRIVERS)('the simulator sends another code when asked (%s)', (driver) => {
  it('a fresh automatic SMS follows the request', async () => {
    const server = await createTestServer(driver, { simulator: { noSmsRate: 0, smsDelayMs: 20 } });
    try {
      const user = await server.register();
      await server.fund(user.userId, 1_000);
      const bought = await server.request('POST', '/v1/verifications', { token: user.token, body: { service: 'google', country: 'US' } });
      const get = async () => (await server.request('GET', `/v1/verifications/${bought.body.id}`, { token: user.token })).body;
      const waitFor = async (count: number) => {
        for (let i = 0; i < 100 && (await get()).sms_count < count; i++) await new Promise((r) => setTimeout(r, 20));
        return get();
      };
      const first = await waitFor(1);
      expect(first).toMatchObject({ status: 'completed', sms_count: 1 });
      expect((await server.request('POST', `/v1/verifications/${bought.body.id}/another-code`, { token: user.token })).status).toBe(200);
      const second = await waitFor(2);
      expect(second.sms_count).toBe(2);
      const messages = await server.request('GET', `/v1/verifications/${bought.body.id}/messages`, { token: user.token });
      expect(second.code).toBe(messages.body.data[1].code);
    } finally {
      await server.close();
    }
  });
});
