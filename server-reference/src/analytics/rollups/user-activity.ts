import { sql, type RawBuilder } from 'kysely';
import { splitYearBits, type LabelledRange } from './utc-days.ts';

/**
 * A subquery of `(i, user_id)`: the accounts with activity (a verification or a top-up created) in each
 * labelled range, possibly repeated. Whole UTC days are tested in the per-year day bitmaps of
 * `analytics_user_activity` (one row per account and year, however many days it was active), the edges
 * are read from raw rows.
 */
export function activeAccounts(ranges: LabelledRange[]): RawBuilder<{ i: number; user_id: string }> {
  const { segments, pieces } = splitYearBits(ranges);
  return sql`
    SELECT s.i, a.user_id
    FROM jsonb_to_recordset(${segments}::jsonb) AS s (i int, y int, st int, len int)
    JOIN analytics_user_activity a ON a.year = s.y AND bit_count(substring(a.days FROM s.st FOR s.len)) > 0
    UNION ALL
    SELECT p.i, x.user_id FROM jsonb_to_recordset(${pieces}::jsonb) AS p (i int, f timestamptz, t timestamptz)
    CROSS JOIN LATERAL (
      SELECT v.user_id FROM verifications v WHERE v.created_at >= p.f AND v.created_at < p.t
      UNION ALL
      SELECT u.user_id FROM top_ups u WHERE u.created_at >= p.f AND u.created_at < p.t
    ) AS x`;
}
