/**
 * One reference node for the HTTP benchmarks, in a process of its own (the load generator must not share
 * its event loop): the whole platform as `main.ts` starts it (`startPlatform`: dispatcher, webhooks,
 * realtime, jobs, the request log, pino at `info` to stdout, which the parent points at a file), on PGlite
 * in memory or on a throwaway schema of BENCH_DATABASE_URL. It seeds funded users with sessions and a few
 * verifications, and answers the parent over IPC: `ready` (url, tokens), `ledger` (is every wallet equal to
 * the sum of its entries, and how many purchases were charged), `stop`.
 *
 * Bench-only setting: the tiers' rate limits are raised so 50 connections on a few users measure the
 * server, not 429s (the limiter still runs and counts on every request).
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../../server-reference/src/config.ts';
import { postLedgerEntry } from '../../../server-reference/src/domain/wallet-ledger.ts';
import { startPlatform } from '../../../server-reference/src/platform/start-platform.ts';
import { createDatabase } from '../../../server-reference/src/storage/create-database.ts';

const USERS = Number(process.env.BENCH_USERS ?? 20);
const pgUrl = process.env.BENCH_DATABASE_URL || null;
let schema: string | null = null;
let databaseUrl: string | null = null;
if (pgUrl) {
  schema = `bench_http_${randomBytes(4).toString('hex')}`;
  const admin = await createDatabase({ databaseUrl: pgUrl, dataDir: '', poolSize: 1 });
  await admin.db.schema.createSchema(schema).execute();
  await admin.close();
  const url = new URL(pgUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  databaseUrl = url.toString();
}
const env = {
  ...process.env,
  DATABASE_URL: databaseUrl ?? '',
  DATA_DIR: 'memory://',
  PORT: '0',
  SEED_DEMO: 'false',
  JOB_QUEUE_SCHEMA: schema ? `${schema}_jobs` : 'pgboss',
  SMS_POLL_INTERVAL_MS: '0',
  // no simulated SMS during the run: the seeded rentals' codes would land in the middle of the reads
  SIMULATOR_SMS_DELAY_MS: '600000',
};
const config = loadConfig(env);
const platform = await startPlatform(config, { env, seedDemo: false, dashboard: false });
const { db } = platform.database;
await db.updateTable('tiers').set({ rate_limit_per_minute: 10_000_000 }).execute();

const users: Array<{ userId: string; token: string }> = [];
for (let i = 0; i < USERS; i++) {
  const { user, tokens } = await platform.services.accounts.register(
    { email: `bench-${i}@bench.test`, password: 'bench password 123', name: 'Bench' },
    { ip: '127.0.0.1', userAgent: 'bench' },
  );
  await db
    .transaction()
    .execute((trx) => postLedgerEntry(trx, { userId: user.id, kind: 'adjustment', amountCents: 10_000_000, reason: 'bench funding' }));
  users.push({ userId: user.id, token: tokens.accessToken });
}
// a few verifications each, so lists have rows
for (const { userId } of users) {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const tier = await db.selectFrom('tiers').selectAll().where('id', '=', user.tier_id).executeTakeFirstOrThrow();
  for (let i = 0; i < 10; i++) await platform.services.verifications.create(user, tier, { service: 'whatsapp', country: 'DE' }, null);
}

/** Whether every wallet equals the sum of its entries, read in one snapshot (purchases may still be committing). */
async function ledger() {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const wallets = await trx.selectFrom('wallets').select(['user_id', 'balance_cents']).execute();
      const sums = await trx
        .selectFrom('ledger_entries')
        .select(['user_id', (eb) => eb.fn.sum<number>('amount_cents').as('sum')])
        .groupBy('user_id')
        .execute();
      const sumOf = new Map(sums.map((row) => [row.user_id, Number(row.sum)]));
      const mismatched = wallets.filter((w) => w.balance_cents !== (sumOf.get(w.user_id) ?? 0)).length;
      const charged = await trx
        .selectFrom('ledger_entries')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('kind', '=', 'purchase')
        .executeTakeFirstOrThrow();
      const verifications = await trx
        .selectFrom('verifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { mismatched, wallets: wallets.length, purchases: Number(charged.n), verifications: Number(verifications.n) };
    });
}

process.on('message', async (message: { type: string }) => {
  if (message.type === 'ledger') process.send!({ type: 'ledger', ...(await ledger()) });
  if (message.type === 'stop') {
    await platform.stop();
    if (schema) {
      const admin = await createDatabase({ databaseUrl: pgUrl!, dataDir: '', poolSize: 1 });
      await admin.db.schema.dropSchema(schema).cascade().execute();
      await admin.db.schema.dropSchema(`${schema}_jobs`).ifExists().cascade().execute();
      await admin.close();
    }
    process.exit(0);
  }
});
// the seeding's events dispatched before anything is measured
await platform.dispatcher.drain();
process.send!({ type: 'ready', url: platform.url, driver: platform.database.driver, users });
