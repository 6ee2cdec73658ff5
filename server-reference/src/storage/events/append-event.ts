import { sql, type Kysely, type Transaction } from 'kysely';
import { newId } from '../ids.ts';
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
 * (`sms.received` then `verification.completed`, say).
 */
export async function appendEvents(trx: Transaction<Database>, events: NewEvent[]): Promise<UserEvent[]> {
  if (events.length === 0) return [];
  const db = trx;
  const perUser = new Map<string, number>();
  for (const event of events) perUser.set(event.userId, (perUser.get(event.userId) ?? 0) + 1);
  // one statement for every user; sorted, so transactions that touch the same users lock their counters
  // in the same order and cannot deadlock on them
  const userIds = [...perUser.keys()].sort();
  const counts = userIds.map((id) => perUser.get(id)!);
  const bumped = await sql<{ user_id: string; last_sequence: number }>`
    INSERT INTO event_counters (user_id, last_sequence)
    SELECT u.user_id, u.n FROM unnest(${sql.val(userIds)}::text[], ${sql.val(counts)}::bigint[]) AS u(user_id, n) ORDER BY u.user_id
    ON CONFLICT (user_id) DO UPDATE SET last_sequence = event_counters.last_sequence + excluded.last_sequence
    RETURNING user_id, last_sequence`.execute(db);
  const next = new Map<string, number>();
  for (const row of bumped.rows) next.set(row.user_id, Number(row.last_sequence) - perUser.get(row.user_id)! + 1);
  const now = new Date();
  const appended: UserEvent[] = events.map((event) => {
    const sequence = next.get(event.userId)!;
    next.set(event.userId, sequence + 1);
    const at = event.timestamp ?? now;
    return { id: newId('evt'), userId: event.userId, type: event.type, timestamp: at.toISOString(), sequence, data: event.data };
  });
  await db
    .insertInto('events')
    .values(
      appended.map((e) => ({
        id: e.id,
        user_id: e.userId,
        sequence: e.sequence,
        type: e.type,
        data: JSON.stringify(e.data),
        created_at: e.timestamp,
      })),
    )
    .execute();
  await writeOutbox(
    db,
    appended.map((e) => e.id),
  );
  return appended;
}

/** One outbox row per consumer for each event; its commit signals this process's dispatcher. */
async function writeOutbox(db: Kysely<Database>, eventIds: string[]): Promise<void> {
  await sql`INSERT INTO event_outbox (consumer, event_id) ${sql.raw(SIGNAL_ON_COMMIT)}
    SELECT c.name, e.id FROM event_consumers c CROSS JOIN unnest(${sql.val(eventIds)}::text[]) AS e(id)`.execute(db);
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
