import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepExpiredVerifications } from '../src/jobs/verification-expiry-sweeper.ts';
import { type ApiResponse, createTestServer, DRIVERS, type TestServer } from './support/test-server.ts';

describe.each(DRIVERS)('verifications (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver);
  });
  afterAll(async () => {
    await server?.close();
  });

  const buy = (token: string, body: object = { service: 'google', country: 'US' }) =>
    server.request('POST', '/v1/verifications', { token, body });

  it('the expiry sweeper expires and refunds overdue verifications once', async () => {
    const user = await server.register();
    await server.fund(user.userId, 500);
    const bought = await buy(user.token);
    await server.database.db
      .updateTable('verifications')
      .set({ expires_at: new Date(Date.now() - 1) })
      .where('id', '=', bought.body.id)
      .execute();
    expect(await sweepExpiredVerifications(server.services.verifications)).toBeGreaterThanOrEqual(1);
    expect(await sweepExpiredVerifications(server.services.verifications)).toBe(0);
    const got = await server.request('GET', `/v1/verifications/${bought.body.id}`, { token: user.token });
    expect(got.body).toMatchObject({ status: 'expired', refunded: true, refund_reason: 'expired' });
    expect((await server.services.wallet.reconcile(user.userId)).balance).toBe(500);
    const late = await server.request('POST', `/v1/verifications/${bought.body.id}/sandbox-sms`, {
      token: user.token,
      body: { text: 'code 1234' },
    });
    expect(late.body.code).toBe('verification_not_pending');
  });

  it('SMS older than the verification are ignored; an SMS without a code leaves it pending', async () => {
    const user = await server.register();
    await server.fund(user.userId, 500);
    const bought = await buy(user.token);
    const row = await server.database.db.selectFrom('verifications').selectAll().where('id', '=', bought.body.id).executeTakeFirstOrThrow();
    await server.services.verifications.receiveSms('simulator', row.provider_ref!, {
      providerMessageId: 'old',
      from: null,
      text: 'code 9999',
      parsedCode: null,
      receivedAt: new Date(row.created_at.getTime() - 60_000),
    });
    await server.services.verifications.receiveSms('simulator', row.provider_ref!, {
      providerMessageId: 'nocode',
      from: null,
      text: 'hello there',
      parsedCode: null,
      receivedAt: new Date(),
    });
    const got = await server.request('GET', `/v1/verifications/${bought.body.id}`, { token: user.token });
    expect(got.body).toMatchObject({ status: 'pending', sms_count: 1, code: null });
    const messages = await server.request('GET', `/v1/verifications/${bought.body.id}/messages`, { token: user.token });
    expect(messages.body.data.map((m: any) => m.text)).toEqual(['hello there']);
  });

  it('report of a pending number without SMS cancels and refunds it; a second report is refused', async () => {
    const user = await server.register();
    await server.fund(user.userId, 500);
    const bought = await buy(user.token);
    const report = await server.request('POST', `/v1/verifications/${bought.body.id}/report`, {
      token: user.token,
      body: { reason: 'no_sms' },
    });
    expect(report.status).toBe(200);
    expect(report.body.outcome).toBe('cancelled');
    expect(report.body.verification.refunded).toBe(true);
    const again = await server.request('POST', `/v1/verifications/${bought.body.id}/report`, {
      token: user.token,
      body: { reason: 'no_sms' },
    });
    expect(again.status).toBe(409);
    expect((await server.services.wallet.reconcile(user.userId)).balance).toBe(500);
  });

  it('report of a cancelled verification is recorded although the provider closed its rental (was a 503)', async () => {
    const user = await server.register();
    await server.fund(user.userId, 500);
    const bought = await buy(user.token);
    const cancelled = await server.request('POST', `/v1/verifications/${bought.body.id}/cancel`, { token: user.token, body: {} });
    expect(cancelled.status).toBe(200);
    const report = await server.request('POST', `/v1/verifications/${bought.body.id}/report`, {
      token: user.token,
      body: { reason: 'other' },
    });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ outcome: 'recorded', verification: { status: 'cancelled', refunded: true } });
    expect((await server.services.wallet.reconcile(user.userId)).balance).toBe(500);
  });

  it('area codes need a tier with the feature, add the surcharge, and the quote is the charge', async () => {
    const user = await server.register();
    await server.fund(user.userId, 5000);
    const refused = await buy(user.token, { service: 'google', country: 'US', area_code: '415' });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('feature_not_available');
    await server.setTier(user.userId, 'tier_pro');
    const quote = await server.request('GET', '/v1/prices/quote?service=google&country=US&area_code=415', { token: user.token });
    expect(quote.body.breakdown.surcharges).toEqual([{ type: 'area_code', amount: { amount: 50, currency: 'USD' } }]);
    expect(quote.body.breakdown.tier_discount_bps).toBe(1000);
    const b = quote.body.breakdown;
    expect(quote.body.price.amount).toBe(b.base_price.amount - b.tier_discount.amount + 50);
    const bought = await buy(user.token, { service: 'google', country: 'US', area_code: '415', max_price: quote.body.price.amount });
    expect(bought.status).toBe(201);
    expect(bought.body.price.amount).toBe(quote.body.price.amount);
    const tooCheap = await buy(user.token, { service: 'google', country: 'US', max_price: 1 });
    expect(tooCheap.status).toBe(422);
    const unavailable = await buy(user.token, { service: 'google', country: 'US', area_code: '999' });
    expect(unavailable.body.code).toBe('area_code_unavailable');
    expect((await server.services.wallet.reconcile(user.userId)).balance).toBe(5000 - quote.body.price.amount);
  });

  it('lists are paginated newest first and filtered', async () => {
    const user = await server.register();
    await server.fund(user.userId, 1000);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await buy(user.token)).body.id);
    const first = await server.request('GET', '/v1/verifications?limit=2', { token: user.token });
    expect(first.body.data.map((v: any) => v.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.has_more).toBe(true);
    const second = await server.request('GET', `/v1/verifications?limit=2&starting_after=${first.body.next_cursor}`, { token: user.token });
    expect(second.body.data.map((v: any) => v.id)).toEqual([ids[0]]);
    expect(second.body.has_more).toBe(false);
    const other = await server.register();
    expect((await server.request('GET', `/v1/verifications/${ids[0]}`, { token: other.token })).status).toBe(404);
  });
});

