import { describe, expect, it } from 'vitest';
import { providersConfigFromEnv } from '../../../src/providers/provider-config.ts';

describe('providersConfigFromEnv', () => {
  it('runs the simulator alone by default', () => {
    expect(providersConfigFromEnv({})).toEqual({
      providers: ['simulator'],
      catalogTtlMs: 300_000,
      simulator: { smsDelayMs: undefined, noSmsRate: undefined, failureRate: undefined, minCancelAfterMs: undefined },
    });
  });

  it('reads providers in priority order with their credentials', () => {
    const config = providersConfigFromEnv({
      PROVIDERS: ' TextVerified , fivesim,simulator',
      TEXTVERIFIED_API_USERNAME: 'ops@example.com',
      TEXTVERIFIED_API_KEY: 'tv-key',
      FIVESIM_API_KEY: 'fs-key',
      FIVESIM_UNITS_PER_USD: '92.5',
      FIVESIM_BASE_URL: 'https://5sim.example.test',
      PROVIDER_TIMEOUT_MS: '5000',
      PROVIDER_CATALOG_TTL_MS: '1000',
      SIMULATOR_SMS_DELAY_MS: '0',
      SIMULATOR_NO_SMS_RATE: '0.25',
    });
    expect(config.providers).toEqual(['textverified', 'fivesim', 'simulator']);
    expect(config.textverified).toEqual({ apiUsername: 'ops@example.com', apiKey: 'tv-key', baseUrl: undefined, timeoutMs: 5000 });
    expect(config.fivesim).toEqual({ apiKey: 'fs-key', unitsPerUsd: '92.5', baseUrl: 'https://5sim.example.test', timeoutMs: 5000 });
    expect(config.catalogTtlMs).toBe(1000);
    expect(config.simulator).toMatchObject({ smsDelayMs: 0, noSmsRate: 0.25 });
  });

  it('refuses an unknown or repeated provider', () => {
    expect(() => providersConfigFromEnv({ PROVIDERS: 'simulator,smsactivate' })).toThrow(/unknown provider "smsactivate"/);
    expect(() => providersConfigFromEnv({ PROVIDERS: 'simulator,simulator' })).toThrow(/twice/);
  });

  it('refuses a listed provider without its credentials', () => {
    expect(() => providersConfigFromEnv({ PROVIDERS: 'textverified', TEXTVERIFIED_API_USERNAME: 'a' })).toThrow(/TEXTVERIFIED_API_KEY/);
    expect(() => providersConfigFromEnv({ PROVIDERS: 'fivesim', FIVESIM_API_KEY: 'k' })).toThrow(/FIVESIM_UNITS_PER_USD/);
  });

  it('refuses a number that is not one', () => {
    expect(() => providersConfigFromEnv({ SIMULATOR_FAILURE_RATE: 'often' })).toThrow(/SIMULATOR_FAILURE_RATE/);
  });
});
