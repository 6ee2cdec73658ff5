import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * The event store and its transactional outbox, and real-time tickets. A user's sequence comes from a
 * counter row bumped in the same transaction as the events, so a rolled-back transaction leaves no gap
 * and concurrent writers for one user queue on that row. The outbox holds one row per event per named
 * consumer, so each consumer progresses (and fails) on its own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE event_counters (
      user_id text PRIMARY KEY REFERENCES users (id),
      last_sequence bigint NOT NULL CHECK (last_sequence >= 0)
    );

    CREATE TABLE events (
      id text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users (id),
      sequence bigint NOT NULL CHECK (sequence >= 1),
      type text NOT NULL,
      data jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      UNIQUE (user_id, sequence)
    );
    CREATE INDEX events_created ON events (created_at);

    CREATE TABLE event_consumers (
      name text PRIMARY KEY,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    -- the real-time hub consumes from the first event on, whether or not a server ever started
    INSERT INTO event_consumers (name) VALUES ('realtime');

    CREATE TABLE event_outbox (
      id bigserial PRIMARY KEY,
      consumer text NOT NULL REFERENCES event_consumers (name) ON DELETE CASCADE,
      event_id text NOT NULL REFERENCES events (id) ON DELETE CASCADE,
      attempts integer NOT NULL DEFAULT 0,
      -- a claimed row is invisible to other dispatchers until its lease ends (crash -> redelivery)
      available_at timestamptz NOT NULL DEFAULT now(),
      last_error text,
      UNIQUE (consumer, event_id)
    );
    CREATE INDEX event_outbox_ready ON event_outbox (consumer, available_at, id);

    CREATE TABLE realtime_tickets (
      ticket_hash text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users (id),
      session_id text,
      api_key_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );
    CREATE INDEX realtime_tickets_expiry ON realtime_tickets (expires_at);
  `,
  );
}
