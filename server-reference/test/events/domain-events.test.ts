import { afterEach, describe, expect, it } from 'vitest';
import { signPaymentPayload } from '../../src/domain/payments/payment-signature.ts';
import { toWireEvent } from '../../src/storage/events/event-catalog.ts';
import { EventStore } from '../../src/events/event-store.ts';
import { specRef } from '../../src/http/openapi/create-ajv.ts';
import { sweepExpiredVerifications } from '../../src/jobs/verification-expiry-sweeper.ts';
import { contract } from '../support/contract.ts';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';

/**
 * The domain writes its events in the transactions of the real API paths (not hand-appended): buy,
 * complete, cancel, expire, top up and a purchase that crosses the low-balance threshold; every stored
 * event must be a valid spec Event and each user's sequences 1..n with no gap.
 */
describe.each(DRIVERS)('events written by the domain (%s)', (driver) => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  it('buy, SMS, cancel, expire and top-up write the catalog events in order, valid against the spec', async () => {
    server = await createTestServer(driver);
    const { ajv } = await contract();
    const validate = ajv.compile(specRef('#/components/schemas/Event'));
    const user = await server.register();
    const other = await server.register();
    await server.fund(user.userId, 1000);
    await server.fund(other.userId, 1000);
    const buy = async (token: string) => {
      const res = await server.request('POST', '/v1/verifications', { token, body: { service: 'google', country: 'US' } });
      expect(res.status, res.text).toBe(201);
      return res.body;
    };

    const first = await buy(user.token);
    const sms = await server.request('POST', `/v1/verifications/${first.id}/sandbox-sms`, {
      token: user.token,
      body: { text: 'Your Google code is 482913' },
    });
    expect(sms.status, sms.text).toBeLessThan(300);
    const second = await buy(user.token);
    expect((await server.request('POST', `/v1/verifications/${second.id}/cancel`, { token: user.token })).status).toBe(200);
    const third = await buy(user.token);
    await server.database.db
      .updateTable('verifications')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', third.id)
      .execute();
    expect(await sweepExpiredVerifications(server.services.verifications)).toBe(1);
    const topUp = await server.request('POST', '/v1/wallet/top-ups', { token: user.token, body: { amount: 1500 } });
    const raw = JSON.stringify({
      event_id: 'evt_sbx_domain',
      reference: topUp.body.id,
      status: 'succeeded',
      amount: { amount: 1500, currency: 'USD' },
    });
    const paid = await server.request('POST', '/v1/wallet/payment-callbacks/sandbox', {
      rawBody: raw,
      headers: {
        'Content-Type': 'application/json',
        'Payment-Signature': signPaymentPayload(server.services.config.paymentWebhookSecret, raw),
      },
    });
    expect(paid.status, paid.text).toBeLessThan(300);
    // a second user, interleaved, keeps a sequence of its own; this purchase drains the wallet below the threshold
    await server.database.db
      .updateTable('wallets')
      .set({ balance_cents: 500 + first.price.amount - 1 })
      .where('user_id', '=', other.userId)
      .execute();
    await buy(other.token);

    const store = new EventStore(server.database.db);
    const events = await store.range(user.userId, 0, 1000);
    expect(events.map((e) => e.type)).toEqual([
      'credit.deducted',
      'verification.created',
      'sms.received',
      'verification.completed',
      'credit.deducted',
      'verification.created',
      'verification.cancelled',
      'refund.issued',
      'credit.deducted',
      'verification.created',
      'verification.expired',
      'refund.issued',
      'balance.credited',
    ]);
    const otherEvents = await store.range(other.userId, 0, 1000);
    expect(otherEvents.map((e) => e.type)).toEqual(['credit.deducted', 'balance.low', 'verification.created']);
    for (const list of [events, otherEvents]) {
      expect(list.map((e) => e.sequence)).toEqual(list.map((_, i) => i + 1));
      for (const event of list) expect(validate(toWireEvent(event)), `${event.type}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }

    // the payloads are the API's serializations of what changed
    const byType = (type: string) => events.filter((e) => e.type === type).map((e) => e.data as any);
    expect(byType('sms.received')[0]).toMatchObject({
      verification_id: first.id,
      code: '482913',
      message: { verification_id: first.id, code: '482913' },
    });
    const completed = await server.request('GET', `/v1/verifications/${first.id}`, { token: user.token });
    expect(byType('verification.completed')[0]).toEqual(completed.body);
    expect(byType('verification.created')[0]).toMatchObject({ id: first.id, status: 'pending', phone_number: first.phone_number });
    expect(byType('verification.cancelled')[0]).toMatchObject({ id: second.id, status: 'cancelled', refunded: true });
    expect(byType('verification.expired')[0]).toMatchObject({ id: third.id, status: 'expired' });
    expect(byType('refund.issued').map((d) => d.verification_id)).toEqual([second.id, third.id]);
    expect(byType('balance.credited')[0]).toMatchObject({ type: 'top_up', top_up_id: topUp.body.id, amount: { amount: 1500 } });
    const ledger = await server.request('GET', '/v1/wallet/ledger?limit=100', { token: user.token });
    const ledgerIds = new Set(ledger.body.data.map((e: any) => e.id));
    for (const type of ['credit.deducted', 'refund.issued', 'balance.credited'])
      for (const d of byType(type)) expect(ledgerIds.has(d.id)).toBe(true);
    expect(otherEvents[1]!.data).toMatchObject({ threshold: { amount: 500 }, balance: { amount: 499 } });
  });

  it('a purchase that fails writes nothing: no event outlives a rolled-back transaction', async () => {
    server = await createTestServer(driver);
    const user = await server.register();
    await server.fund(user.userId, 1);
    const res = await server.request('POST', '/v1/verifications', { token: user.token, body: { service: 'google', country: 'US' } });
    expect(res.status).toBe(402);
    expect(await new EventStore(server.database.db).latestSequence(user.userId)).toBe(0);
  });
});
