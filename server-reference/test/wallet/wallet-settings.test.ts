import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';

/** Issue 17 item 5: the owner's `balance.low` threshold and automatic top-up settings (`PATCH /v1/wallet`). */
describe.each(DRIVERS)('wallet settings (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver);
  });
  afterAll(async () => {
    await server?.close();
  });

  const patch = (token: string, body: unknown) => server.request('PATCH', '/v1/wallet', { token, body });
  const buy = (token: string) => server.request('POST', '/v1/verifications', { token, body: { service: 'telegram', country: 'US' } });
  const priceOf = async (token: string) =>
    (await server.request('GET', '/v1/prices/quote?service=telegram&country=US', { token })).body.price.amount as number;
  const balanceLowEvents = (userId: string) =>
    server.database.db.selectFrom('events').select('data').where('user_id', '=', userId).where('type', '=', 'balance.low').execute();

  it('a new wallet has the 500 threshold and no automatic top-up; a change is read back', async () => {
    const user = await server.register();
    const fresh = await server.request('GET', '/v1/wallet', { token: user.token });
    expect(fresh.body.low_balance_threshold).toEqual({ amount: 500, currency: 'USD' });
    expect(fresh.body.auto_top_up).toEqual({ enabled: false, amount: null, at_most_once_per: 'day', last_triggered_at: null });

    const changed = await patch(user.token, {
      low_balance_threshold: 1200,
      auto_top_up: { enabled: true, amount: 2500, at_most_once_per: 'hour' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.low_balance_threshold).toEqual({ amount: 1200, currency: 'USD' });
    expect(changed.body.auto_top_up).toMatchObject({ enabled: true, amount: { amount: 2500, currency: 'USD' }, at_most_once_per: 'hour' });
    // fields left out keep their value
    const off = await patch(user.token, { auto_top_up: { enabled: false } });
    expect(off.body.auto_top_up).toMatchObject({ enabled: false, amount: { amount: 2500, currency: 'USD' }, at_most_once_per: 'hour' });
    const read = await server.request('GET', '/v1/wallet', { token: user.token });
    expect(read.body).toEqual(off.body);
  });

  it('balance.low fires when a debit crosses the owner threshold, not the old fixed one', async () => {
    const user = await server.register();
    const price = await priceOf(user.token);
    await patch(user.token, { low_balance_threshold: 2000 });
    // from 2000 + price - 1 to 1999: under this owner's 2000, far above the default 500
    await server.fund(user.userId, 2000 + price - 1);
    expect((await buy(user.token)).status).toBe(201);
    const fired = await balanceLowEvents(user.userId);
    expect(fired.map((e) => e.data)).toEqual([
      { balance: { amount: 1999, currency: 'USD' }, threshold: { amount: 2000, currency: 'USD' } },
    ]);
    // already below: the next debit does not cross again
    expect((await buy(user.token)).status).toBe(201);
    expect(await balanceLowEvents(user.userId)).toHaveLength(1);

    const silent = await server.register();
    await patch(silent.token, { low_balance_threshold: 0 });
    await server.fund(silent.userId, price);
    expect((await buy(silent.token)).status).toBe(201);
    expect(await balanceLowEvents(silent.userId)).toHaveLength(0);
  });

  it('bad settings are refused with 422 and a field error, and change nothing', async () => {
    const user = await server.register();
    const before = (await server.request('GET', '/v1/wallet', { token: user.token })).body;
    const cases: Array<[unknown, string, string]> = [
      [{}, '/body', 'invalid'],
      [{ low_balance_threshold: -1 }, '/body/low_balance_threshold', 'minimum'],
      [{ low_balance_threshold: 1_000_001 }, '/body/low_balance_threshold', 'maximum'],
      [{ auto_top_up: { amount: 499 } }, '/body/auto_top_up/amount', 'minimum'],
      [{ auto_top_up: { at_most_once_per: 'week' } }, '/body/auto_top_up/at_most_once_per', 'enum'],
      [{ auto_top_up: { enabled: true } }, '/body/auto_top_up/amount', 'required'],
      [{ low_balance_threshold: 0, auto_top_up: { enabled: true, amount: 1000 } }, '/body/low_balance_threshold', 'invalid'],
      [{ balance: 100 }, '/body/balance', 'additional_property'],
    ];
    for (const [body, field, code] of cases) {
      const refused = await patch(user.token, body);
      expect(refused.status, JSON.stringify(body)).toBe(422);
      expect(refused.body.code).toBe('validation_failed');
      expect(refused.body.errors, JSON.stringify(body)).toContainEqual(expect.objectContaining({ field, code }));
    }
    expect((await server.request('GET', '/v1/wallet', { token: user.token })).body).toEqual(before);

    // on with a threshold, then the threshold to 0 alone: refused too, the automatic top-up would never start
    await patch(user.token, { auto_top_up: { enabled: true, amount: 1000 } });
    const zero = await patch(user.token, { low_balance_threshold: 0 });
    expect(zero.status).toBe(422);
    expect(zero.body.errors[0]).toMatchObject({ field: '/body/low_balance_threshold', code: 'invalid' });
  });
});
