import type { FiveSimOptions } from './fivesim/index.ts';
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

function number(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got ${JSON.stringify(raw)}`);
  return value;
}

function required(env: NodeJS.ProcessEnv, name: string, provider: string): string {
  const value = env[name];
  if (!value) throw new Error(`PROVIDERS includes ${provider}, which needs ${name}`);
  return value;
}

/**
 * Reads the provider setup from the environment:
 *
 * | variable | meaning |
 * | --- | --- |
 * | `PROVIDERS` | comma-separated, in priority order (default `simulator`) |
 * | `PROVIDER_TIMEOUT_MS` | per-request deadline for real providers (default 15000) |
 * | `PROVIDER_CATALOG_TTL_MS` | catalog cache lifetime (default 300000) |
 * | `SIMULATOR_SMS_DELAY_MS`, `SIMULATOR_NO_SMS_RATE`, `SIMULATOR_FAILURE_RATE`, `SIMULATOR_MIN_CANCEL_AFTER_MS` | simulator behaviour |
 * | `TEXTVERIFIED_API_USERNAME`, `TEXTVERIFIED_API_KEY`, `TEXTVERIFIED_BASE_URL` | TextVerified (first two required when listed) |
 * | `FIVESIM_API_KEY`, `FIVESIM_UNITS_PER_USD`, `FIVESIM_BASE_URL` | 5sim (first two required when listed) |
 *
 * @example
 * const config = providersConfigFromEnv({ PROVIDERS: 'textverified,simulator', TEXTVERIFIED_API_USERNAME: 'a@b.c', TEXTVERIFIED_API_KEY: 'k' });
 */
export function providersConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ProvidersConfig {
  const names = (env.PROVIDERS || 'simulator')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  for (const name of names) {
    if (!(PROVIDER_NAMES as readonly string[]).includes(name)) {
      throw new Error(`unknown provider ${JSON.stringify(name)} in PROVIDERS (known: ${PROVIDER_NAMES.join(', ')})`);
    }
  }
  if (new Set(names).size !== names.length) throw new Error(`PROVIDERS lists a provider twice: ${env.PROVIDERS}`);
  const providers = names as ProviderName[];
  const timeoutMs = number(env, 'PROVIDER_TIMEOUT_MS');
  return {
    providers,
    catalogTtlMs: number(env, 'PROVIDER_CATALOG_TTL_MS') ?? 5 * 60_000,
    simulator: {
      smsDelayMs: number(env, 'SIMULATOR_SMS_DELAY_MS'),
      noSmsRate: number(env, 'SIMULATOR_NO_SMS_RATE'),
      failureRate: number(env, 'SIMULATOR_FAILURE_RATE'),
      minCancelAfterMs: number(env, 'SIMULATOR_MIN_CANCEL_AFTER_MS'),
    },
    ...(providers.includes('textverified')
      ? {
          textverified: {
            apiUsername: required(env, 'TEXTVERIFIED_API_USERNAME', 'textverified'),
            apiKey: required(env, 'TEXTVERIFIED_API_KEY', 'textverified'),
            baseUrl: env.TEXTVERIFIED_BASE_URL || undefined,
            timeoutMs,
          },
        }
      : {}),
    ...(providers.includes('fivesim')
      ? {
          fivesim: {
            apiKey: required(env, 'FIVESIM_API_KEY', 'fivesim'),
            unitsPerUsd: required(env, 'FIVESIM_UNITS_PER_USD', 'fivesim'),
            baseUrl: env.FIVESIM_BASE_URL || undefined,
            timeoutMs,
          },
        }
      : {}),
  };
}
