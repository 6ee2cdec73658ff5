import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { SERVER_SETTINGS, type Setting } from '../src/config-settings.ts';
import { loadNotificationConfig } from '../src/notifications/notification-config.ts';
import { NOTIFICATION_SETTINGS } from '../src/notifications/notification-settings.ts';
import { providersConfigFromEnv } from '../src/providers/provider-config.ts';
import { PROVIDER_SETTINGS } from '../src/providers/provider-settings.ts';
import { loadWebhookConfig } from '../src/webhooks/webhook-config.ts';
import { WEBHOOK_SETTINGS } from '../src/webhooks/webhook-settings.ts';
import { loadTracingSettings, TRACING_SETTINGS } from '../src/platform/tracing-settings.ts';

const TABLES: Record<string, Record<string, Setting<unknown>>> = {
  server: SERVER_SETTINGS,
  webhooks: WEBHOOK_SETTINGS,
  notifications: NOTIFICATION_SETTINGS,
  providers: PROVIDER_SETTINGS,
  tracing: TRACING_SETTINGS,
};

/** The variables `load` looks up in its environment (every key it reads, set or not). */
function variablesRead(load: (env: NodeJS.ProcessEnv) => unknown): string[] {
  const seen = new Set<string>();
  const env = new Proxy({} as NodeJS.ProcessEnv, {
    get: (_target, key) => {
      if (typeof key === 'string') seen.add(key);
      return undefined;
    },
  });
  load(env);
  return [...seen].sort();
}

const names = (table: Record<string, Setting<unknown>>) =>
  Object.values(table)
    .map((setting) => setting.env)
    .sort();

