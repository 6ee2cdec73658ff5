import { sql, type Kysely } from 'kysely';
import { withoutJit } from '../rollups/without-jit.ts';
import type { Database } from '../../storage/database-schema.ts';
import type { AnalyticsRange } from '../analytics-params.ts';
import { activeAccounts } from '../rollups/user-activity.ts';
import type { FigureSource } from './verification-figures.ts';
import { singleRow } from '../../storage/single-row.ts';

export interface UserGrowth {
  newUsers: number;
  activeUsers: number;
  churnedUsers: number;
}

/**
 * Accounts registered in the range, accounts active in it (a verification or a top-up created), and
 * accounts active in the period of the same length just before it but not in it.
 */
export async function userGrowth(db: Kysely<Database>, range: AnalyticsRange, source: FigureSource = 'rollup'): Promise<UserGrowth> {
  const previousFrom = new Date(2 * range.from.getTime() - range.to.getTime());
  if (source === 'rollup') {
    const active = activeAccounts([
      { i: 0, from: previousFrom, to: range.from },
      { i: 1, from: range.from, to: range.to },
    ]);
    const { rows } = await withoutJit(
      db,
      sql<{ new_users: number; active_users: number; churned_users: number }>`
      WITH per_user AS (SELECT user_id, bool_or(i = 1) AS now_active, bool_or(i = 0) AS was_active FROM (${active}) AS a GROUP BY user_id)
      SELECT
        (SELECT count(*)::int FROM users WHERE created_at >= ${range.from} AND created_at < ${range.to}) AS new_users,
        (SELECT count(*)::int FROM per_user WHERE now_active) AS active_users,
        (SELECT count(*)::int FROM per_user WHERE was_active AND NOT now_active) AS churned_users`,
    );
    const row = singleRow(rows, 'user growth');
    return { newUsers: Number(row.new_users), activeUsers: Number(row.active_users), churnedUsers: Number(row.churned_users) };
  }
  const { rows } = await sql<{ new_users: number; active_users: number; churned_users: number }>`
    WITH activity AS (
      SELECT user_id, created_at FROM verifications WHERE created_at >= ${previousFrom} AND created_at < ${range.to}
      UNION ALL
      SELECT user_id, created_at FROM top_ups WHERE created_at >= ${previousFrom} AND created_at < ${range.to}
    ), per_user AS (
      SELECT user_id, bool_or(created_at >= ${range.from}) AS now_active, bool_or(created_at < ${range.from}) AS was_active
      FROM activity GROUP BY user_id
    )
    SELECT
      (SELECT count(*)::int FROM users WHERE created_at >= ${range.from} AND created_at < ${range.to}) AS new_users,
      (SELECT count(*)::int FROM per_user WHERE now_active) AS active_users,
      (SELECT count(*)::int FROM per_user WHERE was_active AND NOT now_active) AS churned_users`.execute(db);
  const row = singleRow(rows, 'user growth');
  return { newUsers: Number(row.new_users), activeUsers: Number(row.active_users), churnedUsers: Number(row.churned_users) };
}
