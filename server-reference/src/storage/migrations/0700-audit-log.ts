import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * The append-only audit log (spec/schemas/audit-log-entry.yaml). Append-only is enforced by the database,
 * on PostgreSQL and PGlite alike: triggers refuse every UPDATE, DELETE and TRUNCATE, so neither a bug nor
 * a compromised application query can rewrite history (only a superuser dropping the trigger can).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE audit_log (
      id text PRIMARY KEY,
      seq bigserial NOT NULL UNIQUE,
      actor_user_id text,
      actor_role text NOT NULL CHECK (actor_role IN ('user', 'support', 'admin', 'system')),
      action text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_]*([.][a-z][a-z0-9_]*)+$'),
      target_type text,
      target_id text,
      ip text,
      user_agent text,
      metadata jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((actor_role = 'system') = (actor_user_id IS NULL))
    );
    CREATE INDEX audit_log_actor ON audit_log (actor_user_id, seq DESC);
    CREATE INDEX audit_log_target ON audit_log (target_type, target_id, seq DESC);
    CREATE INDEX audit_log_action ON audit_log (action, seq DESC);

    -- the body stays on one line: runStatements splits on a semicolon at a line end
    CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege'; END
    $$;
    CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
  `,
  );
}
