import { sql, type Kysely } from 'kysely';

/**
 * The W3C `traceparent` of the span that appended an event (null when tracing is off), so the outbox
 * hand-over and the webhook attempts that follow join the trace of the request that caused them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE events ADD COLUMN trace_parent text`.execute(db);
}
