import type { Context, MiddlewareHandler } from 'hono';
import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AnyOperationEnv, AppEnv } from '../../app-env.ts';
import type { ClientInfo } from '../../../domain/principal.ts';
import type { PrincipalRecord } from '../../../domain/principal-lookup.ts';
import { allowlistAllows, ipNotAllowed } from '../../../domain/security/ip-allowlist.ts';
import { ApiError } from '../../../errors/index.ts';

/**
 * The caller's address: the socket's (127.0.0.1 for in-process requests), or, with `trustProxy`, the last
 * `X-Forwarded-For` hop, which is the one our own proxy appended (earlier hops are the client's to forge).
 */
export function clientInfo<E extends AnyOperationEnv>(c: Context<E>): ClientInfo {
  let ip = '127.0.0.1';
  try {
    ip = getConnInfo(c).remote.address ?? ip;
  } catch {
    // app.request() in tests has no socket
  }
  if (c.get('services')?.config.trustProxy) {
    const forwarded = c.req
      .header('x-forwarded-for')
      ?.split(',')
      .map((hop) => hop.trim())
      .filter((hop) => isIP(hop) !== 0)
      .at(-1);
    if (forwarded) ip = forwarded;
  }
  if (ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4) ip = ip.slice(7);
  return { ip, userAgent: c.req.header('user-agent')?.slice(0, 512) ?? null };
}

/**
 * Resolves the bearer credential (an access token, or an `nmk_` API key) to a principal. It never refuses
 * a request itself: a bad credential is kept in `authError` for `authorize`, so the rate limiter can still
 * count the request and stamp its headers.
 */
export const authenticate = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  c.set('principal', null);
  c.set('authError', null);
  const header = c.req.header('authorization');
  if (header) {
    const services = c.get('services');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    try {
      const token = match?.[1];
      if (!token) throw new ApiError('invalid_token', 'The Authorization header must be `Bearer <token>`.');
      const ip = clientInfo(c).ip;
      // one query per credential: it, its user, the tier and the account's IP allowlist (PrincipalLookup)
      let found: PrincipalRecord;
      if (token.startsWith('nmk_')) {
        const { key, ...record } = await services.apiKeys.authenticate(token, ip);
        found = record;
        c.set('principal', { kind: 'api_key', user: record.user, tier: record.tier, apiKeyId: key.id, scopes: key.scopes });
      } else {
        const claims = await services.tokens.verify(token);
        const record = await services.principals.session(claims.sessionId, claims.userId);
        if (!record || record.session.revoked_at || record.session.expires_at.getTime() <= Date.now()) {
          throw new ApiError('invalid_token', 'The session of this access token has ended.');
        }
        found = record;
        const { user, tier } = record;
        c.set(
          'principal',
          claims.oauth
            ? { kind: 'oauth', user, tier, sessionId: claims.sessionId, clientId: claims.oauth.clientId, scopes: claims.oauth.scopes }
            : { kind: 'session', user, tier, sessionId: claims.sessionId },
        );
      }
      // the account's IP allowlist covers every credential of the account
      if (!allowlistAllows(found.allowlist, ip)) throw ipNotAllowed(ip);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      c.set('principal', null);
      c.set('authError', error);
    }
  }
  await next();
};
