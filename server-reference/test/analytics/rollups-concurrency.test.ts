import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsApiUsage } from '../../src/analytics/queries/api-usage.ts';
import { analyticsSummary } from '../../src/analytics/queries/summary.ts';
import { seedTiers } from '../../src/domain/demo-seed.ts';
import { DRIVERS } from '../support/test-server.ts';
import { freshDatabase, migrateTo } from './rollup-fixtures.ts';
import type { Database } from '../../src/storage/database-schema.ts';

const platform = { scope: 'platform' as const, userId: null, isAdmin: true };
const day = { from: new Date('2026-02-01T00:00:00Z'), to: new Date('2026-02-03T00:00:00Z') };
const withoutClock = <T extends { generated_at?: string }>(s: T) => ({ ...s, generated_at: undefined });

/**
 * Many connections write the same rollup rows at once (one day, one service, one country, one user):
 * every increment must land exactly once, so the rollups still equal the raw figures.
 */
describe.each(DRIVERS)('analytics rollups under concurrent writers (%s)', (driver) => {
  let db: Kysely<Database>;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshDatabase(driver);
    db = fresh.database.db;
    drop = fresh.drop;
    await migrateTo(db);
    await seedTiers(db);
    await sql`INSERT INTO users (id, email, password_hash, name, role, tier_id, status) VALUES ('usr_race', 'race@example.com', 'x', 'Race', 'user', 'tier_basic', 'active')`.execute(
      db,
    );
  });
  afterAll(async () => {
    await drop?.();
  });

  it('concurrent inserts, status changes and request logging lose no increment', async () => {
    const writers = Array.from({ length: 40 }, (_, w) =>
      db.transaction().execute(async (trx) => {
        for (let k = 0; k < 5; k++) {
          const id = `ver_race_${w}_${k}`;
          const at = new Date(Date.parse('2026-02-01T10:00:00Z') + (w * 5 + k) * 1000);
          await sql`INSERT INTO verifications (id, user_id, status, service, country, provider_id, provider_ref, price_cents, cost_cents, currency, created_at, expires_at)
          VALUES (${id}, 'usr_race', 'pending', 'whatsapp', 'US', 'simulator', ${id}, 150, 90, 'USD', ${at}, ${new Date(at.getTime() + 1_200_000)})`.execute(
            trx,
          );
          await sql`INSERT INTO api_request_log (created_at, user_id, api_key_id, method, route, status, duration_ms)
          VALUES (${at}, 'usr_race', NULL, 'GET', '/v1/wallet', 200, ${w + k})`.execute(trx);
        }
      }),
    );
    await Promise.all(writers);
    // finishing them races too: half complete, half expire and are refunded, from separate connections
    await Promise.all(
      Array.from({ length: 40 }, (_, w) =>
        sql`
      UPDATE verifications SET
        status = CASE WHEN ${w} % 2 = 0 THEN 'completed' ELSE 'expired' END,
        completed_at = CASE WHEN ${w} % 2 = 0 THEN created_at + (${w} * 997 + 1500) * interval '1 millisecond' END,
        refunded = ${w} % 2 = 1, refund_reason = CASE WHEN ${w} % 2 = 1 THEN 'expired' END
      WHERE id LIKE ${`ver\\_race\\_${w}\\_%`}`.execute(db),
      ),
    );

    const rollup = await analyticsSummary(db, day, platform, false, 'USD', 'rollup');
    expect(rollup.current).toMatchObject({
      verifications_total: 200,
      verifications_completed: 100,
      verifications_refunded: 100,
      active_users: 1,
    });
    expect(withoutClock(rollup)).toEqual(withoutClock(await analyticsSummary(db, day, platform, false, 'USD', 'raw')));
    const usage = await analyticsApiUsage(db, day, platform, 'rollup');
    expect(usage.total.requests).toBe(200);
    expect(usage).toEqual(await analyticsApiUsage(db, day, platform, 'raw'));
  });
});
