import { ProviderError } from '../../domain/ports/provider-error.ts';

/** The `fetch` an adapter calls; injectable so tests and proxies can stand in. */
export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** One request to a provider. */
export interface ProviderRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers?: Record<string, string>;
  /** Serialised as JSON when present. */
  json?: unknown;
}

/** A provider's answer, body already read as text (providers answer errors in text as often as JSON). */
export interface ProviderResponse {
  status: number;
  headers: Headers;
  text: string;
  /** `METHOD /path` of the request, for error messages that never include a query string or secret. */
  label: string;
}

/** How an adapter talks HTTP. */
export interface ProviderHttpOptions {
  provider: string;
  timeoutMs: number;
  /** Defaults to the global fetch, looked up per call so interceptors installed later still apply. */
  fetch?: FetchLike;
}

/**
 * Sends one request with a deadline. A timeout or a connection failure becomes
 * ProviderError('unavailable', retryable); any HTTP answer, error status included, is returned.
 *
 * @example
 * const res = await sendProviderRequest({ provider: 'fivesim', timeoutMs: 15000 },
 *   { method: 'GET', url: new URL('https://5sim.net/v1/user/profile') });
 */
export async function sendProviderRequest(options: ProviderHttpOptions, request: ProviderRequest): Promise<ProviderResponse> {
  const label = `${request.method} ${request.url.pathname}`;
  const headers: Record<string, string> = { Accept: 'application/json', ...request.headers };
  let body: string | undefined;
  if (request.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(request.json);
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  try {
    const response = await fetchImpl(request.url, {
      method: request.method,
      headers,
      body,
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'error',
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, label };
  } catch (error) {
    const timedOut = error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
    const message = timedOut
      ? `${label} timed out after ${options.timeoutMs} ms`
      : `${label} failed: ${error instanceof Error ? error.message : String(error)}`;
    throw new ProviderError('unavailable', message, { provider: options.provider, retryable: true, cause: error });
  }
}

/**
 * Milliseconds from a `Retry-After` header (delta-seconds or an HTTP date), or undefined.
 *
 * @example
 * retryAfterMs(new Headers({ 'Retry-After': '3' }), Date.now()); // 3000
 */
export function retryAfterMs(headers: Headers, nowMs: number): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
