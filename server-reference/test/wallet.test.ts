import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPaymentPayload } from '../src/domain/payments/payment-signature.ts';
import { createTestServer, DRIVERS, type TestServer } from './support/test-server.ts';

describe.each(DRIVERS)('wallet and top-ups (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver);
  });
  afterAll(async () => {
    await server?.close();
  });

  const callback = (body: object, secret = server.services.config.paymentWebhookSecret) => {
    const raw = JSON.stringify(body);
    return server.request('POST', '/v1/wallet/payment-callbacks/sandbox', {
      rawBody: raw,
      headers: { 'Content-Type': 'application/json', 'Payment-Signature': signPaymentPayload(secret, raw) },
    });
  };

  it('a signed callback credits a top-up exactly once, however often and concurrently it is delivered', async () => {
    const user = await server.register();
    const topUp = await server.request('POST', '/v1/wallet/top-ups', { token: user.token, body: { amount: 1500 } });
    expect(topUp.status).toBe(201);
    expect(topUp.body.status).toBe('pending');
    const pending = await server.request('GET', '/v1/wallet', { token: user.token });
    expect(pending.body.pending_top_ups).toMatchObject({ count: 1, amount: { amount: 1500 } });

    const event = { event_id: 'evt_sbx_1', reference: topUp.body.id, status: 'succeeded', amount: { amount: 1500, currency: 'USD' } };
    const deliveries = await Promise.all([
      callback(event),
      callback(event),
      callback(event),
      callback({ ...event, event_id: 'evt_sbx_2' }),
    ]);
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200, 200]);
    const wallet = await server.request('GET', '/v1/wallet', { token: user.token });
    expect(wallet.body.balance.amount).toBe(1500);
    const got = await server.request('GET', `/v1/wallet/top-ups/${topUp.body.id}`, { token: user.token });
    expect(got.body.status).toBe('succeeded');
    expect(got.body.ledger_entry_id).toMatch(/^txn_/);
    const ledger = await server.request('GET', '/v1/wallet/ledger?type=top_up', { token: user.token });
    expect(ledger.body.data).toHaveLength(1);
  });

  it('a bad signature or a wrong amount changes nothing', async () => {
    const user = await server.register();
    const topUp = await server.request('POST', '/v1/wallet/top-ups', { token: user.token, body: { amount: 700 } });
    const event = { event_id: 'evt_sbx_bad', reference: topUp.body.id, status: 'succeeded', amount: { amount: 700, currency: 'USD' } };
    const forged = await callback(event, 'not-the-secret');
    expect(forged.status).toBe(400);
    expect(forged.body.code).toBe('invalid_signature');
    const wrongAmount = await callback({ ...event, event_id: 'evt_sbx_amount', amount: { amount: 70000, currency: 'USD' } });
    expect(wrongAmount.status).toBe(422);
    expect((await server.request('GET', '/v1/wallet', { token: user.token })).body.balance.amount).toBe(0);
    const tooSmall = await server.request('POST', '/v1/wallet/top-ups', { token: user.token, body: { amount: 1 } });
    expect(tooSmall.status).toBe(422);
  });

  it('the sandbox checkout pays through the real signed callback', async () => {
    const user = await server.register();
    const topUp = await server.request('POST', '/v1/wallet/top-ups', { token: user.token, body: { amount: 2000 } });
    const paid = await server.app.request(`/sandbox/checkout/${topUp.body.id}?outcome=succeeded`, { method: 'POST' });
    expect(paid.status).toBe(200);
    expect((await server.request('GET', '/v1/wallet', { token: user.token })).body.balance.amount).toBe(2000);
  });
});
