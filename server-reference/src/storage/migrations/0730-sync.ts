import { sql, type Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * The change feed behind `GET /v1/sync`: one row per synchronised object, moved to a new position
 * (`txid`, `seq`) by triggers whenever the object is inserted, updated or deleted. `txid` is the writing
 * transaction's id; a reader only takes rows whose transaction finished before its snapshot's xmin, so a
 * transaction that commits late can never slip in behind a cursor already handed out (see
 * domain/sync/change-feed.ts). Notifications belong to the notifications module; their trigger is added
 * here when that table exists, so the feed does not depend on the order modules land in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE SEQUENCE sync_change_seq;
    CREATE TABLE sync_changes (
      object text NOT NULL CHECK (object IN ('verification', 'ledger_entry', 'notification')),
      object_id text NOT NULL,
      user_id text NOT NULL,
      txid xid8 NOT NULL,
      seq bigint NOT NULL,
      deleted_at timestamptz,
      changed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (object, object_id)
    );
    CREATE INDEX sync_changes_user_position ON sync_changes (user_id, txid, seq);
  `,
  );
  // one statement per call: the function body contains semicolons at line ends
  await sql
    .raw(`
    CREATE FUNCTION record_sync_change() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      changed record;
    BEGIN
      IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
      INSERT INTO sync_changes (object, object_id, user_id, txid, seq, deleted_at, changed_at)
      VALUES (TG_ARGV[0], changed.id, changed.user_id, pg_current_xact_id(), nextval('sync_change_seq'),
              CASE WHEN TG_OP = 'DELETE' THEN now() END, now())
      ON CONFLICT (object, object_id) DO UPDATE
        SET txid = EXCLUDED.txid, seq = EXCLUDED.seq, deleted_at = EXCLUDED.deleted_at, changed_at = EXCLUDED.changed_at;
      RETURN NULL;
    END
    $$`)
    .execute(db);
  await runStatements(
    db,
    `
    CREATE TRIGGER verifications_sync AFTER INSERT OR UPDATE ON verifications
      FOR EACH ROW EXECUTE FUNCTION record_sync_change('verification');
    CREATE TRIGGER ledger_entries_sync AFTER INSERT ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION record_sync_change('ledger_entry');
  `,
  );
  await addNotificationSyncTrigger(db);
}

/** Adds the notifications trigger once; a no-op until the notifications table exists. */
export async function addNotificationSyncTrigger(db: Kysely<unknown>): Promise<void> {
  const table = await sql<{ exists: boolean }>`SELECT to_regclass('notifications') IS NOT NULL AS exists`.execute(db);
  const trigger = await sql<{
    exists: boolean;
  }>`SELECT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'notifications_sync') AS exists`.execute(db);
  if (!table.rows[0]?.exists || trigger.rows[0]?.exists) return;
  await sql
    .raw(`CREATE TRIGGER notifications_sync AFTER INSERT OR UPDATE OR DELETE ON notifications
      FOR EACH ROW EXECUTE FUNCTION record_sync_change('notification')`)
    .execute(db);
}
