import { PROVIDER_ATTEMPT_ERROR_CODE_VALUES, type ProviderAttemptErrorCode } from '../contract/index.ts';
import type { ProviderAttemptRecord } from '../storage/database-schema.ts';
import { ProviderError } from './ports/provider-error.ts';

export type { ProviderAttemptRecord };

/** The adapter failures a purchase attempt records as they are (the contract's list); anything else is `unexpected`. */
const PURCHASE_FAILURES: ReadonlySet<string> = new Set(PROVIDER_ATTEMPT_ERROR_CODE_VALUES);

/** A provider that supplied the verification's number. */
export function purchasedAttempt(providerId: string, attemptedAt: Date): ProviderAttemptRecord {
  return { provider: providerId, outcome: 'purchased', error_code: null, attempted_at: attemptedAt.toISOString() };
}

/** A provider that refused or failed to supply one (a thrown ProviderError, or anything else it threw). */
export function failedAttempt(providerId: string, error: unknown, attemptedAt: Date): ProviderAttemptRecord {
  const code =
    error instanceof ProviderError && PURCHASE_FAILURES.has(error.code) ? (error.code as ProviderAttemptErrorCode) : 'unexpected';
  return { provider: providerId, outcome: 'failed', error_code: code, attempted_at: attemptedAt.toISOString() };
}
