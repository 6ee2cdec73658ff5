import { integer, optionalInteger, optionalNumber, optionalText, text } from '../config-settings.ts';

/** The provider setup's settings, read by `providersConfigFromEnv` and printed in docs/configuration.md. */
export const PROVIDER_SETTINGS = {
  providers: text(
    'PROVIDERS',
    'simulator',
    'Comma-separated providers in routing priority order: `simulator`, `textverified`, `fivesim` (each at most once).',
    'list',
  ),
  timeoutMs: optionalInteger('PROVIDER_TIMEOUT_MS', 'Per-request deadline of the real providers, in milliseconds.', '`15000`', 1),
  catalogTtlMs: integer(
    'PROVIDER_CATALOG_TTL_MS',
    5 * 60_000,
    'How long a provider catalog is reused before it is read again, in milliseconds.',
    0,
  ),
  simulatorSmsDelayMs: optionalInteger(
    'SIMULATOR_SMS_DELAY_MS',
    "Delay before the simulator's automatic SMS, in milliseconds.",
    'the simulator default',
  ),
  simulatorNoSmsRate: optionalNumber('SIMULATOR_NO_SMS_RATE', 'Share (0 to 1) of simulator rentals that never get an SMS.', '`0`', 0, 1),
  simulatorFailureRate: optionalNumber('SIMULATOR_FAILURE_RATE', 'Share (0 to 1) of simulator purchases that fail.', '`0`', 0, 1),
  simulatorMinCancelAfterMs: optionalInteger(
    'SIMULATOR_MIN_CANCEL_AFTER_MS',
    'Cancels earlier than this after a simulator purchase, in milliseconds, are refused (`cancel_too_early`).',
    'the simulator default',
  ),
  textverifiedApiUsername: optionalText(
    'TEXTVERIFIED_API_USERNAME',
    'TextVerified account email; required when `PROVIDERS` lists `textverified`.',
  ),
  textverifiedApiKey: optionalText('TEXTVERIFIED_API_KEY', 'TextVerified API key; required when `PROVIDERS` lists `textverified`.', 'key'),
  textverifiedBaseUrl: optionalText('TEXTVERIFIED_BASE_URL', 'TextVerified API origin override (tests); the public API by default.', 'URL'),
  fivesimApiKey: optionalText('FIVESIM_API_KEY', '5sim API key; required when `PROVIDERS` lists `fivesim`.', 'key'),
  fivesimUnitsPerUsd: optionalText(
    'FIVESIM_UNITS_PER_USD',
    "How many of 5sim's price units make one US dollar (a decimal); required when `PROVIDERS` lists `fivesim`.",
    'decimal',
  ),
  fivesimBaseUrl: optionalText('FIVESIM_BASE_URL', '5sim API origin override (tests); the public API by default.', 'URL'),
} as const;
