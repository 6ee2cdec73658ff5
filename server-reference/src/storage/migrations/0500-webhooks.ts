import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Webhooks: endpoints (secrets encrypted at rest), the exact bytes of every event sent (so each retry and
 * replay carries the same body), and one row per delivery attempt. Pending attempts are also the work
 * queue: a worker claims due rows with a lease, so an attempt interrupted by a crash is sent again
 * (at least once), and the unique index on first attempts makes a redelivered event fan out once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE webhook_endpoints (
      id text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      url text NOT NULL,
      description text,
      event_types jsonb NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      disabled_reason text CHECK (disabled_reason IN ('gone_410', 'failing_5_days', 'manual')),
      disabled_at timestamptz,
      -- AES-256-GCM ciphertexts; the endpoint id is the associated data, so a ciphertext copied to another row fails
      secret_ciphertext text NOT NULL,
      secret_prefix text NOT NULL,
      previous_secret_ciphertext text,
      previous_secret_expires_at timestamptz,
      last_success_at timestamptz,
      failure_since timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (enabled = (disabled_reason IS NULL))
    );
    CREATE INDEX webhook_endpoints_user ON webhook_endpoints (user_id, id DESC);

    CREATE TABLE webhook_messages (
      event_id text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      event_type text NOT NULL,
      sequence bigint NOT NULL,
      body text NOT NULL,
      test boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX webhook_messages_created ON webhook_messages (created_at);

    CREATE TABLE webhook_deliveries (
      id text PRIMARY KEY,
      endpoint_id text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
      event_id text NOT NULL REFERENCES webhook_messages (event_id) ON DELETE CASCADE,
      event_type text NOT NULL,
      status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
      trigger text NOT NULL CHECK (trigger IN ('event', 'retry', 'replay', 'test')),
      attempt integer NOT NULL CHECK (attempt >= 1),
      -- position in the retry schedule (1 = first attempt); null for replays and tests, which are never retried
      schedule_step integer,
      replay_of text,
      url text NOT NULL,
      request_headers jsonb,
      response_status integer,
      response_body text,
      response_body_truncated boolean NOT NULL DEFAULT false,
      latency_ms integer,
      error_code text,
      error_message text,
      next_attempt_at timestamptz,
      attempted_at timestamptz,
      created_at timestamptz NOT NULL,
      -- a worker's claim on a pending attempt; once past, another worker may take it (the first one crashed)
      locked_until timestamptz
    );
    CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id DESC);
    CREATE INDEX webhook_deliveries_event ON webhook_deliveries (endpoint_id, event_id);
    CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
    CREATE INDEX webhook_deliveries_created ON webhook_deliveries (created_at);
    CREATE UNIQUE INDEX webhook_deliveries_first_attempt ON webhook_deliveries (endpoint_id, event_id) WHERE trigger = 'event';
  `,
  );
}
