import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../storage/database-schema.ts';
import { ApiError, problems } from '../errors/index.ts';
import type { AccessTokens } from './access-tokens.ts';
import { newId } from '../storage/ids.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './passwords.ts';
import type { ClientInfo, UserRow } from './principal.ts';
import { randomString, sha256 } from './secrets.ts';
import { appendAudit, selfActor } from './audit-log.ts';
import type { IpAllowlistService } from './security/ip-allowlist.ts';

/** A refresh asked for scopes outside its grant (mapped to `invalid_scope` by the OAuth endpoint). */
export class RefreshScopeError extends ApiError {
  constructor() {
    super('validation_failed', 'The requested scope exceeds the grant.', {
      errors: [{ field: '/body/scope', code: 'invalid_scope', message: 'must be within the original grant' }],
    });
  }
}

import type { IssuedTokens } from '../serializers/domain-shapes.ts';

export type { IssuedTokens };

export interface RegisterInput {
  email: string;
  password: string;
  name: string;
  timezone?: string;
  locale?: string;
}

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Accounts and sessions: registration, login with throttling, rotating refresh tokens (a reused refresh
 * token revokes its whole session family), logout and session management.
 */
export class AccountService {
  private readonly db: Kysely<Database>;
  private readonly tokens: AccessTokens;
  private readonly throttle: LoginThrottle;
  private readonly ipAllowlist: IpAllowlistService;
  private readonly options: { refreshTokenTtlSeconds: number; currency: string; defaultTierId: string };
  constructor(
    db: Kysely<Database>,
    tokens: AccessTokens,
    throttle: LoginThrottle,
    ipAllowlist: IpAllowlistService,
    options: { refreshTokenTtlSeconds: number; currency: string; defaultTierId: string },
  ) {
    this.db = db;
    this.tokens = tokens;
    this.throttle = throttle;
    this.ipAllowlist = ipAllowlist;
    this.options = options;
  }

