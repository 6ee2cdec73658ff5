/** Retry rules shared by every SDK (DESIGN.md §7). */

/**
 * Retry on 408, 409, 429 and any 5xx except 501 Not Implemented: a 501 is permanent (the server does not
 * support the operation), so another attempt can never succeed.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || (status >= 500 && status !== 501);
}

const BASE_DELAY_MS = 500;
const MAX_BACKOFF_MS = 8_000;
/** Server-requested waits longer than this are not honoured; the normal backoff is used instead. */
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Backoff before retry number `retry` (0 for the first retry): min(0.5 s x 2^n, 8 s), less up to 25%
 * jitter so that many clients failing together do not retry together.
 */
export function backoffDelay(retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BASE_DELAY_MS * 2 ** retry, MAX_BACKOFF_MS);
  return Math.round(ceiling * (1 - 0.25 * random()));
}

/**
 * The wait the server asked for, in ms: `retry-after-ms`, else `Retry-After` as seconds or an HTTP date.
 * Undefined when absent, unparseable, negative or above {@link MAX_RETRY_AFTER_MS}.
 */
export function serverRequestedDelay(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  let delay: number | undefined;
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms))) {
    delay = Number(ms);
  } else {
    const after = headers.get('retry-after');
    if (after !== null && after.trim() !== '') {
      delay = Number.isFinite(Number(after)) ? Number(after) * 1000 : Date.parse(after) - now;
    }
  }
  if (delay === undefined || !Number.isFinite(delay) || delay < 0 || delay > MAX_RETRY_AFTER_MS) return undefined;
  return Math.ceil(delay);
}
