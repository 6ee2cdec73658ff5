import { sql, type Kysely } from 'kysely';

/**
 * Runs a block of DDL one statement at a time: PGlite's extended-protocol `query` takes a single statement,
 * and migrations must run unchanged on PGlite and PostgreSQL. Statements are split on `;` at a line end,
 * so the DDL must not contain that sequence inside a literal.
 */
export async function runStatements(db: Kysely<unknown>, ddl: string): Promise<void> {
  const statements = ddl
    .split(/;\s*\n/)
    .map((statement) => statement.replace(/^\s*--.*$/gm, '').trim())
    .filter((statement) => statement.length > 0);
  for (const statement of statements) await sql.raw(statement).execute(db);
}
