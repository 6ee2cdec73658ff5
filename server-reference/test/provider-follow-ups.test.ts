import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../src/domain/ports/provider-error.ts';
import type { ProviderSms, UpstreamProvider } from '../src/domain/ports/upstream-provider.ts';
import { expireOverdueTopUps, pruneIdempotencyKeys } from '../src/jobs/housekeeping.ts';
import { pollProviderSms } from '../src/jobs/sms-poller.ts';
import { createTestServer, DRIVERS, type TestServer } from './support/test-server.ts';

/** A pull-only provider (like TextVerified and 5sim): SMS are only seen through fetchSms. */
function pullOnlyProvider() {
  const inbox = new Map<string, ProviderSms[]>();
  let next = 0;
  let fetches = 0;
  let cancelError: ProviderError | null = null;
  const provider: UpstreamProvider & {
    deliver(ref: string, text: string): void;
    fetches(): number;
    failCancel(e: ProviderError | null): void;
  } = {
    id: 'pullonly',
    async purchase() {
      const ref = `pull_${++next}`;
      inbox.set(ref, []);
      return { providerRef: ref, phoneNumber: `+1555010${String(next).padStart(4, '0')}`, costCents: 40 };
    },
    async fetchSms(ref) {
      fetches++;
      return [...(inbox.get(ref) ?? [])];
    },
    async cancel() {
      if (cancelError) throw cancelError;
    },
    async report() {},
    async balance() {
      return 10_000;
    },
    async catalog() {
      return [{ service: 'telegram', country: 'GB', costCents: 40, available: 5 }];
    },
    deliver(ref, text) {
      inbox
        .get(ref)!
        .push({ providerMessageId: `m${inbox.get(ref)!.length}`, from: 'Telegram', text, parsedCode: null, receivedAt: new Date() });
    },
    fetches: () => fetches,
    failCancel(e) {
      cancelError = e;
    },
  };
  return provider;
}

