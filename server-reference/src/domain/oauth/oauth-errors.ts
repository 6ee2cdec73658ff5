import { ProblemError, type FieldError } from '../../http/problem.ts';

/** RFC 6749 §5.2 error codes the OAuth endpoints report in the problem's `error` member. */
export type OAuthErrorCode = 'invalid_grant' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_request' | 'invalid_scope';

/**
 * A 422 problem carrying the RFC 6749 `error` and `error_description` members. `invalid_request` and
 * `invalid_scope` are reported as `validation_failed` problems with field errors, the others under their own code.
 *
 * @example
 * throw oauthError('invalid_grant', 'The authorization code has expired.');
 */
export function oauthError(error: OAuthErrorCode, description: string, fields: FieldError[] = []): ProblemError {
  const validation = error === 'invalid_request' || error === 'invalid_scope';
  return new ProblemError(422, validation ? 'validation_failed' : error, description, {
    ...(validation ? { errors: fields } : {}),
    members: { error, error_description: description },
  });
}
