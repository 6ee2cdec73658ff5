import { sql, type Kysely } from 'kysely';
import { withoutJit } from './without-jit.ts';
import type { Database } from '../../storage/database-schema.ts';
import type { AnalyticsRange } from '../analytics-params.ts';
import { splitLabelled } from './utc-days.ts';

const CLASS_COUNTS = sql`
  sum(n)::bigint AS requests,
  coalesce(sum(n) FILTER (WHERE status BETWEEN 200 AND 299), 0)::bigint AS status_2xx,
  coalesce(sum(n) FILTER (WHERE status BETWEEN 300 AND 399), 0)::bigint AS status_3xx,
  coalesce(sum(n) FILTER (WHERE status BETWEEN 400 AND 499), 0)::bigint AS status_4xx,
  coalesce(sum(n) FILTER (WHERE status >= 500), 0)::bigint AS status_5xx,
  coalesce(sum(n) FILTER (WHERE status = 429), 0)::bigint AS rate_limited`;

/** The value of rank ceil(p × n) among the durations, as `percentile_disc(p)` picks it. */
const percentile = (p: number) => sql`min(duration_ms) FILTER (WHERE upto >= greatest(ceil(${p}::float8 * total::float8), 1))`;

/**
 * The platform's API usage for `range` in the row shapes of the raw queries: whole UTC days from
 * `analytics_api_route_days` (per route, status and exact duration, so the latency percentiles are
 * exact) and `analytics_api_key_days`, the edges from `api_request_log`.
 */
export async function rolledUpApiUsage(db: Kysely<Database>, range: AnalyticsRange) {
  const { spans, pieces } = splitLabelled([{ i: 0, ...range }]);
  const source = sql`
    spans AS (SELECT * FROM jsonb_to_recordset(${spans}::jsonb) AS s (i int, df date, dt date)),
    pieces AS (SELECT * FROM jsonb_to_recordset(${pieces}::jsonb) AS p (i int, f timestamptz, t timestamptz)),
    routes AS (
      SELECT method, route, status, duration_ms, sum(n) AS n FROM (
        SELECT r.method, r.route, r.status, r.duration_ms, r.n FROM spans s JOIN analytics_api_route_days r ON r.day >= s.df AND r.day < s.dt
        UNION ALL
        SELECT l.method, l.route, l.status, l.duration_ms, 1 FROM pieces p JOIN api_request_log l ON l.created_at >= p.f AND l.created_at < p.t
      ) AS x GROUP BY 1, 2, 3, 4 HAVING sum(n) > 0
    )`;
  const [total, byKey, byRoute] = await Promise.all([
    withoutJit(db, sql<Record<string, unknown>>`WITH ${source} SELECT ${CLASS_COUNTS} FROM routes`),
    withoutJit(
      db,
      sql<
        Record<string, unknown> & {
          api_key_id: string | null;
          user_id: string;
          last_request_at: Date;
          name: string | null;
          prefix: string | null;
        }
      >`
      WITH ${source}, keys AS (
        SELECT user_id, nullif(api_key_id, '') AS api_key_id, max(last_request_at) AS last_request_at,
          sum(requests)::bigint AS requests, sum(status_2xx)::bigint AS status_2xx, sum(status_3xx)::bigint AS status_3xx,
          sum(status_4xx)::bigint AS status_4xx, sum(status_5xx)::bigint AS status_5xx, sum(rate_limited)::bigint AS rate_limited
        FROM (
          SELECT k.user_id, k.api_key_id, k.last_request_at, k.requests, k.status_2xx, k.status_3xx, k.status_4xx, k.status_5xx, k.rate_limited
          FROM spans s JOIN analytics_api_key_days k ON k.day >= s.df AND k.day < s.dt
          UNION ALL
          SELECT l.user_id, coalesce(l.api_key_id, ''), max(l.created_at), count(*),
            count(*) FILTER (WHERE l.status BETWEEN 200 AND 299), count(*) FILTER (WHERE l.status BETWEEN 300 AND 399),
            count(*) FILTER (WHERE l.status BETWEEN 400 AND 499), count(*) FILTER (WHERE l.status >= 500), count(*) FILTER (WHERE l.status = 429)
          FROM pieces p JOIN api_request_log l ON l.created_at >= p.f AND l.created_at < p.t WHERE l.user_id IS NOT NULL GROUP BY 1, 2
        ) AS x GROUP BY 1, 2 HAVING sum(requests) > 0
        ORDER BY requests DESC, user_id, nullif(api_key_id, '') NULLS FIRST LIMIT 100
      )
      SELECT keys.*, a.name, a.prefix FROM keys LEFT JOIN api_keys a ON a.id = keys.api_key_id
      ORDER BY keys.requests DESC, keys.user_id, keys.api_key_id NULLS FIRST`,
    ),
    withoutJit(
      db,
      sql<Record<string, unknown> & { method: string; route: string; p50: number; p95: number }>`
      WITH ${source},
      latency AS (
        SELECT method, route, duration_ms, sum(n) OVER (PARTITION BY method, route ORDER BY duration_ms) AS upto, sum(n) OVER (PARTITION BY method, route) AS total
        FROM (SELECT method, route, duration_ms, sum(n) AS n FROM routes GROUP BY 1, 2, 3) AS d
      ),
      percentiles AS (SELECT method, route, ${percentile(0.5)} AS p50, ${percentile(0.95)} AS p95 FROM latency GROUP BY 1, 2)
      SELECT r.method, r.route, r.requests, r.status_2xx, r.status_3xx, r.status_4xx, r.status_5xx, r.rate_limited, q.p50, q.p95
      FROM (SELECT method, route, ${CLASS_COUNTS} FROM routes GROUP BY 1, 2) AS r JOIN percentiles q USING (method, route)
      ORDER BY r.requests DESC, r.route, r.method`,
    ),
  ]);
  return { total, byKey, byRoute };
}
