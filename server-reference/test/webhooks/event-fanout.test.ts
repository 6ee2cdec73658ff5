import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendEvent, OutboxDispatcher } from '../../src/events/index.ts';
import { DRIVERS } from '../support/test-server.ts';
import { committedEvent, createWebhookHarness, type WebhookHarness } from './support/webhook-harness.ts';
import { startReceiver, type WebhookReceiver } from './support/webhook-receiver.ts';

describe.each(DRIVERS)('from committed events to deliveries (%s)', (driver) => {
  let h: WebhookHarness;
  let receiver: WebhookReceiver;
  beforeEach(async () => {
    h = await createWebhookHarness(driver);
    receiver = await startReceiver();
  });
  afterEach(async () => {
    await receiver.close();
    await h.close();
  });

  const attempts = () => h.db.selectFrom('webhook_deliveries').selectAll().execute();

  it('queues one first attempt per matching endpoint, once, however often the event is handed over', async () => {
    const userId = await h.insertUser();
    const other = await h.insertUser();
    const all = await h.endpoint(userId, `${receiver.url}/all`, ['*']);
    const refunds = await h.endpoint(userId, `${receiver.url}/refunds`, ['refund.issued']);
    await h.endpoint(userId, `${receiver.url}/sms`, ['sms.received']);
    await h.endpoint(other, `${receiver.url}/other`, ['*']);

    const event = committedEvent(userId, 'refund.issued');
    expect(await h.webhooks.fanout.handle(event)).toBe(2);
    expect(await h.webhooks.fanout.handle(event)).toBe(0);
    await h.webhooks.consumer.handle([event as any]);
    const rows = await attempts();
    expect(rows.map((r) => r.endpoint_id).sort()).toEqual([all.id, refunds.id].sort());
    expect(rows.every((r) => r.status === 'pending' && r.attempt === 1 && r.trigger === 'event')).toBe(true);
  });

  it('records events for a disabled endpoint as failed without sending, and sends nothing on a tier without webhooks', async () => {
    const userId = await h.insertUser();
    const { id } = await h.endpoint(userId, `${receiver.url}/hook`);
    await h.webhooks.endpoints.update(userId, id, { enabled: false });
    await h.webhooks.fanout.handle(committedEvent(userId));
    await h.webhooks.worker.runDue();
    expect(await attempts()).toEqual([expect.objectContaining({ status: 'failed', error_code: 'endpoint_disabled', attempted_at: null })]);
    expect(receiver.received).toHaveLength(0);

    const basic = await h.insertUser('tier_basic');
    await h.db
      .insertInto('webhook_endpoints')
      .values({
        ...(await h.webhooks.endpoints.get(userId, id)),
        id: 'whk_basic',
        user_id: basic,
        enabled: true,
        disabled_reason: null,
        disabled_at: null,
        event_types: JSON.stringify(['*']),
        headers_shown: JSON.stringify({}),
      })
      .execute();
    expect(await h.webhooks.fanout.handle(committedEvent(basic))).toBe(0);
  });

  it('leaves out the types the account turned off for webhooks', async () => {
    const module = (await import('../../src/webhooks/index.ts')).createWebhookModule({
      db: h.server.database.db,
      config: h.webhooks.config,
      channelFilter: async (events) => events.map((event) => event.type !== 'sms.received'),
    });
    const userId = await h.insertUser();
    await h.endpoint(userId, `${receiver.url}/hook`);
    expect(await module.fanout.handle(committedEvent(userId, 'sms.received'))).toBe(0);
    expect(await module.fanout.handle(committedEvent(userId, 'refund.issued'))).toBe(1);
    // in one batch, the filter's answer for each event is applied to that event
    expect(await module.fanout.handleMany([committedEvent(userId, 'sms.received'), committedEvent(userId, 'credit.deducted')])).toBe(1);
    await module.stop();
  });

  it('delivers events appended in a transaction through the outbox dispatcher', async () => {
    const userId = await h.insertUser();
    const { id } = await h.endpoint(userId, `${receiver.url}/hook`);
    const dispatcher = new OutboxDispatcher({ db: h.server.database.db, consumers: [h.webhooks.consumer], pollIntervalMs: 0 });
    await dispatcher.start();
    try {
      h.webhooks.worker.start();
      const appended = await h.server.database.db
        .transaction()
        .execute((trx) => appendEvent(trx, { userId, type: 'refund.issued', data: { amount: 250 } }));
      await dispatcher.drain();
      const [request] = await receiver.waitFor(1);
      if (!request) throw new Error('no webhook request was received');
      expect(request.headers['webhook-id']).toBe(appended.id);
      expect(JSON.parse(request.body)).toMatchObject({
        id: appended.id,
        type: 'refund.issued',
        sequence: appended.sequence,
        data: { amount: 250 },
      });
      const [delivery] = await h.webhooks.log.list(userId, id, { limit: 10 });
      if (!delivery) throw new Error('no delivery was logged');
      expect(delivery.event_id).toBe(appended.id);
    } finally {
      await dispatcher.stop();
    }
  });
});
