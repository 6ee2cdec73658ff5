import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { createDatabase, type DatabaseHandle } from '../../src/storage/create-database.ts';
import { migrations } from '../../src/storage/migrations/index.ts';
import type { Database } from '../../src/storage/database-schema.ts';

/** A fresh database (PGlite in memory, or a schema of its own in TEST_DATABASE_URL) and how to drop it. */
export async function freshDatabase(driver: 'pglite' | 'postgres'): Promise<{ database: DatabaseHandle; drop: () => Promise<void> }> {
  if (driver === 'pglite') {
    const database = await createDatabase({ databaseUrl: null, dataDir: 'memory://' });
    return { database, drop: () => database.close() };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = await createDatabase({ databaseUrl: process.env.TEST_DATABASE_URL!, dataDir: '', poolSize: 1 });
  await admin.db.schema.createSchema(schema).execute();
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const database = await createDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 8 });
  return {
    database,
    drop: async () => {
      await database.close();
      await admin.db.schema.dropSchema(schema).cascade().execute();
      await admin.close();
    },
  };
}

/** Runs the migrations up to and including `last` (all when undefined). */
export async function migrateTo(db: Kysely<Database>, last?: string) {
  const all = Object.entries(migrations);
  const chosen = Object.fromEntries(all.slice(0, last ? all.findIndex(([name]) => name === last) + 1 : all.length));
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => chosen }, migrationTableSchema: rows[0]?.schema ?? 'public' });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

const SERVICES = [
  'whatsapp',
  'telegram',
  'google',
  'facebook',
  'instagram',
  'tiktok',
  'discord',
  'uber',
  'amazon',
  'microsoft',
  'twitter',
  'signal',
  'google_voice',
  'a_b',
];
const COUNTRIES = ['US', 'IN', 'GB', 'DE', 'FR', 'BR', 'ID', 'NG', 'PH', 'VN', 'MX', 'CA'];

/**
 * Deterministic activity from `start` over `days` days: verifications in every status with millisecond
 * (and sub-millisecond) times to code, ties included; top-ups; request-log rows. Ids carry `tag` so
 * batches do not collide.
 */
export async function generateActivity(db: Kysely<Database>, tag: string, count: number, start: string, days: number) {
  await sql`
    INSERT INTO users (id, email, password_hash, name, role, tier_id, status, created_at)
    SELECT 'usr_' || ${tag} || g, ${tag} || g || '@example.com', 'x', 'User ' || g, 'user', 'tier_basic', 'active',
      ${start}::timestamptz + ((g * 7907) % (${days} * 24)) * interval '1 hour'
    FROM generate_series(1, 40) AS g`.execute(db);
  await sql`
    INSERT INTO verifications (id, user_id, status, service, country, provider_id, provider_ref, price_cents, cost_cents, currency,
      created_at, expires_at, completed_at, cancelled_at, refunded, refund_reason)
    SELECT 'ver_' || ${tag} || g, 'usr_' || ${tag} || (1 + (g * 13) % 40), s.status,
      (${SERVICES}::text[])[1 + (g * g) % ${SERVICES.length}], (${COUNTRIES}::text[])[1 + (g * 7) % ${COUNTRIES.length}],
      'simulator', 'ref' || g, 100 + (g * 31) % 400, 60 + (g * 17) % 250, 'USD',
      t.created, t.created + interval '20 minutes',
      CASE WHEN s.status = 'completed' THEN t.created + t.ttc END,
      CASE WHEN s.status = 'cancelled' THEN t.created + interval '2 minutes' END,
      s.status IN ('cancelled', 'expired', 'failed'),
      CASE WHEN s.status IN ('cancelled', 'expired', 'failed') THEN s.status END
    FROM generate_series(1, ${count}) AS g
    CROSS JOIN LATERAL (SELECT
      ${start}::timestamptz + (g::float8 / ${count}) * ${days} * interval '1 day' + ((g * 7919) % 5400) * interval '1 second' AS created,
      CASE WHEN g % 7 = 0 THEN ((g * 3) % 90) * interval '1 second'
           ELSE (800 + (g * 7919) % 95000) * interval '1 millisecond' + (g % 3) * interval '400 microseconds' END AS ttc) AS t
    CROSS JOIN LATERAL (SELECT CASE
      WHEN g % 20 < 14 THEN 'completed' WHEN g % 20 < 16 THEN 'expired' WHEN g % 20 < 17 THEN 'cancelled'
      WHEN g % 20 < 18 THEN 'failed' ELSE 'pending' END AS status) AS s`.execute(db);
  await sql`
    INSERT INTO top_ups (id, user_id, amount_cents, currency, status, provider, checkout_url, created_at, expires_at)
    SELECT 'top_' || ${tag} || g, 'usr_' || ${tag} || (1 + (g * 11) % 40), 1000, 'USD', 'succeeded', 'simulator', 'https://pay.example',
      ${start}::timestamptz + ((g * 104729) % (${days} * 86400)) * interval '1 second', ${start}::timestamptz + interval '400 days'
    FROM generate_series(1, ${Math.ceil(count / 10)}) AS g`.execute(db);
  await sql`
    INSERT INTO api_request_log (created_at, user_id, api_key_id, method, route, status, duration_ms)
    SELECT ${start}::timestamptz + ((g * 104723) % (${days} * 86400)) * interval '1 second',
      CASE WHEN g % 9 = 0 THEN NULL ELSE 'usr_' || ${tag} || (1 + g % 40) END,
      CASE WHEN g % 3 = 0 THEN 'key_' || (g % 5) END,
      (ARRAY['GET', 'POST', 'DELETE', 'OPTIONS'])[1 + g % 4],
      (ARRAY['/v1/verifications', '/v1/wallet', '/v1/analytics/summary'])[1 + (g / 4) % 3],
      CASE WHEN g % 50 = 0 THEN 429 WHEN g % 97 = 0 THEN 500 WHEN g % 13 = 0 THEN 404 WHEN g % 31 = 0 THEN 302 ELSE 200 END,
      (g * 37) % 120
    FROM generate_series(1, ${count}) AS g`.execute(db);
}

/**
 * The default tiers as the schema of migration 0810 holds them, for data written before the later
 * migrations (seedTiers writes columns added since; migration 1750 gives these rows their cap).
 */
export async function seedTiersAsOf0810(db: Kysely<Database>): Promise<void> {
  await sql`
    INSERT INTO tiers (id, name, discount_percent, rate_limit_per_minute, features) VALUES
      ('tier_basic', 'basic', 0, 120, '{"area_code_selection": false, "api_access": true, "webhooks": false}'),
      ('tier_pro', 'pro', 10, 600, '{"area_code_selection": true, "api_access": true, "webhooks": true}'),
      ('tier_enterprise', 'enterprise', 20, 3000, '{"area_code_selection": true, "api_access": true, "webhooks": true}')
    ON CONFLICT (id) DO NOTHING
  `.execute(db);
}
