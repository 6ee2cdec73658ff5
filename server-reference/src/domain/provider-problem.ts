import { ProviderError } from './ports/provider-error.ts';
import { ApiError } from '../errors/index.ts';

/** Seconds to tell the client to wait: the provider's own hint when it gave one, else `fallback`. */
const retryAfterSeconds = (error: ProviderError, fallback: number): number =>
  error.options.retryAfterMs !== undefined ? Math.max(1, Math.ceil(error.options.retryAfterMs / 1000)) : fallback;

/** Maps a provider failure onto the problem the customer sees; nothing about our provider account leaks. */
export function providerProblem(error: unknown, context: { service?: string; country?: string; areaCode?: string | null } = {}): ApiError {
  if (!(error instanceof ProviderError)) {
    return new ApiError('provider_error', 'The upstream provider failed unexpectedly.', { headers: { 'Retry-After': '5' } });
  }
  switch (error.code) {
    case 'no_numbers':
      return new ApiError(
        'no_numbers_available',
        `No number is available for ${context.service ?? 'this service'} in ${context.country ?? 'this country'} right now.`,
      );
    case 'area_code_unavailable':
      return new ApiError(
        'area_code_unavailable',
        `No number with area code ${context.areaCode ?? ''} is available right now.`.replace('  ', ' '),
      );
    case 'cancel_too_early': {
      const wait = retryAfterSeconds(error, 60);
      return new ApiError('cancel_too_early', `The provider does not allow cancelling this number yet; try again in ${wait} seconds.`, {
        headers: { 'Retry-After': String(wait) },
      });
    }
    case 'rate_limited':
    case 'unavailable':
    case 'bad_credentials':
    case 'insufficient_provider_balance': {
      const wait = retryAfterSeconds(error, 5);
      return new ApiError('provider_unavailable', 'The upstream provider is unavailable.', {
        headers: { 'Retry-After': String(wait) },
      });
    }
    default:
      return new ApiError('provider_error', 'The upstream provider failed.', { headers: { 'Retry-After': '5' } });
  }
}
