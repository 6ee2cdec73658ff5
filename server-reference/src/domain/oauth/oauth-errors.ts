import { ApiError, type FieldError } from '../../errors/index.ts';

/** RFC 6749 §5.2 error codes the OAuth endpoints report in the problem's `error` member. */
export type OAuthErrorCode = 'invalid_grant' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_request' | 'invalid_scope';

/**
 * A problem carrying the RFC 6749 `error` and `error_description` members, with the status RFC 6749 §5.2
 * gives the token endpoint: 401 for `invalid_client`, 400 for a bad grant. `invalid_request` and
 * `invalid_scope` are `validation_failed` problems with field errors: 422 here (the authorization endpoint,
 * which answers the dashboard, not an OAuth library); the token and revocation endpoints' request
 * validation turns them into 400 (see validate-request.ts).
 *
 * @example
 * throw oauthError('invalid_grant', 'The authorization code has expired.');
 */
export function oauthError(error: OAuthErrorCode, description: string, fields: FieldError[] = []): ApiError {
  const validation = error === 'invalid_request' || error === 'invalid_scope';
  return new ApiError(validation ? 'validation_failed' : error, description, {
    ...(validation ? { errors: fields } : {}),
    members: { error, error_description: description },
  });
}
