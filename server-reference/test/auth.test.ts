import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, DRIVERS, type TestServer } from './support/test-server.ts';

describe.each(DRIVERS)('auth and sessions (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver, { config: { loginMaxFailuresPerAccount: 3 } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refresh rotates; reusing an old refresh token revokes the whole session family', async () => {
    const user = await server.register();
    const first = await server.request('POST', '/v1/auth/refresh', { body: { refresh_token: user.refreshToken } });
    expect(first.status).toBe(200);
    const second = await server.request('POST', '/v1/auth/refresh', { body: { refresh_token: first.body.refresh_token } });
    expect(second.status).toBe(200);

    const reuse = await server.request('POST', '/v1/auth/refresh', { body: { refresh_token: user.refreshToken } });
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('refresh_token_reused');
    // the newest token of the family and its access token are dead too
    const after = await server.request('POST', '/v1/auth/refresh', { body: { refresh_token: second.body.refresh_token } });
    expect(after.status).toBe(401);
    const me = await server.request('GET', '/v1/me', { token: second.body.access_token });
    expect(me.status).toBe(401);
  });

  it('logout ends the session at once; sessions can be listed and revoked', async () => {
    const user = await server.register();
    const other = await server.request('POST', '/v1/auth/login', { body: { email: user.email, password: user.password } });
    const sessions = await server.request('GET', '/v1/auth/sessions', { token: user.token });
    expect(sessions.body.data).toHaveLength(2);
    expect(sessions.body.data.filter((s: any) => s.current)).toHaveLength(1);
    const revoked = await server.request('DELETE', `/v1/auth/sessions/${other.body.tokens.session_id}`, { token: user.token });
    expect(revoked.status).toBe(204);
    expect((await server.request('GET', '/v1/me', { token: other.body.tokens.access_token })).status).toBe(401);
    expect((await server.request('POST', '/v1/auth/logout', { token: user.token })).status).toBe(204);
    const me = await server.request('GET', '/v1/me', { token: user.token });
    expect(me.status).toBe(401);
    expect(me.body.code).toBe('invalid_token');
  });

  it('public operations ignore a stale or malformed credential: signing in again works (was 401 invalid_token)', async () => {
    const user = await server.register();
    expect((await server.request('POST', '/v1/auth/logout', { token: user.token })).status).toBe(204);
    const again = await server.request('POST', '/v1/auth/login', {
      token: user.token,
      body: { email: user.email, password: user.password },
    });
    expect(again.status).toBe(200);
    expect(again.body.result).toBe('authenticated');
    const malformed = { headers: { Authorization: 'Basic bm90OmJlYXJlcg==' } };
    const registered = await server.request('POST', '/v1/auth/register', {
      ...malformed,
      body: { email: `stale-${user.email}`, password: 'a-long-enough-password', name: 'Stale' },
    });
    expect(registered.status).toBe(201);
    expect((await server.request('GET', '/v1/health', { token: user.token })).status).toBe(200);
    // an operation that takes credentials still refuses the stale one
    expect((await server.request('GET', '/v1/me', { token: user.token })).body.code).toBe('invalid_token');
  });

  it('wrong passwords are refused, then the account is throttled even with the right one', async () => {
    const user = await server.register();
    for (let i = 0; i < 3; i++) {
      const bad = await server.request('POST', '/v1/auth/login', { body: { email: user.email, password: 'wrong password!!' } });
      expect(bad.status).toBe(401);
      expect(bad.body.code).toBe('invalid_credentials');
    }
    const throttled = await server.request('POST', '/v1/auth/login', { body: { email: user.email, password: user.password } });
    expect(throttled.status).toBe(429);
    expect(throttled.body.code).toBe('login_throttled');
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('duplicate email, bad input and missing credentials', async () => {
    const user = await server.register();
    const dup = await server.request('POST', '/v1/auth/register', {
      body: { email: user.email.toUpperCase(), password: 'another long password', name: 'X' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('email_taken');
    const invalid = await server.request('POST', '/v1/auth/register', {
      body: { email: 'not-an-email', password: 'short', name: 'X', extra: 1 },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.code).toBe('validation_failed');
    expect(invalid.body.errors.map((e: any) => e.field).sort()).toEqual(['/body/email', '/body/extra', '/body/password']);
    const malformed = await server.request('POST', '/v1/auth/login', {
      rawBody: '{"email":',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('malformed_request');
    const wrongType = await server.request('POST', '/v1/auth/login', {
      rawBody: 'email=a',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(wrongType.status).toBe(415);
    expect((await server.request('GET', '/v1/me')).body.code).toBe('unauthenticated');
    expect((await server.request('GET', '/v1/me', { token: 'garbage' })).body.code).toBe('invalid_token');
  });

  it('a password change keeps the current session and ends the others', async () => {
    const user = await server.register();
    const other = await server.request('POST', '/v1/auth/login', { body: { email: user.email, password: user.password } });
    const changed = await server.request('POST', '/v1/me/password', {
      token: user.token,
      body: { current_password: user.password, new_password: 'a brand new password' },
    });
    expect(changed.status).toBe(204);
    expect((await server.request('GET', '/v1/me', { token: user.token })).status).toBe(200);
    expect((await server.request('GET', '/v1/me', { token: other.body.tokens.access_token })).status).toBe(401);
    const updated = await server.request('PATCH', '/v1/me', { token: user.token, body: { name: 'Renamed', timezone: 'Europe/Paris' } });
    expect(updated.body).toMatchObject({ name: 'Renamed', timezone: 'Europe/Paris' });
  });
});
