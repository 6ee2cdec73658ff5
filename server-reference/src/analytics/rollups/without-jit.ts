import { sql, type Kysely, type QueryResult, type RawBuilder } from 'kysely';
import type { Database } from '../../storage/database-schema.ts';

/**
 * Runs one analytics query with JIT compilation off. The planner cannot know how many rows a
 * `jsonb_to_recordset` of buckets holds (it assumes 100), so the estimated cost of these queries passes
 * `jit_above_cost` and PostgreSQL spends 150-400 ms compiling a query that then runs in a few
 * milliseconds. `SET LOCAL` keeps the change inside this transaction. PGlite has no JIT; the setting
 * exists there too and is harmless.
 */
export function withoutJit<T>(db: Kysely<Database>, query: RawBuilder<T>): Promise<QueryResult<T>> {
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL jit = off`.execute(trx);
    return query.execute(trx);
  });
}
