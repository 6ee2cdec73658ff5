import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyEndpointDisabled, webhookChannelFilter } from '../../src/notifications/router/webhook-hooks.ts';
import { DRIVERS } from '../support/test-server.ts';
import { createNotificationTestApp, type NotificationTestApp } from './support/notification-test-app.ts';

describe.each(DRIVERS)('hooks for the webhook module (%s)', (driver) => {
  let t: NotificationTestApp;
  beforeAll(async () => {
    t = await createNotificationTestApp(driver);
  });
  afterAll(async () => {
    await t.close();
  });

  it('notifies of a disabled endpoint in the disabling transaction: with its commit, not with its rollback', async () => {
    const { token, userId, email } = await t.user();
    const hook = notifyEndpointDisabled(t.module.router);
    const notice = (endpointId: string) => ({
      userId,
      endpointId,
      url: 'https://example.com/hooks',
      reason: 'gone_410' as const,
      disabledAt: t.clock.now(),
    });
    await t.server.database.db
      .transaction()
      .execute(async (trx) => {
        await hook(notice('whk_ROLLEDBACK'), trx);
        throw new Error('the disable failed');
      })
      .catch(() => undefined);
    await t.server.database.db.transaction().execute((trx) => hook(notice('whk_DISABLED1'), trx));
    // the webhook module may report the same disable again after a crash
    await t.server.database.db.transaction().execute((trx) => hook(notice('whk_DISABLED1'), trx));
    await t.module.worker.deliverDue();

    const list = (await t.request('GET', '/v1/notifications', { token })).body.data;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      type: 'webhook.endpoint_disabled',
      severity: 'warning',
      event_id: null,
      data: { endpoint_id: 'whk_DISABLED1' },
      body: 'Your webhook endpoint https://example.com/hooks was disabled: it answered 410 Gone.',
    });
    expect((await t.mailTo(email)).map((m) => m.subject)).toEqual(['Webhook endpoint disabled']);
  });

  it('lets the webhook fan-out send a type only while its preference lists webhook', async () => {
    const { token, userId } = await t.user();
    const filter = webhookChannelFilter(t.module.preferences);
    const one = async (type: string) => (await filter([{ userId, type }]))[0];
    expect(await one('verification.completed')).toBe(true);
    await t.request('PATCH', '/v1/notification-preferences/verification.completed', { token, body: { channels: ['in_app'] } });
    expect(await one('verification.completed')).toBe(false);
    await t.request('PATCH', '/v1/notification-preferences/refund.issued', { token, body: { enabled: false } });
    expect(await one('refund.issued')).toBe(false);
    expect(await one('balance.low')).toBe(true);
  });

  it('answers a batch of several accounts and types in order, each by the preference of its own account', async () => {
    const muted = await t.user();
    const other = await t.user();
    await t.request('PATCH', '/v1/notification-preferences/balance.low', { token: muted.token, body: { channels: ['in_app'] } });
    const filter = webhookChannelFilter(t.module.preferences);
    expect(
      await filter([
        { userId: muted.userId, type: 'balance.low' },
        { userId: other.userId, type: 'balance.low' },
        { userId: muted.userId, type: 'webhook.test' },
        { userId: muted.userId, type: 'refund.issued' },
        { userId: muted.userId, type: 'balance.low' },
      ]),
    ).toEqual([false, true, true, true, false]);
    expect(await filter([])).toEqual([]);
  });
});
