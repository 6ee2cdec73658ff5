import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/test-server.ts';
import { committedEvent, createWebhookHarness, type WebhookHarness } from './support/webhook-harness.ts';
import { startReceiver, type WebhookReceiver } from './support/webhook-receiver.ts';

/** The most requests that arrived within any `windowMs`. */
const busiestWindow = (times: number[], windowMs: number) => {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
};

describe.each(DRIVERS)('per-endpoint delivery rate limit (%s)', (driver) => {
  let h: WebhookHarness;
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    h = await createWebhookHarness(driver);
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await h.webhooks.worker.stop();
    await receiver.close();
    await h.close();
  });

  it('is set on create, changed and removed on update, and refused out of range', async () => {
    const user = await h.proUser();
    const created = await h.request('POST', '/v1/webhook-endpoints', {
      token: user.token,
      body: { url: 'http://127.0.0.1:9/hook', event_types: ['*'], max_deliveries_per_second: 5 },
    });
    expect([created.status, created.body.max_deliveries_per_second]).toEqual([201, 5]);
    const path = `/v1/webhook-endpoints/${created.body.id}`;
    expect(
      (await h.request('PATCH', path, { token: user.token, body: { max_deliveries_per_second: 50 } })).body.max_deliveries_per_second,
    ).toBe(50);
    expect((await h.request('PATCH', path, { token: user.token, body: { description: 'x' } })).body.max_deliveries_per_second).toBe(50);
    expect(
      (await h.request('PATCH', path, { token: user.token, body: { max_deliveries_per_second: null } })).body.max_deliveries_per_second,
    ).toBeNull();
    for (const bad of [0, 1001, 2.5, '10']) {
      const refused = await h.request('PATCH', path, { token: user.token, body: { max_deliveries_per_second: bad } });
      expect([refused.status, refused.body.code], String(bad)).toEqual([422, 'validation_failed']);
    }
    const plain = await h.request('POST', '/v1/webhook-endpoints', {
      token: user.token,
      body: { url: 'http://127.0.0.1:9/hook', event_types: ['*'] },
    });
    expect(plain.body.max_deliveries_per_second).toBeNull();
  });

  it('paces deliveries to the limit across concurrent claimers, queues the rest and drops none; other endpoints are not slowed', async () => {
    const userId = await h.insertUser();
    const paced = await h.webhooks.endpoints.create(userId, {
      url: `${receiver.url}/paced`,
      event_types: ['*'],
      max_deliveries_per_second: 10,
    });
    await h.webhooks.endpoints.create(userId, { url: `${receiver.url}/free`, event_types: ['*'] });
    const arrivals: Record<string, number[]> = { '/paced': [], '/free': [] };
    const ids: string[] = [];
    receiver.respond((request, res) => {
      arrivals[request.path]!.push(Date.now());
      if (request.path === '/paced') ids.push(request.headers['webhook-id']!);
      res.statusCode = 204;
      res.end();
    });
    const events = Array.from({ length: 30 }, (_, i) => committedEvent(userId, 'refund.issued', { amount: i, reason: 'expired' }));
    for (const event of events) await h.webhooks.handleEvent(event);

    const started = Date.now();
    h.webhooks.worker.start();
    // a second claimer on the same database, as another node's worker would be
    const other = (async () => {
      while (Date.now() - started < 2_000) {
        await h.webhooks.worker.runDue();
        await new Promise((r) => setTimeout(r, 30));
      }
    })();
    await receiver.waitFor(60, 20_000);
    await other;

    expect(arrivals['/free']!.length).toBe(30);
    expect(Math.max(...arrivals['/free']!) - started).toBeLessThan(2_000);
    // 30 at 10/s: send slots 100 ms apart from the first, so they span about 2.9 s and no two seconds hold
    // more than 20 of them. Arrivals carry the machine's jitter (a late send bunches with the next one), so
    // a window may see a few more; unpaced, all 30 arrive within a few hundred milliseconds.
    expect(ids.length).toBe(30);
    expect(new Set(ids).size).toBe(30);
    expect(busiestWindow(arrivals['/paced']!, 2_000)).toBeLessThanOrEqual(23);
    expect(Math.max(...arrivals['/paced']!) - Math.min(...arrivals['/paced']!)).toBeGreaterThanOrEqual(2_500);
    expect(new Set(ids)).toEqual(new Set(events.map((e) => e.id)));
    await h.webhooks.worker.stop(); // waits for the outcomes in flight to be recorded
    const pending = await h.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('endpoint_id', '=', paced.endpoint.id)
      .where('status', '!=', 'succeeded')
      .execute();
    expect(pending).toEqual([]);
  }, 40_000);
});
