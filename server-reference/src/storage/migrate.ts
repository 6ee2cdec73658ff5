import { sql, type Kysely } from 'kysely';
import { type Migration, Migrator } from 'kysely/migration';
import { migrations as releasedMigrations } from './migrations/index.ts';
import type { Database } from './database-schema.ts';

/**
 * Brings the schema up to date (idempotent; safe at every start and from several processes, since Kysely
 * takes a lock around the run). Throws when a migration fails. `migrations` defaults to the released
 * ones (tests pass their own).
 *
 * A start on a current schema (the usual case) costs two reads: the schema with whether Kysely's
 * bookkeeping table exists, then the names it records. Only when a name is missing does Kysely's Migrator
 * run, with its lock table and its own checks; a migration still running in another process has not
 * recorded its name yet (the row is written in the migration's transaction), so it is waited for too.
 *
 * The migration bookkeeping tables are pinned to the connection's current schema: without that, Kysely
 * looks for them in every schema, finds another schema's lock table (several test suites share one
 * PostgreSQL, one schema each) and never creates its own.
 *
 * @example
 * const applied = await migrateToLatest(db); // [] when the schema was already current
 */
export async function migrateToLatest(db: Kysely<Database>, migrations: Record<string, Migration> = releasedMigrations): Promise<string[]> {
  const { rows } = await sql<{ schema: string; bookkept: boolean }>`
    select current_schema() as schema,
           to_regclass(format('%I.kysely_migration', current_schema())) is not null as bookkept`.execute(db);
  const schema = rows[0]?.schema ?? 'public';
  if (rows[0]?.bookkept && (await allRecorded(db, schema, Object.keys(migrations)))) return [];
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema: schema });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Whether Kysely's table records exactly these migrations (an unknown name is left to the Migrator to refuse). */
async function allRecorded(db: Kysely<Database>, schema: string, names: string[]): Promise<boolean> {
  const { rows } = await sql<{ name: string }>`select name from ${sql.id(schema, 'kysely_migration')}`.execute(db);
  const recorded = new Set(rows.map((r) => r.name));
  return recorded.size === names.length && names.every((name) => recorded.has(name));
}
