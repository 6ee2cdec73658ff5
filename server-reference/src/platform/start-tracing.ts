import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { setTracing } from '../observability/spans.ts';
import type { TracingSettings } from './tracing-settings.ts';

/** The process's trace pipeline while it runs; `shutdown` exports what is buffered and stops. */
export interface Tracing {
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * Turns tracing on for this process (the global tracer provider, async-context propagation, W3C trace
 * context): spans are batched and exported over OTLP/HTTP to the configured collector. Without it every
 * span in the code is OpenTelemetry's no-op, which costs a function call. Returns null when the settings
 * leave tracing off.
 *
 * @example
 * const tracing = startTracing(loadTracingSettings(process.env), { version: '0.1.0' });
 * // ... on shutdown
 * await tracing?.shutdown();
 */
export function startTracing(settings: TracingSettings & { enabled: boolean }, service: { version: string }): Tracing | null {
  if (!settings.enabled) return null;
  // the URL is passed, not left to the exporter's own reading of process.env, so the settings given win
  const url = settings.tracesEndpoint ?? `${(settings.endpoint ?? '').replace(/\/+$/, '')}/v1/traces`;
  const exporter = new OTLPTraceExporter({ url });
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': settings.serviceName, 'service.version': service.version }),
    spanProcessors: [new BatchSpanProcessor({ exporter, scheduledDelayMillis: 1000 })],
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  setTracing(true);
  return {
    forceFlush: () => provider.forceFlush(),
    async shutdown() {
      setTracing(false);
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
}
