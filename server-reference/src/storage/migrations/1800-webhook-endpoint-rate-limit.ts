import { sql, type Kysely } from 'kysely';

/**
 * A delivery rate limit per webhook endpoint: the limit, and the next free send slot, which every node's
 * worker takes its slots from under the endpoint's row lock (so the limit holds across nodes).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE webhook_endpoints
      ADD COLUMN max_deliveries_per_second integer CHECK (max_deliveries_per_second BETWEEN 1 AND 1000),
      ADD COLUMN next_delivery_slot_at timestamptz
  `.execute(db);
}
