import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';
import { registerWithRole } from './staff-accounts.ts';

describe.each(DRIVERS)('admin refunds and verifications (%s)', (driver) => {
  let server: TestServer;
  let admin: Awaited<ReturnType<typeof registerWithRole>>;
  beforeAll(async () => {
    server = await createTestServer(driver);
    admin = await registerWithRole(server, 'admin');
  });
  afterAll(async () => {
    await server?.close();
  });

  const buy = async (token: string) => {
    const res = await server.request('POST', '/v1/verifications', { token, body: { service: 'whatsapp', country: 'US' } });
    expect(res.status).toBe(201);
    return res.body;
  };

  it('a manual refund happens exactly once, racing itself and a cancellation', async () => {
    const owner = await server.register();
    await server.fund(owner.userId, 5000);
    const verification = await buy(owner.token);
    const before = (await server.services.wallet.reconcile(owner.userId)).balance;
    const results = await Promise.all([
      ...[1, 2, 3].map((i) =>
        server.request('POST', '/v1/admin/refunds', {
          token: admin.token,
          body: { verification_id: verification.id, reason: `Customer complaint ${i}` },
        }),
      ),
      server.request('POST', `/v1/verifications/${verification.id}/cancel`, { token: owner.token }),
    ]);
    const refunds = results.slice(0, 3);
    const cancelled = results[3]!.status === 200;
    expect(refunds.filter((r) => r.status === 201)).toHaveLength(cancelled ? 0 : 1);
    expect(refunds.filter((r) => r.status === 409).every((r) => r.body.code === 'already_refunded')).toBe(true);
    const { balance, ledgerSum } = await server.services.wallet.reconcile(owner.userId);
    expect(balance).toBe(before + verification.price.amount);
    expect(ledgerSum).toBe(balance);
    const listed = await server.request('GET', `/v1/admin/refunds?user_id=${owner.userId}`, { token: admin.token });
    expect(listed.body.data).toHaveLength(1);
    if (!cancelled)
      expect(listed.body.data[0]).toMatchObject({
        reason: 'manual',
        refunded_by: admin.userId,
        verification: { id: verification.id, refunded: true },
      });
  });

  it('refunds a completed verification by hand once; unknown ones are 404 and change nothing', async () => {
    const owner = await server.register();
    await server.fund(owner.userId, 5000);
    const verification = await buy(owner.token);
    await server.database.db
      .updateTable('verifications')
      .set({ status: 'completed', code: '111222', completed_at: new Date() })
      .where('id', '=', verification.id)
      .execute();
    const first = await server.request('POST', '/v1/admin/refunds', {
      token: admin.token,
      body: { verification_id: verification.id, reason: 'Code did not work' },
      headers: { 'Idempotency-Key': `rf-${verification.id}` },
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      type: 'refund',
      reason: 'manual',
      admin_reason: 'Code did not work',
      user_id: owner.userId,
      amount: { amount: verification.price.amount },
    });
    const replay = await server.request('POST', '/v1/admin/refunds', {
      token: admin.token,
      body: { verification_id: verification.id, reason: 'Code did not work' },
      headers: { 'Idempotency-Key': `rf-${verification.id}` },
    });
    expect(replay.body.id).toBe(first.body.id);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const second = await server.request('POST', '/v1/admin/refunds', {
      token: admin.token,
      body: { verification_id: verification.id, reason: 'again' },
    });
    expect(second.body.code).toBe('already_refunded');
    const missing = await server.request('POST', '/v1/admin/refunds', {
      token: admin.token,
      body: { verification_id: 'ver_01JD4X2K7P9Q3R5S7T9V1W3X5Y', reason: 'ghost' },
    });
    expect(missing.status).toBe(404);
    const entries = await server.request('GET', `/v1/admin/transactions?user_id=${owner.userId}&type=refund`, { token: admin.token });
    expect(entries.body.data).toHaveLength(1);
    const audit = await server.request('GET', `/v1/admin/audit-log?action=refund.created&target_id=${verification.id}`, {
      token: admin.token,
    });
    expect(audit.body.data).toHaveLength(1);
  });

  it("lists every account's verifications with owner and provider, filtered", async () => {
    const a = await server.register();
    const b = await server.register();
    await server.fund(a.userId, 1000);
    await server.fund(b.userId, 1000);
    const va = await buy(a.token);
    await buy(b.token);
    const all = await server.request('GET', '/v1/admin/verifications?service=whatsapp&limit=100', { token: admin.token });
    expect(all.body.data.map((v: any) => v.user_id)).toEqual(expect.arrayContaining([a.userId, b.userId]));
    const onlyA = await server.request('GET', `/v1/admin/verifications?user_id=${a.userId}`, { token: admin.token });
    expect(onlyA.body.data.map((v: any) => v.id)).toEqual([va.id]);
    expect(onlyA.body.data[0].provider).toBe('simulator');
  });
});
