import { sql, type Kysely } from 'kysely';

/**
 * The request log a caller reads (`GET /v1/request-logs`): the request id, the concrete path, the operation
 * and the problem code of a failure beside what the usage figures already had, and the index a caller's
 * newest-first and after-sequence listings read through. Rows written before this migration keep nulls.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE api_request_log
      ADD COLUMN request_id text,
      ADD COLUMN path text,
      ADD COLUMN operation_id text,
      ADD COLUMN error_code text
  `.execute(db);
  await sql`CREATE INDEX api_request_log_user_sequence ON api_request_log (user_id, id)`.execute(db);
}
