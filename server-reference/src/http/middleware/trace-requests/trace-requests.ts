import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { contextFromTraceParent, inSpan, SpanKind, SpanStatusCode } from '../../../observability/spans.ts';

/**
 * One server span per request, a child of the caller's W3C `traceparent` when it sends one: named after
 * the contract operation once routing knows it (`GET /v1/verifications/{verification_id}`), with the
 * status and request id. The domain work, provider calls and events appended by the handler are its
 * children. Installed only when tracing is on.
 */
export const traceRequests = (): MiddlewareHandler<AppEnv> => (c, next) =>
  inSpan(
    c.req.method,
    {
      kind: SpanKind.SERVER,
      parent: contextFromTraceParent(c.req.header('traceparent'), c.req.header('tracestate')),
      attributes: { 'http.request.method': c.req.method },
    },
    async (span) => {
      try {
        await next();
      } finally {
        const operation = c.get('operation');
        if (operation) {
          span.updateName(`${c.req.method} ${operation.path}`);
          span.setAttributes({ 'http.route': operation.path, 'namaskah.operation_id': operation.operationId });
        }
        const requestId = c.get('requestId');
        span.setAttributes({ 'http.response.status_code': c.res.status, ...(requestId ? { 'namaskah.request_id': requestId } : {}) });
        if (c.res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      }
    },
  );
