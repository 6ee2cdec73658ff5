import { sql, type Transaction } from 'kysely';
import { newId } from '../ids.ts';
import { currentTraceParent } from '../../observability/spans.ts';
import type { EventType, UserEvent } from './event-catalog.ts';
import { onSignalledCommit, SIGNAL_ON_COMMIT } from '../commit-signal.ts';
import type { Database } from '../database-schema.ts';

/**
 * Calls `listener` (synchronously, cheaply) right after a transaction of this process that appended
 * events commits: the dispatcher drains the outbox at once instead of polling for it. The signal comes
 * from the database driver (storage/commit-signal.ts), so a rolled-back append signals nothing and the
 * commit has happened when it fires. Not a NOTIFY in the transaction: PostgreSQL serializes the commits
 * of notifying transactions behind one global lock, which capped appends at a few hundred per second.
 * Returns the function that removes the listener.
 */
export function onEventsCommitted(listener: () => void): () => void {
  return onSignalledCommit(listener);
}

export interface NewEvent {
  userId: string;
  type: EventType;
  /** The payload, already in the spec's shape (spec/schemas/events/<type>.yaml `data`). */
  data: unknown;
  /** When the change happened; defaults to now. */
  timestamp?: Date;
}

/**
 * Records events in the caller's transaction: allocates the user's next sequence numbers (consecutive,
 * gapless: the counter row is bumped in the same transaction, so a rollback takes the numbers back and a
 * concurrent writer for the same user waits on the row), writes the event rows, one outbox row per
 * registered consumer; the commit wakes this process's dispatcher (onEventsCommitted). Nothing is
 * published before that commit.
 *
 * Call it INSIDE the transaction that makes the state change, never with the plain database handle.
 *
 * @example
 * await db.transaction().execute(async (trx) => {
 *   await trx.updateTable('verifications').set({ status: 'completed' }).where('id', '=', id).execute();
 *   await appendEvent(trx, { userId, type: 'verification.completed', data: serializeVerification(row) });
 * });
 */
export async function appendEvent(trx: Transaction<Database>, event: NewEvent): Promise<UserEvent> {
  const [appended] = await appendEvents(trx, [event]);
  if (!appended) throw new Error('appendEvents returned no event for the one it was given');
  return appended;
}

/**
 * Several events in one go; events of the same user get consecutive sequences in the given order
 * (`sms.received` then `verification.completed`, say). One statement whatever the batch: the counter
 * bump, the event rows and the outbox rows are data-modifying CTEs of one INSERT (a round trip each
 * would hold the counter row's lock for two more round trips).
 */
export async function appendEvents(trx: Transaction<Database>, events: NewEvent[]): Promise<UserEvent[]> {
  if (events.length === 0) return [];
  const perUser = new Map<string, number>();
  for (const event of events) perUser.set(event.userId, (perUser.get(event.userId) ?? 0) + 1);
  // sorted, so transactions that touch the same users lock their counters in the same order and cannot
  // deadlock on them
  const userIds = [...perUser.keys()].sort();
  const counts = userIds.map((id) => perUser.get(id)!);
  const now = new Date();
  const later = new Map(perUser);
  const batch = events.map((event) => {
    // an event's sequence is its user's bumped counter less the user's events after it in this batch
    const after = later.get(event.userId)! - 1;
    later.set(event.userId, after);
    return { id: newId('evt'), event, after, at: event.timestamp ?? now };
  });
  const stored = await sql<{ id: string; sequence: number }>`
    WITH bumped AS (
      INSERT INTO event_counters (user_id, last_sequence)
      SELECT u.user_id, u.n FROM unnest(${sql.val(userIds)}::text[], ${sql.val(counts)}::bigint[]) AS u(user_id, n) ORDER BY u.user_id
      ON CONFLICT (user_id) DO UPDATE SET last_sequence = event_counters.last_sequence + excluded.last_sequence
      RETURNING user_id, last_sequence
    ), batch AS (
      SELECT * FROM unnest(
        ${sql.val(batch.map((b) => b.id))}::text[], ${sql.val(batch.map((b) => b.event.userId))}::text[],
        ${sql.val(batch.map((b) => b.event.type))}::text[], ${sql.val(batch.map((b) => JSON.stringify(b.event.data)))}::text[],
        ${sql.val(batch.map((b) => b.at.toISOString()))}::text[], ${sql.val(batch.map((b) => b.after))}::int[]
      ) WITH ORDINALITY AS e(id, user_id, type, data, created_at, after, position)
    ), stored AS (
      INSERT INTO events (id, user_id, sequence, type, data, created_at, trace_parent)
      SELECT e.id, e.user_id, b.last_sequence - e.after, e.type, e.data::jsonb, e.created_at::timestamptz, ${currentTraceParent()}::text
      FROM batch e JOIN bumped b ON b.user_id = e.user_id
      RETURNING id, sequence
    ), outbox AS (
      INSERT INTO event_outbox (consumer, event_id) ${sql.raw(SIGNAL_ON_COMMIT)}
      SELECT c.name, e.id FROM batch e CROSS JOIN event_consumers c ORDER BY e.position, c.name
    )
    SELECT id, sequence FROM stored`.execute(trx);
  const sequenceOf = new Map(stored.rows.map((row) => [row.id, Number(row.sequence)]));
  return batch.map(({ id, event, at }) => {
    const sequence = sequenceOf.get(id);
    if (sequence === undefined) throw new Error(`event ${id} was not stored`);
    return { id, userId: event.userId, type: event.type, timestamp: at.toISOString(), sequence, data: event.data };
  });
}

/**
 * An event for every active user (announcements): each gets its own copy, id and sequence, with the same
 * data, as spec/schemas/events/announcement-published.yaml says. Users are processed in pages so the
 * statements stay small; all copies commit (or roll back) with the caller's transaction.
 */
export async function appendBroadcast(
  trx: Transaction<Database>,
  event: { type: EventType; data: unknown; timestamp?: Date },
  pageSize = 500,
): Promise<number> {
  const db = trx;
  let after = '';
  let total = 0;
  for (;;) {
    const users = await db
      .selectFrom('users')
      .select('id')
      .where('status', '=', 'active')
      .where('id', '>', after)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    const last = users.at(-1);
    if (!last) return total;
    await appendEvents(
      trx,
      users.map((u) => ({ userId: u.id, type: event.type, data: event.data, timestamp: event.timestamp })),
    );
    total += users.length;
    after = last.id;
  }
}
