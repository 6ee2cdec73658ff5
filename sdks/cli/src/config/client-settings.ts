import { Namaskah } from '@namaskah/sdk';
import { storedOAuthToken } from '../oauth/stored-oauth-token.js';
import { readConfig } from './config-store.js';

/** The options every command shares (program/global-options.ts). */
export interface GlobalOptions {
  apiKey?: string;
  baseUrl?: string;
  profile: string;
  json?: boolean;
}

export interface ClientSettings {
  /** A key, or the renewing token source of a browser login. */
  apiKey: string | (() => Promise<string>) | undefined;
  baseUrl: string | undefined;
  /** Where the credential came from, for `whoami`. */
  source: 'flag' | 'environment' | 'profile' | 'browser login' | 'none';
}

/** Flag over environment (`NAMASKAH_API_KEY`, `NAMASKAH_BASE_URL`) over the stored profile (a key, else a browser login). */
export function resolveSettings(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env): ClientSettings {
  const stored = readConfig().profiles[options.profile];
  const baseUrl = options.baseUrl ?? (env.NAMASKAH_BASE_URL || undefined) ?? stored?.base_url;
  const given = options.apiKey ?? (env.NAMASKAH_API_KEY || undefined);
  if (given) return { apiKey: given, baseUrl, source: options.apiKey ? 'flag' : 'environment' };
  if (stored?.api_key) return { apiKey: stored.api_key, baseUrl, source: 'profile' };
  if (stored?.oauth) return { apiKey: storedOAuthToken(options.profile, baseUrl), baseUrl, source: 'browser login' };
  return { apiKey: undefined, baseUrl, source: 'none' };
}

/** An SDK client for the resolved credential and base URL. */
export function createClient(options: GlobalOptions): Namaskah {
  const { apiKey, baseUrl } = resolveSettings(options);
  return new Namaskah({ ...(apiKey ? { apiKey } : {}), ...(baseUrl ? { baseUrl } : {}) });
}
