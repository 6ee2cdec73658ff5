import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { AppEnv } from '../../app-env.ts';

/** One structured JSON log line per request (pino), with the request id, the caller and the outcome. */
export const requestLogger = (logger: Logger): MiddlewareHandler<AppEnv> => async (c, next) => {
  const started = performance.now();
  await next();
  const principal = c.get('principal');
  logger.info({
    request_id: c.get('requestId'),
    method: c.req.method,
    path: new URL(c.req.url).pathname,
    status: c.res.status,
    duration_ms: Math.round(performance.now() - started),
    user_id: principal?.user.id,
    operation: c.get('operation')?.operationId,
  }, 'request');
};
