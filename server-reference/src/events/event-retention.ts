import type { Kysely } from 'kysely';
import type { Database } from '../storage/database-schema.ts';

/** How long events are kept: 30 days for `GET /v1/events`; resume replays at most the last day. */
export interface EventRetention {
  keepDays: number;
}

/**
 * Deletes events older than the retention (and their outbox rows, by cascade: a consumer that has not
 * taken an event in 30 days will not get it) and spent real-time tickets. Runs as a periodic job.
 */
export async function pruneEvents(
  db: Kysely<Database>,
  retention: EventRetention,
  now = new Date(),
): Promise<{ events: number; tickets: number }> {
  const cutoff = new Date(now.getTime() - retention.keepDays * 86_400_000);
  const events = await db.deleteFrom('events').where('created_at', '<', cutoff).executeTakeFirst();
  const tickets = await db
    .deleteFrom('realtime_tickets')
    .where('expires_at', '<', new Date(now.getTime() - 60_000))
    .executeTakeFirst();
  return { events: Number(events.numDeletedRows), tickets: Number(tickets.numDeletedRows) };
}
