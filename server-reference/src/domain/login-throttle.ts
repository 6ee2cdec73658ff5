import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import { ApiError } from '../errors/index.ts';

/**
 * The defaults, as POST /v1/auth/login states them in the spec (a test compares the two): 10 failures per
 * email in 15 minutes, 50 per IP address in an hour.
 */
export const LOGIN_THROTTLE_DEFAULTS = { maxPerAccount: 10, accountWindowSeconds: 15 * 60, maxPerIp: 50, ipWindowSeconds: 3600 } as const;

/**
 * Counts failed logins per account and per IP, each in its own fixed window; once either budget is spent, logins
 * from there are refused with 429 `login_throttled` (even with the right password) until the window ends.
 */
export class LoginThrottle {
  readonly #perAccount: RateLimiterAbstract;
  readonly #perIp: RateLimiterAbstract;

  constructor(options: {
    maxPerAccount: number;
    accountWindowSeconds: number;
    maxPerIp: number;
    ipWindowSeconds: number;
    redis?: Redis | null;
  }) {
    const make = (keyPrefix: string, points: number, duration: number) =>
      options.redis
        ? new RateLimiterRedis({ storeClient: options.redis, keyPrefix, points, duration, useRedisPackage: false })
        : new RateLimiterMemory({ keyPrefix, points, duration });
    this.#perAccount = make('login-fail-account', options.maxPerAccount, options.accountWindowSeconds);
    this.#perIp = make('login-fail-ip', options.maxPerIp, options.ipWindowSeconds);
  }

  /** Throws 429 when the account or the IP has no attempts left. */
  async check(email: string, ip: string): Promise<void> {
    const [account, address] = await Promise.all([this.#perAccount.get(email.toLowerCase()), this.#perIp.get(ip)]);
    for (const [state, limiter] of [
      [account, this.#perAccount],
      [address, this.#perIp],
    ] as const) {
      if (state && state.consumedPoints >= limiter.points) {
        const retryAfter = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
        throw new ApiError('login_throttled', `Too many failed logins; try again in ${retryAfter} seconds.`, {
          retryAfter,
          headers: { 'Retry-After': String(retryAfter) },
        });
      }
    }
  }

  /** Records a failed attempt against both budgets. */
  async recordFailure(email: string, ip: string): Promise<void> {
    const swallow = (error: unknown) => {
      if (!(error instanceof RateLimiterRes)) throw error;
    };
    await Promise.all([this.#perAccount.consume(email.toLowerCase()).catch(swallow), this.#perIp.consume(ip).catch(swallow)]);
  }

  /** A successful login clears the account's failures (not the IP's: one good account must not unlock a spray). */
  async recordSuccess(email: string): Promise<void> {
    await this.#perAccount.delete(email.toLowerCase());
  }
}
