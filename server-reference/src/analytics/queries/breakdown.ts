import { sql, type Kysely } from 'kysely';
import { countryName, serviceName } from '../../domain/catalog-reference-data.ts';
import { money } from '../../http/serializers/money.ts';
import type { Database } from '../../storage/database-schema.ts';
import type { AnalyticsRange, AnalyticsScope } from '../analytics-params.ts';
import { rateBps } from '../basis-points.ts';
import { AGGREGATE_COLUMNS, toAggregates, verificationFilter } from './verification-figures.ts';

/** spec/schemas/analytics-breakdown.yaml: one row per service or country, most verifications first. */
export async function analyticsBreakdown(db: Kysely<Database>, range: AnalyticsRange, scope: AnalyticsScope, dimension: 'service' | 'country', currency: string) {
  const column = sql.ref(dimension);
  const { rows } = await sql<Record<string, unknown> & { key: string }>`
    SELECT ${column} AS key, ${AGGREGATE_COLUMNS} FROM verifications WHERE ${verificationFilter(range, scope.userId)}
    GROUP BY ${column} ORDER BY total DESC, key`.execute(db);
  return {
    scope: scope.scope,
    dimension,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    currency,
    rows: rows.map((row) => {
      const a = toAggregates(row);
      const finished = a.total - a.pending;
      return {
        key: row.key,
        name: dimension === 'service' ? serviceName(row.key) : countryName(row.key),
        verifications_total: a.total,
        verifications_completed: a.completed,
        success_rate_bps: rateBps(a.completed, finished),
        time_to_code_p90_ms: a.ttcP90Ms,
        spend: money(a.spend, currency),
        refunds: money(a.refunds, currency),
        refund_rate_bps: rateBps(a.refunded, finished),
        revenue: scope.scope === 'platform' ? money(a.spend - a.refunds - a.providerCost, currency) : null,
      };
    }),
  };
}
