import { createHash, timingSafeEqual } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, OAuthClientsTable } from '../../storage/database-schema.ts';
import { ApiError, problems } from '../../errors/index.ts';
import type { AccessTokens } from '../access-tokens.ts';
import type { AccountService, IssuedTokens } from '../accounts.ts';
import { RefreshScopeError } from '../accounts.ts';
import { appendAudit, selfActor } from '../audit-log.ts';
import type { ClientInfo, UserRow } from '../principal.ts';
import { randomString, sha256 } from '../secrets.ts';
import type { IpAllowlistService } from '../security/ip-allowlist.ts';
import { oauthError } from './oauth-errors.ts';
import { redirectUriMatches } from './redirect-uri-match.ts';

type OAuthClient = Selectable<OAuthClientsTable>;

export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  state: string;
  scope?: string;
}

/** An OAuth token response (spec/schemas/oauth-token.yaml) before serialisation. */
export interface OAuthTokens extends IssuedTokens {
  scopes: string[];
}

/** BASE64URL(SHA-256(verifier)), RFC 7636 §4.2. */
const s256 = (verifier: string): string => createHash('sha256').update(verifier, 'ascii').digest('base64url');

/**
 * OAuth 2.0 for public clients: authorization code with PKCE (S256 only), refresh-token rotation and
 * RFC 7009 revocation. An OAuth grant is a session carrying the client id and scopes, so rotation, reuse
 * detection and revocation are the password sessions' own (AccountService).
 */
export class OAuthService {
  private readonly db: Kysely<Database>;
  private readonly accounts: AccountService;
  private readonly tokens: AccessTokens;
  private readonly ipAllowlist: IpAllowlistService;
  private readonly options: { codeTtlSeconds: number };
  constructor(
    db: Kysely<Database>,
    accounts: AccountService,
    tokens: AccessTokens,
    ipAllowlist: IpAllowlistService,
    options: { codeTtlSeconds: number },
  ) {
    this.db = db;
    this.accounts = accounts;
    this.tokens = tokens;
    this.ipAllowlist = ipAllowlist;
    this.options = options;
  }

