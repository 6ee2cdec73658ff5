import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendEvent } from '../../src/storage/events/append-event.ts';
import { OutboxDispatcher } from '../../src/events/outbox-dispatcher.ts';
import { DRIVERS } from '../support/test-server.ts';
import { createNotificationTestApp, type NotificationTestApp } from './support/notification-test-app.ts';

describe.each(DRIVERS)('the router as an outbox consumer (%s)', (driver) => {
  let t: NotificationTestApp;
  let dispatcher: OutboxDispatcher;
  beforeEach(async () => {
    t = await createNotificationTestApp(driver);
    dispatcher = new OutboxDispatcher({ db: t.server.database.db, consumers: [t.module.consumer], pollIntervalMs: 0 });
    await dispatcher.start();
  });
  afterEach(async () => {
    await dispatcher.stop();
    await t.close();
  });

  it('notifies of committed events only, once each, even when a batch is handed over again', async () => {
    const { token, userId } = await t.user();
    const data = { id: 'ver_OUTBOX1', service: 'whatsapp', phone_number: '+15555550199', code: '246810', status: 'completed' };
    // a rolled-back change leaves no event, so no notification
    await t.server.database.db
      .transaction()
      .execute(async (trx) => {
        await appendEvent(trx, { userId, type: 'verification.completed', data });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    const committed = await t.server.database.db
      .transaction()
      .execute((trx) => appendEvent(trx, { userId, type: 'verification.completed', data }));
    expect(await dispatcher.drain()).toBe(1);
    expect((await t.request('GET', '/v1/notifications/unread-count', { token })).body).toEqual({ count: 1 });
    // at-least-once: the same event handed over again changes nothing
    await t.module.consumer.handle([committed]);

    const list = await t.request('GET', '/v1/notifications', { token });
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]).toMatchObject({
      event_id: committed.id,
      title: 'Whatsapp code received',
      data: { verification_id: 'ver_OUTBOX1' },
    });
  });
});
