import type { UserEvent } from '../../src/storage/events/event-catalog.ts';
import type { EventConsumer } from '../../src/events/outbox-dispatcher.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/storage/database-schema.ts';

/** A consumer that records what it is handed, and fails while `failing` is set. */
export function recordingConsumer(name: string): EventConsumer & { seen: UserEvent[]; failing: boolean; calls: number } {
  const consumer = {
    name,
    seen: [] as UserEvent[],
    failing: false,
    calls: 0,
    async handle(events: UserEvent[]) {
      consumer.calls++;
      if (consumer.failing) throw new Error(`${name} is down`);
      consumer.seen.push(...events);
    },
  };
  return consumer;
}

/** A bare user row (the event tables only need the id), without going through registration. */
export async function insertUser(db: Kysely<Database>): Promise<{ userId: string }> {
  const { newId } = await import('../../src/storage/ids.ts');
  const userId = newId('usr');
  await db
    .insertInto('users')
    .values({ id: userId, email: `${userId}@example.com`, password_hash: 'x', role: 'user', tier_id: 'tier_basic', status: 'active' })
    .execute();
  return { userId };
}
