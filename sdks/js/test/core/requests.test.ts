import { describe, expect, it } from 'vitest';
import { ApiTimeoutError, ApiUserAbortError, Namaskah } from '../../src/index.js';
import { fakeFetch, json } from '../fake-fetch.js';

const hang = (_call: unknown, init: RequestInit) =>
  new Promise<Response>((_, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));

describe('timeouts and cancellation', () => {
  it('times out an attempt after the client timeout', async () => {
    const { fetch, calls } = fakeFetch(hang);
    const client = new Namaskah({ fetch, timeout: 30, maxRetries: 1 });
    await expect(client.wallet.retrieve()).rejects.toBeInstanceOf(ApiTimeoutError);
    expect(calls).toHaveLength(2);
  });

  it('takes a per-request timeout override', async () => {
    const { fetch } = fakeFetch(hang);
    const client = new Namaskah({ fetch, timeout: 60_000, maxRetries: 0 });
    const started = Date.now();
    await expect(client.wallet.retrieve({ timeout: 20 })).rejects.toThrow('timed out after 20 ms');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('stops at once, without retrying, when the caller aborts', async () => {
    const { fetch, calls } = fakeFetch(hang);
    const controller = new AbortController();
    const promise = new Namaskah({ fetch }).wallet.retrieve({ signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(promise).rejects.toBeInstanceOf(ApiUserAbortError);
    expect(calls).toHaveLength(1);
  });
});

describe('withResponse', () => {
  it('returns data, the raw response, request id and rate limit', async () => {
    const { fetch } = fakeFetch(json(200, { balance: 1 }, { 'request-id': 'req_1', 'ratelimit-remaining': '5' }));
    const result = await new Namaskah({ fetch }).wallet.retrieve().withResponse();
    expect(result.data).toEqual({ balance: 1 });
    expect(result.response.status).toBe(200);
    expect(result.requestId).toBe('req_1');
    expect(result.rateLimit).toEqual({ remaining: 5 });
  });
});

describe('pagination', () => {
  const page = (ids: string[], next: string | null) => json(200, { data: ids.map((id) => ({ id })), has_more: next !== null, next_cursor: next });

  it('iterates items across pages with for await, following next_cursor', async () => {
    const { fetch, calls } = fakeFetch(page(['a', 'b'], 'c1'), page(['c'], 'c2'), page(['d'], null));
    const ids: string[] = [];
    for await (const v of new Namaskah({ fetch }).verifications.list({ limit: 2, status: 'completed' })) ids.push(v.id);
    expect(ids).toEqual(['a', 'b', 'c', 'd']);
    expect(calls.map((c) => new URL(c.url).search)).toEqual([
      '?limit=2&status=completed',
      '?limit=2&starting_after=c1&status=completed',
      '?limit=2&starting_after=c2&status=completed',
    ]);
  });

  it('iterates pages, and awaits to the first page', async () => {
    const { fetch } = fakeFetch(page(['a'], 'c1'), page(['b'], null), page(['a'], 'c1'));
    const client = new Namaskah({ fetch });
    const pages = [];
    for await (const p of client.verifications.list().iterPages()) pages.push(p.data.length);
    expect(pages).toEqual([1, 1]);
    expect((await client.verifications.list()).next_cursor).toBe('c1');
  });

  it('toArray stops at the limit without fetching more pages', async () => {
    const { fetch, calls } = fakeFetch(page(['a', 'b'], 'c1'), page(['c', 'd'], 'c2'), page(['e'], null));
    const items = await new Namaskah({ fetch }).verifications.list().toArray({ limit: 3 });
    expect(items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(calls).toHaveLength(2);
  });
});
