import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FcmPushAdapter } from '../../src/notifications/channels/push/fcm/fcm-push-adapter.ts';
import type { PushMessage } from '../../src/notifications/channels/push/push-adapter.ts';
import { createNotificationModule } from '../../src/notifications/notification-module.ts';
import { loadNotificationConfig } from '../../src/notifications/notification-config.ts';
import { createDatabase } from '../../src/storage/create-database.ts';
import { migrateToLatest } from '../../src/storage/migrate.ts';
import { seedTiers } from '../../src/domain/demo-seed.ts';
import { insertUser } from './support/insert-user.ts';
import { startLocalFcmServer, type LocalFcmServer } from './support/local-fcm-server.ts';
import { TestClock } from './support/test-clock.ts';

const message: PushMessage = {
  title: 'WhatsApp code received',
  body: 'Code 482913.',
  data: { verification_id: 'ver_1' },
  sound: 'chime',
  severity: 'info',
};
const target = (token: string) => ({ token, appId: 'com.namaskah.app', apnsEnvironment: null });

describe('FCM HTTP v1 adapter against a local FCM', () => {
  let fcm: LocalFcmServer;
  beforeAll(async () => {
    fcm = await startLocalFcmServer();
  });
  afterAll(async () => {
    await fcm.close();
  });

  it('exchanges a signed service-account JWT for an access token once, and sends messages with it', async () => {
    const before = fcm.tokenRequests;
    const adapter = new FcmPushAdapter({ serviceAccount: fcm.serviceAccount, endpoint: fcm.endpoint });
    const outcomes = [];
    for (const token of ['tok-a', 'tok-b', 'tok-c']) outcomes.push(await adapter.send(target(token), message));
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'delivered', 'delivered']);
    expect(fcm.tokenRequests - before).toBe(1);
    expect(fcm.messages.at(-1)).toEqual({
      message: {
        token: 'tok-c',
        notification: { title: 'WhatsApp code received', body: 'Code 482913.' },
        data: { verification_id: 'ver_1' },
        android: { priority: 'NORMAL', notification: { sound: 'chime' } },
      },
    });
  });

  it('reports UNREGISTERED and INVALID_ARGUMENT tokens as invalid, and outages as retryable', async () => {
    const adapter = new FcmPushAdapter({ serviceAccount: fcm.serviceAccount, endpoint: fcm.endpoint });
    expect(await adapter.send(target('dead-1'), message)).toEqual({ status: 'invalid_token', reason: 'UNREGISTERED' });
    expect(await adapter.send(target('bad-1'), message)).toEqual({ status: 'invalid_token', reason: 'INVALID_ARGUMENT' });
    expect(await adapter.send(target('busy-1'), message)).toMatchObject({ status: 'failed', retryable: true });
  });

  it('gets a new access token when the old one is refused', async () => {
    const adapter = new FcmPushAdapter({ serviceAccount: fcm.serviceAccount, endpoint: fcm.endpoint });
    expect((await adapter.send(target('tok-1'), message)).status).toBe('delivered');
    const before = fcm.tokenRequests;
    fcm.revokeTokens();
    expect((await adapter.send(target('tok-2'), message)).status).toBe('delivered');
    expect(fcm.tokenRequests - before).toBe(1);
  });

  it('refreshes the access token before it expires', async () => {
    // real time: the token endpoint checks the JWT's dates like Google does
    let now = Date.now();
    const adapter = new FcmPushAdapter({ serviceAccount: fcm.serviceAccount, endpoint: fcm.endpoint, now: () => now });
    const before = fcm.tokenRequests;
    await adapter.send(target('tok-1'), message);
    now += 58 * 60_000;
    await adapter.send(target('tok-2'), message);
    expect(fcm.tokenRequests - before).toBe(1);
    now += 2 * 60_000; // within a minute of expiry
    await adapter.send(target('tok-3'), message);
    expect(fcm.tokenRequests - before).toBe(2);
  });

  it('refuses to send with a key the token endpoint does not know', async () => {
    const other = await startLocalFcmServer();
    const adapter = new FcmPushAdapter({
      serviceAccount: { ...fcm.serviceAccount, private_key: other.serviceAccount.private_key },
      endpoint: fcm.endpoint,
    });
    expect(await adapter.send(target('tok-1'), message)).toMatchObject({
      status: 'failed',
      retryable: true,
      reason: expect.stringContaining('invalid_grant'),
    });
    await other.close();
  });

  it('pushes a routed notification to every device and removes the devices FCM no longer knows', async () => {
    const database = await createDatabase({ databaseUrl: null, dataDir: 'memory://' });
    await migrateToLatest(database.db);
    await seedTiers(database.db);
    const clock = new TestClock('2026-11-20T12:00:00Z');
    const module = createNotificationModule({
      db: database.db,
      clock,
      config: loadNotificationConfig({}, { deliveryIntervalMs: 0, fcm: { serviceAccount: fcm.serviceAccount, endpoint: fcm.endpoint } }),
    });
    const user = await insertUser(database.db);
    const account = { id: user.id, locale: 'en' };
    await module.devices.register(account, { platform: 'fcm', token: 'tok-phone', app_id: 'com.namaskah.app', name: 'Pixel' }, clock.now());
    await module.devices.register(
      account,
      { platform: 'fcm', token: 'dead-tablet', app_id: 'com.namaskah.app', name: 'Old tablet' },
      clock.now(),
    );
    const sentBefore = fcm.messages.length;

    await module.router.routeEvent({
      id: 'evt_FCM1',
      type: 'verification.completed',
      userId: user.id,
      data: { id: 'ver_FCM1', service: 'whatsapp', phone_number: '+15555550123', code: '482913' },
    });
    const run = await module.worker.deliverDue();
    expect(run.sent).toBe(1);
    const sent = fcm.messages.slice(sentBefore);
    expect(sent.map((m) => m.message.token).sort()).toEqual(['dead-tablet', 'tok-phone']);
    expect(sent[0].message.notification).toEqual({
      title: 'Whatsapp code received',
      body: 'Your Whatsapp number +15555550123 received the code 482913.',
    });
    expect(sent[0].message.data).toEqual({ verification_id: 'ver_FCM1' });
    expect(sent[0].message.android.notification).toEqual({ sound: 'chime' });
    const devices = await module.devices.forUser(user.id);
    expect(devices.map((d) => d.token)).toEqual(['tok-phone']);
    await module.close();
    await database.close();
  });
});
