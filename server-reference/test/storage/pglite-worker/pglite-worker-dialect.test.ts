import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { PgliteWorkerClient, pgliteWorkerDialect } from '../../../src/storage/pglite-worker/index.ts';

interface Schema {
  t: { n: number };
}
const databases: Array<Kysely<Schema>> = [];
async function open(dataDir = 'memory://') {
  const db = new Kysely<Schema>({ dialect: pgliteWorkerDialect(new PgliteWorkerClient({ dataDir })) });
  databases.push(db);
  await sql`create table if not exists t (n int)`.execute(db);
  return db;
}
afterEach(async () => {
  await Promise.all(databases.splice(0).map((db) => db.destroy().catch(() => undefined)));
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PGlite in a worker thread: the Kysely dialect', () => {
  it('runs a statement from outside a transaction after the transaction, never inside it (one session)', async () => {
    const db = await open();
    const rolledBack = db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('t').values({ n: 1 }).execute();
        await sleep(50);
        throw new Error('roll back');
      })
      .catch((error: Error) => error);
    await sleep(10);
    // had this run in the open transaction's session, the rollback would take it away
    await db.insertInto('t').values({ n: 2 }).execute();
    expect(await rolledBack).toMatchObject({ message: 'roll back' });
    expect(await db.selectFrom('t').select('n').execute()).toEqual([{ n: 2 }]);
  });

  it('opens a transaction with the isolation level and access mode asked for', async () => {
    const db = await open();
    const level = await db
      .transaction()
      .setIsolationLevel('serializable')
      .execute(async (trx) => (await sql<{ transaction_isolation: string }>`show transaction_isolation`.execute(trx)).rows[0]);
    expect(level).toEqual({ transaction_isolation: 'serializable' });
    const readOnly = db
      .transaction()
      .setAccessMode('read only')
      .execute((trx) => trx.insertInto('t').values({ n: 1 }).execute());
    await expect(readOnly).rejects.toMatchObject({ code: '25006' });
  });

  it('counts the rows a statement changed', async () => {
    const db = await open();
    await db
      .insertInto('t')
      .values([{ n: 1 }, { n: 2 }, { n: 3 }])
      .execute();
    const [updated] = await db.updateTable('t').set({ n: 0 }).where('n', '>', 1).execute();
    expect(updated?.numUpdatedRows).toBe(2n);
  });

  it('streams a result in chunks', async () => {
    const db = await open();
    await db
      .insertInto('t')
      .values([{ n: 1 }, { n: 2 }, { n: 3 }])
      .execute();
    const chunks: number[][] = [];
    for await (const row of db.selectFrom('t').select('n').orderBy('n').stream(2)) chunks.push([row.n]);
    expect(chunks.flat()).toEqual([1, 2, 3]);
  });

  it('destroy lets a running transaction commit, then refuses new work', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pglite-worker-'));
    try {
      const db = await open(dataDir);
      let release: () => void = () => undefined;
      const holding = new Promise<void>((resolve) => (release = resolve));
      const committed = db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ n: 7 }).execute();
        await holding;
        await trx.insertInto('t').values({ n: 8 }).execute();
      });
      await sleep(20);
      const destroyed = db.destroy();
      release();
      await committed;
      await destroyed;
      await expect(db.selectFrom('t').selectAll().execute()).rejects.toThrow();
      const reopened = await open(dataDir);
      expect(await reopened.selectFrom('t').select('n').orderBy('n').execute()).toEqual([{ n: 7 }, { n: 8 }]);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
