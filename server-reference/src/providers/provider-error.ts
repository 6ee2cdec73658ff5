/** Failure categories every adapter maps its provider's errors onto. */
export type ProviderErrorCode =
  | 'no_numbers'
  | 'area_code_unavailable'
  | 'bad_credentials'
  | 'rate_limited'
  | 'cancel_too_early'
  | 'not_found'
  | 'insufficient_provider_balance'
  | 'unavailable'
  | 'unexpected';

/** A provider-side failure. `retryable` says whether trying again later may succeed. */
export class ProviderError extends Error {
  constructor(
    readonly code: ProviderErrorCode,
    message: string,
    readonly options: { provider: string; status?: number; retryable?: boolean; cause?: unknown } = {
      provider: 'unknown',
    },
  ) {
    super(message, { cause: options.cause });
    this.name = 'ProviderError';
  }
}
