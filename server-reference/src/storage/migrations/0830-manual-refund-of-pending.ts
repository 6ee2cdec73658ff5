import { sql, type Kysely } from 'kysely';

/**
 * An administrator may refund a `pending` verification (spec: adminCreateRefund, "any status can be
 * refunded, and the status does not change"); 0001 forbade any refunded pending row, so that refund
 * failed at the database. The rule becomes: a pending verification is refunded only by hand. The old
 * constraint is found by its definition, since PostgreSQL named it by position.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    SELECT conname AS name FROM pg_constraint
    WHERE conrelid = 'verifications'::regclass AND contype = 'c'
      AND pg_get_constraintdef(oid) LIKE '%NOT refunded%' AND pg_get_constraintdef(oid) NOT LIKE '%manual%'
  `.execute(db);
  for (const { name } of rows) await sql`ALTER TABLE verifications DROP CONSTRAINT ${sql.id(name)}`.execute(db);
  await sql`
    ALTER TABLE verifications ADD CONSTRAINT verifications_pending_refunded_only_by_hand
      CHECK (status <> 'pending' OR NOT refunded OR refund_reason = 'manual')
  `.execute(db);
}
