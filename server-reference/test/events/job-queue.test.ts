import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { JobQueue } from '../../src/storage/queue/job-queue.ts';
import { createTestServer, DRIVERS, type TestServer } from '../support/test-server.ts';

describe.each(DRIVERS)('job queue on pg-boss (%s)', (driver) => {
  let server: TestServer;
  const queues: JobQueue[] = [];
  const schemas = new Set<string>();
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.stop(2000)));
    if (driver === 'postgres') {
      for (const schema of schemas) await server.database.db.schema.dropSchema(schema).ifExists().cascade().execute();
    }
    schemas.clear();
    await server?.close();
  });

  const newQueue = (schema: string) => {
    schemas.add(schema);
    const queue = new JobQueue({ db: server.database.db, driver, databaseUrl: process.env.TEST_DATABASE_URL, schema });
    queues.push(queue);
    return queue;
  };

  it('runs each job once with two workers racing, and drops jobs of a rolled-back transaction', async () => {
    server = await createTestServer(driver);
    const schema = `jobs_${randomBytes(4).toString('hex')}`;
    const nodeA = newQueue(schema);
    const nodeB = newQueue(schema);
    await nodeA.start();
    await nodeB.start();
    const runs: Array<{ node: string; n: number }> = [];
    const worker = (node: string) => async (payload: { n: number }) => {
      runs.push({ node, n: payload.n });
    };
    await nodeA.registerWorker('test.race', worker('a'), { concurrency: 4, pollingIntervalSeconds: 0.5 });
    await nodeB.registerWorker('test.race', worker('b'), { concurrency: 4, pollingIntervalSeconds: 0.5 });

    const { db } = server.database;
    await db.transaction().execute(async (trx) => {
      for (let n = 0; n < 20; n++) await nodeA.enqueue(trx, 'test.race', { n });
    });
    await expect(
      db.transaction().execute(async (trx) => {
        await nodeB.enqueue(trx, 'test.race', { n: 999 });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');

    await expect.poll(() => runs.length, { timeout: 20_000, interval: 200 }).toBe(20);
    await new Promise((r) => setTimeout(r, 1500));
    expect(runs.map((r) => r.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('keeps one queued job per key on a unique queue, and honours runAt', async () => {
    server = await createTestServer(driver);
    const queue = newQueue(`jobs_${randomBytes(4).toString('hex')}`);
    await queue.start();
    await queue.defineQueue('test.unique', { unique: true });
    const later = new Date(Date.now() + 60_000);
    const first = await queue.enqueue(null, 'test.unique', { v: 1 }, { key: 'k', runAt: later });
    const second = await queue.enqueue(null, 'test.unique', { v: 2 }, { key: 'k', runAt: later });
    const other = await queue.enqueue(null, 'test.unique', { v: 3 }, { key: 'other', runAt: later });
    expect(first).toBeTruthy();
    expect(second).toBeNull();
    expect(other).toBeTruthy();
    const job = await queue.boss.getJobById('test.unique', first!);
    expect(job?.startAfter.getTime()).toBeGreaterThanOrEqual(later.getTime() - 1000);
  });
});
