import { ProviderError, type ProviderErrorCode } from '../../domain/ports/provider-error.ts';
import { type ProviderResponse, retryAfterMs } from '../shared/provider-http.ts';

export const FIVESIM_PROVIDER_ID = 'fivesim';

/**
 * 5sim answers errors with a short plain-text body (usually with HTTP 400, sometimes 200) rather than
 * JSON. The messages its API documentation lists, and what each means for us.
 */
const TEXT_ERRORS: Array<{ pattern: RegExp; code: ProviderErrorCode; retryable: boolean }> = [
  { pattern: /^no free phones$/, code: 'no_numbers', retryable: false },
  { pattern: /^not enough user balance$/, code: 'insufficient_provider_balance', retryable: false },
  // The account's rating caps how many orders it may hold at once.
  { pattern: /^not enough rating$/, code: 'unavailable', retryable: true },
  { pattern: /^(bad|select) (country|operator)$|^(no|bad) product$/, code: 'no_numbers', retryable: false },
  { pattern: /^server offline$/, code: 'unavailable', retryable: true },
  { pattern: /^(order|record) not found$/, code: 'not_found', retryable: false },
  { pattern: /^order (expired|has sms|no sms)$|^hosting order$/, code: 'invalid_state', retryable: false },
  { pattern: /wait/, code: 'cancel_too_early', retryable: true },
  { pattern: /limit/, code: 'rate_limited', retryable: true },
];

/**
 * Maps a 5sim error answer (any status with a plain-text body, or an error status) onto a ProviderError.
 *
 * @example
 * throw fiveSimError(response, Date.now());
 */
export function fiveSimError(response: ProviderResponse, now: number): ProviderError {
  const { status } = response;
  const text = response.text.trim();
  const message = `${response.label} answered ${status}${text ? `: ${text.slice(0, 200)}` : ''}`;
  const make = (code: ProviderErrorCode, retryable: boolean) =>
    new ProviderError(code, message, {
      provider: FIVESIM_PROVIDER_ID,
      status,
      retryable,
      ...(code === 'rate_limited' ? { retryAfterMs: retryAfterMs(response.headers, now) } : {}),
    });

  if (status === 401 || status === 403) return make('bad_credentials', false);
  if (status === 429) return make('rate_limited', true);
  const known = TEXT_ERRORS.find(({ pattern }) => pattern.test(text.toLowerCase()));
  if (known) return make(known.code, known.retryable);
  if (status >= 500) return make('unavailable', true);
  if (status === 404) return make('not_found', false);
  return make('unexpected', false);
}
