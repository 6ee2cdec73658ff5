import { afterEach, describe, expect, it } from 'vitest';
import { appendBroadcast, appendEvent } from '../../src/storage/events/append-event.ts';
import { EventStore } from '../../src/events/event-store.ts';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';
import { insertUser } from './support.ts';

const low = {
  type: 'balance.low' as const,
  data: { balance: { amount: 1, currency: 'USD' }, threshold: { amount: 500, currency: 'USD' } },
};

describe.each(DRIVERS)('event sequences (%s)', (driver) => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  it('stay gapless and unique under concurrent transactions, rollbacks included', async () => {
    server = await createTestServer(driver);
    const { db } = server.database;
    const user = await insertUser(db);
    const attempts = Array.from({ length: 60 }, (_, i) =>
      db
        .transaction()
        .execute(async (trx) => {
          const event = await appendEvent(trx, { userId: user.userId, ...low });
          if (i % 5 === 0) throw new Error('rolled back');
          return event.sequence;
        })
        .catch(() => null),
    );
    const sequences = (await Promise.all(attempts)).filter((s): s is number => s !== null).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 48 }, (_, i) => i + 1));
    const store = new EventStore(db);
    expect(await store.latestSequence(user.userId)).toBe(48);
    expect((await store.range(user.userId, 0, 48)).map((e) => e.sequence)).toEqual(sequences);
  });

  it('gives every active user their own copy of a broadcast', async () => {
    server = await createTestServer(driver);
    const { db } = server.database;
    const a = await insertUser(db);
    const b = await insertUser(db);
    await db.transaction().execute((trx) => appendEvent(trx, { userId: a.userId, ...low }));
    const count = await db.transaction().execute((trx) => appendBroadcast(trx, { type: 'announcement.published', data: { hello: 1 } }, 1));
    expect(count).toBeGreaterThanOrEqual(2);
    const store = new EventStore(db);
    const [forA] = await store.range(a.userId, 1, 2);
    const [forB] = await store.range(b.userId, 0, 1);
    expect(forA).toMatchObject({ sequence: 2, type: 'announcement.published', data: { hello: 1 } });
    expect(forB).toMatchObject({ sequence: 1, type: 'announcement.published', data: { hello: 1 } });
    expect(forA!.id).not.toBe(forB!.id);
  });
});
