import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PurchaseRequest, PurchasedNumber } from '../src/domain/ports/upstream-provider.ts';
import { sweepExpiredVerifications } from '../src/jobs/verification-expiry-sweeper.ts';
import { SimulatorProvider } from '../src/providers/simulator/index.ts';
import { registerWithRole } from './admin/staff-accounts.ts';
import { createTestServer, DRIVERS, type TestServer } from './support/test-server.ts';

/** A second simulator whose purchases can be held at the door, to stage a race or a crash between attempts. */
class GatedSimulator extends SimulatorProvider {
  #gate: { opened: Promise<void>; enter: () => void } | null = null;
  readonly rented: string[] = [];

  /** The next purchases wait until `open()`; `entered` resolves when one is waiting. */
  hold(): { entered: Promise<void>; open: () => void } {
    let open!: () => void;
    let enter!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    const entered = new Promise<void>((resolve) => (enter = resolve));
    this.#gate = { opened, enter };
    return {
      entered,
      open: () => {
        this.#gate = null;
        open();
      },
    };
  }

  override async purchase(request: PurchaseRequest): Promise<PurchasedNumber> {
    const gate = this.#gate;
    if (gate) {
      gate.enter();
      await gate.opened;
    }
    const number = await super.purchase(request);
    this.rented.push(number.providerRef);
    return number;
  }
}

/**
 * Provider failover (issue 17, item 4) with two real routes: the simulator (priority 1) and a second
 * simulator, `backup` (priority 2). The debit happens once, at the quoted price, whichever route supplies
 * the number; every route failing refunds it once; a cancel or the expiry sweeper that ends the
 * verification between attempts wins, and the purchase that comes back late charges and refunds nothing more.
 */
