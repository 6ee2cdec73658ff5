import { SignJWT, jwtVerify, errors } from 'jose';
import { ApiError } from '../errors/index.ts';

/** What an access token says about its bearer. */
export interface AccessTokenClaims {
  userId: string;
  sessionId: string;
  /** Set on tokens issued to an OAuth client: the client and the scopes it was granted. */
  oauth?: { clientId: string; scopes: string[] } | null;
}

/** Beyond this many verified tokens the memory of them starts over. */
const MAX_REMEMBERED = 10_000;

/**
 * Signs and checks short-lived access tokens (HS256 JWTs). Revocation is immediate because every
 * request also checks that the token's session is still live.
 */
export class AccessTokens {
  readonly #key: Uint8Array;
  readonly #verified = new Map<string, { claims: AccessTokenClaims; expiresAtMs: number }>();

  readonly ttlSeconds: number;
  constructor(secret: string, ttlSeconds: number) {
    this.ttlSeconds = ttlSeconds;
    this.#key = new TextEncoder().encode(secret);
  }

  /** @example await tokens.sign({ userId: 'usr_1', sessionId: 'ses_1' }) */
  async sign(claims: AccessTokenClaims): Promise<string> {
    const extra = claims.oauth ? { cid: claims.oauth.clientId, scope: claims.oauth.scopes.join(' ') } : {};
    return new SignJWT({ sid: claims.sessionId, ...extra })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuedAt()
      .setIssuer('namaskah')
      .setAudience('namaskah-api')
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.#key);
  }

  /**
   * Throws 401 `token_expired` or `invalid_token`. A token that verified is remembered until it expires
   * (its signature cannot stop being valid; revocation is the session's, checked on every request), so a
   * client's later requests skip the HMAC, which WebCrypto runs on the thread pool.
   */
  async verify(token: string): Promise<AccessTokenClaims> {
    const known = this.#verified.get(token);
    if (known && known.expiresAtMs > Date.now()) return known.claims;
    try {
      const { payload } = await jwtVerify(token, this.#key, { issuer: 'namaskah', audience: 'namaskah-api', algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') throw new Error('claims missing');
      const oauth =
        typeof payload.cid === 'string'
          ? { clientId: payload.cid, scopes: typeof payload.scope === 'string' && payload.scope ? payload.scope.split(' ') : [] }
          : null;
      const claims = { userId: payload.sub, sessionId: payload.sid, oauth };
      if (typeof payload.exp === 'number') {
        if (this.#verified.size >= MAX_REMEMBERED) this.#verified.clear();
        this.#verified.set(token, { claims, expiresAtMs: payload.exp * 1000 });
      }
      return claims;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new ApiError('token_expired', 'The access token has expired; refresh it.');
      throw new ApiError('invalid_token', 'The access token is not valid.');
    }
  }
}
