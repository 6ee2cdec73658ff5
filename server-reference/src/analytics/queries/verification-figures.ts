import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../storage/database-schema.ts';
import type { AnalyticsRange } from '../analytics-params.ts';
import { ttcP90 } from '../rollups/ttc-percentile.ts';
import { rolledUpSums } from '../rollups/verification-sums.ts';
import { AGGREGATE_COLUMNS, toAggregates, type VerificationAggregates } from '../verification-aggregates.ts';

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
