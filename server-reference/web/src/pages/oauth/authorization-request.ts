import type { OAuthClient } from '@namaskah/sdk';

/** The query of `/oauth/authorize`, as the app sent it (RFC 6749 §4.1.1 with RFC 7636's PKCE members). */
export interface AuthorizationRequest {
  response_type: 'code';
  client_id: string;
  redirect_uri: string;
  code_challenge: string;
  code_challenge_method: 'S256';
  state: string;
  scope?: string;
}

/** The request read from a query string, or the sentence saying what is missing. */
export function readAuthorizationRequest(search: string): AuthorizationRequest | string {
  const query = new URLSearchParams(search);
  const missing = ['response_type', 'client_id', 'redirect_uri', 'code_challenge', 'code_challenge_method', 'state'].filter(
    (name) => !query.get(name),
  );
  if (missing.length) return `The app’s link is incomplete (missing ${missing.join(', ')}).`;
  const scope = query.get('scope');
  return {
    response_type: query.get('response_type') as 'code',
    client_id: query.get('client_id')!,
    redirect_uri: query.get('redirect_uri')!,
    code_challenge: query.get('code_challenge')!,
    code_challenge_method: query.get('code_challenge_method') as 'S256',
    state: query.get('state')!,
    ...(scope ? { scope } : {}),
  };
}

/**
 * Why the page must not ask (and never redirect): a redirect URI the client did not register, or a scope
 * it may not request. The server checks the same on approval; checking first means a denial is only ever
 * sent to a registered address.
 */
export function requestProblem(request: AuthorizationRequest, client: OAuthClient): string | null {
  if (!client.redirect_uris.includes(request.redirect_uri))
    return `${client.name} did not register ${request.redirect_uri} as a return address.`;
  const refused = requestedScopes(request, client).filter((scope) => !client.allowed_scopes.includes(scope as never));
  if (refused.length) return `${client.name} may not ask for ${refused.join(', ')}.`;
  return null;
}

/** The scopes asked for: the `scope` parameter, or every scope the client is allowed when it is absent. */
export const requestedScopes = (request: AuthorizationRequest, client: OAuthClient): string[] =>
  request.scope ? [...new Set(request.scope.split(' '))] : client.allowed_scopes;

/** The redirect a denial sends (RFC 6749 §4.1.2.1): `error=access_denied` and the app's `state`. */
export function deniedRedirect(request: AuthorizationRequest): string {
  const url = new URL(request.redirect_uri);
  url.searchParams.set('error', 'access_denied');
  url.searchParams.set('state', request.state);
  return url.toString();
}
