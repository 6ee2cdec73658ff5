import { importPKCS8, SignJWT } from 'jose';

/** The fields of a Google service-account key file the FCM adapter needs. */
export interface ServiceAccount {
  client_email: string;
  /** PKCS#8 PEM of the RSA key. */
  private_key: string;
  project_id: string;
  /** OAuth 2.0 token endpoint; `https://oauth2.googleapis.com/token` in real key files. */
  token_uri?: string;
}

const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';

/**
 * OAuth 2.0 access tokens for FCM from a service account (the JWT-bearer grant, RFC 7523): a JWT signed
 * with the account's RS256 key is exchanged at the token URI. Tokens are cached until a minute before
 * they expire, and one refresh is shared by concurrent callers.
 */
export class FcmAccessToken {
  #cached: { token: string; expiresAt: number } | null = null;
  #pending: Promise<string> | null = null;

  private readonly account: ServiceAccount;
  private readonly options: { fetch?: typeof fetch; now?: () => number };
  constructor(account: ServiceAccount, options: { fetch?: typeof fetch; now?: () => number } = {}) {
    this.account = account;
    this.options = options;
  }

  get tokenUri(): string {
    return this.account.token_uri ?? GOOGLE_TOKEN_URI;
  }

  /** A valid access token; `force` skips the cache (after the push endpoint answered 401). */
  async get(force = false): Promise<string> {
    const now = this.options.now?.() ?? Date.now();
    if (!force && this.#cached && this.#cached.expiresAt - 60_000 > now) return this.#cached.token;
    this.#pending ??= this.#fetch(now).finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  async #fetch(now: number): Promise<string> {
    const key = await importPKCS8(this.account.private_key, 'RS256');
    const iat = Math.floor(now / 1000);
    const assertion = await new SignJWT({ scope: FCM_SCOPE })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
      .setIssuer(this.account.client_email)
      .setAudience(this.tokenUri)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .sign(key);
    const response = await (this.options.fetch ?? fetch)(this.tokenUri, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
    });
    const body = (await response.json().catch(() => null)) as { access_token?: string; expires_in?: number; error?: string } | null;
    if (!response.ok || !body?.access_token) {
      throw new Error(`FCM token endpoint answered ${response.status}${body?.error ? ` (${body.error})` : ''}`);
    }
    this.#cached = { token: body.access_token, expiresAt: now + (body.expires_in ?? 3600) * 1000 };
    return body.access_token;
  }
}
