import type { EventType, UserEvent } from '../storage/events/event-catalog.ts';
import type { EventRow } from '../storage/events/event-tables.ts';

/** A database row of `events` as the event object (`data` is stored as the wire payload already). */
export function eventFromRow(row: EventRow): UserEvent {
  return {
    id: row.id,
    userId: row.user_id,
    type: row.type as EventType,
    timestamp: row.created_at.toISOString(),
    sequence: Number(row.sequence),
    data: typeof row.data === 'string' ? JSON.parse(row.data) : row.data,
  };
}
