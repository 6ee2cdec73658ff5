import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../storage/database-schema.ts';
import type { AnalyticsRange } from '../analytics-params.ts';
import { ttcP90 } from '../rollups/ttc-percentile.ts';
import { rolledUpSums } from '../rollups/verification-sums.ts';

/** Raw aggregates of a set of verifications, all integers (cents and milliseconds). */
export interface VerificationAggregates {
  total: number;
  completed: number;
  pending: number;
  refunded: number;
  spend: number;
  refunds: number;
  providerCost: number;
  ttcSumMs: number;
  ttcP90Ms: number | null;
}

/**
 * The aggregate columns every verification figure is built from. The provider charges for a number that
 * received a code; the others are released or cancelled upstream without charge, so `provider_cost` is
 * the cost of completed verifications.
 */
export const SUM_COLUMNS: RawBuilder<unknown> = sql`
  count(*)::int AS total,
  count(*) FILTER (WHERE status = 'completed')::int AS completed,
  count(*) FILTER (WHERE status = 'pending')::int AS pending,
  count(*) FILTER (WHERE refunded)::int AS refunded,
  coalesce(sum(price_cents), 0)::bigint AS spend,
  coalesce(sum(price_cents) FILTER (WHERE refunded), 0)::bigint AS refunds,
  coalesce(sum(cost_cents) FILTER (WHERE status = 'completed'), 0)::bigint AS provider_cost,
  coalesce(sum(round(extract(epoch FROM completed_at - created_at) * 1000)) FILTER (WHERE status = 'completed'), 0)::bigint AS ttc_sum_ms`;

/** `SUM_COLUMNS` and the exact p90 of time to code (`percentile_disc`, the value of rank ceil(0.9 n)). */
export const AGGREGATE_COLUMNS: RawBuilder<unknown> = sql`${SUM_COLUMNS},
  (percentile_disc(0.9) WITHIN GROUP (ORDER BY round(extract(epoch FROM completed_at - created_at) * 1000))
     FILTER (WHERE status = 'completed'))::bigint AS ttc_p90_ms`;

/** Parses one row of `AGGREGATE_COLUMNS` (bigints arrive as strings). */
export function toAggregates(row: Record<string, unknown>): VerificationAggregates {
  return {
    total: Number(row.total ?? 0),
    completed: Number(row.completed ?? 0),
    pending: Number(row.pending ?? 0),
    refunded: Number(row.refunded ?? 0),
    spend: Number(row.spend ?? 0),
    refunds: Number(row.refunds ?? 0),
    providerCost: Number(row.provider_cost ?? 0),
    ttcSumMs: Number(row.ttc_sum_ms ?? 0),
    ttcP90Ms: row.ttc_p90_ms === null || row.ttc_p90_ms === undefined ? null : Number(row.ttc_p90_ms),
  };
}

/** `WHERE` of the verifications created in `range`, of one account or of all. */
export const verificationFilter = (range: AnalyticsRange, userId: string | null): RawBuilder<unknown> =>
  userId === null
    ? sql`created_at >= ${range.from} AND created_at < ${range.to}`
    : sql`user_id = ${userId} AND created_at >= ${range.from} AND created_at < ${range.to}`;

/**
 * Where platform-wide figures come from: `rollup` (the maintained daily rollups plus raw rows at the
 * range's edges) or `raw` (the verifications alone). Both give identical figures
 * (test/analytics/rollups-match-raw.test.ts); per-account figures always read the account's rows.
 */
export type FigureSource = 'rollup' | 'raw';

/** The aggregates of the verifications created in `range`. */
export async function verificationAggregates(
  db: Kysely<Database>,
  range: AnalyticsRange,
  userId: string | null,
  source: FigureSource = 'rollup',
): Promise<VerificationAggregates> {
  if (userId === null && source === 'rollup') {
    const cells = [{ i: 0, ...range }];
    const [sums, p90] = await Promise.all([rolledUpSums(db, cells, null), ttcP90(db, cells, null)]);
    return { ...(sums[0]?.aggregates ?? toAggregates({})), ttcP90Ms: p90.get(0) ?? null };
  }
  const { rows } = await sql<
    Record<string, unknown>
  >`SELECT ${AGGREGATE_COLUMNS} FROM verifications WHERE ${verificationFilter(range, userId)}`.execute(db);
  return toAggregates(rows[0] ?? {});
}
