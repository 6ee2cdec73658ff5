import { clientInfo } from '../middleware/authenticate/index.ts';
import type { SomeHandlers } from '../operation-handler.ts';
import type { OAuthTokens } from '../../domain/oauth/oauth-service.ts';
import type { Schemas } from '../../serializers/wire-models.ts';
import { json, principalOf } from './respond.ts';

const NO_STORE = { 'Cache-Control': 'no-store' };

/** spec/schemas/oauth-token.yaml */
const serializeOAuthTokens = (tokens: OAuthTokens): Schemas['OAuthToken'] => ({
  access_token: tokens.accessToken,
  token_type: 'Bearer',
  expires_in: tokens.expiresIn,
  refresh_token: tokens.refreshToken,
  scope: tokens.scopes.join(' '),
});

/** oauth tag: authorization code with PKCE for public clients, token, revocation. */
export const oauthRoutes = {
  async authorizeOAuthClient(c) {
    const { query } = c.get('input');
    const url = await c.get('services').oauth.authorize(
      principalOf(c).user,
      {
        clientId: query.client_id,
        redirectUri: query.redirect_uri,
        codeChallenge: query.code_challenge,
        state: query.state,
        scope: query.scope,
      },
      clientInfo(c),
    );
    // a page using fetch cannot read a cross-origin redirect: it asks for JSON and navigates itself
    if (/application\/json/i.test(c.req.header('accept') ?? '')) return json(c, 200, { redirect_to: url }, NO_STORE);
    return c.body(null, 302, { Location: url, ...NO_STORE });
  },

  async retrieveOAuthClient(c) {
    const { client_id } = c.get('input').path;
    const oauthClient = await c.get('services').oauth.describeClient(client_id);
    return json(c, 200, {
      id: oauthClient.id,
      name: oauthClient.name,
      redirect_uris: oauthClient.redirectUris,
      allowed_scopes: oauthClient.allowedScopes as Schemas['ApiKeyScope'][],
    });
  },

  async issueOAuthToken(c) {
    const body = c.get('input').body;
    const { oauth } = c.get('services');
    const tokens =
      body.grant_type === 'authorization_code'
        ? await oauth.exchangeCode(
            { code: body.code, redirectUri: body.redirect_uri, clientId: body.client_id, codeVerifier: body.code_verifier },
            clientInfo(c),
          )
        : await oauth.refresh({ refreshToken: body.refresh_token, clientId: body.client_id, scope: body.scope }, clientInfo(c));
    return json(c, 200, serializeOAuthTokens(tokens), { ...NO_STORE, Pragma: 'no-cache' });
  },

  async revokeOAuthToken(c) {
    const body = c.get('input').body;
    await c.get('services').oauth.revoke({ token: body.token, clientId: body.client_id }, clientInfo(c));
    return c.body(null, 200);
  },
} satisfies SomeHandlers;
