import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enforceActiveVerificationCap } from '../src/domain/active-verification-cap.ts';
import { postLedgerEntry } from '../src/domain/wallet-ledger.ts';
import { createTestServer, DRIVERS, type TestServer } from './support/test-server.ts';
import { registerWithRole } from './admin/staff-accounts.ts';

/** Issue 17 item 5: a tier caps the verifications an account holds `pending` at once. */
describe.each(DRIVERS)('the active verification cap (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver);
    // a tier of its own, with a budget of requests the race stays under
    await server.database.db
      .insertInto('tiers')
      .values({
        id: 'tier_capped',
        name: 'capped',
        discount_percent: 0,
        rate_limit_per_minute: 3000,
        max_active_verifications: 4,
        features: JSON.stringify({ area_code_selection: false, api_access: true, webhooks: false }),
      })
      .execute();
  });
  afterAll(async () => {
    await server?.close();
  });

  const buy = (token: string, key?: string) =>
    server.request('POST', '/v1/verifications', {
      token,
      body: { service: 'telegram', country: 'US' },
      headers: key ? { 'Idempotency-Key': key } : {},
    });
  const priceOf = async (token: string) =>
    (await server.request('GET', '/v1/prices/quote?service=telegram&country=US', { token })).body.price.amount as number;

  it('12 concurrent purchases against a cap of 4: exactly 4 created, 8 refused with 409, charged for 4', async () => {
    const user = await server.register();
    await server.setTier(user.userId, 'tier_capped');
    const price = await priceOf(user.token);
    await server.fund(user.userId, price * 20);
    const results = await Promise.all(Array.from({ length: 12 }, () => buy(user.token)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(4);
    const refused = results.filter((r) => r.status === 409);
    expect(refused).toHaveLength(8);
    for (const r of refused) {
      expect(r.body.code).toBe('active_verification_limit');
      expect(r.body.detail).toContain('allows 4 pending verifications');
    }
    const reconciled = await server.services.wallet.reconcile(user.userId);
    expect(reconciled.balance).toBe(price * 16);
    expect(reconciled.ledgerSum).toBe(reconciled.balance);
    expect(reconciled.entries).toBe(5); // the funding + 4 purchases
    const rows = await server.database.db.selectFrom('verifications').select('status').where('user_id', '=', user.userId).execute();
    expect(rows.map((r) => r.status)).toEqual(['pending', 'pending', 'pending', 'pending']);
  });

  it('30 concurrent purchases straight into the domain against a cap of 4: 4 created, charged for 4', async () => {
    const { db } = server.database;
    const tier = await db.selectFrom('tiers').selectAll().where('id', '=', 'tier_capped').executeTakeFirstOrThrow();
    {
      const registered = await server.register();
      await server.setTier(registered.userId, 'tier_capped');
      await server.fund(registered.userId, 100_000);
      const user = await db.selectFrom('users').selectAll().where('id', '=', registered.userId).executeTakeFirstOrThrow();
      const results = await Promise.allSettled(
        Array.from({ length: 30 }, () => server.services.verifications.create(user, tier, { service: 'google', country: 'US' }, null)),
      );
      const refused = results.filter((r) => r.status === 'rejected');
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
      expect(refused.map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(26).fill('active_verification_limit'));
      const pending = await db.selectFrom('verifications').select('price_cents').where('user_id', '=', user.id).execute();
      expect(pending).toHaveLength(4);
      const reconciled = await server.services.wallet.reconcile(user.id);
      expect(reconciled.balance).toBe(100_000 - pending.reduce((sum, v) => sum + v.price_cents, 0));
      expect(reconciled.ledgerSum).toBe(reconciled.balance);
    }
  });

  // PGlite runs one transaction at a time; on PostgreSQL the interleaving is forced by hand: the second
  // purchase's count must wait for the first's commit (it runs after the debit's wallet lock), so it sees it
  it.runIf(driver === 'postgres')('a purchase whose debit waited on another one counts it after its commit', async () => {
    const { db } = server.database;
    const registered = await server.register();
    await server.fund(registered.userId, 1000);
    const purchase = (id: string) => async (trx: Parameters<Parameters<ReturnType<typeof db.transaction>['execute']>[0]>[0]) => {
      const now = new Date();
      await trx
        .insertInto('verifications')
        .values({
          id,
          user_id: registered.userId,
          status: 'pending',
          service: 'google',
          country: 'US',
          area_code: null,
          carrier: null,
          phone_number: null,
          provider_id: 'simulator',
          provider_ref: null,
          price_cents: 100,
          cost_cents: 50,
          currency: 'USD',
          code: null,
          created_at: now,
          expires_at: new Date(now.getTime() + 60_000),
          completed_at: null,
          cancelled_at: null,
          refund_reason: null,
          failure_reason: null,
          idempotency_key: null,
          reported_at: null,
          report_reason: null,
        })
        .execute();
      await postLedgerEntry(trx, { userId: registered.userId, kind: 'purchase', amountCents: -100, verificationId: id });
      await enforceActiveVerificationCap(trx, registered.userId, 1, { walletLocked: true });
    };
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let firstHolds!: () => void;
    const holding = new Promise<void>((resolve) => (firstHolds = resolve));
    const first = db.transaction().execute(async (trx) => {
      await purchase('ver_capfirst')(trx);
      firstHolds();
      await gate;
    });
    await holding;
    const second = db.transaction().execute(purchase('ver_capsecond'));
    await new Promise((resolve) => setTimeout(resolve, 200)); // the second is now waiting on the wallet lock
    release();
    await first;
    await expect(second).rejects.toMatchObject({ code: 'active_verification_limit' });
    const rows = await db.selectFrom('verifications').select('id').where('user_id', '=', registered.userId).execute();
    expect(rows.map((r) => r.id)).toEqual(['ver_capfirst']);
    expect((await server.services.wallet.reconcile(registered.userId)).balance).toBe(900);
  });

  it('a verification that leaves pending frees its place; a replay of a created one is not refused', async () => {
    const user = await server.register();
    await server.setTier(user.userId, 'tier_capped');
    await server.fund(user.userId, 10_000);
    const first = await buy(user.token, 'cap-first');
    for (let i = 0; i < 3; i++) expect((await buy(user.token)).status).toBe(201);
    expect((await buy(user.token)).body.code).toBe('active_verification_limit');
    // the same key again is its first response, not a new purchase the cap refuses
    const replay = await buy(user.token, 'cap-first');
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(first.body.id);
    const cancelled = await server.request('POST', `/v1/verifications/${first.body.id}/cancel`, { token: user.token });
    expect(cancelled.status).toBe(200);
    expect((await buy(user.token)).status).toBe(201);
    expect((await buy(user.token)).status).toBe(409);
  });

  it('admins set and remove the cap per tier; the default tiers carry the seeded caps', async () => {
    const admin = await registerWithRole(server, 'admin');
    const tiers = await server.request('GET', '/v1/admin/tiers', { token: admin.token });
    const caps = Object.fromEntries(tiers.body.data.map((t: any) => [t.id, t.max_active_verifications]));
    expect(caps).toMatchObject({ tier_basic: 50, tier_pro: 200, tier_enterprise: null, tier_capped: 4 });
    const zero = await server.request('PATCH', '/v1/admin/tiers/tier_capped', {
      token: admin.token,
      body: { max_active_verifications: 0 },
    });
    expect(zero.status).toBe(422);
    const raised = await server.request('PATCH', '/v1/admin/tiers/tier_capped', {
      token: admin.token,
      body: { max_active_verifications: 9 },
    });
    expect(raised.body.max_active_verifications).toBe(9);
    const removed = await server.request('PATCH', '/v1/admin/tiers/tier_capped', {
      token: admin.token,
      body: { max_active_verifications: null },
    });
    expect(removed.status).toBe(200);
    expect(removed.body.max_active_verifications).toBeNull();
    const audit = await server.database.db
      .selectFrom('audit_log')
      .select('metadata')
      .where('action', '=', 'tier.updated')
      .where('target_id', '=', 'tier_capped')
      .orderBy('seq')
      .execute();
    expect(audit.map((a: any) => a.metadata.after.max_active_verifications)).toEqual([9, null]);
  });
});
