import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';

// The spec promises the stored response to a keyed retry of register, login and refresh: a client that lost
// the first response and retries as the spec advises must not be refused or signed out.
describe.each(DRIVERS)('keyed retries of the credential exchanges (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver);
  });
  afterAll(async () => {
    await server?.close();
  });

  const sessionsOf = async (token: string) => (await server.request('GET', '/v1/auth/sessions', { token })).body.data.length;

  it('register: the retry gets the same account and tokens, not email_taken', async () => {
    const key = randomUUID();
    const body = { email: `replay-${randomUUID()}@example.com`, password: 'correct horse battery', name: 'Replay' };
    const first = await server.request('POST', '/v1/auth/register', { body, headers: { 'Idempotency-Key': key } });
    expect(first.status).toBe(201);
    const retry = await server.request('POST', '/v1/auth/register', { body, headers: { 'Idempotency-Key': key } });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await sessionsOf(first.body.tokens.access_token)).toBe(1);
    // the same key with another body is another request: refused, nothing created
    const other = await server.request('POST', '/v1/auth/register', {
      body: { ...body, email: `x-${body.email}` },
      headers: { 'Idempotency-Key': key },
    });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
  });

  it('login: the retry gets the same session, not a second one', async () => {
    const user = await server.register();
    const key = randomUUID();
    const body = { email: user.email, password: user.password };
    const first = await server.request('POST', '/v1/auth/login', { body, headers: { 'Idempotency-Key': key } });
    const retry = await server.request('POST', '/v1/auth/login', { body, headers: { 'Idempotency-Key': key } });
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.body.tokens).toEqual(first.body.tokens);
    expect(await sessionsOf(user.token)).toBe(2);
    // the stored tokens are sealed: the row holds no token in the clear
    const rows = await server.database.db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(first.body.tokens.refresh_token);
    expect(JSON.stringify(rows)).not.toContain(user.password);
  });

  it('refresh: the retry gets the same new tokens, and the session lives on', async () => {
    const user = await server.register();
    const key = randomUUID();
    const body = { refresh_token: user.refreshToken };
    const first = await server.request('POST', '/v1/auth/refresh', { body, headers: { 'Idempotency-Key': key } });
    expect(first.status).toBe(200);
    const retry = await server.request('POST', '/v1/auth/refresh', { body, headers: { 'Idempotency-Key': key } });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    const next = await server.request('POST', '/v1/auth/refresh', { body: { refresh_token: retry.body.refresh_token } });
    expect(next.status).toBe(200);
    expect((await server.request('GET', '/v1/me', { token: next.body.access_token })).status).toBe(200);
  });

  it('a credential exchange sent with a bearer token is sealed and replayed the same way', async () => {
    const user = await server.register();
    const key = randomUUID();
    const body = { email: user.email, password: user.password };
    const first = await server.request('POST', '/v1/auth/login', { token: user.token, body, headers: { 'Idempotency-Key': key } });
    const retry = await server.request('POST', '/v1/auth/login', { body, headers: { 'Idempotency-Key': key } });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.tokens).toEqual(first.body.tokens);
    const rows = await server.database.db.selectFrom('idempotency_keys').selectAll().where('key', '=', key).execute();
    expect(rows.map((r) => r.scope)).toEqual(['anonymous']);
    expect(JSON.stringify(rows)).not.toContain(first.body.tokens.refresh_token);
  });

  it('without a key a repeated refresh is still reuse: the session ends', async () => {
    const user = await server.register();
    const body = { refresh_token: user.refreshToken };
    expect((await server.request('POST', '/v1/auth/refresh', { body })).status).toBe(200);
    const again = await server.request('POST', '/v1/auth/refresh', { body });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('refresh_token_reused');
  });
});
