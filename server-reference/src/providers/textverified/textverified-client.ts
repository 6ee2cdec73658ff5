import { ProviderError } from '../../domain/ports/provider-error.ts';
import { type ProviderResponse, sendProviderRequest } from '../shared/provider-http.ts';
import { TEXTVERIFIED_PROVIDER_ID, type TextVerifiedErrorContext, textVerifiedError } from './textverified-errors.ts';
import type { ResolvedTextVerifiedOptions } from './textverified-options.ts';
import { TextVerifiedTokenCache } from './textverified-token-cache.ts';

/** One call to a secured TextVerified endpoint. */
export interface TextVerifiedCall {
  method: 'GET' | 'POST';
  /** A path on the base URL, or a link the API returned. */
  target: string;
  json?: unknown;
  headers?: Record<string, string>;
  context: Omit<TextVerifiedErrorContext, 'now'>;
}

/**
 * Sends authorised requests to TextVerified: adds the cached bearer token, and when the API answers 401
 * (the token expired or was revoked early) fetches a new token and tries once more. Follows only links on
 * the configured host, so a link in a response can never send our token elsewhere.
 */
export class TextVerifiedClient {
  readonly #options: ResolvedTextVerifiedOptions;
  readonly #tokens: TextVerifiedTokenCache;

  constructor(options: ResolvedTextVerifiedOptions) {
    this.#options = options;
    this.#tokens = new TextVerifiedTokenCache(options);
  }

  /** The 2xx answer to `call`; any other answer is thrown as a ProviderError. */
  async send(call: TextVerifiedCall): Promise<ProviderResponse> {
    const url = this.#resolve(call.target);
    let token = await this.#tokens.token();
    let response = await this.#sendWith(token, url, call);
    if (response.status === 401) {
      this.#tokens.invalidate(token);
      token = await this.#tokens.token();
      response = await this.#sendWith(token, url, call);
    }
    if (response.status < 200 || response.status >= 300) {
      throw textVerifiedError(response, { ...call.context, now: this.#options.now() });
    }
    return response;
  }

  #sendWith(token: string, url: URL, call: TextVerifiedCall): Promise<ProviderResponse> {
    const { timeoutMs, fetch } = this.#options;
    return sendProviderRequest(
      { provider: TEXTVERIFIED_PROVIDER_ID, timeoutMs, fetch },
      { method: call.method, url, json: call.json, headers: { ...call.headers, Authorization: `Bearer ${token}` } },
    );
  }

  #resolve(target: string): URL {
    const url = new URL(target, this.#options.baseUrl);
    if (url.origin !== this.#options.baseUrl.origin) {
      throw new ProviderError('unexpected', `TextVerified returned a link to another host: ${url.origin}`, {
        provider: TEXTVERIFIED_PROVIDER_ID,
      });
    }
    return url;
  }
}
