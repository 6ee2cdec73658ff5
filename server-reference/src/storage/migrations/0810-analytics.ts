import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Analytics: covering indexes so the figures of a range are read from the index alone (per account and
 * platform-wide), the API request log the usage figures come from, and scheduled reports.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE INDEX verifications_analytics_user ON verifications (user_id, created_at)
      INCLUDE (status, service, country, price_cents, cost_cents, refunded, completed_at);
    CREATE INDEX verifications_analytics_platform ON verifications (created_at)
      INCLUDE (user_id, status, service, country, price_cents, cost_cents, refunded, completed_at);
    CREATE INDEX verifications_status_created ON verifications (status, created_at DESC);
    CREATE INDEX top_ups_created ON top_ups (created_at) INCLUDE (user_id);
    CREATE INDEX ledger_entries_created ON ledger_entries (created_at, seq);

    CREATE TABLE api_request_log (
      id bigserial PRIMARY KEY,
      created_at timestamptz NOT NULL DEFAULT now(),
      user_id text,
      api_key_id text,
      method text NOT NULL,
      route text NOT NULL,
      status integer NOT NULL,
      duration_ms integer NOT NULL
    );
    CREATE INDEX api_request_log_created ON api_request_log (created_at);
    CREATE INDEX api_request_log_user ON api_request_log (user_id, created_at);

    CREATE TABLE scheduled_reports (
      id text PRIMARY KEY,
      user_id text NOT NULL REFERENCES users (id),
      name text NOT NULL,
      report text NOT NULL CHECK (report IN ('summary', 'verifications', 'ledger')),
      format text NOT NULL CHECK (format IN ('csv', 'pdf')),
      scope text NOT NULL CHECK (scope IN ('me', 'platform')),
      frequency text NOT NULL CHECK (frequency IN ('daily', 'weekly')),
      day_of_week integer CHECK (day_of_week BETWEEN 1 AND 7),
      hour_of_day integer NOT NULL CHECK (hour_of_day BETWEEN 0 AND 23),
      timezone text NOT NULL,
      recipients jsonb NOT NULL,
      next_run_at timestamptz NOT NULL,
      last_run_at timestamptz,
      last_run_status text CHECK (last_run_status IN ('succeeded', 'failed')),
      claimed_until timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((frequency = 'weekly') = (day_of_week IS NOT NULL))
    );
    CREATE INDEX scheduled_reports_user ON scheduled_reports (user_id, created_at DESC, id DESC);
    CREATE INDEX scheduled_reports_due ON scheduled_reports (next_run_at);
  `,
  );
}
