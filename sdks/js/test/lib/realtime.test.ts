import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { Namaskah, type RealtimeEvent } from '../../src/index.js';

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
    const event = (sequence: number) => ({ id: `evt_${sequence}`, type: 'verification.completed', sequence, timestamp: '', data: { id: 'ver_1', status: 'completed', code: '123456' } });
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
});
