import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';

/** The state of a caller's window after counting one request. */
export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

/**
 * Fixed one-minute windows per caller, with the budget of the caller's tier. Counters live in process by
 * default and in Redis when configured, so several server processes share one budget per caller.
 */
export class RequestRateLimiter {
  readonly #limiters = new Map<number, RateLimiterAbstract>();

  private readonly redis: Redis | null;
  private readonly windowSeconds: number;
  constructor(redis: Redis | null, windowSeconds = 60) {
    this.redis = redis;
    this.windowSeconds = windowSeconds;
  }

  async consume(key: string, limit: number): Promise<RateLimitDecision> {
    const limiter = this.#limiter(limit);
    try {
      const result = await limiter.consume(key);
      return { allowed: true, limit, remaining: result.remainingPoints, resetSeconds: Math.ceil(result.msBeforeNext / 1000) };
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      return { allowed: false, limit, remaining: 0, resetSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
    }
  }

  #limiter(points: number): RateLimiterAbstract {
    let limiter = this.#limiters.get(points);
    if (!limiter) {
      const options = { keyPrefix: `rl:${points}`, points, duration: this.windowSeconds };
      // while Redis is unreachable (a restart, a Sentinel failover) the limits hold per node, in memory,
      // instead of failing requests; the shared budget resumes once Redis answers again
      limiter = this.redis
        ? new RateLimiterRedis({
            ...options,
            storeClient: this.redis,
            useRedisPackage: false,
            insuranceLimiter: new RateLimiterMemory(options),
          })
        : new RateLimiterMemory(options);
      this.#limiters.set(points, limiter);
    }
    return limiter;
  }
}
