import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRequestLogOf } from '../../src/analytics/index.ts';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';
import { insertVerification, registerWithRole } from '../admin/staff-accounts.ts';

const at = (iso: string) => new Date(iso);

describe.each(DRIVERS)('analytics figures (%s)', (driver) => {
  let server: TestServer;
  let owner: Awaited<ReturnType<typeof registerWithRole>>;
  let other: Awaited<ReturnType<typeof registerWithRole>>;
  let admin: Awaited<ReturnType<typeof registerWithRole>>;
  const range = 'from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z';
  beforeAll(async () => {
    server = await createTestServer(driver);
    owner = await registerWithRole(server, 'user');
    other = await registerWithRole(server, 'user');
    admin = await registerWithRole(server, 'admin');
    // owner, current week: 4 completed (10 s .. 40 s), 1 expired (refunded), 1 pending
    for (const [i, ttc] of [10_000, 20_000, 30_000, 40_000].entries()) {
      await insertVerification(server, owner.userId, {
        createdAt: at(`2026-03-0${i + 1}T10:00:00Z`),
        ttcMs: ttc,
        price: 150,
        cost: 100,
        service: i < 3 ? 'whatsapp' : 'telegram',
        country: i < 2 ? 'US' : 'IN',
      });
    }
    await insertVerification(server, owner.userId, { status: 'expired', createdAt: at('2026-03-02T12:00:00Z'), price: 150 });
    await insertVerification(server, owner.userId, { status: 'pending', createdAt: at('2026-03-07T23:00:00Z'), price: 150 });
    // owner, previous week: 2 completed
    await insertVerification(server, owner.userId, { createdAt: at('2026-02-25T10:00:00Z'), ttcMs: 5_000, price: 100 });
    await insertVerification(server, owner.userId, { createdAt: at('2026-02-26T10:00:00Z'), ttcMs: 5_000, price: 100 });
    // someone else's, never in the owner's figures
    await insertVerification(server, other.userId, { createdAt: at('2026-03-03T10:00:00Z'), price: 9_999, cost: 10 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("summarises the caller's verifications in integers, compared with the previous period", async () => {
    const res = await server.request('GET', `/v1/analytics/summary?${range}&compare=previous_period`, { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.body.current).toMatchObject({
      verifications_total: 6,
      verifications_completed: 4,
      verifications_pending: 1,
      verifications_refunded: 1,
      success_rate_bps: 8000,
      time_to_code_avg_ms: 25_000,
      time_to_code_p90_ms: 40_000,
      spend: { amount: 900 },
      refunds: { amount: 150 },
      net_spend: { amount: 750 },
      cost_per_verification: { amount: 188 },
      refund_rate_bps: 2000,
      revenue: null,
      provider_cost: null,
      new_users: null,
    });
    expect(res.body.previous).toMatchObject({ verifications_total: 2, success_rate_bps: 10000, spend: { amount: 200 } });
    expect(res.body.previous_from).toBe('2026-02-22T00:00:00.000Z');
    expect(res.body.change).toMatchObject({ verifications_total: 20000, success_rate_bps: -2000, spend: 35000, refunds: null });
  });

  it('platform scope adds revenue and provider cost; growth only for admins; users get 403', async () => {
    expect((await server.request('GET', `/v1/analytics/summary?${range}&scope=platform`, { token: owner.token })).status).toBe(403);
    const res = await server.request('GET', `/v1/analytics/summary?${range}&scope=platform`, { token: admin.token });
    expect(res.body.current.verifications_total).toBe(7);
    expect(res.body.current.provider_cost).toEqual({ amount: 410, currency: 'USD' });
    expect(res.body.current.revenue).toEqual({ amount: 900 + 9_999 - 150 - 410, currency: 'USD' });
    expect(res.body.current.active_users).toBe(2);
    const support = await registerWithRole(server, 'support');
    const asSupport = await server.request('GET', `/v1/analytics/summary?${range}&scope=platform`, { token: support.token });
    expect(asSupport.body.current.new_users).toBeNull();
  });

  it('rejects bad ranges', async () => {
    expect(
      (await server.request('GET', '/v1/analytics/summary?from=2026-03-08T00:00:00Z&to=2026-03-01T00:00:00Z', { token: owner.token }))
        .status,
    ).toBe(422);
    expect(
      (await server.request('GET', '/v1/analytics/summary?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z', { token: owner.token }))
        .status,
    ).toBe(422);
  });

  it('a daily series has every bucket, aligned in the time zone, grouped by service', async () => {
    const res = await server.request('GET', `/v1/analytics/timeseries?metric=verifications&interval=day&${range}&timezone=Asia/Kolkata`, {
      token: owner.token,
    });
    expect(res.body.from).toBe('2026-02-28T18:30:00.000Z');
    expect(res.body.points).toHaveLength(8);
    expect(res.body.points.reduce((s: number, p: any) => s + p.value, 0)).toBe(6);
    const rate = await server.request('GET', `/v1/analytics/timeseries?metric=success_rate&interval=week&${range}&timezone=UTC`, {
      token: owner.token,
    });
    expect(rate.body.points[0]).toEqual({ t: '2026-02-23T00:00:00.000Z', value: 10000 });
    const grouped = await server.request(
      'GET',
      `/v1/analytics/timeseries?metric=spend&interval=month&${range}&timezone=UTC&group_by=service`,
      { token: owner.token },
    );
    expect(grouped.body.points).toEqual([
      { t: '2026-03-01T00:00:00.000Z', value: 750, group: 'whatsapp' },
      { t: '2026-03-01T00:00:00.000Z', value: 150, group: 'telegram' },
    ]);
    const bad = await server.request('GET', `/v1/analytics/timeseries?metric=api_requests&group_by=service&${range}`, {
      token: owner.token,
    });
    expect(bad.status).toBe(422);
    const revenueMe = await server.request('GET', `/v1/analytics/timeseries?metric=revenue&${range}`, { token: owner.token });
    expect(revenueMe.status).toBe(422);
    const churn = await server.request(
      'GET',
      `/v1/analytics/timeseries?metric=churned_users&interval=week&from=2026-02-23T00:00:00Z&to=2026-03-09T00:00:00Z&timezone=UTC&scope=platform`,
      { token: admin.token },
    );
    expect(churn.body.points.map((p: any) => p.value)).toEqual([0, 0]);
  });

  it('breaks figures down by country, most verifications first', async () => {
    const res = await server.request('GET', `/v1/analytics/breakdown?dimension=country&${range}`, { token: owner.token });
    expect(res.body.rows.map((r: any) => [r.key, r.verifications_total])).toEqual([
      ['US', 4],
      ['IN', 2],
    ]);
    expect(res.body.rows[0]).toMatchObject({ name: expect.any(String), verifications_completed: 2, revenue: null });
  });

  it('counts API requests by key and by route from the request log', async () => {
    const key = await server.request('POST', '/v1/api-keys', {
      token: owner.token,
      body: { name: 'reporting', scopes: ['analytics:read'] },
    });
    await server.request('GET', '/v1/analytics/summary', { token: key.body.secret });
    await server.request('GET', '/v1/analytics/summary', { token: key.body.secret });
    await server.request('GET', '/v1/analytics/summary?scope=platform', { token: key.body.secret });
    await apiRequestLogOf(server.database.db).flush();
    const res = await server.request('GET', '/v1/analytics/api-usage', { token: owner.token });
    const keyRow = res.body.by_api_key.find((r: any) => r.api_key_id === key.body.id);
    expect(keyRow).toMatchObject({ requests: 3, status_2xx: 2, status_4xx: 1, api_key_name: 'reporting', user_id: owner.userId });
    const route = res.body.by_route.find((r: any) => r.route === '/v1/analytics/summary' && r.method === 'GET');
    expect(route.requests).toBeGreaterThanOrEqual(3);
    expect(res.body.by_api_key.every((r: any) => r.user_id === owner.userId)).toBe(true);
  });
});
