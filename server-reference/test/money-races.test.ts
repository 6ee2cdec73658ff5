import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepExpiredVerifications } from '../src/jobs/verification-expiry-sweeper.ts';
import { createTestServer, DRIVERS, type TestServer } from './support/test-server.ts';

describe.each(DRIVERS)('money under races (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver);
  });
  afterAll(async () => {
    await server?.close();
  });

  const priceOf = async (token: string) =>
    (await server.request('GET', '/v1/prices/quote?service=telegram&country=US', { token })).body.price.amount as number;

  it('200 concurrent purchases against a balance that pays for 50: exactly 50 succeed, the ledger sums', async () => {
    const user = await server.register();
    // enterprise: a budget of 3000 requests a minute, so the rate limiter stays out of this race
    await server.setTier(user.userId, 'tier_enterprise');
    const price = await priceOf(user.token);
    await server.fund(user.userId, price * 50);
    const results = await Promise.all(
      Array.from({ length: 200 }, () =>
        server.request('POST', '/v1/verifications', { token: user.token, body: { service: 'telegram', country: 'US' } }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(50);
    expect(statuses.filter((s) => s === 402)).toHaveLength(150);
    expect(results.filter((r) => r.status === 402).every((r) => r.body.code === 'insufficient_balance')).toBe(true);
    const reconciled = await server.services.wallet.reconcile(user.userId);
    expect(reconciled.balance).toBe(0);
    expect(reconciled.ledgerSum).toBe(reconciled.balance);
    expect(reconciled.entries).toBe(51); // the funding + 50 purchases
  });

  it('50 verifications each hit by cancel, the expiry sweeper and a late SMS at once: refunded at most once, never when completed', async () => {
    const user = await server.register();
    const price = await priceOf(user.token);
    await server.fund(user.userId, price * 50);
    const bought = await Promise.all(
      Array.from({ length: 50 }, () =>
        server.request('POST', '/v1/verifications', { token: user.token, body: { service: 'telegram', country: 'US' } }),
      ),
    );
    expect(bought.every((r) => r.status === 201)).toBe(true);
    const ids = bought.map((r) => r.body.id as string);
    // make them all overdue, so the sweeper competes for every one
    await server.database.db
      .updateTable('verifications')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', 'in', ids)
      .execute();
    const refs = await server.database.db.selectFrom('verifications').select(['id', 'provider_ref']).where('id', 'in', ids).execute();
    const sms = refs.map((r) =>
      server.services.verifications.receiveSms('simulator', r.provider_ref!, {
        providerMessageId: `late-${r.id}`,
        from: 'Telegram',
        text: 'Telegram code 55123',
        parsedCode: null,
        receivedAt: new Date(),
      }),
    );
    const cancels = ids.map((id) => server.request('POST', `/v1/verifications/${id}/cancel`, { token: user.token }));
    await Promise.all([
      ...cancels,
      ...sms,
      sweepExpiredVerifications(server.services.verifications),
      sweepExpiredVerifications(server.services.verifications),
    ]);

    const rows = await server.database.db.selectFrom('verifications').selectAll().where('id', 'in', ids).execute();
    const refunds = await server.database.db
      .selectFrom('ledger_entries')
      .select(['verification_id'])
      .where('kind', '=', 'refund')
      .where('verification_id', 'in', ids)
      .execute();
    const refundsById = new Map<string, number>();
    for (const r of refunds) refundsById.set(r.verification_id!, (refundsById.get(r.verification_id!) ?? 0) + 1);
    for (const row of rows) {
      expect(row.status).not.toBe('pending');
      const count = refundsById.get(row.id) ?? 0;
      if (row.status === 'completed') {
        expect(count).toBe(0);
        expect(row.refunded).toBe(false);
      } else {
        expect(count).toBe(1);
        expect(row.refunded).toBe(true);
      }
    }
    const completed = rows.filter((r) => r.status === 'completed').length;
    const reconciled = await server.services.wallet.reconcile(user.userId);
    expect(reconciled.balance).toBe(price * (50 - completed));
    expect(reconciled.ledgerSum).toBe(reconciled.balance);
  });

  it('20 concurrent requests with one Idempotency-Key: one charge, 20 identical responses', async () => {
    const user = await server.register();
    const price = await priceOf(user.token);
    await server.fund(user.userId, price * 10);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        server.request('POST', '/v1/verifications', {
          token: user.token,
          body: { service: 'telegram', country: 'US' },
          headers: { 'Idempotency-Key': 'same-key-20' },
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(results.map((r) => r.text)).size).toBe(1);
    expect(results.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(19);
    const reconciled = await server.services.wallet.reconcile(user.userId);
    expect(reconciled.balance).toBe(price * 9);
    expect(reconciled.entries).toBe(2);

    const reused = await server.request('POST', '/v1/verifications', {
      token: user.token,
      body: { service: 'telegram', country: 'GB' },
      headers: { 'Idempotency-Key': 'same-key-20' },
    });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('idempotency_key_reused');
    expect((await server.services.wallet.reconcile(user.userId)).balance).toBe(price * 9);
  });

  it('the database refuses a second refund and a negative balance even if code tried', async () => {
    const user = await server.register();
    const price = await priceOf(user.token);
    await server.fund(user.userId, price);
    const bought = await server.request('POST', '/v1/verifications', { token: user.token, body: { service: 'telegram', country: 'US' } });
    await server.request('POST', `/v1/verifications/${bought.body.id}/cancel`, { token: user.token });
    const db = server.database.db;
    const entry = { user_id: user.userId, currency: 'USD', verification_id: bought.body.id as string, top_up_id: null };
    await expect(
      db
        .insertInto('ledger_entries')
        .values({ ...entry, id: 'txn_dup', kind: 'refund', amount_cents: price, balance_after_cents: price * 2, reason: 'cancelled' })
        .execute(),
    ).rejects.toThrow();
    await expect(db.updateTable('wallets').set({ balance_cents: -1 }).where('user_id', '=', user.userId).execute()).rejects.toThrow();
  });
});
