import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { appendEvent, appendEvents } from '../../src/storage/events/append-event.ts';
import { OutboxDispatcher } from '../../src/events/outbox-dispatcher.ts';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';
import { insertUser, recordingConsumer } from './support.ts';

const low = (amount: number) => ({
  type: 'balance.low' as const,
  data: { balance: { amount, currency: 'USD' }, threshold: { amount: 500, currency: 'USD' } },
});

describe.each(DRIVERS)('transactional outbox (%s)', (driver) => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  it('publishes committed events only, once, and promptly after commit without idle polling', async () => {
    server = await createTestServer(driver);
    const { db } = server.database;
    const user = await insertUser(db);
    const consumer = recordingConsumer('probe');
    const dispatcher = new OutboxDispatcher({ db, consumers: [consumer], pollIntervalMs: 0 });
    await dispatcher.start();

    await expect(
      db.transaction().execute(async (trx) => {
        await appendEvent(trx, { userId: user.userId, ...low(1) });
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    const committed = await db.transaction().execute((trx) => appendEvent(trx, { userId: user.userId, ...low(2) }));

    await expect.poll(() => consumer.seen.length, { timeout: 5000 }).toBe(1);
    expect(consumer.seen[0]).toMatchObject({ id: committed.id, sequence: 1, data: { balance: { amount: 2 } } });
    expect(await dispatcher.drain()).toBe(0);
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM event_outbox WHERE consumer = 'probe'`.execute(db);
    expect(left.rows[0]!.n).toBe(0);
    await dispatcher.stop();
  });

  it('keeps consumers independent, retries a failing one, and survives a restart', async () => {
    server = await createTestServer(driver);
    const { db } = server.database;
    const user = await insertUser(db);
    const healthy = recordingConsumer('healthy');
    const flaky = recordingConsumer('flaky');
    flaky.failing = true;
    const first = new OutboxDispatcher({ db, consumers: [healthy, flaky], pollIntervalMs: 0 });
    await first.start();
    await db.transaction().execute((trx) =>
      appendEvents(
        trx,
        [1, 2, 3].map((n) => ({ userId: user.userId, ...low(n) })),
      ),
    );
    await first.drain();
    expect(healthy.seen.map((e) => e.sequence)).toEqual([1, 2, 3]);
    expect(flaky.seen).toEqual([]);
    expect(flaky.calls).toBe(1);
    await first.stop(); // "crash": flaky's rows are still in the outbox, held back by their backoff

    await sql`UPDATE event_outbox SET available_at = now() WHERE consumer = 'flaky'`.execute(db);
    const restarted = recordingConsumer('flaky');
    const again = recordingConsumer('healthy');
    const second = new OutboxDispatcher({ db, consumers: [again, restarted], pollIntervalMs: 0 });
    await second.start();
    await second.drain();
    expect(restarted.seen.map((e) => e.sequence)).toEqual([1, 2, 3]);
    expect(again.seen).toEqual([]); // the healthy consumer got nothing twice
    await second.stop();
  });

  it('hands each event to one of two dispatchers racing on the same outbox', async () => {
    server = await createTestServer(driver);
    const { db } = server.database;
    const user = await insertUser(db);
    const a = recordingConsumer('shared');
    const b = recordingConsumer('shared');
    const one = new OutboxDispatcher({ db, consumers: [a], pollIntervalMs: 0, batchSize: 7 });
    const two = new OutboxDispatcher({ db, consumers: [b], pollIntervalMs: 0, batchSize: 7 });
    await one.start();
    await two.start();
    await db.transaction().execute((trx) =>
      appendEvents(
        trx,
        Array.from({ length: 100 }, (_, i) => ({ userId: user.userId, ...low(i) })),
      ),
    );
    await Promise.all([one.drain(), two.drain(), one.drain(), two.drain()]);
    const ids = [...a.seen, ...b.seen].map((e) => e.id);
    expect(ids).toHaveLength(100);
    expect(new Set(ids).size).toBe(100);
    await one.stop();
    await two.stop();
  });
});
