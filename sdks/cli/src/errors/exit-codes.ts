import { ApiConnectionError, ApiError, MissingCredentialsError, RequestValidationError, RealtimeError } from '@namaskah/sdk';

/** The process exit codes, by error class (documented in the README). */
export const EXIT_CODES = {
  ok: 0,
  /** The API refused the request (4xx other than 401, 403, 429). */
  apiError: 1,
  /** The command line was wrong: unknown command or flag, missing argument, bad value, bad --data. */
  usage: 2,
  /** No key, or the API refused it (401, 403). */
  auth: 3,
  /** 429 after the SDK's retries. */
  rateLimited: 4,
  /** 5xx after the SDK's retries, or no answer at all (connection refused, timeout). */
  serverOrNetwork: 5,
} as const;

/** A mistake in the command line, found before anything is sent. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A login that did not happen (the browser login declined or timed out, a stored login that cannot be renewed). */
export class LoginError extends Error {
  override name = 'LoginError';
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || error instanceof RequestValidationError) return EXIT_CODES.usage;
  if (error instanceof MissingCredentialsError || error instanceof LoginError) return EXIT_CODES.auth;
  if (error instanceof RealtimeError) return EXIT_CODES.auth;
  if (error instanceof ApiError) {
    if (error.status === 401 || error.status === 403) return EXIT_CODES.auth;
    if (error.status === 429) return EXIT_CODES.rateLimited;
    if (error.status >= 500) return EXIT_CODES.serverOrNetwork;
    return EXIT_CODES.apiError;
  }
  if (error instanceof ApiConnectionError) return EXIT_CODES.serverOrNetwork;
  return EXIT_CODES.apiError;
}

/** What goes to stderr: the problem's `code` and `detail` (and field errors, request id) for an API error. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const lines = [`error: ${error.code ?? error.status}: ${error.problem?.detail ?? error.problem?.title ?? error.message}`];
    for (const field of error.fieldErrors ?? []) lines.push(`  ${field.field}: ${field.message} (${field.code})`);
    if (error.requestId) lines.push(`  request id: ${error.requestId}`);
    return lines.join('\n');
  }
  if (error instanceof MissingCredentialsError) return 'error: not logged in: run `namaskah login`, or set NAMASKAH_API_KEY';
  return `error: ${error instanceof Error ? error.message : String(error)}`;
}
