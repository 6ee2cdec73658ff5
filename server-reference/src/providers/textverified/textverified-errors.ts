import { ProviderError, type ProviderErrorCode } from '../../domain/ports/provider-error.ts';
import { type ProviderResponse, retryAfterMs } from '../shared/provider-http.ts';
import { errorSchema } from './textverified-schemas.ts';

export const TEXTVERIFIED_PROVIDER_ID = 'textverified';

/** What the adapter was doing, which decides what an otherwise bare 400 means. */
export type TextVerifiedOperation = 'auth' | 'purchase' | 'read' | 'cancel' | 'report' | 'pricing';

export interface TextVerifiedErrorContext {
  operation: TextVerifiedOperation;
  /** The purchase asked for an area code, so "Unavailable" means that area code is out. */
  areaCodeRequested?: boolean;
  now: number;
}

/**
 * `errorCode`s TextVerified documents for create requests (its Mock Error Matrix and idempotency notes)
 * and what each means for us.
 */
const ERROR_CODES: Record<string, { code: ProviderErrorCode; retryable: boolean }> = {
  Unavailable: { code: 'no_numbers', retryable: false },
  InsufficientBalance: { code: 'insufficient_provider_balance', retryable: false },
  TooManyUnfinishedVerifications: { code: 'unavailable', retryable: true },
  IdempotencyConflict: { code: 'unavailable', retryable: true },
  PricingFailure: { code: 'unexpected', retryable: false },
};

function errorDetail(response: ProviderResponse): { errorCode: string | null; detail: string } {
  try {
    const parsed = errorSchema.safeParse(JSON.parse(response.text));
    if (parsed.success) {
      const { errorCode, errorDescription } = parsed.data;
      return { errorCode, detail: [errorCode, errorDescription].filter(Boolean).join(': ') };
    }
  } catch {
    // not JSON: TextVerified answers many errors with an empty or plain-text body
  }
  return { errorCode: null, detail: response.text.trim().slice(0, 200) };
}

/**
 * Maps a non-2xx TextVerified answer onto a ProviderError.
 *
 * @example
 * throw textVerifiedError(response, { operation: 'purchase', now: Date.now() });
 */
export function textVerifiedError(response: ProviderResponse, context: TextVerifiedErrorContext): ProviderError {
  const { status } = response;
  const { errorCode, detail } = errorDetail(response);
  const message = `${response.label} answered ${status}${detail ? `: ${detail}` : ''}`;
  const make = (code: ProviderErrorCode, retryable: boolean, extra: { retryAfterMs?: number } = {}) =>
    new ProviderError(code, message, { provider: TEXTVERIFIED_PROVIDER_ID, status, retryable, ...extra });

  if (status === 401 || status === 403) return make('bad_credentials', false);
  if (status === 429) return make('rate_limited', true, { retryAfterMs: retryAfterMs(response.headers, context.now) });
  if (status >= 500) return make('unavailable', true);
  if (status === 404) return make('not_found', false);
  if (status === 400 || status === 409) {
    const known = errorCode ? ERROR_CODES[errorCode] : undefined;
    if (known) {
      const code = known.code === 'no_numbers' && context.areaCodeRequested ? 'area_code_unavailable' : known.code;
      return make(code, known.retryable);
    }
    // Cancel and report answer a bare 400 when the verification does not allow the action now.
    if (context.operation === 'cancel' || context.operation === 'report') return make('invalid_state', false);
  }
  return make('unexpected', false);
}
