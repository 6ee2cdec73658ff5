import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../storage/database-schema.ts';
import { withoutJit } from './without-jit.ts';
import { splitLabelled, type LabelledRange } from './utc-days.ts';
import type { Dimension } from './verification-sums.ts';

/** One range whose p90 is asked for: of all verifications, or of those of the services (or countries) in `keys`. */
export interface TtcCell extends LabelledRange {
  keys?: string[];
}

/** Time to code in ms and its 1-second bucket, as migration 0820 indexes them (`verifications_ttc_bucket`). */
const TTC_MS = sql`round(extract(epoch FROM v.completed_at - v.created_at) * 1000)`;
const TTC_BUCKET = sql`(floor(round(extract(epoch FROM v.completed_at - v.created_at) * 1000) / 1000)::bigint)`;

/**
 * The exact p90 of time to code of completed verifications in each cell, as `percentile_disc(0.9)`
 * gives it: the value of rank ceil(0.9 × n) in ascending order (the rank computed in float8, as
 * PostgreSQL does). Two steps, both cheap:
 *
 * 1. the cell's histogram of 1-second buckets, from `analytics_ttc_histogram` for whole UTC days and
 *    from raw rows at the edges, gives the bucket holding that rank and the rank within it;
 * 2. the rows of that one bucket in the cell's range are read through `verifications_ttc_bucket`,
 *    ordered by the exact value, and the row at that rank is the answer.
 *
 * So no approximation: step 2 reads about (rows in the cell) / (occupied buckets) index entries.
 */
export async function ttcP90(db: Kysely<Database>, cells: TtcCell[], dimension: Dimension | null): Promise<Map<number, number>> {
  if (cells.length === 0) return new Map();
  const { spans, pieces } = splitLabelled(cells);
  // ungrouped cells read the histogram's `all` rows, whose key is ''
  const cellJson = JSON.stringify(
    cells.map((c) => ({ i: c.i, f: c.from.toISOString(), t: c.to.toISOString(), keys: dimension ? (c.keys ?? []) : [''] })),
  );
  const dim = dimension ?? 'all';
  const rawKey = dimension ? sql`v.${sql.ref(dimension)}` : sql`''`;
  const groupOf = (key: RawBuilder<unknown>) => sql`${key} = ANY(c.keys)`;
  const { rows } = await withoutJit(
    db,
    sql<{ i: number; ttc: string | number }>`
    WITH cells AS (SELECT * FROM jsonb_to_recordset(${cellJson}::jsonb) AS c (i int, f timestamptz, t timestamptz, keys text[])),
    spans AS (SELECT * FROM jsonb_to_recordset(${spans}::jsonb) AS s (i int, df date, dt date)),
    pieces AS (SELECT * FROM jsonb_to_recordset(${pieces}::jsonb) AS p (i int, f timestamptz, t timestamptz)),
    histogram AS (
      SELECT i, bucket, sum(n) AS n FROM (
        SELECT s.i, h.bucket, h.n FROM spans s JOIN cells c ON c.i = s.i
        JOIN analytics_ttc_histogram h ON h.dim = ${dim} AND h.day >= s.df AND h.day < s.dt AND ${groupOf(sql`h.key`)}
        UNION ALL
        SELECT p.i, ${TTC_BUCKET}, 1 FROM pieces p JOIN cells c ON c.i = p.i
        JOIN verifications v ON v.status = 'completed' AND v.completed_at IS NOT NULL AND v.created_at >= p.f AND v.created_at < p.t
        WHERE ${groupOf(rawKey)}
      ) AS x GROUP BY i, bucket HAVING sum(n) > 0
    ),
    cumulative AS (
      SELECT i, bucket, n, sum(n) OVER (PARTITION BY i ORDER BY bucket) AS upto,
        greatest(ceil(0.9::float8 * (sum(n) OVER (PARTITION BY i))::float8), 1)::bigint AS wanted
      FROM histogram
    ),
    target AS (
      SELECT DISTINCT ON (i) i, bucket, wanted - (upto - n) AS rank FROM cumulative WHERE upto >= wanted ORDER BY i, bucket
    )
    SELECT t.i, pick.ttc FROM target t JOIN cells c ON c.i = t.i
    CROSS JOIN LATERAL (
      SELECT ${TTC_MS} AS ttc FROM verifications v
      WHERE v.status = 'completed' AND ${TTC_BUCKET} = t.bucket AND v.created_at >= c.f AND v.created_at < c.t AND ${groupOf(rawKey)}
      ORDER BY 1 OFFSET t.rank - 1 LIMIT 1
    ) AS pick`,
  );
  return new Map(rows.map((row) => [Number(row.i), Number(row.ttc)]));
}
