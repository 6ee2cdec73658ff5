import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNotificationModule } from '../../src/notifications/notification-module.ts';
import { loadNotificationConfig } from '../../src/notifications/notification-config.ts';
import { DRIVERS } from '../support/test-server.ts';
import { createNotificationTestApp, type NotificationTestApp } from './support/notification-test-app.ts';

const balanceLow = { balance: { amount: 120, currency: 'USD' }, threshold: { amount: 500, currency: 'USD' } };
const credited = (cents: number) => ({
  id: `txn_C${cents}`,
  type: 'top_up',
  amount: { amount: cents, currency: 'USD' },
  balance_after: { amount: cents, currency: 'USD' },
  verification_id: null,
  top_up_id: null,
  reason: null,
  created_at: '2026-11-20T00:00:00Z',
});
const QUIET_NY = { enabled: true, start: '22:00', end: '07:00', timezone: 'America/New_York' };

describe.each(DRIVERS)('notification delivery (%s)', (driver) => {
  let t: NotificationTestApp;
  beforeEach(async () => {
    t = await createNotificationTestApp(driver, { start: '2026-11-20T12:00:00Z' });
  });
  afterEach(async () => {
    await t.close();
  });

  it('emails an event at 23:30 local during 22:00-07:00 quiet hours at 07:00 and not before', async () => {
    const { token, userId, email } = await t.user({ timezone: 'America/New_York' });
    const patch = await t.request('PATCH', '/v1/notification-preferences/balance.low', {
      token,
      body: { channels: ['in_app', 'email'], quiet_hours: QUIET_NY },
    });
    expect(patch.status).toBe(200);

    t.clock.set('2026-11-21T04:30:00Z'); // 23:30 in New York
    const routed = await t.module.router.routeEvent(t.event(userId, 'balance.low', balanceLow));
    expect(routed.status).toBe('routed');
    // the in-app record is there at once, silently
    const list = await t.request('GET', '/v1/notifications', { token });
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0]).toMatchObject({ type: 'balance.low', title: 'Low balance', severity: 'warning' });
    expect(t.live).toHaveLength(1);
    expect(t.live[0]!.message.sound).toBeNull();

    await t.module.worker.deliverDue();
    expect(await t.mailTo(email)).toHaveLength(0);
    t.clock.set('2026-11-21T08:00:00Z'); // 03:00
    await t.module.worker.deliverDue();
    t.clock.set('2026-11-21T11:59:59Z'); // 06:59:59
    await t.module.worker.deliverDue();
    expect(await t.mailTo(email)).toHaveLength(0);

    t.clock.set('2026-11-21T12:00:00Z'); // 07:00
    const run = await t.module.worker.deliverDue();
    expect(run.sent).toBe(1);
    const mail = await t.mailTo(email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe('Low balance');
    expect(mail[0]!.text).toContain('$1.20');

    // delivered once: later runs send nothing more
    t.clock.set('2026-11-21T13:00:00Z');
    await t.module.worker.deliverDue();
    expect(await t.mailTo(email)).toHaveLength(1);
  });

  it('emails a security alert at once during quiet hours, with sound', async () => {
    const { token, userId, email } = await t.user({ timezone: 'America/New_York' });
    expect(
      (await t.request('PATCH', '/v1/notification-preferences/security.alert', { token, body: { quiet_hours: QUIET_NY } })).status,
    ).toBe(200);
    t.clock.set('2026-11-21T04:45:00Z'); // 23:45 local
    await t.module.router.notify({
      type: 'security.alert',
      userId,
      key: 'signin:ses_X1',
      details: { alert: 'new_sign_in', values: { ip: '203.0.113.7' }, ids: { session_id: 'ses_X1' } },
    });
    const run = await t.module.worker.deliverDue();
    expect(run.sent).toBe(1);
    const mail = await t.mailTo(email);
    expect(mail.map((m) => m.subject)).toEqual(['New sign-in to your account']);
    expect(t.live[0]!.message).toMatchObject({
      sound: 'alarm',
      notification: { severity: 'critical', event_id: null, data: { session_id: 'ses_X1' } },
    });
  });

  it('holds every event of a day for ONE daily digest email at 08:00 local', async () => {
    const { token, userId, email } = await t.user({ timezone: 'Asia/Kolkata' });
    for (const type of ['balance.credited', 'refund.issued']) {
      const res = await t.request('PATCH', `/v1/notification-preferences/${type}`, {
        token,
        body: { channels: ['in_app', 'email'], frequency: 'daily' },
      });
      expect(res.status).toBe(200);
    }
    // 2026-11-20, 09:00, 13:00 and 21:00 in Kolkata (UTC+05:30)
    const events: Array<[string, string, unknown]> = [
      ['2026-11-20T03:30:00Z', 'balance.credited', credited(1000)],
      ['2026-11-20T07:30:00Z', 'refund.issued', { ...credited(250), type: 'refund', reason: 'expired' }],
      ['2026-11-20T15:30:00Z', 'balance.credited', credited(2000)],
    ];
    for (const [at, type, data] of events) {
      t.clock.set(at);
      await t.module.router.routeEvent(t.event(userId, type, data));
      await t.module.worker.deliverDue();
    }
    t.clock.set('2026-11-21T02:29:59Z'); // 07:59:59 the next day
    await t.module.worker.deliverDue();
    expect(await t.mailTo(email)).toHaveLength(0);

    t.clock.set('2026-11-21T02:30:00Z'); // 08:00
    const run = await t.module.worker.deliverDue();
    expect(run).toMatchObject({ sent: 3, digests: 1 });
    const mail = await t.mailTo(email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe('Your daily Namaskah digest: 3 notifications');
    // oldest first
    const order = ['$10.00', '$2.50', '$20.00'].map((amount) => mail[0]!.text.indexOf(amount));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    // an event after the digest waits for the next day's
    t.clock.set('2026-11-21T03:00:00Z');
    await t.module.router.routeEvent(t.event(userId, 'balance.credited', credited(500)));
    t.clock.set('2026-11-22T02:29:00Z');
    await t.module.worker.deliverDue();
    expect(await t.mailTo(email)).toHaveLength(1);
    t.clock.set('2026-11-22T02:30:00Z');
    await t.module.worker.deliverDue();
    expect((await t.mailTo(email)).map((m) => m.subject)).toEqual([
      'Your daily Namaskah digest: 3 notifications',
      'Your daily Namaskah digest: 1 notification',
    ]);
  });

  it('creates nothing for a disabled type', async () => {
    const { token, userId, email } = await t.user();
    expect((await t.request('PATCH', '/v1/notification-preferences/balance.low', { token, body: { enabled: false } })).status).toBe(200);
    const result = await t.module.router.routeEvent(t.event(userId, 'balance.low', balanceLow));
    expect(result.status).toBe('disabled');
    await t.module.worker.deliverDue();
    expect((await t.request('GET', '/v1/notifications', { token })).body.data).toEqual([]);
    expect(await t.mailTo(email)).toEqual([]);
    expect(await t.db.selectFrom('notification_deliveries').selectAll().where('user_id', '=', userId).execute()).toEqual([]);
    expect(t.live).toEqual([]);
  });

  it('routes an event dispatched several times (also concurrently) exactly once', async () => {
    const { token, userId, email } = await t.user();
    const event = t.event(userId, 'balance.low', balanceLow);
    const results = await Promise.all([1, 2, 3].map(() => t.module.router.routeEvent(event)));
    expect(results.map((r) => r.status).sort()).toEqual(['duplicate', 'duplicate', 'routed']);
    await t.module.consumer.handle([event, event]);
    await t.module.worker.deliverDue();
    const list = await t.request('GET', '/v1/notifications', { token });
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0].event_id).toBe(event.id);
    expect(await t.mailTo(email)).toHaveLength(1);
  });

  it('releases held deliveries at once when quiet hours are removed', async () => {
    const { token, userId, email } = await t.user({ timezone: 'America/New_York' });
    await t.request('PATCH', '/v1/notification-preferences/balance.low', {
      token,
      body: { channels: ['in_app', 'email'], quiet_hours: QUIET_NY },
    });
    t.clock.set('2026-11-21T04:30:00Z');
    await t.module.router.routeEvent(t.event(userId, 'balance.low', balanceLow));
    t.clock.set('2026-11-21T05:00:00Z');
    await t.module.worker.deliverDue();
    expect(await t.mailTo(email)).toHaveLength(0);
    expect((await t.request('PATCH', '/v1/notification-preferences/balance.low', { token, body: { quiet_hours: null } })).status).toBe(200);
    await t.module.worker.deliverDue();
    expect(await t.mailTo(email)).toHaveLength(1);
  });

  it('drops held deliveries of a type disabled while they wait', async () => {
    const { token, userId, email } = await t.user({ timezone: 'America/New_York' });
    await t.request('PATCH', '/v1/notification-preferences/balance.low', {
      token,
      body: { channels: ['in_app', 'email'], quiet_hours: QUIET_NY },
    });
    t.clock.set('2026-11-21T04:30:00Z');
    await t.module.router.routeEvent(t.event(userId, 'balance.low', balanceLow));
    await t.request('PATCH', '/v1/notification-preferences/balance.low', { token, body: { enabled: false } });
    t.clock.set('2026-11-21T12:00:00Z');
    await t.module.worker.deliverDue();
    expect(await t.mailTo(email)).toHaveLength(0);
    const rows = await t.db.selectFrom('notification_deliveries').select('status').where('user_id', '=', userId).execute();
    expect(rows).toEqual([{ status: 'skipped' }]);
  });

  it('texts through the provider layer (the simulator records it), held by quiet hours like email', async () => {
    const { token, userId } = await t.user({ timezone: 'America/New_York', phone: '+15555550123' });
    const patch = await t.request('PATCH', '/v1/notification-preferences/balance.low', {
      token,
      body: { channels: ['in_app', 'sms'], quiet_hours: QUIET_NY },
    });
    expect(patch.status).toBe(200);
    t.clock.set('2026-11-21T04:30:00Z');
    await t.module.router.routeEvent(t.event(userId, 'balance.low', balanceLow));
    await t.module.worker.deliverDue();
    expect(t.server.simulator.sentSms).toHaveLength(0);
    t.clock.set('2026-11-21T12:00:00Z');
    await t.module.worker.deliverDue();
    expect(t.server.simulator.sentSms).toEqual([
      { to: '+15555550123', text: expect.stringContaining('Low balance: Your balance is $1.20'), sentAt: expect.any(Date) },
    ]);
  });

  it('retries an email the sender failed to hand over, with backoff', async () => {
    let failures = 1;
    const sent: string[] = [];
    await t.close();
    t = await createNotificationTestApp(driver, {
      deps: {
        email: {
          async send(message) {
            if (failures-- > 0) throw new Error('421 try later');
            sent.push(message.subject);
          },
        },
      },
    });
    const { userId } = await t.user();
    await t.module.router.routeEvent(t.event(userId, 'balance.low', balanceLow));
    expect(await t.module.worker.deliverDue()).toMatchObject({ sent: 0, retried: 1 });
    t.clock.advance(30_000);
    expect(await t.module.worker.deliverDue()).toMatchObject({ sent: 0, retried: 0 });
    t.clock.advance(30_000);
    expect(await t.module.worker.deliverDue()).toMatchObject({ sent: 1 });
    expect(sent).toEqual(['Low balance']);
  });

  it('sends each due delivery once when two workers race', async () => {
    const other = createNotificationModule({
      db: t.server.database.db,
      clock: t.clock,
      config: loadNotificationConfig({}, { deliveryIntervalMs: 0 }),
    });
    const users = await Promise.all([t.user(), t.user(), t.user()]);
    for (const [i, user] of users.entries()) {
      for (let n = 0; n <= i; n++) await t.module.router.routeEvent(t.event(user.userId, 'balance.low', balanceLow));
    }
    const [a, b] = await Promise.all([t.module.worker.deliverDue(), other.worker.deliverDue()]);
    expect(a.sent + b.sent).toBe(6);
    for (const [i, user] of users.entries()) expect(await t.mailTo(user.email)).toHaveLength(i + 1);
    await other.close();
  });
});
