import { afterAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { ApiTimeoutError, AuthenticationError, Namaskah } from '../../src/index.js';

const verification = (status: string, code: string | null = null, id = 'ver_1') => ({
  id,
  status,
  code,
  service: 'whatsapp',
  country: 'US',
});
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A fetch that answers GET /v1/verifications/ver_1 from `states` (the last one repeats) and counts the calls. */
function pollingApi(states: ReturnType<typeof verification>[], ticket?: () => Response) {
  let gets = 0;
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    if (url.pathname === '/v1/realtime/tickets' && init.method === 'POST') {
      return ticket ? ticket() : json({ status: 501, code: 'not_implemented' }, 501);
    }
    if (url.pathname === '/v1/verifications/ver_1') return json(states[Math.min(gets++, states.length - 1)]);
    return json({ status: 404, code: 'not_found' }, 404);
  }) as typeof globalThis.fetch;
  return { fetch, gets: () => gets };
}

const wss = new WebSocketServer({ port: 0 });
afterAll(() => wss.close());

describe('verifications.waitForCode', () => {
  it('returns at once when the verification is no longer pending', async () => {
    const api = pollingApi([verification('completed', '123456')]);
    const client = new Namaskah({ fetch: api.fetch, apiKey: 'k', baseUrl: 'http://api.test' });
    await expect(client.verifications.waitForCode('ver_1', { pollOnly: true })).resolves.toMatchObject({ code: '123456' });
    expect(api.gets()).toBe(1);
  });

  it('polls until the code arrives', async () => {
    const api = pollingApi([verification('pending'), verification('pending'), verification('completed', '987654')]);
    const client = new Namaskah({ fetch: api.fetch, apiKey: 'k', baseUrl: 'http://api.test' });
    const done = await client.verifications.waitForCode('ver_1', { pollOnly: true, pollInterval: 10 });
    expect(done).toMatchObject({ status: 'completed', code: '987654' });
    expect(api.gets()).toBe(3);
  });

  it('returns a terminal failure state too (expired, refunded)', async () => {
    const api = pollingApi([verification('pending'), verification('expired')]);
    const client = new Namaskah({ fetch: api.fetch, apiKey: 'k', baseUrl: 'http://api.test' });
    await expect(client.verifications.waitForCode('ver_1', { pollOnly: true, pollInterval: 10 })).resolves.toMatchObject({
      status: 'expired',
      code: null,
    });
  });

  it('gives up with ApiTimeoutError after the timeout', async () => {
    const api = pollingApi([verification('pending')]);
    const client = new Namaskah({ fetch: api.fetch, apiKey: 'k', baseUrl: 'http://api.test' });
    const started = Date.now();
    await expect(client.verifications.waitForCode('ver_1', { pollOnly: true, pollInterval: 20, timeout: 200 })).rejects.toBeInstanceOf(
      ApiTimeoutError,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(api.gets()).toBeGreaterThan(2);
  });

  it('stops when the caller aborts', async () => {
    const api = pollingApi([verification('pending')]);
    const client = new Namaskah({ fetch: api.fetch, apiKey: 'k', baseUrl: 'http://api.test' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('caller gave up')), 50);
    await expect(
      client.verifications.waitForCode('ver_1', { pollOnly: true, pollInterval: 10, signal: controller.signal }),
    ).rejects.toThrow();
  });

  it('takes the code from the real-time channel, ignoring other verifications, without polling again', async () => {
    wss.removeAllListeners('connection');
    wss.on('connection', (socket) => {
      socket.on('message', (raw) => {
        if (JSON.parse(String(raw)).type !== 'subscribe') return;
        socket.send(JSON.stringify({ type: 'ready', sequence: 0 }));
        const event = (sequence: number, id: string, code: string) => ({
          id: `evt_${sequence}`,
          type: 'verification.completed',
          sequence,
          timestamp: '2026-01-01T00:00:00Z',
          data: verification('completed', code, id),
        });
        setTimeout(() => {
          socket.send(JSON.stringify(event(1, 'ver_other', '111111')));
          socket.send(JSON.stringify(event(2, 'ver_1', '424242')));
        }, 30);
      });
    });
    const port = (wss.address() as { port: number }).port;
    const api = pollingApi([verification('pending')], () =>
      json({ ticket: 'rtt_1', url: `ws://127.0.0.1:${port}/v1/realtime`, expires_at: '2026-01-01T00:00:30Z' }, 201),
    );
    const client = new Namaskah({ fetch: api.fetch, apiKey: 'k', baseUrl: 'http://api.test' });
    const done = await client.verifications.waitForCode('ver_1', { timeout: 5000 });
    expect(done).toMatchObject({ id: 'ver_1', code: '424242' });
    expect(api.gets()).toBe(2); // the initial check and the re-read once subscribed: the code came in real time
  });

  it('catches an SMS that lands while it subscribes (re-reads once the channel is ready)', async () => {
    wss.removeAllListeners('connection');
    // The SMS arrives between the first read and `ready`: no event will ever be sent for it.
    wss.on('connection', (socket) => {
      socket.on('message', (raw) => {
        if (JSON.parse(String(raw)).type === 'subscribe') socket.send(JSON.stringify({ type: 'ready', sequence: 7 }));
      });
    });
    const port = (wss.address() as { port: number }).port;
    const api = pollingApi([verification('pending'), verification('completed', '313131')], () =>
      json({ ticket: 'rtt_1', url: `ws://127.0.0.1:${port}/v1/realtime`, expires_at: '2026-01-01T00:00:30Z' }, 201),
    );
    const client = new Namaskah({ fetch: api.fetch, apiKey: 'k', baseUrl: 'http://api.test' });
    await expect(client.verifications.waitForCode('ver_1', { timeout: 3000 })).resolves.toMatchObject({ code: '313131' });
  });

  it('a wrong key fails with the typed error instead of waiting for ever', async () => {
    const refused = () => json({ status: 401, code: 'unauthenticated' }, 401);
    const fetch = (async () => refused()) as typeof globalThis.fetch;
    const client = new Namaskah({ fetch, apiKey: 'nmk_test_revoked', baseUrl: 'http://api.test' });
    await expect(client.verifications.waitForCode('ver_1', { timeout: 3000 })).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('polls at the normal pace when real time is refused for good (403 on the ticket)', async () => {
    const api = pollingApi([verification('pending'), verification('pending'), verification('completed', '777777')], () =>
      json({ status: 403, code: 'insufficient_scope' }, 403),
    );
    const client = new Namaskah({ fetch: api.fetch, apiKey: 'k', baseUrl: 'http://api.test' });
    await expect(client.verifications.waitForCode('ver_1', { timeout: 3000, pollInterval: 20 })).resolves.toMatchObject({ code: '777777' });
  });
});
