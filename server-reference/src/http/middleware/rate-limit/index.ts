export { rateLimit } from './rate-limit.ts';
export { RequestRateLimiter, type RateLimitDecision } from './request-rate-limiter.ts';
