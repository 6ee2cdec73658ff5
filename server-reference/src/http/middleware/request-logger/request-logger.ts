import type { MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import type { AppEnv } from '../../app-env.ts';

/**
 * One structured JSON log line per request (pino), with the request id, the caller and the outcome: at
 * `debug` for ordinary requests (`LOG_LEVEL=debug` shows them; the per-account usage an operator reads is
 * in the API request log and `/v1/analytics/api-usage`), at `warn` for 5xx answers and for requests slower
 * than a second, which are what an operator reads at `info`.
 */
export const requestLogger =
  (logger: Logger): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const started = performance.now();
    await next();
    const durationMs = Math.round(performance.now() - started);
    const level = c.res.status >= 500 || durationMs >= 1000 ? 'warn' : 'debug';
    if (!logger.isLevelEnabled(level)) return;
    const principal = c.get('principal');
    logger[level](
      {
        request_id: c.get('requestId'),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        duration_ms: durationMs,
        user_id: principal?.user.id,
        operation: c.get('operation')?.operationId,
      },
      'request',
    );
  };
