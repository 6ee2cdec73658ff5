import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutoTopUpService, periodStart } from '../../src/domain/auto-top-ups.ts';
import { TopUpService } from '../../src/domain/top-ups.ts';
import { OutboxDispatcher } from '../../src/events/index.ts';
import { autoTopUpConsumer } from '../../src/payments/index.ts';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';

/** Issue 17 item 5: a debit crossing the threshold starts one automatic top-up per period, off the request path. */
describe.each(DRIVERS)('automatic top-up (%s)', (driver) => {
  let server: TestServer;
  let dispatcher: OutboxDispatcher;
  beforeAll(async () => {
    server = await createTestServer(driver);
    dispatcher = new OutboxDispatcher({
      db: server.database.db,
      consumers: [autoTopUpConsumer(server.services.autoTopUps)],
      pollIntervalMs: 0,
    });
    await dispatcher.start();
  });
  afterAll(async () => {
    await dispatcher?.stop();
    await server?.close();
  });

  const topUpsOf = (userId: string) =>
    server.database.db.selectFrom('top_ups').select(['id', 'amount_cents', 'status']).where('user_id', '=', userId).execute();
  const claimsOf = (userId: string) => server.database.db.selectFrom('auto_top_ups').selectAll().where('user_id', '=', userId).execute();
  const buy = (token: string) => server.request('POST', '/v1/verifications', { token, body: { service: 'telegram', country: 'US' } });

  /** A user with auto top-up on (threshold 1000, 2000 per top-up) whose balance sits just under the threshold. */
  async function userBelowThreshold(period: 'hour' | 'day' = 'day') {
    const user = await server.register();
    const settings = await server.request('PATCH', '/v1/wallet', {
      token: user.token,
      body: { low_balance_threshold: 1000, auto_top_up: { enabled: true, amount: 2000, at_most_once_per: period } },
    });
    expect(settings.status).toBe(200);
    await server.fund(user.userId, 999);
    return user;
  }

  it('the crossing a purchase makes starts exactly one top-up of the set amount; another crossing that day none', async () => {
    const user = await server.register();
    await server.request('PATCH', '/v1/wallet', {
      token: user.token,
      body: { low_balance_threshold: 1000, auto_top_up: { enabled: true, amount: 2000 } },
    });
    const price = (await server.request('GET', '/v1/prices/quote?service=telegram&country=US', { token: user.token })).body.price.amount;
    await server.fund(user.userId, 1000 + price - 1);
    expect((await buy(user.token)).status).toBe(201);
    await dispatcher.drain();
    const [topUp, ...more] = await topUpsOf(user.userId);
    expect(more).toEqual([]);
    expect(topUp).toMatchObject({ amount_cents: 2000, status: 'pending' });
    const wallet = await server.request('GET', '/v1/wallet', { token: user.token });
    expect(wallet.body.auto_top_up.last_triggered_at).toMatch(/^\d{4}-/);
    expect(wallet.body.pending_top_ups).toMatchObject({ count: 1, amount: { amount: 2000 } });

    // back above the threshold and down again, the same day: no second top-up
    await server.fund(user.userId, price);
    expect((await buy(user.token)).status).toBe(201);
    await dispatcher.drain();
    const lows = await server.database.db
      .selectFrom('events')
      .select('id')
      .where('user_id', '=', user.userId)
      .where('type', '=', 'balance.low')
      .execute();
    expect(lows).toHaveLength(2);
    expect(await topUpsOf(user.userId)).toHaveLength(1);
  });

  it('a redelivered event, and 10 crossings of one period handled at once, start one top-up', async () => {
    const user = await userBelowThreshold();
    const at = '2026-12-04T10:15:00.000Z';
    const first = await server.services.autoTopUps.onBalanceLow({ id: 'evt_replayed', userId: user.userId, timestamp: at });
    expect(first?.amount_cents).toBe(2000);
    expect(await server.services.autoTopUps.onBalanceLow({ id: 'evt_replayed', userId: user.userId, timestamp: at })).toBeNull();

    const racer = await userBelowThreshold();
    const started = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        server.services.autoTopUps.onBalanceLow({
          id: `evt_race_${i}`,
          userId: racer.userId,
          timestamp: `2026-12-04T10:${10 + i}:00.000Z`,
        }),
      ),
    );
    expect(started.filter((t) => t !== null)).toHaveLength(1);
    expect(await topUpsOf(racer.userId)).toHaveLength(1);
    expect(await claimsOf(racer.userId)).toHaveLength(1);
  });

  it('hourly: once per UTC calendar hour; a crossing of the next hour starts the next one', async () => {
    const user = await userBelowThreshold('hour');
    const low = (id: string, timestamp: string) => server.services.autoTopUps.onBalanceLow({ id, userId: user.userId, timestamp });
    expect(await low('evt_h1', '2026-12-04T10:05:00.000Z')).not.toBeNull();
    expect(await low('evt_h2', '2026-12-04T10:59:59.000Z')).toBeNull();
    expect(await low('evt_h3', '2026-12-04T11:00:00.000Z')).not.toBeNull();
    expect(await topUpsOf(user.userId)).toHaveLength(2);
    expect(periodStart(new Date('2026-12-04T23:59:00Z'), 'day').toISOString()).toBe('2026-12-04T00:00:00.000Z');
  });

  it('off, or topped up since the crossing: nothing; a payment provider failure leaves nothing and the retry starts it', async () => {
    const off = await userBelowThreshold();
    await server.request('PATCH', '/v1/wallet', { token: off.token, body: { auto_top_up: { enabled: false } } });
    expect(
      await server.services.autoTopUps.onBalanceLow({ id: 'evt_off', userId: off.userId, timestamp: new Date().toISOString() }),
    ).toBeNull();

    const recovered = await userBelowThreshold();
    await server.fund(recovered.userId, 1);
    expect(
      await server.services.autoTopUps.onBalanceLow({ id: 'evt_recovered', userId: recovered.userId, timestamp: new Date().toISOString() }),
    ).toBeNull();
    expect(await topUpsOf(off.userId)).toEqual([]);
    expect(await topUpsOf(recovered.userId)).toEqual([]);

    const user = await userBelowThreshold();
    const failing = new TopUpService(server.database.db, {
      currency: 'USD',
      provider: {
        id: 'sandbox',
        createCheckout: async () => {
          throw new Error('payment provider down');
        },
      },
    });
    const crossing = { id: 'evt_retried', userId: user.userId, timestamp: new Date().toISOString() };
    await expect(new AutoTopUpService(server.database.db, failing).onBalanceLow(crossing)).rejects.toThrow('payment provider down');
    expect(await claimsOf(user.userId)).toEqual([]);
    expect(await topUpsOf(user.userId)).toEqual([]);
    expect(await server.services.autoTopUps.onBalanceLow(crossing)).not.toBeNull();
    expect(await topUpsOf(user.userId)).toHaveLength(1);
  });
});
