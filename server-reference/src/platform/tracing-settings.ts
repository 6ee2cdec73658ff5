import { optionalFlag, readSettings, text, type Setting } from '../config-settings.ts';

/** A text setting that stays `undefined` when unset or empty. */
const optionalText = (env: string, description: string, defaultText: string): Setting<string | undefined> => ({
  env,
  description,
  type: 'URL',
  defaultText,
  read: (value) => (value ? value : undefined),
});

/**
 * OpenTelemetry's own variables, as far as the server reads them (the OTLP exporter reads the rest itself:
 * headers, timeouts, compression). Tracing is off unless an OTLP endpoint is set.
 */
export const TRACING_SETTINGS = {
  endpoint: optionalText(
    'OTEL_EXPORTER_OTLP_ENDPOINT',
    'Base URL of an OTLP/HTTP collector (`/v1/traces` is appended). Setting it turns tracing on: spans for every request, domain operation, provider call, outbox hand-over and webhook attempt, exported in batches.',
    'unset: tracing off, no span is recorded',
  ),
  tracesEndpoint: optionalText(
    'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    "Full URL of the collector's traces endpoint; takes precedence over `OTEL_EXPORTER_OTLP_ENDPOINT` and also turns tracing on.",
    'unset',
  ),
  serviceName: text('OTEL_SERVICE_NAME', 'namaskah-server', 'The `service.name` resource attribute of the spans.'),
  disabled: optionalFlag('OTEL_SDK_DISABLED', '`true` keeps tracing off even with an endpoint set.', '`false`'),
} as const;

export type TracingSettings = ReturnType<typeof readSettings<typeof TRACING_SETTINGS>>;

/** The tracing settings from `env`; `enabled` when an endpoint is set and the SDK is not disabled. */
export function loadTracingSettings(env: NodeJS.ProcessEnv = process.env): TracingSettings & { enabled: boolean } {
  const settings = readSettings(TRACING_SETTINGS, env);
  return { ...settings, enabled: settings.disabled !== true && Boolean(settings.tracesEndpoint ?? settings.endpoint) };
}
