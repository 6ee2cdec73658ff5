import { ANALYTICS_API_USAGE_ROUTE_METHOD_VALUES, type AnalyticsApiUsageRouteMethod } from '../../contract/index.ts';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../storage/database-schema.ts';
import type { AnalyticsRange, AnalyticsScope } from '../analytics-params.ts';
import { rolledUpApiUsage } from '../rollups/api-usage-rollup.ts';
import type { FigureSource } from './verification-figures.ts';

const COUNTS = sql`
  count(*)::int AS requests,
  count(*) FILTER (WHERE status BETWEEN 200 AND 299)::int AS status_2xx,
  count(*) FILTER (WHERE status BETWEEN 300 AND 399)::int AS status_3xx,
  count(*) FILTER (WHERE status BETWEEN 400 AND 499)::int AS status_4xx,
  count(*) FILTER (WHERE status >= 500)::int AS status_5xx,
  count(*) FILTER (WHERE status = 429)::int AS rate_limited`;

const counts = (r: Record<string, unknown>) => ({
  requests: Number(r.requests ?? 0),
  status_2xx: Number(r.status_2xx ?? 0),
  status_3xx: Number(r.status_3xx ?? 0),
  status_4xx: Number(r.status_4xx ?? 0),
  status_5xx: Number(r.status_5xx ?? 0),
  rate_limited: Number(r.rate_limited ?? 0),
});

/** spec/schemas/analytics-api-usage.yaml, from the API request log. */
export async function analyticsApiUsage(
  db: Kysely<Database>,
  range: AnalyticsRange,
  scope: AnalyticsScope,
  source: FigureSource = 'rollup',
) {
  const { total, byKey, byRoute } =
    scope.userId === null && source === 'rollup' ? await rolledUpApiUsage(db, range) : await rawApiUsage(db, range, scope);
  return {
    scope: scope.scope,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    total: counts(total.rows[0] ?? {}),
    by_api_key: byKey.rows.map((r) => ({
      ...counts(r),
      api_key_id: r.api_key_id,
      api_key_name: r.api_key_id ? r.name : null,
      api_key_prefix: r.api_key_id ? r.prefix : null,
      user_id: r.user_id,
      last_request_at: new Date(r.last_request_at).toISOString(),
    })),
    by_route: byRoute.rows
      .filter((r): r is typeof r & { method: AnalyticsApiUsageRouteMethod } =>
        (ANALYTICS_API_USAGE_ROUTE_METHOD_VALUES as readonly string[]).includes(r.method),
      )
      .map((r) => ({
        ...counts(r),
        method: r.method,
        route: r.route,
        latency_p50_ms: Number(r.p50),
        latency_p95_ms: Number(r.p95),
      })),
  };
}

/** The usage figures from the request log itself (per account, and the reference for the rollups). */
async function rawApiUsage(db: Kysely<Database>, range: AnalyticsRange, scope: AnalyticsScope) {
  const where =
    scope.userId === null
      ? sql`created_at >= ${range.from} AND created_at < ${range.to}`
      : sql`user_id = ${scope.userId} AND created_at >= ${range.from} AND created_at < ${range.to}`;
  const [total, byKey, byRoute] = await Promise.all([
    sql<Record<string, unknown>>`SELECT ${COUNTS} FROM api_request_log WHERE ${where}`.execute(db),
    sql<
      Record<string, unknown> & {
        api_key_id: string | null;
        user_id: string;
        last_request_at: Date;
        name: string | null;
        prefix: string | null;
      }
    >`
      SELECT l.api_key_id, l.user_id, max(l.created_at) AS last_request_at, ${COUNTS}, min(k.name) AS name, min(k.prefix) AS prefix
      FROM (SELECT * FROM api_request_log WHERE ${where} AND user_id IS NOT NULL) AS l
      LEFT JOIN api_keys k ON k.id = l.api_key_id
      GROUP BY l.api_key_id, l.user_id ORDER BY requests DESC, l.user_id, l.api_key_id NULLS FIRST LIMIT 100`.execute(db),
    sql<Record<string, unknown> & { method: string; route: string; p50: number; p95: number }>`
      SELECT method, route, ${COUNTS},
        percentile_disc(0.5) WITHIN GROUP (ORDER BY duration_ms) AS p50,
        percentile_disc(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95
      FROM api_request_log WHERE ${where} GROUP BY method, route ORDER BY requests DESC, route, method`.execute(db),
  ]);
  return { total, byKey, byRoute };
}
