import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../../../errors/index.ts';
import type { AnonymousRequestSeal } from './anonymous-request-seal.ts';
import type { IdempotencyStore } from './idempotency-store.ts';

/** Response headers worth replaying; rate-limit and request-id headers are always the current request's. */
const REPLAYED_HEADERS = ['content-type', 'location', 'cache-control'];
/** Outcomes not stored: the retry should run again (nothing happened, or we were only asked to wait). */
const NOT_STORED = new Set([409, 429, 500]);

/** Stable JSON (sorted keys), so equal bodies hash equally whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * `Idempotency-Key` on unsafe POSTs: the first request runs and its response is stored; retries with the
 * same body get that response (`Idempotent-Replayed: true`), concurrent ones wait for it, and the same key
 * with a different body is refused with 422 `idempotency_key_reused`. Keys are per caller; those of public
 * operations share one scope, and only a retry with the same body can read their stored response.
 */
export const idempotency =
  (
    store: IdempotencyStore,
    options: { waitMs?: number; pollMs?: number; anonymous?: AnonymousRequestSeal | null } = {},
  ): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const key = c.req.header('idempotency-key');
    const principal = c.get('principal');
    // a public operation (register, login, refresh) is keyed too, in one shared scope, its response sealed
    // (whatever credentials came along: the operation ignores them)
    const anonymous = options.anonymous ?? null;
    if (!key || (!principal && !anonymous)) return next();
    const scope = anonymous ? 'anonymous' : principal!.user.id;
    const input = c.get('input');
    const material = `${c.req.method} ${new URL(c.req.url).pathname}\n${canonical(input.body ?? null)}`;
    const requestHash = anonymous ? anonymous.requestHash(material) : createHash('sha256').update(material).digest('hex');

    const deadline = Date.now() + (options.waitMs ?? 15_000);
    for (;;) {
      const claim = await store.claim(scope, key, requestHash);
      if (claim.kind === 'mismatch') {
        throw new ApiError('idempotency_key_reused', 'This Idempotency-Key was used with a different request.');
      }
      if (claim.kind === 'completed') {
        const headers: Record<string, string> = { ...claim.response.headers, 'Idempotent-Replayed': 'true' };
        const body = anonymous ? anonymous.open(claim.response.body, material, key) : claim.response.body;
        return c.body(body, claim.response.status as 200, headers);
      }
      if (claim.kind === 'claimed') break;
      if (Date.now() >= deadline) {
        throw new ApiError('idempotency_key_in_use', 'A request with this Idempotency-Key is in progress; retry later.');
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 20));
    }

    let stored = false;
    try {
      await next();
      if (!NOT_STORED.has(c.res.status)) {
        const text = await c.res.clone().text();
        const body = anonymous ? anonymous.seal(text, material, key) : text;
        const headers: Record<string, string> = {};
        for (const name of REPLAYED_HEADERS) {
          const value = c.res.headers.get(name);
          if (value !== null) headers[name] = value;
        }
        await store.complete(scope, key, { status: c.res.status, headers, body });
        stored = true;
      }
    } finally {
      if (!stored) await store.release(scope, key);
    }
  };