  /** Issues a code for the signed-in user and returns the redirect URL carrying it and `state`. */
  async authorize(user: UserRow, request: AuthorizeRequest, client: ClientInfo): Promise<string> {
    const oauthClient = await this.#client(request.clientId);
    if (!oauthClient) {
      throw oauthError('invalid_request', `No OAuth client ${request.clientId}.`, [
        { field: '/query/client_id', code: 'invalid', message: 'is not a registered client' },
      ]);
    }
    if (!redirectUriMatches(oauthClient.redirect_uris, request.redirectUri)) {
      throw oauthError('invalid_request', 'redirect_uri is not registered for this client.', [
        { field: '/query/redirect_uri', code: 'invalid', message: `is not registered for client ${oauthClient.id}` },
      ]);
    }
    const scopes = request.scope ? [...new Set(request.scope.split(' '))] : oauthClient.allowed_scopes;
    const refused = scopes.filter((scope) => !oauthClient.allowed_scopes.includes(scope));
    if (refused.length > 0) {
      throw oauthError('invalid_scope', `The client may not ask for ${refused.join(', ')}.`, [
        { field: '/query/scope', code: 'invalid_scope', message: `${refused.join(', ')} not allowed for this client` },
      ]);
    }
    const code = randomString(43);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('oauth_authorization_codes')
        .values({
          code_hash: sha256(code),
          client_id: oauthClient.id,
          user_id: user.id,
          redirect_uri: request.redirectUri,
          code_challenge: request.codeChallenge,
          scopes: JSON.stringify(scopes),
          expires_at: new Date(Date.now() + this.options.codeTtlSeconds * 1000),
          used_at: null,
          session_id: null,
        })
        .execute();
      await appendAudit(trx, {
        ...selfActor(user, client),
        action: 'oauth.authorized',
        targetType: 'oauth_client',
        targetId: oauthClient.id,
        metadata: { scopes },
      });
    });
    const redirect = new URL(request.redirectUri);
    redirect.searchParams.set('code', code);
    redirect.searchParams.set('state', request.state);
    return redirect.toString();
  }

  /** `grant_type=authorization_code`: checks the code, its binding and the PKCE verifier; opens the grant. */
  async exchangeCode(
    input: { code: string; redirectUri: string; clientId: string; codeVerifier: string },
    client: ClientInfo,
  ): Promise<OAuthTokens> {
    await this.#enabledClient(input.clientId);
    const outcome = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('oauth_authorization_codes')
        .selectAll()
        .where('code_hash', '=', sha256(input.code))
        .forUpdate()
        .executeTakeFirst();
      if (!row) return { kind: 'invalid', why: 'The authorization code is not valid.' } as const;
      if (row.used_at) {
        // a code presented twice was intercepted or replayed: end the grant it produced (RFC 6749 §4.1.2)
        if (row.session_id) await this.accounts.revokeSessionIn(trx, row.session_id, 'authorization_code_reused');
        return { kind: 'invalid', why: 'The authorization code was already used; the grant it created is revoked.' } as const;
      }
      // first presentation burns the code, whatever the outcome
      await trx.updateTable('oauth_authorization_codes').set({ used_at: new Date() }).where('code_hash', '=', row.code_hash).execute();
      if (row.expires_at.getTime() <= Date.now()) return { kind: 'invalid', why: 'The authorization code has expired.' } as const;
      if (row.client_id !== input.clientId)
        return { kind: 'invalid', why: 'The authorization code was issued to another client.' } as const;
      if (row.redirect_uri !== input.redirectUri)
        return { kind: 'invalid', why: 'redirect_uri differs from the authorization request.' } as const;
      if (!sameText(s256(input.codeVerifier), row.code_challenge))
        return { kind: 'invalid', why: 'The code_verifier does not match the code_challenge.' } as const;
      const user = await trx.selectFrom('users').selectAll().where('id', '=', row.user_id).executeTakeFirstOrThrow();
      if (user.status === 'suspended') return { kind: 'suspended' } as const;
      if (!(await this.ipAllowlist.allows(user.id, client.ip, trx))) return { kind: 'ip' } as const;
      const tokens = await this.accounts.startSession(trx, user.id, client, { clientId: row.client_id, scopes: row.scopes });
      await trx
        .updateTable('oauth_authorization_codes')
        .set({ session_id: tokens.sessionId })
        .where('code_hash', '=', row.code_hash)
        .execute();
      await appendAudit(trx, {
        ...selfActor(user, client),
        action: 'oauth.token_issued',
        targetType: 'session',
        targetId: tokens.sessionId,
        metadata: { client_id: row.client_id, scopes: row.scopes },
      });
      return { kind: 'ok', tokens: { ...tokens, scopes: row.scopes } } as const;
    });
    if (outcome.kind === 'invalid') throw oauthError('invalid_grant', outcome.why);
    if (outcome.kind === 'suspended') throw new ApiError('account_suspended', 'This account is suspended.');
    if (outcome.kind === 'ip') throw new ApiError('ip_not_allowed', `${client.ip} is not in this account's IP allowlist.`);
    return outcome.tokens;
  }

  /** `grant_type=refresh_token`: rotates within the grant; a reused token revokes it. */
  async refresh(input: { refreshToken: string; clientId: string; scope?: string }, client: ClientInfo): Promise<OAuthTokens> {
    await this.#enabledClient(input.clientId);
    try {
      const tokens = await this.accounts.refresh(input.refreshToken, client, { clientId: input.clientId, scope: input.scope?.split(' ') });
      return { ...tokens, scopes: tokens.scopes ?? [] };
    } catch (error) {
      if (error instanceof RefreshScopeError)
        throw oauthError('invalid_scope', 'The requested scope exceeds the grant.', error.extra.errors);
      if (error instanceof ApiError && (error.code === 'invalid_token' || error.code === 'refresh_token_reused'))
        throw oauthError('invalid_grant', error.detail);
      throw error;
    }
  }

  /**
   * RFC 7009: revokes the grant (session) an access or refresh token of `clientId` belongs to. Unknown
   * tokens and tokens of other clients are silently ignored.
   */
  async revoke(input: { token: string; clientId: string }, client: ClientInfo): Promise<void> {
    await this.#enabledClient(input.clientId, { allowDisabled: true });
    let sessionId: string | null = null;
    const byRefresh = await this.db
      .selectFrom('refresh_tokens')
      .innerJoin('sessions', 'sessions.id', 'refresh_tokens.session_id')
      .select(['sessions.id', 'sessions.client_id'])
      .where('refresh_tokens.token_hash', '=', sha256(input.token))
      .executeTakeFirst();
    if (byRefresh) sessionId = byRefresh.client_id === input.clientId ? byRefresh.id : null;
    else {
      const claims = await this.tokens.verify(input.token).catch(() => null);
      if (claims?.oauth?.clientId === input.clientId) sessionId = claims.sessionId;
    }
    if (!sessionId) return;
    await this.db.transaction().execute(async (trx) => {
      const session = await trx
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['users.id', 'users.role', 'sessions.revoked_at'])
        .where('sessions.id', '=', sessionId)
        .executeTakeFirstOrThrow();
      if (session.revoked_at) return;
      await this.accounts.revokeSessionIn(trx, sessionId, 'oauth_revoked');
      await appendAudit(trx, {
        ...selfActor(session, client),
        action: 'oauth.token_revoked',
        targetType: 'session',
        targetId: sessionId,
        metadata: { client_id: input.clientId },
      });
    });
  }

  /** A registered, enabled client, for the consent page; 404 for an unknown or disabled one. */
  async describeClient(id: string): Promise<{ id: string; name: string; redirectUris: string[]; allowedScopes: string[] }> {
    const oauthClient = await this.#client(id);
    if (!oauthClient?.enabled) throw problems.notFound(`OAuth client ${id}`);
    return {
      id: oauthClient.id,
      name: oauthClient.name,
      redirectUris: oauthClient.redirect_uris,
      allowedScopes: oauthClient.allowed_scopes,
    };
  }

  #client(id: string): Promise<OAuthClient | undefined> {
    return this.db.selectFrom('oauth_clients').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async #enabledClient(id: string, options: { allowDisabled?: boolean } = {}): Promise<OAuthClient> {
    const oauthClient = await this.#client(id);
    if (!oauthClient || (!oauthClient.enabled && !options.allowDisabled)) throw oauthError('invalid_client', `No OAuth client ${id}.`);
    return oauthClient;
  }
}

const sameText = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
