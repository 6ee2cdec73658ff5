import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { contract } from './support/contract.ts';
import { createTestServer, type TestServer } from './support/test-server.ts';

// The spec states the sign-in throttle in the prose of POST /v1/auth/login; the server's defaults must be
// those numbers (the test reads them from the spec, so changing one without the other fails here).
describe('login throttling defaults', () => {
  it('are the numbers the spec states', async () => {
    const { spec } = await contract();
    const login = spec.operations.find((op) => op.operationId === 'logIn')!;
    const text = String(login.operation.description).replace(/\s+/g, ' ');
    const stated = text.match(/After (\d+) failures for one email within (\d+) minutes, or (\d+) from one IP address within an hour/);
    expect(stated, 'the sentence stating the throttle').not.toBeNull();
    const config = loadConfig({});
    expect({
      perAccount: config.loginMaxFailuresPerAccount,
      accountWindowSeconds: config.loginThrottleWindowSeconds,
      perIp: config.loginMaxFailuresPerIp,
      ipWindowSeconds: config.loginIpThrottleWindowSeconds,
    }).toEqual({
      perAccount: Number(stated![1]),
      accountWindowSeconds: Number(stated![2]) * 60,
      perIp: Number(stated![3]),
      ipWindowSeconds: 3600,
    });
  });
});

describe('login throttling as configured by default', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer('pglite', { config: { trustProxy: true } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('9 failures leave the right password working; the 10th locks the email for up to 15 minutes', async () => {
    const user = await server.register();
    const ip = { 'X-Forwarded-For': '198.51.100.7' };
    for (let i = 0; i < 9; i++) {
      expect(
        (await server.request('POST', '/v1/auth/login', { body: { email: user.email, password: 'wrong password!' }, headers: ip })).status,
      ).toBe(401);
    }
    expect(
      (await server.request('POST', '/v1/auth/login', { body: { email: user.email, password: user.password }, headers: ip })).status,
    ).toBe(200);
    for (let i = 0; i < 10; i++)
      await server.request('POST', '/v1/auth/login', { body: { email: user.email, password: 'wrong password!' }, headers: ip });
    const locked = await server.request('POST', '/v1/auth/login', { body: { email: user.email, password: user.password }, headers: ip });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('login_throttled');
    expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(900);
  });

  it('50 failures from one address lock it for up to an hour', async () => {
    const ip = { 'X-Forwarded-For': '203.0.113.50' };
    for (let i = 0; i < 50; i++) {
      expect(
        (
          await server.request('POST', '/v1/auth/login', {
            body: { email: `nobody-${i}@example.com`, password: 'wrong password!' },
            headers: ip,
          })
        ).status,
      ).toBe(401);
    }
    const locked = await server.request('POST', '/v1/auth/login', {
      body: { email: 'someone-else@example.com', password: 'wrong password!' },
      headers: ip,
    });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(900);
    expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
  });

  it('a wrong current password on POST /v1/me/password counts towards the account budget', async () => {
    const user = await server.register();
    const ip = { 'X-Forwarded-For': '198.51.100.99' };
    for (let i = 0; i < 10; i++) {
      const res = await server.request('POST', '/v1/me/password', {
        token: user.token,
        headers: ip,
        body: { current_password: 'not the password', new_password: 'tangerine-lighthouse-orbit-42' },
      });
      expect(res.status).toBe(422);
    }
    const throttled = await server.request('POST', '/v1/me/password', {
      token: user.token,
      headers: ip,
      body: { current_password: user.password, new_password: 'tangerine-lighthouse-orbit-42' },
    });
    expect(throttled.status).toBe(429);
    expect(throttled.body.code).toBe('login_throttled');
  });
});
