import type { Kysely } from 'kysely';
import type { Database } from '../../../server-reference/src/storage/database-schema.ts';
import { appendEvent } from '../../../server-reference/src/storage/events/append-event.ts';

/** The machine-wide clock: comparable across the processes of the benchmark. */
export const machineClock = () => performance.timeOrigin + performance.now();

/**
 * Appends `rate` events per second for `seconds`, round-robin over `userIds`, each in its own transaction,
 * open loop (a slow commit does not slow the offer). Resolves with when each event's COMMIT returned.
 */
export async function appendAtRate(
  db: Kysely<Database>,
  userIds: string[],
  rate: number,
  seconds: number,
): Promise<{ committed: Array<[string, number]>; offeredSeconds: number }> {
  const total = rate * seconds;
  const committed: Array<[string, number]> = [];
  const started = performance.now();
  const inFlight: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(
      db
        .transaction()
        .execute((trx) =>
          appendEvent(trx, {
            userId: userIds[i % userIds.length]!,
            type: 'balance.low',
            data: { balance: { amount: i, currency: 'USD' }, threshold: { amount: 500, currency: 'USD' } },
          }),
        )
        .then((event) => {
          committed.push([event.id, machineClock()]);
        }),
    );
  }
  await Promise.all(inFlight);
  return { committed, offeredSeconds: (performance.now() - started) / 1000 };
}
