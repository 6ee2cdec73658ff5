import { timingSafeEqual } from 'node:crypto';
import type { Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.ts';
import type { PlatformMetrics } from '../observability/platform-metrics.ts';

/** Records every request's operation, status and duration (two in-memory updates per request). */
export const recordRequestMetrics =
  (metrics: PlatformMetrics): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      // requests outside the contract share one label, so a scanner cannot grow the label set
      const operation = c.get('operation')?.operationId ?? 'unmatched';
      metrics.observeRequest(operation, c.req.method, c.res.status, (performance.now() - started) / 1000);
    }
  };

/**
 * `GET /metrics` in Prometheus's text format, for the operator's scraper (not part of the public
 * contract). With a token configured, only `Authorization: Bearer <token>` reads it; 404 otherwise, so
 * nobody learns it is there.
 */
export function registerMetricsEndpoint(app: Hono<AppEnv>, metrics: PlatformMetrics, token: string | null): void {
  const expected = token ? Buffer.from(`Bearer ${token}`) : null;
  app.get('/metrics', async (c) => {
    if (expected) {
      const given = Buffer.from(c.req.header('authorization') ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return c.notFound();
    }
    return c.body(await metrics.text(), 200, { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' });
  });
}
