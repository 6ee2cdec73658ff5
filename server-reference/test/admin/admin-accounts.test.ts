import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';
import { registerWithRole } from './staff-accounts.ts';

describe.each(DRIVERS)('admin accounts (%s)', (driver) => {
  let server: TestServer;
  let admin: Awaited<ReturnType<typeof registerWithRole>>;
  beforeAll(async () => {
    server = await createTestServer(driver);
    admin = await registerWithRole(server, 'admin');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('lists, searches and filters accounts with balance and activity, paginated', async () => {
    const asha = await server.register({ email: `asha-${Date.now()}@example.com` });
    await server.fund(asha.userId, 1234);
    const found = await server.request('GET', '/v1/admin/users?q=ASHA-', { token: admin.token });
    expect(found.status).toBe(200);
    expect(found.body.data.map((u: any) => u.id)).toEqual([asha.userId]);
    expect(found.body.data[0]).toMatchObject({ balance: { amount: 1234 }, verification_count: 0, status: 'active' });
    expect(found.body.data[0].last_login_at).not.toBeNull();
    const byId = await server.request('GET', `/v1/admin/users?q=${asha.userId}`, { token: admin.token });
    expect(byId.body.data).toHaveLength(1);
    const admins = await server.request('GET', '/v1/admin/users?role=admin', { token: admin.token });
    expect(admins.body.data.every((u: any) => u.role === 'admin')).toBe(true);
    const first = await server.request('GET', '/v1/admin/users?limit=1', { token: admin.token });
    expect(first.body.has_more).toBe(true);
    const second = await server.request('GET', `/v1/admin/users?limit=1&starting_after=${first.body.next_cursor}`, { token: admin.token });
    expect(second.body.data[0].id < first.body.data[0].id).toBe(true);
  });

  it('suspension revokes sessions, refuses API keys with account_suspended, and unsuspension restores keys only', async () => {
    const target = await server.register();
    const key = await server.request('POST', '/v1/api-keys', { token: target.token, body: { name: 'bot', scopes: ['wallet:read'] } });
    expect((await server.request('GET', '/v1/wallet', { token: key.body.secret })).status).toBe(200);
    const suspended = await server.request('POST', `/v1/admin/users/${target.userId}/suspend`, {
      token: admin.token,
      body: { reason: 'Chargeback pattern' },
      headers: { 'Idempotency-Key': `susp-${target.userId}` },
    });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', suspension_reason: 'Chargeback pattern' });
    expect((await server.request('GET', '/v1/wallet', { token: key.body.secret })).body.code).toBe('account_suspended');
    expect((await server.request('GET', '/v1/wallet', { token: target.token })).status).toBe(401);
    const again = await server.request('POST', `/v1/admin/users/${target.userId}/suspend`, {
      token: admin.token,
      body: { reason: 'twice' },
    });
    expect(again.body.code).toBe('user_already_suspended');
    const self = await server.request('POST', `/v1/admin/users/${admin.userId}/suspend`, { token: admin.token, body: { reason: 'oops' } });
    expect(self.body.code).toBe('self_action_not_allowed');
    const lifted = await server.request('POST', `/v1/admin/users/${target.userId}/unsuspend`, {
      token: admin.token,
      body: { reason: 'Cleared' },
    });
    expect(lifted.body).toMatchObject({ status: 'active', suspension_reason: null, suspended_at: null });
    expect((await server.request('GET', '/v1/wallet', { token: key.body.secret })).status).toBe(200);
    expect((await server.request('GET', '/v1/wallet', { token: target.token })).status).toBe(401);
    const audit = await server.request('GET', `/v1/admin/audit-log?target_id=${target.userId}&action=user.*`, { token: admin.token });
    const suspensions = audit.body.data.filter((e: any) => e.action.includes('suspended'));
    expect(suspensions.map((e: any) => e.action)).toEqual(['user.unsuspended', 'user.suspended']);
    expect(audit.body.data.every((e: any) => e.action.startsWith('user.'))).toBe(true);
    expect(suspensions[1]).toMatchObject({ actor_user_id: admin.userId, actor_role: 'admin', metadata: { reason: 'Chargeback pattern' } });
  });

  it('changes a tier with an audit entry; an unknown tier changes nothing', async () => {
    const target = await server.register();
    const bad = await server.request('PATCH', `/v1/admin/users/${target.userId}`, {
      token: admin.token,
      body: { tier: 'tier_nope', role: 'support' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('/body/tier');
    const unchanged = await server.request('GET', `/v1/admin/users/${target.userId}`, { token: admin.token });
    expect(unchanged.body).toMatchObject({ tier: 'tier_basic', role: 'user' });
    const moved = await server.request('PATCH', `/v1/admin/users/${target.userId}`, { token: admin.token, body: { tier: 'tier_pro' } });
    expect(moved.body.tier).toBe('tier_pro');
    const audit = await server.request('GET', `/v1/admin/audit-log?target_id=${target.userId}&action=user.tier_changed`, {
      token: admin.token,
    });
    expect(audit.body.data[0].metadata).toEqual({ before: 'tier_basic', after: 'tier_pro' });
  });

  it('balance adjustments write one ledger entry each, replay by idempotency key, and never overdraw under races', async () => {
    const target = await server.register();
    const headers = { 'Idempotency-Key': `adj-${target.userId}` };
    const credit = await Promise.all(
      [1, 2, 3].map(() =>
        server.request('POST', `/v1/admin/users/${target.userId}/balance-adjustments`, {
          token: admin.token,
          body: { amount: 1000, reason: 'Goodwill credit' },
          headers,
        }),
      ),
    );
    expect(credit.filter((r) => r.status === 201)).toHaveLength(credit.filter((r) => r.status !== 409).length);
    expect(new Set(credit.filter((r) => r.status === 201).map((r) => r.body.id)).size).toBe(1);
    const debits = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        server.request('POST', `/v1/admin/users/${target.userId}/balance-adjustments`, {
          token: admin.token,
          body: { amount: -400, reason: `Correction ${i}` },
        }),
      ),
    );
    expect(debits.filter((r) => r.status === 201)).toHaveLength(2);
    expect(debits.filter((r) => r.status === 402).every((r) => r.body.code === 'insufficient_balance')).toBe(true);
    const { balance, ledgerSum } = await server.services.wallet.reconcile(target.userId);
    expect(balance).toBe(200);
    expect(ledgerSum).toBe(200);
    const ledger = await server.request('GET', '/v1/wallet/ledger', { token: target.token });
    expect(ledger.body.data.map((e: any) => e.reason)).toContain('Goodwill credit');
    const zero = await server.request('POST', `/v1/admin/users/${target.userId}/balance-adjustments`, {
      token: admin.token,
      body: { amount: 0, reason: 'nothing' },
    });
    expect(zero.status).toBe(422);
    const tx = await server.request('GET', `/v1/admin/transactions?user_id=${target.userId}&type=adjustment`, { token: admin.token });
    expect(tx.body.data).toHaveLength(3);
    expect(tx.body.data[0].user_id).toBe(target.userId);
  });
});
