import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { AuthenticationError, Namaskah, PermissionDeniedError, RealtimeError, type RealtimeEvent } from '../../src/index.js';

// A WebSocket server speaking the asyncapi.yaml protocol: auth, subscribe(last_sequence) -> ready, events.
const wss = new WebSocketServer({ port: 0 });
const subscribes: unknown[] = [];
let connections = 0;
wss.on('connection', (socket) => {
  connections++;
  const mine = connections;
  socket.on('message', (raw) => {
    const message = JSON.parse(String(raw));
    if (message.type !== 'subscribe') return;
    subscribes.push(message);
    const after = message.last_sequence ?? 0;
    socket.send(JSON.stringify({ type: 'ready', sequence: after }));
    const event = (sequence: number) => ({
      id: `evt_${sequence}`,
      type: 'verification.completed',
      sequence,
      timestamp: '',
      data: { id: 'ver_1', status: 'completed', code: '123456' },
    });
    // First connection: events 1 and 2, then a drop. Second: a replay overlap (2) then 3.
    const sequences = mine === 1 ? [1, 2] : [2, 3];
    for (const s of sequences) socket.send(JSON.stringify(event(s)));
    if (mine === 1) setTimeout(() => socket.close(1001), 20);
  });
});
const port = () => (wss.address() as { port: number }).port;
const api = setupServer(
  http.post('http://rt.test/v1/realtime/tickets', () =>
    HttpResponse.json({ ticket: 'rtt_1', url: `ws://127.0.0.1:${port()}/v1/realtime/ws`, expires_at: '' }, { status: 201 }),
  ),
);
beforeAll(() => api.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => {
  api.close();
  wss.close();
});

describe('realtime.connect', () => {
  it('delivers typed events, reconnects after a drop and resumes from the last sequence without duplicates', async () => {
    const client = new Namaskah({ baseUrl: 'http://rt.test', apiKey: 'k' });
    const live = client.realtime.connect({ maxReconnectDelay: 50 });
    const codes: string[] = [];
    live.on('verification.completed', (event) => codes.push(event.data.code ?? ''));
    const seen: RealtimeEvent[] = [];
    for await (const event of live) {
      seen.push(event);
      if (seen.length === 3) break;
    }
    expect(seen.map((e) => e.sequence)).toEqual([1, 2, 3]);
    expect(codes).toEqual(['123456', '123456', '123456']);
    expect(subscribes).toEqual([{ type: 'subscribe' }, { type: 'subscribe', last_sequence: 2 }]);
    expect(live.closed).toBe(true);
  });

  it('resolves `ready` once subscribed', async () => {
    const live = new Namaskah({ baseUrl: 'http://rt.test', apiKey: 'k' }).realtime.connect();
    try {
      await expect(live.ready).resolves.toBeUndefined();
    } finally {
      live.close();
    }
  });

  it.each([
    [401, AuthenticationError],
    [403, PermissionDeniedError],
  ])('a %i on the ticket is fatal: a typed error event, a rejected `ready` and no reconnect', async (status, type) => {
    let tickets = 0;
    api.use(
      http.post(
        'http://bad.test/v1/realtime/tickets',
        () => (tickets++, HttpResponse.json({ status, code: 'unauthenticated' }, { status })),
      ),
    );
    const live = new Namaskah({ baseUrl: 'http://bad.test', apiKey: 'nmk_test_bad' }).realtime.connect({ maxReconnectDelay: 10 });
    const errors: unknown[] = [];
    live.on('error', (error) => errors.push(error));
    await expect(live.ready).rejects.toBeInstanceOf(type);
    await expect(live[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(type);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(type);
    expect(tickets).toBe(1);
    expect(live.closed).toBe(true);
  });

  it('a documented fatal close code (4003) stops with a RealtimeError', async () => {
    const fatal = new WebSocketServer({ port: 0 });
    fatal.on('connection', (socket) => socket.close(4003, 'forbidden'));
    const url = `ws://127.0.0.1:${(fatal.address() as { port: number }).port}/v1/realtime/ws`;
    api.use(
      http.post('http://closed.test/v1/realtime/tickets', () =>
        HttpResponse.json({ ticket: 'rtt_1', url, expires_at: '' }, { status: 201 }),
      ),
    );
    const live = new Namaskah({ baseUrl: 'http://closed.test', apiKey: 'k' }).realtime.connect({ maxReconnectDelay: 10 });
    try {
      const error = await live.ready.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RealtimeError);
      expect((error as RealtimeError).closeCode).toBe(4003);
      expect(live.closed).toBe(true);
    } finally {
      fatal.close();
    }
  });
});
