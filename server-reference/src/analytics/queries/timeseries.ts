import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { AnalyticsMetric, AnalyticsTimeseriesUnit } from '../../contract/index.ts';
import { problems } from '../../errors/index.ts';
import type { Database } from '../../storage/database-schema.ts';
import type { AnalyticsRange, AnalyticsScope } from '../analytics-params.ts';
import { rateBps } from '../basis-points.ts';
import { rolledUpAccountSeries, rolledUpApiRequests, rolledUpVerificationSeries, topGroups } from '../rollups/rolled-up-series.ts';
import { bucketsOf, type Interval } from './buckets.ts';
import type { FigureSource } from './verification-figures.ts';

export type Metric = AnalyticsMetric;

const UNITS: Record<Metric, AnalyticsTimeseriesUnit> = {
  verifications: 'count',
  success_rate: 'bps',
  spend: 'minor_units',
  revenue: 'minor_units',
  refunds: 'minor_units',
  time_to_code_p90: 'ms',
  new_users: 'count',
  active_users: 'count',
  churned_users: 'count',
  api_requests: 'count',
};
const GROUPABLE = new Set<Metric>(['verifications', 'success_rate', 'spend', 'revenue', 'refunds', 'time_to_code_p90']);
const USER_METRICS = new Set<Metric>(['new_users', 'active_users', 'churned_users']);
/** Metrics whose empty bucket is null rather than 0. */
const NULLABLE = new Set<Metric>(['success_rate', 'time_to_code_p90']);

/** The aggregate of one verification metric: `a` (and `b` for a rate) per bucket. */
const VERIFICATION_VALUE: Record<string, RawBuilder<unknown>> = {
  verifications: sql`count(*)::bigint AS a`,
  success_rate: sql`count(*) FILTER (WHERE status = 'completed')::bigint AS a, count(*) FILTER (WHERE status <> 'pending')::bigint AS b`,
  spend: sql`coalesce(sum(price_cents), 0)::bigint AS a`,
  refunds: sql`coalesce(sum(price_cents) FILTER (WHERE refunded), 0)::bigint AS a`,
  revenue: sql`(coalesce(sum(price_cents) FILTER (WHERE NOT refunded), 0) - coalesce(sum(cost_cents) FILTER (WHERE status = 'completed'), 0))::bigint AS a`,
  time_to_code_p90: sql`(percentile_disc(0.9) WITHIN GROUP (ORDER BY round(extract(epoch FROM completed_at - created_at) * 1000)) FILTER (WHERE status = 'completed'))::bigint AS a`,
};

/** Checks the metric against the scope and role (422 / 403 as the spec says). */
function checkMetric(metric: Metric, scope: AnalyticsScope, groupBy: string | undefined) {
  if (groupBy && !GROUPABLE.has(metric))
    throw problems.validation([{ field: '/query/group_by', code: 'not_groupable', message: `${metric} cannot be grouped.` }]);
  if ((metric === 'revenue' || USER_METRICS.has(metric)) && scope.scope !== 'platform') {
    throw problems.validation([{ field: '/query/metric', code: 'scope', message: `${metric} needs scope=platform.` }]);
  }
  if (USER_METRICS.has(metric) && !scope.isAdmin) throw problems.forbidden(`${metric} is for the admin role only.`);
}

