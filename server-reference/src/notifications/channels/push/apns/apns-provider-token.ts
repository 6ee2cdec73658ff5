import { importPKCS8, SignJWT, type CryptoKey } from 'jose';

/** Apple refuses tokens older than an hour; refresh well before, but not more than every 20 minutes. */
const APNS_TOKEN_LIFETIME_MS = 50 * 60 * 1000;

/**
 * APNs token-based authentication: an ES256 JWT with the key id (`kid`) and team id (`iss`), signed with
 * the `.p8` key and reused until it is 50 minutes old (Apple rejects ones older than 60 minutes and
 * throttles tokens regenerated too often).
 */
export class ApnsProviderToken {
  #key: Promise<CryptoKey> | null = null;
  #cached: { jwt: string; issuedAt: number } | null = null;

  private readonly options: { teamId: string; keyId: string; privateKey: string; now?: () => number };
  constructor(options: { teamId: string; keyId: string; privateKey: string; now?: () => number }) {
    this.options = options;
  }

  /** The current provider token; `force` makes a new one (after `ExpiredProviderToken`). */
  async get(force = false): Promise<string> {
    const now = this.options.now?.() ?? Date.now();
    if (!force && this.#cached && now - this.#cached.issuedAt < APNS_TOKEN_LIFETIME_MS) return this.#cached.jwt;
    this.#key ??= importPKCS8(this.options.privateKey, 'ES256');
    const jwt = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: this.options.keyId })
      .setIssuer(this.options.teamId)
      .setIssuedAt(Math.floor(now / 1000))
      .sign(await this.#key);
    this.#cached = { jwt, issuedAt: now };
    return jwt;
  }
}