describe.each(DRIVERS)('provider behaviour (%s)', (driver) => {
  it('a failed purchase is refunded at once and the verification is failed', async () => {
    const server = await createTestServer(driver, { simulator: { failureRate: 1 } });
    try {
      const user = await server.register();
      await server.fund(user.userId, 500);
      const res = await server.request('POST', '/v1/verifications', { token: user.token, body: { service: 'google', country: 'US' } });
      expect([409, 503]).toContain(res.status);
      const list = await server.request('GET', '/v1/verifications', { token: user.token });
      expect(list.body.data[0]).toMatchObject({ status: 'failed', refunded: true, refund_reason: 'failed' });
      expect(await server.services.wallet.reconcile(user.userId)).toMatchObject({ balance: 500, ledgerSum: 500 });
    } finally {
      await server.close();
    }
  });

  it('the simulator delivers its automatic SMS through the sink and the verification completes', async () => {
    const server = await createTestServer(driver, { simulator: { noSmsRate: 0, smsDelayMs: 0 } });
    try {
      const user = await server.register();
      await server.fund(user.userId, 500);
      const res = await server.request('POST', '/v1/verifications', { token: user.token, body: { service: 'google', country: 'US' } });
      let got: ApiResponse | undefined;
      for (let i = 0; i < 50; i++) {
        got = await server.request('GET', `/v1/verifications/${res.body.id}`, { token: user.token });
        if (got.body.status !== 'pending') break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(got!.body.status).toBe('completed');
      expect(got!.body.code).toMatch(/^[0-9A-Za-z]{3,12}$/);
    } finally {
      await server.close();
    }
  });
});
