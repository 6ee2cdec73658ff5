import { sql, type Kysely } from 'kysely';

/**
 * Per-endpoint delivery headers: the whole map sealed with the secret box (values may be credentials),
 * and the masked copy responses show, so reading an endpoint needs no decryption.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE webhook_endpoints
      ADD COLUMN headers_ciphertext text,
      ADD COLUMN headers_shown jsonb NOT NULL DEFAULT '{}'::jsonb
  `.execute(db);
}
