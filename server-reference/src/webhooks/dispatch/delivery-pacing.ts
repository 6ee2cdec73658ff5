import { sql, type Kysely } from 'kysely';
import type { Database } from '../../storage/database-schema.ts';
import type { PreparedAttempt } from './delivery-runner.ts';

/** How far ahead a worker takes send slots; what it claimed beyond that goes back to the queue. */
export const PACING_HORIZON_MS = 1_000;

const inQueueOrder = (a: PreparedAttempt, b: PreparedAttempt) =>
  (a.delivery.next_attempt_at?.getTime() ?? 0) - (b.delivery.next_attempt_at?.getTime() ?? 0) || (a.delivery.id < b.delivery.id ? -1 : 1);

/**
 * Applies each endpoint's `max_deliveries_per_second` to attempts just claimed. Send slots are spaced
 * 1/rate apart from the endpoint's `next_delivery_slot_at`, which one statement reads and advances under the
 * endpoint's row lock, so workers on every node share one schedule. An attempt gets a slot within the next
 * PACING_HORIZON_MS (`notBefore`, when it may be sent); the others stay pending and leased until the first
 * slot nobody holds, then are claimed again: queued, never dropped. Test deliveries and endpoints
 * without a limit pass untouched.
 */
export async function paceAttempts(db: Kysely<Database>, attempts: PreparedAttempt[], nowMs: number): Promise<PreparedAttempt[]> {
  const limited = new Map<string, PreparedAttempt[]>();
  const ready: PreparedAttempt[] = [];
  for (const attempt of attempts) {
    if (!attempt.maxPerSecond || attempt.test) ready.push(attempt);
    else limited.set(attempt.delivery.endpoint_id, [...(limited.get(attempt.delivery.endpoint_id) ?? []), attempt]);
  }
  for (const [endpointId, group] of limited) {
    group.sort(inQueueOrder);
    const rate = group[0]!.maxPerSecond!;
    const now = new Date(nowMs);
    const { rows } = await sql<{ first_slot: Date; granted: number }>`
      WITH current_slot AS (
        SELECT id, greatest(coalesce(next_delivery_slot_at, ${now}), ${now}) AS first_slot
        FROM webhook_endpoints WHERE id = ${endpointId} FOR UPDATE),
      granted_slots AS (
        SELECT id, first_slot,
          least(${group.length}, greatest(0, ceil(extract(epoch FROM (${new Date(nowMs + PACING_HORIZON_MS)}::timestamptz - first_slot)) * ${rate})))::int AS granted
        FROM current_slot)
      UPDATE webhook_endpoints AS e SET next_delivery_slot_at = g.first_slot + make_interval(secs => g.granted::float8 / ${rate})
      FROM granted_slots AS g WHERE e.id = g.id
      RETURNING g.first_slot, g.granted`.execute(db);
    const slots = rows[0];
    // the endpoint is gone: the runner settles its attempts as it does for any deleted endpoint
    if (!slots) {
      ready.push(...group);
      continue;
    }
    const first = new Date(slots.first_slot).getTime();
    const spacing = 1000 / rate;
    for (const [i, attempt] of group.slice(0, slots.granted).entries()) ready.push({ ...attempt, notBefore: first + i * spacing });
    const waiting = group.slice(slots.granted);
    if (waiting.length > 0) {
      await db
        .updateTable('webhook_deliveries')
        .set({ locked_until: new Date(first + slots.granted * spacing) })
        .where(
          'id',
          'in',
          waiting.map((a) => a.delivery.id),
        )
        .execute();
    }
  }
  return ready;
}
