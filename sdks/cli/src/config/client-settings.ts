import { Namaskah } from '@namaskah/sdk';
import { readConfig } from './config-store.js';

/** The options every command shares (program/global-options.ts). */
export interface GlobalOptions {
  apiKey?: string;
  baseUrl?: string;
  profile: string;
  json?: boolean;
}

export interface ClientSettings {
  apiKey: string | undefined;
  baseUrl: string | undefined;
  /** Where the key came from, for `whoami`. */
  source: 'flag' | 'environment' | 'profile' | 'none';
}

/** Flag over environment (`NAMASKAH_API_KEY`, `NAMASKAH_BASE_URL`) over the stored profile. */
export function resolveSettings(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env): ClientSettings {
  const stored = readConfig().profiles[options.profile];
  const apiKey = options.apiKey ?? (env.NAMASKAH_API_KEY || undefined) ?? stored?.api_key;
  const source = options.apiKey ? 'flag' : env.NAMASKAH_API_KEY ? 'environment' : stored?.api_key ? 'profile' : 'none';
  const baseUrl = options.baseUrl ?? (env.NAMASKAH_BASE_URL || undefined) ?? stored?.base_url;
  return { apiKey, baseUrl, source };
}

/** An SDK client for the resolved key and base URL. */
export function createClient(options: GlobalOptions): Namaskah {
  const { apiKey, baseUrl } = resolveSettings(options);
  return new Namaskah({ ...(apiKey ? { apiKey } : {}), ...(baseUrl ? { baseUrl } : {}) });
}
