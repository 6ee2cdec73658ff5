import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/test-server.ts';
import { createNotificationTestApp, type NotificationTestApp } from './support/notification-test-app.ts';

const verification = (id: string) => ({ id, service: 'telegram', phone_number: '+15555550100', code: '123456', status: 'completed' });

describe.each(DRIVERS)('in-app notifications over HTTP (%s)', (driver) => {
  let t: NotificationTestApp;
  beforeAll(async () => {
    t = await createNotificationTestApp(driver);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Three notifications a minute apart: two completed verifications and a low balance. */
  async function seed(userId: string) {
    t.clock.set('2026-11-20T10:00:00Z');
    const first = t.event(userId, 'verification.completed', verification('ver_A1'));
    await t.module.router.routeEvent(first);
    t.clock.set('2026-11-20T10:01:00Z');
    await t.module.router.routeEvent(
      t.event(userId, 'balance.low', { balance: { amount: 10, currency: 'USD' }, threshold: { amount: 500, currency: 'USD' } }),
    );
    t.clock.set('2026-11-20T10:02:00Z');
    await t.module.router.routeEvent(t.event(userId, 'verification.completed', verification('ver_A3')));
    return first;
  }

  it('lists newest first with the event id and related ids, and pages with a cursor', async () => {
    const { token, userId } = await t.user();
    const first = await seed(userId);
    const all = await t.request('GET', '/v1/notifications', { token });
    expect(all.status).toBe(200);
    expect(all.body.data.map((n: any) => n.type)).toEqual(['verification.completed', 'balance.low', 'verification.completed']);
    expect(all.body.data[2]).toMatchObject({
      title: 'Telegram code received',
      body: 'Your Telegram number +15555550100 received the code 123456.',
      severity: 'info',
      data: { verification_id: 'ver_A1' },
      read_at: null,
      created_at: '2026-11-20T10:00:00.000Z',
      event_id: first.id,
    });
    const page1 = await t.request('GET', '/v1/notifications?limit=2', { token });
    expect(page1.body).toMatchObject({ has_more: true });
    expect(page1.body.data).toHaveLength(2);
    const page2 = await t.request('GET', `/v1/notifications?limit=2&starting_after=${page1.body.next_cursor}`, { token });
    expect(page2.body).toMatchObject({ has_more: false, next_cursor: null });
    expect(page2.body.data.map((n: any) => n.id)).toEqual([all.body.data[2].id]);
    const filtered = await t.request('GET', '/v1/notifications?type=balance.low&severity=warning', { token });
    expect(filtered.body.data.map((n: any) => n.type)).toEqual(['balance.low']);
  });

  it('counts unread, marks one read idempotently, and marks all read', async () => {
    const { token, userId } = await t.user();
    await seed(userId);
    expect((await t.request('GET', '/v1/notifications/unread-count', { token })).body).toEqual({ count: 3 });
    const list = (await t.request('GET', '/v1/notifications', { token })).body.data;

    t.clock.set('2026-11-20T11:00:00Z');
    const read = await t.request('POST', `/v1/notifications/${list[0].id}/read`, { token });
    expect(read.status).toBe(200);
    expect(read.body.read_at).toBe('2026-11-20T11:00:00.000Z');
    t.clock.set('2026-11-20T11:05:00Z');
    const again = await t.request('POST', `/v1/notifications/${list[0].id}/read`, { token });
    expect(again.body.read_at).toBe('2026-11-20T11:00:00.000Z');
    expect((await t.request('GET', '/v1/notifications/unread-count', { token })).body).toEqual({ count: 2 });
    expect((await t.request('GET', '/v1/notifications?unread=true', { token })).body.data).toHaveLength(2);
    expect((await t.request('GET', '/v1/notifications?unread=false', { token })).body.data.map((n: any) => n.id)).toEqual([list[0].id]);

    // only those created before 10:01:30: the oldest one
    const narrowed = await t.request('POST', '/v1/notifications/read-all', {
      token,
      body: { before: '2026-11-20T10:01:30Z', type: 'verification.completed' },
    });
    expect(narrowed.body).toEqual({ updated: 1 });
    const rest = await t.request('POST', '/v1/notifications/read-all', { token });
    expect(rest.body).toEqual({ updated: 1 });
    expect((await t.request('POST', '/v1/notifications/read-all', { token })).body).toEqual({ updated: 0 });
    expect((await t.request('GET', '/v1/notifications/unread-count', { token })).body).toEqual({ count: 0 });
    // the first one kept its own read_at
    const after = (await t.request('GET', '/v1/notifications', { token })).body.data;
    expect(after[0].read_at).toBe('2026-11-20T11:00:00.000Z');
  });

  it("keeps accounts apart: another account's notification is a 404 and its unread are not counted", async () => {
    const owner = await t.user();
    const stranger = await t.user();
    await seed(owner.userId);
    const [notification] = (await t.request('GET', '/v1/notifications', { token: owner.token })).body.data;
    const res = await t.request('POST', `/v1/notifications/${notification.id}/read`, { token: stranger.token });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
    expect((await t.request('GET', '/v1/notifications/unread-count', { token: stranger.token })).body).toEqual({ count: 0 });
    expect((await t.request('POST', '/v1/notifications/read-all', { token: stranger.token })).body).toEqual({ updated: 0 });
    expect((await t.request('GET', '/v1/notifications/unread-count', { token: owner.token })).body).toEqual({ count: 3 });
  });

  it('records in-app notifications only for types whose channels include in_app', async () => {
    const { token, userId } = await t.user();
    // sms.received has no in_app channel by default
    await t.module.router.routeEvent(
      t.event(userId, 'sms.received', {
        verification_id: 'ver_S1',
        message: { id: 'sms_S1', from: 'Telegram', text: 'Code 111222' },
        code: '111222',
      }),
    );
    expect((await t.request('GET', '/v1/notifications', { token })).body.data).toEqual([]);
    await t.request('PATCH', '/v1/notification-preferences/sms.received', { token, body: { channels: ['in_app', 'webhook'] } });
    await t.module.router.routeEvent(
      t.event(userId, 'sms.received', {
        verification_id: 'ver_S1',
        message: { id: 'sms_S2', from: 'Telegram', text: 'Code 333444' },
        code: '111222',
      }),
    );
    const list = (await t.request('GET', '/v1/notifications', { token })).body.data;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      title: 'SMS received',
      body: 'From Telegram: Code 333444',
      data: { verification_id: 'ver_S1', sms_id: 'sms_S2' },
    });
  });

  it('answers 404 for a malformed notification id (no notification has it)', async () => {
    const { token } = await t.user();
    const res = await t.request('POST', '/v1/notifications/not-an-id/read', { token });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });
});
