import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../../src/storage/create-database.ts';
import { migrateToLatest } from '../../src/storage/migrate.ts';
import { DRIVERS } from '../support/test-server.ts';

const createTable = (name: string): Migration => ({
  up: async (db: Kysely<unknown>) => {
    await db.schema.createTable(name).addColumn('id', 'integer').execute();
  },
});

/** A database of its own (a fresh PGlite, or a fresh schema on the test PostgreSQL) counting its statements. */
async function freshDatabase(driver: 'pglite' | 'postgres'): Promise<DatabaseHandle & { statements: () => number }> {
  let databaseUrl: string | null = null;
  if (driver === 'postgres') {
    const schema = `m_${randomBytes(6).toString('hex')}`;
    const admin = await createDatabase({ databaseUrl: process.env.TEST_DATABASE_URL!, dataDir: '', poolSize: 1 });
    await admin.db.schema.createSchema(schema).execute();
    await admin.close();
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    databaseUrl = url.toString();
  }
  const handle = await createDatabase({ databaseUrl, dataDir: 'memory://', poolSize: 2 });
  let statements = 0;
  const db = handle.db.withPlugin({
    transformQuery: (args) => {
      statements++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  });
  return { ...handle, db, statements: () => statements };
}

describe.each(DRIVERS)('migrateToLatest (%s)', (driver) => {
  let database: Awaited<ReturnType<typeof freshDatabase>> | null = null;
  afterEach(async () => {
    await database?.close();
    database = null;
  });

  it('applies what is missing, and nothing on a current schema', async () => {
    database = await freshDatabase(driver);
    const first = { '0001-a': createTable('a') };
    expect(await migrateToLatest(database.db, first)).toEqual(['0001-a']);
    const before = database.statements();
    expect(await migrateToLatest(database.db, first)).toEqual([]);
    expect(database.statements() - before).toBe(2); // the schema check and the recorded names: no Migrator run
    const second = { ...first, '0002-b': createTable('b') };
    expect(await migrateToLatest(database.db, second)).toEqual(['0002-b']);
    await sql`select id from b`.execute(database.db);
    expect(await migrateToLatest(database.db, second)).toEqual([]);
  });

  it('refuses a schema that recorded a migration this code does not know', async () => {
    database = await freshDatabase(driver);
    await migrateToLatest(database.db, { '0001-a': createTable('a'), '0002-b': createTable('b') });
    await expect(migrateToLatest(database.db, { '0001-a': createTable('a') })).rejects.toThrow(/0002-b/);
  });
});
