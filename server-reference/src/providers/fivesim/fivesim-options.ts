import { parseDecimal } from '../shared/decimal-cents.ts';
import type { FetchLike } from '../shared/provider-http.ts';
import { FIVESIM_COUNTRIES, FIVESIM_PRODUCTS } from './fivesim-mapping.ts';

/** How to reach 5sim. */
export interface FiveSimOptions {
  /** The API key from the 5sim profile, sent as a bearer token. */
  apiKey: string;
  /**
   * How many units of the account's currency make one US dollar, as a decimal string ("1" for a USD
   * account, e.g. "92.5" for a RUB one). 5sim's prices and balance are in the account's currency and the
   * API does not say which, so the operator states it; there is no default, to never misprice silently.
   */
  unitsPerUsd: string;
  /** Default `https://5sim.net`. */
  baseUrl?: string;
  /** Per-request deadline in ms (default 15000). */
  timeoutMs?: number;
  /** Operator bought when the caller names no carrier (default `any`). */
  defaultOperator?: string;
  countries?: Record<string, string>;
  products?: Record<string, string>;
  fetch?: FetchLike;
  now?: () => number;
}

export interface ResolvedFiveSimOptions {
  apiKey: string;
  unitsPerUsd: string;
  baseUrl: URL;
  timeoutMs: number;
  defaultOperator: string;
  countries: Record<string, string>;
  products: Record<string, string>;
  fetch?: FetchLike;
  now: () => number;
}

/** Applies defaults; refuses a missing key or a rate that is not a positive decimal. */
export function resolveFiveSimOptions(options: FiveSimOptions): ResolvedFiveSimOptions {
  if (!options.apiKey) throw new Error('5sim needs an API key');
  let rateOk = false;
  try {
    rateOk = parseDecimal(options.unitsPerUsd ?? '').gt(0);
  } catch {
    rateOk = false;
  }
  if (!rateOk) throw new Error(`5sim needs unitsPerUsd as a positive decimal, got ${JSON.stringify(options.unitsPerUsd)}`);
  const baseUrl = new URL(options.baseUrl ?? 'https://5sim.net');
  if (baseUrl.protocol !== 'https:' && baseUrl.protocol !== 'http:') {
    throw new Error(`5sim base URL must be http(s), got ${baseUrl.protocol}`);
  }
  return {
    apiKey: options.apiKey,
    unitsPerUsd: options.unitsPerUsd,
    baseUrl,
    timeoutMs: options.timeoutMs ?? 15_000,
    defaultOperator: options.defaultOperator ?? 'any',
    countries: options.countries ?? FIVESIM_COUNTRIES,
    products: options.products ?? FIVESIM_PRODUCTS,
    fetch: options.fetch,
    now: options.now ?? Date.now,
  };
}
