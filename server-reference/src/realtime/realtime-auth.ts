import type { Kysely } from 'kysely';
import type { Database } from '../storage/database-schema.ts';

/** Who a real-time connection belongs to, and the credential that must stay valid for it to live on. */
export interface RealtimeSubject {
  userId: string;
  sessionId: string | null;
  apiKeyId: string | null;
}

/** Why a connection is refused or ended (an `error` code of asyncapi.yaml). */
export type RealtimeDenial = { code: 'unauthenticated' | 'token_expired' | 'forbidden' | 'account_suspended'; message: string };

/** What the real-time channel needs from the accounts domain. */
export interface RealtimeAuth {
  /** The subject of a valid access token, or a denial. */
  verifyAccessToken(token: string): Promise<RealtimeSubject | RealtimeDenial>;
  /** Null while the subject may keep a connection; a denial once its session or key is revoked or the account suspended. */
  check(subject: RealtimeSubject): Promise<RealtimeDenial | null>;
}

export const isDenial = (value: RealtimeSubject | RealtimeDenial): value is RealtimeDenial => 'code' in value;

/**
 * The real-time auth of the reference server, from its access tokens and tables.
 *
 * @example
 * const auth = coreRealtimeAuth({ db, tokens: services.tokens, isSessionLive: (s, u) => services.accounts.isSessionLive(s, u) });
 */
export function coreRealtimeAuth(deps: {
  db: Kysely<Database>;
  tokens: { verify(token: string): Promise<{ userId: string; sessionId: string }> };
  isSessionLive(sessionId: string, userId: string): Promise<boolean>;
}): RealtimeAuth {
  const check = async (subject: RealtimeSubject): Promise<RealtimeDenial | null> => {
    const user = await deps.db.selectFrom('users').select('status').where('id', '=', subject.userId).executeTakeFirst();
    if (!user) return { code: 'forbidden', message: 'The account no longer exists.' };
    if (user.status === 'suspended') return { code: 'account_suspended', message: 'This account is suspended.' };
    if (subject.sessionId && !(await deps.isSessionLive(subject.sessionId, subject.userId))) {
      return { code: 'forbidden', message: 'The session of this connection has ended.' };
    }
    if (subject.apiKeyId) {
      const key = await deps.db
        .selectFrom('api_keys')
        .select(['revoked_at', 'expires_at'])
        .where('id', '=', subject.apiKeyId)
        .executeTakeFirst();
      if (!key || key.revoked_at || (key.expires_at && key.expires_at <= new Date())) {
        return { code: 'forbidden', message: 'The API key of this connection was revoked or expired.' };
      }
    }
    return null;
  };
  return {
    async verifyAccessToken(token) {
      let claims: { userId: string; sessionId: string };
      try {
        claims = await deps.tokens.verify(token);
      } catch (error) {
        const expired = (error as { code?: string }).code === 'token_expired';
        return expired
          ? { code: 'token_expired', message: 'The access token has expired; refresh it or use a ticket.' }
          : { code: 'unauthenticated', message: 'The access token is not valid.' };
      }
      const subject = { userId: claims.userId, sessionId: claims.sessionId, apiKeyId: null };
      const denial = await check(subject);
      if (denial?.code === 'forbidden' && subject.sessionId) return { code: 'unauthenticated', message: denial.message };
      return denial ?? subject;
    },
    check,
  };
}
