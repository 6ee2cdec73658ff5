import { parseProviderJson } from '../shared/parse-provider-json.ts';
import { sendProviderRequest } from '../shared/provider-http.ts';
import { TEXTVERIFIED_PROVIDER_ID, textVerifiedError } from './textverified-errors.ts';
import type { ResolvedTextVerifiedOptions } from './textverified-options.ts';
import { bearerTokenSchema } from './textverified-schemas.ts';

interface CachedToken {
  token: string;
  expiresAt: number;
}

/**
 * TextVerified bearer tokens: obtained from POST /api/pub/v2/auth with the API key and username headers,
 * reused until shortly before they expire (its docs ask clients to cache them; the auth endpoint is rate
 * limited), and fetched once for any number of concurrent callers.
 */
export class TextVerifiedTokenCache {
  readonly #options: ResolvedTextVerifiedOptions;
  #cached: CachedToken | null = null;
  #inFlight: Promise<string> | null = null;

  constructor(options: ResolvedTextVerifiedOptions) {
    this.#options = options;
  }

  /** A token valid for at least `tokenRefreshMarginMs` more. */
  async token(): Promise<string> {
    const { now, tokenRefreshMarginMs } = this.#options;
    if (this.#cached && this.#cached.expiresAt - tokenRefreshMarginMs > now()) return this.#cached.token;
    this.#inFlight ??= this.#fetchToken().finally(() => {
      this.#inFlight = null;
    });
    return this.#inFlight;
  }

  /** Forgets `token` (the API refused it), so the next call fetches a new one. */
  invalidate(token: string): void {
    if (this.#cached?.token === token) this.#cached = null;
  }

  async #fetchToken(): Promise<string> {
    const { baseUrl, apiKey, apiUsername, timeoutMs, fetch, now } = this.#options;
    const response = await sendProviderRequest(
      { provider: TEXTVERIFIED_PROVIDER_ID, timeoutMs, fetch },
      {
        method: 'POST',
        url: new URL('/api/pub/v2/auth', baseUrl),
        headers: { 'X-API-KEY': apiKey, 'X-API-USERNAME': apiUsername },
      },
    );
    if (response.status < 200 || response.status >= 300) {
      throw textVerifiedError(response, { operation: 'auth', now: now() });
    }
    const body = parseProviderJson(TEXTVERIFIED_PROVIDER_ID, response, bearerTokenSchema);
    // expiresIn is relative, so it holds whatever the skew between their clock and ours.
    const expiresAt = body.expiresIn > 0 ? now() + body.expiresIn * 1000 : Date.parse(body.expiresAt) || 0;
    this.#cached = { token: body.token, expiresAt };
    return body.token;
  }
}
