import { afterEach, describe, expect, it } from 'vitest';
import { ApiTimeoutError, ApiUserAbortError, MissingCredentialsError, Namaskah, VERSION } from '../../src/index.js';
import { fakeFetch, json } from '../fake-fetch.js';

const hang = (_call: unknown, init: RequestInit) =>
  new Promise<Response>((_, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));

describe('timeouts and cancellation', () => {
  it('times out an attempt after the client timeout', async () => {
    const { fetch, calls } = fakeFetch(hang);
    const client = new Namaskah({ fetch, apiKey: 'k', timeout: 30, maxRetries: 1 });
    await expect(client.wallet.retrieve()).rejects.toBeInstanceOf(ApiTimeoutError);
    expect(calls).toHaveLength(2);
  });

  it('takes a per-request timeout override', async () => {
    const { fetch } = fakeFetch(hang);
    const client = new Namaskah({ fetch, apiKey: 'k', timeout: 60_000, maxRetries: 0 });
    const started = Date.now();
    await expect(client.wallet.retrieve({ timeout: 20 })).rejects.toThrow('timed out after 20 ms');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('stops at once, without retrying, when the caller aborts', async () => {
    const { fetch, calls } = fakeFetch(hang);
    const controller = new AbortController();
    const promise = new Namaskah({ fetch, apiKey: 'k' }).wallet.retrieve({ signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(promise).rejects.toBeInstanceOf(ApiUserAbortError);
    expect(calls).toHaveLength(1);
  });
});

describe('withResponse', () => {
  it('returns data, the raw response, request id and rate limit', async () => {
    const { fetch } = fakeFetch(json(200, { balance: 1 }, { 'request-id': 'req_1', 'ratelimit-remaining': '5' }));
    const result = await new Namaskah({ fetch, apiKey: 'k' }).wallet.retrieve().withResponse();
    expect(result.data).toEqual({ balance: 1 });
    expect(result.response.status).toBe(200);
    expect(result.requestId).toBe('req_1');
    expect(result.rateLimit).toEqual({ remaining: 5 });
  });
});

describe('pagination', () => {
  const page = (ids: string[], next: string | null) =>
    json(200, { data: ids.map((id) => ({ id })), has_more: next !== null, next_cursor: next });

  it('iterates items across pages with for await, following next_cursor', async () => {
    const { fetch, calls } = fakeFetch(page(['a', 'b'], 'c1'), page(['c'], 'c2'), page(['d'], null));
    const ids: string[] = [];
    for await (const v of new Namaskah({ fetch, apiKey: 'k' }).verifications.list({ limit: 2, status: 'completed' })) ids.push(v.id);
    expect(ids).toEqual(['a', 'b', 'c', 'd']);
    expect(calls.map((c) => new URL(c.url).search)).toEqual([
      '?limit=2&status=completed',
      '?limit=2&status=completed&starting_after=c1',
      '?limit=2&status=completed&starting_after=c2',
    ]);
  });

  it('iterates pages, and awaits to the first page', async () => {
    const { fetch } = fakeFetch(page(['a'], 'c1'), page(['b'], null), page(['a'], 'c1'));
    const client = new Namaskah({ fetch, apiKey: 'k' });
    const pages = [];
    for await (const p of client.verifications.list().iterPages()) pages.push(p.data.length);
    expect(pages).toEqual([1, 1]);
    expect((await client.verifications.list()).next_cursor).toBe('c1');
  });

  it('toArray stops at the limit without fetching more pages', async () => {
    const { fetch, calls } = fakeFetch(page(['a', 'b'], 'c1'), page(['c', 'd'], 'c2'), page(['e'], null));
    const items = await new Namaskah({ fetch, apiKey: 'k' }).verifications.list().toArray({ limit: 3 });
    expect(items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(calls).toHaveLength(2);
  });
});

describe('ApiPromise', () => {
  it('is a real Promise: instanceof Promise and assignable to Promise<T>', async () => {
    const { fetch } = fakeFetch(json(200, { balance: 1 }));
    const promise: Promise<unknown> = new Namaskah({ fetch, apiKey: 'k' }).wallet.retrieve();
    expect(promise).toBeInstanceOf(Promise);
    await expect(promise).resolves.toEqual({ balance: 1 });
    const chained = promise.then((wallet) => wallet);
    expect(chained).toBeInstanceOf(Promise);
  });

  it('asResponse() and withResponse() give the request id and headers of an empty (204) response', async () => {
    const { fetch } = fakeFetch(new Response(null, { status: 204, headers: { 'request-id': 'req_204', 'ratelimit-remaining': '9' } }));
    const client = new Namaskah({ fetch, apiKey: 'k' });
    const response = await client.apiKeys.delete('key_1').asResponse();
    expect(response.status).toBe(204);
    expect(response.headers.get('request-id')).toBe('req_204');
    const meta = await client.apiKeys.delete('key_1').withResponse();
    expect(meta).toMatchObject({ data: undefined, requestId: 'req_204', rateLimit: { remaining: 9 } });
  });
});

describe('client defaults', () => {
  const env = process.env;
  afterEach(() => {
    process.env = env;
  });

  it('reads NAMASKAH_API_KEY and NAMASKAH_BASE_URL from the environment', async () => {
    process.env = { ...env, NAMASKAH_API_KEY: 'nmk_test_env', NAMASKAH_BASE_URL: 'http://env.test/' };
    const { fetch, calls } = fakeFetch(json(200, { balance: 1 }));
    await new Namaskah({ fetch }).wallet.retrieve();
    expect(calls[0]!.url).toBe('http://env.test/v1/wallet');
    expect(calls[0]!.headers.authorization).toBe('Bearer nmk_test_env');
  });

  it('refuses a call that needs credentials when the client has none, before sending anything', async () => {
    process.env = { ...env, NAMASKAH_API_KEY: undefined };
    const { fetch, calls } = fakeFetch(json(200, {}));
    const client = new Namaskah({ fetch });
    const error = await client.wallet.retrieve().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingCredentialsError);
    expect(String(error)).toContain('NAMASKAH_API_KEY');
    expect(calls).toHaveLength(0);
    await client.health.retrieve(); // public: no credentials needed
    expect(calls).toHaveLength(1);
  });

  it('sends a User-Agent naming the SDK and its version', async () => {
    const { fetch, calls } = fakeFetch(json(200, {}));
    await new Namaskah({ fetch, apiKey: 'k' }).wallet.retrieve();
    expect(calls[0]!.headers['user-agent']).toBe(`namaskah-js/${VERSION}`);
  });
});

describe('logging', () => {
  it('logs requests at debug with Authorization and API keys redacted, through an injected logger', async () => {
    const lines: unknown[][] = [];
    const logger = { debug: (...a: unknown[]) => lines.push(a), info: () => {}, warn: () => {}, error: () => {} };
    const { fetch } = fakeFetch(json(200, { balance: 1 }, { 'request-id': 'req_log' }));
    await new Namaskah({
      fetch,
      apiKey: 'nmk_live_secret',
      logger,
      logLevel: 'debug',
      defaultHeaders: { 'x-api-key': 'nmk_live_secret', 'webhook-secret': 'whsec_x' },
    }).wallet.retrieve();
    const text = JSON.stringify(lines);
    expect(text).toContain('GET https://api.namaskah.dev/v1/wallet');
    expect(text).toContain('req_log');
    expect(text).not.toContain('nmk_live_secret');
    expect(text).not.toContain('whsec_x');
    expect(text).toContain('[redacted]');
  });

  it('takes the level from NAMASKAH_LOG and logs nothing below it', async () => {
    const lines: unknown[] = [];
    const logger = { debug: (...a: unknown[]) => lines.push(a), info: (...a: unknown[]) => lines.push(a), warn: () => {}, error: () => {} };
    const env = process.env;
    try {
      process.env = { ...env, NAMASKAH_LOG: 'warn' };
      const { fetch } = fakeFetch(json(200, {}));
      await new Namaskah({ fetch, apiKey: 'k', logger }).wallet.retrieve();
      expect(lines).toHaveLength(0);
      process.env = { ...env, NAMASKAH_LOG: 'debug' };
      await new Namaskah({ fetch, apiKey: 'k', logger }).wallet.retrieve();
      expect(lines.length).toBeGreaterThan(0);
    } finally {
      process.env = env;
    }
  });
});
