import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedTiers } from '../../src/domain/demo-seed.ts';
import { EventStore } from '../../src/events/index.ts';
import { RealtimeHub } from '../../src/realtime/realtime-hub.ts';
import { subscribeHubToRedis } from '../../src/realtime/redis-fanout.ts';
import { createDatabase, type DatabaseHandle } from '../../src/storage/create-database.ts';
import { appendEvent } from '../../src/storage/events/append-event.ts';
import type { UserEvent } from '../../src/storage/events/event-catalog.ts';
import { newId } from '../../src/storage/ids.ts';
import { migrateToLatest } from '../../src/storage/migrate.ts';
import { balanceLow } from './support/realtime-harness.ts';

const REDIS = process.env.TEST_REDIS_URL;

/**
 * Messages published while a node's Redis subscription is down (a restart, a Sentinel failover) never
 * reach it. Once the subscription is back, the hub hands each connected user's latest event to its
 * streams again, and they fetch the gap from the store: an event committed during the outage arrives
 * although nothing announces it afterwards.
 */
describe.skipIf(!REDIS)('the real-time fan-out after its Redis subscription was cut', () => {
  let database: DatabaseHandle;
  let redis: Redis;
  beforeAll(async () => {
    database = await createDatabase({ databaseUrl: null, dataDir: 'memory://' });
    await migrateToLatest(database.db);
    await seedTiers(database.db);
    redis = new Redis(REDIS!, { maxRetriesPerRequest: 2 });
  });
  afterAll(async () => {
    redis?.disconnect();
    await database?.close();
  });

  it('re-reads each connected user latest event once the subscription is back', async () => {
    const { db } = database;
    const userId = newId('usr');
    await db
      .insertInto('users')
      .values({ id: userId, email: `${userId}@example.com`, password_hash: 'x', role: 'user', tier_id: 'tier_basic', status: 'active' })
      .execute();
    const hub = new RealtimeHub();
    const seen: UserEvent[] = [];
    hub.subscribe(userId, (event) => seen.push(event));
    const leave = await subscribeHubToRedis(hub, redis, new EventStore(db));
    try {
      // the subscription's connection is cut; the event is committed and never published
      await redis.call('CLIENT', 'KILL', 'TYPE', 'pubsub');
      await db.transaction().execute((trx) => appendEvent(trx, { userId, ...balanceLow(1) }));
      const deadline = Date.now() + 5000;
      while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(seen.map((e) => [e.userId, e.sequence])).toEqual([[userId, 1]]);
    } finally {
      await leave();
    }
  });
});
