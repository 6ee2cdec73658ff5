import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, DRIVERS, type TestServer } from './support/test-server.ts';

// POST /v1/verifications/{id}/sandbox-sms: accepted while the number is held (pending, or completed and not
// past expires_at), and an SMS without `from` is recorded from `Simulator`, as the spec says.
describe.each(DRIVERS)('sandbox SMS (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a completed verification that still holds its number takes more SMS, each announced as sms.received', async () => {
    const user = await server.register();
    await server.fund(user.userId, 1_000);
    const bought = await server.request('POST', '/v1/verifications', { token: user.token, body: { service: 'telegram', country: 'US' } });
    const path = `/v1/verifications/${bought.body.id}/sandbox-sms`;
    const first = await server.request('POST', path, { token: user.token, body: { text: 'Your code is 123-456' } });
    expect(first.status).toBe(201);
    expect(first.body.verification.status).toBe('completed');
    expect(first.body.message.from).toBe('Simulator');

    const second = await server.request('POST', path, { token: user.token, body: { text: 'Your new code is 654-321', from: 'Telegram' } });
    expect(second.status).toBe(201);
    expect(second.body.message.from).toBe('Telegram');
    expect(second.body.verification).toMatchObject({ status: 'completed', code: '123456', sms_count: 2 });
    const events = await server.request('GET', '/v1/events?type=sms.received', { token: user.token });
    expect(events.body.data.filter((e: any) => e.data.verification_id === bought.body.id)).toHaveLength(2);

    await server.database.db
      .updateTable('verifications')
      .set({ expires_at: new Date(Date.now() - 1) })
      .where('id', '=', bought.body.id)
      .execute();
    const late = await server.request('POST', path, { token: user.token, body: { text: 'too late 111111' } });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('verification_not_pending');
  });
});

// Found by Schemathesis's stateful phase: a report, then a sandbox SMS whose text and sender hold non-BMP
// characters, answered 500.
describe.each(DRIVERS)('sandbox SMS after a report (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver);
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each(['other', 'wrong_code', 'no_sms'])('reported %s, then an SMS with astral characters: never a 500', async (reason) => {
    const user = await server.register();
    await server.fund(user.userId, 1_000);
    const bought = await server.request('POST', '/v1/verifications', { token: user.token, body: { service: 'telegram', country: 'US' } });
    const report = await server.request('POST', `/v1/verifications/${bought.body.id}/report`, { token: user.token, body: { reason } });
    expect(report.status).toBeLessThan(500);
    const sms = await server.request('POST', `/v1/verifications/${bought.body.id}/sandbox-sms`, {
      token: user.token,
      body: { from: '\u00bc\u00aa', text: '\u00fa\uda97\udd9a\ud9c9\udf52' },
    });
    expect(sms.status, JSON.stringify(sms.body)).toBeLessThan(500);
  });

  it('a completed verification, reported: its number is released, so a sandbox SMS is a 409, not a 500', async () => {
    const user = await server.register();
    await server.fund(user.userId, 1_000);
    const bought = await server.request('POST', '/v1/verifications', { token: user.token, body: { service: 'telegram', country: 'US' } });
    const path = `/v1/verifications/${bought.body.id}/sandbox-sms`;
    expect((await server.request('POST', path, { token: user.token, body: { text: 'Your code is 123456' } })).status).toBe(201);
    const report = await server.request('POST', `/v1/verifications/${bought.body.id}/report`, {
      token: user.token,
      body: { reason: 'other' },
    });
    expect(report.body).toMatchObject({ outcome: 'recorded', verification: { status: 'completed' } });
    const sms = await server.request('POST', path, {
      token: user.token,
      body: { from: '\u00bc\u00aa', text: '\u00fa\uda97\udd9a\ud9c9\udf52' },
    });
    expect(sms.status, JSON.stringify(sms.body)).toBe(409);
    expect(sms.body.code).toBe('verification_not_pending');
    const messages = await server.request('GET', `/v1/verifications/${bought.body.id}/messages`, { token: user.token });
    expect(messages.body.data).toHaveLength(1);
  });
});
