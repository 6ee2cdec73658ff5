import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PreferenceStore } from '../../src/notifications/preferences/preference-store.ts';
import { NotificationRouter } from '../../src/notifications/router/notification-router.ts';
import { StatementLog } from '../support/statement-log.ts';
import { DRIVERS } from '../support/test-server.ts';
import { createNotificationTestApp, type NotificationTestApp } from './support/notification-test-app.ts';

const completed = (id: string) => ({ id, service: 'whatsapp', phone_number: '+15555550199', code: '246810', status: 'completed' });
const low = { balance: { amount: 120, currency: 'USD' }, threshold: { amount: 500, currency: 'USD' } };

describe.each(DRIVERS)('routing a batch of events (%s)', (driver) => {
  let t: NotificationTestApp;
  beforeEach(async () => {
    t = await createNotificationTestApp(driver);
  });
  afterEach(async () => {
    await t.close();
  });

  it('routes each event of a batch by its own account and type, in order, once, in a fixed number of statements', async () => {
    const muted = await t.user();
    const emailed = await t.user();
    await t.request('PATCH', '/v1/notification-preferences/balance.low', { token: muted.token, body: { enabled: false } });
    await t.request('PATCH', '/v1/notification-preferences/verification.completed', {
      token: emailed.token,
      body: { channels: ['in_app', 'email'] },
    });
    const statements = new StatementLog();
    const counted = t.db.withPlugin(statements);
    const router = new NotificationRouter({ db: counted, preferences: new PreferenceStore(counted), clock: t.clock });
    const earlier = t.event(emailed.userId, 'verification.completed', completed('ver_EARLIER'));
    expect((await t.module.router.routeEvent(earlier)).status).toBe('routed');

    const repeated = t.event(muted.userId, 'verification.completed', completed('ver_TWICE'));
    const batch = [
      t.event(muted.userId, 'balance.low', low),
      repeated,
      t.event(emailed.userId, 'balance.low', low),
      earlier,
      t.event(emailed.userId, 'webhook.test', {}),
      repeated,
      t.event(emailed.userId, 'verification.completed', completed('ver_NEW')),
    ];
    const results = await router.routeEvents(batch);
    expect(results.map((r) => r.status)).toEqual(['disabled', 'routed', 'routed', 'duplicate', 'ignored', 'duplicate', 'routed']);
    expect(results[6]!.deliveries?.map((d) => d.channel)).toEqual(['email']);

    const inbox = async (token: string) =>
      ((await t.request('GET', '/v1/notifications', { token })).body.data as Array<{ event_id: string }>).map((n) => n.event_id);
    expect(await inbox(muted.token)).toEqual([repeated.id]);
    // newest first: the batch's own order is kept
    expect(await inbox(emailed.token)).toEqual([batch[6]!.id, batch[2]!.id, earlier.id]);

    // a batch seven times bigger costs the same statements
    const mixed = (userId: string, count: number) =>
      Array.from({ length: count }, (_, i) =>
        i % 2 ? t.event(userId, 'balance.low', low) : t.event(userId, 'verification.completed', completed(`ver_M${i}`)),
      );
    const small = await t.user();
    const large = await t.user();
    statements.kinds = [];
    expect((await router.routeEvents(mixed(small.userId, 2))).map((r) => r.status)).toEqual(['routed', 'routed']);
    const smallStatements = statements.kinds.length;
    statements.kinds = [];
    expect((await router.routeEvents(mixed(large.userId, 14))).every((r) => r.status === 'routed')).toBe(true);
    expect(statements.kinds.length).toBe(smallStatements);
    expect(await inbox(large.token)).toHaveLength(14);
  });
});
