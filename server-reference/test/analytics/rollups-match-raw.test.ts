import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsApiUsage } from '../../src/analytics/queries/api-usage.ts';
import { analyticsBreakdown } from '../../src/analytics/queries/breakdown.ts';
import { analyticsSummary } from '../../src/analytics/queries/summary.ts';
import { analyticsTimeseries, type Metric } from '../../src/analytics/queries/timeseries.ts';
import type { Interval } from '../../src/analytics/queries/buckets.ts';
import { DRIVERS } from '../support/test-server.ts';
import { freshDatabase, generateActivity, migrateTo, seedTiersAsOf0810 } from './rollup-fixtures.ts';
import type { Database } from '../../src/storage/database-schema.ts';

const platform = { scope: 'platform' as const, userId: null, isAdmin: true };
const range = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });
/** Ranges with partial days at both ends, whole UTC days, less than a day, and across a year end. */
const RANGES = [
  range('2026-01-10T05:17:03.250Z', '2026-02-20T13:45:10Z'),
  range('2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z'),
  range('2026-02-01T02:00:00Z', '2026-02-01T09:30:00Z'),
  range('2025-12-20T18:30:00Z', '2026-01-12T18:30:00Z'),
  range('2025-11-01T00:00:00Z', '2026-04-01T00:00:00Z'),
] as const;
const withoutClock = <T extends { generated_at?: string }>(summary: T) => ({ ...summary, generated_at: undefined });

/**
 * Every platform figure computed twice on the same data, from the rollups and from the raw rows, must
 * be identical. Half the data predates migration 0820 (so it reaches the rollups through the backfill),
 * half is written after it (through the triggers), then updated and deleted in bulk and row by row.
 */
describe.each(DRIVERS)('analytics rollups give the raw figures (%s)', (driver) => {
  let db: Kysely<Database>;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshDatabase(driver);
    db = fresh.database.db;
    drop = fresh.drop;
    await migrateTo(db, '0810-analytics');
    await seedTiersAsOf0810(db);
    await generateActivity(db, 'a', 2500, '2025-12-01T00:00:00Z', 60);
    await migrateTo(db);
    await generateActivity(db, 'b', 2500, '2026-01-15T07:00:00Z', 60);
    // pending verifications finish, some are refunded, some move day, some vanish
    await sql`UPDATE verifications SET status = 'completed', completed_at = created_at + interval '41234.5 milliseconds' WHERE status = 'pending' AND id LIKE 'ver_a%'`.execute(
      db,
    );
    await sql`UPDATE verifications SET refunded = true, refund_reason = 'manual' WHERE id IN ('ver_b3', 'ver_b7', 'ver_a21')`.execute(db);
    await sql`UPDATE verifications SET created_at = created_at - interval '3 days', user_id = 'usr_b2' WHERE id = 'ver_b40'`.execute(db);
    await sql`DELETE FROM verifications WHERE id IN ('ver_b41', 'ver_a100')`.execute(db);
    await sql`UPDATE top_ups SET created_at = created_at + interval '2 days' WHERE id LIKE 'top_b1%'`.execute(db);
    await sql`DELETE FROM top_ups WHERE id LIKE 'top_a2%'`.execute(db);
    await sql`DELETE FROM api_request_log WHERE id % 17 = 0`.execute(db);
  }, 120_000);
  afterAll(async () => {
    await drop?.();
  });

  it('the rollups hold data, so the comparison below is not vacuous', async () => {
    const { rows } = await sql<{
      n: string;
    }>`SELECT (SELECT count(*) FROM analytics_verification_days) + (SELECT count(*) FROM analytics_user_activity) AS n`.execute(db);
    expect(Number(rows[0]!.n)).toBeGreaterThan(100);
  });

  it('summary (with the previous period and user growth)', async () => {
    for (const r of RANGES) {
      const rollup = await analyticsSummary(db, r, platform, true, 'USD', 'rollup');
      expect(rollup.current.verifications_total).toBeGreaterThan(0);
      expect(withoutClock(rollup)).toEqual(withoutClock(await analyticsSummary(db, r, platform, true, 'USD', 'raw')));
    }
  });

  it('breakdowns by service and by country', async () => {
    for (const r of RANGES) {
      for (const dimension of ['service', 'country'] as const) {
        expect(await analyticsBreakdown(db, r, platform, dimension, 'USD', 'rollup')).toEqual(
          await analyticsBreakdown(db, r, platform, dimension, 'USD', 'raw'),
        );
      }
    }
  });

  it('API usage', async () => {
    for (const r of RANGES) {
      const rollup = await analyticsApiUsage(db, r, platform, 'rollup');
      expect(rollup.total.requests).toBeGreaterThan(0);
      expect(rollup).toEqual(await analyticsApiUsage(db, r, platform, 'raw'));
    }
  });

  const metrics: Metric[] = [
    'verifications',
    'success_rate',
    'spend',
    'revenue',
    'refunds',
    'time_to_code_p90',
    'active_users',
    'churned_users',
    'api_requests',
  ];
  const series: Array<[Interval, string, { from: Date; to: Date }]> = [
    ['day', 'UTC', RANGES[0]],
    ['day', 'Asia/Kolkata', RANGES[0]],
    ['week', 'Asia/Kathmandu', RANGES[4]],
    ['month', 'America/New_York', RANGES[4]],
    ['hour', 'Asia/Kolkata', RANGES[2]],
    ['day', 'America/New_York', range('2026-03-01T00:00:00Z', '2026-03-20T00:00:00Z')],
    ['week', 'UTC', RANGES[3]],
  ];
  for (const metric of metrics) {
    it(`time series of ${metric}`, async () => {
      for (const [interval, zone, r] of series) {
        for (const groupBy of ['service', 'country', undefined] as const) {
          if (groupBy && ['active_users', 'churned_users', 'api_requests'].includes(metric)) continue;
          const params = { range: r, scope: platform, metric, interval, zone, groupBy, currency: 'USD' };
          const rollup = await analyticsTimeseries(db, { ...params, source: 'rollup' });
          expect(rollup, `${interval} ${zone} ${groupBy}`).toEqual(await analyticsTimeseries(db, { ...params, source: 'raw' }));
        }
      }
    }, 60_000);
  }
});
