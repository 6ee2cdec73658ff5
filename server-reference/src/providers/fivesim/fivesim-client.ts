import { type ProviderResponse, sendProviderRequest } from '../shared/provider-http.ts';
import { FIVESIM_PROVIDER_ID, fiveSimError } from './fivesim-errors.ts';
import type { ResolvedFiveSimOptions } from './fivesim-options.ts';

/**
 * Sends GET requests to 5sim (every endpoint the adapter uses is a GET). User endpoints carry the API key
 * as a bearer token; guest endpoints (prices) carry nothing. A 2xx whose body is plain text is an error
 * too: 5sim has answered "no free phones" with 200.
 */
export class FiveSimClient {
  readonly #options: ResolvedFiveSimOptions;

  constructor(options: ResolvedFiveSimOptions) {
    this.#options = options;
  }

  /** The JSON answer to GET `pathAndQuery`; anything else is thrown as a ProviderError. */
  async get(pathAndQuery: string, { guest = false } = {}): Promise<ProviderResponse> {
    const { baseUrl, apiKey, timeoutMs, fetch, now } = this.#options;
    const response = await sendProviderRequest(
      { provider: FIVESIM_PROVIDER_ID, timeoutMs, fetch },
      {
        method: 'GET',
        url: new URL(pathAndQuery, baseUrl),
        headers: guest ? {} : { Authorization: `Bearer ${apiKey}` },
      },
    );
    const looksLikeJson = /^\s*[[{]/.test(response.text);
    if (response.status < 200 || response.status >= 300 || !looksLikeJson) throw fiveSimError(response, now());
    return response;
  }
}
