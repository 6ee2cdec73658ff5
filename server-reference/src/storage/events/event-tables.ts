import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Kysely types of the tables created by migration 0400-events. */
export type EventTables = {
  event_counters: { user_id: string; last_sequence: number };
  events: {
    id: string;
    user_id: string;
    sequence: number;
    type: string;
    data: ColumnType<unknown, string, string>;
    created_at: Timestamp;
    /** The `traceparent` of the span that appended it (migration 0850); null when tracing is off. */
    trace_parent: ColumnType<string | null, string | null | undefined, never>;
  };
  event_consumers: { name: string; created_at: ColumnType<Date, Date | string | undefined, never> };
  event_outbox: {
    id: Generated<number>;
    consumer: string;
    event_id: string;
    attempts: Generated<number>;
    available_at: ColumnType<Date, Date | string | undefined, Date | string>;
    last_error: string | null;
  };
  realtime_tickets: {
    ticket_hash: string;
    user_id: string;
    session_id: string | null;
    api_key_id: string | null;
    created_at: ColumnType<Date, Date | string | undefined, never>;
    expires_at: Timestamp;
    used_at: Timestamp | null;
  };
};

export type EventRow = Selectable<EventTables['events']>;
