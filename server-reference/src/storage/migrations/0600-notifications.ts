import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Notifications: in-app records, per-type preferences, push devices, the dev mailbox, and the queue of
 * channel deliveries (email, SMS, push) that quiet hours and digests hold back. Dedupe is a constraint:
 * one receipt per (user, event), so at-least-once dispatch never notifies twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE notifications (
      id text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users (id),
      type text NOT NULL,
      title text NOT NULL,
      body text NOT NULL,
      severity text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
      data jsonb NOT NULL,
      event_id text,
      read_at timestamptz,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX notifications_user_id ON notifications (user_id, id DESC);
    CREATE INDEX notifications_user_unread ON notifications (user_id) WHERE read_at IS NULL;
    CREATE UNIQUE INDEX notifications_one_per_event ON notifications (user_id, event_id) WHERE event_id IS NOT NULL;

    -- every occurrence (an event id, or the key of a notification-only occurrence) is routed once per user
    CREATE TABLE notification_receipts (
      user_id text NOT NULL REFERENCES users (id),
      source_id text NOT NULL,
      type text NOT NULL,
      received_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, source_id)
    );

    -- only the types an account changed; the others follow the defaults in code
    CREATE TABLE notification_preferences (
      user_id text NOT NULL REFERENCES users (id),
      type text NOT NULL,
      enabled boolean NOT NULL,
      channels jsonb NOT NULL,
      quiet_hours jsonb,
      sound jsonb NOT NULL,
      frequency text NOT NULL CHECK (frequency IN ('instant', 'hourly', 'daily')),
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, type)
    );

    CREATE TABLE devices (
      id text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users (id),
      platform text NOT NULL CHECK (platform IN ('fcm', 'apns')),
      token text NOT NULL,
      app_id text NOT NULL,
      apns_environment text CHECK (apns_environment IN ('production', 'sandbox')),
      name text,
      locale text NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      CHECK ((platform = 'apns') = (apns_environment IS NOT NULL)),
      UNIQUE (platform, token)
    );
    CREATE INDEX devices_user ON devices (user_id, id DESC);

    -- one row per (occurrence, channel); held rows wait for due_at (end of quiet hours, digest time)
    CREATE TABLE notification_deliveries (
      id text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users (id),
      source_id text NOT NULL,
      type text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('email', 'sms', 'push')),
      severity text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
      title text NOT NULL,
      body text NOT NULL,
      data jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      due_at timestamptz NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'skipped', 'failed')),
      claimed_until timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      finished_at timestamptz,
      UNIQUE (user_id, source_id, channel)
    );
    CREATE INDEX notification_deliveries_due ON notification_deliveries (due_at) WHERE status = 'pending';
    CREATE INDEX notification_deliveries_user_pending ON notification_deliveries (user_id) WHERE status = 'pending';

    CREATE TABLE mailbox_messages (
      id text PRIMARY KEY,
      from_address text NOT NULL,
      to_address text NOT NULL,
      subject text NOT NULL,
      text text NOT NULL,
      html text,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX mailbox_messages_to ON mailbox_messages (lower(to_address), id DESC);
  `,
  );
}
