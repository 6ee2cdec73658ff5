import { afterEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/test-server.ts';
import { createRealtimeHarness, type RealtimeHarness } from './support/realtime-harness.ts';
import { TestWsClient } from './support/ws-client.ts';

const open = async (h: RealtimeHarness, options: { autoPong?: boolean } = {}) => {
  const user = await h.signIn();
  const client = new TestWsClient(h.wsUrl, options);
  await client.opened;
  client.send({ type: 'auth', access_token: user.token });
  client.send({ type: 'subscribe' });
  await client.until((c) => c.messages.some((m) => m.type === 'ready'));
  return client;
};

// asyncapi.yaml, "Liveness": a peer that sends nothing and answers no ping for the idle timeout is closed
// with 4011 after an `error` `idle_timeout`, with a close frame (never a bare 1006).
describe.each(DRIVERS)('WebSocket idle rule (%s)', (driver) => {
  let h: RealtimeHarness;
  afterEach(async () => {
    await h?.close();
  });

  it('a silent peer that answers no ping is closed with 4011 and an error first', async () => {
    h = await createRealtimeHarness(driver, { config: { heartbeatMs: 100, idleTimeoutMs: 400 } });
    const client = await open(h, { autoPong: false });
    const code = await Promise.race([client.closed, new Promise((r) => setTimeout(() => r('still open'), 5_000))]);
    expect(code).toBe(4011);
    expect(client.messages.at(-1)).toMatchObject({ type: 'error', code: 'idle_timeout' });
  });

  it('a peer that answers pings (as every WebSocket stack does) stays open however quiet it is', async () => {
    h = await createRealtimeHarness(driver, { config: { heartbeatMs: 100, idleTimeoutMs: 400 } });
    const client = await open(h);
    await new Promise((r) => setTimeout(r, 1_200));
    expect(client.closeCode).toBeNull();
    expect(client.messages.filter((m) => m.type === 'heartbeat').length).toBeGreaterThan(3);
    await client.close();
  });
});
