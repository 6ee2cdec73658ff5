import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../storage/database-schema.ts';
import { ProblemError, problems } from '../http/problem.ts';
import type { AccessTokens } from './access-tokens.ts';
import { newId } from './ids.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './passwords.ts';
import type { ClientInfo, UserRow } from './principal.ts';
import { randomString, sha256 } from './secrets.ts';

/** An access token and its refresh token (spec/schemas/token-pair.yaml, in camelCase). */
export interface IssuedTokens {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshTokenExpiresIn: number;
  sessionId: string;
}

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
  constructor(
    private readonly db: Kysely<Database>,
    private readonly tokens: AccessTokens,
    private readonly throttle: LoginThrottle,
    private readonly options: { refreshTokenTtlSeconds: number; currency: string; defaultTierId: string },
  ) {}

  /** Creates the account, its empty wallet and a first session. Throws 409 `email_taken`. */
  async register(input: RegisterInput, client: ClientInfo): Promise<{ user: UserRow; tokens: IssuedTokens }> {
    const passwordHash = await hashPassword(input.password);
    return this.db.transaction().execute(async (trx) => {
      const taken = await trx.selectFrom('users').select('id').where((eb) => eb(eb.fn('lower', ['email']), '=', input.email.toLowerCase())).executeTakeFirst();
      if (taken) throw new ProblemError(409, 'email_taken', 'An account with this email already exists.');
      const user = await trx.insertInto('users').values({
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
      }).returningAll().executeTakeFirstOrThrow();
      await trx.insertInto('wallets').values({ user_id: user.id, balance_cents: 0, currency: this.options.currency }).execute();
      const tokens = await this.#startSession(trx, user.id, client);
      return { user, tokens };
    }).catch((error) => {
      // two concurrent registrations with one email: the unique index decides
      if ((error as { code?: string }).code === '23505') throw new ProblemError(409, 'email_taken', 'An account with this email already exists.');
      throw error;
    });
  }

  /** Checks the password (throttled per account and IP) and opens a session. */
  async login(email: string, password: string, client: ClientInfo): Promise<{ user: UserRow; tokens: IssuedTokens }> {
    await this.throttle.check(email, client.ip);
    const user = await this.db.selectFrom('users').selectAll().where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase())).executeTakeFirst();
    const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_PASSWORD_HASH);
    if (!user || !ok) {
      await this.throttle.recordFailure(email, client.ip);
      throw new ProblemError(401, 'invalid_credentials', 'The email or password is wrong.');
    }
    if (user.status === 'suspended') throw new ProblemError(403, 'account_suspended', 'This account is suspended.');
    await this.throttle.recordSuccess(email);
    const tokens = await this.db.transaction().execute((trx) => this.#startSession(trx, user.id, client));
    return { user, tokens };
  }

  /**
   * Rotates a refresh token. A token that was already used means it leaked (or a client raced itself):
   * the whole session is revoked and 401 `refresh_token_reused` is returned.
   */
  async refresh(refreshToken: string, client: ClientInfo): Promise<IssuedTokens> {
    const tokenHash = sha256(refreshToken);
    const outcome = await this.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('refresh_tokens')
        .innerJoin('sessions', 'sessions.id', 'refresh_tokens.session_id')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['refresh_tokens.session_id', 'refresh_tokens.used_at', 'refresh_tokens.expires_at',
          'sessions.revoked_at', 'sessions.user_id', 'users.status'])
        .where('refresh_tokens.token_hash', '=', tokenHash)
        .forUpdate()
        .executeTakeFirst();
      if (!row || row.revoked_at || row.expires_at.getTime() <= Date.now()) return { kind: 'invalid' } as const;
      if (row.status === 'suspended') return { kind: 'suspended' } as const;
      const claimed = await trx.updateTable('refresh_tokens').set({ used_at: new Date() })
        .where('token_hash', '=', tokenHash).where('used_at', 'is', null).executeTakeFirst();
      if (row.used_at || Number(claimed.numUpdatedRows) === 0) {
        await this.#revokeSession(trx, row.session_id, 'refresh_token_reused');
        return { kind: 'reused' } as const;
      }
      const tokens = await this.#issueTokens(trx, row.user_id, row.session_id);
      await trx.updateTable('sessions')
        .set({ last_used_at: new Date(), ip: client.ip, user_agent: client.userAgent, expires_at: new Date(Date.now() + this.options.refreshTokenTtlSeconds * 1000) })
        .where('id', '=', row.session_id).execute();
      return { kind: 'ok', tokens } as const;
    });
    if (outcome.kind === 'invalid') throw new ProblemError(401, 'invalid_token', 'The refresh token is not valid.');
    if (outcome.kind === 'suspended') throw new ProblemError(403, 'account_suspended', 'This account is suspended.');
    if (outcome.kind === 'reused') throw new ProblemError(401, 'refresh_token_reused', 'This refresh token was already used; the session has been revoked.');
    return outcome.tokens;
  }

  /** Ends a session: its access and refresh tokens stop working at once. */
  async revokeSession(userId: string, sessionId: string, reason = 'revoked'): Promise<void> {
    const session = await this.db.selectFrom('sessions').select(['id', 'revoked_at']).where('id', '=', sessionId).where('user_id', '=', userId).executeTakeFirst();
    if (!session || session.revoked_at) throw problems.notFound(`session ${sessionId}`);
    await this.#revokeSession(this.db, sessionId, reason);
  }

  /** Live sessions of a user, newest first. */
  async listSessions(userId: string, page: { limit: number; startingAfter?: string }) {
    let query = this.db.selectFrom('sessions').selectAll()
      .where('user_id', '=', userId).where('revoked_at', 'is', null).where('expires_at', '>', new Date())
      .orderBy('id', 'desc').limit(page.limit + 1);
    if (page.startingAfter) query = query.where('id', '<', page.startingAfter);
    return query.execute();
  }

  /** Whether an access token's session is still live (checked on every request, so logout is immediate). */
  async isSessionLive(sessionId: string, userId: string): Promise<boolean> {
    const session = await this.db.selectFrom('sessions').select(['revoked_at', 'expires_at'])
      .where('id', '=', sessionId).where('user_id', '=', userId).executeTakeFirst();
    return Boolean(session && !session.revoked_at && session.expires_at.getTime() > Date.now());
  }

  /** Changes the password and revokes every other session. */
  async changePassword(user: UserRow, currentSessionId: string | null, current: string, next: string): Promise<void> {
    if (!(await verifyPassword(current, user.password_hash))) {
      throw new ProblemError(401, 'invalid_credentials', 'The current password is wrong.');
    }
    const passwordHash = await hashPassword(next);
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: new Date() }).where('id', '=', user.id).execute();
      const others = await trx.selectFrom('sessions').select('id').where('user_id', '=', user.id).where('revoked_at', 'is', null)
        .$if(currentSessionId !== null, (q) => q.where('id', '<>', currentSessionId!)).execute();
      for (const session of others) await this.#revokeSession(trx, session.id, 'password_changed');
    });
  }

  async #startSession(trx: Transaction<Database>, userId: string, client: ClientInfo): Promise<IssuedTokens> {
    const sessionId = newId('ses');
    await trx.insertInto('sessions').values({
      id: sessionId,
      user_id: userId,
      ip: client.ip,
      user_agent: client.userAgent,
      client_id: null,
      expires_at: new Date(Date.now() + this.options.refreshTokenTtlSeconds * 1000),
      revoked_at: null,
      revoke_reason: null,
    }).execute();
    return this.#issueTokens(trx, userId, sessionId);
  }

  async #issueTokens(trx: Db, userId: string, sessionId: string): Promise<IssuedTokens> {
    const refreshToken = `rt_${randomString(48)}`;
    await trx.insertInto('refresh_tokens').values({
      token_hash: sha256(refreshToken),
      session_id: sessionId,
      expires_at: new Date(Date.now() + this.options.refreshTokenTtlSeconds * 1000),
      used_at: null,
    }).execute();
    return {
      accessToken: await this.tokens.sign({ userId, sessionId }),
      expiresIn: this.tokens.ttlSeconds,
      refreshToken,
      refreshTokenExpiresIn: this.options.refreshTokenTtlSeconds,
      sessionId,
    };
  }

  async #revokeSession(db: Db, sessionId: string, reason: string): Promise<void> {
    await db.updateTable('sessions').set({ revoked_at: new Date(), revoke_reason: reason })
      .where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
  }
}