describe.each(DRIVERS)('provider registry follow-ups (%s)', (driver) => {
  let server: TestServer;
  let pull: ReturnType<typeof pullOnlyProvider>;
  beforeAll(async () => {
    pull = pullOnlyProvider();
    // the pull-only provider gets routing priority 1, so telegram/GB is bought from it
    server = await createTestServer(driver, { extraProviders: () => [pull], simulatorLast: true, simulator: { minCancelAfterMs: 0 } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('purchases are routed through the registry; pull-only providers are polled, deduped by message id', async () => {
    const user = await server.register();
    await server.fund(user.userId, 1000);
    const bought = await server.request('POST', '/v1/verifications', { token: user.token, body: { service: 'telegram', country: 'GB' } });
    expect(bought.status).toBe(201);
    const row = await server.database.db.selectFrom('verifications').selectAll().where('id', '=', bought.body.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ provider_id: 'pullonly', cost_cents: 40 });
    // the simulator's rentals are pushed, never polled
    const simulated = await server.request('POST', '/v1/verifications', { token: user.token, body: { service: 'google', country: 'US' } });
    expect(simulated.status).toBe(201);
    expect(await pollProviderSms(server.services.providers, server.services.verifications)).toBe(1);
    pull.deliver(row.provider_ref!, 'Telegram code 55821');
    await pollProviderSms(server.services.providers, server.services.verifications);
    await pollProviderSms(server.services.providers, server.services.verifications);
    const got = await server.request('GET', `/v1/verifications/${row.id}`, { token: user.token });
    expect(got.body).toMatchObject({ status: 'completed', code: '55821', sms_count: 1 });
    // completed but still held: polled until expires_at, so another code arrives too
    expect(await pollProviderSms(server.services.providers, server.services.verifications)).toBe(1);
    const another = await server.request('POST', `/v1/verifications/${row.id}/another-code`, { token: user.token });
    expect(another.status).toBe(200);
    pull.deliver(row.provider_ref!, 'Telegram code 66932');
    await pollProviderSms(server.services.providers, server.services.verifications);
    const again = await server.request('GET', `/v1/verifications/${row.id}`, { token: user.token });
    expect(again.body).toMatchObject({ status: 'completed', code: '66932', sms_count: 2 });
    // past expires_at the number is released: nothing is polled for that provider any more
    await server.database.db
      .updateTable('verifications')
      .set({ expires_at: new Date(Date.now() - 1) })
      .where('id', '=', row.id)
      .execute();
    const before = pull.fetches();
    expect(await pollProviderSms(server.services.providers, server.services.verifications)).toBe(0);
    expect(pull.fetches()).toBe(before);
  });

  it('an SMS pushed before the purchase stored the rental is buffered, then applied', async () => {
    const user = await server.register();
    await server.fund(user.userId, 1000);
    // the simulator pushes at once (delay 0), racing the end of the purchase
    const early = await createTestServer(driver, { simulator: { noSmsRate: 0, smsDelayMs: 0 } });
    try {
      const u = await early.register();
      await early.fund(u.userId, 1000);
      const bought = await early.request('POST', '/v1/verifications', { token: u.token, body: { service: 'google', country: 'US' } });
      expect(bought.status).toBe(201);
      let status = '';
      for (let i = 0; i < 50 && status !== 'completed'; i++) {
        status = (await early.request('GET', `/v1/verifications/${bought.body.id}`, { token: u.token })).body.status;
        if (status !== 'completed') await new Promise((r) => setTimeout(r, 20));
      }
      expect(status).toBe('completed');
    } finally {
      await early.close();
    }
    // and directly: an SMS for an unknown rental waits in the buffer
    await server.services.verifications.receiveSms('simulator', 'sim_not_yet', {
      providerMessageId: 'x1',
      from: null,
      text: 'code 4321',
      parsedCode: null,
      receivedAt: new Date(),
    });
    const buffered = await server.database.db.selectFrom('unmatched_sms').selectAll().where('provider_ref', '=', 'sim_not_yet').execute();
    expect(buffered).toHaveLength(1);
    expect(await server.services.verifications.pruneUnmatchedSms(new Date(Date.now() + 1000))).toBeGreaterThanOrEqual(1);
  });

  it('cancel: provider invalid_state is 409 verification_not_cancellable; cancel_too_early carries the provider wait', async () => {
    const user = await server.register();
    await server.fund(user.userId, 1000);
    const bought = await server.request('POST', '/v1/verifications', { token: user.token, body: { service: 'telegram', country: 'GB' } });
    pull.failCancel(new ProviderError('invalid_state', 'sms already received', { provider: 'pullonly' }));
    const refused = await server.request('POST', `/v1/verifications/${bought.body.id}/cancel`, { token: user.token });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('verification_not_cancellable');
    pull.failCancel(new ProviderError('cancel_too_early', 'wait', { provider: 'pullonly', retryable: true, retryAfterMs: 42_500 }));
    const early = await server.request('POST', `/v1/verifications/${bought.body.id}/cancel`, { token: user.token });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('cancel_too_early');
    expect(early.headers.get('retry-after')).toBe('43');
    pull.failCancel(null);
    expect((await server.request('POST', `/v1/verifications/${bought.body.id}/cancel`, { token: user.token })).body.status).toBe(
      'cancelled',
    );
    expect((await server.services.wallet.reconcile(user.userId)).balance).toBe(1000);
  });

  it('overdue top-ups expire; old idempotency keys are pruned', async () => {
    const user = await server.register();
    const topUp = await server.request('POST', '/v1/wallet/top-ups', { token: user.token, body: { amount: 500 } });
    expect(topUp.status).toBe(201);
    expect(await expireOverdueTopUps(server.database.db)).toBe(0);
    await server.database.db
      .updateTable('top_ups')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', topUp.body.id)
      .execute();
    expect(await expireOverdueTopUps(server.database.db)).toBe(1);
    expect((await server.request('GET', `/v1/wallet/top-ups/${topUp.body.id}`, { token: user.token })).body.status).toBe('expired');

    await server.request('POST', '/v1/verifications', {
      token: user.token,
      body: { service: 'google', country: 'US' },
      headers: { 'Idempotency-Key': 'old-key-1' },
    });
    await server.database.db
      .updateTable('idempotency_keys')
      .set({ created_at: new Date(Date.now() - 25 * 3600_000) })
      .where('key', '=', 'old-key-1')
      .execute();
    expect(await pruneIdempotencyKeys(server.database.db)).toBe(1);
    expect(await pruneIdempotencyKeys(server.database.db)).toBe(0);
  });
});
