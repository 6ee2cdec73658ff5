import type { ProblemCode } from '../contract/index.ts';

/** One invalid field of a request (spec/schemas/field-error.yaml). */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/**
 * A failure the API reports as RFC 9457 problem+json. Throw it from anywhere in a request; the problem
 * handler turns it into the response with the request id filled in.
 *
 * @example
 * throw new ProblemError(402, 'insufficient_balance', 'The price is 250 USD cents; your balance is 100.');
 */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extra: {
      errors?: FieldError[];
      retryAfter?: number;
      headers?: Record<string, string>;
      members?: Record<string, unknown>;
    } = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

/** The documentation URL of a problem code. */
export const problemType = (code: string): string => `https://docs.namaskah.dev/errors/${code}`;

/** `insufficient_balance` -> `Insufficient balance`. */
export const problemTitle = (code: string): string => {
  const words = code.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** The problem body for `error` (spec/schemas/problem.yaml). */
export function problemBody(error: ProblemError, requestId: string, instance: string): Record<string, unknown> {
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

/** Shorthands for the problems most routes raise. */
export const problems = {
  notFound: (what: string) => new ProblemError(404, 'not_found', `No ${what}.`),
  unauthenticated: (detail = 'An Authorization header with a bearer access token or API key is required.') =>
    new ProblemError(401, 'unauthenticated', detail),
  forbidden: (detail: string) => new ProblemError(403, 'forbidden', detail),
  validation: (errors: FieldError[]) =>
    new ProblemError(422, 'validation_failed', `The request has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}.`, {
      errors,
    }),
};
