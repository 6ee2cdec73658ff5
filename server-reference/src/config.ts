import { readSettings, SERVER_SETTINGS } from './config-settings.ts';

type SettingValues = ReturnType<typeof readSettings<typeof SERVER_SETTINGS>>;

/**
 * Server configuration, read once from the environment. Every knob has a default that runs the whole
 * platform on one machine with no setup (PGlite under ./data, the simulator, in-memory rate limits). What
 * each one means is declared with it in `config-settings.ts` (and printed in docs/configuration.md).
 */
export interface ServerConfig extends Omit<SettingValues, 'publicUrl'> {
  /** Public base URL: `PUBLIC_URL`, or `http://host:port` of the address actually chosen. */
  publicUrl: string;
  /** The one currency of every price and balance (not configurable). */
  currency: string;
}

/**
 * Builds the configuration from `env` (defaults to `process.env`), with `overrides` on top.
 *
 * @example
 * const config = loadConfig({}, { dataDir: 'memory://', sweepIntervalMs: 0 });
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<ServerConfig> = {}): ServerConfig {
  const values = readSettings(SERVER_SETTINGS, env);
  const merged = { ...values, currency: 'USD', ...overrides } as ServerConfig;
  // the default public URL follows the port and host actually chosen (an override included)
  if (!env.PUBLIC_URL && overrides.publicUrl === undefined) merged.publicUrl = `http://${merged.host}:${merged.port}`;
  return merged;
}
