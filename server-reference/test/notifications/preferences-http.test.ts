import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTIFICATION_TYPES } from '../../src/notifications/notification-types.ts';
import { DRIVERS } from '../support/test-server.ts';
import { createNotificationTestApp, type NotificationTestApp } from './support/notification-test-app.ts';

const QUIET = { enabled: true, start: '22:00', end: '07:00', timezone: 'Asia/Kolkata' };

describe.each(DRIVERS)('notification preferences over HTTP (%s)', (driver) => {
  let t: NotificationTestApp;
  beforeAll(async () => {
    t = await createNotificationTestApp(driver);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the documented defaults for a new account, every type in order', async () => {
    const { token } = await t.user();
    const res = await t.request('GET', '/v1/notification-preferences', { token });
    expect(res.status).toBe(200);
    const prefs = res.body.preferences;
    expect(prefs.map((p: any) => p.type)).toEqual([...NOTIFICATION_TYPES]);
    for (const p of prefs)
      expect(p).toMatchObject({ is_default: true, enabled: true, quiet_hours: null, frequency: 'instant', updated_at: null });
    const byType = Object.fromEntries(prefs.map((p: any) => [p.type, p]));
    expect(byType['verification.completed']).toMatchObject({
      channels: ['in_app', 'push', 'webhook'],
      sound: { enabled: true, name: 'chime' },
    });
    expect(byType['balance.low']).toMatchObject({
      channels: ['in_app', 'email', 'push', 'webhook'],
      sound: { enabled: true, name: 'bell' },
    });
    expect(byType['security.alert']).toMatchObject({ channels: ['in_app', 'email', 'push'], sound: { enabled: true, name: 'alarm' } });
    expect(byType['sms.received']).toMatchObject({ channels: ['webhook'], sound: { enabled: false, name: 'default' } });
    expect(byType['report.ready']).toMatchObject({ channels: ['in_app'] });
  });

  it('round-trips a change and keeps the fields the body leaves out', async () => {
    const { token } = await t.user();
    t.clock.set('2026-11-20T18:30:00Z');
    const patch = await t.request('PATCH', '/v1/notification-preferences/balance.low', {
      token,
      body: { quiet_hours: QUIET, sound: { enabled: true, name: 'pop' } },
    });
    expect(patch.status).toBe(200);
    expect(patch.body).toEqual({
      type: 'balance.low',
      is_default: false,
      enabled: true,
      channels: ['in_app', 'email', 'push', 'webhook'],
      quiet_hours: QUIET,
      sound: { enabled: true, name: 'pop' },
      frequency: 'instant',
      updated_at: '2026-11-20T18:30:00.000Z',
    });
    const second = await t.request('PATCH', '/v1/notification-preferences/balance.low', {
      token,
      body: { frequency: 'hourly', channels: ['email'] },
    });
    expect(second.body).toMatchObject({ quiet_hours: QUIET, sound: { name: 'pop' }, frequency: 'hourly', channels: ['email'] });
    const get = await t.request('GET', '/v1/notification-preferences/balance.low', { token });
    expect(get.body).toEqual(second.body);
    // another account is untouched
    const other = await t.user();
    expect((await t.request('GET', '/v1/notification-preferences/balance.low', { token: other.token })).body.is_default).toBe(true);
    // an empty body changes nothing but the type is no longer the default either way
    const empty = await t.request('PATCH', '/v1/notification-preferences/balance.low', { token, body: {} });
    expect(empty.body).toMatchObject({ frequency: 'hourly', channels: ['email'] });
  });

  it('removes the window with quiet_hours: null', async () => {
    const { token } = await t.user();
    await t.request('PATCH', '/v1/notification-preferences/refund.issued', { token, body: { quiet_hours: QUIET } });
    const res = await t.request('PATCH', '/v1/notification-preferences/refund.issued', { token, body: { quiet_hours: null } });
    expect(res.body.quiet_hours).toBeNull();
    expect(res.body.is_default).toBe(false);
  });

  const refusals: Array<[string, string, unknown, string]> = [
    [
      'a time zone outside the tz database',
      'balance.low',
      { quiet_hours: { ...QUIET, timezone: 'Mars/Olympus_Mons' } },
      '/body/quiet_hours/timezone',
    ],
    ['an hour that is not HH:MM', 'balance.low', { quiet_hours: { ...QUIET, start: '25:00' } }, '/body/quiet_hours/start'],
    ['a time without leading zero', 'balance.low', { quiet_hours: { ...QUIET, end: '7:00' } }, '/body/quiet_hours/end'],
    ['a window that starts where it ends', 'balance.low', { quiet_hours: { ...QUIET, end: '22:00' } }, '/body/quiet_hours/end'],
    ['no channel at all', 'balance.low', { channels: [] }, '/body/channels'],
    ['a channel listed twice', 'balance.low', { channels: ['email', 'email'] }, '/body/channels'],
    ['an unknown channel', 'balance.low', { channels: ['pager'] }, '/body/channels/0'],
    ['an unknown sound', 'balance.low', { sound: { enabled: true, name: 'trumpet' } }, '/body/sound/name'],
    ['disabling security alerts', 'security.alert', { enabled: false }, '/body/enabled'],
    ['security alerts without email', 'security.alert', { channels: ['in_app', 'push'] }, '/body/channels'],
    ['webhooks for a notification-only type', 'report.ready', { channels: ['in_app', 'webhook'] }, '/body/channels'],
    ['sms without a contact number', 'balance.low', { channels: ['sms'] }, '/body/channels'],
    ['an unknown field', 'balance.low', { volume: 11 }, '/body/volume'],
  ];
  it.each(refusals)('refuses %s with 422 and changes nothing', async (_name, type, body, field) => {
    const { token } = await t.user();
    const res = await t.request('PATCH', `/v1/notification-preferences/${type}`, { token, body });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: any) => e.field)).toContain(field);
    const after = await t.request('GET', `/v1/notification-preferences/${type}`, { token });
    expect(after.body.is_default).toBe(true);
  });

  it('accepts sms once the account has a contact number', async () => {
    const { token } = await t.user({ phone: '+15555550123' });
    const res = await t.request('PATCH', '/v1/notification-preferences/balance.low', { token, body: { channels: ['sms', 'in_app'] } });
    expect(res.status).toBe(200);
    expect(res.body.channels).toEqual(['sms', 'in_app']);
  });

  it('answers 404 for a type that does not exist (a path that names nothing)', async () => {
    const { token } = await t.user();
    const res = await t.request('GET', '/v1/notification-preferences/coffee.ready', { token });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });

  it('resets listed types, or all of them, back to the defaults', async () => {
    const { token } = await t.user();
    await t.request('PATCH', '/v1/notification-preferences/balance.low', { token, body: { frequency: 'daily' } });
    await t.request('PATCH', '/v1/notification-preferences/refund.issued', { token, body: { frequency: 'hourly' } });
    const one = await t.request('POST', '/v1/notification-preferences/reset', { token, body: { types: ['balance.low'] } });
    expect(one.status).toBe(200);
    const byType = Object.fromEntries(one.body.preferences.map((p: any) => [p.type, p]));
    expect(byType['balance.low']).toMatchObject({ is_default: true, frequency: 'instant', updated_at: null });
    expect(byType['refund.issued']).toMatchObject({ is_default: false, frequency: 'hourly' });
    const all = await t.request('POST', '/v1/notification-preferences/reset', { token });
    expect(all.status).toBe(200);
    expect(all.body.preferences.every((p: any) => p.is_default)).toBe(true);
  });

  it('refuses an empty or repeated reset list', async () => {
    const { token } = await t.user();
    expect((await t.request('POST', '/v1/notification-preferences/reset', { token, body: { types: [] } })).status).toBe(422);
    expect(
      (await t.request('POST', '/v1/notification-preferences/reset', { token, body: { types: ['balance.low', 'balance.low'] } })).status,
    ).toBe(422);
  });

  it('needs authentication', async () => {
    const res = await t.request('GET', '/v1/notification-preferences');
    expect(res.status).toBe(401);
  });
});
