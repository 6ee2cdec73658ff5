import type { Kysely } from 'kysely';
import type { Database } from '../storage/database-schema.ts';

/** How long an idempotency key is remembered (the retention the spec promises). */
const IDEMPOTENCY_RETENTION_MS = 24 * 3600_000;

/**
 * Moves pending top-ups past `expires_at` to `expired` (a conditional UPDATE, so a payment callback that
 * lands at the same moment either wins or finds the top-up expired; a late successful payment is still
 * credited by the callback handler, as the money was taken). Returns how many expired.
 */
export async function expireOverdueTopUps(db: Kysely<Database>, now = new Date()): Promise<number> {
  const result = await db
    .updateTable('top_ups')
    .set({ status: 'expired', completed_at: now, failure_reason: 'checkout not completed in time' })
    .where('status', '=', 'pending')
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Deletes idempotency keys older than the retention, and claims abandoned for as long. Returns how many. */
export async function pruneIdempotencyKeys(db: Kysely<Database>, now = new Date()): Promise<number> {
  const result = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
