/** Failure categories every adapter maps its provider's errors onto. */
export type ProviderErrorCode =
  | 'no_numbers'
  | 'area_code_unavailable'
  | 'bad_credentials'
  | 'rate_limited'
  | 'cancel_too_early'
  | 'not_found'
  /** The rental is past the point where this action is possible (cancel after an SMS, SMS after a cancel). */
  | 'invalid_state'
  | 'insufficient_provider_balance'
  | 'unavailable'
  | 'unexpected';

/** Context carried by a ProviderError. */
export interface ProviderErrorOptions {
  /** Id of the provider that failed (`simulator`, `textverified`, `fivesim`). */
  provider: string;
  /** HTTP status the provider answered with, when there was an answer. */
  status?: number;
  /** Whether trying the same call again later may succeed. */
  retryable?: boolean;
  /** How long the provider asked us to wait (Retry-After), or how long until a refused cancel is allowed. */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * A provider-side failure. `retryable` says whether trying again later may succeed.
 *
 * @example
 * throw new ProviderError('no_numbers', 'no free phones for whatsapp in GB', { provider: 'fivesim', status: 400 });
 */
export class ProviderError extends Error {
  readonly code: ProviderErrorCode;
  readonly options: ProviderErrorOptions;
  constructor(code: ProviderErrorCode, message: string, options: ProviderErrorOptions = { provider: 'unknown' }) {
    super(message, { cause: options.cause });
    this.code = code;
    this.options = options;
    this.name = 'ProviderError';
  }

  /** Shorthand for `options.provider`. */
  get provider(): string {
    return this.options.provider;
  }

  /** Shorthand for `options.retryable`, false when unset. */
  get retryable(): boolean {
    return this.options.retryable ?? false;
  }
}

/** True for a ProviderError, optionally with one of `codes`. */
export function isProviderError(error: unknown, ...codes: ProviderErrorCode[]): error is ProviderError {
  return error instanceof ProviderError && (codes.length === 0 || codes.includes(error.code));
}
