import { sql, type Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { migrations } from './migrations/index.ts';
import type { Database } from './database-schema.ts';

/**
 * Brings the schema up to date (idempotent; safe at every start and from several processes, since Kysely
 * takes a lock around the run). Throws when a migration fails.
 *
 * The migration bookkeeping tables are pinned to the connection's current schema: without that, Kysely
 * looks for them in every schema, finds another schema's lock table (several test suites share one
 * PostgreSQL, one schema each) and never creates its own.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: rows[0]?.schema ?? 'public',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