/** spec/schemas/analytics-timeseries.yaml */
export async function analyticsTimeseries(
  db: Kysely<Database>,
  params: {
    range: AnalyticsRange;
    scope: AnalyticsScope;
    metric: Metric;
    interval: Interval;
    zone: string;
    groupBy?: 'service' | 'country';
    currency: string;
    source?: FigureSource;
  },
) {
  const { scope, metric, interval, zone, groupBy } = params;
  checkMetric(metric, scope, groupBy);
  const buckets = bucketsOf(params.range, interval, zone);
  const range = { from: buckets.from, to: buckets.to };
  const fromRollups = scope.userId === null && (params.source ?? 'rollup') === 'rollup';
  const bucket = (column: RawBuilder<unknown>) => sql`(date_trunc(${interval}, ${column} AT TIME ZONE ${zone}) AT TIME ZONE ${zone})`;
  const userFilter = scope.userId === null ? sql`TRUE` : sql`user_id = ${scope.userId}`;

  let groups: string[] = [];
  let rows: Array<{ t: Date; g?: string; a: unknown; b?: unknown }>;
  if (fromRollups && VERIFICATION_VALUE[metric]) {
    const top = groupBy ? await topGroups(db, range, groupBy) : { groups: [], others: [] };
    groups = top.groups;
    rows = await rolledUpVerificationSeries(db, metric, buckets.starts, buckets.to, groupBy, groups, top.others);
  } else if (fromRollups && metric === 'api_requests') {
    rows = await rolledUpApiRequests(db, buckets.starts, buckets.to);
  } else if (fromRollups && (metric === 'active_users' || metric === 'churned_users')) {
    rows = await rolledUpAccountSeries(db, metric, buckets.starts, buckets.to, interval, zone);
  } else if (VERIFICATION_VALUE[metric]) {
    let groupColumn: RawBuilder<unknown> = sql`NULL::text`;
    if (groupBy) {
      const column = sql.ref(groupBy);
      const { rows: top } = await sql<{ key: string }>`
        SELECT ${column} AS key FROM verifications WHERE ${userFilter} AND created_at >= ${range.from} AND created_at < ${range.to}
        GROUP BY ${column} ORDER BY count(*) DESC, key LIMIT 11`.execute(db);
      groups = top.slice(0, 10).map((r) => r.key);
      if (top.length > 10) groups.push('other');
      groupColumn = groups.length > 0 ? sql`CASE WHEN ${column} IN (${sql.join(groups)}) THEN ${column} ELSE 'other' END` : sql`'other'`;
    }
    ({ rows } = await sql<{ t: Date; g: string; a: unknown; b: unknown }>`
      SELECT ${bucket(sql`created_at`)} AS t, ${groupColumn} AS g, ${VERIFICATION_VALUE[metric]}
      FROM verifications WHERE ${userFilter} AND created_at >= ${range.from} AND created_at < ${range.to}
      GROUP BY 1, 2`.execute(db));
  } else if (metric === 'api_requests') {
    ({ rows } = await sql<{ t: Date; a: unknown }>`
      SELECT ${bucket(sql`created_at`)} AS t, count(*)::bigint AS a FROM api_request_log
      WHERE ${userFilter} AND created_at >= ${range.from} AND created_at < ${range.to} GROUP BY 1`.execute(db));
  } else if (metric === 'new_users') {
    ({ rows } = await sql<{ t: Date; a: unknown }>`
      SELECT ${bucket(sql`created_at`)} AS t, count(*)::bigint AS a FROM users
      WHERE created_at >= ${range.from} AND created_at < ${range.to} GROUP BY 1`.execute(db));
  } else {
    // activity from one bucket before the range, so the first bucket's churn is known
    const activityFrom = new Date(range.from.getTime() - 32 * 86_400_000);
    const step = `1 ${interval}`;
    const local = sql`date_trunc(${interval}, created_at AT TIME ZONE ${zone})`;
    const activity = sql`
      SELECT DISTINCT ${local} AS lb, user_id FROM (
        SELECT user_id, created_at FROM verifications WHERE created_at >= ${activityFrom} AND created_at < ${range.to}
        UNION ALL SELECT user_id, created_at FROM top_ups WHERE created_at >= ${activityFrom} AND created_at < ${range.to}
      ) AS activity`;
    ({ rows } =
      metric === 'active_users'
        ? await sql<{
            t: Date;
            a: unknown;
          }>`SELECT (lb AT TIME ZONE ${zone}) AS t, count(*)::bigint AS a FROM (${activity}) AS ab GROUP BY lb`.execute(db)
        : await sql<{ t: Date; a: unknown }>`
          WITH ab AS (${activity})
          SELECT ((p.lb + ${step}::interval) AT TIME ZONE ${zone}) AS t, count(*)::bigint AS a FROM ab p
          WHERE NOT EXISTS (SELECT 1 FROM ab c WHERE c.user_id = p.user_id AND c.lb = p.lb + ${step}::interval)
          GROUP BY p.lb`.execute(db));
  }

  const values = new Map<string, number | null>();
  for (const row of rows) {
    const value = metric === 'success_rate' ? rateBps(Number(row.a), Number(row.b)) : row.a === null ? null : Number(row.a);
    values.set(`${new Date(row.t).getTime()}|${row.g ?? ''}`, value);
  }
  const empty = NULLABLE.has(metric) ? null : 0;
  const points = buckets.starts.flatMap((start) =>
    (groupBy ? groups : [undefined]).map((group) => ({
      t: start.toISOString(),
      value: values.get(`${start.getTime()}|${group ?? ''}`) ?? empty,
      ...(group !== undefined ? { group } : {}),
    })),
  );
  const unit = UNITS[metric];
  return {
    scope: scope.scope,
    metric,
    unit,
    currency: unit === 'minor_units' ? params.currency : null,
    interval,
    timezone: zone,
    from: buckets.from.toISOString(),
    to: buckets.to.toISOString(),
    group_by: groupBy ?? null,
    points,
  };
}
