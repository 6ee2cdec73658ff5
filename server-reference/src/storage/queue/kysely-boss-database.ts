import { CompiledQuery, type DatabaseConnection, type Kysely } from 'kysely';
import type { Db as IDatabase } from 'pg-boss';
import type { Database } from '../database-schema.ts';

/** What this adapter uses of the PGlite session behind a connection: the in-process PGlite and the worker's client both have it. */
interface PgliteSession {
  exec(sql: string): Promise<Array<{ rows?: unknown[] }>>;
  query(sql: string): Promise<unknown>;
}

/**
 * pg-boss's database adapter for PGlite, routed through Kysely's connection lock. PGlite has ONE
 * session: pg-boss's own `fromPglite` adapter talks to the instance directly, so its polling statements
 * could land inside a Kysely transaction that happens to be open (and be rolled back with it). Here every
 * pg-boss statement waits for the Kysely connection like any other query. Statements without parameters
 * may be multi-statement DDL/locking blocks, which only PGlite's `exec` (simple protocol) accepts.
 */
export function kyselyPgliteBossDatabase(db: Kysely<Database>): IDatabase {
  return {
    async executeSql(text: string, values?: unknown[]) {
      return db.getExecutor().provideConnection(async (connection: DatabaseConnection) => {
        // kysely-pglite-dialect's connection keeps its PGlite instance as `client`, pglite-worker's its client
        const { client } = connection as DatabaseConnection & { client: PgliteSession };
        try {
          if (!values?.length) {
            const results: Array<{ rows?: unknown[] }> = await client.exec(text);
            return { rows: results.flatMap((r) => r.rows ?? []) };
          }
          const result = await connection.executeQuery(CompiledQuery.raw(text, values));
          return { rows: [...result.rows] };
        } catch (error) {
          // a failed statement inside a BEGIN block would leave the shared session aborted for everyone
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      });
    },
  };
}
