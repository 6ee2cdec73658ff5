import type { FetchLike } from '../shared/provider-http.ts';
import { TEXTVERIFIED_SERVICES } from './textverified-services.ts';

/** How to reach TextVerified API v2. */
export interface TextVerifiedOptions {
  /** The account's username (the email it registered with): header `X-API-USERNAME`. */
  apiUsername: string;
  /** The account's primary API key: header `X-API-KEY`. */
  apiKey: string;
  /** Default `https://www.textverified.com`. */
  baseUrl?: string;
  /** Per-request deadline in ms (default 15000). */
  timeoutMs?: number;
  /** A bearer token is renewed this long before it expires (default 60000 ms). */
  tokenRefreshMarginMs?: number;
  /** Our service slug -> TextVerified `serviceName` (default TEXTVERIFIED_SERVICES). */
  services?: Record<string, string>;
  fetch?: FetchLike;
  now?: () => number;
}

export interface ResolvedTextVerifiedOptions {
  apiUsername: string;
  apiKey: string;
  baseUrl: URL;
  timeoutMs: number;
  tokenRefreshMarginMs: number;
  services: Record<string, string>;
  fetch?: FetchLike;
  now: () => number;
}

/** Applies defaults; refuses missing credentials or a base URL that is not http(s). */
export function resolveTextVerifiedOptions(options: TextVerifiedOptions): ResolvedTextVerifiedOptions {
  if (!options.apiUsername || !options.apiKey) throw new Error('TextVerified needs an API username and an API key');
  const baseUrl = new URL(options.baseUrl ?? 'https://www.textverified.com');
  if (baseUrl.protocol !== 'https:' && baseUrl.protocol !== 'http:') {
    throw new Error(`TextVerified base URL must be http(s), got ${baseUrl.protocol}`);
  }
  return {
    apiUsername: options.apiUsername,
    apiKey: options.apiKey,
    baseUrl,
    timeoutMs: options.timeoutMs ?? 15_000,
    tokenRefreshMarginMs: options.tokenRefreshMarginMs ?? 60_000,
    services: options.services ?? TEXTVERIFIED_SERVICES,
    fetch: options.fetch,
    now: options.now ?? Date.now,
  };
}
