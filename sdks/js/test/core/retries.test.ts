import { describe, expect, it } from 'vitest';
import { ApiConnectionError, InternalServerError, Namaskah, type RetryInfo, backoffDelay, serverRequestedDelay } from '../../src/index.js';
import { fakeFetch, json, problem } from '../fake-fetch.js';

const verification = { id: 'ver_1', status: 'pending' };
const body = { service: 'whatsapp', country: 'US' };

describe('retries', () => {
  it('retries 5xx twice by default, then throws the last error', async () => {
    const { fetch, calls } = fakeFetch(problem(503, 'provider_unavailable', { 'retry-after-ms': '1' }));
    const client = new Namaskah({ fetch, apiKey: 'k' });
    await expect(client.verifications.retrieve('ver_1')).rejects.toBeInstanceOf(InternalServerError);
    expect(calls).toHaveLength(3);
  });

  it.each([408, 409, 429, 500, 502])('retries status %i', async (status) => {
    const { fetch, calls } = fakeFetch(problem(status, 'x', { 'retry-after-ms': '1' }), json(200, verification));
    const client = new Namaskah({ fetch, apiKey: 'k' });
    await expect(client.verifications.retrieve('ver_1')).resolves.toEqual(verification);
    expect(calls).toHaveLength(2);
  });

  it.each([400, 401, 402, 403, 404, 422])('does not retry status %i', async (status) => {
    const { fetch, calls } = fakeFetch(problem(status, 'x'));
    await expect(new Namaskah({ fetch, apiKey: 'k' }).verifications.retrieve('ver_1')).rejects.toMatchObject({ status });
    expect(calls).toHaveLength(1);
  });

  it('retries connection errors and reports them through onRetry', async () => {
    const retries: RetryInfo[] = [];
    const { fetch, calls } = fakeFetch(new TypeError('fetch failed'));
    const client = new Namaskah({ fetch, apiKey: 'k', maxRetries: 1, onRetry: (info) => retries.push(info) });
    await expect(client.wallet.retrieve()).rejects.toBeInstanceOf(ApiConnectionError);
    expect(calls).toHaveLength(2);
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({ attempt: 1, method: 'GET' });
    expect(retries[0]!.delayMs).toBeGreaterThanOrEqual(375);
    expect(retries[0]!.delayMs).toBeLessThanOrEqual(500);
  });

  it('does not retry a request whose headers fetch refuses to send', async () => {
    const retries: RetryInfo[] = [];
    let attempts = 0;
    const fetch = async (_input: RequestInfo | URL, init?: RequestInit) => {
      attempts++;
      new Headers(init?.headers); // what every fetch does first: throws a TypeError for an invalid value
      return json(200, {});
    };
    const client = new Namaskah({ fetch, apiKey: 'k', onRetry: (info) => retries.push(info) });
    await expect(client.wallet.retrieve({ headers: { 'x-trace': 'a\nb' } })).rejects.toBeInstanceOf(ApiConnectionError);
    expect(attempts).toBe(1);
    expect(retries).toEqual([]);
  });

  it('honours Retry-After up to 60 s and ignores longer waits', async () => {
    const delays: number[] = [];
    const { fetch } = fakeFetch(
      problem(429, 'rate_limited', { 'retry-after-ms': '20' }),
      problem(429, 'rate_limited', { 'retry-after': '3600' }),
      json(200, {}),
    );
    const client = new Namaskah({ fetch, apiKey: 'k', maxRetryTime: 5_000, onRetry: (i) => delays.push(i.delayMs) });
    await expect(client.wallet.retrieve({ maxRetries: 1 })).rejects.toMatchObject({ status: 429 });
    expect(delays[0]).toBe(20);
    expect(serverRequestedDelay(new Headers({ 'retry-after': '3600' }))).toBeUndefined();
    expect(serverRequestedDelay(new Headers({ 'retry-after': '7' }))).toBe(7000);
    const date = new Date(Date.now() + 10_000).toUTCString();
    expect(serverRequestedDelay(new Headers({ 'retry-after': date }))).toBeGreaterThan(8_000);
  });

  it('stops retrying when the total time bound would be exceeded', async () => {
    const { fetch, calls } = fakeFetch(problem(503, 'provider_unavailable', { 'retry-after': '2' }));
    const client = new Namaskah({ fetch, apiKey: 'k', maxRetries: 5, maxRetryTime: 1_000 });
    const started = Date.now();
    await expect(client.wallet.retrieve()).rejects.toMatchObject({ status: 503 });
    expect(calls).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('backs off min(0.5 s x 2^n, 8 s) less up to 25% jitter', () => {
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, () => 0))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(backoffDelay(0, () => 1)).toBe(375);
  });
});

describe('x-should-retry', () => {
  it('x-should-retry: true retries a status that is not retried otherwise; false stops a retryable one', async () => {
    const yes = fakeFetch(problem(400, 'x', { 'x-should-retry': 'true', 'retry-after-ms': '1' }), json(200, verification));
    await expect(new Namaskah({ fetch: yes.fetch, apiKey: 'k' }).verifications.retrieve('ver_1')).resolves.toEqual(verification);
    expect(yes.calls).toHaveLength(2);
    const no = fakeFetch(problem(503, 'x', { 'x-should-retry': 'false' }), json(200, verification));
    await expect(new Namaskah({ fetch: no.fetch, apiKey: 'k' }).verifications.retrieve('ver_1')).rejects.toMatchObject({ status: 503 });
    expect(no.calls).toHaveLength(1);
  });
});

describe('idempotency keys', () => {
  it('sends one generated key per logical POST and reuses it on every retry', async () => {
    const { fetch, calls } = fakeFetch(
      problem(500, 'internal_error', { 'retry-after-ms': '1' }),
      new TypeError('reset'),
      json(201, verification),
    );
    const client = new Namaskah({ fetch, apiKey: 'k' });
    await client.verifications.create(body);
    await client.verifications.create(body);
    const keys = calls.map((c) => c.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).toBe(keys[0]);
    expect(keys[3]).not.toBe(keys[0]);
  });

  it('uses the caller-supplied key, and none on GET', async () => {
    const { fetch, calls } = fakeFetch(json(201, verification));
    const client = new Namaskah({ fetch, apiKey: 'k' });
    await client.verifications.create(body, { idempotencyKey: 'order-42' });
    await client.verifications.retrieve('ver_1');
    expect(calls[0]!.headers['idempotency-key']).toBe('order-42');
    expect(calls[1]!.headers['idempotency-key']).toBeUndefined();
  });
});
