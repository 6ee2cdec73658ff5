import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { Database } from './database-schema.ts';
import { INT8_PARSERS } from './int8-parsers.ts';
import { migrateToLatest } from './migrate.ts';

/**
 * An empty, migrated PGlite data directory as bytes (an uncompressed tar), for
 * `createDatabase({ pgliteTemplate })`: initdb and every migration run once, and each database opened from
 * it starts in a fraction of a second instead of several. Migrating a copy again is a no-op, so a database
 * opened from it is the same as one migrated from scratch. Test suites and benchmarks open dozens of
 * throwaway databases (server-reference/test/support/pglite-template-cache.ts keeps one per migration set).
 */
export async function buildMigratedPgliteTemplate(): Promise<Uint8Array<ArrayBuffer>> {
  const client = new PGlite('memory://', { parsers: INT8_PARSERS });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  await migrateToLatest(db);
  const dump = await client.dumpDataDir('none');
  await db.destroy();
  return new Uint8Array(await dump.arrayBuffer());
}
