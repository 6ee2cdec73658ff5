import type { Kysely } from 'kysely';
import type { EventType, UserEvent } from '../storage/events/event-catalog.ts';
import { eventFromRow } from './event-row.ts';
import type { Database } from '../storage/database-schema.ts';

export interface ListEventsQuery {
  limit: number;
  /** An event id: the page continues after it (in the page's order). */
  startingAfter?: string;
  afterSequence?: number;
  types?: EventType[];
  createdGte?: Date;
  createdLt?: Date;
  /** Oldest event still listed (the retention horizon). */
  notBefore: Date;
}

/** Reads of the event store: what replay, resume and `GET /v1/events` need. */
export class EventStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  /** The user's latest sequence (0 before the first event). */
  async latestSequence(userId: string): Promise<number> {
    const row = await this.#db.selectFrom('event_counters').select('last_sequence').where('user_id', '=', userId).executeTakeFirst();
    return row ? Number(row.last_sequence) : 0;
  }

  /** Events with `after < sequence <= upTo`, oldest first, at most `limit`. */
  async range(userId: string, after: number, upTo: number, limit = 1000): Promise<UserEvent[]> {
    if (upTo <= after) return [];
    const rows = await this.#db
      .selectFrom('events')
      .selectAll()
      .where('user_id', '=', userId)
      .where('sequence', '>', after)
      .where('sequence', '<=', upTo)
      .orderBy('sequence')
      .limit(limit)
      .execute();
    return rows.map(eventFromRow);
  }

  /** One event of the user, or null. */
  async get(userId: string, eventId: string, notBefore?: Date): Promise<UserEvent | null> {
    let query = this.#db.selectFrom('events').selectAll().where('id', '=', eventId).where('user_id', '=', userId);
    if (notBefore) query = query.where('created_at', '>=', notBefore);
    const row = await query.executeTakeFirst();
    return row ? eventFromRow(row) : null;
  }

  /**
   * A page of `GET /v1/events` (limit + 1 rows, so the caller can tell `has_more`): newest first, or
   * oldest first after `afterSequence`. Returns null when `startingAfter` names no event of the user.
   */
  async list(userId: string, query: ListEventsQuery): Promise<UserEvent[] | null> {
    const ascending = query.afterSequence !== undefined;
    let q = this.#db.selectFrom('events').selectAll().where('user_id', '=', userId).where('created_at', '>=', query.notBefore);
    if (query.afterSequence !== undefined) q = q.where('sequence', '>', query.afterSequence);
    if (query.types?.length) q = q.where('type', 'in', query.types);
    if (query.createdGte) q = q.where('created_at', '>=', query.createdGte);
    if (query.createdLt) q = q.where('created_at', '<', query.createdLt);
    if (query.startingAfter) {
      const cursor = await this.#db
        .selectFrom('events')
        .select('sequence')
        .where('id', '=', query.startingAfter)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (!cursor) return null;
      q = q.where('sequence', ascending ? '>' : '<', cursor.sequence);
    }
    const rows = await q
      .orderBy('sequence', ascending ? 'asc' : 'desc')
      .limit(query.limit + 1)
      .execute();
    return rows.map(eventFromRow);
  }
}
