import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { signPaymentPayload } from '../../src/domain/payments/payment-signature.ts';
import { TestWsClient } from '../realtime/support/ws-client.ts';
import { startReceiver, type WebhookReceiver } from '../webhooks/support/webhook-receiver.ts';
import { DRIVERS } from '../support/test-server.ts';
import { buyVerification, startTestPlatform, type TestPlatform } from './support/test-platform.ts';

/**
 * The acceptance of issues 4 and 5 (and issue 17's automatic top-up) through the real, started platform (startPlatform, as main.ts runs it):
 * real HTTP, a real WebSocket, the outbox dispatcher, the job queue, a real webhook receiver.
 */
describe.each(DRIVERS)('the platform end to end (%s)', (driver) => {
  let platform: TestPlatform;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    platform = await startTestPlatform(driver);
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
    await platform?.close();
  });

  const ticket = async (token: string): Promise<string> => {
    const res = await platform.call('POST', '/v1/realtime/tickets', { token });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.url).toBe(platform.wsUrl);
    return res.body.ticket;
  };
  const connect = async (token: string, lastSequence?: number): Promise<TestWsClient> => {
    const client = new TestWsClient(platform.wsUrl);
    await client.opened;
    client.send({ type: 'auth', ticket: await ticket(token) });
    client.send(lastSequence === undefined ? { type: 'subscribe' } : { type: 'subscribe', last_sequence: lastSequence });
    await client.until((c) => c.messages.some((m) => m.type === 'ready'));
    return client;
  };

  it('WebSocket: a purchase and an injected SMS arrive live; after a reconnect exactly the three missed events follow, in order', async () => {
    const user = await platform.register();
    await platform.fund(user.userId, 10_000);
    const live = await connect(user.token);

    const bought = await buyVerification(platform, user.token);
    const sms = await platform.call('POST', `/v1/verifications/${bought.id}/sandbox-sms`, {
      token: user.token,
      body: { text: 'Your Google code is 771204' },
    });
    expect(sms.status, JSON.stringify(sms.body)).toBeLessThan(300);
    await live.until((c) => c.events.some((e) => e.type === 'verification.completed'), 10_000);
    const received = live.events.find((e) => e.type === 'sms.received');
    const completed = live.events.find((e) => e.type === 'verification.completed');
    expect(received.data).toMatchObject({ verification_id: bought.id, code: '771204' });
    expect(completed.data).toMatchObject({ id: bought.id, status: 'completed', code: '771204' });
    expect(received.sequence).toBe(completed.sequence - 1);
    expect(live.events.map((e) => e.type)).toEqual(['credit.deducted', 'verification.created', 'sms.received', 'verification.completed']);
    const last = Math.max(...live.events.map((e) => e.sequence));
    expect(await live.close()).toBe(1000);

    // three events while disconnected: a purchase (debit + created) and a paid top-up (credit)
    const second = await buyVerification(platform, user.token);
    const topUp = await platform.call('POST', '/v1/wallet/top-ups', { token: user.token, body: { amount: 1500 } });
    const raw = JSON.stringify({
      event_id: `evt_sbx_${topUp.body.id}`,
      reference: topUp.body.id,
      status: 'succeeded',
      amount: { amount: 1500, currency: 'USD' },
    });
    const paid = await fetch(`${platform.url}/v1/wallet/payment-callbacks/sandbox`, {
      method: 'POST',
      body: raw,
      headers: {
        'Content-Type': 'application/json',
        'Payment-Signature': signPaymentPayload(platform.services.config.paymentWebhookSecret, raw),
      },
    });
    expect(paid.status).toBeLessThan(300);

    const resumed = await connect(user.token, last);
    await resumed.until((c) => c.events.length >= 3, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 500)); // anything extra (a duplicate) would show up now
    expect(resumed.events.map((e) => [e.sequence, e.type])).toEqual([
      [last + 1, 'credit.deducted'],
      [last + 2, 'verification.created'],
      [last + 3, 'balance.credited'],
    ]);
    expect(resumed.events[1].data.id).toBe(second.id);
    await resumed.close();
  });

  it('webhooks: an endpoint registered through the API receives the signed events of a real purchase', async () => {
    const user = await platform.register();
    await platform.fund(user.userId, 10_000);
    await platform.database.db.updateTable('users').set({ tier_id: 'tier_pro' }).where('id', '=', user.userId).execute();
    const created = await platform.call('POST', '/v1/webhook-endpoints', {
      token: user.token,
      body: { url: `${receiver.url}/hooks/namaskah`, event_types: ['verification.created', 'verification.completed'] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const before = receiver.received.length;
    const bought = await buyVerification(platform, user.token);
    await platform.call('POST', `/v1/verifications/${bought.id}/sandbox-sms`, { token: user.token, body: { text: 'code 550123' } });
    const requests = (await receiver.waitFor(before + 2, 15_000)).slice(before);
    const verifier = new Webhook(created.body.secret);
    const payloads = requests.map((r) => verifier.verify(r.body, r.headers) as any);
    expect(payloads.map((p) => p.type).sort()).toEqual(['verification.completed', 'verification.created']);
    for (const p of payloads) expect(p.data.id).toBe(bought.id);
    // the id is the event's, and a changed byte breaks the signature
    const events = await platform.call('GET', '/v1/events?type=verification.created', { token: user.token });
    expect(requests.map((r) => r.headers['webhook-id'])).toContain(events.body.data[0].id);
    expect(() => verifier.verify(requests[0]!.body.replace('verification', 'verificatioN'), requests[0]!.headers)).toThrow();
    // and the delivery log shows the successful attempts
    const deliveries = await platform.call('GET', `/v1/webhook-endpoints/${created.body.id}/deliveries`, { token: user.token });
    expect(deliveries.status).toBe(200);
    expect(deliveries.body.data.length).toBeGreaterThanOrEqual(2);
  });

  it('notifications: a real event and a security change become in-app notifications listed through the API', async () => {
    const user = await platform.register();
    await platform.fund(user.userId, 10_000);
    const bought = await buyVerification(platform, user.token);
    await platform.call('POST', `/v1/verifications/${bought.id}/sandbox-sms`, { token: user.token, body: { text: 'code 918273' } });
    const changed = await platform.call('POST', '/v1/me/password', {
      token: user.token,
      body: { current_password: 'correct horse battery', new_password: 'another horse battery' },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(204);
    let list: any = null;
    const deadline = Date.now() + 10_000;
    do {
      list = await platform.call('GET', '/v1/notifications', { token: user.token });
      if (list.body.data?.some((n: any) => n.type === 'verification.completed')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    } while (Date.now() < deadline);
    expect(list.status).toBe(200);
    const types = list.body.data.map((n: any) => n.type);
    expect(types).toContain('verification.completed');
    expect(types).toContain('security.alert');
    const unread = await platform.call('GET', '/v1/notifications/unread-count', { token: user.token });
    expect(unread.status).toBe(200);
    expect(unread.body.count).toBeGreaterThanOrEqual(2);
  });

  it('automatic top-up: a purchase that crosses the owner threshold starts one pending top-up, in the background', async () => {
    const user = await platform.register();
    const settings = await platform.call('PATCH', '/v1/wallet', {
      token: user.token,
      body: { low_balance_threshold: 9_000, auto_top_up: { enabled: true, amount: 3_000 } },
    });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
    await platform.fund(user.userId, 9_000);
    await buyVerification(platform, user.token);
    let topUps: any = null;
    const deadline = Date.now() + 10_000;
    do {
      topUps = await platform.call('GET', '/v1/wallet/top-ups', { token: user.token });
      if (topUps.body.data?.length) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    } while (Date.now() < deadline);
    expect(topUps.body.data).toHaveLength(1);
    expect(topUps.body.data[0]).toMatchObject({ status: 'pending', amount: { amount: 3_000, currency: 'USD' } });
    const wallet = await platform.call('GET', '/v1/wallet', { token: user.token });
    expect(wallet.body.auto_top_up.last_triggered_at).not.toBeNull();
  });
});
