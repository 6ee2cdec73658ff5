import { optionalFlag, optionalText, readSettings, text } from '../config-settings.ts';

/**
 * OpenTelemetry's own variables, as far as the server reads them (the OTLP exporter reads the rest itself:
 * headers, timeouts, compression). Tracing is off unless an OTLP endpoint is set.
 */
export const TRACING_SETTINGS = {
  endpoint: optionalText(
    'OTEL_EXPORTER_OTLP_ENDPOINT',
    'Base URL of an OTLP/HTTP collector (`/v1/traces` is appended). Unset, tracing is off and no span is recorded; set, there are spans for every request, domain operation, provider call, outbox hand-over and webhook attempt, exported in batches.',
    'URL',
  ),
  tracesEndpoint: optionalText(
    'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
    "Full URL of the collector's traces endpoint; takes precedence over `OTEL_EXPORTER_OTLP_ENDPOINT` and also turns tracing on.",
    'URL',
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
