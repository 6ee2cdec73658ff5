import { sql, type Kysely } from 'kysely';

/**
 * "Another code" on a held number: when the owner last asked for one (cleared when the next code
 * arrives), and the index the SMS poller reads held rentals through (pending, or completed until
 * `expires_at`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE verifications ADD COLUMN another_code_requested_at timestamptz`.execute(db);
  await sql`
    CREATE INDEX verifications_held_rentals ON verifications (provider_id, expires_at)
      WHERE status IN ('pending', 'completed') AND provider_ref IS NOT NULL AND reported_at IS NULL
  `.execute(db);
}
