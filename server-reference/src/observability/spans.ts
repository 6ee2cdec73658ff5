import {
  context,
  propagation,
  ROOT_CONTEXT,
  type Attributes,
  type Context,
  type Link,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';

export { ROOT_CONTEXT, SpanKind, SpanStatusCode };

let tracing = false;

/** Whether `startTracing` turned tracing on in this process: code that would read trace context for nothing skips it. */
export const isTracing = (): boolean => tracing;

/** Set by `startTracing` and its shutdown. */
export function setTracing(on: boolean): void {
  tracing = on;
}

/** The server's tracer: OpenTelemetry's no-op until `startTracing` registers a provider. */
const tracer = () => trace.getTracer('namaskah-server');

/**
 * Runs `work` inside a new active span (a child of the current one unless `parent` says otherwise), ends
 * it when the work settles, and marks it failed with the exception when the work throws.
 *
 * @example
 * const bought = await inSpan('verifications.purchase', { attributes: { 'namaskah.service': 'whatsapp' } }, () => purchase());
 */
export function inSpan<T>(
  name: string,
  options: { kind?: SpanKind; attributes?: Attributes; parent?: Context; links?: Link[] },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  return tracer().startActiveSpan(
    name,
    { kind: options.kind, attributes: options.attributes, links: options.links },
    parent,
    async (span) => {
      try {
        return await work(span);
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** The active span's context as a W3C `traceparent` header value, or null when nothing is being traced. */
export function currentTraceParent(): string | null {
  if (!tracing) return null;
  const span = trace.getSpan(context.active());
  if (!span?.isRecording()) return null;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? null;
}

/** The context a stored or received `traceparent` (and `tracestate`) names; the root context when there is none. */
export function contextFromTraceParent(traceParent: string | null | undefined, traceState?: string): Context {
  if (!traceParent) return ROOT_CONTEXT;
  return propagation.extract(
    ROOT_CONTEXT,
    traceState ? { traceparent: traceParent, tracestate: traceState } : { traceparent: traceParent },
  );
}

/** A link to the span a stored `traceparent` names, when there is one. */
export function linkTo(traceParent: string | null | undefined): Link | null {
  if (!traceParent) return null;
  const spanContext = trace.getSpanContext(contextFromTraceParent(traceParent));
  return spanContext ? { context: spanContext } : null;
}
