import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApnsPushAdapter } from '../../src/notifications/channels/push/apns/apns-push-adapter.ts';
import type { PushMessage } from '../../src/notifications/channels/push/push-adapter.ts';
import { createNotificationModule } from '../../src/notifications/notification-module.ts';
import { loadNotificationConfig } from '../../src/notifications/notification-config.ts';
import { createDatabase } from '../../src/storage/create-database.ts';
import { migrateToLatest } from '../../src/storage/migrate.ts';
import { seedTiers } from '../../src/domain/demo-seed.ts';
import { insertUser } from './support/insert-user.ts';
import { startLocalApnsServer, type LocalApnsServer } from './support/local-apns-server.ts';
import { TestClock } from './support/test-clock.ts';

const message: PushMessage = {
  title: 'Low balance',
  body: 'Your balance is $1.20.',
  data: { transaction_id: 'txn_1' },
  sound: 'bell',
  severity: 'warning',
};
const device = (token: string, apnsEnvironment: 'production' | 'sandbox' = 'production') => ({
  token,
  appId: 'com.namaskah.app',
  apnsEnvironment,
});

describe('APNs adapter against a local HTTP/2 APNs', () => {
  let apns: LocalApnsServer;
  let adapter: ApnsPushAdapter;
  let now = Date.now();
  beforeAll(async () => {
    apns = await startLocalApnsServer();
    adapter = new ApnsPushAdapter({
      teamId: apns.teamId,
      keyId: apns.keyId,
      privateKey: apns.privateKey,
      origins: { production: apns.origin, sandbox: apns.origin },
      ca: apns.ca,
      now: () => now,
    });
  });
  afterAll(async () => {
    adapter.close();
    await apns.close();
  });

  it('sends over HTTP/2 with a provider token and the APNs headers', async () => {
    const outcome = await adapter.send(device('a1b2c3d4e5f6'), message);
    expect(outcome).toMatchObject({ status: 'delivered', id: expect.stringMatching(/^apns-/) });
    const request = apns.requests.at(-1)!;
    expect(request.httpVersion).toBe('2.0');
    expect(request.path).toBe('/3/device/a1b2c3d4e5f6');
    expect(request.headers['apns-topic']).toBe('com.namaskah.app');
    expect(request.headers['apns-push-type']).toBe('alert');
    expect(request.headers['apns-priority']).toBe('10');
    expect(request.jwt).toMatchObject({ alg: 'ES256', kid: apns.keyId, iss: apns.teamId });
    expect(request.body).toEqual({
      aps: { alert: { title: 'Low balance', body: 'Your balance is $1.20.' }, sound: 'bell', 'interruption-level': 'active' },
      transaction_id: 'txn_1',
    });
    // informational pushes may wait for the device's power budget
    await adapter.send(device('a1b2c3d4e5f6'), { ...message, severity: 'info', sound: null });
    expect(apns.requests.at(-1)!.headers['apns-priority']).toBe('5');
    expect(apns.requests.at(-1)!.body.aps.sound).toBeUndefined();
  });

  it('reports 410 Unregistered and 400 BadDeviceToken as invalid tokens, 503 as retryable', async () => {
    expect(await adapter.send(device('dead00'), message)).toEqual({ status: 'invalid_token', reason: 'Unregistered' });
    expect(await adapter.send(device('bad00'), message)).toEqual({ status: 'invalid_token', reason: 'BadDeviceToken' });
    expect(await adapter.send(device('busy00'), message)).toMatchObject({ status: 'failed', retryable: true });
  });

  it('reuses the provider token for less than an hour, then signs a new one', async () => {
    await adapter.send(device('feed01'), message);
    const first = apns.requests.at(-1)!.jwt.raw;
    now += 30 * 60_000;
    await adapter.send(device('feed02'), message);
    expect(apns.requests.at(-1)!.jwt.raw).toBe(first);
    now += 21 * 60_000; // 51 minutes after it was made
    await adapter.send(device('feed03'), message);
    const renewed = apns.requests.at(-1)!.jwt;
    expect(renewed.raw).not.toBe(first);
    expect(renewed.iat! * 1000).toBeLessThanOrEqual(now);
    expect(now - renewed.iat! * 1000).toBeLessThan(60 * 60_000);
  });

  it('signs a fresh token and retries once on ExpiredProviderToken', async () => {
    await adapter.send(device('feed04'), message);
    const before = apns.requests.length;
    apns.expireTokensOnce();
    now += 1000;
    expect((await adapter.send(device('feed05'), message)).status).toBe('delivered');
    expect(apns.requests.length - before).toBe(2);
  });

  it('refuses a server whose certificate it was not told to trust', async () => {
    const untrusting = new ApnsPushAdapter({
      teamId: apns.teamId,
      keyId: apns.keyId,
      privateKey: apns.privateKey,
      origins: { production: apns.origin },
    });
    expect(await untrusting.send(device('a1'), message)).toMatchObject({ status: 'failed', retryable: true });
    untrusting.close();
  });

  it('removes a device APNs reports as unregistered when a routed notification is pushed', async () => {
    const database = await createDatabase({ databaseUrl: null, dataDir: 'memory://' });
    await migrateToLatest(database.db);
    await seedTiers(database.db);
    const clock = new TestClock('2026-11-20T12:00:00Z');
    const module = createNotificationModule({
      db: database.db,
      clock,
      config: loadNotificationConfig({}, { deliveryIntervalMs: 0 }),
      push: { apns: adapter },
    });
    const user = await insertUser(database.db);
    const account = { id: user.id, locale: 'en' };
    await module.devices.register(
      account,
      { platform: 'apns', token: 'cafe0001', app_id: 'com.namaskah.app', apns_environment: 'sandbox' },
      clock.now(),
    );
    await module.devices.register(account, { platform: 'apns', token: 'dead0002', app_id: 'com.namaskah.app' }, clock.now());
    const before = apns.requests.length;
    await module.router.notify({
      type: 'security.alert',
      userId: user.id,
      key: 'apns-1',
      details: { alert: 'new_sign_in', values: { ip: '203.0.113.7' } },
    });
    expect((await module.worker.deliverDue()).sent).toBeGreaterThanOrEqual(1);
    const pushed = apns.requests.slice(before);
    expect(pushed.map((r) => r.path).sort()).toEqual(['/3/device/cafe0001', '/3/device/dead0002']);
    expect(pushed[0]!.body.aps).toMatchObject({ sound: 'alarm', 'interruption-level': 'time-sensitive' });
    expect((await module.devices.forUser(user.id)).map((d) => d.token)).toEqual(['cafe0001']);
    await database.close();
  });
});
