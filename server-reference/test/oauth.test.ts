import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, DRIVERS, type TestServer } from './support/test-server.ts';

const CLIENT = 'oac_namaskahmobile';
const REDIRECT = 'com.namaskah.app:/oauth/callback';

/** A real PKCE pair (RFC 7636): a random verifier and its S256 challenge. */
function pkcePair() {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

const form = (fields: Record<string, string>) => ({
  rawBody: new URLSearchParams(fields).toString(),
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
});

describe.each(DRIVERS)('OAuth 2.0 authorization code + PKCE (%s)', (driver) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer(driver);
  });
  afterAll(async () => {
    await server?.close();
  });

  async function authorize(token: string, challenge: string, extra: Record<string, string> = {}) {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: CLIENT,
      redirect_uri: REDIRECT,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'state-1234',
      ...extra,
    });
    return server.request('GET', `/v1/oauth/authorize?${query}`, { token });
  }

  const codeOf = (location: string) => new URL(location).searchParams.get('code')!;

  it('the whole flow: authorize (302), exchange with the verifier, use, refresh with rotation, revoke', async () => {
    const user = await server.register();
    await server.fund(user.userId, 1000);
    const { verifier, challenge } = pkcePair();
    const approved = await authorize(user.token, challenge, { scope: 'verifications:read wallet:read' });
    expect(approved.status).toBe(302);
    const location = approved.headers.get('location')!;
    expect(location.startsWith(`${REDIRECT}?`)).toBe(true);
    expect(new URL(location).searchParams.get('state')).toBe('state-1234');

    const tokens = await server.request(
      'POST',
      '/v1/oauth/token',
      form({
        grant_type: 'authorization_code',
        code: codeOf(location),
        redirect_uri: REDIRECT,
        client_id: CLIENT,
        code_verifier: verifier,
      }),
    );
    expect(tokens.status).toBe(200);
    expect(tokens.body).toMatchObject({ token_type: 'Bearer', scope: 'verifications:read wallet:read' });
    const access = tokens.body.access_token;
    // acts within its scopes on API-key routes, nowhere else
    expect((await server.request('GET', '/v1/wallet', { token: access })).status).toBe(200);
    expect((await server.request('GET', '/v1/verifications', { token: access })).status).toBe(200);
    expect(
      (await server.request('POST', '/v1/verifications', { token: access, body: { service: 'google', country: 'US' } })).body.code,
    ).toBe('insufficient_scope');
    expect((await server.request('GET', '/v1/security', { token: access })).status).toBe(403);
    expect((await server.request('POST', '/v1/api-keys', { token: access, body: { name: 'x', scopes: ['wallet:read'] } })).status).toBe(
      403,
    );
    const sessions = await server.request('GET', '/v1/auth/sessions', { token: user.token });
    expect(sessions.body.data.map((s: any) => s.client_id)).toContain(CLIENT);

    // refresh rotates; the used token presented again revokes the grant
    const refreshed = await server.request(
      'POST',
      '/v1/oauth/token',
      form({ grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token, client_id: CLIENT }),
    );
    expect(refreshed.status).toBe(200);
    const narrowed = await server.request(
      'POST',
      '/v1/oauth/token',
      form({ grant_type: 'refresh_token', refresh_token: refreshed.body.refresh_token, client_id: CLIENT, scope: 'wallet:read' }),
    );
    expect(narrowed.body.scope).toBe('wallet:read');
    const reuse = await server.request(
      'POST',
      '/v1/oauth/token',
      form({ grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token, client_id: CLIENT }),
    );
    expect(reuse.status).toBe(400); // RFC 6749 §5.2
    expect(reuse.body).toMatchObject({ code: 'invalid_grant', error: 'invalid_grant' });
    expect((await server.request('GET', '/v1/wallet', { token: narrowed.body.access_token })).status).toBe(401);

    // a new grant, revoked through RFC 7009
    const second = pkcePair();
    const again = await authorize(user.token, second.challenge);
    const grant = await server.request(
      'POST',
      '/v1/oauth/token',
      form({
        grant_type: 'authorization_code',
        code: codeOf(again.headers.get('location')!),
        redirect_uri: REDIRECT,
        client_id: CLIENT,
        code_verifier: second.verifier,
      }),
    );
    expect((await server.request('POST', '/v1/oauth/revoke', form({ token: 'not-a-token-at-all', client_id: CLIENT }))).status).toBe(200);
    expect((await server.request('GET', '/v1/wallet', { token: grant.body.access_token })).status).toBe(200);
    expect(
      (
        await server.request(
          'POST',
          '/v1/oauth/revoke',
          form({ token: grant.body.refresh_token, token_type_hint: 'refresh_token', client_id: CLIENT }),
        )
      ).status,
    ).toBe(200);
    expect((await server.request('GET', '/v1/wallet', { token: grant.body.access_token })).status).toBe(401);
    const unknownClient = await server.request('POST', '/v1/oauth/revoke', form({ token: 'x', client_id: 'oac_nosuchclient' }));
    expect(unknownClient.status).toBe(401);
    expect(unknownClient.body).toMatchObject({ code: 'invalid_client', error: 'invalid_client' });
  });

  it('a wrong verifier, another redirect_uri or a replayed code get invalid_grant; a replay revokes the grant', async () => {
    const user = await server.register();
    const { verifier, challenge } = pkcePair();
    const wrongVerifier = await server.request(
      'POST',
      '/v1/oauth/token',
      form({
        grant_type: 'authorization_code',
        code: codeOf((await authorize(user.token, challenge)).headers.get('location')!),
        redirect_uri: REDIRECT,
        client_id: CLIENT,
        code_verifier: pkcePair().verifier,
      }),
    );
    expect(wrongVerifier.body.error).toBe('invalid_grant');
    const otherRedirect = await server.request(
      'POST',
      '/v1/oauth/token',
      form({
        grant_type: 'authorization_code',
        code: codeOf((await authorize(user.token, challenge)).headers.get('location')!),
        redirect_uri: 'https://app.namaskah.dev/oauth/callback',
        client_id: CLIENT,
        code_verifier: verifier,
      }),
    );
    expect(otherRedirect.body.error).toBe('invalid_grant');

    const code = codeOf((await authorize(user.token, challenge)).headers.get('location')!);
    const exchange = () =>
      server.request(
        'POST',
        '/v1/oauth/token',
        form({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: CLIENT, code_verifier: verifier }),
      );
    const first = await exchange();
    expect(first.status).toBe(200);
    const replay = await exchange();
    expect(replay.body.error).toBe('invalid_grant');
    expect((await server.request('GET', '/v1/wallet', { token: first.body.access_token })).status).toBe(401);
  });

  it('an expired code is refused', async () => {
    const user = await server.register();
    const { verifier, challenge } = pkcePair();
    const code = codeOf((await authorize(user.token, challenge)).headers.get('location')!);
    await server.database.db
      .updateTable('oauth_authorization_codes')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', user.userId)
      .execute();
    const late = await server.request(
      'POST',
      '/v1/oauth/token',
      form({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: CLIENT, code_verifier: verifier }),
    );
    expect(late.body).toMatchObject({ code: 'invalid_grant', error_description: 'The authorization code has expired.' });
  });

  it('authorize refuses unregistered redirect URIs, unknown scopes, plain PKCE; JSON callers get redirect_to', async () => {
    const user = await server.register();
    const { challenge } = pkcePair();
    const badRedirect = await authorize(user.token, challenge, { redirect_uri: 'https://evil.example/cb' });
    expect(badRedirect.status).toBe(422);
    expect(badRedirect.body).toMatchObject({ code: 'validation_failed', error: 'invalid_request' });
    expect(badRedirect.headers.get('location')).toBeNull();
    expect((await authorize(user.token, challenge, { scope: 'webhooks:write' })).body.error).toBe('invalid_scope');
    expect((await authorize(user.token, challenge, { code_challenge_method: 'plain' })).body.error).toBe('invalid_request');
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: CLIENT,
      redirect_uri: REDIRECT,
      code_challenge: challenge,
      code_challenge_method: 'S256',
      state: 'state-1234',
    });
    const asJson = await server.request('GET', `/v1/oauth/authorize?${query}`, {
      token: user.token,
      headers: { Accept: 'application/json' },
    });
    expect(asJson.status).toBe(200);
    expect(asJson.body.redirect_to).toContain('code=');
    const noAuth = await server.request('GET', `/v1/oauth/authorize?${query}`);
    expect(noAuth.status).toBe(401);
    const grantType = await server.request('POST', '/v1/oauth/token', form({ grant_type: 'password', client_id: CLIENT }));
    expect(grantType.status).toBe(400);
    expect(grantType.body).toMatchObject({ code: 'unsupported_grant_type', error: 'unsupported_grant_type' });
    const missingVerifier = await server.request('POST', '/v1/oauth/token', form({ grant_type: 'authorization_code', client_id: CLIENT }));
    expect(missingVerifier.status).toBe(400);
    expect(missingVerifier.body).toMatchObject({ code: 'validation_failed', error: 'invalid_request' });
    const json = await server.request('POST', '/v1/oauth/token', { body: { grant_type: 'refresh_token' } });
    expect(json.status).toBe(415);
  });

  it('the consent page reads a client: its name and allowed scopes; unknown clients 404; API keys are refused', async () => {
    const user = await server.register();
    const known = await server.request('GET', `/v1/oauth/clients/${CLIENT}`, { token: user.token });
    expect(known.status).toBe(200);
    expect(known.body).toMatchObject({ id: CLIENT, name: 'Namaskah mobile app' });
    expect(known.body.allowed_scopes).toContain('verifications:read');
    expect(known.body.redirect_uris).toContain(REDIRECT);
    const unknown = await server.request('GET', '/v1/oauth/clients/oac_nosuchclient', { token: user.token });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('not_found');
    expect((await server.request('GET', '/v1/oauth/clients/not-a-client', { token: user.token })).status).toBe(404);
    expect((await server.request('GET', `/v1/oauth/clients/${CLIENT}`)).status).toBe(401);
    const key = await server.request('POST', '/v1/api-keys', { token: user.token, body: { name: 'k', scopes: ['verifications:read'] } });
    expect((await server.request('GET', `/v1/oauth/clients/${CLIENT}`, { token: key.body.secret })).status).toBe(403);
  });

  it("the CLI's loopback redirect (RFC 8252 §7.3): any port on 127.0.0.1, nothing else relaxed, the exchange bound to the port", async () => {
    const user = await server.register();
    const { verifier, challenge } = pkcePair();
    const cli = (redirect: string) => authorize(user.token, challenge, { client_id: 'oac_namaskahcli', redirect_uri: redirect });
    const approved = await cli('http://127.0.0.1:49152/callback');
    expect(approved.status).toBe(302);
    const location = approved.headers.get('location')!;
    expect(location.startsWith('http://127.0.0.1:49152/callback?')).toBe(true);
    for (const refused of [
      'http://localhost:49152/callback',
      'http://127.0.0.1:49152/other',
      'https://127.0.0.1:49152/callback',
      'http://127.0.0.1:49152/./callback',
      'http://127.0.0.2:49152/callback',
    ]) {
      const answer = await cli(refused);
      expect([answer.status, answer.body.error], refused).toEqual([422, 'invalid_request']);
    }
    // the mobile client registered no loopback URI: a port is no way in
    expect((await authorize(user.token, challenge, { redirect_uri: 'http://127.0.0.1:49152/callback' })).status).toBe(422);

    const exchange = (redirect: string, code: string) =>
      server.request(
        'POST',
        '/v1/oauth/token',
        form({ grant_type: 'authorization_code', code, redirect_uri: redirect, client_id: 'oac_namaskahcli', code_verifier: verifier }),
      );
    expect((await exchange('http://127.0.0.1:49153/callback', codeOf(location))).status).toBe(400);
    const again = (await cli('http://127.0.0.1:49152/callback')).headers.get('location')!;
    const tokens = await exchange('http://127.0.0.1:49152/callback', codeOf(again));
    expect(tokens.status).toBe(200);
    expect(tokens.body.scope.split(' ')).toEqual(expect.arrayContaining(['webhooks:write', 'analytics:read']));
  });
});
