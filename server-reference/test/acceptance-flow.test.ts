import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, DRIVERS, type TestServer } from './support/test-server.ts';

describe.each(DRIVERS)('acceptance flow (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('register, log in, buy, receive a code by sandbox SMS, buy another, cancel it: refunded once', async () => {
    const registered = await server.register({ email: 'flow@example.com', password: 'a long enough password' });
    const login = await server.request('POST', '/v1/auth/login', {
      body: { email: 'flow@example.com', password: 'a long enough password' },
    });
    expect(login.status).toBe(200);
    expect(login.body.result).toBe('authenticated');
    const token = login.body.tokens.access_token;
    await server.fund(registered.userId, 1000);

    const quote = await server.request('GET', '/v1/prices/quote?service=whatsapp&country=US', { token });
    expect(quote.status).toBe(200);
    const price = quote.body.price.amount;

    const bought = await server.request('POST', '/v1/verifications', {
      token,
      body: { service: 'whatsapp', country: 'US' },
      headers: { 'Idempotency-Key': 'buy-1' },
    });
    expect(bought.status).toBe(201);
    expect(bought.body.status).toBe('pending');
    expect(bought.body.price.amount).toBe(price);
    expect(bought.body.phone_number).toMatch(/^\+/);

    const sms = await server.request('POST', `/v1/verifications/${bought.body.id}/sandbox-sms`, {
      token,
      body: { text: 'Your WhatsApp code is 482-913' },
    });
    expect(sms.status).toBe(201);
    expect(sms.body.message.code).toBe('482913');

    const got = await server.request('GET', `/v1/verifications/${bought.body.id}`, { token });
    expect(got.body.status).toBe('completed');
    expect(got.body.code).toBe('482913');

    const second = await server.request('POST', '/v1/verifications', {
      token,
      body: { service: 'whatsapp', country: 'US' },
      headers: { 'Idempotency-Key': 'buy-2' },
    });
    expect(second.status).toBe(201);
    const afterSecond = await server.request('GET', '/v1/wallet', { token });
    expect(afterSecond.body.balance.amount).toBe(1000 - 2 * price);

    const cancelled = await server.request('POST', `/v1/verifications/${second.body.id}/cancel`, {
      token,
      headers: { 'Idempotency-Key': 'cancel-2' },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', refunded: true, refund_reason: 'cancelled' });

    const again = await server.request('POST', `/v1/verifications/${second.body.id}/cancel`, { token });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('verification_not_cancellable');

    const wallet = await server.request('GET', '/v1/wallet', { token });
    expect(wallet.body.balance.amount).toBe(1000 - price);
    const ledger = await server.request('GET', '/v1/wallet/ledger?limit=100', { token });
    const refunds = ledger.body.data.filter((e: any) => e.type === 'refund');
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ verification_id: second.body.id, amount: { amount: price } });
    const sum = ledger.body.data.reduce((total: number, e: any) => total + e.amount.amount, 0);
    expect(sum).toBe(wallet.body.balance.amount);
  });
});
