import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Namaskah } from '../../src/index.js';

const BASE = 'http://api.test';
const server = setupServer();
const seen: Request[] = [];
server.events.on('request:start', ({ request }) => void seen.push(request.clone()));
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(() => server.close());

const client = () => new Namaskah({ baseUrl: BASE, apiKey: 'nmk_test_abc' });

describe('bytes on the wire', () => {
  it('createVerification: POST, bearer auth, JSON body, idempotency key', async () => {
    server.use(http.post(`${BASE}/v1/verifications`, () => HttpResponse.json({ id: 'ver_1' }, { status: 201 })));
    await client().verifications.create({ service: 'whatsapp', country: 'US', area_code: '415' });
    const [request] = seen;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe(`${BASE}/v1/verifications`);
    expect(request!.headers.get('authorization')).toBe('Bearer nmk_test_abc');
    expect(request!.headers.get('content-type')).toBe('application/json');
    expect(request!.headers.get('accept')).toBe('application/json, application/problem+json');
    expect(request!.headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await request!.text()).toBe('{"service":"whatsapp","country":"US","area_code":"415"}');
  });

  it('issueOAuthToken: a form body as RFC 6749 requires, no bearer token', async () => {
    server.use(http.post(`${BASE}/v1/oauth/token`, () => HttpResponse.json({ access_token: 'a', token_type: 'Bearer' })));
    await new Namaskah({ baseUrl: BASE }).oauth.tokens.create({
      grant_type: 'authorization_code',
      code: 'c0de',
      redirect_uri: 'com.namaskah.app:/oauth/callback',
      client_id: 'oac_1',
      code_verifier: 'v e/r',
    });
    const [request] = seen;
    expect(request!.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(request!.headers.get('authorization')).toBeNull();
    expect(Object.fromEntries(new URLSearchParams(await request!.text()))).toEqual({
      grant_type: 'authorization_code',
      code: 'c0de',
      redirect_uri: 'com.namaskah.app:/oauth/callback',
      client_id: 'oac_1',
      code_verifier: 'v e/r',
    });
  });

  it('getVerification: encodes the path parameter, sends no body', async () => {
    server.use(http.get(`${BASE}/v1/verifications/:id`, ({ params }) => HttpResponse.json({ id: params.id })));
    const result = await client().verifications.retrieve('ver_a/b');
    expect(seen[0]!.url).toBe(`${BASE}/v1/verifications/ver_a%2Fb`);
    expect(seen[0]!.method).toBe('GET');
    expect(seen[0]!.body).toBeNull();
    expect(result.id).toBe('ver_a/b');
  });

  it('listVerifications: query string from params, omitting undefined', async () => {
    server.use(http.get(`${BASE}/v1/verifications`, () => HttpResponse.json({ data: [], has_more: false, next_cursor: null })));
    await client().verifications.list({ limit: 10, status: 'pending', service: undefined });
    expect(new URL(seen[0]!.url).search).toBe('?limit=10&status=pending');
  });

  it('streamEvents: asks for text/event-stream and sends Last-Event-ID as a header', async () => {
    server.use(
      http.get(
        `${BASE}/v1/realtime/events`,
        () =>
          new HttpResponse('retry: 3000\n\nid: 8\nevent: verification.completed\ndata: {"sequence":8}\n\n', {
            headers: { 'content-type': 'text/event-stream' },
          }),
      ),
    );
    const stream = await client().realtime.events.stream({ lastEventId: '7' });
    const events = [];
    for await (const e of stream) events.push(e);
    expect(seen[0]!.headers.get('accept')).toBe('text/event-stream');
    expect(seen[0]!.headers.get('last-event-id')).toBe('7');
    expect(events).toEqual([{ id: '8', event: 'verification.completed', data: '{"sequence":8}' }]);
  });
});
