import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, createTestServer, DRIVERS, type TestServer } from './support/test-server.ts';

describe.each(DRIVERS)('HTTP behaviour on every route (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver, { config: { anonymousRateLimitPerMinute: 5, bodyLimitBytes: 2048 } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a body over the limit is 413; a query of the wrong type is 422 with the field', async () => {
    const user = await server.register();
    const big = await server.request('POST', '/v1/verifications', {
      token: user.token,
      rawBody: JSON.stringify({ service: 'x'.repeat(5000), country: 'US' }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('payload_too_large');
    const bad = await server.request('GET', '/v1/verifications?limit=abc&status=nope', { token: user.token });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['/query/limit', '/query/status']);
    const missing = await server.request('POST', '/v1/verifications', { token: user.token, body: { country: 'us' } });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: '/body/service', code: 'required' }),
        expect.objectContaining({ field: '/body/country', code: 'pattern' }),
      ]),
    );
  });

  it('prints the operations still answering 501, and they answer it as problem+json', async () => {
    const names = server.unimplemented.map((op) => `${op.method.toUpperCase()} ${op.path} (${op.operationId})`);
    console.log(`${names.length} unimplemented operations:\n  ${names.join('\n  ')}`);
    const implemented = new Set(
      server.services.spec.operations.map((op) => op.operationId).filter((id) => !names.some((n) => n.endsWith(`(${id})`))),
    );
    for (const id of ['registerAccount', 'createVerification', 'handlePaymentCallback', 'getPriceQuote', 'rotateApiKey', 'getHealth'])
      expect(implemented).toContain(id);
    const user = await server.register();
    // admin routes answer 403 to a non-admin before anything else, implemented or not
    const sample = server.unimplemented.find((op) => op.method === 'get' && !op.path.includes('{') && op.tag !== 'admin');
    if (sample) {
      const res = await server.request('GET', sample.path, { token: user.token });
      expect(res.status).toBe(501);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('every response has Request-Id and RateLimit headers; over budget is 429 with Retry-After', async () => {
    const statuses: number[] = [];
    let last: ApiResponse | undefined;
    for (let i = 0; i < 7; i++) {
      last = await server.request('GET', '/v1/health', { headers: { 'X-Forwarded-For': 'ignored' } });
      statuses.push(last.status);
      expect(last.headers.get('request-id')).toMatch(/^req_/);
      expect(last.headers.get('ratelimit-limit')).toBe('5');
    }
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(5);
    expect(last!.status).toBe(429);
    expect(last!.body.code).toBe('rate_limited');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(last!.headers.get('ratelimit-remaining')).toBe('0');
  });
});
