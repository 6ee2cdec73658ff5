import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAjv, specRef } from '../../src/http/openapi/create-ajv.ts';
import { TestWsClient } from '../realtime/support/ws-client.ts';
import { DRIVERS } from '../support/test-server.ts';
import { startTestPlatform, type TestPlatform } from './support/test-platform.ts';

// spec/asyncapi.yaml, `sendNotificationCreated`: each in-app notification is pushed live as
// `notification.created` (no sequence, never replayed), validated against the shipped asyncapi.json.
const asyncapi = JSON.parse(readFileSync(new URL('../../../spec/dist/asyncapi.json', import.meta.url), 'utf8'));
const validateMessage = createAjv(asyncapi, { coerce: false }).compile(specRef('#/components/schemas/NotificationCreated'));

describe.each(DRIVERS)('notification.created pushed live (%s)', (driver) => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform(driver);
  });
  afterAll(async () => {
    await platform?.close();
  });

  const connect = async (token: string): Promise<TestWsClient> => {
    const client = new TestWsClient(platform.wsUrl);
    await client.opened;
    client.send({ type: 'auth', access_token: token });
    client.send({ type: 'subscribe' });
    await client.until((c) => c.messages.some((m) => m.type === 'ready'));
    return client;
  };
  const changePassword = async (token: string, from: string, to: string): Promise<void> => {
    const res = await platform.call('POST', '/v1/me/password', { token, body: { current_password: from, new_password: to } });
    expect(res.status, JSON.stringify(res.body)).toBe(204);
  };

  it('a security alert reaches the open WebSocket as notification.created, only for its owner, matching the inbox', async () => {
    const user = await platform.register();
    const other = await platform.register();
    const live = await connect(user.token);
    const watcher = await connect(other.token);

    await changePassword(user.token, 'correct horse battery', 'another horse battery');
    await live.until((c) => c.messages.some((m) => m.type === 'notification.created'), 10_000);
    const pushed = live.messages.filter((m) => m.type === 'notification.created');
    expect(pushed).toHaveLength(1);
    expect(validateMessage(pushed[0]), JSON.stringify(validateMessage.errors)).toBe(true);
    expect(pushed[0]).not.toHaveProperty('sequence');
    expect(pushed[0].notification).toMatchObject({ type: 'security.alert', read_at: null });

    const inbox = await platform.call('GET', '/v1/notifications', { token: user.token });
    expect(inbox.status).toBe(200);
    expect(inbox.body.data.map((n: any) => n.id)).toContain(pushed[0].notification.id);

    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(watcher.messages.filter((m) => m.type === 'notification.created')).toEqual([]);
    await live.close();
    await watcher.close();
  });

  it('is not sent before subscribe, and a closed connection gets nothing (no error, no leak)', async () => {
    const user = await platform.register();
    const early = new TestWsClient(platform.wsUrl);
    await early.opened;
    early.send({ type: 'auth', access_token: user.token });
    await new Promise((resolve) => setTimeout(resolve, 200)); // authenticated, not subscribed
    const gone = await connect(user.token);
    await gone.close();

    await changePassword(user.token, 'correct horse battery', 'another horse battery');
    const deadline = Date.now() + 10_000;
    let listed = 0;
    while (Date.now() < deadline && listed === 0) {
      const inbox = await platform.call('GET', '/v1/notifications', { token: user.token });
      listed = inbox.body.data.filter((n: any) => n.type === 'security.alert').length;
      if (listed === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(listed).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(early.messages.filter((m) => m.type === 'notification.created')).toEqual([]);
    expect(gone.messages.filter((m) => m.type === 'notification.created')).toEqual([]);
    await early.close();
  });
});
