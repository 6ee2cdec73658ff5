import { ApiError, type FieldError } from './api-error.ts';

/** Shorthands for the errors most operations raise. */
export const problems = {
  notFound: (what: string) => new ApiError('not_found', `No ${what}.`),
  unauthenticated: (detail = 'An Authorization header with a bearer access token or API key is required.') =>
    new ApiError('unauthenticated', detail),
  forbidden: (detail: string) => new ApiError('forbidden', detail),
  validation: (errors: FieldError[]) =>
    new ApiError('validation_failed', `The request has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}.`, { errors }),
};
