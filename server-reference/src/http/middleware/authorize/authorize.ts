import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import type { SpecOperation } from '../../openapi/load-spec.ts';
import { ApiError, problems } from '../../../errors/index.ts';

/** Access-token-only operations an OAuth grant may still call (they filter by its scopes themselves). */
const OAUTH_EXTRA = new Set(['syncChanges']);

/**
 * The scope an API key (or OAuth grant) needs for an operation: the one its `apiKey` security requirement
 * lists in the spec (`apiKey: [verifications:write]`), or none (`apiKey: []`: any key). spec/test checks
 * every such scope is an `ApiKeyScope`.
 */
export function requiredScope(op: SpecOperation): string | null {
  const security: Array<Record<string, string[]>> = op.operation.security ?? [];
  return security.find((r) => 'apiKey' in r)?.apiKey?.[0] ?? null;
}

/**
 * Enforces the operation's `security` list: which credentials it accepts (none, access token, API key),
 * the key's scopes and the tier's `api_access` feature, and account suspension.
 */
export const authorize = (op: SpecOperation, documentSecurity: Array<Record<string, string[]>>): MiddlewareHandler<AppEnv> => {
  const security: Array<Record<string, string[]>> = op.operation.security ?? documentSecurity ?? [];
  // schemes the handler checks itself (the payment provider's body signature) need no principal
  const SELF_CHECKED = new Set(['paymentSignature', 'stripeSignature']);
  const allowsAnonymous = security.length === 0 || security.some((r) => Object.keys(r).every((k) => SELF_CHECKED.has(k)));
  const allowsSession = security.some((r) => 'accessToken' in r);
  const allowsApiKey = security.some((r) => 'apiKey' in r);
  const scope = requiredScope(op);
  // a public operation (`security: []`) takes no credential, so it never examines one: a client that still
  // sends a stale token signs in (login, refresh, register) instead of getting a 401 the operation does not list
  const isPublic = security.length === 0;
  return async (c, next) => {
    if (isPublic) {
      c.set('principal', null);
      return next();
    }
    const authError = c.get('authError');
    if (authError) throw authError;
    const principal = c.get('principal');
    if (!principal) {
      if (!allowsAnonymous) throw problems.unauthenticated();
      return next();
    }
    if (principal.kind === 'api_key') {
      if (!allowsApiKey && !allowsAnonymous) throw problems.forbidden('API keys cannot be used for this operation; sign in instead.');
      if (!principal.tier.features.api_access)
        throw new ApiError('feature_not_available', `The ${principal.tier.name} tier has no API access.`);
      if (allowsApiKey && scope && !principal.scopes.includes(scope)) {
        throw new ApiError('insufficient_scope', `This API key lacks the ${scope} scope.`);
      }
    } else if (principal.kind === 'oauth') {
      // an OAuth grant acts within its scopes on the routes API keys can call (and sync, filtered by scope)
      if (!allowsApiKey && !allowsAnonymous && !OAUTH_EXTRA.has(op.operationId)) {
        throw problems.forbidden('OAuth-issued access tokens cannot be used for this operation.');
      }
      if (allowsApiKey && scope && !principal.scopes.includes(scope)) {
        throw new ApiError('insufficient_scope', `This OAuth grant lacks the ${scope} scope.`);
      }
    } else if (!allowsSession && !allowsAnonymous) {
      throw problems.forbidden('This operation does not accept an access token.');
    }
    if (principal.user.status === 'suspended' && !allowsAnonymous) {
      throw new ApiError('account_suspended', 'This account is suspended.');
    }
    return next();
  };
};
