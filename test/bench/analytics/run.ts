/**
 * Analytics benchmark: generates 1,000,000 verifications (20,000 accounts, a year, 12 services, 20
 * countries) in a throwaway schema of the PostgreSQL at TEST_DATABASE_URL, then times each query the
 * dashboard makes through the same functions the API handlers call, and prints median and worst of 5
 * runs against the 300 ms target. Platform figures read the maintained rollups (migration 0820); each
 * query also runs once on the raw rows, whose time is printed and whose result must be identical.
 * Bounded: the whole run stops after BENCH_MAX_SECONDS (default 600).
 *
 *   TEST_DATABASE_URL=postgres://... node --import tsx bench/analytics/run.ts
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { analyticsApiUsage } from '../../../server-reference/src/analytics/queries/api-usage.ts';
import { analyticsBreakdown } from '../../../server-reference/src/analytics/queries/breakdown.ts';
import { analyticsSummary } from '../../../server-reference/src/analytics/queries/summary.ts';
import { analyticsTimeseries } from '../../../server-reference/src/analytics/queries/timeseries.ts';
import { createDatabase } from '../../../server-reference/src/storage/create-database.ts';
import { migrateToLatest } from '../../../server-reference/src/storage/migrate.ts';
import { seedTiers } from '../../../server-reference/src/domain/demo-seed.ts';

const url = process.env.TEST_DATABASE_URL;
if (!url) {
  console.log('analytics bench: TEST_DATABASE_URL is not set; skipped (it needs PostgreSQL).');
  process.exit(0);
}
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const USERS = 20_000;
const TARGET_MS = 300;
const deadline = Date.now() + Number(process.env.BENCH_MAX_SECONDS ?? 600) * 1000;
setTimeout(() => {
  console.error('analytics bench: time budget exceeded, stopping');
  process.exit(2);
}, deadline - Date.now()).unref();

const schema = `bench_${randomBytes(4).toString('hex')}`;
const admin = await createDatabase({ databaseUrl: url, dataDir: '', poolSize: 1 });
await admin.db.schema.createSchema(schema).execute();
const scoped = new URL(url);
scoped.searchParams.set('options', `-c search_path=${schema}`);
const { db, close } = await createDatabase({ databaseUrl: scoped.toString(), dataDir: '', poolSize: 4 });

try {
  await migrateToLatest(db);
  await seedTiers(db);
  const now = new Date();
  const started = performance.now();
  await sql`
    INSERT INTO users (id, email, password_hash, name, role, tier_id, status, created_at)
    SELECT 'usr_bench' || g, 'bench' || g || '@example.com', 'x', 'Bench ' || g, 'user', 'tier_basic', 'active',
           ${now}::timestamptz - (random() * interval '400 days')
    FROM generate_series(1, ${USERS}) AS g`.execute(db);
  await sql`
    INSERT INTO verifications (id, user_id, status, service, country, provider_id, provider_ref, price_cents, cost_cents, currency,
      created_at, expires_at, completed_at, cancelled_at, refunded, refund_reason)
    SELECT 'ver_bench' || g, 'usr_bench' || (1 + (g::bigint * 7919) % ${USERS}), s.status,
      (ARRAY['whatsapp','telegram','google','facebook','instagram','tiktok','discord','uber','amazon','microsoft','twitter','signal'])[1 + (g % 12)],
      (ARRAY['US','IN','GB','DE','FR','BR','ID','NG','PH','VN','MX','CA','ES','IT','PL','TR','UA','KE','PK','TH'])[1 + ((g / 12) % 20)],
      'simulator', 'ref' || g, 100 + (g % 400), 60 + (g % 250), 'USD',
      t.created, t.created + interval '20 minutes',
      CASE WHEN s.status = 'completed' THEN t.created + (5 + (g % 115)) * interval '1 second' END,
      CASE WHEN s.status = 'cancelled' THEN t.created + interval '2 minutes' END,
      s.status IN ('cancelled', 'expired', 'failed'),
      CASE WHEN s.status IN ('cancelled', 'expired', 'failed') THEN s.status END
    FROM generate_series(1, ${ROWS}) AS g
    CROSS JOIN LATERAL (SELECT ${now}::timestamptz - ((g::float8 / ${ROWS}) * interval '365 days') AS created) AS t
    CROSS JOIN LATERAL (SELECT CASE
      WHEN g % 100 < 85 THEN 'completed' WHEN g % 100 < 90 THEN 'expired' WHEN g % 100 < 95 THEN 'cancelled'
      WHEN g % 100 < 98 THEN 'failed' WHEN t.created > ${now}::timestamptz - interval '20 minutes' THEN 'pending' ELSE 'completed' END AS status) AS s`.execute(
    db,
  );
  await sql`
    INSERT INTO api_request_log (created_at, user_id, api_key_id, method, route, status, duration_ms)
    SELECT ${now}::timestamptz - (random() * interval '30 days'), 'usr_bench' || (1 + g % ${USERS}), NULL, 'GET',
      (ARRAY['/v1/verifications','/v1/wallet','/v1/analytics/summary','/v1/verifications/{verification_id}'])[1 + g % 4],
      CASE WHEN g % 50 = 0 THEN 429 WHEN g % 97 = 0 THEN 500 ELSE 200 END, 2 + g % 40
    FROM generate_series(1, 200000) AS g`.execute(db);
  await sql`ANALYZE`.execute(db);
  console.log(
    `analytics bench: generated ${ROWS} verifications, ${USERS} accounts, 200000 request-log rows in ${Math.round(performance.now() - started)} ms`,
  );

  const busiest = (
    await sql<{ user_id: string }>`SELECT user_id FROM verifications GROUP BY user_id ORDER BY count(*) DESC LIMIT 1`.execute(db)
  ).rows[0].user_id;
  const days = (n: number) => ({ from: new Date(now.getTime() - n * 86_400_000), to: now });
  const platform = { scope: 'platform' as const, userId: null, isAdmin: true };
  const me = { scope: 'me' as const, userId: busiest, isAdmin: false };
  const cases: Array<[string, (source: 'rollup' | 'raw') => Promise<unknown>]> = [
    ['summary me 30d + compare', (source) => analyticsSummary(db, days(30), me, true, 'USD', source)],
    ['summary platform 30d + compare + growth', (source) => analyticsSummary(db, days(30), platform, true, 'USD', source)],
    ['summary platform 366d', (source) => analyticsSummary(db, days(366), platform, false, 'USD', source)],
    [
      'timeseries verifications day 30d platform',
      (source) =>
        analyticsTimeseries(db, {
          range: days(30),
          scope: platform,
          metric: 'verifications',
          interval: 'day',
          zone: 'Asia/Kolkata',
          currency: 'USD',
          source,
        }),
    ],
    [
      'timeseries success_rate week 366d platform',
      (source) =>
        analyticsTimeseries(db, {
          range: days(366),
          scope: platform,
          metric: 'success_rate',
          interval: 'week',
          zone: 'UTC',
          currency: 'USD',
          source,
        }),
    ],
    [
      'timeseries spend day 90d by service platform',
      (source) =>
        analyticsTimeseries(db, {
          range: days(90),
          scope: platform,
          metric: 'spend',
          interval: 'day',
          zone: 'UTC',
          groupBy: 'service',
          currency: 'USD',
          source,
        }),
    ],
    [
      'timeseries p90 day 30d platform',
      (source) =>
        analyticsTimeseries(db, {
          range: days(30),
          scope: platform,
          metric: 'time_to_code_p90',
          interval: 'day',
          zone: 'UTC',
          currency: 'USD',
          source,
        }),
    ],
    [
      'timeseries active_users week 90d',
      (source) =>
        analyticsTimeseries(db, {
          range: days(90),
          scope: platform,
          metric: 'active_users',
          interval: 'week',
          zone: 'UTC',
          currency: 'USD',
          source,
        }),
    ],
    [
      'timeseries churned_users month 366d',
      (source) =>
        analyticsTimeseries(db, {
          range: days(366),
          scope: platform,
          metric: 'churned_users',
          interval: 'month',
          zone: 'UTC',
          currency: 'USD',
          source,
        }),
    ],
    [
      'timeseries verifications day 366d me',
      (source) =>
        analyticsTimeseries(db, {
          range: days(366),
          scope: me,
          metric: 'verifications',
          interval: 'day',
          zone: 'UTC',
          currency: 'USD',
          source,
        }),
    ],
    ['breakdown service 30d platform', (source) => analyticsBreakdown(db, days(30), platform, 'service', 'USD', source)],
    ['breakdown country 366d me', (source) => analyticsBreakdown(db, days(366), me, 'country', 'USD', source)],
    ['api usage 30d platform', (source) => analyticsApiUsage(db, days(30), platform, source)],
  ];
  // platform figures come from the rollups; each is also computed once from the raw rows, timed and
  // compared (generated_at aside), so the rollups are checked at full scale too
  const comparable = (value: unknown) => JSON.stringify({ ...(value as object), generated_at: undefined });
  console.log(`\n${'query'.padEnd(48)} ${'median'.padStart(8)} ${'worst'.padStart(8)} ${'raw'.padStart(8)}  target ${TARGET_MS} ms`);
  let over = 0;
  let differ = 0;
  for (const [name, run] of cases) {
    const first = await run('rollup'); // warms the cache once, as a dashboard's repeated views do
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await run('rollup');
      times.push(performance.now() - t);
    }
    const rawStarted = performance.now();
    const raw = await run('raw');
    const rawMs = performance.now() - rawStarted;
    const same = comparable(first) === comparable(raw);
    if (!same) differ++;
    times.sort((a, b) => a - b);
    const median = times[2];
    if (median > TARGET_MS) over++;
    console.log(
      `${name.padEnd(48)} ${median.toFixed(1).padStart(8)} ${times[4].toFixed(1).padStart(8)} ${rawMs.toFixed(1).padStart(8)}  ${median <= TARGET_MS ? 'ok' : 'OVER'}${same ? '' : '  DIFFERS FROM RAW'}`,
    );
  }
  console.log(
    `\n${cases.length - over}/${cases.length} queries under ${TARGET_MS} ms (median of 5) over ${ROWS} verifications; ${cases.length - differ}/${cases.length} identical to the raw queries`,
  );
  if (differ > 0) process.exitCode = 1;
} finally {
  await close();
  await admin.db.schema.dropSchema(schema).cascade().execute();
  await admin.close();
}