describe('every settings table (docs/configuration.md prints them all)', () => {
  it('each loader reads exactly the variables of its table, so the reference misses none', () => {
    expect(variablesRead((env) => loadConfig(env))).toEqual(names(SERVER_SETTINGS));
    expect(variablesRead((env) => loadWebhookConfig(env, { sandbox: true }))).toEqual(names(WEBHOOK_SETTINGS));
    expect(variablesRead((env) => loadNotificationConfig(env))).toEqual(names(NOTIFICATION_SETTINGS));
    expect(variablesRead((env) => providersConfigFromEnv(env))).toEqual(names(PROVIDER_SETTINGS));
    expect(variablesRead((env) => loadTracingSettings(env))).toEqual(names(TRACING_SETTINGS));
  });

  it('tracing is off unless an OTLP endpoint is set, and OTEL_SDK_DISABLED wins', () => {
    expect(loadTracingSettings({}).enabled).toBe(false);
    expect(loadTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toMatchObject({
      enabled: true,
      serviceName: 'namaskah-server',
    });
    expect(loadTracingSettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector/v1/traces' }).enabled).toBe(true);
    expect(loadTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://x', OTEL_SDK_DISABLED: 'true' }).enabled).toBe(false);
  });

  it('no variable is in two tables', () => {
    const all = Object.values(TABLES).flatMap(names);
    expect(all.length).toBe(new Set(all).size);
  });

  it('a printed literal default is what the module reads when the variable is unset', () => {
    const webhooks = loadWebhookConfig({}, { sandbox: true });
    expect(WEBHOOK_SETTINGS.retryScheduleSeconds.defaultText).toBe(`\`${webhooks.retryScheduleMs.map((ms) => ms / 1000).join(',')}\``);
    expect(WEBHOOK_SETTINGS.timeoutMs.defaultText).toBe(`\`${webhooks.timeoutMs}\``);
    expect(webhooks.leaseMs).toBe(webhooks.timeoutMs + 15_000);
    const notifications = loadNotificationConfig({});
    expect(NOTIFICATION_SETTINGS.mailFrom.defaultText).toBe(`\`${notifications.mailFrom}\``);
    expect(NOTIFICATION_SETTINGS.deliveryIntervalMs.defaultText).toBe(`\`${notifications.deliveryIntervalMs}\``);
    expect(PROVIDER_SETTINGS.catalogTtlMs.defaultText).toBe(`\`${providersConfigFromEnv({}).catalogTtlMs}\``);
  });

  it('refuses values it cannot read, naming the variable', () => {
    expect(() => loadWebhookConfig({ WEBHOOK_TIMEOUT_MS: '15s' }, { sandbox: true })).toThrow(/WEBHOOK_TIMEOUT_MS/);
    expect(() => loadWebhookConfig({ WEBHOOK_CONCURRENCY: '0' }, { sandbox: true })).toThrow(/WEBHOOK_CONCURRENCY must be at least 1/);
    expect(() => loadWebhookConfig({ WEBHOOK_RETRY_SCHEDULE: '0,5m' }, { sandbox: true })).toThrow(/WEBHOOK_RETRY_SCHEDULE/);
    expect(() => loadWebhookConfig({ WEBHOOK_SECRETS_KEY: 'c2hvcnQ=' }, { sandbox: true })).toThrow(/WEBHOOK_SECRETS_KEY must be 32 bytes/);
    expect(() => loadWebhookConfig({}, { sandbox: false })).toThrow(/WEBHOOK_SECRETS_KEY is required/);
    expect(() => loadNotificationConfig({ NOTIFICATION_DELIVERY_INTERVAL_MS: 'soon' })).toThrow(/NOTIFICATION_DELIVERY_INTERVAL_MS/);
    expect(() => providersConfigFromEnv({ SIMULATOR_NO_SMS_RATE: '2' })).toThrow(/SIMULATOR_NO_SMS_RATE must be a number from 0 to 1/);
    expect(() => providersConfigFromEnv({ PROVIDERS: 'fivesim' })).toThrow(/FIVESIM_API_KEY/);
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });

  it('sandbox-dependent defaults follow the mode', () => {
    const key = 'ab'.repeat(32);
    expect(loadWebhookConfig({}, { sandbox: true })).toMatchObject({ allowHttp: true, allowedCidrs: ['127.0.0.0/8', '::1/128'] });
    expect(loadWebhookConfig({ WEBHOOK_SECRETS_KEY: key }, { sandbox: false })).toMatchObject({ allowHttp: false, allowedCidrs: [] });
    expect(loadWebhookConfig({ WEBHOOK_ALLOW_HTTP: 'false' }, { sandbox: true }).allowHttp).toBe(false);
  });
});

/** The settings table is what docs/configuration.md prints: its defaults and types must be what loadConfig does. */
describe('server settings', () => {
  const settings = Object.entries(SERVER_SETTINGS);

  it('prints, as each default, the value read when the variable is unset', () => {
    const wrong: string[] = [];
    for (const [key, setting] of settings) {
      const value: unknown = setting.read(undefined);
      const printed = Array.isArray(value) ? value.join(',') : String(value);
      // computed defaults (a dev key, http://HOST:PORT) are prose, not a value to compare
      if (setting.defaultText.startsWith('`') && !setting.defaultText.includes('HOST') && setting.defaultText !== `\`${printed}\``)
        wrong.push(`${key}: prints ${setting.defaultText}, reads ${printed}`);
      if (setting.defaultText === 'unset' && value !== null) wrong.push(`${key}: prints unset, reads ${printed}`);
    }
    expect(wrong).toEqual([]);
  });

  it('names every variable once', () => {
    const names = settings.map(([, setting]) => setting.env);
    expect(new Set(names).size).toBe(names.length);
  });

  it('reads each variable into its own key of the configuration', () => {
    const config = loadConfig({
      PORT: '9001',
      CORS_ORIGINS: ' https://a.example , ,https://b.example',
      SANDBOX: 'false',
      TRUST_PROXY: 'true',
    });
    expect(config.port).toBe(9001);
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.sandbox).toBe(false);
    expect(config.trustProxy).toBe(true);
    expect(config.publicUrl).toBe('http://127.0.0.1:9001');
  });

  it('refuses an integer setting it can only half read, naming the variable', () => {
    expect(() => loadConfig({ PORT: '80abc' })).toThrow(/PORT must be an integer/);
    expect(() => loadConfig({ VERIFICATION_TTL_MINUTES: '1.5' })).toThrow(/VERIFICATION_TTL_MINUTES/);
    expect(loadConfig({ PORT: '' }).port).toBe(8080);
  });

  it('refuses a secrets key that is not 32 bytes', () => {
    expect(() => loadConfig({ SECRETS_KEY: 'c2hvcnQ=' })).toThrow(/32 bytes/);
    expect(loadConfig({ SECRETS_KEY: 'ab'.repeat(32) }).secretsKey).toEqual(Buffer.alloc(32, 0xab));
  });
});
