import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { ApiError } from '../../../errors/index.ts';
import { clientInfo } from '../authenticate/index.ts';

/**
 * Counts the request against the caller's tier budget (per user, or per IP when anonymous) and stamps the
 * `RateLimit-*` headers on every response; over budget answers 429 `rate_limited` with `Retry-After`.
 */
export const rateLimit =
  (options: { anonymousPerMinute: number }): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const principal = c.get('principal');
    const key = principal ? `user:${principal.user.id}` : `ip:${clientInfo(c).ip}`;
    const limit = principal?.tier.rate_limit_per_minute ?? options.anonymousPerMinute;
    const decision = await c.get('services').rateLimiter.consume(key, limit);
    const headers = {
      'RateLimit-Limit': String(decision.limit),
      'RateLimit-Remaining': String(decision.remaining),
      'RateLimit-Reset': String(decision.resetSeconds),
    };
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    if (!decision.allowed) {
      throw new ApiError('rate_limited', `Rate limit of ${limit} requests per minute exceeded.`, {
        retryAfter: decision.resetSeconds,
        headers: { 'Retry-After': String(decision.resetSeconds) },
      });
    }
    await next();
    // handlers may build a fresh Response; the headers must survive that
    for (const [name, value] of Object.entries(headers)) if (!c.res.headers.has(name)) c.res.headers.set(name, value);
  };