describe.each(DRIVERS)('provider failover (%s)', (driver) => {
  let server: TestServer;
  let backup: GatedSimulator;
  let admin: { token: string };
  beforeAll(async () => {
    server = await createTestServer(driver, {
      extraProviders: (smsSink) => {
        backup = new GatedSimulator({ id: 'backup', smsSink, noSmsRate: 1 });
        return [backup];
      },
    });
    admin = await registerWithRole(server, 'support');
  });
  afterAll(async () => {
    await server?.close();
  });
  afterEach(() => {
    server.simulator.failPurchases(null);
    backup.failPurchases(null);
  });

  const buy = (token: string) => server.request('POST', '/v1/verifications', { token, body: { service: 'whatsapp', country: 'US' } });
  /** The verification as an admin sees it, in the list and in detail (the two must agree). */
  const adminView = async (id: string) => {
    const listed = await server.request('GET', '/v1/admin/verifications?service=whatsapp&limit=100', { token: admin.token });
    expect(listed.status).toBe(200);
    const detail = await server.request('GET', `/v1/admin/verifications/${id}`, { token: admin.token });
    expect(detail.status).toBe(200);
    expect(listed.body.data.find((v: { id: string }) => v.id === id)).toEqual(detail.body);
    return detail.body;
  };
  const ledgerOf = (userId: string) =>
    server.database.db.selectFrom('ledger_entries').select(['kind', 'amount_cents']).where('user_id', '=', userId).orderBy('id').execute();

  it('the first route out of numbers: the second supplies it, charged exactly the quote, the route visible to admins', async () => {
    const user = await server.register();
    await server.fund(user.userId, 10_000);
    const quote = await server.request('GET', '/v1/prices/quote?service=whatsapp&country=US', { token: user.token });
    expect(quote.status).toBe(200);
    server.simulator.failPurchases('no_numbers');
    // the list price rises after the quote: the held quote is what is charged, whichever route serves it
    await server.database.db
      .insertInto('price_overrides')
      .values({
        id: 'ovr_failover',
        service: 'whatsapp',
        country: 'US',
        tier_id: null,
        mode: 'fixed_price',
        price_cents: quote.body.price.amount + 500,
        markup_bps: null,
        created_by: user.userId,
      })
      .execute();
    const bought = await buy(user.token).finally(() =>
      server.database.db.deleteFrom('price_overrides').where('id', '=', 'ovr_failover').execute(),
    );
    expect(bought.status).toBe(201);
    expect(bought.body.status).toBe('pending');
    expect(bought.body.phone_number).toMatch(/^\+1/);
    expect(bought.body.price).toEqual(quote.body.price);
    expect(await ledgerOf(user.userId)).toEqual([
      { kind: 'adjustment', amount_cents: 10_000 },
      { kind: 'purchase', amount_cents: -quote.body.price.amount },
    ]);
    expect((await server.services.wallet.reconcile(user.userId)).balance).toBe(10_000 - quote.body.price.amount);

    const seen = await adminView(bought.body.id);
    expect(seen.provider).toBe('backup');
    expect(seen.provider_attempts).toEqual([
      { provider: 'simulator', outcome: 'failed', error_code: 'no_numbers', attempted_at: expect.any(String) },
      { provider: 'backup', outcome: 'purchased', error_code: null, attempted_at: expect.any(String) },
    ]);

    // the number is the backup's: its SMS completes the verification, through the sandbox like any simulator's
    const sms = await server.request('POST', `/v1/verifications/${bought.body.id}/sandbox-sms`, {
      token: user.token,
      body: { text: 'Your WhatsApp code is 654-321' },
    });
    expect(sms.status).toBe(201);
    const done = await server.request('GET', `/v1/verifications/${bought.body.id}`, { token: user.token });
    expect(done.body).toMatchObject({ status: 'completed', code: '654321', refunded: false });
  });

  it('the admin detail answers 404 for an unknown verification and 403 for a customer', async () => {
    const missing = await server.request('GET', '/v1/admin/verifications/ver_doesnotexist', { token: admin.token });
    expect(missing.status).toBe(404);
    const user = await server.register();
    const refused = await server.request('GET', '/v1/admin/verifications/ver_doesnotexist', { token: user.token });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden');
  });

  it('a purchase the first route serves records that one route, and is bought from it', async () => {
    const user = await server.register();
    await server.fund(user.userId, 10_000);
    const bought = await buy(user.token);
    expect(bought.status).toBe(201);
    const seen = await adminView(bought.body.id);
    expect(seen.provider).toBe('simulator');
    expect(seen.provider_attempts).toEqual([
      { provider: 'simulator', outcome: 'purchased', error_code: null, attempted_at: expect.any(String) },
    ]);
  });

  it('every route failing: the verification fails, refunded exactly once, each attempt recorded', async () => {
    const user = await server.register();
    await server.fund(user.userId, 10_000);
    server.simulator.failPurchases('unavailable');
    backup.failPurchases('no_numbers');

    const bought = await buy(user.token);
    // the last route's answer is the customer's: no number anywhere
    expect(bought.status).toBe(409);
    expect(bought.body.code).toBe('no_numbers_available');
    const [row] = await server.database.db.selectFrom('verifications').selectAll().where('user_id', '=', user.userId).execute();
    expect(row).toMatchObject({ status: 'failed', refunded: true, refund_reason: 'failed' });
    const ledger = await ledgerOf(user.userId);
    expect(ledger.map((e) => e.kind)).toEqual(['adjustment', 'purchase', 'refund']);
    expect(ledger[2]!.amount_cents).toBe(-ledger[1]!.amount_cents);
    expect(await server.services.wallet.reconcile(user.userId)).toEqual({ balance: 10_000, ledgerSum: 10_000, entries: 3 });
    const seen = await adminView(row!.id);
    expect(seen.provider_attempts.map((a: { provider: string; error_code: string }) => [a.provider, a.error_code])).toEqual([
      ['simulator', 'unavailable'],
      ['backup', 'no_numbers'],
    ]);
  });

  it('a crash between attempts is recovered by the expiry sweeper, refunded once; the attempt that comes back late changes no money', async () => {
    const user = await server.register();
    await server.fund(user.userId, 10_000);
    server.simulator.failPurchases('unavailable');
    const gate = backup.hold();
    const purchase = buy(user.token);
    await gate.entered;

    // as a node that died here leaves it: debited, moved to the backup route, no number
    const [stranded] = await server.database.db.selectFrom('verifications').selectAll().where('user_id', '=', user.userId).execute();
    expect(stranded).toMatchObject({ status: 'pending', provider_id: 'backup', provider_ref: null });
    expect(stranded!.provider_attempts).toEqual([expect.objectContaining({ provider: 'simulator', outcome: 'failed' })]);
    await server.database.db
      .updateTable('verifications')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', stranded!.id)
      .execute();
    expect(await sweepExpiredVerifications(server.services.verifications)).toBe(1);
    expect(await server.services.wallet.reconcile(user.userId)).toEqual({ balance: 10_000, ledgerSum: 10_000, entries: 3 });

    // the backup answers after all: the number is released, nothing is charged or refunded again
    gate.open();
    const late = await purchase;
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ id: stranded!.id, status: 'expired', refunded: true, phone_number: null });
    expect(backup.inspect(backup.rented.at(-1)!).state).toBe('cancelled');
    expect(await server.services.wallet.reconcile(user.userId)).toEqual({ balance: 10_000, ledgerSum: 10_000, entries: 3 });
  });

  it('a cancel between attempts: refunded once, and the number the next route rents afterwards is released', async () => {
    const user = await server.register();
    await server.fund(user.userId, 10_000);
    server.simulator.failPurchases('no_numbers');
    const gate = backup.hold();
    const purchase = buy(user.token);
    await gate.entered;
    const [pending] = await server.database.db.selectFrom('verifications').select('id').where('user_id', '=', user.userId).execute();
    const cancelled = await server.request('POST', `/v1/verifications/${pending!.id}/cancel`, { token: user.token });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', refunded: true });

    gate.open();
    const late = await purchase;
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ id: pending!.id, status: 'cancelled', refunded: true });
    expect(backup.inspect(backup.rented.at(-1)!).state).toBe('cancelled');
    const ledger = await ledgerOf(user.userId);
    expect(ledger.map((e) => e.kind)).toEqual(['adjustment', 'purchase', 'refund']);
    expect(await server.services.wallet.reconcile(user.userId)).toEqual({ balance: 10_000, ledgerSum: 10_000, entries: 3 });
    const seen = await adminView(pending!.id);
    expect(seen.provider_attempts.map((a: { provider: string; outcome: string }) => [a.provider, a.outcome])).toEqual([
      ['simulator', 'failed'],
      ['backup', 'purchased'],
    ]);
  });
});
