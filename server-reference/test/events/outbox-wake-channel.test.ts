import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { OutboxWakeChannel } from '../../src/events/outbox-wake-channel.ts';
import { appendEvent } from '../../src/storage/events/append-event.ts';
import { createDatabase, type DatabaseHandle } from '../../src/storage/create-database.ts';
import { migrateToLatest } from '../../src/storage/migrate.ts';
import { seedTiers } from '../../src/domain/demo-seed.ts';
import { freshSchema } from '../platform/support/test-platform.ts';
import { insertUser } from './support.ts';

const low = {
  type: 'balance.low' as const,
  data: { balance: { amount: 1, currency: 'USD' }, threshold: { amount: 500, currency: 'USD' } },
};

/**
 * The cross-node wake-up on PostgreSQL, seen from the database: an observer connection LISTENs on the
 * channel and sends its own `sentinel` NOTIFY; PostgreSQL hands a session its notifications in commit
 * order, so once a channel has seen the sentinel it has seen (or ignored) everything sent before it.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)('outbox wake-up across nodes (LISTEN/NOTIFY)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  async function setUp() {
    const schema = await freshSchema('wake');
    const database: DatabaseHandle = await createDatabase({ databaseUrl: schema.url, dataDir: '', poolSize: 3 });
    cleanups.push(schema.drop, () => database.close());
    await migrateToLatest(database.db);
    await seedTiers(database.db);
    await database.db.insertInto('event_consumers').values({ name: 'probe' }).execute();
    const observer = new pg.Client({ connectionString: schema.url });
    await observer.connect();
    cleanups.push(() => observer.end());
    const channel = `namaskah_outbox:${schema.schema}`;
    const heard: string[] = [];
    observer.on('notification', (message) => heard.push(message.payload ?? ''));
    await observer.query(`LISTEN ${observer.escapeIdentifier(channel)}`);
    const sentinel = () => observer.query('SELECT pg_notify($1, $2)', [channel, 'sentinel']);
    const wakeChannel = async (options: { reconnectMs?: number } = {}) => {
      const wakes = { count: 0 };
      const wake = new OutboxWakeChannel({ databaseUrl: schema.url, onWake: () => wakes.count++, ...options });
      await wake.start();
      cleanups.push(() => wake.stop());
      // a (re)connection wakes once by itself: notifications sent while it was down are lost
      await expect.poll(() => wakes.count).toBe(1);
      wakes.count = 0;
      return { wake, wakes };
    };
    return { schema, db: database.db, heard, sentinel, wakeChannel };
  }

  it('announces a commit of outbox rows to the other nodes, not a rollback, and ignores its own announcement', async () => {
    const { db, heard, sentinel, wakeChannel } = await setUp();
    const user = await insertUser(db);
    const { wakes } = await wakeChannel();

    await db
      .transaction()
      .execute(async (trx) => {
        await appendEvent(trx, { userId: user.userId, ...low });
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await db.transaction().execute((trx) => appendEvent(trx, { userId: user.userId, ...low }));
    await expect.poll(() => heard.length).toBe(1);
    expect(heard[0]).not.toBe('sentinel');
    await sentinel();
    await expect.poll(() => heard.length).toBe(2);
    // the sentinel woke it; its own announcement (which came first) did not
    await expect.poll(() => wakes.count).toBe(1);
    expect(heard).toHaveLength(2); // one announcement for the commit, none for the rollback

    // a second node hears the first one's commit
    const other = await wakeChannel();
    await db.transaction().execute((trx) => appendEvent(trx, { userId: user.userId, ...low }));
    await expect.poll(() => other.wakes.count).toBeGreaterThanOrEqual(1);
  });

  it('reconnects after its connection is killed, wakes once for what it may have missed, and hears again', async () => {
    const { schema, db, sentinel, wakeChannel } = await setUp();
    const { wake, wakes } = await wakeChannel({ reconnectMs: 20 });
    const killed = await sql<{ killed: boolean }>`
      SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
      WHERE application_name = 'namaskah-outbox-wake' AND query LIKE ${`%${schema.schema}%`}`.execute(db);
    expect(killed.rows.map((r) => r.killed)).toEqual([true]);
    await expect.poll(() => wakes.count, { timeout: 5000 }).toBe(1);
    expect(wake.connected).toBe(true);
    await sentinel();
    await expect.poll(() => wakes.count).toBe(2);
  });
});
