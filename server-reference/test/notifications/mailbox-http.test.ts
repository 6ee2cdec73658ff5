import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/test-server.ts';
import { createNotificationTestApp, type NotificationTestApp } from './support/notification-test-app.ts';

describe.each(DRIVERS)('dev mailbox over HTTP (%s)', (driver) => {
  let t: NotificationTestApp;
  beforeAll(async () => {
    t = await createNotificationTestApp(driver);
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps email in the dev mailbox when no SMTP server is configured, readable by admins only', async () => {
    const admin = await t.user({ role: 'admin' });
    const member = await t.user();
    const other = await t.user();
    t.clock.set('2026-11-24T09:58:12Z');
    await t.module.router.notify({
      type: 'security.alert',
      userId: member.userId,
      key: 'k1',
      details: { alert: 'password_changed' },
    });
    await t.module.router.notify({
      type: 'security.alert',
      userId: other.userId,
      key: 'k2',
      details: { alert: 'new_sign_in', values: { ip: '203.0.113.7' } },
    });
    await t.module.worker.deliverDue();

    const forbidden = await t.request('GET', '/v1/admin/mailbox', { token: member.token });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.code).toBe('forbidden');

    const all = await t.request('GET', '/v1/admin/mailbox', { token: admin.token });
    expect(all.status).toBe(200);
    expect(all.body.data.map((m: any) => m.subject)).toEqual(['New sign-in to your account', 'Password changed']);
    const mine = await t.request('GET', `/v1/admin/mailbox?to=${encodeURIComponent(member.email.toUpperCase())}`, { token: admin.token });
    expect(mine.body.data).toHaveLength(1);
    expect(mine.body.data[0]).toMatchObject({
      from: 'no-reply@namaskah.dev',
      to: member.email,
      subject: 'Password changed',
      created_at: '2026-11-24T09:58:12.000Z',
      text: expect.stringContaining('The password of your account was changed.'),
      html: expect.stringContaining('<p>The password of your account was changed.'),
    });
    const page = await t.request('GET', '/v1/admin/mailbox?limit=1', { token: admin.token });
    expect(page.body).toMatchObject({ has_more: true, next_cursor: page.body.data[0].id });
  });
});
