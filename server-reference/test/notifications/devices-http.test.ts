import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/test-server.ts';
import { createNotificationTestApp, type NotificationTestApp } from './support/notification-test-app.ts';

const APNS_TOKEN = '9b1f0e6d7c2a4b8e3f5d1c9a7e2b4f6d8c0a1e3b5d7f9a2c4e6b8d0f1a4f9c2a7e';

describe.each(DRIVERS)('devices over HTTP (%s)', (driver) => {
  let t: NotificationTestApp;
  beforeAll(async () => {
    t = await createNotificationTestApp(driver);
  });
  afterAll(async () => {
    await t.close();
  });

  it('registers a device once per token: 201, then 200 with the same id and updated fields', async () => {
    const { token } = await t.user();
    t.clock.set('2026-11-20T18:00:00Z');
    const created = await t.request('POST', '/v1/devices', {
      token,
      body: { platform: 'apns', token: APNS_TOKEN, app_id: 'com.namaskah.app', name: "Asha's iPhone", locale: 'en-IN' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      platform: 'apns',
      app_id: 'com.namaskah.app',
      apns_environment: 'production',
      name: "Asha's iPhone",
      locale: 'en-IN',
      token_suffix: '4f9c2a7e',
      created_at: '2026-11-20T18:00:00.000Z',
      updated_at: '2026-11-20T18:00:00.000Z',
    });
    expect(created.text).not.toContain(APNS_TOKEN);
    t.clock.set('2026-11-24T10:00:00Z');
    const again = await t.request('POST', '/v1/devices', {
      token,
      body: { platform: 'apns', token: APNS_TOKEN, app_id: 'com.namaskah.app', apns_environment: 'sandbox' },
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      id: created.body.id,
      apns_environment: 'sandbox',
      name: null,
      locale: 'en',
      created_at: '2026-11-20T18:00:00.000Z',
      updated_at: '2026-11-24T10:00:00.000Z',
    });
    const list = await t.request('GET', '/v1/devices', { token });
    expect(list.body.data.map((d: any) => d.id)).toEqual([created.body.id]);
  });

  it('moves a token registered by another account to the caller', async () => {
    const first = await t.user();
    const second = await t.user();
    const body = { platform: 'fcm', token: 'fcm-token-shared-Qm3kZ8xP', app_id: 'com.namaskah.app' };
    const a = await t.request('POST', '/v1/devices', { token: first.token, body });
    expect(a.status).toBe(201);
    expect(a.body.apns_environment).toBeNull();
    const b = await t.request('POST', '/v1/devices', { token: second.token, body });
    expect(b.status).toBe(201);
    expect((await t.request('GET', '/v1/devices', { token: first.token })).body.data).toEqual([]);
    expect((await t.request('GET', '/v1/devices', { token: second.token })).body.data.map((d: any) => d.token_suffix)).toEqual([
      'Qm3kZ8xP',
    ]);
  });

  it('refuses apns_environment with fcm, an unknown app and a malformed token with 422', async () => {
    const { token } = await t.user();
    const cases = [
      [{ platform: 'fcm', token: 'abc', app_id: 'com.namaskah.app', apns_environment: 'production' }, '/body/apns_environment'],
      [{ platform: 'fcm', token: 'abc', app_id: 'com.someone.else' }, '/body/app_id'],
      [{ platform: 'apns', token: 'has space', app_id: 'com.namaskah.app' }, '/body/token'],
      [{ platform: 'webpush', token: 'abc', app_id: 'com.namaskah.app' }, '/body/platform'],
    ] as const;
    for (const [body, field] of cases) {
      const res = await t.request('POST', '/v1/devices', { token, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.errors.map((e: any) => e.field)).toContain(field);
    }
    expect((await t.request('GET', '/v1/devices', { token })).body.data).toEqual([]);
  });

  it("pages devices newest first and deletes only the caller's own", async () => {
    const { token } = await t.user();
    const other = await t.user();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      t.clock.advance(1000);
      ids.push(
        (
          await t.request('POST', '/v1/devices', {
            token,
            body: { platform: 'fcm', token: `fcm-page-${i}-${token.slice(-6)}`, app_id: 'com.namaskah.app' },
          })
        ).body.id,
      );
    }
    const page1 = await t.request('GET', '/v1/devices?limit=2', { token });
    expect(page1.body.data.map((d: any) => d.id)).toEqual([ids[2], ids[1]]);
    expect(page1.body.has_more).toBe(true);
    const page2 = await t.request('GET', `/v1/devices?limit=2&starting_after=${page1.body.next_cursor}`, { token });
    expect(page2.body.data.map((d: any) => d.id)).toEqual([ids[0]]);

    expect((await t.request('DELETE', `/v1/devices/${ids[0]}`, { token: other.token })).status).toBe(404);
    expect((await t.request('DELETE', `/v1/devices/${ids[0]}`, { token })).status).toBe(204);
    expect((await t.request('DELETE', `/v1/devices/${ids[0]}`, { token })).status).toBe(404);
    expect((await t.request('GET', '/v1/devices', { token })).body.data).toHaveLength(2);
  });
});
