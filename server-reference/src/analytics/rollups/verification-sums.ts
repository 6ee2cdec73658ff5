import { sql, type Kysely } from 'kysely';
import type { AnalyticsDimension } from '../../contract/index.ts';
import { withoutJit } from './without-jit.ts';
import type { Database } from '../../storage/database-schema.ts';
import { SUM_COLUMNS, toAggregates, type VerificationAggregates } from '../verification-aggregates.ts';
import { splitLabelled, type LabelledRange } from './utc-days.ts';

export type Dimension = AnalyticsDimension;

/** The summed figures of one labelled range and, when grouped, one service or country. */
export interface LabelledSums {
  i: number;
  key: string | null;
  aggregates: VerificationAggregates;
}

/**
 * Platform-wide sums (everything but the p90) of the verifications created in each labelled range,
 * per service or country when `dimension` is set: whole UTC days from `analytics_verification_days`,
 * the edges from `verifications`. Ordered by label, then most verifications first, then key (the
 * raw queries' order, sorted by the database so the collation is the same).
 */
export async function rolledUpSums(db: Kysely<Database>, ranges: LabelledRange[], dimension: Dimension | null): Promise<LabelledSums[]> {
  const { spans, pieces } = splitLabelled(ranges);
  const rollupKey = dimension ? sql`d.${sql.ref(dimension)}` : sql`NULL::text`;
  const rawKey = dimension ? sql`v.${sql.ref(dimension)}` : sql`NULL::text`;
  const { rows } = await withoutJit(
    db,
    sql<Record<string, unknown> & { i: number; key: string | null }>`
    WITH spans AS (SELECT * FROM jsonb_to_recordset(${spans}::jsonb) AS s (i int, df date, dt date)),
    pieces AS (SELECT * FROM jsonb_to_recordset(${pieces}::jsonb) AS p (i int, f timestamptz, t timestamptz))
    SELECT i, key, sum(total)::bigint AS total, sum(completed)::bigint AS completed, sum(pending)::bigint AS pending,
      sum(refunded)::bigint AS refunded, sum(spend)::bigint AS spend, sum(refunds)::bigint AS refunds,
      sum(provider_cost)::bigint AS provider_cost, sum(ttc_sum_ms)::bigint AS ttc_sum_ms
    FROM (
      SELECT s.i, ${rollupKey} AS key, d.total, d.completed, d.pending, d.refunded, d.spend, d.refunds, d.provider_cost, d.ttc_sum_ms
      FROM spans s JOIN analytics_verification_days d ON d.day >= s.df AND d.day < s.dt
      UNION ALL
      SELECT p.i, ${rawKey} AS key, ${SUM_COLUMNS}
      FROM pieces p JOIN verifications v ON v.created_at >= p.f AND v.created_at < p.t GROUP BY 1, 2
    ) AS x
    GROUP BY i, key HAVING sum(total) > 0 ORDER BY i, total DESC, key`,
  );
  return rows.map((row) => ({ i: Number(row.i), key: row.key, aggregates: toAggregates(row) }));
}
