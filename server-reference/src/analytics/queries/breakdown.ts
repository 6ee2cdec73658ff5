import { sql, type Kysely } from 'kysely';
import { countryName, serviceName } from '../../domain/catalog-reference-data.ts';
import { money } from '../../serializers/money.ts';
import type { Database } from '../../storage/database-schema.ts';
import type { AnalyticsRange, AnalyticsScope } from '../analytics-params.ts';
import { rateBps } from '../basis-points.ts';
import { ttcP90 } from '../rollups/ttc-percentile.ts';
import { rolledUpSums } from '../rollups/verification-sums.ts';
import { AGGREGATE_COLUMNS, toAggregates, type VerificationAggregates } from '../verification-aggregates.ts';
import { verificationFilter, type FigureSource } from './verification-figures.ts';

const rawBreakdown = async (db: Kysely<Database>, range: AnalyticsRange, userId: string | null, dimension: 'service' | 'country') =>
  (
    await sql<Record<string, unknown> & { key: string }>`
  SELECT ${sql.ref(dimension)} AS key, ${AGGREGATE_COLUMNS} FROM verifications WHERE ${verificationFilter(range, userId)}
  GROUP BY ${sql.ref(dimension)} ORDER BY total DESC, key`.execute(db)
  ).rows;

/** The platform breakdown from the rollups: sums per key, then the p90 of each key. */
async function rolledUpBreakdown(
  db: Kysely<Database>,
  range: AnalyticsRange,
  dimension: 'service' | 'country',
): Promise<Array<{ key: string; a: VerificationAggregates }>> {
  const sums = await rolledUpSums(db, [{ i: 0, ...range }], dimension);
  const p90 = await ttcP90(
    db,
    sums.map((row, i) => ({ i, ...range, keys: [row.key!] })),
    dimension,
  );
  return sums.map((row, i) => ({ key: row.key!, a: { ...row.aggregates, ttcP90Ms: p90.get(i) ?? null } }));
}

/** spec/schemas/analytics-breakdown.yaml: one row per service or country, most verifications first. */
export async function analyticsBreakdown(
  db: Kysely<Database>,
  range: AnalyticsRange,
  scope: AnalyticsScope,
  dimension: 'service' | 'country',
  currency: string,
  source: FigureSource = 'rollup',
) {
  const rows =
    scope.userId === null && source === 'rollup'
      ? await rolledUpBreakdown(db, range, dimension)
      : (await rawBreakdown(db, range, scope.userId, dimension)).map((row) => ({ key: row.key, a: toAggregates(row) }));
  return {
    scope: scope.scope,
    dimension,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    currency,
    rows: rows.map(({ key, a }) => {
      const finished = a.total - a.pending;
      return {
        key,
        name: dimension === 'service' ? serviceName(key) : countryName(key),
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
