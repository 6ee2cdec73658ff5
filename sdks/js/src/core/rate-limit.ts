/** The rate-limit state a response reports (`RateLimit-*` and `Retry-After` headers). */
export interface RateLimitInfo {
  /** Requests allowed in the current window. */
  limit?: number;
  /** Requests left in the current window. */
  remaining?: number;
  /** Seconds until the window resets. */
  resetSeconds?: number;
  /** Seconds the server asked to wait (429 and 503). */
  retryAfterSeconds?: number;
}

const HEADERS: readonly [keyof RateLimitInfo, string][] = [
  ['limit', 'ratelimit-limit'],
  ['remaining', 'ratelimit-remaining'],
  ['resetSeconds', 'ratelimit-reset'],
  ['retryAfterSeconds', 'retry-after'],
];

/** Reads the rate-limit headers of a response; absent or malformed headers are left out. */
export function parseRateLimit(headers: Headers): RateLimitInfo {
  const info: RateLimitInfo = {};
  for (const [field, name] of HEADERS) {
    const raw = headers.get(name);
    const value = Number(raw);
    if (raw !== null && raw.trim() !== '' && Number.isFinite(value)) info[field] = value;
  }
  return info;
}
