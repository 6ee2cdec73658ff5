import { readSettings } from '../config-settings.ts';
import type { FiveSimOptions } from './fivesim/index.ts';
import { PROVIDER_SETTINGS } from './provider-settings.ts';
import type { SimulatorOptions } from './simulator/index.ts';
import type { TextVerifiedOptions } from './textverified/index.ts';

/** The adapters the server can run. */
export const PROVIDER_NAMES = ['simulator', 'textverified', 'fivesim'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** Which providers run, in which order, and how each is set up. */
export interface ProvidersConfig {
  /** Providers to run; the first gets routing priority 1, the next 2, and so on. */
  providers: ProviderName[];
  simulator: Omit<SimulatorOptions, 'smsSink' | 'clock' | 'random' | 'catalog'>;
  textverified?: TextVerifiedOptions;
  fivesim?: FiveSimOptions;
  /** How long a provider's catalog is reused before it is read again (ms). */
  catalogTtlMs: number;
}

function required(value: string | null, name: string, provider: string): string {
  if (!value) throw new Error(`PROVIDERS includes ${provider}, which needs ${name}`);
  return value;
}

/**
 * Reads the provider setup (`PROVIDER_SETTINGS` in `provider-settings.ts`, printed in
 * docs/configuration.md) from the environment.
 *
 * @example
 * const config = providersConfigFromEnv({ PROVIDERS: 'textverified,simulator', TEXTVERIFIED_API_USERNAME: 'a@b.c', TEXTVERIFIED_API_KEY: 'k' });
 */
export function providersConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ProvidersConfig {
  const read = readSettings(PROVIDER_SETTINGS, env);
  const names = (read.providers || 'simulator')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  for (const name of names) {
    if (!(PROVIDER_NAMES as readonly string[]).includes(name)) {
      throw new Error(`unknown provider ${JSON.stringify(name)} in PROVIDERS (known: ${PROVIDER_NAMES.join(', ')})`);
    }
  }
  if (new Set(names).size !== names.length) throw new Error(`PROVIDERS lists a provider twice: ${read.providers}`);
  const providers = names as ProviderName[];
  const timeoutMs = read.timeoutMs;
  return {
    providers,
    catalogTtlMs: read.catalogTtlMs,
    simulator: {
      smsDelayMs: read.simulatorSmsDelayMs,
      noSmsRate: read.simulatorNoSmsRate,
      failureRate: read.simulatorFailureRate,
      minCancelAfterMs: read.simulatorMinCancelAfterMs,
    },
    ...(providers.includes('textverified')
      ? {
          textverified: {
            apiUsername: required(read.textverifiedApiUsername, 'TEXTVERIFIED_API_USERNAME', 'textverified'),
            apiKey: required(read.textverifiedApiKey, 'TEXTVERIFIED_API_KEY', 'textverified'),
            baseUrl: read.textverifiedBaseUrl ?? undefined,
            timeoutMs,
          },
        }
      : {}),
    ...(providers.includes('fivesim')
      ? {
          fivesim: {
            apiKey: required(read.fivesimApiKey, 'FIVESIM_API_KEY', 'fivesim'),
            unitsPerUsd: required(read.fivesimUnitsPerUsd, 'FIVESIM_UNITS_PER_USD', 'fivesim'),
            baseUrl: read.fivesimBaseUrl ?? undefined,
            timeoutMs,
          },
        }
      : {}),
  };
}
