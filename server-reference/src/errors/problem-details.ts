import type { ApiError } from './api-error.ts';

/** The documentation URL of a problem code. */
export const problemType = (code: string): string => `https://docs.namaskah.dev/errors/${code}`;

/** `insufficient_balance` -> `Insufficient balance`. */
export const problemTitle = (code: string): string => {
  const words = code.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** The RFC 9457 problem body for `error` (spec/schemas/problem.yaml). */
export function problemBody(error: ApiError, requestId: string, instance: string): Record<string, unknown> {
  return {
    type: problemType(error.code),
    title: problemTitle(error.code),
    status: error.status,
    detail: error.detail,
    instance,
    code: error.code,
    request_id: requestId,
    ...(error.extra.errors ? { errors: error.extra.errors } : {}),
    ...(error.extra.retryAfter !== undefined ? { retry_after: error.extra.retryAfter } : {}),
    // extension members some operations add (the OAuth endpoints' RFC 6749 `error`)
    ...error.extra.members,
  };
}