  /** Creates the account, its empty wallet and a first session. Throws 409 `email_taken`. */
  async register(input: RegisterInput, client: ClientInfo): Promise<{ user: UserRow; tokens: IssuedTokens }> {
    const passwordHash = await hashPassword(input.password);
    return this.db
      .transaction()
      .execute(async (trx) => {
        const taken = await trx
          .selectFrom('users')
          .select('id')
          .where((eb) => eb(eb.fn('lower', ['email']), '=', input.email.toLowerCase()))
          .executeTakeFirst();
        if (taken) throw new ApiError('email_taken', 'An account with this email already exists.');
        const user = await trx
          .insertInto('users')
          .values({
            id: newId('usr'),
            email: input.email,
            password_hash: passwordHash,
            name: input.name,
            role: 'user',
            tier_id: this.options.defaultTierId,
            status: 'active',
            timezone: input.timezone ?? 'UTC',
            locale: input.locale ?? 'en',
            phone_number: null,
            suspended_at: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx.insertInto('wallets').values({ user_id: user.id, balance_cents: 0, currency: this.options.currency }).execute();
        const tokens = await this.startSession(trx, user.id, client);
        await appendAudit(trx, { ...selfActor(user, client), action: 'user.registered', targetType: 'user', targetId: user.id });
        return { user, tokens };
      })
      .catch((error) => {
        // two concurrent registrations with one email: the unique index decides
        if ((error as { code?: string }).code === '23505') throw new ApiError('email_taken', 'An account with this email already exists.');
        throw error;
      });
  }

  /**
   * Checks the password (throttled per account and IP, every attempt audited), then the account's status
   * and IP allowlist. Returns the user; the caller opens the session or, with a second factor, a challenge.
   */
  async checkPassword(email: string, password: string, client: ClientInfo): Promise<UserRow> {
    await this.throttle.check(email, client.ip);
    const user = await this.db
      .selectFrom('users')
      .selectAll()
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .executeTakeFirst();
    const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_PASSWORD_HASH);
    if (!user || !ok) {
      await this.throttle.recordFailure(email, client.ip);
      if (user)
        await appendAudit(this.db, {
          ...selfActor(user, client),
          action: 'login.failed',
          targetType: 'user',
          targetId: user.id,
          metadata: { reason: 'wrong_password' },
        });
      throw new ApiError('invalid_credentials', 'The email or password is wrong.');
    }
    if (user.status === 'suspended') throw new ApiError('account_suspended', 'This account is suspended.');
    await this.ipAllowlist.assertAllowed(user.id, client.ip);
    await this.throttle.recordSuccess(email);
    return user;
  }

  /** Opens a session for a user whose credentials (and second factor) were checked; audited. */
  async openSession(user: UserRow, client: ClientInfo, metadata: Record<string, unknown> = {}): Promise<IssuedTokens> {
    return this.db.transaction().execute(async (trx) => {
      const tokens = await this.startSession(trx, user.id, client);
      await appendAudit(trx, {
        ...selfActor(user, client),
        action: 'login.succeeded',
        targetType: 'session',
        targetId: tokens.sessionId,
        metadata,
      });
      return tokens;
    });
  }

  /** Throttle bookkeeping for a failed second factor (shares the login budgets). */
  recordFailedSecondFactor(email: string, ip: string): Promise<void> {
    return this.throttle.recordFailure(email, ip);
  }

  /** Throws 429 when the account or address has no sign-in attempts left. */
  checkThrottle(email: string, ip: string): Promise<void> {
    return this.throttle.check(email, ip);
  }

  /**
   * Rotates a refresh token. A token that was already used means it leaked (or a client raced itself):
   * the whole session is revoked and 401 `refresh_token_reused` is returned.
   */
  async refresh(
    refreshToken: string,
    client: ClientInfo,
    grant: { clientId: string | null; scope?: string[] } = { clientId: null },
  ): Promise<IssuedTokens & { scopes: string[] | null }> {
    const tokenHash = sha256(refreshToken);
    const outcome = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('refresh_tokens')
        .innerJoin('sessions', 'sessions.id', 'refresh_tokens.session_id')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select([
          'refresh_tokens.session_id',
          'refresh_tokens.used_at',
          'refresh_tokens.expires_at',
          'sessions.revoked_at',
          'sessions.user_id',
          'sessions.client_id',
          'sessions.scopes',
          'users.status',
        ])
        .where('refresh_tokens.token_hash', '=', tokenHash)
        .forUpdate()
        .executeTakeFirst();
      // a token of another client (or a first-party token at the OAuth endpoint) is not this caller's to use
      if (!row || row.revoked_at || row.expires_at.getTime() <= Date.now() || row.client_id !== grant.clientId)
        return { kind: 'invalid' } as const;
      if (row.status === 'suspended') return { kind: 'suspended' } as const;
      if (grant.scope && !grant.scope.every((s) => (row.scopes ?? []).includes(s))) return { kind: 'bad_scope' } as const;
      if (!(await this.ipAllowlist.allows(row.user_id, client.ip, trx))) return { kind: 'ip' } as const;
      const claimed = await trx
        .updateTable('refresh_tokens')
        .set({ used_at: new Date() })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (row.used_at || Number(claimed.numUpdatedRows) === 0) {
        await this.#revokeSession(trx, row.session_id, 'refresh_token_reused');
        return { kind: 'reused' } as const;
      }
      const oauth = row.client_id ? { clientId: row.client_id, scopes: grant.scope ?? row.scopes ?? [] } : null;
      const tokens = await this.#issueTokens(trx, row.user_id, row.session_id, oauth);
      await trx
        .updateTable('sessions')
        .set({
          last_used_at: new Date(),
          ip: client.ip,
          user_agent: client.userAgent,
          expires_at: new Date(Date.now() + this.options.refreshTokenTtlSeconds * 1000),
        })
        .where('id', '=', row.session_id)
        .execute();
      return { kind: 'ok', tokens: { ...tokens, scopes: oauth?.scopes ?? null } } as const;
    });
    if (outcome.kind === 'ip') throw new ApiError('ip_not_allowed', `${client.ip} is not in this account's IP allowlist.`);
    if (outcome.kind === 'bad_scope') throw new RefreshScopeError();
    if (outcome.kind === 'invalid') throw new ApiError('invalid_token', 'The refresh token is not valid.');
    if (outcome.kind === 'suspended') throw new ApiError('account_suspended', 'This account is suspended.');
    if (outcome.kind === 'reused')
      throw new ApiError('refresh_token_reused', 'This refresh token was already used; the session has been revoked.');
    return outcome.tokens;
  }

  /** Ends a session: its access and refresh tokens stop working at once. */
  async revokeSession(userId: string, sessionId: string, reason = 'revoked'): Promise<void> {
    const session = await this.db
      .selectFrom('sessions')
      .select(['id', 'revoked_at'])
      .where('id', '=', sessionId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!session || session.revoked_at) throw problems.notFound(`session ${sessionId}`);
    await this.#revokeSession(this.db, sessionId, reason);
  }

  /** Live sessions of a user, newest first. */
  async listSessions(userId: string, page: { limit: number; startingAfter?: string }) {
    let query = this.db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', new Date())
      .orderBy('id', 'desc')
      .limit(page.limit + 1);
    if (page.startingAfter) query = query.where('id', '<', page.startingAfter);
    return query.execute();
  }

  /** Whether an access token's session is still live (checked on every request, so logout is immediate). */
  async isSessionLive(sessionId: string, userId: string): Promise<boolean> {
    const session = await this.db
      .selectFrom('sessions')
      .select(['revoked_at', 'expires_at'])
      .where('id', '=', sessionId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Boolean(session && !session.revoked_at && session.expires_at.getTime() > Date.now());
  }

  /** Changes the password and revokes every other session; a wrong current password counts towards the sign-in throttle. */
  async changePassword(user: UserRow, currentSessionId: string | null, current: string, next: string, client: ClientInfo): Promise<void> {
    await this.throttle.check(user.email, client.ip);
    if (!(await verifyPassword(current, user.password_hash))) {
      await this.throttle.recordFailure(user.email, client.ip);
      // 422, not 401: the caller is signed in, and a 401 would tell its client to sign in again
      throw problems.validation([{ field: '/body/current_password', code: 'invalid', message: 'The current password is incorrect.' }]);
    }
    const passwordHash = await hashPassword(next);
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: new Date() }).where('id', '=', user.id).execute();
      const others = await trx
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', user.id)
        .where('revoked_at', 'is', null)
        .$if(currentSessionId !== null, (q) => q.where('id', '<>', currentSessionId!))
        .execute();
      for (const session of others) await this.#revokeSession(trx, session.id, 'password_changed');
    });
  }

  /** Creates a session and its first token pair inside `trx`; `oauth` marks an OAuth grant with its scopes. */
  async startSession(
    trx: Transaction<Database>,
    userId: string,
    client: ClientInfo,
    oauth: { clientId: string; scopes: string[] } | null = null,
  ): Promise<IssuedTokens> {
    const sessionId = newId('ses');
    await trx
      .insertInto('sessions')
      .values({
        id: sessionId,
        user_id: userId,
        ip: client.ip,
        user_agent: client.userAgent,
        client_id: oauth?.clientId ?? null,
        scopes: oauth ? JSON.stringify(oauth.scopes) : null,
        expires_at: new Date(Date.now() + this.options.refreshTokenTtlSeconds * 1000),
        revoked_at: null,
        revoke_reason: null,
      })
      .execute();
    return this.#issueTokens(trx, userId, sessionId, oauth);
  }

  async #issueTokens(
    trx: Db,
    userId: string,
    sessionId: string,
    oauth: { clientId: string; scopes: string[] } | null = null,
  ): Promise<IssuedTokens> {
    const refreshToken = `rt_${randomString(48)}`;
    await trx
      .insertInto('refresh_tokens')
      .values({
        token_hash: sha256(refreshToken),
        session_id: sessionId,
        expires_at: new Date(Date.now() + this.options.refreshTokenTtlSeconds * 1000),
        used_at: null,
      })
      .execute();
    return {
      accessToken: await this.tokens.sign({ userId, sessionId, oauth }),
      expiresIn: this.tokens.ttlSeconds,
      refreshToken,
      refreshTokenExpiresIn: this.options.refreshTokenTtlSeconds,
      sessionId,
    };
  }

  /** Revokes a session inside the caller's transaction (OAuth code reuse, token revocation). */
  revokeSessionIn(db: Db, sessionId: string, reason: string): Promise<void> {
    return this.#revokeSession(db, sessionId, reason);
  }

  async #revokeSession(db: Db, sessionId: string, reason: string): Promise<void> {
    await db
      .updateTable('sessions')
      .set({ revoked_at: new Date(), revoke_reason: reason })
      .where('id', '=', sessionId)
      .where('revoked_at', 'is', null)
      .execute();
  }
}
