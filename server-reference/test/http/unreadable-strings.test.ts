import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
const json = { 'Content-Type': 'application/json' };

// One rule (spec/README.md): every string the API reads is UTF-8 without NUL. Anything else is refused at the
// boundary with 422 validation_failed and a field error `encoding` at its pointer; nothing reaches storage.
describe.each(DRIVERS)('unreadable strings (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver);
  });
  afterAll(async () => {
    await server?.close();
  });

  const expectEncoding = (res: { status: number; body: any }, field: string) => {
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ field, code: 'encoding' }));
  };

  it('NUL, lone surrogates and bytes that are not UTF-8 in a JSON body are refused and nothing is stored', async () => {
    const user = await server.register();
    expectEncoding(await server.request('PATCH', '/v1/me', { token: user.token, body: { name: 'a\u0000b' } }), '/body/name');
    expectEncoding(
      await server.request('PATCH', '/v1/me', { token: user.token, rawBody: '{"name":"x\\ud800y"}', headers: json }),
      '/body/name',
    );
    expectEncoding(
      await server.request('PATCH', '/v1/me', { token: user.token, rawBytes: bytes('{"name":"caf', [0xff], '"}'), headers: json }),
      '/body/name',
    );
    expect((await server.request('GET', '/v1/me', { token: user.token })).body.name).toBe('Test User');

    const keys = await server.request('POST', '/v1/api-keys', { token: user.token, body: { name: 'ci\u0000', scopes: ['wallet:read'] } });
    expectEncoding(keys, '/body/name');
    expect((await server.request('GET', '/v1/api-keys', { token: user.token })).body.data).toEqual([]);

    const email = `nul-${Date.now()}@example.com`;
    expectEncoding(
      await server.request('POST', '/v1/auth/register', { body: { email, password: 'correct horse battery', name: 'N\u0000' } }),
      '/body/name',
    );
    expect(
      (await server.request('POST', '/v1/auth/register', { body: { email, password: 'correct horse battery', name: 'N' } })).status,
    ).toBe(201);

    const report = await server.request('POST', '/v1/analytics/reports', {
      token: user.token,
      body: {
        name: 'Weekly\u0000',
        report: 'verifications',
        format: 'csv',
        frequency: 'weekly',
        day_of_week: 1,
        hour_of_day: 8,
        recipients: ['a@example.com'],
      },
    });
    expectEncoding(report, '/body/name');
  });

  it('an object key counts as a string too', async () => {
    const user = await server.register();
    expectEncoding(
      await server.request('PATCH', '/v1/me', { token: user.token, rawBody: '{"na\\u0000me":"x"}', headers: json }),
      '/body/na\u0000me',
    );
  });

  it('NUL and bytes that are not UTF-8 in query parameters are refused on every list', async () => {
    const user = await server.register();
    for (const path of ['/v1/verifications', '/v1/events', '/v1/wallet/ledger', '/v1/notifications', '/v1/auth/sessions']) {
      expectEncoding(await server.request('GET', `${path}?starting_after=%00`, { token: user.token }), '/query/starting_after');
      expectEncoding(await server.request('GET', `${path}?starting_after=ab%FFcd`, { token: user.token }), '/query/starting_after');
      expectEncoding(await server.request('GET', `${path}?starting_after=%ED%A0%80`, { token: user.token }), '/query/starting_after');
    }
    expectEncoding(await server.request('GET', '/v1/verifications?service=what%00sapp', { token: user.token }), '/query/service');
  });

  it('well-formed text outside ASCII is accepted and stored exactly', async () => {
    const user = await server.register();
    const name = 'Zoë Ångström 😀 \uFFFD';
    const res = await server.request('PATCH', '/v1/me', { token: user.token, body: { name } });
    expect(res.status).toBe(200);
    expect((await server.request('GET', '/v1/me', { token: user.token })).body.name).toBe(name);
    expect((await server.request('GET', '/v1/verifications?starting_after=%C3%A9t%C3%A9', { token: user.token })).status).toBe(200);
  });
});
