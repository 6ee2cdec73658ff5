import { afterEach, describe, expect, it } from 'vitest';
import { DRIVERS } from '../support/test-server.ts';
import { balanceLow, createRealtimeHarness, type RealtimeHarness } from './support/realtime-harness.ts';
import { TestWsClient } from './support/ws-client.ts';

const ticketFor = async (h: RealtimeHarness, token: string): Promise<string> => {
  const res = await fetch(`${h.baseUrl}/v1/realtime/tickets`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
  expect(res.status).toBe(201);
  const body = await res.json();
  expect(body.ticket).toMatch(/^rtt_[A-Za-z0-9]+$/);
  expect(Date.parse(body.expires_at) - Date.now()).toBeLessThanOrEqual(30_000);
  return body.ticket;
};

const connect = async (h: RealtimeHarness, auth: Record<string, string>, lastSequence?: number): Promise<TestWsClient> => {
  const client = new TestWsClient(h.wsUrl);
  await client.opened;
  client.send({ type: 'auth', ...auth });
  client.send(lastSequence === undefined ? { type: 'subscribe' } : { type: 'subscribe', last_sequence: lastSequence });
  await client.until((c) => c.messages.some((m) => m.type === 'ready'));
  return client;
};

describe.each(DRIVERS)('WebSocket channel (%s)', (driver) => {
  let h: RealtimeHarness;
  afterEach(async () => {
    await h?.close();
  });

  it('delivers live events, then exactly the missed ones after a resume', async () => {
    h = await createRealtimeHarness(driver);
    const user = await h.signIn();
    const client = await connect(h, { ticket: await ticketFor(h, user.token) });
    expect(client.messages[0]).toMatchObject({ type: 'ready', user_id: user.userId, sequence: 0, resumed_from: null });
    await h.append(user.userId, [balanceLow(1), balanceLow(2)]);
    await client.until((c) => c.events.length === 2);
    expect(client.events.map((e) => e.sequence)).toEqual([1, 2]);
    expect(client.events[0]).toMatchObject({ type: 'balance.low', data: { balance: { amount: 1 } } });
    const last = client.events.at(-1).sequence;
    await client.close();

    await h.append(user.userId, [balanceLow(3)]);
    await h.append(user.userId, [balanceLow(4), balanceLow(5)]);
    const again = await connect(h, { ticket: await ticketFor(h, user.token) }, last);
    expect(again.messages[0]).toMatchObject({ type: 'ready', sequence: 5, resumed_from: 2 });
    await again.until((c) => c.events.length === 3);
    await new Promise((r) => setTimeout(r, 300)); // nothing more may follow
    expect(again.events.map((e) => [e.sequence, e.data.balance.amount])).toEqual([
      [3, 3],
      [4, 4],
      [5, 5],
    ]);
    await h.append(user.userId, [balanceLow(6)]);
    await again.until((c) => c.events.length === 4);
    expect(again.events.at(-1).sequence).toBe(6);
    await again.close();
  });

  it('refuses a ticket used twice, and another user never sees the events', async () => {
    h = await createRealtimeHarness(driver);
    const user = await h.signIn();
    const other = await h.signIn();
    const ticket = await ticketFor(h, user.token);
    const first = await connect(h, { ticket });
    const watcher = await connect(h, { access_token: other.token });
    const second = new TestWsClient(h.wsUrl);
    await second.opened;
    second.send({ type: 'auth', ticket });
    expect(await second.closed).toBe(4001);
    expect(second.messages).toEqual([expect.objectContaining({ type: 'error', code: 'invalid_ticket' })]);
    await h.append(user.userId, [balanceLow(1)]);
    await first.until((c) => c.events.length === 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(watcher.events).toEqual([]);
    await first.close();
    await watcher.close();
  });

  it('closes with 4008 without auth, 4001 when auth is not first, and answers ping', async () => {
    h = await createRealtimeHarness(driver, { config: { authTimeoutMs: 200 } });
    const silent = new TestWsClient(h.wsUrl);
    await silent.opened;
    expect(await silent.closed).toBe(4008);
    expect(silent.messages[0]).toMatchObject({ type: 'error', code: 'auth_timeout' });

    const rude = new TestWsClient(h.wsUrl);
    await rude.opened;
    rude.send({ type: 'subscribe' });
    expect(await rude.closed).toBe(4001);

    const bad = new TestWsClient(h.wsUrl);
    await bad.opened;
    bad.send({ type: 'auth', access_token: 'not-a-token' });
    expect(await bad.closed).toBe(4001);

    const user = await h.signIn();
    const client = await connect(h, { access_token: user.token });
    client.send({ type: 'ping', id: 'p-1' });
    client.send({ type: 'subscribe' });
    client.send('not json');
    await client.until((c) => c.messages.length >= 4);
    expect(client.messages.slice(1, 4)).toEqual([
      expect.objectContaining({ type: 'pong', id: 'p-1' }),
      expect.objectContaining({ type: 'error', code: 'already_subscribed' }),
      expect.objectContaining({ type: 'error', code: 'malformed_message' }),
    ]);
    await client.close();
  });

  it('closes with 4009 when the resume point is outside the replay window, 4029 beyond the connection limit', async () => {
    h = await createRealtimeHarness(driver, { config: { resumeMaxEvents: 3, maxConnectionsPerUser: 1 } });
    const user = await h.signIn();
    await h.append(user.userId, [1, 2, 3, 4, 5].map(balanceLow));
    const old = new TestWsClient(h.wsUrl);
    await old.opened;
    old.send({ type: 'auth', access_token: user.token });
    old.send({ type: 'subscribe', last_sequence: 1 });
    expect(await old.closed).toBe(4009);
    expect(old.messages.at(-1)).toMatchObject({ type: 'error', code: 'resume_window_exceeded' });

    const ok = await connect(h, { access_token: user.token }, 3);
    await ok.until((c) => c.events.length === 2);
    const extra = new TestWsClient(h.wsUrl);
    await extra.opened;
    extra.send({ type: 'auth', access_token: user.token });
    expect(await extra.closed).toBe(4029);
    await ok.close();
  });

  it('never skips or repeats while events are committed during the replay', async () => {
    h = await createRealtimeHarness(driver);
    const user = await h.signIn();
    await h.append(
      user.userId,
      Array.from({ length: 50 }, (_, i) => balanceLow(i + 1)),
    );
    const writer = (async () => {
      for (let i = 51; i <= 150; i++) await h.append(user.userId, [balanceLow(i)]);
    })();
    const client = await connect(h, { access_token: user.token }, 10);
    await writer;
    await client.until((c) => c.events.length >= 140, 15_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(client.events.map((e) => e.sequence)).toEqual(Array.from({ length: 140 }, (_, i) => i + 11));
    await client.close();
  });

  it('closes a slow consumer with 4010 and keeps its buffer bounded', async () => {
    const maxBufferedEvents = 20;
    h = await createRealtimeHarness(driver, { config: { maxBufferedEvents, maxBufferedBytes: 256 * 1024 } });
    const user = await h.signIn();
    const client = await connect(h, { access_token: user.token });
    (client.socket as any)._socket.pause(); // the client stops reading
    const big = { type: 'announcement.published' as const, data: { filler: 'x'.repeat(8192) } };
    const total = 2000;
    for (let i = 0; i < total / 100; i++)
      await h.append(
        user.userId,
        Array.from({ length: 100 }, () => big),
      );
    await h.dispatcher.drain();
    // the server dropped the connection from the hub at once, whatever the client does
    await expect.poll(() => h.realtime.hub.connections(user.userId), { timeout: 10_000 }).toBe(0);
    (client.socket as any)._socket.resume();
    expect(await client.closed).toBe(4010);
    expect(client.messages.at(-1)).toMatchObject({ type: 'error', code: 'slow_consumer' });
    // what reached the client is bounded by the kernel buffers plus the per-connection limits, far from all
    expect(client.events.length).toBeLessThan(total / 2);
    expect(client.events.map((e) => e.sequence)).toEqual(client.events.map((_, i) => i + 1));
  });
});
