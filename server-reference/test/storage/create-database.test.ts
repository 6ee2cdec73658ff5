import { PGlite } from '@electric-sql/pglite';
import { type DatabaseConnection, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createDatabase } from '../../src/storage/create-database.ts';
import { migrations } from '../../src/storage/migrations/index.ts';
import { PgliteWorkerClient } from '../../src/storage/pglite-worker/index.ts';
import { buildMigratedPgliteTemplate } from '../../src/storage/pglite-template.ts';
import { kyselyPgliteBossDatabase } from '../../src/storage/queue/kysely-boss-database.ts';

/** The native client behind the one PGlite connection, as the pg-boss adapter reaches it. */
async function nativeClient(database: Awaited<ReturnType<typeof createDatabase>>) {
  return database.db.getExecutor().provideConnection(async (connection: DatabaseConnection) => (connection as { client?: unknown }).client);
}

describe('createDatabase on PGlite', () => {
  it('opens copies of a migrated template, in a worker thread and in process: every migration applied, each copy its own', async () => {
    const template = await buildMigratedPgliteTemplate();
    const [a, b] = await Promise.all([
      createDatabase({ databaseUrl: null, dataDir: 'memory://', pgliteTemplate: template }),
      createDatabase({ databaseUrl: null, dataDir: 'memory://', pgliteTemplate: template, pgliteWorker: false }),
    ]);
    try {
      for (const copy of [a, b]) {
        const applied = await copy.db
          .selectFrom('kysely_migration' as never)
          .select('name' as never)
          .execute();
        expect(applied.map((row) => (row as { name: string }).name).sort()).toEqual(Object.keys(migrations).sort());
      }
      await sql`create table only_in_a (n int)`.execute(a.db);
      const tables = (copy: typeof a) =>
        sql<{ n: number }>`select count(*)::int as n from pg_tables where tablename = 'only_in_a'`.execute(copy.db);
      expect([(await tables(a)).rows[0]!.n, (await tables(b)).rows[0]!.n]).toEqual([1, 0]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('runs PGlite in a worker thread unless PGLITE_WORKER=false', () => {
    expect(loadConfig({}).pgliteWorker).toBe(true);
    expect(loadConfig({ PGLITE_WORKER: 'false' }).pgliteWorker).toBe(false);
  });

  for (const pgliteWorker of [true, false]) {
    it(`${pgliteWorker ? 'in a worker thread' : 'in process'}: the pg-boss adapter runs parameterless blocks and parameterised statements`, async () => {
      const database = await createDatabase({ databaseUrl: null, dataDir: 'memory://', pgliteWorker });
      try {
        expect(await nativeClient(database)).toBeInstanceOf(pgliteWorker ? PgliteWorkerClient : PGlite);
        const boss = kyselyPgliteBossDatabase(database.db);
        const block = await boss.executeSql(
          'create table jobs (n int8); insert into jobs values (1), (2); select sum(n)::int8 as total from jobs',
        );
        expect(block.rows).toEqual([{ total: 3 }]);
        expect((await boss.executeSql('select n from jobs where n > $1', [1])).rows).toEqual([{ n: 2 }]);
        // a failed statement leaves no aborted transaction behind on the one session
        await expect(boss.executeSql('begin; insert into jobs values (1); select 1/0')).rejects.toMatchObject({ code: '22012' });
        expect((await boss.executeSql('select count(*)::int as n from jobs', [])).rows).toEqual([{ n: 2 }]);
      } finally {
        await database.close();
      }
    });
  }
});
